"""Exit statuses follow ruff's: 0 no finding at or above ``--fail-on``,
1 findings, 2 the run could not do what was asked — whatever ``--fail-on``
says."""

from __future__ import annotations

import pytest

from gireport import cli

# An invented old-template report with a share that does not add up (an error).
BAD = """\
柳溪县林业局2015年政府信息公开工作年度报告
本报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。
一、概述
2015年，我局认真贯彻落实《条例》，规范公开程序。
二、主动公开政府信息情况
全年主动公开政府信息300条，其中规范性文件60条，占比例20%，工作动态150条，占比例55%，其他类信息90条，占比例30%。
三、依申请公开政府信息情况
全年共受理政府信息公开申请7件，均已按时答复。
四、存在的主要问题及改进措施
信息公开的及时性有待提高。
柳溪县林业局
2016年3月1日
"""
GOOD = BAD.replace("占比例55%", "占比例50%")


def run(capsys, *argv):
    """The CLI in-process; ``audit`` speaks English here (--lang en), as the
    messages below are read; :func:`test_errors_are_chinese_by_default`
    pins the default."""
    argv = tuple(argv)
    if argv[:1] == ("audit",) and "--lang" not in argv:
        argv = ("audit", "--lang", "en", *argv[1:])
    try:
        rc = cli.main([str(a) for a in argv])
    except SystemExit as e:
        rc = e.code
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def reports(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "bad-2015.txt").write_text(BAD, encoding="utf-8")
    (d / "good-2015.txt").write_text(GOOD, encoding="utf-8")
    return d


def test_findings_exit_1_and_clean_exit_0(capsys, reports):
    assert run(capsys, "audit", reports / "bad-2015.txt")[0] == 1
    assert run(capsys, "audit", reports / "good-2015.txt")[0] == 0
    assert run(capsys, "audit", reports / "bad-2015.txt", "--fail-on", "never")[0] == 0


@pytest.mark.parametrize("fail_on", ["error", "info", "never"])
def test_missing_named_file_exits_2_whatever_fail_on(capsys, tmp_path, fail_on):
    rc, out, err = run(capsys, "audit", tmp_path / "不存在的报告.txt", "--fail-on", fail_on)
    assert rc == 2
    assert "不存在的报告.txt" in err and "file not found" in err
    assert "Traceback" not in err


def test_missing_file_next_to_a_good_one_exits_2(capsys, reports, tmp_path):
    rc, out, err = run(capsys, "audit", reports / "good-2015.txt", tmp_path / "gone-2015.txt", "--workers", "1")
    assert rc == 2
    assert "gone-2015.txt" in err and "file not found" in err
    assert "1 files" not in out  # the missing file is counted, as unreadable
    assert "(1 unreadable)" in out


def test_missing_file_is_in_json_output(capsys, tmp_path):
    import json

    rc, out, err = run(capsys, "audit", tmp_path / "缺失的报告.pdf", "--format", "json")
    assert rc == 2
    doc = json.loads(out)
    assert any("缺失的报告.pdf" in e["file"] and e["error"] == "FileNotFound" for e in doc["errors"]), doc


@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_unreadable_named_file_exits_2(capsys, tmp_path, fail_on):
    p = tmp_path / "damaged-2019.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    rc, out, err = run(capsys, "audit", p, "--fail-on", fail_on)
    assert rc == 2 and "damaged-2019.pdf" in err


def test_refused_mojibake_exits_2(capsys, tmp_path):
    p = tmp_path / "garbled.txt"
    p.write_text(BAD.encode("gbk").decode("latin-1") + "中", encoding="utf-8")
    rc, out, err = run(capsys, "audit", p, "--fail-on", "never")
    assert rc == 2 and "Latin-1" in err


def test_empty_folder_exits_2(capsys, tmp_path):
    d = tmp_path / "nothing"
    d.mkdir()
    rc, out, err = run(capsys, "audit", d, "--workers", "1", "--fail-on", "never")
    assert rc == 2 and "no report file" in err


def test_folder_without_report_files_exits_2(capsys, tmp_path):
    d = tmp_path / "misc"
    d.mkdir()
    (d / "notes.json").write_text("{}", encoding="utf-8")
    (d / "README.md").write_text("# readme\n", encoding="utf-8")
    rc, out, err = run(capsys, "audit", d, "--workers", "1")
    assert rc == 2 and "no report file" in err


def test_parse_missing_file_exits_2(capsys, tmp_path, reports):
    rc, out, err = run(capsys, "parse", tmp_path / "无此文件.docx")
    assert rc == 2 and "file not found" in err
    rc, out, err = run(capsys, "parse", reports / "good-2015.txt")
    assert rc == 0


