"""Flattened tables whose zero cells were left blank (rows shortened in the
text), Table 2 restated in the 2019 wording, narrative counts scoped to a
sub-unit of the organ, and shares of a sum of listed counts.  Invented reports
(no real or evaluation text)."""

from __future__ import annotations

import pytest

import gireport
from gireport.testing import render

from test_tables_blanks import BASE, _swap


def _zeros_blank(src: str) -> str:
    """Every 0 of Table 3 left blank, as many reports print it."""
    out = []
    for line in src.splitlines():
        cells = line.split("|")
        if len(cells) == 12 and cells[4].strip().isdigit():
            cells = [(" " if c.strip() == "0" else c) for c in cells]
        out.append("|".join(cells))
    return "\n".join(out) + "\n"


def _txt_audit(tmp_path, src, select, name="r.txt", single_spaces=False):
    p = tmp_path / name
    txt = render(src, "txt").decode("utf-8")
    if single_spaces:  # text copied out of a PDF: one space between cells
        txt = "\n".join(" ".join(x.split()) for x in txt.splitlines())
    p.write_text(txt, encoding="utf-8")
    return gireport.audit(p, select=select)


def _set_row(src: str, label: str, old: str, new: str) -> str:
    i = src.index(f"| {label}")
    j = src.index("\n", i)
    row = src[i:j]
    assert old in row, row
    return src[:i] + row.replace(old, new, 1) + src[j:]


# --- 1. zero cells blank in flattened text: the 总计 column is still checked ----------------
def test_flattened_blank_zeros_consistent_table_has_no_table_finding(tmp_path):
    a = _txt_audit(tmp_path, _zeros_blank(BASE), ["GR60"])
    t = a.report.table("applications")
    assert t is not None and not t.ambiguous
    assert t.get("carry_out", "total").text == "4"
    assert t.get("denied.state_secret", "total").state == "blank"  # a row printing nothing
    assert not a.findings, [f.message for f in a.findings]


def test_flattened_blank_zeros_balance_failure_in_total_column(tmp_path):
    # 结转下年度 "3 1 4" → "3 2 5": its row still adds up, the 总计 column no longer balances
    src = _set_row(_zeros_blank(BASE), "四、结转下年度继续办理", "| 3 | 1 |", "| 3 | 2 |")
    src = _set_row(src, "四、结转下年度继续办理", "| 4 |", "| 5 |")
    a = _txt_audit(tmp_path, src, ["GR601"])
    got = [(f.reported, f.expected) for f in a.findings if "总计" in f.message]
    assert got == [("181", "182")], [f.message for f in a.findings]
    t = a.report.table("applications")
    # the applicant column of the lone 2 is not guessed when the identities cannot place it
    assert t.get("carry_out", "total").text == "5" and t.get("carry_out", "business") is None


def test_flattened_row_that_does_not_add_up_is_a_row_finding(tmp_path):
    # "3 1 5": the last value is not the sum of the others — a GR603 on the row,
    # its printed total kept for the 总计 column; no applicant column is guessed
    src = _set_row(_zeros_blank(BASE), "四、结转下年度继续办理", "| 4 |", "| 5 |")
    a = _txt_audit(tmp_path, src, ["GR601", "GR603"])
    got = sorted((f.code, f.reported, f.expected) for f in a.findings)
    assert got == [("GR601", "181", "182"), ("GR603", "5", "4")], got
    assert a.report.table("applications").get("carry_out", "natural") is None


def test_every_row_short_and_zero_rows_blank(tmp_path):
    # natural persons only, zeros blank: no row prints seven values, some print none
    from test_tables_blanks import _natural_only

    src = _zeros_blank(_natural_only(BASE))
    a = _txt_audit(tmp_path, src, ["GR60"])
    t = a.report.table("applications")
    assert t is not None and t.get("denied.state_secret", "total").state == "blank"
    assert not a.findings, [f.message for f in a.findings]
    src = _set_row(src, "四、结转下年度继续办理", "| 3 |", "| 4 |")
    src = _set_row(src, "四、结转下年度继续办理", "| 3 |", "| 4 |")
    a = _txt_audit(tmp_path, src, ["GR60"])
    assert [(f.code, f.reported, f.expected) for f in a.findings] == [("GR601", "148", "149")]


