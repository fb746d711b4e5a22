"""The entity part of a claim's Facts, as the pipeline asks for it."""

from __future__ import annotations

import datetime as dt

from checker.kb.knowledge import KnowledgeBase
from checker.types import Claim, Document, Mention


def entity_facts(
    claim: Claim,
    kb: KnowledgeBase,
    date: dt.date | None,
    document: Document | None = None,
) -> tuple[Mention, ...]:
    """KB mentions in ``claim.text`` (offsets relative to it), with their roles.

    Args:
        claim: the claim to read.
        kb: the loaded knowledge base.
        date: the document's date, or the event's date when the document has none;
            titles resolve to the office holder on that day.
        document: the claim's document, when at hand. Passing it lets a spelling
            variant confirmed elsewhere in the article ("فيتشيلاف فالودين") be recognised
            where it stands alone in this claim ("سلّمها إلى فالودين").
    """
    context = document.source if document is not None else None
    return tuple(kb.find_mentions(claim.text, claim.lang, date, context=context))
