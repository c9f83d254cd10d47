"""The `uprising` command: a click group whose commands live one module per group."""

from __future__ import annotations

import logging

import click

from uprising import __version__
from uprising.cli.audit import audit_group
from uprising.cli.backup import backup_command, restore_command
from uprising.cli.demo import demo_command
from uprising.cli.extract import explain_command, extract_command
from uprising.cli.numbers import numbers_command
from uprising.cli.places import places_command
from uprising.cli.publish import export_command, report_command, tally_command
from uprising.cli.registry import incidents_command, persons_command
from uprising.cli.review import review_group
from uprising.cli.scale import extract_dask_command, load_command
from uprising.cli.serve import serve_command
from uprising.cli.store import ingest_command, init_command, process_command
from uprising.cli.users import key_group, user_group
from uprising.cli.web import archive_group, fetch_command, watch_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="uprising")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does (to stderr).")
def cli(verbose: bool) -> None:
    """Document a popular uprising from the reports that describe it.

    Ingest reports, extract the figures, people and incidents they assert (each tied to its
    quote), keep them with provenance in a database, and publish tallies and weekly reports.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


for command in (
    init_command,
    ingest_command,
    extract_command,
    process_command,
    tally_command,
    report_command,
    export_command,
    demo_command,
    explain_command,
    numbers_command,
    places_command,
    persons_command,
    incidents_command,
    review_group,
    fetch_command,
    watch_command,
    archive_group,
    serve_command,
    extract_dask_command,
    load_command,
    user_group,
    key_group,
    audit_group,
    backup_command,
    restore_command,
):
    cli.add_command(command)
