"""The passes that turn one sentence into `Draft` quotes (patterns: see quotes_rules).

Passes run from the most specific pattern to the most general one and each claims its
quotation marks and clause, so a later, looser pattern never re-reads a span: a quotation
followed by "Kirby said" is never also the trailing clause of "said".
"""

from __future__ import annotations

import re

from propscope.analyzers.voices.quotes_prep import prepositional
from propscope.analyzers.voices.quotes_rules import (
    _CLAUSE_START,
    _PUNCT,
    _TOLD,
    _WORD,
    TITLE_WORDS,
    Ctx,
    Draft,
    SentenceState,
    _cue,
    clause_draft,
    direct_draft,
    gap_is_speaker,
    outside_segs,
    skip_adverbials,
)
from propscope.analyzers.voices.quotes_speaker import (
    ORG_HEADS,
    Speaker,
    speaker_after,
    speaker_before,
)
from propscope.analyzers.voices.sentences import Segment

_SKIP_SPACE_COMMA = re.compile(r"[ ,]*")
_ARTICLE_END = re.compile(r"(?<=,)\s+(?:the|a|an)$")
_POSSESSIVE = frozenset(("the", "their", "its", "his", "her", "our"))


def sentence_drafts(ctx: Ctx) -> list[Draft]:
    st = SentenceState(ctx)
    _post_quote(st)
    prepositional(st)
    _pre_quote(st)
    _that_clauses(st)
    _weak(st)
    _bare(st)
    _trailing(st)
    _participles(st)
    _continuations(st)
    _standalone(st)
    st.drafts.sort(key=lambda d: d.start)
    return st.drafts


def _post_quote(st: SentenceState) -> None:
    """“Q,” Kirby said / "Q", said Gerasimov / «Q», — заявил Пушков / «Q», — добавил он."""
    text, lex = st.ctx.text, st.ctx.pats.lex
    for g in st.ctx.segs:
        if not g.closed:
            continue
        m = next((v for v in st.verbs if v.start() > g.close and v.start() not in st.spent), None)
        if m is None:
            continue
        ok, sp = gap_is_speaker(text, g.close + 1, m.start(), st.ctx)
        if not ok:
            continue
        if sp is None:
            sp = speaker_after(text, m.end(), st.ctx.e, lex)
        lead = text[st.ctx.s : g.open]
        if len(_WORD.findall(lead)) >= 2 and not any(v.start() < g.open for v in st.verbs):
            d = clause_draft(st.ctx, st.ctx.s, g.close + 1, _cue(m), sp, 0.85)
        else:
            d = direct_draft(g, _cue(m), sp, 0.95 if sp else 0.8)
        st.add(d, sp, m.start())
        st.speaker, st.speaker_set = sp, True


def _pre_quote(st: SentenceState) -> None:
    """Y said: “Q” / Y заявил: «Q» / Y told reporters, “Q”."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    for m in st.verbs:
        if m.start() in st.spent or st.covered(m.start()):
            continue
        pos = skip_adverbials(text, m.end(), ctx.e, told=m.group() in _TOLD)
        g = next((g for g in ctx.segs if g.open >= pos and g.open not in st.used), None)
        if g is None or text[pos : g.open].strip(" ,:—–") != "":
            continue
        sp = speaker_before(text, ctx.s, m.start(), lex)
        if sp is None and text[m.end() : m.end() + 1] == " ":
            sp = speaker_after(text, m.end(), g.open, lex)
        if sp is None:
            continue
        st.add(direct_draft(g, _cue(m), sp, 0.9), sp, m.start())
        _chain_after(st, g, m, sp)


def _chain_after(st: SentenceState, g: Segment, m: re.Match[str], sp: Speaker | None) -> None:
    """“A.” “B.” after one cue: both belong to the same speaker."""
    text = st.ctx.text
    prev = g
    for h in st.ctx.segs:
        if h.open <= prev.close or h.open in st.used:
            continue
        if text[prev.close + 1 : h.open].strip(" ,;") != "":
            break
        st.add(direct_draft(h, _cue(m), sp, 0.85), sp, None)
        prev = h


def _that_clauses(st: SentenceState) -> None:
    """Y said (on Monday) that X / Y заявил, что X / Y clarified to reporters that X."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    for m in st.verbs:
        if m.start() in st.spent or st.covered(m.start()):
            continue
        pos = skip_adverbials(text, m.end(), ctx.e, told=m.group() in _TOLD)
        t = ctx.cues.first("that", pos, min(ctx.e, pos + 80))
        if t is None:
            continue
        between = text[pos : t.start()]  # names in «» were dropped from segs: they may stand here
        if any(c in between for c in ".;:!?") or any(pos <= g.open < t.start() for g in ctx.segs) \
                or len(between.split()) > 6 \
                or "," in between.rstrip().rstrip(",") or not outside_segs(ctx.segs, t.start()):
            continue
        sp = speaker_before(text, ctx.s, m.start(), lex)
        if sp is None and not _implicit_ok(st, m):
            continue
        end = st.clause_end(t.end())
        d = clause_draft(ctx, t.end(), end, _cue(m), sp, 0.85)
        st.add(d, sp, m.start())
        if d is not None and end < ctx.e and text[d.end : end].rstrip().endswith(":"):
            g = next((g for g in ctx.segs if g.open >= end), None)
            if g is not None and g.open not in st.used:
                st.add(direct_draft(g, _cue(m), sp, 0.85), sp, None)


