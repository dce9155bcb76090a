"""`propscope serve` in a subprocess: a real uvicorn server on a free port, token rules."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from propscope.cli.serve_cmd import is_loopback
from propscope.store import open_store
from tests.api.conftest import seed

CSP_START = "default-src 'none'; script-src 'self'"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(token: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PROPSCOPE_TOKEN", "PROPSCOPE_DB")}
    if token is not None:
        env["PROPSCOPE_TOKEN"] = token
    return env


class Server:
    """A `propscope serve` subprocess whose merged output is collected by a thread."""

    def __init__(self, db: str, token: str | None, host: str = "127.0.0.1") -> None:
        self.port = _free_port()
        self.base = f"http://{host}:{self.port}"
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "propscope.cli.main", "serve", "--host", host,
             "--port", str(self.port), "--db", db],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(token),
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited {self.proc.returncode}:\n{self.output}")
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"server not ready after {timeout}s:\n{self.output}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    with open_store(url) as store:
        seed(store)
    return url


@pytest.fixture
def served(db: str) -> Iterator[Server]:
    server = Server(db, token="served-token-1234567890")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_real_server_reads_writes_and_headers(served: Server) -> None:
    base, token = served.base, "served-token-1234567890"
    r = httpx.get(f"{base}/api/v1/articles", params={"language": "ru"})
    assert r.status_code == 200 and r.json()["total"] == 1
    assert r.headers["content-security-policy"].startswith(CSP_START)
    assert r.headers["cache-control"] == "no-store" and "server" not in r.headers
    target = r.json()["items"][0]["id"]
    assert httpx.delete(f"{base}/api/v1/articles/{target}").status_code == 401
    ok = httpx.delete(f"{base}/api/v1/articles/{target}",
                      headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.json()["deleted"] is True
    # the dashboard flow: cookie from /login, then a same-origin write; a foreign one fails
    with httpx.Client(base_url=base) as browser:
        login = browser.get("/login", params={"token": token})
        assert login.status_code == 303 and "propscope_token" in browser.cookies
        gone = browser.delete(f"/api/v1/articles/{target}", headers={"Origin": "http://evil.test"})
        assert gone.status_code == 403
        same = browser.delete(f"/api/v1/articles/{target}", headers={"Origin": base})
        assert same.status_code == 404  # authorised; already deleted above
    rebound = httpx.get(f"{base}/api/v1/articles", headers={"Host": f"evil.test:{served.port}"})
    assert rebound.status_code == 400  # DNS-rebinding guard on a loopback server
    page = httpx.get(f"{base}/")
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"].startswith(CSP_START)
    big = httpx.post(f"{base}/api/v1/analyze", content=b"{" + b" " * (6 * 1024 * 1024) + b"}",
                     headers={"Authorization": f"Bearer {token}",
                              "Content-Type": "application/json"})
    assert big.status_code == 413
    served.stop()
    assert "/login" in served.output and token not in served.output  # access log redacted


def test_loopback_without_token_generates_one_and_prints_the_login_url(db: str) -> None:
    server = Server(db, token=None)
    try:
        server.wait_ready()
        match = re.search(r"http://127\.0\.0\.1:\d+/login\?token=([\w-]+)", server.output)
        assert match, server.output
        token = match.group(1)
        assert len(token) >= 32
        with httpx.Client(base_url=server.base) as browser:
            assert browser.get("/login", params={"token": token}).status_code == 303
            assert browser.get("/login", params={"token": "guess"}).status_code == 401
        article = httpx.get(f"{server.base}/api/v1/articles").json()["items"][0]["id"]
        r = httpx.delete(f"{server.base}/api/v1/articles/{article}",
                         headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
    finally:
        server.stop()


def test_non_loopback_host_without_token_refuses_to_start(db: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "propscope.cli.main", "serve", "--host", "0.0.0.0",
         "--port", str(_free_port()), "--db", db],
        check=False, capture_output=True, text=True, env=_env(None), timeout=60,
    )
    assert proc.returncode != 0
    assert "PROPSCOPE_TOKEN" in proc.stderr and "0.0.0.0" in proc.stderr


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.20", False),
    ("10.0.0.5", False), ("example.org", False), ("", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
