"""A small pool of isolated worker processes.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one hung task (a
hung worker can only be waited for), and one worker that dies breaks the
whole pool.  This pool keeps one pipe per worker and knows which file each
worker holds, so:

* a file that takes longer than the time limit gets its worker killed
  (SIGKILL) and replaced; the file is recorded as ``Timeout``;
* a worker that dies (segfault, SIGKILL from outside or from the kernel)
  is replaced by a fresh one and its file is tried once more (the death may
  have come from outside); a second death costs only that file
  (``WorkerCrashed``); every other result is delivered;
* each worker caps its own address space (``RLIMIT_AS``), so a file that
  blows up memory fails with ``MemoryLimit`` instead of taking the machine
  down; a worker that ran out of memory retires after reporting it;
* workers are recycled after ``max_tasks_per_child`` files, so memory stays
  flat over long runs.

Workers are forked from a process that has imported gireport and warmed
its caches once — the parent itself when it runs a single thread, else a
fork server — so a replacement starts in milliseconds and a process that
runs threads is never forked.
"""

from __future__ import annotations

import itertools
from collections import deque
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait
from typing import Any

from ..audit.record import AuditRecord
from .model import TaskConfig
from .walk import display_text
from .worker import worker_main

__all__ = ["IsolatedPool", "Task", "default_context"]

#: (path, sha256 or None, size or None)
Task = tuple[str, "str | None", "int | None"]


def default_context(method: str | None = None) -> Any:
    """The multiprocessing context.  ``fork`` when this process runs a single
    thread (the fastest, and nothing to re-import: the parent loads and warms
    gireport once and every worker inherits it); otherwise ``forkserver``
    (a clean server process that preloads gireport; forking a process that
    runs threads is unsafe), or ``spawn`` where neither exists.  Under
    ``forkserver``/``spawn`` a script must guard its entry point with
    ``if __name__ == "__main__":`` as usual with multiprocessing."""
    methods = mp.get_all_start_methods()
    if method is None:
        if "fork" in methods and threading.active_count() == 1 and sys.platform != "darwin":
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "fork":
        import importlib

        importlib.import_module("gireport.batch._preload")  # warm once here, inherited by every worker
    elif method == "forkserver":
        ctx.set_forkserver_preload(["gireport.batch._preload"])
    return ctx


class _Worker:
    __slots__ = ("proc", "conn", "queue", "deadline", "done", "sent")

    def __init__(self, proc: Any, conn: Any) -> None:
        self.proc = proc
        self.conn = conn
        #: (task id, task) sent to the worker, in order; the first is running
        self.queue: deque[tuple[int, Task]] = deque()
        self.deadline = float("inf")
        self.done = 0
        self.sent = 0


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except (ValueError, TypeError):
        return f"signal {-code}"


#: files a worker holds: the one it audits and the next
_DEPTH = 2


def _death_cause(code: int | None) -> str:
    """How a worker ended, for a ``WorkerCrashed`` message: "killed by
    SIGKILL (out of memory, or killed from outside)", "exited with status
    3" …"""
    why = f"killed by {_signal_name(code)}" if code is not None and code < 0 else f"exited with status {code}"
    hint = " (out of memory, or killed from outside)" if code == -signal.SIGKILL else ""
    return why + hint


class _Run:
    """The state of one :meth:`IsolatedPool.imap_unordered` call: the tasks
    still to hand out and the bookkeeping of the files in flight (each
    worker's own files are in its ``queue``)."""

    __slots__ = ("it", "ids", "pending", "exhausted", "timeout", "started", "retried")

    def __init__(self, tasks: Iterable[Task | AuditRecord], timeout: float | None, ids: Iterator[int]) -> None:
        self.it = iter(tasks)
        self.ids = ids
        #: (task id, task) taken back from a worker that went away; handed out first
        self.pending: deque[tuple[int, Task]] = deque()
        self.exhausted = False
        self.timeout = timeout
        #: task id -> when its worker started it
        self.started: dict[int, float] = {}
        #: tasks whose worker died once
        self.retried: set[int] = set()

    def take(self) -> tuple[int, Task] | AuditRecord | None:
        """The next file to hand out (a taken-back one first, else the next
        item of ``tasks`` with a new task id), an :class:`AuditRecord` to
        pass through, or None when there is nothing to hand out."""
        if self.pending:
            return self.pending.popleft()
        if self.exhausted:
            return None
        try:
            item = next(self.it)
        except StopIteration:
            self.exhausted = True
            return None
        if isinstance(item, AuditRecord):
            return item
        return next(self.ids), item

    def finished(self) -> bool:
        """Every task has been handed out and none is waiting to go back."""
        return self.exhausted and not self.pending

    def begin(self, w: _Worker) -> None:
        """The worker's first queued file starts now."""
        now = time.monotonic()
        if w.queue:
            self.started[w.queue[0][0]] = now
            w.deadline = now + self.timeout if self.timeout else float("inf")
        else:
            w.deadline = float("inf")

    def give_back(self, w: _Worker) -> None:
        """Take back the files ``w`` still holds, to the front of
        ``pending`` in their order."""
        while w.queue:
            self.pending.appendleft(w.queue.pop())


