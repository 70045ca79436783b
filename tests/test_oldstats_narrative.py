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


#: The old statistics table printed as text, aligned by display width: the
#: reasons under 不同意公开答复数 are indented deeper than the other rows and
#: one of them runs past the unit column.
ALIGNED_TABLE = """\
统计指标                                        单位    统计数
一、主动公开情况
（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）    条      1386
    其中：主动公开规范性文件数                  条      14
          制发规范性文件总数                    件      16
（二）各渠道公开情况
    1.政府公报公开政府信息数                    条      22
    2.政府网站公开政府信息数                    条      1302
    3.政务微博公开政府信息数                    条      486
    4.政务微信公开政府信息数                    条      731
    5.其他方式公开政府信息数                    条      95
二、回应解读情况
（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）    次      9
（二）各渠道回应情况
    1.参加或举办新闻发布会总次数                次      5
      其中：主要负责同志参加新闻发布会次数      次      2
    2.政府网站在线访谈次数                      次      3
      其中：主要负责同志参加政府网站在线访谈次数    次      1
    3.政策解读稿件发布数                        篇      27
    4.微博微信回应事件数                        次      6
    5.其他方式回应事件数                        次      0
三、依申请公开情况
（一）收到申请数                                件      56
    1.当面申请数                                件      17
    2.传真申请数                                件      0
    3.网络申请数                                件      33
    4.信函申请数                                件      6
（二）申请办结数                                件      56
    1.按时办结数                                件      56
    2.延期办结数                                件      0
（三）申请答复数                                件      56
    1.属于已主动公开范围数                      件      9
    2.同意公开答复数                            件      24
    3.同意部分公开答复数                        件      5
    4.不同意公开答复数                          件      6
      其中：涉及国家秘密                        件      0
            涉及商业秘密                        件      1
            涉及个人隐私                        件      3
            危及国家安全、公共安全、经济安全和社会稳定    件      0
            不是《条例》所指政府信息            件      2
            法律法规规定的其他情形              件      0
    5.不属于本行政机关公开                      件      4
    6.申请信息不存在                            件      5
    7.告知作出更改补充                          件      2
    8.告知通过其他途径办理                      件      1
四、行政复议数量                                件      2
    （一）维持具体行政行为数                    件      1
    （二）被依法纠错数                          件      0
    （三）其他情形数                            件      1
五、行政诉讼数量                                件      1
    （一）维持具体行政行为或者驳回原告诉讼请求数    件      1
    （二）被依法纠错数                          件      0
    （三）其他情形数                            件      0
六、举报投诉数量                                件      0
七、依申请公开信息收取的费用                    万元    0
八、机构建设和保障经费情况
（一）政府信息公开工作专门机构数                个      1
（二）设置政府信息公开查阅点数                  个      2
（三）从事政府信息公开工作人员数                人      7
    1.专职人员数                                人      2
    2.兼职人员数                                人      5
（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）    万元    3.5
九、政府信息公开会议和培训情况
（一）召开政府信息公开工作会议或专题会议数      次      4
（二）举办各类培训班数                          次      2
（三）接受培训人员数                            人次    135
"""


def test_aligned_text_rows_indented_deeper_keep_their_values():
    text = HEAD + "一、概述\n2016年,我局推进政府信息公开。\n二、政府信息公开情况统计表\n" + ALIGNED_TABLE
    a = gireport.audit(text=text, select=["GR641"])
    t = a.report.table("old_stats")
    assert [t.get(k, "value").text for k in ("涉及商业秘密", "涉及个人隐私", "不是《条例》所指政府信息")] == ["1", "3", "2"]
    assert not a.findings, [f.message for f in a.findings]
