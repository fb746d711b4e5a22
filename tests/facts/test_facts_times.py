"""Time expressions: the seeds' relative days and weekdays, dates in three calendars and
three digit systems, and the Gregorian month tables checked against dateparser."""

from __future__ import annotations

import datetime as dt

import dateparser
import jdatetime
import pytest
from facts_data import farstail_premises, seed_claims, seed_sentence
from hypothesis import given
from hypothesis import strategies as st

from checker.facts.calendar import _GREGORIAN_AR, _GREGORIAN_FA, _JALALI
from checker.facts.render import digits
from checker.facts.times import extract_times
from checker.text.digits import DIGIT_SYSTEMS
from checker.types import TimeExpr

MONDAY, SUNDAY, THURSDAY = 0, 6, 3


def only(text: str, lang: str, doc_date: dt.date | None = None) -> TimeExpr:
    [t] = extract_times(text, lang, doc_date)
    return t


# ----------------------------------------------------------------------------- the seeds


def test_seed_000_today_monday_and_yesterday_sunday() -> None:
    today = only(seed_sentence("000", "اليوم الاثنين"), "ar")
    assert (today.surface, today.kind, today.offset_days, today.weekday) == (
        "اليوم الاثنين",
        "relative",
        0,
        MONDAY,
    )
    yesterday = [t for t in extract_times(seed_sentence("000", "أمس الأحد"), "ar") if t.offset_days == -1]
    assert [(t.surface, t.weekday) for t in yesterday] == [("أمس الأحد", SUNDAY)]


def test_seed_001_evening_of_yesterday_sunday_and_the_year() -> None:
    t = only(seed_sentence("001", "مساء أمس"), "ar")
    assert (t.surface, t.offset_days, t.weekday) == ("مساء أمس الاحد", -1, SUNDAY)
    year = only(seed_sentence("001", "العام 2020"), "ar")
    assert (year.surface, year.kind, year.year) == ("العام 2020", "year", 2020)


def test_seed_002_day_before_yesterday_yesterday_tomorrow() -> None:
    found = [(t.surface, t.offset_days) for c in seed_claims("002") for t in extract_times(c.text, "ar")]
    assert ("مساء أول من أمس", -2) in found
    assert ("غداً", 1) in found
    assert ("أمس", -1) in found


def test_seed_003_last_night() -> None:
    t = only(seed_sentence("003", "شب گذشته"), "fa")
    assert (t.surface, t.offset_days) == ("شب گذشته", -1)


def test_seed_004_last_year_resolves_against_the_dateline() -> None:
    text = seed_sentence("004", "العام الماضي")
    assert only(text, "ar").year is None
    assert only(text, "ar", dt.date(2022, 1, 19)).year == 2021


def test_relative_days_resolve_against_the_document_date() -> None:
    t = only("وصل قاليباف إلى موسكو مساء أمس الأحد", "ar", dt.date(2021, 2, 15))
    assert (t.date, t.weekday) == (dt.date(2021, 2, 14), SUNDAY)
    t = only("وی دیروز به مسکو رسید", "fa", dt.date(2021, 2, 15))
    assert (t.date, t.weekday) == (dt.date(2021, 2, 14), SUNDAY)
    t = only("الزيارة التي تنتهي غداً", "ar", dt.date(2021, 2, 15))
    assert t.date == dt.date(2021, 2, 16)


def test_the_verb_ghada_is_not_tomorrow() -> None:
    assert extract_times("غدا من الصعب التنبؤ بالنتائج", "ar") == []


# ----------------------------------------------------------------------------- calendars


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("19/01/2022", "ar", dt.date(2022, 1, 19)),
        ("١٩/٠١/٢٠٢٢", "ar", dt.date(2022, 1, 19)),
        ("30 ديسمبر 2019", "ar", dt.date(2019, 12, 30)),
        ("30 كانون الأول 2019", "ar", dt.date(2019, 12, 30)),
        ("۳۰ دسامبر ۲۰۱۹", "fa", dt.date(2019, 12, 30)),
        ("۲۷ بهمن ۱۳۹۹", "fa", dt.date(2021, 2, 15)),
        ("۱۳۹۹/۱۱/۲۷", "fa", dt.date(2021, 2, 15)),
        ("3 رجب 1442 هـ", "ar", dt.date(2021, 2, 15)),
        ("الاثنين 15 فبراير 2021", "ar", dt.date(2021, 2, 15)),
        ("در بیستم نوامبر ۱۵۶۲ ملاقات کرد", "fa", dt.date(1562, 11, 20)),
        ("روز اول مهر سال ۵۹، با حمله", "fa", dt.date(1980, 9, 23)),
        ("در ٥ آذر ١٣٥٨ ، مساجد", "fa", dt.date(1979, 11, 26)),
    ],
)
def test_dates(text: str, lang: str, date: dt.date) -> None:
    assert only(text, lang).date == date


