"""Unit tests of the HTML path on small hand-written pages (metadata chains, blocks, hostile input)."""

from __future__ import annotations

import json
import resource
import time

import pytest

from propscope.extract.html import extract_html, parse_html
from propscope.extract.html_authors import valid_author
from propscope.extract.html_dates import normalise_date
from propscope.extract.html_meta import strip_site
from propscope.schema import REMOVAL_REASONS, DocumentError

BODY = "".join(
    f"<p>Paragraph {i} explains how the regional water board plans to repair the old canal locks "
    f"before the spring floods, and why the cost estimate changed twice this year.</p>"
    for i in range(6)
)


def page(head: str = "", body_top: str = "", body: str = BODY, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">{head}</head>"
            f"<body>{body_top}<article>{body}</article></body></html>")


def jsonld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_article_gives_title_author_date() -> None:
    head = "<title>Canal locks to be repaired | Valley Post</title>" + jsonld({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Canal locks to be repaired", "datePublished": "2024-05-02T08:00:00Z",
        "author": [{"@type": "Person", "name": "Ruth Lindqvist"},
                   {"@type": "Organization", "name": "Valley Post"}],
        "publisher": {"@type": "Organization", "name": "Valley Post"}})
    ex = extract_html(page(head))
    assert ex.title == "Canal locks to be repaired"
    assert ex.authors == ["Ruth Lindqvist"]
    assert ex.published == "2024-05-02"
    assert ex.source == "Valley Post"
    assert ex.language_hint == "en"
    assert len(ex.blocks) == 6


def test_jsonld_graph_and_author_string() -> None:
    head = jsonld({"@graph": [{"@type": "WebSite", "name": "Dockside Daily"},
                              {"@type": "BlogPosting", "headline": "Locks reopen",
                               "author": "By Omar Haddad", "datePublished": "2023-01-09"}]})
    ex = extract_html(page(head))
    assert (ex.title, ex.authors, ex.published) == ("Locks reopen", ["Omar Haddad"], "2023-01-09")
    assert ex.source == "Dockside Daily"


def test_opengraph_and_meta_fallbacks() -> None:
    head = ('<meta property="og:title" content="Flood defences tested">'
            '<meta property="og:site_name" content="River Courier">'
            '<meta property="article:published_time" content="2022-11-30T23:10:00+01:00">'
            '<meta name="author" content="https://example.org/staff/12">'
            '<meta name="parsely-author" content="Lena Vogt">')
    ex = extract_html(page(head))
    assert ex.title == "Flood defences tested"
    assert ex.source == "River Courier"
    assert ex.authors == ["Lena Vogt"]  # the URL-valued author tag is rejected
    assert ex.published == "2022-11-30"


def test_h1_preferred_when_it_agrees_with_title_tag() -> None:
    head = "<title>Old locks get new gates - Canal Weekly</title>"
    top = "<div class='logo'><h1>Canal Weekly</h1></div><h1>Old locks get new gates</h1>"
    ex = extract_html(page(head, top))
    assert ex.title == "Old locks get new gates"


def test_title_tag_site_suffix_stripped_without_h1() -> None:
    head = ("<title>Budget vote delayed again | Harbour Times</title>"
            '<meta property="og:site_name" content="Harbour Times">')
    assert extract_html(page(head)).title == "Budget vote delayed again"


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("Story here | Site Name", "Site Name", "Story here"),
    ("Story here - Site Name", "Site Name", "Story here"),
    ("Site Name – Story here", "Site Name", "Story here"),
    ("Story here | sitename.com", "SiteName", "Story here"),
    ("A - B story", None, "A - B story"),
])
def test_strip_site(title: str, site: str | None, expected: str) -> None:
    assert strip_site(title, site) == expected


def test_byline_rel_author_and_time_element() -> None:
    top = ('<h1>Gates arrive</h1><div class="byline">By <a rel="author" href="/a/x">Priya Nair</a>'
           ' <time datetime="2021-07-15T10:00">July 15, 2021</time></div>')
    ex = extract_html(page("<title>Gates arrive</title>", top))
    assert ex.authors == ["Priya Nair"]
    assert ex.published == "2021-07-15"


