"""Fixtures shared by every test: a fresh database, a CLI runner, an analysis from a string."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

# configures the tests (a PostgreSQL server to run storage and web tests against), not uprising
PG_TEST_URL = os.environ.pop("TEST_POSTGRES_URL", None)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


def read_cases(name: str) -> list[dict[str, Any]]:
    """Rows of tests/cases/NAME, for parametrize."""
    with (CASES / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(autouse=True)
def _archive_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raw files and WARCs that a test keeps go to its own folder, never the checkout."""
    monkeypatch.setenv("UPRISING_ARCHIVE_DIR", str(tmp_path / "archive"))


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return "sqlite:///" + str(tmp_path / "test.db")


@pytest.fixture
def database(database_url: str) -> Iterator[Any]:
    from uprising.storage import Database

    db = Database.open(database_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def analyse() -> Callable[..., Any]:
    """Run the default pipeline over a string, as a document published on `published`."""
    from uprising.extract.pipeline import default_pipeline
    from uprising.records import Document

    def run(text: str, published: str | None = "2022-11-21") -> Any:
        day = dt.date.fromisoformat(published) if published else None
        return default_pipeline().analyse(Document(id="t", text=text, published=day))

    return run
