"""The quantity judge on the seeds' own sentences and the issue's cases: different figures for
the same thing are flagged, across Arabic and Persian; one value in other forms, rounding,
hedges, other things and other years are not."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest

from checker.claims import extract_claims
from checker.config import Config
from checker.facts.stage import claim_facts
from checker.ingest import read_documents
from checker.judges.base import JudgeContext
from checker.judges.quantity import QuantityJudge
from checker.types import CandidatePair, Claim, Document, Role, Span, Verdict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@cache
def seed_docs() -> tuple[Document, ...]:
    docs, _ = read_documents([str(SEEDS)], Config())
    return tuple(sorted(docs, key=lambda d: d.path))


def seed_claim(prefix: str, needle: str) -> Claim:
    [doc] = [d for d in seed_docs() if Path(d.path).name.startswith(prefix)]
    return next(c for c in extract_claims(doc) if needle in c.text)


def claim(text: str, lang: str, doc: str = "other.txt") -> Claim:
    return Claim(id=f"{doc}#{hash(text)}", document=doc, index=0, role=Role.BODY, text=text,
                 span=Span(0, len(text), 1), lang=lang)  # fmt: skip


def judge(a: Claim, b: Claim) -> Verdict | None:
    return QuantityJudge().judge_pair(a, b, claim_facts(a), claim_facts(b))


TRADE_001 = "حجم التبادل التجاري"


def test_cross_lingual_trade_conflict_quotes_both_values() -> None:
    arabic = seed_claim("001", TRADE_001)
    persian = claim("حجم مبادلات تجاری ایران و روسیه در سال ۲۰۲۰ حدود پنج میلیارد دلار بود.", "fa")
    v = judge(arabic, persian)
    assert v is not None and (v.judge, v.kind) == ("quantity", "number")
    assert v.explanation == (
        'Trade volume in 2020 differs: "ملياري دولار" (about 2 billion USD) vs '
        '"پنج میلیارد دلار" (about 5 billion USD).'
    )
    (pa, sa, ea), (pb, sb, eb) = v.highlights
    assert (pa, pb) == (0, 1)
    assert arabic.text[sa:ea] == "ملياري دولار" and persian.text[sb:eb] == "پنج میلیارد دلار"


def test_one_value_in_other_forms_is_quiet() -> None:
    arabic = seed_claim("001", TRADE_001)
    for other, lang in (
        ("حجم مبادلات تجاری ایران و روسیه در سال ۲۰۲۰ حدود ۲ میلیارد دلار بود.", "fa"),
        ("حجم مبادلات تجاری ایران و روسیه در سال ۲۰۲۰ حدود دو میلیارد دلار بود.", "fa"),
        ("وبلغ حجم التبادل التجاري بين البلدين 2 مليار دولار في العام 2020", "ar"),
        ("وبلغ حجم التبادل التجاري بين البلدين ٢ مليار دولار في العام ٢٠٢٠", "ar"),
        ("وبلغ حجم التبادل التجاري بين البلدين 1.96 مليار دولار في العام 2020", "ar"),  # rounds to ملياري
    ):
        assert judge(arabic, claim(other, lang)) is None, other


def test_russian_exports_1_3_against_1_8() -> None:
    a = seed_claim("001", "حصة الصادرات الروسية")
    b = claim(a.text.replace("1.3", "1.8"), "ar")
    v = judge(a, b)
    assert v is not None
    assert '"1.3 مليار دولار" (1.3 billion USD) vs "1.8 مليار دولار" (1.8 billion USD)' in v.explanation
    assert v.explanation.startswith("Exports (Russia)")


def test_russian_and_iranian_exports_are_different_things() -> None:
    a = seed_claim("001", "حصة الصادرات الروسية")
    b = claim("وبلغت الصادرات الإيرانية إلى روسيا 0.7 مليار دولار", "ar")
    assert judge(a, b) is None


def test_first_against_third_visit() -> None:
    a = seed_claim("002", "أوّل زيارة")
    b = claim("وصل محمد باقر قاليباف إلى موسكو، في ثالث زيارة خارجية له كرئيس لمجلس الشورى الإيراني", "ar")
    v = judge(a, b)
    assert v is not None and v.explanation == 'Visit order differs: "أوّل زيارة" (1st) vs "ثالث زيارة" (3rd).'
    persian = claim("قالیباف در سومین سفر خارجی خود به مسکو رفت", "fa")
    assert judge(a, persian) is not None
    assert judge(a, seed_claim("001", "أول زيارة")) is None  # أول = أوّل


def test_trade_figure_against_growth_percentage_is_quiet() -> None:
    # two billion in 2020 (seed 001) against +38% in 2021 (seed 004): different things
    assert judge(seed_claim("001", TRADE_001), seed_claim("004", "38%")) is None


def test_figures_for_different_years_are_quiet() -> None:
    a = claim("بلغ حجم التبادل التجاري بين البلدين ملياري دولار في 2018", "ar")
    b = claim("بلغ حجم التبادل التجاري بين البلدين خمسة مليارات دولار في 2020", "ar")
    assert judge(a, b) is None


def test_hedges_allow_some_difference() -> None:
    a = claim("إسرائيل تمنح أكثر من 16 ألف طالب لجوء حق الإقامة الدائمة", "ar")
    assert judge(a, claim("إسرائيل تمنح 17 ألف طالب لجوء حق الإقامة الدائمة", "ar")) is None
    assert judge(a, claim("إسرائيل تمنح 26 ألف طالب لجوء حق الإقامة الدائمة", "ar")) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ANS stance_dev "disagree" pairs: the numbers changed (a toll goes to the figure ledger,
        # tests/judges/test_figures.py)
        (
            "حزمة اقتصادية قيمتها 50 مليار درهم تطلقها أبوظبي",
            "حزمة اقتصادية قيمتها 50 مليون درهم تطلقها أبوظبي",
        ),
        ("العجز الأميركي يصل ل ٧٧ مليار", "عجز الموازنة الأميركية  يصل ل٦٦ مليار"),
        ("رحيل ميني مي عن عمر لم يتجاوز 49 عاما", "وفاة ميني مي عن عمر يناهز 80 عام"),
    ],
)
def test_real_number_changes_are_flagged(a: str, b: str) -> None:
    assert judge(claim(a, "ar"), claim(b, "ar")) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ANS "agree" pairs: the same figures in other words
        ("مصر تحصل على 2 مليار دولار من صندوق النقد الدولي", "مليارا دولار لمصر من النقد الدولي"),
        ("الصليب الأحمر يسحب 71 عامل إغاثة من اليمن خوفا على سلامتهم",
         "سحب 71 عامل إغاثة تابعين للصليب الأحمر من اليمن خوفا على سلامتهم"),
        ("السعودية تأمر بتسليم 25 مدرسة للقطاع الخاص", "تسليم ٢٥ مدرسة للقطاع الخاص في المملكة السعودية"),
        ("حصيلة يوم واحد لسمسار فرنسي.. 6.6 مليار دولار",
         "سمسار فرنسي يحصل على 6.6 مليار دولار في اليوم الواحد"),
    ],
)  # fmt: skip
def test_real_paraphrases_are_quiet(a: str, b: str) -> None:
    assert judge(claim(a, "ar"), claim(b, "ar")) is None


def test_no_false_positive_on_the_seeds() -> None:
    docs = seed_docs()
    claims = [c for d in docs for c in extract_claims(d)]
    context = JudgeContext.of(list(docs), claims)
    pairs = [CandidatePair(a, b, 1.0, "cross-article") for a, b in itertools.combinations(claims, 2)]
    verdicts = QuantityJudge().judge_batch(pairs, context)
    assert len(pairs) > 1000
    assert [(p.a.id, p.b.id, v.explanation) for p, v in zip(pairs, verdicts, strict=True) if v] == []


def test_judge_batch_reads_the_facts_stage() -> None:
    a = seed_claim("001", "حصة الصادرات الروسية")
    b = claim(a.text.replace("1.3", "1.8"), "ar")
    [v] = QuantityJudge().judge_batch(
        [CandidatePair(a, b, 0.9, "cross-article")], JudgeContext.of([], [a, b])
    )
    assert v is not None and v.score >= 0.8
