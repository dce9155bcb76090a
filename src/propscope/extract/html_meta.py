"""Our metadata layer over trafilatura's: title, authors, published date, site name.

Each field is an explicit fallback chain over the signals in ``html_signals`` (JSON-LD,
OpenGraph, ``<meta>``, microdata, bylines, ``<time>``), and every candidate is validated
before it is accepted, so a wrong value (an author that is a URL, a date in the future, a
title that is the site name) falls through to the next step instead of being returned.
Values are never guessed: a field with no acceptable candidate stays empty.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from propscope.extract.html_authors import find_authors
from propscope.extract.html_dates import find_date
from propscope.extract.html_signals import Signals, clean, collect, jsonld_names

_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " // ", " · ", " • ", " » ", " : ")
_TOKEN = re.compile(r"\w+")
_LABEL = re.compile(r"^(?:title|headline|blog|article|news)\s*:\s*", re.IGNORECASE)
#: Share of the h1's words that must appear in a declared title for the h1 to win.
H1_AGREEMENT = 0.3


@dataclass(slots=True)
class Meta:
    """The chosen metadata of one page."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_name: str | None = None
    language: str | None = None


def extract_meta(
    tree: etree._Element,
    *,
    url: str | None = None,
    date_nodes: list[etree._Element] | None = None,
    lines: list[str] | None = None,
    cues: list[str | None] | None = None,
    cheap: bool = False,
) -> Meta:
    """Run every fallback chain on one parsed page (read-only: call before trafilatura).

    ``date_nodes`` are the <time>/date-ish elements ``html_blocks.render_blocks`` met on its
    walk, so the date chain can tell declared dates a reader also sees without a second walk;
    ``lines`` (the rendered visible lines) feed the last author step ("By Jane Doe").
    ``cheap`` skips the two costly steps (trafilatura's byline XPaths, htmldate) on huge pages.
    """
    sig = collect(tree)
    site = site_name(sig)
    title = choose_title(sig, site)
    return Meta(
        title=title,
        authors=find_authors(tree, sig, site, lines, cheap=cheap),
        published=find_date(tree, sig, url, date_nodes or [], lines, cues=cues, title=title,
                            cheap=cheap),
        site_name=site,
        language=sig.lang,
    )


def site_name(sig: Signals) -> str | None:
    """og:site_name, then JSON-LD publisher / WebSite name, then application-name."""
    candidates = [sig.first_meta("og:site_name")]
    for obj in sig.jsonld_articles:
        candidates.extend(jsonld_names(obj.get("publisher")))
    for obj in sig.jsonld_other:
        if _types(obj) & {"website", "organization", "newsmediaorganization"}:
            candidates.extend(jsonld_names(obj))
    candidates.append(sig.first_meta("application-name", "apple-mobile-web-app-title"))
    for cand in candidates:
        cand = clean(cand)
        if 1 < len(cand) <= 80 and not cand.lower().startswith(("http://", "https://")):
            return cand
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    return {str(x).casefold() for x in (t if isinstance(t, list) else [t])}


def choose_title(sig: Signals, site: str | None) -> str:
    """The visible headline (<h1>) when it agrees with the declared titles, else a stripped one.

    ``<h1>`` is what readers see as the headline, but many pages use h1 for the logo or a
    section name; so an h1 is accepted only if it shares most of its words with one of the
    declared titles (JSON-LD headline, og:title, twitter:title, <title>). Otherwise the best
    declared title is used with its " | Site" / " - Site" suffix removed.
    """
    declared = [
        _jsonld_headline(sig),
        sig.first_meta("og:title"),
        sig.first_meta("twitter:title"),
        sig.title_tag,
    ]
    declared = [d for d in (_tidy(x) for x in declared) if d]
    refs = [strip_segments(strip_site(d, site, sig)) for d in declared]
    best_h1, best_score = "", (0.0, 0.0)
    for h1 in sig.h1:
        h1 = strip_segments(strip_site(_tidy(h1), site, sig))
        if not 2 <= len(h1) <= 300:
            continue
        # (share of h1 words in a declared title, share of that title covered by the h1):
        # the second breaks ties between a logo h1 ("Site") and the real headline.
        score = max(((_overlap(h1, r), _overlap(r, h1)) for r in refs), default=(1.0, 1.0))
        if score > best_score:
            best_h1, best_score = h1, score
    if best_h1 and best_score[0] >= H1_AGREEMENT:
        return best_h1
    for ref in refs:
        if ref and (not site or ref.casefold() != site.casefold()):
            return ref
    return refs[0] if refs else best_h1


