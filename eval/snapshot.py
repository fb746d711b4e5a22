"""A regression snapshot: the findings of ``check seeds/`` and of every end-to-end corpus, as JSON lines.

    python -m eval.snapshot OUT.jsonl [--nli checker-nli] [--per-kind 5] [--seed 13]
    python -m eval.snapshot --diff BEFORE.jsonl AFTER.jsonl

A refactor that must not change behaviour is checked by writing a snapshot before and after and
diffing them: each line is one corpus (``seeds`` or a perturbation id) with its findings' ids,
kinds, severities, scores, claim locations and explanations. All corpora share one content-hash
cache, so the second snapshot costs little more than reading the articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.cache import ModelCache
from checker.config import Config
from checker.pipeline import check
from checker.types import Report
from eval.e2e.gold import load_gold
from eval.e2e.perturb import generate
from eval.e2e.runner import corpus_folders

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def findings_of(report: Report, root: Path) -> list[dict[str, Any]]:
    """The parts of each finding a user relies on, with paths relative to the corpus folder."""

    def where(document: str) -> str:
        return str(Path(document).relative_to(root)) if Path(document).is_relative_to(root) else document

    return [
        {
            "id": f.id,
            "kind": f.kind,
            "severity": f.severity.value,
            "score": f.score,
            "claims": [[where(c.document), c.span.line, c.span.start, c.span.end] for c in f.claims],
            "explanation": f.explanation,
        }
        for f in report.findings
    ]


def snapshot(out: Path, config: Config, per_kind: int, seed: int) -> int:
    pset = generate(load_gold(), per_kind=per_kind, seed=seed)
    cache = ModelCache(Path(tempfile.gettempdir()) / "checker-snapshot-cache.sqlite3")
    lines = 0
    with tempfile.TemporaryDirectory(prefix="snapshot-") as tmp, out.open("w", encoding="utf-8") as fh:
        folders = {"seeds": SEEDS, **corpus_folders(pset, Path(tmp))}
        for n, (name, folder) in enumerate(folders.items(), 1):
            report = check([folder], config, cache=cache)
            row = {"corpus": name, "findings": findings_of(report, folder)}
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            lines += 1
            if n % 20 == 0:
                print(f"snapshot: {n}/{len(folders)} corpora", file=sys.stderr, flush=True)
    cache.close()
    return lines


def diff(before: Path, after: Path) -> list[str]:
    """One line per corpus whose findings differ, naming what changed."""

    def load(path: Path) -> dict[str, list[dict[str, Any]]]:
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
        return {r["corpus"]: r["findings"] for r in rows}

    a, b = load(before), load(after)
    out = []
    for corpus in sorted(set(a) | set(b)):
        fa, fb = a.get(corpus), b.get(corpus)
        if fa == fb:
            continue
        if fa is None or fb is None:
            out.append(f"{corpus}: only in {'after' if fa is None else 'before'}")
            continue
        ids_a, ids_b = {f["id"]: f for f in fa}, {f["id"]: f for f in fb}
        for fid in sorted(set(ids_a) - set(ids_b)):
            out.append(f"{corpus}: gone {fid} {ids_a[fid]['kind']} {ids_a[fid]['explanation'][:100]}")
        for fid in sorted(set(ids_b) - set(ids_a)):
            out.append(f"{corpus}: new {fid} {ids_b[fid]['kind']} {ids_b[fid]['explanation'][:100]}")
        for fid in sorted(set(ids_a) & set(ids_b)):
            if ids_a[fid] != ids_b[fid]:
                keys = [k for k in ids_a[fid] if ids_a[fid][k] != ids_b[fid].get(k)]
                out.append(f"{corpus}: changed {fid} in {', '.join(keys)}")
        if [f["id"] for f in fa] != [f["id"] for f in fb] and set(ids_a) == set(ids_b):
            out.append(f"{corpus}: same findings, other order")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.snapshot")
    ap.add_argument("paths", nargs="+", type=Path, help="OUT.jsonl, or BEFORE AFTER with --diff")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--nli", default="checker-nli")
    ap.add_argument("--per-kind", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    if args.diff:
        if len(args.paths) != 2:
            ap.error("--diff takes BEFORE.jsonl AFTER.jsonl")
        changes = diff(*args.paths)
        print("\n".join(changes) if changes else "no difference")
        return 1 if changes else 0
    if len(args.paths) != 1:
        ap.error("one output file")
    n = snapshot(args.paths[0], Config(nli=args.nli, progress=False), args.per_kind, args.seed)
    print(f"snapshot: {n} corpora written to {args.paths[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
