"""Read-only metadata signals of an HTML page: JSON-LD, <meta> tags, <title>, <h1>, <time>.

Collected once per page from the already-parsed lxml tree (no second parse), so the
metadata chooser in ``html_meta`` can try its fallback chain without re-walking the DOM.
Everything here is bounded: at most a few dozen JSON-LD scripts of limited size, and
string values are clipped, so hostile pages cannot make this step expensive.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

_ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in ["Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "ScholarlyArticle", "TechArticle", "Report", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "MedicalWebPage", "Recipe", "HowTo", "Review", "AdvertiserContentArticle", "SatiricalArticle", "Blog", "Posting"]
)
_MAX_JSONLD = 20
_MAX_JSONLD_CHARS = 200_000
_MAX_VALUE = 2_000
_WS = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Collapse whitespace and clip; metadata values are short by nature."""
    if not text:
        return ""
    return _WS.sub(" ", str(text)).strip()[:_MAX_VALUE]


@dataclass(slots=True)
class Signals:
    """Every metadata hint found on the page, before any choice is made."""

    jsonld_articles: list[dict[str, Any]] = field(default_factory=list)
    jsonld_other: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str = ""
    h1: list[str] = field(default_factory=list)
    lang: str | None = None

    def first_meta(self, *keys: str) -> str:
        """First non-empty content among ``<meta>`` keys (name/property/itemprop), in key order."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return ""


def collect(tree: etree._Element) -> Signals:
    """Gather JSON-LD, meta tags, <title>, <h1> and <html lang> from one tree."""
    sig = Signals()
    lang = tree.get("lang") or tree.get("xml:lang")
    sig.lang = clean(lang).split("-")[0].lower()[:8] or None if lang else None
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content:
            sig.meta.setdefault(key.strip().casefold(), []).append(clean(content))
    for el in tree.iter("title"):
        if not sig.title_tag and el.getparent() is not None and el.getparent().tag in ("head", "html"):
            sig.title_tag = clean(el.text_content())
    sig.h1 = [t for t in (clean(h.text_content()) for h in tree.iter("h1")) if t][:5]
    _collect_jsonld(tree, sig)
    return sig


def _collect_jsonld(tree: etree._Element, sig: Signals) -> None:
    """Parse ld+json scripts, flatten @graph/lists, split article-like objects from the rest."""
    count = 0
    for el in tree.iter("script"):
        if "ld+json" not in (el.get("type") or "").casefold():
            continue
        count += 1
        if count > _MAX_JSONLD:
            break
        raw = (el.text or "").strip()
        if not raw or len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _flatten(data, depth=0):
            types = obj.get("@type")
            names = {str(t).casefold() for t in (types if isinstance(types, list) else [types])}
            (sig.jsonld_articles if names & _ARTICLE_TYPES else sig.jsonld_other).append(obj)


def _flatten(data: Any, depth: int) -> list[dict[str, Any]]:
    """Objects of a JSON-LD payload: top level, list items and ``@graph`` members."""
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data[:50] for o in _flatten(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    out = [data]
    graph = data.get("@graph")
    if graph is not None:
        out.extend(_flatten(graph, depth + 1))
    main = data.get("mainEntity")
    if isinstance(main, dict):
        out.extend(_flatten(main, depth + 1))
    return out


def jsonld_names(value: Any) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object, or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        if isinstance(item, str):
            names.append(clean(item))
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else ""
            if isinstance(name, str):
                names.append(clean(name))
            elif item.get("givenName") or item.get("familyName"):
                names.append(clean(f"{item.get('givenName', '')} {item.get('familyName', '')}"))
    return [n for n in names if n]
