"""The web dashboard's schema: full-text search of documents, editors' reviews, browse indexes.

Full-text search is the one place where SQLite and PostgreSQL differ, so the migration chooses by
dialect: on SQLite an FTS5 table kept in step with `documents` by triggers (it stores its own copy
of the id, because an implicit rowid may be renumbered by VACUUM); on PostgreSQL a generated
`tsvector` column with a GIN index, which the server keeps in step by itself. The `simple`
configuration and FTS5's `unicode61` tokenizer both work word by word without stemming, so English
and Persian reports are searched the same way and both databases find the same documents.

Reviews never change an extracted row: each decision is a new row keeping the record as it was
(`previous`) and, for a correction, the corrected fields (`corrected`), so the history of every
record can be read back in order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "document_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts (document_id, title, text) "
    "VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "DELETE FROM documents_fts WHERE document_id = old.id; END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "DELETE FROM documents_fts WHERE document_id = old.id; "
    "INSERT INTO documents_fts (document_id, title, text) "
    "VALUES (new.id, coalesce(new.title, ''), new.text); END",
)
POSTGRES_VECTOR = (
    "ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"
)


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("corrected", sa.Text(), nullable=True),
        sa.Column("previous", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_kind_record", "reviews", ["kind", "record_id"])
    op.create_index("ix_claims_place_measure_subject", "claims", ["place", "measure", "subject"])
    op.create_index("ix_claims_source", "claims", ["source"])
    op.create_index("ix_claims_date", "claims", ["date"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_publisher", "documents", ["publisher"])
    op.create_index("ix_persons_name", "persons", ["name"])
    op.create_index("ix_incidents_type", "incidents", ["type"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(SQLITE_FTS)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute(
            "INSERT INTO documents_fts (document_id, title, text) "
            "SELECT id, coalesce(title, ''), text FROM documents"
        )
    elif dialect == "postgresql":
        op.execute(POSTGRES_VECTOR)
        op.execute(
            "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_search_vector")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search_vector")
    for table, index in (
        ("incidents", "ix_incidents_type"),
        ("persons", "ix_persons_name"),
        ("documents", "ix_documents_publisher"),
        ("documents", "ix_documents_published"),
        ("claims", "ix_claims_date"),
        ("claims", "ix_claims_source"),
        ("claims", "ix_claims_place_measure_subject"),
    ):
        op.drop_index(index, table_name=table)
    op.drop_index("ix_reviews_kind_record", table_name="reviews")
    op.drop_table("reviews")
