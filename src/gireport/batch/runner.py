"""``audit_many``: audit an archive, file by file, in isolated processes or
on any ``concurrent.futures.Executor``, into a result store.

The run is a stream: files are walked lazily, at most a few are in flight,
each result is written to the store (one transaction per file) and yielded
as soon as it arrives, so memory does not grow with the archive.  After the
last file, the cross-year rules (:mod:`gireport.batch.crossyear`) run over
every report in the store and their findings are written to it too.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..audit.engine import DEFAULT_ROUNDING

from ..audit.registry import ruleset_version
from ..audit.record import AuditRecord
from ..i18n import tr
from .model import TaskConfig
from .pool import IsolatedPool, cpu_count
from .progress import Progress
from .store import Store
from .walk import display_path, walk
from .worker import audit_file, file_sha256, unpack

__all__ = ["audit_many", "audit_paths", "BatchRun", "BatchSummary", "BatchOutcome", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB"]

#: Default per-file wall-clock limit (seconds).
DEFAULT_TIMEOUT = 300.0
#: Default per-worker address-space limit (MB).
DEFAULT_MEMORY_MB = 2048


@dataclass
class BatchSummary:
    """Counts of a finished run: every path it met, by status
    (:data:`~gireport.batch.model.STATUSES`), and how many were audited now
    or read back from the store."""

    files: int = 0
    ok: int = 0
    failed: int = 0
    unsupported: int = 0
    duplicate: int = 0
    #: paths of an earlier run under the walked folders that are no longer there
    gone: int = 0
    #: results read from the store (that content was audited by an earlier run)
    reused: int = 0
    #: files audited by a worker in this run
    audited: int = 0
    seconds: float = 0.0
    workers: int | str = 1
    #: (code, name, severity) → findings in this run's files (file and corpus rules)
    by_rule: dict[tuple[str, str, str], int] = field(default_factory=dict)
    #: findings of the cross-year rules in the whole store
    corpus_findings: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Paths not audited in this run (read from the store, duplicates)."""
        return self.reused + self.duplicate

    @property
    def by_status(self) -> dict[str, int]:
        return {"ok": self.ok, "failed": self.failed, "unsupported": self.unsupported, "duplicate": self.duplicate}

    @property
    def by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for (_, _, sev), n in self.by_rule.items():
            out[sev] = out.get(sev, 0) + n
        return out

    @property
    def audited_files(self) -> int:
        """Files audited in this run (``audited``, or for a summary built by
        hand, every ok, failed or unsupported path not read from the store)."""
        return self.audited if self.audited or self.reused else self.ok + self.failed + self.unsupported

    @property
    def rate(self) -> float:
        return self.audited_files / self.seconds if self.seconds > 0 else 0.0

    def status_line(self, lang: str = "en") -> str:
        """``12 files: 9 ok, 1 failed, 1 unsupported, 1 duplicate`` — every
        path by status (and the paths gone since the last run)."""
        sep = ", " if lang == "en" else ","
        parts = sep.join(f"{n} {k}" if lang == "en" else f"{tr('status.' + k, lang)} {n}" for k, n in self.by_status.items())
        gone = tr("batch.gone", lang, n=self.gone) if self.gone else ""
        return tr("batch.status", lang, files=self.files, s_files="s" if self.files != 1 else "", parts=parts, gone=gone)

    def text(self, lang: str = "en") -> str:
        """The end-of-run summary printed by ``gireport audit`` (``lang``:
        ``zh`` or ``en``; the words from :mod:`gireport.i18n`)."""
        s = self.by_severity
        lines = [
            tr("batch.head", lang, status=self.status_line(lang), audited=self.audited_files, reused=self.reused, seconds=self.seconds,
               rate=self.rate, workers=self.workers, s_workers="s" if self.workers != 1 else ""),
            tr("batch.findings", lang, errors=s["error"], warnings=s["warning"], infos=s["info"])
            + (tr("batch.corpus", lang, n=self.corpus_findings) if self.corpus_findings else ""),
        ]
        for (code, name, sev), n in sorted(self.by_rule.items(), key=lambda kv: (kv[0][0], kv[0][2])):
            lines.append(f"  {code} {name:<28} {sev:<8} {n:>6}")
        if self.failures:
            kinds: dict[str, int] = {}
            for _, et, _ in self.failures:
                kinds[et] = kinds.get(et, 0) + 1
            lines.append(tr("batch.failures", lang) + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        return "\n".join(lines) + "\n"


class BatchRun:
    """An audit of many files; iterate it for :class:`AuditRecord` records as
    they finish.  After the iteration, ``summary`` holds the counts and
    ``corpus_findings`` the cross-year findings (Finding records)."""

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        executor: cf.Executor | None = None,
        db: str | os.PathLike[str] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        memory_mb: int | None = DEFAULT_MEMORY_MB,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        rounding: str = DEFAULT_ROUNDING,
        options: dict[str, dict[str, Any]] | None = None,
        skip_existing: bool = True,
        retry_failed: bool = False,
        crossyear: bool = True,
        progress: bool | Progress = False,
        total: int | None = None,
        max_tasks_per_child: int = 500,
        argv: list[str] | None = None,
        on_result: Any = None,
        _fault: tuple[str, str] | None = None,
    ) -> None:
        from ..audit import select_rules
        from ..audit.engine import ROUNDING_MODES

        if rounding not in ROUNDING_MODES:
            raise ValueError(f"rounding must be one of {', '.join(ROUNDING_MODES)}, not {rounding!r}")
        select_rules(list(select or ()), list(ignore or ()))  # KeyError for an unknown selector, before any work
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        self.paths = paths
        self.executor = executor
        self.workers = workers or (None if executor is not None else cpu_count())
        self.cfg = TaskConfig.make(select=select, ignore=ignore, rounding=rounding, options=options, timeout=timeout, memory_mb=memory_mb, fault=_fault)
        self.db_path = os.fspath(db) if db is not None else None
        self.skip_existing = skip_existing
        self.retry_failed = retry_failed
        self.crossyear = crossyear
        self.total = total
        if total is None and isinstance(paths, (list, tuple)) and not any(os.path.isdir(os.fspath(p)) for p in paths):
            self.total = len(paths)
        self.progress = progress if isinstance(progress, Progress) else Progress(self.total, enabled=bool(progress) and None)
        if isinstance(progress, Progress) and progress.total is None:
            progress.total = self.total
        self.max_tasks = max_tasks_per_child
        self.argv = argv
        self.on_result = on_result
        self.summary = BatchSummary(workers=self.workers or "executor")
        self.corpus_findings: list[dict[str, Any]] = []
        self.ruleset = f"{ruleset_version()}/{self.cfg.audit_key()}"
        self.run_id: int | None = None
        self._tmpdir: str | None = None
        #: path → (mtime, walk order, sha256) of the files sent to workers
        self._meta: dict[str, tuple[int | None, int, str | None]] = {}
        #: sha256 → the first (smallest) path of that content in this run
        self._rep: dict[str, str] = {}
        #: sha256 of a content being audited → its duplicates met meanwhile (path, size)
        self._waiting: dict[str, list[tuple[str, int | None]]] = {}
        #: folders walked (their paths that were not met are gone)
        self._folders: list[str] = []
        self._gen: Iterator[AuditRecord] | None = None
        self.store: Store | None = None

    # --- iteration --------------------------------------------------------
    def __iter__(self) -> Iterator[AuditRecord]:
        if self._gen is None:
            self._gen = self._run()
        return self._gen

    def __next__(self) -> AuditRecord:
        return next(iter(self))

    def run(self) -> BatchSummary:
        """Run to the end, discarding the per-file results."""
        for _ in self:
            pass
        return self.summary

    @property
    def db(self) -> str | None:
        """The store's path (a temporary file, removed at :meth:`close`,
        when no ``db`` was given)."""
        return self.db_path

    def release(self) -> None:
        """Close the store (its lock released), keeping a temporary one on
        disk until :meth:`close`: its records can still be read."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def close(self) -> None:
        self.release()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self) -> BatchRun:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._gen is not None:
            self._gen.close()
        self.close()

    # --- internals ---------------------------------------------------------
    def _open(self) -> Store:
        if self.db_path is None:
            self._tmpdir = tempfile.mkdtemp(prefix="gireport-")
            self.db_path = os.path.join(self._tmpdir, "results.db")
            weakref.finalize(self, shutil.rmtree, self._tmpdir, True)  # removed even without close()
        self.store = Store(self.db_path, lock=True)
        return self.store

    def _tasks(self, store: Store) -> Iterator[Any]:
        """One item per walked path: an :class:`AuditRecord` decided without
        a worker (unsupported, unreadable, duplicate, read from the store)
        or a task ``(path, sha256, size)`` for a worker.  Every path is
        hashed here with a bounded read of a regular file (never a FIFO or a
        device), so a content change is seen whatever its size and mtime;
        the content itself is read and parsed by the worker, under the
        limits."""
        assert self.run_id is not None
        run_id = self.run_id
        seq = 0
        for ent in walk(self.paths, folders=self._folders):
            seq += 1
            path = ent.path
            if ent.kind != "report":
                store.see(path, ent.kind, run_id, error_type=ent.error_type, error_message=ent.reason, seq=seq)
                yield AuditRecord(file=path, status=ent.kind, error_type=ent.error_type, error_message=ent.reason)
                continue
            try:
                sha, size, mtime = file_sha256(path, timeout=self.cfg.timeout)
            except (OSError, TimeoutError) as e:
                if isinstance(e, TimeoutError):
                    etype, why = "Timeout", str(e)
                elif isinstance(e, FileNotFoundError):
                    etype, why = "FileNotFound", "no such file (removed during the run)"
                else:
                    etype, why = "LoadError", f"cannot read file: {e.strerror or e}"
                msg = f"{display_path(path)}: {why}"
                store.see(path, "failed", run_id, error_type=etype, error_message=msg, seq=seq)
                yield AuditRecord(file=path, status="failed", error_type=etype, error_message=msg)
                continue
            store.see(path, "report", run_id, sha256=sha, size=size, mtime_ns=mtime, seq=seq)
            rep = self._rep.get(sha)
            if rep is not None:  # the same bytes as an earlier (smaller) path
                if sha in self._waiting:
                    self._waiting[sha].append((path, size))
                else:
                    yield self._from_store(store, path, sha, size, duplicate_of=rep)
                continue
            self._rep[sha] = path
            row = store.find(sha, self.ruleset)
            if row is not None:
                if self.skip_existing and not (row["status"] == "failed" and self.retry_failed):
                    yield self._from_store(store, path, sha, size, row=row)
                    continue
                store.forget(row["id"])  # audited again: the new result replaces it
            self._meta[path] = (mtime, seq, sha)
            self._waiting[sha] = []
            yield (path, sha, size)

    def _from_store(self, store: Store, path: str, sha: str, size: int | None, *, row: Any = None, duplicate_of: str | None = None) -> AuditRecord:
        """The stored record of content ``sha``, for ``path`` (read from the
        store, or a duplicate of ``duplicate_of``: then it names that path and
        carries the findings it shares, under that path)."""
        from .results import stored_record

        row = row if row is not None else store.find(sha, self.ruleset)
        if row is None:  # pragma: no cover - the representative's result was not recorded
            return AuditRecord(file=path, status="duplicate" if duplicate_of else "failed", sha256=sha, size=size, duplicate_of=duplicate_of, error_type="NotRecorded", error_message=f"{display_path(path)}: no result recorded")
        with store.guard():
            rec = stored_record(store.db, row, display_path(duplicate_of or path), scope="file", status="duplicate" if duplicate_of else None, duplicate_of=duplicate_of)
        rec.file, rec.size, rec.reused = path, size, duplicate_of is None
        return rec

    def _executor_results(self, tasks: Iterator[Any]) -> Iterator[AuditRecord]:
        ex = self.executor
        assert ex is not None
        limit = self.workers or getattr(ex, "_max_workers", None) or cpu_count()
        cfg = TaskConfig(**{**self.cfg.__dict__, "fault": None})
        timeout = cfg.timeout
        inflight: dict[Any, tuple[Any, float]] = {}
        retried: set[str] = set()
        exhausted = False
        while True:
            while not exhausted and len(inflight) < limit:
                try:
                    t = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(t, AuditRecord):
                    yield t
                    continue
                inflight[ex.submit(audit_file, t[0], cfg, t[1])] = (t, time.monotonic())
            if not inflight:
                if exhausted:
                    return
                continue
            wait_s = None
            if timeout:
                wait_s = max(0.0, min(ts for _, ts in inflight.values()) + timeout - time.monotonic())
            done, _ = cf.wait(list(inflight), timeout=wait_s, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                t, ts = inflight.pop(fut)
                path, sha, size = t
                try:
                    res = fut.result()
                except BaseException as e:  # the executor lost the task (worker died …): one more try
                    if path not in retried:
                        retried.add(path)
                        inflight[ex.submit(audit_file, path, cfg, sha)] = (t, time.monotonic())
                        continue
                    res = AuditRecord(file=path, status="failed", error_type="WorkerCrashed", error_message=f"{display_path(path)}: the executor could not run the task (twice): {type(e).__name__}: {e}", sha256=sha, size=size, elapsed=round(time.monotonic() - ts, 6))
                yield res
            now = time.monotonic()
            for fut, ((path, sha, size), ts) in list(inflight.items()):
                if timeout and now - ts >= timeout:
                    fut.cancel()
                    inflight.pop(fut)
                    yield AuditRecord(file=path, status="failed", error_type="Timeout", error_message=f"{display_path(path)}: no result within the time limit of {timeout:g} s (task cancelled)", sha256=sha, size=size, elapsed=round(now - ts, 6))

    def _run(self) -> Iterator[AuditRecord]:
        store = self._open()
        t0 = time.monotonic()
        prog = self.progress
        pool: IsolatedPool | None = None
        try:
            self.run_id = store.begin_run(self.ruleset, self.argv, self.workers if isinstance(self.workers, int) else None)
            tasks = self._tasks(store)
            if self.executor is not None:
                results = self._executor_results(tasks)
            else:
                pool = IsolatedPool(self.workers or 1, self.cfg, max_tasks_per_child=self.max_tasks)
                pool.__enter__()
                results = pool.imap_unordered(tasks)
            for res in results:
                meta = self._meta.pop(res.file, None)
                if meta is None:  # decided without a worker
                    yield self._count(res)
                    continue
                mtime, seq, task_sha = meta
                self.summary.audited += 1
                store.add_result(res, self.ruleset, mtime_ns=mtime, run_id=self.run_id, seq=seq)
                waiting = self._waiting.pop(task_sha, []) if task_sha else []
                yield self._count(res)
                for path, size in waiting:
                    yield self._count(self._from_store(store, path, res.sha256 or task_sha or "", size, duplicate_of=res.file))
            if pool is not None:
                pool.close()
                pool = None
            for sha, waiting in list(self._waiting.items()):  # pragma: no cover - every audited content answers
                for path, size in waiting:
                    yield self._count(self._from_store(store, path, sha, size, duplicate_of=self._rep.get(sha)))
            self._waiting.clear()
            self.summary.gone = store.mark_gone(self._folders, self.run_id)
            if self.crossyear:
                self._corpus(store)
            s = self.summary
            s.seconds = time.monotonic() - t0
            self._tally(store)
            store.end_run(self.run_id, s.ok, s.failed, s.skipped, s.seconds, unsupported=s.unsupported, duplicate=s.duplicate, gone=s.gone, reused=s.reused)
        finally:
            if pool is not None:
                pool.close()
            prog.close()
            if self.db_path is not None and self._tmpdir is None and self.store is not None:
                self.store.close()
                self.store = None

    def _count(self, res: AuditRecord) -> AuditRecord:
        s = self.summary
        s.files += 1
        if res.status == "ok":
            s.ok += 1
        elif res.status == "failed":
            s.failed += 1
            s.failures.append((res.file, res.error_type or "Error", res.error_message or ""))
        elif res.status == "unsupported":
            s.unsupported += 1
        elif res.status == "duplicate":
            s.duplicate += 1
        if res.reused:
            s.reused += 1
        self.progress.update("skipped" if res.skipped else res.status)
        if self.on_result is not None:
            self.on_result(res)
        return res

    def _corpus(self, store: Store) -> None:
        from .crossyear import Corpus, DocFacts, corpus_rules, run_corpus_rules

        rules = corpus_rules(list(self.cfg.select), list(self.cfg.ignore))
        if not rules:
            return
        docs = [
            DocFacts(
                doc_id, path, fmt,
                loader=(lambda i=doc_id: unpack(store.facts(i)) or {}),
                _texts=(lambda i=doc_id: unpack(store.texts(i)) or {}),
                agency=agency, agency_key=key, year=year, is_report=None if is_report is None else bool(is_report),
            )
            for doc_id, path, fmt, agency, key, year, is_report in store.corpus_rows(self.ruleset)
        ]
        corpus = Corpus(docs)
        ctxs = run_corpus_rules(corpus, list(self.cfg.select), list(self.cfg.ignore), self.cfg.options_dict())
        findings = []
        coverage = []
        for ctx in ctxs:
            for doc, f, line, context, related in ctx.findings:
                d = f.to_dict()
                findings.append((doc.id, d, line, context, related))
                self.corpus_findings.append({**d, "related": related})
            for doc_id, (doc, cov) in ctx.coverage.items():
                coverage.append((doc_id, "corpus", doc.path, cov.code, ctx.rule.name, ctx.rule.family, cov.checked, cov.failed, cov.untestable, "; ".join(f"{k}={v}" for k, v in cov.reasons.items())))
        store.replace_corpus_results(self.ruleset, findings, coverage)
        self.summary.corpus_findings = len(findings)

    def _tally(self, store: Store) -> None:
        """Findings per rule over this run's paths (each content once)."""
        with store.guard():
            rows = store.db.execute(
                "SELECT f.code, f.name, f.severity, COUNT(*) FROM findings f JOIN documents d ON d.id = f.doc_id"
                " WHERE d.ruleset = ? AND d.sha256 IN (SELECT sha256 FROM files WHERE run_id = ? AND kind = 'report') GROUP BY f.code, f.name, f.severity",
                (self.ruleset, self.run_id),
            ).fetchall()
        self.summary.by_rule = {(c, n or "", sev): k for c, n, sev, k in rows}


