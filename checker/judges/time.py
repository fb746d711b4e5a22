"""The time judge: dates that cannot both be right.

Three checks, each quiet unless the evidence is specific:

1. **Same figure, other year** (pair judge). Two claims give the same figure for the
   same thing (``ملياري دولار`` of trade in both) but date it differently (2020 against
   2019): one year is wrong. Different figures for different years are simply two
   figures, and small counts and ordinals are left out (a "first visit" in 2019 and
   another in 2021 can both be true).

2. **Same event, other date** (pair judge). A date, month, year or weekday that frames
   no figure dates an event. A time of one claim that agrees with no time of the
   other, facing a time of the other that agrees with none either, conflicts when the
   two are about the same thing: in one language, the words around them overlap; across
   Arabic and Persian, both claims name the same event concept (arrival, signing,
   visit, ...) and each has only one such time. Relative days (``أمس``, ``دیروز``) take
   part only once resolved -- by the document's date, or, for the weekday, by the
   article's own anchor (``اليوم الاثنين`` makes every ``أمس`` of that article a Sunday).
   Offsets are never compared raw: "yesterday" in one article and "the day before
   yesterday" in another may be the same day.
   A price or an index is read anew every day: two claims that both read one are two
   readings, not one event (the day's chicken prices and another day's).

3. **Weekdays inside one article** (the claim judge ``ArticleTimeJudge``, through
   ``check_document_times``). Each relative day with a weekday names the weekday of
   publication: ``اليوم الاثنين`` and ``أمس الأحد`` both say Monday; ``اليوم الخميس`` with
   ``أمس الأحد`` cannot both hold. When the article's date is known, each is checked
   against it; a date given with its weekday (``الاثنين 16 فبراير 2021``) is checked too.
   A relative day inside a quotation («... غدا الأحد») is the speaker's, who may have
   spoken on another day: against the article's date it is a note, not a finding.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker.config import Thresholds, TimeScores
from checker.facts import lexicon
from checker.facts.calendar import WEEKDAY_NAMES_EN
from checker.facts.context import claim_concepts, content_words, context_words
from checker.facts.frames import FramedQuantity, framing_times
from checker.facts.stage import FactSheet
from checker.facts.times import TimeParts, anchor_evidence, parts_of
from checker.judges.base import JudgeContext, JudgeSetup
from checker.judges.quantity import (
    CONTEXT_MIN_SHARED,
    CONTEXT_OVERLAP,
    claims_aligned,
    describe,
    label,
    same_thing,
    twins,
)
from checker.judges.quantity import values_agree as quantity_values_agree
from checker.judges.scope import other_news_cycle, set_apart, superseded
from checker.kb import KnowledgeBase, load_kb
from checker.text.overlap import overlap_coefficient
from checker.text.segment import quote_spans
from checker.types import CandidatePair, Claim, Document, Facts, Judgement, TimeExpr, Verdict

CLAIM_OVERLAP = 0.5  # share of content words two claims must have in common to date the same event

# ----------------------------------------------------------------------------- comparable parts


@dataclass(frozen=True)
class When:
    """What a time expression pins down, in comparable parts."""

    time: TimeExpr
    date: dt.date | None = None
    year: int | None = None  # Gregorian
    calendar: str = "gregorian"  # the calendar the year is compared in
    written: str | None = None  # the calendar the expression was written in, if it names one
    stated_year: int | None = None  # the year as written, in that calendar
    month: tuple[str, int] | None = None  # (calendar, month)
    day: int | None = None  # with month
    weekday: int | None = None

    def empty(self) -> bool:
        return self.date is None and self.year is None and self.month is None and self.weekday is None


def when_of(t: TimeExpr, lang: str, anchor: int | None = None) -> When:
    """The comparable parts of ``t``; ``anchor`` is the article's weekday of publication."""
    parts: TimeParts | None = parts_of(t.surface, lang)
    calendar = parts.calendar if parts is not None else "gregorian"
    weekday = t.weekday
    if weekday is None and anchor is not None and t.kind == "relative" and t.offset_days is not None:
        weekday = (anchor + t.offset_days) % 7
    written = calendar if parts is not None and parts.kind in ("date", "month", "year") else None
    stated = parts.year if parts is not None else None
    if (
        t.date is not None
        and t.kind == "relative"
        and t.weekday is not None
        and (t.weekday + 1) % 7 == t.date.weekday()
    ):
        # "today, Tuesday" in copy filed on Tuesday and dated Wednesday: the weekday it names is the day
        t = replace(t, date=t.date - dt.timedelta(days=1))
    if t.date is not None:
        return When(
            t,
            t.date,
            t.date.year,
            "gregorian",
            written,
            stated,
            ("gregorian", t.date.month),
            t.date.day,
            weekday,
        )
    month = None
    day = None
    if parts is not None and parts.month is not None:
        month = (parts.calendar, parts.month)
        day = parts.day
    year = t.year
    if t.kind == "relative" and t.offset_days is not None:
        year = None
    return When(t, None, year, calendar, written, stated, month, day, weekday)


