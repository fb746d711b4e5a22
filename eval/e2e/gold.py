"""The hand-written gold for the seeds: eval/gold/seeds_expected.yaml, plus seed_alignments.tsv.

Loaded into frozen dataclasses and checked on the way in, so a typo in the gold file is an
error naming the entry rather than a silently lower score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from checker.errors import ConfigError
from checker.types import Claim, Finding

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
EXPECTED_FILE = GOLD_DIR / "seeds_expected.yaml"
ALIGNMENTS_FILE = GOLD_DIR / "seed_alignments.tsv"


@dataclass(frozen=True)
class Correction:
    old: str
    new: str


@dataclass(frozen=True)
class ExpectedFinding:
    """A finding the checker must report (``expected``) or may report (``justified``)."""

    document: str  # file name
    line: int
    kinds: tuple[str, ...]
    why: str
    correction: Correction | None = None

    def matches(self, finding: Finding, strict: bool = True) -> bool:
        """One of the finding's claims sits on this line (and, when strict, its kind is listed)."""
        on_line = any(
            Path(c.document).name == self.document and c.span.line == self.line for c in finding.claims
        )
        return on_line and (not strict or finding.kind in self.kinds)


@dataclass(frozen=True)
class Alignment:
    """Two claims that state the same fact: (document, fragment) on each side."""

    doc_a: str
    fragment_a: str
    doc_b: str
    fragment_b: str


@dataclass(frozen=True)
class Gold:
    events: tuple[tuple[str, ...], ...]
    event_names: tuple[str, ...]
    expected: tuple[ExpectedFinding, ...]
    justified: tuple[ExpectedFinding, ...]
    alignments: tuple[Alignment, ...]

    def event_of(self, document: str) -> tuple[str, ...]:
        """The file names of the articles reporting the same event as ``document`` (itself included)."""
        name = Path(document).name
        for group in self.events:
            if name in group:
                return group
        return (name,)

    def aligned_pairs(self, claims: Sequence[Claim]) -> set[frozenset[str]]:
        """The aligned claim pairs, as sets of two claim ids of ``claims``.

        Raises:
            ConfigError: a fragment that identifies no claim, or more than one.
        """
        out: set[frozenset[str]] = set()
        for a in self.alignments:
            ca = self._find(claims, a.doc_a, a.fragment_a)
            cb = self._find(claims, a.doc_b, a.fragment_b)
            out.add(frozenset((ca.id, cb.id)))
        return out

    def aligned_spans(self, claims: Sequence[Claim]) -> dict[tuple[str, str], tuple[int, int]]:
        """For each aligned (claim, partner) pair of claim ids, where in the claim the shared fact
        lies: its fragment, extended to the end of the clause (the next full stop, colon or closing
        quotation mark), since a fragment is written to identify the claim, not to cover the fact."""
        out: dict[tuple[str, str], tuple[int, int]] = {}
        for a in self.alignments:
            ca = self._find(claims, a.doc_a, a.fragment_a)
            cb = self._find(claims, a.doc_b, a.fragment_b)
            out[(ca.id, cb.id)] = _clause_span(ca.text, a.fragment_a, self._corrections(a.doc_a))
            out[(cb.id, ca.id)] = _clause_span(cb.text, a.fragment_b, self._corrections(a.doc_b))
        return out

    def _corrections(self, document: str) -> list[Correction]:
        return [e.correction for e in self.expected if e.correction and e.document == document]

    def _find(self, claims: Sequence[Claim], document: str, fragment: str) -> Claim:
        """As ``find_claim``; a fragment written against the uncorrected seeds is also tried corrected."""
        try:
            return find_claim(claims, document, fragment)
        except ConfigError:
            for e in self.expected:
                if e.correction and e.document == document and e.correction.old in fragment:
                    return find_claim(claims, document, fragment.replace(e.correction.old, e.correction.new))
            raise


_CLAUSE_END = re.compile(r"(?<!\.)\.(?!\.)|[:؛»”\"!?؟]")


def _clause_span(text: str, fragment: str, corrections: Sequence[Correction]) -> tuple[int, int]:
    for c in corrections:
        if fragment not in text:
            fragment = fragment.replace(c.old, c.new)
    start = text.find(fragment)
    if start < 0:
        return 0, len(text)
    end = start + len(fragment)
    stop = _CLAUSE_END.search(text, end)
    return start, stop.start() if stop else len(text)


def find_claim(claims: Sequence[Claim], document: str, fragment: str) -> Claim:
    """The claim of ``document`` whose text is ``fragment``, else the only one containing it."""
    own = [c for c in claims if Path(c.document).name == document]
    exact = [c for c in own if c.text == fragment]
    hits = exact or [c for c in own if fragment in c.text]
    if len(hits) != 1:
        raise ConfigError(f"gold: fragment {fragment!r} identifies {len(hits)} claims of {document}, not one")
    return hits[0]


def _entry(raw: dict, where: str) -> ExpectedFinding:
    try:
        correction = raw.get("correction")
        return ExpectedFinding(
            document=str(raw["document"]),
            line=int(raw["line"]),
            kinds=tuple(str(k) for k in raw["kinds"]),
            why=" ".join(str(raw["why"]).split()),
            correction=Correction(str(correction["old"]), str(correction["new"])) if correction else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{EXPECTED_FILE.name}: {where}: bad entry ({exc})") from exc


def _tsv_alignments(path: Path) -> list[Alignment]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("doc_a\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ConfigError(f"{path.name}: expected 4 tab-separated fields: {line!r}")
        out.append(Alignment(*parts))
    return out


def load_gold(path: Path = EXPECTED_FILE, alignments_tsv: Path | None = ALIGNMENTS_FILE) -> Gold:
    """Read the gold file (and the shared alignment list, when it exists)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read gold file: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: not a mapping")
    events = tuple(tuple(str(d) for d in e["documents"]) for e in data.get("events") or [])
    names = tuple(str(e.get("name", "")) for e in data.get("events") or [])
    expected = tuple(_entry(e, f"expected[{i}]") for i, e in enumerate(data.get("expected") or []))
    justified = tuple(_entry(e, f"justified[{i}]") for i, e in enumerate(data.get("justified") or []))
    alignments = [Alignment(*(str(x) for x in row)) for row in data.get("alignments") or []]
    if alignments_tsv is not None and alignments_tsv.is_file():
        alignments = _tsv_alignments(alignments_tsv) + alignments
    return Gold(events, names, expected, justified, tuple(alignments))
