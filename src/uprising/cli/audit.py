"""`uprising audit verify`: check the hash chain of the audit log."""

from __future__ import annotations

import sys

import click

from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.security.audit import GENESIS, verify_chain
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

__all__ = ["audit_group"]


@click.group("audit")
def audit_group() -> None:
    """The audit log of every change to stored data."""


@audit_group.command("verify")
@click.option("--head", default=None, metavar="HASH",
              help="The head hash printed by an earlier verify: detects removed newest entries.")
@database_option
@fail_cleanly
def audit_verify(head: str | None, database_url: str | None) -> None:
    """Check every entry's hash and link; exit 1 naming each edited or missing entry."""
    with Database.open(resolve_database_url(database_url)) as db:
        entries = SecurityStore(db.engine).audit_entries()
    problems = verify_chain(entries, head=head)
    for problem in problems:
        message(f"audit entry {problem.entry_id}: {problem.reason}")
    if problems:
        message(f"Audit log BROKEN: {len(problems)} problem(s) in {len(entries)} entries.")
        sys.exit(1)
    click.echo(entries[-1].hash if entries else GENESIS)
    message(f"Audit log intact: {len(entries)} entries; head hash printed on stdout "
            "(keep it elsewhere and pass it with --head next time).")
