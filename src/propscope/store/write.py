"""Writing batches: one transaction per batch, row-by-row fallback so one bad row is isolated.

Articles are immutable once stored: an id that already exists is a duplicate and nothing
is updated (INSERT ... ON CONFLICT DO NOTHING, race-free across concurrent writers). Every
processed (origin, raw_sha256) goes to ingest_log, which is what lets a re-run resume.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Insert, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from propscope.schema import Article, DocumentError
from propscope.store import tables as t
from propscope.store.engine import WRITE_OPTION
from propscope.store.records import BatchResult, utc_now

ArticleItem = tuple[Article, str]
ErrorItem = tuple[DocumentError, str | None]
#: Failures of a whole batch transaction that row-by-row saving can isolate.
BATCH_FAILURES: tuple[type[Exception], ...] = (SQLAlchemyError, ValueError, TypeError)
MAX_MESSAGE = 2000
ID_CHUNK = 500


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
        with conn.begin():
            yield conn


def _insert_ignore(conn: Connection, table: Table, keys: Sequence[str]) -> Insert:
    """INSERT that silently skips rows violating the unique key ``keys``."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt: Insert = dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    return stmt


def _article_row(article: Article, raw_sha256: str, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "origin": article.origin,
        "source": article.source,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "text": article.text,
        "source_text": article.source_text,
        "raw": bytes(article.raw),
        "media_type": article.media_type,
        "extractor": article.extractor,
        "ingested_at": now,
        "raw_sha256": raw_sha256,
    }


PARAGRAPH_COLUMNS = ("article_id", "idx", "start", "end")
REMOVED_COLUMNS = ("article_id", "idx", "start", "end", "reason", "text")


def _child_rows(article: Article) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Positional rows in PARAGRAPH_COLUMNS / REMOVED_COLUMNS order."""
    aid = article.id
    paras = [(aid, i, p.start, p.end) for i, p in enumerate(article.paragraphs)]
    removed = [(aid, i, b.start, b.end, b.reason, b.text) for i, b in enumerate(article.removed)]
    return paras, removed


def _insert_plain(conn: Connection, table: Table, columns: Sequence[str],
                  rows: list[tuple[Any, ...]]) -> None:
    """executemany of positional rows straight to the driver.

    Why not ``conn.execute(table.insert(), dicts)``: SQLAlchemy's per-row parameter
    processing was a third of the ingest parent's CPU for these tens of thousands of
    small rows, and their columns (text and integers) need no type conversion.
    """
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([mark] * len(columns))
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def _existing_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Ids already stored (cheap pre-check; ON CONFLICT still guards against races)."""
    found: set[str] = set()
    for i in range(0, len(ids), ID_CHUNK):
        stmt = select(t.articles.c.id).where(t.articles.c.id.in_(ids[i : i + ID_CHUNK]))
        found.update(conn.execute(stmt).scalars())
    return found


def _insert_articles(conn: Connection, items: Sequence[ArticleItem], now: datetime) -> set[str]:
    """Insert articles whose id is new; return the ids actually inserted."""
    first: dict[str, ArticleItem] = {}
    for article, sha in items:
        first.setdefault(article.id, (article, sha))
    for known in _existing_ids(conn, list(first)):  # skip shipping text/raw we won't insert
        del first[known]
    if not first:
        return set()
    stmt = _insert_ignore(conn, t.articles, ["id"]).returning(t.articles.c.id)
    # Sorted keys: concurrent PostgreSQL writers then lock rows in the same order (no deadlock).
    rows = [_article_row(a, sha, now) for _, (a, sha) in sorted(first.items())]
    inserted = {row[0] for row in conn.execute(stmt, rows)}
    paras: list[tuple[Any, ...]] = []
    removed: list[tuple[Any, ...]] = []
    for article_id in sorted(inserted):
        p, r = _child_rows(first[article_id][0])
        paras.extend(p)
        removed.extend(r)
    if paras:
        _insert_plain(conn, t.paragraphs, PARAGRAPH_COLUMNS, paras)
    if removed:
        _insert_plain(conn, t.removed_blocks, REMOVED_COLUMNS, removed)
    return inserted


