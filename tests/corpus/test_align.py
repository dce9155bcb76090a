"""Seed-and-extend paragraph alignment: reordering, edits, added/dropped, boilerplate."""

from __future__ import annotations

import numpy as np
from _reuse_texts import BOILER_A, BOILER_B, EN, EN_OTHER, make_doc

from propscope.corpus import shingles as S
from propscope.corpus.align import (
    align,
    align_vectors,
    is_boilerplate_text,
    paragraph_spans,
    profile,
)


def _align(a_blocks: list[str], b_blocks: list[str], boiler: np.ndarray | None = None):
    return align(profile(make_doc("a", a_blocks), boiler), profile(make_doc("b", b_blocks), boiler))


def test_identical_texts_align_paragraph_by_paragraph() -> None:
    al = _align(EN, EN)
    assert [(p.a, p.b, p.change) for p in al.passages] == [(i, i, "same") for i in range(len(EN))]
    assert (al.coverage_a, al.coverage_b, al.added, al.dropped) == (1.0, 1.0, [], [])


def test_reordered_paragraphs_still_align() -> None:
    order = [3, 0, 5, 1, 4, 2]
    al = _align(EN, [EN[i] for i in order])
    assert sorted((p.a, p.b) for p in al.passages) == sorted((a, b) for b, a in enumerate(order))
    assert al.coverage_a == al.coverage_b == 1.0


def test_partial_copy_with_added_and_dropped_paragraphs() -> None:
    later = [EN_OTHER[0], EN[0], EN[1], EN[2]]
    al = _align(EN, later)
    assert [(p.a, p.b) for p in al.passages] == [(0, 1), (1, 2), (2, 3)]
    assert al.added == [0] and al.dropped == [3, 4, 5]
    assert al.coverage_b < 0.9 and 0.3 < al.coverage_a < 0.6


def test_edited_paragraph_is_edited_and_rewritten_neighbour_joins_by_extension() -> None:
    edited = EN[1].replace("warned the council", "begged the incompetent council").replace("two years", "three long years")
    rewritten = ("The report says the repairs will cost 4.2 million pounds and take at least seven months; "
                 "meanwhile the islands ferry is to use the quay in the south.")  # 40% shared: no seed
    al = _align(EN[:4], [EN[0], edited, rewritten, EN[3]])
    changes = {(p.a, p.b): p.change for p in al.passages}
    assert changes[(0, 0)] == "same" and changes[(1, 1)] == "edited" and changes[(3, 3)] == "same"
    assert changes.get((2, 2)) == "edited"  # too little shared to seed, joined between seeds
    assert al.added == [] and al.dropped == []


def test_boilerplate_only_differences_are_invisible() -> None:
    al = _align(BOILER_A + EN, EN + BOILER_B)
    assert al.coverage_a == al.coverage_b == 1.0
    assert al.added == [] and al.dropped == []


def test_boilerplate_only_texts_share_nothing() -> None:
    assert all(is_boilerplate_text(t) for t in BOILER_A)
    al = _align(BOILER_A, BOILER_A)
    assert al.passages == [] and al.coverage_a == al.coverage_b == 0.0


def test_run_wide_frequent_shingles_are_not_content() -> None:
    footer = "The Harbour Gazette is funded by its readers and by the Coastal Media Trust since 1998."
    boiler = S.shingle_hashes(footer)
    al = _align([EN[0], footer], [EN_OTHER[0], footer], boiler)
    assert al.passages == [] and al.coverage_a == 0.0


def test_empty_and_one_word_documents() -> None:
    for a, b in (([], []), (["word"], ["word"]), ([""], EN), (["word"], EN)):
        al = _align(a, b)
        assert al.coverage_a <= 1.0 and al.coverage_b <= 1.0
    assert paragraph_spans(make_doc("x", [])) == []


def test_paragraphs_from_blank_lines_when_none_are_given() -> None:
    doc = make_doc("x", EN[:3])
    doc.paragraphs = []
    assert [doc.text[s:e] for s, e in paragraph_spans(doc)] == EN[:3]


def test_align_vectors_takes_mutual_best_matches() -> None:
    va = np.eye(4, 8, dtype=np.float32)
    vb = np.stack([va[2], va[0] + 0.1, np.ones(8, np.float32) * -1, va[1]])
    passages, added, dropped = align_vectors(va, vb, 0.9)
    assert [(p.a, p.b, p.change) for p in passages] == [(0, 1, "translated"), (1, 3, "translated"), (2, 0, "translated")]
    assert added == [2] and dropped == [3]
    assert align_vectors(va[:0], vb, 0.5) == ([], [0, 1, 2, 3], [])
