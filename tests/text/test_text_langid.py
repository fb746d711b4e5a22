"""Language id by letters and function words, measured on the seeds and the shared data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from checker.home import shared_data_dir
from checker.text.langid import detect_language, language_scores

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SAMPLE = 200


def _ans(split: str) -> list[str]:
    path = shared_data_dir() / "ans" / f"stance_{split}.csv"
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    with path.open(encoding="utf-8", newline="") as f:
        return [row["s1"] for row in csv.DictReader(f)]


def _farstail(split: str) -> list[str]:
    path = shared_data_dir() / "farstail" / f"{split}.tsv"
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    with path.open(encoding="utf-8", newline="") as f:
        return [row["premise"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("000_1227f8ae13c2544c.txt", "ar"),
        ("001_42ba45faf81212f0.txt", "ar"),
        ("002_705fd37aea0d53b1.txt", "ar"),
        ("003_a2d14a08bef2f986.txt", "fa"),
        ("004_5ea9a0b754be6861.txt", "ar"),
    ],
)
def test_seeds(name: str, lang: str) -> None:
    assert detect_language((SEEDS / name).read_text(encoding="utf-8")) == lang


def test_seed_headlines_alone() -> None:
    # short text: one line each
    assert detect_language("موسكو.. بوتين يتلقى رسالة من الخميني") == "ar"
    assert detect_language("دیدار با نماینده ویژه پوتین") == "fa"


def test_persian_typed_with_arabic_yeh_and_kaf_is_still_persian() -> None:
    text = "وي گفت كه اين ديدار براي دو كشور مهم است و روابط را تقويت مي كند."
    assert detect_language(text) == "fa"


@pytest.mark.parametrize(
    "text",
    [
        "Putin received a letter from Iran's supreme leader on Monday.",
        "وزیراعظم نے کہا کہ پاکستان اور ایران کے تعلقات بہت اہم ہیں۔",  # Urdu
        "",
        "2022 - 19/01",
    ],
)
def test_other(text: str) -> None:
    assert detect_language(text) == "other"


def test_accuracy_on_ans_and_farstail_samples() -> None:
    arabic = _ans("dev")[:SAMPLE]
    persian = _farstail("val")[:SAMPLE]
    ar_acc = sum(detect_language(t) == "ar" for t in arabic) / len(arabic)
    fa_acc = sum(detect_language(t) == "fa" for t in persian) / len(persian)
    # measured: 1.000 and 1.000 on these 200 + 200 rows
    assert ar_acc >= 0.99
    assert fa_acc >= 0.99


@pytest.mark.slow
def test_accuracy_on_full_dev_sets() -> None:
    arabic = _ans("dev") + _ans("train")
    persian = _farstail("val") + _farstail("train")
    ar_acc = sum(detect_language(t) == "ar" for t in arabic) / len(arabic)
    fa_acc = sum(detect_language(t) == "fa" for t in persian) / len(persian)
    assert ar_acc >= 0.995
    assert fa_acc >= 0.995


def test_persian_typed_on_an_arabic_keyboard_is_persian() -> None:
    # older Fars News copy: ي and ك for ی and ک, and ى in می
    assert (
        detect_language(
            "بنا بر اين گزارش، محمدحسين ناصربخت،يدالله وفاداري و مهدي مكاري كه جز هيات داوران همايش "
            "نمايش‌هاي تك نفره 28 مهر 87 بودند آرا خود را اعلام كردند."
        )
        == "fa"
    )
    assert detect_language("وقال المتحدث إن الحكومة ستعلن عن القرار في وقت لاحق من هذا الأسبوع") == "ar"


def test_a_persian_list_typed_on_an_arabic_keyboard_is_persian() -> None:
    # fars:1282 of the real Persian set, a list of provincial officials: 192 ي/ك, a few Persian
    # letters and words, and nothing else Arabic (no ة, no ال, no Arabic function word)
    lines = [
        "رؤساي ستادهاي بازرسي انتخابات 30 استان كشور منصوب شدند",
        "به گزارش خبرگزاري فارس به نقل از پايگاه اطلاع رساني وزارت كشور، اسامي رؤساي ستادهاي بازرسي "
        "انتخابات استان‌ها به شرح زير است:",
    ] + [
        f"استان {name}: {person} (معاون {office} استانداري)"
        for name, person, office in [
            ("آذربايجان شرقي", "محمد اشرف نيا", "عمراني"),
            ("اردبيل", "ناصر هاشم پور", "عمراني"),
            ("ايلام", "ولي اله لطفي", "پشتيباني"),
            ("بوشهر", "غلامحسين كرمي", "پشتيباني"),
            ("خراسان شمالي", "محمد حسين نژاد حسين", "پشتيباني"),
            ("زنجان", "غلامرضا ديزج نژاد", "برنامه ريزي"),
            ("سمنان", "محسن جاويدان", "برنامه ريزي"),
            ("قزوين", "صادق پورمهدي", "عمراني"),
            ("كردستان", "كريم مهرشاد", "پشتيباني"),
            ("كرمان", "علي اكبرصانعي", "پشتيباني"),
            ("كرمانشاه", "سيد محمدرضا معصومي", "پشتيباني"),
            ("مركزي", "محمدرضا امامي", "برنامه ريزي"),
            ("يزد", "محمد مهدي فقيه خراساني", "پشتيباني"),
        ]
    ]
    text = "\n".join(lines)
    scores = language_scores(text)
    assert scores["ar"] >= scores["fa"]  # the keyboard letters alone outweigh the Persian evidence
    assert scores["ar_own"] == 0
    assert detect_language(text) == "fa"
    # Arabic that is typed the same way keeps its own evidence
    assert detect_language("كريم يلتقي وزير الخارجية") == "ar"
