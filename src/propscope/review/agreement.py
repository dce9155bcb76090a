"""How far two analysts agree, per technique (issue 8).

Paragraph labels: Cohen's kappa over every unit (title and paragraphs) of the articles both
authors corrected, each author's labels being the model output plus that author's own
corrections (both started from the same pre-annotation). Spans: character-level F1 between
the spans each author accepted, added or relabelled to, merged per (article, technique);
F1 = 2|A ∩ B| / (|A| + |B|), symmetric. Undefined values (no variance, no spans) are None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from propscope.review.effective import effective_labels, latest_by_author
from propscope.schema import Article
from propscope.schema.analysis import TITLE
from propscope.schema.review import Correction
from propscope.semeval.spans import merge


@dataclass(frozen=True, slots=True)
class TechniqueAgreement:
    technique: str
    units: int  # paragraph units compared
    observed: float | None  # share of units with the same decision
    kappa: float | None
    span_chars_a: int
    span_chars_b: int
    span_f1: float | None


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    n = len(a)
    if n == 0:
        return None
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe >= 1 else (po - pe) / (1 - pe)


def _units(article: Article) -> list[int]:
    return ([TITLE] if article.title.strip() else []) + list(range(len(article.paragraphs)))


def _paragraph_sets(items: Sequence[tuple[Article, list[Correction]]], author: str,
                    ) -> dict[tuple[str, int], set[str]]:
    out: dict[tuple[str, int], set[str]] = {}
    for art, corrs in items:
        eff = effective_labels(art, [c for c in corrs if c.author == author])
        for u in _units(art):
            out[(art.id, u)] = set(eff.paragraphs.get(u, []))
    return out


def _span_chars(items: Sequence[tuple[Article, list[Correction]]], author: str,
                ) -> dict[tuple[str, str], list[tuple[int, int]]]:
    raw: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for art, corrs in items:
        mine = [c for c in corrs if c.author == author and c.target == "span"]
        for c in latest_by_author(mine).values():
            if c.action == "reject":
                continue
            label = c.new_label if c.action == "relabel" else c.technique
            raw[(art.id, str(label))].append((int(c.start or 0), int(c.end or 0)))
    return {k: merge(v) for k, v in raw.items()}


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _reviewed(items: Sequence[tuple[Article, list[Correction]]], target: str, a: str, b: str,
              ) -> list[tuple[Article, list[Correction]]]:
    def has(corrs: list[Correction], who: str) -> bool:
        return any(c.author == who and c.target == target for c in corrs)
    return [(art, corrs) for art, corrs in items if has(corrs, a) and has(corrs, b)]


def agreement(items: Sequence[tuple[Article, list[Correction]]], author_a: str,
              author_b: str) -> list[TechniqueAgreement]:
    """One row per technique either author or the model used on the compared articles."""
    para_items = _reviewed(items, "paragraph", author_a, author_b)
    pa, pb = _paragraph_sets(para_items, author_a), _paragraph_sets(para_items, author_b)
    span_items = _reviewed(items, "span", author_a, author_b)
    sa, sb = _span_chars(span_items, author_a), _span_chars(span_items, author_b)
    techniques = {t for labs in (*pa.values(), *pb.values()) for t in labs}
    techniques |= {t for _aid, t in (*sa, *sb)}
    out = []
    for tech in sorted(techniques):
        units = sorted(pa)
        xa = [tech in pa[u] for u in units]
        xb = [tech in pb[u] for u in units]
        observed = sum(x == y for x, y in zip(xa, xb)) / len(units) if units else None
        keys = {k for k in (*sa, *sb) if k[1] == tech}
        chars_a = sum(e - s for k in keys for s, e in sa.get(k, []))
        chars_b = sum(e - s for k in keys for s, e in sb.get(k, []))
        both = sum(_overlap(sa.get(k, []), sb.get(k, [])) for k in keys)
        f1 = 2 * both / (chars_a + chars_b) if chars_a + chars_b else None
        out.append(TechniqueAgreement(tech, len(units), observed, cohen_kappa(xa, xb),
                                      chars_a, chars_b, f1))
    return out
