"""The judge protocols: one batch method each, and what a judge is given to decide and to be built.

* A **pair judge** looks at candidate pairs (two claims the grouping stage says talk about the same
  thing) and for each says nothing (None) or returns a Verdict: a kind, a score in 0..1 and an
  explanation a person can read at a glance.
* A **claim judge** looks at the claims of the run on their own or inside their article (a man dead
  since 1989 sends a letter in 2021; "today, Thursday" against "yesterday, Sunday" in one article)
  and returns Judgements: the one or two claims it flags, with its verdict.

A judge class is built from a ``JudgeSetup`` by its ``build`` class method, which may return None
when the judge is switched off (the NLI judge with ``nli = "none"``). ``checker.judges.JUDGES``
lists them by name; the pipeline runs the names in ``Config.judges``, in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from checker.facts.stage import FactSheet, extract_facts
from checker.types import CandidatePair, Claim, Document, Judgement, Verdict

if TYPE_CHECKING:
    from checker.cache import ModelCache, NoCache
    from checker.config import Config
    from checker.kb import KnowledgeBase


@dataclass(frozen=True)
class JudgeContext:
    """What a judge may read beyond the claims: their articles and the facts stage's sheet."""

    documents: Mapping[str, Document]  # by Document.path
    facts: FactSheet

    @classmethod
    def of(
        cls,
        documents: Sequence[Document],
        claims: Sequence[Claim],
        kb: KnowledgeBase | None = None,
        events: Sequence[tuple[str, ...]] = (),
    ) -> JudgeContext:
        """The context for judging ``claims`` of ``documents`` on their own (tests, notebooks):
        the facts stage run on them, with event dates when ``events`` (groups of paths) are given."""
        by_path = {d.path: d for d in documents}
        facts = extract_facts(claims, by_path, kb)
        return cls(by_path, facts.with_events(documents, events) if events else facts)


@dataclass(frozen=True)
class JudgeSetup:
    """What a judge may need to be built: the run's settings, knowledge base and model cache."""

    config: Config
    kb: KnowledgeBase
    cache: ModelCache | NoCache


@runtime_checkable
class PairJudge(Protocol):
    name: str

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        """One verdict (or None) per pair, in input order."""
        ...


@runtime_checkable
class ClaimJudge(Protocol):
    name: str

    def judge_claims(self, claims: Sequence[Claim], context: JudgeContext) -> list[Judgement]:
        """The claims (one, or two of one article) this judge flags, each with its verdict."""
        ...


Judge = PairJudge | ClaimJudge


class JudgeClass(Protocol):
    """A judge class: builds its judge for a run, or None when the run switches it off."""

    def build(self, setup: JudgeSetup) -> Judge | None: ...
