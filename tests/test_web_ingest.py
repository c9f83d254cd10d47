"""Fetching and watching (issue 9) against a loopback server the tests start themselves.

The server is the standard library's http.server on 127.0.0.1, port 0, in a thread; it is reached
only because the tests name 127.0.0.1 in the fetch_allow_hosts setting.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from uprising.archive import WarcArchive, iter_records, read_record, verify_record
from uprising.cli.web import archive_group, fetch_command, fetch_pages, watch_command, watch_feeds
from uprising.errors import InputError
from uprising.ingest.web import Fetcher, FetchError, FetchSettings, page_document
from uprising.storage import Database

ALLOW = frozenset({"127.0.0.1"})
FEED_ITEMS = 50
BIG = 10 * 1024 * 1024


def _article(n: int, extra: str = "") -> str:
    sentences = " ".join(
        f"Report {n}, paragraph {i}: witnesses in the city described the events of the day "
        f"to the correspondent, who checked each account with a second source." for i in range(4)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report {n}</title>'
        f'<meta property="og:site_name" content="Loopback Wire"></head><body>'
        f"<nav>Home | World | About</nav><article><h1>Report {n}</h1><p>{sentences}</p>"
        f"<p>{extra}At least {n + 10} people were detained on the evening of report {n}.</p>"
        f"</article><footer>Copyright Loopback Wire</footer></body></html>"
    )


def _feed(base: str) -> str:
    items = []
    for n in range(1, FEED_ITEMS - 1):
        items.append(f"<item><title>Item {n}</title><link>{base}/page/{n}</link>"
                     f"<guid>urn:item:{n}</guid><pubDate>Mon, 03 Oct 2022 10:00:00 GMT</pubDate>"
                     "</item>")
    items.append("<item><title>Gone</title><link>/missing</link><guid>urn:item:gone</guid></item>")
    items.append("<item><title>Note</title><guid>urn:item:note</guid><description>The feed "
                 "itself says that 7 students were arrested in the capital on Sunday."
                 "</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Loopback Feed</title><link>{base}/</link><language>en</language>"
            + "".join(items) + "</channel></rss>")


class Site:
    """What the loopback server serves, and what it saw."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.base = ""

    def route(self, path: str) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path.startswith(("/page/", "/private/")):
            return 200, html, _article(int(path.rsplit("/", 1)[1])).encode()
        redirects = {
            "/redirect": "/page/1",
            "/redirect/twice": "/redirect",
            "/redirect/loop": "/redirect/loop",
            "/redirect/private": "http://10.0.0.1/admin",
            "/redirect/metadata": "http://169.254.169.254/latest/meta-data/",
            "/redirect/localhost": self.base.replace("127.0.0.1", "localhost") + "/page/1",
        }
        if path in redirects:
            return 302, {"Location": redirects[path], "Content-Length": "0"}, b""
        return self._variant(path)

    def _variant(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if path == "/variant/latin1":
            body = _article(101, "Café owners said so. ").replace('charset="utf-8"',
                                                                  'charset="iso-8859-1"')
            return 200, {"Content-Type": "text/html"}, body.encode("latin-1")
        if path == "/variant/header-charset":
            body = _article(102, "Café owners said so. ").replace('<meta charset="utf-8">', "")
            return 200, {"Content-Type": "text/html; charset=ISO-8859-1"}, body.encode("latin-1")
        if path == "/variant/gzip":
            return (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                    gzip.compress(_article(103).encode()))
        if path == "/variant/persian":
            body = _article(104, "گزارش از تهران. ").replace('lang="en"', 'lang="fa"')
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()
        if path == "/variant/plain":
            return (200, {"Content-Type": "text/plain; charset=utf-8"},
                    b"HRANA said 40 people were arrested in Sanandaj on Monday.\n")
        if path == "/variant/empty":
            return (200, {"Content-Type": "text/html"},
                    b"<html><body><script>var a = 1;</script></body></html>")
        if path == "/variant/pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, _feed(self.base).encode()
        if path == "/error":
            return 500, {"Content-Type": "text/plain"}, b"server error"
        if path == "/flaky":
            if self.hits[path] == 1:
                return 503, {"Retry-After": "0", "Content-Type": "text/plain"}, b"busy"
            return 200, {"Content-Type": "text/html"}, _article(105).encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        site.hits[path] += 1
        site.user_agents.append(self.headers.get("User-Agent", ""))
        if path == "/slow":
            time.sleep(1.5)
        if path in ("/big", "/big-chunked"):
            self._big(chunked=path == "/big-chunked")
            return
        status, headers, body = site.route(path)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _big(self, *, chunked: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding" if chunked else "Content-Length",
                         "chunked" if chunked else str(BIG))
        self.end_headers()
        block = b"x" * 65536
        for _ in range(BIG // len(block)):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that refuses a 10 MB body hangs up mid-write; that is the point


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site()
    server.site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def make_fetcher(tmp_path: Path) -> Iterator[Callable[..., Fetcher]]:
    made: list[Fetcher] = []

    def make(**overrides: Any) -> Fetcher:
        sleep = overrides.pop("sleep", lambda seconds: None)
        clock = overrides.pop("clock", time.monotonic)
        values: dict[str, Any] = {"user_agent": "uprising-test/1.0", "timeout": 5.0,
                                  "per_host_delay": 0.0, "backoff": 0.0, "retries": 1,
                                  "allow_hosts": ALLOW, **overrides}
        fetcher = Fetcher(FetchSettings(**values), archive=WarcArchive(tmp_path / "archive"),
                          sleep=sleep, clock=clock)
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()
        if fetcher.archive is not None:
            fetcher.archive.close()


# -- fetching --------------------------------------------------------------------------------


def test_fetch_returns_the_page_and_archives_it(site: Site, make_fetcher: Any,
                                                tmp_path: Path) -> None:
    fetched = make_fetcher().fetch(site.base + "/page/3")
    assert fetched.status == 200 and fetched.final_url == site.base + "/page/3"
    assert fetched.archived is not None
    replay = verify_record(tmp_path / "archive", fetched.archived.ref, fetched.payload_sha256)
    assert replay.url == site.base + "/page/3" and replay.payload == fetched.body
    assert replay.ip_address == "127.0.0.1" and replay.status_line == "HTTP/1.1 200 OK"
    document = page_document(fetched)
    assert document.title == "Report 3" and "At least 13 people were detained" in document.text
    assert document.url == site.base + "/page/3" and document.publisher == "Loopback Wire"
    assert "Copyright" not in document.text


@pytest.mark.parametrize(("path", "expected", "language"), [
    ("/variant/latin1", "Café owners said so.", "en"),
    ("/variant/header-charset", "Café owners said so.", "en"),
    ("/variant/gzip", "At least 113 people were detained", "en"),
    ("/variant/persian", "گزارش از تهران.", "fa"),
    ("/variant/plain", "HRANA said 40 people were arrested in Sanandaj", None),
])
def test_html_variants_become_documents(site: Site, make_fetcher: Any, path: str, expected: str,
                                        language: str | None) -> None:
    document = page_document(make_fetcher().fetch(site.base + path))
    assert expected in document.text
    assert document.language == language


def test_gzip_payload_is_archived_as_received(site: Site, make_fetcher: Any,
                                              tmp_path: Path) -> None:
    fetched = make_fetcher().fetch(site.base + "/variant/gzip")
    assert fetched.archived is not None
    replay = read_record(tmp_path / "archive", fetched.archived.ref)
    assert replay.header("Content-Encoding") == "gzip"
    assert gzip.decompress(replay.payload) == fetched.body
    assert replay.digest_holds


@pytest.mark.parametrize(("path", "message"), [
    ("/variant/empty", "no main text"),
    ("/variant/pdf", "is not a web page"),
])
def test_pages_without_a_report_are_refused(site: Site, make_fetcher: Any, path: str,
                                            message: str) -> None:
    with pytest.raises((InputError, FetchError), match=message):
        page_document(make_fetcher().fetch(site.base + path))


def test_redirects_are_followed_and_each_response_archived(site: Site, make_fetcher: Any,
                                                          tmp_path: Path) -> None:
    fetched = make_fetcher().fetch(site.base + "/redirect/twice")
    assert fetched.final_url == site.base + "/page/1"
    assert fetched.redirects == (site.base + "/redirect/twice", site.base + "/redirect")
    (warc,) = (tmp_path / "archive" / "warc").iterdir()
    responses = [uri for kind, uri, _ in iter_records(warc) if kind == "response"]
    assert responses[-3:] == [site.base + "/redirect/twice", site.base + "/redirect",
                              site.base + "/page/1"]


@pytest.mark.parametrize(("path", "message"), [
    ("/redirect/private", "10.0.0.1 is private"),
    ("/redirect/metadata", "169.254.169.254 is a cloud metadata address"),
    ("/redirect/localhost", "localhost resolves to"),
])
def test_redirect_to_a_private_address_is_refused(site: Site, make_fetcher: Any, path: str,
                                                  message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        make_fetcher().fetch(site.base + path)
    assert not caught.value.retryable


def test_loopback_is_refused_without_the_allow_setting(site: Site, make_fetcher: Any) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is loopback"):
        make_fetcher(allow_hosts=frozenset()).fetch(site.base + "/page/1")
    assert site.hits["/page/1"] == 0


def test_redirect_loop_stops(site: Site, make_fetcher: Any) -> None:
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        make_fetcher().fetch(site.base + "/redirect/loop")
    assert site.hits["/redirect/loop"] == 6


def test_404_is_not_retried(site: Site, make_fetcher: Any) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        make_fetcher(retries=3).fetch(site.base + "/missing")
    assert caught.value.status == 404 and not caught.value.retryable
    assert site.hits["/missing"] == 1


def test_500_is_retried_then_fails_with_every_answer_archived(site: Site, make_fetcher: Any,
                                                              tmp_path: Path) -> None:
    waits: list[float] = []
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        make_fetcher(retries=2, backoff=0.5, sleep=waits.append).fetch(site.base + "/error")
    assert caught.value.retryable and site.hits["/error"] == 3
    assert waits == [0.5, 1.0]  # exponential backoff
    (warc,) = (tmp_path / "archive" / "warc").iterdir()
    errors = [uri for kind, uri, _ in iter_records(warc) if uri.endswith("/error")]
    assert len(errors) == 6  # three responses, three requests


def test_a_passing_failure_is_retried(site: Site, make_fetcher: Any) -> None:
    fetched = make_fetcher(retries=1).fetch(site.base + "/flaky")
    assert fetched.status == 200 and site.hits["/flaky"] == 2


def test_slow_response_times_out(site: Site, make_fetcher: Any) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as caught:
        make_fetcher(timeout=0.3, retries=0).fetch(site.base + "/slow")
    assert caught.value.retryable and time.monotonic() - started < 1.4


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_ten_megabyte_page_is_refused(site: Site, make_fetcher: Any, path: str) -> None:
    with pytest.raises(FetchError, match="max_bytes"):
        make_fetcher(max_bytes=5_000_000).fetch(site.base + path)


def test_robots_txt_is_obeyed_and_read_once(site: Site, make_fetcher: Any) -> None:
    fetcher = make_fetcher()
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.fetch(site.base + "/private/7")
    fetcher.fetch(site.base + "/page/7")
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/7"] == 0


def test_robots_txt_can_be_ignored(site: Site, make_fetcher: Any) -> None:
    assert make_fetcher(respect_robots=False).fetch(site.base + "/private/7").status == 200
    assert site.hits["/robots.txt"] == 0


def test_requests_to_one_host_are_spaced(site: Site, make_fetcher: Any) -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    fetcher = make_fetcher(per_host_delay=2.0, sleep=sleep, clock=lambda: now[0])
    fetcher.fetch(site.base + "/page/1")
    fetcher.fetch(site.base + "/page/2")
    assert waits == [2.0, 2.0]  # robots.txt, then each page two seconds after the last


def test_requests_carry_the_user_agent(site: Site, make_fetcher: Any) -> None:
    make_fetcher().fetch(site.base + "/page/1")
    assert set(site.user_agents) == {"uprising-test/1.0"}


# -- storing: fetch and watch ------------------------------------------------------------------


def test_fetch_pages_stores_documents_linked_to_their_records(
    site: Site, make_fetcher: Any, database: Database, tmp_path: Path
) -> None:
    urls = [site.base + f"/page/{n}" for n in (1, 2, 2)] + [site.base + "/missing"]
    summary = fetch_pages(database, make_fetcher(), urls, batch_size=2)
    assert len(summary.added) == 2 and len(summary.duplicates) == 1
    assert [url for url, _ in summary.failures] == [site.base + "/missing"]
    links = database.archived_documents()
    assert len(links) == 2
    for _, link in links:
        verify_record(tmp_path / "archive", link.record, link.sha256)


def test_second_watch_pass_ingests_nothing_new(
    site: Site, make_fetcher: Any, database: Database, tmp_path: Path
) -> None:
    fetcher = make_fetcher()
    first = watch_feeds(database, fetcher, [site.base + "/feed.xml"])
    assert len(first.added) == FEED_ITEMS - 1  # 48 pages and the note; /missing is a 404
    assert [url for url, _ in first.failures] == [site.base + "/missing"]
    pages = sum(site.hits[f"/page/{n}"] for n in range(1, FEED_ITEMS))
    second = watch_feeds(database, fetcher, [site.base + "/feed.xml"])
    assert second.added == [] and second.failures == [] and second.seen == FEED_ITEMS
    assert sum(site.hits[f"/page/{n}"] for n in range(1, FEED_ITEMS)) == pages
    assert database.counts()["documents"] == FEED_ITEMS - 1
    for _, link in database.archived_documents():
        verify_record(tmp_path / "archive", link.record, link.sha256)


def test_feed_item_without_link_is_evidenced_by_the_feed(
    site: Site, make_fetcher: Any, database: Database, tmp_path: Path
) -> None:
    summary = watch_feeds(database, make_fetcher(), [site.base + "/feed.xml"])
    (note_id,) = [doc_id for doc_id, url in summary.added if url == site.base + "/feed.xml"]
    link = database.warc_link(note_id)
    assert link is not None
    replay = verify_record(tmp_path / "archive", link.record, link.sha256)
    assert replay.url == site.base + "/feed.xml"
    document = database.document(note_id)
    assert document is not None and "7 students were arrested" in document.text


def test_watch_retries_an_item_that_failed_for_now(
    site: Site, make_fetcher: Any, database: Database
) -> None:
    first = watch_feeds(database, make_fetcher(allow_hosts=frozenset()), [site.base + "/feed.xml"])
    assert first.added == [] and len(first.failures) == 1  # the feed itself is refused
    second = watch_feeds(database, make_fetcher(), [site.base + "/feed.xml"])
    assert len(second.added) == FEED_ITEMS - 1


# -- the commands ------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)  # no uprising.toml from the developer's folder
    env = {"UPRISING_FETCH_ALLOW_HOSTS": "127.0.0.1", "UPRISING_PER_HOST_DELAY": "0",
           "UPRISING_ARCHIVE_DIR": str(tmp_path / "archive"),
           "UPRISING_DATABASE_URL": "sqlite:///" + str(tmp_path / "cli.db")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_fetch_command_then_archive_show_replays_the_page(
    site: Site, cli_env: dict[str, str], runner: CliRunner
) -> None:
    result = runner.invoke(fetch_command, [site.base + "/page/5", site.base + "/variant/gzip"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [status for _, status, _ in lines] == ["new", "new"]
    doc_id = lines[1][0]
    shown = runner.invoke(archive_group, ["show", doc_id.removeprefix("sha256:")[:16]])
    assert shown.exit_code == 0, shown.output
    assert "At least 113 people were detained" in shown.stdout  # decoded from gzip
    assert "matches the database" in shown.stderr
    assert "Content-Encoding: gzip" in shown.stderr
    raw = runner.invoke(archive_group, ["show", doc_id, "--raw"])
    assert raw.stdout_bytes[:2] == b"\x1f\x8b"
    verified = runner.invoke(archive_group, ["verify"])
    assert verified.exit_code == 0 and "2 match, 0 do not" in verified.stderr


def test_fetch_command_refuses_loopback_without_the_setting(
    site: Site, cli_env: dict[str, str], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UPRISING_FETCH_ALLOW_HOSTS")
    result = runner.invoke(fetch_command, [site.base + "/page/1"])
    assert result.exit_code == 1
    assert "refused: 127.0.0.1 resolves to 127.0.0.1 is loopback" in result.stderr
    assert site.hits["/page/1"] == 0


def test_watch_command_polls_and_remembers(
    site: Site, cli_env: dict[str, str], runner: CliRunner
) -> None:
    result = runner.invoke(watch_command, [site.base + "/feed.xml", "--every", "1s",
                                           "--passes", "2"])
    assert result.exit_code == 0, result.output
    assert f"Pass 1: {FEED_ITEMS - 1} new document(s)" in result.stderr
    assert f"Pass 2: 0 new document(s), 0 already stored, 0 failed; {FEED_ITEMS} item(s)" \
        in result.stderr
    assert site.hits["/feed.xml"] == 2


def test_archive_show_names_a_document_that_was_not_fetched(
    cli_env: dict[str, str], runner: CliRunner
) -> None:
    result = runner.invoke(archive_group, ["show", "sha256:nothing"])
    assert result.exit_code == 2
    assert 'no stored document has the id "sha256:nothing"' in result.stderr


@pytest.mark.parametrize("every", ["0s", "soon", "5 weeks"])
def test_watch_refuses_a_bad_interval(cli_env: dict[str, str], runner: CliRunner,
                                      every: str) -> None:
    result = runner.invoke(watch_command, ["http://127.0.0.1/feed", "--every", every])
    assert result.exit_code == 2 and "is not a poll interval" in result.stderr
