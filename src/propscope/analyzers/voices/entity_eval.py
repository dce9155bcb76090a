"""Scoring find_entities against the hand-annotated set of tests/fixtures/entities.

Why pairs of (canonical id, kind) per text rather than mention spans: what the dashboard,
stance and the corpus merge consume is the set of actors of an article, so a wrong actor
("Kleinstadt" as a person) is the error analysts see, and a missed one is the gap.

Rules (the quality gate and scripts/eval_entities.py cite them):
- gold lists every named actor of a text as [surface in the nominative, kind]; its key is
  ``canonical_key(surface, kind, language)``, so gold and predictions share one id scheme;
- "group" counts as "organization" (ids share the ``org:`` prefix; an armed group's typing
  may change, its identity does not);
- "optional" gold items (metonyms, generic institutions) are neither required nor errors;
- precision = predicted pairs that are gold / predicted pairs (optional ones left out),
  recall = gold pairs predicted / gold pairs, micro-averaged over the texts of a language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from propscope.analyzers.voices.canonical import canonical_key
from propscope.schema import Article, Paragraph

FIXTURES = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "entities"


@dataclass(slots=True)
class Scores:
    n_gold: int = 0
    n_pred: int = 0
    true_pos: int = 0
    false_pos: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pos / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.n_gold if self.n_gold else 0.0


def _kind(kind: str) -> str:
    return "organization" if kind == "group" else kind


def load_fixtures(directory: Path = FIXTURES) -> list[dict]:
    """Every annotated text, each with its file's language."""
    records = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rec in data["texts"]:
            records.append({**rec, "language": data["language"]})
    return records


def article_of(record: dict) -> Article:
    text = record["text"]
    return Article(
        text=text,
        title=record.get("title", ""),
        language=record["language"],
        paragraphs=[Paragraph(0, len(text))],
        id=record["id"],
    )


def gold_pairs(items: Iterable[list[str]], language: str) -> set[tuple[str, str]]:
    return {(canonical_key(s, k, language)[0], _kind(k)) for s, k in items}


def score_text(scores: Scores, record: dict) -> None:
    """Add one text's predictions to scores."""
    from propscope.analyzers.voices.entities import find_entities

    lang = record["language"]
    gold = gold_pairs(record["entities"], lang)
    optional = gold_pairs(record.get("optional", []), lang)
    pred = {(e.id, _kind(e.kind)): e.name for e in find_entities(article_of(record))}
    counted = {p: n for p, n in pred.items() if p not in optional or p in gold}
    scores.n_gold += len(gold)
    scores.n_pred += len(counted)
    scores.true_pos += len(gold & set(counted))
    tag = record["id"]
    scores.false_pos += [f"{tag}: {n} ({p[1]}, {p[0]})" for p, n in counted.items() if p not in gold]
    scores.missed += [f"{tag}: {p[0]} ({p[1]})" for p in sorted(gold - set(counted))]


def evaluate(records: Iterable[dict]) -> dict[str, Scores]:
    """Scores per language of find_entities over records."""
    out: dict[str, Scores] = {}
    for rec in records:
        score_text(out.setdefault(rec["language"], Scores()), rec)
    return out
