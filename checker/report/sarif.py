"""The SARIF 2.1.0 report, for code scanning (GitHub uploads it with upload-sarif).

One run; one rule per finding kind; one result per finding whose ``locations`` hold the first
claim and ``relatedLocations`` the others. ``partialFingerprints["findingId/v1"]`` carries the
finding's stable id so that code scanning tracks the same finding across runs even when lines move.

Offsets: ``charOffset``/``charLength`` and ``startColumn``/``endColumn`` count Unicode code points
of the decoded source text (Python string indices), and the run says so with
``columnKind: "unicodeCodePoints"``. For Arabic and Persian text, all in the Basic Multilingual
Plane, this equals UTF-16 code units; the two differ only around characters such as emoji.
Claims of a record inside a JSON/JSONL file (``file.jsonl#3``) have offsets into the record's
text, not the file, so their locations have no region; the record number and offsets go into the
physical location's properties and the verbatim text into the location's message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from checker.report.common import (
    TOOL_NAME,
    artifact_uri,
    column_of,
    documents_by_path,
    end_line,
    kind_info,
    split_record,
)
from checker.report.json_report import stats_dict
from checker.types import Claim, Document, Finding, Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "findingId/v1"

LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}


def _region(claim: Claim, doc: Document | None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": claim.span.line,
        "endLine": end_line(claim),
    }
    if doc is not None and doc.source[claim.span.start : claim.span.end] == claim.text:
        # Columns only when the offsets really point at the claim in the text we hold; SARIF
        # requires line/column and offset properties to describe the same region.
        region["startColumn"] = column_of(doc.source, claim.span.start)
        region["endColumn"] = column_of(doc.source, claim.span.end)
    region["charOffset"] = claim.span.start
    region["charLength"] = claim.span.end - claim.span.start
    region["snippet"] = {"text": claim.text}
    return region


def _location(claim: Claim, docs: Mapping[str, Document], artifacts: Mapping[str, int]) -> dict[str, Any]:
    file_path, record = split_record(claim.document)
    artifact: dict[str, Any] = {"uri": artifact_uri(file_path)}
    if file_path in artifacts:
        artifact["index"] = artifacts[file_path]
    physical: dict[str, Any] = {"artifactLocation": artifact}
    message = f"{claim.role.value} ({claim.lang})"
    if record is None:
        physical["region"] = _region(claim, docs.get(claim.document))
    else:
        # No region: SARIF regions address the file, and these offsets address the record.
        physical["properties"] = {
            "record": record,
            "line": claim.span.line,
            "start": claim.span.start,
            "end": claim.span.end,
        }
        message = f"record {record}, {message}: {claim.text}"
    return {"physicalLocation": physical, "message": {"text": message}}


def _rules(findings: tuple[Finding, ...]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    kinds: list[str] = []
    for finding in findings:
        if finding.kind not in kinds:
            kinds.append(finding.kind)
    rules = []
    for kind in kinds:
        info = kind_info(kind)
        rules.append(
            {
                "id": kind,
                "name": info.name,
                "shortDescription": {"text": info.title},
                "fullDescription": {"text": info.description},
                "help": {"text": info.description},
                "properties": {"tags": ["news", "fact-consistency"]},
            }
        )
    return rules, {kind: i for i, kind in enumerate(kinds)}


def _artifacts(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One artifact per file (records of one JSONL file share it), documents first."""
    files: dict[str, Document | None] = {}
    for doc in report.documents:
        files.setdefault(split_record(doc.path)[0], doc)
    for finding in report.findings:
        for claim in finding.claims:
            files.setdefault(split_record(claim.document)[0], None)
    artifacts = []
    for path, known in files.items():
        artifact: dict[str, Any] = {"location": {"uri": artifact_uri(path)}}
        if known is not None:
            artifact["encoding"] = known.encoding
            artifact["properties"] = {"lang": known.lang}
        artifacts.append(artifact)
    return artifacts, {path: i for i, path in enumerate(files)}


def _result(
    finding: Finding,
    rule_index: Mapping[str, int],
    docs: Mapping[str, Document],
    artifacts: Mapping[str, int],
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.kind,
        "ruleIndex": rule_index[finding.kind],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.explanation},
    }
    if finding.claims:
        result["locations"] = [_location(finding.claims[0], docs, artifacts)]
    related = []
    for number, claim in enumerate(finding.claims[1:], start=1):
        location = _location(claim, docs, artifacts)
        location["id"] = number
        related.append(location)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.id}
    result["properties"] = {
        "score": round(float(finding.score), 4),
        "severity": finding.severity.value,
        "judges": [{"judge": v.judge, "score": round(float(v.score), 4)} for v in finding.evidence],
    }
    return result


def _invocation(report: Report) -> dict[str, Any]:
    notifications = []
    for skipped in report.skipped:
        notifications.append(
            {
                "level": "warning",
                "message": {"text": f"skipped: {skipped.reason}"},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(skipped.path)}}}
                ],
            }
        )
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def sarif_dict(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    docs = documents_by_path(report)
    rules, rule_index = _rules(report.findings)
    artifacts, artifact_index = _artifacts(report)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.version,
                "rules": rules,
            }
        },
        "invocations": [_invocation(report)],
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_index, docs, artifact_index) for f in report.findings],
        "properties": {"stats": stats_dict(report)},
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n"
