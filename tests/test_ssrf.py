"""The SSRF guard (issue 9): only public addresses, checked after resolution, unless allowed."""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from uprising.ingest.ssrf import (
    AddressGuard,
    BlockedAddressError,
    blocked_reason,
    parse_allow_hosts,
)
from uprising.ingest.web import Fetcher, FetchError, FetchSettings

ADDRESSES = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.9", "private"),
    ("192.168.1.1", "private"),
    ("fd12:3456::1", "private"),
    ("169.254.10.10", "link-local"),
    ("fe80::1", "link-local"),
    ("169.254.169.254", "metadata"),
    ("169.254.170.2", "metadata"),
    ("100.100.100.200", "metadata"),
    ("fd00:ec2::254", "metadata"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("224.0.0.251", "multicast"),
    ("100.64.0.1", "not a public address"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
    ("64:ff9b::a9fe:a9fe", "metadata"),
    ("2002:c0a8:0101::1", "private"),
    ("93.184.216.34", None),
    ("8.8.8.8", None),
    ("2606:4700:4700::1111", None),
    ("::ffff:8.8.8.8", None),
]


@pytest.mark.parametrize(("address", "kind"), ADDRESSES)
def test_blocked_reason_names_the_kind_of_address(address: str, kind: str | None) -> None:
    reason = blocked_reason(ipaddress.ip_address(address))
    if kind is None:
        assert reason is None
    else:
        assert reason is not None and kind in reason


def _resolver(table: dict[str, list[str]]) -> object:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown host {host}")
        return table[host]

    return resolve


DNS = {
    "news.example": ["93.184.216.34", "2606:4700:4700::1111"],
    "intranet.example": ["10.0.0.7"],
    "mixed.example": ["93.184.216.34", "192.168.0.2"],
    "metadata.example": ["169.254.169.254"],
    "localhost": ["::1", "127.0.0.1"],
}


@pytest.mark.parametrize(("url", "message"), [
    ("http://intranet.example/", "intranet.example resolves to 10.0.0.7 is private"),
    ("http://mixed.example/", "192.168.0.2 is private"),  # one bad answer is enough
    ("http://metadata.example/latest", "cloud metadata"),
    ("http://localhost:8000/", "::1 is loopback"),
    ("http://127.0.0.1/", "127.0.0.1 is loopback"),
    ("http://[::1]/", "::1 is loopback"),
    ("http://0x7f.1/", "is loopback"),
    ("ftp://news.example/file", 'scheme "ftp" is not fetched'),
    ("file:///etc/passwd", 'scheme "file" is not fetched'),
    ("http://user:secret@news.example/", "user name or password"),
])
def test_guard_refuses_non_public_targets(url: str, message: str) -> None:
    guard = AddressGuard(resolver=_resolver({**DNS, "0x7f.1": ["127.0.0.1"]}))  # type: ignore[arg-type]
    with pytest.raises(BlockedAddressError, match=message):
        guard.check(url)


def test_guard_passes_public_hosts_with_every_address() -> None:
    target = AddressGuard(resolver=_resolver(DNS)).check("https://News.Example/a?b=1")  # type: ignore[arg-type]
    assert target.host == "news.example" and target.port == 443
    assert target.addresses == ("93.184.216.34", "2606:4700:4700::1111")
    assert not target.allowed_by_setting


def test_allow_setting_names_hosts_exactly() -> None:
    guard = AddressGuard(allow_hosts=parse_allow_hosts(" LocalHost , "), resolver=_resolver(DNS))  # type: ignore[arg-type]
    assert guard.check("http://localhost:8000/").allowed_by_setting
    with pytest.raises(BlockedAddressError):
        guard.check("http://127.0.0.1/")  # the address is not the name that was allowed
    with pytest.raises(BlockedAddressError):
        guard.check("http://intranet.example/")


def test_unresolvable_host_is_an_os_error() -> None:
    with pytest.raises(OSError, match="unknown host"):
        AddressGuard(resolver=_resolver(DNS)).check("http://nowhere.example/")  # type: ignore[arg-type]


def test_parse_allow_hosts_reads_the_setting() -> None:
    assert parse_allow_hosts("127.0.0.1, [::1],,Mirror.Local") == {"127.0.0.1", "::1",
                                                                    "mirror.local"}
    assert parse_allow_hosts("") == frozenset()


def test_fetcher_connects_to_the_checked_address_with_the_real_host() -> None:
    # A name that resolves to a public address once checked is fetched from that address, not
    # from whatever a second lookup would say (DNS rebinding).
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, html="<html><body><p>ok</p></body></html>")

    answers = iter([["93.184.216.34"], ["10.0.0.1"]])
    settings = FetchSettings(user_agent="t/1", per_host_delay=0, backoff=0, respect_robots=False)
    with Fetcher(settings, archive=None, transport=httpx.MockTransport(handler),
                 resolver=lambda host, port: next(answers)) as fetcher:
        fetcher.fetch("http://rebind.example/page")
        with pytest.raises(FetchError, match=r"10\.0\.0\.1 is private"):
            fetcher.fetch("http://rebind.example/other")
    assert [r.url.host for r in seen] == ["93.184.216.34"]  # the second was never sent
    assert {r.headers["Host"] for r in seen} == {"rebind.example"}
