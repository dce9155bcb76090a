"""Who says what on the dashboard: the article's speakers and quote highlights (speaker on
hover and focus, each technique's voice), entity list and entity pages, hostile names
inert. A server of its own (the session server's corpus counts are asserted elsewhere)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, expect

from propscope.api.app import create_app
from propscope.schema import Article
from propscope.store import Store, open_store
from tests.voices_data import voices_article
from tests.web.conftest import TOKEN, Watch, running, watch_page

HOSTILE = '<img src=x onerror=alert(61)>'
HOSTILE_QUOTE = '</q><script>alert(62)</script> we will win'


@dataclass
class VoicesSite:
    base: str
    store: Store
    holt: Article
    hostile: Article
    client: TestClient


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoicesSite]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('voices')}/v.db")
    items = [voices_article(1, source="Example News"),
             voices_article(2, source="Other Outlet", stance="supportive", score=0.7),
             voices_article(3, speaker=f"Eve {HOSTILE}", key="per:eve", said=HOSTILE_QUOTE,
                            source=f"<b>{HOSTILE}</b>")]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    app = create_app(store, token=TOKEN)
    with running(app) as base, TestClient(app) as client:
        yield VoicesSite(base, store, items[0][0], items[2][0], client)
    store.close()


@pytest.fixture
def vpage(browser: Browser, site: VoicesSite) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    w = Watch(site.base)
    context.route(lambda url: not w.is_local(url), lambda route: route.abort())
    page = context.new_page()
    watch_page(page, site.base, w)
    yield page
    context.close()
    assert not (w.dialogs or w.csp or w.errors or w.foreign), (w.dialogs, w.csp, w.errors, w.foreign)


def test_speakers_quote_tooltips_and_entity_page(vpage: Page, site: VoicesSite) -> None:
    page = vpage
    page.goto(f"{site.base}/articles/{site.holt.id}")
    expect(page.locator("#speakers a.speaker")).to_have_text(["Jane Holt"])
    expect(page.locator("#voice-split")).to_contain_text("1 in the outlet's own words, 1 inside quotes")
    quote = page.locator("#text .qt")
    expect(quote.first).to_have_text("The treaty ")  # the part before the technique span
    quote.first.hover()
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Quote — speaker: Jane Holt (said)")
    page.locator("#text .qt .hl").focus()  # keyboard: the technique inside the quote
    expect(tip).to_contain_text("speaker: Jane Holt")
    expect(tip).to_contain_text("voice: quoted, Jane Holt")
    page.locator('#text .hl[data-techniques="Name_Calling,Labeling"]').focus()
    expect(tip).to_contain_text("voice: the outlet's own words")
    expect(tip).not_to_contain_text("Quote")
    assert page.eval_on_selector("#text .qt", "e => getComputedStyle(e).borderBottomStyle") == "dotted"

    page.click("#speakers a.speaker")
    expect(page).to_have_url(re.compile(r"/entities/per%3Ajane-holt$"))
    expect(page.locator("h1")).to_have_text("Jane Holt")
    expect(page.locator("#by-source tbody tr")).to_have_count(2)
    expect(page.locator("#entity-quotes q")).to_have_text(
        ["The treaty is a shameful betrayal of our farmers"] * 2)
    expect(page.locator("#entity-articles li")).to_have_count(2)


def test_hostile_speaker_and_quote_render_inert(vpage: Page, site: VoicesSite) -> None:
    page = vpage
    page.goto(f"{site.base}/articles/{site.hostile.id}")
    expect(page.locator("#speakers a.speaker")).to_have_text([f"Eve {HOSTILE}"])
    expect(page.locator("#quotes q")).to_have_text([HOSTILE_QUOTE])
    page.locator("#text .qt").first.hover()
    expect(page.locator("#tip")).to_contain_text(f"speaker: Eve {HOSTILE}")
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    page.click("#speakers a.speaker")
    expect(page.locator("h1")).to_have_text(f"Eve {HOSTILE}")
    expect(page.locator("#by-source td").first).to_have_text(f"<b>{HOSTILE}</b>")
    page.goto(f"{site.base}/entities?q=onerror")
    expect(page.locator("#items tbody a")).to_have_text([f"Eve {HOSTILE}"])
    assert page.locator("main img").count() == 0


def test_entity_list_markup_filters_and_errors(site: VoicesSite) -> None:
    c = site.client
    html = c.get("/entities").text
    assert '<strong id="n-entities">3</strong>' in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(61)&gt;" in html
    people = c.get("/entities", params={"kind": "person"}).text
    assert 'id="n-entities">2<' in people and "City Council" not in people
    bad = c.get("/entities", params={"kind": "planet"})
    assert bad.status_code == 400 and "unknown entity kind" in bad.text
    missing = c.get("/entities/per:nobody")
    assert missing.status_code == 404 and "per:nobody" in missing.text
    assert re.search(r'<a href="/entities/per%3Ajane-holt"', html)
    assert 'nav' in html and 'href="/entities"' in html


def test_article_without_voices_has_no_section(site: VoicesSite) -> None:
    bare, sha = voices_article(9)
    bare.analysis.voices = None  # type: ignore[union-attr]
    site.store.save_batch([(bare, sha)])
    site.store.save_analyses([bare])
    html = site.client.get(f"/articles/{bare.id}").text
    assert 'id="voices"' not in html and 'class="qt"' not in html
    assert 'data-voices' not in html


def test_voices_by_outlet_names_speakers_and_is_linked_from_sources(site: VoicesSite) -> None:
    """Source profiles show both voices: /voices is in the nav and linked from /sources, and a
    reader sees the speaker's name (linked to the entity page), never a raw id."""
    html = site.client.get("/voices").text
    row = re.search(r"<tr><td dir=\"auto\">Example News</td>.*?</tr>", html, re.DOTALL)
    assert row is not None
    assert re.search(r'<a href="/entities/per%3Ajane-holt" dir="auto">Jane Holt</a> 1', row.group(0))
    assert ">per:jane-holt<" not in html
    assert '<a href="/voices"' in html  # nav
    assert '<a href="/voices">' in site.client.get("/sources").text
