"""GR636: the narrative against the old statistics table (2014–2018)."""

from __future__ import annotations

import gireport

HEAD = "澄溪县统计局2016年政府信息公开工作年度报告\n"
PARTS = (
    "一、概述\n2016年,我局认真贯彻落实《条例》,扎实推进政府信息公开工作。\n"
    "二、主动公开政府信息情况\n{proactive}\n"
    "三、依申请公开政府信息情况\n{request}\n"
    "四、信息公开收费和减免情况\n本年度未收取任何费用。\n"
    "五、涉及信息公开的行政复议和行政诉讼情况\n{review}\n"
    "六、存在的主要问题及改进措施\n一是栏目更新不够及时;二是解读形式较为单一。\n"
    "七、政府信息公开情况统计表\n"
    "| 统计指标 | 单位 | 统计数 |\n"
    "| --- | --- | --- |\n"
    "| {label} | 条 | 4127 |\n"
    "| (一)收到申请数 | 件 | 36 |\n"
    "| 1.当面申请数 | 件 | 20 |\n"
    "| 3.网络申请数 | 件 | 12 |\n"
    "| 4.信函申请数 | 件 | 4 |\n"
    "| (一)行政复议数量 | 件 | 1 |\n"
    "| (二)行政诉讼数量 | 件 | 0 |\n"
    "澄溪县统计局\n2017年3月10日\n"
)


def audit(proactive="全年共主动公开政府信息4127条。", request="全年共收到政府信息公开申请36件。",
          review="本年度被申请行政复议1件,未发生行政诉讼。", label="(一)主动公开政府信息数"):
    text = HEAD + PARTS.format(proactive=proactive, request=request, review=review, label=label)
    return gireport.audit(text=text, select=["GR636"])


def statuses(a):
    return sorted((v.subject, v.status) for v in a.verdicts)


def test_consistent_restatements_pass():
    a = audit()
    assert not a.findings, [f.message for f in a.findings]
    assert ("统计表 主动公开政府信息数", "pass") in statuses(a)
    assert ("统计表 收到申请数", "pass") in statuses(a)
    assert ("统计表 行政复议数量", "pass") in statuses(a)


def test_transposed_digits_are_a_warning():
    a = audit(proactive="全年共主动公开政府信息4172条。")
    (f,) = a.findings
    assert (f.code, f.severity, f.reported, f.expected) == ("GR636", "warning", "4172条", "4127")
    assert [e.text for e in f.evidence] == ["4172条", "4127"]


def test_channel_restatement_is_checked():
    a = audit(request="全年共收到政府信息公开申请36件,其中当面申请20件、网络申请10件、信函申请4件。")
    assert [(f.reported, f.expected) for f in a.findings] == [("10件", "12")]


def test_other_scopes_are_no_restatement():
    # last year's figure, a part of the organ, a cumulative count, an approval hall
    a = audit(
        proactive="较上年主动公开政府信息3980条有所增加,各乡镇主动公开政府信息1200条。",
        request="政务服务中心共受理审批申请15880件。",
    )
    assert not a.findings, [f.message for f in a.findings]
    assert not [v for v in a.verdicts if v.status == "fail"]


def test_earlier_local_form_labels():
    # the local forms before 2014 label the row 主动公开信息数
    a = audit(proactive="全年共主动公开政府信息4172条。", label="一、主动公开信息数")
    assert [(f.reported, f.expected) for f in a.findings] == [("4172条", "4127")]


def test_approximate_numbers_are_not_compared():
    a = audit(proactive="全年共主动公开政府信息4100余条。")
    assert not a.findings


def test_counts_of_part_of_the_year_are_no_restatement():
    """"上半年…收到申请15件" counts half the year: not the table's year total
    (the year's own count is still checked)."""
    a = audit(request="上半年,我局收到政府信息公开申请15件;下半年又收到21件,全年共收到申请36件。")
    assert not a.findings, [f.message for f in a.findings]
    assert ("统计表 收到申请数", "pass") in statuses(a)
    b = audit(request="第一季度收到政府信息公开申请9件,全年共收到申请35件。")
    assert [(f.reported, f.expected) for f in b.findings] == [("35件", "36")]


def _with_answers(request: str):  # type: ignore[no-untyped-def]
    rows = "| (三)申请答复数 | 件 | 36 |\n| 2.同意公开答复数 | 件 | 20 |\n| 3.同意部分公开答复数 | 件 | 6 |\n| 4.不同意公开答复数 | 件 | 3 |\n"
    text = HEAD + PARTS.replace("| (一)行政复议数量", rows + "| (一)行政复议数量").format(
        proactive="全年共主动公开政府信息4127条。", request=request, review="本年度被申请行政复议1件,未发生行政诉讼。", label="(一)主动公开政府信息数"
    )
    return gireport.audit(text=text, select=["GR636"])


def test_answers_of_each_kind_are_restatements():
    a = _with_answers("全年共收到政府信息公开申请36件。从答复类型看,同意公开20件,同意部分公开6件,不同意公开3件,其余为告知类答复。")
    assert not a.findings, [f.message for f in a.findings]
    for row in ("同意公开答复数", "同意部分公开答复数", "不同意公开答复数"):
        assert (f"统计表 {row}", "pass") in statuses(a)
    a = _with_answers("全年共收到政府信息公开申请36件。从答复类型看,同意公开22件,同意部分公开6件,不同意公开3件。")
    assert [(f.reported, f.expected, f.severity) for f in a.findings] == [("22件", "20", "warning")]


def test_an_answer_count_of_a_subset_is_no_restatement():
    # the whole clause must be the answer: a count of the online applications is not the table's
    a = _with_answers("全年共收到政府信息公开申请36件,对网络申请同意公开9件。")
    assert not a.findings and not [v for v in a.verdicts if "同意公开" in (v.subject or "")]
