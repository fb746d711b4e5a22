"""The NLI judge on the v2 dev sets; ``python -m eval.nli_sets`` writes RESULTS.md's "nli-sets" section.

Every pair is scored both ways and the judge's score is the larger contradiction probability, as
``checker.judges.nli`` does. The sets:

- **negation / denial dev** (``checker.nli.mixture.negation_dev``): held-back real sentences
  (eg_press 2013-02-01..14, Fars News dev articles) negated or denied, with their twins that keep
  a negation word and do not contradict. Primary: contradiction recall at the lowest threshold
  whose precision is >= 0.9, and precision / recall at the shipped threshold.
- **same-event aligned pairs** (``checker.nli.mixture.aligned_dev``): real sentences of different
  outlets on one event, held back; none is a contradiction by the rule. Primary: the share
  flagged as contradiction (false contradictions).
- **Persian stance** (../shared/data/real/fa_stance_headline_claim.tsv, CC BY-NC, evaluation
  only): claim against headline, scored through ``check pairs`` (the CLI, in a subprocess).
  Primary: disagree recall and agree flag rate.
- **Arabic-Persian** (eval/gold/nli_crosslingual.tsv): an Arabic sentence from real coverage
  against a Persian sentence written for this set (a faithful translation, one fact changed or
  negated, or a neutral one). Primary: accuracy and contradiction P/R.

Thresholds: the artifact's own calibrated ones (``contradiction_threshold`` and, per language,
``contradiction_thresholds`` in its config.json, chosen on the dev splits for precision >= 0.9) and
the ones in checker/config.py. A pair in one language is judged at that language's threshold, a
pair across languages at the general one, as the judge does.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.config import Config
from checker.home import PROJECT_ROOT, shared_data_dir
from checker.nli.data import LABELS, NLIExample
from checker.nli.metrics import (
    ContradictionThreshold,
    classification_metrics,
    precision_recall_each,
    threshold_for_precision,
)
from checker.nli.model import ArtifactConfig
from checker.nli.registry import CONFIG_FILE, get_spec
from checker.nli.scorer import NLIScorer, load_nli
from eval.results import update_section

CROSSLINGUAL = Path(__file__).resolve().parent / "gold" / "nli_crosslingual.tsv"
STANCE = "real/fa_stance_headline_claim.tsv"


@dataclass(frozen=True)
class Scored:
    """One pair with the judge's score and the forward label."""

    example: NLIExample
    contradiction: float  # max of both directions
    label: str  # argmax of the forward direction


def artifact_threshold(name: str) -> ContradictionThreshold | None:
    """The thresholds the artifact ``name`` was calibrated to (its config.json), if it records any."""
    spec = get_spec(name)
    if spec.kind != "checker":
        return None
    config = ArtifactConfig.from_file(Path(spec.source) / CONFIG_FILE)
    if not config.contradiction_threshold:
        return None
    return ContradictionThreshold(config.contradiction_threshold, config.contradiction_thresholds)


def cuts(threshold: ContradictionThreshold, scored: Sequence[Scored]) -> list[float]:
    """Each pair's threshold: its language's, or the general one (a pair across languages has a
    language like ``ar-fa``)."""
    return [threshold.of(s.example.lang, s.example.lang) for s in scored]


def score_both_ways(scorer: NLIScorer, examples: Sequence[NLIExample]) -> list[Scored]:
    fwd = scorer.score_batch([e.premise for e in examples], [e.hypothesis for e in examples])
    back = scorer.score_batch([e.hypothesis for e in examples], [e.premise for e in examples])
    return [
        Scored(e, max(f.scores["contradiction"], b.scores["contradiction"]), f.label)
        for e, f, b in zip(examples, fwd, back, strict=True)
    ]


