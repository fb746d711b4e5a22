"""The end-to-end runner on a small real sample: the checker catches a changed figure, stays quiet
on the same figure in other digits and on an added article, and the seeds score as the gold says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cache import ModelCache
from checker.config import Config
from checker.pipeline import check
from eval.e2e.corpus import SEEDS
from eval.e2e.gold import Gold
from eval.e2e.perturb import PerturbationSet
from eval.e2e.reach import candidates, reachable
from eval.e2e.runner import corpus_folders, run_pipeline, score_seeds, warm_embeddings


@pytest.fixture(scope="module")
def sample(pset: PerturbationSet) -> PerturbationSet:
    """The first number edit, the first digit-system control and the first added article."""
    wanted = [
        next(p for p in pset.perturbations if p.kind == k) for k in ("number", "digits", "added_article")
    ]
    return PerturbationSet(pset.base, tuple(wanted), pset.counts)


@pytest.fixture(scope="module")
def cache() -> Iterator[ModelCache]:
    store = ModelCache()
    yield store
    store.close()


def test_sample_runs_score_as_expected(sample: PerturbationSet, cache: ModelCache, tmp_path: Path) -> None:
    config = Config(nli="none")
    folders = corpus_folders(sample, tmp_path)
    warm_embeddings(list(folders.values()), config, cache)
    base, outcomes = run_pipeline(sample, folders, config, cache)
    by_kind = {o.kind: o for o in outcomes}
    assert not base.findings
    number = by_kind["number"]
    assert number.lenient and number.strict and number.kinds == ("number",) and number.other_new == 0
    assert not by_kind["digits"].lenient and not by_kind["added_article"].lenient


def test_candidate_mirror_matches_the_pipeline_and_reaches_the_edit(
    sample: PerturbationSet, cache: ModelCache, tmp_path: Path
) -> None:
    config = Config(nli="none")
    folders = corpus_folders(sample, tmp_path)
    number = sample.perturbations[0]
    found = candidates(folders[number.id], config, cache)
    report = check([folders[number.id]], config, cache=cache)
    assert len(found.pairs) == report.stats["candidate_pairs"]
    assert 0 < found.cross_article_candidates < found.cross_article_pairs
    assert reachable(found, number)


def test_seeds_as_given_against_the_gold(gold: Gold, cache: ModelCache) -> None:
    score = score_seeds(check([SEEDS], Config(nli="none"), cache=cache), gold)
    assert score.expected == 1 and score.found_strict == 1
    assert score.false_positives == ()