def audit_many(paths: Iterable[str | os.PathLike[str]], **kw: Any) -> BatchRun:
    """Audit many files (folders are walked recursively) and yield one
    :class:`~gireport.AuditRecord` per path as it is decided.

    Every path met has one result with its status: ``ok``, ``failed``,
    ``unsupported`` (a legacy .doc/.wps/.xls file, an image, an archive, a
    FIFO, a device … — recorded, never read) or ``duplicate`` (the same
    bytes as a smaller path: ``duplicate_of`` names it and the findings are
    its findings).  Folders are walked in path order (:mod:`gireport.batch.walk`),
    so the same archive gives the same results with any number of workers.

    ``workers`` processes (default: every core) each audit one file at a
    time under a wall-clock limit (``timeout`` seconds, default 300) and an
    address-space limit (``memory_mb``, default 2048); a file that crashes,
    hangs or blows up becomes a ``failed`` result and the run goes on (a
    worker that dies is replaced and its file tried once more).
    ``executor`` runs the files on any ``concurrent.futures.Executor``
    instead — e.g. a dask cluster's ``Client(...).get_executor()``; there the
    time limit is enforced from this side (the task is cancelled) and the
    memory limit is the executor's business.

    Results go to an SQLite store, ``db`` (a temporary one when omitted);
    with ``skip_existing`` (default) a file whose content (sha256) is already
    in the store under the same ruleset is not audited again: its stored
    result comes back with ``reused=True`` (``retry_failed=True`` retries
    recorded failures).  Paths of earlier runs under the walked folders that
    are no longer there are marked ``gone`` in the store.  After the last
    file the cross-year rules (``crossyear=True``) run over the archive as
    it is now.  ``select``, ``ignore``, ``rounding`` and ``options`` are
    those of :func:`gireport.audit`.

    Returns a :class:`BatchRun`: iterate it; ``run.summary`` and
    ``run.corpus_findings`` are filled at the end; ``run.close()`` (or a
    ``with`` block) removes a temporary store.  A store that cannot be
    written raises :class:`~gireport.errors.StoreError`; one that another
    run holds, :class:`~gireport.errors.StoreLocked`.
    """
    return BatchRun(paths, **kw)


