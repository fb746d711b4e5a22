"""The number parser: property tests through every digit system and through generated number
words, and table tests on numbers as the seeds, ANS and FarsTail write them."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from facts_data import ans_sentences, farstail_premises
from hypothesis import given
from hypothesis import strategies as st

from checker.facts.numbers import find_numbers, parse_number, parse_numeral
from checker.facts.render import digits, spell, spell_ar, spell_fa, with_scale
from checker.text.digits import DIGIT_SYSTEMS, to_system

# ----------------------------------------------------------------------------- properties


@given(
    n=st.integers(min_value=0, max_value=10**13), system=st.sampled_from(DIGIT_SYSTEMS), group=st.booleans()
)
def test_integers_round_trip_through_every_digit_system(n: int, system: str, group: bool) -> None:
    text = digits(n, system, group=group)
    assert parse_number(text, "ar") == n
    assert parse_number(text, "fa") == n


@given(
    value=st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999.999"), places=3),
    system=st.sampled_from(DIGIT_SYSTEMS),
)
def test_decimals_round_trip_through_every_digit_system(value: Decimal, system: str) -> None:
    text = digits(float(value), system, decimals=3)
    assert parse_number(text, "ar") == pytest.approx(float(value))


@given(text=st.sampled_from(["1.3", "1,300", "2,500,000.5", "0.25"]), system=st.sampled_from(DIGIT_SYSTEMS))
def test_separators_follow_the_digit_system(text: str, system: str) -> None:
    # ١٫٣ uses the Arabic decimal separator, ١٬٣٠٠ the Arabic thousands separator
    assert parse_number(to_system(text, system), "fa") == parse_number(text, "fa")


@given(
    n=st.one_of(
        st.integers(min_value=0, max_value=1000),
        st.integers(min_value=0, max_value=10**12 - 1),
        st.integers(min_value=1, max_value=999).map(lambda k: k * 10**9),
    ),
    feminine=st.booleans(),
    oblique=st.booleans(),
    construct=st.booleans(),
)
def test_arabic_number_words_round_trip(n: int, feminine: bool, oblique: bool, construct: bool) -> None:
    words = spell_ar(n, feminine=feminine, oblique=oblique, construct=construct)
    assert parse_number(words, "ar") == n, words


@given(n=st.integers(min_value=0, max_value=10**12 - 1), one_thousand=st.booleans())
def test_persian_number_words_round_trip(n: int, one_thousand: bool) -> None:
    words = spell_fa(n, one_thousand=one_thousand)
    assert parse_number(words, "fa") == n, words


@given(
    mantissa=st.decimals(min_value=Decimal("1"), max_value=Decimal("999.9"), places=1),
    scale=st.sampled_from([10**3, 10**6, 10**9]),
    lang=st.sampled_from(["ar", "fa"]),
    system=st.sampled_from(DIGIT_SYSTEMS),
)
def test_digits_with_a_scale_word_round_trip(mantissa: Decimal, scale: int, lang: str, system: str) -> None:
    value = float(mantissa) * scale
    text = with_scale(value, lang, system)
    assert text is not None
    assert parse_number(text, lang) == pytest.approx(value)


@given(seed=st.integers(min_value=0, max_value=2**32), n=st.integers(min_value=1, max_value=10**11))
def test_random_word_forms_round_trip(seed: int, n: int) -> None:
    rng = random.Random(seed)
    for lang in ("ar", "fa"):
        assert parse_number(spell(n, lang, rng), lang) == n


# ----------------------------------------------------------------------------- tables

ISSUE_FORMS = [
    ("1.3", "ar", 1.3),
    ("١٫٣", "ar", 1.3),
    ("۱٫۳", "fa", 1.3),
    ("1,300", "ar", 1300),
    ("١٬٣٠٠", "ar", 1300),
    ("ملياري", "ar", 2e9),
    ("مليارين", "ar", 2e9),
    ("ملياران", "ar", 2e9),
    ("ثلاثة مليارات", "ar", 3e9),
    ("دو میلیارد", "fa", 2e9),
    ("پنج میلیون", "fa", 5e6),
    ("2 مليار", "ar", 2e9),
    ("۲ میلیارد", "fa", 2e9),
]


@pytest.mark.parametrize(("text", "lang", "value"), ISSUE_FORMS)
def test_the_forms_the_issue_names(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == pytest.approx(value)


# numbers as real headlines and premises write them (ANS stance_train, FarsTail train)
REAL = [
    ("السعودية تعلن ضبط مليون و800 ألف مخالف لأنظمة الإقامة والعمل", "ar", "مليون و800 ألف", 1.8e6),
    ("منظر طبيعي من أعمال فان غوخ الأولى يباع بـ 8.2 ملايين دولار", "ar", "8.2 ملايين", 8.2e6),
    ("العجز الأميركي يصل ل ٧٧ مليار", "ar", "٧٧ مليار", 77e9),
    ("إسرائيل تمنح أكثر من 16 ألف طالب لجوء حق الإقامة الدائمة", "ar", "16 ألف", 16000),
    ("قرابة نصف مليار يورو من فرنسا لصالح لبنان", "ar", "نصف مليار", 5e8),
    ("قاآنی علاوه بر دیوان اشعارش که در حدود هفده هزار بیت است", "fa", "هفده هزار", 17000),
    ("این منظومه شامل بیش از چهارده‌هزار بیت در قالب مثنوی می‌باشد", "fa", "چهارده‌هزار", 14000),
    ("گستره عراق ۴۳۸٬۳۱۷ کیلومتر مربع است", "fa", "۴۳۸٬۳۱۷", 438317),
    # real Egyptian verdict coverage (eg_press_2013): one amount written in two parts
    ("وتغريمه مبلغ 372 مليون، و700 ألف جنيه", "ar", "372 مليون، و700 ألف", 372.7e6),
    ("قتل 5 آلاف، و300 جريح", "ar", "5 آلاف", 5000),
    # a scale word after a scale word multiplies the whole (Fars News): not "ten thousand and one billion"
    ("كاهش نرخ سود بانكي با وجود كسري بودجه ده هزار ميليارد ريالي", "fa", "ده هزار ميليارد", 1e13),
    ("انتقال آب از خلیج فارس با ۴۷ هزار میلیارد تومان اعتبار", "fa", "۴۷ هزار میلیارد", 4.7e13),
    ("برابر با ۲۸٫۳۴۹۵۲۳۱۲۵ گرم می‌شود", "fa", "۲۸٫۳۴۹۵۲۳۱۲۵", 28.349523125),
]


@pytest.mark.parametrize(("sentence", "lang", "surface", "value"), REAL)
def test_numbers_in_real_sentences(sentence: str, lang: str, surface: str, value: float) -> None:
    found = {sentence[m.start : m.end]: m.value for m in find_numbers(sentence, lang)}
    assert found.get(surface) == pytest.approx(value), found


def test_a_run_with_mixed_separators_is_read_up_to_its_second_separator() -> None:
    # eg_press 2013 (it stopped a 20,000-article run with "could not convert string to float"):
    # the days 26, 27 and 28 of January, written with a comma and then a dot
    sentence = "التحقيقات التي شهدتها بورسعيد أيام 26,27.28 يناير الماضي"
    assert [m.value for m in find_numbers(sentence, "ar")] == [pytest.approx(26.27)]
    assert parse_numeral("26,27.28") == parse_numeral("26.27.28") == parse_numeral("26.27")
    assert parse_numeral("1,123.45.6").value == 1123  # "1,123", up to the second separator


@given(
    st.lists(
        st.tuples(st.sampled_from([",", "."]), st.text("0123456789", min_size=1, max_size=4)), max_size=5
    )
)
def test_any_digit_run_with_separators_has_a_value(groups: list[tuple[str, str]]) -> None:
    run = "7" + "".join(sep + digits for sep, digits in groups)
    assert parse_numeral(run).value >= 0


def test_a_dual_that_lost_its_nun_before_its_noun_is_two() -> None:
    # ANS stance_dev: "مليارا دولار لمصر من النقد الدولي" paraphrases "2 مليار دولار"
    assert parse_number("مليارا", "ar") == 2e9
    assert parse_number("عشرون ألفا", "ar") == 20000  # after a count, the same ending is accusative


def test_plural_scale_words_alone_are_not_numbers() -> None:
    assert find_numbers("خسائر بملايين الدولارات", "ar") == []


def test_persian_function_words_are_not_numbers_in_running_text() -> None:
    # نه is "no" and یک the indefinite article unless a number phrase holds them
    assert find_numbers("نه تنها ایران بلکه یک کشور دیگر", "fa") == []
    assert [m.value for m in find_numbers("نه میلیون نفر", "fa")] == [9e6]


@pytest.mark.parametrize(
    ("text", "lang", "precision"),
    [
        ("ملياري", "ar", 1e9),
        ("1.3 مليار", "ar", 1e8),
        ("71", "ar", 1),
        ("۲٫۵", "fa", 0.1),
        ("ثلاثة آلاف", "ar", 1e3),
    ],
)
def test_precision_is_the_last_written_digit(text: str, lang: str, precision: float) -> None:
    [m] = find_numbers(text, lang)
    assert m.precision == pytest.approx(precision)


def test_offsets_are_verbatim_on_real_data() -> None:
    for text in (*ans_sentences()[:400], *farstail_premises()[:300]):
        lang = "fa" if any(c in text for c in "پچژگکی") else "ar"
        for m in find_numbers(text, lang):
            surface = text[m.start : m.end]
            assert surface == surface.strip() and surface, (text, m)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("ننظر إلى هذه المائة وتسعين مليون دولار كدفعة مقدمة", [190_000_000]),
        ("الخمسة عشر متهما في القضية", [15]),
        # alone, with the article, these are weekdays: Sunday, then ten people
        ("يوم الأحد عشرة أشخاص", [10]),
        ("يوم الخميس 5 مارس", [5]),
    ],
)
def test_a_number_word_with_the_article_opens_a_compound_only(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text, "ar")] == values


def test_the_mena_agency_decimal_is_written_fraction_first() -> None:
    # akhbarelyomgate (MENA copy) against ElWatan's "2.6 ... مقابل 2.1" for the same report
    text = "ارتفاع نسبة العجز الأولي ليبلغ 6ر2 نقطة مئوية خلال 7 شهور مقابل 1ر2 نقطة مئوية"
    assert [(m.value, text[m.start : m.end]) for m in find_numbers(text, "ar")] == [
        (2.6, "6ر2"),
        (7.0, "7"),
        (2.1, "1ر2"),
    ]
    assert [m.value for m in find_numbers("بلغ 25ر1 مليار جنيه", "ar")] == [1.25e9]
    # a ر that is a word, spaced, is not a decimal point
    assert [m.value for m in find_numbers("العدد 6 ر 2", "ar")] == [6.0, 2.0]
