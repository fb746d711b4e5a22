"""Where the headline, the dateline and the site furniture are in an article's text.

Scraped news carries more than the article: section names and kickers above
the headline (``الخليج والعالم``), the headline repeated under the dateline,
"related" link lists (``• ...``), "read more in: <section>" and "chosen for you"
labels at the bottom. None of it is a claim. It is recognised here by its
*shape* and *position*, never by a list of known strings:

* the **top block** is every line before the first paragraph (running text);
  the headline is the first headline-shaped line there of five words or more
  (else the longest); what stands above it is kicker or section furniture;
* a **bare date** line is a dateline (its date dates the document) and furniture;
* a **bullet** line without sentence punctuation, and the indented lines that
  continue it, is a related link;
* a **label** line (``X:`` alone, or ``X في: Y`` with a short tail) is navigation;
* a line equal, once normalised, to the headline, or, in the top block or
  beside other furniture, a near copy of it, is a headline repeat. A near copy
  in the middle of the body is *kept*: a subheading that restates the headline
  with one name changed is exactly what the checker must see;
* the **trailing block** after the last paragraph: short unpunctuated lines are
  furniture, and so is every headline-shaped line after the first of them
  (a "chosen for you" label followed by related titles);
* a line of one or two words without punctuation in the body is a fragment
  (a share button, an ad label).

Markdown adds its own structure: YAML front matter (title and date are read
from it), ``# `` headings (the first level-1 heading is the headline), code
fences, rules and image lines, which are furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import yaml

from checker.ingest.dates import FoundDate, find_date, is_bare_date
from checker.text.lines import (
    Line,
    ends_sentence,
    is_breadcrumb,
    is_bullet,
    is_headline_shaped,
    is_paragraph,
    label_colon,
    last_mark,
    markdown_content,
    markdown_heading_level,
    split_lines,
)
from checker.text.normalize import normalize_for_matching
from checker.text.tokens import count_words, words
from checker.types import Span

Markup = Literal["text", "markdown"]

# Prepositions that end a navigation label ("إقرأ المزيد في:", "بیشتر در:", "more in:").
# A closed grammatical class, not a list of site strings.
_LABEL_PREPOSITIONS = frozenset(
    normalize_for_matching(w) for w in "في من على عن الى إلى ل در از به برای in on from at to of".split()
)
_TRAILING_MAX_WORDS = 6
_DATELINE_PREFIX_CHARS = 80  # a dateline opening the first paragraph: "طهران - 30 ديسمبر 2019 -"


@dataclass(frozen=True)
class Layout:
    headline: Span | None
    furniture: tuple[Span, ...]  # whole lines (content only), in source order
    reasons: tuple[tuple[int, str], ...]  # (line number, why it is furniture), for reports and tests
    dateline: FoundDate | None  # offsets into the source
    front_matter: Mapping[str, object] = field(default_factory=dict)


def _key(text: str) -> str:
    """Comparison key of a line: normalised words only (no bullets, quotes or punctuation)."""
    return " ".join(words(normalize_for_matching(text)))


def _near_copy(a: str, b: str) -> bool:
    """Two short lines saying nearly the same words: one extends or truncates the other.

    Both must share their first four words and most of the shorter line's words.
    """
    wa, wb = _key(a).split(), _key(b).split()
    if min(len(wa), len(wb)) < 4 or wa[:4] != wb[:4]:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    shared = sum(1 for w in shorter if w in set(longer))
    return shared / len(shorter) >= 0.75


class _Marks:
    """Furniture found so far, by line number."""

    def __init__(self) -> None:
        self.reason: dict[int, str] = {}

    def add(self, line: Line, why: str) -> None:
        self.reason.setdefault(line.number, why)

    def __contains__(self, line: Line) -> bool:
        return line.number in self.reason


def _content_text(source: str, line: Line, markup: Markup) -> str:
    a, b = markdown_content(line) if markup == "markdown" else line.content
    return source[a:b]


def _markdown_pass(lines: list[Line], marks: _Marks) -> tuple[Mapping[str, object], Line | None]:
    """Front matter, code, rules and images; returns the front matter and its title line."""
    front: Mapping[str, object] = {}
    title_line: Line | None = None
    if lines and lines[0].stripped == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].stripped in ("---", "...")), None)
        if close is not None:
            block = lines[: close + 1]
            for line in block:
                marks.add(line, "front matter")
            try:
                loaded = yaml.safe_load("\n".join(line.text for line in block[1:-1]))
            except yaml.YAMLError:
                loaded = None
            if isinstance(loaded, dict):
                front = {str(k): v for k, v in loaded.items()}
                title_line = next((ln for ln in block[1:-1] if re.match(r"\s*title\s*:", ln.text)), None)
    in_fence = False
    for line in lines:
        s = line.stripped
        if s.startswith(("```", "~~~")):
            marks.add(line, "code")
            in_fence = not in_fence
            continue
        if in_fence:
            marks.add(line, "code")
        elif re.fullmatch(r"(?:[-*_]\s*){3,}", s) and line not in marks:
            marks.add(line, "rule")
        elif re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", s) or (s.startswith("<!--") and s.endswith("-->")):
            marks.add(line, "image or comment")
        elif re.fullmatch(r"(?:[-*+]\s+)?\[[^\]]*\]\([^)]*\)", s):
            marks.add(line, "link")
    return front, title_line


def _front_matter_title_span(source: str, line: Line) -> Span | None:
    m = re.match(r"\s*title\s*:\s*(['\"]?)(.*?)\1\s*$", line.text)
    if not m or not m.group(2).strip():
        return None
    a = line.start + m.start(2)
    return Span(a, a + len(m.group(2)), line.number)


def _is_navigation_label(text: str) -> bool:
    """``إقرأ المزيد في: الخليج والعالم``, ``اقرأ أيضا:``, ``Related:``."""
    parts = label_colon(text)
    if parts is None:
        return False
    label, tail = parts
    label_words = words(normalize_for_matching(label))
    if not label_words or len(label_words) > 4:
        return False
    if not tail:
        return True  # a bare label introducing what follows
    if ends_sentence(tail) or count_words(tail) > 5:
        return False
    return label_words[-1] in _LABEL_PREPOSITIONS


def _is_bare_label(text: str) -> bool:
    """A line of one to three words without punctuation, over a list: ``اقرأ أيضًا``, ``مطالب مرتبط``."""
    return 1 <= count_words(text) <= 3 and not ends_sentence(text) and last_mark(text) not in ".:،,"


def _mark_related_run(
    following: list[Line], text_of: Callable[[Line], str], marks: _Marks, *, minimum: int
) -> bool:
    """Mark the headline-shaped lines right under a label as related links, when there are at least
    ``minimum`` of them (a label alone over one short line may be a subheading over its paragraph)."""
    run: list[Line] = []
    for line in following:
        if not is_headline_shaped(text_of(line)):
            break
        run.append(line)
    if len(run) < minimum:
        return False
    for line in run:
        marks.add(line, "related link")
    return True


def analyse(
    source: str,
    *,
    markup: Markup = "text",
    headline: Span | None = None,
) -> Layout:
    """Find the headline, dateline and furniture of one article's text.

    Args:
        source: the decoded text all offsets refer to.
        markup: ``"markdown"`` also reads headings, front matter and code fences.
        headline: a headline already known (HTML ``<title>``, a JSON ``title``
            field placed at the top of the source); when given it is not searched for.
    """
    lines = split_lines(source)
    marks = _Marks()
    front: Mapping[str, object] = {}
    md_title_span: Span | None = None
    if markup == "markdown":
        front, title_line = _markdown_pass(lines, marks)
        if title_line is not None:
            md_title_span = _front_matter_title_span(source, title_line)

    live = [ln for ln in lines if not ln.blank and ln not in marks]

    def text_of(line: Line) -> str:
        return _content_text(source, line, markup)

    def is_heading(line: Line) -> bool:
        return markup == "markdown" and markdown_heading_level(line.text) > 0

    # Line-level furniture, wherever it stands.
    seen_paragraph = False
    for i, line in enumerate(live):
        text = line.stripped
        if is_bare_date(text):
            marks.add(line, "date")
        elif is_breadcrumb(text):
            marks.add(line, "breadcrumb")
        elif markup == "text" and is_bullet(text) and not ends_sentence(text):
            marks.add(line, "related link")
            item_end = line
            for follower in live[i + 1 :]:
                # an indented line right under a bullet continues its item
                if follower.number != item_end.number + 1 or follower.indent == 0 or is_bullet(follower.text):
                    break
                marks.add(follower, "related link")
                item_end = follower
        elif _is_navigation_label(text):
            marks.add(line, "label")
            parts = label_colon(text)
            if parts and not parts[1]:
                _mark_related_run(live[i + 1 :], text_of, marks, minimum=1)
        elif (
            seen_paragraph  # above the first paragraph a short line is a kicker over the headline
            and _is_bare_label(text)
            and _mark_related_run(live[i + 1 :], text_of, marks, minimum=2)
        ):
            marks.add(line, "label")
        seen_paragraph = seen_paragraph or is_paragraph(text_of(line))

    nonblank = [ln for ln in lines if not ln.blank]
    live = [ln for ln in live if ln not in marks]
    paragraphs = [i for i, ln in enumerate(live) if not is_heading(ln) and is_paragraph(text_of(ln))]
    first_par = paragraphs[0] if paragraphs else len(live)
    top = live[:first_par]

    head_span = headline
    if head_span is None and markup == "markdown":
        h1 = next((ln for ln in live if markdown_heading_level(ln.text) == 1), None)
        if h1 is not None:
            a, b = markdown_content(h1)
            head_span = Span(a, b, h1.number) if b > a else None
        else:
            head_span = md_title_span
    if head_span is None:
        head_span = _choose_headline(top, text_of, markup)

    # Above the headline: kickers and section names. With no headline, only the
    # fragments too short to be anything else.
    for ln in top:
        if head_span is not None and ln.number < head_span.line:
            marks.add(ln, "kicker or section")
        elif head_span is None and count_words(text_of(ln)) < 3:
            marks.add(ln, "kicker or section")

    # Copies of the headline.
    if head_span is not None:
        head_text = source[head_span.start : head_span.end]
        head_key = _key(head_text)
        top_numbers = {ln.number for ln in top}
        for ln in live:
            if ln.number == head_span.line or ln in marks:
                continue
            text = text_of(ln)
            if _key(text) == head_key:
                marks.add(ln, "headline repeat")
            elif is_headline_shaped(text) and _near_copy(text, head_text):
                beside_furniture = (ln.number - 1) in marks.reason or (ln.number + 1) in marks.reason
                if ln.number in top_numbers or beside_furniture:
                    marks.add(ln, "headline repeat")

    # A short line repeated right under a furniture line.
    for before, after in zip(nonblank, nonblank[1:], strict=False):
        if after in marks or before not in marks or not is_headline_shaped(text_of(after)):
            continue
        a_text, b_text = text_of(before), text_of(after)
        if _key(a_text) == _key(b_text) or _near_copy(a_text, b_text):
            marks.add(after, "repeat")

    # The trailing block, after the last paragraph.
    if paragraphs:
        last_par_line = live[paragraphs[-1]].number
        trailing_started = False
        for ln in nonblank:
            if ln.number <= last_par_line:
                continue
            if ln in marks:
                trailing_started = True
                continue
            text = text_of(ln)
            if markup == "markdown" and (is_heading(ln) or ln.content != markdown_content(ln)):
                continue  # headings, list items and quotes are the author's structure
            short = count_words(text) <= _TRAILING_MAX_WORDS and not ends_sentence(text)
            if short or (trailing_started and is_headline_shaped(text)):
                marks.add(ln, "trailing")
                trailing_started = True

    # Fragments in the body.
    for ln in live:
        if ln in marks or (head_span is not None and ln.number == head_span.line):
            continue
        text = text_of(ln)
        if count_words(text) < 3 and not ends_sentence(text) and not is_heading(ln):
            marks.add(ln, "fragment")

    dateline = _find_dateline(lines, marks, top, live, first_par, head_span)
    if head_span is not None:
        # the headline's own line is never furniture (a Markdown front-matter
        # "title:" line, a given title that happens to look like a label)
        marks.reason.pop(head_span.line, None)
    furniture: list[Span] = []
    for ln in lines:
        if ln.number in marks.reason:
            a, b = ln.content
            if b > a:
                furniture.append(Span(a, b, ln.number))
    reasons = tuple(sorted(marks.reason.items()))
    return Layout(head_span, tuple(furniture), reasons, dateline, front)


def _choose_headline(top: list[Line], text_of: Callable[[Line], str], markup: Markup) -> Span | None:
    """The first headline-shaped line of five words or more in the top block, else the
    longest one (the later one on a tie: kickers come first)."""
    shaped = [ln for ln in top if is_headline_shaped(text_of(ln))]
    if not shaped:
        return None
    long_enough = [ln for ln in shaped if count_words(text_of(ln)) >= 5]
    if long_enough:
        chosen = long_enough[0]
    else:
        chosen = max(reversed(shaped), key=lambda ln: count_words(text_of(ln)))
    a, b = markdown_content(chosen) if markup == "markdown" else chosen.content
    return Span(a, b, chosen.number)


def _find_dateline(
    lines: list[Line],
    marks: _Marks,
    top: list[Line],
    live: list[Line],
    first_par: int,
    head_span: Span | None,
) -> FoundDate | None:
    """The document date written near the top: a bare date line in the top block or
    right under the headline, or a date opening the first paragraph; a bare date
    line at the very bottom as a last resort."""
    first_body = live[first_par] if first_par < len(live) else None
    limit = first_body.number if first_body else (lines[-1].number + 1)
    date_lines = [ln for ln in lines if marks.reason.get(ln.number) == "date"]
    for ln in date_lines:
        if ln.number < limit:
            return _shift(find_date(ln.text), ln.start)
    for ln in top:
        if head_span is not None and ln.number == head_span.line:
            continue
        found = find_date(ln.text)
        if found:
            return _shift(found, ln.start)
    if first_body is not None:
        found = find_date(first_body.text[:_DATELINE_PREFIX_CHARS])
        if found:
            return _shift(found, first_body.start)
    if date_lines:
        return _shift(find_date(date_lines[-1].text), date_lines[-1].start)
    return None


def _shift(found: FoundDate | None, offset: int) -> FoundDate | None:
    if found is None:
        return None
    return FoundDate(found.date, found.start + offset, found.end + offset, found.calendar)
