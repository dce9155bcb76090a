"""Transliteration and spelling folding for names, so one person gets one key in every language.

Why a *skeleton* rather than a standard romanisation: news spells the same Russian name
Alexei / Alexey / Aleksei / Алексей, Dmitry / Dmitri / Дмитрий, and German or Polish outlets
write Lawrow / Ławrow for Lavrov. Keys must agree, so every spelling is mapped to one folded
Latin form: Cyrillic is romanised with an English-style table (х -> kh, ш -> sh, й -> i), then
Latin spelling variants are folded (x -> ks, y before a consonant or at the end -> i, ii -> i,
-iya -> -ia, word-initial ye- -> e-). German and Polish transcriptions of Slavic surnames get
their own folding (w -> v in -ow/-ew endings, sch/sz -> sh, cz/tsch -> ch). The skeleton is an
id, not a display form: display names keep the surface spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip

_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ı": "i"}
)

_DE = [(re.compile(p), r) for p, r in (
    (r"tsch", "\x01"), (r"sch", "sh"), (r"w", "v"), (r"^s(?=[aeiou])", "z"),
    (r"(?<=[aeiou])ss(?=[aeiou])", "s"), (r"(?<=[aeiou])j(?=[aeiou])", "y"), (r"^j(?=[aeiou])", "y"),
    (r"(?<!s)ch", "kh"), (r"\x01", "ch"),
)]  # fmt: skip
_PL = [(re.compile(p), r) for p, r in (
    (r"szcz", "shch"), (r"sz", "sh"), (r"cz", "ch"), (r"rz", "zh"), (r"ch", "kh"),
    (r"w", "v"), (r"(?<=[aeiou])j(?=[aeiou])", "y"), (r"^j(?=[aeiou])", "y"),
)]  # fmt: skip
_FR = [(re.compile(p), r) for p, r in (
    (r"ou", "u"), (r"(?<=[aeiou])ï", "i"), (r"tch", "ch"), (r"(?<!t)ch", "sh"),
)]  # fmt: skip
_GENERIC = [(re.compile(p), r) for p, r in (
    (r"x", "ks"), (r"^ye", "e"), (r"iej$", "ei"), (r"iy(?=[aeou])", "i"), (r"y(?![aeiou])", "i"),
    (r"ii+", "i"), (r"yy", "y"), (r"j(?![aeiou])", "i"), (r"ë", "e"),
)]  # fmt: skip
_SLAVIC_END = re.compile(r"(ow|ew|owa|ewa|ski|ska|in|ina|ov|ev|ova|eva|enko|uk)$")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def cyr_to_lat(text: str) -> str:
    """English-style romanisation of Cyrillic (lower case out); other characters pass through."""
    return "".join(_CYR.get(ch, ch) for ch in text.lower())


def ascii_fold(text: str) -> str:
    """Latin diacritics removed (é -> e, ł -> l); Cyrillic untouched (й is a letter there)."""
    text = text.translate(_SPECIAL)
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def name_skeleton(token: str, language: str | None = None) -> str:
    """The folded Latin skeleton of one name token (see the module docstring)."""
    word = token.lower()
    if has_cyrillic(word):
        word = cyr_to_lat(word)
    elif language in ("de", "pl", "fr") and _SLAVIC_END.search(ascii_fold(word)):
        rules = {"de": _DE, "pl": _PL, "fr": _FR}[language]
        for pattern, repl in rules:
            word = pattern.sub(repl, word)
    word = ascii_fold(word)
    for pattern, repl in _GENERIC:
        word = pattern.sub(repl, word)
    return re.sub(r"[^a-z0-9]+", "", word)


def slug(text: str) -> str:
    """URL-safe lower-case slug of any text (Cyrillic romanised, diacritics dropped)."""
    word = cyr_to_lat(text) if has_cyrillic(text) else text.lower()
    word = ascii_fold(word)
    return re.sub(r"[^a-z0-9]+", "-", word).strip("-")
