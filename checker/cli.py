"""The command line: a thin typer layer over ``checker.check`` and ``checker.nli``.

    check seeds/                                  # text report, exit 1 when a high finding exists
    check seeds/ -f json                          # the machine-readable contract (docs/json-report.md)
    check content/ -f github -f sarif:results.sarif -f markdown:summary.md   # one run, three reports
    check pairs FILE.tsv                          # score sentence pairs with the NLI model

``check PATH...`` is the main command; ``check --help`` shows it with every option, the exit
statuses, where settings come from and the environment (docs/cli.md says the same at length).
Errors become one line on stderr and an exit status (2 for usage errors), never a traceback.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from checker import __version__
from checker.errors import CheckerError, ConfigError, UsageError

if TYPE_CHECKING:
    from checker.config import Config
    from checker.report.stream import JsonLinesStream
    from checker.types import Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "json", "jsonl", "sarif", "github", "markdown", "html")  # checker.report.FORMATS
KINDS = ("entity", "number", "date", "contradiction", "anachronism")  # checker.config.FINDING_KINDS
DOCS = "https://github.com/news-checker/news-checker/blob/main/docs/cli.md"


class FailOn(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"
    none = "none"


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


class Bidi(str, Enum):
    isolate = "isolate"
    visual = "visual"
    none = "none"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


# \b keeps click from re-wrapping the paragraph that follows it.
EPILOG = f"""\
\b
Kinds of finding (for --select, --ignore):
  {", ".join(KINDS)}

\b
Exit status:
  0  no finding at the --fail-on severity or above (always, with --fail-on none)
  1  a finding at --fail-on or above (default: high)
  2  a usage or configuration error, or nothing could be read
  3  a bug in the checker (one line; the traceback with CHECKER_DEBUG=1)

\b
Settings: checker.toml in the current folder or the nearest folder above it,
else [tool.checker] in a pyproject.toml there; --config FILE names one.
Options given here override the file.

\b
Environment:
  CHECKER_HOME   built models and the cache (default: ~/.cache/news-checker)
  NO_COLOR       no colour (--color auto); FORCE_COLOR: colour even when piped
  CHECKER_DEBUG  1: show the traceback of an internal error

\b
Other command:
  check pairs FILE.tsv   score sentence pairs with the NLI model (check pairs --help)

\b
Documentation:
  {DOCS}
"""


class _Root(TyperGroup):
    """``check PATH...`` is the main command (``run``); ``check pairs FILE`` the other one. So
    ``check --help`` and ``check --version`` are the main command's too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        if not args or args[0] not in self.commands:
            args = ["run", *args]
        return super().parse_args(ctx, args)


class _Main(TyperCommand):
    """The main command, whose usage line says how it is typed: ``check [OPTIONS] PATH...``."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage("check", "[OPTIONS] PATH...")


app = typer.Typer(
    cls=_Root,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and errors: CI logs and pipes show no boxes
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Find claims in Arabic and Persian news articles that cannot all be true.",
)


class _OneLine(logging.Handler):
    """The library's warnings (a damaged cache, a rebuilt model) as ``check: ...`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"check: {' '.join(record.getMessage().split())}", err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("checker")
    if not any(isinstance(h, _OneLine) for h in logger.handlers):
        logger.addHandler(_OneLine(logging.WARNING))


def _fail(message: str, status: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"check: {message}", err=True)
    return typer.Exit(status)


