"""The terminal report: content, BiDi isolation, colour only when asked."""

from __future__ import annotations

import io
import os

import pytest

from checker.errors import UsageError
from checker.report import FORMATS, render, wants_color
from checker.report.text import PDI, RLI
from checker.types import Report


def test_every_format_renders_the_seed_report(seed_report: Report) -> None:
    for fmt in FORMATS:
        out = render(seed_report, fmt)
        assert out.endswith("\n"), fmt
        assert "خامنئي" in out, fmt


def test_unknown_format_is_a_usage_error(seed_report: Report) -> None:
    with pytest.raises(UsageError, match="unknown format 'yaml'"):
        render(seed_report, "yaml")


def test_text_shows_each_finding_with_both_claims_verbatim(seed_report: Report) -> None:
    out = render(seed_report, "text")
    blocks = out.split("\n\n")
    # most severe first, whatever order the pipeline gave
    assert blocks[1].startswith("[1] entity  high  score 0.93")
    assert blocks[2].startswith("[2] date  medium  score 0.64")
    entity = seed_report.findings[1]
    for claim in entity.claims:
        assert f"{claim.document}:{claim.span.line}  {claim.role.value}" in blocks[1]
        # logical order, verbatim, inside a right-to-left isolate
        assert f"{RLI}{claim.text}{PDI}" in blocks[1]
    assert "why: The headline names " in blocks[1]
    assert "judges: entity 0.93, nli 0.71" in blocks[1]


def test_rtl_words_in_explanations_are_isolated_so_the_english_keeps_its_order(seed_report: Report) -> None:
    out = render(seed_report, "text")
    assert f"names {RLI}الخميني{PDI} (Khomeini, died 1989)" in out
    assert f"({RLI}مساء أول من أمس{PDI})" in out


def test_text_ends_with_skipped_files_and_a_summary_line(seed_report: Report) -> None:
    lines = render(seed_report, "text").rstrip("\n").split("\n")
    assert lines[-1] == "Summary: 2 findings (1 high, 1 medium, 0 low) in 5 documents, 4 claims; 1 skipped."
    assert "    seeds/missing.txt: file not found" in lines


def test_no_colour_unless_asked(seed_report: Report) -> None:
    assert "\x1b[" not in render(seed_report, "text")
    coloured = render(seed_report, "text", color=True)
    assert "\x1b[1;31mhigh\x1b[0m" in coloured
    # the conflicting words are marked inside the isolate
    assert "\x1b[1;4;31mالخميني\x1b[0m" in coloured


def test_wants_color_needs_a_terminal_and_no_NO_COLOR(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
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


def test_bidi_none_prints_the_text_untouched(seed_report: Report) -> None:
    out = render(seed_report, "text", bidi="none")
    assert RLI not in out and PDI not in out
    for finding in seed_report.findings:
        for claim in finding.claims:
            assert f"        {claim.text}\n" in out


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
    assert "No conflicting claims found." in out
    assert out.rstrip().endswith("Summary: 0 findings (0 high, 0 medium, 0 low) in 0 documents, 0 claims.")
