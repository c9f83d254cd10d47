"""Initial schema: documents, extraction runs, claims, persons, incidents, processing errors.

Written out in full rather than built from `uprising.storage.tables`, so that this migration keeps
creating the schema of its day however the tables module changes later; a test checks that the
migrations and the tables module agree.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.String(71)
HASH = sa.String(64)


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["document_id"], ["documents.id"], name=f"fk_{table}_document_id_documents"
    )


def _evidence_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", ID, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("raw_sha256", HASH, nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_table(
        "extraction_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_extraction_runs"),
        _document_fk("extraction_runs"),
    )
    op.create_index(
        "ix_extraction_runs_document_version",
        "extraction_runs",
        ["document_id", "extractor_version"],
    )
    op.create_table(
        "claims",
        sa.Column("id", HASH, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("measure", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(32), nullable=True),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("place", sa.String(16), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("date", sa.String(21), nullable=True),
        sa.Column("source", sa.String(64), nullable=True),
        *_evidence_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        _document_fk("claims"),
    )
    op.create_index("ix_claims_measure_subject", "claims", ["measure", "subject"])
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_table(
        "persons",
        sa.Column("id", HASH, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("ages", sa.Text(), nullable=False),
        sa.Column("gender", sa.String(8), nullable=True),
        sa.Column("fates", sa.Text(), nullable=False),
        sa.Column("place", sa.String(16), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("date", sa.String(21), nullable=True),
        *_evidence_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_persons"),
        _document_fk("persons"),
    )
    op.create_index("ix_persons_document_id", "persons", ["document_id"])
    op.create_table(
        "incidents",
        sa.Column("id", HASH, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("place", sa.String(16), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("date", sa.String(21), nullable=True),
        *_evidence_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        _document_fk("incidents"),
    )
    op.create_index("ix_incidents_place_date", "incidents", ["place", "date"])
    op.create_index("ix_incidents_document_id", "incidents", ["document_id"])
    op.create_table(
        "processing_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("component", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_processing_errors"),
    )
    op.create_index("ix_processing_errors_document_id", "processing_errors", ["document_id"])


def downgrade() -> None:
    for table in ("processing_errors", "incidents", "persons", "claims", "extraction_runs"):
        op.drop_table(table)
    op.drop_table("documents")
