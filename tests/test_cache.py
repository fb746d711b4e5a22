"""The content-hash cache: a second run over an unchanged corpus does no model work and loads no
model; editing one article re-embeds only the claims it changed; --no-cache reads and writes nothing.

Each test has its own cache file (``ModelCache(path)``, or CHECKER_HOME pointed at a temporary
folder), so hit counts do not depend on what earlier runs left in the user's cache: it starts
empty, or "warm" with exactly the seed claims' vectors. The embedder is the real one, loaded once
per session; the "no model" runs replace its loader with one that fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from seed_runs import (
    DEFAULT_EMBEDDER,
    EXPORTS_ARTICLE,
    EXPORTS_NEW,
    EXPORTS_OLD,
    KHOMEINI_ARTICLE,
    NO_NLI,
    assert_clean,
    cli,
    copy_seeds,
    edit,
    needs_nli,
    refuse_model_loads,
)

from checker.cache import ModelCache, NoCache, content_hash
from checker.config import Config
from checker.embed import Embedder
from checker.home import checker_home
from checker.pipeline import check, embedder_model_id
from checker.types import Report


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "content")


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """An empty cache file of the test's own."""
    return tmp_path / "home" / "cache" / "model-outputs.sqlite3"


@pytest.fixture()
def warm_store(store: Path, seeds_report: Report) -> Path:
    """The test's own cache holding the seed claims' vectors and nothing else (copied from the
    user cache, which the shared seeds run filled), so only a test's own edits can miss."""
    model = embedder_model_id(NO_NLI)
    keys = [content_hash(c.text) for c in seeds_report.claims]
    user, own = ModelCache(), ModelCache(store)
    try:
        vectors = user.get_many("embedding", model, keys)
        assert len(vectors) == len(set(keys))
        own.put_many("embedding", model, vectors)
    finally:
        user.close()
        own.close()
    return store


def first_articles(corpus: Path, keep: int = 2) -> Path:
    """The corpus cut to its first articles: runs that embed everything stay short."""
    for article in sorted(corpus.iterdir())[keep:]:
        article.unlink()
    return corpus


def run(corpus: Path, store: Path, config: Config = NO_NLI) -> Report:
    cache = ModelCache(store)
    try:
        return check([corpus], config, cache=cache)
    finally:
        cache.close()


def hits_and_misses(report: Report, namespace: str = "embedding") -> tuple[int, int]:
    return int(report.stats[f"cache_{namespace}_hits"]), int(report.stats[f"cache_{namespace}_misses"])


