"""Where a fact can be changed in a claim, found by rule, and what it can be changed to.

Each finder reads one claim's text in one language and returns ``Site``s: a span, the
replacements that change the fact (or, for controls, restate it), and a fact key such as
``person:khamenei``, ``value:2e+09``, ``year:2020`` or ``ordinal:1:زياره``. Keys let the
generator find the claims of other articles that state the same fact, i.e. the
counterparts an edited claim must be caught against. ``claim_keys`` gives every key a
claim states, whether or not it can be edited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from eval.e2e import lexicon as lx
from eval.e2e.lexicon import LEFT, PROCLITIC, RIGHT, WORD, fold


@dataclass(frozen=True)
class Site:
    """A span of a claim's text (offsets relative to the claim) and what may replace it."""

    start: int
    end: int
    old: str
    replacements: tuple[str, ...]
    key: str


def _alt(words: Mapping[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _fmt(value: float, like: str) -> str:
    """``value`` written the way the number ``like`` was written (digit system, decimal mark)."""
    text = f"{value:g}" if value != int(value) else str(int(value))
    if any(ch in lx.ARABIC_INDIC for ch in like):
        return lx.to_digits(text, "arabic")
    if any(ch in lx.PERSIAN_DIGITS for ch in like):
        return lx.to_digits(text, "persian")
    return text


def _number(text: str) -> float:
    return float(lx.ascii_digits(text).replace("٫", ".").replace(",", "."))


# --- positives -------------------------------------------------------------------------------------


def person_sites(text: str, lang: str, *, with_stand_ins: bool = True) -> list[Site]:
    """Names of people; each replaced by a stand-in of the same rank (full name for full name)."""
    people = [p for p in lx.PEOPLE[lang] if p.stand_ins or not with_stand_ins]
    surfaces = sorted(((s, p) for p in people for s in p.surfaces), key=lambda sp: -len(sp[0]))
    taken: list[tuple[int, int]] = []
    out: list[Site] = []
    for surface, person in surfaces:
        for m in re.finditer(LEFT + PROCLITIC + "(?P<w>" + re.escape(surface) + ")" + RIGHT, text):
            start, end = m.span("w")
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            full = " " in surface
            stand_ins = tuple(f if full else s for f, s in person.stand_ins)
            out.append(Site(start, end, surface, stand_ins, f"person:{person.key}"))
    return sorted(out, key=lambda s: s.start)


def place_sites(text: str, lang: str) -> list[Site]:
    """Destinations of a trip ("إلى موسكو", "به روسیه سفر کرد"), replaced by another capital or country."""
    out = []
    places = {p.surface: p for p in lx.PLACES[lang]}
    pattern = lx.DESTINATION_CUES[lang] + "(?P<w>" + _alt(places) + ")" + RIGHT + lx.DESTINATION_AFTER[lang]
    for m in re.finditer(LEFT + pattern, text):
        place = places[m.group("w")]
        out.append(Site(*m.span("w"), m.group("w"), place.stand_ins, f"place:{place.key}"))
    return out


def number_sites(text: str, lang: str) -> list[Site]:
    """Figures: digits with a scale word (1.3 مليار), dual scale words (ملياري), counts of things
    (3 أيام, دو کشور) and percentages; each replaced by a clearly different value."""
    out: list[Site] = []
    digits = r"[0-9٠-٩۰-۹]+(?:[.,٫][0-9٠-٩۰-۹]+)?"
    scales = lx.SCALES[lang]
    for m in re.finditer(LEFT + f"(?P<n>{digits})\\s*(?P<s>{_alt(scales)})" + RIGHT, text):
        value = _number(m.group("n"))
        alts = tuple(_fmt(v, m.group("n")) for v in (round(value * 2, 2), round(value + 3, 2)))
        out.append(Site(*m.span("n"), m.group("n"), alts, f"value:{value * scales[m.group('s')]:g}"))
    for word, (value, single) in lx.DUALS[lang].items():
        for m in re.finditer(LEFT + PROCLITIC + f"(?P<w>{re.escape(word)})" + RIGHT, text):
            plural = lx.SCALE_PLURAL[lang].get(single, single)
            alts = tuple(f"{lx.NUMBER_WORDS[lang][n]} {plural}" for n in (5, 3))
            out.append(Site(*m.span("w"), word, alts, f"value:{value:g}"))
    nouns = lx.COUNTED_NOUNS[lang]
    for m in re.finditer(LEFT + f"(?P<n>[0-9٠-٩۰-۹]+)\\s+(?P<u>{_alt(nouns)})" + RIGHT, text):
        n = int(_number(m.group("n")))
        alts = tuple(_fmt(v, m.group("n")) for v in (n + 2, n * 2 if n > 2 else n + 4))
        out.append(Site(*m.span("n"), m.group("n"), alts, f"count:{n}:{nouns[m.group('u')]}"))
    words = {w: n for n, w in lx.NUMBER_WORDS[lang].items()}
    for m in re.finditer(LEFT + f"(?P<w>{_alt(words)})\\s+(?P<u>{_alt(nouns)})" + RIGHT, text):
        n = words[m.group("w")]
        alts = tuple(lx.NUMBER_WORDS[lang][v] for v in (n + 1, n + 3) if v in lx.NUMBER_WORDS[lang])
        out.append(Site(*m.span("w"), m.group("w"), alts, f"count:{n}:{nouns[m.group('u')]}"))
    for m in re.finditer(LEFT + f"(?P<n>{digits})\\s*[%٪]", text):
        value = _number(m.group("n"))
        alts = tuple(_fmt(v, m.group("n")) for v in (round(value * 2, 1), round(value + 20, 1)))
        out.append(Site(*m.span("n"), m.group("n"), alts, f"percent:{value:g}"))
    return sorted(out, key=lambda s: s.start)


# not inside a date (19/01/2022) or a decimal number; a full stop after it ends a sentence
_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)(?![\d/\-]|[.,٫]\d)")


def year_sites(text: str, lang: str) -> list[Site]:
    """Years written in digits (any digit system), moved one year either way; not parts of dates."""
    plain = lx.ascii_digits(text)  # one character for one: offsets are kept
    out = []
    for m in _YEAR.finditer(plain):
        year = int(m.group(1))
        old = text[m.start(1) : m.end(1)]
        out.append(
            Site(m.start(1), m.end(1), old, (_fmt(year - 1, old), _fmt(year + 1, old)), f"year:{year}")
        )
    return out


def weekday_sites(text: str, lang: str) -> list[Site]:
    """Weekday names, moved three days and two days on (never to a neighbouring day)."""
    days = lx.WEEKDAYS[lang]
    out = []
    for m in re.finditer(LEFT + PROCLITIC + f"(?P<w>{_alt(days)})" + RIGHT, text):
        day = days[m.group("w")]
        alts = tuple(lx.WEEKDAY_WORD[lang][(day + k) % 7] for k in (3, 2))
        out.append(Site(*m.span("w"), m.group("w"), alts, f"weekday:{day}"))
    return out


def ordinal_sites(text: str, lang: str) -> list[Site]:
    """Ordinals before a noun ("أول زيارة", "اولین واکنش"): first becomes third or second."""
    ordinals = lx.ORDINALS[lang]
    skip = lx.NOT_ORDINAL_AFTER[lang]
    out = []
    for m in re.finditer(LEFT + PROCLITIC + f"(?P<w>{_alt(ordinals)})\\s+(?P<noun>{WORD}+)", text):
        if m.group("noun") in skip:
            continue
        n = ordinals[m.group("w")]
        alts = tuple(lx.ORDINAL_WORD[lang][v] for v in (n + 2, n + 1) if v in lx.ORDINAL_WORD[lang])
        noun = fold(m.group("noun"))
        noun = noun[2:] if noun.startswith("ال") else noun
        out.append(Site(*m.span("w"), m.group("w"), alts, f"ordinal:{n}:{noun}"))
    return out


def _has_exceptive(text: str, lang: str) -> bool:
    return any(re.search(LEFT + re.escape(w) + RIGHT, text) for w in lx.EXCEPTIVES[lang])


def negation_sites(text: str, lang: str) -> list[Site]:
    """Verbs whose polarity can be flipped by one morphological edit: Arabic "لن يفعل" ↔ "سيفعل"
    and "لا يفعل" → "يفعل"; Persian prefix "ن" added or removed ("خواهد" ↔ "نخواهد", "است" ↔
    "نیست", "می" ↔ "نمی"). Claims with an exceptive ("لا ... سوى", "به جز") are left alone:
    there, dropping a negation does not reverse the meaning."""
    if _has_exceptive(text, lang):
        return []
    out: list[Site] = []
    if lang == "ar":
        for m in re.finditer(LEFT + rf"لن\s+(?P<v>[يتنأ]{WORD}{{2,}})", text):
            verb = m.group("v")
            if verb.endswith("وا"):
                verb = verb[:-2] + "ون"
            elif verb.endswith("ا") and len(fold(verb)) > 4:
                verb = verb + "ن"
            out.append(Site(m.start(), m.end(), m.group(), ("س" + verb,), "negation"))
        for m in re.finditer(LEFT + rf"(?P<pre>[وف]?)(?P<f>س(?P<v>[يتنأ]{WORD}{{2,}}))" + RIGHT, text):
            if fold(m.group("f")) in lx.AR_FUTURE_NOT_VERBS or fold(m.group("f"))[:3] in {"سيا", "سيد"}:
                continue
            verb = m.group("v")
            if verb.endswith("ون"):
                verb = verb[:-2] + "وا"
            elif verb.endswith("ان"):
                verb = verb[:-1]
            out.append(Site(*m.span("f"), m.group("f"), ("لن " + verb,), "negation"))
        for m in re.finditer(LEFT + rf"لا\s+(?P<v>[يت]{WORD}{{2,}})", text):
            out.append(Site(m.start(), m.end(), m.group(), (m.group("v"),), "negation"))
    else:
        forms = _alt({f: 0 for f in lx.FA_NEGATABLE if f != "است"})
        for m in re.finditer(LEFT + f"ن(?P<v>{forms})" + RIGHT, text):
            out.append(Site(m.start(), m.end(), m.group(), (m.group("v"),), "negation"))
        for m in re.finditer(LEFT + "نیست" + RIGHT, text):
            out.append(Site(m.start(), m.end(), m.group(), ("است",), "negation"))
        for m in re.finditer(LEFT + f"(?P<v>{forms}|است)" + RIGHT, text):
            new = "نیست" if m.group("v") == "است" else "ن" + m.group("v")
            out.append(Site(m.start(), m.end(), m.group(), (new,), "negation"))
    taken: list[Site] = []
    for s in sorted(out, key=lambda s: (s.start, -s.end)):
        if text[s.end :].lstrip().startswith(":"):
            continue  # a verb introducing a quotation ("تاکید کرد:") is not the fact reported
        if not any(s.start < t.end and t.start < s.end for t in taken):
            taken.append(s)
    return taken


POSITIVE_FINDERS: dict[str, Callable[[str, str], list[Site]]] = {
    "entity": person_sites,
    "place": place_sites,
    "number": number_sites,
    "year": year_sites,
    "weekday": weekday_sites,
    "ordinal": ordinal_sites,
    "negation": negation_sites,
}

# --- controls: the same fact, written otherwise -------------------------------------------------


def digit_system_sites(text: str, lang: str) -> list[Site]:
    """Figures and years in ASCII digits, rewritten in Arabic-Indic and in Persian digits."""
    out = []
    for site in [*number_sites(text, lang), *year_sites(text, lang)]:
        if not site.old.isascii() or not any(ch.isdigit() for ch in site.old):
            continue
        out.append(
            Site(
                site.start,
                site.end,
                site.old,
                tuple(lx.to_digits(site.old, s) for s in ("arabic", "persian")),
                site.key,
            )
        )
    return sorted(out, key=lambda s: s.start)


def number_word_sites(text: str, lang: str) -> list[Site]:
    """Figures in words rewritten in digits and the other way round, same value."""
    out = []
    for word, (value, single) in lx.DUALS[lang].items():
        for m in re.finditer(LEFT + PROCLITIC + f"(?P<w>{re.escape(word)})" + RIGHT, text):
            alts = (f"2 {single}", f"{lx.to_digits('2', 'arabic')} {single}")
            out.append(Site(*m.span("w"), word, alts, f"value:{value:g}"))
    scales = lx.SCALES[lang]
    for m in re.finditer(LEFT + r"(?P<n>1[.٫]\d)\s*(?P<s>" + _alt(scales) + ")" + RIGHT, text):
        # 1.3 billion: "a billion and 300 million"
        scale = m.group("s")
        smaller = {"مليار": "مليون", "میلیارد": "میلیون"}.get(scale)
        if smaller is None:
            continue
        rest = int(round((_number(m.group("n")) - 1) * 1000))
        joiner = " و" if lang == "ar" else " و "
        out.append(
            Site(
                m.start("n"),
                m.end("s"),
                m.group()[m.start("n") - m.start() :],
                (f"{scale}{joiner}{rest} {smaller}",),
                f"value:{_number(m.group('n')) * scales[scale]:g}",
            )
        )
    nouns = lx.COUNTED_NOUNS[lang]
    words = {w: n for n, w in lx.NUMBER_WORDS[lang].items()}
    for m in re.finditer(LEFT + f"(?P<w>{_alt(words)})\\s+(?P<u>{_alt(nouns)})" + RIGHT, text):
        n = words[m.group("w")]
        digits = lx.to_digits(str(n), "persian" if lang == "fa" else "arabic")
        out.append(Site(*m.span("w"), m.group("w"), (digits, str(n)), f"count:{n}:{nouns[m.group('u')]}"))
    for m in re.finditer(LEFT + f"(?P<n>[0-9]+)\\s+(?P<u>{_alt(nouns)})" + RIGHT, text):
        n = int(m.group("n"))
        if n in lx.NUMBER_WORDS[lang]:
            out.append(
                Site(
                    *m.span("n"),
                    m.group("n"),
                    (lx.NUMBER_WORDS[lang][n],),
                    f"count:{n}:{nouns[m.group('u')]}",
                )
            )
    return sorted(out, key=lambda s: s.start)


def spelling_sites(text: str, lang: str) -> list[Site]:
    """Names rewritten in another spelling of the same name that outlets use."""
    out = []
    people = {s: p.key for p in lx.PEOPLE[lang] for s in p.surfaces}
    for word, variant in lx.SPELLING_VARIANTS[lang].items():
        for m in re.finditer(LEFT + PROCLITIC + f"(?P<w>{re.escape(word)})" + RIGHT, text):
            key = next((f"person:{k}" for s, k in people.items() if word in s or s in word), "person:?")
            out.append(Site(*m.span("w"), word, (variant,), key))
    return sorted(out, key=lambda s: s.start)


PARAPHRASE_GAP = 40  # characters between two substitutions that still make one edit


def paraphrase_sites(text: str, lang: str) -> list[Site]:
    """One or two phrases of a claim replaced by synonyms, as one edit over the span they cover."""
    hits = []
    for phrase, synonym in lx.SYNONYMS[lang].items():
        for m in re.finditer(LEFT + re.escape(phrase) + RIGHT, text):
            hits.append((m.start(), m.end(), synonym))
    hits.sort()
    chosen: list[tuple[int, int, str]] = []
    for h in hits:
        if not chosen or h[0] >= chosen[-1][1]:
            chosen.append(h)
    out = []
    for i in range(len(chosen)):
        # two substitutions make one edit when they are close; otherwise one alone
        group = (
            chosen[i : i + 2]
            if i + 1 < len(chosen) and chosen[i + 1][0] - chosen[i][1] <= PARAPHRASE_GAP
            else chosen[i : i + 1]
        )
        start, end = group[0][0], group[-1][1]
        new = text[start:end]
        for a, b, synonym in reversed(group):
            new = new[: a - start] + synonym + new[b - start :]
        out.append(Site(start, end, text[start:end], (new,), "paraphrase"))
    return out


CONTROL_FINDERS: dict[str, Callable[[str, str], list[Site]]] = {
    "digits": digit_system_sites,
    "number_words": number_word_sites,
    "spelling": spelling_sites,
    "paraphrase": paraphrase_sites,
}


# --- what a claim states ----------------------------------------------------------------------------


def phrase_value(phrase: str, lang: str) -> float | None:
    """The number a short figure phrase states, however it is written: "ملياري" 2e9, "2 مليار" and
    "٢ مليار" 2e9, "1.3 مليار" and "مليار و300 مليون" 1.3e9, "دو" and "۲" 2. None if it is not one."""
    words = {w: n for n, w in lx.NUMBER_WORDS[lang].items()}
    scales = lx.SCALES[lang]
    total, pending, matched = 0.0, None, False
    letters = r"(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640\u200c])+"
    for token in re.findall(r"[0-9٠-٩۰-۹]+(?:[.٫][0-9٠-٩۰-۹]+)?|" + letters, phrase):
        bare = token[1:] if token.startswith("و") and token[1:] in scales else token
        if re.fullmatch(r"[0-9٠-٩۰-۹.٫]+", token):
            pending, matched = _number(token), True
        elif token in words:
            pending, matched = float(words[token]), True
        elif token in lx.DUALS[lang]:
            total += lx.DUALS[lang][token][0]
            matched = True
        elif bare in scales:
            total += (pending if pending is not None else 1.0) * scales[bare]
            pending, matched = None, True
        elif token != "و":
            return None
    return total + (pending or 0.0) if matched else None


def fact_keys(text: str, lang: str) -> list[str]:
    """Every fact key the editable sites of a claim state, with repeats (a name given twice counts twice)."""
    return sorted(
        s.key for kind, finder in POSITIVE_FINDERS.items() if kind != "negation" for s in finder(text, lang)
    )


def concepts(text: str, lang: str) -> set[str]:
    """The events a claim talks about ("letter", "visit"), by their words."""
    found = set()
    for concept, words in lx.CONCEPTS[lang].items():
        if any(re.search(LEFT + PROCLITIC + re.escape(w), text) for w in words):
            found.add(concept)
    return found


def _relative_days(text: str, lang: str) -> Iterator[str]:
    for w in lx.RELATIVE_DAYS[lang]:
        if re.search(LEFT + PROCLITIC + re.escape(w) + RIGHT, text):
            yield "time:relative"


def claim_keys(text: str, lang: str) -> set[str]:
    """Every fact key the claim states: people, places (anywhere), figures, years, days, ordinals."""
    keys = {s.key for s in person_sites(text, lang, with_stand_ins=False)}
    for place in lx.PLACES[lang]:
        if re.search(LEFT + PROCLITIC + re.escape(place.surface) + RIGHT, text):
            keys.add(f"place:{place.key}")
    for finder in (number_sites, year_sites, weekday_sites, ordinal_sites):
        keys |= {s.key for s in finder(text, lang)}
    for word, concept in lx.COUNTED_DUALS[lang].items():
        if re.search(LEFT + PROCLITIC + re.escape(word) + RIGHT, text):
            keys.add(f"count:2:{concept}")
    keys |= set(_relative_days(text, lang))
    return keys
