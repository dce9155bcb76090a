"""Publication-date rules of the HTML chain, each on a small hand-written page."""

from __future__ import annotations

import json

import pytest
from htmldate import extractors

from propscope.extract import html_dates
from propscope.extract.html import extract_html, parse_html
from propscope.extract.html_date_lines import LineDate, header_dates, line_dates
from propscope.extract.html_date_parse import (
    could_be_shown_as,
    month_line,
    normalise_date,
)
from propscope.extract.html_dates import bare_page

BODY = "".join(
    f"<p>Paragraph {i} about the river works, with enough words to be the article body here.</p>"
    for i in range(6)
)


def page(head: str = "", top: str = "", *, h1: str = "River works finished") -> str:
    """A minimal article page: optional <head> extras, then <h1>, a byline block, a body."""
    return (f"<html><head><title>{h1}</title>{head}</head><body><article><h1>{h1}</h1>"
            f"{top}{BODY}</article></body></html>")


def jsonld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def published(html: str) -> str | None:
    return extract_html(html).published


# --- spellings -------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("21.11.2023", "2023-11-21"),                      # European day-first dots
    ("03.04.2024 10:00", "2024-04-03"),
    ("v1.2.2024", None),                               # a version number, not a date
    ("June 3, 2022Updated on: July 1, 2022", "2022-06-03"),  # glued inline elements
    ("By Jane DoeFeb 7, 2023 | 2 replies", "2023-02-07"),
    ("Tuesday, October 11, 2022", "2022-10-11"),       # weekday before the month
    ("04/05/2018", None),                              # month-first or day-first: unknown
])
def test_normalise_date_spellings(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


# --- labels and prose ------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("Published: 8 Jan 2022", [LineDate("2022-01-08", "published")]),
    ("Posted on March 9, 2019 by Ann", [LineDate("2019-03-09", "published")]),
    ("Last updated: Jul 13, 2020", [LineDate("2020-07-13", "updated")]),
    ("By Ann Lee Updated Sep 15, 2021 · 4 min read", [LineDate("2021-09-15", "updated")]),
    ("Veröffentlicht am 7. Februar 2025", [LineDate("2025-02-07", "published")]),
    ("June 3, 2022Updated on: July 1, 2022",
     [LineDate("2022-06-03", None), LineDate("2022-07-01", "updated")]),
    ("Ann Lee • November 2nd, 2021", [LineDate("2021-11-02", None)]),
    ("The offer is valid for all members who sign up before the end of the sale on May 3, 2022.",
     []),
])
def test_line_dates_labels(line: str, expected: list[LineDate]) -> None:
    assert line_dates(line) == expected


def test_header_window_prefers_lines_below_the_headline() -> None:
    lines = ["Menu", "Teaser story", "Jan 2, 2024", "Title", "By Ann", "May 5, 2024", "Body."]
    assert [d.iso for d in header_dates(lines, "Title")] == ["2024-05-05", "2024-01-02"]


def test_header_window_ignores_dates_far_below_the_headline() -> None:
    lines = ["Title", *(["Some body sentence without any date in it."] * 30), "May 5, 2024"]
    assert header_dates(lines, "Title") == []


# --- the chain -------------------------------------------------------------------------


@pytest.mark.parametrize(("declared", "shown", "expected"), [
    ("2020-02-01T10:00:00Z", "March 12, 2021 | Rivers", "2021-03-12"),
    # 22:00 UTC on the 19th is never the 18th: not a zone shift but another date.
    ("2020-03-19T22:00:00Z", "Rivers · March 18, 2020", "2020-03-18"),
])
def test_shown_date_beats_unconfirmed_declared_date(declared: str, shown: str,
                                                    expected: str) -> None:
    html = page(jsonld(datePublished=declared), f'<div class="meta">{shown}</div>')
    assert published(html) == expected


def test_published_label_beats_updated_label_and_declared() -> None:
    top = ('<div class="byline"><span>Published Apr 14, 2020</span></div>'
           '<div class="byline"><span>Updated Aug 2, 2022</span></div>')
    html = page(jsonld(datePublished="2022-08-02", dateModified="2022-08-02"), top)
    assert published(html) == "2020-04-14"


