"""The judges, by name. ``Config.judges`` lists the ones a run uses, in order.

Adding a judge is one class (``checker.judges.base``: a ``build`` class method and one batch
method) and one entry here, e.g. ``"headcount": "checker.judges.headcount:HeadcountJudge"``. A
config may also name a judge of its own by import path (``"mypackage.judges:MyJudge"``).

Modules are imported when a run builds its judges, not when ``checker`` is imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from checker.errors import ConfigError

if TYPE_CHECKING:
    from checker.judges.base import Judge, JudgeClass, JudgeSetup

JUDGES = MappingProxyType(
    {
        # pair judges, in the order their verdicts are listed (the most specific first)
        "entity": "checker.judges.entity:EntityJudge",
        "quantity": "checker.judges.quantity:QuantityJudge",
        "time": "checker.judges.time:TimeJudge",
        "nli": "checker.judges.nli:NLIJudge",
        # claim judges
        "figures": "checker.judges.figures:FigureJudge",
        "anachronism": "checker.judges.anachronism:AnachronismJudge",
        "article-time": "checker.judges.time:ArticleTimeJudge",
    }
)
DEFAULT_JUDGES: tuple[str, ...] = tuple(JUDGES)


def judge_class(name: str) -> JudgeClass:
    """The class behind a registered name or a ``module:Class`` path."""
    target = JUDGES.get(name, name)
    module_name, _, class_name = target.partition(":")
    if not class_name:
        raise ConfigError(f"judges: unknown judge {name!r} (known: {', '.join(JUDGES)}; or module:Class)")
    try:
        return cast("JudgeClass", getattr(importlib.import_module(module_name), class_name))
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"judges: cannot import {target!r}: {exc}") from exc


def build_judges(names: Sequence[str], setup: JudgeSetup) -> list[Judge]:
    """The judges named, built for this run; a judge that is switched off is left out."""
    judges = []
    for name in names:
        judge = judge_class(name).build(setup)
        if judge is not None:
            judges.append(judge)
    return judges
