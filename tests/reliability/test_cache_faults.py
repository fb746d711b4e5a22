"""A cache that is damaged, truncated, locked, read-only or cannot be made costs a run nothing but
time: one ``check: ...`` line on stderr, the store moved aside or bypassed, the same findings.

The store-level tests use small arrays of their own (the store is what is under test); the
command-line tests run ``check`` in-process on one seed article with the session's embedder, each
in a CHECKER_HOME of its own whose cache starts warm (a copy of one made once per module).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from reliability_support import make_home, read_only, small_corpus, stable
from seed_runs import assert_clean, cli, stderr_lines

import checker.cache as cache_module
from checker.cache import CACHE_FILE, DAMAGED_SUFFIX, ModelCache

KEYS = [f"k{i}" for i in range(300)]


def rows(indices: list[int]) -> np.ndarray:
    return np.array([[i, i + 0.5, -i] for i in indices], dtype=np.float32)


def fill(path: Path, keys: list[str] = KEYS, width: int = 384) -> None:
    """A store holding ``keys`` with vectors as wide as real embeddings (several pages)."""
    cache = ModelCache(path)
    cache.put_many("embedding", "m", {k: np.full(width, i, dtype=np.float32) for i, k in enumerate(keys)})
    cache.close()


def computed(cache: ModelCache, keys: list[str] = KEYS) -> tuple[np.ndarray, list[list[int]]]:
    calls: list[list[int]] = []

    def compute(missing: list[int]) -> np.ndarray:
        calls.append(missing)
        return rows(missing)

    return cache.cached_compute("nli", "m", keys, compute), calls


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("checker")]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache" / CACHE_FILE


# --- the store on its own -------------------------------------------------------------------------


def test_a_healthy_store_is_in_wal_mode_and_quiet(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = ModelCache(store)
    values, calls = computed(cache)
    again, calls_again = computed(cache)
    mode = cache._db.execute("PRAGMA journal_mode").fetchone()[0] if cache._db else None
    cache.close()
    assert mode == "wal" and calls == [list(range(len(KEYS)))] and calls_again == []
    np.testing.assert_array_equal(values, again)
    assert warnings_of(caplog) == []


DAMAGE: dict[str, Callable[[Path], None]] = {
    "random bytes": lambda p: p.write_bytes(np.random.default_rng(0).bytes(8192)),
    "zeroed header": lambda p: p.write_bytes(b"\0" * 100 + p.read_bytes()[100:]),
    "text file": lambda p: p.write_text("not a cache\n", encoding="utf-8"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_store_is_moved_aside_and_a_new_one_started(
    kind: str, store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fill(store)
    DAMAGE[kind](store)
    damaged = store.read_bytes()
    cache = ModelCache(store)
    values, calls = computed(cache)
    cache.close()
    np.testing.assert_array_equal(values, rows(list(range(len(KEYS)))))
    assert (store.parent / (CACHE_FILE + DAMAGED_SUFFIX)).read_bytes() == damaged
    [message] = warnings_of(caplog)
    assert message.startswith(f"cache {store} was damaged (") and message.endswith(
        f"moved it to {CACHE_FILE}{DAMAGED_SUFFIX} and started anew"
    )
    cache = ModelCache(store)  # the new store works: the next run is served from it
    assert computed(cache)[1] == [] and len(warnings_of(caplog)) == 1
    cache.close()


def test_a_truncated_store_is_found_out_when_read(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    fill(store)
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 3])  # an interrupted copy
    cache = ModelCache(store)
    found = cache.get_many("embedding", "m", KEYS)
    cache.put_many("embedding", "m", {"new": np.ones(384, dtype=np.float32)})
    cache.close()
    assert found == {}  # nothing half-read is served
    assert (store.parent / (CACHE_FILE + DAMAGED_SUFFIX)).is_file()
    assert warnings_of(caplog)[0].endswith("and started anew")
    assert "malformed" in warnings_of(caplog)[0]
    cache = ModelCache(store)
    assert list(cache.get_many("embedding", "m", ["new"])) == ["new"]  # the fresh store took the write
    cache.close()


def test_a_store_of_another_layout_is_moved_aside(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    store.parent.mkdir(parents=True)
    with sqlite3.connect(store) as db:
        db.execute("CREATE TABLE outputs (key TEXT PRIMARY KEY, value BLOB)")
    db.close()
    cache = ModelCache(store)
    assert computed(cache)[1] == [list(range(len(KEYS)))]
    cache.close()
    assert "another layout: columns key, value" in warnings_of(caplog)[0]


def test_rows_of_the_wrong_width_are_computed_again(store: Path) -> None:
    cache = ModelCache(store)
    cache.put_many("nli", "m", {"k0": np.ones(3), "k1": np.ones(5), "k2": np.ones(3)})
    assert cache._db is not None
    with cache._db:  # a row that is no float32 array at all
        cache._db.execute("INSERT OR REPLACE INTO outputs VALUES ('nli', 'm', 'k3', X'00')")
    values, calls = computed(cache, KEYS[:4])
    cache.close()
    assert calls == [[1, 3]]
    np.testing.assert_array_equal(values[[1, 3]], rows([1, 3]))


def test_rows_that_disagree_with_the_model_are_not_trusted(store: Path) -> None:
    cache = ModelCache(store)
    cache.put_many("nli", "m", {"k0": np.ones(7), "k1": np.ones(7)})  # say, from an older model
    values, calls = computed(cache, KEYS[:3])
    cache.close()
    assert calls == [[2], [0, 1, 2]] and values.shape == (3, 3)


def test_a_locked_store_is_bypassed(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Another process holds the database exclusively (e.g. a sqlite3 shell in a transaction)."""
    fill(store)
    holder = sqlite3.connect(store)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = ModelCache(store, timeout=0.1)
        values, calls = computed(cache)
        cache.close()
    finally:
        holder.rollback()
        holder.close()
    assert calls == [list(range(len(KEYS)))]
    assert warnings_of(caplog) == [
        f"cache {store} is locked by another process (waited 0.1 s); this run goes on without it"
    ]
    assert not (store.parent / (CACHE_FILE + DAMAGED_SUFFIX)).exists()  # locked is not damaged


