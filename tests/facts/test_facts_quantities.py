"""Quantity extraction on the seeds' own sentences and on real ANS / FarsTail sentences."""

from __future__ import annotations

import pytest
from facts_data import ans_sentences, farstail_premises, seed_claims, seed_sentence

from checker.facts.context import Subject
from checker.facts.quantities import extract_quantities, subject_of
from checker.types import Quantity


def by_surface(text: str, lang: str) -> dict[str, Quantity]:
    return {q.surface: q for q in extract_quantities(text, lang)}


def test_seed_001_trade_and_exports() -> None:
    text = seed_sentence("001", "حجم التبادل التجاري")
    qs = by_surface(text, "ar")
    trade = qs["ملياري دولار"]
    assert (trade.value, trade.unit, trade.kind, trade.approximate) == (2e9, "USD", "money", True)  # نحو
    assert "trade" in subject_of(trade).concepts
    exports_text = seed_sentence("001", "حصة الصادرات الروسية")
    exports = by_surface(exports_text, "ar")["1.3 مليار دولار"]
    assert (exports.value, exports.approximate) == (1.3e9, False)
    assert subject_of(exports) == Subject(frozenset({"exports"}), qualifiers=frozenset({"russia"}))


def test_seed_002_gives_the_same_figures_in_one_sentence() -> None:
    text = seed_sentence("002", "حجم التبادل التجاري")
    qs = extract_quantities(text, "ar")
    assert [(q.surface, q.value) for q in qs] == [("ملياري دولار", 2e9), ("1.3 مليار دولار", 1.3e9)]
    assert [sorted(subject_of(q).concepts) for q in qs] == [["trade"], ["exports"]]


def test_seed_ordinals_first_visit() -> None:
    for prefix, surface in (("000", "أول زيارة"), ("001", "أول زيارة"), ("002", "أوّل زيارة")):
        text = seed_sentence(prefix, surface)
        q = by_surface(text, "ar")[surface]
        assert (q.kind, q.value) == ("ordinal", 1)
        assert "visit" in subject_of(q).concepts


def test_seed_004_percentage_of_trade_growth() -> None:
    text = seed_sentence("004", "38%")
    q = by_surface(text, "ar")["38%"]
    assert (q.kind, q.unit, q.value, q.approximate) == ("percent", "percent", 38, True)  # بأكثر من
    subject = subject_of(q)
    assert "trade" in subject.concepts and "growth" in subject.change


def test_seed_durations() -> None:
    q = by_surface(seed_sentence("001", "3 أيام"), "ar")["3 أيام"]
    assert (q.kind, q.unit, q.value) == ("duration", "day", 3)
    q = by_surface(seed_sentence("004", "20 عاماً"), "ar")["20 عاماً"]
    assert (q.kind, q.unit, q.value) == ("duration", "year", 20)


def test_years_and_relative_days_are_not_quantities() -> None:
    for prefix in ("000", "001", "002"):
        for claim in seed_claims(prefix):
            for q in extract_quantities(claim.text, "ar"):
                assert q.value not in (2020, 2021), q  # العام 2020 is a time
                assert "أمس" not in q.surface, q  # أول من أمس is a day, not a first


