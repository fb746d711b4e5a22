"""``--changed-since REF``: keep the findings that touch an article changed since a git ref.

The whole corpus is still read and compared (a changed article can contradict an
unchanged one); only findings with at least one claim in a changed file are kept.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from checker.errors import UsageError
from checker.types import Report


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute paths of files changed (committed, staged, unstaged or untracked) since ``ref``."""
    cwd = cwd or Path.cwd()

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
        except FileNotFoundError as exc:
            raise UsageError("--changed-since needs git, which is not installed") from exc
        except subprocess.CalledProcessError as exc:
            reason = (exc.stderr or "").strip().splitlines()
            raise UsageError(f"--changed-since {ref}: {reason[-1] if reason else 'git failed'}") from exc
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    names = git("diff", "--name-only", "-z", ref, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {(top / n).resolve() for n in names if n}


def keep_changed(report: Report, changed: set[Path]) -> Report:
    def path_of(document: str) -> Path:
        return Path(document.split("#", 1)[0]).resolve()

    kept = tuple(f for f in report.findings if any(path_of(c.document) in changed for c in f.claims))
    stats = dict(report.stats)
    stats["changed_documents"] = sum(1 for d in report.documents if path_of(d.path) in changed)
    stats["findings"] = len(kept)
    return replace(report, findings=kept, stats=stats)
