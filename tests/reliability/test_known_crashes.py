"""Crashes the fuzzing found, kept as regression tests.

Digits that are no decimal digits (², ①) once crashed the run with exit 3: the tokenizer took
them for numbers (``"²".isdigit()`` is true) and ``int("²")`` failed. Numbers are now runs of
decimal digits only (``str.isdecimal``), so these read as symbols.
"""

from __future__ import annotations

from pathlib import Path

from seed_runs import assert_clean, cli

CASES = {
    "superscript in a date": "وصل ² من الأشخاص في ¹ يناير إلى العاصمة أمس.",
    "superscript glued to a word": "قال المسؤول إن العدد ²وي بلغ حدا كبيرا هذا العام.",
    "circled digit": "وقع الحادث في ① يناير 2022 في مدينة طهران.",
}


def test_digits_that_are_no_decimal_digits(tmp_path: Path, embed_loads: list[str]) -> None:
    for n, text in enumerate(CASES.values()):
        (tmp_path / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    result = cli([tmp_path, "--nli", "none", "--no-cache", "--format", "json"])
    assert_clean(result, 0, 1)
