"""HTML -> Extracted: trafilatura for the body, our own layer for metadata and audit blocks.

The page is parsed exactly once with lxml (``huge_tree`` off, so libxml2's own depth and
size limits apply). Read-only passes run first on that tree (metadata chains in
``html_meta``, visible-block rendering in ``html_blocks``); trafilatura then receives the
same tree, which it may mutate. Hostile input is bounded before parsing (size cap, nesting
flattened) and anything that still cannot be parsed becomes a ``DocumentError``.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from propscope.extract.html_blocks import removed_blocks, render_blocks
from propscope.extract.html_meta import Meta, extract_meta
from propscope.extract.types import Extracted
from propscope.schema import DocumentError

#: Inputs above this many characters are truncated before parsing (a news page is <3 MB).
MAX_HTML_CHARS = 8_000_000
#: Deeper open-tag nesting than this is flattened before parsing (see ``_flatten_deep``).
MAX_DEPTH = 180
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]{0,30})[^>]{0,4000}?(/?)>")
#: Void tags and tags HTML lets authors leave open: never counted as nesting.
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rp", "rt", "html", "head", "body"]
)
#: Pages with more elements than this skip trafilatura and the other costly heuristics
#: (its readability/justext fallbacks are superlinear); WCXB pages have < 5,000.
MAX_ELEMENTS = 50_000
#: trafilatura settings, chosen by measurement on WCXB dev (body word-F1, 711 pages):
#: defaults minus comments scored best (favor_recall -0.1, favor_precision -2.4,
#: include_tables=False -0.9 points); metadata comes from our own layer instead.
_INCLUDE_COMMENTS = False

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract body blocks, metadata, visible source text and removed blocks from a page."""
    tree = parse_html(html)
    huge = _too_many_elements(tree)
    visible = render_blocks(tree)
    meta = extract_meta(tree, url=url, date_nodes=visible.date_nodes, lines=visible.lines,
                        cues=visible.cues, cheap=huge)
    body = [] if huge else _body_blocks(tree, url)
    body = body or _fallback_blocks(visible.lines, visible.cues)
    if not body:
        raise DocumentError("no-text", "no article-like text on the page")
    blocks = [b for b in body if _norm(b) != _norm(meta.title)] if len(body) > 1 else body
    source_text, removed = removed_blocks(visible, blocks, meta.title, meta.authors)
    return Extracted(
        title=meta.title,
        blocks=blocks,
        removed=removed,
        source_text=source_text,
        source=meta.site_name,
        authors=meta.authors,
        published=meta.published,
        language_hint=meta.language,
        extractor="html:trafilatura+propscope-meta",
    )


def parse_html(html: str) -> etree._Element:
    """Bounded lxml parse; DocumentError('unparsable') when nothing usable comes out."""
    if not isinstance(html, str):
        raise DocumentError("unparsable", f"expected str, got {type(html).__name__}")
    text = html[:MAX_HTML_CHARS].replace("\x00", "")
    if not text.strip():
        raise DocumentError("no-text", "empty HTML")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    tree, too_deep = _parse(text)
    if too_deep:
        # libxml2 stops at depth 256 and drops the rest of the page: flatten and retry.
        tree, _ = _parse(_flatten_deep(text))
    if tree is None or not isinstance(tree.tag, str):
        raise DocumentError("unparsable", "no document element")
    return tree


def _parse(text: str) -> tuple[etree._Element, bool]:
    """One lxml parse (a fresh parser per call: parsers are not thread-safe)."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False,
                                  collect_ids=False, default_doctype=False)
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise DocumentError("unparsable", f"lxml could not parse the page: {exc}") from exc
    return tree, any("depth" in err.message for err in parser.error_log)


def _flatten_deep(text: str) -> str:
    """Drop open tags beyond MAX_DEPTH so recursion in lxml/trafilatura stays bounded.

    A cheap regex walk counts open minus close tags; past the limit the extra tags are
    removed (their text is kept), which turns a 10,000-deep tower into a flat run of text.
    Only called after libxml2 reported excessive depth, so ordinary pages are untouched.
    """
    depth = 0
    out: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclose:
            continue
        depth += -1 if closing else 1
        if (depth > MAX_DEPTH and not closing) or (closing and depth >= MAX_DEPTH):
            out.append(text[pos : m.start()])
            pos = m.end()
        depth = max(depth, 0)
    out.append(text[pos:])
    return "".join(out)


def _body_blocks(tree: etree._Element, url: str | None) -> list[str]:
    """trafilatura's main text on our tree, split into paragraphs (one per line)."""
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=_INCLUDE_COMMENTS, include_tables=True,
            with_metadata=False,
        )
    except (RecursionError, ValueError, TypeError, etree.LxmlError):
        return []
    text = None if doc is None or isinstance(doc, dict) else doc.text
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _too_many_elements(tree: etree._Element) -> bool:
    """Count elements up to MAX_ELEMENTS + 1 (stops early; no full walk of a huge tree)."""
    for count, _ in enumerate(tree.iter(), start=1):
        if count > MAX_ELEMENTS:
            return True
    return False


def _fallback_blocks(lines: list[str], cues: list[str | None]) -> list[str]:
    """When trafilatura finds no body: visible sentence-length lines outside boilerplate cues.

    Keeps fragments and bare pages usable (a one-paragraph page is still text) while menus,
    footers and banners, which carry a cue or are short, stay out.
    """
    kept = [line for line, cue in zip(lines, cues) if cue is None and len(line.split()) >= 8]
    return kept or _misplaced_article(lines, cues)


#: Sentence-length lines a "navigation" container must hold before it is read as an article.
MISPLACED_MIN_LINES = 5


def _misplaced_article(lines: list[str], cues: list[str | None]) -> list[str]:
    """Last resort: sentence-length lines inside a container our cues call navigation.

    Menus hold short link labels; five or more lines of 8+ words under a navigation cue are
    an article whose theme wraps it in a <nav>-like element. Only reached when trafilatura
    and every uncued line gave nothing, where the alternative is losing the page.
    """
    long = [line for line, cue in zip(lines, cues) if cue == "navigation" and len(line.split()) >= 8]
    return long if len(long) >= MISPLACED_MIN_LINES else []


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


__all__ = ["Meta", "extract_html", "parse_html"]
