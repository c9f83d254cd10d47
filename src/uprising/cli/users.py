"""`uprising user add|list|disable|set-role|token` and `uprising key new|rotate`.

Passwords are read from a hidden prompt (or one line of stdin with --password-stdin, for
scripts), never from an option, so they stay out of shell history and process lists. Every
change is written to the audit log with the account's number, not its name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from uprising.cli.common import (
    database_option,
    fail_cleanly,
    message,
    resolve_database_url,
    settings,
)
from uprising.errors import ConfigError
from uprising.security.accounts import ACCOUNT_ROLES
from uprising.security.crypto import (
    Keyring,
    generate_key_line,
    load_keyring,
    parse_keyring,
    write_keyring,
)
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

__all__ = ["key_group", "user_group"]

ROLE_CHOICE = click.Choice([r.value for r in ACCOUNT_ROLES])


@click.group("user")
def user_group() -> None:
    """Accounts of the web app: admin, editor, reviewer, correspondent."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True,
                              err=True)
    return value


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE, required=True, help="The account's role.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of stdin instead of a prompt.")
@database_option
@fail_cleanly
def user_add(name: str, role: str, password_stdin: bool, database_url: str | None) -> None:
    """Create account NAME with ROLE (the password is asked for, at least 12 characters)."""
    password = _password(password_stdin)
    with Database.open(resolve_database_url(database_url)) as db:
        user_id = SecurityStore(db.engine).add_user(name, role, password)
    message(f"Account {user_id} created with role {role}.")


@user_group.command("list")
@database_option
@fail_cleanly
def user_list(database_url: str | None) -> None:
    """List accounts as JSON lines: number, name, role, disabled."""
    with Database.open(resolve_database_url(database_url)) as db:
        rows = SecurityStore(db.engine).users()
    for row in rows:
        click.echo(json.dumps({"id": row["id"], "name": row["name"], "role": row["role"],
                               "disabled": bool(row["disabled"])}))


@user_group.command("disable")
@click.argument("name")
@database_option
@fail_cleanly
def user_disable(name: str, database_url: str | None) -> None:
    """Disable account NAME: its sessions end and its API tokens are revoked."""
    with Database.open(resolve_database_url(database_url)) as db:
        SecurityStore(db.engine).disable(name)
    message("Account disabled; its sessions and tokens no longer work.")


@user_group.command("set-role")
@click.argument("name")
@click.argument("role", type=ROLE_CHOICE)
@database_option
@fail_cleanly
def user_set_role(name: str, role: str, database_url: str | None) -> None:
    """Give account NAME the role ROLE (its sessions end; tokens of another role are revoked)."""
    with Database.open(resolve_database_url(database_url)) as db:
        SecurityStore(db.engine).set_role(name, role)
    message(f"Role set to {role}.")


@user_group.command("token")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in ACCOUNT_ROLES]), default=None,
              help="Scope the token to this role (default: the account's own).")
@database_option
@fail_cleanly
def user_token(name: str, role: str | None, database_url: str | None) -> None:
    """Make an API token for account NAME; it is printed once and stored only as a hash."""
    with Database.open(resolve_database_url(database_url)) as db:
        token = SecurityStore(db.engine).add_token(name, role)
    click.echo(token)


@click.group("key")
def key_group() -> None:
    """The keys that encrypt correspondents' identities, contacts and texts."""


def _key_file() -> Path:
    return Path(str(settings()["secret_key_file"]))


@key_group.command("new")
@fail_cleanly
def key_new() -> None:
    """Create the key file (setting secret_key_file) with one new key; never overwrites."""
    path = _key_file()
    if path.exists():
        raise ConfigError(f"{path} exists; use `uprising key rotate` to replace its key")
    write_keyring(path, parse_keyring(generate_key_line(), "new key"))
    message(f"Key file written: {path} (mode 0600). Keep a copy apart from the backups.")


@key_group.command("rotate")
@database_option
@fail_cleanly
def key_rotate(database_url: str | None) -> None:
    """Add a new primary key, re-encrypt every submission under it, then drop the old keys."""
    path = _key_file()
    old = load_keyring(path, str(settings()["secret_key"]))
    both: Keyring = old.rotated()
    # The file holds both keys while the database is re-encrypted, so a crash part way leaves
    # every row readable; the old keys go only after the transaction has committed.
    write_keyring(path, both)
    with Database.open(resolve_database_url(database_url)) as db:
        count = SecurityStore(db.engine).rotate(both)
    write_keyring(path, both.only_primary())
    message(f"Re-encrypted {count} submission(s) under key {both.primary_id}.")
