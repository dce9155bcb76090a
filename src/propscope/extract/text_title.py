"""Find the real headline of a scraped text.

Why not "the first line": scrapers prepend site names, taglines, donation widgets, date lines
and breadcrumbs. We run after the line rules have removed those, then take the first
headline-like line of the header zone; a breadcrumb's last segment, when repeated as a line,
is the strongest evidence of all.
"""

from __future__ import annotations

from propscope.extract.outlets import suffix_regex
from propscope.extract.text_lines import Line, is_body_like, is_headline_like
from propscope.extract.text_meta import is_person_name
from propscope.extract.text_patterns import BREADCRUMB_SEP, line_key

#: How many non-blank lines from the top may hold the title.
HEAD_LINES = 12


def breadcrumb_tail(line: Line) -> str | None:
    """Last segment of a "Home / Category / Title" line (None if not a breadcrumb)."""
    parts = BREADCRUMB_SEP.split(line.norm)
    return parts[-1] if len(parts) >= 3 or (len(parts) == 2 and line.reason) else None


def strip_outlet_suffix(title: str) -> str:
    """"Headline - Sputnik International" -> "Headline" (the outlet goes to Extracted.source)."""
    m = suffix_regex().search(title)
    return title[: m.start()].rstrip() if m and m.start() > 0 else title


def find_title(lines: list[Line]) -> tuple[int | None, str]:
    """Index of the title line (None if the title only exists in a breadcrumb) and its text."""
    head = lines[:HEAD_LINES]
    crumb = next(
        (t for ln in head if ln.reason == "navigation" and (t := breadcrumb_tail(ln))), None
    )
    if crumb:
        key = line_key(crumb)
        for ln in head:
            if ln.reason is None and line_key(ln.norm) == key:
                return ln.index, strip_outlet_suffix(ln.norm)
    candidates = _candidates(head)
    # a bare "Jane Doe" line is more likely a byline, unless nothing else looks like a title
    best = next((ln for ln in candidates if not is_person_name(ln.norm)), None)
    best = best or (candidates[0] if candidates else None)
    if best is not None:
        return best.index, strip_outlet_suffix(best.norm)
    return (None, crumb) if crumb else (None, "")


def _candidates(head: list[Line]) -> list[Line]:
    """Headline-like lines not yet removed, up to the first real paragraph."""
    found = []
    for i, ln in enumerate(head):
        if ln.reason is not None:
            continue
        nxt = head[i + 1] if i + 1 < len(head) else None
        wrapped = nxt is not None and not nxt.blank_before and nxt.norm[:1].islower()
        headline = is_headline_like(ln, max_words=30) and not wrapped
        if is_body_like(ln) and not headline:
            break
        if headline:
            found.append(ln)
    return found
