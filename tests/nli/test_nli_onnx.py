"""The NLI scorer on ONNX Runtime and OpenVINO against the torch model, on the dev pairs.

Parity bar (the scale issue): labels agree on >= 98% of the dev pairs and dev metrics drop by at
most 0.01. The fp32 ONNX graph meets it; dynamic int8 does not (about 93% agreement measured on
the dev pairs, see eval/RESULTS.md), so ``nli-backend = "onnx-int8"`` is offered for speed but not
recommended, and its floor here records what it does. OpenVINO's static int8 (``openvino-int8``,
calibrated on the seed sentences) meets it (98.3% measured on the full dev sets), and so do the
``-bf16`` twins, which run what is not int8 in bfloat16 on a CPU that has it.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from checker.nli.data import load_split  # noqa: E402
from checker.nli.scorer import load_nli  # noqa: E402


def dev_pairs(n: int) -> tuple[list[str], list[str], list[str]]:
    try:
        examples = load_split("ans", "dev")[: n // 2] + load_split("farstail", "dev")[: n // 2]
    except Exception as exc:  # the shared data is not there
        pytest.skip(f"dev sets not available: {exc}")
    return [e.premise for e in examples], [e.hypothesis for e in examples], [e.label for e in examples]


def agreement(nli, backend: str, n: int) -> tuple[float, float, float]:
    premises, hypotheses, gold = dev_pairs(n)
    ref = nli.score_batch(premises, hypotheses)
    other = load_nli("checker-nli", backend=backend).score_batch(premises, hypotheses)
    agree = float(np.mean([a.label == b.label for a, b in zip(ref, other, strict=True)]))
    acc_ref = float(np.mean([a.label == g for a, g in zip(ref, gold, strict=True)]))
    acc_other = float(np.mean([b.label == g for b, g in zip(other, gold, strict=True)]))
    return agree, acc_ref, acc_other


def test_fp32_onnx_agrees_with_torch_on_dev_pairs(nli) -> None:
    agree, acc_ref, acc_onnx = agreement(nli, "onnx", 64)
    assert agree >= 0.98
    # on 64 pairs one flipped pair is 0.016: the 0.01 bar is held on the full dev sets (slow test)
    assert acc_onnx >= acc_ref - 1 / 64


@pytest.mark.slow
def test_fp32_onnx_parity_on_the_dev_sets(nli) -> None:
    agree, acc_ref, acc_onnx = agreement(nli, "onnx", 100_000)
    assert agree >= 0.98
    assert acc_onnx >= acc_ref - 0.01


@pytest.mark.slow
def test_int8_nli_floor_on_the_dev_sets(nli) -> None:
    """Records int8's measured agreement (below the 0.98 bar: not the recommended NLI backend)."""
    agree, acc_ref, acc_int8 = agreement(nli, "onnx-int8", 100_000)
    assert agree >= 0.90
    assert acc_int8 >= acc_ref - 0.03


openvino_extra = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("openvino", "nncf")),
    reason="the openvino extra is not installed",
)


def needs(backend: str) -> list[pytest.MarkDecorator]:
    """Skip marks for an OpenVINO backend: the extra, and bfloat16 arithmetic for a -bf16 one."""
    if not all(importlib.util.find_spec(m) for m in ("openvino", "nncf")):
        return [pytest.mark.skip(reason="the openvino extra is not installed")]
    from checker.embed.onnx.openvino import cpu_has_bf16

    if backend.endswith("-bf16") and not cpu_has_bf16():
        return [pytest.mark.skip(reason="this CPU has no bfloat16 arithmetic")]
    return []


def openvino_params(*backends: str) -> list:
    return [pytest.param(b, marks=needs(b)) for b in backends]


OPENVINO_BACKENDS = openvino_params("openvino-int8", "openvino-bf16", "openvino-int8-bf16")


@pytest.mark.parametrize("backend", OPENVINO_BACKENDS)
def test_openvino_agrees_with_torch_on_dev_pairs(nli, backend) -> None:
    agree, acc_ref, acc_ov = agreement(nli, backend, 64)
    assert agree >= 0.98 - 1 / 64  # one flipped pair in 64 is 0.016; the full bar is the slow test
    assert acc_ov >= acc_ref - 1 / 64


@pytest.mark.slow
@pytest.mark.parametrize("backend", OPENVINO_BACKENDS)
def test_openvino_parity_on_the_dev_sets(nli, backend) -> None:
    """openvino-int8-bf16 held it only once batches of exactly 32 tokens were padded past
    (``BROKEN_LENGTHS``): 97.8% of the labels agreed before, 98.3% after."""
    agree, acc_ref, acc_ov = agreement(nli, backend, 100_000)
    assert agree >= 0.98
    assert acc_ov >= acc_ref - 0.01


@pytest.mark.parametrize("backend", openvino_params("openvino-int8", "openvino-int8-bf16"))
def test_a_batch_of_exactly_32_tokens_keeps_parity(nli, backend) -> None:
    """OpenVINO's int8 graphs in bf16 arithmetic are wrong at exactly 32 tokens (the NLI
    probabilities of short pairs moved by up to 0.46): such a batch is padded one token further
    (``BROKEN_LENGTHS``). The batch: the shortest dev pairs and one pair of exactly 32 tokens."""
    premises, hypotheses, _ = dev_pairs(2000)
    lengths = nli._tokenizer(
        premises, hypotheses, truncation=True, max_length=nli.max_length, return_length=True
    )["length"]
    by_length = sorted(range(len(premises)), key=lambda i: lengths[i])
    batch = by_length[:12] + [next(i for i in by_length if lengths[i] == 32)]
    chosen = [premises[i] for i in batch], [hypotheses[i] for i in batch]
    ref = nli.score_batch(*chosen)
    other = load_nli("checker-nli", backend=backend).score_batch(*chosen)
    moved = max(abs(a.scores[k] - b.scores[k]) for a, b in zip(ref, other, strict=True) for k in a.scores)
    assert moved <= 0.1, f"{backend}: a probability moved by {moved:.3f}"
