"""The eval's own word lists for building perturbations (Arabic ``ar`` and Persian ``fa``).

Written for this eval and kept apart from the checker's knowledge base on purpose: a
perturbation must be a fact change a newsroom editor would recognise, not one the
checker's KB happens to know. The lists are general news vocabulary (officials of Iran
and Russia and stand-ins of the same rank, capitals, weekdays, number words, negation
forms, synonyms), not strings picked out of the seeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- normalisation (matching only; edits always keep the source's own spelling) ---------------

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ی": "ي", "ك": "ک", "ة": "ه", "\u200c": " "})


def fold(text: str) -> str:
    """Letters folded for comparison: diacritics and tatweel removed, alef/yeh/kaf variants unified."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


# a letter of a word: \w misses Arabic diacritics (shadda, fatha, ...), tatweel and the Persian
# zero-width non-joiner, which all sit inside words
WORD = r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640\u200c]"
LEFT = rf"(?<!{WORD})"
RIGHT = rf"(?!{WORD})"
# one-letter Arabic proclitics (and, with, for, so, as) that may stick to a word
PROCLITIC = "(?P<pre>[وفبلك]?)"

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_TO_ASCII = str.maketrans(ARABIC_INDIC + PERSIAN_DIGITS, "0123456789" * 2)


def ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def to_digits(text: str, system: str) -> str:
    """ASCII digits of ``text`` written in ``system`` ("arabic" or "persian"), with its decimal mark."""
    digits = ARABIC_INDIC if system == "arabic" else PERSIAN_DIGITS
    out = text.translate(str.maketrans("0123456789", digits))
    return out.replace(".", "٫")


