"""``--device``: the option the device messages point to exists, and a device that cannot be used
is one line and exit 2 (it was a torch traceback, exit 3, for a name torch does not know)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from reliability_support import small_corpus
from seed_runs import assert_clean, cli, stderr_lines


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return small_corpus(tmp_path / "content")


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_cuda_without_cuda_is_exit_2(corpus: Path) -> None:
    result = cli([corpus, "--nli", "none", "--no-cache", "--device", "cuda"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        "check: device 'cuda' was requested but CUDA is not available here; use --device cpu"
    ]


def test_a_device_torch_does_not_know_is_exit_2(corpus: Path) -> None:
    result = cli([corpus, "--nli", "none", "--no-cache", "--device", "gpu0"])
    assert_clean(result, 2)
    assert stderr_lines(result) == [
        "check: device 'gpu0' is not a torch device; use cpu, cuda, cuda:N or auto"
    ]


def test_both_commands_take_the_option() -> None:
    for command in (["run"], ["pairs"]):
        result = cli([*command, "--help"])
        assert_clean(result, 0)
        assert "--device" in result.stdout
