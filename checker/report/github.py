"""GitHub Actions workflow commands: annotations on the pull request's files.

One annotation per finding (``error`` for high, ``warning`` for medium, ``notice`` for low), on
the line that needs the edit: the claim most likely wrong, or under ``--changed-since`` the changed
claim. The message is the finding's plain sentence and where the other side stands; the claims
themselves are on the annotated lines. GitHub shows only the first 10 annotations of each level
per step, so at most 10 are written per level, the 10th saying how many more there are; a last
plain line sums the run up. Files that could not be read become ``warning`` annotations.

Escaping follows the runner (actions/toolkit ``command.ts``): in the message ``%``, CR and LF
become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` also become ``%3A``, ``%2C``,
since they separate properties.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.report.common import (
    TOOL_NAME,
    documents_by_path,
    end_line,
    ordered_findings,
    project_root,
    relative_to,
    score_text,
    severity_counts,
    split_record,
)
from checker.report.plain import describe, plural
from checker.types import Claim, Document, Finding, Report, Severity

COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}
PER_LEVEL = 10  # GitHub shows the first 10 annotations of each level in a step
LISTED = 4  # places of the other side named in a message


def escape_data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    """One workflow command line; properties keep their order, empty ones are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in properties.items() if value != ""
    )
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _claim_properties(claim: Claim, root: str) -> dict[str, str | int]:
    file_path, record = split_record(claim.document)
    props: dict[str, str | int] = {"file": relative_to(file_path, root)}
    if record is None:
        # Lines of a JSONL record count inside the record, not the file: no line for those.
        props["line"] = claim.span.line
        props["endLine"] = end_line(claim)
    return props


def _place(claim: Claim, root: str) -> str:
    """``path:line`` relative to the root, as the annotation's own file is (``path#N:line`` for a
    record of a JSON file)."""
    file_path, record = split_record(claim.document)
    shown = relative_to(file_path, root) + (f"#{record}" if record is not None else "")
    return f"{shown}:{claim.span.line}"


def _message(finding: Finding, docs: Mapping[str, Document], root: str) -> str:
    primary = finding.primary
    others = [c for c in finding.claims if c is not primary]
    lines = [describe(finding, docs).sentence]
    if others:
        places = ", ".join(_place(c, root) for c in others[:LISTED])
        more = f" and {len(others) - LISTED} more" if len(others) > LISTED else ""
        lines.append(f"Other claims: {places}{more}.")
    lines.append(f"({finding.kind}, score {score_text(finding.score)}, id {finding.id})")
    return "\n".join(lines)


def finding_command(finding: Finding, docs: Mapping[str, Document], root: str) -> str:
    """The one annotation of ``finding``, on its primary claim."""
    title = f"{TOOL_NAME}: {describe(finding, docs).title} ({finding.severity.value})"
    props = _claim_properties(finding.primary, root)
    return command(COMMANDS[finding.severity], _message(finding, docs, root), **props, title=title)


def render_github(report: Report) -> str:
    docs = documents_by_path(report)
    root = project_root([d.path for d in report.documents])
    findings = ordered_findings(report)
    lines: list[str] = []
    for severity, name in COMMANDS.items():
        these = [f for f in findings if f.severity is severity]
        if name == "warning":  # skipped files are warnings too: they share the level's ten
            these_count = len(these) + len(report.skipped)
        else:
            these_count = len(these)
        room = PER_LEVEL if these_count <= PER_LEVEL else PER_LEVEL - 1
        lines.extend(finding_command(f, docs, root) for f in these[:room])
        shown = min(len(these), room)
        if name == "warning":
            for skipped in report.skipped[: room - shown]:
                file_path = relative_to(split_record(skipped.path)[0], root)
                lines.append(
                    command("warning", skipped.reason, file=file_path, title=f"{TOOL_NAME}: file skipped")
                )
                shown += 1
        if these_count > shown:
            lines.append(
                command(
                    name,
                    f"{these_count - shown} more at this level are not annotated (GitHub shows 10 per step): "
                    "see the job summary or the SARIF report.",
                    title=f"{TOOL_NAME}: {these_count - shown} more",
                )
            )
    counts = ", ".join(f"{n} {sev}" for sev, n in severity_counts(findings).items())
    lines.append(
        f"{TOOL_NAME}: {plural(len(findings), 'finding')} ({counts}) in "
        f"{plural(len(report.documents), 'document')}"
        + (f"; {len(report.skipped)} skipped" if report.skipped else "")
    )
    return "".join(line + "\n" for line in lines)
