"""Where the checker finds what it ships, and keeps what it builds and caches (never inside git).

Shipped files (the knowledge base, the trained NLI head and its card) are package data under
``checker/resources``, found through ``importlib.resources`` so that an installed wheel has them
as well as a source checkout.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # a source checkout (eval/, seeds/); not in a wheel


def resource_path(name: str) -> Path:
    """A file or folder of package data: ``kb`` (knowledge base), ``nli`` (the trained NLI head),
    ``thresholds.toml`` (every threshold and score)."""
    return Path(str(files("checker.resources").joinpath(name)))


KB_DIR = resource_path("kb")
NLI_DIR = resource_path("nli")


def checker_home() -> Path:
    """``$CHECKER_HOME`` if set, else the user cache folder (e.g. ~/.cache/news-checker)."""
    env = os.environ.get("CHECKER_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("news-checker"))


def shared_data_dir() -> Path:
    """Labelled pairs: ``$CHECKER_DATA`` or ../shared/data beside the project."""
    env = os.environ.get("CHECKER_DATA")
    return Path(env).expanduser() if env else PROJECT_ROOT.parent / "shared" / "data"
