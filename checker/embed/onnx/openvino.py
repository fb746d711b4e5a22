"""OpenVINO backends: the exported ONNX graphs compiled by OpenVINO, in fp32 (``"openvino"``) or with
static int8 weights and activations (``"openvino-int8"``); with a ``-bf16`` suffix, what is not int8
runs in bfloat16 arithmetic (a CPU with AMX or AVX-512 BF16; elsewhere a ModelError says so).

Dynamic int8 (``onnx-int8``) quantises every activation at run time, which on two cores eats most
of what int8 matrix products save (1.2x the torch embedder, eval/RESULTS.md). Static int8 fixes the
activation scales once, from a calibration set, so that OpenVINO runs whole layers in int8 (VNNI
where the CPU has it). The quantisation is NNCF's post-training recipe for transformers (smooth
quant, fast bias correction), calibrated on the sentences of the seed articles, Arabic and Persian
(``checker/resources/calibration.txt``, one sentence per line, derived from ``seeds/``): passages
for the embedder's graphs, and sentence pairs for the NLI graph. The calibration set is fixed, so
the same build gives the same graphs (and the same findings) on every machine.

The quantised graphs are written beside the ONNX graphs they come from (``<name>.ov-int8.xml`` and
``.bin``), the weights file first and the ``.xml`` last, each through a temporary name: an
interrupted quantisation leaves no ``.xml``, and the next run quantises again.

OpenVINO and NNCF are the optional extra ``news-checker[openvino]``; selecting the backend without
them raises a ModelError that says so.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from checker.errors import ModelError

# texts per calibration batch, and the pairs of the NLI graph's calibration (premise i with the
# sentence ``PAIR_OFFSETS`` further on: neighbours in one article, and sentences far apart)
CALIBRATION_BATCH = 8
PAIR_OFFSETS = (1, 2, 3, 5, 8, 13, 17, 29)
# ops left in fp32 in the graphs the NLI model runs (the shared lower graph and the NLI upper): each
# layer's feed-forward output projection, whose inputs (after GELU) have the outliers that int8
# handles worst (with them quantised the NLI labels agreed with fp32 on 97% of the dev pairs,
# without them 98%), and the classification head (two small products). The embedder's own upper
# graph is int8 throughout: on the 768 real claims of eval/scale.py its vectors keep cosine
# >= 0.994 with fp32 (0.9994 with those projections in fp32; the bar is 0.99).
KEPT_FP32 = (r".*/output/dense/.*", r".*head.*")
# bump when the recipe changes (what is kept in fp32, the NNCF settings): new graph files
RECIPE_VERSION = 1
# Sequence lengths at which a backend's graphs give wrong answers, and are padded past (one masked
# pad token more, which leaves every real token's output as it was). OpenVINO 2026.4.1 on this
# project's AMX CPU: the static-int8 graphs run with bf16 arithmetic at exactly 32 tokens put the
# embedder's vectors at cosine 0.91-0.98 with fp32 (1.00 at 31 and 33 tokens, and at every other
# length from 10 to 512) and move the NLI probabilities by up to 0.46; with fp32 arithmetic, or the
# fp32 graphs in bf16, every length is right. Found by padding real claims to each length in turn
# (tests/embed/test_embed_openvino.py keeps the check).
BROKEN_LENGTHS: dict[str, frozenset[int]] = {"openvino-int8-bf16": frozenset({32})}
# compiled kernels OpenVINO keeps per stream, one per input shape (``_compile``)
RUNTIME_CACHE_SHAPES = 200
# the inputs of one forward pass of a graph, by input name
Feed = dict[str, np.ndarray]
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def require_openvino(quantised: bool) -> None:
    """Raise a readable error when the ``openvino`` extra is not installed."""
    try:
        import openvino  # noqa: F401

        if quantised:
            import nncf  # noqa: F401
    except ImportError as exc:
        raise ModelError(
            f"the OpenVINO backends need OpenVINO and NNCF ({exc.name} is missing): "
            "pip install 'news-checker[openvino]', or use backend = \"torch\""
        ) from None


def seed_sentences(texts: Iterable[str], min_chars: int = 20) -> list[str]:
    """The sentences of ``texts`` (articles), in order, each once: the calibration set's recipe."""
    out: dict[str, None] = {}
    for text in texts:
        for line in text.splitlines():
            for sentence in _SENTENCE_END.split(line.strip()):
                if len(sentence) >= min_chars:
                    out.setdefault(sentence.strip())
    return list(out)


