"""Settings for a run: defaults, then checker.toml / [tool.checker], then the command line.

User input is validated with pydantic (``extra="forbid"``), so a misspelt key is an
error that names the key rather than a setting silently ignored.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.errors import ConfigError

DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.json", "**/*.jsonl")


class Thresholds(BaseModel):
    """Decision thresholds. Each default is a measured value: see the "Grouping thresholds"
    section of eval/RESULTS.md (``python -m eval.calibrate``) and checker/resources/nli/MODEL_CARD.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # cosine similarity (E5 passage vectors) above which two claims are a candidate pair:
    # the 10th percentile of same-fact pairs (ANS dev, FarsTail val, hand-aligned seed pairs)
    pair_similarity: float = Field(0.89, ge=-1, le=1)
    # the same for claims in two languages: E5 puts translations lower than same-language
    # paraphrases (unrelated Arabic-Persian pairs sit ~0.02 below unrelated same-language ones)
    pair_similarity_cross_language: float = Field(0.86, ge=-1, le=1)
    # nearest neighbours considered per claim when looking for candidate pairs
    pair_neighbours: int = Field(8, ge=1)
    # weighted Jaccard of two articles' people above which they report one event
    # (seeds: same event 0.48-0.75, the 2022 summit against the 2021 visit 0.14-0.19)
    event_actor_overlap: float = Field(0.33, ge=0, le=1)
    # fallback when an article names too few known people: share of aligned claims
    event_similarity: float = Field(0.5, ge=0, le=1)
    # NLI contradiction probability (max of both directions) that makes a finding: calibrated on
    # ANS dev for precision >= 0.9 (0.903, recall 0.554; see checker/resources/nli/MODEL_CARD.md)
    nli_contradiction: float = Field(0.97, ge=0, le=1)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    embedder: str = "multilingual-e5-small"  # registry name, sentence-transformers id or path
    nli: str = "checker-nli"  # registry name, Hugging Face id or path; "none" turns the NLI judge off
    device: str | None = None  # None: cuda when available, else cpu
    batch_size: int = Field(32, ge=1)
    fail_on: Literal["high", "medium", "low"] = "high"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    kb: tuple[str, ...] = ()  # extra knowledge-base files (YAML) a newsroom adds
    max_file_mb: float = Field(20.0, gt=0)  # larger files are skipped with a reason
    cache: bool = True
    progress: bool | None = None  # None: only when stderr is a terminal
    thresholds: Thresholds = Thresholds()


CONFIG_FILE = "checker.toml"


_LIST_SETTINGS = ("include", "exclude", "kb")


def _message(err: Any, model: type[BaseModel]) -> str:
    """pydantic's words, made to say what to write instead where they do not."""
    loc = err["loc"]
    if err["type"] == "extra_forbidden":
        fields = (Thresholds if loc[:1] == ("thresholds",) else model).model_fields
        close = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        return "unknown setting" + (f" (did you mean {close[0]!r}?)" if close else "")
    if err["type"] == "tuple_type" and loc and loc[0] in _LIST_SETTINGS:
        return 'should be a list of strings, e.g. ["**/*.txt"]'
    return str(err["msg"])


def _format_validation_error(source: str, exc: Exception) -> str:
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return f"{source}: {exc}"
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"{source}: {where}: {_message(err, Config)}")
    return "\n".join(lines)


def _snake_keys(table: Any, source: str, where: str = "") -> Any:
    """TOML files often spell keys with dashes (``fail-on``, as ruff and black do): both are accepted,
    but not both at once for one setting."""
    if not isinstance(table, dict):
        return table
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = str(key).replace("-", "_")
        if name in out:
            raise ConfigError(f"{source}: {where}{name}: set twice (as {name!r} and with dashes)")
        out[name] = _snake_keys(value, source, f"{where}{name}.")
    return out


def _relative_to(folder: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """Paths written in a config file mean paths beside that file, wherever ``check`` is run from.

    KB files always are paths; a model name is taken as a path only when such a file or folder
    exists beside the config file (else it stays a registry name or hub id).
    """
    out = dict(settings)
    kb = out.get("kb")
    if isinstance(kb, list | tuple):
        out["kb"] = [str(folder / k) if isinstance(k, str) and not Path(k).is_absolute() else k for k in kb]
    for key in ("embedder", "nli"):
        value = out.get(key)
        if isinstance(value, str) and not Path(value).is_absolute() and (folder / value).exists():
            out[key] = str(folder / value)
    return out


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest checker.toml, else a pyproject.toml with [tool.checker], from ``start`` upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("checker")
            if table is not None:
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def load_config(path: Path | None = None, start: Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the config file (given, or found from ``start``), then ``overrides``.

    Overrides whose value is None are ignored, so a CLI can pass every option.
    Every mistake in the file is reported, one per line, naming the file and key.
    """
    settings: dict[str, Any] = {}
    source = "defaults"
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("checker", {})
        found: tuple[Path, dict[str, Any]] | None = (path, data)
    else:
        found = find_config_file(start or Path.cwd())
    if found:
        file, data = found
        source = str(file)
        settings = _snake_keys(data, source)
        if isinstance(settings, dict):
            settings = _relative_to(file.resolve().parent, settings)
    try:
        base = Config.model_validate(settings)
    except Exception as exc:  # pydantic.ValidationError: turned into readable lines
        raise ConfigError(_format_validation_error(source, exc)) from exc
    updates = {k: v for k, v in overrides.items() if v is not None}
    if not updates:
        return base
    try:
        return Config.model_validate({**base.model_dump(), **updates})
    except Exception as exc:
        raise ConfigError(_format_validation_error("command line", exc)) from exc
