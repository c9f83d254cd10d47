"""Fixtures shared by every test: a fresh database, a CLI runner, an analysis from a string."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


def read_cases(name: str) -> list[dict[str, Any]]:
    """Rows of tests/cases/NAME, for parametrize."""
    with (CASES / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


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
