"""Furniture and headline by shape, on small articles built from real sentences."""

from __future__ import annotations

from checker.ingest.layout import analyse
from checker.types import Span

PARA_1 = "وصل رئيس البرلمان الإيراني محمد باقر قاليباف إلى موسكو مساء أمس الأحد على رأس وفد برلماني."
PARA_2 = "وبلغ حجم التبادل التجاري بين إيران وروسيا نحو ملياري دولار فقط في العام 2020 بحسب الأرقام الرسمية."
HEADLINE = "بوتين يتلقى رسالة من الخميني في موسكو"


def _reasons(text: str, **kwargs: object) -> dict[str, str]:
    layout = analyse(text, **kwargs)  # type: ignore[arg-type]
    lines = text.split("\n")
    return {lines[n - 1].strip(): why for n, why in layout.reasons}


def _headline(text: str) -> str | None:
    span = analyse(text).headline
    return text[span.start : span.end] if span else None


def test_breadcrumb_and_kicker_above_the_headline() -> None:
    text = f"الرئيسية > أخبار > سياسة\nعاجل\n{HEADLINE}\n{PARA_1}\n{PARA_2}"
    assert _headline(text) == HEADLINE
    assert _reasons(text) == {"الرئيسية > أخبار > سياسة": "breadcrumb", "عاجل": "kicker or section"}


def test_short_headline_under_a_shorter_section_name() -> None:
    text = f"سياسة\nبوتين يستقبل رئيسي\n{PARA_1}"
    assert _headline(text) == "بوتين يستقبل رئيسي"


def test_document_opening_with_a_paragraph_has_no_headline() -> None:
    assert _headline(f"{PARA_1}\n{PARA_2}") is None


def test_related_block_in_the_body() -> None:
    related = "روسيا وإيران توقعان اتفاقية للتعاون في مجال الطاقة"
    text = f"{HEADLINE}\n{PARA_1}\nاقرأ أيضا:\n{related}\n{PARA_2}"
    assert _reasons(text) == {"اقرأ أيضا:": "label", related: "related link"}


def test_trailing_label_and_related_titles() -> None:
    titles = [
        "روسيا وإيران توقعان اتفاقية للتعاون في مجال الطاقة",
        "ظريف يلتقي لافروف في موسكو لبحث الملف النووي",
    ]
    text = "\n".join([HEADLINE, PARA_1, PARA_2, "", "مواضيع ذات صلة", *titles, "شارك"])
    reasons = _reasons(text)
    assert reasons == {"مواضيع ذات صلة": "label", **dict.fromkeys(titles, "related link"), "شارك": "trailing"}


def test_bare_label_over_related_titles_in_the_body() -> None:
    # "اقرأ أيضًا" without a colon, over the titles of other stories, then the article goes on:
    # the titles' dates and figures are of other stories (an adjournment "to 17 March")
    titles = [
        "«الاقتصادية» تؤجل محاكمة أحمد عز في «احتكار الحديد» لـ17 مارس",
        "تأجيل محاكمة أحمد عز وآخرين في قضية «احتكار الحديد» لجلسة 3 مارس",
    ]
    text = "\n".join([HEADLINE, PARA_1, "اقرأ أيضًا", *titles, PARA_2])
    assert _reasons(text) == {"اقرأ أيضًا": "label", **dict.fromkeys(titles, "related link")}


def test_short_line_over_one_subheading_is_kept() -> None:
    # one headline-shaped line under a short line may be a subheading over its paragraph
    subheading = "روسيا وإيران توقعان اتفاقية للتعاون في مجال الطاقة"
    text = "\n".join([HEADLINE, PARA_1, "تفاصيل", subheading, PARA_2])
    assert subheading not in _reasons(text)


def test_mid_body_near_copy_of_the_headline_is_kept() -> None:
    # one name changed: this is a claim to check against the headline, not furniture
    changed = "بوتين يتلقى رسالة من خامنئي في موسكو"
    text = f"{HEADLINE}\n{PARA_1}\n{changed}\n{PARA_2}"
    assert _reasons(text) == {}


def test_mid_body_exact_repeat_of_the_headline_is_furniture() -> None:
    text = f"{HEADLINE}\n{PARA_1}\n• {HEADLINE}\n{PARA_2}"
    assert _reasons(text) == {f"• {HEADLINE}": "related link"}
    text = f"{HEADLINE}\n{PARA_1}\n«{HEADLINE}»\n{PARA_2}"
    assert _reasons(text) == {f"«{HEADLINE}»": "headline repeat"}


def test_bullet_sentences_are_not_related_links() -> None:
    text = f"{HEADLINE}\n{PARA_1}\n- {PARA_2}"
    assert _reasons(text) == {}


def test_one_word_fragment_in_the_body() -> None:
    text = f"{HEADLINE}\n{PARA_1}\nإعلان\n{PARA_2}"
    assert _reasons(text) == {"إعلان": "fragment"}


def test_given_headline_makes_lines_above_it_furniture() -> None:
    text = f"الخليج والعالم\n{HEADLINE}\n\n{PARA_1}"
    start = text.index(HEADLINE)
    layout = analyse(text, headline=Span(start, start + len(HEADLINE), 2))
    assert layout.headline == Span(start, start + len(HEADLINE), 2)
    assert dict(layout.reasons) == {1: "kicker or section"}


def test_dateline_opening_the_first_paragraph() -> None:
    text = f"{HEADLINE}\nطهران - 30 ديسمبر 2019 - {PARA_1}"
    layout = analyse(text)
    assert layout.dateline is not None
    assert str(layout.dateline.date) == "2019-12-30"
    assert text[layout.dateline.start : layout.dateline.end] == "30 ديسمبر 2019"
    assert layout.reasons == ()  # the dateline stays part of its paragraph


def test_date_deep_in_the_body_is_not_the_document_date() -> None:
    text = f"{HEADLINE}\n{PARA_1}\n{PARA_2}\nوكان الاتفاق قد وقع في 30 ديسمبر 2019 في طهران بحضور الوزيرين."
    assert analyse(text).dateline is None
