"""The library call behind the CLI: ``check(paths, config) -> Report``.

files → ingest → claims → facts (entities, quantities, times) → embeddings →
events and candidate pairs → judges → findings. Each stage is its own module;
this one only wires them together, times them, and keeps models lazy so that a
fully cached run never loads one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from checker import __version__
from checker.cache import ModelCache, NoCache, content_hash
from checker.claims import extract_claims
from checker.config import Config
from checker.group import candidate_pairs, group_events
from checker.ingest import read_documents
from checker.judges.base import JudgeContext, PairJudge
from checker.judges.combine import combine
from checker.kb import KnowledgeBase, load_kb
from checker.progress import Progress
from checker.types import CandidatePair, Claim, Document, Facts, Report, Verdict


class _Lazy:
    """Builds a model on first use only."""

    def __init__(self, factory: Callable[[], object]) -> None:
        self._factory = factory
        self._value: object | None = None

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def get(self) -> object:
        if self._value is None:
            self._value = self._factory()
        return self._value


def _embedder_factory(config: Config) -> Callable[[], object]:
    def build() -> object:
        from checker.embed.embedder import load_embedder

        return load_embedder(config.embedder, device=config.device, batch_size=config.batch_size)

    return build


def _nli_factory(config: Config) -> Callable[[], object]:
    def build() -> object:
        from checker.nli.scorer import load_nli

        return load_nli(config.nli, device=config.device, batch_size=config.batch_size)

    return build


def embedder_model_id(config: Config) -> str:
    """A cache key for the embedder that does not require loading it."""
    from checker.embed.embedder import model_id_for

    return model_id_for(config.embedder)


def check(
    paths: Sequence[str | Path],
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    cache: ModelCache | NoCache | None = None,
) -> Report:
    """Read the articles under ``paths`` and report the claims that cannot all be true."""
    config = config or Config()
    progress = progress or Progress(config.progress)
    own_cache = cache is None
    cache = cache if cache is not None else (ModelCache() if config.cache else NoCache())
    timings: dict[str, float] = {}

    @contextmanager
    def timed(stage: str) -> Iterator[None]:
        t = time.perf_counter()
        yield
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - t, 3)

    try:
        with timed("ingest"):
            progress.stage("reading articles")
            documents, skipped = read_documents(paths, config)
        with timed("claims"):
            claims = unique_claim_ids([c for d in documents for c in extract_claims(d)])
            docs_by_path = {d.path: d for d in documents}
            progress.stage(f"{len(documents)} articles, {len(claims)} claims")
        with timed("embed"):
            progress.stage("embedding claims")
            vectors = embed_claims(claims, config, cache)
        with timed("facts"):
            kb = load_kb([Path(p) for p in config.kb])
            facts = extract_facts(claims, docs_by_path, kb)
        with timed("group"):
            actors = people_by_document(claims, facts, kb)
            events, _links = (
                group_events(documents, claims, vectors, config.thresholds, actors) if claims else ([], [])
            )
            pairs = candidate_pairs(claims, vectors, events, config.thresholds) if claims else []
            progress.stage(f"{len(events)} events, {len(pairs)} candidate pairs")
        context = JudgeContext(documents=docs_by_path, facts=facts)
        with timed("judge"):
            progress.stage("judging pairs")
            pair_verdicts, claim_verdicts, nli_pairs = run_judges(
                pairs, claims, context, config, cache, kb, event_dates(documents, events)
            )
        with timed("report"):
            findings = combine(pair_verdicts, claim_verdicts)
    finally:
        if own_cache:
            cache.close()

    stats: dict[str, float | int] = {
        "documents": len(documents),
        "claims": len(claims),
        "candidate_pairs": len(pairs),
        "nli_pairs_scored": nli_pairs,
        "events": len(events),
        "findings": len(findings),
        "skipped": len(skipped),
    }
    for namespace, s in cache.stats.items():
        stats[f"cache_{namespace}_hits"] = s.hits
        stats[f"cache_{namespace}_misses"] = s.misses
    stats.update({f"seconds_{k}": v for k, v in timings.items()})
    stats["seconds_total"] = round(sum(timings.values()), 3)
    return Report(
        version=__version__,
        documents=tuple(documents),
        claims=tuple(claims),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stats=stats,
        events=tuple(events),
    )


def unique_claim_ids(claims: Sequence[Claim]) -> list[Claim]:
    """Claim ids are built from file names; same-named files in two folders sharing a sentence
    would collide, so such ids are re-derived with the full path (rare, and still stable)."""
    owners: dict[str, set[str]] = {}
    for c in claims:
        owners.setdefault(c.id, set()).add(c.document)
    clashing = {cid for cid, docs in owners.items() if len(docs) > 1}
    if not clashing:
        return list(claims)
    return [
        replace(c, id=hashlib.sha1(f"{c.id}|{c.document}".encode()).hexdigest()[:12])
        if c.id in clashing
        else c
        for c in claims
    ]


def event_dates(documents: Sequence[Document], events: Sequence[tuple[str, ...]]) -> dict[str, dt.date]:
    """For each undated article, the date of its event when another article of the event has one.

    Used only where a day's precision does not matter (is a man dead since 1989 acting in the
    story?), never to resolve an undated article's "yesterday".
    """
    dated = {d.path: d.date for d in documents if d.date}
    out: dict[str, dt.date] = {}
    for group in events:
        known = sorted(dated[p] for p in group if p in dated)
        if known:
            for p in group:
                out[p] = dated.get(p, known[0])
    return out


def people_by_document(
    claims: Sequence[Claim], facts: dict[str, Facts], kb: KnowledgeBase
) -> dict[str, dict[str, int]]:
    """Each article's people (KB id → mentions): who acts in a story tells its event."""
    out: dict[str, dict[str, int]] = {}
    for c in claims:
        counts = out.setdefault(c.document, {})
        for m in facts[c.id].mentions:
            entity = kb.get(m.entity_id)
            if entity is not None and entity.type == "person":
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return out


