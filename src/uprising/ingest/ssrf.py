"""The SSRF guard: a URL is fetched only if every address its host resolves to is public.

A report URL comes from a feed or a user, so it may name (or redirect to) the machine itself, the
local network or a cloud metadata service. The guard parses the URL with httpx, the same parser
that will send the request (two parsers that disagree are a classic way around such guards),
resolves the host, and refuses loopback, private, link-local, shared, multicast, reserved and
metadata addresses, including IPv4 addresses wrapped in IPv6 (mapped, 6to4, NAT64, Teredo).

The fetcher then connects to exactly the addresses checked here (see `uprising.ingest.web`), so a
host whose DNS answer changes between the check and the connection gains nothing. It calls the
guard again on every redirect.

Only hosts named in the `fetch_allow_hosts` setting may resolve to such addresses: that is how
tests reach their own loopback server. A name is matched exactly, never as a suffix.

Usage::

    guard = AddressGuard(allow_hosts={"127.0.0.1"})
    target = guard.check("http://127.0.0.1:8000/page")   # Target(addresses=("127.0.0.1",), ...)
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import httpx

from uprising.errors import BlockedAddressError

__all__ = [
    "METADATA_ADDRESSES",
    "AddressGuard",
    "BlockedAddressError",
    "Resolver",
    "Target",
    "blocked_reason",
    "parse_allow_hosts",
    "system_resolver",
]

LOGGER = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]  # (host, port) -> IP address strings

SCHEMES = ("http", "https")

# Cloud metadata services. Most are link-local or private already; they are named so the reason
# given is the real one, and so one that is neither (Alibaba's) is refused too.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """Where a checked URL may be fetched from: its host, port and the addresses to connect to."""

    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]
    allowed_by_setting: bool = False


def blocked_reason(address: IPAddress) -> str | None:
    """Why a fetch must not reach `address`, or None when the address is public.

    Pure: no resolution happens here. Addresses that carry an IPv4 address inside an IPv6 one are
    judged by the IPv4 address they carry.
    """
    if address in METADATA_ADDRESSES:
        return f"{address} is a cloud metadata address"
    inner = _embedded_ipv4(address)
    if inner is not None:
        reason = blocked_reason(inner)
        return f"{address} carries {reason}" if reason else None
    checks: tuple[tuple[bool, str], ...] = (
        (address.is_loopback, "loopback"),
        (address.is_unspecified, "unspecified"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not a public address"),
    )
    for failed, name in checks:
        if failed:
            return f"{address} is {name}"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client's address; the server's is public by design
    if address in _NAT64 or address in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host`, in its order, without repeats.

    Raises:
        OSError: the name cannot be resolved (socket.gaierror).
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def parse_allow_hosts(value: str | Iterable[str]) -> frozenset[str]:
    """Host names from the setting's comma-separated text (or any iterable), lower-cased."""
    names = value.split(",") if isinstance(value, str) else value
    return frozenset(name.strip().lower().strip("[]") for name in names if name.strip())


class AddressGuard:
    """Checks URLs before every request, redirects included."""

    def __init__(
        self, *, allow_hosts: Iterable[str] = (), resolver: Resolver = system_resolver
    ) -> None:
        self._allow = parse_allow_hosts(allow_hosts)
        self._resolve = resolver

    @property
    def allow_hosts(self) -> frozenset[str]:
        return self._allow

    def check(self, url: str | httpx.URL) -> Target:
        """Resolve the URL's host and return where it may be fetched from.

        Raises:
            BlockedAddressError: the scheme is not http(s), the URL carries credentials, or any
                address of the host is not public and the host is not allowed by name.
            OSError: the host cannot be resolved.
        """
        shown = str(url)
        try:
            parsed = httpx.URL(url) if isinstance(url, str) else url
        except httpx.InvalidURL as exc:
            raise BlockedAddressError(shown, f"not a valid URL ({exc})") from None
        if parsed.scheme not in SCHEMES:
            raise BlockedAddressError(shown, f'scheme "{parsed.scheme or "(none)"}" is not fetched')
        if parsed.userinfo:
            # Credentials in a URL would end up in logs and in the archive.
            raise BlockedAddressError(shown, "URLs with a user name or password are not fetched")
        host = parsed.host.lower()
        if not host:
            raise BlockedAddressError(shown, "the URL names no host")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        allowed = host in self._allow
        addresses = _literal(host) or self._resolve(host, port)
        if not addresses:
            raise OSError(f"{host} resolves to no address")
        for text in addresses:
            try:
                address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone
            except ValueError:
                raise BlockedAddressError(shown, f"{host} resolves to {text!r}") from None
            reason = blocked_reason(address)
            if reason is not None and not allowed:
                LOGGER.info("refused %s: %s", shown, reason)
                raise BlockedAddressError(shown, f"{host} resolves to {reason}")
        return Target(
            scheme=parsed.scheme,
            host=host,
            port=port,
            addresses=tuple(addresses),
            allowed_by_setting=allowed,
        )


def _literal(host: str) -> list[str]:
    """A host written as an IP address needs no resolver (and must not depend on one)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return []
