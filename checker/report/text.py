"""The terminal report: one block per finding, then the skipped files and a summary line.

Arabic and Persian in a terminal. Terminals differ: VTE (GNOME Terminal, Tilix), Konsole and
mlterm apply the Unicode Bidirectional Algorithm themselves; xterm, kitty, Alacritty and the
Windows console lay characters out left to right as stored. So the default (``bidi="isolate"``)
keeps every claim in logical order, exactly as in the file, and wraps each right-to-left claim,
and each right-to-left run inside an English explanation, in Unicode isolates (U+2067 RIGHT-TO-LEFT
ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE). A BiDi-aware terminal then shows the claim right to
left while the ``file:line`` prefix and the English around a name stay left to right; a terminal
without BiDi ignores the isolates (they are zero-width format characters). Copying the text back
out gives the verbatim claim between the two isolate marks.

For a terminal without BiDi support, ``bidi="visual"`` reorders each line into visual order and
joins the letters into their presentation forms with the optional ``python-bidi`` and
``arabic-reshaper`` packages; it is never the default, since a BiDi-aware terminal would reverse
the text a second time, and the result is no longer the verbatim text. ``bidi="none"`` prints the
text untouched.

Colour (ANSI SGR) only when asked: :func:`checker.report.wants_color` says whether the stream is
a terminal and ``NO_COLOR`` is unset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from checker.errors import UsageError
from checker.report.common import (
    TOOL_NAME,
    claim_lang,
    direction,
    documents_by_path,
    highlight_ranges,
    isolate_rtl,
    location,
    ordered_findings,
    score_text,
    severity_counts,
    split_highlights,
)
from checker.types import Claim, Document, Finding, Report

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

BIDI_MODES = ("isolate", "visual", "none")

_SGR_RESET = "\x1b[0m"
_STYLES = {
    "high": "\x1b[1;31m",
    "medium": "\x1b[1;33m",
    "low": "\x1b[1;36m",
    "kind": "\x1b[1m",
    "where": "\x1b[34m",
    "dim": "\x1b[2m",
    "mark": "\x1b[1;4;31m",
}

INDENT = "    "


class _Painter:
    """Adds SGR colour codes when colour is on, and nothing otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color or not text:
            return text
        return f"{_STYLES[style]}{text}{_SGR_RESET}"


def _visual_reorderer() -> Callable[[str, bool], str]:
    """``python-bidi`` + ``arabic-reshaper``, imported only when the visual mode is asked for."""
    try:
        import arabic_reshaper  # type: ignore[import-untyped]
        from bidi import get_display  # type: ignore[import-untyped]
    except ImportError as exc:
        raise UsageError(
            "bidi mode 'visual' needs the optional packages python-bidi and arabic-reshaper "
            "(pip install python-bidi arabic-reshaper)"
        ) from exc

    def reorder(line: str, rtl: bool) -> str:
        shaped = arabic_reshaper.reshape(line)
        return str(get_display(shaped, base_dir="R" if rtl else "L"))

    return reorder


class _Bidi:
    """Presents article text and mixed explanations in the chosen BiDi mode."""

    def __init__(self, mode: str) -> None:
        if mode not in BIDI_MODES:
            raise UsageError(f"unknown bidi mode {mode!r}; choose one of {', '.join(BIDI_MODES)}")
        self.mode = mode
        self._reorder = _visual_reorderer() if mode == "visual" else None

    def claim(self, parts: list[tuple[str, bool]], rtl: bool, paint: _Painter) -> str:
        """One claim's text (verbatim pieces, highlighted ones marked) as one display line."""
        if self._reorder is not None:
            # Reordering moves characters, so colour codes cannot be placed inside; show the
            # reordered line plain and leave the marked words to the "marked:" line.
            text = "".join(piece for piece, _ in parts).replace("\n", " ")
            return self._reorder(text, rtl)
        text = "".join(paint(piece, "mark") if marked else piece for piece, marked in parts)
        if self.mode == "isolate" and rtl:
            return f"{RLI}{text}{PDI}"
        return text

    def prose(self, text: str) -> str:
        """English prose that may quote Arabic or Persian words."""
        if self._reorder is not None:
            return self._reorder(text, False)
        if self.mode == "none":
            return text
        return isolate_rtl(text, lambda piece: piece, lambda run: f"{RLI}{run}{PDI}")


