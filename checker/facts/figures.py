"""Figures as a newsroom reads them: what each number measures, whose it is, and how firm it is.

``read_figures(text, lang, quantities)`` puts every quantity of a claim into a slot:

* **measure**: ``killed``, ``injured``, ``died_of_wounds`` (injured who died later),
  ``casualties`` (killed and injured together: "22 بين قتيل وجريح"), ``arrested``, ``missing``,
  ``evacuated``; ``amount`` (money), ``rate`` (a percentage), ``price``, ``count`` (any other counted
  thing) or ``other`` (durations, ordinals, fractions, ages);
* **groups**: whose figure it is when the sentence says a part of the victims (security men,
  workers, tourists of one country); none for the event's total;
* **status**: ``exact``; ``hedged`` ("نحو", "على الأقل"); ``preliminary`` ("حتى الآن", "حصيلة أولية");
  ``updated`` ("ارتفع عدد القتلى إلى"); ``partial`` ("من بينهم 3", a breakdown by nationality);
  ``cumulative`` ("إجمالي الضحايا");
* **source**: the official the sentence names (a ministry, a security source, the ambulance
  service), which makes a figure authoritative.

The measure is read from the nearest cue word around the number in its clause (the verb, the noun
it counts, or the noun it follows): "لقي 18 سائحا مصرعهم وأصيب 2 آخران" reads 18 killed and 2
injured. Word lists are written as news spells them; ``checker.facts.phrases`` folds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from checker.facts.lexicon import places as lexicon_places
from checker.facts.numbers import NumberMatch, find_numbers
from checker.facts.phrases import PhraseHit, PhraseTable
from checker.kb import KnowledgeBase, load_kb
from checker.text.tokens import Token, fold, tokenize
from checker.types import Quantity

PEOPLE_MEASURES = ("killed", "injured", "died_of_wounds", "casualties", "arrested", "missing", "evacuated")
MEASURE_LABELS = {
    "killed": "Killed",
    "injured": "Injured",
    "died_of_wounds": "Died of their wounds",
    "casualties": "Killed and injured",
    "arrested": "Arrested",
    "missing": "Missing",
    "evacuated": "Evacuated",
    "amount": "Amount",
    "rate": "Rate",
    "price": "Price",
    "count": "Count",
    "other": "Figure",
}

# fmt: off
_MEASURE_CUES: dict[str, tuple[str, ...]] = {
    "killed": (
        "مصرع", "مقتل", "قتل", "قتلى", "قتيل", "قتيلا", "قتيلاً", "قتلوا", "قتلت", "لقي", "لقى", "لقوا",
        "لقيت", "حتفهم", "حتفه", "حتفها", "مصرعهم", "مصرعه", "مصرعها", "وفاة", "وفيات", "الوفيات",
        "المتوفين", "متوفين", "متوفى", "المتوفى", "توفي", "توفى", "توفيت", "ضحايا", "ضحية", "جثة", "جثث",
        "جثمان", "جثامين", "شهيد", "شهيدا", "شهداء", "استشهاد", "استشهد", "أودى بحياة", "راح ضحيته",
        "راح ضحيتها", "قضوا نحبهم", "لقوا حتفهم", "هلاك", "غرق",
        "کشته", "کشته شدند", "کشته شد", "جان باختند", "جان باخت", "جان خود را از دست دادند", "فوت",
        "فوتی", "قربانی", "قربانیان", "کشته‌شدگان", "جان‌باختگان", "شهید", "شهدا", "جسد", "اجساد",
    ),
    "injured": (
        "إصابة", "إصابات", "أصيب", "أصيبوا", "أصيبت", "مصاب", "مصابا", "مصابين", "مصابون", "مصابة",
        "جرحى", "جريح", "جريحا", "جرح", "بجروح", "جروح", "إصابتهم", "إصابته", "إصابتها", "إصابه", "أصاب",
        "أصابت", "اختناق", "اختناقات",
        "زخمی", "زخمی شدند", "زخمی شد", "مجروح", "مجروحان", "مجروح شدند", "مصدوم", "مصدومان",
        "آسیب دیدند", "مصدومیت", "يتلقون العلاج", "يتلقى العلاج", "لتلقي العلاج",
    ),
    "arrested": (
        "القبض", "قبض", "اعتقال", "اعتقل", "اعتقلت", "احتجاز", "احتجز", "توقيف", "أوقف", "معتقل",
        "معتقلا", "معتقلين", "موقوفين", "ضبط", "محتجزين",
        "بازداشت", "دستگیر", "دستگیری", "بازداشتی", "بازداشت شدند", "دستگیر شدند",
    ),
    "missing": (
        "مفقود", "مفقودا", "مفقودين", "مفقودون", "مفقودة", "فقد", "فقدان", "اختفاء", "المفقودين",
        "مفقود", "مفقودان", "ناپدید", "مفقودین",
    ),
    "evacuated": ("إجلاء", "إخلاء", "تخلیه", "تخلیه شدند"),
    # carrying, holding: "كان يقل 20 سائحا" counts who was on board, not the dead beside it
    "count": (
        "يقل", "تقل", "يقلهم", "يحمل", "تحمل", "متنه", "متنها", "على متنه", "على متنها", "يستقل", "يستقلون",
        "كان به", "يضم", "تضم", "سرنشین", "سرنشینان", "حامل",
    ),
}
# killed and injured counted together
_CASUALTY_PHRASES = (
    "قتيل وجريح", "قتيل ومصاب", "بين قتيل وجريح", "بين قتيل ومصاب", "ما بين قتيل وجريح", "قتلى وجرحى",
    "قتيلا وجريحا", "بين قتلى وجرحى", "بين قتلى ومصابين", "قتلى ومصابين", "کشته و زخمی",
    "مقتل وإصابة", "مصرع وإصابة", "قتل وإصابة", "وفاة وإصابة", "القتلى والمصابين", "القتلى والجرحى",
)
# "died of his wounds": a killed cue with one of these is an injured person who died
_OF_WOUNDS = (
    "متأثرا", "متأثرًا", "متأثرين", "متأثرة", "متاثرا", "متأثراً", "بر اثر جراحات", "بر اثر شدت جراحات",
)
_PRICE = ("سعر", "أسعار", "ثمن", "بسعر", "قيمة", "قيمته", "تکلفة", "تكلفة", "قیمت", "نرخ", "بهای")
_PRELIMINARY = (
    "حتى الآن", "حتى اللحظة", "حتى هذه اللحظة", "حتى الساعة", "حتى الان", "مبدئي", "مبدئية", "المبدئي",
    "المبدئية", "مبدئيا", "أولية", "الأولية", "غير نهائية", "غير نهائي", "حصيلة أولية", "إحصائية أولية",
    "وجار ضبط", "وجاري ضبط", "جار ضبط", "جاري ضبط", "جاري البحث", "وجاري البحث", "جار البحث", "وجار البحث",
    "تا کنون", "تاکنون", "تا این لحظه", "اولیه", "تا این ساعت",
)
_UPDATE_VERBS = (
    "ارتفع", "ارتفعت", "لترتفع", "ليرتفع", "ترتفع", "يرتفع", "ارتفاع", "وارتفع", "وارتفعت", "ارتفعت حصيلة",
    "افزایش یافت", "افزایش",
)
_PARTIAL = (
    "منهم", "منها", "بينهم", "من بينهم", "من بين", "ضمنهم", "من ضمنهم", "ضمن", "بينها", "من بينها",
    "أحدهم", "بينهما", "وبينهم", "ومنهم", "منهما",
    "از جمله", "از این تعداد", "که از این تعداد", "از میان", "در میان",
)
_CUMULATIVE = (
    "إجمالي", "إجمالى", "الإجمالي", "اجمالي", "مجموع", "المجموع", "في المجمل", "إجمالا", "مجموعا",
)
_HEDGED_BEFORE = (
    "ما يقرب من", "يقرب من", "ما يقرب", "أكثر من", "نحو", "حوالي", "قرابة",
    "دست کم", "دستکم", "حداقل", "حدود", "در حدود", "بیش از", "نزدیک به", "قریب به",
)
# Persian puts the verb last: "شمار کشته‌شدگان به ۱۵ نفر رسید" (rose to 15)
_UPDATE_VERBS_AFTER = ("رسید", "رسیده", "رسیده است", "افزایش یافت", "افزایش یافته")
_TO = ("إلى", "الى", "ل", "لـ", "به")
# figures of people taken to, or still in, a given hospital are a part of the total
_HOSPITAL = ("مستشفى", "مستشفيات", "المستشفى", "المستشفيات", "بيمارستان", "بیمارستان")
# one named hospital: a share of a count of cases ("و17 لمستشفى البنك الأهلي"), where "38 حالة إلى
# المستشفيات" (to the hospitals) is the whole count
_ONE_HOSPITAL = ("مستشفى", "بيمارستان", "بیمارستان")
_HEDGED_AFTER = ("على الأقل", "علي الأقل", "على الاقل", "على أقل تقدير", "حداقل", "دست کم", "دستکم")
# the official a figure comes from: an authoritative source, shown in the ledger
_SOURCES = (
    "وزارة الصحة", "وزير الصحة", "الصحة", "وزارة الداخلية", "الداخلية", "مصدر أمني", "مصدر أمنى",
    "مصادر أمنية", "مصدر طبي", "مصادر طبية", "مرفق الإسعاف", "الإسعاف", "المتحدث الرسمي", "المتحدث",
    "النيابة", "النيابة العامة", "مديرية الأمن", "مديرية الصحة", "مدير الأمن", "وكيل وزارة الصحة",
    "محافظ", "المحافظ", "مستشفى", "الطب الشرعي", "الحماية المدنية", "الدفاع المدني", "الجيش",
    "وزارت بهداشت", "پزشکی قانونی", "اورژانس", "پلیس", "سخنگوی", "فرماندار", "استاندار", "هلال احمر",
)
# nouns of people: a number that counts one of these (or a casualty noun) may be a toll; a number
# that counts anything else ("15 سيارة إسعاف", "7 طوابق") is a count of that thing
_PERSON_NOUNS = (
    "شخص", "أشخاص", "شخصا", "شخصاً", "مواطن", "مواطنين", "مواطنا", "مواطنون", "حالة", "حالات", "فرد", "أفراد",
    "فردا", "راكب", "ركاب", "راكبا", "سائح", "سياح", "سائحا", "سائحين", "سائحة", "آخر", "آخرين", "آخرون",
    "آخران", "آخرى", "أخرى", "زائر", "زوار", "مشجع", "مشجعين", "مشجعا", "رجل", "رجال", "شاب", "شبان", "شابا",
    "مسجل", "مسجلين", "مواطنة", "نفر", "تن", "مسافر", "مسافران", "گردشگر", "گردشگران", "شهروند",
    "شباب", "أبناء", "عناصر", "عنصرا", "متهم", "متهمين", "متهما", "ضحايا", "فتاة",
    "فتيات", "مريض", "مرضى", "عامل", "نزيل", "نزلاء",
    # Persian: people a toll counts (Fars News: "250 جنگجوی طالبان ... کشته شدند")
    "جنگجو", "جنگجوی", "جنگجویان", "نیرو", "نیروی", "نیروها", "شهروندان", "غیرنظامی", "غیرنظامیان",
    "کودک", "کودکان", "زن", "زنان", "مرد", "مردان", "فلسطینی", "فلسطینیان", "معترض", "معترضان",
    "زائران", "کارگر", "کارگران", "دانشجو", "دانشجویان", "سارق", "سارقان", "متهمان",
    "تروریست", "تروریستها", "تروریست‌ها", "شبه‌نظامی", "شبه‌نظامیان", "مهاجم", "مهاجمان",
)
# words that begin what follows a number without being what it counts
_NOT_COUNTED = (
    "بسبب", "إثر", "اثر", "جراء", "نتيجة", "عقب", "خلال", "أمام", "امام", "داخل", "خارج", "قرب", "بعد",
    "قبل", "حتى", "منذ", "عند", "لدى", "اليوم", "أمس", "صباح", "مساء", "فجر", "ظهر", "ليلة", "فى", "في",
    "على", "علي", "إلى", "الى", "من", "عن", "مع", "بين", "وقد", "كما", "فيما", "بينما", "وذلك", "به", "بها",
)
# "قبل نحو 4 أعوام": the sentence speaks of another, earlier event
_AGO = ("قبل", "منذ", "پیش از", "قبلا")
_YEARS = ("أعوام", "سنوات", "عاما", "عامًا", "سنة", "عام", "سال", "سالها", "سال‌ها")
_PAST = ("العام الماضي", "آخرها", "سابقة", "في حادث مماثل", "سال گذشته", "پارسال")
# who, when a figure counts part of the victims
_GROUPS: dict[str, tuple[str, ...]] = {
    "security": (
        "أمن", "الأمن", "شرطة", "الشرطة", "شرطي", "شرطيين", "ضابط", "ضباط", "ضابطا", "أمناء", "أمين شرطة",
        "مجند", "مجندين", "مجندا", "جندي", "جنود", "جنديا", "عسكري", "عسكريين", "رجال الأمن", "أفراد الأمن",
        "الأمن المركزي", "ماموران", "مامور", "پلیس", "سرباز", "سربازان", "نظامی", "نظامیان",
    ),
    "worker": ("عامل", "عمال", "عاملا", "العمال", "كارگر", "کارگر", "کارگران"),
    "civilian": ("مدني", "مدنيين", "مدنيا", "غیرنظامی", "غیر نظامی"),
    "child": ("طفل", "أطفال", "طفلا", "طفلة", "كودك", "کودک", "کودکان"),
    "woman": ("امرأة", "نساء", "سيدة", "سيدات", "زن", "زنان"),
    "protester": ("متظاهر", "متظاهرين", "متظاهرا", "محتج", "محتجين", "معترض", "معترضان", "تظاهرکنندگان"),
    "student": ("طالب", "طلاب", "طالبا", "طالبة", "دانشجو", "دانشجویان", "دانش‌آموز", "دانش‌آموزان"),
    "prisoner": ("سجين", "سجناء", "مسجون", "زندانی", "زندانیان"),
}
# fmt: on


Tokens = tuple[Token, ...]


@cache
def _table(words: tuple[str, ...]) -> PhraseTable[bool]:
    return PhraseTable(dict.fromkeys(words, True))


@cache
def _measures() -> PhraseTable[str]:
    entries = [(w, measure) for measure, words in _MEASURE_CUES.items() for w in words]
    entries += [(w, "casualties") for w in _CASUALTY_PHRASES]
    return PhraseTable(entries)


@cache
def _groups() -> PhraseTable[str]:
    return PhraseTable([(w, group) for group, words in _GROUPS.items() for w in words])


@dataclass(frozen=True)
class Figure:
    """One quantity of a claim in its slot."""

    quantity: Quantity
    measure: str
    status: str  # exact | hedged | preliminary | updated | partial | cumulative
    groups: frozenset[str] = frozenset()  # part of the victims: security, worker, tourist-nationality...
    source: str | None = None  # the official named in the sentence, verbatim
    past: bool = False  # the sentence recalls an earlier event ("قبل نحو 4 أعوام", "العام الماضي")

    @property
    def firm(self) -> bool:
        """A figure that states the slot's value as a fact: not hedged, preliminary or a part."""
        return self.status in ("exact", "updated", "cumulative")


_CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", "،", ",", "؛", "(", ")", "-", "–", "—", '"', "«", "»"})
WINDOW = 6  # tokens either side of a number in which its cue word is looked for


def _index_of(tokens: Sequence[Token], offset: int) -> int:
    for k, t in enumerate(tokens):
        if t.end > offset:
            return k
    return max(len(tokens) - 1, 0)


def _clause(
    tokens: Sequence[Token], first: int, last: int, numbers: set[int], after: int = WINDOW
) -> tuple[int, int]:
    """Token bounds of the stretch around ``first..last`` that belongs to this number: up to a
    clause break or another number, at most WINDOW tokens before and ``after`` tokens after."""
    lo = first
    while (
        lo > 0 and first - lo < WINDOW and tokens[lo - 1].norm not in _CLAUSE_BREAKS and lo - 1 not in numbers
    ):
        lo -= 1
    hi = last
    while (
        hi + 1 < len(tokens)
        and hi - last < after
        and tokens[hi + 1].norm not in _CLAUSE_BREAKS
        and hi + 1 not in numbers
    ):
        hi += 1
    return lo, hi


# Persian puts the verb at the end of its clause: "۱۹ گردشگر در انفجار بالن در اقصر کشته شدند" (19
# tourists were killed in the balloon blast in Luxor). A number that opens a clause finds its measure
# in the clause's verb, further than WINDOW words away.
PERSIAN_VERB_REACH = 14


