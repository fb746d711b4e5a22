"""The quantity judge: two claims give different figures for the same thing.

For a candidate pair it compares each figure of one claim with the figures of the
other that count the same thing -- same kind and unit (money in the same currency,
percentages, durations in days, ordinals), same subject (the same concept, across
languages: ``حجم التبادل التجاري`` = ``مبادلات تجاری`` = trade; or, in one language, the
same counted noun or the same words around it), and the same year when both sentences
give one. A figure that agrees with one of its counterparts is settled; a figure that
agrees with none, facing a counterpart that agrees with none either, is a conflict:

    Trade volume in 2020 differs: "ملياري دولار" (about 2 billion USD) vs
    "پنج میلیارد دلار" (about 5 billion USD).

Agreement allows for rounding (a figure written as ``ملياري`` is exact to the billion,
``1.3 مليار`` to the hundred million: ``1.96 مليار`` rounds to ``ملياري``, ``1.8`` does not
round to ``1.3``) and for hedges (``نحو``, ``حدود``, about: 15% either way). One value
written in another form (``ملياري`` = ``2 مليار`` = ``۲ میلیارد``) is the same value.
Figures for different years are different figures; the time judge looks at those.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.config import QuantityScores, Thresholds
from checker.facts import lexicon
from checker.facts.context import Subject, content_words
from checker.facts.figures import PEOPLE_MEASURES
from checker.facts.frames import FramedQuantity
from checker.facts.render import gloss, ordinal_gloss
from checker.facts.stage import DocumentFacts
from checker.judges.base import JudgeContext, JudgeSetup
from checker.judges.scope import elsewhere, other_news_cycle, part_and_whole, set_apart, superseded
from checker.kb import KnowledgeBase, load_kb
from checker.lazy import Lazy
from checker.text.overlap import overlap_coefficient
from checker.types import CandidatePair, Claim, Facts, Quantity, Role, Verdict

HEDGE_TOLERANCE = 0.15  # relative difference a hedged figure tolerates
CONTEXT_OVERLAP = 0.5  # overlap of the words around two figures for "same thing" without a concept
CONTEXT_MIN_SHARED = 2


# ----------------------------------------------------------------------------- same thing?


_DAYS = {
    "day": 1.0,
    "hour": 1 / 24,
    "minute": 1 / 1440,
    "second": 1 / 86400,
    "week": 7.0,
    "month": 30.0,
    "year": 365.0,
    "decade": 3650.0,
}


def _base_days(q: Quantity) -> float:
    return _DAYS.get(q.unit or "", 1.0)


def _units_match(a: Quantity, b: Quantity) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        if a.unit == b.unit:
            return True
        fa, fb = (
            lexicon.CURRENCY_FAMILY.get(a.unit or "", a.unit),
            lexicon.CURRENCY_FAMILY.get(b.unit or "", b.unit),
        )
        return fa == fb and (a.unit == fa or b.unit == fb)
    if a.kind == "duration":
        return True  # compared in days
    return a.unit == b.unit


@dataclass(frozen=True)
class Match:
    level: str  # "concept" | "noun" | "context": how the two figures were found to count one thing


def same_thing(
    a: FramedQuantity, b: FramedQuantity, same_language: bool, only_pair: bool = False
) -> Match | None:
    """Whether two figures count the same thing, and how sure that is.

    ``only_pair``: each is its claim's only figure of its kind and unit, so one shared
    word around them is enough in one language.
    """
    if not _units_match(a.quantity, b.quantity):
        return None
    if a.compared != b.compared:
        return None  # this quarter's rate and the previous quarter's, or the quarters themselves
    if a.added != b.added:
        return None  # two new stations next year and the five there are today
    sa, sb = a.subject, b.subject
    if lexicon.groups_of(sa.qualifiers) != lexicon.groups_of(sb.qualifiers):
        return None  # the female and the urban rate, or the urban and the national one
    if sa.concepts and sb.concepts:
        if not sa.concepts & sb.concepts:
            return None
        if sa.qualifiers and sb.qualifiers and not sa.qualifiers & sb.qualifiers:
            return None
        if sa.change and sb.change and not sa.change & sb.change:
            return None
        if sa.noun and sb.noun and same_language and sa.noun != sb.noun:
            return None  # "833 ألف فرد" and "162 ألف عاطل": the labour force and the unemployed
        return Match("concept")
    if sa.noun and sb.noun and same_language:
        return Match("noun") if sa.noun == sb.noun else None
    shared = len(a.context & b.context)
    if same_language and overlap_coefficient(a.context, b.context) >= CONTEXT_OVERLAP:
        if shared >= CONTEXT_MIN_SHARED or (only_pair and shared >= 1):
            return Match("context")
    return None


def years_agree(a: FramedQuantity, b: FramedQuantity) -> bool | None:
    """True / False when both figures are dated, None when either is not."""
    if a.year is None or b.year is None:
        return None
    if (a.calendar or "gregorian") == (b.calendar or "gregorian"):
        return a.year == b.year
    return abs(a.year - b.year) <= 1  # a Jalali or Hijri year straddles two Gregorian ones


def _round_to(x: float, step: float) -> float:
    return math.floor(x / step + 0.5) * step


def values_agree(a: FramedQuantity, b: FramedQuantity) -> bool:
    """Equal up to the rounding each figure's writing allows, and its hedges."""
    qa, qb = a.quantity, b.quantity
    if qa.kind == "ordinal":
        # the end of the first half is where the second half starts: one moment, two ranks
        return qa.value == qb.value or qa.value + a.period_end == qb.value + b.period_end
    va, vb = qa.value, qb.value
    pa, pb = a.precision, b.precision
    if qa.kind == "duration":
        fa, fb = _base_days(qa), _base_days(qb)
        va, vb, pa, pb = va * fa, vb * fb, pa * fa, pb * fb
    eps = 1e-9 * max(abs(va), abs(vb), 1.0)
    if abs(va - vb) <= eps:
        return True
    # the more precise figure, rounded as the coarser one is written, gives the coarser one
    coarse_v, fine_v, step = (va, vb, pa) if pa >= pb else (vb, va, pb)
    if abs(_round_to(fine_v, step) - coarse_v) <= eps + 1e-9 * step:
        return True
    if qa.approximate or qb.approximate:
        return abs(va - vb) <= HEDGE_TOLERANCE * max(abs(va), abs(vb))
    return False


