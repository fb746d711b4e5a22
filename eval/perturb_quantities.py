"""Perturbed copies of real sentences, for measuring the quantity and time judges.

Each rule edits one number, year, month, weekday or ordinal of a real Arabic or
Persian sentence and says whether the edit changes a fact (a *positive*: the judge
should flag the pair) or restates it (a *control*: it should stay quiet):

positives   ``value`` (a digit figure changed, same digits), ``word_value`` (a number
            word changed: ملياري → خمسة مليارات), ``ordinal`` (أول → ثالث), ``year``
            (±1-3), ``month`` (another month name), ``weekday`` (another weekday);
controls    ``digits`` (the same number in another digit system, with its separators),
            ``words`` (the same number in words or as digits-plus-scale: 2 مليار ↔
            ملياري), ``hedge`` (نحو / حدود added before the number), ``year_digits``
            (the same year in other digits), ``month_alias`` (the same month by its other
            name: ديسمبر ↔ كانون الأول, ژوئیه ↔ جولای), ``figure_year`` (a sum of money or a
            percentage changed together with the year it is for: another year's figure, as in
            "trade was 2 billion in 2020" against "5 billion in 2018").

Targets are found with plain regular expressions here, not with the extractor under
test, so a number the extractor misses still counts against its recall.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.facts.render import digits, spell, with_scale
from checker.text.digits import digit_system_of, to_system

POSITIVE_KINDS = ("value", "word_value", "ordinal", "year", "month", "weekday")
CONTROL_KINDS = ("digits", "words", "hedge", "year_digits", "month_alias", "figure_year")
FAMILY = {
    "value": "quantity", "word_value": "quantity", "ordinal": "quantity", "digits": "quantity",
    "words": "quantity", "hedge": "quantity",
    "year": "date", "month": "date", "weekday": "date", "year_digits": "date", "month_alias": "date",
    "figure_year": "quantity",
}  # fmt: skip


@dataclass(frozen=True)
class Perturbation:
    kind: str
    conflict: bool  # whether the edit changes a fact
    original: str
    perturbed: str
    old: str  # the edited slice, verbatim
    new: str


_D = "0-9٠-٩۰-۹"
# a digit run with its separators, not part of a date, a code or a word
_NUMBER = re.compile(rf"(?<![\w{_D}.,٫٬/:\-])([{_D}]+(?:[.,٫٬][{_D}]+)*)(?![\w{_D}/:]|[.,٫٬\-][{_D}\w])")
_SCALE_AR = {"ألف": 10**3, "آلاف": 10**3, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9}
_SCALE_FA = {"هزار": 10**3, "میلیون": 10**6, "میلیارد": 10**9}


def _ascii(s: str) -> str:
    return to_system(s, "latin")


def _value(raw: str) -> tuple[float, int] | None:
    """A digit run's value and number of decimals, or None when its separators are unclear."""
    s = _ascii(raw)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        return float(s.replace(",", "")), 0
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s), len(s.split(".")[1])
    if re.fullmatch(r"\d+", s):
        return float(s), 0
    return None


_YEAR_BEFORE = re.compile(r"(?:سال|سال‌های|سالهای|عام|العام|لعام|سنة|السنة)\s*$")
_ERA_AFTER = re.compile(
    r"\s*(?:م\b|م\.|ميلادي|میلادی|هـ|ه\.?\s*[قش]|ه\b|هجري|هجری|قمری|شمسی|خورشیدی"
    r"|ق\.?\s*م|پ\.?\s*م|پیش از میلاد|قبل الميلاد)"
)


def _is_year(raw: str, text: str = "", start: int = 0, end: int = 0) -> bool:
    """A year: four digits from 1000 to 2100, or any number said to be one (سال ۵۱۹, ۳۸۷ ق.م)."""
    s = _ascii(raw)
    if not re.fullmatch(r"\d{1,4}", s):
        return False
    if len(s) == 4 and 1000 <= int(s) <= 2100:
        return True
    if text and len(s) >= 2 and int(s) <= 2100:
        return bool(_YEAR_BEFORE.search(text[:start]) and len(s) >= 3 or _ERA_AFTER.match(text[end:]))
    return False


def _year_at(m: re.Match[str]) -> bool:
    return _is_year(m.group(1), m.string, m.start(1), m.end(1))


