"""Numbers in Arabic and Persian text: digits in three systems, number words, scale words.

What it reads:

* digits in Latin, Arabic-Indic (٠-٩) and Persian (۰-۹) forms, with their separators:
  ``1.3``, ``١٫٣``, ``۱٫۳`` (decimal), ``1,300``, ``١٬٣٠٠`` (thousands), the Persian
  ``۲/۵`` decimal before a scale or percent word, and the Egyptian agency (MENA) decimal
  written fraction first with ر: ``6ر2`` (2.6);
* number words, Arabic (with case and gender forms: ``ثلاثة / ثلاث``, ``عشرون / عشرين``,
  teens ``أحد عشر``, hundreds ``ثلاثمائة / ثلاث مئة``) and Persian (``بیست و سه``,
  ``سیصد``, ``چهارده‌هزار``);
* scale words with Arabic dual and plural forms: ``ملياري / مليارين / ملياران`` (two
  billion), ``ثلاثة مليارات``, ``مليون و800 ألف``, ``دو میلیارد``, ``نصف مليار``,
  ``یک و نیم میلیون``;
* ordinals: ``أول / أوّل / الأولى / ثالث``, ``اولین / نخستین / سومین / بیست و یکم``.

No library reads these: num2words and persiantools write numbers as words (and convert
digits) but do not parse words back, and neither knows the Arabic dual scale forms; so
the word tables and the phrase parser are ours. Digit conversion is the project's one
table, ``checker.text.normalize`` (``to_ascii_digits`` and the matching folds), applied
through ``checker.text.tokens``.

Every match also carries its *precision*: the place value of its last significant
digit as written (``1.3 مليار`` → 0.1 billion, ``ملياري`` → 1 billion, ``71`` → 1),
which the quantity judge uses to tell rounding from a changed figure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from checker.text.clitics import stems
from checker.text.tokens import Token, fold, skip_letters, tokenize

# ----------------------------------------------------------------------------- word tables
# Each entry: spelling -> (kind, value). Kinds:
#   unit, ten, hundred: additive values; "hmul": مئة after a unit multiplies (ثلاث مئة);
#   "teen": عشر after a unit adds ten; "pre11": أحد/اثنا only before عشر;
#   "scale": singular scale word, "dual": dual scale word (= 2 x scale),
#   "plural": plural scale word (needs a count before it); "half": نصف / نیم;
#   "acc": a scale word ending in alif: accusative singular after a count (عشرون ألفا),
#   or, with no count before it, a dual that lost its nun before a noun (مليارا دولار = 2e9).

# fmt: off
_AR_WORDS: dict[str, tuple[str, float]] = {
    "صفر": ("unit", 0),
    "واحد": ("unit", 1), "واحدة": ("unit", 1),
    "أحد": ("pre11", 1), "إحدى": ("pre11", 1),
    "اثنان": ("unit", 2), "اثنين": ("unit", 2), "اثنتان": ("unit", 2), "اثنتين": ("unit", 2),
    "اثنا": ("pre11", 2), "اثنتا": ("pre11", 2), "اثني": ("pre11", 2), "اثنتي": ("pre11", 2),
    "ثلاثة": ("unit", 3), "ثلاث": ("unit", 3),
    "أربعة": ("unit", 4), "أربع": ("unit", 4),
    "خمسة": ("unit", 5), "خمس": ("unit", 5),
    "ستة": ("unit", 6), "ست": ("unit", 6),
    "سبعة": ("unit", 7), "سبع": ("unit", 7),
    "ثمانية": ("unit", 8), "ثماني": ("unit", 8), "ثمان": ("unit", 8),
    "تسعة": ("unit", 9), "تسع": ("unit", 9),
    "عشرة": ("unit", 10), "عشر": ("teen", 10),
    "عشرون": ("ten", 20), "عشرين": ("ten", 20),
    "ثلاثون": ("ten", 30), "ثلاثين": ("ten", 30),
    "أربعون": ("ten", 40), "أربعين": ("ten", 40),
    "خمسون": ("ten", 50), "خمسين": ("ten", 50),
    "ستون": ("ten", 60), "ستين": ("ten", 60),
    "سبعون": ("ten", 70), "سبعين": ("ten", 70),
    "ثمانون": ("ten", 80), "ثمانين": ("ten", 80),
    "تسعون": ("ten", 90), "تسعين": ("ten", 90),
    "مائة": ("hmul", 100), "مئة": ("hmul", 100),
    "مائتان": ("hundred", 200), "مائتين": ("hundred", 200), "مئتان": ("hundred", 200),
    "مئتين": ("hundred", 200), "مائتي": ("hundred", 200), "مئتي": ("hundred", 200),
    "ثلاثمائة": ("hundred", 300), "ثلاثمئة": ("hundred", 300),
    "أربعمائة": ("hundred", 400), "أربعمئة": ("hundred", 400),
    "خمسمائة": ("hundred", 500), "خمسمئة": ("hundred", 500),
    "ستمائة": ("hundred", 600), "ستمئة": ("hundred", 600),
    "سبعمائة": ("hundred", 700), "سبعمئة": ("hundred", 700),
    "ثمانمائة": ("hundred", 800), "ثمانمئة": ("hundred", 800), "ثمانيمائة": ("hundred", 800),
    "تسعمائة": ("hundred", 900), "تسعمئة": ("hundred", 900),
    "ألف": ("scale", 1e3), "ألفا": ("acc", 1e3),
    "ألفان": ("dual", 1e3), "ألفين": ("dual", 1e3), "ألفي": ("dual", 1e3),
    "آلاف": ("plural", 1e3), "ألوف": ("plural", 1e3),
    "مليون": ("scale", 1e6), "مليونا": ("acc", 1e6),
    "مليونان": ("dual", 1e6), "مليونين": ("dual", 1e6), "مليوني": ("dual", 1e6),
    "ملايين": ("plural", 1e6),
    "مليار": ("scale", 1e9), "مليارا": ("acc", 1e9),
    "ملياران": ("dual", 1e9), "مليارين": ("dual", 1e9), "ملياري": ("dual", 1e9),
    "مليارات": ("plural", 1e9),
    "بليون": ("scale", 1e9), "بليونا": ("acc", 1e9), "بليونان": ("dual", 1e9), "بليونين": ("dual", 1e9),
    "بلايين": ("plural", 1e9),
    "تريليون": ("scale", 1e12), "تريليونا": ("acc", 1e12), "ترليون": ("scale", 1e12),
    "تريليونان": ("dual", 1e12), "تريليونين": ("dual", 1e12), "تريليوني": ("dual", 1e12),
    "تريليونات": ("plural", 1e12),
    "نصف": ("half", 0.5),
}
# fmt: on

# fmt: off
_FA_WORDS: dict[str, tuple[str, float]] = {
    "صفر": ("unit", 0),
    "یک": ("unit", 1), "يك": ("unit", 1), "دو": ("unit", 2), "سه": ("unit", 3), "چهار": ("unit", 4),
    "پنج": ("unit", 5), "شش": ("unit", 6), "شیش": ("unit", 6), "هفت": ("unit", 7), "هشت": ("unit", 8),
    "نه": ("unit", 9), "ده": ("unit", 10),
    "یازده": ("unit", 11), "دوازده": ("unit", 12), "سیزده": ("unit", 13), "چهارده": ("unit", 14),
    "پانزده": ("unit", 15), "پونزده": ("unit", 15), "شانزده": ("unit", 16), "هفده": ("unit", 17),
    "هجده": ("unit", 18), "هیجده": ("unit", 18), "نوزده": ("unit", 19),
    "بیست": ("ten", 20), "سی": ("ten", 30), "چهل": ("ten", 40), "پنجاه": ("ten", 50),
    "شصت": ("ten", 60), "هفتاد": ("ten", 70), "هشتاد": ("ten", 80), "نود": ("ten", 90),
    "صد": ("hmul", 100), "یکصد": ("hundred", 100), "دویست": ("hundred", 200), "سیصد": ("hundred", 300),
    "چهارصد": ("hundred", 400), "پانصد": ("hundred", 500), "پونصد": ("hundred", 500),
    "ششصد": ("hundred", 600), "هفتصد": ("hundred", 700), "هشتصد": ("hundred", 800), "نهصد": ("hundred", 900),
    "هزار": ("scale", 1e3), "میلیون": ("scale", 1e6), "میلیارد": ("scale", 1e9), "بیلیون": ("scale", 1e9),
    "تریلیون": ("scale", 1e12), "نیم": ("half", 0.5),
}
# fmt: on

# Persian words that are also common function words: numbers only inside a number
# phrase or right before a scale word (نه = "no", یک = the indefinite article).
_FA_AMBIGUOUS = frozenset({"نه", "یک"})

# Ordinals (value). Arabic forms are matched after stripping proclitics (كأول, للمرة).
# fmt: off
_AR_ORDINALS: dict[str, int] = {
    "أول": 1, "الأول": 1, "أولى": 1, "الأولى": 1, "اول": 1,
    "ثاني": 2, "الثاني": 2, "ثانية": 2, "الثانية": 2,
    "ثالث": 3, "ثالثة": 3, "الثالث": 3, "الثالثة": 3,
    "رابع": 4, "رابعة": 4, "الرابع": 4, "الرابعة": 4,
    "خامس": 5, "خامسة": 5, "الخامس": 5, "الخامسة": 5,
    "سادس": 6, "سادسة": 6, "السادس": 6, "السادسة": 6,
    "سابع": 7, "سابعة": 7, "السابع": 7, "السابعة": 7,
    "ثامن": 8, "ثامنة": 8, "الثامن": 8, "الثامنة": 8,
    "تاسع": 9, "تاسعة": 9, "التاسع": 9, "التاسعة": 9,
    "عاشر": 10, "عاشرة": 10, "العاشر": 10, "العاشرة": 10,
}
# fmt: on
_FA_ORDINALS: dict[str, int] = {
    "اول": 1,
    "اولین": 1,
    "نخست": 1,
    "نخستین": 1,
    "یکم": 1,
    "سوم": 3,
    "سومین": 3,
    "سی‌ام": 30,
    "سیام": 30,
}


@dataclass(frozen=True)
class NumberWord:
    kind: str
    value: float


@cache
def _word_table(lang: str) -> dict[str, NumberWord]:
    source = _AR_WORDS if lang == "ar" else _FA_WORDS
    return {fold(k): NumberWord(kind, v) for k, (kind, v) in source.items()}


@cache
def _ordinal_table(lang: str) -> dict[str, int]:
    if lang == "ar":
        return {fold(k): v for k, v in _AR_ORDINALS.items()}
    table = {fold(k): v for k, v in _FA_ORDINALS.items()}
    # the regular Persian ordinals: cardinal + م / مین (ششم, ششمین, بیستم, صدم, هزارم)
    for word, (kind, value) in _FA_WORDS.items():
        if kind in ("unit", "ten", "hundred", "hmul", "scale") and value >= 2 and word not in ("سه", "سی"):
            table.setdefault(fold(word + "م"), int(value))
            table.setdefault(fold(word + "مین"), int(value))
    return table


def _langs(lang: str) -> tuple[str, ...]:
    return ("ar",) if lang == "ar" else ("fa",) if lang == "fa" else ("ar", "fa")


def lookup_word(norm: str, lang: str, *, first: bool) -> tuple[NumberWord, str] | None:
    """The number word ``norm`` stands for, and the prefix stripped to find it.

    Inside a phrase only the conjunction و may be attached (وعشرون); at the start of
    a phrase a preposition may be too (بملياري, لـ3 آلاف), never the article.
    """
    for lg in _langs(lang):
        table = _word_table(lg)
        if norm in table:
            return table[norm], ""
        if lg == "ar":
            for stem in stems(norm, strip_article=False):
                prefix = norm[: len(norm) - len(stem)]
                if stem in table and (first or prefix == "و"):
                    return table[stem], prefix
    return None


def lookup_ordinal(norm: str, lang: str) -> int | None:
    found = lookup_ordinal_prefixed(norm, lang)
    return found[0] if found else None


def lookup_ordinal_prefixed(norm: str, lang: str) -> tuple[int, str] | None:
    """The ordinal ``norm`` stands for and the proclitic in front of it (كأول -> (1, "ك"))."""
    for lg in _langs(lang):
        table = _ordinal_table(lg)
        if norm in table:
            return table[norm], ""
        if lg == "ar":
            for stem in stems(norm, strip_article=False):
                if stem in table:
                    return table[stem], norm[: len(norm) - len(stem)]
    return None


# ----------------------------------------------------------------------------- numerals


@dataclass(frozen=True)
class Numeral:
    value: float
    precision: float  # place value of the last written digit


# the longest start of a digit run that reads as one number: digits, and one separator with digits
_LEADING_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


def parse_numeral(norm: str) -> Numeral:
    """A folded digit run (``1.3``, ``1,300``, ``1.300.000``) as a value.

    A comma followed by groups of exactly three digits is a thousands separator;
    one dot is a decimal point; several dots between three-digit groups are
    thousands separators (``1.300.000``). A run that fits none of these, with mixed
    separators (``26,27.28``: the days 26, 27 and 28 of a month), is read from its
    start up to the second separator, as a run of dots alone is (``26.27.28``: 26.27).
    """
    try:
        return _parse_separated(norm)
    except ValueError:
        leading = _LEADING_NUMBER.match(norm)
        if leading is None:
            raise ValueError(f"not a digit run: {norm!r}") from None
        return _parse_separated(leading.group())


def _parse_separated(norm: str) -> Numeral:
    if "," in norm:
        head, *groups = norm.split(",")
        last = groups[-1] if groups else ""
        if (
            all(len(g) == 3 for g in groups[:-1])
            and len(last.split(".")[0]) == 3
            and "." not in "".join(groups[:-1])
        ):
            if "." in last:
                whole, frac = last.split(".", 1)
                return Numeral(float(head + "".join(groups[:-1]) + whole + "." + frac), 10.0 ** -len(frac))
            return Numeral(float(head + "".join(groups)), 1.0)
        # a decimal comma (rare in Arabic/Persian news, common in copied European text)
        whole, frac = norm.split(",", 1)
        frac = frac.replace(",", "")
        return Numeral(float(whole + "." + frac), 10.0 ** -len(frac))
    parts = norm.split(".")
    if len(parts) > 2 and all(len(p) == 3 for p in parts[1:]):
        return Numeral(float("".join(parts)), 1.0)
    if len(parts) >= 2:
        return Numeral(float(parts[0] + "." + parts[1]), 10.0 ** -len(parts[1]))
    return Numeral(float(norm), 1.0)


# ----------------------------------------------------------------------------- phrases


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text. ``first``/``last`` are token indices (inclusive)."""

    value: float
    precision: float
    first: int
    last: int
    start: int  # verbatim offsets
    end: int
    ordinal: bool = False
    words: bool = False  # spelled out (wholly or partly)
    digits: bool = False  # contains a digit run
    scale: float | None = None  # the largest scale word used (1e9 for مليار)
    prefix: str = ""  # a proclitic attached to the first word (ب in بملياري)


