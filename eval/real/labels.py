"""Hand labels of the findings the checker makes on real news: true or false, with a one-line reason.

    python -m eval.real.labels add FINDING_ID true|false "reason" [--discrepancy SLOT]
    python -m eval.real.labels import FILE.tsv   # lines: id<TAB>true|false<TAB>reason[<TAB>slot]
    python -m eval.real.labels show

A label is keyed by the finding's stable id, and also records the finding's claims (ids), so that a
finding whose id changes with a judge (its kind, its hub) but that joins the same claims keeps its
label; every label also keeps what the finding said when it was read. Labels live in
``eval/real/labels.jsonl``, one JSON object a line, in the order they were written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels.jsonl"


@dataclass(frozen=True)
class Label:
    id: str  # the finding's id when it was read
    claims: tuple[str, ...]  # its claim ids, sorted
    corpus: str  # cluster name, "eg-noise", "fars-noise"
    kind: str
    severity: str
    label: bool  # True: a real conflict an editor must see
    reason: str
    explanation: str  # what the finding said
    discrepancy: str | None = None  # the recall-gold slot it finds, when it is true

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def load_labels(path: Path = LABELS) -> list[Label]:
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        data = json.loads(line)
        data["claims"] = tuple(data["claims"])
        try:
            out.append(Label(**data))
        except TypeError as exc:
            raise ValueError(f"{path}:{n}: {exc}") from exc
    return out


class LabelBook:
    """Labels looked up by finding id, else by the exact set of claims (the later label wins)."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self.labels = list(labels)
        self._by_id = {lab.id: lab for lab in self.labels}
        self._by_claims = {lab.claims: lab for lab in self.labels}

    def find(self, finding_id: str, claim_ids: Sequence[str]) -> Label | None:
        return self._by_id.get(finding_id) or self._by_claims.get(tuple(sorted(claim_ids)))


def append_labels(labels: Iterable[Label], path: Path = LABELS) -> int:
    lines = [lab.to_json() for lab in labels]
    with path.open("a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return len(lines)


def _pending(path: Path) -> dict[str, dict[str, object]]:
    """The findings the last benchmark run left unlabelled (written by ``eval.real.bench``)."""
    if not path.is_file():
        raise SystemExit(f"{path} not found: run `python -m eval.real.bench` first")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(r["id"]): r for r in rows}


def _latest(pattern: str) -> Path:
    """The most recent pending file of the benchmark runs (``pending-<parts>.jsonl``)."""
    folder, name = Path(pattern).parent, Path(pattern).name.format(parts="*")
    candidates = sorted(folder.glob(name), key=lambda p: p.stat().st_mtime)
    if not candidates:
        raise SystemExit("no pending findings: run `python -m eval.real.bench` first")
    return candidates[-1]


def main(argv: Sequence[str] | None = None) -> int:
    from eval.real.bench import PENDING

    parser = argparse.ArgumentParser(prog="python -m eval.real.labels", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="label a finding of the last run")
    add.add_argument("finding_id")
    add.add_argument("verdict", choices=("true", "false"))
    add.add_argument("reason")
    add.add_argument("--discrepancy", default=None, help="the recall-gold slot a true finding finds")
    bulk = sub.add_parser("import", help="label many findings of the last run from a TSV file")
    bulk.add_argument("file", type=Path)
    for command in (add, bulk):
        command.add_argument("--pending", type=Path, default=None, help="the run's unlabelled findings")
    sub.add_parser("show", help="counts by corpus and label")
    args = parser.parse_args(argv)
    if args.command == "show":
        labels = load_labels()
        counts: dict[tuple[str, bool], int] = {}
        for lab in labels:
            counts[(lab.corpus, lab.label)] = counts.get((lab.corpus, lab.label), 0) + 1
        for (corpus, verdict), n in sorted(counts.items()):
            print(f"{corpus:40s} {'true ' if verdict else 'false'} {n}")
        return 0
    pending = _pending(args.pending or _latest(str(PENDING)))
    if args.command == "add":
        entries = [(args.finding_id, args.verdict, args.reason, args.discrepancy)]
    else:
        entries = []
        for n, line in enumerate(args.file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or parts[1] not in ("true", "false"):
                print(f"labels: {args.file}:{n}: id<TAB>true|false<TAB>reason[<TAB>slot]", file=sys.stderr)
                return 2
            entries.append((parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 and parts[3] else None))
    unknown = [fid for fid, *_ in entries if fid not in pending]
    if unknown:
        print(
            f"labels: not among the unlabelled findings of the last run: {', '.join(unknown)}",
            file=sys.stderr,
        )
        return 2
    written = append_labels(
        Label(
            id=fid,
            claims=tuple(sorted(str(c) for c in pending[fid]["claims"])),  # type: ignore[attr-defined]
            corpus=str(pending[fid]["corpus"]),
            kind=str(pending[fid]["kind"]),
            severity=str(pending[fid]["severity"]),
            label=verdict == "true",
            reason=reason,
            explanation=str(pending[fid]["explanation"]),
            discrepancy=slot,
        )
        for fid, verdict, reason, slot in entries
    )
    print(f"labels: {written} written to {LABELS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
