"""The facts stage: everything the judges read, extracted once per claim and per article.

Per claim (``Facts``): knowledge-base mentions with their roles, quantities, time expressions, and
each quantity in its frame (what it counts, the year its sentence gives it). Per article
(``DocumentFacts``): its people, the places its headline and lead name (its scene), the weekday it
was published on, and, once events are known, the date of its event. Judges only read these; they
never extract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from checker.errors import internal_error_reason
from checker.facts import lexicon
from checker.facts.figures import read_figures
from checker.facts.frames import frame_quantities
from checker.facts.quantities import extract_quantities
from checker.facts.times import extract_times, publication_weekday
from checker.kb import KnowledgeBase, load_kb
from checker.types import Claim, Document, Facts, Quantity, Role

_NO_FACTS = Facts()


@dataclass(frozen=True)
class DocumentFacts:
    """What one article establishes beyond its claims."""

    people: Mapping[str, int]  # KB person id -> mentions in its claims: who acts in the story
    weekday: int | None  # weekday of publication (its date's, or the one its relative days imply)
    event_date: dt.date | None = None  # its own date, else its event's (known once events are grouped)
    event: int | None = None  # which event of the run it reports (known once events are grouped)
    quantities: tuple[Quantity, ...] = ()  # every figure its claims give, in order
    scene: frozenset[str] = frozenset()  # KB places of its headline and lead: where the story is

    def __reduce__(self) -> tuple[Any, ...]:
        # a read-only mapping does not pickle, and the Ray engine reads facts in its workers
        return (
            _document_facts,
            (dict(self.people), self.weekday, self.event_date, self.event, self.quantities, self.scene),
        )


def _fact_sheet(claims: dict[str, Facts], documents: dict[str, DocumentFacts]) -> FactSheet:
    return FactSheet(MappingProxyType(claims), MappingProxyType(documents))


def _document_facts(people: dict[str, int], *rest: Any) -> DocumentFacts:
    return DocumentFacts(MappingProxyType(people), *rest)


@dataclass(frozen=True)
class FactSheet:
    """The facts of a run: by claim id and by document path."""

    claims: Mapping[str, Facts]
    documents: Mapping[str, DocumentFacts]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_fact_sheet, (dict(self.claims), dict(self.documents)))

    def of(self, claim: Claim) -> Facts:
        """The claim's facts (empty for a claim the stage never saw)."""
        return self.claims.get(claim.id, _NO_FACTS)

    def document(self, path: str) -> DocumentFacts | None:
        return self.documents.get(path)

    def people(self) -> dict[str, Mapping[str, int]]:
        """Each article's people, as event grouping wants them."""
        return {path: d.people for path, d in self.documents.items()}

    def with_events(self, documents: Sequence[Document], events: Sequence[tuple[str, ...]]) -> FactSheet:
        """The sheet with each article's event (its index in ``events``) and event date: its own
        date, or for an undated article the earliest date of another article of its event.

        Used only where a day's precision does not matter (is a man dead since 1989 acting in the
        story?), never to resolve an undated article's "yesterday".
        """
        dated = {d.path: d.date for d in documents if d.date}
        dates: dict[str, dt.date] = {}
        event_of = {p: n for n, group in enumerate(events) for p in group}
        for group in events:
            known = sorted(dated[p] for p in group if p in dated)
            if known:
                for p in group:
                    dates[p] = dated.get(p, known[0])
        updated = {
            p: replace(d, event_date=dates.get(p), event=event_of.get(p)) for p, d in self.documents.items()
        }
        return FactSheet(self.claims, MappingProxyType(updated))


def claim_facts(claim: Claim, document: Document | None = None, kb: KnowledgeBase | None = None) -> Facts:
    """The facts of one claim.

    Args:
        claim: the claim to read.
        document: its article, when at hand: its date resolves titles ("the Supreme Leader") and
            relative days, and a spelling confirmed elsewhere in it ("فيتشيلاف فالودين") is
            recognised where it stands alone in the claim ("سلّمها إلى فالودين").
        kb: the knowledge base (the project's own when None).
    """
    kb = kb if kb is not None else load_kb()
    date = document.date if document is not None else None
    context = document.source if document is not None else None
    mentions = tuple(kb.find_mentions(claim.text, claim.lang, date, context=context))
    quantities = tuple(extract_quantities(claim.text, claim.lang, lexicon.places(kb)))
    times = tuple(extract_times(claim.text, claim.lang, date))
    figures = tuple(frame_quantities(claim.text, claim.lang, quantities, times))
    slots = read_figures(claim.text, claim.lang, quantities, kb)
    return Facts(mentions=mentions, quantities=quantities, times=times, figures=figures, slots=slots)


