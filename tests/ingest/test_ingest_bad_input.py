"""A folder of bad inputs: one clear reason per bad file, the readable ones read, no traceback.

"Unreadable" is produced honestly although the tests run as root (root reads
any file whatever its mode): a dangling symbolic link (ENOENT on open) and a
symbolic link loop (ELOOP) are real paths in the folder that the OS refuses
to open.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from checker.claims import extract_claims
from checker.config import Config
from checker.ingest import read_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MB = 1024 * 1024


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    seed = (SEEDS / "004_5ea9a0b754be6861.txt").read_text(encoding="utf-8")
    (folder / "good.txt").write_text((SEEDS / "000_1227f8ae13c2544c.txt").read_text(encoding="utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(gzip.compress(seed.encode("utf-8")))  # a real gzip stream
    (folder / "arabic-1256.txt").write_bytes(seed.encode("cp1256"))
    (folder / "invalid.json").write_text('{"title": "عنوان", "text": "نص",\n "date": }', encoding="utf-8")
    os.symlink(folder / "moved-away.txt", folder / "dangling.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    with (folder / "huge.txt").open("w", encoding="utf-8") as f:
        while f.tell() < 50 * MB:
            f.write(seed)
    return folder


def test_each_bad_file_skipped_with_its_reason(bad_folder: Path) -> None:
    docs, skipped = read_documents([bad_folder], Config())
    reasons = {Path(s.path).name: s.reason for s in skipped}

    assert sorted(Path(d.path).name for d in docs) == ["arabic-1256.txt", "good.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file (not text)"
    assert reasons["invalid.json"].startswith("invalid JSON (line 2, column 10)")
    assert reasons["dangling.txt"].startswith("unreadable (broken symbolic link)")
    assert reasons["loop-a.txt"].startswith("unreadable")
    assert "symbolic links" in reasons["loop-a.txt"]
    assert reasons["huge.txt"] == "too large (50.0 MB > 20 MB limit)"
    assert len(skipped) == 7


def test_reasons_are_one_short_line_and_paths_are_as_given(bad_folder: Path) -> None:
    _, skipped = read_documents([str(bad_folder)], Config())
    for item in skipped:
        assert item.path.startswith(str(bad_folder) + os.sep)
        line = f"{item.path}: {item.reason}"
        assert "\n" not in line and len(item.reason) <= 100


def test_readable_files_are_checked(bad_folder: Path) -> None:
    docs, _ = read_documents([bad_folder], Config())
    by_name = {Path(d.path).name: d for d in docs}
    cp1256 = by_name["arabic-1256.txt"]
    assert cp1256.encoding == "cp1256"
    assert cp1256.source == (SEEDS / "004_5ea9a0b754be6861.txt").read_text(encoding="utf-8")
    assert str(cp1256.date) == "2022-01-19"
    assert extract_claims(cp1256)


def test_size_limit_follows_the_config(bad_folder: Path) -> None:
    _, skipped = read_documents([bad_folder], Config(max_file_mb=0.003))
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["good.txt"] == "too large (3.7 kB > 0.003 MB limit)"  # 3,781 bytes
    assert "arabic-1256.txt" not in reasons  # 2,055 bytes in a single-byte encoding


def test_missing_argument_and_other_failures(tmp_path: Path) -> None:
    (tmp_path / "spaces.txt").write_text("  \n\t\n")
    (tmp_path / "list.json").write_text(json.dumps([{"text": "نص كامل للخبر هنا."}, 5, {"title": "بلا نص"}]))
    (tmp_path / "page.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "blank.html").write_text("<html><head><title>عنوان</title></head><body></body></html>")
    docs, skipped = read_documents(
        [tmp_path / p for p in ("nowhere", "spaces.txt", "list.json", "page.html", "blank.html")], Config()
    )
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["nowhere"] == "not found (no such file or folder)"
    assert reasons["spaces.txt"] == "empty file (only whitespace)"
    assert reasons["list.json#2"] == "not a JSON object (a number)"
    assert reasons["list.json#3"] == "no text field ('text', 'body' or 'content'); its fields: 'title'"
    assert reasons["page.html"] == "no text extracted (trafilatura found no main text)"
    assert reasons["blank.html"] == "no text extracted (trafilatura found no main text)"
    assert [Path(d.path).name for d in docs] == ["list.json#1"]


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    docs, skipped = read_documents([tmp_path], Config())
    assert docs == []
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("pipe.txt", "unreadable: not a regular file")
    ]


def test_undecodable_and_binary_without_nul_bytes(tmp_path: Path) -> None:
    seed = (SEEDS / "000_1227f8ae13c2544c.txt").read_bytes()
    # a UTF-8 byte-order mark promising UTF-8, then bytes cut from a UTF-16 file
    (tmp_path / "bom-lies.txt").write_bytes(b"\xef\xbb\xbf" + seed[:40] + "نص".encode("utf-16-le"))
    # a UTF-16 file cut in the middle of a character
    (tmp_path / "cut.txt").write_bytes(seed.decode("utf-8").encode("utf-16")[:-1])
    # compressed data with its NUL bytes replaced: still not text
    (tmp_path / "packed.txt").write_bytes(gzip.compress(seed).replace(b"\x00", b"\x01"))
    docs, skipped = read_documents([tmp_path], Config())
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert docs == []
    assert reasons["bom-lies.txt"].startswith("undecodable: invalid")
    assert reasons["bom-lies.txt"].endswith("(utf-8 BOM)")
    assert reasons["cut.txt"].startswith("undecodable: truncated data")
    assert reasons["packed.txt"] == "binary file (not text)"
