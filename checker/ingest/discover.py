"""Which files a run reads: the paths given, folders walked with include/exclude globs.

Globs are matched against the path relative to the folder given, with ``/``
separators: ``**/`` spans any number of folders (including none), ``*`` and
``?`` stay inside one folder, and a pattern without ``/`` matches a file name
at any depth (as in .gitignore). Hidden files and folders (a name starting with
``.``) are skipped in folder walks: ``check .`` in a project must not read
``.venv/`` or ``.git/``. Symbolic links to folders are not followed (no loops);
links to files are read, and a dangling link is reported as unreadable.

A file named on the command line is read whatever the globs say, unless ``force_exclude`` is on
(ruff's ``--force-exclude``; pre-commit passes staged files by name): it is then left out when a
walk of any folder above it would have excluded it. A named file whose suffix is no article format
(a PDF, a Word file, an image) is skipped with that reason rather than read as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.types import Skipped

# The formats reader.py reads (a file without a suffix is read as text).
ARTICLE_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"}
)


@dataclass(frozen=True)
class Target:
    display: str  # the path as the user gave it, joined with the file inside a folder
    path: Path


def printable(path: str) -> str:
    """A path as it can be shown and written out: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) become ``\\xff`` escapes, so every report can be encoded and
    two such names never look alike."""
    if not any("\udc80" <= ch <= "\udcff" for ch in path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a ``**``-aware glob to a regular expression over relative POSIX paths."""
    pat = pattern.replace("\\", "/").lstrip("/")
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("/**", i) and i + 3 == len(pat):
            out.append("(?:/.*)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[":
            close = pat.find("]", i + 2)
            if close == -1:
                out.append(re.escape(pat[i]))
                i += 1
            else:
                body = pat[i + 1 : close]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = close + 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + r"\Z", re.DOTALL)


def matches(rel: str, patterns: Sequence[str]) -> bool:
    return any(glob_regex(p).match(rel) for p in patterns)


def _walk(
    root: Path, display_root: str, include: Sequence[str], exclude: Sequence[str]
) -> tuple[list[Target], list[str]]:
    """The files of a folder that are articles, and those neither included nor excluded (not read)."""
    found: list[tuple[str, Target]] = []
    ignored: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        rel_folder = here.relative_to(root).as_posix()
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not matches(rel_folder + d, exclude))
        for name in files:
            if name.startswith("."):
                continue
            rel = rel_folder + name
            if matches(rel, exclude):
                continue
            display = printable(os.path.join(display_root, rel))
            if matches(rel, include):
                found.append((rel, Target(display, here / name)))
            else:
                ignored.append(display)
    return [t for _, t in sorted(found, key=lambda item: item[0])], sorted(ignored)


def force_excluded(path: Path, exclude: Sequence[str]) -> bool:
    """Whether a walk of some folder above ``path`` would have excluded it."""
    parts = path.resolve().parts
    return any(matches("/".join(parts[i:]), exclude) for i in range(1, len(parts)))


def discover(
    paths: Sequence[str | Path], include: Sequence[str], exclude: Sequence[str], force_exclude: bool = False
) -> tuple[list[Target], list[Skipped]]:
    """The files to read and the arguments that name nothing or no article format, each sorted
    by the path shown.

    Sorted across arguments, so that ``check b.txt a.txt`` and ``check a.txt b.txt`` (or a shell
    that expands a glob in another order) give the same report byte for byte. A file reached
    twice (named, and inside a folder named; or through a link) is read once, under the name
    that sorts first.
    """
    found: list[Target] = []
    skipped: list[Skipped] = []
    for given in paths:
        display = printable(str(given))
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, display, include, exclude)[0])
        elif path.exists() or path.is_symlink():
            if force_exclude and force_excluded(path, exclude):
                continue
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                kind = path.suffix.lower().lstrip(".").upper()
                skipped.append(
                    Skipped(
                        display, f"not an article format ({kind}): give the text as .txt, .md, .html or .json"
                    )
                )
                continue
            found.append(Target(display, path))
        else:
            skipped.append(Skipped(display, "not found (no such file or folder)"))
    targets: list[Target] = []
    seen: set[str] = set()
    for target in sorted(found, key=lambda t: t.display):
        key = os.path.realpath(target.path)
        if key not in seen:
            seen.add(key)
            targets.append(target)
    return targets, sorted(set(skipped), key=lambda s: s.path)


def ignored_files(paths: Sequence[str | Path], include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Files inside the folders of ``paths`` that are not read: not hidden, not excluded, but not
    matched by ``include`` either (a .docx, an image), for the CLI to mention."""
    return [
        name
        for given in paths
        if Path(given).is_dir()
        for name in _walk(Path(given), printable(str(given)), include, exclude)[1]
    ]
