"""Visible text of a page as one block per line, and why each non-body block was dropped.

This is the audit side of HTML extraction: trafilatura decides *what* the body is, and this
module renders everything a reader could see (``source_text``) so every block that did not
make it into the body can be shown in place with a reason (``RemovedBlock``). Reasons come
from cheap element cues only: the tag (nav/header/footer/aside/figcaption) and class/id
words (cookie, share, comment, related, breadcrumb, ...) of the block or its ancestors.
The walk is iterative (``iterwalk``) and capped, so hostile pages cannot make it expensive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from propscope.extract.html_dates import DATEISH
from propscope.schema import RemovedBlock

_SKIP = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option", "object", "canvas", "math", "button"])
_BLOCK = frozenset(
    ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "blockquote", "pre", "figcaption", "figure", "section", "article", "header", "footer", "nav", "aside", "dt", "dd", "dl", "address", "form", "main", "fieldset", "legend", "details", "summary", "hr", "center", "caption"]
)
_TAG_REASON = {"nav": "navigation", "figcaption": "caption", "footer": "boilerplate",
               "aside": "teaser-headline", "header": "navigation", "form": "boilerplate"}
#: (reason, class/id pattern); the first matching rule wins, so specific cues come first.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern))
    for reason, pattern in (
        ("cookie", r"cookie|consent|gdpr|cmp-"),
        ("comments", r"comment|disqus|respond|replies"),
        ("photo-credit", r"credit|copyright-photo|photographer"),
        ("caption", r"caption|wp-caption"),
        ("author-bio", r"author[-_]?(?:bio|box|info|card|profile)|about[-_]the[-_]author|bio\b"),
        ("donation", r"donat|support[-_]us|paywall"),
        ("subscribe-share", r"share|social|subscri|newsletter|follow|sign[-_]?up|sharing"),
        ("navigation", r"breadcrumb|\bnav|menu|pagination|skip[-_]link|masthead|topbar|toolbar"),
        ("teaser-headline", (r"related|recommend|read[-_]?also|see[-_]also|more[-_]stor|teaser|read[-_]?more|trending|"
                            r"popular|most[-_]read|outbrain|taboola|promo|sidebar|widget")),
        ("boilerplate", r"footer|advert|\bads?\b|sponsor|banner|modal|popup"),
    )
)
_ANY_CUE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _CUES))
MAX_LINES = 5_000
MAX_CHARS = 2_000_000
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Visible:
    """Rendered visible lines and, per line, the element cue that applies (or None)."""

    lines: list[str] = field(default_factory=list)
    cues: list[str | None] = field(default_factory=list)
    date_nodes: list[etree._Element] = field(default_factory=list)  # <time>, class~="date"...


def element_cue(el: etree._Element) -> str | None:
    """Removal reason suggested by one element's tag or class/id, if any."""
    attrib = el.attrib
    if "class" not in attrib and "id" not in attrib and "role" not in attrib:
        return _TAG_REASON.get(el.tag)
    attrs = f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('role', '')}".casefold()
    if _ANY_CUE.search(attrs):
        for reason, pattern in _CUES:
            if pattern.search(attrs):
                return reason
    return _TAG_REASON.get(el.tag)


def render_blocks(tree: etree._Element) -> Visible:
    """Visible text of <body>, one block per line, skipping scripts/styles/hidden nodes."""
    out = Visible()
    body = tree.find("body")
    root = body if body is not None else tree
    stack: list[str | None] = [None]
    pushed: list[etree._Element] = []  # elements entered (not skipped), to match end events
    buf: list[str] = []
    size = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            inspected = _inspect(el, tag) if isinstance(tag, str) and tag not in _SKIP else None
            if inspected is None:
                walker.skip_subtree()
                continue
            if tag in _BLOCK or tag == "br":
                size += _flush(buf, stack[-1], out)
            cue, dateish = inspected
            stack.append(cue or stack[-1])
            pushed.append(el)
            if dateish and len(out.date_nodes) < 200:
                out.date_nodes.append(el)
            if el.text:
                buf.append(el.text)
            continue
        if pushed and pushed[-1] is el:
            pushed.pop()
            if tag in _BLOCK:
                size += _flush(buf, stack[-1], out)
            stack.pop()
        if el.tail and el is not root:
            buf.append(el.tail)
        if len(out.lines) >= MAX_LINES or size >= MAX_CHARS:
            break
    _flush(buf, stack[-1] if stack else None, out)
    return out