def test_a_store_another_run_is_writing_is_read_but_not_written(
    store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fill(store, KEYS[:10])
    cache = ModelCache(store, timeout=0.1)
    writer = sqlite3.connect(store)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock; readers go on in WAL mode
    try:
        found = cache.get_many("embedding", "m", KEYS[:10])
        cache.put_many("embedding", "m", {"late": np.ones(384, dtype=np.float32)})
        cache.put_many("embedding", "m", {"later": np.ones(384, dtype=np.float32)})
    finally:
        writer.rollback()
        writer.close()
        cache.close()
    assert len(found) == 10
    assert warnings_of(caplog) == [
        f"cannot save to the cache {store}: another process holds its lock (waited 0.1 s); "
        "this run saves nothing new"
    ]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_read_and_not_written(
    what: str, store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fill(store, KEYS[:10])
    with read_only(store if what == "file" else store.parent):
        cache = ModelCache(store)
        values, calls = computed(cache, KEYS[:10])  # another namespace: all missing
        found = cache.get_many("embedding", "m", KEYS[:10])
        cache.close()
    assert calls == [list(range(10))] and len(found) == 10
    np.testing.assert_array_equal(values, rows(list(range(10))))
    [message] = warnings_of(caplog)
    assert message.startswith(f"cache {store} is read-only (") or message.startswith(
        f"cannot save to the cache {store}: it is read-only"
    )
    assert "saves nothing new" in message


def test_a_full_disk_stops_the_writes_not_the_run(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = ModelCache(store)
    assert cache._db is not None
    page_count = cache._db.execute("PRAGMA page_count").fetchone()[0]
    cache._db.execute(f"PRAGMA max_page_count={page_count + 1}")  # the disk SQLite sees is full
    values, calls = computed(cache)
    cache.close()
    assert calls == [list(range(len(KEYS)))] and values.shape == (len(KEYS), 3)
    assert warnings_of(caplog) == [
        f"cannot save to the cache {store}: the disk is full; this run saves nothing new"
    ]


def test_a_cache_folder_that_cannot_be_made_is_bypassed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache = ModelCache(blocker / "cache" / CACHE_FILE)
    values, calls = computed(cache)
    cache.close()
    assert calls == [list(range(len(KEYS)))]
    [message] = warnings_of(caplog)
    assert message.startswith(f"cannot create the cache folder {blocker / 'cache'} (Not a directory)")
    assert "set CHECKER_HOME to a writable folder, or pass --no-cache" in message


def test_a_folder_in_place_of_the_store_is_bypassed(store: Path, caplog: pytest.LogCaptureFixture) -> None:
    store.mkdir(parents=True)
    cache = ModelCache(store)
    assert computed(cache)[1] == [list(range(len(KEYS)))]
    cache.close()
    assert warnings_of(caplog) == [f"cache {store} is a folder, not a file; this run goes on without it"]


# --- through the command line ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> tuple[Path, Path, str]:
    """The corpus, a store warm for it, and the reference JSON report (a healthy run)."""
    from seed_runs import route_embedder_loads

    root = tmp_path_factory.mktemp("warm")
    corpus = small_corpus(root / "content")
    home = make_home(root)
    with pytest.MonkeyPatch.context() as mp:
        route_embedder_loads(mp, request)
        result = cli([corpus, "--nli", "none", "--format", "json"], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 1)
    assert result.stderr == ""
    return corpus, home / "cache" / CACHE_FILE, result.stdout


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])


CLI_FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (lambda p: p.write_bytes(np.random.default_rng(1).bytes(4096)), "was damaged"),
    "truncated": (_truncate, "was damaged"),
    "a folder": (lambda p: (p.unlink(), p.mkdir()), "is a folder, not a file"),
}


