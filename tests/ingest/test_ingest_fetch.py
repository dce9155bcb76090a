"""URL ingestion against a real HTTP server on 127.0.0.1, and the SSRF guard."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from propscope.ingest import Fetcher, Limits, is_forbidden_address, iter_inputs, read_url_list
from propscope.ingest.netguard import IPAddress
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

PAGE = b"<!DOCTYPE html><html><body><p>The lighthouse is lit again.</p></body></html>"
RUSSIAN = "Маяк снова горит после ремонта.".encode("cp1251")
FAST = Limits(connect_timeout=2, read_timeout=0.5, total_timeout=3, max_document_bytes=64 * 1024)


class Handler(BaseHTTPRequestHandler):
    """Routes for every case; records the Host header it saw."""

    hosts: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet tests
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        Handler.hosts.append(self.headers.get("Host", ""))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()  # the client may give up on purpose (timeouts, size caps)

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        path = self.path
        port = self.server.server_address[1]
        if path == "/page":
            self._send(
                200,
                PAGE,
                {
                    "Content-Type": "text/html; charset=utf-8",
                    "Last-Modified": "Mon, 07 Jun 2021 08:00:00 GMT",
                },
            )
        elif path == "/ru":
            self._send(200, RUSSIAN, {"Content-Type": "text/plain; charset=windows-1251"})
        elif path == "/xhtml":
            self._send(200, PAGE, {"Content-Type": "application/xhtml+xml"})
        elif path == "/untyped":
            self._send(200, PAGE, {})
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/page" if left == 0 else f"/hop/{left - 1}"
            self._send(302, b"", {"Location": target})
        elif path == "/missing":
            self._send(404, b"gone", {"Content-Type": "text/html"})
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"})
        elif path == "/big-declared":
            self._send(
                200, b"x" * 100_000, {"Content-Type": "text/plain", "Content-Length": "100000"}
            )
        elif path == "/big-stream":  # no Content-Length: body ends when the server closes
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * 4096)
        elif path == "/bomb":
            body = gzip.compress(b"\x00" * (16 * 1024 * 1024))
            self._send(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE, {"Content-Type": "text/html"})
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(60):
                self.wfile.write(b"d")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/to-loopback":
            self._send(302, b"", {"Location": f"http://127.0.0.1:{port}/page"})
        elif path == "/to-file":
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        else:
            self._send(500, b"", {})


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str, limits: Limits = FAST) -> RawDocument | DocumentError:
    [item] = list(iter_inputs([url], limits=limits, allow_private=True))
    return item


def kind(item: RawDocument | DocumentError) -> str:
    return item.kind if isinstance(item, DocumentError) else "doc"


def test_normal_page(server: str) -> None:
    doc = fetch(f"{server}/page")
    assert isinstance(doc, RawDocument)
    assert doc.data == PAGE and doc.media_type == "text/html"
    assert doc.url == f"{server}/page" and doc.origin == f"{server}/page"
    assert doc.encoding == "utf-8"
    assert doc.fields == {"http_last_modified": "Mon, 07 Jun 2021 08:00:00 GMT"}


def test_charset_and_plain_text(server: str) -> None:
    doc = fetch(f"{server}/ru")
    assert isinstance(doc, RawDocument)
    assert doc.media_type == "text/plain" and doc.encoding == "windows-1251" and doc.data == RUSSIAN


def test_xhtml_and_missing_content_type(server: str) -> None:
    xhtml, untyped = fetch(f"{server}/xhtml"), fetch(f"{server}/untyped")
    assert isinstance(xhtml, RawDocument) and xhtml.media_type == "text/html"
    assert isinstance(untyped, RawDocument) and untyped.media_type == "text/html"  # sniffed


def test_redirects_within_cap_give_final_url(server: str) -> None:
    doc = fetch(f"{server}/hop/3")
    assert isinstance(doc, RawDocument)
    assert doc.url == f"{server}/page" and doc.origin == f"{server}/hop/3"


def test_redirect_chain_over_cap(server: str) -> None:
    limits = Limits(read_timeout=1, total_timeout=5, max_redirects=2)
    err = fetch(f"{server}/hop/5", limits)
    assert kind(err) == "fetch" and "redirects" in str(err)


def test_http_error_status(server: str) -> None:
    err = fetch(f"{server}/missing")
    assert kind(err) == "fetch" and "HTTP 404" in str(err)


def test_wrong_content_type(server: str) -> None:
    assert kind(fetch(f"{server}/image")) == "bad-content-type"


def test_oversized_body_declared_and_streamed(server: str) -> None:
    assert kind(fetch(f"{server}/big-declared")) == "too-large"
    assert kind(fetch(f"{server}/big-stream")) == "too-large"


def test_content_encoding_bomb(server: str) -> None:
    limits = Limits(read_timeout=2, total_timeout=10, max_document_bytes=8 * 1024 * 1024)
    assert kind(fetch(f"{server}/bomb", limits)) == "decompression-bomb"


def test_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    err = fetch(f"{server}/slow")
    assert kind(err) == "fetch" and "timeout" in str(err).lower()
    assert time.monotonic() - started < 1.5


def test_drip_feed_hits_total_timeout(server: str) -> None:
    limits = Limits(read_timeout=1, total_timeout=0.5)
    started = time.monotonic()
    err = fetch(f"{server}/drip", limits)
    assert kind(err) == "fetch" and "timeout" in str(err).lower()
    assert time.monotonic() - started < 2.5


def test_non_http_redirect_refused(server: str) -> None:
    assert kind(fetch(f"{server}/to-file")) == "forbidden-address"


def test_loopback_refused_without_allow_private(server: str) -> None:
    [err] = list(iter_inputs([f"{server}/page"], limits=FAST))
    assert kind(err) == "forbidden-address"
    [err] = list(iter_inputs([f"{server.replace('127.0.0.1', 'localhost')}/page"], limits=FAST))
    assert kind(err) == "forbidden-address"


def test_redirect_to_loopback_refused_on_second_hop(server: str) -> None:
    """First hop passes the (injected) policy; the redirect to 127.0.0.1 must be re-checked."""
    seen: list[IPAddress] = []

    def first_hop_only(ip: IPAddress) -> bool:
        seen.append(ip)
        return len(seen) == 1

    port = server.rsplit(":", 1)[1]
    fetcher = Fetcher(limits=FAST, resolver=lambda host, p: ["127.0.0.1"], policy=first_hop_only)
    Handler.hosts.clear()
    err = fetcher.fetch(f"http://news.example.test:{port}/to-loopback")
    assert kind(err) == "forbidden-address"
    assert seen == [ipaddress.ip_address("127.0.0.1")] * 2
    # the pinned connection went to the checked IP but spoke the original Host name
    assert Handler.hosts == [f"news.example.test:{port}"]


def test_name_is_resolved_once_per_hop(server: str) -> None:
    """DNS rebinding: a second, different answer is never asked for, let alone used."""
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    port = server.rsplit(":", 1)[1]
    fetcher = Fetcher(limits=FAST, allow_private=True, resolver=resolver)
    doc = fetcher.fetch(f"http://rebind.example.test:{port}/page")
    assert isinstance(doc, RawDocument) and doc.data == PAGE
    assert calls == ["rebind.example.test"]


def test_mixed_public_private_answers_refused() -> None:
    fetcher = Fetcher(limits=FAST, resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"])
    assert kind(fetcher.fetch("http://mixed.example.test/")) == "forbidden-address"


def test_unresolvable_host_is_fetch_error() -> None:
    fetcher = Fetcher(limits=FAST, resolver=lambda host, port: [])
    assert kind(fetcher.fetch("http://nowhere.example.test/")) == "fetch"


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "127.0.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "0.0.0.0",
        "::",
        "224.0.0.251",
        "ff02::1",
        "fe80::1",
        "fc00::1",
        "100.64.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "2002:7f00:1::1",
        "64:ff9b::a00:1",
    ],
)
def test_forbidden_addresses(address: str) -> None:
    assert is_forbidden_address(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses(address: str) -> None:
    assert not is_forbidden_address(address)


def test_read_url_list(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(
        "# seed list\n\nhttps://a.example/one\n"
        "  http://b.example/two#frag  \nhttps://c.example/x # note\n",
        encoding="utf-8",
    )
    assert read_url_list(str(path)) == [
        "https://a.example/one",
        "http://b.example/two#frag",
        "https://c.example/x",
    ]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """HTTPS on 127.0.0.1 with a self-signed certificate for news.example.test only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl CLI not available to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=news.example.test",
            "-addext",
            "subjectAltName=DNS:news.example.test",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield str(httpd.server_address[1]), str(cert)
    httpd.shutdown()
    httpd.server_close()


def test_https_pinned_to_ip_verifies_certificate_for_the_name(tls_server: tuple[str, str]) -> None:
    """Connecting to the checked IP must still send SNI and verify the cert for the host."""
    port, cert = tls_server
    transport = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=cert))
    fetcher = Fetcher(
        limits=FAST, allow_private=True, resolver=lambda host, p: ["127.0.0.1"], transport=transport
    )
    doc = fetcher.fetch(f"https://news.example.test:{port}/page")
    assert isinstance(doc, RawDocument) and doc.data == PAGE
    assert doc.url == f"https://news.example.test:{port}/page"
    wrong = fetcher.fetch(f"https://other.example.test:{port}/page")
    assert kind(wrong) == "fetch"  # certificate does not match the requested name