@dataclass
class BatchOutcome:
    """A finished audit of many paths (see :func:`audit_paths`).

    ``paths``: one :class:`~gireport.audit.AuditRecord` per path met, in
    walk order, each with its status — what every output renders (a list,
    or with ``audit_paths(in_memory=False)`` a
    :class:`~gireport.batch.results.StoredRecords` read from the store each
    time it is iterated); ``summary``: the counts; ``corpus_findings``: the
    cross-year findings (Finding records with ``related``); ``db``,
    ``ruleset`` and ``run_id``: where the results are (None when the store
    was temporary and is gone); ``run_date``: the run's date, as its outputs
    carry it.  :meth:`close` (or ``with``) removes a temporary store kept
    for ``in_memory=False``."""

    paths: Iterable[AuditRecord]
    summary: BatchSummary
    corpus_findings: list[dict[str, Any]]
    db: str | None
    ruleset: str
    run_id: int | None = None
    run_date: str | None = None
    _owner: BatchRun | None = None

    def close(self) -> None:
        """Remove the temporary store the records are read from, if any
        (their ``paths`` cannot be read after)."""
        if self._owner is not None:
            self._owner.close()
            self._owner = None

    def __enter__(self) -> BatchOutcome:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def records(self) -> Iterable[AuditRecord]:
        """Every path's record (the same as ``paths``)."""
        return self.paths

    @property
    def audits(self) -> list[AuditRecord]:
        """The record of every ``ok`` path (one per content), in walk order."""
        return [r for r in self.paths if r.status == "ok"]

    @property
    def errors(self) -> list[dict[str, Any]]:
        """``{file, status, error, message, duplicate_of}`` of every path
        that could not be audited (failed, unsupported, pending), in walk
        order."""
        return [r.status_dict() for r in self.paths if r.status in ("failed", "unsupported", "pending")]

    @property
    def duplicates(self) -> list[AuditRecord]:
        return [r for r in self.paths if r.status == "duplicate"]

    def counts(self) -> dict[str, int]:
        """Paths by status (every status, zeros included)."""
        from .results import PATH_STATUSES

        out = {k: 0 for k in PATH_STATUSES}
        for r in self.paths:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    def findings_frame(self) -> Any:
        """A pandas DataFrame with the Finding columns, then ``status`` and
        ``duplicate_of``: every finding of every ``ok`` path (each content's
        findings once, under its smallest path), and one row for every other
        path — code ``GR000`` for a path that could not be audited (failed or
        unsupported, ``message`` the reason), no code for a duplicate (it
        shares the findings of ``duplicate_of``)."""
        import pandas as pd

        from ..audit import FINDING_COLUMNS

        rows: list[dict[str, Any]] = []
        for r in self.paths:
            if r.status == "ok":
                rows.extend({**f.to_dict(), "status": "ok", "duplicate_of": None} for f in r.findings)
            elif r.status == "duplicate":
                rows.append({"file": r.path, "name": "duplicate", "message": r.error_message, "message_en": r.error_message, "status": r.status, "duplicate_of": r.duplicate_of})
            else:
                name = "unsupported" if r.status == "unsupported" else "unreadable"
                sev = "info" if r.status in ("unsupported", "gone") else "error"
                rows.append({"file": r.path, "code": "GR000", "name": name, "severity": sev, "message": r.error_message, "message_en": r.error_message, "status": r.status, "duplicate_of": None})
        return pd.DataFrame(rows, columns=[*FINDING_COLUMNS, "status", "duplicate_of"])


