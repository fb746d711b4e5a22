"""NLI quality and speed on the dev splits; ``python -m eval.nli_eval`` writes RESULTS.md's "nli" section.

Measures, for the configured NLI model (default ``checker-nli``): accuracy, macro-F1, per-class
precision/recall/F1 and the confusion matrix on ANS stance_dev and FarsTail val; the NLI judge's
precision/recall on contradictions at its threshold (both directions, as the judge scores);
``check pairs`` throughput on 2 threads; artifact size; load time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import torch

from checker.config import Config
from checker.nli.data import LABELS, NLIExample, load_split
from checker.nli.metrics import Metrics, classification_metrics, precision_recall_at, threshold_for_precision
from checker.nli.pairs import score_pairs_file
from checker.nli.registry import get_spec
from checker.nli.scorer import NLIResult, NLIScorer, load_nli
from eval.results import update_section

SPLITS = {"ANS stance_dev (ar)": ("ans", "dev"), "FarsTail val (fa)": ("farstail", "dev")}
TARGETS = {
    "ans": ("macro-F1", 0.75, 0.767, "BERT, ANS paper"),
    "farstail": ("accuracy", 0.75, 0.834, "mBERT, FarsTail paper"),
}


def metrics_table(name: str, m: Metrics) -> str:
    rows = [f"**{name}**: n = {m.n}, accuracy **{m.accuracy:.3f}**, macro-F1 **{m.macro_f1:.3f}**", ""]
    rows += ["| class | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    rows += [
        f"| {lab} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.support} |"
        for lab, c in m.per_class.items()
    ]
    rows += ["", "| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---|" + "---|" * len(LABELS)]
    rows += [f"| {g} | " + " | ".join(str(m.confusion[g][p]) for p in LABELS) + " |" for g in LABELS]
    return "\n".join(rows)


def both_ways_contradiction(forward: Sequence[NLIResult], backward: Sequence[NLIResult]) -> list[float]:
    """The judge's score: the larger contradiction probability of the two directions."""
    return [
        max(x.scores["contradiction"], y.scores["contradiction"])
        for x, y in zip(forward, backward, strict=True)
    ]


def throughput(scorer: NLIScorer, examples: Sequence[NLIExample]) -> float:
    """Pairs per second through ``score_pairs_file`` (the ``check pairs`` path), file reading included."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.tsv"
        lines = ["premise\thypothesis"] + [
            f"{e.premise}\t{e.hypothesis}".replace("\n", " ") for e in examples
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        n = sum(1 for _ in score_pairs_file(path, scorer))
        return n / (time.perf_counter() - start)


def artifact_size(name: str) -> str:
    spec = get_spec(name)
    if spec.kind != "checker":
        return "n/a (not a checker artifact)"
    folder = Path(spec.source)
    total = sum(
        p.stat().st_size
        for p in folder.glob("*")
        if p.suffix in {".safetensors", ".json"} and p.name != "training.json"
    )
    return f"{total / 1e6:.1f} MB ({folder.name}/: weights + config.json)"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.nli_eval", description=__doc__.splitlines()[0])
    ap.add_argument("--nli", default=Config().nli, help="NLI model: registry name, folder or cached hub id")
    ap.add_argument(
        "--limit", type=int, default=0, help="score only the first N pairs of each split (quick look)"
    )
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing RESULTS.md")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)

    start = time.perf_counter()
    scorer = load_nli(args.nli, device="cpu")
    load_seconds = time.perf_counter() - start
    cut = Config().thresholds.nli_cut()

    body = [
        f"Model `{scorer.model_id}`; artifact {artifact_size(args.nli)}; "
        f"load time {load_seconds:.1f} s (backbone + trained part, CPU).",
        "",
    ]
    summary = [
        "| dev split | accuracy | macro-F1 | target | published (test split) | gap to published |",
        "|---|---|---|---|---|---|",
    ]
    details, judge_rows = [], []
    tp_examples: list[NLIExample] = []
    for title, (dataset, split) in SPLITS.items():
        examples = load_split(dataset, split)
        if args.limit:
            examples = examples[: args.limit]
        tp_examples += examples[:300]
        results = scorer.score_batch([e.premise for e in examples], [e.hypothesis for e in examples])
        m = classification_metrics([e.label for e in examples], [r.label for r in results])
        key, target, published, who = TARGETS[dataset]
        ours = m.macro_f1 if key == "macro-F1" else m.accuracy
        summary.append(
            f"| {title} | {m.accuracy:.3f} | {m.macro_f1:.3f} "
            f"| {key} >= {target} ({'met' if ours >= target else 'NOT met'}) "
            f"| {key} {published} ({who}) | {ours - published:+.3f} |"
        )
        details.append(metrics_table(title, m))
        backward = scorer.score_batch([e.hypothesis for e in examples], [e.premise for e in examples])
        scores = both_ways_contradiction(results, backward)
        positive = [e.label == "contradiction" for e in examples]
        threshold = cut.of(examples[0].lang, examples[0].lang)  # one language per split
        p, r = precision_recall_at(scores, positive, threshold)
        cal = threshold_for_precision(scores, positive, 0.9)
        judge_rows.append(
            f"| {title} | {threshold:.3f} | {p:.3f} | {r:.3f} "
            f"| {cal.threshold:.3f} (P {cal.precision:.3f}, R {cal.recall:.3f}) |"
        )
        print(f"{title}: accuracy {m.accuracy:.4f} macro-F1 {m.macro_f1:.4f}", file=sys.stderr)

    pps = throughput(scorer, tp_examples)
    body += summary + [
        "",
        "Published numbers are on the test splits (not available here), ours on dev: "
        "the gap is indicative only.",
        "",
    ]
    body += [
        f"`check pairs` throughput: **{pps:.1f} pairs/s** ({len(tp_examples)} dev pairs, "
        f"batch {scorer.batch_size}, 2 CPU threads, file reading included).",
        "",
    ]
    body += ["NLI judge (contradiction = max of both directions, `disagree`/`c` vs the rest):", ""]
    body += [
        "| dev split | threshold in use | precision | recall | lowest threshold with precision >= 0.9 |",
        "|---|---|---|---|---|",
    ]
    body += judge_rows + [""]
    body += [d + "\n" for d in details]
    text = "\n".join(body)
    if args.no_write:
        print(text)
    else:
        update_section("nli", "NLI model (dev splits)", "python -m eval.nli_eval", text)
        print(json.dumps({"throughput_pairs_per_s": round(pps, 2), "load_seconds": round(load_seconds, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