def test_usage_error_exits_2(capsys, reports):
    assert run(capsys, "audit", reports, "--select", "GR999x")[0] == 2
    assert run(capsys, "audit")[0] == 2


def test_exit_status_function():
    assert cli.exit_status(False, False, "error") == 0
    assert cli.exit_status(True, False, "error") == 1
    assert cli.exit_status(True, False, "never") == 0
    assert cli.exit_status(False, True, "never") == 2
    assert cli.exit_status(True, True, "error") == 2


def test_help_documents_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        cli.main(["audit", "--help"])
    out = capsys.readouterr().out
    assert "exit status" in out and "2  the run could not do what was asked" in out


def _store_with_a_run(tmp_path):
    """A result store as ``gireport audit --db`` leaves it, reduced to what
    ``export`` needs to know which rulesets it holds."""
    import sqlite3

    db = tmp_path / "r.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, ruleset TEXT)")
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, ruleset TEXT)")
    con.execute("INSERT INTO runs (ruleset) VALUES ('rs-1')")
    con.commit()
    con.close()
    return db


def test_export_unknown_ruleset_exits_2(capsys, tmp_path):
    db = _store_with_a_run(tmp_path)
    rc, out, err = run(capsys, "export", db, "--format", "csv", "--ruleset", "no-such-ruleset")
    assert rc == 2
    assert "no-such-ruleset" in err and "rs-1" in err
    assert out == ""


def test_damaged_file_in_a_folder_counts_as_an_error(capsys, reports):
    (reports / "good-2015.txt").unlink()
    (reports / "bad-2015.txt").write_text(GOOD, encoding="utf-8")  # no finding left
    (reports / "damaged-2016.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    rc, out, err = run(capsys, "audit", reports, "--workers", "1", "-q")
    assert rc == 1 and "damaged-2016.pdf" in err
    assert run(capsys, "audit", reports, "--workers", "1", "-q", "--fail-on", "never")[0] == 0
    # named directly, the same file makes the run fail
    assert run(capsys, "audit", reports / "damaged-2016.pdf", reports / "bad-2015.txt", "-q")[0] == 2


def test_unsupported_file_in_a_folder_is_recorded_not_an_error(capsys, reports):
    (reports / "bad-2015.txt").unlink()
    (reports / "old-2009.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    rc, out, err = run(capsys, "audit", reports, "--workers", "2", "-q")
    assert rc == 0, err
    assert "old-2009.doc" in err
    assert run(capsys, "audit", reports / "old-2009.doc")[0] == 2


def test_folder_of_legacy_files_only_exits_2(capsys, tmp_path):
    d = tmp_path / "legacy"
    d.mkdir()
    (d / "report-2008.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    rc, out, err = run(capsys, "audit", d, "-q")
    assert rc == 2 and "no report file" in err


def test_unwritable_store_exits_2_with_one_line(capsys, reports, tmp_path):
    db = tmp_path / "not-a-store.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    rc, out, err = run(capsys, "audit", reports, "--db", db, "-q")
    assert rc == 2
    assert "Traceback" not in err and "not-a-store.db" in err


def test_errors_are_chinese_by_default(capsys, tmp_path):
    rc = cli.main(["audit", str(tmp_path / "不存在的报告.txt")])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("错误:") and "找不到文件" in err
    rc = cli.main(["audit", str(tmp_path / "不存在的报告.txt"), "--lang", "en"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error:") and "file not found" in err


def test_an_output_path_that_cannot_be_written_exits_2_before_the_run(capsys, reports, tmp_path):
    """A typo in -o is found before any file is audited, with one line that
    names the path (no traceback), for audit, export and indicators."""
    bad = tmp_path / "no-such-folder" / "out.html"
    rc, out, err = run(capsys, "audit", reports, "--format", "html", "-o", bad)
    assert rc == 2 and "no-such-folder" in err and "Traceback" not in err and not bad.parent.exists()
    rc, out, err = run(capsys, "indicators", reports, "-o", bad.with_suffix(".csv"))
    assert rc == 2 and "无法写出结果" in err  # Chinese by default
    rc, out, err = run(capsys, "indicators", reports, "-o", bad.with_suffix(".csv"), "--lang", "en")
    assert rc == 2 and "cannot write the output" in err
    db = tmp_path / "s.db"
    assert cli.main(["audit", str(reports), "--db", str(db), "-q", "--workers", "1"]) == 1
    capsys.readouterr()
    rc, out, err = run(capsys, "export", db, "--format", "csv", "-o", bad.with_suffix(".csv"), "--lang", "en")
    assert rc == 2 and "cannot write the output" in err and "Traceback" not in err
