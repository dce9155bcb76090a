"""Already-scraped plain text -> Extracted.

Why a line pipeline: scraped text arrives as one block per line with widgets, captions,
teasers and comments interleaved. We classify lines with explainable rules
(``text_boilerplate``, then ``text_context``), find the real headline (``text_title``), collect metadata
(``text_meta``, ``outlets``), then join what is left into paragraphs. Every removed line is
recorded with exact offsets into the input, which *is* ``Extracted.source_text``.
"""

from __future__ import annotations

from propscope.extract import text_boilerplate as B
from propscope.extract import text_context as C
from propscope.extract.outlets import canonical_name, detect_outlet, suffix_regex
from propscope.extract.text_lines import Line, dominant_script, ends_sentence, split_lines
from propscope.extract.text_meta import date_from_url
from propscope.extract.text_title import find_title
from propscope.extract.types import Extracted
from propscope.schema import RemovedBlock

#: Lines shorter than this are never glued to the next one (headings, quotes, "RT reports:").
WRAP_MIN_CHARS = 50


def extract_plaintext(text: str, *, url: str | None = None) -> Extracted:
    """Clean article text, title and metadata from already-scraped plain text."""
    return extract_plaintext_with_spans(text, url=url)[0]


def extract_plaintext_with_spans(
    text: str, *, url: str | None = None
) -> tuple[Extracted, list[list[tuple[int, int]]]]:
    """Like :func:`extract_plaintext`, plus the source spans each kept block came from.

    The spans exist for audits and invariant tests (kept and removed text never overlap).
    """
    lines = split_lines(text)
    meta = B.Meta()
    title_index, title, generic = _classify(lines, text, meta)
    groups = _paragraph_groups(lines)
    blocks = [" ".join(ln.norm for ln in group) for group in groups]
    spans = [[s for ln in group for s in _kept_spans(ln)] for group in groups]
    extracted = Extracted(
        title=title,
        blocks=blocks,
        removed=_removed_blocks(lines, text),
        source_text=text,
        source=detect_outlet(
            _signature_text(lines), url, _site_name(lines, title_index) or generic
        ),
        authors=meta.authors,
        published=meta.published or date_from_url(url),
        extractor="plaintext",
    )
    return extracted, spans


def _classify(lines: list[Line], text: str, meta: B.Meta) -> tuple[int | None, str, str | None]:
    """Run all rules in dependency order.

    Returns the title line index, the title text and an unknown outlet's name if the text
    itself shows one (a "- Name" header or captions ending in the same "- Name").
    """
    B.classify_lines(lines, meta)
    C.mark_widget_dates(lines, meta)
    generic = C.mark_generic_outlet(lines)
    C.mark_site_header(lines)
    title_index, title = find_title(lines)
    if title_index is not None:
        lines[title_index].reason = "title"
    C.mark_before_title(lines, title_index)
    cut = C.comment_cut(lines, len(text))
    meta.settle(cut)
    C.mark_teasers(lines)
    C.mark_duplicates(lines, title)
    first_body, last_body = C.body_bounds(lines, cut)
    C.mark_header_tags(lines, first_body, title_index)
    C.mark_foreign(lines, dominant_script(text), first_body, last_body)
    C.fill_comment_tail(lines, cut)
    C.mark_author_tail(lines, meta)
    return title_index, title, generic


def _signature_text(lines: list[Line]) -> str:
    """Where outlet self-signatures live: removed lines plus the first kept lines (dateline).

    Scanning only these keeps outlet detection cheap and stops quotes deep inside the body
    from ever counting as a signature.
    """
    kept = [ln.text for ln in lines if ln.reason is None][:2]
    return "\n".join([ln.text for ln in lines if ln.reason is not None] + kept)


def _site_name(lines: list[Line], title_index: int | None) -> str | None:
    """Outlet named by the text itself: a "- Outlet" header or a suffix on the title line."""
    for line in lines[:4]:
        if line.reason == "site-description" and len(line.norm) < 60 and line.words <= 4:
            name = line.norm.lstrip("-–—| ").strip()
            if canonical_name(name):
                return canonical_name(name)
    if title_index is not None:
        m = suffix_regex().search(lines[title_index].norm)
        if m:
            return canonical_name(m.group("name"))
    return None


def _joins(prev: Line, line: Line) -> bool:
    """Glue hard-wrapped lines: no blank line between and the previous one runs on."""
    if line.blank_before or line.index != prev.index + 1:
        return False
    lower = line.norm[:1].islower()
    if len(prev.norm) < WRAP_MIN_CHARS:  # short line: a heading, unless text runs on in lowercase
        return lower and not ends_sentence(prev.norm)
    return lower or not ends_sentence(prev.norm)


def _paragraph_groups(lines: list[Line]) -> list[list[Line]]:
    """Kept lines grouped into paragraphs."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.reason is not None:
            continue
        if groups and _joins(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _kept_spans(line: Line) -> list[tuple[int, int]]:
    """Source spans of a kept line minus its removed debris."""
    spans, pos = [], line.start
    for s, e in line.cuts:
        if line.start + s > pos:
            spans.append((pos, line.start + s))
        pos = line.start + e
    if pos < line.end:
        spans.append((pos, line.end))
    return spans


def _removed_blocks(lines: list[Line], text: str) -> list[RemovedBlock]:
    """One block per run of adjacent lines removed for the same reason, plus debris cuts."""
    blocks: list[RemovedBlock] = []
    run: list[Line] = []
    for line in lines:
        if run and (line.reason != run[-1].reason or line.index != run[-1].index + 1):
            blocks.append(_block(run, text))
            run = []
        if line.reason is not None:
            run.append(line)
            continue  # the whole line is removed: its debris cuts are part of that block
        for s, e in line.cuts:
            cut = RemovedBlock(line.start + s, line.start + e, "markup-debris", line.text[s:e])
            blocks.append(cut)
    if run:
        blocks.append(_block(run, text))
    blocks.sort(key=lambda b: b.start)
    return blocks


def _block(run: list[Line], text: str) -> RemovedBlock:
    start, end = run[0].start, run[-1].end
    return RemovedBlock(start, end, run[0].reason or "boilerplate", text[start:end])


__all__ = ["extract_plaintext", "extract_plaintext_with_spans"]
