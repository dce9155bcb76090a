"""Russian inflection for names, by suffix rules instead of a morphological dictionary.

Why rules: pymorphy3 was measured at ~330 microseconds per uncached word on this machine (too
slow for 150 articles/s), it lemmatises "Пушков" to "пушок" and folds feminine surnames to the
masculine ("Захаровой" -> "захаров"). Names decline regularly, so a short table of endings
gives candidate nominatives ("Пушковым" -> "пушков", "России" -> "россия"); callers keep the
candidate that a gazetteer or another mention in the article confirms.
"""

from __future__ import annotations

from functools import lru_cache

# inflected ending -> possible nominative endings, longest endings first
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ского", ("ский", "ское")), ("скому", ("ский", "ское")), ("ским", ("ский", "ская")), ("ском", ("ский",)),
    ("ской", ("ская", "ский")), ("скую", ("ская",)),
    ("ией", ("ия",)), ("ием", ("ий", "ие")), ("ии", ("ия", "ий", "ие")), ("ию", ("ия", "ий")),
    ("ым", ("", "ый")), ("им", ("", "ий")), ("ой", ("а", "ой")), ("ою", ("а",)),
    ("ей", ("я", "ь", "ей")), ("ом", ("", "о")), ("ем", ("ь", "й", "е")), ("ём", ("ь", "й")),
    ("ую", ("ая",)), ("ого", ("ий", "ой", "ый", "ое")), ("ому", ("ий", "ой", "ый", "ое")),
    ("ых", ("ые", "ый", "ой")), ("их", ("ие", "ий")), ("ов", ("ы", "", "а")),
    ("а", ("", "о")), ("я", ("й", "ь")), ("у", ("", "а", "о")), ("ю", ("й", "ь", "я")),
    ("е", ("", "а", "я", "о")), ("ы", ("а",)), ("и", ("я", "ь", "а")),
)  # fmt: skip
_SURNAME_STEMS = ("ов", "ев", "ёв", "ин", "ын")
_PATRONYMIC = ("ович", "евич", "ьич", "овна", "евна", "ична", "инична")


def is_cyrillic_word(word: str) -> bool:
    return bool(word) and "\u0400" <= word[0] <= "\u04ff"


@lru_cache(maxsize=131072)
def candidates(word: str) -> tuple[str, ...]:
    """Possible nominatives of a lower-cased Cyrillic word, the word itself first."""
    out = [word]
    if len(word) < 4 or not is_cyrillic_word(word):
        return tuple(out)
    for ending, bases in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            out.extend(stem + b for b in bases if stem + b != word)
            break
    return tuple(dict.fromkeys(out))


def is_patronymic(word: str) -> bool:
    w = word.lower()
    return len(w) > 6 and any(
        w[: len(w) - k].endswith(p) for p in _PATRONYMIC for k in range(3)
    )


def surname_forms(word: str) -> tuple[str, str | None] | None:
    """(stem, gender evidence) of an -ов/-ев/-ин surname form; gender None when ambiguous.

    "Пушковым" -> ("пушков", "m"), "Захаровой" -> ("захаров", "f"), "Пушкова" -> ("пушков",
    None): genitive masculine and nominative feminine look alike.
    """
    w = word.lower()
    for stem_end in _SURNAME_STEMS:
        i = w.rfind(stem_end)
        if i < 2:
            continue
        stem, rest = w[: i + len(stem_end)], w[i + len(stem_end) :]
        if rest in ("", "ым", "е"):
            return stem, "m"
        if rest in ("ой", "ою"):
            return stem, "f"
        if rest in ("а", "у"):
            return stem, None
    return None


def surname_nominative(word: str, gender: str | None) -> str:
    """Nominative of a surname given the gender (None: keep an ambiguous -а form feminine)."""
    forms = surname_forms(word)
    if forms is None:
        return word
    stem, evidence = forms
    gender = gender or evidence
    if gender == "m":
        return stem
    if gender == "f" or word.lower().endswith(("а", "ой", "ою")):
        return stem + "а"
    return stem


# oblique form of a region noun -> (nominative, gender of the adjective before it)
_REGION_HEADS = {
    **dict.fromkeys(("область", "области", "областью"), ("область", "f")),
    **dict.fromkeys(("республика", "республики", "республике", "республику"), ("республика", "f")),
    **dict.fromkeys(("край", "края", "крае", "краю", "краем"), ("край", "m")),
    **dict.fromkeys(("район", "района", "районе", "району", "районом"), ("район", "m")),
    **dict.fromkeys(("округ", "округа", "округе", "округу", "округом"), ("округ", "m")),
}
_ADJ_ENDINGS = ("ская", "ской", "скую", "ский", "ского", "скому", "ским", "ском",
                "цкая", "цкой", "цкий", "цкого", "ная", "ной", "ный", "ного", "ном")  # fmt: skip
_FIRST_NAME_I = frozenset(("али", "алексии", "гиви", "заури", "мамуки", "нодари"))


def region_head(word: str) -> tuple[str, str] | None:
    """("область", "f") for "области": the noun of "Белгородской области"."""
    return _REGION_HEADS.get(word)


def is_adjective(word: str) -> bool:
    return is_cyrillic_word(word) and word.endswith(_ADJ_ENDINGS)


def is_plural_noun(word: str) -> bool:
    """"Жители", "Эксперты", "Власти": plural nominatives, which Russian names rarely are."""
    return (
        is_cyrillic_word(word)
        and len(word) >= 5
        and word.endswith(("и", "ы"))
        and word not in _FIRST_NAME_I
    )


def region_nominative(adjective: str, head: str) -> str | None:
    """"Белгородской области" -> "Белгородская область"; None when head is no region noun."""
    found = region_head(head.lower())
    if found is None or not is_adjective(adjective.lower()):
        return None
    noun, gender = found
    low = adjective.lower()
    stem = next((low[: -len(e)] for e in _ADJ_ENDINGS if low.endswith(e)), low)
    if low.endswith(("ская", "ской", "скую", "ский", "ского", "скому", "ским", "ском")):
        stem, ending = stem + "ск", ("ая" if gender == "f" else "ий")
    elif low.endswith(("цкая", "цкой", "цкий", "цкого")):
        stem, ending = stem + "цк", ("ая" if gender == "f" else "ий")
    else:
        stem, ending = stem + "н", ("ая" if gender == "f" else "ый")
    return f"{adjective[:1].upper()}{(stem + ending)[1:]} {noun}"
