"""One backbone in memory: the NLI model runs on the embedder's own modules when both are loaded."""

from __future__ import annotations

import gc

import numpy as np

from checker.embed import Embedder
from checker.embed.shared import live_model, register, transformer_of
from checker.nli.scorer import NLIScorer, load_nli


def test_nli_and_embedder_share_one_backbone(embedder: Embedder, nli: NLIScorer) -> None:
    shared = nli._forward.backbone  # type: ignore[attr-defined]
    assert shared is embedder.model
    backbone = transformer_of(embedder.model)
    assert shared[0].auto_model is backbone


def test_loading_the_nli_model_leaves_the_embedder_unchanged(embedder: Embedder, nli: NLIScorer) -> None:
    texts = ["وصل رئيس البرلمان الإيراني إلى موسكو", "قالیباف به مسکو سفر کرد."]
    before = embedder.embed_batch(texts)
    nli.score_batch(texts, texts[::-1])
    again = load_nli("checker-nli", device="cpu")
    assert again._forward.backbone is embedder.model  # type: ignore[attr-defined]
    np.testing.assert_array_equal(before, embedder.embed_batch(texts))


def test_a_model_nobody_holds_is_freed() -> None:
    class Model:  # stands in for a SentenceTransformer: the registry only keeps a weak reference
        pass

    model = Model()
    assert register("/no/such/model", "cpu", model) is model  # type: ignore[arg-type]
    assert live_model("/no/such/model", "cpu") is model
    assert register("/no/such/model", "cpu", Model()) is model  # type: ignore[arg-type]
    del model
    gc.collect()
    assert live_model("/no/such/model", "cpu") is None
