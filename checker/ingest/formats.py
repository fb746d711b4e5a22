"""Readers for each input format: decoded text in, article records out.

What ``source`` (the text every offset points into) is, per format:

* ``.txt``: the decoded file, verbatim (a UTF-8 byte-order mark left out).
  Offsets are character offsets; lines are the file's lines.
* ``.md``: the decoded file, verbatim, Markdown markup included; claims skip
  the ``#``/list/quote markers at the start of a line.
* ``.html``: *not* the markup. The main text trafilatura extracts (one
  paragraph per line), preceded by the page title and a blank line when the
  extracted text does not already start with it. Lines and offsets refer to
  that extracted text, which is what a report shows.
* ``.json`` / ``.jsonl``: the record's ``title``, a blank line, then its
  ``text`` (or ``body``, or ``content``) field; lines count from the title
  line, so an offset into the text field is shifted by the title's length + 2.
  When the text already starts with the title, the text alone.

Records are dicts; a JSON file holds one record or a list of them, a JSONL file
one per line. Metadata fields: ``date`` (or ``published``; an ISO datetime also gives the time),
``time`` (``HH:MM[:SS]``), ``source`` (the outlet), ``url``, ``lang``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.ingest.dates import parse_date_value, parse_time_value
from checker.ingest.layout import Markup
from checker.text.normalize import normalize_for_matching
from checker.text.tokens import words
from checker.types import Span

TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "published_at", "datePublished")
MIN_HTML_WORDS = 3
# Python's JSON reader recurses once per level and stops near its recursion limit (1,000)
_SURROGATE = re.compile("[\ud800-\udfff]")
TOO_DEEP = "JSON nested too deeply to read{where} (some 1,000 lists or objects inside one another)"


@dataclass(frozen=True)
class Record:
    """One article read from a file, before layout analysis."""

    source: str
    markup: Markup = "text"
    suffix: str = ""  # "#3" for the third record of a JSON list / JSONL file
    headline: Span | None = None  # known from metadata
    title: str | None = None
    date: dt.date | None = None  # from metadata
    time: dt.time | None = None  # from metadata
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None  # from metadata, already mapped to ar / fa / other


@dataclass(frozen=True)
class BadRecord:
    suffix: str
    reason: str


def _key(text: str) -> list[str]:
    return words(normalize_for_matching(text))


def compose(title: str | None, body: str) -> tuple[str, Span | None]:
    """The source text of an article whose title is metadata: title, blank line, body.

    Returns the source and the headline span in it (None without a title).
    """
    body = body.strip("\r\n")
    if not title or not title.strip():
        return body, None
    title = " ".join(title.split())  # one line, whatever the metadata held
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            if _key(line) == _key(title):
                start = offset + len(line) - len(line.lstrip())
                end = offset + len(line.rstrip())
                return body, Span(start, end, body.count("\n", 0, start) + 1)
            break
        offset += len(line) + 1
    return f"{title}\n\n{body}", Span(0, len(title), 1)


def map_lang(value: object) -> str | None:
    """A metadata language code to ar / fa / other (None when absent)."""
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower()
    if code.startswith("ar") or code == "arabic":
        return "ar"
    if code.startswith(("fa", "per", "pes")) or code == "farsi":
        return "fa"
    return "other"


def read_text(text: str, markup: Markup) -> list[Record]:
    return [Record(source=text, markup=markup)]


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def json_kind(value: object) -> str:
    """A JSON value's kind as JSON names it: ``null``, ``true``, ``a number``, ``a list``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _clean(value: Any) -> Any:
    """A JSON string with its lone surrogate escapes (``"\\ud800"``: half a character, which no
    file or terminal can hold) replaced by U+FFFD, one for one, as a decoder replaces bad bytes."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


def _no_text(obj: dict[Any, Any]) -> str:
    """Why a record has no article text, saying which field is there and what is wrong with it."""
    present = [name for name in TEXT_FIELDS if name in obj]
    if not present:
        names = "'text', 'body' or 'content'"
        if not obj:
            return f"no text field ({names}): the record is empty"
        fields = ", ".join(repr(str(k)[:20]) for k in list(obj)[:8])
        if len(fields) > 80 or len(obj) > 8:
            fields = fields[:80] + "..."
        return f"no text field ({names}); its fields: {fields}"
    name = present[0]
    value = obj[name]
    if isinstance(value, str):
        return f"empty {name!r} field" if not value else f"{name!r} field holds only whitespace"
    return f"{name!r} field is {json_kind(value)}, not text"


def record_from(obj: object, suffix: str = "") -> Record | BadRecord:
    """One article record (a JSON object, or an in-memory article as a mapping)."""
    if not isinstance(obj, dict):
        return BadRecord(suffix, f"not a JSON object ({json_kind(obj)})")
    body = _clean(_field(obj, TEXT_FIELDS))
    if not isinstance(body, str) or not body.strip():
        return BadRecord(suffix, _no_text(obj))
    title = _clean(_field(obj, TITLE_FIELDS))
    title = title if isinstance(title, str) and title.strip() else None
    source, headline = compose(title, body)
    url = _clean(obj.get("url"))
    outlet = _clean(obj.get("source"))
    return Record(
        source=source,
        suffix=suffix,
        headline=headline,
        title=title,
        date=parse_date_value(_field(obj, DATE_FIELDS)),
        time=parse_time_value(obj.get("time"), _field(obj, DATE_FIELDS)),
        url=url if isinstance(url, str) else None,
        outlet=outlet if isinstance(outlet, str) else None,
        lang=map_lang(obj.get("lang")),
    )


def read_json(text: str) -> Iterator[Record | BadRecord]:
    """One record (a JSON object) or several (a JSON list); raises ValueError with
    line and column for invalid JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON (line {e.lineno}, column {e.colno}): {e.msg}") from e
    except RecursionError as e:
        raise ValueError(TOO_DEEP.format(where="")) from e
    if isinstance(data, list):
        if not data:
            raise ValueError("no records (an empty JSON list)")
        for i, obj in enumerate(data, start=1):
            yield record_from(obj, f"#{i}")
    else:
        yield record_from(data, "")


