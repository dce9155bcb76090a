"""Author chain: JSON-LD -> <meta> -> byline selectors / author links -> trafilatura -> lines.

Every candidate goes through ``valid_author`` so that the usual junk found in author slots
(profile URLs, "admin", "Staff", whole bio sentences, "Updated January 3") falls through to
the next source instead of being reported as a person. The site's own name is rejected as
long as any later source offers a person; only when none does is the declared
organisation-as-author kept (it is what the page states, not a guess).
"""

from __future__ import annotations

import html
import re

from lxml import etree

from propscope.extract.html_signals import Signals, clean, jsonld_names

_META_KEYS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "citation_authors", "twitter:creator:name",
)
_BY = re.compile(r"^\s*(?!.*\b(?:reviewed|edited|checked)\s+by\b)(?:[^\W\d_][\w ]{0,30}?\s)?"
                 r"(?:by|von|par|автор|текст|authors?)\b\s*[:\-]?\s*", re.IGNORECASE)
_TAIL = re.compile(r"\s*(?:[•·|–—]|\s-\s|\b(?:last\s+)?(?:updated|published|posted|modified|on|former"
                   r"|sponsored)\b"
                   r"|\b(?:medically\s+|fact[- ]checked\s+|edited\s+|reviewed\s+)by\b"
                   r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                   r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s+\d"
                   r"|\b(?:january|february|march|april|june|july|august|september|october|november"
                   r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|\s+at$).*$",
                   re.IGNORECASE)
_LEAD = re.compile(r"^(?:read more (?:about|from)|more (?:about|from)|about|meet)\s+", re.IGNORECASE)
_MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_ROLES = frozenset(
    ["reporter", "writer", "editor", "contributor", "correspondent", "founder", "co-founder", "ceo", "cto", "expert", "attorney", "consultant", "director", "manager", "specialist", "officer", "president", "columnist", "journalist", "producer", "analyst", "staff", "reviewer", "winemaker", "coordinator", "strategist", "marketer", "engineer", "scientist", "designer", "developer"]
)
#: Interface words that show up in author-ish links and lines but never in a person's name.
_UI_WORDS = frozenset(
    ["profile", "login", "log", "sign", "size", "type", "case", "industry", "posts", "articles", "view", "more", "all", "contact", "follow", "bluesky", "twitter", "facebook", "linkedin", "instagram", "email", "share", "menu", "home", "search", "company", "event", "my", "our", "your", "read", "subscribe", "newsletter"]
)
_PARTICLES = frozenset(["van", "der", "den", "de", "von", "da", "di", "le", "la", "du", "del", "bin", "al", "ter", "ten"])
_ROLE_MODIFIERS = frozenset(
    ["tech", "senior", "sr", "sr.", "chief", "managing", "contributing", "staff", "lead", "principal", "associate"]
)
_SPLIT = re.compile(r"\s*(?:;|\||&|\band\b|\bund\b|\bи\b)\s*", re.IGNORECASE)
_JUNK = frozenset(
    ["admin", "administrator", "staff", "editor", "editors", "editorial", "team", "guest", "user", "anonymous", "unknown", "webmaster", "newsroom", "redaktion", "редакция", "author", "authors", "null", "none", "by"]
) | {"the author", "the editors", "the team"}
_BYLINE_XPATH = (
    "//*[@rel='author']"
    " | //*[@itemprop='author']"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
    " or contains(@class, 'author-name') or contains(@class, 'byline__name')"
    " or contains(@class, 'author__name') or contains(@class, 'authorName')"
    " or contains(@class, 'byline-name') or contains(@class, 'post-author')"
    " or contains(@class, 'entry-author') or contains(@class, 'article-author')]"
)
_MAX_NODES = 20
_AUTHOR_LINK_XPATH = (
    "//body//a[contains(@href, '/author/') or contains(@href, '/authors/')"
    " or contains(@href, '/staff/') or contains(@href, '/people/') or contains(@href, '/writers/')"
    " or contains(@href, '/autor/') or contains(@href, '/avtor/') or contains(@href, '/profile/')]"
)
_MID_BY = re.compile(r"\s(?:by|von)\s+([A-ZÀ-ÖØ-ÞА-Я][^|•·]{2,60})$")
_BYLINE_LINE = re.compile(r"^(?:(?:written|posted|words|text|story|article)\s+)?"
                          r"(?:by|von|автор|текст)\b\s*:?\s*(.*)$", re.IGNORECASE)


