"""Precision and recall of the quantity and time judges on perturbed real sentences.

    python -m eval.quantity_perturbations [--per-kind 250] [--seed 13] [--no-write]

Sentences with numbers or dates come from the seed articles, the ANS stance headlines
(Arabic) and the FarsTail premises (Persian), read from ``checker.home.shared_data_dir()``.
Each is copied with one edit (``eval.perturb_quantities``): positives change a figure,
a year, a month, a weekday or an ordinal; controls restate the same value in other
digits, in words, with a hedge, or name the same month otherwise. The judges see
(original, copy) as a candidate pair of two articles in the same language; a pair is
flagged when either judge returns a verdict. Two splits are reported: ``train`` (ANS
stance_train, FarsTail train: the sentences looked at while writing the rules) and
``dev`` (stance_dev, FarsTail val: not looked at).

As a sanity check on unedited data it also reports how often the judges flag real
labelled pairs whose both sides hold a number or date (ANS dev by stance, FarsTail val
by label).

Writes the section "quantity-time" of eval/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.facts.stage import claim_facts
from checker.home import PROJECT_ROOT, shared_data_dir
from checker.judges.base import JudgeContext
from checker.judges.figures import FigureJudge
from checker.judges.quantity import QuantityJudge
from checker.judges.time import TimeJudge
from checker.types import Claim, Document, Role, Span
from eval.perturb_quantities import CONTROL_KINDS, FAMILY, POSITIVE_KINDS, RULES, Perturbation
from eval.results import update_section

COMMAND = "python -m eval.quantity_perturbations"
_HAS_FIGURE = re.compile(
    r"[0-9٠-٩۰-۹]|مليار|مليون|ألف|آلاف|ميليارد|میلیارد|میلیون|هزار|أول|ثالث|اولین|نخستین|سومین|دومین"
    r"|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|شنبه|جمعه"
)
_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]?")


def sentences(text: str) -> Iterator[str]:
    for m in _SENTENCE.finditer(text):
        s = m.group().strip()
        if 20 <= len(s) <= 400 and _HAS_FIGURE.search(s):
            yield s


def _seed_sentences() -> Iterator[tuple[str, str]]:
    for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        persian = sum(text.count(c) for c in "پچژگکی")
        lang = "fa" if persian > 20 else "ar"
        for s in sentences(text):
            yield lang, s


def _ans(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for s in (row["s1"], row["s2"]):
                for sent in sentences(s):
                    yield "ar", sent


def _farstail(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if row:
                for sent in sentences(row[0]):
                    yield "fa", sent


def corpus(split: str) -> list[tuple[str, str]]:
    data = shared_data_dir()
    if split == "train":
        parts: Iterable[tuple[str, str]] = [
            *_seed_sentences(),
            *_ans(data / "ans" / "stance_train.csv"),
            *_farstail(data / "farstail" / "train.tsv"),
        ]
    else:
        parts = [*_ans(data / "ans" / "stance_dev.csv"), *_farstail(data / "farstail" / "val.tsv")]
    return list(dict.fromkeys(parts))


def perturbations(split: str, per_kind: int, seed: int) -> list[tuple[str, Perturbation]]:
    rng = random.Random(seed)
    pool: dict[tuple[str, str], list[Perturbation]] = defaultdict(list)
    for lang, text in corpus(split):
        for kind, rule in RULES.items():
            p = rule(text, lang, rng)
            if p is not None and p.perturbed != p.original:
                pool[(lang, kind)].append(p)
    out = []
    for (lang, _kind), items in sorted(pool.items()):
        rng.shuffle(items)
        out += [(lang, p) for p in items[:per_kind]]
    return out


def _claim(text: str, lang: str, doc: str) -> Claim:
    return Claim(id=f"{doc}:{hash(text)}", document=doc, index=0, role=Role.BODY, text=text,
                 span=Span(0, len(text), 1), lang=lang)  # fmt: skip


@dataclass
class Judges:
    quantity: QuantityJudge
    time: TimeJudge
    figures: FigureJudge | None = None  # counts of people (killed, injured, arrested ...)

    def flags(self, a_text: str, b_text: str, lang_a: str, lang_b: str) -> tuple[bool, str]:
        a, b = _claim(a_text, lang_a, "A"), _claim(b_text, lang_b, "B")
        fa, fb = claim_facts(a), claim_facts(b)
        for judge in (self.quantity, self.time):
            v = judge.judge_pair(a, b, fa, fb)
            if v is not None:
                return True, v.explanation
        if self.figures is not None:
            # the quantity judge leaves counts of people to the figure ledger, which weighs every
            # article of an event: here the two sentences are two undated articles of one event
            docs = [Document(path=c.document, lang=c.lang, source=c.text) for c in (a, b)]
            context = JudgeContext.of(docs, [a, b], events=[("A", "B")])
            for judgement in self.figures.judge_claims([a, b], context):
                return True, judgement.verdicts[0].explanation
        return False, ""


def evaluate(items: list[tuple[str, Perturbation]], judges: Judges) -> dict[tuple[str, str], list[int]]:
    """(lang, kind) -> [pairs, flagged]."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for lang, p in items:
        flagged, _ = judges.flags(p.original, p.perturbed, lang, lang)
        c = counts[(lang, p.kind)]
        c[0] += 1
        c[1] += int(flagged)
    return counts


