"""eval.scale.neighbour_pairs: the real claim pairs the throughput benchmark scores."""

from __future__ import annotations

import numpy as np

from eval.scale import neighbour_pairs


def test_each_text_meets_its_nearest_neighbour_once() -> None:
    texts = ["a", "a2", "b", "b2", "c"]
    vectors = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.95, 0.05], [0.1, 0.8, 0.2]], dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    premises, hypotheses = neighbour_pairs(texts, vectors)
    # a<->a2 and b<->b2 are mutual (one pair each); c's nearest is b2
    assert list(zip(premises, hypotheses, strict=True)) == [("a", "a2"), ("b", "b2"), ("b2", "c")]
