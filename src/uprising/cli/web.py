"""`uprising fetch`, `watch` and `archive`: reports from the web, kept as evidence.

The commands are thin; `fetch_pages` and `watch_feeds` do the work and are importable (the
benchmark and the tests call them). Each fetched page is archived by the fetcher before it is
read, then stored with a link to its WARC record in one transaction per batch.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from uprising.archive.warc import WarcArchive, read_record, verify_record
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.cli.common import settings as load_cli_settings
from uprising.errors import InputError, UprisingError
from uprising.ingest.feeds import Feed, FeedItem, item_document, parse_feed
from uprising.ingest.web import (
    FEED_ACCEPT,
    Fetched,
    Fetcher,
    FetchError,
    FetchSettings,
    decode_body,
    page_document,
)
from uprising.records import Document
from uprising.storage import Database
from uprising.storage.repository import WarcLink
from uprising.storage.security_repo import SecurityStore

__all__ = [
    "FetchSummary",
    "archive_group",
    "fetch_command",
    "fetch_pages",
    "parse_every",
    "watch_command",
    "watch_feeds",
]

LOGGER = logging.getLogger(__name__)

_EVERY = re.compile(r"(\d+)\s*([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(slots=True)
class FetchSummary:
    """What one fetch or watch pass did; failures are (URL, reason) pairs."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (document id, URL)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seen: int = 0  # feed items skipped because an earlier pass saw them


def _link(fetched: Fetched) -> WarcLink:
    if fetched.archived is None:
        raise TypeError("only fetches written to an archive can be stored with their evidence")
    return WarcLink(record=str(fetched.archived.ref), sha256=fetched.payload_sha256)


def _store(db: Database, pairs: list[tuple[Document, WarcLink]], summary: FetchSummary,
           **seen: Any) -> None:
    result = db.add_archived_documents(pairs, **seen)
    if result.added:
        SecurityStore(db.engine).audit(actor="cli", action="ingest", target="documents",
                                       detail={"added": list(result.added), "from": "web"})
    added = set(result.added)
    for doc, _ in pairs:
        target = summary.added if doc.id in added else summary.duplicates
        target.append((doc.id, doc.url or doc.origin or ""))
        added.discard(doc.id)  # a page repeated in one batch is added once


def fetch_pages(
    db: Database, fetcher: Fetcher, urls: Sequence[str], *, batch_size: int = 200,
    progress: bool = False,
) -> FetchSummary:
    """Fetch each URL, extract its page and store it with its WARC link, in batches.

    A URL that fails is reported in the summary and the others go on.
    """
    summary = FetchSummary()
    pending: list[tuple[Document, WarcLink]] = []
    for url in tqdm(urls, disable=not progress, unit="page", file=sys.stderr):
        try:
            fetched = fetcher.fetch(url)
            pending.append((page_document(fetched), _link(fetched)))
        except (FetchError, InputError) as exc:
            summary.failures.append((url, _reason(exc)))
            continue
        if len(pending) >= batch_size:
            _store(db, pending, summary)
            pending = []
    if pending:
        _store(db, pending, summary)
    return summary


def watch_feeds(db: Database, fetcher: Fetcher, feeds: Sequence[str]) -> FetchSummary:
    """One pass over the feeds: ingest the items no earlier pass has seen.

    An item whose page failed for good (refused, 404, no main text) is marked seen; one that
    failed for now (timeout, 5xx) is tried again on the next pass.
    """
    summary = FetchSummary()
    for url in feeds:
        try:
            fetched = fetcher.fetch(url, accept=FEED_ACCEPT)
            feed = parse_feed(fetched.body, url=url, base_url=fetched.final_url,
                              content_type=fetched.content_type)
        except (FetchError, InputError) as exc:
            summary.failures.append((url, _reason(exc)))
            continue
        seen = db.seen_feed_items(feed.key, [item.key for item in feed.items])
        fresh = list({item.key: item for item in feed.items if item.key not in seen}.values())
        summary.seen += len(feed.items) - len(fresh)
        pairs: list[tuple[Document, WarcLink]] = []
        done: list[str] = []
        for item in fresh:
            try:
                pairs.append(_item_pair(fetcher, feed, item, fetched))
            except (FetchError, InputError) as exc:
                summary.failures.append((item.link or url, _reason(exc)))
                if isinstance(exc, FetchError) and exc.retryable:
                    continue
            done.append(item.key)
        _store(db, pairs, summary, feed_hash=feed.key, seen_items=done)
    return summary


