"""Perturbation corpora: one changed fact in one article of the corrected seeds, and controls.

    python -m eval.e2e.perturb [--per-kind 6] [--out DIR]   # list (and optionally write) them

The base corpus is the seeds with the gold file's correction applied (the one real error
fixed). Each perturbation edits one site (``eval.e2e.sites``) of one claim in one article,
and is kept only when the changed fact has a counterpart: a claim of another article of the
same event (gold ``events``), or of the same article when one of the two is its headline
(weekdays: anywhere in the article), that states the same fact -- otherwise there is nothing
the edit could be caught against. Negations and paraphrases have no fact key; their
counterparts are the hand-aligned claim pairs of the gold files. Controls restate a fact
(another digit system, words for digits, another spelling of a name, synonyms) or add an
article about another event built from real sentences of the data sets; they must stay quiet.

Selection is deterministic (``seed``): up to ``per_kind`` (5) per kind and language, spread over
distinct sites first, then over a site's second replacement.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.home import shared_data_dir
from checker.types import Claim, Document, Role
from eval.e2e import lexicon as lx
from eval.e2e.corpus import SEEDS, Corpus, Edit, corrected, read_claims, read_seeds
from eval.e2e.gold import Gold, load_gold
from eval.e2e.sites import CONTROL_FINDERS, POSITIVE_FINDERS, Site, claim_keys, concepts

POSITIVE_KINDS = ("entity", "number", "year", "weekday", "negation", "ordinal", "place")
CONTROL_KINDS = ("digits", "number_words", "spelling", "paraphrase", "added_article")
LANGS = ("ar", "fa")
# finding kinds that count as catching the edit for what it is (strict); any kind counts as lenient
FAMILIES: dict[str, tuple[str, ...]] = {
    "entity": ("entity", "anachronism"),
    "place": ("entity",),
    "number": ("number",),
    "ordinal": ("number",),
    "year": ("date",),
    "weekday": ("date",),
    "negation": ("contradiction",),
}
ADDED_SENTENCES = 5  # per added Arabic article: a headline and four body sentences
ADDED_PREMISES = 2  # per added Persian article (FarsTail premises hold two to four sentences)


@dataclass(frozen=True)
class Perturbation:
    """One corpus to check: the base plus one edit (or one added article).

    Attributes:
        counterparts: the claims the edited claim should be caught against (for a control: the
            claims it must not be flagged against), as (file name, line, start offset) in the base
            corpus; ``counterpart_starts`` gives the offsets in the edited corpus.
        edited_line: line of the edited claim (0 for an added article).
    """

    id: str
    lang: str
    kind: str
    control: bool
    edit: Edit | None
    added: tuple[str, str] | None  # (file name, text)
    families: tuple[str, ...]
    counterparts: tuple[tuple[str, int, int], ...]
    edited_line: int
    note: str

    def apply(self, base: Corpus) -> Corpus:
        if self.edit is not None:
            return base.with_edit(self.edit)
        if self.added is not None:
            return base.with_article(*self.added)
        return base

    def counterpart_starts(self) -> set[tuple[str, int]]:
        """(file name, start offset) of each counterpart claim in the edited corpus: a claim after the
        edit in the edited article moves by the edit's change in length."""
        shift = len(self.edit.new) - len(self.edit.old) if self.edit else 0
        out = set()
        for name, _, start in self.counterparts:
            moved = self.edit is not None and name == self.edit.document and start > self.edit.start
            out.add((name, start + shift if moved else start))
        return out

    @property
    def document(self) -> str:
        """The file name of the edited (or added) article."""
        if self.edit is not None:
            return self.edit.document
        return self.added[0] if self.added else ""


@dataclass(frozen=True)
class KindCount:
    """How many sites the seeds offer for one kind and language, and how many were used."""

    lang: str
    kind: str
    sites: int
    with_counterpart: int
    generated: int


@dataclass(frozen=True)
class PerturbationSet:
    base: Corpus
    perturbations: tuple[Perturbation, ...]
    counts: tuple[KindCount, ...]

    def of(self, lang: str, kind: str) -> list[Perturbation]:
        return [p for p in self.perturbations if p.lang == lang and p.kind == kind]


@dataclass(frozen=True)
class _Option:
    claim: Claim
    site: Site
    counterparts: tuple[Claim, ...]


