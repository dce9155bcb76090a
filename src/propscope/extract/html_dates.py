"""Publication date chain, normalised to ISO ``YYYY-MM-DD``.

The declared date (JSON-LD ``datePublished`` -> publication <meta> tags -> microdata
``itemprop`` -> ``<time datetime>`` -> a date in the URL path) is trusted when the page also
*shows* it to readers. Otherwise htmldate's original-date search arbitrates (declared dates
are often stale or replaced by an "Updated ..." line the reader sees), then the declared
date, then the first visible date. Measured on WCXB dev this order beats each source alone.
Candidates outside 1995..next year are rejected, so copyright years and template
placeholders do not become publication dates.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

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
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|$)")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$)")
#: Month words (exact, casefolded) in English, German, French, Spanish, Italian, Russian.
_MONTH_NAMES = (
    "jan january jän januar janv janvier ene enero gen gennaio января январь янв",
    "feb february februar fév févr février fev febrero febbraio февраля февраль фев",
    "mar march mär märz mars marzo марта март мар",
    "apr april avr avril abr abril aprile апреля апрель апр",
    "may mai mayo mag maggio мая май",
    "jun june juni juin junio giu giugno июня июнь июн",
    "jul july juli juil juillet julio lug luglio июля июль июл",
    "aug august août ago agosto августа август авг",
    "sep sept september septembre septiembre set settembre сентября сентябрь сен",
    "oct october okt oktober octobre octubre ott ottobre октября октябрь окт",
    "nov november novembre noviembre ноября ноябрь ноя",
    "dec december dez dezember déc décembre dic diciembre dicembre декабря декабрь дек",
)
_MONTH_OF = {w: i for i, words in enumerate(_MONTH_NAMES, start=1) for w in words.split()}
_TEXTUAL = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+([^\W\d_]{3,10})\.?,?\s+(\d{4})\b"
    r"|\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
)


def _month(word: str) -> int | None:
    """Month number of a month name or abbreviation in one of the supported languages."""
    return _MONTH_OF.get(word.casefold().rstrip("."))


def find_date(
    tree: etree._Element,
    sig: Signals,
    url: str | None,
    date_nodes: list[etree._Element],
    lines: list[str] | None = None,
    *,
    cheap: bool = False,
) -> str | None:
    """Pick the publication date (ISO) by agreement between independent sources.

    1. the declared date, if the reader also sees it (a <time>/date-ish node or the first
       date line under the headline);
    2. htmldate's original-date guess, if likewise confirmed;
    3. the declared date if htmldate's independent search agrees with it (two sources
       beat one displayed line, which is often an "Updated ..." date);
    4. the first date line under the headline (what a reader takes as the date);
    5. htmldate unconfirmed, then the declared date.
    """
    declared = declared_date(tree, sig, url)
    shown = visible_dates(date_nodes)
    line_date = headline_date(lines or [], sig.h1[0] if sig.h1 else None)
    if declared and (declared in shown or declared == line_date):
        return declared
    guessed = None if cheap else _htmldate(tree, url)
    if guessed and (guessed in shown or guessed == line_date):
        return guessed
    if declared and declared == guessed:
        return declared
    return line_date or guessed or declared


def headline_date(lines: list[str], h1: str | None, window: int = 40) -> str | None:
    """First short visible line with a date, starting at the headline (or the page top)."""
    start = 0
    if h1:
        start = next((i for i, line in enumerate(lines[:2000]) if line == h1), 0)
    for line in lines[start : start + window]:
        if len(line) <= 100:
            iso = normalise_date(line)
            if iso:
                return iso
    return None


def declared_date(tree: etree._Element, sig: Signals, url: str | None) -> str | None:
    """First valid candidate of the structured-data chain, as YYYY-MM-DD."""
    for candidate in _chain(tree, sig, url):
        iso = normalise_date(candidate)
        if iso:
            return iso
    return None


def _chain(tree: etree._Element, sig: Signals, url: str | None):
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


def _dom_dates(tree: etree._Element):
    """itemprop=datePublished and the first few <time> elements (datetime or text)."""
    try:
        nodes = tree.xpath("//*[@itemprop='datePublished'] | //time[@datetime or @pubdate]")
    except etree.XPathError:
        return
    for node in nodes[:5]:
        yield node.get("datetime") or node.get("content") or node.text_content()[:80]


def normalise_date(value: str | None) -> str | None:
    """ISO, slashed, compact (20250904) or textual ("4 Sep 2025", "Sep 4, 2025") -> ISO date."""
    if not value:
        return None
    value = value.strip()[:100]
    for pattern in (_ISO, _SLASHED):
        m = pattern.search(value)
        if m:
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT.match(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _TEXTUAL.search(value)
    if m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(5), m.group(4), m.group(6))
        mon = _month(month)
        if mon:
            return _valid(int(year), mon, int(day))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    """A real calendar date between 1995 and next year, or None."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if not 1995 <= year <= dt.date.today().year + 1:
        return None
    return date.isoformat()


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


def warm_up() -> None:
    """Load dateparser's locale data now (~1.8 s on first use).

    htmldate's free-text search calls dateparser, whose first call loads every locale; in a
    forked worker pool each worker would pay that again, so the pipeline calls this once in
    the parent before forking and the workers share the loaded data.
    """
    try:
        from htmldate.extractors import get_external_parser
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return
    get_external_parser().get_date_data("5 June 2021")


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
