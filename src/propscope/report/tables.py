"""The report as data: JSON (summary + articles with spans) and CSV (spans or articles).

Same selection and the same validated spans as the HTML report (`clean_spans`), so a
number in the JSON matches a highlight in the HTML. CSV cells that a spreadsheet would
evaluate as a formula are prefixed with a quote: the text is the reader's data, not code.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from propscope.report.highlight import clean_spans
from propscope.report.summary import frames_of, genre_of, summarize, techniques_of
from propscope.report.voices import span_voices, voices_record
from propscope.schema import Article
from propscope.schema.analysis import Classification
from propscope.store.query import CorpusStats

SPAN_COLUMNS = ["article_id", "title", "source", "language", "published", "paragraph", "technique",
                "start", "end", "score", "text", "voice"]
ARTICLE_COLUMNS = ["article_id", "title", "source", "language", "published", "url", "genre",
                   "genre_probability", "frames", "techniques", "n_spans", "n_paragraphs"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def _classification(cls: Classification | None) -> dict[str, Any] | None:
    if cls is None:
        return None
    return {"labels": list(cls.labels), "probabilities": dict(cls.probabilities),
            "low_confidence": bool(cls.low_confidence), "model": cls.model}


def article_record(a: Article) -> dict[str, Any]:
    """One article of the JSON report: metadata, labels per unit, validated spans."""
    an = a.analysis
    units = sorted(an.techniques if an else [], key=lambda u: u.paragraph if isinstance(u.paragraph, int) else 0)
    return {
        "id": a.id, "title": a.title, "source": a.source, "language": a.language,
        "published": a.published, "url": a.url,
        "genre": _classification(an.genre if an else None),
        "frames": _classification(an.frames if an else None),
        "techniques": [{"paragraph": u.paragraph, "labels": list(u.labels),
                        "probabilities": {t: u.probabilities.get(t) for t in u.labels}} for u in units],
        "spans": [{"technique": s.technique, "paragraph": s.paragraph, "start": s.start, "end": s.end,
                   "text": a.text[s.start:s.end], "score": s.score, "voice": voice}
                  for s, voice in span_voices(a)],
        "voices": voices_record(a),
    }


def write_json(articles: Iterable[Article], out: TextIO, *, stats: CorpusStats | None = None,
               filters: dict[str, str] | None = None) -> int:
    items = list(articles)
    summary = asdict(stats or summarize(items))
    summary.update(shown=len(items), filters={k: v for k, v in (filters or {}).items() if v})
    json.dump({"summary": summary, "articles": [article_record(a) for a in items]}, out,
              ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


def write_spans_csv(articles: Iterable[Article], out: TextIO) -> int:
    """One row per span; returns the number of articles written."""
    writer = csv.writer(out)
    writer.writerow(SPAN_COLUMNS)
    n = 0
    for a in articles:
        n += 1
        for s, voice in span_voices(a):
            writer.writerow([csv_safe(v) for v in (
                a.id, a.title, a.source, a.language, a.published, s.paragraph, s.technique,
                s.start, s.end, f"{s.score:.4f}", a.text[s.start:s.end], voice)])
    return n


def write_articles_csv(articles: Iterable[Article], out: TextIO) -> int:
    """One row per article: metadata, genre, frames and techniques (';'-joined)."""
    writer = csv.writer(out)
    writer.writerow(ARTICLE_COLUMNS)
    n = 0
    for a in articles:
        genre = genre_of(a)
        writer.writerow([csv_safe(v) for v in (
            a.id, a.title, a.source, a.language, a.published, a.url,
            genre[0] if genre else "", f"{genre[1]:.4f}" if genre else "",
            "; ".join(f for f, _ in frames_of(a)), "; ".join(techniques_of(a)),
            len(clean_spans(a)), len(a.paragraphs))])
        n += 1
    return n