class _Context:
    """The base corpus's claims with what the counterpart rules need, computed once."""

    def __init__(self, documents: Sequence[Document], claims: Sequence[Claim], gold: Gold) -> None:
        self.gold = gold
        self.claims = list(claims)
        self.lang = {Path(d.path).name: d.lang for d in documents}
        self.keys = {c.id: claim_keys(c.text, c.lang) for c in claims}
        self.concepts = {c.id: concepts(c.text, c.lang) for c in claims}
        self.aligned = gold.aligned_pairs(claims)
        self.spans = gold.aligned_spans(claims)

    def counterparts(self, claim: Claim, site: Site, kind: str) -> tuple[Claim, ...]:
        event = self.gold.event_of(claim.document)
        own = Path(claim.document).name
        out = []
        for c in self.claims:
            name = Path(c.document).name
            if c.id == claim.id or name not in event:
                continue
            same_doc = name == own
            aligned = frozenset((claim.id, c.id)) in self.aligned
            if kind == "negation":
                # the flipped verb must lie in the aligned fact, not elsewhere in a long claim
                span = self.spans.get((claim.id, c.id))
                ok = span is not None and span[0] <= site.start and site.end <= span[1]
            elif kind == "paraphrase":
                ok = aligned or self._same_story(claim, c)
            elif same_doc and kind != "weekday" and Role.HEADLINE not in (claim.role, c.role):
                ok = False
            elif kind in ("entity", "place", "spelling"):
                ok = site.key in self.keys[c.id] and bool(self.concepts[claim.id] & self.concepts[c.id])
            elif kind == "weekday":
                ok = any(
                    k.startswith("weekday:") or (same_doc and k.startswith("time:")) for k in self.keys[c.id]
                )
            else:
                ok = site.key in self.keys[c.id]
            if ok:
                out.append(c)
        return tuple(out)

    def _same_story(self, a: Claim, b: Claim) -> bool:
        people = {k for k in self.keys[a.id] if k.startswith("person:")}
        return bool(people & self.keys[b.id]) and bool(self.concepts[a.id] & self.concepts[b.id])


def _select(options: Sequence[_Option], per_kind: int, rng: random.Random) -> list[tuple[_Option, int]]:
    """Up to ``per_kind`` (option, replacement index): every site once before any site twice."""
    order = list(options)
    rng.shuffle(order)
    chosen: list[tuple[_Option, int]] = []
    depth = max((len(o.site.replacements) for o in order), default=0)
    for r in range(depth):
        for o in order:
            if len(chosen) >= per_kind:
                return chosen
            if r < len(o.site.replacements):
                chosen.append((o, r))
    return chosen


def _options(ctx: _Context, lang: str, kind: str, finder) -> tuple[int, list[_Option]]:
    found, options = 0, []
    for claim in ctx.claims:
        if claim.lang != lang:
            continue
        for site in finder(claim.text, lang):
            found += 1
            partners = ctx.counterparts(claim, site, kind)
            if partners:
                options.append(_Option(claim, site, partners))
    return found, options


def _perturbation(n: int, lang: str, kind: str, control: bool, option: _Option, r: int) -> Perturbation:
    claim, site = option.claim, option.site
    start = claim.span.start + site.start
    new = site.replacements[r]
    edit = Edit(Path(claim.document).name, start, start + len(site.old), site.old, new)
    return Perturbation(
        id=f"{lang}-{kind}-{n:02d}",
        lang=lang,
        kind=kind,
        control=control,
        edit=edit,
        added=None,
        families=FAMILIES.get(kind, ()),
        counterparts=tuple((Path(c.document).name, c.span.line, c.span.start) for c in option.counterparts),
        edited_line=claim.span.line,
        note=f"{site.old} → {new}",
    )


# --- added articles about other events ------------------------------------------------------------


def _region(text: str, lang: str) -> bool:
    return any(
        re.search(lx.LEFT + lx.PROCLITIC + re.escape(w) + lx.RIGHT, text) for w in lx.REGION_WORDS[lang]
    )


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "؟", "!", "?")) else text + "."


