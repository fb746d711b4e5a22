"""Where the checker keeps what it builds and caches (never inside git)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJECT_ROOT / "models"  # committed small artefacts: KB, trained NLI head


def checker_home() -> Path:
    """``$CHECKER_HOME`` if set, else the user cache folder (e.g. ~/.cache/news-checker)."""
    env = os.environ.get("CHECKER_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("news-checker"))


def shared_data_dir() -> Path:
    """Labelled pairs: ``$CHECKER_DATA`` or ../shared/data beside the project."""
    env = os.environ.get("CHECKER_DATA")
    return Path(env).expanduser() if env else PROJECT_ROOT.parent / "shared" / "data"
