"""Word lists for quantities: units, currencies, hedges, what is counted; and whose (from the KB).

Written as news spells them in Arabic and Persian (and a few English forms that
appear in both); ``checker.facts.phrases.PhraseTable`` folds them for matching.
Concepts are language-neutral keys (``trade``, ``exports``, ``visit``), which is
what lets an Arabic ``حجم التبادل التجاري`` and a Persian ``حجم مبادلات تجاری`` be
recognised as the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from checker.facts.phrases import PhraseTable
from checker.kb import KnowledgeBase


@dataclass(frozen=True)
class Unit:
    kind: str  # "percent" | "money" | "duration" | "measure"
    unit: str  # "percent", ISO code or currency family, "day", "km", ...
    factor: float = 1.0  # to the base unit of its dimension (days for durations)


_PERCENT = (
    "%",
    "بالمئة",
    "بالمائة",
    "في المئة",
    "في المائة",
    "بالمية",
    "درصد",
    "درصدی",
    "percent",
    "per cent",
)

# fmt: off
_CURRENCIES: dict[str, str] = {
    # US dollar
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "الدولارات": "USD", "الدولار": "USD", "دلار": "USD",
    "دلاری": "USD", "$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "euro": "EUR", "يورو": "EUR", "اليورو": "EUR", "یورو": "EUR", "€": "EUR",
    "جنيه إسترليني": "GBP", "جنيها إسترلينيا": "GBP", "إسترليني": "GBP", "پوند": "GBP", "£": "GBP",
    "جنيه": "pound", "جنيها": "pound", "جنيهات": "pound",
    "ريال": "riyal", "ريالا": "riyal", "ريالات": "riyal", "ریال": "IRR", "ریالی": "IRR",
    "تومان": "IRT", "تومانی": "IRT",
    "دينار": "dinar", "دينارا": "dinar", "دنانير": "dinar", "دینار": "dinar",
    "درهم": "dirham", "درهما": "dirham", "دراهم": "dirham",
    "ليرة": "lira", "ليرات": "lira", "لیر": "lira", "لیره": "lira",
    "روبل": "RUB", "روبلا": "RUB", "روبلات": "RUB",
    "يوان": "CNY", "یوان": "CNY", "ين": "JPY", "ین": "JPY",
}
# fmt: on

# adjective after a currency word -> code, by family
CURRENCY_ADJECTIVES: dict[str, dict[str, str]] = {
    "riyal": {"سعودي": "SAR", "قطري": "QAR", "إيراني": "IRR", "عماني": "OMR", "يمني": "YER"},
    "pound": {"مصري": "EGP", "إسترليني": "GBP", "سوداني": "SDG"},
    "dinar": {
        "عراقي": "IQD",
        "كويتي": "KWD",
        "أردني": "JOD",
        "بحريني": "BHD",
        "ليبي": "LYD",
        "تونسي": "TND",
        "جزائري": "DZD",
        "عراقی": "IQD",
        "کویتی": "KWD",
    },
    "lira": {"تركية": "TRY", "لبنانية": "LBP", "سورية": "SYP", "ترکیه": "TRY"},
    "dirham": {"إماراتي": "AED", "مغربي": "MAD"},
}
CURRENCY_FAMILY: dict[str, str] = {
    code: fam for fam, table in CURRENCY_ADJECTIVES.items() for code in table.values()
}

# durations: factor to days
# fmt: off
_DURATIONS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("يوم", "يوما", "أيام", "ايام", "روز", "روزه"), ("day", 1.0)),
    **dict.fromkeys(("ساعة", "ساعات", "ساعت", "ساعته"), ("hour", 1 / 24)),
    **dict.fromkeys(("دقيقة", "دقائق", "دقیقه"), ("minute", 1 / 1440)),
    **dict.fromkeys(("ثانية", "ثوان", "ثواني", "ثانیه"), ("second", 1 / 86400)),
    **dict.fromkeys(("أسبوع", "أسبوعا", "أسابيع", "اسبوع", "اسبوعا", "هفته"), ("week", 7.0)),
    **dict.fromkeys(("شهر", "شهرا", "أشهر", "شهور", "ماه"), ("month", 30.0)),
    **dict.fromkeys(("عام", "عاما", "أعوام", "سنة", "سنوات", "سنين", "عامًا", "سال", "ساله", "سالگی"),
    ("year", 365.0)),
    **dict.fromkeys(("عقد", "عقود", "دهه"), ("decade", 3650.0)),
}
# fmt: on

# fmt: off
_MEASURES: dict[str, str] = {
    **dict.fromkeys(("كيلومتر", "كيلومترا", "كيلومترات", "كم", "کیلومتر", "km"), "km"),
    **dict.fromkeys(("متر", "مترا", "أمتار", "m"), "m"),
    **dict.fromkeys(("كيلوغرام", "كيلوجرام", "كغ", "کیلوگرم", "kg"), "kg"),
    **dict.fromkeys(("طن", "طنا", "أطنان", "تن"), "ton"),
    **dict.fromkeys(("برميل", "برميلا", "براميل", "بشکه"), "barrel"),
    **dict.fromkeys(("ميغاواط", "ميجاوات", "مگاوات"), "MW"),
    **dict.fromkeys(("هكتار", "هكتارا", "هکتار"), "ha"),
    **dict.fromkeys(("درجة", "درجات", "درجه"), "degree"),
    **dict.fromkeys(("متر مكعب", "مترا مكعبا", "متر مکعب", "مترمکعب"), "m3"),
    **dict.fromkeys(("كيلومتر مربع", "کیلومتر مربع"), "km2"),
}
# fmt: on


@cache
def units() -> PhraseTable[Unit]:
    entries: list[tuple[str, Unit]] = [(w, Unit("percent", "percent")) for w in _PERCENT]
    entries += [(w, Unit("money", code)) for w, code in _CURRENCIES.items()]
    entries += [(w, Unit("measure", u)) for w, u in _MEASURES.items()]
    entries += [(w, Unit("duration", u, f)) for w, (u, f) in _DURATIONS.items()]
    return PhraseTable(entries)


@cache
def currency_adjectives() -> dict[str, PhraseTable[str]]:
    return {fam: PhraseTable(table) for fam, table in CURRENCY_ADJECTIVES.items()}


# ----------------------------------------------------------------------------- hedges

# fmt: off
_HEDGES_BEFORE = (
    "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "يقارب", "ما يناهز", "يناهز", "تقريبا",
    "أكثر من", "بأكثر من", "أقل من", "بأقل من", "ما يزيد عن", "ما يزيد على", "يزيد عن", "يزيد على",
    "أزيد من", "ما لا يقل عن", "لا يقل عن", "في حدود", "حدود", "لم يتجاوز", "لا يتجاوز", "يتجاوز",
    "تجاوز", "يتخطى", "تخطى", "ما بين", "نحوا من", "قراب",
    "حدود", "حدودا", "در حدود", "تقریبا", "نزدیک به", "قریب به", "بیش از", "بیشتر از", "کمتر از",
    "بالغ بر", "متجاوز از", "افزون بر", "حداقل", "حداکثر", "کمابیش", "فراتر از",
    "about", "around", "nearly", "approximately", "roughly", "over", "more than", "less than", "almost",
    "up to", "some",
)
# fmt: on
_HEDGES_AFTER = ("تقريبا", "تقریبا", "أو أكثر", "ونيف", "و اندی", "approximately")


# A bare number after these is a share, whatever sign the copy lost: "بنسبة 0.4" is 0.4%.
_RATIO_BEFORE = ("بنسبة", "نسبة", "نسبته", "بما نسبته", "ما نسبته")


@cache
def ratio_before() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_RATIO_BEFORE, True))


@cache
def hedges_before() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_HEDGES_BEFORE, True))


@cache
def hedges_after() -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(_HEDGES_AFTER, True))


# ----------------------------------------------------------------------------- concepts

# fmt: off
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "trade": ("تجارة", "التجاري", "التجارية", "تجاري", "تجارية", "المبادلات التجارية", "التبادلات",
              "تجارت", "تجاری", "مبادلات", "مبادلات تجاری", "تبادل تجاری", "trade"),
    "exports": ("صادرات", "تصدير", "صادراتها", "صادراته", "صادراتی", "exports"),
    "imports": ("واردات", "استيراد", "وارداتها", "وارداتی", "imports"),
    "visit": ("زيارة", "زيارات", "جولة", "سفر", "سفرهای", "بازدید", "visit", "trip"),
    "meeting": ("لقاء", "لقاءات", "اجتماع", "اجتماعات", "قمة", "محادثات", "مباحثات", "دیدار", "نشست", "جلسه",
                "ملاقات", "مذاکره", "مذاکرات", "meeting", "talks", "summit"),
    "deaths": ("قتيل", "قتلى", "قتيلا", "مقتل", "وفاة", "وفيات", "ضحايا", "ضحية", "مصرع", "شهيد", "شهداء",
               "كشته", "کشته", "کشته شدگان", "جان باختگان", "قربانی", "قربانیان", "فوتی", "شهید", "شهدا",
               "تلفات", "killed", "dead", "deaths"),
    "injured": ("جريح", "جرحى", "مصاب", "مصابين", "إصابة", "إصابات", "زخمی", "مجروح", "مصدوم", "مجروحان",
                "injured", "wounded"),
    "arrests": ("اعتقال", "معتقل", "معتقلين", "موقوف", "موقوفين", "توقيف", "القبض", "بازداشت", "دستگیر",
                "دستگیری", "بازداشتی", "arrested"),
    "displaced": ("نازح", "نازحين", "نزوح", "لاجئ", "لاجئين", "مهجر", "آواره", "آوارگان", "پناهجو", "پناهنده",
                  "پناهجویان", "refugees"),
    "persons": ("شخص", "أشخاص", "شخصا", "فرد", "أفراد", "مواطن", "مواطنين", "مدني", "مدنيين", "نفر",
                "people", "persons"),
    "population": ("سكان", "نسمة", "جمعیت", "population"),
    "price": ("سعر", "أسعار", "ثمن", "قیمت", "price", "prices"),
    "value": ("قيمة", "ارزش", "worth"),
    "oil": ("نفط", "برنت", "خام", "نفت", "oil", "brent"),
    "gas": ("غاز", "گاز", "gas"),
    "gold": ("ذهب", "طلا", "gold"),
    "growth": ("نمو", "ارتفاع", "زيادة", "زاد", "زادت", "ارتفع", "ارتفعت", "قفز", "قفزت", "صعود", "يرتفع",
               "تقفز", "يقفز", "ترتفع", "يزيد", "تزيد",
               "رشد", "افزایش", "growth", "rose", "increase"),
    "decline": ("انخفاض", "تراجع", "هبوط", "انخفض", "انخفضت", "تراجعت", "هوى", "هوت", "انكماش", "ينخفض",
                "تنخفض", "تهوي", "يهوي", "تتراجع", "يتراجع",
                "كاهش", "کاهش", "افت", "سقوط", "fell", "decline"),
    "inflation": ("تضخم", "تورم", "inflation"),
    "unemployment": ("بطالة", "بیکاری", "unemployment"),
    "budget": ("ميزانية", "موازنة", "بودجه", "budget"),
    "deficit": ("عجز", "کسری", "deficit"),
    "debt": ("دين", "ديون", "مديونية", "بدهی", "debt"),
    "loan": ("قرض", "قروض", "وام", "تسهیلات", "loan"),
    "aid": ("مساعدات", "مساعدة", "منحة", "معونة", "کمک", "aid"),
    "investment": ("استثمار", "استثمارات", "سرمایه گذاری", "سرمایه‌گذاری", "investment"),
    "gdp": ("الناتج المحلي", "الناتج", "تولید ناخالص", "gdp"),
    "production": ("إنتاج", "انتاج", "تولید", "production", "output"),
    "sales": ("مبيعات", "فروش", "sales"),
    "revenue": ("إيرادات", "عائدات", "درآمد", "revenue"),
    "profit": ("أرباح", "ربح", "سود", "profit"),
    "reserves": ("احتياطي", "احتياطيات", "ذخایر", "reserves"),
    "wages": ("رواتب", "أجور", "دستمزد", "wages", "salaries"),
    "age": ("عمر", "عمره", "عمرها", "العمر", "سن", "age", "aged"),
    "votes": ("أصوات", "صوت", "صوتا", "رای", "رأی", "آرا", "آراء", "votes"),
    "seats": ("مقاعد", "مقعد", "مقعدا", "کرسی", "seats"),
    "term": ("ولاية", "دورة", "دوره", "term"),
    "round": ("جولة", "دور", "round"),
    "occasion": ("مرة", "مرات", "بار", "مرتبه", "time", "times"),
    "rank": ("المركز", "مركز", "المرتبة", "مرتبة", "رتبه", "مقام", "جایگاه", "rank", "place"),
    "soldiers": ("جندي", "جنود", "جنديا", "عسكري", "عسكريين", "سرباز", "سربازان", "soldiers", "troops"),
    "cases": ("حالة", "حالات", "مورد", "موارد", "مبتلا", "ابتلا", "cases"),
    "shares": ("أسهم", "سهم", "سهام", "shares"),
    "index": ("مؤشر", "شاخص", "index"),
    "rate": ("معدل", "نسبة", "نرخ", "rate"),
    "students": ("طالب", "طلاب", "تلميذ", "تلاميذ", "تلميذا", "دانشجو", "دانش آموز", "students"),
    "schools": ("مدرسة", "مدارس", "مدرسه", "schools"),
    "families": ("عائلة", "عائلات", "أسرة", "أسر", "خانواده", "families"),
    "workers": ("عامل", "عمال", "عاملا", "كارگر", "کارگر", "workers"),
    "members": ("عضو", "أعضاء", "اعضا", "اعضای", "members"),
    "vehicles": ("سيارة", "سيارات", "شاحنة", "شاحنات", "خودرو", "کامیون", "trucks", "cars"),
    "aircraft": ("طائرة", "طائرات", "هواپیما", "فروند", "aircraft"),
    "missiles": ("صاروخ", "صواريخ", "موشک", "missiles"),
    "countries": ("دولة", "دول", "بلدا", "بلدان", "كشور", "کشور", "کشورها", "countries"),
    "cities": ("مدينة", "مدن", "شهرها", "cities"),
    # events, for dating things rather than counting them
    "arrive": ("وصل", "وصول", "يصل", "وصلت", "رسید", "وارد", "ورود", "arrived"),
    "depart": ("غادر", "مغادرة", "يغادر", "ترک", "departed"),
    "deliver": ("سلم", "تسليم", "يسلم", "سلمه", "تسليمه", "تحویل", "تقدیم", "delivered"),
    "start": ("بدأ", "بدء", "بدأت", "انطلق", "انطلقت", "تبدأ", "يبدأ", "آغاز", "شروع", "began", "started"),
    "end": ("انتهى", "انتهت", "تنتهي", "ينتهي", "انتهاء", "اختتم", "پایان", "خاتمه", "ended"),
    "announce": ("أعلن", "أعلنت", "إعلان", "اعلام", "announced"),
    "sign": ("وقع", "وقعت", "توقيع", "امضا", "امضای", "signed"),
    "election": ("انتخابات", "انتخاب", "الانتخابات", "election"),
    "born": ("ولد", "مواليد", "ولادة", "متولد", "زاده", "تولد", "born"),
    "died": ("توفي", "توفيت", "رحيل", "درگذشت", "درگذشته", "died"),
    "attack": ("هجوم", "هجمات", "حمله", "حملات", "attack"),
    "war": ("حرب", "الحرب", "جنگ", "war"),
    "founded": ("تأسيس", "تأسست", "أسس", "تاسیس", "بنیان", "founded"),
    "letter": ("رسالة", "رسائل", "پیام", "نامه", "letter", "message"),
}
# fmt: on

# Concepts that name a relation between two parties: a country next to them says
# between whom, not whose, so it does not narrow the subject.
SYMMETRIC_CONCEPTS = frozenset({"trade", "meeting", "war"})
# Events, for dating things rather than counting them; the verbs among them never say what
# a number counts (a visit or an attack can be counted, an arrival is not).
VERB_EVENTS = frozenset(
    {"arrive", "depart", "deliver", "start", "end", "announce", "sign", "born", "died", "founded"}
)
EVENT_CONCEPTS = VERB_EVENTS | frozenset({"election", "attack", "war", "letter", "visit", "meeting"})
# Readings: a price or an index is read again every day, and its date says which reading, not when
# an event happened; two claims that both read one are two readings when their dates differ. (Not
# "rate": نسبة is also the share of anything, a turnout on an election day included.)
READING_CONCEPTS = frozenset({"price", "index"})

# fmt: off
CONCEPT_LABELS: dict[str, str] = {
    "trade": "Trade volume", "exports": "Exports", "imports": "Imports", "visit": "Visit",
    "meeting": "Meeting",
    "deaths": "Death toll", "injured": "Number of injured", "arrests": "Number of arrests",
    "displaced": "Number of displaced", "persons": "Number of people", "population": "Population",
    "price": "Price", "value": "Value", "oil": "Oil figure", "gas": "Gas figure", "gold": "Gold figure",
    "growth": "Increase", "decline": "Decrease", "inflation": "Inflation", "unemployment": "Unemployment",
    "budget": "Budget", "deficit": "Deficit", "debt": "Debt", "loan": "Loan", "aid": "Aid",
    "investment": "Investment", "gdp": "GDP", "production": "Production", "sales": "Sales",
    "revenue": "Revenue",
    "profit": "Profit", "reserves": "Reserves", "wages": "Wages", "age": "Age", "votes": "Votes",
    "seats": "Seats",
    "term": "Term", "round": "Round", "occasion": "Occasion", "rank": "Rank",
    "soldiers": "Number of soldiers",
    "cases": "Number of cases", "shares": "Shares", "index": "Index", "rate": "Rate", "students": "Students",
    "schools": "Schools", "families": "Families", "workers": "Workers", "members": "Members",
    "vehicles": "Vehicles", "aircraft": "Aircraft", "missiles": "Missiles", "countries": "Countries",
    "cities": "Cities",
}
# fmt: on


@cache
def concepts() -> PhraseTable[frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for key, words in _CONCEPTS.items():
        for w in words:
            merged.setdefault(w, set()).add(key)
    return PhraseTable({w: frozenset(keys) for w, keys in merged.items()})


# ----------------------------------------------------------------------------- population groups

# fmt: off
# Whose rate: a statistics release gives one measure for several groups ("معدل البطالة بين الذكور
# 9.6%", "في الحضر 16.9%", the national 13%). A group named between the concept and its figure, after
# its preposition, makes the figure a different figure from the national one and from other groups'.
_GROUPS: dict[str, str] = {
    **dict.fromkeys(("بين الذكور", "لدى الذكور", "للذكور", "بين الرجال", "در میان مردان", "در بین مردان",
                     "بین مردان", "میان مردان"), "male"),
    **dict.fromkeys(("بين الإناث", "لدى الإناث", "للإناث", "بين النساء", "در میان زنان", "در بین زنان",
                     "بین زنان", "میان زنان"), "female"),
    **dict.fromkeys(("في الحضر", "بالحضر", "في المدن", "بالمدن", "في المناطق الحضرية", "در مناطق شهری",
                     "در شهرها", "در نقاط شهری"), "urban"),
    **dict.fromkeys(("في الريف", "بالريف", "في المناطق الريفية", "في القرى", "در مناطق روستایی",
                     "در روستاها", "در نقاط روستایی"), "rural"),
    **dict.fromkeys(("بين الشباب", "لدى الشباب", "للشباب", "در میان جوانان", "در بین جوانان",
                     "بین جوانان"), "youth"),
}
# fmt: on
GROUP_PREFIX = "group:"


@cache
def population_groups() -> PhraseTable[str]:
    return PhraseTable({phrase: GROUP_PREFIX + group for phrase, group in _GROUPS.items()})


def groups_of(qualifiers: frozenset[str]) -> frozenset[str]:
    """The population groups among a subject's qualifiers (the rest are places)."""
    return frozenset(q for q in qualifiers if q.startswith(GROUP_PREFIX))


