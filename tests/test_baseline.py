"""Baselines: today's findings are accepted; later runs report only new ones.

The round trip runs the CLI on a private copy of the seeds holding two findings (the headline that
names Khomeini, and an arrival put on Saturday evening where another article says Sunday). The ids
must survive what happens to copy every day — lines shifting, files moving and being listed in
another order, edits elsewhere — and a new error must come through alone.
"""

from __future__ import annotations

import json
import shutil
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

from checker.baseline import FORMAT, drop_baselined, read_baseline, write_baseline
from checker.errors import UsageError
from checker.types import Report

NO_NLI = ["--nli", "none"]
SATURDAY_ARTICLE = "002_705fd37aea0d53b1.txt"
# An unrelated sentence an editor might add under a headline (no figure, date or name in it).
NEW_PARAGRAPH = "وتابع الصحفيون اللقاء من قاعة المؤتمرات في المبنى الرئيسي."


def run_json(*args: str | Path, status: int | tuple[int, ...] = (0, 1)) -> dict:
    result = cli([*args, *NO_NLI, "--format", "json"])
    statuses = status if isinstance(status, tuple) else (status,)
    assert_clean(result, *statuses)
    return json.loads(result.stdout)


@pytest.fixture()
def corpus(tmp_path: Path, embed_loads: list[str]) -> Path:
    folder = copy_seeds(tmp_path / "content")
    edit(folder / SATURDAY_ARTICLE, "مساء أول من أمس", "مساء السبت")
    return folder


@pytest.fixture()
def baseline(corpus: Path, tmp_path: Path) -> Path:
    path = tmp_path / "baseline.json"
    result = cli([corpus, *NO_NLI, "--write-baseline", path, "--format", "json"])
    assert_clean(result, 0)  # writing a baseline accepts today's findings: not a failure
    assert stderr_lines(result) == [f"check: wrote 2 findings to baseline {path}"]
    return path


def finding_ids(data: dict) -> list[str]:
    return [f["id"] for f in data["findings"]]


def test_the_baseline_file_records_each_finding(corpus: Path, baseline: Path) -> None:
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    today = run_json(corpus)
    assert [e["id"] for e in data["findings"]] == finding_ids(today)
    assert [(e["kind"], e["severity"]) for e in data["findings"]] == [("entity", "high"), ("date", "medium")]
    texts = {c["text"] for f in today["findings"] for c in f["claims"]}
    assert {c["text"] for e in data["findings"] for c in e["claims"]} == texts  # verbatim claims
    assert set(read_baseline(baseline)) == set(finding_ids(today))


def test_an_unchanged_corpus_has_no_new_findings(corpus: Path, baseline: Path) -> None:
    result = cli([corpus, *NO_NLI, "--baseline", baseline, "--format", "json"])
    assert_clean(result, 0)
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert (data["stats"]["baselined"], data["stats"]["findings"]) == (2, 0)