def _implicit_ok(st: SentenceState, m: re.Match[str]) -> bool:
    """Pro-drop languages start sentences with the verb ("Добавил, что...")."""
    lang_drops = st.ctx.pats.lex.pronouns.get("lei") or st.ctx.pats.lex.pronouns.get("она")
    return bool(lang_drops) and st.ctx.text[st.ctx.s : m.start()].strip(_PUNCT) == ""


def _weak(st: SentenceState) -> None:
    """She called the defeat “an illusion” / referred to it as Daesh's “offensive”."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    for m in ctx.cues.within("weak", ctx.s, ctx.e):
        if not outside_segs(ctx.segs, m.start()) or st.covered(m.start()) \
                or re.match(r"\s+(?:for|on|upon|off|in|out|up|back)\b", text[m.end() : m.end() + 8]):
            continue
        g = next((g for g in ctx.segs if g.open > m.end() and g.open not in st.used), None)
        if g is None or len(text[m.end() : g.open].split()) > 16 or any(
            p.start() < g.open for p in st.parts if p.start() > m.end()
        ):
            continue
        sp = speaker_before(text, ctx.s, m.start(), lex)
        if sp is None:
            continue
        st.add(clause_draft(ctx, g.start, g.end, _cue(m), sp, 0.7), sp, m.start())


def _bare(st: SentenceState) -> None:
    """Y says more needs to be done / Y said on Wednesday he was ready."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    bare = set(lex.bare)
    for m in st.verbs:
        if m.group() not in bare or m.start() in st.spent or st.covered(m.start()):
            continue
        pos = skip_adverbials(text, m.end(), ctx.e, told=m.group() in _TOLD)
        nxt = re.match(r"\s+([\w’']+)", text[pos : ctx.e])
        if nxt is None:
            continue
        w = nxt.group(1)
        if not (w.lower() in _CLAUSE_START or (w[:1].isupper() and m.group() not in _TOLD)
                or _finite_soon(text, pos, ctx.e)):
            continue
        sp = speaker_before(text, ctx.s, m.start(), lex)
        if sp is None:
            continue
        end = st.clause_end(pos)
        if len(_WORD.findall(text[pos:end])) < 4:
            continue
        st.add(clause_draft(ctx, pos, end, _cue(m), sp, 0.75), sp, m.start())


_SUBJECT_THEN_AUX = re.compile(
    r"\s+(?:[a-z][\w'’\-]*\s+){1,3}(?:would|will|was|were|is|are|had|has|have|could|should|"
    r"might|must|can|did|does|do|may)\s+[\w\"“]")


def _finite_soon(text: str, pos: int, hi: int) -> bool:
    """'said fans were tired': a lowercase subject and an auxiliary start a clause with no 'that'."""
    m = _SUBJECT_THEN_AUX.match(text, pos, hi)
    return m is not None and not any(c in m.group() for c in ",;:")


def _trailing(st: SentenceState) -> None:
    """X, Y said on Monday. / X, said Y. / X, — заявил Y. / X, as stated by ... (see prep.)."""
    ctx, text, lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    for m in reversed(st.verbs):
        if m.start() in st.spent or st.covered(m.start()):
            continue
        sp = speaker_before(text, ctx.s, m.start(), lex)
        if sp is not None:
            left, tail = sp.start, m.end()
        else:
            sp = speaker_after(text, m.end(), ctx.e, lex)
            if sp is None:
                continue
            left, tail = m.start(), sp.end
        lead = _strip_title(text[ctx.s : left].rstrip(), lex.roles)
        lead_core = re.sub(r"(?:\s*[—–-]\s*|\s+(?:as|как))$", "", lead)
        if not lead_core.endswith(","):
            continue
        tail = skip_adverbials(text, tail, ctx.e, told=m.group() in _TOLD)
        if text[tail : ctx.e].strip(_PUNCT) and not _loose_tail(text, tail, ctx.e):
            continue
        comma = ctx.s + len(lead_core) - 1
        d = clause_draft(ctx, ctx.s, comma, _cue(m), sp, 0.8)
        if d is not None and d.kind == "mixed" and _whole_quote(st, d):
            d.kind = "direct"
        st.add(d, sp, m.start())
        break


