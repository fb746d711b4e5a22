"""Calendar words and conversions: months (Gregorian, Levantine, Jalali, Hijri), weekdays,
relative days and years, era markers.

Conversions between calendars are the libraries' job: ``jdatetime`` for the Jalali
(Solar Hijri) calendar and ``hijridate`` (Umm al-Qura) for the Hijri calendar; the
standard library for Gregorian dates and weekdays. What they do not cover, and this
module adds: the month and weekday *names* as Arabic and Persian news spell them
(dateparser knows the Egyptian month names but not the Levantine ones -- كانون الثاني,
شباط --, nor Jalali or Hijri month names), the relative expressions of both languages,
and era markers (هـ, ه.ش, م, ق.م, پیش از میلاد).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import hijridate
import jdatetime

from checker.facts.phrases import PhraseTable


@dataclass(frozen=True)
class Month:
    calendar: str  # "gregorian" | "jalali" | "hijri"
    number: int
    ambiguous: bool = False  # also an everyday word or a name: needs a day or year beside it


_GREGORIAN_AR = {
    1: ("يناير", "كانون الثاني", "جانفي", "ینایر"),
    2: ("فبراير", "شباط", "فيفري", "فبرایر"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية"),
    8: ("أغسطس", "اغسطس", "آب", "أوت"),
    9: ("سبتمبر", "أيلول"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("نوفمبر", "تشرين الثاني"),
    12: ("ديسمبر", "كانون الأول"),
}
_GREGORIAN_FA = {
    1: ("ژانویه", "ژانویهٔ"),
    2: ("فوریه",),
    3: ("مارس",),
    4: ("آوریل",),
    5: ("مه", "مـه", "می"),
    6: ("ژوئن",),
    7: ("ژوئیه", "جولای"),
    8: ("اوت", "آگوست"),
    9: ("سپتامبر",),
    10: ("اکتبر",),
    11: ("نوامبر",),
    12: ("دسامبر",),
}
_JALALI = {
    1: ("فروردین",),
    2: ("اردیبهشت",),
    3: ("خرداد",),
    4: ("تیر",),
    5: ("مرداد", "امرداد"),
    6: ("شهریور",),
    7: ("مهر",),
    8: ("آبان",),
    9: ("آذر",),
    10: ("دی",),
    11: ("بهمن",),
    12: ("اسفند",),
}
_HIJRI = {
    1: ("محرم",),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع الاول", "ربیع‌الاول", "ربیع الاول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربیع‌الثانی", "ربیع الثانی"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادی‌الاول", "جمادی الاول", "جمادی‌الاولی"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادی‌الثانی", "جمادی الثانی", "جمادی‌الآخر"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذوالقعده", "ذیقعده", "ذی‌القعده"),
    12: ("ذو الحجة", "ذي الحجة", "ذوالحجه", "ذیحجه", "ذی‌الحجه"),
}
# names that are also words or names (آب "father"/"water", مارس "he practised", می a Persian
# verb prefix, مهر "seal", تیر "arrow", دی, بهمن and رجب first names, صفر "zero", ...)
_AMBIGUOUS_MONTHS = frozenset(
    {
        "آب",
        "مارس",
        "مه",
        "مـه",
        "می",
        "أوت",
        "اوت",
        "تیر",
        "مهر",
        "دی",
        "بهمن",
        "آذر",
        "اسفند",
        "محرم",
        "صفر",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "تموز",
        "آذار",
    }
)


@cache
def months(lang: str) -> PhraseTable[Month]:
    entries: list[tuple[str, Month]] = []
    tables: list[tuple[str, dict[int, tuple[str, ...]]]] = []
    if lang in ("ar", "other"):
        tables += [("gregorian", _GREGORIAN_AR), ("hijri", _HIJRI)]
    if lang in ("fa", "other"):
        tables += [("gregorian", _GREGORIAN_FA), ("jalali", _JALALI), ("hijri", _HIJRI)]
    for calendar, table in tables:
        for number, names in table.items():
            for name in names:
                if lang == "fa" and name == "آذار":
                    continue
                entries.append((name, Month(calendar, number, name in _AMBIGUOUS_MONTHS)))
    return PhraseTable(entries)


# weekday numbers follow datetime: 0 = Monday .. 6 = Sunday
_WEEKDAYS_AR = {
    0: ("الاثنين", "الإثنين"),
    1: ("الثلاثاء",),
    2: ("الأربعاء", "الاربعاء"),
    3: ("الخميس",),
    4: ("الجمعة",),
    5: ("السبت",),
    6: ("الأحد", "الاحد"),
}
_WEEKDAYS_FA = {
    0: ("دوشنبه", "دو شنبه"),
    1: ("سه‌شنبه", "سه شنبه"),
    2: ("چهارشنبه", "چهار شنبه"),
    3: ("پنجشنبه", "پنج‌شنبه", "پنج شنبه"),
    4: ("جمعه",),
    5: ("شنبه",),
    6: ("یکشنبه", "یک‌شنبه", "یک شنبه"),
}
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@cache
def weekdays(lang: str) -> PhraseTable[int]:
    entries: list[tuple[str, int]] = []
    if lang in ("ar", "other"):
        entries += [(n, d) for d, names in _WEEKDAYS_AR.items() for n in names]
        # "يوم الاثنين" and the article-less form after يوم ("يوم اثنين" is rare; not listed)
    if lang in ("fa", "other"):
        entries += [(n, d) for d, names in _WEEKDAYS_FA.items() for n in names]
    return PhraseTable(entries)


# relative days: offset from the day of publication
_RELATIVE_AR = {
    "اليوم": 0,
    "الليلة": 0,
    "هذا الصباح": 0,
    "هذه الليلة": 0,
    "أمس": -1,
    "الأمس": -1,
    "البارحة": -1,
    "الليلة الماضية": -1,
    "الليلة قبل الماضية": -2,
    "أول من أمس": -2,
    "أول أمس": -2,
    "أمس الأول": -2,
    "غدا": 1,
    "بعد غد": 2,
    "بعد غدٍ": 2,
}
_RELATIVE_FA = {
    "امروز": 0,
    "امشب": 0,
    "دیروز": -1,
    "دیشب": -1,
    "شب گذشته": -1,
    "روز گذشته": -1,
    "پریروز": -2,
    "فردا": 1,
    "پس فردا": 2,
    "پس‌فردا": 2,
    "پسفردا": 2,
    "فردا شب": 1,
}
# a time of day before a relative day is part of the expression: مساء أمس, صبح امروز
_TIME_OF_DAY = (
    "صباح",
    "مساء",
    "ليلة",
    "ظهر",
    "عصر",
    "فجر",
    "ظهيرة",
    "صبح",
    "شب",
    "بامداد",
    "ظهر",
    "غروب",
    "سحر",
)
_DAY_WORD = ("يوم", "روز")


@cache
def relative_days(lang: str) -> PhraseTable[int]:
    entries: dict[str, int] = {}
    if lang in ("ar", "other"):
        entries.update(_RELATIVE_AR)
    if lang in ("fa", "other"):
        entries.update(_RELATIVE_FA)
    return PhraseTable(entries)


@cache
def times_of_day() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_TIME_OF_DAY, True))


@cache
def day_words() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_DAY_WORD, True), clitics=False)


_WEEKDAY_MODIFIERS = {
    "الماضي": -1,
    "الفائت": -1,
    "المنصرم": -1,
    "الماضية": -1,
    "گذشته": -1,
    "پیش": -1,
    "المقبل": 1,
    "القادم": 1,
    "المقبلة": 1,
    "آینده": 1,
    "آتی": 1,
}


@cache
def weekday_modifiers() -> PhraseTable[int]:
    return PhraseTable(_WEEKDAY_MODIFIERS, clitics=False)


_RELATIVE_YEARS = {
    "العام الماضي": -1,
    "السنة الماضية": -1,
    "العام المنصرم": -1,
    "العام السابق": -1,
    "العام الفائت": -1,
    "هذا العام": 0,
    "العام الحالي": 0,
    "العام الجاري": 0,
    "السنة الحالية": 0,
    "السنة الجارية": 0,
    "العام المقبل": 1,
    "العام القادم": 1,
    "السنة المقبلة": 1,
    "السنة القادمة": 1,
    "سال گذشته": -1,
    "سال قبل": -1,
    "سال پیش": -1,
    "پارسال": -1,
    "امسال": 0,
    "سال جاری": 0,
    "سال جاري": 0,
    "سال آینده": 1,
    "سال بعد": 1,
    "سال آتی": 1,
    "last year": -1,
    "this year": 0,
    "next year": 1,
}


@cache
def relative_years() -> PhraseTable[int]:
    return PhraseTable(_RELATIVE_YEARS)


# era markers after a year: calendar, and -1 for "before Christ"
# fmt: off
_ERAS: dict[str, tuple[str, int]] = {
    "م": ("gregorian", 1), "ميلادي": ("gregorian", 1), "ميلادية": ("gregorian", 1), "للميلاد": ("gregorian",
    1),
    "میلادی": ("gregorian", 1), "م.": ("gregorian", 1),
    "ه": ("hijri", 1), "هـ": ("hijri", 1), "هجري": ("hijri", 1), "هجرية": ("hijri", 1), "للهجرة": ("hijri",
    1),
    "ه . ق": ("hijri", 1), "ه.ق": ("hijri", 1), "ه ق": ("hijri", 1), "هجری قمری": ("hijri", 1),
    "قمری": ("hijri", 1), "ق": ("hijri", 1), "هجری": ("hijri", 1),
    "ه.ش": ("jalali", 1), "ه . ش": ("jalali", 1), "ه ش": ("jalali", 1), "ش": ("jalali", 1),
    "شمسی": ("jalali", 1), "هجری شمسی": ("jalali", 1), "خورشیدی": ("jalali", 1),
    "قبل الميلاد": ("gregorian", -1), "ق.م": ("gregorian", -1), "ق . م": ("gregorian", -1),
    "ق م": ("gregorian", -1), "پیش از میلاد": ("gregorian", -1), "قبل از میلاد": ("gregorian", -1),
    "پ.م": ("gregorian", -1), "پ . م": ("gregorian", -1), "پ م": ("gregorian", -1),
}
# fmt: on


@cache
def eras() -> PhraseTable[tuple[str, int]]:
    return PhraseTable(_ERAS, clitics=False)


# words that announce a year: عام 2020, في 2020, سال ۱۳۹۹, منذ 1991
_YEAR_CUES = (
    "عام",
    "العام",
    "سنة",
    "السنة",
    "لعام",
    "سال",
    "منذ",
    "في",
    "خلال",
    "حتى",
    "قبل",
    "بعد",
    "مطلع",
    "أواخر",
    "أوائل",
    "بداية",
    "نهاية",
    "منتصف",
    "از",
    "در",
    "تا",
    "اوایل",
    "اواخر",
    "اواسط",
    "since",
    "in",
)
_MONTH_CUES = ("في", "من", "منذ", "حتى", "خلال", "مطلع", "أواخر", "أوائل", "منتصف", "بداية", "نهاية",
               "اعتبارا من",
               "در", "از", "تا", "اوایل", "اواخر", "اواسط", "ابتدای", "پایان", "in", "since")  # fmt: skip


@cache
def month_cues() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_MONTH_CUES, True))


# the cue words that by themselves mean "year" (a two-digit or early year needs one of these)
_STRONG_YEAR_CUES = (
    "عام",
    "العام",
    "سنة",
    "السنة",
    "لعام",
    "سال",
    "سال‌های",
    "سالهای",
    "سال های",
    "أعوام",
    "الأعوام",
    "سنوات",
    "السنوات",
    "دهه",
    "عقد",
    "year",
)


@cache
def year_cues() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_YEAR_CUES, True))


@cache
def strong_year_cues() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_STRONG_YEAR_CUES, True))


# ----------------------------------------------------------------------------- conversions


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a date in ``calendar``, or None when it does not exist."""
    try:
        if calendar == "gregorian":
            return dt.date(year, month, day)
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            g = hijridate.Hijri(year, month, day).to_gregorian()
            return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None
    raise ValueError(f"unknown calendar {calendar!r}")


