"""What every command shares: settings, the database, messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from uprising.config import load_settings
from uprising.errors import UprisingError

__all__ = ["database_option", "fail_cleanly", "message", "settings"]

F = TypeVar("F", bound=Callable[..., Any])


def settings() -> dict[str, Any]:
    return load_settings()


def message(text: str) -> None:
    """Messages for people go to stderr; stdout is kept for data."""
    click.echo(text, err=True)


def database_option(func: F) -> F:
    """The shared --database option (default: setting `database_url`)."""
    return click.option(
        "--database", "database_url", metavar="URL", default=None,
        help="Database URL (default: UPRISING_DATABASE_URL or sqlite:///uprising.db).",
    )(func)


def fail_cleanly(func: F) -> F:
    """Turn uprising's own errors into a one-message exit with the error's status."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UprisingError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def resolve_database_url(given: str | None) -> str:
    return given or str(settings()["database_url"])
