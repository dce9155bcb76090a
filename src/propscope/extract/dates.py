"""Normalise the many date spellings found in feeds and records to ISO 8601.

Record fields (JSONL/CSV columns) come in every format; we accept the common ones and
return None rather than a wrong date, since a wrong publication date corrupts
who-published-first decisions downstream.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_DOTTED = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")  # 24.02.2022 (day first)
_EPOCH = re.compile(r"^\s*\d{9,10}(\.\d+)?\s*$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _valid(y: int, m: int, d: int = 1) -> bool:
    try:
        datetime(y, m, d)
    except ValueError:
        return False
    return _MIN_YEAR <= y <= _MAX_YEAR


def normalize_date(value: str | None) -> str | None:
    """Return ``YYYY-MM-DD`` (or ``YYYY-MM`` for month precision), else None."""
    if not value or not value.strip():
        return None
    v = value.strip()[:64]
    if m := _ISO_DAY.match(v):
        y, mo, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    if m := _ISO_MONTH.match(v):
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{mo:02d}" if _valid(y, mo) else None
    if m := _DOTTED.match(v):
        d, mo, y = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    if _EPOCH.match(v):
        dt = datetime.fromtimestamp(float(v), tz=timezone.utc)
        return dt.strftime("%Y-%m-%d") if _valid(dt.year, dt.month) else None
    try:
        dt = parsedate_to_datetime(v)  # RFC 2822, as in RSS and HTTP headers
    except (TypeError, ValueError, IndexError):
        # "March 14, 2024", "14. März 2024", "14 марта 2024": the HTML chain's textual parser.
        from propscope.extract.html_dates import normalise_date

        return normalise_date(v)
    return dt.strftime("%Y-%m-%d") if _valid(dt.year, dt.month, dt.day) else None