def _tidy(title: str) -> str:
    """Unescape double-escaped entities and drop a leading "Title:" style label."""
    return _LABEL.sub("", html.unescape(clean(title)))


def strip_segments(title: str) -> str:
    """Drop what is probably a site/section segment when the site name did not identify it.

    " | " almost always separates headline from outlet/section, so the first segment of at
    least three words is kept ("Story | Section | Outlet" -> "Story"; "Outlet | Story" ->
    "Story"). Dashes are also used inside headlines, so a dash tail is dropped only when
    it is short and looks like a name (every word capitalised or a domain).
    """
    if " | " in title:
        parts = [p.strip() for p in title.split(" | ") if p.strip()]
        long_parts = [p for p in parts if len(p.split()) >= 3]
        title = long_parts[0] if long_parts else max(parts, key=len, default=title)
    for sep in (" - ", " – ", " — "):
        head, found, tail = title.rpartition(sep)
        words = tail.split()
        if found and len(head.split()) >= 3 and 1 <= len(words) <= 4 and all(
            w[:1].isupper() or "." in w for w in words
        ):
            return head.strip()
    return title


def _jsonld_headline(sig: Signals) -> str:
    for obj in sig.jsonld_articles:
        for key in ("headline", "name"):
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                return value
    return ""


def _overlap(candidate: str, reference: str) -> float:
    """Share of the candidate's words found in the reference (case-insensitive)."""
    c = _TOKEN.findall(candidate.casefold())
    r = set(_TOKEN.findall(reference.casefold()))
    if not c:
        return 0.0
    return sum(1 for w in c if w in r) / len(c)


def strip_site(title: str, site: str | None, sig: Signals | None = None) -> str:
    """Remove a trailing (or leading) site-name segment: "Story | Site", "Site - Story".

    A segment is removed when it matches the known site name, or, without a site name, when
    the <title> and og:title share it as their last segment and it is short.
    """
    title = clean(title)
    for sep in _SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if _is_site_segment(tail, site) and len(head) >= 3:
            return strip_site(head, site, sig)
        first, _, rest = title.partition(sep)
        if _is_site_segment(first, site) and len(rest) >= 3:
            return strip_site(rest, site, sig)
    if sig is not None and not site:
        return _strip_common_suffix(title, sig)
    return title


def _is_site_segment(segment: str, site: str | None) -> bool:
    """True if a title segment names the site (exactly, or as its domain-like form)."""
    seg = _squash(segment)
    if not seg or not site:
        return False
    s = _squash(site)
    return seg == s or (len(seg) >= 4 and (seg in s or s in seg) and len(segment) <= 60)


def _squash(text: str) -> str:
    text = re.sub(r"^(www\.)|(\.(com|org|net|co\.uk|de|ru|io|ai))$", "", text.casefold().strip())
    return "".join(_TOKEN.findall(text))


def _strip_common_suffix(title: str, sig: Signals) -> str:
    """Without a site name: drop a short last segment that every declared title shares."""
    others = [t for t in (sig.title_tag, sig.first_meta("og:title")) if t and t != title]
    for sep in (" | ", " - ", " – ", " — "):
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if len(tail) <= 40 and any(o.endswith(sep + tail) for o in others) and len(head) >= 3:
            return head
    return title
