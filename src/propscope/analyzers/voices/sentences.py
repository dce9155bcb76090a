"""Quotation-mark pairing and quote-aware sentence splitting, all in Article.text offsets.

Why our own splitter: a quotation may hold several sentences ("“A. B,” he said.") and the
attribution that governs it sits after it, so a splitter that cuts inside quotation marks
separates a quote from its speaker. Titles ("Maj. Gen.", "Sen.", "г.") must not end a
sentence either. Everything is regex over one paragraph; no per-article objects are built
beyond small offset tuples.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from propscope.analyzers.voices.cue_match import ArticleCues
from propscope.analyzers.voices.cues import words

#: opening mark -> the marks that may close it ("„" closes with “ in German, ” in Polish)
CLOSERS: dict[str, str] = {"“": "”", "„": "“”", "«": "»", '"': '"', "‹": "›"}
OPENERS = frozenset(CLOSERS) | {"”"}
QUOTE_CHARS = "\"“”„«»‹›"


@dataclass(slots=True)
class Segment:
    """One quotation: marks at `open`/`close`, content `start:end` (trimmed)."""

    open: int
    start: int
    end: int
    close: int  # index of the closing mark; == paragraph end when the quote runs on
    closed: bool = True

    @property
    def words(self) -> int:
        return self.end - self.start  # callers only compare with word-ish thresholds


def _is_opening_straight(text: str, i: int, lo: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([—–-:,") or (not nxt.isspace() and not prev.isalnum())


def _find_close(text: str, i: int, hi: int, mark: str) -> int:
    """Index of the mark closing the quote opened at `i`, -1 when it runs on."""
    if mark == "«":  # «... „...“ ...» and «... «...» ...» nest in Russian typography
        depth = 0
        for m in _GUILLEMET.finditer(text, i + 1, hi):
            if m.group() == "«":
                depth += 1
            elif depth == 0:
                return m.start()
            else:
                depth -= 1
        return -1
    closers = CLOSERS.get(mark, "”")
    found = [k for k in (text.find(c, i + 1, hi) for c in closers) if k >= 0]
    return min(found, default=-1)


_GUILLEMET = re.compile("[«»]")
_MARK = re.compile("[\"“”„«‹]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def quote_segments(text: str, lo: int, hi: int) -> list[Segment]:
    """Quotations inside the paragraph `lo:hi`, in order, innermost marks ignored."""
    segs: list[Segment] = []
    i = lo
    while True:
        m = _MARK.search(text, i, hi)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if (c == '"' and not _is_opening_straight(text, i, lo)) or (
            c == "”" and not (i + 1 < hi and text[i + 1].isalnum())
        ):
            i += 1  # a closing mark, or a stray one: not an opener
            continue
        j = _find_close(text, i, hi, c)
        if j < 0:
            s, e = _trim(text, i + 1, hi)
            if e - s > 0:
                segs.append(Segment(i, s, e, hi, closed=False))
            break
        s, e = _trim(text, i + 1, j)
        if e > s:
            segs.append(Segment(i, s, e, j))
        i = j + 1
    return segs


_ABBREV = words(
    "mr mrs ms dr prof gen maj col lt sen rep st jr sr gov sgt capt cpl adm cmdr pres inc "
    "ltd co corp no vs etc u.s u.k e.g i.e approx dept est fig jan feb mar apr jun jul aug "
    "sep sept oct nov dec mt ft gen.-maj lt.-gen brig pvt rev hon amb г гг т тыс млн млрд "
    "руб ст им ул д пр см напр др ген полк m mme mlle gén av dr hr fr frau nr bzw z.b sig "
    "on."
)
_END = re.compile(r"[.!?…]+(?=[\s\"”»“«„]|$)")


def _is_abbrev(text: str, dot: int, lo: int) -> bool:
    if text[dot] != ".":
        return False
    k = dot
    while k > lo and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    if len(word) == 1 and text[k].isupper():
        return True  # an initial: "J. Smith"
    return word in _ABBREV


_SMALL = words("of the and for in on at to a an de la le du des der die das und di del")


def drop_names(text: str, segs: list[Segment], cue: ArticleCues) -> list[Segment]:
    """Titles and names in quotation marks are not speech: «Спорт-Регион», “Little Owl”.

    Style guides put the names of papers, channels, parties, clubs and campaigns in
    quotation marks. Such a pair is short, capitalised, has no punctuation of its own and
    sits inside a running sentence (a word right before it); English writes it in Title
    Case. Left as quotations they break the pairing of a sentence's real quotation and
    become its "speaker". A short capitalised quotation right after a cue is kept (said “No”).
    """
    return [g for g in segs if not _is_name(text, g, cue)]


def _is_name(text: str, g: Segment, cue: ArticleCues) -> bool:
    inner = text[g.open + 1 : g.close]
    ws = inner.split()
    if not g.closed or not ws or len(ws) > 4 or len(inner) > 48 or not inner[0].isupper() \
            or not inner[-1].isalnum():
        return False
    k = g.open
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k == 0 or not text[k - 1].isalnum():
        return False  # starts a sentence or follows punctuation: may be speech
    if any(w[0].isalpha() and not w[0].isupper() and w.lower() not in _SMALL for w in ws) \
            and not any("\u0400" <= c <= "\u04ff" for c in inner):
        return False  # English titles are Title Case; Russian names capitalise the first word
    verbs = cue.within("verb", max(0, g.open - 30), g.open)
    right_after = any(text[v.end() : g.open].strip(" ,:—–-") == "" for v in verbs)
    return not right_after and cue.first("weak", max(0, g.open - 60), g.open) is None


_INTERRUPT = re.compile(r"(?<=[,!?….])\s*[—–]\s+(?=\w)")


def split_interrupted(text: str, segs: list[Segment], cue: ArticleCues) -> list[Segment]:
    """«A, — отметил он. — B»: one pair of marks, two quotations around the author's words."""
    out: list[Segment] = []
    for g in segs:
        m = _INTERRUPT.search(text, g.start, g.end)
        if m is None:
            out.append(g)
            continue
        back = _INTERRUPT_END.search(text, m.end(), g.end)
        c = cue.first("verb", m.end(), back.start() if back else g.end)
        if c is None or c.start() - m.end() > 40:
            out.append(g)
            continue
        a_end = m.start()
        while a_end > g.start and text[a_end - 1] == ",":
            a_end -= 1
        out.append(Segment(g.open, g.start, a_end, m.start()))
        if back is not None and back.end() < g.end:
            out.append(Segment(back.end() - 1, back.end(), g.end, g.close, g.closed))
    return out


