"""A self-contained HTML report for editors: one file, no external resources, filters by kind and
severity.

Findings are cards: the finding in one plain sentence (what disagrees, which side is probably
wrong and why), then its claims side by side, the one probably wrong first and labelled, the
rest folded away when there are many; a figure ledger as a small table (one row per value); the
judges' own words folded away as detail. Each claim block carries ``dir`` and ``lang`` from its
document's language, and the spans the judges marked are ``<mark>``-ed.

Article text is untrusted: every piece of it goes through :func:`html.escape`, and the highlight
offsets are applied to the verbatim text before escaping, one piece at a time, so offsets never
point into an entity. The page also carries a Content-Security-Policy that allows nothing but
its own style sheet and script, named by their SHA-256 hashes: even markup that slipped through
could not run a script, load an image or send a form.
"""

from __future__ import annotations

import base64
import hashlib
import html
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
    kind_info,
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

SHOWN_COUNTERPARTS = 3  # other claims shown open under a finding; the rest are folded away

_CSS = """
:root { --high: #b3261e; --medium: #b26a00; --low: #1d5fa8; --line: #d0d4da; --mark: #ffe08a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.4rem; margin: .5rem 0; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
#documents-list > summary { font-size: 1.1rem; font-weight: 600; margin: 1.5rem 0 .5rem; cursor: pointer; }
[hidden] { display: none !important; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0 1rem; }
.summary b { font-variant-numeric: tabular-nums; }
#filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-bottom: 1rem; }
#filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .8rem .5rem; }
#filters label { margin-right: .8rem; white-space: nowrap; }
#shown { color: #57606a; margin: 0 0 1rem; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--low); border-radius: 6px;
  padding: .75rem 1rem; margin: 0 0 1rem; }
.card.sev-high { border-left-color: var(--high); }
.card.sev-medium { border-left-color: var(--medium); }
.card header { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: baseline; }
.badge { border-radius: 1rem; padding: 0 .6rem; font-size: .85rem; color: #fff; background: var(--low); }
.sev-high .badge.sev { background: var(--high); }
.sev-medium .badge.sev { background: var(--medium); }
.badge.kind { background: #444c56; }
.score, .fid { color: #57606a; font-size: .85rem; }
.why { margin: .5rem 0 .75rem; font-size: 1.05rem; }
.intro { color: #57606a; margin: 0 0 1rem; }
.kind-code { color: #57606a; font-size: .85rem; }
.note { border-radius: 1rem; padding: 0 .5rem; font-size: .8rem; background: #ffebe9; color: var(--high);
  border: 1px solid #ffcecb; margin-left: .3rem; }
.claim.suspect { background: #fff8f7; border-color: #ffcecb; }
details.more { margin-top: .5rem; }
details.more > summary, details.judges > summary { cursor: pointer; color: #57606a; }
details.more .claims { margin-top: .5rem; }
table.ledger { margin-top: .75rem; width: auto; }
table.ledger caption { text-align: start; font-weight: 600; padding-bottom: .25rem; }
table.ledger td.value { font-variant-numeric: tabular-nums; text-align: end; font-weight: 600; }
table.ledger tr.suspect td { background: #fff8f7; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: .75rem; }
.claim { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; background: #f6f8fa; }
.loc { font-size: .85rem; color: #57606a; }
.loc code { color: #1f2328; }
.text { margin: .4rem 0 0; font-size: 1.1rem; line-height: 1.8; }
.text[lang="ar"], .text[lang="fa"] { font-family: "Noto Naskh Arabic", "Vazirmatn", "Amiri", "Geeza Pro",
  "Tahoma", "DejaVu Sans", serif; }
mark { background: var(--mark); padding: 0 .1em; border-radius: 3px; }
details.judges { margin-top: .5rem; font-size: .85rem; color: #57606a; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
td.headline { max-width: 60ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: start; vertical-align: top; }
"""