def _pr(counts: dict[tuple[str, str], list[int]], lang: str, family: str | None) -> tuple[int, int, int, int]:
    tp = fn = fp = tn = 0
    for (lg, kind), (n, k) in counts.items():
        if lg != lang or (family is not None and FAMILY[kind] != family):
            continue
        if kind in POSITIVE_KINDS:
            tp, fn = tp + k, fn + n - k
        else:
            fp, tn = fp + k, tn + n - k
    return tp, fn, fp, tn


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def summary_table(counts: dict[tuple[str, str], list[int]]) -> str:
    lines = ["| language | family | positives | controls | precision | recall | control flag rate |",
             "|---|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for lang in ("ar", "fa"):
        for family in ("quantity", "date", None):
            tp, fn, fp, tn = _pr(counts, lang, family)
            precision = tp / (tp + fp) if tp + fp else None
            recall = tp / (tp + fn) if tp + fn else None
            rate = fp / (fp + tn) if fp + tn else None
            lines.append(
                f"| {lang} | {family or 'all'} | {tp + fn} | {fp + tn} | {_fmt(precision)} | {_fmt(recall)} "
                f"| {_fmt(rate)} |"
            )
    return "\n".join(lines)


def kind_table(counts: dict[tuple[str, str], list[int]]) -> str:
    lines = [
        "| kind | expected | ar pairs | ar flagged | fa pairs | fa flagged |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind in (*POSITIVE_KINDS, *CONTROL_KINDS):
        cells = []
        for lang in ("ar", "fa"):
            n, k = counts.get((lang, kind), [0, 0])
            cells += [str(n), f"{k / n:.3f}" if n else "–"]
        expected = "flag" if kind in POSITIVE_KINDS else "quiet"
        lines.append(f"| {kind} | {expected} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def real_pairs(judges: Judges) -> str:
    """Flag rate on real labelled pairs whose both sides hold a figure or date."""
    data = shared_data_dir()
    rates: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    with (data / "ans" / "stance_dev.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if _HAS_FIGURE.search(row["s1"]) and _HAS_FIGURE.search(row["s2"]):
                flagged, _ = judges.flags(row["s1"], row["s2"], "ar", "ar")
                c = rates[("ANS dev (ar)", row["stance"])]
                c[0] += 1
                c[1] += int(flagged)
    with (data / "farstail" / "val.tsv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for fields in reader:
            if len(fields) >= 3 and _HAS_FIGURE.search(fields[0]) and _HAS_FIGURE.search(fields[1]):
                flagged, _ = judges.flags(fields[0], fields[1], "fa", "fa")
                label = {"e": "entailment", "n": "neutral", "c": "contradiction"}.get(fields[2], fields[2])
                c = rates[("FarsTail val (fa)", label)]
                c[0] += 1
                c[1] += int(flagged)
    lines = ["| data | label | pairs | flagged | rate |", "|---|---|---:|---:|---:|"]
    for (name, label), (n, k) in sorted(rates.items()):
        lines.append(f"| {name} | {label} | {n} | {k} | {k / n:.3f} |")
    return "\n".join(lines)


def seed_facts() -> str:
    """What the extractors find in the seed articles (read and segmented by the pipeline's stages)."""
    from checker.claims import extract_claims
    from checker.config import Config
    from checker.ingest import read_documents
    from checker.judges.base import JudgeContext
    from checker.judges.time import check_document_times

    docs, _ = read_documents([str(PROJECT_ROOT / "seeds")], Config.model_validate({}))
    lines = [
        "| seed | quantities (surface: kind value unit, ~ hedged, [subject]) | times (surface: kind value) |",
        "|---|---|---|",
    ]
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    for doc in sorted(docs, key=lambda d: d.path):
        qs, ts = [], []
        claims = extract_claims(doc)
        sheet = JudgeContext.of([doc], claims).facts
        for c in claims:
            facts = sheet.of(c)
            for q in facts.quantities:
                hedge = " ~" if q.approximate else ""
                qs.append(f"«{q.surface}»: {q.kind} {q.value:g} {q.unit or ''}{hedge} [{q.subject or '–'}]")
            for t in facts.times:
                bits = [t.kind]
                if t.date:
                    bits.append(t.date.isoformat())
                elif t.year is not None:
                    bits.append(str(t.year))
                if t.offset_days is not None:
                    bits.append(f"day {t.offset_days:+d}")
                if t.weekday is not None:
                    bits.append(days[t.weekday])
                ts.append(f"«{t.surface}»: {' '.join(bits)}")
        anchor = sheet.documents[doc.path].weekday
        ts.append(f"published on: {days[anchor] if anchor is not None else 'unknown'}")
        conflicts = len(check_document_times(claims, doc, sheet))
        ts.append(f"weekday conflicts inside: {conflicts}")
        name = Path(doc.path).name[:3]
        lines.append(f"| {name} | {'<br>'.join(qs) or '–'} | {'<br>'.join(ts)} |")
    return "\n".join(lines)


def run(per_kind: int, seed: int) -> str:
    judges = Judges(QuantityJudge(), TimeJudge(), FigureJudge())
    parts = [
        "Pairs (real sentence, copy with one edit) judged as two articles in one language; flagged = the "
        "quantity or the time judge returns a verdict. Positives change a fact (precision and recall count "
        "them), controls restate it (a flag there is a false positive). Up to "
        f"{per_kind} pairs per language and kind, random seed {seed}; edits in `eval/perturb_quantities.py`. "
        "Each pair is a sentence and its own edited copy, the easiest case for alignment: read these "
        "numbers as an upper bound for paraphrased cross-article pairs (the next-to-last table shows real "
        "pairs). Arabic dates are scarce in the sources (ANS headlines rarely carry one), so the Arabic date "
        "rows are small.",
    ]
    for split, note in (("train", "seeds, ANS stance_train, FarsTail train: seen while writing the rules"),
                        ("dev", "ANS stance_dev, FarsTail val: held out")):  # fmt: skip
        counts = evaluate(perturbations(split, per_kind, seed), judges)
        parts += [f"### {split} ({note})", summary_table(counts), kind_table(counts)]
    parts += [
        "### Real labelled pairs holding figures or dates (no edits)",
        "How often the judges flag real pairs; ANS `disagree` and FarsTail `contradiction` pairs mostly "
        "change something other than a number, so their rate is not a recall.",
        real_pairs(judges),
        "### What the extractors find in the seeds",
        "Seeds 000-003 report one event; no pair of their claims is flagged by either judge (tests "
        "`tests/judges/test_quantity.py`, `tests/judges/test_time.py`).",
        seed_facts(),
    ]
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=250, help="pairs per language and perturbation kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-write", action="store_true", help="print the tables, leave RESULTS.md alone")
    args = parser.parse_args(argv)
    body = run(args.per_kind, args.seed)
    print(body)
    if not args.no_write:
        update_section("quantity-time", "Quantity and time judges on perturbed sentences", COMMAND, body)


if __name__ == "__main__":
    main()
