"""The HTML report, read as text and opened in headless Chromium (through chromedriver)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from report_browser import Browser

from checker.report import render
from checker.types import Finding, Report

TITLE = "news-checker report"


def _open(browser: Browser, report: Report, folder: Path, name: str) -> None:
    page = folder / name
    page.write_text(render(report, "html"), encoding="utf-8")
    browser.open(page.as_uri())


def _by_severity(report: Report) -> list[Finding]:
    return sorted(report.findings, key=lambda f: -f.severity.rank)


def test_page_is_self_contained_with_a_hash_based_csp(seed_report: Report) -> None:
    page = render(seed_report, "html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert len(scripts) == 1 and len(styles) == 1
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    for source, directive in ((scripts[0], "script-src"), (styles[0], "style-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)


def test_article_markup_is_escaped_in_the_page_text(hostile_report: Report) -> None:
    page = render(hostile_report, "html")
    assert "<script>document.title" not in page
    assert "<img" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page


def test_claim_blocks_are_right_to_left_in_the_browser(
    browser: Browser, seed_report: Report, tmp_path: Path
) -> None:
    _open(browser, seed_report, tmp_path, "seed.html")
    assert browser.title() == TITLE
    blocks = browser.run(
        """return Array.from(document.querySelectorAll('article.card blockquote.text')).map(function (b) {
             return {dir: b.getAttribute('dir'), lang: b.getAttribute('lang'),
                     computed: getComputedStyle(b).direction, text: b.textContent};
           });"""
    )
    claims = [c for f in _by_severity(seed_report) for c in f.claims]
    assert [b["text"] for b in blocks] == [c.text for c in claims]
    assert [(b["dir"], b["computed"]) for b in blocks] == [("rtl", "rtl")] * 4
    assert [b["lang"] for b in blocks] == ["ar", "ar", "ar", "fa"]
    # the file:line labels stay left to right
    assert browser.run("return getComputedStyle(document.querySelector('.claim .loc')).direction;") == "ltr"


def test_marks_hold_exactly_the_conflicting_words(
    browser: Browser, seed_report: Report, tmp_path: Path
) -> None:
    _open(browser, seed_report, tmp_path, "marks.html")
    marks = browser.run(
        """return Array.from(document.querySelectorAll('article.card')).map(function (card) {
             return Array.from(card.querySelectorAll('blockquote.text')).map(function (b) {
               return Array.from(b.querySelectorAll('mark')).map(function (m) { return m.textContent; });
             });
           });"""
    )
    assert marks == [[["الخميني"], ["خامنئي"]], [["مساء أول من أمس"], ["شب گذشته"]]]
    # the inline style sheet was allowed by the CSP: marks get their colour
    background = browser.run("return getComputedStyle(document.querySelector('mark')).backgroundColor;")
    assert background == "rgb(255, 224, 138)"


def _visible_kinds(browser: Browser) -> list[str]:
    return browser.run(
        """return Array.from(document.querySelectorAll('article.card'))
             .filter(function (c) { return getComputedStyle(c).display !== 'none'; })
             .map(function (c) { return c.dataset.kind; });"""
    )


def test_filters_hide_and_show_cards(browser: Browser, seed_report: Report, tmp_path: Path) -> None:
    _open(browser, seed_report, tmp_path, "filters.html")
    shown = "return document.getElementById('shown').textContent;"
    assert _visible_kinds(browser) == ["entity", "date"]
    assert browser.run(shown) == "Showing 2 of 2 findings"  # the script ran under the CSP

    browser.click("input[name=kind][value=entity]")
    assert _visible_kinds(browser) == ["date"]
    assert browser.run(shown) == "Showing 1 of 2 findings"

    browser.click("input[name=severity][value=medium]")
    assert _visible_kinds(browser) == []

    browser.click("input[name=kind][value=entity]")
    browser.click("input[name=severity][value=medium]")
    assert _visible_kinds(browser) == ["entity", "date"]
    assert browser.run(shown) == "Showing 2 of 2 findings"


def test_hostile_article_runs_nothing(browser: Browser, hostile_report: Report, tmp_path: Path) -> None:
    _open(browser, hostile_report, tmp_path, "hostile.html")
    assert browser.title() == TITLE
    counts = browser.run(
        "return {scripts: document.scripts.length, images: document.images.length,"
        " links: document.links.length, iframes: document.querySelectorAll('iframe').length};"
    )
    assert counts == {"scripts": 1, "images": 0, "links": 0, "iframes": 0}
    blocks = browser.run(
        """return Array.from(document.querySelectorAll('blockquote.text')).map(function (b) {
             return {text: b.textContent,
                     tags: Array.from(b.querySelectorAll('*')).map(function (e) { return e.tagName; }),
                     marks: Array.from(b.querySelectorAll('mark'))
                              .map(function (m) { return m.textContent; })};
           });"""
    )
    first, second = hostile_report.findings[0].claims
    assert [b["text"] for b in blocks] == [first.text, second.text]
    assert [b["tags"] for b in blocks] == [["MARK"], ["MARK"]]
    assert blocks[0]["marks"] == [first.text[3:20]]
    assert blocks[1]["marks"] == ["<img src=x"]
    sentence = browser.run("return document.querySelector('.why').textContent;")
    assert "names <img src=x;" in sentence  # the marked words, as text
    judges = browser.run("return document.querySelector('details.judges li').textContent;")
    assert judges == f"entity 0.50: {hostile_report.findings[0].explanation}"
    skipped = browser.run("return document.querySelector('#skipped li').textContent;")
    assert skipped == "a|b<script>.txt: not text: <b>binary</b>"
    assert browser.title() == TITLE


def test_each_card_opens_with_a_plain_sentence_and_the_claim_probably_wrong(seed_report: Report) -> None:
    page = render(seed_report, "html")
    assert (
        '<p class="why">The headline of 000_1227f8ae13c2544c.txt names Khomeini as the sender of the letter; '
        "1 claim in the same article names Khamenei, and Khomeini died in 1989.</p>"
    ) in page
    first_claim = page.index('<section class="claim suspect" data-position="0">')
    assert page.index('<span class="note">probably wrong</span>', first_claim) < page.index(
        "<blockquote", first_claim
    )
    assert '<span class="badge kind" title="Two claims name different people' in page


def test_a_figure_ledger_is_a_small_table(ledger_report: Report) -> None:
    page = render(ledger_report, "html")
    table = page[
        page.index('<table class="ledger">') : page.index("</table>", page.index('<table class="ledger">'))
    ]
    assert "<caption>Killed, by value</caption>" in table
    rows = re.findall(r"<tr class=\"([a-z]*)\"><td class=\"value\">([0-9.,]+)</td><td>(\d+)</td>", table)
    assert rows == [("suspect", "14", "1"), ("", "19", "3"), ("", "18", "1")]
    assert "<bdi>وزارة الصحة</bdi>" in table and "latest, official" in table


def test_many_claims_fold_away_but_stay_in_the_page(seed_report: Report) -> None:
    entity = seed_report.findings[1]
    others = tuple(replace(entity.claims[1], id=f"c{n}") for n in range(6))
    page = render(
        replace(seed_report, findings=(replace(entity, claims=(entity.claims[0], *others)),)), "html"
    )
    assert page.count('<section class="claim') == 7
    assert '<details class="more"><summary>3 more claims</summary>' in page


@pytest.mark.slow
def test_screenshot_for_a_person(browser: Browser, seed_report: Report, tmp_path: Path) -> None:
    """Leaves a PNG of the report for a person to look at (make test-slow)."""
    _open(browser, seed_report, tmp_path, "look.html")
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
