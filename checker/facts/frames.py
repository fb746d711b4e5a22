"""Figures in their frame: which year dates a figure, how precisely it is written.

"Trade was two billion dollars in 2020" and "trade was five billion in 2019" are two
figures for two years, not a conflict; "two billion in 2020" against "two billion in
2019" is the same figure with a wrong year. Both judgements need each quantity tied to
the year its sentence gives it: the nearest year-bearing time expression in the same
sentence. A time tied to a figure that way is the figure's frame, and the time judge
does not compare it as the date of an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from checker.facts import lexicon
from checker.facts.context import Subject, context_words, sentence_bounds
from checker.facts.numbers import find_numbers
from checker.facts.times import parts_of
from checker.text.tokens import Token, tokenize
from checker.types import Quantity, TimeExpr


@dataclass(frozen=True)
class FramedQuantity:
    quantity: Quantity
    subject: Subject
    precision: float  # place value of the last written digit, in the quantity's unit
    year: int | None  # Gregorian year of the figure, when its sentence gives one
    calendar: str | None  # calendar the year was written in
    year_time: TimeExpr | None  # the time expression that gives it
    context: frozenset[str]  # content words around it (same-language matching)
    lead: frozenset[str] = frozenset()  # the content words just before it: what it is a figure of
    # after a comparison marker in its sentence: the other period's figure ("مقابل 12.5% في الربع السابق")
    compared: bool = False
    # what is added, not the whole: "دو ایستگاه جدید" (two new stations) against the five there are
    added: bool = False
    # an ordinal after "the end of" its period's name: "تا پایان نیمه اول" (by the end of the first
    # half) is the moment "از نیمه دوم" (from the second half) starts
    period_end: bool = False


@lru_cache(maxsize=8192)
def precision_of(surface: str, lang: str, kind: str) -> float:
    """The precision of a quantity's verbatim surface (1 for ordinals, exact for fractions)."""
    if kind == "ordinal":
        return 1.0
    if kind == "fraction":
        return 1e-6
    found = find_numbers(surface, lang)
    return found[0].precision if found else 1.0


# "new" or "additional" right after a counted noun: the figure counts what is added ("3 قتلى جدد",
# "دو ایستگاه جدید", "5 فصول إضافية"), not the whole that another sentence counts.
_ADDED_WORDS = "جديد جديدة جدد جدیدة جدید تازه اضافی اضافي إضافي إضافية إضافيين إضافيا"

# A figure that a passive "is added" makes an increment: "2 هزار تن بر ظرفیت ذخیره‌سازی ... افزوده
# می‌شود" (2,000 t will be added to the storage capacity) against the 100,000 t the stores hold.
# Not the active "افزود" (he added), the commonest speech verb of Persian news.
_ADDED_VERBS = "افزوده اضافه"
_PASSIVE_AUXILIARIES = "می مي شود شد شده گردد گردید خواهد"
# how many words after the figure its verb may stand (its noun phrase in between)
_ADDED_VERB_REACH = 10
# Arabic puts the addition before the figure: "تضاف 2000 طن إلى الطاقة التخزينية"
_ADDED_BEFORE = "إضافة تضاف يضاف ستضاف سيضاف أضيفت أضيف"


@cache  # one set per word list, folded once
def _norms(words: str) -> frozenset[str]:
    return frozenset(t.norm for w in words.split() for t in tokenize(w))


