"""`propscope train --with-feedback`: retrain a model on SemEval + analysts' corrections.

The comparison is cross-validated so that neither side is scored on rows it learned from:
the pool (SemEval articles, corrected ones replacing their gold version in place, other
corrected articles appended) is split into K folds by article: SemEval articles exactly as
training/folds.py splits them (language-stratified, fixed seed), appended corrected articles
by a hash of their text (deterministic, independent of the rest). For every fold, the OLD
recipe (the active version's training data: SemEval gold plus the corrections it learned
from; articles it never saw are predicted, never learned) and the NEW recipe (SemEval plus
every current correction) are trained on the other folds with the real training code and
predict the held-out fold. Both are scored against the same truth: effective labels where
corrected, SemEval gold elsewhere. The shipped weights themselves cannot be scored on
SemEval rows (they were trained on all of them).

The new version is always written (models_dir()/<name>/<version>/), and activated only when
its held-out micro-F1 does not fall, or with --force (feedback_eval.decide).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from propscope.models.bundle import load_bundle
from propscope.models.versions import (
    active_version,
    correction_ids_of,
    follow_fast_tier,
    new_version_id,
    save_version,
    use_version,
)
from propscope.schema.review import Correction
from propscope.semeval.labels import FRAMES, GENRES, SEMEVAL_TO_ISO, TECHNIQUES
from propscope.training.data import (
    TRAIN_LANGS,
    TrainArticle,
    load_doc_only,
    load_language,
)
from propscope.training.feedback_data import Merged, load_corrected, merge, semeval_key
from propscope.training.feedback_eval import Comparison, compare, decide
from propscope.training.feedback_spans import spans_comparison
from propscope.training.folds import SEED, article_folds

if TYPE_CHECKING:
    from propscope.store import Store

FEEDBACK_MODELS: tuple[str, ...] = ("techniques", "spans", "genre", "frames")
Log = Callable[[str], None]


@dataclass
class Options:
    models: list[str]
    languages: list[str] = field(default_factory=lambda: list(TRAIN_LANGS))  # SemEval codes
    max_articles: int | None = None
    n_folds: int = 5
    force: bool = False
    command: str = "propscope train --with-feedback"


@dataclass
class Outcome:
    model: str
    decision: str  # activated | forced | kept-old | no-corrections
    parent: str
    version: str | None = None
    path: Path | None = None
    comparison: Comparison | None = None
    corrections: int = 0
    languages: list[str] = field(default_factory=list)  # ISO codes the new version learned
    followers: list[Outcome] = field(default_factory=list)  # written with it (techniques-accurate-<lang>)
    reason: str = ""  # why it was kept back, when not for its own held-out score


def original_articles(model: str, languages: list[str], max_articles: int | None) -> list[TrainArticle]:
    """SemEval training articles for `model`, the first `max_articles` of them (a slice)."""
    if model == "genre":
        arts = [a for c in languages for a in load_doc_only(c, 1) if a.genre]
    elif model == "frames":
        arts = [a for c in languages for a in load_doc_only(c, 2) if a.frames is not None]
    else:
        arts = [a for c in languages for a in load_language(c)]
    return arts[:max_articles] if max_articles else arts


def pool_folds(merged: Merged, n_original: int, n_folds: int) -> np.ndarray:
    """SemEval rows as training/folds.py, appended corrected articles by text hash."""
    fold = np.zeros(len(merged.articles), dtype=np.int64)
    fold[:n_original] = article_folds([a.lang for a in merged.articles[:n_original]], n_folds)
    for i in range(n_original, len(merged.articles)):
        fold[i] = int(semeval_key(merged.articles[i].article.text)[:8], 16) % n_folds
    return fold


def old_view(new: Merged, old: Merged) -> tuple[list[TrainArticle], np.ndarray]:
    """The new pool with the old recipe's labels; articles the old recipe never had are
    kept (new truth, for calibration rows) but marked not trainable."""
    by_key = {semeval_key(a.article.text): a for a in old.articles}
    arts, learn = [], []
    for a in new.articles:
        mine = by_key.get(semeval_key(a.article.text))
        arts.append(mine if mine is not None else a)
        learn.append(mine is not None)
    return arts, np.array(learn, dtype=bool)


def _line_truth(arts: list[TrainArticle], flags: list[bool]) -> tuple[np.ndarray, np.ndarray]:
    y, corrected = [], []
    for art, flag in zip(arts, flags, strict=True):
        for ln in art.article.lines:
            row = np.zeros(len(TECHNIQUES), dtype=np.int8)
            for name in art.line_labels.get(ln.number, []):
                row[TECHNIQUES.index(name)] = 1
            y.append(row)
            corrected.append(flag)
    return np.vstack(y), np.array(corrected, dtype=bool)


def _techniques(new: Merged, old_arts: list[TrainArticle], learn: np.ndarray, fold: np.ndarray,
                k: int, log: Log, oof: dict[str, list[np.ndarray]] | None = None,
                ) -> tuple[Comparison, dict[str, Any], dict[str, np.ndarray]]:
    """`oof` receives both recipes' out-of-fold probabilities ("old", "new")."""
    from propscope.models import encoder
    from propscope.training import techniques

    vectors: dict[tuple[str, ...], np.ndarray] = {}

    def encode(units: list[str]) -> np.ndarray:  # both recipes read the same texts: encode once
        key = tuple(units)
        if key not in vectors:
            vectors[key] = encoder.encode(units)
        return vectors[key]

    log("old recipe (the active version's training data), out of fold")
    old_pred = techniques.train(old_arts, log, article_fold=fold, n_folds=k, final=False, trainable=learn,
                                encode=encode, probabilities_out=oof.setdefault("old", []) if oof is not None else None)[2]
    log("new recipe (with corrections), out of fold, then on everything")
    manifest, arrays, new_pred = techniques.train(new.articles, log, article_fold=fold, n_folds=k, encode=encode,
                                                  probabilities_out=oof.setdefault("new", []) if oof is not None else None)
    y, corrected = _line_truth(new.articles, new.corrected)
    return compare(list(TECHNIQUES), y, old_pred, new_pred, corrected), manifest, arrays


