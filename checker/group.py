"""Which articles report the same event, and which claims talk about the same thing.

Both questions are answered with the multilingual claim embeddings and nearest
neighbour search (scikit-learn), never by comparing every pair:

* **Events.** Two articles report the same event when enough of their claims have
  a close counterpart in the other article (aligned-claim coverage). Candidate
  article pairs come from the nearest neighbours of each article's centroid, and
  articles whose known dates lie far apart are never one event. Articles are then
  joined by single linkage (connected components).
* **Candidate pairs.** Inside an event, each claim's nearest neighbours in the other
  articles above ``thresholds.pair_similarity``, plus each headline against the
  body sentences of its own article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.neighbors import NearestNeighbors

from checker.config import Thresholds
from checker.types import CandidatePair, Claim, Document, Role

# Articles dated further apart than this are never the same event: a follow-up a
# week later is a new story, and its numbers may legitimately have changed.
MAX_EVENT_DAYS_APART = 3
# Article pairs examined per article when grouping events (nearest centroids).
EVENT_NEIGHBOURS = 20


@dataclass(frozen=True)
class EventLink:
    a: str
    b: str
    coverage: float
    joined: bool
    reason: str


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
) -> tuple[list[tuple[str, ...]], list[EventLink]]:
    """Partition the documents into events.

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

    k = min(len(paths), EVENT_NEIGHBOURS + 1)
    neighbours = NearestNeighbors(n_neighbors=k, metric="cosine").fit(centroids).kneighbors(centroids)[1]

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
            cov = _coverage(vectors[by_doc[pa]], vectors[by_doc[pb]], thresholds.pair_similarity)
            if da and db and abs((da - db).days) > MAX_EVENT_DAYS_APART:
                links.append(EventLink(pa, pb, cov, False, f"dated {da} and {db}"))
                continue
            joined = cov >= thresholds.event_similarity
            links.append(
                EventLink(pa, pb, cov, joined, f"{cov:.0%} of claims aligned (threshold {thresholds.event_similarity:.0%})")
            )
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

    for e in range(len(events)):
        members = [i for i, c in enumerate(claims) if event_of[c.document] == e]
        if len(members) < 2:
            continue
        sub = vectors[members]
        k = min(len(members), thresholds.pair_neighbours + 1)
        # cosine distance on unit vectors; brute force is exact and fast at newsroom sizes
        dist, idx = NearestNeighbors(n_neighbors=k, metric="cosine").fit(sub).kneighbors(sub)
        for row, (drow, irow) in enumerate(zip(dist, idx, strict=True)):
            i = members[row]
            for d, col in zip(drow, irow, strict=True):
                j = members[int(col)]
                sim = 1.0 - float(d)
                if j == i or claims[j].document == claims[i].document or sim < thresholds.pair_similarity:
                    continue
                add(i, j, sim, "cross-article")

    # headline against its own body: the canonical error lives there
    by_doc: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_doc.setdefault(c.document, []).append(i)
    for members in by_doc.values():
        heads = [i for i in members if claims[i].role is Role.HEADLINE]
        for h in heads:
            for j in members:
                if j == h or claims[j].role is Role.HEADLINE:
                    continue
                sim = float(vectors[h] @ vectors[j])
                if sim >= thresholds.pair_similarity:
                    add(h, j, sim, "headline-body")
    return [pairs[key] for key in sorted(pairs)]
