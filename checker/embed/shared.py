"""One copy of a backbone per process: the embedder and the NLI model share it when both are loaded.

The checker's NLI model is a trained top on the embedder's own backbone (multilingual-e5-small).
Loaded separately, the two would hold two fp32 copies of the same 118M parameters (most of them
the 250k-word embedding table). Instead every loaded sentence-transformers model is registered
here by its folder and device, weakly: while something holds it (an ``Embedder``, an NLI
scorer), ``load_embedder`` returns the same model and the NLI loader builds on its modules. When
nothing holds it any more it is freed as before; a cache would keep it alive for nothing.
"""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_LIVE: weakref.WeakValueDictionary[tuple[str, str], SentenceTransformer] = weakref.WeakValueDictionary()
_LOCK = threading.Lock()


def _key(source: str, device: str) -> tuple[str, str]:
    path = Path(source)
    return (str(path.resolve()) if path.exists() else source, device)


def live_model(source: str, device: str) -> SentenceTransformer | None:
    """The sentence-transformers model loaded from ``source`` on ``device`` that is still in use."""
    with _LOCK:
        return _LIVE.get(_key(source, device))


def register(source: str, device: str, model: SentenceTransformer) -> SentenceTransformer:
    """Remember ``model`` as the one for ``source`` on ``device``; returns the one to use (an
    earlier live one wins, so that two threads that loaded at once still end with one copy)."""
    with _LOCK:
        key = _key(source, device)
        current = _LIVE.get(key)
        if current is not None:
            return current
        _LIVE[key] = model
        return model


def transformer_of(model: SentenceTransformer) -> Any:
    """The Hugging Face encoder inside a sentence-transformers model (its first module's)."""
    first = model[0]
    encoder = getattr(first, "auto_model", None)
    if encoder is None or not hasattr(encoder, "embeddings") or not hasattr(encoder, "encoder"):
        raise TypeError(f"{type(first).__name__} holds no BERT-like encoder to share")
    return encoder
