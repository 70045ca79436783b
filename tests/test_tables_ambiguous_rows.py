"""Rows of a flattened standard table whose glued digit stream splits in
several ways: left out of the table, recorded in ``StandardTable.ambiguous_rows``
(row key → number of candidate splits, also in ``to_dict``) and reported by
every rule that would read them as untestable, one verdict per row naming the
table and the row, never a pass.  Invented reports (no real or evaluation
text)."""

from __future__ import annotations

import re

from gireport.tables.model import APP_ROWS_2021
from gireport.tables.text import ambiguous_rows, tables_from_text

import gireport
from gireport.testing import render

from conftest import REAL, needs_shared
from test_tables_blanks import BASE
from test_tables_text import app_text, apps_of


def _flat_proactive(normative: str) -> str:
    """BASE as crawler text, its Table 2 glued into one line, the
    规范性文件 row printing ``normative``."""
    t = render(BASE, "txt").decode("utf-8")
    i = t.index("第二十条第（一）项")
    j = t.index("三、收到和处理政府信息公开申请情况")
    flat = re.sub(r"\s+", "", t[i:j])
    assert "行政规范性文件9463" in flat
    flat = flat.replace("行政规范性文件9463", "行政规范性文件" + normative)
    return t[:i] + flat + "\n" + t[j:]


def _audit(tmp_path, text, select=None):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return gireport.audit(p, select=select) if select else gireport.audit(p)


def _glued(a):
    return [v for v in a.verdicts if v.status == "untestable" and "glued" in (v.reason or "")]


# 2021 format: 规章 "000" splits one way; 行政规范性文件 "72158" (made 7,
# repealed 2, in force 158) splits 6 ways: 7|2|158, 7|21|58, 7|215|8, 72|1|58,
# 72|15|8, 721|5|8.
PRO_TEXT = (
    "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "行政规范性文件72158第二十条第(五)项信息内容本年处理决定数量行政许可3512第二十条第(六)项"
    "信息内容本年处理决定数量行政处罚907行政强制16第二十条第(八)项信息内容本年收费金额(单位:万元)"
    "行政事业性收费88.5三、收到和处理政府信息公开申请情况"
)


def test_ambiguous_row_counted_unique_row_mapped():
    (t,) = [x for x in tables_from_text(PRO_TEXT, [(0, len(PRO_TEXT))], "2021") if x.kind == "proactive"]
    assert not t.ambiguous
    assert t.ambiguous_rows == {"normative_docs": 6}
    assert ambiguous_rows(t) == ["normative_docs"]
    a, b, label = t.ambiguous_spans["normative_docs"]
    assert PRO_TEXT[a:b] == "72158" and label.endswith("规范性文件")
    assert t.ambiguity_reason("normative_docs") == "ambiguous glued digits: 6 candidate splits"
    assert t.get("normative_docs", "made") is None
    # a unique split stays mapped, and is no ambiguous row
    assert [t.get("regulations", c).text for c in ("made", "repealed", "valid")] == ["0", "0", "0"]
    assert t.value("licensing", "decisions") == 3512
    d = t.to_dict()
    assert d["ambiguous_rows"] == {"normative_docs": 6}


def test_spaced_or_unique_row_is_no_ambiguous_row():
    text = PRO_TEXT.replace("行政规范性文件72158", "行政规范性文件 7 2 158")
    (t,) = [x for x in tables_from_text(text, [(0, len(text))], "2021") if x.kind == "proactive"]
    assert t.ambiguous_rows == {}
    assert t.value("normative_docs", "valid") == 158


def test_ambiguous_proactive_row_is_untestable_per_row(tmp_path):
    text = _flat_proactive("72158").replace("全年制发行政规范性文件9件", "全年制发行政规范性文件7件")
    a = _audit(tmp_path, text)
    pro = a.report.table("proactive")
    assert pro.source == "text" and pro.ambiguous_rows == {"normative_docs": 6}
    got = {(v.code, v.subject, v.reason) for v in _glued(a)}
    reason = "ambiguous glued digits: 6 candidate splits"
    assert ("GR621", "表二 行政规范性文件", reason) in got
    assert ("GR604", "表二 行政规范性文件", reason) in got
    # the narrative's 制发规范性文件 cannot be checked against the row
    assert ("GR631", "制发规范性文件 vs 表二 行政规范性文件", reason) in got
    # no rule passes or fails the row, and the row is not one of 规章 (GR623)
    assert not any(v.code == "GR623" for v in _glued(a))
    assert not [f for f in a.findings if "规范性文件" in f.message]
    for v in _glued(a):
        assert any(text[e.start:e.end] == "72158" for e in v.evidence), v
    # the mapped 规章 row is still checked
    assert any(v.code == "GR623" and v.status == "pass" for v in a.verdicts)


