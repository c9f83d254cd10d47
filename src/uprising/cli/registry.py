"""`uprising persons` and `uprising incidents`: one record per person and per event."""

from __future__ import annotations

import json
from typing import Any

import click

from uprising.analysis.merge import (
    IncidentSeen,
    MergedEvent,
    MergedPerson,
    PersonSeen,
    merge_events,
    merge_persons,
)
from uprising.cli.common import database_option, fail_cleanly, resolve_database_url
from uprising.storage import Database

__all__ = ["incidents_command", "persons_command"]


def _person_record(p: MergedPerson) -> dict[str, Any]:
    return {
        "name": p.name,
        "names": list(p.names),
        "ages": [{"age": age, "document": doc} for age, doc in p.ages],
        "fates": [f.value for f in p.fates],
        "places": list(p.places),
        "conflicts": list(p.conflicts),
        "reports": [{"document": m.document_id, "publisher": m.publisher,
                     "published": m.published.isoformat() if m.published else None,
                     "quote": m.person.evidence.quote} for m in p.mentions],
    }


def _event_record(e: MergedEvent) -> dict[str, Any]:
    return {
        "type": e.type.value, "place": e.place, "city": e.city, "date": e.date,
        "reports": [{"document": r.document_id, "publisher": r.publisher,
                     "quote": r.incident.evidence.quote} for r in e.reports],
    }


@click.command("persons")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@database_option
@fail_cleanly
def persons_command(fmt: str, database_url: str | None) -> None:
    """List named people, one record each across all reports, with every age and source."""
    with Database.open(resolve_database_url(database_url)) as db:
        merged = merge_persons(
            PersonSeen(person=row.person, document_id=row.document_id,
                       published=row.published, publisher=row.publisher)
            for row in db.person_rows()
        )
    if fmt == "json":
        click.echo(json.dumps([_person_record(p) for p in merged], ensure_ascii=False,
                              indent=1))
        return
    for p in merged:
        ages = ", ".join(sorted({str(a) for a, _ in p.ages})) or "?"
        flag = f"  CONFLICT: {', '.join(p.conflicts)}" if p.conflicts else ""
        click.echo(f"{p.name}  age {ages}  {', '.join(f.value for f in p.fates) or '-'}  "
                   f"{', '.join(p.places) or '-'}  {len(p.mentions)} report(s){flag}")


@click.command("incidents")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@database_option
@fail_cleanly
def incidents_command(fmt: str, database_url: str | None) -> None:
    """List events, one per type, place and day, with every report of each."""
    with Database.open(resolve_database_url(database_url)) as db:
        events = merge_events(
            IncidentSeen(incident=row.incident, document_id=row.document_id,
                         published=row.published, publisher=row.publisher)
            for row in db.incident_rows()
        )
    if fmt == "json":
        click.echo(json.dumps([_event_record(e) for e in events], ensure_ascii=False, indent=1))
        return
    for e in events:
        click.echo(f"{e.date or '?':<23} {e.type.value:<15} {e.place or '-':<6} "
                   f"{e.city or '-':<20} {len(e.documents)} report(s)")