# --- 2. Table 2 restated in the 2019 wording -------------------------------------------------
def _edu_2020() -> str:
    from conftest import CORPUS

    return (CORPUS / "src" / "example-city-education-2020.gir").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "sentence,bad",
    [
        ("本年新制作规范性文件5件。", None),
        ("本年新制作规范性文件7件。", "7件"),  # the table: 本年新制作数量 5
        ("全年新制发规范性文件6件。", "6件"),
        ("本年度新制作并对外公开规范性文件5件。", None),
        ("对外公开的规范性文件总量为38件。", None),
        ("对外公开的规范性文件总量为36件。", "36件"),  # 对外公开总数量 38
    ],
)
@pytest.mark.parametrize("fmt", ("txt", "html"))
def test_2019_table2_restatements(tmp_path, sentence, bad, fmt):
    src = _edu_2020()
    anchor = "开展规范性文件清理，"
    base = _audit_fmt(tmp_path, src, fmt, ["GR631"])
    a = _audit_fmt(tmp_path, _swap(src, anchor, sentence + anchor), fmt, ["GR631"])
    new = [f.reported for f in a.findings if (f.reported, f.expected) not in {(g.reported, g.expected) for g in base.findings}]
    assert new == ([bad] if bad else []), [f.message for f in a.findings]
    if bad:
        f = next(f for f in a.findings if f.reported == bad)
        assert "规范性文件" in f.message and ("本年新制作数量" in f.expected or "对外公开总数量" in f.expected)


# --- 3. counts of a part of the organ ------------------------------------------------------------
_NARR = "2021年，全县因政府信息公开工作"


def _audit_fmt(tmp_path, src, fmt, select):
    p = tmp_path / f"r.{fmt}"
    render(src, fmt, path=str(p))
    return gireport.audit(p, select=select)


def _new_findings(tmp_path, sentence, fmt="html", select=("GR631",)):
    base = {(f.reported, f.expected) for f in _audit_fmt(tmp_path, BASE, fmt, list(select)).findings}
    a = _audit_fmt(tmp_path, _swap(BASE, _NARR, sentence + _NARR), fmt, list(select))
    return [f for f in a.findings if (f.reported, f.expected) not in base], a


@pytest.mark.parametrize(
    "sentence",
    [
        # the table's 本年新收 is 174 = 50 + 124, split over two sentences
        "县政府办公室本级收到政府信息公开申请50件。各县直部门和乡镇收到124件。",
        "县政府办公室本级收到政府信息公开申请50件，各县直部门和乡镇收到124件。",
        # a part alone, or parts that do not add up: untestable, never a mismatch
        "县政府办公室收到申请50件。",
        "县政府办公室本级收到申请50件。各乡镇收到100件。",
        "县政府办全年共收到申请61件，予以公开20件。",
        "各下属单位共受理申请33件。",
    ],
)
@pytest.mark.parametrize("fmt", ("txt", "html"))
def test_counts_of_a_part_of_the_organ_are_not_the_table_total(tmp_path, sentence, fmt):
    new, _ = _new_findings(tmp_path, sentence, fmt)
    assert not new, [f.message for f in new]


def test_split_total_that_adds_up_is_verified(tmp_path):
    _, a = _new_findings(tmp_path, "县政府办公室本级收到政府信息公开申请50件。各县直部门和乡镇收到124件。")
    got = [(v.status, v.reading) for v in a.verdicts if v.code == "GR631" and "部分单位" in (v.subject or "")]
    assert got == [("pass", "50件 + 124件 = 本年新收")], got
    _, a = _new_findings(tmp_path, "县政府办公室本级收到申请50件。各乡镇收到100件。")
    got = [v.status for v in a.verdicts if v.code == "GR631" and "部分单位" in (v.subject or "")]
    assert got == ["untestable"], got


@pytest.mark.parametrize(
    "sentence",
    [
        "县人民政府全年共收到申请170件。",  # the organ itself: a real mismatch (table 174)
        "青禾县政府全年共收到申请170件。",  # its name abbreviated
        "全县共收到申请170件。",
    ],
)
def test_counts_of_the_organ_itself_are_still_compared(tmp_path, sentence):
    new, _ = _new_findings(tmp_path, sentence)
    assert [f.reported for f in new] == ["170件"], [f.message for f in new]


# --- 4. a share of the sum of the listed counts -----------------------------------------------
# the table: 予以公开 71, 部分公开 14, 不予公开 15; 办理结果总计 177
@pytest.mark.parametrize(
    "sentence,bad",
    [
        ("予以公开71件、部分公开14件，两项合计占办结总数的48.0%。", None),  # 85/177 = 48.02%
        ("予以公开71件、部分公开14件，两项合计占办结总数的52.0%。", "52.0%"),
        ("予以公开71件，部分公开14件，合计占48.0%。", None),
        ("予以公开71件、部分公开14件，共计占办理总数的48%。", None),
        ("予以公开71件、部分公开14件、不予公开15件，三项共计占56.5%。", None),  # 100/177
        ("予以公开71件、部分公开14件、不予公开15件，三项共计占60.5%。", "60.5%"),
        ("予以公开71件，部分公开14件，合计占55.0%。", None),  # comma list: not certain → untestable
    ],
)
def test_share_of_a_sum_of_listed_counts(tmp_path, sentence, bad):
    new, a = _new_findings(tmp_path, sentence, select=("GR632",))
    got = [f.reported for f in new if f.severity in ("warning", "error")]
    assert got == ([bad] if bad else []), [f.message for f in new]
    if bad:
        assert "+" in new[0].message  # the part is named as the sum of the listed counts


