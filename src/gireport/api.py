"""The top-level Python API: ``parse``, ``audit``, ``audit_frame``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from .audit import DEFAULT_ROUNDING, Audit, AuditConfig, run_audit
from .document import Document
from .heap import fewer_collections
from .report import Report, parse

__all__ = ["parse", "audit", "audit_frame", "indicators_frame", "indicator_rows"]

Source = str | os.PathLike[str] | bytes | Document | Report


def audit(
    source: Source | None = None,
    *,
    text: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    rounding: str = DEFAULT_ROUNDING,
    options: dict[str, dict[str, Any]] | None = None,
    name: str | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    limits: bool = True,
) -> Audit:
    """Parse (unless given a Report) and audit one report.

    ``source`` is a path, the file's ``bytes``, a Document or a Report;
    report text is given as ``text=`` (a plain ``str`` is a path whenever it
    can be one: see :func:`gireport.load`).

    ``select``/``ignore`` choose rules by code (``GR201``), code prefix
    (``GR2``), name (``share-mismatch``) or family (``shares``);
    ``rounding`` is the rounding policy (``gireport.audit.ROUNDING_MODES``):
    ``convention`` (四舍五入 or 截尾 accepted, a figure only truncation
    explains is an info note, one unit off in its last printed digit a
    warning), ``half_up`` (strict 四舍五入), ``half_even``, ``half_down``,
    ``truncate`` or ``either``; the default is
    ``gireport.audit.DEFAULT_ROUNDING``.  ``options`` maps a rule code or name to its
    option overrides.  Raises only :class:`~gireport.errors.GireportError`
    for unreadable input (``ValueError``/``KeyError`` for bad arguments).

    Limits: a file or ``bytes`` is parsed and audited in a child process
    under a time limit (``timeout`` seconds, default
    :data:`gireport.limits.DEFAULT_TIMEOUT`) and a memory limit
    (``memory_mb``, default :data:`gireport.limits.DEFAULT_MEMORY_MB`), the
    batch's defaults; ``0`` lifts one, ``limits=False`` both.  Text, a
    Document or a Report is audited in this process unless a limit is given.
    Exceeding a limit raises :class:`~gireport.errors.TimeLimitError` or
    :class:`~gireport.errors.MemoryLimitError`."""
    from .limits import resolve, run_limited
    from .report import _file_like, _label

    config = AuditConfig(select=select, ignore=ignore, rounding=rounding, options=options or {})
    t, m = resolve(_file_like(source) and text is None, timeout, memory_mb, limits)
    return run_limited(_audit, source, text, name, config, timeout=t, memory_mb=m, label=_label(source, name))


def _audit(source: Source | None, text: str | None, name: str | None, config: AuditConfig) -> Audit:
    with fewer_collections():
        report = source if isinstance(source, Report) else parse(source, name=name, text=text, limits=False)
        return run_audit(report, config)


def audit_frame(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], **kw: Any):  # type: ignore[no-untyped-def]
    """Audit files and folders and return one pandas DataFrame of findings.

    The one audit path for many files
    (:func:`gireport.batch.runner.audit_paths`): folders are walked, every
    file is audited in an isolated worker under the time and memory limits,
    identical contents once, and the cross-year rules run over the reports.
    The columns are the Finding record's, then ``status`` and
    ``duplicate_of``: every finding of every audited path; one row with
    code ``GR000`` (the reason in ``message``) for a path that could not be
    audited (missing, damaged, unsupported); one row without a code for a
    duplicate, naming in ``duplicate_of`` the path whose findings it shares.
    Keyword arguments are :func:`gireport.audit_many`'s (``select``,
    ``ignore``, ``rounding``, ``options``, ``workers``, ``timeout``,
    ``memory_mb``, ``db`` …)."""
    from .batch.runner import audit_paths

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return audit_paths(list(paths), **kw).findings_frame()


def indicator_rows(items: Any) -> list[Any]:
    """The indicators (``gireport.indicators.Indicator``) of ``items`` —
    audits, reports, paths, batch results — or of a result store (its
    path), every document of the store as it is now."""
    from .indicators import indicator_rows as rows

    if isinstance(items, (str, os.PathLike)):
        from .batch.results import is_store, store_documents

        if is_store(items):
            return rows(store_documents(items))
        items = [items]
    return rows(items)


def indicators_frame(items: Any) -> Any:
    """One row per document × indicator × variant (pandas; columns
    ``gireport.indicators.INDICATOR_COLUMNS``) of ``items`` as
    :func:`indicator_rows` takes them: audits, reports, paths, batch
    results, or a result store."""
    import pandas as pd

    from .indicators import INDICATOR_COLUMNS

    df = pd.DataFrame([i.row() for i in indicator_rows(items)], columns=list(INDICATOR_COLUMNS))
    df["year"] = df["year"].astype("Int64")
    return df
