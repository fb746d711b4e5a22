"""Near-verbatim copies keep the words: a few letters, marks or digits change, nothing else."""

from __future__ import annotations

import random

from checker.nli.copies import near_copy, punctuation, spelling, typo
from checker.text.normalize import normalize_for_matching

AR = "قال المتحدث باسم الوزارة، إن 25 شخصا أصيبوا في الحادث."
FA = "سخنگوی وزارت گفت ۲۵ نفر در این حادثه زخمی شدند."


def test_spelling_and_digits_fold_back_to_the_original() -> None:
    rng = random.Random(1)
    assert normalize_for_matching(spelling(FA, "fa", rng) or FA) == normalize_for_matching(FA)


def test_a_typo_changes_one_word_only() -> None:
    new = typo(AR, "ar", random.Random(2))
    assert new is not None and new != AR
    changed = [a for a, b in zip(AR.split(), new.split(), strict=True) if a != b]
    assert len(changed) == 1


def test_near_copies_differ_but_keep_most_words() -> None:
    rng = random.Random(3)
    for text, lang in ((AR, "ar"), (FA, "fa")) * 10:
        new = near_copy(text, lang, rng)
        assert new is not None and new != text
        kept = set(text.split()) & set(new.split())
        assert len(kept) >= len(set(text.split())) - 4
    assert punctuation("خبر عاجل", "ar", rng) != "خبر عاجل"
