"""A character fold for matching names, with a map back to the verbatim text.

Why a private fold: the knowledge base must match "إيران" and "ايران", "رئيس" and
"رئیس", "خامنه‌ای" and "خامنهای", whatever the outlet's keyboard. The fold is
deliberately aggressive (hamza seats, teh marbuta, alef maksura, Persian yeh and
keheh, diacritics, tatweel, ZWNJ) because it is only ever used to *find* names;
reports always show the verbatim slice.

NOTE: checker/text/normalize.py (a sibling module) offers the project-wide
normalisation. This fold is kept here so the KB's behaviour is pinned by its own
tests; the two can be unified once the shared one covers every rule below.
"""

from __future__ import annotations

from collections.abc import Sequence

# One character in, at most one character out (or none), so offsets stay simple.
_CHAR_MAP: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ئ": "ي",
    "ۍ": "ي",
    "ؤ": "و",
    "ۄ": "و",
    "ک": "ك",
    "ڪ": "ك",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ە": "ه",
    "ھ": "ه",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _CHAR_MAP[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _CHAR_MAP[_d] = str(_i)

_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, maddah, hamza above/below
    + ["\u0670", "\u0640", "\u0621", "\u0654", "\u0655"]  # superscript alef, tatweel, lone hamza
    + ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"]  # ZWNJ, ZWJ, marks
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
)


def fold_char(ch: str) -> str:
    """The folded form of one character: "" when it is dropped."""
    if ch in _DROP:
        return ""
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> str:
    """Fold a whole string (for KB names and trigger words)."""
    return "".join(fold_char(ch) for ch in text)


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Fold ``text`` and return, for each folded character, its index in ``text``.

    The returned index list has one extra entry, ``len(text)``, so that the end of a
    folded slice ``[i, j)`` maps to ``index[j]`` even when ``j`` is the folded length.
    """
    out: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        folded = fold_char(ch)
        for piece in folded:
            out.append(piece)
            index.append(pos)
    index.append(len(text))
    return "".join(out), index
