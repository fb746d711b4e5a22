"""A folder of bad inputs through the command line: one clear line per bad file on stderr, each in
``skipped`` with its reason, the readable ones checked, no traceback, exit status per the contract.

"Unreadable" is made honestly even though the tests may run as root (root reads any file whatever
its mode): a dangling symbolic link and a symbolic-link loop are real paths the OS refuses to open;
when not root, a file with mode 000 is added too.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from seed_runs import KHOMEINI_ARTICLE, OTHER_EVENT_ARTICLE, SEEDS, assert_clean, cli

MB = 1024 * 1024
FORMATS = ("text", "json", "sarif", "github", "markdown", "html")


def fill_with_bad_files(folder: Path) -> dict[str, str]:
    """The bad files, and the start of the reason each must be skipped with."""
    seed = (SEEDS / OTHER_EVENT_ARTICLE).read_text(encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(gzip.compress(seed.encode("utf-8")))  # a real gzip stream
    (folder / "invalid.json").write_text('{"title": "عنوان", "text": "نص",\n "date": }', encoding="utf-8")
    os.symlink(folder / "moved-away.txt", folder / "dangling.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    with (folder / "huge.txt").open("w", encoding="utf-8") as f:
        while f.tell() < 50 * MB:
            f.write(seed)
    expected = {
        "empty.txt": "empty file",
        "binary.txt": "binary file (not text)",
        "invalid.json": "invalid JSON (line 2, column 10)",
        "dangling.txt": "unreadable (broken symbolic link)",
        "loop-a.txt": "unreadable",
        "loop-b.txt": "unreadable",
        "huge.txt": "too large (50.0 MB > 20 MB limit)",
    }
    if os.geteuid() != 0:
        locked = folder / "locked.txt"
        locked.write_text(seed, encoding="utf-8")
        locked.chmod(0)
        expected["locked.txt"] = "unreadable"
    return expected


@pytest.fixture()
def inbox(tmp_path: Path, embed_loads: list[str]) -> tuple[Path, dict[str, str]]:
    """A folder of bad files beside two good ones: a seed in UTF-8 and a seed in Windows-1256."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / KHOMEINI_ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "arabic-1256.txt").write_bytes(
        (SEEDS / OTHER_EVENT_ARTICLE).read_text(encoding="utf-8").encode("cp1256")
    )
    return folder, fill_with_bad_files(folder)


def test_each_bad_file_is_one_line_and_one_skipped_entry(inbox: tuple[Path, dict[str, str]]) -> None:
    folder, expected = inbox
    result = cli([folder, "--nli", "none", "--format", "json"])
    assert_clean(result, 1)  # good.txt holds a high finding; bad files alone never change the status
    data = json.loads(result.stdout)

    skipped = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert set(skipped) == set(expected)
    for name, reason in expected.items():
        assert skipped[name].startswith(reason), (name, skipped[name])

    lines = result.stderr.splitlines()
    assert len(lines) == len(expected)  # one line per bad file, nothing else
    for entry in data["skipped"]:
        assert f"check: skipped {entry['path']}: {entry['reason']}" in lines
    assert all(len(line) < 200 for line in lines)

    read = {Path(d["path"]).name: d for d in data["documents"]}
    assert set(read) == {"good.txt", "arabic-1256.txt"}
    assert read["arabic-1256.txt"]["encoding"] == "cp1256" and read["arabic-1256.txt"]["lang"] == "ar"
    assert data["stats"]["skipped"] == len(expected)
    assert any(Path(c["document"]).name == "good.txt" for f in data["findings"] for c in f["claims"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_survives_the_bad_folder(fmt: str, inbox: tuple[Path, dict[str, str]]) -> None:
    folder, expected = inbox
    result = cli([folder, "--nli", "none", "--format", fmt])
    assert_clean(result, 1)
    assert len(result.stderr.splitlines()) == len(expected)
    assert result.stdout.strip()


def test_a_folder_of_bad_files_only_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    expected = fill_with_bad_files(folder)
    result = cli([folder, "--nli", "none", "--format", "json"])
    assert_clean(result, 2)
    lines = result.stderr.splitlines()
    assert lines[-1] == f"check: nothing could be read under {folder}: every file was skipped"
    assert len(lines) == len(expected) + 1
    assert {Path(s["path"]).name for s in json.loads(result.stdout)["skipped"]} == set(expected)


def test_bad_files_named_on_the_command_line_are_skipped_too(
    inbox: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = inbox
    result = cli([folder / "good.txt", folder / "binary.txt", folder / "empty.txt", "--nli", "none"])
    assert_clean(result, 1)
    assert result.stderr.splitlines() == [
        f"check: skipped {folder / 'binary.txt'}: binary file (not text)",
        f"check: skipped {folder / 'empty.txt'}: empty file",
    ]
