"""The conventions a newsroom's CI expects of a linter (ruff's, as the README promises): several
reports from one run, a report-only mode, kinds selected or ignored, quiet and verbose, colour
rules, excludes applied to files named on the command line, and no input dropped without a word.

Runs in-process through typer's CliRunner with the NLI judge off; the corpora are small copies of
the seeds, so after the first run everything is served from the session's cache.
"""

from __future__ import annotations

import builtins
import json
import shutil
from pathlib import Path

import pytest
from seed_runs import KHOMEINI_ARTICLE, REPO, SEEDS, assert_clean, cli, stderr_lines

import checker.pipeline

NO_NLI = ["--nli", "none"]
WITNESS = "001_42ba45faf81212f0.txt"  # names Khamenei where seed 000's headline names Khomeini


@pytest.fixture()
def pair(tmp_path: Path, embed_loads: list[str]) -> Path:
    """Two seed articles that hold the one Khomeini finding."""
    folder = tmp_path / "content"
    folder.mkdir()
    for name in (KHOMEINI_ARTICLE, WITNESS):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_one_run_writes_several_reports(pair: Path, tmp_path: Path) -> None:
    sarif, summary, data = tmp_path / "r.sarif", tmp_path / "summary.md", tmp_path / "r.json"
    result = cli(
        [
            pair,
            *NO_NLI,
            "-f",
            "github",
            "-f",
            f"sarif:{sarif}",
            "-f",
            f"markdown:{summary}",
            "-f",
            f"json:{data}",
        ]
    )
    assert_clean(result, 1)
    assert result.stdout.startswith("::error file=")  # the one format without a file
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert summary.read_text(encoding="utf-8").startswith("## news-checker: 1 finding in 2 documents")
    assert len(json.loads(data.read_text(encoding="utf-8"))["findings"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "json", "-f", "text"], "formats json and text would both go to standard output"),
        (["-f", "yaml"], "unknown format 'yaml'"),
        (["-f", "sarif:"], "--format sarif:: a file name after the ':'"),
        (["-f", "json:a.json", "-o", "b.json"], "--output names the file of a format given without one"),
        (["--select", "entiy"], "select: unknown kind of finding 'entiy' (did you mean 'entity'?)"),
        (["-q", "-v"], "--quiet and --verbose cannot both be given"),
    ],
)
def test_format_and_kind_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    result = cli(["seeds/", *NO_NLI, *args])
    assert_clean(result, 2)
    assert message in result.stderr and result.stdout == ""


def test_fail_on_none_reports_and_exits_0(pair: Path) -> None:
    result = cli([pair, *NO_NLI, "--fail-on", "none", "-f", "json"])
    assert_clean(result, 0)
    assert [f["kind"] for f in json.loads(result.stdout)["findings"]] == ["entity"]


def test_select_and_ignore_kinds_of_finding(pair: Path) -> None:
    ignored = cli([pair, *NO_NLI, "--ignore", "entity,contradiction", "-f", "json"])
    assert_clean(ignored, 0)
    assert json.loads(ignored.stdout)["findings"] == []
    selected = cli([pair, *NO_NLI, "--select", "number", "--select", "entity", "-f", "json"])
    assert_clean(selected, 1)
    assert [f["kind"] for f in json.loads(selected.stdout)["findings"]] == ["entity"]
    (pair / "checker.toml").write_text('ignore = ["entity"]\n', encoding="utf-8")
    from_file = cli([pair, *NO_NLI, "--config", pair / "checker.toml", "-f", "json"])
    assert_clean(from_file, 0)


def test_quiet_prints_the_findings_only_and_verbose_every_claim(pair: Path) -> None:
    (pair / "notes.docx").write_bytes(b"PK\x03\x04")
    quiet = cli([pair, *NO_NLI, "-q"])
    assert_clean(quiet, 1)
    assert quiet.stderr == "" and quiet.stdout.startswith("[1] HIGH  Names disagree  (entity)")
    assert "Summary" not in quiet.stdout
    normal = cli([pair, *NO_NLI])
    assert "not read: 1 file of no article format (.docx)" in normal.stderr
    verbose = cli([pair, *NO_NLI, "-v"])
    assert "more claims" not in verbose.stdout and "entity 0.95:" in verbose.stdout


