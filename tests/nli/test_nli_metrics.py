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


def test_each_language_gets_the_lowest_cut_with_the_target_precision() -> None:
    from checker.nli.metrics import calibrate_by_language

    # Arabic: a false positive at 0.95, so 0.9 precision needs a cut above it; Persian: clean at 0.6
    scores = [0.99, 0.97, 0.96, 0.95, 0.5, 0.9, 0.8, 0.6, 0.3]
    positive = [True, True, True, False, True, True, True, True, False]
    langs = ["ar"] * 5 + ["fa"] * 4
    cuts = calibrate_by_language(scores, positive, langs, 0.9)
    assert cuts["ar"].threshold == 0.96 and cuts["ar"].precision == 1.0
    assert cuts["fa"].threshold == 0.6 and cuts["fa"].recall == 1.0


def test_the_per_pair_threshold_and_precision_recall_with_it() -> None:
    from checker.nli.metrics import ContradictionThreshold, precision_recall_each

    cut = ContradictionThreshold(0.85, {"ar": 0.93, "fa": 0.8})
    assert (cut.of("ar", "ar"), cut.of("fa", "fa"), cut.of("ar", "fa"), cut.of("en", "en")) == (
        0.93,
        0.8,
        0.85,
        0.85,
    )
    assert "ar 0.93" in cut.describe() and "fa 0.8" in cut.describe()
    # 0.9 is flagged in Persian (cut 0.8), not in Arabic (cut 0.93)
    p, r = precision_recall_each([0.9, 0.9], [True, True], [cut.of("fa", "fa"), cut.of("ar", "ar")])
    assert (p, r) == (1.0, 0.5)
