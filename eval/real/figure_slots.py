"""Figure-slot labels: sentences with figures, each figure with what it counts and how it is given.

figure_slots.jsonl holds one JSON object per sentence:

    {"id": "eg:15039", "sentence": "<verbatim>", "split": "dev" | "test",
     "figures": [{"surface": "<verbatim number phrase>", "value": 14, "measure": "killed",
                  "qualifiers": ["..."], "status": "preliminary", "note": "..."}]}

``split`` is fixed by the article id (:func:`split_of`), so that every sentence of one article
falls on the same side. See README.md ("Labelling guide") for the meaning of each status.

    python -m eval.real.figure_slots     # validate against the schema and the articles, print counts
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.real.data import Article, RealDataError, load_articles

FIGURE_SLOTS = Path(__file__).with_name("figure_slots.jsonl")

MEASURES = (
    "killed",
    "injured",
    "died_of_wounds",
    "arrested",
    "missing",
    "evacuated",
    "amount",
    "price",
    "rate",
    "count",
    "other",
)
#: exact; hedged (about, nearly, more than, at least); preliminary ("initial information", "so
#: far"); updated ("rose to", "the toll reached"); partial (a part: "among them", "including");
#: cumulative (a running total).
STATUSES = ("exact", "hedged", "preliminary", "updated", "partial", "cumulative")
ROW_KEYS = {"id", "sentence", "split", "figures"}
FIGURE_KEYS = {"surface", "value", "measure", "qualifiers", "status"}


@dataclass(frozen=True)
class Figure:
    surface: str
    value: float
    measure: str
    qualifiers: tuple[str, ...]
    status: str
    note: str = ""


@dataclass(frozen=True)
class SlotRow:
    id: str
    sentence: str
    split: str
    figures: tuple[Figure, ...]


def split_of(article_id: str) -> str:
    """``dev`` or ``test``, fixed by the parity of the first byte of SHA-256(article id)."""
    return "dev" if hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def row_problems(obj: Any, where: str = "") -> list[str]:
    """Schema problems of one JSON object (an empty list when it is a valid row)."""
    if not isinstance(obj, dict):
        return [f"{where}: not an object"]
    found = []
    if set(obj) != ROW_KEYS:
        found.append(f"{where}: keys {sorted(obj)} are not {sorted(ROW_KEYS)}")
        return found
    if not isinstance(obj["id"], str) or not obj["id"].startswith(("eg:", "fars:")):
        found.append(f"{where}: id {obj['id']!r} is not an eg: or fars: id")
    elif obj["split"] != split_of(obj["id"]):
        found.append(f"{where}: split {obj['split']!r} is not {split_of(obj['id'])!r}")
    sentence = obj["sentence"]
    if not isinstance(sentence, str) or not sentence.strip():
        return [*found, f"{where}: empty sentence"]
    if not isinstance(obj["figures"], list) or not obj["figures"]:
        return [*found, f"{where}: no figures"]
    for n, fig in enumerate(obj["figures"]):
        here = f"{where} figure {n}"
        if not isinstance(fig, dict) or not FIGURE_KEYS <= set(fig) <= FIGURE_KEYS | {"note"}:
            found.append(f"{here}: keys must be {sorted(FIGURE_KEYS)} (and optionally note)")
            continue
        if not isinstance(fig["surface"], str) or fig["surface"] not in sentence:
            found.append(f"{here}: surface {fig['surface']!r} is not in the sentence")
        if isinstance(fig["value"], bool) or not isinstance(fig["value"], int | float):
            found.append(f"{here}: value {fig['value']!r} is not a number")
        if fig["measure"] not in MEASURES:
            found.append(f"{here}: measure {fig['measure']!r} not in {MEASURES}")
        if fig["status"] not in STATUSES:
            found.append(f"{here}: status {fig['status']!r} not in {STATUSES}")
        quals = fig["qualifiers"]
        if not isinstance(quals, list) or not all(isinstance(q, str) for q in quals):
            found.append(f"{here}: qualifiers must be a list of strings")
        if "note" in fig and not isinstance(fig["note"], str):
            found.append(f"{here}: note must be a string")
    return found


def load_figure_slots(path: Path = FIGURE_SLOTS) -> list[SlotRow]:
    """The rows of ``path``; a row that breaks the schema raises RealDataError."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        obj = json.loads(line)
        problems = row_problems(obj, f"line {n}")
        if problems:
            raise RealDataError("; ".join(problems))
        figures = tuple(
            Figure(
                f["surface"], f["value"], f["measure"], tuple(f["qualifiers"]), f["status"], f.get("note", "")
            )
            for f in obj["figures"]
        )
        rows.append(SlotRow(obj["id"], obj["sentence"], obj["split"], figures))
    return rows


def sentence_problems(rows: Sequence[SlotRow], articles: dict[str, Article]) -> list[str]:
    """Sentences that are not verbatim in their article's title or text."""
    found = []
    for row in rows:
        article = articles.get(row.id)
        if article is None:
            found.append(f"{row.id}: article not loaded")
        elif row.sentence not in article.text and row.sentence not in article.title:
            found.append(f"{row.id}: sentence not in the article: {row.sentence[:60]!r}")
    return found


def main() -> int:
    """Validate figure_slots.jsonl against the schema and the articles; print counts."""
    rows = load_figure_slots()
    ids = sorted({r.id for r in rows})
    found = sentence_problems(rows, {a.id: a for a in load_articles(ids)})
    for line in found:
        print(line)
    figures = [f for r in rows for f in r.figures]
    langs = Counter("fa" if r.id.startswith("fars:") else "ar" for r in rows)
    print(f"{len(rows)} sentences ({langs['ar']} Arabic, {langs['fa']} Persian), {len(figures)} figures")
    print("split: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r.split for r in rows).items())))
    print("measure: " + ", ".join(f"{k} {n}" for k, n in Counter(f.measure for f in figures).most_common()))
    print("status: " + ", ".join(f"{k} {n}" for k, n in Counter(f.status for f in figures).most_common()))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
