"""One place that turns ``device=None`` into a concrete torch device name."""

from __future__ import annotations

from checker.errors import UsageError


def resolve_device(device: str | None) -> str:
    """``device`` as given, or ``"cuda"`` when a GPU is usable and ``"cpu"`` otherwise.

    An explicit CUDA device on a machine without one is refused here, with a message a user can
    act on, rather than deep inside torch at the first batch.
    """
    import torch

    if device is None or device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        kind = torch.device(device).type
    except (RuntimeError, ValueError, TypeError):
        raise UsageError(f"device {device!r} is not a torch device; use cpu, cuda, cuda:N or auto") from None
    if kind == "cuda" and not torch.cuda.is_available():
        raise UsageError(f"device {device!r} was requested but CUDA is not available here; use --device cpu")
    if kind == "mps" and not torch.backends.mps.is_available():
        raise UsageError(f"device {device!r} was requested but MPS is not available here; use --device cpu")
    return device