# ----------------------------------------------------------------------------- comparisons

# fmt: off
# "13% this quarter against 12.5% the quarter before, while it was 8.9% in the same quarter of 2010":
# after one of these the sentence gives another period's figure (True), and a year named there dates
# that figure, not the one before the marker. After an addition (False) it gives another figure, with
# its own year, of the same period.
_COMPARISONS = (
    "مقابل", "بالمقارنة", "مقارنة", "بينما كان", "بينما كانت", "في حين كان", "في حين كانت", "بعد أن كان",
    "بعد أن كانت", "بعدما كان", "بعدما كانت", "عن نفس", "عن ذات", "نفس الفترة", "ذات الفترة",
    "الفترة نفسها", "الفترة ذاتها", "الفترة المماثلة", "نفس الربع", "الربع المماثل",
    "در مقایسه با", "نسبت به", "در حالی که", "در حالیکه", "در برابر", "مدت مشابه", "دوره مشابه",
    # a running total since the start of the year is another period's figure than today's
    "منذ بداية العام", "منذ مطلع العام", "منذ بداية السنة", "از ابتدای سال", "از ابتدای امسال",
    "از آغاز سال", "از ابتداي سال",
)
_ADDITIONS = ("بالإضافة إلى", "إضافة إلى", "علاوة على", "فضلا عن", "علاوه بر", "به علاوه")
# fmt: on


