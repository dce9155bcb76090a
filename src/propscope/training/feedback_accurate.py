"""The accurate tier after a techniques retrain with feedback: re-fit its mix, not its encoder.

The accurate tier's probability is Platt((1-w)·sigmoid(encoder logits) + w·fast-tier
probability), thresholded per label (models/accurate.py). After `propscope train
--with-feedback` retrains the fast tier, that head was fit against the old fast tier and the
encoder never saw the corrections, so a label analysts taught the fast tier can be diluted
away by the encoder in what the default tier shows. Fine-tuning the encoder again costs ~40
min per fold on 2 cores; re-fitting the head costs seconds. Re-fit per label: the fast-tier
weight w (from WEIGHT_GRID, by the log loss of the Platt-mapped mix; 1.0 ignores the
encoder, the natural choice for a label only the corrections taught), the Platt map and the
threshold.

Rows it is fit on are held out from the encoder: lines of the pool (that language) whose
article text is not a SemEval article of a fold the encoder was fine-tuned on, i.e. its
held-out fold's SemEval articles (corrected or not) and corrected articles that are not
SemEval training texts. Their fast-tier probabilities are the retrain's out-of-fold ones.

Held-out comparison. OLD = the active accurate version's weights over the OLD recipe's
out-of-fold fast-tier probabilities, NEW = re-chosen weights over the NEW recipe's. Both get
their Platt maps and thresholds (and NEW its weights) cross-fitted in halves of the articles,
as training/accurate/evaluate.py does: the active calibration was fit against other
fast-tier probabilities (5 folds, every language), so applying it unchanged would mostly
score that mismatch, not the corrections. The active head applied unchanged over the old and
over the new fast tier's probabilities is recorded too (`active_head_as_is`): the latter is
what the default tier would show if only the fast tier were retrained.
Halves are drawn separately among corrected and original articles, REPEATS times; F1 counts
are pooled over the repeats. The decision rule is feedback_eval.decide's, and a head is only
activated together with the fast-tier version it was fit against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from propscope.models.accurate import (
    AccurateTechniqueModel,
    active_dir,
    available_languages,
    model_name,
)
from propscope.models.bundle import BundleError, models_dir
from propscope.models.nn import logit, platt, sigmoid
from propscope.models.versions import active_version, new_version_id, use_version
from propscope.semeval.labels import TECHNIQUES
from propscope.training.feedback import Log, Options, Outcome, corrections_summary
from propscope.training.feedback_data import Merged, semeval_key
from propscope.training.feedback_eval import Comparison, compare, decide
from propscope.training.thresholds import label_thresholds, micro_f1

WEIGHT_GRID: tuple[float, ...] = (0.3, 0.5, 0.7, 1.0)
REPEATS = 10
#: Manifest keys of the parent that describe its own build and scores, not this head.
PARENT_ONLY = ("scores", "spans_end_to_end", "evaluation", "shipped_variant", "feedback")


@dataclass(frozen=True)
class Head:
    """The part of the accurate tier that is re-fit: per label weight, Platt a/b, threshold."""

    w: np.ndarray
    a: np.ndarray
    b: np.ndarray
    th: np.ndarray

    def prob(self, enc_p: np.ndarray, fast_p: np.ndarray) -> np.ndarray:
        return platt(mix(enc_p, fast_p, self.w), self.a, self.b)

    def decide(self, enc_p: np.ndarray, fast_p: np.ndarray) -> np.ndarray:
        return self.prob(enc_p, fast_p) >= self.th[None, :]


@dataclass(frozen=True)
class FitRows:
    """Pool lines held out from the encoder, with their row in the out-of-fold arrays."""

    texts: list[str]
    y: np.ndarray
    article: np.ndarray  # pool article index per line
    corrected: np.ndarray
    rows: np.ndarray


def mix(enc_p: np.ndarray, fast_p: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (1.0 - w[None, :]) * enc_p + w[None, :] * fast_p


def _losses(z: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray, c: float) -> np.ndarray:
    s = a[None, :] * z + b[None, :]
    return (np.logaddexp(0.0, s) - y * s).sum(axis=0) + a * a / (2 * c)


def fit_platt_all(p: np.ndarray, y: np.ndarray, c: float = 100.0,
                  iters: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Platt a, b per column and the mean log loss of the mapped column: the objective of
    training/learners.fit_platt (L2 on a, strength 1/C), solved by damped Newton steps for
    every column at once: the sklearn loop costs ~40 ms a column, and the cross-fitted
    comparison needs ~10^4 columns. Columns with one class keep a=1, b=0, as there."""
    z, t = logit(p).astype(np.float64), y.astype(np.float64)
    n = len(z)
    a, b = np.ones(z.shape[1]), np.zeros(z.shape[1])
    for _ in range(iters):
        q = sigmoid(a[None, :] * z + b[None, :]).astype(np.float64)
        r, h = q - t, q * (1 - q)
        ga, gb = (r * z).sum(axis=0) + a / c, r.sum(axis=0)
        haa, hab, hbb = (h * z * z).sum(axis=0) + 1 / c, (h * z).sum(axis=0), h.sum(axis=0) + 1e-9
        det = haa * hbb - hab * hab
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        before, step = _losses(z, t, a, b, c), np.ones_like(a)
        for _halve in range(20):  # backtracking: Newton from a=1 can overshoot on separable columns
            worse = _losses(z, t, a - step * da, b - step * db, c) > before + 1e-12
            if not worse.any():
                break
            step[worse] /= 2
        a, b = a - step * da, b - step * db
        if max(np.abs(step * da).max(), np.abs(step * db).max()) < 1e-7:
            break
    one_class = (t.sum(axis=0) == 0) | (t.sum(axis=0) == n)
    a[one_class], b[one_class] = 1.0, 0.0
    s = a[None, :] * z + b[None, :]
    loss = (np.logaddexp(0.0, s) - t * s).mean(axis=0) if n else np.zeros_like(a)
    return a.astype(np.float32), b.astype(np.float32), loss


