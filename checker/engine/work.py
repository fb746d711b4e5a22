"""The work an engine does: plan model inputs in chunks, compute them, cache each chunk, report progress.

Chunks follow the models' own batching (texts sorted by length, then cut every ``batch_size``
items), so a chunk of whole batches gives each model call exactly the batches a single call over
all the missing inputs would have given: the same rows, whoever computes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from checker.cache import CacheStats, ModelCache, NoCache, content_hash
from checker.progress import Progress

if TYPE_CHECKING:
    from pathlib import Path

    from checker.config import Config
    from checker.facts.stage import FactSheet
    from checker.kb import KnowledgeBase
    from checker.types import CandidatePair, Claim, Document, Skipped

# Model inputs per chunk: each chunk is cached when done (what a killed run keeps) and is one task
# for a Ray actor. A multiple of every usual batch size.
CHUNK_ITEMS = 512

EMBED_NAMESPACE, NLI_NAMESPACE = "embedding", "nli"


class Engine(Protocol):
    """Computes model outputs (and, for Ray, reads articles) for the pipeline."""

    name: str

    def read(
        self, paths: Sequence[str | Path], config: Config
    ) -> tuple[list[Document], list[list[Claim]], list[Skipped]] | None:
        """Documents, each document's claims, and what was skipped; None: let the pipeline read."""
        ...

    def facts(
        self, claims: Sequence[Claim], documents: Sequence[Document], kb: KnowledgeBase
    ) -> tuple[FactSheet, dict[str, str]]:
        """``facts_by_document``: the run's fact sheet, and the articles it failed on with the reason."""
        ...

    def embed_chunks(self, chunks: Sequence[list[str]]) -> Iterator[np.ndarray]:
        """Vectors of each chunk of (prefixed-free) claim texts, in chunk order."""
        ...

    def nli_chunks(self, chunks: Sequence[tuple[list[str], list[str]]]) -> Iterator[np.ndarray]:
        """Probabilities (entailment, neutral, contradiction) of each chunk of pairs, in chunk order."""
        ...

    def close(self) -> None: ...