# ----------------------------------------------------------------------------- explanations


def describe(q: Quantity) -> str:
    """English gloss of a quantity for an explanation: 2 billion USD, 38%, 3 days, 1st."""
    if q.kind == "ordinal":
        text = ordinal_gloss(int(q.value))
    elif q.kind == "percent":
        text = f"{gloss(q.value)}%"
    elif q.kind == "money":
        text = f"{gloss(q.value)} {q.unit}"
    elif q.kind == "duration":
        text = f"{gloss(q.value)} {q.unit}{'' if q.value == 1 else 's'}"
    elif q.unit == "fraction":
        text = f"{q.value:.3g}"
    else:
        text = gloss(q.value) + (f" {q.unit}" if q.unit else "")
    return ("about " if q.approximate else "") + text


def label(subject: Subject, kind: str, kb: KnowledgeBase | None = None) -> str:
    """What a figure counts, in English: "Exports (Russia)", "Trade volume", "Visit order"."""
    concepts = sorted(subject.concepts)
    name = next((lexicon.CONCEPT_LABELS[c] for c in concepts if c in lexicon.CONCEPT_LABELS), None)
    if name is None:
        name = concepts[0].capitalize() if concepts else "Figure"
    if subject.change and concepts and not subject.concepts & subject.change:
        name = f"{name} {'increase' if 'growth' in subject.change else 'decrease'}"
    if subject.qualifiers:
        kb = kb if kb is not None else load_kb()
        whose = [(kb.get(q), q.removeprefix(lexicon.GROUP_PREFIX)) for q in sorted(subject.qualifiers)]
        name += " (" + ", ".join(e.label if e else q for e, q in whose) + ")"
    if kind == "ordinal":
        name += " order" if concepts else " rank"
    return name


def explain(a: FramedQuantity, b: FramedQuantity, kb: KnowledgeBase | None = None) -> str:
    subject = a.subject if a.subject.concepts else b.subject
    year = a.year if a.year is not None else b.year
    when = f" in {year}" if year is not None and year > 0 else ""
    what = label(subject, a.quantity.kind, kb)
    return (
        f'{what}{when} differs: "{a.quantity.surface}" ({describe(a.quantity)}) '
        f'vs "{b.quantity.surface}" ({describe(b.quantity)}).'
    )


# ----------------------------------------------------------------------------- the judge


@dataclass(frozen=True)
class Conflict:
    a: FramedQuantity
    b: FramedQuantity
    score: float