def _item_pair(
    fetcher: Fetcher, feed: Feed, item: FeedItem, feed_fetched: Fetched
) -> tuple[Document, WarcLink]:
    if item.link is None:
        # The item's own text is the evidence: it lies in the archived feed response.
        raw = hashlib.sha256(feed_fetched.body).hexdigest()
        return item_document(item, feed, raw_sha256=raw), _link(feed_fetched)
    fetched = fetcher.fetch(item.link)
    return page_document(fetched), _link(fetched)


def _reason(exc: UprisingError) -> str:
    return str(exc).split("\nHint:", 1)[0]


def parse_every(text: str) -> int:
    """Seconds of a poll interval written like 90, 90s, 15m, 6h or 1d.

    Raises:
        InputError: not such a duration, or shorter than one second.
    """
    match = _EVERY.fullmatch(text.strip().lower())
    if match is None or int(match.group(1)) < 1:
        raise InputError(f'"{text[:40]}" is not a poll interval', field="--every",
                         hint="write it as e.g. 30m, 6h or 1d (at least 1s)")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


# -- commands -----------------------------------------------------------------------------


def _fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--ignore-robots", is_flag=True,
                        help="Fetch even what the site's robots.txt disallows.")(func)
    func = click.option("--archive-dir", metavar="DIR", default=None,
                        help="Folder of the evidence archive (default: setting archive_dir).")(func)
    return database_option(func)


def _open(archive_dir: str | None, ignore_robots: bool) -> tuple[dict[str, Any], Fetcher]:
    values = load_cli_settings()
    root = Path(archive_dir or str(values["archive_dir"]))
    overrides = {"respect_robots": False} if ignore_robots else {}
    fetch_settings = FetchSettings.from_settings(values, **overrides)
    return values, Fetcher(fetch_settings, archive=WarcArchive(root))


def _close(fetcher: Fetcher) -> None:
    fetcher.close()
    if fetcher.archive is not None:
        fetcher.archive.close()


def _report(summary: FetchSummary, what: str) -> None:
    for doc_id, url in summary.added:
        click.echo(f"{doc_id}\tnew\t{url}")
    for doc_id, url in summary.duplicates:
        click.echo(f"{doc_id}\tduplicate\t{url}")
    for url, reason in summary.failures:
        message(f"Failed: {reason}" if reason.startswith(url) else f"Failed: {url}: {reason}")
    seen = f"; {summary.seen} item(s) seen before" if summary.seen else ""
    message(f"{what}: {len(summary.added)} new document(s), {len(summary.duplicates)} already "
            f"stored, {len(summary.failures)} failed{seen}.")


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@_fetch_options
@fail_cleanly
def fetch_command(urls: tuple[str, ...], database_url: str | None, archive_dir: str | None,
                  ignore_robots: bool) -> None:
    """Fetch web pages at URLS, archive every response as WARC, and store their reports.

    Prints one line per page on stdout: document id, new or duplicate, URL. Exit status 1 when
    any URL failed (the others are stored).
    """
    values, fetcher = _open(archive_dir, ignore_robots)
    try:
        with Database.open(resolve_database_url(database_url)) as db:
            summary = fetch_pages(db, fetcher, urls, batch_size=int(values["batch_size"]),
                                  progress=sys.stderr.isatty())
    finally:
        _close(fetcher)
    _report(summary, "Fetched")
    if summary.failures:
        sys.exit(1)


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", metavar="INTERVAL", default=None,
              help="Poll again every INTERVAL (e.g. 30m, 6h) until stopped.")
@click.option("--passes", type=click.IntRange(min=1), default=None,
              help="Stop after this many passes (default: 1, or endless with --every).")
@_fetch_options
@fail_cleanly
def watch_command(feeds: tuple[str, ...], every: str | None, passes: int | None,
                  database_url: str | None, archive_dir: str | None,
                  ignore_robots: bool) -> None:
    """Ingest the items of RSS or Atom FEEDS not seen before, each page archived as WARC.

    What was seen is remembered in the database, so a second pass ingests only new items.
    """
    interval = parse_every(every) if every is not None else None
    limit = passes if passes is not None else (None if interval else 1)
    _, fetcher = _open(archive_dir, ignore_robots)
    done = 0
    try:
        with Database.open(resolve_database_url(database_url)) as db:
            while limit is None or done < limit:
                if done and interval:
                    time.sleep(interval)
                summary = watch_feeds(db, fetcher, feeds)
                done += 1
                _report(summary, f"Pass {done}")
    finally:
        _close(fetcher)


@click.group("archive")
def archive_group() -> None:
    """Replay and check the evidence archive of fetched documents."""


def _resolve_id(db: Database, given: str) -> str:
    if db.document(given) is not None:
        return given
    for prefix in (given, f"sha256:{given}"):
        found = db.document_ids_starting(prefix)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(f'"{given[:80]}" starts more than one document id', field="DOC",
                             hint="give more of the id")
    raise InputError(f'no stored document has the id "{given[:80]}"', field="DOC",
                     hint="ids are printed by `uprising fetch`")


@archive_group.command("show")
@click.argument("doc")
@click.option("--raw", is_flag=True,
              help="Write the payload exactly as received (still gzip-encoded, if it was).")
@click.option("--archive-dir", metavar="DIR", default=None,
              help="Folder of the evidence archive (default: setting archive_dir).")
@database_option
@fail_cleanly
def show_command(doc: str, raw: bool, archive_dir: str | None, database_url: str | None) -> None:
    """Replay what was fetched for document DOC (its id, or the start of it).

    The record's URL, time, address, status and headers go to stderr with the payload check;
    the body goes to stdout.
    """
    values = load_cli_settings()
    root = Path(archive_dir or str(values["archive_dir"]))
    with Database.open(resolve_database_url(database_url)) as db:
        doc_id = _resolve_id(db, doc)
        link = db.warc_link(doc_id)
    if link is None:
        raise InputError(f"document {doc_id} was not fetched from the web: it has no WARC record",
                         field="DOC")
    replay = read_record(root, link.record)
    holds = replay.payload_sha256 == link.sha256 and replay.digest_holds
    message(f"WARC record {replay.ref} ({replay.record_id})")
    message(f"URL: {replay.url}\nFetched: {replay.date}\nAddress: {replay.ip_address or '-'}")
    message(replay.status_line)
    for key, value in replay.headers:
        message(f"{key}: {value}")
    message(f"Payload sha256 {replay.payload_sha256}: "
            + ("matches the database and the record's digest" if holds else "DOES NOT MATCH"))
    body = replay.payload
    if not raw:
        body = decode_body(body, replay.header("Content-Encoding"),
                           max_bytes=max(int(values["max_bytes"]), len(body)) * 100,
                           url=replay.url)
    click.echo(body, nl=False)  # bytes go to the binary stream as they are
    if not holds:
        sys.exit(1)


@archive_group.command("verify")
@click.option("--archive-dir", metavar="DIR", default=None,
              help="Folder of the evidence archive (default: setting archive_dir).")
@database_option
@fail_cleanly
def verify_command(archive_dir: str | None, database_url: str | None) -> None:
    """Check that every fetched document's WARC record holds the payload hash stored for it."""
    root = Path(archive_dir or str(load_cli_settings()["archive_dir"]))
    with Database.open(resolve_database_url(database_url)) as db:
        links = db.archived_documents()
    bad = 0
    for doc_id, link in links:
        try:
            verify_record(root, link.record, link.sha256)
        except UprisingError as exc:
            bad += 1
            message(f"Mismatch: document {doc_id}: {_reason(exc)}")
    message(f"Checked {len(links)} archived document(s): {len(links) - bad} match, {bad} do not.")
    if bad:
        sys.exit(1)
