"""Which articles report the same event, and which claims talk about the same thing.

Both questions are answered with the multilingual claim embeddings and nearest
neighbour search, never by comparing every pair (``nearest``: exact in numpy below
``NUMPY_SEARCH_LIMIT`` query-pool products, exact in scikit-learn's chunked search up to
``APPROXIMATE_SEARCH_LIMIT``, an approximate HNSW index (usearch) above it). Large corpora are
also blocked, so that the work grows with the corpus rather than with its square: articles look
for their event neighbours only among articles dated within ``max_event_days_apart`` (and the
undated ones) once there are more than ``BLOCKING_MIN_ARTICLES``; claims look for their pair
neighbours only inside their event and language.

* **Events.** Who acts in a story tells events apart better than what it says:
  two articles on Iran-Russia relations share many sentences whatever the event,
  while a speaker's visit and a president's summit have different actors. So two
  articles are one event when their people (knowledge-base mentions, counted, so
  language-independent) overlap enough (weighted Jaccard ≥
  ``thresholds.event_actor_overlap``). Where either article names fewer than
  ``thresholds.min_actor_mentions`` known people, the share of its claims with a close
  counterpart (``thresholds.event_claim_similarity``) in the other article decides instead
  (``thresholds.event_similarity``).
  Candidate article pairs come from the nearest neighbours of each article's
  centroid; articles whose known dates lie far apart are never one event; the rest
  are joined by single linkage (connected components).
* **Candidate pairs.** Inside an event, each claim's nearest neighbours in the other
  articles above ``thresholds.pair_similarity``, plus each headline against the
  body sentences of its own article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from checker.config import Thresholds
from checker.types import CandidatePair, Claim, Document, Role


@dataclass(frozen=True)
class EventLink:
    a: str
    b: str
    coverage: float
    joined: bool
    reason: str


# Below this many query-pool products an exact search in numpy is quicker than importing
# scikit-learn (about a second, more than a whole cached run of a newsroom folder).
NUMPY_SEARCH_LIMIT = 4_000_000
# Above this many query-pool products (and pools of APPROXIMATE_MIN_POOL rows or more) an HNSW
# index answers instead of an exact search; blocking keeps most searches below it.
APPROXIMATE_SEARCH_LIMIT = 400_000_000
APPROXIMATE_MIN_POOL = 20_000
# Corpora with more articles than this are blocked by date when looking for event neighbours.
BLOCKING_MIN_ARTICLES = 2_000
# HNSW settings: connectivity and the search breadth (a candidate list of at least this many,
# or 4k, per query): the reach against the exact search is measured by `make bench`.
HNSW_CONNECTIVITY = 32
HNSW_EXPANSION_SEARCH = 128


def nearest(
    queries: np.ndarray, pool: np.ndarray, k: int, approximate: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``pool`` for each query (unit vectors, cosine): (similarities, indices),
    best first.

    Args:
        approximate: None chooses by size (exact in numpy for small inputs, scikit-learn's chunked,
            memory-bounded exact search for large ones, an HNSW index above
            ``APPROXIMATE_SEARCH_LIMIT``); True or False forces the choice (benchmarks, tests).
    """
    k = min(k, len(pool))
    if approximate is None:
        approximate = (
            len(queries) * len(pool) > APPROXIMATE_SEARCH_LIMIT and len(pool) >= APPROXIMATE_MIN_POOL
        )
    if approximate and k > 0:
        return _hnsw_search(queries, pool, k)
    if len(queries) * len(pool) <= NUMPY_SEARCH_LIMIT:
        sims = queries @ pool.T
        idx = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(sims, idx, axis=1), idx
    from sklearn.neighbors import NearestNeighbors

    dist, idx = NearestNeighbors(n_neighbors=k, metric="cosine").fit(pool).kneighbors(queries)
    return 1.0 - dist, idx


