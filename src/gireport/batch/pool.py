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
        it = iter(tasks)
        pending: deque[tuple[int, Task]] = deque()  # taken back from a worker that went away
        exhausted = False
        timeout = self.cfg.timeout
        depth = 2
        started: dict[int, float] = {}
        retried: set[int] = set()  # tasks whose worker died once

        def begin(w: _Worker) -> None:
            """The worker's first queued file starts now."""
            now = time.monotonic()
            if w.queue:
                started[w.queue[0][0]] = now
                w.deadline = now + timeout if timeout else float("inf")
            else:
                w.deadline = float("inf")

        def give_back(w: _Worker) -> None:
            while w.queue:
                pending.appendleft(w.queue.pop())

        try:
            while True:
                # hand out files
                for w in self.workers:
                    while len(w.queue) < depth and w.sent < self.max_tasks:
                        if pending:
                            tid, t = pending.popleft()
                        elif exhausted:
                            break
                        else:
                            try:
                                item = next(it)
                            except StopIteration:
                                exhausted = True
                                break
                            if isinstance(item, AuditRecord):
                                yield item
                                continue
                            tid, t = next(self._ids), item
                        try:
                            w.conn.send((tid, t[0], t[1]))
                        except (OSError, ValueError):
                            pending.appendleft((tid, t))  # dead already: found below through its sentinel
                            break
                        w.queue.append((tid, t))
                        w.sent += 1
                        if len(w.queue) == 1:
                            begin(w)
                busy = [w for w in self.workers if w.queue]
                if not busy:
                    if exhausted and not pending:
                        return
                    # every worker reached its task budget: recycle them
                    for w in list(self.workers):
                        if not w.queue and (w.sent >= self.max_tasks or not w.proc.is_alive()):
                            self._replace(w, kill=not w.proc.is_alive())
                    continue
                wait_for = min(w.deadline for w in busy) - time.monotonic()
                handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
                ready = set(wait(handles, timeout=None if wait_for == float("inf") else max(0.0, wait_for)))
                for w in busy:
                    if w.conn not in ready and w.proc.sentinel not in ready:
                        continue
                    tid, task = w.queue[0]
                    got: Any = None
                    try:
                        if w.conn.poll():
                            got = w.conn.recv()
                    except (EOFError, OSError):
                        got = None
                    if got is not None and got[0] == tid:
                        _, res, retire = got
                        w.queue.popleft()
                        w.done += 1
                        started.pop(tid, None)
                        begin(w)
                        if retire:  # the worker exits after this file: its next file goes elsewhere
                            give_back(w)
                            self._replace(w, kill=False)
                        elif not w.queue and w.sent >= self.max_tasks:
                            self._replace(w, kill=False)
                        yield res
                        continue
                    if w.proc.sentinel in ready or not w.proc.is_alive():
                        w.proc.join(1)
                        code = w.proc.exitcode
                        why = f"killed by {_signal_name(code)}" if code is not None and code < 0 else f"exited with status {code}"
                        hint = " (out of memory, or killed from outside)" if code == -signal.SIGKILL else ""
                        w.queue.popleft()
                        give_back(w)
                        self._replace(w, kill=True)
                        t_start = started.pop(tid, time.monotonic())
                        if tid not in retried:  # maybe killed from outside: the file gets one more try
                            retried.add(tid)
                            pending.appendleft((tid, task))
                            continue
                        yield self._failure(task, "WorkerCrashed", f"the worker auditing this file died twice: {why}{hint}", t_start)
                now = time.monotonic()
                for w in list(self.workers):
                    if w.queue and w.deadline <= now:
                        tid, task = w.queue.popleft()
                        res = self._failure(task, "Timeout", f"no result within the time limit of {timeout:g} s; the worker was killed", started.pop(tid, now))
                        give_back(w)
                        self._replace(w, kill=True)
                        yield res
        finally:
            # an abandoned generator (break, exception, Ctrl-C) kills busy workers
            for w in list(self.workers):
                if w.queue:
                    w.queue.clear()
                    self._replace(w, kill=True)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        return os.cpu_count() or 1
