"""What a number or a date is about: the concept words around it, in one sentence.

A figure is compared with another only when both count the same thing. The nearest
concept word (``حجم التبادل التجاري`` → trade, ``حصة الصادرات الروسية`` → exports of
Russia, ``أول زيارة`` → visit) names it across languages; the counted noun right after
a number (``71 عامل``) names it within one language; and the plain content words
around it (``context_words``) tell two copies of one sentence apart from two
different sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.facts import lexicon
from checker.facts.numbers import lookup_word
from checker.facts.phrases import PhraseHit, PhraseTable
from checker.kb import load_kb
from checker.text.clitics import without_article
from checker.text.tokens import Token, tokenize

_SENTENCE_BREAKS = frozenset({".", "!", "?", ";", ":"})
_CHANGE = frozenset({"growth", "decline"})

WINDOW_BEFORE = 8
WINDOW_AFTER = 4
_CLAUSE_BREAKS = frozenset({"،", ",", "؛", ";", ":"})


@dataclass(frozen=True)
class Subject:
    """What a quantity counts.

    ``concepts``: the nearest concept (several keys when one word names several, جولة);
    ``change``: growth / decline when the figure is a change; ``qualifiers``: whose
    (countries next to a directional concept); ``noun``: the folded counted noun.
    """

    concepts: frozenset[str] = frozenset()
    change: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    noun: str | None = None

    def key(self) -> str | None:
        """The string stored in ``Quantity.subject``: ``trade``, ``exports of:russia``, ``noun:عامل``."""
        parts = []
        if self.concepts:
            parts.append("+".join(sorted(self.concepts)))
        parts += [f"change:{c}" for c in sorted(self.change)]
        parts += [f"of:{q}" for q in sorted(self.qualifiers)]
        if self.noun:
            parts.append(f"noun:{self.noun}")
        return " ".join(parts) or None

    @classmethod
    def parse(cls, key: str | None) -> Subject:
        if not key:
            return cls()
        concepts: set[str] = set()
        change: set[str] = set()
        quals: set[str] = set()
        noun = None
        for part in key.split():
            if part.startswith("change:"):
                change.add(part[7:])
            elif part.startswith("of:"):
                quals.add(part[3:])
            elif part.startswith("noun:"):
                noun = part[5:]
            else:
                concepts.update(part.split("+"))
        return cls(frozenset(concepts), frozenset(change), frozenset(quals), noun)


def sentence_bounds(text: str, tokens: tuple[Token, ...], first: int, last: int) -> tuple[int, int]:
    """Token indices (inclusive) of the sentence holding tokens ``first``..``last``."""
    lo = first
    while lo > 0:
        prev = tokens[lo - 1]
        if prev.norm in _SENTENCE_BREAKS or "\n" in text[prev.end : tokens[lo].start]:
            break
        lo -= 1
    hi = last
    while hi + 1 < len(tokens):
        nxt = tokens[hi + 1]
        if nxt.norm in _SENTENCE_BREAKS or "\n" in text[tokens[hi].end : nxt.start]:
            break
        hi += 1
    return lo, hi


def _qualifiers(
    tokens: tuple[Token, ...], hit: PhraseHit[frozenset[str]], hi: int, lang: str, places: PhraseTable[str]
) -> frozenset[str]:
    """Whose: the country right after a directional concept (الصادرات الروسية, صادرات ایران).

    Only the adjacent one: in ``الصادرات الروسية لإيران`` Russia owns the exports and Iran
    receives them, and a recipient must not make Iranian exports look Russian.
    """
    if hit.value & lexicon.SYMMETRIC_CONCEPTS or hit.last + 1 > hi:
        return frozenset()
    c = places.match(tokens, hit.last + 1, lang)
    if c is None or c.prefix:
        return frozenset()
    out = {c.value}
    # two adjectives in a row name a pair (التجارة الإيرانية الروسية)
    c2 = places.match(tokens, c.last + 1, lang) if c.last + 1 <= hi else None
    if c2 is not None and not c2.prefix:
        out.add(c2.value)
    return frozenset(out)


def _group(tokens: tuple[Token, ...], lo: int, first: int, lang: str) -> frozenset[str]:
    """The population group named between a concept (ending before ``lo``) and its figure at
    ``first``: "معدل البطالة بين الإناث 24.7%" is the female rate."""
    table = lexicon.population_groups()
    for k in range(lo, first):
        hit = table.match(tokens, k, lang)
        if hit is not None and hit.last < first:
            return frozenset({hit.value})
    return frozenset()


def subject_near(
    text: str,
    lang: str,
    first: int,
    last: int,
    *,
    lo: int | None = None,
    hi: int | None = None,
    noun: str | None = None,
    places: PhraseTable[str] | None = None,
) -> Subject:
    """The subject of the tokens ``first``..``last`` of ``text`` (a number with its unit).

    ``lo``/``hi`` bound the search (the neighbouring quantities), inside the sentence.
    The nearest concept before the number wins over one at the same distance after it. ``places``
    says whose the figure is (``checker.facts.lexicon.places``; the project's KB if None).
    """
    tokens = tokenize(text)
    s_lo, s_hi = sentence_bounds(text, tokens, first, last)
    lo = max(s_lo, first - WINDOW_BEFORE, lo if lo is not None else 0)
    hi = min(s_hi, last + WINDOW_AFTER, hi if hi is not None else len(tokens) - 1)
    # after the figure, only its own clause says what it counts: in "بوزن 450، على متن طائرة" the
    # aircraft is not what weighs 450
    hi = next((k - 1 for k in range(last + 1, hi + 1) if tokens[k].norm in _CLAUSE_BREAKS), hi)
    best: tuple[float, PhraseHit[frozenset[str]]] | None = None
    change: set[str] = set()
    for hit in lexicon.concepts().hits(tokens, lo, hi, lang):
        if first <= hit.first <= last:
            continue
        dist = float(first - hit.last) if hit.last < first else hit.first - last + 0.5
        keys = hit.value - lexicon.VERB_EVENTS - _CHANGE
        if hit.value & _CHANGE:
            change |= hit.value & _CHANGE
        if keys and (best is None or dist < best[0]):
            best = (dist, hit)
    if best is not None:
        hit = best[1]
        concepts = set(hit.value - _CHANGE)
        # contiguous concept words name one thing: عجز الموازنة = deficit + budget
        hits = lexicon.concepts().hits(tokens, lo, hi, lang)
        at = next(n for n, h in enumerate(hits) if h.first == hit.first)
        left, right = at, at
        while left > 0 and hits[left - 1].last + 1 == hits[left].first:
            left -= 1
        while right + 1 < len(hits) and hits[right].last + 1 == hits[right + 1].first:
            right += 1
        for h in hits[left : right + 1]:
            concepts |= h.value - _CHANGE - lexicon.VERB_EVENTS
        last_hit = hits[right]
        places = places if places is not None else lexicon.places(load_kb())
        group = _group(tokens, last_hit.last + 1 if last_hit.last < first else lo, first, lang)
        return Subject(
            frozenset(concepts),
            frozenset(change),
            _qualifiers(tokens, last_hit, hi, lang, places) | group,
            noun,
        )
    group = _group(tokens, lo, first, lang)
    if change:
        return Subject(frozenset(change), frozenset(), group, noun)
    # an event word (وصل, أعلن) says when, not what is counted: no subject from it
    return Subject(qualifiers=group, noun=noun)


def context_words(text: str, lang: str, start: int, end: int, window: int = 5) -> frozenset[str]:
    """Content words within ``window`` tokens of the span ``start``..``end`` of ``text``,
    in its sentence: light-stemmed, without stopwords, digits or number words."""
    tokens = tokenize(text)
    idx = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    if not idx:
        return frozenset()
    first, last = idx[0], idx[-1]
    lo, hi = sentence_bounds(text, tokens, first, last)
    out: set[str] = set()
    stop = lexicon.stopwords()
    for k in range(max(lo, first - window), min(hi, last + window) + 1):
        if first <= k <= last:
            continue
        t = tokens[k]
        if not t.is_word or t.norm in stop or len(t.norm) < 2:
            continue
        if lookup_word(t.norm, lang, first=True) is not None:
            continue
        out.add(without_article(t.norm))
    return frozenset(out)


def claim_concepts(text: str, lang: str) -> frozenset[str]:
    """Every concept named anywhere in ``text`` (for dating events across languages)."""
    tokens = tokenize(text)
    out: set[str] = set()
    for hit in lexicon.concepts().hits(tokens, 0, len(tokens) - 1, lang):
        out |= hit.value
    return frozenset(out)


def concepts_of_word(text: str, k: int, lang: str) -> frozenset[str]:
    """The concepts the token ``k`` of ``text`` names by itself (زيارة → visit)."""
    tokens = tokenize(text)
    hit = lexicon.concepts().match(tokens, k, lang)
    return hit.value - _CHANGE if hit is not None else frozenset()


def content_words(text: str, lang: str) -> frozenset[str]:
    """All content words of ``text`` (light-stemmed; no stopwords, digits or number words)."""
    stop = lexicon.stopwords()
    return frozenset(
        without_article(t.norm)
        for t in tokenize(text)
        if t.is_word
        and t.norm not in stop
        and len(t.norm) >= 2
        and lookup_word(t.norm, lang, first=True) is None
    )
