"""Readers of the real-news files with stable article ids, a by-date index, and ``materialise``.

Ids are what the committed benchmark files refer to, so they never depend on anything but the
position of a record in its file:

* ``eg:<n>``: the n-th line (0-based) of ``real/eg_press_2013.jsonl.xz``;
* ``fars:<n>``: the n-th line (0-based) of ``real/fa_farsnews.jsonl``;
* ``stance:<n>``: the n-th data row (0-based, header not counted) of
  ``real/fa_stance_headline_claim.tsv``.

The Egyptian file is 46 MB of xz (335 MB of JSON); decompressing it takes a few seconds, so the
first call of :meth:`EgIndex.open` splits it into one gzip JSON-lines shard per date under
``$CHECKER_HOME/real/`` (never in git), keyed by the file's SHA-256. Reading a day, or a cluster,
then reads one or two small shards.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import lzma
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from checker.home import checker_home, shared_data_dir

EG_PRESS = "eg_press_2013.jsonl.xz"
FARSNEWS = "fa_farsnews.jsonl"
STANCE = "fa_stance_headline_claim.tsv"

#: The benchmark uses eg_press articles dated on or after this day only; earlier ones are reserved
#: for training the NLI model.
BENCHMARK_START = "2013-02-15"

#: The fields of a materialised article file, in this order.
RECORD_FIELDS = ("title", "text", "date", "time", "source", "section")

INDEX_FORMAT = 1


class RealDataError(Exception):
    """A real-news file is missing or does not hold what the benchmark expects."""


@dataclass(frozen=True)
class Article:
    """One real article, with its stable id (``eg:12``, ``fars:3``)."""

    id: str
    title: str
    text: str
    date: str  # YYYY-MM-DD; "" when the file has none (Fars News)
    time: str
    source: str  # the outlet
    section: str

    @property
    def file_name(self) -> str:
        """The stable file name ``materialise`` writes: ``eg:12`` -> ``eg-12.json``."""
        return file_name(self.id)

    def record(self) -> dict[str, str]:
        """The JSON record the checker ingests (title, text, date, source, plus time and section)."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}


@dataclass(frozen=True)
class StancePair:
    """One row of the Persian claim/headline stance file."""

    id: str  # stance:<n>
    claim: str
    headline: str
    stance: str  # agree | disagree | discuss | unrelated


def file_name(article_id: str) -> str:
    """``eg:12`` -> ``eg-12.json``; the checker's finding ids derive from this name."""
    return article_id.replace(":", "-") + ".json"


def real_dir(data_dir: Path | None = None) -> Path:
    """The folder of the real-news files: ``<data>/real`` (``$CHECKER_DATA`` or ../shared/data)."""
    return (data_dir or shared_data_dir()) / "real"


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise RealDataError(f"{path}: not found (set CHECKER_DATA to the shared data folder)")
    return path


def _eg_article(line_no: int, rec: dict[str, str]) -> Article:
    return Article(
        id=f"eg:{line_no}",
        title=rec["title"],
        text=rec["text"],
        date=rec["date"],
        time=rec["time"],
        source=rec["source"],
        section=rec["section"],
    )


