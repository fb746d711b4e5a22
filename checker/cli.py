"""The command line: a thin typer layer over ``checker.check`` and ``checker.nli``.

    check seeds/                      # text report, exit 1 when a high finding exists
    check seeds/ --format json        # the machine-readable contract (../shared/DESIGN.md)
    check pairs FILE.tsv --format json

Errors become one line on stderr and an exit status (2 for usage errors), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from checker.errors import CheckerError, ConfigError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"
    html = "html"


class FailOn(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


class Bidi(str, Enum):
    isolate = "isolate"
    visual = "visual"
    none = "none"


class _DefaultToRun(TyperGroup):
    """`check PATH...` means `check run PATH...`; `check pairs FILE` is the other command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        elif not args:
            args = ["run"]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToRun,
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find claims in Arabic and Persian news articles that cannot all be true.",
)


def _fail(message: str, status: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"check: {message}", err=True)
    return typer.Exit(status)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None


def _git_folder(path: Path) -> Path:
    """Where to ask git about ``--changed-since``: the repository of the articles, not of the
    current directory (``check ~/newsroom/content --changed-since main`` from anywhere)."""
    return path if path.is_dir() else path.parent


@app.command("run", help="Check the articles under PATH... (files or folders).")
def run(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.", show_default=False)] = None,  # type: ignore[assignment]
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="Lowest severity that makes the exit status 1 (default: high).")
    ] = None,
    embedder: Annotated[
        str | None, typer.Option(help="Embedding model: registry name, sentence-transformers id or path.")
    ] = None,
    nli: Annotated[
        str | None, typer.Option(help="NLI model: registry name, HF id or path; 'none' disables.")
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="checker.toml or pyproject.toml to read settings from.")
    ] = None,
    kb: Annotated[
        list[Path] | None, typer.Option("--kb", help="Extra knowledge-base YAML file (repeatable).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the model cache.")
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option(help="Report only findings that are not in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record today's findings as accepted, in FILE.")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(help="Report only findings touching what changed since this git ref (reads all)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: when a terminal)."),
    ] = None,
    bidi: Annotated[
        Bidi,
        typer.Option(help="Arabic/Persian in the text format: isolate (terminals with BiDi), visual, none."),
    ] = Bidi.isolate,
    engine: Annotated[
        EngineName | None,
        typer.Option(help="Where the stages run: local, or ray (a Ray cluster; the `ray` extra)."),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="Ray cluster to join with --engine ray ('auto', 'ray://HOST:10001'); default: a local one."
        ),
    ] = None,
) -> None:
    from checker.baseline import drop_baselined, read_baseline
    from checker.baseline import write_baseline as save_baseline
    from checker.changed import changed_lines, keep_changed
    from checker.config import load_config
    from checker.pipeline import check
    from checker.report import render, wants_color
    from checker.types import Severity

    if not paths:
        raise _fail("no PATH given (try: check seeds/)")
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    try:
        config = load_config(
            config_file,
            fail_on=fail_on.value if fail_on else None,
            embedder=embedder,
            nli=nli,
            kb=tuple(str(k) for k in kb) if kb else None,
            cache=False if no_cache else None,
            progress=progress,
            engine=engine.value if engine else None,
            ray_address=ray_address,
        )
        accepted = read_baseline(baseline) if baseline else None
        changed = changed_lines(changed_since, cwd=_git_folder(paths[0])) if changed_since else None
        report = check([str(p) for p in paths], config)
    except ConfigError as exc:
        raise _fail(str(exc).replace("\n", "\ncheck: ")) from None
    except CheckerError as exc:
        raise _fail(str(exc)) from None

    def rendered() -> str:
        color = output is None and wants_color(sys.stdout)
        try:
            return render(report, fmt.value, color=color, bidi=bidi.value)
        except CheckerError as exc:
            raise _fail(str(exc)) from None

    for skipped in report.skipped:
        typer.echo(f"check: skipped {skipped.path}: {skipped.reason}", err=True)
    if not report.documents:
        _emit(rendered(), output)
        raise _fail("nothing could be read")
    if write_baseline:
        try:
            count = save_baseline(report, write_baseline)
        except OSError as exc:
            raise _fail(f"cannot write baseline {write_baseline}: {exc.strerror or exc}") from None
        noun = "finding" if count == 1 else "findings"
        typer.echo(f"check: wrote {count} {noun} to baseline {write_baseline}", err=True)
    if accepted is not None:
        report = drop_baselined(report, accepted)
    if changed is not None:
        report = keep_changed(report, changed)
    _emit(rendered(), output)
    threshold = Severity(config.fail_on).rank
    failing = any(f.severity.rank >= threshold for f in report.findings)
    raise typer.Exit(EXIT_FINDINGS if failing and not write_baseline else EXIT_OK)


@app.command(
    "pairs", help="Score sentence pairs (TSV with header premise<TAB>hypothesis) with the NLI model."
)
def pairs(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="TSV file of pairs.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Only json is supported here.")] = Format.json,
    nli: Annotated[str | None, typer.Option(help="NLI model: registry name, HF id or path.")] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="Config file.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
) -> None:
    from checker.config import load_config
    from checker.nli.pairs import score_pairs_file
    from checker.nli.scorer import load_nli

    if fmt is not Format.json:
        raise _fail("check pairs supports --format json only")
    try:
        config = load_config(config_file, nli=nli)
        scorer = load_nli(config.nli, device=config.device, batch_size=config.batch_size)
        lines = [json.dumps(row, ensure_ascii=False) for row in score_pairs_file(file, scorer)]
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    _emit("\n".join(lines), output)


def main() -> None:
    """Console entry point: a bug becomes one line (exit 3), with the traceback on CHECKER_DEBUG=1."""
    try:
        app()
    except UsageError as exc:  # pragma: no cover - raised outside a command
        typer.echo(f"check: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        typer.echo("check: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("CHECKER_DEBUG"):
            raise
        typer.echo(
            f"check: internal error: {type(exc).__name__}: {exc} (run with CHECKER_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
