"""Find the KB's entities in a text: exact spellings, then guarded fuzzy variants, then titles.

The order is what keeps two look-alike people apart:

1. Exact spellings (after folding and proclitic stripping), longest first. A token
   that is the exact spelling of one entity is never re-read as another.
2. Transliteration variants: a given name + surname pair close to one person's
   names ("فيتشيلاف فالودين"), or a first-name variant before an exact surname.
   A lone fuzzy surname ("فالودين") is accepted only with support: the same
   spelling confirmed as a pair elsewhere in the text or its document, or an
   adjacent title or honorific. Without that guard "والدين" (parents) would be
   Volodin.
3. Spellings that are also common words ("رئيسي": Raisi or "main") need support:
   the person named unambiguously nearby, an honorific or title, a co-ordinated
   person ("رئيسي وبوتين") or a verb of saying.
4. Titles: "الرئيس الروسي فلاديمير بوتين" is one mention of Putin; a title on its
   own stands for the office holder at the document's date, or for the office
   when the date is unknown or the holder ambiguous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from checker.kb import lexicon
from checker.kb.lexicon import HONORIFICS
from checker.kb.names import NameIndex
from checker.text.clitics import proclitic_readings, starts_with_conjunction
from checker.text.tokens import WordToken as Token

if TYPE_CHECKING:
    from checker.kb.knowledge import KnowledgeBase

FUZZY_SURNAME = 80.0  # rapidfuzz ratio a surname variant must reach
FUZZY_GIVEN = 75.0  # ... and a given-name variant
FUZZY_PAIR = 85.0  # ... and a given name + surname pair, on average
FUZZY_MARGIN = 8.0  # how much closer to the best person than to the runner-up
FUZZY_MIN_LENGTH = 6  # shorter tokens are never matched fuzzily
# A common-word spelling ("رئيسي") next to one of these verbs is read as the name.
_ROLE_VERBS = (
    lexicon.SPEECH_VERBS
    | lexicon.SPEECH_VERBS_FA
    | lexicon.CARRY_VERBS
    | lexicon.RECEIVE_VERBS
    | lexicon.VISIT_VERBS
    | lexicon.ARRIVE_VERBS
    | lexicon.HOST_VERBS
)
_FUNCTION_WORDS = (
    lexicon.PREPOSITIONS
    | lexicon.SPEAKER_STOPS
    | lexicon.SPEECH_VERBS
    | lexicon.MESSAGE_NOUNS
    | lexicon.DEPENDENT_NOUNS
    | lexicon.ADVERBS
)


@dataclass(frozen=True)
class Unit:
    """A matched name or title over tokens ``[first, last)``, before roles are assigned."""

    first: int
    last: int
    entity: str  # KB id; for an unresolved title, the office id
    kind: str  # "exact" | "ambiguous" | "fuzzy" | "title"
    prefix: str  # proclitics stripped from the first token ("و", "ب", "ل", ...)
    start: int  # verbatim span of the name (proclitics excluded)
    end: int
    office: str | None = None  # set when the unit is or absorbed a title
    inner: bool = False  # a place inside an apposition ("المرشد الأعلى في إيران علي خامنئي")


@dataclass(frozen=True)
class Confirmations:
    """What a document establishes for its claims: who is named, which variants are trusted."""

    entities: frozenset[str] = frozenset()
    variants: dict[str, str] = field(default_factory=dict)  # folded surname variant -> person id


@dataclass(frozen=True)
class _Candidate:
    first: int
    last: int
    entities: tuple[str, ...]
    ambiguous: bool
    prefix: str


def find_units(
    tokens: Sequence[Token],
    lang: str,
    kb: KnowledgeBase,
    date: dt.date | None,
    context: Confirmations | None = None,
) -> tuple[list[Unit], Confirmations]:
    """Match names and titles in ``tokens``; return the units and what they confirm."""
    context = context or Confirmations()
    candidates = _exact_candidates(tokens, lang, kb)
    taken: list[Unit] = []
    covered: set[int] = set()
    held: set[int] = set()  # tokens of a spelling shared by two entities: linked to neither

    def take(unit: Unit) -> None:
        taken.append(unit)
        covered.update(range(unit.first, unit.last))

    for cand in sorted(candidates, key=lambda c: (-(c.last - c.first), c.first)):
        if cand.ambiguous or any(i in covered for i in range(cand.first, cand.last)):
            continue
        if len(cand.entities) != 1:  # a spelling of two entities: link neither, but hold the tokens
            held.update(range(cand.first, cand.last))
            covered.update(held)
            continue
        take(_unit(tokens, cand, cand.entities[0], "exact", kb))

    variants = dict(context.variants)
    for unit in _fuzzy_pairs(tokens, lang, kb, covered):
        take(unit)
        variants[tokens[unit.last - 1].norm] = unit.entity
    taken = [_extend_given_name(tokens, u, kb, covered) for u in taken]
    covered = held | {i for u in taken for i in range(u.first, u.last)}
    named = frozenset(u.entity for u in taken) | context.entities

    for cand in sorted(candidates, key=lambda c: (-(c.last - c.first), c.first)):
        if not cand.ambiguous or len(cand.entities) != 1:
            continue
        if any(i in covered for i in range(cand.first, cand.last)):
            continue
        entity = cand.entities[0]
        if entity in named or _supported(
            tokens, cand.first, cand.last, entity, taken, kb, lang, common_word=True
        ):
            take(_unit(tokens, cand, entity, "ambiguous", kb))

    for unit in _fuzzy_singles(tokens, lang, kb, covered, taken, variants):
        take(unit)

    units = sorted(taken, key=lambda u: u.first)
    units = _drop_foreign_titles(tokens, units, kb)
    units = _merge_appositions(tokens, units, kb)
    units = [_resolve_title(u, kb, date) for u in units]
    confirmed = Confirmations(
        entities=frozenset(u.entity for u in units if u.kind in ("exact", "fuzzy")) | context.entities,
        variants=variants,
    )
    return units, confirmed


# --- 1. exact spellings -------------------------------------------------------------------


def _exact_candidates(tokens: Sequence[Token], lang: str, kb: KnowledgeBase) -> list[_Candidate]:
    index = kb.names
    found: dict[tuple[int, int], _Candidate] = {}
    for i, token in enumerate(tokens):
        for stem, prefix in proclitic_readings(token.norm, lang):
            key = stem
            splits: frozenset[int] = frozenset()
            for n in range(1, index.max_tokens + 1):
                if n > 1:
                    if i + n - 1 >= len(tokens) or tokens[i + n - 1].breaks_name:
                        break
                    splits = splits | {len(key)}
                    key += tokens[i + n - 1].norm
                entries = [
                    e for e in index.lookup(key, lang, splits) if key not in index.excluded.get(e.entity, ())
                ]
                if not entries or (i, i + n) in found:
                    continue
                entities = tuple(dict.fromkeys(e.entity for e in entries))
                ambiguous = all(e.ambiguous for e in entries)
                found[(i, i + n)] = _Candidate(i, i + n, entities, ambiguous, prefix)
    return list(found.values())


def _unit(tokens: Sequence[Token], cand: _Candidate, entity: str, kind: str, kb: KnowledgeBase) -> Unit:
    token = tokens[cand.first]
    # "للرئيس" is ل + الرئيس: the article's lam is the token's second letter, so keep it whole.
    doubled_lam = cand.prefix.endswith("ل") and token.norm[len(cand.prefix) :].startswith("ل")
    start = token.offset_after(len(cand.prefix)) if cand.prefix and not doubled_lam else token.start
    office = entity if kb.entity(entity).type == "office" else None
    return Unit(
        first=cand.first,
        last=cand.last,
        entity=entity,
        kind="title" if office else kind,
        prefix=cand.prefix,
        start=start,
        end=tokens[cand.last - 1].end,
        office=office,
    )


# --- 2. transliteration variants ------------------------------------------------------------


def _fuzzy_pairs(tokens: Sequence[Token], lang: str, kb: KnowledgeBase, covered: set[int]) -> list[Unit]:
    """Given name + surname pairs close to exactly one person ("فيتشيلاف فالودين")."""
    index = kb.names
    units: list[Unit] = []
    used: set[int] = set()
    for i in range(len(tokens) - 1):
        j = i + 1
        if {i, j} & (covered | used) or tokens[j].breaks_name:
            continue
        if tokens[i].norm in HONORIFICS or not _may_be_variant(tokens[j].norm, index):
            continue
        given_stems = proclitic_readings(tokens[i].norm, lang)
        given: dict[str, float] = {}
        for stem, _prefix in given_stems:
            for person, score in index.given_scores(stem, FUZZY_GIVEN).items():
                given[person] = max(given.get(person, 0.0), score)
        if not given:
            continue
        surname = index.surname_scores(tokens[j].norm, FUZZY_SURNAME - FUZZY_MARGIN)
        combined = {p: (given.get(p, 0.0) + surname.get(p, 0.0)) / 2 for p in set(given) | set(surname)}
        best, runner_up = _top_two(combined)
        if best is None or given.get(best, 0) < FUZZY_GIVEN or surname.get(best, 0) < FUZZY_SURNAME:
            continue
        if combined[best] < FUZZY_PAIR or combined[best] - runner_up < FUZZY_MARGIN:
            continue
        prefix = next((p for s, p in given_stems if best in index.given_scores(s, FUZZY_GIVEN)), "")
        cand = _Candidate(i, j + 1, (best,), False, prefix)
        units.append(_unit(tokens, cand, best, "fuzzy", kb))
        used.update((i, j))
    return units


def _extend_given_name(tokens: Sequence[Token], unit: Unit, kb: KnowledgeBase, covered: set[int]) -> Unit:
    """An exact surname preceded by a variant of the person's given name takes it in."""
    i = unit.first - 1
    if unit.kind != "exact" or i < 0 or i in covered or tokens[unit.first].breaks_name:
        return unit
    if kb.entity(unit.entity).type != "person" or unit.prefix or unit.last - unit.first != 1:
        return unit
    word = tokens[i].norm
    if word in HONORIFICS or kb.names.is_name(word) or len(word) < 3:
        return unit
    scores = kb.names.given_scores(word, FUZZY_GIVEN)
    best, runner_up = _top_two(scores)
    if best != unit.entity or scores[best] - runner_up < FUZZY_MARGIN / 2:
        return unit
    return replace(unit, first=i, start=tokens[i].start)


