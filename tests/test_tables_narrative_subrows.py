"""A Table 3 sub-row restated in the narrative by its reason ("因属于行政执法案卷
不予公开的3件", "因涉及第三方的合法权益不予公开4件") is compared with its own
sub-row, not with its group (（三）不予公开 …); a reason that names no sub-row
("因其他法定事由不予公开") is a part of the group and untestable; 全部办结 as a
noun (占全部办结量的…) is no "all closed" claim.  Invented reports (no real or
evaluation text).

The base table (2021 form): 不予公开 0 0 1 4 1 2 3 4 (15), 无法提供 38 6 3
(47), 不予处理 8 5 1 0 2 (16), 其他处理 9 1 4 (14), 办结 177, 结转 4.
"""

from __future__ import annotations

import pytest

import gireport

from test_tables_blanks import BASE, _audit, _swap

ANCHOR = "2021年，全县因政府信息公开工作"


def _with(sentence: str, src: str = BASE) -> str:
    return _swap(src, ANCHOR, sentence + ANCHOR)


def _new(tmp_path, sentence: str, src: str, select: list[str]):
    """The audit of the report with the sentence, and the findings that the
    report without it does not have (the base report has planted errors of
    its own)."""
    before = {(f.code, f.reported, f.expected) for f in _audit(tmp_path, src, "html", select).findings}
    a = _audit(tmp_path, _with(sentence, src), "html", select)
    return a, [f for f in a.findings if (f.code, f.reported, f.expected) not in before]


def _gr631(tmp_path, sentence: str, src: str = BASE):
    a, new = _new(tmp_path, sentence, src, ["GR631"])
    return a, [(f.reported, f.expected) for f in new]


def _as_2019(src: str) -> str:
    """The same table in the 2019 form: (六)其他处理 one row (9 + 1 + 4)."""
    lines = src.splitlines(keepends=True)
    i = next(n for n, x in enumerate(lines) if "（六）其他处理" in x)
    row = "| ^ | （六）其他处理 | < | 9 | 3 | 0 | 0 | 1 | 1 | 14 |\n"
    return "".join(lines[:i]) + row + "".join(lines[i + 3 :])


# --- one sub-row named by its reason ----------------------------------------------------------
@pytest.mark.parametrize(
    "good, bad, expected",
    [
        # 不予公开 7.属于行政执法案卷 3 (the group is 15)
        ("因属于行政执法案卷而决定不予公开3件。", "因属于行政执法案卷而决定不予公开5件。", "3"),
        # 8.属于行政查询事项 4, worded as 查询类事项
        ("因申请内容系查询类事项不予公开的4件。", "因申请内容系查询类事项不予公开的6件。", "4"),
        # 5.属于三类内部事务信息 1
        ("因属于内部事务信息依法不予公开的1件。", "因属于内部事务信息依法不予公开的2件。", "1"),
        # 4.保护第三方合法权益 4, paraphrased with 涉及 (a word that otherwise narrows a clause)
        ("因涉及第三方的合法权益不予公开4件。", "因涉及第三方的合法权益不予公开7件。", "4"),
        # 3.危及“三安全一稳定” 1, paraphrased
        ("因公开后可能危及社会稳定不予公开1件。", "因公开后可能危及社会稳定不予公开2件。", "1"),
        # 不予处理 3.要求提供公开出版物 1 (the group is 16)
        ("因属于要求提供公开出版物而不予处理的1件。", "因属于要求提供公开出版物而不予处理的3件。", "1"),
        # 不予处理 5.要求行政机关确认或重新出具已获取信息 2
        ("因要求重新出具已获取信息不予处理2件。", "因要求重新出具已获取信息不予处理4件。", "2"),
        # 无法提供 1.本机关不掌握 38, worded as outside the organ's remit
        ("因所申请信息不属于本机关职责范围无法提供38件。", "因所申请信息不属于本机关职责范围无法提供40件。", "38"),
        # 无法提供 3.补正后申请内容仍不明确 3 (the group is 47)
        ("因补正后申请内容仍不明确无法提供的3件。", "因补正后申请内容仍不明确无法提供的8件。", "3"),
        # 其他处理 (2021) 1.逾期不补正 9, 2.逾期未缴费 1 (the group is 14)
        ("因申请人逾期未补正而作其他处理的9件。", "因申请人逾期未补正而作其他处理的11件。", "9"),
        ("申请人逾期未按收费通知缴纳费用、不再处理的1件。", "申请人逾期未按收费通知缴纳费用、不再处理的2件。", "1"),
    ],
)
def test_reason_names_its_sub_row(tmp_path, good, bad, expected):
    a, got = _gr631(tmp_path, good)
    assert got == [], got
    assert [v for v in a.verdicts if v.code == "GR631" and v.status == "pass" and "·" in (v.subject or "")], "the sub-row was not read"
    _, got = _gr631(tmp_path, bad)
    assert len(got) == 1 and got[0][1].endswith(" " + expected), got


