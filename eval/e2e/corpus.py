"""Corpora for the end-to-end runs: the seed articles as text, edits, and writing them out.

A corpus is a tuple of (file name, text). Corpora are written to temporary folders (never
into git) and read back by the checker exactly as a user's folder would be. Because claim
ids are built from the file name and the claim's text, the unchanged claims of a perturbed
corpus keep the ids they have in the base corpus, so "new finding" simply means "finding
id not seen in the base run".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.claims import extract_claims
from checker.config import Config
from checker.errors import ConfigError
from checker.home import PROJECT_ROOT
from checker.ingest import read_documents
from checker.pipeline import unique_claim_ids
from checker.types import Claim, Document
from eval.e2e.gold import Gold

SEEDS = PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` at ``[start, end)`` of one article with ``new``."""

    document: str  # file name
    start: int
    end: int
    old: str
    new: str

    def apply(self, text: str) -> str:
        if text[self.start : self.end] != self.old:
            raise ConfigError(
                f"edit of {self.document} expects {self.old!r} at {self.start}, found "
                f"{text[self.start : self.end]!r}"
            )
        return text[: self.start] + self.new + text[self.end :]

    @property
    def new_end(self) -> int:
        """Where the replacement ends in the edited text."""
        return self.start + len(self.new)


@dataclass(frozen=True)
class Corpus:
    articles: tuple[tuple[str, str], ...]  # (file name, text), in order

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.articles)

    def text(self, name: str) -> str:
        for n, t in self.articles:
            if n == name:
                return t
        raise KeyError(name)

    def with_edit(self, edit: Edit) -> Corpus:
        return Corpus(tuple((n, edit.apply(t) if n == edit.document else t) for n, t in self.articles))

    def with_article(self, name: str, text: str) -> Corpus:
        if name in self.names:
            raise ValueError(f"{name} is already in the corpus")
        return Corpus((*self.articles, (name, text)))

    def write(self, folder: Path) -> Path:
        """Write every article into ``folder`` (created); returns the folder."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.articles:
            (folder / name).write_text(text, encoding="utf-8")
        return folder


def read_seeds(folder: Path = SEEDS) -> Corpus:
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    return Corpus(tuple((p.name, p.read_text(encoding="utf-8")) for p in files))


def corrected(corpus: Corpus, gold: Gold) -> Corpus:
    """The corpus with the gold file's corrections applied: the base the perturbations start from.

    Each correction replaces its ``old`` text on the entry's line, which must hold it exactly once.
    """
    for entry in gold.expected:
        if entry.correction is None:
            continue
        text = corpus.text(entry.document)
        line_start = 0
        for _ in range(entry.line - 1):
            line_start = text.index("\n", line_start) + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        old, new = entry.correction.old, entry.correction.new
        if line.count(old) != 1:
            raise ConfigError(
                f"correction of {entry.document}:{entry.line}: {old!r} occurs {line.count(old)} times"
            )
        start = line_start + line.index(old)
        corpus = corpus.with_edit(Edit(entry.document, start, start + len(old), old, new))
    return corpus


def read_claims(folder: Path, config: Config | None = None) -> tuple[list[Document], list[Claim]]:
    """The checker's own documents and claims for a written corpus (what a run would see)."""
    documents, _ = read_documents([folder], config or Config())
    return documents, unique_claim_ids([c for d in documents for c in extract_claims(d)])


def claims_touching(claims: Iterable[Claim], document: str, start: int, end: int) -> list[Claim]:
    """The claims of ``document`` (a file name) that overlap ``[start, end)``."""
    return [
        c
        for c in claims
        if Path(c.document).name == document and c.span.start < max(end, start + 1) and start < c.span.end
    ]
