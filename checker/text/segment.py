"""Sentence and clause segmentation for Arabic, Persian and English news text.

Every function returns ``(start, end)`` offsets into the text it was given,
trimmed of surrounding whitespace, so a caller can always show the verbatim
slice. Rules, in the order they matter for news copy:

* a newline always ends a sentence (a paragraph never continues on the next line);
* ``. ! ? ؟ …`` end a sentence, except
  - inside a number in any digit system (``1.3``, ``١.٣``; ``٫`` and ``,`` never split),
  - inside a quotation (``“…”``, ``«…»``, ``"…"``): a quoted speech of three
    sentences stays one claim with its attribution,
  - after a single letter or a known abbreviation (``د.``, ``J.``, ``U.S.``, ``Dr.``),
  - at an ellipsis followed by more text on the line (Persian ``و...`` "etc.",
    ``آیت ا...`` for آیت‌الله, the ``..`` kicker separator of Arabic headlines);
* a sentence end inside a quotation that the quotation closes right after
  (``... است.»``) ends the sentence after the closing mark.

Quotation marks are paired per line with a stack; a closing mark without an
opener (common in scraped Arabic, e.g. ``لـ»دراسات الشرق»``) and an opener
never closed are ignored rather than allowed to swallow the paragraph.
"""

from __future__ import annotations

import re

from checker.text.script import is_arabic_script
from checker.text.tokens import (
    ASCII_QUOTE,
    QUOTE_CLOSERS,
    QUOTE_PAIRS,
    SENTENCE_END,
    TRAILING_CLOSERS,
    WORD_RE,
    count_words,
)

Offsets = tuple[int, int]

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs no nos inc ltd co corp gen col lt sgt gov sen rep "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx fig vol".split()
)
_DOTTED_ACRONYM = re.compile(r"(?:\w\.)+\w$")


def _line_bounds(text: str) -> list[Offsets]:
    bounds: list[Offsets] = []
    start = 0
    for m in re.finditer(r"\n", text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _quote_pairs_in(text: str, start: int, end: int) -> list[Offsets]:
    stack: list[tuple[str, int]] = []  # (closing mark expected, index of opener)
    pairs: list[Offsets] = []
    for i in range(start, end):
        ch = text[i]
        if ch == ASCII_QUOTE:
            if stack and stack[-1][0] == ASCII_QUOTE:
                pairs.append((stack.pop()[1], i + 1))
            else:
                stack.append((ASCII_QUOTE, i))
        elif ch in QUOTE_PAIRS:
            stack.append((QUOTE_PAIRS[ch], i))
        elif ch in QUOTE_CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i + 1))
                    del stack[depth:]  # openers left inside were never closed
                    break
    return pairs


def _merge(intervals: list[Offsets]) -> list[Offsets]:
    merged: list[Offsets] = []
    for a, b in sorted(intervals):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def quote_spans(text: str) -> list[Offsets]:
    """Outermost matched quotations in ``text``, marks included, never across a line."""
    pairs: list[Offsets] = []
    for start, end in _line_bounds(text):
        pairs.extend(_quote_pairs_in(text, start, end))
    return _merge(pairs)


def _trim(text: str, start: int, end: int) -> Offsets | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def _previous_token(text: str, i: int, floor: int) -> str:
    j = i
    while j > floor and not text[j - 1].isspace() and text[j - 1] not in "(«“\"'[":
        j -= 1
    return text[j:i]


def _is_abbreviation(token: str) -> bool:
    letters = token.strip(".")
    if len(letters) == 1 and letters.isalpha():
        return True  # an initial or a one-letter abbreviation: J. / د. / م.
    if _DOTTED_ACRONYM.match(letters):
        return True  # U.S / e.g / ق.م
    return letters.lower() in _ABBREVIATIONS


def _next_visible(text: str, j: int, end: int) -> int:
    while j < end and text[j] in " \t\u00a0":
        j += 1
    return j


def _ends_sentence(text: str, i: int, j: int, line_end: int, line_start: int) -> bool:
    """Whether the run of sentence-end marks ``text[i:j]`` ends a sentence."""
    run = text[i:j]
    nxt = text[j] if j < line_end else ""
    if run == ".":
        prev = text[i - 1] if i > line_start else ""
        if prev.isdecimal() and nxt.isdecimal():
            return False  # a decimal point, in any digit system
        if _is_abbreviation(_previous_token(text, i, line_start)):
            return False
    if set(run) <= {".", "…"} and (len(run) > 1 or run == "…"):
        k = _next_visible(text, j, line_end)
        if k < line_end:
            follower = text[k]
            # an ellipsis inside a line continues the sentence, unless Latin
            # capitalisation says a new one starts
            if not (follower.isalpha() and follower.isupper()):
                return False
    if not nxt or nxt.isspace() or nxt in TRAILING_CLOSERS or nxt in QUOTE_PAIRS:
        return True
    # "الأحد.وقال": a missing space after the full stop is common in Arabic copy;
    # a Latin letter or a digit right after the mark is a URL, a file name, a version
    return is_arabic_script(nxt) and nxt.isalpha()


