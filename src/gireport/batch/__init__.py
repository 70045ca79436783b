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

from typing import TYPE_CHECKING, Any

from . import crossyear as _crossyear  # noqa: F401  (registers GR701–GR705)

# The rest is imported on first use: the audit stage imports ``crossyear``
# (and so this package) to register the cross-year rules, and a single
# audit must not pay for multiprocessing and the result store.
_LAZY = {
    "STATUSES": "model", "AuditResult": "model", "TaskConfig": "model",
    "PathRecord": "results", "Results": "results", "iter_paths": "results", "load_results": "results", "status_counts": "results",
    "BatchOutcome": "runner", "BatchRun": "runner", "BatchSummary": "runner", "audit_many": "runner", "audit_paths": "runner",
    "walk": "walk",
}

if TYPE_CHECKING:
    from .model import STATUSES, AuditResult, TaskConfig
    from .results import PathRecord, Results, iter_paths, load_results, status_counts
    from .runner import BatchOutcome, BatchRun, BatchSummary, audit_many, audit_paths
    from .walk import walk


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "audit_many", "audit_paths", "load_results", "iter_paths", "status_counts", "walk", "AuditResult", "BatchRun", "BatchSummary",
    "BatchOutcome", "PathRecord", "Results", "TaskConfig", "STATUSES",
]
