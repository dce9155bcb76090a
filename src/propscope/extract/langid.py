"""Language identification with lingua, tuned for whole articles.

Low-accuracy mode (trigram models only) over a curated language set: on article-length
text it is as accurate as high-accuracy mode, loads in ~0.1 s instead of ~2.5 s and uses
~50 MB instead of ~600 MB, which matters for the 1 GB budget and for worker start-up.
Short texts (< 40 letters) get no language rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

#: News languages propscope expects (SemEval-2023 Task 3 languages first). Extend here.
LANGUAGES: tuple[str, ...] = (
    "ENGLISH", "FRENCH", "GERMAN", "ITALIAN", "POLISH", "RUSSIAN", "SPANISH", "GREEK",
    "GEORGIAN", "UKRAINIAN", "BELARUSIAN", "BULGARIAN", "SERBIAN", "CROATIAN", "BOSNIAN",
    "SLOVENE", "CZECH", "SLOVAK", "ROMANIAN", "HUNGARIAN", "LITHUANIAN", "LATVIAN",
    "ESTONIAN", "FINNISH", "SWEDISH", "DANISH", "BOKMAL", "DUTCH", "PORTUGUESE",
    "CATALAN", "TURKISH", "ARABIC", "PERSIAN", "HEBREW", "CHINESE", "JAPANESE", "KOREAN",
    "ARMENIAN", "AZERBAIJANI", "KAZAKH", "HINDI", "URDU", "INDONESIAN", "VIETNAMESE",
)

#: Characters of the article considered; the start of an article is representative and
#: bounding it keeps detection O(1) per article.
SAMPLE_CHARS = 2000
MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    langs = [getattr(Language, name) for name in LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*langs)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str) -> tuple[str | None, float | None]:
    """Return (ISO 639-1 code, confidence in 0..1) or (None, None) when too short."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, None
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    return code, round(float(best.value), 4)
