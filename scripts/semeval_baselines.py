"""Reference scores for subtasks 1 and 2: a bag-of-words baseline on our CV folds.

The official test-set baselines cannot be recomputed offline (no gold labels for the test
articles), so this runs the classic shared-task baseline recipe, per-language word TF-IDF +
linear SVM (one-vs-rest for the multi-label frames), on the same article-level folds `make
models` uses, and the shipped genre and frames models are compared with it like for like.
Reproduce: `.venv/bin/python scripts/semeval_baselines.py` (needs the `train` extra, ../shared).
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from propscope.semeval.labels import FRAMES, GENRES
from propscope.semeval.metrics import score
from propscope.training.data import TRAIN_LANGS, load_doc_only
from propscope.training.folds import N_FOLDS, article_folds


def _cv(subtask: int) -> dict[str, float]:
    arts = [a for code in TRAIN_LANGS for a in load_doc_only(code, subtask)
            if (a.genre if subtask == 1 else a.frames is not None)]
    labels = GENRES if subtask == 1 else FRAMES
    y = np.zeros((len(arts), len(labels)), dtype=np.int8)
    for i, a in enumerate(arts):
        for name in ([a.genre] if subtask == 1 else a.frames or []):
            y[i, labels.index(name)] = 1
    langs = np.array([a.lang for a in arts])
    fold = article_folds(list(langs))
    pred = np.zeros_like(y)
    for k in range(N_FOLDS):
        tr, te = fold != k, fold == k
        for lang in sorted(set(langs)):  # the official baseline trains one model per language
            a, b = tr & (langs == lang), te & (langs == lang)
            vec = TfidfVectorizer(sublinear_tf=True).fit([arts[i].article.text for i in np.flatnonzero(a)])
            xa = vec.transform([arts[i].article.text for i in np.flatnonzero(a)])
            xb = vec.transform([arts[i].article.text for i in np.flatnonzero(b)])
            if subtask == 1:
                m = LinearSVC().fit(xa, y[a].argmax(axis=1))
                pred[b] = np.eye(len(labels), dtype=np.int8)[m.predict(xb)]
            else:
                keep = y[a].any(axis=0) & ~y[a].all(axis=0)
                m = OneVsRestClassifier(LinearSVC()).fit(xa, y[a][:, keep])
                pred[np.ix_(b, keep)] = m.predict(xb)
    average = "macro" if subtask == 1 else "micro"
    return {str(lang): round(score(y[langs == lang], pred[langs == lang], labels, average).f1, 3)
            for lang in ("en", "fr", "de", "it", "pl", "ru")}


def main() -> None:
    print("word TF-IDF + linear SVM per language, same 5 folds as make models")
    print("  subtask 1 genre, macro-F1: ", _cv(1))
    print("  subtask 2 frames, micro-F1:", _cv(2))


if __name__ == "__main__":
    main()
