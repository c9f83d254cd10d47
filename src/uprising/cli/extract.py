"""`uprising extract` and `uprising explain`: the pure extractor, file in, file out."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import click

from uprising.cli.common import database_option, fail_cleanly, resolve_database_url
from uprising.errors import InputError, InputFileError
from uprising.extract.pipeline import default_pipeline
from uprising.ingest.contract import read_contract_lines
from uprising.records import Document
from uprising.storage import Database

__all__ = ["explain_command", "extract_command"]


@click.command("extract")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Where to write the extraction records (JSONL); standard output by default.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to extract with; the output is the same for any number.")
@fail_cleanly
def extract_command(source: str, output: str, workers: int) -> None:
    """Extract records from SOURCE, a JSONL file of the contract's input lines.

    Writes one output line per input line, in the same order, in the form of
    shared/spec/extraction.md. Touches no database. The input is checked in full before any
    output is written.
    """
    documents = list(_documents(source))
    with click.open_file(output, "w", encoding="utf-8") as out:
        for line in extract_lines(documents, workers=workers):
            out.write(line)


def _extract_line(document: Document) -> str:
    record = default_pipeline().extract(document).to_contract()
    return json.dumps(record, ensure_ascii=False) + "\n"


def extract_lines(documents: list[Document], *, workers: int = 1) -> Iterator[str]:
    """Contract output lines for `documents`, in order; `workers` > 1 spreads them over
    processes, each of which builds the pipeline (gazetteer, lexicons) once."""
    if workers <= 1 or len(documents) < 2:
        yield from map(_extract_line, documents)
        return
    default_pipeline()  # built before the fork, so each worker starts with it loaded
    chunk = max(1, min(64, len(documents) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_extract_line, documents, chunksize=chunk)


def _documents(source: str) -> Iterator[Document]:
    yield from read_contract_lines(source)


@click.command("explain")
@click.argument("text", required=False)
@click.option("--id", "document_id", help="Explain a stored document instead of TEXT.")
@click.option("--published", help="Publication date for TEXT (YYYY-MM-DD).")
@database_option
@fail_cleanly
def explain_command(text: str | None, document_id: str | None, published: str | None,
                    database_url: str | None) -> None:
    """Show what the extractor found in TEXT (or a stored document) and why."""
    from uprising.ingest.contract import parse_day

    if document_id:
        with Database.open(resolve_database_url(database_url)) as db:
            document = db.document(document_id)
        if document is None:
            raise InputError("no stored document has this id", field="--id",
                             hint="list ids with `uprising tally --format json`")
    elif text:
        day = parse_day(published, path="--published", line=None, field="published") if published \
            else None
        document = Document(id="explain", text=text, published=day)
    else:
        raise InputFileError("give TEXT or --id", field="TEXT")
    analysis = default_pipeline().analyse(document)
    t = document.text
    click.echo("numbers:")
    for n in analysis.numbers:
        click.echo(f"  {t[n.start:n.end]!r} -> [{n.low}, {n.high}] {n.qualifier.value} "
                   f"({n.kind.value}, {n.rule})")
    click.echo("sources:")
    for s in analysis.sources:
        click.echo(f"  {t[s.start:s.end]!r} -> {s.source} ({s.kind}"
                   f"{', attributes' if s.attributes else ''})")
    click.echo("places:")
    for p in analysis.places:
        click.echo(f"  {t[p.start:p.end]!r} -> {p.place} {p.city or ''} "
                   f"({p.confidence:.2f}, {p.reason})")
    click.echo("dates:")
    for d in analysis.dates:
        click.echo(f"  {t[d.start:d.end]!r} -> {d.value.to_contract()} ({d.kind.value}, {d.rule})")
    click.echo("decisions:")
    for line in analysis.trace:
        click.echo(f"  {line}")
    click.echo("records:")
    click.echo(json.dumps(analysis.freeze(default_pipeline().version).to_contract(),
                          ensure_ascii=False, indent=1))
