"""Negation and denial pairs from real sentences, Arabic and Persian, each with a twin that is not a
contradiction.

A contradiction here is one real sentence against the same sentence negated (or with its
negation removed), or against a report that denies it. Every contradiction comes with a twin
built from the same sentence that keeps a negation or denial word on one or both sides and is
*not* a contradiction, so that the model cannot learn "a negation word means contradiction":

- ``neg_keep`` (entailment): the negated side of a negation pair against a near copy of itself
  (the negation stays on both sides);
- ``confirm`` (entailment): "officials confirmed «S»" -> S;
- ``no_comment`` (neutral): S against "officials have not yet commented on «S»" (a negation word,
  no contradiction).

Contradictions: ``neg_add`` / ``neg_remove`` (the verb negated or the negation removed; Arabic
لم / لن / لا / ليس / تم -> لم يتم / كان -> لم يكن / سـ -> لن; Persian نـ / نمی‌ / نیست / نبود /
نخواهد), ``deny_verb`` (أكد -> نفى; Persian تأیید کرد -> تکذیب کرد / رد کرد) and ``denial`` (a report
that S is false: نفى / أنكر / كذّب / عارٍ عن الصحة; تکذیب شد / صحت ندارد / کذب است / رد کرد).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence

from checker.nli.copies import near_copy
from checker.nli.data import NLIExample
from checker.nli.perturb import AR_NOT_VERB, Sentence

KIND_LABEL = {
    "neg_add": "contradiction",
    "neg_remove": "contradiction",
    "deny_verb": "contradiction",
    "denial": "contradiction",
    "neg_keep": "entailment",
    "confirm": "entailment",
    "no_comment": "neutral",
}

_B = r"(?<![\w\u200c])"  # word start
_E = r"(?![\w\u200c])"  # word end

# ------------------------------------------------------------------------------------------ Arabic

# words after which a negation is an idiom, not a negated fact (لا يزال, لم يعد, لا سيما, لا بد ...)
_AR_IDIOM = {
    "زال",
    "زالت",
    "يزال",
    "تزال",
    "يزالون",
    "يعد",
    "تعد",
    "يعودوا",
    "سيما",
    "بد",
    "شك",
    "ريب",
    "غير",
    "أحد",
    "احد",
    "مانع",
    "إله",
    "اله",
    "يخفى",
    "سمح",
    "قدر",
}
_AR_NEG = re.compile(_B + r"(لم|لن|لا|ليس|ليست)\s+([\u0621-\u064a]+)")
# future سـ + imperfect verb; words that merely start with سي / ست are listed out
_AR_FUTURE = re.compile(_B + r"(و?)س([يتن][\u0621-\u064a]{2,})" + _E)
_AR_NOT_FUTURE = re.compile(
    r"^(?:يا|يد|يط|ينا|يول|يس|يف|ير|يل|يم|يج|يو|ياح|يئ|يه|تة|تين|تار|تاد|تو|تا|نة|نو|نا|نين|نت|نوي|نتيم)"
)
# only يـ: a word in تـ is as often a past verb (تبين, تمكن, تولى) as an imperfect one
_AR_IMPERFECT = re.compile(r"^(و?)(ي[\u0621-\u064a]{2,})" + _E)
# perturb's list of words that start like an imperfect verb but are not verbs, and the nouns and
# particles that start like a second-person one (ت...)
_AR_NOT_VERB = AR_NOT_VERB | {
    "تونس",
    "تركيا",
    "تعليم",
    "تحقيق",
    "تحقيقات",
    "تقرير",
    "تصريحات",
    "تصريح",
    "تطوير",
    "توفير",
    "تنفيذ",
    "تأكيد",
    "تعديل",
    "تشكيل",
    "تنظيم",
    "توقيع",
    "تمويل",
    "تجارة",
    "تظاهرات",
    "تحالف",
    "تيار",
    "تأييد",
    "توقف",
    "تراجع",
    "تقديم",
    "تعيين",
    "تم",
    "تمت",
}
_AR_SWAPS = (  # (affirmative, negated): whole words, grammatical both ways
    ("تم", "لم يتم"),
    ("تمت", "لم تتم"),
    ("كان", "لم يكن"),
    ("كانت", "لم تكن"),
    ("يوجد", "لا يوجد"),
    ("توجد", "لا توجد"),
    ("هناك", "ليس هناك"),
)
_AR_AFFIRM_TO_DENY = (
    ("أكد", "نفى"),
    ("أكدت", "نفت"),
    ("اكد", "نفى"),
    ("اكدت", "نفت"),
    ("يؤكد", "ينفي"),
    ("تؤكد", "تنفي"),
    ("وافق", "رفض"),
    ("وافقت", "رفضت"),
    ("اعترف", "أنكر"),
    ("اعترفت", "أنكرت"),
)


def ar_neg_remove(text: str, rng: random.Random) -> str | None:
    options = []
    for m in _AR_NEG.finditer(text):
        neg, word = m.group(1), m.group(2)
        if word in _AR_IDIOM:
            continue
        if neg == "لن":
            options.append((m.start(), m.end(), "س" + word))
        else:
            options.append((m.start(), m.end(), word))
    for affirmative, negated in _AR_SWAPS:
        for m in re.finditer(_B + r"(?:و?)(" + negated + ")" + _E, text):
            options.append((m.start(1), m.end(1), affirmative))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + new + text[end:]


def ar_neg_add(text: str, rng: random.Random) -> str | None:
    if _AR_NEG.search(text):
        return None  # already negated somewhere: removal is the clean edit
    options = []
    for m in _AR_FUTURE.finditer(text):
        if not _AR_NOT_FUTURE.match(m.group(2)):
            options.append((m.start(), m.end(), f"{m.group(1)}لن {m.group(2)}"))
    for affirmative, negated in _AR_SWAPS:
        for m in re.finditer(_B + r"(و?)(" + affirmative + ")" + _E, text):
            options.append((m.start(2), m.end(2), negated))
    if not options:  # an imperfect verb among the first words: headlines lead with their verb
        for m in _AR_IMPERFECT.finditer(text.strip()):
            if m.group(2) not in _AR_NOT_VERB:
                options.append((m.start(2), m.start(2), "لا "))
                break
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + new + text[end:]


def ar_deny_verb(text: str, rng: random.Random) -> str | None:
    for affirmative, denied in _AR_AFFIRM_TO_DENY:
        m = re.search(_B + r"(و?)(" + affirmative + ")" + _E, text)
        if m:
            return text[: m.start(2)] + denied + text[m.end(2) :]
    return None


_AR_DENIAL = (
    "نفى مصدر مسؤول صحة ما تردد عن «{s}»",
    "مصدر رسمي ينفي الأنباء عن «{s}»",
    "«{s}».. خبر عار عن الصحة",
    "كذّبت الجهات الرسمية ما نشر بشأن «{s}»",
    "أنكر المسؤولون ما تردد عن «{s}»",
    "{s}: أنباء عارية عن الصحة",
    "الحكومة تنفي: لا صحة لما تردد عن {s}",
)
_AR_CONFIRM = (
    "أكد مصدر مسؤول صحة ما تردد عن «{s}»",
    "مصدر رسمي يؤكد الأنباء عن «{s}»",
    "أكدت الجهات الرسمية ما نشر بشأن «{s}»",
    "الحكومة تؤكد صحة ما تردد عن {s}",
)
_AR_NO_COMMENT = (
    "لم تعلق الجهات الرسمية بعد على ما نشر بشأن «{s}»",
    "لم يصدر أي تعليق رسمي حتى الآن على الأنباء عن «{s}»",
    "تحقق السلطات فيما تردد عن «{s}»",
    "لا تعليق رسمي بعد على ما تردد عن «{s}»",
)

# ----------------------------------------------------------------------------------------- Persian

_K, _Y = "[کك]", "[یي]"
# verb forms that take the negative prefix نـ (written with Persian or Arabic ک / ی)
_FA_VERBS = (
    "کرد کردند کرده کند کنند کنیم کردیم شد شدند شده شود شوند داد دادند داده دهد دهند دارد دارند داشت "
    "داشتند یافت یافتند یافته گرفت گرفتند گرفته گیرد گیرند رسید رسیدند رسد رسند گفت گفتند زد زدند "
    "آمد آمدند آید آیند ماند ماندند بود بودند باشد باشند خواهد خواهند توان تواند توانست توانند "
    "افزود گذاشت گذاشتند رفت رفتند دید دیدند کشید پذیرفت"
).split()
_FA_VERB_ALT = "|".join(
    sorted((v.replace("ک", _K).replace("ی", _Y) for v in _FA_VERBS), key=len, reverse=True)
)
_FA_VERB_RE = re.compile(_B + "(" + _FA_VERB_ALT + ")" + _E)
_FA_NEG_VERB_RE = re.compile(_B + "ن(" + _FA_VERB_ALT + ")" + _E)
_FA_MI = re.compile(_B + "(ن?)(م" + _Y + ")([\u200c ]?)(?=[\u0621-\u06cc])")
_FA_AST = re.compile(_B + "(است|ن" + _Y + "ست)" + _E)


def _fa_negate_word(word: str) -> str:
    if word.startswith("آ"):
        return "نیا" + word[1:]
    if word.startswith("ا"):
        return "نی" + word[1:]
    return "ن" + word


def _fa_last(matches: Sequence[re.Match[str]]) -> re.Match[str] | None:
    return max(matches, key=lambda m: m.start()) if matches else None


def fa_neg_add(text: str, rng: random.Random) -> str | None:
    """Negate the last verb (Persian puts the main verb last)."""
    cands: list[tuple[int, int, str]] = []
    for m in _FA_MI.finditer(text):
        if not m.group(1):
            cands.append((m.start(), m.end(), "ن" + m.group(2) + (m.group(3) or "\u200c")))
    for m in _FA_AST.finditer(text):
        if m.group(1) == "است":
            prev = text[: m.start()].rstrip().split(" ")[-1] if text[: m.start()].strip() else ""
            # "کرده است" is negated on the participle (نکرده است), not on است
            if not re.fullmatch(r"[\u0621-\u06cc]+ه", prev):
                cands.append((m.start(1), m.end(1), "نیست"))
    for m in _FA_VERB_RE.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if re.search("م" + _Y + "[\u200c ]?$", before):
            continue  # part of a می‌ form, handled above
        aux = re.search("(خواهد|خواهند) $", text[: m.start()])
        if aux:  # future: خواهد زد -> نخواهد زد
            cands.append((aux.start(1), aux.end(1), "ن" + aux.group(1)))
        else:
            cands.append((m.start(1), m.end(1), _fa_negate_word(m.group(1))))
    if not cands:
        return None
    start, end, new = max(cands)
    return text[:start] + new + text[end:]


def fa_neg_remove(text: str, rng: random.Random) -> str | None:
    cands: list[tuple[int, int, str]] = []
    for m in _FA_MI.finditer(text):
        if m.group(1):
            cands.append((m.start(), m.end(), m.group(2) + (m.group(3) or "\u200c")))
    for m in _FA_AST.finditer(text):
        if m.group(1) != "است":
            cands.append((m.start(1), m.end(1), "است"))
    for m in _FA_NEG_VERB_RE.finditer(text):
        cands.append((m.start(), m.end(), m.group(1)))
    if not cands:
        return None
    start, end, new = max(cands)
    return text[:start] + new + text[end:]


_FA_AFFIRM_TO_DENY = (
    ("تأیید کرد", "تکذیب کرد"),
    ("تایید کرد", "تکذیب کرد"),
    ("تأييد كرد", "تكذيب كرد"),
    ("تاييد كرد", "تكذيب كرد"),
    ("تأیید شد", "تکذیب شد"),
    ("تایید شد", "تکذیب شد"),
    ("پذیرفت", "رد کرد"),
    ("موافقت کرد", "مخالفت کرد"),
    ("موافقت كرد", "مخالفت كرد"),
)


def fa_deny_verb(text: str, rng: random.Random) -> str | None:
    for affirmative, denied in _FA_AFFIRM_TO_DENY:
        i = text.find(affirmative)
        if i >= 0:
            return text[:i] + denied + text[i + len(affirmative) :]
    return None


_FA_DENIAL = (
    "خبر «{s}» تکذیب شد",
    "«{s}» صحت ندارد",
    "ادعای «{s}» کذب است",
    "سخنگوی دولت خبر «{s}» را رد کرد",
    "شایعه «{s}» تکذیب شد",
    "{s}؛ کذب است",
    "تکذیب خبر {s}",
)
_FA_CONFIRM = (
    "خبر «{s}» تأیید شد",
    "سخنگوی دولت خبر «{s}» را تأیید کرد",
    "منابع رسمی: «{s}» صحت دارد",
    "تأیید خبر {s}",
)
_FA_NO_COMMENT = (
    "مسئولان هنوز درباره خبر «{s}» اظهار نظری نکرده‌اند",
    "بررسی خبر «{s}» آغاز شد",
    "هنوز واکنش رسمی به خبر «{s}» منتشر نشده است",
    "پیگیری خبر {s} ادامه دارد",
)

# ------------------------------------------------------------------------------------ generation

_NEGATION_WORD = re.compile(
    _B + r"(?:لم|لن|لا|ليس|ليست|نفى|نفت|ينفي|أنكر|كذب"
    r"|نیست|نيست|نبود|نمی|نمي|نخواهد|نکرد|نكرد|نشد|ندارد|تکذیب|تكذيب)"
)


def plausible_claim(text: str) -> bool:
    """A sentence worth negating: 5 to 40 words, not a byline, a list or a bibliography entry."""
    n = len(text.split())
    return (
        5 <= n <= 40
        and text.count("،") + text.count(",") <= 3
        and not text.rstrip().endswith((":", "：", ":\u200f"))
        and not re.match(r"^\s*(كتب|کتب|تصوير|عکس)\b", text)
    )


def has_negation(text: str) -> bool:
    return bool(_NEGATION_WORD.search(text))


def _core(text: str) -> str:
    return text.strip().rstrip(".。!؟?").strip()


def pairs_for(
    sentence: Sentence, rng: random.Random, denial_share: float = 0.5
) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, kind) pairs for one sentence: a contradiction and its twin.

    Short sentences (headline-like, <= 16 words) get a denial (twin: a confirmation or a "no
    comment yet") with probability ``denial_share``; the others get a negation edit whose twin is
    the negated side against a near copy of itself (a negation on both sides: entailment).
    """
    s, lang = sentence.text, sentence.lang
    out: list[tuple[str, str, str]] = []
    if lang == "ar":
        add, remove, deny = ar_neg_add, ar_neg_remove, ar_deny_verb
        denial, confirm, no_comment = _AR_DENIAL, _AR_CONFIRM, _AR_NO_COMMENT
    elif lang == "fa":
        add, remove, deny = fa_neg_add, fa_neg_remove, fa_deny_verb
        denial, confirm, no_comment = _FA_DENIAL, _FA_CONFIRM, _FA_NO_COMMENT
    else:
        return out

    def both_ways(a: str, b: str, kind: str) -> None:
        out.append((a, b, kind) if rng.random() < 0.5 else (b, a, kind))

    if len(s.split()) <= 16 and rng.random() < denial_share:
        core = _core(s)
        both_ways(s, rng.choice(denial).format(s=core), "denial")
        if rng.random() < 0.5:
            out.append((rng.choice(confirm).format(s=core), s, "confirm"))
        else:
            both_ways(s, rng.choice(no_comment).format(s=core), "no_comment")
        return out
    negated = has_negation(s)
    kind = "neg_remove" if negated else "neg_add"
    new = remove(s, rng) if negated else add(s, rng)
    if not new or rng.random() < 0.15:
        denied = deny(s, rng)
        if denied:
            new, kind = denied, "deny_verb"
    if not new or new == s:
        return out
    both_ways(s, new, kind)
    negative_side = s if negated else new
    copy = near_copy(negative_side, lang, rng)
    if copy:
        both_ways(negative_side, copy, "neg_keep")
    return out


def generate(sentences: Sequence[Sentence], seed: int = 13) -> list[NLIExample]:
    """Negation and denial pairs (``gen:<kind>``) for each sentence, in sentence order."""
    rng = random.Random(seed)
    out = []
    for s in sentences:
        if not plausible_claim(s.text):
            continue
        for p, h, kind in pairs_for(s, rng):
            out.append(NLIExample(p, h, KIND_LABEL[kind], s.lang, f"gen:{kind}"))
    return out


def counts(examples: Sequence[NLIExample]) -> dict[str, int]:
    return dict(sorted(Counter(e.source for e in examples).items()))
