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


def sniff(data: bytes, label: str) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"html"``, ``"md"`` or ``"txt"``, or raise
    a typed error for empty, binary or unsupported content."""
    if not data or not data.strip():
        raise EmptyFileError(label, "empty file (no content)")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
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
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(label, "a legacy Word/Excel (.doc/.xls) file; save it as .docx first")
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormatError(label, "an image; scanned reports need OCR before gireport can read them")
    if data.startswith(b"%!PS"):
        raise UnsupportedFormatError(label, "a PostScript file; convert it to PDF first")
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(label, "an RTF file; save it as .docx first")
    if _HTML_RE.search(data[:65536]):
        return "html"
    suffix = _suffix(label)
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".pdf", ".docx"):
        raise CorruptFileError(label, f"the file is named {suffix} but its content is not a {suffix[1:].upper()} file")
    if suffix in (".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".ofd", ".zip", ".rar", ".7z"):
        raise UnsupportedFormatError(label, f"{suffix} files are not supported; gireport reads txt, md, html, docx and pdf")
    # Markdown without the suffix: pipe tables or ATX headings in text.
    try:
        sample = data[:65536].decode("utf-8", errors="ignore")
    except Exception:  # pragma: no cover - decode with ignore cannot fail
        sample = ""
    if len(_MD_RE.findall(sample)) >= 3:
        return "md"
    return "txt"
