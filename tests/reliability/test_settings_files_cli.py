"""Files the user names besides the articles (config, baseline, knowledge base) that are not text:
one line naming the file, exit 2 (each was a UnicodeDecodeError, exit 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reliability_support import small_corpus
from seed_runs import assert_clean, cli, stderr_lines

GARBAGE = b"\x00\xa7\xff\xfe" + os.urandom(200)


@pytest.mark.parametrize(
    ("option", "says"),
    [("--config", "the config file"), ("--baseline", "the baseline"), ("--kb", "a knowledge-base file")],
)
def test_a_binary_settings_file_is_exit_2_naming_it(option: str, says: str, tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "content")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(GARBAGE)
    result = cli([corpus, "--nli", "none", option, garbage])
    assert_clean(result, 2)
    [line] = stderr_lines(result)
    assert line.startswith(f"check: cannot read {says}") and str(garbage) in line
    assert line.endswith("not UTF-8 text (invalid start byte at byte 1)")


def test_a_binary_checker_toml_found_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = small_corpus(tmp_path / "content")
    (tmp_path / "checker.toml").write_bytes(GARBAGE)
    monkeypatch.chdir(tmp_path)
    result = cli([corpus, "--nli", "none"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        f"check: cannot read the config file {tmp_path / 'checker.toml'}: not UTF-8 text "
        "(invalid start byte at byte 1)"
    ]
