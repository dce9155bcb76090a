"""Export stored corrections and import files of them: the Store side of the formats.

Import checks every record on its own (parse, known article, offsets inside that exact
text, id not repeated) and reports the bad ones by their place in the file; the good ones
are stored together in one transaction, so one bad record never costs the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from propscope.review.effective import EffectiveLabels, effective_labels
from propscope.review.jsonl import read_jsonl, write_jsonl
from propscope.review.labelstudio import read_labelstudio, write_labelstudio
from propscope.review.limits import ImportFileError
from propscope.review.parsed import ImportReport, Parsed
from propscope.review.semeval_files import read_semeval, write_semeval
from propscope.schema import Article
from propscope.schema.review import CorrectionError, check_against

if TYPE_CHECKING:
    from propscope.store import Store

FORMATS: tuple[str, ...] = ("semeval", "jsonl", "labelstudio")


class StoredArticles:
    """Articles read once per import (text, paragraphs, newest analysis, effective labels)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: dict[str, tuple[Article, list] | None] = {}

    def _get(self, article_id: str) -> tuple[Article, list] | None:
        if article_id not in self._seen:
            self._seen[article_id] = self.store.reviewed_article(article_id)
        return self._seen[article_id]

    def article(self, article_id: str) -> Article | None:
        found = self._get(article_id)
        return None if found is None else found[0]

    def effective(self, article_id: str) -> EffectiveLabels | None:
        found = self._get(article_id)
        return None if found is None else effective_labels(*found)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ImportFileError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def export_corrections(store: Store, fmt: str, out: Path, *, author: str | None = None,
                       technique: str | None = None) -> int:
    """Write the corrections matching author/technique; returns records (rows) written."""
    _check_format(fmt)
    if fmt == "jsonl":
        return write_jsonl(store.corrections(author=author, technique=technique), out)
    items = []
    for aid in store.corrected_article_ids(author=author, technique=technique):
        found = store.reviewed_article(aid, author=author)
        if found is None:  # orphaned corrections: no text to export them against
            continue
        art, corrs = found
        items.append((art, [c for c in corrs if technique in (None, c.technique)]))
    if fmt == "labelstudio":
        return write_labelstudio(items, out)
    return write_semeval(((a, effective_labels(a, cs)) for a, cs in items), out, technique)


def _parse(store: Store, fmt: str, path: Path, author: str | None,
           technique: str | None) -> list[Parsed]:
    articles = StoredArticles(store)
    if fmt == "jsonl":
        parsed = read_jsonl(path, author)
    elif fmt == "labelstudio":
        parsed = read_labelstudio(path, articles, author)
    else:
        if not author:
            raise ImportFileError("a SemEval import needs --author (the files name no one)")
        parsed = read_semeval(path, articles, author, technique)
    for p in parsed:
        if p.correction is not None and p.error is None:
            p.error = _check(p, articles, technique)
    return parsed


def _check(p: Parsed, articles: StoredArticles, technique: str | None) -> str | None:
    c = p.correction
    assert c is not None
    if technique is not None and technique not in (c.technique, c.new_label):
        return f"not {technique} (import limited by --technique)"
    art = articles.article(c.article_id)
    if art is None:
        return f"unknown article {c.article_id}"
    try:
        check_against(c, art.text, len(art.paragraphs))
    except CorrectionError as exc:
        return str(exc)
    return None


def import_corrections(store: Store, fmt: str, path: Path, *, author: str | None = None,
                       technique: str | None = None) -> ImportReport:
    """Parse, check each record, store the good ones (one transaction); ImportFileError
    when the file as a whole is unusable."""
    _check_format(fmt)
    parsed = _parse(store, fmt, path, author, technique)
    report = ImportReport()
    good = [p for p in parsed if p.error is None and p.correction is not None]
    report.errors = [(p.origin, str(p.error)) for p in parsed if p.error is not None]
    taken = store.correction_ids([p.correction.id for p in good])  # type: ignore[union-attr]
    fresh, seen = [], set(taken)
    for p in good:
        cid = p.correction.id  # type: ignore[union-attr]
        if cid in taken:
            report.duplicates += 1
        elif cid in seen:
            report.errors.append((p.origin, f"correction id {cid} repeats an earlier record"))
        else:
            seen.add(cid)
            fresh.append(p.correction)
    report.stored = store.add_corrections(fresh)  # type: ignore[arg-type]
    return report
