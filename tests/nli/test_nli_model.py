"""The shipped NLI artifact: it loads offline, gets clear pairs right, and stays above its dev floors.

Floors are the measured dev numbers (checker/resources/nli/MODEL_CARD.md) minus a small margin, so a change
that makes the model worse fails here; the full dev sets run in the slow suite.
"""

from __future__ import annotations

import json

import pytest

from checker.home import NLI_DIR
from checker.judges.base import JudgeContext
from checker.judges.nli import NLIJudge
from checker.nli.data import load_split
from checker.nli.metrics import classification_metrics
from checker.nli.scorer import NLIScorer
from checker.types import CandidatePair, Claim, Role, Span

# Clear pairs written for this test (not from the training or dev data).
CLEAR = [
    # Arabic
    (
        "ارتفعت أسعار النفط اليوم بنسبة ثلاثة في المئة",
        "انخفضت أسعار النفط اليوم بنسبة ثلاثة في المئة",
        "contradiction",
    ),
    (
        "وصل رئيس البرلمان الإيراني إلى موسكو يوم الاثنين في زيارة رسمية",
        "رئيس البرلمان الإيراني يصل إلى موسكو",
        "entailment",
    ),
    (
        "الرئيس الروسي يستقبل وزير الخارجية الإيراني في الكرملين",
        "الرئيس الروسي لا يستقبل وزير الخارجية الإيراني",
        "contradiction",
    ),
    # Persian
    ("قالیباف روز دوشنبه به مسکو سفر کرد و با پوتین دیدار کرد.", "قالیباف به مسکو سفر کرد.", "entailment"),
    (
        "تیم ملی فوتبال ایران در این مسابقه پیروز شد.",
        "تیم ملی فوتبال ایران در این مسابقه پیروز نشد.",
        "contradiction",
    ),
    ("قیمت نفت امروز سه درصد افزایش یافت.", "قیمت نفت امروز افزایش یافت.", "entailment"),
]

# Known weaknesses, kept visible (strict: the test says so when one starts to pass). v1 read a
# hypothesis that drops a number (case 5) as a changed number; v2 gets it right (entailment 0.81).
KNOWN_WRONG: set[int] = set()
CASES = [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="known weakness"))
    if i in KNOWN_WRONG
    else case
    for i, case in enumerate(CLEAR)
]

# measured on dev (checker/resources/nli/MODEL_CARD.md) minus a margin: sample accuracy 0.777 (179 pairs),
# ANS dev macro-F1 0.837, FarsTail val accuracy 0.768
FAST_SAMPLE_ACCURACY_FLOOR = 0.74
SLOW_ANS_MACRO_F1_FLOOR = 0.81
SLOW_FARSTAIL_ACCURACY_FLOOR = 0.75
# the judge's threshold calibrated on the dev sets (precision >= 0.9), recorded with the artifact
CALIBRATED_THRESHOLD = json.loads((NLI_DIR / "config.json").read_text(encoding="utf-8"))[
    "contradiction_threshold"
]


def test_artifact_is_small_and_loads_offline(nli: NLIScorer) -> None:
    weights = NLI_DIR / "checker-nli.safetensors"
    assert weights.stat().st_size <= 25 * 1024 * 1024
    assert nli.model_id.startswith("checker-nli@")
    assert nli.labels == ("entailment", "neutral", "contradiction")


@pytest.mark.parametrize(("premise", "hypothesis", "gold"), CASES)
def test_clear_pairs(nli: NLIScorer, premise: str, hypothesis: str, gold: str) -> None:
    result = nli.score(premise, hypothesis)
    assert result.label == gold, result.scores
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-4)


def test_batches_come_back_in_input_order(nli: NLIScorer) -> None:
    premises = [p for p, _, _ in CLEAR]
    hypotheses = [h for _, h, _ in CLEAR]
    batch = nli.score_batch(premises, hypotheses)
    single = [nli.score(p, h) for p, h in zip(premises, hypotheses, strict=True)]
    assert [r.label for r in batch] == [r.label for r in single]
    for a, b in zip(batch, single, strict=True):
        assert a.scores["contradiction"] == pytest.approx(b.scores["contradiction"], abs=0.02)


