"""Each skipped file or record says what is really wrong with it (the reasons the fuzzing and a new
user's first tries found misleading: an empty field called missing, ``a NoneType``, a traceback
for deep nesting, "no main text" for a page the parser gave up on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.config import Config
from checker.ingest import read_documents

TEXT = "قال المتحدث باسم الوزارة إن الاجتماع عقد أمس في طهران."

CASES: dict[str, tuple[str, str]] = {
    "empty text": ("a.json", json.dumps({"title": "عنوان", "text": ""})),
    "blank text": ("a.json", json.dumps({"title": "عنوان", "text": " \n\t "})),
    "text is a list": ("a.json", json.dumps({"text": [TEXT]})),
    "body is null": ("a.json", json.dumps({"title": "عنوان", "body": None})),
    "no text field": ("a.json", json.dumps({"title": "عنوان", "date": "2022-01-19"})),
    "empty object": ("a.json", "{}"),
    "a number": ("a.json", "42"),
    "an empty list": ("a.json", "[]"),
    "null": ("a.json", "null"),
    "a string": ("a.json", json.dumps(TEXT)),
    "deep JSON": ("a.json", "[" * 100_000 + "]" * 100_000),
    "deep JSON inside a record": ("a.json", '{"text": ' + "[" * 5000 + "]" * 5000 + "}"),
    "deep JSONL line": ("a.jsonl", "[" * 50_000 + "]" * 50_000 + "\n"),
    "deep HTML": (
        "a.html",
        "<html><body>" + "<div>" * 400 + f"<p>{TEXT}</p>" + "</div>" * 400 + "</body></html>",
    ),
}
DEEP = "(some 1,000 lists or objects inside one another)"
REASONS = {
    "empty text": "empty 'text' field",
    "blank text": "'text' field holds only whitespace",
    "text is a list": "'text' field is a list, not text",
    "body is null": "'body' field is null, not text",
    "no text field": "no text field ('text', 'body' or 'content'); its fields: 'title', 'date'",
    "empty object": "no text field ('text', 'body' or 'content'): the record is empty",
    "a number": "not a JSON object (a number)",
    "an empty list": "no records (an empty JSON list)",
    "null": "not a JSON object (null)",
    "a string": "not a JSON object (a string)",
    "deep JSON": f"JSON nested too deeply to read {DEEP}",
    "deep JSON inside a record": f"JSON nested too deeply to read {DEEP}",
    "deep JSONL line": f"JSON nested too deeply to read (line 1) {DEEP}",
    "deep HTML": "no text extracted (the HTML parser gave up: Excessive depth in document: 256)",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_reason_says_what_is_wrong(case: str, tmp_path: Path) -> None:
    name, content = CASES[case]
    (tmp_path / name).write_text(content, encoding="utf-8")
    documents, skipped = read_documents([tmp_path], Config())
    assert documents == []
    [entry] = skipped
    assert entry.reason == REASONS[case]
    assert entry.path == str(tmp_path / name) + ("#1" if name.endswith(".jsonl") else "")


def test_an_empty_field_gives_way_to_the_next_text_field(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"text": "", "body": TEXT}), encoding="utf-8")
    documents, skipped = read_documents([tmp_path], Config())
    assert skipped == [] and documents[0].source == TEXT


def test_html_nested_within_the_parsers_limit_is_read(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 200 + f"<p>{TEXT}</p>" + "</div>" * 200 + "</body></html>"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    documents, skipped = read_documents([tmp_path], Config())
    assert skipped == [] and TEXT in documents[0].source
