"""Read the knowledge-base YAML files: the project's own, then a newsroom's.

The format is documented in checker/resources/kb/README.md. Every mistake is a ConfigError
that names the file and the entry, because the person who reads it is an editor
extending the KB, not the author of this code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from checker.errors import ConfigError
from checker.home import KB_DIR
from checker.kb.model import ENTITY_TYPES, LANGS, Entity, PartialDate, Tenure

_ENTRY_KEYS = frozenset(
    [
        "id",
        "type",
        "names",
        "ambiguous",
        "exclude",
        "born",
        "died",
        "offices",
        "part_of",
        "adjectives",
        "fuzzy",
        "note",
    ]
)
_OFFICE_KEYS = frozenset(["title", "from", "to", "note"])
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there


def core_files() -> list[Path]:
    """The KB files shipped with the project, in a stable order."""
    return sorted(KB_DIR.glob("*.yaml"))


def read_entities(paths: Sequence[Path]) -> dict[str, Entity]:
    """Parse and merge the entries of ``paths`` in order; later files extend earlier ones.

    Raises:
        ConfigError: unreadable file, unknown key, missing id or type, a bad date, a
            duplicate id with a conflicting type or date, or a reference to an unknown id.
    """
    entities: dict[str, Entity] = {}
    for path in paths:
        for position, raw in enumerate(_read_entries(path), start=1):
            entity = _parse_entry(raw, path, position)
            previous = entities.get(entity.id)
            entities[entity.id] = entity if previous is None else _merge(previous, entity, path)
    for entity in entities.values():
        _check_new_entity(entity)
    _check_references(entities)
    return entities


def _read_entries(path: Path) -> list[Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader (C or Python)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read knowledge-base file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {_yaml_reason(exc)}") from exc
    if data is None:
        return []
    if not isinstance(data, Mapping) or set(data) - {"entities"}:
        raise ConfigError(f"{path}: a knowledge-base file holds one top-level key, 'entities' (a list)")
    entries = data.get("entities") or []
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'entities' must be a list")
    return entries


def _where(path: Path, position: int, raw: Any) -> str:
    ident = raw.get("id") if isinstance(raw, Mapping) else None
    return f"{path}: entry {position}" + (f" (id {ident!r})" if ident else "")


def _parse_entry(raw: Any, path: Path, position: int) -> Entity:
    where = _where(path, position, raw)
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: an entry must be a mapping with at least 'id'")
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise ConfigError(f"{where}: missing 'id'")
    kind = raw.get("type")
    if kind is not None and kind not in ENTITY_TYPES:
        raise ConfigError(f"{where}: type must be one of {', '.join(ENTITY_TYPES)}, not {kind!r}")
    fuzzy = raw.get("fuzzy", True)
    if not isinstance(fuzzy, bool):
        raise ConfigError(f"{where}: 'fuzzy' must be true or false")
    note = raw.get("note")
    return Entity(
        id=ident.strip(),
        type=kind or "",
        names=_names(raw.get("names"), where, "names"),
        ambiguous=_strings(raw.get("ambiguous"), where, "ambiguous"),
        exclude=_strings(raw.get("exclude"), where, "exclude"),
        born=_date(raw.get("born"), where, "born"),
        died=_date(raw.get("died"), where, "died"),
        tenures=_tenures(raw.get("offices"), where),
        part_of=_strings(raw.get("part_of"), where, "part_of"),
        adjectives=_names(raw.get("adjectives"), where, "adjectives"),
        fuzzy=fuzzy,
        note=str(note) if note is not None else None,
        files=(str(path),),
    )


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _names(value: Any, where: str, key: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: '{key}' must map a language (ar, fa, en) to a list of spellings")
    out: dict[str, tuple[str, ...]] = {}
    for lang, spellings in value.items():
        if lang not in LANGS:
            raise ConfigError(f"{where}: unknown language {lang!r} under '{key}' (use {', '.join(LANGS)})")
        out[lang] = _strings(spellings, where, f"{key}.{lang}")
    return out


def _date(value: Any, where: str, key: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: '{key}': {exc} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _tenures(value: Any, where: str) -> tuple[Tenure, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: 'offices' must be a list")
    tenures = []
    for item in value:
        if not isinstance(item, Mapping):
            raise ConfigError(f"{where}: each office must be a mapping with 'title'")
        unknown = sorted(set(item) - _OFFICE_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key {', '.join(map(repr, unknown))} in 'offices'")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ConfigError(f"{where}: an office needs 'title' (the id of an entity of type office)")
        start = _date(item.get("from"), where, "offices.from")
        end = _date(item.get("to"), where, "offices.to")
        if start and end and end.latest < start.earliest:
            raise ConfigError(f"{where}: office {title!r} ends ({end.text}) before it starts ({start.text})")
        tenures.append(Tenure(title.strip(), start, end))
    return tuple(tenures)


def _merge(old: Entity, new: Entity, path: Path) -> Entity:
    """A later entry with a known id adds spellings, offices and links; it may not contradict."""
    where = f"{path}: entry {new.id!r}"
    if new.type and old.type and new.type != old.type:
        raise ConfigError(
            f"{where}: duplicate id with a different type ({new.type} here, {old.type} in {old.files[0]})"
        )
    for key in ("born", "died"):
        a, b = getattr(old, key), getattr(new, key)
        if a is not None and b is not None and a != b:
            raise ConfigError(f"{where}: '{key}' is {b.text} here but {a.text} in {old.files[0]}")

    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return a + tuple(x for x in b if x not in a)

    def union_names(
        a: Mapping[str, tuple[str, ...]], b: Mapping[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        merged = dict(a)
        for lang, spellings in b.items():
            merged[lang] = union(merged.get(lang, ()), spellings)
        return merged

    return replace(
        old,
        type=old.type or new.type,
        names=union_names(old.names, new.names),
        ambiguous=union(old.ambiguous, new.ambiguous),
        exclude=union(old.exclude, new.exclude),
        born=old.born or new.born,
        died=old.died or new.died,
        tenures=old.tenures + tuple(t for t in new.tenures if t not in old.tenures),
        part_of=union(old.part_of, new.part_of),
        adjectives=union_names(old.adjectives, new.adjectives),
        fuzzy=old.fuzzy and new.fuzzy,
        note=old.note or new.note,
        files=union(old.files, new.files),
    )


def _check_new_entity(entity: Entity) -> None:
    where = f"{entity.files[0]}: entry {entity.id!r}"
    if not entity.type:
        raise ConfigError(f"{where}: missing 'type' (a new id needs one of {', '.join(ENTITY_TYPES)})")
    if not entity.all_names() and not entity.ambiguous:
        raise ConfigError(f"{where}: no names")
    if entity.tenures and entity.type != "person":
        raise ConfigError(f"{where}: only a person holds 'offices'")
    if (entity.born or entity.died) and entity.type != "person":
        raise ConfigError(f"{where}: only a person has 'born' / 'died'")


def _check_references(entities: Mapping[str, Entity]) -> None:
    for entity in entities.values():
        where = f"{entity.files[-1]}: entry {entity.id!r}"
        for tenure in entity.tenures:
            office = entities.get(tenure.office)
            if office is None or office.type != "office":
                raise ConfigError(
                    f"{where}: office title {tenure.office!r} is not the id of an entity of type office"
                )
        for parent in entity.part_of:
            if parent not in entities:
                raise ConfigError(f"{where}: part_of {parent!r} is not a known id")


def _yaml_reason(exc: yaml.YAMLError) -> str:
    """PyYAML's multi-line message as one line: what is wrong and where (line and column)."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return " ".join(str(exc).split())
