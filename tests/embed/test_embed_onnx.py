"""The ONNX Runtime backends of the embedder: exported locally, same vectors as the fp32 model.

Parity bar (the scale issue): cosine >= 0.99 against the torch fp32 embedder on real Arabic and
Persian claims. Measured: see eval/RESULTS.md ("Speed and memory": fp32 against quantised).
"""

from __future__ import annotations

import sys

import numpy as np
import pytest
from embed_data import ans_rows, farstail_rows, seed_sentences

pytest.importorskip("onnxruntime")

from checker.embed.embedder import load_embedder, model_id_for  # noqa: E402
from checker.embed.onnx import runtime  # noqa: E402
from checker.errors import ModelError  # noqa: E402


def real_claims() -> list[str]:
    """Seed sentences (Arabic and Persian) and dev-set sentences of both languages."""
    persian = [p for p, _, _ in farstail_rows()[:60:3]]
    return seed_sentences()[:40] + persian + [s for s, _, _ in ans_rows()[:60:3]]


@pytest.fixture(scope="module")
def int8_embedder():
    return load_embedder("multilingual-e5-small", backend="onnx-int8")


@pytest.mark.parametrize("kind", ["passage", "query"])
def test_int8_vectors_keep_cosine_099_with_fp32(embedder, int8_embedder, kind) -> None:
    texts = real_claims()
    fp32 = embedder.embed_batch(texts, kind=kind)
    cosine = np.sum(fp32 * int8_embedder.embed_batch(texts, kind=kind), axis=1)
    assert cosine.min() >= 0.99, f"min {cosine.min():.4f}: {texts[int(cosine.argmin())]}"


def test_fp32_onnx_matches_torch(embedder) -> None:
    texts = real_claims()[:24]
    onnx = load_embedder("multilingual-e5-small", backend="onnx")
    cosine = np.sum(embedder.embed_batch(texts) * onnx.embed_batch(texts), axis=1)
    assert cosine.min() >= 0.9999, f"min {cosine.min():.6f}"


def test_vectors_come_back_in_input_order_with_unit_norm(int8_embedder) -> None:
    texts = real_claims()[:10]
    together = int8_embedder.embed_batch(texts)
    alone = np.stack([int8_embedder.embed_batch([t])[0] for t in texts[:3]])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    # dynamic int8 quantises each batch's activations with that batch's range, so a sentence's vector
    # moves a little with its batch-mates: its own vector alone is its nearest, within the parity bar
    similarity = together[:3] @ alone.T
    assert list(similarity.argmax(axis=1)) == [0, 1, 2]
    assert np.diag(similarity).min() >= 0.99
    assert int8_embedder.embed_batch([]).shape == (0, 384)


def test_cache_keys_name_the_backend() -> None:
    torch_id = model_id_for("multilingual-e5-small")
    assert model_id_for("multilingual-e5-small", "onnx-int8") != torch_id
    assert model_id_for("multilingual-e5-small", "onnx-int8").startswith(torch_id)
    assert model_id_for("multilingual-e5-small", "torch") == torch_id


def test_embedder_and_nli_share_one_lower_graph(int8_embedder) -> None:
    """One backbone in memory: the NLI scorer's lower layers are the embedder's session."""
    from checker.nli.scorer import load_nli

    scorer = load_nli("checker-nli", backend="onnx-int8")
    lower, _ = int8_embedder.graphs
    assert runtime.session.cache_info().currsize >= 3  # lower, embedder upper, NLI upper
    assert runtime.session(str(lower)) is int8_embedder._lower
    assert scorer.model_id.endswith(runtime.backend_suffix("onnx-int8"))


def test_a_missing_extra_is_a_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.embed.onnx.export import require_onnx

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelError, match=r"news-checker\[onnx\]"):
        require_onnx()


def test_hugging_face_nli_models_stay_on_torch() -> None:
    from checker.nli.scorer import load_nli

    with pytest.raises(ModelError, match="checker's own NLI model only"):
        load_nli("MoritzLaurer/mDeBERTa-v3-base-mnli-xnli", backend="onnx-int8")
