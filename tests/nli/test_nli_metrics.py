"""Metrics and the threshold calibration, on hand-checkable inputs."""

from __future__ import annotations

import pytest

from checker.nli.metrics import classification_metrics, precision_recall_at, threshold_for_precision


def test_macro_f1_and_confusion() -> None:
    gold = ["entailment", "entailment", "neutral", "contradiction"]
    pred = ["entailment", "contradiction", "neutral", "contradiction"]
    m = classification_metrics(gold, pred)
    assert m.accuracy == 0.75
    assert m.confusion["entailment"]["contradiction"] == 1
    assert m.per_class["contradiction"].precision == 0.5
    assert m.macro_f1 == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)


def test_threshold_is_the_lowest_cut_meeting_the_target() -> None:
    scores = [0.99, 0.95, 0.9, 0.8, 0.7, 0.6]
    positive = [True, True, True, False, True, False]
    cal = threshold_for_precision(scores, positive, target=0.8)
    assert cal.threshold == 0.7 and cal.precision == 0.8 and cal.recall == 1.0
    assert precision_recall_at(scores, positive, 0.9) == (1.0, 0.75)
