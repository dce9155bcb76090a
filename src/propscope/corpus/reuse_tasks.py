"""How a reuse run is cut into independent tasks (issue 5: scale out, never gather).

Why this shape: at 100k articles a run verifies millions of candidate pairs; everything
per article (tokens, shingles, extractor line rules) is computed once, in partitions of
articles, and everything per pair in partitions of pairs. In between, the driver only
holds arrays: one shingle array per article, the run's boilerplate, MinHash band keys and
the candidate pairs as two int columns (ranks in publication order), never a Python
object per pair.

- `shingle_all(docs, engine)`: align.DocShingles and markers of every article,
  SHINGLE_TASK articles per task.
- `rank_pairs(keys, cap, neighbours)`: unique candidate pairs (earlier rank, later rank)
  from LSH band keys of articles given in publication order, grouped by bucket size in
  numpy; buckets above `cap` are stop keys.
- `pair_chunks(pairs)`: pairs sorted by the earlier article, PAIR_TASK per task: a task
  covers a stretch of publication time, so the articles it needs (and profiles) are few.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from propscope.corpus.align import DocShingles, doc_shingles
from propscope.corpus.docs import CorpusDoc
from propscope.corpus.markers import find_markers
from propscope.schema.corpus import Marker

#: Articles per shingling task.
SHINGLE_TASK = 1000
#: Candidate pairs per verification task.
PAIR_TASK = 20000


def shingle_task(docs: list[CorpusDoc]) -> list[tuple[DocShingles, list[Marker] | None]]:
    """Per article: its shingles and its markers (verification needs the markers of the
    articles it links, the markers table those of all: found once, here)."""
    return [(doc_shingles(d), find_markers(d)) for d in docs]


def shingle_only_task(docs: list[CorpusDoc]) -> list[tuple[DocShingles, list[Marker] | None]]:
    """Shingles for candidate generation only: no markers, no extractor line rule (both
    serve verification; candidates() callers verify through profile(), which makes its own)."""
    return [(doc_shingles(d, rule=False), None) for d in docs]


def shingle_all(docs: Sequence[CorpusDoc], engine: Any = None, markers: bool = True
                ) -> tuple[list[DocShingles], list[list[Marker] | None]]:
    """DocShingles and markers (None unless `markers`) of `docs` in order, partitioned
    through `engine` when given."""
    parts = [list(docs[i : i + SHINGLE_TASK]) for i in range(0, len(docs), SHINGLE_TASK)]
    task = shingle_task if markers else shingle_only_task
    done = engine.map(task, parts) if engine is not None else [task(p) for p in parts]
    flat = [x for part in done for x in part]
    return [ds for ds, _m in flat], [m for _ds, m in flat]


@dataclass(slots=True)
class ShingleTable:
    """Every article's DocShingles in a few flat arrays (rows in rank order): what pair tasks
    get as context. Why: 100k DocShingles objects are 5 small arrays each, ~3x their data
    in memory and ~20 s to pickle, and a Dask worker holds its own copy; as one table they
    pickle at memory speed and take their data's size. `row(i)` is a DocShingles of views."""

    flat: np.ndarray
    flat_at: np.ndarray  # row i's shingles: flat[flat_at[i]:flat_at[i + 1]]
    sizes: np.ndarray  # per paragraph, all rows
    keys: np.ndarray
    rule: np.ndarray
    chars: np.ndarray
    para_at: np.ndarray  # row i's paragraphs: [para_at[i]:para_at[i + 1]]

    @classmethod
    def of(cls, shingled: Sequence[DocShingles]) -> ShingleTable:
        def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
            return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)

        def at(lens: list[int]) -> np.ndarray:
            return np.r_[0, np.cumsum(np.asarray(lens, dtype=np.int64))].astype(np.int64)

        if any(ds.rule is None for ds in shingled):
            raise ValueError("a ShingleTable needs shingles made with the boilerplate rule")
        return cls(cat([ds.flat for ds in shingled], np.uint64), at([len(ds.flat) for ds in shingled]),
                   cat([ds.sizes for ds in shingled], np.int64), cat([ds.keys for ds in shingled], np.uint64),
                   cat([ds.rule for ds in shingled], bool),  # type: ignore[misc]
                   cat([ds.chars for ds in shingled], np.int64), at([len(ds.sizes) for ds in shingled]))

    def __len__(self) -> int:
        return len(self.flat_at) - 1

    def row(self, i: int) -> DocShingles:
        a, b = self.para_at[i], self.para_at[i + 1]
        return DocShingles(self.flat[self.flat_at[i] : self.flat_at[i + 1]], self.sizes[a:b], self.keys[a:b],
                           self.rule[a:b], self.chars[a:b])


def _bucket_members(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(members sorted by bucket then row, bucket starts, bucket sizes) of buckets with 2+."""
    n, bands = keys.shape
    flat = keys.reshape(-1)
    row = np.repeat(np.arange(n, dtype=np.int64), bands)
    live = flat != 0
    flat, row = flat[live], row[live]
    order = np.lexsort((row, flat))
    flat, row = flat[order], row[order]
    if not len(flat):
        return row, row, row
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    return row, starts[sizes > 1], sizes[sizes > 1]


def rank_pairs(keys: np.ndarray, cap: int, neighbours: int = 0) -> np.ndarray:
    """Unique (i, j), i < j, of rows sharing a band key; rows are articles in publication
    order, so i is the earlier. A bucket of more than `cap` members is a stop key (see
    ReuseDetector.bucket_cap): it pairs each member only with its next `neighbours` members
    in publication order (none with 0). Sorted by (i, j)."""
    n = keys.shape[0]
    row, starts, sizes = _bucket_members(keys)
    codes: list[np.ndarray] = [np.zeros(0, np.int64)]
    for size in np.unique(sizes).tolist():
        if size > cap and not neighbours:
            continue
        members = row[starts[sizes == size][:, None] + np.arange(size)[None, :]]
        x, y = np.triu_indices(size, 1)
        keep = (y - x <= neighbours) if size > cap else slice(None)
        codes.append((members[:, x[keep]] * n + members[:, y[keep]]).ravel())
    flat = np.unique(np.concatenate(codes))
    return np.stack([flat // max(n, 1), flat % max(n, 1)], axis=1)


def pair_chunks(pairs: np.ndarray, size: int | None = None) -> Iterator[np.ndarray]:
    size = size or PAIR_TASK
    for s in range(0, len(pairs), size):
        yield pairs[s : s + size]


def needed(chunk: np.ndarray) -> list[int]:
    """Rows a chunk of pairs touches, sorted."""
    return np.unique(chunk).tolist()


def task_rows(chunk: np.ndarray, *columns: Sequence[Any]) -> tuple[Any, ...]:
    """(the chunk's pairs as positions in the task's own lists, then each column cut down
    to the rows the chunk touches): a task carries only the articles it needs, and its
    pairs as one small int array instead of millions of id tuples held at once."""
    rows = np.unique(chunk)
    local = np.searchsorted(rows, chunk).astype(np.int32)
    return (local, *([col[r] for r in rows.tolist()] for col in columns))
