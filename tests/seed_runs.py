"""What the CLI, pipeline, baseline, cache and changed-since tests share.

* ``seeds_report_once``: the pipeline run once on the seed articles (NLI off, so the result does not
  depend on whether checker/resources/nli/ holds a trained model yet) and reused by every test that
  only reads it.
* ``route_embedder_loads``: routes the pipeline's embedder loading to the one session embedder of
  tests/conftest.py (loaded lazily, only when some claim is not cached) and records each load, so
  that a test can say "this run loaded no model" about a real run.
* ``cli``: typer's CliRunner with a fixed terminal width and no colour.

Test modules import it as a plain module (tests/ is on sys.path under pytest's default ``prepend``
import mode, as tests/report/ does with report_browser) and wrap the helpers in their own fixtures.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

import checker.embed.embedder as embedder_module
from checker.cli import app
from checker.config import Config
from checker.home import NLI_DIR
from checker.nli.model import CONFIG_FILE as NLI_CONFIG_FILE
from checker.nli.model import WEIGHTS_FILE as NLI_WEIGHTS_FILE
from checker.pipeline import check
from checker.types import Report

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DEFAULT_EMBEDDER = Config().embedder
NO_NLI = Config(nli="none")

# Real edits used by several tests: a figure one article gives and another repeats
# (seed 001 line 16 and seed 002 line 4 both give Russia's 2020 exports as 1.3 billion dollars).
EXPORTS_ARTICLE = "002_705fd37aea0d53b1.txt"
EXPORTS_WITNESS = "001_42ba45faf81212f0.txt"
EXPORTS_OLD, EXPORTS_NEW = "1.3 مليار دولار", "1.8 مليار دولار"
# The article about another event (the 2022 summit): its findings never involve the others.
OTHER_EVENT_ARTICLE = "004_5ea9a0b754be6861.txt"
# The article whose headline names the wrong man (the seeds' one finding without NLI).
KHOMEINI_ARTICLE = "000_1227f8ae13c2544c.txt"


def nli_artifact_present() -> bool:
    return (NLI_DIR / NLI_WEIGHTS_FILE).is_file() and (NLI_DIR / NLI_CONFIG_FILE).is_file()


needs_nli = pytest.mark.skipif(
    not nli_artifact_present(),
    reason=f"no trained NLI model in {NLI_DIR} yet ({NLI_WEIGHTS_FILE}; `make train-nli` writes it)",
)


# --- the embedder, loaded at most once per session --------------------------------------------

_real_load_embedder = embedder_module.load_embedder


def route_embedder_loads(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> list[str]:
    """Make ``checker.embed.embedder.load_embedder`` hand out the session embedder; returns the
    list of names it was asked for (one entry per load the pipeline made)."""
    loads: list[str] = []

    def load(name: str, device: str | None = None, batch_size: int = 32, backend: str = "torch") -> object:
        loads.append(name)
        if name == DEFAULT_EMBEDDER and backend == "torch":
            return request.getfixturevalue("embedder")
        return _real_load_embedder(name, device=device, batch_size=batch_size, backend=backend)

    monkeypatch.setattr(embedder_module, "load_embedder", load)
    return loads


def refuse_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any model load fails the test: for runs that must be served from the cache alone."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"a model was loaded: {args} {kwargs}")

    monkeypatch.setattr(embedder_module, "load_embedder", refuse)
    import checker.nli.scorer as scorer_module

    monkeypatch.setattr(scorer_module, "load_nli", refuse)


_SEEDS_REPORT: list[Report] = []


def seeds_report_once(request: pytest.FixtureRequest) -> Report:
    """``checker.pipeline.check([seeds/], nli="none")``, run once per session whichever test
    module asks first (each module wraps this in its own session fixture)."""
    if not _SEEDS_REPORT:
        with pytest.MonkeyPatch.context() as mp:
            route_embedder_loads(mp, request)
            _SEEDS_REPORT.append(check([SEEDS], NO_NLI))
    return _SEEDS_REPORT[0]


# --- files --------------------------------------------------------------------------------------


def copy_seeds(destination: Path) -> Path:
    """A private copy of the seed articles (tests edit them)."""
    shutil.copytree(SEEDS, destination)
    return destination


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in an article, failing loudly when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"{old!r} not in {path}")
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- the command line ---------------------------------------------------------------------------

CLI_ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", "CHECKER_DEBUG": ""}


def cli(args: Sequence[str | Path], env: dict[str, str] | None = None) -> Result:
    """``check ARGS...`` in-process, as a terminal 120 columns wide would run it."""
    runner = CliRunner()
    return runner.invoke(app, [str(a) for a in args], env={**CLI_ENV, **(env or {})})


def assert_clean(result: Result, *statuses: int) -> None:
    """The run ended through an exit status in ``statuses``, never through an exception."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"the CLI raised {result.exception!r}\nstderr: {result.stderr}"
        ) from result.exception
    assert result.exit_code in statuses, f"exit {result.exit_code}, stderr: {result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]
