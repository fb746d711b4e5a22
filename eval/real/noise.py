"""Noise corpora: real articles about unrelated events, where every finding is a false alarm.

* Egyptian: 2,000 eg_press articles dated on or after the benchmark's first day, stratified by
  (date, outlet): every non-empty stratum gets one article and the rest are shared in proportion
  to the stratum's size (largest remainders), each stratum sampled with its own fixed seed. The
  articles of every cluster (kept or dropped) and blank texts are left out. The ids are committed
  in noise_ids.txt; :func:`noise_ids` re-derives them.
* Egyptian held out (:func:`holdout_ids`): 2,000 more, by the same rule with another seed and
  none of the first sample, for ``eval.real.holdout``.
* Persian: all 1,500 Fars News articles (``fars:0`` .. ``fars:1499``), one outlet, many topics.
* Persian stance pairs: each ``agree`` and ``disagree`` row of the stance file as a two-document
  corpus (the claim, and the headline), for evaluation only (CC BY-NC).

    python -m eval.real.noise --write            # regenerate noise_ids.txt
    python -m eval.real.noise --materialise OUT  # OUT/eg-noise, OUT/fars-noise, OUT/stance/stance-<n>
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from eval.real.clusters import load_clusters
from eval.real.data import (
    BENCHMARK_START,
    EgIndex,
    StancePair,
    iter_farsnews,
    iter_stance,
    materialise,
    materialise_stance,
    write_articles,
)

NOISE_IDS = Path(__file__).with_name("noise_ids.txt")
NOISE_SIZE = 2000
NOISE_SEED = 20130215
HOLDOUT_SEED = 777
STANCE_KINDS = ("agree", "disagree")

K = TypeVar("K", bound=Hashable)


def allocate(sizes: Mapping[K, int], total: int) -> dict[K, int]:
    """How many items to draw from each stratum: one from every non-empty stratum, the rest in
    proportion to (size - 1), by largest remainders. Never more than a stratum holds."""
    strata = sorted((k for k, n in sizes.items() if n > 0), key=repr)
    if total < len(strata):
        raise ValueError(f"{total} items cannot cover {len(strata)} strata")
    spare = {k: sizes[k] - 1 for k in strata}
    rest = min(total - len(strata), sum(spare.values()))
    pool = sum(spare.values()) or 1
    exact = {k: rest * spare[k] / pool for k in strata}
    counts = {k: 1 + int(exact[k]) for k in strata}
    leftover = rest - sum(int(v) for v in exact.values())
    for k in sorted(strata, key=lambda k: (-(exact[k] - int(exact[k])), repr(k)))[:leftover]:
        counts[k] += 1
    return counts


def _excluded() -> set[str]:
    """Every article a cluster rule matched: the kept ids and the dropped ones."""
    return {i for c in load_clusters() for i in (*c.ids, *(d.id for d in c.dropped))}


def noise_ids(index: EgIndex, size: int = NOISE_SIZE, seed: int = NOISE_SEED) -> list[str]:
    """The Egyptian noise sample, by date then file order (see the module docstring)."""
    excluded = _excluded()
    strata: dict[tuple[str, str], list[str]] = {}
    for date in (d for d in index.dates() if d >= BENCHMARK_START):
        for article in index.day(date):
            if article.id not in excluded and article.text.strip():
                strata.setdefault((date, article.source), []).append(article.id)
    counts = allocate({k: len(v) for k, v in strata.items()}, size)
    chosen = []
    for (date, source), ids in sorted(strata.items()):
        rng = random.Random(f"{seed}|{date}|{source}")
        chosen += rng.sample(ids, counts[(date, source)])
    return sorted(chosen, key=lambda i: (index.date_of(i), int(i.partition(":")[2])))


def holdout_ids(index: EgIndex, size: int = NOISE_SIZE, seed: int = HOLDOUT_SEED) -> list[str]:
    """A second Egyptian noise sample, disjoint from the first: drawn by the same rule with another
    seed, the committed noise ids left out, then ``size`` of the rest at random (by date then file
    order). Held out: measured and labelled, never tuned on (``eval.real.holdout``)."""
    taken = set(read_noise_ids())
    pool = [i for i in noise_ids(index, size + size * 3 // 10, seed) if i not in taken]
    random.Random(seed).shuffle(pool)
    return sorted(pool[:size], key=lambda i: (index.date_of(i), int(i.partition(":")[2])))


def read_noise_ids(path: Path = NOISE_IDS) -> list[str]:
    """The committed Egyptian noise ids (comment lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_noise_ids(ids: Sequence[str], path: Path = NOISE_IDS) -> None:
    header = (
        f"# {len(ids)} eg_press noise articles dated {BENCHMARK_START} or later, stratified by\n"
        f"# (date, outlet), seed {NOISE_SEED}, cluster articles excluded;\n"
        "# written by `python -m eval.real.noise --write`.\n"
    )
    path.write_text(header + "\n".join(ids) + "\n", encoding="utf-8")


def farsnews_noise_ids() -> list[str]:
    """All Fars News articles: the Persian noise corpus."""
    return [a.id for a in iter_farsnews()]


def stance_pairs(kinds: Sequence[str] = STANCE_KINDS) -> list[StancePair]:
    """The stance rows of the given kinds (agree and disagree by default), in file order."""
    return [p for p in iter_stance() if p.stance in kinds]


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate, check or materialise the noise corpora; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite noise_ids.txt")
    parser.add_argument("--materialise", metavar="OUT", type=Path, help="write the corpora under OUT")
    args = parser.parse_args(argv)
    index = EgIndex.open()
    if args.write:
        write_noise_ids(noise_ids(index))
    committed = read_noise_ids()
    if args.materialise:
        materialise(committed, args.materialise / "eg-noise", index)
        write_articles(iter_farsnews(), args.materialise / "fars-noise")
        corpora = materialise_stance(stance_pairs(), args.materialise / "stance")
        print(f"wrote {len(committed)} + 1500 articles and {len(corpora)} stance corpora")
        return 0
    same = committed == noise_ids(index)
    print(f"{len(committed)} noise ids; {'they match' if same else 'they DIFFER from'} the rule")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