TWIN_OVERLAP = 0.8  # words around two figures this alike: the same sentence, copied and edited
TWIN_MIN_SHARED = 3


def twins(
    contexts_a: Sequence[frozenset[str]],
    contexts_b: Sequence[frozenset[str]],
    candidates: Iterable[tuple[int, int]],
) -> dict[int, int]:
    """Pairs (i -> j) whose surroundings are near-identical and each other's best match.

    News copies sentences from one outlet to the next and edits a figure on the way; in
    a copied sentence with two "first"s, the one whose words match is the counterpart,
    even when the other one agrees.
    """
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for i, j in candidates:
        a, b = contexts_a[i], contexts_b[j]
        if len(a & b) < TWIN_MIN_SHARED:
            continue
        score = overlap_coefficient(a, b) + len(a & b) / 1000  # ties go to the larger shared context
        if score >= TWIN_OVERLAP:
            if score > best_a.get(i, (0.0, -1))[0]:
                best_a[i] = (score, j)
            if score > best_b.get(j, (0.0, -1))[0]:
                best_b[j] = (score, i)
    return {i: j for i, (_, j) in best_a.items() if best_b.get(j, (0.0, -1))[1] == i}


def find_conflicts(
    fa: Sequence[FramedQuantity],
    fb: Sequence[FramedQuantity],
    same_language: bool,
    scores: QuantityScores | None = None,
    aligned: bool = True,
) -> list[Conflict]:
    """Figures of one claim that contradict figures of the other, best first.

    ``aligned``: the two claims say much the same as a whole. In one language, figures of claims
    that are not aligned conflict only when their sentences are copies of each other (twins):
    "21 sentenced to death" and "73 defendants" are two facts of one verdict, not one fact twice.
    """
    scores = scores if scores is not None else Thresholds().quantity
    matches: list[tuple[int, int, Match]] = []

    def dims(f: FramedQuantity) -> tuple[str, str | None]:
        return f.quantity.kind, f.quantity.unit

    count_a = Counter(dims(x) for x in fa)
    count_b = Counter(dims(y) for y in fb)
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            only = count_a[dims(x)] == 1 and count_b[dims(y)] == 1
            m = same_thing(x, y, same_language, only)
            if m is not None and years_agree(x, y) is not False:
                matches.append((i, j, m))
    paired = (
        twins([x.context for x in fa], [y.context for y in fb], [(i, j) for i, j, _ in matches])
        if (same_language)
        else {}
    )
    paired_b = set(paired.values())
    agree = {(i, j) for i, j, _ in matches if values_agree(fa[i], fb[j])}
    settled_a = {i for i, _ in agree}
    settled_b = {j for _, j in agree}
    out = []
    labels = lexicon.label_nouns()
    listed_ranks = _enumerates(fa) or _enumerates(fb)
    for i, j, m in matches:
        if same_language and bool(fa[i].subject.noun) != bool(fb[j].subject.noun):
            continue  # "18 ألف فرد" against a bare "0.4": one counts people, the other counts nothing said
        if same_language and paired.get(i) != j:
            if fa[i].quantity.kind == "percent":
                continue  # a release's many rates (female, urban, rural) share their words: copies only
            if not aligned:
                continue  # different statements of one story: only a copied sentence can conflict
            if fa[i].lead and fb[j].lead and not fa[i].lead & fb[j].lead:
                continue  # "بالإعدام لـ21 متهما" and "براءة 28 متهما": figures of two things
        if i in paired or j in paired_b:
            if paired.get(i) != j or (i, j) in agree:
                continue  # twins answer for each other only
        elif i in settled_a or j in settled_b:
            continue
        elif fa[i].subject.noun in labels or fb[j].subject.noun in labels:
            continue  # article 94 and article 92 are two articles, unless one sentence was copied
        elif fa[i].quantity.kind == "ordinal" and listed_ranks:
            continue  # "chapter one" against "chapters two and three": a list, not a rank misreported
        x, y = fa[i], fb[j]
        score: float = getattr(scores, m.level)
        if years_agree(x, y):
            score += scores.dated_bonus
        if x.quantity.approximate or y.quantity.approximate:
            score -= scores.hedged_penalty
        out.append(Conflict(x, y, round(max(scores.floor, min(score, scores.ceiling)), 3)))
    out.sort(key=lambda c: -c.score)
    return out