# --- Table 4 flattened with its blank cells dropped ------------------------------------------------
_T4_ROW = "| 3 | 1 | 0 | 1 | 5 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |"
_T4_TEXT = "2021年，全县因政府信息公开工作被申请行政复议6件、被提起行政诉讼3件。对被复议机关纠正的1件案件，县政府办公室督促承办单位重新作出答复，并组织全县依申请公开工作人员开展案例分析。"


def _t4(row_cells: list[str], narrative: str) -> str:
    src = _swap(BASE, _T4_ROW, "| " + " | ".join(row_cells) + " |")
    return _swap(src, _T4_TEXT, narrative)


_BLANK = [" "] * 15


def _row(**cells: str) -> list[str]:
    keys = [f"{b}_{f}" for b in ("rv", "ld", "la") for f in ("up", "co", "ot", "pe", "to")]
    out = list(_BLANK)
    for k, v in cells.items():
        out[keys.index(k)] = v
    return out


@pytest.mark.parametrize(
    "cells,narrative,bad",
    [
        # 2 reviews: one upheld, one still pending (or ended otherwise) — "均予维持" is false whatever the placement
        (_row(rv_up="1", rv_pe="1", rv_to="2"), "本年度共有行政复议案件2件，经复议均予维持；没有发生行政诉讼。", True),
        # the narrative does not say which block: the readings disagree → untestable
        (_row(rv_up="1", rv_pe="1", rv_to="2"), "复议机关均予维持。", False),
        # one review, upheld: consistent in every reading
        (_row(rv_up="1", rv_to="1"), "本年度共有行政复议案件1件，均予维持；没有发生行政诉讼。", False),
    ],
)
def test_flattened_table4_with_blanks_dropped(tmp_path, cells, narrative, bad):
    src = _t4(cells, narrative)
    a = _txt_audit(tmp_path, src, ["GR633"], single_spaces=True)
    rv = a.report.table("review")
    assert rv is not None and rv.ambiguous and rv.alternatives
    got = [f for f in a.findings if f.reported == "均予维持"]
    assert bool(got) is bad, [f.message for f in a.findings]
    if bad:
        assert "至少1" in got[0].expected and "维持以外" in got[0].expected
    # the grid formats see the cells themselves and agree
    h = _audit_fmt(tmp_path, src, "html", ["GR633"])
    if bad:
        assert [f.reported for f in h.findings] == ["均予维持"]


def test_upheld_claim_with_an_other_result(tmp_path):
    # 均予维持 while one review ended otherwise (其他结果 1): not every case was upheld
    src = _t4(["2", "0", "1", "0", "3"] + ["0"] * 10, "本年度共有行政复议案件3件，复议机关均予维持。")
    a = _audit_fmt(tmp_path, src, "html", ["GR633"])
    assert [(f.reported, f.expected) for f in a.findings] == [("均予维持", "结果纠正0、其他结果1")]
    src = _t4(["3", "0", "0", "0", "3"] + ["0"] * 10, "本年度共有行政复议案件3件，复议机关均予维持。")
    assert not _audit_fmt(tmp_path, src, "html", ["GR633"]).findings


def test_flattened_table4_block_sums_are_not_guessed(tmp_path):
    # "4 4 2 2 1 1": each block holds one part and its total; which part is unknown
    src = _t4(_row(rv_up="4", rv_to="4", ld_up="2", ld_to="2", la_co="1", la_to="1"), "本年度共有行政复议案件4件。")
    a = _txt_audit(tmp_path, src, ["GR611"], single_spaces=True)
    rv = a.report.table("review")
    assert rv is not None and rv.ambiguous and len(rv.alternatives) == 64
    assert not a.findings
    assert [rc.untestable for rc in a.rule_coverage if rc.code == "GR611"] == [1]


