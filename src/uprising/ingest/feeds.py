"""RSS and Atom feeds: what a feed lists, and how `watch` remembers what it has seen.

`parse_feed` reads a fetched feed's bytes with feedparser (never a URL: feedparser given a string
would fetch it itself, past the SSRF guard and the archive). Each item gets a key, the sha256 of
its id, else its link, else its title and date, so a feed that re-orders or re-dates its items
does not make them new; the feed's own key is the sha256 of its URL. Only the hashes are stored.

An item with a link is ingested by fetching the page it links to. An item without one, or
without an http(s) one, becomes a document of its own text (`item_document`): its evidence is
then the archived feed response itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

import feedparser
import trafilatura

from uprising.errors import InputError
from uprising.ingest.files import document_id, normalise_text
from uprising.records import Document

__all__ = ["Feed", "FeedItem", "feed_key", "item_document", "item_key", "parse_feed"]

LOGGER = logging.getLogger(__name__)

_LINK_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One entry of a feed, as much of it as ingest needs."""

    key: str  # sha256 hex of the item's id, link, or title and date
    link: str | None  # an absolute http(s) URL, or None
    title: str | None = None
    published: dt.date | None = None
    text: str | None = None  # the entry's own content or summary, as plain text


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A parsed feed: its URL, key, title and items in the feed's order."""

    url: str
    key: str
    title: str | None
    language: str | None
    items: tuple[FeedItem, ...]


def feed_key(url: str) -> str:
    """The stored key of a feed: sha256 hex of its URL as given."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def item_key(entry_id: str | None, link: str | None, title: str | None, date: str | None) -> str:
    """The stored key of an item: sha256 hex of its id, else its link, else title and date."""
    basis = entry_id or link or "\x1f".join((title or "", date or ""))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def parse_feed(
    body: bytes, *, url: str, base_url: str | None = None, content_type: str | None = None
) -> Feed:
    """Read an RSS or Atom feed from its bytes.

    `url` is the feed's address as given (its key); relative links are resolved against
    `base_url`, where it was finally fetched from after redirects (default: `url`).

    Raises:
        TypeError: `body` is not bytes (a string would be taken for a URL by feedparser).
        InputError: the bytes are not a feed with at least a title or an entry.
    """
    if not isinstance(body, bytes):
        raise TypeError(f"parse_feed takes the feed's bytes, not {type(body).__name__}")
    headers = {"content-location": base_url or url}
    if content_type:
        headers["content-type"] = content_type
    parsed: Any = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    meta = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    if not entries and not meta.get("title"):
        problem = parsed.get("bozo_exception")
        raise InputError(
            "is not an RSS or Atom feed" + (f" ({type(problem).__name__})" if problem else ""),
            path=url,
            hint="give the address of the feed itself (often ending in /feed, .rss or .xml)",
        )
    items = tuple(_item(entry) for entry in entries)
    LOGGER.info("feed %s lists %d items", url, len(items))
    return Feed(
        url=url,
        key=feed_key(url),
        title=_clean(meta.get("title")),
        language=_clean(meta.get("language")),
        items=items,
    )


def _item(entry: Any) -> FeedItem:
    link = _clean(entry.get("link"))
    if link is not None and not link.lower().startswith(_LINK_SCHEMES):
        link = None
    date = entry.get("published_parsed") or entry.get("updated_parsed")
    raw_date = _clean(entry.get("published")) or _clean(entry.get("updated"))
    return FeedItem(
        key=item_key(_clean(entry.get("id")), link, _clean(entry.get("title")), raw_date),
        link=link,
        title=_clean(entry.get("title")),
        published=_day(date),
        text=_entry_text(entry),
    )


def _entry_text(entry: Any) -> str | None:
    contents = entry.get("content") or []
    html = next((c.get("value") for c in contents if c.get("value")), None)
    html = html or entry.get("summary")
    if not isinstance(html, str) or not html.strip():
        return None
    if "<" not in html:
        return normalise_text(html) or None
    text = trafilatura.html2txt(html)
    return normalise_text(text) if isinstance(text, str) and text.strip() else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _clean(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def item_document(item: FeedItem, feed: Feed, *, raw_sha256: str | None = None) -> Document:
    """A Document of an item's own text, for items that link to no page.

    Raises:
        InputError: the item carries no text.
    """
    if not item.text:
        raise InputError("lists an item with neither a link nor any text", path=feed.url,
                         field=f"item {item.key[:12]}")
    return Document(
        id=document_id(item.text),
        text=item.text,
        published=item.published,
        url=item.link,
        publisher=feed.title,
        language=feed.language,
        title=item.title,
        origin=feed.url,
        raw_sha256=raw_sha256,
    )