def extract_facts(
    claims: Sequence[Claim], documents: Mapping[str, Document], kb: KnowledgeBase | None = None
) -> FactSheet:
    """The facts of every claim and every article (``documents`` by path; a claim whose article is
    not given is read on its own, without a date)."""
    kb = kb if kb is not None else load_kb()
    by_claim = {c.id: claim_facts(c, documents.get(c.document), kb) for c in claims}
    own = claims_by_article(claims, list(documents.values()))
    by_document = {
        path: DocumentFacts(
            people=MappingProxyType(_people(own[path], by_claim, kb)),
            weekday=publication_weekday(d.source, d.lang, d.date),
            quantities=tuple(q for c in own[path] for q in by_claim[c.id].quantities),
            scene=scene(own[path], by_claim, kb),
        )
        for path, d in documents.items()
    }
    return FactSheet(MappingProxyType(by_claim), MappingProxyType(by_document))


def _people(claims: Sequence[Claim], facts: Mapping[str, Facts], kb: KnowledgeBase) -> dict[str, int]:
    """KB person id -> mentions in an article's claims."""
    counts: dict[str, int] = {}
    for c in claims:
        for m in facts[c.id].mentions:
            entity = kb.get(m.entity_id)
            if entity is not None and entity.type == "person":
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return counts


def scene(claims: Sequence[Claim], facts: Mapping[str, Facts], kb: KnowledgeBase) -> frozenset[str]:
    """The places (KB ids) an article's headline and lead (its first body paragraph) name: where
    its story happens. A bus bomb in Baghdad and one in Kabul, a drug bust in Isfahan and one in
    Hormozgan, are told apart by them however alike their sentences read."""
    body_lines = [c.line for c in claims if c.role == Role.BODY]
    lead = min(body_lines) if body_lines else None
    return frozenset(
        m.entity_id
        for c in claims
        if c.role == Role.HEADLINE or (c.role == Role.BODY and c.line == lead)
        for m in facts[c.id].mentions
        if (e := kb.get(m.entity_id)) is not None and e.type == "place"
    )


def facts_by_document(
    claims: Sequence[Claim], documents: Sequence[Document], kb: KnowledgeBase
) -> tuple[FactSheet, dict[str, str]]:
    """``extract_facts`` article by article (the same sheet: no fact spans two articles), and the
    articles it failed on, by path, with the reason: a text no rule foresaw must cost its own
    article, not an archive run. Their claims and facts are left out of the sheet."""
    by_path = {d.path: d for d in documents}
    own = claims_by_article(claims, documents)
    sheets: list[FactSheet] = []
    failed: dict[str, str] = {}
    for path, doc_claims in own.items():
        try:
            sheets.append(extract_facts(doc_claims, {path: by_path[path]} if path in by_path else {}, kb))
        except Exception as exc:  # a bug met on real text; reported, the run goes on
            failed[path] = internal_error_reason("facts", exc)
    return merge_fact_sheets(claims, sheets), failed


def claims_by_article(claims: Sequence[Claim], documents: Sequence[Document]) -> dict[str, list[Claim]]:
    """Each article's claims, by path, in the articles' order (an article without claims too)."""
    own: dict[str, list[Claim]] = {d.path: [] for d in documents}
    for c in claims:
        own.setdefault(c.document, []).append(c)
    return own


def merge_fact_sheets(claims: Sequence[Claim], sheets: Iterable[FactSheet]) -> FactSheet:
    """One sheet from the sheets of disjoint sets of articles (article by article, or the slices
    an engine read in parallel): documents in the sheets' order, claims in the order of ``claims``."""
    claim_sheet: dict[str, Facts] = {}
    document_sheet: dict[str, DocumentFacts] = {}
    for sheet in sheets:
        claim_sheet.update(sheet.claims)
        document_sheet.update(sheet.documents)
    ordered = {c.id: claim_sheet[c.id] for c in claims if c.id in claim_sheet}
    return FactSheet(MappingProxyType(ordered), MappingProxyType(document_sheet))
