"""Batches cut by length in tokens: every input once, longest first, within the item and token
budgets; one input longer than the budget alone."""

from __future__ import annotations

import pytest

from checker.batching import length_batches


def test_every_input_once_and_the_budgets_hold() -> None:
    lengths = [7, 1500, 30, 30, 64, 128, 9, 200, 31, 40] * 5
    batches = length_batches(lengths, max_items=8, max_tokens=1024)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) <= 8
        assert len(batch) == 1 or longest * len(batch) <= 1024
        assert lengths[batch[0]] == longest  # longest first
    assert [len(b) for b in batches if lengths[b[0]] == 1500] == [1] * 5  # longer than the budget: alone


def test_short_inputs_fill_whole_batches_and_order_is_stable() -> None:
    assert length_batches([5] * 10, max_items=4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert length_batches([], max_items=4) == []
    with pytest.raises(ValueError, match="max_items"):
        length_batches([1], max_items=0)
