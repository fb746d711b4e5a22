"""Aligned sentences from real same-event coverage: hard negatives for the contradiction class.

Different outlets cover one event on one day with sentences that share most of their words and
differ in order, spelling, detail and attribution. Such a pair is nearly always entailment or
neutral, yet a model trained on generated swaps reads every changed word as a contradiction. This
module finds those pairs in the Egyptian press (``checker.nli.real``) and labels them by a rule:

1. **Events**: on each day, articles of *different* outlets whose title and opening are close
   (TF-IDF cosine >= ``article_sim``) are taken to cover one event.
2. **Alignment**: each sentence of one article is matched with its closest sentence of the other
   (cosine >= ``sentence_sim``).
3. **Label** (``label_pair``): a pair is dropped when both sides hold numbers and they differ (a
   real difference in a figure, or an update) or when only one side holds a negation; otherwise
   it is ``entailment`` when one side's words are nearly all in the other (coverage >= 0.85; that
   side is the hypothesis, unless it adds a number: then ``neutral``), ``neutral`` when both share
   a good part but each adds something (both coverages >= 0.4), and dropped when they share less.

The rule's error rate was measured by reading a sample (see the model card).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from checker.nli.data import NLIExample
from checker.nli.perturb import split_sentences
from checker.nli.real import Article
from checker.text.digits import to_ascii_digits
from checker.text.normalize import normalize_for_matching

_TOKEN = re.compile(r"[^\W\d_]{2,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# negation and denial words (normalised spellings): a pair where only one side has one is dropped
_NEGATION = frozenset(
    "لم لن لا ليس ليست ما غير بدون دون نفي نفت ينفي تنفي انكر انكرت كذب كذبت عار عارية".split()
)
COVERAGE_ENTAIL = 0.85
COVERAGE_NEUTRAL = 0.4


@dataclass(frozen=True)
class AlignedPair:
    premise: str
    hypothesis: str
    label: str  # "entailment" | "neutral"
    date: str
    sources: tuple[str, str]
    similarity: float


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize_for_matching(text))


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", ".") for n in _NUMBER.findall(to_ascii_digits(text)))


def label_pair(a: str, b: str) -> tuple[str, str, str] | None:
    """``(premise, hypothesis, label)`` for two aligned sentences, or None when the rule drops them."""
    na, nb = _numbers(a), _numbers(b)
    if na and nb and na != nb:
        return None
    ta, tb = _tokens(a), _tokens(b)
    sa, sb = set(ta), set(tb)
    if not sa or not sb or bool(sa & _NEGATION) != bool(sb & _NEGATION):
        return None
    cov_b = len(sa & sb) / len(sb)  # how much of b is in a
    cov_a = len(sa & sb) / len(sa)
    if max(cov_a, cov_b) >= COVERAGE_ENTAIL:
        # the side whose words are (nearly) all in the other is the hypothesis; a hypothesis
        # that adds a figure or a date ("today" -> "Tuesday 29 January") says more: neutral
        p, h, nh, np_ = (a, b, nb, na) if cov_b >= cov_a else (b, a, na, nb)
        return (p, h, "entailment") if nh <= np_ else (p, h, "neutral")
    if min(cov_a, cov_b) >= COVERAGE_NEUTRAL:
        return (a, b, "neutral")
    return None


def _event_pairs(
    docs: Sequence[Article], article_sim: float, per_article: int
) -> list[tuple[int, int, float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [" ".join(_tokens(d.title + " " + d.text[:600])) for d in docs]
    vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, max_df=0.3)
    try:
        matrix = vec.fit_transform(texts)
    except ValueError:  # an empty vocabulary
        return []
    sims = (matrix @ matrix.T).tocoo()
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j, s in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and s >= article_sim and docs[i].source != docs[j].source:
            best[int(i)].append((float(s), int(j)))
    out = []
    for i, cands in best.items():
        for s, j in sorted(cands, reverse=True)[:per_article]:
            out.append((i, j, s))
    return out


def aligned_pairs(
    articles: Sequence[Article],
    article_sim: float = 0.45,
    sentence_sim: float = 0.55,
    per_article: int = 2,
    per_event: int = 3,
) -> list[AlignedPair]:
    """Labelled sentence pairs from the same-day, same-event coverage of different outlets.

    Args:
        articles: one language's articles (eg_press of one split).
        article_sim: cosine of title + opening above which two articles are one event.
        sentence_sim: cosine above which two sentences are aligned.
        per_article: events kept per article (its closest articles of other outlets).
        per_event: aligned pairs kept per article pair (the closest ones).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    by_date: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_date[a.date].append(a)
    out: list[AlignedPair] = []
    seen: set[tuple[str, str]] = set()
    for date in sorted(by_date):
        docs = by_date[date]
        events = _event_pairs(docs, article_sim, per_article)
        if not events:
            continue
        sentences = {i: split_sentences(docs[i].text) for e in events for i in e[:2]}
        flat = [(i, s) for i, sents in sentences.items() for s in sents]
        if not flat:
            continue
        vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True)
        matrix = vec.fit_transform([" ".join(_tokens(s)) for _, s in flat])
        rows: dict[int, list[int]] = defaultdict(list)
        for r, (i, _) in enumerate(flat):
            rows[i].append(r)
        for i, j, _ in events:
            if not rows[i] or not rows[j]:
                continue
            sims = (matrix[rows[i]] @ matrix[rows[j]].T).toarray()
            found = []
            for r in range(sims.shape[0]):
                c = int(sims[r].argmax())
                if sims[r, c] >= sentence_sim:
                    found.append((float(sims[r, c]), flat[rows[i][r]][1], flat[rows[j][c]][1]))
            for sim, sa, sb in sorted(found, reverse=True)[:per_event]:
                key = (min(sa, sb), max(sa, sb))
                if key in seen:
                    continue
                seen.add(key)
                labelled = label_pair(sa, sb)
                if labelled is None:
                    continue
                p, h, lab = labelled
                out.append(AlignedPair(p, h, lab, date, (docs[i].source, docs[j].source), round(sim, 3)))
    return out


def as_examples(
    pairs: Sequence[AlignedPair], seed: int = 13, limit: int = 0, identical_share: float = 0.1
) -> list[NLIExample]:
    """NLI examples (source ``real:aligned``), balanced between the labels, with few exact copies.

    Exact copies (same normalised text) teach little; at most ``identical_share`` of the kept
    pairs are copies. ``limit`` > 0 caps the number of pairs (a random, seeded sample).
    """
    rng = random.Random(seed)
    copies = [p for p in pairs if normalize_for_matching(p.premise) == normalize_for_matching(p.hypothesis)]
    others = [p for p in pairs if p not in set(copies)]
    rng.shuffle(copies)
    keep = others + copies[: int(identical_share * len(others))]
    rng.shuffle(keep)
    if limit:
        by_label: dict[str, list[AlignedPair]] = defaultdict(list)
        for p in keep:
            by_label[p.label].append(p)
        share = limit // max(len(by_label), 1)
        keep = [p for group in by_label.values() for p in group[:share]]
        rng.shuffle(keep)
    return [NLIExample(p.premise, p.hypothesis, p.label, "ar", "real:aligned") for p in keep]
