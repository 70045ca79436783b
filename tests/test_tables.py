"""Standard tables: extraction to canonical keys from every source format,
and the table rules on real and synthetic reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import gireport
from gireport.tables import StandardTable, cell_state
from gireport.testing import render

from conftest import CORPUS, REAL, needs_shared

COLS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")


def row(t, key):
    return [t.get(key, c).text for c in COLS]


@pytest.mark.parametrize(
    "text,state,value",
    [("12", "number", "12"), ("0", "zero", "0"), ("", "blank", None), ("/", "na", None), ("—", "na", None), ("无", "na", None), ("1,024", "number", "1024"), ("+3", "number", "3"), ("251000元", "number", "251000"), ("abc", "text", None)],
)
def test_cell_state(text, state, value):
    s, v = cell_state(text)
    assert s == state
    assert (str(v) if v is not None else None) == value


# --- real reports (values pinned by reading the pages) -------------------------
# year -> (本年新收 row, (七)总计 总计, 结转下年度 总计, 行政复议 block)
PINGTAN = {
    2019: (["23", "0", "0", "0", "0", "0", "23"], "23", "0", ["0", "0", "0", "0", "0"]),
    2021: (["64", "0", "0", "2", "0", "4", "70"], "69", "1", ["1", "0", "2", "0", "3"]),
    2022: (["71", "3", "0", "0", "0", "0", "74"], "75", "0", ["0", "1", "1", "0", "2"]),
    2023: (["80", "1", "0", "0", "0", "0", "81"], "81", "0", ["1", "1", "0", "0", "2"]),
    2024: (["217", "1", "0", "0", "0", "0", "218"], "218", "0", ["2", "1", "3", "1", "7"]),
}


@needs_shared
@pytest.mark.parametrize("year", sorted(PINGTAN))
def test_pingtan_html_tables(year):
    r = gireport.parse(REAL / "html" / f"pingtan-zone-{year}.html")
    a = r.table("applications")
    assert a is not None and a.complete and not a.ambiguous
    assert a.layout == ("2019" if year <= 2020 else "2021")
    new, processed, carry_out, review = PINGTAN[year]
    assert row(a, "new") == new
    assert a.get("processed_total", "total").text == processed
    assert a.get("carry_out", "total").text == carry_out
    rv = r.table("review")
    assert [rv.get("review", f).text for f in ("upheld", "corrected", "other", "pending", "total")] == review
    # every cell keeps its span into the normalised text
    c = a.get("new", "total")
    assert r.text[c.start : c.end] == c.text


@needs_shared
def test_hongze_2023_review_total_disagrees_with_its_parts():
    pdf = REAL / "pdf" / "hongze-district-2023.pdf"
    r = gireport.parse(pdf)
    rv = r.table("review")
    assert [rv.get("review", f).text for f in ("upheld", "corrected", "other", "pending", "total")] == ["10", "1", "0", "0", "0"]
    audit = gireport.audit(r, select=["GR611"])
    review = [f for f in audit.findings if "行政复议" in f.message]
    assert len(review) == 1
    f = review[0]
    assert f.severity == "error" and f.reported == "0" and f.expected == "11"
    assert {e.page for e in f.evidence} == {4}
    assert any("行政复议 | 总计 | 0" == e.text for e in f.evidence)


@needs_shared
def test_huaian_pdf_table_across_pages_is_whole_and_consistent():
    r = gireport.parse(REAL / "pdf" / "huaian-city-2024.pdf")
    a = r.table("applications")
    assert a.complete and len(a.rows()) == 25
    assert row(a, "new") == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert row(a, "carry_out") == ["103", "0", "0", "0", "0", "0", "103"]
    codes = {f.code for f in gireport.audit(r, select=["GR60"]).findings}
    assert not codes


@needs_shared
def test_blank_2021_template_maps_every_row():
    d = gireport.parse(REAL / "templates" / "format-2021-blank.docx")
    a = d.table("applications")
    assert a.complete and a.layout == "2021"
    assert all(c.state == "blank" for c in a.cells.values())


# --- synthetic tables in every format -----------------------------------------
def _variants(tmp_path: Path, source: str, formats=("txt", "html", "docx", "pdf", "md")):
    pytest.importorskip("reportlab")
    out = {}
    for fmt in formats:
        p = tmp_path / f"r.{fmt}"
        render(source, fmt, path=str(p))
        out[fmt] = p
    return out


def test_applications_table_errors_found_in_every_format(tmp_path):
    src = (CORPUS / "src" / "qinghe-county-2021.gir").read_text(encoding="utf-8")
    for fmt, path in _variants(tmp_path, src).items():
        audit = gireport.audit(path, select=["GR60", "GR61"])
        got = {(f.code, f.reported) for f in audit.findings}
        # planted: 予以公开 总计 73 (its cells add up to 71); 结转下年度 商业企业 2
        assert ("GR603", "73") in got, fmt
        assert ("GR601", "22") in got, fmt
        assert ("GR611", "6") in got, fmt
        culprit = [f for f in audit.findings if f.code == "GR603"][0]
        assert "(一)予以公开 / 总计" in culprit.message_en, fmt


OLD_STATS = """\
# 青禾县人民政府2015年政府信息公开工作年度报告
本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、行政复议和行政诉讼情况、存在的主要问题及改进措施等六个部分组成,并附政府信息公开情况统计表。
一、概述
全县认真贯彻落实《条例》。
二、主动公开政府信息情况
全年主动公开政府信息1200条。
三、依申请公开政府信息情况
全年收到申请30件。
四、政府信息公开的收费及减免情况
未收取费用。
五、行政复议和行政诉讼情况
全年发生行政复议2件。
六、存在的主要问题及改进措施
一是公开不够及时。
: 青禾县2015年政府信息公开情况统计表
| 统计指标 | 单位 | 统计数 |
| (一)主动公开政府信息数 | 条 | 1200 |
| 1.政府网站公开政府信息数 | 条 | 1100 |
| 2.其他方式公开政府信息数 | 条 | 300 |
| (一)收到申请数 | 件 | 30 |
| 1.当面申请数 | 件 | 10 |
| 2.网络申请数 | 件 | 15 |
| 3.信函申请数 | 件 | 3 |
| (二)申请办结数 | 件 | 30 |
| 1.按时办结数 | 件 | 28 |
| 2.延期办结数 | 件 | 2 |
| 四、行政复议数量 | 件 | 2 |
| (一)维持具体行政行为数 | 件 | 1 |
| (二)被依法纠错数 | 件 | 1 |
| (三)其他情形数 | 件 | 0 |
"""


def test_old_statistics_table_identities_in_every_format(tmp_path):
    for fmt, path in _variants(tmp_path, OLD_STATS, ("txt", "html", "docx", "pdf")).items():
        r = gireport.parse(path)
        t = r.table("old_stats")
        assert t is not None, fmt
        audit = gireport.audit(r, select=["GR64"])
        got = {(f.code, f.reported, f.expected) for f in audit.findings}
        assert got == {("GR641", "30", "28")}, (fmt, got)  # 10 + 15 + 3 = 28, not 30
        by = {c: r for c, r in ((rc.code, rc) for rc in audit.rule_coverage)}
        assert by["GR641"].checked == 3  # O-1 failed, O-2 and O-5 held
        assert by["GR642"].checked >= 2  # channels bound and 办结 ≤ 收到


def test_tables_not_read_for_reports_without_them():
    r = gireport.parse(text="青禾县2016年政府信息公开工作年度报告\n一、概述\n全年主动公开信息100条。")
    assert r.tables == []


SUBTOTAL = """\
# 示例县人民政府2021年政府信息公开工作年度报告
一、总体情况
全年收到申请5件。
三、收到和处理政府信息公开申请情况
| 本列 | < | < | 申请人情况 | < | < | < | < | < | < |
| ^ | ^ | ^ | 自然人 | 法人或其他组织 | < | < | < | < | 总计 |
| ^ | ^ | ^ | ^ | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ^ |
| 一、本年新收政府信息公开申请数量 | < | < | 5 | 0 | 0 | 0 | 0 | 0 | 5 |
| 二、上年结转政府信息公开申请数量 | < | < | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 三、本年度办理结果 | (一)予以公开 | < | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| ^ | (二)部分公开 | < | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^ | (三)不予公开 | 小计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| ^ | ^ | 1.属于国家秘密 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| ^ | (七)总计 | < | 5 | 0 | 0 | 0 | 0 | 0 | 5 |
| 四、结转下年度继续办理 | < | < | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""


