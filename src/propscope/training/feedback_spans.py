"""The span tagger's part of `propscope train --with-feedback`: old vs new on held-out folds.

The pool is feedback_data.merge(..., "spans"): SemEval articles, each article with a span
correction in its effective spans (replacing its SemEval version in place, or appended).
Both recipes go through training/spans.paired_cross_fit on the same article folds and, with
common random numbers, the same token rows, permutation and batches (a recipe's batches skip
the rows it does not own): 24 corrected spans among 7,000 move micro F1 by about 0.001, a
mere change of training schedule by up to 0.008. The OLD recipe learns only the articles it
had (old_view's `learn`), with its own labels and texts, and its fold models locate spans
in the NEW pool's texts. Scored as spans.py scores the tagger
"given the gold paragraph labels": a technique is decoded only in the lines whose truth
carries a span of it, so the score says how well each recipe *locates*, not whether it
would have flagged the line (that is the techniques model's job). Truth: effective spans on
corrected articles, gold elsewhere. Character-level F1 with partial overlap credited
(semeval.spans), per technique and over all spans (the micro score `decide` reads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from propscope.semeval.labels import TECHNIQUES
from propscope.semeval.spans import SpanRow, span_scores
from propscope.training.data import TrainArticle
from propscope.training.feedback_data import Merged
from propscope.training.feedback_eval import Comparison, LabelRow


def _f1(scores: dict[str, Any], name: str) -> float | None:
    """None for a technique with neither truth nor prediction (span_scores leaves it out)."""
    s = scores.get(name)
    return None if s is None else s.f1


def compare_spans(truth: list[SpanRow], old: list[SpanRow], new: list[SpanRow], corrected: set[str],
                  lines: dict[str, int]) -> Comparison:
    """Per technique old/new span F1 and support (held-out truth spans); micro = all spans;
    macro over techniques with support; subsets by article key (`corrected`: corrected
    articles). `lines`: article key -> its number of lines (the rows shown)."""
    so, sn = span_scores(old, truth), span_scores(new, truth)
    support = {t: sum(1 for row in truth if row[1] == t) for t in TECHNIQUES}
    rows = [LabelRow(t, _f1(so, t), _f1(sn, t), support[t]) for t in TECHNIQUES]
    seen = [r for r in rows if r.support > 0]

    def macro(side: str) -> float:
        return round(float(np.mean([getattr(r, side) or 0.0 for r in seen])), 4) if seen else 0.0

    subsets: dict[str, dict[str, float | int]] = {}
    for name, inside in (("original", False), ("corrected", True)):
        t, o, n = ([r for r in rs if (r[0] in corrected) == inside] for rs in (truth, old, new))
        subsets[name] = {"rows": sum(c for key, c in lines.items() if (key in corrected) == inside),
                         "old_micro_f1": span_scores(o, t)["ALL"].f1, "new_micro_f1": span_scores(n, t)["ALL"].f1}
    return Comparison(rows, so["ALL"].f1, sn["ALL"].f1, macro("old_f1"), macro("new_f1"),
                      sum(lines.values()), subsets)


def spans_comparison(new: Merged, old_arts: list[TrainArticle], learn: np.ndarray, fold: np.ndarray, k: int,
                     log: Callable[[str], None]) -> tuple[Comparison, dict[str, Any], dict[str, np.ndarray]]:
    """Old and new recipe out of fold on the new pool, then the new weights on everything."""
    from propscope.training import spans

    log("old recipe (the active version's training data) and new recipe (with corrections), "
        "out of fold on the same batches")
    old_oof, new_oof, fitted = spans.paired_cross_fit(new.articles, old_arts, learn, fold, k, log)
    log("new recipe on everything")
    manifest, arrays, _ = spans.train_with_oof(new.articles, None, log, article_fold=fold, n_folds=k,
                                               fitted=(new_oof, fitted))
    truth = spans.gold_rows(new.articles)
    corrected = {a.key for a, flag in zip(new.articles, new.corrected, strict=True) if flag}
    lines = {a.key: len(a.article.lines) for a in new.articles}
    cmp = compare_spans(truth, old_oof.located, new_oof.located, corrected, lines)
    return cmp, manifest, arrays
