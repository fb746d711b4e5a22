"""How much two sets of words share: the two measures the judges use, in one place.

* ``jaccard`` (shared / all): symmetric and strict; it asks whether two sentences say the same
  thing as a whole (the same quote attributed to two speakers).
* ``overlap_coefficient`` (shared / smaller): a short window of words around a figure is "the same
  context" when it is contained in the other, whatever the other adds.
"""

from __future__ import annotations

from collections.abc import Set


def jaccard(a: Set[str], b: Set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def overlap_coefficient(a: Set[str], b: Set[str]) -> float:
    """|a ∩ b| / min(|a|, |b|) (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
