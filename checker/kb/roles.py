"""Who does what in the event a sentence reports: small rules over tokens and mentions.

The roles are those that news copy gets wrong and that a reader can check:

- a letter or message: ``sender`` ("رسالة من X", "رسالة X", "پیام X"), ``recipient``
  (the addressee: "… إلى Y", "… را به Y", or Y in "Y يتلقى رسالة"), ``messenger``
  (who carries it: "X يسلم رسالة", "حمل X رسالة"), ``handed_to`` (who it was handed to:
  "يسلم Y رسالة", "سلّمها إلى Y", "تحویل Y");
- a visit: ``visitor`` ("X يزور", "زيارة X", "وصل X إلى", "سفر X به", "X … به Y سفر کرد"),
  ``destination`` (the place) and ``host`` ("بدعوة من X", "به دعوت X", "X يستقبل");
- a statement: ``speaker`` ("قال X", "X قال", "X گفت", "X: …").

The rules are deliberately narrow: a role is only set when the syntax says it. A
name that is the complement of "the assistant of", "the representative of" and the
like is never the actor, and someone who receives a letter "as the representative
of" another is not its addressee.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.kb import lexicon as lx
from checker.kb.mentions import Unit
from checker.text.clitics import proclitic_readings
from checker.text.tokens import WordToken as Token

if TYPE_CHECKING:
    from checker.kb.knowledge import KnowledgeBase

ROLES = ("sender", "recipient", "messenger", "handed_to", "visitor", "destination", "host", "speaker")
EVENT_OF_ROLE = {
    "sender": "letter",
    "recipient": "letter",
    "messenger": "letter",
    "handed_to": "letter",
    "visitor": "visit",
    "destination": "visit",
    "host": "visit",
    "speaker": "statement",
}
_AGENTS = frozenset(["person", "office", "organisation"])
_PEOPLE = frozenset(["person", "office"])
_ROLE_TYPES = {
    "sender": _AGENTS,
    "recipient": _AGENTS,
    "speaker": _AGENTS,
    "host": _AGENTS,
    "messenger": _PEOPLE,
    "handed_to": _PEOPLE,
    "visitor": _PEOPLE,
    "destination": frozenset(["place"]),
}
_RELATIVE = lx._words("الذي التي")
_HANDOVER_FILLERS = lx._words("دست")


def assign_roles(
    tokens: Sequence[Token], units: Sequence[Unit], lang: str, kb: KnowledgeBase
) -> dict[int, str]:
    """Map the index of a unit in ``units`` to its role, for the units whose role the syntax tells."""
    if not units or lang not in ("ar", "fa"):
        return {}
    rules = _Rules(tokens, units, lang, kb)
    if lang == "ar":
        rules.arabic()
    else:
        rules.persian()
    rules.colon_speakers()
    return rules.roles


class _Rules:
    def __init__(self, tokens: Sequence[Token], units: Sequence[Unit], lang: str, kb: KnowledgeBase) -> None:
        self.tokens = tokens
        self.units = units
        self.lang = lang
        self.kb = kb
        self.n = len(tokens)
        self.roles: dict[int, str] = {}
        self.start_at: dict[int, int] = {}
        self.end_at: dict[int, int] = {}
        self.covered: dict[int, int] = {}
        for k, unit in enumerate(units):
            for i in range(unit.first, unit.last):
                self.covered.setdefault(i, k)
            if not unit.inner:
                self.start_at[unit.first] = k
                self.end_at[unit.last] = k
        self._stems = [frozenset(s for s, _ in proclitic_readings(t.norm, lang)) for t in tokens]

    # --- small helpers ---------------------------------------------------------------------

    def has(self, i: int, words: frozenset[str]) -> bool:
        return 0 <= i < self.n and i not in self.covered and bool(self._stems[i] & words)

    def type_of(self, k: int) -> str:
        return self.kb.entity(self.units[k].entity).type

    def assign(self, k: int | None, role: str) -> bool:
        if k is None or k in self.roles or self.units[k].inner:
            return False
        if self.type_of(k) not in _ROLE_TYPES[role] or self.dependent(k):
            return False
        self.roles[k] = role
        return True

    def dependent(self, k: int) -> bool:
        """The unit is the complement of "the assistant / representative / office of" (or, for an
        organisation, of "the head / secretary-general / minister of")."""
        first = self.units[k].first
        heads = (
            lx.DEPENDENT_NOUNS | lx.HEAD_NOUNS if self.type_of(k) == "organisation" else lx.DEPENDENT_NOUNS
        )
        for i in range(first - 1, max(first - 4, -1), -1):
            if self.tokens[i + 1].breaks_clause:
                break
            if self._stems[i] & heads:
                return True
        return False

    def after_preposition(self, k: int) -> bool:
        unit = self.units[k]
        if any(ch in unit.prefix for ch in "بلك"):
            return True
        i = unit.first - 1
        return i >= 0 and not self.tokens[unit.first].breaks_clause and bool(self._stems[i] & lx.PREPOSITIONS)

    def skip(self, i: int, words: frozenset[str]) -> int:
        while (
            i < self.n and i not in self.covered and not self.tokens[i].breaks_clause and self.has(i, words)
        ):
            i += 1
        return i

    def unit_at(self, i: int) -> int | None:
        if i >= self.n or self.tokens[i].breaks_clause:
            return None
        return self.start_at.get(i)

    def subject_before(self, i: int) -> int | None:
        """The unit that ends right before token ``i`` (a comma may sit between), if it can be a subject."""
        if i >= self.n or self.tokens[i].breaks_clause:
            return None
        k = self.end_at.get(i)
        if k is None or self.type_of(k) not in _AGENTS or self.after_preposition(k):
            return None
        return k

    def clause_start(self, i: int) -> int:
        while i > 0 and not self.tokens[i].breaks_clause:
            i -= 1
        return i

    def clause_subject(self, start: int, limit: int) -> int | None:
        """Persian (SOV): the first actor of the clause that no preposition governs."""
        for k, unit in enumerate(self.units):
            if unit.first < start or unit.first >= limit or unit.inner:
                continue
            if self.type_of(k) in _AGENTS and not self.after_preposition(k) and not self.dependent(k):
                return k
        return None

    def find(self, start: int, stop: int, words: frozenset[str]) -> int | None:
        for i in range(start, min(stop, self.n)):
            if i > start and self.tokens[i].breaks_clause:
                return None
            if self.has(i, words):
                return i
        return None

    def next_unit_of(self, start: int, stop: int, kinds: frozenset[str]) -> int | None:
        for i in range(start, min(stop, self.n)):
            if i > start and self.tokens[i].breaks_clause:
                return None
            k = self.start_at.get(i)
            if k is not None and self.type_of(k) in kinds:
                return k
        return None

    # --- Arabic ----------------------------------------------------------------------------

    def arabic(self) -> None:
        for i in range(self.n):
            if self.has(i, lx.MESSAGE_NOUNS):
                self.letter(i)
        for i in range(self.n):
            if self.has(i, lx.RECEIVE_VERBS):
                self.receive_ar(i)
            if self.has(i, lx.CARRY_VERBS):
                self.carry(i)
            if self.has(i, lx.HANDOVER_WORDS):
                self.handover_ar(i)
            if self.has(i, lx.LIGHT_VERBS):
                self.light_verb(i)
        for i in range(self.n):
            if self.has(i, lx.VISIT_VERBS):
                self.visit_verb(i)
            if self.has(i, lx.VISIT_NOUNS):
                self.visit_noun(i)
            if self.has(i, lx.ARRIVE_VERBS):
                self.arrive(i)
            if self.has(i, lx.HOST_VERBS):
                self.host_verb(i)
            if self.has(i, lx.INVITATION):
                self.invitation(i)
        for i in range(self.n):
            if self.has(i, lx.SPEECH_VERBS):
                self.speech_ar(i)

    def letter(self, m: int) -> None:
        """Sender and addressee: "رسالة من X إلى Y", "رسالة X إلى Y", "پیام X را به Y", "پیامی از X به Y"."""
        k = self.skip(m + 1, lx.MESSAGE_ADJECTIVES | lx.HONORIFICS)
        sender = None
        if self.has(k, lx.FROM) and not self.tokens[k].breaks_clause:
            sender = self.unit_at(self.skip(k + 1, lx.HONORIFICS))
        elif all(not self.tokens[j].breaks_name for j in range(m + 1, min(k + 1, self.n))):
            candidate = self.unit_at(k)
            if candidate is not None and not self.units[candidate].prefix:
                sender = candidate
        if sender is None or not self.assign(sender, "sender"):
            return
        end = self.units[sender].last
        for p in range(end, min(end + 7, self.n)):
            if self.tokens[p].breaks_clause or self.has(p, lx.MESSAGE_NOUNS):
                return
            addressee = self.start_at.get(p)
            if addressee is not None and "ل" in self.units[addressee].prefix and self.lang == "ar":
                self.assign(addressee, "recipient")
                return
            if self.has(p, lx.TO):
                self.assign(self.unit_at(self.skip(p + 1, lx.HONORIFICS | _HANDOVER_FILLERS)), "recipient")
                return

    def receive_ar(self, r: int) -> None:
        """The subject is the addressee: "بوتين يتلقى رسالة من X", "تلقى بوتين رسالة"."""
        message = self.find(r + 1, r + 5, lx.MESSAGE_NOUNS)
        if message is None:
            return
        subject = self.subject_before(r)
        if subject is None:
            subject = self.unit_at(self.skip(r + 1, lx.HONORIFICS | lx.ADVERBS))
            if subject is not None and self.units[subject].prefix:
                subject = None
        if subject is not None and not self.proxy_between(self.units[subject].last, message):
            self.assign(subject, "recipient")

    def proxy_between(self, start: int, stop: int) -> bool:
        for i in range(start, min(stop, self.n)):
            if self._stems[i] & lx.PROXY_MARKERS:
                nxt = self._stems[i + 1] if i + 1 < self.n else frozenset()
                if self._stems[i] & lx.PROXY_NOUNS or nxt & lx.PROXY_NOUNS or "عنوان" not in self._stems[i]:
                    return True
        return False

    def carry(self, v: int) -> None:
        """The bearer: "قاليباف يسلم رسالة", "حمل خلالها قاليباف رسالة"."""
        if self.find(v + 1, v + 9, lx.MESSAGE_NOUNS) is None:
            return
        subject = self.subject_before(v)
        if subject is None and self.has(v, lx.CARRY_VERBS_VSO):
            subject = self.unit_at(self.skip(v + 1, lx.HONORIFICS | lx.ADVERBS))
            if subject is not None and self.units[subject].prefix:
                subject = None
        self.assign(subject, "messenger")

    def handover_ar(self, h: int) -> None:
        """The person handed the letter: "يسلم Y رسالة", "سلّمها إلى Y", "… إلى بوتين لرئيس الدوما"."""
        if self.has(h, lx.HANDOVER_WITH_OBJECT) and self.has(h + 1, lx.TO):
            self.assign(self.unit_at(self.skip(h + 2, lx.HONORIFICS)), "handed_to")
            return
        message = self.find(h + 1, h + 11, lx.MESSAGE_NOUNS)
        if message is None:
            return
        between = self.next_unit_of(h + 1, message, _PEOPLE)
        if between is not None:
            self.assign(between, "handed_to")
        recipient = next(
            (k for k, role in self.roles.items() if role == "recipient" and self.units[k].first > message),
            None,
        )
        if recipient is None:
            return
        after = self.units[recipient].last
        following = self.next_unit_of(after, after + 4, _PEOPLE)
        if following is not None and "ل" in self.units[following].prefix:
            self.assign(following, "handed_to")

    def light_verb(self, v: int) -> None:
        """Subject of a light verb: "قام X … بتسليم" (bearer), "بدأ X … زيارة" (visitor)."""
        subject = self.unit_at(self.skip(v + 1, lx.HONORIFICS | lx.ADVERBS))
        if subject is None or self.units[subject].prefix:
            return
        start = self.units[subject].last
        for i in range(start, min(start + 12, self.n)):
            if i > start and self.tokens[i].breaks_clause:
                return
            if i in self.covered:
                continue
            for stem in self._stems[i]:
                role = lx.VERBAL_NOUN_ROLES.get(stem)
                if role:
                    self.assign(subject, role)
                    return

    def visit_verb(self, v: int) -> None:
        """Visitor and destination: "X يزور موسكو", "X، الذي يزور موسكو", "زار X موسكو"."""
        subject = self.subject_before(v)
        if subject is None and v > 0 and self._stems[v - 1] & _RELATIVE:
            subject = self.subject_before(v - 1)
        after = self.unit_at(self.skip(v + 1, lx.HONORIFICS | lx.ADVERBS))
        if subject is None and after is not None and self.type_of(after) in _PEOPLE:
            subject, after = (
                after,
                self.next_unit_of(self.units[after].last, self.units[after].last + 3, frozenset(["place"])),
            )
        self.assign(subject, "visitor")
        self.assign(after, "destination")

    def visit_noun(self, z: int) -> None:
        """Visitor and destination: "زيارة قاليباف إلى موسكو", "زيارة رسمية إلى روسيا", "زيارة يقوم بها X"."""
        k = self.skip(z + 1, lx.HONORIFICS)
        unit = (
            self.unit_at(k)
            if all(not self.tokens[j].breaks_name for j in range(z + 1, k + 1) if j < self.n)
            else None
        )
        if unit is not None and not self.units[unit].prefix:
            if not self.assign(unit, "visitor"):
                self.assign(unit, "destination")
        for p in range(z + 1, min(z + 9, self.n)):
            if self.tokens[p].breaks_clause:
                break
            if self.has(p, lx.TO):
                self.assign(self.unit_at(p + 1), "destination")
                break
        for p in range(z + 1, min(z + 4, self.n)):
            if self.has(p, lx.LIGHT_VERBS) and self.has(p + 1, lx.DOING_BY):
                self.assign(self.unit_at(self.skip(p + 2, lx.HONORIFICS)), "visitor")
                break

    def arrive(self, a: int) -> None:
        """Arrival: "وصل X إلى موسكو", "X وصل إلى موسكو"."""
        subject = self.subject_before(a)
        if subject is None:
            subject = self.unit_at(self.skip(a + 1, lx.HONORIFICS | lx.ADVERBS))
            if subject is not None and self.units[subject].prefix:
                subject = None
        if subject is None or not self.assign(subject, "visitor"):
            return
        to = self.find(self.units[subject].last, self.units[subject].last + 6, lx.TO)
        if to is not None:
            self.assign(self.unit_at(to + 1), "destination")

    def host_verb(self, h: int) -> None:
        """Host and guest: "X يستقبل Y", "استقبل X Y"."""
        host = self.subject_before(h)
        if host is None:
            host = self.unit_at(self.skip(h + 1, lx.HONORIFICS | lx.ADVERBS))
        if host is None or not self.assign(host, "host"):
            return
        end = self.units[host].last if self.units[host].first > h else h + 1
        self.assign(self.next_unit_of(end, end + 4, _PEOPLE), "visitor")

    def invitation(self, d: int) -> None:
        """The inviter hosts: "بدعوة (رسمية) من X", "به دعوت X"."""
        k = self.skip(d + 1, lx.INVITATION_ADJECTIVES)
        if self.has(k, lx.FROM):
            self.assign(self.unit_at(self.skip(k + 1, lx.HONORIFICS)), "host")
        elif self.lang == "fa":
            unit = self.unit_at(self.skip(d + 1, lx.HONORIFICS))
            if unit is not None and not self.tokens[self.units[unit].first].breaks_name:
                self.assign(unit, "host")

    def speech_ar(self, s: int) -> None:
        """Speaker: "X قال", "رئيسي وبوتين يؤكدان", "قال X", "أعلن المساعد الخاص لـ… ، X"."""
        subject = self.subject_before(s)
        if subject is not None and self.assign(subject, "speaker"):
            unit = self.units[subject]
            previous = self.end_at.get(unit.first)
            if previous is not None and unit.prefix.startswith("و"):
                self.assign(previous, "speaker")
            return
        p = s + 1
        while p < min(s + 10, self.n):
            if self.tokens[p].breaks_clause or any(ch in "()[]" for ch in self.tokens[p].gap):
                return
            k = self.covered.get(p)
            if k is not None:
                unit = self.units[k]
                if not unit.inner and self.type_of(k) in _AGENTS and not self.dependent(k):
                    self.assign(k, "speaker")
                    return
                p = unit.last
                continue
            if self._stems[p] & lx.SPEAKER_STOPS:
                return
            p += 1

    # --- Persian ---------------------------------------------------------------------------

    def persian(self) -> None:
        for i in range(self.n):
            if self.has(i, lx.MESSAGE_NOUNS):
                self.letter(i)
        for i in range(self.n):
            if self.has(i, lx.HANDOVER_FA):
                self.assign(self.next_unit_of(i + 1, i + 9, _PEOPLE), "handed_to")
            if self.has(i, lx.RECEIVE_VERBS_FA):
                self.receive_fa(i)
        for i in range(self.n):
            if self.has(i, lx.VISIT_NOUNS_FA) or self.has(i, lx.ARRIVE_FA):
                self.travel_fa(i)
            if self.has(i, lx.INVITATION):
                self.invitation(i)
        for i in range(self.n):
            self.speech_fa(i)

    def receive_fa(self, r: int) -> None:
        """Addressee: "X … پیام … را دریافت کرد" unless X receives it "as the representative of" someone."""
        start = self.clause_start(r)
        message = self.find(start, r + 2, lx.MESSAGE_NOUNS) if start < r else None
        if message is None:
            return
        subject = self.clause_subject(start, message)
        if subject is not None and not self.proxy_between(self.units[subject].last, r):
            self.assign(subject, "recipient")

    def travel_fa(self, s: int) -> None:
        """Visitor and destination: "سفر X به Y", "X … به Y سفر کرد", "X … وارد Y شد"."""
        unit = self.unit_at(s + 1)
        if self.has(s, lx.VISIT_NOUNS_FA) and unit is not None and self.type_of(unit) in _PEOPLE:
            self.assign(unit, "visitor")
            to = self.find(self.units[unit].last, self.units[unit].last + 6, lx.TO)
            if to is not None:
                self.assign(self.unit_at(to + 1), "destination")
            return
        place = self.end_at.get(s) if self.has(s, lx.VISIT_NOUNS_FA) else self.unit_at(s + 1)
        if place is None or self.type_of(place) != "place":
            return
        if self.has(s, lx.VISIT_NOUNS_FA) and not self.has(self.units[place].first - 1, lx.TO):
            return
        self.assign(place, "destination")
        self.assign(self.clause_subject(self.clause_start(s), self.units[place].first), "visitor")

    def speech_fa(self, s: int) -> None:
        """Speaker: "X … گفت", "X … تاکید کرد", "به گفته X"."""
        if self.has(s, lx.ACCORDING_TO_FA):
            if self.has(s - 1, lx.TO):
                self.assign(self.unit_at(s + 1), "speaker")
            return
        if not self.has(s, lx.SPEECH_VERBS_FA):
            stem = (
                next((w for w in self._stems[s] if w in lx.SPEECH_PHRASES_FA), None)
                if s not in self.covered
                else None
            )
            if stem is None or s + 1 >= self.n or not (self._stems[s + 1] & lx.SPEECH_PHRASES_FA[stem]):
                return
        self.assign(self.clause_subject(self.clause_start(s), s), "speaker")

    # --- both ------------------------------------------------------------------------------

    def colon_speakers(self) -> None:
        """A headline or lead "X: …" quotes X."""
        for k, unit in enumerate(self.units):
            if unit.inner or unit.last >= self.n or not self.tokens[unit.last].after_colon:
                continue
            start = self.clause_start(unit.first)
            if all(self._stems[i] & lx.HONORIFICS for i in range(start, unit.first)):
                self.assign(k, "speaker")
