"""Whether two reports can speak of one thing at all: the same news cycle, the same place.

Real coverage puts many events of one kind side by side (two road accidents, two police
campaigns, this week's treasury bills and last week's). Before two figures or two dates are set
against each other as one fact reported twice, the judges ask two cheap questions:

* were the two articles published in one news cycle (``Thresholds.news_cycle_hours``)? Figures
  and dates of articles further apart are as often a later day's figure or another event of the
  same kind as a wrong one: a note (low), not a finding;
* do the two claims name places, and none in common (nor one inside the other)? A seizure in
  Sohag and one in Luxor are two seizures. A claim that names no place is set where its article is
  (the places of its headline and lead, ``DocumentFacts.scene``): "the explosion left 30 dead and 25
  wounded" of a Baghdad bus bomb and "29 wounded" of a Kabul one are two explosions. Undated
  articles have no news cycle to tell their events apart, and this is then the only sign.
"""

from __future__ import annotations

import datetime as dt

from checker.judges.base import JudgeContext
from checker.kb import KnowledgeBase
from checker.types import Claim, Document, Facts


def hours_apart(a: Document | None, b: Document | None) -> float | None:
    """How far apart two articles were published (by the day when either has no time), or None
    when either is undated."""
    if a is None or b is None or a.date is None or b.date is None:
        return None
    if a.time is None or b.time is None:
        return abs((a.date - b.date).days) * 24.0
    seconds = (dt.datetime.combine(a.date, a.time) - dt.datetime.combine(b.date, b.time)).total_seconds()
    return abs(seconds) / 3600


def other_news_cycle(a: Claim, b: Claim, context: JudgeContext, cycle_hours: float) -> bool:
    """Do two claims come from articles published more than ``cycle_hours`` apart?"""
    if a.document == b.document:
        return False
    hours = hours_apart(context.documents.get(a.document), context.documents.get(b.document))
    return hours is not None and hours > cycle_hours


def places(facts: Facts, kb: KnowledgeBase) -> frozenset[str]:
    """The places a claim names (knowledge-base ids)."""
    return frozenset(
        m.entity_id for m in facts.mentions if (e := kb.get(m.entity_id)) is not None and e.type == "place"
    )


def apart(pa: frozenset[str], pb: frozenset[str], kb: KnowledgeBase) -> bool:
    """Are both sets of places given, with none in common nor one inside another's?"""
    if not pa or not pb:
        return False
    return not any(x == y or kb.within(x, y) or kb.within(y, x) for x in pa for y in pb)


def elsewhere(facts_a: Facts, facts_b: Facts, kb: KnowledgeBase) -> bool:
    """Do both claims name places, and none in common nor one inside another's?"""
    return apart(places(facts_a, kb), places(facts_b, kb), kb)


def setting(claim: Claim, context: JudgeContext, kb: KnowledgeBase) -> frozenset[str]:
    """Where a claim is set: the places it names, else its article's scene."""
    own = places(context.facts.of(claim), kb)
    if own:
        return own
    sheet = context.facts.document(claim.document)
    return sheet.scene if sheet is not None else frozenset()


def set_apart(a: Claim, b: Claim, context: JudgeContext, kb: KnowledgeBase) -> bool:
    """Are two claims of two articles set in different places (``setting``)?"""
    if a.document == b.document:
        return False
    return apart(setting(a, context, kb), setting(b, context, kb), kb)
