"""Knowledge base of the news domain: entities, spellings, offices, and the mention finder.

>>> from checker.kb import load_kb
>>> kb = load_kb()
>>> [(m.entity_id, m.role) for m in kb.find_mentions("بوتين يتلقى رسالة من الخميني", "ar")]
[('putin', 'recipient'), ('khomeini', 'sender')]
"""

from checker.kb.knowledge import KnowledgeBase, load_kb
from checker.kb.model import Entity, PartialDate, Tenure
from checker.kb.roles import EVENT_OF_ROLE, ROLES

__all__ = [
    "EVENT_OF_ROLE",
    "ROLES",
    "Entity",
    "KnowledgeBase",
    "PartialDate",
    "Tenure",
    "load_kb",
]
