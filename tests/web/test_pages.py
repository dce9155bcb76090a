"""Dashboard pages without a browser: status codes, error messages, CSP-clean markup, the
analyze form's access control and limits, and the pieces the templates rely on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propscope.api.app import create_app
from propscope.api.settings import ApiSettings
from propscope.ingest.limits import Limits
from propscope.report.techniques_info import TECHNIQUE_INFO
from propscope.store import open_store
from propscope.web import routes
from propscope.web.article_view import Layers
from propscope.web.filters import bars, month_range
from propscope.web.techniques_css import stylesheet
from tests.web.conftest import TOKEN, Server
from tests.web.corpus import FakeAnalyzer

ORIGIN = {"origin": "http://testserver"}
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(server: Server) -> Iterator[TestClient]:
    with TestClient(server.app) as c:
        yield c


@pytest.fixture
def writer(server: Server) -> Iterator[TestClient]:
    """Logged in through /login, like a browser that opened the printed login link."""
    with TestClient(server.app) as c:
        assert c.get(f"/login?token={TOKEN}", follow_redirects=False).status_code == 303
        yield c


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag and its attributes, as a browser's parser would see them."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def _hostile_id(server: Server) -> str:
    return next(a.id for a in server.articles if a.title.startswith("<script>"))


def test_pages_are_csp_clean(client: TestClient, server: Server) -> None:
    """No inline script, style attribute or event handler on any page, hostile one included."""
    paths = ["/", "/?language=en", "/articles", "/search?q=bridge", "/analyze",
             f"/articles/{_hostile_id(server)}", f"/articles/{server.articles[0].id}"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        tags = _tags(r.text)
        assert [a for t, a in tags if t == "script"] == [{"src": "/static/app.js", "defer": None}]
        assert not [t for t, _ in tags if t in ("style", "iframe", "img", "object", "embed")]
        assert not [(t, n) for t, a in tags for n in a if n == "style" or n.startswith("on")]
        assert not [a for t, a in tags if t == "a" and not re.match(r"https?:|/", a["href"])]


def test_bad_filters_are_400_with_a_message(client: TestClient) -> None:
    r = client.get("/?since=last-tuesday")
    assert r.status_code == 400 and "since: expected a date" in r.text
    r = client.get("/articles?technique=Mind_Control")
    assert r.status_code == 400 and "technique: unknown label" in r.text
    assert client.get("/articles?source=" + "x" * 600).status_code == 400


def test_filters_change_the_numbers(client: TestClient) -> None:
    def count(query: str) -> str:
        return re.search(r'id="n-articles">(\d+)<', client.get("/" + query).text).group(1)

    assert (count(""), count("?language=en"), count("?language=en&genre=reporting")) == ("6", "3", "1")
    assert count("?since=2024-02-01&until=2024-02-29") == "2"


def test_pagination_keeps_the_filters(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "PAGE_SIZE", 2)
    html = client.get("/articles?language=en&page=1").text
    assert "page 1 of 2" in html
    assert 'href="/articles?language=en&amp;page=2"' in html
    assert "page 2 of 2" in client.get("/articles?language=en&page=2").text


def test_unknown_and_malformed_ids(client: TestClient) -> None:
    r = client.get("/articles/ffffffffffffffff")
    assert r.status_code == 404 and "no article with id" in r.text and "<html" in r.text
    assert client.get("/articles/not-hex!").status_code == 400


def test_analyze_refuses_without_token_or_from_another_origin(server: Server) -> None:
    body = {"text": "Disgraceful decision\n\nA shameful plan for the valley, said everyone."}
    with TestClient(server.app) as anonymous:
        r = anonymous.post("/analyze", data=body, headers=ORIGIN)
        assert r.status_code == 401 and "Not allowed" in r.text
    with TestClient(server.app) as c:
        c.get(f"/login?token={TOKEN}")
        r = c.post("/analyze", data=body, headers={"origin": "http://evil.example"})
        assert r.status_code == 403 and "cross-origin write refused" in r.text
        r = c.post("/analyze", data=body)  # neither Origin nor Referer
        assert r.status_code == 403


def test_analyze_input_errors(writer: TestClient) -> None:
    def post(**data: str) -> tuple[int, str]:
        r = writer.post("/analyze", data=data, headers=ORIGIN)
        return r.status_code, (re.search(r'class="error"[^>]*>([^<]*)<', r.text) or [None, ""])[1]

    assert post(text="  ") == (400, "Nothing to analyze: paste some text or HTML, or give a URL.")
    assert post(text="words", url="https://example.org/")[1].startswith("Give either")
    assert post(url="javascript:alert(1)")[1].startswith("Refused URL: only http(s)")
    status, message = post(url="http://127.0.0.1:9/internal")
    assert status == 400 and message.startswith("Refused URL: forbidden-address")
    r = writer.post("/analyze", content=b'{"text": "x"}',
                    headers={**ORIGIN, "content-type": "application/json"})
    assert r.status_code == 415


def test_analyze_too_large(server: Server) -> None:
    """A body over the server's cap is cut off before it is read; a document over the
    document cap is explained on the form."""
    settings = ApiSettings(max_body_bytes=64 * 1024, fetch_limits=Limits(max_document_bytes=1000))
    app = create_app(server.store, token=TOKEN, analyzer_factory=FakeAnalyzer, settings=settings)
    with TestClient(app) as c:
        c.get(f"/login?token={TOKEN}")
        r = c.post("/analyze", content=b"text=" + b"a" * 100_000, headers={**ORIGIN, **FORM})
        assert r.status_code == 413
        r = c.post("/analyze", content=b"text=" + b"a+" * 2000, headers={**ORIGIN, **FORM})
        assert r.status_code == 413
        assert "Too large: too-large: document of 4000 bytes &gt; 1000" in r.text
        assert 'maxlength="65536"' in c.get("/analyze").text


def test_analyze_html_and_store(tmp_path: Path) -> None:
    """Stored into a store of its own: the shared one keeps its known counts."""
    html = ("<html><head><title>Valley plan</title></head><body><article><h1>Valley plan</h1>"
            "<p>The traitors on the council pushed a disgraceful plan through on Monday night, "
            "residents said.</p><p>A second vote is expected in spring, officials added.</p>"
            "</article></body></html>")
    store = open_store(f"sqlite:///{tmp_path}/own.db")
    with TestClient(create_app(store, token=TOKEN, analyzer_factory=FakeAnalyzer)) as writer:
        writer.get(f"/login?token={TOKEN}")
        r = writer.post("/analyze", data={"text": html, "store": "1", "source": "Valley Post"},
                        headers=ORIGIN)
    assert r.status_code == 200, r.text
    article_id = re.search(r'data-article="([0-9a-f]{16})"', r.text).group(1)
    assert "Analyzed and stored as" in r.text
    assert re.findall(r'data-techniques="Loaded_Language"[^>]*>([^<]+)<', r.text) == \
        ["traitors", "disgraceful"]
    stored = store.get_article(article_id)
    assert stored.source == "Valley Post" and stored.analysis is not None
    assert store.corpus_stats().by_technique == {"Loaded_Language": 1}
    store.close()


def test_overlapping_spans_keep_their_underline_layer() -> None:
    layers = Layers()
    assert layers.classes(("Doubt",)) == "b-Doubt l0-Doubt"
    assert layers.classes(("Doubt", "Slogans")) == "b-Doubt l0-Doubt l1-Slogans"
    # Doubt ends: Slogans stays on layer 1 rather than jumping up to 0
    assert layers.classes(("Slogans",)) == "b-Slogans l1-Slogans"
    assert layers.classes(()) == ""
    many = ("Doubt", "Slogans", "Repetition", "Straw_Man", "Red_Herring")
    assert Layers().classes(many).endswith("l3-Straw_Man more")
    assert Layers().classes(("<x>",)) == "b-other l0-other"


def test_stylesheet_has_a_colour_and_hide_rule_per_technique() -> None:
    css = stylesheet()
    for name, info in TECHNIQUE_INFO.items():
        assert f".t-{name}{{--tc:{info.colour}}}" in css
        assert f".hide-{name} .b-{name}{{--b:transparent}}" in css
    assert len(TECHNIQUE_INFO) == 23 and ".t-other{" in css


def test_bars_and_months() -> None:
    rows = bars({"en": 4, "de": 1}, "language", {"genre": "opinion"})
    assert [(b.label, b.width) for b in rows] == [("en", 100.0), ("de", 25.0)]
    assert rows[1].href == "/articles?genre=opinion&language=de"
    assert month_range("2024-02") == {"since": "2024-02-01", "until": "2024-02-29"}
    assert month_range("2024-12") == {"since": "2024-12-01", "until": "2024-12-31"}
    assert month_range("unknown") == {}
