"""The exhaustive baseline scores every cross-article pair, both ways, and remembers the scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cache import ModelCache
from eval.baseline_summac import ExhaustiveNLI, cross_article_pairs
from eval.e2e.corpus import SEEDS, Corpus, read_claims
from eval.e2e.nli_dev import nli_available


def test_cross_article_pairs_are_all_pairs_of_two_articles() -> None:
    _, claims = read_claims(SEEDS)
    pairs = cross_article_pairs(claims)
    per_doc: dict[str, int] = {}
    for c in claims:
        per_doc[c.document] = per_doc.get(c.document, 0) + 1
    assert len(pairs) == (len(claims) ** 2 - sum(k * k for k in per_doc.values())) // 2
    assert all(a.document != b.document for a, b in pairs)
    assert len({(a.id, b.id) for a, b in pairs}) == len(pairs)


@pytest.mark.skipif(not nli_available("checker-nli")[0], reason="no trained NLI head")
def test_scores_both_ways_once_then_from_the_cache(tmp_path: Path) -> None:
    from checker.nli.scorer import load_nli

    trade = "هذا وبلغ حجم التبادل التجاري بين إيران وروسيا، نحو ملياري دولار فقط، في العام 2020."
    corpus = Corpus(
        (
            ("a.txt", "حجم التجارة بين إيران وروسيا\n\n" + trade + "\n"),
            ("b.txt", "التجارة الإيرانية الروسية\n\n" + trade.replace("ملياري", "خمسة مليارات") + "\n"),
        )
    )
    _, claims = read_claims(corpus.write(tmp_path / "c"))
    cache = ModelCache(tmp_path / "cache.sqlite3")
    try:
        baseline = ExhaustiveNLI(load_nli("checker-nli", device="cpu"), threshold=0.9, cache=cache)
        cold = baseline.run(claims, use_cache=False)
        assert cold.pairs == len(cross_article_pairs(claims)) > 0 and cold.nli_calls == 2 * cold.pairs
        warm = baseline.run(claims)
        assert warm.nli_calls == 0 and warm.flagged == cold.flagged
    finally:
        cache.close()
