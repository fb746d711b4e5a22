"""The JSON contract (docs/json-report.md), checked against the seed files themselves and validated
against its JSON Schema (checker/resources/report.schema.json, shipped in the wheel)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker import __version__
from checker.home import resource_path
from checker.report import render
from checker.report.json_report import CONTRACT_VERSION
from checker.types import Report

REPO = Path(__file__).resolve().parents[2]


def _load(report: Report) -> dict:
    return json.loads(render(report, "json"))


def test_top_level_keys_in_contract_order(seed_report: Report) -> None:
    data = _load(seed_report)
    assert list(data) == ["version", "tool_version", "documents", "findings", "stats", "skipped"]
    assert (data["version"], data["tool_version"]) == (CONTRACT_VERSION, "0.1.0")  # contract, tool
    assert data["skipped"] == [{"path": "seeds/missing.txt", "reason": "file not found"}]
    assert data["stats"] == {
        "candidate_pairs": 2,
        "claims": 4,
        "documents": 5,
        "nli_pairs_scored": 2,
        "seconds_embed": 0.25,
    }


def test_findings_carry_the_contract_fields(seed_report: Report) -> None:
    findings = _load(seed_report)["findings"]
    assert [f["id"] for f in findings] == ["f-date-002-003", "f-entity-000-0-1"]  # pipeline order
    for finding in findings:
        assert list(finding) == [
            "id",
            "kind",
            "title",
            "severity",
            "score",
            "summary",
            "likely_wrong",
            "reason",
            "claims",
            "changed_claims",
            "explanation",
            "evidence",
            "ledger",
        ]
        assert finding["severity"] in {"high", "medium", "low"}
        assert 0.0 <= finding["score"] <= 1.0
        assert finding["ledger"] is None and finding["changed_claims"] == []
        for claim in finding["claims"]:
            assert list(claim) == ["document", "line", "end_line", "start", "end", "role", "text"]
    entity = findings[1]
    assert (entity["title"], entity["likely_wrong"], entity["reason"]) == ("Names disagree", 0, "dead")
    assert entity["summary"].endswith("names Khamenei, and Khomeini died in 1989.")


def test_claim_text_is_the_verbatim_slice_of_the_file(seed_report: Report) -> None:
    for finding in _load(seed_report)["findings"]:
        for claim in finding["claims"]:
            source = (REPO / claim["document"]).read_text(encoding="utf-8")
            assert claim["text"] == source[claim["start"] : claim["end"]]
            assert claim["line"] == source.count("\n", 0, claim["start"]) + 1
    entity = _load(seed_report)["findings"][1]
    assert entity["claims"][0] == {
        "document": "seeds/000_1227f8ae13c2544c.txt",
        "line": 1,
        "end_line": 1,
        "start": 0,
        "end": len("موسكو.. بوتين يتلقى رسالة من الخميني"),
        "role": "headline",
        "text": "موسكو.. بوتين يتلقى رسالة من الخميني",
    }


def test_evidence_lists_each_judge_with_its_highlighted_words(seed_report: Report) -> None:
    entity = _load(seed_report)["findings"][1]
    judges = {e["judge"]: e for e in entity["evidence"]}
    assert set(judges) == {"entity", "nli"}
    assert [h["text"] for h in judges["entity"]["highlights"]] == ["الخميني", "خامنئي"]
    assert judges["nli"]["highlights"] == []


def test_documents_describe_each_article(seed_report: Report) -> None:
    documents = _load(seed_report)["documents"]
    assert [d["path"] for d in documents] == [d.path for d in seed_report.documents]
    first = documents[0]
    assert list(first) == [
        "path",
        "lang",
        "headline",
        "title",
        "date",
        "date_origin",
        "time",
        "outlet",
        "url",
        "encoding",
    ]
    assert first["headline"] == "موسكو.. بوتين يتلقى رسالة من الخميني"
    assert first["date"] is None and first["date_origin"] is None
    assert {d["lang"] for d in documents} == {"ar", "fa"}
    assert documents[2]["headline"] is None  # seed 002 has no headline line


def test_output_is_unescaped_utf8_and_byte_stable(seed_report: Report) -> None:
    out = render(seed_report, "json")
    assert "خامنئي" in out and "\\u" not in out
    assert out == render(seed_report, "json")


def test_non_finite_stats_become_null(seed_report: Report) -> None:
    report = replace(seed_report, stats={"seconds_nli": float("nan")})
    assert _load(report)["stats"] == {"seconds_nli": None}


def test_a_ledger_lists_every_value_with_its_claim_article_and_time(ledger_report: Report) -> None:
    [finding] = _load(ledger_report)["findings"]
    ledger = finding["ledger"]
    assert (ledger["measure"], ledger["verdict"], ledger["latest"], ledger["authoritative"]) == (
        "killed",
        "conflict",
        19,
        19,
    )
    assert [(e["value"], e["claim"], e["outlet"], e["published"]) for e in ledger["entries"]][:2] == [
        (14, 0, "outlet-a", "2013-02-26 08:00"),
        (18, 1, "outlet-b", "2013-02-26 09:00"),
    ]
    assert finding["claims"][ledger["entries"][0]["claim"]]["text"].startswith("وزارة الصحة: 14 حالة")
    assert (finding["likely_wrong"], finding["reason"]) == (0, "later-report")


@cache
def _schema_validator() -> Draft202012Validator:
    schema = json.loads(resource_path("report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["version"]["pattern"].startswith(f"^{CONTRACT_VERSION.split('.')[0]}\\.")
    assert f"/v{__version__}/" in schema["$id"]
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", ["seed_report", "ledger_report", "hostile_report"])
def test_reports_validate_against_the_shipped_json_schema(name: str, request: pytest.FixtureRequest) -> None:
    data = _load(request.getfixturevalue(name))
    assert [e.message for e in _schema_validator().iter_errors(data)] == []


def test_the_schema_rejects_what_the_contract_does_not_allow(seed_report: Report) -> None:
    data = _load(seed_report)
    data["findings"][0]["severity"] = "fatal"
    data["findings"][1]["claims"][0].pop("line")
    data["extra"] = 1
    messages = [e.message for e in _schema_validator().iter_errors(data)]
    assert any("'fatal' is not one of" in m for m in messages)
    assert any("'line' is a required property" in m for m in messages)
    assert any("'extra' was unexpected" in m for m in messages)


@pytest.mark.parametrize("name", ["seed_report", "ledger_report", "hostile_report"])
def test_each_jsonl_line_is_a_finding_of_the_schema(name: str, request: pytest.FixtureRequest) -> None:
    from checker.report import render

    report = request.getfixturevalue(name)
    schema = json.loads(resource_path("report.schema.json").read_text(encoding="utf-8"))
    finding = Draft202012Validator({**schema["$defs"]["finding"], "$defs": schema["$defs"]})
    lines = render(report, "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f.id for f in report.findings]
    for line in lines:
        assert [e.message for e in finding.iter_errors(json.loads(line))] == []
