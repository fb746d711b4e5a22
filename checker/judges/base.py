"""The judge protocol: one batch method over candidate pairs.

A judge looks at pairs of claims that the grouping stage says talk about the same
thing, and for each one either says nothing (None) or returns a Verdict: a kind,
a score in 0..1 and an explanation a person can read at a glance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from checker.types import CandidatePair, Claim, Document, Facts, Verdict


@dataclass(frozen=True)
class JudgeContext:
    """What a judge may need beyond the two claims."""

    documents: Mapping[str, Document]  # by Document.path
    facts: Mapping[str, Facts]  # by Claim.id


class PairJudge(Protocol):
    name: str

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        """One verdict (or None) per pair, in input order."""
        ...


class ClaimJudge(Protocol):
    """Judges single claims (e.g. an anachronism: a man dead since 1989 sends a letter in 2021)."""

    name: str

    def judge_claims(self, claims: Sequence[Claim], context: JudgeContext) -> list[Verdict | None]: ...