def load_crosslingual(path: Path = CROSSLINGUAL) -> list[NLIExample]:
    """The hand-written Arabic-Persian pairs: TSV ``ar, fa, label, note`` (premise Arabic)."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["label"] not in LABELS:
                raise ValueError(f"{path}: unknown label {row['label']!r}")
            out.append(NLIExample(row["ar"], row["fa"], row["label"], "ar-fa", "crosslingual"))
    return out


def load_stance(data_dir: Path | None = None) -> list[tuple[str, str, str]]:
    """``(claim, headline, stance)`` rows with stance agree or disagree (evaluation only)."""
    path = (data_dir or shared_data_dir()) / STANCE
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (r["claim"].strip(), r["headline"].strip(), r["stance"].strip())
        for r in rows
        if r["stance"].strip() in {"agree", "disagree"} and r["claim"].strip() and r["headline"].strip()
    ]


def check_pairs(pairs: Sequence[tuple[str, str]], nli: str) -> list[float]:
    """Contradiction probabilities from ``check pairs FILE --format json`` (the CLI), in order."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.tsv"
        clean = [
            (p.replace("\t", " ").replace("\n", " "), h.replace("\t", " ").replace("\n", " "))
            for p, h in pairs
        ]
        path.write_text("premise\thypothesis\n" + "".join(f"{p}\t{h}\n" for p, h in clean), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "pairs", str(path), "--format", "json", "--nli", nli],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"check pairs failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return [json.loads(line)["scores"]["contradiction"] for line in proc.stdout.splitlines() if line.strip()]


def _pr(scored: Sequence[Scored], t: ContradictionThreshold) -> str:
    p, r = _precision_recall(scored, t)
    return f"P {p:.3f} / R {r:.3f}"


def _precision_recall(scored: Sequence[Scored], t: ContradictionThreshold) -> tuple[float, float]:
    return precision_recall_each(
        [s.contradiction for s in scored],
        [s.example.label == "contradiction" for s in scored],
        cuts(t, scored),
    )


