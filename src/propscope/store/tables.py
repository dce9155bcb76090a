"""SQLAlchemy Core table definitions: the schema as of the newest migration.

Migrations in ``migrations/versions`` spell out their DDL explicitly instead of using this
module, so an old migration keeps producing the same schema after these tables evolve.
Keep the two in step: a test compares a freshly migrated database with this metadata.
Later issues add techniques / spans / frames / quotes tables with a new migration each,
keyed by ``articles.id`` like ``paragraphs``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

#: Deterministic constraint names, so later migrations can alter them on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

INGEST_STATUSES: tuple[str, ...] = ("stored", "duplicate", "error")

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("url", Text),
    Column("origin", Text, nullable=False),
    Column("source", Text),
    Column("title", Text, nullable=False),
    Column("authors", JSON, nullable=False),
    Column("published", Text),  # ISO 8601 text: sorts and prefix-compares correctly
    Column("language", Text),
    Column("language_confidence", Float),
    Column("text", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("extractor", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("raw_sha256", Text, nullable=False),
    CheckConstraint(
        "language_confidence IS NULL OR (language_confidence >= 0 AND language_confidence <= 1)",
        name="confidence_range",
    ),
    Index(None, "source"),
    Index(None, "language"),
    # (sort key, id): listings page in (key, id) order straight off the index (migration 0003).
    Index(None, "published", "id"),
    Index(None, "ingested_at", "id"),
    Index(None, "raw_sha256"),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    CheckConstraint('start >= 0 AND start <= "end"', name="offsets"),
)

removed_blocks = Table(
    "removed_blocks",
    metadata,
    Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("text", Text, nullable=False),
    CheckConstraint('start >= 0 AND start <= "end"', name="offsets"),
)

errors = Table(
    "errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("raw_sha256", Text),
    Column("at", DateTime(timezone=True), nullable=False),
    Index(None, "at"),
)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("raw_sha256", Text, nullable=False),
    Column("article_id", Text),  # no FK: a log line must survive article deletion
    Column("status", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("origin", "raw_sha256"),
    CheckConstraint("status IN ('stored', 'duplicate', 'error')", name="status"),
    Index(None, "article_id"),
)

#: One row per (article, analyzer stage, model version): re-analysing with a newer model adds
#: a row instead of overwriting, so earlier results are never lost; readers take the newest.
analyses = Table(
    "analyses",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("stage", Text, primary_key=True),
    Column("model", Text, primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("analyzed_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("stage IN ('techniques', 'genre', 'frames', 'voices')", name="stage"),
    Index(None, "stage"),
)

LABEL_STAGES: tuple[str, ...] = ("techniques", "genre", "frames")

#: The labels of the newest analysis of each (article, stage), one row per label, so corpus
#: filters ("articles using Loaded_Language") are index lookups instead of JSON scans.
#: `n` is how many units carry a technique (1 for genre and frames): it orders an article's
#: techniques most frequent first. Rewritten by store.analysis.save_analyses.
article_labels = Table(
    "article_labels",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("stage", Text, primary_key=True),
    Column("label", Text, primary_key=True),
    Column("n", Integer, nullable=False),
    CheckConstraint("stage IN ('techniques', 'genre', 'frames')", name="stage"),
    # article_id last: a filter on one label reads the matching ids from the index alone.
    Index(None, "stage", "label", "article_id"),
)

#: Full-text search objects made by migration 0003 outside this metadata (SQLAlchemy cannot
#: describe them): the SQLite FTS5 table (whose shadow tables share the prefix) and its
#: triggers, and the PostgreSQL GIN expression index. The migration/metadata comparison
#: skips exactly these names.
FTS_TABLE = "articles_fts"
PG_SEARCH_INDEX = "ix_articles_search"
#: The indexed expression; queries must spell it identically for PostgreSQL to use the index.
PG_SEARCH_VECTOR = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || articles.text)"


def is_search_object(name: str | None) -> bool:
    """True for the full-text objects the migration/metadata comparison must ignore."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name == PG_SEARCH_INDEX)


# -- issue 5: cross-document results (migration 0004) -------------------------------------

#: Kept in step with schema.corpus.REUSE_KINDS (a test checks); the migration spells it out.
REUSE_KINDS_SQL = "kind IN ('duplicate', 'partial', 'translated', 'spun')"

