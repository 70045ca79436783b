"""Tables as they are printed: blank cells (a state, not 0), &nbsp; cells,
rows printed with their blanks dropped, Table 4 as three small tables, the
table rules without other tests (GR621, GR622, GR623, GR651), offsetting
applicant-column errors and the narrative-vs-table rules.  Invented reports
(no real or evaluation text)."""

from __future__ import annotations

import re

import pytest

import gireport
from gireport.tables import cell_state
from gireport.testing import render

from conftest import CORPUS

FORMATS = ("txt", "md", "html", "docx", "pdf")


def _swap(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new, 1)


# A consistent applications table (invented numbers): outcome rows by applicant
# column; the totals, (七)总计 and 本年新收 are computed so that every identity holds.
_OUTCOMES = {
    "（一）予以公开": [58, 9, 0, 1, 2, 1],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [11, 2, 0, 0, 1, 0],
    "1.属于国家秘密": [0, 0, 0, 0, 0, 0],
    "2.其他法律行政法规禁止公开": [0, 0, 0, 0, 0, 0],
    "3.危及“三安全一稳定”": [1, 0, 0, 0, 0, 0],
    "4.保护第三方合法权益": [3, 1, 0, 0, 0, 0],
    "5.属于三类内部事务信息": [1, 0, 0, 0, 0, 0],
    "6.属于四类过程性信息": [2, 0, 0, 0, 0, 0],
    "7.属于行政执法案卷": [2, 0, 0, 0, 1, 0],
    "8.属于行政查询事项": [4, 0, 0, 0, 0, 0],
    "1.本机关不掌握相关政府信息": [31, 4, 0, 1, 1, 1],
    "2.没有现成信息需要另行制作": [5, 1, 0, 0, 0, 0],
    "3.补正后申请内容仍不明确": [3, 0, 0, 0, 0, 0],
    "1.信访举报投诉类申请": [8, 0, 0, 0, 0, 0],
    "2.重复申请": [4, 1, 0, 0, 0, 0],
    "3.要求提供公开出版物": [1, 0, 0, 0, 0, 0],
    "4.无正当理由大量反复申请": [0, 0, 0, 0, 0, 0],
    "5.要求行政机关确认或重新出具已获取信息": [2, 0, 0, 0, 0, 0],
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [6, 2, 0, 0, 1, 0],
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [1, 0, 0, 0, 0, 0],
    "3.其他": [2, 1, 0, 0, 0, 1],
}
_CARRY_IN = [6, 1, 0, 0, 0, 0]
_CARRY_OUT = [3, 1, 0, 0, 0, 0]