# The filter: hide every card whose kind or severity is unticked. Cards are hidden with the
# ``hidden`` attribute (CSP-safe: no inline style is written).
_SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var shown = document.getElementById("shown");
  function ticked(name) {
    return boxes.filter(function (b) { return b.name === name && b.checked; })
                .map(function (b) { return b.value; });
  }
  function apply() {
    var kinds = ticked("kind"), severities = ticked("severity"), visible = 0;
    cards.forEach(function (card) {
      var on = kinds.indexOf(card.dataset.kind) >= 0 && severities.indexOf(card.dataset.severity) >= 0;
      card.hidden = !on;
      if (on) { visible += 1; }
    });
    var noun = cards.length === 1 ? " finding" : " findings";
    shown.textContent = "Showing " + visible + " of " + cards.length + noun;
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
})();
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _prose(text: str) -> str:
    """Escaped prose with right-to-left runs in ``<bdi>`` so the English around them keeps order."""
    return isolate_rtl(text, _e, lambda run: f"<bdi>{run}</bdi>")


def _claim_html(finding: Finding, position: int, docs: Mapping[str, Document], note: str = "") -> str:
    claim = finding.claims[position]
    lang = claim_lang(claim, docs)
    dir_ = direction(claim.text, lang)
    parts = split_highlights(claim.text, highlight_ranges(finding, position))
    body = "".join(f"<mark>{_e(piece)}</mark>" if marked else _e(piece) for piece, marked in parts)
    lang_attr = f' lang="{_e(lang)}"' if lang and lang != "other" else ""
    suspect = " suspect" if "probably wrong" in note else ""
    badge = f'<span class="note">{_e(note)}</span>' if note else ""
    return (
        f'<section class="claim{suspect}" data-position="{position}">'
        f'<div class="loc" dir="ltr"><span class="role">{_e(claim.role.value)}</span> · '
        f"<code>{_e(location(claim))}</code>{badge}</div>"
        f'<blockquote class="text" dir="{dir_}"{lang_attr}>{body}</blockquote>'
        "</section>"
    )


def _ledger_html(ledger: Ledger) -> str:
    rows = []
    for row in ledger_rows(ledger):
        when = _e(row.first or "")
        if row.last and row.last != row.first:
            when = f"{_e(row.first or '')} – {_e(row.last)}"
        flags = ", ".join(
            f
            for f, on in (("probably wrong", row.suspect), ("latest", row.latest), ("official", row.official))
            if on
        )
        sources = ", ".join(f"<bdi>{_e(s)}</bdi>" for s in row.sources)
        rows.append(
            f'<tr class="{"suspect" if row.suspect else ""}">'
            f'<td class="value">{_e(number_text(row.value))}</td>'
            f"<td>{row.documents}</td><td>{_e(ledger_statuses(row))}</td><td>{when}</td>"
            f"<td>{_e(', '.join(row.outlets))}</td><td>{sources}</td><td>{_e(flags)}</td></tr>"
        )
    caption = _e(ledger.label + (f" ({', '.join(ledger.groups)})" if ledger.groups else "") + ", by value")
    return (
        f'<table class="ledger"><caption>{caption}</caption><thead><tr><th>Value</th><th>Articles</th>'
        "<th>Given as</th><th>Reported</th><th>Outlets</th><th>Official source named</th><th></th>"
        "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _card(number: int, finding: Finding, docs: Mapping[str, Document]) -> str:
    severity = finding.severity.value
    plain = describe(finding, docs)
    notes = claim_notes(finding, plain)
    shown = shown_claims(finding, list(notes), SHOWN_COUNTERPARTS)
    claims = "".join(_claim_html(finding, p, docs, notes.get(p, "")) for p in shown)
    hidden = [p for p in range(len(finding.claims)) if p not in shown]
    more = ""
    if hidden:
        folded = "".join(_claim_html(finding, p, docs, notes.get(p, "")) for p in hidden)
        more = (
            f'<details class="more"><summary>{plural(len(hidden), "more claim", "more claims")}</summary>'
            f'<div class="claims">{folded}</div></details>'
        )
    items = "".join(
        f"<li><b>{_e(v.judge)}</b> {score_text(v.score)}: {_prose(v.explanation)}</li>"
        for v in finding.evidence
    )
    judges = (
        '<details class="judges"><summary>Detail: what the judges said · '
        f"score {score_text(finding.score)} · "
        f'id <code class="fid">{_e(finding.id)}</code></summary><ul>{items}</ul></details>'
    )
    ledger = _ledger_html(finding.ledger) if finding.ledger is not None else ""
    info = kind_info(finding.kind)
    return (
        f'<article class="card sev-{_e(severity)}" id="finding-{number}" '
        f'data-kind="{_e(finding.kind)}" data-severity="{_e(severity)}">'
        f"<header><b>#{number}</b>"
        f'<span class="badge sev">{_e(severity)}</span>'
        f'<span class="badge kind" title="{_e(info.description)}">{_e(info.title)}</span>'
        f'<span class="kind-code">{_e(finding.kind)}</span></header>'
        f'<p class="why">{_prose(plain.sentence)}</p>'
        f'<div class="claims">{claims}</div>{more}{ledger}{judges}'
        "</article>"
    )


def _filters(findings: list[Finding]) -> str:
    kinds = kind_counts(findings)
    severities = severity_counts(findings)
    kind_boxes = "".join(
        f'<label><input type="checkbox" name="kind" value="{_e(kind)}" checked> '
        f"{_e(kind_info(kind).title)} ({n})</label>"
        for kind, n in kinds.items()
    )
    severity_boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{_e(sev)}" checked> {_e(sev)} ({n})</label>'
        for sev, n in severities.items()
    )
    return (
        '<form id="filters">'
        f'<fieldset id="filter-kind"><legend>Kind</legend>{kind_boxes}</fieldset>'
        f'<fieldset id="filter-severity"><legend>Severity</legend>{severity_boxes}</fieldset>'
        "</form>"
    )


