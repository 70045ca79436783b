"""Time and memory limits for a single file and the Python API: no input
takes the interpreter down or runs without end; inputs whose size is known
to exceed the memory limit are refused before they are unpacked or
rendered."""

from __future__ import annotations

import io
import os
import time
import zipfile
import zlib

import pytest

import gireport
from gireport import cli, limits
from gireport.errors import GireportError, MemoryLimitError, ResourceLimitError, TimeLimitError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="limits run in a forked child (POSIX)")

SOURCE = """\
# 青石县文化和旅游局2022年政府信息公开工作年度报告
一、总体情况
本年度我局主动公开政府信息64条，其中政策文件8件。
二、主动公开政府信息情况
我局通过门户网站公开各类信息。
"""


def _render(fmt: str) -> bytes:
    from gireport.testing.render import render

    return render(SOURCE, fmt)


def test_defaults_follow_the_batch():
    assert limits.resolve(True, None, None) == (limits.DEFAULT_TIMEOUT, limits.DEFAULT_MEMORY_MB)
    assert limits.resolve(False, None, None) == (None, None)  # text already in memory
    assert limits.resolve(False, 5, None) == (5.0, None)
    assert limits.resolve(True, 0, 0) == (None, None)
    assert limits.resolve(True, None, None, limits=False) == (None, None)
    ap = cli.build_parser()
    args = ap.parse_args(["audit", "x.txt"])
    assert (args.timeout, args.memory_mb, args.no_limits) == (limits.DEFAULT_TIMEOUT, limits.DEFAULT_MEMORY_MB, False)


def test_env_lifts_limits(monkeypatch):
    monkeypatch.setenv("GIREPORT_NO_LIMITS", "1")
    assert limits.resolve(True, 10, 10) == (None, None)


def test_a_file_is_audited_in_a_child_and_comes_back_whole(tmp_path, monkeypatch):
    p = tmp_path / "r.txt"
    p.write_bytes(_render("txt"))
    gireport.audit(p)
    gireport.audit(p)  # the second limited call warms this process up (in this process)
    pids = []
    real = gireport.report.build_outline

    def spy(doc):  # type: ignore[no-untyped-def]
        pids.append(os.getpid())
        return real(doc)

    monkeypatch.setattr(gireport.report, "build_outline", spy)
    a = gireport.audit(p)
    assert a.report.metadata.agency == "青石县文化和旅游局"
    assert a.report.claims.coverage  # lazy stages still work on the returned report
    assert not pids  # the outline was built in another process
    gireport.audit(p, limits=False)
    assert pids == [os.getpid()]


def _slow(doc):  # type: ignore[no-untyped-def]
    time.sleep(60)


def test_time_limit(tmp_path, monkeypatch):
    p = tmp_path / "slow.txt"
    p.write_bytes(_render("txt"))
    monkeypatch.setattr(gireport.report, "build_outline", _slow)
    t0 = time.monotonic()
    with pytest.raises(TimeLimitError) as ei:
        gireport.parse(p, timeout=1)
    assert time.monotonic() - t0 < 10
    assert "slow.txt" in str(ei.value) and "time limit" in str(ei.value)
    assert isinstance(ei.value, ResourceLimitError) and isinstance(ei.value, GireportError)


def test_time_limit_on_text_when_asked(monkeypatch):
    monkeypatch.setattr(gireport.report, "build_outline", _slow)
    with pytest.raises(TimeLimitError):
        gireport.audit(text=SOURCE, timeout=1)


def _greedy(doc):  # type: ignore[no-untyped-def]
    hog = [bytearray(64 << 20) for _ in range(64)]  # 4 GB
    return hog


def test_memory_limit(tmp_path, monkeypatch):
    p = tmp_path / "greedy.txt"
    p.write_bytes(_render("txt"))
    monkeypatch.setattr(gireport.report, "build_outline", _greedy)
    t0 = time.monotonic()
    with pytest.raises(MemoryLimitError) as ei:
        gireport.audit(p, memory_mb=300)
    assert time.monotonic() - t0 < 30
    assert "300 MB" in str(ei.value)


def _abort(doc):  # type: ignore[no-untyped-def]
    os.abort()  # what PDFium does when an allocation fails


def test_a_crashing_reader_does_not_take_the_interpreter_down(tmp_path, monkeypatch):
    p = tmp_path / "crash.txt"
    p.write_bytes(_render("txt"))
    monkeypatch.setattr(gireport.report, "build_outline", _abort)
    with pytest.raises(MemoryLimitError) as ei:
        gireport.parse(p)
    assert "SIGABRT" in str(ei.value)