def compare(a: When, b: When) -> bool | None:
    """True when ``a`` and ``b`` agree, False when they conflict, None when nothing is shared."""
    if a.date is not None and b.date is not None:
        # the same date with two weekdays: one of them is wrong
        return a.date == b.date and (a.weekday is None or b.weekday is None or a.weekday == b.weekday)
    shared = False
    if a.year is not None and b.year is not None:
        shared = True
        if a.calendar == b.calendar:
            if a.year != b.year:
                return False
        elif abs(a.year - b.year) > 1:  # a Jalali or Hijri year straddles two Gregorian ones
            return False
    if a.month is not None and b.month is not None and a.month[0] == b.month[0]:
        shared = True
        if a.month[1] != b.month[1]:
            return False
        if a.day is not None and b.day is not None and a.day != b.day:
            return False
    if a.weekday is not None and b.weekday is not None:
        shared = True
        if a.weekday != b.weekday:
            return False
    return True if shared else None


_CALENDAR_TAGS = {"jalali": "SH", "hijri": "AH"}


def render(w: When) -> str:
    """An English reading of what a time pins down: 2019-12-30, Sunday, 2020, 17/4/1325 AH."""
    if w.date is not None:
        text = w.date.isoformat()
        if w.time.kind in ("relative", "weekday") and w.weekday is not None:
            text = f"{WEEKDAY_NAMES_EN[w.weekday]}, {text}"
        return text
    bits = []
    if w.weekday is not None:
        bits.append(WEEKDAY_NAMES_EN[w.weekday])
    tag = _CALENDAR_TAGS.get(w.written or "", "")
    year = w.stated_year if w.stated_year is not None else w.year
    if w.month is not None:
        day = f"{w.day}/" if w.day is not None else ""
        bits.append(
            f"{day}{w.month[1]}" + (f"/{year}" if year is not None else "") + (f" {tag}" if tag else "")
        )
    elif year is not None:
        bits.append(f"{-year} BC" if year < 0 else f"{year}" + (f" {tag}" if tag else ""))
    return ", ".join(bits) or w.time.kind


# ----------------------------------------------------------------------------- pair judge


def _distinctive(f: FramedQuantity) -> bool:
    """A figure specific enough that the same value twice means the same figure."""
    q = f.quantity
    if q.kind == "ordinal":
        return False
    if q.kind in ("money", "percent") or q.unit is not None:
        return True
    return q.value >= 10 and not (q.value == int(q.value) and q.value < 100 and not f.subject.concepts)


def figure_year_conflicts(
    fa: Sequence[FramedQuantity], fb: Sequence[FramedQuantity], same_language: bool
) -> list[tuple[FramedQuantity, FramedQuantity]]:
    """Pairs of one figure dated to two different years."""
    out = []
    for x in fa:
        for y in fb:
            if x.year is None or y.year is None or x.year_time is None or y.year_time is None:
                continue
            if not (_distinctive(x) and _distinctive(y)):
                continue
            if same_thing(x, y, same_language) is None or not quantity_values_agree(x, y):
                continue
            same_cal = (x.calendar or "gregorian") == (y.calendar or "gregorian")
            if (x.year != y.year) if same_cal else abs(x.year - y.year) > 1:
                out.append((x, y))
    return out


