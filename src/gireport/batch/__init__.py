"""Batch auditing: many files, isolated workers, a result store, and the
rules that compare reports across years and agencies.

Public face (re-exported from :mod:`gireport`):

* :func:`audit_many` — audit files and folders; yields an
  :class:`~gireport.audit.AuditRecord` per path as it is decided (a
  :class:`BatchRun`).
* :func:`audit_paths` — the same run to its end: a :class:`BatchOutcome`
  with every path and its status (ok, failed, unsupported, duplicate), the
  audits to render and the counts (``BatchSummary.status_line()``).
* :func:`walk` — the one folder walker (every path, with its kind).
* :func:`iter_paths`, :func:`status_counts` — a store's paths with their
  status (of one run, or of the archive as it is now).
* :func:`load_results` — a store as pandas frames (documents, findings,
  coverage; columns in :mod:`gireport.batch.results`).
* :class:`AuditResult` — the name gireport 0.x gave
  :class:`~gireport.audit.AuditRecord`, the one record per path that the
  workers send, the store saves and loads, and every output reads.

Modules: ``walk`` (finding files), ``worker`` (auditing one file),
``pool`` (isolated worker processes), ``store`` (SQLite), ``runner``
(``audit_many``), ``crossyear`` (GR701–GR704), ``results`` and ``export``
(reading the store), ``progress`` (the progress bar).
"""

from __future__ import annotations

from . import crossyear as _crossyear  # noqa: F401  (registers GR701–GR704)
from .model import STATUSES, AuditResult, TaskConfig
from .results import PathRecord, Results, iter_paths, load_results, status_counts
from .runner import BatchOutcome, BatchRun, BatchSummary, audit_many, audit_paths
from .walk import walk

__all__ = [
    "audit_many", "audit_paths", "load_results", "iter_paths", "status_counts", "walk", "AuditResult", "BatchRun", "BatchSummary",
    "BatchOutcome", "PathRecord", "Results", "TaskConfig", "STATUSES",
]
