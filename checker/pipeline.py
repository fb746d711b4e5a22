"""The library call behind the CLI: ``check(paths, config) -> Report``.

files → ingest → claims → facts (entities, quantities, times) → embeddings → events and
candidate pairs → judges (the configured list) → findings. Each stage is its own module; this
one only wires them together, times them, and keeps models lazy so that a fully cached run
never loads one.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from checker import __version__
from checker.cache import ModelCache, NoCache, content_hash
from checker.claims import claims_by_document
from checker.config import Config, load_config
from checker.engine import get_engine
from checker.engine.local import LocalEngine
from checker.engine.work import Engine, Rate, RunCache, nli_to_score, warm_embeddings, warm_nli
from checker.errors import UsageError
from checker.group import candidate_pairs, group_events
from checker.ingest import read_articles, read_documents
from checker.judges import build_judges
from checker.judges.base import ClaimJudge, Judge, JudgeContext, JudgeSetup, PairJudge
from checker.judges.combine import combine, sort_findings
from checker.judges.nli import nli_worthy
from checker.kb import load_kb
from checker.lazy import Lazy
from checker.progress import Progress
from checker.types import (
    Article,
    CandidatePair,
    Claim,
    Document,
    Finding,
    Judgement,
    Report,
    Skipped,
    Verdict,
)

if TYPE_CHECKING:
    from checker.embed.embedder import TextEmbedder


FindingSink = Callable[[Sequence[Finding], Mapping[str, Document]], None]
STREAM_WAVE_PAIRS = 2000  # candidate pairs judged per wave when findings are streamed


def event_waves(
    pairs: Sequence[CandidatePair],
    claims: Sequence[Claim],
    events: Sequence[tuple[str, ...]],
    size: int | None,
) -> list[tuple[list[CandidatePair], list[Claim]]]:
    """The run's pairs and claims in waves of whole events, each of about ``size`` pairs (one wave
    when ``size`` is None). Candidate pairs never cross events, nor does a finding, so what a wave's
    judges decide is final; inside a wave the pairs keep the run's order."""
    if size is None or not events:
        return [(list(pairs), list(claims))]
    event_of = {path: e for e, group in enumerate(events) for path in group}
    pairs_of: dict[int, list[CandidatePair]] = defaultdict(list)
    claims_of: dict[int, list[Claim]] = defaultdict(list)
    for p in pairs:
        pairs_of[event_of[p.a.document]].append(p)
    for c in claims:
        claims_of[event_of[c.document]].append(c)
    waves: list[tuple[list[CandidatePair], list[Claim]]] = []
    wave_pairs: list[CandidatePair] = []
    wave_claims: list[Claim] = []
    for e in range(len(events)):
        wave_pairs += pairs_of[e]
        wave_claims += claims_of[e]
        if len(wave_pairs) >= size:
            waves.append((wave_pairs, wave_claims))
            wave_pairs, wave_claims = [], []
    if wave_pairs or wave_claims or not waves:
        waves.append((wave_pairs, wave_claims))
    return waves


def embedder_model_id(config: Config) -> str:
    """A cache key for the embedder that does not require loading it."""
    from checker.embed.embedder import model_id_for

    return model_id_for(config.embedder, config.embedder_backend)