def test_dev_sample_floor(nli: NLIScorer) -> None:
    sample = load_split("ans", "dev")[::10] + load_split("farstail", "dev")[::15]
    results = nli.score_batch([e.premise for e in sample], [e.hypothesis for e in sample])
    m = classification_metrics([e.label for e in sample], [r.label for r in results])
    assert m.accuracy >= FAST_SAMPLE_ACCURACY_FLOOR, m


@pytest.mark.slow
def test_full_dev_floors(nli: NLIScorer) -> None:
    ans = load_split("ans", "dev")
    fars = load_split("farstail", "dev")
    m_ans = classification_metrics(
        [e.label for e in ans],
        [r.label for r in nli.score_batch([e.premise for e in ans], [e.hypothesis for e in ans])],
    )
    m_fa = classification_metrics(
        [e.label for e in fars],
        [r.label for r in nli.score_batch([e.premise for e in fars], [e.hypothesis for e in fars])],
    )
    assert m_ans.macro_f1 >= SLOW_ANS_MACRO_F1_FLOOR, m_ans
    assert m_fa.accuracy >= SLOW_FARSTAIL_ACCURACY_FLOOR, m_fa


def _claim(doc: str, text: str, lang: str) -> Claim:
    return Claim(
        id=f"{doc}#0",
        document=doc,
        index=0,
        role=Role.HEADLINE,
        text=text,
        span=Span(0, len(text), 1),
        lang=lang,
    )


def test_judge_scores_both_directions_and_explains(nli: NLIScorer) -> None:
    judge = NLIJudge(nli, threshold=CALIBRATED_THRESHOLD)
    contra = CandidatePair(
        _claim("a.txt", CLEAR[0][0], "ar"), _claim("b.txt", CLEAR[0][1], "ar"), 0.9, "cross-article"
    )
    agree = CandidatePair(
        _claim("c.txt", CLEAR[1][0], "ar"), _claim("d.txt", CLEAR[1][1], "ar"), 0.9, "cross-article"
    )
    verdicts = judge.judge_batch([contra, agree], JudgeContext.of([], []))
    assert judge.pairs_scored == 4
    assert verdicts[1] is None
    v = verdicts[0]
    assert (
        v is not None and v.judge == "nli" and v.kind == "contradiction" and v.score >= CALIBRATED_THRESHOLD
    )
    assert "(a→b)" in v.explanation and "(b→a)" in v.explanation
    assert judge.judge_batch([], JudgeContext.of([], [])) == []


def test_within_one_article_both_directions_must_contradict(nli: NLIScorer) -> None:
    """A real Fars News headline and a sentence of its own body (fars-noise, labelled false): the
    model says contradiction with the body as premise only. Between two articles that is a
    verdict; within one article it is not, while a negation contradicts both ways and stays."""
    headline = "جشنواره تئاتر در اردبيل آغاز شد"
    body = (
        "به گزارش خبرگزاري فارس از اردبيل در اين جشنواره كه عصر امروز در سالن فدك اردبيل آغاز شد "
        "گروه‌هاي شركت‌كننده در مدت پنج روز در دو نوبت عصر برنامه‌هاي خود را در مجتمع فرهنگي هنري "
        "فدك و تالار بيضاي اردبيلي برپا خواهند كرد."
    )
    judge = NLIJudge(nli, threshold=0.5)
    context = JudgeContext.of([], [])

    def pair(a: str, b: str, doc_b: str) -> CandidatePair:
        return CandidatePair(_claim("a.txt", a, "fa"), _claim(doc_b, b, "fa"), 0.9, "candidates")

    two_articles, one_article = judge.judge_batch(
        [pair(headline, body, "b.txt"), pair(headline, body, "a.txt")], context
    )
    assert two_articles is not None and two_articles.score >= 0.5
    assert one_article is None
    won, lost = CLEAR[4][0], CLEAR[4][1]
    negated = judge.judge_batch([pair(won, lost, "a.txt")], context)[0]
    assert negated is not None and negated.score >= 0.5


class _Holder:
    """Loads nothing itself: hands out the session's scorer and counts how often it was asked."""

    def __init__(self, scorer: NLIScorer) -> None:
        self.scorer = scorer
        self.calls = 0

    def get(self) -> object:
        self.calls += 1
        return self.scorer


