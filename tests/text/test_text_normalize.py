"""Normalisation for matching: the fold table, offsets back to the source, digits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.text.digits import to_ascii_digits
from checker.text.normalize import (
    FOLDS,
    normalize_for_matching,
    normalize_with_offsets,
    span_in_original,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("أحمد", "احمد"),  # hamza above alef
        ("إيران", "ايران"),  # hamza below alef
        ("آية", "ايه"),  # madda, and teh marbuta -> heh
        ("ٱلله", "الله"),  # alef wasla
        ("مؤتمر", "موتمر"),  # waw with hamza
        ("رئيس", "رييس"),  # yeh with hamza
        ("روسیه", "روسيه"),  # Persian yeh
        ("مصطفى", "مصطفي"),  # alef maksura
        ("کشور", "كشور"),  # Persian kaf
        ("نمایندۀ", "نماينده"),  # heh with yeh above (ezafe)
        ("مُحَمَّدٌ", "محمد"),  # harakat, shadda, tanwin
        ("الرحمٰن", "الرحمن"),  # superscript alef
        ("جـــديد", "جديد"),  # tatweel
        ("می\u200cکنیم", "مي كنيم"),  # ZWNJ -> space
        ("می کنیم", "مي كنيم"),  # the spaced spelling meets it
        ("\u200fقال\u200e", "قال"),  # bidi marks
        ("١٢٣٫٥", "123.5"),  # Arabic-Indic digits, decimal separator
        ("۱۲۳٬۴۵۶", "123,456"),  # Persian digits, thousands separator
        ("٣٨٪", "38%"),
        ("لماذا؟", "لماذا?"),
        ("«نعم»", '"نعم"'),
        ("COVID  Test", "covid test"),
        ("  a \n\t b  ", "a b"),
    ],
)
def test_folds(variant: str, canonical: str) -> None:
    assert normalize_for_matching(variant) == canonical


def test_persian_and_arabic_spellings_of_the_same_name_meet() -> None:
    assert normalize_for_matching("آیت‌الله علی خامنه‌ای") == normalize_for_matching("آيت الله علي خامنه اي")
    assert normalize_for_matching("آية الله") == normalize_for_matching("آيه الله")


def test_table_covers_the_letters_the_brief_names() -> None:
    for ch in "أإآٱؤئیىکةۀ" + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u200c" + "٠٩۰۹٫٬":
        assert ord(ch) in FOLDS, ch


def test_to_ascii_digits_keeps_length_and_letters() -> None:
    text = "بلغ ١٫٣ مليار و۲۰۲۰ و1,300 ٬"
    out = to_ascii_digits(text)
    assert out == "بلغ 1.3 مليار و2020 و1,300 ,"
    assert len(out) == len(text)


def test_offsets_map_a_normalised_match_back_to_verbatim_text() -> None:
    source = (SEEDS / "003_a2d14a08bef2f986.txt").read_text(encoding="utf-8")
    norm, origin = normalize_with_offsets(source)
    needle = normalize_for_matching("نمایندۀ ویژۀ رئیس جمهور")
    found = []
    at = norm.find(needle)
    while at != -1:
        a, b = span_in_original(origin, at, at + len(needle))
        found.append(source[a:b])
        at = norm.find(needle, at + 1)
    # the seed writes the phrase both ways; one search finds both, each verbatim
    assert "نماینده ویژه رئیس جمهور" in found
    assert "نمایندۀ ویژۀ رئیس جمهور" in found


def test_offsets_skip_removed_marks() -> None:
    text = "أكّد  الرئيسُ"
    norm, origin = normalize_with_offsets(text)
    assert norm == "اكد الرييس"
    assert [text[i] for i in origin] == list("أكد ") + list("الرئيس")


def test_span_in_original_rejects_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError):
        span_in_original([0, 1, 2], 2, 5)


_ALPHABET = st.sampled_from(
    list("ابتثأإآةىيیکكۀهؤئ ً ُ ّ ـ")
    + ["\u200c", "\u200b", " ", "\n", "\u00a0", "\u2028", "٣", "۳", "3", "٫"]
    + list("AbΣσßİ.«")
)


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_are_in_range_and_ordered(text: str) -> None:
    norm, origin = normalize_with_offsets(text)
    assert len(norm) == len(origin)
    assert all(0 <= i < len(text) for i in origin)
    assert origin == sorted(origin)
    assert norm == normalize_for_matching(text)


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_for_matching(text)
    assert normalize_for_matching(once) == once