def read_jsonl(text: str) -> Iterator[Record | BadRecord]:
    """One record per non-blank line; "#N" counts records (non-blank lines) from 1.
    An invalid line is one bad record, not a lost file."""
    number = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        number += 1
        suffix = f"#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield BadRecord(suffix, f"invalid JSON (line {lineno}, column {e.colno}): {e.msg}")
            continue
        except RecursionError:
            yield BadRecord(suffix, TOO_DEEP.format(where=f" (line {lineno})"))
            continue
        yield record_from(obj, suffix)


def parser_limit(html: str) -> str | None:
    """The resource limit the HTML parser (libxml2, under trafilatura) hit on this page, if any:
    past 256 nested elements it stops building the tree, and the text below is lost."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        pass
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            return error.message.split(", use ")[0]  # libxml2's advice is for programmers
    return None


def read_html(html: str) -> Record | BadRecord:
    """Main text and metadata through trafilatura (boilerplate, menus and comments left out)."""
    import trafilatura  # heavy import (lxml, justext); only when an HTML file is read

    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml and htmldate raise these on broken pages
        return BadRecord("", f"no text extracted (HTML parser: {e})")
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or len(words(text)) < MIN_HTML_WORDS:
        limit = parser_limit(html)
        if limit:
            return BadRecord("", f"no text extracted (the HTML parser gave up: {limit})")
        # trafilatura falls back to any text it finds: a page of menus yields "Home"
        return BadRecord("", "no text extracted (trafilatura found no main text)")
    title = getattr(extracted, "title", None)
    title = title if isinstance(title, str) and title.strip() else None
    source, headline = compose(title, text)
    url = getattr(extracted, "url", None)
    outlet = getattr(extracted, "sitename", None)
    return Record(
        source=source,
        headline=headline,
        title=title,
        date=parse_date_value(getattr(extracted, "date", None)),
        url=url if isinstance(url, str) else None,
        outlet=outlet if isinstance(outlet, str) else None,
    )
