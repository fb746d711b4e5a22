"""One measured checker run in a fresh process, for the benchmarks (peak memory is per process).

    python -m eval.e2e.child PATH... [--nli NAME] [--no-cache]

Prints one JSON object on stdout: the pipeline's own seconds and stats (cache hits and misses
tell whether a model had to be loaded), the process's wall time from interpreter start, and its
peak resident memory (``VmHWM``, else ``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Sequence

STARTED = time.perf_counter()


def peak_rss_mb() -> float:
    """Peak resident memory of this process. Linux's ``VmHWM`` belongs to the process's own address
    space; ``ru_maxrss`` would also count the parent's pages when the child was started with vfork."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.e2e.child")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--nli", default=None)
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args(argv)
    # torch is not imported here (a cached run may never need it); the parent sets OMP_NUM_THREADS
    from checker.config import load_config
    from checker.pipeline import check

    config = load_config(nli=args.nli, cache=False if args.no_cache else None)
    imported = time.perf_counter() - STARTED
    report = check(args.paths, config)
    stats = dict(report.stats)
    misses = {k: v for k, v in stats.items() if k.startswith("cache_") and k.endswith("_misses")}
    print(
        json.dumps(
            {
                "nli": config.nli,
                "cache": config.cache,
                "import_seconds": round(imported, 3),
                "pipeline_seconds": stats.get("seconds_total"),
                "process_seconds": round(time.perf_counter() - STARTED, 3),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "model_work": not config.cache or any(v for v in misses.values()),
                "stats": stats,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
