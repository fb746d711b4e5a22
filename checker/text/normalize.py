"""The one fold of Arabic and Persian text for matching: claims, facts and knowledge-base names.

Arabic and Persian spell the same word in several ways: hamza forms on alef,
Persian ی/ک against Arabic ي/ك, ة against ه, optional diacritics, tatweel
stretching, a zero-width non-joiner or a space inside Persian compounds, and
three digit systems. Two claims compare well only once those are folded.

Two choices are made here once, for every module:

* **ZWNJ is a word boundary.** Persian writes ``خامنه‌ای`` / ``می‌شود`` with a zero-width non-joiner,
  with a space, or joined. The fold turns the ZWNJ into a space, so the ZWNJ and the spaced
  spellings are the same tokens; a table that must also find the joined spelling says where its
  entries may be split (the knowledge base's name index does, ``checker.kb.names``).
* **A lone hamza (ء) is a letter** and stays: ``الوزراء`` and ``الوزرا`` are two spellings, and the
  claim ids built from the folded text keep the meaning they had. Hamza *seats* (أ إ آ ؤ ئ) and the
  combining hamza marks fold to their bare letters.

Nothing normalised here is ever shown to a user: reports print the verbatim
source slice. ``normalize_with_offsets`` exists so that a match found in
normalised text maps back to exact offsets in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from checker.text.digits import ASCII_DIGITS

_REMOVE = ""
_SPACE = " "

# The one table of folds used for matching. Keys are code points, values the
# replacement ("" removes the character).
_FOLDS: dict[int, str] = {
    # alef with hamza / madda / wasla -> bare alef
    **dict.fromkeys(map(ord, "أإآٱٲٳ"), "ا"),
    0x0624: "و",  # ؤ waw with hamza
    0x0626: "ي",  # ئ yeh with hamza
    # yeh forms: Persian ی, alef maksura ى, Pashto/Uyghur ې and ۍ -> Arabic ي
    **dict.fromkeys(map(ord, "یىېۍ"), "ي"),
    0x06C4: "و",  # ۄ waw with ring (Kashmiri)
    # kaf forms: Persian ک, swash kaf ڪ -> Arabic ك
    **dict.fromkeys(map(ord, "کڪ"), "ك"),
    # teh marbuta and heh variants -> heh (ۀ is heh with a hamza above in Persian ezafe)
    **dict.fromkeys(map(ord, "ةۀہەھ"), "ه"),
    # harakat, tanwin, shadda, sukun, combining hamza above/below, superscript alef
    **dict.fromkeys(range(0x064B, 0x0660), _REMOVE),
    0x0670: _REMOVE,
    # Quranic annotation marks
    **dict.fromkeys(range(0x06D6, 0x06DD), _REMOVE),
    **dict.fromkeys(range(0x06DF, 0x06E9), _REMOVE),
    **dict.fromkeys(range(0x06EA, 0x06EE), _REMOVE),
    0x0640: _REMOVE,  # tatweel (kashida)
    # zero-width non-joiner separates the parts of a Persian compound: a space
    # there matches the spaced and the joined spellings
    0x200C: _SPACE,
    # invisible marks that carry no letters
    0x200B: _REMOVE,  # zero-width space
    0x200D: _REMOVE,  # zero-width joiner
    0x200E: _REMOVE,  # left-to-right mark
    0x200F: _REMOVE,  # right-to-left mark
    0x061C: _REMOVE,  # Arabic letter mark
    0xFEFF: _REMOVE,  # BOM / zero-width no-break space
    0x00AD: _REMOVE,  # soft hyphen
    **dict.fromkeys(range(0x202A, 0x202F), _REMOVE),  # bidi embeddings and overrides
    **dict.fromkeys(range(0x2066, 0x206A), _REMOVE),  # bidi isolates
    # Arabic punctuation -> ASCII, so "؟" matches "?" and "،" matches ","
    0x060C: ",",  # ، comma
    0x061B: ";",  # ؛ semicolon
    0x061F: "?",  # ؟ question mark
    0x066A: "%",  # ٪ percent sign
    # quotation marks -> ASCII double quote
    **dict.fromkeys(map(ord, "«»“”„‟″"), '"'),
    **ASCII_DIGITS,
}

FOLDS = MappingProxyType(_FOLDS)
"""The letter, mark, digit and punctuation folds applied for matching (read-only)."""

_FOLD_TABLE = str.maketrans(_FOLDS)
_WHITESPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = _FOLDS.get(ord(ch))
    if folded is not None:
        return folded
    if ch.isspace():
        return _SPACE
    # casefold, unlike lower, ignores context (final sigma), so folding one
    # character at a time equals folding the whole string; it may lengthen a
    # character (ß -> ss), which the offsets handle
    return ch.casefold()


def folds_away(ch: str) -> bool:
    """True for a character the fold drops (a diacritic, tatweel, an invisible mark)."""
    return _fold_char(ch) == ""


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` for matching and say where each character came from.

    Returns:
        ``(normalised, origin)`` where ``origin[i]`` is the index in ``text`` of
        the character that produced ``normalised[i]``. A match
        ``normalised[a:b]`` therefore covers ``text[origin[a]:origin[b - 1] + 1]``.

    Whitespace runs (including ZWNJ) collapse to one space and the ends are
    trimmed, so the spaced, joined and ZWNJ spellings of Persian compounds meet.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for piece in _fold_char(ch):
            if piece == _SPACE:
                if not out or out[-1] == _SPACE:
                    continue
            out.append(piece)
            origin.append(i)
    if out and out[-1] == _SPACE:
        out.pop()
        origin.pop()
    return "".join(out), origin


def normalize_for_matching(text: str) -> str:
    """The normalised form of ``text``: ``normalize_with_offsets(text)[0]``, computed
    with ``str.translate`` (the same table, a hundred times faster than the loop)."""
    folded = text.translate(_FOLD_TABLE).casefold()
    return _WHITESPACE_RUN.sub(_SPACE, folded).strip(_SPACE)


def span_in_original(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of normalised text back to a span of the original text."""
    if not 0 <= start < end <= len(origin):
        raise ValueError(f"span {start}:{end} is outside a normalised text of length {len(origin)}")
    return origin[start], origin[end - 1] + 1
