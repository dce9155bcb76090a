"""Affiliations inside runs of capitalised words (English and Russian path of names.py).

Why: news introduces a person together with their institution in one capitalised stretch:
"Governor Elena Marquez of Sierra Baja", "Climatologist Samuel Achterberg of the University
of Lindholm", "Northwind Energy Hannah Berg", "Members of the Eastvale Teachers' Association".
Typed as one run, the person becomes an organisation (the head noun wins) or a person named
with their employer, so quotes by them resolve to a wrong name. We cut such runs where a
reader does: at "of" after a person, before a known first name that follows other words, and
after a sentence-initial plural noun that only introduces the name ("Members of ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from propscope.analyzers.voices.canonical import name_lists

Typed = tuple[int, int, str, bool]  # (start token, end token, kind, cue)


class _Tok(Protocol):
    fold: str
    cap: bool
    initial: bool


Classify = Callable[[int, int], Typed]
_AFFIL_PREPS = frozenset(("at", "from"))
#: occupation nouns written before a name at the start of a sentence ("Climatologist X")
_ROLE_SUFFIX = re.compile(r"(?:ist|ian|ologist|er|or|ant|ent|man|woman|person)$")


def role_prefix(tokens: list[_Tok], i: int, j: int) -> bool:
    """"Climatologist Samuel Achterberg ...": a sentence-initial occupation, then a name."""
    t = tokens[i]
    return (
        t.initial
        and j - i >= 3
        and bool(_ROLE_SUFFIX.search(t.fold))
        and not _blocked(t.fold)
        and tokens[i + 1].cap
        and tokens[i + 2].cap
    )


def _blocked(fold: str) -> bool:
    lists = name_lists()
    return any(
        fold in lists[k]
        for k in ("org_heads", "titles", "place_heads", "group_heads", "first_names")
    )


def drop_intro(tokens: list[_Tok], i: int, j: int) -> int:
    """Start after "Members of (the)" when a sentence-initial plural introduces the name."""
    t = tokens[i]
    if not (t.initial and j - i > 2 and t.fold.endswith("s") and not _blocked(t.fold)):
        return i
    k = i + 1
    while k < j and tokens[k].fold in ("of", "the") and not tokens[k].cap:
        k += 1
    return k if i + 1 < k < j else i


def _org_part(
    tokens: list[_Tok], typed: Typed, place_after: bool
) -> Typed:
    """An affiliation after a person is an institution unless it is a place."""
    s, e, kind, _cue = typed
    if kind == "person" or (not kind and e - s > 1):
        return s, e, ("place" if place_after else "organization"), False
    return typed


def _split_of(
    tokens: list[_Tok], i: int, j: int, classify: Classify, role: bool
) -> list[Typed] | None:
    """"<person> of <institution>" -> the person and the institution, separately."""
    lists = name_lists()
    for k in range(i + 1, j - 1):
        if tokens[k].fold != "of" or tokens[k].cap:
            continue
        if any(t.fold in lists["org_heads"] for t in tokens[i:k]):
            return None
        left = classify(i, k)
        if left[2] != "person" or not (left[3] or role) or left[0] >= left[1]:
            continue
        r = k + 1
        while r < j and tokens[r].fold in ("the", "of") and not tokens[r].cap:
            r += 1
        if r >= j:
            return None
        place_after = j < len(tokens) and tokens[j].fold in lists["place_heads"]
        right = _org_part(tokens, classify(r, j), place_after)
        return [(left[0], left[1], "person", True), right]
    return None


def _split_first_name(
    tokens: list[_Tok], i: int, j: int, classify: Classify
) -> list[Typed] | None:
    """"Climatologist Samuel Achterberg", "Northwind Energy Hannah Berg": cut before the
    first name when the words before it are not names themselves."""
    lists = name_lists()
    firsts = [k for k in range(i, j) if tokens[k].fold in lists["first_names"]]
    if not firsts or firsts[0] == i or firsts[0] >= j - 1:
        return None
    k = firsts[0]
    if any(t.fold in lists["titles"] or not t.cap for t in tokens[i:k]):
        return None  # titles are handled by the classifier; connectors mean a name
    out: list[Typed] = []
    if k - i > 1:
        out.append(_org_part(tokens, classify(i, k), False))
    out.append((k, j, "person", True))
    return out


def _affiliated_org(tokens: list[_Tok], typed: Typed) -> Typed:
    """"an analyst at Brightwater Capital", "Anna Berg from Northwind Energy": an employer."""
    s, e, kind, _cue = typed
    if kind != "person" or e - s < 2 or s < 2:
        return typed
    lists = name_lists()
    if tokens[s - 1].fold not in _AFFIL_PREPS or tokens[s].fold in lists["first_names"]:
        return typed
    before = tokens[s - 2]
    if before.fold in lists["titles"] or (before.cap and not before.initial):
        return s, e, "organization", False
    return typed


def split_run(tokens: list[_Tok], i: int, j: int, classify: Classify) -> list[Typed]:
    """Typed mentions of the run tokens[i:j], affiliations cut off the person."""
    i = drop_intro(tokens, i, j)
    role = role_prefix(tokens, i, j)
    i += role
    parts = _split_of(tokens, i, j, classify, role) or _split_first_name(
        tokens, i, j, classify
    )
    if parts is None:
        s, e, kind, cue = classify(i, j)
        parts = [(s, e, "person", True) if role and kind == "person" else (s, e, kind, cue)]
    return [_affiliated_org(tokens, p) for p in parts]
