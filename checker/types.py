"""Typed results that flow between the stages (see ../shared/DESIGN.md).

Everything here is a frozen dataclass: stages return new values, never mutate
what they were given, so a cache or a report can hold on to them safely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the facts stage's own types; types stays free of imports at run time
    from checker.facts.figures import Figure
    from checker.facts.frames import FramedQuantity


class Role(str, Enum):
    """Where a claim stands in its article."""

    HEADLINE = "headline"
    SUBHEADING = "subheading"
    BODY = "body"
    QUOTE = "quote"


class Severity(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


@dataclass(frozen=True)
class Span:
    """A verbatim slice of a source file.

    ``start``/``end`` are character offsets into the decoded source text of the
    file (``Document.source``); ``line`` is 1-based, the line holding ``start``.
    """

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Document:
    """One article, as read from one file (or one record of a JSON/JSONL file)."""

    path: str  # as given on the command line (plus "#N" for the N-th record of a JSONL file)
    lang: str  # "ar" | "fa" | "other"
    source: str  # the whole decoded text offsets point into
    headline: Span | None = None
    date: dt.date | None = None
    date_origin: str | None = None  # "metadata" | "dateline" | None
    time: dt.time | None = None  # time of day of publication, when metadata gives it
    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # "source" field of a JSON record
    encoding: str = "utf-8"
    furniture: tuple[Span, ...] = ()  # site furniture found and left out of the claims


@dataclass(frozen=True)
class Article:
    """An article held in memory (``checker.check_texts``): what a newsroom's CMS or a notebook has.

    ``id`` names it in reports (``Document.path``) and keeps finding ids stable across runs; it
    defaults to ``article-N`` by position.
    """

    text: str
    title: str | None = None
    date: dt.date | str | None = None  # a date, or text such as "2021-02-08"
    source: str | None = None  # the outlet
    id: str | None = None
    lang: str | None = None  # "ar" / "fa" / other; detected when None
    url: str | None = None


@dataclass(frozen=True)
class Claim:
    """One checkable statement: a sentence or clause of a document."""

    id: str  # stable: derived from the document path and the normalised text
    document: str  # Document.path
    index: int  # position of the claim inside its document
    role: Role
    text: str  # verbatim: Document.source[span.start:span.end]
    span: Span
    lang: str

    @property
    def line(self) -> int:
        """The 1-based line the claim starts on (``span.line``; ``line`` in the JSON report)."""
        return self.span.line


@dataclass(frozen=True)
class Mention:
    """An entity mention linked to the knowledge base."""

    entity_id: str  # KB id, e.g. "khamenei"
    start: int  # offsets relative to Claim.text
    end: int
    surface: str
    role: str | None = None  # "sender", "recipient", "visitor", "host", ... when the syntax tells


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int  # offsets relative to Claim.text
    end: int
    surface: str
    unit: str | None = None  # "USD", "percent", "day", "visit", ...
    kind: str = "cardinal"  # "cardinal" | "ordinal" | "percent" | "money" | "duration"
    approximate: bool = False  # hedged: نحو, حوالي, about
    subject: str | None = None  # what is counted, when known (normalised words)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    surface: str
    kind: str  # "date" | "year" | "weekday" | "relative"
    date: dt.date | None = None  # resolved calendar date when known
    year: int | None = None
    weekday: int | None = None  # 0 = Monday .. 6 = Sunday (datetime convention)
    offset_days: int | None = None  # for relative expressions: 0 today, -1 yesterday, ...
    month: int | None = None  # a Gregorian month named without its day ("يناير الماضي"): 1..12


@dataclass(frozen=True)
class Facts:
    """Structured facts extracted from one claim (by the facts stage, ``checker.facts.stage``)."""

    mentions: tuple[Mention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    figures: tuple[FramedQuantity, ...] = ()  # each quantity with what it counts and the year framing it
    slots: tuple[Figure, ...] = ()  # each quantity in its slot: measure, whose, how firm, whose word


@dataclass(frozen=True)
class CandidatePair:
    """Two claims the grouping stage says talk about the same thing: the input of a pair judge."""

    a: Claim
    b: Claim
    similarity: float
    reason: str  # "cross-article" | "headline-body"


@dataclass(frozen=True)
class LedgerEntry:
    """One value a figure slot is given: by which claim (its position in the finding), when, how firmly."""

    value: float
    surface: str  # verbatim, as the claim writes it
    status: str  # exact | hedged | preliminary | updated | partial | cumulative
    claim: int  # position of the claim in the finding's claims
    document: str
    published: str | None  # ISO date, or date and time, of the article
    outlet: str | None
    source: str | None  # the official the sentence names ("وزارة الصحة"), when it names one


@dataclass(frozen=True)
class Ledger:
    """Every value one slot of one event is given across the articles: a figure ledger.

    ``verdict``: ``conflict`` (values that cannot all be true at the same time), ``updated`` (later
    reports say they update earlier ones), ``soft`` (only hedged or preliminary values disagree).
    """

    measure: str  # killed, injured, ...
    label: str  # "Killed", "Injured (security)"
    groups: tuple[str, ...]
    entries: tuple[LedgerEntry, ...]  # in time order (undated last), then by document
    verdict: str
    latest: float | None = None  # the value of the latest firm report
    authoritative: float | None = None  # the value an official source gives, when one does


@dataclass(frozen=True)
class Verdict:
    """What one judge says about one pair (or one claim, or the claims of one figure slot)."""

    judge: str  # "entity" | "quantity" | "time" | "nli" | "anachronism" | "figures"
    kind: str  # finding kind: "entity" | "number" | "date" | "contradiction" | "anachronism"
    score: float  # 0..1, how sure the judge is that the claims conflict
    explanation: str
    highlights: tuple[tuple[int, int, int], ...] = ()  # (claim position, start, end) in claim text
    ledger: Ledger | None = None  # a figure judge's table of every value of the slot
    severity: str | None = None  # a judge that knows better than the score: "high" | "medium" | "low"


@dataclass(frozen=True)
class Judgement:
    """What the judges said about one candidate pair, or what a claim judge said about one claim or
    two claims of one article: the verdicts, in the order of the configured judges."""

    claims: tuple[Claim, ...]  # the pair (a, b), or the claims a claim judge flags together
    verdicts: tuple[Verdict, ...]
    # a finding of its own, named by this key (a figure ledger's slot), never merged with others
    key: str | None = None


@dataclass(frozen=True)
class Finding:
    id: str
    kind: str
    severity: Severity
    score: float
    claims: tuple[Claim, ...]  # the claim most likely wrong first
    explanation: str
    evidence: tuple[Verdict, ...] = ()
    ledger: Ledger | None = None  # for a figure slot: every value, its articles, times and status
    # positions of the claims on lines changed since ``--changed-since``'s ref (empty when not asked)
    changed: tuple[int, ...] = ()

    @property
    def primary(self) -> Claim:
        """The claim an annotation sits on: the changed one under ``--changed-since``, else the one
        most likely wrong."""
        return self.claims[self.changed[0] if self.changed else 0]


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, repr=False)
class Report:
    """What a run found. ``to_dict`` / ``to_json`` give the JSON contract (``check --format json``)."""

    version: str
    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    stats: dict[str, float | int] = field(default_factory=dict)
    events: tuple[tuple[str, ...], ...] = ()  # document paths grouped by event
    pairs: tuple[CandidatePair, ...] = ()  # what the pair judges were given
    judgements: tuple[Judgement, ...] = ()  # every verdict of every judge, before findings are built

    def __repr__(self) -> str:
        severities = ", ".join(
            f"{sum(f.severity is s for f in self.findings)} {s.value}"
            for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)
        )

        def n(count: int, noun: str) -> str:
            return f"{count} {noun}{'' if count == 1 else 's'}"

        documents = n(len(self.documents), "document")
        return (
            f"<Report: {n(len(self.findings), 'finding')} ({severities}) in {documents}, "
            f"{n(len(self.claims), 'claim')}, {len(self.skipped)} skipped>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as plain data (the keys and order of ``check --format json``)."""
        from checker.report.json_report import report_dict

        return report_dict(self)

    def to_json(self) -> str:
        """The JSON contract as text, exactly what ``check --format json`` prints."""
        from checker.report.json_report import render_json

        return render_json(self)
