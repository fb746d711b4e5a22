"""`check pairs`: the TSV reader's errors, and scored output in file order."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ReadError
from checker.nli.data import LABELS
from checker.nli.pairs import read_pairs, score_pairs_file
from checker.nli.scorer import NLIScorer


def test_missing_file_and_wrong_header(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_pairs(tmp_path / "none.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("s1\ts2\nأ\tب\n", encoding="utf-8")
    with pytest.raises(ReadError, match="line 1: expected the header"):
        read_pairs(bad)


def test_bad_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "premise\thypothesis\nبوتين يتلقى رسالة\tرسالة إلى بوتين\nسطر بلا فاصل\n", encoding="utf-8"
    )
    with pytest.raises(ReadError, match="line 3: expected two non-empty tab-separated fields"):
        read_pairs(path)


def test_quotes_are_text(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text('premise\thypothesis\n"نقل" عن الوكالة\tقال "إن"\n', encoding="utf-8")
    assert read_pairs(path) == [('"نقل" عن الوكالة', 'قال "إن"')]


def test_scores_come_back_in_file_order(tmp_path: Path, nli: NLIScorer) -> None:
    rows = [
        ("ارتفعت أسعار النفط اليوم بنسبة ثلاثة في المئة", "انخفضت أسعار النفط اليوم بنسبة ثلاثة في المئة"),
        ("قالیباف روز دوشنبه به مسکو سفر کرد و با پوتین دیدار کرد.", "قالیباف به مسکو سفر کرد."),
        (
            "وصل رئيس البرلمان الإيراني إلى موسكو يوم الاثنين في زيارة رسمية",
            "رئيس البرلمان الإيراني يصل إلى موسكو",
        ),
    ]
    path = tmp_path / "pairs.tsv"
    path.write_text("premise\thypothesis\n" + "".join(f"{p}\t{h}\n" for p, h in rows), encoding="utf-8")
    out = list(score_pairs_file(path, nli, chunk=2))
    assert len(out) == 3
    for item, (p, h) in zip(out, rows, strict=True):
        assert set(item) == {"label", "scores"} and set(item["scores"]) == set(LABELS)
        assert item["label"] == nli.score(p, h).label
