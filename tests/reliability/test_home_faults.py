"""CHECKER_HOME faults: a home that cannot be made or written, and a built embedder that is
missing, cut short or damaged. Each ends in a line that names the folder and the fix (exit 2), or
in the run going on (rebuilt, or without a cache), never in exit 3.

Damaged embedders are private copies made of hard links (``copy_built_embedder``), damaged by
replacing a file, so the user's built model is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_support import (
    copy_built_embedder,
    make_home,
    read_only,
    replace_file,
    run_check,
    small_corpus,
    stable,
)
from seed_runs import assert_clean, cli, stderr_lines

from checker.embed.default import DEFAULT_EMBEDDER_NAME, damage, ensure_default_embedder, load_converter

NO_NLI = ["--nli", "none", "--format", "json"]


def _cut(path: Path, keep: int) -> None:
    replace_file(path, path.read_bytes()[:keep])


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "weights missing": (lambda d: (d / "model.safetensors").unlink(), "model.safetensors is missing"),
    "weights cut short": (
        lambda d: _cut(d / "model.safetensors", 1_000_000),
        "model.safetensors: 1000000 bytes, its header describes ",
    ),
    "weights header overwritten": (
        lambda d: replace_file(d / "model.safetensors", os.urandom(4096)),
        "model.safetensors: no readable header",
    ),
    "tokenizer cut short": (lambda d: _cut(d / "tokenizer.json", 5000), "tokenizer.json is cut short"),
    "config not JSON": (lambda d: replace_file(d / "config.json", b"\x89PNG"), "config.json is unreadable"),
    "pooling folder missing": (
        lambda d: [p.unlink() for p in (d / "1_Pooling").iterdir()],
        "1_Pooling/config.json is missing",
    ),
}


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_damage_names_what_is_wrong(kind: str, tmp_path: Path) -> None:
    built = copy_built_embedder(tmp_path / DEFAULT_EMBEDDER_NAME)
    assert damage(built) is None
    spoil, says = DAMAGES[kind]
    spoil(built)
    problem = damage(built)
    assert problem is not None and problem.startswith(says), problem
    assert damage(ensure_default_embedder()) is None  # the original is whole


def test_a_file_in_place_of_the_model_folder(tmp_path: Path) -> None:
    (tmp_path / "model").write_text("", encoding="utf-8")
    assert damage(tmp_path / "model") == "a file where its folder should be"
    assert damage(tmp_path / "nothing") == "not built"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return small_corpus(tmp_path / "content")


def _relink(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The converter replaced by one that puts the good build back as hard links (5 s saved per
    test; the conversion itself is tested in tests/embed/test_embed_convert.py). Returns the
    folders it was asked to build."""
    converter = load_converter()
    good = ensure_default_embedder()  # now, while CHECKER_HOME is still the user's
    built: list[Path] = []

    def convert(out_dir: Path, variant: str = "original") -> Path:
        built.append(Path(out_dir))
        shutil.rmtree(out_dir, ignore_errors=True)
        if Path(out_dir).is_file():
            Path(out_dir).unlink()
        return copy_built_embedder(Path(out_dir), good)

    monkeypatch.setattr(converter, "convert", convert)
    return built


def test_a_damaged_embedder_is_rebuilt_and_the_run_goes_on(
    tmp_path: Path, corpus: Path, embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt = _relink(monkeypatch)
    home = tmp_path / "home"
    built = copy_built_embedder(home / "models" / DEFAULT_EMBEDDER_NAME)
    _cut(built / "model.safetensors", 1_000_000)  # an interrupted copy of CHECKER_HOME
    result = cli([corpus, *NO_NLI], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 1)
    [line] = stderr_lines(result)
    assert line.startswith(f"check: the built embedder in {built} is damaged (model.safetensors: 1000000 ")
    assert line.endswith("; rebuilding it")
    assert rebuilt == [built] and damage(built) is None and json.loads(result.stdout)["findings"]


@pytest.mark.slow
def test_a_damaged_embedder_is_really_rebuilt(tmp_path: Path, corpus: Path) -> None:
    """The same with the real converter and a fresh process."""
    reference = run_check([corpus, *NO_NLI], make_home(tmp_path / "r"))
    home = tmp_path / "home"
    built = copy_built_embedder(home / "models" / DEFAULT_EMBEDDER_NAME)
    (built / "model.safetensors").unlink()
    result = run_check([corpus, *NO_NLI], home)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"check: the built embedder in {built} is damaged (model.safetensors is missing); rebuilding it"
    ]
    assert damage(built) is None and stable(result.stdout) == stable(reference.stdout)


