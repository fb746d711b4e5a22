"""What every report format needs: ordering, locations, languages, highlights.

Each format module turns a :class:`~checker.types.Report` into one string; the small facts they
share (how findings are ordered for a person, where a claim sits, which way its script runs,
which spans the judges marked) live here so the formats cannot drift apart.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from checker.types import Claim, Document, Finding, Report, Severity

TOOL_NAME = "news-checker"
# Where the project lives; pyproject.toml's [project.urls] and the examples name the same place
# (tests/test_examples.py checks that they agree).
PROJECT_URL = "https://github.com/news-checker/news-checker"

# Languages whose script runs right to left. The checker reads Arabic and Persian; the others
# are here so that an article in Urdu or Hebrew, labelled "other" by ingest or not, still shows
# the right way round once a language code reaches the report.
RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "ku", "he", "yi", "dv", "sd", "ug"})


@dataclass(frozen=True)
class KindInfo:
    """How a finding kind is named and described to a reader (SARIF rules, HTML filters)."""

    name: str  # CamelCase rule name
    title: str  # a few plain words for headings ("Names disagree")
    description: str  # one sentence: what the finding is
    help: str = ""  # what an editor does about it


KINDS: Mapping[str, KindInfo] = {
    "entity": KindInfo(
        "EntityConflict",
        "Names disagree",
        "Two claims name different people, organisations or places in the same role.",
        "Check which person, organisation or place the source names and correct the claim that names "
        "another. A person who had died by the date of the article is almost certainly the wrong name "
        "(a predecessor or a namesake).",
    ),
    "number": KindInfo(
        "NumberConflict",
        "Figures disagree",
        "Two claims give different numbers for the same quantity.",
        "Check the figure against the source or the latest official statement and correct the claim "
        "that differs. When the figure changed over the day (a toll that rose), say so in the copy "
        '("rose to ...") rather than giving the old figure as current.',
    ),
    "date": KindInfo(
        "DateConflict",
        "Dates disagree",
        "Two claims give different dates, weekdays or times for the same event.",
        'Check the date against the source. Relative dates ("today", "yesterday") copied from an '
        "earlier report shift by a day when the copy is published later.",
    ),
    "contradiction": KindInfo(
        "Contradiction",
        "Sentences may contradict",
        "The NLI model reads one claim as contradicting the other.",
        "A language model, not a rule, flagged this pair: no name, number or date differs. Read both "
        "sentences; they often agree, and then nothing needs to change.",
    ),
    "anachronism": KindInfo(
        "Anachronism",
        "A dead person acts",
        "A claim has a person act at a time they cannot (for example after their death).",
        "The person named had died by the date of the claim: the name is probably mixed up with a "
        "successor's, a predecessor's or a namesake's. Check who the source names.",
    ),
}


def kind_info(kind: str) -> KindInfo:
    """The description of ``kind``; a kind no one described yet still gets a readable one."""
    known = KINDS.get(kind)
    if known is not None:
        return known
    name = "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", kind) if part) or "Finding"
    return KindInfo(name, kind, f"Claims that conflict ({kind}).")


NOTHING_READ = "Nothing was checked: no article could be read."
NO_FINDINGS = "No conflicting claims found."


def empty_message(report: Report) -> str:
    """What a report without findings says: that nothing conflicts, or that nothing was read."""
    return NO_FINDINGS if report.documents else NOTHING_READ


def ordered_findings(report: Report) -> list[Finding]:
    """Findings as a person should read them: most severe first, then most certain.

    The sort is stable, so findings that tie keep the pipeline's order.
    """
    return sorted(report.findings, key=lambda f: (-f.severity.rank, -f.score))


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, high first, every severity present (possibly 0)."""
    counts = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def kind_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, in order of first appearance."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    return counts


def documents_by_path(report: Report) -> dict[str, Document]:
    return {doc.path: doc for doc in report.documents}


def location(claim: Claim) -> str:
    """``path:line`` as editors and terminals understand it."""
    return f"{display_path(claim.document)}:{claim.span.line}"


def end_line(claim: Claim) -> int:
    """The line holding the claim's last character (claims may run over a line break)."""
    return claim.span.line + claim.text.rstrip("\n").count("\n")


def claim_lang(claim: Claim, docs: Mapping[str, Document]) -> str:
    """The claim's language: its document's when known (ingest decides per article)."""
    doc = docs.get(claim.document)
    return doc.lang if doc is not None else claim.lang


