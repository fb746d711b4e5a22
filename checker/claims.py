"""Claims: the checkable statements of a document, with their role and verbatim position.

* **headline**: ``Document.headline``, whole (a headline is one statement even
  when it holds a ``..`` kicker separator or a colon).
* **subheading**: a standalone line of the body shaped like a headline (short,
  no final full stop), e.g. a section title or a pull-quote line; Markdown
  ``##`` headings.
* **body**: each sentence of the remaining lines (``checker.text.segment``);
  a sentence of more than ``CLAUSE_WORDS`` words is cut into clauses at
  ``، و`` / ``; and`` boundaries, because a long Arabic sentence often strings
  three facts together and each should meet its own counterpart.
* **quote**: a body sentence (or clause) that is mostly quotation, i.e. at
  least half of its letters lie inside matched quotation marks (and every line
  of a Markdown blockquote). The whole sentence is kept, attribution included,
  so the claim reads as the source wrote it: "X said that «...»".

Furniture spans and fragments of fewer than ``MIN_WORDS`` words are never claims.
Every claim satisfies ``claim.text == doc.source[claim.span.start:claim.span.end]``.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from pathlib import PurePath

from checker.errors import internal_error_reason
from checker.ingest.reader import markup_of
from checker.text.lines import (
    LineIndex,
    is_blockquote,
    is_headline_shaped,
    is_paragraph,
    markdown_content,
    markdown_heading_level,
    split_lines,
)
from checker.text.normalize import normalize_for_matching
from checker.text.segment import quote_spans, split_clauses, split_sentences
from checker.text.tokens import count_words
from checker.types import Claim, Document, Role, Skipped, Span

MIN_WORDS = 3
CLAUSE_WORDS = 45
QUOTE_SHARE = 0.5


def claim_id(document_path: str, text: str, occurrence: int) -> str:
    """Stable id: the document's file name, the normalised text and which occurrence
    of that text in the document it is. Lines moving up or down, files being reordered
    or the folder being given another way (``seeds/`` or ``./seeds``) do not change it;
    editing the sentence does. Two same-named files in different folders that share a
    sentence are told apart by the pipeline (:func:`checker.pipeline.unique_claim_ids`)."""
    name = PurePath(document_path).name
    payload = "\x1f".join((name, normalize_for_matching(text), str(occurrence)))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]


def _subtract(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[a, b)`` minus the sorted, non-overlapping ``holes``."""
    pieces: list[tuple[int, int]] = []
    cursor = a
    # the first hole that may reach into [a, b): holes are few per line, the search is not
    i = max(bisect.bisect_right(holes, (a, a)) - 1, 0)
    for h_start, h_end in holes[i:]:
        if h_start >= b:
            break
        if h_end <= cursor:
            continue
        if h_start > cursor:
            pieces.append((cursor, h_start))
        cursor = max(cursor, h_end)
    if cursor < b:
        pieces.append((cursor, b))
    return pieces


def _trim(source: str, a: int, b: int) -> tuple[int, int]:
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    return a, b


def quote_share(text: str) -> float:
    """Share of the letters of ``text`` that lie inside matched quotation marks."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    quoted = sum(1 for a, b in quote_spans(text) for ch in text[a:b] if ch.isalpha())
    return quoted / letters


def _sentence_items(source: str, a: int, b: int, blockquote: bool) -> list[tuple[int, int, Role]]:
    items: list[tuple[int, int, Role]] = []
    segment = source[a:b]
    for s_start, s_end in split_sentences(segment):
        sentence = segment[s_start:s_end]
        for c_start, c_end in split_clauses(sentence, max_words=CLAUSE_WORDS):
            text = sentence[c_start:c_end]
            if count_words(text) < MIN_WORDS:
                continue
            role = Role.QUOTE if blockquote or quote_share(text) >= QUOTE_SHARE else Role.BODY
            start = a + s_start + c_start
            items.append((start, start + len(text), role))
    return items


def claims_by_document(
    documents: Sequence[Document],
) -> tuple[list[Document], list[list[Claim]], list[Skipped]]:
    """``extract_claims`` of each document: the documents it read, their claims (in the same
    order), and the documents it failed on with the reason. A text no rule foresaw costs its own
    article, not an archive run."""
    kept: list[Document] = []
    claims: list[list[Claim]] = []
    failed: list[Skipped] = []
    for doc in documents:
        try:
            doc_claims = extract_claims(doc)
        except Exception as exc:  # a bug met on real text; reported, the run goes on
            failed.append(Skipped(doc.path, internal_error_reason("claims", exc)))
            continue
        kept.append(doc)
        claims.append(doc_claims)
    return kept, claims, failed


def extract_claims(doc: Document) -> list[Claim]:
    """The claims of one document, in source order."""
    source = doc.source
    markdown = markup_of(doc.path) == "markdown"
    holes = sorted((s.start, s.end) for s in doc.furniture)
    if doc.headline is not None:
        holes = sorted([*holes, (doc.headline.start, doc.headline.end)])

    items: list[tuple[int, int, Role]] = []
    if doc.headline is not None:
        h = doc.headline
        if count_words(source[h.start : h.end]) >= MIN_WORDS:
            items.append((h.start, h.end, Role.HEADLINE))

    for line in split_lines(source):
        if line.blank:
            continue
        c_start, c_end = markdown_content(line) if markdown else line.content
        heading = markdown and markdown_heading_level(line.text) > 0
        quote_block = markdown and is_blockquote(line.text)
        # in Markdown a list item or a blockquote is running text, however short
        may_be_subheading = heading or not markdown or line.content == (c_start, c_end)
        for a, b in _subtract(c_start, c_end, holes):
            a, b = _trim(source, a, b)
            text = source[a:b]
            if count_words(text) < MIN_WORDS:
                continue
            whole_line = (a, b) == (c_start, c_end)
            shaped = whole_line and is_headline_shaped(text) and not is_paragraph(text)
            if heading or (may_be_subheading and shaped):
                items.append((a, b, Role.SUBHEADING))
            else:
                items.extend(_sentence_items(source, a, b, quote_block))

    items.sort(key=lambda item: item[0])
    index = LineIndex(source)
    seen: dict[str, int] = {}
    claims: list[Claim] = []
    for position, (a, b, role) in enumerate(items):
        text = source[a:b]
        key = normalize_for_matching(text)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        claims.append(
            Claim(
                id=claim_id(doc.path, text, occurrence),
                document=doc.path,
                index=position,
                role=role,
                text=text,
                span=Span(a, b, index.line_of(a)),
                lang=doc.lang,
            )
        )
    return claims
