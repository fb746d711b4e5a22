"""Lines of a source text and the shapes that tell a headline from a paragraph.

News files put one paragraph, headline or piece of site furniture on each
line, so a line's shape (length, final punctuation, a leading bullet) says
most of what it is. These predicates are shared by ingestion (headline and
furniture detection) and claim extraction (subheadings), so both read a line
the same way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from checker.text.tokens import SENTENCE_END, TRAILING_CLOSERS, count_words


@dataclass(frozen=True)
class Line:
    """One line of a source text; ``start``/``end`` exclude the line break."""

    number: int  # 1-based
    start: int
    end: int
    text: str  # verbatim, without the line break

    @property
    def content(self) -> tuple[int, int]:
        """Offsets of the line without surrounding whitespace (empty span for a blank line)."""
        stripped = self.text.lstrip()
        a = self.start + len(self.text) - len(stripped)
        b = a + len(stripped.rstrip())
        return a, b

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def split_lines(source: str) -> list[Line]:
    """The lines of ``source``; ``\\r\\n`` counts as one break and the ``\\r`` stays out of the text."""
    lines: list[Line] = []
    start = 0
    number = 1
    for m in re.finditer(r"\n", source):
        end = m.start()
        if end > start and source[end - 1] == "\r":
            end -= 1
        lines.append(Line(number, start, end, source[start:end]))
        start = m.end()
        number += 1
    end = len(source)
    if end > start and source[end - 1] == "\r":
        end -= 1
    lines.append(Line(number, start, end, source[start:end]))
    return lines


class LineIndex:
    """Maps character offsets to 1-based line numbers (binary search over line starts)."""

    def __init__(self, source: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", source)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


_BULLET = re.compile(r"^\s*[•·▪▫►▶◄◀■□●○◆◇✓✔➤➢‣⁃∙\-–—*+]\s+\S")
_BREADCRUMB_SEP = re.compile(r"\s[>|»›/]\s")
_LABEL_COLON = re.compile(r"^(?P<label>[^:：]{1,40})[:：]\s*(?P<tail>.*)$")


def last_mark(text: str) -> str:
    """The last character of ``text`` that is not whitespace or a closing quote/bracket."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in TRAILING_CLOSERS:
        stripped = stripped[:-1].rstrip()
    return stripped[-1] if stripped else ""


def ends_sentence(text: str) -> bool:
    """The line ends with sentence punctuation (. ! ? ؟ …), possibly before a closing quote."""
    return last_mark(text) in SENTENCE_END


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def is_breadcrumb(text: str) -> bool:
    """``الرئيسية > أخبار > سياسة``: two or more separators between short items."""
    parts = _BREADCRUMB_SEP.split(text.strip())
    return len(parts) >= 3 and all(0 < count_words(p) <= 4 for p in parts)


def label_colon(text: str) -> tuple[str, str] | None:
    """``(label, tail)`` for a line shaped ``label: tail``, else None."""
    m = _LABEL_COLON.match(text.strip())
    if not m:
        return None
    return m.group("label").strip(), m.group("tail").strip()


def is_paragraph(text: str) -> bool:
    """Running text: long, or a complete sentence of some length."""
    n = count_words(text)
    return n > 25 or (n >= 8 and ends_sentence(text))


def is_headline_shaped(text: str, min_words: int = 2, max_words: int = 25) -> bool:
    """Short and not closed like a sentence: a headline, subheading, kicker or section name.

    A final ``?``/``؟``/``!`` is allowed (question headlines); a final full stop or
    colon is not.
    """
    n = count_words(text)
    if not min_words <= n <= max_words or len(text.strip()) > 220:
        return False
    mark = last_mark(text)
    if mark in ".…۔:：":
        # an ellipsis at the end of a headline is rare; a full stop means a sentence
        return False
    return not is_bullet(text)


_MD_HEADING = re.compile(r"^(\s{0,3})(#{1,6})\s+")
_MD_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_MD_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,3}[.)])\s+)?")


def markdown_heading_level(text: str) -> int:
    """1..6 for an ATX heading line (``# Title``), else 0."""
    m = _MD_HEADING.match(text)
    return len(m.group(2)) if m else 0


def markdown_content(line: Line) -> tuple[int, int]:
    """Offsets of a Markdown line's text without its heading, list or blockquote markers.

    Inline markup (``**bold**``, ``[link](url)``) stays: it is part of the verbatim text.
    """
    a, b = line.content
    if a == b:
        return a, b
    text = line.text
    m = _MD_HEADING.match(text)
    if m:
        start = line.start + m.end()
        close = _MD_HEADING_CLOSE.search(text)
        end = line.start + close.start() if close and close.start() >= m.end() else b
        return start, max(start, end)
    m = _MD_PREFIX.match(text)
    start = line.start + (m.end() if m else 0)
    return min(start, b), b


def is_blockquote(text: str) -> bool:
    return text.lstrip().startswith(">")
