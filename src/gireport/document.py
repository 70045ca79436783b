"""The document model every loader produces.

A :class:`Document` owns one normalised string, ``text``.  Everything else
holds ``(start, end)`` offsets into it: blocks (heading / paragraph / table),
table cells, and — in later stages — sections, numbers, claims and findings.
Offsets map back to pages through :meth:`Document.page_at`.

Loaders do not build Documents by hand: they feed raw paragraphs and tables to
a :class:`DocumentBuilder`, which normalises the text and keeps the offsets.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal

from .text import normalize, normalize_spaces

__all__ = ["Source", "Cell", "Table", "Block", "Document", "DocumentBuilder", "RawCell"]

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Source:
    """Where a document came from."""

    path: str | None
    format: str  # "txt" | "md" | "html" | "docx" | "pdf"
    sha256: str
    size: int
    pages: int | None = None
    encoding: str | None = None

    @staticmethod
    def of(data: bytes, path: str | None, fmt: str, **kw: object) -> Source:
        return Source(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), size=len(data), **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Cell:
    """One cell of a table as printed: its grid position, its span and its
    normalised text with offsets into ``Document.text``."""

    row: int
    col: int
    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    """A table as a grid of cells.  ``cells`` lists each printed cell once;
    :meth:`grid` expands merged cells so that every grid position holds the
    text of the cell covering it."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    page: int | None = None
    start: int = 0
    end: int = 0

    def _index(self) -> dict[tuple[int, int], Cell]:
        idx: dict[tuple[int, int], Cell] | None = self.__dict__.get("_cover")
        if idx is None:
            idx = {}
            for c in self.cells:
                for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                    for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                        idx.setdefault((r, k), c)
            self.__dict__["_cover"] = idx
        return idx

    def grid(self) -> list[list[str]]:
        """Rows of cell texts; a merged cell's text fills every position it
        covers.  (A new list each call; the index behind it is cached.)"""
        idx = self._index()
        return [[idx[(r, k)].text if (r, k) in idx else "" for k in range(self.n_cols)] for r in range(self.n_rows)]

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The printed cell covering grid position (row, col)."""
        return self._index().get((row, col))

    def __repr__(self) -> str:
        return f"<Table {self.n_rows}x{self.n_cols} page={self.page} cells={len(self.cells)}>"


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or table: a span of ``Document.text``.

    ``level`` is set when the *source* marks a heading (an HTML ``<h2>``, a
    Word "Heading 2" style); the structure stage finds the rest.  ``table`` is
    the index into ``Document.tables`` for table blocks."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    level: int | None = None
    table: int | None = None


_OFFSET = itemgetter(0)


@dataclass
class Document:
    """One report, whatever format it came in."""

    text: str
    blocks: list[Block]
    tables: list[Table]
    source: Source
    #: (offset, page) pairs: the page that starts at each offset (PDF only).
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    #: Things the loader noticed but that did not stop it (dropped headers ...).
    notes: list[str] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or None for unpaged formats."""
        if not self.page_starts:
            return None
        i = bisect.bisect_right(self.page_starts, offset, key=_OFFSET) - 1
        return self.page_starts[max(i, 0)][1]

    def snippet(self, start: int, end: int, context: int = 0) -> str:
        return self.text[max(0, start - context) : min(len(self.text), end + context)]

    def paragraphs(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind != "table")

    def __repr__(self) -> str:
        name = self.source.path or "<memory>"
        return (
            f"<Document {name!s} format={self.source.format} chars={len(self.text)} "
            f"blocks={len(self.blocks)} tables={len(self.tables)} pages={self.source.pages}>"
        )


@dataclass
class RawCell:
    """A cell as a loader sees it, before normalisation."""

    text: str
    rowspan: int = 1
    colspan: int = 1


class DocumentBuilder:
    """Accumulates blocks into one normalised text.

    Blocks are separated by a single newline; a table is written row by row,
    cells separated by a tab, so that every cell has its own span.
    """

    def __init__(self, *, prenormalized: bool = False) -> None:
        #: True when the loader already normalised its text (normalize() is
        #: idempotent; this only saves the second pass).
        self._norm = normalize_spaces if prenormalized else normalize
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.page_starts: list[tuple[int, int]] = []
        self.notes: list[str] = []

    def _write(self, s: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        start = self._pos
        self._parts.append(s)
        self._pos += len(s)
        return start, self._pos

    def start_page(self, page: int) -> None:
        """Mark that what follows is on ``page`` (1-based)."""
        off = self._pos + (1 if self._parts else 0)
        if not self.page_starts or self.page_starts[-1][1] != page:
            self.page_starts.append((off, page))

    def add_paragraph(self, raw: str, page: int | None = None, level: int | None = None) -> Block | None:
        """Add a paragraph (or, with ``level``, a source-marked heading).
        Internal newlines are kept as line breaks within the block.  Empty
        text adds nothing."""
        text = self._norm(raw).strip()
        if not text:
            return None
        # Collapse blank lines inside one block.
        text = "\n".join(ln for ln in text.split("\n") if ln)
        start, end = self._write(text)
        block = Block("heading" if level else "paragraph", start, end, page, level)
        self.blocks.append(block)
        return block

    def add_table(self, rows: Sequence[Sequence[RawCell]], page: int | None = None) -> Table | None:
        """Add a table given as rows of printed cells (merged cells appear
        once, in the first row and column they cover, with their spans).
        Returns None for a table with no text at all."""
        occupied: set[tuple[int, int]] = set()
        placed: list[tuple[int, int, RawCell, str]] = []
        n_cols = 0
        for r, row in enumerate(rows):
            c = 0
            for raw in row:
                while (r, c) in occupied:
                    c += 1
                rs, cs = max(1, raw.rowspan), max(1, raw.colspan)
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                placed.append((r, c, raw, self._norm(raw.text).replace("\n", "").strip()))
                c += cs
            n_cols = max(n_cols, c)
        n_rows = max([r + 1 for r, _ in occupied] + [len(rows)]) if occupied else 0
        if not any(t for *_, t in placed):
            return None
        # Write the table text: one line per grid row, cells by tab.
        by_row: dict[int, list[tuple[int, RawCell, str]]] = {}
        for r, c, raw, t in placed:
            by_row.setdefault(r, []).append((c, raw, t))
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        tstart = self._pos
        cells: list[Cell] = []
        for r in range(n_rows):
            if r:
                self._parts.append("\n")
                self._pos += 1
            for i, (c, raw, t) in enumerate(sorted(by_row.get(r, []), key=lambda x: x[0])):
                if i:
                    self._parts.append("\t")
                    self._pos += 1
                cells.append(Cell(r, c, t, self._pos, self._pos + len(t), max(1, raw.rowspan), max(1, raw.colspan)))
                self._parts.append(t)
                self._pos += len(t)
        table = Table(cells, n_rows, n_cols, page, tstart, self._pos)
        self.tables.append(table)
        self.blocks.append(Block("table", tstart, self._pos, page, table=len(self.tables) - 1))
        return table

    def build(self, source: Source) -> Document:
        return Document(
            text="".join(self._parts),
            blocks=self.blocks,
            tables=self.tables,
            source=source,
            page_starts=self.page_starts,
            notes=self.notes,
        )
