"""Bytes -> str for hostile input.

Every reader hands over raw bytes; this is the one place that decides how to read them,
so encoding bugs are fixed once. Order of evidence, strongest first:

1. a byte-order mark (UTF-8/16/32) - unambiguous;
2. binary sniffing (magic numbers, NUL bytes, control-character density) - refuse early;
3. valid UTF-8 containing multi-byte sequences - random legacy text is practically never
   valid UTF-8, while mislabelled "charset=iso-8859-1" headers are common, so this beats a
   declared *single-byte* charset (a declared multi-byte one such as UTF-16 still wins);
4. the declared charset (HTTP/WARC header), then ``<meta charset>`` in the first 4 KB;
5. plain ASCII/UTF-8;
6. charset-normalizer, re-ranked for Latin-script code pages (it confuses cp1252 with
   cp1250/cp1257 on short French/German text, see ``_rerank_latin``).

The text is returned unchanged apart from newline normalisation (``\\r\\n``/``\\r`` ->
``\\n``), because later offsets index it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from propscope.ingest.mediatype import looks_binary
from propscope.schema.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Labels browsers treat as windows-1252 (WHATWG Encoding standard); latin-1 decoding
#: would turn curly quotes and dashes (0x80-0x9F) into invisible C1 controls.
_CP1252_LABELS = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252", "iso8859_15"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_SAMPLE = 64 * 1024
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
#: C0 controls other than the allowed ones; counted by regex (a Python loop over 64 KB per
#: document cost ~3 ms, a tenth of a whole plain-text extraction).
_BAD_CONTROL = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(32) if chr(c) not in _ALLOWED_CONTROLS) + "]")
_NEWLINES = re.compile(r"\r\n?")

#: Accented letters common in Western (cp1252) and Central European (cp1250) languages;
#: a correct decoding uses letters of one group, a wrong one mixes in oddities.
_WESTERN = frozenset("éèêëàâäáãåçîïíìôöóòõøûüúùñßœæÿ" + "ÉÈÊËÀÂÄÁÃÅÇÎÏÍÌÔÖÓÒÕØÛÜÚÙÑŒÆ")
_CENTRAL = frozenset("ąćęłńóśźżčďěňřšťůýžőűáéíúäöüôĺľŕ" + "ĄĆĘŁŃÓŚŹŻČĎĚŇŘŠŤŮÝŽŐŰÁÉÍÚÄÖÜÔĹĽŔ")
#: A non-ASCII non-letter between two letters: the signature of a wrong code page.
_IN_WORD_SYMBOL = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])")
_LATIN_FAMILY = frozenset(
    {"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3"}
    | {"iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15"}
    | {"iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "cp775", "cp850", "cp437"}
    | {"cp1254", "cp1258"}
)


def decode_bytes(data: bytes, *, declared: str | None = None, origin: str = "") -> str:
    """Decode hostile bytes to text or raise DocumentError (empty/binary/bad-encoding)."""
    if not data.strip():
        raise DocumentError("empty", "no content", origin)
    text = _decode_bom(data, origin)
    if text is None:
        text = _decode_declared_wide(data, declared)
    if text is None:
        _refuse_binary(data, origin)
        text = _decode_without_bom(data, declared, origin)
    _refuse_control_heavy(text, origin)
    if not text.strip():
        raise DocumentError("empty", "only whitespace", origin)
    return _NEWLINES.sub("\n", text)


def _decode_bom(data: bytes, origin: str) -> str | None:
    """A BOM is the strongest evidence there is; a BOM that lies is a broken file."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError("bad-encoding", f"{codec} BOM but {exc}", origin) from exc
    return None


def _decode_declared_wide(data: bytes, declared: str | None) -> str | None:
    """BOM-less UTF-16/32 with an explicit byte order is full of NULs yet not binary."""
    codec = _codec_name(declared)
    if codec in {"utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"}:
        return _try_decode(data, codec)
    return None


def _refuse_binary(data: bytes, origin: str) -> None:
    if looks_binary(data):
        raise DocumentError("binary", "binary content (magic number, NULs or controls)", origin)


