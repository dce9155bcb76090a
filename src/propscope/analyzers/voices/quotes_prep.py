"""Attributions in a prepositional phrase: the speaker is governed, not a subject.

According to Y, X. / X, according to Y. / X, as stated by Y. / По словам Y, X. / Laut Y X. /
As Y put it, X. / Как сообщил Y, X. Appositives after the speaker (", head of the committee,"
or ", Colonel Mark Dunne,") are skipped or taken as the name.
"""

from __future__ import annotations

import re

from propscope.analyzers.voices.quotes_rules import (
    _PUNCT,
    _WORD,
    SentenceState,
    _cue,
    clause_draft,
    outside_segs,
)
from propscope.analyzers.voices.quotes_speaker import (
    Speaker,
    speaker_after,
    speaker_before,
)


def prepositional(st: SentenceState) -> None:
    """According to Y, X. / X, according to Y. / По словам Y, X. / As Y put it, X."""
    ctx, text = st.ctx, st.ctx.text
    for m in ctx.cues.within("according", ctx.s, ctx.e):
        if not outside_segs(ctx.segs, m.start()) or st.covered(m.start()):
            continue
        lead = text[ctx.s : m.start()]
        short_lead = lead.rstrip().endswith(",") and len(lead.split()) <= 4 and not st.drafts
        if lead.strip() == "" or (short_lead and text.find(",", m.end(), ctx.e) >= 0):
            _according_pre(st, m)
        elif lead.rstrip().endswith(",") and not st.drafts and not _has_free_verb(st, m.start()):
            _according_post(st, m)
    _as_pre(st)


def _has_free_verb(st: SentenceState, before: int) -> bool:
    return any(v.start() < before for v in st.verbs)


def _chunk_end(text: str, a: int, b: int) -> int:
    k = text.find(",", a, b)
    return b if k < 0 else k


def _according_pre(st: SentenceState, m: re.Match[str]) -> None:
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    comma = _chunk_end(text, m.end(), ctx.e)
    if comma >= ctx.e or len(text[m.end() : comma].split()) > 16:
        _according_no_comma(st, m)
        return
    sp = speaker_after(text, m.end(), comma, lex) or _possessive(text, m)
    a = comma + 1
    for _ in range(2):  # appositives: ", head of the committee," / ", Colonel Steve Warren,"
        nxt = _chunk_end(text, a, ctx.e)
        chunk = text[a:nxt].split()
        if nxt >= ctx.e or not chunk or len(chunk) > 14:
            break
        w = chunk[0]
        if all(x[:1].isupper() for x in chunk) and len(chunk) <= 4:
            sp = speaker_after(text, a, nxt, lex) or sp
            a = nxt + 1
        elif w.lower() in lex.roles or w.lower() in ("the", "a", "an", "who", "which", "head",
                                                      "один", "одна", "глава", "член"):
            a = nxt + 1
        else:
            break
    st.add(clause_draft(ctx, a, ctx.e, _cue(m), sp, 0.85), sp, m.start())


_POSSESSIVES = {"his": "m", "her": "f", "their": "p", "его": "m", "её": "f", "ее": "f", "их": "p"}


def _possessive(text: str, m: re.Match[str]) -> Speaker | None:
    """'In her view, ...' / 'По его мнению, ...': the pronoun inside the cue is the speaker."""
    for w in re.finditer(r"\w+", m.group()):
        g = _POSSESSIVES.get(w.group().lower())
        if g is not None:
            s = m.start() + w.start()
            return Speaker(s, s + len(w.group()), w.group(), "pronoun", g)
    return None


_RUN = re.compile(r"(?:\s+[a-zа-яёäöüßąćęłńóśźż'’\-]+){0,2}((?:\s+[A-ZА-ЯЁÄÖÜŁŚŻŹ][\w'’\-]*)+)")


def _according_no_comma(st: SentenceState, m: re.Match[str]) -> None:
    """German/Polish: "Laut Ministerin Petra Lange wird ..." (no comma after the speaker)."""
    ctx, text = st.ctx, st.ctx.text
    r = _RUN.match(text, m.end(), ctx.e)
    if r is None or m.start() != ctx.s:
        return
    sp = speaker_after(text, r.start(1), r.end(1), ctx.pats.lex)
    if sp is not None:
        st.add(clause_draft(ctx, r.end(1), ctx.e, _cue(m), sp, 0.75), sp, m.start())


def _according_post(st: SentenceState, m: re.Match[str]) -> None:
    ctx, text = st.ctx, st.ctx.text
    tail_end = _chunk_end(text, m.end(), ctx.e)
    sp = speaker_after(text, m.end(), tail_end, ctx.pats.lex)
    if sp is None or len(_WORD.findall(text[tail_end : ctx.e])) > 12:
        return
    rest = text[tail_end + 1 : ctx.e].strip(_PUNCT)
    if sp.kind != "name" and rest and len(rest.split()) <= 4 and all(w[:1].isupper() for w in rest.split()):
        sp = speaker_after(text, tail_end + 1, ctx.e, ctx.pats.lex) or sp  # ", Colonel Mark Dunne."
    comma = text.rfind(",", ctx.s, m.start())
    st.add(clause_draft(ctx, ctx.s, comma, _cue(m), sp, 0.8), sp, m.start())


def _as_pre(st: SentenceState) -> None:
    """As Y said, X. / Как сообщил Y, X."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    m = ctx.cues.at("as_cue", ctx.s)
    if m is None or st.drafts:
        return
    comma, v, put = m.end(), None, None
    for _ in range(3):  # "As the agency's chief scientist, Dr. Ada Nwe, put it, ..."
        comma = _chunk_end(text, comma + 1 if comma > m.end() else comma, ctx.e)
        if comma >= ctx.e:
            return
        v = next((v for v in st.verbs if m.end() <= v.start() < comma), None)
        put = re.search(r"\bput it\b", text[m.end() : comma])
        if v is not None or put is not None:
            break
    if v is None and put is None:
        return
    cs, ce = (v.start(), v.end()) if v else (m.end() + put.start(), m.end() + put.end())  # type: ignore[union-attr]
    sp = speaker_before(text, m.end(), cs, lex) or speaker_after(text, ce, comma, lex)
    if sp is None:
        return
    st.add(clause_draft(ctx, comma + 1, ctx.e, (cs, ce, text[cs:ce]), sp, 0.85), sp, cs)


