"""Folder walks: include/exclude globs, sorted order, hidden files, explicit files."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import DEFAULT_INCLUDE, Config
from checker.ingest import read_documents
from checker.ingest.discover import discover, glob_regex

ARTICLE = "بوتين يتلقى رسالة من خامنئي\nتسلم الرئيس الروسي رسالة من المرشد الإيراني اليوم في موسكو.\n"


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("**/*.txt", "a.txt", True),
        ("**/*.txt", "x/y/a.txt", True),
        ("**/*.txt", "a.txt.bak", False),
        ("*.txt", "deep/down/a.txt", True),  # no slash: any depth, as in .gitignore
        ("drafts/**", "drafts/a.txt", True),
        ("drafts/**", "old/drafts/a.txt", False),
        ("**/drafts/**", "old/drafts/a.txt", True),
        ("x/*.md", "x/y/a.md", False),
        ("a?.json", "ab.json", True),
        ("[!a]*.txt", "b.txt", True),
        ("[!a]*.txt", "a.txt", False),
    ],
)
def test_glob(pattern: str, path: str, hit: bool) -> None:
    assert bool(glob_regex(pattern).match(path)) is hit


def _tree(root: Path) -> None:
    for rel in [
        "b.txt",
        "a.md",
        "sub/c.txt",
        "sub/drafts/d.txt",
        "notes.docx",
        ".hidden.txt",
        ".git/e.txt",
        "z.jsonl",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE if not rel.endswith("jsonl") else '{"text": "نص الخبر كامل هنا."}\n')


def test_walk_is_sorted_filtered_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    targets, skipped = discover([tmp_path], DEFAULT_INCLUDE, ())
    assert skipped == []
    assert [t.path.relative_to(tmp_path).as_posix() for t in targets] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
        "sub/drafts/d.txt",
        "z.jsonl",
    ]
    targets, _ = discover([tmp_path], DEFAULT_INCLUDE, ("**/drafts/**", "*.md"))
    assert [t.path.name for t in targets] == ["b.txt", "c.txt", "z.jsonl"]


def test_explicit_file_is_read_whatever_the_globs(tmp_path: Path) -> None:
    _tree(tmp_path)
    docs, _ = read_documents([tmp_path / "sub" / "c.txt"], Config(include=("*.md",), exclude=("*.txt",)))
    assert [d.path for d in docs] == [str(tmp_path / "sub" / "c.txt")]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    targets, _ = discover([tmp_path / "b.txt", tmp_path], DEFAULT_INCLUDE, ())
    assert [t.path.name for t in targets].count("b.txt") == 1
    assert str(tmp_path / "b.txt") in [t.display for t in targets]


def test_the_order_of_the_arguments_does_not_matter(tmp_path: Path) -> None:
    _tree(tmp_path)
    args = [tmp_path / "sub", tmp_path / "b.txt", tmp_path / "nowhere", tmp_path / "gone"]
    forward = discover(args, DEFAULT_INCLUDE, ())
    assert discover(args[::-1], DEFAULT_INCLUDE, ()) == forward
    assert [t.display for t in forward[0]] == sorted(t.display for t in forward[0])
    assert [s.path for s in forward[1]] == [str(tmp_path / "gone"), str(tmp_path / "nowhere")]