def _fuzzy_singles(
    tokens: Sequence[Token],
    lang: str,
    kb: KnowledgeBase,
    covered: set[int],
    taken: Sequence[Unit],
    variants: dict[str, str],
) -> list[Unit]:
    """A lone surname variant, accepted only with support (see the module docstring)."""
    index = kb.names
    units: list[Unit] = []
    for i, token in enumerate(tokens):
        if i in covered:
            continue
        for stem, prefix in proclitic_readings(token.norm, lang):
            if not _may_be_variant(stem, index):
                continue
            confirmed = variants.get(stem)
            if confirmed is None:
                scores = index.surname_scores(stem, FUZZY_SURNAME - FUZZY_MARGIN)
                best, runner_up = _top_two(scores)
                if best is None or scores[best] < FUZZY_SURNAME or scores[best] - runner_up < FUZZY_MARGIN:
                    continue
                if not _supported(tokens, i, i + 1, best, taken, kb, lang, common_word=False):
                    continue
                confirmed = best
            cand = _Candidate(i, i + 1, (confirmed,), False, prefix)
            units.append(_unit(tokens, cand, confirmed, "fuzzy", kb))
            break
    return units


def _may_be_variant(word: str, index: NameIndex) -> bool:
    """Only long, article-less words that are nobody's exact spelling can be a name variant.

    The exact-spelling rule is what keeps look-alikes apart ("خامنئي" is never re-read as
    Khomeini); the article rule keeps Arabic common nouns out ("السيد" is not "الأسد").
    """
    return (
        len(word) >= FUZZY_MIN_LENGTH
        and not word.startswith("ال")
        and not index.is_name(word)
        and word not in HONORIFICS
        and word not in _FUNCTION_WORDS
    )


