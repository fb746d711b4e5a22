"""Real articles for the NLI data: Egyptian press (Arabic) and Fars News (Persian), with fixed splits.

Read where they lie in ../shared/data/real (never copied into the project). The splits keep
training and evaluation apart:

- ``eg_press_2013.jsonl.xz``: only articles dated **before 2013-02-15** are used at all (later ones
  belong to the real-news benchmark). Of those, 2013-02-01 .. 2013-02-14 is held back for the NLI
  dev and test sets (``"dev"``); 2012-12-12 .. 2013-01-31 is for training (``"train"``). A block of
  days rather than a random sample, so that one event's coverage does not land on both sides.
- ``fa_farsnews.jsonl``: split by article (a stable hash of the URL): one article in five is
  ``"dev"``.
- ``fa_stance_headline_claim.tsv`` is CC BY-NC: evaluation only, read by eval/, never here.
"""

from __future__ import annotations

import hashlib
import json
import lzma
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from checker.errors import ReadError
from checker.home import shared_data_dir

Split = Literal["train", "dev"]

EG_PRESS = "real/eg_press_2013.jsonl.xz"
FARSNEWS = "real/fa_farsnews.jsonl"
# articles on or after this date belong to the real-news benchmark: never read for the NLI model
BENCHMARK_FROM = "2013-02-15"
# the held-back block (NLI dev and test sets) of the pre-benchmark articles
EG_DEV_FROM = "2013-02-01"


@dataclass(frozen=True)
class Article:
    id: str  # stable: outlet + date + a digest of the title
    title: str
    text: str
    date: str  # YYYY-MM-DD ("" when unknown)
    source: str  # outlet
    lang: str  # "ar" | "fa"


def eg_press_split(date: str) -> Split | None:
    """Which side an eg_press article of ``date`` is on; None for benchmark dates (or no date)."""
    if not date or date >= BENCHMARK_FROM:
        return None
    return "dev" if date >= EG_DEV_FROM else "train"


def farsnews_split(url: str) -> Split:
    return "dev" if int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 5 == 0 else "train"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _lines(path: Path) -> Iterator[str]:
    try:
        opener = lzma.open if path.suffix == ".xz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            yield from fh
    except OSError as exc:
        raise ReadError(str(path), f"cannot read real articles ({exc})") from exc


def eg_press(split: Split, data_dir: Path | None = None) -> list[Article]:
    """Egyptian press articles of one split (dated before the benchmark's first day), in file order."""
    path = (data_dir or shared_data_dir()) / EG_PRESS
    out = []
    for line in _lines(path):
        d = json.loads(line)
        date = str(d.get("date") or "")[:10]
        if eg_press_split(date) != split:
            continue
        title, text = str(d.get("title") or ""), str(d.get("text") or "")
        source = str(d.get("source") or "")
        out.append(Article(f"{source}:{date}:{_digest(title + text[:200])}", title, text, date, source, "ar"))
    return out


def farsnews(split: Split, data_dir: Path | None = None) -> list[Article]:
    """Fars News articles of one split (by a hash of the URL), in file order."""
    path = (data_dir or shared_data_dir()) / FARSNEWS
    out = []
    for line in _lines(path):
        if not line.strip():
            continue
        d = json.loads(line)
        url = str(d.get("url") or d.get("title") or "")
        if farsnews_split(url) != split:
            continue
        out.append(
            Article(
                f"farsnews:{_digest(url)}",
                str(d.get("title") or ""),
                str(d.get("text") or ""),
                "",
                "farsnews",
                "fa",
            )
        )
    return out
