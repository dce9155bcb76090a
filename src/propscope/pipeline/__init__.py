"""Orders stages, batches, progress, error policy. Only this package persists."""

from propscope.pipeline.ingestor import IngestReport, Ingestor, ingest
from propscope.pipeline.worker import DEFAULT_DOC_TIMEOUT, process_one

__all__ = ["DEFAULT_DOC_TIMEOUT", "IngestReport", "Ingestor", "ingest", "process_one"]
