"""Material's built-in search, taught the names and questions learners type: term names
(:mod:`.names`, with the word forms of :mod:`.forms` and the typing slips of :mod:`.slips`) and
topic pages (:mod:`.questions`). Nothing here imports MkDocs."""

from .names import FIELDS, term_documents
from .questions import QUESTION_WORDS, enrich_index, topic_fields

__all__ = ["FIELDS", "QUESTION_WORDS", "enrich_index", "term_documents", "topic_fields"]
