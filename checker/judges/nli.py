"""The NLI judge: a candidate pair conflicts when the NLI model says "contradiction" either way.

Contradiction is symmetric but NLI models are not, so each pair is scored in both directions
(a as premise, then b) and the larger contradiction probability decides. The default threshold
(``config.thresholds.nli_contradiction``) is calibrated on ANS dev; see models/nli/MODEL_CARD.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.judges.base import JudgeContext
from checker.nli.scorer import NLIScorer
from checker.types import CandidatePair, Verdict


class NLIJudge:
    """Scores candidate pairs with an NLIScorer; a verdict when contradiction >= ``threshold``.

    Attributes:
        pairs_scored: NLI pairs run so far (two per candidate pair), for the report's stats.
    """

    name = "nli"
    kind = "contradiction"

    def __init__(self, scorer: NLIScorer, threshold: float = 0.9) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in 0..1, got {threshold}")
        self.scorer = scorer
        self.threshold = threshold
        self.pairs_scored = 0

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        """One verdict (or None) per pair, in input order."""
        if not pairs:
            return []
        premises = [p.a.text for p in pairs] + [p.b.text for p in pairs]
        hypotheses = [p.b.text for p in pairs] + [p.a.text for p in pairs]
        results = self.scorer.score_batch(premises, hypotheses)
        self.pairs_scored += len(results)
        n = len(pairs)
        model = self.scorer.model_id.split("@")[0]
        out: list[Verdict | None] = []
        for i in range(n):
            ab = results[i].scores["contradiction"]
            ba = results[n + i].scores["contradiction"]
            score = max(ab, ba)
            if score < self.threshold:
                out.append(None)
                continue
            out.append(
                Verdict(
                    judge=self.name,
                    kind=self.kind,
                    score=round(score, 4),
                    explanation=f"NLI ({model}): contradiction {ab:.2f} (a→b), {ba:.2f} (b→a)",
                )
            )
        return out
