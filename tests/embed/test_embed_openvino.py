"""The OpenVINO backends: the exported graphs in fp32, and their static int8 quantisation (NNCF,
calibrated on the seed articles' sentences), against the torch models.

Parity bars (the scale issue): cosine >= 0.99 against the torch fp32 embedder on real Arabic and
Persian sentences (dev-set sentences here, none of them in the calibration set); NLI labels agree on
>= 98% of the dev pairs with dev metrics down by at most 0.01 (measured on the full dev sets: slow
test, and eval/RESULTS.md, "fp32 against quantised").
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from embed_data import ans_rows, farstail_rows

pytest.importorskip("openvino")
pytest.importorskip("nncf")

from checker.embed.embedder import load_embedder, model_id_for  # noqa: E402
from checker.embed.onnx import openvino  # noqa: E402
from checker.errors import ModelError  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def dev_sentences() -> list[str]:
    """Arabic (ANS) and Persian (FarsTail) dev sentences: none is a calibration sentence."""
    return [s for s, _, _ in ans_rows()[:90:3]] + [p for p, _, _ in farstail_rows()[:90:3]]


@pytest.fixture(scope="module")
def ov_embedder():
    return load_embedder("multilingual-e5-small", backend="openvino-int8")


@pytest.mark.parametrize("kind", ["passage", "query"])
def test_static_int8_vectors_keep_cosine_099_with_fp32(embedder, ov_embedder, kind) -> None:
    texts = dev_sentences()
    assert not set(texts) & set(openvino.calibration_texts())
    cosine = np.sum(
        embedder.embed_batch(texts, kind=kind) * ov_embedder.embed_batch(texts, kind=kind), axis=1
    )
    assert cosine.min() >= 0.99, f"min {cosine.min():.4f}: {texts[int(cosine.argmin())]}"


def test_fp32_openvino_matches_torch(embedder) -> None:
    texts = dev_sentences()[:24]
    fp32 = load_embedder("multilingual-e5-small", backend="openvino")
    cosine = np.sum(embedder.embed_batch(texts) * fp32.embed_batch(texts), axis=1)
    assert cosine.min() >= 0.9999, f"min {cosine.min():.6f}"


bf16 = pytest.mark.skipif(not openvino.cpu_has_bf16(), reason="this CPU has no bfloat16 arithmetic")


@bf16
@pytest.mark.parametrize("backend", ["openvino-bf16", "openvino-int8-bf16"])
def test_bf16_arithmetic_keeps_cosine_099_with_fp32(embedder, backend) -> None:
    texts = dev_sentences()
    other = load_embedder("multilingual-e5-small", backend=backend)
    cosine = np.sum(embedder.embed_batch(texts) * other.embed_batch(texts), axis=1)
    floor = 0.999 if backend == "openvino-bf16" else 0.99  # bf16 products, fp32 sums; int8 on top
    assert cosine.min() >= floor, f"min {cosine.min():.4f}: {texts[int(cosine.argmin())]}"


def lengths_around_32(tokenizer, texts: list[str], prefix: str) -> dict[int, str]:
    """For each length 28..36, a text whose longest batch is exactly that many tokens (prefix and
    special tokens included): the first dev sentence long enough, cut to the length."""
    out = {}
    for n in range(28, 37):
        for text in texts:
            ids = tokenizer(prefix + text, add_special_tokens=False)["input_ids"]
            if len(ids) + 2 >= n:
                cut = tokenizer.decode(ids[: n - 2])[len(prefix) :]
                if len(tokenizer(prefix + cut)["input_ids"]) == n:
                    out[n] = cut
                    break
    return out


@pytest.mark.parametrize(
    "backend",
    ["openvino", "openvino-int8", pytest.param("openvino-int8-bf16", marks=bf16)],
)
def test_every_batch_length_near_32_keeps_parity(embedder, backend) -> None:
    """OpenVINO's int8 graphs in bf16 arithmetic are wrong at exactly 32 tokens (BROKEN_LENGTHS):
    the embedder pads such a batch one token further. Each batch here is a short sentence with a
    text of 28..36 tokens, so that the batch's longest sets its length."""
    other = load_embedder("multilingual-e5-small", backend=backend)
    tokenizer = embedder.model.tokenizer
    texts = dev_sentences()
    cuts = lengths_around_32(tokenizer, texts, embedder.prefix("passage"))
    assert 32 in cuts, "no dev sentence cuts to 32 tokens"
    for n, cut in cuts.items():
        batch = [cut, *texts[-3:]]
        if max(len(tokenizer(embedder.prefix("passage") + t)["input_ids"]) for t in batch) != n:
            batch = [cut]
        cosine = np.sum(embedder.embed_batch(batch) * other.embed_batch(batch), axis=1)
        assert cosine.min() >= 0.99, f"{backend} at {n} tokens: min {cosine.min():.4f}"