def _is_scale(tok: Token, lang: str) -> bool:
    w = lookup_word(tok.norm, lang, first=False) if tok.is_word else None
    return w is not None and w[0].kind in ("scale", "dual", "plural", "acc")


def _glued_numeral(tokens: tuple[Token, ...], j: int, separator: str) -> bool:
    """Is the digit run at ``j`` glued by ``separator`` to the digit run after it ("۲/۵", "6ر2")?"""
    return (
        j + 2 < len(tokens)
        and tokens[j + 1].norm == separator
        and tokens[j + 2].is_num
        and tokens[j + 1].start == tokens[j].end
        and tokens[j + 2].start == tokens[j + 1].end
    )


def _digit_precision(value: float, precision: float) -> float:
    return precision if value else 1.0


_WEEKDAY_NUMBERS = frozenset({"الاحد", "الاثنين", "الخميس"})  # folded: Sunday, Monday, Thursday


def _definite_compound(tokens: tuple[Token, ...], i: int, lang: str) -> tuple[NumberWord, str] | None:
    """A number word with the article that opens a compound: "المائة وتسعين" (190), "الخمسة عشر" (15).

    The article is allowed only there: alone, الأحد, الاثنين and الخميس are weekdays.
    """
    norm = tokens[i].norm
    if lang != "ar" or not norm.startswith("ال") or norm in _WEEKDAY_NUMBERS or i + 1 >= len(tokens):
        return None
    found = lookup_word(norm[2:], lang, first=False)
    following = lookup_word(tokens[i + 1].norm, lang, first=False)
    if found is None or found[1] or following is None:
        return None
    return found[0], "ال"


