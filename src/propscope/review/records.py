"""One correction as a JSON object (JSONL lines, Label Studio region meta), both ways.

Input is hostile: every field is type-checked here before the Correction checks its values,
so a bad record yields one clear message instead of a TypeError deep inside.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from propscope.schema.review import Correction, CorrectionError

FIELDS: tuple[str, ...] = tuple(Correction.__dataclass_fields__)
_REQUIRED = ("article_id", "article_version", "target", "action", "technique", "author")
_INTS = ("start", "end", "paragraph")
_OPTIONAL_STR = ("new_label",)


def to_json(c: Correction) -> dict[str, Any]:
    out = {name: getattr(c, name) for name in FIELDS}
    out["created_at"] = c.created_at.astimezone(UTC).isoformat()
    return out


def parse_time(value: object) -> datetime:
    if not isinstance(value, str) or len(value) > 64:
        raise CorrectionError("created_at must be an ISO 8601 string")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise CorrectionError(f"created_at {value!r} is not ISO 8601") from None
    if at.tzinfo is None:
        raise CorrectionError(f"created_at {value!r} has no time zone")
    return at.astimezone(UTC)


def from_json(obj: object, *, author: str | None = None) -> Correction:
    """A Correction from a decoded JSON object; `author` fills a missing author only."""
    if not isinstance(obj, dict):
        raise CorrectionError("a correction must be a JSON object")
    unknown = sorted(set(obj) - set(FIELDS))
    if unknown:
        raise CorrectionError(f"unknown field(s): {', '.join(map(str, unknown[:5]))}")
    data = dict(obj)
    if author and not data.get("author"):
        data["author"] = author
    missing = [f for f in _REQUIRED if data.get(f) in (None, "")]
    if missing:
        raise CorrectionError(f"missing field(s): {', '.join(missing)}")
    for name in FIELDS:
        value = data.get(name)
        if name in _INTS:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise CorrectionError(f"{name} must be an integer or null")
        elif name in _OPTIONAL_STR:
            if value is not None and not isinstance(value, str):
                raise CorrectionError(f"{name} must be a string or null")
        elif name != "created_at" and name in data and not isinstance(value, str):
            raise CorrectionError(f"{name} must be a string")
    if "created_at" in data:
        data["created_at"] = parse_time(data["created_at"])
    return Correction(**data)
