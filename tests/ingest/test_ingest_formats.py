"""HTML, JSON, JSONL and Markdown inputs: what the source is, and offsets into it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from checker.claims import extract_claims
from checker.config import Config
from checker.ingest import read_documents
from checker.types import Document, Role

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_001 = (SEEDS / "001_42ba45faf81212f0.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_a2d14a08bef2f986.txt").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _page(title: str, paragraphs: list[str], charset: str = "utf-8", date: str = "2021-02-08") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="ar"><head><meta charset="{charset}">
<title>{title} - الموقع الإخباري</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:30:00+03:00">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">الخليج والعالم</a></li></ul></nav>
<article><h1>{title}</h1>
{body}
</article>
<aside><h3>اخترنا لك</h3><ul><li><a href="/x">خبر آخر لا علاقة له</a></li></ul></aside>
<footer>جميع الحقوق محفوظة للموقع 2021</footer>
</body></html>"""


def _assert_verbatim(doc: Document) -> None:
    for claim in extract_claims(doc):
        assert claim.text == doc.source[claim.span.start : claim.span.end]
        assert claim.span.line == doc.source.count("\n", 0, claim.span.start) + 1


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    lines = _paragraphs(SEED_001)
    title, body = lines[0], [ln for ln in lines[1:] if not ln.lstrip().startswith(("•", "قاليباف يسلم"))][:-1]
    (tmp_path / "page.html").write_text(_page(title, body), encoding="utf-8")
    (doc,), skipped = read_documents([tmp_path / "page.html"], Config())
    assert skipped == []
    assert doc.headline is not None and doc.source[doc.headline.start : doc.headline.end] == title
    assert doc.headline.line == 1
    assert doc.date == dt.date(2021, 2, 8) and doc.date_origin == "metadata"
    assert doc.lang == "ar"
    assert "الرئيسية" not in doc.source and "جميع الحقوق" not in doc.source  # menus and footer left out
    assert body[0] in doc.source and body[-1] in doc.source
    claims = extract_claims(doc)
    assert claims[0].role is Role.HEADLINE and claims[0].text == title
    assert any("1.3 مليار دولار" in c.text for c in claims)
    _assert_verbatim(doc)


def test_html_in_windows_1256_with_declared_charset(tmp_path: Path) -> None:
    lines = _paragraphs(SEED_001)
    page = _page(lines[0], [lines[1], lines[4]], charset="windows-1256")
    (tmp_path / "old.htm").write_bytes(page.encode("cp1256"))
    (doc,), skipped = read_documents([tmp_path / "old.htm"], Config())
    assert skipped == []
    assert doc.encoding == "cp1256"
    assert lines[1] in doc.source


def test_jsonl_records_paths_fields_and_offsets(tmp_path: Path) -> None:
    lines = _paragraphs(SEED_003)
    records = [
        {
            "title": lines[0],
            "text": "\n".join(lines[1:]),
            "date": "1400-10-19",
            "source": "اقتصاد نیوز",
            "url": "https://example.org/a",
            "lang": "fa",
        },
        {"title": "عنوان بدون متن"},
        {"headline": "بوتين يستقبل رئيسي في الكرملين", "body": SEED_001.split("\n")[2], "date": "19/01/2022"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    docs, skipped = read_documents([path], Config())
    assert [d.path for d in docs] == [f"{path}#1", f"{path}#3"]
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{path}#2", "no text field ('text', 'body' or 'content'); its fields: 'title'")
    ]
    first, third = docs
    # source: title, blank line, text; offsets and lines count from the title line
    assert first.source == lines[0] + "\n\n" + "\n".join(lines[1:])
    assert first.headline is not None and first.headline.start == 0 and first.headline.line == 1
    assert first.outlet == "اقتصاد نیوز" and first.url == "https://example.org/a" and first.lang == "fa"
    assert first.date == dt.date(2022, 1, 9)  # 1400-10-19 in the Solar Hijri calendar
    assert third.date == dt.date(2022, 1, 19) and third.date_origin == "metadata"
    assert third.title == "بوتين يستقبل رئيسي في الكرملين"
    subheadings = [c.text for c in extract_claims(first) if c.role is Role.SUBHEADING]
    assert subheadings == [
        "دیدار با نماینده ویژه پوتین",
        "پیام آیت ا... خامنه ای را به دست آقای پوتین خواهم رساند",
    ]
    for doc in docs:
        _assert_verbatim(doc)


def test_json_text_starting_with_its_title_is_not_doubled(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"title": "  " + SEED_001.split("\n")[0], "text": SEED_001}, ensure_ascii=False)
    )
    (doc,), _ = read_documents([path], Config())
    assert doc.path == str(path)
    assert doc.source == SEED_001.strip("\n")
    assert doc.headline is not None and doc.headline.start == 0


