"""Floors sit under the measured values by a margin of at least one case; the ceiling over them."""

from __future__ import annotations

from eval.e2e.metrics import floors, rate, select
from eval.e2e.runner import Outcome


def _outcome(n: int, lang: str, control: bool, hit: bool) -> Outcome:
    return Outcome(f"{lang}-{n}", lang, "number", control, hit, hit, ("number",) if hit else (), 0, 0.1)


def test_floors_allow_one_case_to_flip_and_no_more() -> None:
    outcomes = [_outcome(i, "ar", False, i < 30) for i in range(40)]  # 0.75
    outcomes += [_outcome(i, "fa", False, i < 4) for i in range(16)]  # 0.25, one case = 0.0625
    outcomes += [_outcome(i, "ar", True, i < 1) for i in range(20)]  # 0.05 false positives
    got = floors(outcomes, {"ANS stance_dev (ar)": 0.8105})
    assert got["recall_lenient"] == {"ar": 0.7, "fa": 0.18, "all": 0.55}
    fa = rate(select(outcomes, control=False, lang="fa"))
    assert (fa.hits - 1) / fa.n >= got["recall_lenient"]["fa"] > (fa.hits - 2) / fa.n
    assert got["control_fp_rate_max"] == 0.1
    assert got["nli_dev_macro_f1"] == {"ANS stance_dev (ar)": 0.79}