def test_bf16_on_a_cpu_without_it_is_a_named_error(monkeypatch: pytest.MonkeyPatch, ov_embedder) -> None:
    monkeypatch.setattr(openvino, "cpu_has_bf16", lambda: False)
    lower, _ = ov_embedder.graphs
    with pytest.raises(ModelError, match=r"no bfloat16 arithmetic.*without the -bf16 suffix"):
        openvino.ov_session.__wrapped__(str(lower), "bf16")


def test_a_vector_does_not_depend_on_its_batch_mates(ov_embedder) -> None:
    """Static scales: unlike dynamic int8, a sentence's activations are quantised the same way
    whatever else is in its batch (only padding differs)."""
    texts = dev_sentences()[:12]
    together = ov_embedder.embed_batch(texts)
    alone = np.stack([ov_embedder.embed_batch([t])[0] for t in texts[:4]])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.sum(together[:4] * alone, axis=1).min() >= 0.999
    assert ov_embedder.embed_batch([]).shape == (0, 384)


def test_run_many_gives_each_batch_its_own_outputs_in_order(ov_embedder) -> None:
    """Several requests at once (the compiled model's streams) finish in any order; the outputs
    come back in feed order, each the same as one ``run`` of that feed."""
    lower = ov_embedder._lower
    assert lower._parallel_requests() >= 2  # two cores: two streams, so batches do overlap
    texts = dev_sentences()
    sizes = (1, 9, 3, 10, 2, 7)
    feeds = [ov_embedder._feed(texts[10 * k : 10 * k + size]) for k, size in enumerate(sizes)]
    assert len({f["input_ids"].shape for f in feeds}) > 1  # batches of different shapes
    ran = list(lower.run_many(iter(feeds)))
    assert all(feed is original for (feed, _), original in zip(ran, feeds, strict=True))
    for (_, (hidden,)), original in zip(ran, feeds, strict=True):
        (alone,) = lower.run(None, original)
        assert hidden.shape == alone.shape
        assert np.array_equal(hidden, alone)
    assert list(lower.run_many(iter([]))) == []


def test_nli_pairs_score_the_same_batched_or_alone() -> None:
    from checker.nli.scorer import load_nli

    nli = load_nli("checker-nli", backend="openvino-int8")
    rows = ans_rows()[:40]
    premises, hypotheses = [p for p, _, _ in rows], [h for _, h, _ in rows]
    together = nli.score_batch(premises, hypotheses)
    for i in (0, 17, 39):
        alone = nli.score(premises[i], hypotheses[i])
        assert alone.label == together[i].label
        assert abs(alone.scores["contradiction"] - together[i].scores["contradiction"]) < 1e-3


def test_the_calibration_set_is_the_seed_sentences() -> None:
    """The shipped calibration file is derived from seeds/ (it cannot drift from its recipe)."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert openvino.calibration_texts() == openvino.seed_sentences(articles)
    assert len(openvino.calibration_texts()) >= 50


def test_graphs_and_cache_keys_name_the_calibration_set(ov_embedder) -> None:
    digest = openvino.calibration_digest()
    assert all(digest in path.name and path.suffix == ".xml" for path in ov_embedder.graphs)
    assert model_id_for("multilingual-e5-small", "openvino-int8").endswith(digest)
    assert model_id_for("multilingual-e5-small", "openvino") != model_id_for("multilingual-e5-small")
    # bf16 answers are not the fp32 ones: their own cache keys
    ids = {model_id_for("multilingual-e5-small", b) for b in ("openvino-int8", "openvino-int8-bf16")}
    assert len(ids) == 2 and all(digest in i for i in ids)
    # answers cached before the broken length was padded past are not reused
    assert model_id_for("multilingual-e5-small", "openvino-int8-bf16").endswith(".pad32")
    assert model_id_for("multilingual-e5-small", "openvino-bf16") != model_id_for(
        "multilingual-e5-small", "openvino"
    )


def test_embedder_and_nli_share_one_lower_graph(ov_embedder) -> None:
    from checker.nli.scorer import load_nli

    load_nli("checker-nli", backend="openvino-int8")
    lower, _ = ov_embedder.graphs
    assert openvino.ov_session(str(lower), "f32") is ov_embedder._lower
    assert openvino.ov_session.cache_info().currsize >= 3  # lower, embedder upper, NLI upper


def test_a_missing_extra_is_a_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nncf", None)
    with pytest.raises(ModelError, match=r"news-checker\[openvino\]"):
        openvino.require_openvino(quantised=True)
    openvino.require_openvino(quantised=False)  # fp32 OpenVINO needs no NNCF
