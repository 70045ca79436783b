"""Batch auditing: the isolated pool, hostile files, the result store,
rerun skipping, export, the command line and the progress bar."""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

import gireport
from gireport import cli
from gireport.batch.export import MissingDependency, export
from gireport.batch.progress import Progress
from gireport.batch.results import DOCUMENT_COLUMNS, STORE_COVERAGE_COLUMNS, STORE_FINDING_COLUMNS
from gireport.batch.walk import iter_files

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
#: a handful of corpus files in every format, quick to audit
SAMPLE = [
    "qinghe-county-2021.txt",
    "qinghe-county-2021.html",
    "qinghe-county-2021.pdf",
    "baishi-town-2020.docx",
    "songling-county-2023.md",
    "fenglin-district-2018.html",
    "example-city-notice-2022.txt",
]

#: summaries and errors in English, as these tests read them (see conftest)
pytestmark = pytest.mark.usefixtures("english_cli")



def fingerprints(findings):
    return sorted((f.code, f.fingerprint) for f in findings)


@pytest.fixture
def sample(tmp_path):
    d = tmp_path / "sample"
    d.mkdir()
    for n in SAMPLE:
        shutil.copy(CORPUS / n, d / n)
    return d


# --------------------------------------------------------------------------
# Walking
# --------------------------------------------------------------------------
def test_walk_by_suffix_and_by_content(tmp_path):
    d = tmp_path / "w"
    (d / "sub" / ".hidden").mkdir(parents=True)
    shutil.copy(CORPUS / "qinghe-county-2021.pdf", d / "sub" / "page")  # a PDF without a suffix
    shutil.copy(CORPUS / "qinghe-county-2021.html", d / "saved.asp")  # a web page under another suffix
    (d / "a.txt").write_text("x", encoding="utf-8")
    (d / "README.md").write_text("readme", encoding="utf-8")
    (d / "LICENSE.txt").write_text("mit", encoding="utf-8")
    (d / "build.py").write_text("print(1)", encoding="utf-8")
    (d / "notes.gir").write_text("# source", encoding="utf-8")
    (d / "sub" / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    (d / ".c.txt").write_text("x", encoding="utf-8")
    got = [os.path.relpath(p, d) for p in iter_files([d])]
    assert got == ["a.txt", "saved.asp", os.path.join("sub", "page")]
    # named files are always taken; the CLI's iter_inputs is unchanged
    assert list(iter_files([d / "build.py"])) == [str(d / "build.py")]
    assert [os.path.relpath(p, d) for p in cli.iter_inputs([str(d)])] == ["a.txt"]


# --------------------------------------------------------------------------
# The pool gives the same results as a plain audit
# --------------------------------------------------------------------------
def test_audit_many_matches_single_audits(sample):
    files = sorted(str(p) for p in sample.iterdir())
    with gireport.audit_many([sample], workers=2) as run:
        results = {r.file: r for r in run}
    assert sorted(results) == files
    for f in files:
        r = results[f]
        a = gireport.audit(f)
        assert r.status == "ok", r
        assert fingerprints(r.findings) == fingerprints(a.findings)
        assert r.counts() == a.counts()
        assert r.agency == a.report.metadata.agency and r.year == a.report.metadata.year
        assert r.template == a.report.template.name and r.format == a.report.document.source.format
        assert r.sha256 == a.report.document.source.sha256
        assert r.coverage["checked"] == a.coverage["checked"]
    s = run.summary
    assert (s.files, s.ok, s.failed, s.skipped) == (len(files), len(files), 0, 0)
    assert sum(s.by_rule.values()) == sum(len(r.findings) for r in results.values())


def test_results_are_small_and_picklable(sample):
    with gireport.audit_many([sample / "qinghe-county-2021.pdf"], workers=1) as run:
        (r,) = list(run)
    blob = pickle.dumps(r)
    assert pickle.loads(blob).findings == r.findings
    assert len(blob) < 64_000, len(blob)
    d = r.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert "facts" not in d and d["status"] == "ok"


def test_results_stream_before_the_run_ends(sample):
    """The first result arrives while later files are still being audited."""
    run = gireport.audit_many([sample], workers=1, _fault=("sleep", "0.2"))
    with run:
        it = iter(run)
        first = next(it)
        assert first.status == "ok"
        assert run.summary.files == 1  # nothing else is done yet
        rest = list(it)
    assert len(rest) == len(SAMPLE) - 1


def test_any_executor_threads_included(sample):
    """A plain concurrent.futures executor works too — threads as well, where
    PDF loading (PDFium is not thread-safe) is serialised."""
    import concurrent.futures as cf

    files = [sample / n for n in SAMPLE] * 1
    pdf = sample / "qinghe-county-2021.pdf"
    copies = []
    for i in range(4):  # several PDFs at once in several threads
        c = sample / f"copy{i}-2021.pdf"
        c.write_bytes(pdf.read_bytes() + f"%{i}\n".encode())
        copies.append(c)
    with cf.ThreadPoolExecutor(4) as ex, gireport.audit_many(files + copies, executor=ex, timeout=60) as run:
        results = {Path(r.file).name: r for r in run}
    assert {r.status for r in results.values()} == {"ok"}
    want = fingerprints(gireport.audit(pdf).findings)
    assert all(fingerprints(results[c.name].findings) == want for c in copies)
    assert run.summary.workers == "executor"


# --------------------------------------------------------------------------
# Hostile files
# --------------------------------------------------------------------------
def _recursive_pdf() -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # the page tree contains itself
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"[5 0 R 5 0 R]",  # an array that contains itself
        b"<< /First 6 0 R /Last 6 0 R /Next 6 0 R /Parent 6 0 R >>",  # outline cycle
    ]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _zip_bomb_docx(path: Path, gigabytes: float = 3.4) -> int:
    """A real .docx (every part of a corpus document) whose
    word/document.xml decompresses to ``gigabytes`` GB.  The deflate stream
    is one compressed 1 MB block repeated (each block starts from an empty
    window after a full flush), so building it takes a second."""
    src = zipfile.ZipFile(CORPUS / "qinghe-county-2012.docx")
    parts = [(n, src.read(n)) for n in src.namelist() if n != "word/document.xml"]
    chunk = b"<w:p><w:r><w:t>" + b"A" * (1 << 20) + b"</w:t></w:r></w:p>"
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = int(gigabytes * (1 << 30) / len(chunk))
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    usize = len(chunk) * n
    assert usize < 1 << 32  # no zip64 needed
    central = []
    with open(path, "wb") as fh:

        def add(name: str, comp: bytes, crc: int, usize: int) -> None:
            off = fh.tell()
            nb = name.encode()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), usize, len(nb), 0) + nb + comp)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(comp), usize, len(nb), 0, 0, 0, 0, 0, off) + nb)

        for name, data in parts:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            add(name, co.compress(data) + co.flush(), zlib.crc32(data), len(data))
        add("word/document.xml", block * n + tail, crc, usize)
        cd = fh.tell()
        for entry in central:
            fh.write(entry)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), fh.tell() - cd, cd, 0))
    return usize


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "recursive-2020.pdf").write_bytes(_recursive_pdf())
    usize = _zip_bomb_docx(d / "bomb-2020.docx")
    with zipfile.ZipFile(d / "bomb-2020.docx") as z:  # it really is a bomb
        info = z.getinfo("word/document.xml")
        assert info.file_size == usize > 3 * 10**9 and info.compress_size < 5 * 10**6
        assert z.open("word/document.xml").read(1 << 16).startswith(b"<w:p><w:r><w:t>AAAA")
    block = ("2020年政府信息公开工作年度报告。本年度收到申请10件,予以公开5件,占50%。\n" * 4000).encode("utf-8")
    with open(d / "huge-2020.txt", "wb") as fh:  # 200 MB of text
        while fh.tell() < 200 * 1024 * 1024:
            fh.write(block)
    good_pdf = (CORPUS / "qinghe-county-2021.pdf").read_bytes()
    (d / "truncated-2021.pdf").write_bytes(good_pdf[: len(good_pdf) // 3])
    (d / "noise-2021.txt").write_bytes(os.urandom(1 << 16))
    (d / "noise-2021.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(1 << 15))
    (d / "scripts-2021.html").write_text(
        "<!doctype html><html><head><script>while(true){document.write('x')}</script>"
        "<script src='https://example.invalid/x.js'></script></head><body onload='alert(1)'>"
        "<p>青禾县人民政府2021年政府信息公开工作年度报告</p><script>for(;;){}</script>"
        "<noscript>请启用JavaScript</noscript><p>本年度收到申请10件,予以公开5件,占50%。</p></body></html>",
        encoding="utf-8",
    )
    for n in ("qinghe-county-2021.txt", "baishi-town-2020.docx", "songling-county-2015.pdf"):
        shutil.copy(CORPUS / n, d / n)
    return d


HOSTILE_FAILS = ("recursive-2020.pdf", "bomb-2020.docx", "huge-2020.txt", "truncated-2021.pdf", "noise-2021.txt", "noise-2021.pdf")


def test_hostile_files_fail_alone(hostile):
    with gireport.audit_many([hostile], workers=2, timeout=20, memory_mb=400) as run:
        results = {Path(r.file).name: r for r in run}
    assert len(results) == 10
    for name in ("qinghe-county-2021.txt", "baishi-town-2020.docx", "songling-county-2015.pdf"):
        assert results[name].status == "ok", results[name]
        assert [f.to_dict() for f in results[name].findings] == [f.to_dict() for f in gireport.audit(hostile / name).findings]
    for name in HOSTILE_FAILS:
        r = results[name]
        assert r.status == "failed", r
        assert r.error_type and r.error_message and name in r.error_message, r
        assert r.elapsed < 20
    # the blow-ups were stopped by the limits, not by luck
    assert results["bomb-2020.docx"].error_type in ("LoadError", "MemoryLimit", "MemoryLimitError", "CorruptFileError")
    assert results["huge-2020.txt"].error_type in ("LoadError", "MemoryLimit", "MemoryLimitError", "Timeout", "TimeLimitError")
    # a page full of scripts is read as a (non-)report, never executed
    assert results["scripts-2021.html"].status == "ok"
    assert run.summary.failed == len(HOSTILE_FAILS) and run.summary.ok == 4


def test_hostile_files_from_the_command_line(hostile, tmp_path, capsys):
    db = tmp_path / "h.db"
    rc = cli.main(["audit", str(hostile), "--db", str(db), "--timeout", "20", "--memory-mb", "400", "-q"])
    out, err = capsys.readouterr()
    assert rc in (1, 2)
    assert "Traceback" not in err
    for name in HOSTILE_FAILS:
        assert any(ln.startswith("error:") and name in ln for ln in err.splitlines()), (name, err)
    assert "10 files: 4 ok, 6 failed, 0 unsupported, 0 duplicate" in err
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT path, error_type FROM documents WHERE status='failed'").fetchall())
    assert {Path(p).name for p in rows} == set(HOSTILE_FAILS)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_hang_is_killed_and_the_run_goes_on(sample):
    with gireport.audit_many([sample], workers=2, timeout=2, _fault=("hang", "qinghe-county-2021.pdf")) as run:
        results = {Path(r.file).name: r for r in run}
    r = results["qinghe-county-2021.pdf"]
    assert r.status == "failed" and r.error_type == "Timeout" and "2 s" in r.error_message
    assert 1.9 < r.elapsed < 10
    assert all(x.status == "ok" for n, x in results.items() if n != "qinghe-county-2021.pdf")
    assert len(results) == len(SAMPLE)


def test_sigkill_of_a_worker_loses_only_its_file(sample):
    with gireport.audit_many([sample], workers=2, _fault=("kill", "baishi-town-2020.docx")) as run:
        results = {Path(r.file).name: r for r in run}
    r = results["baishi-town-2020.docx"]
    assert r.status == "failed" and r.error_type == "WorkerCrashed" and "SIGKILL" in r.error_message
    ok = [n for n, x in results.items() if x.status == "ok"]
    assert sorted(ok) == sorted(n for n in SAMPLE if n != "baishi-town-2020.docx")


def test_a_worker_that_exits_is_replaced(sample):
    with gireport.audit_many([sample], workers=1, _fault=("exit", "qinghe-county-2021")) as run:
        results = {Path(r.file).name: r for r in run}
    crashed = {n for n, r in results.items() if r.status == "failed"}
    assert crashed == {n for n in SAMPLE if "qinghe-county-2021" in n}
    assert all("exited with status 3" in results[n].error_message for n in crashed)


def test_memory_limit_applies_to_a_blow_up(tmp_path):
    from gireport.batch.pool import IsolatedPool
    from gireport.batch.model import TaskConfig

    big = tmp_path / "big-2020.txt"
    big.write_bytes(b"x" * (150 * 1024 * 1024))
    with IsolatedPool(1, TaskConfig(memory_mb=200, timeout=30)) as pool:
        (r,) = list(pool.imap_unordered([(str(big), None, None)]))
    assert r.status == "failed" and r.error_type in ("LoadError", "MemoryLimit"), r


# --------------------------------------------------------------------------
# The store: rerun skipping, frames, export
# --------------------------------------------------------------------------
def test_store_rerun_skips_and_retry_failed(sample, tmp_path):
    db = tmp_path / "r.db"
    (sample / "empty-2020.txt").write_bytes(b"")
    first = {r.file: r.status for r in gireport.audit_many([sample], workers=2, db=db)}
    assert list(first.values()).count("failed") == 1
    run = gireport.audit_many([sample], workers=2, db=db)
    second = {r.file: r for r in run}
    assert {r.file: r.status for r in second.values()} == first  # the same statuses, read from the store
    assert all(r.reused and r.skipped for r in second.values())
    assert run.summary.reused == run.summary.skipped == len(first) and run.summary.audited == 0
    skipped_ok = second[str(sample / "qinghe-county-2021.txt")]
    a = gireport.audit(sample / "qinghe-county-2021.txt")
    assert skipped_ok.counts() == a.counts()
    assert [f.to_dict() for f in skipped_ok.findings] == [f.to_dict() for f in a.findings]  # the stored findings come back
    # a changed file is audited again; a copy of known content is not: the
    # smaller path stands for the content, the other is its duplicate
    (sample / "fenglin-district-2018.html").write_bytes((CORPUS / "fenglin-district-2018.html").read_bytes() + b"\n<!-- edited -->\n")
    shutil.copy(CORPUS / "qinghe-county-2021.txt", sample / "copy-of-qinghe.txt")
    third = {Path(r.file).name: r for r in gireport.audit_many([sample], workers=2, db=db)}
    assert third["fenglin-district-2018.html"].status == "ok" and not third["fenglin-district-2018.html"].reused
    assert third["copy-of-qinghe.txt"].status == "ok" and third["copy-of-qinghe.txt"].reused
    dup = third["qinghe-county-2021.txt"]
    assert dup.status == "duplicate" and dup.duplicate_of == str(sample / "copy-of-qinghe.txt")
    assert [f.fingerprint for f in dup.findings] == [f.fingerprint for f in a.findings]
    assert {f.file for f in dup.findings} == {str(sample / "copy-of-qinghe.txt")}
    assert [r.reused for r in third.values()].count(False) == 2  # fenglin, and the duplicate (not audited either)
    fourth = {Path(r.file).name: r for r in gireport.audit_many([sample], workers=2, db=db, retry_failed=True)}
    assert fourth["empty-2020.txt"].status == "failed" and not fourth["empty-2020.txt"].reused
    assert sum(r.reused for r in fourth.values()) == len(fourth) - 2
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(SAMPLE) + 2  # + empty, + edited fenglin
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_load_results_frames(sample, tmp_path):
    db = tmp_path / "r.db"
    (sample / "empty-2020.txt").write_bytes(b"")
    results = list(gireport.audit_many([sample], workers=2, db=db))
    res = gireport.load_results(db)
    assert tuple(res.documents.columns) == DOCUMENT_COLUMNS
    assert tuple(res.findings.columns) == STORE_FINDING_COLUMNS
    assert tuple(res.coverage.columns) == STORE_COVERAGE_COLUMNS
    assert len(res.documents) == len(results)
    failed = res.documents[res.documents.status == "failed"]
    assert list(failed.error_type) == ["EmptyFileError"]
    n = sum(len(r.findings) for r in results)
    assert len(res.findings[res.findings.scope == "file"]) == n
    ev = res.findings.evidence.iloc[0]
    assert isinstance(ev, list) and {"start", "end", "page", "text"} <= set(ev[0])
    one = res.findings[res.findings.file == str(sample / "qinghe-county-2021.txt")]
    a = gireport.audit(sample / "qinghe-county-2021.txt")
    assert sorted(one.fingerprint) == sorted(f.fingerprint for f in a.findings)
    assert str(res.documents.year.dtype) == "Int64"


def test_export_formats(sample, tmp_path):
    db = tmp_path / "r.db"
    results = list(gireport.audit_many([sample], workers=2, db=db))
    n = sum(len(r.findings) for r in results)
    buf = io.StringIO()
    assert export(db, "jsonl", buf) == n
    recs = [json.loads(ln) for ln in buf.getvalue().splitlines()]
    from gireport.output import JSONL_COLUMNS

    recs = [d for d in recs if d["code"]]  # (and a row per path without findings)
    assert len(recs) == n and tuple(recs[0]) == JSONL_COLUMNS
    buf = io.StringIO()
    assert export(db, "csv", buf, table="documents") == len(results)
    assert buf.getvalue().startswith("\ufeff") and buf.getvalue()[1:].splitlines()[0].split(",") == list(DOCUMENT_COLUMNS)
    out = tmp_path / "o.sarif"
    export(db, "sarif", out)
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == n
    pq = tmp_path / "f.parquet"
    try:
        import pyarrow.parquet as papq
    except ImportError:
        with pytest.raises(MissingDependency, match="gireport\\[parquet\\]"):
            export(db, "parquet", pq)
    else:
        assert export(db, "parquet", pq) == n
        assert papq.read_table(pq).num_rows == n


def test_export_command(sample, tmp_path, capsys):
    db = tmp_path / "r.db"
    list(gireport.audit_many([sample], workers=2, db=db))
    rc = cli.main(["export", str(db), "--format", "csv", "--table", "coverage"])
    out, _ = capsys.readouterr()
    assert rc == 0 and out.startswith("\ufeff") and out[1:].splitlines()[0].split(",") == list(STORE_COVERAGE_COLUMNS)
    rc = cli.main(["export", str(db), "--format", "sarif", "-o", str(tmp_path / "x.sarif")])
    assert rc == 0 and json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    rc = cli.main(["export", str(tmp_path / "missing.db"), "--format", "csv"])
    assert rc == 2
    rc = cli.main(["export", str(db), "--format", "parquet"])  # parquet needs -o
    _, err = capsys.readouterr()
    assert rc == 2 and "parquet" in err


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------
def _cli(capsys, *argv):
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_folder_pool_output_equals_in_process(sample, capsys):
    rc1, pool_out, pool_err = _cli(capsys, "audit", sample, "--workers", "2", "-q")
    rc2, serial_out, serial_err = _cli(capsys, "audit", sample, "--workers", "1")
    assert rc1 == rc2 == 1
    assert pool_out == serial_out
    assert pool_out.rstrip("\n").splitlines()[-1].startswith(f"{len(SAMPLE)} files:")
    for err in (pool_err, serial_err):
        assert f"{len(SAMPLE)} files: {len(SAMPLE)} ok, 0 failed, 0 unsupported, 0 duplicate" in err
        assert "GR201 share-mismatch" in err  # findings by rule and severity
    for fmt in ("json", "jsonl", "csv", "sarif"):
        _, a, _ = _cli(capsys, "audit", sample, "--workers", "2", "--format", fmt)
        _, b, _ = _cli(capsys, "audit", sample, "--workers", "1", "--format", fmt)
        assert a == b, fmt


def test_cli_db_rerun(sample, tmp_path, capsys):
    db = tmp_path / "c.db"
    rc, out1, err1 = _cli(capsys, "audit", sample, "--db", db, "-q")
    rc, out2, err2 = _cli(capsys, "audit", sample, "--db", db, "-q")
    assert out1 == out2  # the stored findings are printed again
    assert f"{len(SAMPLE)} ok, 0 failed, 0 unsupported, 0 duplicate (0 audited, {len(SAMPLE)} from the store)" in err2
    assert f"results stored in {db}" in err2
    rc, out3, err3 = _cli(capsys, "audit", sample, "--db", db, "-q", "--no-skip")
    assert out3 == out1 and f"{len(SAMPLE)} ok, 0 failed, 0 unsupported, 0 duplicate ({len(SAMPLE)} audited, 0 from the store)" in err3
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(SAMPLE)


def test_cli_single_file_stays_in_process(sample, capsys, monkeypatch):
    from gireport.batch import runner

    def boom(*a, **k):  # pragma: no cover - must not be reached
        raise AssertionError("the pool was used for one file")

    monkeypatch.setattr(runner.BatchRun, "__init__", boom)
    rc, out, err = _cli(capsys, "audit", sample / "qinghe-county-2021.txt")
    assert rc == 1 and "GR631" in out and "batch:" not in err


def test_cli_rejects_bad_batch_options(sample, capsys):
    rc, _, err = _cli(capsys, "audit", sample, "--workers", "0")
    assert rc == 2 and "--workers" in err


# --------------------------------------------------------------------------
# Progress bar and ruleset version
# --------------------------------------------------------------------------
class _TTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only():
    tty = _TTY()
    p = Progress(10, stream=tty, min_interval=0)
    for _ in range(4):
        p.update("ok")
    p.update("failed")
    p.write("error: x")
    p.close()
    s = tty.getvalue()
    assert "5/10" in s and "files/s" in s and "ETA" in s and "1 failed" in s and "error: x\n" in s
    plain = io.StringIO()
    p = Progress(10, stream=plain)
    p.update("ok")
    p.close()
    assert plain.getvalue() == ""
    quiet = _TTY()
    p = Progress(10, stream=quiet, enabled=False)
    p.update("ok")
    p.close()
    assert quiet.getvalue() == ""


def test_progress_throttled():
    tty = _TTY()
    p = Progress(100000, stream=tty)  # default: at most ~10 redraws a second
    for _ in range(5000):
        p.update("ok")
    assert tty.getvalue().count("\r") < 20


def test_ruleset_version_follows_the_registry():
    from gireport.audit import REGISTRY
    from gireport.audit.registry import ruleset_version

    v = ruleset_version()
    assert v.startswith(gireport.__version__ + "+") and v == ruleset_version()

    @gireport.rule("GR990", name="batch-test-rule", family="custom", severity="info", message="x", message_en="x")
    def _r(report, ctx):
        """A test rule."""

    try:
        assert ruleset_version() != v
    finally:
        REGISTRY.pop("GR990", None)
    assert ruleset_version() == v
