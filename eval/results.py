"""Write one section of eval/RESULTS.md, leaving the other sections alone.

Each benchmark command owns a section delimited by HTML comments, so that
`make eval`, `make bench` and the judge-specific commands can each rewrite
their own tables without clobbering the others.
"""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = (
    "# Results\n\nEvery table below is written by the command named in its section; do not edit by hand.\n"
)


def provenance() -> str:
    """Date, commit and machine, for the line under each section heading."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=RESULTS.parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    import os

    cpus = os.cpu_count()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()} with {cpus} CPUs, Python {platform.python_version()}"
    return f"_{when}, commit {commit}, {machine}_"


def update_section(name: str, title: str, command: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section ``name`` of RESULTS.md."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = f"{begin}\n## {title}\n\nWritten by `{command}`. {provenance()}\n\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
