"""Outbound URL policy: where webhooks and job callbacks may be sent (no SSRF).

A URL is allowed only when its scheme is http(s), its host is not a cloud-metadata or
local name, and *every* address it resolves to is a public unicast address — or the host
name or address is on the operator's allow-list (``QA_OUTBOUND_ALLOW``: host names and
CIDRs). IP literals are read the way a socket library reads them, so ``127.1``,
``2130706433``, ``0x7f000001``, ``0177.0.0.1`` and ``[::ffff:127.0.0.1]`` are all
loopback. The check runs when a subscription or callback is created (422) and again at
delivery, where the request is pinned to the address just checked (no DNS rebinding
between check and connect); redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Names that reach a cloud provider's instance metadata or the local machine.
METADATA_HOSTS = frozenset({
    "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.com",
    "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com",
    "metadata.platformequinix.com", "localhost", "localhost.localdomain", "ip6-localhost",
    "ip6-loopback"})
LOCAL_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain")
# Shared address space (carrier NAT, and Alibaba Cloud's 100.100.100.200 metadata).
_EXTRA_BLOCKED = (ipaddress.ip_network("100.64.0.0/10"),)


class UrlRefused(ValueError):
    """The URL may not be called; the message says why."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (A and AAAA)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"host '{host}' does not resolve ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes as an IP literal in any spelling, else None."""
    text = host.strip("[]")
    try:
        return _unwrap(ipaddress.ip_address(text.split("%", 1)[0]))
    except ValueError:
        pass
    if ":" in text:
        return None
    try:  # inet_aton reads the legacy forms: 127.1, 2130706433, 0x7f000001, 0177.0.0.1
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except (OSError, UnicodeError, ValueError):
        return None


def _unwrap(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, 6to4 or Teredo IPv6 address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
        # IPv4-compatible (deprecated) ::a.b.c.d
        if int(address) >> 32 == 0 and int(address) > 1:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` is not a public unicast address, or None when it is."""
    address = _unwrap(address)
    for name in ("loopback", "link_local", "multicast", "private", "unspecified", "reserved"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    if any(address in net for net in _EXTRA_BLOCKED if net.version == address.version):
        return "shared (carrier-grade NAT / cloud metadata)"
    if not address.is_global:
        return "not globally routable"
    return None


@dataclass(frozen=True)
class Target:
    """A checked URL and the address a request to it must connect to."""

    url: str
    host: str
    port: int
    address: str

    def pinned_url(self) -> str:
        """The URL with its host replaced by the checked address (Host header and TLS
        server name still the original host)."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        netloc = f"{address}:{self.port}"
        if parts.username or parts.password:
            netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
        return parts._replace(netloc=netloc).geturl()


class UrlPolicy:
    """Checks outbound URLs against the allow-list and the default refusals."""

    def __init__(self, allow: Iterable[str] = (), *, resolver: Resolver = system_resolver,
                 own_hosts: Sequence[str] = ()) -> None:
        self.allow_hosts: set[str] = set()
        self.allow_networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow:
            entry = entry.strip().lower()
            if not entry:
                continue
            try:
                self.allow_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.allow_hosts.add(entry.rstrip("."))
        self.resolver = resolver
        self.own_hosts = {h.lower() for h in own_hosts}

    def _allowed(self, address: IPAddress) -> bool:
        candidates = {address, _unwrap(address)}
        return any(a in net for net in self.allow_networks for a in candidates
                   if a.version == net.version)

    def check(self, url: str, *, own: Iterable[str] = ()) -> Target:
        """The checked target of ``url``; ``UrlRefused`` naming the reason otherwise.

        ``own``: ``host:port`` strings under which this service is reached (a webhook to
        its own API is refused even when the host is allow-listed)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UrlRefused(f"not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https"):
            raise UrlRefused(f"scheme '{parts.scheme}' is not allowed; expected http or https")
        host = (parts.hostname or "").rstrip(".").lower()
        if not host:
            raise UrlRefused("the URL has no host")
        port = port or (443 if parts.scheme == "https" else 80)
        own_targets = {o.lower() for o in own} | self.own_hosts
        if f"{host}:{port}" in own_targets or host in own_targets:
            raise UrlRefused(f"'{host}:{port}' is this service's own API")
        literal = parse_ip_literal(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            if host in self.allow_hosts:
                return Target(url, host, port, self._first(host, port))
            if host in METADATA_HOSTS or host.endswith(LOCAL_SUFFIXES):
                raise UrlRefused(f"host '{host}' is a local or cloud-metadata name")
            addresses = self.resolver(host, port)
            if not addresses:
                raise UrlRefused(f"host '{host}' does not resolve")
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if self._allowed(address):
                continue
            reason = blocked_reason(address)
            if reason is not None:
                shown = host if literal is None else parts.hostname
                raise UrlRefused(f"host '{shown}' is {reason} address {_unwrap(address)}; "
                                 "add it to QA_OUTBOUND_ALLOW to allow it")
        return Target(url, host, port, addresses[0].split("%", 1)[0])

    def _first(self, host: str, port: int) -> str:
        return self.resolver(host, port)[0]
