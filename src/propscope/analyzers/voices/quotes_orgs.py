"""Institutions as speakers: "the ministry said", "X, the club said", "сообщили в министерстве".

Why a module of its own: news names an institution once ("The Ministry of Health launched
...", "Streamline, the video-conferencing company, said ...", "Футбольный клуб «Звезда»")
and then attributes statements to a description of it ("the ministry said", "the company
added", "говорится в заявлении клуба"). Style guides require that the description refer to
the institution introduced earlier, so we resolve it the way a reader does: an apposition
that pairs the description with a name, else the latest earlier organisation whose name
holds the description's head noun (or its usual abbreviation: a club is "FC").

Russian puts the institution in an oblique case after the verb ("сообщили в Главном
управлении МЧС", "пресс-служба Банка России"); `ru_org_after` finds that phrase so the
speaker is the institution, never one inflected adjective of its name ("Главном").
"""

from __future__ import annotations

import re
from functools import lru_cache

#: a description's head noun -> words that mark the same kind of body inside a name
SYNONYMS: dict[str, tuple[str, ...]] = {
    "club": ("club", "fc", "sc", "afc", "united"),
    "company": ("company", "inc", "corp", "corporation", "ltd", "plc", "group", "co"),
    "firm": ("firm", "inc", "corp", "ltd", "plc", "group"),
    "ministry": ("ministry", "department"),
    "department": ("department", "ministry"),
    "union": ("union", "association", "federation"),
    "bank": ("bank",),
    "agency": ("agency", "service", "administration"),
}
#: heads so generic that, with no apposition, they mean the institution that spoke last
GENERIC_ORG = frozenset(("company", "firm", "group", "club", "organisation", "organization",
                         "компания", "компании", "фирма", "фирмы"))
#: descriptions of a business: with nothing else to go on, the business named last
BUSINESS_DESC = GENERIC_ORG | frozenset((
    "chain", "retailer", "carrier", "maker", "insurer", "lender", "supermarket",
    "manufacturer", "airline", "startup", "supplier",
))
#: name words of public bodies, which "the company" never describes
PUBLIC_WORDS = frozenset((
    "ministry", "department", "government", "council", "police", "court", "university",
    "parliament", "committee", "agency", "office", "commission", "union", "association",
    "federation", "embassy", "school", "hospital", "army", "navy", "party", "senate",
    "министерство", "правительство", "администрация", "суд", "полиция", "университет",
))
_DET = r"(?:the|a|an|its|their|our|his|her)"
_NAME = r"([A-Z][\w'’.&\-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+|de\s+)*[A-Z][\w'’.&\-]*)*)"

_RU_ORG_STEMS = (
    "министерств", "минздрав", "минфин", "минобороны", "минэкономразвития", "мид", "управлени",
    "ведомств", "пресс-служб", "служб", "департамент", "комитет", "правительств",
    "администраци", "мэри", "прокуратур", "полици", "банк", "клуб", "компани", "округ", "штаб",
    "совет", "суд", "госдум", "дум", "кремл", "агентств", "фонд", "институт", "университет",
    "профсоюз", "союз", "парти", "движени", "фракци", "ассоциаци", "федераци", "корпораци",
    "концерн", "холдинг", "завод", "больниц", "поликлиник", "посольств", "генштаб", "мвд",
    "фсб", "мчс", "оон", "нато", "минюст", "минпромторг", "минтранс", "росстат",
    "команд", "ооо", "оао", "зао", "пао",
)
_RU_MEDIA = ("заявлени", "сообщени", "документ", "пресс-релиз", "обращени", "комментари",
             "письм", "ответ", "релиз")
_RU_ADJ = re.compile(r"\w+(?:ом|ем|ой|ей|ого|его|ому|ему|ым|им|ый|ий|ая|яя|ое|ее|ую|юю|ых|их)$")
_RU_WORD = re.compile(r"[\w][\w\-]*")
_RU_PREP = frozenset(("в", "во", "на"))
_RU_LINK = frozenset(("по", "и", "при"))


@lru_cache(maxsize=4096)
def ru_org_noun(word: str) -> str | None:
    """The institution stem a Russian word inflects ("министерстве" -> "министерств")."""
    w = word.lower()
    if w.startswith("командир"):
        return None  # a commander is a person, not a team
    for stem in _RU_ORG_STEMS:
        if w.startswith(stem) and len(w) - len(stem) <= 3:
            return stem
    return None


