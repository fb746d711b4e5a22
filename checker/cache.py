"""Content-hash cache for model outputs (embeddings, NLI scores).

Keys are (model id, sha256 of the input text), so an unchanged claim is never
re-embedded or re-scored, and a changed model never serves stale results. The
store is one SQLite database under ``$CHECKER_HOME/cache`` (stdlib), in WAL mode:
concurrent runs read while one writes, and a run killed mid-write leaves the
last committed state (SQLite replays or drops the ``-wal`` file on the next open).

The cache only saves work, so no fault in it may cost a run its findings. A
cache that is damaged (not a database, truncated, another schema) is moved
aside to ``model-outputs.sqlite3.damaged`` and a new one started; one that is
locked, read-only, on a full disk or cannot be created is read as far as it can
be, or bypassed. Each fault is one warning on the ``checker`` logger (the CLI
prints it as one ``check: ...`` line), given once per run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np

from checker.home import checker_home

log = logging.getLogger(__name__)

CACHE_FILE = "model-outputs.sqlite3"
DAMAGED_SUFFIX = ".damaged"
# how long a run waits for another run's write before it goes on without the cache (seconds)
BUSY_TIMEOUT = 10.0
_COLUMNS = ["namespace", "model", "key", "value"]
_SIDE_FILES = ("-wal", "-shm")
_CORRUPT = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class _Damaged(Exception):
    """The database file is not a usable cache (the reason is the message)."""


def _code(exc: sqlite3.Error) -> str:
    """SQLite's primary result code name, e.g. ``SQLITE_CORRUPT`` (extended codes cut back)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    parts = name.split("_")
    return "_".join(parts[:2]) if len(parts) > 2 else name


def _is_corrupt(exc: sqlite3.Error) -> bool:
    """ "file is not a database", "database disk image is malformed"."""
    text = str(exc)
    return _code(exc) in _CORRUPT or "malformed" in text or "not a database" in text


