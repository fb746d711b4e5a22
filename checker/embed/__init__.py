"""Sentence embeddings: a registry of embedders, loading (offline), and the built-in default.

>>> from checker.embed import load_embedder
>>> emb = load_embedder("multilingual-e5-small")
>>> emb.embed_batch(["..."], kind="passage").shape
(1, 384)
"""

from checker.embed.default import default_embedder_dir, ensure_default_embedder
from checker.embed.embedder import Embedder, load_embedder
from checker.embed.registry import REGISTRY, EmbedderSpec, get_spec

__all__ = [
    "REGISTRY",
    "Embedder",
    "EmbedderSpec",
    "default_embedder_dir",
    "ensure_default_embedder",
    "get_spec",
    "load_embedder",
]
