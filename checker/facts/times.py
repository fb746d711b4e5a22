"""Time expressions in Arabic and Persian news: dates, months, years, weekdays, relative days.

``extract_times(text, lang, doc_date)`` finds

* numeric dates in any digit system (``19/01/2022``, ``١٩/٠١/٢٠٢٢``, ``۱۳۹۹/۱۱/۲۷``), read
  day/month/year, or year/month/day when the year comes first;
* named-month dates: ``30 ديسمبر 2019``, ``30 كانون الأول 2019``, ``۳۰ دسامبر ۲۰۱۹``,
  ``۲۷ بهمن ۱۳۹۹`` (Jalali), ``3 رجب 1442 هـ`` (Hijri), Persian ordinal days
  (``بیستم نوامبر ۱۵۶۲``, ``اول مهر سال ۵۹``), with a weekday before them
  (``الاثنين 15 فبراير 2021``) kept for the consistency check;
* years, with their calendar: ``العام 2020``, ``سال ۱۳۹۹`` (Jalali), ``۱۲۷۵ ه.ق`` (Hijri),
  ``۵۳۸ پیش از میلاد`` (BC), bare years when nothing says they count something;
* weekdays (``الاثنين``, ``دوشنبه``, ``الأحد الماضي``) and relative days (``اليوم``, ``أمس``,
  ``أول من أمس``, ``غداً``, ``دیروز``, ``شب گذشته``), merged when they come together
  (``اليوم الاثنين``, ``مساء أمس الأحد``), and relative years (``العام الماضي``, ``پارسال``).

Relative expressions are resolved against ``doc_date`` when it is known; otherwise
they keep their offset and any weekday the text states, which is what the
within-article weekday check needs.

Libraries: ``jdatetime`` and ``hijridate`` convert Jalali and Hijri dates (see
``checker.facts.calendar``). dateparser is not used at run time: it misses the
Levantine, Jalali and Hijri month names, Persian ordinal days, era markers and the
relative-plus-weekday forms, and its ``search_dates`` finds spans in running Arabic
text unreliably; the tests check our Gregorian month tables against it instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.facts import calendar as cal
from checker.facts import lexicon
from checker.facts.numbers import lookup_word, ordinal_at, parse_number_at
from checker.text.digits import to_ascii_digits
from checker.text.tokens import Token, tokenize
from checker.types import TimeExpr


@dataclass(frozen=True)
class TimeParts:
    """A time expression as written, before resolution against a document date.

    ``year``/``month``/``day`` are in ``calendar`` (years negative before Christ);
    ``weekday`` is the weekday the text names, if any.
    """

    first: int
    last: int
    start: int
    end: int
    kind: str  # "date" | "month" | "year" | "weekday" | "relative" | "relative_year"
    calendar: str = "gregorian"  # "gregorian" | "jalali" | "hijri" | "unknown"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    weekday_shift: int | None = None  # الأحد الماضي -> -1, الأحد المقبل -> +1
    offset_days: int | None = None
    offset_years: int | None = None


_NUMERIC_DOTTED = re.compile(r"^(\d{1,4})\.(\d{1,2})\.(\d{1,4})$")


def _adjacent(tokens: tuple[Token, ...], a: int, b: int) -> bool:
    return tokens[a].end == tokens[b].start


def _int(tok: Token) -> int | None:
    return int(tok.norm) if tok.is_num and tok.norm.isdecimal() else None


class _Reader:
    """Reads time expressions left to right over the tokens of one text."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.tokens = tokenize(text)
        self.n = len(self.tokens)

    # -- small helpers
    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < self.n else None

    def skip_comma(self, j: int) -> int:
        t = self.tok(j)
        return j + 1 if t is not None and t.norm in (",", "(", "-") else j

    def era_at(self, j: int) -> tuple[tuple[str, int], int] | None:
        hit = cal.eras().match(self.tokens, j, self.lang)
        if hit is None:
            return None
        return hit.value, hit.last

    def parts(self, first: int, last: int, kind: str, **kw: object) -> TimeParts:
        return TimeParts(first, last, self.tokens[first].start, self.tokens[last].end, kind, **kw)  # type: ignore[arg-type]

    def default_calendar(self, year: int, strong_cue: bool) -> str:
        if 1800 <= year <= 2100:
            return "gregorian"
        if self.lang == "fa" and 1200 <= year <= 1500:
            return "jalali"
        if self.lang == "ar" and 1300 <= year <= 1500 and strong_cue:
            return "unknown"
        return "gregorian" if year > 1500 else "unknown"

    # -- A: numeric dates
    def numeric_date(self, i: int) -> TimeParts | None:
        t = self.tokens[i]
        if not t.is_num:
            return None
        m = _NUMERIC_DOTTED.match(t.norm)
        if m:
            a, b, c = (int(g) for g in m.groups())
            last = i
            widths = (len(m.group(1)), len(m.group(3)))
        else:
            if i + 4 >= self.n:
                return None
            sep = self.tokens[i + 1].norm
            if sep not in ("/", "-") or self.tokens[i + 3].norm != sep:
                return None
            if not all(_adjacent(self.tokens, k, k + 1) for k in range(i, i + 4)):
                return None
            na, nb, nc = (_int(self.tokens[k]) for k in (i, i + 2, i + 4))
            if na is None or nb is None or nc is None:
                return None
            a, b, c = na, nb, nc
            last = i + 4
            widths = (len(self.tokens[i].norm), len(self.tokens[i + 4].norm))
        if widths[0] == 4:
            year, month, day = a, b, c
        elif widths[1] == 4:
            day, month, year = a, b, c
            if month > 12 and day <= 12:
                day, month = month, day
        else:
            return None
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        era = self.era_at(last + 1)
        calendar = self.default_calendar(year, strong_cue=True)
        if era is not None:
            calendar = era[0][0]
            last = era[1]
        elif 1300 <= year <= 1500:
            calendar = "jalali" if self.lang != "ar" else "hijri"
        if calendar == "unknown" or not cal.valid_date(calendar, year, month, day):
            return None
        return self.parts(i, last, "date", calendar=calendar, year=year, month=month, day=day)

    # -- B: dates with a month name
    def day_at(self, j: int) -> tuple[int, int] | None:
        """A day of the month at token ``j``: digits, or a Persian ordinal (بیستم, اول, بیست و یکم)."""
        t = self.tok(j)
        if t is None:
            return None
        v = _int(t)
        if v is not None and len(t.norm) <= 2 and 1 <= v <= 31:
            return v, j
        if self.lang != "ar" and t.is_word:
            m = parse_number_at(self.text, self.tokens, j, self.lang)
            if m is not None and m.ordinal and 1 <= m.value <= 31:
                return int(m.value), m.last
            o = ordinal_at(self.tokens, j, self.lang)
            if o is not None and 1 <= o <= 31:
                return o, j
        return None

    def year_after_month(self, j: int, month: cal.Month) -> tuple[int, str, int] | None:
        """A year right after a month name (optionally after سال / عام): (year, calendar, last)."""
        k = j
        t = self.tok(k)
        if t is not None and cal.strong_year_cues().match(self.tokens, k, self.lang) is not None:
            k += 1
        t = self.tok(k)
        y = _int(t) if t is not None else None
        if y is None or t is None:
            return None
        calendar = month.calendar
        era = self.era_at(k + 1)
        last = k
        if era is not None:
            calendar = era[0][0] if era[0][1] > 0 else calendar
            last = era[1]
        if len(t.norm) == 2 and month.calendar == "jalali":
            y += 1300
        elif len(t.norm) != 4 and era is None:
            return None
        return y, calendar, last

    def month_date(self, i: int) -> TimeParts | None:
        j = i
        weekday = None
        if day_word := cal.day_words().match(self.tokens, j, self.lang):
            j = day_word.last + 1
        wk = cal.weekdays(self.lang).match(self.tokens, j, self.lang)
        if wk is not None:
            weekday = wk.value
            j = self.skip_comma(wk.last + 1)
        elif j != i:
            return None
        day = self.day_at(j)
        if day is not None:
            j = day[1] + 1
            if self.tok(j) is not None and self.tokens[j].norm == "من" and self.lang == "ar":
                j += 1
        month_hit = cal.months(self.lang).match(self.tokens, j, self.lang)
        if month_hit is None:
            return None
        month: cal.Month = month_hit.value
        last = month_hit.last
        nxt = self.tok(last + 1)
        month_word_after = nxt is not None and nxt.norm == "ماه" and day is None  # بهمن ماه
        if month_word_after:
            last += 1
        year = self.year_after_month(last + 1, month)
        if day is None and year is None:
            if weekday is not None:
                return None
            before = self.tok(i - 1)
            month_word_before = before is not None and before.norm in ("شهر", "ماه")
            if month.ambiguous and not month_word_after and not month_word_before:
                return None
            # a month alone must be announced ("في أغسطس", "در آبان", "آبان ماه"): آبان is also a name
            cue = cal.month_cues().match_ending_at(self.tokens, i - 1, self.lang) if i > 0 else None
            if cue is None and not month_word_after and not month_word_before:
                return None
            return self.parts(i, last, "month", calendar=month.calendar, month=month.number)
        if day is None and month.ambiguous and year is None:
            return None
        kw: dict[str, object] = {"calendar": month.calendar, "month": month.number, "weekday": weekday}
        if year is not None:
            y, calendar, last = year
            kw["calendar"] = calendar
            kw["year"] = y
        if day is not None:
            kw["day"] = day[0]
            if year is not None and not cal.valid_date(str(kw["calendar"]), year[0], month.number, day[0]):
                return None
            return self.parts(i, last, "date", **kw)
        return self.parts(i, last, "month", **kw)

    # -- C: relative days, with a time of day before and a weekday after
    def relative_day(self, i: int) -> TimeParts | None:
        j = i
        tod = cal.times_of_day().match(self.tokens, j, self.lang)
        if tod is not None:
            j = tod.last + 1
        elif dw := cal.day_words().match(self.tokens, j, self.lang):
            j = dw.last + 1
        rel = cal.relative_days(self.lang).match(self.tokens, j, self.lang)
        if rel is None and j != i:
            rel = cal.relative_days(self.lang).match(
                self.tokens, i, self.lang
            )  # شب گذشته: شب starts the phrase
        if rel is None:
            return None
        offset = rel.value
        last = rel.last
        if self.tokens[rel.first].norm == "غدا" and rel.first == rel.last:
            # غدا is also the verb "became": take it as "tomorrow" only with its tanwin or a weekday
            surface = self.text[self.tokens[rel.first].start : self.tokens[rel.first].end]
            if (
                "ً" not in surface
                and cal.weekdays(self.lang).match(self.tokens, rel.last + 1, self.lang) is None
            ):
                return None
        weekday = None
        k = self.skip_comma(last + 1)
        if dw := cal.day_words().match(self.tokens, k, self.lang):
            k = dw.last + 1
        wk = cal.weekdays(self.lang).match(self.tokens, k, self.lang)
        if wk is not None:
            weekday = wk.value
            last = wk.last
            if self.tok(last + 1) is not None and self.tokens[last + 1].norm == ")":
                last += 1
        return self.parts(i, last, "relative", offset_days=offset, weekday=weekday)

    # -- D: weekdays
    def weekday(self, i: int) -> TimeParts | None:
        j = i
        if dw := cal.day_words().match(self.tokens, j, self.lang):
            j = dw.last + 1
        wk = cal.weekdays(self.lang).match(self.tokens, j, self.lang)
        if wk is None:
            return None
        last = wk.last
        shift = None
        mod = cal.weekday_modifiers().match(self.tokens, last + 1, self.lang)
        if mod is not None:
            shift = mod.value
            last = mod.last
        return self.parts(i, last, "weekday", weekday=wk.value, weekday_shift=shift)

    # -- E: relative years
    def relative_year(self, i: int) -> TimeParts | None:
        hit = cal.relative_years().match(self.tokens, i, self.lang)
        if hit is None:
            return None
        return self.parts(i, hit.last, "relative_year", offset_years=hit.value)

    # -- F: years
    def year(self, i: int) -> TimeParts | None:
        t = self.tokens[i]
        strong = cal.strong_year_cues().match(self.tokens, i, self.lang)
        if strong is not None and not t.is_num:
            k = strong.last + 1
            nt = self.tok(k)
            if nt is not None and nt.norm == "ال":  # العام الـ2020
                k += 1
                nt = self.tok(k)
            y = _int(nt) if nt is not None else None
            if (
                y is None
                or not 1 <= y <= 2100
                or nt is None
                or len(nt.norm) < 3
                and self.era_at(k + 1) is None
            ):
                return None
            if self._counts_something(k, durations=False):
                return None  # "سال ۱۳۸۱ روز اول ...": a year cue wins over a unit word after it
            return self._year_with_era(i, k, y, strong_cue=True)
        y = _int(t)
        if y is None or not 1 <= y <= 2100:
            return None
        if self.era_at(i + 1) is not None:
            return self._year_with_era(i, i, y, strong_cue=True)
        if len(t.norm) != 4:
            return None
        weak = cal.year_cues().match_ending_at(self.tokens, i - 1, self.lang) if i > 0 else None
        if 1000 <= y <= 2100 and self._bracketed_or_range(i):
            return self._year_with_era(i, i, y, strong_cue=True)
        if 1800 <= y <= 2100 or (self.lang == "fa" and 1200 <= y <= 1500):
            if self._counts_something(i):
                return None
            nxt = self.tok(i + 1)
            before = self.tok(i - 1)
            if before is not None and (lexicon.units().match(self.tokens, i - 1, self.lang) is not None):
                return None  # $2020
            if weak is None and nxt is not None and nxt.is_word and not self._year_like_follower(i + 1):
                return None
            return self._year_with_era(i, i, y, strong_cue=False)
        return None

    def _bracketed_or_range(self, i: int) -> bool:
        """An older year shows itself by its company: "(۱۹۳۷)", "۱۶۲۵ تا ۱۶۴۹", "1789-1799"."""
        before, after = self.tok(i - 1), self.tok(i + 1)
        if before is not None and after is not None and before.norm == "(" and after.norm == ")":
            return True
        for sep, other in ((self.tok(i + 1), self.tok(i + 2)), (self.tok(i - 1), self.tok(i - 2))):
            if sep is not None and other is not None and sep.norm in ("-", "–", "—", "تا", "الى", "إلى"):
                if other.is_num and len(other.norm) == 4:
                    return True
        # "۱۳۴۲ ــ ۱۳۵۲": a dash drawn with tatweel folds away, leaving two years side by side
        prev = self.tok(i - 1)
        return (
            prev is not None
            and prev.is_num
            and len(prev.norm) == 4
            and "\u0640" in self.text[prev.end : self.tokens[i].start]
        )

    def _year_like_follower(self, j: int) -> bool:
        """Whether the word after a bare four-digit number reads like what follows a year."""
        t = self.tokens[j]
        if t.norm in lexicon.stopwords():
            return True
        if (
            cal.months(self.lang).match(self.tokens, j, self.lang) is not None
            or cal.eras().match(self.tokens, j, self.lang) is not None
        ):
            return True
        # a verb or a name after a year ("2030 تتمحور"), as opposed to a counted noun
        return (
            lexicon.concepts().match(self.tokens, j, self.lang) is None
            and lookup_word(t.norm, self.lang, first=True) is None
        )

    def _counts_something(self, j: int, durations: bool = True) -> bool:
        """A number followed by a unit, scale word or percent sign counts something; it is no year."""
        nxt = self.tok(j + 1)
        if nxt is None:
            return False
        unit = lexicon.units().match(self.tokens, j + 1, self.lang)
        if unit is not None and (durations or unit.value.kind in ("money", "percent")):
            return True
        w = lookup_word(nxt.norm, self.lang, first=False)
        return w is not None and w[0].kind in ("scale", "dual", "plural", "acc")

    def _year_with_era(self, first: int, num: int, y: int, *, strong_cue: bool) -> TimeParts | None:
        era = self.era_at(num + 1)
        last = num
        if era is not None:
            (calendar, sign), last = era
            return self.parts(first, last, "year", calendar=calendar, year=y * sign)
        calendar = self.default_calendar(y, strong_cue)
        if not strong_cue and calendar == "unknown":
            return None
        return self.parts(first, last, "year", calendar=calendar, year=y)

    # -- driver
    def read(self) -> list[TimeParts]:
        out: list[TimeParts] = []
        i = 0
        readers = (
            self.numeric_date,
            self.month_date,
            self.relative_day,
            self.weekday,
            self.relative_year,
            self.year,
        )
        while i < self.n:
            for reader in readers:
                found = reader(i)
                if found is not None:
                    out.append(found)
                    i = found.last + 1
                    break
            else:
                i += 1
        return out