def find_authors(
    tree: etree._Element,
    sig: Signals,
    site: str | None,
    lines: list[str] | None = None,
    *,
    cheap: bool = False,
) -> list[str]:
    """First source in the chain that yields a valid name wins; site-name-only is a last resort.

    ``lines`` are the page's visible text lines (from html_blocks) for the final
    "By Jane Doe" / "Written by" + next-line step.
    """
    fallback: list[str] = []
    meta_sources = [(lambda key=key: _from_meta(sig, key), False) for key in _META_KEYS]
    for source, strict in ((lambda: _from_jsonld(sig), False), *meta_sources,
                           (lambda: _from_dom(tree), True),
                           (lambda: _from_author_links(tree), True),
                           (lambda: [] if cheap else _from_trafilatura(tree), False),
                           (lambda: _from_lines(lines or []), None)):
        raw = source()
        names = [n for n in _validate_all(raw, site) if _shape_ok(n, strict)]
        if names:
            return _fuller_list(tree, sig, names, site)
        if not fallback and site:
            fallback = [n for n in _validate_all(raw, None) if n.casefold() == site.casefold()]
    return fallback


_SCHOLARLY_KEYS = ("citation_author", "citation_authors")
_MAX_COAUTHORS = 8


def _fuller_list(tree: etree._Element, sig: Signals, names: list[str], site: str | None) -> list[str]:
    """A complete co-author list that contains what the chain found replaces it.

    Sources that list every author: scholarly pages (one citation_author tag per author,
    the Google Scholar convention) and bylines with one author link per co-author. Meta
    tags and JSON-LD often name only the first author. Requiring the longer list to contain
    the chain's answer keeps sidebars of other writers out.
    """
    found = {n.casefold() for n in names}
    lists = [_from_meta(sig, key) for key in _SCHOLARLY_KEYS] + [_byline_link_group(tree)]
    for raw in lists:
        listed = _validate_all(raw, site)
        if len(listed) > len(names) and found <= {n.casefold() for n in listed}:
            return listed
    return names


def _byline_link_group(tree: etree._Element) -> list[str]:
    """Texts of the author links that share the first author link's parent element."""
    try:
        nodes = tree.xpath(_AUTHOR_LINK_XPATH)
    except etree.XPathError:
        return []
    if not nodes:
        return []
    parent = nodes[0].getparent()
    group = [clean(n.text_content()) for n in nodes[:_MAX_COAUTHORS * 2]
             if n.getparent() is parent and not _NOT_AUTHOR_CUE.search(_text_before(n))]
    return list(dict.fromkeys(t for t in group if t))[:_MAX_COAUTHORS]


#: "Fact-checked by <a>X</a>", "Reviewed by", "Edited by", "Photos by": X is not an author.
_NOT_AUTHOR_CUE = re.compile(r"\b(?:checked|reviewed|edited|verified|photos?|illustrations?|"
                             r"translated)\s+by\s*:?\s*$", re.IGNORECASE)


def _text_before(node: etree._Element) -> str:
    """The inline text directly in front of a link (previous sibling's tail, or parent text)."""
    prev = node.getprevious()
    text = prev.tail if prev is not None else node.getparent().text
    return (text or "")[-60:]