def _documents(model: str, new: Merged, old_arts: list[TrainArticle], learn: np.ndarray, fold: np.ndarray,
               k: int, log: Log) -> tuple[Comparison, dict[str, Any], dict[str, np.ndarray]]:
    from propscope.training import docclass

    x = docclass.doc_matrix(new.articles)
    corrected = np.array(new.corrected, dtype=bool)
    if model == "genre":
        eye = np.eye(len(GENRES), dtype=np.int8)
        y_new, y_old = docclass.genre_labels(new.articles), docclass.genre_labels(old_arts)
        old_pred = eye[docclass.genre_oof(x, y_old, fold, k, learn)]
        new_pred = eye[docclass.genre_oof(x, y_new, fold, k)]
        cmp = compare(list(GENRES), eye[y_new], old_pred, new_pred, corrected)
        manifest, arrays = docclass.train_genre(log, new.articles, article_fold=fold, n_folds=k)
    else:
        y_new, y_old = docclass.frame_labels(new.articles), docclass.frame_labels(old_arts)
        old_pred = docclass.frames_oof(x, y_old, fold, k, learn)[1]
        new_pred = docclass.frames_oof(x, y_new, fold, k)[1]
        cmp = compare(list(FRAMES), y_new, old_pred, new_pred, corrected)
        manifest, arrays = docclass.train_frames(log, new.articles, article_fold=fold, n_folds=k)
    return cmp, manifest, arrays


def corrections_summary(used: list[Correction], replaced: int, articles: int) -> dict[str, Any]:
    ids = sorted({c.id for c in used})
    times = sorted(c.created_at for c in used)
    return {"count": len(ids), "articles": articles, "semeval_articles_overridden": replaced,
            "authors": sorted({c.author for c in used}),
            "ids_sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16],
            "from": times[0].isoformat() if times else None, "to": times[-1].isoformat() if times else None}


