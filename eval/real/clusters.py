"""Same-event clusters of Egyptian articles, chosen by rules written as data in clusters.yaml.

A cluster's rule is a date window and term groups: every group of ``title_all`` needs one of its
terms in the title, every group of ``text_all`` one in the title or the text, and no term of
``title_none`` may be in the title (terms are matched after :func:`eval.real.match.fold`). The
articles a rule matches, minus the ones dropped by hand after reading them (each with its reason),
are the cluster. ``ids`` in the YAML is that result, committed so that a reader sees the corpus
without the data; :func:`problems` re-derives it and reports any difference.

    python -m eval.real.clusters                 # check the committed ids against the rules
    python -m eval.real.clusters --update        # rewrite the ids from the rules
    python -m eval.real.clusters --show NAME     # print a cluster's titles (matched and dropped)
    python -m eval.real.clusters --materialise OUT   # OUT/<cluster>/<id>.json for the checker
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eval.real.data import BENCHMARK_START, Article, EgIndex, RealDataError, materialise
from eval.real.match import fold, has_any

CLUSTERS_YAML = Path(__file__).with_name("clusters.yaml")

KINDS = ("accident", "clash", "verdict", "strike", "protest", "economy", "statement")
MIN_ARTICLES, MAX_ARTICLES, MIN_OUTLETS = 8, 60, 3


@dataclass(frozen=True)
class Rule:
    """Which articles belong to an event: a date window and term groups."""

    first_day: str
    last_day: str
    title_all: tuple[tuple[str, ...], ...] = ()
    text_all: tuple[tuple[str, ...], ...] = ()
    title_none: tuple[str, ...] = ()

    def matches(self, article: Article) -> bool:
        """Whether ``article`` is dated in the window and satisfies every term group."""
        if not self.first_day <= article.date <= self.last_day:
            return False
        title = fold(article.title)
        if has_any(title, list(self.title_none)):
            return False
        if not all(has_any(title, list(group)) for group in self.title_all):
            return False
        whole = title + "\n" + fold(article.text)
        return all(has_any(whole, list(group)) for group in self.text_all)

    def days(self) -> list[str]:
        """The dates of the window, as the index knows them (YYYY-MM-DD)."""
        import datetime as dt

        first, last = dt.date.fromisoformat(self.first_day), dt.date.fromisoformat(self.last_day)
        return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class Dropped:
    """An article the rule matches that is not about the event, with the reason."""

    id: str
    reason: str


@dataclass(frozen=True)
class Cluster:
    """One event: its rule, the hand-dropped matches, and the committed ids."""

    name: str
    kind: str
    description: str
    rule: Rule
    dropped: tuple[Dropped, ...] = ()
    ids: tuple[str, ...] = field(default=())


def _groups(value: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(term) for term in group) for group in value or ())


def cluster_from_dict(data: dict[str, Any]) -> Cluster:
    """A cluster from its YAML mapping; unknown or missing keys raise RealDataError."""
    known = {"name", "kind", "description", "rule", "dropped", "ids"}
    rule_keys = {"first_day", "last_day", "title_all", "text_all", "title_none"}
    name = data.get("name", "?")
    if set(data) - known or not {"name", "kind", "rule"} <= set(data):
        raise RealDataError(f"cluster {name}: keys must be within {sorted(known)}, with name, kind, rule")
    rule = data["rule"]
    if set(rule) - rule_keys or not {"first_day", "last_day"} <= set(rule):
        raise RealDataError(f"cluster {name}: rule keys must be within {sorted(rule_keys)}")
    if data["kind"] not in KINDS:
        raise RealDataError(f"cluster {name}: kind {data['kind']!r} is not one of {KINDS}")
    return Cluster(
        name=str(name),
        kind=str(data["kind"]),
        description=str(data.get("description", "")),
        rule=Rule(
            first_day=str(rule["first_day"]),
            last_day=str(rule["last_day"]),
            title_all=_groups(rule.get("title_all")),
            text_all=_groups(rule.get("text_all")),
            title_none=tuple(str(t) for t in rule.get("title_none") or ()),
        ),
        dropped=tuple(Dropped(str(d["id"]), str(d["reason"])) for d in data.get("dropped") or ()),
        ids=tuple(str(i) for i in data.get("ids") or ()),
    )


def load_clusters(path: Path = CLUSTERS_YAML) -> list[Cluster]:
    """The clusters of ``path`` (clusters.yaml beside this module by default)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [cluster_from_dict(c) for c in data["clusters"]]


def _order(article: Article) -> tuple[str, int]:
    return article.date, int(article.id.partition(":")[2])


def matched(rule: Rule, index: EgIndex) -> list[Article]:
    """Every article the rule matches, by date then file order."""
    return sorted((a for a in index.days(rule.days()) if rule.matches(a)), key=_order)


def _kept(cluster: Cluster, articles: Sequence[Article]) -> list[Article]:
    dropped = {d.id for d in cluster.dropped}
    return [a for a in articles if a.id not in dropped]


def derive(cluster: Cluster, index: EgIndex) -> list[str]:
    """The cluster's ids as its rule and drops give them today."""
    return [a.id for a in _kept(cluster, matched(cluster.rule, index))]


