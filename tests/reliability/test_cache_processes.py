"""Real processes on one cache: runs writing at once, and a run killed with SIGKILL mid-write.

The writers are small Python processes that use ``ModelCache`` exactly as a run does, so that a
kill lands inside a transaction with high probability (they do nothing but write); the slow test
kills the real ``check`` console script while it saves its embeddings.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from reliability_support import make_home, run_check, small_corpus, stable

from checker.cache import CACHE_FILE, DAMAGED_SUFFIX, ModelCache

BATCH = 200
WRITER = """
import sys
import numpy as np
from pathlib import Path
from checker.cache import ModelCache

path, name, rounds, BATCH = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cache = ModelCache(path)
n = 0
while rounds < 0 or n < rounds:
    batch = {f"{name}-{n}-{i}": np.full(384, n, dtype=np.float32) for i in range(BATCH)}
    batch.update({f"shared-{i}": np.full(384, i, dtype=np.float32) for i in range(20)})
    cache.put_many("embedding", "m", batch)
    n += 1
    if n == 1:
        print("wrote", flush=True)
cache.close()
"""


def writer(path: Path, name: str, rounds: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(rounds), str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def integrity(path: Path) -> tuple[str, list[tuple[str, int]]]:
    with sqlite3.connect(path) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        counts = db.execute(
            "SELECT substr(key, 1, instr(key, '-') - 1), count(*) FROM outputs GROUP BY 1 ORDER BY 1"
        ).fetchall()
    db.close()
    return check, counts


def test_three_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    store = tmp_path / "cache" / CACHE_FILE
    procs = [writer(store, name, 15) for name in ("a", "b", "c")]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and err == "", err  # no "locked" warning: they waited their turn
    check, counts = integrity(store)
    assert check == "ok"
    assert counts == [("a", 15 * BATCH), ("b", 15 * BATCH), ("c", 15 * BATCH), ("shared", 20)]


def test_a_writer_killed_mid_write_leaves_a_usable_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = tmp_path / "cache" / CACHE_FILE
    for attempt in range(3):
        proc = writer(store, f"k{attempt}", -1)  # writes until killed
        assert proc.stdout is not None and proc.stdout.readline() == "wrote\n"
        time.sleep(0.2 + 0.1 * attempt)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        check, counts = integrity(store)
        assert check == "ok"
        # every transaction is there whole or not at all
        assert all(n % BATCH == 0 for key, n in counts if key.startswith("k")), counts
        cache = ModelCache(store)
        found = cache.get_many("embedding", "m", [f"shared-{i}" for i in range(20)])
        cache.put_many("embedding", "m", {f"after-{attempt}": np.ones(384, dtype=np.float32)})
        cache.close()
        assert len(found) == 20
    assert not (store.parent / (CACHE_FILE + DAMAGED_SUFFIX)).exists()
    assert [r for r in caplog.records if r.name.startswith("checker")] == []


@pytest.mark.slow
def test_check_killed_while_saving_then_run_again(tmp_path: Path) -> None:
    """The console script, cold, killed with SIGKILL once it has begun writing its cache."""
    corpus = small_corpus(tmp_path / "content")
    args = [corpus, "--nli", "none", "--format", "json"]
    reference = run_check([*args, "--no-cache"], make_home(tmp_path / "r"))
    home = make_home(tmp_path)
    store = home / "cache" / CACHE_FILE
    env = {**os.environ, "CHECKER_HOME": str(home)}
    script = Path(sys.executable).with_name("check")
    proc = subprocess.Popen(
        [str(script), str(corpus), "--nli", "none", "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    wal = Path(str(store) + "-wal")
    first_size = 0  # the new store's table, written when it opens; the embeddings come later
    while time.monotonic() < deadline and proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if first_size and size > first_size:
            break
        first_size = first_size or size
        time.sleep(0.002)
    assert proc.poll() is None, "the run ended before it could be killed while saving"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    again = run_check([corpus, "--nli", "none", "--format", "json"], home)
    assert again.returncode == 1 and again.stderr == "", again.stderr
    assert stable(again.stdout) == stable(reference.stdout)
    assert integrity(store)[0] == "ok"


@pytest.mark.slow
def test_three_cold_runs_at_once_on_one_cache(tmp_path: Path) -> None:
    """Three ``check`` processes start together on an empty cache: the same report from each,
    nothing on stderr, and a whole cache that serves the next run."""
    corpus = small_corpus(tmp_path / "content")
    home = make_home(tmp_path)
    script = Path(sys.executable).with_name("check")
    env = {**os.environ, "CHECKER_HOME": str(home)}
    args = [str(script), str(corpus), "--nli", "none", "--format", "json"]
    procs = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1]
    assert [err for _, err in outputs] == ["", "", ""]
    assert len({stable(out) for out, _ in outputs}) == 1
    again = run_check([corpus, "--nli", "none", "--format", "json"], home)
    assert json.loads(again.stdout)["stats"]["cache_embedding_misses"] == 0
    assert stable(again.stdout) == stable(outputs[0][0])
