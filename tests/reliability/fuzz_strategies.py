"""Hypothesis strategies for the fuzz tests: text that looks like Arabic and Persian news and text
that only a fuzzer would write, in every format the checker reads.

* ``news_line``: a seed sentence, then mutated (bidi controls, ZWJ/ZWNJ, combining marks and
  tatweel dropped in; a number rewritten in another digit system; cut short), so that articles
  still meet their counterparts and the judges see strange text, not only the ingest.
* ``wild_line``: any Unicode a UTF-8 file can hold, weighted towards Arabic script, digits of
  every system (all of category Nd), marks, bidi controls, joiners and punctuation.
* ``article_file``: a (name, bytes) pair in one of the formats (.txt, .md, .html, .json,
  .jsonl), or bytes that are no text at all.

The examples each test runs come from the loaded hypothesis profile (tests/conftest.py):
``examples(n)`` is ``n`` under the "fast" profile of ``make test`` (the same examples every run)
and ten times that, freshly drawn, under ``make test-slow`` ("slow").
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from seed_runs import SEEDS

BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640\u0654\u0655\u0301\u20dd"
PUNCTUATION = ".،؛؟!:«»\"'()[]-–—…/%٪\u060c\u066b\u066c "
SEED_LINES = sorted(
    {
        line.strip()
        for path in sorted(SEEDS.iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) >= 3
    }
)
FIELDS = ("text", "body", "content", "title", "headline", "date", "published", "url", "source", "lang")

FUZZ_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]


def examples(n: int) -> int:
    """``n`` examples under the fast profile, scaled with the loaded profile (slow: 10 n)."""
    return max(1, n * settings().max_examples // 100)


def fuzz_settings(n: int) -> settings:
    """``examples(n)`` examples, no deadline (the machines are shared). Under the fast profile
    the examples are the same on every run (``derandomize``), so that ``make test`` never fails
    by the luck of the draw; the slow profile draws new ones each time, to find what is new."""
    fast = settings().max_examples <= 100
    return settings(
        max_examples=examples(n), deadline=None, suppress_health_check=FUZZ_HEALTH, derandomize=fast
    )


digits = st.characters(categories=["Nd"])
arabic_letters = st.characters(min_codepoint=0x0621, max_codepoint=0x064A) | st.sampled_from("پچژگکیۀ")
special = st.sampled_from(BIDI_CONTROLS + JOINERS + MARKS)


wild_char = st.one_of(
    arabic_letters,
    arabic_letters,
    digits,
    special,
    st.sampled_from(PUNCTUATION),
    st.characters(codec="utf-8"),  # no lone surrogates (utf-8 cannot encode them)
)
wild_line = st.text(alphabet=wild_char, max_size=300)


@st.composite
def number_in_any_script(draw: st.DrawFn) -> str:
    """A number written with the digits of one (random) system, maybe with separators."""
    zero = draw(st.sampled_from([0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xE50, 0xFF10, 0x1D7CE, 0x1040]))
    value = draw(st.integers(min_value=0, max_value=10**12))
    text = "".join(chr(zero + int(d)) for d in str(value))
    sep = draw(st.sampled_from(["", ",", "٬", ".", "٫"]))
    if sep and len(text) > 3 and draw(st.booleans()):
        text = text[:-3] + sep + text[-3:]
    return text


@st.composite
def news_line(draw: st.DrawFn) -> str:
    """A seed sentence with a few mutations."""
    line = draw(st.sampled_from(SEED_LINES))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        where = draw(st.integers(min_value=0, max_value=len(line)))
        kind = draw(st.sampled_from(["insert", "number", "cut", "wild"]))
        if kind == "insert":
            line = line[:where] + draw(special) + line[where:]
        elif kind == "number":
            line = line[:where] + " " + draw(number_in_any_script()) + " " + line[where:]
        elif kind == "cut":
            line = line[:where]
        else:
            line = line[:where] + draw(st.text(alphabet=wild_char, max_size=12)) + line[where:]
    return line


def article_lines(max_lines: int = 8, wild_size: int = 300) -> st.SearchStrategy[str]:
    """An article's text: seed-like lines and wild ones (each at most ``wild_size`` characters)."""
    wild = st.text(alphabet=wild_char, max_size=wild_size)
    return st.lists(
        st.one_of(news_line(), news_line(), wild, st.just("")), min_size=1, max_size=max_lines
    ).map("\n".join)


article_text = article_lines()


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.split("\n"))
    return f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article></body></html>"


# half characters: a JSON file may escape them ("\\ud800"), though no text can hold one
lone_surrogates = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2)
json_scalar = st.one_of(
    st.none(),
    st.tuples(news_line(), lone_surrogates, news_line()).map("".join),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    wild_line,
    article_text,
    st.dates().map(str),
    number_in_any_script(),
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | wild_line, inner, max_size=6)
    ),
    max_leaves=12,
)
news_record = st.fixed_dictionaries(
    {"title": news_line() | wild_line, "text": article_lines(4, 60)},
    optional={"date": json_scalar, "lang": st.sampled_from(["ar", "fa", "en", "", "xx"]), "url": wild_line},
)


@st.composite
def article_file(draw: st.DrawFn, text: st.SearchStrategy[str] = article_text) -> tuple[str, bytes]:
    """One file of any format the checker reads, or one it must skip with a reason."""
    kind = draw(st.sampled_from(["txt", "md", "html", "json", "jsonl", "cp1256", "utf16", "bytes", "record"]))
    text = draw(text)
    if kind in ("txt", "md"):
        return kind, text.encode("utf-8")
    if kind == "cp1256":
        return "txt", text.encode("cp1256", errors="ignore")
    if kind == "utf16":
        return "txt", text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"])))
    if kind == "html":
        return "html", _html(draw(news_line() | wild_line), text).encode("utf-8")
    if kind == "json":
        value = draw(news_record | json_value)
        # unescaped, a lone surrogate makes bytes that are not UTF-8 (as some broken writers do)
        return "json", json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == "jsonl":
        values = draw(st.lists(news_record | json_value, min_size=1, max_size=4))
        return "jsonl", "\n".join(json.dumps(v) for v in values).encode("utf-8")
    if kind == "record":
        return "json", json.dumps(draw(news_record), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return draw(st.sampled_from(["txt", "json", "html", "md"])), draw(st.binary(max_size=600))


file_name = st.text(
    alphabet=st.one_of(arabic_letters, st.sampled_from("abc xyz-_ ۱۲٣"), special), min_size=1, max_size=20
).map(lambda s: s.strip().replace("/", "_") or "x")


def write_files(folder: Path, files: list[tuple[str, tuple[str, bytes]]]) -> list[Path]:
    """Writes each (name, (suffix, bytes)) under ``folder``; returns the paths (names made unique)."""
    paths: list[Path] = []
    for n, (name, (suffix, data)) in enumerate(files):
        path = folder / f"{n:02d} {name}.{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths
