"""The numpy TF-IDF must reproduce scikit-learn's analyzers (training uses ours, not theirs)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from propscope.models.textvec import NgramTfidf, char_ngrams, word_ngrams

TEXTS = ["The minister said: «Nobody will stop us!»", "Это просто ложь,   говорит он.",
         "Die Regierung lügt — wieder einmal.", "a", ""]


def test_word_ngrams_match_sklearn() -> None:
    cv = CountVectorizer(ngram_range=(1, 2))
    an = cv.build_analyzer()
    for t in TEXTS:
        assert sorted(word_ngrams(t, 2)) == sorted(an(t))


def test_char_wb_ngrams_match_sklearn() -> None:
    an = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for t in TEXTS:
        assert sorted(char_ngrams(t, 2, 5)) == sorted(an(t))


def test_transform_is_l2_normalised_sublinear_tfidf() -> None:
    vec = NgramTfidf.fit("word", 1, 1, ["lies lies lies truth", "truth hurts"], min_df=1, max_features=10)
    rows = vec.transform(["lies lies truth", "unknown words only"])
    dense = rows.dot(np.eye(len(vec.vocabulary), dtype=np.float32))
    assert np.isclose(np.linalg.norm(dense[0]), 1.0)
    assert not dense[1].any()  # nothing known: an all-zero row, not NaN
    i_lies, i_truth = vec.index["lies"], vec.index["truth"]
    ratio = dense[0, i_lies] / dense[0, i_truth]
    expected = (1 + np.log(2)) * vec.idf[i_lies] / vec.idf[i_truth]
    assert np.isclose(ratio, expected, rtol=1e-5)


@pytest.mark.parametrize("kind,lo,hi", [("word", 1, 2), ("char", 2, 5)])
def test_transform_equals_sklearn_tfidf(kind: str, lo: int, hi: int) -> None:
    """Same vocabulary, idf and values as scikit-learn, also for repeated (memoised) words."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = ["Lies, lies and more LIES!", "Die Lüge  lügt\tnicht", "ложь и правда", "truth truth hurts",
              "a b c", ""]
    ours = NgramTfidf.fit(kind, lo, hi, corpus, min_df=1, max_features=10_000)
    ref = TfidfVectorizer(analyzer="char_wb" if kind == "char" else "word", ngram_range=(lo, hi),
                          sublinear_tf=True, lowercase=True).fit(corpus)
    assert ours.vocabulary == sorted(ref.vocabulary_)
    probe = corpus + ["lies lies lies, truth", "nothing known here zzz"]
    for _ in range(2):  # the second pass reads the per-word cache
        got = ours.transform(probe).dot(np.eye(len(ours.vocabulary), dtype=np.float32))
        want = ref.transform(probe).toarray()[:, [ref.vocabulary_[t] for t in ours.vocabulary]]
        assert np.allclose(got, want, atol=1e-6)
