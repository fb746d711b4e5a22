"""Event roles on the seeds' own sentences (read from seeds/, not retyped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.kb import KnowledgeBase, load_kb

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def seed_sentence(prefix: str, line: int, starting: str | None = None) -> str:
    """Line ``line`` (1-based) of the seed whose name starts with ``prefix``, or the sentence
    of that line that begins with ``starting``."""
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    if starting is None:
        return text
    start = text.index(starting)
    end = text.find(".", start)
    return text[start : end + 1 if end >= 0 else len(text)]


def roles(kb: KnowledgeBase, text: str, lang: str, date: dt.date | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in kb.find_mentions(text, lang, date):
        if m.role:
            out.setdefault(m.role, set()).add(m.entity_id)
    return out


CASES = [
    # seed 000: the headline with the wrong name, and the body
    ("000", 1, None, "ar", {"recipient": {"putin"}, "sender": {"khomeini"}}),
    (
        "000",
        2,
        None,
        "ar",
        {"messenger": {"qalibaf"}, "sender": {"khamenei"}, "recipient": {"putin"}},
    ),
    (
        "000",
        3,
        None,
        "ar",
        {
            "visitor": {"qalibaf"},
            "destination": {"moscow"},
            "handed_to": {"volodin"},
            "sender": {"khamenei"},
            "recipient": {"putin"},
        },
    ),
    ("000", 4, None, "ar", {"visitor": {"qalibaf"}, "destination": {"russia"}}),
    ("000", 6, None, "ar", {"speaker": {"lavrov"}}),
    ("000", 7, None, "ar", {"speaker": {"amir-abdollahian"}}),
    (
        "000",
        8,
        None,
        "ar",
        {"speaker": {"amir-abdollahian"}, "visitor": {"qalibaf"}, "destination": {"russia"}},
    ),
    # seed 001
    ("001", 1, None, "ar", {"messenger": {"qalibaf"}, "sender": {"khamenei"}, "recipient": {"putin"}}),
    (
        "001",
        3,
        None,
        "ar",
        {"messenger": {"qalibaf"}, "handed_to": {"volodin"}, "sender": {"khamenei"}, "recipient": {"putin"}},
    ),
    (
        "001",
        6,
        None,
        "ar",
        {
            "messenger": {"qalibaf"},
            "sender": {"khamenei"},
            "recipient": {"putin"},
            "handed_to": {"volodin"},  # "لرئيس "الدوما"" on 2021-02-08
        },
    ),
    (
        "001",
        10,
        None,
        "ar",
        {"sender": {"khamenei"}, "recipient": {"putin"}, "handed_to": {"volodin"}},
    ),
    (
        "001",
        12,
        None,
        "ar",
        {"speaker": {"qalibaf"}, "sender": {"khamenei"}, "recipient": {"russian-government"}},
    ),
    (
        "001",
        18,
        None,
        "ar",
        {"visitor": {"qalibaf"}, "destination": {"moscow"}, "host": {"volodin"}},
    ),
    # seed 002: the transliteration "فيتشيلاف فالودين"
    ("002", 1, "استجابةً", "ar", {"host": {"volodin"}, "visitor": {"qalibaf"}, "destination": {"moscow"}}),
    ("002", 2, None, "ar", {"messenger": {"qalibaf"}, "sender": {"khamenei"}, "recipient": {"putin"}}),
    # seed 003 (Persian): titles, SOV speakers, a proxy receiver
    ("003", 1, None, "fa", {"speaker": {"qalibaf"}}),
    ("003", 5, None, "fa", {"speaker": {"qalibaf"}, "handed_to": {"volodin"}}),
    ("003", 10, None, "fa", {"speaker": {"volodin"}}),
    ("003", 12, None, "fa", {"speaker": {"volodin"}}),
    # seed 004 (dated 19/01/2022)
    ("004", 5, None, "ar", {"speaker": {"raisi", "putin"}}),
    ("004", 12, None, "ar", {"speaker": {"raisi"}}),
    ("004", 20, None, "ar", {"speaker": {"putin"}}),
    ("004", 22, None, "ar", {"speaker": {"putin"}}),
]


@pytest.mark.parametrize(("seed", "line", "starting", "lang", "expected"), CASES)
def test_roles_on_seed_sentences(
    kb: KnowledgeBase, seed: str, line: int, starting: str | None, lang: str, expected: dict[str, set[str]]
) -> None:
    date = dt.date(2022, 1, 19) if seed == "004" else dt.date(2021, 2, 8)
    assert roles(kb, seed_sentence(seed, line, starting), lang, date) == expected


def test_persian_letter_with_title_sender(kb: KnowledgeBase) -> None:
    text = seed_sentence("003", 2)
    found = roles(kb, text, "fa", dt.date(2021, 2, 8))
    assert found["sender"] == {"khamenei"}  # "پیام رهبر انقلاب", resolved at the date
    assert found["recipient"] == {"putin"}
    assert found["visitor"] == {"qalibaf"} and found["destination"] == {"russia"}
    undated = roles(kb, text, "fa")
    assert undated["sender"] == {"iran-supreme-leader"}  # no date: the office, not a guess


def test_receiving_as_a_representative_is_not_being_the_addressee(kb: KnowledgeBase) -> None:
    # "ویچسلاو والودین بعنوان نماینده ویژه رئیس جمهور روسیه ... پیام رهبر انقلاب را دریافت کرد"
    text = seed_sentence("003", 4, "ویچسلاو")
    found = roles(kb, text, "fa", dt.date(2021, 2, 8))
    assert "recipient" not in found
    assert found["sender"] == {"khamenei"}
    # without the proxy phrase the subject is the addressee
    plain = "ولادیمیر پوتین پیام رهبر انقلاب را دریافت کرد."
    assert roles(kb, plain, "fa", dt.date(2021, 2, 8)) == {"recipient": {"putin"}, "sender": {"khamenei"}}


def test_persian_sender_and_recipient_across_an_abbreviation(kb: KnowledgeBase) -> None:
    assert roles(kb, seed_sentence("003", 8), "fa") == {"sender": {"khamenei"}, "recipient": {"putin"}}


def test_the_assistant_of_the_speaker_is_not_the_speaker(kb: KnowledgeBase) -> None:
    found = kb.find_mentions(seed_sentence("000", 7), "ar", dt.date(2021, 2, 8))
    by_id = {m.entity_id: m.role for m in found}
    assert by_id["amir-abdollahian"] == "speaker"
    assert by_id["qalibaf"] is None  # "المساعد الخاص لرئيس البرلمان الإيراني"


def test_a_press_office_is_not_a_speaker(kb: KnowledgeBase) -> None:
    text = seed_sentence("000", 3)
    assert {m.entity_id: m.role for m in kb.find_mentions(text, "ar")}["duma"] is None


def test_no_roles_for_other_languages(kb: KnowledgeBase) -> None:
    assert all(m.role is None for m in kb.find_mentions("Putin received a letter from Khamenei", "other"))
    assert [m.entity_id for m in kb.find_mentions("Putin received a letter from Khamenei", "other")] == [
        "putin",
        "khamenei",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "is said": a passive, nobody speaks (FarsTail)
        "جنگ سرد اصطلاحی است که به دوره‌ای از رقابت بین بلوک شرق و بلوک غرب"
        " (ایالات متحده و متحدان ناتو) گفته می‌شود.",
        # the organisation's secretary-general speaks, not the organisation (FarsTail)
        "خاویر پرز دکوئیار، دبیر کل وقت سازمان ملل متحد در ۱۸ آذر ۱۳۷۰"
        " طی یک گزارش رسمی اعلام کرد که عراق متجاوز است.",
    ],
)
def test_persian_non_speakers(kb: KnowledgeBase, text: str) -> None:
    assert roles(kb, text, "fa") == {}