def _strip_title(lead: str, roles: tuple[str, ...]) -> str:
    """'…, Deputy Chair of the Defence Board General' -> '…,' (the title is the speaker's)."""
    lead = _ARTICLE_END.sub("", lead)
    if lead.endswith(","):  # "..., their union, the X Association, warned"
        k = lead.rfind(",", 0, len(lead) - 1)
        words = lead[k + 1 : -1].split()
        if k >= 0 and 2 <= len(words) <= 4 and words[0].lower() in _POSSESSIVE and (
                words[-1].lower() in roles or words[-1].lower() in ORG_HEADS):
            return lead[: k + 1]
        return lead
    k = lead.rfind(",")
    if k < 0:
        return lead
    words = lead[k + 1 :].split()
    if len(words) <= 12 and all(
        w[:1].isupper() or w.lower() in TITLE_WORDS or w.lower() in roles for w in words
    ):
        return lead[: k + 1]
    return lead


def _loose_tail(text: str, a: int, b: int) -> bool:
    rest = text[a:b].strip(_PUNCT)
    head = text[a:b].lstrip(" ,")
    return len(rest.split()) <= 12 and bool(re.match(
        r"(?:according to|citing|referring|in response|in an?|on|at|during|while|in|for)\b", head))


def _whole_quote(st: SentenceState, d: Draft) -> bool:
    return any(g.start == d.start and g.end == d.end for g in st.ctx.segs)


def _participles(st: SentenceState) -> None:
    """..., adding that X / ..., pointing out in a tweet that X / ..., добавив, что X."""
    ctx, text, _lex = st.ctx, st.ctx.text, st.ctx.pats.lex
    for p in st.parts:
        if st.covered(p.start()):
            continue
        sp = st.speaker if st.speaker_set else _subject(st, p.start())
        if sp is None and len(text[ctx.s : p.start()].split()) > 4:
            continue  # no speaker; only a sentence-initial "This, as claiming that" inherits
        pos = skip_adverbials(text, p.end(), ctx.e)
        t = ctx.cues.at("that", _SKIP_SPACE_COMMA.match(text, pos).end())
        a = t.end() if t else pos
        if t is None and not text[pos : pos + 3].lstrip().startswith((":", "“", '"', "«")) \
                and p.group() not in ("saying", "writing"):
            continue
        end = st.clause_end(a)
        st.add(clause_draft(ctx, a, end, _cue(p), sp, 0.8), sp, p.start())


def _subject(st: SentenceState, before: int) -> Speaker | None:
    """The sentence subject when a participle has no attributed verb before it."""
    ctx, lex = st.ctx, st.ctx.pats.lex
    v = next((v for v in st.verbs if v.start() < before), None)
    if v is not None:
        return speaker_before(ctx.text, ctx.s, v.start(), lex)
    return None


def _continuations(st: SentenceState) -> None:
    """“Q1,” Kirby said, “Q2.”: later long quotations in an attributed sentence."""
    if not st.speaker_set:
        return
    first = min((d.start for d in st.drafts), default=st.ctx.e)
    for g in st.ctx.segs:
        if g.open in st.used or g.open < first or st.covered(g.start):
            continue
        after = max((d.cue_end or 0 for d in st.drafts), default=0)
        if st.speaker is not None:
            after = max(after, st.speaker.end)
        adjacent = st.ctx.text[after : g.open].strip(_PUNCT) == ""
        if len(_WORD.findall(st.ctx.text[g.start : g.end])) >= (2 if adjacent else 4):
            st.add(direct_draft(g, None, st.speaker, 0.8), st.speaker, None)


def _standalone(st: SentenceState) -> None:
    """A sentence that is one quotation and nothing else: the speaker comes from context."""
    ctx = st.ctx
    if st.drafts:
        return
    body = len(_WORD.findall(ctx.text[ctx.s : ctx.e]))
    for g in ctx.segs:
        n = len(_WORD.findall(ctx.text[g.start : g.end]))
        if g.open in st.used or n < 4 or n < 0.8 * body:
            continue
        d = direct_draft(g, None, None, 0.7)
        d.standalone = True
        st.drafts.append(d)