def _same_event(a: Claim, b: Claim, ta: TimeExpr, tb: TimeExpr, single: bool) -> bool:
    concepts_a, concepts_b = claim_concepts(a.text, a.lang), claim_concepts(b.text, b.lang)
    if concepts_a & concepts_b & lexicon.READING_CONCEPTS:
        return False  # the day's chicken prices and another day's: two readings, not one event misdated
    events = lexicon.EVENT_CONCEPTS
    ea, eb = concepts_a & events, concepts_b & events
    if ea and eb and not ea & eb:
        return False  # a delivery today and a start yesterday are two events, whoever made them
    if a.lang == b.lang:
        ca = context_words(a.text, a.lang, ta.start, ta.end)
        cb = context_words(b.text, b.lang, tb.start, tb.end)
        shared = len(ca & cb)
        # with one time on each side, one shared word around them is enough; and the claims as a
        # whole must say much the same, or a shared name ("محمدرضا شجریان در سال ...") would do
        near = overlap_coefficient(ca, cb) >= CONTEXT_OVERLAP and (
            shared >= CONTEXT_MIN_SHARED or single and shared >= 1
        )
        if (
            near
            and overlap_coefficient(content_words(a.text, a.lang), content_words(b.text, b.lang))
            >= CLAIM_OVERLAP
        ):
            return True
    return single and bool(ea & eb)