def _table3() -> str:
    def line(label: str, v: list[int]) -> str:
        return f"{label} | {' | '.join(str(x) for x in v)} | {sum(v)} |"

    done = [sum(col) for col in zip(*_OUTCOMES.values())]
    new = [d + o - c for d, o, c in zip(done, _CARRY_OUT, _CARRY_IN)]
    groups = {"1.属于国家秘密": "（三）不予公开", "1.本机关不掌握相关政府信息": "（四）无法提供", "1.信访举报投诉类申请": "（五）不予处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "（六）其他处理"}
    out = [line("| 一、本年新收政府信息公开申请数量 | < | <", new), line("| 二、上年结转政府信息公开申请数量 | < | <", _CARRY_IN)]
    first = True
    group = None
    for label, v in _OUTCOMES.items():
        head = "三、本年度办理结果" if first else "^"
        first = False
        if label.startswith("（"):
            out.append(line(f"| {head} | {label} | <", v))
            group = None
            continue
        if label in groups:
            group = groups[label]
            out.append(line(f"| {head} | {group} | {label}", v))
        else:
            out.append(line(f"| {head} | ^ | {label}", v))
    out.append(line("| ^ | （七）总计 | <", done))
    out.append(line("| 四、结转下年度继续办理 | < | <", _CARRY_OUT))
    return "\n".join(out) + "\n"


def _base() -> str:
    src = (CORPUS / "src" / "qinghe-county-2021.gir").read_text(encoding="utf-8")
    lines = src.splitlines(keepends=True)
    i = next(n for n, x in enumerate(lines) if x.startswith("| 一、本年新收"))
    j = next(n for n, x in enumerate(lines) if x.startswith("| 四、结转下年度"))
    src = "".join(lines[:i]) + _table3() + "".join(lines[j + 1 :])
    return _swap(src, "| 3 | 1 | 0 | 1 | 6 | 1 | 0 | 0 | 1 | 2 |", "| 3 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 2 |")


BASE = _base()


def test_base_is_consistent(tmp_path):
    a = _audit(tmp_path, BASE, "html", ["GR60", "GR61"])
    assert not a.findings


def _audit(tmp_path, src, fmt, select):
    p = tmp_path / f"r.{fmt}"
    render(src, fmt, path=str(p))
    return gireport.audit(p, select=select)


def _codes(audit, code):
    return [f for f in audit.findings if f.code == code]


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\xa0", "&nbsp;", " &nbsp; "])
def test_blank_spellings_are_blank(text):
    assert cell_state(text) == ("blank", None)


@pytest.mark.parametrize("text", ["/", "—", "无", "－"])
def test_not_applicable_spellings(text):
    assert cell_state(text)[0] == "na"


# --- a blank 总计 beside filled parts ---------------------------------------------
BLANK_TOTAL = _swap(BASE, "| 58 | 9 | 0 | 1 | 2 | 1 | 71 |", "| 58 | 9 | 0 | 1 | 2 | 1 |  |")


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_total_beside_parts_is_one_finding_never_zero(tmp_path, fmt):
    pytest.importorskip("reportlab")
    a = _audit(tmp_path, BLANK_TOTAL, fmt, ["GR60"])
    r = a.report
    t = r.table("applications")
    assert t.get("granted", "total").state == "blank", fmt
    assert [t.get("granted", c).text for c in ("natural", "business", "legal")] == ["58", "9", "2"]
    blank = _codes(a, "GR605")
    assert len(blank) == 1 and blank[0].expected == "71", fmt
    assert "予以公开" in blank[0].message
    # the column identity compares with the sum of the parts (71), never 0
    for f in _codes(a, "GR602"):
        assert f.expected != "106" and "分项之和" in f.message, fmt
    assert not [f for f in a.findings if f.code == "GR603" and "予以公开" in f.message]


def test_blank_total_with_printed_zero_parts_is_reported_but_blank_parts_are_none(tmp_path):
    src = _swap(BASE, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 0 | 0 | 0 | 0 | 0 | 0 |  |")
    a = _audit(tmp_path, src, "html", ["GR605"])
    assert [f.expected for f in a.findings] == ["0"]


# --- organisation columns blank in every row ---------------------------------------
def _natural_only(src: str) -> str:
    lines = []
    for line in src.splitlines():
        cells = line.split("|")
        if len(cells) == 12 and any(ch.isdigit() for ch in cells[4]) and cells[4].strip().isdigit():
            nat = cells[4].strip()
            cells[4:11] = [f" {nat} ", "  ", "  ", "  ", "  ", "  ", f" {nat} "]
        lines.append("|".join(cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("fmt", ("md", "html", "docx", "pdf"))
def test_columns_blank_in_every_row_mean_none(tmp_path, fmt):
    pytest.importorskip("reportlab")
    src = _natural_only(BASE)
    a = _audit(tmp_path, src, fmt, ["GR601", "GR602", "GR603", "GR605"])
    t = a.report.table("applications")
    assert t.get("new", "business").state == "blank", fmt
    assert not _codes(a, "GR605"), fmt
    assert not [f for f in a.findings if "商业企业" in f.message], fmt


def test_columns_blank_in_every_row_flattened_map_only_totals(tmp_path):
    src = _natural_only(BASE)
    a = _audit(tmp_path, src, "txt", ["GR60"])
    t = a.report.table("applications")
    assert t is not None and not t.ambiguous
    assert t.get("new", "total").text == "142"
    assert t.get("new", "business") is None  # the columns were not printed: not guessed
    assert not _codes(a, "GR605")


# --- Table 4 printed as three tables, with or without block headings ----------------
_T4 = """\
| 行政复议 | < | < | < | < | 行政诉讼 | < | < | < | < | < | < | < | < | < |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | < | < | < | < | 复议后起诉 | < | < | < | < |
| ^ | ^ | ^ | ^ | ^ | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 3 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |
"""
_HDR = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"


def _split_t4(headings: bool, filled: bool = False) -> str:
    blocks = [("行政复议", "| 4 | 1 |  | 1 | 6 |"), ("行政诉讼（未经复议直接起诉）", "| 1 | — | — | 1 | 1 |"), ("行政诉讼（复议后起诉）", "|  |  |  |  |  |")]
    if filled:  # flattened text drops blank cells: print every one
        blocks = [(n, d.replace("|  |", "| 0 |").replace("|  |", "| 0 |")) for n, d in blocks]
    parts = []
    for name, data in blocks:
        parts.append((f"{name}情况如下。\n" if headings else "") + _HDR + data + "\n")
    return _swap(BASE, _T4, "\n".join(parts))


@pytest.mark.parametrize("headings", [True, False])
@pytest.mark.parametrize("fmt", ("md", "html", "docx"))
def test_split_table4_is_one_table(tmp_path, fmt, headings):
    a = _audit(tmp_path, _split_t4(headings), fmt, ["GR611"])
    rv = a.report.table("review")
    assert rv is not None and len(rv.cells) == 15, (fmt, headings)
    assert rv.get("review", "upheld").text == "4"
    assert rv.get("lit_direct", "corrected").state == "na"
    # 行政复议 4+1+0+1 = 6 holds; 未经复议直接起诉 1+0+0+1 = 2 ≠ 1
    got = [(f.reported, f.expected) for f in a.findings]
    assert got == [("1", "2")], (fmt, headings, got)


# --- narrative against the tables ------------------------------------------------------
def test_sub_row_restatement_is_compared_with_the_sub_row(tmp_path):
    src = _swap(BASE, "2021年，全县因政府信息公开工作", "因本机关不掌握相关政府信息无法提供38件。2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR631"])
    assert not [f for f in a.findings if "不掌握" in f.message]  # 38 is the sub-row, the 无法提供 group is 47
    src = _swap(BASE, "2021年，全县因政府信息公开工作", "因本机关不掌握相关政府信息无法提供83件。2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR631"])
    assert [f.reported for f in a.findings if "不掌握" in f.message] == ["83件"]


def test_proactive_restatement_vs_table2(tmp_path):
    a = _audit(tmp_path, BASE, "html", ["GR631"])
    assert not [f for f in a.findings if "规范性文件" in f.message]
    src = _swap(BASE, "全年制发行政规范性文件9件", "全年制发行政规范性文件7件")
    a = _audit(tmp_path, src, "html", ["GR631"])
    assert [f.reported for f in a.findings if "规范性文件" in f.message] == ["7件"]


def test_all_closed_vs_carried_over(tmp_path):
    src = _swap(BASE, "2021年，全县因政府信息公开工作", "本年度受理的各项申请都已按时办理完毕。2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR635"])
    assert [f.expected for f in a.findings] == ["4"]
    src = _swap(BASE, "2021年，全县因政府信息公开工作", "除4件转入下一年度继续办理外，其余申请都已按时办理完毕。2021年，全县因政府信息公开工作")
    assert not _audit(tmp_path, src, "html", ["GR635"]).findings


@pytest.mark.parametrize("sentence", ["各类申请平均答复时间为6个工作日。", "依申请公开件平均答复用时5.5个工作日，人均答复2件。"])
def test_average_is_no_all_closed_claim(tmp_path, sentence):
    # the 均 of 平均 (人均) is no "all": nothing is claimed about carried-over applications
    src = _swap(BASE, "2021年，全县因政府信息公开工作", sentence + "2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR635"])
    assert not a.findings
    assert not [v for v in a.verdicts if v.code == "GR635"]
    # a real "all answered" beside it is still read
    src = _swap(src, sentence, sentence + "全年申请均已答复。")
    assert [f.expected for f in _audit(tmp_path, src, "html", ["GR635"]).findings] == ["4"]


