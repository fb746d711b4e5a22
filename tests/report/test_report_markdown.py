"""The pull-request comment: rendered with a CommonMark parser (markdown-it-py, tables on, raw HTML
allowed as on GitHub before its sanitiser) and read back as HTML."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from checker.report import render
from checker.report.markdown import code_span, escape_inline, render_markdown
from checker.types import Report

markdown_it = pytest.importorskip("markdown_it")

RLI, PDI = "\u2067", "\u2069"
# Every element the report itself writes (through Markdown or as HTML).
REPORT_TAGS = frozenset(
    "h2 h3 p table thead tbody tr th td code strong blockquote b br sub details summary ul li em".split()
)


class _Tree(HTMLParser):
    """Elements (tag, attributes, text inside) in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), []))
        if tag not in {"br", "img", "hr", "input", "meta"}:
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            index = self._open.pop()
            if self.elements[index][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.elements[index][2].append(data)

    def text_of(self, tag: str) -> list[str]:
        return ["".join(parts) for name, _, parts in self.elements if name == tag]

    def tags(self) -> set[str]:
        return {name for name, _, _ in self.elements}


def _html(markdown: str) -> _Tree:
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    tree = _Tree()
    tree.feed(parser.render(markdown))
    return tree


def test_summary_table_lists_kind_severity_and_where(seed_report: Report) -> None:
    tree = _html(render(seed_report, "markdown"))
    assert tree.text_of("th") == ["#", "Kind", "Severity", "Where"]
    cells = tree.text_of("td")
    assert cells[:4] == [
        "1",
        "entity",
        "🔴 high",
        "seeds/000_1227f8ae13c2544c.txt:1 ↔ seeds/000_1227f8ae13c2544c.txt:2",
    ]
    assert cells[4:8] == [
        "2",
        "date",
        "🟠 medium",
        "seeds/002_705fd37aea0d53b1.txt:1 ↔ seeds/003_a2d14a08bef2f986.txt:2",
    ]


def test_each_claim_is_quoted_verbatim_right_to_left_with_the_conflict_in_bold(seed_report: Report) -> None:
    tree = _html(render(seed_report, "markdown"))
    quotes = [(attrs, "".join(text)) for tag, attrs, text in tree.elements if tag == "blockquote"]
    claims = [c for f in sorted(seed_report.findings, key=lambda f: -f.severity.rank) for c in f.claims]
    assert [q[1] for q in quotes] == [c.text for c in claims]
    assert [q[0] for q in quotes] == [
        {"dir": "rtl", "lang": "ar"},
        {"dir": "rtl", "lang": "ar"},
        {"dir": "rtl", "lang": "ar"},
        {"dir": "rtl", "lang": "fa"},
    ]
    assert tree.text_of("b") == ["الخميني", "خامنئي", "مساء أول من أمس", "شب گذشته"]


def test_explanations_keep_english_order_around_arabic_names(seed_report: Report) -> None:
    paragraphs = _html(render(seed_report, "markdown")).text_of("p")
    assert (
        f"The headline names {RLI}الخميني{PDI} (Khomeini, died 1989) as the sender; "
        f"the body names {RLI}خامنئي{PDI}." in paragraphs
    )


def test_article_and_explanation_markup_stays_text(hostile_report: Report) -> None:
    tree = _html(render(hostile_report, "markdown"))
    # no element came from the article, the explanation or the skipped file's name
    assert tree.tags() <= REPORT_TAGS
    assert "script" not in tree.tags() and "img" not in tree.tags() and "a" not in tree.tags()
    quotes = tree.text_of("blockquote")
    first, second = hostile_report.findings[0].claims
    assert quotes[0] == first.text
    # "@" carries a word joiner so no GitHub user is mentioned; otherwise verbatim
    assert quotes[1] == second.text.replace("@", "@\u2060")
    assert any(
        "Markup in <b>explanations</b> | is *text* too, [x](javascript:alert(1))" in p
        for p in tree.text_of("p")
    )
    assert any("a|b<script>.txt" in item for item in tree.text_of("li"))


def test_escape_inline_escapes_every_markdown_punctuation() -> None:
    assert escape_inline("*a* _b_ `c` [d](e) <f> #g |h| ~i~ &j;") == (
        r"\*a\* \_b\_ \`c\` \[d\]\(e\) \<f\> \#g \|h\| \~i\~ \&j\;"
    )
    assert escape_inline("line\n\n- item") == r"line \- item"


def test_code_span_survives_backticks() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"


def test_a_pipe_in_a_path_stays_in_its_table_cell(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    claims = tuple(replace(c, document="news|2024/خبر.txt") for c in entity.claims)
    report = replace(seed_report, findings=(replace(entity, claims=claims),))
    cells = _html(render(report, "markdown")).text_of("td")
    assert cells == ["1", "entity", "🔴 high", "news|2024/خبر.txt:1 ↔ news|2024/خبر.txt:2"]


def test_long_reports_fit_a_github_comment(seed_report: Report) -> None:
    many = replace(seed_report, findings=seed_report.findings * 200)
    out = render_markdown(many)
    assert len(out) <= 65_000
    assert "more finding(s) not shown" in out
    tiny = render_markdown(seed_report, max_chars=600)
    assert "_… 2 more finding(s) not shown" in tiny
    one = render_markdown(seed_report, max_chars=1_300)
    assert "### 1. entity" in one and "### 2." not in one and "_… 1 more finding(s) not shown" in one
