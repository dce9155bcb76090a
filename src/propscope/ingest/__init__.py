"""Readers that turn inputs (files, directories, globs, stdin, URLs) into RawDocuments.

Every reader *yields* ``DocumentError`` values instead of raising, so one hostile file,
line or URL never aborts a batch; memory stays bounded by ``Limits`` whatever the input.

Modules: ``files`` (spec expansion, extension dispatch, stdin), ``records`` (JSON, JSONL,
CSV), ``warc``, ``fetch`` + ``netguard`` (URLs and the SSRF guard), ``bounded`` (capped and
bomb-guarded streams), ``limits`` (Limits, FieldMap), ``mediatype`` (Content-Type parsing,
HTML and binary sniffing; ``propscope.extract.decode`` reuses the binary sniff).
Document bytes are never decoded here: ``RawDocument.data`` is what the input held, so decoding
decisions live in one place (``decode_bytes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from propscope.ingest.fetch import Fetcher
from propscope.ingest.files import expand_spec, read_path, read_stdin
from propscope.ingest.limits import DEFAULT_ALIASES, FieldMap, Limits
from propscope.ingest.netguard import is_forbidden_address
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

__all__ = [
    "DEFAULT_ALIASES",
    "Fetcher",
    "FieldMap",
    "Limits",
    "is_forbidden_address",
    "is_url",
    "iter_inputs",
    "read_url_list",
]

_URL_PREFIXES = ("http://", "https://")


def is_url(spec: str) -> bool:
    """Specs starting with http(s):// are fetched; everything else is a local path."""
    return spec.strip().lower().startswith(_URL_PREFIXES)


def iter_inputs(
    specs: Iterable[str],
    *,
    limits: Limits | None = None,
    fields: FieldMap | None = None,
    allow_private: bool = False,
    glob: str | None = None,
) -> Iterator[RawDocument | DocumentError]:
    """Yield one RawDocument or DocumentError per document found, in spec order.

    A spec is a file, a directory (recursive; ``glob`` filters its files, e.g. "*.jsonl"),
    a glob pattern ("corpus/**/*.txt"), "-" for stdin, or an http(s) URL.
    """
    limits = limits or Limits()
    fields = fields or FieldMap()
    fetcher: Fetcher | None = None
    for spec in specs:
        if spec == "-":
            yield from read_stdin(limits)
        elif is_url(spec):
            fetcher = fetcher or Fetcher(limits=limits, allow_private=allow_private)
            yield fetcher.fetch(spec.strip())
        else:
            for path in expand_spec(spec, pattern=glob):
                if isinstance(path, DocumentError):
                    yield path
                else:
                    yield from read_path(path, limits, fields)


def read_url_list(path: str) -> list[str]:
    """URLs from a ``--urls-from`` file: one per line; blank lines and '#' comments skipped.

    A '#' directly inside a URL is its fragment; only '#' after whitespace starts a comment.

    Raises OSError if the file cannot be read: that is a usage error for the CLI to report,
    not a per-document failure.
    """
    urls: list[str] = []
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            urls.append(line.split(" #", 1)[0].split("\t#", 1)[0].strip())  # trailing comment
    return urls
