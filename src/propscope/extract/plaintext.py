"""Already-scraped plain text -> Extracted. (Stub; being written.)"""

from __future__ import annotations

from propscope.extract.types import Extracted


def extract_plaintext(text: str, *, url: str | None = None) -> Extracted:
    raise NotImplementedError
