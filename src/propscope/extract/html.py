"""HTML -> Extracted. (Stub; being written.)"""

from __future__ import annotations

from propscope.extract.types import Extracted


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    raise NotImplementedError