def test_judge_reuses_cached_scores_without_loading(tmp_path, nli: NLIScorer) -> None:  # noqa: ANN001
    from checker.cache import ModelCache
    from checker.nli.scorer import nli_model_id

    model_id = nli_model_id("checker-nli")
    assert model_id == nli.model_id
    pair = CandidatePair(
        _claim("a.txt", CLEAR[2][0], "ar"), _claim("b.txt", CLEAR[2][1], "ar"), 0.9, "cross-article"
    )
    context = JudgeContext.of([], [])
    cache = ModelCache(tmp_path / "cache.sqlite3")
    try:
        holder = _Holder(nli)
        first = NLIJudge(holder, threshold=0.5, cache=cache, model_id=model_id).judge_batch([pair], context)
        assert holder.calls >= 1
        calls = holder.calls
        second = NLIJudge(holder, threshold=0.5, cache=cache, model_id=model_id).judge_batch([pair], context)
        assert holder.calls == calls  # all from the cache: the model was not asked again
        assert first == second
    finally:
        cache.close()


def test_the_default_threshold_is_the_shipped_heads_calibration() -> None:
    """thresholds.toml and the head's config.json must not drift: the judge's default threshold is
    the one the shipped head was calibrated to (a retrained head writes its own)."""
    from checker.config import Thresholds

    shipped = json.loads((NLI_DIR / "config.json").read_text(encoding="utf-8"))["contradiction_threshold"]
    assert Thresholds().nli_contradiction == pytest.approx(shipped, abs=1e-4)


# --- which pairs are worth an NLI forward pass --------------------------------------------------


def test_a_copy_with_typos_punctuation_or_other_digits_is_never_scored(nli: NLIScorer) -> None:
    from checker.judges.nli import is_copy

    tweet = "أدعوكم إلى نبذ العنف والقيام بمسيرات سلمية أمام مدينة الإنتاج الإعلامي يوم 25 مارس"
    assert is_copy(tweet, tweet.replace("مسيرات", "مسرات").replace("الإعلامي", "الاعلامى") + ".")
    assert is_copy(tweet, tweet.replace("25", "٢٥"))
    # a changed figure, an added negation or another name is not a typo
    assert not is_copy(tweet, tweet.replace("25", "26"))
    assert not is_copy(tweet, tweet.replace("أدعوكم", "لا أدعوكم"))
    assert not is_copy("بوتين يتلقى رسالة من الخميني", "بوتين يتلقى رسالة من خامنئي")
    # a copy an outlet cut short at the end, or with a word split by a space, is a copy (Bulaq
    # Dakrour verdict, eval/real: four outlets' charge sheet, one without its last clause)
    charge = (
        "واتهمت النيابة المحالين باعتراض سيارة الشرطة، التي كان يستقلها المجنى عليهما بشارع ثروت بالجيزة، "
        "والتعدي عليهما بالضرب بالأسلحة البيضاء، وسرقة متعلقاتهما وأسلحة نارية وجهازي اتصال لا سلكي، عهدة "
        "مأمور القسم، كما أتلفوا سيارة الشرطة التي كانا يستقلانها."
    )
    cut = charge.replace("لا سلكي", "لاسلكى").replace(" التي كانا يستقلانها.", ".")
    assert is_copy(charge, cut) and is_copy(cut, charge)
    assert not is_copy(charge, cut.replace("لاسلكى", "لا"))  # "wireless" is not "no"
    # not when the cut-off end says something the rest does not: a "but", a negation, a denial
    assert not is_copy(tweet, tweet + " ولكن لن يحدث")
    assert not is_copy(tweet, tweet + "، وهو ما نفته الوزارة")
    visit = "وزیر امور خارجه روز دوشنبه در سفری رسمی به مسکو رفت و با همتای روس خود دیدار کرد"
    assert is_copy(visit, visit + " و درباره روابط دو کشور گفت‌وگو کرد")
    assert not is_copy(visit, visit + " و قراردادی امضا نکرد")
    # nor a short sentence, whose start says too little to be a copy of the longer one
    assert not is_copy("بوتين يتلقى رسالة", "بوتين يتلقى رسالة من خامنئي")
    judge = NLIJudge(nli, threshold=0.0)
    pair = CandidatePair(
        _claim("a.txt", tweet, "ar"),
        _claim("b.txt", tweet.replace("سلمية", "سلميه"), "ar"),
        0.99,
        "cross-article",
    )
    assert judge.judge_batch([pair], JudgeContext.of([], [])) == [None] and judge.pairs_scored == 0


