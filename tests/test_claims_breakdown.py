"""Breakdown claims (claims/breakdown.py) and GR301 on them.  Invented
examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str, select=("GR3",)):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=list(select))


def _bds(body: str):  # type: ignore[no-untyped-def]
    return _audit(body).report.claims.of("breakdown")


def test_partial_outcome_list_followed_by_other_clauses_is_not_a_sum():
    body = "本年度答复申请35件,其中予以公开15件、部分公开5件,公开比例57.1%;另有2件因涉及第三方需征询意见,转入下年度办理。"
    (bd,) = _bds(body)
    assert [p.text for p in bd.parts] == ["15件", "5件"] and not bd.complete
    assert not _audit(body).findings


def test_list_that_reaches_its_total_does_not_run_into_the_next_sentence():
    body = "本年新收申请33件,其中自然人27件、法人或其他组织6件;另有上年结转2件。全年共办结34件,其中同意公开19件。"
    bds = _bds(body)
    assert [p.text for p in bds[0].parts] == ["27件", "6件"]
    assert not _audit(body).findings
    body = "全年答复申请9件。其中予以公开4件,占44.4%;无法提供5件,占55.6%。剩余2件结转下年度办理。"
    assert not _audit(body, ("GR2", "GR3")).findings


def test_mid_sentence_qizhong_does_not_take_a_listed_part_as_total():
    body = "共受理申请53件,其中当面申请27件,网上申请17件,信函申请9件。从内容看以征地补偿居多,其中征地补偿类23件,占43.4%。"
    a = _audit(body, ("GR2", "GR3"))
    assert not a.findings
    assert all(bd.total.text != "9件" for bd in a.report.claims.of("breakdown"))


def test_overlapping_channels_may_exceed_the_total():
    body = "本年度借助政务网站、政务微博及户外显示屏共推送信息760条,其中政务网站刊载735条、政务微博转发388条。"
    (bd,) = _bds(body)
    assert bd.overlap
    assert not _audit(body).findings
    body = "本年度主动公开信息700条(同一信息在多个平台发布的只计一次),其中甲栏目600条、乙栏目350条。"
    assert not _audit(body).findings


def test_clause_about_another_activity_is_no_part():
    body = "举办政策吹风会6次,其中分管领导到场解读4次,组织网络直播9次。"
    (bd,) = _bds(body)
    assert [p.text for p in bd.parts] == ["4次"]
    assert not _audit(body).findings


def test_nested_breakdown_is_not_added_to_the_outer_one():
    body = "本年度申请总量75件(含上年结转3件),其中当年新增72件,由公民个人提交的58件、由企业提交的9件、由社会团体提交的5件。"
    assert not _audit(body).findings


def test_parts_exceeding_the_total_are_still_found():
    f = _audit("全年受理申请34件,其中予以公开21件,部分公开9件,不予公开6件。").findings
    assert [x.code for x in f] == ["GR301"] and f[0].severity == "error"


def test_closed_list_of_three_parallel_parts_short_of_total_is_a_warning():
    f = _audit("本年度主动公开信息520条,其中新闻动态300条,通知公告150条,人事信息60条。").findings
    assert [x.code for x in f] == ["GR301"] and f[0].severity == "warning"
    # Two parts, or a list going on with other clauses, say nothing of the rest.
    assert not _audit("本年度主动公开信息520条,其中新闻动态300条,通知公告150条。").findings
    assert not _audit("本年度主动公开信息520条,其中新闻动态300条,通知公告150条,人事信息60条等。").findings


def test_parts_summing_exactly_are_complete_even_with_rough_shares():
    body = "全年办结申请9件,其中予以公开5件,占55.6%;部分公开3件,占30%;不予公开1件,占11.1%。"
    (bd,) = _bds(body)
    assert bd.complete


def test_classified_list_of_shares_must_cover_its_total():
    body = "本年度共办结申请48件。按办理结果统计,予以公开24件,占50.0%;部分公开12件,占25.0%;不予公开6件,占12.5%。"
    fs = _audit(body, ("GR2", "GR3")).findings
    assert {f.code for f in fs} == {"GR202", "GR301"}
    assert all(f.severity == "warning" for f in fs)
    ok = "本年度共办结申请48件。按办理结果统计,予以公开24件,占50.0%;部分公开12件,占25.0%;不予公开12件,占25.0%。"
    assert not _audit(ok, ("GR2", "GR3")).findings


def test_bare_shares_of_a_classification_sum_to_100():
    fs = _audit("从申请渠道看,网上申请占61.0%,当面申请占20.0%,信函申请占9.0%。", ("GR202",)).findings
    assert [f.code for f in fs] == ["GR202"]
    assert not _audit("从申请渠道看,网上申请占61.0%,当面申请占30.0%,信函申请占9.0%。", ("GR202",)).findings


def test_total_as_scope_of_a_closed_list():
    body = "办结的45件中,予以公开的18件,部分公开的11件,不予公开的7件,无法提供的8件。"
    fs = _audit(body).findings
    assert [(f.code, f.severity) for f in fs] == [("GR301", "warning")]
    ok = "办结的45件中,予以公开的18件,部分公开的11件,不予公开的8件,无法提供的8件。"
    assert not _audit(ok).findings
    # a single part after the scope is no sum claim
    assert not _audit("在40件在线申请中,经政务服务平台递交的26件,占65.0%,余下的以传真方式递交。", ("GR2", "GR3")).findings


def test_previous_sentence_total_exceeded_by_mid_sentence_list_is_no_claim():
    body = "本年度新登记申请33件,连同上年转入的2件一起处理。上述申请已全部答复,其中同意公开及部分公开17件,不同意公开6件。"
    assert not _audit(body).findings


def test_main_categories_with_right_shares_not_covering_the_whole_are_a_selection():
    body = ("在本局网站主动公开的300条政府信息中,机构职能类信息120条,占40.0%;政策文件类信息60条,占20.0%;"
            "规划计划类信息45条,占15.0%;行政许可类信息60条,占20.0%。")
    (bd,) = [b for b in _bds(body) if b.total is not None and b.total.text == "300条"]
    assert not bd.complete
    assert not _audit(body, ("GR2", "GR3")).findings


def test_sub_category_restated_after_its_category_is_not_another_part():
    body = "全年办结申请36件,其中予以公开14件,部分公开7件,无法提供11件,因本机关不掌握相关政府信息无法提供9件,不予处理4件。"
    assert not _audit(body).findings
    # the same list without the restated sub-row but with a wrong count is still found
    assert [f.code for f in _audit("全年办结申请36件,其中予以公开14件,部分公开7件,无法提供11件,不予处理9件。").findings] == ["GR301"]


def test_list_running_past_a_prefix_that_makes_the_total_is_another_classification():
    body = "全年收到行政复议申请5件,其中新增行政复议3件,备案2件,维持原决定4件。"
    assert not _audit(body).findings


def test_approximate_total_with_parts_is_no_exact_sum():
    assert not _audit("全年接待咨询约3,800人次,其中现场咨询2,100人次,电话咨询1,500人次,网上咨询400人次。").findings
    assert not _audit("全年发布信息200余条,其中政策解读80条,工作动态90条,通知公告50条。").findings


def test_overlapping_channels_with_shares_are_not_a_share_breakdown():
    body = ("全年主动公开信息2,400条。其中,通过政府网站公开2,100条,占87.5%;通过政务微博公开1,300条,占54.2%;"
            "通过政务微信公开900条,占37.5%。")
    assert not _audit(body, ("GR2", "GR3")).findings


def test_a_few_notable_categories_of_a_large_total_are_a_selection():
    assert not _audit("本年度主动公开信息3,600条,其中政策文件120条,规划计划210条,人事信息60条。").findings


def test_a_state_is_no_scope():
    body = "全年收到申请40件,已办结38件,2件正在办理中,予以公开20件,部分公开11件。"
    assert not _audit(body).findings


def test_one_part_counted_inside_another_is_no_failed_sum():
    # 60 + 25 + 3 = 88: the 3 解读类 items are among the 25 政务信息.
    body = "网站全年发布信息85条,其中动态类信息60条,政务信息25条,解读类信息3条。"
    assert not _audit(body).findings
    # two stray parts are still an error
    assert [f.code for f in _audit("网站全年发布信息85条,其中动态类信息60条,政务信息25条,解读类信息3条,其他4条。").findings] == ["GR301"]


def test_two_halves_of_a_dichotomy_cover_their_total():
    fs = _audit("现有工作人员41名,其中专职人员12名,兼职人员28名。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR301", "warning")]
    assert not _audit("现有工作人员40名,其中专职人员12名,兼职人员28名。").findings
    # two parts of no dichotomy say nothing of the rest
    assert not _audit("全年办结申请41件,其中予以公开13件,部分公开27件。").findings


def test_numbers_in_slogans_and_names_are_no_claims():
    for body in (
        "秉持“接诉一件、化解一件”的服务要求,全年办结申请15件,其中予以公开9件,部分公开6件。",
        "严格落实三级审查制度,全年主动公开信息320条,其中政策文件45条。",
        "深入推进一网通办,全年受理申请26件,其中网上申请17件,当面申请9件。",
    ):
        assert not _audit(body, ("GR2", "GR3", "GR4", "GR5")).findings, body


def test_total_including_another_count_is_no_base_for_an_inferred_list():
    assert not _audit("本年度申请量为135件(含上年结转6件),其中由自然人提出108件,由法人或其他组织提出21件。").findings


def test_list_does_not_run_into_a_sentence_stating_its_own_base():
    # the 其中 list of a 主要涉及…等 selection, then a new total with its own list
    body = "全年共收到申请二十三件(含上年结转两件),主要涉及林权登记、危房改造等事项,其中林权登记7件、危房改造4件。本年新收的21件申请中,当面提交12件、网上提交8件、邮寄提交1件。"
    a = _audit(body)
    assert not a.findings
    bds = a.report.claims.of("breakdown")
    assert [[p.text for p in bd.parts] for bd in bds] == [["7件", "4件"], ["12件", "8件", "1件"]]
    assert not bds[0].complete
    for second in ("新收21件申请中,当面提交12件、网上提交8件、邮寄提交1件。", "新收21件,其中当面提交12件、网上提交8件、邮寄提交1件。"):
        assert not _audit("本年共接到申请23件,其中林权登记7件、危房改造4件。" + second).findings, second
    # a following sentence that continues the list is still read
    fs = _audit("本年共接到申请23件,其中林权登记7件、危房改造4件。就业6件,其他5件。").findings
    assert [f.code for f in fs] == ["GR301"]  # 7 + 4 + 6 + 5 = 22


def test_selection_named_before_qizhong_is_partial():
    body = "全年共收到申请40件,主要涉及林权登记、危房改造、低保审批等事项,其中林权登记17件、危房改造9件、低保审批11件。"
    (bd,) = _bds(body)
    assert not bd.complete and not _audit(body).findings


def test_topic_categories_far_short_of_their_total_are_a_selection():
    # a 其中 list of topic categories, no 等, no closing 其他, far below its total: partial
    body = "主动公开各类信息640条,其中防汛抗旱信息203条、教育招生信息118条、棚户区改造信息77条。"
    (bd,) = _bds(body)
    assert not bd.complete and not _audit(body).findings
    # …but a list marked complete that falls short is still an error
    for body in (
        "主动公开各类信息640条,其中防汛抗旱、教育招生、棚户区改造信息分别为203条、118条、77条。",
        "主动公开各类信息640条,其中防汛抗旱信息203条、教育招生信息118条、其他信息77条。",
    ):
        fs = _audit(body).findings
        assert [(f.code, f.severity) for f in fs] == [("GR301", "error")], body
    body = "主动公开各类信息640条,其中防汛抗旱信息203条,占31.7%;教育招生信息118条,占18.4%;棚户区改造信息77条,占50.0%。"
    assert "GR301" in [f.code for f in _audit(body, ("GR2", "GR3")).findings]


def test_next_sentence_of_another_classification_is_no_continuation():
    # topics, then channels: the channels overshoot the total, so they are not more topics
    body = "全年共收到申请19件,其中林权登记6件、危房改造4件。当面申请11件、网上申请8件。"
    (bd,) = _bds(body)
    assert [p.text for p in bd.parts] == ["6件", "4件"] and not _audit(body).findings
    # …while a continuation carrying shares still counts (and a wrong total is found)
    body = "本年度主动公开信息1,850条。其中,区级部门公开1,300条,占70%。各街道公开570条,占30%。"
    assert "GR301" in [f.code for f in _audit(body).findings]


def test_note_that_each_person_counts_once_makes_overlapping_parts():
    # A de-duplication note (只计一次 / 按一次计 / 仅统计1条): the parts per
    # channel may exceed the total counted once.
    for body in (
        "全年受理群众来电来访咨询2380人次,其中热线咨询1720人次、现场咨询905人次(同一人通过多种方式咨询的只计一次)。",
        "全年共接待咨询860人次,其中热线解答610人次、在线答疑330人次(重复咨询按一次计)。",
        "本年度发布信息700条(同一信息在网站和微信发布的仅统计1条),其中政务网站刊载650条、政务微博转发300条。",
    ):
        (bd,) = _bds(body)
        assert bd.overlap and not bd.complete, body
        assert not _audit(body).findings, body


def test_consultation_channels_may_overlap_but_application_channels_do_not():
    body = "全年接受业务咨询860人次,其中热线咨询610人次、网上咨询330人次。"
    (bd,) = _bds(body)
    assert bd.overlap
    assert not _audit(body).findings
    # Applications by channel are disjoint: the parts exceeding the total is an error.
    body = "本年度受理申请86件,其中网上申请61件、信函申请33件。"
    (f,) = _audit(body).findings
    assert f.code == "GR301" and f.severity == "error"
    # "共计1件" is no note of de-duplication.
    body = "全年接受投诉共计1件,全年受理申请40件,其中网上申请31件、信函申请12件。"
    assert [f.code for f in _audit(body).findings] == ["GR301"]


def test_qizhong_after_several_counts_may_break_down_an_earlier_one():
    # 其中 right after the carried-over count, but the parts exceed it: they
    # may break down the new applications before it (or both together).
    body = "本年度新收政府信息公开申请29件,上年结转4件,其中自然人申请21件。"
    (bd,) = _bds(body)
    assert bd.total.text == "29件"
    assert not _audit(body).findings
    body = "今年共登记申请23件,另有上年未办结的3件,其中公民个人提出的25件、企业提出的1件。"
    (bd,) = _bds(body)
    assert bd.total.value == 26
    assert not _audit(body).findings
    # A shortfall against such a guessed total is at most a warning.
    body = "本年度新收申请29件,上年结转4件,其中分别为自然人申请16件、法人申请7件。"
    (f,) = _audit(body).findings
    assert f.severity == "warning"
    # Parts exceeding every candidate are still an error.
    body = "本年度新收申请29件,上年结转4件,其中自然人申请21件、法人申请9件、其他组织申请5件。"
    (f,) = _audit(body).findings
    assert f.severity == "error"


def test_qizhong_after_a_main_count_keeps_it_as_the_total():
    # only an addendum (上年结转, 另有) hands the list to an earlier count: parts
    # exceeding the count right before 其中 (办结) are an error against it
    body = "全年共受理申请41件,办结33件,其中予以公开24件、不予公开12件。"
    (bd,) = _bds(body)
    assert bd.total.text == "33件"
    (f,) = _audit(body).findings
    assert (f.code, f.severity) == ("GR301", "error")


def test_list_after_juti_wei_is_the_whole_of_the_count_before():
    # 具体为 / 分别是 right after a count: the list that closes the sentence is complete.
    body = "本年度通过门户网站共发布政务信息730条,具体为:工作动态281条、通知公告96条、政策文件204条、人事信息139条。"
    (f,) = _audit(body).findings
    assert f.code == "GR301" and f.severity == "error" and f.reported == "720条"
    body = "全年受理申请53件,分别是当面申请6件、网上申请38件、信函申请9件。"
    assert not _audit(body).findings
    (bd,) = _bds(body)
    assert bd.complete and bd.cue == "分别是"
    # 具体包括: complete only from the list's shape (a warning), and a 等 makes it a selection.
    body = "本年度共发布政务信息730条,具体包括工作动态281条、通知公告96条、政策文件204条、人事信息139条。"
    (f,) = _audit(body).findings
    assert f.severity == "warning"
    body = "本年度共发布政务信息730条,具体包括工作动态281条、通知公告96条、政策文件204条等。"
    assert not _audit(body).findings
    # A list running on past its line, or names listed after 分别是, is not read as whole.
    body = "本年度共发布政务信息730条,具体为:工作动态281条、通知公告96条;"
    assert not _audit(body).findings
    body = "在城区设立三个查阅点,分别是市档案馆、市图书馆、政务大厅,14个街道也设立了查阅点。"
    assert not _audit(body).findings


def test_list_closed_by_its_own_total():
    # A trailing 合计/共计/共 N after a list is the list's total, and the list is whole.
    body = "本年度发布信息按栏目分,工作动态281条、通知公告96条、政策文件204条,合计591条。"
    (f,) = _audit(body).findings
    assert f.code == "GR301" and f.severity == "error" and f.reported == "581条" and f.expected == "591条"
    body = "依申请公开方面:窗口递交6件,在线提交11件,邮寄提交3件,共20件。"
    assert not _audit(body).findings
    (bd,) = _bds(body)
    assert bd.complete and bd.total.text == "20件" and len(bd.parts) == 3
    body = "依申请公开方面:窗口递交6件,在线提交11件,邮寄提交3件,共计21件。"
    (f,) = _audit(body).findings
    assert f.reported == "20件"
    # Other numbers in the stretch (an approximate count, a share): no plain list.
    body = "按栏目分,工作动态281条、通知公告约96条、政策文件204条,合计591条。"
    assert not _audit(body).findings
    body = "按栏目分,工作动态281条、占48.6%,通知公告96条,合计391条。"
    assert not _audit(body).findings


def test_qizhong_after_a_carried_over_count_may_break_down_the_previous_sentence_total():
    body = "本年度新收政府信息公开申请29件。上年结转4件,其中自然人申请21件。"
    (bd,) = _bds(body)
    assert bd.total.text == "29件"
    assert not _audit(body).findings
    # Not for a count that is no addendum: parts exceeding it stay an error.
    body = "本年度受理申请19件。办结12件,其中予以公开13件。"
    (f,) = _audit(body).findings
    assert f.severity == "error"


def test_note_of_de_duplication_in_the_next_sentence():
    body = "本年度发布信息700条,其中甲栏目600条、乙栏目350条。同一条信息在多个栏目发布的只计一次。"
    assert not _audit(body).findings
    # A bare 重复 in the next sentence is no such note.
    body = "本年度发布信息700条,其中甲栏目600条、乙栏目350条。重复申请3件。"
    assert [f.code for f in _audit(body).findings] == ["GR301"]


def test_specific_list_variants():
    # The cue opening the next sentence, and 分别为 with labelled counts.
    body = "本年度共发布政务信息730条。具体为:工作动态281条、通知公告96条、政策文件204条、人事信息139条。"
    (f,) = _audit(body).findings
    assert f.reported == "720条" and f.expected == "730条"
    body = "全年受理申请46件,分别为当面申请5件、网上申请31件、信函申请9件。"
    (f,) = _audit(body).findings
    assert f.reported == "45件"
    # A trailing total with a counted cue and a colon ("两项合计:").
    body = "按栏目分,工作动态281条、通知公告96条,两项合计:387条。"
    (f,) = _audit(body).findings
    assert f.reported == "377条" and f.expected == "387条"
    body = "按栏目分,工作动态281条、通知公告96条,两项合计:377条。"
    assert not _audit(body).findings


def test_list_running_into_another_clause_keeps_the_nearest_total():
    # The parts exceed the nearest count only because the list runs into a
    # clause about another activity: no earlier count is taken instead.
    body = "全年回应社会关切17次,举办政策吹风会9次,其中分管领导到场4次,组织网络直播6次。"
    (bd,) = _bds(body)
    assert bd.total.text == "9次" and [p.text for p in bd.parts] == ["4次"]
    assert not _audit(body).findings


def test_trailing_count_smaller_than_a_part_is_no_total():
    body = "全年收到申请26件,办结24件,共2件逾期答复。"
    assert not _audit(body).findings


def test_total_in_its_own_sentence_after_the_list():
    body = "按栏目分,工作动态420条、通知公告327条、政策文件300条。合计1,057条。"
    (f,) = _audit(body).findings
    assert f.reported == "1047条" and f.expected == "1,057条"
    body = "按栏目分,工作动态420条、通知公告327条、政策文件300条。合计1,047条。"
    assert not _audit(body).findings
    body = "全年收到申请26件,办结24件。共计2件逾期答复。"
    assert not _audit(body).findings


def test_more_note_and_cue_variants():
    # "…的计为1件": a relative clause saying how repeated items count.
    body = "本年度受理办件820件(同一事项先后在两地提交的计为1件),其中甲类办件610件、乙类办件355件。"
    assert not _audit(body).findings
    body = "本年度受理办件820件,其中甲类办件610件、乙类办件355件。"
    assert [f.code for f in _audit(body).findings] == ["GR301"]
    # 具体分为 / 分为: opens a complete list.
    for cue in ("具体分为", "分为:"):
        body = f"本年度共发布政务信息730条,{cue}工作动态281条、通知公告96条、政策文件204条、人事信息139条。"
        (f,) = _audit(body).findings
        assert f.severity == "error" and f.reported == "720条", cue


# --- a classification of a count stated before it --------------------------------
def _gr3(text: str):
    return [(f.code, f.severity, f.reported, f.expected) for f in gireport.audit(text="一、概述\n" + text + "\n", select=["GR3"]).findings]


def test_classification_list_against_the_count_before_it():
    """"按申请方式分,…" lists the count of the sentence before: parts that
    exceed it, or fall a little short, contradict it — a warning, because
    the total is read from the text before the list."""
    assert _gr3("全年共受理申请47件，其中本级受理20件，部门受理27件。按申请方式分，当面申请18件，网上申请25件，信函申请6件。") == [("GR301", "warning", "49件", "47件")]
    assert _gr3("全年共受理申请47件。从申请渠道看，网上申请25件、当面申请18件、信函申请3件。") == [("GR301", "warning", "46件", "47件")]
    assert _gr3("全年共受理申请47件。从申请渠道看，网上申请25件、当面申请18件、信函申请4件。") == []


def test_classification_list_of_new_and_carried_over_applications():
    """The classified count may be two stated side by side (新收 + 上年结转)
    or either of them."""
    assert _gr3("全年新收申请61件，上年结转5件。按申请方式分，网上申请40件，当面申请26件。") == []
    assert _gr3("全年新收申请61件，上年结转5件。按申请方式分，网上申请40件，当面申请21件。") == []


def test_classification_list_stops_at_the_next_classification():
    assert _gr3("全年新收申请61件。从申请渠道看，网上申请40件、当面申请21件；从申请人看，自然人申请55件。") == []
    assert _gr3("全年新收申请61件。从申请渠道看，网上申请40件、当面申请20件，从申请人看，自然人申请55件。") == [("GR301", "warning", "60件", "61件")]


def test_classification_far_short_of_the_count_is_a_selection():
    assert _gr3("全年主动公开信息980条。按信息类别分，机构职能类120条、政策文件类85条。") == []


# --- shares of disjoint categories over 100% ---------------------------------------
def _gr2(text: str):
    return [(f.code, f.reported) for f in gireport.audit(text="一、概述\n" + text + "\n", select=["GR2"]).findings]


def test_shares_of_disjoint_categories_cannot_exceed_100():
    """Shares of how applications were submitted (or by whom, or how they
    were answered) after 其中 need not cover the whole, but cannot sum to more
    than 100%; channels of publication may overlap and are not summed."""
    assert _gr2("全年新收申请31件。其中网上申请占61.3%，当面申请占29.0%，信函申请占19.4%。") == [("GR202", "109.7%")]
    assert _gr2("全年新收申请31件。其中网上申请占61.3%，当面申请占29.0%。") == []
    assert _gr2("全年发布信息310条。其中网站发布占90%，微信发布占70%。") == []


def test_list_followed_by_a_rate_clause_still_closes():
    """Three parallel parts of a 其中 list followed only by a rate of the
    whole ("…,按期办结率98.6%") end the list as a full stop would; a count
    after the rate ("其余10件…") keeps it open."""
    base = "全年受理群众诉求1,240件，其中热线转办的706件、网格上报的401件、来访的{n}件，按期办结率98.6%{tail}。"
    assert _gr3(base.format(n=123, tail="")) == [("GR301", "warning", "1230件", "1,240件")]
    assert _gr3(base.format(n=133, tail="")) == []
    assert _gr3(base.format(n=123, tail="，其余10件正在办理")) == []


def test_a_count_per_unit_is_no_part_of_the_total_after_it():
    # 各…各明确1名: one per unit; the 共6名 counts the units' officers, not 2 + 1
    body = "办公室配备专职人员2名,各科室和直属单位各明确1名兼职联络员,共6名。"
    a = gireport.audit(text="青禾县人民政府2015年政府信息公开工作年度报告\n一、概述\n" + body, limits=False)
    assert not [c for c in a.report.claims if c.type == "breakdown"]
    assert not [f for f in a.findings if f.code == "GR301"]
    # the same list without 各 is read, and does not add up
    plain = body.replace("各科室和直属单位各明确1名", "科室和直属单位明确1名")
    [f] = [f for f in gireport.audit(text="青禾县人民政府2015年政府信息公开工作年度报告\n一、概述\n" + plain, limits=False).findings if f.code == "GR301"]
    assert (f.reported, f.expected) == ("3名", "6名")


def _classified(body: str):  # type: ignore[no-untyped-def]
    return gireport.audit(text="青禾县人民政府2015年政府信息公开工作年度报告\n一、概述\n" + body, limits=False)


def test_a_classified_list_of_the_main_items_only_is_no_breakdown():
    a = _classified("全年主动公开信息2,000条。其中规范性文件30件。从内容看,主动公开的信息主要包括甲类400条、乙类500条、丙类300条。")
    assert not [f for f in a.findings if f.code == "GR301"]
    a = _classified("全年主动公开信息2,000条。其中规范性文件30件。从内容看,甲类400条、乙类500条、丙类300条,此外还有机构职能等信息。")
    assert not [f for f in a.findings if f.code == "GR301"]


def test_a_count_opening_a_qizhong_sentence_is_no_total_of_a_later_classification():
    # the 30件 are a subset of the 2,000条; the classification is read against
    # the 2,000, which it covers less than nine tenths of: no claim
    a = _classified("全年主动公开信息2,000条。其中规范性文件30件。从内容看,甲类400条、乙类500条、丙类300条。")
    assert not [f for f in a.findings if f.code == "GR301"]
    # against a cued total it does cover, it is still read
    a = _classified("全年主动公开信息1,250条。其中规范性文件30件。从内容看,甲类400条、乙类500条、丙类300条。")
    [f] = [f for f in a.findings if f.code == "GR301"]
    assert (f.severity, f.expected) == ("warning", "1,250条")


def test_a_qizhong_list_under_one_kind_of_answer_stops_at_another_kind():
    # 不予处理 is a sibling of 无法提供, not one of its parts
    a = _classified(
        "三、依申请公开情况\n全年办结150件。在办结的申请中,无法提供40件,占办结总数的26.7%,"
        "其中本机关不掌握相关政府信息25件,占无法提供类的62.5%;不予处理30件,占20.0%。"
    )
    bds = [c for c in a.report.claims if c.type == "breakdown" and c.total.text == "40件"]
    assert [[p.text for p in b.parts] for b in bds] == [["25件"]]
    assert not [f for f in a.findings if f.code in ("GR301", "GR201", "GR202")]


def test_a_count_opening_a_new_base_ends_a_qizhong_list():
    # "已审结的6件中被纠错1件" restates a part and opens its own base: no further part
    body = "四、复议和诉讼情况\n全年被申请行政复议7件,其中已审结6件,结果维持4件、结果纠正1件、其他结果1件;已审结的6件中被纠错1件。"
    a = _classified(body)
    bds = [c for c in a.report.claims if c.type == "breakdown" and c.total.text == "7件"]
    assert [[p.text for p in b.parts] for b in bds] == [["6件"]]
    assert not [f for f in a.findings if f.code == "GR301"]


def test_a_list_by_a_classification_after_fenbie_wei_breaks_the_count_down():
    body = "二、主动公开政府信息情况\n全年主动公开信息1,000条,按栏目分别为政策文件类300条、工作动态类500条、公示公告类{n}条。"
    assert not [f for f in _classified(body.format(n=200)).findings if f.code == "GR301"]
    [f] = [f for f in _classified(body.format(n=250)).findings if f.code == "GR301"]
    assert (f.reported, f.expected) == ("1050条", "1,000条")


def test_last_years_value_of_a_part_is_no_part_and_a_gazette_is_a_channel():
    body = (
        "二、主动公开政府信息情况\n全年主动公开政府信息1,500条,比上年增加200条。其中,通过门户网站公开1,480条,"
        "通过《青禾县人民政府公报》公开20条,通过政务微博发布600条,比上年的300条翻了一番。"
    )
    a = _classified(body)
    [bd] = [c for c in a.report.claims if c.type == "breakdown" and c.total.text == "1,500条"]
    assert [p.text for p in bd.parts] == ["1,480条", "20条", "600条"] and bd.overlap  # channels: the same item in several
    assert not [f for f in a.findings if f.code == "GR301"]


def test_citizens_and_organisations_are_the_two_halves_of_the_applicants():
    body = "三、依申请公开政府信息情况\n全年共受理政府信息公开申请40件,其中公民申请{a}件,法人和其他组织申请6件。"
    assert not [f for f in _classified(body.format(a=34)).findings if f.code == "GR301"]
    [f] = [f for f in _classified(body.format(a=32)).findings if f.code == "GR301"]
    assert (f.severity, f.reported, f.expected) == ("warning", "38件", "40件")  # complete read from the pair: a warning
