"""Recall and false-positive rates over outcomes, per kind and language, and the quality floors."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.e2e.runner import Outcome

FLOORS_FILE = Path(__file__).resolve().parent.parent / "floors.json"
RECALL_MARGIN = 0.05  # floors sit this far under the measured value, and at least one case under it
F1_MARGIN = 0.02
FP_MARGIN = 0.05


@dataclass(frozen=True)
class Rate:
    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else float("nan")

    def cell(self) -> str:
        return f"{self.hits}/{self.n}" if self.n else "–"

    def pct(self) -> str:
        return f"{self.value:.2f}" if self.n else "–"


def rate(outcomes: Iterable[Outcome], strict: bool = False) -> Rate:
    """Share of outcomes flagged: recall over positives, false-positive rate over controls."""
    items = list(outcomes)
    return Rate(sum(o.strict if strict else o.lenient for o in items), len(items))


def select(
    outcomes: Sequence[Outcome], *, control: bool, lang: str | None = None, kind: str | None = None
) -> list[Outcome]:
    return [
        o
        for o in outcomes
        if o.control == control and (lang is None or o.lang == lang) and (kind is None or o.kind == kind)
    ]


def _floor(x: float, margin: float) -> float:
    return max(0.0, math.floor((x - margin) * 100) / 100)


def _recall_floor(r: Rate) -> float:
    """The measured recall less the margin, or less one case when one case weighs more."""
    return _floor(r.value, max(RECALL_MARGIN, 1 / r.n))


def _ceil(x: float, margin: float) -> float:
    return min(1.0, math.ceil((x + margin) * 100) / 100)


def floors(outcomes: Sequence[Outcome], dev_f1: dict[str, float] | None) -> dict[str, object]:
    """Floors (and the false-positive ceiling) from a run's measurements, with their margins."""
    recall_l = {lang: rate(select(outcomes, control=False, lang=lang)) for lang in ("ar", "fa")}
    recall_l["all"] = rate(select(outcomes, control=False))
    recall_s = {lang: rate(select(outcomes, control=False, lang=lang), strict=True) for lang in ("ar", "fa")}
    recall_s["all"] = rate(select(outcomes, control=False), strict=True)
    fp = rate(select(outcomes, control=True))
    out: dict[str, object] = {
        "recall_lenient": {k: _recall_floor(r) for k, r in recall_l.items() if r.n},
        "recall_strict": {k: _recall_floor(r) for k, r in recall_s.items() if r.n},
        "control_fp_rate_max": _ceil(fp.value, FP_MARGIN) if fp.n else 1.0,
        "measured": {
            "recall_lenient": {k: round(r.value, 4) for k, r in recall_l.items() if r.n},
            "recall_strict": {k: round(r.value, 4) for k, r in recall_s.items() if r.n},
            "control_fp_rate": round(fp.value, 4) if fp.n else None,
        },
    }
    if dev_f1:
        out["nli_dev_macro_f1"] = {k: _floor(v, F1_MARGIN) for k, v in dev_f1.items()}
        out["measured"]["nli_dev_macro_f1"] = dev_f1  # type: ignore[index]
    return out


def write_floors(data: dict[str, object], path: Path = FLOORS_FILE) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_floors(path: Path = FLOORS_FILE) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))
