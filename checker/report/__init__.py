"""Render a :class:`~checker.types.Report` as text, JSON, JSON lines, SARIF, GitHub annotations,
Markdown or HTML.

    >>> from checker.report import render, FORMATS, wants_color
    >>> print(render(report, "text", color=wants_color(sys.stdout)), end="")

Every format shows the verbatim source text of each claim; one module per format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from checker.errors import UsageError
from checker.report.github import render_github
from checker.report.html_report import render_html
from checker.report.json_report import render_json, render_jsonl, report_dict
from checker.report.markdown import render_markdown
from checker.report.sarif import render_sarif, sarif_dict
from checker.report.text import BIDI_MODES, render_text
from checker.types import Report

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": render_json,
    "jsonl": render_jsonl,
    "sarif": render_sarif,
    "github": render_github,
    "markdown": render_markdown,
    "html": render_html,
}

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "sarif", "github", "markdown", "html")
DEFAULT_FORMAT = "text"


def wants_color(stream: TextIO) -> bool:
    """Colour when ``stream`` is a terminal and the user has not set ``NO_COLOR`` (no-color.org)
    or ``TERM=dumb``; or when ``FORCE_COLOR`` is set (to anything but ``0``), e.g. in a CI log
    that shows colour."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(
    report: Report,
    fmt: str = DEFAULT_FORMAT,
    *,
    color: bool = False,
    bidi: str = "isolate",
    verbosity: str = "normal",
) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`), as one string ending in a newline.

    Args:
        color: ANSI colour in the ``text`` format; pass :func:`wants_color` of the output stream.
        bidi: how the ``text`` format shows Arabic and Persian: ``"isolate"`` (logical order in
            Unicode isolates, for terminals that do BiDi; the default), ``"visual"`` (reordered
            and reshaped with the optional python-bidi and arabic-reshaper packages, for
            terminals that do not) or ``"none"``.
        verbosity: ``"quiet"``, ``"normal"`` or ``"verbose"``: how much the ``text`` format says.

    Raises:
        UsageError: unknown format or bidi mode, or ``"visual"`` without its packages.
    """
    if fmt == "text":
        return render_text(report, color=color, bidi=bidi, verbosity=verbosity)
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderer(report)


__all__ = [
    "BIDI_MODES",
    "DEFAULT_FORMAT",
    "FORMATS",
    "render",
    "report_dict",
    "sarif_dict",
    "wants_color",
]
