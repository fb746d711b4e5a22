"""The time judge: same figure with another year, same event with another date, and weekday
arithmetic inside one article -- on the seeds and on the issue's cases."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from functools import cache
from pathlib import Path

from checker.claims import extract_claims
from checker.config import Config
from checker.facts.stage import claim_facts
from checker.ingest import read_documents
from checker.judges.base import JudgeContext
from checker.judges.time import ArticleTimeJudge, TimeJudge, check_document_times
from checker.types import CandidatePair, Claim, Document, Judgement, Role, Span, Verdict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@cache
def seed_docs() -> tuple[Document, ...]:
    docs, _ = read_documents([str(SEEDS)], Config())
    return tuple(sorted(docs, key=lambda d: d.path))


def seed_doc(prefix: str) -> Document:
    [doc] = [d for d in seed_docs() if Path(d.path).name.startswith(prefix)]
    return doc


def claim(text: str, lang: str, doc: str = "other.txt") -> Claim:
    return Claim(id=f"{doc}#{hash(text)}", document=doc, index=0, role=Role.BODY, text=text,
                 span=Span(0, len(text), 1), lang=lang)  # fmt: skip


def judge(a: Claim, b: Claim, anchor_a: int | None = None, anchor_b: int | None = None) -> Verdict | None:
    return TimeJudge().judge_pair(a, b, claim_facts(a), claim_facts(b), anchor_a, anchor_b)


def article_conflicts(doc: Document, claims: list[Claim] | None = None) -> list[Judgement]:
    claims = claims if claims is not None else extract_claims(doc)
    return check_document_times(claims, doc, JudgeContext.of([doc], claims).facts)


def with_text(doc: Document, old: str, new: str) -> Document:
    return replace(doc, path=doc.path + "#edited", source=doc.source.replace(old, new))


# ----------------------------------------------------------------------------- one article


def test_seed_000_today_monday_yesterday_sunday_is_consistent() -> None:
    doc = seed_doc("000")
    assert article_conflicts(doc) == []
    assert JudgeContext.of([doc], []).facts.documents[doc.path].weekday == 0  # published on a Monday


def test_today_thursday_with_yesterday_sunday_is_not() -> None:
    doc = with_text(seed_doc("000"), "اليوم الاثنين", "اليوم الخميس")
    [conflict] = article_conflicts(doc)
    assert len(conflict.claims) == 2
    assert conflict.verdicts[0].explanation == (
        'Weekdays in one article disagree: "اليوم الخميس" makes the day of publication a Thursday, '
        '"أمس الأحد" makes it a Monday.'
    )
    (pa, sa, ea), (pb, sb, eb) = conflict.verdicts[0].highlights
    assert (
        conflict.claims[pa].text[sa:ea] == "اليوم الخميس" and conflict.claims[pb].text[sb:eb] == "أمس الأحد"
    )


def test_a_known_date_checks_each_weekday() -> None:
    doc = replace(seed_doc("000"), date=dt.date(2021, 2, 16))  # a Tuesday
    claims = extract_claims(doc)
    found = article_conflicts(doc, claims)
    assert {c.verdicts[0].highlights[0][0] for c in found} == {0}
    assert len(found) == 2  # اليوم الاثنين and أمس الأحد both disagree with a Tuesday
    assert article_conflicts(replace(doc, date=dt.date(2021, 2, 15)), claims) == []


def test_a_date_with_the_wrong_weekday() -> None:
    doc = Document(path="d.txt", lang="ar", source="عقد الاجتماع يوم الاثنين 16 فبراير 2021 في موسكو.")
    [conflict] = article_conflicts(doc)
    assert "is a Tuesday" in conflict.verdicts[0].explanation


def test_today_named_as_the_day_before_a_feed_date_is_a_note() -> None:
    # "today, Tuesday" in an article its feed dates Wednesday 2013-03-27: copy written the day before
    text = "وقالت الوزارة اليوم الثلاثاء إن المفاوضات مستمرة."
    doc = Document(path="f.txt", lang="ar", source=text, date=dt.date(2013, 3, 27), date_origin="metadata")
    [note] = article_conflicts(doc)
    assert note.verdicts[0].severity == "low" and "written the day before" in note.verdicts[0].explanation
    [finding] = article_conflicts(replace(doc, date=dt.date(2013, 3, 28)))  # two days off: an error
    assert finding.verdicts[0].severity is None


def test_a_relative_day_inside_a_quotation_is_a_note() -> None:
    # eg_press (Youm7, 2013-03-25, a Monday): a tweet quoted a day later keeps its "tomorrow, Sunday"
    tweet = (
        "كتب الناشط على «تويتر» عددا من التغريدات منها «أدعوكم إلى نبذ العنف والقيام بمظاهرات سلمية "
        "غدا الأحد»."
    )
    [note] = article_conflicts(Document(path="q.txt", lang="ar", source=tweet, date=dt.date(2013, 3, 25)))
    assert note.verdicts[0].severity == "low" and "inside a quotation" in note.verdicts[0].explanation
    # the same words as the article's own are a finding
    own = "وتنظم الحركة مظاهرات سلمية غدا الأحد أمام مدينة الإنتاج الإعلامي."
    [finding] = article_conflicts(Document(path="o.txt", lang="ar", source=own, date=dt.date(2013, 3, 25)))
    assert finding.verdicts[0].severity is None


def test_article_time_judge_flags_the_odd_claim_against_the_majority() -> None:
    doc = with_text(seed_doc("000"), "اليوم الاثنين", "اليوم الخميس")
    claims = extract_claims(doc)
    [judgement] = ArticleTimeJudge().judge_claims(claims, JudgeContext.of([doc], claims))
    assert len(judgement.claims) == 2 and "أمس الأحد" in judgement.claims[-1].text


# ----------------------------------------------------------------------------- pairs


def test_same_figure_with_another_year() -> None:
    a = claim("هذا وبلغ حجم التبادل التجاري بين إيران وروسيا، نحو ملياري دولار فقط، في العام 2020.", "ar")
    b = claim("هذا وبلغ حجم التبادل التجاري بين إيران وروسيا، نحو ملياري دولار فقط، في العام 2019.", "ar")
    v = judge(a, b)
    assert v is not None and (v.judge, v.kind) == ("time", "date")
    assert v.explanation == (
        "Trade volume of about 2 billion USD is dated differently: "
        '"العام 2020" (2020) vs "العام 2019" (2019).'
    )
    persian = claim("حجم مبادلات تجاری ایران و روسیه در سال ۲۰۱۹ حدود دو میلیارد دلار بود.", "fa")
    assert judge(a, persian) is not None


def test_other_figures_for_other_years_are_quiet() -> None:
    a = claim("بلغ حجم التبادل التجاري بين البلدين ملياري دولار في 2018", "ar")
    b = claim("بلغ حجم التبادل التجاري بين البلدين خمسة مليارات دولار في 2020", "ar")
    assert judge(a, b) is None


def test_seed_004_growth_last_year_against_2020_trade_is_quiet() -> None:
    doc4 = seed_doc("004")
    growth = next(c for c in extract_claims(doc4) if "38%" in c.text)
    trade = next(c for c in extract_claims(seed_doc("001")) if "حجم التبادل التجاري" in c.text)
    v = TimeJudge().judge_pair(growth, trade, claim_facts(growth, doc4), claim_facts(trade))
    assert v is None


def test_same_event_other_year() -> None:
    # ANS stance_train: the same headline with another year
    a = claim("عام 2018 تخصصه دار نشر بريطانية لنشر مؤلفات المرأة", "ar")
    b = claim("عام 2020 تخصصه دار نشر بريطانية لنشر مؤلفات المرأة", "ar")
    v = judge(a, b)
    assert v is not None and v.explanation == 'Dates differ: "عام 2018" (2018) vs "عام 2020" (2020).'


def test_one_date_in_other_digits_or_calendars_is_quiet() -> None:
    a = claim("نيكاي يرتفع لأعلى مستوى منذ 1991", "ar")
    assert judge(a, claim("ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١", "ar")) is None
    b = claim("جنگ به صورت رسمی در ۳۱ شهریور ۱۳۵۹ آغاز شد.", "fa")
    c = claim("جنگ به صورت رسمی در ۲۲ سپتامبر ۱۹۸۰ آغاز شد.", "fa")
    assert judge(b, c) is None


def test_different_events_of_one_person_are_quiet() -> None:
    # FarsTail val: two things Shajarian did in two years
    a = claim('محمدرضا شجریان در سال ۱۳۸۱ دو آلبوم "بی تو به‌سر نمی‌شود" و "فریاد" را منتشر کرد.', "fa")
    b = claim(
        "استاد محمدرضا شجریان در سال ۱۳۸۷ یک گروه موسیقی بنیان‌گذاری کرد و آن را گروه شهناز نامید.", "fa"
    )
    assert judge(a, b) is None


def test_relative_days_are_compared_only_once_anchored() -> None:
    arrived_001 = next(c for c in extract_claims(seed_doc("001")) if "مساء أمس الاحد" in c.text)
    arrived_002 = next(c for c in extract_claims(seed_doc("002")) if "أول من أمس" in c.text)
    # "yesterday, Sunday" against "the day before yesterday" of an undated article: no conflict
    assert judge(arrived_001, arrived_002) is None
    # an article published on a Monday whose "yesterday evening" arrival was a Saturday
    saturday = claim("وكان وصل قاليباف إلى موسكو مساء السبت، على رأس وفد برلماني", "ar")
    yesterday = claim("وكان وصل قاليباف إلى موسكو مساء أمس، على رأس وفد برلماني", "ar")
    assert judge(yesterday, saturday) is None  # unanchored
    v = judge(yesterday, saturday, anchor_a=0)
    assert v is not None and "(Sunday)" in v.explanation and "(Saturday)" in v.explanation


def test_anchors_come_from_the_articles_own_words() -> None:
    doc = seed_doc("000")
    saturday = claim("وبدأ رئيس البرلمان الإيراني محمد باقر قاليباف، يوم السبت، زيارة رسمية إلى روسيا", "ar")
    started = next(c for c in extract_claims(doc) if "يوم أمس" in c.text)
    context = JudgeContext.of([doc], [started, saturday])
    [v] = TimeJudge().judge_batch([CandidatePair(started, saturday, 0.9, "cross-article")], context)
    assert v is not None  # seed 000 says اليوم الاثنين, so its يوم أمس is a Sunday


def test_no_false_positive_on_the_seeds() -> None:
    docs = seed_docs()
    claims = [c for d in docs for c in extract_claims(d)]
    context = JudgeContext.of(list(docs), claims)
    pairs = [CandidatePair(a, b, 1.0, "cross-article") for a, b in itertools.combinations(claims, 2)]
    verdicts = TimeJudge().judge_batch(pairs, context)
    assert [(p.a.id, p.b.id, v.explanation) for p, v in zip(pairs, verdicts, strict=True) if v] == []
    for d in docs:
        assert check_document_times([c for c in claims if c.document == d.path], d, context.facts) == []


def test_dates_of_articles_a_news_cycle_apart_are_a_note() -> None:
    # one judge's two sessions, reported on their own days: "today, Saturday" and "today" (Monday)
    text_a = "قرر قاضي المعارضات بمحكمة جنوب القاهرة، اليوم السبت، تأجيل تجديد حبس الناشط"
    text_b = "قرر قاضي المعارضات بمحكمة جنوب القاهرة، اليوم الاثنين، تأجيل تجديد حبس الناشط"

    def doc(name: str, text: str, day: dt.date) -> tuple[Document, Claim]:
        d = Document(path=name, lang="ar", source=text, date=day, date_origin="metadata", time=dt.time(12))
        return d, Claim(f"{name}#0", name, 0, Role.BODY, text, Span(0, len(text), 1), "ar")

    def verdict(day_b: dt.date) -> Verdict | None:
        (da, a), (db, b) = doc("a.json", text_a, dt.date(2013, 2, 16)), doc("b.json", text_b, day_b)
        context = JudgeContext.of([da, db], [a, b])
        [v] = TimeJudge().judge_batch([CandidatePair(a, b, 0.95, "cross-article")], context)
        return v

    same_cycle, two_days_on = verdict(dt.date(2013, 2, 16)), verdict(dt.date(2013, 2, 18))
    assert same_cycle is not None and same_cycle.severity is None
    assert two_days_on is not None and two_days_on.severity == "low"


def test_a_relative_day_beside_a_figure_still_dates_the_event() -> None:
    # qursaya-military-verdict of eval/real: both articles dated Wednesday; one has the court rule
    # "yesterday", the other "today, Wednesday". The day frames the figure (12, 14 acquitted) with
    # its year, and is still compared as a day.
    text_a = "قضت المحكمة العسكرية، أمس، ببراءة 12 من أهالي المتهمين في قضية جزيرة القرصاية"
    text_b = "قضت المحكمة العسكرية اليوم الأربعاء، ببراءة 12 من أهالي جزيرة القرصاية المتهمين"

    def doc(name: str, text: str) -> tuple[Document, Claim]:
        d = Document(
            path=name,
            lang="ar",
            source=text,
            date=dt.date(2013, 2, 27),
            date_origin="metadata",
            time=dt.time(20),
        )
        return d, Claim(f"{name}#0", name, 0, Role.BODY, text, Span(0, len(text), 1), "ar")

    (da, a), (db, b) = doc("a.json", text_a), doc("b.json", text_b)
    [v] = TimeJudge().judge_batch(
        [CandidatePair(a, b, 0.95, "cross-article")], JudgeContext.of([da, db], [a, b])
    )
    assert v is not None and "2013-02-26" in v.explanation and "2013-02-27" in v.explanation
    (da, a), (db, b) = doc("a.json", text_a.replace("أمس", "اليوم")), doc("b.json", text_b)
    [same_day] = TimeJudge().judge_batch(
        [CandidatePair(a, b, 0.95, "cross-article")], JudgeContext.of([da, db], [a, b])
    )
    assert same_day is None


def test_a_date_said_before_and_replaced_is_a_note() -> None:
    # fars-noise of eval/real: the headline gives the month of the games, the body what "had been
    # said before"; without that marker the two months conflict
    headline = "مسابقات کاراته قهرمانی فروردین ماه برگزار می شود"
    body = "قبلا ذکر شده بود این مسابقات در اردیبهشت ماه برگزار می‌شود."
    text = f"{headline}\n{body}"
    d = Document(path="a.json", lang="fa", source=text, date=None, date_origin=None)

    def verdict(body_text: str) -> Verdict | None:
        a = Claim("a.json#0", "a.json", 0, Role.HEADLINE, headline, Span(0, len(headline), 1), "fa")
        b = Claim("a.json#1", "a.json", 1, Role.BODY, body_text, Span(len(headline) + 1, len(text), 2), "fa")
        [v] = TimeJudge().judge_batch(
            [CandidatePair(a, b, 0.95, "headline-body")], JudgeContext.of([d], [a, b])
        )
        return v

    said_before = verdict(body)
    assert said_before is not None and said_before.severity == "low"
    plain = verdict(body.replace("قبلا ذکر شده بود ", ""))
    assert plain is not None and plain.severity is None


def test_a_visit_on_two_days_agrees_with_its_first_day() -> None:
    # eg-noise of eval/real: the headline has the visit start on 4 March, the body has it "on 4 and
    # 5 March"; a visit on 6 and 7 March would not start on the 4th
    headline = claim("قنديل يبدأ زيارته للعراق 4 مارس المقبل", "ar", "a.txt")
    body = claim(
        "يقوم الدكتور هشام قنديل رئيس مجلس الوزراء بزيارة رسمية إلى دولة العراق يومي 4 و5 مارس المقبل",
        "ar",
        "a.txt",
    )
    assert judge(headline, body) is None
    assert judge(headline, claim(body.text.replace("4 و5", "6 و7"), "ar", "a.txt")) is not None


def test_prices_of_two_days_are_two_readings_not_one_event_misdated() -> None:
    # Fars News (fars-noise): two days' chicken price lists, one template
    a = claim(
        "قيمت زنده و كشته مرغ در تهران و شهرستانها در روز يكشنبه چهارم مرداد ماه به اين شرح اعلام شد:", "fa"
    )
    b = claim("قيمت مرغ زنده و كشته در تهران و شهرستانها در روز شنبه 28 خردادماه 84 به شرح زير است:", "fa")
    assert judge(a, b) is None
    # the same template dating one meeting twice still conflicts
    c = claim("نشست وزيران نفت در تهران و شهرستانها در روز يكشنبه چهارم مرداد ماه برگزار شد", "fa")
    d = claim("نشست وزيران نفت در تهران و شهرستانها در روز شنبه برگزار شد", "fa")
    v = judge(c, d)
    assert v is not None and v.explanation.startswith('Dates differ: "روز يكشنبه چهارم مرداد')