@pytest.mark.parametrize(
    ("text", "lang", "surface", "kind", "unit", "value", "approx"),
    [
        ("النفط يتخطى حاجز الـ80 دولارا", "ar", "80 دولارا", "money", "USD", 80, True),
        (
            "بتكوين تقفز  100 بالمئة بعد أن هوت لأدنى مستوى",
            "ar",
            "100 بالمئة",
            "percent",
            "percent",
            100,
            False,
        ),
        ("عرب های شیعه (۵۵%)، عرب های سنی (۲۵%)", "fa", "۵۵%", "percent", "percent", 55, False),
        ("التضخم في مصر ٣٨٪ هذا الشهر", "ar", "٣٨٪", "percent", "percent", 38, False),
        ("٣ مليار دولار لمصر وفق اتفاق جديد", "ar", "٣ مليار دولار", "money", "USD", 3e9, False),
        ("السعودية تقترض 10 مليارات ريال سعودي", "ar", "10 مليارات ريال سعودي", "money", "SAR", 1e10, False),
        ("قیمت دلار به ۲۵ هزار تومان رسید", "fa", "۲۵ هزار تومان", "money", "IRT", 25000, False),
        ("حجم مبادلات حدود پنج میلیارد دلار بود", "fa", "پنج میلیارد دلار", "money", "USD", 5e9, True),
        ("ذخایر نفت بیش از ۳۰۰ میلیارد بشکه", "fa", "۳۰۰ میلیارد بشکه", "cardinal", "barrel", 3e11, True),
        (
            "السعودية تمهل السفير الكندي 24 ساعة لمغادرة أراضيها",
            "ar",
            "24 ساعة",
            "duration",
            "hour",
            24,
            False,
        ),
        ("الصليب الأحمر يسحب 71 عامل إغاثة من اليمن", "ar", "71 عامل", "cardinal", None, 71, False),
        ("سحب حوالي 71 عامل إغاثة", "ar", "71 عامل", "cardinal", None, 71, True),
        ("prices rose about 5 percent", "ar", "5 percent", "percent", "percent", 5, True),
    ],
)
def test_units_currencies_and_hedges(
    text: str, lang: str, surface: str, kind: str, unit: str | None, value: float, approx: bool
) -> None:
    q = by_surface(text, lang)[surface]
    assert (q.kind, q.unit, q.value, q.approximate) == (kind, unit, pytest.approx(value), approx)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "value", "concept"),
    [
        ("ثالث زيارة له إلى موسكو", "ar", "ثالث زيارة", 3, "visit"),
        ("في زيارته الثالثة إلى موسكو", "ar", "الثالثة", 3, "visit"),
        ("للمرة الثانية خلال عام", "ar", "الثانية", 2, "occasion"),
        ("قالیباف در سومین سفر خارجی خود", "fa", "سومین سفر", 3, "visit"),
        ("برای اولین بار در تاریخ", "fa", "اولین بار", 1, "occasion"),
    ],
)
def test_ordinals(text: str, lang: str, surface: str, value: int, concept: str) -> None:
    q = by_surface(text, lang)[surface]
    assert (q.kind, q.value) == ("ordinal", value)
    assert concept in subject_of(q).concepts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("مخاوف من انتشار كوفيد-19 في المنطقة", "ar"),
        ("صفقة مقاتلات إف-35 مع الإمارات", "ar"),
        ("قمة G20 في الرياض", "ar"),
        ("۱- قوانین دینی ۲- نگرش توحیدی", "fa"),
        ("قالیباف که شب گذشته به روسیه سفر کرد", "fa"),
        ("بدأت الجلسة في تمام 10:30 صباحا", "ar"),
    ],
)
def test_codes_list_markers_fractions_and_times_are_not_quantities(text: str, lang: str) -> None:
    assert extract_quantities(text, lang) == []


def test_a_count_after_an_unspaced_colon_is_a_quantity() -> None:
    # eg_press headline (Mokattam clashes): the source, a colon without a space, then the count
    [q] = extract_quantities("الصحة:31 إصابة في اشتباكات المقطم", "ar")
    assert (q.value, q.surface) == (31, "31 إصابة")


def test_persian_fractions() -> None:
    # FarsTail val: "دو سوم مجموع نمایندگان" against "سه چهارم مجموع نمایندگان"
    [q] = extract_quantities("باید به تصویب دو سوم مجموع نمایندگان مجلس برسد", "fa")
    assert (q.surface, q.unit, q.value) == ("دو سوم", "fraction", pytest.approx(2 / 3))
    [q] = extract_quantities("نزدیک به یک چهارم ایران", "fa")
    assert (q.surface, q.value) == ("یک چهارم", 0.25)


def test_labels_name_the_numbered_item() -> None:
    qs = extract_quantities("طبق بند ۷ اصل ۱۱۰ قانون اساسی", "fa")
    assert [(q.value, subject_of(q).noun) for q in qs] == [(7, "بند"), (110, "اصل")]


def test_persian_words_do_not_match_arabic_concepts() -> None:
    # برای is not ب + رای ("vote"), دین ("religion") is not دين ("debt")
    for q in extract_quantities("کتاب سه جلدی «دین و دولت در ایران» برای دانشجویان", "fa"):
        assert not subject_of(q).concepts & {"votes", "debt"}


def test_surfaces_are_verbatim_slices_on_real_data() -> None:
    checked = 0
    for text in (*ans_sentences()[:600], *farstail_premises()[:400]):
        lang = "fa" if any(c in text for c in "پچژگکی") else "ar"
        for q in extract_quantities(text, lang):
            assert text[q.start : q.end] == q.surface and q.surface.strip() == q.surface
            checked += 1
    assert checked > 300


