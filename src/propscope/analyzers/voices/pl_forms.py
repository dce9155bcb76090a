"""Polish institution names in the nominative, by rule: "Naczelnej Izby Lekarskiej" -> "Naczelna
Izba Lekarska", "Polskiego Instytutu Spraw Międzynarodowych" -> "Polski Instytut Spraw
Międzynarodowych".

Why: Polish declines institution names everywhere ("według Naczelnej Izby", "z Polskiego
Instytutu"), so keys built from the surface split one institution into several ids. The head
noun of such a name is one of a few dozen words; its case form tells the gender, and the
adjectives before it follow regular endings. Words after the head are a genitive complement
("Spraw Międzynarodowych", "Zdrowia") and never change.
"""

from __future__ import annotations

# head noun (nominative) -> (gender, oblique forms)
_HEADS: dict[str, tuple[str, tuple[str, ...]]] = {
    "instytut": ("m", ("instytutu", "instytucie", "instytutem")),
    "fundusz": ("m", ("funduszu", "funduszem")),
    "urząd": ("m", ("urzędu", "urzędzie", "urzędem")),
    "związek": ("m", ("związku", "związkiem")),
    "uniwersytet": ("m", ("uniwersytetu", "uniwersytecie", "uniwersytetem")),
    "bank": ("m", ("banku", "bankiem")),
    "sąd": ("m", ("sądu", "sądzie", "sądem")),
    "trybunał": ("m", ("trybunału", "trybunale", "trybunałem")),
    "izba": ("f", ("izby", "izbie", "izbę", "izbą")),
    "kancelaria": ("f", ("kancelarii", "kancelarię", "kancelarią")),
    "partia": ("f", ("partii", "partię", "partią")),
    "komisja": ("f", ("komisji", "komisję", "komisją")),
    "rada": ("f", ("rady", "radzie", "radę", "radą")),
    "fundacja": ("f", ("fundacji", "fundację", "fundacją")),
    "agencja": ("f", ("agencji", "agencję", "agencją")),
    "spółka": ("f", ("spółki", "spółce", "spółkę", "spółką")),
    "akademia": ("f", ("akademii", "akademię", "akademią")),
    "policja": ("f", ("policji", "policję", "policją")),
    "straż": ("f", ("straży", "strażą")),
    "ministerstwo": ("n", ("ministerstwa", "ministerstwie", "ministerstwem", "ministerstwu")),
    "porozumienie": ("n", ("porozumienia", "porozumieniu", "porozumieniem")),
    "stowarzyszenie": ("n", ("stowarzyszenia", "stowarzyszeniu", "stowarzyszeniem")),
    "biuro": ("n", ("biura", "biurze", "biurem")),
}
_OBLIQUE = {form: (nom, g) for nom, (g, forms) in _HEADS.items() for form in forms}


def _adjective(word: str, gender: str) -> str:
    low = word.lower()
    if gender == "f":
        for end, cut in (("kiej", 3), ("giej", 3), ("iej", 2), ("ej", 2), ("ą", 1)):
            if low.endswith(end):
                return word[: len(word) - cut] + "a"
        return word
    for end, m, n in (("iego", "i", "ie"), ("ego", "y", "e"), ("im", "i", "ie"), ("ym", "y", "e")):
        if low.endswith(end):
            stem = word[: len(word) - len(end)]
            return stem + (m if gender == "m" else n)
    return word


def _keep_case(src: str, new: str) -> str:
    return new[:1].upper() + new[1:] if src[:1].isupper() else new


def org_nominative(tokens: list[str]) -> list[str]:
    """Tokens of an institution name with the head and the adjectives before it in the nominative."""
    for k, tok in enumerate(tokens):
        found = _OBLIQUE.get(tok.lower())
        if found is None:
            if tok.lower() in _HEADS:
                return tokens  # already nominative
            continue
        nominative, gender = found
        before = [_adjective(t, gender) for t in tokens[:k]]
        after = list(tokens[k + 1 :])
        for n, t in enumerate(after):  # "Izby Lekarskiej": agreeing adjectives after the head
            if (new := _adjective(t, gender)) == t:
                break
            after[n] = new
        return [*before, _keep_case(tok, nominative), *after]
    return tokens
