"""Tokens for fact extraction: folded for matching, with offsets into the verbatim text.

Numbers, words and punctuation are read from the matching form of the text
(``checker.text.normalize``: hamza, yeh/kaf and teh marbuta folded, diacritics and
tatweel dropped, the three digit systems mapped to ASCII, ٫ to '.', ٬ to ','), while
every token keeps the offsets of its verbatim slice, so that a report quotes the
source exactly (``ثلاثةً`` stays ``ثلاثةً``, ``۱٫۳`` stays ``۱٫۳``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.text.normalize import normalize_with_offsets

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
        kind = "num" if s[0].isdigit() else ("word" if s[0].isalpha() else "punct")
        out.append(Token(s, start, end, kind))
    return tuple(out)


def fold(text: str) -> str:
    """The folded (matching) form of a word or phrase, tokens joined by single spaces."""
    return " ".join(t.norm for t in tokenize(text))


# Arabic proclitics: a conjunction, then a preposition, then the article. ``لل`` is
# ل + ال with the alef dropped.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


@lru_cache(maxsize=65536)
def arabic_stems(word: str, article: bool = True) -> tuple[str, ...]:
    """``word`` and the forms left after stripping Arabic proclitics, shortest prefix first.

    Only strips what leaves at least two letters; the caller looks each form up in
    a table, so a wrong strip simply finds nothing.
    """
    forms: list[tuple[int, str]] = []
    for conj in _CONJ:
        for prep in _PREP:
            arts = ("", "ال") if article else ("",)
            for art in arts:
                prefix = conj + ("لل" if prep == "ل" and art == "ال" else prep + art)
                if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                    forms.append((len(prefix), word[len(prefix) :]))
    forms.sort(key=lambda f: f[0])
    return tuple(dict.fromkeys(f for _, f in forms))


def skip_letters(text: str, start: int, letters: int) -> int:
    """The offset in ``text`` after ``letters`` letters from ``start`` (and the marks after them).

    Used to leave a stripped proclitic (the ب of بملياري) out of a verbatim span.
    """
    pos = start
    seen = 0
    while pos < len(text) and seen < letters:
        if text[pos].isalpha():
            seen += 1
        pos += 1
    tail = _TRAILING_MARKS.match(text, pos)
    return tail.end() if tail else pos


# possessive pronouns attached at the end of an Arabic noun (زيارته "his visit", صادراتها)
_SUFFIXES = ("هما", "هم", "ها", "نا", "كم", "ه")


@lru_cache(maxsize=65536)
def arabic_suffix_forms(word: str) -> tuple[str, ...]:
    """``word`` without a possessive suffix; a teh marbuta that became ت comes back (زيارته -> زياره)."""
    forms = []
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms.append(stem[:-1] + "ه" if stem.endswith("ت") else stem)
            forms.append(stem)
    return tuple(dict.fromkeys(forms))
