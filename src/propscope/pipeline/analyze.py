"""Run the per-document analyzers over stored articles and persist the results.

Only this module (with the ingestor) writes: analyzers stay pure. Each batch commits in its
own transaction, so an interrupted run keeps what it finished and a re-run skips articles
already analysed by the same model versions (pass `redo=True` to recompute).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from propscope.analyzers.persuasion import STAGES, PersuasionAnalyzer
from propscope.schema import Article
from propscope.store import Store


@dataclass
class AnalyzeReport:
    seen: int = 0
    analysed: int = 0
    skipped: int = 0  # already analysed by these models
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _model_tags(analyzer: PersuasionAnalyzer) -> dict[str, str]:
    tags = {}
    for stage, model in (("techniques", analyzer._tech), ("genre", analyzer._genre), ("frames", analyzer._frames)):
        if model is not None:
            m = model.bundle.manifest
            tags[stage] = f"{m.get('name')}@{m.get('version')}"
    return tags


def analyze_store(store: Store, *, stages: tuple[str, ...] = STAGES, batch_size: int = 32,
                  redo: bool = False, ids: list[str] | None = None,
                  progress: Callable[[int], None] | None = None) -> AnalyzeReport:
    analyzer = PersuasionAnalyzer(stages)
    tags = _model_tags(analyzer)
    report = AnalyzeReport()
    source = (a for i in ids for a in [store.get_article(i)] if a is not None) if ids else store.iter_articles()
    for batch in _batches(source, batch_size):
        report.seen += len(batch)
        todo = batch
        if not redo:
            done = [store.analysed_ids([a.id for a in batch], s, t) for s, t in tags.items()]
            complete = set.intersection(*done) if done else set()
            todo = [a for a in batch if a.id not in complete]
            report.skipped += len(batch) - len(todo)
        ok: list[Article] = []
        for article in todo:
            try:
                ok.append(analyzer.analyze(article))
            except Exception as exc:  # one bad article must not stop the corpus
                report.failed.append((article.id, f"{type(exc).__name__}: {exc}"))
        store.save_analyses(ok)
        report.analysed += len(ok)
        if progress:
            progress(len(batch))
    return report
