"""Accepted findings: write today's, and later report only new ones.

A baseline stores finding ids. Ids are built from claim ids, which come from the
document's file name and the normalised claim text (not line numbers or file
order), so they survive line shifts, reordering and unrelated edits elsewhere.

A renamed file changes its claims' ids. So an accepted finding whose id no longer
turns up may be matched once more, by content: same kind, same normalised claim
texts. Only ids that have gone are matched this way, so a copy of an accepted
error into a new article (the original still there) is reported as new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from checker.errors import UsageError
from checker.text.normalize import normalize_for_matching
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
        json.dumps({"format": FORMAT, "findings": entries}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return len(entries)


def content_key(kind: str, texts: Sequence[str]) -> str:
    """What a finding says, wherever its files are: its kind and its claims' normalised texts."""
    payload = "\x1f".join([kind, *sorted(normalize_for_matching(t) for t in texts)])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def read_baseline(path: Path) -> dict[str, str]:
    """The accepted findings: id -> content key (empty when the entry has no claim texts)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{path}: baseline is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("findings"), list)
    ):
        raise UsageError(f"{path}: not a news-checker baseline (expected format {FORMAT!r})")
    accepted: dict[str, str] = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict):
            continue
        listed = entry.get("claims")
        claims: list[object] = listed if isinstance(listed, list) else []
        texts = [c["text"] for c in claims if isinstance(c, dict) and isinstance(c.get("text"), str)]
        complete = bool(texts) and len(texts) == len(claims)
        accepted[str(entry.get("id"))] = content_key(str(entry.get("kind")), texts) if complete else ""
    return accepted


def drop_baselined(report: Report, accepted: Iterable[str] | Mapping[str, str]) -> Report:
    """The report without its accepted findings (by id; by content for ids that have gone)."""
    keys = dict(accepted) if isinstance(accepted, Mapping) else dict.fromkeys(accepted, "")
    present = {f.id for f in report.findings}
    moved = Counter(key for fid, key in keys.items() if key and fid not in present)
    kept_list: list[Finding] = []
    for f in report.findings:
        if f.id in keys:
            continue
        key = content_key(f.kind, [c.text for c in f.claims])
        if moved[key] > 0:
            moved[key] -= 1  # one accepted finding answers for one current finding
            continue
        kept_list.append(f)
    kept = tuple(kept_list)
    stats = dict(report.stats)
    stats["baselined"] = len(report.findings) - len(kept)
    stats["findings"] = len(kept)
    return replace(report, findings=kept, stats=stats)
