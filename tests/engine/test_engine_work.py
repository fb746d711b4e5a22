"""The engines' shared work: chunk plans, the run cache, progress with rate and ETA, resuming."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from checker.cache import ModelCache, NoCache
from checker.config import Config
from checker.engine.local import LocalEngine
from checker.engine.work import RunCache, plan_chunks, warm_embeddings
from checker.pipeline import check, embedder_model_id
from checker.progress import Progress

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_chunks_are_whole_batches_in_length_order() -> None:
    lengths = [5, 1, 9, 3, 9, 2, 7]
    chunks = plan_chunks(lengths, batch_size=2, descending=True)
    flat = [i for c in chunks for i in c]
    assert sorted(flat) == list(range(7))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    assert flat[:2] == [2, 4]  # ties keep their input order
    assert all(len(c) % 2 == 0 for c in chunks[:-1])


def test_run_cache_serves_rows_computed_ahead_and_counts_them_as_misses() -> None:
    cache = RunCache(NoCache())
    cache.put("embedding", "m", {"a": np.ones(2, np.float32)})
    rows = cache.cached_compute("embedding", "m", ["a", "b"], lambda missing: np.zeros((len(missing), 2)))
    assert rows.tolist() == [[1.0, 1.0], [0.0, 0.0]]
    assert cache.stats["embedding"].misses == 2 and cache.missing("embedding", "m", ["a", "c"]) == [1]


class Interrupted(Exception):
    pass


class StopsAfterOneChunk(LocalEngine):
    """Embeds one chunk, then dies (a run killed halfway)."""

    def embed_chunks(self, chunks):
        for n, vectors in enumerate(super().embed_chunks(chunks)):
            if n == 1:
                raise Interrupted
            yield vectors


def test_a_killed_run_keeps_its_finished_chunks(tmp_path: Path, embedder, monkeypatch) -> None:
    monkeypatch.setattr("checker.engine.work.CHUNK_ITEMS", 16)
    config = Config(nli="none", batch_size=8)
    claims = list(check(SEEDS, Config(nli="none"), cache=NoCache()).claims)
    store = ModelCache(tmp_path / "cache.sqlite3")
    engine = StopsAfterOneChunk(config)
    engine._embedder._value = embedder  # the session's model, not a second load
    with pytest.raises(Interrupted):
        warm_embeddings(engine, claims, config, RunCache(store), Progress(False))
    texts = list(dict.fromkeys(c.text for c in claims))
    from checker.cache import content_hash

    kept = store.get_many("embedding", embedder_model_id(config), [content_hash(t) for t in texts])
    assert len(kept) == 16  # the first chunk survived; the next run computes only the rest
    store.close()


def test_progress_lines_have_a_rate_and_an_eta() -> None:
    from checker.engine.work import Rate

    stream = io.StringIO()
    rate = Rate(Progress(True, stream), "NLI pairs", 100, every=0.0)
    rate.add(40)
    rate.add(60)
    lines = stream.getvalue().splitlines()
    assert "NLI pairs: 40/100" in lines[0] and "/s, ETA" in lines[0]
    assert "100/100" in lines[-1]