# "يومي 4 و5 مارس", "من 4 إلى 6 مارس", "۴ و ۵ اسفند": a bare day number joined to a dated day is a day of
# the same month. The reader takes one expression at a time and would leave it out, and a visit "on
# 4 and 5 March" would then disagree with "it starts on 4 March".
_RANGE_START = re.compile(r"(?<![\d٠-٩۰-۹])([\d٠-٩۰-۹]{1,2})\s*(?:و|-|–|إلى|الى|حتى|تا)\s*$")
_RANGE_REACH = 12  # characters before a dated day where the first day of its range may stand


def _range_starts(parts: list[TimeParts], text: str) -> list[TimeParts]:
    """``parts`` with the first day of each "N and M <month>" range added before its dated day (its
    surface the whole range, whose first time it is: ``parts_of`` reads it back)."""
    out: list[TimeParts] = []
    for p in parts:
        if p.kind == "date" and p.day is not None and p.month is not None:
            window = max(0, p.start - _RANGE_REACH)
            m = _RANGE_START.search(text, window, p.start)
            if m is not None:
                day = int(to_ascii_digits(m.group(1)))
                taken = out[-1].end if out else 0
                if 1 <= day < p.day and m.start(1) >= taken:
                    # its surface runs to the month ("4 و5 مارس"), which is what dates it
                    out.append(replace(p, start=m.start(1), day=day, weekday=None))
        out.append(p)
    return out


