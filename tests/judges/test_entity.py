"""The entity judge on the seeds' own sentences: the Khomeini/Khamenei headline is caught,
spelling variants, titles and different events are not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.facts.stage import FactSheet
from checker.judges.base import JudgeContext
from checker.judges.entity import EntityJudge
from checker.kb import KnowledgeBase, load_kb
from checker.types import CandidatePair, Claim, Document, Role, Span

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def judge(kb: KnowledgeBase) -> EntityJudge:
    return EntityJudge(kb)


def seed_document(prefix: str, date: dt.date | None = None) -> Document:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    source = path.read_text(encoding="utf-8")
    return Document(path=path.name, lang="fa" if prefix == "003" else "ar", source=source, date=date)


def claim_of(doc: Document, line: int, starting: str | None = None, role: Role = Role.BODY) -> Claim:
    """A claim over line ``line`` of ``doc``, or over its sentence that begins with ``starting``."""
    lines = doc.source.split("\n")
    line_start = sum(len(x) + 1 for x in lines[: line - 1])
    text = lines[line - 1]
    a = text.index(starting) if starting else 0
    b = text.find(".", a) + 1 if starting and "." in text[a:] else len(text)
    return Claim(
        id=f"{doc.path}#{line}:{a}",
        document=doc.path,
        index=line,
        role=role,
        text=text[a:b],
        span=Span(line_start + a, line_start + b, line),
        lang=doc.lang,
    )


def context_for(kb: KnowledgeBase, docs: list[Document], claims: list[Claim]) -> JudgeContext:
    return JudgeContext.of(docs, claims, kb)


def run(judge: EntityJudge, kb: KnowledgeBase, a: tuple[Document, Claim], b: tuple[Document, Claim]):
    context = context_for(kb, [a[0], b[0]], [a[1], b[1]])
    [verdict] = judge.judge_batch([CandidatePair(a[1], b[1], 0.9, "cross-article")], context)
    return verdict


def test_headline_sender_differs_from_body(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc = seed_document("000")
    headline = claim_of(doc, 1, role=Role.HEADLINE)  # "موسكو.. بوتين يتلقى رسالة من الخميني"
    body = claim_of(doc, 2)  # "... رسالة من المرشد الأعلى في إيران آيه الله علي خامنئي إلى الرئيس الروسي ..."
    verdict = run(judge, kb, (doc, headline), (doc, body))
    assert verdict is not None
    assert (verdict.judge, verdict.kind) == ("entity", "entity")
    assert verdict.score >= 0.9  # the recipient (Putin) agrees: the same letter
    assert verdict.explanation == (
        'Sender of the letter differs: "الخميني" (Ruhollah Khomeini) vs "علي خامنئي" (Ali Khamenei).'
    )
    spans = {(side, (headline, body)[side].text[s:e]) for side, s, e in verdict.highlights}
    assert spans == {(0, "الخميني"), (1, "علي خامنئي")}


@pytest.mark.parametrize(
    ("prefix", "line", "starting"),
    [
        ("001", 1, None),  # "قاليباف يسلم رسالة السيد خامنئي إلى بوتين"
        ("001", 3, None),
        ("002", 2, None),  # "حمل قاليباف رسالة من خامنئي إلى بوتين"
    ],
)
def test_headline_conflicts_across_articles(
    judge: EntityJudge, kb: KnowledgeBase, prefix: str, line: int, starting: str | None
) -> None:
    doc_a = seed_document("000")
    doc_b = seed_document(prefix)
    verdict = run(judge, kb, (doc_a, claim_of(doc_a, 1)), (doc_b, claim_of(doc_b, line, starting)))
    assert (
        verdict is not None
        and "Ruhollah Khomeini" in verdict.explanation
        and "Ali Khamenei" in verdict.explanation
    )


def test_persian_title_at_the_date_is_compared(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc_a = seed_document("000", dt.date(2021, 2, 8))
    doc_b = seed_document("003", dt.date(2021, 2, 8))  # "پیام رهبر انقلاب را به ولادیمیر پوتین برساند"
    verdict = run(judge, kb, (doc_a, claim_of(doc_a, 1)), (doc_b, claim_of(doc_b, 2)))
    assert verdict is not None
    assert verdict.explanation.startswith(
        'Sender of the letter differs: "الخميني" (Ruhollah Khomeini) vs "رهبر انقلاب"'
    )


def test_undated_title_is_compatible_with_any_holder(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc_a, doc_b = seed_document("000"), seed_document("003")  # no dates: "رهبر انقلاب" is the office
    assert run(judge, kb, (doc_a, claim_of(doc_a, 1)), (doc_b, claim_of(doc_b, 2))) is None
    # ... but not with someone who never held it
    lavrov = Document(path="x.txt", lang="ar", source="بوتين يتلقى رسالة من لافروف")
    verdict = run(judge, kb, (lavrov, claim_of(lavrov, 1)), (doc_b, claim_of(doc_b, 2)))
    assert verdict is not None and "Supreme Leader of Iran" in verdict.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Volodin as "فياتشيسلاف فولودين" / "فالودين" / "رئيس مجلس الدوما": the same person handed the letter
        (("001", 3, None), ("002", 1, "الزيارة")),
        (("001", 10, None), ("002", 1, "الزيارة")),
        # Volodin hosts, as "فيتشيلاف فالودين" and as "رئيس مجلس الدوما الروسي"
        (("002", 1, "استجابةً"), ("001", 18, None)),
        # Khamenei as "علي الخامنئي" / "خامنئي" / "على خامنئي"
        (("001", 3, None), ("000", 3, None)),
        (("001", 1, None), ("002", 2, None)),
        # a visit to Moscow and a visit to Russia
        (("000", 4, None), ("001", 18, None)),
    ],
)
def test_same_people_under_other_spellings_are_quiet(
    judge: EntityJudge, kb: KnowledgeBase, a: tuple[str, int, str | None], b: tuple[str, int, str | None]
) -> None:
    doc_a, doc_b = seed_document(a[0], dt.date(2021, 2, 8)), seed_document(b[0], dt.date(2021, 2, 8))
    assert run(judge, kb, (doc_a, claim_of(doc_a, a[1], a[2])), (doc_b, claim_of(doc_b, b[1], b[2]))) is None


def _doc(path: str, text: str, lang: str = "ar", date: dt.date | None = None) -> tuple[Document, Claim]:
    doc = Document(path=path, lang=lang, source=text, date=date)
    return doc, claim_of(doc, 1)


def test_different_events_are_quiet(judge: EntityJudge, kb: KnowledgeBase) -> None:
    a = _doc("a.txt", "بوتين يتلقى رسالة من خامنئي")
    b = _doc("b.txt", "ظريف يتلقى رسالة من لافروف")  # every role differs: another letter
    assert run(judge, kb, a, b) is None


def test_unknown_roles_are_quiet(judge: EntityJudge, kb: KnowledgeBase) -> None:
    a = _doc("a.txt", "بوتين يتلقى رسالة من الخميني")
    b = _doc("b.txt", "وتحدث خامنئي عن العلاقات مع روسيا")  # Khamenei named, but not as a sender
    assert run(judge, kb, a, b) is None


def test_different_destination_is_flagged(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc = seed_document("001", dt.date(2021, 2, 8))
    real = claim_of(doc, 18)  # "وكان وصل قاليباف إلى موسكو مساء أمس الاحد ..."
    wrong = _doc("b.txt", "وكان وصل قاليباف إلى طهران مساء أمس الاحد", date=dt.date(2021, 2, 8))
    verdict = run(judge, kb, (doc, real), wrong)
    assert verdict is not None
    assert verdict.explanation == 'Destination of the visit differs: "موسكو" (Moscow) vs "طهران" (Tehran).'


def test_same_quote_two_speakers(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc = seed_document("000", dt.date(2021, 2, 8))
    lavrov = claim_of(doc, 6, "فمؤخرا")  # "قال وزير الخارجية الروسي، سيرغي لافروف، ... إن العلاقات ..."
    swapped = lavrov.text.replace(
        "وزير الخارجية الروسي، سيرغي لافروف", "وزير الخارجية الإيراني، محمد جواد ظريف"
    )
    swapped = swapped.replace("نظيره الإيراني، محمد جواد ظريف", "نظيره الروسي")
    verdict = run(judge, kb, (doc, lavrov), _doc("b.txt", swapped, date=dt.date(2021, 2, 8)))
    assert verdict is not None and verdict.score == pytest.approx(0.7)
    assert verdict.explanation.startswith(
        'Speaker differs: "سيرغي لافروف" (Sergey Lavrov) vs "محمد جواد ظريف"'
    )
    other = _doc("c.txt", "وقال ظريف إن الاتفاق النووي لن يتغير", date=dt.date(2021, 2, 8))
    assert run(judge, kb, (doc, lavrov), other) is None  # different words: two statements


def test_the_judge_reads_the_facts_stage_and_extracts_nothing(judge: EntityJudge, kb: KnowledgeBase) -> None:
    doc = seed_document("000")
    headline, body = claim_of(doc, 1), claim_of(doc, 2)
    pairs = [
        CandidatePair(headline, body, 0.9, "headline-body"),
        CandidatePair(body, body, 1.0, "headline-body"),
    ]
    verdicts = judge.judge_batch(pairs, context_for(kb, [doc], [headline, body]))
    assert verdicts[0] is not None and verdicts[1] is None
    no_facts = JudgeContext({doc.path: doc}, FactSheet({}, {}))
    assert judge.judge_batch(pairs, no_facts) == [None, None]