def test_declared_publication_beats_displayed_update() -> None:
    html = page(jsonld(datePublished="2021-05-04T09:00:00Z", dateModified="2022-06-07T10:00:00Z"),
                '<div class="byline">Updated on June 7, 2022 at 10:00 AM</div>')
    assert published(html) == "2021-05-04"


def test_unlabelled_date_equal_to_declared_modification_is_a_revision() -> None:
    html = page(jsonld(datePublished="2020-08-05", dateModified="2021-11-09"),
                '<p class="date">November 9, 2021</p>')
    assert published(html) == "2020-08-05"


def test_updated_date_when_nothing_is_declared() -> None:
    html = page("", '<div class="byline">Updated on December 6, 2021</div>')
    assert published(html) == "2021-12-06"


def test_originally_published_phrase_anywhere() -> None:
    later = ("<p>This guide was originally published on 14 Jun 2018 and has been revised "
             "since then.</p>")
    html = page("", f'<div class="byline">2 Oct 2021</div>{later}')
    assert published(html) == "2018-06-14"


def test_day_off_display_keeps_the_declared_day() -> None:
    """A UTC timestamp shown in the site's zone: same instant, the declared day is kept."""
    html = page(jsonld(datePublished="2020-03-18T01:30:00+00:00"),
                '<div class="meta">Rivers · March 17, 2020</div>')
    assert published(html) == "2020-03-18"


def test_numeric_date_read_the_other_way_matches_declared() -> None:
    html = page(jsonld(datePublished="2021-04-07T12:00:00Z"), '<div class="meta">04.07.2021</div>')
    assert published(html) == "2021-04-07"


def test_time_element_gives_datetime_for_an_unreadable_display() -> None:
    """The byline's <time> wins over an earlier teaser <time> (the declared fallback)."""
    teaser = ('<div class="latest"><time datetime="2022-01-30T08:00:00Z">01/30/2022</time>'
              + "".join(f"<p>Other story {i}</p>" for i in range(6)) + "</div>")
    top = '<div class="meta"><time datetime="2018-04-05T08:00:00Z">04/05/2018</time> by Ann</div>'
    html = page("", top).replace("<article>", f"{teaser}<article>")
    assert published(html) == "2018-04-05"


def test_date_just_above_the_headline() -> None:
    html = ("<html><head><title>River works finished</title></head><body><article>"
            '<div class="kicker">October 19, 2021</div><h1>River works finished</h1>'
            f"{BODY}</article></body></html>")
    assert published(html) == "2021-10-19"


# --- time zones, comment threads, the headline anchor, far bylines --------------------


@pytest.mark.parametrize(("stamp", "shown", "expected"), [
    ("2020-03-18T01:30:00+00:00", "2020-03-17", True),   # 01:30 UTC is the 17th in the US
    ("2020-03-19T22:00:00Z", "2020-03-18", False),       # the 19th or 20th everywhere
    ("2020-03-18T21:00:00-05:00", "2020-03-19", True),   # 02:00 UTC on the 19th
    ("2020-03-18T09:00:00-05:00", "2020-03-17", False),  # 14:00 UTC: the 18th even at -12
    ("2020-03-18", "2020-03-17", True),                  # no time of day: cannot tell
])
def test_could_be_shown_as(stamp: str, shown: str, expected: bool) -> None:
    assert could_be_shown_as(stamp, shown) is expected


def test_comment_dates_under_the_headline_are_not_the_byline() -> None:
    comments = ('<div class="comments"><p>3 responses</p><p>Ann</p>'
                '<div class="when">May 5, 2021</div><p>Nice work on the bridge.</p></div>')
    html = page('<meta property="article:published_time" content="2021-03-02T09:00:00Z">',
                comments)
    assert published(html) == "2021-03-02"


def test_headline_found_by_title_when_h1_is_a_footer_heading() -> None:
    """An h1 that disagrees with the title ("Contact Us") does not anchor the byline window."""
    html = ("<html><head><title>River works finished</title></head><body><article>"
            '<h2>River works finished</h2><div class="meta">March 3, 2021</div>'
            f"{BODY}</article><div><h1>Contact Us</h1><p>Open since May 5, 2022</p></div>"
            "</body></html>")
    assert published(html) == "2021-03-03"


#: A table of contents longer than the header window below the headline.
CONTENTS = "<ul>" + "".join(f"<li>Step {i}: the works</li>" for i in range(20)) + "</ul>"


