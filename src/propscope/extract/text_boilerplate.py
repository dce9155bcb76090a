"""Context-free rules: which lines of scraped text are not article text, and why.

Why rules and not a classifier: every removal must be explainable with a REMOVAL_REASONS
name and must never eat a real paragraph, however short ("RT reports:"). Each rule looks
at one :class:`Line` only; rules that need neighbours (teasers after captions, tails after
a comment header, bios at the end) live in ``text_context`` and run afterwards.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from propscope.extract import text_patterns as P
from propscope.extract.outlets import only_regex, suffix_regex
from propscope.extract.text_lines import Line, ends_sentence, normalize_space
from propscope.extract.text_meta import byline_authors, find_date, parse_date_line


@dataclass(slots=True)
class Meta:
    """Metadata collected while classifying (dates from date lines, authors from bylines)."""

    authors: list[str] = field(default_factory=list)
    published: str | None = None
    #: (line index, names, ISO date) seen by line rules; kept only if above the comments
    pending: list[tuple[int, list[str], str | None]] = field(default_factory=list)

    def note(self, index: int, names: list[str] | None = None, iso: str | None = None) -> None:
        """Remember line-level evidence until we know whether the line is in the comments."""
        self.pending.append((index, names or [], iso))

    def forget(self, index: int) -> None:
        """Drop the evidence of a line a context rule re-classified."""
        self.pending = [p for p in self.pending if p[0] != index]

    def settle(self, cut: int | None) -> None:
        """Adopt evidence from above the comment section; a commenter's byline is not ours."""
        for index, names, iso in self.pending:
            if cut is None or index < cut:
                self.add_authors(names)
                self.add_date(iso)
        self.pending.clear()

    def add_authors(self, names: list[str]) -> None:
        for name in names:
            if name not in self.authors:
                self.authors.append(name)

    def add_date(self, iso: str | None) -> None:
        """Keep the first date, unless a later one refines it (month -> day precision)."""
        if not iso:
            return
        if self.published is None or (iso.startswith(self.published) and iso != self.published):
            self.published = iso


# --- context-free line rules -----------------------------------------------------------


def _apply_debris(line: Line) -> str | None:
    """Strip tags/ids/slugs; the whole line goes if nothing (or only a caption) remains."""
    t = line.text
    if not ("<" in t or "&" in t or "[" in t or "{" in t or "RT" in t):
        return None  # fast path: debris needs one of these characters
    spans = [m.span() for m in P.DEBRIS.finditer(line.text)]
    if not spans:
        return None
    parts, pos = [], 0
    for s, e in spans:
        parts.append(line.text[pos:s])
        token = line.text[s:e]
        # an entity stands for a character ("&quot;" -> '"'); tags and ids for a gap
        parts.append(html.unescape(token) if token.startswith("&") else " ")
        pos = e
    parts.append(line.text[pos:])
    rest = normalize_space("".join(parts))
    if P.DEBRIS_ONLY_REST.match(rest):
        return "markup-debris"
    if P.CAPTION_CREDIT.search(rest) or P.CAPTION_PREFIX.match(rest):
        return "caption"
    line.cuts = spans
    line.set_norm(rest)
    line.kept_text = rest
    return None


def _nav(key: str, text: str) -> bool:
    if key in P.NAVIGATION:
        return True
    if not ("/" in text or ">" in text or "»" in text or "›" in text or "|" in text):
        return False
    parts = P.BREADCRUMB_SEP.split(text)
    return len(parts) >= 2 and P.line_key(parts[0]) in P.BREADCRUMB_HOME and len(parts[0]) < 20


def _photo(text: str) -> str | None:
    if not P.PHOTO_CREDIT.match(text):
        return None
    if P.COPYRIGHT_NOTICE.search(text):
        return "boilerplate"  # "© 2024 Outlet. All rights reserved.", not a picture credit
    return "photo-credit"


