"""Bytes to text: byte-order marks, UTF-8, then a real detector (charset-normalizer).

Arabic and Persian news still travels as Windows-1256 and UTF-16 as well as
UTF-8. The order matters: a byte-order mark is certain; strict UTF-8 almost
never decodes anything that is not UTF-8; only then is the detector asked,
which weighs every candidate encoding by how plausible its text is. A file
with NUL bytes that is not UTF-16/32 is binary, and so is "text" full of
control characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from checker.errors import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_NAMES = {
    "utf-8": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
}
_MAX_CONTROL_SHARE = 0.01
_MAX_CHAOS = 0.3  # charset-normalizer's "mess" ratio above which a reading is not text
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1256"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the NUL high bytes of ASCII characters all
    fall on one parity (odd for little-endian), while binary data has NULs anywhere."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    half = len(sample) // 2
    # in Arabic text only spaces, digits and punctuation (some 15%) carry a NUL byte
    if odd > 0.05 * half and even <= 0.005 * half:
        return "utf-16-le"
    if even > 0.05 * half and odd <= 0.005 * half:
        return "utf-16-be"
    return None


def _checked(text: str, encoding: str) -> Decoded:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ReadError("", "binary file (not text)")
    return Decoded(text, encoding)


def declared_html_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares, when Python knows that codec."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode the bytes of one file.

    Args:
        data: the whole file.
        declared: an encoding the file itself declares (HTML ``<meta charset>``);
            used only when UTF-8 fails and it decodes without error.

    Raises:
        ReadError: with reason "binary file (not text)" or "undecodable ..."
            (``path`` left empty for the caller to fill in).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(name), _BOM_NAMES[name])
            except UnicodeDecodeError as e:
                raise ReadError(
                    "", f"undecodable: {e.reason} at byte {e.start + len(bom)} ({name} BOM)"
                ) from e
    if b"\x00" in data:
        utf16 = _looks_utf16(data)
        if utf16 is None:
            raise ReadError("", "binary file (not text)")
        try:
            return _checked(data.decode(utf16), "utf-16")
        except UnicodeDecodeError as e:
            raise ReadError("", "binary file (not text)") from e
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _checked(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        if _control_share(data.decode("latin-1")) > _MAX_CONTROL_SHARE:
            raise ReadError("", "binary file (not text)")
        raise ReadError("", "undecodable: no text encoding fits (tried UTF-8 and charset detection)")
    return _checked(str(best), best.encoding)
