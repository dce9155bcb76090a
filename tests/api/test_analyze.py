"""Analyze-now (text, HTML, URL through the SSRF guard) and re-analysis."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from propscope.api.app import create_app
from propscope.api.settings import ApiSettings
from propscope.schema import Article
from propscope.semeval.labels import GENRES, TECHNIQUES
from propscope.store import Store
from tests.api.conftest import AUTH, TOKEN, FakeAnalyzer, client_for, seed

ANALYZE = "/api/v1/analyze"
TEXT = ("Harbour of Fairhaven reopens after storm\n\n"
        "The harbour of Fairhaven reopened on Tuesday after a storm closed it for a week, "
        "the port authority said in a statement.\n\n"
        "Fishermen called the closure a disgraceful failure of the authorities who ignored "
        "every warning, and demanded compensation for the lost days at sea.\n")
PAGE = b"""<!doctype html><html lang="en"><head><title>Mill in Coldharbour to close</title>
<script>document.write("tracking")</script></head><body><nav>Home | World | Sport</nav>
<article><h1>Mill in Coldharbour to close</h1>
<p>The old paper mill in Coldharbour will close at the end of the year, the owners said on
Friday, putting two hundred jobs at risk in a town that has depended on it for a century.</p>
<p>Union leaders said the decision was taken without any consultation and promised to fight
it with every legal means available to the workers and their families.</p></article>
</body></html>"""


def test_analyze_text_without_storing(sqlite_client: TestClient) -> None:
    r = sqlite_client.post(ANALYZE, json={"text": TEXT}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is False and body["analysed"] is True
    assert body["title"] == "Harbour of Fairhaven reopens after storm"
    assert len(body["paragraphs"]) == 2 and body["text"].startswith("The harbour")
    assert [u["labels"] for u in body["techniques"]] == [["Loaded_Language"]] * 2
    assert body["metadata"]["origin"] == "api:text" and body["metadata"]["language"] == "en"
    assert sqlite_client.get(f"/api/v1/articles/{body['id']}").status_code == 404


def test_analyze_and_store(sqlite_client: TestClient) -> None:
    payload = {"text": TEXT, "store": True, "title": "Own\x00 title", "source": "Port News",
               "language": "de"}
    body = sqlite_client.post(ANALYZE, json=payload, headers=AUTH).json()
    assert body["stored"] is True and body["title"] == "Own title"
    stored = sqlite_client.get(f"/api/v1/articles/{body['id']}").json()
    assert stored["metadata"]["source"] == "Port News" and stored["metadata"]["language"] == "de"
    assert stored["genre"]["labels"] == ["opinion"] and stored["spans"]
    again = sqlite_client.post(ANALYZE, json=payload, headers=AUTH)  # duplicate: still fine
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert sqlite_client.get("/api/v1/articles").json()["total"] == 1


def test_analyze_html_drops_scripts_and_navigation(sqlite_client: TestClient) -> None:
    body = sqlite_client.post(ANALYZE, json={"html": PAGE.decode()}, headers=AUTH).json()
    assert body["title"] == "Mill in Coldharbour to close"
    assert "tracking" not in body["text"] and "Home | World" not in body["text"]
    assert body["metadata"]["media_type"] == "text/html"


@pytest.mark.parametrize("payload", [
    {}, {"text": TEXT, "url": "http://example.org/"}, {"text": TEXT, "html": "<p>x</p>"},
    {"text": TEXT, "unknown": 1}, {"url": "ftp://example.org/a"}, {"text": TEXT, "language": "EN!"},
    {"text": None}, {"text": TEXT, "store": "maybe"},
])
def test_invalid_bodies_are_422(sqlite_client: TestClient, payload: dict[str, object]) -> None:
    r = sqlite_client.post(ANALYZE, json=payload, headers=AUTH)
    assert r.status_code == 422, r.text


def test_text_that_is_no_article_is_422(sqlite_client: TestClient) -> None:
    r = sqlite_client.post(ANALYZE, json={"text": "Too short."}, headers=AUTH)
    assert r.status_code == 422 and r.json()["detail"].startswith("no-text")


def test_document_over_the_ingest_cap_is_413(sqlite_store: Store) -> None:
    from propscope.ingest.limits import Limits

    client = client_for(sqlite_store, fetch_limits=Limits(max_document_bytes=1000))
    r = client.post(ANALYZE, json={"text": TEXT * 10}, headers=AUTH)
    assert r.status_code == 413 and "too-large" in r.json()["detail"]


def test_analyzer_is_loaded_lazily_and_once(sqlite_store: Store) -> None:
    before = FakeAnalyzer.instances
    client = client_for(sqlite_store)
    assert FakeAnalyzer.instances == before
    for _ in range(2):
        assert client.post(ANALYZE, json={"text": TEXT}, headers=AUTH).status_code == 200
    assert FakeAnalyzer.instances == before + 1


class _SlowAnalyzer:
    def analyze(self, article: Article) -> Article:
        time.sleep(1.5)
        return article


def test_request_time_limit_is_504(sqlite_store: Store) -> None:
    app = create_app(sqlite_store, token=TOKEN, analyzer_factory=_SlowAnalyzer,
                     settings=ApiSettings(request_timeout=0.3))
    started = time.monotonic()
    r = TestClient(app).post(ANALYZE, json={"text": TEXT}, headers=AUTH)
    assert r.status_code == 504 and "longer than" in r.json()["detail"]
    assert time.monotonic() - started < 1.4


@pytest.fixture
def page_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving PAGE at /news/mill.html."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/news/mill.html":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_analyze_url_from_a_local_server_when_private_allowed(sqlite_store: Store,
                                                              page_server: str) -> None:
    client = client_for(sqlite_store, allow_private=True)
    url = f"{page_server}/news/mill.html"
    r = client.post(ANALYZE, json={"url": url, "store": True}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "Mill in Coldharbour to close"
    assert body["metadata"]["url"] == url and "paper mill" in body["text"]
    missing = client.post(ANALYZE, json={"url": f"{page_server}/nope"}, headers=AUTH)
    assert missing.status_code == 422 and "404" in missing.json()["detail"]


def test_loopback_url_is_refused_by_default(sqlite_client: TestClient, page_server: str) -> None:
    for url in (f"{page_server}/news/mill.html", "http://localhost:9/", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"):
        r = sqlite_client.post(ANALYZE, json={"url": url}, headers=AUTH)
        assert r.status_code == 400, (url, r.text)
        assert "forbidden-address" in r.json()["detail"]


def test_reanalyze_replaces_the_stored_analysis(sqlite_store: Store) -> None:
    articles = seed(sqlite_store)
    client = client_for(sqlite_store)
    target = articles[2]  # no techniques in the fixture
    assert client.post(f"/api/v1/articles/{target.id}/reanalyze").status_code == 401
    r = client.post(f"/api/v1/articles/{target.id[:10]}/reanalyze", headers=AUTH)
    assert r.status_code == 200, r.text
    assert [u["labels"] for u in r.json()["techniques"]] == [["Loaded_Language"]] * 2
    stored = client.get(f"/api/v1/articles/{target.id}").json()
    assert stored["genre"]["labels"] == ["opinion"]
    assert [u["labels"] for u in stored["techniques"]] == [["Loaded_Language"]] * 2
    assert client.post("/api/v1/articles/0000000000000000/reanalyze",
                       headers=AUTH).status_code == 404


def test_analyze_with_the_real_models(sqlite_store: Store) -> None:
    """End to end once: the default analyzer (shipped models) behind the API."""
    client = TestClient(create_app(sqlite_store, token=TOKEN))
    body = client.post(ANALYZE, json={"text": TEXT}, headers=AUTH).json()
    assert body["analysed"] is True and body["techniques_model"]
    assert len(body["techniques"]) == 3  # title + two paragraphs
    assert set(body["techniques"][1]["probabilities"]) == set(TECHNIQUES)
    assert body["genre"]["labels"][0] in GENRES and body["frames"] is not None
