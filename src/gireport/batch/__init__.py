"""Batch auditing: many files, isolated workers, a result store, and the
rules that compare reports across years and agencies.

Public face (re-exported from :mod:`gireport`):

* :func:`audit_many` — audit files and folders; yields an
  :class:`AuditResult` per file as it finishes (a :class:`BatchRun`).
* :func:`load_results` — a store as pandas frames (documents, findings,
  coverage; columns in :mod:`gireport.batch.results`).
* :class:`AuditResult` — one file's outcome (small, picklable).

Modules: ``walk`` (finding files), ``worker`` (auditing one file),
``pool`` (isolated worker processes), ``store`` (SQLite), ``runner``
(``audit_many``), ``crossyear`` (GR701–GR704), ``results`` and ``export``
(reading the store), ``progress`` (the progress bar).
"""

from __future__ import annotations

from . import crossyear as _crossyear  # noqa: F401  (registers GR701–GR704)
from .model import AuditResult, TaskConfig
from .results import Results, load_results
from .runner import BatchRun, BatchSummary, audit_many

__all__ = ["audit_many", "load_results", "AuditResult", "BatchRun", "BatchSummary", "Results", "TaskConfig"]
