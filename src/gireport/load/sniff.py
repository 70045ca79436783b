"""Format detection by content first, suffix second."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import CorruptFileError, EmptyFileError, UnsupportedFormatError
from .. import lazyre

__all__ = ["sniff"]

_HTML_RE = lazyre.compile_std(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<(?:p|div|table|span|br)[\s>/]", re.I)
_MD_RE = lazyre.compile_std(r"^\s*(?:#{1,6} |\|.*\|\s*$)", re.M)


def _suffix(label: str) -> str:
    dot = label.rfind(".")
    return label[dot:].lower() if dot > max(label.rfind("/"), label.rfind("\\")) else ""


#: Content that is no report format, by its first bytes: why it is refused.
_REFUSED_MAGIC: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((b"\xd0\xcf\x11\xe0",), "a legacy Word/Excel (.doc/.xls) file; save it as .docx first"),
    ((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*"), "an image; scanned reports need OCR before gireport can read them"),
    ((b"%!PS",), "a PostScript file; convert it to PDF first"),
    ((b"{\\rtf",), "an RTF file; save it as .docx first"),
)

#: File name suffixes of formats gireport does not read.
_UNSUPPORTED_SUFFIXES = (".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".ofd", ".zip", ".rar", ".7z")


def sniff(data: bytes, label: str) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"html"``, ``"md"`` or ``"txt"``, or raise
    a typed error for empty, binary or unsupported content.  The content
    decides first (magic bytes, a zip's members, HTML tags); the file
    name's suffix only for text that could be several things."""
    if not data or not data.strip():
        raise EmptyFileError(label, "empty file (no content)")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, label)
    for magic, why in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormatError(label, why)
    if _HTML_RE.search(data[:65536]):
        return "html"
    return _text_kind(data, label)


def _zip_kind(data: bytes, label: str) -> str:
    """``"docx"`` for a zip archive holding a Word document; a typed error
    for a damaged archive, a .docx without its document, an Excel or
    PowerPoint file, or any other archive."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        if _suffix(label) == ".docx":
            raise CorruptFileError(label, f"damaged .docx (not a readable zip archive: {e})") from e
        raise UnsupportedFormatError(label, "a damaged zip archive, not a report format gireport reads") from e
    if "word/document.xml" in names:
        return "docx"
    if _suffix(label) == ".docx":
        raise CorruptFileError(label, "not a valid .docx: the zip archive has no word/document.xml")
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise UnsupportedFormatError(label, "an Excel or PowerPoint file; gireport reads txt, md, html, docx and pdf")
    raise UnsupportedFormatError(label, "a zip archive, not a report; unpack it and audit the files inside")


def _text_kind(data: bytes, label: str) -> str:
    """``"html"``, ``"md"`` or ``"txt"`` for text without HTML tags near its
    start, by the file's suffix, else Markdown when the text has pipe
    tables or ATX headings; a typed error for a name that promises a
    binary format the content is not."""
    suffix = _suffix(label)
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".pdf", ".docx"):
        raise CorruptFileError(label, f"the file is named {suffix} but its content is not a {suffix[1:].upper()} file")
    if suffix in _UNSUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(label, f"{suffix} files are not supported; gireport reads txt, md, html, docx and pdf")
    # Markdown without the suffix: pipe tables or ATX headings in text.
    sample = data[:65536].decode("utf-8", errors="ignore")
    if len(_MD_RE.findall(sample)) >= 3:
        return "md"
    return "txt"
