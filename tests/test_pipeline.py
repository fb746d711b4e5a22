"""The library call ``checker.check(paths, config) -> Report`` on the real seed articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from seed_runs import (
    EXPORTS_ARTICLE,
    EXPORTS_NEW,
    EXPORTS_OLD,
    EXPORTS_WITNESS,
    KHOMEINI_ARTICLE,
    NO_NLI,
    OTHER_EVENT_ARTICLE,
    REPO,
    SEEDS,
    copy_seeds,
    edit,
)

import checker
from checker import pipeline
from checker.errors import UsageError
from checker.pipeline import check, event_waves
from checker.types import CandidatePair, Claim, Document, Report, Role, Severity, Span


def test_import_checker_is_cheap_and_exports_the_api_lazily() -> None:
    """``import checker`` loads neither the pipeline nor numpy/torch; the names load on use."""
    code = (
        "import sys, checker\n"
        "heavy = [m for m in ('numpy', 'torch', 'pydantic', 'checker.pipeline') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from checker import Config, Report, check\n"
        "assert check.__module__ == 'checker.pipeline', check.__module__\n"
        "assert Config().fail_on == 'high' and Report.__name__ == 'Report'\n"
        "assert {'check', 'Config', 'Report'} <= set(dir(checker))\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = checker.nothing_here  # type: ignore[attr-defined]


def test_the_public_names_are_the_pipelines() -> None:
    assert checker.check is check
    assert checker.Report is Report


def test_seeds_report_shape(seeds_report: Report) -> None:
    report = seeds_report
    assert [Path(d.path).name for d in report.documents] == sorted(p.name for p in SEEDS.iterdir())
    assert {d.lang for d in report.documents} == {"ar", "fa"}
    assert report.skipped == ()
    stats = report.stats
    for key in ("documents", "claims", "candidate_pairs", "nli_pairs_scored", "events", "findings"):
        assert isinstance(stats[key], int), key
    assert stats["documents"] == 5 and stats["claims"] == len(report.claims) > 40
    assert stats["nli_pairs_scored"] == 0  # NLI is off
    assert 0 < stats["candidate_pairs"] < stats["claims"] * (stats["claims"] - 1) / 2  # never all pairs
    assert stats["seconds_total"] >= 0 and {"seconds_ingest", "seconds_embed", "seconds_judge"} <= set(stats)


def test_findings_quote_the_source_verbatim(seeds_report: Report) -> None:
    sources = {d.path: d.source for d in seeds_report.documents}
    assert seeds_report.findings
    for finding in seeds_report.findings:
        assert finding.severity in Severity and 0 <= finding.score <= 1 and finding.explanation
        for claim in finding.claims:
            assert claim.text == sources[claim.document][claim.span.start : claim.span.end]
            line = sources[claim.document].count("\n", 0, claim.span.start) + 1
            assert claim.span.line == line


def test_the_wrong_man_in_a_headline_is_found(seeds_report: Report) -> None:
    """Seed 000's headline names Khomeini (died 1989) as the sender; its body and the other
    articles name Khamenei."""
    first = seeds_report.findings[0]
    assert (first.kind, first.severity) == ("entity", Severity.HIGH)
    headline = first.claims[0]
    assert Path(headline.document).name == KHOMEINI_ARTICLE and headline.role.value == "headline"
    assert "الخميني" in headline.text
    assert any("خامنئي" in c.text or "خامنه" in c.text for c in first.claims[1:])


def test_articles_about_another_event_are_not_compared(seeds_report: Report) -> None:
    """Seed 004 reports the 2022 summit, the others the 2021 letter: no finding mixes them."""
    other = next(d.path for d in seeds_report.documents if Path(d.path).name == OTHER_EVENT_ARTICLE)
    assert any(other in group and len(group) == 1 for group in seeds_report.events)
    for finding in seeds_report.findings:
        documents = {c.document for c in finding.claims}
        assert other not in documents or documents == {other}


def test_ids_do_not_depend_on_how_the_folder_is_named(
    seeds_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    again = check(["./seeds"], NO_NLI)
    assert [f.id for f in again.findings] == [f.id for f in seeds_report.findings]
    assert [c.id for c in again.claims] == [c.id for c in seeds_report.claims]
    assert again.documents[0].path.startswith("./seeds")  # documents keep the path as given


def test_a_changed_figure_becomes_a_number_finding(tmp_path: Path, embed_loads: list[str]) -> None:
    """One article says Russia's 2020 exports were 1.8 billion dollars, another 1.3."""
    corpus = copy_seeds(tmp_path / "seeds")
    edit(corpus / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    report = check([corpus], NO_NLI)
    numbers = [f for f in report.findings if f.kind == "number"]
    assert len(numbers) == 1
    where = {Path(c.document).name for c in numbers[0].claims}
    assert where == {EXPORTS_ARTICLE, EXPORTS_WITNESS}
    assert any(EXPORTS_NEW in c.text for c in numbers[0].claims)
    assert any(EXPORTS_OLD in c.text for c in numbers[0].claims)


def test_unreadable_files_are_listed_not_raised(tmp_path: Path, seeds_report: Report) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    report = check([SEEDS / KHOMEINI_ARTICLE, tmp_path / "empty.txt"], NO_NLI)
    assert len(report.documents) == 1
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("empty.txt", "empty file")]
    assert report.stats["skipped"] == 1


