"""Span tagger: token features, decoding rules, and the shipped bundle end to end."""

from __future__ import annotations

import numpy as np

from propscope.models.span_features import token_features, tokenize
from propscope.models.spantagger import (
    Decoding,
    SpanTagger,
    decode,
    feature_rows,
    sparse_scores,
)

TEXT = "They call it «peace»: a shameful, cowardly surrender!"


def test_tokens_carry_exact_offsets() -> None:
    toks = tokenize(TEXT)
    assert all(TEXT[t.start : t.end] == t.text for t in toks)
    assert [t.text for t in toks[:5]] == ["They", "call", "it", "«", "peace"]


def test_features_mark_quotes_and_sentence_end() -> None:
    toks = tokenize(TEXT)
    feats = dict(zip((t.text for t in toks), token_features(toks)))
    assert "q" in feats["peace"] and "q" not in feats["shameful"]
    assert "end=!" in feats["cowardly"] and "w=cowardly" in feats["cowardly"]
    assert "pos=0" in feats["They"] and "b=shameful|," in feats[","]


def test_decode_keeps_runs_above_threshold_and_bridges_gaps() -> None:
    toks = tokenize(TEXT)
    p = np.zeros(len(toks))
    i = [t.text for t in toks].index("shameful")
    p[i] = p[i + 2] = 0.9  # "shameful" "," "cowardly"
    spans = decode(p, toks, Decoding(0.5, gap=1, window=2))
    assert [TEXT[s:e] for s, e, _ in spans] == ["shameful, cowardly"]
    spans = decode(p, toks, Decoding(0.5, gap=0, window=2))
    assert [TEXT[s:e] for s, e, _ in spans] == ["shameful", "cowardly"]


def test_decode_trims_punctuation_and_falls_back_to_best_window() -> None:
    toks = tokenize(TEXT)
    p = np.full(len(toks), 0.1)
    j = [t.text for t in toks].index("surrender")
    p[j] = 0.4
    p[j - 1] = 0.3
    (span,) = decode(p, toks, Decoding(0.5, gap=0, window=2))  # nothing clears 0.5
    assert TEXT[span[0] : span[1]] == "cowardly surrender"
    assert decode(np.ones(len(toks)), toks, Decoding(0.0, 0, 1))[0][:2] == (0, len(TEXT) - 1)


def test_sparse_scores_match_dense_product() -> None:
    rng = np.random.default_rng(0)
    w = rng.normal(size=(50, 3)).astype(np.float32)
    b = rng.normal(size=3).astype(np.float32)
    index = {f"f{i}": i for i in range(50)}
    feats = [["f1", "f7", "unknown"], [], ["f49"]]
    indptr, indices = feature_rows(feats, index)
    dense = np.zeros((3, 50), dtype=np.float32)
    for r, f in enumerate(feats):
        for name in f:
            if name in index:
                dense[r, index[name]] = 1
    assert np.allclose(sparse_scores(indptr, indices, w, b), 1 / (1 + np.exp(-(dense @ w + b))), atol=1e-5)


def test_shipped_tagger_gives_every_label_a_span_inside_the_paragraph() -> None:
    tagger = SpanTagger.load()
    text = ("The so-called experts are lying again. Without Russia, there can be no victory over terror, "
            "the senator said, and everyone knows it.")
    labels = ["Loaded_Language", "Doubt", "Appeal_to_Authority"]
    out = tagger.spans(text, labels)
    assert set(out) == set(labels)
    for found in out.values():
        assert found and all(0 <= s < e <= len(text) and text[s:e].strip() == text[s:e] for s, e, _ in found)
    assert tagger.spans("", ["Doubt"]) == {"Doubt": []} and tagger.spans(text, []) == {}


def _sentences(text: str) -> list[str]:
    from propscope.models.span_features import sentence_ranges

    toks = tokenize(text)
    return [text[toks[s].start : toks[e - 1].end] for s, e in sentence_ranges(toks)]


def test_sentences_keep_titles_initials_and_closing_quotes() -> None:
    text = 'Gen. Smith met Dr. Jones in the U.S. capital. "They lied!" Why?! Ask т. Иванов.'
    assert _sentences(text) == ["Gen. Smith met Dr. Jones in the U.S. capital.", '"They lied!"', "Why?!",
                                "Ask т. Иванов."]
    assert _sentences("no stop at all") == ["no stop at all"]


def test_sentence_mode_marks_best_sentence_or_those_above_threshold() -> None:
    text = "Facts are facts. But who really believes them? Nobody does."
    toks = tokenize(text)
    p = np.array([0.9 if 4 <= i <= 9 else 0.1 for i in range(len(toks))])
    (span,) = decode(p, toks, Decoding(1.01, 0, 1, sentences=True))
    assert text[span[0] : span[1]] == "But who really believes them"
    whole = decode(p, toks, Decoding(0.0, 0, 1, sentences=True))
    assert [text[s:e] for s, e, _ in whole] == ["Facts are facts. But who really believes them? Nobody does"]


def test_function_words_are_trimmed_from_token_runs_but_names_stay() -> None:
    text = "and the US regime is lying to the"
    toks = tokenize(text)
    fw = frozenset({"and", "the", "is", "to", "us"})
    p = np.ones(len(toks))
    (span,) = decode(p, toks, Decoding(0.5, 0, 1), fw)
    assert text[span[0] : span[1]] == "US regime is lying"  # "US" is not the pronoun "us"
    (only,) = decode(np.ones(2), tokenize("to the"), Decoding(0.5, 0, 1), fw)
    assert only[:2] == (0, 6)  # nothing but function words: kept rather than lost
    (sent,) = decode(p, toks, Decoding(0.0, 0, 1, sentences=True), fw)
    assert sent[:2] == (0, len(text))  # whole sentences are not trimmed
