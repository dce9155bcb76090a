"""Store failures the CLI can show as one clear line instead of a driver traceback."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the store cannot do what was asked (bad URL, wrong schema, bad id)."""


class UnsupportedURLError(StoreError, ValueError):
    """The database URL names a backend propscope does not support."""


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer propscope; writing to it could corrupt it."""


class AmbiguousIdError(StoreError, LookupError):
    """An id prefix matches several articles; the caller must type more characters."""


class IdTooShortError(StoreError, ValueError):
    """An id prefix is too short to be a meaningful lookup (and may scan the table)."""
