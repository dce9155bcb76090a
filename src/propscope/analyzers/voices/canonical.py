"""Canonical entity keys: one id per real-world actor across spellings, aliases and languages.

Key scheme (stable; stored ids depend on it):

* ``<prefix>:<slug>`` with prefix ``per`` (person), ``org`` (organization *and* group: an
  armed group is an organization whose typing may change, its id must not), ``loc`` (place).
* Gazetteer actors (data/aliases.json, hand-written, plus the CLDR country names of
  data/countries.json) have fixed ids: ISIS = ISIL = IS = Daesh = ИГИЛ = ДАИШ = EI = État
  islamique = Islamischer Staat = Stato Islamico = Państwo Islamskie -> ``org:islamic-state``;
  US = U.S. = USA = США = Etats-Unis = Vereinigte Staaten = Stati Uniti = Stany Zjednoczone
  -> ``loc:united-states``. A government and its country are one actor (issue 6: "US =
  United States = Washington as a metonym for the government"): "White House", "US
  administration", Kremlin / Кремль fold into the country (``same_as`` in the gazetteer), and
  capitals that stand for governments carry a ``metonym`` (Washington -> ``loc:united-states``);
  canonical_key itself is context-free and returns the capital; entities.py picks the metonym
  unless the capital is a place in its sentence ("in Washington", "Washington, D.C.").
* Other persons: ``per:`` + the name skeletons of translit.py joined by "-" (first name and
  surname; titles, initials and Russian patronymics dropped; Russian forms put in the
  nominative), so "Alexei Pushkov", "Alexey Pushkov", "Алексея Пушкова" -> ``per:aleksei-pushkov``
  and a bare surname -> ``per:pushkov`` (the corpus merger maps it to the full name).
* Other organizations / places: prefix + slug of the surface (Cyrillic romanised).

Matching folds case, Latin diacritics, ё/е, dots in acronyms (U.S. -> us) and possessives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from propscope.analyzers.voices import morph_ru, pl_forms
from propscope.analyzers.voices.translit import ascii_fold, name_skeleton, slug

PREFIX = {"person": "per", "organization": "org", "group": "org", "place": "loc"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w.'’-]+")
_ELIDED = re.compile(r"^(?:[ld]|dell|nell|dall|all)['’](?=\w)", re.IGNORECASE)


def _alias_tokens(alias: str) -> list[str]:
    """Tokens as the mention tokenizer sees them: "Fratelli d'Italia" -> Fratelli, Italia."""
    toks = _TOKEN.findall(alias)
    return [toks[0], *(_ELIDED.sub("", t) for t in toks[1:])] if toks else toks


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    id: str
    name: str
    kind: str
    metonym: str | None = None


@lru_cache(maxsize=262144)
def fold(token: str) -> str:
    """Matching form of one token (see the module docstring)."""
    t = _POSSESSIVE.sub("", token) if len(token) > 3 else token
    t = ascii_fold(t.casefold()).replace("ё", "е").replace("’", "'")
    if "." in t:
        t = t.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", t) else t.rstrip(".")
    return t


def is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 5


def _load(name: str) -> dict:
    text = (
        resources.files("propscope.analyzers.voices")
        .joinpath("data", name)
        .read_text("utf-8")
    )
    return json.loads(text)


@dataclass(slots=True)
class Gazetteer:
    """Alias index: folded token tuple -> entry, plus the case rule of each alias."""

    entries: dict[str, GazetteerEntry]
    # first folded token -> [(folded tokens, entry id, case mode)], longest first;
    # case mode: "exact" (acronyms), "cap" (written capitalised), "any" (written lower case)
    index: dict[str, list[tuple[tuple[str, ...], str, str]]]
    max_len: int
    person_keys: dict[
        str, str
    ]  # skeleton key of a gazetteer person's spelling -> its id

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """Whole-surface lookup (any case), trying Russian nominatives of each token."""
        toks = [fold(t) for t in _alias_tokens(surface)]
        if toks and toks[0] in ("the", "la", "le", "les", "der", "die", "das", "l'"):
            toks = toks[1:]
        if not toks:
            return None
        for first in morph_ru.candidates(toks[0]):
            for alias, eid, _mode in self.index.get(first, ()):
                if len(alias) == len(toks) and all(
                    a in morph_ru.candidates(t)
                    for a, t in zip(alias[1:], toks[1:], strict=True)
                ):
                    return self.entries[eid]
        return None


def _add(index: dict, entries: dict, alias: str, eid: str) -> None:
    toks = tuple(fold(t) for t in _alias_tokens(alias))
    if not toks:
        return
    if toks[0] in ("the",) and len(toks) > 1:
        toks = toks[1:]
        alias = alias.split(" ", 1)[1]
    mode = "exact" if is_acronym(alias) else ("cap" if alias[:1].isupper() else "any")
    bucket = index.setdefault(toks[0], [])
    if all((t, m) != (toks, mode) for t, _, m in bucket):
        bucket.append((toks, eid, mode))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    entries: dict[str, GazetteerEntry] = {}
    index: dict[str, list] = {}
    manual = _load("aliases.json")["entities"]
    by_code = {e["code"]: e for e in manual if "code" in e}
    for country in _load("countries.json")["countries"]:
        over = by_code.get(country["code"])
        eid = over["id"] if over else "loc:" + slug(country["name"])
        name = over["name"] if over else country["name"]
        entries[eid] = GazetteerEntry(eid, name, "place")
        for alias in [country["name"], *country["aliases"]]:
            _add(index, entries, alias, eid)
    for e in manual:
        if target := e.get("same_as"):  # a government is its country's actor: one entity
            for alias in [e["name"], *e["aliases"]]:
                _add(index, entries, alias, target)
            continue
        entries[e["id"]] = GazetteerEntry(
            e["id"], e["name"], e["kind"], e.get("metonym")
        )
        for alias in [e["name"], *e["aliases"]]:
            _add(index, entries, alias, e["id"])
    for bucket in index.values():
        bucket.sort(key=lambda item: -len(item[0]))
    max_len = max(len(t) for bucket in index.values() for t, _, _ in bucket)
    person_keys = {
        _person_key(_TOKEN.findall(alias), None): e["id"]
        for e in manual
        if e["kind"] == "person"
        for alias in [e["name"], *e["aliases"]]
    }
    return Gazetteer(entries, index, max_len, person_keys)


@lru_cache(maxsize=1)
def name_lists() -> dict[str, frozenset[str]]:
    data = _load("names.json")
    return {
        k: frozenset(fold(w) for w in v) for k, v in data.items() if isinstance(v, list)
    }


def person_tokens(tokens: list[str], language: str | None) -> list[str]:
    """Name tokens of a person surface: no titles, initials, patronymics; Russian nominative."""
    lists = name_lists()
    toks = [t for t in tokens if not re.fullmatch(r"\w\.?", t)]
    while len(toks) > 1 and fold(toks[0]) in lists["titles"]:
        toks = toks[1:]
    if len(toks) == 3 and morph_ru.is_patronymic(toks[1]):
        toks = [toks[0], toks[2]]
    toks = _shared_case_ending(toks, lists["first_names"])
    if not toks or not morph_ru.is_cyrillic_word(toks[-1].lower()):
        return [_POSSESSIVE.sub("", t) for t in toks]
    firsts = lists["first_names"]
    gender = None
    out = []
    for tok in toks[:-1]:
        low = tok.lower()
        base = next((c for c in morph_ru.candidates(low) if c in firsts), low)
        if base in firsts:
            gender = (
                "f"
                if base.endswith(("а", "я")) and base not in ("илья", "никита")
                else "m"
            )
        out.append(base)
    out.append(morph_ru.surname_nominative(toks[-1], gender))
    return [t[:1].upper() + t[1:] for t in out]


def _shared_case_ending(toks: list[str], firsts: frozenset[str]) -> list[str]:
    """Unknown Russian first name and surname in the same oblique case: "Хаканом Фиданом"."""
    if len(toks) != 2 or not morph_ru.is_cyrillic_word(toks[0].lower()):
        return toks
    if any(c in firsts for c in morph_ru.candidates(toks[0].lower())):
        return toks
    for end in ("ом", "у"):
        if all(t.lower().endswith(end) and len(t) - len(end) >= 3 for t in toks):
            return [t[: -len(end)] for t in toks]
    return toks


def _person_key(names: list[str], language: str | None) -> str:
    parts = [name_skeleton(t, language) for t in names]
    return "per:" + "-".join(p for p in parts if p) if any(parts) else ""


def canonical_key(surface: str, kind: str, language: str | None) -> tuple[str, str]:
    """(entity id, display name) of a mention; see the module docstring for the scheme."""
    entry = gazetteer().lookup(surface)
    if entry is not None:
        return entry.id, entry.name
    tokens = _TOKEN.findall(surface)
    if kind == "person":
        names = person_tokens(tokens, language)
        key = _person_key(names, language) or f"per:{slug(surface)}"
        known = gazetteer().person_keys.get(key)
        if known is not None:
            return known, gazetteer().entries[known].name
        return key, " ".join(names)
    words = [_POSSESSIVE.sub("", t) for t in tokens]
    if kind in ("organization", "group") and language == "pl":
        words = pl_forms.org_nominative(words)
    if kind == "place" and len(words) == 2:
        words = (morph_ru.region_nominative(*words) or " ".join(words)).split()
    clean = " ".join(words)
    return f"{PREFIX.get(kind, 'org')}:{slug(clean)}", clean
