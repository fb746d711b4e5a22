"""The command line on the seed articles: every format, --output, exit statuses, usage errors.

Runs in-process through typer's CliRunner (120 columns, no colour). NLI is off (``--nli none``)
except in the tests marked as needing the trained model, so the results do not depend on
whether checker/resources/nli/ holds one yet.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from seed_runs import (
    EXPORTS_WITNESS,
    KHOMEINI_ARTICLE,
    OTHER_EVENT_ARTICLE,
    REPO,
    assert_clean,
    cli,
    copy_seeds,
    edit,
    needs_nli,
    stderr_lines,
)

import checker
from checker.types import Report

NO_NLI = ["--nli", "none"]
FORMATS = ("text", "json", "jsonl", "sarif", "github", "markdown", "html")
TIMINGS = re.compile(r'"seconds_\w+": [0-9.]+')


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are given as a person would type them in the project folder: ``check seeds/``."""
    monkeypatch.chdir(REPO)


@pytest.fixture()
def medium_only(tmp_path: Path, embed_loads: list[str]) -> list[Path]:
    """The seeds without the article whose headline has the wrong man (the one high finding),
    and one article moved to Saturday evening where another says Sunday: one medium date finding."""
    corpus = copy_seeds(tmp_path / "seeds")
    (corpus / KHOMEINI_ARTICLE).unlink()
    edit(corpus / "002_705fd37aea0d53b1.txt", "مساء أول من أمس", "مساء السبت")
    return sorted(corpus.iterdir())


def check_format(fmt: str, text: str, report: Report) -> None:
    """What each format must hold for the seeds: the finding, by id, and its verbatim text."""
    finding = report.findings[0]
    headline = finding.claims[0].text
    if fmt == "json":
        data = json.loads(text)
        assert set(data) >= {"version", "tool_version", "documents", "findings", "stats", "skipped"}
        assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]
        first = data["findings"][0]
        assert set(first) >= {"id", "kind", "severity", "score", "claims", "explanation"}
        claim = first["claims"][0]
        assert claim["document"] == f"seeds/{KHOMEINI_ARTICLE}"  # as given on the command line
        assert (claim["line"], claim["role"], claim["text"]) == (1, "headline", headline)
        assert data["stats"]["documents"] == 5 and data["skipped"] == []
    elif fmt == "jsonl":  # streamed: one finding object of the JSON contract per line
        rows = [json.loads(line) for line in text.splitlines()]
        assert [r["id"] for r in rows] == [f.id for f in report.findings]
        assert rows[0]["claims"][0]["document"] == f"seeds/{KHOMEINI_ARTICLE}"
        assert (rows[0]["claims"][0]["line"], rows[0]["claims"][0]["text"]) == (1, headline)
    elif fmt == "sarif":
        data = json.loads(text)
        assert data["version"] == "2.1.0"
        results = data["runs"][0]["results"]
        assert len(results) == len(report.findings)
        region = results[0]["locations"][0]["physicalLocation"]
        assert region["artifactLocation"] == {
            "uri": f"seeds/{KHOMEINI_ARTICLE}",
            "uriBaseId": "%SRCROOT%",
            "index": 0,
        }
        assert region["region"]["startLine"] == 1 and region["region"]["snippet"]["text"] == headline
        assert finding.id in text
    elif fmt == "github":
        lines = text.splitlines()
        assert lines[0].startswith(f"::error file=seeds/{KHOMEINI_ARTICLE},line=1,")
        assert len(lines) == 2  # one annotation for the one finding, and the summary line
        assert "Khomeini died in 1989" in lines[0] and lines[1].startswith("news-checker: 1 finding")
    elif fmt == "markdown":
        assert text.startswith("## news-checker: 1 finding in 5 documents")
        assert f"seeds/{KHOMEINI_ARTICLE}:1" in text and finding.id in text
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
        assert finding.id in text and "الخميني" in text
    else:
        assert "موسكو.. بوتين يتلقى رسالة من [[الخميني]]" in text and finding.id in text
        assert "Summary: 1 finding (1 high, 0 medium, 0 low) in 5 documents" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_the_seeds(fmt: str, seeds_report: Report) -> None:
    result = cli(["seeds/", *NO_NLI, "--format", fmt])
    assert_clean(result, 1)  # the seeds hold one high finding: exit 1 under the default --fail-on high
    assert result.stderr == ""
    check_format(fmt, result.stdout, seeds_report)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_writes_the_same_report_to_a_file(fmt: str, tmp_path: Path, seeds_report: Report) -> None:
    target = tmp_path / f"report.{fmt}"
    result = cli(["seeds/", *NO_NLI, "--format", fmt, "--output", target])
    assert_clean(result, 1)
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    check_format(fmt, written, seeds_report)
    on_stdout = cli(["seeds/", *NO_NLI, "--format", fmt]).stdout
    assert TIMINGS.sub("", written) == TIMINGS.sub("", on_stdout)


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(["seeds/", *NO_NLI, "--output", tmp_path / "no-such-folder" / "r.json"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        f"check: cannot write {tmp_path / 'no-such-folder' / 'r.json'}: No such file or directory"
    ]


@pytest.mark.parametrize(("fail_on", "status"), [("high", 0), ("medium", 1), ("low", 1)])
def test_fail_on_sets_the_exit_status(fail_on: str, status: int, medium_only: list[Path]) -> None:
    result = cli([*medium_only, *NO_NLI, "--format", "json", "--fail-on", fail_on])
    assert_clean(result, status)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["kind"], f["severity"]) for f in findings] == [("date", "medium")]