class IsolatedPool:
    """``workers`` processes auditing files under ``cfg``'s time and memory
    limits.  Use as a context manager; :meth:`imap_unordered` yields one
    :class:`AuditRecord` per task, in completion order."""

    def __init__(self, workers: int, cfg: TaskConfig, *, max_tasks_per_child: int = 500, start_method: str | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.n = workers
        self.cfg = cfg
        self.max_tasks = max_tasks_per_child
        self.ctx = default_context(start_method)
        self.workers: list[_Worker] = []
        self.replaced = 0
        self._ids = itertools.count()

    # --- worker lifecycle ------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        # A forked worker inherits every descriptor of this process: it must
        # close the parent's ends of the pipes (its own and the other
        # workers'), or a worker would never see EOF when the parent dies.
        inherited = [parent.fileno()] + [w.conn.fileno() for w in self.workers if not w.conn.closed]
        fork = self.ctx.get_start_method() == "fork"
        p = self.ctx.Process(target=worker_main, args=(child, self.cfg, inherited if fork else [], os.getpid() if fork else None), daemon=True, name="gireport-worker")
        p.start()
        child.close()
        return _Worker(p, parent)

    def _stop(self, w: _Worker, *, kill: bool) -> None:
        try:
            if kill:
                w.proc.kill()
            else:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
            w.proc.join(2 if not kill else 5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
        finally:
            try:
                w.conn.close()
            except OSError:  # pragma: no cover
                pass
            try:
                w.proc.close()
            except ValueError:  # still running (should not happen)
                pass

    def _replace(self, w: _Worker, *, kill: bool) -> None:
        i = self.workers.index(w)
        self._stop(w, kill=kill)
        self.workers[i] = self._start()
        self.replaced += 1

    def __enter__(self) -> IsolatedPool:
        self.workers = [self._start() for _ in range(self.n)]
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        for w in self.workers:
            self._stop(w, kill=bool(w.queue))
        self.workers = []

    def pids(self) -> list[int]:
        return [w.proc.pid for w in self.workers]

    # --- running ---------------------------------------------------------
    def _failure(self, task: Task, etype: str, msg: str, started: float) -> AuditRecord:
        path, sha, size = task
        return AuditRecord(file=path, status="failed", error_type=etype, error_message=f"{display_text(path)}: {msg}", sha256=sha, size=size, elapsed=round(time.monotonic() - started, 6))

    def imap_unordered(self, tasks: Iterable[Task]) -> Iterator[AuditRecord]:
        """Audit every task; results in completion order.  Tasks are pulled
        from ``tasks`` only as workers become free (the iterable may be a
        lazy walk of a huge archive).  An item of ``tasks`` that already is
        an :class:`AuditRecord` (decided without a worker) is passed
        through.

        Each worker holds up to two files: the one it audits and the next,
        so it never waits for the parent between files.  The time limit
        runs from when a worker starts a file; when a worker is killed or
        dies, its waiting file goes to another worker."""
        if not self.workers:
            self.__enter__()
        run = _Run(tasks, self.cfg.timeout, self._ids)
        try:
            while True:
                yield from self._dispatch(run)
                busy = [w for w in self.workers if w.queue]
                if not busy:
                    if run.finished():
                        return
                    self._recycle_idle()
                    continue
                ready = self._wait(busy)
                for w in busy:
                    res = self._collect(w, run, ready)
                    if res is not None:
                        yield res
                yield from self._expire(run)
        finally:
            self._abandon()

    def _dispatch(self, run: _Run) -> Iterator[AuditRecord]:
        """Fill every worker up to its depth (and task budget); yields the
        records of ``tasks`` passed through meanwhile, as they are pulled."""
        for w in self.workers:
            yield from self._fill(w, run)

    def _fill(self, w: _Worker, run: _Run) -> Iterator[AuditRecord]:
        """Send ``w`` files until it holds :data:`_DEPTH` of them, has used
        up its budget of ``max_tasks_per_child``, the tasks run out or a
        send fails; yields the records passed through meanwhile."""
        while len(w.queue) < _DEPTH and w.sent < self.max_tasks:
            item = run.take()
            if item is None:
                return
            if isinstance(item, AuditRecord):
                yield item
                continue
            if not self._send(w, run, *item):
                return

    def _send(self, w: _Worker, run: _Run, tid: int, t: Task) -> bool:
        """Send one file to ``w``.  False when the worker is gone (the file
        goes back to the front of ``pending``; the worker is found dead
        through its sentinel, or recycled once every worker is idle)."""
        try:
            w.conn.send((tid, t[0], t[1]))
        except (OSError, ValueError):
            run.pending.appendleft((tid, t))  # dead already: found through its sentinel
            return False
        w.queue.append((tid, t))
        w.sent += 1
        if len(w.queue) == 1:
            run.begin(w)
        return True

    def _recycle_idle(self) -> None:
        """No worker holds a file but tasks remain: replace the workers that
        reached their task budget or died while idle."""
        for w in list(self.workers):
            if not w.queue and (w.sent >= self.max_tasks or not w.proc.is_alive()):
                self._replace(w, kill=not w.proc.is_alive())

    def _wait(self, busy: list[_Worker]) -> set[Any]:
        """Block until a busy worker sends a result or dies, or the earliest
        deadline passes; the ready pipes and sentinels."""
        wait_for = min(w.deadline for w in busy) - time.monotonic()
        handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
        return set(wait(handles, timeout=None if wait_for == float("inf") else max(0.0, wait_for)))

    def _collect(self, w: _Worker, run: _Run, ready: set[Any]) -> AuditRecord | None:
        """Handle a busy worker after :meth:`_wait`: the result of its
        running file, or the failure when it died auditing the file a
        second time; None when it died a first time (the file is tried
        again) or has no result for its running file."""
        if w.conn not in ready and w.proc.sentinel not in ready:
            return None
        tid, task = w.queue[0]
        got = self._receive(w)
        if got is not None and got[0] == tid:
            return self._accept(w, run, got)
        if w.proc.sentinel in ready or not w.proc.is_alive():
            return self._bury(w, run, tid, task)
        return None

    @staticmethod
    def _receive(w: _Worker) -> Any:
        """The message waiting on ``w``'s pipe, or None (none, or the pipe
        is broken)."""
        try:
            if w.conn.poll():
                return w.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def _accept(self, w: _Worker, run: _Run, got: tuple[int, AuditRecord, bool]) -> AuditRecord:
        """Take the result of ``w``'s running file: its next file's clock
        starts; a worker that retires (its next file goes elsewhere) or
        has used up its budget is replaced.  The result."""
        tid, res, retire = got
        w.queue.popleft()
        w.done += 1
        run.started.pop(tid, None)
        run.begin(w)
        if retire:  # the worker exits after this file: its next file goes elsewhere
            run.give_back(w)
            self._replace(w, kill=False)
        elif not w.queue and w.sent >= self.max_tasks:
            self._replace(w, kill=False)
        return res

    def _bury(self, w: _Worker, run: _Run, tid: int, task: Task) -> AuditRecord | None:
        """``w`` died auditing ``task``: replace it; its waiting file goes
        back to ``pending``.  The first death of a file puts it back too
        (None); the second is its ``WorkerCrashed`` failure."""
        w.proc.join(1)
        cause = _death_cause(w.proc.exitcode)
        w.queue.popleft()
        run.give_back(w)
        self._replace(w, kill=True)
        t_start = run.started.pop(tid, time.monotonic())
        if tid not in run.retried:  # maybe killed from outside: the file gets one more try
            run.retried.add(tid)
            run.pending.appendleft((tid, task))
            return None
        return self._failure(task, "WorkerCrashed", f"the worker auditing this file died twice: {cause}", t_start)

    def _expire(self, run: _Run) -> Iterator[AuditRecord]:
        """Kill and replace every worker whose running file is past its
        deadline; yields each such file's ``Timeout`` failure."""
        now = time.monotonic()
        for w in list(self.workers):
            if w.queue and w.deadline <= now:
                yield self._time_out(w, run, now)

    def _time_out(self, w: _Worker, run: _Run, now: float) -> AuditRecord:
        """``w``'s running file ran out of time: its failure; the worker is
        killed and replaced, its waiting file goes back to ``pending``."""
        tid, task = w.queue.popleft()
        res = self._failure(task, "Timeout", f"no result within the time limit of {run.timeout:g} s; the worker was killed", run.started.pop(tid, now))
        run.give_back(w)
        self._replace(w, kill=True)
        return res

    def _abandon(self) -> None:
        """The end of a run, or an abandoned generator (break, exception,
        Ctrl-C): kill and replace the workers that still hold files."""
        for w in list(self.workers):
            if w.queue:
                w.queue.clear()
                self._replace(w, kill=True)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        return os.cpu_count() or 1
