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
from .model import AuditResult, TaskConfig
from .pool import IsolatedPool, cpu_count
from .progress import Progress
from .store import Store
from .walk import iter_files
from .worker import audit_file, file_sha256, unpack

__all__ = ["audit_many", "BatchRun", "BatchSummary", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB"]

#: Default per-file wall-clock limit (seconds).
DEFAULT_TIMEOUT = 300.0
#: Default per-worker address-space limit (MB).
DEFAULT_MEMORY_MB = 2048


@dataclass
class BatchSummary:
    """Counts of a finished run."""

    files: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    workers: int | str = 1
    #: (code, name, severity) → findings in this run's files (file and corpus rules)
    by_rule: dict[tuple[str, str, str], int] = field(default_factory=dict)
    #: findings of the cross-year rules in the whole store
    corpus_findings: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for (_, _, sev), n in self.by_rule.items():
            out[sev] = out.get(sev, 0) + n
        return out

    @property
    def rate(self) -> float:
        audited = self.ok + self.failed
        return audited / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        """The end-of-run summary printed by ``gireport audit``."""
        s = self.by_severity
        lines = [
            f"batch: {self.files} file{'s' if self.files != 1 else ''}: {self.ok} ok, {self.failed} failed, {self.skipped} skipped"
            f" in {self.seconds:.1f} s ({self.rate:.1f} files/s, {self.workers} worker{'s' if self.workers != 1 else ''})",
            f"findings: {s['error']} error, {s['warning']} warning, {s['info']} info"
            + (f" ({self.corpus_findings} from cross-year rules)" if self.corpus_findings else ""),
        ]
        for (code, name, sev), n in sorted(self.by_rule.items(), key=lambda kv: (kv[0][0], kv[0][2])):
            lines.append(f"  {code} {name:<28} {sev:<8} {n:>6}")
        if self.failures:
            kinds: dict[str, int] = {}
            for _, et, _ in self.failures:
                kinds[et] = kinds.get(et, 0) + 1
            lines.append("failed: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        return "\n".join(lines) + "\n"


class BatchRun:
    """An audit of many files; iterate it for :class:`AuditResult` records as
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
        if total is None and isinstance(paths, (list, tuple)) and all(os.path.isfile(os.fspath(p)) for p in paths):
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
        self._meta: dict[str, tuple[int | None, int]] = {}
        self._gen: Iterator[AuditResult] | None = None
        self.store: Store | None = None

    # --- iteration --------------------------------------------------------
    def __iter__(self) -> Iterator[AuditResult]:
        if self._gen is None:
            self._gen = self._run()
        return self._gen

    def __next__(self) -> AuditResult:
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

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
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
        self.store = Store(self.db_path)
        return self.store

    def _tasks(self, store: Store) -> Iterator[Any]:
        seq = 0
        for path in iter_files(self.paths):
            seq += 1
            try:
                st = os.stat(path)
                size: int | None = st.st_size
                mtime: int | None = st.st_mtime_ns
            except OSError:
                size = mtime = None
            sha = None
            if size is not None:
                sha = store.known_sha(path, size, mtime) if self.skip_existing else None  # type: ignore[arg-type]
                if sha is None:
                    try:
                        sha, size = file_sha256(path)
                    except OSError:
                        sha = None
            if sha is not None:
                row = store.find(sha, self.ruleset)
                if row is not None:
                    if self.skip_existing and not (row["status"] == "failed" and self.retry_failed):
                        store.note_path(path, size, mtime, sha, self.run_id, seq)
                        yield self._skipped(path, sha, size, row)
                        continue
                    store.forget(row["id"])  # audited again: the new result replaces it
            self._meta[path] = (mtime, seq)
            yield (path, sha, size)

    @staticmethod
    def _skipped(path: str, sha: str, size: int | None, row: Any) -> AuditResult:
        import json

        return AuditResult(
            file=path,
            status="skipped",
            error_type=row["error_type"],
            error_message=row["error_message"],
            sha256=sha,
            size=size,
            format=row["format"],
            agency=row["agency"],
            year=row["year"],
            template=row["template"],
            is_report=None if row["is_report"] is None else bool(row["is_report"]),
            counts={"error": row["errors"] or 0, "warning": row["warnings"] or 0, "info": row["infos"] or 0},
            coverage=json.loads(row["coverage_json"]) if row["coverage_json"] else {},
        )

    def _executor_results(self, tasks: Iterator[Any]) -> Iterator[AuditResult]:
        ex = self.executor
        assert ex is not None
        limit = self.workers or getattr(ex, "_max_workers", None) or cpu_count()
        cfg = TaskConfig(**{**self.cfg.__dict__, "fault": None})
        timeout = cfg.timeout
        inflight: dict[Any, tuple[Any, float]] = {}
        exhausted = False
        while True:
            while not exhausted and len(inflight) < limit:
                try:
                    t = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(t, AuditResult):
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
                (path, sha, size), ts = inflight.pop(fut)
                try:
                    res = fut.result()
                except BaseException as e:  # the executor lost the task (worker died …)
                    res = AuditResult(file=path, status="failed", error_type="WorkerCrashed", error_message=f"{path}: the executor could not run the task: {type(e).__name__}: {e}", sha256=sha, size=size, elapsed=round(time.monotonic() - ts, 6))
                yield res
            now = time.monotonic()
            for fut, ((path, sha, size), ts) in list(inflight.items()):
                if timeout and now - ts >= timeout:
                    fut.cancel()
                    inflight.pop(fut)
                    yield AuditResult(file=path, status="failed", error_type="Timeout", error_message=f"{path}: no result within the time limit of {timeout:g} s (task cancelled)", sha256=sha, size=size, elapsed=round(now - ts, 6))

    def _run(self) -> Iterator[AuditResult]:
        store = self._open()
        t0 = time.monotonic()
        self.run_id = store.begin_run(self.ruleset, self.argv, self.workers if isinstance(self.workers, int) else None)
        s = self.summary
        prog = self.progress
        pool: IsolatedPool | None = None
        try:
            tasks = self._tasks(store)
            if self.executor is not None:
                results = self._executor_results(tasks)
            else:
                pool = IsolatedPool(self.workers or 1, self.cfg, max_tasks_per_child=self.max_tasks)
                pool.__enter__()
                results = pool.imap_unordered(tasks)
            for res in results:
                if res.status != "skipped":
                    mtime, seq = self._meta.pop(res.file, (None, 0))
                    doc_id = store.add_result(res, self.ruleset, mtime_ns=mtime, run_id=self.run_id, seq=seq)
                    if doc_id is None:  # the same content finished under another path meanwhile
                        res.status = "skipped"
                s.files += 1
                if res.status == "ok":
                    s.ok += 1
                elif res.status == "failed":
                    s.failed += 1
                    s.failures.append((res.file, res.error_type or "Error", res.error_message or ""))
                else:
                    s.skipped += 1
                prog.update(res.status)
                if self.on_result is not None:
                    self.on_result(res)
                yield res
            if pool is not None:
                pool.close()
                pool = None
            if self.crossyear:
                self._corpus(store)
            s.seconds = time.monotonic() - t0
            self._tally(store)
            store.end_run(self.run_id, s.ok, s.failed, s.skipped, s.seconds)
        finally:
            if pool is not None:
                pool.close()
            prog.close()
            if self.db_path is not None and self._tmpdir is None and self.store is not None:
                self.store.close()
                self.store = None

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
        rows = store.db.execute(
            "SELECT f.code, f.name, f.severity, COUNT(*) FROM findings f JOIN documents d ON d.id = f.doc_id"
            " WHERE d.ruleset = ? AND d.sha256 IN (SELECT sha256 FROM paths WHERE run_id = ?) GROUP BY f.code, f.name, f.severity",
            (self.ruleset, self.run_id),
        ).fetchall()
        self.summary.by_rule = {(c, n or "", sev): k for c, n, sev, k in rows}


def audit_many(paths: Iterable[str | os.PathLike[str]], **kw: Any) -> BatchRun:
    """Audit many files (folders are walked recursively) and yield one
    :class:`~gireport.AuditResult` per file as it finishes.

    ``workers`` processes (default: every core) each audit one file at a
    time under a wall-clock limit (``timeout`` seconds, default 300) and an
    address-space limit (``memory_mb``, default 2048); a file that crashes,
    hangs or blows up becomes a ``failed`` result and the run goes on.
    ``executor`` runs the files on any ``concurrent.futures.Executor``
    instead — e.g. a dask cluster's ``Client(...).get_executor()``; there the
    time limit is enforced from this side (the task is cancelled) and the
    memory limit is the executor's business.

    Results go to an SQLite store, ``db`` (a temporary one when omitted);
    with ``skip_existing`` (default) a file whose content (sha256) is already
    in the store under the same ruleset is not audited again but yielded as
    ``skipped`` (``retry_failed=True`` retries recorded failures).  After the
    last file the cross-year rules (``crossyear=True``) run over the store.
    ``select``, ``ignore``, ``rounding`` and ``options`` are those of
    :func:`gireport.audit`.

    Returns a :class:`BatchRun`: iterate it; ``run.summary`` and
    ``run.corpus_findings`` are filled at the end; ``run.close()`` (or a
    ``with`` block) removes a temporary store.
    """
    return BatchRun(paths, **kw)
