"""Same-event aligned pairs: the labelling rule, and alignment on a tiny corpus."""

from __future__ import annotations

from checker.nli.aligned import aligned_pairs, as_examples, label_pair
from checker.nli.real import Article

A = "وقال وزير الداخلية إن قوات الأمن ألقت القبض على المتهمين في حادث السرقة بمدينة نصر"
A_COPY = "وقال وزير الداخلية، إن قوات الأمن ألقت القبض على المتهمين فى حادث السرقة بمدينة نصر."


def test_a_copy_is_entailment() -> None:
    assert label_pair(A, A_COPY) is not None
    assert label_pair(A, A_COPY)[2] == "entailment"  # type: ignore[index]


def test_different_numbers_or_one_sided_negation_are_dropped() -> None:
    assert (
        label_pair(
            "مصرع 5 أشخاص في حادث تصادم بطريق الإسكندرية", "مصرع 7 أشخاص في حادث تصادم بطريق الإسكندرية"
        )
        is None
    )
    assert label_pair(A, A.replace("ألقت", "لم تلق")) is None


def test_a_hypothesis_that_adds_a_figure_is_neutral() -> None:
    longer, dated = A + " مساء اليوم وسط إجراءات أمنية مشددة", A + " يوم 29"
    assert label_pair(longer, dated) == (longer, dated, "neutral")
    # the side with the figure entails the one without it
    assert label_pair(A, A + " يوم 29") == (A + " يوم 29", A, "entailment")


def test_shared_content_with_additions_both_ways_is_neutral_and_little_overlap_is_dropped() -> None:
    a = "أعلن وزير النقل تشغيل خط جديد للسكك الحديدية بين القاهرة وأسوان الشهر المقبل"
    b = "أعلن وزير النقل تشغيل خط جديد للسكك الحديدية لخدمة أهالي الصعيد وتخفيف الزحام"
    assert label_pair(a, b)[2] == "neutral"  # type: ignore[index]
    assert label_pair(a, "ارتفعت أسعار الذهب في السوق المحلية خلال تعاملات اليوم") is None


def test_alignment_finds_the_shared_sentence_across_outlets_only() -> None:
    other = "وأضاف أن التحقيقات مستمرة لكشف ملابسات الحادث وضبط باقي المتورطين فيه خلال ساعات."
    articles = [
        Article(
            "1", "القبض على المتهمين في حادث سرقة بمدينة نصر", f"{A}. {other}", "2013-01-05", "youm7", "ar"
        ),
        Article(
            "2",
            "القبض على المتهمين في حادث سرقة بمدينة نصر",
            f"{A_COPY} {other}",
            "2013-01-05",
            "shorouk",
            "ar",
        ),
        Article("3", "القبض على المتهمين في حادث سرقة بمدينة نصر", f"{A}.", "2013-01-05", "youm7", "ar"),
    ]
    others = [  # other events of the day (the event match weighs words by how rare they are)
        "ارتفعت أسعار الذهب في السوق المحلية خلال تعاملات اليوم",
        "فاز النادي الأهلي على الزمالك بهدفين في الدوري الممتاز",
        "أعلنت هيئة الأرصاد سقوط أمطار غزيرة على السواحل الشمالية",
        "افتتح محافظ أسوان معرضا للكتاب بحضور عدد من الأدباء",
        "قررت وزارة التربية تأجيل امتحانات نصف العام الدراسي",
        "وصلت شحنة من القمح المستورد إلى ميناء دمياط صباح اليوم",
        "بدأت شركة المياه أعمال صيانة الشبكة في حي المعادي",
    ]
    articles += [Article(f"o{i}", t, t + ".", "2013-01-05", "elwatan", "ar") for i, t in enumerate(others)]
    pairs = aligned_pairs(articles)
    assert pairs and all(p.sources[0] != p.sources[1] for p in pairs)
    assert {p.label for p in pairs} <= {"entailment", "neutral"}
    examples = as_examples(pairs, identical_share=1.0)
    assert all(e.source == "real:aligned" for e in examples)
