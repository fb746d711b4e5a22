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


def tiny_backbone(layers: int = 2) -> object:
    from transformers import XLMRobertaConfig, XLMRobertaModel

    torch.manual_seed(0)
    config = XLMRobertaConfig(
        vocab_size=40, hidden_size=16, num_hidden_layers=layers, num_attention_heads=2, intermediate_size=32
    )
    return XLMRobertaModel(config)


def tiny_model() -> CrossEncoderNLI:
    return CrossEncoderNLI(tiny_backbone(), n_frozen=1)


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


@pytest.mark.parametrize(("storage", "tolerance"), [("fp16", 1e-3), ("int8", 1.5e-2)])
def test_an_artifact_stored_either_way_loads_back_to_nearly_the_same_model(
    tmp_path: Path, storage: str, tolerance: float
) -> None:
    from checker.nli.model import ArtifactConfig, load_artifact, save_artifact

    backbone = tiny_backbone()
    model = CrossEncoderNLI(backbone, n_frozen=0)
    config = ArtifactConfig(backbone="tiny", num_layers=2, n_frozen=0, hidden_size=16)
    save_artifact(model, config, tmp_path, storage)
    loaded = load_artifact(tmp_path, backbone, check_fingerprint=False)
    ids, mask = torch.randint(3, 40, (2, 7)), torch.ones(2, 7, dtype=torch.long)
    with torch.inference_mode():
        torch.testing.assert_close(loaded(ids, mask), model.eval()(ids, mask), atol=tolerance, rtol=0)
    original = model.trained_state()
    for name, tensor in loaded.trained_state().items():  # each weight within one rounding step
        step = original[name].abs().max() / (127 if storage == "int8" else 1024)
        assert (tensor - original[name]).abs().max() <= step, name


def test_int8_storage_halves_the_layers_and_keeps_the_rest_in_fp16(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    from checker.nli.model import ArtifactConfig, save_artifact

    model = CrossEncoderNLI(tiny_backbone(), n_frozen=0)
    config = ArtifactConfig(backbone="tiny", num_layers=2, n_frozen=0, hidden_size=16)
    stored = load_file(str(save_artifact(model, config, tmp_path, "int8")))
    assert stored["layers.1.attention.self.query.weight"].dtype == torch.int8
    assert stored["layers.1.attention.self.query.weight.row_scale"].shape == (16, 1)
    assert stored["layers.1.attention.self.query.bias"].dtype == torch.float16
    assert stored["head.dense.weight"].dtype == torch.float16


def test_a_run_that_trains_more_layers_starts_the_new_ones_from_the_backbone() -> None:
    from checker.errors import ModelError

    backbone = tiny_backbone()
    top_trained = CrossEncoderNLI(backbone, n_frozen=1)
    with torch.no_grad():
        for p in top_trained.layers[1].parameters():
            p.add_(1.0)
    state = top_trained.trained_state()  # layer 1 and the head
    deeper = CrossEncoderNLI(backbone, n_frozen=0)
    with pytest.raises(ModelError, match="missing"):
        deeper.load_trained_state(state)  # a whole artifact must hold every trained layer
    deeper.load_trained_state(state, partial=True)
    for name, tensor in deeper.layers[0].state_dict().items():
        torch.testing.assert_close(tensor, backbone.encoder.layer[0].state_dict()[name])
    for name, tensor in deeper.layers[1].state_dict().items():
        torch.testing.assert_close(tensor, top_trained.layers[1].state_dict()[name])


def test_writing_out_a_finished_run_says_nothing_was_stopped(tmp_path: Path) -> None:
    from checker.nli.train import from_checkpoint

    cached, labels, dev = data()
    checkpoint = Checkpoint(tmp_path, "key")
    best, history, _ = train(tiny_model(), cached, labels, dev, RECIPE, checkpoint)
    state, again, _, note = from_checkpoint(tiny_model(), checkpoint, dev, RECIPE, len(cached))
    assert note == "" and again == history
    for name, tensor in best.items():
        torch.testing.assert_close(state[name], tensor)


def test_leaning_on_the_labelled_sets_keeps_them_all_and_a_seeded_share_of_the_made_pairs() -> None:
    from checker.nli.mixture import lean_on_labelled

    labelled = [NLIExample(f"p{i}", "h", "neutral", "fa", "farstail") for i in range(50)]
    made = [NLIExample(f"q{i}", "h", "contradiction", "ar", "gen:negation") for i in range(1000)]
    pairs = labelled + made
    kept, counts = lean_on_labelled(pairs, {"farstail": 50, "gen:negation": 1000}, 0.25, seed=13)
    assert [e for e in kept if e.source == "farstail"] == labelled
    assert 200 < counts["gen:negation"] < 300 and counts["gen:negation"] == len(kept) - 50
    again, _ = lean_on_labelled(pairs, {}, 0.25, seed=13)
    assert again == kept  # the same sample every run: a resumed run's checkpoint key holds
    assert lean_on_labelled(pairs, {"x": 1}, 1.0, seed=13) == (pairs, {"x": 1})
