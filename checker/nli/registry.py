"""NLI models by name, with the facts each needs: where it comes from and its label order.

Label orders differ between checkpoints (SummaC's ``model_map`` lesson): index 0 is entailment for
one model and contradiction for another. Registered models carry their order here; any other
Hugging Face sequence-classification model is read from its ``config.json`` (``id2label``), with
the names matched case-insensitively, and refused with a named error when they cannot be matched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from checker.errors import ModelError, UnknownModelError
from checker.home import NLI_DIR
from checker.nli.data import LABELS

# The trained artifact's files (checker/nli/model.py writes them); kept here, away from torch,
# so that finding a model or its cache key imports no deep-learning library.
WEIGHTS_FILE = "checker-nli.safetensors"
CONFIG_FILE = "config.json"

CHECKER_NLI = "checker-nli"


@dataclass(frozen=True)
class NLISpec:
    """One NLI model.

    Attributes:
        kind: "checker" for a trained part put onto an embedder backbone (checker/resources/nli/), "hf" for
            a complete Hugging Face sequence-classification model.
        source: a folder (checker) or a hub id / folder (hf).
        labels: the NLI name of each output index, or None to read it from the model's config.
    """

    name: str
    kind: Literal["checker", "hf"]
    source: str
    labels: tuple[str, ...] | None = None
    note: str = ""


REGISTRY: Mapping[str, NLISpec] = MappingProxyType(
    {
        CHECKER_NLI: NLISpec(
            CHECKER_NLI,
            "checker",
            str(NLI_DIR),
            LABELS,
            "the project's own cross-encoder on the embedded multilingual-e5-small "
            "(checker/resources/nli/MODEL_CARD.md)",
        ),
        "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7": NLISpec(
            "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7",
            "hf",
            "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7",
            ("entailment", "neutral", "contradiction"),
            "multilingual XNLI model (Arabic and Persian among its languages); needs a hub or a local copy",
        ),
        "MoritzLaurer/mDeBERTa-v3-base-mnli-xnli": NLISpec(
            "MoritzLaurer/mDeBERTa-v3-base-mnli-xnli",
            "hf",
            "MoritzLaurer/mDeBERTa-v3-base-mnli-xnli",
            ("entailment", "neutral", "contradiction"),
        ),
        "joeddav/xlm-roberta-large-xnli": NLISpec(
            "joeddav/xlm-roberta-large-xnli",
            "hf",
            "joeddav/xlm-roberta-large-xnli",
            ("contradiction", "neutral", "entailment"),
        ),
    }
)

_SYNONYMS = {
    "entailment": "entailment",
    "entails": "entailment",
    "entail": "entailment",
    "entailed": "entailment",
    "neutral": "neutral",
    "contradiction": "contradiction",
    "contradicts": "contradiction",
    "contradict": "contradiction",
    "contradictory": "contradiction",
}


def labels_from_id2label(name: str, id2label: Mapping[int | str, str]) -> tuple[str, ...]:
    """The NLI name of each output index, from a config's ``id2label``.

    Raises:
        ModelError: the labels are not exactly entailment, neutral and contradiction (e.g. a
            two-way "not_entailment" model, or anonymous ``LABEL_0`` names).
    """
    try:
        ordered = [id2label[i] if i in id2label else id2label[str(i)] for i in range(len(id2label))]  # type: ignore[index]
    except KeyError as exc:
        raise ModelError(f"NLI model {name!r}: id2label is not indexed 0..n-1: {dict(id2label)}") from exc
    mapped = tuple(_SYNONYMS.get(str(lab).strip().lower()) for lab in ordered)
    if sorted(m for m in mapped if m) != sorted(LABELS) or None in mapped:
        raise ModelError(
            f"NLI model {name!r}: cannot map its labels {ordered} onto entailment/neutral/contradiction; "
            "a three-way NLI model is needed"
        )
    return mapped  # type: ignore[return-value]


def is_checker_artifact(path: Path) -> bool:
    return (path / WEIGHTS_FILE).is_file() and (path / CONFIG_FILE).is_file()


def get_spec(name: str) -> NLISpec:
    """The registry entry ``name``, or an unregistered spec for a local folder or hub id.

    Raises:
        UnknownModelError: empty name, or a path-like name that does not exist.
    """
    if name in REGISTRY:
        return REGISTRY[name]
    if not name.strip():
        raise UnknownModelError("NLI model name is empty; known names: " + ", ".join(sorted(REGISTRY)))
    path = Path(name).expanduser()
    if path.is_dir():
        kind: Literal["checker", "hf"] = "checker" if is_checker_artifact(path) else "hf"
        return NLISpec(name, kind, str(path.resolve()), LABELS if kind == "checker" else None)
    if name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name:
        raise UnknownModelError(f"NLI model {name!r}: no such folder")
    return NLISpec(name, "hf", name, None)
