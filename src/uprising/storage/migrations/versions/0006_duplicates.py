"""Near-duplicate reports: each syndicated copy linked to the report whose figures count.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "document_duplicates",
        sa.Column("document_id", sa.String(71), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("canonical_id", sa.String(71), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_document_duplicates_canonical", "document_duplicates", ["canonical_id"])


def downgrade() -> None:
    op.drop_index("ix_document_duplicates_canonical", table_name="document_duplicates")
    op.drop_table("document_duplicates")