def counts_added(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Does a figure (at offsets ``start``..``end``) count what is added: "new" or "additional"
    right after it, an addition verb right before it, or a passive "is added" that follows it in
    its clause?"""
    after = [t for t in tokens if t.start >= end]
    if after and after[0].is_word and after[0].norm in _norms(_ADDED_WORDS):
        return True
    before = [t for t in tokens if t.end <= start]
    if before and before[-1].is_word and before[-1].norm in _norms(_ADDED_BEFORE):
        return True
    for k, (here, following) in enumerate(zip(after, after[1:], strict=False)):
        if not here.is_word or k >= _ADDED_VERB_REACH:
            break  # the clause ends, or the verb is too far to be the figure's
        if here.norm in _norms(_ADDED_VERBS) and following.norm in _norms(_PASSIVE_AUXILIARIES):
            return True
    return False


# "the end of" before a period's name and its ordinal (پایان نیمه اول, نهاية الربع الأول)
_PERIOD_END = "پایان انتهای اواخر نهایت نهاية أواخر ختام"


def ends_period(tokens: Sequence[Token], k: int) -> bool:
    """Is the ordinal at token ``k`` the end of its period: an end word, the period's name, then it?"""
    before = tokens[max(k - 2, 0) : k]
    return len(before) == 2 and all(t.is_word for t in before) and before[0].norm in _norms(_PERIOD_END)


def _token_index(text: str, offset: int) -> int:
    tokens = tokenize(text)
    for k, t in enumerate(tokens):
        if t.end > offset:
            return k
    return max(len(tokens) - 1, 0)


def time_year(t: TimeExpr, lang: str) -> tuple[int | None, str | None]:
    """The Gregorian year a time expression gives, with the calendar it was written in."""
    parts = parts_of(t.surface, lang)
    calendar = parts.calendar if parts is not None else "gregorian"
    if t.date is not None:
        return t.date.year, calendar
    return t.year, calendar if t.year is not None else None


def frames_a_year(q: Quantity, subject: Subject) -> bool:
    """Whether ``q`` is a figure a year can date: money, a percentage, a measure, or a count of
    ten or more of a named thing. Ordinals (الثاني in a king's name), durations, bare numbers
    and small counts (چهار کشور) are not: the year beside them dates an event."""
    if q.kind in ("money", "percent"):
        return True
    if q.kind == "cardinal":
        return q.unit is not None or (bool(subject.concepts) and q.value >= 10)
    return False


def frame_quantities(
    text: str, lang: str, quantities: Sequence[Quantity], times: Sequence[TimeExpr]
) -> list[FramedQuantity]:
    """Each quantity of a claim with the year that frames it (nearest in its sentence)."""
    tokens = tokenize(text)
    yearly = [t for t in times if t.year is not None or (t.kind == "relative" and t.offset_days is None)]
    hits = lexicon.comparisons().hits(tokens, 0, len(tokens) - 1, lang) if tokens else []
    markers = [(tokens[h.first].start, h.value) for h in hits]

    def compared_between(start: int, end: int) -> bool:
        return any(start <= m < end and compares for m, compares in markers)

    out: list[FramedQuantity] = []
    for q in quantities:
        k = _token_index(text, q.start)
        lo, hi = sentence_bounds(text, tokens, k, k) if tokens else (0, 0)
        s_start = tokens[lo].start if tokens else 0
        s_end = tokens[hi].end if tokens else len(text)
        best: tuple[int, TimeExpr] | None = None
        subject = Subject.parse(q.subject)
        earlier = [f for f in out if f.quantity.end > s_start]
        if (
            earlier
            and not lexicon.groups_of(subject.qualifiers)
            and compared_between(earlier[0].quantity.end, q.start)
        ):
            # "في الحضر 16.9% بينما كان 16.3% في الربع السابق، 12.7% عام 2010": the other periods'
            # figures of the same group
            groups = lexicon.groups_of(earlier[-1].subject.qualifiers)
            subject = replace(subject, qualifiers=subject.qualifiers | groups)
        for t in yearly if frames_a_year(q, subject) else ():
            if t.end <= s_start or t.start >= s_end:
                continue
            if _other_sides_year(q, t, markers, quantities):
                continue  # the year of the other side of a comparison, or of another figure
            dist = q.start - t.end if t.end <= q.start else t.start - q.end
            if best is None or dist < best[0]:
                best = (dist, t)
        year, calendar = (None, None)
        if best is not None:
            year, calendar = time_year(best[1], lang)
        out.append(
            FramedQuantity(
                quantity=q,
                subject=subject,
                precision=precision_of(q.surface, lang, "fraction" if q.unit == "fraction" else q.kind),
                year=year,
                calendar=calendar,
                year_time=best[1] if best else None,
                context=context_words(text, lang, q.start, q.end),
                lead=lead_words(text, lang, k),
                compared=compared_between(s_start, q.start),
                added=counts_added(tokens, q.start, q.end),
                period_end=q.kind == "ordinal" and ends_period(tokens, k),
            )
        )
    return out


def _other_sides_year(
    q: Quantity, t: TimeExpr, markers: Sequence[tuple[int, bool]], quantities: Sequence[Quantity]
) -> bool:
    """Is ``t`` across a comparison or an addition from ``q``? A year after the figure belongs to
    another figure when a marker and another figure stand between them ("13% against 12.5% ...,
    8.9% in 2010"), but not when the marker only leads to the year ("8.9% in the same quarter of
    2010"); a year before the figure, with a marker between, belongs to the figures before it."""
    if t.start >= q.end:
        another = any(q.end <= other.start < t.start for other in quantities)
        return another and any(q.end <= m < t.start for m, _ in markers)
    return any(t.end <= m < q.start for m, _ in markers)


LEAD_WORDS = 1
_BREAKS = frozenset({".", "!", "?", "؟", ";", "؛", ":", "،", ",", "(", ")"})
# verbs and nouns that introduce any figure ("بلغ", "سجل", "بنسبة"): they say nothing of what it counts
# fmt: off
_GENERIC = (
    "بلغ", "بلغت", "يبلغ", "تبلغ", "سجل", "سجلت", "يسجل", "ليسجل", "وصل", "وصلت", "يصل", "ليصل", "قدره",
    "قدرها", "نسبة", "بنسبة", "نسبته", "نسبتها", "بحوالي", "يقدر", "تقدر", "قيمة", "بقيمة", "قيمتها",
    "إجمالي", "مقابل", "ليبلغ", "لتبلغ", "ليصبح", "رسید", "معادل", "حدود", "حوالي", "نحو",
    # hedges ("لم يتجاوز 49", "يناهز 80"): how sure, not what
    "يتجاوز", "تجاوز", "يناهز", "يقارب", "قرابة", "زهاء", "أكثر", "أقل", "يزيد", "تقريبا",
)
# fmt: on


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    from checker.text.tokens import fold

    return frozenset(fold(w) for w in _GENERIC)


def lead_words(text: str, lang: str, k: int) -> frozenset[str]:
    """The last LEAD_WORDS content words before token ``k`` in its clause (light-stemmed): the words a
    figure is a figure of ("براءة 14 متهما", "البطالة بين الإناث 24.7%")."""
    from checker.facts.numbers import lookup_word
    from checker.text.clitics import without_article

    tokens = tokenize(text)
    stop = lexicon.stopwords() | _generic()
    out: list[str] = []
    j = k - 1
    while j >= 0 and len(out) < LEAD_WORDS and tokens[j].norm not in _BREAKS:
        t = tokens[j]
        if (
            t.is_word
            and t.norm not in stop
            and len(t.norm) > 2
            and lookup_word(t.norm, lang, first=True) is None
        ):
            word = without_article(t.norm).removeprefix("ب").removeprefix("ل") if len(t.norm) > 4 else t.norm
            out.append(word[:-1] if len(word) > 3 and word.endswith("ه") else word)  # الأميركية = الأميركي
        j -= 1
    return frozenset(out)


def framing_times(framed: Sequence[FramedQuantity]) -> set[tuple[int, int]]:
    """The (start, end) spans of the time expressions that frame a figure with its year. A relative
    day ("أمس", "اليوم الأربعاء") frames its figure's year too, but it also dates the event to a day,
    which only a comparison of days sees: it is not among them."""
    return {
        (f.year_time.start, f.year_time.end)
        for f in framed
        if f.year_time is not None
        and not (f.year_time.kind == "relative" and f.year_time.offset_days is not None)
    }