@pytest.mark.parametrize("fault", sorted(CLI_FAULTS))
def test_the_command_line_reports_a_cache_fault_in_one_line(
    fault: str, tmp_path: Path, warm: tuple[Path, Path, str], embed_loads: list[str]
) -> None:
    corpus, store, reference = warm
    home = make_home(tmp_path, store)
    damage, says = CLI_FAULTS[fault]
    damage(home / "cache" / CACHE_FILE)
    for _run in range(2):  # and the next run is served again, with nothing to say
        result = cli([corpus, "--nli", "none", "--format", "json"], env={"CHECKER_HOME": str(home)})
        assert_clean(result, 1)
        assert stable(result.stdout) == stable(reference)
        if _run == 0:
            [line] = stderr_lines(result)
            assert line.startswith(f"check: cache {home / 'cache' / CACHE_FILE} ") and says in line
        elif fault != "a folder":
            assert result.stderr == ""


def test_a_read_only_home_runs_from_its_cache(
    tmp_path: Path, warm: tuple[Path, Path, str], embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, store, reference = warm
    home = make_home(tmp_path, store)
    with read_only(home, home / "cache", home / "models"):
        result = cli([corpus, "--nli", "none", "--format", "json"], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 1)
    assert stable(result.stdout) == stable(reference)
    assert stderr_lines(result) == [
        f"check: cache {home / 'cache' / CACHE_FILE} is read-only (its folder is not writable); "
        "this run saves nothing new"
    ]
    assert embed_loads == []  # everything came from the read-only cache


def test_a_locked_cache_through_the_command_line(
    tmp_path: Path, warm: tuple[Path, Path, str], embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, store, reference = warm
    home = make_home(tmp_path, store)
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(home / "cache" / CACHE_FILE)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli([corpus, "--nli", "none", "--format", "json"], env={"CHECKER_HOME": str(home)})
    finally:
        holder.rollback()
        holder.close()
    assert_clean(result, 1)
    assert stable(result.stdout) == stable(reference)
    assert stderr_lines(result) == [
        f"check: cache {home / 'cache' / CACHE_FILE} is locked by another process (waited 0.2 s); "
        "this run goes on without it"
    ]
