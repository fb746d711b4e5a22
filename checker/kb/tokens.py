"""Tokens of a folded text, with offsets into the verbatim text and what separates them.

Names are matched token by token, so "بوتين" is found in "لبوتين" and not in
"بوتينات"; what lies between two tokens (a space, a quote, a comma, a full stop)
decides whether a name may run across it and where a clause ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.kb.fold import fold_char, fold_with_offsets

_WORD = re.compile(r"[^\W_]+")

# Arabic proclitics tried in turn when a token does not match as written:
# conjunction (و, ف) then preposition (ب, ل). "لل" is ل + the article ال.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل")  # not ك ("like"): rare before names, and "كوين" is not ك + "وين"

_NAME_BREAKS = frozenset(".,،;؛:!?؟()[]{}\n\r\t/|–—…")
_CLAUSE_BREAKS = frozenset(".;؛:!?؟\n\r«»…")
_COMMAS = frozenset(",،")


@dataclass(frozen=True)
class Token:
    text: str  # folded form
    start: int  # offsets in the verbatim text
    end: int
    gap: str  # verbatim text between the previous token and this one ("" for the first)
    raw: str = ""  # the verbatim token

    def offset_after(self, letters: int) -> int:
        """Verbatim offset after the first ``letters`` folded letters (skipping diacritics)."""
        count = 0
        for offset, ch in enumerate(self.raw):
            if fold_char(ch):  # a base letter; the prefix's own diacritics stay with it
                if count == letters:
                    return self.start + offset
                count += 1
        return self.end

    @property
    def breaks_name(self) -> bool:
        """A name never runs across this token's gap (punctuation other than quotes)."""
        return any(ch in _NAME_BREAKS for ch in self.gap)

    @property
    def breaks_clause(self) -> bool:
        return any(ch in _CLAUSE_BREAKS for ch in self.gap)

    @property
    def after_comma(self) -> bool:
        return any(ch in _COMMAS for ch in self.gap)

    @property
    def after_colon(self) -> bool:
        return ":" in self.gap


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into folded word tokens with verbatim offsets.

    An abbreviation dot after a one-letter token ("آیت ا... خامنه ای") is not a break:
    the gap is rewritten to a space so that the honorific stays attached to the name.
    """
    folded, index = fold_with_offsets(text)
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(folded):
        start, end = index[match.start()], index[match.end() - 1] + 1
        while end < len(text) and _is_mark(text[end]):  # the last letter's diacritics, not a ZWNJ
            end += 1
        gap = text[previous_end:start]
        if tokens and len(tokens[-1].text) == 1 and gap.strip() and set(gap.strip()) <= {".", "…"}:
            gap = " "
        tokens.append(Token(match.group(), start, end, gap, text[start:end]))
        previous_end = end
    return tokens


def _is_mark(ch: str) -> bool:
    return "\u064b" <= ch <= "\u065f" or ch == "\u0670"


def stems(token: str, lang: str) -> list[tuple[str, str]]:
    """Readings of a folded token as (stem, proclitics), the token as written first.

    Proclitics are only stripped in Arabic (and unknown-language) text: Persian writes
    its prepositions apart, and stripping "و" there would break names like "ولودین".
    The article is kept on the stem ("والخميني" -> "الخميني") because whether a name
    takes the article is part of its spelling; "لل" becomes "ال".
    """
    readings = [(token, "")]
    if lang == "fa":
        return readings
    for conj in _CONJ:
        for prep in _PREP:
            prefix = conj + prep
            if not prefix or not token.startswith(prefix):
                continue
            rest = token[len(prefix) :]
            if prep == "ل" and rest.startswith("ل") and len(rest) > 3:
                readings.append(("ا" + rest, prefix))  # لل = ل + ال
            if len(rest) >= 2:
                readings.append((rest, prefix))
    return readings
