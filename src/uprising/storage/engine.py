"""Engines and migrations: how a database URL becomes a ready, up-to-date connection pool.

SQLite gets what a single-writer local store needs: WAL mode so readers never block the writer,
foreign keys on, a busy timeout instead of an instant "database is locked", and real transactions
(Python's sqlite3 driver otherwise skips BEGIN before DDL, so a failed migration would leave half a
schema behind). Every other backend, PostgreSQL first, is used as SQLAlchemy configures it.

Alembic is configured in code, with the script location taken from the installed package, so no
alembic.ini has to be found at run time.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from uprising.errors import StorageError

__all__ = [
    "DEFAULT_URL",
    "URL_VARIABLE",
    "alembic_config",
    "create_database_engine",
    "current_revision",
    "head_revision",
    "migrate",
    "resolve_url",
    "safe_url",
]

LOGGER = logging.getLogger(__name__)

URL_VARIABLE = "UPRISING_DATABASE_URL"
DEFAULT_URL = "sqlite:///uprising.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000  # long enough for a CLI write to wait out the web app's reads


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the one given, else $UPRISING_DATABASE_URL, else ./uprising.db."""
    if url:
        return url
    return os.environ.get(URL_VARIABLE) or DEFAULT_URL


def safe_url(url: str) -> str:
    """The URL with any password masked, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def create_database_engine(url: str) -> Engine:
    """Build an engine for `url`, with SQLite tuned for one writer and many readers.

    Raises:
        StorageError: the URL cannot be parsed or names a driver that is not installed.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        # The parser's own message repeats the URL, password and all, so it is not passed on.
        raise StorageError(
            "the database URL cannot be parsed; expected e.g. sqlite:///uprising.db or "
            "postgresql+psycopg://user@host/uprising"
        ) from exc
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(
            f"cannot use database {safe_url(url)}: {exc}; is its driver installed?"
        ) from exc
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine, in_memory=parsed.database in (None, "", ":memory:"))
    return engine


def _tune_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the driver, so DDL is transactional too (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations, with no ini file."""
    config = Config()
    location = resources.files("uprising.storage").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version of uprising."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Run every pending migration to head, all in one transaction.

    Raises:
        StorageError: the database cannot be reached or a migration fails; nothing is changed.
    """
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or type(exc).__name__
        raise StorageError(f"cannot open or migrate database {where}: {reason}") from exc
    except CommandError as exc:
        # Typically a database written by a newer uprising, whose revision this one does not know.
        raise StorageError(
            f"database {where} is at a schema this version of uprising does not know ({exc}); "
            "upgrade uprising"
        ) from exc