def test_upheld_claim_with_blank_parts(tmp_path):
    src = _swap(BASE, "| 3 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 2 |", "| 1 |  |  | 1 | 2 | 1 |  |  |  | 1 |")
    src = _swap(src, "2021年，全县因政府信息公开工作", "行政复议案件均获维持。2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR633", "GR611"])
    got = [(f.code, f.expected) for f in a.findings]
    assert ("GR633", "结果纠正0、尚未审结1") in got and not [g for g in got if g[0] == "GR611"]


def test_truncated_share_is_at_most_a_note(tmp_path):
    # 15 refused of 177 processed = 8.474…%: 8.4 only by truncation (8.3 or 8.2 of 181, 8.6 of 174)
    src = _swap(BASE, "2021年，全县因政府信息公开工作", "不予公开15件，占8.4%。2021年，全县因政府信息公开工作")
    a = _audit(tmp_path, src, "html", ["GR632"])
    assert not [f for f in a.findings if f.severity in ("warning", "error")]
    assert [f.severity for f in a.findings] == ["info"]


# --- offsetting column errors -----------------------------------------------------------
def test_offsetting_applicant_columns_are_one_finding(tmp_path):
    # one carried-out application moved from 自然人 to 商业企业: 总计 still balances
    src = _swap(BASE, "| 四、结转下年度继续办理 | < | < | 3 | 1 |", "| 四、结转下年度继续办理 | < | < | 2 | 2 |")
    a = _audit(tmp_path, src, "html", ["GR601"])
    msgs = [f.message for f in a.findings]
    assert len(msgs) == 1, msgs
    assert "自然人" in msgs[0] and "商业企业" in msgs[0] and "错误的申请人列" in msgs[0]


