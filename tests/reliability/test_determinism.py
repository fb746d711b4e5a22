"""The same articles give the same JSON report, byte for byte, across runs, processes with other
PYTHONHASHSEED values, the order the files are named in, and ``--no-cache``.

What is compared: the whole report, less the stats that describe the run rather than the
articles: ``seconds_*`` (timings) and ``cache_*`` (hits and misses, which ``--no-cache`` changes
by design). ``stable()`` drops exactly those lines from the JSON text and nothing else, so
finding ids, their order, scores, explanations, documents, skipped files and every other stat
must match byte for byte.

The fresh processes read a private CHECKER_HOME whose cache holds the seed claims' vectors
(copied from the cache the session's seeds run filled), so they load no model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_support import make_home, run_check, stable
from seed_runs import NO_NLI, REPO, SEEDS, assert_clean, cli, needs_nli

from checker.cache import CACHE_FILE, ModelCache, content_hash
from checker.pipeline import embedder_model_id
from checker.types import Report

ARGS = ["seeds/", "--nli", "none", "--format", "json"]


@pytest.fixture(scope="module")
def seeds_home(tmp_path_factory: pytest.TempPathFactory, seeds_report: Report) -> Path:
    home = make_home(tmp_path_factory.mktemp("determinism"))
    model = embedder_model_id(NO_NLI)
    keys = [content_hash(c.text) for c in seeds_report.claims]
    user, own = ModelCache(), ModelCache(home / "cache" / CACHE_FILE)
    try:
        vectors = user.get_many("embedding", model, keys)
        assert len(vectors) == len(set(keys))
        own.put_many("embedding", model, vectors)
    finally:
        user.close()
        own.close()
    return home


@pytest.fixture()
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def in_process(args: list[str], home: Path) -> str:
    result = cli(args, env={"CHECKER_HOME": str(home)})
    assert_clean(result, 1)
    assert result.stderr == ""
    return result.stdout


def test_fresh_processes_with_other_hash_seeds_agree(seeds_home: Path, _in_repo: None) -> None:
    reference = stable(in_process(ARGS, seeds_home))
    for seed in ("0", "4242"):
        result = run_check(ARGS, seeds_home, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 1 and result.stderr == "", result.stderr
        assert stable(result.stdout) == reference, f"PYTHONHASHSEED={seed}"
        stats = json.loads(result.stdout)["stats"]
        assert stats["cache_embedding_misses"] == 0  # the runs above loaded no model


def test_the_order_files_are_named_in_does_not_matter(seeds_home: Path, _in_repo: None) -> None:
    files = sorted(f"seeds/{p.name}" for p in SEEDS.iterdir())
    as_folder = stable(in_process(ARGS, seeds_home))
    for order in (files, files[::-1], files[2:] + files[:2]):
        assert stable(in_process([*order, *ARGS[1:]], seeds_home)) == as_folder


def test_no_cache_gives_the_same_report(seeds_home: Path, _in_repo: None, embed_loads: list[str]) -> None:
    cached = in_process(ARGS, seeds_home)
    uncached = in_process([*ARGS, "--no-cache"], seeds_home)
    assert embed_loads == ["multilingual-e5-small"]  # the uncached run did embed
    assert stable(uncached) == stable(cached)
    assert json.loads(uncached)["stats"]["cache_embedding_hits"] == 0


def test_stable_drops_only_the_run_stats(seeds_home: Path, _in_repo: None) -> None:
    text = in_process(ARGS, seeds_home)
    kept = json.loads(stable(text))
    full = json.loads(text)
    dropped = set(full["stats"]) - set(kept["stats"])
    assert dropped and all(k.startswith(("seconds_", "cache_")) for k in dropped)
    assert {k: v for k, v in full.items() if k != "stats"} == {k: v for k, v in kept.items() if k != "stats"}


@pytest.mark.slow
@needs_nli
def test_with_the_nli_judge_fresh_processes_and_no_cache_agree(tmp_path: Path) -> None:
    """The default run (NLI judge on), cold in one process and from its cache in others."""
    home = make_home(tmp_path)
    args = ["seeds/", "--format", "json"]
    cold = run_check(args, home, env={"PYTHONHASHSEED": "1"})
    assert cold.returncode in (0, 1), cold.stderr
    for env in ({"PYTHONHASHSEED": "2"}, {"PYTHONHASHSEED": "3"}):
        warm = run_check(args, home, env=env)
        assert stable(warm.stdout) == stable(cold.stdout)
    uncached = run_check([*args, "--no-cache"], home)
    assert stable(uncached.stdout) == stable(cold.stdout)
