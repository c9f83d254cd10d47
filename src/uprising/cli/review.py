"""`uprising review`: editors confirm, correct or reject extracted records from the terminal.

A decision never edits the extracted row: it is a new version that keeps the record as it stood
and who decided, the same path the web review queue writes to.
"""

from __future__ import annotations

import json
from typing import Any

import click

from uprising.analysis.corrections import CLAIM_FIELDS
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.errors import InputError
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

__all__ = ["review_group"]

_KINDS = click.Choice(["claim", "person", "incident"])
_TABLE = {"claim": "claims", "person": "persons", "incident": "incidents"}


@click.group("review")
def review_group() -> None:
    """Confirm, correct or reject extracted records; list what awaits review."""


@review_group.command("queue")
@click.option("--kind", type=_KINDS, default="claim", show_default=True,
              help="Which records to list.")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True,
              help="How many to list.")
@database_option
@fail_cleanly
def queue_command(kind: str, limit: int, database_url: str | None) -> None:
    """List records no editor has decided on yet, with their ids and quotes."""
    with Database.open(resolve_database_url(database_url)) as db:
        page = db.browse().review_queue(kind, limit=limit, offset=0)
    for row in page.rows:
        what = row.get("measure") or row.get("name") or row.get("type")
        click.echo(f"{row['id']}  {what}  «{' '.join(str(row['quote']).split())[:80]}»")
    message(f"{len(page.rows)} of {page.total} {_TABLE[kind]} awaiting review.")


def _decide(kind: str, record_id: str, decision: str, corrected: dict[str, Any] | None,
            reviewer: str, database_url: str | None) -> None:
    with Database.open(resolve_database_url(database_url)) as db:
        number = db.browse().add_review(kind=kind, record_id=record_id, decision=decision,
                                        corrected=corrected, reviewer=reviewer)
        SecurityStore(db.engine).audit(actor="cli", action=f"review.{decision}",
                                       target=f"{kind}:{record_id}", detail={"review": number})
    message(f"Recorded review {number}: {decision} of {kind} {record_id[:12]}.")


_BY = click.option("--by", "reviewer", required=True,
                   help="Who decides (kept with the decision).")


@review_group.command("confirm")
@click.argument("kind", type=_KINDS)
@click.argument("record_id")
@_BY
@database_option
@fail_cleanly
def confirm_command(kind: str, record_id: str, reviewer: str, database_url: str | None) -> None:
    """Confirm that RECORD_ID says what its quote says."""
    _decide(kind, record_id, "confirm", None, reviewer, database_url)


@review_group.command("reject")
@click.argument("kind", type=_KINDS)
@click.argument("record_id")
@_BY
@database_option
@fail_cleanly
def reject_command(kind: str, record_id: str, reviewer: str, database_url: str | None) -> None:
    """Reject RECORD_ID: tallies and reports leave it out; the record itself is kept."""
    _decide(kind, record_id, "reject", None, reviewer, database_url)


@review_group.command("correct")
@click.argument("kind", type=_KINDS)
@click.argument("record_id")
@click.option("--set", "assignments", multiple=True, required=True, metavar="FIELD=VALUE",
              help="A corrected field, e.g. --set low=326 --set qualifier=at_least.")
@_BY
@database_option
@fail_cleanly
def correct_command(kind: str, record_id: str, assignments: tuple[str, ...], reviewer: str,
                    database_url: str | None) -> None:
    """Correct fields of RECORD_ID as a new version; the old one stays in its history."""
    corrected: dict[str, Any] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            raise InputError(f"{assignment!r} is not FIELD=VALUE", field="--set",
                             hint="write e.g. --set low=326")
        if kind == "claim":
            if name not in CLAIM_FIELDS:
                raise InputError(f"{name!r} cannot be corrected", field="--set",
                                 hint=f"claim fields: {', '.join(CLAIM_FIELDS)}")
            try:
                typed = CLAIM_FIELDS[name](value)
            except (ValueError, TypeError):
                raise InputError(f"{value!r} is not a valid {name}", field="--set") from None
            corrected[name] = getattr(typed, "value", typed)  # kept as JSON: 326, "at_least"
        else:
            corrected[name] = value
    _decide(kind, record_id, "correct", corrected, reviewer, database_url)


@review_group.command("history")
@click.argument("kind", type=_KINDS)
@click.argument("record_id")
@database_option
@fail_cleanly
def history_command(kind: str, record_id: str, database_url: str | None) -> None:
    """Every decision on RECORD_ID, oldest first, with who made it and what stood before."""
    with Database.open(resolve_database_url(database_url)) as db:
        rows = db.browse().history(kind, record_id)
    click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
