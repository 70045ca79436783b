"""What a batch run passes around: :class:`TaskConfig` (what every worker
needs to audit a file); what comes back is an
:class:`~gireport.audit.AuditRecord` (small and picklable, never the parsed
report), the one record the store saves and every output reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..audit.engine import DEFAULT_ROUNDING
from ..audit.record import AuditRecord

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


#: One path's outcome in a batch run: the audit record every output reads
#: (``AuditResult`` is its name in gireport 0.x; the two are one class).
AuditResult = AuditRecord
