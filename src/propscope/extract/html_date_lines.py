"""Dates a reader sees around the headline, each with the label printed before it.

The byline block right under (or just above) the ``<h1>`` is where a page *shows* its date,
and its wording says which date it is: "Published", "Posted" and "Originally published"
name the publication date, "Updated", "Last modified" and "Reviewed" name a later one.
Lines are the rendered visible lines of ``html_blocks`` (no further walk of the tree);
prose lines that merely mention a date ("valid until May 3, 2025") are skipped by a
word-count test, so only byline-like lines count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from propscope.extract.html_date_parse import DATE_IN_TEXT, month_line, normalise_date

Label = Literal["published", "updated"] | None

#: Lines of the header window: a few above the headline (kicker, date above the title) and
#: the byline block below it. On WCXB dev the displayed dates sit within -3..+16 lines of
#: the headline; dates farther away are mostly body text, comments or teaser lists.
BEFORE_H1, AFTER_H1 = 4, 16
#: Without a matched headline the top of the page is scanned this far.
NO_H1_WINDOW = 40
#: More words than this besides the dates make a line prose, not a byline (the count is
#: not sensitive: 6..14 score the same on WCXB dev).
MAX_OTHER_WORDS = 10
#: Longer lines are paragraphs, not bylines.
MAX_LINE = 160
#: Lines rendered inside these boilerplate containers (``html_blocks`` cues) carry other
#: texts' dates: a reader's comment, a teaser of another story.
SKIP_CUES = frozenset(["comments"])
_WORD = re.compile(r"[^\W\d_]{2,}")
_PUBLISHED = re.compile(
    r"(?:publish|posted|erschienen|veröffentlicht|publié|publicado|pubblicato|"
    r"опубликован|written\s+on|created)\w*\W*(?:on|am|le|el|il)?\W*$",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"(?:updated?|modified|reviewed|revised|edited|aktualisiert|geändert|mis\s+à\s+jour|"
    r"actualizado|aggiornato|обновлен)\w*\W*(?:on|at|am|le|el|il)?\W*$",
    re.IGNORECASE,
)
#: "originally published on <date>" anywhere in the text names the first publication even
#: when the byline shows a later revision.
_ORIGINALLY = re.compile(r"\boriginally\s+(?:published|posted|appeared)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LineDate:
    """One displayed date (ISO day) and the label printed before it, if any."""

    iso: str
    label: Label


def header_dates(
    lines: list[str],
    headlines: str | Sequence[str | None] | None,
    date_nodes: list[etree._Element] | None = None,
    cues: list[str | None] | None = None,
) -> list[LineDate]:
    """Labelled dates of the byline-like lines around the headline, nearest first.

    The headline is the first of ``headlines`` that is a whole visible line: the chosen
    title before the first <h1>, since many pages give h1 to a logo or a footer heading
    ("Contact Us") and the window around such an h1 holds some other text's date.
    Below the headline comes first, then above it nearest first: a date right under the
    title is the byline's, while the lines above may be the end of a teaser strip. A line
    whose date is not machine-readable ("03/01/2017") takes the ``datetime`` of a <time>
    element that displays that text. Lines inside comment threads (``cues``) are skipped.
    """
    order = _window(lines, headlines)
    stamps: list[tuple[str, str]] | None = None
    out: list[LineDate] = []
    for i in order:
        if cues and i < len(cues) and cues[i] in SKIP_CUES:
            continue
        found = line_dates(lines[i])
        if not found and len(lines[i]) <= MAX_LINE:
            stamps = _time_stamps(date_nodes or []) if stamps is None else stamps
            found = [LineDate(iso, _label(lines[i][: lines[i].index(text)]))
                     for text, iso in stamps if text in lines[i]][:1]
        out.extend(found)
    return out


def _window(lines: list[str], headlines: str | Sequence[str | None] | None) -> list[int]:
    """Line indexes of the header window: from the headline down, then above it nearest first."""
    start = -1
    for headline in [headlines] if isinstance(headlines, str) else headlines or []:
        start = next((i for i, line in enumerate(lines[:2000]) if headline and line == headline),
                     -1)
        if start >= 0:
            break
    if start < 0:
        return list(range(min(NO_H1_WINDOW, len(lines))))
    return [*range(start, min(start + AFTER_H1 + 1, len(lines))),
            *range(start - 1, max(start - BEFORE_H1, 0) - 1, -1)]


def header_month(
    lines: list[str],
    headlines: str | Sequence[str | None] | None,
    cues: list[str | None] | None = None,
) -> str | None:
    """``YYYY-MM`` of a header-window line that shows only a month and year ("Date: May 2004").

    For pages dated to the month: when no day is shown or declared, the month is what the
    page says, and better than a guess from elsewhere (often the modification date).
    """
    for i in _window(lines, headlines):
        if cues and i < len(cues) and cues[i] in SKIP_CUES:
            continue
        month = month_line(lines[i])
        if month:
            return month
    return None


def _time_stamps(nodes: list[etree._Element]) -> list[tuple[str, str]]:
    """(displayed text, ISO date of ``datetime``) of the <time> elements among date nodes."""
    out: list[tuple[str, str]] = []
    for node in nodes:
        stamp = node.get("datetime") if node.tag == "time" else None
        text = node.text_content().strip()[:80] if stamp else ""
        iso = normalise_date(stamp) if len(text) >= 6 else None
        if iso:
            out.append((text, iso))
    return out


def line_dates(line: str) -> list[LineDate]:
    """Dates of one byline-like line with the label that precedes each (none for prose)."""
    if len(line) > MAX_LINE:
        return []
    found: list[LineDate] = []
    pos, other = 0, 0
    for m in DATE_IN_TEXT.finditer(line):
        iso = normalise_date(m.group(0))
        if not iso:
            continue
        before = line[pos : m.start()]
        other += len(_WORD.findall(before))
        found.append(LineDate(iso, _label(before)))
        pos = m.end()
    other += len(_WORD.findall(line[pos:]))
    if not found or other > MAX_OTHER_WORDS:
        return []
    return found


def _label(text: str) -> Label:
    """Label of the words right before a date ("Updated on", "Published:")."""
    tail = text[-40:]
    if _UPDATED.search(tail):
        return "updated"
    if _PUBLISHED.search(tail):
        return "published"
    return None


def originally_published(lines: list[str]) -> str | None:
    """Date after an "originally published on" phrase anywhere in the visible text."""
    for line in lines[:5000]:
        m = _ORIGINALLY.search(line)
        if m:
            date = DATE_IN_TEXT.search(line, m.end(), m.end() + 40)
            if date:
                return normalise_date(date.group(0))
    return None


def labelled_published(lines: list[str], cues: list[str | None] | None = None) -> str | None:
    """First date labelled "Published"/"Posted" on a byline-like line outside boilerplate.

    For pages whose header window shows no date at all: some templates print the byline
    date after a long deck or a table of contents, beyond ``AFTER_H1``. Lines that
    ``html_blocks`` cued as boilerplate (teasers, comments, navigation) are not read, so a
    teaser's "Posted on" date is not taken.
    """
    for i, line in enumerate(lines[:5000]):
        if cues and i < len(cues) and cues[i] is not None:
            continue
        for d in line_dates(line):
            if d.label == "published":
                return d.iso
    return None
