"""Content-Type parsing shared by the WARC and URL readers."""

from __future__ import annotations

from email.message import Message


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``'text/html; charset="UTF-8"'`` -> ``('text/html', 'UTF-8')``; missing -> ('', None).

    Uses the stdlib MIME parser so quoting and parameter order are handled properly.
    """
    if not value:
        return "", None
    message = Message()
    message["Content-Type"] = value
    media = message.get_content_type().lower() if "/" in value.split(";")[0] else ""
    charset = message.get_param("charset")
    return media, charset if isinstance(charset, str) and charset.strip() else None


def document_media_type(media: str) -> str:
    """Collapse to the two media types the extractors dispatch on."""
    return "text/html" if media in {"text/html", "application/xhtml+xml"} else "text/plain"


_HTML_STARTS = (b"<!doctype", b"<html")


def sniff_media_type(data: bytes) -> str:
    """HTML when the document opens like one (after BOM/whitespace), else plain text."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(_HTML_STARTS):
        return "text/html"
    if head.startswith(b"<?xml") and b"<html" in head:
        return "text/html"
    return "text/plain"
