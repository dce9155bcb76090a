"""Corrections in the store: validation, append-only batches, queries, effective labels,
conflicts, survival across re-analysis, re-ingestion and deletion, agreement."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from propscope.review.agreement import cohen_kappa
from propscope.schema.analysis import Analysis, Span, UnitTechniques
from propscope.schema.review import Correction, CorrectionError
from propscope.store import Store, head_revision, open_store
from propscope.store.review_facade import ReviewedArticleError
from propscope.store.tables import corrections
from tests.review_data import corr, reviewed_article, span_at


def _stored(store: Store, *ns: int) -> list:
    items = [reviewed_article(n) for n in ns]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    return [a for a, _ in items]


def test_head_is_0008(store: Store) -> None:
    assert head_revision() == "0008"


def test_schema_validation_errors_are_clear() -> None:
    art, _ = reviewed_article(1)
    with pytest.raises(CorrectionError, match="unknown technique 'Sarcasm'"):
        corr(art, "span", "add", "Sarcasm", start=0, end=3)
    with pytest.raises(CorrectionError, match="needs integer start and end"):
        corr(art, "span", "add", "Doubt")
    with pytest.raises(CorrectionError, match="relabel needs new_label"):
        corr(art, "paragraph", "relabel", "Doubt", paragraph=0)
    with pytest.raises(CorrectionError, match="unknown genre 'Doubt'"):
        corr(art, "genre", "add", "Doubt")
    with pytest.raises(CorrectionError, match="unknown target"):
        corr(art, "sentence", "add", "Doubt")
    with pytest.raises(CorrectionError, match="author must not be empty"):
        corr(art, "frames", "add", "Economic", author=" ")


def test_batch_is_all_or_nothing_and_append_only(store: Store) -> None:
    (art,) = _stored(store, 1)
    good = corr(art, "span", "reject", "Loaded_Language", **span_at(art, "reckless"))
    outside = corr(art, "span", "add", "Doubt", start=5, end=len(art.text) + 1)
    with pytest.raises(CorrectionError, match="outside the text"):
        store.add_corrections([good, outside])
    assert store.count_corrections() == 0
    ghost = Correction(**{**_fields(good), "id": "x1", "article_id": "0" * 16})
    with pytest.raises(CorrectionError, match="unknown article"):
        store.add_corrections([ghost])
    with pytest.raises(CorrectionError, match="paragraph 3 outside"):
        store.add_corrections([corr(art, "paragraph", "add", "Doubt", paragraph=3)])
    assert store.add_corrections([good]) == 1
    with pytest.raises(CorrectionError, match="already stored"):
        store.add_corrections([good])
    assert store.corrections(article_id=art.id) == [good]  # every field round-trips


def _fields(c: Correction) -> dict:
    return {f: getattr(c, f) for f in c.__dataclass_fields__}


def test_queries_by_article_author_technique(store: Store) -> None:
    a1, a2 = _stored(store, 1, 2)
    items = [corr(a1, "paragraph", "add", "Doubt", paragraph=0, author="ana"),
             corr(a1, "genre", "relabel", "reporting", new_label="opinion", author="bo", minutes=1),
             corr(a2, "paragraph", "reject", "Doubt", paragraph=0, author="bo", minutes=2)]
    store.add_corrections(items)
    assert store.corrections(article_id=a1.id) == items[:2]
    assert store.corrections(author="bo") == items[1:]
    assert store.corrections(technique="Doubt") == [items[0], items[2]]
    assert store.corrected_article_ids(author="ana") == [a1.id]
    assert store.count_corrections(author="bo", technique="Doubt") == 1


def test_effective_labels_latest_wins_and_relabel(store: Store) -> None:
    (art,) = _stored(store, 1)
    reck = span_at(art, "reckless")
    store.add_corrections([
        corr(art, "span", "reject", "Loaded_Language", minutes=0, **reck),
        corr(art, "span", "accept", "Loaded_Language", minutes=5, **reck),  # changed mind
        corr(art, "span", "relabel", "False_Dilemma-No_Choice", new_label="Slogans",
             **span_at(art, "Either we build the pier now or the town")),
        corr(art, "span", "add", "Appeal_to_Values", **span_at(art, "our beautiful town")),
        corr(art, "paragraph", "reject", "Name_Calling-Labeling", paragraph=1),
        corr(art, "paragraph", "add", "Doubt", paragraph=-1),
        corr(art, "genre", "relabel", "reporting", new_label="opinion"),
        corr(art, "frames", "add", "Political"),
    ])
    eff = store.effective_labels(art.id)
    assert eff is not None and eff.conflicts == [] and eff.stale == []
    assert [s[0] for s in eff.spans] == ["Loaded_Language", "Name_Calling-Labeling",
                                         "Appeal_to_Values", "Slogans"]
    assert eff.paragraphs == {-1: ["Doubt"], 1: ["Loaded_Language"], 2: ["False_Dilemma-No_Choice"]}
    assert (eff.genre, eff.frames) == (["opinion"], ["Economic", "Political"])


def test_conflicting_authors_are_reported_not_merged(store: Store) -> None:
    (art,) = _stored(store, 1)
    reck = span_at(art, "reckless")
    store.add_corrections([corr(art, "span", "reject", "Loaded_Language", author="ana", **reck),
                           corr(art, "span", "accept", "Loaded_Language", author="bo", **reck),
                           corr(art, "frames", "add", "Morality", author="ana"),
                           corr(art, "frames", "add", "Morality", author="bo", minutes=3)])
    eff = store.effective_labels(art.id)
    assert len(eff.conflicts) == 1 and eff.conflicts[0].key[1] == "Loaded_Language"
    assert {c.author for c in eff.conflicts[0].verdicts} == {"ana", "bo"}
    assert ("Loaded_Language", reck["start"], reck["end"]) in eff.spans  # model output kept
    assert "Morality" in eff.frames  # agreement applies
    assert store.effective_labels(art.id, author="ana").conflicts == []


def test_two_genres_left_on_keep_the_model_genre_and_are_a_conflict(store: Store) -> None:
    (art,) = _stored(store, 1)  # the model said reporting
    store.add_corrections([corr(art, "genre", "add", "opinion", author="ana"),
                           corr(art, "genre", "reject", "reporting", author="ana"),
                           corr(art, "genre", "add", "satire", author="bo", minutes=2),
                           corr(art, "genre", "reject", "reporting", author="bo", minutes=2)])
    eff = store.effective_labels(art.id)
    assert eff.genre == ["reporting"]  # one genre, the model's, never two
    (clash,) = [c for c in eff.conflicts if c.key[0] == "genre"]
    assert clash.key[1] == "opinion+satire" and {c.author for c in clash.verdicts} == {"ana", "bo"}
    assert store.effective_labels(art.id, author="ana").genre == ["opinion"]  # one view: no clash
    store.add_corrections([corr(art, "genre", "reject", "satire", author="ana", minutes=5)])
    eff = store.effective_labels(art.id)  # satire is now disputed, opinion stands alone
    assert eff.genre == ["opinion"] and [c.key[1] for c in eff.conflicts] == ["satire"]


def test_corrections_survive_reanalysis_and_reingestion(store: Store, store_url: str) -> None:
    (art,) = _stored(store, 1)
    reck = span_at(art, "reckless")
    store.add_corrections([corr(art, "span", "reject", "Loaded_Language", **reck)])
    art.analysis = Analysis(techniques=[UnitTechniques(1, ["Loaded_Language"], {})],
                            spans=[Span("Loaded_Language", reck["start"], reck["end"], 1, 0.9),
                                   Span("Doubt", 0, 3, 0, 0.5)], techniques_model="tech@2")
    store.save_analyses([art])
    eff = store.effective_labels(art.id)
    assert store.get_analysis(art.id).techniques_model == "tech@2"
    assert eff.spans == [("Doubt", 0, 3)] and eff.applied == 1
    again, digest = reviewed_article(1)
    assert store.save_batch([(again, digest)]).duplicates == 1
    assert store.count_corrections(article_id=art.id) == 1


def test_delete_refuses_then_force_keeps_orphans(store: Store) -> None:
    (art,) = _stored(store, 1)
    c = corr(art, "genre", "reject", "reporting")
    store.add_corrections([c])
    with pytest.raises(ReviewedArticleError, match="1 correction"):
        store.delete_article(art.id)
    assert store.get_article(art.id) is not None
    assert store.delete_article(art.id, force=True) is True
    assert store.orphan_corrections() == [c]
    again, digest = reviewed_article(1)
    store.save_batch([(again, digest)])  # same text again: the correction applies again
    assert store.orphan_corrections() == []
    assert store.effective_labels(art.id).genre == []


def test_stale_version_is_reported(store: Store) -> None:
    (art,) = _stored(store, 1)
    store.add_corrections([corr(art, "frames", "add", "Morality")])
    store.delete_article(art.id, force=True)
    variant, digest = reviewed_article(1)
    variant.text = variant.text.replace(" met ", "  met ")  # same id, other offsets
    variant.paragraphs = []
    assert variant.id == art.id
    store.save_batch([(variant, digest)])
    eff = store.effective_labels(art.id)
    assert len(eff.stale) == 1 and eff.frames == []


def test_agreement_kappa_and_span_f1(store: Store) -> None:
    arts = _stored(store, 1, 2)
    items = []
    for art in arts:
        reck = span_at(art, "reckless bureaucrats")
        items += [corr(art, "paragraph", "add", "Doubt", paragraph=0, author="ana"),
                  corr(art, "paragraph", "accept", "Loaded_Language", paragraph=1, author="bo"),
                  corr(art, "span", "add", "Doubt", author="ana", **reck),
                  corr(art, "span", "add", "Doubt", author="bo", start=reck["start"],
                       end=reck["start"] + 10)]
    items.append(corr(arts[0], "paragraph", "add", "Doubt", paragraph=0, author="bo"))
    store.add_corrections(items)
    rows = {r.technique: r for r in store.agreement("ana", "bo")}
    doubt = rows["Doubt"]
    # 2 articles x 4 units; ana: Doubt on unit 0 of both, bo: on the first only.
    assert doubt.units == 8 and doubt.observed == pytest.approx(7 / 8)
    pe = (2 / 8) * (1 / 8) + (6 / 8) * (7 / 8)
    assert doubt.kappa == pytest.approx((7 / 8 - pe) / (1 - pe)) == pytest.approx(0.6)
    assert (doubt.span_chars_a, doubt.span_chars_b) == (40, 20)
    assert doubt.span_f1 == pytest.approx(2 * 20 / 60)
    ll = rows["Loaded_Language"]  # both keep the model's label on paragraph 1 of each
    assert (ll.kappa, ll.observed, ll.span_f1) == (1.0, 1.0, None)
    assert cohen_kappa([False] * 4, [False] * 4) is None  # no variance: undefined


def test_table_has_indexes(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(corrections)).scalar() == 0
        from sqlalchemy import inspect
        names = {tuple(ix["column_names"]) for ix in inspect(conn).get_indexes("corrections")}
    assert {("article_id", "created_at"), ("technique",), ("author", "created_at")} <= names
