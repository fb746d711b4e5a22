"""A Markdown report for a pull-request comment (GitHub-flavoured Markdown).

A summary table (severity, what, where), then one section per finding: its plain sentence, the
claim probably wrong and a few others quoted (the rest listed by place), a figure ledger's table,
and the judges' own words folded away.

Article text is untrusted. Claims go into raw HTML blocks (``<blockquote dir="rtl" lang="ar">``;
``dir`` and ``lang`` survive GitHub's sanitiser, ``<bdi>`` does not), where Markdown is not
parsed, so they are HTML-escaped and line breaks become ``<br>`` (a blank line would end the HTML
block). Text in Markdown context (explanations, table cells) has the characters that could start
Markdown or HTML backslash-escaped (backslash, backtick, ``* [ ] < > | ~ &`` and ``_`` at a word's
edge; ``#``, ``+``, ``-``, ``=`` or a number's ``.`` where they open a line), so "0.97" stays "0.97"
in the source, and its right-to-left runs wrapped in Unicode isolates (U+2067 ... U+2069), which
browsers honour and sanitisers leave alone. An ``@`` gets a WORD JOINER (U+2060) after it so that
a handle quoted in an article does not mention a
GitHub user; that invisible character is the only change to the verbatim text.

GitHub caps a comment at 65,536 characters; findings that would not fit are counted, not shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from checker.report.common import (
    TOOL_NAME,
    claim_lang,
    direction,
    documents_by_path,
    empty_message,
    highlight_ranges,
    isolate_rtl,
    kind_counts,
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
from checker.types import Document, Finding, Ledger, Report

RLI = "\u2067"
PDI = "\u2069"
WORD_JOINER = "\u2060"
MAX_CHARS = 65_000  # GitHub's limit is 65,536; keep room for a bot's own header
SHOWN_COUNTERPARTS = 3  # other claims quoted under a finding; the rest are listed by place
LISTED = 8  # claims listed by place before 'and N more'

_WHITESPACE = re.compile(r"\s+")
# "_" only where it could open or close emphasis: at a word's edge, not inside "file_name"
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<>|~&]|(?<!\w)_|_(?!\w))")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")
_SEVERITY_MARK = {"high": "🔴", "medium": "🟠", "low": "🔵"}


def _defuse_mentions(text: str) -> str:
    return text.replace("@", "@" + WORD_JOINER)


def _flat(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def escape_inline(text: str) -> str:
    """Text for a Markdown inline context: the characters that could open Markdown or HTML
    escaped, whitespace runs and line breaks collapsed to one space (a line break could start a
    list or a heading)."""
    return _defuse_mentions(_INLINE_SPECIAL.sub(r"\\\1", _flat(text)))


def _defuse_line_start(text: str) -> str:
    """A heading, list, quote or setext marker at the start of a paragraph, escaped."""
    return _LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)),
        text,
        count=1,
    )


def prose(text: str) -> str:
    """Escaped English prose with its right-to-left runs isolated, safe at the start of a line."""
    return _defuse_line_start(isolate_rtl(_flat(text).strip(), escape_inline, lambda run: f"{RLI}{run}{PDI}"))


def code_span(text: str) -> str:
    """An inline code span that holds ``text`` whatever backticks it contains."""
    flat = _flat(text).strip()
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def table_cell(text: str) -> str:
    """Code spans safe in a table cell: a ``|`` ends the cell even inside code, unless escaped
    (text from :func:`escape_inline` has its ``|`` escaped already)."""
    return text.replace("|", "\\|")


def _html_text(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return _defuse_mentions("<br>".join(escaped.splitlines()))


def _html_prose(text: str) -> str:
    """English prose for an HTML block: escaped, right-to-left runs isolated, on one line."""
    escape = lambda piece: html.escape(piece, quote=False)  # noqa: E731 - text content, not an attribute
    return _defuse_mentions(isolate_rtl(_flat(text).strip(), escape, lambda run: f"{RLI}{run}{PDI}"))


def _claim_block(finding: Finding, position: int, docs: Mapping[str, Document], note: str = "") -> list[str]:
    claim = finding.claims[position]
    lang = claim_lang(claim, docs)
    dir_ = direction(claim.text, lang)
    parts = split_highlights(claim.text, highlight_ranges(finding, position))
    body = "".join(f"<b>{_html_text(piece)}</b>" if marked else _html_text(piece) for piece, marked in parts)
    lang_attr = f' lang="{html.escape(lang)}"' if lang and lang != "other" else ""
    return [
        f"**{escape_inline(claim.role.value)}** · {code_span(location(claim))}"
        + (f" · _{escape_inline(note)}_" if note else ""),
        "",
        f'<blockquote dir="{dir_}"{lang_attr}>{body}</blockquote>',
        "",
    ]


def _ledger_table(ledger: Ledger) -> list[str]:
    lines = [
        f"{escape_inline(ledger.label)}, by value:",
        "",
        "| Value | Articles | Given as | Reported | Outlets | |",
        "|---:|---:|---|---|---|---|",
    ]
    for row in ledger_rows(ledger):
        when = row.first or ""
        if row.last and row.last != row.first:
            when = f"{row.first} – {row.last}"
        flags = ", ".join(
            f
            for f, on in (("probably wrong", row.suspect), ("latest", row.latest), ("official", row.official))
            if on
        )
        cells = [
            f"**{number_text(row.value)}**" if row.suspect else number_text(row.value),
            str(row.documents),
            escape_inline(ledger_statuses(row)),
            escape_inline(when),
            escape_inline(", ".join(row.outlets)),
            escape_inline(flags),
        ]
        lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    return [*lines, ""]


def _section(number: int, finding: Finding, docs: Mapping[str, Document]) -> list[str]:
    severity = finding.severity.value
    plain = describe(finding, docs)
    lines = [
        f"### {number}. {_SEVERITY_MARK.get(severity, '')} {severity} · {escape_inline(plain.title)}",
        "",
        prose(plain.sentence),
        "",
    ]
    notes = claim_notes(finding, plain)
    shown = shown_claims(finding, list(notes), SHOWN_COUNTERPARTS)
    for position in shown:
        lines.extend(_claim_block(finding, position, docs, notes.get(position, "")))
    rest = [c for p, c in enumerate(finding.claims) if p not in shown]
    if rest:
        places = ", ".join(code_span(location(c)) for c in rest[:LISTED])
        more = f" and {len(rest) - LISTED} more" if len(rest) > LISTED else ""
        lines += [f"{len(rest)} more claims: {places}{more}.", ""]
    if finding.ledger is not None:
        lines.extend(_ledger_table(finding.ledger))
    # inside HTML blocks Markdown is not parsed: this text is HTML-escaped instead
    details = [
        f"<li>{html.escape(v.judge)} {score_text(v.score)}: {_html_prose(v.explanation)}</li>"
        for v in finding.evidence
    ]
    lines += [
        f"<details><summary>Judges · {html.escape(finding.kind)} · score {score_text(finding.score)} · id "
        f"<code>{html.escape(finding.id)}</code></summary>",
        "",
        *(["<ul>", *details, "</ul>"] if details else []),
        "",
        "</details>",
        "",
    ]
    return lines


def _table(findings: list[Finding], docs: Mapping[str, Document]) -> list[str]:
    lines = ["| # | Severity | What | Where |", "|---:|---|---|---|"]
    for number, finding in enumerate(findings, start=1):
        where = code_span(location(finding.primary))
        if len(finding.claims) > 1:
            where += f" and {len(finding.claims) - 1} more"
        severity = finding.severity.value
        lines.append(
            f"| {number} | {_SEVERITY_MARK.get(severity, '')} {severity} | "
            f"{escape_inline(describe(finding, docs).title)} | {table_cell(where)} |"
        )
    return lines


def render_markdown(report: Report, *, max_chars: int = MAX_CHARS) -> str:
    docs = documents_by_path(report)
    findings = ordered_findings(report)
    counts = severity_counts(findings)
    total = len(findings)
    head = [
        f"## {TOOL_NAME}: {plural(total, 'finding')} in {plural(len(report.documents), 'document')}",
        "",
    ]
    if findings:
        by_sev = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
        by_kind = ", ".join(f"{n} {escape_inline(k)}" for k, n in kind_counts(findings).items())
        head += [f"{by_sev} ({by_kind}).", ""]
        head += _table(findings, docs)
        head.append("")
    else:
        head += [empty_message(report), ""]

    tail: list[str] = []
    if report.skipped:
        tail += [f"<details><summary>{plural(len(report.skipped), 'file')} skipped</summary>", ""]
        tail += [f"- {code_span(s.path)}: {prose(s.reason)}" for s in report.skipped]
        tail += ["", "</details>", ""]
    tail.append(f"<sub>{TOOL_NAME} {escape_inline(report.version)}</sub>")

    out = "\n".join(head) + "\n"
    closing = "\n".join(tail) + "\n"
    for number, finding in enumerate(findings, start=1):
        section = "\n".join(_section(number, finding, docs)) + "\n"
        left = total - number + 1
        note = f"_… {left} more finding(s) not shown; see the JSON or SARIF report._\n\n"
        if len(out) + len(section) + len(note) + len(closing) > max_chars:
            out += note
            break
        out += section
    return out + closing