def test_colour_follows_the_option_then_NO_COLOR_and_FORCE_COLOR(pair: Path) -> None:
    def run(*args: str, **env: str) -> str:
        result = cli([pair, *NO_NLI, *args], env=env)
        assert_clean(result, 1)
        return result.stdout

    assert "\x1b[" in run("--color", "always")
    never = run("--color", "never", FORCE_COLOR="1")
    assert "\x1b[" not in never and "[[الخميني]]" in never  # the differing words marked without colour
    assert "\x1b[" in run(FORCE_COLOR="1", NO_COLOR="")
    assert "\x1b[" not in run(FORCE_COLOR="1", NO_COLOR="1")  # NO_COLOR wins
    assert "\x1b[" not in run()  # CliRunner's stdout is no terminal


def test_bidi_visual_without_its_packages_fails_before_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_bidi(name: str, *args: object, **kwargs: object) -> object:
        if name in ("bidi", "arabic_reshaper"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("the check ran")

    monkeypatch.setattr(builtins, "__import__", no_bidi)
    monkeypatch.setattr(checker.pipeline, "check", never)
    result = cli(["seeds/", *NO_NLI, "--bidi", "visual"])
    assert_clean(result, 2)
    assert "pip install 'news-checker[bidi]'" in result.stderr


def test_inputs_are_never_dropped_without_a_word(pair: Path) -> None:
    (pair / "notes.docx").write_bytes(b"PK\x03\x04")
    (pair / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (pair / "README.md").write_text("# Our articles\n\nHow this folder works.\n", encoding="utf-8")
    (pair / "english.txt").write_text(
        "Putin receives a letter from Khamenei\n\nQalibaf handed the letter to Volodin on Monday.\n",
        encoding="utf-8",
    )
    pdf = pair.parent / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n")
    result = cli([pair, pdf, *NO_NLI, "-f", "json"])
    assert_clean(result, 1)
    data = json.loads(result.stdout)
    # the README is no article: excluded by default; the PDF named directly is not read as text
    assert sorted(Path(d["path"]).name for d in data["documents"]) == [
        KHOMEINI_ARTICLE,
        WITNESS,
        "english.txt",
    ]
    assert data["skipped"] == [
        {
            "path": str(pdf),
            "reason": "not an article format (PDF): give the text as .txt, .md, .html or .json",
        }
    ]
    lines = stderr_lines(result)
    assert (
        lines[0]
        == f"check: skipped {pdf}: not an article format (PDF): give the text as .txt, .md, .html or .json"
    )
    assert lines[1] == (
        f"check: not read: 2 files of no article format (.docx, .png): {pair / 'notes.docx'}, "
        f"{pair / 'photo.png'} (`include` in checker.toml says what is read)"
    )
    assert (
        lines[2].startswith("check: warning: 1 article is neither Arabic nor Persian")
        and "english.txt" in lines[2]
    )


def test_force_exclude_applies_excludes_to_named_files(pair: Path) -> None:
    """As pre-commit runs it: the staged files are named, and the drafts must stay out."""
    drafts = pair / "drafts"
    drafts.mkdir()
    shutil.copy(pair / KHOMEINI_ARTICLE, drafts / KHOMEINI_ARTICLE)
    (pair / "checker.toml").write_text('extend-exclude = ["drafts/**"]\n', encoding="utf-8")
    config = ["--config", pair / "checker.toml"]
    named = [drafts / KHOMEINI_ARTICLE, pair / WITNESS]
    plain = cli([*named, *NO_NLI, *config, "-f", "json"])
    assert_clean(plain, 1)  # named files are read whatever the globs say
    forced = cli([*named, *NO_NLI, *config, "--force-exclude", "-f", "json"])
    assert_clean(forced, 0)
    assert [Path(d["path"]).name for d in json.loads(forced.stdout)["documents"]] == [WITNESS]
    only_drafts = cli([drafts / KHOMEINI_ARTICLE, *NO_NLI, *config, "--force-exclude"])
    assert_clean(only_drafts, 0)  # nothing to check is no error when everything named is excluded
    assert stderr_lines(only_drafts) == [
        "check: nothing to check: every file named is excluded (--force-exclude)"
    ]


def test_the_pre_commit_hooks_run_the_tool_as_their_entries_say() -> None:
    """Each hook's entry is a command line this CLI accepts (pre-commit appends the staged files)."""
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["language"]) for h in hooks] == [
        ("news-check", "python"),
        ("news-check-system", "system"),
    ]
    help_text = cli(["--help"]).stdout
    for hook in hooks:
        command, *options = hook["entry"].split()
        assert command == "check" and "--force-exclude" in options
        assert hook["pass_filenames"] is True and hook["require_serial"] is True
        assert all(option in help_text for option in options)
