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
    empty_message,
    highlight_ranges,
    isolate_rtl,
    location,
    ordered_findings,
    score_text,
    severity_counts,
    split_highlights,
)
from checker.report.plain import (
    claim_notes,
    describe,
    ledger_rows,
    ledger_statuses,
    number_text,
    plural,
    shown_claims,
)
from checker.types import Claim, Document, Finding, Ledger, Report, Verdict

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
    "note": "\x1b[1;35m",
}

# Without colour, the words the judges marked stand between these (CI logs, pipes, NO_COLOR).
MARK_OPEN, MARK_CLOSE = "[[", "]]"
SHOWN_COUNTERPARTS = 3  # other claims quoted in full under a finding (all of them with --verbose)
MAX_LISTED = 4  # further claims listed by place

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
            "bidi mode 'visual' needs the optional packages python-bidi and arabic-reshaper: "
            "pip install 'news-checker[bidi]' (or pipx inject news-checker python-bidi arabic-reshaper)"
        ) from exc

    def reorder(line: str, rtl: bool) -> str:
        shaped = arabic_reshaper.reshape(line)
        return str(get_display(shaped, base_dir="R" if rtl else "L"))

    return reorder


def check_bidi(mode: str) -> None:
    """Raise now what rendering in ``mode`` would raise later: an unknown mode, or ``"visual"``
    without its packages (the CLI asks before a run, not after it)."""
    _Bidi(mode)


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
        text = "".join(
            (paint(piece, "mark") if paint.color else f"{MARK_OPEN}{piece}{MARK_CLOSE}") if marked else piece
            for piece, marked in parts
        )
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
    finding: Finding,
    position: int,
    docs: Mapping[str, Document],
    bidi: _Bidi,
    paint: _Painter,
    note: str = "",
) -> list[str]:
    claim: Claim = finding.claims[position]
    spans = highlight_ranges(finding, position)
    parts = split_highlights(claim.text, spans)
    rtl = direction(claim.text, claim_lang(claim, docs)) == "rtl"
    header = f"{INDENT}{paint(location(claim), 'where')}  {paint(claim.role.value, 'dim')}"
    if note:
        header += f"  {paint(note, 'note')}"
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


