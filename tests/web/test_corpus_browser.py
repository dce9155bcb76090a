"""The cross-document pages in a real browser: from the narrative list to a narrative, to a
member article's reuse section, and along a reuse link to the copy with its marker."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.conftest import ARTIFACTS, Server
from tests.web.corpus_links import BRIDGE, add_results


def test_narrative_to_article_to_copy(page: Page, server: Server) -> None:
    named = add_results(server.store, server.articles)
    page.goto(f"{server.base}/")
    page.click('nav a[href="/narratives"]')
    expect(page.locator("#n-narratives")).to_have_text("2")
    page.click(f'#items a[href="/narratives/{BRIDGE}"]')
    expect(page).to_have_url(re.compile(f"/narratives/{BRIDGE}$"))
    expect(page.locator("h1")).to_have_text("<img src=x onerror=alert(12)> harbour bridge txet")
    expect(page.locator("#c-timeline + table th")).to_have_text(["2024-01", "2024-02", "2024-03"])
    assert page.locator("#c-timeline + table rect").nth(1).get_attribute("width") == "100.0"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "narrative.png"), full_page=True)

    page.click("#representative")
    expect(page.locator("h1")).to_have_text("Traitors in the capital, again")
    links = page.locator('#reuse article.link[data-direction="copied by"]')
    expect(links).to_have_count(2)
    expect(page.locator("#narratives a")).to_have_text(re.compile("harbour bridge"))
    spun = page.locator('#reuse article.link[data-kind="spun"]')
    expect(spun.locator(".passages tbody tr")).to_have_count(1)
    spun.locator("details.dropped summary").click()
    expect(spun.locator("details.dropped li")).to_have_count(2)
    page.screenshot(path=str(ARTIFACTS / "article-reuse.png"), full_page=True)

    spun.locator("h3 a.title").click()
    expect(page).to_have_url(re.compile(f"/articles/{named['hostile'].id}$"))
    mark = page.locator("#text mark.marker")
    expect(mark).to_have_text("Plain start")
    assert page.eval_on_selector("#text mark.marker", "e => getComputedStyle(e).outlineStyle") \
        == "dashed"
    expect(page.locator('#reuse article.link[data-direction="copies"] .evidence q')).to_have_text(
        "<svg onload=alert(11)> reports:")
    assert page.locator("main svg").count() == 0  # the hostile marker stayed text
