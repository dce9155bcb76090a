"""Review mode in a real browser (Debian's Chromium through Playwright) against a real server
(issue 8): five spans judged by keyboard, one added by selecting text with the mouse, the
corrections exported through the dashboard's links and compared with the store, and each
export imported into a fresh store holding the same articles: the round trip is exact."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from propscope.api.app import create_app
from propscope.review.exchange import export_corrections, import_corrections
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import (
    TITLE,
    Analysis,
    Classification,
    Span,
    UnitTechniques,
)
from propscope.schema.review import Correction, text_version
from propscope.store import Store, open_store
from propscope.store.review_queue import thresholds
from tests.web.conftest import ARTIFACTS, TOKEN, Server, Watch, running, watch_page
from tests.web.corpus import HOSTILE_LABEL

LL, NC, DOUBT, FEAR, FLAG = ("Loaded_Language", "Name_Calling-Labeling", "Doubt",
                             "Appeal_to_Fear-Prejudice", "Flag_Waving")
PARAS = [
    "The reckless ministers wasted a fortune on the bungled harbour tunnel last spring.",
    "Every honest citizen knows these clowns cannot run a bakery, let alone a port.",
    "Nobody can say whether the engineers ever read the survey, the mayor added.",
    "If the tunnel stays shut, the whole coast will starve by winter, warned one trader.",
    "Our proud harbour deserves better than these amateurs and their glossy leaflets.",
]
# (phrase, technique, paragraph probability): six model spans to judge
SPANS = [("reckless ministers", LL, 0.62), ("bungled harbour tunnel", LL, 0.62),
         ("these clowns", NC, 0.31), ("ever read the survey", DOUBT, 0.24),
         ("the whole coast will starve", FEAR, 0.45), ("these amateurs", NC, 0.27)]


def _article(title: str, paras: list[str], spans: list[tuple[str, str, float]],
             genre: Classification | None = None, frames: Classification | None = None) -> Article:
    text, paragraphs = paragraphs_from_blocks(paras)
    art = Article(text=text, title=title, paragraphs=paragraphs, language="en",
                  source="Harbour Courier", origin=f"{title}.txt", extractor="plaintext",
                  published="2024-06-01")
    made, probs = [], [dict[str, float]() for _ in paragraphs]
    for phrase, technique, p in spans:
        start = text.index(phrase)
        para = next(i for i, q in enumerate(paragraphs) if q.start <= start < q.end)
        made.append(Span(technique, start, start + len(phrase), para, 0.6))
        probs[para][technique] = p
    units = [UnitTechniques(TITLE, [], {})]
    limits = thresholds("en")  # the model "chose" what clears the threshold
    units += [UnitTechniques(i, sorted(t for t, p in pr.items() if p >= limits.get(t, 0.5)), pr)
              for i, pr in enumerate(probs)]
    art.analysis = Analysis(techniques=units, spans=made, techniques_model="techniques@web",
                            genre=genre, frames=frames)
    return art


def _articles() -> list[Article]:
    return [_article("Tunnel fiasco deepens", PARAS, SPANS),
            _article("Ferry fares rise again", [
                "The ferry company raised fares for the third time, a shameful grab.",
                "Passengers said the timetable was printed in tiny letters."],
                [("a shameful grab", LL, 0.5)]),
            _article("Quay repairs finished", [
                "Everyone in town agrees the quay is the finest on the coast.",
                "The quay, the quay, the quay: the council repeated it all week."],
                [("Everyone in town agrees", "Appeal_to_Popularity", 0.2),
                 ("the quay, the quay", "Repetition", 0.25)]),
            _article("Hidden marks", ["Plain words, then zero\u200bwidth marks and a \u202ereversal.",
                                      "Ship \U0001F6A2 ahoy \U0001F6A2: the harbour master waved."],
                     []),
            _article("Lighthouse levy", [  # the one with a model genre and frames
                "The council will charge every ship a new levy to keep the lighthouse lit.",
                "Harbour pilots say the money should come out of the port budget instead."],
                [("a new levy", LL, 0.3)],
                Classification(["reporting"], {"reporting": 0.55, "opinion": 0.4, "satire": 0.05},
                               model="genre@web"),
                Classification(["Economic", "Political"],
                               {"Economic": 0.71, "Political": 0.48, "Public_opinion": 0.2},
                               model="frames@web"))]


def _fresh_store(path: Path) -> Store:
    store = open_store(f"sqlite:///{path}")
    arts = _articles()
    store.save_batch([(a, f"sha-{a.id}") for a in arts])
    store.save_analyses(arts)
    return store


class Site:
    def __init__(self, base: str, store: Store, articles: list[Article]) -> None:
        self.base, self.store, self.articles = base, store, articles


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    store = _fresh_store(tmp_path_factory.mktemp("review") / "review.db")
    app = create_app(store, token=TOKEN)
    with running(app) as base:
        yield Site(base, store, _articles())
    store.close()


@pytest.fixture
def ctx(browser: Browser, site: Site) -> Iterator[tuple[BrowserContext, Page, Watch]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    w = Watch(site.base)
    context.route(lambda url: not w.is_local(url), lambda route: route.abort())
    page = context.new_page()
    watch_page(page, site.base, w)
    yield context, page, w
    context.close()
    assert not w.dialogs, f"a dialog fired: {w.dialogs}"
    assert not w.csp, f"CSP violations: {w.csp}"
    assert not w.errors, f"page errors: {w.errors}"
    assert not w.foreign, f"requests left the test server: {w.foreign}"


def _key(technique: str, start: int, end: int) -> str:
    return f"{technique}|{start}|{end}"


def _item(page: Page, key: str):
    return page.locator(f'#rv-items li[data-key="{key}"]')


def _press(page: Page, keys: str, key: str, verdict: str) -> None:
    page.keyboard.press(keys)
    expect(_item(page, key)).to_have_attribute("data-verdict", verdict)


def _pick(page: Page, typed: str, value: str) -> None:
    picker = page.locator("#rv-picker")
    expect(picker).to_be_focused()
    page.keyboard.type(typed)
    expect(picker).to_have_value(value)
    page.keyboard.press("Enter")


def _drag_select(page: Page, phrase: str) -> None:
    """Select `phrase` in the article text with the mouse, as an analyst would."""
    box = page.evaluate("""phrase => {
        for (const seg of document.querySelectorAll('#text [data-s]')) {
          const node = seg.firstChild, at = node && node.data ? node.data.indexOf(phrase) : -1;
          if (at < 0) continue;
          seg.scrollIntoView({block: 'center'});  // mouse coordinates are the viewport's
          const r = document.createRange();
          r.setStart(node, at); r.setEnd(node, at + phrase.length);
          const rects = r.getClientRects();
          const a = rects[0], b = rects[rects.length - 1];
          return {x0: a.left + 1, y0: (a.top + a.bottom) / 2, x1: b.right - 1, y1: (b.top + b.bottom) / 2};
        }
        return null; }""", phrase)
    assert box, f"{phrase!r} is not inside one segment"
    page.mouse.move(box["x0"], box["y0"])
    page.mouse.down()
    page.mouse.move(box["x1"], box["y1"], steps=8)
    page.mouse.up()
    assert page.evaluate("() => window.getSelection().toString()") == phrase


def _login_and_open(page: Page, site: Site, article: Article) -> None:
    page.goto(f"{site.base}/login?token={TOKEN}")
    page.goto(f"{site.base}/articles/{article.id}?review=1")
    expect(page.locator("#review")).to_have_attribute("data-ready", "1")


def _download(page: Page, fmt: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(f'#exports a[data-format="{fmt}"]')
    out = folder / info.value.suggested_filename
    info.value.save_as(out)
    return out


def _review_by_keyboard(page: Page, art: Article) -> tuple[int, int]:
    """Five verdicts (accept, reject, relabel, skip one, accept, reject) and one added span."""
    keys = [_key(t, art.text.index(p), art.text.index(p) + len(p)) for p, t, _ in SPANS]
    page.fill("#rv-author", "ana")
    page.press("#rv-author", "Enter")
    expect(page.locator("#rv-status")).to_contain_text("Reviewing as ana")
    expect(page.locator("#rv-items li")).to_have_count(6)
    first = page.locator("#text .rv-cur").first
    expect(first).to_be_focused()  # the current span has the focus (and its outline)
    expect(page.locator("#rv-items li").first).to_have_attribute("aria-current", "true")
    _press(page, "a", keys[0], "accept")
    _press(page, "r", keys[1], "reject")
    page.keyboard.press("l")
    expect(page.locator("#rv-pick")).to_be_visible()
    _pick(page, "Doubt", DOUBT)
    expect(_item(page, keys[2])).to_have_attribute("data-verdict", "relabel")
    clowns = art.text.index("these clowns")
    relabelled = _item(page, _key(DOUBT, clowns, clowns + len("these clowns")))
    expect(relabelled).to_contain_text("relabel of Name calling")
    expect(relabelled).to_have_attribute("data-effective", "present")
    expect(page.locator("#rv-status")).to_contain_text("Relabelled Name calling \u2192 Doubt")
    page.keyboard.press("j")  # leave "ever read the survey" alone
    _press(page, "a", keys[4], "accept")
    _press(page, "r", keys[5], "reject")
    expect(_item(page, keys[5])).to_have_attribute("data-effective", "absent")
    _drag_select(page, "glossy leaflets")
    page.keyboard.press("s")
    _pick(page, "Flag", FLAG)
    start = art.text.index("glossy leaflets")
    added = _key(FLAG, start, start + len("glossy leaflets"))
    expect(_item(page, added)).to_have_attribute("data-verdict", "add")
    expect(_item(page, added)).to_have_attribute("data-effective", "present")
    expect(page.locator("#rv-status")).to_contain_text("Added Flag waving")
    # the added span is outlined exactly (its segment was cut out of the plain text)
    assert "".join(page.locator("#text .rv-cur").all_text_contents()) == "glossy leaflets"
    expect(page.locator("#text .rv-cur").first).to_be_focused()
    assert page.locator("#text").inner_text().count("glossy leaflets") == 1
    return start, start + len("glossy leaflets")


def test_review_by_keyboard_export_and_round_trip(ctx, site: Site, tmp_path: Path) -> None:
    _, page, _ = ctx
    art = site.articles[0]
    _login_and_open(page, site, art)
    added = _review_by_keyboard(page, art)
    stored = site.store.corrections(article_id=art.id)
    got = sorted((c.action, c.technique, c.new_label, c.start, c.end) for c in stored)
    pos = {p: (art.text.index(p), art.text.index(p) + len(p)) for p, _, _ in SPANS}
    assert got == sorted([
        ("accept", LL, None, *pos["reckless ministers"]),
        ("reject", LL, None, *pos["bungled harbour tunnel"]),
        ("relabel", NC, DOUBT, *pos["these clowns"]),
        ("accept", FEAR, None, *pos["the whole coast will starve"]),
        ("reject", NC, None, *pos["these amateurs"]),
        ("add", FLAG, None, *added)])
    assert {(c.author, c.model, c.target, c.article_version) for c in stored} == {
        ("ana", "techniques@web", "span", text_version(art.text))}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
    page.click('nav a[href="/review"]')
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)
    files = {fmt: _download(page, fmt, tmp_path) for fmt in ("jsonl", "labelstudio", "semeval")}
    _check_exports(site.store, files, tmp_path)
    _check_round_trips(site.store, files, tmp_path)


def _check_exports(store: Store, files: dict[str, Path], tmp: Path) -> None:
    stored = store.corrections()
    lines = [json.loads(x) for x in files["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert lines == [{**asdict(c), "created_at": c.created_at.isoformat()} for c in stored]
    tasks = json.loads(files["labelstudio"].read_text(encoding="utf-8"))
    metas = [r["meta"]["propscope"] for t in tasks for a in t["annotations"] for r in a["result"]]
    assert sorted(m["id"] for m in metas) == sorted(c.id for c in stored)
    by_id = {c.id: c for c in stored}
    for m in metas:
        c = by_id[m["id"]]
        assert {k: m[k] for k in ("action", "technique", "new_label", "start", "end", "author")} \
            == {"action": c.action, "technique": c.technique, "new_label": c.new_label,
                "start": c.start, "end": c.end, "author": c.author}
    # the downloads are byte for byte what `propscope review export` writes
    for fmt in ("jsonl", "labelstudio"):
        export_corrections(store, fmt, tmp / f"cli.{fmt}")
        assert (tmp / f"cli.{fmt}").read_bytes() == files[fmt].read_bytes()
    export_corrections(store, "semeval", tmp / "cli-semeval")
    zipped = zipfile.ZipFile(io.BytesIO(files["semeval"].read_bytes()))
    cli = {p.relative_to(tmp / "cli-semeval").as_posix(): p.read_bytes()
           for p in (tmp / "cli-semeval").rglob("*") if p.is_file()}
    assert {n: zipped.read(n) for n in zipped.namelist()} == cli


def _check_round_trips(store: Store, files: dict[str, Path], tmp: Path) -> None:
    """Each export imported into a fresh store holding the same articles: JSONL and Label
    Studio give back the very corrections; SemEval (effective labels, imported as one author)
    the same effective spans, paragraph labels, genre and frames of every corrected article."""
    for fmt in ("jsonl", "labelstudio"):
        fresh = _fresh_store(tmp / f"fresh-{fmt}.db")
        report = import_corrections(fresh, fmt, files[fmt])
        assert report.errors == [] and report.stored == len(store.corrections())
        assert fresh.corrections() == store.corrections()
        fresh.close()
    folder = tmp / "unzipped"
    zipfile.ZipFile(files["semeval"]).extractall(folder)
    fresh = _fresh_store(tmp / "fresh-semeval.db")
    report = import_corrections(fresh, "semeval", folder, author="ana")
    assert report.errors == []
    for aid in store.corrected_article_ids():
        got, want = fresh.effective_labels(aid), store.effective_labels(aid)
        assert got is not None and want is not None
        assert (got.spans, got.paragraphs, got.genre, got.frames) == \
            (want.spans, want.paragraphs, want.genre, want.frames)
    fresh.close()


def test_conflicts_between_reviewers_are_shown(ctx, site: Site) -> None:
    _, page, _ = ctx
    art = site.articles[1]
    start = art.text.index("a shameful grab")
    version = text_version(art.text)
    site.store.add_corrections([
        Correction(article_id=art.id, article_version=version, target="span", action=action,
                   technique=LL, start=start, end=start + 15, author=who)
        for who, action in (("kim", "accept"), ("<b>lee</b>", "reject"))])
    _login_and_open(page, site, art)
    conflict = page.locator("#rv-conflicts li")
    expect(conflict).to_have_count(1)
    expect(conflict).to_contain_text("Loaded language at \u201ca shameful grab\u201d: ")
    expect(conflict).to_contain_text("kim accept")
    expect(conflict).to_contain_text("<b>lee</b> reject")
    expect(page.locator("#rv-conflicts b")).to_have_count(0)  # text, never markup
    expect(page.locator("#rv-items li").first).to_contain_text("reviewers disagree")
    # paragraph level: g labels the current span's paragraph
    page.fill("#rv-author", "kim")
    page.press("#rv-author", "Enter")
    expect(page.locator("#rv-status")).to_contain_text("Reviewing as kim")
    page.keyboard.press("g")
    _pick(page, "Slog", "Slogans")
    expect(page.locator("#rv-status")).to_contain_text("Added Slogan on paragraph 1")
    expect(page.locator("#rv-paras")).to_contain_text("paragraph 1: Loaded language, Slogan")
    page.keyboard.press("G")  # shift: remove the model's label from the paragraph
    _pick(page, "Load", LL)
    expect(page.locator("#rv-status")).to_contain_text("Removed Loaded language on paragraph 1")
    expect(page.locator("#rv-paras")).to_contain_text("paragraph 1: Slogan")
    page.keyboard.press("g")
    _pick(page, "Load", LL)  # a model label: confirmed
    expect(page.locator("#rv-status")).to_contain_text("Confirmed Loaded language on paragraph 1")
    assert [(c.action, c.technique, c.paragraph) for c in site.store.corrections(
        article_id=art.id, author="kim") if c.target == "paragraph"] == [
        ("add", "Slogans", 0), ("reject", LL, 0), ("accept", LL, 0)]


def test_without_the_token_review_mode_writes_nothing(ctx, site: Site) -> None:
    _, page, w = ctx
    art = site.articles[0]
    before = site.store.count_corrections()
    page.goto(f"{site.base}/articles/{art.id}?review=1")
    expect(page.locator("#review-login")).to_be_visible()
    expect(page.locator("#rv-items")).to_have_count(0)
    page.locator("#text").click()
    for key in "jarls+gcCfF":
        page.keyboard.press(key)
    status = page.evaluate("""id => fetch('/api/v1/articles/' + id + '/corrections', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({target: 'span', action: 'reject', technique: 'Loaded_Language',
                              start: 0, end: 5, author: 'mallory'})}).then(r => r.status)""",
                           art.id)
    assert status == 401
    assert site.store.count_corrections() == before
    # the page itself never tried: the only request to /corrections is the one made above
    assert len([u for u in w.requests if u.endswith("/corrections")]) == 1


def test_queue_page_orders_filters_and_opens_review_mode(ctx, site: Site) -> None:
    _, page, _ = ctx
    page.goto(f"{site.base}/review")
    rows = page.locator("#queue tbody tr")
    expect(rows.first).to_be_visible()
    margins = [float(x) for x in page.locator("#queue td.num").all_text_contents()]
    assert margins == sorted(margins) and margins
    page.select_option('select[name="technique"]', "Repetition")
    page.click(".filters button")
    assert "technique=Repetition" in page.url
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Quay repairs finished")
    page.goto(f"{site.base}/login?token={TOKEN}")
    page.goto(f"{site.base}/review?technique=Repetition&language=en")
    page.locator("#queue tbody tr a").first.click()
    expect(page.locator("#review")).to_have_attribute("data-ready", "1")
    current = page.locator('#rv-items li[aria-current="true"]')
    expect(current).to_contain_text("Repetition")
    expect(page.locator("#text .rv-cur").first).to_be_focused()
    page.goto(f"{site.base}/review?technique=Nope")
    expect(page.locator(".error")).to_contain_text("unknown technique")


def test_selections_over_hidden_and_astral_characters_get_stored_offsets(ctx, site: Site) -> None:
    """The page hides zero-width and bidi characters and JavaScript counts UTF-16 units;
    stored offsets count code points of the exact text: a selection must land on those."""
    _, page, _ = ctx
    art = site.articles[3]
    _login_and_open(page, site, art)
    page.fill("#rv-author", "ana")
    page.press("#rv-author", "Enter")
    expect(page.locator("#rv-status")).to_contain_text("Reviewing as ana")
    _drag_select(page, "zerowidth")  # shown without its zero-width space
    page.keyboard.press("s")
    _pick(page, "Flag", FLAG)
    expect(page.locator("#rv-status")).to_contain_text("Added Flag waving at \u201czerowidth\u201d")
    _drag_select(page, "harbour master")  # after two characters outside the BMP
    page.keyboard.press("+")
    _pick(page, "Loaded", LL)
    expect(page.locator("#rv-status")).to_contain_text("Added Loaded language at \u201charbour master\u201d")
    got = sorted((c.technique, art.text[c.start:c.end])
                 for c in site.store.corrections(article_id=art.id))
    assert got == [(FLAG, "zero\u200bwidth"), (LL, "harbour master")]
    assert "".join(page.locator("#text .rv-cur").all_text_contents()) == "harbour master"


def test_hostile_article_in_review_mode_stays_inert(page: Page, server: Server) -> None:
    """The shared hostile fixture (markup in title, text, labels, a bidi override) in review
    mode: every label and quote is text; the `page` fixture fails on any dialog or error."""
    hostile = next(a for a in server.articles if a.title.startswith("<script>"))
    page.goto(f"{server.base}/login?token={TOKEN}")
    page.goto(f"{server.base}/articles/{hostile.id}?review=1")
    expect(page.locator("#review")).to_have_attribute("data-ready", "1")
    items = page.locator("#rv-items li")
    expect(items).to_have_count(len(hostile.analysis.spans))
    expect(page.locator("#rv-items")).to_contain_text(HOSTILE_LABEL)
    expect(page.locator("#rv-items")).to_contain_text("<img src=x onerror=alert(3)>")
    assert page.locator("#review img, #review svg, #review script").count() == 0
    expect(page.locator("#rv-genre-now")).to_have_text("Satire")
    expect(page.locator("#rv-frames li")).to_have_count(1)  # the model's one frame, Morality
    page.keyboard.press("j")
    expect(page.locator("#rv-status")).to_contain_text("2 of 3")
