"""Settings for a run: defaults, then checker.toml / [tool.checker], then the command line.

User input is validated with pydantic (``extra="forbid"``), so a misspelt key is an
error that names the key rather than a setting silently ignored.
"""

from __future__ import annotations

import difflib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker.embed.onnx import Backend
from checker.errors import ConfigError
from checker.home import resource_path
from checker.judges import DEFAULT_JUDGES, JUDGES
from checker.nli.metrics import ContradictionThreshold

DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.json", "**/*.jsonl")
# A repository's own papers are no articles, even when they sit beside them.
DEFAULT_EXCLUDE = (
    "README*",
    "Readme*",
    "readme*",
    "LICENSE*",
    "LICENCE*",
    "CHANGELOG*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
)
# languages with their own NLI contradiction threshold (``nli_contradiction_<lang>``)
NLI_LANGUAGES = ("ar", "fa")
# The kinds of finding (``Finding.kind``), what ``select`` and ``ignore`` name.
FINDING_KINDS = ("entity", "number", "date", "contradiction", "anachronism")


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def default_thresholds() -> dict[str, Any]:
    """The defaults of every threshold and score: checker/resources/thresholds.toml (package data)."""
    with resource_path("thresholds.toml").open("rb") as fh:
        return tomllib.load(fh)


_DEFAULT = default_thresholds()


def write_default_thresholds(updates: dict[str, float], path: Path | None = None) -> Path:
    """Rewrite measured defaults in thresholds.toml in place (top-level keys; comments kept).

    For the calibration script and the NLI training, in a source checkout: ``{"pair_similarity":
    0.89}`` replaces the value on that key's line. An unknown key is an error.
    """
    path = path or resource_path("thresholds.toml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for key, value in updates.items():
        at = [n for n, line in enumerate(lines) if line.split("=", 1)[0].strip() == key and "=" in line]
        if len(at) != 1 or key not in _DEFAULT:
            raise KeyError(f"{path}: no single top-level line for {key!r}")
        head, _, tail = lines[at[0]].partition("=")
        comment = tail[tail.index("#") :] if "#" in tail else ""
        lines[at[0]] = f"{head}= {value}" + (f"  {comment.rstrip()}" if comment else "") + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    default_thresholds.cache_clear()
    return path


def _score(section: str | None, key: str) -> Any:
    """A 0..1 setting whose default is read from thresholds.toml."""
    table = _DEFAULT[section] if section else _DEFAULT
    return Field(table[key], ge=0, le=1)


class EntityScores(_Settings):
    """Scores of the entity judge (see checker/judges/entity.py)."""

    anchored: float = _score("entity", "anchored")
    unanchored: float = _score("entity", "unanchored")
    speaker: float = _score("entity", "speaker")
    office_factor: float = _score("entity", "office_factor")
    speaker_overlap: float = _score("entity", "speaker_overlap")


class QuantityScores(_Settings):
    """Scores of the quantity judge (see checker/judges/quantity.py)."""

    concept: float = _score("quantity", "concept")
    noun: float = _score("quantity", "noun")
    context: float = _score("quantity", "context")
    dated_bonus: float = _score("quantity", "dated_bonus")
    hedged_penalty: float = _score("quantity", "hedged_penalty")
    floor: float = _score("quantity", "floor")
    ceiling: float = _score("quantity", "ceiling")


class TimeScores(_Settings):
    """Scores of the time judges (see checker/judges/time.py)."""

    figure_year: float = _score("time", "figure_year")
    date: float = _score("time", "date")
    weekday: float = _score("time", "weekday")
    article_weekday: float = _score("time", "article_weekday")
    article_anchor: float = _score("time", "article_anchor")
    article_stale: float = _score("time", "article_stale")


class FigureScores(_Settings):
    """Scores of the figure ledger (see checker/judges/figures.py)."""

    conflict: float = _score("figures", "conflict")
    updated: float = _score("figures", "updated")
    soft: float = _score("figures", "soft")
    hedge_tolerance: float = _score("figures", "hedge_tolerance")
    hedge_slack: float = Field(_DEFAULT["figures"]["hedge_slack"], ge=0)


class AnachronismScores(_Settings):
    """Scores of the anachronism judge, by the role the dead person acts in."""

    sender: float = _score("anachronism", "sender")
    messenger: float = _score("anachronism", "messenger")
    visitor: float = _score("anachronism", "visitor")
    host: float = _score("anachronism", "host")
    speaker: float = _score("anachronism", "speaker")


class Thresholds(_Settings):
    """Every number that decides what is paired, flagged and how severe it is, in one object.

    The defaults are data: checker/resources/thresholds.toml, which says where each value comes
    from (the measured ones are rewritten by ``python -m eval.calibrate --write``). A config file's
    ``[thresholds]`` table, or a caller, overrides any of them, key by key.
    """

    pair_similarity: float = Field(_DEFAULT["pair_similarity"], ge=-1, le=1)
    pair_similarity_cross_language: float = Field(_DEFAULT["pair_similarity_cross_language"], ge=-1, le=1)
    pair_neighbours: int = Field(_DEFAULT["pair_neighbours"], ge=1)
    headline_body_always: int = Field(_DEFAULT["headline_body_always"], ge=0)
    event_actor_overlap: float = _score(None, "event_actor_overlap")
    min_actor_mentions: int = Field(_DEFAULT["min_actor_mentions"], ge=0)
    event_similarity: float = _score(None, "event_similarity")
    event_claim_similarity: float = Field(_DEFAULT["event_claim_similarity"], ge=-1, le=1)
    max_event_days_apart: int = Field(_DEFAULT["max_event_days_apart"], ge=0)
    news_cycle_hours: float = Field(_DEFAULT["news_cycle_hours"], ge=0)
    event_neighbours: int = Field(_DEFAULT["event_neighbours"], ge=1)
    nli_contradiction: float = _score(None, "nli_contradiction")
    nli_contradiction_ar: float = _score(None, "nli_contradiction_ar")
    nli_contradiction_fa: float = _score(None, "nli_contradiction_fa")
    severity_high: float = _score(None, "severity_high")
    nli_alone: Literal["low", "medium"] = _DEFAULT["nli_alone"]
    entity: EntityScores = Field(default_factory=EntityScores)
    quantity: QuantityScores = Field(default_factory=QuantityScores)
    time: TimeScores = Field(default_factory=TimeScores)
    figures: FigureScores = Field(default_factory=FigureScores)
    anachronism: AnachronismScores = Field(default_factory=AnachronismScores)

    def nli_cut(self) -> ContradictionThreshold:
        """The NLI judge's threshold: ``nli_contradiction_<lang>`` for two claims in that language,
        ``nli_contradiction`` across languages. A config that sets ``nli_contradiction`` alone sets
        the one threshold for every pair: the per-language defaults belong to the shipped head."""
        general_only = "nli_contradiction" in self.model_fields_set
        by_language = {}
        for lang in NLI_LANGUAGES:
            key = f"nli_contradiction_{lang}"
            if not general_only or key in self.model_fields_set:
                by_language[lang] = getattr(self, key)
        return ContradictionThreshold(self.nli_contradiction, by_language)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    embedder: str = "multilingual-e5-small"  # registry name, sentence-transformers id or path
    nli: str = "checker-nli"  # registry name, Hugging Face id or path; "none" turns the NLI judge off
    device: str | None = None  # None: cuda when available, else cpu
    # how the models run: "torch" (fp32), or graphs exported locally on first use and run on the CPU
    # by ONNX Runtime, "onnx" (fp32) or "onnx-int8" (dynamic int8; the `onnx` extra), or by OpenVINO,
    # "openvino" (fp32) or "openvino-int8" (static int8; the `openvino` extra), each with a "-bf16"
    # twin that runs what is not int8 in bfloat16 where the CPU has it; checker/embed/onnx
    embedder_backend: Backend = "torch"
    nli_backend: Backend = "torch"
    # where the stages run: this process, or a Ray cluster (the `ray` extra; checker/engine)
    engine: Literal["local", "ray"] = "local"
    ray_address: str = ""  # "": start a local Ray instance; "auto", or "ray://HOST:10001" for a cluster
    batch_size: int = Field(32, ge=1)
    fail_on: Literal["high", "medium", "low", "none"] = "high"  # "none": report only, exit 0
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()  # added to exclude (ruff's extend-exclude)
    force_exclude: bool = False  # exclude files named on the command line too (as pre-commit passes them)
    # which kinds of finding a run reports (ruff's select / ignore); an empty select means all
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    kb: tuple[str, ...] = ()  # extra knowledge-base files (YAML) a newsroom adds
    max_file_mb: float = Field(20.0, gt=0)  # larger files are skipped with a reason
    cache: bool = True
    progress: bool | None = None  # None: only when stderr is a terminal
    # the judges a run uses, in order: names of checker.judges.JUDGES or "module:Class" paths
    judges: tuple[str, ...] = DEFAULT_JUDGES
    thresholds: Thresholds = Field(default_factory=Thresholds)

    @property
    def excluded(self) -> tuple[str, ...]:
        """Every exclude glob: ``exclude`` and ``extend_exclude``."""
        return (*self.exclude, *self.extend_exclude)

    def reports(self, kind: str) -> bool:
        """Whether findings of ``kind`` are reported (``select`` / ``ignore``)."""
        return (not self.select or kind in self.select) and kind not in self.ignore

    @field_validator("select", "ignore")
    @classmethod
    def _known_kinds(cls, kinds: tuple[str, ...]) -> tuple[str, ...]:
        for kind in kinds:
            if kind not in FINDING_KINDS:
                close = difflib.get_close_matches(kind, FINDING_KINDS, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(FINDING_KINDS)}"
                raise ValueError(f"unknown kind of finding {kind!r} ({hint})")
        return kinds

    @field_validator("judges")
    @classmethod
    def _known_judges(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        for name in names:
            if name not in JUDGES and ":" not in name:
                close = difflib.get_close_matches(name, list(JUDGES), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(JUDGES)})"
                raise ValueError(f"unknown judge {name!r}{hint}")
        return names


CONFIG_FILE = "checker.toml"


_LIST_SETTINGS = ("include", "exclude", "extend_exclude", "kb", "judges", "select", "ignore")


def _message(err: Any, model: type[BaseModel]) -> str:
    """pydantic's words, made to say what to write instead where they do not."""
    loc = err["loc"]
    if err["type"] == "extra_forbidden":
        fields = _model_at(model, loc[:-1]).model_fields
        close = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        return "unknown setting" + (f" (did you mean {close[0]!r}?)" if close else "")
    if err["type"] == "tuple_type" and loc and loc[0] in _LIST_SETTINGS:
        return 'should be a list of strings, e.g. ["**/*.txt"]'
    return str(err["msg"]).removeprefix("Value error, ")


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel]:
    """The settings model a key path leads to (``("thresholds", "entity")`` -> EntityScores)."""
    for key in path:
        field = model.model_fields.get(str(key))
        inner = field.annotation if field is not None else None
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            break
        model = inner
    return model


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
        # only what was set (exclude_unset): a setting left to its default stays unset, which
        # Thresholds.nli_cut reads
        return Config.model_validate({**base.model_dump(exclude_unset=True), **updates})
    except Exception as exc:
        raise ConfigError(_format_validation_error("command line", exc)) from exc