def _write(value: float, like: str, decimals: int) -> str:
    system = digit_system_of(like) or "latin"
    grouped = any(c in like for c in ",٬")
    return digits(value, system, group=grouped, decimals=decimals if decimals else None)


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _numbers(text: str) -> list[re.Match[str]]:
    """Digit runs that are figures: not the day of a named month (those are dates)."""
    out = []
    for m in _NUMBER.finditer(text):
        if _value(m.group(1)) is None:
            continue
        if re.match(r"\s*[-.)](?:\s|$)", text[m.end(1) :]) and len(_ascii(m.group(1))) <= 2:
            continue  # a list marker: "۱- ...", "۳. ..."
        after = re.match(r"\s*(\w+(?:\s+ال\w+)?)", text[m.end(1) :])
        if after and (after.group(1) in _ALL_MONTHS or after.group(1).split()[0] in _ALL_MONTHS):
            continue
        out.append(m)
    return out


def _scale_after(text: str, end: int, lang: str) -> tuple[str, int, int] | None:
    """A scale word right after a number: (word, multiplier, end of the word)."""
    table = _SCALE_AR if lang == "ar" else _SCALE_FA
    m = re.match(r"\s+(\S+)", text[end:])
    if m and m.group(1) in table:
        return m.group(1), table[m.group(1)], end + m.end()
    return None


# ----------------------------------------------------------------------------- positives


def value_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    """A figure written in digits changed to another value in the same digits."""
    cands = [m for m in _numbers(text) if not _year_at(m)]
    if not cands:
        return None
    m = rng.choice(cands)
    parsed = _value(m.group(1))
    if parsed is None:
        return None
    v, dec = parsed
    # a change a reporter could make: at least a fifth of the value, or 1-5 for small counts
    if dec:
        step = 10.0**-dec
        options = [round(v * f, dec) for f in (0.5, 0.7, 1.3, 1.5, 2, 3)]
        options = [o for o in options if o > 0 and abs(o - v) >= step]
        new_v = rng.choice(options) if options else round(v + 5 * step, dec)
    else:
        n = int(v)
        if n < 20:
            options = [float(n + d) for d in (1, 2, 3, 5)] + [float(n - d) for d in (1, 2) if n - d > 0]
        else:
            magnitude = 10 ** max(len(str(n)) - 2, 0)  # keep the figure's two leading digits' precision
            options = [float(round(n * f / magnitude) * magnitude) for f in (0.5, 0.7, 1.3, 1.5, 2, 3)]
        new_v = float(rng.choice([o for o in options if o != n and o > 0]))
    new = _write(new_v, m.group(1), dec)
    return Perturbation("value", True, text, _replace(text, m.start(1), m.end(1), new), m.group(1), new)


_AR_WORD_NUMBERS = {
    "ملياري": 2 * 10**9, "مليارين": 2 * 10**9, "ملياران": 2 * 10**9, "مليوني": 2 * 10**6,
    "مليونين": 2 * 10**6,
    "ألفي": 2000, "ألفين": 2000, "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8,
    "تسعة": 9, "عشرة": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "أربعين": 40, "خمسين": 50,
}  # fmt: skip
_FA_WORD_NUMBERS = {
    "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "ده": 10, "بیست": 20, "سی": 30,
    "چهل": 40, "پنجاه": 50, "صد": 100, "هزار": 1000,
}  # fmt: skip


_ALL_NUMBER_WORDS = frozenset(
    "واحد اثنان ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية تسعة عشرة عشر عشرون عشرين "
    "ثلاثون ثلاثين أربعون أربعين خمسون خمسين مائة مئة ألف آلاف مليون ملايين مليار مليارات "
    "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده "
    "بیست سی چهل پنجاه شصت هفتاد هشتاد نود صد یکصد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد "
    "هزار میلیون میلیارد".split()
)


def _in_phrase(text: str, start: int, end: int) -> bool:
    """Whether a number word stands inside a longer number (بیست و سه, دوازده هزار, 5 آلاف)."""
    before = re.search(r"(\S+)\s+(?:و\s+)?$", text[:start])
    after = re.match(r"\s+(?:و\s*)?(\S+)", text[end:])
    words = [g.group(1).strip("،,.") for g in (before, after) if g]
    return any(w in _ALL_NUMBER_WORDS or re.fullmatch(rf"[{_D}]+", w) for w in words)