def _log(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        rows = sorted(rows, key=lambda r: (r["origin"], r["raw_sha256"]))
        conn.execute(_insert_ignore(conn, t.ingest_log, ["origin", "raw_sha256"]), rows)


def _clean(value: str) -> str:
    """Errors are for humans: drop NULs (PostgreSQL text refuses them) and cap length."""
    return value.replace("\x00", "\ufffd")[:MAX_MESSAGE]


def _insert_errors(conn: Connection, items: Sequence[ErrorItem], now: datetime) -> None:
    if not items:
        return
    conn.execute(
        t.errors.insert(),
        [
            {"origin": _clean(e.origin), "kind": e.kind, "message": _clean(e.message),
             "raw_sha256": sha, "at": now}
            for e, sha in items
        ],
    )
    _log(conn, [
        {"origin": _clean(e.origin), "raw_sha256": sha, "article_id": None,
         "status": "error", "at": now}
        for e, sha in items if sha is not None
    ])


def _save_tx(
    conn: Connection, articles: Sequence[ArticleItem], errors: Sequence[ErrorItem]
) -> BatchResult:
    """Everything of one batch inside the caller's transaction."""
    now = utc_now()
    inserted = _insert_articles(conn, articles, now)
    result = BatchResult(errors=len(errors))
    log_rows: list[dict[str, Any]] = []
    for article, sha in articles:
        new = article.id in inserted and article.id not in result.stored_ids
        (result.stored_ids if new else result.duplicate_ids).append(article.id)
        log_rows.append({"origin": article.origin, "raw_sha256": sha,
                         "article_id": article.id,
                         "status": "stored" if new else "duplicate", "at": now})
    _log(conn, log_rows)
    _insert_errors(conn, errors, now)
    result.stored, result.duplicates = len(result.stored_ids), len(result.duplicate_ids)
    return result


def _describe(exc: Exception) -> str:
    """The driver's message without SQLAlchemy's SQL and parameter dump (raw bytes!)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else repr(exc.orig)
    return f"{type(exc).__name__}: {exc}"


def _store_failure(article: Article, exc: Exception) -> DocumentError:
    return DocumentError(
        "internal", f"could not store article {article.id}: {_describe(exc)}", article.origin
    )


def _merge(total: BatchResult, part: BatchResult) -> None:
    total.stored += part.stored
    total.duplicates += part.duplicates
    total.errors += part.errors
    total.stored_ids.extend(part.stored_ids)
    total.duplicate_ids.extend(part.duplicate_ids)


def _save_row_by_row(
    engine: Engine, articles: Sequence[ArticleItem], errors: Sequence[ErrorItem]
) -> BatchResult:
    """One transaction per row; a row that still fails becomes an errors-table entry."""
    total = BatchResult(fell_back=True)
    for article, sha in articles:
        try:
            with write_tx(engine) as conn:
                part = _save_tx(conn, [(article, sha)], [])
        except BATCH_FAILURES as exc:
            with write_tx(engine) as conn:  # if even this fails, the database is unusable
                part = _save_tx(conn, [], [(_store_failure(article, exc), sha)])
        _merge(total, part)
    for item in errors:
        with write_tx(engine) as conn:
            _merge(total, _save_tx(conn, [], [item]))
    return total


def save_batch(
    engine: Engine, articles: Sequence[ArticleItem], errors: Sequence[ErrorItem]
) -> BatchResult:
    """Save a batch atomically, or row by row when the batch as a whole is refused."""
    try:
        with write_tx(engine) as conn:
            return _save_tx(conn, articles, errors)
    except BATCH_FAILURES:
        return _save_row_by_row(engine, articles, errors)
