"""Which claim pairs the checker would judge, without judging them: candidate pairs and reachability.

``Report`` counts candidate pairs but does not list them, so this module repeats the pipeline's
stages up to grouping (``checker.pipeline.check``: ingest, claims, embeddings through the cache,
facts, people, events, candidate pairs) with the pipeline's own functions. If ``check`` changes
how it builds pairs, this must follow; ``tests/eval/test_reach.py`` compares the pair count with
the count ``check`` reports.

A perturbation is **reachable** when one of its candidate pairs joins the edited claim to one of
its counterparts: the judges get to see the conflict at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.cache import ModelCache, NoCache
from checker.config import Config
from checker.group import candidate_pairs, group_events
from checker.kb import load_kb
from checker.pipeline import embed_claims, extract_facts, people_by_document
from checker.types import CandidatePair, Claim
from eval.e2e.corpus import claims_touching, read_claims
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
    documents, claims = read_claims(folder, config)
    if not claims:
        return Candidates((), (), ())
    vectors = embed_claims(claims, config, cache)
    kb = load_kb([Path(p) for p in config.kb])
    facts = extract_facts(claims, {d.path: d for d in documents}, kb)
    actors = people_by_document(claims, facts, kb)
    events, _ = group_events(documents, claims, vectors, config.thresholds, actors)
    pairs = candidate_pairs(claims, vectors, events, config.thresholds)
    return Candidates(tuple(claims), tuple(pairs), tuple(events))


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
