"""Context rules for plain text: decisions that need a line's neighbours or position.

Why separate from the line rules: these run after every line got its context-free verdict
(``text_boilerplate``) and after the title is known. They decide what one line cannot:
a headline under a caption is a teaser, everything below a comment header is comments,
a bare name after the last paragraph is the author.
"""

from __future__ import annotations

from propscope.extract import text_patterns as P
from propscope.extract.text_boilerplate import Meta
from propscope.extract.text_lines import (
    Line,
    continues,
    ends_sentence,
    is_body_like,
    is_headline_like,
    script_share,
)
from propscope.extract.text_meta import is_person_name, leading_names


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


def mark_widget_dates(lines: list[Line], meta: Meta) -> None:
    """A date line next to donation amounts is the widget's month, not the article's date.

    Fundraising widgets print the campaign month ("JUNE 2021") beside their amounts; taking
    it as the publication date would date an article to whenever the page was scraped.
    """
    for i, line in enumerate(lines):
        if line.reason != "date-line":
            continue
        neighbours = lines[max(0, i - 1) : i] + lines[i + 1 : i + 2]
        if any(n.reason == "donation" for n in neighbours):
            line.reason = "donation"
            meta.forget(line.index)


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