def test_unique_glued_row_is_checked_not_untestable(tmp_path):
    # "00163" splits one way only (0|0|163: no count has a leading zero)
    text = _flat_proactive("00163")
    a = _audit(tmp_path, text, ["GR621"])
    assert a.report.table("proactive").ambiguous_rows == {}
    assert not _glued(a)
    assert any(v.code == "GR621" and v.status == "pass" and "规范性文件" in (v.subject or "") for v in a.verdicts)


def test_ambiguous_applications_rows_are_untestable_per_row():
    # granted and partial both print "110000011" (11|0|0|0|0|0|11 or
    # 1|10|0|0|0|0|11): each reading fits as long as the other row takes the other
    table = {k: [0] * 7 for k, _, _ in APP_ROWS_2021}
    table["granted"] = [11, 0, 0, 0, 0, 0, 11]
    table["partial"] = [1, 10, 0, 0, 0, 0, 11]
    table["processed_total"] = [12, 10, 0, 0, 0, 0, 22]
    table["new"] = [12, 10, 0, 0, 0, 0, 22]
    t = apps_of(app_text(table))
    assert t.ambiguous
    assert set(t.ambiguous_rows) == {"granted", "partial"}
    assert all(n >= 2 for n in t.ambiguous_rows.values())
    assert t.to_dict()["ambiguous_rows"] == t.ambiguous_rows


def test_ambiguous_applications_rows_untestable_in_the_audit(tmp_path):
    t = render(BASE, "txt").decode("utf-8")
    i = t.index("三、收到和处理政府信息公开申请情况")
    j = t.index("四、政府信息公开行政复议")
    table = {k: [0] * 7 for k, _, _ in APP_ROWS_2021}
    table["granted"] = [11, 0, 0, 0, 0, 0, 11]
    table["partial"] = [1, 10, 0, 0, 0, 0, 11]
    table["processed_total"] = [12, 10, 0, 0, 0, 0, 22]
    table["new"] = [12, 10, 0, 0, 0, 0, 22]
    a = _audit(tmp_path, t[:i] + app_text(table) + "\n" + t[j:], ["GR603", "GR604"])
    app = a.report.table("applications")
    assert app.source == "text" and app.ambiguous and set(app.ambiguous_rows) == {"granted", "partial"}
    got = sorted((v.code, v.subject) for v in _glued(a))
    assert got == [
        ("GR603", "表三 (一)予以公开"),
        ("GR603", "表三 (二)部分公开"),
        ("GR604", "表三 (一)予以公开"),
        ("GR604", "表三 (二)部分公开"),
    ]
    for v in _glued(a):
        assert [a.report.text[e.start:e.end] for e in v.evidence] == ["110000011"]
        assert v.reason == "ambiguous glued digits: 2 candidate splits"
    # the narrative's 予以公开 restates an ambiguous row: untestable (GR631);
    # its 收到 (本年新收, mapped) is not about an ambiguous row
    a = _audit(tmp_path, t[:i] + app_text(table) + "\n" + t[j:], ["GR631"])
    got = [(v.subject, v.reason) for v in _glued(a)]
    assert got and all(r == "ambiguous glued digits: 2 candidate splits" for _, r in got)
    assert {sj.split(" vs ")[1] for sj, _ in got} <= {"表三 (一)予以公开", "表三 (二)部分公开"}
    assert "表三 (一)予以公开" in {sj.split(" vs ")[1] for sj, _ in got}
    assert not any("本年新收" in (v.subject or "") for v in _glued(a))


@needs_shared
def test_real_crawler_text_ambiguous_row_is_untestable():
    # a crawler text printing its 行政规范性文件 row as one glued stream with
    # ten candidate splits: the row is out of the table, GR604 and GR621 say so
    a = gireport.audit(REAL / "txt" / "pingtan-zone-2021.txt", select=["GR604", "GR621", "GR623"])
    pro = a.report.table("proactive")
    assert pro.ambiguous_rows == {"normative_docs": 10} and not pro.ambiguous
    got = sorted((v.code, v.subject, v.reason) for v in _glued(a))
    reason = "ambiguous glued digits: 10 candidate splits"
    assert got == [("GR604", "表二 行政规范性文件", reason), ("GR621", "表二 行政规范性文件", reason)]
    assert any(v.code == "GR623" and v.status == "pass" for v in a.verdicts)  # 规章 000 stays mapped
