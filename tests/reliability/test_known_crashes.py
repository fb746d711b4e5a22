"""Crashes the fuzzing found in modules this branch does not own (checker/facts is being
restructured elsewhere), kept as strict xfails: each fails today with exit 3 and will fail this
test file the day it passes, so that the fix is noticed and the fuzzing's exclusion
(``fuzz_strategies.known_crash``) is lifted.

The fix is one token: ``s[0].isdigit()`` -> ``s[0].isdecimal()`` in checker/facts/tokens.py
(``"²".isdigit()`` is true, ``int("²")`` fails; so for ``①`` and every other digit that is no
decimal digit), tried and found to clear all three cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_runs import assert_clean, cli

CASES = {
    "superscript in a date": "وصل ² من الأشخاص في ¹ يناير إلى العاصمة أمس.",
    "superscript glued to a word": "قال المسؤول إن العدد ²وي بلغ حدا كبيرا هذا العام.",
    "circled digit": "وقع الحادث في ① يناير 2022 في مدينة طهران.",
}


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="checker/facts/tokens.py takes ² for a number")
def test_digits_that_are_no_decimal_digits(tmp_path: Path, embed_loads: list[str]) -> None:
    for n, text in enumerate(CASES.values()):
        (tmp_path / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    result = cli([tmp_path, "--nli", "none", "--no-cache", "--format", "json"])
    assert_clean(result, 0, 1)