def _any(words: tuple[str, ...], tokens: Tokens, lo: int, hi: int, lang: str) -> PhraseHit[bool] | None:
    table = _table(words)
    for k in range(max(lo, 0), min(hi, len(tokens) - 1) + 1):
        hit = table.match(tokens, k, lang)
        if hit is not None and hit.last <= hi:
            return hit
    return None


def _measure(q: Quantity, tokens: Tokens, first: int, last: int, lo: int, hi: int, lang: str) -> str:
    if q.kind == "money":
        near = _any(_PRICE, tokens, max(lo, first - 3), first - 1, lang)
        return "price" if near else "amount"
    if q.kind == "percent":
        return "rate"
    if q.kind in ("duration", "ordinal") or q.unit == "fraction" or (q.unit and q.kind == "cardinal"):
        return "other"
    # "ارتفاع المصابين لـ253 ولا وفيات": a negated cue says what the number is not
    hits = [h for h in _measures().hits(tokens, lo, hi, lang) if not _negated(tokens, h.first)]
    if not hits:
        return "count"
    counted = tokens[last + 1] if last + 1 < len(tokens) and tokens[last + 1].is_word else None
    if counted is not None and not _counts_people(counted, tuple(tokens), last + 1, lang):
        return "count"  # "15 سيارة إسعاف" beside "الجثث": the number counts ambulances
    # "استخراج جثة وثلاث مصابين": a number that opens the next item of a list ("و" before it) counts
    # the noun right after it; the cue before the "و" ("جثة") belongs to the item before
    counted_cue = next((h for h in hits if h.first == last + 1 and not h.prefix), None)
    if counted_cue is not None and _opens_list_item(q, tokens, first):
        best = counted_cue
    else:
        # the nearest cue wins; in Arabic one before the number wins a tie ("مصرع 8 وإصابة 2"), in
        # Persian one after it ("یک نفر کشته و سه نفر مصدوم شدند": the participle follows its number)
        before, after = (0.5, 0.0) if lang == "fa" else (0.0, 0.5)
        best = min(hits, key=lambda h: first - h.last + before if h.last < first else h.first - last + after)
    if best.value == "killed" and _any(_OF_WOUNDS, tokens, lo, hi, lang):
        return "died_of_wounds"
    return best.value


