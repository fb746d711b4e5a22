"""The shared pieces: highlights, directions, paths."""

from __future__ import annotations

from dataclasses import replace

from checker.report.common import (
    artifact_uri,
    direction,
    display_path,
    highlight_ranges,
    kind_info,
    rtl_runs,
    split_highlights,
    split_record,
)
from checker.types import Report, Verdict


def test_highlights_from_several_judges_merge_and_bad_spans_are_dropped(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    headline = entity.claims[0].text
    at = headline.index("الخميني")
    extra = Verdict(
        judge="nli",
        kind="contradiction",
        score=0.7,
        explanation="",
        highlights=((0, at - 3, at + 2), (0, 500, 600), (0, 9, 4), (7, 0, 3), (0, -5, 2)),
    )
    finding = replace(entity, evidence=(*entity.evidence, extra))
    assert highlight_ranges(finding, 0) == [(0, 2), (at - 3, at + len("الخميني"))]
    assert highlight_ranges(finding, 7) == []


def test_split_highlights_gives_back_the_text() -> None:
    text = "وصل إلى موسكو مساء أول من أمس، على رأس وفد"
    start = text.index("مساء")
    spans = [(start, start + len("مساء أول من أمس"))]
    parts = split_highlights(text, spans)
    assert "".join(piece for piece, _ in parts) == text
    assert [piece for piece, marked in parts if marked] == ["مساء أول من أمس"]
    assert split_highlights("", []) == [("", False)]
    assert split_highlights("abc", [(0, 3)]) == [("abc", True)]


def test_direction_comes_from_the_language_or_the_letters() -> None:
    assert direction("Putin", "fa") == "rtl"
    assert direction("بوتين", "other") == "rtl"
    assert direction("2021 Putin بوتين", "other") == "ltr"
    assert direction("2021", "other") == "ltr"


def test_rtl_runs_take_spaces_and_digits_between_rtl_letters() -> None:
    text = "The headline says «مساء أول من أمس 2», the other شب گذشته."
    runs = [text[s:e] for s, e in rtl_runs(text)]
    assert runs == ["مساء أول من أمس", "شب گذشته"]


def test_paths() -> None:
    assert split_record("feed.jsonl#12") == ("feed.jsonl", 12)
    assert split_record("news/#hashtag.txt") == ("news/#hashtag.txt", None)
    assert display_path(".\\news\\a.txt") == "news/a.txt"
    assert (
        artifact_uri("/elsewhere/خبر.txt", cwd="/work/project") == "file:///elsewhere/%D8%AE%D8%A8%D8%B1.txt"
    )
    assert artifact_uri("/work/project/news/a b.txt", cwd="/work/project") == "news/a%20b.txt"


def test_unknown_kinds_still_get_a_readable_rule() -> None:
    info = kind_info("quote-attribution")
    assert info.name == "QuoteAttribution"
    assert kind_info("entity").name == "EntityConflict"
