"""Quantities in Arabic and Persian news: what a number counts, in what unit, how hedged.

``extract_quantities(text, lang)`` turns every number phrase of ``text`` (see
``checker.facts.numbers``) that is not part of a date into a ``Quantity``:

* ``kind``: ``percent`` (38%, ٣٨٪, ۳۸ درصد, 38 بالمئة), ``money`` (ملياري دولار, $5, پنج میلیارد
  دلار, with the currency family narrowed by an adjective: ريال سعودي → SAR),
  ``duration`` (3 أيام, ۲۳ سال, unit day/week/month/year), ``ordinal`` (أول زيارة,
  الزيارة الثالثة, سومین سفر) or ``cardinal`` (71 عامل, with a measure unit when there
  is one: km, ton, barrel);
* ``approximate``: a hedge before or after (نحو, حوالي, قرابة, أكثر من, حدود, تقریبا,
  بیش از, about);
* ``subject``: what is counted, as language-neutral keys (``checker.facts.context``).

Years, dates and ``أول من أمس`` are times, not quantities (``checker.facts.times``);
numbers glued to Latin letters or hyphens (كوفيد-19, F-35, G20), clock times and list
markers are left out.

No library covers this; the word lists are in ``checker.facts.lexicon``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from checker.facts import lexicon
from checker.facts.context import Subject, concepts_of_word, subject_near
from checker.facts.numbers import (
    NumberMatch,
    lookup_ordinal_prefixed,
    lookup_word,
    ordinal_at,
    parse_number_at,
)
from checker.facts.phrases import PhraseTable
from checker.facts.times import find_time_parts
from checker.kb import load_kb
from checker.text.clitics import without_article
from checker.text.tokens import Token, fold, skip_letters, tokenize
from checker.types import Quantity

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


def _glued_to_code(text: str, tokens: tuple[Token, ...], m: NumberMatch) -> bool:
    """كوفيد-19, إف-35, G20, 10:30, ۱- (a list marker): a number that is a name, a label or a time."""
    first, last = tokens[m.first], tokens[m.last]
    before = text[first.start - 1] if first.start > 0 else ""
    after = text[last.end] if last.end < len(text) else ""
    if before.lower() in _LATIN or after.lower() in _LATIN:
        return True
    if before == "-" and first.start >= 2 and not text[first.start - 2].isspace():
        return True
    if after == "-" and last.end + 1 < len(text) and text[last.end + 1].isalpha():
        return True
    # "10:30" is a time of day; "الصحة:31 إصابة" (a headline's source, its colon unspaced) is a count
    clock_before = before == ":" and first.start >= 2 and text[first.start - 2].isdecimal()
    if clock_before or (after == ":" and last.end + 1 < len(text) and text[last.end + 1].isdecimal()):
        return True
    # a list marker: "۱- قوانین", "2) ..."
    if (
        after in ("-", ")")
        and m.digits
        and not m.words
        and last.end + 1 < len(text)
        and text[last.end + 1].isspace()
    ):
        return True
    return False


def _fraction_after(tokens: tuple[Token, ...], m: NumberMatch, lang: str) -> int:
    """The denominator when a Persian cardinal word stands right before an ordinal (دو سوم = 2/3)."""
    if lang == "ar" or m.digits or m.ordinal or m.last + 1 >= len(tokens):
        return 0
    if tokens[m.last + 1].norm.endswith("ين"):
        return 0  # سومین is prepositive: "دو سومین" is not a fraction
    return ordinal_at(tokens, m.last + 1, lang) or 0


def _is_half(norm: str) -> bool:
    """نصف or نیم, as the number word tables have them (either language)."""
    found = lookup_word(norm, "other", first=False)
    return found is not None and found[0].kind == "half" and not found[1]


def _and_a_half(tokens: tuple[Token, ...], k: int) -> int | None:
    """The last token of "and a half" (ونصف, و نصف, و نیم) starting at ``k``, if it is there."""
    if k < len(tokens) and tokens[k].norm.startswith("و") and _is_half(tokens[k].norm[1:]):
        return k
    if k + 1 < len(tokens) and tokens[k].norm == "و" and _is_half(tokens[k + 1].norm):
        return k + 1
    return None


def _counted_noun(tokens: tuple[Token, ...], k: int, lang: str, taken: set[int]) -> str | None:
    if k >= len(tokens) or k in taken:
        return None
    t = tokens[k]
    if not t.is_word or t.norm in lexicon.stopwords() or len(t.norm) < 2:
        return None
    if lookup_word(t.norm, lang, first=True) is not None:
        return None
    return without_article(t.norm)


@lru_cache(maxsize=1)
def _between_hedge_and_number() -> frozenset[str]:
    """Words that may stand between a hedge and its number (يتخطى حاجز الـ80)."""
    return frozenset(fold(w) for w in ("ال", "ب", "ل", "حاجز", "عتبة", "مستوى", "مرز", "سقف"))


def _hedged(tokens: tuple[Token, ...], first: int, after: int, lang: str) -> bool:
    if first > 0 and lexicon.hedges_before().match_ending_at(tokens, first - 1, lang) is not None:
        return True
    # a word or two may stand between: "حوالي الـ50", "يتخطى حاجز الـ80", "بیش از مرز ۱۰۰"
    k = first - 1
    while k > 0 and first - k <= 2 and tokens[k].norm in _between_hedge_and_number():
        k -= 1
        if lexicon.hedges_before().match_ending_at(tokens, k, lang) is not None:
            return True
    return lexicon.hedges_after().match(tokens, after, lang) is not None


def _currency_code(tokens: tuple[Token, ...], unit: lexicon.Unit, k: int, lang: str) -> tuple[str, int]:
    """Narrow a currency family by the adjective after it (ريال سعودي → SAR)."""
    table = lexicon.currency_adjectives().get(unit.unit)
    if table is not None:
        hit = table.match(tokens, k, lang)
        if hit is not None:
            return hit.value, hit.last
    return unit.unit, k - 1


@lru_cache(maxsize=4096)
def _extract(text: str, lang: str, places: PhraseTable[str]) -> tuple[Quantity, ...]:
    tokens = tokenize(text)
    n = len(tokens)
    in_time: set[int] = set()
    for p in find_time_parts(text, lang):
        in_time.update(range(p.first, p.last + 1))

    # first pass: where the numbers and ordinals are, so that subjects stop at neighbours
    spans: list[tuple[int, int, NumberMatch | None, int | None]] = []  # first, last, number, ordinal
    i = 0
    while i < n:
        if i in in_time:
            i += 1
            continue
        before_ordinal = lang != "ar" and i + 1 < n and ordinal_at(tokens, i + 1, lang) is not None
        m = parse_number_at(text, tokens, i, lang, lenient=before_ordinal)  # یک چهارم: یک is a number here
        if m is not None and not any(k in in_time for k in range(m.first, m.last + 1)):
            denominator = _fraction_after(tokens, m, lang)
            if denominator:
                # دو سوم, سه چهارم: a fraction, neither a count nor a rank
                fraction = replace(
                    m, value=m.value / denominator, last=m.last + 1, end=tokens[m.last + 1].end
                )
                spans.append((fraction.first, fraction.last, fraction, None))
                i = fraction.last + 1
                continue
            if not _glued_to_code(text, tokens, m) and m.value < 1e15:
                spans.append((m.first, m.last, m, None))
            i = m.last + 1
            continue
        o = ordinal_at(tokens, i, lang)
        prev = lookup_word(tokens[i - 1].norm, lang, first=True) if i > 0 and lang != "ar" else None
        if o is not None and not (prev is not None and prev[0].kind in ("unit", "ten", "hundred", "hmul")):
            spans.append((i, i, None, o))  # (after یک / سه it is a fraction: یک چهارم)
        i += 1

    taken = {k for a, b, _, _ in spans for k in range(a, b + 1)} | in_time
    out: list[Quantity] = []
    for idx, (first, _last, m, ordv) in enumerate(spans):
        lo = spans[idx - 1][1] + 1 if idx > 0 else None
        hi = spans[idx + 1][0] - 1 if idx + 1 < len(spans) else None
        if m is not None:
            q = _number_quantity(text, lang, tokens, m, taken, lo, hi, places)
        else:
            q = _ordinal_quantity(text, lang, tokens, first, int(ordv or 0), taken, lo, hi, places)
        if q is not None:
            out.append(q)
    return tuple(out)


def _number_quantity(
    text: str,
    lang: str,
    tokens: tuple[Token, ...],
    m: NumberMatch,
    taken: set[int],
    lo: int | None,
    hi: int | None,
    places: PhraseTable[str],
) -> Quantity | None:
    value = m.value
    if m.last > m.first and ordinal_at(tokens, m.last, lang) and not m.ordinal and not m.digits:
        noun = _counted_noun(tokens, m.last + 1, lang, taken)
        subject = subject_near(text, lang, m.first, m.last, lo=lo, hi=hi, noun=noun, places=places)
        return Quantity(
            value, m.start, m.end, text[m.start : m.end], "fraction", "cardinal", False, subject.key()
        )
    if m.ordinal:
        subject = subject_near(text, lang, m.first, m.last, lo=lo, hi=hi, places=places)
        return Quantity(value, m.start, m.end, text[m.start : m.end], None, "ordinal", False, subject.key())
    kind, unit_name = "cardinal", None
    end_tok = m.last
    # a currency sign before the number: $5, € 20
    sign = (
        lexicon.units().match(tokens, m.first - 1, lang)
        if m.first > 0 and tokens[m.first - 1].kind == "punct"
        else None
    )
    start = m.start
    if sign is not None and sign.value.kind == "money" and sign.last == m.first - 1:
        kind, unit_name = "money", sign.value.unit
        start = tokens[m.first - 1].start
    unit_hit = lexicon.units().match(tokens, m.last + 1, lang) if unit_name is None else None
    if unit_hit is not None:
        u = unit_hit.value
        end_tok = unit_hit.last
        if u.kind == "money":
            kind = "money"
            unit_name, end_tok = _currency_code(tokens, u, unit_hit.last + 1, lang)
            end_tok = max(end_tok, unit_hit.last)
        elif u.kind == "percent":
            kind, unit_name = "percent", "percent"
        elif u.kind == "duration":
            kind, unit_name = "duration", u.unit
        else:
            unit_name = u.unit
        half = _and_a_half(tokens, end_tok + 1) if m.scale is None and value == int(value) else None
        if half is not None:
            value += 0.5  # "2 طن ونصف", "۳ ساعت و نیم": the half after the unit belongs to the number
            end_tok = half
    if (
        kind == "cardinal"
        and unit_name is None
        and value <= 100
        and m.first > 0
        and lexicon.ratio_before().match_ending_at(tokens, m.first - 1, lang) is not None
    ):
        kind, unit_name = "percent", "percent"  # "بنسبة 0.4" whose sign the copy lost
    approximate = _hedged(tokens, m.first, end_tok + 1, lang)
    noun = None
    label = tokens[m.first - 1].norm if m.first > 0 else ""
    labels = lexicon.label_nouns()
    if kind == "cardinal" and unit_name is None and (label in labels or without_article(label) in labels):
        noun = without_article(label)  # "اصل ۱۱۰": article 110, whatever follows
    elif kind == "cardinal" and unit_name is None:
        noun = _counted_noun(tokens, m.last + 1, lang, taken)
        if noun is not None:
            end_tok = m.last + 1  # quote the counted noun with its number: "71 عامل"
        if noun is None and m.first > 0:
            # a label before the number: "القرار 2254", "اصل ۳۲"
            noun = _counted_noun(tokens, m.first - 1, lang, taken)
    subject = subject_near(text, lang, m.first, m.last, lo=lo, hi=hi, noun=noun, places=places)
    end = tokens[end_tok].end
    return Quantity(
        value=value,
        start=start,
        end=end,
        surface=text[start:end],
        unit=unit_name,
        kind=kind,
        approximate=approximate,
        subject=subject.key(),
    )


def _ordinal_quantity(
    text: str,
    lang: str,
    tokens: tuple[Token, ...],
    i: int,
    value: int,
    taken: set[int],
    lo: int | None,
    hi: int | None,
    places: PhraseTable[str],
) -> Quantity | None:
    tok = tokens[i]
    found = lookup_ordinal_prefixed(tok.norm, lang)
    prefix = found[1] if found else ""
    start = skip_letters(text, tok.start, len(prefix)) if prefix else tok.start
    end = tok.end
    bare = tok.norm[len(prefix) :]
    # Arabic: an ordinal without the article precedes its noun (أول زيارة, ثالث زيارة), with the
    # article it follows it (الزيارة الثالثة); Persian: -ین forms precede (سومین سفر), -م follow (سفر سوم)
    prepositive = not bare.startswith("ال") if lang == "ar" else bare.endswith("ين")
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    noun = None
    if (
        prepositive
        and nxt is not None
        and nxt.is_word
        and i + 1 not in taken
        and nxt.norm not in lexicon.stopwords()
    ):
        end = nxt.end
        noun = without_article(nxt.norm)
    noun_at = i + 1 if noun is not None else None
    if (
        noun is None
        and not prepositive
        and i > 0
        and tokens[i - 1].is_word
        and (tokens[i - 1].norm not in lexicon.stopwords())
    ):
        noun = without_article(tokens[i - 1].norm)  # الزيارة الثالثة, سفر سوم
        noun_at = i - 1
    # an ordinal ranks its own noun: the concept comes from that noun when it names one
    # (a noun that names no concept is the subject by itself: اولین واکنش ranks a reaction,
    # whatever meeting the sentence mentions)
    if noun_at is not None:
        subject = Subject(concepts_of_word(text, noun_at, lang), frozenset(), frozenset(), noun)
    else:
        subject = subject_near(text, lang, i, i, lo=lo, hi=hi, noun=noun, places=places)
    if not subject.concepts and subject.noun is None:
        return None
    return Quantity(float(value), start, end, text[start:end], None, "ordinal", False, subject.key())


def extract_quantities(text: str, lang: str, places: PhraseTable[str] | None = None) -> list[Quantity]:
    """The quantities of ``text``, in order; offsets and surfaces are verbatim slices of ``text``.

    ``places`` says whose a figure is (``checker.facts.lexicon.places`` of the run's knowledge
    base; the project's own if None).
    """
    return list(_extract(text, lang, places if places is not None else lexicon.places(load_kb())))


def subject_of(q: Quantity) -> Subject:
    """The parsed subject of a quantity (see ``checker.facts.context.Subject``)."""
    return Subject.parse(q.subject)
