"""The Ray engine: the same stages on a Ray cluster, for corpora that outgrow one machine.

* **ingest**: the files ``discover`` chose, in slices, read and split into claims by Ray Data
  ``map_batches`` tasks (the files must be readable from every node: a shared folder);
* **facts**: the articles' facts (people, dates, figures; no model), in slices of articles, by
  ``map_batches`` tasks;
* **embed** and **NLI**: the chunks ``checker.engine.work`` plans, scored by ``map_batches`` over
  actor pools, each actor holding its model for the whole run (one actor per CPU, one thread each);
* the rest (events and candidate pairs, the judges, the report) runs on the driver, reading
  the vectors and scores through the run's cache exactly as the local engine does, so the findings
  are the same.

``ray_address`` empty starts a Ray instance on this machine for the run (and stops it after);
``"auto"`` or ``"ray://HOST:10001"`` joins a cluster. A Ray already initialised by the caller (a
test, a notebook) is used as it is and left running.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from checker.errors import UsageError

if TYPE_CHECKING:
    from checker.config import Config
    from checker.facts.stage import FactSheet
    from checker.kb import KnowledgeBase
    from checker.types import Claim, Document, Skipped

# Files per ingest task, and articles per facts task.
FILES_PER_TASK = 64


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise UsageError(
            "engine 'ray' needs Ray Data: pip install 'news-checker[ray]' (or use --engine local)"
        ) from None
    return ray


def _single_thread() -> None:
    """One thread per actor or task: Ray runs one of them per CPU."""
    os.environ["OMP_NUM_THREADS"] = "1"
    import torch

    torch.set_num_threads(1)


def _read_slice(batch: dict[str, np.ndarray], max_mb: float) -> dict[str, list[Any]]:
    from checker.claims import claims_by_document
    from checker.ingest.discover import Target
    from checker.ingest.reader import read_targets

    out: dict[str, list[Any]] = {"i": [], "payload": []}
    for i, blob in zip(batch["i"], batch["targets"], strict=True):
        targets = [Target(display, Path(path)) for display, path in pickle.loads(blob)]
        documents, skipped = read_targets(targets, max_mb)
        documents, claims, failed = claims_by_document(documents)
        skipped = [*skipped, *failed]
        out["i"].append(int(i))
        out["payload"].append(pickle.dumps((documents, claims, skipped)))
    return out


def _facts_slice(batch: dict[str, np.ndarray], kb: KnowledgeBase) -> dict[str, list[Any]]:
    from checker.facts.stage import facts_by_document

    out: dict[str, list[Any]] = {"i": [], "payload": []}
    for i, blob in zip(batch["i"], batch["articles"], strict=True):
        documents, claims = pickle.loads(blob)
        out["i"].append(int(i))
        out["payload"].append(pickle.dumps(facts_by_document(claims, documents, kb)))
    return out


class _EmbedActor:
    def __init__(self, config_json: str) -> None:
        from checker.config import Config
        from checker.engine.local import load_embedder_for

        _single_thread()
        self.embedder = load_embedder_for(Config.model_validate_json(config_json))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {"i": [], "rows": []}
        for i, blob in zip(batch["i"], batch["inputs"], strict=True):
            out["i"].append(int(i))
            out["rows"].append(pickle.dumps(self.embedder.embed_batch(pickle.loads(blob), kind="passage")))
        return out


class _NLIActor:
    def __init__(self, config_json: str) -> None:
        from checker.config import Config
        from checker.engine.local import load_nli_for

        _single_thread()
        self.scorer = load_nli_for(Config.model_validate_json(config_json))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[Any]]:
        from checker.engine.local import nli_rows

        out: dict[str, list[Any]] = {"i": [], "rows": []}
        for i, blob in zip(batch["i"], batch["inputs"], strict=True):
            premises, hypotheses = pickle.loads(blob)
            out["i"].append(int(i))
            out["rows"].append(pickle.dumps(nli_rows(self.scorer, premises, hypotheses)))
        return out


class RayEngine:
    name = "ray"

    def __init__(self, config: Config) -> None:
        ray = _ray()
        self.config = config
        self._started = False
        if not ray.is_initialized():
            from checker.home import checker_home

            local = not config.ray_address
            ray.init(
                address=config.ray_address or None,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
                # a local instance's workers see this run's home (models, cache) and the package
                runtime_env={"env_vars": {"CHECKER_HOME": str(checker_home())}} if local else None,
            )
            self._started = True
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-dataset lines on stderr
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # chunks come back in the order planned
        context.enable_progress_bars = False
        # Ray Data's issue detectors warn every 30 s that the actors hold more memory than they asked
        # for (they hold the models): on a 20,000-article run, 40 KB of the same warning on stderr
        if hasattr(context, "issue_detectors_config"):
            context.issue_detectors_config.detectors = []
        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def close(self) -> None:
        if self._started:
            _ray().shutdown()
            self._started = False

    def read(
        self, paths: Sequence[str | Path], config: Config
    ) -> tuple[list[Document], list[list[Claim]], list[Skipped]]:
        from checker.ingest.discover import discover

        ray = _ray()
        targets, skipped = discover(tuple(paths), config.include, config.exclude)
        slices = [targets[i : i + FILES_PER_TASK] for i in range(0, len(targets), FILES_PER_TASK)]
        items = [
            {"i": n, "targets": pickle.dumps([(t.display, str(t.path.absolute())) for t in part])}
            for n, part in enumerate(slices)
        ]
        documents: list[Document] = []
        claims: list[list[Claim]] = []
        unread: list[Skipped] = list(skipped)
        if not items:
            return documents, claims, unread
        ds = ray.data.from_items(items).map_batches(
            _read_slice, fn_kwargs={"max_mb": config.max_file_mb}, batch_size=1, num_cpus=1
        )
        for row in sorted(ds.iter_rows(), key=lambda r: r["i"]):
            docs, doc_claims, bad = pickle.loads(row["payload"])
            documents += docs
            claims += doc_claims
            unread += bad
        return documents, claims, unread

    def facts(
        self, claims: Sequence[Claim], documents: Sequence[Document], kb: KnowledgeBase
    ) -> tuple[FactSheet, dict[str, str]]:
        """``facts_by_document`` in Ray tasks, ``FILES_PER_TASK`` articles each (no fact spans two
        articles: the same sheet as one call), merged in the articles' order."""
        from checker.facts.stage import claims_by_article, merge_fact_sheets

        ray = _ray()
        own = claims_by_article(claims, documents)
        by_path = {d.path: d for d in documents}
        paths = list(own)
        items = []
        for n, start in enumerate(range(0, len(paths), FILES_PER_TASK)):
            part = paths[start : start + FILES_PER_TASK]
            articles = ([by_path[p] for p in part if p in by_path], [c for p in part for c in own[p]])
            items.append({"i": n, "articles": pickle.dumps(articles)})
        if not items:
            return merge_fact_sheets(claims, []), {}
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _facts_slice, fn_kwargs={"kb": kb}, batch_size=1, num_cpus=1
        )
        sheets, failed = [], {}
        for row in sorted(ds.iter_rows(), key=lambda r: r["i"]):
            sheet, bad = pickle.loads(row["payload"])
            sheets.append(sheet)
            failed.update(bad)
        return merge_fact_sheets(claims, sheets), failed

    def _map(self, actor: type, chunks: Sequence[Any]) -> Iterator[np.ndarray]:
        ray = _ray()
        if not chunks:
            return
        items = [{"i": n, "inputs": pickle.dumps(chunk)} for n, chunk in enumerate(chunks)]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            actor,
            fn_constructor_args=(self.config.model_dump_json(exclude_unset=True),),
            batch_size=1,
            num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=min(self.cpus, len(items))),
        )
        expected = 0
        for row in ds.iter_rows():
            if int(row["i"]) != expected:  # preserve_order is set; never hand back a row misplaced
                raise RuntimeError(f"Ray returned chunk {row['i']} where {expected} was expected")
            expected += 1
            yield pickle.loads(row["rows"])

    def embed_chunks(self, chunks: Sequence[list[str]]) -> Iterator[np.ndarray]:
        yield from self._map(_EmbedActor, chunks)

    def nli_chunks(self, chunks: Sequence[tuple[list[str], list[str]]]) -> Iterator[np.ndarray]:
        yield from self._map(_NLIActor, chunks)
