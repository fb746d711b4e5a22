"""Turn judges' verdicts into findings: one conflict reported once, with all its evidence.

* Verdicts on the same pair merge into one finding; its kind is the most specific
  one (a structured judge's entity / number / date beats NLI's bare
  "contradiction"), its score the highest, its evidence all of them.
* A claim that conflicts with several others for the same reason (a headline that
  names the wrong man, contradicted by every other article) is one finding whose
  first claim is that claim and whose other claims are its counterparts.
* A single-claim verdict (an anachronism) joins the finding of its claim when there
  is one, else stands alone.
* Severity: structured evidence scoring at least ``Thresholds.severity_high`` is high; any
  evidence at that score, or structured evidence below it, is medium; the rest is low.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker.config import Thresholds
from checker.types import Claim, Finding, Judgement, Severity, Verdict


@dataclass(frozen=True)
class _Cut:
    high: float
    nli_alone: str


@dataclass(frozen=True)
class _Pair:
    a: Claim
    b: Claim


# Most specific first: what an editor should read as the reason.
KIND_PRIORITY = ("entity", "anachronism", "number", "date", "contradiction")


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def severity_for(verdicts: Sequence[Verdict], cut: float | None = None, nli_alone: str = "low") -> Severity:
    """Structured evidence with a high score is high; NLI alone is at most ``nli_alone``.

    ``cut`` is ``Thresholds.severity_high`` (its default if None). A verdict that states its own
    severity (a figure ledger) is taken at its word.
    """
    cut = cut if cut is not None else Thresholds().severity_high
    stated = [Severity(v.severity) for v in verdicts if v.severity]
    scored = [v for v in verdicts if not v.severity]
    if scored:
        structured = [v for v in scored if v.judge != "nli"]
        best = max(v.score for v in scored)
        if structured and max(v.score for v in structured) >= cut:
            stated.append(Severity.HIGH)
        elif structured:
            stated.append(Severity.MEDIUM)
        elif best >= cut:
            stated.append(Severity(nli_alone))
    return max(stated, key=lambda s: s.rank, default=Severity.LOW)


def finding_id(kind: str, claim_ids: Sequence[str]) -> str:
    """Stable across runs, line shifts and file order: built from claim ids (text-based), not positions."""
    return hashlib.sha1(("|".join([kind, *claim_ids])).encode("utf-8")).hexdigest()[:16]


def _reindex(verdict: Verdict, own: Sequence[Claim], claims: Sequence[Claim]) -> Verdict:
    """Highlights say which claim they mark by position in ``own`` (the pair, or the one claim a
    claim judge saw); a finding lists its claims in its own order, so positions are remapped."""
    position = {c.id: n for n, c in enumerate(claims)}
    return replace(
        verdict,
        highlights=tuple((position[own[i].id], s, e) for i, s, e in verdict.highlights if i < len(own)),
    )


def _explain(ordered: Sequence[Verdict], claims: Sequence[Claim]) -> str:
    """The most specific verdict's words, then what else agrees, in one short paragraph."""
    lead = ordered[0]
    parts = [lead.explanation]
    if len(claims) > 2 and sum(v.judge == lead.judge for v in ordered) > 1:
        parts.append(f"The first claim conflicts this way with {len(claims) - 1} other claims.")
    for v in ordered:
        if v.judge != lead.judge and v.explanation not in parts:
            parts.append(v.explanation)
    return " ".join(parts)


def _build(
    kind: str,
    claims: Sequence[Claim],
    verdicts: Sequence[tuple[Verdict, Sequence[Claim]]],
    id_claims: Sequence[str],
    cut: _Cut,
) -> Finding:
    remapped = [_reindex(v, own, claims) for v, own in verdicts]
    ordered = sorted(remapped, key=lambda v: (_priority(v.kind), -v.score))
    return Finding(
        id=finding_id(kind, id_claims),
        kind=kind,
        severity=severity_for(ordered, cut.high, cut.nli_alone),
        score=round(max(v.score for v in ordered), 4),
        claims=tuple(claims),
        explanation=_explain(ordered, claims),
        evidence=tuple(ordered),
    )


