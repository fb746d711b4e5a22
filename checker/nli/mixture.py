"""The NLI training mixture and the dev sets built from held-back real text, in one place.

Training (``training_pairs``), all from training splits only:

- ANS stance train (Arabic) and FarsTail train (Persian), as labelled;
- ``checker.nli.perturb`` edits of ANS headlines, FarsTail premises, the seeds, and real sentences
  of eg_press (train block) and Fars News (train articles), role-aware (a swap in a shared role
  is neutral);
- ``checker.nli.negation``: negation and denial with their twins, from the same real sentences;
- ``checker.nli.aligned``: same-event aligned pairs of the eg_press train block (hard negatives);
- ``checker.nli.copies``: near-verbatim copies (entailment).

Dev sets from held-back text (``negation_dev``, ``aligned_dev``): the eg_press 2013-02-01..14
block and the Fars News dev articles, never trained on. The CC BY-NC Persian stance file is read
only by eval/.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from checker.home import PROJECT_ROOT
from checker.nli import aligned, copies, negation, perturb, real
from checker.nli.data import NLIExample, load_split
from checker.nli.perturb import Sentence, split_sentences


def real_sentences(
    split: real.Split, per_lang: int, seed: int, data_dir: Path | None = None
) -> tuple[list[Sentence], list[Sentence]]:
    """``(headlines, body sentences)`` of eg_press and Fars News for one split: a seeded sample of
    about ``per_lang`` sentences per language, a quarter of them headlines."""
    rng = random.Random(seed)
    titles: list[Sentence] = []
    body: list[Sentence] = []
    for lang, articles in (("ar", real.eg_press(split, data_dir)), ("fa", real.farsnews(split, data_dir))):
        rng.shuffle(articles)
        t = [Sentence(a.title.strip(), lang, f"real:{a.source}") for a in articles if a.title.strip()]
        b: list[Sentence] = []
        for a in articles:
            sents = split_sentences(a.text)
            b += [Sentence(s, lang, f"real:{a.source}") for s in sents[:4]]  # the lead, where claims are
            if len(b) >= per_lang:
                break
        titles += t[: per_lang // 4]
        body += b[: per_lang - per_lang // 4]
    return titles, body


def shared_role_sentences(
    split: real.Split, limit: int, seed: int, data_dir: Path | None = None
) -> list[Sentence]:
    """eg_press headlines and lead sentences whose verb is a shared role with a known actor
    ("أدانت مصر ..."): the material of the ``role_shared`` (neutral) swaps."""
    rules = perturb.EntityRules(perturb.default_entities())
    out = []
    for a in real.eg_press(split, data_dir):
        for s in [a.title, *split_sentences(a.text)[:3]]:
            if perturb.shared_role(s, "ar") and rules.shared_swap(s, "ar", random.Random(0)):
                out.append(Sentence(s, "ar", "real:shared_role"))
    random.Random(seed).shuffle(out)
    return out[:limit]


def copy_pairs(sentences: Sequence[Sentence], seed: int) -> list[NLIExample]:
    rng = random.Random(seed)
    out = []
    for s in sentences:
        new = copies.near_copy(s.text, s.lang, rng)
        if new:
            a, b = (s.text, new) if rng.random() < 0.5 else (new, s.text)
            out.append(NLIExample(a, b, "entailment", s.lang, "gen:copy"))
    return out


def training_pairs(
    seed: int = 13,
    data_dir: Path | None = None,
    limit: int = 0,
    real_per_lang: int = 6000,
    aligned_limit: int = 4000,
    max_contradictions: int = 1,
) -> tuple[list[NLIExample], dict[str, int]]:
    """The whole training mixture and its counts per source."""
    ans, fars = load_split("ans", "train", data_dir), load_split("farstail", "train", data_dir)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    base = perturb.source_sentences(ans, fars, seeds)
    titles, body = real_sentences("train", real_per_lang if not limit else limit, seed, data_dir)
    if limit:
        ans, fars, base = ans[:limit], fars[:limit], base[:limit]
    rng = random.Random(seed)
    # the v1 edits (role-aware now) on the labelled sets' sentences and a third of the real ones
    real_all = titles + body
    rng.shuffle(real_all)
    third = len(real_all) // 3
    shared = shared_role_sentences("train", limit or 1500, seed, data_dir)
    edited = perturb.generate(
        base + real_all[:third] + shared,
        perturb.default_entities(),
        seed=seed,
        max_contradictions=max_contradictions,
    )
    # negation and denial: the other two thirds, and ANS headlines (denials of headline claims)
    neg_sources = real_all[third:] + [s for s in base if s.origin == "ans"][: len(real_all) // 6]
    negations = negation.generate(neg_sources, seed=seed + 1)
    near = copy_pairs(real_all[: len(real_all) // 4] + base[:: max(1, len(base) // 1500)], seed + 2)
    eg_train = real.eg_press("train", data_dir)
    same_event = aligned.as_examples(aligned.aligned_pairs(eg_train), seed=seed, limit=limit or aligned_limit)
    pairs = ans + fars + edited + negations + near + same_event
    counts = perturb.counts(pairs)
    counts["sentences_perturbed"] = len(base) + third + len(shared)
    counts["sentences_negated"] = len(neg_sources)
    return pairs, counts


LABELLED_SOURCES = frozenset({"ans", "farstail"})


def lean_on_labelled(
    pairs: Sequence[NLIExample], counts: dict[str, int], share: float, seed: int
) -> tuple[list[NLIExample], dict[str, int]]:
    """All the labelled pairs and a seeded ``share`` of each made kind (edits, negation, aligned,
    copies), in the mixture's order: a later stage that leans on the labelled sets while the made
    kinds keep what the earlier stages taught. Counts are of what is kept."""
    if share >= 1.0:
        return list(pairs), counts
    rng = random.Random(seed + 7)
    kept = [e for e in pairs if e.source in LABELLED_SOURCES or rng.random() < share]
    return kept, {**counts, **perturb.counts(kept)}


# ------------------------------------------------------------------------------------ dev sets


def negation_dev(seed: int = 101, per_lang: int = 700, data_dir: Path | None = None) -> list[NLIExample]:
    """Negation and denial pairs (with their twins) from held-back real sentences, both languages."""
    titles, body = real_sentences("dev", per_lang, seed, data_dir)
    return negation.generate(titles + body, seed=seed)


def aligned_dev(seed: int = 101, limit: int = 1500, data_dir: Path | None = None) -> list[NLIExample]:
    """Same-event aligned pairs of the held-back eg_press block (none is a contradiction by the rule)."""
    pairs = aligned.aligned_pairs(real.eg_press("dev", data_dir))
    return aligned.as_examples(pairs, seed=seed, limit=limit)