def test_several_named_sub_rows_are_summed(tmp_path):
    # 5.内部事务 1 + 6.过程性信息 2 = 3; the group 15 is no reading of them
    _, got = _gr631(tmp_path, "因属于内部事务信息和过程性信息不予公开的3件。")
    assert got == [], got
    _, got = _gr631(tmp_path, "因属于内部事务信息和过程性信息不予公开的5件。")
    assert len(got) == 1 and "3" in got[0][1], got
    # the three 无法提供 reasons listed in one long clause: their sum is the group
    _, got = _gr631(tmp_path, "因本机关不掌握相关政府信息、没有现成信息需要另行制作、补正后申请内容仍不明确而无法提供的共47件。")
    assert got == [], got
    _, got = _gr631(tmp_path, "因本机关不掌握相关政府信息、没有现成信息需要另行制作、补正后申请内容仍不明确而无法提供的共44件。")
    assert len(got) == 1 and "47" in got[0][1], got


# --- a reason that names no sub-row -----------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "因其他法定事由不予公开的11件。",  # a part of the group (15), not the group
        "因涉及敏感事项不予公开2件。",  # a reason outside the form's rows
        "因涉及国家秘密、过程性信息等不予公开的9件。",  # 等: the named rows are not all
        "因执法案卷及其他原因不予公开的8件。",  # a named row and an unnamed rest
        "因属于要求提供公开出版物或大量反复申请而不予处理的6件。",  # A或B: a loose "for such reasons"
    ],
)
def test_unnamed_reason_is_untestable_not_the_group(tmp_path, sentence):
    a, got = _gr631(tmp_path, sentence)
    assert got == [], got
    assert [v for v in a.verdicts if v.code == "GR631" and v.status == "untestable"]


@pytest.mark.parametrize(
    "sentence",
    [
        "经查询核实后不予公开的15件。",  # 查询 as "after checking", not 行政查询事项 (4)
        "经确认属于信访举报投诉类申请不予处理的8件。",  # 经确认 is no 5.要求确认 row: 信访 alone (8)
    ],
)
def test_everyday_words_are_no_reason(tmp_path, sentence):
    _, got = _gr631(tmp_path, sentence)
    assert got == [], got


@pytest.mark.parametrize(
    "sentence",
    [
        "因本机关不掌握等原因无法提供47件。",  # 等原因: here the whole 无法提供 group (47)
        "因其他法定事由不予公开的15件。",  # a reason naming no row, equal to the group (15)
        "因属于内部事务信息、过程性信息等不予公开的3件。",  # 等 closing a list: the named rows (1 + 2)
    ],
)
def test_open_reason_passes_when_a_reading_fits(tmp_path, sentence):
    a, got = _gr631(tmp_path, sentence)
    assert got == [], got
    assert not [v for v in a.verdicts if v.code == "GR631" and v.status == "untestable"]


