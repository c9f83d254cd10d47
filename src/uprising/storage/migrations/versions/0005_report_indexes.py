"""Indexes for a report's period queries: incidents and persons by their date.

`storage.report_queries` reads the incidents and persons of a period with a range over the stored
ISO date text (`date >= '2022-12-09' AND date < '2022-12-16'`), which an index on the column
serves on SQLite and PostgreSQL alike; the undated half of each query goes through documents'
publication day (`ix_documents_published`, migration 0003). The latest-figure query walks
`ix_claims_place_measure_subject` (migration 0003) and needs nothing new.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_incidents_date", "incidents", ["date"])
    op.create_index("ix_persons_date", "persons", ["date"])


def downgrade() -> None:
    op.drop_index("ix_persons_date", table_name="persons")
    op.drop_index("ix_incidents_date", table_name="incidents")