def _under_a_file(root: Path) -> Path:
    (root / "file").write_text("", encoding="utf-8")
    return root / "file" / "home"


HOMES: dict[str, Callable[[Path], Path]] = {
    "under a file": _under_a_file,
    "where no folder can be made": lambda root: Path("/proc/no-such-home"),
}


@pytest.mark.parametrize("where", sorted(HOMES))
def test_a_home_that_cannot_be_made_is_exit_2_naming_it(where: str, tmp_path: Path, corpus: Path) -> None:
    home = HOMES[where](tmp_path)
    result = cli([corpus, *NO_NLI], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 2)
    cache_line, error = stderr_lines(result)
    assert cache_line.startswith(f"check: cannot create the cache folder {home / 'cache'} (")
    assert error.startswith(f"check: cannot build the default embedder in {home / 'models'}")
    assert f"set CHECKER_HOME to a folder this user can write (now {home})" in error
    assert result.stdout == ""


def test_a_read_only_home_without_a_model_is_exit_2_naming_it(tmp_path: Path, corpus: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home):
        result = cli([corpus, *NO_NLI], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 2)
    [cache_line, error] = stderr_lines(result)
    assert "cannot create the cache folder" in cache_line and str(home) in error
    assert "set CHECKER_HOME to a folder this user can write" in error


def test_a_damaged_embedder_in_a_read_only_home_is_exit_2(tmp_path: Path, corpus: Path) -> None:
    home = tmp_path / "home"
    built = copy_built_embedder(home / "models" / DEFAULT_EMBEDDER_NAME)
    (built / "modules.json").unlink()
    with read_only(home, home / "models"):
        result = cli([corpus, *NO_NLI], env={"CHECKER_HOME": str(home)})
    assert_clean(result, 2)
    error = stderr_lines(result)[-1]
    assert error.startswith(f"check: cannot build the default embedder in {built} (")


@pytest.mark.slow
def test_a_home_that_cannot_be_made_with_a_model_folder_runs_without_a_cache(
    tmp_path: Path, corpus: Path
) -> None:
    """The models are readable elsewhere (``--embedder FOLDER``): the run goes on, uncached."""
    home = tmp_path / "file" / "home"
    (tmp_path / "file").write_text("", encoding="utf-8")
    reference = run_check([corpus, *NO_NLI], make_home(tmp_path / "r"))
    result = run_check([corpus, *NO_NLI, "--embedder", ensure_default_embedder()], home)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"check: cannot create the cache folder {home / 'cache'} (Not a directory); this run goes on "
        "without a cache (set CHECKER_HOME to a writable folder, or pass --no-cache)"
    ]
    ids = [f["id"] for f in json.loads(result.stdout)["findings"]]
    assert ids == [f["id"] for f in json.loads(reference.stdout)["findings"]]


@pytest.mark.slow
def test_an_embedder_that_fails_to_load_is_rebuilt(tmp_path: Path, corpus: Path) -> None:
    """Whole to every cheap check, broken inside (a damaged block in tokenizer.json): the load
    fails, the model is rebuilt once, and the run goes on with the same report."""
    reference = run_check([corpus, *NO_NLI, "--no-cache"], make_home(tmp_path / "r"))
    home = tmp_path / "home"
    built = copy_built_embedder(home / "models" / DEFAULT_EMBEDDER_NAME)
    tokenizer = (built / "tokenizer.json").read_bytes()
    middle = len(tokenizer) // 2
    replace_file(built / "tokenizer.json", tokenizer[:middle] + b"\0" * 64 + tokenizer[middle + 64 :])
    assert damage(built) is None
    result = run_check([corpus, *NO_NLI, "--no-cache"], home)
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"check: the built embedder in {built} cannot be loaded (")
    assert line.endswith("; rebuilding it")
    assert stable(result.stdout) == stable(reference.stdout)


@pytest.mark.slow
def test_two_runs_building_one_embedder_at_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = "from checker.embed.default import ensure_default_embedder as e; print(e())"
    env = {**os.environ, "CHECKER_HOME": str(home)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and err == b"", err
        assert out.decode().strip() == str(home / "models" / DEFAULT_EMBEDDER_NAME)
    assert damage(home / "models" / DEFAULT_EMBEDDER_NAME) is None
    assert sorted(p.name for p in (home / "models").iterdir()) == [
        f".{DEFAULT_EMBEDDER_NAME}.lock",
        DEFAULT_EMBEDDER_NAME,
    ]
