"""Phrase tables: word lists written as people spell them, matched on folded tokens.

Entries are written in natural Arabic or Persian spelling (hamza, diacritics, ZWNJ and
all); the table folds them once with the same folding as the text, so ``أوّل``,
``اول`` and ``أول`` meet, and ``سه‌شنبه`` matches both ``سه‌شنبه`` and ``سه شنبه``.
An Arabic entry may carry proclitics in the text (``وبالدولار``, ``كأول``) when the
table allows them; Persian text is never stripped (``برای`` is not ب + ``رای``).

Folding merges some Persian and Arabic words (Persian ``دین`` "religion" folds onto
Arabic ``دين`` "debt"), so each entry is tagged with the language its letters show
(پ چ ژ گ ک ی: Persian; ة ي ى ك: Arabic; neither: both) and only matches text of that
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from checker.text.clitics import stems, suffix_forms
from checker.text.script import BOTH_LANGUAGES as BOTH
from checker.text.script import script_langs
from checker.text.tokens import Token, fold

V = TypeVar("V")


@dataclass(frozen=True)
class PhraseHit(Generic[V]):
    value: V
    first: int  # token indices, inclusive
    last: int
    prefix: str  # proclitic stripped from the first token ("" if none)


class PhraseTable(Generic[V]):
    """Longest-match lookup of (possibly multi-word) phrases over folded tokens.

    ``lang`` ("ar", "fa" or anything else for both) selects the entries that apply and
    whether Arabic proclitics may be stripped.
    """

    def __init__(self, entries: Mapping[str, V] | Iterable[tuple[str, V]], *, clitics: bool = True) -> None:
        items = entries.items() if isinstance(entries, Mapping) else entries
        self._table: dict[tuple[str, ...], list[tuple[V, frozenset[str]]]] = {}
        for phrase, value in items:
            key = tuple(fold(phrase).split())
            if key:
                self._table.setdefault(key, []).append((value, script_langs(phrase)))
        self._longest = max((len(k) for k in self._table), default=0)
        self._firsts = {k[0] for k in self._table}
        self.clitics = clitics

    def _lookup(self, key: tuple[str, ...], lang: str) -> V | None:
        for value, langs in self._table.get(key, ()):
            if lang in langs or lang not in BOTH:
                return value
        return None

    def get(self, word: str, lang: str) -> V | None:
        return self._lookup((word,), lang)

    def _first_forms(self, norm: str, lang: str) -> list[tuple[str, str]]:
        forms = [(norm, "")]
        if self.clitics and lang != "fa":
            forms += [(stem, norm[: len(norm) - len(stem)]) for stem in stems(norm) if stem != norm]
            forms += [(bare, p) for f, p in list(forms) for bare in suffix_forms(f)]
        return [(f, p) for f, p in forms if f in self._firsts]

    def match(self, tokens: tuple[Token, ...], i: int, lang: str) -> PhraseHit[V] | None:
        """The longest phrase starting at token ``i``."""
        if i < 0 or i >= len(tokens) or not tokens[i].is_word and tokens[i].norm not in self._firsts:
            return None
        for form, prefix in self._first_forms(tokens[i].norm, lang):
            for length in range(min(self._longest, len(tokens) - i), 0, -1):
                key = (form, *(t.norm for t in tokens[i + 1 : i + length]))
                value = self._lookup(key, lang)
                if value is not None:
                    return PhraseHit(value, i, i + length - 1, prefix)
        return None

    def hits(self, tokens: tuple[Token, ...], lo: int, hi: int, lang: str) -> list[PhraseHit[V]]:
        """The phrases inside tokens ``lo``..``hi`` (inclusive), left to right, none overlapping."""
        out = []
        k = lo
        while k <= hi:
            hit = self.match(tokens, k, lang)
            if hit is not None and hit.last <= hi:
                out.append(hit)
                k = hit.last + 1
            else:
                k += 1
        return out

    def match_ending_at(self, tokens: tuple[Token, ...], last: int, lang: str) -> PhraseHit[V] | None:
        """The longest phrase ending at token ``last`` (for words that precede a number)."""
        for length in range(min(self._longest, last + 1), 0, -1):
            hit = self.match(tokens, last - length + 1, lang)
            if hit is not None and hit.last == last:
                return hit
        return None
