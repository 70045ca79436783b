"""Stage 1 — load: any supported input becomes one :class:`~gireport.Document`.

``load(source)`` accepts a path, raw ``bytes``, or report text given as
``text=`` (a ``str`` is a path whenever it can be one, see :func:`load`).
The format is decided by content (magic bytes, markup) and only then by the
file suffix, so a PDF named ``.txt`` is still read as a PDF.  Every failure is
a :class:`~gireport.errors.GireportError` subclass whose message names the
input and the problem.
"""

from __future__ import annotations

import os
import stat
import sys
import warnings
from pathlib import Path

from ..document import Document
from ..errors import FileNotFound, GireportError, LoadError
from ..heap import fewer_collections
from .sniff import sniff

__all__ = ["load", "sniff", "Text", "is_path", "looks_like_path", "SUPPORTED_SUFFIXES", "PATH_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")


#: Suffixes that make a one-line string a file name, even when no such file
#: exists (a mistyped name must fail as "file not found", not be audited as
#: report text).
PATH_SUFFIXES = SUPPORTED_SUFFIXES + (
    ".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".ofd", ".zip", ".rar",
    ".7z", ".gz", ".tar", ".jpg", ".jpeg", ".png", ".tif", ".tiff",
)
_SENTENCE_PUNCT = "，。；：、！？“”（）"


class Text(str):
    """Report text given explicitly: ``gireport.parse(Text(s))`` (or
    ``parse(text=s)``) reads ``s`` as the report itself, never as a path."""

    __slots__ = ()


def _exists(s: str) -> bool:
    try:
        return os.path.exists(s)
    except (ValueError, OSError):  # an embedded NUL, a name the OS rejects
        return False


def looks_like_path(s: str) -> bool:
    """True when a one-line ``str`` reads as a file name: it ends with a
    known file suffix, or it has a path separator and no sentence
    punctuation."""
    if "\n" in s or "\r" in s or not s.strip() or len(s) > 4096:
        return False
    st = s.strip()
    if st.lower().endswith(PATH_SUFFIXES):
        return True
    return ("/" in st or "\\" in st) and not any(ch in _SENTENCE_PUNCT for ch in st)


def is_path(source: object) -> bool:
    """Whether :func:`load` reads ``source`` as a path (see there)."""
    if isinstance(source, Text) or isinstance(source, (bytes, bytearray, memoryview)):
        return False
    if isinstance(source, os.PathLike):
        return True
    if isinstance(source, str):
        # one line is a path, whatever it says; a str with a line break names
        # no file unless one exists under that very name
        return _exists(source) or ("\n" not in source and "\r" not in source)
    return False


_KINDS = ((stat.S_ISDIR, "a folder; use gireport.audit_many or the command line for folders"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _read_regular(path: str, label: str) -> bytes:
    """The bytes of a regular file.  Opened without blocking and checked on
    the open descriptor, so that a FIFO, a device or a symbolic link to one
    (``/dev/zero``) is refused instead of blocking or never ending."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise FileNotFound(label, f"not a regular file: {kind}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for something else since the check
            raise FileNotFound(label, "not a regular file")
        chunks, got = [], 0
        while got < st.st_size:
            b = os.read(fd, min(1 << 24, st.st_size - got))
            if not b:
                break
            chunks.append(b)
            got += len(b)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load(source: str | os.PathLike[str] | bytes | None = None, *, name: str | None = None, text: str | None = None) -> Document:
    """Read a report into a :class:`~gireport.Document`.

    ``source`` is a path (``str`` or ``PathLike``) or the file's ``bytes``;
    report text is given explicitly as ``text=`` (or wrapped in
    :class:`Text`).  How a plain ``str`` is read:

    * a ``PathLike`` is always a path;
    * a ``str`` naming an existing file is that file, whatever its length
      or characters (newlines included);
    * a one-line ``str`` that reads as a file name — it ends with a known
      file suffix (``.txt``, ``.pdf``, ``.doc`` …), or has a path separator
      and no Chinese sentence punctuation — but names no existing file
      raises :class:`~gireport.errors.FileNotFound`;
    * any other one-line ``str`` is a path too (a missing one raises
      :class:`~gireport.errors.FileNotFound`);
    * a ``str`` with a line break that names no file is, for backward
      compatibility, taken as report text with a ``DeprecationWarning``:
      give text as ``text=`` or :class:`Text`.

    ``name`` labels in-memory input in messages and in
    ``Document.source.path``.
    """
    path: str | None
    if text is not None:
        if source is not None:
            raise ValueError("give either a source or text=, not both")
        source = Text(text)
    if source is None:
        raise ValueError("nothing to load: give a path, bytes or text=")
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        path = name
        label = name or "<bytes>"
    elif isinstance(source, str) and not is_path(source):
        if not isinstance(source, Text):
            warnings.warn(
                "gireport: a str with line breaks that names no file is read as report text; "
                "pass it as text= (or gireport.Text) — this fallback will be removed",
                DeprecationWarning,
                stacklevel=_caller_level(),
            )
        data = source.encode("utf-8")
        path = name
        label = name or "<text>"
    else:
        p = Path(os.fspath(source))
        label = str(p) if len(str(p)) <= 200 else str(p)[:200] + "…"
        label = label.replace("\n", "\\n").replace("\r", "\\r")
        path = str(p)
        try:
            if not _exists(str(p)):
                raise FileNotFound(label, "file not found (no such file or folder)")
            data = _read_regular(str(p), label)
        except OSError as e:  # a name too long, a permission, an I/O error
            raise LoadError(label, f"cannot read file: {e.strerror or e}") from e
    fmt = sniff(data, label)
    with fewer_collections():  # a page's tree and a PDF's characters are many small objects
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


def _caller_level() -> int:
    """The stack level of the first frame outside gireport (for warnings)."""
    f = sys._getframe(1)
    level = 1
    while f is not None and f.f_globals.get("__name__", "").startswith("gireport"):
        f = f.f_back  # type: ignore[assignment]
        level += 1
    return level


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