class TimeJudge:
    """Flags aligned claims whose dates for the same figure or event differ (PairJudge).

    Relative days take part once resolved: by the article's date, or for the weekday by the
    weekday of publication the facts stage found in the article's own words.

    Args:
        scores: how sure each kind of conflict makes it; the defaults of ``Thresholds().time``
            if None.
        kb: names whose a figure is in explanations (the project's KB if None).
        cycle_hours: articles further apart are two news cycles (``checker.judges.scope``): their
            differences are low notes; ``Thresholds().news_cycle_hours`` if None.
    """

    name = "time"
    kind = "date"

    def __init__(
        self,
        scores: TimeScores | None = None,
        kb: KnowledgeBase | None = None,
        cycle_hours: float | None = None,
    ) -> None:
        self.scores = scores if scores is not None else Thresholds().time
        self.kb = kb if kb is not None else load_kb()
        self.cycle_hours = cycle_hours if cycle_hours is not None else Thresholds().news_cycle_hours

    @classmethod
    def build(cls, setup: JudgeSetup) -> TimeJudge:
        return cls(setup.config.thresholds.time, setup.kb, setup.config.thresholds.news_cycle_hours)

    @staticmethod
    def _anchor(claim: Claim, context: JudgeContext) -> int | None:
        sheet = context.facts.document(claim.document)
        return sheet.weekday if sheet is not None else None

    def judge_pair(
        self,
        a: Claim,
        b: Claim,
        facts_a: Facts,
        facts_b: Facts,
        anchor_a: int | None = None,
        anchor_b: int | None = None,
    ) -> Verdict | None:
        if not facts_a.times or not facts_b.times:
            return None
        same_language = a.lang == b.lang
        fa, fb = facts_a.figures, facts_b.figures

        figure = figure_year_conflicts(fa, fb, same_language)
        for fx, fy in figure:
            if fx.year_time is None or fy.year_time is None:
                continue
            subject = fx.subject if fx.subject.concepts else fy.subject
            what = label(subject, fx.quantity.kind, self.kb)
            explanation = (
                f"{what} of {describe(fx.quantity)} is dated differently: "
                f'"{fx.year_time.surface}" ({fx.year}) vs "{fy.year_time.surface}" ({fy.year}).'
            )
            highlights = (
                (0, fx.year_time.start, fx.year_time.end),
                (1, fy.year_time.start, fy.year_time.end),
            )
            # in one language, a figure's year read from two different sentences may be the year of
            # another figure beside it ("13% ... 8.9% in 2010"): sure only in a copied sentence
            copied = not same_language or bool(twins([fx.context], [fy.context], [(0, 0)]))
            severity = None if copied else "low"
            return Verdict(
                self.name, self.kind, self.scores.figure_year, explanation, highlights, severity=severity
            )

        frames_a, frames_b = framing_times(fa), framing_times(fb)
        wa = [when_of(t, a.lang, anchor_a) for t in facts_a.times if (t.start, t.end) not in frames_a]
        wb = [when_of(t, b.lang, anchor_b) for t in facts_b.times if (t.start, t.end) not in frames_b]
        wa = [w for w in wa if not w.empty()]
        wb = [w for w in wb if not w.empty()]
        if not wa or not wb:
            return None
        verdicts = [[compare(x, y) for y in wb] for x in wa]
        # a time is settled by an agreeing time written in the same calendar: "۳۱ شهریور ۱۳۵۸"
        # is not settled by the "22 سبتمبر 1980" the other claim gives beside its own Jalali date
        settles = [
            [
                v is True and (x.written is None or y.written is None or x.written == y.written)
                for y, v in zip(wb, row, strict=True)
            ]
            for x, row in zip(wa, verdicts, strict=True)
        ]
        settled_a = {i for i, row in enumerate(settles) if any(row)}
        settled_b = {j for j in range(len(wb)) if any(settles[i][j] for i in range(len(wa)))}
        single = len(wa) == 1 and len(wb) == 1
        paired: dict[int, int] = {}
        if a.lang == b.lang:
            ctx_a = [context_words(a.text, a.lang, w.time.start, w.time.end) for w in wa]
            ctx_b = [context_words(b.text, b.lang, w.time.start, w.time.end) for w in wb]
            candidates = [
                (i, j) for i in range(len(wa)) for j in range(len(wb)) if verdicts[i][j] is not None
            ]
            paired = twins(ctx_a, ctx_b, candidates)
        paired_b = set(paired.values())
        for i, x in enumerate(wa):
            for j, y in enumerate(wb):
                if verdicts[i][j] is not False:
                    continue
                if i in settled_a or j in settled_b:
                    continue  # "from 2007 to 2010" in both: each time agrees with one of the other's
                if (i in paired or j in paired_b) and paired.get(i) != j:
                    continue  # the same sentence copied: its times answer for each other only
                if not _same_event(a, b, x.time, y.time, single):
                    continue
                weekday_only = x.date is None and x.year is None and x.month is None
                score = self.scores.weekday if weekday_only else self.scores.date
                explanation = (
                    f'Dates differ: "{x.time.surface}" ({render(x)}) vs "{y.time.surface}" ({render(y)}).'
                )
                highlights = ((0, x.time.start, x.time.end), (1, y.time.start, y.time.end))
                # in one language, only a copied sentence (or a claim saying the same thing as a
                # whole) with another date is sure to date one event twice; different sentences often
                # date different moments ("spoke this morning" of a shooting "last night"): a note to
                # check, not a finding to trust
                unsure = (
                    a.lang == b.lang and paired.get(i) != j and not claims_aligned(a, facts_a, b, facts_b)
                )
                return Verdict(
                    self.name, self.kind, score, explanation, highlights, severity="low" if unsure else None
                )
        return None

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        out: list[Verdict | None] = []
        for p in pairs:
            verdict = self.judge_pair(
                p.a,
                p.b,
                context.facts.of(p.a),
                context.facts.of(p.b),
                self._anchor(p.a, context),
                self._anchor(p.b, context),
            )
            if (
                verdict is not None
                and verdict.severity is None
                and (
                    other_news_cycle(p.a, p.b, context, self.cycle_hours)
                    or set_apart(p.a, p.b, context, self.kb)
                    or superseded(p.a, p.b)
                )
            ):
                # two days' articles: "today" of each, or two sessions of one trial, date two moments;
                # two places' articles, two events of a kind; a plan and the date that replaced it
                verdict = replace(verdict, severity="low")
            out.append(verdict)
        return out


# ----------------------------------------------------------------------------- one article


def _quoted(text: str, t: TimeExpr) -> bool:
    """Is the time expression inside a quotation of the claim («...», "...")?"""
    return any(a <= t.start and t.end <= b for a, b in quote_spans(text))


def _weekday_phrase(weekday: int) -> str:
    return f"a {WEEKDAY_NAMES_EN[weekday]}"