def _word_targets(text: str, lang: str) -> list[tuple[int, int, int]]:
    """Single number words (with a scale word after them): (start, end, value)."""
    out = []
    table = _AR_WORD_NUMBERS if lang == "ar" else _FA_WORD_NUMBERS
    for m in re.finditer(r"(?<![\w\u200c])(\w+)(?![\w\u200c])", text):
        w = m.group(1)
        if w not in table:
            continue
        scale_end = _scale_after(text, m.end(), lang)
        if _in_phrase(text, m.start(), scale_end[2] if scale_end else m.end()):
            continue
        value = table[w]
        end = m.end()
        scale = _scale_after(text, end, lang)
        if lang == "fa" and scale is None and value < 1000:
            # a Persian number word counts only before a noun or scale (سه کشور, دو میلیارد)
            nxt = re.match(r"\s+(\w+)", text[end:])
            if not nxt:
                continue
        if scale is not None and value < 1000:
            value *= scale[1]
            end = scale[2]
        out.append((m.start(), end, value))
    return out


def word_value_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    """A number written in words changed to another value in words."""
    targets = _word_targets(text, lang)
    if not targets:
        return None
    start, end, value = rng.choice(targets)
    factor = rng.choice((2, 3, 5)) if value > 2 else rng.choice((3, 5))
    new_value = value * factor if value < 10**11 else value // 2
    new = spell(int(new_value), lang, rng)
    return Perturbation("word_value", True, text, _replace(text, start, end, new), text[start:end], new)


_ORDINALS = {
    "ar": [("أول", "ثالث"), ("الأول", "الثالث"), ("الأولى", "الثالثة"), ("أوّل", "ثالث"), ("الثاني",
    "الرابع"),
           ("الثانية", "الرابعة"), ("الثالث", "الخامس"), ("الثالثة", "الخامسة"), ("ثاني", "رابع"), ("ثالث",
           "خامس")],
    "fa": [("اولین", "سومین"), ("نخستین", "سومین"), ("دومین", "چهارمین"), ("سومین", "پنجمین"), ("دوم",
    "چهارم"),
           ("سوم", "پنجم"), ("چهارمین", "ششمین"), ("چهارم", "ششم")],
}  # fmt: skip


def ordinal_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    options = []
    for old, new in _ORDINALS[lang]:
        prefix = r"(?:[وفبلك]{0,2})" if lang == "ar" else ""
        for m in re.finditer(rf"(?<![\w\u200c]){prefix}({re.escape(old)})(?![\w\u200c])", text):
            if lang == "ar" and re.match(r"\s+(?:من\s+)?أمس", text[m.end(1) :]):
                continue  # أول من أمس is a day, not an ordinal
            if lang == "fa" and re.match(r"\s*\u200c?\s*وزیر", text[m.end(1) :]):
                continue  # نخست وزیر is the prime minister
            options.append((m.start(1), m.end(1), old, new))
    if not options:
        return None
    start, end, old, new = rng.choice(options)
    return Perturbation("ordinal", True, text, _replace(text, start, end, new), old, new)


def year_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    cands = [m for m in _numbers(text) if _year_at(m)]
    if not cands:
        return None
    m = rng.choice(cands)
    v = int(_ascii(m.group(1)))
    new = _write(v + rng.choice((-3, -2, -1, 1, 2, 3)), m.group(1), 0)
    return Perturbation("year", True, text, _replace(text, m.start(1), m.end(1), new), m.group(1), new)


