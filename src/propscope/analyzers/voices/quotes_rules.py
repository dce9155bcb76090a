"""Attribution patterns inside one sentence: which span is said, by whom, with which cue.

Each rule reads the sentence around one cue and returns `Draft`s; `quotes.py` resolves the
speakers to entities afterwards, in article order. The rules, by how news writes speech:

- after a quotation:   “Q,” Kirby said. / "Q", said Y. / «Q», — заявил Y.
- before a quotation:  Y said: “Q” / Y заявил: «Q»
- complement clause:   Y said (on Monday) that X. / Y заявил, что X. / Y says X.
- trailing:            X, Y said on Monday. / X, — заявил Y. / X, said Y.
- prepositional:       According to Y, X. / X, according to Y. / По словам Y, X.
- "as":                As Y put it, X. / Как сообщил Y, X.
- chained participle:  ..., adding that X. / ..., добавив, что X.
Quotation marks inside a reported clause make it `mixed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from propscope.analyzers.voices.cue_match import ArticleCues
from propscope.analyzers.voices.cues import CuePatterns, words
from propscope.analyzers.voices.quotes_speaker import (
    ORG_HEADS,
    Speaker,
    speaker_after,
    speaker_before,
)
from propscope.analyzers.voices.sentences import Segment


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    kind: str
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None  # None: implicit / inherited from the previous quote
    confidence: float = 0.8
    standalone: bool = False  # a quotation with no cue of its own
    runs_on: bool = False  # an unclosed quotation continued in the next paragraph
    sent_start: int = 0
    sent_end: int = 0


@dataclass(slots=True)
class Ctx:
    text: str
    s: int
    e: int
    segs: list[Segment]
    pats: CuePatterns
    cues: ArticleCues


_DAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|"
        r"morning|evening|night|afternoon)")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MEDIUM = (r"(?:statement|interview|tweet|post|letter|speech|briefing|conference|op-ed|column|"
           r"article|message|address|comment|comments|remarks|report|note|video|broadcast|session|"
           r"meeting|hearing|call|blog|podcast|appearance|editorial|book|memo|email|e-mail)")
_ADV = re.compile(
    rf"""\s*(?:
      (?:on|last|this|next|late|early|over\s+the)\s+(?:{_DAY}|{_MONTH})(?:\s+\d+\w*)?(?:\s+{_DAY})?
    | (?:on|in)\s+{_MONTH}(?:\s+\d+\w*)?
    | (?:on|in)\s+(?:\d+\w*\s+)?{_MONTH}
    | (?:in|during|at|after|via|through)\s+(?:a|an|the|his|her|their|its|one|another)\s+
        (?:[\w\-]+\s+){{0,3}}?{_MEDIUM}(?:\s+(?:on|to|with|for)\s+(?:[A-Z][\w\-]*\s?){{1,3}})?
    | (?:on|via|in)\s+(?:Twitter|X|Telegram|Facebook|Instagram|television|TV|radio|air|Monday)
    | to\s+(?:reporters|journalists|the\s+press|lawmakers|parliament|the\s+media|(?:[A-Z][\w\-]*\s?){{1,3}})
    | for\s+(?:[A-Z][\w\-]*(?:\s+|$)){{1,4}}
    | (?:earlier|later|yesterday|today|tonight|recently|previously|again|also|publicly|
        repeatedly|then|once\s+again|in\s+response|bluntly|simply|further|separately|
        afterwards|in\s+a\s+second\s+tweet|as\s+well)
    )(?=[\s,.;:]|$)""",
    re.VERBOSE,
)
_TOLD_OBJ = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|lawmakers|parliament|him|her|them|us|me|"
    r"(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}|the\s+\w+(?:\s+(?!that\b)\w+)?)(?=[\s,.;:])"
)
_TOLD = frozenset({"told", "tells", "asked", "asks"})
_CLAUSE_START = words(
    "he she it they we i you there this that these those the a an his her its their our my "
    "more most no not all some any every none one two many much nothing something "
    "everything everyone nobody russia moscow washington"
)
_PUNCT_STRIP = " \t\n,.;:!?—–-"
#: words of a title in front of a name ("Deputy Chair of the Defence Board General")
TITLE_WORDS = words(
    "of the for in at to de and on first deputy acting former defense defence foreign state "
    "spokesman spokeswoman spokesperson minister secretary head chief chairman colonel "
    "general senator ambassador official reserve union leader party opposition"
)


def skip_adverbials(text: str, pos: int, hi: int, told: bool = False) -> int:
    """Position after the adverbials that may follow a reporting verb."""
    if told:
        m = _TOLD_OBJ.match(text, pos, hi)
        if m:
            pos = m.end()
    for _ in range(4):
        m = _ADV.match(text, pos, hi)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return pos


def seg_in(segs: list[Segment], a: int, b: int) -> list[Segment]:
    return [g for g in segs if a <= g.open and g.close <= b]


def outside_segs(segs: list[Segment], pos: int) -> bool:
    return not any(g.open <= pos <= g.close for g in segs)


def trim_clause(text: str, a: int, b: int) -> tuple[int, int]:
    """Clause span without edge spaces, final punctuation and edge quotation marks."""
    while a < b and (text[a].isspace() or text[a] in ",:—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?…\"”“»«„’"):
        b -= 1
    if a < b and text[a] in "\"“«„" and not any(text[k] in "\"”»“" for k in range(a + 1, b)):
        a += 1
    return a, b


def clause_draft(ctx: Ctx, a: int, b: int, cue: re.Match[str] | tuple[int, int, str],
                 speaker: Speaker | None, conf: float) -> Draft | None:
    """A reported clause `a:b`: indirect, mixed when it quotes, or the quote itself."""
    text = ctx.text
    inner = [g for g in ctx.segs if a - 1 <= g.open and g.start < b]
    a, b = trim_clause(text, a, b)
    if b - a < 3 or len(text[a:b].split()) < 2 and not inner:
        return None
    kind = "indirect"
    if inner:
        kind = "mixed"
        only = inner[0]
        rest = (text[a : only.open] + text[min(only.close + 1, b) : b]).strip(_PUNCT_STRIP + "\"“”«»")
        if len(inner) == 1 and not rest:
            a, b = only.start, only.end
    cs, ce, ct = (cue.start(), cue.end(), cue.group()) if isinstance(cue, re.Match) else cue
    return Draft(a, b, kind, ct, cs, ce, speaker, conf)


def direct_draft(seg: Segment, cue: tuple[int, int, str] | None, speaker: Speaker | None,
                 conf: float) -> Draft:
    cs, ce, ct = cue if cue else (None, None, "")
    return Draft(seg.start, seg.end, "direct", ct, cs, ce, speaker, conf, runs_on=not seg.closed)


def gap_is_speaker(text: str, a: int, b: int, ctx: Ctx) -> tuple[bool, Speaker | None]:
    """Is `a:b` (between a closing mark and a cue) only punctuation plus a speaker?"""
    gap = text[a:b]
    if len(gap) > 160 or any(c in gap for c in "\"“”«»„"):
        return False, None
    if gap.strip(_PUNCT_STRIP) == "":
        return True, None
    sp = speaker_before(text, a, b, ctx.pats.lex)
    if sp is None:
        return False, None
    lead = text[a : sp.start].strip(_PUNCT_STRIP).split()
    roles = ctx.pats.lex.roles
    return len(lead) <= 10 and all(  # "club chairman Gordon McBride said"
        w[:1].isupper() or w.lower() in TITLE_WORDS or w.lower() in roles or w.lower() in ORG_HEADS
        for w in lead), sp


def speaker_for_verb(ctx: Ctx, cs: int, ce: int, lo: int) -> Speaker | None:
    sp = speaker_before(ctx.text, lo, cs, ctx.pats.lex)
    if sp is None:
        after = ctx.text[ce : ce + 2]
        if after[:1].isspace() and not after.strip()[:1] in (",", ":"):
            sp = speaker_after(ctx.text, ce, ctx.e, ctx.pats.lex)
    return sp


_PUNCT = " \t\n,.;:!?—–-"
_WORD = re.compile(r"\w+")
#: where a reported clause ends although no new claim starts ("..., citing the ministry")
_STOPPER = re.compile(r"(?:,\s*|[\"”»]\s*)(?=(?:citing|referring to|according to|in response to|"
                      r"quoting|ссылаясь|сославшись)\b)")


class SentenceState:
    """What the passes of one sentence share: claimed segments, spans and the speaker."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.drafts: list[Draft] = []
        self.used: set[int] = set()  # Segment.open of claimed quotations
        self.spent: set[int] = set()  # start of cues already used
        self.speaker: Speaker | None = None
        self.speaker_set = False
        lex_text, s, e = ctx.text, ctx.s, ctx.e
        self.verbs = [m for m in ctx.cues.within("verb", s, e) if outside_segs(ctx.segs, m.start())]
        self.parts = [m for m in ctx.cues.within("participle", s, e)
                      if outside_segs(ctx.segs, m.start()) and _chains(lex_text, s, m.start())]

    def covered(self, pos: int) -> bool:
        return any(d.start <= pos < d.end for d in self.drafts)

    def add(self, d: Draft | None, speaker: Speaker | None, cue_start: int | None) -> None:
        if d is None:
            return
        self.drafts.append(d)
        for g in self.ctx.segs:
            if d.start <= g.start and g.end <= d.end:
                self.used.add(g.open)
        if cue_start is not None:
            self.spent.add(cue_start)
        if not self.speaker_set:
            self.speaker, self.speaker_set = speaker, True

    def clause_end(self, a: int) -> int:
        """A reported clause stops at ", adding that", at ": “" or at the sentence end."""
        ends = [p.start() for p in self.parts if p.start() > a]
        ends += [g.open for g in self.ctx.segs if g.open > a and self.ctx.text[a : g.open].rstrip().endswith(":")]
        stop = _STOPPER.search(self.ctx.text, a, self.ctx.e)
        if stop:
            ends.append(stop.start() + (1 if stop.group()[:1] in "\"”»" else 0))
        return min(ends, default=self.ctx.e)


def _chains(text: str, s: int, pos: int) -> bool:
    """A participle continues a claim only after a comma/dash or 'by'/'while'."""
    before = text[max(s, pos - 8) : pos].rstrip().rstrip("\"”»’")
    return before.endswith((",", "—", "–", " by", " while", " before", " after", " as"))


def _cue(m: re.Match[str]) -> tuple[int, int, str]:
    return m.start(), m.end(), m.group()


