"""Classification metrics for NLI dev sets, and the contradiction-threshold calibration.

Kept apart from training and evaluation so that both report the very same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from checker.nli.data import LABELS


@dataclass(frozen=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Metrics:
    """Accuracy, macro-F1 over the three labels, per-class scores, confusion[gold][pred]."""

    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScores]
    confusion: dict[str, dict[str, int]]
    n: int


def classification_metrics(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS
) -> Metrics:
    if len(gold) != len(pred) or not gold:
        raise ValueError("gold and pred must be non-empty and of equal length")
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    per_class = {}
    for lab in labels:
        tp = confusion[lab][lab]
        predicted = sum(confusion[g][lab] for g in labels)
        support = sum(confusion[lab].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[lab] = ClassScores(precision, recall, f1, support)
    accuracy = sum(confusion[lab][lab] for lab in labels) / len(gold)
    macro_f1 = sum(c.f1 for c in per_class.values()) / len(labels)
    return Metrics(accuracy, macro_f1, per_class, confusion, len(gold))


@dataclass(frozen=True)
class Calibration:
    """The lowest threshold on a conflict score whose precision reaches ``target`` on dev."""

    threshold: float
    precision: float
    recall: float
    target: float
    positives: int
    n: int


def threshold_for_precision(
    scores: Sequence[float], positive: Sequence[bool], target: float = 0.9
) -> Calibration:
    """Scan the distinct scores from high to low; keep the lowest cut with precision >= target.

    Lower cuts catch more conflicts, so the lowest one that still meets the precision target is
    the useful default. If no cut reaches the target the highest-precision cut is returned and
    its precision says so.
    """
    pairs = sorted(zip(scores, positive, strict=True), key=lambda x: -x[0])
    total_pos = sum(positive)
    best: Calibration | None = None
    fallback: Calibration | None = None
    tp = fp = 0
    for i, (score, pos) in enumerate(pairs):
        tp += pos
        fp += not pos
        if i + 1 < len(pairs) and pairs[i + 1][0] == score:
            continue  # a cut can only fall between distinct scores
        precision, recall = tp / (tp + fp), tp / total_pos if total_pos else 0.0
        cal = Calibration(float(score), precision, recall, target, total_pos, len(pairs))
        if precision >= target:
            best = cal
        if fallback is None or precision > fallback.precision:
            fallback = cal
    if best is not None:
        return best
    if fallback is None:
        raise ValueError("no scores to calibrate on")
    return fallback


def calibrate_by_language(
    scores: Sequence[float], positive: Sequence[bool], languages: Sequence[str], target: float = 0.9
) -> dict[str, Calibration]:
    """``threshold_for_precision`` on each language's pairs apart: one model's scores mean different
    things in different languages (on the dev sets of the shipped head, precision 0.9 needs 0.98 on
    Arabic ANS but 0.89 on Persian FarsTail), so one cut for both is too strict for one and too
    loose for the other."""
    out = {}
    for lang in sorted(set(languages)):
        part = [i for i, x in enumerate(languages) if x == lang]
        out[lang] = threshold_for_precision([scores[i] for i in part], [positive[i] for i in part], target)
    return out


@dataclass(frozen=True)
class ContradictionThreshold:
    """The NLI judge's cut on the contradiction score: a language's own for two claims in that
    language (``by_language``, calibrated on its dev pairs), ``general`` (calibrated on all dev
    pairs together) across languages and for a language without its own."""

    general: float
    by_language: Mapping[str, float] = field(default_factory=dict)

    def of(self, lang_a: str, lang_b: str) -> float:
        return self.by_language.get(lang_a, self.general) if lang_a == lang_b else self.general

    def describe(self) -> str:
        own = ", ".join(f"{lang} {t:g}" for lang, t in sorted(self.by_language.items()))
        return f"{self.general:g}" + (f" ({own}; {self.general:g} across languages)" if own else "")


def precision_recall_at(
    scores: Sequence[float], positive: Sequence[bool], threshold: float
) -> tuple[float, float]:
    return precision_recall_each(scores, positive, [threshold] * len(scores))


def precision_recall_each(
    scores: Sequence[float], positive: Sequence[bool], thresholds: Sequence[float]
) -> tuple[float, float]:
    """``precision_recall_at`` with a threshold per pair (its language's)."""
    flagged = [p for s, p, t in zip(scores, positive, thresholds, strict=True) if s >= t]
    tp, total = sum(flagged), sum(positive)
    return (tp / len(flagged) if flagged else 0.0, tp / total if total else 0.0)
