"""Fetching pages politely and keeping every response as evidence.

`Fetcher.fetch` downloads one URL with httpx and answers a `Fetched` record. On the way:

- every hop (the URL and each redirect) passes the SSRF guard, and the connection goes to
  exactly the addresses the guard checked (the request carries the real Host header and TLS
  server name), so a DNS answer that changes after the check cannot reach a private address;
- robots.txt is read once per origin and obeyed unless told otherwise (RFC 9309: a missing file
  allows everything, a server error forbids everything until the next run);
- requests to one host are spaced by `per_host_delay`, or the site's Crawl-delay if longer;
- connection failures, timeouts, 429 and 5xx are retried with exponential backoff (honouring
  Retry-After up to a minute);
- a body larger than `max_bytes` (declared or streamed, before and after decompression) and a
  response slower than `timeout` are refused;
- every response that arrives whole, redirects and errors included, is written to the WARC
  archive with its request before anything else looks at it.

Connections are not kept alive between requests: they are opened to a pinned address with a
per-host TLS name, and a pooled connection must never carry one host's request under another
host's certificate. Proxies from the environment are ignored for the same reason (the guard
would be checking the wrong address).

`page_document` turns a fetched page into a Document through the same trafilatura path as HTML
files from disk (`uprising.ingest.html`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import logging
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from uprising.archive.warc import ArchivedRecord, Exchange, WarcArchive
from uprising.errors import FetchError, InputError
from uprising.ingest.files import document_id, normalise_text
from uprising.ingest.html import decode_html, extract_html
from uprising.ingest.ssrf import (
    AddressGuard,
    BlockedAddressError,
    Resolver,
    Target,
    parse_allow_hosts,
)
from uprising.ingest.ssrf import system_resolver as _system_resolver
from uprising.records import Document

__all__ = [
    "FEED_ACCEPT",
    "PAGE_ACCEPT",
    "FetchError",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "decode_body",
    "media_type",
    "page_document",
]

LOGGER = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
               "text/xml;q=0.9")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0
_CHUNK = 65_536
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Only what we can decode ourselves: the archive keeps the body as received, so decoding is ours.
_ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How politely and how far to fetch; `from_settings` reads them from uprising's settings."""

    user_agent: str
    timeout: float = 30.0
    max_bytes: int = 5_242_880
    per_host_delay: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    max_redirects: int = 5
    respect_robots: bool = True
    allow_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, values: Mapping[str, Any], **overrides: Any) -> FetchSettings:
        """Build from the resolved settings table (`uprising.config.load_settings`)."""
        base: dict[str, Any] = {
            "user_agent": str(values["user_agent"]),
            "timeout": float(values["fetch_timeout"]),
            "max_bytes": int(values["max_bytes"]),
            "per_host_delay": float(values["per_host_delay"]),
            "allow_hosts": parse_allow_hosts(str(values["fetch_allow_hosts"])),
        }
        return cls(**{**base, **overrides})


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A response fetched whole with status 2xx, and where its evidence is kept."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes  # content-decoded
    payload_sha256: str  # hex sha256 of the payload as received (the WARC record's payload)
    fetched_at: dt.datetime
    archived: ArchivedRecord | None = None
    redirects: tuple[str, ...] = ()


