"""Words and punctuation classes shared by segmentation, layout and claims.

A word is a run of letters and digits; Arabic diacritics, tatweel and the
Persian zero-width non-joiner stay inside the word (``وُصفت`` and
``می‌کنیم`` are one word each), which ``\\w`` alone would not do.
"""

from __future__ import annotations

import re

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
    """The words of ``text``, in order."""
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def is_arabic_script(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF
    )
