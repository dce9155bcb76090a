"""The HTML report renders hostile article content inert."""

from __future__ import annotations

from propscope.report import render_report
from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks


def test_report_escapes_everything_from_documents() -> None:
    text, paras = paragraphs_from_blocks([
        "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
        '<a href="javascript:alert(3)">click</a> "><svg onload=alert(4)>',
    ])
    art = Article(text=text, paragraphs=paras, title="<b onmouseover=alert(5)>t</b>",
                  source="<iframe>", authors=["<script>"], url="javascript:alert(6)",
                  removed=[RemovedBlock(0, 5, "caption", "<style>*{}</style>")])
    page = render_report([art])
    for needle in ("<script>alert", "<img src=x", "<a href=\"javascript", "<svg", "<b onmouseover",
                   "<iframe>", "<style>*{}"):
        assert needle not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
