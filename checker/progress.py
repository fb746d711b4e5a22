"""Progress lines on stderr during long work, only when a person is watching (a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._t0 = time.perf_counter()

    def stage(self, message: str) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self._t0
            print(f"[{elapsed:6.1f}s] {message}", file=self.stream, flush=True)
