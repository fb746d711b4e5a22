"""GitHub workflow commands: one annotation per claim, escaped as the runner unescapes them."""

from __future__ import annotations

import re

from checker.report import render
from checker.report.github import command, escape_data, escape_property
from checker.types import Report

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


def test_one_annotation_per_claim_location(seed_report: Report) -> None:
    lines = render(seed_report, "github").splitlines()
    assert len(lines) == 2 + 2 + 1  # two claims per finding, one skipped file
    parsed = [parse(line) for line in lines]
    assert [p[0] for p in parsed] == ["error", "error", "warning", "warning", "warning"]
    name, props, data = parsed[0]
    assert props == {
        "file": "seeds/000_1227f8ae13c2544c.txt",
        "line": "1",
        "endLine": "1",
        "title": "news-checker: entity (high, score 0.93)",
    }
    entity = seed_report.findings[1]
    headline, body = entity.claims
    assert data.split("\n") == [
        entity.explanation,
        f"headline here: {headline.text}",
        f"conflicts with seeds/000_1227f8ae13c2544c.txt:2 (body): {body.text}",
    ]
    # the second annotation sits on the body line and names the headline
    assert parsed[1][1]["line"] == "2"
    assert "conflicts with seeds/000_1227f8ae13c2544c.txt:1 (headline)" in parsed[1][2]
    # cross-language pair: the Persian claim names the Arabic article's line
    assert parsed[3][1]["file"] == "seeds/003_a2d14a08bef2f986.txt"
    assert "conflicts with seeds/002_705fd37aea0d53b1.txt:1 (body)" in parsed[3][2]


def test_skipped_files_are_warnings(seed_report: Report) -> None:
    last = render(seed_report, "github").splitlines()[-1]
    assert parse(last) == (
        "warning",
        {"file": "seeds/missing.txt", "title": "news-checker: file skipped"},
        "file not found",
    )


def test_every_line_is_one_command_even_with_hostile_text(hostile_report: Report) -> None:
    out = render(hostile_report, "github")
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(("::notice ", "::warning ")) for line in lines)
    _, props, data = parse(lines[-1])
    assert props["file"] == "a|b<script>.txt"
    assert data == "not text: <b>binary</b>"
