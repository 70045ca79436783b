"""Finding the files of a batch run: one walker for every command and API.

:func:`walk` yields one :class:`Entry` per path met, in a stable order, and
says what each one is:

``report``
    a regular file gireport reads — by suffix (``SUPPORTED_SUFFIXES``) or,
    whatever its name, because its first bytes say it is a PDF, a Word
    document or an HTML page (the format is decided by content when the file
    is read, so a PDF named ``.txt`` or a page saved without a suffix is
    still read correctly);
``unsupported``
    recorded, never read: a legacy ``.doc`` / ``.wps`` / ``.xls`` … file, an
    image, an archive (by suffix or by content), a FIFO, a device, a socket,
    a symbolic link to one of those or to a folder, or a broken link;
``failed``
    a path that cannot be examined (missing, no permission).

In folders, hidden files and folders, README/LICENSE/CHANGELOG files and
files that are plainly not reports (sources, data, stores: ``.py``,
``.json``, ``.db`` …, or unknown content) are left out.  A path named
directly is always an entry.

Only regular files are ever opened: the kind of every path is decided by
``lstat``/``stat`` first, and the content sniff opens with ``O_NONBLOCK``
and checks the open descriptor again, so a FIFO never blocks the walk.

Order: every folder is walked depth first with its entries (files and
folders together) sorted by the bytes of their names, which is the order of
:func:`path_key`; named paths are taken in that order too when they come as
a list.  The same archive therefore gives the same sequence on every
machine, and the first path of a content is its smallest path.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..load import SUPPORTED_SUFFIXES
from .. import lazyre

__all__ = ["Entry", "walk", "iter_files", "sniff_kind", "content_kind", "path_key", "key_path", "display_path", "classify", "read_regular"]

_NOT_REPORTS = ("readme", "license", "licence", "changelog", "contributing")
_HTML_HEAD = lazyre.compile_std(rb"<!doctype\s+html|<html[\s>]", re.I)
#: Suffixes never sniffed (sources, data, stores that are not reports).
_NEVER = (".py", ".pyc", ".json", ".jsonl", ".csv", ".tsv", ".gir", ".db", ".sqlite", ".sqlite-wal", ".sqlite-shm",
          ".sarif", ".parquet", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".lock", ".log", ".db-wal", ".db-shm", ".db-journal")
#: Suffixes recorded as unsupported: (error type, reason).
_LEGACY = (".doc", ".wps", ".xls", ".et", ".ppt", ".dps", ".rtf", ".xlsx", ".pptx", ".odt", ".ofd", ".ceb", ".caj")
_IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp")
_ARCHIVES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst")

UNSUPPORTED_TYPES = ("LegacyFormat", "Image", "Archive", "NotRegularFile", "BrokenLink", "FolderLink", "UnsupportedFormatError")


class Entry(NamedTuple):
    """A path the walk met: ``kind`` is ``report``, ``unsupported`` or
    ``failed``; ``error_type`` and ``reason`` say why for the last two.
    ``root`` is the folder it was found in (None for a named path)."""

    path: str
    kind: str
    error_type: str | None = None
    reason: str | None = None
    root: str | None = None


def path_key(path: str) -> bytes:
    """The lossless sort and identity key of a path: its bytes
    (``os.fsencode``) with separators as NUL, so that byte order is the
    depth-first walk order (components compared one by one)."""
    return os.fsencode(path).replace(b"/", b"\x00")


def key_path(key: bytes) -> str:
    """The path of a :func:`path_key` (undecodable bytes as surrogates)."""
    return os.fsdecode(key.replace(b"\x00", b"/"))


def display_path(path: str) -> str:
    """A path as valid text: bytes that are not UTF-8 (a GBK name unpacked
    from a zip archive) become U+FFFD."""
    return display_text(path)


def display_text(s: str) -> str:
    """``s`` with lone surrogates (undecodable bytes) as U+FFFD, so it can be
    stored and printed as UTF-8."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        try:
            return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            return s.encode("utf-8", "replace").decode("utf-8")


_KIND_NAMES = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    for test, name in _KIND_NAMES:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``limit``), opened without
    blocking and checked on the open descriptor: a FIFO, a device or a
    socket raises :class:`OSError` instead of blocking or never ending."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{_not_regular(st.st_mode)}, not a regular file")
        want = st.st_size if limit is None else min(limit, st.st_size)
        chunks, got = [], 0
        while got < want:
            b = os.read(fd, min(1 << 20, want - got))
            if not b:
                break
            chunks.append(b)
            got += len(b)
        return b"".join(chunks)
    finally:
        os.close(fd)


def content_kind(head: bytes) -> str | None:
    """``pdf``, ``docx``, ``html``, or ``legacy`` (OLE2: .doc/.xls/.wps,
    RTF, PostScript), ``image``, ``archive`` from a file's first bytes."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in head else "archive"
    if _HTML_HEAD.search(head[:2048]):
        return "html"
    if head.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf", b"%!PS")):
        return "legacy"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "archive"
    return None


def sniff_kind(path: str) -> str | None:
    """:func:`content_kind` of a regular file (None for anything else)."""
    try:
        head = read_regular(path, 2048)
    except OSError:
        return None
    return content_kind(head)


def _unsupported(path: str, etype: str, reason: str, root: str | None) -> Entry:
    return Entry(path, "unsupported", etype, f"{display_path(path)}: {reason}", root)


_BY_SNIFF = {
    "legacy": ("LegacyFormat", "a legacy Word/Excel/WPS file (.doc/.xls/.wps); save it as .docx or PDF first"),
    "image": ("Image", "an image; scanned reports need OCR before gireport can read them"),
    "archive": ("Archive", "an archive; unpack it and audit the files inside"),
}


def classify(path: str, *, named: bool = True, root: str | None = None, st: os.stat_result | None = None) -> Entry | None:
    """The :class:`Entry` of one path (None: left out of a folder walk).
    Never opens anything but a regular file.  ``named``: the user named
    the path (it is never left out); else it was found in a folder."""
    try:
        lst = st or os.lstat(path)
    except OSError as e:
        if named and isinstance(e, FileNotFoundError):
            return Entry(path, "failed", "FileNotFound", f"{display_path(path)}: no such file or folder", root)
        return Entry(path, "failed", "LoadError", f"{display_path(path)}: cannot examine: {e.strerror or e}", root)
    odd = _not_a_file(path, lst.st_mode, root)
    if odd is not None:
        return odd
    lower = os.path.basename(path).lower()
    if not named and (lower.startswith(".") or lower.rsplit(".", 1)[0] in _NOT_REPORTS):
        return None
    by_name = _by_suffix(path, lower, root)
    if by_name is not None:
        return by_name
    if not named and lower.endswith(_NEVER):
        return None
    kind = sniff_kind(path)
    if kind in _BY_SNIFF:
        return _unsupported(path, *_BY_SNIFF[kind], root)
    if kind is not None or named:
        return Entry(path, "report", root=root)
    return None


def _not_a_file(path: str, mode: int, root: str | None) -> Entry | None:
    """The unsupported Entry of a path that is no regular file (followed
    through a symbolic link): a broken link, a link to a folder, a device,
    socket or pipe; None for a regular file."""
    link = stat.S_ISLNK(mode)
    if link:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return _unsupported(path, "BrokenLink", "a broken symbolic link", root)
    if stat.S_ISDIR(mode):
        return _unsupported(path, "FolderLink", "a symbolic link to a folder (not followed)", root)
    if not stat.S_ISREG(mode):
        what = _not_regular(mode)
        return _unsupported(path, "NotRegularFile", f"{'a symbolic link to ' if link else ''}{what}, not a regular file (never read)", root)
    return None


def _by_suffix(path: str, lower: str, root: str | None) -> Entry | None:
    """The Entry a file's suffix decides (``lower``: its name in lower
    case): a report format, or a legacy office format, image or archive
    gireport does not read; None when the suffix decides nothing."""
    if lower.endswith(SUPPORTED_SUFFIXES):
        return Entry(path, "report", root=root)
    if lower.endswith(_LEGACY):
        return _unsupported(path, "LegacyFormat", f"a {lower.rsplit('.', 1)[1]} file (legacy or office format gireport does not read); save it as .docx or PDF first", root)
    if lower.endswith(_IMAGES):
        return _unsupported(path, "Image", "an image; scanned reports need OCR before gireport can read them", root)
    if lower.endswith(_ARCHIVES):
        return _unsupported(path, "Archive", "an archive; unpack it and audit the files inside", root)
    return None


def _walk_dir(top: str, root: str) -> Iterator[Entry]:
    try:
        with os.scandir(top) as it:
            items = sorted(it, key=lambda e: os.fsencode(e.name))
    except OSError as e:
        yield Entry(top, "failed", "LoadError", f"{display_path(top)}: cannot list the folder: {e.strerror or e}", root)
        return
    for e in items:
        if e.name.startswith("."):
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_dir(e.path, root)
            continue
        try:
            lst = e.stat(follow_symlinks=False)
        except OSError:
            lst = None
        ent = classify(e.path, named=False, root=root, st=lst)
        if ent is not None:
            yield ent


def _sorted_roots(paths: Iterable[str | os.PathLike[str]]) -> list[str] | Iterable[str]:
    if isinstance(paths, (list, tuple)):
        seen: dict[bytes, str] = {}
        for p in paths:
            s = os.fspath(p)
            seen.setdefault(path_key(s), s)
        return [seen[k] for k in sorted(seen)]
    return (os.fspath(p) for p in paths)


def walk(paths: Iterable[str | os.PathLike[str]], *, folders: list[str] | None = None) -> Iterator[Entry]:
    """Every path met under ``paths`` (see the module docstring), once each,
    in a stable order.  ``folders``, when given, receives every folder
    walked (as named)."""
    seen: set[bytes] = set()
    for p in _sorted_roots(paths):
        if os.path.isdir(p):
            if folders is not None:
                folders.append(p)
            entries: Iterable[Entry] = _walk_dir(p, p)
        else:
            e = classify(p, named=True)
            entries = (e,) if e is not None else ()
        for ent in entries:
            k = path_key(ent.path)
            if k in seen:
                continue
            seen.add(k)
            yield ent


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The report files of :func:`walk` (named paths always), one path at a
    time — for callers that want readable files only."""
    for e in walk(paths):
        if e.kind == "report" or e.root is None:
            yield e.path
