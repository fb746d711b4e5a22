"""The NLI dev metrics, from ``python -m eval.nli_eval`` (someone else's module, not re-implemented).

``eval.nli_eval`` writes its own section of RESULTS.md (per-class scores, confusion matrices) and
prints one summary line per dev split on stderr; this module runs it in a subprocess and reads
those lines, for run_eval's summary and for the quality floors.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

from checker.errors import CheckerError, ModelError
from checker.home import PROJECT_ROOT

_LINE = re.compile(r"^(?P<title>.+): accuracy (?P<acc>[0-9.]+) macro-F1 (?P<f1>[0-9.]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class DevScore:
    split: str  # e.g. "ANS stance_dev (ar)"
    accuracy: float
    macro_f1: float


def nli_available(name: str) -> tuple[bool, str]:
    """Whether the NLI model ``name`` can be loaded here, and if not, why (one line)."""
    if name.lower() == "none":
        return False, "the NLI judge is turned off (nli = none)"
    try:
        from checker.nli.scorer import nli_model_id

        nli_model_id(name)
    except (ModelError, CheckerError) as exc:
        return False, str(exc)
    return True, ""


def run_nli_eval(nli: str, write: bool = True, limit: int = 0, timeout: float = 3600) -> list[DevScore]:
    """Run ``python -m eval.nli_eval`` and return its per-split accuracy and macro-F1.

    Raises:
        ModelError: the command failed (its last stderr line says why) or printed no scores.
    """
    cmd = [sys.executable, "-m", "eval.nli_eval", "--nli", nli]
    if not write:
        cmd.append("--no-write")
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    scores = [DevScore(m["title"], float(m["acc"]), float(m["f1"])) for m in _LINE.finditer(proc.stderr)]
    if proc.returncode != 0 or not scores:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise ModelError(f"python -m eval.nli_eval failed (exit {proc.returncode}): {tail}")
    return scores
