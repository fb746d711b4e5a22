"""The exhaustive baseline: every cross-article sentence pair through the NLI model, SummaC-ZS style.

SummaC-ZS (Laban et al. 2022) splits both texts into sentences, scores every (premise sentence,
hypothesis sentence) pair with an NLI model and reads the matrix out. Here every article is the
other's premise: all pairs of claims from two different articles, in both directions, with the
same NLI model and the same decision rule as the checker's NLI judge (contradiction, the larger
of the two directions, at or above ``thresholds.nli_contradiction``). No embeddings, no events,
no structured judges: what brute force buys, and what it costs in NLI calls and seconds.

The sentences are the checker's own claims, so both methods see the same units and a detection
means the same thing: a flagged pair that includes the edited claim.

Scores go through the content-hash cache under the NLI judge's own namespace and keys (model id,
directed pair), so a pair scored once is never scored again, by either method; the cold timing
is measured with ``use_cache=False``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.cache import ModelCache, content_hash
from checker.nli.data import LABELS
from checker.nli.scorer import NLIScorer
from checker.types import Claim

NAMESPACE = "nli"  # the NLI judge's namespace: same model id, same directed-pair key, same rows
_CONTRADICTION = LABELS.index("contradiction")


def pair_key(premise: str, hypothesis: str) -> str:
    """The NLI judge's cache key for a directed pair (checker/judges/nli.py)."""
    return content_hash(f"{premise}\u241e{hypothesis}")


@dataclass(frozen=True)
class FlaggedPair:
    a: Claim
    b: Claim
    score: float  # max contradiction probability over both directions


@dataclass(frozen=True)
class BaselineRun:
    pairs: int  # unordered cross-article claim pairs
    nli_calls: int  # directed pairs the model actually scored in this run (cache misses)
    flagged: tuple[FlaggedPair, ...]
    seconds: float


def cross_article_pairs(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Every unordered pair of claims from two different articles."""
    return [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :] if a.document != b.document]


class ExhaustiveNLI:
    """Scores all cross-article claim pairs of a corpus with one loaded NLI scorer.

    Args:
        scorer: the NLI model (loaded once by the caller and reused for every corpus).
        threshold: contradiction probability that flags a pair (the judge's, for a fair comparison).
        cache: where scores are kept between corpora and runs; None scores everything.
    """

    def __init__(self, scorer: NLIScorer, threshold: float, cache: ModelCache | None = None) -> None:
        self.scorer = scorer
        self.threshold = threshold
        self.cache = cache

    def _scores(self, premises: list[str], hypotheses: list[str], use_cache: bool) -> tuple[np.ndarray, int]:
        calls = 0

        def compute(missing: list[int]) -> np.ndarray:
            nonlocal calls
            calls += len(missing)
            results = self.scorer.score_batch(
                [premises[i] for i in missing], [hypotheses[i] for i in missing]
            )
            return np.array([[r.scores[lab] for lab in LABELS] for r in results], dtype=np.float32)

        if not premises:
            return np.zeros((0, len(LABELS)), dtype=np.float32), 0
        if self.cache is None or not use_cache:
            rows = compute(list(range(len(premises))))
            if self.cache is not None:  # a cold run still leaves its scores for the next one
                keys = [pair_key(p, h) for p, h in zip(premises, hypotheses, strict=True)]
                self.cache.put_many(NAMESPACE, self.scorer.model_id, dict(zip(keys, rows, strict=True)))
            return rows, calls
        keys = [pair_key(p, h) for p, h in zip(premises, hypotheses, strict=True)]
        return self.cache.cached_compute(NAMESPACE, self.scorer.model_id, keys, compute), calls

    def run(self, claims: Sequence[Claim], use_cache: bool = True) -> BaselineRun:
        start = time.perf_counter()
        pairs = cross_article_pairs(claims)
        premises = [a.text for a, _ in pairs] + [b.text for _, b in pairs]
        hypotheses = [b.text for _, b in pairs] + [a.text for a, _ in pairs]
        rows, calls = self._scores(premises, hypotheses, use_cache)
        n = len(pairs)
        flagged = []
        for i, (a, b) in enumerate(pairs):
            score = float(max(rows[i, _CONTRADICTION], rows[n + i, _CONTRADICTION]))
            if score >= self.threshold:
                flagged.append(FlaggedPair(a, b, round(score, 4)))
        return BaselineRun(n, calls, tuple(flagged), round(time.perf_counter() - start, 3))


def touching(run: BaselineRun, claim_ids: set[str]) -> list[FlaggedPair]:
    """The flagged pairs that include one of ``claim_ids``."""
    return [f for f in run.flagged if f.a.id in claim_ids or f.b.id in claim_ids]


def names(run: BaselineRun) -> list[tuple[str, int, str, int]]:
    """Flagged pairs as (file, line, file, line), for reports."""
    return [
        (Path(f.a.document).name, f.a.span.line, Path(f.b.document).name, f.b.span.line) for f in run.flagged
    ]