def _top_two(scores: dict[str, float]) -> tuple[str | None, float]:
    if not scores:
        return None, 0.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0], ranked[1][1] if len(ranked) > 1 else 0.0


# --- 3. support for spellings that need it -----------------------------------------------------


def _supported(
    tokens: Sequence[Token],
    first: int,
    last: int,
    entity: str,
    taken: Sequence[Unit],
    kb: KnowledgeBase,
    lang: str,
    common_word: bool,
) -> bool:
    """Whether the context vouches for reading tokens ``[first, last)`` as ``entity``.

    A title the person held, next to the word, always does. For a spelling that is also
    a common word (``common_word``), so do an honorific before it, a co-ordinated person
    ("رئيسي وبوتين") and a verb of saying, sending or visiting beside it. A fuzzy variant
    gets no such help: "الإمام روحانیت" is "the Imam [and] the clergy", not Rouhani.
    """
    before = tokens[first - 1].norm if first > 0 and not tokens[first].breaks_name else None
    if common_word and before is not None and before in HONORIFICS:
        return True
    for unit in taken:
        adjacent_before = unit.last == first and not tokens[first].breaks_clause
        adjacent_after = unit.first == last and last < len(tokens) and not tokens[last].breaks_clause
        if not (adjacent_before or adjacent_after):
            continue
        target = kb.entity(unit.entity)
        if target.type == "office" and kb.ever_held(entity, unit.entity):
            return True
        if common_word and target.type == "person":
            follower = tokens[first] if adjacent_before else tokens[unit.first]
            if starts_with_conjunction(follower.norm, lang):
                return True  # "رئيسي وبوتين"
    if common_word:
        neighbours: Iterable[str] = []
        if first > 0 and not tokens[first].breaks_clause:
            neighbours = [*(s for s, _ in proclitic_readings(tokens[first - 1].norm, lang))]
        if last < len(tokens) and not tokens[last].breaks_clause:
            neighbours = [*neighbours, *(s for s, _ in proclitic_readings(tokens[last].norm, lang))]
        if any(w in _ROLE_VERBS for w in neighbours):
            return True
    return False