# --- rules without other tests: GR621, GR622, GR623, GR651 ---------------------------
def test_gr621_made_exceeds_valid(tmp_path):
    assert not _codes(_audit(tmp_path, BASE, "html", ["GR621"]), "GR621")
    src = _swap(BASE, "| 行政规范性文件 | 9 | 4 | 63 |", "| 行政规范性文件 | 70 | 4 | 63 |")
    f = _codes(_audit(tmp_path, src, "html", ["GR621"]), "GR621")
    assert [(x.reported, x.expected) for x in f] == [("70", "63")]


def test_gr622_fee_magnitude(tmp_path):
    assert not _codes(_audit(tmp_path, BASE, "html", ["GR622"]), "GR622")
    src = _swap(BASE, "| 行政事业性收费 | 1263.47 |", "| 行政事业性收费 | 12634700 |")
    f = _codes(_audit(tmp_path, src, "html", ["GR622"]), "GR622")
    assert [x.reported for x in f] == ["12634700"]


def test_gr623_rules_without_competence(tmp_path):
    assert not _codes(_audit(tmp_path, BASE, "html", ["GR623"]), "GR623")
    src = _swap(BASE, "| 规章 | 0 | 0 | 0 |", "| 规章 | 2 | 0 | 0 |")
    f = _codes(_audit(tmp_path, src, "html", ["GR623"]), "GR623")
    assert [x.reported for x in f] == ["2"] and f[0].severity == "info"


def test_gr651_missing_row_names_the_nearest_row(tmp_path):
    assert not _codes(_audit(tmp_path, BASE, "html", ["GR651"]), "GR651")
    src = _swap(BASE, "| ^ | ^ | 3.要求提供公开出版物 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n", "")
    f = _codes(_audit(tmp_path, src, "html", ["GR651"]), "GR651")
    assert len(f) == 1 and "要求提供公开出版物" in f[0].message
    assert "2.重复申请" in f[0].message  # the nearest row found
    assert "2.重复申请" in f[0].evidence[0].text


