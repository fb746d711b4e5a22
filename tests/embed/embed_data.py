"""Real sentences for the embedder tests: the seed articles and the shared labelled data.

(A plain module, not a conftest: ``tests/conftest.py`` already owns that module name.)
"""

from __future__ import annotations

import csv
import re

import pytest

from checker.home import PROJECT_ROOT, shared_data_dir

SEEDS = PROJECT_ROOT / "seeds"
# A sentence ends at . ! ? or the Arabic question mark, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def seed_sentences(min_chars: int = 25, max_chars: int = 320) -> list[str]:
    """Every sentence of the seed articles within a length range, in file order."""
    out = []
    for text in seed_texts().values():
        for piece in _SENTENCE_END.split(text):
            piece = piece.strip()
            if min_chars <= len(piece) <= max_chars:
                out.append(piece)
    return out


def farstail_rows(split: str = "val") -> list[tuple[str, str, str]]:
    path = shared_data_dir() / "farstail" / f"{split}.tsv"
    if not path.is_file():
        pytest.skip(f"shared data not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(r[0], r[1], r[2]) for r in reader if len(r) >= 3]


def ans_rows(split: str = "dev") -> list[tuple[str, str, str]]:
    path = shared_data_dir() / "ans" / f"stance_{split}.csv"
    if not path.is_file():
        pytest.skip(f"shared data not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["s1"], r["s2"], r["stance"]) for r in csv.DictReader(fh)]
