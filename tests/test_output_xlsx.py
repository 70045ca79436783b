"""--format xlsx: a workbook of four sheets written with the standard
library (invented reports)."""

from __future__ import annotations

import io
import re
import zipfile
from xml.dom import minidom

import pytest

import gireport
from gireport import cli
from gireport.output import CSV_COLUMNS
from gireport.output.xlsx import XLSX_SHEETS, render_xlsx

REPORT = "青禾县水务局2019年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占80%。\n"


def _cells(data: bytes, n: int) -> list[list[str]]:
    """The text of sheet ``n``'s cells, row by row (no spreadsheet library)."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml):
        rows.append([re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<c [^>]*>(.*?)</c>", row)])
    return rows


@pytest.fixture
def audit(tmp_path):
    p = tmp_path / "=cmd|calc!A0.txt"
    p.write_text(REPORT, encoding="utf-8")
    return gireport.audit(p)


def test_workbook_parts_and_sheets(audit):
    data = render_xlsx([audit])
    z = zipfile.ZipFile(io.BytesIO(data))
    for name in z.namelist():
        minidom.parseString(z.read(name))  # every part is well-formed XML
    assert re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode()) == list(XLSX_SHEETS)
    findings = _cells(data, 1)
    assert findings[0] == list(CSV_COLUMNS) and any("GR201" in row for row in findings[1:])
    run = dict(r for r in _cells(data, 4)[1:])
    assert run["gireport_version"] == gireport.__version__ and run["rounding"] == "convention"
    assert render_xlsx([audit]) == data  # byte-identical


def test_text_is_never_a_formula(audit):
    data = render_xlsx([audit])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "=cmd|" in xml  # the file name is an inline string, not a formula


def test_read_back_with_openpyxl(audit):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx([audit])))
    assert wb.sheetnames == list(XLSX_SHEETS)
    docs = [dict(zip(r0, r)) for r0 in [next(wb["documents"].values)] for r in list(wb["documents"].values)[1:]]
    assert docs[0]["status"] == "ok" and docs[0]["year"] == 2019 and docs[0]["agency"] == "青禾县水务局"


def test_cli_xlsx_needs_an_output_file(tmp_path, capsys):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert cli.main(["audit", str(p), "--format", "xlsx"]) == 2
    out = tmp_path / "r.xlsx"
    assert cli.main(["audit", str(p), "--format", "xlsx", "-o", str(out)]) == 1
    assert zipfile.is_zipfile(out)
