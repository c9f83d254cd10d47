"""Alembic environment for uprising: runs migrations on the connection the caller opened.

`uprising.storage.engine.migrate` opens a transaction and passes its connection in
`config.attributes["connection"]`, so the whole upgrade commits or rolls back as one. Run from the
`alembic` command line instead, it connects to $UPRISING_DATABASE_URL (or ./uprising.db).
"""

from __future__ import annotations

import logging

from alembic import context
from sqlalchemy.engine import Connection

from uprising.storage.engine import create_database_engine, resolve_url
from uprising.storage.tables import metadata

LOGGER = logging.getLogger(__name__)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate on the given connection, or on a fresh one when run by the alembic command."""
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    engine = create_database_engine(resolve_url(None))
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("uprising migrations run online only: give them a database connection")
run_migrations_online()