def _opens_list_item(q: Quantity, tokens: Tokens, first: int) -> bool:
    """Is the number joined to what precedes it by "و": "وثلاث", "و3", "و 3"?"""
    token = tokens[first]
    if q.start > token.start and token.norm.startswith("و"):
        return True
    return first > 0 and tokens[first - 1].norm == "و"


def _status(q: Quantity, tokens: Tokens, first: int, last: int, lo: int, hi: int, lang: str) -> str:
    before = max(lo, first - 4), first - 1
    if _any(_PARTIAL, tokens, *before, lang):
        return "partial"
    if (
        last + 2 < len(tokens)
        and tokens[last + 1].norm in ("منهم", "منها", "منهما")
        or (
            last + 2 < len(tokens)
            and tokens[last + 2].norm in ("منهم", "منها", "منهما")
            and tokens[last + 1].is_word
        )
    ):
        return "partial"  # "ورد من اثنين منهم": two of them
    if (
        q.approximate
        or _any(_HEDGED_BEFORE, tokens, max(0, first - 3), first - 1, lang)
        or _any(_HEDGED_AFTER, tokens, last + 1, min(last + 4, len(tokens) - 1), lang)
    ):
        return "hedged"
    s_lo, _ = _sentence_bounds(tokens, first)
    # "ارتفع عدد القتلى البريطانيين إلى ثلاثة": an update verb earlier in the sentence, "to" before the number
    to_before = _any(_TO, tokens, max(0, first - 2), first - 1, lang)
    if (
        _any(_UPDATE_VERBS, tokens, max(0, first - WINDOW - 2), first - 1, lang)
        or (to_before and _any(_UPDATE_VERBS, tokens, s_lo, first - 1, lang))
        or (to_before and _any(_UPDATE_VERBS_AFTER, tokens, last + 1, min(last + 3, len(tokens) - 1), lang))
    ):
        return "updated"
    if _any(_CUMULATIVE, tokens, max(0, first - 3), min(last + 3, len(tokens) - 1), lang):
        return "cumulative"
    return "exact"