def test_long_reason_after_qizhong_is_read_whole(tmp_path):
    # a reason longer than the restatement window, after 其中: its 涉及 does not narrow the sentence
    s = "全年不予公开15件，其中因申请公开的信息涉及第三方的商业秘密和个人隐私、公开后会损害其合法权益而不予公开的{}件。"
    _, got = _gr631(tmp_path, s.format(4))
    assert got == [], got
    _, got = _gr631(tmp_path, s.format(6))
    assert len(got) == 1 and got[0][1].endswith(" 4"), got
    # a sentence narrowed to a channel before 其中 is still not the table's row
    _, got = _gr631(tmp_path, "网上申请中不予公开5件，其中因涉及第三方的合法权益不予公开的2件。")
    assert got == [], got


@pytest.mark.parametrize(
    "good, bad",
    [
        ("其中属于信访举报投诉类申请的8件。", "其中属于信访举报投诉类申请的9件。"),
        ("申请人无正当理由逾期不补正的9件。", "申请人无正当理由逾期不补正的7件。"),
        ("本机关不掌握相关政府信息的38件。", "本机关不掌握相关政府信息的36件。"),
        ("要求行政机关确认或重新出具已获取信息的2件。", "要求行政机关确认或重新出具已获取信息的3件。"),
        ("补正后申请内容仍不明确的3件。", "补正后申请内容仍不明确的5件。"),
    ],
)
def test_label_alone_restates_its_row(tmp_path, good, bad):
    _, got = _gr631(tmp_path, good)
    assert got == [], got
    _, got = _gr631(tmp_path, bad)
    assert len(got) == 1, got


def test_plain_group_is_still_the_group(tmp_path):
    _, got = _gr631(tmp_path, "全年依法不予公开15件。")
    assert got == [], got
    _, got = _gr631(tmp_path, "全年依法不予公开12件。")
    assert len(got) == 1 and "15" in got[0][1], got


def test_subject_clause_with_sheyi_is_not_a_reason(tmp_path):
    # 其中涉及第三方合法权益的12件: applications about third parties, not refusals
    _, got = _gr631(tmp_path, "全年收到申请中，其中涉及第三方合法权益的12件。")
    assert got == [], got


# --- the 2019 form ------------------------------------------------------------------------------
def test_sub_rows_in_the_2019_form(tmp_path):
    src = _as_2019(BASE)
    a = _audit(tmp_path, src, "html", ["GR60"])
    assert a.report.table("applications").layout == "2019" and not a.findings, [f.message for f in a.findings]
    _, got = _gr631(tmp_path, "因属于行政查询事项不予公开的4件。", src)
    assert got == [], got
    _, got = _gr631(tmp_path, "因属于行政查询事项不予公开的5件。", src)
    assert len(got) == 1 and got[0][1].endswith(" 4"), got
    # the 2019 form has no sub-rows of 其他处理: a named reason there is untestable
    a, got = _gr631(tmp_path, "因申请人逾期未补正而作其他处理的3件。", src)
    assert got == [], got
    assert [v for v in a.verdicts if v.code == "GR631" and v.status == "untestable"]


# --- GR632: a worded share whose part is a sub-row -------------------------------------------
def test_worded_share_of_a_sub_row(tmp_path):
    # 4 of 177 processed = 2.26%; the group (15) would be 8.5%
    _, new = _new(tmp_path, "因属于行政查询事项不予公开的申请占办结总数的2.3%。", BASE, ["GR632"])
    assert not new, [f.message for f in new]
    _, new = _new(tmp_path, "因属于行政查询事项不予公开的申请占办结总数的3.4%。", BASE, ["GR632"])
    assert [f.reported for f in new] == ["3.4%"]


