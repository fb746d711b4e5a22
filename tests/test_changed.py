"""--changed-since REF in a real git repository: the articles changed since REF are checked
against the whole corpus, and only the findings that touch a change are reported.

The seeds hold one old error (seed 000's headline names Khomeini), contradicted by sentences of
seeds 000-003. Editing an unrelated line of seed 002 must not bring it back; editing one of its
sentences, or a line that is no claim (a dateline), must."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from seed_runs import (
    EXPORTS_ARTICLE,
    EXPORTS_NEW,
    EXPORTS_OLD,
    EXPORTS_WITNESS,
    KHOMEINI_ARTICLE,
    OTHER_EVENT_ARTICLE,
    assert_clean,
    cli,
    copy_seeds,
    edit,
    stderr_lines,
)

from checker.changed import changed_files, changed_lines

NO_NLI = ["--nli", "none"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Desk",
            "-c",
            "user.email=desk@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embed_loads: list[str]) -> Path:
    """A newsroom repository: content/ holds the seeds, committed on main."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "newsroom"
    root.mkdir()
    copy_seeds(root / "content")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "the day's articles")
    monkeypatch.chdir(root)
    return root


def run(*args: str | Path, status: int) -> dict:
    result = cli(["content/", *NO_NLI, "--format", "json", *args])
    assert_clean(result, status)
    return json.loads(result.stdout)


def names(finding: dict) -> set[str]:
    return {Path(c["document"]).name for c in finding["claims"]}


def test_nothing_changed_nothing_reported(repo: Path) -> None:
    everything = run(status=1)
    assert everything["findings"]  # the headline with the wrong man is in the corpus...
    data = run("--changed-since", "HEAD", status=0)
    assert data["findings"] == []  # ...but nobody touched it since HEAD
    assert len(data["documents"]) == 5 and data["stats"]["changed_documents"] == 0


def test_a_changed_article_is_checked_against_the_whole_corpus(repo: Path) -> None:
    edit(repo / "content" / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    data = run("--changed-since", "HEAD", status=1)
    assert len(data["documents"]) == 5  # the rest of the corpus is still read
    assert data["stats"]["changed_documents"] == 1
    # the new conflict, with its unchanged witness; not the old headline error, although one of
    # its counterpart sentences (a subheading nobody touched) is in the edited article
    assert [(f["kind"], names(f)) for f in data["findings"]] == [
        ("number", {EXPORTS_ARTICLE, EXPORTS_WITNESS})
    ]
    everything = run(status=1)
    old = [f for f in everything["findings"] if f["kind"] == "entity"]
    assert len(old) == 1 and EXPORTS_ARTICLE in names(old[0])


def test_editing_a_sentence_of_a_finding_reports_it(repo: Path) -> None:
    """Seed 002's subheading (one of the sentences the Khomeini finding quotes) is reworded."""
    edit(repo / "content" / EXPORTS_ARTICLE, "حمل قاليباف رسالة من خامنئي", "نقل قاليباف رسالة من خامنئي")
    data = run("--changed-since", "HEAD", status=1)
    assert [f["kind"] for f in data["findings"]] == ["entity"]


def test_a_changed_line_that_is_no_claim_counts_for_the_whole_article(repo: Path) -> None:
    """A dateline moves every relative date of its article: all its findings are reported."""
    path = repo / "content" / EXPORTS_ARTICLE
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{first}\n19/05/2021\n{rest}", encoding="utf-8")
    data = run("--changed-since", "HEAD", status=1)
    kinds = sorted(f["kind"] for f in data["findings"])
    # the old error is back, and so is a date conflict the dateline created between sentences
    # that did not change: a line-by-line rule alone would have missed it
    assert kinds == ["date", "entity"]
    dated = next(f for f in data["findings"] if f["kind"] == "date")
    assert all(c["line"] != 2 for c in dated["claims"])


def test_blank_lines_change_nothing(repo: Path) -> None:
    path = repo / "content" / EXPORTS_ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8")
    data = run("--changed-since", "HEAD", status=0)
    assert data["findings"] == [] and data["stats"]["changed_documents"] == 1


def test_findings_elsewhere_are_left_out(repo: Path) -> None:
    """An edit to the article about another event keeps the (unrelated) Khomeini finding out."""
    edit(repo / "content" / OTHER_EVENT_ARTICLE, "عقدت في موسكو القمة", "عقدت اليوم في موسكو القمة")
    data = run("--changed-since", "HEAD", status=0)
    assert data["findings"] == []
    assert data["stats"]["changed_documents"] == 1 and len(data["documents"]) == 5


def test_committed_staged_and_new_files_all_count(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "desk/story")
    edit(repo / "content" / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    git(repo, "commit", "-q", "-am", "update the figures")  # committed on the branch
    shutil.copy(repo / "content" / KHOMEINI_ARTICLE, repo / "content" / "005_new.txt")  # untracked
    changed = changed_lines("main", cwd=repo)
    assert {p.name for p in changed} == {EXPORTS_ARTICLE, "005_new.txt"}
    assert changed[repo / "content" / "005_new.txt"] is None  # a new file: all of it
    assert changed[repo / "content" / EXPORTS_ARTICLE] == {4}  # the one line with the figure
    data = run("--changed-since", "main", status=1)
    assert data["stats"]["changed_documents"] == 2
    by_kind = {f["kind"]: names(f) for f in data["findings"]}
    assert by_kind["number"] == {EXPORTS_ARTICLE, EXPORTS_WITNESS}
    assert "005_new.txt" in by_kind["entity"]  # the copied headline error, in the new file


def test_from_a_subfolder_of_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git names untracked files relative to where it runs: still the same files from content/."""
    shutil.copy(repo / "content" / KHOMEINI_ARTICLE, repo / "content" / "005_new.txt")
    monkeypatch.chdir(repo / "content")
    assert {p.name for p in changed_files("HEAD")} == {"005_new.txt"}
    result = cli([".", *NO_NLI, "--format", "json", "--changed-since", "HEAD"])
    assert_clean(result, 1)
    assert json.loads(result.stdout)["stats"]["changed_documents"] == 1


def test_the_repository_is_the_articles_not_the_current_folder(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from outside the repository: git is asked in the folder of the articles."""
    edit(repo / "content" / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    result = cli([repo / "content", *NO_NLI, "--format", "json", "--changed-since", "HEAD"])
    assert_clean(result, 1)
    assert json.loads(result.stdout)["stats"]["changed_documents"] == 1


@pytest.mark.parametrize(
    ("ref", "message"),
    [("no-such-branch", "check: --changed-since no-such-branch: ")],
)
def test_an_unknown_ref_is_a_usage_error(repo: Path, ref: str, message: str) -> None:
    result = cli(["content/", *NO_NLI, "--changed-since", ref])
    assert_clean(result, 2)
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(message)
    assert result.stdout == ""


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_seeds(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # do not find a repository above
    result = cli([corpus, *NO_NLI, "--changed-since", "HEAD"])
    assert_clean(result, 2)
    lines = stderr_lines(result)
    assert len(lines) == 1 and "not a git repository" in lines[0]
