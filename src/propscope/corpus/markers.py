"""Evidence inside one article that it is a copy: attributions and copy/MT artefacts.

Pure functions of a CorpusDoc. Attributions name the outlet copied ("RT reports:",
"(Reuters)", "originally appeared on", "via TASS", "according to Reuters", in en/ru/de/fr);
"according to X" and "via X" count only when X looks like an outlet (a known name from
extract/outlets.py, a name after "agency"/"newspaper"/"агентство"/"Zeitung"..., a word
such as News/Times/TV in the name, or a domain), because "according to Kirby" is a quote,
not a copy. Artefacts are what republishing and machine-translation pipelines leave:
"UU"/"EE.UU." leftovers of the Spanish "EE. UU." ("the US Army UU"), numeric bracket ids
such as "[19659008]" (a spinning plugin's replacement for HTML tags), leftover markup and
spintax, and runs of words in a script the article is not written in.

Markers found in `doc.removed` (blocks extraction cut: captions, "Source link" footers)
have ``where="source"`` and offsets into Article.source_text. `copy_signals` sums one
article's markers into a verdict, so a copy whose source is not in the corpus (seed 003)
is still flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from propscope.corpus.docs import CorpusDoc
from propscope.extract.outlets import canonical_name, outlet_names
from propscope.schema.corpus import Marker

ATTRIBUTION_KINDS = ("reports", "wire", "source-link", "originally", "via", "according")
ARTEFACT_KINDS = ("mt-artifact", "markup-debris", "spin")
#: Longest text a marker quotes as evidence.
MAX_EVIDENCE = 200

_CAP = r"[A-ZА-ЯЁÀ-ÖØ-Þ]"
_NAME = _CAP + r"[\w.&'’-]*(?:[ \t]+(?:" + _CAP + r"[\w.&'’-]*|de|des|du|la|le|der|die|am|of|the|и))" + "{0,4}"
_WIRES = (
    "Reuters|AP|AFP|dpa|DPA|UPI|ANSA|EFE|Xinhua|TASS|ТАСС|Interfax|Интерфакс|РИА Новости|"
    "RIA Novosti|Bloomberg|KNA|epd|APA|Belga|Anadolu|IRNA|Yonhap|Kyodo|PAP|ANP|SDA|Sputnik"
)
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Media|TV|Radio|Daily|Journal|Herald|Gazette|Telegraph|Tribune|"
    r"Network|Agency|Zeitung|Nachrichten|Rundschau|Allgemeine|Spiegel|Monde|Figaro|Libération|"
    r"Presse|Info|Wire|Report|Observer|Times|Express|Mirror|Chronicle|Insider|Today)\b",
)
_DESCRIPTOR = (
    r"(?:news\s+agency|agency|newspaper|outlet|broadcaster|channel|tabloid|daily|magazine|"
    r"website|portal|news\s+site|wire\s+service|агентств[оа]|газет[аы]|телеканал[а]?|издани[ея]|"
    r"портал[а]?|Nachrichtenagentur|Agentur|Zeitung|Sender|Magazin|Portal|l['’]agence|agence|"
    r"journal|quotidien|chaîne|hebdomadaire|site)"
)
_DOMAIN = re.compile(r"^(?:[\w-]+\.)+(?:com|org|net|ru|de|fr|info|news|tv|co\.uk|press|io)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in outlet_names())
    return re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")


def outlet_like(phrase: str) -> str | None:
    """The outlet named in ``phrase`` ("the official agency Tass" -> "TASS"), or
    None when it names no outlet (a person, a ministry)."""
    phrase = phrase.strip(" \t,.:;\"'“”«»()")
    if not phrase:
        return None
    if m := _known().search(phrase):
        return canonical_name(m.group(0)) or m.group(0)
    for token in phrase.split():
        if canonical_name(token.strip(".,")):
            return canonical_name(token.strip(".,"))
    first = phrase.split()[0]
    if _DOMAIN.match(first):
        return first.lower()
    if m := re.fullmatch(_NAME, phrase):
        name = m.group(0)
        if _OUTLET_WORDS.search(name) or re.fullmatch(r"[A-ZА-ЯЁ]{2,6}", name):
            return name
    if m := re.search(_DESCRIPTOR + r"\s+(?P<n>" + _NAME + ")", phrase, re.IGNORECASE):
        return m.group("n")
    return None


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.MULTILINE)


#: (kind, regex with group "who" naming the outlet, whether the name must be outlet-like).
#: "X reports:" ending a line introduces a copied text ("reports"); "X reported that ..."
#: inside a sentence cites a claim ("according"): only the first says the text is a copy.
_ATTRIBUTION: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("reports", _rx(r"^[ \t]*(?P<who>" + _NAME + r")[ \t]+(?:reports|reported|berichtet|rapporte|сообщает|пишет)[ \t]*:"), False),
    ("according", _rx(r"(?P<who>" + _NAME + r")[ \t]+(?:reported|reports|has reported|berichtete|berichtet|a rapporté|rapporte|сообщил[аои]?|сообщает|передает|пишет)\b"), True),
    ("according", _rx(r"\b(?:[Кк]ак\s+)?(?:сообщает|сообщил[аои]?|передает|пишет)\s+(?P<who>[^,.\n]{2,60})"), True),
    ("according", _rx(r"\b(?:wie|berichtet|meldet)\s+(?:die\s+|das\s+|der\s+)?(?P<who>" + _NAME + r")(?:\s+(?:berichtet|meldet|berichtete))?"), True),
    ("wire", _rx(r"\((?P<who>" + _WIRES + r")\)|(?:[—–-]\s*|/)(?P<who2>ТАСС|TASS|РИА Новости|Интерфакс|dpa|AFP)(?:/|\.)"), False),
    ("source-link", _rx(r"^[ \t]*(?:Source link|Source Link|SOURCE LINK)[ \t]*$"), False),
    ("source-link", _rx(r"^[ \t]*(?:Source|Sources|Источник|Quelle|Source)[ \t]*:[ \t]*(?P<who>[^\n]{2,80})$"), False),
    ("originally", _rx(r"(?:originally\s+(?:appeared|published)|first\s+(?:appeared|published)|was\s+originally\s+published)\s+(?:on|at|in|by)\s+(?P<who>(?:[^\n.,;]|\.(?=\S)){2,80})", re.IGNORECASE), False),
    ("originally", _rx(r"(?:erschien\s+zuerst|zuerst\s+erschienen|ursprünglich\s+erschienen)\s+(?:bei|auf|in|im)\s+(?P<who>(?:[^\n.,;]|\.(?=\S)){2,80})", re.IGNORECASE), False),
    ("originally", _rx(r"(?:publié\s+(?:initialement|à\s+l['’]origine|d['’]abord)|paru\s+initialement)\s+(?:sur|par|dans)\s+(?P<who>(?:[^\n.,;]|\.(?=\S)){2,80})", re.IGNORECASE), False),
    ("originally", _rx(r"(?:впервые\s+опубликован[аоы]?|первоначально\s+опубликован[аоы]?|оригинал\s+публикации)\s*(?:на|в|:)?\s+(?P<who>(?:[^\n.,;]|\.(?=\S)){2,80})", re.IGNORECASE), False),
    ("via", _rx(r"\b(?:via|über|через)\s+(?P<who>(?:the\s+)?[^\s,.;:()]+(?:\s+" + _CAP + r"[\w.&'’-]*){0,3})"), True),
    ("according", _rx(r"\b(?:according\s+to|selon|d['’]après|laut|zufolge|по\s+данным|по\s+сообщению|согласно\s+данным|согласно)\s+(?P<who>[^,.;\n\"“”«»]{2,70})", re.IGNORECASE), True),
)

_ARTEFACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mt-artifact", _rx(r"\bEE\.?\s?UU\.?|(?<![\w.])UU\b\.?")),
    ("markup-debris", _rx(r"\[\d{6,}\]")),
    ("markup-debris", _rx(
        r"</?(?:span|div|p|a|strong|em|b|i|br|img|figure|figcaption|iframe|script)\b"
        r"(?:\s+[\w-]+=(?:\"[^\"\n]{0,80}\"|'[^'\n]{0,80}'|[^\s>\"']{1,40})?)*\s*/?>?", re.IGNORECASE)),
    ("markup-debris", _rx(r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5}|#x[0-9a-f]{2,4});", re.IGNORECASE)),
    ("markup-debris", _rx(r"\[/?(?:caption|embed|video|gallery|tweet)\b[^\]\n]{0,120}\]", re.IGNORECASE)),
    ("spin", _rx(r"\{[^{}|\n]{1,40}(?:\|[^{}|\n]{1,40}){1,8}\}")),
)


def find_markers(doc: CorpusDoc) -> list[Marker]:
    """All attributions and artefacts of `doc`, in the body then in removed blocks, sorted
    by (where, start, kind); overlapping matches of one kind are kept once."""
    out = _scan(doc.id, doc.text, 0, "text")
    for block in doc.removed:
        out += _scan(doc.id, block.text, block.start, "source")
    out += _untranslated(doc)
    return _dedupe(out)


def _scan(article_id: str, text: str, base: int, where: str) -> list[Marker]:
    out: list[Marker] = []
    for kind, rx, needs_outlet in _ATTRIBUTION:
        for m in rx.finditer(text):
            who = m.groupdict().get("who") or m.groupdict().get("who2") or ""
            name = outlet_like(who) if needs_outlet or kind in ("reports", "wire") else outlet_like(who) or _clean(who)
            if needs_outlet and name is None:
                continue
            if kind == "reports" and name is None:
                name = _clean(who)
            out.append(_marker(article_id, kind, m, base, where, [name] if name else []))
    for kind, rx in _ARTEFACTS:
        for m in rx.finditer(text):
            out.append(_marker(article_id, kind, m, base, where, []))
    return out


def _clean(who: str) -> str | None:
    who = who.strip(" \t,.:;\"'“”«»()")
    if not who:
        return None
    return canonical_name(who) or who[:80]


def _marker(article_id: str, kind: str, m: re.Match[str], base: int, where: str, names: list[str]) -> Marker:
    start, end = m.span()
    text = m.group(0)
    if len(text) > MAX_EVIDENCE:
        end = start + MAX_EVIDENCE
        text = text[:MAX_EVIDENCE]
    return Marker(article_id, kind, base + start, base + end, text, names, where)


_SCRIPT_RUN = {
    "latin": re.compile(r"(?:\b[a-zA-ZÀ-ÖØ-öø-ÿ]{2,}\b[ \t,;:]+){3,}[a-zA-ZÀ-ÖØ-öø-ÿ]{2,}"),
    "cyrillic": re.compile(r"(?:\b[а-яА-ЯёЁ]{2,}\b[ \t,;:]+){3,}[а-яА-ЯёЁ]{2,}"),
}


def _untranslated(doc: CorpusDoc) -> list[Marker]:
    """Runs of 4+ words in the other script (Latin in a Cyrillic article or the reverse):
    text a translation pipeline left as it was. Names alone are too short to match."""
    latin = len(re.findall(r"[a-zA-Z]", doc.text))
    cyr = len(re.findall(r"[а-яА-ЯёЁ]", doc.text))
    if latin + cyr < 200:
        return []
    other = "cyrillic" if latin > 4 * cyr else "latin" if cyr > 4 * latin else None
    if other is None:
        return []
    return [_marker(doc.id, "mt-artifact", m, 0, "text", []) for m in _SCRIPT_RUN[other].finditer(doc.text)]


def _family(m: Marker) -> str:
    return "attribution" if m.kind in ATTRIBUTION_KINDS else m.kind


def _dedupe(markers: list[Marker]) -> list[Marker]:
    markers.sort(key=lambda m: (m.where != "text", m.start, -(m.end - m.start), m.kind))
    out: list[Marker] = []
    for m in markers:
        if any(o.where == m.where and _family(o) == _family(m) and o.start < m.end and m.start < o.end for o in out[-8:]):
            continue
        out.append(m)
    return out


@dataclass(slots=True)
class CopySignals:
    """One article's verdict from its own markers: "spun" (machine-translation or spinning
    artefacts), "republished" (it names the outlet it copies), or None."""

    article_id: str
    verdict: str | None
    sources: list[str] = field(default_factory=list)  # outlets named by attributions
    artefacts: int = 0
    markers: list[Marker] = field(default_factory=list)


#: A "spun" verdict needs artefacts of two kinds (one UU or one stray tag can be a typo), or
#: a "Source link" footer (the signature of auto-republishing sites) with one artefact.
SPUN_MIN_KINDS = 2


def copy_signals(doc: CorpusDoc, markers: list[Marker] | None = None) -> CopySignals:
    markers = find_markers(doc) if markers is None else markers
    artefacts = [m for m in markers if m.kind in ARTEFACT_KINDS]
    kinds = {(m.kind, _artefact_family(m)) for m in artefacts}
    footer = any(m.kind == "source-link" for m in markers)
    sources = sorted({n for m in markers if m.kind in ATTRIBUTION_KINDS for n in m.names})
    strong = {"reports", "wire", "originally", "via", "source-link"}
    if len(kinds) >= SPUN_MIN_KINDS or (footer and kinds):
        verdict: str | None = "spun"
    elif any(m.kind in strong for m in markers):
        verdict = "republished"
    else:
        verdict = None
    return CopySignals(doc.id, verdict, sources, len(artefacts), markers)


def _artefact_family(m: Marker) -> str:
    if m.kind != "markup-debris":
        return m.kind
    return "bracket-id" if m.text.startswith("[") and m.text[1:2].isdigit() else "markup"
