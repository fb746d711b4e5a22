"""The SARIF 2.1.0 report, for code scanning (GitHub uploads it with upload-sarif).

One run; one rule per finding kind (id ``news-checker/<kind>``, with what to do about it and a
link to docs/findings.md); one result per finding, whose message is its plain sentence, whose
``locations`` hold the claim that needs the edit (the one most likely wrong, or under
``--changed-since`` the changed one) and ``relatedLocations`` the others (for a figure ledger,
each with the value it gives). ``partialFingerprints["findingId/v1"]`` carries the finding's stable
id so that code scanning tracks the same finding across runs even when lines move.

Paths: every ``artifactLocation`` is relative to ``%SRCROOT%`` (``uriBaseId``), the top of the git
work tree the run starts in (``originalUriBaseIds`` gives it as a ``file://`` URI), so a run from
``content/`` names ``content/a.txt`` as code scanning expects; a file outside it has an absolute
``file://`` URI.

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
from urllib.parse import quote

from checker.report.common import (
    PROJECT_URL,
    TOOL_NAME,
    artifact_uri,
    column_of,
    documents_by_path,
    end_line,
    kind_info,
    project_root,
    split_record,
)
from checker.report.json_report import ledger_dict, stats_dict
from checker.report.plain import describe, number_text
from checker.types import Claim, Document, Finding, Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "findingId/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}


def rule_id(kind: str) -> str:
    return f"{TOOL_NAME}/{kind}"


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


class _Places:
    """Artifact locations relative to %SRCROOT%, with their index in ``run.artifacts``."""

    def __init__(self, report: Report) -> None:
        self.root = project_root([d.path for d in report.documents])
        files: dict[str, Document | None] = {}
        for doc in report.documents:
            files.setdefault(split_record(doc.path)[0], doc)
        for finding in report.findings:
            for claim in finding.claims:
                files.setdefault(split_record(claim.document)[0], None)
        self.files = files
        self.index = {path: i for i, path in enumerate(files)}

    def artifact(self, path: str) -> dict[str, Any]:
        uri = artifact_uri(path, root=self.root)
        location: dict[str, Any] = {"uri": uri}
        if not uri.startswith("file:"):
            location["uriBaseId"] = SRCROOT
        if path in self.index:
            location["index"] = self.index[path]
        return location

    def artifacts(self) -> list[dict[str, Any]]:
        out = []
        for path, known in self.files.items():
            artifact: dict[str, Any] = {
                "location": {k: v for k, v in self.artifact(path).items() if k != "index"}
            }
            if known is not None:
                artifact["encoding"] = known.encoding
                artifact["properties"] = {"lang": known.lang}
            out.append(artifact)
        return out

    def base_ids(self) -> dict[str, Any]:
        root = self.root.rstrip("/") + "/"
        return {
            SRCROOT: {
                "uri": "file://" + quote(root, safe="/"),
                "description": {"text": "the top of the git work tree"},
            }
        }


def _location(claim: Claim, docs: Mapping[str, Document], places: _Places, note: str = "") -> dict[str, Any]:
    file_path, record = split_record(claim.document)
    physical: dict[str, Any] = {"artifactLocation": places.artifact(file_path)}
    message = f"{claim.role.value} ({claim.lang})" + (f": {note}" if note else "")
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


def _rules(findings: tuple[Finding, ...], version: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    kinds: list[str] = []
    for finding in findings:
        if finding.kind not in kinds:
            kinds.append(finding.kind)
    rules = []
    for kind in kinds:
        info = kind_info(kind)
        rules.append(
            {
                "id": rule_id(kind),
                "name": info.name,
                "shortDescription": {"text": info.title},
                "fullDescription": {"text": info.description},
                "help": {
                    "text": info.help or info.description,
                    "markdown": f"**{info.title}.** {info.description}\n\n{info.help or ''}".rstrip(),
                },
                "helpUri": f"{PROJECT_URL}/blob/v{version}/docs/findings.md#{kind}",
                "properties": {"tags": ["news", "fact-consistency"], "kind": kind},
            }
        )
    return rules, {kind: i for i, kind in enumerate(kinds)}


def _notes(finding: Finding) -> dict[int, str]:
    """What each claim of a ledger gives: '19 (exact, 2013-02-26 08:13, elfagr)'."""
    if finding.ledger is None:
        return {}
    notes: dict[int, str] = {}
    for entry in finding.ledger.entries:
        said = [entry.status, *(x for x in (entry.published, entry.outlet) if x)]
        notes.setdefault(entry.claim, f"gives {number_text(entry.value)} ({', '.join(said)})")
    return notes


def _result(
    finding: Finding,
    rule_index: Mapping[str, int],
    docs: Mapping[str, Document],
    places: _Places,
) -> dict[str, Any]:
    plain = describe(finding, docs)
    result: dict[str, Any] = {
        "ruleId": rule_id(finding.kind),
        "ruleIndex": rule_index[finding.kind],
        "level": LEVELS[finding.severity],
        "message": {"text": plain.sentence},
    }
    notes = _notes(finding)
    primary = finding.primary
    if finding.claims:
        result["locations"] = [_location(primary, docs, places, notes.get(finding.claims.index(primary), ""))]
    related = []
    for number, claim in enumerate(finding.claims):
        if claim is primary:
            continue
        location = _location(claim, docs, places, notes.get(number, ""))
        location["id"] = number
        related.append(location)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.id}
    properties: dict[str, Any] = {
        "score": round(float(finding.score), 4),
        "severity": finding.severity.value,
        "likelyWrong": plain.likely_wrong,
        "reason": plain.reason,
        "explanation": finding.explanation,
        "judges": [{"judge": v.judge, "score": round(float(v.score), 4)} for v in finding.evidence],
    }
    if finding.ledger is not None:
        properties["ledger"] = ledger_dict(finding.ledger)
    result["properties"] = properties
    return result


def _invocation(report: Report, places: _Places) -> dict[str, Any]:
    notifications = []
    for skipped in report.skipped:
        notifications.append(
            {
                "level": "warning",
                "message": {"text": f"skipped: {skipped.reason}"},
                "locations": [
                    {"physicalLocation": {"artifactLocation": places.artifact(split_record(skipped.path)[0])}}
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
    rules, rule_index = _rules(report.findings, report.version)
    places = _Places(report)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.version,
                "semanticVersion": report.version,
                "informationUri": PROJECT_URL,
                "rules": rules,
            }
        },
        "invocations": [_invocation(report, places)],
        "originalUriBaseIds": places.base_ids(),
        "artifacts": places.artifacts(),
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_index, docs, places) for f in report.findings],
        "properties": {"stats": stats_dict(report)},
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n"
