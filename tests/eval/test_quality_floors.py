"""Quality floors recorded by `make eval` (eval/floors.json): end-to-end recall on the perturbation
corpora, the false-positive rate on the controls, and the NLI model's macro-F1 on the dev splits.
Slow: it repeats the measurements (a few minutes with a warm cache)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from checker.cache import ModelCache
from checker.config import Config
from eval.e2e.metrics import FLOORS_FILE, rate, read_floors, select
from eval.e2e.nli_dev import nli_available, run_nli_eval
from eval.e2e.perturb import generate
from eval.e2e.runner import corpus_folders, run_pipeline, warm_embeddings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def floors() -> dict:
    if not FLOORS_FILE.is_file():
        pytest.fail(f"{FLOORS_FILE} is missing: run `make eval` to record the floors")
    return read_floors()


def test_end_to_end_recall_and_controls_hold_their_floors(floors: dict) -> None:
    cfg = floors["config"]
    if cfg["nli"] != "none" and not nli_available(cfg["nli"])[0]:
        pytest.fail(f"the floors were recorded with NLI model {cfg['nli']!r}, which is not available")
    pset = generate(per_kind=cfg["per_kind"], seed=cfg["seed"])
    config = Config(nli=cfg["nli"])
    cache = ModelCache()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folders = corpus_folders(pset, Path(tmp))
            warm_embeddings(list(folders.values()), config, cache)
            _, outcomes = run_pipeline(pset, folders, config, cache)
    finally:
        cache.close()
    for mode, strict in (("recall_lenient", False), ("recall_strict", True)):
        for lang, floor in floors[mode].items():
            measured = rate(
                select(outcomes, control=False, lang=None if lang == "all" else lang), strict=strict
            )
            assert measured.value >= floor, (
                f"{mode} {lang}: {measured.cell()} = {measured.value:.3f} < floor {floor}"
            )
    fp = rate(select(outcomes, control=True))
    assert fp.value <= floors["control_fp_rate_max"], f"control false positives {fp.cell()}"


def test_nli_dev_macro_f1_holds_its_floor(floors: dict) -> None:
    wanted = floors.get("nli_dev_macro_f1")
    if not wanted:
        pytest.skip("no NLI floor recorded (make eval ran without a trained NLI model)")
    scores = {d.split: d.macro_f1 for d in run_nli_eval(floors["config"]["nli"], write=False)}
    for split, floor in wanted.items():
        assert scores[split] >= floor, f"{split}: macro-F1 {scores[split]:.3f} < floor {floor}"