# --- row labels wrapped around their numbers ---------------------------------------
def _wrapped_txt(single_spaces: bool) -> str:
    src = _swap(BASE, "| ^ | ^ | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| ^ | ^ | 2.其他法律行政法规禁止公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |")
    src = _swap(src, "| 58 | 9 | 0 | 1 | 2 | 1 | 71 |", "| 56 | 8 | 0 | 1 | 2 | 1 | 68 |")
    txt = render(src, "txt").decode("utf-8")
    line = next(x for x in txt.splitlines() if "禁止公开" in x)
    vals = line.split("禁止公开")[1].strip()
    txt = txt.replace(line, "2.其他法律行政法规禁止公\n" + vals + "\n开")
    if single_spaces:
        txt = "\n".join(" ".join(x.split()) for x in txt.splitlines())
    return txt


@pytest.mark.parametrize("single_spaces", [False, True])
def test_wrapped_label_is_rejoined(tmp_path, single_spaces):
    p = tmp_path / "w.txt"
    p.write_text(_wrapped_txt(single_spaces), encoding="utf-8")
    a = gireport.audit(p, select=["GR60", "GR651"])
    t = a.report.table("applications")
    assert [t.get("denied.law_prohibited", c).text for c in ("natural", "business", "total")] == ["2", "1", "3"]
    assert not a.findings, [f.message for f in a.findings]  # no missing row, every sum holds


# --- &nbsp; cells: the same cells and findings in every format ----------------------------
def _nbsp_natural_only() -> str:
    return _natural_only(BASE).replace("|  |", "| &nbsp; |")


def test_nbsp_cells_same_cells_and_findings_in_every_grid_format(tmp_path):
    pytest.importorskip("reportlab")
    src = _nbsp_natural_only()
    assert "&nbsp;" in src
    seen = {}
    for fmt in ("md", "html", "docx", "pdf"):
        a = _audit(tmp_path, src, fmt, ["GR6"])
        t = a.report.table("applications")
        cells = {(c.row, c.col): (c.text.replace("&nbsp;", "").strip(), c.state) for c in t.cells.values()}
        seen[fmt] = (cells, sorted((f.code, f.reported) for f in a.findings if f.severity != "info"))
        assert t.get("granted", "business").state == "blank", fmt
    first = seen["md"]
    for fmt, got in seen.items():
        assert got == first, fmt


# --- the old statistics table in crawler text ------------------------------------------------
def test_old_statistics_table_in_crawler_text(tmp_path):
    lines = [
        "柏溪县水务局2016年政府信息公开工作年度报告",
        "一、概述",
        "本局持续落实《条例》要求,公开工作有序开展。",
        "附表:柏溪县水务局2016年政府信息公开情况统计表",
        "统计指标 单位 统计数",
        "一、主动公开情况",
        "(一)主动公开政府信息数 条 640",
        "(二)依申请公开情况",
        "(一)收到申请数 件 21",
        "1.当面申请数 件 6",
        "2.网络申请数 件 9",
        "3.信函申请数 件 4",
        "(二)申请办结数 件 21",
        "1.按时办结数 件 21",
        "2.延期办结数 件 0",
    ]
    for glued in (False, True):
        text = "\n".join(lines)
        if glued:  # a crawler that dropped the spaces: "收到申请数件21"
            text = re.sub(r"(?<=\S) (?=(?:条|件) ?\d)", "", text).replace("件 ", "件").replace("条 ", "条")
        p = tmp_path / f"s{int(glued)}.txt"
        p.write_text(text, encoding="utf-8")
        r = gireport.parse(p)
        t = r.table("old_stats")
        assert t is not None and t.source == "text", glued
        a = gireport.audit(r, select=["GR641"])
        assert [(f.reported, f.expected) for f in a.findings] == [("21", "19")], glued  # 6 + 9 + 4


# --- narrative restatements and qualitative claims ----------------------------------------------
_NARR = "2021年，全县因政府信息公开工作"