class _Timer:
    """Seconds per stage, for the report's stats."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        yield
        self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - t, 3)


def check(
    paths: str | Path | Sequence[str | Path],
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    cache: ModelCache | NoCache | None = None,
    on_findings: FindingSink | None = None,
) -> Report:
    """Read the articles under ``paths`` (files or folders) and report the claims that cannot all be true.

    Args:
        paths: one path or several.
        config: the run's settings; None reads checker.toml / [tool.checker] found from the
            current folder upwards, as the command line does.
        progress: progress lines on stderr (by default when stderr is a terminal).
        cache: a model cache to share between runs (by default one under CHECKER_HOME, or none
            with ``config.cache = False``).
        on_findings: called with each wave's findings (and the documents by path) as soon as they
            are decided: the events are judged in waves of about ``STREAM_WAVE_PAIRS`` candidate
            pairs, and an archive run streams its findings to a file this way
            (``checker.report.stream``). The report holds them all, in the usual order.

    Raises:
        UsageError: a path that does not exist.
        ConfigError: a config file with mistakes (every one named).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    missing = [str(p) for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    config = config if config is not None else load_config()
    timer = _Timer()
    engine = get_engine(config)
    try:
        with timer.stage("ingest"):
            read = engine.read(paths, config)  # the Ray engine reads and splits in parallel
            claims = None
            if read is None:
                documents, skipped = read_documents(paths, config)
            else:
                documents, claims, skipped = read
        return _check_documents(
            documents, skipped, config, progress, cache, timer, engine, claims, on_findings
        )
    finally:
        engine.close()


def check_texts(
    articles: Sequence[Article | Mapping[str, Any]],
    config: Config | None = None,
    *,
    cache: ModelCache | NoCache | None = None,
) -> Report:
    """Check articles held in memory: ``Article`` objects or mappings with its fields (``text``, and
    ``title``, ``date``, ``source``, ``id``, ``lang``, ``url``), like AlignScore's ``score(contexts, claims)``
    front door. An article's ``id`` (default ``article-N``) names it in the report.

    Args:
        articles: the articles, in order.
        config: the run's settings (``Config()`` when None: no file is read).
        cache: as for ``check``.
    """
    if isinstance(articles, str | Article) or isinstance(articles, Mapping):
        raise UsageError("check_texts takes a list of articles")
    timer = _Timer()
    with timer.stage("ingest"):
        documents, skipped = read_articles(articles)
    return _check_documents(documents, skipped, config or Config(), None, cache, timer)


def _check_documents(
    documents: Sequence[Document],
    skipped: Sequence[Skipped],
    config: Config,
    progress: Progress | None,
    cache: ModelCache | NoCache | None,
    timer: _Timer,
    engine: Engine | None = None,
    claims_of: Sequence[Sequence[Claim]] | None = None,
    on_findings: FindingSink | None = None,
) -> Report:
    """The stages after ingest. ``engine`` computes what the cache lacks ahead of the stages that
    need it (``checker.engine``; the local one by default); ``claims_of``: each document's claims
    when the engine already split them."""
    progress = progress or Progress(config.progress)
    engine = engine or LocalEngine(config)
    own_cache = cache is None
    store = cache if cache is not None else (ModelCache() if config.cache else NoCache())
    cache = cast(ModelCache, RunCache(store))  # the store, plus what the engine computed this run
    try:
        with timer.stage("claims"):
            if claims_of is None:  # an article claim extraction fails on is listed in skipped
                documents, claims_of, failed_claims = claims_by_document(documents)
                skipped = [*skipped, *failed_claims]
            per_document = claims_of
            claims = unique_claim_ids([c for doc_claims in per_document for c in doc_claims])
            docs_by_path = {d.path: d for d in documents}
            progress.stage(f"{len(documents)} articles, {len(claims)} claims")
        # facts before vectors: they need no model, and an article they fail on leaves the run
        # (listed in skipped) before any of its claims is embedded
        with timer.stage("facts"):
            progress.stage("reading facts")
            kb = load_kb([Path(p) for p in config.kb])
            facts, failed = engine.facts(claims, documents, kb)  # Ray: in its workers
            if failed:  # listed in skipped with the reason; the rest is still checked
                documents = [d for d in documents if d.path not in failed]
                claims = [c for c in claims if c.document not in failed]
                docs_by_path = {d.path: d for d in documents}
                skipped = [*skipped, *(Skipped(path, reason) for path, reason in failed.items())]
        with timer.stage("embed"):
            progress.stage("embedding claims")
            warm_embeddings(engine, claims, config, cast(RunCache, cache), progress)
            vectors = embed_claims(claims, config, cache)
        with timer.stage("group"):
            people = facts.people()
            events = group_events(documents, claims, vectors, config.thresholds, people)[0] if claims else []
            pairs = candidate_pairs(claims, vectors, events, config.thresholds) if claims else []
            facts = facts.with_events(documents, events)
            progress.stage(f"{len(events)} events, {len(pairs)} candidate pairs")
        with timer.stage("judge"):
            judges = build_judges(config.judges, JudgeSetup(config, kb, cache))
            context = JudgeContext(docs_by_path, facts)
            waves = event_waves(pairs, claims, events, STREAM_WAVE_PAIRS if on_findings else None)
            nli_on = "nli" in config.judges
            nli_rate = None
            if len(waves) > 1:  # one count of the NLI work over every wave, for its rate and ETA
                worthy_all = [p for p in pairs if nli_worthy(p, facts)] if nli_on else []
                nli_rate = Rate(
                    progress, "NLI pairs", nli_to_score(worthy_all, config, cast(RunCache, cache))
                )
            judgements: list[Judgement] = []
            judge_stats: dict[str, int] = {}
            findings = []
            for wave_pairs, wave_claims in waves:
                worthy = [p for p in wave_pairs if nli_worthy(p, facts)] if nli_on else []
                warm_nli(engine, worthy, config, cast(RunCache, cache), progress, nli_rate)
                if len(waves) == 1:
                    progress.stage("judging pairs")
                run = run_judges(judges, wave_pairs, wave_claims, context)
                judgements += run.judgements
                judge_stats.update(run.stats)
                # a wave holds whole events, and no finding spans two events: these are final
                decided = [f for f in combine(run.judgements, config.thresholds) if config.reports(f.kind)]
                if on_findings is not None and decided:
                    on_findings(decided, docs_by_path)
                findings += decided
        with timer.stage("report"):
            findings = sort_findings(findings)
    finally:
        if own_cache:
            store.close()

    stats: dict[str, float | int] = {
        "documents": len(documents),
        "claims": len(claims),
        "candidate_pairs": len(pairs),
        "nli_pairs_scored": 0,
        **judge_stats,
        "events": len(events),
        "findings": len(findings),
        "skipped": len(skipped),
    }
    for namespace, s in cache.stats.items():
        stats[f"cache_{namespace}_hits"] = s.hits
        stats[f"cache_{namespace}_misses"] = s.misses
    stats.update({f"seconds_{k}": v for k, v in timer.seconds.items()})
    stats["seconds_total"] = round(sum(timer.seconds.values()), 3)
    return Report(
        version=__version__,
        documents=tuple(documents),
        claims=tuple(claims),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stats=stats,
        events=tuple(events),
        pairs=tuple(pairs),
        judgements=tuple(j for j in judgements if j.verdicts),
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


def embed_claims(claims: Sequence[Claim], config: Config, cache: ModelCache | NoCache) -> np.ndarray:
    """One vector per claim (the embedder's own size), through the content-hash cache."""
    if not claims:
        return np.zeros((0, 0), dtype=np.float32)

    def load() -> TextEmbedder:
        from checker.embed.embedder import load_embedder

        return load_embedder(
            config.embedder,
            device=config.device,
            batch_size=config.batch_size,
            backend=config.embedder_backend,
        )

    embedder = Lazy(load)
    texts = [c.text for c in claims]

    def compute(missing: list[int]) -> np.ndarray:
        return embedder.get().embed_batch([texts[i] for i in missing], kind="passage")

    keys = [content_hash(t) for t in texts]
    return cache.cached_compute("embedding", embedder_model_id(config), keys, compute)


@dataclass(frozen=True)
class JudgeRun:
    """Every judgement of a run: one per candidate pair (its verdicts in judge order, maybe none),
    then what the claim judges flagged; and the judges' own counters."""

    judgements: tuple[Judgement, ...]
    stats: dict[str, int] = field(default_factory=dict)


def run_judges(
    judges: Sequence[Judge], pairs: Sequence[CandidatePair], claims: Sequence[Claim], context: JudgeContext
) -> JudgeRun:
    """Run each pair judge over the candidate pairs and each claim judge over the claims, in order."""
    per_pair: list[list[Verdict]] = [[] for _ in pairs]
    flagged: list[Judgement] = []
    stats: dict[str, int] = {}
    for judge in judges:
        if isinstance(judge, PairJudge):
            if pairs:
                for n, verdict in enumerate(judge.judge_batch(pairs, context)):
                    if verdict is not None:
                        per_pair[n].append(verdict)
        elif isinstance(judge, ClaimJudge):
            flagged.extend(judge.judge_claims(claims, context))
        else:
            raise TypeError(f"{type(judge).__name__} has neither judge_batch nor judge_claims")
        counters = getattr(judge, "stats", None)
        if callable(counters):
            stats.update(counters())
    paired = [Judgement((p.a, p.b), tuple(vs)) for p, vs in zip(pairs, per_pair, strict=True)]
    return JudgeRun((*paired, *flagged), stats)
