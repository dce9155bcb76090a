"""Cross-document dashboard pages without a browser: narratives, one narrative, sources,
reuse, and the article page's reuse section. CSP-clean markup, escaped hostile labels,
empty states that name the command, bad input as 400/404."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propscope.api.app import create_app
from propscope.schema import Article
from propscope.schema.corpus import Marker
from propscope.store import open_store
from propscope.web import routes_corpus
from propscope.web.article_view import build_view
from propscope.web.corpus_views import mark_markers
from tests.web.conftest import TOKEN, Server
from tests.web.corpus import FakeAnalyzer, corpus, planet
from tests.web.corpus_links import BRIDGE, SOLO, add_results
from tests.web.test_pages import _tags


@pytest.fixture(scope="module")
def named(server: Server) -> dict[str, Article]:
    return add_results(server.store, server.articles)


@pytest.fixture
def client(server: Server, named: dict[str, Article]) -> Iterator[TestClient]:
    with TestClient(server.app) as c:
        yield c


def _csp_clean(html: str) -> None:
    tags = _tags(html)
    assert [a for t, a in tags if t == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in tags if t in ("style", "iframe", "img", "object", "embed")]
    assert not [(t, n) for t, a in tags for n in a if n == "style" or n.startswith("on")]
    assert not [a for t, a in tags if t == "a" and not re.match(r"https?:|/", a["href"])]


def test_corpus_pages_are_csp_clean_and_escaped(client: TestClient,
                                                named: dict[str, Article]) -> None:
    paths = ["/narratives", f"/narratives/{BRIDGE}", f"/narratives/{SOLO}", "/sources",
             "/sources?period=month", "/reuse", "/reuse?kind=spun",
             f"/articles/{named['hostile'].id}", f"/articles/{named['planet'].id}"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        _csp_clean(r.text)
        assert "<img src=x" not in r.text and "<svg onload" not in r.text, path
        assert "\u202e" not in r.text, path
    html = client.get("/narratives").text
    assert "&lt;img src=x onerror=alert(12)&gt; harbour bridge txet" in html
    assert f'href="/narratives/{BRIDGE}"' in html


def test_navigation_links_the_new_pages(client: TestClient) -> None:
    html = client.get("/").text
    for href in ("/narratives", "/sources", "/reuse"):
        assert f'<a href="{href}"' in html
    assert "later stage" not in html
    assert '<a href="/reuse" aria-current="page">' in client.get("/reuse").text


def test_narrative_list_and_detail(client: TestClient, named: dict[str, Article]) -> None:
    html = client.get("/narratives").text
    assert re.search(r'id="n-narratives">2<', html)
    assert html.index(BRIDGE) < html.index(SOLO)  # biggest first
    assert "2024-01-15 – 2024-03-21" in html
    only_big = client.get("/narratives?min_size=2").text
    assert SOLO not in only_big and re.search(r'id="n-narratives">1<', only_big)
    page = client.get(f"/narratives/{BRIDGE}").text
    assert re.search(r'id="n-members">5<', page)
    assert "&lt;i&gt;tender&lt;/i&gt;" in page
    assert f'href="/articles/{named["planet"].id}" id="representative"' in page
    # timeline bars in month order, SVG widths relative to the biggest month
    months = re.findall(r'<span dir="auto">(\d{4}-\d\d)</span>', page)
    assert months == ["2024-01", "2024-02", "2024-03"]
    assert 'width="50.0"' in page and 'width="100.0"' in page
    assert "Loaded language" in page and "Flag waving" in page
    members = re.findall(r'<a class="title" href="/articles/([0-9a-f]+)"', page)
    assert members[0] == named["planet"].id and len(members) == 5


def test_narrative_members_are_paged(client: TestClient,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes_corpus, "PAGE_SIZE", 2)
    page = client.get(f"/narratives/{BRIDGE}?page=3").text
    assert "page 3 of 3" in page
    assert len(re.findall(r'<a class="title" href="/articles/', page)) == 1
    assert f'href="/narratives/{BRIDGE}?page=2"' in page


def test_reuse_page(client: TestClient, named: dict[str, Article],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    html = client.get("/reuse").text
    assert re.search(r'id="n-links">3<', html)
    assert html.count('class="item link"') == 3
    assert "&lt;svg onload=alert(11)&gt; reports:" in html
    assert "40% of the earlier reused, 50% of the later copied" in html
    spun = client.get("/reuse?kind=spun").text
    assert re.search(r'id="n-links">1<', spun) and 'data-kind="partial"' not in spun
    monkeypatch.setattr(routes_corpus, "PAGE_SIZE", 1)
    first = client.get("/reuse").text
    assert "page 1 of 3" in first and 'href="/reuse?page=2"' in first
    r = client.get("/reuse?kind=copied")
    assert r.status_code == 400 and "kind: expected one of" in r.text


def test_sources_page(client: TestClient, named: dict[str, Article]) -> None:
    html = client.get("/sources").text
    assert re.search(r'id="n-profiles">6<', html)
    row = re.search(r'<tr><th scope="row"><a href="/articles\?source=Morning\+Wire".*?</tr>',
                    html, re.DOTALL).group(0)
    assert "Daily Planet <small>1</small>" in row  # copies from
    assert "Diario Costero <small>1</small>" in row  # copied by
    assert f'href="/narratives/{BRIDGE}"' in row
    assert "&lt;img src=x onerror=alert(12)&gt;" in row  # the narrative's label, escaped
    assert "no-reuse" not in html and "no-narratives" not in html
    monthly = client.get("/sources?period=month&source=Tagesblick").text
    assert re.search(r'id="n-profiles">1<', monthly) and "<td>2024-03</td>" in monthly
    r = client.get("/sources?period=week")
    assert r.status_code == 400 and "period: expected one of" in r.text
    assert client.get("/sources?source=" + "x" * 400).status_code == 400


def test_article_reuse_section(client: TestClient, named: dict[str, Article]) -> None:
    html = client.get(f"/articles/{named['planet'].id}").text
    section = html[html.index('id="reuse"'):]
    assert section.count('data-direction="copied by"') == 2
    assert "Copies from" not in section
    assert "&lt;img src=x onerror=alert(12)&gt; harbour bridge" in html  # narrative link
    # wire took planet's third paragraph: here ¶3, there ¶1, both excerpts shown
    assert re.search(r"¶3</td><td class=\"num\">¶1</td>", section)
    assert "The committee meets again on Thursday" in section
    assert "The city said the harbour bridge tender" in section
    assert "Paragraphs here it left out (2)" in section
    hostile = client.get(f"/articles/{named['hostile'].id}").text
    assert '<mark class="marker mk-reports">Plain start</mark>' in hostile
    assert "Evidence in this article" in hostile
    assert "&lt;svg onload=alert(11)&gt; reports:" in hostile
    assert "&#34; onfocus=&#34;alert(13)" in hostile
    assert "in removed boilerplate" in hostile  # the [19659008] marker sits in source_text
    assert "1 highlighted in the text above" in hostile


def test_unknown_narrative_is_404(client: TestClient) -> None:
    r = client.get("/narratives/n-000000000000")
    assert r.status_code == 404 and "no narrative with id" in r.text


def test_empty_states_name_the_command(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/empty.db")
    with TestClient(create_app(store, token=TOKEN, analyzer_factory=FakeAnalyzer)) as c:
        assert "No articles yet: run <code>propscope ingest</code>" in c.get("/sources").text
        articles = corpus()
        store.save_batch([(a, f"sha-{a.id}") for a in articles])
        assert "run <code>propscope narratives</code>" in c.get("/narratives").text
        assert "run <code>propscope reuse</code>" in c.get("/reuse").text
        sources = c.get("/sources").text
        assert 'id="no-reuse"' in sources and 'id="no-narratives"' in sources
        page = c.get(f"/articles/{articles[0].id}").text
        assert "No reuse links yet: run <code>propscope reuse</code>" in page
        assert "No narratives yet: run <code>propscope narratives</code>" in page
        add_results(store, articles)
        page = c.get(f"/articles/{next(a.id for a in articles if a.language == 'ru')}").text
        assert "No other article copies this one or is copied by it." in page
    store.close()


def test_markers_split_segments_at_their_offsets() -> None:
    a = planet()
    view = build_view(a)
    at = a.text.index("elites in")
    shown = mark_markers(view, [Marker(a.id, "spin", at, at + len("elites in"), "elites in"),
                                Marker(a.id, "via", 0, 3, "x", where="source")])
    assert shown == 1
    segs = view.paragraphs[0].segments
    assert "".join(s.text for s in segs) == a.text[a.paragraphs[0].start:a.paragraphs[0].end]
    marked = [(s.text, s.techniques) for s in segs if s.marker == "mk-spin"]
    assert marked == [("elites", ("Loaded_Language", "Name_Calling-Labeling")),
                      (" in", ("Name_Calling-Labeling",))]
