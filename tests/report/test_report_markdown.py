"""The pull-request comment: rendered with a CommonMark parser (markdown-it-py, tables on, raw HTML
allowed as on GitHub before its sanitiser) and read back as HTML."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from checker.report import render
from checker.report.markdown import code_span, escape_inline, prose, render_markdown
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


def test_summary_table_lists_severity_what_and_where(seed_report: Report) -> None:
    tree = _html(render(seed_report, "markdown"))
    assert tree.text_of("th") == ["#", "Severity", "What", "Where"]
    cells = tree.text_of("td")
    assert cells[:4] == ["1", "🔴 high", "Names disagree", "seeds/000_1227f8ae13c2544c.txt:1 and 1 more"]
    assert cells[4:8] == ["2", "🟠 medium", "Dates disagree", "seeds/002_705fd37aea0d53b1.txt:1 and 1 more"]


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


def test_each_finding_says_in_plain_words_what_disagrees_and_which_side_is_wrong(seed_report: Report) -> None:
    markdown = render(seed_report, "markdown")
    paragraphs = _html(markdown).text_of("p")
    assert (
        "The headline of 000_1227f8ae13c2544c.txt names Khomeini as the sender of the letter; "
        "1 claim in the same article names Khamenei, and Khomeini died in 1989." in paragraphs
    )
    assert "000\\_1227" not in markdown  # an underscore inside a word needs no escape
    assert "headline · seeds/000_1227f8ae13c2544c.txt:1 · probably wrong" in paragraphs


def test_judges_words_keep_english_order_around_arabic_names(seed_report: Report) -> None:
    items = _html(render(seed_report, "markdown")).text_of("li")
    assert (
        f"entity 0.93: The headline names {RLI}الخميني{PDI} (Khomeini, died 1989) as the sender; "
        f"the body names {RLI}خامنئي{PDI}." in items
    )


def test_a_figure_ledger_is_a_table_of_values(ledger_report: Report) -> None:
    tree = _html(render(ledger_report, "markdown"))
    assert tree.text_of("th")[-6:] == ["Value", "Articles", "Given as", "Reported", "Outlets", ""]
    rows = tree.text_of("td")[-18:]
    assert rows[:6] == ["14", "1", "exact", "08:00", "outlet-a", "probably wrong"]
    assert rows[6:9] == ["19", "3", "exact, updated"] and rows[11] == "latest, official"


def test_numbers_and_paths_are_not_over_escaped(seed_report: Report) -> None:
    finding = seed_report.findings[1]
    verdict = replace(finding.evidence[1], explanation="NLI: contradiction 0.97 (a→b), 0.48 (b→a)")
    report = replace(seed_report, findings=(replace(finding, evidence=(finding.evidence[0], verdict)),))
    markdown = render(report, "markdown")
    assert "contradiction 0.97 (a→b), 0.48 (b→a)" in markdown
    assert "\\." not in markdown.replace("1\\. ", "")


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
        "Markup in <b>explanations</b> | is *text* too, [x](javascript:alert(1))" in item
        for item in tree.text_of("li")
    )
    assert any("a|b<script>.txt" in item for item in tree.text_of("li"))


def test_escaping_covers_what_could_open_markdown_and_no_more() -> None:
    assert escape_inline("*a* _b_ `c` [d](e) <f> #g |h| ~i~ &j; file_name 0.97") == (
        r"\*a\* \_b\_ \`c\` \[d\](e) \<f\> #g \|h\| \~i\~ \&j; file_name 0.97"
    )
    assert escape_inline("line\n\n- item") == "line - item"
    # at the start of a paragraph, what would make a heading or a list is escaped too
    assert [prose(t) for t in ("# title", "- item", "+ item", "1. one", "0.97 says")] == [
        r"\# title",
        r"\- item",
        r"\+ item",
        r"1\. one",
        r"0\.97 says",
    ]


def test_code_span_survives_backticks() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"


def test_a_pipe_in_a_path_stays_in_its_table_cell(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    claims = tuple(replace(c, document="news|2024/خبر.txt") for c in entity.claims)
    report = replace(seed_report, findings=(replace(entity, claims=claims),))
    cells = _html(render(report, "markdown")).text_of("td")
    assert cells == ["1", "🔴 high", "Names disagree", "news|2024/خبر.txt:1 and 1 more"]


def test_long_reports_fit_a_github_comment(seed_report: Report) -> None:
    many = replace(seed_report, findings=seed_report.findings * 200)
    out = render_markdown(many)
    assert len(out) <= 65_000
    assert "more finding(s) not shown" in out
    tiny = render_markdown(seed_report, max_chars=600)
    assert "_… 2 more finding(s) not shown" in tiny
    full = render_markdown(seed_report)
    second = full.index("### 2.")  # room for the head and the first section, not the second
    one = render_markdown(seed_report, max_chars=second + 400)
    assert (
        "### 1. 🔴 high · Names disagree" in one
        and "### 2." not in one
        and "_… 1 more finding(s) not shown" in one
    )
