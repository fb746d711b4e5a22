"""The library's front doors: ``checker.check`` (paths) and ``checker.check_texts`` (articles in
memory), and what a Report gives a library user (pairs, judgements, a short repr, the JSON contract)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from seed_runs import KHOMEINI_ARTICLE, SEEDS

import checker
from checker.errors import UsageError

NO_NLI = checker.Config(nli="none")
HEADLINE = "موسكو.. بوتين يتلقى رسالة من الخميني"
BODY = (
    "قام رئيس البرلمان الإيراني، محمد باقر قاليباف، اليوم الاثنين، بتسليم نظيره الروسي، رسالة من المرشد "
    "الأعلى في إيران آيه الله علي خامنئي إلى الرئيس الروسي فلاديمير بوتين."
)


def test_a_single_path_as_a_string_is_one_path(embed_loads: list[str]) -> None:
    report = checker.check(str(SEEDS / KHOMEINI_ARTICLE), NO_NLI)
    assert [d.path for d in report.documents] == [str(SEEDS / KHOMEINI_ARTICLE)]


def test_a_missing_path_raises_a_named_error() -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        checker.check("no/such/folder", NO_NLI)


def test_check_texts_takes_articles_and_mappings(embed_loads: list[str]) -> None:
    report = checker.check_texts(
        [
            checker.Article(text=BODY, title=HEADLINE, date=dt.date(2021, 2, 8), source="IRNA", id="irna-1"),
            {"id": "empty", "text": "   "},
        ],
        NO_NLI,
    )
    assert [d.path for d in report.documents] == ["irna-1"]
    assert report.documents[0].outlet == "IRNA" and report.documents[0].date == dt.date(2021, 2, 8)
    assert [s.path for s in report.skipped] == ["empty"]
    [finding] = report.findings
    assert finding.claims[0].text == HEADLINE and finding.severity.value == "high"
    again = checker.check_texts(
        [{"id": "irna-1", "title": HEADLINE, "text": BODY, "date": "2021-02-08"}], NO_NLI
    )
    assert [f.id for f in again.findings] == [finding.id]  # the id names the article: stable ids


def test_check_texts_refuses_what_is_not_a_list_of_articles() -> None:
    with pytest.raises(UsageError, match="a list of articles"):
        checker.check_texts("just a string")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="two articles have the id"):
        checker.check_texts([{"id": "x", "text": BODY}, {"id": "x", "text": BODY}], NO_NLI)


def test_a_report_exposes_pairs_and_judgements_and_stays_short_to_print(seeds_report: checker.Report) -> None:
    assert len(seeds_report.pairs) == seeds_report.stats["candidate_pairs"] > 0
    assert all(j.verdicts for j in seeds_report.judgements)
    judged = {v.judge for j in seeds_report.judgements for v in j.verdicts}
    assert "entity" in judged
    assert len(repr(seeds_report)) < 200 and "1 finding (1 high" in repr(seeds_report)
    data = json.loads(seeds_report.to_json())
    assert data == seeds_report.to_dict() and list(data) == [
        "version",
        "tool_version",
        "documents",
        "findings",
        "stats",
        "skipped",
    ]


def test_the_json_line_of_a_claim_is_claim_line(seeds_report: checker.Report) -> None:
    """``claims[].line`` in the JSON is ``Claim.line`` in Python (an alias of ``Claim.span.line``)."""
    first = seeds_report.findings[0].claims[0]
    assert first.line == first.span.line == seeds_report.to_dict()["findings"][0]["claims"][0]["line"]


def test_the_api_reads_checker_toml_like_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embed_loads: list[str]
) -> None:
    (tmp_path / "checker.toml").write_text('nli = "none"\njudges = ["quantity"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = checker.check([SEEDS / KHOMEINI_ARTICLE])
    assert report.findings == ()  # only the quantity judge ran: the Khomeini headline is not its kind
    assert report.stats["nli_pairs_scored"] == 0
