"""Before / after for the NLI head: the issue's measures for two heads side by side, into the model card.

    python -m eval.nli_compare --before v2.json --after v3.json --v1-training v2-training.json \
        --memory-before 1222 --memory-after 1250 --names v2 v3

``v2.json`` / ``v3.json`` are ``python -m eval.nli_sets --json`` summaries of the two heads (the one
before and the shipped one); the ANS
and FarsTail dev numbers come from each head's training.json. The table goes into
checker/resources/nli/training.json (key ``evaluation``) and MODEL_CARD.md is written again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.home import NLI_DIR
from checker.nli.card import write_model_card


def _shipped(summary: dict[str, Any]) -> str:
    """The threshold a head ships with: its own calibrated one, else the config's."""
    return "calibrated" if "calibrated" in summary["thresholds"] else "config"


def _pr(summary: dict[str, Any], which: str) -> str:
    neg = summary["negation_dev"]
    return f"{neg[f'precision_at_{which}']:.3f} / {neg[f'recall_at_{which}']:.3f}"


def _stance(summary: dict[str, Any], which: str) -> str:
    st = summary["stance"]
    return f"{st[f'disagree_recall_at_{which}']:.3f} / {st[f'agree_flagged_at_{which}']:.1%}"


def rows(
    v1: dict[str, Any],
    v2: dict[str, Any],
    v1_train: dict[str, Any],
    v2_train: dict[str, Any],
    mem: tuple[str, str],
) -> list[list[str]]:
    s1, s2 = _shipped(v1), _shipped(v2)
    t1, t2 = v1["thresholds"][s1], v2["thresholds"][s2]
    out = [
        [
            "FarsTail val accuracy",
            ">= 0.83",
            f"{v1_train['dev']['farstail_val']['accuracy']:.3f}",
            f"{v2_train['dev']['farstail_val']['accuracy']:.3f}",
        ],
        [
            "ANS dev macro-F1",
            ">= 0.85",
            f"{v1_train['dev']['ans_dev']['macro_f1']:.3f}",
            f"{v2_train['dev']['ans_dev']['macro_f1']:.3f}",
        ],
        [
            "negation/denial dev: contradiction recall at precision >= 0.9",
            ">= 0.7",
            f"{v1['negation_dev']['recall_at_p90']:.3f}",
            f"{v2['negation_dev']['recall_at_p90']:.3f}",
        ],
        [
            "negation/denial dev: precision / recall at the shipped threshold",
            "",
            f"{_pr(v1, s1)} ({t1:.3f})",
            f"{_pr(v2, s2)} ({t2:.3f})",
        ],
        [
            "same-event aligned pairs: false contradictions at the shipped threshold",
            "<= 2%",
            f"{v1['aligned_dev'][f'false_contradictions_at_{s1}']:.1%}",
            f"{v2['aligned_dev'][f'false_contradictions_at_{s2}']:.1%}",
        ],
        [
            "Persian stance: disagree recall / agree flagged at the shipped threshold",
            ">= 0.5 / <= 10%",
            _stance(v1, s1),
            _stance(v2, s2),
        ],
        [
            "Arabic-Persian pairs: 3-way accuracy; contradiction P / R at the shipped threshold",
            "",
            f"{v1['crosslingual']['accuracy']:.3f}; {v1['crosslingual'][f'contradiction_p_at_{s1}']:.3f} / "
            f"{v1['crosslingual'][f'contradiction_r_at_{s1}']:.3f}",
            f"{v2['crosslingual']['accuracy']:.3f}; {v2['crosslingual'][f'contradiction_p_at_{s2}']:.3f} / "
            f"{v2['crosslingual'][f'contradiction_r_at_{s2}']:.3f}",
        ],
        ["`check seeds/ --no-cache`: peak resident memory (MB)", "<= 1600", mem[0], mem[1]],
    ]
    if s2 == "calibrated":  # the new head at the threshold checker/config.py still sets
        tc = v2["thresholds"]["config"]
        out.append(
            [
                f"this head at checker/config.py's threshold {tc:.2f}: negation P / R; aligned false contr.; "
                "stance recall / agree flagged",
                "",
                "",
                f"{_pr(v2, 'config')}; {v2['aligned_dev']['false_contradictions_at_config']:.1%}; "
                + _stance(v2, "config"),
            ]
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.nli_compare", description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--after", type=Path, required=True)
    ap.add_argument("--v1-training", type=Path, required=True)
    ap.add_argument("--memory-before", default="")
    ap.add_argument("--memory-after", default="")
    ap.add_argument("--text", default="", help="a paragraph under the table")
    ap.add_argument("--names", nargs=2, default=["v1", "v2"], help="what to call the two heads")
    args = ap.parse_args(argv)
    load = lambda p: json.loads(Path(p).read_text(encoding="utf-8"))  # noqa: E731
    training_path = NLI_DIR / "training.json"
    v2_train = load(training_path)
    table = rows(
        load(args.before),
        load(args.after),
        load(args.v1_training),
        v2_train,
        (args.memory_before, args.memory_after),
    )
    v2_train["evaluation"] = {"rows": table, "text": args.text, "names": args.names}
    training_path.write_text(json.dumps(v2_train, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_model_card(v2_train, NLI_DIR / "MODEL_CARD.md")
    for r in table:
        print(" | ".join(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
