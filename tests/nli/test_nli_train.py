"""Training checkpoints and resumes: a run cut short and resumed ends where an uncut run ends.

A tiny randomly initialised XLM-R (two layers of width 16) stands in for the backbone, so that the
whole loop runs in a second; the code under test is the real training loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from checker.nli.data import NLIExample
from checker.nli.model import CrossEncoderNLI
from checker.nli.train import Checkpoint, Recipe, train


def tiny_model() -> CrossEncoderNLI:
    from transformers import XLMRobertaConfig, XLMRobertaModel

    torch.manual_seed(0)
    config = XLMRobertaConfig(
        vocab_size=40, hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32
    )
    return CrossEncoderNLI(XLMRobertaModel(config), n_frozen=1)


def data() -> tuple[list[torch.Tensor], list[int], dict[str, tuple[list[torch.Tensor], list[NLIExample]]]]:
    g = torch.Generator().manual_seed(1)
    cached = [torch.randn(int(torch.randint(4, 9, (1,), generator=g)), 16, generator=g) for _ in range(16)]
    labels = [i % 3 for i in range(16)]
    dev_examples = [
        NLIExample("a", "b", ("entailment", "neutral", "contradiction")[i % 3], "ar", "t") for i in range(6)
    ]
    return cached, labels, {"ans_dev": (cached[:6], dev_examples)}


RECIPE = Recipe(epochs=2, batch_size=4, checkpoint_every=1, budget_minutes=0)


class Interrupt(Exception):
    pass


def test_a_resumed_run_ends_where_an_uncut_run_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached, labels, dev = data()
    whole = tiny_model()
    best_whole, history_whole, _ = train(whole, cached, labels, dev, RECIPE)

    cut = tiny_model()
    checkpoint = Checkpoint(tmp_path, "key")
    calls = {"n": 0}
    real_step = torch.optim.AdamW.step

    def step_then_stop(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 6:  # in the second epoch, between two checkpoints
            raise Interrupt
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(torch.optim.AdamW, "step", step_then_stop)
    with pytest.raises(Interrupt):
        train(cut, cached, labels, dev, RECIPE, checkpoint)
    monkeypatch.setattr(torch.optim.AdamW, "step", real_step)
    resumed = tiny_model()  # a new process: nothing but the checkpoint survives
    best_resumed, history_resumed, _ = train(resumed, cached, labels, dev, RECIPE, checkpoint)

    assert [h["epoch"] for h in history_resumed] == [1, 2]
    assert [h["ans_dev"] for h in history_resumed] == [h["ans_dev"] for h in history_whole]
    for name, tensor in best_whole.items():
        torch.testing.assert_close(best_resumed[name], tensor)


def test_a_checkpoint_of_another_run_is_not_resumed(tmp_path: Path) -> None:
    Checkpoint(tmp_path, "one").save({"step": 3})
    assert Checkpoint(tmp_path, "two").load() is None
    assert Checkpoint(tmp_path, "one").load()["step"] == 3  # type: ignore[index]
