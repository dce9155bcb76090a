"""Per-app settings and the lazily loaded analyzer, kept on `app.state`.

Why on the app and not module globals: tests build several apps in one process (one with
`allow_private` for a local HTTP server, the others without), and each must keep its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from propscope.ingest.limits import Limits, MiB
from propscope.schema import Article


class Analyzer(Protocol):
    def analyze(self, article: Article) -> Article: ...


AnalyzerFactory = Callable[[], Analyzer]


@dataclass
class ApiSettings:
    token: str | None = None
    #: Let analyze-now fetch private/loopback URLs (tests with a local server only).
    allow_private: bool = False
    #: Largest request body; above it the request is answered 413 before it is read.
    max_body_bytes: int = 5 * MiB
    #: Wall-clock seconds an analyze-now request may take (fetch + extract + analyse).
    request_timeout: float = 90.0
    #: CPU seconds extraction may use, as in ingestion (pipeline.worker.DEFAULT_DOC_TIMEOUT).
    extract_timeout: float = 30.0
    fetch_limits: Limits = field(default_factory=lambda: Limits(max_document_bytes=5 * MiB))
    #: Most articles one export streams.
    export_cap: int = 10_000
    #: Host names the Host header may carry (None: any). `serve` on loopback sets the
    #: loopback names, against DNS rebinding.
    allowed_hosts: frozenset[str] | None = None


def default_analyzer() -> Analyzer:
    from propscope.analyzers.persuasion import PersuasionAnalyzer

    return PersuasionAnalyzer()


class AnalyzerHolder:
    """Loads the analyzer on first use (models take ~1 s) and runs one analysis at a time:
    the encoder keeps per-process caches that are not meant for concurrent writers."""

    def __init__(self, factory: AnalyzerFactory | None) -> None:
        self._factory = factory or default_analyzer
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()

    def analyze(self, article: Article) -> Article:
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._factory()
            return self._analyzer.analyze(article)

    @property
    def loaded(self) -> bool:
        return self._analyzer is not None


def state(app: Any) -> tuple[Any, ApiSettings, AnalyzerHolder]:
    """(store, settings, analyzer) of an app."""
    s = app.state
    return s.store, s.settings, s.analyzer
