"""Line shapes: what ingestion and claim extraction read a line as."""

from __future__ import annotations

import pytest

from checker.text.lines import (
    LineIndex,
    ends_sentence,
    is_blockquote,
    is_breadcrumb,
    is_bullet,
    is_headline_shaped,
    is_paragraph,
    label_colon,
    last_mark,
    markdown_content,
    markdown_heading_level,
    split_lines,
)


def test_split_lines_keeps_offsets_and_drops_carriage_returns() -> None:
    source = "عنوان الخبر\r\n\r\n  فقرة أولى.\nآخر"
    lines = split_lines(source)
    assert [(ln.number, ln.text) for ln in lines] == [
        (1, "عنوان الخبر"),
        (2, ""),
        (3, "  فقرة أولى."),
        (4, "آخر"),
    ]
    third = lines[2]
    assert source[third.start : third.end] == third.text
    assert source[slice(*third.content)] == "فقرة أولى." and third.indent == 2
    assert lines[1].blank and not third.blank


def test_line_index_maps_offsets_to_lines() -> None:
    source = "a\nbb\n\nccc"
    index = LineIndex(source)
    assert [index.line_of(source.index(x)) for x in ("a", "bb", "ccc")] == [1, 2, 4]


def test_sentence_ends_and_closing_quotes() -> None:
    assert ends_sentence("قال إن الزيارة مهمة.»") and last_mark("قال «نعم»") == "م"
    assert ends_sentence("هل انتهت الأزمة؟") and not ends_sentence("بوتين يتلقى رسالة من خامنئي")


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("موسكو.. بوتين يتلقى رسالة من الخميني", True),
        ("هل تنتهي الأزمة؟", True),
        ("قام رئيس البرلمان بتسليم رسالة.", False),  # a full stop: a sentence
        ("كلمة", False),  # one word: a kicker at most
        ("- بند في قائمة طويلة", False),
    ],
)
def test_headline_shape(text: str, headline: bool) -> None:
    assert is_headline_shaped(text) is headline


def test_paragraphs_bullets_breadcrumbs_labels() -> None:
    assert is_paragraph("وقال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في العاصمة.")
    assert not is_paragraph("اقرأ أيضا")
    assert is_bullet("• أول بند") and not is_bullet("•بلا مسافة")
    assert is_breadcrumb("الرئيسية > أخبار > سياسة")
    assert label_colon("المصدر: وكالة الأنباء") == ("المصدر", "وكالة الأنباء")
    assert label_colon("بلا نقطتين") is None


def test_markdown_lines() -> None:
    [heading, item, quote] = split_lines("## عنوان فرعي ##\n- بند **مهم**\n> اقتباس")
    assert markdown_heading_level(heading.text) == 2 and markdown_heading_level(item.text) == 0
    assert heading.text[slice(*(x - heading.start for x in markdown_content(heading)))] == "عنوان فرعي"
    assert item.text[slice(*(x - item.start for x in markdown_content(item)))] == "بند **مهم**"
    assert is_blockquote(quote.text)