def combine(judgements: Sequence[Judgement], thresholds: Thresholds | None = None) -> list[Finding]:
    """The findings of a run from its judgements (pairs and single claims), most severe first.

    Args:
        judgements: what the judges said, in the order they said it (a pair's verdicts together).
        thresholds: the severity cut and the most an NLI-only finding can be (defaults if None).
    """
    thresholds = thresholds if thresholds is not None else Thresholds()
    cut = _Cut(thresholds.severity_high, thresholds.nli_alone)
    for j in judgements:
        if j.key is None and len(j.claims) not in (1, 2):
            raise ValueError(f"a judgement without a key holds one claim or two, not {len(j.claims)}")
    standalone = [_standalone(j, cut) for j in judgements if j.key is not None and j.verdicts]
    merged = [j for j in judgements if j.key is None]
    flagged = [(_Pair(*j.claims), list(j.verdicts)) for j in merged if len(j.claims) == 2 and j.verdicts]
    claim_verdicts = [(j.claims[0], v) for j in merged if len(j.claims) == 1 for v in j.verdicts]
    # the kind of each flagged pair
    kinds = [min((v.kind for v in vs), key=_priority) for _, vs in flagged]

    # hubs: a claim flagged for the same kind against two or more others
    degree: dict[tuple[str, str], int] = defaultdict(int)
    for (pair, _), kind in zip(flagged, kinds, strict=True):
        degree[(kind, pair.a.id)] += 1
        degree[(kind, pair.b.id)] += 1

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)  # (kind, hub or pair key) -> flagged idx
    for n, ((pair, _), kind) in enumerate(zip(flagged, kinds, strict=True)):
        da, db = degree[(kind, pair.a.id)], degree[(kind, pair.b.id)]
        if max(da, db) >= 2:
            hub = pair.a.id if (da, pair.a.id) >= (db, pair.b.id) else pair.b.id
            groups[(kind, hub)].append(n)
        else:
            groups[(kind, f"{pair.a.id}+{pair.b.id}")].append(n)

    by_claim_verdicts: dict[str, list[Verdict]] = defaultdict(list)
    claim_of: dict[str, Claim] = {}
    for claim, verdict in claim_verdicts:
        by_claim_verdicts[claim.id].append(verdict)
        claim_of[claim.id] = claim

    findings: list[Finding] = []
    used_claim_verdicts: set[str] = set()
    for (kind, key), members in groups.items():
        verdicts: list[tuple[Verdict, Sequence[Claim]]] = []
        claims: list[Claim] = []
        if "+" not in key:  # hub first, then its counterparts: same article first, then by path and line
            hub_claim = next(p.a if p.a.id == key else p.b for p, _ in (flagged[n] for n in members))
            others = [flagged[n][0].b if flagged[n][0].a.id == key else flagged[n][0].a for n in members]
            others.sort(key=lambda c: (c.document != hub_claim.document, c.document, c.span.start))
            claims = [hub_claim, *others]
            id_claims = [key]
        else:
            pair = flagged[members[0]][0]
            claims = sorted([pair.a, pair.b], key=lambda c: (c.document, c.span.start))
            id_claims = sorted(c.id for c in claims)
        for n in members:
            pair = flagged[n][0]
            verdicts.extend((v, (pair.a, pair.b)) for v in flagged[n][1])
        for c in claims:
            if c.id in by_claim_verdicts:
                verdicts.extend((v, (c,)) for v in by_claim_verdicts[c.id])
                used_claim_verdicts.add(c.id)
        findings.append(_build(kind, claims, verdicts, id_claims, cut))

    for cid, alone in by_claim_verdicts.items():
        if cid in used_claim_verdicts:
            continue
        kind = min((v.kind for v in alone), key=_priority)
        findings.append(_build(kind, [claim_of[cid]], [(v, (claim_of[cid],)) for v in alone], [cid], cut))

    findings += standalone
    return sort_findings(findings)


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first, then the surest, then by where the first claim stands (kind and id break
    what is left, so that findings decided in waves come out in the same order)."""
    return sorted(
        findings,
        key=lambda f: (
            -f.severity.rank,
            -f.score,
            f.claims[0].document,
            f.claims[0].span.start,
            f.kind,
            f.id,
        ),
    )


def _standalone(judgement: Judgement, cut: _Cut) -> Finding:
    """A finding of its own (a figure ledger): its claims in the judge's order, its severity the
    judge's when it states one."""
    ordered = sorted(judgement.verdicts, key=lambda v: (_priority(v.kind), -v.score))
    lead = ordered[0]
    severity = severity_for(ordered, cut.high, cut.nli_alone)
    return Finding(
        id=finding_id(lead.kind, [str(judgement.key)]),
        kind=lead.kind,
        severity=severity,
        score=round(max(v.score for v in ordered), 4),
        claims=judgement.claims,
        explanation=_explain(ordered, judgement.claims),
        evidence=tuple(ordered),
        ledger=lead.ledger,
    )
