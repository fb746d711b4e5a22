"""Export the built E5 backbone and the trained NLI part to ONNX, and quantise them to int8.

Everything is made locally from what ``make install`` built (the embedder folder in CHECKER_HOME)
and the NLI artifact shipped in the wheel; the graphs are written under
``$CHECKER_HOME/models/onnx/<key>/`` (never into git), to a temporary file first and renamed, so an
interrupted export leaves nothing half-written. The key names the backbone build, the cut and this
module's ``EXPORT_VERSION``, so a rebuilt backbone or a retrained NLI head gets new graphs.

Graphs (inputs ``input_ids``/``hidden`` and ``attention_mask``, batch and sequence dynamic):

* ``lower-<k>``: embeddings and backbone layers ``0..k-1`` -> hidden states;
* ``embed-upper-<k>``: backbone layers ``k..`` -> mean pooling -> L2 norm (the sentence vector);
* ``nli-<digest>``: the NLI model's trained layers ``k..`` and head -> three logits.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from checker.errors import ModelError
from checker.home import checker_home

# Bump when a graph changes (what is exported, the opset, the quantisation settings).
EXPORT_VERSION = 1
OPSET = 17


def onnx_dir(backbone_id: str) -> Path:
    """Where the graphs of one backbone build live (``backbone_id``: the embedder's model id)."""
    digest = hashlib.sha256(f"{backbone_id}|export{EXPORT_VERSION}".encode()).hexdigest()[:16]
    return checker_home() / "models" / "onnx" / digest


def require_onnx() -> None:
    """Raise a readable error when the ``onnx`` extra is not installed."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise ModelError(
            f"the ONNX backends need ONNX Runtime and onnx ({exc.name} is missing): "
            "pip install 'news-checker[onnx]', or use backend = \"torch\""
        ) from None


def _additive_mask(attention_mask: Any, dtype: Any) -> Any:
    import torch

    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def _modules() -> tuple[type, type, type]:
    """The export wrappers (defined on first use: torch is imported only when exporting)."""
    import torch
    from torch import nn

    class Lower(nn.Module):
        def __init__(self, embeddings: nn.Module, layers: list[nn.Module]) -> None:
            super().__init__()
            self.embeddings = embeddings
            self.layers = nn.ModuleList(layers)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.embeddings(input_ids=input_ids)
            mask = _additive_mask(attention_mask, hidden.dtype)
            for layer in self.layers:
                hidden = layer(hidden, mask)
            return hidden

    class EmbedUpper(nn.Module):
        def __init__(self, layers: list[nn.Module]) -> None:
            super().__init__()
            self.layers = nn.ModuleList(layers)

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            mask = _additive_mask(attention_mask, hidden.dtype)
            for layer in self.layers:
                hidden = layer(hidden, mask)
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    class NLIUpper(nn.Module):
        def __init__(self, layers: list[nn.Module], head: nn.Module) -> None:
            super().__init__()
            self.layers = nn.ModuleList(layers)
            self.head = head

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            mask = _additive_mask(attention_mask, hidden.dtype)
            for layer in self.layers:
                hidden = layer(hidden, mask)
            return self.head(hidden, attention_mask)

    return Lower, EmbedUpper, NLIUpper


def _load_backbone(directory: str) -> Any:
    from transformers import AutoModel

    from checker.hf import quiet_loading

    with quiet_loading():
        model = AutoModel.from_pretrained(directory, local_files_only=True, attn_implementation="eager")
    return model.eval()


def _export(module: Any, first_input: str, path: Path, output: str, hidden_size: int) -> None:
    """One graph, written atomically; batch and sequence axes dynamic."""
    import torch

    batch, seq = 2, 7
    first = (
        torch.randint(5, 1000, (batch, seq), dtype=torch.long)
        if first_input == "input_ids"
        else torch.randn(batch, seq, hidden_size)
    )
    mask = torch.ones(batch, seq, dtype=torch.long)
    mask[1, -2:] = 0
    axes = {0: "batch", 1: "sequence"}

    def export(tmp: Path) -> None:
        # the TorchScript exporter is the one that handles these graphs without onnxscript; torch
        # warns that it (and features it uses inside) are legacy, and the tracer that Python-level
        # checks are traced as constants (shapes here are dynamic axes): no news to a user exporting
        # once, and the parity tests check what the graphs compute
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                module,
                (first, mask),
                str(tmp),
                input_names=[first_input, "attention_mask"],
                output_names=[output],
                dynamic_axes={first_input: axes, "attention_mask": axes, output: {0: "batch"}},
                opset_version=OPSET,
                dynamo=False,
                external_data=False,
            )

    _write_atomically(path, export)


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """ONNX Runtime's quantiser advises through the root logger; keep that off the CLI's stderr."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)


def _quantise(source: Path, target: Path) -> None:
    """Dynamic int8: weights of MatMul and Gather (the word embeddings) stored as int8, per channel."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _quiet_root_logger():
        _write_atomically(
            target,
            lambda tmp: quantize_dynamic(
                str(source), str(tmp), weight_type=QuantType.QInt8, per_channel=True
            ),
        )


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".onnx", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def graph_path(directory: Path, name: str, quantised: bool) -> Path:
    return directory / f"{name}.{'int8' if quantised else 'fp32'}.onnx"


def ensure_backbone_graphs(
    backbone_dir: str, backbone_id: str, split: int, quantised: bool
) -> tuple[Path, Path]:
    """The lower and embedder-upper graphs of the backbone in ``backbone_dir``, exported (and
    quantised) first when missing.

    Raises:
        ModelError: the onnx extra is missing, or the export failed.
    """
    require_onnx()
    directory = onnx_dir(backbone_id)
    lower, upper = (graph_path(directory, n, quantised) for n in (f"lower-{split}", f"embed-upper-{split}"))
    if lower.is_file() and upper.is_file():
        return lower, upper
    fp32 = [graph_path(directory, n, False) for n in (f"lower-{split}", f"embed-upper-{split}")]
    if not all(p.is_file() for p in fp32):
        import torch

        backbone = _load_backbone(backbone_dir)
        layers = list(backbone.encoder.layer)
        if not 0 <= split <= len(layers):
            raise ModelError(f"cannot cut a {len(layers)}-layer backbone at layer {split}")
        Lower, EmbedUpper, _ = _modules()
        with torch.inference_mode():
            size = backbone.config.hidden_size
            _export(Lower(backbone.embeddings, layers[:split]), "input_ids", fp32[0], "hidden", size)
            _export(EmbedUpper(layers[split:]), "hidden", fp32[1], "embedding", size)
    if quantised:
        for source, target in zip(fp32, (lower, upper), strict=True):
            if not target.is_file():
                _quantise(source, target)
    return lower, upper


def ensure_nli_graph(
    nli_dir: Path, weights_digest: str, backbone_dir: str, backbone_id: str, quantised: bool
) -> tuple[int, Path]:
    """The NLI model's upper graph (its trained layers and head) and the layer it starts at.

    The lower graph is the backbone's own (``ensure_backbone_graphs`` with the same cut), which is
    what lets the embedder and the NLI scorer share it.
    """
    require_onnx()
    from checker.nli.model import CONFIG_FILE, ArtifactConfig

    config = ArtifactConfig.from_file(nli_dir / CONFIG_FILE)
    directory = onnx_dir(backbone_id)
    name = f"nli-{weights_digest}-{config.n_frozen}"
    target = graph_path(directory, name, quantised)
    if target.is_file():
        return config.n_frozen, target
    fp32 = graph_path(directory, name, False)
    if not fp32.is_file():
        import torch

        from checker.nli.model import load_artifact

        model = load_artifact(nli_dir, _load_backbone(backbone_dir))
        _, _, NLIUpper = _modules()
        with torch.inference_mode():
            upper = NLIUpper(list(model.layers[model.n_frozen :]), model.head)
            _export(upper, "hidden", fp32, "logits", model.config.hidden_size)
    if quantised:
        _quantise(fp32, target)
    return config.n_frozen, target
