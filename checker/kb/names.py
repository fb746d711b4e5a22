"""The lookup tables built once from the KB: every spelling, folded and joined.

A spelling is keyed by its folded words joined without spaces, so "خامنه‌ای",
"خامنه ای" and "خامنهای" share a key. Where a text may split a key is recorded
per spelling: at the spelling's own spaces and zero-width non-joiners, nowhere
else. So "خامنه ای" finds "خامنه‌ای", "عبداللهيان" finds "عبد اللهيان", but "نات و"
is not "ناتو" and "روس یا" is not "روسيا".

The spellings of places, organisations and titles are looked for in texts of their
own language (English everywhere, everything in a text of unknown language):
"روسیه" (Persian: Russia) folds like the Arabic adjective "روسية" (Russian, feminine)
and must not be read in Arabic. People's names are looked for in every language.

For fuzzy matching of transliterated names, each person's given names and
surnames are kept apart: a variant is only trusted when it is clearly closer to
one person than to every other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from checker.kb.lexicon import HONORIFICS
from checker.kb.model import Entity
from checker.text.tokens import word_tokens

_EVERY_LANGUAGE = "*"


def name_tokens(name: str) -> list[str]:
    """The folded words of a spelling (a zero-width non-joiner separates words, as a space does)."""
    return [t.norm for t in word_tokens(name)]


def name_key(name: str) -> str:
    return "".join(name_tokens(name))


def _splits(name: str) -> tuple[list[str], frozenset[int]]:
    """The folded words of ``name`` and the offsets (in the joined key) where a text may split it."""
    words = name_tokens(name)
    splits: set[int] = set()
    offset = 0
    for word in words[:-1]:
        offset += len(word)
        splits.add(offset)
    return words, frozenset(splits)


@dataclass(frozen=True)
class NameEntry:
    entity: str
    lang: str  # the language whose texts the spelling is looked for in ("*": every language)
    ambiguous: bool  # also a common word: linked only with support from the context
    splits: frozenset[int]  # where a text may split the joined key


class NameIndex:
    """Exact spellings by key, plus the given-name / surname forms used for fuzzy matching."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        keys: dict[str, list[NameEntry]] = defaultdict(list)
        self.excluded: dict[str, frozenset[str]] = {}
        self.max_tokens = 1
        given: dict[str, set[str]] = defaultdict(set)
        surnames: dict[str, set[str]] = defaultdict(set)
        for entity in entities.values():
            # People's names are looked for in every language (an Arabic outlet may write a Persian
            # spelling); other spellings only in their own ("روسیه" is not the adjective "روسية").
            everywhere = entity.type == "person"
            spellings = [
                (name, _EVERY_LANGUAGE if lang == "en" or everywhere else lang, False)
                for lang, names in entity.names.items()
                for name in names
            ]
            spellings += [(name, _EVERY_LANGUAGE, True) for name in entity.ambiguous]
            for spelling, lang, ambiguous in spellings:
                words, splits = _splits(spelling)
                if not words:
                    continue
                self.max_tokens = max(self.max_tokens, len(words))
                for key, allowed in _article_variants(words, splits):
                    entry = NameEntry(entity.id, lang, ambiguous, allowed)
                    if entry not in keys[key]:
                        keys[key].append(entry)
                if entity.type == "person" and entity.fuzzy and not ambiguous:
                    _collect_parts(name_tokens(spelling), given[entity.id], surnames[entity.id])
            self.excluded[entity.id] = frozenset(name_key(x) for x in entity.exclude)
        self.keys: dict[str, tuple[NameEntry, ...]] = {k: tuple(v) for k, v in keys.items()}
        self._given_forms, self._given_owner = _flatten(given)
        self._surname_forms, self._surname_owner = _flatten(surnames)

    def lookup(self, key: str, lang: str, splits: frozenset[int] = frozenset()) -> tuple[NameEntry, ...]:
        """Spellings of ``key`` for a text in ``lang`` whose words split the key at ``splits``."""
        return tuple(
            e
            for e in self.keys.get(key, ())
            if (e.lang == _EVERY_LANGUAGE or e.lang == lang or lang not in ("ar", "fa"))
            and splits <= e.splits
        )

    def is_name(self, key: str) -> bool:
        """True when ``key`` is, as written, a spelling of some entity (any language)."""
        return key in self.keys

    def surname_scores(self, stem: str, cutoff: float) -> dict[str, float]:
        """Best fuzzy ratio (0..100) of ``stem`` against each person's surnames, above ``cutoff``."""
        return _best_by_owner(stem, self._surname_forms, self._surname_owner, cutoff)

    def given_scores(self, stem: str, cutoff: float) -> dict[str, float]:
        return _best_by_owner(stem, self._given_forms, self._given_owner, cutoff)


def _article_variants(words: list[str], splits: frozenset[int]) -> list[tuple[str, frozenset[int]]]:
    """A spelling written with the article ("الخميني") also matches without it ("خميني")."""
    key = "".join(words)
    variants = [(key, splits)]
    if words[0].startswith("ال") and len(words[0]) > 4:
        variants.append((key[2:], frozenset(s - 2 for s in splits)))
    return variants


def _collect_parts(words: list[str], given: set[str], surnames: set[str]) -> None:
    words = [t for t in words if t not in HONORIFICS]
    if not words:
        return
    if len(words[-1]) >= 5:
        surnames.add(words[-1])
    for word in words[:-1]:
        if len(word) >= 3:
            given.add(word)


def _flatten(parts: Mapping[str, set[str]]) -> tuple[list[str], list[str]]:
    forms: list[str] = []
    owners: list[str] = []
    for owner, words in sorted(parts.items()):
        for word in sorted(words):
            forms.append(word)
            owners.append(owner)
    return forms, owners


def _best_by_owner(stem: str, forms: list[str], owners: list[str], cutoff: float) -> dict[str, float]:
    best: dict[str, float] = {}
    for _form, score, i in process.extract(stem, forms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
        owner = owners[i]
        if score > best.get(owner, -1.0):
            best[owner] = float(score)
    return best
