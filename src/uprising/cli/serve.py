"""`uprising serve`: the web dashboard and JSON API on this machine (loopback by default)."""

from __future__ import annotations

import logging

import click

from uprising.cli.common import (
    database_option,
    fail_cleanly,
    message,
    resolve_database_url,
    settings,
)

__all__ = ["serve_command"]

LOGGER = logging.getLogger(__name__)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the data and the "
                   "review forms to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@database_option
@fail_cleanly
def serve_command(host: str, port: int, database_url: str | None) -> None:
    """Serve the dashboard, the pages and the JSON API (OpenAPI at /api/docs)."""
    import uvicorn

    from uprising.web import create_app

    config = {**settings(), "database_url": resolve_database_url(database_url)}
    app = create_app(config)
    if host not in ("127.0.0.1", "localhost", "::1"):
        message(f"Warning: listening on {host}, reachable from other machines.")
    message(f"Serving http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
