"""How well the figure reader puts real figures into slots: measure and status accuracy against the
hand-labelled sentences of ``figure_slots.jsonl``.

    python -m eval.real.slot_accuracy [--split dev|test|all] [--errors] [--no-write]

Each labelled figure is matched to the quantity the checker extracts at the same place of the
sentence (overlapping spans, else the same value); a labelled figure the checker does not extract
counts as a miss for both. The rules were written on the ``dev`` half; the ``test`` half is the
held-back measure (split by article id, ``eval.real.figure_slots.split_of``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from checker.facts.figures import Figure, read_figures
from checker.facts.quantities import extract_quantities
from checker.text.langid import detect_language
from eval.real.figure_slots import SlotRow, load_figure_slots
from eval.results import update_section

COMMAND = "python -m eval.real.slot_accuracy"


@dataclass(frozen=True)
class Scored:
    measure: str  # gold
    status: str  # gold
    found: Figure | None

    @property
    def measure_ok(self) -> bool:
        return self.found is not None and self.found.measure == self.measure

    @property
    def status_ok(self) -> bool:
        return self.found is not None and self.found.status == self.status


def _match(row: SlotRow, figures: Sequence[Figure]) -> list[Scored]:
    out = []
    used: set[int] = set()
    for gold in row.figures:
        at = row.sentence.find(gold.surface)
        span = (at, at + len(gold.surface)) if at >= 0 else None
        best = None
        for n, f in enumerate(figures):
            if n in used:
                continue
            q = f.quantity
            overlaps = span is not None and q.start < span[1] and q.end > span[0]
            if overlaps or (span is None and abs(q.value - gold.value) < 1e-9):
                best = n
                break
        if best is None:  # same value anywhere in the sentence
            best = next(
                (
                    n
                    for n, f in enumerate(figures)
                    if n not in used and abs(f.quantity.value - gold.value) < 1e-9
                ),
                None,
            )
        if best is not None:
            used.add(best)
        out.append(Scored(gold.measure, gold.status, figures[best] if best is not None else None))
    return out


def score(rows: Sequence[SlotRow]) -> list[tuple[SlotRow, Scored]]:
    out = []
    for row in rows:
        lang = detect_language(row.sentence)
        lang = lang if lang in ("ar", "fa") else "ar"
        figures = read_figures(row.sentence, lang, extract_quantities(row.sentence, lang))
        out += [(row, s) for s in _match(row, figures)]
    return out


def table(scored: Sequence[tuple[SlotRow, Scored]]) -> list[str]:
    by_measure: dict[str, list[Scored]] = {}
    for _, s in scored:
        by_measure.setdefault(s.measure, []).append(s)
    lines = [
        "| measure (gold) | figures | extracted | measure right | status right |",
        "|---|---:|---:|---:|---:|",
    ]
    for measure in sorted(by_measure, key=lambda m: -len(by_measure[m])):
        rows = by_measure[measure]
        found = sum(s.found is not None for s in rows)
        m_ok = sum(s.measure_ok for s in rows)
        s_ok = sum(s.status_ok for s in rows)
        lines.append(
            f"| {measure} | {len(rows)} | {found} | {m_ok / len(rows):.2f} | {s_ok / len(rows):.2f} |"
        )
    all_rows = [s for _, s in scored]
    n = len(all_rows)
    extracted = sum(s.found is not None for s in all_rows)
    measure_ok = sum(s.measure_ok for s in all_rows) / n
    status_ok = sum(s.status_ok for s in all_rows) / n
    lines.append(f"| **all** | **{n}** | {extracted} | **{measure_ok:.2f}** | **{status_ok:.2f}** |")
    return lines


def by_language(scored: Sequence[tuple[SlotRow, Scored]]) -> list[str]:
    """One line per language (Arabic: ``eg:`` articles; Persian: ``fars:``)."""
    lines = [
        "| language | sentences | figures | extracted | measure right | status right |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, prefix in (("Arabic", "eg:"), ("Persian", "fars:")):
        mine = [(row, s) for row, s in scored if row.id.startswith(prefix)]
        if not mine:
            continue
        n = len(mine)
        sentences = len({(row.id, row.sentence) for row, _ in mine})
        found = sum(s.found is not None for _, s in mine)
        m_ok = sum(s.measure_ok for _, s in mine) / n
        s_ok = sum(s.status_ok for _, s in mine) / n
        lines.append(f"| {name} | {sentences} | {n} | {found} | {m_ok:.2f} | {s_ok:.2f} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print every wrong measure or status")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = load_figure_slots()
    sections = []
    for split in ("dev", "test") if args.split == "all" else (args.split,):
        chosen = [r for r in rows if r.split == split]
        scored = score(chosen)
        note = " (the rules were written on this half)" if split == "dev" else " (held back)"
        sections += [f"**{split}**{note}: {len(chosen)} sentences", "", *table(scored), ""]
        sections += [*by_language(scored), ""]
        if args.errors:
            for row, s in scored:
                if not (s.measure_ok and s.status_ok):
                    got = f"{s.found.measure}/{s.found.status}" if s.found else "not extracted"
                    print(
                        f"[{split}] gold {s.measure}/{s.status} got {got}: {row.sentence[:160]}",
                        file=sys.stderr,
                    )
    text = "\n".join(sections)
    print(text)
    if not args.no_write and args.split == "all":
        update_section("slots", "Figure slots on labelled real sentences", COMMAND, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
