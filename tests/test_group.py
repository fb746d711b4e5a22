"""Events and candidate pairs on small hand-made vectors: who is compared with whom, and why."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from checker.config import Thresholds
from checker.group import actor_overlap, candidate_pairs, group_events, nearest
from checker.types import Claim, Document, Role, Span

T = Thresholds()


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def claim(doc: str, index: int, lang: str = "ar", role: Role = Role.BODY) -> Claim:
    return Claim(
        f"{doc}:{index}", doc, index, role, f"claim {index}", Span(index, index + 1, index + 1), lang
    )


def doc(path: str, date: dt.date | None = None) -> Document:
    return Document(path=path, lang="ar", source="", date=date)


def test_nearest_is_exact_and_best_first() -> None:
    pool = np.stack([unit(1, 0), unit(0, 1), unit(1, 1)])
    sims, idx = nearest(unit(1, 0.1)[None, :], pool, 2)
    assert idx[0].tolist() == [0, 2] and sims[0, 0] > sims[0, 1]


def test_actor_overlap_is_a_weighted_jaccard() -> None:
    assert actor_overlap({"a": 2, "b": 1}, {"a": 1, "b": 1, "c": 1}) == pytest.approx(2 / 4)
    assert actor_overlap({}, {"a": 1}) == 0.0


def test_people_decide_events_when_both_articles_name_enough() -> None:
    docs = [doc("a"), doc("b"), doc("c")]
    claims = [claim(d.path, i) for d in docs for i in range(2)]
    vectors = np.stack([unit(1, 0.01 * i) for i in range(len(claims))])  # all alike: text cannot tell
    people = {"a": {"putin": 2, "qalibaf": 2}, "b": {"putin": 1, "qalibaf": 2}, "c": {"raisi": 3, "xi": 1}}
    events, links = group_events(docs, claims, vectors, T, people)
    assert sorted(events) == [("a", "b"), ("c",)]
    joined = {(link.a, link.b): link.joined for link in links}
    assert joined[("a", "b")] and not joined[("a", "c")]


def test_aligned_claims_decide_without_people_and_dates_far_apart_never_join() -> None:
    docs = [doc("a", dt.date(2021, 2, 8)), doc("b", dt.date(2021, 2, 9)), doc("c", dt.date(2021, 3, 1))]
    claims = [claim(d.path, 0) for d in docs]
    vectors = np.stack([unit(1, 0), unit(1, 0.01), unit(1, 0.02)])
    events, links = group_events(docs, claims, vectors, T, {})
    assert sorted(events) == [("a", "b"), ("c",)]
    assert any(not link.joined and "dated" in link.reason for link in links)


def test_candidate_pairs_cross_articles_above_the_threshold_and_headline_against_body() -> None:
    claims = [
        claim("a", 0, role=Role.HEADLINE),
        claim("a", 1),
        claim("a", 2),
        claim("b", 0),
        claim("b", 1, lang="fa"),
    ]
    vectors = np.stack([unit(1, 0.3), unit(1, 0), unit(0, 1), unit(1, 0.02), unit(1, 0.05)])
    pairs = candidate_pairs(claims, vectors, [("a", "b")], T)
    found = {(p.a.id, p.b.id, p.reason) for p in pairs}
    assert ("a:1", "b:0", "cross-article") in found  # the same sentence in two articles
    assert ("a:1", "b:1", "cross-article") in found  # and its translation (cross-language threshold)
    assert ("a:0", "a:2", "headline-body") in found  # a headline always meets its closest body lines
    assert not any(p.a.document == p.b.document and p.reason == "cross-article" for p in pairs)
    assert not any(p.a.id == "a:2" and p.b.document == "b" for p in pairs)  # unrelated: never paired


def test_articles_of_two_events_are_never_paired() -> None:
    claims = [claim("a", 0), claim("b", 0)]
    vectors = np.stack([unit(1, 0), unit(1, 0)])
    assert candidate_pairs(claims, vectors, [("a",), ("b",)], T) == []
