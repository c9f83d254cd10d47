"""Shared by the web and PostgreSQL tests: database URLs over both backends, a loaded database.

`database_urls` is SQLite always and, when $TEST_POSTGRES_URL is set (`.ci/run` sets it from
`scripts/pg_test_server.sh`), PostgreSQL too; each PostgreSQL test starts from an empty schema.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests import conftest
from tests.conftest import ROOT

with warnings.catch_warnings():
    # Starlette warns that its test client will move to another httpx; the client still works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PG_VARIABLE = "TEST_POSTGRES_URL"
# The variable configures the tests, not uprising, and `load_settings` refuses unknown UPRISING_*
# variables; so it is taken out of the environment as soon as the tests are collected (conftest
# may have done so already and kept it as PG_TEST_URL).
PG_URL: str | None = (os.environ.pop(PG_VARIABLE, None)
                      or getattr(conftest, "PG_TEST_URL", None))


def database_urls() -> list[Any]:
    urls: list[Any] = [pytest.param("sqlite", id="sqlite")]
    if PG_URL:
        urls.append(pytest.param("postgresql", id="postgresql"))
    return urls


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=database_urls())
def any_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: SQLite, and PostgreSQL when $TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "web.db")
    assert PG_URL is not None
    reset_postgres(PG_URL)
    return PG_URL


def load_samples(url: str) -> None:
    """Ingest and extract the sample reports into the database at `url`."""
    from uprising.cli.store import process_all
    from uprising.ingest import read_paths
    from uprising.storage import Database

    with Database.open(url) as db:
        db.add_documents(read_paths([str(ROOT / "samples")]))
        process_all(db)


@pytest.fixture
def loaded_url(any_database_url: str) -> str:
    load_samples(any_database_url)
    return any_database_url


@pytest.fixture
def client(loaded_url: str) -> Iterator[TestClient]:
    from uprising.web import create_app

    app = create_app({"database_url": loaded_url})
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