def _enumerates(figures: Sequence[FramedQuantity]) -> bool:
    """Does a claim give two or more different ordinals (the second and the third chapter)?"""
    return len({f.quantity.value for f in figures if f.quantity.kind == "ordinal"}) >= 2


CLAIM_ALIGNMENT = 0.5  # share of content words two claims must share to state the same thing


def claims_aligned(a: Claim, facts_a: Facts, b: Claim, facts_b: Facts) -> bool:
    """Do two claims of one language say much the same as a whole, beyond their figures?"""
    return overlap_coefficient(words_beside(a, facts_a), words_beside(b, facts_b)) >= CLAIM_ALIGNMENT


def words_beside(claim: Claim, facts: Facts) -> frozenset[str]:
    """The claim's content words outside its quantities (a figure's own unit is not what it says)."""
    return _words_outside(claim.text, claim.lang, tuple((q.start, q.end) for q in facts.quantities))


# Every pair judge and the NLI gate ask this of the same claims, pair after pair: once per claim.
@lru_cache(maxsize=1 << 15)
def _words_outside(text: str, lang: str, spans: tuple[tuple[int, int], ...]) -> frozenset[str]:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return content_words("".join(chars), lang)


DISTINCTIVE_AMOUNT = 1000  # a figure this large (or a sum of money) is not repeated by chance
AMOUNT_ROUNDING = 0.03  # "17 مليون دولار" for 16,965,119 dollars: one amount, rounded


def _distinctive(q: Quantity) -> bool:
    return q.kind == "money" or (q.kind == "cardinal" and q.value >= DISTINCTIVE_AMOUNT)


def _highlighted(verdict: Verdict, pair: CandidatePair, context: JudgeContext) -> list[tuple[int, Quantity]]:
    claims = (pair.a, pair.b)
    out = []
    for position, start, end in verdict.highlights:
        quantities = context.facts.of(claims[position]).quantities
        out += [(position, q) for q in quantities if (q.start, q.end) == (start, end)]
    return out


def _about(a: Quantity, b: Quantity) -> bool:
    return (
        a.kind == b.kind
        and a.unit == b.unit
        and abs(a.value - b.value) <= AMOUNT_ROUNDING * max(abs(a.value), abs(b.value))
    )


def _sheets_by_event(context: JudgeContext) -> dict[int | None, list[DocumentFacts]]:
    """Each event's article facts (articles of no event under None), built once per batch: a
    verdict looks among its own event's articles, not the whole run's."""
    out: dict[int | None, list[DocumentFacts]] = defaultdict(list)
    for sheet in context.facts.documents.values():
        out[sheet.event].append(sheet)
    return out


def _both_amounts_given(
    a: Quantity,
    b: Quantity,
    pair: CandidatePair,
    context: JudgeContext,
    by_event: Mapping[int | None, Sequence[DocumentFacts]],
) -> bool:
    """Does one article of the event give both distinctive amounts (the two claims' or another's)?
    Then they are two amounts of the story: the fine on one charge and on another (372.7 million
    and 33.1 million pounds in one verdict), two shipments of dollars (19 million to Switzerland,
    16,965,119 to Bahrain), not one amount reported twice."""
    if not (_distinctive(a) and _distinctive(b)) or a.kind != b.kind or a.unit != b.unit:
        return False
    sheet_a = context.facts.document(pair.a.document)
    event = sheet_a.event if sheet_a is not None else None
    own = [context.facts.document(pair.a.document), context.facts.document(pair.b.document)]
    # without events, any article of the run
    sheets = by_event.get(event, ()) if event is not None else list(context.facts.documents.values())
    for sheet in [*(s for s in own if s is not None), *sheets]:
        if any(_about(a, q) for q in sheet.quantities) and any(_about(b, q) for q in sheet.quantities):
            return True
    return False


