"""Review mode for the article as a whole (issue 8): the genre and the frames judged by
keyboard in real Chromium against a real server (the fixtures of test_review_browser.py);
the stored corrections, the JSONL and SemEval (subtask 1 and 2) exports, and an import of
each export into a fresh store holding the same articles all agree."""

from __future__ import annotations

import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from propscope.schema.review import Correction, text_version
from propscope.store import Store
from tests.web import test_review_browser as base
from tests.web.test_review_browser import Site, _download, _login_and_open

# the fixtures of the span review tests, by name: this module gets a server of its own
ctx, site = base.ctx, base.site


def _start(page: Page, site: Site, index: int, who: str):
    art = site.articles[index]
    _login_and_open(page, site, art)
    page.fill("#rv-author", who)
    page.press("#rv-author", "Enter")
    expect(page.locator("#rv-status")).to_contain_text(f"Reviewing as {who}")
    return art


def _choose(page: Page, picker: str, typed: str, value: str) -> None:
    """In the open chooser: type-ahead, check what it landed on, Enter."""
    select = page.locator(picker)
    expect(select).to_be_focused()
    page.keyboard.type(typed)
    expect(select).to_have_value(value)
    page.keyboard.press("Enter")


def _frame(page: Page, name: str):
    return page.locator(f'#rv-frames li[data-frame="{name}"]')


def _status(page: Page, text: str) -> None:
    expect(page.locator("#rv-status")).to_have_text(text)


def _posts(requests: list[str]) -> int:
    return len([u for u in requests if u.endswith("/corrections")])  # GETs carry a query


def test_genre_and_frames_by_keyboard_export_and_round_trip(ctx, site: Site, tmp_path: Path) -> None:
    _, page, w = ctx
    art = _start(page, site, 4, "ana")
    expect(page.locator("#rv-genre-model")).to_have_text("Reporting (p 0.55); Opinion p 0.40, Satire p 0.05")
    expect(page.locator("#rv-genre-now")).to_have_text("Reporting")
    expect(page.locator("#rv-genre-mine")).to_have_text("not reviewed by you")
    expect(page.locator("#rv-frames li")).to_have_count(2)  # the model's; Public_opinion was below
    expect(_frame(page, "Economic")).to_contain_text("model (p 0.71)")
    expect(_frame(page, "Political")).to_have_attribute("data-effective", "present")
    page.keyboard.press("c")
    _status(page, "Genre: confirmed Reporting.")
    expect(page.locator("#rv-genre-mine")).to_have_text("Reporting: you accepted it")
    page.keyboard.press("Shift+C")
    expect(page.locator("#rv-genre-picker")).to_have_value("reporting")  # starts at the current one
    _choose(page, "#rv-genre-picker", "Op", "opinion")
    _status(page, "Genre: Reporting \u2192 Opinion (relabel).")
    expect(page.locator("#rv-genre-now")).to_have_text("Opinion")
    page.keyboard.press("f")
    _choose(page, "#rv-frame-picker", "Crime", "Crime_and_punishment")
    _status(page, "Frame Crime and punishment: added.")
    expect(_frame(page, "Crime_and_punishment")).to_have_attribute("data-verdict", "add")
    page.keyboard.press("Shift+F")
    _choose(page, "#rv-frame-picker", "Eco", "Economic")
    _status(page, "Frame Economic: removed.")
    expect(_frame(page, "Economic")).to_have_attribute("data-effective", "absent")
    expect(_frame(page, "Economic")).to_contain_text("you rejected it")
    page.keyboard.press("f")
    expect(page.locator("#rv-frame-picker")).to_have_value("Political")  # the model's, unjudged
    page.keyboard.press("Escape")
    _status(page, "Cancelled.")
    page.keyboard.press("f")
    _choose(page, "#rv-frame-picker", "Polit", "Political")
    _status(page, "Frame Political: confirmed.")
    assert _posts(w.requests) == 5
    stored = site.store.corrections(article_id=art.id)
    assert [(c.target, c.action, c.technique, c.new_label, c.model) for c in stored] == [
        ("genre", "accept", "reporting", None, "genre@web"),
        ("genre", "relabel", "reporting", "opinion", "genre@web"),
        ("frames", "add", "Crime_and_punishment", None, "frames@web"),
        ("frames", "reject", "Economic", None, "frames@web"),
        ("frames", "accept", "Political", None, "frames@web")]
    assert {(c.author, c.article_version, c.start, c.end, c.paragraph) for c in stored} == {
        ("ana", text_version(art.text), None, None, None)}
    eff = site.store.effective_labels(art.id)
    assert (eff.genre, eff.frames) == (["opinion"], ["Crime_and_punishment", "Political"])
    base.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(base.ARTIFACTS / "review-genre-frames.png"), full_page=True)
    page.goto(f"{site.base}/review")
    files = {fmt: _download(page, fmt, tmp_path) for fmt in ("jsonl", "labelstudio", "semeval")}
    base._check_exports(site.store, files, tmp_path)  # the files hold the stored corrections
    _check_doc_files(site.store, files["semeval"], art.id)
    base._check_round_trips(site.store, files, tmp_path)


