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
  articles have no news cycle to tell their events apart, and this is then the only sign;
* is one figure the whole country's and the other one province's or city's? "13 million students
  nationwide" and "1,370 disabled students in South Khorasan" are the whole and a part, whatever
  places the sentences share (the provincial official who gives the national figure);
* does one of the two report what was said or planned before ("it had been said the games would
  be held in Ordibehesht", "كان من المقرر أن تعقد الجلسة الأحد")? The other may be the news that
  replaced it: a note, not a finding.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from checker.facts.phrases import PhraseTable
from checker.judges.base import JudgeContext
from checker.kb import KnowledgeBase
from checker.text.tokens import tokenize
from checker.types import Claim, Document, Facts

# Phrases that set a figure at the level of a whole country (a phrase table: matched on folded
# tokens, so Arabic and Persian spellings of ي/ی and ك/ک are one). Not the bare "national"
# adjectives: "تیم ملی", "کنکور سراسری" and "الوطني" name things, not the scope of a count.
NATIONWIDE_PHRASES = (
    "سطح کشور",
    "سراسر کشور",
    "کل کشور",
    "در کشور",
    "استان‌های کشور",
    "مستوى الجمهورية",
    "أنحاء الجمهورية",
    "محافظات الجمهورية",
    "مستوى البلاد",
    "أنحاء البلاد",
    "جميع المحافظات",
    "كافة المحافظات",
    "مستوى المحافظات",
)


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


def nationwide(claim: Claim) -> bool:
    """Does a claim give its figure for a whole country ("در سطح کشور", "على مستوى الجمهورية")?"""
    return _says(NATIONWIDE_PHRASES, claim.text, claim.lang)


def part_and_whole(a: Claim, facts_a: Facts, b: Claim, facts_b: Facts, kb: KnowledgeBase) -> bool:
    """Is one claim's figure nationwide and the other's set in a place inside a country (a province
    or city: a knowledge-base place that is part of another)? Then they count a whole and a part."""
    wide_a, wide_b = nationwide(a), nationwide(b)
    if wide_a == wide_b:
        return False
    local = places(facts_b if wide_a else facts_a, kb)
    return any((e := kb.get(place)) is not None and e.part_of for place in local)


# Phrases that mark a statement as an earlier one, since replaced: a plan ("قرار بود", "كان من
# المقرر"), or what "had been announced" before ("قبلا ذکر شده بود", "سبق أن أعلن").
SUPERSEDED_PHRASES = (
    "قبلا",
    "پیش از این",
    "پیشتر",
    "قرار بود",
    "اعلام شده بود",
    "گفته شده بود",
    "ذکر شده بود",
    "كان من المقرر",
    "كان مقررا",
    "كان من المفترض",
    "كان مفترضا",
    "سبق أن أعلن",
    "سبق وأن أعلن",
    "كان قد أعلن",
    "كانت قد أعلنت",
    "في وقت سابق",
)


def superseded(a: Claim, b: Claim) -> bool:
    """Does either claim report an earlier statement or plan, which the other may have replaced?"""
    return any(_says(SUPERSEDED_PHRASES, c.text, c.lang) for c in (a, b))


@cache
def _table(phrases: tuple[str, ...]) -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(phrases, True), clitics=False)


# asked of the same claims pair after pair: once per claim
@lru_cache(maxsize=1 << 15)
def _says(phrases: tuple[str, ...], text: str, lang: str) -> bool:
    """Does ``text`` hold one of ``phrases`` (whole words)?"""
    tokens = tokenize(text)
    return bool(_table(phrases).hits(tokens, 0, len(tokens) - 1, lang))
