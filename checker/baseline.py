"""Accepted findings: write today's, and later report only new ones.

A baseline stores finding ids. Ids are built from claim ids, which come from the
document's file name and the normalised claim text (not line numbers or file
order), so they survive line shifts, reordering and unrelated edits elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from checker.errors import UsageError
from checker.types import Finding, Report

FORMAT = "news-checker-baseline/1"


def write_baseline(report: Report, path: Path) -> int:
    entries = [
        {
            "id": f.id,
            "kind": f.kind,
            "severity": f.severity.value,
            "claims": [{"document": c.document, "text": c.text} for c in f.claims],
        }
        for f in report.findings
    ]
    path.write_text(
        json.dumps({"format": FORMAT, "findings": entries}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return len(entries)


def read_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: baseline is not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: not a news-checker baseline (expected format {FORMAT!r})")
    return {str(entry.get("id")) for entry in data["findings"] if isinstance(entry, dict)}


def drop_baselined(report: Report, accepted: Iterable[str]) -> Report:
    accepted = set(accepted)
    kept: tuple[Finding, ...] = tuple(f for f in report.findings if f.id not in accepted)
    stats = dict(report.stats)
    stats["baselined"] = len(report.findings) - len(kept)
    stats["findings"] = len(kept)
    return replace(report, findings=kept, stats=stats)