def _sentence_bounds(tokens: Sequence[Token], k: int) -> tuple[int, int]:
    lo = k
    while lo > 0 and tokens[lo - 1].norm not in (".", "!", "?", "؟"):
        lo -= 1
    hi = k
    while hi + 1 < len(tokens) and tokens[hi + 1].norm not in (".", "!", "?", "؟"):
        hi += 1
    return lo, hi


@cache
def _nationalities(kb: KnowledgeBase) -> dict[str, str]:
    """Bare folded adjectives of the KB's places (``ياباني``) -> the place they name."""
    out: dict[str, str] = {}
    for entity in kb:
        for spellings in entity.adjectives.values():
            for spelling in spellings:
                word = fold(spelling)
                if " " in word:
                    continue
                bare = word[2:] if word.startswith("ال") else word
                out.setdefault(bare.removesuffix("ه"), kb.outermost(entity.id))
    return out


def _nationality(word: str, table: dict[str, str]) -> str | None:
    """``يابانيين`` / ``فرنسيان`` / ``صينيون`` -> the place: an Arabic plural or dual of an adjective."""
    word = word[2:] if word.startswith("ال") else word
    for suffix in ("ين", "ون", "ان", "ه", ""):
        stem = word[: len(word) - len(suffix)] if suffix else word
        if word.endswith(suffix) and stem in table:
            return table[stem]
    return None