def _corroborated(
    verdict: Verdict,
    pair: CandidatePair,
    context: JudgeContext,
    by_event: Mapping[int | None, Sequence[DocumentFacts]],
) -> bool:
    """Do the articles agree elsewhere on the figures, so that the two claims state two facts of
    the story and not one fact twice?

    * each article also gives the other's figure somewhere (the female and the urban unemployment
      rate, two defendants' sentences);
    * or one article of the event gives both distinctive amounts (``_both_amounts_given``);
    * or the other article gives the figure as parts that add up to it: "6 others to 15 years"
      and, further on, "4 others to 15 years" against "10 to 15 years".
    """
    claims = (pair.a, pair.b)
    found = _highlighted(verdict, pair, context)
    if not found:
        return False
    given: dict[int, bool] = {}
    for position, quantity in found:
        sheet = context.facts.document(claims[1 - position].document)
        others = sheet.quantities if sheet is not None else ()
        given[position] = given.get(position, True) and any(_same_value(quantity, q) for q in others)
    if len(given) == 2 and all(given.values()):
        return True
    a_side = [q for position, q in found if position == 0]
    b_side = [q for position, q in found if position == 1]
    if any(_both_amounts_given(a, b, pair, context, by_event) for a in a_side for b in b_side):
        return True
    return any(
        _sum_of_parts(q, counterpart, context.facts.document(claims[1 - position].document))
        for position, q in found
        for side, counterpart in found
        if side != position
    )


def _sum_of_parts(total: Quantity, part: Quantity, sheet: DocumentFacts | None) -> bool:
    """Does the article of ``part`` give another count of the same noun that adds up with it to
    ``total`` (a verdict listed group by group)?"""
    if sheet is None or part.subject is None or not part.subject.startswith("noun:"):
        return False
    if total.kind != "cardinal" or part.kind != "cardinal" or total.value <= part.value:
        return False
    alike = [q.value for q in sheet.quantities if q.kind == part.kind and q.subject == part.subject]
    if part.value not in alike:
        return False
    alike.remove(part.value)
    return any(math.isclose(part.value + v, total.value) for v in alike)


