"""The perturbation set of `make eval`, built once per test session (real seeds, real data)."""

from __future__ import annotations

import pytest

from eval.e2e.gold import Gold, load_gold
from eval.e2e.perturb import PerturbationSet, generate


@pytest.fixture(scope="session")
def gold() -> Gold:
    return load_gold()


@pytest.fixture(scope="session")
def pset(gold: Gold) -> PerturbationSet:
    return generate(gold)