def check_document_times(
    claims: Sequence[Claim], doc: Document, facts: FactSheet, scores: TimeScores | None = None
) -> list[Judgement]:
    """Weekday arithmetic inside one article (see the module docstring, check 3): each conflict with
    the claim that holds it, or the two claims whose expressions disagree.

    Args:
        claims: the article's claims, in order (claims of other articles are ignored).
        doc: the article (its date, when known, is the reference).
        facts: the facts stage's sheet (``checker.facts.stage``).
        scores: the defaults of ``Thresholds().time`` if None.
    """
    scores = scores if scores is not None else Thresholds().time
    times = [(c, t) for c in claims if c.document == doc.path for t in facts.of(c).times]
    out: list[Judgement] = []

    # a date with a stated weekday, or a relative day resolved by the article's date
    for c, t in times:
        if t.date is None or t.weekday is None or t.date.weekday() == t.weekday:
            continue
        score, severity = scores.article_weekday, None
        if t.kind == "relative" and doc.date_origin == "metadata" and (t.weekday + 1) % 7 == t.date.weekday():
            # "today, Tuesday" in an article its feed dates Wednesday: written the day before
            explanation = (
                f'"{t.surface}" names {WEEKDAY_NAMES_EN[t.weekday]}, the day before the article\'s date '
                f"({doc.date}, {WEEKDAY_NAMES_EN[t.date.weekday()]}): the copy was probably written the "
                "day before it was published; check the relative day."
            )
            score, severity = scores.article_stale, "low"
        elif t.kind == "relative":
            explanation = (
                f'"{t.surface}" names {WEEKDAY_NAMES_EN[t.weekday]}, but the article is dated {doc.date} '
                f"and that day is {t.date.isoformat()}, {WEEKDAY_NAMES_EN[t.date.weekday()]}."
            )
            if _quoted(c.text, t):
                # «... غدا الأحد»: a tweet or statement quoted days later keeps its speaker's "tomorrow"
                explanation = explanation[:-1] + (
                    "; it is inside a quotation, which may have been said on another day: check when."
                )
                score, severity = scores.article_stale, "low"
        else:
            explanation = (
                f'"{t.surface}" names {WEEKDAY_NAMES_EN[t.weekday]}, but {t.date.isoformat()} '
                f"is a {WEEKDAY_NAMES_EN[t.date.weekday()]}."
            )
        verdict = Verdict("time", "date", score, explanation, ((0, t.start, t.end),), severity=severity)
        out.append(Judgement((c,), (verdict,)))

    # undated article: relative days with weekdays must agree on the day of publication
    evidence = [(c, e) for c, t in times for e in anchor_evidence([t])]
    implied = Counter(e.weekday for _, e in evidence)
    if len(implied) > 1:
        first_seen: dict[int, int] = {}
        for n, (_, e) in enumerate(evidence):
            first_seen.setdefault(e.weekday, n)
        majority = min(implied, key=lambda d: (-implied[d], first_seen[d]))
        ref_claim, ref = next((c, e) for c, e in evidence if e.weekday == majority)
        for c, e in evidence:
            if e.weekday == majority:
                continue
            explanation = (
                f'Weekdays in one article disagree: "{ref.time.surface}" makes the day of publication '
                f'{_weekday_phrase(ref.weekday)}, "{e.time.surface}" makes it {_weekday_phrase(e.weekday)}.'
            )
            if ref_claim.id == c.id:
                highlights: tuple[tuple[int, int, int], ...] = (
                    (0, ref.time.start, ref.time.end),
                    (0, e.time.start, e.time.end),
                )
                flagged: tuple[Claim, ...] = (c,)
            else:
                highlights = ((0, ref.time.start, ref.time.end), (1, e.time.start, e.time.end))
                flagged = (ref_claim, c)
            verdict = Verdict("time", "date", scores.article_anchor, explanation, highlights)
            out.append(Judgement(flagged, (verdict,)))
    return out


class ArticleTimeJudge:
    """Weekday arithmetic inside each article, as a claim judge (``check_document_times``).

    Args:
        scores: the defaults of ``Thresholds().time`` if None.
    """

    name = "article-time"

    def __init__(self, scores: TimeScores | None = None) -> None:
        self.scores = scores if scores is not None else Thresholds().time

    @classmethod
    def build(cls, setup: JudgeSetup) -> ArticleTimeJudge:
        return cls(setup.config.thresholds.time)

    def judge_claims(self, claims: Sequence[Claim], context: JudgeContext) -> list[Judgement]:
        by_doc: dict[str, list[Claim]] = {}
        for c in claims:
            by_doc.setdefault(c.document, []).append(c)
        out: list[Judgement] = []
        for path, document in context.documents.items():
            out.extend(check_document_times(by_doc.get(path, []), document, context.facts, self.scores))
        return out