@lru_cache(maxsize=4096)
def find_time_parts(text: str, lang: str) -> tuple[TimeParts, ...]:
    """Time expressions of ``text`` as written (no document date applied)."""
    return tuple(_range_starts(_Reader(text, lang).read(), text))


def parts_of(surface: str, lang: str) -> TimeParts | None:
    """The parts of a time expression's verbatim surface (as stored in a TimeExpr)."""
    found = find_time_parts(surface, lang)
    return found[0] if len(found) == 1 else (found[0] if found else None)


# ----------------------------------------------------------------------------- resolution


def _nearest_date(calendar: str, month: int, day: int, doc_date: dt.date) -> dt.date | None:
    here = cal.from_gregorian(calendar, doc_date)
    if here is None:
        return None
    candidates = [cal.to_gregorian(calendar, here[0] + k, month, day) for k in (-1, 0, 1)]
    real = [c for c in candidates if c is not None]
    return min(real, key=lambda c: abs((c - doc_date).days)) if real else None


def _shifted_weekday(doc_date: dt.date, weekday: int, shift: int) -> dt.date:
    if shift < 0:
        back = (doc_date.weekday() - weekday) % 7 or 7
        return doc_date - dt.timedelta(days=back)
    ahead = (weekday - doc_date.weekday()) % 7 or 7
    return doc_date + dt.timedelta(days=ahead)


