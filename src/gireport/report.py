"""``Report``: a loaded document together with its outline.

``gireport.parse(source)`` returns a :class:`Report`.  Stages after structure
(claims, audit) attach to it lazily, so parsing an archive pays only for what
is asked for.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .document import Document
from .load import load
from .structure import Outline, Paragraph, build_outline
from .tables import StandardTable, extract_tables
from .structure.headings import Heading
from .structure.metadata import Metadata
from .structure.sections import Section
from .structure.template import TemplateInfo

if TYPE_CHECKING:
    from .claims import Claims

__all__ = ["Report", "parse"]


class Report:
    """A parsed report: ``document`` (text, blocks, tables, source) and
    ``outline`` (headings, sections, template, metadata)."""

    def __init__(self, document: Document, outline: Outline) -> None:
        self.document = document
        self.outline = outline
        self._claims: Claims | None = None
        self._tables: list[StandardTable] | None = None

    @property
    def tables(self) -> list[StandardTable]:
        """The standard tables (主动公开, 收到和处理申请, 复议诉讼) mapped to
        canonical keys (computed on first access, then cached)."""
        if self._tables is None:
            self._tables = extract_tables(self.document, self.outline)
        return self._tables

    def table(self, kind: str) -> StandardTable | None:
        """The standard table of a kind: proactive, applications or review."""
        return next((t for t in self.tables if t.kind == kind), None)

    @property
    def claims(self) -> Claims:
        """Numeric claims (computed on first access, then cached)."""
        if self._claims is None:
            from .claims import extract as extract_claims  # the claims stage is loaded when first asked for

            self._claims = extract_claims(self.document.text, self.outline.paragraphs, self.outline.metadata.declared)
        return self._claims

    # Convenience views -------------------------------------------------
    @property
    def text(self) -> str:
        return self.document.text

    @property
    def path(self) -> str | None:
        return self.document.source.path

    @property
    def sections(self) -> list[Section]:
        """Top-level sections, each with its ``kind`` and children."""
        return self.outline.sections

    @property
    def headings(self) -> list[Heading]:
        return self.outline.headings

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.outline.paragraphs

    @property
    def template(self) -> TemplateInfo:
        return self.outline.template

    @property
    def metadata(self) -> Metadata:
        return self.outline.metadata

    @property
    def is_report(self) -> bool:
        """False when the document does not look like an annual report; the
        reason is in ``metadata.not_report_reason``."""
        return self.outline.metadata.is_report

    @property
    def section_kinds(self) -> list[str]:
        return [s.kind for s in self.outline.sections]

    def section(self, kind: str) -> Section | None:
        """The first top-level section of a canonical kind."""
        return next((s for s in self.outline.sections if s.kind == kind), None)

    def section_text(self, section: Section) -> str:
        return self.document.text[section.start : section.end]

    def to_dict(self) -> dict[str, Any]:
        src = self.document.source
        return {
            "source": {
                "path": src.path,
                "format": src.format,
                "sha256": src.sha256,
                "size": src.size,
                "pages": src.pages,
                "encoding": src.encoding,
            },
            "metadata": self.metadata.to_dict(),
            "template": self.template.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "tables": [{"rows": t.n_rows, "cols": t.n_cols, "page": t.page, "grid": t.grid()} for t in self.document.tables],
            "chars": len(self.document.text),
        }

    # Tidy data and notebook display ---------------------------------------
    def claims_frame(self):  # type: ignore[no-untyped-def]
        """One row per claim (pandas); columns ``gireport.frames.CLAIM_COLUMNS``,
        documented in :mod:`gireport.frames`."""
        from .frames import claims_frame

        return claims_frame(self)

    def tables_frame(self):  # type: ignore[no-untyped-def]
        """The standard tables' cells in long form (pandas); columns
        ``gireport.frames.TABLE_COLUMNS``, documented in :mod:`gireport.frames`."""
        from .frames import tables_frame

        return tables_frame(self)

    def _repr_html_(self) -> str:
        """Notebook view: metadata, template, outline with section kinds,
        claims and tables found."""
        from .display import report_html

        return report_html(self)

    def __repr__(self) -> str:
        md = self.metadata
        name = os.path.basename(self.path) if self.path else "<memory>"
        flag = "" if md.is_report else " NOT-A-REPORT"
        return (
            f"<Report {name} agency={md.agency!r} year={md.year} template={self.template.name} "
            f"sections={len(self.sections)}{flag}>"
        )


def parse(
    source: str | os.PathLike[str] | bytes | Document | None = None,
    *,
    name: str | None = None,
    text: str | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    limits: bool = True,
) -> Report:
    """Load (unless given a Document) and structure a report.

    ``source`` is a path, the file's ``bytes`` or a :class:`Document`;
    report text is given as ``text=`` (see :func:`gireport.load` for how a
    plain ``str`` is read: a path whenever it can be one).

    A file or ``bytes`` is read in a child process under a time limit
    (``timeout`` seconds, default :data:`gireport.limits.DEFAULT_TIMEOUT`)
    and a memory limit (``memory_mb``, default
    :data:`gireport.limits.DEFAULT_MEMORY_MB`); ``0`` lifts one,
    ``limits=False`` both.  Text and Documents are parsed in this process
    unless a limit is given.  Exceeding a limit raises
    :class:`~gireport.errors.TimeLimitError` or
    :class:`~gireport.errors.MemoryLimitError` (see :mod:`gireport.limits`).

    Raises only :class:`~gireport.errors.GireportError` subclasses."""
    from .limits import resolve, run_limited

    t, m = resolve(_file_like(source) and text is None, timeout, memory_mb, limits)
    return run_limited(_parse, source, name, text, timeout=t, memory_mb=m, label=_label(source, name))


def _file_like(source: object) -> bool:
    from .load import is_path

    return isinstance(source, (bytes, bytearray, memoryview)) or is_path(source)


def _label(source: object, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, (str, os.PathLike)) and _file_like(source):
        s = os.fspath(source)
        return s if len(s) <= 200 else s[:200] + "…"
    return "<bytes>" if isinstance(source, (bytes, bytearray, memoryview)) else "<input>"


def _parse(source: str | os.PathLike[str] | bytes | Document | None, name: str | None, text: str | None) -> Report:
    doc = source if isinstance(source, Document) else load(source, name=name, text=text)
    try:
        outline = build_outline(doc)
    except RecursionError as e:  # pathological nesting in hostile input
        from .errors import GireportError

        raise GireportError(doc.source.path, "document structure too deeply nested to analyse") from e
    return Report(doc, outline)
