"""The recall gold: every real discrepancy between the articles of each cluster, read by hand.

discrepancies.yaml holds, per cluster, a summary, the discrepancies and the agreements a checker
must not flag. A discrepancy is one slot (e.g. "killed in the Port Said clashes, 2013-03-03")
with its kind, a relation saying whether its values truly conflict, and the values, each with
the articles that give it and a verbatim snippet (at most 15 words) locating it.

    python -m eval.real.discrepancies          # validate against the articles, print counts
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eval.real.clusters import Cluster, load_clusters
from eval.real.data import Article, EgIndex, RealDataError
from eval.real.figure_slots import STATUSES

DISCREPANCIES_YAML = Path(__file__).with_name("discrepancies.yaml")

#: What a discrepancy is about.
KINDS = ("figure", "name", "date", "place", "other")
#: Whether its values truly conflict. ``conflict``: two values for the same slot at the same time
#: that cannot both be true; ``update``: later reports supersede earlier ones; ``hedged`` /
#: ``preliminary``: the differing values are marked approximate or partial-so-far; ``subset``: a
#: part against its whole (or a sum); ``attribution``: different parties claim different values,
#: each article reporting a claim.
RELATIONS = ("conflict", "update", "hedged", "preliminary", "subset", "attribution")
MAX_SNIPPET_WORDS = 15


@dataclass(frozen=True)
class Mention:
    """Where an article gives a value: its id and a verbatim snippet of its title or text."""

    id: str
    snippet: str


@dataclass(frozen=True)
class Value:
    value: str
    status: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Discrepancy:
    slot: str
    kind: str
    relation: str
    values: tuple[Value, ...]
    note: str = ""


@dataclass(frozen=True)
class Agreement:
    """A fact the articles agree on, which a checker must not flag."""

    fact: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class ClusterGold:
    cluster: str
    summary: str
    discrepancies: tuple[Discrepancy, ...]
    agreements: tuple[Agreement, ...]


def _discrepancy(d: dict[str, Any]) -> Discrepancy:
    values = tuple(
        Value(
            value=str(v["value"]),
            status=str(v["status"]),
            mentions=tuple(Mention(str(m["id"]), str(m["snippet"])) for m in v["mentions"]),
        )
        for v in d["values"]
    )
    return Discrepancy(str(d["slot"]), str(d["kind"]), str(d["relation"]), values, str(d.get("note", "")))


def load_discrepancies(path: Path = DISCREPANCIES_YAML) -> list[ClusterGold]:
    """The gold of every cluster, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        ClusterGold(
            cluster=str(c["cluster"]),
            summary=str(c.get("summary", "")),
            discrepancies=tuple(_discrepancy(d) for d in c.get("discrepancies") or ()),
            agreements=tuple(
                Agreement(str(a["fact"]), tuple(str(i) for i in a["ids"])) for a in c.get("agreements") or ()
            ),
        )
        for c in data["clusters"]
    ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def schema_problems(gold: Sequence[ClusterGold], clusters: Sequence[Cluster]) -> list[str]:
    """Problems that need no article text: unknown clusters or ids, vocabulary, snippet length."""
    by_name = {c.name: c for c in clusters}
    found = []
    for g in gold:
        if g.cluster not in by_name:
            found.append(f"{g.cluster}: no such cluster")
            continue
        ids = set(by_name[g.cluster].ids)
        for d in g.discrepancies:
            where = f"{g.cluster} / {d.slot}"
            if d.kind not in KINDS:
                found.append(f"{where}: kind {d.kind!r} not in {KINDS}")
            if d.relation not in RELATIONS:
                found.append(f"{where}: relation {d.relation!r} not in {RELATIONS}")
            if len(d.values) < 2:
                found.append(f"{where}: a discrepancy needs at least two values")
            for v in d.values:
                if v.status not in STATUSES:
                    found.append(f"{where}: status {v.status!r} not in {STATUSES}")
                for m in v.mentions:
                    if m.id not in ids:
                        found.append(f"{where}: {m.id} is not in the cluster")
                    if len(m.snippet.split()) > MAX_SNIPPET_WORDS:
                        found.append(f"{where}: snippet of {m.id} has more than {MAX_SNIPPET_WORDS} words")
        for a in g.agreements:
            found.extend(f"{g.cluster} / {a.fact}: {i} is not in the cluster" for i in a.ids if i not in ids)
    missing = sorted(set(by_name) - {g.cluster for g in gold})
    found.extend(f"{name}: cluster has no entry" for name in missing)
    return found


def snippet_problems(gold: Sequence[ClusterGold], articles: dict[str, Article]) -> list[str]:
    """Snippets that do not occur verbatim (whitespace runs aside) in their article's title or text."""
    found = []
    for g in gold:
        for d in g.discrepancies:
            for v in d.values:
                for m in v.mentions:
                    article = articles.get(m.id)
                    if article is None:
                        found.append(f"{g.cluster}: {m.id} not loaded")
                    elif _squash(m.snippet) not in _squash(article.title + "\n" + article.text):
                        found.append(f"{g.cluster} / {d.slot}: {m.id} has no {m.snippet!r}")
    return found


def counts(gold: Sequence[ClusterGold]) -> dict[str, Counter[str]]:
    """Per cluster, how many discrepancies of each relation (plus ``agreements``)."""
    out = {}
    for g in gold:
        c: Counter[str] = Counter(d.relation for d in g.discrepancies)
        c["agreements"] = len(g.agreements)
        out[g.cluster] = c
    return out


def kind_counts(gold: Sequence[ClusterGold]) -> dict[str, Counter[str]]:
    """Per cluster, how many discrepancies of each kind (figure, name, date, place, other)."""
    return {g.cluster: Counter(d.kind for d in g.discrepancies) for g in gold}


def _table(title: str, per_cluster: dict[str, Counter[str]]) -> None:
    total: Counter[str] = Counter()
    print(f"by {title}:")
    for name, c in per_cluster.items():
        total.update(c)
        print(f"  {name}: " + (", ".join(f"{k} {n}" for k, n in sorted(c.items())) or "none"))
    print("  total: " + ", ".join(f"{k} {n}" for k, n in sorted(total.items())))


def main() -> int:
    """Validate discrepancies.yaml against the clusters and the articles; print the counts."""
    clusters = load_clusters()
    gold = load_discrepancies()
    found = schema_problems(gold, clusters)
    index = EgIndex.open()
    ids = sorted({m.id for g in gold for d in g.discrepancies for v in d.values for m in v.mentions})
    try:
        articles = {a.id: a for a in index.articles(ids)}
    except RealDataError as e:
        found.append(str(e))
        articles = {}
    found += snippet_problems(gold, articles)
    for line in found:
        print(line)
    _table("relation", counts(gold))
    _table("kind", kind_counts(gold))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
