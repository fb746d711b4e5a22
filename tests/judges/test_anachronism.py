"""The anachronism judge: a man dead since 1989 cannot send a letter in 2021."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from checker.facts.stage import FactSheet
from checker.judges.anachronism import AnachronismJudge
from checker.judges.base import JudgeContext
from checker.kb import KnowledgeBase, load_kb
from checker.types import Claim, Document, Role, Span, TimeExpr

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEADLINE_000 = (SEEDS / "000_1227f8ae13c2544c.txt").read_text(encoding="utf-8").splitlines()[0]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def single(text: str, date: dt.date | None, lang: str = "ar") -> tuple[Document, Claim]:
    doc = Document(path="a.txt", lang=lang, source=text, date=date)
    claim = Claim(
        id="a#0",
        document="a.txt",
        index=0,
        role=Role.HEADLINE,
        text=text,
        span=Span(0, len(text), 1),
        lang=lang,
    )
    return doc, claim


def judge_one(
    judge: AnachronismJudge,
    kb: KnowledgeBase,
    doc: Document,
    claim: Claim,
    times: tuple[TimeExpr, ...] = (),
    event_date: dt.date | None = None,
):
    """The judge on one claim whose facts are the stage's, with the time expressions given here
    (the tests choose the anchors) and, optionally, the date of its event."""
    sheet = JudgeContext.of([doc], [claim], kb).facts
    facts = FactSheet(
        {claim.id: replace(sheet.of(claim), times=times)},
        {p: replace(d, event_date=event_date) for p, d in sheet.documents.items()},
    )
    flagged = judge.judge_claims([claim], JudgeContext({doc.path: doc}, facts))
    assert len(flagged) <= 1
    return flagged[0].verdicts[0] if flagged else None


def test_khomeini_sends_a_letter_in_2021(kb: KnowledgeBase) -> None:
    doc, claim = single(HEADLINE_000, dt.date(2021, 2, 8))
    verdict = judge_one(AnachronismJudge(kb), kb, doc, claim)
    assert verdict is not None
    assert (verdict.judge, verdict.kind) == ("anachronism", "anachronism")
    assert verdict.explanation.startswith(
        "Ruhollah Khomeini died on 1989-06-03; the article is dated 2021-02-08"
    )
    [(position, start, end)] = verdict.highlights
    assert (position, claim.text[start:end]) == (0, "الخميني")


def test_an_institution_named_after_khomeini_is_not_the_man(kb: KnowledgeBase) -> None:
    # fars-noise of eval/real: the director of the Imam Khomeini Relief Committee speaks
    said = "مدیرکل کمیته امداد امام خمینی استان بوشهر گفت: در تابستان امسال 1450 نفر در کلاس‌ها شرکت کردند"
    doc, claim = single(said, dt.date(2021, 2, 8), "fa")
    assert judge_one(AnachronismJudge(kb), kb, doc, claim) is None
    # the man himself, in the same sentence, still is
    doc, claim = single(
        said.replace("مدیرکل کمیته امداد امام خمینی استان بوشهر", "امام خمینی"), dt.date(2021, 2, 8), "fa"
    )
    assert judge_one(AnachronismJudge(kb), kb, doc, claim) is not None


def test_undated_article_is_quiet_without_a_fallback(kb: KnowledgeBase) -> None:
    doc, claim = single(HEADLINE_000, None)
    assert judge_one(AnachronismJudge(kb), kb, doc, claim) is None
    verdict = judge_one(AnachronismJudge(kb), kb, doc, claim, event_date=dt.date(2021, 2, 8))
    assert verdict is not None and "the event is dated 2021-02-08" in verdict.explanation
    verdict = judge_one(AnachronismJudge(kb, fallback_date=dt.date(2021, 2, 8)), kb, doc, claim)
    assert verdict is not None


def test_a_time_anchor_in_the_claim_decides(kb: KnowledgeBase) -> None:
    text = "قال الخميني في عام 1979 إن الثورة انتصرت"
    doc, claim = single(text, dt.date(2021, 2, 8))
    year_1979 = TimeExpr(
        start=text.index("1979"), end=text.index("1979") + 4, surface="1979", kind="year", year=1979
    )
    assert judge_one(AnachronismJudge(kb), kb, doc, claim, (year_1979,)) is None
    undated_doc, undated_claim = single("بوتين يتلقى رسالة من الخميني عام 2021", None)
    year_2021 = TimeExpr(start=0, end=4, surface="2021", kind="year", year=2021)
    verdict = judge_one(AnachronismJudge(kb), kb, undated_doc, undated_claim, (year_2021,))
    assert verdict is not None and "the claim is dated 2021" in verdict.explanation


@pytest.mark.parametrize(
    "text",
    [
        "وقال الإمام الراحل الخميني إن الاستقلال أولوية",  # "the late"
        "كما قال الخميني (رحمه الله) إن الاستقلال أولوية",
        "رسالة من بوتين إلى الخميني",  # a letter *to* him: not an act of his
        "وتحدث المشاركون عن الخميني والثورة",  # no role
    ],
)
def test_memories_and_passive_mentions_are_quiet(kb: KnowledgeBase, text: str) -> None:
    doc, claim = single(text, dt.date(2021, 2, 8))
    assert judge_one(AnachronismJudge(kb), kb, doc, claim) is None


def test_a_speaker_who_died_days_before(kb: KnowledgeBase) -> None:
    doc, claim = single("وقال رئيسي إن إيران ستواصل التعاون", dt.date(2024, 6, 10))
    verdict = judge_one(AnachronismJudge(kb), kb, doc, claim)
    assert verdict is not None and verdict.score < 0.9  # a speaker may be quoted after death: lower score
    assert verdict.explanation.startswith("Ebrahim Raisi died on 2024-05-19; the article is dated 2024-06-10")
    before, claim_before = single("وقال رئيسي إن إيران ستواصل التعاون", dt.date(2024, 5, 1))
    assert judge_one(AnachronismJudge(kb), kb, before, claim_before) is None


def test_the_living_are_never_flagged(kb: KnowledgeBase) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        source = path.read_text(encoding="utf-8")
        lang = "fa" if "قالیباف" in source else "ar"
        judge = AnachronismJudge(kb)
        for number, line in enumerate(source.splitlines()):
            if not line.strip() or "الخميني" in line:
                continue
            doc = Document(path=path.name, lang=lang, source=source, date=dt.date(2021, 2, 8))
            claim = Claim(
                f"{path.name}#{number}", path.name, number, Role.BODY, line, Span(0, len(line), 1), lang
            )
            assert judge_one(judge, kb, doc, claim) is None, line


def test_a_dead_leader_quoted_in_an_undated_article_is_a_note(kb: KnowledgeBase) -> None:
    # "Imam Khomeini said ...": his words are quoted for decades; an article with no date of its own,
    # dated only through its event, gives a low note; the same quote in a dated article stays a finding
    text = "وقال الخميني إن الاستقلال أولوية لكل الشعوب"
    doc, claim = single(text, None)
    borrowed = judge_one(AnachronismJudge(kb), kb, doc, claim, event_date=dt.date(2004, 10, 6))
    assert (
        borrowed is not None and borrowed.severity == "low" and "the event is dated" in borrowed.explanation
    )
    dated_doc, dated_claim = single(text, dt.date(2004, 10, 6))
    own = judge_one(AnachronismJudge(kb), kb, dated_doc, dated_claim)
    assert own is not None and own.severity is None
