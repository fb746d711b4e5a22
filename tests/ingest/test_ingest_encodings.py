"""Each seed written in the encodings Arabic and Persian news travels in reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.claims import extract_claims
from checker.config import Config
from checker.ingest import read_documents
from checker.ingest.decode import decode_bytes

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _text_for(encoding: str, path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if encoding == "cp1256":
        # Windows-1256 has no Persian yeh (U+06CC) nor heh with yeh above (U+06C0):
        # Persian files in it write the Arabic ي and a plain ه
        text = text.replace("ی", "ي").replace("ۀ", "ه")
    return text


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_same_text_headline_and_claims(tmp_path: Path, seed: Path, encoding: str) -> None:
    text = _text_for(encoding, seed)
    reference = tmp_path / "reference.txt"
    reference.write_bytes(text.encode("utf-8"))
    variant = tmp_path / f"variant.{encoding}.txt"
    variant.write_bytes(text.encode(encoding))

    docs, skipped = read_documents([reference, variant], Config())
    assert skipped == []
    ref, doc = docs
    assert doc.source == ref.source == text
    assert doc.headline == ref.headline
    assert doc.furniture == ref.furniture
    assert doc.lang == ref.lang
    assert [c.text for c in extract_claims(doc)] == [c.text for c in extract_claims(ref)]
    expected_name = {"utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    assert doc.encoding == expected_name


def test_windows_1256_is_found_by_the_detector_not_assumed() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    decoded = decode_bytes(text.encode("cp1256"))
    assert decoded.encoding == "cp1256"
    assert decoded.text == text


def test_crlf_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    text = SEEDS[4].read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (doc,), _ = read_documents([path], Config())
    assert doc.headline is not None and doc.headline.line == 5
    for claim in extract_claims(doc):
        assert claim.text == doc.source[claim.span.start : claim.span.end]
        assert "\r" not in claim.text
