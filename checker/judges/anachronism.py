"""Anachronism judge: a person who was dead at the time acts in the claim.

"بوتين يتلقى رسالة من الخميني" in an article of 2021 cannot be true: Khomeini died
in 1989. The judge needs a date for the claim, and takes the first of:

1. a time anchor inside the claim itself (a date or a year the time extractor put in
   the claim's Facts). If any anchor falls before the death, the claim talks about
   the past ("قال الخميني عام 1979") and the judge stays quiet;
2. the document's date (metadata or dateline);
3. the event's date, when the facts stage knows it from other articles of the event
   (``DocumentFacts.event_date``), or a single ``fallback_date``.

With none of these the judge stays quiet. Only acting roles count (sender, bearer,
visitor, host, speaker): a letter *to* a dead man may be a commemoration, and a
mention without a role may be a memory. Words that speak of the person as dead
("الراحل", "رحمه الله", "(ره)") also keep it quiet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from checker.config import AnachronismScores, Thresholds
from checker.judges.base import JudgeContext, JudgeSetup
from checker.judges.entity import ROLE_LABELS
from checker.kb import KnowledgeBase, load_kb
from checker.kb.lexicon import MEMORIAL_MARKERS
from checker.text.tokens import word_tokens
from checker.types import Claim, Judgement, Mention, TimeExpr, Verdict

ACTING_ROLES = ("sender", "messenger", "visitor", "host", "speaker")
_MEMORIAL_WINDOW = 3  # tokens on either side of the name


class AnachronismJudge:
    """Flags claims in which someone acts after their death.

    Args:
        kb: the knowledge base (the project's own, loaded on construction, if None).
        fallback_date: the date to use for claims whose document has none and whose event's
            date the facts stage does not know.
        scores: the score of a verdict by the role the dead person acts in; the defaults of
            ``Thresholds().anachronism`` if None.
    """

    name = "anachronism"

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        *,
        fallback_date: dt.date | None = None,
        scores: AnachronismScores | None = None,
    ) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.fallback_date = fallback_date
        self.scores = scores if scores is not None else Thresholds().anachronism

    @classmethod
    def build(cls, setup: JudgeSetup) -> AnachronismJudge:
        return cls(setup.kb, scores=setup.config.thresholds.anachronism)

    def judge_claims(self, claims: Sequence[Claim], context: JudgeContext) -> list[Judgement]:
        out = []
        for claim in claims:
            verdict = self.judge(claim, context)
            if verdict is not None:
                out.append(Judgement((claim,), (verdict,)))
        return out

    def judge(self, claim: Claim, context: JudgeContext) -> Verdict | None:
        facts = context.facts.of(claim)
        mentions = [m for m in facts.mentions if m.role in ACTING_ROLES]
        if not mentions:
            return None
        anchors = _anchors(facts.times)
        reference = self._reference_date(claim, context)
        for mention in mentions:
            entity = self.kb.get(mention.entity_id)
            if entity is None or entity.died is None:
                continue
            died = entity.died
            if anchors:
                if any((day <= died.latest) if day else (year <= died.latest.year) for year, day in anchors):
                    continue  # the claim speaks of a time when the person was alive
                year, day = max(anchors, key=lambda a: (a[0], a[1] or dt.date(a[0], 1, 1)))
                when = f"the claim is dated {day.isoformat() if day else year}"
            elif reference is not None and reference[0] > died.latest:
                when = f"{reference[1]} is dated {reference[0].isoformat()}"
            else:
                continue
            if _spoken_of_as_dead(claim.text, mention):
                continue
            death = f"died on {died.text}" if len(died.text) == 10 else f"died in {died.text}"
            role = ROLE_LABELS[mention.role or ""].lower()
            # words of a dead leader are quoted for decades ("امام خمینی فرمودند"): in an undated
            # article, dated only through other articles of its event, that is a note, not a finding
            borrowed = not anchors and reference is not None and reference[1] == "the event"
            return Verdict(
                judge=self.name,
                kind="anachronism",
                score=getattr(self.scores, mention.role or ""),
                explanation=f'{entity.label} {death}; {when}, yet "{mention.surface}" is the {role}.',
                highlights=((0, mention.start, mention.end),),
                severity="low" if borrowed and mention.role == "speaker" else None,
            )
        return None

    def _reference_date(self, claim: Claim, context: JudgeContext) -> tuple[dt.date, str] | None:
        document = context.documents.get(claim.document)
        if document is not None and document.date is not None:
            return document.date, "the article"
        sheet = context.facts.document(claim.document)
        if sheet is not None and sheet.event_date is not None:
            return sheet.event_date, "the event"
        if self.fallback_date is not None:
            return self.fallback_date, "the event"
        return None


def _anchors(times: Sequence[TimeExpr]) -> list[tuple[int, dt.date | None]]:
    """Absolute times stated in the claim, as (year, day-or-None)."""
    anchors: list[tuple[int, dt.date | None]] = []
    for t in times:
        if t.kind not in ("date", "year"):
            continue
        if t.date is not None:
            anchors.append((t.date.year, t.date))
        elif t.year is not None:
            anchors.append((t.year, None))
    return anchors


def _spoken_of_as_dead(text: str, mention: Mention) -> bool:
    tokens = word_tokens(text)
    inside = [i for i, t in enumerate(tokens) if t.start < mention.end and t.end > mention.start]
    if not inside:
        return False
    lo, hi = max(inside[0] - _MEMORIAL_WINDOW, 0), min(inside[-1] + _MEMORIAL_WINDOW + 1, len(tokens))
    return any(tokens[i].norm in MEMORIAL_MARKERS for i in range(lo, hi))
