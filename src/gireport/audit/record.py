"""The audit record: one document's audit as every output reads it.

An :class:`~gireport.audit.engine.Audit` holds the parsed report; an
:class:`AuditRecord` holds what is shown of it, without the report: the
findings with everything needed to show them (:class:`Shown`: the line,
the context lines of the text output, the sentences and labelled table grids
of the HTML report, the line and column in the original file for SARIF),
the verdicts, the coverage, the document's facts and outline, and the
rounding policy it was audited under.

It is built once per document (:func:`record_of`), in whatever process
audited it; a batch worker sends it to the parent, the result store saves
it and loads it back, and every renderer of :mod:`gireport.output` reads
only records — so the same run gives the same bytes however it was run.

A path that could not be audited is a record too (``status`` failed,
unsupported, duplicate, gone or pending, with the reason), so that every
output accounts for every path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .finding import Evidence, Finding, Verdict

__all__ = ["AuditRecord", "Shown", "record_of", "RECORD_STATUSES", "finding_from_dict", "verdict_from_dict", "pack", "unpack"]


def pack(obj: Any) -> bytes:
    """JSON, compressed: how a record's ``facts`` and ``texts`` travel and
    are stored."""
    import json
    import zlib

    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes | None) -> Any:
    import json
    import zlib

    return json.loads(zlib.decompress(blob).decode("utf-8")) if blob else None

#: The status of a path: ``ok`` audited; ``failed`` could not be audited
#: (unreadable, crashed, over a limit); ``unsupported`` not a format
#: gireport reads; ``duplicate`` the same bytes as a smaller path, whose
#: record it shares; ``gone`` (in a store) no longer in the archive;
#: ``pending`` (in a store) walked by an interrupted run, not yet audited.
RECORD_STATUSES = ("ok", "failed", "unsupported", "duplicate", "gone", "pending")


@dataclass
class Shown:
    """How one finding is shown without the report.

    ``line``: the line of its first evidence in the normalised text;
    ``context``: the lines holding its evidence, evidence marked «…» (the
    text output); ``sentences``: the sentences holding its text evidence as
    ``[piece, marked]`` segments (the HTML report); ``grids``: its table
    evidence as labelled table excerpts (:func:`gireport.tables.excerpt.excerpt`);
    ``regions``: per evidence span, ``[start line, start column, end line,
    end column]`` in the original file, or None (SARIF); ``scope``: ``file``
    or ``corpus`` (a cross-year rule), ``related``: for a corpus finding the
    other report; ``review``/``review_note``: a reviewer's mark in a store."""

    line: int = 0
    context: list[str] = field(default_factory=list)
    sentences: list[Any] = field(default_factory=list)
    grids: list[dict[str, Any]] = field(default_factory=list)
    regions: list[Any] = field(default_factory=list)
    scope: str = "file"
    related: str | None = None
    review: str | None = None
    review_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line, "context": self.context, "sentences": self.sentences, "grids": self.grids, "regions": self.regions,
            "scope": self.scope, "related": self.related, "review": self.review, "review_note": self.review_note,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Shown:
        d = d or {}
        return cls(
            line=int(d.get("line") or 0), context=list(d.get("context") or []), sentences=list(d.get("sentences") or []),
            grids=list(d.get("grids") or []), regions=list(d.get("regions") or []), scope=d.get("scope") or "file",
            related=d.get("related"), review=d.get("review"), review_note=d.get("review_note"),
        )