def test_share_within_a_part_of_the_organ_is_not_checked_against_the_table(tmp_path):
    # 20 of the office's own 50: not a share of the table's totals (177 / 181 / 174)
    new, _ = _new_findings(tmp_path, "县政府办公室本级收到申请50件，予以公开20件，占40.0%。", select=("GR631", "GR632"))
    assert not new, [f.message for f in new]
    new, _ = _new_findings(tmp_path, "各乡镇予以公开20件，占40.0%。", select=("GR632",))
    assert not new, [f.message for f in new]
    new, _ = _new_findings(tmp_path, "全年予以公开20件，占40.0%。", select=("GR632",))
    assert [f.reported for f in new] == ["40.0%"]  # the organ itself: still checked


def test_flattened_table4_in_aligned_text_beside_a_grid_table3(tmp_path):
    # text with aligned columns: Table 3 is read as a grid, the short Table 4 row by the text reader
    src = _t4(_row(rv_up="1", rv_pe="1", rv_to="2"), "本年度共有行政复议案件2件，经复议均予维持；没有发生行政诉讼。")
    a = _txt_audit(tmp_path, src, ["GR633"])
    assert a.report.table("applications").source == "grid"
    assert [f.reported for f in a.findings] == ["均予维持"]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年在县门户网站发布信息，公开本县制发的规范性文件7件。",  # a prepositional phrase, not a sub-unit subject
        "当年街道办结申请165件。",  # 街道 + 办结 is no 街道办
    ],
)
def test_not_a_part_of_the_organ(tmp_path, sentence):
    from gireport.audit.rules.tables_narrative import _sub_unit

    assert not _sub_unit(sentence[:-5], "青禾县人民政府")
    assert not _sub_unit("全年在局政务网站公开本局印发的规范性文件", "示例市交通运输局")
    assert _sub_unit("区行政审批局共受理", "示例区人民政府")
    assert not _sub_unit("市交通局共受理", "示例市交通运输局")  # its own name abbreviated


def test_share_with_a_whole_guessed_from_context_is_still_checked_against_the_table():
    # "办结93件 … 予以公开41件，占比46.1%": the claims reader may take 93 from the context;
    # the table's denominators (办理结果总计 93, 新收+结转 96, 新收 92) still give no 46.1%
    from conftest import CORPUS

    a = gireport.audit(CORPUS / "example-city-education-2020.txt", select=["GR632"])
    assert [f.reported for f in a.findings if f.severity == "error"] == ["46.1%"]


# --- a short row that does not add up, and table rows read as narrative ---------------------------
@pytest.mark.parametrize("single_spaces", [False, True])
def test_flattened_short_row_that_does_not_add_up_is_one_row_finding(tmp_path, single_spaces):
    # 予以公开 "58 9 1 2 1 71" → total printed 73: wherever its blank cell sits, 58+9+1+2+1 = 71
    src = _set_row(_zeros_blank(BASE), "三、本年度办理结果 | （一）予以公开", "| 71 |", "| 73 |")
    a = _txt_audit(tmp_path, src, ["GR60"], single_spaces=single_spaces)
    got = sorted((f.code, f.reported, f.expected) for f in a.findings)
    assert ("GR603", "73", "71") in got, got
    # never a sum that takes the 73 as a sixth applicant cell (blank 总计 reading)
    assert not [g for g in got if g[0] == "GR605" or g[2] in ("144", "146")], got


def test_short_glued_row_is_no_blank_dropped_row():
    from gireport.tables.text import _Row, _blanks_dropped, _stream

    text = "(二)部分公开 500000 5"
    r = _Row("partial", 0, 7)
    r.stream = _stream(text, 8, len(text))
    assert not _blanks_dropped([r])


def test_table_rows_in_flattened_text_are_not_narrative_restatements(tmp_path):
    # single-spaced text, zeros blank: "6.属于四类过程性信息 1 1 2" must not read as "过程性信息1"
    src = _zeros_blank(BASE)
    i = src.index("| ^ | ^ | 6.属于四类过程性信息")
    j = src.index("\n", i)
    src = src[:i] + "| ^ | ^ | 6.属于四类过程性信息 | 1 | 1 |  |  |  |  | 2 |" + src[j:]
    a = _txt_audit(tmp_path, src, ["GR631"], single_spaces=True)
    assert not [f for f in a.findings if "过程性" in f.message], [f.message for f in a.findings]


def test_flattened_short_row_smaller_last_value_is_a_blank_total(tmp_path):
    # 部分公开 "11 2 1 14" printed with its 总计 left blank: "11 2 1" — 1 < 11 cannot be a total
    src = _set_row(_zeros_blank(BASE), "^ | （二）部分公开", "| 14 |", "|  |")
    a = _txt_audit(tmp_path, src, ["GR603", "GR605"], single_spaces=True)
    assert [(f.code, f.reported, f.expected) for f in a.findings] == [("GR605", "(空)", "14")]