_COOKIE_HINT = re.compile(r"ook|OOK|уки|УКИ")


def _cookie(text: str) -> bool:
    """Consent-banner text (see COOKIE_BANNER): not any sentence that mentions cookies."""
    return bool(P.COOKIE_BANNER.search(text))


def _media(line: Line) -> str | None:
    """Captions and photo credits (also long lines: agency captions run to 80 words)."""
    text, words = line.norm, line.words
    if words <= 80 and _COOKIE_HINT.search(text) and _cookie(text):
        return "cookie"
    if words <= 60 and (photo := _photo(text)):
        return photo
    tail = text[-60:]
    dashed = " -" in tail or " –" in tail or " —" in tail or " |" in tail  # cheap pre-check
    if P.CAPTION_PREFIX.match(text) or (line.index > 0 and dashed and suffix_regex().search(tail)):
        return "caption"
    if words <= 80 and P.CREDIT_HINT.search(text[-24:]) and P.CAPTION_CREDIT.search(text[-90:]):
        return "caption"
    return None


def _donation_call(text: str) -> bool:
    """"Support SouthFront", "Spenden Sie jetzt": a short call, not a sentence."""
    if ends_sentence(text):
        return False
    return bool(P.DONATION_PREFIX.match(text) or P.DONATION_NAMED.match(text))


def _widget(key: str, text: str, words: int) -> str | None:
    """Comment headers, navigation, share/subscribe, badges, donation and cookie buttons."""
    if key in P.COMMENT_START or P.COMMENT_COUNT.match(key):
        return "comments"
    if _nav(key, text):
        return "navigation"
    if key in P.SUBSCRIBE_SHARE or (words <= 20 and P.SUBSCRIBE_PREFIX.match(text)):
        return "subscribe-share"
    if key in P.FACT_CHECK:
        return "fact-check-badge"
    if P.DONATION_AMOUNT.match(text) or (words <= 6 and _donation_call(text)):
        return "donation"
    if key in P.COOKIE_BUTTON:
        return "cookie"
    return None


def _short_line(line: Line, meta: Meta) -> str | None:
    """Teasers, source trailers, date lines, UI strings, outlet names and bylines."""
    text, words = line.norm, line.words
    if P.TEASER_PREFIX.match(text):
        return "teaser-headline"
    if words == 1 and P.SOCIAL_LINK.match(text):
        return "subscribe-share"
    if words == 1 and P.EMAIL_LINE.match(text):
        return "author-bio"  # the author's contact address under the article
    if (words <= 15 and P.SOURCE_LINK.match(text)) or P.BARE_URL.match(text):
        return "source-link"
    if (iso := parse_date_line(text)) is not None:
        meta.note(line.index, iso=iso)
        return "date-line"
    key = P.line_key(text)
    if key in P.RELATED_HEADER:
        return "navigation"
    if key in P.UI_BOILERPLATE or P.LONE_NUMBER.match(text) or P.META_FURNITURE.match(text):
        return "boilerplate"
    if words <= 25 and P.COPYRIGHT_NOTICE.search(text):
        return "boilerplate"
    if key in P.ABOUT_AUTHOR:
        return "author-bio"
    if only_regex().match(text):
        return "site-description"
    names, rest = byline_authors(text)
    if names:
        meta.note(line.index, names, find_date(rest) if rest else None)
        return "author-bio"
    return None


def _first_pass(line: Line, meta: Meta) -> str | None:
    """Context-free verdict; long lines (most paragraphs) only meet the caption rules."""
    if line.words > 30:
        return _media(line)
    widget = _widget(P.line_key(line.norm), line.norm, line.words)
    return widget or _media(line) or _short_line(line, meta)


def classify_lines(lines: list[Line], meta: Meta) -> None:
    """Run the context-free rules on every line (debris first, so rules see clean text)."""
    for line in lines:
        line.reason = _apply_debris(line) or _first_pass(line, meta)
