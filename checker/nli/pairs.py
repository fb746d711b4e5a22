"""``check pairs FILE.tsv``: score sentence pairs from a TSV file with the configured NLI model.

The file has a header line ``premise<TAB>hypothesis`` and one pair per line. Fields are taken
verbatim (no CSV quoting: a quote mark is text, as it so often is in news), so a field cannot hold
a tab or a line break. The whole file is checked before any pair is scored, so a bad row fails
the command before it prints anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from checker.errors import ReadError
from checker.nli.scorer import NLIScorer

HEADER = ("premise", "hypothesis")


def read_pairs(path: str | Path) -> list[tuple[str, str]]:
    """The (premise, hypothesis) rows of a pairs TSV file.

    Raises:
        ReadError: missing or undecodable file, wrong header, or a row without exactly two
            non-empty fields (with its line number).
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ReadError(name, "no such file") from exc
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from exc
    lines = text.splitlines()
    if not lines or tuple(f.strip().lower() for f in lines[0].split("\t")) != HEADER:
        found = lines[0][:60] if lines else "an empty file"
        raise ReadError(name, f"line 1: expected the header 'premise<TAB>hypothesis', found {found!r}")
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            raise ReadError(
                name,
                f"line {number}: expected two non-empty tab-separated fields, found {len(fields)} field(s)",
            )
        rows.append((fields[0], fields[1]))
    return rows


def score_pairs_file(path: str | Path, scorer: NLIScorer, chunk: int = 256) -> Iterator[dict[str, object]]:
    """One ``{"label", "scores"}`` dict per pair, in file order (scored ``chunk`` pairs at a time)."""
    rows = read_pairs(path)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        for result in scorer.score_batch([p for p, _ in part], [h for _, h in part]):
            yield {"label": result.label, "scores": {k: round(v, 6) for k, v in result.scores.items()}}
