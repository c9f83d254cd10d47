"""Storage: the database behind uprising, reached only through `Database`.

SQLAlchemy Core with Alembic migrations; SQLite by default, PostgreSQL by URL. All SQL lives in
`repository`; `tables` describes the schema and `engine` builds engines and runs migrations.
"""

from __future__ import annotations

from uprising.storage.engine import DEFAULT_URL, URL_VARIABLE, resolve_url
from uprising.storage.repository import (
    Database,
    IngestResult,
    ProcessingError,
    StoredClaim,
    StoredIncident,
    StoredPerson,
)
from uprising.storage.tables import record_id

__all__ = [
    "DEFAULT_URL",
    "URL_VARIABLE",
    "Database",
    "IngestResult",
    "ProcessingError",
    "StoredClaim",
    "StoredIncident",
    "StoredPerson",
    "record_id",
    "resolve_url",
]