@cache
def comparisons() -> PhraseTable[bool]:
    """Comparison markers (True) and additions (False)."""
    return PhraseTable([*((w, True) for w in _COMPARISONS), *((w, False) for w in _ADDITIONS)])


# ----------------------------------------------------------------------------- places


@cache
def places(kb: KnowledgeBase) -> PhraseTable[str]:
    """Whose a figure is: the names and adjectives of the knowledge base's places (and of the
    organisations that have adjectives, the EU), each read as the outermost place it lies in (a
    capital as its country). A newsroom's own KB files (``--kb``) extend it."""
    entries: list[tuple[str, str]] = []
    for entity in kb:
        if entity.type != "place" and not entity.adjectives:
            continue
        owner = kb.outermost(entity.id)
        for spellings in (*entity.names.values(), *entity.adjectives.values()):
            entries.extend((spelling, owner) for spelling in spellings)
    return PhraseTable(entries)


# ----------------------------------------------------------------------------- labels

# words that name a numbered item: the number after them is an identifier (اصل ۴۴, القرار 2254)
_LABELS = (
    "اصل", "ماده", "بند", "قطعنامه", "شماره", "فصل", "صفحه", "جلد", "سوره", "آیه", "تبصره", "رقم", "القرار",
    "قرار", "المادة", "مادة", "البند", "الفصل", "الصفحة", "الآية", "سورة", "الرقم", "القانون",
)  # fmt: skip