def _claim_lines(
    finding: Finding, position: int, docs: Mapping[str, Document], bidi: _Bidi, paint: _Painter
) -> list[str]:
    claim: Claim = finding.claims[position]
    spans = highlight_ranges(finding, position)
    parts = split_highlights(claim.text, spans)
    rtl = direction(claim.text, claim_lang(claim, docs)) == "rtl"
    header = f"{INDENT}{paint(location(claim), 'where')}  {paint(claim.role.value, 'dim')}"
    lines = [header]
    # One display line per source line: a claim crossing a line break keeps it, indented.
    text_lines = _split_parts_by_line(parts)
    for line_parts in text_lines:
        lines.append(f"{INDENT}{INDENT}{bidi.claim(line_parts, rtl, paint)}")
    if spans and bidi.mode == "visual":
        marked = " / ".join(claim.text[s:e] for s, e in spans)
        lines.append(f"{INDENT}{INDENT}{paint('marked:', 'dim')} {bidi.claim([(marked, False)], rtl, paint)}")
    return lines


def _split_parts_by_line(parts: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    lines: list[list[tuple[str, bool]]] = [[]]
    for piece, marked in parts:
        chunks = piece.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                lines.append([])
            if chunk:
                lines[-1].append((chunk, marked))
    return [line for line in lines if line] or [[("", False)]]


def _finding_block(
    number: int, finding: Finding, docs: Mapping[str, Document], bidi: _Bidi, paint: _Painter
) -> list[str]:
    severity = finding.severity.value
    head = (
        f"[{number}] {paint(finding.kind, 'kind')}  {paint(severity, severity)}"
        f"  score {score_text(finding.score)}  {paint('id ' + finding.id, 'dim')}"
    )
    lines = [head]
    for position in range(len(finding.claims)):
        lines.extend(_claim_lines(finding, position, docs, bidi, paint))
    lines.append(f"{INDENT}why: {bidi.prose(finding.explanation)}")
    if finding.evidence:
        judges = ", ".join(f"{v.judge} {score_text(v.score)}" for v in finding.evidence)
        lines.append(f"{INDENT}{paint('judges: ' + judges, 'dim')}")
    return lines


def summary_line(report: Report) -> str:
    """One line a CI log can grep: counts by severity, documents, claims, skipped files."""
    counts = severity_counts(report.findings)
    by_severity = ", ".join(f"{n} {sev}" for sev, n in counts.items())
    total = len(report.findings)
    noun = "finding" if total == 1 else "findings"
    line = (
        f"Summary: {total} {noun} ({by_severity}) in {len(report.documents)} documents, "
        f"{len(report.claims)} claims"
    )
    if report.skipped:
        line += f"; {len(report.skipped)} skipped"
    return line + "."


def render_text(report: Report, *, color: bool = False, bidi: str = "isolate") -> str:
    """The terminal report.

    Args:
        color: add ANSI colours (callers decide; see :func:`checker.report.wants_color`).
        bidi: ``"isolate"`` (default), ``"visual"`` or ``"none"``; see the module docstring.
    """
    paint = _Painter(color)
    presenter = _Bidi(bidi)
    docs = documents_by_path(report)
    lines = [f"{TOOL_NAME} {report.version}"]
    findings = ordered_findings(report)
    if not findings:
        lines.append("No conflicting claims found.")
    for number, finding in enumerate(findings, start=1):
        lines.append("")
        lines.extend(_finding_block(number, finding, docs, presenter, paint))
    if report.skipped:
        lines.append("")
        lines.append(f"Skipped {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''}:")
        for skipped in report.skipped:
            lines.append(f"{INDENT}{paint(skipped.path, 'where')}: {presenter.prose(skipped.reason)}")
    lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
