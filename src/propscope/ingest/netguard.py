"""SSRF guard: which addresses a URL fetch may connect to.

The check runs on the *resolved* address (not the host name), for every redirect hop, and
the fetch then connects to exactly the address that was checked (see fetch.py), so a DNS
answer that changes between check and connect (rebinding) cannot reach an internal host.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from propscope.schema.errors import DocumentError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
AddressPolicy = Callable[[IPAddress], bool]  # True: may connect

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_forbidden_address(address: str | IPAddress) -> bool:
    """True for anything that is not a plain public unicast address.

    IPv6 forms that embed an IPv4 address (mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64)
    are judged by the embedded address, since that is where the packets end up.
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return is_forbidden_address(embedded)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client address
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses the system resolver returns for ``host`` (IP literals pass through)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def default_policy(allow_private: bool) -> AddressPolicy:
    """The production policy: public addresses only, unless private ones are allowed."""
    return lambda ip: allow_private or not is_forbidden_address(ip)


def pick_address(
    host: str, port: int, *, origin: str, resolver: Resolver, policy: AddressPolicy
) -> str:
    """Resolve once and return the address to pin the connection to.

    Every resolved address must pass: a name answering both a public and a private address
    is refused rather than hoping the public one gets used.
    """
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise DocumentError("fetch", f"cannot resolve {host!r}: {exc}", origin) from exc
    if not addresses:
        raise DocumentError("fetch", f"{host!r} resolves to no address", origin)
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not policy(ip):
            raise DocumentError(
                "forbidden-address", f"{host!r} resolves to non-public address {ip}", origin
            )
    return addresses[0].split("%", 1)[0]
