"""What the knowledge base knows about one entity, as frozen values.

Dates in the KB may be partial ("1939", "2012-05", "1989-06-03"): an editor writes
what is known and nothing more. A partial date is kept as the range of days it may
stand for, so that every comparison can be made conservatively (a man who "died in
1989" is only certainly dead from 1990 on).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

ENTITY_TYPES = ("person", "organisation", "place", "office")
LANGS = ("ar", "fa", "en")


@dataclass(frozen=True)
class PartialDate:
    """A day, month or year, kept as written and as the range of days it covers."""

    text: str
    earliest: dt.date
    latest: dt.date

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Accept a date, a year (int), or "YYYY" / "YYYY-MM" / "YYYY-MM-DD" text.

        Raises:
            ValueError: for anything else (the loader turns it into a ConfigError).
        """
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.isoformat(), value, value)
        if isinstance(value, bool):
            raise ValueError(f"not a date: {value!r}")
        if isinstance(value, int):
            return cls(str(value), dt.date(value, 1, 1), dt.date(value, 12, 31))
        if isinstance(value, str):
            parts = value.strip().split("-")
            try:
                numbers = [int(p) for p in parts]
            except ValueError:
                raise ValueError(f"not a date: {value!r}") from None
            if len(numbers) == 1:
                return cls.parse(numbers[0])
            if len(numbers) == 2:
                year, month = numbers
                last = calendar.monthrange(year, month)[1]
                return cls(value.strip(), dt.date(year, month, 1), dt.date(year, month, last))
            if len(numbers) == 3:
                day = dt.date(*numbers)
                return cls(day.isoformat(), day, day)
        raise ValueError(f"not a date: {value!r}")


@dataclass(frozen=True)
class Tenure:
    """One office held by a person: ``office`` is the id of an entity of type "office"."""

    office: str
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def dated(self) -> bool:
        """Only tenures with a known start take part in resolving a title at a date."""
        return self.start is not None

    def certainly_holds(self, day: dt.date) -> bool:
        """True when every reading of the partial dates puts ``day`` inside the tenure."""
        if self.start is None or day < self.start.latest:
            return False
        return self.end is None or day <= self.end.earliest

    def may_hold(self, day: dt.date) -> bool:
        """True when some reading of the partial dates puts ``day`` inside the tenure."""
        if self.start is None or day < self.start.earliest:
            return False
        return self.end is None or day <= self.end.latest


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or office, with its spellings and dates."""

    id: str
    type: str
    names: Mapping[str, tuple[str, ...]]  # lang -> spellings, looked for in texts of that language
    ambiguous: tuple[str, ...] = ()  # spellings that are also common words: need support in context
    exclude: tuple[str, ...] = ()  # spellings that must never link to this entity
    born: PartialDate | None = None
    died: PartialDate | None = None
    tenures: tuple[Tenure, ...] = ()
    part_of: tuple[str, ...] = ()
    # lang -> adjectives ("الروسي", "روسی"): never mentions, only "whose" a figure is (Russian exports)
    adjectives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fuzzy: bool = True  # persons only: may transliteration variants be matched fuzzily
    note: str | None = None
    files: tuple[str, ...] = ()  # where the entry was defined or extended (for error messages)

    @property
    def label(self) -> str:
        """The English name shown in explanations (the first English spelling, else the id)."""
        english = self.names.get("en") or ()
        return english[0] if english else self.id

    def all_names(self) -> tuple[str, ...]:
        return tuple(name for lang in self.names for name in self.names[lang])