def ru_org_after(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    """Span of the institution right after a Russian cue, None when none starts there.

    "в министерстве здравоохранения Северной области" -> the whole phrase; "пресс-служба
    Банка России" -> "Банка России" (a press service speaks for its institution);
    "в заявлении клуба" -> "клуба".
    """
    toks = [(m.start(), m.end(), m.group()) for m in _RU_WORD.finditer(text, pos, hi)]
    stop = _stop(text, pos, hi)
    toks = [t for t in toks if t[1] <= stop][:10]
    i = 0
    if i < len(toks) and toks[i][2].lower() in _RU_PREP:
        i += 1
    if i < len(toks) and toks[i][2].lower().startswith(_RU_MEDIA):
        i += 1
    j = i
    while j < len(toks) and j - i < 3 and _RU_ADJ.match(toks[j][2]) and not ru_org_noun(toks[j][2]):
        j += 1
    if j >= len(toks) or ru_org_noun(toks[j][2]) is None:
        return None
    if ru_org_noun(toks[j][2]) in ("пресс-служб", "служб") and j + 1 < len(toks) \
            and toks[j + 1][2].lower() not in _RU_LINK and toks[j + 1][2][:1].isupper():
        i = j = j + 1  # "пресс-служба Банка России": the bank speaks
    end = j
    for k in range(j + 1, len(toks)):
        w = toks[k][2]
        if w.lower() in _RU_LINK or w[:1].isupper() or _genitive(w) or w.isupper():
            end = k
        else:
            break
    return toks[i][0], toks[end][1]


def _stop(text: str, pos: int, hi: int) -> int:
    m = re.compile(r"[,.;:!?«»\"“”()—–]").search(text, pos, hi)
    return m.start() if m else hi


def _genitive(word: str) -> bool:
    w = word.lower()
    return w.endswith(("ого", "его", "ой", "ей", "ых", "их", "ов", "ев", "ы", "а", "я", "и"))


def is_description(phrase: str) -> bool:
    """"the ministry", "Its parent company", "клуба", "министерстве ..." (not a name)."""
    words = phrase.split()
    return bool(words) and (words[0][:1].islower() or words[0].lower() in _DESC_FIRST)


_DESC_FIRST = frozenset(("the", "its", "their", "our", "this", "that"))


def description_head(desc: str) -> str | None:
    """Head noun of "the ministry" / "The company" / "в министерстве ..." / "клуба"."""
    words = [w.lower().strip(".,'’") for w in desc.split()]
    stems = [(w, ru_org_noun(w)) for w in words]
    found = [w for w, stem in stems if stem]
    own = [w for w, stem in stems if stem and stem not in ("пресс-служб", "служб")]
    if found:  # "пресс-служба команды": the press service speaks for the team
        return own[0] if own else found[0]
    head = words[-1] if words else ""
    return head if head.isalpha() else None


def apposition_name(text: str, head: str, before: int) -> tuple[int, int] | None:
    """Span of the name a description was paired with earlier, by apposition.

    "Streamline, the video-conferencing company, said" / "their union, the Eastvale
    Teachers' Association," / "Футбольный клуб «Звезда»": the latest such pair before
    `before` tells us which institution "the company" / "клуба" is.
    """
    found: tuple[int, int] | None = None
    if any("\u0400" <= c <= "\u04ff" for c in head):
        stem = ru_org_noun(head) or head[: max(4, len(head) - 2)]
        pat = re.compile(rf"(?i:{re.escape(stem)})\w*\s+«([^«»]{{1,40}})»")
    else:
        h = re.escape(head)
        pat = re.compile(
            rf"{_NAME},\s+{_DET}\s+(?:[\w\-]+\s+){{0,3}}?{h}s?\b"
            rf"|\b(?i:{_DET})\s+(?:[\w\-]+\s+){{0,3}}?{h},\s+(?:the\s+)?{_NAME}"
        )
    for m in pat.finditer(text, 0, before):
        g = 1 if m.group(1) else 2
        found = (m.start(g), m.end(g))
    return found
