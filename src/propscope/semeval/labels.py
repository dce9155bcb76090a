"""SemEval-2023 Task 3 label vocabularies, shared by the analyzers, training and `eval semeval`.

The names are the official ones so our output files are scored without mapping. The training
data contains at least one misspelled technique name; `normalize_technique` folds such
variants onto the official name instead of letting a model learn a 24th label.
"""

from __future__ import annotations

import re
import unicodedata

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_Fear-Prejudice",
    "Appeal_to_Hypocrisy",
    "Appeal_to_Popularity",
    "Appeal_to_Time",
    "Appeal_to_Values",
    "Causal_Oversimplification",
    "Consequential_Oversimplification",
    "Conversation_Killer",
    "Doubt",
    "Exaggeration-Minimisation",
    "False_Dilemma-No_Choice",
    "Flag_Waving",
    "Guilt_by_Association",
    "Loaded_Language",
    "Name_Calling-Labeling",
    "Obfuscation-Vagueness-Confusion",
    "Questioning_the_Reputation",
    "Red_Herring",
    "Repetition",
    "Slogans",
    "Straw_Man",
    "Whataboutism",
)

GENRES: tuple[str, ...] = ("opinion", "reporting", "satire")

FRAMES: tuple[str, ...] = (
    "Capacity_and_resources",
    "Crime_and_punishment",
    "Cultural_identity",
    "Economic",
    "External_regulation_and_reputation",
    "Fairness_and_equality",
    "Health_and_safety",
    "Legality_Constitutionality_and_jurisprudence",
    "Morality",
    "Policy_prescription_and_evaluation",
    "Political",
    "Public_opinion",
    "Quality_of_life",
    "Security_and_defense",
)

#: SemEval's directory codes differ from ISO 639-1 for three languages.
SEMEVAL_TO_ISO: dict[str, str] = {
    "en": "en", "fr": "fr", "ge": "de", "it": "it", "po": "pl", "ru": "ru",
    "es": "es", "gr": "el", "ka": "ka",
}
#: Languages with training data: models are trusted there, flagged low-confidence elsewhere.
TRAINED_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "it", "pl", "ru")


def _skeleton(name: str) -> str:
    """Letters only, accents stripped, lower case: what two spellings of a label share."""
    folded = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z]", "", "".join(c for c in folded if c.isascii()).lower())


_BY_SKELETON = {_skeleton(n): n for n in TECHNIQUES + FRAMES + GENRES}


def normalize_label(name: str, vocabulary: tuple[str, ...]) -> str:
    """Map a label (possibly misspelled, e.g. 'Appeal_to_Fear-Prejudi-čce') onto `vocabulary`.

    Exact skeleton matches win; otherwise the closest official name by edit distance is
    accepted only when it is unambiguous and close, so a genuinely unknown label raises
    instead of being silently folded into the wrong class.
    """
    name = name.strip()
    if name in vocabulary:
        return name
    skel = _skeleton(name)
    hit = _BY_SKELETON.get(skel)
    if hit in vocabulary:
        return hit  # type: ignore[return-value]
    scored = sorted((_edit_distance(skel, _skeleton(v)), v) for v in vocabulary)
    best, runner_up = scored[0], scored[1] if len(scored) > 1 else (99, "")
    if best[0] <= max(2, len(skel) // 8) and runner_up[0] > best[0]:
        return best[1]
    raise ValueError(f"unknown label {name!r}")


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def normalize_technique(name: str) -> str:
    return normalize_label(name, TECHNIQUES)


def normalize_frame(name: str) -> str:
    return normalize_label(name, FRAMES)