def test_json_list_and_invalid_record(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": SEED_001}, "oops"], ensure_ascii=False))
    docs, skipped = read_documents([path], Config())
    assert [d.path for d in docs] == [f"{path}#1"]
    assert [s.path for s in skipped] == [f"{path}#2"]


def test_jsonl_invalid_line_loses_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps(
        {"title": "عنوان الخبر الأول هنا", "text": "نص الخبر الأول كامل هنا."}, ensure_ascii=False
    )
    path.write_text(good + '\n{"title": \n' + good + "\n", encoding="utf-8")
    docs, skipped = read_documents([path], Config())
    assert [d.path for d in docs] == [f"{path}#1", f"{path}#3"]
    assert skipped[0].path == f"{path}#2"
    assert skipped[0].reason.startswith("invalid JSON (line 2, column")


def test_markdown_front_matter_headings_and_markers(tmp_path: Path) -> None:
    text = (
        "---\ntitle: رسالة خامنئي\ndate: 2022-01-19\n---\n\n"
        "# قاليباف يسلم رسالة خامنئي إلى بوتين\n\n"
        "## لقاء في موسكو مع فولودين\n\n"
        "وصل قاليباف إلى موسكو مساء أمس الأحد على رأس وفد برلماني. وقال إن العلاقات جيدة.\n\n"
        "- بلغ حجم التبادل التجاري نحو 1.3 مليار دولار\n"
        "> العلاقات بين طهران وموسكو لن تتغير\n\n"
        "```\ncode block that is not a claim at all\n```\n"
    )
    path = tmp_path / "note.md"
    path.write_text(text, encoding="utf-8")
    (doc,), _ = read_documents([path], Config())
    assert doc.date == dt.date(2022, 1, 19) and doc.date_origin == "metadata"
    assert doc.headline is not None
    assert doc.source[doc.headline.start : doc.headline.end] == "قاليباف يسلم رسالة خامنئي إلى بوتين"
    roles = [(c.role, c.text) for c in extract_claims(doc)]
    assert roles == [
        (Role.HEADLINE, "قاليباف يسلم رسالة خامنئي إلى بوتين"),
        (Role.SUBHEADING, "لقاء في موسكو مع فولودين"),
        (Role.BODY, "وصل قاليباف إلى موسكو مساء أمس الأحد على رأس وفد برلماني."),
        (Role.BODY, "وقال إن العلاقات جيدة."),
        (Role.BODY, "بلغ حجم التبادل التجاري نحو 1.3 مليار دولار"),
        (Role.QUOTE, "العلاقات بين طهران وموسكو لن تتغير"),
    ]
    _assert_verbatim(doc)


def test_markdown_without_heading_takes_the_front_matter_title(tmp_path: Path) -> None:
    path = tmp_path / "t.markdown"
    path.write_text(
        '---\ntitle: "بوتين يتلقى رسالة من خامنئي"\n---\nتسلم الرئيس الروسي رسالة من المرشد الإيراني اليوم.\n'
    )
    (doc,), _ = read_documents([path], Config())
    assert doc.headline is not None and doc.headline.line == 2
    assert doc.source[doc.headline.start : doc.headline.end] == "بوتين يتلقى رسالة من خامنئي"