_NEGATIONS = frozenset({"لا", "ولا", "دون", "بدون", "عدم", "وعدم", "بلا", "غير", "لم", "بی"})


def _negated(tokens: Tokens, k: int) -> bool:
    return k > 0 and tokens[k - 1].norm in _NEGATIONS


def _counts_people(token: Token, tokens: Tokens, k: int, lang: str) -> bool:
    """Can the word after a number be what a toll counts: people, a casualty noun, a group, or a
    word that is not a noun of its own (a preposition, "منهم", "آخرين")?"""
    if len(token.norm) <= 2 or token.norm.startswith(("بال", "لل", "وال")):
        return True  # a particle, or a prepositional phrase ("بالمستشفى"), not a counted noun
    if lang != "fa" and token.norm.endswith(("ين", "ون")) and len(token.norm) > 4:
        return True  # a sound masculine plural names people (مواطنين, مجندين, متظاهرون)
    for table in (_table(_PERSON_NOUNS), _table(_NOT_COUNTED), _measures(), _groups()):
        if table.match(tokens, k, lang) is not None:
            return True
    return token.norm in _function_words()


@cache
def _function_words() -> frozenset[str]:
    from checker.facts import lexicon

    return lexicon.stopwords() | frozenset(fold(w) for w in ("آخرين", "آخرون", "آخران", "منهم", "بينهم"))


