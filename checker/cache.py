"""Content-hash cache for model outputs (embeddings, NLI scores).

Keys are (model id, sha256 of the input text), so an unchanged claim is never
re-embedded or re-scored, and a changed model never serves stale results. The
store is one SQLite file under ``$CHECKER_HOME/cache`` (stdlib, safe for
concurrent readers, one file to delete to clear it).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.home import checker_home


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class ModelCache:
    """Arrays of float32 keyed by (namespace, model id, content hash)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or checker_home() / "cache" / "model-outputs.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS outputs (namespace TEXT, model TEXT, key TEXT, value BLOB,"
            " PRIMARY KEY (namespace, model, key))"
        )
        self.stats: dict[str, CacheStats] = {}

    def close(self) -> None:
        self._db.close()

    def get_many(self, namespace: str, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, value FROM outputs WHERE namespace=? AND model=? AND key IN ({marks})",
                (namespace, model, *chunk),
            )
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, namespace: str, model: str, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                [(namespace, model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def cached_compute(
        self,
        namespace: str,
        model: str,
        keys: Sequence[str],
        compute: Callable[[list[int]], np.ndarray],
    ) -> np.ndarray:
        """Rows for ``keys``: cached ones from the store, the rest from ``compute(missing_indices)``.

        ``compute`` is only called when something is missing, so a fully cached run never
        loads the model.
        """
        stats = self.stats.setdefault(namespace, CacheStats())
        found = self.get_many(namespace, model, keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        stats.hits += len(keys) - len(missing)
        stats.misses += len(missing)
        if missing:
            fresh = compute(missing)
            new = {keys[i]: fresh[j] for j, i in enumerate(missing)}
            self.put_many(namespace, model, new)
            found.update(new)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])


class NoCache:
    """Same interface, stores nothing (``--no-cache``)."""

    def __init__(self) -> None:
        self.stats: dict[str, CacheStats] = {}

    def close(self) -> None:
        pass

    def cached_compute(
        self, namespace: str, model: str, keys: Sequence[str], compute: Callable[[list[int]], np.ndarray]
    ) -> np.ndarray:
        stats = self.stats.setdefault(namespace, CacheStats())
        stats.misses += len(keys)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.asarray(compute(list(range(len(keys)))), dtype=np.float32)
