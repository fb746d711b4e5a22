"""What the reliability tests share: private CHECKER_HOMEs, real read-only files, the corpus.

Every test that damages something does it in a CHECKER_HOME of its own under ``tmp_path``; the
user's cache (``~/.cache/news-checker``) is only ever read (its built embedder is linked, never
written). "Read-only" is made honestly even when the tests run as root, who may write any file
whatever its mode: then the immutable attribute (``chattr +i``) is set, which binds root too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from seed_runs import KHOMEINI_ARTICLE, REPO, SEEDS

from checker.cache import CACHE_FILE
from checker.embed.default import DEFAULT_EMBEDDER_NAME, ensure_default_embedder

# the stats that describe the run rather than the articles: timings and cache hits. Stats are
# sorted by name and "skipped" comes last, so each of these lines ends with a comma.
_RUN_STAT_LINE = re.compile(r'^    "(?:seconds|cache)_\w+": [-+0-9.e]+,\n', re.MULTILINE)


def stable(report_json: str) -> str:
    """The JSON report byte for byte, less the lines of the run-describing stats."""
    assert report_json.startswith("{") and '"stats": {' in report_json
    return _RUN_STAT_LINE.sub("", report_json)


def small_corpus(folder: Path) -> Path:
    """The headline and first sentence of the seed article whose headline names the wrong man:
    two claims and one high finding, so that a run that embeds everything stays short."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = (SEEDS / KHOMEINI_ARTICLE).read_text(encoding="utf-8").splitlines()[:2]
    (folder / KHOMEINI_ARTICLE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def make_home(root: Path, store: Path | None = None) -> Path:
    """A CHECKER_HOME of its own: ``models/`` links to the built embedder (read, never written),
    ``cache/`` holds a copy of ``store`` when one is given."""
    built = ensure_default_embedder()
    home = root / "home"
    (home / "models").mkdir(parents=True)
    (home / "models" / DEFAULT_EMBEDDER_NAME).symlink_to(built, target_is_directory=True)
    if store is not None:
        (home / "cache").mkdir()
        shutil.copy(store, home / "cache" / CACHE_FILE)
    return home


def copy_built_embedder(destination: Path, source: Path | None = None) -> Path:
    """A private copy of the built embedder (``source``, by default the user's) made of hard links:
    as cheap as a link, and safe to damage as long as a file is replaced (a new inode), never
    written in place."""
    source = source or ensure_default_embedder()
    for path in source.rglob("*"):
        target = destination / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return destination


def replace_file(path: Path, data: bytes) -> None:
    """New contents under the same name (unlink first: hard-linked originals stay whole)."""
    path.unlink()
    path.write_bytes(data)


def _chattr(flag: str, path: Path) -> bool:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """The paths really cannot be written (or, for a folder, have entries added or removed)."""
    undo: list[tuple[Path, int | None]] = []
    try:
        for path in paths:
            if os.geteuid() == 0:
                if shutil.which("chattr") is None or not _chattr("+i", path):
                    pytest.skip("running as root on a file system without chattr +i: nothing is read-only")
                undo.append((path, None))
            else:
                mode = path.stat().st_mode & 0o7777
                path.chmod(mode & ~0o222)
                undo.append((path, mode))
        yield
    finally:
        for path, mode in reversed(undo):
            if mode is None:
                _chattr("-i", path)
            else:
                path.chmod(mode)


def run_check(args: list[str | Path], home: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The real console script in a fresh process (what CI runs), with ``home`` as CHECKER_HOME."""
    env = {
        **os.environ,
        "CHECKER_HOME": str(home),
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "CHECKER_DEBUG": "",
        **kwargs.pop("env", {}),
    }
    script = Path(sys.executable).with_name("check")
    return subprocess.run(
        [str(script), *map(str, args)],
        env=env,
        cwd=kwargs.pop("cwd", REPO),
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )
