"""Stage 1 — load: any supported input becomes one :class:`~gireport.Document`.

``load(source)`` accepts a path, raw ``bytes`` or a ``str`` of report text.
The format is decided by content (magic bytes, markup) and only then by the
file suffix, so a PDF named ``.txt`` is still read as a PDF.  Every failure is
a :class:`~gireport.errors.GireportError` subclass whose message names the
input and the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Document
from ..errors import FileNotFound, GireportError, LoadError
from .sniff import sniff

__all__ = ["load", "sniff", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")


def _looks_like_text(s: str) -> bool:
    return "\n" in s or len(s) > 512 or any("\u4e00" <= ch <= "\u9fff" for ch in s[:200]) and not os.path.exists(s)


def load(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> Document:
    """Read a report into a :class:`~gireport.Document`.

    ``source`` is a path (``str`` or ``PathLike``), the file's bytes, or the
    report text itself.  A ``str`` is taken as text when it contains a
    newline, is longer than 512 characters, or contains Chinese characters and
    is not an existing path; otherwise it is a path.  ``name`` labels in-memory
    input in messages and in ``Document.source.path``.
    """
    path: str | None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        path = name
        label = name or "<bytes>"
    elif isinstance(source, str) and _looks_like_text(source):
        data = source.encode("utf-8")
        path = name
        label = name or "<text>"
    else:
        p = Path(os.fspath(source))
        label = str(p) if len(str(p)) <= 200 else str(p)[:200] + "…"
        path = str(p)
        try:
            if not p.exists():
                raise FileNotFound(label, "no such file")
            if not p.is_file():
                raise FileNotFound(label, "not a regular file (a folder? use gireport.audit_many or the CLI for folders)")
            data = p.read_bytes()
        except OSError as e:  # a name too long, a permission, an I/O error
            raise LoadError(label, f"cannot read file: {e.strerror or e}") from e
    fmt = sniff(data, label)
    repaired = _unmangle(data, fmt, label) if fmt in ("txt", "md", "html") else None
    doc = _load_format(fmt, data if repaired is None else repaired.encode("utf-8"), path, label)
    if repaired is not None:
        from dataclasses import replace

        from ..document import Source

        src = Source.of(data, path, doc.source.format)
        doc.source = replace(doc.source, sha256=src.sha256, size=src.size,
                             encoding=f"{repaired.encoding} (repaired: had been decoded as {repaired.via} and saved as UTF-8)")
        doc.notes.append(f"text repaired: {repaired.encoding} text that had been decoded as {repaired.via} and saved as UTF-8")
    return doc


def _unmangle(data: bytes, fmt: str, label: str):  # type: ignore[no-untyped-def]
    """The repaired text of Chinese mangled through Latin-1 (see
    :mod:`.mojibake`), ``None`` when the bytes are not such text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    from .mojibake import repair

    return repair(text, label)


def _load_format(fmt: str, data: bytes, path: str | None, label: str) -> Document:
    try:
        if fmt == "pdf":
            from .pdf import load_pdf

            return load_pdf(data, path, label)
        if fmt == "docx":
            from .docx import load_docx

            return load_docx(data, path, label)
        if fmt == "html":
            from .html import load_html

            return load_html(data, path, label)
        from .txt import load_text

        return load_text(data, path, label, markdown=(fmt == "md"))
    except GireportError:
        raise
    except RecursionError as e:
        raise LoadError(label, f"{fmt} structure too deeply nested to read") from e
    except MemoryError as e:
        raise LoadError(label, f"{fmt} file too large to read in memory") from e
    except Exception as e:  # a library failed on malformed input: never leak it untyped
        from ..errors import CorruptFileError

        raise CorruptFileError(label, f"damaged or unreadable {fmt} file ({type(e).__name__}: {e})") from e
