"""The real-news benchmark: run the checker on real coverage and score it against hand labels.

    python -m eval.real.bench [--only clusters,noise,fars,stance] [--nli NAME] [--no-write]
    python -m eval.real.bench --memory          # cold time and peak memory on the largest cluster

1. **Clusters** (``clusters.yaml``): each same-event cluster is checked as one folder. Every high or
   medium finding must carry a hand label (``labels.jsonl``, ``python -m eval.real.labels``):
   precision by kind is reported only over labelled findings, with the count still unlabelled.
   Recall: a conflict of the recall gold (``discrepancies.yaml``) is found when a finding labelled
   true joins articles that give two of its values.
2. **Noise**: the 2,000 Egyptian noise articles as one corpus (unrelated events side by side), and
   the 1,500 Fars News articles: high and medium findings per 100 articles, by kind; every one of
   them is labelled too.
3. **Persian stance pairs**: each agree and disagree row as a two-article corpus (claim, headline):
   disagree recall and agree flag-rate (a pair is flagged by any high or medium finding).

Corpora are written once under ``$CHECKER_HOME/real/corpora`` (never in git); every run shares the
user's model cache, so a rerun costs only what a change made new. The findings still unlabelled
are written to ``$CHECKER_HOME/real/pending.jsonl`` (for ``eval.real.labels``) and, to be read, to
``$CHECKER_HOME/real/review.md``. Results go to the "Real news" section of eval/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.cache import ModelCache
from checker.config import Config
from checker.home import PROJECT_ROOT, checker_home
from checker.pipeline import check
from checker.types import Document, Finding, Report, Severity
from eval.real.clusters import load_clusters
from eval.real.data import EgIndex, file_name, iter_farsnews, materialise, materialise_stance, write_articles
from eval.real.discrepancies import Discrepancy, load_discrepancies
from eval.real.labels import Label, LabelBook, load_labels
from eval.real.noise import read_noise_ids, stance_pairs
from eval.results import update_section

COMMAND = "python -m eval.real.bench"
CORPORA = checker_home() / "real" / "corpora"
PENDING = checker_home() / "real" / "pending-{parts}.jsonl"  # per set of parts run, so that runs in parallel
REVIEW = checker_home() / "real" / "review-{parts}.md"  # do not overwrite each other
KINDS = ("entity", "anachronism", "number", "date", "contradiction")
# which finding kinds can find which kind of recall-gold discrepancy
GOLD_KINDS = {"figure": {"number"}, "date": {"date"}, "name": {"entity", "anachronism"}, "place": {"entity"}}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- corpora


def _written(folder: Path, names: Sequence[str], write: Callable[[], object]) -> Path:
    """``folder`` holding exactly the files ``names``, written by ``write`` when it does not yet."""
    if folder.is_dir() and sorted(p.name for p in folder.iterdir()) == sorted(names):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    write()
    return folder


def eg_corpus(name: str, ids: Sequence[str], index: EgIndex) -> Path:
    """The eg_press articles ``ids`` as a corpus folder ``CORPORA/name`` (written once)."""
    folder = CORPORA / name
    return _written(folder, [file_name(i) for i in ids], lambda: materialise(ids, folder, index))


def cluster_corpora(index: EgIndex) -> dict[str, Path]:
    return {c.name: eg_corpus(f"clusters/{c.name}", c.ids, index) for c in load_clusters()}


def noise_corpus(index: EgIndex) -> Path:
    return eg_corpus("eg-noise", read_noise_ids(), index)


def fars_corpus() -> Path:
    articles = list(iter_farsnews())
    folder = CORPORA / "fars-noise"
    return _written(folder, [a.file_name for a in articles], lambda: write_articles(articles, folder))


def stance_corpora() -> list[tuple[str, Path]]:
    """(stance, folder) for every agree and disagree pair."""
    pairs = stance_pairs()
    root = CORPORA / "stance"
    names = [file_name(p.id).removesuffix(".json") for p in pairs]
    _written(root, names, lambda: materialise_stance(pairs, root))
    return [(p.stance, root / name) for p, name in zip(pairs, names, strict=True)]


# ----------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Flag:
    """A high or medium finding of one corpus, with its label when it has one."""

    corpus: str
    finding: Finding
    label: Label | None

    @property
    def claim_ids(self) -> list[str]:
        return [c.id for c in self.finding.claims]


def article_id(document: str) -> str:
    """``.../eg-15031.json`` -> ``eg:15031`` (the benchmark's ids)."""
    stem = Path(document.split("#", 1)[0]).stem
    prefix, _, number = stem.partition("-")
    return f"{prefix}:{number}"


def flags_of(corpus: str, report: Report, book: LabelBook) -> list[Flag]:
    return [
        Flag(corpus, f, book.find(f.id, [c.id for c in f.claims]))
        for f in report.findings
        if f.severity in (Severity.HIGH, Severity.MEDIUM)
    ]


def finds(finding: Finding, discrepancy: Discrepancy) -> bool:
    """Does the finding join articles that give two different values of the discrepancy?"""
    if finding.kind not in GOLD_KINDS.get(discrepancy.kind, set(KINDS)):
        return False
    groups = []
    for value in discrepancy.values:
        groups.append({m.id for m in value.mentions})
    articles = {article_id(c.document) for c in finding.claims}
    hit = [n for n, ids in enumerate(groups) if ids & articles]
    if len(hit) < 2:
        return False
    return len({discrepancy.values[n].value for n in hit}) >= 2


@dataclass(frozen=True)
class Precision:
    flagged: int
    true: int
    false: int

    @property
    def unlabelled(self) -> int:
        return self.flagged - self.true - self.false

    def cell(self) -> str:
        if self.flagged == 0:
            return "–"
        if self.unlabelled:
            return f"{self.true}/{self.true + self.false} labelled, {self.unlabelled} not"
        return f"{self.true / self.flagged:.2f} ({self.true}/{self.flagged})"


def precision(flags: Sequence[Flag]) -> Precision:
    return Precision(
        len(flags),
        sum(1 for f in flags if f.label is not None and f.label.label),
        sum(1 for f in flags if f.label is not None and not f.label.label),
    )


def write_pending(flags: Sequence[Flag], reports: dict[str, Report], parts: str) -> tuple[int, Path]:
    """The unlabelled flags, for labelling (``eval.real.labels``) and for reading (review-*.md)."""
    todo = [f for f in flags if f.label is None]
    pending, review = Path(str(PENDING).format(parts=parts)), Path(str(REVIEW).format(parts=parts))
    pending.parent.mkdir(parents=True, exist_ok=True)
    with pending.open("w", encoding="utf-8") as fh:
        for f in todo:
            row = {
                "id": f.finding.id,
                "claims": f.claim_ids,
                "corpus": f.corpus,
                "kind": f.finding.kind,
                "severity": f.finding.severity.value,
                "explanation": f.finding.explanation,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    lines = [f"# {len(todo)} unlabelled high/medium findings\n"]
    for f in todo:
        docs = {d.path: d for d in reports[f.corpus].documents}
        head = [f.finding.id, f.corpus, f.finding.kind, f.finding.severity.value, str(f.finding.score)]
        lines.append("## " + " · ".join(head) + "\n")
        lines.append(f"why: {f.finding.explanation}\n")
        for c in f.finding.claims:
            where = _describe(docs.get(c.document), c.document)
            lines.append(f"- {where} line {c.span.line} ({c.role.value}): {c.text}")
        lines.append("")
    review.write_text("\n".join(lines), encoding="utf-8")
    return len(todo), pending


def _describe(doc: Document | None, path: str) -> str:
    if doc is None:
        return article_id(path)
    when = (doc.date.isoformat() if doc.date else "undated") + (f" {doc.time:%H:%M}" if doc.time else "")
    return f"`{article_id(path)}` {doc.outlet or '?'} {when}"


# ----------------------------------------------------------------------------- runs


def run_corpora(folders: dict[str, Path], config: Config, cache: ModelCache) -> dict[str, Report]:
    reports = {}
    for n, (name, folder) in enumerate(folders.items(), 1):
        start = time.perf_counter()
        reports[name] = check([folder], config, cache=cache)
        took = time.perf_counter() - start
        log(f"  {name}: {len(reports[name].documents)} articles, {took:.1f} s ({n}/{len(folders)})")
    return reports


def cluster_section(reports: dict[str, Report], flags: Sequence[Flag]) -> list[str]:
    gold = {g.cluster: g for g in load_discrepancies()}
    rows = ["| kind | high+medium | precision |", "|---|---:|---|"]
    for kind in KINDS:
        of_kind = [f for f in flags if f.finding.kind == kind]
        if of_kind:
            rows.append(f"| {kind} | {len(of_kind)} | {precision(of_kind).cell()} |")
    total = precision(flags)
    rows.append(f"| **all** | **{len(flags)}** | **{total.cell()}** |")
    articles = sum(len(r.documents) for r in reports.values())
    lines = [
        f"{len(reports)} same-event clusters, {articles} articles (eval/real/clusters.yaml), checked one"
        " cluster at a time. Precision of high and medium findings, every one read and labelled"
        " (eval/real/labels.jsonl):",
        "",
        *rows,
        "",
    ]
    # recall of the hand-found conflicts
    found: dict[str, list[str]] = defaultdict(list)
    total_by_kind: Counter[str] = Counter()
    found_by_kind: Counter[str] = Counter()
    lenient_by_kind: Counter[str] = Counter()
    for name, report in reports.items():
        cluster_gold = next((g for key, g in gold.items() if key.startswith(name)), None)
        if cluster_gold is None:
            continue
        true_findings = [
            f.finding for f in flags if f.corpus == name and f.label is not None and f.label.label
        ]
        for d in cluster_gold.discrepancies:
            if d.relation != "conflict":
                continue
            total_by_kind[d.kind] += 1
            if any(finds(f, d) for f in true_findings):
                found_by_kind[d.kind] += 1
                found[name].append(d.slot)
            if any(finds(f, d) for f in report.findings):
                lenient_by_kind[d.kind] += 1
    lines += [
        "Recall of the conflicts found by hand (eval/real/discrepancies.yaml, relation `conflict`): found"
        " when a finding labelled true joins articles that give two different values; *any severity*"
        " counts every finding, low ones and unlabelled ones included.",
        "",
        "| kind | conflicts | found (true, high/medium) | any severity |",
        "|---|---:|---:|---:|",
    ]
    for kind in sorted(total_by_kind):
        lines.append(f"| {kind} | {total_by_kind[kind]} | {found_by_kind[kind]} | {lenient_by_kind[kind]} |")
    n, k, lenient = sum(total_by_kind.values()), sum(found_by_kind.values()), sum(lenient_by_kind.values())
    lines.append(
        f"| **all** | **{n}** | **{k} ({k / n:.0%})** | {lenient} ({lenient / n:.0%}) |" if n else ""
    )
    lines += ["", *slot_duplicates(flags)]
    lines += ["", "| cluster | articles | high | medium | low |", "|---|---:|---:|---:|---:|"]
    for name, report in reports.items():
        sev = Counter(f.severity.value for f in report.findings)
        lines.append(f"| {name} | {len(report.documents)} | {sev['high']} | {sev['medium']} | {sev['low']} |")
    return lines


def slot_duplicates(flags: Sequence[Flag]) -> list[str]:
    """How many findings tell of one hand-found slot (the issue asks for at most one per slot and
    event): true high/medium findings grouped by the slot their label names."""
    by_slot: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in flags:
        if f.label is not None and f.label.label and f.label.discrepancy:
            by_slot[(f.corpus, f.label.discrepancy)].append(f.finding.id)
    several = {slot: ids for slot, ids in by_slot.items() if len(ids) > 1}
    line = (
        f"One finding per slot: the true high/medium findings name {len(by_slot)} hand-found slots in"
        f" their labels; {len(by_slot) - len(several)} are told by one finding, {len(several)} by more"
    )
    if not several:
        return [line + "."]
    told = "; ".join(
        f"{slot} ({', '.join(i[:4] for i in ids)})" for (_, slot), ids in sorted(several.items())
    )
    return [f"{line}: {told}."]


def run_noise(
    name: str, corpus: Path, config: Config, cache: ModelCache, book: LabelBook
) -> tuple[Report, list[Flag]]:
    """One run over a whole noise corpus, and its high/medium findings with their labels."""
    start = time.perf_counter()
    report = check([corpus], config, cache=cache)
    log(f"  {name}: {len(report.documents)} articles, {time.perf_counter() - start:.1f} s")
    return report, flags_of(name, report, book)


def labelled_line(flagged: int, pending: int) -> str:
    return f"Findings read and labelled: {flagged - pending} of {flagged}" + (
        f"; **{pending} unlabelled** (numbers over them are not reported)." if pending else "."
    )


def noise_section(name: str, report: Report, flags: Sequence[Flag]) -> list[str]:
    n = len(report.documents)
    by_kind = Counter(f.finding.kind for f in flags)
    per100 = len(flags) / n * 100 if n else 0.0
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) or "none"
    p = precision(flags)
    return [
        f"**{name}**: {n} articles in one run, {report.stats.get('events', 0)} events, "
        f"{report.stats.get('candidate_pairs', 0)} candidate pairs: **{len(flags)} high/medium "
        f"finding{'' if len(flags) == 1 else 's'}, "
        f"{per100:.2f} per 100 articles** ({kinds}); labelled: {p.true} true, {p.false} false,"
        f" {p.unlabelled} not yet.",
        "",
    ]


def stance_section(results: list[tuple[str, bool]]) -> list[str]:
    agree = [flagged for stance, flagged in results if stance == "agree"]
    disagree = [flagged for stance, flagged in results if stance == "disagree"]

    def rate(hits: list[bool]) -> str:
        return f"{sum(hits)}/{len(hits)} ({sum(hits) / max(len(hits), 1):.0%})"

    return [
        "**Persian stance pairs** (fa_stance_headline_claim.tsv, evaluation only): each pair as two"
        f" articles, claim and headline. Disagree recall **{rate(disagree)}**; agree pairs flagged"
        f" **{rate(agree)}** (a pair is flagged by a high or medium finding).",
        "",
    ]


def memory_section(folder: Path, nli: str) -> list[str]:
    """Cold time and peak memory of ``check`` on one corpus, in a fresh process with no cache."""
    run = subprocess.run(
        [sys.executable, "-m", "eval.e2e.child", str(folder), "--nli", nli, "--no-cache"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    data = json.loads(run.stdout)
    return [
        f"Cold run on the largest cluster ({folder.name}, {data['stats']['documents']} articles, "
        f"{data['stats']['claims']} claims, {data['stats']['nli_pairs_scored']} NLI pairs, no cache): "
        f"**{data['process_seconds']:.0f} s, peak {data['peak_rss_mb']:.0f} MB**.",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="clusters,noise,fars,stance", help="comma-separated parts to run")
    parser.add_argument("--nli", default=None, help="NLI model (default: the configured one)")
    parser.add_argument(
        "--memory", action="store_true", help="also measure a cold run of the largest cluster"
    )
    parser.add_argument("--no-write", action="store_true", help="do not update eval/RESULTS.md")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    config = Config(progress=False, **({"nli": args.nli} if args.nli else {}))
    book = LabelBook(load_labels())
    cache = ModelCache()
    index = EgIndex.open()
    reports: dict[str, Report] = {}
    flags: list[Flag] = []
    sections: list[str] = []
    try:
        if "clusters" in parts:
            log("clusters")
            clusters = run_corpora(cluster_corpora(index), config, cache)
            reports.update(clusters)
            cluster_flags = [f for name, r in clusters.items() for f in flags_of(name, r, book)]
            flags += cluster_flags
            sections += ["### Same-event clusters", "", *cluster_section(clusters, cluster_flags)]
            if args.memory:
                largest = max(clusters, key=lambda c: len(clusters[c].documents))
                sections += memory_section(CORPORA / "clusters" / largest, config.nli)
        noise_lines: list[str] = []
        for part, name, build in (
            ("noise", "eg-noise", lambda: noise_corpus(index)),
            ("fars", "fars-noise", fars_corpus),
        ):
            if part in parts:
                log(name)
                report, noise_flags = run_noise(name, build(), config, cache, book)
                reports[name] = report
                flags += noise_flags
                noise_lines += noise_section(name, report, noise_flags)
        if noise_lines:
            sections += ["### Noise: unrelated articles side by side", "", *noise_lines]
        if "stance" in parts:
            log("stance pairs")
            results = []
            for stance, folder in stance_corpora():
                report = check([folder], config, cache=cache)
                results.append((stance, any(f.severity is not Severity.LOW for f in report.findings)))
            sections += ["### Persian stance pairs", "", *stance_section(results)]
    finally:
        cache.close()
    pending, pending_file = write_pending(flags, reports, "-".join(sorted(parts)))
    sections.append(labelled_line(len(flags), pending))
    text = "\n".join(sections)
    print(text)
    log(f"{pending} unlabelled: {pending_file} (read review-*.md beside it; python -m eval.real.labels)")
    if not args.no_write:
        update_section("real", "Real news", COMMAND, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
