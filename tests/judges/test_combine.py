"""From judgements to findings: one conflict reported once, its kind, severity, evidence and id."""

from __future__ import annotations

from checker.config import Thresholds
from checker.judges.combine import combine, finding_id, severity_for
from checker.types import Claim, Judgement, Role, Severity, Span, Verdict


def claim(doc: str, n: int) -> Claim:
    return Claim(
        f"{doc}{n}", f"{doc}.txt", n, Role.BODY, f"نص {doc}{n}", Span(n * 10, n * 10 + 5, n + 1), "ar"
    )


def verdict(judge: str, kind: str, score: float, text: str = "why") -> Verdict:
    return Verdict(judge, kind, score, text, ((0, 0, 1), (1, 0, 1)))


ENTITY = verdict("entity", "entity", 0.95, "Sender differs.")
NLI = verdict("nli", "contradiction", 0.98, "NLI says so.")


def test_verdicts_on_one_pair_merge_the_most_specific_kind_leads() -> None:
    a, b = claim("a", 1), claim("b", 1)
    [finding] = combine([Judgement((a, b), (NLI, ENTITY))])
    assert finding.kind == "entity" and finding.severity is Severity.HIGH
    assert finding.score == 0.98  # the highest score of the evidence
    assert finding.explanation == "Sender differs. NLI says so."
    assert [v.judge for v in finding.evidence] == ["entity", "nli"]


def test_a_claim_against_several_others_is_one_finding_with_the_hub_first() -> None:
    hub, x, y = claim("a", 0), claim("b", 1), claim("c", 2)
    findings = combine([Judgement((x, hub), (ENTITY,)), Judgement((hub, y), (ENTITY,))])
    [finding] = findings
    assert [c.id for c in finding.claims] == ["a0", "b1", "c2"]
    assert "conflicts this way with 2 other claims" in finding.explanation
    assert finding.id == finding_id("entity", ["a0"])  # built from the hub: stable as witnesses come and go


def test_a_claim_verdict_joins_its_claims_finding_or_stands_alone() -> None:
    a, b, c = claim("a", 0), claim("b", 0), claim("c", 0)
    dead = Verdict("anachronism", "anachronism", 0.9, "Died in 1989.", ((0, 0, 1),))
    findings = combine([Judgement((a, b), (ENTITY,)), Judgement((a,), (dead,)), Judgement((c,), (dead,))])
    assert len(findings) == 2
    joined = next(f for f in findings if len(f.claims) == 2)
    assert [v.judge for v in joined.evidence] == ["entity", "anachronism"]
    alone = next(f for f in findings if len(f.claims) == 1)
    assert alone.kind == "anachronism" and alone.claims == (c,)


def test_pairs_without_verdicts_make_no_finding() -> None:
    assert combine([Judgement((claim("a", 0), claim("b", 0)), ())]) == []


def test_severity_cut_is_a_setting() -> None:
    quantity = Verdict("quantity", "number", 0.75, "x")
    assert severity_for([quantity]) is Severity.MEDIUM  # below the default cut of 0.8
    assert severity_for([quantity], cut=0.7) is Severity.HIGH
    assert severity_for([NLI]) is Severity.LOW  # NLI alone is low by default (nli_alone)
    assert severity_for([NLI], nli_alone="medium") is Severity.MEDIUM
    assert severity_for([Verdict("nli", "contradiction", 0.5, "x")]) is Severity.LOW
    a, b = claim("a", 0), claim("b", 0)
    [finding] = combine([Judgement((a, b), (quantity,))], Thresholds(severity_high=0.7))
    assert finding.severity is Severity.HIGH


def test_findings_come_most_severe_first_and_ids_do_not_depend_on_order() -> None:
    a, b, c, d = claim("a", 0), claim("b", 0), claim("c", 0), claim("d", 0)
    judged = [Judgement((c, d), (NLI,)), Judgement((a, b), (ENTITY,))]
    first, second = combine(judged)
    assert (first.severity, second.severity) == (Severity.HIGH, Severity.LOW)
    assert {f.id for f in combine(list(reversed(judged)))} == {first.id, second.id}
