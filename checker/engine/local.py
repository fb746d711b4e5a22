"""The local engine: the models run in this process, loaded on first use (never for a cached run)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from checker.facts.stage import facts_by_document
from checker.lazy import Lazy
from checker.nli.data import LABELS

if TYPE_CHECKING:
    from pathlib import Path

    from checker.config import Config
    from checker.embed.embedder import TextEmbedder
    from checker.facts.stage import FactSheet
    from checker.kb import KnowledgeBase
    from checker.nli.scorer import NLIScorer
    from checker.types import Claim, Document, Skipped


def load_embedder_for(config: Config) -> TextEmbedder:
    from checker.embed import embedder as embedder_module  # looked up at call time (tests swap it)

    return embedder_module.load_embedder(
        config.embedder, device=config.device, batch_size=config.batch_size, backend=config.embedder_backend
    )


def load_nli_for(config: Config) -> NLIScorer:
    from checker.nli import scorer as scorer_module

    return scorer_module.load_nli(
        config.nli, device=config.device, batch_size=config.batch_size, backend=config.nli_backend
    )


def nli_rows(scorer: NLIScorer, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
    """Probabilities in LABELS order, one row per pair (what the NLI judge caches)."""
    results = scorer.score_batch(list(premises), list(hypotheses))
    return np.array([[r.scores[lab] for lab in LABELS] for r in results], dtype=np.float32).reshape(-1, 3)


class LocalEngine:
    name = "local"

    def __init__(self, config: Config) -> None:
        self.config = config
        self._embedder: Lazy[TextEmbedder] = Lazy(lambda: load_embedder_for(config))
        self._scorer: Lazy[NLIScorer] = Lazy(lambda: load_nli_for(config))

    def read(
        self, paths: Sequence[str | Path], config: Config
    ) -> tuple[list[Document], list[list[Claim]], list[Skipped]] | None:
        return None

    def facts(
        self, claims: Sequence[Claim], documents: Sequence[Document], kb: KnowledgeBase
    ) -> tuple[FactSheet, dict[str, str]]:
        return facts_by_document(claims, documents, kb)

    def embed_chunks(self, chunks: Sequence[list[str]]) -> Iterator[np.ndarray]:
        for texts in chunks:
            yield self._embedder.get().embed_batch(texts, kind="passage")

    def nli_chunks(self, chunks: Sequence[tuple[list[str], list[str]]]) -> Iterator[np.ndarray]:
        for premises, hypotheses in chunks:
            yield nli_rows(self._scorer.get(), premises, hypotheses)

    def close(self) -> None:
        pass
