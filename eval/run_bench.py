"""Speed and memory benchmarks (``make bench``); each part writes its own section of eval/RESULTS.md.

    python -m eval.run_bench [--only core,quantised,real,ray] [--sizes 50,500,5000]
                             [--real-sizes 1000,4000] [--ray-size 20000] [--ray-compare 1000]
                             [--nli checker-nli] [--no-write]

Parts 1-3 and 6 below are ``core`` (section "bench"), part 4 ``quantised``, part 5 ``real`` (the
local runs) and ``ray`` (the Ray engine); ``--only`` re-measures some of them, leaving the others'
sections as they were (each section names its commit and date).

1. The seeds, cold (``--no-cache``: models loaded, everything computed) and warm (unchanged
   seeds, everything cached: no model should load), each in a fresh process: seconds and peak
   memory. Target (CI issue): the warm run at most 10% of the cold run's time.
2. Throughput: claims embedded per second, NLI pairs scored per second (models already loaded).
3. Candidate pairs against all cross-article pairs on the seeds and the perturbation corpora,
   and the share of injected conflicts still reachable (a candidate pair joins the edited claim
   to a claim stating the same fact).
4. fp32 against quantised (``eval.scale``): embedding and NLI throughput of the torch models and
   their ONNX Runtime int8 (and fp32) exports on real claims and the dev pairs, in one process,
   with parity (cosine, label agreement, dev metrics).
5. Real articles end to end (``eval.scale``): 1,000 and 4,000 eg_press articles, NLI on, no cache,
   the quantised configuration; the Ray engine on 20,000, and Ray against local on 1,000.
6. Scaling: synthetic corpora of real sentences (``eval.e2e.synthetic``), each size in a fresh
   process: seconds per stage and peak memory against the number of articles. Measured with the
   NLI judge off and the embeddings of the sentence pool cached beforehand (a 5,000-article
   corpus holds ~75k claims, which would take hours to embed on two cores): this times ingest,
   claims, facts, grouping and the structured judges at full size; embedding and NLI cost scale
   with the throughputs of part 2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from checker import group
from checker.cache import ModelCache
from checker.config import Config
from checker.home import PROJECT_ROOT
from checker.types import Claim
from eval.e2e.corpus import read_claims
from eval.e2e.metrics import Rate
from eval.e2e.nli_dev import nli_available
from eval.e2e.perturb import LANGS, POSITIVE_KINDS, generate
from eval.e2e.reach import candidates, reachable
from eval.e2e.runner import corpus_folders
from eval.e2e.synthetic import sentence_pool, write_corpus
from eval.results import update_section
from eval.scale import FAST, e2e_rows, materialise_sample, ray_rows, run_check
from eval.scale import throughput as quantised_throughput

COMMAND = "python -m eval.run_bench"
SEEDS = PROJECT_ROOT / "seeds"
THREADS = "2"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child(paths: Sequence[Path], nli: str, no_cache: bool = False, timeout: float = 7200) -> dict:
    """One ``check`` in a fresh process (``eval.e2e.child``); its JSON plus the wall time seen from here."""
    env = dict(os.environ, OMP_NUM_THREADS=THREADS, MKL_NUM_THREADS=THREADS)
    cmd = [sys.executable, "-m", "eval.e2e.child", *map(str, paths), "--nli", nli] + (
        ["--no-cache"] if no_cache else []
    )
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, env=env, timeout=timeout)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {(proc.stderr.strip().splitlines() or [''])[-1]}")
    out = json.loads(proc.stdout)
    out["wall_seconds"] = round(wall, 3)
    return out


# --- 1. seeds cold and warm -----------------------------------------------------------------------


def seeds_cold_warm(nli: str, repeats: int = 3) -> list[str]:
    log(f"seeds: cold run (--no-cache, nli={nli})")
    cold = child([SEEDS], nli, no_cache=True)
    child([SEEDS], nli)  # fills the cache
    log("seeds: warm runs")
    warm_runs = [child([SEEDS], nli) for _ in range(repeats)]
    warm = sorted(warm_runs, key=lambda r: r["wall_seconds"])[len(warm_runs) // 2]
    ratio_wall = warm["wall_seconds"] / cold["wall_seconds"]
    ratio_pipe = warm["pipeline_seconds"] / cold["pipeline_seconds"]
    loaded = "yes" if warm["model_work"] else "no"
    rows = [
        f"NLI judge: `{nli}`. Each run is a fresh process (`python -m eval.e2e.child seeds/`); wall = from "
        "process start to exit (Python start-up and imports included); pipeline = the stages' own seconds "
        f"(`stats.seconds_total`). Warm: median of {repeats} runs after one run that filled the cache.",
        "",
        "| run | wall s | pipeline s | imports s | peak memory MB | cache misses (a model ran) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in (("cold (`--no-cache`)", cold), ("warm (unchanged seeds)", warm)):
        misses = ", ".join(f"{k[6:-7]} {v}" for k, v in r["stats"].items() if k.endswith("_misses")) or "–"
        rows.append(
            f"| {name} | {r['wall_seconds']:.2f} | {r['pipeline_seconds']:.2f} | {r['import_seconds']:.2f} "
            f"| {r['peak_rss_mb']:.0f} | {misses} |"
        )
    verdict = "met" if ratio_wall <= 0.10 else "NOT met"
    rows += [
        "",
        f"Warm against cold: **{ratio_wall:.1%} of the wall time** (target ≤ 10%: {verdict}), "
        f"{ratio_pipe:.1%} of the pipeline time; model loaded in the warm run: {loaded}.",
    ]
    cold_stages = ", ".join(
        f"{k[8:]} {v:.2f}"
        for k, v in cold["stats"].items()
        if k.startswith("seconds_") and k != "seconds_total"
    )
    rows += ["", f"Cold run by stage (s): {cold_stages}."]
    return rows


# --- 2. throughput ----------------------------------------------------------------------------------


def _real_texts(n: int) -> list[str]:
    pool = sentence_pool(size=4 * n, seed=3)
    return list(pool.ar[: n * 2 // 3]) + list(pool.fa[: n - n * 2 // 3])


def throughput(
    nli: str, nli_ok: bool, n_claims: int = 256, n_pairs: int = 128
) -> tuple[list[str], float, float | None]:
    """Rows for the table, claims embedded per second, NLI pairs scored per second (None: no model)."""
    import torch

    from checker.embed.embedder import load_embedder

    torch.set_num_threads(int(THREADS))
    config = Config()
    texts = _real_texts(n_claims)
    start = time.perf_counter()
    embedder = load_embedder(config.embedder, device="cpu", batch_size=config.batch_size)
    load = time.perf_counter() - start
    start = time.perf_counter()
    embedder.embed_batch(texts, kind="passage")
    rate = len(texts) / (time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts) / len(texts)
    rows = [
        "| model | what | items | per second | load s |",
        "|---|---|---:|---:|---:|",
        f"| `{config.embedder}` | claims embedded (real sentences, {words:.0f} words on average, "
        f"batch {config.batch_size}) | {len(texts)} | **{rate:.1f}** | {load:.1f} |",
    ]
    nrate: float | None = None
    if nli_ok:
        from checker.nli.scorer import load_nli
        from eval.baseline_summac import cross_article_pairs

        _, claims = read_claims(SEEDS, config)
        pairs = cross_article_pairs(claims)[:: max(1, len(cross_article_pairs(claims)) // n_pairs)][:n_pairs]
        start = time.perf_counter()
        scorer = load_nli(nli, device="cpu", batch_size=config.batch_size)
        load = time.perf_counter() - start
        start = time.perf_counter()
        scorer.score_batch([a.text for a, _ in pairs], [b.text for _, b in pairs])
        nrate = len(pairs) / (time.perf_counter() - start)
        rows.append(
            f"| `{nli}` | NLI pairs scored (cross-article seed claim pairs, one direction) "
            f"| {len(pairs)} | **{nrate:.1f}** | {load:.1f} |"
        )
    else:
        rows.append(f"| `{nli}` | NLI pairs scored | – | not measured: no trained model | – |")
    return rows, rate, nrate


# --- 3. candidate pairs and reachability ------------------------------------------------------------------


@contextmanager
def approximate_search() -> Iterator[None]:
    """Every neighbour search of the grouping stage through the HNSW index, however small."""
    saved = group.APPROXIMATE_SEARCH_LIMIT, group.APPROXIMATE_MIN_POOL
    group.APPROXIMATE_SEARCH_LIMIT, group.APPROXIMATE_MIN_POOL = -1, 0
    try:
        yield
    finally:
        group.APPROXIMATE_SEARCH_LIMIT, group.APPROXIMATE_MIN_POOL = saved


def candidate_reach() -> list[str]:
    pset = generate()
    config = Config(nli="none")
    cache = ModelCache()
    try:
        with tempfile.TemporaryDirectory(prefix="news-checker-bench-") as tmp:
            folders = corpus_folders(pset, Path(tmp))
            base = candidates(folders["base"], config, cache)
            seeds = candidates(SEEDS, config, cache)
            results = {}
            approx: dict[str, bool] = {}
            same_pairs = [0, 0]
            for p in pset.perturbations:
                if not p.control:
                    exact = candidates(folders[p.id], config, cache)
                    results[p.id] = (p, reachable(exact, p))
                    with approximate_search():
                        found = candidates(folders[p.id], config, cache)
                    approx[p.id] = reachable(found, p)
                    keys = {(x.a.id, x.b.id) for x in exact.pairs}
                    same_pairs[0] += len(keys & {(x.a.id, x.b.id) for x in found.pairs})
                    same_pairs[1] += len(keys)
    finally:
        cache.close()
    rows = [
        "| corpus | claims | cross-article pairs | cross-article candidates | ratio "
        "| all candidates (with headline-body) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, found in (("seeds as given", seeds), ("corrected base", base)):
        ratio = found.cross_article_candidates / max(found.cross_article_pairs, 1)
        rows.append(
            f"| {name} | {len(found.claims)} | {found.cross_article_pairs} "
            f"| {found.cross_article_candidates} | {ratio:.1%} | {len(found.pairs)} |"
        )
    rows += ["", "Injected conflicts (the positive perturbations of `make eval`) still reachable:", ""]
    rows += ["| kind | " + " | ".join(LANGS) + " |", "|---|" + "---:|" * len(LANGS)]
    for kind in POSITIVE_KINDS:
        cells = []
        for lang in LANGS:
            sel = [ok for p, ok in results.values() if p.kind == kind and p.lang == lang]
            cells.append(Rate(sum(sel), len(sel)).cell())
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    total = [ok for _, ok in results.values()]
    rows.append(
        "| **all** | "
        + " | ".join(
            Rate(
                sum(ok for p, ok in results.values() if p.lang == lang),
                sum(p.lang == lang for p, _ in results.values()),
            ).cell()
            for lang in LANGS
        )
        + " |"
    )
    missed = [f"{p.id} ({p.note})" for p, ok in results.values() if not ok]
    lost = [pid for pid, (_, ok) in results.items() if ok and not approx[pid]]
    rows += [
        "",
        f"Reachable overall: **{Rate(sum(total), len(total)).pct()}**"
        + (f"; not reachable: {'; '.join(missed)}." if missed else "."),
        "",
        "Exact against approximate search (every neighbour search of the grouping stage forced through the "
        f"HNSW index): injected conflicts reachable **{Rate(sum(approx.values()), len(approx)).pct()}** "
        f"against {Rate(sum(total), len(total)).pct()} exact"
        + (f" (lost: {', '.join(lost)})" if lost else " (none lost)")
        + f"; exact candidate pairs also found approximately: {Rate(*same_pairs).pct()}. By default "
        f"the index answers only searches above {group.APPROXIMATE_SEARCH_LIMIT:,} query-pool products "
        f"(pools of {group.APPROXIMATE_MIN_POOL:,} rows or more); blocking keeps the searches of the "
        "archive runs below, so they are exact.",
        "",
        "A weekday edit faces the other weekdays of its own article, which the time judge checks "
        "inside each article without candidate pairs (`check_document_times`): it can be caught without "
        "being reachable here.",
    ]
    return rows


# --- 4. scaling -------------------------------------------------------------------------------------------


def scaling(sizes: Sequence[int], pool_size: int, embed_rate: float, nli_rate: float | None) -> list[str]:
    pool = sentence_pool(size=pool_size)
    config = Config(nli="none")
    rows = [
        "| articles | claims | candidate pairs | cross-article pairs | ratio | events | wall s | pipeline s "
        "| ingest+claims s | facts s | embed s (cached) | group s | judge s | peak memory MB "
        "| embedding uncached, est. s | NLI on candidates, est. s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="news-checker-scale-") as tmp:
        folders = {n: write_corpus(Path(tmp) / f"n{n}", n, pool) for n in sizes}
        log(f"scaling: embedding the sentence pool ({len(pool)} sentences; cached after the first bench)")
        cache = ModelCache()
        try:
            from checker.pipeline import embed_claims

            seen: dict[str, Claim] = {}
            cross = {}
            for n, folder in folders.items():
                _, claims = read_claims(folder, config)
                per_doc: dict[str, int] = {}
                for c in claims:
                    seen.setdefault(c.text, c)
                    per_doc[c.document] = per_doc.get(c.document, 0) + 1
                cross[n] = (len(claims) ** 2 - sum(k * k for k in per_doc.values())) // 2
            start = time.perf_counter()
            embed_claims(list(seen.values()), config, cache)
            new = cache.stats["embedding"].misses
            log(f"  {new} new claim texts embedded in {time.perf_counter() - start:.0f} s")
        finally:
            cache.close()
        for n in sizes:
            log(f"scaling: {n} articles")
            r = child([folders[n]], "none")
            s = r["stats"]
            ratio = s["candidate_pairs"] / max(cross[n], 1)
            nli_estimate = f"{2 * s['candidate_pairs'] / nli_rate:,.0f}" if nli_rate else "–"
            stage = {
                k: s.get(f"seconds_{k}", 0.0)
                for k in ("ingest", "claims", "facts", "embed", "group", "judge")
            }
            rows.append(
                f"| {n} | {s['claims']} | {s['candidate_pairs']} | {cross[n]} | {ratio:.2%} | {s['events']} "
                f"| {r['wall_seconds']:.1f} | {r['pipeline_seconds']:.1f} "
                f"| {stage['ingest'] + stage['claims']:.1f} | {stage['facts']:.1f} "
                f"| {stage['embed']:.1f} | {stage['group']:.1f} | {stage['judge']:.1f} "
                f"| {r['peak_rss_mb']:.0f} | {s['claims'] / embed_rate:,.0f} "
                f"| {nli_estimate} |"
            )
    distinct = len(pool)
    return [
        f"Articles of 10-20 real sentences and a headline, two thirds Arabic (ANS headlines) and one third "
        f"Persian (FarsTail premises), drawn from a pool of {distinct} distinct sentences; NLI judge off, "
        "pool embeddings cached before the timed run. Candidate pairs "
        "include headline-body pairs. The last two columns estimate what this run did not do, from the "
        "throughputs above: embedding every claim with an empty cache, and scoring every candidate pair "
        "in both directions with the NLI judge.",
        "",
        *rows,
    ]


SETTINGS = ", ".join(f"`{k} = {v}`" for k, v in FAST.items())


def real_articles(sizes: Sequence[int], tmp: Path) -> tuple[list[str], dict[int, dict]]:
    """Real eg_press articles (``eval.scale``) end to end with the quantised configuration; the rows
    and the runs by size (the Ray comparison reuses the local run of its size)."""
    rows = [
        "eg_press articles dated 2013-02-15 or later, 500 a day from 2013-02-15 (seeded, so that every size "
        f"has the same same-day density), `check CORPUS --format json --no-cache` with {SETTINGS}, NLI "
        "on; each run a fresh process; memory is the peak of the process tree's summed resident memory.",
        "",
    ]
    runs = {}
    for n in sizes:
        log(f"real articles: {n} local")
        folder = materialise_sample(n, tmp / f"n{n}")
        runs[n] = run_check(folder, FAST, tmp / f"n{n}.json")
    return rows + e2e_rows(runs), runs


def ray_engine(ray_size: int, ray_compare: int, tmp: Path, local_runs: dict[int, dict]) -> list[str]:
    log(f"Ray engine: {ray_size} articles; Ray against local on {ray_compare}")
    rows = [
        "A local Ray instance started by the run, one actor per CPU; the same eg_press sample and settings "
        f"as the real articles above ({SETTINGS}, NLI on, `--no-cache`, each run a fresh process, memory "
        "of the whole process tree).",
        "",
    ]
    rows += ray_rows(tmp, ray_size, ray_compare, local_runs.get(ray_compare))
    if not ray_size:
        rows += ["No archive run in this measurement (`--ray-size 0`): the comparison only."]
    return rows


# Each part writes its own section of RESULTS.md as soon as it is measured, so that a part can be
# re-measured alone (``--only``) and a long run that stops late keeps what it measured before.
PARTS = {
    "core": ("bench", "Speed and memory (make bench)"),
    "quantised": ("bench-quantised", "fp32 against quantised (make bench)"),
    "real": ("bench-real", "Real articles end to end (make bench)"),
    "ray": ("bench-ray", "Ray engine on real articles (make bench)"),
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,500,5000", help="article counts for the scaling runs")
    ap.add_argument(
        "--pool", type=int, default=2000, help="distinct sentences the synthetic articles draw on"
    )
    ap.add_argument("--real-sizes", default="1000,4000", help="real articles end to end (NLI on, no cache)")
    ap.add_argument(
        "--ray-size",
        type=int,
        default=20000,
        help="real articles through --engine ray (0: only the comparison)",
    )
    ap.add_argument("--ray-compare", type=int, default=1000, help="articles checked by both engines")
    ap.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the parts to measure, comma-separated, each writing its own section ({', '.join(PARTS)}; "
        "default: all). core = the seeds, throughput, candidate pairs and the synthetic scaling runs",
    )
    ap.add_argument("--nli", default=Config().nli)
    ap.add_argument(
        "--no-write", action="store_true", help="print the sections instead of writing RESULTS.md"
    )
    args = ap.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        ap.error(f"--only: unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    home = os.environ.get("CHECKER_HOME", "default")
    header = f"CPU only, {THREADS} threads per process; CHECKER_HOME `{home}`."

    def write(part: str, body: list[str], started: float) -> None:
        name, title = PARTS[part]
        text = "\n".join(
            [header, "", *body, "", f"Measured in {(time.perf_counter() - started) / 60:.1f} min."]
        )
        if args.no_write:
            print(f"## {title}\n\n{text}\n")
        else:
            update_section(name, title, f"{COMMAND} --only {part}", text)
            log(f"wrote eval/RESULTS.md (section {name})")

    if "core" in parts:
        started = time.perf_counter()
        nli_ok, why = nli_available(args.nli)
        nli = args.nli if nli_ok else "none"
        body = []
        if not nli_ok:
            body += [
                f"**NLI model not available** ({why}): the seeds runs use `nli = none` and the NLI "
                "throughput is not measured.",
                "",
            ]
        body += ["### The seeds: cold and warm", ""] + seeds_cold_warm(nli)
        rows, embed_rate, nli_rate = throughput(args.nli, nli_ok)
        body += ["", "### Throughput", ""] + rows
        log("candidate pairs and reachability")
        body += ["", "### Candidate pairs against all cross-article pairs", ""] + candidate_reach()
        body += ["", "### Scaling", ""] + scaling(sizes, args.pool, embed_rate, nli_rate)
        write("core", body, started)
    if "quantised" in parts:
        started = time.perf_counter()
        log("fp32 against quantised")
        write("quantised", quantised_throughput()[0], started)
    with tempfile.TemporaryDirectory(prefix="news-checker-real-") as tmp:
        runs: dict[int, dict] = {}
        if "real" in parts:
            started = time.perf_counter()
            real_sizes = [int(x) for x in args.real_sizes.split(",") if x.strip()]
            rows, runs = real_articles(real_sizes, Path(tmp))
            write("real", rows, started)
        if "ray" in parts:
            started = time.perf_counter()
            write("ray", ray_engine(args.ray_size, args.ray_compare, Path(tmp), runs), started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