def _hnsw_search(queries: np.ndarray, pool: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Approximate neighbours from a usearch HNSW index built on one thread (the same index, so the
    same answers, on every run), re-scored exactly: similarities are the true cosines."""
    from usearch.index import Index

    pool = np.ascontiguousarray(pool, dtype=np.float32)
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    index = Index(
        ndim=pool.shape[1],
        metric="ip",
        dtype="f32",
        connectivity=HNSW_CONNECTIVITY,
        expansion_search=max(HNSW_EXPANSION_SEARCH, 4 * k),
    )
    index.add(np.arange(len(pool), dtype=np.uint64), pool, threads=1)
    found = index.search(queries, k, threads=1)
    keys = np.asarray(found.keys, dtype=np.int64).reshape(len(queries), -1)
    # a query may get fewer than k answers (keys set to the maximum value): they fall back to itself
    # at worst, and are dropped by the callers' thresholds
    keys = np.where((keys < 0) | (keys >= len(pool)), 0, keys)
    sims = np.einsum("qd,qkd->qk", queries, pool[keys])
    order = np.argsort(-sims, axis=1, kind="stable")
    return np.take_along_axis(sims, order, axis=1), np.take_along_axis(keys, order, axis=1)


def article_neighbours(
    centroids: np.ndarray, dates: Sequence[dt.date | None], k: int, window_days: int
) -> list[np.ndarray]:
    """For each article, the indices of its ``k`` nearest articles by centroid (itself included).

    Up to ``BLOCKING_MIN_ARTICLES`` articles, among all of them; above, among the articles that may
    be one event with it: dated at most ``window_days`` apart, or undated (an undated article
    searches all of them). Articles dated further apart are never one event, so blocking only drops
    links that would be refused.
    """
    n = len(centroids)
    if n <= BLOCKING_MIN_ARTICLES:
        return list(nearest(centroids, centroids, min(n, k))[1])
    out: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * n
    by_day: dict[int | None, list[int]] = {}
    for i, d in enumerate(dates):
        by_day.setdefault(d.toordinal() if d is not None else None, []).append(i)
    undated = by_day.get(None, [])
    days = sorted(d for d in by_day if d is not None)
    for day in [*days, None]:
        queries = by_day.get(day, [])
        if not queries:
            continue
        if day is None:
            pool = list(range(n))
        else:
            near = [i for d in days if abs(d - day) <= window_days for i in by_day[d]]
            pool = sorted(near + undated)
        idx = nearest(centroids[queries], centroids[pool], min(len(pool), k))[1]
        pool_array = np.asarray(pool, dtype=np.int64)
        for q, row in zip(queries, idx, strict=True):
            out[q] = pool_array[row]
    return out


def actor_overlap(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Weighted Jaccard of two articles' people: sum of min counts over sum of max counts."""
    keys = set(a) | set(b)
    top = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
    return sum(min(a.get(k, 0), b.get(k, 0)) for k in keys) / top if top else 0.0


def _coverage(va: np.ndarray, vb: np.ndarray, threshold: float) -> float:
    """Share of the shorter article's claims that have a counterpart above ``threshold`` in the other."""
    if len(va) == 0 or len(vb) == 0:
        return 0.0
    sims = va @ vb.T
    cover_a = float(np.mean(sims.max(axis=1) >= threshold))
    cover_b = float(np.mean(sims.max(axis=0) >= threshold))
    return cover_a if len(va) <= len(vb) else cover_b


def group_events(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    thresholds: Thresholds,
    actors: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[list[tuple[str, ...]], list[EventLink]]:
    """Partition the documents into events.

    ``actors`` maps a document path to its people (KB id → number of mentions).

    Returns the events (tuples of document paths, in input order) and the links
    examined, for the report's explanation of why two articles were (not) compared.
    """
    paths = [d.path for d in documents]
    by_doc: dict[str, list[int]] = {p: [] for p in paths}
    for i, c in enumerate(claims):
        by_doc[c.document].append(i)
    dates = {d.path: d.date for d in documents}
    centroids = np.stack(
        [
            vectors[by_doc[p]].mean(axis=0) if by_doc[p] else np.zeros(vectors.shape[1], dtype=np.float32)
            for p in paths
        ]
    )
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    centroids = centroids / np.where(norms == 0, 1, norms)

    k = min(len(paths), thresholds.event_neighbours + 1)
    neighbours = article_neighbours(centroids, [dates[p] for p in paths], k, thresholds.max_event_days_apart)

    parent = list(range(len(paths)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[EventLink] = []
    seen: set[tuple[int, int]] = set()
    for i, row in enumerate(neighbours):
        for j in row:
            a, b = min(i, int(j)), max(i, int(j))
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            pa, pb = paths[a], paths[b]
            da, db = dates[pa], dates[pb]
            if da and db and abs((da - db).days) > thresholds.max_event_days_apart:
                links.append(EventLink(pa, pb, 0.0, False, f"dated {da} and {db}"))
                continue
            people_a, people_b = (actors or {}).get(pa, {}), (actors or {}).get(pb, {})
            if min(sum(people_a.values()), sum(people_b.values())) >= thresholds.min_actor_mentions:
                score = actor_overlap(people_a, people_b)
                joined = score >= thresholds.event_actor_overlap
                reason = f"people overlap {score:.2f} (threshold {thresholds.event_actor_overlap:.2f})"
            else:
                score = _coverage(vectors[by_doc[pa]], vectors[by_doc[pb]], thresholds.event_claim_similarity)
                joined = score >= thresholds.event_similarity
                reason = f"{score:.0%} of claims aligned (threshold {thresholds.event_similarity:.0%})"
            links.append(EventLink(pa, pb, score, joined, reason))
            if joined:
                parent[find(a)] = find(b)

    groups: dict[int, list[str]] = {}
    for i, p in enumerate(paths):
        groups.setdefault(find(i), []).append(p)
    return [tuple(g) for g in groups.values()], links


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    events: Sequence[tuple[str, ...]],
    thresholds: Thresholds,
) -> list[CandidatePair]:
    """Claim pairs worth judging, each unordered pair once, in a stable order."""
    event_of: Mapping[str, int] = {p: e for e, group in enumerate(events) for p in group}
    pairs: dict[tuple[int, int], CandidatePair] = {}

    def add(i: int, j: int, sim: float, reason: str) -> None:
        a, b = (i, j) if i < j else (j, i)
        if (a, b) not in pairs:
            pairs[(a, b)] = CandidatePair(claims[a], claims[b], round(float(sim), 4), reason)

    def threshold(i: int, j: int) -> float:
        same_language = claims[i].lang == claims[j].lang
        return thresholds.pair_similarity if same_language else thresholds.pair_similarity_cross_language

    by_event: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_event.setdefault(event_of[c.document], []).append(i)
    for e in range(len(events)):
        members = by_event.get(e, [])
        # neighbours are searched in each language separately, so that a claim's translation
        # is not crowded out by same-language sentences (E5 scores those a little higher)
        for language in sorted({claims[i].lang for i in members}):
            pool = [i for i in members if claims[i].lang == language]
            if not pool:
                continue
            sims, idx = nearest(vectors[members], vectors[pool], thresholds.pair_neighbours + 1)
            for row, (srow, irow) in enumerate(zip(sims, idx, strict=True)):
                i = members[row]
                for sim_value, col in zip(srow, irow, strict=True):
                    j = pool[int(col)]
                    sim = float(sim_value)
                    if j != i and claims[j].document != claims[i].document and sim >= threshold(i, j):
                        add(i, j, sim, "cross-article")

    # headline against its own body: the canonical error lives there. A headline is a summary,
    # so its best-matching body sentences score lower than two versions of one sentence do; the
    # few closest are always judged (cheap: one article), the rest only above the threshold.
    by_doc: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_doc.setdefault(c.document, []).append(i)
    for members in by_doc.values():
        heads = [i for i in members if claims[i].role is Role.HEADLINE]
        body = [j for j in members if claims[j].role is not Role.HEADLINE]
        for h in heads:
            ranked = sorted(((float(vectors[h] @ vectors[j]), j) for j in body), reverse=True)
            for rank, (sim, j) in enumerate(ranked):
                if rank < thresholds.headline_body_always or sim >= threshold(h, j):
                    add(h, j, sim, "headline-body")
    return [pairs[key] for key in sorted(pairs)]
