"""The examples a newsroom copies work as written against the tagged release: the workflow, the
pre-commit config and the README name one repository and the tag of this version, and every
`check` command line in them is one the CLI accepts."""

from __future__ import annotations

import re
import shlex
import tomllib

import pytest
import yaml
from seed_runs import REPO

from checker import __version__
from checker.cli import parse_formats
from checker.report.common import PROJECT_URL

TAG = f"v{__version__}"
WORKFLOW = REPO / "examples" / "ci" / "news-check.yml"
PRE_COMMIT = REPO / "examples" / "ci" / "pre-commit-config.yaml"


def test_the_project_url_is_one_place() -> None:
    with (REPO / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    assert project["urls"]["Homepage"] == PROJECT_URL
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_workflow_installs_the_tagged_release_and_runs_check_once() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["env"]["NEWS_CHECKER_VERSION"] == TAG
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert not any("make " in run for run in runs)  # nothing of this repository's Makefile
    (install,) = [run for run in runs if "pip install" in run]
    assert f"git+{PROJECT_URL}@${{NEWS_CHECKER_VERSION}}" in install
    checks = [run for run in runs if run.startswith("check ")]
    assert len(checks) == 1  # one run writes every report
    args = shlex.split(checks[0].replace("$CHECK_SCOPE", "").replace("$GITHUB_STEP_SUMMARY", "/tmp/summary"))
    formats = [args[n + 1] for n, arg in enumerate(args) if arg == "--format"]
    assert [name for name, _ in parse_formats(formats, None)] == ["github", "sarif", "markdown"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "results.sarif" and "always()" in upload["if"]


def test_the_pre_commit_example_pins_this_tag_of_this_repository() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert (repo["repo"], repo["rev"]) == (PROJECT_URL, TAG)
    hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["id"] for h in repo["hooks"]} <= hooks


@pytest.mark.parametrize("path", ["README.md", ".pre-commit-hooks.yaml", "docs/cli.md"])
def test_docs_name_the_same_repository_and_tag(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    assert "OWNER" not in text
    for tag in re.findall(r"@v\d+\.\d+\.\d+|rev: v\d+\.\d+\.\d+|news-checker \d+\.\d+\.\d+", text):
        assert tag.endswith(__version__), f"{path}: {tag} is not this version ({__version__})"
    for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
        if "news-checker" in url:
            assert url.startswith(PROJECT_URL), f"{path}: {url}"