def test_two_different_statements_of_one_story_are_not_scored(nli: NLIScorer) -> None:
    judge = NLIJudge(nli, threshold=0.0)
    a = _claim("a.txt", "أدانت مصر التفجير الذي استهدف مدينة أبها وأودى بحياة عشرة أشخاص", "ar")
    b = _claim("b.txt", "وقال شهود عيان إن سيارات الإسعاف نقلت المصابين إلى المستشفى الرئيسي", "ar")
    assert judge.judge_batch([CandidatePair(a, b, 0.9, "cross-article")], JudgeContext.of([], [])) == [None]
    assert judge.pairs_scored == 0
    # a negated twin is aligned and scored
    c = _claim("c.txt", "لم تدن مصر التفجير الذي استهدف مدينة أبها وأودى بحياة عشرة أشخاص", "ar")
    [v] = judge.judge_batch([CandidatePair(a, c, 0.9, "cross-article")], JudgeContext.of([], []))
    assert judge.pairs_scored == 2 and v is not None


def test_two_claims_whose_numbers_differ_are_left_to_the_figure_judges(nli: NLIScorer) -> None:
    """Real headlines of the Mokattam clashes (eg_press): the model called the later toll a
    contradiction (0.99); which toll is right is the figure judge's question (here: an update)."""
    judge = NLIJudge(nli, threshold=0.0)
    a = _claim("a.txt", "الصحة: 72 مصاباً في اشتباكات المقطم", "ar")
    b = _claim("b.txt", "الصحة: 31 إصابة في اشتباكات المقطم", "ar")
    c = _claim("c.txt", "الصحة: ٧٢ مصاباً في اشتباكات المقطم ولا وفيات", "ar")
    d = _claim("d.txt", "الصحة: لا مصابين في اشتباكات المقطم", "ar")
    context = JudgeContext.of([], [a, b, c, d])  # the facts stage reads the numbers
    assert judge.judge_batch([CandidatePair(a, b, 0.9, "cross-article")], context) == [None]
    assert judge.pairs_scored == 0
    # the same numbers (in other digits), or numbers on one side only: scored as before
    verdicts = judge.judge_batch(
        [CandidatePair(a, c, 0.9, "cross-article"), CandidatePair(a, d, 0.9, "cross-article")],
        context,
    )
    assert judge.pairs_scored == 4 and verdicts[1] is not None


def test_the_per_language_thresholds_are_the_shipped_heads_calibration() -> None:
    """Each language's threshold in thresholds.toml is the one config.json records for it."""
    from checker.config import NLI_LANGUAGES, Thresholds

    shipped = json.loads((NLI_DIR / "config.json").read_text(encoding="utf-8"))["contradiction_thresholds"]
    assert set(shipped) == set(NLI_LANGUAGES)
    cut = Thresholds().nli_cut()
    assert cut.by_language == pytest.approx(shipped, abs=1e-4)


def test_a_pair_in_one_language_is_judged_at_that_languages_threshold(nli: NLIScorer) -> None:
    """Two Arabic claims meet the Arabic cut; an Arabic claim against a Persian one the general cut."""
    from checker.nli.metrics import ContradictionThreshold

    a = _claim("a.txt", "أدانت مصر التفجير الذي استهدف مدينة أبها وأودى بحياة عشرة أشخاص", "ar")
    b = _claim("b.txt", "لم تدن مصر التفجير الذي استهدف مدينة أبها وأودى بحياة عشرة أشخاص", "ar")
    c = _claim("c.txt", "مصر انفجاری را که شهر ابها را هدف گرفت و ده نفر را کشت محکوم نکرد", "fa")
    pairs = [CandidatePair(a, b, 0.9, "cross-article"), CandidatePair(a, c, 0.9, "cross-article")]
    context = JudgeContext.of([], [])
    arabic_only = NLIJudge(nli, threshold=ContradictionThreshold(1.0, {"ar": 0.0}))
    ab, ac = arabic_only.judge_batch(pairs, context)
    assert ab is not None and ac is None
    across_only = NLIJudge(nli, threshold=ContradictionThreshold(0.0, {"ar": 1.0}))
    ab, ac = across_only.judge_batch(pairs, context)
    assert ab is None and ac is not None
