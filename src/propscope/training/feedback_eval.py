"""Old model vs new model on the same held-out rows: per-label F1, totals, the decision.

Rows are units (techniques: lines), or articles (genre, frames), each with a 0/1 truth and
two out-of-fold decisions. F1 counts true/false positives per label; a label with no
truth and no prediction on either side has no F1 (None, "-"), rather than sklearn's
zero_division=1, which would show a perfect score for a label nobody saw.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

#: A label whose held-out F1 falls by more than this (with enough support) is named in the
#: report as a regression; it does not block activation on its own (see `decide`).
LABEL_DROP = 0.05
MIN_SUPPORT = 5


@dataclass(frozen=True)
class LabelRow:
    label: str
    old_f1: float | None
    new_f1: float | None
    support: int  # held-out rows whose truth carries the label

    @property
    def delta(self) -> float | None:
        return None if self.old_f1 is None or self.new_f1 is None else round(self.new_f1 - self.old_f1, 4)


@dataclass(frozen=True)
class Comparison:
    labels: list[LabelRow]
    old_micro: float
    new_micro: float
    old_macro: float
    new_macro: float
    rows: int
    subsets: dict[str, dict[str, float | int]]  # "original" / "corrected": micro-F1 old/new, rows

    @property
    def regressions(self) -> list[str]:
        return [r.label for r in self.labels if r.support >= MIN_SUPPORT and r.delta is not None
                and r.delta < -LABEL_DROP]

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "old_micro_f1": self.old_micro, "new_micro_f1": self.new_micro,
                "old_macro_f1": self.old_macro, "new_macro_f1": self.new_macro, "subsets": self.subsets,
                "per_label": {r.label: {**{k: v for k, v in asdict(r).items() if k != "label"}, "delta": r.delta}
                              for r in self.labels},
                "regressions": self.regressions}


def _f1(tp: int, fp: int, fn: int) -> float | None:
    den = 2 * tp + fp + fn
    return round(2 * tp / den, 4) if den else None


def _micro(y: np.ndarray, pred: np.ndarray) -> float:
    y, pred = y.astype(bool), pred.astype(bool)
    return _f1(int((y & pred).sum()), int((~y & pred).sum()), int((y & ~pred).sum())) or 0.0


def compare(labels: list[str], y: np.ndarray, old: np.ndarray, new: np.ndarray,
            corrected_rows: np.ndarray) -> Comparison:
    """`y`, `old`, `new`: rows x labels 0/1; `corrected_rows`: rows of corrected articles."""
    y, old, new = y.astype(bool), old.astype(bool), new.astype(bool)
    rows = []
    for j, name in enumerate(labels):
        t, o, n = y[:, j], old[:, j], new[:, j]
        rows.append(LabelRow(name, _f1(int((t & o).sum()), int((~t & o).sum()), int((t & ~o).sum())),
                             _f1(int((t & n).sum()), int((~t & n).sum()), int((t & ~n).sum())), int(t.sum())))
    seen = [r for r in rows if r.support > 0]
    macro = lambda side: round(float(np.mean([getattr(r, side) or 0.0 for r in seen])), 4) if seen else 0.0
    subsets = {}
    for name, mask in (("original", ~corrected_rows), ("corrected", corrected_rows)):
        subsets[name] = {"rows": int(mask.sum()), "old_micro_f1": _micro(y[mask], old[mask]),
                         "new_micro_f1": _micro(y[mask], new[mask])}
    return Comparison(rows, _micro(y, old), _micro(y, new), macro("old_f1"), macro("new_f1"), len(y), subsets)


def decide(cmp: Comparison, force: bool) -> str:
    """"activated" when held-out micro-F1 did not fall (or --force), else "kept-old".

    Single labels that fall are reported (`regressions`) but do not veto: micro-F1 is the
    score the model is tuned for, and rare labels swing by whole units on a small held-out
    set. Use the table to judge them; `propscope models use` undoes an activation."""
    if cmp.new_micro >= cmp.old_micro:
        return "activated"
    return "forced" if force else "kept-old"


def table(cmp: Comparison) -> list[str]:
    """The per-label report as plain text lines (the CLI prints them as they are)."""
    def num(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    def sign(x: float | None) -> str:
        return "-" if x is None else f"{x:+.3f}"

    width = max([len(r.label) for r in cmp.labels] + [12])
    out = [f"{'label':<{width}}  {'old F1':>7}  {'new F1':>7}  {'delta':>7}  {'support':>7}"]
    for r in cmp.labels:
        out.append(f"{r.label:<{width}}  {num(r.old_f1):>7}  {num(r.new_f1):>7}  {sign(r.delta):>7}  {r.support:>7}")
    support = sum(r.support for r in cmp.labels)
    for name, o, n in (("micro", cmp.old_micro, cmp.new_micro), ("macro", cmp.old_macro, cmp.new_macro)):
        out.append(f"{name.upper():<{width}}  {o:>7.3f}  {n:>7.3f}  {n - o:>+7.3f}  {support:>7}")
    for name, s in cmp.subsets.items():
        if s["rows"]:
            o, n = float(s["old_micro_f1"]), float(s["new_micro_f1"])
            out.append(f"{'micro, ' + name + ' articles':<{width}}  {o:>7.3f}  {n:>7.3f}  {n - o:>+7.3f}  "
                       f"{'':>7}  ({s['rows']} rows)")
    return out
