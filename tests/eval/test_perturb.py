"""The perturbation corpora change what they say they change: one claim, one fact (or nothing)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.types import Claim
from eval.e2e import lexicon as lx
from eval.e2e.corpus import read_claims, read_seeds
from eval.e2e.gold import Gold
from eval.e2e.perturb import CONTROL_KINDS, LANGS, POSITIVE_KINDS, PerturbationSet
from eval.e2e.sites import claim_keys, fact_keys, number_sites, person_sites, phrase_value


def _claims(tmp_path: Path, corpus, name: str) -> list[Claim]:
    return read_claims(corpus.write(tmp_path / name))[1]


@pytest.fixture(scope="module")
def base_claims(pset: PerturbationSet, tmp_path_factory: pytest.TempPathFactory) -> list[Claim]:
    return _claims(tmp_path_factory.mktemp("base"), pset.base, "base")


def _changed(base: list[Claim], other: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """Claims only in ``base`` and only in ``other`` (by document name and text)."""
    key = lambda c: (Path(c.document).name, c.text)  # noqa: E731
    a, b = Counter(map(key, base)), Counter(map(key, other))
    return [c for c in base if a[key(c)] > b[key(c)]], [c for c in other if b[key(c)] > a[key(c)]]


def test_base_corpus_fixes_the_one_real_error(pset: PerturbationSet, gold: Gold) -> None:
    seeds = read_seeds()
    (entry,) = gold.expected
    before = seeds.text(entry.document).splitlines()[entry.line - 1]
    after = pset.base.text(entry.document).splitlines()[entry.line - 1]
    assert "الخميني" in before and "الخميني" not in after and "خامنئي" in after
    changed = [n for n in seeds.names if seeds.text(n) != pset.base.text(n)]
    assert changed == [entry.document]


def test_every_edit_changes_exactly_one_claim(pset: PerturbationSet, base_claims, tmp_path: Path) -> None:
    for p in pset.perturbations:
        if p.edit is None:
            continue
        gone, new = _changed(base_claims, _claims(tmp_path, p.apply(pset.base), p.id))
        assert len(gone) == 1 and len(new) == 1, (p.id, [c.text[:40] for c in gone + new])
        assert Path(new[0].document).name == p.document and new[0].span.line == p.edited_line
        assert p.edit.old in gone[0].text and p.edit.new in new[0].text


def test_added_articles_add_claims_and_change_nothing_else(pset, base_claims, tmp_path: Path) -> None:
    added = [p for p in pset.perturbations if p.kind == "added_article"]
    assert {p.lang for p in added} == set(LANGS) and all(
        len(pset.of(lang, "added_article")) >= 5 for lang in LANGS
    )
    for p in added[:2] + added[-2:]:
        gone, new = _changed(base_claims, _claims(tmp_path, p.apply(pset.base), p.id))
        assert not gone and len(new) >= 4
        assert {Path(c.document).name for c in new} == {p.document}
        assert {c.lang for c in new} == {p.lang}
        # another event: the seed story's protagonists (the speaker and his host) are not in it
        keys = {k for c in new for k in claim_keys(c.text, p.lang)}
        assert not keys & {"person:qalibaf", "person:volodin"}


_NEGATED = {"لن", "لا", "ليس", "نیست"} | {"ن" + f for f in lx.FA_NEGATABLE}


def _negations(text: str) -> int:
    return sum(token in _NEGATED for token in text.split())


def test_positive_edits_change_the_fact_and_have_counterparts(pset: PerturbationSet, gold: Gold) -> None:
    for p in pset.perturbations:
        if p.control:
            continue
        assert p.counterparts, p.id
        assert all(doc in gold.event_of(p.document) for doc, _, _ in p.counterparts), p.id
        old = pset.base.text(p.document)
        new = p.apply(pset.base).text(p.document)
        line_old, line_new = old.splitlines()[p.edited_line - 1], new.splitlines()[p.edited_line - 1]
        if p.kind == "negation":
            # polarity flips: exactly one negation marker appears or disappears
            assert p.edit is not None
            assert abs(_negations(p.edit.new) - _negations(p.edit.old)) == 1, p.id
        else:
            assert fact_keys(line_old, p.lang) != fact_keys(line_new, p.lang), p.id


def test_controls_keep_the_facts(pset: PerturbationSet) -> None:
    for p in pset.perturbations:
        if not p.control or p.edit is None:
            continue
        old = pset.base.text(p.document).splitlines()[p.edited_line - 1]
        new = p.apply(pset.base).text(p.document).splitlines()[p.edited_line - 1]
        keys_old, keys_new = claim_keys(old, p.lang), claim_keys(new, p.lang)
        if p.kind in ("digits", "number_words"):
            assert phrase_value(p.edit.old, p.lang) == phrase_value(p.edit.new, p.lang) is not None, p.id
            if p.kind == "digits":
                assert keys_old == keys_new, p.id
        elif p.kind == "spelling":
            assert lx.SPELLING_VARIANTS[p.lang][p.edit.old] == p.edit.new
            people_new = {s.key for s in person_sites(new, p.lang, with_stand_ins=False)}
            assert people_new <= {s.key for s in person_sites(old, p.lang, with_stand_ins=False)}, p.id
        elif p.kind == "paraphrase":
            assert fact_keys(old, p.lang) == fact_keys(new, p.lang), p.id
            # every word taken out is part of a listed phrase, every word put in part of its synonym
            synonyms = lx.SYNONYMS[p.lang]
            removed = Counter(p.edit.old.split()) - Counter(p.edit.new.split())
            added = Counter(p.edit.new.split()) - Counter(p.edit.old.split())
            assert removed and set(removed) <= {w for k in synonyms for w in k.split()}, p.id
            assert set(added) <= {w for v in synonyms.values() for w in v.split()}, p.id


def test_phrase_values_read_every_writing() -> None:
    assert (
        phrase_value("ملياري", "ar") == phrase_value("2 مليار", "ar") == phrase_value("٢ مليار", "ar") == 2e9
    )
    assert phrase_value("1.3 مليار", "ar") == phrase_value("مليار و300 مليون", "ar") == pytest.approx(1.3e9)
    assert phrase_value("١٫٣", "ar") == pytest.approx(1.3)
    assert phrase_value("دو", "fa") == phrase_value("۲", "fa") == 2
    assert phrase_value("خمسة مليارات", "ar") == 5e9 and phrase_value("زيارة", "ar") is None


def test_digit_and_word_controls_state_the_same_value() -> None:
    for text, lang in (("بلغ نحو ملياري دولار في العام 2020", "ar"), ("منها 1.3 مليار دولار", "ar")):
        for site in number_sites(text, lang):
            for system in ("arabic", "persian"):
                edited = text[: site.start] + lx.to_digits(site.old, system) + text[site.end :]
                assert {s.key for s in number_sites(edited, lang)} == {
                    s.key for s in number_sites(text, lang)
                }


def test_counts_are_honest_and_cover_both_languages(pset: PerturbationSet) -> None:
    counts = {(c.lang, c.kind): c for c in pset.counts}
    assert set(counts) == {(lang, k) for lang in LANGS for k in (*POSITIVE_KINDS, *CONTROL_KINDS)}
    for c in counts.values():
        assert c.generated == len(pset.of(c.lang, c.kind)) and c.with_counterpart <= c.sites
    # Arabic has three articles of the event: every positive kind is there at least four times
    assert all(counts[("ar", k)].generated >= 4 for k in POSITIVE_KINDS)
    # Persian (one article) has no weekday, year or ordinal stated elsewhere: nothing is invented
    assert counts[("fa", "weekday")].generated == counts[("fa", "year")].generated == 0
    assert counts[("fa", "entity")].generated >= 5 and counts[("fa", "negation")].generated >= 5


def test_generation_is_deterministic(pset: PerturbationSet, gold: Gold) -> None:
    from eval.e2e.perturb import generate

    again = generate(gold)
    assert [(p.id, p.edit, p.added) for p in again.perturbations] == [
        (p.id, p.edit, p.added) for p in pset.perturbations
    ]


def test_counterparts_are_claims_before_and_after_the_edit(
    pset: PerturbationSet, base_claims, tmp_path: Path
) -> None:
    starts = {(Path(c.document).name, c.span.line, c.span.start) for c in base_claims}
    positives = [p for p in pset.perturbations if not p.control]
    for p in positives:
        assert set(p.counterparts) <= starts, p.id
    # a weekday edit faces claims of its own article that come after it: their offsets move
    p = next(
        p for p in positives if p.kind == "weekday" and any(d == p.document for d, _, _ in p.counterparts)
    )
    edited = {(Path(c.document).name, c.span.start) for c in _claims(tmp_path, p.apply(pset.base), p.id)}
    assert p.counterpart_starts() <= edited