def negation_rows(
    scored: Sequence[Scored], thresholds: dict[str, ContradictionThreshold]
) -> tuple[list[str], dict[str, float]]:
    rows = []
    summary: dict[str, float] = {}
    for lang in ("ar", "fa", None):
        part = [s for s in scored if lang is None or s.example.lang == lang]
        scores = [s.contradiction for s in part]
        positive = [s.example.label == "contradiction" for s in part]
        cal = threshold_for_precision(scores, positive, 0.9)
        acc = classification_metrics([s.example.label for s in part], [s.label for s in part]).accuracy
        cells = [_pr(part, t) for t in thresholds.values()]
        name = lang or "both"
        rows.append(
            f"| {name} | {len(part)} ({sum(positive)} contradictions) | {acc:.3f} "
            f"| {cal.recall:.3f} (P {cal.precision:.3f} at {cal.threshold:.3f}) | " + " | ".join(cells) + " |"
        )
        if lang is None:
            summary = {"recall_at_p90": round(cal.recall, 4), "precision_at_p90": round(cal.precision, 4)}
            for tname, t in thresholds.items():
                p, r = _precision_recall(part, t)
                summary[f"precision_at_{tname}"], summary[f"recall_at_{tname}"] = round(p, 4), round(r, 4)
            summary["accuracy"] = round(acc, 4)
    return rows, summary


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.nli_sets", description=__doc__.splitlines()[0])
    ap.add_argument("--nli", default=Config().nli)
    ap.add_argument("--section", default="nli-sets", help="RESULTS.md section to write")
    ap.add_argument("--title", default="NLI judge on the v2 dev sets")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the summary numbers to this file")
    args = ap.parse_args(argv)
    import torch

    from checker.nli import mixture

    torch.set_num_threads(2)
    scorer = load_nli(args.nli, device="cpu")
    thresholds = {"config": Config().thresholds.nli_cut()}
    own = artifact_threshold(args.nli)
    if own is not None:
        thresholds = {"calibrated": own, **thresholds}
    heads = " | ".join(f"at {name} {t.describe()}" for name, t in thresholds.items())
    summary: dict[str, object] = {
        "model": scorer.model_id,
        "thresholds": {name: {"general": t.general, **t.by_language} for name, t in thresholds.items()},
    }
    body = [
        f"Model `{scorer.model_id}`; the judge's score is the larger contradiction probability of "
        "both directions.",
        "",
    ]

    # negation / denial dev
    neg = score_both_ways(scorer, mixture.negation_dev())
    rows, summary["negation_dev"] = negation_rows(neg, thresholds)
    body += [
        "### Negation and denial (held-back real sentences, with non-contradicting twins)",
        "",
        f"| lang | pairs | 3-way accuracy | recall at precision >= 0.9 | {heads} |",
        "|---|---|---|---|" + "---|" * len(thresholds),
        *rows,
        "",
    ]
    print(f"negation dev: {summary['negation_dev']}", file=sys.stderr)

    # same-event aligned pairs
    al = score_both_ways(scorer, mixture.aligned_dev())
    fc = {
        name: sum(s.contradiction >= c for s, c in zip(al, cuts(t, al), strict=True)) / len(al)
        for name, t in thresholds.items()
    }
    argmax = sum(s.label == "contradiction" for s in al) / len(al)
    summary["aligned_dev"] = {
        "n": len(al),
        **{f"false_contradictions_at_{k}": round(v, 4) for k, v in fc.items()},
    }
    summary["aligned_dev"]["forward_argmax_contradiction"] = round(argmax, 4)  # type: ignore[index]
    body += [
        "### Same-event aligned pairs (held-back eg_press 2013-02-01..14; none a contradiction by the rule)",
        "",
        f"{len(al)} pairs; flagged as contradiction: "
        + ", ".join(f"**{v:.1%}** at {k} ({thresholds[k].of('ar', 'ar'):.3f}, Arabic)" for k, v in fc.items())
        + f"; forward argmax contradiction {argmax:.1%}.",
        "",
    ]
    worst = sorted(al, key=lambda s: -s.contradiction)[:5]
    body += ["Highest-scored pairs (to read):", ""]
    body += [
        f"- {s.contradiction:.3f}: {s.example.premise[:110]} ‖ {s.example.hypothesis[:110]}" for s in worst
    ]
    body.append("")
    print(f"aligned dev: {summary['aligned_dev']}", file=sys.stderr)

    # Persian stance through `check pairs`
    stance = load_stance()
    fwd = check_pairs([(h, c) for c, h, _ in stance], args.nli)
    back = check_pairs([(c, h) for c, h, _ in stance], args.nli)
    score = [max(a, b) for a, b in zip(fwd, back, strict=True)]
    dis = [s for s, (_, _, st) in zip(score, stance, strict=True) if st == "disagree"]
    agr = [s for s, (_, _, st) in zip(score, stance, strict=True) if st == "agree"]
    st_rows = []
    summary["stance"] = {"disagree": len(dis), "agree": len(agr)}
    for name, threshold in thresholds.items():
        persian = threshold.of("fa", "fa")
        rec, flag = sum(x >= persian for x in dis) / len(dis), sum(x >= persian for x in agr) / len(agr)
        st_rows.append(f"| {name} ({persian:.3f}, Persian) | **{rec:.3f}** | **{flag:.3f}** |")
        summary["stance"][f"disagree_recall_at_{name}"] = round(rec, 4)  # type: ignore[index]
        summary["stance"][f"agree_flagged_at_{name}"] = round(flag, 4)  # type: ignore[index]
    body += [
        "### Persian stance pairs (claim vs headline; CC BY-NC, evaluation only; scored with `check pairs`)",
        "",
        f"{len(dis)} disagree (mostly denials), {len(agr)} agree.",
        "",
        "| threshold | disagree recall | agree flagged |",
        "|---|---|---|",
        *st_rows,
        "",
    ]
    print(f"stance: {summary['stance']}", file=sys.stderr)

    # Arabic-Persian
    cross = load_crosslingual()
    cs = score_both_ways(scorer, cross)
    m = classification_metrics([s.example.label for s in cs], [s.label for s in cs])
    summary["crosslingual"] = {
        "n": len(cs),
        "accuracy": round(m.accuracy, 4),
        "macro_f1": round(m.macro_f1, 4),
    }
    for name, t in thresholds.items():
        p, r = _precision_recall(cs, t)
        summary["crosslingual"][f"contradiction_p_at_{name}"] = round(p, 4)  # type: ignore[index]
        summary["crosslingual"][f"contradiction_r_at_{name}"] = round(r, 4)  # type: ignore[index]
    body += [
        "### Arabic-Persian pairs (eval/gold/nli_crosslingual.tsv, written and checked for this set)",
        "",
        f"{len(cs)} pairs (Arabic premise, Persian hypothesis): 3-way accuracy **{m.accuracy:.3f}**, "
        f"macro-F1 {m.macro_f1:.3f}; contradiction (both directions) "
        + ", ".join(
            f"{_pr(cs, t)} at {name} ({t.of('ar', 'fa'):.3f}, across languages)"
            for name, t in thresholds.items()
        )
        + ".",
        "",
        "| gold \\ predicted | " + " | ".join(LABELS) + " |",
        "|---|" + "---|" * len(LABELS),
        *[f"| {g} | " + " | ".join(str(m.confusion[g][p]) for p in LABELS) + " |" for g in LABELS],
        "",
    ]
    print(f"crosslingual: {summary['crosslingual']}", file=sys.stderr)

    text = "\n".join(body)
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.no_write:
        print(text)
    else:
        update_section(args.section, args.title, f"python -m eval.nli_sets --nli {args.nli}", text)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
