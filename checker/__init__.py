"""A fact-consistency checker for Arabic and Persian news.

    >>> import checker
    >>> report = checker.check(["seeds/"], checker.Config(nli="none"))
    >>> [f.kind for f in report.findings]
    ['entity']

    >>> article = checker.Article(text="...", title="...", date="2021-02-08", source="IRNA")
    >>> report = checker.check_texts([article], checker.Config(nli="none"))

The names are loaded on first use (PEP 562 ``__getattr__``), so ``import checker`` stays cheap:
the pipeline pulls in numpy and, when a model is needed, torch, which a caller that only wants
``checker.__version__`` or the CLI's ``--help`` should not pay for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from checker.config import Config, Thresholds
    from checker.pipeline import check, check_texts
    from checker.types import Article, Report

_LAZY = {
    "check": "checker.pipeline",
    "check_texts": "checker.pipeline",
    "Config": "checker.config",
    "Thresholds": "checker.config",
    "Report": "checker.types",
    "Article": "checker.types",
}

__all__ = ["Article", "Config", "Report", "Thresholds", "__version__", "check", "check_texts"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