def _check_doc_files(store: Store, semeval: Path, aid: str) -> None:
    """labels-subtask-1/2.txt: a row per exported article with its effective genre / frames."""
    zipped = zipfile.ZipFile(semeval)
    rows: dict[str, str] = {}
    for name, target in (("labels-subtask-1.txt", "genre"), ("labels-subtask-2.txt", "frames")):
        rows = dict(r.split("\t") for r in zipped.read(name).decode("utf-8").splitlines())
        assert aid in rows
        for rid, labels in rows.items():
            eff = store.effective_labels(rid)
            assert eff is not None and labels == ",".join(getattr(eff, target))
        assert rows[aid] == {"genre": "opinion", "frames": "Crime_and_punishment,Political"}[target]


def test_a_genre_the_model_did_not_give_is_added_and_stays_one(ctx, site: Site) -> None:
    """No model genre: C adds one; choosing another adds it and, in the same POST, removes
    the first (an article has one genre; the SemEval file refuses two)."""
    _, page, w = ctx
    art = _start(page, site, 1, "bo")
    expect(page.locator("#rv-genre-model")).to_have_text("none (no genre in the analysis)")
    page.keyboard.press("c")
    _status(page, "The model gave no genre: press C to choose one.")
    page.keyboard.press("Shift+C")
    _choose(page, "#rv-genre-picker", "Sat", "satire")
    _status(page, "Genre: added Satire.")
    page.keyboard.press("Shift+C")
    _choose(page, "#rv-genre-picker", "Op", "opinion")
    _status(page, "Genre: added Opinion; removed Satire.")
    page.click('#rv-genre-buttons button[data-genre="reporting"]')  # the mouse way
    _status(page, "Genre: added Reporting; removed Opinion.")
    expect(page.locator("#rv-genre-now")).to_have_text("Reporting")
    assert _posts(w.requests) == 3
    assert [(c.action, c.technique) for c in site.store.corrections(article_id=art.id)] == [
        ("add", "satire"), ("add", "opinion"), ("reject", "satire"),
        ("add", "reporting"), ("reject", "opinion")]
    assert site.store.effective_labels(art.id).genre == ["reporting"]


def test_genre_and_frame_conflicts_are_shown_as_text(ctx, site: Site) -> None:
    _, page, _ = ctx
    art = site.articles[2]
    version = text_version(art.text)
    site.store.add_corrections([
        Correction(article_id=art.id, article_version=version, target=target, action=action,
                   technique=label, author=who)
        for who, action in (("kim", "add"), ("<b>lee</b>", "reject"))
        for target, label in (("genre", "satire"), ("frames", "Morality"))])
    _start(page, site, 2, "kim")
    expect(page.locator("#rv-genre-conflicts")).to_have_text("Satire: kim add; <b>lee</b> reject")
    row = _frame(page, "Morality")
    expect(row).to_have_class("rv-frame rv-out rv-conflict")
    expect(row).to_contain_text("you added it \u00b7 now off \u00b7 reviewers disagree: kim add; <b>lee</b> reject")
    expect(page.locator("#rv-conflicts")).to_contain_text("Morality as a frame: kim add; <b>lee</b> reject")
    assert page.locator("#review b").count() == 0  # text, never markup
    row.locator('button[data-act="reject"]').click()  # kim changes her mind: they agree now
    _status(page, "Frame Morality: removed.")
    expect(row).to_have_class("rv-frame rv-out")
    expect(page.locator("#rv-conflicts")).not_to_contain_text("Morality")
    latest = site.store.corrections(article_id=art.id, author="kim")[-1]
    assert (latest.target, latest.action, latest.technique) == ("frames", "reject", "Morality")
    # two reviewers each choose another genre: never two genres, one conflict names the clash
    site.store.add_corrections([
        Correction(article_id=art.id, article_version=version, target="genre", action="add",
                   technique=label, author=who) for who, label in (("ana", "opinion"), ("kim", "reporting"))])
    _start(page, site, 2, "ana")
    expect(page.locator("#rv-genre-now")).to_have_text("none")  # the model gave none
    expect(page.locator("#rv-genre-conflicts")).to_contain_text("Opinion or Reporting: ana add; kim add")
    assert site.store.effective_labels(art.id).genre == []
