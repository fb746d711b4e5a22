"""eval.scale.run_check: the benchmarks' fresh ``check`` process, its report, memory and stderr."""

from __future__ import annotations

from pathlib import Path

from eval.scale import run_check

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_fresh_check_process_gives_its_report_memory_and_progress(tmp_path: Path) -> None:
    run = run_check(SEEDS, {"nli": "none"}, tmp_path / "report.json")
    assert run["report"]["stats"]["documents"] == 5
    assert run["peak_mb"] > 50 and run["wall"] > 0
    # stderr went to a file beside the report (a pipe read only at the end can fill and block)
    assert (tmp_path / "report.stderr").read_text(encoding="utf-8").strip()
