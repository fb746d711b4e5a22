"""The terminal report: content, BiDi isolation, colour only when asked."""

from __future__ import annotations

import io
import os
from dataclasses import replace

import pytest

from checker.errors import UsageError
from checker.report import FORMATS, render, wants_color
from checker.report.common import highlight_ranges, split_highlights
from checker.report.text import MARK_CLOSE, MARK_OPEN, PDI, RLI
from checker.types import Finding, Report


def test_every_format_renders_the_seed_report(seed_report: Report) -> None:
    for fmt in FORMATS:
        out = render(seed_report, fmt)
        assert out.endswith("\n"), fmt
        # annotations sit on the lines themselves: their messages name people, not quote them
        assert ("Khamenei" if fmt == "github" else "خامنئي") in out, fmt


def test_unknown_format_is_a_usage_error(seed_report: Report) -> None:
    with pytest.raises(UsageError, match="unknown format 'yaml'"):
        render(seed_report, "yaml")


def marked(finding: Finding, position: int) -> str:
    """The claim's verbatim text with the judges' spans between [[ and ]] (the text report without
    colour)."""
    claim = finding.claims[position]
    return "".join(
        f"{MARK_OPEN}{piece}{MARK_CLOSE}" if on else piece
        for piece, on in split_highlights(claim.text, highlight_ranges(finding, position))
    )


def test_text_shows_each_finding_in_plain_words_with_its_claims(seed_report: Report) -> None:
    out = render(seed_report, "text")
    blocks = out.split("\n\n")
    # most severe first, whatever order the pipeline gave
    assert blocks[1].startswith("[1] HIGH  Names disagree  (entity)\n")
    assert blocks[2].startswith("[2] MEDIUM  Dates disagree  (date)\n")
    entity = seed_report.findings[1]
    lines = blocks[1].split("\n")
    assert lines[1] == (
        "    The headline of 000_1227f8ae13c2544c.txt names Khomeini as the sender of the letter; "
        "1 claim in the same article names Khamenei, and Khomeini died in 1989."
    )
    assert lines[2] == "    seeds/000_1227f8ae13c2544c.txt:1  headline  <- probably wrong"
    assert lines[4] == "    seeds/000_1227f8ae13c2544c.txt:2  body"
    for position in range(len(entity.claims)):
        # logical order, verbatim but for the [[marks]], inside a right-to-left isolate
        assert f"        {RLI}{marked(entity, position)}{PDI}\n" in blocks[1]
    assert "    entity judge (0.93): The headline names " in blocks[1]
    assert "    nli judge (0.71): contradiction 0.71" in blocks[1]
    assert lines[-1] == "    score 0.93  id f-entity-000-0-1"


