"""The lookup tables built once from the KB: every spelling, folded and joined.

A spelling is keyed by its folded tokens joined without spaces, so "خامنه‌ای",
"خامنه ای" and "خامنهای" are one key, and so are "عبد اللهيان" and "عبداللهيان".
For fuzzy matching of transliterated names, each person's given names and
surnames are kept apart: a variant is only trusted when it is clearly closer to
one person than to every other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from checker.kb.fold import fold
from checker.kb.lexicon import HONORIFICS
from checker.kb.model import Entity

_WORD = re.compile(r"[^\W_]+")


def name_tokens(name: str) -> list[str]:
    return _WORD.findall(fold(name))


def name_key(name: str) -> str:
    return "".join(name_tokens(name))


@dataclass(frozen=True)
class NameEntry:
    entity: str
    scope: str | None  # None: matched in every language; else only in texts of that language
    ambiguous: bool  # also a common word: linked only with support from the context


class NameIndex:
    """Exact spellings by key, plus the given-name / surname forms used for fuzzy matching."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        keys: dict[str, list[NameEntry]] = defaultdict(list)
        self.excluded: dict[str, frozenset[str]] = {}
        self.max_tokens = 1
        given: dict[str, set[str]] = defaultdict(set)
        surnames: dict[str, set[str]] = defaultdict(set)
        for entity in entities.values():
            spellings: list[tuple[str, str | None, bool]] = [(n, None, False) for n in entity.all_names()]
            spellings += [(n, lang, False) for lang, names in entity.local.items() for n in names]
            spellings += [(n, None, True) for n in entity.ambiguous]
            for spelling, scope, ambiguous in spellings:
                tokens = name_tokens(spelling)
                if not tokens:
                    continue
                self.max_tokens = max(self.max_tokens, len(tokens))
                entry = NameEntry(entity.id, scope, ambiguous)
                for variant in _article_variants(tokens):
                    key = "".join(variant)
                    if entry not in keys[key]:
                        keys[key].append(entry)
                if entity.type == "person" and entity.fuzzy and not ambiguous:
                    _collect_parts(tokens, given[entity.id], surnames[entity.id])
            self.excluded[entity.id] = frozenset(name_key(x) for x in entity.exclude)
        self.keys: dict[str, tuple[NameEntry, ...]] = {k: tuple(v) for k, v in keys.items()}
        self._given_forms, self._given_owner = _flatten(given)
        self._surname_forms, self._surname_owner = _flatten(surnames)

    def lookup(self, key: str, lang: str) -> tuple[NameEntry, ...]:
        entries = self.keys.get(key, ())
        return tuple(e for e in entries if e.scope is None or e.scope == lang)

    def is_name(self, key: str) -> bool:
        """True when ``key`` is, as written, a spelling of some entity (any language)."""
        return key in self.keys

    def surname_scores(self, stem: str, cutoff: float) -> dict[str, float]:
        """Best fuzzy ratio (0..100) of ``stem`` against each person's surnames, above ``cutoff``."""
        return _best_by_owner(stem, self._surname_forms, self._surname_owner, cutoff)

    def given_scores(self, stem: str, cutoff: float) -> dict[str, float]:
        return _best_by_owner(stem, self._given_forms, self._given_owner, cutoff)


def _article_variants(tokens: list[str]) -> list[list[str]]:
    """A spelling written with the article ("الخميني") also matches without it ("خميني")."""
    variants = [tokens]
    first = tokens[0]
    if first.startswith("ال") and len(first) > 4:
        variants.append([first[2:], *tokens[1:]])
    return variants


def _collect_parts(tokens: list[str], given: set[str], surnames: set[str]) -> None:
    words = [t for t in tokens if t not in HONORIFICS]
    if not words:
        return
    if len(words[-1]) >= 4:
        surnames.add(words[-1])
        if words[-1].startswith("ال") and len(words[-1]) > 4:
            surnames.add(words[-1][2:])
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
