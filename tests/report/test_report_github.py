"""GitHub workflow commands: one annotation per finding on the line to edit, capped as GitHub shows
them, escaped as the runner unescapes them; the exact output is kept in golden files."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from checker.report import render
from checker.report.github import command, escape_data, escape_property
from checker.types import Report

REPO = Path(__file__).resolve().parents[2]

# The runner's own parsing (actions/runner ActionCommand.TryParseV2): split "::name props::data",
# props on ",", each on the first "=", then undo the escapes (%25 last, so "%253A" stays "%3A").
_COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>.*?))?::(?P<data>.*)$")


def _unescape(value: str, prop: bool) -> str:
    value = value.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = _COMMAND.match(line)
    assert match is not None, line
    props = {}
    for pair in (match["props"] or "").split(","):
        if pair:
            key, _, value = pair.partition("=")
            props[key] = _unescape(value, prop=True)
    return match["name"], props, _unescape(match["data"], prop=False)


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    assert escape_property("%3A") == "%253A"  # an escape-looking string survives the round trip
    tricky = "x:y,z%0A\n%"
    name, props, data = parse(command("notice", tricky, file="a,b:c.txt", title=tricky))
    assert (name, props, data) == ("notice", {"file": "a,b:c.txt", "title": tricky}, tricky)


GOLDEN = Path(__file__).with_name("golden")


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotation paths are relative to the top of the repository the run starts in."""
    monkeypatch.chdir(REPO)


def _golden(name: str, text: str) -> None:
    """``text`` must equal tests/report/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_one_annotation_per_finding_on_the_line_to_edit(seed_report: Report) -> None:
    out = render(seed_report, "github")
    _golden("seed_report.github", out)
    lines = out.splitlines()
    parsed = [parse(line) for line in lines[:-1]]
    assert [p[0] for p in parsed] == ["error", "warning", "warning"]  # two findings, one skipped file
    name, props, data = parsed[0]
    assert props == {
        "file": "seeds/000_1227f8ae13c2544c.txt",
        "line": "1",
        "endLine": "1",
        "title": "news-checker: Names disagree (high)",
    }
    assert data.split("\n") == [
        "The headline of 000_1227f8ae13c2544c.txt names Khomeini as the sender of the letter; "
        "1 claim in the same article names Khamenei, and Khomeini died in 1989.",
        "Other claims: seeds/000_1227f8ae13c2544c.txt:2.",
        "(entity, score 0.93, id f-entity-000-0-1)",
    ]
    assert lines[-1] == "news-checker: 2 findings (1 high, 1 medium, 0 low) in 5 documents; 1 skipped"


def test_a_ledger_is_one_annotation_on_the_odd_value(ledger_report: Report) -> None:
    out = render(ledger_report, "github")
    _golden("ledger_report.github", out)
    [annotation, summary] = out.splitlines()
    name, props, data = parse(annotation)
    assert (name, props["file"], props["line"]) == ("error", "examples/balloon-crash/a-0800.json", "1")
    assert data.startswith("Killed: 14 in 1 article (outlet-a, 08:00), against 19 in 3 articles, 18 in 1;")
    assert "Other claims: examples/balloon-crash/b-0900.json:1, " in data and "and 0 more" not in data


def test_under_changed_since_the_annotation_sits_on_the_changed_claim(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    report = replace(seed_report, findings=(replace(entity, changed=(1,)),), skipped=())
    _, props, data = parse(render(report, "github").splitlines()[0])
    assert props["line"] == "2"  # the edited body line, not the headline
    assert "Other claims: seeds/000_1227f8ae13c2544c.txt:1." in data


def test_annotations_are_capped_at_ten_per_level_with_a_count_of_the_rest(seed_report: Report) -> None:
    entity, date = seed_report.findings[1], seed_report.findings[0]
    many = tuple(replace(entity, id=f"high-{n}") for n in range(12)) + (date,)
    lines = render(replace(seed_report, findings=many), "github").splitlines()
    errors = [parse(line) for line in lines if line.startswith("::error")]
    assert len(errors) == 10
    assert errors[-1][1]["title"] == "news-checker: 3 more"
    assert errors[-1][2].startswith("3 more at this level are not annotated")
    warnings = [line for line in lines if line.startswith("::warning")]
    assert len(warnings) == 2  # the medium finding and the skipped file
    assert lines[-1].startswith("news-checker: 13 findings (12 high, 1 medium, 0 low)")


def test_skipped_files_are_warnings(seed_report: Report) -> None:
    last = render(seed_report, "github").splitlines()[-2]
    assert parse(last) == (
        "warning",
        {"file": "seeds/missing.txt", "title": "news-checker: file skipped"},
        "file not found",
    )


def test_every_line_is_one_command_even_with_hostile_text(hostile_report: Report) -> None:
    out = render(hostile_report, "github")
    lines = out.splitlines()
    assert len(lines) == 3
    assert [line.split(" ")[0] for line in lines[:-1]] == ["::warning", "::notice"]  # by level
    assert lines[-1].startswith("news-checker: 1 finding")
    _, props, data = parse(lines[0])
    assert props["file"] == "a|b<script>.txt"
    assert data == "not text: <b>binary</b>"
