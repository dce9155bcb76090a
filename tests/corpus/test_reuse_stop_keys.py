"""Stop keys (ReuseDetector.bucket_cap): an LSH bucket with more members than the cap is a
phrase many unrelated stories share; it yields no all-pairs, and real copies still meet
through the other bands they share."""

from __future__ import annotations

import numpy as np
from _reuse_texts import EN, EN_OTHER, make_doc

from propscope.corpus import reuse_tasks as RT
from propscope.corpus.reuse import ReuseDetector

#: A template paragraph written for this test, carried by every article below.
TEMPLATE = ("Readers can send tips to the newsroom through the secure form on our website, and "
            "every message is read by an editor before the morning meeting decides what we cover.")
OTHER = EN_OTHER + [
    ("A chess club in Varnley will move to the public library in April because the hall it rented "
     "for thirty years is being turned into flats by its new owner."),
    ("The regional orchestra announced that its winter season will include four concerts for "
     "schools, paid for by a grant from a foundation set up by a retired teacher."),
]


def _keys(n: int, bands: int) -> np.ndarray:
    """Every row its own key per band (no bucket), band b's keys distinct from band c's."""
    return (np.arange(n)[:, None] * bands + np.arange(bands)[None, :] + 1).astype(np.uint64)


def test_a_bucket_above_the_cap_yields_no_pairs_but_copies_meet_in_other_bands() -> None:
    keys = _keys(20, 6)
    keys[:, 0] = 999_999  # band 0: all 20 rows share one key (a template), above cap 16
    keys[7, 1:5] = keys[3, 1:5]  # rows 3 and 7 (a copy) share bands 1-4 as well
    assert RT.rank_pairs(keys, 16).tolist() == [[3, 7]]
    assert len(RT.rank_pairs(keys, 20)) == 190  # at the cap it is an ordinary bucket
    chain = RT.rank_pairs(keys, 16, neighbours=1).tolist()
    assert chain == sorted([[i, i + 1] for i in range(19)] + [[3, 7]])


def test_detector_stop_keys_drop_template_pairs_and_keep_the_copy() -> None:
    docs = [make_doc(f"other-{k}", [p, TEMPLATE], source=f"outlet-{k}") for k, p in enumerate(OTHER)]
    docs += [make_doc("source", EN + [TEMPLATE], source="wire"),
             make_doc("copy", EN + [TEMPLATE], source="reprinter")]
    plain = ReuseDetector(translated=False)
    buckets = plain.candidates(docs)
    assert any(len(ids) > 3 for ids in buckets.values())  # the template's stop buckets
    capped = ReuseDetector(translated=False, bucket_cap=3, bucket_neighbours=0)
    kept = capped.candidate_pairs(capped.candidates(docs))
    small = {(a, b) for ids in buckets.values() if len(ids) <= 3
             for x, a in enumerate(ids) for b in ids[x + 1:]}
    assert set(kept) == small < set(plain.candidate_pairs(buckets))
    copy = next(p for p in kept if set(p) == {"source", "copy"})
    assert [(ln.earlier, ln.later, ln.kind) for ln in capped.find(docs)
            if {ln.earlier, ln.later} == set(copy)] == [(*copy, "duplicate")]