def audit_paths(paths: Iterable[str | os.PathLike[str]], *, rounding: str = DEFAULT_ROUNDING, in_memory: bool = True, **kw: Any) -> BatchOutcome:
    """Audit files and folders — the one way to audit many files: one
    walker (:func:`gireport.batch.walk.walk`), isolated workers under time
    and memory limits, the store, the cross-year rules — and return the
    finished :class:`BatchOutcome`: every path with its status (ok,
    failed, unsupported, duplicate), the audits, the counts.

    Keyword arguments are those of :func:`audit_many` (``workers``,
    ``db``, ``timeout``, ``memory_mb``, ``select``, ``ignore``,
    ``rounding``, ``options``, ``skip_existing``, ``retry_failed``,
    ``crossyear``, ``progress``, ``executor`` …).  With ``in_memory`` (the
    default) the records are a list and a temporary store (no ``db``) is
    removed before returning; without, the outcome reads them from the
    store whenever they are iterated, so that an archive's results are never
    all in memory, and a temporary store stays until the outcome is closed
    (``with audit_paths(..., in_memory=False) as outcome:``).
    Raises :class:`~gireport.errors.StoreError` when the store cannot be
    written (``StoreLocked`` when another run holds it)."""
    from .results import StoredRecords, iter_paths, run_date_of

    run = BatchRun(paths, rounding=rounding, **kw)
    owner: BatchRun | None = None
    try:
        for _ in run:
            pass
        assert run.db is not None
        keep = run._tmpdir is None
        records: Iterable[AuditRecord]
        if in_memory:
            records = list(iter_paths(run.db, run.ruleset, run.run_id))
        else:
            run.release()
            records = StoredRecords(run.db, run.ruleset, run.run_id)
            owner = run
        return BatchOutcome(records, run.summary, run.corpus_findings, run.db if keep else None, run.ruleset, run.run_id if keep else None,
                            run_date_of(run.db, run.ruleset), owner)
    finally:
        if owner is None:
            run.close()