def _comma_in_amount(
    tokens: tuple[Token, ...], j: int, lang: str, last_kind: str, last_scale: float | None
) -> bool:
    """A comma inside one amount: after a scale word, before "و" + a number + a smaller scale."""
    if last_kind != "scale" or last_scale is None or j + 3 >= len(tokens):
        return False
    if tokens[j + 1].norm != "و" or not tokens[j + 2].is_num:
        return False
    found = lookup_word(tokens[j + 3].norm, lang, first=False)
    return found is not None and found[0].kind == "scale" and found[0].value < last_scale


def parse_number_at(
    text: str, tokens: tuple[Token, ...], i: int, lang: str, *, lenient: bool = False
) -> NumberMatch | None:
    """The longest number phrase starting at token ``i``, or None.

    Values add up inside a group below a thousand (ثلاثة وعشرون = 3 + 20) and a scale
    word multiplies the group before it (ثلاثمائة ألف); a dual scale word alone is
    two of its scale (ملياري = 2e9); a plural scale word needs a count (ثلاثة مليارات)
    and alone (ملايين, "millions") is no number at all. Persian words that double as
    function words (نه "no", یک "a") count only inside a phrase unless ``lenient``.
    """
    n = len(tokens)
    total = 0.0
    current = 0.0
    current_set = False  # current holds something (may be 0 for "صفر")
    current_prec = math.inf
    current_from_digits = False
    last_kind = ""
    last_scale: float | None = None
    max_scale: float | None = None
    precision = math.inf
    words = digits = False
    prefix = ""
    j = i
    end_tok = -1
    ordinal = False

    def flush(scale: float) -> None:
        nonlocal total, current, current_set, current_prec, precision, last_scale, max_scale
        if not current_set and last_kind == "scale" and last_scale is not None and scale > last_scale:
            # a scale right after a smaller one multiplies the whole: "ده هزار میلیارد" is 10 x 1000
            # x 10^9, "ألف مليون" a thousand million (not a thousand and one million)
            total *= scale
            precision = precision * scale if precision != math.inf else scale
            last_scale = scale
            max_scale = max(max_scale or 0.0, scale)
            return
        count = current if current_set else 1.0
        prec = current_prec if current_set else 1.0
        if last_scale is not None and scale > last_scale:
            total = (total + count) * scale  # ألف مليون
        else:
            total += count * scale
        precision = min(precision, prec * scale)
        current, current_set, current_prec = 0.0, False, math.inf
        last_scale = scale
        max_scale = max(max_scale or 0.0, scale)

    while j < n:
        tok = tokens[j]
        if tok.is_num:
            if current_set or (last_kind and last_kind not in ("scale", "and")):
                break
            # Persian decimal slash before a scale or percent word: ۲/۵ میلیارد
            if (
                lang != "ar"
                and j + 3 < n
                and _glued_numeral(tokens, j, "/")
                and len(tokens[j + 2].norm) <= 2
                and (_is_scale(tokens[j + 3], lang) or tokens[j + 3].norm in ("درصد", "%"))
            ):
                num = parse_numeral(tok.norm + "." + tokens[j + 2].norm)
                j += 2
            elif lang != "fa" and _glued_numeral(tokens, j, "ر"):
                # the MENA agency decimal, fraction first: "6ر2" is 2.6, "25ر1 مليار" 1.25 billion
                num = parse_numeral(tokens[j + 2].norm + "." + tok.norm)
                j += 2
            else:
                num = parse_numeral(tok.norm)
            current, current_set = num.value, True
            current_prec = _digit_precision(num.value, num.precision)
            current_from_digits = True
            digits = True
            last_kind = "num"
            end_tok = j
            j += 1
            continue
        if not tok.is_word:
            if tok.norm in ("،", ",") and _comma_in_amount(tokens, j, lang, last_kind, last_scale):
                j += 1  # "372 مليون، و700 ألف جنيه": one amount written in two parts
                continue
            break
        if tok.norm == "و":
            # "بیست و سه", "مليون و 800 ألف": a separate و continues a phrase only before a number
            if (
                j > i
                and j + 1 < n
                and (
                    tokens[j + 1].is_num
                    or lookup_word(tokens[j + 1].norm, lang, first=False)
                    or (lang != "ar" and lookup_ordinal(tokens[j + 1].norm, lang))
                )
            ):
                last_kind = "and"
                j += 1
                continue
            break
        found = lookup_word(tok.norm, lang, first=(j == i))
        if found is None and j == i:
            found = _definite_compound(tokens, i, lang)
        if found is None:
            # a Persian ordinal closing a phrase: بیست و یکم
            if j > i and last_kind == "and" and lang != "ar":
                ordv = lookup_ordinal(tok.norm, lang)
                if ordv is not None and ordv < 100:
                    current += ordv
                    current_set = True
                    current_prec = min(current_prec, 1.0)
                    ordinal = True
                    end_tok = j
                    words = True
                break
            break
        word, pre = found
        if j == i:
            prefix = pre
        elif pre and pre != "و":
            break
        kind, value = word.kind, word.value
        if current_from_digits and kind in ("unit", "ten", "hundred", "teen", "pre11"):
            break  # "5 ثلاثة" is two numbers, not one
        if kind == "pre11":
            nxt = lookup_word(tokens[j + 1].norm, lang, first=False) if j + 1 < n else None
            if nxt is not None and nxt[0].value == 10 and not nxt[1]:
                current += value
                current_set = True
                current_prec = min(current_prec, 1.0)
            else:
                break
        elif kind in ("unit", "ten", "hundred"):
            if (
                not lenient
                and lang != "ar"
                and tok.norm in _AMBIGUOUS_FOLDED()
                and not _phrase_context(tokens, i, j, lang)
            ):
                break
            current += value
            current_set = True
            current_prec = min(current_prec, 1.0)
        elif kind == "teen":
            if current_set and 1 <= current <= 9 and last_kind in ("unit", "pre11"):
                current += 10
            else:
                current += 10
                current_set = True
                current_prec = min(current_prec, 1.0)
        elif kind == "hmul":
            if current_set and 1 <= current <= 9 and last_kind == "unit":
                current *= 100
            else:
                current += 100
                current_set = True
                current_prec = min(current_prec, 1.0)
        elif kind == "scale":
            flush(value)
        elif kind == "acc":
            if current_set:
                flush(value)
            else:
                current, current_set, current_prec = 2.0, True, 1.0
                flush(value)
        elif kind == "dual":
            if current_set:
                flush(value)
            else:
                current, current_set, current_prec = 2.0, True, 1.0
                flush(value)
        elif kind == "plural":
            if not current_set:
                break  # "ملايين الدولارات": millions, not a number
            flush(value)
        elif kind == "half":
            if not current_set and last_scale is None:
                if j + 1 < n and _is_scale(tokens[j + 1], lang):
                    current, current_set, current_prec = 0.5, True, 0.1
                else:
                    break
            elif not current_set and last_scale is not None:
                total += 0.5 * last_scale
                precision = min(precision, 0.1 * last_scale)
            else:
                current += 0.5
                current_prec = min(current_prec, 0.1)
        words = True
        last_kind = {"pre11": "unit", "hmul": "unit"}.get(kind, kind)
        if kind in ("scale", "dual", "plural", "acc"):
            last_kind = "scale"
        end_tok = j
        j += 1

    if end_tok < i:
        return None
    value = total + (current if current_set else 0.0)
    if current_set:
        precision = min(precision, current_prec)
    if precision == math.inf:
        precision = 1.0
    return NumberMatch(
        value=_clean(value),
        precision=_clean(precision),
        first=i,
        last=end_tok,
        start=skip_letters(text, tokens[i].start, len(prefix)) if prefix else tokens[i].start,
        end=tokens[end_tok].end,
        ordinal=ordinal,
        words=words,
        digits=digits,
        scale=max_scale,
        prefix=prefix,
    )


