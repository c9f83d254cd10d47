"""Web archive: documents link to their WARC record; `watch` remembers the feed items it saw.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

HASH = sa.String(64)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("warc_record", sa.Text(), nullable=True))
        batch.add_column(sa.Column("warc_sha256", HASH, nullable=True))
    op.create_table(
        "feed_items",
        sa.Column("feed_hash", HASH, nullable=False),
        sa.Column("item_hash", HASH, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("feed_hash", "item_hash", name="pk_feed_items"),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("warc_sha256")
        batch.drop_column("warc_record")
