"""eval.nli_sets judges each pair at its language's threshold, as the NLI judge does."""

from __future__ import annotations

import json

from checker.home import NLI_DIR
from checker.nli.data import NLIExample
from checker.nli.metrics import ContradictionThreshold
from eval.nli_sets import Scored, artifact_threshold, cuts, negation_rows


def _scored(lang: str, label: str, score: float) -> Scored:
    return Scored(NLIExample("p", "h", label, lang, "gen:neg_add"), score, label)


def test_the_shipped_artifact_records_a_threshold_per_language() -> None:
    shipped = json.loads((NLI_DIR / "config.json").read_text(encoding="utf-8"))
    cut = artifact_threshold("checker-nli")
    assert cut is not None and cut.general == shipped["contradiction_threshold"]
    assert cut.by_language == shipped["contradiction_thresholds"]


def test_each_pair_meets_its_languages_cut() -> None:
    cut = ContradictionThreshold(0.85, {"ar": 0.93, "fa": 0.8})
    scored = [
        _scored("ar", "contradiction", 0.9),
        _scored("fa", "contradiction", 0.9),
        _scored("ar-fa", "neutral", 0.9),
    ]
    assert cuts(cut, scored) == [0.93, 0.8, 0.85]
    rows, summary = negation_rows(scored[:2], {"calibrated": cut})
    # the Arabic pair at 0.9 is under its cut (0.93), the Persian one over its cut (0.8)
    assert summary["recall_at_calibrated"] == 0.5 and summary["precision_at_calibrated"] == 1.0
    assert rows[0].startswith("| ar |") and rows[0].endswith("| P 0.000 / R 0.000 |")
    assert rows[1].startswith("| fa |") and rows[1].endswith("| P 1.000 / R 1.000 |")