def first_strong_direction(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` from the first strongly directional character (UBA rules P2-P3)."""
    for ch in text:
        bidi_class = unicodedata.bidirectional(ch)
        if bidi_class in ("R", "AL"):
            return "rtl"
        if bidi_class == "L":
            return "ltr"
    return None


def direction(text: str, lang: str | None) -> str:
    """Which way a block of article text runs: from its language, else from its letters."""
    if lang and lang.split("-")[0].lower() in RTL_LANGS:
        return "rtl"
    return first_strong_direction(text) or "ltr"


def is_rtl_char(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


# A run of right-to-left text: from the first RTL letter to the last one before a
# left-to-right letter or a line break, taking the spaces, digits and punctuation between.
_RTL_RUN = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
    r"(?:[^\nA-Za-z\u00c0-\u024f]*[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff])?"
)


def rtl_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are right-to-left runs, for isolating them inside LTR prose.

    Explanations mix English with Arabic or Persian names ("headline names الخميني where the
    body names خامنئي"); isolating each RTL run keeps the English sentence in order.
    """
    return [(m.start(), m.end()) for m in _RTL_RUN.finditer(text)]


def isolate_rtl(text: str, escape: Callable[[str], str], wrap: Callable[[str], str]) -> str:
    """``text`` with each right-to-left run passed through ``wrap`` and everything (runs
    included) through ``escape``: the one loop behind every format's prose."""
    out: list[str] = []
    pos = 0
    for start, end in rtl_runs(text):
        out.append(escape(text[pos:start]))
        out.append(wrap(escape(text[start:end])))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlight_ranges(finding: Finding, position: int) -> list[tuple[int, int]]:
    """The spans judges marked in the claim at ``position``, merged and clipped to its text.

    ``Verdict.highlights`` holds ``(claim position, start, end)`` with offsets into the claim
    text; spans from several judges may overlap, and a bad span must never break a report, so
    out-of-range parts are dropped rather than trusted.
    """
    if position >= len(finding.claims):
        return []
    length = len(finding.claims[position].text)
    spans = sorted(
        (max(0, start), min(length, end))
        for verdict in finding.evidence
        for pos, start, end in verdict.highlights
        if pos == position and min(length, end) > max(0, start)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def split_highlights(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, highlighted)`` parts, in order; joined they give ``text``.

    Formats escape each piece on its own, so offsets computed on the verbatim text stay right.
    """
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text) or not parts:
        parts.append((text[pos:], False))
    return parts


_RECORD_SUFFIX = re.compile(r"#(\d+)$")


def split_record(path: str) -> tuple[str, int | None]:
    """``("file.jsonl", 3)`` for ``"file.jsonl#3"`` (a record of a JSON/JSONL file), else ``(path, None)``.

    Offsets of a record's claims point into the record's text, not into the file, so formats
    that address the file itself (SARIF, GitHub annotations) must know.
    """
    match = _RECORD_SUFFIX.search(path)
    if match is None:
        return path, None
    return path[: match.start()], int(match.group(1))


def display_path(path: str) -> str:
    """A path as given, with forward slashes and without a leading ``./``."""
    shown = path.replace("\\", "/")
    while shown.startswith("./"):
        shown = shown[2:]
    return shown


@lru_cache(maxsize=1024)
def source_root(folder: str) -> str | None:
    """The top of the git work tree holding ``folder`` (the nearest folder above it with a
    ``.git``), or None: CI annotations and code scanning resolve paths against it."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def project_root(paths: Iterable[str] = (), cwd: str | None = None) -> str:
    """The folder report paths are relative to: the top of the git work tree of the working folder
    (so a run from ``content/`` still names ``content/a.txt``), else of the first file, else the
    working folder itself."""
    here = os.path.abspath(cwd or os.getcwd())
    root = source_root(here)
    for path in paths:
        if root is not None:
            break
        root = source_root(os.path.dirname(os.path.join(here, path)))
    return root or here


def relative_to(path: str, root: str, cwd: str | None = None) -> str:
    """``path`` relative to ``root`` with forward slashes; absolute when it lies outside ``root``."""
    absolute = os.path.abspath(os.path.join(cwd or os.getcwd(), path))
    if os.path.commonpath([root, absolute]) == root:
        return display_path(os.path.relpath(absolute, root))
    return display_path(absolute)


def repo_relative_path(path: str, cwd: str | None = None) -> str:
    """A file path relative to the top of the repository (where CI annotations and code scanning
    look for it, wherever ``check`` ran from), else to the working folder, else absolute."""
    return relative_to(path, project_root([path], cwd), cwd)


def artifact_uri(path: str, cwd: str | None = None, root: str | None = None) -> str:
    """A SARIF ``artifactLocation.uri``: relative to ``root`` (``%SRCROOT%``, by default
    :func:`project_root`) with forward slashes, percent-encoded; a file outside it is a
    ``file://`` URI."""
    shown = relative_to(path, root or project_root([path], cwd), cwd)
    if shown.startswith("/"):
        return "file://" + quote(shown, safe="/")
    return quote(shown, safe="/")


def column_of(source: str, offset: int) -> int:
    """1-based column of ``offset`` in ``source``, counted in Unicode code points."""
    return offset - (source.rfind("\n", 0, offset) + 1) + 1


def score_text(score: float) -> str:
    return f"{score:.2f}"