#: `later` reuses `earlier`. The columns filters sort on are real columns; the evidence
#: (passages, added, dropped, the link's markers) is one JSON payload read with the link.
reuse_links = Table(
    "reuse_links",
    metadata,
    Column("earlier", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("later", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("coverage_earlier", Float, nullable=False),
    Column("coverage_later", Float, nullable=False),
    Column("order_by", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(REUSE_KINDS_SQL, name="kind"),
    # links of article X: the primary key serves `earlier`, this index serves `later`.
    Index(None, "later", "earlier"),
    Index(None, "kind", "earlier", "later"),
)

#: Attribution markers and copy artefacts found in one article. `location` is Marker.where
#: ("where" is an SQL keyword): "text" offsets index Article.text, "source" ones
#: Article.source_text (a marker in a block extraction removed).
markers = Table(
    "markers",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("names", JSON, nullable=False),
    Column("location", Text, nullable=False),
    CheckConstraint('start >= 0 AND start <= "end"', name="offsets"),
    CheckConstraint("location IN ('text', 'source')", name="location"),
    Index(None, "kind"),
)

#: One row per narrative; the payload holds key_terms, representative, sources, languages,
#: timeline, techniques, frames, first, last (schema.corpus.Narrative minus its members).
narratives = Table(
    "narratives",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

narrative_members = Table(
    "narrative_members",
    metadata,
    Column("narrative_id", Text, ForeignKey("narratives.id", ondelete="CASCADE"),
           primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("score", Float, nullable=False),  # similarity to the narrative centroid
    Index(None, "article_id"),
)

#: Small named JSON documents the corpus stages carry between runs (narrative centroids and
#: parameters for incremental clustering).
corpus_state = Table(
    "corpus_state",
    metadata,
    Column("key", Text, primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# -- issue 6: who says what (migration 0005) -----------------------------------------------

#: One row per (article, entity) of the newest `voices` analysis: what entity pages and the
#: entity list filter, count and sort on, without parsing every voices payload. `key` is the
#: entity id as analysed; `entity_id` the corpus-canonical id (equal unless
#: `propscope entities --merge` mapped the key to a fuller one, see entity_merges).
#: Rewritten by store.analysis.save_analyses, like article_labels.
article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("entity_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("salience", Float, nullable=False),
    Column("quotes", Integer, nullable=False),  # quotes whose speaker resolves to it
    Column("stance", Text),  # STANCE_LABELS, NULL when the article takes none toward it
    Column("stance_score", Float),
    CheckConstraint("kind IN ('person', 'organization', 'place', 'group')", name="kind"),
    CheckConstraint("stance IS NULL OR stance IN ('supportive', 'neutral', 'critical')",
                    name="stance"),
    # entity pages read one entity's articles straight off this index.
    Index(None, "entity_id", "article_id"),
)

#: The corpus merge (corpus/entities.py): an entity key -> the canonical key it stands for
#: in this corpus ("per:pushkov" -> "per:alexei-pushkov" when the corpus knows one Pushkov).
#: Applied to article_entities when stored and to rows written later.
entity_merges = Table(
    "entity_merges",
    metadata,
    Column("key", Text, primary_key=True),
    Column("canonical", Text, nullable=False),
    Column("name", Text, nullable=False),  # display name of the canonical entity
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: Source profiles by voice (corpus/source_voices.py) without re-reading payloads: one row
#: per article with a voices analysis (its quote count), and per article the technique
#: spans attributed to each voice ("outlet", an entity key as analysed, "speaker:<text>"),
#: from the newest techniques and voices results. `source` is copied from `articles`
#: (immutable there) so the per-outlet sums read these tables alone. Rewritten by
#: store.analysis.save_analyses whenever either stage is saved (store/voice_spans.py).
article_voices = Table(
    "article_voices",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("source", Text),
    Column("quotes", Integer, nullable=False),
    Index(None, "source", "quotes"),
)

article_voice_spans = Table(
    "article_voice_spans",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("voice", Text, primary_key=True),
    Column("technique", Text, primary_key=True),
    Column("source", Text),
    Column("n", Integer, nullable=False),
    # the per-outlet sums group on these columns: read from the index alone, in order.
    Index(None, "source", "voice", "technique", "n"),
)


# -- issue 8: analysts' corrections (migration 0007) ---------------------------------------

#: Append-only verdicts on the machine's labels (schema/review.py). No foreign key: they
#: survive re-analysis and (delete_article(force=True)) the article itself.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Text, primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("article_version", Text, nullable=False),  # schema.review.text_version
    Column("target", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("technique", Text, nullable=False),
    Column("new_label", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("paragraph", Integer),
    Column("model", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False),
    CheckConstraint("target IN ('span', 'paragraph', 'genre', 'frames')", name="target"),
    CheckConstraint("action IN ('accept', 'reject', 'relabel', 'add')", name="action"),
    CheckConstraint('start IS NULL OR (start >= 0 AND start < "end")', name="offsets"),
    Index(None, "article_id", "created_at"),
    Index(None, "technique"),
    Index(None, "author", "created_at"),
)


#: The review queue (migration 0008, store/review_queue.py): per (article, technique) the
#: least certain decision of the newest techniques analysis, kept with the analysis by
#: save_analyses. Queue pages read it in margin order off an index and stop at the limit.
review_queue = Table(
    "review_queue",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("technique", Text, primary_key=True),
    Column("margin", Float, nullable=False),
    Column("prob", Float, nullable=False),
    Column("threshold", Float, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("predicted", Boolean, nullable=False),
    Column("language", Text),
    Index(None, "margin", "article_id", "technique"),
    Index(None, "technique", "margin", "article_id"),
    Index(None, "language", "margin", "article_id"),
)
