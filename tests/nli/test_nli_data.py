"""The labelled dev/train splits are read with a real CSV parser and mapped onto NLI labels."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.errors import ReadError
from checker.nli.data import LABELS, load_split


def test_ans_dev_labels_map_onto_nli_names() -> None:
    dev = load_split("ans", "dev")
    assert len(dev) == 755
    assert Counter(e.label for e in dev) == {"contradiction": 471, "entailment": 268, "neutral": 16}
    assert {e.lang for e in dev} == {"ar"}
    # fields with commas survive: the CSV is parsed, not split on ","
    assert any("," in e.premise or "," in e.hypothesis or "،" in e.premise for e in dev)


def test_farstail_val_is_read_whole_with_quotes_in_fields() -> None:
    val = load_split("farstail", "dev")
    assert len(val) == 1537
    assert set(Counter(e.label for e in val)) == set(LABELS)
    assert any('"' in e.premise or '"' in e.hypothesis for e in val)


def test_missing_data_dir_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot open"):
        load_split("ans", "train", data_dir=tmp_path)


def test_unknown_label_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "ans").mkdir()
    (tmp_path / "ans" / "stance_dev.csv").write_text(
        "s1,s2,stance\nأ ب,ج د,agree\nأ ب,ج د,maybe\n", encoding="utf-8"
    )
    with pytest.raises(ReadError, match="line 3: unknown label 'maybe'"):
        load_split("ans", "dev", data_dir=tmp_path)
