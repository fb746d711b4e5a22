"""Document dates: from metadata values and from datelines near the top of an article.

A dateline is written in many ways: ``19/01/2022``, ``2022-01-19``,
``30 ديسمبر 2019``, ``الأربعاء 19 كانون الثاني 2022``, ``۲۹ دی ۱۴۰۰`` (Solar
Hijri), ``16 جمادى الآخرة 1443`` (lunar Hijri), ``January 19, 2022``. Matching
runs on the normalised text (folded letters, ASCII digits) and maps the match
back to verbatim offsets. Only full dates (day, month, year) count: a month and
a year say too little to resolve "yesterday".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime
from hijridate import Hijri

from checker.text.digits import to_ascii_digits
from checker.text.normalize import normalize_for_matching, normalize_with_offsets
from checker.text.tokens import words


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int  # offsets into the text searched
    end: int
    calendar: str  # "gregorian" | "jalali" | "hijri"


def _months(table: dict[int, str]) -> dict[str, int]:
    return {
        normalize_for_matching(name): month for month, names in table.items() for name in names.split("|")
    }


_GREGORIAN = _months(
    {
        1: "يناير|كانون الثاني|جانفي|ژانویه|ژانویهٔ|january|jan",
        2: "فبراير|شباط|فيفري|فوریه|february|feb",
        3: "مارس|آذار|march|mar",
        4: "أبريل|ابريل|إبريل|نيسان|أفريل|آوریل|april|apr",
        5: "مايو|أيار|ماي|مه|may",
        6: "يونيو|يونيه|حزيران|جوان|ژوئن|june|jun",
        7: "يوليو|يوليه|تموز|جويلية|يوليوز|ژوئیه|july|jul",
        8: "أغسطس|اغسطس|آب|أوت|غشت|اوت|آگوست|august|aug",
        9: "سبتمبر|أيلول|شتنبر|سپتامبر|september|sep|sept",
        10: "أكتوبر|اكتوبر|تشرين الأول|اکتبر|october|oct",
        11: "نوفمبر|تشرين الثاني|نونبر|نوامبر|november|nov",
        12: "ديسمبر|كانون الأول|دجنبر|دسامبر|december|dec",
    }
)
_JALALI = _months(
    {
        1: "فروردین",
        2: "اردیبهشت",
        3: "خرداد",
        4: "تیر",
        5: "مرداد",
        6: "شهریور",
        7: "مهر",
        8: "آبان",
        9: "آذر",
        10: "دی",
        11: "بهمن",
        12: "اسفند",
    }
)
_HIJRI = _months(
    {
        1: "محرم",
        2: "صفر",
        3: "ربيع الأول|ربيع الاول",
        4: "ربيع الآخر|ربيع الثاني",
        5: "جمادى الأولى|جمادى الاولى",
        6: "جمادى الآخرة|جمادى الثانية",
        7: "رجب",
        8: "شعبان",
        9: "رمضان",
        10: "شوال",
        11: "ذو القعدة|ذي القعدة",
        12: "ذو الحجة|ذي الحجة",
    }
)

_CALENDARS = (("gregorian", _GREGORIAN), ("jalali", _JALALI), ("hijri", _HIJRI))
_ALL_MONTHS = {**_HIJRI, **_JALALI, **_GREGORIAN}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_MONTH = _alternation(_ALL_MONTHS)
_B = r"(?<![\w.])"  # a number starts here
_E = r"(?![\w.]\w|\w)"  # and ends here (a full stop after it may end a sentence)

_NUMERIC_DMY = re.compile(_B + r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})" + _E)
_NUMERIC_YMD = re.compile(_B + r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})" + _E)
_NAMED_DMY = re.compile(
    _B + r"(\d{1,2})\s+(?:من\s+)?(?:شهر\s+)?(" + _MONTH + r")\s*[,،]?\s*(?:سنه\s+|عام\s+|سال\s+)?(\d{4})" + _E
)
_NAMED_MDY = re.compile(r"(?<!\w)(" + _MONTH + r")\.?\s+(\d{1,2}),?\s+(\d{4})" + _E)

_WEEKDAYS = frozenset(
    normalize_for_matching(w)
    for w in (
        "السبت الأحد الاحد الإثنين الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة "
        "شنبه یکشنبه یک‌شنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه "
        "monday tuesday wednesday thursday friday saturday sunday "
        "mon tue wed thu fri sat sun"
    ).split()
) | {"سه", "پنج", "يك"}
# what else a bare dateline carries: era letters, clock words, "published"/"updated"
_DATELINE_FILLER = frozenset(
    normalize_for_matching(w)
    for w in (
        "م هـ ه ش ق الموافق موافق ساعة الساعة ص صباحا مساء ظهرا بتوقيت غرينتش "
        "نشر في تاريخ النشر آخر اخر تحديث منشور انتشار تاریخ ساعت "
        "am pm gmt utc published updated posted on at"
    ).split()
)
_YEAR = re.compile(r"\d{4}")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def _build(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    try:
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            g = Hijri(year, month, day).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _calendar_for_year(year: int) -> str | None:
    if 1900 <= year <= 2100:
        return "gregorian"
    if 1300 <= year <= 1499:
        return "jalali"  # numeric dates with a 13xx/14xx year are Persian Solar Hijri
    return None


def _named_calendar(month_name: str, year: int) -> tuple[str, int] | None:
    for calendar, table in _CALENDARS:
        if month_name not in table:
            continue
        if calendar == "gregorian" and 1900 <= year <= 2100:
            return calendar, table[month_name]
        if calendar in ("jalali", "hijri") and 1300 <= year <= 1500:
            return calendar, table[month_name]
    return None


def _matches(norm: str) -> list[tuple[int, int, str, dt.date]]:
    found: list[tuple[int, int, str, dt.date]] = []
    for m in _NUMERIC_DMY.finditer(norm):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        day, month = (b, a) if b > 12 >= a else (a, b)  # day first, unless that cannot be
        cal = _calendar_for_year(year)
        date = _build(cal, year, month, day) if cal else None
        if date:
            found.append((m.start(), m.end(), cal or "", date))
    for m in _NUMERIC_YMD.finditer(norm):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        cal = _calendar_for_year(year)
        date = _build(cal, year, month, day) if cal else None
        if date:
            found.append((m.start(), m.end(), cal or "", date))
    for m in _NAMED_DMY.finditer(norm):
        day, name, year = int(m.group(1)), m.group(2), int(m.group(3))
        hit = _named_calendar(name, year)
        date = _build(hit[0], year, hit[1], day) if hit else None
        if hit and date:
            found.append((m.start(), m.end(), hit[0], date))
    for m in _NAMED_MDY.finditer(norm):
        name, day, year = m.group(1), int(m.group(2)), int(m.group(3))
        hit = _named_calendar(name, year)
        date = _build(hit[0], year, hit[1], day) if hit else None
        if hit and date:
            found.append((m.start(), m.end(), hit[0], date))
    return sorted(found)


def find_dates(text: str) -> list[FoundDate]:
    """Every full date written in ``text``, in order, with verbatim offsets."""
    if not _YEAR.search(to_ascii_digits(text)):
        return []  # every form needs a year of four digits
    norm, origin = normalize_with_offsets(text)
    out: list[FoundDate] = []
    last_end = -1
    for a, b, calendar, date in _matches(norm):
        if a < last_end:
            continue  # overlapping readings of the same characters: keep the first
        out.append(FoundDate(date, origin[a], origin[b - 1] + 1, calendar))
        last_end = b
    return out


def find_date(text: str) -> FoundDate | None:
    """The first full date in ``text``, or None."""
    found = find_dates(text)
    return found[0] if found else None


def is_bare_date(text: str) -> bool:
    """The line is a dateline and nothing else: a date with at most a weekday, a time,
    an era letter or a short label such as ``تاريخ النشر:``."""
    found = find_dates(text)
    if not found:
        return False
    rest = text
    for f in reversed(found):
        rest = rest[: f.start] + " " + rest[f.end :]
    rest = _TIME.sub(" ", to_ascii_digits(rest))
    if ":" in rest or "：" in rest:
        label = re.split(r"[:：]", rest, maxsplit=1)[0]
        if len(words(label)) <= 3:
            rest = rest.replace(label, " ", 1)
    leftover = [w for w in words(normalize_for_matching(rest)) if w not in _WEEKDAYS | _DATELINE_FILLER]
    return not leftover


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


_CLOCK = re.compile(r"(?:^|[T\s])(\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_time_value(value: object, date_value: object = None) -> dt.time | None:
    """The time of day from a metadata field: a time (``21:28:59``) or an ISO datetime
    (``2013-01-23T21:28:59``); None when neither holds one."""
    for candidate in (value, date_value):
        if isinstance(candidate, dt.datetime):
            return candidate.time()
        if isinstance(candidate, str) and candidate.strip():
            m = _CLOCK.search(to_ascii_digits(candidate.strip()))
            if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
                return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    return None


def parse_date_value(value: object) -> dt.date | None:
    """A date from a metadata field: ISO 8601 (with or without time; a 13xx/14xx year
    is Solar Hijri), or any written date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(to_ascii_digits(value))
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        calendar = _calendar_for_year(year)  # Persian sites write 1400-10-29 (Solar Hijri)
        return _build(calendar, year, month, day) if calendar else None
    found = find_date(value)
    return found.date if found else None