class _PackedVerdicts:
    """The verdicts of a record as they travel (:func:`pack`), decoded when called."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def __call__(self) -> list[Verdict]:
        return [verdict_from_dict(v) for v in unpack(self.blob)]


@dataclass
class AuditRecord:
    """One path's audit, as every output reads it (see the module docstring).

    ``findings`` are :class:`Finding` objects and ``shown`` is parallel to
    them; ``verdicts`` are :class:`Verdict` objects; ``coverage`` is
    ``Audit.coverage``; ``document`` the report's facts for display (title,
    issuer kind, pages, characters, template signals, period, signature,
    declared parts, outline).  ``facts`` and ``texts`` (compressed) travel
    from a batch worker to the store for the cross-year rules and are in no
    output.  ``elapsed`` and ``reused`` describe how the run went, not the
    document, and are in no output either."""

    file: str
    status: str = "ok"
    error_type: str | None = None
    error_message: str | None = None
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    is_report: bool | None = None
    rounding: str | None = None
    coverage: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list, repr=False)
    verdicts: list[Verdict] = field(default_factory=list, repr=False)
    document: dict[str, Any] = field(default_factory=dict, repr=False)
    #: for ``duplicate``: the path whose bytes (and record) this one shares
    duplicate_of: str | None = None
    elapsed: float = 0.0
    #: read from the store rather than audited in this run
    reused: bool = False
    facts: bytes | None = field(default=None, repr=False)
    texts: bytes | None = field(default=None, repr=False)
    #: the rows the result store writes for this record, made by the batch
    #: worker that audited it (``gireport.batch.store.record_rows``); in no output
    store_rows: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    # -- pickling: the verdicts travel compressed (a worker sends thousands) --
    def __getstate__(self) -> dict[str, Any]:
        blob = self.packed_verdicts()
        state = dict(self.__dict__)
        state.pop("_load_verdicts", None)
        state["verdicts"] = blob
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        blob = state.get("verdicts")
        self.__dict__.update(state)
        if isinstance(blob, (bytes, bytearray)):
            # decoded when first used: the batch parent stores the blob as it came
            self.defer_verdicts(_PackedVerdicts(bytes(blob)))

    def packed_verdicts(self) -> bytes:
        """The verdicts as :func:`pack` stores them (``Verdict.to_dict()``
        records); the blob a record arrived with, when its verdicts were
        never decoded."""
        load = self.__dict__.get("_load_verdicts")
        if isinstance(load, _PackedVerdicts):
            return load.blob
        return pack([v.to_dict() for v in self.verdicts])

    # -- verdicts read when first used (a store's records) ---------------
    def defer_verdicts(self, load: Callable[[], list[Verdict]]) -> AuditRecord:
        """Leave the verdicts to ``load`` until they are first used: a
        record read back from a result store, or received from a batch
        worker, carries hundreds of them, and most uses never read them.
        Returns the record."""
        self.__dict__.pop("verdicts", None)
        self.__dict__["_load_verdicts"] = load
        return self

    def __getattr__(self, name: str) -> Any:
        if name == "verdicts":
            load = self.__dict__.pop("_load_verdicts", None)
            if load is not None:
                value = load()
                self.__dict__["verdicts"] = value
                return value
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- status --------------------------------------------------------
    @property
    def path(self) -> str:
        return self.file

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def skipped(self) -> bool:
        """Not audited in this run: read from the store, or a duplicate."""
        return self.reused or self.status == "duplicate"

    # -- findings ------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def verdict_counts(self) -> dict[str, int]:
        """Verdicts by status: ``{"pass": …, "fail": …, "untestable": …}``."""
        out = {"pass": 0, "fail": 0, "untestable": 0}
        for v in self.verdicts:
            out[v.status] += 1
        return out

    def located(self) -> Iterator[tuple[Finding, Shown]]:
        """Each finding with how it is shown."""
        for i, f in enumerate(self.findings):
            yield f, (self.shown[i] if i < len(self.shown) else Shown())

    def keep(self, mask: Sequence[bool]) -> AuditRecord:
        """A copy with only the findings where ``mask`` is true (their
        ``shown`` along); the coverage and verdicts are kept as they are."""
        out = copy.copy(self)
        pairs = [p for p, k in zip(self.located(), mask) if k]
        out.findings = [f for f, _ in pairs]
        out.shown = [s for _, s in pairs]
        out.store_rows = None  # they were the whole record's
        return out

    # -- records -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON record of an audited document (as ``Audit.to_dict()``)."""
        return {
            "file": self.file,
            "status": self.status,
            "sha256": self.sha256,
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "is_report": self.is_report,
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts(),
            "coverage": self.coverage,
            "rounding": self.rounding,
            "verdicts": [v.to_dict() for v in self.verdicts],
        }

    def status_dict(self) -> dict[str, Any]:
        """``{file, status, error, message, duplicate_of}``: the path's entry
        in the outputs' list of paths."""
        message = self.error_message
        if self.status == "duplicate" and not message and self.duplicate_of:
            message = f"{self.file}: the same bytes as {self.duplicate_of}"
        return {"file": self.file, "status": self.status, "error": self.error_type, "message": message, "duplicate_of": self.duplicate_of}

    def __repr__(self) -> str:
        if self.status == "duplicate":
            return f"<AuditRecord {self.file} duplicate of {self.duplicate_of}>"
        if self.status != "ok":
            return f"<AuditRecord {self.file} {self.status} {self.error_type}: {self.error_message}>"
        c = self.counts()
        return f"<AuditRecord {self.file}: {c['error']} errors, {c['warning']} warnings, {c['info']} info>"


# --------------------------------------------------------------- building
def _outline(sections: Iterable[Any], depth: int = 0, max_depth: int = 2) -> list[list[Any]]:
    """[depth, heading, kind, page] of the sections, two levels deep."""
    out: list[list[Any]] = []
    for s in sections:
        out.append([depth, s.heading if not s.implied else "", s.kind, s.page])
        if depth + 1 < max_depth:
            out += _outline(s.children, depth + 1, max_depth)
    return out