def _same_value(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind and a.unit == b.unit and math.isclose(a.value, b.value, rel_tol=1e-9)


HEADLINE_ROUNDING = 0.05  # a headline may round its body's figure this far (170 million for 171.6)


def _headline_reading(conflict: Conflict, headline_first: bool) -> bool:
    """Does a headline figure read consistently with its own body's? It may round it ("1000
    هکتار" over 1,022; 106 thousand kg over 106,600), be a "more than" under it ("بیش از 2 هزار
    تن" over 2,700), or be a total the body breaks down ("ضبط 185 قطعة سلاح" over "35 قطعة" in one
    village and more in others; 1,326 t = 1,006 t of fuel + 320 t of gas). A headline far below
    its body (5.22 million over 22.5) has no such reading, nor one exactly ten, a hundred or a
    thousand times its body's (200 million over 20: a slipped zero)."""
    head, body = (conflict.a, conflict.b) if headline_first else (conflict.b, conflict.a)
    big, small = head.quantity.value, body.quantity.value
    if head.quantity.kind == "ordinal" or big <= 0 or small <= 0:
        return False
    if abs(big - small) <= HEADLINE_ROUNDING * max(big, small):
        return True
    if big < small:
        return head.quantity.approximate  # "more than 2,000" over 2,700
    return not any(math.isclose(big, small * 10**k) for k in (1, 2, 3))


def _count_grew(conflict: Conflict, later: int) -> bool:
    """The later side gives a larger count (not a sum, a rate or a rank)."""
    new, old = (conflict.b, conflict.a) if later == 1 else (conflict.a, conflict.b)
    return (
        new.quantity.kind == "cardinal"
        and new.quantity.unit is None
        and new.quantity.value > old.quantity.value
    )


def _later_of_one_outlet(pair: CandidatePair, context: JudgeContext) -> int | None:
    """0 or 1: the side published later, when both articles come from one outlet at known times."""
    da, db = context.documents.get(pair.a.document), context.documents.get(pair.b.document)
    if da is None or db is None or pair.a.document == pair.b.document:
        return None
    if da.outlet is None or da.outlet != db.outlet or None in (da.date, da.time, db.date, db.time):
        return None
    when_a, when_b = (da.date, da.time), (db.date, db.time)
    if when_a == when_b:
        return None
    return 1 if when_b > when_a else 0


def _age(q: Quantity, text: str) -> bool:
    """A duration in years written as a person's age: in brackets or between commas after a name."""
    if q.kind != "duration" or q.unit != "year":
        return False
    before, after = text[max(0, q.start - 2) : q.start].strip(), text[q.end : q.end + 2].strip()
    return before.endswith(("(", "-", "،", ",")) or after.startswith((")", "-"))


def _not_people(facts: Facts, text: str = "") -> list[FramedQuantity]:
    """The figures this judge compares pair by pair: not counts of the killed, injured, arrested...,
    which the figure ledger (``checker.judges.figures``) weighs across every article of an event,
    nor a part of a count ("و17 لمستشفى البنك الأهلي": one hospital's share of the cases), nor a
    person's age ("محمد أحمد (27 عاما)")."""
    figures = [f for f in facts.figures if not _age(f.quantity, text)]
    if not facts.slots:
        return figures
    people = {
        (s.quantity.start, s.quantity.end)
        for s in facts.slots
        if s.measure in PEOPLE_MEASURES or (s.measure == "count" and s.status == "partial")
    }
    return [f for f in figures if (f.quantity.start, f.quantity.end) not in people]


class QuantityJudge:
    """Flags aligned claims whose figures for the same thing differ (PairJudge).

    Args:
        scores: how sure each kind of match makes it; the defaults of ``Thresholds().quantity``
            if None.
        kb: names whose a figure is in explanations (the project's KB if None).
        cycle_hours: articles further apart are two news cycles (``checker.judges.scope``): their
            differences are low notes; ``Thresholds().news_cycle_hours`` if None.
    """

    name = "quantity"
    kind = "number"

    def __init__(
        self,
        scores: QuantityScores | None = None,
        kb: KnowledgeBase | None = None,
        cycle_hours: float | None = None,
    ) -> None:
        self.scores = scores if scores is not None else Thresholds().quantity
        self.kb = kb if kb is not None else load_kb()
        self.cycle_hours = cycle_hours if cycle_hours is not None else Thresholds().news_cycle_hours

    @classmethod
    def build(cls, setup: JudgeSetup) -> QuantityJudge:
        return cls(setup.config.thresholds.quantity, setup.kb, setup.config.thresholds.news_cycle_hours)

    def judge_pair(
        self, a: Claim, b: Claim, facts_a: Facts, facts_b: Facts, own_update: int | None = None
    ) -> Verdict | None:
        """The verdict on two claims, given their facts (``checker.facts.stage.claim_facts``).

        ``own_update``: 0 or 1 when the two articles come from one outlet and that side's is the later;
        a larger count there is the outlet's own running count updated (38 cases taken to hospital
        at 19:05, 85 at 21:30), not a conflict.
        """
        fa, fb = _not_people(facts_a, a.text), _not_people(facts_b, b.text)
        if not fa or not fb:
            return None
        if elsewhere(facts_a, facts_b, self.kb):
            return None  # a seizure in Sohag and one in Luxor
        if part_and_whole(a, facts_a, b, facts_b, self.kb):
            return None  # students nationwide and the disabled students of one province
        same_language = a.lang == b.lang
        aligned = not same_language or claims_aligned(a, facts_a, b, facts_b)
        conflicts = find_conflicts(fa, fb, same_language, self.scores, aligned)
        if a.document == b.document and Role.HEADLINE in (a.role, b.role):
            conflicts = [c for c in conflicts if not _headline_reading(c, a.role is Role.HEADLINE)]
        if own_update is not None:
            conflicts = [c for c in conflicts if not _count_grew(c, own_update)]
        if not conflicts:
            return None
        best = conflicts[0]
        highlights = tuple(
            sorted(
                {(0, c.a.quantity.start, c.a.quantity.end) for c in conflicts}
                | {(1, c.b.quantity.start, c.b.quantity.end) for c in conflicts}
            )
        )
        explanation = " ".join(dict.fromkeys(explain(c.a, c.b, self.kb) for c in conflicts[:2]))
        return Verdict(self.name, self.kind, best.score, explanation, highlights)

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        facts = context.facts
        by_event = Lazy(lambda: _sheets_by_event(context))  # only a verdict needs it
        out: list[Verdict | None] = []
        for p in pairs:
            verdict = self.judge_pair(
                p.a, p.b, facts.of(p.a), facts.of(p.b), _later_of_one_outlet(p, context)
            )
            if (
                verdict is not None
                and p.a.document != p.b.document
                and _corroborated(verdict, p, context, by_event.get())
            ):
                verdict = None
            if verdict is not None and (
                other_news_cycle(p.a, p.b, context, self.cycle_hours)
                or set_apart(p.a, p.b, context, self.kb)
                or superseded(p.a, p.b)
            ):
                # a sit-in's 16th day and its 18th, this week's treasury bills and last week's; the
                # injured of a bus crash near Sabzevar and of one in Dashtestan; a toll given
                # "earlier" and the one that replaced it
                verdict = replace(verdict, severity="low")
            out.append(verdict)
        return out
