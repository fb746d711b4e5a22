"""Fuzzing the reading of articles: random bytes, random Unicode, every format, deep nesting, many
files, symbolic-link loops, names with spaces and Arabic letters. Nothing raises; every file is
either read or listed in ``skipped`` with a reason that is true of it; every claim is a verbatim
slice of its article at the line it says.
"""

from __future__ import annotations

import bisect
import json
import os
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from fuzz_strategies import (
    article_file,
    article_text,
    file_name,
    fuzz_settings,
    json_value,
    write_files,
)
from hypothesis import given
from hypothesis import strategies as st
from seed_runs import SEEDS

from checker.claims import extract_claims
from checker.config import Config
from checker.ingest import read_documents
from checker.ingest.decode import decode_bytes
from checker.types import Document, Skipped

pytestmark = pytest.mark.fuzz

# every reason a file or record may be skipped with (the start of it)
REASONS = (
    "empty file",
    "binary file (not text)",
    "undecodable: ",
    "invalid JSON (line ",
    "JSON nested too deeply to read",
    "not a JSON object (",
    "no records (an empty JSON list)",
    "no text field (",
    "empty '",
    "'text' field ",
    "'body' field ",
    "'content' field ",
    "no text extracted (",
    "too large (",
    "unreadable",
    "not found",
)


CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | frozenset(range(127, 160))


def accounted(paths: list[Path], documents: list[Document], skipped: list[Skipped]) -> None:
    """Each file is read (one document per record) or skipped, and nothing else is reported."""
    read = {d.path.split("#", 1)[0] for d in documents}
    passed = {s.path.split("#", 1)[0] for s in skipped}
    names = {str(p) for p in paths}
    assert read | passed == names, (names - read - passed, (read | passed) - names)
    whole_files = {s.path for s in skipped if "#" not in s.path}
    assert not whole_files & read  # a file is not both read and skipped whole
    for s in skipped:
        assert s.reason.startswith(REASONS), s
        assert "\n" not in s.reason and len(s.reason) < 200, s


def verbatim(document: Document) -> None:
    breaks = [i for i, ch in enumerate(document.source) if ch == "\n"]
    for claim in extract_claims(document):
        start, end = claim.span.start, claim.span.end
        assert claim.text == document.source[start:end]
        assert claim.span.line == bisect.bisect_left(breaks, start) + 1
        assert claim.text.strip() == claim.text and claim.text


def read(paths: list[Path]) -> tuple[list[Document], list[Skipped]]:
    documents, skipped = read_documents([str(p) for p in paths], Config())
    accounted(paths, documents, skipped)
    for document in documents:
        verbatim(document)
    return documents, skipped


