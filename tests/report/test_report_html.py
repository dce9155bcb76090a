"""The HTML report: inert with hostile content, self-contained, highlights and legend."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest

from propscope.report import render_report
from propscope.report.html import safe_link
from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks
from propscope.schema.analysis import (
    TITLE,
    Analysis,
    Classification,
    Span,
    UnitTechniques,
)
from tests.report.factory import analysed_article

EVIL = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '" onmouseover="alert(3)" x="',
    "' onfocus='alert(4)' autofocus '",
    "javascript:alert(5)",
    "\u202egnp.exe\u200b\u2066hidden\u2069",
    "</style><style>*{display:none}</style>",
    "<svg onload=alert(6)>",
]


def hostile_article() -> Article:
    blocks = [f"Paragraph {i}: {e} end." for i, e in enumerate(EVIL)]
    text, paras = paragraphs_from_blocks(blocks)
    label = '<script>x</script>" onclick="y'
    return Article(
        text=text, paragraphs=paras, title=" ".join(EVIL), source=EVIL[1], authors=[EVIL[0]],
        url='javascript:alert(7)" onmouseover="z', language='en" onload="x', published=EVIL[2],
        source_text="<iframe src=//evil.example>\n" + "\n".join(blocks),
        removed=[RemovedBlock(0, 26, "caption", "<iframe src=//evil.example>")],
        analysis=Analysis(
            techniques=[UnitTechniques(TITLE, [label], {label: 0.9}),
                        UnitTechniques(0, ["Doubt", label], {"Doubt": 0.5, label: 0.4})],
            spans=[Span(label, paras[0].start, paras[0].end, 0, 0.9),
                   Span("Doubt", paras[1].start, paras[1].end, 1, 0.5)],
            genre=Classification([EVIL[3]], {EVIL[3]: 0.9}),
            frames=Classification([EVIL[4], EVIL[1], EVIL[5]], {EVIL[4]: 0.8}),
        ))


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def test_hostile_article_renders_inert() -> None:
    page = render_report([hostile_article(), analysed_article(1)])
    doc = parse(page)
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name, value)
            assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)
        assert el.tag not in ("img", "iframe", "svg") or el.get("class") == "chart", el.tag
    assert len(doc.xpath("//style")) == 1
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for invisible in ("\u202e", "\u200b", "\u2066", "\u2069"):
        assert invisible not in page
    assert doc.xpath("//a[@href]") == doc.xpath("//a[@href='https://herald.example/story/1']")


def test_inline_script_is_the_one_the_csp_hash_allows() -> None:
    doc = parse(render_report([analysed_article(1)]))
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    script = doc.xpath("//script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "style-src 'unsafe-inline'" in csp and "img-src data:" in csp
    assert "innerHTML" not in script


def test_report_makes_no_external_requests() -> None:
    page = render_report([analysed_article(i) for i in range(3)] + [hostile_article()])
    doc = parse(page)
    for el in doc.xpath("//*[@src or @href or @srcset or @action or @poster or @data]"):
        if el.tag == "a":
            assert el.get("href").startswith("https://herald.example/")
            assert el.get("rel") == "noopener noreferrer"
        else:
            pytest.fail(f"external reference in <{el.tag}>")
    css = doc.xpath("//style")[0].text
    assert "url(" not in css and "@import" not in css
    assert doc.xpath("//link") == []


@pytest.mark.parametrize(("url", "ok"), [
    ("https://news.example/a?b=1", True), ("http://news.example/", True), ("HTTPS://news.example/", True),
    ("javascript:alert(1)", False), (" https://news.example/", False), ("data:text/html,x", False),
    ("https://", False), ("//news.example/a", False), ("https://news.example/\x00", False), (None, False),
])
def test_only_plain_http_urls_become_links(url: str | None, ok: bool) -> None:
    assert (safe_link(url) is not None) is ok


def test_overlapping_spans_render_as_nested_layers_with_data_techniques() -> None:
    doc = parse(render_report([analysed_article(2)]))
    segs = doc.xpath("//p[@class='para']//span[@class='seg']")
    overlapped = [s for s in segs if len(s.get("data-techniques").split()) == 2]
    assert overlapped, "the factory's first paragraph has two overlapping spans"
    seg = overlapped[0]
    layers = seg.xpath(".//span[contains(@class,'hl')]")
    assert len(layers) == 2 and layers[0].getparent() is seg and layers[1].getparent() is layers[0]
    assert "Loaded language" in seg.get("title") and "0.90" in seg.get("title")
    first_para = doc.xpath("//p[@class='para']")[0].text_content()
    assert first_para.startswith("The shameless cabal")  # text intact around the markup


def test_article_shows_labels_removed_blocks_in_place_and_legend() -> None:
    doc = parse(render_report([analysed_article(3)]))
    body = doc.xpath("//article")[0]
    blocks = [el for el in body if el.get("class") in ("removed", "para")]
    kinds = [el.get("class") for el in blocks]
    assert kinds[:4] == ["removed", "para", "removed", "para"]  # navigation, ¶1, caption, ¶2
    assert "navigation" in blocks[0].text_content() and "caption" in blocks[2].text_content()
    meta = " ".join(el.text_content() for el in body.xpath(".//p[@class='meta']"))
    assert "Genre: Opinion 0.80" in meta and "Political 0.60" in meta
    assert "Title: Loaded language" in body.xpath(".//p[@class='labels']")[0].text_content()
    legend = doc.xpath("//section[@class='legend']")[0].text_content()
    assert "False dilemma" in legend and "Offers only two options" in legend
    assert "Security and defence" in legend and "Satire" in legend  # frames and genres explained
    toggles = doc.xpath("//input[@data-toggle]")
    assert {t.get("data-toggle") for t in toggles} >= {"off-t14", "off-t11", "hide-removed"}


def test_summary_charts_and_print_stylesheet() -> None:
    arts = [analysed_article(i, published=f"2023-{1 + i % 3:02d}-10") for i in range(6)]
    arts.append(analysed_article(99, source="Other Daily", published=None))
    doc = parse(render_report(arts, filters={"language": "en"}))
    titles = [c.text for c in doc.xpath("//figure/figcaption")]
    assert titles == ["Articles per technique", "Articles per frame", "Articles per genre",
                      "Articles per month of publication"]
    bars = [t.text for t in doc.xpath("//figure[1]//g/title")]
    assert bars[:2] == ["False dilemma: 7", "Loaded language: 7"]  # largest first, ties by label
    widths = [float(r.get("width")) for r in doc.xpath("//figure[1]//rect")]
    assert widths == sorted(widths, reverse=True) and widths[0] == 300
    months = [t.text for t in doc.xpath("//figure[4]//g/title")]
    assert months == ["2023-01: 2", "2023-02: 2", "2023-03: 2"]
    sources = [r.text_content() for r in doc.xpath("//table[caption='By source']//tr")]
    assert sources == ["Valley Herald6", "Other Daily1"]
    assert "language = en" in doc.xpath("//header")[0].text_content()
    css = doc.xpath("//style")[0].text
    assert re.search(r"@media print\{.*print-color-adjust:exact", css, re.DOTALL)


def test_report_of_nothing_and_of_unanalysed_articles() -> None:
    text, paras = paragraphs_from_blocks(["Only text, never analysed."])
    doc = parse(render_report([Article(text=text, paragraphs=paras)]))
    assert doc.xpath("//p[@class='para']")[0].text_content() == "Only text, never analysed."
    assert "not classified" in doc.xpath("//article/p[@class='meta']")[1].text_content()
    empty = parse(render_report([]))
    assert empty.xpath("//article") == [] and "0 articles" in empty.xpath("//header")[0].text_content()
