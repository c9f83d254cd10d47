"""`uprising extract-dask` and `uprising load`: extraction on a Dask cluster, bulk loads.

`uprising extract` stays the single-process path; these two are for archives past one machine:
see docs/scale.md.
"""

from __future__ import annotations

import click

from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.scale.parts import FORMATS
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

__all__ = ["extract_dask_command", "load_command"]


@click.command("extract-dask")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Folder for the partitioned output (extractions/, documents/, errors/, "
                   "manifest.json); earlier output there is replaced.")
@click.option("--engine", type=click.Choice(["dask"]), default="dask", show_default=True,
              help="The distributed engine to run on (Dask is the one supported).")
@click.option("--scheduler", default="local", show_default=True, metavar="ADDRESS|local",
              help="A Dask scheduler address (tcp://HOST:8786), or `local` for a LocalCluster "
                   "on this machine.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with a scheduler address).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Format of the output partitions.")
@click.option("--partition-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Input lines (or Parquet row groups) per partition: one task each.")
@fail_cleanly
def extract_dask_command(inputs: tuple[str, ...], output: str, engine: str, scheduler: str,
                         workers: int, fmt: str, partition_size: int) -> None:
    """Extract INPUTS (JSONL or Parquet contract input) on Dask workers into OUTPUT/.

    The records are those `uprising extract` writes for the same lines; malformed lines go to
    OUTPUT/errors/ with their file, partition and line, and the run goes on.
    """
    from uprising.scale.dask_extract import run_dask_extract  # Dask loads only when asked

    del engine  # one choice today; the option names the engine so scripts stay explicit
    summary = run_dask_extract(list(inputs), output, scheduler=scheduler, workers=workers,
                               fmt=fmt, partition_size=partition_size)
    message(f"extracted {summary.documents} documents in {summary.partitions} partitions "
            f"({summary.documents_per_second:.0f} documents/s, {summary.mb_per_second:.2f} MB/s); "
            f"{summary.errors} malformed line(s) in {output}/errors/")


@click.command("load")
@click.argument("output", type=click.Path(file_okay=False, exists=True))
@database_option
@fail_cleanly
def load_command(output: str, database_url: str | None) -> None:
    """Bulk-load the output of `uprising extract-dask` in OUTPUT/ into the database.

    Idempotent (rows are keyed by content hashes) and resumable: partitions already loaded are
    skipped. PostgreSQL loads with COPY.
    """
    from uprising.scale.load import load_output

    url = resolve_database_url(database_url)
    summary = load_output(output, url)
    if summary.rows:
        with Database.open(url) as db:
            SecurityStore(db.engine).audit(
                actor="cli", action="load", target="documents",
                detail={"partitions": summary.partitions_loaded, "rows": summary.rows})
    message(f"loaded {summary.partitions_loaded} partitions ({summary.rows} rows, "
            f"{summary.rows_per_second:.0f} rows/s); {summary.partitions_skipped} already loaded")
