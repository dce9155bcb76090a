"""Publication date chain, normalised to ISO ``YYYY-MM-DD``.

What a page *shows* under its headline is what readers (and WCXB's annotators) take as
its date, and the label printed with it says which date it is; so the displayed byline
dates (``html_date_lines``) are read first, and the declared date (JSON-LD
``datePublished`` -> publication <meta> tags -> microdata ``itemprop`` ->
``<time datetime>`` -> a date in the URL path) decides between a displayed revision date
and the publication date. htmldate's original-date search only breaks the remaining ties.
Parsing of date spellings lives in ``html_date_parse``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lxml import etree

from propscope.extract.html_date_lines import (
    header_dates,
    header_month,
    labelled_published,
    originally_published,
)
from propscope.extract.html_date_parse import could_be_shown_as, normalise_date
from propscope.extract.html_signals import Signals

#: htmldate extensive search (dateparser on free text): measured on WCXB, see report.
EXTENSIVE = True

_META_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "parsely-pub-date", "sailthru.date", "article.published", "pubdate",
    "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "dcterms.date", "citation_publication_date",
    "citation_date", "article:published", "cxenseparse:recs:publishtime",
    "datecreated", "date.created", "original-publish-date",
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|$)")
#: Declared modification dates: a displayed date equal to one of these is a revision date.
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                  "dcterms.modified", "updated")


def find_date(
    tree: etree._Element,
    sig: Signals,
    url: str | None,
    date_nodes: list[etree._Element],
    lines: list[str] | None = None,
    *,
    cues: list[str | None] | None = None,
    title: str | None = None,
    cheap: bool = False,
) -> str | None:
    """Pick the publication date (ISO): what the reader is shown, read with its label.

    1. a date labelled "Published"/"Posted" in the byline block around the headline, or
       one "originally published" anywhere (or, when the byline block shows no date at
       all, one labelled "Published" further down): the page says which date it is;
    2. the declared date (structured data), when the byline block shows it too;
    3. the first byline date that is not a revision (labelled "Updated", or equal to the
       declared modification date): the date the reader takes as the article's;
    4. the declared date when any date-ish node shows it;
    5. the displayed revision date when htmldate's independent search agrees with it;
    6. the declared date (a declared publication date beats a displayed revision date),
       then the revision date, then a month the header shows without a day ("November
       2003" -> ``2003-11``), then htmldate's guess.

    A shown day that differs by one from a declared UTC stamp is a zone shift (the declared
    day wins) unless the page's URL carries the shown day (``url_day``).

    Measured on WCXB dev (588 dated pages): 90.8 % (even ids 89.7, odd 91.9) with the URL
    day and month precision; 90.3 % (89.7 / 90.9) before them; 89.8 % (89.4 / 90.2) before
    the headline was found by the chosen title, comment threads were skipped and zone
    shifts were checked against the time of day; 86.4 %
    (85.6 / 87.2) for the older agreement-only order. Most remaining misses are pages
    whose truth is a publication date the page never shows, or the displayed revision
    date where the page hides its declared publication date; the benchmark labels that
    last case both ways, so no rule wins it.
    """
    lines = lines or []
    head = header_dates(lines, [title, *sig.h1[:1]], date_nodes, cues)
    stamp = declared_stamp(tree, sig, url)
    declared = stamp[0] if stamp else None
    published = next((d.iso for d in head if d.label == "published"), None)
    published = published or originally_published(lines)
    if not head:
        published = published or labelled_published(lines, cues)
    in_url = url_day(url, sig)
    if published:
        return _same_day(published, stamp, in_url)
    if declared and any(d.iso == declared for d in head):
        return declared
    modified = modified_date(sig)
    for d in head:
        if d.label is None and d.iso != modified:
            return _same_day(d.iso, stamp, in_url)
    shown = visible_dates(date_nodes)
    if declared and declared in shown:
        return declared
    revision = head[0].iso if head else None
    if revision is None:  # htmldate's search (the costliest step) only when it can decide
        return declared or header_month(lines, [title, *sig.h1[:1]], cues) or (
            None if cheap or bare_page(tree) else _htmldate(tree, url))
    if not cheap and revision == _htmldate(tree, url):
        return revision
    return declared or revision


def _same_day(shown: str, stamp: tuple[str, str] | None, in_url: str | None = None) -> str:
    """The declared date when the shown one is the same date read differently.

    A timestamp declared in UTC is displayed in the site's own zone, so near midnight the
    two calendar days differ by one; and a numeric date such as 09.10.2024 may be
    month-first. Either way the declared date is the unambiguous spelling. A one-day gap
    that no real time zone explains (declared 22:00 UTC on the 19th, shown the 18th) is
    two different dates, and the shown one is the reader's. But when the page's own URL
    carries the shown day, the publisher's calendar names it (``url_day``), so the
    declared UTC day is the same instant seen from Greenwich, not the publication date.
    """
    if not stamp or shown == in_url:
        return shown
    declared, raw = stamp
    a, b = dt.date.fromisoformat(shown), dt.date.fromisoformat(declared)
    if abs(a - b).days == 1 and could_be_shown_as(raw, shown):
        return declared
    if a.year == b.year and (a.month, a.day) == (b.day, b.month):
        return declared
    return shown


def url_day(url: str | None, sig: Signals) -> str | None:
    """The full date in the page's address (its URL, else og:url), as YYYY-MM-DD.

    Blog and news CMSs build a post's permalink from its publication date in the site's
    own time zone (WordPress' ``/%year%/%monthnum%/%day%/``), so this date is the
    publisher's calendar day of publication; on WCXB dev it is the true day on all 32
    pages whose URL carries one.
    """
    for address in (url, sig.first_meta("og:url")):
        m = _URL_DATE.search(address or "")
        if m:
            return normalise_date("-".join(m.groups()))
    return None


def modified_date(sig: Signals) -> str | None:
    """The declared last-modification date (JSON-LD dateModified, then <meta> tags)."""
    for obj in sig.jsonld_articles + sig.jsonld_other:
        value = obj.get("dateModified")
        iso = normalise_date(value) if isinstance(value, str) else None
        if iso:
            return iso
    for key in _MODIFIED_KEYS:
        for value in sig.meta.get(key, ()):
            iso = normalise_date(value)
            if iso:
                return iso
    return None


def declared_date(tree: etree._Element, sig: Signals, url: str | None) -> str | None:
    """First valid candidate of the structured-data chain, as YYYY-MM-DD."""
    stamp = declared_stamp(tree, sig, url)
    return stamp[0] if stamp else None


def declared_stamp(tree: etree._Element, sig: Signals, url: str | None) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the value as declared) of the first valid candidate of the chain.

    The raw value keeps the time of day and zone, which tell a zone shift of the displayed
    day from a different date (``_same_day``).
    """
    for candidate in _chain(tree, sig, url):
        iso = normalise_date(candidate)
        if iso:
            return iso, candidate
    return None


def _chain(tree: etree._Element, sig: Signals, url: str | None) -> Iterator[str]:
    for obj in sig.jsonld_articles:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            value = obj.get(key)
            if isinstance(value, str):
                yield value
    for key in _META_KEYS:
        yield from sig.meta.get(key, ())
    for obj in sig.jsonld_other:
        value = obj.get("datePublished")
        if isinstance(value, str):
            yield value
    yield from _dom_dates(tree)
    if url:
        m = _URL_DATE.search(url)
        if m:
            yield "-".join(m.groups())


def _dom_dates(tree: etree._Element) -> Iterator[str]:
    """itemprop=datePublished and the first few <time> elements (datetime or text)."""
    try:
        nodes = tree.xpath("//*[@itemprop='datePublished'] | //time[@datetime or @pubdate]")
    except etree.XPathError:
        return
    for node in nodes[:5]:
        yield node.get("datetime") or node.get("content") or node.text_content()[:80]


#: Any markup a publisher's page carries (classes, ids, microdata, <time>, named <meta>,
#: scripts). A page with none of it is text exported as HTML.
_MARKUP = etree.XPath("boolean(//*[@class or @id or @itemprop or @datetime or @property]"
                      " | //time | //meta[@name or @property] | //script)")


def bare_page(tree: etree._Element) -> bool:
    """Whether the page is bare text in HTML (no markup beyond headings and paragraphs).

    htmldate's last resort on such a page is a date from the prose, which names events
    ("the airstrikes of 22 March"), not when the article appeared; so no guess is better.
    It also skips htmldate's free-text scan, the costliest extraction step on short pages
    (~3 ms of ~11). No WCXB page is bare, so the benchmark cannot tell either way.
    """
    return not _MARKUP(tree)


def _htmldate(tree: etree._Element, url: str | None) -> str | None:
    """htmldate's original-date search (the settings trafilatura uses) on the same tree."""
    try:
        from htmldate import find_date as hd_find
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return None
    try:
        found = hd_find(tree, url=url, original_date=True, extensive_search=EXTENSIVE,
                        max_date=f"{dt.date.today().year + 1}-12-31")
    except Exception:  # noqa: BLE001 - htmldate on hostile markup; no date is fine
        return None
    return normalise_date(found) if found else None


#: Languages htmldate's free-text fallback may parse dates in: the ones propscope identifies
#: (extract/langid.py). dateparser's default tries all ~200 locales and compiles every one's
#: regexes on first use: 2-8 s of CPU in *each* worker process, which alone made HTML
#: ingest of short pages ~1.5x slower than trafilatura; restricted, set-up is ~0.8 s.
def _date_languages() -> list[str]:
    from lingua import Language

    from propscope.extract.langid import LANGUAGES

    return [getattr(Language, name).iso_code_639_1.name.lower() for name in LANGUAGES]


@lru_cache(maxsize=1)
def external_parser() -> Any:
    """htmldate's dateparser settings, over propscope's languages only."""
    from dateparser import DateDataParser

    return DateDataParser(languages=_date_languages(), settings={
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
        "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
        "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True,
    })


def _install_external_parser() -> None:
    """Make htmldate's free-text fallback use `external_parser` (it looks the getter up at
    call time, so replacing the module attribute is enough)."""
    try:
        from htmldate import extractors
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return
    extractors.get_external_parser = external_parser


_install_external_parser()


def warm_up() -> None:
    """Build the restricted dateparser now (a pool's parent can share it with forked workers)."""
    external_parser().get_date_data("5 June 2021")


#: class/id words of elements that usually hold the displayed date (used by html_blocks).
DATEISH = re.compile(r"date|time|publish|posted|updated|byline|meta|dateline|timestamp")


def visible_dates(nodes: list[etree._Element], limit: int = 8) -> list[str]:
    """Dates a reader sees, in page order, from <time> and date-ish nodes found while rendering."""
    out: list[str] = []
    for el in nodes[:200]:
        text = el.text_content()
        if len(text) > 120:
            continue
        iso = normalise_date(text) or (normalise_date(el.get("datetime")) if el.tag == "time" else None)
        if iso:
            out.append(iso)
            if len(out) >= limit:
                break
    return out