def _inspect(el: etree._Element, tag: str) -> tuple[str | None, bool] | None:
    """One read of the attributes: None if hidden, else (removal cue, holds a date?)."""
    attrib = el.attrib
    if not attrib:
        return _TAG_REASON.get(tag), tag == "time"
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return None
    style = attrib.get("style")
    if style and "display:none" in style.replace(" ", "").casefold():
        return None
    cls, ident, role = attrib.get("class", ""), attrib.get("id", ""), attrib.get("role")
    if not cls and not ident and role is None:
        return _TAG_REASON.get(tag), tag == "time"
    return _cue_of(tag, cls, ident, role or "")


@lru_cache(maxsize=8192)
def _cue_of(tag: str, cls: str, ident: str, role: str) -> tuple[str | None, bool]:
    """Cue for one attribute combination; memoised since templates repeat class strings
    hundreds of times per page (this halved the cost of rendering a page)."""
    attrs = f"{cls} {ident} {role}".casefold()
    cue = _TAG_REASON.get(tag)
    if _ANY_CUE.search(attrs):
        cue = next((reason for reason, pattern in _CUES if pattern.search(attrs)), cue)
    return cue, tag == "time" or bool(DATEISH.search(f"{cls} {ident}".casefold()))


def _flush(buf: list[str], cue: str | None, out: Visible) -> int:
    """Emit the buffered inline text as one line (if not blank); return its length."""
    if not buf:
        return 0
    line = _WS.sub(" ", "".join(buf)).strip()
    buf.clear()
    if not line:
        return 0
    out.lines.append(line)
    out.cues.append(cue)
    return len(line)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def removed_blocks(
    visible: Visible, body: list[str], title: str = "", authors: list[str] | None = None
) -> tuple[str, list[RemovedBlock]]:
    """Join visible lines into source_text; every line not in the body becomes a RemovedBlock.

    A line counts as kept when it occurs in the body text (long lines) or equals a body
    paragraph or table cell (short lines, so "Share" is not "kept" just because the word
    appears). A line naming the author(s) is an "author-bio" (byline) block. Adjacent
    removed lines with the same reason are merged into one block.
    """
    body_norm = "\n".join(_norm(b) for b in body)
    body_set = {_norm(b) for b in body}
    title_norm = _norm(title)
    author_set = {_norm(a) for a in authors or ()}
    source_text = "\n".join(visible.lines)
    removed: list[RemovedBlock] = []
    pos = 0
    for line, cue in zip(visible.lines, visible.cues):
        start, end = pos, pos + len(line)
        pos = end + 1
        norm = _norm(line)
        if _kept(norm, body_set, body_norm):
            continue
        if norm == title_norm:
            reason = "title"
        elif author_set and any(a in norm for a in author_set) and len(norm) < 80:
            reason = "author-bio"
        else:
            reason = cue or _text_reason(norm)
        last = removed[-1] if removed else None
        if last and last.reason == reason and last.end == start - 1:
            removed[-1] = RemovedBlock(last.start, end, reason, source_text[last.start : end])
        else:
            removed.append(RemovedBlock(start, end, reason, line))
    return source_text, removed


def _kept(norm: str, body_set: set[str], body_norm: str) -> bool:
    if norm in body_set:
        return True
    if len(norm) >= 25:
        return norm in body_norm
    return f"| {norm} |" in body_norm


_DATE_LINE = re.compile(r"^[\w ,.:/-]{0,20}\b(?:19|20)\d\d\b[\w ,.:/-]{0,20}$")
_TEXT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie", re.compile(r"\bcookies?\b|cookie-|куки|cookie-richtlinie")),
    ("subscribe-share", re.compile(r"^(?:share|subscribe|follow us|teilen|поделиться|подписаться)")),
    ("comments", re.compile(r"^\d*\s*(?:comments?|kommentare?|комментари)")),
    ("photo-credit", re.compile(r"^(?:photo|фото|foto|image|bild)\s*[:©]|^©")),
    ("source-link", re.compile(r"^(?:source|источник|quelle)\s*:|originally appeared")),
)


def _text_reason(norm: str) -> str:
    """Fallback reason from the line's own words when no element cue applied."""
    for reason, pattern in _TEXT_CUES:
        if pattern.search(norm):
            return reason
    if len(norm) <= 40 and _DATE_LINE.match(norm):
        return "date-line"
    return "boilerplate"