def test_date_in_visible_text_and_url() -> None:
    top = '<h1>Lock keepers honoured</h1><span class="post-date">Posted on 3 March 2020</span>'
    assert extract_html(page("", top)).published == "2020-03-03"
    ex = extract_html(page("<title>X</title>"), url="https://news.example/2019/08/21/lock-story/")
    assert ex.published == "2019-08-21"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-05-02T08:00:00Z", "2024-05-02"), ("2024/05/02", "2024-05-02"),
    ("May 2, 2024", "2024-05-02"), ("2 May 2024", "2024-05-02"), ("20240502", "2024-05-02"),
    ("7. Februar 2025", "2025-02-07"), ("18 ноября 2023", "2023-11-18"),
    ("2024-02-30", None), ("1899-01-01", None), ("no date", None),
])
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Jane Roe", "Jane Roe"), ("By Jane Roe", "Jane Roe"), ("Posted by:Jane Roe", "Jane Roe"),
    ("admin", None), ("https://example.org/jane", None), ("jane@example.org", None),
    ("Valley Post", None), ("x" * 70, None), ("Jane Roe Tech Reporter", "Jane Roe"),
    ("August", None), ("Jane Roe Updated May 3, 2024", "Jane Roe"),
])
def test_valid_author(raw: str, expected: str | None) -> None:
    assert valid_author(raw, "Valley Post") == expected


def test_removed_blocks_have_reasons_and_offsets() -> None:
    top = ('<div class="cookie-banner">We use cookies to improve this site.</div>'
           '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
           '<h1>Canal locks to be repaired</h1>'
           '<div class="share-tools">Share this article</div>')
    tail = ('<figure><img src="x.jpg"><figcaption>The east lock in April.</figcaption></figure>'
            '<section class="comments"><p>3 comments</p><p>Great news for boaters!</p></section>')
    ex = extract_html(page("<title>Canal locks to be repaired</title>", top, BODY + tail))
    reasons = {r.reason: r.text for r in ex.removed}
    assert {"cookie", "navigation", "title", "subscribe-share", "caption", "comments"} <= set(reasons)
    for block in ex.removed:
        assert block.reason in REMOVAL_REASONS
        assert ex.source_text[block.start : block.end] == block.text
    assert "Great news for boaters" not in "\n".join(ex.blocks)
    assert "Paragraph 3 explains" in ex.source_text


def test_scripts_and_styles_not_in_source_text() -> None:
    extra = "<script>var secret = 'tracking';</script><style>.a{color:red}</style><noscript>JS off</noscript>"
    ex = extract_html(page("", extra))
    assert "tracking" not in ex.source_text and "color:red" not in ex.source_text
    assert "JS off" not in ex.source_text


# --- hostile input ---------------------------------------------------------------------------

def test_ten_thousand_nested_tags() -> None:
    html = "<html><body>" + "<div>" * 10_000 + "deep words here" + "</div>" * 10_000 + BODY + "</body></html>"
    start = time.perf_counter()
    ex = extract_html(html)
    assert time.perf_counter() - start < 10
    assert "deep words here" in ex.source_text
    assert any("Paragraph 5" in b for b in ex.blocks)


def test_ten_thousand_unclosed_nested_tags() -> None:
    ex = extract_html("<html><body>" + "<span><div>" * 10_000 + BODY)
    assert "Paragraph 1" in ex.source_text


def test_huge_attribute_value() -> None:
    html = page("", f'<div class="{"a" * 5_000_000}" data-x="{"b" * 1_000_000}">hello</div>')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ex = extract_html(html)
    assert any("Paragraph" in b for b in ex.blocks)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500


def test_no_body_element() -> None:
    ex = extract_html("<p>Just a fragment of text about canal locks and the spring floods.</p>")
    assert "canal locks" in ex.source_text


def test_only_scripts_raises_no_text() -> None:
    with pytest.raises(DocumentError) as err:
        extract_html("<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>")
    assert err.value.kind == "no-text"


@pytest.mark.parametrize("html", ["", "   ", "\x00\x00"])
def test_empty_input(html: str) -> None:
    with pytest.raises(DocumentError) as err:
        extract_html(html)
    assert err.value.kind in {"no-text", "unparsable"}