def _documents_table(report: Report) -> str:
    rows = []
    for doc in report.documents:
        headline = doc.source[doc.headline.start : doc.headline.end] if doc.headline is not None else ""
        head_dir = direction(headline, doc.lang)
        lang_attr = f' lang="{_e(doc.lang)}"' if doc.lang != "other" else ""
        rows.append(
            f"<tr><td><code>{_e(doc.path)}</code></td><td>{_e(doc.lang)}</td>"
            f'<td class="headline" dir="{head_dir}"{lang_attr}>{_e(headline)}</td>'
            f"<td>{_e(doc.date.isoformat()) if doc.date else ''}</td><td>{_e(doc.encoding)}</td></tr>"
        )
    return (
        '<table id="documents"><thead><tr><th>File</th><th>Lang</th><th>Headline</th><th>Date</th>'
        f"<th>Encoding</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _skipped(report: Report) -> str:
    if not report.skipped:
        return ""
    items = "".join(f"<li><code>{_e(s.path)}</code>: {_prose(s.reason)}</li>" for s in report.skipped)
    return f'<h2>Skipped files</h2><ul id="skipped">{items}</ul>'


def _noun(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def _summary(report: Report, findings: list[Finding]) -> str:
    counts = severity_counts(findings)
    items = [
        f"<span><b>{len(findings)}</b> {_noun(len(findings), 'finding')}</span>",
        *(f"<span><b>{n}</b> {_e(sev)}</span>" for sev, n in counts.items()),
        f"<span><b>{len(report.documents)}</b> {_noun(len(report.documents), 'document')}</span>",
        f"<span><b>{len(report.claims)}</b> {_noun(len(report.claims), 'claim')}</span>",
    ]
    if report.skipped:
        items.append(f"<span><b>{len(report.skipped)}</b> skipped</span>")
    return f'<div class="summary" id="summary">{"".join(items)}</div>'


def render_html(report: Report) -> str:
    docs = documents_by_path(report)
    findings = ordered_findings(report)
    cards = "".join(_card(n, f, docs) for n, f in enumerate(findings, start=1))
    if not findings:
        cards = f"<p>{_e(empty_message(report))}</p>"
    title = f"{TOOL_NAME} report"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{_e(TOOL_NAME)} {_e(report.version)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n{_summary(report, findings)}\n"
        f"{_filters(findings) if findings else ''}\n"
        '<p class="intro">Each finding says what disagrees and, when the articles show it, which side is '
        "probably wrong and why. The words that differ are marked in yellow.</p>\n"
        f'<p id="shown">{plural(len(findings), "finding")}</p>\n'
        f'<main id="findings">{cards}</main>\n'
        f"{_skipped(report)}\n"
        f'<details id="documents-list"><summary>Documents ({len(report.documents)})</summary>\n'
        f"{_documents_table(report)}</details>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
