"""The JSON report: the contract other tools rely on (see shared/DESIGN.md).

One object ``{"version", "documents", "findings", "stats", "skipped"}``. Keys come out in a fixed
order (the order below, stats sorted by name) so two runs over the same input give byte-equal
output; text stays verbatim and un-escaped (``ensure_ascii=False``).
"""

from __future__ import annotations

import json
import math
from typing import Any

from checker.types import Claim, Document, Finding, Report, Verdict

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
        "date": doc.date.isoformat() if doc.date is not None else None,
        "date_origin": doc.date_origin,
        "time": doc.time.isoformat() if doc.time is not None else None,
        "encoding": doc.encoding,
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "document": claim.document,
        "line": claim.span.line,
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
        "explanation": verdict.explanation,
        "highlights": highlights,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity.value,
        "score": _score(finding.score),
        "claims": [claim_dict(c) for c in finding.claims],
        "explanation": finding.explanation,
        "evidence": [verdict_dict(v, finding.claims) for v in finding.evidence],
    }


def stats_dict(report: Report) -> dict[str, float | int | None]:
    """``Report.stats`` sorted by name, JSON-safe."""
    return {key: _stat(report.stats[key]) for key in sorted(report.stats)}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in contract order."""
    return {
        "version": report.version,
        "documents": [document_dict(d) for d in report.documents],
        "findings": [finding_dict(f) for f in report.findings],
        "stats": stats_dict(report),
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
