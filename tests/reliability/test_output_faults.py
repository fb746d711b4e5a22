"""Standard output that cannot take the report: a reader that stops early (``check | head``) is
no fault of the run, which keeps its exit status; a full disk behind a redirection is one line,
exit 2 (it was an OSError, exit 3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import make_home, small_corpus
from seed_runs import assert_clean, cli


@pytest.fixture()
def warm(tmp_path: Path, embed_loads: list[str]) -> tuple[Path, Path]:
    corpus = small_corpus(tmp_path / "content")
    home = make_home(tmp_path)
    assert_clean(cli([corpus, "--nli", "none"], env={"CHECKER_HOME": str(home)}), 1)
    return corpus, home


def start(corpus: Path, home: Path, stdout: object) -> subprocess.Popen[bytes]:
    script = Path(sys.executable).with_name("check")
    env = {**os.environ, "CHECKER_HOME": str(home)}
    return subprocess.Popen(
        [str(script), str(corpus), "--nli", "none", "--format", "json"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_a_reader_that_stops_early_is_not_an_error(warm: tuple[Path, Path]) -> None:
    proc = start(*warm, subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # as `head` does once it has its lines
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (1, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_behind_stdout_is_one_line_and_exit_2(warm: tuple[Path, Path]) -> None:
    with open("/dev/full", "wb") as full:
        proc = start(*warm, full)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert err.decode() == "check: cannot write the report to standard output: No space left on device\n"
