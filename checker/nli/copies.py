"""Near-verbatim copies: what a sentence looks like after it was copied from another outlet.

Copy travels between newsrooms with small changes that keep the meaning: a typo or two, other
punctuation or quote marks, digits of another script, another spelling of a letter (ي/ی, ك/ک,
hamza on alef or not, final ة/ه, ى/ي), tatweel, a zero-width non-joiner or a space in a Persian
compound. A copy is an ``entailment`` of its original (both ways). A model that has only ever seen
edits that change the meaning reads such a copy as a contradiction (0.98 for a quote with two
typos); these pairs teach it otherwise.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from checker.nli.perturb import digit_script

_LETTERS = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{4,}")

# one letter spelled another way (both are seen in real copy)
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("ي", "ی"),
    ("ی", "ي"),
    ("ك", "ک"),
    ("ک", "ك"),
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ى", "ي"),
)


def typo(text: str, lang: str, rng: random.Random) -> str | None:
    """One slip of the keyboard inside a word of four letters or more: swap, drop or double a letter."""
    words = list(_LETTERS.finditer(text))
    if not words:
        return None
    m = rng.choice(words)
    w = m.group(0)
    i = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        new = w[:i] + w[i + 1] + w[i] + w[i + 2 :] if i + 1 < len(w) else w[:i] + w[i]
    elif kind == "drop":
        new = w[:i] + w[i + 1 :]
    else:
        new = w[:i] + w[i] + w[i:]
    return text[: m.start()] + new + text[m.end() :] if new != w else None


def punctuation(text: str, lang: str, rng: random.Random) -> str | None:
    """Other punctuation: commas dropped or added, quotes changed, the final stop dropped or added."""
    options: list[Callable[[str], str]] = [
        lambda t: t.rstrip(".。") if t.endswith(".") else t + ".",
        lambda t: re.sub(r"\s*[،,]\s*", " ", t, count=1),
        lambda t: (
            t.replace("«", '"').replace("»", '"') if "«" in t else t.replace('"', "«", 1).replace('"', "»", 1)
        ),
        lambda t: re.sub(r"\s+", "  ", t, count=2),
        lambda t: t.replace("،", ",") if "،" in t else t.replace(",", "،"),
    ]
    rng.shuffle(options)
    for op in options:
        new = op(text)
        if new != text:
            return new
    return None


def spelling(text: str, lang: str, rng: random.Random) -> str | None:
    """One letter spelled another way throughout (ي/ی, ك/ک, hamza forms, ى), or tatweel, or ZWNJ."""
    options = [(a, b) for a, b in _SPELLINGS if a in text]
    extra: list[Callable[[str], str]] = []
    if "\u200c" in text:
        extra.append(lambda t: t.replace("\u200c", rng.choice((" ", ""))))
    if re.search(r"ة(?=\s|$)", text):
        extra.append(lambda t: re.sub(r"ة(?=\s|$)", "ه", t))
    if options and (not extra or rng.random() < 0.7):
        a, b = rng.choice(options)
        return text.replace(a, b)
    if extra:
        return rng.choice(extra)(text)
    return None


def tatweel(text: str, lang: str, rng: random.Random) -> str | None:
    """A stretched word (كشيدة), as some outlets print headlines."""
    words = [m for m in _LETTERS.finditer(text) if m.group(0)[-2] not in "اأإآدذرزوؤة"]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group(0)
    i = rng.randrange(1, len(w) - 1)
    if w[i - 1] in "اأإآدذرزوؤةء":
        return None
    return text[: m.start()] + w[:i] + "ـ" + w[i:] + text[m.end() :]


EDITS: dict[str, Callable[[str, str, random.Random], str | None]] = {
    "typo": typo,
    "punctuation": punctuation,
    "spelling": spelling,
    "digits": digit_script,
    "tatweel": tatweel,
}


def near_copy(text: str, lang: str, rng: random.Random, max_edits: int = 3) -> str | None:
    """``text`` with one to ``max_edits`` meaning-keeping edits (at most two typos), or None."""
    kinds = list(EDITS)
    rng.shuffle(kinds)
    n = rng.randint(1, max_edits)
    out, done = text, 0
    for kind in kinds:
        if done >= n:
            break
        new = EDITS[kind](out, lang, rng)
        if new and new.strip() and new != out:
            out, done = new, done + 1
    if done and rng.random() < 0.3:  # a second typo
        out = typo(out, lang, rng) or out
    return out if out != text else None