def choose_weights(enc_p: np.ndarray, fast_p: np.ndarray, y: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Per label, the grid weight whose Platt-mapped mix has the lowest log loss on these
    rows (a proper score: smooth where F1 at a fitted threshold jumps by whole rows). A label
    with no positive (or no negative) row keeps its `prior` weight."""
    losses = np.stack([fit_platt_all(mix(enc_p, fast_p, np.full(y.shape[1], g)), y)[2] for g in WEIGHT_GRID])
    chosen = np.asarray(WEIGHT_GRID, dtype=np.float32)[np.argmin(losses, axis=0)]
    positives = y.sum(axis=0)
    return np.where((positives > 0) & (positives < len(y)), chosen, np.asarray(prior, dtype=np.float32))


def fit_head(enc_p: np.ndarray, fast_p: np.ndarray, y: np.ndarray, prior: np.ndarray,
             choose: bool = True) -> Head:
    """Weights (or the prior's), then Platt maps and per-label thresholds on the mapped mix."""
    w = choose_weights(enc_p, fast_p, y, prior) if choose else np.asarray(prior, dtype=np.float32)
    p = mix(enc_p, fast_p, w)
    a, b, _loss = fit_platt_all(p, y)
    return Head(w, a, b, label_thresholds(platt(p, a, b), y))


def halves(article: np.ndarray, corrected: np.ndarray, seed: int) -> np.ndarray:
    """Per line: is its article in half A. Original and corrected articles are shuffled
    separately and dealt alternately, so each half gets about half of the (few) corrected
    ones, and both halves are non-empty from two articles on."""
    rng = np.random.RandomState(seed)
    order = np.concatenate([rng.permutation(np.unique(article[corrected == flag])) for flag in (False, True)])
    return np.isin(article, order[0::2])


def cross_fit(enc_p: np.ndarray, fast_p: np.ndarray, y: np.ndarray, article: np.ndarray,
              corrected: np.ndarray, prior: np.ndarray, choose: bool, seed: int) -> np.ndarray:
    """Decisions for every line, each from a head fit on the other half's articles."""
    pred = np.zeros(y.shape, dtype=bool)
    a_half = halves(article, corrected, seed)
    for fit_on in (a_half, ~a_half):
        head = fit_head(enc_p[fit_on], fast_p[fit_on], y[fit_on], prior, choose)
        pred[~fit_on] = head.decide(enc_p[~fit_on], fast_p[~fit_on])
    return pred


def held_out(enc_p: np.ndarray, old_fast: np.ndarray, new_fast: np.ndarray, d: FitRows,
             prior: np.ndarray, repeats: int = REPEATS) -> Comparison:
    """OLD vs NEW, cross-fitted `repeats` times; F1 from counts pooled over the repeats,
    support and rows of one copy (so the table reads like the fast tier's)."""
    olds, news = [], []
    for seed in range(repeats):
        olds.append(cross_fit(enc_p, old_fast, d.y, d.article, d.corrected, prior, False, seed))
        news.append(cross_fit(enc_p, new_fast, d.y, d.article, d.corrected, prior, True, seed))
    cmp = compare(list(TECHNIQUES), np.tile(d.y, (repeats, 1)), np.vstack(olds), np.vstack(news),
                  np.tile(d.corrected, repeats))
    return replace(cmp, labels=[replace(r, support=r.support // repeats) for r in cmp.labels],
                   rows=cmp.rows // repeats,
                   subsets={k: {**v, "rows": int(v["rows"]) // repeats} for k, v in cmp.subsets.items()})


def encoder_trained_keys(manifest: dict[str, Any], lang: str) -> set[str] | None:
    """Text keys of the SemEval articles the encoder was fine-tuned on (folds as
    training/accurate/units.py computes them: over every language, fixed seed). None when
    this copy of SemEval is not the data it was trained on (fingerprint differs): then no
    row can be shown to be held out."""
    from propscope.training.accurate.units import fingerprint
    from propscope.training.data import load_all
    from propscope.training.folds import article_folds

    training = manifest.get("training") or {}
    train_folds = [int(f) for f in training.get("train_folds", [])]
    every = load_all()
    folds = article_folds([a.lang for a in every], len(train_folds) + 1)
    mine = [(a, int(f)) for a, f in zip(every, folds, strict=True) if a.lang == lang]
    if not train_folds or fingerprint([a for a, _ in mine]) != training.get("data_sha256"):
        return None
    return {semeval_key(a.article.text) for a, f in mine if f in train_folds}


def fit_rows(pool: Merged, lang: str, trained: set[str]) -> FitRows:
    texts, labels, article, corrected, rows = [], [], [], [], []
    r = 0
    for i, (a, flag) in enumerate(zip(pool.articles, pool.corrected, strict=True)):
        lines = a.article.lines
        if a.lang == lang and semeval_key(a.article.text) not in trained:
            for k, ln in enumerate(lines):
                texts.append(ln.text)
                labels.append(a.line_labels.get(ln.number, []))
                article.append(i)
                corrected.append(flag)
                rows.append(r + k)
        r += len(lines)
    y = np.zeros((len(labels), len(TECHNIQUES)), dtype=np.int8)
    for i, names in enumerate(labels):
        for name in names:
            y[i, TECHNIQUES.index(name)] = 1
    return FitRows(texts, y, np.array(article, dtype=np.int64), np.array(corrected, dtype=bool),
                   np.array(rows, dtype=np.int64))


def as_is_scores(model: AccurateTechniqueModel, logits: np.ndarray, old_fast: np.ndarray, new_fast: np.ndarray,
                 d: FitRows) -> dict[str, dict[str, float]]:
    """The active head, unchanged, over either fast tier: micro-F1 on all fit rows and on
    the corrected ones (in-sample for the head where it was fit on these SemEval rows)."""
    out = {}
    for side, fast_p in (("old_fast", old_fast), ("new_fast", new_fast)):
        pred = model.combine(logits, fast_p) >= model.thresholds[None, :]
        out[side] = {"micro_f1": round(micro_f1(d.y, pred), 4),
                     "corrected_micro_f1": round(micro_f1(d.y[d.corrected], pred[d.corrected]), 4)}
    return out


def decision_for(cmp: Comparison, fast_decision: str, force: bool) -> tuple[str, str]:
    """(decision, reason when kept back for another reason than the score). A head is fit
    against one fast-tier version; active over another it would mix mismatched inputs."""
    if fast_decision not in ("activated", "forced"):
        return "kept-old", "the fast-tier version it was fit against was not activated"
    return decide(cmp, force), ""


def write_version(name: str, version: str, source: Path, manifest: dict[str, Any]) -> Path:
    """Encoder files copied from `source` (a version never shares files that a later `make
    models` could rewrite in place), the manifest, then one rename: never half a version."""
    final = models_dir() / name / version
    if final.exists():
        raise BundleError(f"{final} exists; versions are never overwritten")
    tmp = final.with_name(f".tmp-{version}")  # not a version name: never listed
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in ("model.onnx", "tokenizer.json"):
        shutil.copyfile(source / f, tmp / f)
    manifest = {**manifest, "onnx_sha256": hashlib.sha256((tmp / "model.onnx").read_bytes()).hexdigest()}
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    os.replace(tmp, final)
    return final


def version_manifest(parent: dict[str, Any], parent_version: str, version: str, head: Head,
                     info: dict[str, Any]) -> dict[str, Any]:
    base = str(parent.get("version", "0")).split("+")[0]
    keep = {k: v for k, v in parent.items() if k not in PARENT_ONLY}
    return {**keep, "version": f"{base}+{version}", "built": dt.date.today().isoformat(),
            "command": info["command"],
            "ensemble": {"fast_bundle": "techniques", "fast_version": info["fast_version"],
                         "fast_weight": [round(float(x), 2) for x in head.w], "weight_grid": list(WEIGHT_GRID),
                         "chosen_by": "log loss of the Platt-mapped mix, per label, on the fit rows"},
            "calibration": {"method": "Platt per label on the mix, re-fit with feedback on lines held out "
                                      "from the encoder (training/feedback_accurate.py)",
                            "a": [round(float(v), 6) for v in head.a], "b": [round(float(v), 6) for v in head.b]},
            "thresholds": [round(float(v), 4) for v in head.th],
            "feedback": {"parent": {"version": parent_version, "model": f"{parent.get('name')}@{parent.get('version')}"},
                         **{k: info[k] for k in ("corrections", "held_out", "decision", "forced", "command",
                                                 "fit")}}}


def refit_accurate(pool: Merged, oof: dict[str, list[np.ndarray]], fast_version: str, fast_decision: str,
                   opts: Options, log: Log) -> list[Outcome]:
    """One outcome per language that has an accurate tier and lines in the pool."""
    if not oof.get("old") or not oof.get("new") or oof["old"][-1].shape != oof["new"][-1].shape:
        log("accurate tier: no out-of-fold probabilities of both recipes on the same lines; head not re-fit")
        return []
    langs = {a.lang for a in pool.articles}
    return [o for lang in available_languages() if lang in langs
            for o in [_refit_one(pool, oof, lang, fast_version, fast_decision, opts, log)] if o is not None]


def _refit_one(pool: Merged, oof: dict[str, list[np.ndarray]], lang: str, fast_version: str,
               fast_decision: str, opts: Options, log: Log) -> Outcome | None:
    name = model_name(lang)
    parent = active_version(name)
    model = AccurateTechniqueModel(active_dir(lang))
    trained = encoder_trained_keys(model.manifest, lang)
    if trained is None:
        log(f"{name}: this SemEval copy is not the one its encoder was trained on; head not re-fit")
        return None
    d = fit_rows(pool, lang, trained)
    n_articles = len(np.unique(d.article))
    if n_articles < 2:
        log(f"{name}: {n_articles} article(s) held out from its encoder in this pool; head not re-fit")
        return None
    log(f"{name}: re-fitting the mix against the new fast tier on {len(d.texts)} lines of {n_articles} "
        f"articles held out from its encoder ({len(np.unique(d.article[d.corrected]))} corrected)")
    logits = model.logits(d.texts)
    enc_p = sigmoid(logits)
    old_fast, new_fast = oof["old"][-1][d.rows], oof["new"][-1][d.rows]
    cmp = held_out(enc_p, old_fast, new_fast, d, model.fast_weights)
    head = fit_head(enc_p, new_fast, d.y, model.fast_weights)
    decision, reason = decision_for(cmp, fast_decision, opts.force)
    as_is = as_is_scores(model, logits, old_fast, new_fast, d)
    log(f"{name}: active head unchanged, micro-F1 over the old / new fast tier: "
        f"{as_is['old_fast']['micro_f1']} / {as_is['new_fast']['micro_f1']} (not cross-fitted)")
    version = new_version_id(name)
    info = {"command": opts.command, "fast_version": fast_version, "decision": decision, "forced": opts.force,
            "corrections": corrections_summary(pool.corrections, pool.replaced, sum(pool.corrected)),
            "held_out": {"repeats": REPEATS, "articles": n_articles,
                         "active_head_as_is": as_is, **cmp.to_json(),
                         **({"kept_because": reason} if reason else {})},
            "fit": {"lines": len(d.texts), "articles": n_articles,
                    "corrected_articles": len(np.unique(d.article[d.corrected])),
                    "encoder_held_out_fold": (model.manifest.get("training") or {}).get("held_out_fold")}}
    path = write_version(name, version, model.path, version_manifest(model.manifest, parent, version, head, info))
    if decision in ("activated", "forced"):
        use_version(name, version)
    return Outcome(name, decision, parent, version, path, cmp, len(pool.corrections), [lang], reason=reason)