def test_a_hub_shows_a_few_counterparts_and_lists_the_rest(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    others = tuple(
        replace(entity.claims[1], id=f"c{n}", span=replace(entity.claims[1].span, line=n))
        for n in range(2, 9)
    )
    verdicts = tuple(
        replace(
            entity.evidence[0],
            highlights=(
                (0, *entity.evidence[0].highlights[0][1:]),
                (n, *entity.evidence[0].highlights[1][1:]),
            ),
        )
        for n in range(1, 8)
    )
    hub = replace(entity, claims=(entity.claims[0], *others), evidence=verdicts)
    out = render(replace(seed_report, findings=(hub,)), "text")
    assert out.count("seeds/000_1227f8ae13c2544c.txt:") == 1 + 3 + 4  # the suspect, 3 quoted, 4 listed
    assert "... 4 more claims: seeds/000_1227f8ae13c2544c.txt:5, " in out
    assert "entity judge (0.93; 6 more like it)" in out
    verbose = render(replace(seed_report, findings=(hub,)), "text", verbosity="verbose")
    assert "more claims" not in verbose and verbose.count("entity 0.93:") == 7


def test_a_figure_ledger_is_a_compact_table(ledger_report: Report) -> None:
    out = render(ledger_report, "text")
    assert "    Killed: 14 in 1 article (outlet-a, 08:00), against 19 in 3 articles, 18 in 1; " in out
    table = out[out.index("    Killed, by value:") :].split("\n")
    assert table[1].split() == ["value", "articles", "given", "as", "reported", "outlets"]
    assert table[2].split()[:4] == [">", "14", "1", "exact"]
    assert table[3].split()[:3] == ["19", "3", "exact,"] and table[3].endswith("latest, official")


def test_quiet_prints_the_findings_only(seed_report: Report) -> None:
    quiet = render(seed_report, "text", verbosity="quiet")
    assert quiet.startswith("[1] HIGH") and "Summary" not in quiet and "Skipped" not in quiet
    empty = Report(version="0.1.0", documents=(), claims=(), findings=(), skipped=())
    assert render(empty, "text", verbosity="quiet") == ""


def test_text_ends_with_skipped_files_and_a_summary_line(seed_report: Report) -> None:
    lines = render(seed_report, "text").rstrip("\n").split("\n")
    assert lines[-1] == "Summary: 2 findings (1 high, 1 medium, 0 low) in 5 documents, 4 claims; 1 skipped."
    assert "    seeds/missing.txt: file not found" in lines


def test_no_colour_unless_asked_and_marks_without_it(seed_report: Report) -> None:
    plain = render(seed_report, "text")
    assert "\x1b[" not in plain
    assert f"{MARK_OPEN}الخميني{MARK_CLOSE}" in plain  # a CI log still shows the differing words
    coloured = render(seed_report, "text", color=True)
    assert "\x1b[1;31mHIGH\x1b[0m" in coloured
    # the conflicting words are marked inside the isolate, by colour alone
    assert "\x1b[1;4;31mالخميني\x1b[0m" in coloured and MARK_OPEN not in coloured


def test_wants_color_needs_a_terminal_and_no_NO_COLOR(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert not wants_color(io.StringIO())
    leader, follower = os.openpty()
    try:
        with open(follower, "w", closefd=False) as tty:
            assert wants_color(tty)
            monkeypatch.setenv("NO_COLOR", "1")
            assert not wants_color(tty)
            monkeypatch.setenv("NO_COLOR", "")  # no-color.org: an empty value does not count
            assert wants_color(tty)
            monkeypatch.setenv("TERM", "dumb")
            assert not wants_color(tty)
    finally:
        os.close(leader)
        os.close(follower)
    monkeypatch.setenv("FORCE_COLOR", "1")  # a CI log that shows colour, though no terminal
    assert wants_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
    assert not wants_color(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "0")
    monkeypatch.delenv("NO_COLOR")
    assert not wants_color(io.StringIO())


def test_bidi_none_prints_the_text_untouched(seed_report: Report) -> None:
    out = render(seed_report, "text", bidi="none")
    assert RLI not in out and PDI not in out
    for finding in seed_report.findings:
        for position in range(len(finding.claims)):
            assert f"        {marked(finding, position)}\n" in out


def test_bidi_visual_reorders_and_shapes_for_terminals_without_bidi(seed_report: Report) -> None:
    bidi = pytest.importorskip("bidi")
    reshaper = pytest.importorskip("arabic_reshaper")
    out = render(seed_report, "text", bidi="visual")
    headline = seed_report.findings[1].claims[0].text
    expected = bidi.get_display(reshaper.reshape(headline), base_dir="R")
    assert f"        {expected}\n" in out
    assert headline not in out  # no longer logical order
    assert "marked:" in out


def test_unknown_bidi_mode_is_a_usage_error(seed_report: Report) -> None:
    with pytest.raises(UsageError, match="bidi mode"):
        render(seed_report, "text", bidi="mirror")


def test_no_findings_still_gives_a_summary() -> None:
    empty = Report(version="0.1.0", documents=(), claims=(), findings=(), skipped=())
    out = render(empty, "text")
    assert "Nothing was checked: no article could be read." in out  # not "no conflicting claims"
    assert out.rstrip().endswith("Summary: 0 findings (0 high, 0 medium, 0 low) in 0 documents, 0 claims.")


def test_no_findings_in_articles_read_say_so(seed_report: Report) -> None:
    clean = replace(seed_report, findings=(), skipped=())
    for fmt in ("text", "markdown", "html"):
        assert "No conflicting claims found." in render(clean, fmt), fmt
    assert "in 5 documents, 4 claims." in render(clean, "text")
