"""ONNX Runtime backends for the embedder and the NLI cross-encoder (``backend = "onnx"`` or
``"onnx-int8"``), exported locally from the built models: nothing comes from a model hub.

The E5 backbone is cut in two graphs at the NLI model's frozen boundary: ``lower`` (embeddings and
the bottom layers, which the NLI model takes from the backbone unchanged) and ``upper``. The
embedder runs lower then its own upper (the remaining backbone layers, mean pooling, L2 norm); the
NLI scorer runs the *same* lower graph (one ONNX Runtime session per process, so one copy of the
250k-word embedding matrix) then its trained layers and head. ``onnx-int8`` quantises every graph's
weights to int8 (ONNX Runtime dynamic quantisation; activations are quantised per batch at run time).

``openvino`` runs the same fp32 graphs with OpenVINO, and ``openvino-int8`` their static int8
quantisation (NNCF, calibrated on the seed articles' sentences; ``checker.embed.onnx.openvino``).
A ``-bf16`` suffix (``openvino-bf16``, ``openvino-int8-bf16``) runs what is not int8 in bfloat16
arithmetic (fp32 weights and accumulation) on a CPU that has it (AMX or AVX-512 BF16): on this
project's machine the largest single speed-up short of int8, with the fp32 answers kept
(eval/RESULTS.md).

ONNX Runtime and onnx are the optional extra ``news-checker[onnx]``, OpenVINO and NNCF the extra
``news-checker[openvino]``; selecting a backend without its extra raises a ModelError that says so.
"""

from __future__ import annotations

from typing import Literal, get_args

Backend = Literal[
    "torch", "onnx", "onnx-int8", "openvino", "openvino-int8", "openvino-bf16", "openvino-int8-bf16"
]
BACKENDS: tuple[str, ...] = get_args(Backend)


def static_int8(backend: str) -> bool:
    """Whether ``backend`` runs NNCF's static int8 graphs (calibrated, named by their recipe)."""
    return backend.startswith("openvino-int8")


def arithmetic(backend: str) -> str:
    """The OpenVINO inference precision of what is not int8: ``"bf16"`` or ``"f32"``."""
    return "bf16" if backend.endswith("-bf16") else "f32"


__all__ = ["BACKENDS", "Backend", "arithmetic", "static_int8"]
