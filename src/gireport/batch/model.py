"""The records a batch run passes around: :class:`TaskConfig` (what every
worker needs to audit a file) and :class:`AuditResult` (what comes back:
small and picklable, never the parsed report)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from ..audit.engine import DEFAULT_ROUNDING

__all__ = ["TaskConfig", "AuditResult", "STATUSES"]

#: The status of every path a batch run meets: ``ok`` audited; ``failed``
#: could not be audited (unreadable, crashed, timed out, over the memory
#: limit); ``unsupported`` not a format gireport reads (a legacy .doc/.wps/
#: .xls file, an image, an archive, a FIFO or a device — recorded, never
#: read); ``duplicate`` the same bytes as a smaller path, whose result it
#: shares.  In the store a path of an earlier run that is no longer there is
#: ``gone``.
STATUSES = ("ok", "failed", "unsupported", "duplicate")


@dataclass(frozen=True)
class TaskConfig:
    """Audit settings shared by every file of a run (picklable)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rounding: str = DEFAULT_ROUNDING
    options: tuple[tuple[str, str], ...] = ()  # (rule, json of its option overrides)
    #: per-file wall-clock limit in seconds (None: no limit)
    timeout: float | None = 120.0
    #: per-worker memory limit in MB: how much address space a worker may map
    #: beyond what it has at start (RLIMIT_AS; None: no limit)
    memory_mb: int | None = 2048
    #: collect the facts the cross-year rules need
    facts: bool = True
    #: test hook: ``(action, arg)``: ``kill``/``hang``/``exit`` — the worker
    #: SIGKILLs itself / sleeps forever / exits on a path containing ``arg``;
    #: ``sleep`` — sleeps ``arg`` seconds before every file
    fault: tuple[str, str] | None = None

    @classmethod
    def make(cls, *, select: Any = None, ignore: Any = None, rounding: str = DEFAULT_ROUNDING, options: dict[str, dict[str, Any]] | None = None, **kw: Any) -> TaskConfig:
        opts = tuple(sorted((k, json.dumps(v, sort_keys=True, default=str)) for k, v in (options or {}).items()))
        return cls(select=tuple(select or ()), ignore=tuple(ignore or ()), rounding=rounding, options=opts, **kw)

    def options_dict(self) -> dict[str, dict[str, Any]]:
        return {k: json.loads(v) for k, v in self.options}

    def audit_key(self) -> str:
        """Hash of what changes findings (rule choice, rounding, options) —
        not of limits or hooks."""
        blob = json.dumps([sorted(self.select), sorted(self.ignore), self.rounding, list(self.options)], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]


@dataclass
class AuditResult:
    """One path's outcome.

    ``status`` is one of :data:`STATUSES`; for ``failed`` and
    ``unsupported``, ``error_type`` is the error class or kind
    (``EmptyFileError``, ``Timeout``, ``MemoryLimit``, ``WorkerCrashed``,
    ``LegacyFormat``, ``NotRegularFile`` …) and ``error_message`` names the
    file and the problem; for ``duplicate``, ``duplicate_of`` is the
    representative path (the smallest path with the same bytes) and the
    findings are its findings.  ``reused`` is true when the result was read
    from the store (that content was audited by an earlier run).  ``findings`` are Finding records
    (:data:`gireport.audit.FINDING_COLUMNS` keys, as ``Finding.to_dict()``);
    ``coverage`` is ``Audit.coverage`` (claims, checked, untestable, per rule).
    A result read from the store carries no facts, texts or display hints.
    """

    file: str
    status: str
    error_type: str | None = None
    error_message: str | None = None
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    is_report: bool | None = None
    counts: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: per finding: (line, context lines) for linter-style text output
    display: list[tuple[int, list[str]]] = field(default_factory=list, repr=False)
    #: per finding, per evidence span: [start line, start column, end line,
    #: end column] in the original file (SARIF regions), or None
    regions: list[list[list[int] | None]] = field(default_factory=list, repr=False)
    elapsed: float = 0.0
    #: compressed facts for the cross-year rules (see crossyear.py)
    facts: bytes | None = field(default=None, repr=False)
    #: compressed texts of the prose sections (for the year-on-year text check)
    texts: bytes | None = field(default=None, repr=False)
    #: compressed verdicts (``Verdict.to_dict()`` records; see ``Audit.verdicts``)
    verdicts: bytes | None = field(default=None, repr=False)
    #: for ``duplicate``: the path whose result this one shares
    duplicate_of: str | None = None
    #: read from the store rather than audited in this run
    reused: bool = False

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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the display hints and facts; the
        verdicts as their ``Verdict.to_dict()`` records)."""
        d = asdict(self)
        d.pop("display", None)
        d.pop("regions", None)
        d.pop("facts", None)
        d.pop("texts", None)
        d["verdicts"] = self.verdict_records()
        return d

    def verdict_records(self) -> list[dict[str, Any]]:
        """The verdicts (``Verdict.to_dict()`` records; empty unless ok)."""
        if not self.verdicts:
            return []
        import json
        import zlib

        return json.loads(zlib.decompress(self.verdicts).decode("utf-8"))

    def __repr__(self) -> str:
        if self.status == "duplicate":
            return f"<AuditResult {self.file} duplicate of {self.duplicate_of}>"
        if self.status in ("failed", "unsupported"):
            return f"<AuditResult {self.file} {self.status} {self.error_type}: {self.error_message}>"
        c = self.counts or {}
        return f"<AuditResult {self.file} {self.status}: {c.get('error', 0)} errors, {c.get('warning', 0)} warnings, {c.get('info', 0)} info>"