_MONTHS: dict[str, list[tuple[str, str | None]]] = {
    "ar": [("يناير", "كانون الثاني"), ("فبراير", "شباط"), ("مارس", "آذار"), ("أبريل", "نيسان"), ("مايو",
    "أيار"),
           ("يونيو", "حزيران"), ("يوليو", "تموز"), ("أغسطس", "آب"), ("سبتمبر", "أيلول"), ("أكتوبر",
           "تشرين الأول"),
           ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الأول")],
    "fa": [("ژانویه", None), ("فوریه", None), ("مارس", None), ("آوریل", None), ("مه", "می"), ("ژوئن", None),
           ("ژوئیه", "جولای"), ("اوت", "آگوست"), ("سپتامبر", None), ("اکتبر", None), ("نوامبر", None),
           ("دسامبر", None), ("فروردین", None), ("اردیبهشت", None), ("خرداد", None), ("تیر", None),
           ("مرداد", "امرداد"), ("شهریور", None), ("مهر", None), ("آبان", None), ("آذر", None), ("دی", None),
           ("بهمن", None), ("اسفند", None)],
}  # fmt: skip


def _month_targets(text: str, lang: str) -> list[tuple[int, int, int, str]]:
    """Month names next to a day or year number: (start, end, index in the table, name)."""
    out = []
    names = _MONTHS[lang]
    for idx, pair in enumerate(names):
        for name in pair:
            if name is None:
                continue
            for m in re.finditer(rf"(?<![\w\u200c]){re.escape(name)}(?![\w\u200c])", text):
                before, after = text[: m.start()], text[m.end() :]
                if re.search(rf"[{_D}]\s*$", before) or re.match(rf"\s*(?:سال\s+)?[{_D}]", after):
                    out.append((m.start(), m.end(), idx, name))
    return out


def month_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    targets = _month_targets(text, lang)
    if not targets:
        return None
    start, end, idx, name = rng.choice(targets)
    block = range(12, 24) if lang == "fa" and idx >= 12 else range(12)
    other = rng.choice([k for k in block if k != idx])
    new = _MONTHS[lang][other][0]
    return Perturbation("month", True, text, _replace(text, start, end, new), name, new)


_HIJRI_MONTHS = ("محرم", "صفر", "ربيع", "ربیع", "ربیع‌الاول", "ربیع‌الثانی", "جمادى", "جمادی", "جمادی‌الاول",
                 "جمادی‌الثانی", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي", "ذی‌القعده",
                 "ذی‌الحجه")  # fmt: skip
_ALL_MONTHS = frozenset(
    [name for table in _MONTHS.values() for pair in table for name in pair if name]
    + list(_HIJRI_MONTHS)
    + ["كانون", "تشرين"]
)

_WEEKDAYS = {
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
}


def weekday_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    options = []
    names = _WEEKDAYS[lang]
    for idx, name in enumerate(names):
        for m in re.finditer(rf"(?<![\w\u200c]){re.escape(name)}(?![\w\u200c])", text):
            options.append((m.start(), m.end(), idx, name))
    if not options:
        return None
    start, end, idx, name = rng.choice(options)
    new = names[rng.choice([k for k in range(7) if k != idx])]
    return Perturbation("weekday", True, text, _replace(text, start, end, new), name, new)


# ----------------------------------------------------------------------------- controls


def digit_system_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    cands = [m for m in _numbers(text) if not _year_at(m)]
    if not cands:
        return None
    m = rng.choice(cands)
    raw = m.group(1)
    current = digit_system_of(raw) or "latin"
    system = rng.choice([s for s in ("latin", "arabic", "persian") if s != current])
    parsed = _value(raw)
    if parsed is None:
        return None
    v, dec = parsed
    group = v >= 1000 and rng.random() < 0.5
    new = digits(v, system, group=group or any(c in raw for c in ",٬"), decimals=dec or None)
    return Perturbation("digits", False, text, _replace(text, m.start(1), m.end(1), new), raw, new)


def words_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    """The same value in another form: digits (+scale) to words, or words to digits + scale."""
    options: list[tuple[int, int, str]] = []
    for m in _numbers(text):
        if _year_at(m):
            continue
        parsed = _value(m.group(1))
        if parsed is None:
            continue
        v, _ = parsed
        end = m.end(1)
        scale = _scale_after(text, end, lang)
        if scale is not None:
            v *= scale[1]  # 1.3 مليار -> مليار وثلاثمائة مليون
            end = scale[2]
        v = round(v, 6)
        if v == int(v) and 1 <= v < 10**12:
            options.append((m.start(1), end, spell(int(v), lang, rng)))
    for start, end, value in _word_targets(text, lang):
        alt = with_scale(value, lang, "latin" if lang == "ar" else "persian") if value >= 1000 else None
        options.append((start, end, alt or digits(value, "latin" if lang == "ar" else "persian")))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return Perturbation("words", False, text, _replace(text, start, end, new), text[start:end], new)


_HEDGES = {"ar": ("نحو", "حوالي", "قرابة", "ما يقارب"), "fa": ("حدود", "حدوداً", "تقریباً", "نزدیک به")}


def hedge_add(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    cands = [m for m in _numbers(text) if not _year_at(m)]
    cands = [
        m for m in cands if not re.search(r"(نحو|حوالي|حدود|قرابة|تقریبا|تقريبا)\s*$", text[: m.start(1)])
    ]
    if not cands:
        return None
    m = rng.choice(cands)
    hedge = rng.choice(_HEDGES[lang])
    new = f"{hedge} {m.group(1)}"
    return Perturbation("hedge", False, text, _replace(text, m.start(1), m.end(1), new), m.group(1), new)


def year_digits_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    cands = [m for m in _numbers(text) if _year_at(m)]
    if not cands:
        return None
    m = rng.choice(cands)
    current = digit_system_of(m.group(1)) or "latin"
    system = rng.choice([s for s in ("latin", "arabic", "persian") if s != current])
    new = to_system(m.group(1), system)
    return Perturbation(
        "year_digits", False, text, _replace(text, m.start(1), m.end(1), new), m.group(1), new
    )


def month_alias_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    targets = [t for t in _month_targets(text, lang) if _MONTHS[lang][t[2]][1] is not None]
    if not targets:
        return None
    start, end, idx, name = rng.choice(targets)
    a, b = _MONTHS[lang][idx]
    new = b if name == a else a
    if new is None:
        return None
    return Perturbation("month_alias", False, text, _replace(text, start, end, new), name, new)


_MONEY_OR_PERCENT = re.compile(
    r"\s*(?:(?:مليار|مليون|ألف|آلاف|ملايين|مليارات|میلیارد|میلیون|هزار)\s+)?"
    r"(?:دولار|دولارا|دلار|يورو|یورو|ريال|ریال|تومان|جنيه|درهم|دينار|دینار|روبل|يوان|یوان|%|٪|بالمئة|بالمائة|درصد)"
)


def figure_and_year_change(text: str, lang: str, rng: random.Random) -> Perturbation | None:
    """Another year's figure: a sum or a percentage and its year changed together (a control).

    Only for a sentence with one figure: with several, one left unchanged under a new year
    would be a real conflict.
    """
    years = [m for m in _numbers(text) if _year_at(m) and len(_ascii(m.group(1))) == 4]
    digit_figures = [m for m in _numbers(text) if not _year_at(m)]
    word_figures = _word_targets(text, lang)
    if not years or len(digit_figures) + len(word_figures) != 1:
        return None
    if digit_figures:
        f = digit_figures[0]
        if not _MONEY_OR_PERCENT.match(text[f.end(1) :]):
            return None
        parsed = _value(f.group(1))
        if parsed is None:
            return None
        v, dec = parsed
        start, end, old = f.start(1), f.end(1), f.group(1)
        new_f = _write(round(v * rng.choice((0.5, 1.5, 2, 3)), dec), old, dec)
    else:
        start, end, value = word_figures[0]
        if not _MONEY_OR_PERCENT.match(text[end:]):
            return None
        old = text[start:end]
        new_f = spell(int(value * rng.choice((3, 5))), lang, rng)
    y = rng.choice(years)
    new_y = _write(int(_ascii(y.group(1))) + rng.choice((-3, -2, -1, 1, 2, 3)), y.group(1), 0)
    edits = sorted([(start, end, new_f), (y.start(1), y.end(1), new_y)], reverse=True)
    out = text
    for a, b, new in edits:
        out = _replace(out, a, b, new)
    return Perturbation("figure_year", False, text, out, f"{old} … {y.group(1)}", f"{new_f} … {new_y}")


RULES: dict[str, Callable[[str, str, random.Random], Perturbation | None]] = {
    "value": value_change,
    "word_value": word_value_change,
    "ordinal": ordinal_change,
    "year": year_change,
    "month": month_change,
    "weekday": weekday_change,
    "digits": digit_system_change,
    "words": words_change,
    "hedge": hedge_add,
    "year_digits": year_digits_change,
    "month_alias": month_alias_change,
    "figure_year": figure_and_year_change,
}
