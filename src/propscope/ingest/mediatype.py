"""Content-Type parsing shared by the WARC and URL readers."""

from __future__ import annotations

import codecs
import re
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


_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(rb"<(?:p|div|article|span|a|br|h[1-6])\b[^>]*>", re.IGNORECASE)


def sniff_media_type(data: bytes) -> str:
    """HTML when the document opens like a page (after BOM, whitespace, an XML declaration
    or comments) or is a fragment dense with block tags; else plain text.

    The one sniffer for readers (unknown extensions, stdin) and the extraction dispatcher
    (pages served as text/plain), so both agree on what is HTML.
    """
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 5:
        return "text/html"
    return "text/plain"


_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",  # JPEG
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, epub
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
)
_SNIFF_BYTES = 64 * 1024
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\v\x1b")
_TEXT_BOMS: tuple[bytes, ...] = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)


def looks_binary(data: bytes) -> bool:
    """Images, archives and executables must not reach the extractors as 'text'.

    Public so readers can drop e.g. a PNG found in a directory walk before it travels on.
    UTF-16/32 text carries NUL bytes, so BOM-marked data is never called binary here.
    """
    if data.startswith(_TEXT_BOMS):
        return False
    head = data[:_SNIFF_BYTES]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # C speed, not a loop
    return controls > max(8, len(head) // 20)
