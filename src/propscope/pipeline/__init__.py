"""Orders stages, batches, progress, error policy. Only this package persists."""

from propscope.pipeline.ingestor import IngestReport, Ingestor, ingest, process_one

__all__ = ["IngestReport", "Ingestor", "ingest", "process_one"]
