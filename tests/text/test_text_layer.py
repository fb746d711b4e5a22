"""The one text layer: the fold's two decisions (ZWNJ, lone hamza) seen from the knowledge-base side
and from the facts side, the clitic stripper, scripts, digit systems and word overlap."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.facts.quantities import extract_quantities
from checker.facts.times import extract_times
from checker.kb import load_kb
from checker.text.clitics import proclitic_readings, stems, suffix_forms, without_article
from checker.text.digits import digit_system_of, to_ascii_digits, to_system
from checker.text.normalize import normalize_for_matching, normalize_with_offsets
from checker.text.overlap import jaccard, overlap_coefficient
from checker.text.script import is_arabic_script, script_langs
from checker.text.tokens import tokenize, word_tokens

ZWNJ = "\u200c"
DAY = dt.date(2021, 12, 6)


# --- ZWNJ is a word boundary ----------------------------------------------------------------


def test_zwnj_folds_like_a_space() -> None:
    assert normalize_for_matching(f"خامنه{ZWNJ}ای") == normalize_for_matching("خامنه ای") == "خامنه اي"
    assert [t.norm for t in tokenize(f"سه{ZWNJ}شنبه")] == ["سه", "شنبه"]


@pytest.mark.parametrize("spelling", [f"خامنه{ZWNJ}ای", "خامنه ای", "خامنهای"])
def test_kb_finds_a_zwnj_name_in_all_three_spellings(spelling: str) -> None:
    mentions = load_kb().find_mentions(f"پیام آیت{ZWNJ}الله {spelling} به پوتین", "fa", DAY)
    assert [(m.entity_id, m.role) for m in mentions] == [("khamenei", "sender"), ("putin", "recipient")]
    assert mentions[0].surface == spelling  # the verbatim slice, whatever the spelling


def test_kb_reads_past_a_zwnj_suffix() -> None:
    """ "نامه‌ای" is the noun and its indefinite suffix, two tokens: the sender after it is still found."""
    mentions = load_kb().find_mentions(f"نامه{ZWNJ}ای از خامنه{ZWNJ}ای به پوتین", "fa", DAY)
    assert [(m.entity_id, m.role) for m in mentions] == [("khamenei", "sender"), ("putin", "recipient")]


@pytest.mark.parametrize("written", [f"سه{ZWNJ}شنبه", "سه شنبه"])
def test_facts_read_a_zwnj_weekday_either_way(written: str) -> None:
    (time,) = extract_times(f"روز {written} گذشته", "fa", None)
    assert time.weekday == 1


# --- a lone hamza is a letter -----------------------------------------------------------------


def test_lone_hamza_stays_and_seats_fold() -> None:
    assert normalize_for_matching("الوزراء") != normalize_for_matching("الوزرا")
    assert normalize_for_matching("أإآ") == "ااا"
    assert normalize_for_matching("مسؤول") == "مسوول"


def test_kb_and_facts_read_words_with_a_lone_hamza() -> None:
    kb = load_kb()
    assert [m.entity_id for m in kb.find_mentions("وصل رئيس الوزراء الروسي", "ar", DAY)] == ["mishustin"]
    (time,) = extract_times("وصل يوم الثلاثاء", "ar", None)
    assert time.weekday == 1


# --- offsets -------------------------------------------------------------------------------------


def test_fold_offsets_point_into_the_source() -> None:
    text = "قالَ  خامنه‌ای ۱٫۳"
    folded, origin = normalize_with_offsets(text)
    assert folded == "قال خامنه اي 1.3"
    start = folded.index("1.3")
    assert text[origin[start] : origin[start + 2] + 1] == "۱٫۳"
    assert [t.raw for t in word_tokens(text)] == ["قالَ", "خامنه", "ای", "۱٫۳"]


# --- clitics ---------------------------------------------------------------------------------


def test_proclitic_readings_keep_the_article_for_names() -> None:
    readings = proclitic_readings("وللرئيس", "ar")
    assert readings[0] == ("وللرئيس", "")
    assert ("الرئيس", "ول") in readings  # ل + ال, the alef dropped
    assert proclitic_readings("وبوتين", "ar")[1] == ("بوتين", "و")


def test_persian_words_are_read_as_written() -> None:
    assert proclitic_readings("ولودین", "fa") == (("ولودین", ""),)


def test_stripping_the_article_and_suffixes() -> None:
    assert "دولار" in stems("بالدولار")
    assert without_article("والعلاقات") == "علاقات"
    assert without_article("وللتجارة") == "تجارة"
    assert without_article("زيارة") == "زيارة"
    assert suffix_forms("زيارته")[0] == "زياره"


# --- scripts and digits ---------------------------------------------------------------------------


def test_scripts() -> None:
    assert script_langs("پنج‌شنبه") == {"fa"}
    assert script_langs("الثلاثة") == {"ar"}
    assert script_langs("دولار") == {"ar", "fa"}
    assert is_arabic_script("۳") and not is_arabic_script("3")


def test_digit_systems_round_trip() -> None:
    assert to_system("1,300.5", "persian") == "۱٬۳۰۰٫۵"
    assert to_system("۱٬۳۰۰٫۵", "arabic") == "١٬٣٠٠٫٥"
    assert to_ascii_digits("١٬٣٠٠٫٥") == "1,300.5"
    assert digit_system_of("سال ۱۴۰۰") == "persian"
    assert [q.value for q in extract_quantities("بلغ ١٬٣٠٠ دولار", "ar")] == [1300]


def test_overlap_measures() -> None:
    a, b = {"x", "y"}, {"x", "y", "z", "w"}
    assert jaccard(a, b) == 0.5
    assert overlap_coefficient(a, b) == 1.0
    assert jaccard(set(), b) == overlap_coefficient(set(), b) == 0.0
