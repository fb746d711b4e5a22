"""The knowledge base: entities by id, who held which office when, and the mention finder."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from checker.errors import ConfigError
from checker.kb.loader import KB_DIR, core_files, read_entities
from checker.kb.mentions import Confirmations, find_units
from checker.kb.model import Entity, Tenure
from checker.kb.names import NameIndex
from checker.kb.roles import assign_roles
from checker.text.tokens import word_tokens
from checker.types import Mention

_CONTEXT_CACHE_SIZE = 64


class KnowledgeBase:
    """People, organisations, places and offices, with their spellings and dates.

    Build one with :func:`load_kb`; it is immutable after construction apart from a
    small cache of what each document's text confirms (see ``find_mentions``).
    """

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self._entities = dict(entities)
        self.names = NameIndex(self._entities)
        self._holders: dict[str, list[tuple[str, Tenure]]] = {}
        for entity in self._entities.values():
            for tenure in entity.tenures:
                self._holders.setdefault(tenure.office, []).append((entity.id, tenure))
        self._contexts: OrderedDict[tuple[str, str], Confirmations] = OrderedDict()

    # --- entities ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __contains__(self, ident: object) -> bool:
        return ident in self._entities

    def entity(self, ident: str) -> Entity:
        """The entity with id ``ident``; KeyError if there is none."""
        return self._entities[ident]

    def get(self, ident: str) -> Entity | None:
        return self._entities.get(ident)

    # --- offices and places ----------------------------------------------------------------------

    def holders(self, office: str) -> frozenset[str]:
        """Everyone the KB lists as having held ``office``, at any time."""
        return frozenset(person for person, _ in self._holders.get(office, ()))

    def ever_held(self, person: str, office: str) -> bool:
        return person in self.holders(office)

    def holder(self, office: str, date: dt.date) -> str | None:
        """The one person certainly in ``office`` on ``date``; None if nobody or not certain.

        Partial dates make a hand-over month ambiguous ("from: 1989-08"): on such days
        two people may hold the office and the title is left unresolved.
        """
        possible = {p for p, t in self._holders.get(office, ()) if t.may_hold(date)}
        certain = {p for p, t in self._holders.get(office, ()) if t.certainly_holds(date)}
        if len(possible) == 1 and possible == certain:
            return next(iter(certain))
        return None

    def within(self, inner: str, outer: str) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it through ``part_of`` links."""
        seen: set[str] = set()
        todo = [inner]
        while todo:
            current = todo.pop()
            if current == outer:
                return True
            if current in seen or current not in self._entities:
                continue
            seen.add(current)
            todo.extend(self._entities[current].part_of)
        return False

    def outermost(self, ident: str) -> str:
        """What ``ident`` finally lies in through ``part_of`` (a city's country; itself at the top)."""
        seen = {ident}
        current = ident
        while True:
            entity = self._entities.get(current)
            parents = [p for p in (entity.part_of if entity else ()) if p not in seen]
            if not parents:
                return current
            current = parents[0]
            seen.add(current)

    # --- mentions -----------------------------------------------------------------------------

    def find_mentions(
        self,
        text: str,
        lang: str,
        date: dt.date | None = None,
        *,
        context: str | None = None,
    ) -> list[Mention]:
        """Mentions of KB entities in ``text``, with offsets into ``text`` and roles where known.

        Args:
            text: the verbatim text (e.g. a claim).
            lang: "ar", "fa" or anything else (names only, no roles).
            date: the document's date; a title ("المرشد الأعلى") then stands for the
                person who held the office that day. Without a date a title stays a
                mention of the office itself (its id, e.g. "iran-supreme-leader").
            context: the whole document ``text`` comes from, if known. Spelling variants
                and common-word surnames confirmed there ("فيتشيلاف فالودين", "إبراهيم رئيسي")
                are then also recognised when they stand alone in ``text``.
        """
        confirmations = self._confirmations(context, lang, date) if context else None
        tokens = word_tokens(text)
        units, _ = find_units(tokens, lang, self, date, confirmations)
        roles = assign_roles(tokens, units, lang, self)
        mentions = [
            Mention(
                entity_id=u.entity, start=u.start, end=u.end, surface=text[u.start : u.end], role=roles.get(k)
            )
            for k, u in enumerate(units)
        ]
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _confirmations(self, context: str, lang: str, date: dt.date | None) -> Confirmations:
        key = (lang, hashlib.sha1(context.encode("utf-8")).hexdigest())
        cached = self._contexts.get(key)
        if cached is not None:
            self._contexts.move_to_end(key)
            return cached
        _, confirmed = find_units(word_tokens(context), lang, self, date)
        self._contexts[key] = confirmed
        if len(self._contexts) > _CONTEXT_CACHE_SIZE:
            self._contexts.popitem(last=False)
        return confirmed


def load_kb(extra_files: Sequence[Path | str] = ()) -> KnowledgeBase:
    """The project's KB (checker/resources/kb/*.yaml) extended by a newsroom's own files, in order.

    Extra files may add entities or add spellings, offices and links to existing ids.
    The result is cached per set of files (path, size and modification time), so the
    pipeline's stages can each ask for the KB without reading the YAML again.

    Raises:
        ConfigError: a file is missing or invalid; the message names the file and entry.
    """
    files = core_files()
    if not files:
        raise ConfigError(f"no knowledge-base files found in {KB_DIR}")
    paths = tuple([*files, *(Path(p) for p in extra_files)])
    return _load(tuple((path, *_stamp(path)) for path in paths))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)  # read_entities reports the missing file
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(stamped: tuple[tuple[Path, int, int], ...]) -> KnowledgeBase:
    return KnowledgeBase(read_entities([path for path, _, _ in stamped]))
