"""Rules that decide which lines of scraped text are not article text, and why.

Why rules and not a classifier: every removal must be explainable with a REMOVAL_REASONS
name and must never eat a real paragraph, however short ("RT reports:"). Each rule is a
small function over :class:`Line` objects; context rules (teasers after captions, tails
after a comment header, bios at the end) run after the context-free line rules.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from propscope.extract import text_patterns as P
from propscope.extract.outlets import only_regex, suffix_regex
from propscope.extract.text_lines import (
    Line,
    continues,
    ends_sentence,
    is_body_like,
    is_headline_like,
    normalize_space,
    script_share,
)
from propscope.extract.text_meta import (
    byline_authors,
    find_date,
    is_person_name,
    leading_names,
    parse_date_line,
)


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


# --- context rules -----------------------------------------------------------------------


def mark_generic_outlet(lines: list[Line]) -> str | None:
    """Unknown outlets: a "- Name" first line, or one " - Name" suffix on 2+ caption lines."""
    name = None
    if lines and lines[0].reason is None and (m := P.NAME_ONLY_FIRST.match(lines[0].norm)):
        lines[0].reason = "site-description"
        name = m["name"]
    groups: dict[str, list[Line]] = {}
    for line in lines[1:]:
        if line.reason is None and line.words <= 60 and " " in line.norm[-60:]:
            if m := P.GENERIC_SUFFIX.search(line.norm[-60:]):
                groups.setdefault(m["name"], []).append(line)
    for suffix, group in groups.items():
        if len(group) >= 2 and name in (None, suffix):
            for line in group:
                line.reason = "caption"
            name = suffix
    return name


def mark_site_header(lines: list[Line]) -> None:
    """A tagline right after a "- Outlet" line, or a very news-y line at the very top."""
    for i, line in enumerate(lines[:4]):
        if line.reason is not None or line.words > 30 or not P.SITE_DESCRIPTION.search(line.norm):
            continue
        after_outlet = i > 0 and lines[i - 1].reason == "site-description"
        if after_outlet or (i < 3 and len(P.SITE_DESCRIPTION.findall(line.norm)) >= 2):
            line.reason = "site-description"


def mark_before_title(lines: list[Line], title_index: int | None) -> None:
    """Lines above the title that carry site-description phrases are taglines."""
    for line in lines[: title_index or 0]:
        if line.reason is None and line.words <= 30 and P.SITE_DESCRIPTION.search(line.norm):
            line.reason = "site-description"


def comment_cut(lines: list[Line], text_len: int) -> int | None:
    """Index of the comment-section header, if it is plausibly after the article.

    A bare "Comments" heading only counts when at most three paragraph-like lines follow
    (short reader comments), so an article section titled that way is not cut off.
    """
    body = [ln.reason is None and is_body_like(ln) for ln in lines]
    seen = 0
    for line in lines:
        if line.reason == "comments" and (seen >= 3 or line.start * 2 >= text_len):
            weak = P.line_key(line.norm) in P.WEAK_COMMENT_START
            if not weak or sum(body[line.index + 1 :]) <= 3:
                return line.index
        seen += body[line.index]
    return None


def mark_duplicates(lines: list[Line], title: str) -> None:
    """Lines repeating the title or an earlier kept line verbatim."""
    seen = {P.line_key(title)} if title else set()
    for line in lines:
        if line.reason is not None:
            continue
        key = line.norm if line.words > 30 else P.line_key(line.norm)  # long: exact is enough
        if key in seen and (line.words >= 4 or key == P.line_key(title)):
            line.reason = "duplicate"
        else:
            seen.add(key)


def mark_teasers(lines: list[Line]) -> None:
    """Other stories' headlines: right after a caption, or listed under "Related"."""
    for prev, line, nxt in zip(lines, lines[1:], lines[2:]):
        if prev.reason in ("caption", "photo-credit") and line.reason is None and not line.cuts:
            if is_headline_like(line, max_words=20) and nxt is not None:
                line.reason = "teaser-headline"
    for i, line in enumerate(lines):
        if line.reason == "navigation" and P.line_key(line.norm) in P.RELATED_HEADER:
            _related_list(lines[i + 1 :])


