"""Which URLs a webhook may point at. The worker POSTs from inside the
network, so a URL that resolves to loopback, a private range, link-local
(cloud metadata at 169.254.169.254 among them) or any other non-public
address would let an admin account reach what only the server should
(SSRF). WEBHOOK_ALLOW_PRIVATE_NETWORKS=true lifts this for a receiver on
the same network (and for tests)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    pass


def check(url: str, *, allow_private: bool) -> None:
    """Raise UnsafeUrl unless the URL is http(s) with a host whose every
    address is public (or private networks are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl("The URL must be http:// or https:// with a host.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl(f"The host {parts.hostname!r} does not resolve.") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise UnsafeUrl(
                f"The host {parts.hostname!r} resolves to {address}, a loopback, private, link-local or reserved "
                "address; webhooks go to public addresses unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true."
            )
