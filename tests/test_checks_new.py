"""The checks of docs/indicators.md's second list — §五 thin (GR109),
publication deadline (GR110), 表二 negative or blank cells (GR624, GR625)
and a region's report against its subordinates' (GR705) — beyond their
documented examples (tests/test_rule_docs.py): the command-line files they
read, and the cases their examples do not show."""

from __future__ import annotations

import json

import gireport
from gireport import cli
from test_indicators import _tables, report_md

SUBS = ("青禾县教育局", "青禾县水务局")


def _region(tmp_path, *, parent_new: int | None = None, kids=SUBS, wide: bool = True):
    """A county report and its departments' reports, all 2023; the county's
    tables are the sum of its departments' unless ``parent_new`` is given."""
    d = tmp_path / "reports"
    d.mkdir(exist_ok=True)
    rows = _tables()
    for name in kids:
        (d / f"{name}.md").write_text(report_md(2023, agency=name, rows=rows), encoding="utf-8")
    total = {k: tuple(2 * x for x in v) for k, v in rows.items()}
    if parent_new is not None:
        total["new"] = total["new"][:6] + (parent_new,)
    review = {b: tuple(2 * x for x in v) for b, v in {"review": (6, 2, 1, 1, 10), "lit_direct": (2, 1, 0, 1, 4), "lit_after_review": (1, 0, 0, 0, 1)}.items()}
    text = report_md(2023, agency="青禾县人民政府", rows=total, review=review)
    if wide:
        text = text.replace("本局依法做好政府信息公开工作。", f"全县共收到政府信息公开申请{total['new'][6]}件。")
    (d / "青禾县人民政府.md").write_text(text, encoding="utf-8")
    h = tmp_path / "hierarchy.csv"
    h.write_text("agency,parent\n" + "".join(f"{k},青禾县人民政府\n" for k in SUBS), encoding="utf-8")
    return d, h


def _gr705(capsys, d, h):
    rc = cli.main(["audit", str(d), "--hierarchy", str(h), "--select", "GR705", "--format", "json", "-q", "--workers", "1", "--lang", "en"])
    out = json.loads(capsys.readouterr().out)
    found = [f for doc in out["files"] for f in doc["findings"] if f["code"] == "GR705"]
    cov = [doc["coverage"]["rules"].get("GR705") for doc in out["files"] if "GR705" in doc["coverage"].get("rules", {})]
    return rc, found, out


def test_region_report_consistent_with_its_subordinates(tmp_path, capsys):
    d, h = _region(tmp_path)
    rc, found, _ = _gr705(capsys, d, h)
    assert rc == 0 and not found


def test_region_report_that_does_not_add_up(tmp_path, capsys):
    d, h = _region(tmp_path, parent_new=999)
    rc, found, _ = _gr705(capsys, d, h)
    assert [(f["reported"], f["severity"]) for f in found] == [("999", "warning")]
    assert str(2 * _tables()["new"][6]) == found[0]["expected"]


def test_a_missing_subordinate_makes_it_untestable_naming_the_report(tmp_path):
    d, h = _region(tmp_path, parent_new=999, kids=SUBS[:1])
    db = tmp_path / "s.db"
    with gireport.audit_many([d], workers=1, db=db, select=["GR705"], options={"GR705": {"hierarchy": [[k, "青禾县人民政府"] for k in SUBS]}}) as run:
        list(run)
        assert not [f for f in run.corpus_findings if f["code"] == "GR705"]
    res = gireport.load_results(db)
    cov = res.coverage[(res.coverage.code == "GR705") & (res.coverage.scope == "corpus")]
    assert list(cov.untestable_reasons) == ["subordinates' reports not in the run: 青禾县水务局=1"]


def test_a_report_that_does_not_speak_of_its_region_is_not_compared(tmp_path, capsys):
    d, h = _region(tmp_path, parent_new=999, wide=False)
    rc, found, _ = _gr705(capsys, d, h)
    assert not found


def test_a_bad_hierarchy_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "h.csv"
    bad.write_text("name,up\nx,y\n", encoding="utf-8")
    assert cli.main(["audit", str(tmp_path), "--hierarchy", str(bad)]) == 2
    assert "agency and parent" in capsys.readouterr().err