def iter_eg_press(path: Path | None = None) -> Iterator[Article]:
    """Every Egyptian article in file order, decompressed as a stream (no cache involved)."""
    with lzma.open(_existing(path or real_dir() / EG_PRESS), "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            yield _eg_article(n, json.loads(line))


def iter_farsnews(path: Path | None = None) -> Iterator[Article]:
    """Every Fars News article in file order; they carry no date."""
    with _existing(path or real_dir() / FARSNEWS).open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            rec = json.loads(line)
            yield Article(
                id=f"fars:{n}",
                title=rec["title"],
                text=rec["text"],
                date="",
                time="",
                source=rec["source"],
                section=rec["section"],
            )


def iter_stance(path: Path | None = None) -> Iterator[StancePair]:
    """The rows of the Persian stance file, header skipped.

    Fields are split on tabs only (``QUOTE_NONE``): a few claims start with a quoted word
    (``"ایران" بزرگ‌ترین ...``) that a quoting CSV reader would silently strip.
    """
    with _existing(path or real_dir() / STANCE).open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        if header != ["claim", "headline", "stance"]:
            raise RealDataError(f"{STANCE}: unexpected header {header}")
        for n, row in enumerate(rows):
            if len(row) != 3:
                raise RealDataError(f"{STANCE}: data row {n} has {len(row)} fields, not 3")
            yield StancePair(id=f"stance:{n}", claim=row[0], headline=row[1], stance=row[2])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_cache_root() -> Path:
    """Where the by-date shards live: ``$CHECKER_HOME/real``."""
    return checker_home() / "real"


class EgIndex:
    """The Egyptian articles by date: ids, outlets, and one shard per date to read a day fast.

    Use :meth:`open`, which builds the shards on first use (about 10 s) and loads them after.
    """

    def __init__(self, folder: Path, by_date: dict[str, list[tuple[int, str]]]) -> None:
        self.folder = folder
        self._by_date = by_date
        self._meta: dict[int, tuple[str, str]] = {
            line: (date, source) for date, rows in by_date.items() for line, source in rows
        }

    @classmethod
    def open(cls, path: Path | None = None, cache_root: Path | None = None) -> EgIndex:
        """The index of ``path`` (default: the shared eg_press file), built into the cache if needed."""
        path = _existing(path or real_dir() / EG_PRESS)
        folder = (cache_root or default_cache_root()) / f"eg_press-{_sha256(path)[:16]}"
        index_file = folder / "index.json"
        if not index_file.is_file():
            _build(path, folder)
        data = json.loads(index_file.read_text(encoding="utf-8"))
        if data.get("format") != INDEX_FORMAT:
            shutil.rmtree(folder)
            _build(path, folder)
            data = json.loads(index_file.read_text(encoding="utf-8"))
        by_date = {d: [(int(n), s) for n, s in rows] for d, rows in data["dates"].items()}
        return cls(folder, by_date)

    def __len__(self) -> int:
        return len(self._meta)

    def dates(self) -> list[str]:
        """Every date with at least one article, in order."""
        return sorted(self._by_date)

    def ids_on(self, date: str) -> list[str]:
        """The ids of the articles dated ``date``, in file order."""
        return [f"eg:{n}" for n, _ in self._by_date.get(date, [])]

    def date_of(self, article_id: str) -> str:
        return self._meta[_line(article_id)][0]

    def source_of(self, article_id: str) -> str:
        return self._meta[_line(article_id)][1]

    def day(self, date: str) -> list[Article]:
        """Every article dated ``date``, in file order."""
        shard = self.folder / "shards" / f"{date}.jsonl.gz"
        if not shard.is_file():
            return []
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            return [_eg_article(rec.pop("line"), rec) for rec in map(json.loads, f)]

    def days(self, dates: Iterable[str]) -> Iterator[Article]:
        """The articles of each date in turn."""
        for date in dates:
            yield from self.day(date)

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """The articles with these ids, in the order given; an unknown id raises RealDataError."""
        unknown = [i for i in ids if not i.startswith("eg:") or _line(i) not in self._meta]
        if unknown:
            raise RealDataError(f"unknown eg_press ids: {', '.join(unknown[:5])}")
        wanted = set(ids)
        found = {a.id: a for a in self.days(sorted({self.date_of(i) for i in ids})) if a.id in wanted}
        return [found[i] for i in ids]


def _line(article_id: str) -> int:
    prefix, _, number = article_id.partition(":")
    if prefix != "eg" or not number.isdigit():
        raise RealDataError(f"not an eg_press id: {article_id!r}")
    return int(number)


def _build(path: Path, folder: Path) -> None:
    """Split the xz file into per-date gzip shards and write index.json, atomically."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=folder.parent))
    try:
        (tmp / "shards").mkdir()
        shards: dict[str, IO[str]] = {}
        by_date: dict[str, list[tuple[int, str]]] = {}
        count = 0
        try:
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for n, line in enumerate(f):
                    rec = json.loads(line)
                    date = rec["date"]
                    if date not in shards:
                        shard = tmp / "shards" / f"{date}.jsonl.gz"
                        shards[date] = gzip.open(shard, "wt", encoding="utf-8", compresslevel=3)
                    shards[date].write(json.dumps({"line": n, **rec}, ensure_ascii=False) + "\n")
                    by_date.setdefault(date, []).append((n, rec["source"]))
                    count = n + 1
        finally:
            for shard_file in shards.values():
                shard_file.close()
        index = {"format": INDEX_FORMAT, "file": path.name, "count": count, "dates": by_date}
        (tmp / "index.json").write_text(json.dumps(index), encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:  # another process built it first
            if not (folder / "index.json").is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def load_articles(ids: Sequence[str], index: EgIndex | None = None) -> list[Article]:
    """Articles of any of the real files by id (``eg:`` and ``fars:``), in the order given."""
    eg_ids = [i for i in ids if i.startswith("eg:")]
    fars_ids = {i for i in ids if i.startswith("fars:")}
    other = [i for i in ids if not i.startswith(("eg:", "fars:"))]
    if other:
        raise RealDataError(f"ids of no article file: {', '.join(other[:5])}")
    found: dict[str, Article] = {}
    if eg_ids:
        found.update((a.id, a) for a in (index or EgIndex.open()).articles(eg_ids))
    if fars_ids:
        found.update((a.id, a) for a in iter_farsnews() if a.id in fars_ids)
        missing = fars_ids - found.keys()
        if missing:
            raise RealDataError(f"unknown farsnews ids: {', '.join(sorted(missing)[:5])}")
    return [found[i] for i in ids]


def write_articles(articles: Iterable[Article], folder: Path) -> list[Path]:
    """Write each article as ``<folder>/<id with ':' as '-'>.json``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / article.file_name
        path.write_text(json.dumps(article.record(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def materialise(ids: Sequence[str], folder: Path, index: EgIndex | None = None) -> list[Path]:
    """Write the articles with these ids into ``folder`` as JSON files the checker reads."""
    return write_articles(load_articles(ids, index), folder)


def stance_documents(pair: StancePair) -> tuple[Article, Article]:
    """A stance row as two articles: the claim (no title) and the headline (title and text)."""
    claim = Article(f"{pair.id}-claim", "", pair.claim, "", "", "claim", "")
    headline = Article(f"{pair.id}-headline", pair.headline, pair.headline, "", "", "headline", "")
    return claim, headline


def materialise_stance(
    pairs: Iterable[StancePair], folder: Path, stances: Sequence[str] = ("agree", "disagree")
) -> list[Path]:
    """Write each pair with one of ``stances`` as a two-document corpus ``<folder>/stance-<n>/``.

    Returns the corpus folders, in file order.
    """
    corpora = []
    for pair in pairs:
        if pair.stance in stances:
            corpus = folder / file_name(pair.id).removesuffix(".json")
            write_articles(stance_documents(pair), corpus)
            corpora.append(corpus)
    return corpora


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m eval.real.data``: build (or load) the index and print how long it took."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--rebuild", action="store_true", help="delete the cached shards first")
    args = parser.parse_args(argv)
    if args.rebuild:
        for old in default_cache_root().glob("eg_press-*"):
            shutil.rmtree(old)
    start = time.perf_counter()
    index = EgIndex.open()
    seconds = time.perf_counter() - start
    print(f"{len(index)} articles, {len(index.dates())} dates, {seconds:.1f} s: {index.folder}")


if __name__ == "__main__":
    main()
