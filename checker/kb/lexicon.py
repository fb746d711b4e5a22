"""Closed word lists (folded forms) that the mention finder and the role rules rely on.

Every list is written in the folded spelling (``checker.text.normalize``): alef without hamza,
ي for ی/ى/ئ, ه for ة, ك for ک. The lists are closed-class or near it (honorifics,
prepositions, the verbs of saying, sending, receiving and visiting), which is what
keeps the role rules small and readable.
"""

from __future__ import annotations

from checker.text.tokens import fold


def _words(text: str) -> frozenset[str]:
    """The folded forms of space-separated words; each must fold to one token (a ZWNJ compound such
    as "قدس‌سره" folds to two: list the word the text's token holds)."""
    out = frozenset(fold(w) for w in text.split())
    compound = sorted(w for w in out if " " in w)
    if compound:
        raise ValueError(f"word lists hold single words, not {compound}")
    return out


def _with_feminine(words: frozenset[str]) -> frozenset[str]:
    """Arabic past-tense verbs also appear with the feminine -ت ("أكدت", "قالت")."""
    return words | frozenset(w + "ت" for w in words)


HONORIFICS = _words(
    """
    السيد سيد السيدة الشيخ شيخ آية آيت آيه الله العظمى سماحة حجة الإسلام والمسلمين الإمام امام
    حضرت جناب آقای آقا الدكتور دكتر دكتور فخامة معالي خانم الحاج حاج سردار اللواء الفريق العميد
    الجنرال الراحل ا ره قدس سره
    """
)

# Words that speak of a person as dead ("the late", "may God have mercy on him").
MEMORIAL_MARKERS = _words("الراحل الفقيد المرحوم مرحوم فقید راحل رحمه ره سره طاب ثراه")  # سره: قدس‌سره

PREPOSITIONS = _words(
    """
    من إلى الى في عن مع بين لدى عند نحو حول ضد عبر بعد قبل خلال منذ مثل دون
    با به از در برای بر تا بدون نزد توسط میان گزارش نقل همراه ضمن
    """
)

# Tokens that end the search for a speaker after a verb of saying.
SPEAKER_STOPS = PREPOSITIONS | _words("أن إن ان أنه انه إنه أنها بأن لأن إذ الذي التي حيث ما لا لم لن قد")

# X is not the actor when it is the complement of one of these ("the assistant of the speaker").
DEPENDENT_NOUNS = _words(
    """
    مساعد المساعد مستشار المستشار نائب النائب ممثل الممثل مبعوث المبعوث متحدث المتحدث الناطق ناطق
    مكتب المكتب سفير نجل ابن حفيد نماینده معاون مشاور سخنگوی دفتر فرزند نوه فرستاده
    """
)

# The head of an organisation speaks, not the organisation: "دبیر کل وقت سازمان ملل".
HEAD_NOUNS = _words("رئيس رئیس رییس دبير دبیر دبیرکل أمين الأمين مدير مدیر مديرعامل قائد فرمانده وزير وزیر")

# "as the representative of": the person receives on someone else's behalf.
PROXY_MARKERS = _words("بعنوان عنوان نيابة بالنيابة بصفته ممثلا كممثل")
PROXY_NOUNS = _words("نماینده ممثل ممثلا مبعوث فرستاده")

ADVERBS = _words("خلالها خلاله أمس اليوم أيضا بدوره كذلك مجددا حاليا الأحد الاثنين بدورها")

MESSAGE_NOUNS = _words("رسالة الرسالة رسالت برقية البرقية پیام پیامی نامه پیغام")
MESSAGE_ADJECTIVES = _words(
    """
    خطية مكتوبة شفهية شفوية رسمية خاصة مهمة جديدة هامة استراتيجية الخطية المكتوبة الشفهية
    كتبی شفاهی راهبردی مهم ویژه مکتوب رسمی
    ای
    """  # ای: the indefinite suffix after a zero-width non-joiner, a token of its own (نامه‌ای)
)

FROM = _words("من از")
TO = _words("إلى الى به")

RECEIVE_VERBS = _with_feminine(_words("يتلقى تلقى تتلقى يستلم استلم تستلم يتسلم تسلم"))
RECEIVE_VERBS_FA = _words("دریافت")
# The bearer of a letter: "قاليباف يسلم رسالة", "حمل قاليباف رسالة".
CARRY_VERBS = _with_feminine(_words("يسلم سلم يحمل حمل تحمل ينقل نقل يقدم قدم سلمها سلمه يسلمها يوصل أوصل"))
CARRY_VERBS_VSO = _with_feminine(_words("يحمل حمل تحمل ينقل نقل يوصل أوصل"))
# The person a letter is handed to: "يسلم فولودين رسالة", "تحویل رئیس دوما".
HANDOVER_WORDS = _words("يسلم سلم تسليم تسليمه يقدم قدم تقديم سلمها سلمه يسلمها تسليمها")
HANDOVER_WITH_OBJECT = _words("سلمها سلمه يسلمها يسلمه تسليمها قدمها")
HANDOVER_FA = _words("تحویل تقدیم تسلیم")

LIGHT_VERBS = _with_feminine(_words("قام يقوم تقوم بدأ يبدأ تبدأ أجرى يجري اختتم يختتم أنهى ينهي"))
VERBAL_NOUN_ROLES = {fold("تسليم"): "messenger", fold("زيارة"): "visitor"}

VISIT_VERBS = _with_feminine(_words("يزور زار تزور يزورها"))
VISIT_NOUNS = _words("زيارة")
VISIT_NOUNS_FA = _words("سفر")
ARRIVE_VERBS = _with_feminine(_words("وصل يصل تصل حط"))
ARRIVE_FA = _words("وارد")
HOST_VERBS = _with_feminine(_words("استقبل يستقبل تستقبل"))
INVITATION = _words("دعوة دعوت")
INVITATION_ADJECTIVES = _words("رسمية رسمی")
DOING_BY = _words("بها به")

SPEECH_VERBS = _with_feminine(
    _words(
        """
        قال يقول تقول أكد يؤكد تؤكد يؤكدان أكدا أعلن يعلن أضاف يضيف أشار يشير صرح يصرح أوضح يوضح
        اعتبر يعتبر شدد يشدد رأى يرى لفت يلفت وصف يصف أعرب يعرب تابع ذكر نوه أشاد يشيد كشف يكشف
        """
    )
)
SPEECH_VERBS_FA = _words("گفت افزود نوشت خاطرنشان")
ACCORDING_TO_FA = _words("گفته")  # "به گفته X" (but "گفته می‌شود" is "it is said")
SPEECH_PHRASES_FA = {  # first word -> light verbs that make it a verb of saying
    fold("تاکید"): _words("کرد کردند نمود داشت"),
    fold("اظهار"): _words("داشت کرد"),
    fold("اعلام"): _words("کرد کردند"),
    fold("تصریح"): _words("کرد"),
}
