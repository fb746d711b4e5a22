"""Run the exported graphs with ONNX Runtime: the embedder, and the forward pass of the NLI scorer.

Sessions are kept per graph file for the life of the process (``session``), so the embedder and
the NLI scorer, which name the same ``lower`` graph, hold one copy of it between them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from checker.batching import length_batches
from checker.embed.onnx import arithmetic, static_int8
from checker.embed.onnx.export import EXPORT_VERSION, ensure_backbone_graphs, ensure_nli_graph, require_onnx
from checker.embed.onnx.openvino import BROKEN_LENGTHS, Feed, pad_past_broken_lengths
from checker.errors import ModelError

if TYPE_CHECKING:
    from checker.embed.registry import EmbedderSpec
    from checker.nli.registry import NLISpec
    from checker.nli.scorer import NLIScorer


def backend_suffix(backend: str) -> str:
    """What a backend adds to a model id (cache keys): nothing for torch."""
    if backend == "torch":
        return ""
    suffix = f"+{backend}.x{EXPORT_VERSION}"
    if static_int8(backend):
        from checker.embed.onnx.openvino import calibration_digest

        suffix += f".{calibration_digest()}"
    # answers cached before a broken length was padded past are not reused
    padded = "-".join(str(n) for n in sorted(BROKEN_LENGTHS.get(backend, ())))
    return suffix + (f".pad{padded}" if padded else "")


@functools.cache
def _shared_arena(ort: Any) -> None:
    """One memory arena for every session of the process, grown by what each run asks for.

    Each session's own arena grows in doubling chunks and keeps them: over a corpus the sentence
    lengths vary, and 300 real articles left 4.1 GB resident. With one shared arena that extends by
    the size requested (``kSameAsRequested``) the same run peaks at 2.5 GB, as fast (49 s); with no
    arena at all it peaks at 2.0 GB but takes 12% longer (measured with the FAST settings of
    eval/scale.py, 2026-12-02; the same findings in all three)."""
    mem_info = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
    same_as_requested = 1  # arena_extend_strategy; 0 is kNextPowerOfTwo, the default
    ort.create_and_register_allocator(mem_info, ort.OrtArenaCfg(0, same_as_requested, -1, -1))


@functools.cache
def session(path: str) -> Any:
    """One ONNX Runtime session per graph file and process (thread count: ``OMP_NUM_THREADS`` when
    set, else ONNX Runtime's default, one per physical core)."""
    require_onnx()
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    threads = os.environ.get("OMP_NUM_THREADS")
    if threads and threads.isdigit():
        options.intra_op_num_threads = int(threads)
    options.inter_op_num_threads = 1
    _shared_arena(ort)
    options.add_session_config_entry("session.use_env_allocators", "1")  # the shared arena above
    try:
        return ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelError(f"cannot load the ONNX graph {path}: {exc}") from exc


def open_graph(path: Path, backend: str) -> Any:
    """The session that runs one graph: OpenVINO for the ``openvino*`` backends, else ONNX Runtime."""
    if backend.startswith("openvino"):
        from checker.embed.onnx.openvino import ov_session

        return ov_session(str(path), arithmetic(backend))
    return session(str(path))


def run_many(session: Any, feeds: Iterable[Feed]) -> Iterator[tuple[Feed, list[np.ndarray]]]:
    """Each feed with ``session``'s outputs for it, in order: OpenVINO's several requests at once
    (``OVSession.run_many``), ONNX Runtime's one after another (its threads work inside each op)."""
    if hasattr(session, "run_many"):
        return session.run_many(feeds)  # type: ignore[no-any-return]
    return ((feed, session.run(None, feed)) for feed in feeds)


def run_lower_upper(lower: Any, upper: Any, feeds: Iterable[Feed]) -> Iterator[np.ndarray]:
    """The upper graph's output for each feed (``input_ids``, ``attention_mask``), in order: the
    lower graph's hidden states go on to the upper graph as each batch comes out, so that on
    OpenVINO the two graphs' requests run side by side."""
    hidden = run_many(lower, feeds)
    upper_feeds = ({"hidden": out[0], "attention_mask": feed["attention_mask"]} for feed, out in hidden)
    for _, (output, *_) in run_many(upper, upper_feeds):
        yield output


def as_feed(backend: str, ids: np.ndarray, mask: np.ndarray, pad_id: int) -> Feed:
    """Token ids and attention mask as the exported graphs take them (int64, padded past a
    length ``backend`` gets wrong)."""
    ids, mask = pad_past_broken_lengths(backend, ids.astype(np.int64), mask.astype(np.int64), pad_id)
    return {"input_ids": ids, "attention_mask": mask}


def shared_split(embedder_name: str, num_layers: int) -> int:
    """Where the backbone is cut: at the shipped NLI model's frozen boundary when that model sits on
    this embedder (so that both share the lower graph), else after the last layer."""
    from checker.home import NLI_DIR
    from checker.nli.registry import CONFIG_FILE

    try:
        from checker.nli.model import ArtifactConfig

        config = ArtifactConfig.from_file(NLI_DIR / CONFIG_FILE)
    except (OSError, ValueError):
        return num_layers
    if config.backbone == embedder_name and config.num_layers == num_layers:
        return config.n_frozen
    return num_layers


def _layers(backbone_dir: str) -> int:
    import json

    return int(
        json.loads((Path(backbone_dir) / "config.json").read_text(encoding="utf-8"))["num_hidden_layers"]
    )


def _tokenizer(directory: str) -> Any:
    from transformers import AutoTokenizer

    from checker.hf import quiet_loading

    with quiet_loading():
        return AutoTokenizer.from_pretrained(directory, local_files_only=True)


class OnnxEmbedder:
    """The embedder's ``embed_batch`` on ONNX Runtime (fp32 or int8 weights), same prefixes and
    pooling as the sentence-transformers model it was exported from.

    Attributes:
        batch_size: texts per forward pass.
        model_id: the backbone build plus the backend (for cache keys).
    """

    device = "cpu"

    def __init__(
        self,
        spec: EmbedderSpec,
        tokenizer: Any,
        lower: Path,
        upper: Path,
        model_id: str,
        batch_size: int,
        max_length: int = 512,
        backend: str = "onnx",
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        self.spec = spec
        self.model_id = model_id
        self.batch_size = batch_size
        self.max_length = max_length
        self.graphs = (lower, upper)
        self._tokenizer = tokenizer
        self._lower = open_graph(lower, backend)
        self._upper = open_graph(upper, backend)
        self._prefixes = {"query": spec.query_prefix, "passage": spec.passage_prefix}
        self._backend = backend

    @property
    def dimension(self) -> int:
        return int(self._upper.get_outputs()[0].shape[-1] or 384)

    def prefix(self, kind: str) -> str:
        try:
            return self._prefixes[kind]
        except KeyError:
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}") from None

    def embed_batch(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        """Vectors for ``texts`` in input order, float32 with unit norm; batches cut by length in
        tokens (``checker.batching``: characters are a poor proxy across Arabic, Persian and
        digits)."""
        if isinstance(texts, str):
            raise TypeError("embed_batch takes a sequence of texts, not one string")
        prefix = self.prefix(kind)
        prefixed = [prefix + text for text in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        lengths = self._tokenizer(prefixed, truncation=True, max_length=self.max_length, return_length=True)[
            "length"
        ]
        batches = length_batches(lengths, self.batch_size)
        feeds = (self._feed([prefixed[i] for i in batch]) for batch in batches)
        for batch, vectors in zip(batches, run_lower_upper(self._lower, self._upper, feeds), strict=True):
            out[batch] = vectors
        return out

    def _feed(self, texts: list[str]) -> Feed:
        enc = self._tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="np"
        )
        return as_feed(self._backend, enc["input_ids"], enc["attention_mask"], self._tokenizer.pad_token_id)

    def __repr__(self) -> str:
        return f"OnnxEmbedder({self.model_id!r}, batch_size={self.batch_size})"


def load_onnx_embedder(
    spec: EmbedderSpec, source: str, base_id: str, batch_size: int, backend: str
) -> OnnxEmbedder:
    """The embedder ``spec`` (built in ``source``) on the ONNX backend ``backend``."""
    if not Path(source).is_dir():
        raise ModelError(f"embedder {spec.name!r}: the ONNX backends need a local model folder")
    split = shared_split(spec.name, _layers(source))
    lower, upper = ensure_backbone_graphs(source, base_id, split, quantised=backend == "onnx-int8")
    tokenizer = _tokenizer(source)
    if static_int8(backend):
        from checker.embed.onnx import openvino

        lower, upper = openvino.static_int8_graphs(lower, upper, tokenizer, spec.passage_prefix, "embedder")
    return OnnxEmbedder(
        spec, tokenizer, lower, upper, base_id + backend_suffix(backend), batch_size, backend=backend
    )


def load_onnx_nli(
    spec: NLISpec, model_id: str, weights_digest: str, batch_size: int, backend: str
) -> NLIScorer:
    """The checker's own NLI model on ONNX Runtime: the backbone's lower graph (shared with the
    embedder) and the trained part's graph, behind the usual ``NLIScorer``."""
    import torch

    from checker.embed.embedder import model_id_for
    from checker.embed.registry import get_spec as get_embedder_spec
    from checker.embed.registry import resolve_source
    from checker.nli.model import CONFIG_FILE, ArtifactConfig
    from checker.nli.scorer import NLIScorer

    directory = Path(spec.source)
    config = ArtifactConfig.from_file(directory / CONFIG_FILE)
    backbone_dir = resolve_source(get_embedder_spec(config.backbone))
    backbone_id = model_id_for(config.backbone)
    quantised = backend == "onnx-int8"
    split, upper_path = ensure_nli_graph(directory, weights_digest, backbone_dir, backbone_id, quantised)
    lower_path, _ = ensure_backbone_graphs(backbone_dir, backbone_id, split, quantised)
    tokenizer = _tokenizer(backbone_dir)
    if static_int8(backend):
        from checker.embed.onnx import openvino

        prefix = get_embedder_spec(config.backbone).passage_prefix
        lower_path, upper_path = openvino.static_int8_graphs(lower_path, upper_path, tokenizer, prefix, "nli")
    lower, upper = open_graph(lower_path, backend), open_graph(upper_path, backend)

    def forward_many(inputs: Iterable[Mapping[str, torch.Tensor]]) -> Iterator[torch.Tensor]:
        pad_id = tokenizer.pad_token_id
        feeds = (
            as_feed(backend, b["input_ids"].numpy(), b["attention_mask"].numpy(), pad_id) for b in inputs
        )
        for logits in run_lower_upper(lower, upper, feeds):
            yield torch.from_numpy(logits)

    def forward(inputs: Mapping[str, torch.Tensor]) -> torch.Tensor:
        return next(forward_many([inputs]))

    return NLIScorer(
        model_id + backend_suffix(backend),
        forward,
        tokenizer,
        config.labels,
        "cpu",
        batch_size,
        config.max_length,
        forward_many=forward_many,
    )
