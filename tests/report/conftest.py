"""A Report built from the real seed articles, for every report format's tests.

Claims are real slices of the seed files (offsets found by reading the files, never typed in):
- finding 1 (entity, high): seed 000's headline (line 1, names الخميني) against its body sentence
  on line 2 (names خامنئي);
- finding 2 (date, medium): an Arabic sentence of seed 002 ("مساء أول من أمس") against a Persian
  one of seed 003 ("شب گذشته");
plus one skipped file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_browser import CHROMEDRIVER, CHROMIUM, Browser

from checker.types import (
    Claim,
    Document,
    Finding,
    Ledger,
    LedgerEntry,
    Report,
    Role,
    Severity,
    Skipped,
    Span,
    Verdict,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

SEED_LANGS = {
    "000_1227f8ae13c2544c.txt": "ar",
    "001_42ba45faf81212f0.txt": "ar",
    "002_705fd37aea0d53b1.txt": "ar",
    "003_a2d14a08bef2f986.txt": "fa",
    "004_5ea9a0b754be6861.txt": "ar",
}

HEADLINE_MAX_CHARS = 150
SENTENCE_END = ".؟?!\n"


def line_span(source: str, line: int) -> Span:
    """The whole of 1-based ``line`` (without its newline)."""
    start = 0
    for _ in range(line - 1):
        start = source.index("\n", start) + 1
    end = source.find("\n", start)
    return Span(start=start, end=len(source) if end < 0 else end, line=line)


def sentence_span(source: str, phrase: str) -> Span:
    """The sentence holding the first ``phrase``: from after the previous sentence end (or line
    start) to its own full stop, inclusive."""
    at = source.index(phrase)
    start = max(source.rfind(ch, 0, at) for ch in SENTENCE_END) + 1
    while source[start].isspace():
        start += 1
    ends = [i for i in (source.find(ch, at) for ch in SENTENCE_END) if i >= 0]
    end = min(ends)
    if source[end] != "\n":
        end += 1
    return Span(start=start, end=end, line=source.count("\n", 0, start) + 1)


def make_claim(doc: Document, span: Span, role: Role, index: int) -> Claim:
    return Claim(
        id=f"{doc.path}#{index}",
        document=doc.path,
        index=index,
        role=role,
        text=doc.source[span.start : span.end],
        span=span,
        lang=doc.lang,
    )


def highlight(claim: Claim, position: int, word: str) -> tuple[int, int, int]:
    start = claim.text.index(word)
    return (position, start, start + len(word))


def read_seed(name: str) -> Document:
    source = (SEEDS / name).read_text(encoding="utf-8")
    first = line_span(source, 1)
    # A short first line is the headline; seed 002 opens straight with its first paragraph.
    headline = first if first.end - first.start <= HEADLINE_MAX_CHARS else None
    return Document(path=f"seeds/{name}", lang=SEED_LANGS[name], source=source, headline=headline)


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    return {name: read_seed(name) for name in sorted(SEED_LANGS)}


@pytest.fixture(scope="session")
def seed_report(seed_docs: dict[str, Document]) -> Report:
    d000 = seed_docs["000_1227f8ae13c2544c.txt"]
    d002 = seed_docs["002_705fd37aea0d53b1.txt"]
    d003 = seed_docs["003_a2d14a08bef2f986.txt"]

    headline = make_claim(d000, line_span(d000.source, 1), Role.HEADLINE, 0)
    body = make_claim(d000, sentence_span(d000.source, "خامنئي"), Role.BODY, 1)
    entity_verdict = Verdict(
        judge="entity",
        kind="entity",
        score=0.93,
        explanation="The headline names الخميني (Khomeini, died 1989) as the sender; the body names خامنئي.",
        highlights=(highlight(headline, 0, "الخميني"), highlight(body, 1, "خامنئي")),
    )
    nli_verdict = Verdict(judge="nli", kind="contradiction", score=0.71, explanation="contradiction 0.71")
    entity = Finding(
        id="f-entity-000-0-1",
        kind="entity",
        severity=Severity.HIGH,
        score=0.93,
        claims=(headline, body),
        explanation=entity_verdict.explanation,
        evidence=(entity_verdict, nli_verdict),
    )

    arrival = make_claim(d002, sentence_span(d002.source, "مساء أول من أمس"), Role.BODY, 0)
    travel = make_claim(d003, sentence_span(d003.source, "شب گذشته"), Role.BODY, 1)
    date_verdict = Verdict(
        judge="time",
        kind="date",
        score=0.64,
        explanation="One says he arrived the evening before yesterday (مساء أول من أمس), "
        "the other last night (شب گذشته).",
        highlights=(highlight(arrival, 0, "مساء أول من أمس"), highlight(travel, 1, "شب گذشته")),
    )
    date = Finding(
        id="f-date-002-003",
        kind="date",
        severity=Severity.MEDIUM,
        score=0.64,
        claims=(arrival, travel),
        explanation=date_verdict.explanation,
        evidence=(date_verdict,),
    )
    docs = tuple(seed_docs.values())
    return Report(
        version="0.1.0",
        documents=docs,
        claims=(headline, body, arrival, travel),
        # pipeline order on purpose: the medium finding first, so ordering is exercised
        findings=(date, entity),
        skipped=(Skipped(path="seeds/missing.txt", reason="file not found"),),
        stats={
            "documents": 5,
            "claims": 4,
            "candidate_pairs": 2,
            "nli_pairs_scored": 2,
            "seconds_embed": 0.25,
        },
    )


BALLOON = REPO / "examples" / "balloon-crash"


@pytest.fixture(scope="session")
def ledger_report() -> Report:
    """One figure-ledger finding over the example articles of examples/balloon-crash/: the toll of a
    balloon crash, 14 in the earliest article, 18 in one, 19 in three (the last of them an update
    that names the health ministry). Each claim is its article's headline."""
    docs: list[Document] = []
    claims: list[Claim] = []
    for path in sorted(BALLOON.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = f"{record['title']}\n\n{record['text']}"
        doc = Document(
            path=f"examples/balloon-crash/{path.name}",
            lang="ar",
            source=source,
            headline=line_span(source, 1),
            date=dt.date.fromisoformat(record["date"]),
            date_origin="metadata",
            time=dt.time.fromisoformat(record["time"]),
            outlet=record["source"],
        )
        docs.append(doc)
        claims.append(make_claim(doc, line_span(source, 1), Role.HEADLINE, 0))
    figures = ["14 حالة", "18 سائحا", "19 سائحا", "19 قتيلا", "19 قتيلا"]
    statuses = ["exact", "exact", "exact", "exact", "updated"]
    sources = [None, None, None, None, "وزارة الصحة"]
    entries = tuple(
        LedgerEntry(
            value=float(figure.split()[0]),
            surface=figure,
            status=status,
            claim=n,
            document=doc.path,
            published=f"{doc.date} {doc.time:%H:%M}",
            outlet=doc.outlet,
            source=source,
        )
        for n, (doc, figure, status, source) in enumerate(zip(docs, figures, statuses, sources, strict=True))
    )
    ledger = Ledger("killed", "Killed", (), entries, "conflict", latest=19.0, authoritative=19.0)
    verdict = Verdict(
        judge="figures",
        kind="number",
        score=0.9,
        explanation="Killed: the reports disagree: 14 in 1 article; 18 in 1 article; 19 in 3 articles.",
        highlights=tuple(highlight(c, n, f) for n, (c, f) in enumerate(zip(claims, figures, strict=True))),
        ledger=ledger,
        severity="high",
    )
    finding = Finding(
        id="f-ledger-killed",
        kind="number",
        severity=Severity.HIGH,
        score=0.9,
        claims=tuple(claims),
        explanation=verdict.explanation,
        evidence=(verdict,),
        ledger=ledger,
    )
    return Report(
        version="0.2.0", documents=tuple(docs), claims=tuple(claims), findings=(finding,), skipped=()
    )


HOSTILE_SOURCE = (
    "<script>document.title='pwned'</script> خبر: رئيس البرلمان يصل إلى موسكو\n"
    "وقال مسؤول إن الرسالة من خامنئي <img src=x onerror=\"document.title='pwned'\"> | *عاجل* @someone.\n"
)


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """An article whose text is markup: every format must show it, never run it."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "evil.txt"
    path.write_text(HOSTILE_SOURCE, encoding="utf-8")
    doc = Document(path=str(path), lang="ar", source=HOSTILE_SOURCE, headline=line_span(HOSTILE_SOURCE, 1))
    first = make_claim(doc, line_span(HOSTILE_SOURCE, 1), Role.HEADLINE, 0)
    second = make_claim(doc, line_span(HOSTILE_SOURCE, 2), Role.BODY, 1)
    # A highlight that starts inside the <script> tag and one that spans the <img> markup.
    verdict = Verdict(
        judge="entity",
        kind="entity",
        score=0.5,
        explanation="Markup in <b>explanations</b> | is *text* too, [x](javascript:alert(1)) @octocat",
        highlights=((0, 3, 20), highlight(second, 1, "<img src=x")),
    )
    finding = Finding(
        id="f-hostile",
        kind="entity",
        severity=Severity.LOW,
        score=0.5,
        claims=(first, second),
        explanation=verdict.explanation,
        evidence=(verdict,),
    )
    return Report(
        version="0.1.0",
        documents=(doc,),
        claims=(first, second),
        findings=(finding,),
        skipped=(Skipped(path="a|b<script>.txt", reason="not text: <b>binary</b>"),),
    )


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium driven through chromedriver; installs both with
    scripts/ensure_chromium.sh when they are missing (as root; the project's setup does it)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        done = subprocess.run(
            ["bash", str(REPO / "scripts" / "ensure_chromium.sh")],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
            message = f"no Chromium/chromedriver: {done.stderr.strip() or done.stdout.strip()}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
    session = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield session
    finally:
        session.close()
