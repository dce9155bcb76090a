"""Corrected articles in the training pool: SemEval gold overridden key by key and in place,
other corrected articles appended with their effective labels, each model its own set."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.schema.analysis import TITLE
from propscope.store import open_store
from propscope.training.feedback import original_articles, pool_folds
from propscope.training.feedback_data import load_corrected, merge
from propscope.training.folds import article_folds
from tests.training.feedback_world import (
    clock_article,
    clock_corrections,
    correction,
    have_semeval,
    semeval_as_stored,
    store_articles,
    urgent_paragraph,
)

pytestmark = pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")


def test_pool_overrides_gold_in_place_and_appends_others(tmp_path: Path) -> None:
    original = original_articles("techniques", ["en"], 10)
    gold = next(t for t in original[3:] if any(t.line_labels.values()) and t.spans)
    at = original.index(gold)
    sem = semeval_as_stored(gold)
    clocks = [clock_article(n) for n in range(3)]
    line = next(ln for ln in gold.article.lines[1:] if gold.line_labels[ln.number])
    unit = [ln.number for ln in gold.article.lines[1:]].index(line.number)
    dropped = gold.line_labels[line.number][0]
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        store_articles(store, [sem, *clocks])
        store.add_corrections([
            correction(sem, "paragraph", "reject", dropped, 0, paragraph=unit),
            correction(sem, "paragraph", "add", "Appeal_to_Time", 1, paragraph=TITLE),
            correction(clocks[2], "genre", "relabel", "reporting", 2, new_label="satire"),
            *clock_corrections(clocks[:2]),
        ])
        items = load_corrected(store)
        pool = merge(original, items, "techniques")
        only_first = merge(original, load_corrected(store, keep={c.id for c in items[0].corrections}),
                           "techniques")
        genre = merge(original_articles("genre", ["en"], 5), items, "genre")
    assert (len(pool.articles), pool.replaced, len(pool.corrections)) == (12, 1, 4)
    assert pool.corrected == [i == at for i in range(10)] + [True, True]
    mine = pool.articles[at]
    assert [ln.text for ln in mine.article.lines] == [ln.text for ln in gold.article.lines]
    want = [gold.line_labels[ln.number] for ln in gold.article.lines]
    got = [mine.line_labels[ln.number] for ln in mine.article.lines]
    k = unit + 1  # position of the corrected paragraph (0 is the title)
    assert got[0] == sorted({*want[0], "Appeal_to_Time"}) and dropped not in got[k]
    assert set(got[k]) == set(want[k]) - {dropped}
    assert [g for i, g in enumerate(got) if i not in (0, k)] == [w for i, w in enumerate(want) if i not in (0, k)]
    text_of = lambda ta, s, e: ta.article.text[s:e]
    assert sorted((t, text_of(mine, s, e)) for t, s, e in mine.spans) == sorted(
        (t, text_of(gold, s, e)) for t, s, e in gold.spans)  # gold spans mapped onto the stored text
    clock = pool.articles[10]
    assert clock.lang == "en" and clock.line_labels[3 + 2 * urgent_paragraph(clocks[0])] == ["Appeal_to_Time"]
    assert sum(bool(v) for v in clock.line_labels.values()) == 1
    assert len(only_first.articles) in (10, 11) and len(only_first.corrections) < 4
    assert (len(genre.articles), genre.articles[-1].genre) == (6, "satire")  # only the genre-corrected one
    folds = pool_folds(pool, 10, 3)
    assert list(folds[:10]) == list(article_folds(["en"] * 10, 3))  # SemEval rows fold as training does
    assert list(pool_folds(pool, 10, 3)) == list(folds)  # deterministic


def test_old_recipe_view_after_a_feedback_parent(tmp_path: Path) -> None:
    """A retrain on top of a feedback version: the OLD side learns SemEval plus exactly the
    corrections that version learned (its corrections.txt); newer corrected articles are
    only predicted on the old side, and keep the old version's labels where it had them."""
    from propscope.training.feedback import old_view

    original = original_articles("techniques", ["en"], 6)
    clocks = [clock_article(n) for n in range(4)]
    with open_store(f"sqlite:///{tmp_path / 'v.db'}") as store:
        store_articles(store, clocks)
        first = clock_corrections(clocks[:2])
        store.add_corrections(first)
        parent = merge(original, load_corrected(store), "techniques")
        store.add_corrections(clock_corrections(clocks[2:]))
        new = merge(original, load_corrected(store), "techniques")
        old = merge(original, load_corrected(store, keep={c.id for c in parent.corrections}), "techniques")
    assert {c.id for c in old.corrections} == {c.id for c in first}
    arts, learn = old_view(new, old)
    assert len(arts) == len(new.articles) == 10
    parents = {a.id for a in clocks[:2]}
    assert learn.tolist() == [i < 6 or a.article.id in parents for i, a in enumerate(new.articles)]
    assert sum(learn) == 8  # SemEval + the parent's two clocks
    old_ids = [a.article.id for a in old.articles]
    for a, mine, ok in zip(arts, new.articles, learn, strict=True):
        assert a is (old.articles[old_ids.index(mine.article.id)] if ok else mine)
