"""Shingles, MinHash signatures and LSH buckets: normalisation, determinism, estimates."""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
from _reuse_texts import EN, EN_OTHER

from propscope.corpus import shingles as S


def test_normalisation_ignores_case_punctuation_and_compatibility_forms() -> None:
    a = S.shingle_hashes("The ﬁnal report, “published” on Tuesday — says: repairs cost more.")
    b = S.shingle_hashes("the FINAL report published on tuesday says repairs cost more")
    assert len(a) == 6 and np.array_equal(a, b)  # 10 tokens, 6 five-grams


def test_long_digit_ids_are_dropped_but_numbers_stay() -> None:
    assert S.tokens("Bombers [19659008] hit 22 targets in 2017") == ["bombers", "hit", "22", "targets", "in", "2017"]
    assert S.tokens("snake_case stays one token") == ["snake_case", "stays", "one", "token"]
    # an id inserted by a copy pipeline does not break the shingles around it
    assert np.array_equal(S.shingle_hashes("one two [19659008] three four five six"),
                          S.shingle_hashes("one two three four five six"))


def test_cyrillic_and_accents_tokenise() -> None:
    assert S.tokens("Мэр сообщил: «Ремонт» — l’État, Straße") == ["мэр", "сообщил", "ремонт", "l", "état", "strasse"]


def test_short_and_empty_texts() -> None:
    assert len(S.shingle_hashes("")) == 0
    assert len(S.shingle_hashes("!!! ... ---")) == 0
    assert len(S.shingle_hashes("Hello")) == 1
    assert len(S.shingle_hashes("one two three four")) == 1
    assert not np.array_equal(S.shingle_hashes("one two"), S.shingle_hashes("two one"))


def test_paragraph_shingles_never_cross_paragraphs_and_match_per_text_hashes() -> None:
    paras = [EN[0], "Short one.", "", EN[1]]
    sets, keys = S.paragraph_shingles(paras)
    for text, got in zip(paras, sets):
        assert np.array_equal(got, S.shingle_hashes(text))
    assert keys[2] == 0 and len(set(keys.tolist())) == 4
    # the same paragraph elsewhere gets the same key (verbatim repeats are found by key)
    _, again = S.paragraph_shingles(["x y", EN[1].upper()])
    assert again[1] == keys[3]


def test_hashes_are_the_same_in_another_process() -> None:
    code = ("from propscope.corpus.shingles import shingle_hashes;"
            "print(shingle_hashes('the harbour authority of kelmsport confirmed on tuesday').tolist())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outs) == 1
    assert outs.pop().strip() == str(S.shingle_hashes("The harbour authority of Kelmsport confirmed on Tuesday").tolist())


def _sets(n: int, overlap: int, size: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    common = rng.integers(0, 2**63, size=overlap, dtype=np.uint64)
    a = np.concatenate([common, rng.integers(0, 2**63, size=size - overlap, dtype=np.uint64)])
    b = np.concatenate([common, rng.integers(0, 2**63, size=size - overlap, dtype=np.uint64)])
    return S.unique_sorted(a), S.unique_sorted(b)


def test_signature_agreement_estimates_jaccard() -> None:
    for overlap, jac in ((400, 1.0), (267, 0.5), (0, 0.0)):
        estimates = []
        for seed in range(10):
            a, b = _sets(2, overlap, seed=seed)
            assert abs(S.jaccard(a, b) - jac) < 0.01
            sig = S.signatures([a, b])
            estimates.append((sig[0] == sig[1]).mean())
        assert abs(np.mean(estimates) - jac) < 0.05, (jac, estimates)


def test_short_sets_densify_and_empty_sets_get_no_band_key() -> None:
    sig = S.signatures([S.shingle_hashes("one two three four five six"), np.zeros(0, np.uint64)])
    assert (sig[0] != 0xFFFFFFFF).all()
    assert (sig[1] == 0xFFFFFFFF).all()
    keys = S.band_keys(sig, 42, 3)
    assert (keys[0] != 0).all() and (keys[1] == 0).all()
    assert len({int(k) >> 56 for k in keys[0]}) == 42  # the band is in the key's top byte


def test_buckets_group_near_duplicates_only() -> None:
    texts = ["\n\n".join(EN), "\n\n".join(EN[:5]) + "\n\nOne more closing line added by the copier.", "\n\n".join(EN_OTHER), ""]
    sig = S.signatures([S.shingle_hashes(t) for t in texts])
    buckets = S.buckets(["a", "b", "c", "d"], S.band_keys(sig, 42, 3))
    assert buckets and all(ids == ["a", "b"] for ids in buckets.values())


def test_a_megabyte_document_is_fast() -> None:
    text = " ".join(f"word{i % 5000} filler{i % 7}" for i in range(90_000))
    assert len(text) > 1_000_000
    t = time.perf_counter()
    hs = S.shingle_hashes(text)
    sig = S.signatures([hs])
    assert time.perf_counter() - t < 5
    assert len(hs) > 1000 and (sig != 0xFFFFFFFF).all()