def retrain_one(store: Store, model: str, opts: Options, log: Log) -> Outcome:
    from propscope.training.__main__ import data_fingerprint

    parent = active_version(model)
    parent_manifest = load_bundle(model).manifest
    original = original_articles(model, opts.languages, opts.max_articles)
    new = merge(original, load_corrected(store), model)
    if not new.corrections:  # the CLI says so (one line per model, in its results)
        return Outcome(model, "no-corrections", parent)
    keep = correction_ids_of(model, parent)
    old = merge(original, load_corrected(store, keep=keep) if keep else [], model)
    old_arts, learn = old_view(new, old)
    fold = pool_folds(new, len(original), opts.n_folds)
    n_corrected = sum(new.corrected)
    log(f"{model}: {len(original)} SemEval articles, {n_corrected} corrected "
        f"({new.replaced} replace SemEval ones), {len(new.corrections)} corrections, {opts.n_folds} folds")
    oof: dict[str, list[np.ndarray]] = {}
    if model == "techniques":
        cmp, manifest, arrays = _techniques(new, old_arts, learn, fold, opts.n_folds, log, oof)
    elif model == "spans":
        cmp, manifest, arrays = spans_comparison(new, old_arts, learn, fold, opts.n_folds, log)
    else:
        cmp, manifest, arrays = _documents(model, new, old_arts, learn, fold, opts.n_folds, log)
    decision = decide(cmp, opts.force)
    version = new_version_id(model)
    base = str(parent_manifest.get("version", "0")).split("+")[0]
    # Languages it learned: others are flagged low-confidence at run time (a --languages en
    # version must not pass for the multilingual model it replaces).
    learned = sorted({a.lang for a in new.articles})
    cv = dict(manifest.get("cv") or {})
    if isinstance(cv.get("micro_f1"), dict):  # an absent language's empty score reads 1.0: drop it
        cv["micro_f1"] = {k: v for k, v in cv["micro_f1"].items() if k in learned}
    manifest = {**manifest, "cv": cv, "languages": learned,
                "name": model, "version": f"{base}+{version}",
                "built": dt.date.today().isoformat(), "command": opts.command,
                "data": {"semeval2023": data_fingerprint(), "languages": " ".join(opts.languages),
                         "max_articles": opts.max_articles},
                "feedback": {
                    "parent": {"version": parent, "model": f"{model}@{parent_manifest.get('version')}",
                               "data": parent_manifest.get("data")},
                    "corrections": corrections_summary(new.corrections, new.replaced, n_corrected),
                    "held_out": {"folds": opts.n_folds, "fold_seed": SEED, **cmp.to_json()},
                    "decision": decision, "forced": opts.force, "command": opts.command,
                    "seeds": {"folds": SEED, "hyperparameters": manifest.get("hyperparameters")},
                }}
    path = save_version(model, version, manifest, arrays, [c.id for c in new.corrections])
    if decision in ("activated", "forced"):
        use_version(model, version)
    followers = []
    if model == "techniques":  # the accurate tier mixes this model's probabilities in: re-fit its head
        from propscope.training.feedback_accurate import refit_accurate

        followers = refit_accurate(new, oof, version, decision, opts, log)
        if decision in ("activated", "forced"):  # a head kept back: the shipped one, never a stale one
            for name, v in follow_fast_tier(version):
                log(f"{name}: {v} is active (the head that goes with techniques {version})")
    return Outcome(model, decision, parent, version, path, cmp, len(new.corrections), manifest["languages"],
                   followers)


def semeval_codes(languages: list[str]) -> list[str]:
    """ISO 639-1 or SemEval codes (en de ge pl po ...) -> SemEval's training folder names."""
    iso_to_code = {iso: code for code, iso in SEMEVAL_TO_ISO.items() if code in TRAIN_LANGS}
    out = []
    for lang in languages:
        code = lang if lang in TRAIN_LANGS else iso_to_code.get(lang)
        if code is None:
            raise ValueError(f"no SemEval training data for language {lang!r}; "
                             f"choose from {', '.join(sorted(iso_to_code))}")
        out.append(code)
    return out