def test_invalid_markup_still_extracts() -> None:
    html = "<html><body><p>Unclosed <b>bold <i>italic</p><div><p>" + BODY + "</td></tr></table></body>"
    ex = extract_html(html)
    assert any("Paragraph 2" in b for b in ex.blocks)


def test_broken_jsonld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><title>Ok title</title>'
    assert extract_html(page(head)).title == "Ok title"


def test_parse_html_rejects_non_str() -> None:
    with pytest.raises(DocumentError):
        parse_html(b"<html></html>")  # type: ignore[arg-type]


def test_huge_flat_page_is_bounded() -> None:
    cells = "".join(f'<div class="c{i}"><span>w{i} </span><a href="/x{i}">link</a></div>'
                    for i in range(60_000))
    start = time.perf_counter()
    try:
        ex = extract_html(f"<html><body><p>{BODY}</p>{cells}</body></html>")
    except DocumentError as err:
        assert err.kind == "no-text"
    else:
        assert any("Paragraph 0" in b for b in ex.blocks)
    assert time.perf_counter() - start < 20


def test_scholarly_author_list_beats_a_first_author_only_creator_tag() -> None:
    from propscope.extract.html import extract_html

    page = ("<html><head><title>A study of ferries</title>"
            "<meta name='DC.Creator' content='Ada Byrne'>"
            + "".join(f"<meta name='citation_authors' content='{n}'>"
                      for n in ("Ada Byrne", "Tomas Lind", "Mei Chen")) +
            "</head><body><article><h1>A study of ferries</h1>"
            + "<p>Ferry timetables in small harbours change with the seasons and the tides.</p>" * 3
            + "</article></body></html>")
    assert extract_html(page).authors == ["Ada Byrne", "Tomas Lind", "Mei Chen"]


def test_byline_with_one_author_link_per_coauthor_beats_a_first_author_meta_tag() -> None:
    from propscope.extract.html import extract_html

    links = "".join(f"<a href='/report/author/{n.split()[0].lower()}/'>{n}</a>"
                    for n in ("Ada Byrne", "Tomas Lind"))
    page = ("<html><head><title>Ferries</title><meta name='author' content='Ada Byrne'></head>"
            f"<body><article><h1>Ferries</h1><div class='text-2'>{links}</div>"
            + "<p>Ferry timetables in small harbours change with the seasons and the tides.</p>" * 3
            + "</article><aside><a href='/report/author/zed/'>Zed Other</a></aside></body></html>")
    assert extract_html(page).authors == ["Ada Byrne", "Tomas Lind"]


def test_fact_checker_link_in_the_byline_is_not_an_author() -> None:
    from propscope.extract.html import extract_html

    page = ("<html><head><title>Ferries</title><meta name='author' content='Ada Byrne'></head>"
            "<body><article><h1>Ferries</h1><div><a href='/author/1/'>Ada Byrne</a> | "
            "Fact-checked by <a href='/author/2/'>Tomas Lind</a></div>"
            + "<p>Ferry timetables in small harbours change with the seasons and the tides.</p>" * 3
            + "</article></body></html>")
    assert extract_html(page).authors == ["Ada Byrne"]


def test_fallback_reads_an_article_misplaced_in_a_navigation_container() -> None:
    """Last resort when trafilatura finds nothing and every line carries a cue: five or more
    sentence-length lines under a navigation cue are an article, a menu never is."""
    from propscope.extract.html import _fallback_blocks

    long = [f"Line {i} of the guide explains where to buy durable linen shirts for less." for i in range(6)]
    menu = ["Home", "World", "Sport", "Contact us"]
    assert _fallback_blocks(menu + long, ["navigation"] * 10) == long
    assert _fallback_blocks(menu + long[:4], ["navigation"] * 8) == []
    assert _fallback_blocks(long, ["comments"] * 6) == []
    # an uncued sentence-length line wins over the navigation fallback
    assert _fallback_blocks([*long, "A real paragraph of the article that has no cue at all here."],
                            ["navigation"] * 6 + [None]) == [
        "A real paragraph of the article that has no cue at all here."]