_LIST_OPENERS = (":",)  # not a quote: "انتشال الجثث من «البيارة» وإنقاذ اثنين" quotes a name


def _continues(tokens: Tokens, first: int, spans: Sequence[tuple[int, int]], n: int) -> bool:
    """Does the number at ``first`` continue the enumeration of the figure before it ("..، و3"), or
    open a breakdown of it after a colon ("مقتل 18 سائحا من جنسيات مختلفة: 4 صينيين، ...")?"""
    prev_last = spans[n - 1][1]
    between = [t.norm for t in tokens[prev_last + 1 : first]]
    glued = tokens[first].start > 0 and first > 0 and tokens[first - 1].norm == "و"
    joined = glued or "و" in between or any(t in ("،", ",", *_LIST_OPENERS) for t in between)
    return 0 < first - prev_last <= 8 and joined


def _counts_things(q: Quantity, tokens: Tokens, last: int, lang: str) -> bool:
    """Does the quantity quote the noun it counts, and is that noun not people ("24 ورشة")? Such a
    number says what it counts itself: it does not carry on a list of the dead or the injured."""
    k = last + 1
    return (
        k < len(tokens)
        and q.end >= tokens[k].end
        and tokens[k].is_word
        # "و3 بمستشفى القرنة": a preposition glued to the word says where, not what is counted
        and not tokens[k].norm.startswith(("ب", "ل"))
        and not _counts_people(tokens[k], tokens, k, lang)
    )


def _opens_breakdown(tokens: Tokens, first: int, spans: Sequence[tuple[int, int]], n: int) -> bool:
    """A colon between a figure and the next number: what follows breaks the figure down."""
    return any(t.norm in _LIST_OPENERS for t in tokens[spans[n - 1][1] + 1 : first])


def _number_span(tokens: Tokens, q: Quantity, found: Sequence[NumberMatch]) -> tuple[int, int]:
    """Token indices of the number itself, without the noun a quantity quotes with it ("71 عامل")."""
    for m in found:
        if m.start < q.end and m.end > q.start:
            return m.first, m.last
    first = _index_of(tokens, q.start)
    return first, first


def _of_whom(tokens: Tokens, last: int, hi: int, lang: str, places: PhraseTable[str]) -> str | None:
    """ "9 من هونج كونج", "اثنين من رعاياها": a number of people from a place, or "of its nationals"
    (a word with a possessive suffix): a part. Returns the place, or "-" for the suffix case."""
    for k in range(last + 1, min(last + 3, hi) + 1):
        if tokens[k].norm != "من" or k + 1 >= len(tokens):
            continue
        hit = places.match(tokens, k + 1, lang)
        if hit is not None:
            return hit.value
        if tokens[k + 1].norm.endswith(("ها", "هم", "هما", "نا")) and len(tokens[k + 1].norm) > 4:
            return "-"
    return None


def _past(tokens: Tokens, lo: int, hi: int, lang: str) -> bool:
    """Does the sentence recall an earlier event: "قبل نحو 4 أعوام", "العام الماضي", "آخرها"?"""
    if _any(_PAST, tokens, lo, hi, lang):
        return True
    for k in range(lo, hi + 1):
        if _table(_AGO).match(tokens, k, lang) is not None:
            window = range(k + 1, min(k + 5, hi) + 1)
            if any(_table(_YEARS).match(tokens, j, lang) is not None for j in window):
                return True
    return False


