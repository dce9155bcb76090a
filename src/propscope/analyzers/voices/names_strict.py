"""Typing of capitalised runs in German, French, Italian and Polish: evidence, not capitals.

Why a separate, stricter path: German capitalises every noun ("Kleinstadt", "Leitung der
Backstube"), and French, Italian and Polish news glue roles, institutions and names into
one capitalised run ("Szef MON Władysław Kosiniak-Kamysz", "Consiglio Giorgia Meloni"). The
English rule "two or three capitalised words are a person" turns those into fake people. Here
a run is a person only with evidence: a known first name at its start, or a role/title right
before it (the title is cut off: "Bürgermeisterin Petra Lindner" -> "Petra Lindner").
Lower-case function words inside a run ("Ostrand der Stadt", "Hersteller von Keramik") split
it, unless they are name particles after a first name ("Ursula von der Leyen") or the run is
headed by an organization noun ("Bundesverband der Deutschen Industrie", "Università di
Bologna"). A capitalised word that nothing explains is dropped, never typed as a person; an
unknown acronym with a role or article before it is an organization (CGT, MON), never a
person. English and Russian keep the original rules of names.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from propscope.analyzers.voices.canonical import fold, name_lists

if TYPE_CHECKING:
    from propscope.analyzers.voices.names import Token

STRICT_LANGUAGES = frozenset(("de", "fr", "it", "pl"))
# single capitalised word after one of these is a place in French / Italian ("à Lyon")
_PLACE_PREPS = {"fr": frozenset(("à", "a", "en", "vers")), "it": frozenset(("a", "in", "verso"))}
# an acronym after one of these is an institution ("de la CGT", "der FDP", "della Cgil")
_ORG_DETERMINERS = frozenset(
    fold(w)
    for w in ["la", "le", "les", "du", "des", "de", "der", "die", "den", "dem", "des", "vom", "von", "beim", "zur", "zum", "della", "del", "dei", "dalla", "dal", "nella", "al", "alla", "z", "ze"]
)
_AUX = frozenset(("a", "ha"))  # "a déclaré", "ha detto": the participle is the cue

Typed = tuple[int, int, str, bool]  # (start token, end token, kind, cue)


def _compound_end(word: str, suffixes: frozenset[str]) -> bool:
    return any(word.endswith(s) for s in suffixes)


def is_title(tok: Token, language: str) -> bool:
    lists = name_lists()
    if tok.fold in lists["titles"]:
        return True
    return language == "de" and _compound_end(tok.fold, lists["title_suffixes"])


def _is_head(tok: Token, language: str) -> bool:
    lists = name_lists()
    if tok.fold in lists["org_heads"]:
        return True
    return language == "de" and _compound_end(tok.fold, lists["org_suffixes"])


def _is_first_name(tok: Token) -> bool:
    firsts = name_lists()["first_names"]
    return tok.fold in firsts or ("-" in tok.fold and tok.fold.split("-")[0] in firsts)


def _is_acronym(tok: Token) -> bool:
    letters = tok.text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _lower_connector(tok: Token) -> bool:
    return not tok.cap


def speech_cue(tokens: list[Token], j: int) -> bool:
    """A speech verb right after the run ("Tajani ha detto" counts, "CGT, a estimé" too)."""
    if j >= len(tokens):
        return False
    verbs = name_lists()["speech_verbs"]
    nxt = tokens[j].fold
    if nxt in _AUX:
        return j + 1 < len(tokens) and tokens[j + 1].fold in verbs
    return nxt in verbs


def _person_span(tokens: list[Token], i: int, j: int) -> bool:
    """First name(s), then optional lower-case particles, then capitalised surname words."""
    particles = name_lists()["name_particles"]
    k = i
    while k < j and _is_first_name(tokens[k]) and tokens[k].cap:
        k += 1
    if k == i:
        return False
    surname_started = False
    for t in tokens[k:j]:  # particles only between the first name and the surname
        if _lower_connector(t) and (surname_started or t.fold not in particles):
            return False
        surname_started = surname_started or t.cap
    return k < j and tokens[j - 1].cap and j - i <= 6


def _segments(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    out, start = [], i
    for k in range(i, j):
        if _lower_connector(tokens[k]):
            if start < k:
                out.append((start, k))
            start = k + 1
    if start < j:
        out.append((start, j))
    return out


def classify_strict(
    tokens: list[Token], i: int, j: int, language: str, cue: bool = False
) -> list[Typed]:
    """Typed mentions inside the run tokens[i:j] (possibly several, possibly none)."""
    lists = name_lists()
    lead = (lists["stop"] | lists["demonyms"]) - lists["first_names"]  # "Jan" is no month here
    while i < j and (tokens[i].fold in lead or not tokens[i].cap):
        i += 1
    while j > i and (tokens[j - 1].fold in lists["stop"] or not tokens[j - 1].cap):
        j -= 1
    if i >= j or any(t.fold in lists["skip_heads"] for t in tokens[i:j]):
        return []
    cue = cue or (i > 0 and is_title(tokens[i - 1], language))
    firsts = [k for k in range(i, j) if _is_first_name(tokens[k])]
    upto = firsts[0] if firsts else j  # "Bruno Le Maire": a title word after a first name is a name
    titles = [k for k in range(i, upto) if is_title(tokens[k], language)]
    if titles:  # cut the role off: the person (if any) follows it directly
        t = titles[-1]
        head_after = t + 1 < j and not _lower_connector(tokens[t + 1])
        return classify_strict(tokens, t + 1, j, language, cue=head_after)
    if firsts and firsts[0] > i:  # "Consiglio Giorgia Meloni", "MON Władysław ..."
        k = firsts[0]
        before = [m for m in classify_strict(tokens, i, k, language) if m[2] != "person"]
        return before + classify_strict(tokens, k, j, language, True)
    if j - i > 1 and _person_span(tokens, i, j):
        return [(i, j, "person", True)]
    segs = _segments(tokens, i, j)
    if len(segs) > 1:
        if any(_is_head(t, language) for t in tokens[segs[0][0] : segs[0][1]]):
            return [(i, j, "organization", False)]
        return [m for a, b in segs for m in classify_strict(tokens, a, b, language)]
    return _single_segment(tokens, i, j, language, cue)


def _single_segment(
    tokens: list[Token], i: int, j: int, language: str, cue: bool
) -> list[Typed]:
    lists = name_lists()
    folds = [t.fold for t in tokens[i:j]]
    if j - i == 1:
        return _single_word(tokens, i, language, cue)
    if firsts_first := _is_first_name(tokens[i]):
        return [(i, j, "person", firsts_first)]
    if any(_is_head(t, language) for t in tokens[i:j]):
        return [(i, j, "organization", False)]
    if folds[-1] in lists["place_heads"]:
        return [(i, j, "place", False)]
    if any(f in lists["group_heads"] for f in folds):
        return [(i, j, "group", False)]
    if cue and j - i <= 3:
        return [(i, j, "person", True)]
    if language != "de" and speech_cue(tokens, j) and j - i <= 3:
        return [(i, j, "person", True)]
    return []  # "Generationen Armaturen", "Lire Ensemble": nothing says who or what


def _single_word(tokens: list[Token], i: int, language: str, cue: bool) -> list[Typed]:
    tok = tokens[i]
    prev = tokens[i - 1].fold if i > 0 else ""
    if _is_acronym(tok):
        org = cue or prev in _ORG_DETERMINERS or speech_cue(tokens, i + 1)
        return [(i, i + 1, "organization" if org else "", False)]
    if cue:  # "Kanzler Scholz", "Premier Tusk"
        return [(i, i + 1, "person", True)]
    if tok.initial:
        return []
    if language != "de" and prev in _PLACE_PREPS.get(language, ()):
        return [(i, i + 1, "place", False)]
    if language != "de" and speech_cue(tokens, i + 1):
        return [(i, i + 1, "person", True)]
    return [(i, i + 1, "", False)]  # untyped: survives only as a known person's surname
