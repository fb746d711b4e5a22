"""``read_documents``: paths in, Documents and the reasons files were skipped out.

One bad file never stops a run: every failure becomes a ``Skipped`` entry with
one short reason, for the caller to print on stderr and list in the report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.errors import ReadError, UsageError
from checker.ingest.dates import parse_date_value
from checker.ingest.decode import Decoded, declared_html_charset, decode_bytes
from checker.ingest.discover import Target, discover
from checker.ingest.formats import BadRecord, Record, read_html, read_json, read_jsonl, read_text, record_from
from checker.ingest.layout import analyse
from checker.text.langid import detect_language
from checker.types import Article, Document, Skipped

_HTML = {".html", ".htm", ".xhtml"}
_MARKDOWN = {".md", ".markdown"}
_JSONL = {".jsonl", ".ndjson"}
_MB = 1024 * 1024
_LANGID_CHARS = 20_000  # an article's language shows in its first pages


def markup_of(path: str) -> str:
    """``"markdown"`` for a Markdown file's Document.path, else ``"text"``."""
    return "markdown" if Path(path.split("#", 1)[0]).suffix.lower() in _MARKDOWN else "text"


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= 0.1 * _MB else f"{n / 1024:.1f} kB"


def _read_bytes(path: Path, max_mb: float) -> bytes:
    try:
        info = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            what = " (symbolic link loop)"
        elif path.is_symlink():
            what = " (broken symbolic link)"
        else:
            what = ""
        raise ReadError(str(path), f"unreadable{what}: {e.strerror or e}") from e
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(str(path), "unreadable: not a regular file")
    if info.st_size > max_mb * _MB:
        raise ReadError(str(path), f"too large ({_size(info.st_size)} > {max_mb:g} MB limit)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(int(max_mb * _MB) + 1)
    except OSError as e:
        raise ReadError(str(path), f"unreadable: {e.strerror or e}") from e
    if len(data) > max_mb * _MB:
        raise ReadError(str(path), f"too large (more than {max_mb:g} MB)")
    if not data:
        raise ReadError(str(path), "empty file")
    return data


def _records(target: Target, max_mb: float) -> tuple[list[Record | BadRecord], str]:
    data = _read_bytes(target.path, max_mb)
    suffix = target.path.suffix.lower()
    try:
        decoded: Decoded = decode_bytes(data, declared_html_charset(data) if suffix in _HTML else None)
    except ReadError as e:
        raise ReadError(target.display, e.reason) from e
    text = decoded.text
    if not text.strip():
        raise ReadError(target.display, "empty file (only whitespace)")
    if suffix in _HTML:
        return [read_html(text)], decoded.encoding
    if suffix == ".json":
        try:
            return list(read_json(text)), decoded.encoding
        except ValueError as e:
            raise ReadError(target.display, str(e)) from e
    if suffix in _JSONL:
        return list(read_jsonl(text)), decoded.encoding
    plain: list[Record | BadRecord] = [*read_text(text, "markdown" if suffix in _MARKDOWN else "text")]
    return plain, decoded.encoding


def build_document(path: str, record: Record, encoding: str = "utf-8") -> Document:
    """Layout analysis (headline, dateline, furniture), date and language for one record."""
    layout = analyse(record.source, markup=record.markup, headline=record.headline)
    date, origin = record.date, "metadata" if record.date else None
    if date is None and layout.front_matter:
        date = parse_date_value(layout.front_matter.get("date"))
        origin = "metadata" if date else None
    if date is None and layout.dateline is not None:
        date, origin = layout.dateline.date, "dateline"
    headline_text = record.source[layout.headline.start : layout.headline.end] if layout.headline else None
    return Document(
        path=path,
        lang=record.lang or detect_language(record.source[:_LANGID_CHARS]),
        source=record.source,
        headline=layout.headline,
        date=date,
        date_origin=origin,
        time=record.time if record.date is not None and date == record.date else None,
        title=record.title or headline_text,
        url=record.url,
        outlet=record.outlet,
        encoding=encoding,
        furniture=layout.furniture,
    )


def read_documents(paths: Sequence[str | Path], config: Config) -> tuple[list[Document], list[Skipped]]:
    """Read every article under ``paths``.

    Args:
        paths: files and folders; folders are walked recursively with
            ``config.include`` / ``config.excluded``; with ``config.force_exclude`` named files
            are filtered by the excludes too.
        config: the run's settings (globs, ``max_file_mb``).

    Returns:
        The documents, sorted by path whatever the order of ``paths`` (``Document.path``
        is the path as given, joined
        with the file inside a folder, plus ``#N`` for the N-th record of a JSON
        list or JSONL file), and the skipped files or records with one short
        reason each. Never raises for a bad file.
    """
    targets, skipped = discover(paths, config.include, config.excluded, config.force_exclude)
    documents, unread = read_targets(targets, config.max_file_mb)
    return documents, [*skipped, *unread]


def read_targets(targets: Sequence[Target], max_mb: float) -> tuple[list[Document], list[Skipped]]:
    """Read the files ``discover`` chose (a slice of them, for engines that read in parallel)."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for target in targets:
        try:
            records, encoding = _records(target, max_mb)
        except ReadError as e:
            skipped.append(Skipped(target.display, e.reason))
            continue
        for item in records:
            if isinstance(item, BadRecord):
                skipped.append(Skipped(target.display + item.suffix, item.reason))
            else:
                documents.append(build_document(target.display + item.suffix, item, encoding))
    return documents, skipped


def read_articles(articles: Sequence[Article | Mapping[str, Any]]) -> tuple[list[Document], list[Skipped]]:
    """In-memory articles (``Article`` or mappings with its fields) as Documents, read like JSON
    records: the title above the text, the date from metadata, the outlet as ``source``.

    An article without text is skipped with the reason; two articles with one ``id`` are a usage
    error (their findings could not be told apart).
    """
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for n, article in enumerate(articles, start=1):
        if isinstance(article, Article):
            fields = dataclasses.asdict(article)
        elif isinstance(article, Mapping):
            fields = dict(article)
        else:
            raise UsageError(f"article {n}: an Article or a mapping, not {type(article).__name__}")
        ident = str(fields.pop("id", None) or f"article-{n}")
        if ident in seen:
            raise UsageError(f"two articles have the id {ident!r}")
        seen.add(ident)
        if isinstance(fields.get("date"), dt.date):
            fields["date"] = fields["date"].isoformat()
        item = record_from(fields)
        if isinstance(item, BadRecord):
            skipped.append(Skipped(ident, item.reason))
        else:
            documents.append(build_document(ident, item))
    return documents, skipped
