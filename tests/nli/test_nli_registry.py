"""Model names, label orders read from configs, and errors that name the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ModelError, UnknownModelError
from checker.nli.registry import REGISTRY, get_spec, labels_from_id2label
from checker.nli.scorer import load_nli


def test_label_orders_are_read_case_insensitively() -> None:
    assert labels_from_id2label("x", {0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}) == (
        "entailment",
        "neutral",
        "contradiction",
    )
    assert labels_from_id2label("x", {"0": "contradiction", "1": "neutral", "2": "entailment"}) == (
        "contradiction",
        "neutral",
        "entailment",
    )


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "entailment", 1: "not_entailment"},
        {0: "entailment", 1: "neutral", 2: "neutral"},
    ],
)
def test_labels_that_are_not_three_way_nli_are_refused(id2label: dict[int, str]) -> None:
    with pytest.raises(ModelError, match="'some/model'"):
        labels_from_id2label("some/model", id2label)


def test_registry_knows_the_default_and_a_hub_model() -> None:
    assert get_spec("checker-nli").kind == "checker"
    assert REGISTRY["joeddav/xlm-roberta-large-xnli"].labels == ("contradiction", "neutral", "entailment")
    assert get_spec("someone/some-nli-model").labels is None  # read from its config when loaded


def test_artifact_folder_by_path_is_a_checker_model() -> None:
    spec = get_spec(str(Path(REGISTRY["checker-nli"].source)))
    assert spec.kind == "checker"


def test_missing_path_and_uncached_hub_id_raise_named_errors(tmp_path: Path) -> None:
    with pytest.raises(UnknownModelError, match="no such folder"):
        get_spec(str(tmp_path / "nope"))
    with pytest.raises(ModelError, match="'someone/not-a-cached-nli-model'"):
        load_nli("someone/not-a-cached-nli-model", device="cpu")