def _clean(x: float) -> float:
    """Drop binary noise from scaled decimals (8.2 * 1e6 = 8199999.999999999)."""
    return float(f"{x:.15g}")


@cache
def _AMBIGUOUS_FOLDED() -> frozenset[str]:  # noqa: N802 - a constant built lazily
    return frozenset(fold(w) for w in _FA_AMBIGUOUS)


def _phrase_context(tokens: tuple[Token, ...], i: int, j: int, lang: str) -> bool:
    """Whether an ambiguous Persian word at ``j`` is a number: inside a phrase or before a scale."""
    if j > i:
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None:
        return False
    if _is_scale(nxt, lang):
        return True
    return (
        nxt.norm == "و"
        and j + 2 < len(tokens)
        and lookup_word(tokens[j + 2].norm, lang, first=False) is not None
    )


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """All cardinal number phrases in ``text`` (ordinal words are read by ``ordinal_at``)."""
    tokens = tokenize(text)
    out: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        m = parse_number_at(text, tokens, i, lang)
        if m is not None:
            out.append(m)
            i = m.last + 1
        else:
            i += 1
    return out


def parse_number(text: str, lang: str) -> float | None:
    """The value of ``text`` when all of it is one number phrase, else None.

    >>> parse_number("ملياري", "ar"), parse_number("۱٫۳", "fa"), parse_number("دو میلیارد", "fa")
    (2000000000.0, 1.3, 2000000000.0)
    """
    tokens = tokenize(text)
    if not tokens:
        return None
    m = parse_number_at(text, tokens, 0, lang, lenient=True)
    if m is None or m.last != len(tokens) - 1:
        return None
    return m.value


def ordinal_at(tokens: tuple[Token, ...], i: int, lang: str) -> int | None:
    """The ordinal value of token ``i`` when it is an ordinal word (أول, الثالثة, سومین)."""
    tok = tokens[i]
    if not tok.is_word:
        return None
    return lookup_ordinal(tok.norm, lang)
