"""The five seed articles: headlines, dates, languages and furniture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.config import Config
from checker.ingest import read_documents
from checker.types import Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    docs, skipped = read_documents([SEEDS], Config())
    assert skipped == []
    return {Path(d.path).name: d for d in docs}


def _headline(doc: Document) -> str | None:
    return doc.source[doc.headline.start : doc.headline.end] if doc.headline else None


def test_paths_are_as_given_joined_with_the_file_and_sorted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    docs, _ = read_documents(["seeds"], Config())
    assert [d.path for d in docs] == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]
    docs, _ = read_documents(["seeds/"], Config())
    assert docs[0].path == "seeds/000_1227f8ae13c2544c.txt"
    docs, _ = read_documents([Path("seeds/003_a2d14a08bef2f986.txt")], Config())
    assert [d.path for d in docs] == ["seeds/003_a2d14a08bef2f986.txt"]


@pytest.mark.parametrize(
    ("name", "line", "headline"),
    [
        ("000_1227f8ae13c2544c.txt", 1, "موسكو.. بوتين يتلقى رسالة من الخميني"),
        (
            "001_42ba45faf81212f0.txt",
            1,
            "قاليباف يسلم رسالة السيد خامنئي إلى بوتين ويعد بفصل جديد من العلاقات",
        ),
        (
            "003_a2d14a08bef2f986.txt",
            1,
            "قالیباف: وجود ایران قوی به نفع روسیه است، وجود روسیه مقتدر نیز به نفع ایران است",
        ),
        # section name and kicker above it are skipped
        ("004_5ea9a0b754be6861.txt", 5, "رئيسي وبوتين يؤكدان على تطوير العلاقات الاستراتيجية بين بلديهما"),
    ],
)
def test_headlines(seeds: dict[str, Document], name: str, line: int, headline: str) -> None:
    doc = seeds[name]
    assert _headline(doc) == headline
    assert doc.headline is not None and doc.headline.line == line
    assert doc.title == headline


def test_seed_002_has_no_headline_line(seeds: dict[str, Document]) -> None:
    # the file opens with the lead paragraph; its only headline-shaped line (a
    # pull-quote after the lead) is a subheading, not the headline
    assert seeds["002_705fd37aea0d53b1.txt"].headline is None


def test_dates(seeds: dict[str, Document]) -> None:
    doc = seeds["004_5ea9a0b754be6861.txt"]
    assert doc.date == dt.date(2022, 1, 19)
    assert doc.date_origin == "dateline"
    for name, other in seeds.items():
        if name != doc.path.split("/")[-1]:
            assert other.date is None, name  # no dateline written in the other four


def test_languages_and_encodings(seeds: dict[str, Document]) -> None:
    assert {n: d.lang for n, d in seeds.items()} == {
        "000_1227f8ae13c2544c.txt": "ar",
        "001_42ba45faf81212f0.txt": "ar",
        "002_705fd37aea0d53b1.txt": "ar",
        "003_a2d14a08bef2f986.txt": "fa",
        "004_5ea9a0b754be6861.txt": "ar",
    }
    assert {d.encoding for d in seeds.values()} == {"utf-8"}


def _furniture_lines(doc: Document) -> dict[int, str]:
    return {s.line: doc.source[s.start : s.end] for s in doc.furniture}


def test_furniture_of_seed_001(seeds: dict[str, Document]) -> None:
    lines = _furniture_lines(seeds["001_42ba45faf81212f0.txt"])
    assert sorted(lines) == [5, 6, 20]
    assert lines[5].startswith("• قاليباف")  # related link
    assert lines[6].endswith('"الدوما"')  # its continuation, repeating the headline's words
    assert lines[20] == "اخترنا لك"  # trailing label


def test_furniture_of_seed_004(seeds: dict[str, Document]) -> None:
    lines = _furniture_lines(seeds["004_5ea9a0b754be6861.txt"])
    assert sorted(lines) == [1, 3, 6, 8, 30]
    assert lines[6] == "19/01/2022"  # bare dateline
    assert lines[8] == _headline(seeds["004_5ea9a0b754be6861.txt"])  # headline repeated under it
    assert lines[30] == "إقرأ المزيد في: الخليج والعالم"


@pytest.mark.parametrize(
    "name", ["000_1227f8ae13c2544c.txt", "002_705fd37aea0d53b1.txt", "003_a2d14a08bef2f986.txt"]
)
def test_seeds_without_furniture(seeds: dict[str, Document], name: str) -> None:
    assert seeds[name].furniture == ()


def test_furniture_spans_are_verbatim_whole_lines(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        lines = doc.source.split("\n")
        for span in doc.furniture:
            assert doc.source[span.start : span.end] == lines[span.line - 1].strip()