def test_high_findings_fail_at_every_level(seeds_report: Report) -> None:
    for level in ("high", "medium", "low"):
        assert_clean(cli(["seeds/", *NO_NLI, "--fail-on", level, "--format", "json"]), 1)


def test_no_finding_exits_0_even_at_fail_on_low() -> None:
    result = cli([f"seeds/{OTHER_EVENT_ARTICLE}", f"seeds/{EXPORTS_WITNESS}", *NO_NLI, "--fail-on", "low"])
    assert_clean(result, 0)
    assert "Summary: 0 findings" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "check: no PATH given (try: check seeds/)"),
        (["no-such-folder/"], "check: no such file or folder: no-such-folder"),
        (["seeds/", "--format", "pdf"], "check: unknown format 'pdf'; choose from text, json"),
        (["seeds/", "--fail-on", "severe"], "Invalid value for '--fail-on'"),
        (["seeds/", "--no-such-option"], "No such option: --no-such-option"),
        (["seeds/", "--config", "no-such.toml"], "check: no-such.toml: config file not found"),
    ],
)
def test_usage_errors_exit_2_with_one_message(args: list[str], message: str) -> None:
    result = cli([*args, *NO_NLI] if args else args)
    assert_clean(result, 2)
    assert message in result.stderr
    assert result.stdout == ""