_INTERRUPT_END = re.compile(r"[.,:]\s*[—–]\s+")


def split_sentences(
    text: str, lo: int, hi: int, segs: list[Segment], cue: ArticleCues | None = None
) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; never splits inside a quotation.

    After a quotation ending in ".", "?" or "!" a new sentence starts unless a reporting
    cue follows within a few words (“Is it over?” Arikat asked.).
    """
    inside = [(s.open, s.close) for s in segs]
    out: list[tuple[int, int]] = []
    start = lo
    for m in _END.finditer(text, lo, hi):
        end = m.end()
        if any(a < m.start() < b for a, b in inside) or _is_abbrev(text, m.start(), lo):
            continue
        k = end
        while k < hi and text[k].isspace():
            k += 1
        if k >= hi:
            break
        nxt = text[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“«„‹("):
            continue
        out.append((start, end))
        start = k
    if start < hi:
        out.append((start, hi))
    if cue is not None:
        out = _split_after_quotes(text, out, segs, cue)
    return _split_at_adjacent_quotes(text, out, segs)


_CAP_PRONOUNS = words(
    "He She They It We I Он Она Они Il Elle Er Sie Lui Lei On Ona"
)


def _split_after_quotes(
    text: str, spans: list[tuple[int, int]], segs: list[Segment], cue: ArticleCues
) -> list[tuple[int, int]]:
    cuts = []
    for g in segs:
        if not g.closed or text[g.end - 1 : g.end] not in (".", "!", "?", "…"):
            continue
        k = g.close + 1
        while k < len(text) and text[k] == " ":
            k += 1
        if k >= len(text) or not text[k].isupper() or k == g.close + 1:
            continue
        pronoun_start = text[k : k + 8].split(" ", 1)[0] in _CAP_PRONOUNS
        if cue.first("verb", k, min(len(text), k + 60)) and not pronoun_start and len(text[g.start : g.end].split()) > 3:
            continue
        cuts.append(k)
    if not cuts:
        return spans
    out = []
    for s, e in spans:
        for c in cuts:
            if s < c < e:
                out.append((s, _rstrip(text, s, c)))
                s = c
        out.append((s, e))
    return out


def _split_at_adjacent_quotes(
    text: str, spans: list[tuple[int, int]], segs: list[Segment]
) -> list[tuple[int, int]]:
    """“A.” “B.” are two sentences: a closing mark after terminal punctuation, then an opener."""
    cuts = []
    for a, b in itertools.pairwise(segs):
        between = text[a.close + 1 : b.open]
        if a.closed and between.strip() == "" and text[a.end - 1 : a.end] in ".!?…":
            cuts.append(b.open)
    if not cuts:
        return spans
    out = []
    for s, e in spans:
        for c in cuts:
            if s < c < e:
                out.append((s, c))
                s = c
        out.append((s, e))
    return [(s, _rstrip(text, s, e)) for s, e in out]


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e