class Fetcher:
    """Fetches URLs one at a time, politely, writing each response to the archive.

    The transport, resolver, clock and sleep are injectable so that tests run against a local
    server, or none, without waiting.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        archive: WarcArchive | None,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = _system_resolver,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._archive = archive
        self._guard = AddressGuard(allow_hosts=settings.allow_hosts, resolver=resolver)
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(settings.timeout),
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": _ACCEPT_ENCODING},
        )

    @property
    def archive(self) -> WarcArchive | None:
        """Where every response is written, or None when nothing is archived."""
        return self._archive

    def close(self) -> None:
        """Close the connections; the archive stays open (its owner closes it)."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, accept: str = PAGE_ACCEPT) -> Fetched:
        """Fetch `url`, following redirects, and return the final 2xx response.

        Raises:
            FetchError: refused by the guard or robots.txt, unreachable, too slow or too large,
                too many redirects, or a final status other than 2xx (`status` is set).
        """
        return self._follow(url, accept=accept, robots=self.settings.respect_robots)

    def _follow(self, url: str, *, accept: str, robots: bool) -> Fetched:
        try:
            current = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"is not a valid URL ({exc})") from None
        hops: list[str] = []
        for _ in range(self.settings.max_redirects + 1):
            shown = str(current)
            try:
                target = self._guard.check(current)
            except BlockedAddressError as exc:
                raise FetchError(shown, f"refused: {exc.reason}",
                                 hint="only public addresses are fetched") from exc
            except OSError as exc:
                raise FetchError(shown, f"cannot resolve the host ({exc})",
                                 retryable=True) from exc
            if robots and not self._robots_allow(current):
                raise FetchError(shown, "disallowed by the site's robots.txt",
                                 hint="use --ignore-robots only for pages you may fetch")
            response, payload, body, archived, fetched_at = self._with_retries(
                current, target, accept
            )
            location = response.headers.get("Location")
            if response.status_code in _REDIRECTS and location:
                hops.append(shown)
                current = current.join(location)
                continue
            if not 200 <= response.status_code < 300:
                raise FetchError(
                    shown, f"answered HTTP {response.status_code}", status=response.status_code,
                    retryable=response.status_code in _RETRY_STATUSES,
                )
            return Fetched(
                url=url,
                final_url=shown,
                status=response.status_code,
                content_type=response.headers.get("Content-Type"),
                body=body,
                payload_sha256=hashlib.sha256(payload).hexdigest(),
                fetched_at=fetched_at,
                archived=archived,
                redirects=tuple(hops),
            )
        raise FetchError(url, f"redirects more than {self.settings.max_redirects} times")

    def _with_retries(
        self, url: httpx.URL, target: Target, accept: str
    ) -> tuple[httpx.Response, bytes, bytes, ArchivedRecord | None, dt.datetime]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            self._wait_turn(target.host)
            last = attempt == attempts - 1
            try:
                result = self._exchange(url, target, accept)
            except FetchError as exc:
                if not exc.retryable or last:
                    raise
                LOGGER.info("%s; retrying", exc.reason)
                self._sleep(self.settings.backoff * 2**attempt)
                continue
            response = result[0]
            if response.status_code in _RETRY_STATUSES and not last:
                wait = _retry_after(response.headers.get("Retry-After"))
                self._sleep(max(wait or 0.0, self.settings.backoff * 2**attempt))
                continue
            return result
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _exchange(
        self, url: httpx.URL, target: Target, accept: str
    ) -> tuple[httpx.Response, bytes, bytes, ArchivedRecord | None, dt.datetime]:
        shown = str(url)
        headers = {"Host": url.netloc.decode("ascii"), "Accept": accept}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        for index, address in enumerate(target.addresses):
            fetched_at = dt.datetime.now(dt.UTC)
            request = self._client.build_request(
                "GET", url.copy_with(host=address), headers=headers, extensions=extensions
            )
            try:
                response = self._client.send(request, stream=True)
            except httpx.ConnectError as exc:
                if index + 1 < len(target.addresses):
                    continue
                raise FetchError(shown, f"cannot connect ({type(exc).__name__})",
                                 retryable=True) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(shown, f"timed out after {self.settings.timeout:g} s",
                                 retryable=True) from exc
            except httpx.HTTPError as exc:
                raise FetchError(shown, f"failed ({type(exc).__name__})", retryable=True) from exc
            try:
                payload = self._read(shown, response)
            finally:
                response.close()
            # Archived before decoding: a body that will not decode is evidence too.
            archived = self._keep(url, request, response, payload, fetched_at, address)
            body = decode_body(payload, response.headers.get("Content-Encoding"),
                               max_bytes=self.settings.max_bytes, url=shown)
            LOGGER.info("fetched %s: HTTP %d, %d bytes", shown, response.status_code, len(payload))
            return response, payload, body, archived, fetched_at
        raise FetchError(shown, "has no address to connect to", retryable=True)

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"is {int(declared)} bytes, larger than max_bytes ({limit})",
                             hint="raise the max_bytes setting to fetch it")
        deadline = self._clock() + self.settings.timeout
        chunks: list[bytes] = []
        size = 0
        # A transport may answer with the body already read (httpx.MockTransport does).
        stream = [response.content] if response.is_stream_consumed else response.iter_raw(_CHUNK)
        try:
            for chunk in stream:
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"is larger than max_bytes ({limit})",
                                     hint="raise the max_bytes setting to fetch it")
                if self._clock() > deadline:
                    raise FetchError(url, f"took longer than {self.settings.timeout:g} s",
                                     retryable=True)
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.settings.timeout:g} s",
                             retryable=True) from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"broke off ({type(exc).__name__})", retryable=True) from exc
        return b"".join(chunks)

    def _keep(
        self, url: httpx.URL, request: httpx.Request, response: httpx.Response, payload: bytes,
        fetched_at: dt.datetime, address: str,
    ) -> ArchivedRecord | None:
        if self._archive is None:
            return None
        # The body is stored de-chunked, as httpx hands it over; a header promising chunks would
        # make the record unreadable to replay tools.
        kept = [(k, v) for k, v in _as_sent(response.headers.raw)
                if k.lower() != "transfer-encoding"]
        return self._archive.write(Exchange(
            url=str(url),
            method=request.method,
            request_target=url.raw_path.decode("ascii"),
            request_headers=_as_sent(request.headers.raw),
            http_version=response.http_version,
            status=response.status_code,
            reason=response.reason_phrase,
            response_headers=kept,
            payload=payload,
            fetched_at=fetched_at,
            ip_address=address,
        ))

    def _wait_turn(self, host: str) -> None:
        delay = self.settings.per_host_delay
        parser = self._robots.get(host)
        if parser is not None:
            delay = max(delay, float(parser.crawl_delay(self.settings.user_agent) or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _robots_allow(self, url: httpx.URL) -> bool:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        parser = self._robots.get(url.host)
        if parser is None or getattr(parser, "origin", None) != origin:
            parser = self._load_robots(origin)
            self._robots[url.host] = parser
        return bool(parser.can_fetch(self.settings.user_agent, str(url)))

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        parser.origin = origin  # type: ignore[attr-defined]  # which origin this file rules
        try:
            found = self._follow(origin + "/robots.txt", accept="text/plain", robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])  # RFC 9309 2.3.1.3: unavailable, crawl freely
            else:
                LOGGER.warning("robots.txt of %s unreachable (%s); not fetching from it",
                               origin, exc.reason)
                # RFC 9309 2.3.1.4: unreachable, assume everything forbidden.
                parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(found.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _as_sent(raw: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    """Header names and values in the case and bytes they had on the wire (HTTP's latin-1)."""
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta or HTTP date), capped at a minute."""
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value.strip()), _MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    seconds = (when - dt.datetime.now(dt.UTC)).total_seconds()
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)


def decode_body(payload: bytes, encoding: str | None, *, max_bytes: int, url: str) -> bytes:
    """Undo the Content-Encoding of a payload, refusing output larger than `max_bytes`.

    Raises:
        FetchError: an encoding other than gzip, deflate or identity, a corrupt stream, or
            output past the limit (a small compressed body may expand enormously).
    """
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    body = payload
    for coding in reversed(codings):  # applied in the order listed, so undone in reverse
        if coding == "identity":
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(url, f'uses the content encoding "{coding}", which is not read')
        wbits = zlib.MAX_WBITS | 16 if coding != "deflate" else _deflate_wbits(body)
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error as exc:
            raise FetchError(url, f"has a corrupt {coding} body ({exc})") from None
        if len(out) > max_bytes:
            raise FetchError(url, f"expands past max_bytes ({max_bytes})",
                             hint="raise the max_bytes setting to fetch it")
        body = out
    return body


def _deflate_wbits(data: bytes) -> int:
    # "deflate" is meant to be zlib-wrapped, but many servers send a raw stream.
    if len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
        return zlib.MAX_WBITS
    return -zlib.MAX_WBITS


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header, lower-cased; ("", None) when absent."""
    if not content_type:
        return "", None
    kind, *params = (part.strip() for part in content_type.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return kind.lower(), charset


def page_document(fetched: Fetched) -> Document:
    """The Document of a fetched page: main text and metadata by trafilatura, or plain text.

    Raises:
        FetchError: the response is not HTML or plain text.
        InputError: the page holds no main text, or its bytes cannot be decoded.
    """
    url = fetched.final_url
    kind, charset = media_type(fetched.content_type)
    if kind in _HTML_TYPES or (not kind and fetched.body.lstrip()[:1] == b"<"):
        html = _decode(fetched.body, charset, url) if charset else None
        content = extract_html(html or decode_html(fetched.body, path=url), path=url, url=url)
        text = normalise_text(content.text)
        return Document(
            id=document_id(text), text=text, published=content.published,
            url=content.url or url, publisher=content.publisher, language=content.language,
            title=content.title, origin=url, raw_sha256=hashlib.sha256(fetched.body).hexdigest(),
        )
    if kind == "text/plain":
        text = normalise_text(_decode(fetched.body, charset or "utf-8", url) or "")
        if not text:
            raise InputError("holds no text", path=url)
        return Document(id=document_id(text), text=text, url=url, origin=url,
                        raw_sha256=hashlib.sha256(fetched.body).hexdigest())
    raise FetchError(url, f'is not a web page (content type "{kind}")',
                     hint="give the URL of an HTML page or a plain-text report")


def _decode(body: bytes, charset: str, url: str) -> str | None:
    """Decode with the charset the server declared; None when it names no codec we know."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        LOGGER.debug("%s: unknown charset %s in Content-Type", url, charset)
        return None
    try:
        return body.decode("utf-8-sig" if name == "utf-8" else name)
    except UnicodeDecodeError:
        raise InputError(f'is not valid {charset} text, as its Content-Type says', path=url,
                         hint="the server's charset is wrong; save the page and ingest it"
                         ) from None