@fuzz_settings(30)
@given(st.lists(st.tuples(file_name, article_file()), min_size=1, max_size=4))
def test_any_file_is_read_or_skipped_with_a_true_reason(files: list[tuple[str, tuple[str, bytes]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), files)
        documents, skipped = read(paths)
        reasons = {s.path: s.reason for s in skipped}
        for path, (_, (_suffix, data)) in zip(paths, files, strict=True):
            reason = reasons.get(str(path))
            if not data:
                assert reason == "empty file"
            elif reason == "empty file (only whitespace)":
                assert not decode_bytes(data).text.strip()
            elif reason == "binary file (not text)":  # some byte is a control character's
                assert any(b in CONTROL_BYTES for b in data)
            elif reason is not None and reason.startswith("invalid JSON"):
                with pytest.raises(ValueError):
                    json.loads(decode_bytes(data).text)


def _control_share(text: str) -> float:
    return sum(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v" for c in text) / max(1, len(text))


@fuzz_settings(30)
@given(article_text, st.sampled_from(["txt", "md"]))
def test_any_unicode_text_is_read_verbatim(text: str, suffix: str) -> None:
    """UTF-8 text is always read, unless it is blank or mostly control characters."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"خبر عاجل.{suffix}"
        path.write_bytes(text.encode("utf-8"))
        documents, skipped = read([path])
    if not text.strip():
        assert [s.reason for s in skipped] == ["empty file" if not text else "empty file (only whitespace)"]
    elif _control_share(text) > 0.01:
        assert [s.reason for s in skipped] == ["binary file (not text)"]
    else:
        assert skipped == [] and documents[0].source == text.removeprefix("\ufeff")


@fuzz_settings(30)
@given(json_value, st.booleans())
def test_any_json_value_is_read_or_skipped(value: object, as_lines: bool) -> None:
    records = value if as_lines and isinstance(value, list) else [value]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("feed.jsonl" if as_lines else "record.json")
        if as_lines:
            path.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
        else:
            path.write_text(json.dumps(value, ensure_ascii=False), "utf-8", errors="surrogatepass")
        documents, skipped = read([path])
    if as_lines and not records:
        return
    for document in documents:
        assert document.source.strip()
        document.source.encode("utf-8")  # no half characters left to trip a report writer


@fuzz_settings(10)
@given(
    st.integers(min_value=1, max_value=3000),
    st.sampled_from(["[", '{"a":']),
    st.sampled_from(["json", "html"]),
)
def test_deep_nesting_is_read_or_skipped(depth: int, opener: str, suffix: str) -> None:
    text = "نص عربي كامل للخبر في جملة واحدة."
    if suffix == "json":
        closer = "]" if opener == "[" else "}"
        data = json.dumps({"text": text})[:-1] + ', "x": ' + opener * depth + "1" + closer * depth + "}"
    else:
        data = "<html><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth + "</body></html>"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"deep.{suffix}"
        path.write_text(data, encoding="utf-8")
        documents, skipped = read([path])
    if depth < 250:
        assert len(documents) == 1
    elif suffix == "html" and depth > 256:
        assert [s.reason for s in skipped] == [
            "no text extracted (the HTML parser gave up: Excessive depth in document: 256)"
        ]
    else:  # near a limit (Python's depends on the stack it starts from: hypothesis raises it)
        assert len(documents) == 1 or (
            len(skipped) == 1
            and skipped[0].reason.startswith(("JSON nested too deeply", "no text extracted (the HTML parser"))
        )


@pytest.mark.parametrize(
    "size", [pytest.param(200_000, id="200 kB"), pytest.param(5_000_000, id="5 MB", marks=pytest.mark.slow)]
)
def test_a_huge_line_is_read(size: int, tmp_path: Path) -> None:
    """A feed dumped without line breaks: one line of sentences, and one line of no sentence at
    all, read and cut into claims (in time linear in the size: 1 MB takes some 1.5 s)."""
    sentence = (SEEDS / "001_42ba45faf81212f0.txt").read_text(encoding="utf-8").splitlines()[2]
    path = tmp_path / "one line.txt"
    path.write_text((sentence + " ") * (size // len(sentence)), encoding="utf-8")
    no_stops = tmp_path / "no stops.txt"
    no_stops.write_text("كلمة " * (size // 5), encoding="utf-8")
    documents, skipped = read([path, no_stops])
    assert skipped == [] and len(documents) == 2


@pytest.mark.parametrize(
    "count", [pytest.param(1_000, id="1,000"), pytest.param(10_000, id="10,000", marks=pytest.mark.slow)]
)
def test_many_small_files_with_loops_and_odd_names(count: int, tmp_path: Path) -> None:
    """Articles in 100 folders, names with spaces and Arabic letters, a link to a folder that
    holds it (a loop), links that point at each other and a link to nowhere."""
    root = tmp_path / "أخبار اليوم"
    line = "قال المتحدث إن عدد الضحايا بلغ {} شخصا في الحادث."
    for i in range(count):
        folder = root / f"قسم {i % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"خبر رقم {i}.txt").write_text(line.format(i), encoding="utf-8")
    os.symlink(root, root / "قسم 00" / "loop", target_is_directory=True)
    os.symlink(root / "a", root / "b.txt")
    os.symlink(root / "b.txt", root / "a")
    os.symlink(root / "a.txt", root / "c.txt")
    os.symlink(root / "c.txt", root / "a.txt")
    os.symlink(root / "nowhere", root / "dangling.txt")
    start = time.perf_counter()
    documents, skipped = read_documents([root], Config())
    took = time.perf_counter() - start
    assert len(documents) == count
    assert {Path(s.path).name: s.reason.split(":")[0] for s in skipped} == {
        "a.txt": "unreadable (symbolic link loop)",
        "b.txt": "unreadable (symbolic link loop)",
        "c.txt": "unreadable (symbolic link loop)",
        "dangling.txt": "unreadable (broken symbolic link)",
    }
    assert len({d.path for d in documents}) == count
    assert took < 120, took
