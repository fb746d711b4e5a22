"""What a finding means for an editor, in one plain sentence: what disagrees, which side is probably
wrong and why.

    >>> summary = describe(finding, documents_by_path(report))
    >>> summary.sentence
    "The headline of 000_1227f8ae13c2544c.txt names Khomeini as the sender of the letter; 5 claims in
    4 articles (this one's own text among them) name Khamenei, and Khomeini died in 1989."

The sentence is built from the finding's data, never from a judge's prose: its kind, its claims and
their documents, the words the judges marked (``Verdict.highlights``), the knowledge base (who a
marked name is, when they died) and, for figures, the ledger (every value, its articles, times and
status). The judges' own explanations stay available as detail in every format.

Which side is probably wrong, and why (``Plain.reason``):

- ``odd-one-out``: one side is given by one claim (or one article) and the other by several;
- ``dead``: the name on one side belongs to a person who had died by then;
- ``later-report``: for a figure, the latest firm report gives another value;
- ``official``: for a figure, an official source the articles quote gives another value;
- ``None``: the articles alone cannot tell; the sentence says so.

The claim the combine stage puts first (``Finding.claims[0]``) is the one most likely wrong; the
sentence names it first, and says why only when the data shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from checker.report.common import highlight_ranges, kind_info, split_record
from checker.types import Claim, Document, Finding, Ledger, LedgerEntry, Role

# How a claim's place in its article reads in a sentence.
_ROLE_PLACE = {
    Role.HEADLINE: "the headline of {name}",
    Role.SUBHEADING: "the subheading of {name}",
    Role.QUOTE: "a quotation on line {line} of {name}",
    Role.BODY: "line {line} of {name}",
}

# An entity judge's role, as the end of "names X ...".
_ROLE_PHRASE = {
    "sender": "as the sender of the letter",
    "recipient": "as the recipient of the letter",
    "messenger": "as the bearer of the letter",
    "handed_to": "as the person the letter was handed to",
    "visitor": "as the visitor",
    "destination": "as the place visited",
    "host": "as the host of the visit",
    "speaker": "as the speaker",
}

_STATUS_WORDS = {
    "hedged": "approximate",
    "preliminary": "preliminary",
    "updated": "updated",
    "partial": "part of the total",
    "cumulative": "running total",
}

# '<subject> differs: "<surface>" (<reading>) vs "<surface>" (<reading>).' — the quantity and
# time judges' wording; when a judge says it otherwise, the sentence falls back to the surfaces.
_DIFFERS = re.compile(r"^(?P<subject>.+?) (?:differs|differ|is dated differently): ")
_READING = re.compile(r'"(?P<surface>[^"]+)" \((?P<reading>[^()]+)\)')


@dataclass(frozen=True)
class Plain:
    """A finding in plain words."""

    title: str  # the kind, as an editor names it ("Names disagree")
    sentence: str  # what disagrees, which side is probably wrong and why
    likely_wrong: int | None  # the position of the claim probably wrong, when the data shows it
    reason: str | None  # odd-one-out | dead | later-report | official | None


def article_name(path: str, docs: Mapping[str, Document]) -> str:
    """An article as a reader names it: its file name (and record), with its outlet when known."""
    file_path, record = split_record(path)
    name = PurePosixPath(file_path.replace("\\", "/")).name or file_path
    if record is not None:
        name = f"record {record} of {name}"
    doc = docs.get(path)
    if doc is not None and doc.outlet:
        name = f"{name} ({doc.outlet})"
    return name


def claim_place(claim: Claim, docs: Mapping[str, Document]) -> str:
    """'the headline of 000_x.txt', 'line 16 of 001_y.txt'."""
    template = _ROLE_PLACE.get(claim.role, _ROLE_PLACE[Role.BODY])
    return template.format(name=article_name(claim.document, docs), line=claim.span.line)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def number_text(value: float) -> str:
    """19.0 -> '19', 1.3 -> '1.3', 2500000.0 -> '2,500,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "?", "!")) else text + "."


