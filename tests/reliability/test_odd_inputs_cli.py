"""Inputs that used to end in exit 3 at the very end, when the report was written: a JSON record
with a lone surrogate escape (half a character), and a file whose name is not UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from reliability_support import small_corpus
from seed_runs import assert_clean, cli

HEADLINE = "موسكو.. بوتين يتلقى رسالة من الخميني"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_lone_surrogate_escape_in_json_is_replaced(
    fmt: str, tmp_path: Path, embed_loads: list[str]
) -> None:
    body = "قام رئيس البرلمان \\ud800 بتسليم رسالة من المرشد علي خامنئي إلى الرئيس الروسي فلاديمير بوتين."
    record = '{"title": "' + HEADLINE + ' \\udc80", "text": "' + body + '"}'
    (tmp_path / "a.json").write_text(record, encoding="utf-8")
    result = cli([tmp_path, "--nli", "none", "--format", fmt])
    assert_clean(result, 0, 1)
    if fmt == "json":
        [document] = json.loads(result.stdout)["documents"]
        assert document["headline"] == HEADLINE + " \ufffd"


@pytest.mark.skipif(
    os.uname().sysname == "Darwin", reason="macOS file systems refuse names that are not UTF-8"
)
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path, embed_loads: list[str]) -> None:
    corpus = small_corpus(tmp_path / "content")
    [article] = corpus.iterdir()
    odd = os.fsencode(corpus) + b"/\xff news \xd8.txt"
    os.rename(article, odd)
    result = cli([corpus, "--nli", "none", "--format", "json"])
    assert_clean(result, 1)
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == [f"{corpus}/\\xff news \\xd8.txt"]
    assert data["findings"][0]["claims"][0]["document"] == f"{corpus}/\\xff news \\xd8.txt"