def extract_facts(
    claims: Sequence[Claim], documents: dict[str, Document], kb: KnowledgeBase
) -> dict[str, Facts]:
    from checker.facts.quantities import extract_quantities
    from checker.facts.times import extract_times
    from checker.judges.entity import entity_facts

    out: dict[str, Facts] = {}
    for c in claims:
        document = documents[c.document]
        date = document.date
        out[c.id] = Facts(
            mentions=tuple(entity_facts(c, kb, date, document)),
            quantities=tuple(extract_quantities(c.text, c.lang)),
            times=tuple(extract_times(c.text, c.lang, date)),
        )
    return out


def embed_claims(claims: Sequence[Claim], config: Config, cache: ModelCache | NoCache) -> np.ndarray:
    if not claims:
        return np.zeros((0, 384), dtype=np.float32)
    lazy = _Lazy(_embedder_factory(config))
    texts = [c.text for c in claims]

    def compute(missing: list[int]) -> np.ndarray:
        embedder = lazy.get()
        return embedder.embed_batch([texts[i] for i in missing], kind="passage")  # type: ignore[attr-defined]

    keys = [content_hash(t) for t in texts]
    return cache.cached_compute("embedding", embedder_model_id(config), keys, compute)


def run_judges(
    pairs: Sequence[CandidatePair],
    claims: Sequence[Claim],
    context: JudgeContext,
    config: Config,
    cache: ModelCache | NoCache,
    kb: KnowledgeBase,
    dates_by_event: dict[str, dt.date],
) -> tuple[list[tuple[CandidatePair, list[Verdict]]], list[tuple[Claim, Verdict]], int]:
    from checker.judges.anachronism import AnachronismJudge
    from checker.judges.entity import EntityJudge
    from checker.judges.quantity import QuantityJudge
    from checker.judges.time import TimeJudge, check_document_times

    structured: list[PairJudge] = [EntityJudge(kb), QuantityJudge(), TimeJudge()]
    per_pair: list[list[Verdict]] = [[] for _ in pairs]
    for judge in structured:
        for n, verdict in enumerate(judge.judge_batch(pairs, context)):
            if verdict is not None:
                per_pair[n].append(verdict)

    nli_pairs = 0
    if config.nli.lower() != "none" and pairs:
        from checker.judges.nli import NLIJudge
        from checker.nli.scorer import nli_model_id

        judge = NLIJudge(
            _Lazy(_nli_factory(config)),
            cache=cache,
            threshold=config.thresholds.nli_contradiction,
            model_id=nli_model_id(config.nli),  # cache keys without loading the model
        )
        for n, verdict in enumerate(judge.judge_batch(pairs, context)):
            if verdict is not None:
                per_pair[n].append(verdict)
        nli_pairs = judge.pairs_scored

    claim_verdicts: list[tuple[Claim, Verdict]] = []
    anachronism = AnachronismJudge(kb, event_dates=dates_by_event)
    for claim, verdict in zip(claims, anachronism.judge_claims(claims, context), strict=True):
        if verdict is not None:
            claim_verdicts.append((claim, verdict))

    results = list(zip(pairs, per_pair, strict=True))
    # weekday arithmetic inside each article ("today, Thursday" against "yesterday, Sunday")
    for path, document in context.documents.items():
        own = [c for c in claims if c.document == path]
        for conflict in check_document_times(own, document, context.facts):
            if len(conflict.claims) == 1:
                claim_verdicts.append((conflict.claims[0], conflict.verdict))
            else:
                a, b = conflict.claims[0], conflict.claims[-1]
                results.append((CandidatePair(a, b, 1.0, "same-article"), [conflict.verdict]))
    return results, claim_verdicts, nli_pairs
