"""`uprising init`, `ingest`, `process`: put reports in the database and extract them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from uprising.analysis.duplicates import ReportText, find_near_duplicates
from uprising.archive import RawStore
from uprising.cli.common import (
    database_option,
    fail_cleanly,
    message,
    resolve_database_url,
    settings,
)
from uprising.extract.pipeline import default_pipeline
from uprising.ingest import list_files, read_bytes, read_paths
from uprising.storage import Database, ProcessingError
from uprising.storage.duplicates import replace_duplicate_links, report_texts
from uprising.storage.security_repo import SecurityStore

__all__ = ["ingest_command", "init_command", "process_all", "process_command"]


@click.command("init")
@database_option
@fail_cleanly
def init_command(database_url: str | None) -> None:
    """Create the database (or bring it up to date) and say where it is."""
    url = resolve_database_url(database_url)
    with Database.open(url):
        pass
    message(f"Database ready: {_shown(url)}")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@database_option
@fail_cleanly
def ingest_command(paths: tuple[str, ...], database_url: str | None) -> None:
    """Read reports from PATHS (.txt, .md, .html, .jsonl; folders recursively) and store them.

    Everything is read and checked before anything is written, so a bad file leaves the
    database as it was. A report already stored (same content) is not added again.
    """
    documents = read_paths(paths)
    with Database.open(resolve_database_url(database_url)) as db:
        result = db.add_documents(documents)
        SecurityStore(db.engine).audit(actor="cli", action="ingest", target="documents",
                                       detail={"added": list(result.added)})
    keep_raw_files(paths)
    message(f"Ingested {len(result.added)} new document(s); "
            f"{len(result.duplicates)} already stored, nothing added for them.")


def keep_raw_files(paths: Sequence[str]) -> None:
    """Keep the bytes of every ingested file write-once, named by their hash: the evidence
    as it was received, whatever the text extraction made of it."""
    store = RawStore(Path(str(settings()["archive_dir"])))
    for path in paths:
        for file in list_files(path):
            store.keep(read_bytes(file))


def process_all(db: Database, *, everything: bool = False) -> tuple[int, int, int]:
    """Extract every document not yet extracted (or all); returns (documents, claims, errors)."""
    pipeline = default_pipeline()
    done = claims = failed = 0
    for batch in db.documents_to_process(pipeline.version, everything=everything):
        extractions = [pipeline.extract(doc) for doc in batch]
        db.save_extractions(extractions, pipeline.version)
        errors = [
            ProcessingError(document_id=e.document_id, component=err.split(":", 1)[0],
                            message=err)
            for e in extractions for err in e.errors
        ]
        if errors:
            db.record_errors(errors)
        done += len(batch)
        claims += sum(len(e.claims) for e in extractions)
        failed += len(errors)
    if done:
        link_near_duplicates(db)
    return done, claims, failed


def link_near_duplicates(db: Database) -> int:
    """Find syndicated copies among all stored reports and link each to the one that counts."""
    groups = find_near_duplicates(
        ReportText(id=doc_id, text=text, published=published)
        for doc_id, text, published in report_texts(db)
    )
    return replace_duplicate_links(db, [(member, g.canonical) for g in groups
                                        for member in g.members if member != g.canonical])


@click.command("process")
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every stored document, not only new ones.")
@database_option
@fail_cleanly
def process_command(everything: bool, database_url: str | None) -> None:
    """Extract claims, persons and incidents from stored documents not yet extracted."""
    with Database.open(resolve_database_url(database_url)) as db:
        done, claims, failed = process_all(db, everything=everything)
        SecurityStore(db.engine).audit(
            actor="cli", action="extraction-run", target="documents",
            detail={"documents": done, "claims": claims, "errors": failed,
                    "extractor": default_pipeline().version})
    message(f"Extracted {done} document(s) with {default_pipeline().version}: {claims} claims"
            f"; {failed} component error(s) recorded.")


def _shown(url: str) -> str:
    """A URL without its password, fit for a terminal."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
