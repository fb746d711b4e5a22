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

ONNX Runtime and onnx are the optional extra ``news-checker[onnx]``, OpenVINO and NNCF the extra
``news-checker[openvino]``; selecting a backend without its extra raises a ModelError that says so.
"""

from __future__ import annotations

from typing import Literal

Backend = Literal["torch", "onnx", "onnx-int8", "openvino", "openvino-int8"]
BACKENDS: tuple[str, ...] = ("torch", "onnx", "onnx-int8", "openvino", "openvino-int8")

__all__ = ["BACKENDS", "Backend"]