def test_publication_dates_from_a_file_win_over_the_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = report_md(2023, agency="青禾县人民政府").replace("## 一、总体情况", "发布日期:2024-03-01\n\n## 一、总体情况")
    (tmp_path / "r.md").write_text(text, encoding="utf-8")
    (tmp_path / "dates.csv").write_text("path,date\nr.md,2024-04-02\n", encoding="utf-8")
    cli.main(["audit", "r.md", "--select", "GR110", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)["files"][0]
    assert not doc["findings"] and [v["status"] for v in doc["verdicts"]] == ["pass"]  # its own date: on time
    cli.main(["audit", "r.md", "--select", "GR110", "--format", "json", "--publication-dates", "dates.csv"])
    f = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(x["reported"], x["expected"]) for x in f] == [("2024-04-02", "2024-03-31")]


def test_a_department_report_is_due_by_the_end_of_january(tmp_path):
    p = tmp_path / "d.md"
    p.write_text(report_md(2023, agency="青禾县教育局").replace("## 一、总体情况", "发布日期:2024-02-20\n\n## 一、总体情况"), encoding="utf-8")
    a = gireport.audit(p, select=["GR110"])
    assert [(f.reported, f.expected) for f in a.findings] == [("2024-02-20", "2024-01-31")]
    a = gireport.audit(p, select=["GR110"], options={"GR110": {"deadlines": {"department": "03-31"}}})
    assert not a.findings and a.verdict_counts()["pass"] == 1  # the deadline is an option


def test_without_a_publication_date_the_deadline_is_untestable(tmp_path):
    p = tmp_path / "n.md"
    p.write_text(report_md(2023), encoding="utf-8")
    a = gireport.audit(p, select=["GR110"])
    assert not a.findings and [(v.status, v.reason) for v in a.verdicts] == [("untestable", "no publication date known")]


def test_proactive_negative_and_blank_cells(tmp_path):
    text = report_md(2023).replace("| 行政许可 | 2150 |", "| 行政许可 | -2150 |").replace("| 行政强制 | 12 |", "| 行政强制 | / |")
    p = tmp_path / "p.md"
    p.write_text(text, encoding="utf-8")
    a = gireport.audit(p, select=["GR624", "GR625"])
    got = sorted((f.code, f.severity, f.reported) for f in a.findings)
    assert got == [("GR624", "error", "-2150"), ("GR625", "info", "1")]
    assert "行政强制" in next(f for f in a.findings if f.code == "GR625").message


def test_a_thin_problems_section(tmp_path):
    full = report_md(2023)
    p = tmp_path / "t.md"
    p.write_text(full.replace("一是公开深度不够；二是解读形式单一。", "本年度工作中未发现明显问题。"), encoding="utf-8")
    f = gireport.audit(p, select=["GR109"]).findings
    assert [(x.code, x.reported) for x in f] == [("GR109", "只有1句话")]
    p.write_text(full.replace("一是公开深度不够；二是解读形式单一。", ""), encoding="utf-8")
    assert [x.reported for x in gireport.audit(p, select=["GR109"]).findings] == ["没有内容"]


def test_a_subordinate_named_twice_counts_once(tmp_path, capsys):
    d, h = _region(tmp_path)
    h.write_text(h.read_text(encoding="utf-8") + "青禾县 教育局,青禾县人民政府\n", encoding="utf-8")  # the same organ again
    rc, found, _ = _gr705(capsys, d, h)
    assert not found


def test_a_short_row_in_the_publication_dates_file_exits_2(tmp_path, capsys):
    (tmp_path / "r.md").write_text(report_md(2023), encoding="utf-8")
    (tmp_path / "dates.csv").write_text("path,date\nr.md\n", encoding="utf-8")
    rc = cli.main(["audit", str(tmp_path / "r.md"), "--publication-dates", str(tmp_path / "dates.csv"), "--lang", "en"])
    err = capsys.readouterr().err
    assert rc == 2 and "line 2: needs a path and a date" in err and "Traceback" not in err


def test_publication_dates_are_relative_to_their_file(tmp_path, capsys, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.md").write_text(report_md(2023, agency="青禾县人民政府"), encoding="utf-8")
    (tmp_path / "dates.csv").write_text("path,date\na/r.md,2024-04-02\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")  # run from elsewhere: the CSV's own folder decides
    cli.main(["audit", "r.md", "--select", "GR110", "--format", "json", "--publication-dates", "../dates.csv"])
    f = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(x["reported"], x["expected"]) for x in f] == [("2024-04-02", "2024-03-31")]