# --- people --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One person's spellings in a language (full names first) and stand-ins of the same rank.

    ``stand_ins`` are (full name, surname) pairs: a full name is replaced by a full name and a
    surname by a surname, so the edit reads as a plausible slip, not as noise.
    """

    key: str
    surfaces: tuple[str, ...]
    stand_ins: tuple[tuple[str, str], ...] = ()


PEOPLE: dict[str, tuple[Person, ...]] = {
    "ar": (
        Person(
            "khamenei",
            ("علي خامنئي", "علي الخامنئي", "خامنئي", "الخامنئي"),
            (("روح الله الخميني", "الخميني"), ("حسن روحاني", "روحاني")),
        ),
        Person(
            "putin",
            ("فلاديمير بوتين", "بوتين"),
            (("دميتري ميدفيديف", "ميدفيديف"), ("ميخائيل ميشوستين", "ميشوستين")),
        ),
        Person(
            "qalibaf",
            ("محمد باقر قاليباف", "قاليباف"),
            (("علي لاريجاني", "لاريجاني"), ("محمد جواد ظريف", "ظريف")),
        ),
        Person(
            "volodin",
            ("فياتشيسلاف فولودين", "فيتشيسلاف فالودين", "فولودين", "فالودين"),
            (("فالنتينا ماتفيينكو", "ماتفيينكو"), ("سيرغي لافروف", "لافروف")),
        ),
        Person("raisi", ("إبراهيم رئيسي",)),
        Person("lavrov", ("سيرغي لافروف", "لافروف")),
        Person("zarif", ("محمد جواد ظريف", "ظريف")),
        Person("rouhani", ("حسن روحاني", "روحاني")),
        Person("khomeini", ("روح الله الخميني", "الخميني", "خميني")),
    ),
    "fa": (
        Person(
            "khamenei",
            ("خامنه ای", "خامنه‌ای", "خامنه اى"),
            (("خمینی", "خمینی"), ("روحانی", "روحانی")),
        ),
        Person(
            "putin",
            ("ولادیمیر پوتین", "پوتین"),
            (("دیمیتری مدودف", "مدودف"), ("میخائیل میشوستین", "میشوستین")),
        ),
        Person(
            "qalibaf",
            ("محمدباقر قالیباف", "محمد باقر قالیباف", "قالیباف"),
            (("علی لاریجانی", "لاریجانی"), ("محمدجواد ظریف", "ظریف")),
        ),
        Person(
            "volodin",
            ("ویچسلاو والودین", "ویاچسلاو ولودین", "والودین", "ولودین"),
            (("والنتینا ماتوینکو", "ماتوینکو"), ("سرگئی لاوروف", "لاوروف")),
        ),
        Person("lavrov", ("سرگئی لاوروف", "لاوروف")),
        Person("zarif", ("محمدجواد ظریف", "ظریف")),
        Person("rouhani", ("حسن روحانی", "روحانی")),
        Person("khomeini", ("خمینی",)),
    ),
}

# Spellings of one name that news outlets really use side by side (a control: same person).
SPELLING_VARIANTS: dict[str, dict[str, str]] = {
    "ar": {
        "فولودين": "فالودين",
        "فالودين": "فولودين",
        "فياتشيسلاف": "فيتشيسلاف",
        "فيتشيسلاف": "فياتشيسلاف",
        "فلاديمير": "فلادمير",
        "الخامنئي": "خامنئي",
        "محمد باقر": "محمدباقر",
    },
    "fa": {
        "والودین": "ولودین",
        "ویچسلاو": "ویاچسلاو",
        "قالیباف": "قالی‌باف",
        "خامنه ای": "خامنه‌ای",
        "پوتین": "پوتن",
        "محمدباقر": "محمد باقر",
    },
}

# --- events a claim talks about (so that a swapped name faces a claim about the same thing) ---

CONCEPTS: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "letter": ("رسالة", "رسالت", "الرسالة", "يسلم", "تسليم", "بتسليم", "تسليمه", "سلّمها", "سلمها"),
        "visit": ("زيارة", "الزيارة", "زيارت", "يزور", "وصل", "رحلة", "بزيارة"),
    },
    "fa": {
        "letter": ("پیام", "نامه", "تحویل", "تقدیم", "دریافت", "رساند", "برساند", "رسانم"),
        "visit": ("سفر", "سفرش", "دیدار", "رسید", "وارد"),
    },
}

# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    key: str  # the country the place lies in: Moscow and Russia are one destination
    surface: str
    stand_ins: tuple[str, ...]


PLACES: dict[str, tuple[Place, ...]] = {
    "ar": (
        Place("russia", "موسكو", ("بكين", "أنقرة")),
        Place("russia", "روسيا", ("الصين", "تركيا")),
        Place("iran", "طهران", ("بغداد", "دمشق")),
    ),
    "fa": (
        Place("russia", "مسکو", ("پکن", "آنکارا")),
        Place("russia", "روسیه", ("چین", "ترکیه")),
        Place("iran", "تهران", ("بغداد", "دمشق")),
    ),
}
# words that make a place the destination of a trip, right before it
DESTINATION_CUES: dict[str, str] = {
    "ar": r"(?:إلى|الى|يزور|تزور|بزيارة|زيارة)\s+",
    "fa": r"(?:به|عازم)\s+",
}
# for Persian the verb comes after the place ("به روسیه سفر کرد")
DESTINATION_AFTER: dict[str, str] = {"ar": "", "fa": r"\s+(?:سفر|رفت|رسید|عزیمت)"}

# --- numbers ---------------------------------------------------------------------------------

SCALES: dict[str, dict[str, float]] = {
    "ar": {"مليار": 1e9, "مليارات": 1e9, "مليون": 1e6, "ملايين": 1e6, "ألف": 1e3, "آلاف": 1e3},
    "fa": {"میلیارد": 1e9, "میلیون": 1e6, "هزار": 1e3},
}
# dual forms: "two billion" in one word
DUALS: dict[str, dict[str, tuple[float, str]]] = {
    "ar": {"ملياري": (2e9, "مليار"), "مليوني": (2e6, "مليون"), "ألفي": (2e3, "ألف")},
    "fa": {},
}
# a thing counted in the dual ("the two countries"), as a counterpart of "دو کشور"
COUNTED_DUALS: dict[str, dict[str, str]] = {
    "ar": {"البلدين": "country", "بلدين": "country", "الدولتين": "country", "للبلدين": "country"},
    "fa": {},
}
COUNTED_NOUNS: dict[str, dict[str, str]] = {
    "ar": {
        "أيام": "day",
        "يوما": "day",
        "يوماً": "day",
        "عاما": "year",
        "عاماً": "year",
        "سنوات": "year",
        "دول": "country",
        "بلدان": "country",
    },
    "fa": {"کشور": "country", "روز": "day", "سال": "year"},
}
CURRENCIES: dict[str, dict[str, str]] = {
    "ar": {"دولار": "USD", "يورو": "EUR"},
    "fa": {"دلار": "USD", "یورو": "EUR"},
}

NUMBER_WORDS: dict[str, dict[int, str]] = {
    # the forms used before a counted plural noun (masculine nouns take the feminine form)
    "ar": {
        2: "اثنين",
        3: "ثلاثة",
        4: "أربعة",
        5: "خمسة",
        6: "ستة",
        7: "سبعة",
        8: "ثمانية",
        9: "تسعة",
        10: "عشرة",
    },
    "fa": {2: "دو", 3: "سه", 4: "چهار", 5: "پنج", 6: "شش", 7: "هفت", 8: "هشت", 9: "نه", 10: "ده"},
}
# plural of a scale word after 3..10 ("خمسة مليارات")
SCALE_PLURAL: dict[str, dict[str, str]] = {
    "ar": {"مليار": "مليارات", "مليون": "ملايين", "ألف": "آلاف"},
    "fa": {},
}

# --- ordinals ----------------------------------------------------------------------------------

ORDINALS: dict[str, dict[str, int]] = {
    "ar": {"أول": 1, "أوّل": 1, "اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5},
    "fa": {"اولین": 1, "نخستین": 1, "دومین": 2, "سومین": 3, "چهارمین": 4, "پنجمین": 5},
}
ORDINAL_WORD: dict[str, dict[int, str]] = {
    "ar": {1: "أول", 2: "ثاني", 3: "ثالث", 4: "رابع", 5: "خامس"},
    "fa": {1: "اولین", 2: "دومین", 3: "سومین", 4: "چهارمین", 5: "پنجمین"},
}
# "أول من أمس" is "the day before yesterday", not an ordinal
NOT_ORDINAL_AFTER: dict[str, tuple[str, ...]] = {"ar": ("من",), "fa": ()}

# --- days ------------------------------------------------------------------------------------

WEEKDAYS: dict[str, dict[str, int]] = {  # 0 = Monday, as in datetime
    "ar": {
        "الاثنين": 0,
        "الإثنين": 0,
        "الثلاثاء": 1,
        "الأربعاء": 2,
        "الاربعاء": 2,
        "الخميس": 3,
        "الجمعة": 4,
        "السبت": 5,
        "الأحد": 6,
        "الاحد": 6,
    },
    "fa": {
        "دوشنبه": 0,
        "سه‌شنبه": 1,
        "سه شنبه": 1,
        "چهارشنبه": 2,
        "پنجشنبه": 3,
        "پنج‌شنبه": 3,
        "جمعه": 4,
        "شنبه": 5,
        "یکشنبه": 6,
        "یک‌شنبه": 6,
    },
}
WEEKDAY_WORD: dict[str, dict[int, str]] = {
    "ar": {0: "الاثنين", 1: "الثلاثاء", 2: "الأربعاء", 3: "الخميس", 4: "الجمعة", 5: "السبت", 6: "الأحد"},
    "fa": {0: "دوشنبه", 1: "سه‌شنبه", 2: "چهارشنبه", 3: "پنجشنبه", 4: "جمعه", 5: "شنبه", 6: "یکشنبه"},
}
RELATIVE_DAYS: dict[str, tuple[str, ...]] = {
    "ar": ("اليوم", "أمس", "امس", "غدا", "غداً", "أول من أمس"),
    "fa": ("امروز", "دیروز", "دیشب", "شب گذشته", "فردا"),
}

# --- negation ----------------------------------------------------------------------------------

# Arabic future tense "سـ" + imperfect verb; words of that shape that are not verbs
AR_FUTURE_NOT_VERBS = frozenset(
    fold(w)
    for w in (
        "سياسي",
        "سياسية",
        "سياسة",
        "سياسات",
        "سيارة",
        "سيارات",
        "سيد",
        "سيدة",
        "سيرغي",
        "سيطرة",
        "سياق",
        "ستة",
        "ستين",
        "ستون",
        "سنة",
        "سنوات",
        "سوريا",
        "سفير",
        "سيناء",
        "سينما",
        "سياحة",
        "ستار",
        "سيول",
        "ستالين",
        "سيف",
        "سيادة",
        "سيرة",
        "سيبيريا",
        "سيئول",
        "ستراتيجية",
    )
)
# Persian verb forms that take the negative prefix "ن" (and lose it when negated back)
FA_NEGATABLE = ("خواهد", "خواهم", "خواهند", "دارد", "دارند", "کرد", "کردند", "شد", "شدند", "است", "می")
# exceptive constructions: removing their negation does not flip the meaning ("brings nothing but harm")
EXCEPTIVES: dict[str, tuple[str, ...]] = {"ar": ("سوى", "إلا", "الا"), "fa": ("به جز", "بجز", "جز", "مگر")}

# --- meaning-preserving substitutions (the paraphrase control) ------------------------------------

SYNONYMS: dict[str, dict[str, str]] = {
    "ar": {
        "البلدين": "الدولتين",
        "أكّد": "شدّد",
        "أكد": "شدد",
        "وقال": "وصرّح",
        "وأضاف": "وتابع",
        "وأشار": "ولفت",
        "حاليا": "في الوقت الحالي",
        "تعزيز": "تقوية",
        "الرئيس الروسي": "رئيس روسيا",
        "مؤكدا": "مشددا",
        "اجتماع": "لقاء",
    },
    "fa": {
        "تاکید کرد": "خاطرنشان کرد",
        "میان": "بین",
        "به نفع": "به سود",
        "همچنین": "نیز",
        "روابط": "مناسبات",
        "کشورمان": "کشور ما",
        "اظهار داشت": "گفت",
    },
}

# words that tell which articles of the data sets are about Iran and Russia (added-article control)
REGION_WORDS: dict[str, tuple[str, ...]] = {
    "ar": ("إيران", "ايران", "روسيا", "طهران", "موسكو", "بوتين"),
    "fa": ("ایران", "روسیه", "تهران", "مسکو"),
}
