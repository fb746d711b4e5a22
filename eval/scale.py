"""Scale benchmarks on real news (``make bench``; sections of eval/RESULTS.md written by eval.run_bench).

    python -m eval.scale throughput            # fp32 against quantised, in one process
    python -m eval.scale e2e --sizes 1000,4000 # real articles end to end, NLI on, no cache
    python -m eval.scale ray --size 20000 --compare 1000
    python -m eval.scale sample N OUT          # materialise the first N articles of the sample

Real articles: eg_press dated 2013-02-15 or later (the benchmark split), taken day by day from
2013-02-15 with ``PER_DAY`` articles of each day drawn with a fixed seed, so that every size has the
same density of same-day (same-event) coverage and a smaller sample is the start of a larger one.
Article text is written to a temporary folder only, never committed.

Each end-to-end run is ``check`` in a fresh process (``--format json --no-cache``); its wall time
and the peak of the summed resident memory of its whole process tree (Ray's workers included),
sampled every 0.2 s, are recorded with the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.home import PROJECT_ROOT

BENCHMARK_START = "2013-02-15"
PER_DAY = 500
SEED = 20130215
THREADS = "2"
# the quantised configuration the archive runs use: OpenVINO static int8 for both models, the fastest
# backend that keeps both parity bars (ONNX Runtime's dynamic int8 misses the NLI bar; see the
# throughput table)
FAST = {"embedder-backend": "openvino-int8", "nli-backend": "openvino-int8"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


# --- the real-news sample ----------------------------------------------------------------------------


def sample_ids(n: int, per_day: int = PER_DAY, seed: int = SEED) -> list[str]:
    """The first ``n`` ids of the day-by-day sample (nested: a smaller sample starts a larger one)."""
    from eval.real.data import EgIndex

    index = EgIndex.open()
    out: list[str] = []
    for date in index.dates():
        if date < BENCHMARK_START:
            continue
        ids = index.ids_on(date)
        picked = sorted(random.Random(f"{seed}:{date}").sample(ids, min(per_day, len(ids))), key=_line)
        out += picked
        if len(out) >= n:
            return out[:n]
    raise ValueError(f"only {len(out)} benchmark articles at {per_day} a day; ask for fewer")


def _line(article_id: str) -> int:
    return int(article_id.split(":")[1])


def materialise_sample(n: int, folder: Path) -> Path:
    from eval.real.data import materialise

    materialise(sample_ids(n), folder)
    return folder


# --- 1. fp32 against quantised ------------------------------------------------------------------------


def real_claims(n_articles: int = 120, limit: int = 768) -> list[str]:
    """Claims of real articles: Arabic (eg_press, the sample) and Persian (Fars News), 2 to 1."""
    from checker.claims import extract_claims
    from checker.ingest import read_articles
    from eval.real.data import iter_farsnews, load_articles

    arabic = load_articles(sample_ids(n_articles))
    persian = [a for _, a in zip(range(n_articles // 2), iter_farsnews(), strict=False)]
    texts: dict[str, list[str]] = {}
    for lang, articles in (("ar", arabic), ("fa", persian)):
        docs, _ = read_articles([a.record() | {"id": a.id} for a in articles])
        texts[lang] = list(dict.fromkeys(c.text for d in docs for c in extract_claims(d)))
    return texts["ar"][: limit * 2 // 3] + texts["fa"][: limit - limit * 2 // 3]


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


# the reduced-precision backends measured against torch fp32 (the ONNX fp32 graph's parity is a test)
EMBED_BACKENDS = ("torch", "onnx-int8", "openvino-int8", "openvino-bf16", "openvino-int8-bf16")
NLI_BACKENDS = ("onnx-int8", "openvino-int8", "openvino-bf16", "openvino-int8-bf16")
TARGET_SPEEDUP = 3.0  # the scale issue: quantised against fp32, each model
# the parity bars a quantised backend must keep (the scale issue): embedder cosine with fp32, NLI
# labels agreeing with fp32 on the dev pairs, and the largest drop of a dev metric
PARITY_COSINE, PARITY_AGREE, PARITY_DROP = 0.99, 0.98, 0.01


def neighbour_pairs(texts: Sequence[str], vectors: np.ndarray) -> tuple[list[str], list[str]]:
    """Each text against its nearest other text by cosine (unit vectors), each unordered pair once."""
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    pairs = sorted({tuple(sorted((i, int(j)))) for i, j in enumerate(similarity.argmax(axis=1))})
    return [texts[i] for i, _ in pairs], [texts[j] for _, j in pairs]


def label_agreement(reference: Sequence[Any], other: Sequence[Any]) -> float:
    """Share of pairs whose NLI label is the same in both result lists."""
    return float(np.mean([a.label == b.label for a, b in zip(reference, other, strict=True)]))


def throughput(rounds: int = 3, n_claims: int = 768, n_pairs: int = 0) -> tuple[list[str], dict[str, Any]]:
    """Embedding and NLI throughput, torch fp32 against the reduced-precision backends (ONNX Runtime
    dynamic int8, OpenVINO static int8 and bf16 arithmetic), in this process, interleaved ``rounds``
    times so that a change of load hits all; parity against fp32 on the same inputs."""
    import torch

    from checker.embed.embedder import load_embedder
    from checker.embed.onnx.openvino import cpu_has_bf16
    from checker.nli.data import load_split
    from checker.nli.metrics import classification_metrics
    from checker.nli.scorer import load_nli

    torch.set_num_threads(int(THREADS))
    os.environ["OMP_NUM_THREADS"] = THREADS
    bf16 = cpu_has_bf16()  # the -bf16 backends run only where the CPU has bfloat16 arithmetic
    embed_backends = [b for b in EMBED_BACKENDS if bf16 or not b.endswith("-bf16")]
    nli_backends = [b for b in NLI_BACKENDS if bf16 or not b.endswith("-bf16")]
    texts = real_claims(limit=n_claims)
    log(f"throughput: {len(texts)} real claims")
    embedders = {b: load_embedder("multilingual-e5-small", device="cpu", backend=b) for b in embed_backends}
    rates: dict[str, list[float]] = {b: [] for b in embedders}
    vectors: dict[str, np.ndarray] = {}
    for embedder in embedders.values():  # warm-up, untimed: kernels built for these shapes
        embedder.embed_batch(texts)
    for _ in range(rounds):
        for backend, embedder in embedders.items():
            vectors[backend], seconds = _timed(embedder.embed_batch, texts)
            rates[backend].append(len(texts) / seconds)
    del embedders

    examples = load_split("ans", "dev") + load_split("farstail", "dev")
    if n_pairs:
        examples = examples[:: max(1, len(examples) // n_pairs)][:n_pairs]
    premises, hypotheses = [e.premise for e in examples], [e.hypothesis for e in examples]
    # the pairs the checker itself scores: real claims against their nearest neighbours
    real_premises, real_hypotheses = neighbour_pairs(texts, vectors["torch"])
    gold = [e.label for e in examples]
    ref = "torch fp32"
    torch_fp32 = load_nli("checker-nli", device="cpu")
    torch_fp32._bf16 = False  # the shipped torch path autocasts to bf16 where the CPU has it
    scorers = {
        ref: torch_fp32,
        "torch (as shipped)": load_nli("checker-nli", device="cpu"),
        **{b: load_nli("checker-nli", device="cpu", backend=b) for b in nli_backends},
    }
    nli_rates: dict[str, list[float]] = {b: [] for b in scorers}
    real_rates: dict[str, list[float]] = {b: [] for b in scorers}
    results: dict[str, Any] = {}
    real_results: dict[str, Any] = {}
    for name, scorer in scorers.items():
        log(f"throughput: NLI {name}, warm-up")
        scorer.score_batch(premises, hypotheses)
        scorer.score_batch(real_premises, real_hypotheses)
    for r in range(rounds):
        for name, scorer in scorers.items():
            log(f"throughput: NLI {name}, round {r + 1}")
            results[name], seconds = _timed(scorer.score_batch, premises, hypotheses)
            nli_rates[name].append(len(premises) / seconds)
            real_results[name], seconds = _timed(scorer.score_batch, real_premises, real_hypotheses)
            real_rates[name].append(len(real_premises) / seconds)

    def metric(name: str) -> dict[str, tuple[float, float]]:
        out = {}
        for dataset in ("ans", "farstail"):
            idx = [i for i, e in enumerate(examples) if e.source == dataset]
            m = classification_metrics([gold[i] for i in idx], [results[name][i].label for i in idx])
            out[dataset] = (m.accuracy, m.macro_f1)
        return out

    metrics = {name: metric(name) for name in scorers}
    embed_base = float(np.median(rates["torch"]))
    rows = [
        f"One process, 2 threads, load average (1/5/15 min) at the end {load_average()}; each model ran "
        f"{rounds} times, interleaved, on the same inputs, after one untimed warm-up run each (rates: each "
        "round; speed-up: ratio of the medians against torch fp32). `onnx-int8` is ONNX Runtime's "
        "dynamic int8, `openvino-int8` OpenVINO with NNCF's static int8 (calibrated on the seed "
        "sentences; feed-forward output projections and the NLI head left in fp32), `-bf16` the "
        "same OpenVINO graphs with what is not int8 in bfloat16 arithmetic ("
        + ("this CPU has it" if bf16 else "not measured: this CPU has no bfloat16 arithmetic")
        + "), `torch (as shipped)` the default torch NLI path, which autocasts to bf16 where the CPU "
        "has it.",
        "",
        "| model | backend | inputs | per second (each round) | speed-up | parity with fp32 |",
        "|---|---|---:|---|---:|---|",
    ]
    speedups: dict[str, float] = {}
    within_parity: set[str] = set()  # the quantised backends that keep the parity bars
    for backend in embed_backends:
        speedups[f"embedder {backend}"] = float(np.median(rates[backend])) / embed_base
        cosine = np.sum(vectors["torch"] * vectors[backend], axis=1)
        if backend != "torch" and cosine.min() >= PARITY_COSINE:
            within_parity.add(f"embedder {backend}")
        parity = "–" if backend == "torch" else f"cosine min **{cosine.min():.4f}**, mean {cosine.mean():.4f}"
        rows.append(
            f"| embedder | {'torch fp32' if backend == 'torch' else backend} | {len(texts)} real claims | "
            + ", ".join(f"{r:.1f}" for r in rates[backend])
            + f" | **{speedups[f'embedder {backend}']:.2f}** | {parity} |"
        )
    nli_base = float(np.median(nli_rates[ref]))
    for name in scorers:
        speedups[f"NLI {name}"] = float(np.median(nli_rates[name])) / nli_base
        agree = label_agreement(results[ref], results[name])
        drops = [
            max(metrics[ref][d][0] - metrics[name][d][0], metrics[ref][d][1] - metrics[name][d][1])
            for d in ("ans", "farstail")
        ]
        if name in nli_backends and agree >= PARITY_AGREE and max(drops) <= PARITY_DROP:
            within_parity.add(f"NLI {name}")
        parity = (
            "–"
            if name == ref
            else f"labels agree **{agree:.1%}**, largest dev drop (accuracy, macro-F1) **{max(drops):+.3f}**"
        )
        rows.append(
            f"| NLI | {name} | {len(premises)} dev pairs | "
            + ", ".join(f"{r:.1f}" for r in nli_rates[name])
            + f" | **{speedups[f'NLI {name}']:.2f}** | {parity} |"
        )
    real_base = float(np.median(real_rates[ref]))
    for name in scorers:
        speedup = float(np.median(real_rates[name])) / real_base
        speedups[f"NLI {name} (real pairs)"] = speedup
        agree = label_agreement(real_results[ref], real_results[name])
        rows.append(
            f"| NLI | {name} | {len(real_premises)} real claim pairs | "
            + ", ".join(f"{r:.1f}" for r in real_rates[name])
            + f" | {speedup:.2f} | "
            + ("–" if name == ref else f"labels agree {agree:.1%}")
            + " |"
        )
    verdicts = []
    for model in ("embedder", "NLI"):
        kept = [key for key in within_parity if key.startswith(model)]
        if not kept:
            verdicts.append(f"{model}: no quantised backend within the parity bar (NOT met)")
            continue
        # throughput on real claims (what the checker embeds and scores); parity on the dev pairs
        on_real = (lambda key: key) if model == "embedder" else (lambda key: f"{key} (real pairs)")
        best = max(kept, key=lambda key: speedups[on_real(key)])
        speedup = speedups[on_real(best)]
        met = "met" if speedup >= TARGET_SPEEDUP else "NOT met"
        dev = "" if model == "embedder" else f"; {speedups[best]:.2f}x on the dev pairs"
        verdicts.append(f"{best} **{speedup:.2f}x** ({met}{dev})")
    rows += [
        "",
        f"Fastest quantised backend within the parity bars, against fp32, on real claims (target ≥ "
        f"{TARGET_SPEEDUP:.0f}x each): {'; '.join(verdicts)}. Throughput is measured on real claims: the "
        f"embedder on {len(texts)} claims, the NLI model on the {len(real_premises)} real claim pairs "
        "(each real claim against its nearest neighbour by the fp32 embedder, the pairs grouping "
        "makes); the parity bars are judged on the dev pairs, whose rates are shown too.",
        "",
        "Dev metrics (accuracy / macro-F1): "
        + "; ".join(
            f"{name}: ANS {metrics[name]['ans'][0]:.3f}/{metrics[name]['ans'][1]:.3f}, "
            f"FarsTail {metrics[name]['farstail'][0]:.3f}/{metrics[name]['farstail'][1]:.3f}"
            for name in scorers
        )
        + ".",
    ]
    return rows, speedups


# --- 2. end to end on real articles --------------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Summed resident memory of ``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                parent = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def run_check(
    corpus: Path, settings: dict[str, str], out: Path, extra: Sequence[str] = (), timeout: float = 6 * 3600
) -> dict[str, Any]:
    """``check CORPUS --format json --no-cache`` in a fresh process with ``settings`` in a config
    file; wall seconds, peak tree memory, load, and the report."""
    config = out.with_suffix(".toml")
    config.write_text("".join(f'{k} = "{v}"\n' for k, v in settings.items()), encoding="utf-8")
    cmd = [
        sys.executable, "-m", "checker", str(corpus), "--config", str(config), "--format", "json",
        "--output", str(out), "--no-cache", "--progress", *extra,
    ]  # fmt: skip
    env = dict(os.environ, OMP_NUM_THREADS=THREADS, MKL_NUM_THREADS=THREADS)
    start = time.perf_counter()
    # stderr to a file, not a pipe: a pipe nobody reads until the end blocks the run once it holds
    # 64 KB (progress lines of a long archive run, a library's warnings)
    errors = out.with_suffix(".stderr")
    with errors.open("wb") as err_file:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err_file)
    peak, loads = 0, []
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        loads.append(os.getloadavg()[0])
        time.sleep(0.2)
        if time.perf_counter() - start > timeout:
            proc.kill()
            raise RuntimeError(f"{' '.join(cmd)} took more than {timeout:.0f} s")
    wall = time.perf_counter() - start
    err = errors.read_text(encoding="utf-8", errors="replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.strip().splitlines()[-3:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    return {
        "wall": wall,
        "peak_mb": peak / 1024,
        "load": float(np.mean(loads)) if loads else 0.0,
        "report": report,
        "progress": [line for line in err.splitlines() if "ETA" in line][-3:],
    }


def findings_key(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(f["id"], f["kind"], f["severity"], f["score"]) for f in report["findings"]]


def e2e_rows(runs: dict[int, dict[str, Any]]) -> list[str]:
    rows = [
        "| articles | claims | candidate pairs | NLI pairs scored | findings | wall s | embed s | judge s "
        "| group s | peak memory MB (process tree) | load average during the run |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in sorted(runs.items()):
        s = r["report"]["stats"]
        rows.append(
            f"| {n:,} | {s['claims']:,} | {s['candidate_pairs']:,} | {s['nli_pairs_scored']:,} "
            f"| {s['findings']:,} | {r['wall']:.0f} | {s.get('seconds_embed', 0):.0f} "
            f"| {s.get('seconds_judge', 0):.0f} | {s.get('seconds_group', 0):.1f} | {r['peak_mb']:.0f} "
            f"| {r['load']:.1f} |"
        )
    sizes = sorted(runs)
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        ratio = runs[b]["wall"] / runs[a]["wall"]
        rows += ["", f"Time ratio {b:,} / {a:,} articles: **{ratio:.2f}** (articles ×{b / a:.0f})."]
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.scale", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--rounds", type=int, default=3)
    t.add_argument("--pairs", type=int, default=0, help="dev pairs (0: all)")
    e = sub.add_parser("e2e")
    e.add_argument("--sizes", default="1000,4000")
    r = sub.add_parser("ray")
    r.add_argument("--size", type=int, default=20000)
    r.add_argument("--compare", type=int, default=1000)
    s = sub.add_parser("sample")
    s.add_argument("n", type=int)
    s.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    if args.command == "throughput":
        print("\n".join(throughput(args.rounds, n_pairs=args.pairs)[0]))
    elif args.command == "sample":
        materialise_sample(args.n, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="news-checker-scale-") as tmp:
            if args.command == "e2e":
                runs = {}
                for n in (int(x) for x in args.sizes.split(",")):
                    folder = materialise_sample(n, Path(tmp) / f"n{n}")
                    runs[n] = run_check(folder, FAST, Path(tmp) / f"n{n}.json")
                    log(f"e2e {n}: {runs[n]['wall']:.0f} s, {runs[n]['peak_mb']:.0f} MB")
                print("\n".join(e2e_rows(runs)))
            else:
                print("\n".join(ray_rows(Path(tmp), args.size, args.compare)))
    return 0


def ray_rows(tmp: Path, size: int, compare: int, local: dict[str, Any] | None = None) -> list[str]:
    """The Ray engine on ``size`` articles, and local against Ray on the first ``compare`` (``local``:
    that local run, when it was already made)."""
    small = tmp / f"n{compare}"
    if not small.is_dir():
        materialise_sample(compare, small)
    local = local or run_check(small, FAST, tmp / "local.json")
    distributed = run_check(small, {**FAST, "engine": "ray"}, tmp / "ray.json")
    same = findings_key(local["report"]) == findings_key(distributed["report"])
    explanations = [f["explanation"] for f in local["report"]["findings"]] == [
        f["explanation"] for f in distributed["report"]["findings"]
    ]
    rows = [
        f"Local against Ray on the first {compare:,} articles (both `--no-cache`): "
        f"{len(local['report']['findings'])} and {len(distributed['report']['findings'])} findings; "
        f"ids, kinds, severities and scores identical: **{'yes' if same else 'NO'}**; explanations "
        f"identical: {'yes' if explanations else 'no'}. Local {local['wall']:.0f} s, "
        f"{local['peak_mb']:.0f} MB; Ray {distributed['wall']:.0f} s, {distributed['peak_mb']:.0f} MB "
        "(process tree: driver, raylet, workers).",
        "",
    ]
    if size:
        big = materialise_sample(size, tmp / f"n{size}")
        run = run_check(big, {**FAST, "engine": "ray"}, tmp / "big.json")
        rows += e2e_rows({size: run})
    return rows


if __name__ == "__main__":
    sys.exit(main())
