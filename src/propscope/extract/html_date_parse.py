"""Date spellings found in HTML pages, normalised to ISO ``YYYY-MM-DD``.

ISO and year-first slashed dates, compact ``20250904``, European day-first dotted dates
(``12.12.2025``) and textual dates in six languages ("4 Sep 2025", "Sep 4, 2025",
"7. Februar 2025"); a line showing only a month and year reads as ``YYYY-MM``. Slashed dates with the year last (``03/01/2017``) are not read: they
are month-first in the US and day-first elsewhere, and a wrong day is worse than none.
Years outside 1995..next year are rejected, so copyright years and template placeholders
do not become publication dates. ``could_be_shown_as`` tells whether a declared timestamp
and a displayed day can be the same instant seen from some time zone.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DOTTED = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
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
#: Rendered bylines glue adjacent inline elements together ("April 26, 2024Updated on",
#: "Jane DoeMar 5, 2025"), so a date ends at "no further digit" rather than a word boundary,
#: and a month name may start at a lower-to-upper case change.
_TEXTUAL = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+([^\W\d_]{3,10})\.?,?\s+(\d{4})(?!\d)"
    r"|(?:\b|(?<=[a-z])(?=[A-Z]))([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)"
)
#: Any single date spelling inside running text, for scanning a line left to right.
DATE_IN_TEXT = re.compile("|".join(f"(?:{p.pattern})" for p in (_ISO, _SLASHED, _DOTTED, _TEXTUAL)))


def month_number(word: str) -> int | None:
    """Month number of a month name or abbreviation in one of the supported languages."""
    return _MONTH_OF.get(word.casefold().rstrip("."))


def normalise_date(value: str | None) -> str | None:
    """ISO, slashed, compact, dotted or textual date (the first one in the text) -> ISO."""
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
    m = _DOTTED.search(value)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _TEXTUAL.search(value)
    while m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(5), m.group(4), m.group(6))
        mon = month_number(month)
        if mon:
            return _valid(int(year), mon, int(day))
        # Not a month ("Friday", or a name glued to one: "DoeMar 5"): retry one further on.
        m = _TEXTUAL.search(value, m.start() + 1)
    return None


#: A timestamp's time of day and zone: "T01:30:00+00:00", " 21:46:01 -0500", "T22:02Z".
_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
#: Civil time zones in use run from UTC-12 to UTC+14.
_ZONES_H = (-12, 14)


def could_be_shown_as(stamp: str | None, shown: str) -> bool:
    """Whether some real time zone displays the instant ``stamp`` on the day ``shown``.

    A site declares ``2020-03-18T01:30:00+00:00`` and prints "March 17, 2020" in its own
    zone: the same instant, so the declared day is the exact one. But "22:02 UTC on the
    19th" is the 19th or 20th everywhere on Earth, so a page showing the 18th shows a
    different date, not a zone shift. A stamp without a time of day cannot tell (True).
    """
    stamp = (stamp or "").strip()
    m = _STAMP.match(stamp)
    if not m:
        return True
    zone = m.group(3) or "Z"
    offset = 0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[-2:])) * (-1 if zone[0] == "-" else 1)
    try:
        local = dt.datetime.fromisoformat(stamp[:10]) + dt.timedelta(
            hours=int(m.group(1)), minutes=int(m.group(2)))
        day = dt.datetime.fromisoformat(shown)
    except ValueError:  # not a calendar date: nothing to compare
        return True
    utc = local - dt.timedelta(minutes=offset)
    lo, hi = (utc + dt.timedelta(hours=h) for h in _ZONES_H)
    return lo < day + dt.timedelta(days=1) and day <= hi


#: A whole line that is a month and a year, optionally after a short label ("Date:").
_MONTH_LINE = re.compile(r"^(?:[^\W\d_]{2,12}\s*:\s*)?([^\W\d_]{3,10})\.?,?\s+(\d{4})$")


def month_line(line: str) -> str | None:
    """``YYYY-MM`` of a line that shows only a month and a year ("November 2003").

    Reports and archived pages often date themselves to the month; the page then gives no
    day, and inventing one (the 1st) would be a wrong day presented as exact. ISO 8601
    reduced precision says exactly what is known, as the plain-text path already does.
    """
    m = _MONTH_LINE.match(line.strip())
    mon = month_number(m.group(1)) if m else None
    if not (m and mon):
        return None
    iso = _valid(int(m.group(2)), mon, 1)
    return iso[:7] if iso else None


def _valid(year: int, month: int, day: int) -> str | None:
    """A real calendar date between 1995 and next year, or None."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if not 1995 <= year <= dt.date.today().year + 1:
        return None
    return date.isoformat()