def test_flattened_table_of_short_rows_only_with_a_row_error(tmp_path):
    # every row short (natural persons and one organisation column), one row's total wrong:
    # the table is still read; the 总计 column and the row are checked
    from test_tables_blanks import _natural_only

    src = _zeros_blank(_natural_only(BASE))
    src = _set_row(src, "一、本年新收政府信息公开申请数量", "| 142 |  |", "| 140 |  |")
    a = _txt_audit(tmp_path, src, ["GR601", "GR603"], single_spaces=True)
    got = sorted((f.code, f.reported, f.expected) for f in a.findings)
    assert ("GR603", "142", "140") in got, got


def test_proactive_row_with_a_dropped_blank_is_not_resplit(tmp_path):
    # 行政规范性文件 "9 4 63" printed "9 63" (本年废止 blank): never 9 | 6 | 3
    src = _swap(BASE, "| 行政规范性文件 | 9 | 4 | 63 |", "| 行政规范性文件 | 9 |  | 63 |")
    a = _txt_audit(tmp_path, src, ["GR621"], single_spaces=True)
    pro = a.report.table("proactive")
    assert pro is None or pro.get("normative_docs", "valid") is None or pro.get("normative_docs", "valid").text == "63"
    assert not a.findings


def test_zero_statement_vs_flattened_table4(tmp_path):
    # "未发生行政复议和行政诉讼" while the flattened Table 4 prints "1 1": a case in every reading
    src = _t4(_row(ld_up="1", ld_to="1"), "全年我局没有发生涉及信息公开的行政复议和行政诉讼。")
    a = _txt_audit(tmp_path, src, ["GR633"], single_spaces=True)
    assert [f.reported[:8] for f in a.findings] == ["全年我局没有发生"], [f.message for f in a.findings]
    # "未发生行政诉讼" alone: the one case may be a review — untestable, not a finding
    src = _t4(_row(ld_up="1", ld_to="1"), "本年度未发生因政府信息公开引起的行政诉讼。")
    a = _txt_audit(tmp_path, src, ["GR633"], single_spaces=True)
    assert not a.findings, [f.message for f in a.findings]
    # the narrative's count places the case in the review block: 未发生行政诉讼 holds
    src = _t4(_row(rv_up="1", rv_to="1"), "本年度共有行政复议案件1件。本年度未发生因政府信息公开引起的行政诉讼。")
    a = _txt_audit(tmp_path, src, ["GR633"], single_spaces=True)
    assert not a.findings and [v.status for v in a.verdicts if v.code == "GR633"] == ["pass"]


def test_blank_total_row_is_not_a_missing_row(tmp_path):
    src = _set_row(_zeros_blank(BASE), "^ | （二）部分公开", "| 14 |", "|  |")
    a = _txt_audit(tmp_path, src, ["GR605", "GR651"], single_spaces=True)
    assert [(f.code, f.expected) for f in a.findings] == [("GR605", "14")], [f.message for f in a.findings]


def test_short_spaced_table4_row_with_an_error_is_not_resplit(tmp_path):
    # "120 30 150 2 1 4 10 10": the second block (2 + 1 ≠ 4) fits no reading;
    # its values are never cut into glued digits to make fifteen cells
    src = _t4(_row(rv_up="120", rv_co="30", rv_to="150", ld_up="2", ld_pe="1", ld_to="4", la_up="10", la_to="10"), "复议机关均予维持。")
    a = _txt_audit(tmp_path, src, ["GR611", "GR633"], single_spaces=True)
    rv = a.report.table("review")
    assert rv is not None and rv.ambiguous and not rv.cells
    assert not a.findings, [f.message for f in a.findings]


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_zero_statement_vs_table4_with_slashed_totals(tmp_path, fmt):
    # blocks printed with "/" for none, one direct lawsuit pending (尚未审结 1, 总计 1);
    # the 复议后起诉 block's "/" total stands for its parts: none. "未发生…行政诉讼" is false.
    cells = ["/"] * 15
    cells[5 + 3], cells[5 + 4] = "1", "1"
    src = _t4(cells, "全年没有发生涉及信息公开的行政复议、行政诉讼案件。")
    a = _audit_fmt(tmp_path, src, fmt, ["GR633"])
    assert [(f.code, f.expected) for f in a.findings] == [("GR633", "行政诉讼总计1")], [f.message for f in a.findings]
    passed = [v.subject for v in a.verdicts if v.code == "GR633" and v.status == "pass"]
    assert passed == ["表四 行政复议总计"], passed
