"""Datelines and metadata dates in the forms Arabic and Persian sites write them."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.ingest.dates import find_date, find_dates, is_bare_date, parse_date_value

JAN_19 = dt.date(2022, 1, 19)


@pytest.mark.parametrize(
    ("text", "calendar"),
    [
        ("19/01/2022", "gregorian"),
        ("19-01-2022", "gregorian"),
        ("2022/01/19", "gregorian"),
        ("١٩/٠١/٢٠٢٢", "gregorian"),
        ("19 يناير 2022", "gregorian"),
        ("19 كانون الثاني 2022", "gregorian"),
        ("الأربعاء 19 كانون الثاني 2022", "gregorian"),
        ("19 ژانویه 2022", "gregorian"),
        ("January 19, 2022", "gregorian"),
        ("19 January 2022", "gregorian"),
        ("۲۹ دی ۱۴۰۰", "jalali"),
        ("1400/10/29", "jalali"),
        ("16 جمادى الآخرة 1443", "hijri"),
    ],
)
def test_forms(text: str, calendar: str) -> None:
    found = find_date(text)
    assert found is not None
    assert found.date == JAN_19
    assert found.calendar == calendar
    assert is_bare_date(text)


def test_offsets_are_verbatim() -> None:
    text = "طهران - 30 ديسمبر 2019 - قال المتحدث"
    found = find_date(text)
    assert found is not None and found.date == dt.date(2019, 12, 30)
    assert text[found.start : found.end] == "30 ديسمبر 2019"
    assert not is_bare_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "تاريخ النشر: 19/01/2022",
        "19/01/2022 10:30",
        "الأربعاء 19 كانون الثاني 2022 - 10:30 بتوقيت غرينتش",
        "۲۹ دی ۱۴۰۰ - ۱۲:۳۰",
    ],
)
def test_bare_datelines(text: str) -> None:
    assert is_bare_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "في العام 2020.",  # a year alone
        "منها 1.3 مليار دولار",
        "على مدى 20 عاماً",
        "31/02/2022",  # no such day
        "19 ديسمبر 1750",  # outside the years read
        "وكالة مهر للأنباء 2022",  # a month name that is also a word, without a day
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_month_first_when_day_first_cannot_be() -> None:
    found = find_date("01/19/2022")
    assert found is not None and found.date == JAN_19


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-19", JAN_19),
        ("2022-01-19T10:00:00Z", JAN_19),
        ("2022-01-19 10:00:00+03:30", JAN_19),
        ("1400-10-29", JAN_19),
        ("19 يناير 2022", JAN_19),
        (dt.datetime(2022, 1, 19, 8, 0), JAN_19),
        ("", None),
        (None, None),
        (20220119, None),
        ("2022-13-45", None),
    ],
)
def test_parse_date_value(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected
