"""Which claim pairs the checker would judge, without judging them: candidate pairs and reachability.

The pairs are the ones ``checker.check`` reports in ``Report.pairs``, from a run with no judge
(``Config.judges = ()``): grouping exactly as a real run does it, and nothing judged.

A perturbation is **reachable** when one of its candidate pairs joins the edited claim to one of
its counterparts: the judges get to see the conflict at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.cache import ModelCache, NoCache
from checker.config import Config
from checker.pipeline import check
from checker.types import CandidatePair, Claim
from eval.e2e.corpus import claims_touching
from eval.e2e.perturb import Perturbation


@dataclass(frozen=True)
class Candidates:
    claims: tuple[Claim, ...]
    pairs: tuple[CandidatePair, ...]
    events: tuple[tuple[str, ...], ...]

    @property
    def cross_article_pairs(self) -> int:
        """All pairs of claims from two different articles (what an exhaustive method judges)."""
        per_doc: dict[str, int] = {}
        for c in self.claims:
            per_doc[c.document] = per_doc.get(c.document, 0) + 1
        n = len(self.claims)
        return (n * n - sum(k * k for k in per_doc.values())) // 2

    @property
    def cross_article_candidates(self) -> int:
        return sum(p.a.document != p.b.document for p in self.pairs)


def candidates(folder: Path, config: Config, cache: ModelCache | NoCache) -> Candidates:
    """The candidate pairs ``check`` would judge for the articles under ``folder``."""
    report = check([folder], config.model_copy(update={"judges": ()}), cache=cache)
    return Candidates(report.claims, report.pairs, report.events)


def reachable(found: Candidates, p: Perturbation) -> bool:
    """Does a candidate pair join the edited claim to one of its counterparts?"""
    if p.edit is None:
        return False
    edited = {c.id for c in claims_touching(found.claims, p.edit.document, p.edit.start, p.edit.new_end)}
    partners = p.counterpart_starts()
    for pair in found.pairs:
        for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
            if x.id in edited and (Path(y.document).name, y.span.start) in partners:
                return True
    return False