def problems(cluster: Cluster, index: EgIndex) -> list[str]:
    """Everything wrong with a cluster: ids that differ from the rule's, stale drops, size, outlets,
    and dates before the benchmark's first day (those are reserved for training)."""
    found: list[str] = []
    articles = matched(cluster.rule, index)
    matched_ids = {a.id for a in articles}
    kept = _kept(cluster, articles)
    derived = [a.id for a in kept]
    if list(cluster.ids) != derived:
        missing = sorted(set(derived) - set(cluster.ids))
        extra = sorted(set(cluster.ids) - set(derived))
        found.append(f"{cluster.name}: committed ids differ from the rule (new {missing}, gone {extra})")
    stale = [d.id for d in cluster.dropped if d.id not in matched_ids]
    if stale:
        found.append(f"{cluster.name}: dropped ids the rule no longer matches: {stale}")
    if cluster.rule.first_day < BENCHMARK_START:
        found.append(f"{cluster.name}: window starts {cluster.rule.first_day}, before {BENCHMARK_START}")
    if not MIN_ARTICLES <= len(kept) <= MAX_ARTICLES:
        found.append(f"{cluster.name}: {len(kept)} articles, not {MIN_ARTICLES}-{MAX_ARTICLES}")
    outlets = {a.source for a in kept}
    if len(outlets) < MIN_OUTLETS:
        found.append(f"{cluster.name}: {len(outlets)} outlets, fewer than {MIN_OUTLETS}")
    return found


class _Dumper(yaml.SafeDumper):
    """Term groups and id lists on one line each, so that the file reads as a table."""


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, str | int) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _flow_list)


def cluster_to_dict(cluster: Cluster) -> dict[str, Any]:
    """The YAML mapping of a cluster (empty rule parts left out)."""
    rule: dict[str, Any] = {"first_day": cluster.rule.first_day, "last_day": cluster.rule.last_day}
    if cluster.rule.title_all:
        rule["title_all"] = [list(g) for g in cluster.rule.title_all]
    if cluster.rule.text_all:
        rule["text_all"] = [list(g) for g in cluster.rule.text_all]
    if cluster.rule.title_none:
        rule["title_none"] = list(cluster.rule.title_none)
    data: dict[str, Any] = {
        "name": cluster.name,
        "kind": cluster.kind,
        "description": cluster.description,
        "rule": rule,
    }
    if cluster.dropped:
        data["dropped"] = [{"id": d.id, "reason": d.reason} for d in cluster.dropped]
    data["ids"] = list(cluster.ids)
    return data


HEADER = """\
# Same-event clusters of eg_press articles (dated 2013-02-15 or later), chosen by rule.
# A rule: a date window [first_day, last_day]; title_all: every group needs one of its terms in
# the title; text_all: every group needs one of its terms in the title or the text; title_none:
# no term may occur in the title. Terms match after eval/real/match.py's fold (alef, yeh, teh
# marbuta, diacritics, digits), as substrings, so clitics attach freely.
# dropped: matches read by hand and found not to be about the event. ids: what the rule gives
# minus dropped, written by `python -m eval.real.clusters --update` and checked by the tests.
"""


def dump_clusters(clusters: Sequence[Cluster], path: Path = CLUSTERS_YAML) -> None:
    """Write ``clusters`` to ``path`` in the committed layout."""
    body = yaml.dump(
        {"clusters": [cluster_to_dict(c) for c in clusters]},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
    )
    path.write_text(HEADER + body, encoding="utf-8")


def cluster_ids(clusters: Sequence[Cluster]) -> set[str]:
    """Every id of every cluster (what the noise corpus must avoid)."""
    return {i for c in clusters for i in c.ids}


def main(argv: Sequence[str] | None = None) -> int:
    """Check, update, show or materialise the clusters; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the ids from the rules")
    parser.add_argument("--show", metavar="NAME", help="print the matched titles of one cluster")
    parser.add_argument("--materialise", metavar="OUT", type=Path, help="write OUT/<cluster>/<id>.json")
    args = parser.parse_args(argv)
    index = EgIndex.open()
    clusters = load_clusters()
    if args.update:
        clusters = [
            Cluster(c.name, c.kind, c.description, c.rule, c.dropped, tuple(derive(c, index)))
            for c in clusters
        ]
        dump_clusters(clusters)
    if args.show:
        (cluster,) = [c for c in clusters if c.name == args.show]
        dropped = {d.id: d.reason for d in cluster.dropped}
        for a in matched(cluster.rule, index):
            mark = f"  DROPPED: {dropped[a.id]}" if a.id in dropped else ""
            print(f"{a.id}\t{a.date}\t{a.source}\t{a.title}{mark}")
        return 0
    if args.materialise:
        for c in clusters:
            materialise(list(c.ids), args.materialise / c.name, index)
        print(f"wrote {sum(len(c.ids) for c in clusters)} articles in {len(clusters)} clusters")
        return 0
    found = [p for c in clusters for p in problems(c, index)]
    for line in found:
        print(line)
    if not found:
        print(f"{len(clusters)} clusters, {sum(len(c.ids) for c in clusters)} articles: ids match the rules")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
