"""Labelled NLI pairs from ../shared/data: ANS stance (Arabic) and FarsTail (Persian).

The files are read where they lie (never copied into the project) with a real CSV
parser, because ANS headlines contain commas and FarsTail fields contain quotes.
Labels are mapped onto the three NLI names used everywhere in the checker.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ReadError
from checker.home import shared_data_dir

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")
LABEL_INDEX = {name: i for i, name in enumerate(LABELS)}

ANS_LABELS = {"agree": "entailment", "disagree": "contradiction", "other": "neutral"}
FARSTAIL_LABELS = {"e": "entailment", "n": "neutral", "c": "contradiction"}

# (dataset, split) -> (relative path, delimiter, premise column, hypothesis column, label column, label map)
_SOURCES: dict[tuple[str, str], tuple[str, str, str, str, str, dict[str, str]]] = {
    ("ans", "train"): ("ans/stance_train.csv", ",", "s1", "s2", "stance", ANS_LABELS),
    ("ans", "dev"): ("ans/stance_dev.csv", ",", "s1", "s2", "stance", ANS_LABELS),
    ("farstail", "train"): ("farstail/train.tsv", "\t", "premise", "hypothesis", "label", FARSTAIL_LABELS),
    ("farstail", "dev"): ("farstail/val.tsv", "\t", "premise", "hypothesis", "label", FARSTAIL_LABELS),
}
DATASET_LANG = {"ans": "ar", "farstail": "fa"}


@dataclass(frozen=True)
class NLIExample:
    """One labelled pair; ``source`` says where it came from (a dataset or a perturbation kind)."""

    premise: str
    hypothesis: str
    label: str  # one of LABELS
    lang: str  # "ar" | "fa"
    source: str  # "ans", "farstail", or "gen:<kind>"


def dataset_path(dataset: str, split: str, data_dir: Path | None = None) -> Path:
    """Where a split lives; ``split`` is "train" or "dev" (FarsTail's "val")."""
    if (dataset, split) not in _SOURCES:
        known = ", ".join(f"{d}/{s}" for d, s in _SOURCES)
        raise ValueError(f"unknown split {dataset}/{split}; known: {known}")
    return (data_dir or shared_data_dir()) / _SOURCES[(dataset, split)][0]


def _rows(path: Path, delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReadError(str(path), f"cannot open labelled data ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        for row in reader:
            yield reader.line_num, row


def load_split(dataset: str, split: str, data_dir: Path | None = None) -> list[NLIExample]:
    """All pairs of one split, in file order.

    Raises:
        ReadError: the file is missing, or a row has an empty field or an unknown label.
    """
    path = dataset_path(dataset, split, data_dir)
    _, delimiter, p_col, h_col, l_col, label_map = _SOURCES[(dataset, split)]
    lang = DATASET_LANG[dataset]
    out: list[NLIExample] = []
    for line, row in _rows(path, delimiter):
        premise, hypothesis, raw = (
            (row.get(p_col) or "").strip(),
            (row.get(h_col) or "").strip(),
            (row.get(l_col) or "").strip(),
        )
        if raw not in label_map:
            raise ReadError(
                str(path), f"line {line}: unknown label {raw!r} (expected one of {sorted(label_map)})"
            )
        if not premise or not hypothesis:
            raise ReadError(str(path), f"line {line}: empty premise or hypothesis")
        out.append(NLIExample(premise, hypothesis, label_map[raw], lang, dataset))
    if not out:
        raise ReadError(str(path), "no labelled pairs")
    return out
