"""Scoring quotes against a hand-annotated set: speaker precision/recall and span F1.

Rules (README and the quality gate cite them):
- a predicted quote *matches* a gold quote when their character spans overlap by at least
  half of the shorter span; pairs are made greedily by largest overlap, one-to-one;
- a speaker is *right* when the surname of the resolved entity's name (or of the speaker
  text when no entity was resolved) equals the gold speaker's surname, folded (case,
  diacritics, Cyrillic romanised, Russian case endings dropped: "Пушкова" = "Pushkov");
- speaker precision = matched predictions with the right speaker / all predictions;
  speaker recall = gold quotes matched with the right speaker / all gold quotes;
- span F1 is character-level over the matched pairs (overlap / predicted chars and
  overlap / gold chars, summed over pairs): detection is already scored by P/R, span F1
  says how well the boundaries fit. `span_f1_all` (over all characters of all quotes, as
  if unmatched quotes had zero overlap) is reported too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from propscope.analyzers.voices.quotes import find_quotes, surname_key
from propscope.schema import Article, Paragraph
from propscope.schema.voices import Entity, Quote

FIXTURES = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "quotes"


@dataclass(slots=True)
class GoldQuote:
    start: int
    end: int
    speaker: str
    cue: str = ""
    kind: str = "direct"


@dataclass(slots=True)
class Scores:
    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    right_speaker: int = 0
    overlap: int = 0
    pred_chars: int = 0  # over matched pairs
    gold_chars: int = 0
    all_pred_chars: int = 0
    all_gold_chars: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_precision(self) -> float:
        return self.right_speaker / self.n_pred if self.n_pred else 0.0

    @property
    def speaker_recall(self) -> float:
        return self.right_speaker / self.n_gold if self.n_gold else 0.0

    @property
    def span_f1(self) -> float:
        return _f1(self.overlap, self.pred_chars, self.gold_chars)

    @property
    def span_f1_all(self) -> float:
        return _f1(self.overlap, self.all_pred_chars, self.all_gold_chars)

    def summary(self) -> dict[str, float | int]:
        return {
            "gold": self.n_gold, "predicted": self.n_pred, "matched": self.matched,
            "speaker_precision": round(self.speaker_precision, 4),
            "speaker_recall": round(self.speaker_recall, 4),
            "span_f1": round(self.span_f1, 4), "span_f1_all": round(self.span_f1_all, 4),
        }


def _f1(overlap: int, pred: int, gold: int) -> float:
    p = overlap / pred if pred else 0.0
    r = overlap / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(pred: list[Quote], gold: list[GoldQuote]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (pred index, gold index), overlap >= half of the shorter."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = _overlap(p.start, p.end, g.start, g.end)
            shorter = min(p.end - p.start, g.end - g.start) or 1
            if ov * 2 >= shorter and ov > 0:
                cands.append((ov, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def predicted_speaker(q: Quote, entities: list[Entity]) -> str:
    names = {e.id: e.name for e in entities}
    return names.get(q.entity or "", "") or q.speaker


def same_speaker(predicted: str, gold: str) -> bool:
    a, b = surname_key(predicted), surname_key(gold)
    return bool(a) and a == b


def score_article(scores: Scores, text: str, pred: list[Quote], gold: list[GoldQuote],
                  entities: list[Entity], label: str = "") -> None:
    scores.n_gold += len(gold)
    scores.n_pred += len(pred)
    scores.all_pred_chars += sum(q.end - q.start for q in pred)
    scores.all_gold_chars += sum(g.end - g.start for g in gold)
    pairs = match(pred, gold)
    for i, j in pairs:
        p, g = pred[i], gold[j]
        scores.matched += 1
        scores.overlap += _overlap(p.start, p.end, g.start, g.end)
        scores.pred_chars += p.end - p.start
        scores.gold_chars += g.end - g.start
        who = predicted_speaker(p, entities)
        if same_speaker(who, g.speaker):
            scores.right_speaker += 1
        else:
            scores.errors.append(f"{label} wrong speaker {who!r} != {g.speaker!r}: "
                                 f"{text[g.start:g.end][:60]!r}")
    seen_p = {i for i, _ in pairs}
    seen_g = {j for _, j in pairs}
    for i, p in enumerate(pred):
        if i not in seen_p:
            scores.errors.append(f"{label} spurious ({p.speaker!r}): {text[p.start:p.end][:60]!r}")
    for j, g in enumerate(gold):
        if j not in seen_g:
            scores.errors.append(f"{label} missed ({g.speaker!r}): {text[g.start:g.end][:60]!r}")


def load_fixtures(directory: Path = FIXTURES) -> list[dict]:
    """All annotated records of tests/fixtures/quotes/*.jsonl."""
    records = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def article_of(record: dict) -> Article:
    """An Article for a fixture text: paragraphs are the blank-line separated blocks."""
    text = record["text"]
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return Article(text=text, language=record["language"], paragraphs=paras, id=record["id"])


def default_entities() -> Callable[[Article], list[Entity]]:
    from propscope.analyzers.voices.entities import find_entities

    return find_entities


def evaluate(records: Iterable[dict], entities_of: Callable[[Article], list[Entity]] | None = None,
             language: str | None = None) -> Scores:
    """Scores of find_quotes (with entities_of, end to end by default) over records."""
    entities_of = entities_of or default_entities()
    scores = Scores()
    for rec in records:
        if language and rec["language"] != language:
            continue
        art = article_of(rec)
        ents = entities_of(art)
        pred = find_quotes(art, ents)
        gold = [GoldQuote(q["start"], q["end"], q["speaker"], q.get("cue", ""), q["kind"])
                for q in rec["quotes"]]
        score_article(scores, art.text, pred, gold, ents, rec["id"])
    return scores