def _from_jsonld(sig: Signals) -> list[str]:
    """Person authors of the first article object that has any (organisations if no person)."""
    for obj in sig.jsonld_articles:
        value = obj.get("author") or obj.get("creator")
        items = value if isinstance(value, list) else [value]
        people = [i for i in items if not (isinstance(i, dict) and "organization" in
                                           str(i.get("@type", "")).casefold())]
        names = jsonld_names(people) or jsonld_names(items)
        if names:
            return names
    return []


def _from_trafilatura(tree: etree._Element) -> list[str]:
    """trafilatura's curated byline XPaths (it prunes a deep copy; our tree is untouched)."""
    try:
        from trafilatura.metadata import extract_author
    except ImportError:  # pragma: no cover
        return []
    try:
        found = extract_author(tree)
    except Exception:  # noqa: BLE001 - a failed byline lookup just means "no author"
        return []
    return [a for a in (found or "").split(";") if a.strip()]


def _from_meta(sig: Signals, key: str) -> list[str]:
    """Values of one author-ish <meta> key (each key is its own step of the chain)."""
    return [v for v in sig.meta.get(key, ()) if v]


def _from_dom(tree: etree._Element) -> list[str]:
    """Visible bylines: rel=author, itemprop=author, byline-ish class names."""
    try:
        nodes = tree.xpath(_BYLINE_XPATH)
    except etree.XPathError:
        return []
    out: list[str] = []
    for node in nodes[:_MAX_NODES]:
        if not isinstance(node.tag, str):
            continue
        inner = node.xpath(".//*[@itemprop='name']")
        text = inner[0].get("content") or inner[0].text_content() if inner else node.text_content()
        text = clean(text or node.get("content"))
        if text:
            out.append(text)
            if len(out) >= 3:
                break
    return out[:1] if out else []


def _from_author_links(tree: etree._Element) -> list[str]:
    """Text of the first links pointing at an author page (/author/jane-doe)."""
    try:
        nodes = tree.xpath(_AUTHOR_LINK_XPATH)
    except etree.XPathError:
        return []
    texts = (clean(n.text_content()) for n in nodes[:10])
    return [t for t in texts if t and valid_author(t, None)][:1]


def _from_lines(lines: list[str]) -> list[str]:
    """A visible "By Jane Doe" line, or a "Written by" line followed by the name line.

    Failing that, a short line with "by Jane Doe" after other words ("Published May 3 by
    Jane Doe"), accepted only when the rest has a person's shape.
    """
    for i, line in enumerate(lines[:400]):
        if len(line) > 80:
            continue
        m = _BYLINE_LINE.match(line)
        if m:
            rest = m.group(1).strip() or (lines[i + 1] if i + 1 < len(lines) else "")
            return [rest] if rest and len(rest) <= 80 else []
    for line in lines[:400]:
        m = _MID_BY.search(line) if len(line) <= 80 else None
        if m:
            name = valid_author(m.group(1), None)
            if name and looks_like_person(name):
                return [name]
    return []