@pytest.mark.parametrize(
    ("text", "lang", "year"),
    [
        ("في العام 2020", "ar", 2020),
        ("حرب غزة 2014", "ar", 2014),
        ("در سال ۱۳۹۹", "fa", 2020),  # Jalali 1399 begins in March 2020
        ("در سال ۱۲۷۵ ه.ق در روزنامه", "fa", 1859),
        ("در سال ۱۸۲۴ میلادی در تبریز", "fa", 1824),
        ("۵۳۸ پیش از میلاد", "fa", -538),
    ],
)
def test_years(text: str, lang: str, year: int) -> None:
    t = only(text, lang)
    assert (t.kind, t.year) == ("year", year)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("ضبط 2000 شخص", "ar"), ("بلغ 1500 دولار", "ar"), ("ابان بن عثمان از شاگردان", "fa"), ("نماز مه", "fa")],
)
def test_counts_and_names_are_not_times(text: str, lang: str) -> None:
    assert extract_times(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "weekday"),
    [("الاثنين", "ar", MONDAY), ("يوم الخميس", "ar", THURSDAY), ("دوشنبه", "fa", MONDAY), ("سه‌شنبه", "fa", 1),
     ("سه شنبه", "fa", 1), ("یک‌شنبه", "fa", SUNDAY), ("پنجشنبه", "fa", THURSDAY)],
)  # fmt: skip
def test_weekdays(text: str, lang: str, weekday: int) -> None:
    t = only(text, lang)
    assert (t.kind, t.weekday) == ("weekday", weekday)


def test_last_sunday_resolves_to_the_previous_sunday() -> None:
    t = only("الأحد الماضي", "ar", dt.date(2021, 2, 17))
    assert t.date == dt.date(2021, 2, 14)


def test_a_gregorian_month_without_its_day_keeps_its_month() -> None:
    t = only("منتصف يناير الماضي", "ar", dt.date(2013, 2, 17))
    assert (t.kind, t.date, t.month) == ("date", None, 1)
    assert only("ژانویه ۲۰۱۲", "fa", dt.date(2013, 2, 17)).month == 1
    assert only("بهمن ۱۳۹۱", "fa", dt.date(2013, 2, 17)).month is None  # Jalali: not a Gregorian month


@given(
    date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31)),
    system=st.sampled_from(DIGIT_SYSTEMS),
    alias=st.integers(min_value=0, max_value=5),
)
def test_gregorian_dates_round_trip_in_both_languages(date: dt.date, system: str, alias: int) -> None:
    for lang, table in (("ar", _GREGORIAN_AR), ("fa", _GREGORIAN_FA)):
        names = table[date.month]
        text = f"{digits(date.day, system)} {names[alias % len(names)]} {digits(date.year, system)}"
        assert only(text, lang).date == date, text


@given(
    date=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2080, 12, 31)),
    system=st.sampled_from(DIGIT_SYSTEMS),
)
def test_jalali_dates_round_trip(date: dt.date, system: str) -> None:
    j = jdatetime.date.fromgregorian(date=date)
    text = f"{digits(j.day, system)} {_JALALI[j.month][0]} {digits(j.year, system)}"
    assert only(text, "fa").date == date, text


@pytest.mark.parametrize("month", range(1, 13))
def test_egyptian_month_names_agree_with_dateparser(month: int) -> None:
    # dateparser knows the Egyptian names (not the Levantine ones, which is why the tables are ours)
    for lang, table in (("ar", _GREGORIAN_AR), ("fa", _GREGORIAN_FA)):
        text = f"15 {table[month][0]} 2021"
        parsed = dateparser.parse(text, languages=[lang])
        assert parsed is not None and parsed.date() == dt.date(2021, month, 15)
        assert only(text, lang).date == dt.date(2021, month, 15)


def test_surfaces_are_verbatim_on_real_data() -> None:
    checked = 0
    for text in farstail_premises()[:800]:
        for t in extract_times(text, "fa"):
            assert text[t.start : t.end] == t.surface
            checked += 1
    assert checked > 100


# ----------------------------------------------------------------------------- ranges of days


@pytest.mark.parametrize(
    ("text", "lang", "first", "last"),
    [
        # eg-noise of eval/real: a two-day visit, whose headline gives its first day
        (
            "بزيارة رسمية إلى دولة العراق يومي 4 و5 مارس المقبل",
            "ar",
            dt.date(2013, 3, 4),
            dt.date(2013, 3, 5),
        ),
        ("من 4 إلى 6 مارس", "ar", dt.date(2013, 3, 4), dt.date(2013, 3, 6)),
        ("در روزهای ۴ و ۵ اسفند", "fa", dt.date(2013, 2, 22), dt.date(2013, 2, 23)),
    ],
)
def test_the_first_day_of_a_range_is_a_date_of_its_month(
    text: str, lang: str, first: dt.date, last: dt.date
) -> None:
    times = extract_times(text, lang, dt.date(2013, 2, 20))
    assert [t.date for t in times] == [first, last]
    assert text[times[0].start : times[0].end] == times[0].surface


def test_a_year_or_a_count_before_a_date_is_not_the_start_of_a_range() -> None:
    assert [t.kind for t in extract_times("عام 2012 و5 مارس", "ar", dt.date(2013, 2, 20))] == ["year", "date"]
    assert len(extract_times("قتل 25 و5 مارس", "ar", dt.date(2013, 2, 20))) == 1
