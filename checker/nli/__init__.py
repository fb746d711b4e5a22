"""Natural-language inference: the checker's own Arabic/Persian model, any HF NLI model, and `check pairs`.

Public API (imported lazily, so that ``import checker.nli.data`` does not pull in torch)::

    from checker.nli import load_nli, NLIScorer, NLIResult, score_pairs_file
    scorer = load_nli("checker-nli")            # or a folder, or a cached Hugging Face id
    scorer.score_batch(premises, hypotheses)    # -> list[NLIResult(label, scores)]
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "load_nli": "checker.nli.scorer",
    "NLIScorer": "checker.nli.scorer",
    "NLIResult": "checker.nli.scorer",
    "score_pairs_file": "checker.nli.pairs",
    "read_pairs": "checker.nli.pairs",
    "get_spec": "checker.nli.registry",
    "REGISTRY": "checker.nli.registry",
    "LABELS": "checker.nli.data",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'checker.nli' has no attribute {name!r}")
