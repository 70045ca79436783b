"""gireport review: marks on findings in a result store, kept by
fingerprint across reruns and shown in exports."""

from __future__ import annotations

import io
import json
import shutil

from gireport import cli
from gireport.batch.export import export

from conftest import CORPUS


def _fps(db):
    buf = io.StringIO()
    export(db, "jsonl", buf)
    return [json.loads(ln) for ln in buf.getvalue().splitlines()]


def test_marks_are_kept_across_reruns_and_exported(tmp_path, capsys):
    arch = tmp_path / "a"
    arch.mkdir()
    shutil.copy(CORPUS / "qinghe-county-2021.txt", arch / "r.txt")
    db = tmp_path / "r.db"
    assert cli.main(["audit", str(arch), "--db", str(db), "-q", "--workers", "1"]) == 1
    recs = _fps(db)
    a, b = recs[0]["fingerprint"], recs[1]["fingerprint"]
    assert all(r["review"] is None for r in recs)
    assert cli.main(["review", str(db), a, "--dismiss", "--note", "表内数字与纸质原件一致"]) == 0
    assert cli.main(["review", str(db), b, "--confirm"]) == 0
    assert cli.main(["audit", str(arch), "--db", str(db), "-q", "--workers", "1", "--no-skip"]) == 1  # a rerun
    got = {r["fingerprint"]: (r["review"], r["review_note"]) for r in _fps(db)}
    assert got[a] == ("dismissed", "表内数字与纸质原件一致") and got[b] == ("confirmed", None)
    capsys.readouterr()
    assert cli.main(["review", str(db), "--list"]) == 0
    out = capsys.readouterr().out
    assert f"{a}\tdismissed" in out and f"{b}\tconfirmed" in out
    assert cli.main(["review", str(db), a, "--clear"]) == 0
    assert {r["fingerprint"]: r["review"] for r in _fps(db)}[a] is None


def test_unknown_fingerprint_or_store_is_exit_2(tmp_path, capsys):
    assert cli.main(["review", str(tmp_path / "none.db"), "abc", "--confirm"]) == 2
    arch = tmp_path / "a"
    arch.mkdir()
    shutil.copy(CORPUS / "qinghe-county-2021.txt", arch / "r.txt")
    db = tmp_path / "r.db"
    cli.main(["audit", str(arch), "--db", str(db), "-q", "--workers", "1"])
    assert cli.main(["review", str(db), "0123456789abcdef", "--dismiss"]) == 2
    assert cli.main(["review", str(db), "0123456789abcdef"]) == 2  # no mark said


def test_export_table_cells(tmp_path, capsys):
    """export --table cells: every cell of the standard tables as read."""
    arch = tmp_path / "a"
    arch.mkdir()
    shutil.copy(CORPUS / "qinghe-county-2021.txt", arch / "r.txt")
    db = tmp_path / "r.db"
    cli.main(["audit", str(arch), "--db", str(db), "-q", "--workers", "1"])
    capsys.readouterr()
    buf = io.StringIO()
    n = export(db, "jsonl", buf, table="cells")
    rows = [json.loads(ln) for ln in buf.getvalue().splitlines()]
    assert n == len(rows) > 100
    import gireport

    t = gireport.parse(arch / "r.txt").table("applications")
    new_total = next(r for r in rows if r["table"] == "applications" and r["row"] == "new" and r["col"] == "total")
    assert new_total["text"] == t.get("new", "total").text and new_total["state"] == t.get("new", "total").state
    assert cli.main(["export", str(db), "--format", "csv", "--table", "cells"]) == 0


def test_export_xlsx_workbook(tmp_path, capsys):
    import zipfile

    arch = tmp_path / "a"
    arch.mkdir()
    shutil.copy(CORPUS / "qinghe-county-2021.txt", arch / "r.txt")
    (arch / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    db = tmp_path / "r.db"
    cli.main(["audit", str(arch), "--db", str(db), "-q", "--workers", "1"])
    assert cli.main(["export", str(db), "--format", "xlsx"]) == 2  # a workbook needs -o
    out = tmp_path / "r.xlsx"
    assert cli.main(["export", str(db), "--format", "xlsx", "-o", str(out)]) == 0
    z = zipfile.ZipFile(out)
    wb = z.read("xl/workbook.xml").decode()
    assert [n for n in ("findings", "documents", "verdicts", "run") if f'name="{n}"' in wb] == ["findings", "documents", "verdicts", "run"]  # as audit --format xlsx
    assert "old.doc" in z.read("xl/worksheets/sheet2.xml").decode()  # every path, unsupported ones too
