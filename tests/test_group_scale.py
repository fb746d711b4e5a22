"""Candidate search at scale: blocking by date and the approximate (HNSW) neighbour search."""

from __future__ import annotations

import datetime as dt

import numpy as np

from checker import group
from checker.group import article_neighbours, nearest


def clustered(n: int, dim: int = 64, centres: int = 40, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, dim))
    x = middle[rng.integers(0, centres, n)] + 0.3 * rng.normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_approximate_search_finds_the_exact_neighbours_and_is_repeatable() -> None:
    pool = clustered(3000)
    queries = pool[:200]
    exact = nearest(queries, pool, 9, approximate=False)
    approx = nearest(queries, pool, 9, approximate=True)
    again = nearest(queries, pool, 9, approximate=True)
    assert np.array_equal(approx[1], again[1])
    recall = np.mean([len(set(a) & set(b)) / 9 for a, b in zip(exact[1], approx[1], strict=True)])
    assert recall >= 0.95
    assert np.allclose(approx[0][:, 0], exact[0][:, 0], atol=1e-5)  # similarities are exact
    assert np.all(np.diff(approx[0], axis=1) <= 1e-6)  # best first


def test_blocking_keeps_each_article_among_articles_of_its_window(monkeypatch) -> None:
    monkeypatch.setattr(group, "BLOCKING_MIN_ARTICLES", 10)
    vectors = clustered(60, centres=3)
    day = dt.date(2013, 3, 1)
    dates = [day + dt.timedelta(days=(i % 6) * 4) for i in range(50)] + [None] * 10
    neighbours = article_neighbours(vectors, dates, 8, window_days=3)
    for i, row in enumerate(neighbours):
        assert i in row
        if dates[i] is not None:
            assert all(dates[j] is None or abs((dates[j] - dates[i]).days) <= 3 for j in row)
    assert len(neighbours[55]) == 8  # undated: searched among all articles


def test_blocking_changes_nothing_when_every_article_shares_a_window(monkeypatch) -> None:
    vectors = clustered(40, centres=2)
    dates = [dt.date(2013, 3, 1)] * 40
    whole = article_neighbours(vectors, dates, 6, window_days=3)
    monkeypatch.setattr(group, "BLOCKING_MIN_ARTICLES", 10)
    blocked = article_neighbours(vectors, dates, 6, window_days=3)
    assert all(np.array_equal(a, b) for a, b in zip(whole, blocked, strict=True))