def added_articles(
    lang: str, count: int, rng: random.Random, data_dir: Path | None = None
) -> list[tuple[str, str]]:
    """Articles about other Iran/Russia events, from real sentences of the data sets.

    Arabic: ANS stance_train headlines naming Iran, Russia, Tehran, Moscow or Putin, five to an
    article (the first as its headline). Persian: FarsTail train premises naming Iran, Russia,
    Tehran or Moscow, headed by a hypothesis the first premise entails.
    """
    data = data_dir or shared_data_dir()
    articles: list[tuple[str, str]] = []
    if lang == "ar":
        with (data / "ans" / "stance_train.csv").open(encoding="utf-8", newline="") as fh:
            headlines = list(dict.fromkeys(r["s1"].strip() for r in csv.DictReader(fh)))
        pool = [h for h in headlines if _region(h, "ar") and len(h.split()) >= 4]
        rng.shuffle(pool)
        for i in range(count):
            chunk = pool[i * ADDED_SENTENCES : (i + 1) * ADDED_SENTENCES]
            if len(chunk) < ADDED_SENTENCES:
                break
            text = chunk[0] + "\n\n" + "\n\n".join(_sentence(s) for s in chunk[1:]) + "\n"
            articles.append((f"900_added_ar_{i + 1}.txt", text))
    else:
        with (data / "farstail" / "train.tsv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        heads: dict[str, str] = {}
        for r in rows:
            if r["label"] == "e" and _region(r["premise"], "fa"):
                heads.setdefault(r["premise"].strip(), r["hypothesis"].strip())
        premises = list(heads)
        rng.shuffle(premises)
        per = ADDED_PREMISES
        for i in range(count):
            chunk = premises[i * per : (i + 1) * per]
            if len(chunk) < per:
                break
            headline = heads[chunk[0]].rstrip(".")
            text = headline + "\n\n" + "\n\n".join(_sentence(p) for p in chunk) + "\n"
            articles.append((f"900_added_fa_{i + 1}.txt", text))
    return articles


# --- the whole set ---------------------------------------------------------------------------------


def generate(
    gold: Gold | None = None,
    per_kind: int = 5,
    seed: int = 13,
    seeds_dir: Path = SEEDS,
    data_dir: Path | None = None,
) -> PerturbationSet:
    """The corrected base corpus, its perturbations and controls, and per-kind site counts."""
    gold = gold or load_gold()
    base = corrected(read_seeds(seeds_dir), gold)
    with tempfile.TemporaryDirectory(prefix="eval-base-") as tmp:
        documents, claims = read_claims(base.write(Path(tmp) / "base"))
    ctx = _Context(documents, claims, gold)
    rng = random.Random(seed)
    perturbations: list[Perturbation] = []
    counts: list[KindCount] = []
    for lang in LANGS:
        for control, finders in ((False, POSITIVE_FINDERS), (True, CONTROL_FINDERS)):
            for kind in POSITIVE_KINDS if not control else CONTROL_KINDS:
                if kind == "added_article":
                    added = added_articles(lang, per_kind, rng, data_dir)
                    for n, (name, text) in enumerate(added, 1):
                        perturbations.append(
                            Perturbation(
                                f"{lang}-{kind}-{n:02d}",
                                lang,
                                kind,
                                True,
                                None,
                                (name, text),
                                (),
                                (),
                                0,
                                f"added {name}: {text.splitlines()[0][:60]}",
                            )
                        )
                    counts.append(KindCount(lang, kind, len(added), len(added), len(added)))
                    continue
                found, options = _options(ctx, lang, kind, finders[kind])
                chosen = _select(options, per_kind, rng)
                for n, (option, r) in enumerate(chosen, 1):
                    perturbations.append(_perturbation(n, lang, kind, control, option, r))
                counts.append(KindCount(lang, kind, found, len(options), len(chosen)))
    return PerturbationSet(base, tuple(perturbations), tuple(counts))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.e2e.perturb", description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, help="write each corpus into OUT/<id>/ (and the base into OUT/base/)")
    args = ap.parse_args(argv)
    pset = generate(per_kind=args.per_kind, seed=args.seed)
    for c in pset.counts:
        print(
            f"{c.lang} {c.kind:14} sites {c.sites:3}  with counterpart {c.with_counterpart:3}"
            f"  used {c.generated}"
        )
    for p in pset.perturbations:
        where = f"{p.document}:{p.edited_line}" if p.edit else p.document
        print(f"{p.id:22} {where:32} {p.note}  ↔ {len(p.counterparts)} counterpart(s)")
    if args.out:
        pset.base.write(args.out / "base")
        for p in pset.perturbations:
            p.apply(pset.base).write(args.out / p.id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