def test_whose_figure_comes_from_the_knowledge_base_and_a_newsrooms_own_file(tmp_path) -> None:
    from checker.facts import lexicon
    from checker.facts.context import Subject
    from checker.kb import load_kb

    text = "بلغت الصادرات الموريتانية للبلاد ملياري دولار"
    core = extract_quantities(text, "ar", lexicon.places(load_kb()))
    assert Subject.parse(core[0].subject).qualifiers == frozenset()  # Mauritania is not in the KB
    extra = tmp_path / "newsroom.yaml"
    extra.write_text(
        "entities:\n  - id: mauritania\n    type: place\n    names: {en: [Mauritania], ar: [موريتانيا]}\n"
        "    adjectives: {ar: [الموريتانية, الموريتاني]}\n",
        encoding="utf-8",
    )
    added = extract_quantities(text, "ar", lexicon.places(load_kb([extra])))
    assert Subject.parse(added[0].subject).qualifiers == {"mauritania"}
    capital = extract_quantities("بلغت صادرات موسكو ملياري دولار", "ar")
    assert Subject.parse(capital[0].subject).qualifiers == {"russia"}  # a capital reads as its country


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("وبلغ معدل البطالة بين الإناث 24.7٪ من إجمالى الإناث", "ar", "group:female"),
        ("معدل البطالة في الحضر بلغ 16.9٪ من إجمالى قوة العمل", "ar", "group:urban"),
        ("نرخ بیکاری در میان زنان ۲۰ درصد است", "fa", "group:female"),
        ("بلغ معدل البطالة 13.0٪ من إجمالي قوة العمل", "ar", None),
        # a group word without its preposition, beside another figure, says nothing of this one
        ("بلغت النسبة 54.8٪ (57.3٪ ذكور، 42.7٪ إناث) 33.8٪ بين حملة المؤهلات", "ar", None),
    ],
)
def test_the_population_group_of_a_rate(text: str, lang: str, group: str | None) -> None:
    last = extract_quantities(text, lang)[-1] if group is None else extract_quantities(text, lang)[0]
    groups = {q for q in Subject.parse(last.subject).qualifiers if q.startswith("group:")}
    assert groups == ({group} if group else set())


def test_a_bare_number_after_a_ratio_word_is_a_percentage() -> None:
    [people, share] = extract_quantities("بزيادة قدرها 18 ألف فرد بنسبة 0.4? مقارنة بالربع السابق", "ar")
    assert (people.kind, share.kind, share.value) == ("cardinal", "percent", 0.4)


def test_a_year_after_a_comparison_dates_the_other_periods_figure() -> None:
    from checker.facts.frames import frame_quantities
    from checker.facts.times import extract_times

    text = (
        "بلغ معدل البطالة 13.0٪ خلال الربع الحالي مقابل 12.5٪ خلال الربع السابق"
        " بينما كان 8.9٪ في نفس الربع من عام 2010"
    )
    framed = frame_quantities(text, "ar", extract_quantities(text, "ar"), extract_times(text, "ar"))
    assert [(f.quantity.value, f.year, f.compared) for f in framed] == [
        (13.0, None, False),
        (12.5, None, True),
        (8.9, 2010, True),
    ]


def test_and_a_half_after_the_unit_belongs_to_the_number() -> None:
    # El Dostor's headline and subheading of one story: the same 2.5 tons
    [headline] = extract_quantities("احباط تهريب 2 طن ونصف دقيق بالقناطر الخيريه", "ar")
    [subheading] = extract_quantities("ضبط سائق أثناء قيامة بتهريب 2.5 طن دقيق بلدي", "ar")
    assert (headline.value, headline.unit, headline.surface) == (2.5, "ton", "2 طن ونصف")
    assert (subheading.value, subheading.unit) == (2.5, "ton")
    [persian] = extract_quantities("جلسه ۳ ساعت و نیم طول کشید", "fa")
    assert (persian.value, persian.kind, persian.unit) == (3.5, "duration", "hour")
    # a half of something else is not the number's
    assert [q.value for q in extract_quantities("ضبط 2 طن ونصفهم من الدقيق", "ar")] == [2.0]