def _related_list(following: list[Line]) -> None:
    """Headline-like lines under a "Related" header, up to the first real paragraph."""
    for line in following:
        if line.reason is not None:
            continue
        if not is_headline_like(line, max_words=20):
            return
        line.reason = "teaser-headline"


def body_bounds(lines: list[Line], stop: int | None) -> tuple[int, int]:
    """Indices of the first and last body-like kept lines (before the comment cut)."""
    end = len(lines) if stop is None else stop
    body = [ln.index for ln in lines[:end] if ln.reason is None and is_body_like(ln)]
    return (body[0], body[-1]) if body else (end, end - 1)


def mark_header_tags(lines: list[Line], first_body: int, title_index: int | None) -> None:
    """Tag lines and kickers between the top and the first paragraph.

    Only very short lines (up to three words, or up to six starting lowercase like
    "anti ISIS coalition") outside hard-wrapped paragraphs: a capitalised subtitle stays.
    """
    for line in lines[:first_body]:
        if line.reason is not None or line.index == title_index or line.words > 6:
            continue
        if line.words > 3 and not line.norm[:1].islower():
            continue
        if ends_sentence(line.norm) or line.norm.endswith(":") or _in_wrapped_run(lines, line):
            continue
        line.reason = "boilerplate"


def _in_wrapped_run(lines: list[Line], line: Line) -> bool:
    """True if ``line`` continues the previous line or is continued by the next one."""
    i = line.index
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if continues(prev, line):
        return True
    return nxt is not None and nxt.reason is None and continues(line, nxt)


def mark_foreign(lines: list[Line], script: str, first_body: int, last_body: int) -> None:
    """UI strings in another alphabet than the article's, above or below the article body."""
    for line in lines:
        if line.reason is not None and line.reason != "comments":
            continue
        if first_body <= line.index <= last_body or line.words > 25:
            continue
        if script_share(line.norm, script) < 0.5:
            line.reason = "foreign-language-ui"


def fill_comment_tail(lines: list[Line], cut: int | None) -> None:
    """Everything after the comment header that no other rule claimed is comments."""
    if cut is None:
        return
    for line in lines[cut:]:
        if line.reason is None:
            line.reason = "comments"


def mark_author_tail(lines: list[Line], meta: Meta) -> None:
    """Bio block ("Name" + "I am a ...") or a bare signature name after the last paragraph."""
    kept = [ln for ln in lines if ln.reason is None]
    if not kept:
        return
    last = kept[-1]
    prev = kept[-2] if len(kept) > 1 else None
    if prev is not None and P.BIO_START.match(last.norm) and is_person_name(prev.norm):
        meta.add_authors([prev.norm])
        prev.reason = last.reason = "author-bio"
        return
    _about_block(lines, meta)
    if last.reason is None and last.words <= 10 and not ends_sentence(last.norm) and not (
        last.index > 0 and continues(lines[last.index - 1], last)
    ):
        names, rest = leading_names(last.norm)
        if names and len(rest.split()) <= 6:
            meta.add_authors(names)
            last.reason = "author-bio"


def _about_block(lines: list[Line], meta: Meta) -> None:
    """Lines following an "About the author" header up to the next removed line."""
    for i, line in enumerate(lines):
        if line.reason != "author-bio" or P.line_key(line.norm) not in P.ABOUT_AUTHOR:
            continue
        for follower in lines[i + 1 :]:
            if follower.reason is not None:
                break
            names, _ = leading_names(follower.norm.split(" is ")[0].split(" — ")[0])
            meta.add_authors(names)
            follower.reason = "author-bio"
