"""`uprising backup PATH` and `uprising restore PATH`.

SQLite is copied with its online backup API: a consistent snapshot while the web app keeps
reading and writing, WAL included (copying the file could catch a half-written page). PostgreSQL
goes through `pg_dump` (plain SQL, with DROP ... IF EXISTS) and comes back with `psql` in a
single transaction; the password travels in PGPASSWORD, never on a command line that `ps` shows.
A restore is checked before it replaces anything: the backup must pass SQLite's integrity check
and be an uprising database. Both are recorded in the audit log.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from sqlalchemy import make_url

from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.errors import InputError, StorageError
from uprising.storage import Database
from uprising.storage.engine import safe_url
from uprising.storage.security_repo import SecurityStore

__all__ = ["backup_command", "backup_database", "restore_command", "restore_database"]

LOGGER = logging.getLogger(__name__)


def _sqlite_path(url: str) -> str | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if parsed.database in (None, "", ":memory:"):
        raise StorageError("an in-memory database cannot be backed up")
    return parsed.database


def _pg_env(url: str) -> tuple[dict[str, str], str]:
    parsed = make_url(url)
    env = dict(os.environ)
    for var, value in (("PGHOST", parsed.host), ("PGPORT", parsed.port),
                       ("PGUSER", parsed.username), ("PGPASSWORD", parsed.password)):
        if value is not None:
            env[var] = str(value)
    return env, str(parsed.database or "")


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    exe = shutil.which(tool)
    if exe is None:
        raise StorageError(f"{tool} is not installed; PostgreSQL backups need the client tools")
    done = subprocess.run([exe, *args], env=env, capture_output=True, check=False, timeout=3600)
    if done.returncode != 0:
        # stderr may quote table contents; its first line names the problem well enough.
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise StorageError(f"{tool} failed ({done.returncode}): {' '.join(first)}")


def backup_database(url: str, target: Path) -> None:
    """Write a consistent copy of the database at `url` to `target` (a new file)."""
    if target.exists():
        raise InputError("exists; choose a new file name", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    path = _sqlite_path(url)
    if path is not None:
        with Database.open(url):  # migrated, so a restore comes back at a known schema
            pass
        source = sqlite3.connect(path)
        try:
            dest = sqlite3.connect(str(target))
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    else:
        env, name = _pg_env(url)
        _run("pg_dump", ["--no-owner", "--no-privileges", "--clean", "--if-exists",
                         "--format=plain", "--file", str(target), "--dbname", name], env)
    os.chmod(target, 0o600)


def _check_sqlite_backup(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()
        has_version = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'alembic_version'").fetchone()
    except sqlite3.DatabaseError:
        raise InputError("is not an SQLite database", path=str(path)) from None
    finally:
        conn.close()
    if not ok or ok[0] != "ok" or not has_version or not has_version[0]:
        raise InputError("is not a sound uprising backup (integrity check failed or no schema "
                         "version)", path=str(path))


def restore_database(url: str, source: Path) -> None:
    """Replace the database at `url` with the backup at `source`, then migrate it to head."""
    if not source.is_file():
        raise InputError("does not exist", path=str(source))
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_backup(source)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(path)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    else:
        env, name = _pg_env(url)
        _run("psql", ["--quiet", "--no-psqlrc", "--set", "ON_ERROR_STOP=1",
                      "--single-transaction", "--file", str(source), "--dbname", name], env)
    with Database.open(url) as db:
        SecurityStore(db.engine).audit(actor="cli", action="restore", target="database",
                                       detail={"backup": source.name})


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@database_option
@fail_cleanly
def backup_command(path: Path, database_url: str | None) -> None:
    """Copy the database to PATH (SQLite online backup; pg_dump for PostgreSQL)."""
    url = resolve_database_url(database_url)
    backup_database(url, path)
    message(f"Backed up {safe_url(url)} to {path}.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@database_option
@fail_cleanly
def restore_command(path: Path, database_url: str | None) -> None:
    """Replace the database with the backup at PATH (checked first; psql for PostgreSQL)."""
    url = resolve_database_url(database_url)
    restore_database(url, path)
    message(f"Restored {safe_url(url)} from {path}.")