# --- 4. titles ---------------------------------------------------------------------------------

_APPOSITION_FILLERS = frozenset(["في", "در", "لدي"]) | HONORIFICS
_MAX_APPOSITION_GAP = 6


def _merge_appositions(tokens: Sequence[Token], units: list[Unit], kb: KnowledgeBase) -> list[Unit]:
    """Fold a title and the name beside it into one mention of the named person."""
    merged: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind == "title":
            follower, inner = _named_after_title(tokens, units, i, kb)
            if follower is not None:
                person = units[follower]
                for k in inner:
                    merged.append(replace(units[k], inner=True))
                merged.append(replace(person, first=unit.first, prefix=unit.prefix, office=unit.entity))
                i = follower + 1
                continue
        elif kb.entity(unit.entity).type == "person" and i + 1 < len(units):
            title = units[i + 1]
            if (
                title.kind == "title"
                and title.first == unit.last
                and not title.prefix
                and not tokens[title.first].breaks_clause
                and kb.ever_held(unit.entity, title.entity)
            ):
                merged.append(replace(unit, last=title.last, office=title.entity))
                i += 2
                continue
        merged.append(unit)
        i += 1
    return merged


def _named_after_title(
    tokens: Sequence[Token], units: Sequence[Unit], i: int, kb: KnowledgeBase
) -> tuple[int | None, list[int]]:
    title = units[i]
    position = title.last
    inner: list[int] = []
    k = i + 1
    while position < len(tokens) and position - title.last <= _MAX_APPOSITION_GAP:
        if tokens[position].breaks_clause:
            return None, []
        if k < len(units) and units[k].first == position:
            candidate = units[k]
            kind = kb.entity(candidate.entity).type
            if kind == "person":
                if candidate.prefix:  # "الرئيس الروسي وبوتين": a second person, not an apposition
                    return None, []
                return k, inner
            if kind == "place" and position > title.last and tokens[position - 1].norm in ("في", "در", "لدي"):
                inner.append(k)
                position = candidate.last
                k += 1
                continue
            return None, []
        if tokens[position].norm not in _APPOSITION_FILLERS:
            return None, []
        position += 1
    return None, []


def _drop_foreign_titles(tokens: Sequence[Token], units: list[Unit], kb: KnowledgeBase) -> list[Unit]:
    """A title followed by another country's name is that country's office ("وزیر امور خارجه عراق")."""
    starts = {u.first: u for u in units}
    kept = []
    for unit in units:
        country = _country_of(unit, kb)
        if country is not None:
            for j in range(unit.last, min(unit.last + 2, len(tokens))):
                if tokens[j].breaks_name or tokens[j].norm in lexicon.PREPOSITIONS:
                    break
                place = starts.get(j)
                if place is not None and kb.entity(place.entity).type == "place":
                    if not (kb.within(place.entity, country) or kb.within(country, place.entity)):
                        unit = replace(unit, entity="")
                    break
        if unit.entity:
            kept.append(unit)
    return kept


def _country_of(unit: Unit, kb: KnowledgeBase) -> str | None:
    if unit.kind != "title":
        return None
    for parent in kb.entity(unit.entity).part_of:
        if kb.entity(parent).type == "place":
            return parent
    return None


def _resolve_title(unit: Unit, kb: KnowledgeBase, date: dt.date | None) -> Unit:
    if unit.kind != "title":
        return unit
    holder = kb.holder(unit.entity, date) if date is not None else None
    return replace(unit, entity=holder) if holder else unit
