"""The figure ledger: one finding per slot of an event (the killed, the injured, the arrested ...),
with every value the articles give it, not one finding per pair of sentences.

Reports of one event change over the day (a toll rises, an early estimate is corrected), hedge
("about 30"), give a part ("among them 3 workers") or a count "so far". The judge reads each figure
in its slot (``checker.facts.figures``) and decides per slot:

* **conflict** (high): firm values (exact, updated or a stated total) disagree, and the change is
  not explained by later reports saying they update earlier ones ("ارتفع عدد القتلى إلى 12");
* **updated** (low): every change of value comes from a later report that says it updates;
* **soft** (low): the firm values agree, but a hedged or preliminary figure is far from them
  ("about 30 injured, according to preliminary information" against the ministry's 9); or there is
  no firm value and two hedged ones are far apart ("more than 200 killed", "more than 600").

Parts (a breakdown by nationality, hospital or "among them") never enter a slot's total. The
finding lists first the claims of the value most likely wrong: the one the fewest articles give
(ties: not the latest, not an official's).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from checker.config import FigureScores, Thresholds
from checker.facts.figures import MEASURE_LABELS, PEOPLE_MEASURES, Figure
from checker.facts.render import gloss
from checker.judges.base import JudgeContext, JudgeSetup
from checker.judges.quantity import CLAIM_ALIGNMENT, words_beside
from checker.judges.scope import other_news_cycle, part_and_whole, set_apart
from checker.kb import KnowledgeBase, load_kb
from checker.text.overlap import overlap_coefficient
from checker.types import Claim, Document, Judgement, Ledger, LedgerEntry, TimeExpr, Verdict

_GROUP_LABELS = {
    "security": "security forces",
    "worker": "workers",
    "civilian": "civilians",
    "child": "children",
    "woman": "women",
    "protester": "protesters",
    "student": "students",
    "prisoner": "prisoners",
}


@dataclass(frozen=True)
class _Item:
    claim: Claim
    figure: Figure
    when: tuple[dt.date, dt.time] | None
    document: Document | None


def _when(document: Document | None) -> tuple[dt.date, dt.time] | None:
    if document is None or document.date is None:
        return None
    return document.date, document.time or dt.time(23, 59, 59)


def _published(document: Document | None) -> str | None:
    if document is None or document.date is None:
        return None
    if document.time is None:
        return document.date.isoformat()
    return f"{document.date.isoformat()} {document.time.strftime('%H:%M')}"


def _order(item: _Item) -> tuple[int, dt.date, dt.time, str, int]:
    if item.when is None:
        return (1, dt.date.max, dt.time.max, item.claim.document, item.figure.quantity.start)
    return (
        0,
        item.when[0],
        item.when[1],
        item.claim.document,
        item.figure.quantity.start + item.claim.span.start,
    )


def _recalls_earlier(times: Sequence[TimeExpr], day: dt.date) -> bool:
    """Does the claim date itself weeks or more before its article (an earlier event it recalls)?"""
    for t in times:
        if t.kind in ("date", "year") and t.date is not None and (day - t.date).days > 7:
            return True
        if t.kind == "date" and t.date is None and t.month is not None:
            # "منتصف يناير الماضي" in an article of 17 February: the whole month ended weeks before
            year = t.year if t.year is not None else day.year
            month_end = dt.date(year, t.month, calendar.monthrange(year, t.month)[1])
            if (day - month_end).days > 7:
                return True
        if t.kind == "year" and t.date is None and t.year is not None and t.year < day.year:
            return True
    return False


def _so_far(items: list[_Item]) -> list[_Item]:
    """An article that gives a value "so far" gives it so far wherever it repeats it (a headline
    "14 حالة وفاة" over a body "بلغ حتى الآن 14 حالة")."""
    provisional = {
        (i.claim.document, i.figure.quantity.value) for i in items if i.figure.status == "preliminary"
    }
    return [
        replace(i, figure=replace(i.figure, status="preliminary"))
        if i.figure.status == "exact" and (i.claim.document, i.figure.quantity.value) in provisional
        else i
        for i in items
    ]


def _span(item: _Item) -> tuple[int, int]:
    return item.figure.quantity.start, item.figure.quantity.end


def _label(measure: str, groups: tuple[str, ...]) -> str:
    name = MEASURE_LABELS[measure]
    return f"{name} ({', '.join(_GROUP_LABELS.get(g, g) for g in groups)})" if groups else name


class FigureJudge:
    """One finding per figure slot of an event whose values cannot all be true (a claim judge).

    Args:
        scores: the score of each verdict and how far a hedged figure may be from the firm one;
            the defaults of ``Thresholds().figures`` if None.
        cycle_hours: articles further apart are two news cycles (``checker.judges.scope``): their
            differences are low notes; ``Thresholds().news_cycle_hours`` if None.
        kb: the places that tell two reports apart (the project's KB if None; ``scope.elsewhere``).
    """

    name = "figures"
    kind = "number"

    def __init__(
        self,
        scores: FigureScores | None = None,
        cycle_hours: float | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.scores = scores if scores is not None else Thresholds().figures
        self.cycle_hours = cycle_hours if cycle_hours is not None else Thresholds().news_cycle_hours
        self.kb = kb if kb is not None else load_kb()

    @classmethod
    def build(cls, setup: JudgeSetup) -> FigureJudge:
        return cls(setup.config.thresholds.figures, setup.config.thresholds.news_cycle_hours, setup.kb)

    def judge_claims(self, claims: Sequence[Claim], context: JudgeContext) -> list[Judgement]:
        slots: dict[tuple[str, str, tuple[str, ...]], list[_Item]] = defaultdict(list)
        for claim in claims:
            sheet = context.facts.document(claim.document)
            event = (
                f"event {sheet.event}" if sheet is not None and sheet.event is not None else claim.document
            )
            document = context.documents.get(claim.document)
            seen: set[int] = set()
            facts = context.facts.of(claim)
            year = (sheet.event_date if sheet and sheet.event_date else None) or (
                document.date if document else None
            )
            for n, figure in enumerate(facts.slots):
                if figure.measure not in PEOPLE_MEASURES or figure.status == "partial" or figure.past:
                    continue
                framed = facts.figures[n].year if n < len(facts.figures) else None
                if framed is not None and year is not None and framed != year.year:
                    continue  # "في عام 2009 أصيب 13 سائحا": a figure of another year
                if year is not None and _recalls_earlier(facts.times, year):
                    continue  # "في أحداث يناير الماضي سقط أكثر من 40": an earlier event
                if any(g.startswith("of:") for g in figure.groups) or figure.quantity.start in seen:
                    continue
                seen.add(figure.quantity.start)
                key = (event, figure.measure, tuple(sorted(figure.groups)))
                slots[key].append(_Item(claim, figure, _when(document), document))
        out = []
        for (_, measure, groups), items in slots.items():
            items = _so_far(items)
            judgement = self._judge_slot(measure, groups, sorted(items, key=_order), context)
            if judgement is not None:
                out.append(judgement)
        return out

    # --- one slot ---------------------------------------------------------------------------

    def _judge_slot(
        self, measure: str, groups: tuple[str, ...], items: list[_Item], context: JudgeContext
    ) -> Judgement | None:
        if _every_article_alike(items):
            return None  # copies of one text, each giving every value: two things, not two reports
        # inside one article, a value it says it updates comes after the value it replaces
        firm = sorted(
            (i for i in items if i.figure.firm), key=lambda i: (_order(i)[:4], i.figure.status == "updated")
        )
        values = list(dict.fromkeys(i.figure.quantity.value for i in firm))
        if len(values) >= 2:
            verdict = "updated" if self._updates_explain(firm) else "conflict"
        elif len(values) == 1 and any(self._far(i.figure, values[0]) for i in items if not i.figure.firm):
            verdict = "soft"
        elif not values and self._hedges_apart(items):
            verdict = "soft"  # "more than 200 killed" and "more than 600": no firm figure, far apart
        else:
            return None
        support = Counter(i.figure.quantity.value for i in firm)
        latest = firm[-1].figure.quantity.value if firm and firm[-1].when is not None else None
        official = [i.figure.quantity.value for i in firm if i.figure.source]
        authoritative = Counter(official).most_common(1)[0][0] if official else None
        suspect = self._suspect(items, verdict, support, latest, authoritative, values)
        ordered = sorted(items, key=lambda i: (i.figure.quantity.value != suspect, _order(i)))
        claims = tuple(dict.fromkeys(i.claim for i in ordered))
        position = {c.id: n for n, c in enumerate(claims)}
        entries = tuple(
            LedgerEntry(
                value=i.figure.quantity.value,
                surface=i.figure.quantity.surface,
                status=i.figure.status,
                claim=position[i.claim.id],
                document=i.claim.document,
                published=_published(i.document),
                outlet=i.document.outlet if i.document else None,
                source=i.figure.source,
            )
            for i in items
        )
        label = _label(measure, groups)
        ledger = Ledger(measure, label, groups, entries, verdict, latest, authoritative)
        score = float(getattr(self.scores, verdict))
        verdict_obj = Verdict(
            judge=self.name,
            kind=self.kind,
            score=score,
            explanation=self._explain(ledger, suspect),
            highlights=tuple(dict.fromkeys((position[i.claim.id], *_span(i)) for i in items)),
            ledger=ledger,
            severity="high"
            if verdict == "conflict" and _reported_alike(firm, context, self.cycle_hours, self.kb)
            else "low",
        )
        key = f"{measure}|{','.join(groups)}|{items[0].claim.id}"
        return Judgement(claims, (verdict_obj,), key=key)

    def _updates_explain(self, firm: list[_Item]) -> bool:
        """Does every change of value come with a later report that says it updates?"""
        if any(i.when is None for i in firm):
            return False
        current = firm[0].figure.quantity.value
        for item in firm[1:]:
            value = item.figure.quantity.value
            if value == current:
                continue
            if item.figure.status != "updated" or value < current:
                return False
            current = value
        return True

    def _hedges_apart(self, items: list[_Item]) -> bool:
        """Two hedged figures of the slot further apart than a hedge allows (no firm one to weigh)."""
        hedged = [i.figure for i in items if i.figure.status == "hedged"]
        if len(hedged) < 2:
            return False
        low = min(hedged, key=lambda f: f.quantity.value)
        return self._far(low, max(f.quantity.value for f in hedged))

    def _far(self, figure: Figure, firm: float) -> bool:
        """A hedged or preliminary figure that the firm value does not bear out."""
        value = figure.quantity.value
        if figure.status == "preliminary":
            return value > firm  # a count "so far" may be lower than the final one
        tolerance = max(self.scores.hedge_slack, self.scores.hedge_tolerance * max(value, firm))
        return abs(value - firm) > tolerance

    @staticmethod
    def _suspect(
        items: list[_Item],
        verdict: str,
        support: Counter[float],
        latest: float | None,
        authoritative: float | None,
        values: list[float],
    ) -> float | None:
        """The value most likely wrong: the one the fewest articles give, not the latest nor an
        official's; for a soft disagreement, the hedged or preliminary value."""
        if verdict == "soft":
            soft = [i for i in items if not i.figure.firm]
            return soft[0].figure.quantity.value if soft else None
        if verdict == "updated":
            return values[0]  # the superseded first report
        return min(values, key=lambda v: (support[v], v == latest, v == authoritative, values.index(v)))

    @staticmethod
    def _explain(ledger: Ledger, suspect: float | None) -> str:
        by_value: dict[float, list[LedgerEntry]] = defaultdict(list)
        for e in ledger.entries:
            by_value[e.value].append(e)
        parts = []
        for value, entries in by_value.items():
            articles = len({e.document for e in entries})
            statuses = sorted({e.status for e in entries} - {"exact", "cumulative"})
            how = f" ({', '.join(statuses)})" if statuses else ""
            parts.append(f"{gloss(value)} in {articles} article{'s' if articles != 1 else ''}{how}")
        head = {
            "conflict": f"{ledger.label}: the reports disagree",
            "updated": f"{ledger.label}: the figure was updated during the day",
            "soft": f"{ledger.label}: a hedged or preliminary figure disagrees with the firm one",
        }[ledger.verdict]
        tail = []
        if ledger.latest is not None:
            tail.append(f"the latest report says {gloss(ledger.latest)}")
        if ledger.authoritative is not None:
            tail.append(f"an official source says {gloss(ledger.authoritative)}")
        if suspect is not None and ledger.verdict == "conflict":
            tail.append(f"{gloss(suspect)} is the odd one out")
        return f"{head}: {'; '.join(parts)}." + (f" {'; '.join(tail).capitalize()}." if tail else "")


def _every_article_alike(items: Sequence[_Item]) -> bool:
    """Do two or more articles each give the very same values of the slot? Then no article disagrees
    with another: the slot holds two different things of one text ("۱۳۲۷۷۰ نفر از شهدا" and, in an
    age bracket, "۱۶ تا ۲۰ سال"), misread as one measure."""
    values: dict[str, set[float]] = defaultdict(set)
    for i in items:
        values[i.claim.document].add(i.figure.quantity.value)
    sets = list(values.values())
    return len(sets) >= 2 and len(sets[0]) >= 2 and all(v == sets[0] for v in sets)


SHARED_WORDS = 4  # words beside the figures that two reports of one thing share


def _reported_alike(
    firm: Sequence[_Item], context: JudgeContext, cycle_hours: float, kb: KnowledgeBase
) -> bool:
    """Do two sentences of two articles that give different values read as reports of one thing
    (they share most of their words beside the figures), in one news cycle?

    An event groups articles, and among unrelated articles of a day it may group two road
    accidents or two arrests in two provinces; their tolls differ without any article being wrong.
    A conflict is sure only when some pair of differing reports is worded alike: most of their words
    beside the figures shared, or at least ``SHARED_WORDS`` of them ("18 tourists killed when a
    balloon fell in Luxor" against "19 tourists ..."), or, an Arabic and a Persian report, naming one
    place or person of the knowledge base; else it is a note to check. So is a pair
    published more than ``cycle_hours`` apart: a toll a day later, or a clash in Aden on Thursday and
    another on Saturday, is as often a new figure or another event as a wrong one; and so is a pair
    set in two different places, named in the sentences or in their articles' headline and lead
    (``checker.judges.scope``).
    """
    for x, y in combinations(firm, 2):
        if x.figure.quantity.value == y.figure.quantity.value or x.claim.document == y.claim.document:
            continue
        if other_news_cycle(x.claim, y.claim, context, cycle_hours):
            continue
        if set_apart(x.claim, y.claim, context, kb):
            continue  # arrests at a protest in Gharbia and at one in Alexandria
        facts_x, facts_y = context.facts.of(x.claim), context.facts.of(y.claim)
        if part_and_whole(x.claim, facts_x, y.claim, facts_y, kb):
            continue  # seizures nationwide and those of one governorate
        if x.claim.lang != y.claim.lang:
            # across languages no words are shared: the same named places or people are the sign
            # that an Arabic and a Persian report tell of one thing ("18 in Luxor", "۱۹ ... در اقصر")
            if {m.entity_id for m in facts_x.mentions} & {m.entity_id for m in facts_y.mentions}:
                return True
            continue
        words_x = words_beside(x.claim, facts_x)
        words_y = words_beside(y.claim, facts_y)
        shared = words_x & words_y
        if len(shared) >= SHARED_WORDS or overlap_coefficient(words_x, words_y) >= CLAIM_ALIGNMENT:
            return True
    return False