# --- GR635: 全部办结 as a noun ------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "全年办结申请177件，其中予以公开81件，占全部办结量的45.8%。",
        "予以公开的申请在全部办结申请中占四成以上。",
        "依申请公开方面，予以公开81件，占全部办结数的45.8%。",
    ],
)
def test_all_closed_as_a_noun_is_no_claim(tmp_path, sentence):
    _, new = _new(tmp_path, sentence, BASE, ["GR635"])
    assert not new, [f.message for f in new]
    # a claim beside it is still read (4 carried over)
    _, new = _new(tmp_path, sentence + "本年度的申请已全部办结。", BASE, ["GR635"])
    assert [f.expected for f in new] == ["4"]


@pytest.mark.parametrize(
    "sentence",
    [
        "全县共评查行政执法案卷30件。",  # 执法案卷 without 属于 or 不予公开: case files reviewed
        "全年共发出信息处理费收费通知3件。",  # notices issued, not applications dropped for unpaid fees
        "全年共开通行政查询事项6个。",  # query services, not refusals
        "全年受理群众信访举报投诉28件。",  # complaints handled, not the 信访举报投诉类申请 row (8)
        "督查组抽查各单位台账发现重复申请7件。",  # a finding of an inspection, not the 重复申请 row (5)
    ],
)
def test_label_words_in_other_sentences_are_no_restatement(tmp_path, sentence):
    a, got = _gr631(tmp_path, sentence)
    assert got == [], got
    assert not [v for v in a.verdicts if v.code == "GR631" and "·" in (v.subject or "")]


def test_group_split_over_a_named_sub_row_and_an_unnamed_reason(tmp_path):
    # 行政查询事项 4 + another reason 11 = the 不予公开 group 15: the unnamed part passes
    a, got = _gr631(tmp_path, "因属于行政查询事项不予公开的4件，另有因其他法定情形不予公开的11件。")
    assert got == [], got
    assert not [v for v in a.verdicts if v.code == "GR631" and v.status == "untestable"]
    assert [v for v in a.verdicts if v.code == "GR631" and v.status == "pass" and "+" in (v.reading or "")]
    # 4 + 9 ≠ 15: still no mismatch (another part may be stated elsewhere), untestable
    a, got = _gr631(tmp_path, "因属于行政查询事项不予公开的4件，另有因其他法定情形不予公开的9件。")
    assert got == [], got
    assert [v for v in a.verdicts if v.code == "GR631" and v.status == "untestable"]


# --- Table 4 against 均为维持 and 均已办结 (cases, not applications) ---------------
def _t4(sentence: str):
    from pathlib import Path

    src = (Path(__file__).resolve().parents[1] / "corpus" / "qinghe-county-2021.txt").read_text(encoding="utf-8")
    old = "2021年，全县因政府信息公开工作被申请行政复议6件、被提起行政诉讼3件。"
    assert old in src
    a = gireport.audit(text=src.replace(old, sentence), select=["GR633"])
    return [(f.code, f.reported) for f in a.findings]


def test_all_upheld_written_with_wei_is_checked():
    # the review block has 结果纠正 1 and 尚未审结 1: "均为维持" cannot hold
    assert _t4("全县被申请行政复议6件，复议结果均为维持。") == [("GR633", "均为维持")]


def test_cases_all_closed_with_banjie_is_checked_but_applications_are_not():
    assert _t4("全县被申请行政复议6件，复议案件均已办结。") == [("GR633", "均已办结")]
    assert _t4("全县收到的政府信息公开申请均已办结。") == []


def test_a_count_of_part_of_the_year_is_no_restatement_of_table_3():
    from pathlib import Path

    src = (Path(__file__).resolve().parents[1] / "corpus" / "qinghe-county-2021.txt").read_text(encoding="utf-8")
    marker = "2021年，全县因政府信息公开工作被申请行政复议6件、被提起行政诉讼3件。"
    extra = "上半年，全县新收政府信息公开申请12件。"
    a = gireport.audit(text=src.replace(marker, extra + marker), select=["GR631"])
    assert not [f for f in a.findings if "12件" in f.reported], [f.message for f in a.findings]