def read_figures(
    text: str, lang: str, quantities: Sequence[Quantity], kb: KnowledgeBase | None = None
) -> tuple[Figure, ...]:
    """Each quantity of ``text`` in its slot (see the module docstring), in order.

    ``kb`` gives the nationalities ("9 صينيين": a part of the victims); the project's own if None.
    """
    tokens = tokenize(text)
    if not tokens:
        return ()
    kb = kb if kb is not None else load_kb()
    numbers_found = find_numbers(text, lang)
    nationalities = _nationalities(kb)
    places = lexicon_places(kb)
    spans = [_number_span(tokens, q, numbers_found) for q in quantities]
    numbers = {k for a, b in spans for k in range(a, b + 1)}
    out: list[Figure] = []
    for q, (first, last) in zip(quantities, spans, strict=True):
        others = numbers - set(range(first, last + 1))
        lo, hi = _clause(tokens, first, last, others)
        measure = _measure(q, tokens, first, last, lo, hi, lang)
        if measure == "count" and lang == "fa":
            _, verb_hi = _clause(tokens, first, last, others, PERSIAN_VERB_REACH)
            if verb_hi > hi:
                measure = _measure(q, tokens, first, last, lo, verb_hi, lang)
        if q.value == 1 and tokens[first].is_word and first > 0 and tokens[first - 1].is_word:
            # "من عائلة واحدة": "one" as an adjective, not a count; but "قتيل واحد", "وفاة واحدة":
            # one dead, the noun before it says what it counts
            cue = _measures().match(tokens, first - 1, lang)
            measure = cue.value if cue is not None and not _negated(tokens, first - 1) else "other"
        status = _status(q, tokens, first, last, lo, hi, lang)
        s_lo, s_hi = _sentence_bounds(tokens, first)
        if measure in PEOPLE_MEASURES and status == "exact" and _any(_PRELIMINARY, tokens, s_lo, s_hi, lang):
            status = "preliminary"
        near = range(max(lo, first - 1), min(hi, last + 2) + 1)
        groups = {h.value for h in _groups().hits(tokens, near.start, near.stop - 1, lang)}
        countries = {c for k in range(lo, hi + 1) if (c := _nationality(tokens[k].norm, nationalities))}
        of = _of_whom(tokens, last, hi, lang, places)
        if of is not None:
            countries.add(of)
        groups |= {f"of:{c}" for c in countries}
        if countries and measure in PEOPLE_MEASURES and status in ("exact", "hedged"):
            status = "partial"  # "9 صينيين و4 يابانيين": a breakdown by nationality
        hospitals = _HOSPITAL if measure in PEOPLE_MEASURES else _ONE_HOSPITAL if measure == "count" else ()
        if status == "exact" and hospitals and _any(hospitals, tokens, last + 1, hi, lang):
            # "نقل 30 مصابا إلى مستشفى المبرة", "و17 لمستشفى البنك الأهلي": a breakdown by hospital
            status = "partial"
        if (
            measure == "count"
            and out
            and _continues(tokens, first, spans, len(out))
            and not _counts_things(q, tokens, last, lang)
        ):
            previous = out[-1]  # "5 قتلى بالمستشفى العام، و3 بمستشفى القرنة": the same measure
            if previous.measure in PEOPLE_MEASURES:
                measure = previous.measure
                breakdown = previous.status == "partial" or _opens_breakdown(tokens, first, spans, len(out))
                status = "partial" if breakdown else status
        source_hit = _any(_SOURCES, tokens, s_lo, s_hi, lang)
        source = text[tokens[source_hit.first].start : tokens[source_hit.last].end] if source_hit else None
        out.append(Figure(q, measure, status, frozenset(groups), source, _past(tokens, s_lo, s_hi, lang)))
    return tuple(out)
