"""Negation and denial pairs: the edits are grammatical where they can be, idioms are left alone,
and every contradiction has a twin that keeps a negation word and does not contradict."""

from __future__ import annotations

import random

import pytest

from checker.nli import negation
from checker.nli.perturb import Sentence


def rng() -> random.Random:
    return random.Random(0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سيزور الرئيس موسكو الأسبوع المقبل", "لن يزور الرئيس موسكو الأسبوع المقبل"),
        ("تم القبض على المتهم في القاهرة", "لم يتم القبض على المتهم في القاهرة"),
        ("كان الوزير في الاجتماع أمس", "لم يكن الوزير في الاجتماع أمس"),
        ("يصل الوزير إلى القاهرة غدا", "لا يصل الوزير إلى القاهرة غدا"),
    ],
)
def test_arabic_negation_added(text: str, expected: str) -> None:
    assert negation.ar_neg_add(text, rng()) == expected


def test_arabic_negation_removed_but_not_from_idioms() -> None:
    assert negation.ar_neg_remove("لن يشارك الحزب في الانتخابات", rng()) == "سيشارك الحزب في الانتخابات"
    assert negation.ar_neg_remove("لم يتم القبض على المتهم", rng()) == "تم القبض على المتهم"
    assert negation.ar_neg_remove("لا يزال الوضع متوترا في المدينة", rng()) is None
    assert negation.ar_neg_remove("لا سيما في المحافظات الجنوبية", rng()) is None


def test_arabic_past_verbs_in_ta_are_not_taken_for_imperfects() -> None:
    assert negation.ar_neg_add("تمكن الضباط من ضبط المتهم", rng()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وزیر خارجه به مسکو سفر کرد.", "وزیر خارجه به مسکو سفر نکرد."),
        ("قیمت نفت امروز افزایش یافت.", "قیمت نفت امروز افزایش نیافت."),
        ("این طرح به زودی اجرا خواهد شد.", "این طرح به زودی اجرا نخواهد شد."),
        ("او هر روز به دانشگاه می‌رود.", "او هر روز به دانشگاه نمی‌رود."),
        ("این خبر درست است.", "این خبر درست نیست."),
        ("وزير خارجه به مسكو سفر كرد.", "وزير خارجه به مسكو سفر نكرد."),  # Arabic ي / ك
    ],
)
def test_persian_last_verb_negated(text: str, expected: str) -> None:
    assert negation.fa_neg_add(text, rng()) == expected


def test_persian_negation_removed() -> None:
    assert negation.fa_neg_remove("این خبر درست نیست.", rng()) == "این خبر درست است."
    assert (
        negation.fa_neg_remove("تیم ملی در این مسابقه پیروز نشد.", rng()) == "تیم ملی در این مسابقه پیروز شد."
    )


def test_every_contradiction_comes_with_a_twin_that_is_not_one() -> None:
    sentences = [
        Sentence("وزیر خارجه ایران روز دوشنبه به مسکو سفر کرد و با لاوروف دیدار کرد.", "fa", "t"),
        Sentence("قیمت نفت در بازارهای جهانی امروز سه درصد افزایش یافت.", "fa", "t"),
        Sentence("تم القبض على ثلاثة متهمين في حادث سرقة بنك بالقاهرة", "ar", "t"),
        Sentence("الحكومة لا تنوي رفع أسعار الوقود خلال العام الحالي", "ar", "t"),
        Sentence("مصر تستضيف الجولة المقبلة من المفاوضات", "ar", "t"),
    ] * 4
    pairs = negation.generate(sentences, seed=3)
    labels = [e.label for e in pairs]
    assert labels.count("contradiction") >= len(sentences) * 0.6
    assert labels.count("entailment") + labels.count("neutral") >= len(sentences) * 0.6
    for e in pairs:
        assert e.label == negation.KIND_LABEL[e.source.removeprefix("gen:")]
        if e.source == "gen:neg_keep":  # the negation is on both sides
            assert negation.has_negation(e.premise) and negation.has_negation(e.hypothesis)
    # twins that hold a negation or denial word and are not contradictions exist
    assert any(
        e.label != "contradiction" and negation.has_negation(e.premise + " " + e.hypothesis) for e in pairs
    )


def test_bylines_and_lists_are_not_negated() -> None:
    assert not negation.plausible_claim("كتب ـ محمد عبداللطيف الباسل:")
    assert not negation.plausible_claim("خوئی، سیدابوالقاسم، کتاب النکاح، ج2، نجف اشرف: دارالعلم، 1404ق.")
    assert negation.plausible_claim("قیمت نفت امروز سه درصد افزایش یافت.")
