"""Quality benchmarks (``make eval``): NLI on the dev splits, end to end on perturbation corpora,
the seeds as given, and an exhaustive NLI baseline on the same corpora.

    python -m eval.run_eval [--per-kind 6] [--seed 13] [--nli checker-nli] [--no-write]

1. NLI dev metrics: runs ``python -m eval.nli_eval`` (its own RESULTS.md section holds the
   per-class scores and confusion matrices), ``python -m eval.nli_sets``,
   ``python -m eval.quantity_perturbations`` and the real-news benchmark
   ``python -m eval.real.bench --memory`` (clusters, noise corpora, Persian stance pairs) and
   the held-out sample ``python -m eval.real.holdout``.
2. End to end: ``eval.e2e.perturb`` builds the corrected base corpus and one corpus per
   perturbation or control; the checker runs on each (``eval.e2e.runner``) twice: with the
   structured judges only (``nli = none``) and as configured (with the NLI judge).
3. The seeds as given: the expected finding (eval/gold/seeds_expected.yaml) and every other one
   as a false positive unless the gold file justifies it.
4. The same corpora through ``eval.baseline_summac`` (every cross-article sentence pair through
   the same NLI model): recall, false positives and seconds beside the pipeline's.

Writes the "e2e" section of eval/RESULTS.md and eval/floors.json (the floors the slow test
``tests/eval/test_quality_floors.py`` holds). Without a trained NLI model it says so, runs the
structured judges only and leaves the NLI parts out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from checker.cache import ModelCache
from checker.config import Config
from checker.errors import CheckerError
from checker.home import PROJECT_ROOT
from checker.pipeline import check
from checker.types import Finding, Report
from eval.baseline_summac import BaselineRun, ExhaustiveNLI
from eval.e2e.gold import Gold, load_gold
from eval.e2e.metrics import floors, rate, select, write_floors
from eval.e2e.nli_dev import DevScore, nli_available, run_nli_eval
from eval.e2e.perturb import CONTROL_KINDS, LANGS, POSITIVE_KINDS, PerturbationSet, generate
from eval.e2e.runner import (
    Outcome,
    SeedScore,
    corpus_folders,
    run_baseline,
    run_pipeline,
    score_seeds,
    warm_embeddings,
    warm_nli,
)
from eval.results import provenance, update_section

COMMAND = "python -m eval.run_eval"
SEEDS = PROJECT_ROOT / "seeds"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class MethodRun:
    """One method over all corpora."""

    name: str
    outcomes: tuple[Outcome, ...]
    base_findings: tuple[str, ...]  # findings on the corrected base corpus, as readable lines
    cold_seconds: float  # the base corpus with nothing cached (models loaded, every NLI pair scored)
    cold_nli_pairs: int  # directed NLI pairs scored on the base corpus
    total_seconds: float  # all corpora, warm cache
    seeds: SeedScore | None = None


def _where(f: Finding) -> str:
    parts = [f"{Path(c.document).name[:3]}:{c.span.line}" for c in f.claims[:3]]
    more = f" +{len(f.claims) - 3}" if len(f.claims) > 3 else ""
    return f"{f.kind} ({', '.join(parts)}{more})"


def _pipeline(
    name: str, pset: PerturbationSet, folders: dict[str, Path], config: Config, cache: ModelCache, gold: Gold
) -> MethodRun:
    log(f"{name}: base corpus, nothing cached")
    start = time.perf_counter()
    cold: Report = check([folders["base"]], config.model_copy(update={"cache": False}))
    cold_seconds = time.perf_counter() - start
    start = time.perf_counter()
    if config.nli.lower() != "none":
        from checker.nli.scorer import load_nli

        scorer = load_nli(config.nli, device=config.device, batch_size=config.batch_size)
        scored = warm_nli(list(folders.values()), config, cache, scorer)
        log(f"{name}: {scored} new directed NLI pairs scored in one batch before the runs")
    base, outcomes = run_pipeline(pset, folders, config, cache, log)
    total = time.perf_counter() - start
    seeds = score_seeds(check([SEEDS], config, cache=cache), gold)
    return MethodRun(
        name,
        tuple(outcomes),
        tuple(_where(f) for f in base.findings),
        round(cold_seconds, 2),
        int(cold.stats.get("nli_pairs_scored", 0)),
        round(total, 2),
        seeds,
    )


def _baseline(
    pset: PerturbationSet, folders: dict[str, Path], config: Config, cache: ModelCache
) -> MethodRun:
    from checker.nli.scorer import load_nli
    from eval.e2e.corpus import read_claims

    log("exhaustive NLI baseline: loading the model, base corpus with nothing cached")
    start = time.perf_counter()
    scorer = load_nli(config.nli, device=config.device, batch_size=config.batch_size)
    exhaustive = ExhaustiveNLI(scorer, config.thresholds.nli_contradiction, cache)
    cold: BaselineRun = exhaustive.run(read_claims(folders["base"], config)[1], use_cache=False)
    cold_seconds = time.perf_counter() - start
    start = time.perf_counter()
    base, outcomes = run_baseline(pset, folders, exhaustive, config, log)
    total = time.perf_counter() - start
    lines = tuple(f"contradiction ({a[:3]}:{la}, {b[:3]}:{lb})" for a, la, b, lb in _names(base))
    return MethodRun(
        "exhaustive NLI (SummaC-ZS style)",
        tuple(outcomes),
        lines,
        round(cold_seconds, 2),
        2 * cold.pairs,
        round(total, 2),
    )


def _names(run: BaselineRun) -> list[tuple[str, int, str, int]]:
    from eval.baseline_summac import names

    return names(run)


# --- rendering -----------------------------------------------------------------------------------


def _sites_table(pset: PerturbationSet) -> list[str]:
    rows = ["| kind | lang | sites found | with a counterpart | used |", "|---|---|---:|---:|---:|"]
    for c in pset.counts:
        rows.append(f"| {c.kind} | {c.lang} | {c.sites} | {c.with_counterpart} | {c.generated} |")
    return rows


def _recall_table(runs: Sequence[MethodRun], pset: PerturbationSet) -> list[str]:
    head = (
        "| kind | lang | n | "
        + " | ".join(
            f"{r.name} lenient | {r.name} strict" if not r.name.startswith("exhaustive") else f"{r.name}"
            for r in runs
        )
        + " |"
    )
    cols = sum(1 if r.name.startswith("exhaustive") else 2 for r in runs)
    rows = [head, "|---|---|---:|" + "---:|" * cols]
    for lang in LANGS:
        for kind in POSITIVE_KINDS:
            n = len(pset.of(lang, kind))
            cells = []
            for r in runs:
                sel = select(r.outcomes, control=False, lang=lang, kind=kind)
                cells.append(rate(sel).cell())
                if not r.name.startswith("exhaustive"):
                    cells.append(rate(sel, strict=True).cell())
            if n == 0:
                cells = ["no site with a counterpart"] + [""] * (len(cells) - 1)
            rows.append(f"| {kind} | {lang} | {n} | " + " | ".join(cells) + " |")
    for group in (*LANGS, None):
        cells = []
        for r in runs:
            sel = select(r.outcomes, control=False, lang=group)
            cells.append(f"**{rate(sel).pct()}**")
            if not r.name.startswith("exhaustive"):
                cells.append(f"**{rate(sel, strict=True).pct()}**")
        n = len([p for p in pset.perturbations if not p.control and (group is None or p.lang == group)])
        rows.append(f"| **all** | {group or 'both'} | {n} | " + " | ".join(cells) + " |")
    return rows


def _nli_difference(runs: Sequence[MethodRun]) -> list[str]:
    """What the NLI judge changes: perturbations caught only with it, and only without it."""
    by_name = {r.name: {o.id: o for o in r.outcomes if not o.control} for r in runs}
    if "structured judges" not in by_name or "pipeline with NLI" not in by_name:
        return []
    plain, full = by_name["structured judges"], by_name["pipeline with NLI"]
    gained = sorted(i for i, o in full.items() if o.lenient and not plain[i].lenient)
    lost = sorted(i for i, o in full.items() if not o.lenient and plain[i].lenient)
    return [
        "",
        f"Caught only with the NLI judge: {len(gained)} of {len(full)}"
        + (f" ({', '.join(gained)})" if gained else "")
        + f"; caught only without it: {len(lost)}"
        + (f" ({', '.join(lost)})" if lost else "")
        + ".",
    ]


def _fp_table(runs: Sequence[MethodRun], pset: PerturbationSet) -> list[str]:
    rows = [
        "| control | lang | n | " + " | ".join(r.name for r in runs) + " |",
        "|---|---|---:|" + "---:|" * len(runs),
    ]
    for lang in LANGS:
        for kind in CONTROL_KINDS:
            n = len(pset.of(lang, kind))
            cells = [rate(select(r.outcomes, control=True, lang=lang, kind=kind)).cell() for r in runs]
            if n == 0:
                cells = ["no site with a counterpart"] + [""] * (len(cells) - 1)
            rows.append(f"| {kind} | {lang} | {n} | " + " | ".join(cells) + " |")
    for group in (*LANGS, None):
        cells = [f"**{rate(select(r.outcomes, control=True, lang=group)).pct()}**" for r in runs]
        n = len([p for p in pset.perturbations if p.control and (group is None or p.lang == group)])
        rows.append(f"| **all** | {group or 'both'} | {n} | " + " | ".join(cells) + " |")
    other = [str(sum(o.other_new for o in r.outcomes)) for r in runs]
    rows.append("| new findings elsewhere (all corpora) | | | " + " | ".join(other) + " |")
    return rows


def _cost_table(runs: Sequence[MethodRun], n_corpora: int) -> list[str]:
    rows = [
        "| method | NLI pairs scored on the base corpus | base corpus, nothing cached: s | "
        f"{n_corpora} corpora, warm cache: s | mean s per corpus |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in runs:
        rows.append(
            f"| {r.name} | {r.cold_nli_pairs} | {r.cold_seconds:.1f} | {r.total_seconds:.1f} "
            f"| {r.total_seconds / max(n_corpora, 1):.2f} |"
        )
    return rows


def _seeds_rows(runs: Sequence[MethodRun]) -> list[str]:
    rows = [
        "| method | findings | expected found (strict / lenient) | justified | false positives |",
        "|---|---:|---|---:|---|",
    ]
    for r in runs:
        s = r.seeds
        if s is None:
            continue
        fps = "; ".join(_where(f) for f in s.false_positives) or "none"
        rows.append(
            f"| {r.name} | {s.findings} | {s.found_strict}/{s.expected} / {s.found_lenient}/{s.expected} "
            f"| {s.justified} | {len(s.false_positives)}: {fps} |"
        )
    return rows


def _misses(runs: Sequence[MethodRun], pset: PerturbationSet) -> list[str]:
    notes = {p.id: p for p in pset.perturbations}
    out = ["<details><summary>Every corpus: the edit, and what each method said</summary>", ""]
    out += [
        "| id | where | edit | " + " | ".join(r.name for r in runs) + " |",
        "|---|---|---|" + "---|" * len(runs),
    ]
    by_run = [{o.id: o for o in r.outcomes} for r in runs]
    for pid, p in notes.items():
        where = f"{p.document[:3]}:{p.edited_line}" if p.edit else p.document
        cells = []
        for table in by_run:
            o = table.get(pid)
            if o is None:
                cells.append("")
                continue
            mark = ",".join(o.kinds) if o.lenient else "–"
            cells.append(mark + (f" (+{o.other_new} elsewhere)" if o.other_new else ""))
        note = p.note.replace("|", "\\|")
        out.append(f"| {pid} | {where} | {note} | " + " | ".join(cells) + " |")
    out += ["", "</details>"]
    return out


def render(
    pset: PerturbationSet,
    runs: Sequence[MethodRun],
    dev: Sequence[DevScore] | None,
    nli_note: str,
    config: Config,
    seconds: float,
    computed: str = "",
) -> str:
    body: list[str] = []
    body.append(
        f"Config: embedder `{config.embedder}`, NLI `{config.nli}`, thresholds as in checker/config.py"
        f" (NLI contradiction {config.thresholds.nli_cut().describe()}); "
        f"{len(pset.perturbations)} corpora (seeds with one edit each, or one added article), "
        f"generated by `eval/e2e/perturb.py`; whole run {seconds / 60:.1f} min on this machine"
        + (
            f" (cache misses in the warm runs, i.e. model outputs computed rather than read from the "
            f"content-hash cache of earlier runs: {computed})."
            if computed
            else "."
        )
    )
    if nli_note:
        body += [
            "",
            f"**NLI model not available**: {nli_note}. The NLI dev metrics, the pipeline with the "
            "NLI judge and the exhaustive baseline were not run; only the structured judges were.",
        ]
    body += ["", "### NLI on the dev splits", ""]
    if dev:
        body += ["| dev split | accuracy | macro-F1 |", "|---|---:|---:|"]
        body += [f"| {d.split} | {d.accuracy:.3f} | {d.macro_f1:.3f} |" for d in dev]
        body += [
            "",
            "Per-class precision, recall, F1 and the confusion matrices: section "
            '"NLI model (dev splits)" (written by `python -m eval.nli_eval`, run by this command).',
        ]
    else:
        body += ["Not run (no NLI model)."]
    body += [
        "",
        "### The seeds as given",
        "",
        "Expected: the headline of seed 000 naming الخميني as the letter's sender "
        "(eval/gold/seeds_expected.yaml); any other finding is a false positive unless that file "
        "justifies it.",
        "",
    ]
    body += _seeds_rows(runs)
    body += [
        "",
        "Findings on the corrected base corpus (all false positives; the perturbed runs count only "
        "findings that are not among these):",
        "",
    ]
    body += [
        f"- {r.name}: {len(r.base_findings)}"
        + (f" — {'; '.join(r.base_findings[:8])}" if r.base_findings else "")
        for r in runs
    ]
    body += [
        "",
        "### Perturbations: recall per kind and language",
        "",
        "One fact changed in one article of the corrected seeds, only where another article of the "
        "same event (or the article's own headline) states that fact. Detected: a new finding includes "
        "the edited claim; *strict* also needs the finding's kind to fit the edit (entity, place: entity; "
        "number, ordinal: number; year, weekday: date; negation: contradiction). The baseline only "
        'knows "contradiction", so it is scored leniently.',
        "",
    ]
    body += _recall_table(runs, pset)
    body += _nli_difference(runs)
    body += [
        "",
        "### Controls: false-positive rate per kind and language",
        "",
        "Edits that keep the meaning (another digit system, number words for digits, another spelling "
        "of a name, synonyms) and added articles about other Iran/Russia events made of real sentences "
        "(ANS headlines, FarsTail premises). A control counts once when a new finding includes its edited "
        "claim (or any claim of the added article).",
        "",
    ]
    body += _fp_table(runs, pset)
    body += [
        "",
        "### Cost, side by side",
        "",
        "The pipeline judges the candidate pairs that embeddings and events select; the baseline scores "
        "every cross-article sentence pair in both directions. Warm-cache runs reuse scores by content hash "
        "(the baseline shares the NLI judge's cache namespace, so pairs the pipeline scored first are "
        "free for it), so the cold base-corpus column is the fair cost comparison. The pipeline's warm "
        "column includes scoring all corpora's new candidate pairs in one batch before the runs.",
        "",
    ]
    body += _cost_table(runs, len(pset.perturbations))
    body += [
        "",
        "### Where the seeds allow perturbations",
        "",
        "Sites: places a rule can edit; with a counterpart: the fact is stated elsewhere in the event, so a "
        "change can be caught; used: perturbations generated (up to the per-kind cap, a site's second "
        "replacement only once every site has one). Persian has one article (003): it has no weekday, no "
        "year and no ordinal that another article states, and no digits.",
        "",
    ]
    body += _sites_table(pset)
    body += [""] + _misses(runs, pset)
    return "\n".join(body)


# --- main --------------------------------------------------------------------------------------------


def _run_module(what: str, module_args: list[str], no_write: bool) -> None:
    """Run ``python -m MODULE ARGS`` (a benchmark that writes its own RESULTS.md section)."""
    log(f"{what}: python -m {' '.join(module_args)}")
    cmd = [sys.executable, "-m", *module_args] + (["--no-write"] if no_write else [])
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        log(f"  failed (exit {proc.returncode}): {(proc.stderr.strip().splitlines() or [''])[-1]}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=5, help="perturbations per kind and language (cap)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--nli", default=Config().nli, help="NLI model for the pipeline and the baseline")
    ap.add_argument("--skip-nli-dev", action="store_true", help="do not run python -m eval.nli_eval")
    ap.add_argument(
        "--skip-quantity", action="store_true", help="do not run python -m eval.quantity_perturbations"
    )
    ap.add_argument("--no-baseline", action="store_true", help="leave the exhaustive NLI baseline out")
    ap.add_argument(
        "--skip-real", action="store_true", help="do not run python -m eval.real.bench (real news)"
    )
    ap.add_argument(
        "--skip-nli-sets", action="store_true", help="do not run python -m eval.nli_sets (the v2 dev sets)"
    )
    ap.add_argument(
        "--nli-threshold",
        type=float,
        default=None,
        help="the NLI judge's contradiction threshold (default: checker/config.py's)",
    )
    ap.add_argument(
        "--no-write", action="store_true", help="print the section; leave RESULTS.md and floors.json alone"
    )
    args = ap.parse_args(argv)
    torch.set_num_threads(min(2, torch.get_num_threads()))
    started = time.perf_counter()

    config = Config(nli=args.nli)
    if args.nli_threshold is not None:
        thresholds = config.thresholds.model_copy(update={"nli_contradiction": args.nli_threshold})
        config = config.model_copy(update={"thresholds": thresholds})
    ok, why = nli_available(args.nli)
    dev: list[DevScore] | None = None
    if ok and not args.skip_nli_dev:
        log("NLI dev metrics: python -m eval.nli_eval")
        try:
            dev = run_nli_eval(args.nli, write=not args.no_write)
        except CheckerError as exc:
            log(f"  {exc}")
    if ok and not args.skip_nli_sets:
        _run_module("NLI judge on the v2 dev sets", ["eval.nli_sets", "--nli", args.nli], args.no_write)
    if not args.skip_quantity:
        _run_module("quantity and time judges", ["eval.quantity_perturbations"], args.no_write)
    if not args.skip_real:
        real = ["eval.real.bench", "--memory"] + (["--nli", args.nli] if ok else ["--nli", "none"])
        _run_module("real news (clusters, noise, Persian stance)", real, args.no_write)
        if ok:  # held out: read, never tuned on (eval/real/holdout.py)
            _run_module("real news, held out", ["eval.real.holdout"], args.no_write)

    gold = load_gold()
    pset = generate(gold, per_kind=args.per_kind, seed=args.seed)
    log(f"{len(pset.perturbations)} corpora generated")
    runs: list[MethodRun] = []
    cache = ModelCache()
    try:
        with tempfile.TemporaryDirectory(prefix="news-checker-eval-") as tmp:
            folders = corpus_folders(pset, Path(tmp))
            new = warm_embeddings(list(folders.values()), config, cache)
            log(f"embedding the corpora's claims: {new} new")
            runs.append(
                _pipeline(
                    "structured judges", pset, folders, config.model_copy(update={"nli": "none"}), cache, gold
                )
            )
            if ok:
                runs.append(_pipeline("pipeline with NLI", pset, folders, config, cache, gold))
                if not args.no_baseline:
                    runs.append(_baseline(pset, folders, config, cache))
    finally:
        cache.close()
    computed = ", ".join(f"{name} {s.misses}" for name, s in sorted(cache.stats.items()))

    seconds = time.perf_counter() - started
    text = render(
        pset,
        runs,
        dev,
        "" if ok else why,
        config if ok else config.model_copy(update={"nli": "none"}),
        seconds,
        computed,
    )
    main_run = runs[1] if ok and len(runs) > 1 else runs[0]
    floor_data = {
        "written_by": COMMAND,
        "provenance": provenance(),
        "date": dt.date.today().isoformat(),
        "config": {"nli": args.nli if ok else "none", "per_kind": args.per_kind, "seed": args.seed},
        **floors(main_run.outcomes, {d.split: d.macro_f1 for d in dev} if dev else None),
    }
    if args.no_write:
        print(text)
    else:
        update_section(
            "e2e", "End to end: perturbations, controls, seeds, exhaustive baseline", COMMAND, text
        )
        write_floors(floor_data)
        log(f"wrote eval/RESULTS.md (section e2e) and eval/floors.json in {seconds / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