def test_subtotal_rows_are_recognised_and_not_counted():
    pytest.importorskip("reportlab")
    r = gireport.parse(text=SUBTOTAL)
    a = r.table("applications")
    assert any("小计" in x for x in a.extra_rows)
    assert a.get("denied.state_secret", "total").text == "3"
    # 2 + 0 + 3 = 5: the subtotal row (3) is not added a second time.
    assert not [f for f in gireport.audit(r, select=["GR602"]).findings]


def test_negative_count_in_proactive_table_is_reported():
    text = (
        "示例县人民政府2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
        "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | -1 | 20 |\n\n"
        "| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 12 |\n| 行政处罚 | 3 |\n| 行政强制 | 0 |\n\n"
        "| 信息内容 | 本年收费金额(单位:万元) |\n|---|---|\n| 行政事业性收费 | 1.5 |\n"
    )
    f = [f for f in gireport.audit(text=text, select=["GR604"]).findings]
    assert [x.reported for x in f] == ["-1"]


# --- a table printed half as lines of text, half as a real table ---------------
_SPLIT_PROACTIVE = """\
# 示例市文化旅游局2023年政府信息公开工作年度报告

一、总体情况

2023年,我局扎实做好政府信息公开工作。

二、主动公开政府信息情况

第二十条第（一）项
第二十条第（五）项
信息内容本年处理决定数量
行政许可 412
第二十条第（六）项
信息内容本年处理决定数量
行政处罚 7
行政强制 0
第二十条第（八）项
信息内容本年收费金额（单位：万元）
行政事业性收费 3.5

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
{rows}

三、收到和处理政府信息公开申请情况

全年未收到政府信息公开申请。
"""


