"""Russian organisations named in «»: клуб «Звезда», компания «Уютный дом», ООО «Ромашка».

Why a pass of its own: Russian writes the proper name of a club, company or team in
guillemets after a generic noun, and the capitalised-run detector never sees it (a word after
«» starts a new run, so «Звезда» is a sentence-initial word and dropped). Without the entity,
"говорится в заявлении клуба" has nothing to resolve to. After the noun the name keeps the
nominative in every case ("в компании «Уютный дом»"), so the name as written is the key and
the display name is the noun in the nominative plus the name. Alone the name declines
(«Металлурга»): such a form joins an organisation found this way when one of its case
candidates is that organisation's name, and never makes an entity by itself (a short
quotation in «» looks the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from propscope.analyzers.voices import morph_ru
from propscope.analyzers.voices.canonical import canonical_key

#: case-form stem of a generic noun -> the noun in the nominative
NOUNS: dict[str, str] = {
    "клуб": "клуб",
    "компани": "компания",
    "команд": "команда",
    "фирм": "фирма",
    "холдинг": "холдинг",
    "концерн": "концерн",
    "завод": "завод",
    "комбинат": "комбинат",
    "предприяти": "предприятие",
    "издательств": "издательство",
    "агентств": "агентство",
    "фонд": "фонд",
    "парти": "партия",
    "движени": "движение",
    "телеканал": "телеканал",
    "газет": "газета",
    "банк": "банк",
    "корпораци": "корпорация",
    "объединени": "объединение",
    "ассоциаци": "ассоциация",
    "организаци": "организация",
    "театр": "театр",
    "сет": "сеть",
}
_LEGAL = frozenset(("ооо", "оао", "зао", "пао", "ао", "нко", "ано", "гуп", "муп", "фгуп", "ип"))
_NAMED = re.compile(r"(?<![\w-])([\w-]+)\s+«([^«»\n]{1,40})»")
_BARE = re.compile(r"«([^«»\s][^«»\n]{0,39})»")


@dataclass(slots=True, frozen=True)
class QuotedOrg:
    start: int
    end: int
    id: str
    name: str
    form: str  # the name as written inside «»


def _noun(word: str) -> str | None:
    """Nominative of a generic organisation noun in any case, or None."""
    low = word.lower()
    if low in _LEGAL:
        return word.upper() if word.isupper() else word
    if low.startswith(("командир", "командов", "сетев")):
        return None
    for stem, nominative in NOUNS.items():
        if low.startswith(stem) and len(low) - len(stem) <= 3:
            return nominative
    return None


def _inner_ok(inner: str) -> bool:
    words = inner.split()
    return bool(words) and len(words) <= 4 and inner[:1].isupper() and not re.search(r"[.,!?;:]", inner)


def find_quoted_orgs(text: str) -> list[QuotedOrg]:
    """Organisation mentions written as generic noun + «name», and later bare «name» forms."""
    found: list[QuotedOrg] = []
    for m in _NAMED.finditer(text):
        noun, inner = _noun(m.group(1)), m.group(2).strip()
        if noun is None or not _inner_ok(inner):
            continue
        eid, _ = canonical_key(inner, "organization", "ru")
        found.append(QuotedOrg(m.start(), m.end(), eid, f"{noun} «{inner}»", inner))
    if not found:
        return found
    by_form = {o.form.lower(): o for o in found}
    taken = [(o.start, o.end) for o in found]
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        org = _declined(m.group(1), by_form)
        if org is not None:
            found.append(QuotedOrg(m.start(), m.end(), org.id, org.name, org.form))
    return sorted(found, key=lambda o: o.start)


def _declined(inner: str, by_form: dict[str, QuotedOrg]) -> QuotedOrg | None:
    """«Металлурга» -> the organisation «Металлург» when the form is one of its cases."""
    words = inner.lower().split()
    if not words or len(words) > 4:
        return None
    if (org := by_form.get(" ".join(words))) is not None:
        return org
    for cand in morph_ru.candidates(words[-1]):
        org = by_form.get(" ".join([*words[:-1], cand]))
        if org is not None:
            return org
    return None