def _is_busy(exc: sqlite3.Error) -> bool:
    return _code(exc) in _BUSY or "locked" in str(exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


class ModelCache:
    """Arrays of float32 keyed by (namespace, model id, content hash).

    Never raises for a fault of the store itself: see the module docstring.

    Args:
        path: the database file (default: ``$CHECKER_HOME/cache/model-outputs.sqlite3``).
        timeout: seconds to wait for a lock another run holds (default ``BUSY_TIMEOUT``).
    """

    def __init__(self, path: Path | None = None, *, timeout: float | None = None) -> None:
        self.path = Path(path) if path is not None else checker_home() / "cache" / CACHE_FILE
        self.timeout = BUSY_TIMEOUT if timeout is None else timeout
        self.stats: dict[str, CacheStats] = {}
        self.readable = False  # False: every lookup misses
        self.writable = False  # False: nothing computed is saved
        self._db: sqlite3.Connection | None = None
        self._inode: tuple[int, int] | None = None
        self._told: set[str] = set()
        self._open()

    # --- opening -------------------------------------------------------------------------------

    def _open(self, retry: bool = True) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._warn(
                "folder",
                f"cannot create the cache folder {folder} ({_reason(exc)}); this run goes on without "
                "a cache (set CHECKER_HOME to a writable folder, or pass --no-cache)",
            )
            return
        if self.path.is_dir():
            self._warn("folder", f"cache {self.path} is a folder, not a file; this run goes on without it")
            return
        try:
            self._connect(f"file:{quote(str(self.path))}", writable=True)
            self.readable = self.writable = True
            return
        except _Damaged as exc:
            self._close_db()
            if not retry:
                self._warn("open", f"cannot start a new cache {self.path} ({exc}); going on without it")
            elif self._move_aside(str(exc)):
                self._open(retry=False)
            return
        except sqlite3.Error as exc:
            self._close_db()
            first = exc
        if _is_busy(first):
            self._warn(
                "open",
                f"cache {self.path} is locked by another process (waited {self.timeout:g} s); "
                "this run goes on without it",
            )
            return
        if not self.path.is_file():
            self._warn(
                "open",
                f"cannot create the cache {self.path} ({first}); this run goes on without a cache "
                "(set CHECKER_HOME to a writable folder, or pass --no-cache)",
            )
            return
        # read-only: the file (mode=ro) or its folder too (immutable=1: no -wal or -shm can be made
        # there, so no other run can be writing it either)
        queries = ["mode=ro"] + (["immutable=1"] if _code(first) == "SQLITE_CANTOPEN" else [])
        for query in queries:
            try:
                self._connect(f"file:{quote(str(self.path))}?{query}", writable=False)
            except (sqlite3.Error, _Damaged):
                self._close_db()
                continue
            self.readable = True
            why = "its folder is not writable" if query == "immutable=1" else "the file is not writable"
            self._warn("write", f"cache {self.path} is read-only ({why}); this run saves nothing new")
            return
        self._warn("open", f"cannot open the cache {self.path} ({first}); this run goes on without it")

    def _connect(self, uri: str, writable: bool) -> None:
        """Open and check the store; raises sqlite3.Error (cannot use it) or _Damaged."""
        self._db = db = sqlite3.connect(uri, uri=True, timeout=self.timeout)
        try:  # which file this is, so that a damaged one is moved aside only if still in place
            info = os.stat(self.path)
            self._inode = (info.st_dev, info.st_ino)
        except OSError:
            self._inode = None
        try:
            if writable:
                db.execute("PRAGMA journal_mode=WAL")  # persistent; readers never wait for a writer
                db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent after a crash
                db.execute(
                    "CREATE TABLE IF NOT EXISTS outputs (namespace TEXT, model TEXT, key TEXT, value BLOB,"
                    " PRIMARY KEY (namespace, model, key))"
                )
            columns = [row[1] for row in db.execute("PRAGMA table_info(outputs)")]
            if columns != _COLUMNS:
                raise _Damaged(
                    "no outputs table" if not columns else f"another layout: columns {', '.join(columns)}"
                )
            db.execute("SELECT key, value FROM outputs LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                raise _Damaged(str(exc)) from exc
            raise

    def _close_db(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        self.readable = self.writable = False

    def _move_aside(self, why: str) -> bool:
        """Rename the damaged store (with its -wal and -shm) to ``*.damaged``; False when it cannot."""
        aside = self.path.with_name(self.path.name + DAMAGED_SUFFIX)
        try:
            info = os.stat(self.path)
            if self._inode is not None and (info.st_dev, info.st_ino) != self._inode:
                return True  # another run already replaced it: use the new one
            os.replace(self.path, aside)
            for side in _SIDE_FILES:
                src = Path(str(self.path) + side)
                if src.exists():
                    os.replace(src, Path(str(aside) + side))
        except FileNotFoundError:
            return True
        except OSError as exc:
            self._warn(
                "damaged",
                f"cache {self.path} is damaged ({why}) and cannot be moved aside ({_reason(exc)}); "
                "this run goes on without it (delete the file to start a new cache)",
            )
            return False
        self._inode = None
        self._warn(
            "damaged", f"cache {self.path} was damaged ({why}); moved it to {aside.name} and started anew"
        )
        return True

    def _warn(self, kind: str, message: str) -> None:
        if kind not in self._told:
            self._told.add(kind)
            log.warning(message)

    def _fault(self, exc: sqlite3.Error, doing: str) -> None:
        """A store error in the middle of a run: start anew (damage) or stop using the store."""
        if _is_corrupt(exc):
            self._close_db()
            if self._move_aside(str(exc)):
                self._open(retry=False)
            return
        if doing == "write":
            self.writable = False
            if _code(exc) == "SQLITE_READONLY":
                why = "it is read-only"
            elif _code(exc) == "SQLITE_FULL":
                why = "the disk is full"
            elif _is_busy(exc):
                why = f"another process holds its lock (waited {self.timeout:g} s)"
            else:
                why = str(exc)
            self._warn("write", f"cannot save to the cache {self.path}: {why}; this run saves nothing new")
            return
        self._close_db()
        self._warn("read", f"cannot read the cache {self.path} ({exc}); this run goes on without it")

    def close(self) -> None:
        self._close_db()

    # --- reading and writing -------------------------------------------------------------------

    def get_many(self, namespace: str, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored arrays for ``keys`` (absent keys, and rows that are not float32 arrays, left out)."""
        if self._db is None or not self.readable:
            return {}
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        try:
            for i in range(0, len(unique), 500):
                chunk = unique[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, value FROM outputs WHERE namespace=? AND model=? AND key IN ({marks})",
                    (namespace, model, *chunk),
                )
                for key, blob in rows:
                    if isinstance(blob, bytes) and blob and len(blob) % 4 == 0:
                        value = np.frombuffer(blob, dtype=np.float32).copy()
                        if np.isfinite(value).all():
                            found[key] = value
        except sqlite3.Error as exc:
            self._fault(exc, "read")
            return {}
        return found

    def put_many(self, namespace: str, model: str, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not self.writable or not items:
            return
        rows = [(namespace, model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()]
        for _attempt in range(2):  # a second time into a new store when this one proved damaged
            db = self._db
            if db is None or not self.writable:
                return
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", rows)
                return
            except sqlite3.Error as exc:
                self._fault(exc, "write")

    def cached_compute(
        self,
        namespace: str,
        model: str,
        keys: Sequence[str],
        compute: Callable[[list[int]], np.ndarray],
    ) -> np.ndarray:
        """Rows for ``keys``: cached ones from the store, the rest from ``compute(missing_indices)``.

        ``compute`` is only called when something is missing, so a fully cached run never
        loads the model. A stored row whose width differs from the rest, or from what the model
        computes now, is not trusted: it is computed again.
        """
        stats = self.stats.setdefault(namespace, CacheStats())
        found = self.get_many(namespace, model, keys)
        if found:
            width = Counter(v.size for v in found.values()).most_common(1)[0][0]
            found = {k: v for k, v in found.items() if v.size == width}
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            fresh = np.asarray(compute(missing), dtype=np.float32)
            new = {keys[i]: fresh[j] for j, i in enumerate(missing)}
            if found and fresh.ndim == 2 and next(iter(found.values())).size != fresh.shape[1]:
                found = {}  # the store disagrees with the model: the model wins
                missing = list(range(len(keys)))
                again = np.asarray(compute(missing), dtype=np.float32)
                new = {keys[i]: again[i] for i in missing}
            self.put_many(namespace, model, new)
            found.update(new)
        stats.hits += len(keys) - len(missing)
        stats.misses += len(missing)
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
