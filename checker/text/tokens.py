"""Words and tokens: the one tokenizer of folded text, and the raw-word helpers of segmentation.

``tokenize`` reads the matching form of a text (``checker.text.normalize``: hamza, yeh/kaf and teh
marbuta folded, diacritics and tatweel dropped, ZWNJ a word boundary, the three digit systems
mapped to ASCII, ٫ to '.', ٬ to ',') into numbers, words and punctuation, while every token keeps
the offsets of its verbatim slice, so that a report quotes the source exactly (``ثلاثةً`` stays
``ثلاثةً``, ``۱٫۳`` stays ``۱٫۳``). ``word_tokens`` keeps the words and numbers with what separates
them, which is what name matching needs.

``words`` / ``count_words`` read raw text (a word is a run of letters and digits, with Arabic
diacritics, tatweel and the ZWNJ inside it: ``وُصفت`` and ``می‌کنیم`` are one word each), for the
layout and segmentation rules that count words without folding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.text.normalize import folds_away, normalize_with_offsets

WORD_RE = re.compile(r"[\w\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C]+")

# characters that can end a sentence
SENTENCE_END = frozenset(".!?؟!…۔！？")
# quotation marks that open, with the mark that closes them
QUOTE_PAIRS: dict[str, str] = {"«": "»", "“": "”", "„": "”", "‹": "›", "‘": "’"}
QUOTE_CLOSERS = frozenset(QUOTE_PAIRS.values())
ASCII_QUOTE = '"'
# what may follow a sentence end inside the same sentence: closing quotes and brackets
TRAILING_CLOSERS = frozenset('»”’›")]}')


def words(text: str) -> list[str]:
    """The raw words of ``text``, in order."""
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


# ----------------------------------------------------------------------------- folded tokens

# a number: ASCII digits (after folding) with '.' or ',' between digit groups
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
# marks that belong to the word before them but are dropped by folding
_TRAILING_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]+")


@dataclass(frozen=True)
class Token:
    """One token: ``norm`` is the folded form, ``start``/``end`` the verbatim slice."""

    norm: str
    start: int
    end: int
    kind: str  # "num" | "word" | "punct"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` in order; offsets point into ``text`` itself."""
    norm, origin = normalize_with_offsets(text)
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(norm):
        a, b = m.start(), m.end()
        start, end = origin[a], origin[b - 1] + 1
        tail = _TRAILING_MARKS.match(text, end)
        if tail:
            end = tail.end()
        s = m.group()
        kind = "num" if s[0].isdecimal() else ("word" if s[0].isalpha() else "punct")
        out.append(Token(s, start, end, kind))
    return tuple(out)


def fold(text: str) -> str:
    """The folded (matching) form of a word or phrase, tokens joined by single spaces."""
    return " ".join(t.norm for t in tokenize(text))


def skip_letters(text: str, start: int, letters: int) -> int:
    """The offset in ``text`` after ``letters`` letters from ``start`` (and the marks after them).

    Used to leave a stripped proclitic (the ب of بملياري) out of a verbatim span.
    """
    pos = start
    seen = 0
    while pos < len(text) and seen < letters:
        if text[pos].isalpha() and not folds_away(text[pos]):
            seen += 1
        pos += 1
    tail = _TRAILING_MARKS.match(text, pos)
    return tail.end() if tail else pos


# ----------------------------------------------------------------------------- words with gaps


_NAME_BREAKS = frozenset(".,،;؛:!?؟()[]{}\n\r\t/|–—…")
_CLAUSE_BREAKS = frozenset(".;؛:!?؟\n\r«»…")
_COMMAS = frozenset(",،")


@dataclass(frozen=True)
class WordToken:
    """A word or number of a text, with the verbatim text between it and the previous one."""

    norm: str  # folded form
    start: int  # offsets in the verbatim text
    end: int
    gap: str  # verbatim text between the previous word token and this one ("" for the first)
    raw: str  # the verbatim token

    def offset_after(self, letters: int) -> int:
        """Verbatim offset after the first ``letters`` letters (a stripped proclitic, with its marks)."""
        return self.start + skip_letters(self.raw, 0, letters)

    @property
    def breaks_name(self) -> bool:
        """A name never runs across this token's gap (punctuation other than quotes)."""
        return any(ch in _NAME_BREAKS for ch in self.gap)

    @property
    def breaks_clause(self) -> bool:
        return any(ch in _CLAUSE_BREAKS for ch in self.gap)

    @property
    def after_comma(self) -> bool:
        return any(ch in _COMMAS for ch in self.gap)

    @property
    def after_colon(self) -> bool:
        return ":" in self.gap


@lru_cache(maxsize=4096)
def word_tokens(text: str) -> tuple[WordToken, ...]:
    """The words and numbers of ``text`` with their gaps (punctuation and spaces between them).

    An abbreviation dot after a one-letter word ("آیت ا... خامنه ای") is not punctuation: its gap
    reads as a space, so that the honorific stays attached to the name after it.
    """
    out: list[WordToken] = []
    previous_end = 0
    for t in tokenize(text):
        if t.kind == "punct":
            continue
        gap = text[previous_end : t.start]
        if out and len(out[-1].norm) == 1 and gap.strip() and set(gap.strip()) <= {".", "…"}:
            gap = " "
        out.append(WordToken(t.norm, t.start, t.end, gap, text[t.start : t.end]))
        previous_end = t.end
    return tuple(out)
