"""Who says what: direct, indirect and mixed quotes with speaker, cue and entity.

`find_quotes` is a pure function of an Article and its entities. Per paragraph it pairs the
quotation marks, splits sentences without cutting quotations, runs the attribution passes
of `quotes_sentence` and then resolves speakers *in article order*, because "he added" or
a paragraph that is only a quotation means "the last person we heard from". Resolution:
a speaker span that overlaps an entity mention is that entity; a name that matches an
entity's surname is that entity; a pronoun, a description ("the senator") or no speaker
at all (pro-drop "— добавил") is the last speaker when gender allows, else the nearest
earlier person mention.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from propscope.analyzers.voices.cue_match import ArticleCues
from propscope.analyzers.voices.cues import patterns, verb_gender
from propscope.analyzers.voices.quotes_orgs import (
    BUSINESS_DESC,
    GENERIC_ORG,
    PUBLIC_WORDS,
    SYNONYMS,
    apposition_name,
    description_head,
    is_description,
    ru_org_noun,
)
from propscope.analyzers.voices.quotes_rules import Ctx, Draft
from propscope.analyzers.voices.quotes_sentence import sentence_drafts
from propscope.analyzers.voices.quotes_speaker import Speaker, guess_gender
from propscope.analyzers.voices.sentences import (
    drop_names,
    quote_segments,
    split_interrupted,
    split_sentences,
)
from propscope.analyzers.voices.translit import name_skeleton
from propscope.schema import Article, Paragraph
from propscope.schema.voices import Entity, Quote

_INDEFINITE = frozenset(("a", "an", "one", "another", "some", "several", "один", "одна", "одно",
                         "un", "une", "ein", "eine", "einer", "uno", "una", "jeden", "jedna"))
_RU_CASE = ("ого", "ему", "ому", "ыми", "ами", "ой", "ым", "им", "ом", "ем", "ую", "ая",
            "ва", "на", "ы", "у", "е", "а", "ю")


@lru_cache(maxsize=65536)
def surname_key(name: str) -> str:
    """Folded last word of a name; Russian case endings dropped ("Пушкова" -> "pushkov")."""
    words = [w for w in name.replace("-", " ").split() if any(c.isalpha() for c in w)]
    if not words:
        return ""
    last = words[-1].strip(".,'’\"«»“”")
    low = last.lower()
    if any("\u0400" <= c <= "\u04ff" for c in low) and len(low) > 4:
        for end in _RU_CASE:
            if low.endswith(end) and low[: -len(end)].endswith(("ов", "ев", "ин", "ёв", "ск", "цк")):
                low = low[: -len(end)] if end not in ("ва", "на") else low[:-1]
                break
    for end, repl in (("skiej", "ska"), ("ckiej", "cka"), ("skiego", "ski"), ("ckiego", "cki")):
        if low.endswith(end):
            low = low[: -len(end)] + repl
            break
    key = name_skeleton(low)
    return key[:-1] if key.endswith(("a",)) and len(key) > 5 and key[:-1].endswith(("ov", "ev", "in")) else key


@dataclass(slots=True)
class _Heard:
    """The last resolved speaker: what pronouns and bare quotations fall back to."""

    text: str
    entity: str | None
    gender: str | None
    paragraph: int
    until: int = 0  # end of the sentence it was heard in: later mentions may take over


class _Resolver:
    def __init__(self, text: str, entities: list[Entity], language: str | None) -> None:
        self.language = language
        self.text = text
        self.quote_spans: list[tuple[int, int]] = []
        self.quote_starts: list[int] = []
        self.roles = frozenset(patterns(language).lex.roles)
        self.kind = {e.id: e.kind for e in entities}
        self.name = {e.id: e.name for e in entities}
        self.gender = {e.id: guess_gender(e.name) for e in entities if e.kind == "person"}
        spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        self.name_words = {e.id: tuple(w.lower().strip(".,'’") for f in [e.name, *e.aliases]
                                       for w in f.split()) for e in entities}
        self.last_org: str | None = None  # the institution that spoke last
        self.by_form = {f.lower(): e.id for e in entities for f in [e.name, *e.aliases]}
        self.by_surname: dict[str, str] = {}
        for e in sorted(entities, key=lambda e: e.kind != "person"):
            for form in [e.name, *e.aliases]:
                self.by_surname.setdefault(surname_key(form), e.id)

    def overlapping(self, start: int, end: int) -> str | None:
        hits = [eid for s, e, eid in self.spans[: bisect.bisect_left(self.starts, end)] if e > start]
        persons = [h for h in hits if self.kind.get(h) == "person"]
        return (persons or hits or [None])[-1]

    def named(self, sp: Speaker) -> str | None:
        if sp.kind == "org":
            return self.named_org(sp)
        return self.overlapping(sp.start, sp.end) or self.by_surname.get(surname_key(sp.text))

    def named_org(self, sp: Speaker) -> str | None:
        """An institution: an entity covering most of its name, not a place inside it.

        "пресс-служба Банка России" is not Russia and "the Eastvale Teachers' Association"
        is not a person called "Eastvale Teachers"; a description ("the ministry",
        "клуба") is resolved to the institution named earlier (quotes_orgs).
        """
        if is_description(sp.text):
            return self.org_for(sp.text, sp.start)
        eid = self.covering(sp.start, sp.end)
        if eid is not None:
            return eid
        eid = self.by_surname.get(surname_key(sp.text))
        return eid if eid is not None and self.kind.get(eid) == "organization" else None

    def covering(self, start: int, end: int) -> str | None:
        k = bisect.bisect_left(self.starts, end)
        best = [(min(e, end) - max(s, start), eid) for s, e, eid in self.spans[:k] if e > start]
        best = [b for b in best if b[0] * 10 >= (end - start) * 6]
        return max(best)[1] if best else None

    def org_for(self, desc: str, pos: int) -> str | None:
        head = description_head(desc)
        if head is None:
            return None
        span = apposition_name(self.text, head, pos)
        if span is not None:
            eid = self.covering(*span) or self.by_form.get(self.text[span[0] : span[1]].lower())
            if eid is not None:
                return eid
        if head in GENERIC_ORG and self.last_org is not None:
            return self.last_org  # "Brightwave, the panel maker, said ... the company added"
        keys = set(SYNONYMS.get(head, (head,)))
        stem = ru_org_noun(head)
        k = bisect.bisect_left(self.starts, pos)
        for _, _, eid in reversed(self.spans[:k]):
            if self.kind.get(eid) == "place":
                continue
            names = self.name_words.get(eid, ())
            if keys & set(names) or (stem and any(w.startswith(stem) for w in names)):
                return eid
        return self.last_business(k) if head in BUSINESS_DESC else None

    def last_business(self, k: int) -> str | None:
        """"Kestrel Logistics cut jobs ... the company said": the business named last."""
        for _, _, eid in reversed(self.spans[:k]):
            names = set(self.name_words.get(eid, ()))
            if self.kind.get(eid) == "organization" and not names & PUBLIC_WORDS:
                return eid
        return None

    def person_before(self, pos: int, gender: str | None) -> tuple[str | None, int]:
        """Nearest earlier person mention outside quotations, of a compatible gender."""
        k = bisect.bisect_left(self.starts, pos)
        for s, _, eid in reversed(self.spans[:k]):
            if self.kind.get(eid) == "person" and _gender_ok(self.gender.get(eid), gender) \
                    and not self.quoted(s):
                return eid, s
        return None, -1

    def quoted(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and pos < self.quote_spans[k][1]

    def role_in(self, phrase: str) -> str | None:
        for w in reversed(phrase.lower().split()):
            if w in self.roles or w.rstrip("s") in self.roles:
                return w if w in self.roles else w.rstrip("s")
        return None

    def titled_before(self, pos: int, role: str, gender: str | None = None) -> str | None:
        """'the senator' -> the nearest earlier person introduced as 'Senator ...'.

        The title may stand several words before the name ("Эксперт Института
        энергетической политики Виктория Лаптева"); a verb's gender must agree.
        """
        k = bisect.bisect_left(self.starts, pos)
        for s, _, eid in reversed(self.spans[:k]):
            window = self.text[max(0, s - 90) : s]
            cut = max(window.rfind(c) for c in ".!?;”\"»")
            if self.kind.get(eid) == "person" and role in window[cut + 1 :].lower() \
                    and _gender_ok(self.gender.get(eid), gender):
                return eid
        return None

    def is_person_role(self, phrase: str) -> bool:
        return any(w.lower().rstrip("s") in self.roles or w.lower() in self.roles
                   for w in phrase.split())


def _gender_ok(known: str | None, wanted: str | None) -> bool:
    return known is None or wanted is None or wanted == "p" or known == wanted


def find_quotes(article: Article, entities: list[Entity]) -> list[Quote]:
    """Direct, indirect and mixed quotes of an article, speakers resolved to `entities`."""
    text = article.text
    pats = patterns(article.language)
    paragraphs = article.paragraphs or [Paragraph(0, len(text))]
    cues = ArticleCues(pats.combined, text)
    drafts: list[tuple[int, Draft]] = []
    for pi, p in enumerate(paragraphs):
        segs = split_interrupted(text, drop_names(text, quote_segments(text, p.start, p.end), cues), cues)
        for s, e in split_sentences(text, p.start, p.end, segs, cues):
            ctx = Ctx(text, s, e, [g for g in segs if s <= g.open < e], pats, cues)
            for d in sentence_drafts(ctx):
                d.sent_start, d.sent_end = s, e
                drafts.append((pi, d))
    _link_runs_on(drafts)
    res = _Resolver(text, entities, article.language)
    res.quote_spans = sorted((d.start, d.end) for _, d in drafts)
    res.quote_starts = [a for a, _ in res.quote_spans]
    return _resolve(text, drafts, res, article.language)


def _link_runs_on(drafts: list[tuple[int, Draft]]) -> None:
    """An unclosed quotation takes the speaker of its continuation in the next paragraph."""
    for i, (pi, d) in enumerate(drafts):
        if not (d.runs_on and d.speaker is None and d.standalone):
            continue
        for pj, nxt in drafts[i + 1 :]:
            if pj != pi + 1:
                break
            if nxt.speaker is not None:
                d.speaker, d.cue, d.cue_start, d.cue_end = nxt.speaker, nxt.cue, None, None
                d.standalone = False
                d.speaker = Speaker(nxt.speaker.start, nxt.speaker.end, nxt.speaker.text,
                                    nxt.speaker.kind, nxt.speaker.gender)
                break


def _resolve(text: str, drafts: list[tuple[int, Draft]], res: _Resolver,
             language: str | None) -> list[Quote]:
    out: list[Quote] = []
    last: _Heard | None = None
    prev_runs_on = False
    for pi, d in drafts:
        if d.standalone and (last is None or not _recent(out, pi) or (
                out[-1].paragraph < pi and not (out[-1].cue or prev_runs_on))):
            continue  # a lone quotation with nobody (or only another lone one) before it
        sp = d.speaker
        gender = verb_gender(d.cue, language) if d.cue else None
        entity, heard = _entity_for(sp, d, res, last, gender, pi)
        if heard is None:
            heard = _Heard(sp.text if sp else "", entity, gender, pi, d.sent_end)
        q = Quote(
            start=d.start, end=d.end, paragraph=pi, kind=d.kind, cue=d.cue,
            cue_start=d.cue_start, cue_end=d.cue_end,
            speaker=sp.text if sp else (last.text if last else ""),
            speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
            entity=entity, confidence=d.confidence,
        )
        out.append(q)
        last, prev_runs_on = heard, d.runs_on
    return out


def _recent(out: list[Quote], pi: int) -> bool:
    return bool(out) and pi - out[-1].paragraph <= 1


def _entity_for(sp: Speaker | None, d: Draft, res: _Resolver, last: _Heard | None,
                gender: str | None, pi: int) -> tuple[str | None, _Heard | None]:
    """Entity id of the speaker, and what later pronouns should remember."""
    if sp is not None and sp.kind in ("name", "org"):
        eid = res.named(sp)
        if eid is not None and (sp.kind == "org" or res.kind.get(eid) == "organization"):
            res.last_org = eid
        g = gender or (res.gender.get(eid) if eid else None) or guess_gender(sp.text)
        shown = res.name.get(eid, sp.text) if eid else sp.text
        return eid, _Heard(shown, eid, g, pi, d.sent_end)
    if sp is not None and sp.kind == "desc":
        eid = res.overlapping(sp.start, sp.end)
        if eid is not None and (res.kind.get(eid) == "person" or not res.is_person_role(sp.text)):
            return eid, _Heard(res.name.get(eid, sp.text), eid, res.gender.get(eid), pi, d.sent_end)
        if not res.is_person_role(sp.text) or sp.text.split()[0].lower() in _INDEFINITE:
            # "the ministry" is nobody we know; "one nurse" is somebody new
            return None, _Heard(sp.text, None, sp.gender, pi, d.sent_end)
    wanted = gender or (sp.gender if sp else None)
    if sp is not None and sp.kind == "pronoun" and wanted == "n":
        return None, None
    here = d.start if sp is None or sp.start < d.start else sp.start
    role = res.role_in(sp.text) if sp is not None and sp.kind == "desc" else None
    titled = res.titled_before(here, role, wanted) if role else None
    if titled is not None:
        return titled, _Heard(res.name.get(titled, ""), titled, res.gender.get(titled), pi, d.sent_end)
    near, near_pos = res.person_before(here, wanted)
    last_ok = last is not None and pi - last.paragraph <= 1 and _gender_ok(last.gender, wanted)
    if last is not None and last_ok and (near is None or near_pos < last.until):
        return last.entity, _Heard(last.text, last.entity, last.gender or wanted, pi, d.sent_end)
    if near is not None:
        return near, _Heard(res.name.get(near, ""), near, res.gender.get(near) or wanted, pi, d.sent_end)
    if last is not None and _gender_ok(last.gender, wanted):
        return last.entity, _Heard(last.text, last.entity, last.gender or wanted, pi, d.sent_end)
    return None, None