def resolve(p: TimeParts, text: str, doc_date: dt.date | None) -> TimeExpr:
    """A TimeExpr for ``p``: calendar dates made Gregorian, relative ones anchored when possible."""
    surface = text[p.start : p.end]
    base = TimeExpr(start=p.start, end=p.end, surface=surface, kind="date")
    if p.kind == "date":
        date = None
        if p.year is not None and p.month and p.day:
            date = cal.to_gregorian(p.calendar, p.year, p.month, p.day)
        elif doc_date is not None and p.month and p.day and p.calendar != "unknown":
            date = _nearest_date(p.calendar, p.month, p.day, doc_date)
        if date is not None:
            return replace(
                base,
                date=date,
                year=date.year,
                weekday=p.weekday if p.weekday is not None else date.weekday(),
            )
        year = (
            cal.gregorian_year(p.calendar, p.year)
            if p.year is not None and p.calendar != "unknown"
            else p.year
        )
        return replace(base, year=year, weekday=p.weekday)
    if p.kind == "month":
        year = None
        if p.year is not None and p.month:
            first = cal.to_gregorian(p.calendar, p.year, p.month, 1)
            year = first.year if first is not None else p.year
        month = p.month if p.calendar == "gregorian" and p.month else None
        return replace(base, kind="date", year=year, month=month)
    if p.kind == "year":
        if p.year is None:
            return replace(base, kind="year")
        year = (
            p.year
            if p.calendar in ("gregorian", "unknown") or p.year < 0
            else cal.gregorian_year(p.calendar, p.year)
        )
        return replace(base, kind="year", year=year)
    if p.kind == "weekday":
        date = None
        if doc_date is not None and p.weekday is not None and p.weekday_shift is not None:
            date = _shifted_weekday(doc_date, p.weekday, p.weekday_shift)
        return replace(base, kind="weekday", weekday=p.weekday, date=date, year=date.year if date else None)
    if p.kind == "relative":
        if doc_date is not None and p.offset_days is not None:
            date = doc_date + dt.timedelta(days=p.offset_days)
            weekday = p.weekday if p.weekday is not None else date.weekday()
            return replace(
                base, kind="relative", offset_days=p.offset_days, date=date, year=date.year, weekday=weekday
            )
        return replace(base, kind="relative", offset_days=p.offset_days, weekday=p.weekday)
    # relative year
    year = doc_date.year + p.offset_years if doc_date is not None and p.offset_years is not None else None
    return replace(base, kind="relative", year=year)