def _note(message: str) -> None:
    typer.echo(f"check: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"news-checker {__version__}")
        raise typer.Exit(EXIT_OK)


def _stdout_to_devnull() -> None:
    """What is left in stdout's buffer goes nowhere (else Python reports it again at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (e.g. a test runner's buffer)


def _write(text: str, output: Path | None) -> None:
    text = text if text.endswith("\n") or not text else text + "\n"  # jsonl of no findings: empty
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (`check ... | head`): the run still counts
            _stdout_to_devnull()
        except OSError as exc:  # e.g. a full disk behind a redirection
            _stdout_to_devnull()
            raise _fail(f"cannot write the report to standard output: {exc.strerror or exc}") from None
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None


def _finding_stream(targets: Sequence[tuple[str, Path | None]], filtered: bool) -> JsonLinesStream | None:
    """The writer that streams the ``jsonl`` report as findings are decided. Not when a baseline or
    --changed-since filters the findings: that needs the whole run, so the file is written at the end."""
    from checker.report.stream import JsonLinesStream

    file = next((file for name, file in targets if name == "jsonl"), None)
    if filtered or not any(name == "jsonl" for name, _ in targets):
        return None
    try:
        return JsonLinesStream(file)
    except OSError as exc:
        raise _fail(f"cannot write {file}: {exc.strerror or exc}") from None


def _nearest_settings() -> str:
    """The file ``load_config`` reads first when none is named (for a message about it)."""
    for folder in [Path.cwd(), *Path.cwd().parents]:
        for name in ("checker.toml", "pyproject.toml"):
            if (folder / name).is_file():
                return str(folder / name)
    return "checker.toml"


def _git_folder(path: Path) -> Path:
    """Where to ask git about ``--changed-since``: the repository of the articles, not of the
    current directory (``check ~/newsroom/content --changed-since main`` from anywhere)."""
    return path if path.is_dir() else path.parent


def parse_formats(values: Sequence[str], output: Path | None) -> list[tuple[str, Path | None]]:
    """``--format`` values (``FORMAT`` or ``FORMAT:FILE``, repeatable) as (format, file or None for
    standard output); ``--output`` takes the one format given without a file.

    Raises:
        UsageError: an unknown format, or two formats both left for standard output.
    """
    chosen: list[tuple[str, Path | None]] = []
    for value in values or ["text"]:
        name, sep, file = value.partition(":")
        if name not in FORMATS:
            raise UsageError(
                f"unknown format {value!r}; choose from {', '.join(FORMATS)} (FORMAT or FORMAT:FILE)"
            )
        if sep and not file:
            raise UsageError(f"--format {value}: a file name after the ':'")
        chosen.append((name, Path(file) if file else None))
    to_stdout = [name for name, file in chosen if file is None]
    if len(to_stdout) > 1:
        raise UsageError(
            f"formats {' and '.join(to_stdout)} would both go to standard output: "
            "give all but one a file, as in --format sarif:results.sarif"
        )
    if output is not None:
        if not to_stdout:
            raise UsageError("--output names the file of a format given without one, and there is none")
        chosen = [(name, output if file is None else file) for name, file in chosen]
    return chosen


def _kinds(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """``--select entity,number --select date`` as ('entity', 'number', 'date')."""
    if not values:
        return None
    return tuple(k.strip() for value in values for k in value.split(",") if k.strip())


def color_wanted(choice: Color, stream: Any) -> bool:
    from checker.report import wants_color

    if choice is Color.always:
        return True
    if choice is Color.never:
        return False
    return wants_color(stream)


def _notes(report: Report, paths: Sequence[Path], config: Config, verbose: bool) -> None:
    """What a person should know about the input, on stderr: files not read, other languages."""
    from checker.ingest.discover import ignored_files

    for skipped in report.skipped:
        _note(f"skipped {skipped.path}: {skipped.reason}")
    ignored = ignored_files(paths, config.include, config.excluded)
    if ignored:
        suffixes = sorted({Path(name).suffix.lower() or "(no suffix)" for name in ignored})
        listed = ignored if verbose else ignored[:3]
        more = f" and {len(ignored) - len(listed)} more" if len(ignored) > len(listed) else ""
        _note(
            f"not read: {len(ignored)} file{'s' if len(ignored) != 1 else ''} of no article format "
            f"({', '.join(suffixes)}): {', '.join(listed)}{more} "
            "(`include` in checker.toml says what is read)"
        )
    other = [d.path for d in report.documents if d.lang not in ("ar", "fa")]
    if other:
        listed = other if verbose else other[:3]
        more = f" and {len(other) - len(listed)} more" if len(other) > len(listed) else ""
        are = "articles are" if len(other) != 1 else "article is"
        _note(
            f"warning: {len(other)} {are} neither Arabic nor Persian, "
            f"which the checker is built for; conflicts in {'them' if len(other) != 1 else 'it'} may be "
            f"missed: {', '.join(listed)}{more}"
        )


@app.command(
    "run",
    cls=_Main,
    help="Check the articles under PATH... (article files, or folders to read them from) and report the "
    "claims that cannot all be true, with the claim probably wrong first.",
    epilog=EPILOG,
)
def run(
    paths: Annotated[
        list[Path] | None,
        # hidden: typer would show it with a type ("<list[Path]>"); the usage line and the command's
        # help say what PATH is
        typer.Argument(metavar="PATH...", show_default=False, hidden=True),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[:FILE]",
            help=f"Report format: {', '.join(FORMATS)} (default text; jsonl is streamed, one finding per "
            "line as it is decided). Repeatable; FORMAT:FILE writes "
            "that report to FILE, so one run can give several.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report (the one given without a FILE) to FILE."
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Lowest severity that makes the exit status 1 (default: high); none: report only, exit 0.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(metavar="KIND[,KIND]", help="Report only these kinds of finding (repeatable)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(metavar="KIND[,KIND]", help="Do not report these kinds of finding (repeatable)."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Report only findings that are not in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Record today's findings as accepted, in FILE (exit status 0)."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            metavar="REF", help="Report only findings touching what changed since this git ref (reads all)."
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="FILE", help="checker.toml or pyproject.toml to read settings from."
        ),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="Apply exclude to files named here too (for pre-commit, which names them).",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print the findings only: no notes, no progress, no summary."),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Every claim and judge of each finding; every file noted.")
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            help="Colour in the text report: auto (a terminal, and NO_COLOR unset or FORCE_COLOR set), "
            "always, never. Without colour the differing words stand between [[ and ]]."
        ),
    ] = Color.auto,
    bidi: Annotated[
        Bidi,
        typer.Option(
            help="Arabic and Persian in the text report: isolate (terminals with BiDi), visual "
            "(terminals without; needs news-checker[bidi]), none."
        ),
    ] = Bidi.isolate,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: when a terminal)."),
    ] = None,
    embedder: Annotated[
        str | None,
        typer.Option(
            metavar="MODEL", help="Embedding model: registry name, sentence-transformers id or path."
        ),
    ] = None,
    nli: Annotated[
        str | None,
        typer.Option(metavar="MODEL", help="NLI model: registry name, HF id or path; none turns it off."),
    ] = None,
    kb: Annotated[
        list[Path] | None,
        typer.Option("--kb", metavar="FILE", help="Extra knowledge-base YAML file (repeatable)."),
    ] = None,
    device: Annotated[
        str | None,
        typer.Option(
            metavar="DEVICE",
            help="Torch device for the models: cpu, cuda, cuda:N (default: cuda when available).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the model cache.")
    ] = False,
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
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    from checker.baseline import drop_baselined, read_baseline
    from checker.baseline import write_baseline as save_baseline
    from checker.changed import changed_lines, keep_changed
    from checker.config import load_config
    from checker.ingest.discover import force_excluded
    from checker.pipeline import check
    from checker.report import render
    from checker.report.text import check_bidi
    from checker.types import Severity

    _show_warnings()
    if quiet and verbose:
        raise _fail("--quiet and --verbose cannot both be given")
    if not paths:
        raise _fail("no PATH given (try: check seeds/)")
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        hint = ""
        if {m.lower() for m in missing} & {"true", "false", "yes", "no", "1", "0"}:
            hint = " (flags such as --no-cache take no value)"
        raise _fail(f"no such file or folder: {', '.join(missing)}{hint}")
    reading = f"the config file {config_file or _nearest_settings()}"
    try:
        targets = parse_formats(formats or [], output)
        if any(name == "text" for name, _ in targets):
            check_bidi(bidi.value)  # before the run: a missing package must not cost a whole check
        config = load_config(
            config_file,
            fail_on=fail_on.value if fail_on else None,
            embedder=embedder,
            nli=nli,
            kb=tuple(str(k) for k in kb) if kb else None,
            cache=False if no_cache else None,
            progress=False if quiet else progress,
            select=_kinds(select),
            ignore=_kinds(ignore),
            force_exclude=True if force_exclude else None,
            device=device,
            engine=engine.value if engine else None,
            ray_address=ray_address,
        )
        if config.force_exclude and all(p.is_file() and force_excluded(p, config.excluded) for p in paths):
            # pre-commit named only excluded files: nothing to do, and nothing wrong
            if not quiet:
                _note("nothing to check: every file named is excluded (--force-exclude)")
            raise typer.Exit(EXIT_OK)
        reading = f"the baseline {baseline}"
        accepted = read_baseline(baseline) if baseline else None
        changed = changed_lines(changed_since, cwd=_git_folder(paths[0])) if changed_since else None
        stream = _finding_stream(targets, filtered=accepted is not None or changed is not None)
        reading = "a knowledge-base file (" + ", ".join(config.kb) + ")" if config.kb else ""
        try:
            report = check([str(p) for p in paths], config, on_findings=stream)
        finally:
            if stream is not None:
                stream.close()
    except ConfigError as exc:
        raise _fail(str(exc).replace("\n", "\ncheck: ")) from None
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    except UnicodeDecodeError as exc:  # a settings file that is not text; articles never get here
        if not reading:
            raise
        raise _fail(f"cannot read {reading}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None

    if not quiet:
        _notes(report, paths, config, verbose)
    if write_baseline and report.documents:
        try:
            count = save_baseline(report, write_baseline)
        except OSError as exc:
            raise _fail(f"cannot write baseline {write_baseline}: {exc.strerror or exc}") from None
        if not quiet:
            _note(f"wrote {count} finding{'s' if count != 1 else ''} to baseline {write_baseline}")
    if accepted is not None:
        report = drop_baselined(report, accepted)
    if changed is not None:
        report = keep_changed(report, changed)
    verbosity = "quiet" if quiet else "verbose" if verbose else "normal"
    for name, file in targets:
        if stream is not None and name == "jsonl":
            continue  # written line by line as the findings were decided
        painted = file is None and name == "text" and color_wanted(color, sys.stdout)
        _write(render(report, name, color=painted, bidi=bidi.value, verbosity=verbosity), file)
    if not report.documents:  # the reports say so too, and list what was skipped
        why = (
            "every file was skipped"
            if report.skipped
            else "no article files (.txt, .md, .html, .json, .jsonl)"
        )
        raise _fail(f"nothing could be read under {', '.join(str(p) for p in paths)}: {why}")
    if config.fail_on == "none" or write_baseline:
        raise typer.Exit(EXIT_OK)
    threshold = Severity(config.fail_on).rank
    failing = any(f.severity.rank >= threshold for f in report.findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(
    "pairs",
    help="Score sentence pairs with the NLI model. FILE is a TSV with the header premise<TAB>hypothesis; "
    'the output is one JSON object per line, one per pair, in order: {"label", "scores"} (label: '
    "entailment, neutral or contradiction; scores: the three probabilities by label).",
)
def pairs(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, metavar="FILE.tsv", help="TSV file of pairs.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="json", help="Only json (JSON lines).")
    ] = "json",
    nli: Annotated[
        str | None, typer.Option(metavar="MODEL", help="NLI model: registry name, HF id or path.")
    ] = None,
    device: Annotated[
        str | None, typer.Option(metavar="DEVICE", help="Torch device: cpu, cuda, cuda:N.")
    ] = None,
    config_file: Annotated[Path | None, typer.Option("--config", metavar="FILE", help="Config file.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
) -> None:
    from checker.config import load_config
    from checker.nli.pairs import score_pairs_file
    from checker.nli.scorer import load_nli

    _show_warnings()
    if fmt != "json":
        raise _fail("check pairs supports --format json only")
    try:
        config = load_config(config_file, nli=nli, device=device)
        scorer = load_nli(config.nli, device=config.device, batch_size=config.batch_size)
        lines = [json.dumps(row, ensure_ascii=False) for row in score_pairs_file(file, scorer)]
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    _write("\n".join(lines), output)


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