def plan_chunks(lengths: Sequence[int], batch_size: int, descending: bool) -> list[list[int]]:
    """Indices sorted by length (stably), cut into chunks of whole batches."""
    sign = -1 if descending else 1
    order = sorted(range(len(lengths)), key=lambda i: sign * lengths[i])
    size = max(batch_size, CHUNK_ITEMS // batch_size * batch_size)
    return [order[i : i + size] for i in range(0, len(order), size)]


class Rate:
    """Progress lines with a rate and an ETA, at most one every ``every`` seconds."""

    def __init__(self, progress: Progress, what: str, total: int, every: float = 5.0) -> None:
        self.progress, self.what, self.total, self.every = progress, what, total, every
        self.done = 0
        self._start = self._last = time.perf_counter()

    def add(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self._last < self.every and self.done < self.total:
            return
        self._last = now
        rate = self.done / max(now - self._start, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        self.progress.stage(
            f"{self.what}: {self.done:,}/{self.total:,}, {rate:,.1f}/s, ETA {_duration(left)}"
        )


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class RunCache:
    """The run's cache: rows an engine computed ahead, in memory, over the store (which also gets
    them when it is a ``ModelCache``). The pipeline's stages read through it as through the store;
    rows that came from the engine count as misses (they were computed in this run)."""

    def __init__(self, store: ModelCache | NoCache) -> None:
        self.store = store
        self.stats: dict[str, CacheStats] = store.stats
        self._rows: dict[tuple[str, str], dict[str, np.ndarray]] = {}

    def close(self) -> None:
        self.store.close()

    def missing(self, namespace: str, model: str, keys: Sequence[str]) -> list[int]:
        """Indices of ``keys`` that neither the store nor this run holds."""
        held = self._rows.get((namespace, model), {})
        if isinstance(self.store, ModelCache):
            found = self.store.get_many(namespace, model, [k for k in dict.fromkeys(keys) if k not in held])
        else:
            found = {}
        return [i for i, k in enumerate(keys) if k not in held and k not in found]

    def put(self, namespace: str, model: str, rows: dict[str, np.ndarray]) -> None:
        self._rows.setdefault((namespace, model), {}).update(rows)
        if isinstance(self.store, ModelCache):
            self.store.put_many(namespace, model, rows)

    def cached_compute(
        self, namespace: str, model: str, keys: Sequence[str], compute: Callable[[list[int]], np.ndarray]
    ) -> np.ndarray:
        held = self._rows.get((namespace, model), {})
        if not held:
            return self.store.cached_compute(namespace, model, keys, compute)
        ahead = [i for i, k in enumerate(keys) if k in held]
        rest = [i for i, k in enumerate(keys) if k not in held]
        stats = self.stats.setdefault(namespace, CacheStats())
        stats.misses += len(ahead)
        out: list[np.ndarray | None] = [None] * len(keys)
        for i in ahead:
            out[i] = held[keys[i]]
        if rest:
            rows = self.store.cached_compute(
                namespace, model, [keys[i] for i in rest], lambda m: compute([rest[j] for j in m])
            )
            for j, i in enumerate(rest):
                out[i] = rows[j]
        return np.stack([r for r in out if r is not None]) if keys else np.zeros((0, 0), np.float32)


def warm_embeddings(
    engine: Engine, claims: Sequence[Claim], config: Config, cache: RunCache, progress: Progress
) -> None:
    """Compute the vectors the cache lacks, chunk by chunk (each cached when done)."""
    from checker.pipeline import embedder_model_id

    texts = list(dict.fromkeys(c.text for c in claims))
    model = embedder_model_id(config)
    keys = [content_hash(t) for t in texts]
    missing = cache.missing(EMBED_NAMESPACE, model, keys)
    if not missing:
        return
    lengths = [len(texts[i]) for i in missing]
    chunks = [[missing[i] for i in chunk] for chunk in plan_chunks(lengths, config.batch_size, True)]
    rate = Rate(progress, "embedding claims", len(missing))
    inputs = [[texts[i] for i in c] for c in chunks]
    for chunk, vectors in zip(chunks, engine.embed_chunks(inputs), strict=True):
        cache.put(EMBED_NAMESPACE, model, {keys[i]: vectors[j] for j, i in enumerate(chunk)})
        rate.add(len(chunk))


def nli_inputs(pairs: Sequence[CandidatePair]) -> tuple[list[str], list[str]]:
    """The directed pairs the NLI judge scores: (a, b) for every pair, then (b, a)."""
    premises = [p.a.text for p in pairs] + [p.b.text for p in pairs]
    hypotheses = [p.b.text for p in pairs] + [p.a.text for p in pairs]
    return premises, hypotheses


def nli_to_score(pairs: Sequence[CandidatePair], config: Config, cache: RunCache) -> int:
    """How many directed NLI inputs of ``pairs`` the cache lacks (each distinct input once)."""
    if config.nli.lower() == "none" or "nli" not in config.judges or not pairs:
        return 0
    return len(_missing_nli(pairs, config, cache)[0])


def _missing_nli(
    pairs: Sequence[CandidatePair], config: Config, cache: RunCache
) -> tuple[list[int], list[str], list[str], list[str], str]:
    from checker.nli.scorer import nli_model_id

    premises, hypotheses = nli_inputs(pairs)
    model = nli_model_id(config.nli, config.nli_backend)
    keys = [content_hash(f"{p}\u241e{h}") for p, h in zip(premises, hypotheses, strict=True)]
    # a sentence pair repeated across articles (copied wire copy) is scored once
    first: dict[str, int] = {}
    for i in cache.missing(NLI_NAMESPACE, model, keys):
        first.setdefault(keys[i], i)
    return list(first.values()), keys, premises, hypotheses, model


def warm_nli(
    engine: Engine,
    pairs: Sequence[CandidatePair],
    config: Config,
    cache: RunCache,
    progress: Progress,
    rate: Rate | None = None,
) -> None:
    """Score the directed candidate pairs the cache lacks, chunk by chunk, when the NLI judge runs.

    ``rate``: the progress counter to add to when the run scores its pairs in several calls (one
    per wave of events); a counter of this call's pairs if None."""
    if config.nli.lower() == "none" or "nli" not in config.judges or not pairs:
        return
    missing, keys, premises, hypotheses, model = _missing_nli(pairs, config, cache)
    if not missing:
        return
    lengths = [len(premises[i]) + len(hypotheses[i]) for i in missing]
    chunks = [[missing[i] for i in chunk] for chunk in plan_chunks(lengths, config.batch_size, False)]
    rate = rate if rate is not None else Rate(progress, "NLI pairs", len(missing))
    inputs = [([premises[i] for i in c], [hypotheses[i] for i in c]) for c in chunks]
    for chunk, rows in zip(chunks, engine.nli_chunks(inputs), strict=True):
        cache.put(NLI_NAMESPACE, model, {keys[i]: rows[j] for j, i in enumerate(chunk)})
        rate.add(len(chunk))