def _validate_all(raw: list[str], site: str | None) -> list[str]:
    """Split multi-name strings, validate each name, de-duplicate keeping order."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for i, part in enumerate(split_names(value)):
            if i and _is_role_piece(part):  # "Jane Doe, Digital Security Expert"
                continue
            name = valid_author(part, site)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    if any(len(n.split()) >= 2 and not n.startswith("The ") for n in names):
        # "Jane Doe; Home; The Daily Post" -> roles and outlets, not co-authors
        names = [n for n in names if len(n.split()) >= 2 and not n.startswith("The ")]
    return names


def split_names(value: str) -> list[str]:
    """"By A and B", "A; B", "A, B" (when both look like full names) -> ["A", "B"]."""
    value = _TAIL.sub("", _BY.sub("", html.unescape(clean(value)).strip(" \"'“”")))
    if re.fullmatch(r"[^\W\d_]+, [^\W\d_]+\.?(?: [^\W\d_]\.?)?", value):  # "Last, First"
        last, first = value.split(", ", 1)
        if not _is_credential_tail([first]):
            return [f"{first} {last}"]
    parts = _SPLIT.split(value)
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            out.extend(pieces)
        else:
            out.append(pieces[0] if len(pieces) > 1 and _is_credential_tail(pieces[1:]) else part)
    return [p for p in out if p]


def _is_role_piece(piece: str) -> bool:
    return any(t.casefold().strip(".,") in _ROLES for t in piece.split())


def _is_credential_tail(pieces: list[str]) -> bool:
    """", MD", ", Ph.D., RD": trailing degree abbreviations are dropped from the name."""
    return all(re.fullmatch(r"[A-Z][A-Za-z.\-®]{0,8}", p) for p in pieces)


def _strip_role(name: str) -> str:
    """"Harry Doe Tech Reporter" -> "Harry Doe"; a role with no name before it -> ""."""
    tokens = name.split()
    for i, tok in enumerate(tokens):
        if tok.casefold().strip(".,") in _ROLES:
            keep = tokens[:i]
            while keep and keep[-1].casefold() in _ROLE_MODIFIERS:
                keep.pop()
            if len(keep) >= 2:
                return " ".join(keep)
            return name if len(keep) == 1 else ""  # "Podium Staff" stays, "Lead Reviewer" goes
    while len(tokens) > 2 and re.fullmatch(r"[A-Z]{2,5}\.?", tokens[-1]):  # "Jane Doe RN"
        tokens.pop()
    return " ".join(tokens)


def _shape_ok(name: str, strict: bool | None) -> bool:
    """False: declared metadata, anything valid; True: scraped DOM, person shape; None: a
    "By X" line, where one word is fine but interface words are not."""
    if strict is None:
        return len(name.split()) <= 5 and not any(
            t.casefold().strip(".,") in _UI_WORDS for t in name.split())
    return not strict or looks_like_person(name)


def looks_like_person(name: str) -> bool:
    """Shape check for names scraped from page text: 2-5 capitalised words, no UI words.

    Applied to the DOM/link/line steps only; declared metadata may hold organisations.
    """
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    for tok in tokens:
        low = tok.casefold().strip(".,")
        if low in _UI_WORDS or (tok.isupper() and len(tok) > 3):
            return False
        if not (tok[:1].isupper() or low in _PARTICLES):
            return False
    return True


def _drop_initials(name: str) -> str:
    """"CM Craig McCarthy" (avatar initials before the name) -> "Craig McCarthy"."""
    tokens = name.split()
    if len(tokens) >= 3 and tokens[0].isupper() and tokens[0] == "".join(t[0] for t in tokens[1:3]):
        return " ".join(tokens[1:])
    return name


def valid_author(name: str, site: str | None) -> str | None:
    """Return a cleaned person/organisation name, or None when it is not a name."""
    name = _TAIL.sub("", _BY.sub("", _LEAD.sub("", clean(name))))
    name = re.sub(r"[^\w.)]+$", "", name).strip(" ,;:-|@\"'“”")
    name = _drop_initials(_strip_role(name))
    if re.fullmatch(r"[A-Z]{2,5}\.?|(?:Ph\.?D|M\.?D)\.?", name):  # a bare credential
        return None
    if name.casefold() in _MONTHS:
        return None
    if name.startswith("@") or not name:
        return None
    low = name.casefold()
    if re.match(r"^(https?:|www\.)", low) or "/" in name or "@" in name or "{" in name:
        return None
    if low in _JUNK or len(name) < 3 or len(name) > 60 or len(name.split()) > 6:
        return None
    if sum(c.isdigit() for c in name) > 2 or not re.search(r"[^\W\d_]", name):
        return None
    if " " not in name and re.search(r"[._]|\w-\w+-", name):  # user handles, domains, templates
        return None
    if re.search(r"\b\w+-\w+-\w+-\w+", name):  # css class debris
        return None
    if site and low == site.casefold():
        return None
    return name
