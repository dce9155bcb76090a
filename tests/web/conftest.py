"""A real uvicorn server over a real SQLite store, and Debian's Chromium driven by Playwright.

The server runs in a background thread of the test process, so tests can swap the analyzer on
`app.state` (the fake one by default, the real models for one test). Every page a test opens
is watched: a JavaScript dialog, a page error, a CSP violation on the console or a request to
anything but the test server fails the test at teardown.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

from propscope.api.app import create_app
from propscope.api.settings import AnalyzerHolder
from propscope.schema import Article
from propscope.store import Store, open_store
from tests.web.corpus import FakeAnalyzer, corpus

TOKEN = "web-test-token-7f3a"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@dataclass
class Server:
    base: str
    app: FastAPI
    store: Store
    articles: list[Article]

    def use_fake_analyzer(self) -> None:
        self.app.state.analyzer = AnalyzerHolder(FakeAnalyzer)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('web')}/web.db")
    articles = corpus()
    store.save_batch([(a, f"sha-{a.id}") for a in articles])
    store.save_analyses(articles)
    app = create_app(store, token=TOKEN, analyzer_factory=FakeAnalyzer)
    with running(app) as base:
        yield Server(base, app, store, articles)
    store.close()


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """uvicorn serving `app` on a free loopback port in a thread; yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` (apt-get install chromium) "
                    "installs it; make test does so", pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did that it must not: collected, then asserted empty at teardown."""

    base: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        return url == self.base or url.startswith(self.base + "/")

    def on_request(self, url: str) -> None:
        self.requests.append(url)
        if not self.is_local(url):
            self.foreign.append(url)

    def on_console(self, kind: str, text: str) -> None:
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp.append(text)
        elif kind == "error" and "Failed to load resource" not in text:
            self.errors.append(text)


def watch_page(page: Page, base: str, w: Watch | None = None) -> Watch:
    w = w or Watch(base)

    def dialog(d) -> None:
        w.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: w.errors.append(str(exc)))
    page.on("console", lambda msg: w.on_console(msg.type, msg.text))
    page.on("request", lambda req: w.on_request(req.url))
    return w


@pytest.fixture
def watched(browser: Browser, server: Server) -> Iterator[tuple[Page, Watch]]:
    """A fresh browser context (no cookies) and a page whose misbehaviour fails the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    w = Watch(server.base)
    # recorded by the page's request listener first; then never sent anywhere
    context.route(lambda url: not w.is_local(url), lambda route: route.abort())
    page = context.new_page()
    w = watch_page(page, server.base, w)
    yield page, w
    context.close()
    server.use_fake_analyzer()
    assert not w.dialogs, f"a dialog fired: {w.dialogs}"
    assert not w.csp, f"CSP violations: {w.csp}"
    assert not w.errors, f"page errors: {w.errors}"
    assert not w.foreign, f"requests left the test server: {w.foreign}"


@pytest.fixture
def page(watched: tuple[Page, Watch]) -> Page:
    return watched[0]