def _iso(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def document_facts(report: Any) -> dict[str, Any]:
    """What the outputs show of a report besides its findings."""
    md = report.metadata
    src = report.document.source
    t = report.template
    d = md.declared
    return {
        "title": md.title,
        "issuer_kind": md.issuer_kind,
        "not_report_reason": None if md.is_report else md.not_report_reason,
        "pages": src.pages,
        "chars": len(report.text),
        "expected_template": t.expected if t.deviates else None,
        "signals": list(t.signals[:6]),
        "period": [_iso(md.period_start), _iso(md.period_end)] if (md.period_start or md.period_end) else None,
        "signed": [md.signature_agency, _iso(md.signature_date)] if (md.signature_agency or md.signature_date) else None,
        "published": _iso(md.publication_date),
        "declared": {"count": d.count, "names": list(d.names or [])} if d else None,
        "tables": len(report.document.tables),
        "outline": _outline(report.sections),
    }


def _cells(report: Any) -> dict[tuple[int, int], tuple[Any, Any]]:
    idx: dict[tuple[int, int], tuple[Any, Any]] = {}
    try:
        tables = report.tables
    except Exception:  # noqa: BLE001 - a table reader bug must not lose the audit
        return idx
    for t in tables:
        for c in t.cells.values():
            idx.setdefault((c.start, c.end), (t, c))
    return idx


def _shown(f: Finding, text: str, cells: dict[tuple[int, int], tuple[Any, Any]], lines: Any) -> Shown:
    from ..tables.excerpt import excerpt
    from ..text import context_lines, context_segments, line_of

    spans: list[tuple[int, int]] = []
    by_table: dict[int, tuple[Any, list[Any]]] = {}
    for ev in f.evidence:
        hit = cells.get((ev.start, ev.end))
        if hit is not None:
            by_table.setdefault(id(hit[0]), (hit[0], []))[1].append(hit[1])
        else:
            spans.append((ev.start, ev.end))
    regions: list[Any] = []
    if lines is not None:
        for ev in f.evidence:
            loc = lines.locate(ev.start, ev.end)
            regions.append(list(loc) if loc else None)
    return Shown(
        line=line_of(text, f.start) if f.start is not None else 0,
        context=context_lines(text, [(ev.start, ev.end) for ev in f.evidence]) if f.evidence else [],
        sentences=context_segments(text, spans) if spans else [],
        grids=[excerpt(t, cs) for t, cs in by_table.values()],
        regions=regions if any(r is not None for r in regions) else [],
    )


def _source_lines(audit: Any, path: str | None) -> Any:
    """Where normalised offsets are in the original file (None for the
    formats without lines, or when the file cannot be read again)."""
    if not audit.findings or not path:
        return None
    from ..load.locate import SourceLines

    src = audit.report.document.source
    try:
        return SourceLines.of(path, src.format, src.encoding, audit.report.text)
    except Exception:  # noqa: BLE001 - a location is a convenience, never a failure
        return None


def record_of(audit: Any, *, path: str | None = None, source_path: str | None = None) -> AuditRecord:
    """The record of an :class:`~gireport.audit.engine.Audit`.  ``path``:
    the name to show (default: the report's); ``source_path``: the file to
    read again for line and column (default: ``path``)."""
    report = audit.report
    src = report.document.source
    md = report.metadata
    name = path if path is not None else (src.path or "<input>")
    text = report.text
    cells = _cells(report) if audit.findings else {}
    lines = _source_lines(audit, source_path or (src.path if path is None else path))
    return AuditRecord(
        file=name,
        status="ok",
        sha256=src.sha256,
        size=getattr(src, "size", None),
        format=src.format,
        agency=md.agency,
        year=md.year,
        template=report.template.name,
        is_report=bool(md.is_report),
        rounding=audit.config.rounding,
        coverage=audit.coverage,
        findings=list(audit.findings),
        shown=[_shown(f, text, cells, lines) for f in audit.findings],
        verdicts=list(audit.verdicts),
        document=document_facts(report),
    )


# ---------------------------------------------------------------- reading
def _evidence(items: Iterable[dict[str, Any]] | None) -> list[Evidence]:
    return [Evidence(e["start"], e["end"], e.get("page"), e.get("text", "")) for e in items or ()]


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """A Finding from its ``to_dict()`` record (evidence a list of dicts)."""
    return Finding(
        code=d["code"], name=d["name"], severity=d["severity"], message=d["message"], message_en=d["message_en"],
        evidence=_evidence(d.get("evidence")), reported=d.get("reported"), expected=d.get("expected"),
        section=d.get("section"), file=d.get("file"),
    )


def verdict_from_dict(d: dict[str, Any]) -> Verdict:
    """A Verdict from its ``to_dict()`` record."""
    return Verdict(
        code=d["code"], name=d["name"], status=d["status"], reason=d.get("reason"), reading=d.get("reading"),
        subject=d.get("subject"), evidence=tuple(_evidence(d.get("evidence"))), section=d.get("section"),
        fingerprint=d.get("fingerprint"), severity=d.get("severity"), file=d.get("file"),
    )