def _marked(finding: Finding, position: int) -> list[str]:
    claim = finding.claims[position]
    return [claim.text[s:e] for s, e in highlight_ranges(finding, position)]


def _documents(claims: Sequence[Claim]) -> list[str]:
    return list(dict.fromkeys(c.document for c in claims))


# --- names ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    label: str  # English name when the knowledge base knows it, else the marked words
    entity: str | None
    role: str | None
    died: dt.date | None
    died_text: str | None


def _kb():  # type: ignore[no-untyped-def]
    """The knowledge base, loaded on first use (only findings about names need it)."""
    from checker.kb import load_kb

    return load_kb()


def _names(finding: Finding, position: int, docs: Mapping[str, Document]) -> list[_Name]:
    """The marked names of one claim, linked to the knowledge base where possible."""
    claim = finding.claims[position]
    spans = highlight_ranges(finding, position)
    if not spans:
        return []
    doc = docs.get(claim.document)
    lang = doc.lang if doc is not None else claim.lang
    try:
        kb = _kb()
        mentions = kb.find_mentions(claim.text, lang, doc.date if doc is not None else None)
    except Exception:  # a broken newsroom KB must never break a report: fall back to the words
        kb, mentions = None, []
    out: list[_Name] = []
    for start, end in spans:
        hit = next((m for m in mentions if m.start < end and m.end > start), None)
        entity = kb.get(hit.entity_id) if kb is not None and hit is not None else None
        if entity is None:
            out.append(_Name(claim.text[start:end], None, None, None, None))
            continue
        # "Khomeini" rather than "Ruhollah Khomeini": the shortest English name that ends the label
        surnames = [n for n in entity.names.get("en") or () if entity.label.endswith(n)]
        short = min(surnames, key=len) if surnames else entity.label
        died = entity.died.latest if entity.died is not None else None
        died_text = entity.died.text[:4] if entity.died is not None else None
        out.append(_Name(short, entity.id, hit.role if hit else None, died, died_text))
    return out


def _dead_by_then(name: _Name, claim: Claim, docs: Mapping[str, Document]) -> bool:
    if name.died is None:
        return False
    doc = docs.get(claim.document)
    when = doc.date if doc is not None else None
    return when is None or when > name.died