def test_an_article_the_facts_stage_fails_on_is_skipped_not_fatal(
    seeds_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text no rule foresaw (eg_press's "26,27.28" once raised ValueError after an hour of an
    archive run) costs its own article: listed in skipped with the reason, the rest is checked."""
    from checker.facts import stage

    real_claim_facts = stage.claim_facts

    def failing(claim: Claim, *args: object, **kwargs: object) -> object:
        if Path(claim.document).name == OTHER_EVENT_ARTICLE:
            raise ValueError("could not convert string to float: '26.27.28'")
        return real_claim_facts(claim, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage, "claim_facts", failing)
    report = check([SEEDS], NO_NLI)
    [skipped] = report.skipped
    assert Path(skipped.path).name == OTHER_EVENT_ARTICLE
    assert skipped.reason.startswith("internal error reading its facts (ValueError: could not convert")
    assert len(report.documents) == len(seeds_report.documents) - 1
    assert all(Path(c.document).name != OTHER_EVENT_ARTICLE for c in report.claims)
    # that article is about another event: the seeds' findings (the Khomeini headline) all stand
    assert [f.id for f in report.findings] == [f.id for f in seeds_report.findings]


def test_an_article_claim_extraction_fails_on_is_skipped_not_fatal(
    seeds_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the first stage: an article whose claims cannot be read is listed in skipped
    with the reason (on one line), and every other article is checked as before."""
    import checker.claims

    real_extract = checker.claims.extract_claims

    def failing(doc: Document) -> list[Claim]:
        if Path(doc.path).name == OTHER_EVENT_ARTICLE:
            raise IndexError("string index out of range\nat line 3")
        return real_extract(doc)

    monkeypatch.setattr(checker.claims, "extract_claims", failing)
    report = check([SEEDS], NO_NLI)
    [skipped] = report.skipped
    assert Path(skipped.path).name == OTHER_EVENT_ARTICLE
    assert skipped.reason == (
        "internal error reading its claims (IndexError: string index out of range at line 3); "
        "please report it"
    )
    assert len(report.documents) == len(seeds_report.documents) - 1
    assert len(report.claims) < len(seeds_report.claims)
    assert [f.id for f in report.findings] == [f.id for f in seeds_report.findings]


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    """As on the command line: a named path that is not there is a mistake, not a skipped file."""
    with pytest.raises(UsageError, match="no such file or folder: .*missing.txt"):
        check([SEEDS / KHOMEINI_ARTICLE, tmp_path / "missing.txt"], NO_NLI)


def test_findings_decided_in_waves_are_the_whole_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embed_loads: list[str]
) -> None:
    """Streamed (each event judged on its own, findings handed over as decided), the run finds what
    it finds in one go: the same ids, severities, scores and order."""
    corpus = copy_seeds(tmp_path / "seeds")
    edit(corpus / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    whole = check([corpus], NO_NLI)
    monkeypatch.setattr(pipeline, "STREAM_WAVE_PAIRS", 1)  # every event its own wave
    waves: list[list[str]] = []
    streamed = check([corpus], NO_NLI, on_findings=lambda found, _docs: waves.append([f.id for f in found]))
    assert len(whole.findings) >= 2
    assert [(f.id, f.severity, f.score) for f in streamed.findings] == [
        (f.id, f.severity, f.score) for f in whole.findings
    ]
    assert sorted(i for wave in waves for i in wave) == sorted(f.id for f in whole.findings)
    assert streamed.stats["findings"] == whole.stats["findings"]


def test_waves_hold_whole_events_in_the_runs_order() -> None:
    def claim(doc: str, n: int) -> Claim:
        return Claim(f"{doc}#{n}", doc, n, Role.BODY, "نص", Span(0, 2, 1), "ar")

    events = [("a", "b"), ("c",), ("d", "e")]
    claims = [claim(d, n) for d in "abcde" for n in range(2)]
    by = {c.id: c for c in claims}
    pairs = [
        CandidatePair(by["a#0"], by["b#0"], 0.9, "cross-article"),
        CandidatePair(by["a#1"], by["b#1"], 0.9, "cross-article"),
        CandidatePair(by["c#0"], by["c#1"], 0.9, "headline-body"),
        CandidatePair(by["d#0"], by["e#0"], 0.9, "cross-article"),
    ]
    waves = event_waves(pairs, claims, events, 2)
    assert [[(p.a.id, p.b.id) for p in w] for w, _ in waves] == [
        [("a#0", "b#0"), ("a#1", "b#1")],
        [("c#0", "c#1"), ("d#0", "e#0")],
    ]
    assert [len(c) for _, c in waves] == [4, 6]
    assert event_waves(pairs, claims, events, None) == [(pairs, claims)]
