"""The isolated pool's paths, one by one, driven through
:class:`~gireport.batch.pool.IsolatedPool` itself with one worker (so that
the order of events is fixed): how tasks are pulled, records passed through,
a worker recycled after ``max_tasks_per_child``, a retiring worker, a worker
that dies (signal, exit, an exception) or dies idle, a time-out, and an
abandoned run.  tests/test_batch.py covers the same paths through
``audit_many`` with several workers."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import gireport.batch.worker as worker_module
from gireport.audit.record import AuditRecord
from gireport.batch.model import TaskConfig
from gireport.batch.pool import IsolatedPool
from gireport.batch.walk import display_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEXT = (CORPUS / "qinghe-county-2021.txt").read_bytes()


def _files(tmp_path: Path, *names: str) -> list[str]:
    out = []
    for n in names:
        p = tmp_path / n
        p.write_bytes(TEXT)
        out.append(str(p))
    return out


def _tasks(paths: list[str]) -> list[tuple[str, None, None]]:
    return [(p, None, None) for p in paths]


def _summary(res: list[AuditRecord]) -> list[tuple[str, str, str | None]]:
    return [(Path(r.file).name, r.status, r.error_type) for r in res]


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Turn a pool that never finishes into a failure."""

    def on_alarm(*_: object) -> None:
        raise TimeoutError(f"the pool did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_tasks_are_pulled_as_the_worker_frees_and_results_come_in_order(tmp_path):
    """A worker holds two files (the one it audits and the next); the next
    task is pulled when a result comes in."""
    paths = _files(tmp_path, *(f"f{i}-2021.txt" for i in range(4)))
    events: list[str] = []

    def tasks():
        for i, p in enumerate(paths):
            events.append(f"pull {i}")
            yield (p, None, None)
        events.append("end")

    with IsolatedPool(1, TaskConfig(timeout=60)) as pool:
        for r in pool.imap_unordered(tasks()):
            events.append(f"result {Path(r.file).name[1]}")
            assert r.status == "ok", r
        assert pool.replaced == 0
    assert events == ["pull 0", "pull 1", "result 0", "pull 2", "result 1", "pull 3", "result 2", "end", "result 3"]


def test_records_decided_without_a_worker_pass_through_when_pulled(tmp_path):
    """A record among the tasks is yielded as soon as it is pulled, before
    the next task is pulled (the caller may act on it first)."""
    a, b = _files(tmp_path, "a-2021.txt", "b-2021.txt")
    pre = AuditRecord(file=str(tmp_path / "dup-2021.txt"), status="duplicate")
    events: list[str] = []

    def tasks():
        for item in [(a, None, None), pre, (b, None, None)]:
            events.append(f"pull {Path(item[0] if isinstance(item, tuple) else item.file).name}")
            yield item
        events.append("end")

    with IsolatedPool(1, TaskConfig(timeout=60)) as pool:
        res = []
        for r in pool.imap_unordered(tasks()):
            events.append(f"result {Path(r.file).name}")
            res.append(r)
    assert res[0] is pre
    assert _summary(res[1:]) == [("a-2021.txt", "ok", None), ("b-2021.txt", "ok", None)]
    assert events == ["pull a-2021.txt", "pull dup-2021.txt", "result dup-2021.txt", "pull b-2021.txt", "result a-2021.txt", "end", "result b-2021.txt"]


def test_a_worker_is_recycled_after_max_tasks_per_child(tmp_path):
    paths = _files(tmp_path, *(f"f{i}-2021.txt" for i in range(5)))
    with IsolatedPool(1, TaskConfig(timeout=60), max_tasks_per_child=2) as pool:
        (first,) = pool.pids()
        res, pids = [], []
        for r in pool.imap_unordered(_tasks(paths)):
            res.append(r)
            pids.append(pool.pids()[0])
        assert pool.replaced == 2
        assert (pool.workers[0].sent, pool.workers[0].done) == (1, 1)
    # replaced (gracefully) as soon as its second result is in
    assert pids[0] == first and pids[1] == pids[2] != first and pids[3] == pids[4] != pids[1]
    assert [r.file for r in res] == paths
    assert all(r.status == "ok" for r in res)


@pytest.fixture
def fake_audit(monkeypatch):
    """Make the (forked) workers' audit of a file named ``oom…`` report a
    ``MemoryLimit`` (the worker retires) and of one named ``boom…`` raise
    (the worker dies of the exception)."""
    real = worker_module.audit_file

    def audit_file(path, cfg=None, sha256=None):
        name = os.path.basename(path)
        if name.startswith("boom"):
            raise RuntimeError("a bug outside audit_file's own handling")
        if name.startswith("oom"):
            return AuditRecord(file=path, status="failed", error_type="MemoryLimit", error_message=f"{path}: needs more memory")
        return real(path, cfg, sha256=sha256)

    monkeypatch.setattr(worker_module, "audit_file", audit_file)


def test_a_retiring_worker_is_replaced_and_its_next_file_goes_on(tmp_path, fake_audit):
    paths = _files(tmp_path, "oom-2021.txt", "a-2021.txt", "b-2021.txt")
    with IsolatedPool(1, TaskConfig(timeout=60), start_method="fork") as pool:
        (first,) = pool.pids()
        res, pids = [], []
        for r in pool.imap_unordered(_tasks(paths)):
            res.append(r)
            pids.append(pool.pids()[0])
        assert pool.replaced == 1
    assert _summary(res) == [("oom-2021.txt", "failed", "MemoryLimit"), ("a-2021.txt", "ok", None), ("b-2021.txt", "ok", None)]
    assert pids[0] != first and pids[0] == pids[1] == pids[2]


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (("kill", "boom"), "killed by SIGKILL (out of memory, or killed from outside)"),
        (("exit", "boom"), "exited with status 3"),
        (None, "exited with status 1"),  # the exception of fake_audit
    ],
)
def test_a_file_whose_worker_dies_twice_fails_alone(tmp_path, fake_audit, fault, cause):
    a, boom, b = _files(tmp_path, "a-2021.txt", "boom-2021.txt", "b-2021.txt")
    with IsolatedPool(1, TaskConfig(timeout=60, fault=fault), start_method="fork") as pool:
        res = list(pool.imap_unordered(_tasks([a, boom, b])))
        assert pool.replaced == 2  # tried once more on a fresh worker, then given up
    assert _summary(res) == [("a-2021.txt", "ok", None), ("boom-2021.txt", "failed", "WorkerCrashed"), ("b-2021.txt", "ok", None)]
    r = res[1]
    assert r.error_message == f"{display_text(boom)}: the worker auditing this file died twice: {cause}"
    assert r.sha256 is None and r.size is None and 0 <= r.elapsed < 30


