"""Finding the files of a batch run.

:func:`iter_files` walks folders recursively, lazily, in a stable order
(sorted names).  A file is taken when its suffix is one gireport reads
(``SUPPORTED_SUFFIXES``) — the same rule as ``gireport.cli.iter_inputs``,
README/LICENSE/CHANGELOG and hidden files skipped — or, whatever its name,
when its first bytes say it is a PDF, a Word document or an HTML page (the
format of every file is decided by content when it is read, so a PDF named
``.txt`` or a page saved without a suffix is still read correctly).  Other
files are not reports and are left out.  Files named directly are always
taken.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from ..load import SUPPORTED_SUFFIXES

__all__ = ["iter_files", "sniff_kind"]

_NOT_REPORTS = ("readme", "license", "licence", "changelog", "contributing")
_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
#: Suffixes never sniffed (sources, data, archives that are not reports).
_NEVER = (".py", ".pyc", ".json", ".jsonl", ".csv", ".tsv", ".gir", ".db", ".sqlite", ".sqlite-wal", ".sqlite-shm",
          ".sarif", ".parquet", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".lock", ".log", ".db-wal", ".db-shm", ".db-journal")


def sniff_kind(path: str) -> str | None:
    """``pdf``, ``docx`` or ``html`` when the file's first bytes say so."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in head:
        return "docx"
    if _HTML_HEAD.search(head):
        return "html"
    return None


def _wanted(name: str, full: str) -> bool:
    if name.startswith("."):
        return False
    lower = name.lower()
    if lower.rsplit(".", 1)[0] in _NOT_REPORTS:
        return False
    if lower.endswith(SUPPORTED_SUFFIXES):
        return True
    if lower.endswith(_NEVER):
        return False
    return sniff_kind(full) is not None


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Files named directly, and report files found recursively in folders
    (see the module docstring), one path at a time."""
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    full = os.path.join(root, f)
                    if _wanted(f, full):
                        yield full
        else:
            yield p