def shuffle_the_copy(corpus: Path) -> None:
    """What a day of editing does to findings that nobody touched."""
    for article in sorted(corpus.glob("*.txt")):  # every line moves down
        article.write_text("\n\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("000_1227f8ae13c2544c.txt", "003_a2d14a08bef2f986.txt"):  # a paragraph under the headline
        path = corpus / name
        headline, rest = path.read_text(encoding="utf-8").lstrip("\n").split("\n", 1)
        path.write_text(f"\n\n{headline}\n{NEW_PARAGRAPH}\n\n{rest}", encoding="utf-8")
    (corpus / "fa").mkdir()  # an article moves into a folder: it is now read last
    shutil.move(corpus / "003_a2d14a08bef2f986.txt", corpus / "fa" / "003_a2d14a08bef2f986.txt")
    edit(corpus / OTHER_EVENT_ARTICLE, "عقدت في موسكو القمة", "عقدت اليوم في موسكو القمة")  # unrelated edit


def test_ids_survive_line_shifts_moves_and_unrelated_edits(corpus: Path, baseline: Path) -> None:
    before = run_json(corpus)
    shuffle_the_copy(corpus)
    after = run_json(corpus)
    assert sorted(finding_ids(after)) == sorted(finding_ids(before))
    lines_before = sorted(c["line"] for f in before["findings"] for c in f["claims"])
    lines_after = sorted(c["line"] for f in after["findings"] for c in f["claims"])
    assert lines_after != lines_before  # the findings really moved
    assert any(d["path"].endswith("fa/003_a2d14a08bef2f986.txt") for d in after["documents"])

    accepted = cli([corpus, *NO_NLI, "--baseline", baseline, "--format", "json"])
    assert_clean(accepted, 0)
    assert json.loads(accepted.stdout)["findings"] == []


def test_ids_survive_another_file_order(corpus: Path, baseline: Path) -> None:
    files = sorted(corpus.glob("*.txt"), reverse=True)
    data = run_json(*files, "--baseline", baseline, status=0)
    assert data["findings"] == [] and data["stats"]["baselined"] == 2


def test_a_renamed_article_keeps_its_accepted_findings(corpus: Path, baseline: Path) -> None:
    """A new file name gives new claim ids; the accepted finding is found again by its content."""
    shutil.move(corpus / KHOMEINI_ARTICLE, corpus / "900_putin-letter.txt")
    data = run_json(corpus, "--baseline", baseline, status=0)
    assert data["findings"] == [] and data["stats"]["baselined"] == 2


def test_a_copied_error_is_new(corpus: Path, baseline: Path) -> None:
    """The same wrong headline in a second article (the first still there) is a new finding."""
    shutil.copy(corpus / KHOMEINI_ARTICLE, corpus / "900_putin-letter.txt")
    data = run_json(corpus, "--baseline", baseline, status=1)
    assert data["findings"], "the copy's finding was taken for the accepted one"
    for finding in data["findings"]:
        assert "900_putin-letter.txt" in {Path(c["document"]).name for c in finding["claims"]}


def test_a_new_error_is_reported_alone(corpus: Path, baseline: Path) -> None:
    shuffle_the_copy(corpus)
    edit(corpus / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    result = cli([corpus, *NO_NLI, "--baseline", baseline, "--format", "json"])
    assert_clean(result, 1)  # the new finding is high
    data = json.loads(result.stdout)
    assert len(data["findings"]) == 1
    new = data["findings"][0]
    assert (new["kind"], new["severity"]) == ("number", "high")
    assert {Path(c["document"]).name for c in new["claims"]} == {EXPORTS_ARTICLE, EXPORTS_WITNESS}
    assert any(EXPORTS_NEW in c["text"] for c in new["claims"])
    assert data["stats"]["baselined"] == 2


def test_every_format_honours_the_baseline(corpus: Path, baseline: Path) -> None:
    edit(corpus / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    result = cli([corpus, *NO_NLI, "--baseline", baseline, "--format", "sarif"])
    assert_clean(result, 1)
    assert len(json.loads(result.stdout)["runs"][0]["results"]) == 1
    github = cli([corpus, *NO_NLI, "--baseline", baseline, "--format", "github"])
    assert_clean(github, 1)
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1  # one per finding, on its first claim; the other is named in it
    assert {line.split(",", 1)[0].rsplit("/", 1)[1] for line in annotations} <= {
        EXPORTS_ARTICLE,
        EXPORTS_WITNESS,
    }
    assert EXPORTS_ARTICLE in annotations[0] and EXPORTS_WITNESS in annotations[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline: No such file or directory"),
        ('{"findings": [', "baseline is not valid JSON (line 1, column 15)"),
        ('{"version": "1.0", "findings": []}', f"not a news-checker baseline (expected format {FORMAT!r})"),
    ],
)
def test_a_bad_baseline_is_a_usage_error(
    tmp_path: Path, corpus: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "accepted.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli([corpus, *NO_NLI, "--baseline", path])
    assert_clean(result, 2)
    assert stderr_lines(result) == [f"check: {path}: {message}"]
    assert result.stdout == ""
    with pytest.raises(UsageError):
        read_baseline(path)


def test_library_round_trip(tmp_path: Path, corpus: Path) -> None:
    from checker.config import Config
    from checker.pipeline import check

    report: Report = check([corpus], Config(nli="none"))
    path = tmp_path / "b.json"
    assert write_baseline(report, path) == len(report.findings) == 2
    kept = drop_baselined(report, read_baseline(path))
    assert kept.findings == () and kept.stats["baselined"] == 2
    partial = drop_baselined(report, {report.findings[0].id})
    assert [f.id for f in partial.findings] == [report.findings[1].id]