def test_a_second_run_loads_no_model(
    corpus: Path, store: Path, embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    few = first_articles(corpus)
    first = run(few, store)
    claims = int(first.stats["claims"])
    assert hits_and_misses(first) == (0, claims)
    assert embed_loads == [DEFAULT_EMBEDDER]  # one load for the whole run

    refuse_model_loads(monkeypatch)
    second = run(few, store)
    assert hits_and_misses(second) == (claims, 0)
    assert [f.id for f in second.findings] == [f.id for f in first.findings] != []
    assert second.stats["candidate_pairs"] == first.stats["candidate_pairs"]


def test_editing_one_article_reembeds_only_what_changed(
    corpus: Path, warm_store: Path, embed_loads: list[str]
) -> None:
    before = run(corpus, warm_store)
    assert hits_and_misses(before) == (len(before.claims), 0) and embed_loads == []
    edit(corpus / EXPORTS_ARTICLE, EXPORTS_OLD, EXPORTS_NEW)
    after = run(corpus, warm_store)
    known = {c.text for c in before.claims}
    changed = [c for c in after.claims if c.text not in known]
    assert len(changed) == 1 and EXPORTS_NEW in changed[0].text  # one sentence was edited
    assert hits_and_misses(after) == (len(after.claims) - 1, 1)
    assert embed_loads == [DEFAULT_EMBEDDER]  # loaded for the one new sentence
    assert any(f.kind == "number" for f in after.findings)  # and the edit is judged


def test_cached_vectors_are_the_models_vectors(
    warm_store: Path, seeds_report: Report, embedder: Embedder
) -> None:
    """What the cache serves is what the model computes for the same text (E5 passage vectors)."""
    texts = [c.text for c in seeds_report.claims[::8]]
    cache = ModelCache(warm_store)
    try:
        stored = cache.get_many("embedding", embedder_model_id(NO_NLI), [content_hash(t) for t in texts])
    finally:
        cache.close()
    fresh = embedder.embed_batch(texts, kind="passage")
    for text, vector in zip(texts, fresh, strict=True):
        np.testing.assert_allclose(stored[content_hash(text)], vector, atol=1e-5)
    assert embedder_model_id(NO_NLI) == embedder.model_id  # the key is known without a load


def test_another_model_never_gets_these_vectors(store: Path) -> None:
    texts = ["وصل قاليباف إلى موسكو مساء الأحد.", "قالیباف شب گذشته به روسیه سفر کرد."]
    keys = [content_hash(t) for t in texts]
    calls: list[list[int]] = []

    def compute(missing: list[int]) -> np.ndarray:
        calls.append(missing)
        return np.array([[len(texts[i]), i] for i in missing], dtype=np.float32)

    cache = ModelCache(store)
    try:
        cache.cached_compute("embedding", "model-a@1", keys, compute)
        cache.cached_compute("embedding", "model-a@1", keys, compute)
        cache.cached_compute("embedding", "model-a@2", keys, compute)  # retrained: a new id
        cache.cached_compute("nli", "model-a@1", keys, compute)  # another kind of output
    finally:
        cache.close()
    assert calls == [[0, 1], [0, 1], [0, 1]]


def test_no_cache_object_always_computes() -> None:
    cache = NoCache()
    rows = cache.cached_compute("embedding", "m", ["a", "b"], lambda missing: np.ones((len(missing), 3)))
    assert rows.shape == (2, 3) and (cache.stats["embedding"].hits, cache.stats["embedding"].misses) == (0, 2)


@pytest.fixture()
def private_home(tmp_path: Path, warm_store: Path, embedder_dir: Path) -> Path:
    """A CHECKER_HOME of its own: models/ is the real one (the built embedder), cache/ the warm store."""
    home = warm_store.parent.parent
    (home / "models").symlink_to(checker_home() / "models", target_is_directory=True)
    return home


def test_the_command_line_uses_checker_home_and_no_cache(
    corpus: Path, private_home: Path, embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = private_home / "cache" / "model-outputs.sqlite3"
    content = store.read_bytes()
    corpus = first_articles(corpus)
    env = {"CHECKER_HOME": str(private_home)}
    uncached = cli([corpus, "--nli", "none", "--no-cache", "--format", "json"], env=env)
    assert_clean(uncached, 1)
    stats = json.loads(uncached.stdout)["stats"]
    assert (stats["cache_embedding_hits"], stats["cache_embedding_misses"]) == (0, stats["claims"])
    assert embed_loads == [DEFAULT_EMBEDDER]
    assert store.read_bytes() == content  # neither read nor written

    refuse_model_loads(monkeypatch)
    cached = cli([corpus, "--nli", "none", "--format", "json"], env=env)
    assert_clean(cached, 1)
    stats = json.loads(cached.stdout)["stats"]
    assert (stats["cache_embedding_hits"], stats["cache_embedding_misses"]) == (stats["claims"], 0)


@needs_nli
def test_nli_scores_are_cached_too(
    corpus: Path, store: Path, embed_loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_nli = Config()
    corpus = first_articles(corpus, 3)  # 000-002: the exports figure is in 001 and 002
    first = run(corpus, store, with_nli)
    hits, misses = hits_and_misses(first, "nli")
    # both directions of every pair the NLI model reads (not copies; in one language, aligned claims)
    assert misses > 0 and hits + misses == first.stats["nli_pairs_scored"]
    assert first.stats["nli_pairs_scored"] < 2 * first.stats["candidate_pairs"]

    refuse_model_loads(monkeypatch)  # neither the embedder nor the NLI model may load now
    second = run(corpus, store, with_nli)
    assert hits_and_misses(second, "nli") == (hits + misses, 0)
    assert hits_and_misses(second) == (second.stats["claims"], 0)
    assert [f.id for f in second.findings] == [f.id for f in first.findings]


@needs_nli
def test_an_edit_rescores_only_the_pairs_it_touches(
    corpus: Path, store: Path, embed_loads: list[str]
) -> None:
    with_nli = Config()
    corpus = first_articles(corpus, 3)  # 000-002
    first = run(corpus, store, with_nli)
    # a change of wording in 000's headline, which the NLI model reads against the bodies (an
    # edited figure would not do: two sentences whose numbers differ are left to the figure judges)
    edit(corpus / KHOMEINI_ARTICLE, "بوتين يتلقى رسالة", "بوتين يستلم رسالة")
    after = run(corpus, store, with_nli)
    _, first_misses = hits_and_misses(first, "nli")
    hits, misses = hits_and_misses(after, "nli")
    assert 0 < misses < first_misses / 2  # the pairs that hold the edited sentence, not the corpus
    assert hits + misses == after.stats["nli_pairs_scored"]
