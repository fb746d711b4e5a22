"""Real inputs for the fact-extraction tests: the seed articles, read and segmented by the
project's own ingest and claims stages, and real sentences from ANS and FarsTail."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from checker.claims import extract_claims
from checker.config import Config
from checker.home import shared_data_dir
from checker.ingest import read_documents
from checker.types import Claim, Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@cache
def seed_documents() -> tuple[Document, ...]:
    docs, skipped = read_documents([str(SEEDS)], Config())
    if skipped:
        raise RuntimeError(f"seeds could not be read: {skipped}")
    return tuple(sorted(docs, key=lambda d: d.path))


def seed(prefix: str) -> Document:
    [doc] = [d for d in seed_documents() if Path(d.path).name.startswith(prefix)]
    return doc


@cache
def seed_claims(prefix: str) -> tuple[Claim, ...]:
    return tuple(extract_claims(seed(prefix)))


def seed_sentence(prefix: str, needle: str) -> str:
    """The claim of a seed that contains ``needle`` (verbatim)."""
    found = [c.text for c in seed_claims(prefix) if needle in c.text]
    if not found:
        raise LookupError(f"no claim of seed {prefix} contains {needle!r}")
    return found[0]


@cache
def ans_sentences() -> tuple[str, ...]:
    path = shared_data_dir() / "ans" / "stance_train.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(dict.fromkeys(s for r in rows for s in (r["s1"], r["s2"])))


@cache
def farstail_premises() -> tuple[str, ...]:
    path = shared_data_dir() / "farstail" / "train.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return tuple(dict.fromkeys(row[0] for row in reader if row))