def _proactive_of(tmp_path, rows):
    p = tmp_path / "split.md"
    p.write_text(_SPLIT_PROACTIVE.format(rows="\n".join(rows)), encoding="utf-8")
    return gireport.parse(p).table("proactive")


def test_proactive_rows_from_a_grid_and_from_text_are_merged(tmp_path):
    """A conversion that printed the 第二十条第(一)项 rows as a real table
    and the other blocks as lines: the grid rows complete the text reading
    (neither replaces the other)."""
    t = _proactive_of(tmp_path, ["| 规章 | 0 | 0 | 0 |", "| 规范性文件 | 21 | 4 | 88 |"])
    assert t is not None and not t.ambiguous
    got = {k: c.text for k, c in t.cells.items()}
    assert got == {
        ("licensing", "decisions"): "412",
        ("penalty", "decisions"): "7",
        ("coercion", "decisions"): "0",
        ("admin_fee", "amount_wan"): "3.5",
        ("regulations", "made"): "0",
        ("regulations", "repealed"): "0",
        ("regulations", "valid"): "0",
        ("normative_docs", "made"): "21",
        ("normative_docs", "repealed"): "4",
        ("normative_docs", "valid"): "88",
    }
    for c in t.cells.values():  # every cell keeps its span
        assert c.start < c.end


def test_proactive_grid_rows_overlapping_the_text_are_not_merged(tmp_path):
    """A grid reading that repeats a row of the text reading (another reading
    of the same cells) is not mixed in; neither is one that leaves a row of
    the form missing: the text reading then stands alone."""
    from gireport.tables import TableCell, _merge_disjoint

    def table(source, rows, ambiguous=False):
        st = StandardTable("proactive", "2021", source, ambiguous=ambiguous)
        for r, c, v in rows:
            st.cells[(r, c)] = TableCell(r, c, v, *cell_state(v), 0, 1, None, r, c)
        return st

    text = table("text", [("licensing", "decisions", "412"), ("penalty", "decisions", "7"), ("coercion", "decisions", "0"), ("admin_fee", "amount_wan", "3.5")])
    regs = [("regulations", c, "0") for c in ("made", "repealed", "valid")]
    docs = [("normative_docs", "made", "21"), ("normative_docs", "repealed", "4"), ("normative_docs", "valid", "88")]
    assert _merge_disjoint(table("grid", regs + docs, ambiguous=True), text) is not None
    assert _merge_disjoint(table("grid", regs + docs + [("licensing", "decisions", "413")], ambiguous=True), text) is None
    assert _merge_disjoint(table("grid", regs, ambiguous=True), text) is None  # 规范性文件 missing
    assert _merge_disjoint(table("grid", regs + docs), text) is None  # a grid reading that stands