def _boundaries_in_line(text: str, start: int, end: int) -> list[int]:
    quotes = _merge(_quote_pairs_in(text, start, end))
    quote_at = {a: b for a, b in quotes}
    quote_starts = set(quote_at)
    cuts: list[int] = []
    i = start
    while i < end:
        if i in quote_at:
            q_end = quote_at[i]
            k = q_end - 2  # the character before the closing mark
            while k > i and text[k].isspace():
                k -= 1
            # a mark right after the quotation ends the sentence by itself (below)
            closes_sentence = k > i and text[k] in SENTENCE_END
            if closes_sentence and (q_end >= end or text[q_end] not in SENTENCE_END):
                cuts.append(_absorb_closers(text, q_end, end, quote_starts))
            i = q_end
            continue
        if text[i] in SENTENCE_END:
            j = i
            while j < end and text[j] in SENTENCE_END:
                j += 1
            if _ends_sentence(text, i, j, end, start):
                cuts.append(_absorb_closers(text, j, end, quote_starts))
            i = j
            continue
        i += 1
    return cuts


def _absorb_closers(text: str, j: int, end: int, quote_starts: set[int]) -> int:
    """Move a cut past closing quotes and brackets that belong to the sentence before it."""
    while j < end and text[j] in TRAILING_CLOSERS and j not in quote_starts:
        j += 1
    return j


def split_sentences(text: str) -> list[Offsets]:
    """Sentences of ``text`` as ``(start, end)`` offsets, trimmed, in order.

    Pieces without a letter or a digit (a lone ``...``, a rule of dashes) are dropped.
    """
    spans: list[Offsets] = []
    for line_start, line_end in _line_bounds(text):
        cuts = _boundaries_in_line(text, line_start, line_end)
        prev = line_start
        for cut in [*cuts, line_end]:
            piece = _trim(text, prev, cut)
            if piece:
                spans.append(piece)
            prev = cut
    return spans


# Clause boundaries: a comma or semicolon followed by a conjunction that starts
# a new clause. Arabic writes و / ف joined to the next word; Persian and English
# write the conjunction apart.
_CLAUSE_CUT = re.compile(
    r"[؛;]\s+"
    r"|[،,]\s+(?=(?:[وف][\w\u064B-\u065F]{2,})|(?:و|ولكن|لكن|بينما|فيما|اما|أما|ولی|and|but|while)\b)"
)


def split_clauses(text: str, max_words: int = 40, min_words: int = 6) -> list[Offsets]:
    """Split one long sentence into clauses; a sentence of ``max_words`` or fewer stays whole.

    Cuts fall after a semicolon, or after a comma followed by a conjunction
    (``، وأشار``, ``، فيما``, ``, and``), never inside a quotation. A clause of
    fewer than ``min_words`` words is joined to the clause before it (or after
    it, for the first), so a list such as ``العراق، وسوريا`` is not cut apart.
    The separating comma is left out of both clauses.
    """
    whole = _trim(text, 0, len(text))
    if whole is None:
        return []
    if count_words(text) <= max_words:
        return [whole]
    quotes = quote_spans(text)

    def quoted(pos: int) -> bool:
        return any(a <= pos < b for a, b in quotes)

    pieces: list[Offsets] = []
    prev = whole[0]
    for m in _CLAUSE_CUT.finditer(text, whole[0], whole[1]):
        if quoted(m.start()):
            continue
        pieces.append((prev, m.start()))
        prev = m.end()
    pieces.append((prev, whole[1]))

    merged: list[Offsets] = []
    for a, b in pieces:
        if merged and len(WORD_RE.findall(text[a:b])) < min_words:
            merged[-1] = (merged[-1][0], b)
        elif merged and len(WORD_RE.findall(text[merged[-1][0] : merged[-1][1]])) < min_words:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    out: list[Offsets] = []
    for a, b in merged:
        piece = _trim(text, a, b)
        if piece:
            out.append(piece)
    return out
