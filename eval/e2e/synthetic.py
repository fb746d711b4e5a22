"""Synthetic corpora for the scaling benchmark: articles made of real sentences.

Sentences come from the labelled data (ANS headlines and their paraphrases in Arabic, FarsTail
premises split into sentences in Persian) and the seeds. Each article takes one language, a
headline and 10-20 body sentences drawn without replacement from a pool of that language, in
paragraphs of two to four. A bounded pool keeps the embedding cost of a 5,000-article corpus
within reach: sentences recur across articles (as wire copy does), so the benchmark can embed
the pool once and then time every other stage at full size.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

from checker.home import PROJECT_ROOT, shared_data_dir

_SPLIT = re.compile(r"(?<=[.!?؟])\s+")
MIN_WORDS, MAX_WORDS = 5, 60


@dataclass(frozen=True)
class Pool:
    ar: tuple[str, ...]
    fa: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ar) + len(self.fa)


def _ok(sentence: str) -> bool:
    return MIN_WORDS <= len(sentence.split()) <= MAX_WORDS


def sentence_pool(size: int = 2000, seed: int = 7, data_dir: Path | None = None) -> Pool:
    """Up to ``size`` distinct real sentences, two thirds Arabic and one third Persian."""
    data = data_dir or shared_data_dir()
    rng = random.Random(seed)
    ar: list[str] = []
    for split in ("stance_train.csv", "stance_dev.csv"):
        with (data / "ans" / split).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                ar += [" ".join(row[k].split()) for k in ("s1", "s2")]
    fa: list[str] = []
    with (data / "farstail" / "train.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            fa += [" ".join(s.split()) for s in _SPLIT.split(row["premise"])]
    for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        target = fa if sum(text.count(c) for c in "پچژگکی") > 20 else ar
        target += [" ".join(s.split()) for line in text.splitlines() for s in _SPLIT.split(line)]
    ar = sorted({s for s in ar if _ok(s)})
    fa = sorted({s for s in fa if _ok(s)})
    rng.shuffle(ar)
    rng.shuffle(fa)
    n_ar = min(len(ar), size * 2 // 3)
    return Pool(tuple(ar[:n_ar]), tuple(fa[: size - n_ar]))


def _sentence(s: str) -> str:
    return s if s.endswith((".", "!", "?", "؟")) else s + "."


def write_corpus(folder: Path, articles: int, pool: Pool, seed: int = 11) -> Path:
    """``articles`` articles in ``folder`` (created), one file each; returns the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        sentences = pool.ar if rng.random() < 2 / 3 else pool.fa
        chosen = rng.sample(sentences, rng.randint(11, 21))
        headline, body = chosen[0].rstrip(".!؟?"), chosen[1:]
        paragraphs, i = [], 0
        while i < len(body):
            k = rng.randint(2, 4)
            paragraphs.append(" ".join(_sentence(s) for s in body[i : i + k]))
            i += k
        (folder / f"{n:05d}.txt").write_text(
            headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    return folder
