"""A batch run killed with SIGKILL and restarted: every file ends up audited
exactly once and the store passes SQLite's integrity check.

The run is a real ``python -m gireport audit DIR --db X --workers 2``
subprocess, killed from outside while it writes results."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

#: summaries and errors in English, as these tests read them (see conftest)
pytestmark = pytest.mark.usefixtures("english_cli")



def make_archive(d: Path, n: int) -> list[Path]:
    """``n`` files of distinct content, copies of the corpus in every format
    (a copy differs by a trailing comment, a PDF comment after %%EOF or a
    zip comment), spread over nested folders."""
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        sub = d / f"batch{i % 4}" / ("deep" if i % 3 == 0 else "")
        sub.mkdir(parents=True, exist_ok=True)
        dst = sub / f"{src.stem}-copy{i:03d}{src.suffix}"
        data = src.read_bytes()
        if src.suffix == ".docx":
            dst.write_bytes(data)
            with zipfile.ZipFile(dst, "a") as z:
                z.comment = f"copy {i}".encode()
        elif src.suffix == ".pdf":
            dst.write_bytes(data + f"%copy {i}\n".encode())
        elif src.suffix == ".html":
            dst.write_bytes(data + f"\n<!-- copy {i} -->\n".encode())
        else:
            dst.write_bytes(data + f"\n\n(副本{i})\n".encode())
        out.append(dst)
    return out


def _rows(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _start(folder: Path, db: Path, slow: str | None = "sleep:0.04") -> subprocess.Popen:
    cmd = [sys.executable, "-m", "gireport", "audit", str(folder), "--db", str(db), "--workers", "2", "-q"]
    env = dict(os.environ)
    env.pop("GIREPORT_TEST_FAULT", None)
    if slow:
        env["GIREPORT_TEST_FAULT"] = slow  # every file takes a little longer, so the kill lands mid-run
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)


def _kill_when(proc: subprocess.Popen, db: Path, min_rows: int, deadline: float = 60) -> int:
    t0 = time.monotonic()
    while time.monotonic() - t0 < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()[-2000:]}")
        n = _rows(db)
        if n >= min_rows:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            assert proc.returncode == -signal.SIGKILL
            return n
        time.sleep(0.005)
    proc.kill()
    pytest.fail("the run wrote no rows in time")


def test_sigkill_and_restart_audits_every_file_exactly_once(tmp_path):
    folder = tmp_path / "archive"
    files = make_archive(folder, 60)
    db = tmp_path / "store.db"

    # 1. killed once it has written some rows
    n1 = _kill_when(_start(folder, db), db, 8)
    # 2. restarted and killed again, later on
    n2 = _kill_when(_start(folder, db), db, n1 + 12)
    # 3. restarted and killed at an arbitrary moment (maybe during start-up)
    p = _start(folder, db)
    time.sleep(0.35)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait(10)
    assert 8 <= n1 < n2 < len(files)
    # 4. restarted to the end
    done = _start(folder, db, slow=None)
    _, err = done.communicate(timeout=120)
    err = err.decode()
    assert done.returncode in (0, 1), err
    assert "Traceback" not in err

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    paths = [r[0] for r in con.execute("SELECT path FROM documents")]
    assert sorted(paths) == sorted(str(f) for f in files)  # every file, exactly once
    assert len(set(paths)) == len(paths) == 60
    assert con.execute("SELECT COUNT(*) FROM documents WHERE status != 'ok'").fetchone()[0] == 0
    # every path of the archive once, with its status, in walk order
    from gireport.batch.results import iter_paths

    recs = list(iter_paths(db, audits=False))
    assert sorted(r.path for r in recs) == sorted(str(f) for f in files) and {r.status for r in recs} == {"ok"}
    # each document's findings were written with it (one transaction per file)
    for doc_id, e, w, i in con.execute("SELECT id, errors, warnings, infos FROM documents"):
        n = con.execute("SELECT COUNT(*) FROM findings WHERE doc_id=? AND scope='file'", (doc_id,)).fetchone()[0]
        assert n == e + w + i
        assert con.execute("SELECT COUNT(*) FROM coverage WHERE doc_id=? AND scope='file'", (doc_id,)).fetchone()[0] > 0
    assert con.execute("SELECT COUNT(*) FROM findings WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0] == 0
    # the last run read from the store what the killed runs had finished
    last = con.execute("SELECT ok, failed, reused FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    assert last[0] == 60 and last[1] == 0 and last[2] >= n2
    assert f"60 files: 60 ok, 0 failed, 0 unsupported, 0 duplicate ({60 - last[2]} audited, {last[2]} from the store)" in err

    # 5. a further rerun audits nothing
    again = subprocess.run([sys.executable, "-m", "gireport", "audit", str(folder), "--db", str(db), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "60 files: 60 ok, 0 failed, 0 unsupported, 0 duplicate (0 audited, 60 from the store)" in again.stderr
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 60