def _ledger_lines(ledger: Ledger, paint: _Painter, bidi: _Bidi) -> list[str]:
    """The figure ledger as a compact table: one row per value, the suspect value marked ``>``."""
    table: list[tuple[str, ...]] = [("", "value", "articles", "given as", "reported", "outlets", "")]
    for row in ledger_rows(ledger):
        when = row.first or ""
        if row.last and row.last != row.first:
            when = f"{row.first} .. {row.last}"
        outlets = ", ".join(row.outlets[:2]) + (f" +{len(row.outlets) - 2}" if len(row.outlets) > 2 else "")
        flags = [f for f, on in (("latest", row.latest), ("official", row.official)) if on]
        marker = ">" if row.suspect else ""
        table.append(
            (
                marker,
                number_text(row.value),
                str(row.documents),
                ledger_statuses(row),
                when,
                outlets,
                ", ".join(flags),
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    title = ledger.label + (f" ({', '.join(ledger.groups)})" if ledger.groups else "")
    lines = [f"{INDENT}{paint(title + ', by value:', 'dim')}"]
    for n, cells in enumerate(table):
        line = INDENT + "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()
        lines.append(paint(line, "dim") if n == 0 else bidi.prose(line))
    return lines


def _finding_block(
    number: int,
    finding: Finding,
    docs: Mapping[str, Document],
    bidi: _Bidi,
    paint: _Painter,
    verbose: bool,
) -> list[str]:
    severity = finding.severity.value
    plain = describe(finding, docs)
    head = (
        f"[{number}] {paint(severity.upper(), severity)}  {paint(plain.title, 'kind')}"
        f"  {paint(f'({finding.kind})', 'dim')}"
    )
    lines = [head, f"{INDENT}{bidi.prose(plain.sentence)}"]
    notes = claim_notes(finding, plain)
    # the probably wrong and the changed claims, then a few others; the rest by place
    shown = shown_claims(finding, list(notes), None if verbose else SHOWN_COUNTERPARTS)
    for position in shown:
        note = f"<- {notes[position]}" if position in notes else ""
        lines.extend(_claim_lines(finding, position, docs, bidi, paint, note))
    rest = [c for p, c in enumerate(finding.claims) if p not in shown]
    if rest:
        places = ", ".join(location(c) for c in rest[:MAX_LISTED])
        more = f" and {len(rest) - MAX_LISTED} more" if len(rest) > MAX_LISTED else ""
        lines.append(f"{INDENT}{paint(f'... {len(rest)} more claims: {places}{more}', 'dim')}")
    if finding.ledger is not None:
        lines.extend(_ledger_lines(finding.ledger, paint, bidi))
    lines.extend(_detail_lines(finding, bidi, paint, verbose))
    return lines


def _detail_lines(finding: Finding, bidi: _Bidi, paint: _Painter, verbose: bool) -> list[str]:
    """What the judges said: one line per judge (repeats counted), every verdict with --verbose."""
    lines = []
    if verbose:
        for verdict in finding.evidence:
            lines.append(
                f"{INDENT}{paint(f'{verdict.judge} {score_text(verdict.score)}:', 'dim')} "
                f"{bidi.prose(verdict.explanation)}"
            )
    else:
        by_judge: dict[str, list[Verdict]] = {}
        for verdict in finding.evidence:
            by_judge.setdefault(verdict.judge, []).append(verdict)
        for judge, verdicts in by_judge.items():
            more = f"; {len(verdicts) - 1} more like it" if len(verdicts) > 1 else ""
            label = f"{judge} judge ({score_text(verdicts[0].score)}{more}):"
            lines.append(f"{INDENT}{paint(label, 'dim')} {bidi.prose(verdicts[0].explanation)}")
    lines.append(f"{INDENT}{paint(f'score {score_text(finding.score)}  id {finding.id}', 'dim')}")
    return lines


def summary_line(report: Report) -> str:
    """One line a CI log can grep: counts by severity, documents, claims, skipped files."""
    counts = severity_counts(report.findings)
    by_severity = ", ".join(f"{n} {sev}" for sev, n in counts.items())
    total = len(report.findings)
    documents = plural(len(report.documents), "document")
    line = (
        f"Summary: {plural(total, 'finding')} ({by_severity}) in {documents}, "
        f"{plural(len(report.claims), 'claim')}"
    )
    if report.skipped:
        line += f"; {len(report.skipped)} skipped"
    return line + "."


def render_text(
    report: Report, *, color: bool = False, bidi: str = "isolate", verbosity: str = "normal"
) -> str:
    """The terminal report.

    Args:
        color: add ANSI colours (callers decide; see :func:`checker.report.wants_color`). Without
            colour the words the judges marked are put between ``[[`` and ``]]``.
        bidi: ``"isolate"`` (default), ``"visual"`` or ``"none"``; see the module docstring.
        verbosity: ``"quiet"`` (the findings only), ``"normal"`` or ``"verbose"`` (every claim and
            every judge's words).
    """
    paint = _Painter(color)
    presenter = _Bidi(bidi)
    docs = documents_by_path(report)
    quiet, verbose = verbosity == "quiet", verbosity == "verbose"
    lines: list[str] = []
    if not quiet:
        lines.append(f"{TOOL_NAME} {report.version}")
    findings = ordered_findings(report)
    if not findings and not quiet:
        lines.append(empty_message(report))
    for number, finding in enumerate(findings, start=1):
        if lines:
            lines.append("")
        lines.extend(_finding_block(number, finding, docs, presenter, paint, verbose))
    if report.skipped and not quiet:
        lines.append("")
        lines.append(f"Skipped {plural(len(report.skipped), 'file')}:")
        for skipped in report.skipped:
            lines.append(f"{INDENT}{paint(skipped.path, 'where')}: {presenter.prose(skipped.reason)}")
    if not quiet:
        lines.append("")
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)
