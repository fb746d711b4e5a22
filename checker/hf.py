"""Small helpers around Hugging Face loading, shared by the embedder and the NLI scorer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet_loading() -> Iterator[None]:
    """No "Loading weights" progress bars while a model loads: they would clutter the CLI's
    stderr, which carries one line per skipped file and our own progress. And no network:
    huggingface_hub is put in offline mode, because ``local_files_only`` alone does not stop it
    (for a hub id it fetches an "agent harnesses" list from the hub to build its user agent).
    Both restored afterwards."""
    from huggingface_hub import constants as hub_constants
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    was_offline = hub_constants.HF_HUB_OFFLINE
    hf_logging.disable_progress_bar()
    hub_constants.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        hub_constants.HF_HUB_OFFLINE = was_offline
        if was_enabled:
            hf_logging.enable_progress_bar()
