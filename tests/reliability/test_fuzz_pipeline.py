"""Fuzzing the whole run: folders of generated articles (mutated seed sentences beside random
Unicode, in every format, some not text at all) through ``checker.check``, every report format,
and the command line. No traceback; every file read or skipped; every quoted claim verbatim;
the JSON report parses; exit statuses and stderr lines as the contract says.

The fast profile runs the structured judges only (``nli="none"``) with the session's embedder;
the slow profile (``make test-slow``) adds runs with the NLI judge.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from fuzz_strategies import article_file, article_lines, file_name, fuzz_settings, news_line, write_files
from hypothesis import given
from hypothesis import strategies as st
from reliability_support import make_home
from seed_runs import NO_NLI, assert_clean, cli, needs_nli

from checker.cache import ModelCache
from checker.config import Config
from checker.report import FORMATS, render
from checker.types import Report

pytestmark = pytest.mark.fuzz

# short wild lines and few of them: what costs here is embedding, and a random line of 300
# characters is some 500 tokens (the fuzzing of ingest has the long ones)
folders = st.lists(
    st.tuples(
        file_name,
        article_file(article_lines(4, 60)) | news_line().map(lambda line: ("txt", line.encode("utf-8"))),
    ),
    min_size=1,
    max_size=3,
)


def check_report(report: Report, paths: list[Path]) -> None:
    sources = {d.path: d.source for d in report.documents}
    names = {str(p) for p in paths}
    seen = {d.path.split("#", 1)[0] for d in report.documents} | {
        s.path.split("#", 1)[0] for s in report.skipped
    }
    assert seen == names
    ids = [f.id for f in report.findings]
    assert len(ids) == len(set(ids))
    for finding in report.findings:
        assert 0.0 <= finding.score <= 1.0 and finding.explanation
        for claim in finding.claims:
            assert sources[claim.document][claim.span.start : claim.span.end] == claim.text
    for fmt in FORMATS:
        text = render(report, fmt, bidi="isolate")
        assert text.endswith("\n") or (fmt in ("github", "jsonl") and not report.findings and text == "")
        text.encode("utf-8")  # every report can be written out
        if fmt in ("json", "sarif"):
            json.loads(text)
        if fmt == "jsonl":
            assert [json.loads(line)["id"] for line in text.splitlines()] == ids


def run_folder(files: list[tuple[str, tuple[str, bytes]]], config: Config, home: Path) -> None:
    from checker.pipeline import check

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(Path(tmp), files)
        cache = ModelCache(home / "cache" / "model-outputs.sqlite3")
        try:
            report = check([tmp], config, cache=cache)
        finally:
            cache.close()
        check_report(report, paths)

        # the same folder through the command line: served from the cache the run above filled
        args = [tmp, "--format", "json", "--nli", config.nli, "--fail-on", "low"]
        result = cli(args, env={"CHECKER_HOME": str(home)})
        assert_clean(result, 0, 1, 2)
        data = json.loads(result.stdout)
        assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]
        lines = result.stderr.splitlines()
        assert lines[: len(report.skipped)] == [
            f"check: skipped {s.path}: {s.reason}" for s in report.skipped
        ]
        # after the skipped files, only notes about the input: files of no article format, articles in
        # another language (checker.cli._notes), and when nothing was read, the line that says so
        notes = lines[len(report.skipped) :]
        if report.documents:
            assert result.exit_code == (1 if report.findings else 0)
            assert all(n.startswith(("check: not read: ", "check: warning: ")) for n in notes), notes
        else:
            assert result.exit_code == 2
            assert notes[-1].startswith(f"check: nothing could be read under {tmp}: ")


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One CHECKER_HOME for the module's examples: its cache fills as they run."""
    return make_home(tmp_path_factory.mktemp("fuzz"))


@fuzz_settings(10)
@given(folders)
def test_any_folder_runs_through_the_structured_judges(
    fuzz_home: Path, embed_loads: list[str], files: list[tuple[str, tuple[str, bytes]]]
) -> None:
    run_folder(files, NO_NLI, fuzz_home)


@pytest.mark.slow
@needs_nli
@fuzz_settings(5)
@given(folders)
def test_any_folder_runs_through_the_nli_judge(
    fuzz_home: Path, embed_loads: list[str], nli_loads: None, files: list[tuple[str, tuple[str, bytes]]]
) -> None:
    run_folder(files, Config(), fuzz_home)


@pytest.fixture()
def nli_loads(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """The pipeline's NLI loads served by one model loaded once (as embed_loads does for the embedder)."""
    import checker.nli.scorer as scorer_module

    real = scorer_module.load_nli
    loaded: list[object] = []

    def load(name: str, device: str | None = None, batch_size: int = 32) -> object:
        if not loaded:
            loaded.append(real(name, device="cpu", batch_size=batch_size))
        return loaded[0]

    monkeypatch.setattr(scorer_module, "load_nli", load)
