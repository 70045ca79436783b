"""One audit record, one renderer: a file audited in this process, the same
file audited by the worker pool into a store, and an export of that store
give byte-identical output in every format; a large run's HTML report is
split into pages that stay within their size budget."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS
from gireport import cli
from gireport.audit import AuditRecord, Evidence, Finding, Shown
from gireport.output import FORMATS
from gireport.output.html import PAGE_BUDGET, PAGE_DOCS, render_html_pages

HAVE_PYARROW = importlib.util.find_spec("pyarrow") is not None
ALL_FORMATS = [f for f in FORMATS if f != "parquet" or HAVE_PYARROW]
#: A report of each input kind, with text and table findings.
FILES = ["qinghe-county-2021.txt", "baishi-town-2020.docx", "qinghe-county-2021.pdf", "example-city-resources-2022.html"]


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the run date every output carries


def _cli(capsys, *argv) -> int:
    rc = cli.main([str(a) for a in argv])
    capsys.readouterr()
    return rc


@pytest.mark.parametrize("name", FILES)
def test_in_process_pool_and_export_give_the_same_bytes(name, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # SARIF locates files relative to the current folder
    shutil.copy(CORPUS / name, tmp_path / name)
    for fmt in ALL_FORMATS:
        db = tmp_path / f"{fmt}.db"
        rc1 = _cli(capsys, "audit", name, "--format", fmt, "-o", f"here.{fmt}")
        rc2 = _cli(capsys, "audit", name, "--format", fmt, "--db", db, "-q", "-o", f"pool.{fmt}")
        assert _cli(capsys, "export", db, "--format", fmt, "-o", f"export.{fmt}") == 0
        here = (tmp_path / f"here.{fmt}").read_bytes()
        assert rc1 == rc2 == 1 and here
        assert (tmp_path / f"pool.{fmt}").read_bytes() == here, (name, fmt, "pool")
        assert (tmp_path / f"export.{fmt}").read_bytes() == here, (name, fmt, "export")


def test_a_folder_run_and_its_export_give_the_same_bytes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    arch = tmp_path / "arch"
    for i, name in enumerate(FILES):
        (arch / f"d{i}").mkdir(parents=True)
        shutil.copy(CORPUS / name, arch / f"d{i}" / name)
    shutil.copy(CORPUS / FILES[0], arch / "d1" / "copy.txt")  # a duplicate
    (arch / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)  # unsupported
    for fmt in ALL_FORMATS:
        db = tmp_path / f"{fmt}.db"
        _cli(capsys, "audit", "arch", "--format", fmt, "--db", db, "-q", "--workers", "2", "-o", f"run.{fmt}")
        _cli(capsys, "export", db, "--format", fmt, "-o", f"export.{fmt}")
        assert (tmp_path / f"export.{fmt}").read_bytes() == (tmp_path / f"run.{fmt}").read_bytes(), fmt


def test_the_record_survives_the_store(tmp_path):
    """What a record shows — findings, sentences, grids, regions, verdicts,
    coverage, document facts — comes back from the store unchanged."""
    import gireport
    from gireport.batch import iter_paths

    shutil.copy(CORPUS / "qinghe-county-2021.txt", tmp_path / "r.txt")
    here = gireport.audit(tmp_path / "r.txt").record()
    db = tmp_path / "s.db"
    with gireport.audit_many([tmp_path / "r.txt"], workers=1, db=db) as run:
        list(run)
    (back,) = [r for r in iter_paths(db) if r.status == "ok"]
    assert [f.to_dict() for f in back.findings] == [f.to_dict() for f in here.findings]
    assert [s.to_dict() for s in back.shown] == [s.to_dict() for s in here.shown]
    assert any(s.grids for s in here.shown) and any(s.sentences for s in here.shown) and any(s.regions for s in here.shown)
    assert [v.to_dict() for v in back.verdicts] == [v.to_dict() for v in here.verdicts]
    assert back.coverage == here.coverage and back.document == here.document and back.rounding == here.rounding


# ---------------------------------------------------------------- size budget
def _synthetic(n: int) -> list[AuditRecord]:
    """``n`` audited reports in 40 folders, each with one finding shown in
    its sentence, every tenth with a table grid; one path that failed."""
    out = []
    for i in range(n):
        path = f"archive/省级部门/市{i % 40:02d}/县{i % 7}/{2015 + i % 8}/P0201903011234{i:06d}.html"
        text = "16.1%" if i % 2 else f"{i}件"  # half the findings are shared by every copy, as in an archive of reposted reports
        f = Finding("GR201", "share-mismatch", "error", f"第{i}件占比应为18.1%,报告写16.1%", "share should be 18.1%, reported 16.1%",
                    [Evidence(100, 105, None, text)], reported="16.1%", expected="18.1%", section="overview", file=path)
        grid = {"kind": "applications", "name": "收到和处理政府信息公开申请情况", "source": "grid", "layout": "2021", "columns": ["自然人", "总计"],
                "rows": [["一、本年新收政府信息公开申请数量", [["3", "number", False], ["9", "number", True]]]], "more": 0}
        shown = Shown(line=3, context=["……其中政策法规类信息286条,占全部«16.1%»。"], sentences=[[["其中政策法规类信息286条,占全部", False], ["16.1%", True], ["。", False]]],
                      grids=[grid] if i % 10 == 0 else [])
        out.append(AuditRecord(file=f.file, format="txt", agency=f"青禾县人民政府办公室第{i % 300}科", year=2015 + i % 8, template="2021", is_report=True, rounding="convention",
                               coverage={"claims": {"share": 5}, "checked": 20, "failed": 1, "untestable": 1, "testable_rate": 0.95, "rules": {}},
                               findings=[f], shown=[shown], document={"chars": 5000, "outline": [[0, "一、总体情况", "overview", None]]}))
    out.append(AuditRecord(file="archive/broken.pdf", status="failed", error_type="CorruptFileError", error_message="archive/broken.pdf: damaged"))
    return out


def test_a_small_run_is_one_page():
    pages = render_html_pages(_synthetic(20), name="report.html")
    assert list(pages) == ["report.html"]


def test_twenty_thousand_reports_stay_within_the_page_budget(tmp_path):
    n = 20_000
    pages = render_html_pages(_synthetic(n), name=str(tmp_path / "report.html"))
    parts = [p for p in pages if p != str(tmp_path / "report.html")]
    assert len(parts) == -(-n // PAGE_DOCS)
    sizes = {os.path.basename(p): len(page.encode("utf-8")) for p, page in pages.items()}
    assert max(sizes.values()) <= PAGE_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
    index = pages[str(tmp_path / "report.html")]
    assert index.count('<tr data-folder="') == n  # every report is listed on the index, linked to its part
    assert 'href="report-001.html#r' in index and "archive/broken.pdf" in index
    assert sum(p.count('<div class="gir-finding ') for p in pages.values()) == n  # each finding shown once, in its part


def test_the_command_line_writes_the_parts_beside_the_page(tmp_path, capsys, monkeypatch):
    import gireport.output.html as h

    monkeypatch.setattr(h, "PAGE_DOCS", 2)
    arch = tmp_path / "a"
    arch.mkdir()
    for name in FILES[:1] + ["baishi-town-2020.txt", "fenglin-district-2018.txt"]:
        shutil.copy(CORPUS / name, arch / name)
    _cli(capsys, "audit", arch, "--format", "html", "-o", tmp_path / "r.html", "-q", "--workers", "1")
    assert sorted(p.name for p in tmp_path.glob("r*.html")) == ["r-001.html", "r-002.html", "r.html"]
    assert 'href="r-002.html#' in (tmp_path / "r.html").read_text(encoding="utf-8")
