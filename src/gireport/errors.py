"""Typed errors.  Every failure that ``load`` or ``parse`` can raise is a
:class:`GireportError`; each message names the file and the problem, so that a
batch run can record it verbatim as the reason a file failed."""

from __future__ import annotations

__all__ = [
    "GireportError",
    "LoadError",
    "FileNotFound",
    "EmptyFileError",
    "UnsupportedFormatError",
    "DecodeError",
    "CorruptFileError",
    "EncryptedPDFError",
    "NeedsOCRError",
    "MojibakeError",
    "ResourceLimitError",
    "TimeLimitError",
    "MemoryLimitError",
]


class GireportError(Exception):
    """Base class of every error gireport raises on purpose.

    ``path`` is the file concerned (or ``"<bytes>"`` / ``"<text>"`` for
    in-memory input) and ``reason`` the problem without the path."""

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path or "<input>"
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LoadError(GireportError):
    """The input could not be turned into a :class:`~gireport.Document`."""


class FileNotFound(LoadError):
    """The path does not exist or is not a regular file."""


class EmptyFileError(LoadError):
    """The file has no content (zero bytes, or no text at all)."""


class UnsupportedFormatError(LoadError):
    """The content is not one of the formats gireport reads
    (txt, md, html, docx, pdf)."""


class DecodeError(LoadError):
    """The text could not be decoded with confidence (UTF-8, GB18030 ...)."""


class CorruptFileError(LoadError):
    """The file claims a supported format but is damaged (a truncated PDF, a
    zip archive that is not a valid docx, ...)."""


class EncryptedPDFError(LoadError):
    """The PDF is password-protected."""


class NeedsOCRError(LoadError):
    """The PDF has no text layer (a scan); it needs OCR before gireport can
    read it."""


class MojibakeError(DecodeError):
    """The text is Chinese that was decoded with the wrong encoding
    (Latin-1/Windows-1252) and saved again, and it cannot be repaired
    exactly."""


class ResourceLimitError(LoadError):
    """Reading or auditing the input would exceed a time or memory limit
    (``timeout=``/``memory_mb=`` of the API, ``--timeout``/``--memory-mb``
    of the command line)."""


class TimeLimitError(ResourceLimitError):
    """The input took longer than the time limit."""


class MemoryLimitError(ResourceLimitError):
    """The input needs more memory than the limit (a PDF whose content
    inflates beyond it, a docx zip bomb, ...)."""


class StoreError(GireportError):
    """The result store (``--db``) cannot be opened or written: the disk is
    full, the file or its folder is read-only, it is not a gireport store.
    The store is left as it was after the last file fully recorded, so the
    next run resumes."""


class StoreLocked(StoreError):
    """Another run is writing to the same result store."""


__all__ += ["StoreError", "StoreLocked"]
