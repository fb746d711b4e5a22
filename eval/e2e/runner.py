"""Run the checker over the perturbation corpora and score what it reports.

Each corpus is written to its own folder and checked with ``checker.pipeline.check`` exactly as
a user would run it, all runs sharing one content-hash cache: claims embedded once are never
embedded again, so a perturbed corpus costs only its one changed claim. Before the runs, every
distinct claim of every corpus is embedded in one batch, and (NLI judge on) every candidate pair
of every corpus is scored in one batch: one model load each instead of one per run.

A perturbation is **detected** when a finding that was not in the base run includes the edited
claim: *lenient* whatever its kind, *strict* when its kind is one the edit calls for (a swapped
name: entity; a changed figure: number; ...). A control is a **false positive** when a new finding
includes its edited claim (for an added article: any claim of that article). New findings that
do not touch the edit are counted apart (``other_new``): they are side effects of the edit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.cache import ModelCache, NoCache
from checker.config import Config
from checker.nli.scorer import NLIScorer
from checker.pipeline import check, embed_claims
from checker.types import CandidatePair, Claim, Finding, Report
from eval.baseline_summac import BaselineRun, ExhaustiveNLI
from eval.e2e.corpus import claims_touching, read_claims
from eval.e2e.gold import Gold
from eval.e2e.perturb import Perturbation, PerturbationSet


@dataclass(frozen=True)
class Outcome:
    """What one method did with one perturbation or control."""

    id: str
    lang: str
    kind: str
    control: bool
    lenient: bool  # a new finding includes the edited claim
    strict: bool  # ... and its kind is one the edit calls for
    kinds: tuple[str, ...]  # kinds of the new findings that include the edited claim
    other_new: int  # new findings that do not include it
    seconds: float


@dataclass(frozen=True)
class SeedScore:
    """The seeds as given (or the corrected base): expected findings found, and false positives."""

    findings: int
    expected: int
    found_strict: int
    found_lenient: int
    justified: int
    false_positives: tuple[Finding, ...]


def corpus_folders(pset: PerturbationSet, workdir: Path) -> dict[str, Path]:
    """Write the base corpus and every perturbed corpus under ``workdir``; folder by id ("base" too)."""
    folders = {"base": pset.base.write(workdir / "base")}
    for p in pset.perturbations:
        folders[p.id] = p.apply(pset.base).write(workdir / p.id)
    return folders


def warm_embeddings(folders: Sequence[Path], config: Config, cache: ModelCache) -> int:
    """Embed every distinct claim text of the corpora in one batch; returns how many were new."""
    seen: dict[str, Claim] = {}
    for folder in folders:
        for c in read_claims(folder, config)[1]:
            seen.setdefault(c.text, c)
    before = cache.stats.get("embedding")
    misses = before.misses if before else 0
    embed_claims(list(seen.values()), config, cache)
    return cache.stats["embedding"].misses - misses


def edited_claim_ids(report: Report, p: Perturbation) -> set[str]:
    if p.edit is not None:
        return {c.id for c in claims_touching(report.claims, p.edit.document, p.edit.start, p.edit.new_end)}
    return {c.id for c in report.claims if Path(c.document).name == p.document}


def score_run(report: Report, base_ids: set[str], p: Perturbation, seconds: float) -> Outcome:
    edited = edited_claim_ids(report, p)
    new = [f for f in report.findings if f.id not in base_ids]
    touching = [f for f in new if any(c.id in edited for c in f.claims)]
    kinds = tuple(sorted({f.kind for f in touching}))
    return Outcome(
        id=p.id,
        lang=p.lang,
        kind=p.kind,
        control=p.control,
        lenient=bool(touching),
        strict=any(k in p.families for k in kinds),
        kinds=kinds,
        other_new=len(new) - len(touching),
        seconds=round(seconds, 3),
    )


def run_pipeline(
    pset: PerturbationSet,
    folders: dict[str, Path],
    config: Config,
    cache: ModelCache | NoCache,
    progress: Callable[[str], None] | None = None,
) -> tuple[Report, list[Outcome]]:
    """Check the base corpus, then every perturbed corpus; one Outcome per perturbation."""
    base = check([folders["base"]], config, cache=cache)
    base_ids = {f.id for f in base.findings}
    outcomes = []
    for n, p in enumerate(pset.perturbations, 1):
        start = time.perf_counter()
        report = check([folders[p.id]], config, cache=cache)
        outcomes.append(score_run(report, base_ids, p, time.perf_counter() - start))
        if progress and n % 20 == 0:
            progress(f"  pipeline: {n}/{len(pset.perturbations)} corpora")
    return base, outcomes


def score_seeds(report: Report, gold: Gold) -> SeedScore:
    """Expected findings found (strict: right line and kind; lenient: right line), and every other
    finding that no gold entry justifies, which is a false positive."""
    expected = gold.expected
    found_strict = sum(any(e.matches(f) for f in report.findings) for e in expected)
    found_lenient = sum(any(e.matches(f, strict=False) for f in report.findings) for e in expected)
    justified = [f for f in report.findings if any(j.matches(f) for j in gold.justified)]
    covered = {f.id for f in report.findings if any(e.matches(f, strict=False) for e in expected)}
    fps = tuple(f for f in report.findings if f.id not in covered and f not in justified)
    return SeedScore(len(report.findings), len(expected), found_strict, found_lenient, len(justified), fps)


def run_baseline(
    pset: PerturbationSet,
    folders: dict[str, Path],
    exhaustive: ExhaustiveNLI,
    config: Config,
    progress: Callable[[str], None] | None = None,
) -> tuple[BaselineRun, list[Outcome]]:
    """The exhaustive NLI baseline over the same corpora, scored the same way as the pipeline."""
    base = exhaustive.run(read_claims(folders["base"], config)[1])
    base_pairs = {(f.a.id, f.b.id) for f in base.flagged}
    outcomes = []
    for n, p in enumerate(pset.perturbations, 1):
        claims = read_claims(folders[p.id], config)[1]
        run = exhaustive.run(claims)
        if p.edit is not None:
            edited = {c.id for c in claims_touching(claims, p.edit.document, p.edit.start, p.edit.new_end)}
        else:
            edited = {c.id for c in claims if Path(c.document).name == p.document}
        new = [f for f in run.flagged if (f.a.id, f.b.id) not in base_pairs]
        hits = [f for f in new if f.a.id in edited or f.b.id in edited]
        outcomes.append(
            Outcome(
                id=p.id,
                lang=p.lang,
                kind=p.kind,
                control=p.control,
                lenient=bool(hits),
                strict=bool(hits) and "contradiction" in p.families,
                kinds=("contradiction",) if hits else (),
                other_new=len(new) - len(hits),
                seconds=run.seconds,
            )
        )
        if progress and n % 20 == 0:
            progress(f"  baseline: {n}/{len(pset.perturbations)} corpora")
    return base, outcomes


def warm_nli(folders: Sequence[Path], config: Config, cache: ModelCache, scorer: NLIScorer) -> int:
    """Score every candidate pair of every corpus through the NLI judge's cache in one batch, with one
    loaded model; the runs that follow then find every score cached and load no model (a run that
    missed one pair would load the NLI model, seconds each time). Returns the directed pairs scored."""
    from checker.judges.base import JudgeContext
    from checker.judges.nli import NLIJudge
    from eval.e2e.reach import candidates

    unique: dict[tuple[str, str], CandidatePair] = {}
    for folder in folders:
        for pair in candidates(folder, config, cache).pairs:
            unique.setdefault((pair.a.text, pair.b.text), pair)
    judge = NLIJudge(scorer, config.thresholds.nli_cut(), cache=cache, model_id=scorer.model_id)
    before = cache.stats["nli"].misses if "nli" in cache.stats else 0
    judge.judge_batch(list(unique.values()), JudgeContext.of([], []))
    return cache.stats["nli"].misses - before
