"""The facts stage's sheet: article by article, merged from slices, and shipped between processes."""

from __future__ import annotations

import pickle
from pathlib import Path

from checker.claims import claims_by_document
from checker.config import Config
from checker.facts.stage import facts_by_document, merge_fact_sheets
from checker.ingest import read_documents
from checker.kb import load_kb

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_facts():
    documents, _ = read_documents([SEEDS], Config())
    documents, per_document, _ = claims_by_document(documents)
    claims = [c for doc_claims in per_document for c in doc_claims]
    kb = load_kb([])
    return documents, claims, kb, facts_by_document(claims, documents, kb)


def test_a_sheet_survives_pickling_with_its_read_only_mappings() -> None:
    """The Ray engine reads facts in its workers and ships the sheets back."""
    *_, (sheet, failed) = seed_facts()
    assert not failed and any(d.people for d in sheet.documents.values())
    copy = pickle.loads(pickle.dumps(sheet))
    assert dict(copy.claims) == dict(sheet.claims) and dict(copy.documents) == dict(sheet.documents)
    people = next(iter(copy.documents.values())).people
    assert type(people) is type(next(iter(sheet.documents.values())).people)  # still read-only


def test_sheets_of_slices_merge_into_the_sheet_of_the_whole() -> None:
    documents, claims, kb, (whole, _) = seed_facts()
    slices = [documents[:2], documents[2:3], documents[3:]]
    parts = [
        facts_by_document([c for c in claims if c.document in {d.path for d in part}], part, kb)[0]
        for part in slices
    ]
    merged = merge_fact_sheets(claims, parts)
    assert list(merged.claims) == list(whole.claims) and dict(merged.claims) == dict(whole.claims)
    assert list(merged.documents) == list(whole.documents)
    assert dict(merged.documents) == dict(whole.documents)
