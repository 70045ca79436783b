"""A path given to the API or the command line is always a path; report
text only through ``text=``, :class:`gireport.load.Text` or ``bytes``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gireport
from gireport import cli
from gireport.errors import FileNotFound
from gireport.load import Text, is_path, looks_like_path

REPORT = """\
石桥镇人民政府2020年政府信息公开工作年度报告
一、总体情况
本年度我镇主动公开政府信息88条，其中政策文件12件。
二、主动公开政府信息情况
我镇通过政府网站公开各类信息。
"""


@pytest.mark.parametrize("name", ["不存在的报告.txt", "年报/2020/石桥镇.pdf", "old-report.doc", "sub/dir/report", "报告.HTML"])
def test_mistyped_path_is_file_not_found(tmp_path, name):
    p = str(tmp_path / name) if "/" not in name else name
    for call in (gireport.parse, gireport.audit, gireport.load):
        with pytest.raises(FileNotFound) as ei:
            call(p)
        assert "file not found" in str(ei.value)
    with pytest.raises(FileNotFound):
        gireport.parse(name)  # relative, as typed


def test_pathlike_is_always_a_path(tmp_path):
    with pytest.raises(FileNotFound):
        gireport.parse(tmp_path / "一、总体情况")
    with pytest.raises(FileNotFound):
        gireport.parse(Path("本年度主动公开"))


def test_existing_path_with_a_newline_is_read(tmp_path):
    p = tmp_path / "石桥镇\n2020.txt"
    p.write_text(REPORT, encoding="utf-8")
    r = gireport.parse(str(p))
    assert r.path == str(p)
    assert r.metadata.agency == "石桥镇人民政府"


def long_dir(tmp_path: Path) -> Path:
    d = tmp_path
    for k in range(10):
        d = d / (f"{k}级目录" * 15)  # 60 characters, 180 bytes a component
    d.mkdir(parents=True)
    return d


def test_existing_path_over_512_characters_is_read(tmp_path):
    d = long_dir(tmp_path)
    p = d / "报告.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert len(str(p)) > 600
    r = gireport.parse(str(p))
    assert r.path == str(p) and "主动公开政府信息88条" in r.text
    assert gireport.audit(str(p)).report.metadata.agency == "石桥镇人民政府"


def test_cli_reads_long_and_newline_paths(tmp_path, capsys):
    import json

    p = long_dir(tmp_path) / "石桥镇\n2020.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert len(str(p)) > 600
    rc = cli.main(["audit", str(p), "--format", "json"])
    out, err = capsys.readouterr()
    assert rc in (0, 1), err
    doc = json.loads(out)
    assert [f["file"] for f in doc["files"]] == [str(p)] and not doc.get("errors")


def test_text_only_explicitly():
    assert "主动公开政府信息88条" in gireport.parse(text=REPORT).text
    assert "主动公开政府信息88条" in gireport.parse(Text(REPORT)).text
    assert "主动公开政府信息88条" in gireport.audit(text=REPORT).report.text
    assert "主动公开政府信息88条" in gireport.parse(REPORT.encode("utf-8")).text
    # a Text is text even when it is also the name of an existing file
    assert gireport.parse(Text("README.md")).path is None


def test_text_and_source_together_is_an_error():
    with pytest.raises(ValueError):
        gireport.parse("a.txt", text=REPORT)


def test_multiline_str_is_still_text_for_compatibility():
    assert gireport.parse(text=REPORT).metadata.agency == "石桥镇人民政府"


def test_rule():
    assert looks_like_path("报告.txt") and looks_like_path("a/b/c") and looks_like_path("C:\\年报\\x")
    assert not looks_like_path("一、总体情况，本年度公开12条/件。")
    assert not looks_like_path(REPORT)
    assert is_path(Path("x")) and not is_path(b"x") and not is_path(Text("a.txt"))
    assert is_path(os.fspath(Path(__file__)))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_fifo_and_device_links_are_refused_without_blocking(tmp_path):
    import time

    fifo = tmp_path / "pipe-2021.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero-2021.pdf"
    zero.symlink_to("/dev/zero")
    t0 = time.monotonic()
    for p in (fifo, zero, str(fifo)):
        with pytest.raises(FileNotFound) as ei:
            gireport.audit(p)
        assert "not a regular file" in str(ei.value)
    with pytest.raises(FileNotFound, match="a FIFO"):
        gireport.load(fifo)
    with pytest.raises(FileNotFound, match="character device"):
        gireport.load(zero)
    assert time.monotonic() - t0 < 10


def test_folder_is_not_a_report_file(tmp_path):
    with pytest.raises(FileNotFound, match="a folder"):
        gireport.parse(tmp_path)


def test_one_line_str_is_always_a_path_and_text_goes_by_name():
    """Any one-line str is a path (a missing one is FileNotFound, never
    audited as text); a str with line breaks naming no file is still read as
    text, with a DeprecationWarning pointing to text=."""
    import warnings

    import gireport
    from gireport.errors import FileNotFound

    with pytest.raises(FileNotFound):
        gireport.parse("全年共受理申请12件，全部按期办结。")
    with pytest.warns(DeprecationWarning, match="text="):
        r = gireport.parse("一、概述\n全年共受理申请12件。\n")
    assert "12件" in r.text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "12件" in gireport.parse(text="一、概述\n全年共受理申请12件。\n").text
        assert "12件" in gireport.parse(gireport.Text("一、概述\n全年共受理申请12件。\n")).text
