"""The JSON contract of shared/DESIGN.md, checked against the seed files themselves."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from checker.report import render
from checker.types import Report

REPO = Path(__file__).resolve().parents[2]


def _load(report: Report) -> dict:
    return json.loads(render(report, "json"))


def test_top_level_keys_in_contract_order(seed_report: Report) -> None:
    data = _load(seed_report)
    assert list(data) == ["version", "documents", "findings", "stats", "skipped"]
    assert data["version"] == "0.1.0"
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
        assert list(finding) == ["id", "kind", "severity", "score", "claims", "explanation", "evidence"]
        assert finding["severity"] in {"high", "medium", "low"}
        assert 0.0 <= finding["score"] <= 1.0
        for claim in finding["claims"]:
            assert list(claim) == ["document", "line", "start", "end", "role", "text"]


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
    assert list(first) == ["path", "lang", "headline", "date", "date_origin", "time", "encoding"]
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
