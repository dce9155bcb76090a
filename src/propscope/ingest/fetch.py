"""http(s) URLs -> RawDocument, with an SSRF guard that survives redirects and rebinding.

How the connection is pinned: for every hop we resolve the host ourselves
(``netguard.pick_address``), check every resolved address, then send the request to the
*IP address* (URL host replaced by the IP) with the original ``Host`` header and, for
https, the original name as TLS SNI (httpcore's ``sni_hostname`` extension, which is also
the name the certificate is verified against). httpx therefore never resolves the name a
second time, so a DNS answer that flips to 127.0.0.1 after the check is never used.
Redirects are followed by hand (``follow_redirects=False``) so each hop goes through the
same check; keep-alive is off so a pooled connection cannot be reused for another name,
and ``trust_env=False`` so a proxy from the environment cannot bypass the pinning.

A missing Content-Type is accepted and sniffed (many small sites omit it); a present one
must be in ``Limits.allowed_content_types``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

from propscope.ingest.bounded import check_inflation
from propscope.ingest.limits import Limits
from propscope.ingest.mediatype import document_media_type, parse_content_type, sniff_media_type
from propscope.ingest.netguard import (
    AddressPolicy,
    Resolver,
    default_policy,
    pick_address,
    resolve_host,
)
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

USER_AGENT = "propscope/0.1 (offline news analysis; +https://example.invalid/propscope)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})


@dataclass
class Fetcher:
    """Fetches one URL at a time; ``resolver``/``policy``/``transport`` are test seams."""

    limits: Limits = field(default_factory=Limits)
    allow_private: bool = False
    resolver: Resolver = resolve_host
    policy: AddressPolicy | None = None
    transport: httpx.BaseTransport | None = None

    def fetch(self, url: str) -> RawDocument | DocumentError:
        """Never raises for network trouble: every failure is a DocumentError value."""
        try:
            return self._fetch(url.strip())
        except DocumentError as exc:
            return exc
        except httpx.TimeoutException as exc:
            return DocumentError("fetch", f"timeout: {type(exc).__name__}", url)
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            return DocumentError("fetch", f"{type(exc).__name__}: {exc}", url)
        except Exception as exc:  # noqa: BLE001 - one bad URL never stops a batch
            return DocumentError("internal", f"{type(exc).__name__}: {exc}", url)

    def _fetch(self, url: str) -> RawDocument:
        deadline = time.monotonic() + self.limits.total_timeout
        current = httpx.URL(url)
        with self._client() as client:
            for _hop in range(self.limits.max_redirects + 1):
                request = self._pinned_request(client, current, deadline, origin=url)
                response = client.send(request, stream=True)
                try:
                    location = _redirect_target(response, current)
                    if location is None:
                        return self._document(response, current, deadline, origin=url)
                finally:
                    response.close()
                current = location
        raise DocumentError("fetch", f"more than {self.limits.max_redirects} redirects", url)

    def _client(self) -> httpx.Client:
        return httpx.Client(
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ", ".join(self.limits.allowed_content_types),
            },
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=self.transport,
        )

    def _pinned_request(
        self, client: httpx.Client, url: httpx.URL, deadline: float, *, origin: str
    ) -> httpx.Request:
        """Check the scheme and the resolved address, then aim the request at that IP."""
        if url.scheme not in _SCHEMES:
            raise DocumentError("forbidden-address", f"scheme {url.scheme!r} not allowed", origin)
        if not url.host:
            raise DocumentError("fetch", f"URL without host: {url}", origin)
        port = url.port or (443 if url.scheme == "https" else 80)
        policy = self.policy or default_policy(self.allow_private)
        host = url.raw_host.decode("ascii")  # IDNA (punycode) form: what DNS and TLS use
        ip = pick_address(host, port, origin=origin, resolver=self.resolver, policy=policy)
        extensions: dict[str, object] = {"timeout": self._timeout(deadline, origin)}
        if url.scheme == "https":
            extensions["sni_hostname"] = host
        request = client.build_request("GET", url.copy_with(host=ip))
        request.headers["Host"] = url.netloc.decode("ascii")
        request.extensions.update(extensions)
        return request

    def _timeout(self, deadline: float, origin: str) -> dict[str, float]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DocumentError("fetch", f"total timeout {self.limits.total_timeout:g}s", origin)
        read = min(self.limits.read_timeout, remaining)
        return {
            "connect": min(self.limits.connect_timeout, remaining),
            "read": read,
            "write": read,
            "pool": read,
        }

    def _document(
        self, response: httpx.Response, url: httpx.URL, deadline: float, *, origin: str
    ) -> RawDocument:
        if not 200 <= response.status_code < 300:  # >= 400, or 1xx/3xx without a Location
            raise DocumentError(
                "fetch", f"HTTP {response.status_code} {response.reason_phrase}", origin
            )
        media, charset = parse_content_type(response.headers.get("Content-Type"))
        if media and media not in self.limits.allowed_content_types:
            raise DocumentError("bad-content-type", f"Content-Type {media!r}", origin)
        data = _read_body(response, self.limits, deadline, origin)
        fields: dict[str, str] = {}
        if response.headers.get("Last-Modified"):
            fields["http_last_modified"] = response.headers["Last-Modified"]
        return RawDocument(
            data=data,
            origin=origin,
            media_type=document_media_type(media) if media else sniff_media_type(data),
            url=str(url),
            encoding=charset,
            fields=fields,
        )


def _redirect_target(response: httpx.Response, current: httpx.URL) -> httpx.URL | None:
    """The next hop of a redirect, resolved against the *original* (not pinned) URL."""
    if response.status_code not in _REDIRECTS:
        return None
    location = response.headers.get("Location")
    return current.join(location) if location else None


def _read_body(response: httpx.Response, limits: Limits, deadline: float, origin: str) -> bytes:
    """Stream with the size cap and the total deadline; never buffers more than the cap."""
    cap = limits.max_document_bytes
    declared = response.headers.get("Content-Length", "")
    encoded = bool(response.headers.get("Content-Encoding"))
    if declared.isdigit() and int(declared) > cap and not encoded:
        raise DocumentError("too-large", f"Content-Length {declared} > {cap}", origin)
    parts: list[bytes] = []
    total = 0
    for chunk in _chunks(response, deadline, limits, origin):
        total += len(chunk)
        if encoded:
            consumed = response.num_bytes_downloaded
            check_inflation(total, consumed, limits.max_decompressed_bytes, limits, origin)
        if total > cap:
            raise DocumentError("too-large", f"body larger than {cap} bytes", origin)
        parts.append(chunk)
    return b"".join(parts)


def _chunks(
    response: httpx.Response, deadline: float, limits: Limits, origin: str
) -> Iterator[bytes]:
    """Body chunks, aborting once the whole fetch has run past its total timeout."""
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise DocumentError("fetch", f"total timeout {limits.total_timeout:g}s", origin)
        yield chunk
