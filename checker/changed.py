"""``--changed-since REF``: keep the findings that touch what changed since a git ref.

The whole corpus is still read and compared (a changed article can contradict an
unchanged one); only findings that touch a change are kept. A change is a changed
line of a plain-text or Markdown article, so that an old error elsewhere is not
reported again just because one of its counterpart sentences sits in an article
someone edited for another reason. The whole article counts as changed when it is
new or untracked, when its lines are not the claims' lines (HTML, JSON: the text is
extracted), or when a changed line that is not blank holds no claim (a dateline or
front matter moves every relative date of the article).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from checker.errors import UsageError
from checker.types import Claim, Report

# Files whose Document.source is the file itself, so claim lines are file lines.
_LINE_EXACT = {".txt", ".md", ".markdown"}
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")

Changes = Mapping[Path, frozenset[int] | None]  # changed lines (1-based, current file), None: all


def _git(ref: str, cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    except FileNotFoundError as exc:
        raise UsageError("--changed-since needs git, which is not installed") from exc
    except subprocess.CalledProcessError as exc:
        reason = (exc.stderr or "").strip().splitlines()
        why = reason[-1] if reason else "not a commit here (a shallow clone? fetch the base branch's history)"
        raise UsageError(f"--changed-since {ref}: {why}") from exc
    return done.stdout


def _unquote(name: str) -> str:
    """A path as git prints it in a patch header: C-quoted when it holds unusual bytes."""
    if not name.startswith('"'):
        return name
    raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")


def _hunks(patch: str, top: Path) -> dict[Path, set[int]]:
    """Changed lines of each file of a ``git diff -U0`` patch, numbered in the current file."""
    out: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in patch.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:])
            current = out.setdefault((top / name[2:]).resolve(), set()) if name.startswith("b/") else None
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            # a pure deletion (count 0) sits between line ``start`` and the next: both count
            current.update(range(start, start + count) if count else (start, start + 1))
    return out


def changed_lines(ref: str, cwd: Path | None = None) -> dict[Path, frozenset[int] | None]:
    """Files changed since ``ref`` (committed, staged, unstaged or untracked), by absolute path,
    each with its changed lines in the current file, or None when the whole file counts (a new or
    untracked file, a binary change)."""
    cwd = cwd or Path.cwd()
    top = Path(_git(ref, cwd, "rev-parse", "--show-toplevel").strip())
    _git(ref, cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    diff = ("diff", "--no-renames", "--no-ext-diff", "--no-color")
    hunks = _hunks(_git(ref, top, "-c", "core.quotePath=false", *diff, "-U0", ref, "--"), top)
    changes: dict[Path, frozenset[int] | None] = {}
    for name in _git(ref, top, *diff, "--name-only", "-z", ref, "--").split("\0"):
        if name:
            path = (top / name).resolve()
            changes[path] = frozenset(hunks[path]) if path in hunks else None
    for name in _git(ref, top, *diff, "--name-only", "--diff-filter=A", "-z", ref, "--").split("\0"):
        if name:
            changes[(top / name).resolve()] = None  # new since ref
    # untracked; ls-files names are relative to the folder it runs in, so it runs at the top
    for name in _git(ref, top, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        if name:
            changes[(top / name).resolve()] = None
    return changes


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute paths of files changed (committed, staged, unstaged or untracked) since ``ref``."""
    return set(changed_lines(ref, cwd))


def _path_of(document: str) -> Path:
    return Path(document.split("#", 1)[0]).resolve()


def _claim_lines(claim: Claim) -> range:
    return range(claim.span.line, claim.span.line + claim.text.count("\n") + 1)


def keep_changed(report: Report, changed: set[Path] | Changes) -> Report:
    """The report with only the findings that touch a change, each with ``Finding.changed`` set to
    the positions of its claims that do.

    Args:
        changed: from :func:`changed_lines` (line by line), or a set of paths (a finding is kept
            when any of its claims is in one of those files).
    """
    lines: dict[Path, frozenset[int] | None] = (
        dict(changed) if isinstance(changed, Mapping) else dict.fromkeys(changed, None)
    )
    # changed lines that are claims are judged by their findings, blank lines change no fact; any
    # other changed line (a dateline, front matter, a kicker) may change them all
    accounted: dict[Path, set[int]] = {}
    for document in report.documents:
        path = _path_of(document.path)
        rows = document.source.split("\n")
        here = accounted.setdefault(path, set())
        here.update(n for n, text in enumerate(rows, 1) if not text.strip())
        here.update({0, len(rows) + 1})  # the edges a deletion at the top or bottom reports
    for claim in report.claims:
        accounted.setdefault(_path_of(claim.document), set()).update(_claim_lines(claim))
    for path, changed_here in lines.items():
        if changed_here is None or path.suffix.lower() not in _LINE_EXACT:
            lines[path] = None
        elif not changed_here <= accounted.get(path, set()):
            lines[path] = None

    def touches(claim: Claim) -> bool:
        path = _path_of(claim.document)
        if path not in lines:
            return False
        changed_here = lines[path]
        return changed_here is None or any(n in changed_here for n in _claim_lines(claim))

    # each kept finding records which of its claims changed: annotations go on the edited line
    kept = tuple(
        replace(f, changed=touched)
        for f in report.findings
        if (touched := tuple(n for n, c in enumerate(f.claims) if touches(c)))
    )
    stats = dict(report.stats)
    stats["changed_documents"] = sum(1 for d in report.documents if _path_of(d.path) in lines)
    stats["findings"] = len(kept)
    return replace(report, findings=kept, stats=stats)
