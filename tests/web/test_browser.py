"""The dashboard in a real browser (Debian's Chromium through Playwright) against a real
server: highlights, legend toggles, tooltips by mouse and keyboard, search hits, the
analyze form, filters in the URL, and hostile content that must stay inert."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect

from propscope.api.settings import AnalyzerHolder
from tests.web.conftest import ARTIFACTS, TOKEN, Server, Watch, watch_page
from tests.web.corpus import HOSTILE_LABEL

TRANSPARENT = "rgba(0, 0, 0, 0)"


def _open(page: Page, server: Server, title_start: str) -> str:
    article = next(a for a in server.articles if a.title.startswith(title_start))
    page.goto(f"{server.base}/articles/{article.id}")
    return article.id


def _background(page: Page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def test_article_page_highlights_legend_and_screenshot(page: Page, server: Server) -> None:
    _open(page, server, "Traitors")
    expect(page.locator("h1")).to_have_text("Traitors in the capital, again")
    hl = page.locator("#text .hl")
    expect(hl.first).to_have_text("corrupt ")
    overlap = page.locator('#text .hl[data-techniques="Loaded_Language Name_Calling-Labeling"]')
    expect(overlap).to_have_text("elites")
    assert "l0-Loaded_Language" in overlap.get_attribute("class")
    assert "l1-Name_Calling-Labeling" in overlap.get_attribute("class")
    # two underline layers drawn on the overlap, one colour per technique
    shadows = page.eval_on_selector(
        '#text .hl[data-techniques="Loaded_Language Name_Calling-Labeling"]',
        "e => getComputedStyle(e).boxShadow")
    colours = re.findall(r"rgba?\([^)]*\)", shadows)
    assert colours[0].startswith("rgb(") and colours[1].startswith("rgb(")
    assert colours[0] != colours[1] and set(colours[2:]) == {TRANSPARENT}
    expect(page.locator("#legend .tname")).to_have_text(["Loaded language", "Name calling"])
    expect(page.locator("#genre")).to_contain_text("Opinion")
    expect(page.locator("#frames")).to_contain_text("Political 0.66")
    expect(page.locator(".labels")).to_contain_text("Title: Loaded language 0.71")
    link = page.locator("a.source")
    expect(link).to_have_attribute("href", "https://planet.example/traitors")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert (ARTIFACTS / "article.png").stat().st_size > 10_000


def test_legend_toggle_hides_and_shows_a_technique(page: Page, server: Server) -> None:
    _open(page, server, "Traitors")
    only_loaded = '#text .hl[data-techniques="Loaded_Language"]'
    shown = _background(page, only_loaded)
    assert shown != TRANSPARENT
    box = page.locator('#legend input[data-technique="Loaded_Language"]')
    box.uncheck()
    expect(page.locator("#text")).to_have_class(re.compile(r"\bhide-Loaded_Language\b"))
    assert _background(page, only_loaded) == TRANSPARENT
    # the other technique keeps its colour
    assert _background(page, '#text .hl[data-techniques="Name_Calling-Labeling"]') != TRANSPARENT
    box.check()
    expect(page.locator("#text")).not_to_have_class(re.compile(r"\bhide-Loaded_Language\b"))
    assert _background(page, only_loaded) == shown


def test_tooltip_on_hover_names_defines_and_scores(page: Page, server: Server) -> None:
    _open(page, server, "Traitors")
    tip = page.locator("#tip")
    expect(tip).to_be_hidden()
    page.hover('#text .hl[data-techniques="Loaded_Language Name_Calling-Labeling"]')
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    expect(tip.locator(".tip-name")).to_have_text(["Loaded language", "Name calling"])
    expect(tip).to_contain_text("emotionally charged words")
    expect(tip.locator(".tip-conf")).to_have_text(["confidence 0.83", "confidence 0.64"])
    # a hidden technique drops out of the tooltip
    page.locator('#legend input[data-technique="Name_Calling-Labeling"]').uncheck()
    page.hover("h1")
    page.hover('#text .hl[data-techniques="Loaded_Language Name_Calling-Labeling"]')
    expect(tip.locator(".tip-name")).to_have_text(["Loaded language"])
    page.hover("h1")
    expect(tip).to_be_hidden()


def test_tooltip_by_keyboard_focus_and_escape(page: Page, server: Server) -> None:
    _open(page, server, "Traitors")
    page.focus("#show-removed")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl')"):
            break
    focused = page.locator("#text .hl:focus")
    expect(focused).to_have_text("corrupt ")
    expect(focused).to_have_attribute("aria-describedby", "tip")
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Loaded language")
    expect(tip).to_contain_text("confidence 0.83")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(focused).not_to_have_attribute("aria-describedby", "tip")
    page.keyboard.press("Tab")
    expect(page.locator("#text .hl:focus")).to_have_text("elites")
    expect(tip).to_contain_text("Name calling")


def test_removed_boilerplate_shown_in_place(page: Page, server: Server) -> None:
    _open(page, server, "Traitors")
    removed = page.locator("#text .removed")
    expect(removed).to_have_count(2)
    expect(removed.first).to_be_hidden()
    page.check("#show-removed")
    expect(removed.first).to_be_visible()
    expect(removed.first).to_contain_text("Subscribe to our newsletter")
    # in place: the navigation block sits right before the third paragraph
    following = page.eval_on_selector_all(
        "#text .removed", "els => els.map(e => e.nextElementSibling.dataset.paragraph)")
    assert following == ["0", "2"]
    page.uncheck("#show-removed")
    expect(removed.first).to_be_hidden()


def test_untrained_language_carries_a_low_confidence_notice(page: Page, server: Server) -> None:
    _open(page, server, "El puente")
    expect(page.locator("#low-confidence")).to_contain_text("not trained on this language (es)")
    _open(page, server, "Traitors")
    expect(page.locator("#low-confidence")).to_have_count(0)


def test_search_marks_hits(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/search")
    page.fill("#q", "harbour")
    page.press("#q", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=harbour$"))
    marks = page.locator("#items mark")
    expect(marks.first).to_be_visible()
    assert {m.lower() for m in marks.all_text_contents()} == {"harbour"}
    expect(page.locator("#n-total")).to_have_text("2")
    page.goto(f"{server.base}/search?q=%3Cb%3Ebold%3C%2Fb%3E")
    expect(page.locator("#q")).to_have_value("<b>bold</b>")
    assert page.locator("main b").count() == 0


def test_filters_persist_in_the_url_and_apply(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/?language=en")
    expect(page.locator("#n-articles")).to_have_text("3")
    expect(page.locator("select[name=language]")).to_have_value("en")
    page.select_option("select[name=genre]", "opinion")
    page.click(".filters button[type=submit]")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"language": ["en"], "genre": ["opinion"]}
    expect(page.locator("#n-articles")).to_have_text("1")
    expect(page.locator("select[name=language]")).to_have_value("en")
    expect(page.locator("select[name=genre]")).to_have_value("opinion")
    # a bar links to the article list with the current filters plus its own value
    page.click("#c-technique ~ table a:text('Name calling')")
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/articles"
    assert query == {"language": ["en"], "genre": ["opinion"], "technique": ["Name_Calling-Labeling"]}
    expect(page.locator("#n-total")).to_have_text("1")
    expect(page.locator("#items .title")).to_have_text(["Traitors in the capital, again"])
    expect(page.locator("select[name=technique]")).to_have_value("Name_Calling-Labeling")
    expect(page.locator("#items .chip").first).to_have_text("Loaded language")


def test_analyze_pasted_text_needs_login_then_highlights(page: Page, server: Server) -> None:
    text = ("Shameful decision\n\nThe council made a disgraceful choice that invites catastrophe "
            "for every family in the valley.\n\nResidents will meet on Friday.")
    page.goto(f"{server.base}/analyze")
    expect(page.locator("#login-needed")).to_be_visible()
    page.fill("#text", text)
    page.click("#analyze-submit")
    expect(page.locator(".error")).to_contain_text("Not allowed")
    expect(page.locator("#text")).to_have_value(text)  # the form keeps the input
    page.goto(f"{server.base}/login?token={TOKEN}")
    page.goto(f"{server.base}/analyze")
    expect(page.locator("#login-needed")).to_have_count(0)
    page.fill("#text", text)
    page.click("#analyze-submit")
    expect(page.locator(".notice")).to_contain_text("not stored")
    expect(page.locator("#text .hl")).to_have_text(["disgraceful", "catastrophe"])
    page.hover("#text .hl >> nth=0")
    expect(page.locator("#tip")).to_contain_text("confidence 0.88")


def test_analyze_errors_are_explained(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/login?token={TOKEN}")
    page.goto(f"{server.base}/analyze")
    page.click("#analyze-submit")
    expect(page.locator(".error")).to_contain_text("Nothing to analyze")
    page.fill("#url", "http://127.0.0.1:1/private")
    page.click("#analyze-submit")
    expect(page.locator(".error")).to_contain_text("Refused URL")


def test_analyze_with_the_real_models(page: Page, server: Server) -> None:
    server.app.state.analyzer = AnalyzerHolder(None)  # PersuasionAnalyzer, models from disk
    page.goto(f"{server.base}/login?token={TOKEN}")
    page.goto(f"{server.base}/analyze")
    page.fill("#text", "Our great nation will never surrender to these corrupt traitors\n\n"
              "The corrupt traitors in parliament have betrayed every patriot in this country, "
              "and only a fool would believe their lies about the budget.\n\n"
              "Stand up now, before it is too late, and defend our glorious homeland!")
    page.click("#analyze-submit")  # not stored: the shared store keeps its known counts
    expect(page.locator(".notice")).to_contain_text("not stored", timeout=60_000)
    expect(page.locator("#genre")).to_contain_text("Genre:")
    expect(page.locator("#frames")).to_contain_text("Frames:")
    expect(page.locator("#text .para")).to_have_count(2)
    assert server.app.state.analyzer.loaded  # the real models ran, not the fake
    assert server.store.get_article(page.locator("#doc").get_attribute("data-article")) is None


def test_hostile_article_renders_inert(watched: tuple[Page, Watch], server: Server) -> None:
    page, watch = watched
    _open(page, server, "<script>")
    page.check("#show-removed")
    for seg in page.locator("#text .hl").all():
        seg.hover()
        seg.focus()
    # everything hostile is text: exact strings on screen, no element or handler from content
    expect(page.locator("h1")).to_have_text("<script>alert(1)</script><img src=x onerror=alert(2)>evil title")
    expect(page.locator("#text .para").first).to_contain_text("<img src=x onerror=alert(3)>")
    expect(page.locator("#text .removed")).to_contain_text("<iframe src=javascript:alert(8)></iframe>")
    found = page.evaluate("""() => ({
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        injected: document.querySelectorAll('main img, main iframe, main svg, main b, main script, [autofocus]').length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
        jsLinks: [...document.querySelectorAll('[href]')].filter(e =>
            !/^(https?:|\\/)/.test(e.getAttribute('href'))).length,
        bidi: /[\\u202a-\\u202e\\u2066-\\u2069\\u200b]/.test(document.body.innerText),
    })""")
    assert found == {"scripts": ["/static/app.js"], "injected": 0, "handlers": [], "jsLinks": 0,
                     "bidi": False}
    expect(page.locator(".meta .url")).to_have_text("javascript:alert(10)")
    expect(page.locator("a.source")).to_have_count(0)
    weird = page.locator("#text .hl").nth(1)
    assert weird.get_attribute("data-techniques") == HOSTILE_LABEL
    assert "l0-other" in weird.get_attribute("class")
    page.goto(f"{server.base}/articles")  # the listing shows the same title, inert
    page.goto(f"{server.base}/search?q=onerror")
    expect(page.locator("#items mark").first).to_have_text("onerror")
    assert not watch.dialogs


def test_watchers_do_catch_csp_violations_and_foreign_requests(browser: Browser,
                                                               server: Server) -> None:
    """The guards of the other tests are live: an inline script is refused by the CSP header
    and reported on the console, and a request to another host is recorded (and answered
    here, never sent)."""
    context = browser.new_context()
    context.route(re.compile(r"^http://192\.0\.2\.1/"), lambda route: route.fulfill(body="x"))
    page = context.new_page()
    w = watch_page(page, server.base)
    page.goto(f"{server.base}/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.ran = 1'; document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert w.csp, "an inline script should be refused by the CSP and logged"
    assert not w.foreign
    page.goto("http://192.0.2.1/elsewhere")
    assert w.foreign == ["http://192.0.2.1/elsewhere"]
    context.close()
