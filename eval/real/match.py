"""The spelling fold the benchmark's selection rules match terms with.

This is deliberately not ``checker.text.normalize``: the committed cluster ids are re-derived
from the rules, and they must not move when the checker's own normaliser changes. The fold is
small and frozen: diacritics and tatweel removed, alef forms to bare alef, alef maqsura and
Persian yeh to yeh, ta marbuta to heh, Persian keheh to kaf, Arabic-Indic and Persian digits to
ASCII, whitespace runs to one space.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ک": "ك",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The matching form of ``text`` (see the module docstring)."""
    return _SPACE.sub(" ", _DIACRITICS.sub("", text).translate(_TABLE)).strip()


@lru_cache(maxsize=4096)
def _folded_term(term: str) -> str:
    return fold(term)


def has_any(folded_text: str, terms: list[str]) -> bool:
    """Whether one of ``terms`` occurs in ``folded_text`` (terms are folded here; substring match,
    so a term matches with attached clitics: بورسعيد in ببورسعيد)."""
    return any(_folded_term(term) in folded_text for term in terms)
