"""A Markdown report for a pull-request comment (GitHub-flavoured Markdown).

A summary table (kind, severity, where), then one section per finding with every claim quoted.

Article text is untrusted. Claims go into raw HTML blocks (``<blockquote dir="rtl" lang="ar">``;
``dir`` and ``lang`` survive GitHub's sanitiser, ``<bdi>`` does not), where Markdown is not
parsed, so they are HTML-escaped and line breaks become ``<br>`` (a blank line would end the HTML
block). Text in Markdown context (explanations, table cells) has every ASCII punctuation character
backslash-escaped, which CommonMark allows for all of them, and its right-to-left runs wrapped in
Unicode isolates (U+2067 ... U+2069), which browsers honour and sanitisers leave alone. An ``@``
gets a WORD JOINER (U+2060) after it so that a handle quoted in an article does not mention a
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
    highlight_ranges,
    isolate_rtl,
    kind_counts,
    location,
    ordered_findings,
    score_text,
    severity_counts,
    split_highlights,
)
from checker.types import Document, Finding, Report

RLI = "\u2067"
PDI = "\u2069"
WORD_JOINER = "\u2060"
MAX_CHARS = 65_000  # GitHub's limit is 65,536; keep room for a bot's own header

_WHITESPACE = re.compile(r"\s+")
_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SEVERITY_MARK = {"high": "🔴", "medium": "🟠", "low": "🔵"}


def _defuse_mentions(text: str) -> str:
    return text.replace("@", "@" + WORD_JOINER)


def _flat(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def escape_inline(text: str) -> str:
    """Text for a Markdown inline context: punctuation escaped, whitespace runs and line
    breaks collapsed to one space (a line break could start a list or a heading)."""
    return _defuse_mentions(_ASCII_PUNCT.sub(r"\\\1", _flat(text)))


def prose(text: str) -> str:
    """Escaped English prose with its right-to-left runs isolated."""
    return isolate_rtl(_flat(text).strip(), escape_inline, lambda run: f"{RLI}{run}{PDI}")


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


def _claim_block(finding: Finding, position: int, docs: Mapping[str, Document]) -> list[str]:
    claim = finding.claims[position]
    lang = claim_lang(claim, docs)
    dir_ = direction(claim.text, lang)
    parts = split_highlights(claim.text, highlight_ranges(finding, position))
    body = "".join(f"<b>{_html_text(piece)}</b>" if marked else _html_text(piece) for piece, marked in parts)
    lang_attr = f' lang="{html.escape(lang)}"' if lang and lang != "other" else ""
    return [
        f"**{escape_inline(claim.role.value)}** · {code_span(location(claim))}",
        "",
        f'<blockquote dir="{dir_}"{lang_attr}>{body}</blockquote>',
        "",
    ]


def _section(number: int, finding: Finding, docs: Mapping[str, Document]) -> list[str]:
    severity = finding.severity.value
    lines = [
        f"### {number}. {escape_inline(finding.kind)} · {_SEVERITY_MARK.get(severity, '')} {severity}"
        f" · score {score_text(finding.score)}",
        "",
        prose(finding.explanation),
        "",
    ]
    for position in range(len(finding.claims)):
        lines.extend(_claim_block(finding, position, docs))
    if finding.evidence:
        judges = ", ".join(f"{escape_inline(v.judge)} {score_text(v.score)}" for v in finding.evidence)
        lines.append(f"<sub>judges: {judges} · id {code_span(finding.id)}</sub>")
        lines.append("")
    return lines


def _table(findings: list[Finding]) -> list[str]:
    lines = ["| # | Kind | Severity | Where |", "|---:|---|---|---|"]
    for number, finding in enumerate(findings, start=1):
        where = " ↔ ".join(code_span(location(c)) for c in finding.claims)
        severity = finding.severity.value
        lines.append(
            f"| {number} | {escape_inline(finding.kind)} | "
            f"{_SEVERITY_MARK.get(severity, '')} {severity} | {table_cell(where)} |"
        )
    return lines


def render_markdown(report: Report, *, max_chars: int = MAX_CHARS) -> str:
    docs = documents_by_path(report)
    findings = ordered_findings(report)
    counts = severity_counts(findings)
    total = len(findings)
    head = [
        f"## {TOOL_NAME}: {total} finding{'s' if total != 1 else ''} in {len(report.documents)} documents",
        "",
    ]
    if findings:
        by_sev = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
        by_kind = ", ".join(f"{n} {escape_inline(k)}" for k, n in kind_counts(findings).items())
        head += [f"{by_sev} ({by_kind}).", ""]
        head += _table(findings)
        head.append("")
    else:
        head += ["No conflicting claims found.", ""]

    tail: list[str] = []
    if report.skipped:
        tail += [f"<details><summary>{len(report.skipped)} file(s) skipped</summary>", ""]
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
