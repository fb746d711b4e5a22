"""Writing numbers: digits in each system, Arabic and Persian number words, English glosses.

The parser in ``checker.facts.numbers`` reads what people write; this module writes
what people write, so that the two can be tested against each other (a value must
survive a round trip through every digit system and every word form generated here)
and so that the perturbation benchmark can restate a figure in another form. The
English gloss is what explanations print beside a verbatim quote.
"""

from __future__ import annotations

import random
from decimal import Decimal

from checker.text.digits import DECIMAL_SEPARATOR, DIGIT_SYSTEMS, THOUSANDS_SEPARATOR, ZERO


def _plain(value: float, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{value:.{decimals}f}"
    d = Decimal(repr(value)).normalize()
    text = format(d, "f")
    return text[:-2] if text.endswith(".0") else text


def digits(value: float, system: str = "latin", *, group: bool = False, decimals: int | None = None) -> str:
    """``value`` in the digits of ``system``, with its decimal separator and, if ``group``,
    thousands separators (``1,300`` / ``١٬٣٠٠`` / ``۱٬۳۰۰``)."""
    if system not in ZERO:
        raise ValueError(f"unknown digit system {system!r}; expected one of {DIGIT_SYSTEMS}")
    text = _plain(value, decimals)
    whole, _, frac = text.partition(".")
    sign = ""
    if whole.startswith("-"):
        sign, whole = "-", whole[1:]
    if group and len(whole) > 3:
        parts = []
        while len(whole) > 3:
            parts.append(whole[-3:])
            whole = whole[:-3]
        parts.append(whole)
        whole = THOUSANDS_SEPARATOR[system].join(reversed(parts))
    out = sign + whole + (DECIMAL_SEPARATOR[system] + frac if frac else "")
    zero = ZERO[system]
    return "".join(chr(zero + int(c)) if c.isdecimal() else c for c in out)


# ----------------------------------------------------------------------------- Arabic words

_AR_UNITS_M = ("", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
_AR_UNITS_F = ("", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر")
_AR_TENS_NOM = ("", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")
_AR_TENS_ACC = ("", "", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين")
_AR_HUNDREDS = (
    "",
    "مائة",
    "مائتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
)
# scale: singular, singular accusative (after 11-99), dual nominative, dual oblique, dual construct, plural
_AR_SCALES = (
    (10**12, ("تريليون", "تريليونا", "تريليونان", "تريليونين", "تريليوني", "تريليونات")),
    (10**9, ("مليار", "مليارا", "ملياران", "مليارين", "ملياري", "مليارات")),
    (10**6, ("مليون", "مليونا", "مليونان", "مليونين", "مليوني", "ملايين")),
    (10**3, ("ألف", "ألفا", "ألفان", "ألفين", "ألفي", "آلاف")),
)


def _ar_below_1000(n: int, *, feminine: bool, oblique: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append("مائتين" if hundreds == 2 and oblique else _AR_HUNDREDS[hundreds])
    if rest:
        units = _AR_UNITS_F if feminine else _AR_UNITS_M
        tens = _AR_TENS_ACC if oblique else _AR_TENS_NOM
        if rest <= 10:
            word = units[rest]
            if rest == 2 and oblique:
                word = "اثنتين" if feminine else "اثنين"
        elif rest < 20:
            u = rest - 10
            if u == 1:
                word = "إحدى عشرة" if feminine else "أحد عشر"
            elif u == 2:
                word = (
                    ("اثنتي" if oblique else "اثنتا") + " عشرة"
                    if feminine
                    else ("اثني" if oblique else "اثنا") + " عشر"
                )
            else:
                # the unit of 13-19 takes the opposite gender form to its noun; عشر agrees
                word = (_AR_UNITS_F[u] + " عشرة") if feminine else (_AR_UNITS_M[u] + " عشر")
        else:
            t, u = divmod(rest, 10)
            word = tens[t] if not u else units[u] + " و" + tens[t]
            if u == 2 and oblique:
                word = ("اثنتين" if feminine else "اثنين") + " و" + tens[t]
        parts.append(word)
    return " و".join(parts)


def spell_ar(n: int, *, feminine: bool = False, oblique: bool = False, construct: bool = False) -> str:
    """An integer 0 <= n < 10**15 in Arabic words.

    Args:
        feminine: the gender of the counted noun (ثلاث سنوات, not ثلاثة سنوات).
        oblique: accusative/genitive endings (عشرين, مليارين) instead of nominative.
        construct: a dual scale before its noun drops its nun (ملياري دولار).
    """
    if not 0 <= n < 10**15:
        raise ValueError(f"{n} is out of range for spell_ar")
    if n == 0:
        return "صفر"
    parts: list[str] = []
    rest = n
    for scale, (sing, sing_acc, dual_nom, dual_obl, dual_con, plural) in _AR_SCALES:
        count, rest = divmod(rest, scale)
        if not count:
            continue
        if count == 1:
            parts.append(sing)
        elif count == 2:
            parts.append(dual_con if construct and not rest else dual_obl if oblique else dual_nom)
        elif 3 <= count <= 10:
            parts.append(_ar_below_1000(count, feminine=False, oblique=oblique) + " " + plural)
        else:
            word = sing_acc if 11 <= count % 100 <= 99 else sing
            parts.append(_ar_below_1000(count, feminine=False, oblique=oblique) + " " + word)
    if rest:
        parts.append(_ar_below_1000(rest, feminine=feminine, oblique=oblique))
    return " و".join(parts)


# ----------------------------------------------------------------------------- Persian words

_FA_UNITS = (
    "",
    "یک",
    "دو",
    "سه",
    "چهار",
    "پنج",
    "شش",
    "هفت",
    "هشت",
    "نه",
    "ده",
    "یازده",
    "دوازده",
    "سیزده",
    "چهارده",
    "پانزده",
    "شانزده",
    "هفده",
    "هجده",
    "نوزده",
)
_FA_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_FA_HUNDREDS = ("", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")
_FA_SCALES = ((10**12, "تریلیون"), (10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار"))


def _fa_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(_FA_HUNDREDS[hundreds])
    if rest:
        if rest < 20:
            parts.append(_FA_UNITS[rest])
        else:
            t, u = divmod(rest, 10)
            parts.append(_FA_TENS[t] + (" و " + _FA_UNITS[u] if u else ""))
    return " و ".join(parts)


def spell_fa(n: int, *, one_thousand: bool = False) -> str:
    """An integer 0 <= n < 10**15 in Persian words (``one_thousand``: یک هزار for هزار)."""
    if not 0 <= n < 10**15:
        raise ValueError(f"{n} is out of range for spell_fa")
    if n == 0:
        return "صفر"
    parts: list[str] = []
    rest = n
    for scale, word in _FA_SCALES:
        count, rest = divmod(rest, scale)
        if count:
            if count == 1 and scale == 1000 and not one_thousand:
                parts.append(word)
            else:
                parts.append(_fa_below_1000(count) + " " + word)
    if rest:
        parts.append(_fa_below_1000(rest))
    return " و ".join(parts)


def spell(n: int, lang: str, rng: random.Random | None = None) -> str:
    """``n`` in words of ``lang``, in one of the forms a writer might choose (random with ``rng``)."""
    if lang == "ar":
        if rng is None:
            return spell_ar(n)
        return spell_ar(
            n, feminine=rng.random() < 0.3, oblique=rng.random() < 0.5, construct=rng.random() < 0.5
        )
    if lang == "fa":
        return spell_fa(n, one_thousand=bool(rng and rng.random() < 0.3))
    raise ValueError(f"no number words for language {lang!r}")


_AR_SCALE_WORDS = {10**12: "تريليون", 10**9: "مليار", 10**6: "مليون", 10**3: "ألف"}
_FA_SCALE_WORDS = dict(_FA_SCALES)


def with_scale(value: float, lang: str, system: str = "latin") -> str | None:
    """``value`` as digits and a scale word (``1.3 مليار``, ``۲ میلیارد``), when it has a round scale."""
    words = _AR_SCALE_WORDS if lang == "ar" else _FA_SCALE_WORDS
    for scale, word in sorted(words.items(), reverse=True):
        mantissa = value / scale
        if value >= scale and abs(mantissa * 1000 - round(mantissa * 1000)) < 1e-6:
            return digits(round(mantissa, 3), system) + " " + word
    return None


# ----------------------------------------------------------------------------- English gloss

_GLOSS_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def gloss(value: float) -> str:
    """A short English rendering for explanations: 2 billion, 1.3 billion, 16,000, 38."""
    for scale, word in _GLOSS_SCALES:
        if abs(value) >= scale:
            return f"{_plain(round(value / scale, 3))} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return _plain(round(value, 3))


def ordinal_gloss(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