@pytest.mark.parametrize(
    "sentence,expect",
    [
        ("本年度办结177件，其中予以公开71件，部分公开14件。", []),
        ("本年度办结177件，其中予以公开17件，部分公开14件。", ["17件"]),
        ("网上申请中，其中予以公开17件。", []),  # a subset: not the table's row
        ("本年新收申请174件，其中自然人申请142件、法人或其他组织申请32件。", []),
        ("本年新收申请174件，其中自然人申请142件、法人或其他组织申请23件。", ["23件"]),
        ("全年行政复议案件5件，其中结果维持3件，另有1件仍在审理。", []),
        ("全年行政复议案件5件，其中结果维持4件，另有1件仍在审理。", ["4件"]),
        ("因属于信访举报投诉类申请或重复申请不予处理16件。", []),  # two reasons: the group
    ],
)
def test_narrative_restatements(tmp_path, sentence, expect):
    src = _swap(BASE, _NARR, sentence + _NARR)
    a = _audit(tmp_path, src, "html", ["GR631"])
    n0 = len(_codes(_audit(tmp_path, BASE, "html", ["GR631"]), "GR631"))
    got = [f.reported for f in a.findings if sentence.find(f.reported) >= 0 and f.evidence and f.evidence[0].text == f.reported]
    assert sorted(set(got) & set(expect)) == expect and len(a.findings) == n0 + len(expect), [f.message for f in a.findings]


@pytest.mark.parametrize(
    "sentence,bad",
    [
        ("涉及本机关的复议和诉讼案件无一例被纠错。", True),  # review 结果纠正 1
        ("本机关作为被告的诉讼案件，均裁定驳回原告的全部诉讼请求。", True),  # litigation pending 1
        ("依申请公开工作办结率达到100%。", True),  # 4 carried into next year
        ("依申请公开工作按期办结率达到100%。", False),  # on time: not in the table
    ],
)
def test_qualitative_claims(tmp_path, sentence, bad):
    src = _swap(BASE, _NARR, sentence + _NARR)
    a = _audit(tmp_path, src, "html", ["GR633", "GR635"])
    base = _audit(tmp_path, BASE, "html", ["GR633", "GR635"])
    assert (len(a.findings) > len(base.findings)) is bad, [f.message for f in a.findings]


def test_ambiguous_glued_table_is_untestable_with_the_number_of_splits(tmp_path):
    # a review table glued into one digit stream that splits several ways
    text = render(BASE, "txt").decode("utf-8")
    rows = [x for x in text.splitlines() if x.startswith("3  1  0  1  5")]
    assert rows
    text = text.replace(rows[0], "1100111001100011")
    p = tmp_path / "g.txt"
    p.write_text(text, encoding="utf-8")
    a = gireport.audit(p, select=["GR611"])
    rv = a.report.table("review")
    assert rv is not None and rv.ambiguous
    reasons = {k for rc in a.rule_coverage for k in rc.reasons}
    assert any("candidate splits" in k for k in reasons), reasons


@pytest.mark.parametrize("headings", [True, False])
def test_split_table4_in_flattened_text(tmp_path, headings):
    txt = render(_split_t4(headings, filled=True), "txt").decode("utf-8")
    txt = "\n".join(" ".join(x.split()) for x in txt.splitlines())  # crawler text: single spaces
    p = tmp_path / "t4.txt"
    p.write_text(txt, encoding="utf-8")
    a = gireport.audit(p, select=["GR611"])
    rv = a.report.table("review")
    assert rv is not None and len(rv.cells) == 15, headings
    assert rv.get("lit_direct", "upheld").text == "1" and rv.get("lit_direct", "total").text == "1"
    assert [(f.reported, f.expected) for f in a.findings] == [("1", "2")]


def _cells_and_findings(a):
    out = {}
    for t in a.report.tables:
        out[t.kind] = {(c.row, c.col): (c.text.replace("&nbsp;", "").strip(), c.state) for c in t.cells.values()}
    return out, sorted((f.code, f.reported or "", f.expected or "") for f in a.findings if f.code.startswith("GR6"))


