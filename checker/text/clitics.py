"""Arabic clitics: the one list of proclitics (and possessive suffixes) every matcher strips.

Arabic writes a conjunction (و، ف), a preposition (ب، ل، ك) and the article (ال) onto the word that
follows them: ``وبالدولار`` is و + ب + الدولار. Matchers look a word up as written and then in
each reading with its proclitics stripped; a wrong strip simply finds nothing in the table, so the
list can be generous. ``لل`` is ل + ال with the alef dropped (``للرئيس`` = ل + الرئيس).

Persian writes its prepositions apart, and stripping there would break words (``ولودین`` is not
و + لودین), so Persian words are only read as written. All functions take folded words
(``checker.text.normalize``).
"""

from __future__ import annotations

from functools import lru_cache

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
ARTICLE = "ال"
# possessive pronouns attached at the end of an Arabic noun (زيارته "his visit", صادراتها)
POSSESSIVE_SUFFIXES = ("هما", "هم", "ها", "نا", "كم", "ه")
MIN_STEM = 2  # a reading keeps at least this many letters


@lru_cache(maxsize=65536)
def proclitic_readings(word: str, lang: str, strip_article: bool = False) -> tuple[tuple[str, str], ...]:
    """Readings of ``word`` as (stem, proclitics): the word as written first, then shorter prefixes first.

    Args:
        word: a folded word.
        lang: ``"fa"`` reads the word as written only; anything else strips Arabic proclitics.
        strip_article: also strip the article after them (``بالدولار`` -> ``دولار``), for word lists
            written without it. Otherwise the article stays on the stem, because for a name it is
            part of the spelling (``والخميني`` -> ``الخميني``), and ``لل`` reads as ل + ``ال``.
    """
    readings: list[tuple[int, str, str]] = [(0, word, "")]
    if lang != "fa":
        for conj in CONJUNCTIONS:
            for prep in PREPOSITIONS:
                prefix = conj + prep
                if prefix and word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
                    rest = word[len(prefix) :]
                    if prep == "ل" and not strip_article and rest.startswith("ل") and len(rest) > 3:
                        readings.append((len(prefix), ARTICLE[0] + rest, prefix))  # لل = ل + ال
                    readings.append((len(prefix), rest, prefix))
                if strip_article:
                    with_article = conj + ("لل" if prep == "ل" else prep + ARTICLE)
                    if word.startswith(with_article) and len(word) - len(with_article) >= MIN_STEM:
                        readings.append((len(with_article), word[len(with_article) :], with_article))
    readings.sort(key=lambda r: r[0])  # stable: the order above breaks ties
    return tuple(dict.fromkeys((stem, prefix) for _, stem, prefix in readings))


def stems(word: str, lang: str = "ar", strip_article: bool = True) -> tuple[str, ...]:
    """The distinct stems of ``proclitic_readings``, the word as written first."""
    return tuple(dict.fromkeys(stem for stem, _ in proclitic_readings(word, lang, strip_article)))


@lru_cache(maxsize=65536)
def without_article(word: str) -> str:
    """A folded word without its article and one proclitic before it (والعلاقات -> علاقات);
    the word itself when it has none."""
    for stem, prefix in proclitic_readings(word, "ar", True):
        if prefix.endswith((ARTICLE, "لل")):
            return stem
    return word


@lru_cache(maxsize=65536)
def suffix_forms(word: str) -> tuple[str, ...]:
    """``word`` without a possessive suffix; a teh marbuta that became ت comes back (زيارته -> زياره)."""
    forms = []
    for suffix in POSSESSIVE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms.append(stem[:-1] + "ه" if stem.endswith("ت") else stem)
            forms.append(stem)
    return tuple(dict.fromkeys(forms))


def starts_with_conjunction(word: str, lang: str) -> bool:
    """An Arabic word of at least three letters glued to و: a co-ordinated name ("رئيسي وبوتين")."""
    return lang != "fa" and word.startswith("و") and len(word) > 3
