"""The three digit systems of Arabic and Persian text: ASCII, Arabic-Indic (٠..٩) and Persian (۰..۹).

Matching reads every system as ASCII (``to_ascii_digits``, length-preserving so that offsets stay
valid); generated text writes a value in the system of the sentence it goes into (``to_system``).
"""

from __future__ import annotations

DIGIT_SYSTEMS = ("latin", "arabic", "persian")
ZERO = {"latin": 0x30, "arabic": 0x0660, "persian": 0x06F0}
DECIMAL_SEPARATOR = {"latin": ".", "arabic": "٫", "persian": "٫"}
THOUSANDS_SEPARATOR = {"latin": ",", "arabic": "٬", "persian": "٬"}

# what matching reads: every digit as ASCII, ٫ as '.', ٬ as ','
ASCII_DIGITS: dict[int, str] = {
    **{ZERO["arabic"] + i: str(i) for i in range(10)},
    **{ZERO["persian"] + i: str(i) for i in range(10)},
    0x066B: ".",  # ٫ ARABIC DECIMAL SEPARATOR
    0x066C: ",",  # ٬ ARABIC THOUSANDS SEPARATOR
}
_ASCII_TABLE = str.maketrans(ASCII_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, ٫ to '.', ٬ to ','.

    The result has exactly the length of ``text``, so offsets found in it are offsets into ``text``.
    """
    return text.translate(_ASCII_TABLE)


def digit_value(ch: str) -> int | None:
    """The value of a digit of any of the three systems, else None."""
    for zero in ZERO.values():
        if zero <= ord(ch) <= zero + 9:
            return ord(ch) - zero
    return None


def digit_system_of(text: str) -> str | None:
    """The system of the first digit in ``text`` (None without digits)."""
    for ch in text:
        for name, zero in ZERO.items():
            if zero <= ord(ch) <= zero + 9:
                return name
    return None


def to_system(text: str, system: str) -> str:
    """Re-write every digit and numeric separator of ``text`` in ``system``.

    A '.' or ',' counts as a separator only between two digits.
    """
    if system not in ZERO:
        raise ValueError(f"unknown digit system {system!r}; expected one of {DIGIT_SYSTEMS}")
    out = []
    for n, ch in enumerate(text):
        v = digit_value(ch)
        if v is not None:
            out.append(chr(ZERO[system] + v))
            continue
        between = (
            0 < n < len(text) - 1
            and digit_value(text[n - 1]) is not None
            and digit_value(text[n + 1]) is not None
        )
        if between and ch in ".٫":
            out.append(DECIMAL_SEPARATOR[system])
        elif between and ch in ",٬":
            out.append(THOUSANDS_SEPARATOR[system])
        else:
            out.append(ch)
    return "".join(out)
