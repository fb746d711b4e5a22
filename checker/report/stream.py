"""Findings written as they are decided: one JSON line each (``check -f jsonl``), for archive runs
that take hours, so that a reader (or a person with ``tail -f``) sees them long before the end and
a run stopped halfway leaves what it had decided."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from checker.report.json_report import finding_line
from checker.types import Document, Finding


class JsonLinesStream:
    """A sink for ``checker.pipeline.check(on_findings=...)``: each finding one line, flushed.

    Args:
        path: the file to write (created or emptied now); standard output if None.

    Raises:
        OSError: the file cannot be opened for writing.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.written = 0
        self._file: TextIO = path.open("w", encoding="utf-8") if path is not None else sys.stdout

    def __call__(self, findings: Sequence[Finding], documents: Mapping[str, Document]) -> None:
        for finding in findings:
            self._file.write(finding_line(finding, documents) + "\n")
            self.written += 1
        self._file.flush()

    def close(self) -> None:
        if self.path is not None:
            self._file.close()