def extract_times(text: str, lang: str, doc_date: dt.date | None = None) -> list[TimeExpr]:
    """The time expressions of ``text``, resolved against ``doc_date`` when it is known.

    Offsets are relative to ``text``; ``surface`` is the verbatim slice.
    """
    return [resolve(p, text, doc_date) for p in find_time_parts(text, lang)]


# ----------------------------------------------------------------------------- day of publication


@dataclass(frozen=True)
class AnchorEvidence:
    time: TimeExpr
    weekday: int  # the weekday of publication this expression implies


def anchor_evidence(times: Sequence[TimeExpr]) -> list[AnchorEvidence]:
    """Relative days said with their weekday: each names the weekday of publication."""
    out = []
    for t in times:
        if t.kind == "relative" and t.offset_days is not None and t.weekday is not None and t.date is None:
            out.append(AnchorEvidence(t, (t.weekday - t.offset_days) % 7))
    return out


def publication_weekday(source: str, lang: str, date: dt.date | None) -> int | None:
    """The weekday an article was published on: its date's, or, undated, the one its own words give
    ("اليوم الاثنين", "أمس الأحد" both say Monday); None when they say nothing or disagree."""
    if date is not None:
        return date.weekday()
    votes = Counter(e.weekday for e in anchor_evidence(extract_times(source, lang, None)))
    if not votes:
        return None
    (top, n), *rest = votes.most_common()
    if rest and rest[0][1] == n:
        return None  # the article disagrees with itself; the article-time judge reports it
    return top
