"""The Ray engine on a Ray instance this test starts on the machine: the same findings as local."""

from __future__ import annotations

from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
pytest.importorskip("onnxruntime")

from checker.cache import NoCache  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.pipeline import check  # noqa: E402

pytestmark = pytest.mark.ray
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def local_ray(private_checker_home):
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def findings(report) -> list[tuple]:
    return [(f.id, f.kind, f.severity, f.score, f.explanation) for f in report.findings]


def test_ray_engine_finds_what_the_local_engine_finds(local_ray) -> None:
    base = Config(embedder_backend="onnx-int8", nli_backend="onnx-int8", cache=False)
    local = check(SEEDS, base, cache=NoCache())
    distributed = check(SEEDS, base.model_copy(update={"engine": "ray"}), cache=NoCache())
    assert findings(distributed) == findings(local) and local.findings
    assert [d.path for d in distributed.documents] == [d.path for d in local.documents]
    assert [c.id for c in distributed.claims] == [c.id for c in local.claims]
    assert distributed.stats["nli_pairs_scored"] == local.stats["nli_pairs_scored"]


def test_the_cli_takes_the_engine_and_leaves_a_callers_ray_running(local_ray, tmp_path) -> None:
    from typer.testing import CliRunner

    from checker.cli import app

    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, [str(SEEDS), "--engine", "ray", "--nli", "none", "--format", "json", "--output", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert '"findings"' in out.read_text(encoding="utf-8")
    assert ray.is_initialized()


def test_ray_datas_memory_warnings_stay_off_stderr(local_ray) -> None:
    """The actors hold the models, more memory than Ray Data sees them ask for: its issue detector
    would print the same warning every 30 s of an archive run."""
    from checker.engine.ray_engine import RayEngine

    RayEngine(Config(engine="ray"))
    assert ray.data.DataContext.get_current().issue_detectors_config.detectors == []


def test_facts_read_in_ray_tasks_are_the_local_sheet(local_ray, monkeypatch) -> None:
    """Slices of articles in Ray tasks give the sheet one call gives (no fact spans two articles)."""
    from checker.claims import claims_by_document
    from checker.engine import ray_engine
    from checker.facts.stage import facts_by_document
    from checker.ingest import read_documents
    from checker.kb import load_kb

    monkeypatch.setattr(ray_engine, "FILES_PER_TASK", 2)  # five seed articles: three tasks
    documents, skipped = read_documents([SEEDS], Config())
    documents, per_document, _ = claims_by_document(documents)
    claims = [c for doc_claims in per_document for c in doc_claims]
    kb = load_kb([])
    local, local_failed = facts_by_document(claims, documents, kb)
    distributed, failed = ray_engine.RayEngine(Config(engine="ray")).facts(claims, documents, kb)
    assert failed == local_failed == {}
    assert dict(distributed.claims) == dict(local.claims) and list(distributed.claims) == list(local.claims)
    assert dict(distributed.documents) == dict(local.documents)
    assert list(distributed.documents) == [d.path for d in documents]