@cache
def label_nouns() -> frozenset[str]:
    """Folded label words, with and without the Arabic article."""
    from checker.text.tokens import fold

    folded = {fold(w) for w in _LABELS}
    return frozenset(folded | {w[2:] for w in folded if w.startswith("ال")})


# ----------------------------------------------------------------------------- stopwords

# fmt: off
_STOPWORDS = (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "أن", "إن", "أنه", "أنها", "التي", "الذي", "الذين", "هذا",
    "هذه",
    "ذلك", "تلك", "قد", "لقد", "كان", "كانت", "و", "أو", "ثم", "ما", "لا", "لم", "لن", "بين", "منذ", "خلال",
    "بعد",
    "قبل", "حتى", "عند", "كل", "أي", "هو", "هي", "هم", "منها", "منه", "فقط", "أيضا", "حيث", "له", "لها",
    "به", "بها",
    "فيه", "فيها", "عليه", "إلا", "غير", "يوم", "وقد", "كما", "بأن", "وفي", "ومن", "وأن", "لدى", "نحو", "ب",
    "ل", "ال",
    "در", "از", "به", "با", "که", "را", "این", "آن", "برای", "تا", "بر", "یا", "هم", "نیز", "است", "بود",
    "شد",
    "می", "های", "ها", "خود", "او", "وی", "پس", "اما", "چه", "شده", "کرد", "دارد", "بودند", "اند", "هر",
    "همه",
    "the", "of", "in", "and", "to", "a", "on", "for", "by", "with", "at",
)
# fmt: on


@cache
def stopwords() -> frozenset[str]:
    from checker.text.tokens import fold

    return frozenset(fold(w) for w in _STOPWORDS)
