"""find_entities: the actors of one article, each with every mention merged under one key.

Steps: names.detect finds typed mention candidates; each gets a canonical key
(canonical.py); mentions are grouped by key; a bare surname ("Pushkov", "Пушкова") joins
the one full-name person of the article with that surname; untyped single capitalised
words survive only when they are such a surname. Capitals with a government metonym
(Washington, Moscow, Damascus, Kyiv, Ankara, Tehran, Beijing) are the *government* unless a
place preposition precedes them ("in Washington", "в Москве") or ", D.C." follows: in
political news a capital that acts ("Washington said", "Moscow's position") is its
government, one where something happens is the city.

Salience (0..1): raw = log(1 + mentions) + 1.0 if named in the title + 0.5 if mentioned in
the lead (first paragraph, or first 400 characters), divided by the article's largest raw
score, so the most central actor of every article has salience 1.0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from propscope.analyzers.voices import morph_ru
from propscope.analyzers.voices.canonical import canonical_key, gazetteer
from propscope.analyzers.voices.names import RawMention, detect
from propscope.analyzers.voices.ru_quoted_orgs import find_quoted_orgs
from propscope.analyzers.voices.translit import name_skeleton
from propscope.schema import Article
from propscope.schema.voices import Entity, Mention

_PRONOUN_KINDS = ("person", "organization", "group", "place")


@dataclass(slots=True)
class _Group:
    id: str
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _surface(text: str, m: RawMention) -> str:
    s = text[m.start : m.end]
    for suffix in ("'s", "’s", "'", "’"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            return s[: -len(suffix)]
    return s


def _keyed(text: str, m: RawMention, language: str | None) -> tuple[str, str, str]:
    """(id, display name, kind) of one typed mention."""
    gaz = gazetteer()
    if m.entry:
        entry = gaz.entries[m.entry]
        if entry.metonym and not m.place_context:
            gov = gaz.entries[entry.metonym]
            return gov.id, gov.name, gov.kind
        return entry.id, entry.name, entry.kind
    eid, name = canonical_key(_surface(text, m), m.kind, language)
    known = gaz.entries.get(eid)
    return eid, name, known.kind if known else m.kind


def _surname_keys(surface: str, language: str | None) -> set[str]:
    """Skeletons a bare surname could have in nominative (Russian: both genders)."""
    word = surface.split()[-1].lower()
    keys = {name_skeleton(word, language)}
    forms = morph_ru.surname_forms(word) if morph_ru.is_cyrillic_word(word) else None
    if forms is not None:
        stem, _gender = forms
        keys |= {name_skeleton(stem, language), name_skeleton(stem + "а", language)}
    keys |= {name_skeleton(c, language) for c in morph_ru.candidates(word)}
    return keys


def _full_names(groups: dict[str, _Group]) -> dict[str, list[str]]:
    """Surname skeleton -> ids of multi-word persons ending with it."""
    out: dict[str, list[str]] = {}
    for g in groups.values():
        parts = g.id.split(":", 1)[1].split("-")
        if g.kind == "person" and len(parts) > 1:
            out.setdefault(parts[-1], []).append(g.id)
    return out


def _group_mentions(article: Article) -> tuple[dict[str, _Group], list[RawMention]]:
    text, lang = article.text, article.language
    groups: dict[str, _Group] = {}
    singles: list[RawMention] = []
    _tokens, raw = detect(text, lang)
    for m in raw:
        if not m.kind:
            singles.append(m)
            continue
        eid, name, kind = _keyed(text, m, lang)
        if kind == "person" and len(eid.split("-")) == 1 and not m.entry:
            singles.append(m)  # bare surname: resolve after every full name is known
            continue
        g = groups.setdefault(eid, _Group(eid, name, kind))
        if (
            len(name) > len(g.name)
            and kind == "person"
            and eid not in gazetteer().entries
        ):
            g.name = name
        g.mentions.append(Mention(m.start, m.end))
        if (s := _surface(text, m)) not in g.aliases:
            g.aliases.append(s)
    return groups, singles


def _resolve_singles(
    article: Article, groups: dict[str, _Group], singles: list[RawMention]
):
    text, lang = article.text, article.language
    full = _full_names(groups)
    for m in singles:
        surface = _surface(text, m)
        owners = {i for k in _surname_keys(surface, lang) for i in full.get(k, ())}
        if len(owners) == 1:
            eid = owners.pop()
        elif m.kind == "person" and not owners:
            eid, name, _ = _keyed(text, m, lang)
            groups.setdefault(eid, _Group(eid, name, "person"))
        else:
            continue
        g = groups[eid]
        g.mentions.append(Mention(m.start, m.end))
        if surface not in g.aliases:
            g.aliases.append(surface)


def _title_ids(article: Article, groups: dict[str, _Group]) -> set[str]:
    if not article.title:
        return set()
    title_article = Article(text=article.title, language=article.language)
    title_groups, singles = _group_mentions(title_article)
    ids = set(title_groups)
    full = _full_names(groups)
    for m in singles:
        surface = _surface(article.title, m)
        owners = {
            i for k in _surname_keys(surface, article.language) for i in full.get(k, ())
        }
        ids |= owners if len(owners) == 1 else set()
    return ids


def _salience(article: Article, groups: dict[str, _Group]) -> dict[str, float]:
    lead_end = article.paragraphs[0].end if article.paragraphs else 400
    lead_end = max(lead_end, min(400, len(article.text)))
    in_title = _title_ids(article, groups)
    raw = {
        eid: math.log1p(len(g.mentions))
        + (1.0 if eid in in_title else 0.0)
        + (0.5 if any(m.start < lead_end for m in g.mentions) else 0.0)
        for eid, g in groups.items()
    }
    top = max(raw.values(), default=0.0) or 1.0
    return {eid: round(v / top, 4) for eid, v in raw.items()}


def _add_quoted_orgs(article: Article, groups: dict[str, _Group]) -> None:
    """Russian клуб «Звезда» / ООО «Ромашка»: organisations the run detector cannot see."""
    if article.language != "ru":
        return
    orgs = find_quoted_orgs(article.text)
    for g in groups.values():  # a fragment inside «» belongs to the organisation
        g.mentions = [
            m for m in g.mentions if not any(o.start <= m.start < o.end for o in orgs)
        ]
    for o in orgs:
        g = groups.setdefault(o.id, _Group(o.id, o.name, "organization"))
        g.mentions.append(Mention(o.start, o.end))
        if (s := article.text[o.start : o.end]) not in g.aliases:
            g.aliases.append(s)


def find_entities(article: Article) -> list[Entity]:
    """One Entity per canonical actor of the article, most salient first."""
    groups, singles = _group_mentions(article)
    _add_quoted_orgs(article, groups)
    _resolve_singles(article, groups, singles)
    groups = {k: g for k, g in groups.items() if g.mentions}
    salience = _salience(article, groups)
    out = [
        Entity(
            id=g.id,
            name=g.name,
            kind=g.kind if g.kind in _PRONOUN_KINDS else "organization",
            mentions=sorted(g.mentions, key=lambda m: m.start),
            aliases=g.aliases,
            salience=salience[g.id],
        )
        for g in groups.values()
    ]
    out.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    return out
