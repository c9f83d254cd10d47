"""`uprising demo`: the whole path once, on the bundled sample reports."""

from __future__ import annotations

from pathlib import Path

import click

from uprising.analysis.tally import build_tally
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.cli.publish import figures_from, render_tally, write_report
from uprising.cli.store import process_all
from uprising.ingest import read_paths
from uprising.reports import UPRISING_START
from uprising.storage import Database

__all__ = ["demo_command"]


@click.command("demo")
@click.option("--samples", "samples_dir", type=click.Path(exists=True, file_okay=False),
              default="samples", show_default=True, help="Folder of reports to load.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("reports"), show_default=True, help="Folder for the weekly report.")
@click.option("--week", type=click.IntRange(min=1), default=None,
              help="Week to report on (default: the week of the latest sample report).")
@database_option
@fail_cleanly
def demo_command(samples_dir: str, output_dir: Path, week: int | None,
                 database_url: str | None) -> None:
    """Create the database, ingest the samples, extract, print the tally, write a report."""
    url = resolve_database_url(database_url)
    documents = read_paths([samples_dir])
    with Database.open(url) as db:
        result = db.add_documents(documents)
        message(f"Ingested {len(result.added)} new sample report(s) "
                f"({len(result.duplicates)} already stored).")
        done, claims, failed = process_all(db)
        message(f"Extracted {done} document(s): {claims} claims; {failed} component error(s).")
        click.echo(render_tally(build_tally(figures_from(db)), "table"), nl=False)
        if week is None:
            latest = max((d.published for d in documents if d.published), default=None)
            week = 1 if latest is None else max(1, (latest - UPRISING_START).days // 7 + 1)
        path = write_report(db, week, output_dir)
    message(f"Wrote the report for week {week}: {path}")