def valid_date(calendar: str, year: int, month: int, day: int) -> bool:
    """Whether the date exists; outside the years the libraries cover, any day 1-30/31 passes."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if calendar == "gregorian" and not 1 <= year <= 9999:
        return True
    if calendar == "hijri" and not 1343 <= year <= 1500:
        return day <= 30
    return to_gregorian(calendar, year, month, day) is not None


def gregorian_year(calendar: str, year: int) -> int:
    """The Gregorian year in which ``year`` of ``calendar`` begins (approximately, outside
    the range hijridate covers)."""
    if calendar == "gregorian":
        return year
    if calendar == "jalali":
        return year + 621
    start = to_gregorian("hijri", year, 1, 1)
    if start is not None:
        return start.year
    return round(year * 354.367 / 365.2425 + 621.57)


def from_gregorian(calendar: str, date: dt.date) -> tuple[int, int, int] | None:
    """``date`` in ``calendar`` as (year, month, day)."""
    try:
        if calendar == "gregorian":
            return date.year, date.month, date.day
        if calendar == "jalali":
            j = jdatetime.date.fromgregorian(date=date)
            return j.year, j.month, j.day
        if calendar == "hijri":
            h = hijridate.Gregorian(date.year, date.month, date.day).to_hijri()
            return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None
    raise ValueError(f"unknown calendar {calendar!r}")