def test_a_worker_that_dies_idle_is_replaced(tmp_path):
    """The worker is killed once its result is in and it waits for its next
    file: sending that file fails, and the idle dead worker is replaced."""
    (b,) = _files(tmp_path, "b-2021.txt")
    a = str(tmp_path / "missing-2021.txt")  # a small result: in the pipe whole once it shows there
    with IsolatedPool(1, TaskConfig(timeout=60)) as pool:
        (first,) = pool.pids()

        def tasks():
            yield (a, None, None)
            w = pool.workers[0]
            assert w.conn.poll(30)  # a's result is in: the worker waits for its next file
            os.kill(w.proc.pid, signal.SIGKILL)
            w.proc.join(10)
            yield (b, None, None)

        with _deadline(30):
            res = list(pool.imap_unordered(tasks()))
        assert pool.replaced == 1 and pool.pids() != [first]
    assert _summary(res) == [("missing-2021.txt", "failed", "FileNotFound"), ("b-2021.txt", "ok", None)]


def test_a_time_out_kills_the_worker_and_its_next_file_goes_on(tmp_path):
    slow, a = _files(tmp_path, "slow-2021.txt", "a-2021.txt")
    with IsolatedPool(1, TaskConfig(timeout=2, fault=("hang", "slow"))) as pool:
        (first,) = pool.pids()
        res = list(pool.imap_unordered(_tasks([slow, a])))
        assert pool.replaced == 1
    assert _gone(first)
    assert _summary(res) == [("slow-2021.txt", "failed", "Timeout"), ("a-2021.txt", "ok", None)]
    r = res[0]
    assert r.error_message == f"{display_text(slow)}: no result within the time limit of 2 s; the worker was killed"
    assert 1.9 < r.elapsed < 10


def test_the_time_limit_runs_from_when_the_worker_starts_a_file(tmp_path):
    """Each file takes about 2 s under a limit of 3 s: the second, queued at
    once, would time out if its clock ran from when it was sent."""
    paths = _files(tmp_path, "a-2021.txt", "b-2021.txt")
    with IsolatedPool(1, TaskConfig(timeout=3, fault=("sleep", "2"))) as pool:
        res = list(pool.imap_unordered(_tasks(paths)))
        assert pool.replaced == 0
    assert _summary(res) == [("a-2021.txt", "ok", None), ("b-2021.txt", "ok", None)]


def test_an_abandoned_run_kills_the_busy_worker(tmp_path):
    paths = _files(tmp_path, "a-2021.txt", "hang-2021.txt", "c-2021.txt")
    with IsolatedPool(1, TaskConfig(timeout=60, fault=("hang", "hang-2021"))) as pool:
        (first,) = pool.pids()
        run = pool.imap_unordered(_tasks(paths))
        assert Path(next(run).file).name == "a-2021.txt"
        t0 = time.monotonic()
        run.close()  # the worker holds the hanging file
        assert time.monotonic() - t0 < 1.5  # killed, not asked to stop (that waits 2 s)
        assert pool.replaced == 1 and pool.pids() != [first]
        assert not pool.workers[0].queue
    assert _gone(first)
