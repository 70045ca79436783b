"""An archive that loses nothing: every walked path has exactly one row with
its own status (ok, failed, unsupported, duplicate; gone after a rerun), the
representative of identical contents is the smallest path, and the outputs
are byte-identical with 1 or 2 workers and after a SIGKILL and resume.
Hostile entries (a FIFO, a symlink to /dev/zero, a file name that is not
UTF-8) are recorded without being opened and never stop the walk."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import gireport
from gireport.batch.export import export
from gireport.batch.results import DOCUMENT_COLUMNS, iter_paths, status_counts
from gireport.batch.walk import display_path, path_key, walk

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GBK_NAME = os.fsdecode("年报-".encode() + b"\xc4\xe3\xba\xc3" + b"-2021.txt")  # GBK bytes, not UTF-8

pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only"), pytest.mark.usefixtures("english_cli")]


def build(d: Path) -> Path:
    """A small archive: identical copies in several folders, distinct reports
    in several formats, a legacy .doc, an image, a zip, an empty sub-folder,
    a FIFO without a suffix and one with .txt, a symlink to /dev/zero, a
    broken link, a GBK-bytes file name and a README."""
    txt = (CORPUS / "qinghe-county-2021.txt").read_bytes()
    (d / "省" / "市" / "2021").mkdir(parents=True)
    (d / "省" / "市" / "2021" / "报告.txt").write_bytes(txt)
    (d / "copies").mkdir()
    (d / "copies" / "qinghe copy (2).txt").write_bytes(txt)  # identical: duplicates of the smallest path
    (d / "zz-again.txt").write_bytes(txt)
    (d / "省" / "市" / "2021" / "baishi.docx").write_bytes((CORPUS / "baishi-town-2020.docx").read_bytes())
    (d / "省" / "fenglin.html").write_bytes((CORPUS / "fenglin-district-2018.html").read_bytes())
    (d / "省" / "songling.pdf").write_bytes((CORPUS / "songling-county-2015.pdf").read_bytes())
    (d / "省" / "songling-2015.txt").write_bytes((CORPUS / "songling-county-2015.txt").read_bytes())
    # a GBK page read as Latin-1 and saved as UTF-8 (what an HTTP client does without a charset)
    mangled = (CORPUS / "fenglin-district-2018.txt").read_text(encoding="utf-8").encode("gb18030").decode("latin-1").encode("utf-8")
    (d / "省" / "mangled-2018.txt").write_bytes(mangled)
    (d / "old-2009.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (d / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (d / "bundle.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (d / "empty-folder").mkdir()
    os.mkfifo(d / "pipe")  # no suffix: the content sniff must not open it
    os.mkfifo(d / "pipe.txt")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink(d / "nowhere.txt", d / "broken.txt")
    (d / os.fsdecode(os.fsencode(GBK_NAME))).write_bytes((CORPUS / "example-city-notice-2022.txt").read_bytes())
    (d / "README.md").write_text("not a report", encoding="utf-8")
    (d / "empty-2020.txt").write_bytes(b"")
    return d


def P(d: Path, rel: str) -> str:
    return str(d / rel)


EXPECTED = {
    "bundle.zip": "unsupported",
    "broken.txt": "unsupported",
    "copies/qinghe copy (2).txt": "ok",  # the smallest path of the three copies
    "empty-2020.txt": "failed",
    "old-2009.doc": "unsupported",
    "pipe": "unsupported",
    "pipe.txt": "unsupported",
    "scan.png": "unsupported",
    "zero.txt": "unsupported",
    "zz-again.txt": "duplicate",
    "省/fenglin.html": "ok",
    "省/mangled-2018.txt": "ok",  # repaired exactly by the loader
    "省/songling-2015.txt": "ok",
    "省/songling.pdf": "ok",
    "省/市/2021/baishi.docx": "ok",
    "省/市/2021/报告.txt": "duplicate",
    GBK_NAME: "ok",
}


def _rel(d: Path, p: str) -> str:
    return os.path.relpath(p, d)


def test_walk_never_opens_a_fifo_and_orders_by_components(tmp_path):
    d = build(tmp_path / "a")
    got: list = []
    t = threading.Thread(target=lambda: got.extend(walk([d])), daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "the walk blocked"
    kinds = {_rel(d, e.path): (e.kind, e.error_type) for e in got}
    assert set(kinds) == set(EXPECTED)
    assert kinds["pipe"] == kinds["pipe.txt"] == ("unsupported", "NotRegularFile")
    assert kinds["zero.txt"] == ("unsupported", "NotRegularFile")
    assert kinds["old-2009.doc"][1] == "LegacyFormat" and kinds["scan.png"][1] == "Image" and kinds["bundle.zip"][1] == "Archive"
    assert kinds["broken.txt"][1] == "BrokenLink"
    keys = [path_key(e.path) for e in got]
    assert keys == sorted(keys)  # the walk order is the order of path keys
    # named directly: a FIFO and a link to a device are recorded, not opened
    named = list(walk([d / "pipe", d / "zero.txt", d / "missing.txt"]))
    assert [(e.kind, e.error_type) for e in named] == [("failed", "FileNotFound"), ("unsupported", "NotRegularFile"), ("unsupported", "NotRegularFile")]


def _outputs(db: Path) -> dict[str, str]:
    """Every export of the store, and the per-path view, as text (the
    documents table without its timing columns)."""
    out = {}
    for fmt, table in (("jsonl", "findings"), ("csv", "findings"), ("csv", "coverage"), ("sarif", "findings")):
        buf = io.StringIO()
        export(db, fmt, buf, table=table)
        out[f"{fmt}:{table}"] = buf.getvalue()
    buf = io.StringIO()
    export(db, "jsonl", buf, table="documents")
    drop = ("elapsed", "audited_at")
    out["documents"] = "\n".join(json.dumps({k: v for k, v in json.loads(ln).items() if k not in drop}, ensure_ascii=False) for ln in buf.getvalue().splitlines())
    rows = []
    for r in iter_paths(db):
        rec = r.to_dict()
        rec["findings"] = [f.to_dict() for f in r.findings] if r.status == "ok" else None
        rows.append(json.dumps(rec, ensure_ascii=False))
    out["paths"] = "\n".join(rows)
    return out


def _statuses(d: Path, results) -> dict[str, str]:
    got: dict[str, str] = {}
    for r in results:
        rel = _rel(d, r.file)
        assert rel not in got, f"{rel} twice"
        got[rel] = r.status
    return got


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    d = build(tmp_path_factory.mktemp("archive") / "arc")
    runs = {}
    for workers in (1, 2):
        db = d.parent / f"w{workers}.db"
        with gireport.audit_many([d], workers=workers, db=db, timeout=60) as run:
            results = list(run)
        runs[workers] = (db, results, run.summary)
    return d, runs


def test_every_path_once_with_its_status(archive):
    d, runs = archive
    for workers, (db, results, summary) in runs.items():
        assert _statuses(d, results) == EXPECTED, workers
        by = {_rel(d, r.file): r for r in results}
        dup = by["zz-again.txt"]
        rep = by["copies/qinghe copy (2).txt"]
        assert dup.duplicate_of == rep.file == by["省/市/2021/报告.txt"].duplicate_of
        assert dup.findings == rep.findings and rep.findings and dup.counts() == rep.counts()
        assert by["empty-2020.txt"].error_type == "EmptyFileError"
        assert "not a regular file" in by["zero.txt"].error_message
        assert (summary.files, summary.ok, summary.failed, summary.unsupported, summary.duplicate) == (17, 7, 1, 7, 2)
        assert summary.status_line() == "17 files: 7 ok, 1 failed, 7 unsupported, 2 duplicate"
        assert status_counts(db) == {"ok": 7, "failed": 1, "unsupported": 7, "duplicate": 2, "gone": 0, "pending": 0}
        # every export has every path, once
        buf = io.StringIO()
        export(db, "jsonl", buf, table="documents")
        docs = [json.loads(ln) for ln in buf.getvalue().splitlines()]
        assert list(docs[0]) == list(DOCUMENT_COLUMNS)
        assert {_rel(d, x["path"]) for x in docs} == {display_path(k) for k in EXPECTED}
        assert len(docs) == len(EXPECTED)
        dd = {_rel(d, x["path"]): x for x in docs}
        assert dd["zz-again.txt"]["status"] == "duplicate" and dd["zz-again.txt"]["duplicate_of"] == str(d / "copies/qinghe copy (2).txt")
        assert dd["zz-again.txt"]["errors"] == dd["copies/qinghe copy (2).txt"]["errors"] > 0
        assert dd["old-2009.doc"]["error_type"] == "LegacyFormat"
        # findings once, under the representative
        files = {_rel(d, f.file) for r in iter_paths(db) if r.status == "ok" for f in r.findings}
        assert "zz-again.txt" not in files and "copies/qinghe copy (2).txt" in files


def test_gbk_file_name_stored_losslessly(archive):
    d, runs = archive
    db, results, _ = runs[2]
    (r,) = [r for r in results if r.file.endswith("-2021.txt") and "年报" in r.file]
    assert r.status == "ok" and r.file == str(d / GBK_NAME)
    con = sqlite3.connect(db)
    keys = [k for (k,) in con.execute("SELECT pkey FROM files")]
    assert path_key(str(d / GBK_NAME)) in keys  # the exact bytes
    assert os.fsencode(str(d / GBK_NAME)).replace(b"/", b"\x00") in keys
    shown = [p for (p,) in con.execute("SELECT path FROM files") if "年报" in p]
    assert shown == [display_path(str(d / GBK_NAME))] and "\ufffd" in shown[0]


def test_outputs_identical_with_one_and_two_workers_and_after_sigkill(archive, tmp_path):
    d, runs = archive
    one, two = _outputs(runs[1][0]), _outputs(runs[2][0])
    for k in one:
        assert one[k] == two[k], k
    # a run killed with SIGKILL mid-way and resumed gives the same outputs
    db = tmp_path / "killed.db"
    code = (
        "import sys, gireport\n"
        "run = gireport.audit_many([sys.argv[1]], db=sys.argv[2], workers=2, timeout=60, _fault=tuple(sys.argv[3].split(':', 1)) if sys.argv[3] else None)\n"
        "for _ in run: pass\n"
    )

    def start(fault: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", code, str(d), str(db), fault], cwd=ROOT, stderr=subprocess.PIPE)

    p = start("sleep:0.3")
    t0 = time.monotonic()
    while time.monotonic() - t0 < 60:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            n = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 2:
            break
        time.sleep(0.01)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(10)
    assert status_counts(db)["pending"] > 0  # it really was killed mid-way
    p = start("")
    _, err = p.communicate(timeout=180)
    assert p.returncode == 0, err.decode()[-2000:]
    resumed = _outputs(db)
    for k in one:
        assert resumed[k] == one[k], k
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 8  # 7 ok contents + the empty file


def test_rerun_after_rename_edit_delete(tmp_path):
    d = tmp_path / "arc"
    (d / "a").mkdir(parents=True)
    txt = (CORPUS / "qinghe-county-2021.txt").read_bytes()
    (d / "a" / "one.txt").write_bytes(txt)
    (d / "a" / "two.txt").write_bytes((CORPUS / "songling-county-2015.txt").read_bytes())
    (d / "a" / "three.txt").write_bytes((CORPUS / "fenglin-district-2018.txt").read_bytes())
    db = tmp_path / "s.db"
    list(gireport.audit_many([d], workers=1, db=db))
    before = {_rel(d, r.path): r for r in iter_paths(db)}
    assert {k: r.status for k, r in before.items()} == {"a/one.txt": "ok", "a/two.txt": "ok", "a/three.txt": "ok"}
    # rename one.txt; edit two.txt in place keeping its size and mtime; delete three.txt
    os.rename(d / "a" / "one.txt", d / "a" / "renamed.txt")
    st = os.stat(d / "a" / "two.txt")
    data = (d / "a" / "two.txt").read_bytes()
    i = max(data.find(b"1"), data.find(b"2"))
    edited = data[:i] + (b"7" if data[i:i + 1] != b"7" else b"8") + data[i + 1:]
    assert len(edited) == len(data) and edited != data
    (d / "a" / "two.txt").write_bytes(edited)
    os.utime(d / "a" / "two.txt", ns=(st.st_atime_ns, st.st_mtime_ns))
    os.remove(d / "a" / "three.txt")
    with gireport.audit_many([d], workers=1, db=db) as run:
        res = {_rel(d, r.file): r for r in run}
    assert set(res) == {"a/renamed.txt", "a/two.txt"}
    assert res["a/renamed.txt"].status == "ok" and res["a/renamed.txt"].reused  # known content: not audited again
    assert res["a/two.txt"].status == "ok" and not res["a/two.txt"].reused  # the same-size edit is seen
    assert run.summary.gone == 2
    now = {_rel(d, r.path): r.status for r in iter_paths(db)}
    assert now == {"a/one.txt": "gone", "a/renamed.txt": "ok", "a/three.txt": "gone", "a/two.txt": "ok"}
    # findings and coverage: the archive as it is now, each content once, under its current path
    buf = io.StringIO()
    export(db, "jsonl", buf)
    rows = [json.loads(ln) for ln in buf.getvalue().splitlines()]
    assert {_rel(d, r["file"]) for r in rows if r["code"]} <= {"a/renamed.txt", "a/two.txt"}
    assert {_rel(d, r["file"]): r["status"] for r in rows if r["status"] == "gone"} == {"a/one.txt": "gone", "a/three.txt": "gone"}  # every path, with its status
    buf = io.StringIO()
    export(db, "csv", buf, table="coverage")
    assert {_rel(d, ln.split(",")[0]) for ln in buf.getvalue().lstrip("\ufeff").splitlines()[1:]} == {"a/renamed.txt", "a/two.txt"}
    # the cross-year rules see the archive as it is now: the old content is not a second report
    con = sqlite3.connect(db)
    from gireport.batch.store import Store

    with Store(db, lock=False) as st2:
        rs = st2.latest_ruleset()
        assert sorted(_rel(d, r[1]) for r in st2.corpus_rows(rs)) == ["a/renamed.txt", "a/two.txt"]
    # the store keeps the history
    hist = con.execute("SELECT path, kind FROM file_history ORDER BY rowid").fetchall()
    assert (str(d / "a" / "three.txt"), "gone") in hist and (str(d / "a" / "renamed.txt"), "report") in hist
    assert sum(1 for p, k in hist if p == str(d / "a" / "two.txt")) == 2  # first seen, then its content changed
    # a run over a sub-folder does not call the rest gone
    list(gireport.audit_many([d / "a" / "two.txt"], workers=1, db=db))
    assert {_rel(d, r.path): r.status for r in iter_paths(db)}["a/renamed.txt"] == "ok"


def test_hostile_paths_named_directly(tmp_path):
    os.mkfifo(tmp_path / "fifo-2021.txt")
    os.symlink("/dev/zero", tmp_path / "zero-2021.pdf")
    with gireport.audit_many([tmp_path / "fifo-2021.txt", tmp_path / "zero-2021.pdf"], workers=1, timeout=10) as run:
        res = list(run)
    assert [(r.status, r.error_type) for r in res] == [("unsupported", "NotRegularFile")] * 2


def test_worker_killed_from_outside_is_retried_once(tmp_path):
    d = tmp_path / "arc"
    d.mkdir()
    for n in ("qinghe-county-2021.txt", "songling-county-2015.txt"):
        (d / n).write_bytes((CORPUS / n).read_bytes())
    marker = tmp_path / "killed-once"
    with gireport.audit_many([d], workers=1, _fault=("killonce", f"qinghe|{marker}")) as run:
        res = {Path(r.file).name: r for r in run}
    assert marker.exists()  # the worker was killed
    assert res["qinghe-county-2021.txt"].status == "ok"  # and the file was tried again
    assert res["songling-county-2015.txt"].status == "ok"
    with gireport.audit_many([d], workers=1, _fault=("kill", "qinghe")) as run:  # killed every time: failed after the retry
        res = {Path(r.file).name: r for r in run}
    r = res["qinghe-county-2021.txt"]
    assert r.status == "failed" and r.error_type == "WorkerCrashed" and "twice" in r.error_message


def test_audit_paths_one_row_per_path(archive):
    """``audit_paths``: the finished run the command line and the Python API
    render from — every path with its status, the audits, the counts."""
    from gireport.batch import audit_paths

    d, runs = archive
    out = audit_paths([d], workers=2, timeout=60)
    assert out.db is None  # the temporary store is gone; the audits are in memory
    assert [(_rel(d, r.path), r.status) for r in out.paths] == sorted(((display_path(k), v) for k, v in EXPECTED.items()), key=lambda kv: path_key(kv[0]))
    assert out.counts() == {"ok": 7, "failed": 1, "unsupported": 7, "duplicate": 2, "gone": 0, "pending": 0}
    assert out.summary.status_line() == "17 files: 7 ok, 1 failed, 7 unsupported, 2 duplicate"
    assert len(out.audits) == 7 and len(out.errors) == 8 and len(out.duplicates) == 2
    assert {e["status"] for e in out.errors} == {"failed", "unsupported"}
    # the same findings as the stored runs
    stored = {r.path: [f.fingerprint for f in r.findings] for r in iter_paths(runs[1][0]) if r.status == "ok"}
    assert {a.path: [f.fingerprint for f in a.findings] for a in out.audits} == stored
    df = out.findings_frame()
    assert set(df.file) == {str(d / display_path(k)) for k in EXPECTED}  # every path has a row
    assert (df[df.status == "duplicate"].duplicate_of == str(d / "copies/qinghe copy (2).txt")).all()
    assert set(df[df.code == "GR000"].status) == {"failed", "unsupported"}


def test_odd_paths_are_always_paths(tmp_path):
    """A name with a newline, a path over 600 characters, a mistyped Chinese
    name: each is a path — read when it exists, failed when it does not —
    never report text."""
    d = tmp_path / "arc"
    deep = d.joinpath(*[f"第{i}层很长的文件夹名称" * 8 for i in range(8)])  # each name under 255 bytes
    deep.mkdir(parents=True)
    data = (CORPUS / "songling-county-2015.txt").read_bytes()
    long_file = deep / ("报告" * 30 + "-2015.txt")
    long_file.write_bytes(data)
    assert len(str(long_file)) > 600
    nl = d / "two\nlines-2015.txt"
    nl.write_bytes(data + b"\n")
    with gireport.audit_many([d], workers=1) as run:
        res = {r.file: r for r in run}
    assert res[str(long_file)].status == "ok" and res[str(nl)].status == "ok"
    missing = str(d / "不存在的报告.txt")
    with gireport.audit_many([nl, long_file, missing], workers=1) as run:
        res = {r.file: r for r in run}
    assert res[str(long_file)].status == res[str(nl)].status == "ok"
    assert res[missing].status == "failed" and res[missing].error_type == "FileNotFound"


def test_the_run_view_can_list_what_it_found_gone(tmp_path):
    d = tmp_path / "arc"
    d.mkdir()
    for n in ("qinghe-county-2021.txt", "songling-county-2015.txt"):
        (d / n).write_bytes((CORPUS / n).read_bytes())
    db = tmp_path / "s.db"
    list(gireport.audit_many([d], workers=1, db=db))
    (d / "songling-county-2015.txt").unlink()
    with gireport.audit_many([d], workers=1, db=db) as run:
        list(run)
    assert run.summary.gone == 1 and run.summary.status_line() == "1 file: 1 ok, 0 failed, 0 unsupported, 0 duplicate; 1 gone"
    assert [r.status for r in iter_paths(db, run_id=run.run_id)] == ["ok"]
    assert [(Path(r.path).name, r.status) for r in iter_paths(db, run_id=run.run_id, gone=True)] == [("qinghe-county-2021.txt", "ok"), ("songling-county-2015.txt", "gone")]
    assert status_counts(db, run.run_id) == {"ok": 1, "failed": 0, "unsupported": 0, "duplicate": 0, "gone": 0, "pending": 0}
