"""Character-level span scores per technique, in the style of SemEval-2020 Task 11.

Partial overlap earns partial credit: a predicted span `s` gains |s ∩ t| / |s| precision for
each gold span `t` of the same technique in the same article, and `t` gains |s ∩ t| / |t|
recall. Overlapping spans of one technique in one article are merged first, on both sides,
so an annotator's (or a model's) duplicate spans cannot earn credit twice and every term is
at most 1. Precision with no predicted spans, and recall with no gold spans, are 1 (as in
`semeval.metrics`, zero_division=1); F1 is their harmonic mean.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

#: (article id, technique, start, end), end exclusive.
SpanRow = tuple[str, str, int, int]


@dataclass(frozen=True)
class SpanScore:
    technique: str
    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


def merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(iv for iv in intervals if iv[1] > iv[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _group(rows: Iterable[SpanRow]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """technique -> article -> merged intervals."""
    raw: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for article, technique, start, end in rows:
        raw[technique][article].append((int(start), int(end)))
    return {tech: {art: merge(ivs) for art, ivs in arts.items()} for tech, arts in raw.items()}


def _credit(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """Sum over spans s in a of (overlap of s with all of b) / |s|; both lists merged."""
    total, j = 0.0, 0
    for start, end in a:
        while j < len(b) and b[j][1] <= start:
            j += 1
        overlap, k = 0, j
        while k < len(b) and b[k][0] < end:
            overlap += min(end, b[k][1]) - max(start, b[k][0])
            k += 1
        total += overlap / (end - start)
    return total


@dataclass
class _Tally:
    p_sum: float = 0.0
    r_sum: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def score(self, name: str) -> SpanScore:
        p = self.p_sum / self.n_pred if self.n_pred else 1.0
        r = self.r_sum / self.n_gold if self.n_gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return SpanScore(name, round(p, 4), round(r, 4), round(f1, 4), self.n_pred, self.n_gold)


def span_scores(pred: Iterable[SpanRow], gold: Iterable[SpanRow]) -> dict[str, SpanScore]:
    """Per technique, plus "ALL" (micro: every span counts once, credit needs the same technique)."""
    p, g = _group(pred), _group(gold)
    tallies: dict[str, _Tally] = {}
    for tech in sorted(set(p) | set(g)):
        t = tallies[tech] = _Tally()
        pa, ga = p.get(tech, {}), g.get(tech, {})
        for art in set(pa) | set(ga):
            ps, gs = pa.get(art, []), ga.get(art, [])
            t.n_pred += len(ps)
            t.n_gold += len(gs)
            t.p_sum += _credit(ps, gs)
            t.r_sum += _credit(gs, ps)
    total = _Tally()
    for t in tallies.values():
        total.p_sum += t.p_sum
        total.r_sum += t.r_sum
        total.n_pred += t.n_pred
        total.n_gold += t.n_gold
    out = {tech: t.score(tech) for tech, t in tallies.items()}
    out["ALL"] = total.score("ALL")
    return out


__all__ = ["SpanRow", "SpanScore", "merge", "span_scores"]
