"""Generated NLI pairs: contradictions made from real sentences, with entailed twins beside them.

News errors are changed facts (a name, a number, a date, a negation, an ordinal, who did what to
whom), and off-the-shelf NLI data has too few of them. Each rule below edits one real Arabic or
Persian sentence in one place and says what the edit does to the meaning:

- contradiction: ``entity_swap`` (another entity of the same type, through the KB), ``number_change``,
  ``date_change`` (year, month or weekday), ``negation`` (added or removed), ``ordinal_change``,
  ``role_swap`` (two entities of one type trade places);
- entailment: ``alias_swap`` (another spelling of the same entity), ``digit_script`` (the same
  number in other digits), ``clause_drop`` (the hypothesis keeps the first clause);
- neutral: ``clause_add`` (the premise is the first clause, the hypothesis says more),
  ``unrelated`` (another sentence of the same language) and ``role_shared`` (another entity in a
  role many can fill: "Egypt condemned X" / "Bahrain condemned X"; the same swap where the role
  is unique, e.g. the sender of a letter, is an ``entity_swap`` contradiction).

The entailed and neutral edits are there so the model learns *what* an edit changed, not that
every edit is a contradiction. Rules work on word shapes, never on a list of sentences.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.nli.data import NLIExample
from checker.text.digits import digit_system_of, to_ascii_digits, to_system
from checker.text.script import has_persian_letters

# ---------------------------------------------------------------- entities (KB or built-in list)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # "person" | "country" | "city" | "org"
    names: dict[str, tuple[str, ...]]  # lang -> spellings, preferred first


# A small built-in list used when the project KB (checker/resources/kb/*.yaml) is not available, and to add
# types the KB may lack. Each spelling is one a news text really uses.
_BUILTIN: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("iran", "country", ("إيران",), ("ایران",)),
    ("iraq", "country", ("العراق",), ("عراق",)),
    ("russia", "country", ("روسيا",), ("روسیه",)),
    ("china", "country", ("الصين",), ("چین",)),
    ("saudi", "country", ("السعودية", "المملكة العربية السعودية"), ("عربستان", "عربستان سعودی")),
    ("turkey", "country", ("تركيا",), ("ترکیه",)),
    ("egypt", "country", ("مصر",), ("مصر",)),
    ("syria", "country", ("سوريا", "سورية"), ("سوریه",)),
    ("usa", "country", ("الولايات المتحدة", "أمريكا", "أميركا"), ("آمریکا", "ایالات متحده", "امریکا")),
    ("france", "country", ("فرنسا",), ("فرانسه",)),
    ("germany", "country", ("ألمانيا",), ("آلمان",)),
    ("uk", "country", ("بريطانيا", "المملكة المتحدة"), ("انگلیس", "بریتانیا")),
    ("qatar", "country", ("قطر",), ("قطر",)),
    ("uae", "country", ("الإمارات",), ("امارات",)),
    ("lebanon", "country", ("لبنان",), ("لبنان",)),
    ("jordan", "country", ("الأردن",), ("اردن",)),
    ("yemen", "country", ("اليمن",), ("یمن",)),
    ("libya", "country", ("ليبيا",), ("لیبی",)),
    ("tunisia", "country", ("تونس",), ("تونس",)),
    ("algeria", "country", ("الجزائر",), ("الجزایر",)),
    ("israel", "country", ("إسرائيل",), ("اسرائیل",)),
    ("india", "country", ("الهند",), ("هند",)),
    ("pakistan", "country", ("باكستان",), ("پاکستان",)),
    ("afghanistan", "country", ("أفغانستان",), ("افغانستان",)),
    ("japan", "country", ("اليابان",), ("ژاپن",)),
    ("kuwait", "country", ("الكويت",), ("کویت",)),
    ("greece", "country", ("اليونان",), ("یونان",)),
    ("italy", "country", ("إيطاليا",), ("ایتالیا",)),
    ("tehran", "city", ("طهران",), ("تهران",)),
    ("moscow", "city", ("موسكو",), ("مسکو",)),
    ("baghdad", "city", ("بغداد",), ("بغداد",)),
    ("damascus", "city", ("دمشق",), ("دمشق",)),
    ("cairo", "city", ("القاهرة",), ("قاهره",)),
    ("riyadh", "city", ("الرياض",), ("ریاض",)),
    ("beirut", "city", ("بيروت",), ("بیروت",)),
    ("ankara", "city", ("أنقرة",), ("آنکارا",)),
    ("istanbul", "city", ("إسطنبول", "اسطنبول"), ("استانبول",)),
    ("paris", "city", ("باريس",), ("پاریس",)),
    ("london", "city", ("لندن",), ("لندن",)),
    ("washington", "city", ("واشنطن",), ("واشنگتن",)),
    ("berlin", "city", ("برلين",), ("برلین",)),
    ("beijing", "city", ("بكين",), ("پکن",)),
    ("dubai", "city", ("دبي",), ("دبی",)),
    ("doha", "city", ("الدوحة",), ("دوحه",)),
    ("isfahan", "city", ("أصفهان",), ("اصفهان",)),
    ("mashhad", "city", ("مشهد",), ("مشهد",)),
    ("tabriz", "city", ("تبريز",), ("تبریز",)),
    ("shiraz", "city", ("شيراز",), ("شیراز",)),
    ("trump", "person", ("ترامب", "دونالد ترامب"), ("ترامپ", "دونالد ترامپ")),
    ("putin", "person", ("بوتين", "فلاديمير بوتين"), ("پوتین", "ولادیمیر پوتین")),
    (
        "khamenei",
        "person",
        ("خامنئي", "علي خامنئي", "الخامنئي"),
        ("خامنه‌ای", "آیت‌الله خامنه‌ای", "علی خامنه‌ای"),
    ),
    ("khomeini", "person", ("الخميني", "روح الله الخميني"), ("خمینی", "امام خمینی")),
    ("rouhani", "person", ("روحاني", "حسن روحاني"), ("روحانی", "حسن روحانی")),
    ("zarif", "person", ("ظريف", "محمد جواد ظريف"), ("ظریف", "محمدجواد ظریف")),
    ("erdogan", "person", ("أردوغان", "رجب طيب أردوغان"), ("اردوغان", "رجب طیب اردوغان")),
    ("netanyahu", "person", ("نتنياهو", "بنيامين نتنياهو"), ("نتانیاهو", "بنیامین نتانیاهو")),
    ("macron", "person", ("ماكرون", "إيمانويل ماكرون"), ("ماکرون", "امانوئل ماکرون")),
    ("merkel", "person", ("ميركل", "أنغيلا ميركل"), ("مرکل", "آنگلا مرکل")),
    ("biden", "person", ("بايدن", "جو بايدن"), ("بایدن", "جو بایدن")),
    ("sisi", "person", ("السيسي", "عبد الفتاح السيسي"), ("السیسی", "عبدالفتاح السیسی")),
    ("ghalibaf", "person", ("قاليباف", "محمد باقر قاليباف"), ("قالیباف", "محمدباقر قالیباف")),
    ("raisi", "person", ("رئيسي", "إبراهيم رئيسي"), ("رئیسی", "ابراهیم رئیسی")),
    ("volodin", "person", ("فولودين", "فياتشيسلاف فولودين"), ("ولودین", "ویاچسلاو ولودین")),
    ("lavrov", "person", ("لافروف", "سيرغي لافروف"), ("لاوروف", "سرگئی لاوروف")),
    ("pompeo", "person", ("بومبيو", "مايك بومبيو"), ("پمپئو", "مایک پمپئو")),
    ("bin_salman", "person", ("محمد بن سلمان", "ولي العهد السعودي"), ("محمد بن سلمان", "بن سلمان")),
    ("khashoggi", "person", ("خاشقجي", "جمال خاشقجي"), ("خاشقجی", "جمال خاشقجی")),
    ("abbas", "person", ("محمود عباس",), ("محمود عباس",)),
    ("kim", "person", ("كيم جونغ أون",), ("کیم جونگ اون",)),
)


def builtin_entities() -> list[Entity]:
    return [Entity(i, t, {"ar": ar, "fa": fa}) for i, t, ar, fa in _BUILTIN]


def load_kb_entities(kb_dir: Path) -> list[Entity]:
    """Entities from a KB folder (``*.yaml``, read and checked by the KB's own loader).

    Only id, type and the Arabic/Persian names are used. Places are split into countries and
    cities (a place ``part_of`` another): "in Tehran" and "in Iran" do not contradict, so the two
    kinds are never swapped for each other.
    """
    from checker.kb.loader import read_entities

    out: list[Entity] = []
    for item in read_entities(sorted(kb_dir.glob("*.yaml"))).values():
        names = {lang: tuple(item.names.get(lang, ())) for lang in ("ar", "fa")}
        etype = item.type or "other"
        if etype == "place":
            etype = "city" if item.part_of else "country"
        if any(names.values()):
            out.append(Entity(item.id, etype, names))
    return out


def default_entities(kb_dir: Path | None = None) -> list[Entity]:
    """KB entities (when checker/resources/kb/ has them) plus the built-in ones the KB lacks."""
    from checker.home import KB_DIR

    kb = load_kb_entities(kb_dir or KB_DIR) if (kb_dir or KB_DIR).is_dir() else []
    have_ids = {e.id for e in kb}
    have_names = {(lang, n) for e in kb for lang, names in e.names.items() for n in names}
    # a built-in entity that shares a spelling with a KB entity is the same thing under another id
    extra = [
        e
        for e in builtin_entities()
        if e.id not in have_ids
        and not any((lang, n) in have_names for lang, names in e.names.items() for n in names)
    ]
    return kb + extra


# ---------------------------------------------------------------- word-level helpers

_AR_PREFIX = "(?:و|ف|ب|ل|ك|وب|ول|وال)?"
_NUM = re.compile(r"(?<![\w.٫])([0-9٠-٩۰-۹]+(?:[.٫][0-9٠-٩۰-۹]+)?)(?![\w])")


def _word(pattern: str) -> str:
    """A whole word (Arabic proclitics allowed in front), as a regex."""
    return rf"(?<![\w\u200c]){_AR_PREFIX}({pattern})(?![\w\u200c])"


def _to_int(digits: str) -> float:
    return float(to_ascii_digits(digits))


def _replace_span(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


# ---------------------------------------------------------------- the rules

Rule = Callable[[str, str, random.Random], "str | None"]


def _is_year(value: float) -> bool:
    return value.is_integer() and (1300 <= value <= 1499 or 1900 <= value <= 2100)


def number_change(text: str, lang: str, rng: random.Random) -> str | None:
    """Change one (non-year) number to a clearly different value, in the same digits."""
    matches = [m for m in _NUM.finditer(text) if not _is_year(_to_int(m.group(1)))]
    if not matches:
        return None
    m = rng.choice(matches)
    raw = m.group(1)
    value = _to_int(raw)
    if "." in to_ascii_digits(raw):
        new_value = f"{value * rng.choice((2, 3, 0.5)):.1f}"
    else:
        v = int(value)
        choices = [v + d for d in (1, 2, 3, 5, 10) if v + d != v] + [v * k for k in (2, 3, 10) if v > 1]
        choices += [v - d for d in (1, 2) if v - d > 0]
        new_value = str(rng.choice(choices))
    return _replace_span(text, m.start(1), m.end(1), to_system(new_value, digit_system_of(raw) or "latin"))


_MONTHS = {
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
    "fa": (
        "فروردین",
        "اردیبهشت",
        "خرداد",
        "تیر",
        "مرداد",
        "شهریور",
        "مهر",
        "آبان",
        "آذر",
        "دی",
        "بهمن",
        "اسفند",
    ),
}
_WEEKDAYS = {
    "ar": ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"),
    "fa": ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"),
}


def date_change(text: str, lang: str, rng: random.Random) -> str | None:
    """Move a year, a month (after a day number, where month names are ambiguous) or a weekday."""
    options: list[tuple[int, int, str]] = []
    for m in _NUM.finditer(text):
        value = _to_int(m.group(1))
        if _is_year(value):
            new = str(int(value) + rng.choice((-3, -2, -1, 1, 2, 3)))
            options.append((m.start(1), m.end(1), to_system(new, digit_system_of(m.group(1)) or "latin")))
    months = _MONTHS.get(lang, ())
    day = r"[0-9٠-٩۰-۹]{1,2}\s+"
    for m in re.finditer(day + _word("|".join(months)), text):
        other = rng.choice([x for x in months if x != m.group(1)])
        options.append((m.start(1), m.end(1), other))
    days = _WEEKDAYS.get(lang, ())
    for m in re.finditer(_word("|".join(sorted(days, key=len, reverse=True))), text):
        other = rng.choice([x for x in days if x != m.group(1)])
        options.append((m.start(1), m.end(1), other))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return _replace_span(text, start, end, new)


# Arabic: words that start like an imperfect verb (ي...) but are not verbs.
AR_NOT_VERB = {
    "يوم",
    "يوما",
    "يونيو",
    "يوليو",
    "يناير",
    "يد",
    "يدا",
    "يمين",
    "يسار",
    "يهود",
    "يوميا",
    "يورو",
    "يونس",
    "يوسف",
    "يحيى",
    "يزيد",
    "يعقوب",
    "ينبوع",
}
_AR_NEGATORS = ("لا", "لن", "لم", "ليس", "ليست")
_FA_AUX_NEG = {
    "است": "نیست",
    "هست": "نیست",
    "بود": "نبود",
    "دارد": "ندارد",
    "داشت": "نداشت",
    "شد": "نشد",
    "کرد": "نکرد",
    "شود": "نشود",
    "کند": "نکند",
    "دارند": "ندارند",
    "بودند": "نبودند",
    "کردند": "نکردند",
    "شدند": "نشدند",
    "کرده": "نکرده",
    "شده": "نشده",
    "داده": "نداده",
    "دهد": "ندهد",
    "داد": "نداد",
}


def negation(text: str, lang: str, rng: random.Random) -> str | None:
    """Negate the main verb, or remove a negation that is there."""
    if lang == "ar":
        neg = list(re.finditer(rf"(?<![\w])({'|'.join(_AR_NEGATORS)})\s+(?=[\w])", text))
        if neg and rng.random() < 0.5:
            m = rng.choice(neg)
            if m.group(1) == "لم":  # لم يزر -> زار is morphology; "لم" can only be dropped with "قد"
                return None
            return _replace_span(text, m.start(), m.end(), "")
        verbs = [
            m
            for m in re.finditer(r"(?<![\w])(?:و|ف)?(ي[\u0621-\u064a]{2,})(?![\w])", text)
            if m.group(1) not in AR_NOT_VERB
            and not re.search(rf"(?:{'|'.join(_AR_NEGATORS)})\s+$", text[: m.start()])
        ]
        if not verbs:
            return None
        m = verbs[0]  # headlines lead with their main verb
        return _replace_span(text, m.start(1), m.start(1), "لا ")
    if lang == "fa":
        candidates: list[tuple[int, int, str]] = []
        for m in re.finditer(r"(?<![\w\u200c])(ن?)(می)([\u200c ])(?=[\w])", text):
            new = ("" if m.group(1) else "ن") + "می" + "\u200c"
            candidates.append((m.start(), m.end(), new))
        for word, neg_word in _FA_AUX_NEG.items():
            for m in re.finditer(rf"(?<![\w\u200c])(?<!می )({word})(?![\w\u200c])", text):
                candidates.append((m.start(1), m.end(1), neg_word))
            for m in re.finditer(rf"(?<![\w\u200c])({neg_word})(?![\w\u200c])", text):
                if neg_word != "نیست" or word == "است":
                    candidates.append((m.start(1), m.end(1), word))
        if not candidates:
            return None
        start, end, new = max(candidates)  # Persian puts the main verb last
        return _replace_span(text, start, end, new)
    return None


_ORDINALS = {
    "ar": (
        ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"),
        (
            "الأولى",
            "الثانية",
            "الثالثة",
            "الرابعة",
            "الخامسة",
            "السادسة",
            "السابعة",
            "الثامنة",
            "التاسعة",
            "العاشرة",
        ),
        ("أول", "ثاني", "ثالث", "رابع", "خامس"),
    ),
    "fa": (
        ("اولین", "دومین", "سومین", "چهارمین", "پنجمین", "ششمین", "هفتمین", "هشتمین", "نهمین", "دهمین"),
        ("نخستین", "دومین", "سومین", "چهارمین", "پنجمین"),
        ("اول", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم"),
    ),
}


def ordinal_change(text: str, lang: str, rng: random.Random) -> str | None:
    """Turn "first" into "third" and the like, keeping the word's form."""
    options: list[tuple[int, int, str]] = []
    for family in _ORDINALS.get(lang, ()):
        for m in re.finditer(_word("|".join(sorted(family, key=len, reverse=True))), text):
            other = rng.choice([x for x in family if x != m.group(1)])
            options.append((m.start(1), m.end(1), other))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return _replace_span(text, start, end, new)


def digit_script(text: str, lang: str, rng: random.Random) -> str | None:
    """The same numbers written in the other digits (entailed)."""
    m = _NUM.search(text)
    if m is None:
        return None
    native = {"ar": "arabic", "fa": "persian"}.get(lang, "arabic")
    target = "latin" if (digit_system_of(m.group(1)) or "latin") != "latin" else native
    return _NUM.sub(lambda x: to_system(x.group(1), target), text)


_CLAUSE = re.compile(r"\s*[،,؛;]\s+")


def _first_clause(text: str) -> str | None:
    parts = _CLAUSE.split(text, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= 5 and len(parts[1].split()) >= 3:
        return parts[0].strip()
    return None


def clause_drop(text: str, lang: str, rng: random.Random) -> str | None:
    """The hypothesis keeps only the first clause of the premise (entailed)."""
    return _first_clause(text)


# Verbs of a *shared* role: many actors condemn, welcome, attend or call for the same thing, so
# "Egypt condemned X" and "Bahrain condemned X" do not contradict. A name swapped in such a
# sentence is neutral; swapped anywhere else (the sender of a letter, the winner of a match, the
# place of an event) it is a contradiction.
_SHARED_ROLE = {
    "ar": re.compile(
        _word(
            "أدان|أدانت|ادان|ادانت|يدين|تدين|ندد|نددت|يندد|تندد|شجب|شجبت|يشجب|تشجب|استنكر|استنكرت|يستنكر|"
            "تستنكر|رحب|رحبت|يرحب|ترحب|شارك|شاركت|يشارك|تشارك|حضر|حضرت|دعا|دعت|يدعو|تدعو|طالبت|"
            "يطالب|تطالب|هنأ|هنأت|يهنئ|تهنئ|عزى|أعرب|أعربت|اعرب|اعربت|يعرب|تعرب|أشاد|أشادت|يشيد|تشيد|"
            "انتقد|انتقدت|ينتقد|تنتقد|أيد|أيدت|يؤيد|تؤيد|يدعم|تدعم|دعمت"
        )
    ),
    "fa": re.compile(
        r"(?:محکوم|محكوم|استقبال|شرکت|شركت|حضور|تبریک|تبريك|تسلیت|تسليت|انتقاد|حمایت|حمايت|نگرانی|نگراني)"
        r"[\s\u200c]+(?:\S+[\s\u200c]+)?(?:ن?می[\s\u200c]?|ن?مي[\s\u200c]?)?"
        r"(?:کرد|كرد|کردند|كردند|کند|كند|کنند|كنند|یافت|يافت|یافتند|يافتند|داشت|داشتند|گفت|گفتند)"
    ),
}


def shared_role(text: str, lang: str) -> bool:
    """True when the sentence's verb is one many actors can share (condemn, welcome, attend ...)."""
    pattern = _SHARED_ROLE.get(lang)
    return bool(pattern and pattern.search(text))


class EntityRules:
    """Entity swap, alias swap and role swap, driven by a list of entities."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_type: dict[tuple[str, str], list[tuple[Entity, str]]] = {}
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.owner: dict[tuple[str, str], Entity] = {}
        for lang in ("ar", "fa"):
            names: list[str] = []
            for ent in entities:
                for name in ent.names.get(lang, ()):
                    if len(name) < 3 or (lang, name) in self.owner:
                        continue  # short or shared spellings make bad swaps
                    self.owner[(lang, name)] = ent
                    names.append(name)
                if ent.names.get(lang):
                    self.by_type.setdefault((lang, ent.type), []).append((ent, ent.names[lang][0]))
            names.sort(key=len, reverse=True)
            self.patterns[lang] = re.compile(_word("|".join(re.escape(n) for n in names)))

    def mentions(self, text: str, lang: str) -> list[tuple[int, int, Entity]]:
        if lang not in self.patterns:
            return []
        return [
            (m.start(1), m.end(1), self.owner[(lang, m.group(1))]) for m in self.patterns[lang].finditer(text)
        ]

    def _swap(self, text: str, lang: str, rng: random.Random) -> str | None:
        found = self.mentions(text, lang)
        present = {e.id for _, _, e in found}
        rng.shuffle(found)
        for start, end, ent in found:
            others = [
                name for other, name in self.by_type.get((lang, ent.type), []) if other.id not in present
            ]
            if others:
                return _replace_span(text, start, end, rng.choice(others))
        return None

    def entity_swap(self, text: str, lang: str, rng: random.Random) -> str | None:
        """Another entity of the same type in a unique role (contradiction); none in a shared role."""
        return None if shared_role(text, lang) else self._swap(text, lang, rng)

    def shared_swap(self, text: str, lang: str, rng: random.Random) -> str | None:
        """The actor of a shared role ("X condemned ...") replaced by another of its type: neutral.

        The actor is the entity right after the verb (Arabic verb-subject order: أدانت مصر) or
        right before it (مصر تدين; Persian subject-first: ایران ... را محکوم کرد, the first words).
        """
        pattern = _SHARED_ROLE.get(lang)
        if pattern is None:
            return None
        found = self.mentions(text, lang)
        present = {e.id for _, _, e in found}
        actors = []
        for verb in pattern.finditer(text):
            for start, end, ent in found:
                after = text[verb.end() : start]
                before = text[end : verb.start()]
                near_after = start >= verb.end() and len(after.split()) <= 1
                near_before = end <= verb.start() and len(before.split()) <= (8 if lang == "fa" else 0)
                if near_after or near_before:
                    actors.append((start, end, ent))
        rng.shuffle(actors)
        for start, end, ent in actors:
            others = [n for o, n in self.by_type.get((lang, ent.type), []) if o.id not in present]
            if others:
                return _replace_span(text, start, end, rng.choice(others))
        return None

    def alias_swap(self, text: str, lang: str, rng: random.Random) -> str | None:
        found = self.mentions(text, lang)
        rng.shuffle(found)
        for start, end, ent in found:
            spellings = [n for n in ent.names.get(lang, ()) if n != text[start:end] and len(n) >= 3]
            if spellings:
                return _replace_span(text, start, end, rng.choice(spellings))
        return None

    def role_swap(self, text: str, lang: str, rng: random.Random) -> str | None:
        """Two entities of one type trade places, unless "and" joins them (a symmetric phrase)."""
        found = self.mentions(text, lang)
        for i, (s1, e1, a) in enumerate(found):
            for s2, e2, b in found[i + 1 :]:
                between = text[e1:s2]
                if (
                    a.type != b.type
                    or a.id == b.id
                    or re.fullmatch(r"\s*(و|and)\s*", between)
                    or between.strip().startswith("و")
                ):
                    continue
                if re.search(r"(?<![\w])(و|بین|بين|مع|با)\s*$", text[:s1]):  # "between A and B", "with"
                    continue
                return text[:s1] + text[s2:e2] + between + text[s1:e1] + text[e2:]
        return None


# ---------------------------------------------------------------- generation

CONTRADICTION_KINDS = (
    "entity_swap",
    "number_change",
    "date_change",
    "negation",
    "ordinal_change",
    "role_swap",
)
ENTAILMENT_KINDS = ("alias_swap", "digit_script", "clause_drop")
NEUTRAL_KINDS = ("clause_add", "unrelated", "role_shared")
KIND_LABEL = {
    **{k: "contradiction" for k in CONTRADICTION_KINDS},
    **{k: "entailment" for k in ENTAILMENT_KINDS},
    **{k: "neutral" for k in NEUTRAL_KINDS},
}


@dataclass(frozen=True)
class Sentence:
    text: str
    lang: str
    origin: str  # "ans", "farstail", "seeds"


def rules(entities: Sequence[Entity]) -> dict[str, Rule]:
    ent = EntityRules(entities)
    return {
        "entity_swap": ent.entity_swap,
        "number_change": number_change,
        "date_change": date_change,
        "negation": negation,
        "ordinal_change": ordinal_change,
        "role_swap": ent.role_swap,
        "alias_swap": ent.alias_swap,
        "role_shared": ent.shared_swap,
        "digit_script": digit_script,
        "clause_drop": clause_drop,
    }


def generate(
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    seed: int = 13,
    max_contradictions: int = 2,
    unrelated_rate: float = 0.08,
    negation_rate: float = 0.5,
) -> list[NLIExample]:
    """Pairs made from ``sentences``: per sentence up to ``max_contradictions`` contradicting edits
    (the rarer kinds first), every entailed edit that applies, and a few neutral pairs.

    Contradictions are symmetric, so their direction is drawn at random; entailed and neutral
    pairs keep the direction that makes them true. A sentence whose only contradicting edit is a
    negation keeps it with probability ``negation_rate``: negation applies to almost every
    sentence and would otherwise swamp the rarer, more newsworthy kinds.
    """
    rng = random.Random(seed)
    table = rules(entities)
    by_lang: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_lang.setdefault(s.lang, []).append(s)
    out: list[NLIExample] = []
    made: Counter[str] = Counter()

    def add(premise: str, hypothesis: str, kind: str, lang: str) -> None:
        out.append(NLIExample(premise, hypothesis, KIND_LABEL[kind], lang, f"gen:{kind}"))
        made[kind] += 1

    for s in sentences:
        edits: dict[str, str] = {}
        for kind, rule in table.items():
            new = rule(s.text, s.lang, rng)
            if new is not None and new.strip() and new != s.text:
                edits[kind] = new
        contra = [k for k in CONTRADICTION_KINDS if k in edits]
        contra.sort(key=lambda k: (made[k], rng.random()))  # balance the kinds
        if contra == ["negation"] and rng.random() >= negation_rate:
            contra = []
        for kind in contra[:max_contradictions]:
            a, b = (s.text, edits[kind]) if rng.random() < 0.5 else (edits[kind], s.text)
            add(a, b, kind, s.lang)
        for kind in ENTAILMENT_KINDS:
            if kind in edits:
                a, b = (
                    (s.text, edits[kind])
                    if kind == "clause_drop" or rng.random() < 0.5
                    else (edits[kind], s.text)
                )
                add(a, b, kind, s.lang)
        if "role_shared" in edits:
            a, b = (s.text, edits["role_shared"]) if rng.random() < 0.5 else (edits["role_shared"], s.text)
            add(a, b, "role_shared", s.lang)
        if "clause_drop" in edits and rng.random() < 0.5:
            add(edits["clause_drop"], s.text, "clause_add", s.lang)
        if rng.random() < unrelated_rate and len(by_lang[s.lang]) > 1:
            other = rng.choice(by_lang[s.lang])
            if other.text != s.text:
                add(s.text, other.text, "unrelated", s.lang)
    return out


def counts(examples: Iterable[NLIExample]) -> dict[str, int]:
    """How many pairs per source (dataset name or "gen:<kind>")."""
    return dict(sorted(Counter(e.source for e in examples).items()))


# ---------------------------------------------------------------- where the sentences come from

_SENT_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def split_sentences(text: str, min_words: int = 5, max_words: int = 45) -> list[str]:
    """Sentences of a plain text, kept when they are of a length NLI pairs are made of."""
    out = []
    for part in _SENT_END.split(text):
        part = part.strip(" \t•*-–«»\"'")
        if min_words <= len(part.split()) <= max_words:
            out.append(part)
    return out


def guess_lang(text: str) -> str:
    """Persian when a letter that Arabic lacks appears, else Arabic (enough for these sources)."""
    return "fa" if has_persian_letters(text) else "ar"


def source_sentences(
    ans_train: Sequence[NLIExample], farstail_train: Sequence[NLIExample], seed_texts: Sequence[str]
) -> list[Sentence]:
    """Real sentences to perturb: ANS train headlines (first side), FarsTail train premises (split
    into sentences), and the seed articles. Duplicates are dropped, order is kept."""
    seen: set[str] = set()
    out: list[Sentence] = []

    def keep(text: str, lang: str, origin: str) -> None:
        if text not in seen:
            seen.add(text)
            out.append(Sentence(text, lang, origin))

    for ex in ans_train:
        if len(ex.premise.split()) >= 4:
            keep(ex.premise, "ar", "ans")
    for ex in farstail_train:
        for sent in split_sentences(ex.premise):
            keep(sent, "fa", "farstail")
    for text in seed_texts:
        for sent in split_sentences(text):
            keep(sent, guess_lang(sent), "seeds")
    return out
