"""`uprising demo`: the whole path once, on the bundled sample reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import click

from uprising.analysis.tally import build_tally
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.cli.publish import figures_from, render_tally, write_report
from uprising.cli.store import keep_raw_files, process_all
from uprising.ingest import read_paths
from uprising.reports.weekly import week_of
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

__all__ = ["busiest_week", "demo_command"]


def busiest_week(db: Database) -> int:
    """The week with the most dated incident records (the latest on a tie), else week 1."""
    counts: Counter[int] = Counter()
    for row in db.incident_rows():
        date = row.incident.date
        day = dt.date.fromisoformat(date.split("/")[0]) if date else row.published
        if day is not None:
            counts[week_of(day)] += 1
    if not counts:
        return 1
    return max(counts, key=lambda week: (counts[week], week))


@click.command("demo")
@click.option("--samples", "samples_dir", type=click.Path(exists=True, file_okay=False),
              default="samples", show_default=True, help="Folder of reports to load.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("reports"), show_default=True,
              help="Folder for the weekly report (Markdown, HTML and PDF, with charts and map).")
@click.option("--week", type=click.IntRange(min=1), default=None,
              help="Week to report on (default: the week with the most incident records).")
@database_option
@fail_cleanly
def demo_command(samples_dir: str, output_dir: Path, week: int | None,
                 database_url: str | None) -> None:
    """Create the database, ingest the samples, extract, print the tally, write a report.

    The report for the week is written as Markdown, a self-contained HTML page and a PDF, each
    with the charts and the province map.
    """
    url = resolve_database_url(database_url)
    documents = read_paths([samples_dir])
    with Database.open(url) as db:
        result = db.add_documents(documents)
        SecurityStore(db.engine).audit(actor="cli", action="ingest", target="documents",
                                       detail={"added": list(result.added), "from": "demo"})
        keep_raw_files([samples_dir])
        message(f"Ingested {len(result.added)} new sample report(s) "
                f"({len(result.duplicates)} already stored).")
        done, claims, failed = process_all(db)
        SecurityStore(db.engine).audit(actor="cli", action="extraction-run", target="documents",
                                       detail={"documents": done, "claims": claims,
                                               "errors": failed})
        message(f"Extracted {done} document(s): {claims} claims; {failed} component error(s).")
        click.echo(render_tally(build_tally(figures_from(db)), "table"), nl=False)
        if week is None:
            week = busiest_week(db)
        paths = write_report(db, week, output_dir)
    message(f"Wrote the report for week {week}: " + ", ".join(str(p) for p in paths))
