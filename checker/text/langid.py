"""Language identification for the two languages the checker reads: Arabic and Persian.

Both are written in the Arabic script, so a generic detector trained on many
languages is both heavy and easily confused by short headlines. The two differ
in a few letters and in their most frequent function words, which is enough:
Persian has پ چ ژ گ and writes ی ک where Arabic writes ي ك, while Arabic
has ة ى and its article ال. Persian text typed on an Arabic keyboard (ي ك ى) is
still caught by its function words (است، را، که، این، می ...) and its own letters: on such a
keyboard ي ك ى are weak evidence for Arabic (42 of 1,500 Fars News articles were read as Arabic
when they counted fully; none of 2,000 Egyptian articles is read as Persian when they count less).

Anything that is not mainly Arabic-script letters, or that carries the letters
of other Arabic-script languages (Urdu, Pashto, Kurdish, Sindhi), is "other".
"""

from __future__ import annotations

import re
from typing import Literal

from checker.text.normalize import normalize_for_matching
from checker.text.script import ARABIC_LETTERS, OTHER_LETTERS, PERSIAN_LETTERS, is_arabic_script_letter

Language = Literal["ar", "fa", "other"]

# Function words, in their normalised spelling (normalize_for_matching folds
# ی->ي, ک->ك, أ/إ->ا). Only words that are frequent in one language and rare
# in the other, and whose normalised forms do not collide: من ("from" / "I"),
# على / علی, أن / آن, أو / او, بين / بین are left out on purpose.
_PERSIAN_WORDS = frozenset(
    normalize_for_matching(w)
    for w in (
        "است را که از در با برای نیز می نمی های ها شد شده کرد کند کرده بود خواهد "
        "باید یک وی اگر چه هر شود گفت دارد هست پس همچنین"
    ).split()
)
_ARABIC_WORDS = frozenset(
    normalize_for_matching(w)
    for w in (
        "في إلى الى عن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لم لن مع "
        "حيث منذ ثم كما وقال قال عند لدى خلال هو هي وفي ولا لا إلا أنه أنها"
    ).split()
)

_ARABIC_KEYBOARD = frozenset("يكى")
KEYBOARD_WEIGHT = 0.3  # what one of them counts for Arabic, against 1 for ة or a Persian letter

_WORD = re.compile(r"[\w\u064B-\u065F\u0670]+")


def language_scores(text: str) -> dict[str, float]:
    """Evidence counts behind ``detect_language`` (useful when a call looks wrong)."""
    letters = [ch for ch in text if ch.isalpha()]
    arabic_script = sum(1 for ch in letters if is_arabic_script_letter(ch))
    words = _WORD.findall(normalize_for_matching(text))
    fa_words = sum(1 for w in words if w in _PERSIAN_WORDS)
    ar_words = sum(1 for w in words if w in _ARABIC_WORDS)
    # the Arabic article on a content word (Persian borrows a few: بین‌المللی, فی‌المثل)
    al_words = sum(1 for w in words if len(w) > 3 and w.startswith(("ال", "وال", "بال", "لل")))
    fa_letters = sum(1 for ch in letters if ch in PERSIAN_LETTERS)
    ar_letters = sum(1 for ch in letters if ch in ARABIC_LETTERS)
    # ي ك ى are also how Persian is typed on an Arabic keyboard (older Fars News copy): weak evidence
    keyboard = sum(1 for ch in letters if ch in _ARABIC_KEYBOARD)
    return {
        "letters": float(len(letters)),
        "arabic_script": float(arabic_script),
        "other_letters": float(sum(1 for ch in letters if ch in OTHER_LETTERS)),
        "fa_letters": float(fa_letters),
        "ar_letters": float(ar_letters),
        "fa": fa_letters + 3.0 * fa_words,
        "ar": ar_letters - (1.0 - KEYBOARD_WEIGHT) * keyboard + 3.0 * ar_words + 1.0 * al_words,
        # what is Arabic beyond the keyboard letters (ة and the like, function words, the article)
        "ar_own": ar_letters - keyboard + 3.0 * ar_words + 1.0 * al_words,
    }


def detect_language(text: str) -> Language:
    """``"ar"``, ``"fa"`` or ``"other"`` for a sentence or a document.

    Mostly non-Arabic-script letters, letters of other Arabic-script languages,
    or no evidence either way give ``"other"``.
    """
    s = language_scores(text)
    if s["letters"] == 0 or s["arabic_script"] / s["letters"] < 0.5:
        return "other"
    if s["other_letters"] / s["arabic_script"] > 0.01:
        return "other"
    if s["fa"] > 0 and s["ar_own"] == 0:
        return "fa"  # Persian typed on an Arabic keyboard: ي ك ى and nothing else Arabic
    if s["fa"] != s["ar"]:
        return "fa" if s["fa"] > s["ar"] else "ar"
    # a tie (short, mixed text such as a Persian sentence quoting Arabic): the letters decide
    if s["fa_letters"] != s["ar_letters"]:
        return "fa" if s["fa_letters"] > s["ar_letters"] else "ar"
    return "other"
