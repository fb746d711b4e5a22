"""Generated pairs: each rule edits one real sentence in one place and labels what it did."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from checker.home import PROJECT_ROOT
from checker.nli import perturb
from checker.nli.data import load_split


@pytest.fixture(scope="module")
def rules() -> dict[str, perturb.Rule]:
    return perturb.rules(perturb.default_entities())


@pytest.fixture(scope="module")
def ans_headlines() -> list[str]:
    return [e.premise for e in load_split("ans", "train")]


def _first(headlines: list[str], needle: str) -> str:
    return next(h for h in headlines if needle in h)


def test_number_change_keeps_the_digits_script(rules: dict[str, perturb.Rule]) -> None:
    # real ANS headlines, one in ASCII digits and one in Arabic-Indic digits
    rng = random.Random(0)
    new = rules["number_change"]("مقتل 400 فى هجمات تفجيرية فى السويداء", "ar", rng)
    assert (
        new is not None
        and "400" not in new
        and new.startswith("مقتل ")
        and new.endswith(" فى هجمات تفجيرية فى السويداء")
    )
    new = rules["number_change"]("الذهب يرتفع لأعلى مستوى له منذ ١٢ أسبوعا", "ar", rng)
    assert new is not None and "١٢" not in new and any(c in "٠١٢٣٤٥٦٧٨٩" for c in new)


def test_years_are_dates_not_plain_numbers(rules: dict[str, perturb.Rule]) -> None:
    text = "نيكاي يرتفع لأعلى مستوى منذ 1991"
    assert rules["number_change"](text, "ar", random.Random(0)) is None
    new = rules["date_change"](text, "ar", random.Random(0))
    assert new is not None and new != text and new[:-4] == text[:-4]


def test_persian_negation_flips_the_last_verb(rules: dict[str, perturb.Rule]) -> None:
    text = "هدایت تکوینی را خدا با آفرینش موجودات انجام می‌دهد."
    assert (
        rules["negation"](text, "fa", random.Random(0))
        == "هدایت تکوینی را خدا با آفرینش موجودات انجام نمی‌دهد."
    )
    back = rules["negation"]("این کشور تا به حال کودتای نظامی نداشته است.", "fa", random.Random(0))
    assert (
        back == "این کشور تا به حال کودتای نظامی نداشته نیست."
        or back == "این کشور تا به حال کودتای نظامی داشته است."
    )


def test_arabic_negation_negates_the_leading_verb(rules: dict[str, perturb.Rule]) -> None:
    rng = random.Random(1)
    new = rules["negation"]("الرئيس التونسي يدعو إلى المساواة في الميراث بين الرجل والمرأة", "ar", rng)
    assert new == "الرئيس التونسي لا يدعو إلى المساواة في الميراث بين الرجل والمرأة"


def test_ordinal_change_on_the_seed_phrase(rules: dict[str, perturb.Rule]) -> None:
    text = "زيارة قاليباف إلى موسكو تأتي كأول زيارة يقوم بها رئيس مجلس الشورى الإيراني إلى بلد خارجي"
    new = rules["ordinal_change"](text, "ar", random.Random(0))
    assert (
        new is not None
        and "كأول" not in new
        and new.replace("ثاني", "أول").replace("ثالث", "أول").replace("رابع", "أول").replace("خامس", "أول")
        == text
    )


def test_entity_swap_and_alias_swap_use_the_kb(rules: dict[str, perturb.Rule]) -> None:
    text = "بوتين يتلقى رسالة من خامنئي"
    swapped = rules["entity_swap"](text, "ar", random.Random(0))
    assert swapped is not None and swapped != text
    ents = perturb.EntityRules(perturb.default_entities())
    ids = {e.id for _, _, e in ents.mentions(swapped, "ar")}
    assert len(ids) == 2 and ids != {"putin", "khamenei"}
    alias = rules["alias_swap"](text, "ar", random.Random(0))
    assert alias is not None and {e.id for _, _, e in ents.mentions(alias, "ar")} == {
        e.id for _, _, e in ents.mentions(text, "ar")
    }


def test_role_swap_leaves_symmetric_phrases_alone(rules: dict[str, perturb.Rule]) -> None:
    assert rules["role_swap"]("تقارير عن مقتل أطفال باليمن على يد السعودية", "ar", random.Random(0)) == (
        "تقارير عن مقتل أطفال بالسعودية على يد اليمن"
    )
    assert rules["role_swap"]("محادثات بين إيران وروسيا في موسكو", "ar", random.Random(0)) is None


def test_generate_makes_every_kind_with_its_label_and_is_reproducible() -> None:
    ans = load_split("ans", "train")[:600]
    fars = load_split("farstail", "train")[:900]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    sentences = perturb.source_sentences(ans, fars, seeds)
    entities = perturb.default_entities()
    pairs = perturb.generate(sentences, entities, seed=5)
    assert pairs == perturb.generate(sentences, entities, seed=5)
    kinds = Counter(p.source.removeprefix("gen:") for p in pairs)
    assert set(kinds) == set(perturb.KIND_LABEL), kinds
    for p in pairs:
        assert p.label == perturb.KIND_LABEL[p.source.removeprefix("gen:")]
        assert p.premise != p.hypothesis
    labels = Counter(p.label for p in pairs)
    assert (
        labels["entailment"] + labels["neutral"] > 0.3 * labels["contradiction"]
    )  # not "every edit contradicts"


def test_split_sentences_and_language_guess() -> None:
    text = Path(PROJECT_ROOT / "seeds").glob("003_*.txt").__next__().read_text(encoding="utf-8")
    sentences = perturb.split_sentences(text)
    assert sentences and all(perturb.guess_lang(s) == "fa" for s in sentences)
    assert perturb.guess_lang("قاليباف يسلم رسالة السيد خامنئي إلى بوتين") == "ar"


def test_a_swap_in_a_shared_role_is_neutral_and_in_a_unique_role_a_contradiction(
    rules: dict[str, perturb.Rule],
) -> None:
    rng = random.Random(0)
    condemned = "أدانت مصر الهجوم على السفارة في العاصمة الليبية"
    assert perturb.shared_role(condemned, "ar")
    assert rules["entity_swap"](condemned, "ar", rng) is None  # not a contradiction
    shared = rules["role_shared"](condemned, "ar", rng)
    assert (
        shared is not None
        and "مصر" not in shared
        and shared.endswith("الهجوم على السفارة في العاصمة الليبية")
    )
    letter = "سلم قاليباف بوتين رسالة من خامنئي"
    assert not perturb.shared_role(letter, "ar")
    assert rules["role_shared"](letter, "ar", rng) is None
    assert rules["entity_swap"](letter, "ar", rng) is not None
    assert perturb.shared_role("ایران حمله به سفارت را محکوم کرد.", "fa")
    assert perturb.KIND_LABEL["role_shared"] == "neutral"
