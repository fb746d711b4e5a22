"""Sentence and clause segmentation: numbers, quotations, abbreviations, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.text.segment import quote_spans, split_clauses, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "number",
    ["1.3", "١.٣", "۱.۳", "١٫٣", "۱٫۳", "1,300", "١٬٣٠٠", "۱٬۳۰۰", "3.14159"],
)
def test_numbers_are_never_split(number: str) -> None:
    text = f"بلغت الصادرات {number} مليار دولار. وارتفعت الواردات أيضا."
    assert sentences(text) == [f"بلغت الصادرات {number} مليار دولار.", "وارتفعت الواردات أيضا."]


def test_seed_decimal_stays_in_its_sentence() -> None:
    text = (SEEDS / "001_42ba45faf81212f0.txt").read_text(encoding="utf-8")
    found = [s for s in sentences(text) if "1.3" in s]
    assert found == [
        "منها 1.3 مليار دولار حصة الصادرات الروسية لإيران، والباقي حصة الصادرات الإيرانية إلى روسيا."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # guillemets holding two sentences
        (
            "قال الوزير: «العلاقات جيدة. وستتحسن أكثر». وغادر القاعة.",
            ["قال الوزير: «العلاقات جيدة. وستتحسن أكثر».", "وغادر القاعة."],
        ),
        # curly quotes
        (
            "وأضاف أن “الزيارة مهمة. والعلاقات متينة”. ثم انتهى اللقاء.",
            ["وأضاف أن “الزيارة مهمة. والعلاقات متينة”.", "ثم انتهى اللقاء."],
        ),
        # straight quotes
        (
            'وقال: "لن نتراجع! هذا قرارنا." ثم صمت.',
            ['وقال: "لن نتراجع! هذا قرارنا."', "ثم صمت."],
        ),
        # a sentence end inside the quotation, closed right after: cut after the mark
        (
            "نوشت: «پیام مهم است.» سپس رفت.",
            ["نوشت: «پیام مهم است.»", "سپس رفت."],
        ),
    ],
)
def test_quotations_are_never_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_stray_closing_guillemet_does_not_swallow_the_paragraph() -> None:
    # seed 002 writes لـ»دراسات الشرق» with a closing mark used as an opener
    text = "أكد في لقاء مع مفكري المعهد لـ»دراسات الشرق»، أنه يريد ذلك. وشارك في اجتماع آخر."
    assert sentences(text) == [
        "أكد في لقاء مع مفكري المعهد لـ»دراسات الشرق»، أنه يريد ذلك.",
        "وشارك في اجتماع آخر.",
    ]


def test_unclosed_quotation_does_not_swallow_the_paragraph() -> None:
    text = "قال «إن الوضع صعب. وأضاف أن الحل قريب."
    assert len(sentences(text)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقى د. محمد ظريف بالوزير. ثم غادر.", ["التقى د. محمد ظريف بالوزير.", "ثم غادر."]),
        ("Dr. Smith met U.S. officials. They talked.", ["Dr. Smith met U.S. officials.", "They talked."]),
        ("J. R. R. Tolkien wrote it. Then he left.", ["J. R. R. Tolkien wrote it.", "Then he left."]),
        # Persian "etc." and the written-out Ayatollah abbreviation
        ("در عراق، سوریه و... تاکید کرد. او رفت.", ["در عراق، سوریه و... تاکید کرد.", "او رفت."]),
        ("پیام آیت ا... خامنه ای را رساند. سپس رفت.", ["پیام آیت ا... خامنه ای را رساند.", "سپس رفت."]),
        # the ".." kicker separator of an Arabic headline
        ("موسكو.. بوتين يتلقى رسالة", ["موسكو.. بوتين يتلقى رسالة"]),
        ("visit www.example.com today. Or not.", ["visit www.example.com today.", "Or not."]),
    ],
)
def test_abbreviations_ellipses_and_urls(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل انتهت الأزمة؟ لا أحد يعرف.", ["هل انتهت الأزمة؟", "لا أحد يعرف."]),
        ("آیا بحران تمام شد؟ هیچکس نمی داند!", ["آیا بحران تمام شد؟", "هیچکس نمی داند!"]),
        ("انتهى الاجتماع?! لا.", ["انتهى الاجتماع?!", "لا."]),
        (
            "وصل الوفد مساء الأحد.وقال الناطق إن الزيارة رسمية.",
            ["وصل الوفد مساء الأحد.", "وقال الناطق إن الزيارة رسمية."],
        ),
        ("العنوان\nالسطر الثاني بلا نقطة\n\nفقرة.", ["العنوان", "السطر الثاني بلا نقطة", "فقرة."]),
        ("وقالت المصادر (وهي موثوقة.) إن الخبر صحيح.", ["وقالت المصادر (وهي موثوقة.)", "إن الخبر صحيح."]),
    ],
)
def test_terminators_and_newlines(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_verbatim_and_trimmed_on_every_seed() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans, path.name
        for a, b in spans:
            piece = text[a:b]
            assert piece == piece.strip()
            assert "\n" not in piece
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


def test_seed_003_quoted_tweet_stays_one_sentence() -> None:
    text = (SEEDS / "003_a2d14a08bef2f986.txt").read_text(encoding="utf-8")
    line2 = text.splitlines()[1]
    assert sentences(line2) == [line2]


def test_quote_spans() -> None:
    text = 'قال “نعم” ثم «لا» و"ربما"'
    assert [text[a:b] for a, b in quote_spans(text)] == ["“نعم”", "«لا»", '"ربما"']


def test_split_clauses_cuts_long_arabic_sentence_at_comma_and_conjunction() -> None:
    text = (SEEDS / "004_5ea9a0b754be6861.txt").read_text(encoding="utf-8").splitlines()[9]
    clauses = [text[a:b] for a, b in split_clauses(text)]
    assert len(clauses) == 3
    assert clauses[1].startswith("وهذا التعاون")
    assert clauses[2].startswith("وأشار الى أنه")
    assert clauses[2].endswith("على مدى 20 عاماً.")
    assert all(not c.endswith("،") for c in clauses)


def test_split_clauses_keeps_short_sentences_and_quotations_whole() -> None:
    short = "قال إن العراق، وسوريا، ولبنان دول مهمة."
    assert split_clauses(short) == [(0, len(short))]
    quoted = "وقال: «" + "، و".join(["كلمة أخرى هنا في الجملة الطويلة"] * 12) + "»."
    assert split_clauses(quoted) == [(0, len(quoted))]


@given(st.text(alphabet=st.sampled_from(list('اب ت.؟!«»“”"\n١٫3,، و')), max_size=80))
def test_spans_are_ordered_trimmed_and_in_range(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        previous_end = b
