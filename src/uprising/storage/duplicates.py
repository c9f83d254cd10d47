"""Links between near-duplicate reports: which copies there are, and which report counts.

Finding them is `analysis.duplicates` (pure); this module only reads the texts it needs and
keeps its answer, replacing the previous one in one transaction so the links always describe
the documents as they are now.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from sqlalchemy import delete, insert, select

from uprising.storage import tables as t
from uprising.storage.repository import Database

__all__ = ["duplicate_documents", "replace_duplicate_links", "report_texts"]

LOGGER = logging.getLogger(__name__)


def report_texts(db: Database) -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, published) of every stored document, for duplicate detection."""
    docs = t.documents
    with db.engine.connect() as conn:
        for row in conn.execute(select(docs.c.id, docs.c.text, docs.c.published)
                                .order_by(docs.c.id)):
            yield row.id, row.text, row.published


def replace_duplicate_links(db: Database, links: Iterable[tuple[str, str]]) -> int:
    """Store (copy, canonical) pairs in place of the previous ones; returns how many."""
    rows = [{"document_id": copy, "canonical_id": canonical,
             "linked_at": dt.datetime.now(dt.UTC)} for copy, canonical in links]
    with db.engine.begin() as conn:
        conn.execute(delete(t.document_duplicates))
        if rows:
            conn.execute(insert(t.document_duplicates), rows)
    LOGGER.info("%d near-duplicate document(s) linked", len(rows))
    return len(rows)


def duplicate_documents(db: Database) -> frozenset[str]:
    """Ids of the copies whose figures another report already counts."""
    with db.engine.connect() as conn:
        return frozenset(conn.scalars(select(t.document_duplicates.c.document_id)))
