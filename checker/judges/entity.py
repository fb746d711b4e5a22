"""Entity judge: the same role in the same event, filled by two different people.

A headline that has Putin receive "a letter from Khomeini" while the body has the
letter come from Khamenei is exactly the kind of error an NLI model misses: the
sentences are near-paraphrases and differ in one name. This judge compares the
roles the KB's role rules found in each claim (sender, recipient, visitor, ...).

It says nothing when a role is missing on either side, when the two mentions are
one entity under two spellings or titles ("رهبر انقلاب" vs "خامنئي"), when one
place contains the other (Moscow / Russia), or when every other role of the event
differs as well (two different letters, not one letter misreported).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.config import EntityScores, Thresholds
from checker.judges.base import JudgeContext, JudgeSetup
from checker.kb import EVENT_OF_ROLE, ROLES, KnowledgeBase, load_kb
from checker.kb.lexicon import PREPOSITIONS, SPEAKER_STOPS
from checker.text.overlap import jaccard
from checker.text.tokens import word_tokens
from checker.types import CandidatePair, Mention, Verdict

__all__ = ["ROLE_LABELS", "EntityJudge"]

ROLE_LABELS = {
    "sender": "Sender of the letter",
    "recipient": "Recipient of the letter",
    "messenger": "Bearer of the letter",
    "handed_to": "Person the letter was handed to",
    "visitor": "Visitor",
    "destination": "Destination of the visit",
    "host": "Host of the visit",
    "speaker": "Speaker",
}


@dataclass(frozen=True)
class _Conflict:
    role: str
    a: Mention
    b: Mention
    score: float


class EntityJudge:
    """Flags pairs whose claims give one event role to two different entities.

    Args:
        kb: the knowledge base (the project's own, loaded on construction, if None).
        scores: how sure each kind of conflict makes it, and the share of content words two
            claims must have in common before a different speaker counts as a conflict (the same
            quote, two attributions); the defaults of ``Thresholds().entity`` if None.
    """

    name = "entity"

    def __init__(self, kb: KnowledgeBase | None = None, *, scores: EntityScores | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.scores = scores if scores is not None else Thresholds().entity

    @classmethod
    def build(cls, setup: JudgeSetup) -> EntityJudge:
        return cls(setup.kb, scores=setup.config.thresholds.entity)

    def judge_batch(self, pairs: Sequence[CandidatePair], context: JudgeContext) -> list[Verdict | None]:
        return [self.judge(pair, context) for pair in pairs]

    def judge(self, pair: CandidatePair, context: JudgeContext) -> Verdict | None:
        mentions_a = context.facts.of(pair.a).mentions
        mentions_b = context.facts.of(pair.b).mentions
        roles_a, roles_b = _by_role(mentions_a), _by_role(mentions_b)
        conflicts = []
        for role in ROLES:
            if role not in roles_a or role not in roles_b:
                continue
            conflict = self._conflict(role, roles_a, roles_b, pair, mentions_a, mentions_b)
            if conflict is not None:
                conflicts.append(conflict)
        if not conflicts:
            return None
        conflicts.sort(key=lambda c: -c.score)
        explanation = " ".join(self._explain(c) for c in conflicts)
        highlights = tuple(
            span for c in conflicts for span in ((0, c.a.start, c.a.end), (1, c.b.start, c.b.end))
        )
        return Verdict(
            judge=self.name,
            kind="entity",
            score=conflicts[0].score,
            explanation=explanation,
            highlights=tuple(dict.fromkeys(highlights)),
        )

    # --- deciding ------------------------------------------------------------------------------

    def _conflict(
        self,
        role: str,
        roles_a: Mapping[str, list[Mention]],
        roles_b: Mapping[str, list[Mention]],
        pair: CandidatePair,
        mentions_a: Sequence[Mention],
        mentions_b: Sequence[Mention],
    ) -> _Conflict | None:
        left, right = roles_a[role], roles_b[role]
        if any(self.compatible(x.entity_id, y.entity_id) for x in left for y in right):
            return None
        comparable = [(x, y) for x in left for y in right if self._kind(x) == self._kind(y)]
        if not comparable:
            return None
        x, y = comparable[0]
        event = EVENT_OF_ROLE[role]
        others = [
            r for r in ROLES if r != role and EVENT_OF_ROLE[r] == event and r in roles_a and r in roles_b
        ]
        agreeing = [
            r
            for r in others
            if any(self.compatible(p.entity_id, q.entity_id) for p in roles_a[r] for q in roles_b[r])
        ]
        if others and not agreeing:
            return None  # everything differs: two different events, not one misreported
        if role == "speaker":
            overlap = _content_overlap(pair.a.text, mentions_a, pair.b.text, mentions_b)
            if overlap < self.scores.speaker_overlap:
                return None
            score = self.scores.speaker
        else:
            score = self.scores.anchored if agreeing else self.scores.unanchored
        if self._is_office(x) or self._is_office(y):
            score *= self.scores.office_factor
        return _Conflict(role, x, y, round(score, 3))

    def compatible(self, a: str, b: str) -> bool:
        """Can two KB ids name the same participant? Unknown ids are given the benefit of the doubt."""
        if a == b:
            return True
        ea, eb = self.kb.get(a), self.kb.get(b)
        if ea is None or eb is None:
            return True
        if ea.type == "office" or eb.type == "office":
            if ea.type == "office" and eb.type == "office":
                holders_a, holders_b = self.kb.holders(a), self.kb.holders(b)
                return not holders_a or not holders_b or bool(holders_a & holders_b)
            office, person = (a, b) if ea.type == "office" else (b, a)
            return not self.kb.holders(office) or self.kb.ever_held(person, office)
        if ea.type == "person" or eb.type == "person":
            return False
        return self.kb.within(a, b) or self.kb.within(b, a)

    def _kind(self, mention: Mention) -> str:
        entity = self.kb.get(mention.entity_id)
        kind = entity.type if entity else "unknown"
        return "person" if kind == "office" else kind

    def _is_office(self, mention: Mention) -> bool:
        entity = self.kb.get(mention.entity_id)
        return entity is not None and entity.type == "office"

    def _explain(self, conflict: _Conflict) -> str:
        def named(m: Mention) -> str:
            entity = self.kb.get(m.entity_id)
            return f'"{m.surface}" ({entity.label if entity else m.entity_id})'

        return f"{ROLE_LABELS[conflict.role]} differs: {named(conflict.a)} vs {named(conflict.b)}."


def _by_role(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    roles: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.role in EVENT_OF_ROLE:
            roles.setdefault(mention.role, []).append(mention)
    return roles


_STOPWORDS = PREPOSITIONS | SPEAKER_STOPS


def _content_words(text: str, mentions: Sequence[Mention]) -> set[str]:
    """Folded words of ``text`` outside the mentions, without short words and stopwords."""
    inside = [(m.start, m.end) for m in mentions]
    return {
        t.norm
        for t in word_tokens(text)
        if len(t.norm) > 2
        and t.norm not in _STOPWORDS
        and not any(t.start < end and t.end > start for start, end in inside)
    }


def _content_overlap(
    text_a: str, mentions_a: Sequence[Mention], text_b: str, mentions_b: Sequence[Mention]
) -> float:
    """Jaccard overlap of the content words outside the mentions."""
    return jaccard(_content_words(text_a, mentions_a), _content_words(text_b, mentions_b))
