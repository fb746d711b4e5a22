"""The real-news readers on small files written here: ids, the by-date shards, materialise."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from eval.real.data import (
    RECORD_FIELDS,
    Article,
    EgIndex,
    RealDataError,
    StancePair,
    file_name,
    iter_eg_press,
    iter_stance,
    materialise,
    materialise_stance,
    stance_documents,
    write_articles,
)
from eval.real.match import fold, has_any
from eval.real.noise import allocate

RECORDS = [
    {"title": "أ", "text": "نص أول", "date": "2013-02-14", "time": "t", "source": "A", "section": "s"},
    {"title": "ب", "text": "نص ثان", "date": "2013-02-15", "time": "t", "source": "B", "section": ""},
    {"title": "ج", "text": "نص ثالث", "date": "2013-02-14", "time": "t", "source": "B", "section": ""},
]


@pytest.fixture()
def xz_file(tmp_path: Path) -> Path:
    path = tmp_path / "eg.jsonl.xz"
    with lzma.open(path, "wt", encoding="utf-8") as f:
        for rec in RECORDS:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def test_ids_are_line_numbers(xz_file: Path) -> None:
    assert [(a.id, a.title) for a in iter_eg_press(xz_file)] == [("eg:0", "أ"), ("eg:1", "ب"), ("eg:2", "ج")]


def test_index_shards_by_date_and_keeps_ids(xz_file: Path, tmp_path: Path) -> None:
    index = EgIndex.open(xz_file, cache_root=tmp_path / "cache")
    assert index.dates() == ["2013-02-14", "2013-02-15"]
    assert index.ids_on("2013-02-14") == ["eg:0", "eg:2"]
    assert [a.text for a in index.day("2013-02-14")] == ["نص أول", "نص ثالث"]
    assert index.source_of("eg:2") == "B" and index.date_of("eg:1") == "2013-02-15"
    assert [a.id for a in index.articles(["eg:2", "eg:1"])] == ["eg:2", "eg:1"]  # the order given
    again = EgIndex.open(xz_file, cache_root=tmp_path / "cache")  # loaded, not rebuilt
    assert again.folder == index.folder and len(again) == 3
    with pytest.raises(RealDataError):
        index.articles(["eg:9"])


def test_materialise_writes_one_stable_json_file_per_article(xz_file: Path, tmp_path: Path) -> None:
    index = EgIndex.open(xz_file, cache_root=tmp_path / "cache")
    paths = materialise(["eg:1", "eg:0"], tmp_path / "out", index)
    assert [p.name for p in paths] == ["eg-1.json", "eg-0.json"]
    record = json.loads(paths[0].read_text(encoding="utf-8"))
    assert list(record) == list(RECORD_FIELDS) and record["text"] == "نص ثان"


def test_stance_rows_keep_quotes_and_become_two_documents(tmp_path: Path) -> None:
    tsv = tmp_path / "stance.tsv"
    tsv.write_text('claim\theadline\tstance\nادعا\t"ایران" بزرگ\tagree\nx\ty\tunrelated\n', encoding="utf-8")
    pairs = list(iter_stance(tsv))
    assert pairs[0] == StancePair("stance:0", "ادعا", '"ایران" بزرگ', "agree")
    claim, headline = stance_documents(pairs[0])
    assert (claim.title, claim.text) == ("", "ادعا") and headline.title == headline.text
    corpora = materialise_stance(pairs, tmp_path / "out")
    assert [c.name for c in corpora] == ["stance-0"]  # unrelated rows are left out
    assert sorted(p.name for p in corpora[0].iterdir()) == ["stance-0-claim.json", "stance-0-headline.json"]


def test_file_names_replace_the_colon(tmp_path: Path) -> None:
    assert file_name("fars:12") == "fars-12.json"
    article = Article("fars:3", "t", "x", "", "", "farsnews", "world")
    (path,) = write_articles([article], tmp_path)
    assert path.name == "fars-3.json"


def test_fold_matches_spellings_and_clitics() -> None:
    assert fold("الإسكندريّة  ٢٠١٣") == "الاسكندريه 2013"
    assert has_any(fold("ببورسعيد"), ["بورسعيد"]) and not has_any(fold("بورسعيد"), ["المنصورة"])
    assert fold("کشته شدند") == fold("كشته شدند")  # Persian keheh and yeh fold to Arabic


def test_allocate_covers_every_stratum_and_the_total() -> None:
    sizes = {"a": 100, "b": 10, "c": 1, "d": 0}
    got = allocate(sizes, 20)
    assert sum(got.values()) == 20 and set(got) == {"a", "b", "c"}
    assert got["c"] == 1 and got["a"] > got["b"] >= 1
    assert all(got[k] <= sizes[k] for k in got)
    with pytest.raises(ValueError):
        allocate(sizes, 2)
