"""Store test helpers: an opened store per backend and a deterministic article factory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

import pytest

from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks
from propscope.store import Store, open_store

ArticleFactory = Callable[..., tuple[Article, str]]


def build_article(n: int, **overrides: object) -> tuple[Article, str]:
    """Article number n plus the sha256 of its raw bytes (what the pipeline passes)."""
    text, paras = paragraphs_from_blocks([f"Paragraph one of story {n}.", f"Second part {n}."])
    raw = f"Headline {n}\n\n{text}\nShare this".encode()
    fields: dict[str, object] = {
        "text": text,
        "title": f"Headline {n}",
        "url": f"https://example.org/{n}",
        "origin": f"batch.jsonl#L{n}",
        "source": "Example News" if n % 2 else "Other Outlet",
        "authors": [f"Author {n}", "Desk"],
        "published": f"2021-06-{n % 28 + 1:02d}",
        "language": "en" if n % 3 else "fr",
        "language_confidence": 0.9,
        "paragraphs": paras,
        "removed": [RemovedBlock(0, 10, "title", f"Headline {n}"[:10])],
        "source_text": raw.decode(),
        "raw": raw,
        "media_type": "text/plain",
        "extractor": "plaintext",
    }
    fields.update(overrides)
    article = Article(**fields)  # type: ignore[arg-type]
    return article, hashlib.sha256(article.raw).hexdigest()


@pytest.fixture
def make_article() -> ArticleFactory:
    return build_article


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()