def test_typed_errors_cross_the_process_boundary(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(gireport.EmptyFileError) as ei:
        gireport.audit(p)
    assert ei.value.path == str(p) and "empty" in ei.value.reason
    with pytest.raises(KeyError):
        gireport.audit(p.with_name("x.txt").write_bytes(_render("txt")) and p.with_name("x.txt"), select=["GR9999"])


# --------------------------------------------------------------------------
# Inputs refused before they are unpacked or rendered


def inflating_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream (blanks, no operators) inflates to
    ``inflated_mb`` MB from a few hundred KB on disk."""
    z = zlib.compressobj(9)
    block = b" " * (1 << 20)
    comp = b"".join(z.compress(block) for _ in range(inflated_mb)) + z.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_inflating_pdf_is_refused_before_rendering(tmp_path):
    p = tmp_path / "inflating.pdf"
    p.write_bytes(inflating_pdf(80))
    assert p.stat().st_size < 1 << 20
    t0 = time.monotonic()
    with pytest.raises(MemoryLimitError) as ei:
        gireport.audit(p, memory_mb=256)
    assert time.monotonic() - t0 < 20
    assert "inflates" in str(ei.value) and "inflating.pdf" in str(ei.value)


def test_inflation_check_is_bounded_and_spares_ordinary_pdfs():
    from gireport.load.pdf import _check_inflation

    pytest.importorskip("reportlab")
    _check_inflation(_render("pdf"), "ok.pdf", budget=64 << 20)  # an ordinary report passes a small budget
    t0 = time.monotonic()
    with pytest.raises(MemoryLimitError):
        _check_inflation(inflating_pdf(40), "x.pdf", budget=64 << 20)  # stops after 8 MB inflated
    assert time.monotonic() - t0 < 5


def test_ordinary_pdf_and_docx_read_under_a_small_limit(tmp_path):
    pytest.importorskip("reportlab")
    for fmt in ("pdf", "docx"):
        p = tmp_path / f"r.{fmt}"
        p.write_bytes(_render(fmt))
        assert gireport.audit(p, memory_mb=256).report.metadata.agency == "青石县文化和旅游局"


def zip_bomb_docx(inflated_mb: int) -> bytes:
    """A real docx with one more member, ``word/media/image1.bin``, of
    ``inflated_mb`` MB of zeros (a few hundred KB compressed)."""
    buf = io.BytesIO(_render("docx"))
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            block = bytes(1 << 20)
            for _ in range(inflated_mb):
                fh.write(block)
    return buf.getvalue()


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    p = tmp_path / "bomb.docx"
    p.write_bytes(zip_bomb_docx(200))
    assert p.stat().st_size < 2 << 20
    t0 = time.monotonic()
    with pytest.raises(MemoryLimitError) as ei:
        gireport.audit(p, memory_mb=256)
    assert time.monotonic() - t0 < 20
    assert "unpacks to" in str(ei.value) and "image1.bin" in str(ei.value)


def test_cli_single_file_limits(tmp_path, capsys):
    p = tmp_path / "bomb.docx"
    p.write_bytes(zip_bomb_docx(200))
    rc = cli.main(["audit", str(p), "--memory-mb", "256", "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert rc == 2 and "bomb.docx" in err and "memory limit" in err


def test_cli_no_limits_audits_in_process(tmp_path, capsys, monkeypatch):
    p = tmp_path / "r.txt"
    p.write_bytes(_render("txt"))
    gireport.audit(p)  # warm-up
    seen = []
    real = gireport.report.build_outline
    monkeypatch.setattr(gireport.report, "build_outline", lambda doc: seen.append(os.getpid()) or real(doc))
    assert cli.main(["audit", str(p), "--no-limits"]) in (0, 1)
    assert seen == [os.getpid()]
    seen.clear()
    assert cli.main(["audit", str(p)]) in (0, 1)
    assert seen == []
    capsys.readouterr()


_ONE_CALL = r"""
import gc, json, sys
sys.path.insert(0, sys.argv[1])
import gireport
from gireport.lazyre import LazyPattern
watch = ("gireport.load.pdf", "gireport.load.docx", "pypdfium2", "jieba")
gireport.audit(sys.argv[2])
first = sorted(m for m in watch if m in sys.modules)
gireport.audit(sys.argv[2])
second = sorted(m for m in watch if m in sys.modules)
lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]
print(json.dumps({"first": first, "second": second, "patterns": len(lazy), "uncompiled": sum(o._compiled is None for o in lazy)}))
"""


def test_a_single_limited_call_does_not_warm_up_the_parent(tmp_path):
    """One call (``gireport audit report.txt``) leaves the reading to its
    child: the parent imports no other reader and no dictionary.  From the
    second call on the parent warms up once, for every later child: every
    reader, jieba's dictionary and every pattern compiled."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    p = tmp_path / "r.txt"
    p.write_bytes(_render("txt"))
    src = Path(gireport.__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k != "GIREPORT_NO_LIMITS"}
    out = subprocess.run([sys.executable, "-c", _ONE_CALL, str(src), str(p)], capture_output=True, text=True, check=True, env=env)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["first"] == []
    assert seen["second"] == ["gireport.load.docx", "gireport.load.pdf", "jieba", "pypdfium2"]
    assert seen["patterns"] > 300 and seen["uncompiled"] == 0, seen


# -- what comes back from the child besides a result -------------------------
def _raise_value_error() -> None:
    raise ValueError("bad value in the child")


def _recurse(n: int = 0) -> int:
    return _recurse(n + 1) + 1


def _unpicklable() -> object:
    return lambda: "made here"  # a lambda cannot be pickled: the call is redone in the parent


def test_an_unexpected_error_is_raised_here_with_the_childs_traceback():
    with pytest.raises(ValueError, match="bad value in the child") as ei:
        limits.run_limited(_raise_value_error, timeout=30, memory_mb=None, label="x.txt")
    notes = "".join(getattr(ei.value, "__notes__", []))
    assert "raised in the limited child process" in notes and "_raise_value_error" in notes


def test_runaway_recursion_is_a_typed_error_naming_the_file():
    with pytest.raises(GireportError, match="too deeply nested") as ei:
        limits.run_limited(_recurse, timeout=30, memory_mb=None, label="deep.html")
    assert ei.value.path == "deep.html"


def test_a_result_that_cannot_travel_is_computed_again_here():
    got = limits.run_limited(_unpicklable, timeout=30, memory_mb=None, label="x.txt")
    assert callable(got) and got() == "made here"