def _describe_names(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    claims = finding.claims
    first = _names(finding, 0, docs)
    title = kind_info(finding.kind).title
    if not first:
        return _fallback(finding, docs)
    wrong = first[0]
    others: Counter[str] = Counter()
    backing: dict[str, list[Claim]] = {}
    for position in range(1, len(claims)):
        names = [n for n in _names(finding, position, docs) if n.label != wrong.label]
        if names:
            others[names[0].label] += 1
            backing.setdefault(names[0].label, []).append(claims[position])
    role = _ROLE_PHRASE.get(wrong.role or "", "")
    lead = f"{claim_place(claims[0], docs)} names {wrong.label}" + (f" {role}" if role else "")
    if not others:
        return _fallback(finding, docs)
    sides = []
    for label, count in others.most_common():
        docs_here = _documents(backing[label])
        if docs_here == [claims[0].document]:
            where = "the same article"
        elif claims[0].document in docs_here:
            where = f"{len(docs_here)} articles (this one among them)"
        else:
            where = f"{len(docs_here)} other article{'s' if len(docs_here) != 1 else ''}"
        sides.append(f"{plural(count, 'claim')} in {where} name{'s' if count == 1 else ''} {label}")
    sentence = f"{lead}; {', '.join(sides)}"
    reason: str | None = None
    if _dead_by_then(wrong, claims[0], docs) and wrong.died_text:
        sentence += f", and {wrong.label} died in {wrong.died_text}"
        reason = "dead"
    elif sum(others.values()) >= 2:
        reason = "odd-one-out"
    if reason is None:
        sentence += "; which one is right cannot be told from the articles"
    return Plain(title, _sentence(sentence), 0 if reason else None, reason)


def _describe_anachronism(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    names = [n for n in _names(finding, 0, docs) if n.died_text]
    if not names:
        return _fallback(finding, docs)
    name = names[0]
    role = _ROLE_PHRASE.get(name.role or "", "")
    doc = docs.get(finding.claims[0].document)
    when = f" in an article dated {doc.date.isoformat()}" if doc is not None and doc.date else ""
    sentence = (
        f"{claim_place(finding.claims[0], docs)} names {name.label}"
        + (f" {role}" if role else "")
        + f"{when}, but {name.label} died in {name.died_text}"
    )
    return Plain(kind_info(finding.kind).title, _sentence(sentence), 0, "dead")


# --- figures and dates ----------------------------------------------------------------------------


def _readings(explanation: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The subject and the (surface, reading) pairs of a '<subject> differs: "a" (A) vs "b" (B).'"""
    match = _DIFFERS.match(explanation)
    subject = match.group("subject") if match else None
    return subject, [(m.group("surface"), m.group("reading")) for m in _READING.finditer(explanation)]


def _value_of(finding: Finding, position: int, readings: Sequence[tuple[str, str]]) -> str | None:
    """How claim ``position`` gives the disputed value: the judge's reading of its marked words,
    else the marked words themselves."""
    marked = _marked(finding, position)
    for surface, reading in readings:
        if any(surface.strip() in m or m in surface for m in marked):
            return reading
    return marked[0] if marked else None


def _describe_values(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    """Two (or more) claims giving one figure or date different values, without a ledger."""
    title = kind_info(finding.kind).title
    lead = finding.evidence[0] if finding.evidence else None
    subject, readings = _readings(lead.explanation) if lead is not None else (None, [])
    claims = finding.claims
    first = _value_of(finding, 0, readings)
    if first is None or len(claims) < 2:
        return _fallback(finding, docs)
    verb = "gives the date" if finding.kind == "date" else "gives"
    what = f" for {subject[0].lower() + subject[1:]}" if subject and finding.kind != "date" else ""
    values: dict[str, list[Claim]] = {}
    for position in range(1, len(claims)):
        value = _value_of(finding, position, readings)
        if value is not None and value != first:
            values.setdefault(value, []).append(claims[position])
    if not values:
        return _fallback(finding, docs)
    parts = []
    for value, backing in values.items():
        if len(backing) == 1:
            parts.append(f"{claim_place(backing[0], docs)} gives {value}")
        else:
            articles = plural(len(_documents(backing)), "article")
            parts.append(f"{plural(len(backing), 'claim')} in {articles} give {value}")
    sentence = f"{claim_place(claims[0], docs)} {verb} {first}{what}; {'; '.join(parts)}"
    backers = sum(len(b) for b in values.values())
    if backers >= 2 and len(values) == 1:
        return Plain(title, _sentence(sentence + f"; {first} is the odd one out"), 0, "odd-one-out")
    return Plain(
        title, _sentence(sentence + "; which one is right cannot be told from the articles"), None, None
    )


@dataclass(frozen=True)
class LedgerRow:
    """One value of a figure ledger with everything said about it: the compact table's row."""

    value: float
    documents: int  # how many articles give it
    claims: tuple[int, ...]  # positions of the claims giving it
    statuses: tuple[str, ...]  # exact, hedged, preliminary, updated, partial, cumulative
    first: str | None  # earliest publication time among them
    last: str | None  # latest publication time among them
    outlets: tuple[str, ...]
    sources: tuple[str, ...]  # officials the sentences name
    latest: bool  # the value of the latest firm report
    official: bool  # the value an official source gives
    suspect: bool  # the value of the finding's first claim (probably wrong)


def _shown_time(published: str | None, ledger: Ledger) -> str | None:
    """A publication time as a reader wants it: without the date when every report is of one day."""
    if not published:
        return published
    days = {e.published.split(" ")[0] for e in ledger.entries if e.published}
    if len(days) == 1 and " " in published:
        return published.split(" ", 1)[1]
    return published


def ledger_rows(ledger: Ledger) -> list[LedgerRow]:
    """The ledger grouped by value: the suspect value on top, then the most widely reported."""
    by_value: dict[float, list[LedgerEntry]] = {}
    for entry in ledger.entries:
        by_value.setdefault(entry.value, []).append(entry)
    rows = []
    for value, entries in by_value.items():
        times = sorted(t for e in entries if (t := _shown_time(e.published, ledger)))
        rows.append(
            LedgerRow(
                value=value,
                documents=len({e.document for e in entries}),
                claims=tuple(e.claim for e in entries),
                statuses=tuple(dict.fromkeys(e.status for e in entries)),
                first=times[0] if times else None,
                last=times[-1] if times else None,
                outlets=tuple(dict.fromkeys(e.outlet for e in entries if e.outlet)),
                sources=tuple(dict.fromkeys(e.source for e in entries if e.source)),
                latest=ledger.latest is not None and value == ledger.latest,
                official=ledger.authoritative is not None and value == ledger.authoritative,
                suspect=any(e.claim == 0 for e in entries),
            )
        )
    rows.sort(key=lambda r: (not r.suspect, -r.documents, r.value))
    return rows


def _latest_entry(ledger: Ledger) -> LedgerEntry | None:
    firm = [e for e in ledger.entries if e.status in ("exact", "updated") and e.published]
    if ledger.latest is not None:
        firm = [e for e in firm if e.value == ledger.latest] or firm
    return max(firm, key=lambda e: e.published or "") if firm else None


def _describe_ledger(finding: Finding, ledger: Ledger, docs: Mapping[str, Document]) -> Plain:
    title = kind_info(finding.kind).title
    rows = ledger_rows(ledger)
    suspect = next((r for r in rows if r.suspect), None)
    label = ledger.label or ledger.measure.capitalize()
    others = [r for r in rows if r is not suspect]
    shown = others[:3]
    counted = ", ".join(
        f"{number_text(r.value)} in {r.documents if r is not shown[0] else plural(r.documents, 'article')}"
        for r in shown
    )
    if len(others) > len(shown):
        counted += f" and {plural(len(others) - len(shown), 'other value')}"
    if suspect is None:
        return Plain(title, _sentence(f"{label}: the articles give {counted}"), None, None)
    head = f"{label}: {number_text(suspect.value)} in {plural(suspect.documents, 'article')}"
    where = [w for w in (", ".join(suspect.outlets[:2]), suspect.first) if w]
    if where and suspect.documents == 1:
        head += f" ({', '.join(where)})"
    sentence = f"{head}, against {counted}" if counted else head
    reasons: list[tuple[str, str]] = []
    latest = _latest_entry(ledger)
    if ledger.verdict == "updated" and ledger.latest is not None and ledger.latest != suspect.value:
        reasons.append(("later-report", f"later reports update it to {number_text(ledger.latest)}"))
    elif ledger.latest is not None and ledger.latest != suspect.value:
        at = _shown_time(latest.published, ledger) if latest is not None else None
        when = f" ({at})" if at else ""
        reasons.append(("later-report", f"the latest report{when} says {number_text(ledger.latest)}"))
    if ledger.authoritative is not None and ledger.authoritative != suspect.value:
        source = next((r.sources[0] for r in rows if r.official and r.sources), None)
        said = (
            f"an official source{f' ({source})' if source else ''} says {number_text(ledger.authoritative)}"
        )
        reasons.append(("official", said))
    # the odd one out: the only firm value that a single article gives, against several others
    firm = [r for r in others if {"exact", "updated"} & set(r.statuses)]
    lone = suspect.documents == 1 and all(r.documents > 1 for r in firm)
    if lone and sum(r.documents for r in others) >= 2:
        reasons.insert(0, ("odd-one-out", f"{number_text(suspect.value)} is the odd one out"))
    if ledger.verdict == "soft":
        sentence += "; only approximate or early figures differ, which may be no error"
        return Plain(title, _sentence(sentence), None, None)
    if not reasons:
        sentence += "; which one is right cannot be told from the articles"
        return Plain(title, _sentence(sentence), None, None)
    sentence += "; " + _and([text for _, text in reasons])
    return Plain(title, _sentence(sentence), 0, reasons[0][0])


def _and(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def ledger_statuses(row: LedgerRow) -> str:
    """'exact, approximate' for a row's statuses, in words."""
    return ", ".join(_STATUS_WORDS.get(s, s) for s in row.statuses)


# --- what every format shows --------------------------------------------------------------------


def claim_notes(finding: Finding, plain: Plain) -> dict[int, str]:
    """Notes beside claims: 'probably wrong' on the suspect, 'changed' on a changed one."""
    notes: dict[int, str] = {}
    if plain.likely_wrong is not None:
        notes[plain.likely_wrong] = "probably wrong"
    for position in finding.changed:
        notes[position] = ", ".join(n for n in (notes.get(position), "changed") if n)
    return notes


def shown_claims(finding: Finding, first: Sequence[int], limit: int | None) -> list[int]:
    """The claims a report quotes in full: ``first`` (the noted ones), then up to ``limit`` others
    (all with None); for a ledger, one per other value first, so that each value is seen in its
    sentence."""
    lead = list(first) or [0]
    rest = [p for p in range(len(finding.claims)) if p not in lead]
    if finding.ledger is not None:
        examples = [
            next(p for p in row.claims if p not in lead)
            for row in ledger_rows(finding.ledger)
            if not row.suspect and set(row.claims) - set(lead)
        ]
        rest = examples + [p for p in rest if p not in examples]
    return lead + (rest if limit is None else rest[:limit])


# --- the rest -------------------------------------------------------------------------------------


def _describe_contradiction(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    if len(finding.claims) < 2:
        return _fallback(finding, docs)
    a, b = finding.claims[0], finding.claims[1]
    sentence = (
        f"A language model reads {claim_place(a, docs)} as contradicting {claim_place(b, docs)}, "
        "but no name, number or date differs between them; read the two sentences side by side"
    )
    return Plain(kind_info(finding.kind).title, _sentence(sentence), None, None)


def _fallback(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    """The claims' places and the lead judge's words, when the data says nothing plainer."""
    places = [claim_place(c, docs) for c in finding.claims[:2]]
    more = len(finding.claims) - len(places)
    what = " and ".join(places) + (f" (and {plural(more, 'other claim')})" if more > 0 else "")
    why = finding.evidence[0].explanation if finding.evidence else finding.explanation
    sentence = f"{what} disagree" if len(finding.claims) > 1 else what
    if why:
        sentence += f": {why.rstrip('.')}"
    return Plain(kind_info(finding.kind).title, _sentence(sentence), None, None)


def describe(finding: Finding, docs: Mapping[str, Document]) -> Plain:
    """The finding in plain words (see the module docstring).

    Args:
        finding: one finding of a report.
        docs: the report's documents by path (:func:`checker.report.common.documents_by_path`).
    """
    if not finding.claims:
        return Plain(kind_info(finding.kind).title, _sentence(finding.explanation), None, None)
    if finding.ledger is not None:
        return _describe_ledger(finding, finding.ledger, docs)
    if finding.kind == "entity":
        return _describe_names(finding, docs)
    if finding.kind == "anachronism":
        return _describe_anachronism(finding, docs)
    if finding.kind in ("number", "date"):
        return _describe_values(finding, docs)
    if finding.kind == "contradiction":
        return _describe_contradiction(finding, docs)
    return _fallback(finding, docs)