@pytest.mark.parametrize("name", ["blank_total", "wrapped_free_nbsp_split_t4"])
def test_same_cells_and_findings_in_every_format(tmp_path, name):
    pytest.importorskip("reportlab")
    if name == "blank_total":
        src = BLANK_TOTAL
    else:  # &nbsp; in a Table 2 cell, Table 4 as three blocks (every cell printed)
        src = _swap(_split_t4(True, filled=True), "| 规章 | 0 | 0 | 0 |", "| 规章 | &nbsp; | &nbsp; | &nbsp; |")
    got = {fmt: _cells_and_findings(_audit(tmp_path, src, fmt, ["GR6"])) for fmt in FORMATS}
    ref_cells, ref_findings = got["html"]
    for fmt, (cells, findings) in got.items():
        assert findings == ref_findings, (fmt, findings, ref_findings)
        assert cells == ref_cells, fmt


@pytest.mark.parametrize(
    "sentence,severity",
    [
        # part: a row stem (applicant kind or outcome) + a generic tail; whole: a noun of the class
        ("自然人提出的申请占本年新收申请的81.6%。", None),  # 142 of 174 = 81.61%
        ("自然人提出的申请占本年新收申请的86.1%。", "error"),  # fits no reading
        ("予以公开的申请占办理总数的40.1%。", None),  # 71 of 177 = 40.11%
        ("部分公开的申请占全部办结申请的7.9%。", None),  # 14 of 177 = 7.91%
        ("部分公开的申请占全部办结申请的9.6%。", "error"),  # 14/177 = 7.9%, 14/181 = 7.7%
        ("法人或其他组织申请件数占收到申请的18.4%。", None),  # 32 of 174 = 18.39%
        ("法人或其他组织申请件数占收到申请的21.0%。", "error"),  # 32/174 = 18.4%, 32/181 = 17.7%
        ("无法提供的占答复总数的26.6%。", None),  # the 无法提供 group, 47 of 177 = 26.55%
        ("无法提供的占答复总数的30.2%。", "error"),
        # a subset of the applications, or no whole named: not read here
        ("通过网络提交的法人或其他组织提出的申请占本年新收申请的10.0%。", None),
        ("自然人申请占比为50.0%。", None),
    ],
)
def test_share_named_in_words_vs_table(tmp_path, sentence, severity):
    src = _swap(BASE, _NARR, sentence + _NARR)
    a = _audit(tmp_path, src, "html", ["GR632"])
    got = [f.severity for f in a.findings if f.reported and f.reported in sentence]
    assert got == ([severity] if severity else []), [f.message for f in a.findings]


# --- rows of the form with every value cell left empty ------------------------------
@pytest.mark.parametrize("fmt", ("html", "docx", "pdf"))
def test_rows_left_empty_are_rows_of_blanks(tmp_path, fmt):
    """A form whose zero rows are printed with every value cell empty keeps
    those rows (blank cells, none) and checks its identities; a grid without
    a header over its value columns (a PDF's) places them like the rows
    around them."""
    pytest.importorskip("reportlab")
    src = "\n".join(
        re.sub(r"(?:\| 0 )+\|$", lambda m: "|" + "  |" * m.group().count("0"), line) if line.startswith("| ^ |") or line.startswith("| 三、") else line
        for line in BASE.splitlines()
    ) + "\n"
    assert src != BASE
    a = _audit(tmp_path, src, fmt, ["GR60", "GR61"])
    t = a.report.table("applications")
    assert not t.ambiguous, (fmt, t.notes)
    assert t.get("denied.state_secret", "total").state == "blank"
    assert t.get("denied.security_stability", "natural").text == "1"
    assert not [f for f in a.findings if f.severity != "info"], [(f.code, f.message) for f in a.findings]


@pytest.mark.parametrize("text", ["———", "---", "——"])
def test_dash_runs_are_not_applicable(text):
    assert cell_state(text)[0] == "na"
