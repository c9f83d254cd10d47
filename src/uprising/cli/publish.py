"""`uprising tally` and `uprising report`: what the stored figures say, per source."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from uprising.analysis.tally import Figure, TallyRow, as_of_key, build_tally, source_label
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.geo import province_name
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.markdown import render_markdown
from uprising.storage import Database

__all__ = ["figures_from", "render_tally", "report_command", "tally_command", "write_report"]


def figures_from(db: Database) -> list[Figure]:
    """Every stored claim as a Figure with its source label and as-of day."""
    return [
        Figure(
            claim=row.claim,
            source=source_label(row.claim.source, row.publisher),
            as_of=as_of_key(row.claim.date, row.published),
            document_id=row.document_id,
            published=row.published,
            publisher=row.publisher,
            url=row.url,
        )
        for row in db.claim_rows()
    ]


def render_tally(rows: list[TallyRow], fmt: str) -> str:
    """The tally as an aligned table, CSV or JSON."""
    records = [
        {
            "measure": row.measure.value,
            "subject": row.subject.value if row.subject else None,
            "source": fig.source,
            "figure": fig.shown,
            "low": fig.claim.low,
            "high": fig.claim.high,
            "qualifier": fig.claim.qualifier.value,
            "as_of": fig.as_of.isoformat() if fig.as_of else None,
            "document": fig.document_id,
            "quote": fig.claim.evidence.quote,
            "range_low": row.low,
            "range_high": row.high,
        }
        for row in rows for fig in row.figures
    ]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else ["measure"])
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    if not records:
        return "No figures stored yet: run `uprising ingest` and `uprising process` first.\n"
    columns = ("measure", "subject", "source", "figure", "as_of", "range", "document")
    table = [
        (r["measure"], r["subject"] or "-", r["source"], r["figure"], r["as_of"] or "?",
         f"{r['range_low']:,}–{r['range_high']:,}" if r["range_low"] is not None
         and r["range_high"] is not None else "-", str(r["document"])[:19])
        for r in records
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(columns, *table, strict=False)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in [columns, *table]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


@click.command("tally")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--place", default="IR", show_default=True,
              help="Figures about this place only (ISO code: IR, IR-11 ...); 'all' for all.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Ignore figures valid after this day (YYYY-MM-DD).")
@database_option
@fail_cleanly
def tally_command(fmt: str, place: str, until: dt.datetime | None,
                  database_url: str | None) -> None:
    """Print, per measure and subject, the latest figure each source gives.

    Each figure keeps its bounds, as-of date and document; the range spans the sources.
    """
    with Database.open(resolve_database_url(database_url)) as db:
        rows = build_tally(figures_from(db), place=None if place == "all" else place,
                           until=until.date() if until else None)
    click.echo(render_tally(rows, fmt), nl=False)


def write_report(db: Database, week: int, out_dir: Path) -> Path:
    """Write the Markdown report of `week` into `out_dir` and return its path."""
    start, end = week_bounds(week)
    incidents = [
        IncidentSeen(incident=row.incident, document_id=row.document_id,
                     published=row.published, publisher=row.publisher)
        for row in db.incident_rows()
    ]
    report = build_weekly_report(figures_from(db), incidents, start=start, end=end, week=week)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"week-{week:02d}.md"
    path.write_text(render_markdown(report, _place_name), encoding="utf-8")
    return path


def _place_name(code: str) -> str:
    try:
        return province_name(code)
    except (KeyError, ValueError):
        return code


@click.command("report")
@click.option("--week", type=click.IntRange(min=1), required=True,
              help="Week of the uprising; week 1 begins 2022-09-16.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the report (default: setting reports_dir).")
@database_option
@fail_cleanly
def report_command(week: int, output_dir: Path | None, database_url: str | None) -> None:
    """Write the weekly report (Markdown) for week N: figures per source and places, footnoted."""
    from uprising.cli.common import settings

    out_dir = output_dir or Path(str(settings()["reports_dir"]))
    with Database.open(resolve_database_url(database_url)) as db:
        path = write_report(db, week, out_dir)
    message(f"Wrote {path}")
