"""The committed benchmark files against the rules and the shared data.

Tests that read articles skip, saying why, when ../shared/data (or $CHECKER_DATA) is absent; the
rest check the committed files alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from checker.home import shared_data_dir
from eval.real.clusters import CLUSTERS_YAML, Cluster, load_clusters, problems
from eval.real.data import BENCHMARK_START, EG_PRESS, EgIndex, load_articles, real_dir
from eval.real.discrepancies import load_discrepancies, schema_problems, snippet_problems
from eval.real.figure_slots import FIGURE_SLOTS, load_figure_slots, row_problems, sentence_problems, split_of
from eval.real.noise import NOISE_SIZE, holdout_ids, noise_ids, read_noise_ids

NO_DATA = f"no real-news data at {real_dir() / EG_PRESS} (set CHECKER_DATA to the shared data folder)"


@pytest.fixture(scope="module")
def index() -> Iterator[EgIndex]:
    if not (real_dir() / EG_PRESS).is_file():
        pytest.skip(NO_DATA)
    yield EgIndex.open()


@pytest.fixture(scope="module")
def clusters() -> list[Cluster]:
    return load_clusters()


def test_clusters_are_as_many_and_as_wide_as_promised(clusters: list[Cluster]) -> None:
    assert len(clusters) >= 18
    assert len({c.name for c in clusters}) == len(clusters)
    for c in clusters:
        assert 8 <= len(c.ids) <= 60, c.name
        assert c.rule.first_day >= BENCHMARK_START, c.name  # the split rule, as written
        assert set(c.ids).isdisjoint(d.id for d in c.dropped), c.name
    assert {c.kind for c in clusters} >= {"accident", "clash", "verdict", "strike", "economy", "statement"}


def test_committed_ids_equal_the_ids_the_rules_give(index: EgIndex, clusters: list[Cluster]) -> None:
    found = [p for c in clusters for p in problems(c, index)]
    assert found == []


def test_no_benchmark_article_is_dated_before_the_split(index: EgIndex, clusters: list[Cluster]) -> None:
    ids = [i for c in clusters for i in c.ids] + read_noise_ids()
    early = [i for i in ids if index.date_of(i) < BENCHMARK_START]
    assert early == []


def test_noise_is_the_rule_sample_and_avoids_the_clusters(index: EgIndex, clusters: list[Cluster]) -> None:
    committed = read_noise_ids()
    assert len(committed) == len(set(committed)) == NOISE_SIZE
    assert set(committed).isdisjoint(i for c in clusters for i in (*c.ids, *(d.id for d in c.dropped)))
    assert committed == noise_ids(index)
    outlets = {index.source_of(i) for i in committed}
    days = {index.date_of(i) for i in committed}
    assert len(outlets) == len({s for d in index.dates() if d >= BENCHMARK_START for _, s in _day(index, d)})
    assert len(days) >= 35


def test_the_held_out_sample_shares_no_article_with_the_noise_or_the_clusters(
    index: EgIndex, clusters: list[Cluster]
) -> None:
    held_out = holdout_ids(index)
    assert len(held_out) == len(set(held_out)) == NOISE_SIZE
    assert set(held_out).isdisjoint(read_noise_ids())
    assert set(held_out).isdisjoint(i for c in clusters for i in (*c.ids, *(d.id for d in c.dropped)))
    assert min(index.date_of(i) for i in held_out) >= BENCHMARK_START


def _day(index: EgIndex, date: str) -> list[tuple[str, str]]:
    return [(i, index.source_of(i)) for i in index.ids_on(date)]


def test_figure_slots_follow_the_schema() -> None:
    lines = FIGURE_SLOTS.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 250
    found = [p for n, line in enumerate(lines, 1) for p in row_problems(json.loads(line), f"line {n}")]
    assert found == []
    rows = load_figure_slots()
    assert len({(r.id, r.sentence) for r in rows}) == len(rows)
    assert sum(r.id.startswith("fars:") for r in rows) >= 30
    assert {r.split for r in rows} == {"dev", "test"}
    assert all(r.split == split_of(r.id) for r in rows)


def test_figure_slot_sentences_are_verbatim(index: EgIndex) -> None:
    rows = load_figure_slots()
    articles = {a.id: a for a in load_articles(sorted({r.id for r in rows}), index)}
    assert sentence_problems(rows, articles) == []


def test_discrepancies_cover_every_cluster_and_follow_the_schema(clusters: list[Cluster]) -> None:
    gold = load_discrepancies()
    assert schema_problems(gold, clusters) == []
    assert {g.cluster for g in gold} == {c.name for c in clusters}
    assert all(g.summary for g in gold)


def test_discrepancy_snippets_are_verbatim(index: EgIndex) -> None:
    gold = load_discrepancies()
    ids = sorted({m.id for g in gold for d in g.discrepancies for v in d.values for m in v.mentions})
    assert snippet_problems(gold, {a.id: a for a in index.articles(ids)}) == []


def test_the_data_folder_is_the_projects(index: EgIndex) -> None:
    assert real_dir() == shared_data_dir() / "real" and CLUSTERS_YAML.is_file()
