"""Dates and author names found in plain text (en/ru/de).

Why separate: the boilerplate rules only need yes/no answers ("is this line a date?", "is
this a personal name?"), while the metadata (ISO date, clean author list) is a by-product.
Only explicit evidence counts: a standalone date line, a labelled date, a byline, a bio
block, a URL path date. Dates inside running text ("on December 6, 2017") are never used.
"""

from __future__ import annotations

import re

from propscope.extract.text_patterns import BYLINE, NAME_STOPWORDS, NAME_TOKEN

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan январь января янв januar jän",
        "february feb февраль февраля фев februar",
        "march mar март марта мар märz märz maerz",
        "april apr апрель апреля апр",
        "may май мая mai",
        "june jun июнь июня июн juni",
        "july jul июль июля июл juli",
        "august aug август августа авг",
        "september sep sept сентябрь сентября сен",
        "october oct октябрь октября окт oktober okt",
        "november nov ноябрь ноября ноя",
        "december dec декабрь декабря дек dezember dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_LABEL = (
    r"(?:(?:published|updated|posted|date|опубликовано|обновлено|дата|veröffentlicht|"
    r"aktualisiert|stand|datum)(?: am| on)?\s*:?\s*)?"
)
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|понедельник|вторник|среда|четверг|пятница|суббота|"
    r"воскресенье),?\s+)?"
)
_TIME = r"(?:\s*(?:,|um|в|at|-|–)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|utc|gmt|мск))?)?"
_DATE_FORMS = (
    r"(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?",
    r"(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})",
    r"(?P<d3>\d{1,2})\.?\s+(?P<mn3>" + _MONTH_RE + r")\.?\s+(?P<y3>\d{4})(?:\s*(?:г\.|года))?",
    r"(?P<mn4>" + _MONTH_RE + r")\.?\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{4})",
    r"(?P<mn5>" + _MONTH_RE + r")\.?\s+(?P<y5>\d{4})(?:\s*(?:г\.|года))?",
)
DATE_LINE = re.compile(
    r"^" + _LABEL + _WEEKDAY + r"(?:" + "|".join(_DATE_FORMS) + r")" + _TIME + r"\s*$", re.I
)
DATE_ANYWHERE = re.compile(r"(?:" + "|".join(_DATE_FORMS) + r")", re.I)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?:/|-|$)")


def _iso(year: str, month: int | str | None, day: str | None) -> str | None:
    """ISO date at the precision we actually have; None for impossible values."""
    y, m = int(year), int(month) if month is not None else 0
    if not 1900 <= y <= 2100 or not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}"
    d = int(day)
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= 31 else None


def _from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("y1"):
        return _iso(g["y1"], g["m1"], g["d1"])
    if g.get("y2"):
        return _iso(g["y2"], g["m2"], g["d2"])
    for i in ("3", "4", "5"):
        if g.get("y" + i):
            month = _MONTHS.get(g["mn" + i].casefold().rstrip("."))
            return _iso(g["y" + i], month, g.get("d" + i))
    return None


def parse_date_line(line: str) -> str | None:
    """ISO date if ``line`` is nothing but a (labelled) date, e.g. "JUNE 2021" -> "2021-06"."""
    if len(line) > 80:
        return None
    m = DATE_LINE.match(line)
    return _from_match(m) if m else None


def find_date(text: str) -> str | None:
    """First explicit date inside a short metadata string (a byline's tail)."""
    m = DATE_ANYWHERE.search(text)
    return _from_match(m) if m else None


def date_from_url(url: str | None) -> str | None:
    """Date from a URL path like /2021/06/05/slug (common CMS layout)."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _iso(m["y"], m["m"], m["d"]) if m else None


def is_person_name(text: str) -> bool:
    """2-4 capitalised tokens (particles allowed), no digits, no UI/calendar words."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 60:
        return False
    if not tokens[0][0].isupper() or not tokens[-1][0].isupper():
        return False
    if len(set(tokens)) < len(tokens):
        return False  # "Von Blase zu Blase" is a headline, not a name
    for tok in tokens:
        if not NAME_TOKEN.match(tok) or tok.casefold() in NAME_STOPWORDS:
            return False
        if len(tok) > 2 and tok.isupper():
            return False
    return True


_NAME_SPLIT = re.compile(
    r"\s*(?:,|;|\band\b|&|\bund\b|\bи\b)\s*|\s+[-–—|]\s+|\s+(?:on|am|at|um|в)\s+(?=\S*\d|[A-ZА-ЯЁ])"
)
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Sir|Dame)\.?\s+(?=\S)")


def byline_authors(line: str) -> tuple[list[str], str]:
    """Names and the remainder of a byline ("By Jane Doe and Max Roe, Moscow") or ([], "")."""
    m = BYLINE.match(line)
    if not m or len(line.split()) > 16:
        return [], ""
    rest = m["rest"]
    if rest.isupper():  # "By JANE DOE, MOSCOW"
        rest = rest.title()
    return leading_names(rest)


def leading_names(text: str) -> tuple[list[str], str]:
    """Personal names at the start of ``text`` and whatever follows them."""
    parts = _NAME_SPLIT.split(text.strip().rstrip("."))
    names: list[str] = []
    for i, part in enumerate(parts):
        part = _HONORIFIC.sub("", part)
        if not is_person_name(part):
            return names, ", ".join(parts[i:])
        names.append(part)
    return names, ""
