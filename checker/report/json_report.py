"""The JSON report: the contract other tools rely on (docs/json-report.md; its JSON Schema is
checker/resources/report.schema.json, shipped in the wheel).

One object ``{"version", "tool_version", "documents", "findings", "stats", "skipped"}``.
``version`` is the version of this contract (``CONTRACT_VERSION``: the major number changes when a
field is removed or changes meaning, the minor one when fields are added), ``tool_version`` the
checker's. Keys come out in a fixed order (the order below, stats sorted by name) so two runs over
the same input give byte-equal output; text stays verbatim and un-escaped (``ensure_ascii=False``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from checker.report.common import end_line, kind_info
from checker.report.plain import describe
from checker.types import Claim, Document, Finding, Ledger, Report, Verdict

CONTRACT_VERSION = "2.0"
SCORE_DIGITS = 4


def _score(value: float) -> float:
    return round(float(value), SCORE_DIGITS)


def _stat(value: float | int) -> float | int | None:
    """A stat as JSON can hold it: a timing that came out NaN or infinite becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def document_dict(doc: Document) -> dict[str, Any]:
    headline = doc.source[doc.headline.start : doc.headline.end] if doc.headline is not None else None
    return {
        "path": doc.path,
        "lang": doc.lang,
        "headline": headline,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date is not None else None,
        "date_origin": doc.date_origin,
        "time": doc.time.isoformat() if doc.time is not None else None,
        "outlet": doc.outlet,
        "url": doc.url,
        "encoding": doc.encoding,
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "document": claim.document,
        "line": claim.span.line,
        "end_line": end_line(claim),
        "start": claim.span.start,
        "end": claim.span.end,
        "role": claim.role.value,
        "text": claim.text,
    }


def verdict_dict(verdict: Verdict, claims: tuple[Claim, ...]) -> dict[str, Any]:
    highlights = []
    for position, start, end in verdict.highlights:
        text = claims[position].text[start:end] if 0 <= position < len(claims) else None
        highlights.append({"claim": position, "start": start, "end": end, "text": text})
    return {
        "judge": verdict.judge,
        "kind": verdict.kind,
        "score": _score(verdict.score),
        "severity": verdict.severity,
        "explanation": verdict.explanation,
        "highlights": highlights,
    }


def ledger_dict(ledger: Ledger) -> dict[str, Any]:
    """A figure ledger: the slot, the verdict and every value given, in time order."""
    return {
        "measure": ledger.measure,
        "label": ledger.label,
        "groups": list(ledger.groups),
        "verdict": ledger.verdict,
        "latest": ledger.latest,
        "authoritative": ledger.authoritative,
        "entries": [
            {
                "value": entry.value,
                "surface": entry.surface,
                "status": entry.status,
                "claim": entry.claim,
                "document": entry.document,
                "published": entry.published,
                "outlet": entry.outlet,
                "source": entry.source,
            }
            for entry in ledger.entries
        ],
    }


def finding_dict(finding: Finding, docs: Mapping[str, Document] | None = None) -> dict[str, Any]:
    plain = describe(finding, docs or {})
    return {
        "id": finding.id,
        "kind": finding.kind,
        "title": kind_info(finding.kind).title,
        "severity": finding.severity.value,
        "score": _score(finding.score),
        "summary": plain.sentence,
        "likely_wrong": plain.likely_wrong,
        "reason": plain.reason,
        "claims": [claim_dict(c) for c in finding.claims],
        "changed_claims": list(finding.changed),
        "explanation": finding.explanation,
        "evidence": [verdict_dict(v, finding.claims) for v in finding.evidence],
        "ledger": ledger_dict(finding.ledger) if finding.ledger is not None else None,
    }


def stats_dict(report: Report) -> dict[str, float | int | None]:
    """``Report.stats`` sorted by name, JSON-safe."""
    return {key: _stat(report.stats[key]) for key in sorted(report.stats)}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in contract order."""
    docs = {d.path: d for d in report.documents}
    return {
        "version": CONTRACT_VERSION,
        "tool_version": report.version,
        "documents": [document_dict(d) for d in report.documents],
        "findings": [finding_dict(f, docs) for f in report.findings],
        "stats": stats_dict(report),
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def finding_line(finding: Finding, docs: Mapping[str, Document]) -> str:
    """One finding as one line of JSON (the ``jsonl`` format: a finding object of the contract)."""
    return json.dumps(finding_dict(finding, docs), ensure_ascii=False, allow_nan=False)


def render_jsonl(report: Report) -> str:
    """Every finding as one JSON line, in report order (what ``check -f jsonl`` streams as the
    findings are decided); nothing at all for a run without findings."""
    docs = {d.path: d for d in report.documents}
    return "".join(finding_line(f, docs) + "\n" for f in report.findings)