def _calibration_file() -> str:
    return resources.files("checker.resources").joinpath("calibration.txt").read_text(encoding="utf-8")


def calibration_texts() -> list[str]:
    """The shipped calibration sentences (``seed_sentences`` of the seed articles)."""
    return [line for line in _calibration_file().splitlines() if line.strip()]


@functools.cache
def calibration_digest() -> str:
    """Names the calibration set and the recipe in graph files and cache keys: other sentences or
    another recipe, other graphs."""
    recipe = f"{RECIPE_VERSION}|{'|'.join(KEPT_FP32)}|{PAIR_OFFSETS}|"
    return hashlib.sha256((recipe + _calibration_file()).encode()).hexdigest()[:8]


def calibration_pairs(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    premises, hypotheses = [], []
    for offset in PAIR_OFFSETS:
        for i in range(len(texts) - offset):
            premises.append(texts[i])
            hypotheses.append(texts[i + offset])
    return premises, hypotheses


def batches(n: int, size: int = CALIBRATION_BATCH) -> list[range]:
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def ov_path(onnx_graph: Path) -> Path:
    """Where the static-int8 graph of an fp32 ONNX graph lives."""
    return onnx_graph.with_name(onnx_graph.name.replace(".fp32.onnx", f".ov-int8-{calibration_digest()}.xml"))


def quantise_static(
    source: Path, target: Path, feeds: Sequence[dict[str, np.ndarray]], keep_fp32: Sequence[str] = KEPT_FP32
) -> None:
    """NNCF post-training int8 of the ONNX graph ``source`` on ``feeds`` (its inputs, batch by
    batch), saved as OpenVINO IR at ``target`` (``.xml`` and ``.bin``); the ops whose names match
    a pattern of ``keep_fp32`` stay in fp32."""
    require_openvino(quantised=True)
    import nncf
    import openvino as ov

    from checker.embed.onnx.export import _quiet_root_logger

    model = ov.Core().read_model(str(source))
    print(
        f"quantising {source.name} to int8 for OpenVINO (once per model build)", file=sys.stderr, flush=True
    )
    # NNCF's progress bars go to stdout, which may be a JSON report: swallow them; its advice is
    # logged (at INFO and WARNING, silenced here). Not nncf.set_log_level: that sets the level of
    # whatever handlers its logger reaches, other libraries' (and pytest's) included, for good.
    with _quiet_root_logger(), contextlib.redirect_stdout(io.StringIO()):
        quantised = nncf.quantize(
            model,
            nncf.Dataset(list(feeds)),
            model_type=nncf.ModelType.TRANSFORMER,
            preset=nncf.QuantizationPreset.MIXED,
            subset_size=len(feeds),  # every calibration batch
            ignored_scope=nncf.IgnoredScope(patterns=list(keep_fp32), validate=False),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.stem}-") as tmp:
        staged = Path(tmp) / target.name
        ov.save_model(quantised, str(staged), compress_to_fp16=False)
        os.replace(staged.with_suffix(".bin"), target.with_suffix(".bin"))
        os.replace(staged, target)


class OVSession:
    """A compiled OpenVINO model behind the two calls the ONNX Runtime code makes of a session,
    and ``run_many``, which keeps every stream of the compiled model busy."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self._request = compiled.create_infer_request()

    def run(self, _outputs: object, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        result = self._request.infer(feed)
        return [np.array(result[output]) for output in self._compiled.outputs]

    def run_many(self, feeds: Iterable[Feed]) -> Iterator[tuple[Feed, list[np.ndarray]]]:
        """Each feed with its outputs, in feed order, computed by as many infer requests at once
        as the compiled model has streams. ``feeds`` is read lazily, one ahead of the requests in
        flight, so that the caller's work on the next batch (tokenising it, or the lower graph's
        forward pass) overlaps this graph's."""
        import openvino as ov

        queue = ov.AsyncInferQueue(self._compiled, self._parallel_requests())
        outputs = len(self._compiled.outputs)
        done: dict[int, list[np.ndarray]] = {}

        def finished(request: Any, index: int) -> None:  # runs on an OpenVINO thread
            done[index] = [np.array(request.get_output_tensor(k).data) for k in range(outputs)]

        queue.set_callback(finished)
        waiting: collections.deque[Feed] = collections.deque()
        next_out = 0  # the index of the oldest waiting feed
        for index, feed in enumerate(feeds):
            queue.start_async(feed, index)  # waits while every request is busy
            waiting.append(feed)
            while next_out in done:
                yield waiting.popleft(), done.pop(next_out)
                next_out += 1
        queue.wait_all()
        while waiting:
            if next_out not in done:
                raise ModelError(f"OpenVINO gave no output for batch {next_out + 1}")
            yield waiting.popleft(), done.pop(next_out)
            next_out += 1

    def _parallel_requests(self) -> int:
        try:
            return max(1, int(self._compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")))
        except Exception:  # a plugin without the property: one request, as ``run``
            return 1

    def get_outputs(self) -> list[OutputShape]:
        """The outputs' shapes as ONNX Runtime gives them: ``None`` for a dynamic axis."""
        return [
            OutputShape([d.get_length() if d.is_static else None for d in out.get_partial_shape()])
            for out in self._compiled.outputs
        ]


@dataclass(frozen=True)
class OutputShape:
    shape: list[int | None]


@functools.cache
def ov_session(path: str, precision: str) -> OVSession:
    """One compiled model per graph file, arithmetic and process, on the CPU (threads:
    ``OMP_NUM_THREADS`` when set, else OpenVINO's default)."""
    return OVSession(_compile(path, precision))


@functools.cache
def cpu_has_bf16() -> bool:
    """Whether OpenVINO can run bfloat16 arithmetic on this CPU (AMX or AVX-512 BF16)."""
    require_openvino(quantised=False)
    import openvino as ov

    return "BF16" in ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")


def _compile(path: str, precision: str = "f32") -> Any:
    """The graph at ``path`` compiled for the CPU. ``precision`` is the arithmetic of what is not
    int8: ``"f32"``, or ``"bf16"`` (fp32 weights and accumulation, bfloat16 products), which
    OpenVINO would pick by itself on a CPU that has it; fp32 unless asked, so that a backend's
    answers do not depend on the CPU it runs on.

    Compiled for throughput: the threads are split into streams (on 2 cores, two of one thread
    each) that ``OVSession.run_many`` keeps busy with a batch each. On this project's 2-core
    machine that scored the NLI pairs of eval/scale.py 7% faster than one stream of two threads
    (LATENCY), whose elementwise ops and attention use the second core poorly; a single ``run``
    gets one stream."""
    require_openvino(quantised=False)
    import openvino as ov

    if precision == "bf16" and not cpu_has_bf16():
        raise ModelError(
            f"cannot run {Path(path).name} in bfloat16: this CPU has no bfloat16 arithmetic (AMX or "
            "AVX-512 BF16); use a backend without the -bf16 suffix"
        )
    config: dict[str, Any] = {
        "PERFORMANCE_HINT": "THROUGHPUT",
        "INFERENCE_PRECISION_HINT": precision,
        # kernels kept per input shape, in each stream: every batch of a corpus has its own (batch,
        # length) shape. With the default (5,000 shapes) and two streams, 4,000 real articles
        # (eval/scale.py e2e, openvino-int8) peaked at 5.2 GB, 0.9 GB above one stream; with 200,
        # at 4.1 GB in the same time (0, no cache at all, used more memory, not less)
        "CPU_RUNTIME_CACHE_CAPACITY": RUNTIME_CACHE_SHAPES,
        # OpenVINO pins its threads to cores from the first one on, in every process alike: the
        # Ray engine's two one-thread actors both ran on core 0, together at 87 claims/s where one
        # alone ran 100; unpinned, 175 (and one alone 157)
        "ENABLE_CPU_PINNING": False,
    }
    threads = os.environ.get("OMP_NUM_THREADS")
    if threads and threads.isdigit():
        config["INFERENCE_NUM_THREADS"] = int(threads)
    try:
        return ov.Core().compile_model(path, "CPU", config)
    except Exception as exc:  # OpenVINO raises its own exception types
        raise ModelError(f"cannot load the OpenVINO graph {path}: {exc}") from exc


def calibration_feeds(tokenizer: Any, passage_prefix: str) -> dict[str, list[dict[str, np.ndarray]]]:
    """The inputs the graphs are calibrated on: ``passages`` (as the embedder feeds them) and
    ``pairs`` (as the NLI scorer does). The shared lower graph sees both, so its int8 scales are
    the same whichever model loads first."""
    texts = calibration_texts()
    premises, hypotheses = calibration_pairs(texts)

    def feed(*columns: list[str]) -> dict[str, np.ndarray]:
        enc = tokenizer(*columns, padding=True, truncation=True, max_length=512, return_tensors="np")
        return {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask")}

    return {
        "passages": [feed([passage_prefix + texts[i] for i in r]) for r in batches(len(texts))],
        "pairs": [feed([premises[i] for i in r], [hypotheses[i] for i in r]) for r in batches(len(premises))],
    }


def static_int8_graphs(
    lower: Path, upper: Path, tokenizer: Any, passage_prefix: str, model: str
) -> tuple[Path, Path]:
    """The static-int8 IR of the backbone's lower graph and of ``model``'s upper graph
    (``"embedder"`` or ``"nli"``), quantised first when missing: the lower graph on passages and
    pairs, the upper on the fp32 lower graph's hidden states of the inputs its model feeds it
    (passages for the embedder, pairs for the NLI model, which keeps ``KEPT_FP32`` in fp32; the
    embedder's upper is int8 throughout). The calibration inputs are made only when a graph is
    missing."""
    targets = ov_path(lower), ov_path(upper)
    if all(t.is_file() for t in targets):
        return targets
    feeds = calibration_feeds(tokenizer, passage_prefix)
    if not targets[0].is_file():
        quantise_static(lower, targets[0], feeds["passages"] + feeds["pairs"])
    if not targets[1].is_file():
        fp32_lower = OVSession(_compile(str(lower)))
        upper_feeds = feeds["passages"] if model == "embedder" else feeds["pairs"]
        hidden = [
            {"hidden": fp32_lower.run(None, f)[0], "attention_mask": f["attention_mask"]} for f in upper_feeds
        ]
        quantise_static(upper, targets[1], hidden, () if model == "embedder" else KEPT_FP32)
    return targets


def pad_past_broken_lengths(
    backend: str, ids: np.ndarray, mask: np.ndarray, pad_id: int
) -> tuple[np.ndarray, np.ndarray]:
    """``ids`` and ``mask`` with one masked pad column more when their length is one that
    ``backend`` gets wrong (``BROKEN_LENGTHS``), else unchanged."""
    if ids.shape[1] not in BROKEN_LENGTHS.get(backend, ()):
        return ids, mask
    rows = ids.shape[0]
    return (
        np.concatenate([ids, np.full((rows, 1), pad_id, dtype=ids.dtype)], axis=1),
        np.concatenate([mask, np.zeros((rows, 1), dtype=mask.dtype)], axis=1),
    )
