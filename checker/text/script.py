"""Which script and language a letter or a spelling belongs to.

Arabic and Persian share the Arabic script and differ in a few letters: Persian has پ چ ژ گ, writes
ی ک where Arabic writes ي ك, and ۀ for heh with hamza; Arabic has ة and ى. These are the one list
every module uses: language identification, the phrase tables that must not let a Persian word
match its Arabic look-alike, and the generators of training pairs.
"""

from __future__ import annotations

PERSIAN_LETTERS = frozenset("پچژگکیۀ")
ARABIC_LETTERS = frozenset("ةيىك")
# letters of other Arabic-script languages (Urdu, Pashto, Sorani Kurdish, Sindhi, Uyghur)
OTHER_LETTERS = frozenset("ٹڈڑںےټډړږښګڼۍڕڵۆێڤۇۈۋڭ")

BOTH_LANGUAGES = frozenset({"ar", "fa"})


def is_arabic_script(ch: str) -> bool:
    """A character of the Arabic script blocks (letters, marks, digits, presentation forms)."""
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF
    )


def is_arabic_script_letter(ch: str) -> bool:
    return ch.isalpha() and is_arabic_script(ch)


def script_langs(spelling: str) -> frozenset[str]:
    """The languages a spelling can belong to, from its letters: Persian letters say fa, Arabic-only
    letters say ar, neither says both."""
    if any(c in PERSIAN_LETTERS for c in spelling):
        return frozenset({"fa"})
    if any(c in ARABIC_LETTERS for c in spelling):
        return frozenset({"ar"})
    return BOTH_LANGUAGES


def has_persian_letters(text: str) -> bool:
    return any(c in PERSIAN_LETTERS for c in text)
