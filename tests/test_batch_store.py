"""The result store under stress: a full disk, a read-only store and a
store another run holds end the run with a one-line typed error
(:class:`~gireport.errors.StoreError`, exit 2 from the command line), leave
the store intact, and the next run resumes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import gireport
from gireport.batch.results import iter_paths, status_counts
from gireport.batch.store import Store
from gireport.errors import GireportError, StoreError, StoreLocked

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
NAMES = ("qinghe-county-2021.txt", "songling-county-2015.txt", "fenglin-district-2018.txt", "baishi-town-2020.txt", "qinghe-county-2012.txt")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "arc"
    d.mkdir()
    for n in NAMES:
        (d / n).write_bytes((CORPUS / n).read_bytes())
    return d


def _check_complete(db: Path, d: Path) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert sorted(Path(r.path).name for r in iter_paths(db)) == sorted(NAMES)
    assert status_counts(db)["ok"] == len(NAMES)


def test_full_disk_is_a_one_line_error_and_the_next_run_resumes(folder, tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    list(gireport.audit_many([folder / NAMES[0]], workers=1, db=db))  # some results already there
    monkeypatch.setenv("GIREPORT_TEST_STORE", "full:3")  # the store may grow by three pages only
    with pytest.raises(StoreError) as ei:
        with gireport.audit_many([folder], workers=1, db=db) as run:
            list(run)
    msg = str(ei.value)
    assert "\n" not in msg and "disk is full" in msg and str(db) in msg and "resumes" in msg
    assert isinstance(ei.value, GireportError)
    monkeypatch.delenv("GIREPORT_TEST_STORE")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n_before = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    assert 1 <= n_before < len(NAMES)
    with gireport.audit_many([folder], workers=1, db=db) as run:
        res = list(run)
    assert sum(r.reused for r in res) == n_before  # resumed: what was recorded is not audited again
    _check_complete(db, folder)


def test_read_only_store(folder, tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    list(gireport.audit_many([folder / NAMES[0]], workers=1, db=db))
    monkeypatch.setenv("GIREPORT_TEST_STORE", "readonly")
    with pytest.raises(StoreError, match="read-only"):
        list(gireport.audit_many([folder], workers=1, db=db))
    monkeypatch.delenv("GIREPORT_TEST_STORE")
    list(gireport.audit_many([folder], workers=1, db=db))
    _check_complete(db, folder)


def test_not_a_store(tmp_path, folder):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a gireport result store"):
        list(gireport.audit_many([folder], workers=1, db=bad))
    assert bad.read_bytes() == b"this is not sqlite" * 100  # left alone
    with pytest.raises(StoreError, match="cannot open the result store"):
        list(gireport.audit_many([folder], workers=1, db=tmp_path / "no-such-folder" / "s.db"))


def test_a_second_run_on_a_store_in_use_refuses(folder, tmp_path):
    db = tmp_path / "s.db"
    with Store(db):  # another run holds the store
        with pytest.raises(StoreLocked, match="in use by another gireport run"):
            list(gireport.audit_many([folder], workers=1, db=db))
    list(gireport.audit_many([folder], workers=1, db=db))  # free again
    _check_complete(db, folder)


def test_second_run_refuses_while_the_first_is_running(folder, tmp_path):
    db = tmp_path / "s.db"
    first = gireport.audit_many([folder], workers=1, db=db, _fault=("sleep", "0.05"))
    it = iter(first)
    next(it)  # the first run is under way
    with pytest.raises(StoreLocked):
        list(gireport.audit_many([folder], workers=1, db=db))
    rest = list(it)
    assert len(rest) == len(NAMES) - 1
    _check_complete(db, folder)


def test_workers_do_not_hold_the_store_lock(folder, tmp_path):
    """A forked worker closes its copy of the lock descriptor, so a worker
    that outlived its run could not keep the next run out."""
    import os

    db = tmp_path / "s.db"

    def fds(pid: int) -> int:
        n = 0
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                n += os.readlink(f"/proc/{pid}/fd/{fd}") == str(db)
            except OSError:
                pass
        return n

    run = gireport.audit_many([folder], workers=1, db=db, _fault=("sleep", "0.1"))
    it = iter(run)
    next(it)
    me = os.getpid()
    with open(f"/proc/{me}/task/{me}/children") as fh:
        kids = [int(x) for x in fh.read().split()]
    assert kids and fds(me) == 2  # this process: the lock and SQLite's own descriptor
    assert all(fds(k) <= 1 for k in kids)  # a worker: at most SQLite's inherited one, never the lock
    list(it)


def test_rows_made_by_the_worker_are_the_rows_the_store_would_make(tmp_path):
    """A batch worker prepares the store's rows with the record; the parent
    writes them as they are, and they equal what it would have made."""
    import pickle

    from gireport.batch.store import Store, record_rows
    from gireport.batch.worker import audit_file

    src = tmp_path / "r.txt"
    src.write_text((CORPUS / "qinghe-county-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    rec = pickle.loads(pickle.dumps(audit_file(str(src))))  # as it arrives from a worker
    assert rec.status == "ok" and rec.store_rows is not None
    assert rec.store_rows == record_rows(rec)
    dumps = []
    for with_rows in (True, False):
        r = pickle.loads(pickle.dumps(rec))
        if not with_rows:
            r.store_rows = None
        db = tmp_path / f"{with_rows}.db"
        store = Store(db)
        store.add_result(r, "rs", run_id=1)
        assert r.store_rows is None  # written, then let go
        store.close()
        con = sqlite3.connect(db)
        dumps.append([con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("findings", "coverage")])
        con.close()
    assert dumps[0] == dumps[1] and dumps[0][0]


def test_a_transaction_that_fails_leaves_nothing_behind(tmp_path):
    st = Store(tmp_path / "s.db")
    try:
        with pytest.raises(RuntimeError):
            with st._tx():
                st.db.execute("INSERT INTO meta VALUES ('probe', '1')")
                raise RuntimeError("stop")
        assert st.db.execute("SELECT COUNT(*) FROM meta WHERE key='probe'").fetchone()[0] == 0
        with pytest.raises(StoreError, match=str(tmp_path)):  # an SQLite error is the store's typed error
            with st._tx():
                st.db.execute("INSERT INTO meta VALUES ('probe', '1')")
                st.db.execute("INSERT INTO no_such_table VALUES (1)")
        assert st.db.execute("SELECT COUNT(*) FROM meta WHERE key='probe'").fetchone()[0] == 0
        with st._tx():
            st.db.execute("INSERT INTO meta VALUES ('probe', '1')")
        assert st.db.execute("SELECT COUNT(*) FROM meta WHERE key='probe'").fetchone()[0] == 1
    finally:
        st.close()
