"""Score premise/hypothesis pairs with an NLI model: one batch method, in input order.

``load_nli(name)`` takes a registry name ("checker-nli", the default), a folder, or a Hugging Face
id (read only from the local cache: nothing is downloaded). Pairs are tokenised and run in
batches sorted by length under ``torch.inference_mode()``, then put back in input order.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checker.batching import length_batches
from checker.device import resolve_device
from checker.errors import ModelError
from checker.nli.data import LABELS
from checker.nli.registry import NLISpec, get_spec, labels_from_id2label

if TYPE_CHECKING:  # torch is imported when a model is loaded, not when the checker starts
    import torch

Forward = Callable[[Mapping[str, "torch.Tensor"]], "torch.Tensor"]
# the forward pass over a stream of batches, logits in batch order: a backend that can run several
# batches at once (OpenVINO's streams) takes the next batch while the last is still running
ForwardMany = Callable[[Iterable[Mapping[str, "torch.Tensor"]]], Iterable["torch.Tensor"]]


@dataclass(frozen=True)
class NLIResult:
    """The winning label and the probability of each of the three NLI labels."""

    label: str  # "entailment" | "neutral" | "contradiction"
    scores: Mapping[str, float]


class NLIScorer:
    """An NLI model ready to score pairs.

    Attributes:
        model_id: names the exact weights (for cache keys): registry name or path, plus a digest.
        labels: the NLI name of each output index of the model.
    """

    def __init__(
        self,
        model_id: str,
        forward: Forward,
        tokenizer: object,
        labels: Sequence[str],
        device: str,
        batch_size: int = 32,
        max_length: int = 256,
        bf16: bool = False,
        input_names: Sequence[str] = ("input_ids", "attention_mask"),
        forward_many: ForwardMany | None = None,
    ) -> None:
        self.model_id = model_id
        self.labels = tuple(labels)
        self.device = device
        self.batch_size = batch_size
        self.max_length = max_length
        self._forward = forward
        self._forward_many: ForwardMany = forward_many or (lambda batches: map(self._forward_one, batches))
        self._tokenizer = tokenizer
        self._bf16 = bf16
        self._input_names = tuple(input_names)

    def _autocast(self) -> contextlib.AbstractContextManager[object]:
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16) if self._bf16 else contextlib.nullcontext()

    def _forward_one(self, inputs: Mapping[str, torch.Tensor]) -> torch.Tensor:
        with self._autocast():
            return self._forward(inputs)

    def score_batch(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[NLIResult]:
        """One result per (premise, hypothesis) pair, in input order."""
        import torch

        if len(premises) != len(hypotheses):
            raise ValueError(f"{len(premises)} premises but {len(hypotheses)} hypotheses")
        out: list[NLIResult | None] = [None] * len(premises)
        batches = self._batches(premises, hypotheses)
        with torch.inference_mode():
            encoded = (self._encode(premises, hypotheses, batch) for batch in batches)
            for batch, logits in zip(batches, self._forward_many(encoded), strict=True):
                probs = torch.softmax(logits.float(), dim=-1).cpu().tolist()
                for i, row in zip(batch, probs, strict=True):
                    scores = {lab: float(p) for lab, p in zip(self.labels, row, strict=True)}
                    out[i] = NLIResult(max(scores, key=scores.__getitem__), {k: scores[k] for k in LABELS})
        return [r for r in out if r is not None]

    def _encode(
        self, premises: Sequence[str], hypotheses: Sequence[str], batch: Sequence[int]
    ) -> dict[str, torch.Tensor]:
        """One batch of pairs as the model's inputs, on its device."""
        enc = self._tokenizer(  # type: ignore[operator]
            [premises[i] for i in batch],
            [hypotheses[i] for i in batch],
            truncation=True,
            max_length=self.max_length,
            padding=True,
            return_tensors="pt",
        )
        return {k: v.to(self.device) for k, v in enc.items() if k in self._input_names}

    def _batches(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[list[int]]:
        """Pair indices in batches cut by length in tokens (``checker.batching``). Characters are
        a poor proxy for tokens (the ratio differs between Arabic, Persian, digits and Latin
        names): sorted by characters, the NLI dev pairs padded to 175k tokens for 141k real; by
        tokens, 142k."""
        if len(premises) <= 1:
            return [list(range(len(premises)))] if premises else []
        lengths = self._tokenizer(  # type: ignore[operator]
            list(premises), list(hypotheses), truncation=True, max_length=self.max_length, return_length=True
        )["length"]
        return length_batches(lengths, self.batch_size)

    def score(self, premise: str, hypothesis: str) -> NLIResult:
        return self.score_batch([premise], [hypothesis])[0]

    def __repr__(self) -> str:
        return f"NLIScorer({self.model_id!r}, device={self.device!r}, batch_size={self.batch_size})"


def _cpu_bf16(device: str) -> bool:
    import torch

    return (
        device == "cpu"
        and torch.backends.mkldnn.is_available()
        and bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    )


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def nli_model_id(name: str, backend: str = "torch") -> str:
    """The ``model_id`` that ``load_nli(name, backend=backend)`` will have, without loading the
    model (cache keys).

    For the checker's own artifact it names the weights file's digest, so retraining changes it;
    an ONNX backend adds its name (int8 scores are not the fp32 ones).
    """
    from checker.nli.registry import WEIGHTS_FILE

    spec = get_spec(name)
    if spec.kind == "checker":
        weights = Path(spec.source) / WEIGHTS_FILE
        if not weights.is_file():
            raise ModelError(
                f"NLI model {spec.name!r}: no trained artifact in {spec.source} (run `make train-nli`)"
            )
        if backend != "torch":
            from checker.embed.onnx.runtime import backend_suffix

            return f"{spec.name}@{_file_digest(weights)}{backend_suffix(backend)}"
        return f"{spec.name}@{_file_digest(weights)}"
    return spec.name


def _load_checker(spec: NLISpec, device: str, batch_size: int) -> NLIScorer:
    """The trained part on the embedder's backbone: the very modules the embedder runs when it
    is loaded in this process (one copy in memory), else a backbone loaded for both to share."""
    from checker.embed.embedder import load_model
    from checker.embed.registry import get_spec as get_embedder_spec
    from checker.embed.registry import resolve_source
    from checker.embed.shared import transformer_of
    from checker.nli.model import CONFIG_FILE, WEIGHTS_FILE, ArtifactConfig, load_artifact

    directory = Path(spec.source)
    if not (directory / CONFIG_FILE).is_file():
        raise ModelError(
            f"NLI model {spec.name!r}: no trained artifact in {directory} (run `make train-nli`)"
        )
    config = ArtifactConfig.from_file(directory / CONFIG_FILE)
    backbone_dir = resolve_source(get_embedder_spec(config.backbone))
    try:
        shared = load_model(config.backbone, backbone_dir, device)
        backbone = transformer_of(shared)
    except (ModelError, TypeError) as exc:
        raise ModelError(
            f"NLI model {spec.name!r}: cannot load its backbone {config.backbone!r} "
            f"from {backbone_dir}: {exc}"
        ) from exc
    tokenizer = shared.tokenizer
    model = load_artifact(directory, backbone).to(device)

    def forward(inputs: Mapping[str, torch.Tensor]) -> torch.Tensor:
        return model(inputs["input_ids"], inputs["attention_mask"])

    # the closure holds ``shared``: while the scorer lives, an embedder loaded later reuses it
    forward.backbone = shared  # type: ignore[attr-defined]
    model_id = f"{spec.name}@{_file_digest(directory / WEIGHTS_FILE)}"
    return NLIScorer(
        model_id, forward, tokenizer, config.labels, device, batch_size, config.max_length, _cpu_bf16(device)
    )


def _load_onnx(spec: NLISpec, batch_size: int, backend: str) -> NLIScorer:
    """Backend selection: the checker's own model on ONNX Runtime (checker/embed/onnx)."""
    from checker.embed.onnx.runtime import load_onnx_nli

    if spec.kind != "checker":
        raise ModelError(
            f"NLI model {spec.name!r}: the {backend!r} backend exports the checker's own NLI model only; "
            'use backend = "torch" for Hugging Face models'
        )
    base_id = nli_model_id(spec.name)
    return load_onnx_nli(spec, base_id, base_id.rsplit("@", 1)[-1], batch_size, backend)


def _load_hf(spec: NLISpec, device: str, batch_size: int) -> NLIScorer:

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(spec.source, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(spec.source, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"NLI model {spec.name!r} is neither a local folder nor in the Hugging Face cache, and no "
            f"hub is reached from here ({type(exc).__name__}); download it where a hub is reachable, "
            "or use 'checker-nli'"
        ) from exc
    labels = spec.labels or labels_from_id2label(spec.name, model.config.id2label)
    if model.config.num_labels != len(labels):
        raise ModelError(
            f"NLI model {spec.name!r} has {model.config.num_labels} outputs, expected {len(labels)}"
        )
    model = model.to(device).eval()
    input_names = (
        ("input_ids", "attention_mask", "token_type_ids")
        if getattr(model.config, "type_vocab_size", 0) and model.config.type_vocab_size > 1
        else ("input_ids", "attention_mask")
    )

    def forward(inputs: Mapping[str, torch.Tensor]) -> torch.Tensor:
        return model(**inputs).logits

    model_id = nli_model_id(spec.name)
    max_length = min(int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
    return NLIScorer(model_id, forward, tokenizer, labels, device, batch_size, max_length, False, input_names)


def load_nli(name: str, device: str | None = None, batch_size: int = 32, backend: str = "torch") -> NLIScorer:
    """The NLI model ``name`` (registry name, folder or cached Hugging Face id), ready to score.

    ``backend``: "torch", or "onnx" / "onnx-int8" (ONNX Runtime on the CPU; the checker's own
    model only, whose lower layers are the embedder's: ``checker.embed.onnx``).

    Raises:
        UnknownModelError: a path-like name that does not exist.
        ModelError: the model cannot be found offline, loaded, or its labels mapped; an ONNX
            backend asked of a Hugging Face model, or without the onnx extra.
    """
    from checker.hf import quiet_loading

    spec = get_spec(name)
    if backend != "torch":
        return _load_onnx(spec, batch_size, backend)
    resolved = resolve_device(device)
    with quiet_loading():
        if spec.kind == "checker":
            return _load_checker(spec, resolved, batch_size)
        return _load_hf(spec, resolved, batch_size)
