"""Named errors. The CLI turns each into a one-line message and an exit status."""


class CheckerError(Exception):
    """Base class for errors a user can act on."""


class UsageError(CheckerError):
    """Bad options or arguments (exit status 2)."""


class ConfigError(CheckerError):
    """A mistake in checker.toml or [tool.checker]."""


class ReadError(CheckerError):
    """One input file could not be read; the rest of the run goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(CheckerError):
    """A model could not be found, built or loaded."""


class UnknownModelError(ModelError):
    """A model name that is neither a registry entry, a local path nor (offline) a cached hub id."""


def internal_error_reason(reading: str, exc: Exception) -> str:
    """The skipped reason of an article a stage failed on (a bug met on real text), on one line:
    the article is left out and reported, the rest of the run goes on."""
    message = " ".join(str(exc).split())
    return f"internal error reading its {reading} ({type(exc).__name__}: {message}); please report it"
