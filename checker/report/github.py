"""GitHub Actions workflow commands: annotations on the pull request's files.

``::error file=...,line=...,endLine=...,title=...::message`` (``error`` for high, ``warning`` for
medium, ``notice`` for low), one per claim location of each finding, so each conflicting line
gets its own annotation and the message names the other claim's ``file:line``. Files that could
not be read become ``warning`` annotations.

Escaping follows the runner (actions/toolkit ``command.ts``): in the message ``%``, CR and LF
become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` also become ``%3A``, ``%2C``,
since they separate properties.
"""

from __future__ import annotations

from checker.report.common import (
    TOOL_NAME,
    end_line,
    location,
    ordered_findings,
    repo_relative_path,
    score_text,
    split_record,
)
from checker.types import Claim, Finding, Report, Severity

COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}


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


def _claim_properties(claim: Claim) -> dict[str, str | int]:
    file_path, record = split_record(claim.document)
    props: dict[str, str | int] = {"file": repo_relative_path(file_path)}
    if record is None:
        # Lines of a JSONL record count inside the record, not the file: no line for those.
        props["line"] = claim.span.line
        props["endLine"] = end_line(claim)
    return props


def _message(finding: Finding, position: int) -> str:
    claim = finding.claims[position]
    lines = [finding.explanation, f"{claim.role.value} here: {claim.text}"]
    for other_position, other in enumerate(finding.claims):
        if other_position != position:
            lines.append(f"conflicts with {location(other)} ({other.role.value}): {other.text}")
    return "\n".join(lines)


def finding_commands(finding: Finding) -> list[str]:
    """One annotation per claim of ``finding``."""
    name = COMMANDS[finding.severity]
    title = f"{TOOL_NAME}: {finding.kind} ({finding.severity.value}, score {score_text(finding.score)})"
    return [
        command(name, _message(finding, position), **_claim_properties(claim), title=title)
        for position, claim in enumerate(finding.claims)
    ]


def render_github(report: Report) -> str:
    lines: list[str] = []
    for finding in ordered_findings(report):
        lines.extend(finding_commands(finding))
    for skipped in report.skipped:
        file_path = repo_relative_path(split_record(skipped.path)[0])
        lines.append(command("warning", skipped.reason, file=file_path, title=f"{TOOL_NAME}: file skipped"))
    return "".join(line + "\n" for line in lines)
