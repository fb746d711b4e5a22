"""Sentence embeddings for claims: one batch method, as in simonw/llm's ``EmbeddingModel``.

The heavy libraries (torch, sentence-transformers) are imported only when a model is loaded, so
importing ``checker.embed`` stays cheap. Loading never touches the network: registry entries are
local directories, and hub ids are read from the local Hugging Face cache only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, overload

import numpy as np

from checker.batching import length_batches
from checker.device import resolve_device
from checker.embed.default import REBUILD_COMMAND, rebuild_default_embedder
from checker.embed.registry import EmbedderSpec, get_spec, resolve_source
from checker.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Kind = Literal["query", "passage"]


class TextEmbedder(Protocol):
    """What the pipeline needs from an embedder, whatever runs it (torch or ONNX Runtime)."""

    model_id: str
    batch_size: int

    @property
    def dimension(self) -> int: ...

    def embed_batch(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray: ...


class Embedder:
    """L2-normalised float32 vectors for texts, with the prefixes the model was trained with.

    Attributes:
        batch_size: texts per forward pass.
        model_id: identifies the weights, tokenizer and build (for cache keys); the ``kind`` of a
            text is not part of it.
        device: the torch device the model runs on.
    """

    def __init__(
        self, spec: EmbedderSpec, model: SentenceTransformer, model_id: str, batch_size: int
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        self.spec = spec
        self.model = model
        self.model_id = model_id
        self.batch_size = batch_size
        self.device = str(model.device)
        if spec.registered:
            self._prefixes = {"query": spec.query_prefix, "passage": spec.passage_prefix}
        else:  # the model's own prompts, if it defines them (e.g. a saved E5 directory)
            prompts = model.prompts or {}
            self._prefixes = {"query": prompts.get("query") or "", "passage": prompts.get("passage") or ""}

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension() or 0)

    def prefix(self, kind: Kind) -> str:
        """The text put before every input of this kind."""
        try:
            return self._prefixes[kind]
        except KeyError:
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}") from None

    def embed_batch(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Vectors for ``texts`` in input order: shape ``(len(texts), dimension)``, float32, unit norm.

        Batches are cut by length in tokens (``checker.batching``); inputs longer than the model's
        limit (512 tokens for E5) are truncated.
        """
        import torch

        prefix = self.prefix(kind)
        if isinstance(texts, str):
            raise TypeError("embed_batch takes a sequence of texts, not one string")
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        lengths = self.model.tokenizer(
            [prefix + text for text in texts],
            truncation=True,
            max_length=self.model.max_seq_length,
            return_length=True,
        )["length"]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        with torch.inference_mode():
            for batch in length_batches(lengths, self.batch_size):
                out[batch] = self.model.encode(
                    [texts[i] for i in batch],
                    prompt=prefix or None,
                    batch_size=len(batch),
                    show_progress_bar=False,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                )
        return out

    def __repr__(self) -> str:
        return f"Embedder({self.model_id!r}, device={self.device!r}, batch_size={self.batch_size})"


def _model_id(spec: EmbedderSpec, source: str) -> str:
    """Name plus a fingerprint of the files that decide the vectors."""
    path = Path(source)
    if not path.is_dir():
        return spec.name  # a hub id: its cache revision is not known offline
    try:
        built = json.loads((path / "conversion.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = None
    if isinstance(built, dict):
        return (
            f"{spec.name}@{built.get('source')}-{built.get('variant')}-conv{built.get('converter_version')}"
        )
    digest = hashlib.sha256()
    for name in ("modules.json", "config.json", "tokenizer.json", "model.safetensors", "pytorch_model.bin"):
        f = path / name
        if f.is_file():
            stat = f.stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{spec.name}@{digest.hexdigest()[:16]}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


@overload
def load_embedder(
    name: str, device: str | None = None, batch_size: int = 32, backend: Literal["torch"] = "torch"
) -> Embedder: ...


@overload
def load_embedder(
    name: str, device: str | None = None, batch_size: int = 32, backend: str = "torch"
) -> TextEmbedder: ...


def load_embedder(
    name: str, device: str | None = None, batch_size: int = 32, backend: str = "torch"
) -> TextEmbedder:
    """Load an embedder by registry name, local path or (cached) hub id, without network access.

    ``backend``: "torch" (the sentence-transformers model, fp32), "onnx" or "onnx-int8" (ONNX
    Runtime on the CPU, exported from the same local model on first use; ``checker.embed.onnx``).

    Raises:
        ModelError: the model cannot be found or loaded, or the backend's extra is missing; the
            message names the model and says what to do.
    """
    if backend != "torch":
        from checker.embed.onnx.runtime import load_onnx_embedder

        spec = get_spec(name)
        source = resolve_source(spec)
        return load_onnx_embedder(spec, source, _model_id(spec, source), batch_size, backend)
    return _load_torch(name, device, batch_size)


def _load_torch(name: str, device: str | None, batch_size: int) -> Embedder:
    spec = get_spec(name)
    source = resolve_source(spec)
    resolved_device = resolve_device(device)
    return Embedder(spec, load_model(name, source, resolved_device), _model_id(spec, source), batch_size)


def load_model(name: str, source: str, device: str) -> SentenceTransformer:
    """The sentence-transformers model in ``source`` on ``device``: the one already in use in this
    process when there is one (e.g. under the NLI model, ``checker.embed.shared``), else loaded.

    Raises:
        ModelError: as ``load_embedder``.
    """
    from checker.embed.shared import live_model, register

    model = live_model(source, device)
    if model is not None:
        return model
    from sentence_transformers import SentenceTransformer

    from checker.hf import quiet_loading

    def load(source: str) -> SentenceTransformer:
        with quiet_loading():
            return SentenceTransformer(source, device=device, local_files_only=True)

    try:
        model = load(source)
    except Exception as exc:  # a damaged folder fails in many ways (SafetensorError, TypeError, ...)
        reason = _one_line(exc)
        if callable(get_spec(name).source):  # the checker's own build: build it again, once
            source = str(rebuild_default_embedder(reason))
            try:
                model = load(source)
            except Exception as again:
                raise ModelError(
                    f"embedder {name!r}: the model built in {source} cannot be loaded ({_one_line(again)}); "
                    f"rebuild it with {REBUILD_COMMAND}"
                ) from again
        elif Path(source).is_dir():
            raise ModelError(f"embedder {name!r}: cannot load {source}: {reason}") from exc
        elif not isinstance(exc, OSError | ValueError):
            raise ModelError(f"embedder {name!r}: cannot load {source}: {reason}") from exc
        else:
            raise ModelError(
                f"embedder {name!r} is not in the local Hugging Face cache and no model hub is reachable "
                "from here; download it where one is and pass its folder (e.g. --embedder /path/to/model), "
                "or use the built-in 'multilingual-e5-small'"
            ) from exc
    model.eval()
    return register(source, device, model)


def model_id_for(name: str, backend: str = "torch") -> str:
    """The ``model_id`` that ``load_embedder(name, backend=backend)`` would have, without loading
    the model.

    Lets a fully cached run find its vectors without paying for the model load.
    """
    from checker.embed.onnx.runtime import backend_suffix

    spec = get_spec(name)
    return _model_id(spec, resolve_source(spec)) + backend_suffix(backend)