def _refuse_control_heavy(text: str, origin: str) -> None:
    """Catch binary data that slipped through a multi-byte decode (e.g. declared UTF-16)."""
    sample = text[:_SAMPLE]
    bad = len(_BAD_CONTROL.findall(sample))
    if bad > max(8, len(sample) // 20):
        raise DocumentError("binary", "too many control characters after decoding", origin)


def _decode_without_bom(data: bytes, declared: str | None, origin: str) -> str:
    utf8 = _try_decode(data, "utf-8")
    declared_codec = _codec_name(declared)
    if utf8 is not None and (declared_codec is None or _is_single_byte(declared_codec)):
        return utf8  # valid UTF-8 (pure ASCII included) beats a single-byte label
    for codec in (declared_codec, _meta_charset(data)):
        if codec is not None:
            text = _decode_label(data, codec)
            if text is not None:
                return text
    if utf8 is not None:
        return utf8
    return _guess_legacy(data, origin)


def _codec_name(label: str | None) -> str | None:
    """Normalise a charset label to a Python codec name; unknown labels are ignored."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in {"x-user-defined", "binary", "none"}:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return "cp1252" if name in _CP1252_LABELS else name


def _is_single_byte(codec: str) -> bool:
    return codec in _LATIN_FAMILY or codec.startswith(("cp125", "iso8859", "koi8", "mac_"))


def _meta_charset(data: bytes) -> str | None:
    """HTML may name its charset in the first 4 KB (HTML spec: 1024 bytes; be lenient)."""
    match = _META_CHARSET.search(data[:4096])
    return _codec_name(match.group(1).decode("ascii")) if match else None


def _decode_label(data: bytes, codec: str) -> str | None:
    if codec == "cp1252":
        return _decode_cp1252(data)
    if codec in {"utf_16", "utf_32"}:
        return None  # BOM-less UTF-16/32 without byte order: guessing is unsafe
    return _try_decode(data, codec)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_cp1252(data: bytes) -> str:
    """cp1252 with latin-1 for its five undefined bytes, as browsers do; never fails."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(
            data[i : i + 1].decode("cp1252", errors="ignore") or chr(data[i])
            for i in range(len(data))
        )


def guess_legacy_codec(data: bytes) -> str | None:
    """The codec the legacy path would use for non-UTF-8 ``data`` (None: no idea).

    Public so a reader can decode short metadata (a CSV title) with the codec detected on
    the much longer body of the same record; short strings alone are undetectable.
    """
    if _mostly_utf8(data):
        return "utf_8"
    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None:
        return None
    codec = _codec_name(best.encoding) or best.encoding
    if codec in _LATIN_FAMILY or _plausible_latin(data):
        codec = _rerank_latin(data, codec)
    return codec


def _guess_legacy(data: bytes, origin: str) -> str:
    """Not UTF-8 and no usable label: ask charset-normalizer, then sanity-check Latin."""
    codec = guess_legacy_codec(data)
    if codec is None:
        raise DocumentError("bad-encoding", "no plausible character encoding", origin)
    if codec == "utf_8":
        return data.decode("utf-8", errors="replace")
    text = _decode_label(data, codec)
    if text is None:
        raise DocumentError("bad-encoding", f"guessed {codec} but it does not decode", origin)
    return text


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few corrupt bytes (truncated scrapes) is still UTF-8."""
    sample = data[:_SAMPLE]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return multibyte >= 4 and bad * 20 <= multibyte


def _rerank_latin(data: bytes, guess: str) -> str:
    """Pick among cp1252, cp1250 and the guess by how consistent the accented letters are."""
    sample = data[:_SAMPLE]
    best_codec, best_score = "cp1252", _latin_score(_decode_cp1252(sample))
    for codec in (guess, "cp1250"):
        text = _try_decode(sample, codec) if codec != "cp1252" else None
        if text is None:
            continue
        score = _latin_score(text)
        if score > best_score + 0.02:  # ties go to cp1252, the most common legacy page
            best_codec, best_score = codec, score
    return best_codec


def _plausible_latin(data: bytes) -> bool:
    """Mostly-ASCII text with a few consistent accents is Latin-script, whatever the guess.

    charset-normalizer sometimes calls short German text Shift-JIS; Cyrillic or Greek read
    as cp1252 has mostly non-ASCII letters, so it is not caught by this.
    """
    text = _decode_cp1252(data[:_SAMPLE])
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ch.isalpha() and ord(ch) > 0x7F)
    return letters > 0 and accented * 4 <= letters and _latin_score(text) >= 0.8


def _latin_score(text: str) -> float:
    """Share of non-ASCII characters that are letters of a single language group.

    Wrong code pages produce symbols inside words (Polish 'ł' read as cp1252 is '³') or
    letters from another group ('è' read as cp1250 is 'č' next to French 'é').
    """
    odd = [ch for ch in text if ord(ch) > 0x7F]
    if not odd:
        return 1.0
    western = sum(1 for ch in odd if ch in _WESTERN)
    central = sum(1 for ch in odd if ch in _CENTRAL)
    symbols = len(_IN_WORD_SYMBOL.findall(text))
    return (max(western, central) - symbols) / len(odd)
