"""The HTML report in a real Chromium: the hashed script runs, toggles work, nothing is
requested, hostile content runs nothing, and print gives a PDF without the controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from propscope.report import write_report
from tests.report.factory import analysed_article
from tests.report.test_report_html import hostile_article

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def opened(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, dict[str, list[str]]]]:
    path = write_report([analysed_article(0), hostile_article()], tmp_path / "r.html")
    seen: dict[str, list[str]] = {"console": [], "errors": [], "dialogs": [], "requests": []}
    page = browser.new_page()
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    yield page, seen
    page.close()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["requests"] == [path.resolve().as_uri()], "the report must request nothing"
    assert not [m for m in seen["console"] if "Content Security Policy" in m or "error" in m]


def _underline(page: Page, cls: str) -> str:
    return page.eval_on_selector(f"p.para .hl.{cls}", "e => getComputedStyle(e).borderBottomColor")


def test_script_runs_under_its_csp_and_toggles_techniques(opened) -> None:
    page, _ = opened
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert _underline(page, "t14") != "rgba(0, 0, 0, 0)"  # Loaded_Language is marked
    page.uncheck("input[data-toggle='off-t14']")
    assert page.evaluate("document.body.classList.contains('off-t14')")
    assert _underline(page, "t14") == "rgba(0, 0, 0, 0)"
    assert _underline(page, "t15") != "rgba(0, 0, 0, 0)"  # the others stay
    page.click("#show-none")
    assert _underline(page, "t15") == "rgba(0, 0, 0, 0)"
    page.click("#show-all")
    assert _underline(page, "t14") != "rgba(0, 0, 0, 0)"
    page.uncheck("input[data-toggle='hide-removed']")
    assert not page.is_visible("div.removed")


def test_print_hides_controls_and_makes_a_pdf(opened) -> None:
    page, _ = opened
    assert page.is_visible(".controls")
    page.emulate_media(media="print")
    assert not page.is_visible(".controls")
    assert page.pdf(format="A4")[:5] == b"%PDF-"