def test_nothing_readable_exits_2_without_a_report(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli([tmp_path, *NO_NLI, "--format", "json"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        f"check: skipped {tmp_path / 'empty.txt'}: empty file",
        f"check: nothing could be read under {tmp_path}: every file was skipped",
    ]
    assert json.loads(result.stdout)["skipped"] == [
        {"path": str(tmp_path / "empty.txt"), "reason": "empty file"}
    ]


def test_an_empty_folder_says_what_it_looked_for(tmp_path: Path) -> None:
    result = cli([tmp_path, *NO_NLI])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        f"check: nothing could be read under {tmp_path}: no article files (.txt, .md, .html, .json, .jsonl)"
    ]
    assert "Nothing was checked: no article could be read." in result.stdout
    assert "No conflicting claims found" not in result.stdout


def test_help_is_the_main_command_with_exit_statuses_settings_and_environment() -> None:
    top = cli(["--help"])
    assert_clean(top, 0)
    assert top.stdout.startswith("Usage: check [OPTIONS] PATH...")
    assert cli(["run", "--help"]).stdout == top.stdout
    for word in (
        "--format FORMAT[:FILE]",
        "--output FILE",
        "--fail-on",
        "--select KIND[,KIND]",
        "--ignore KIND[,KIND]",
        "--baseline FILE",
        "--write-baseline FILE",
        "--changed-since REF",
        "--force-exclude",
        "--quiet",
        "--verbose",
        "--color",
        "--no-cache",
        "--version",
        "Exit status:",
        "checker.toml",
        "CHECKER_HOME",
        "NO_COLOR",
        "FORCE_COLOR",
        "check pairs FILE.tsv",
    ):
        assert word in top.stdout, word
    assert "<bool>" not in top.stdout and "<list" not in top.stdout  # flags take no value
    assert "╭" not in top.stdout  # plain text, no boxes in a CI log
    assert max(len(line) for line in top.stdout.splitlines()) <= 120  # the fixed terminal width holds
    pairs = cli(["pairs", "--help"])
    assert_clean(pairs, 0)
    assert "premise<TAB>hypothesis" in pairs.stdout and '{"label", "scores"}' in pairs.stdout


def test_version() -> None:
    for args in (["--version"], ["run", "--version"], ["seeds/", "--version"]):
        result = cli(args)
        assert_clean(result, 0)
        assert result.stdout == f"news-checker {checker.__version__}\n"


def test_a_flag_given_a_value_says_flags_take_none() -> None:
    result = cli(["seeds/", "--no-cache", "true"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        "check: no such file or folder: true (flags such as --no-cache take no value)"
    ]


def test_pairs_with_a_folder_holding_no_model_says_so(tmp_path: Path) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "premise\thypothesis\nوصل قاليباف إلى موسكو.\tلم يصل قاليباف إلى موسكو.\n", encoding="utf-8"
    )
    empty = tmp_path / "no-model"
    empty.mkdir()
    result = cli(["pairs", tsv, "--format", "json", "--nli", empty])
    assert_clean(result, 2)
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith("check: ") and "nli" in lines[0].lower()


def test_an_nli_model_that_cannot_be_loaded_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "no-model"
    empty.mkdir()
    result = cli(["seeds/", "--format", "json", "--no-cache", "--nli", empty])
    assert_clean(result, 2)
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith("check: ")
    assert str(empty) in lines[0]


@needs_nli
def test_pairs_scores_each_pair_in_order(tmp_path: Path) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "premise\thypothesis\n"
        "وصل قاليباف إلى موسكو مساء الأحد.\tوصل قاليباف إلى موسكو مساء الأحد.\n"
        "وصل قاليباف إلى موسكو مساء الأحد.\tلم يصل قاليباف إلى موسكو.\n",
        encoding="utf-8",
    )
    result = cli(["pairs", tsv, "--format", "json"])
    assert_clean(result, 0)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert row["label"] in {"entailment", "neutral", "contradiction"}
        assert set(row["scores"]) == {"entailment", "neutral", "contradiction"}
        assert abs(sum(row["scores"].values()) - 1) < 1e-3
    assert rows[0]["scores"]["entailment"] > rows[1]["scores"]["entailment"]


@needs_nli
def test_the_default_run_uses_the_nli_model() -> None:
    result = cli(["seeds/", "--format", "json"])
    assert_clean(result, 0, 1)
    stats = json.loads(result.stdout)["stats"]
    nli_cache = sum(v for k, v in stats.items() if k.startswith("cache_") and "nli" in k)
    assert stats["nli_pairs_scored"] > 0 or nli_cache > 0


def test_a_bug_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main()`` (the console entry point) turns an unexpected exception into one line."""
    import checker.pipeline
    from checker.cli import main

    def broken(*args: object, **kwargs: object) -> Report:
        raise RuntimeError("a bug")

    monkeypatch.setattr(checker.pipeline, "check", broken)
    monkeypatch.setattr(sys, "argv", ["check", "seeds/", "--nli", "none"])
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "check: internal error: RuntimeError: a bug (run with CHECKER_DEBUG=1 for details)"
    ]


def test_the_console_script_routes_paths_to_run() -> None:
    """The installed ``check`` (a real process): ``check PATH`` is ``check run PATH``."""
    script = Path(sys.executable).with_name("check")
    if not script.is_file():
        pytest.skip(f"no console script beside {sys.executable} (run `make install`)")
    done = subprocess.run(
        [str(script), "seeds/", "--nli", "none", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**__import__("os").environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data["findings"][0]["claims"][0]["document"] == f"seeds/{KHOMEINI_ARTICLE}"


def test_the_cli_offers_every_report_format() -> None:
    from checker import cli as cli_module
    from checker.report import FORMATS as RENDERED

    assert cli_module.FORMATS == RENDERED  # kept apart so that `check --help` imports no renderer
