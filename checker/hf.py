"""Small helpers around Hugging Face loading, shared by the embedder and the NLI scorer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet_loading() -> Iterator[None]:
    """No "Loading weights" progress bars while a model loads: they would clutter the CLI's
    stderr, which carries one line per skipped file and our own progress. Restored afterwards."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()
