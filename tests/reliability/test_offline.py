"""No network at run time. The whole test session runs with sockets blocked (tests/offline.py,
switched on in tests/conftest.py); here the guard is shown to work, ``check seeds/`` runs under
it with every judge, and (slow) a fresh process with its own guard loads both models cold.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from offline import ATTEMPTS, GUARD_SOURCE, WHERE, NetworkBlocked
from reliability_support import make_home, run_check
from seed_runs import REPO, assert_clean, cli, needs_nli


def test_the_guard_refuses_connections_and_lookups() -> None:
    before = len(ATTEMPTS)
    with pytest.raises(NetworkBlocked), socket.socket() as s:
        s.connect(("192.0.2.1", 443))  # TEST-NET-1: nothing answers there anyway
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("huggingface.co", 443)
    assert ATTEMPTS[before:] == ["connect ('192.0.2.1', 443)", "getaddrinfo 'huggingface.co'"]
    del ATTEMPTS[before:], WHERE[before:]


@pytest.mark.parametrize("kind", ["embedder", "nli"])
def test_a_hub_id_not_in_the_cache_is_refused_without_asking_the_hub(kind: str) -> None:
    """huggingface_hub asks the hub for its user-agent list even with local_files_only; the
    checker's loaders put it in offline mode, so a hub id fails at once and quietly."""
    from checker.embed.embedder import load_embedder
    from checker.errors import ModelError
    from checker.nli.scorer import load_nli

    before = len(ATTEMPTS)
    with pytest.raises(ModelError, match="checker-tests/no-such-model"):
        (load_embedder if kind == "embedder" else load_nli)("checker-tests/no-such-model", device="cpu")
    assert ATTEMPTS[before:] == []


@needs_nli
def test_check_seeds_with_every_judge_makes_no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    before = list(ATTEMPTS)
    result = cli(["seeds/", "--format", "json"])
    assert_clean(result, 1)
    stats = json.loads(result.stdout)["stats"]
    assert stats["documents"] == 5 and stats["nli_pairs_scored"] > 0
    assert ATTEMPTS == before == [], list(zip(ATTEMPTS, WHERE, strict=True))  # nor did the session


@pytest.mark.slow
@needs_nli
def test_a_fresh_process_loads_both_models_offline(tmp_path: Path) -> None:
    """A new process, cold: no cache, both models loaded, the seeds embedded and scored."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD_SOURCE, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {
        "PYTHONPATH": os.pathsep.join([str(guard), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "CHECKER_NET_LOG": str(log),
        "HF_HUB_OFFLINE": "",  # the checker must not need the hub's own offline switch
        "TRANSFORMERS_OFFLINE": "",
    }
    probe = run_check(["--help"], make_home(tmp_path / "probe"), env=env)
    assert probe.returncode == 0
    code = "import socket; socket.getaddrinfo('pypi.org', 443)"
    blocked = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert "network access at run time" in blocked.stderr  # the guard is really installed
    log.unlink()
    result = run_check(["seeds/", "--format", "json", "--no-cache"], make_home(tmp_path), env=env)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["stats"]["nli_pairs_scored"] > 0
    assert not log.exists(), log.read_text(encoding="utf-8")