def test_published_label_beyond_the_header_window() -> None:
    """No date near the headline: a "Published" byline after a long contents list counts."""
    html = page('<meta property="article:published_time" content="2021-11-29T09:00:00Z">',
                f'{CONTENTS}<div class="pub">Published August 13, 2021</div>')
    assert published(html) == "2021-08-13"


def test_far_published_label_in_a_teaser_is_ignored() -> None:
    teaser = '<div class="related"><p>Posted on August 13, 2021</p></div>'
    html = page('<meta property="article:published_time" content="2021-11-29T09:00:00Z">',
                f"{CONTENTS}{teaser}")
    assert published(html) == "2021-11-29"


PROSE_DATE = ("<p>The bridge over the river was first closed on 14 March 2016, after the flood "
              "that cut the valley in two for a whole week.</p>")


def test_bare_page_gets_no_date_from_its_prose() -> None:
    """Text exported as HTML: a date in the prose is an event, not the publication date."""
    html = page(top=PROSE_DATE)
    assert bare_page(parse_html(html))
    assert published(html) is None


@pytest.mark.parametrize("markup", ['<div class="story">x</div>', '<span id="a">x</span>',
                                    "<time>x</time>", '<meta name="author" content="A">',
                                    '<script>var a = 1;</script>'])
def test_any_publisher_markup_makes_a_page_not_bare(markup: str) -> None:
    assert not bare_page(parse_html(page(head=markup if "meta" in markup else "", top=markup)))


def test_htmldate_free_text_parser_is_restricted_to_propscope_languages() -> None:
    """dateparser's all-locale default costs seconds per worker process (see html_dates)."""
    assert extractors.get_external_parser is html_dates.external_parser
    parser = html_dates.external_parser()
    assert {"en", "ru", "de", "fr", "it", "pl", "el", "ka"} <= set(parser.languages)
    assert len(parser.languages) < 60  # not dateparser's ~200 locales
    assert parser.get_date_data("14 марта 2016")["date_obj"].year == 2016


# --- the URL's calendar day, month-precision pages -------------------------------------


def test_date_in_the_url_keeps_the_shown_day_against_a_utc_stamp() -> None:
    """A permalink built from the local publication day names the shown day, not UTC's."""
    html = page(jsonld(datePublished="2020-03-18T01:30:00+00:00"),
                '<div class="meta">Rivers · March 17, 2020</div>')
    assert extract_html(html, url="https://blog.example/2020/03/17/river-works/").published \
        == "2020-03-17"


def test_og_url_date_counts_when_the_url_is_unknown() -> None:
    head = ('<meta property="og:url" content="https://blog.example/2020/03/17/river-works/">'
            + jsonld(datePublished="2020-03-18T01:30:00+00:00"))
    html = page(head, '<div class="meta">Rivers · March 17, 2020</div>')
    assert published(html) == "2020-03-17"


def test_url_of_another_day_does_not_move_a_zone_shift() -> None:
    html = page(jsonld(datePublished="2020-03-18T01:30:00+00:00"),
                '<div class="meta">Rivers · March 17, 2020</div>')
    assert extract_html(html, url="https://blog.example/2020/03/01/river-works/").published \
        == "2020-03-18"


@pytest.mark.parametrize(("line", "expected"), [
    ("November 2003", "2003-11"),
    ("Date: Mai 2004", "2004-05"),
    ("Sept. 2019", "2019-09"),
    ("Best river walks of May 2024", None),   # a headline, not a date line
    ("Chapter 2003", None),                   # not a month
    ("March 1890", None),                     # outside the plausible years
])
def test_month_line(line: str, expected: str | None) -> None:
    assert month_line(line) == expected


def test_page_dated_to_the_month_gets_the_month() -> None:
    """No day shown or declared: the month the page shows, not the modification date."""
    top = '<dl class="facts"><dt>Date</dt><dd>November 2003</dd></dl>'
    html = page('<meta property="article:modified_time" content="2024-09-17T10:00:00Z">', top)
    assert published(html) == "2003-11"


def test_month_line_does_not_override_a_declared_day() -> None:
    top = '<dl class="facts"><dt>Date</dt><dd>November 2003</dd></dl>'
    html = page(jsonld(datePublished="2003-11-20T10:00:00Z"), top)
    assert published(html) == "2003-11-20"
