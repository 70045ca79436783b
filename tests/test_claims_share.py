"""Share claims (claims/share.py) and GR201.  Invented examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str, select=("GR2",)):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=list(select))


def test_part_named_by_a_new_subject_is_not_the_count_before():
    body = "全年累计推送政务信息1,600条。其中区本级推送320条,委办局推送1,040条,街道推送240条,委办局推送量占推送总量的65.0%。"
    a = _audit(body, ("GR2", "GR3"))
    assert not a.findings
    shares = [s for s in a.report.claims.of("share") if s.percent is not None and s.percent.text == "65.0%"]
    assert shares and shares[0].part is None


def test_rate_defined_in_brackets_after_a_clause_break_has_no_part():
    body = "本年度办理申请48件,其中同意公开15件,同意部分公开3件,其他答复30件;答复公开比例(即同意公开与同意部分公开之和占办理总数的比重)为37.5%。"
    assert not _audit(body).findings


def test_share_of_the_breakdown_total_is_still_checked():
    f = _audit("全年主动公开信息2,000条。其中本级公开500条,占35.0%;部门公开1,500条,占75.0%。").findings
    assert "GR201" in [x.code for x in f]


def test_list_of_bare_shares_takes_a_total_stated_before_it():
    body = "本年度共办结申请40件。予以公开20件,占50.0%;部分公开10件,占25.0%;不予公开6件,占15.0%。"
    a = _audit(body)
    shares = [s for s in a.report.claims.of("share") if s.part is not None]
    assert shares and all(s.whole is not None and s.whole.text == "40件" and s.whole_source == "context" for s in shares)
    assert not a.findings


def test_any_plausible_whole_that_fits_is_a_pass():
    # 24 of 32 new applications is 75.0%; the nearest cued total (36) is not the base.
    body = "本年新受理申请32件,加上上年度遗留的4件,合计36件。按申请主体分,公民个人提出24件,占75.0%;企业提出8件,占25.0%。"
    assert not _audit(body).findings
    assert [f.code for f in _audit(body.replace("75.0%", "70.0%")).findings][:1] == ["GR201"]


def test_wrong_share_of_an_inferred_whole_is_a_warning():
    body = "本年度共办结申请40件。予以公开20件,占50.0%;部分公开10件,占30.0%;不予公开6件,占15.0%。"
    fs = [f for f in _audit(body).findings if f.code == "GR201"]
    assert [f.severity for f in fs] == ["warning"]


def test_single_share_takes_the_counts_stated_before_it_as_inferred_wholes():
    # "占比达到 / 占比为 / 所占比例为 / 比重为": the whole is stated earlier in the
    # paragraph; the share fails (a warning) only when no stated count fits.
    for link in ("占比达到", "占比为", "占比", "所占比例为", "比重为", "占"):
        body = f"本年度共受理申请52件,其中窗口递交20件,在线提交32件。所涉事项以房屋征收居多,其中关于房屋征收补偿的申请24件,{link}44.4%。"
        a = _audit(body)
        assert [(f.code, f.severity) for f in a.findings] == [("GR201", "warning")], link  # 24/52 = 46.2%
        (sh,) = [s for s in a.report.claims.of("share") if s.part is not None]
        assert not sh.resolved and [w.text for w in sh.alt_wholes][0] == "52件"  # still open for the table stage
        assert not _audit(body.replace("44.4%", "46.2%")).findings, link
    # any stated count that fits is a reading: 24 of the 32 submitted online is 75.0%
    assert not _audit("本年度共受理申请52件,其中窗口递交20件,在线提交32件。在线提交的申请中,关于房屋征收补偿的24件,占比达到75.0%。").findings
    # new (30) plus carried over (3) stated side by side may be the base together: 15/33 = 45.5%
    assert not _audit("全年新收申请30件,结转上年申请3件。在已办结的申请中,同意公开的15件,占比为45.5%。").findings


def test_single_share_with_no_count_before_it_stays_untestable():
    body = "予以公开20件,占52.0%,主要涉及规划信息。"
    assert not _audit(body).findings


def test_single_outcome_share_needs_a_stated_count_of_applications_processed():
    # the base of an outcome (予以公开…) is the applications processed; when the
    # text states only those received, the base may be a table figure: left open
    assert not _audit("本年度新收申请45件。予以公开20件,占比为52.6%。").findings
    fs = _audit("本年度新收申请45件,办结38件。予以公开20件,占比为50.6%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")] and "38件" in fs[0].message
    assert not _audit("本年度新收申请45件,办结38件。予以公开20件,占比为52.6%。").findings


def test_sum_share_opening_its_sentence_is_read():
    assert not _audit("全年办结66件。予以公开29件,部分公开5件,合计占51.5%。").findings
    assert [f.code for f in _audit("全年办结66件。予以公开29件,部分公开5件,合计占55.5%。").findings] == ["GR201"]


def test_share_in_a_classified_list_of_outcomes_takes_the_list_total():
    # old-template list ("按答复结果分,") separated by semicolons, shares on some
    # items only; the whole (the applications answered) stated a sentence earlier.
    body = "全年共回复申请人84件。按答复结果分,属于已主动公开范围的10件;同意公开42件,占50.0%;不同意公开6件;不属于本机关公开范围21件,占27.4%;申请信息不存在5件。"
    a = _audit(body, ("GR2", "GR3"))
    assert [(f.code, f.severity, f.reported) for f in a.findings] == [("GR201", "error", "27.4%")]  # 21/84 = 25.0%; 42/84 = 50.0% is right
    shares = [s for s in a.report.claims.of("share") if s.part is not None]
    assert all(s.whole is not None and s.whole.text == "84件" for s in shares)
    assert not _audit(body.replace("27.4%", "25.0%"), ("GR2", "GR3")).findings
    # the total stated in words only: the sum of the listed outcomes is a candidate whole (inferred)
    body = body.replace("全年共回复申请人84件。", "全年共回复申请人87件,上年结转3件。")
    fs = _audit(body, ("GR2", "GR3")).findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")]


def test_share_of_the_sum_of_listed_counts():
    # "合计占" / "两项合计占" / "以上两项共计占": the part is the sum, never the nearest count
    for tail in ("合计占办理总数的51.5%", "两项合计占51.5%", "以上两项共计占51.5%", "二者合计占比51.5%"):
        body = f"全年办结申请66件,其中予以公开29件,部分公开5件,{tail}。"
        a = _audit(body, ("GR2", "GR3"))
        assert not a.findings, tail  # 34/66 = 51.5%
        (sh,) = [s for s in a.report.claims.of("share") if s.part is not None]
        assert sh.part.value == 34 and [q.text for q in sh.summed] == ["29件", "5件"], tail
        fs = _audit(body.replace("51.5%", "55.5%"), ("GR2",)).findings
        assert [f.code for f in fs] == ["GR201"] and "29件+5件" in fs[0].message, tail
    # 两项 counts the listed items: it is no part of 2, with or without 其中
    a = _audit("全年办结申请66件,予以公开29件,部分公开5件,两项合计占55.5%。")
    (sh,) = [s for s in a.report.claims.of("share") if s.percent is not None]
    assert sh.part is not None and sh.part.value == 34
    # parts with shares of their own, then the share of their sum: the sum's share is no part's share
    body = "全年办结申请66件,其中予以公开29件,占43.9%;部分公开5件,两项合计占55.5%。"
    a = _audit(body, ("GR2", "GR3"))
    (bd,) = a.report.claims.of("breakdown")
    assert [p.text for p in bd.parts] == ["29件", "5件"] and bd.shares[1] is None
    assert [f.code for f in a.findings] == ["GR201"]
    # where the summed list starts is unknown (no 其中, no count word): untestable, never the nearest count
    a = _audit("全年办结申请66件,予以公开29件,部分公开5件,合计占55.5%。")
    (sh,) = [s for s in a.report.claims.of("share") if s.percent is not None]
    assert sh.part is None and not a.findings


def test_shares_on_some_of_the_listed_categories_are_no_exhaustive_set():
    body = "本年共收到申请250件,从申请渠道看,网上、信函、当面申请分别为180件、40件、30件,网上申请占72%,信函申请占16%。"
    assert not _audit(body, ("GR2", "GR3")).findings
    body = "本年共收到申请250件,网上申请180件,占72%;信函申请40件,占16%;当面申请30件。"
    assert not _audit(body, ("GR2", "GR3")).findings
    # shares alone under a classification still have to make 100%
    fs = _audit("从申请渠道看,网上申请占72%,信函申请占16%,当面申请占22%。").findings
    assert [f.code for f in fs] == ["GR202"]


def test_completion_rate_is_finished_of_received():
    fs = _audit("今年共受理审批事项64件,办结46件,办结率100%。").findings
    assert not fs  # 100% of the ones that fell due: left open
    fs = _audit("今年共受理审批事项64件,办结46件,办结率68.8%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")]  # 46/64 = 71.9%
    fs = _audit("今年共受理审批事项46件,办结64件,办结率100%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")]  # more finished than received
    # carried-over applications count in the whole too
    assert not _audit("全年受理申请48件,上年结转2件,办结50件,办结率100%。").findings
    assert not _audit("全年受理申请50件,办结48件,按时办结率100%。").findings


def test_counts_in_xiang_are_wholes_and_parts_unless_they_count_the_listed_items():
    # 项 is a measure word of items too (建议, 事项): 12 of the 35 stated is 34.3%
    fs = _audit("全年办理建议提案35项。涉及城市建设的12项,占比为36.3%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")]
    assert not _audit("全年办理建议提案35项。涉及城市建设的12项,占比为34.3%。").findings


def test_share_scoped_to_a_sub_population_takes_only_its_count():
    # "网上申请中,…": the base is the online applications, not the year's total
    assert not _audit("全年受理申请26件。网上申请中,通过小程序提交的12件,占比63.2%。").findings
    body = "全年受理申请26件,网上申请19件。网上申请中,通过小程序提交的12件,占比68.2%。"
    fs = _audit(body).findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")] and "19件" in fs[0].message
    assert not _audit(body.replace("68.2%", "63.2%")).findings


def test_list_total_reading_keeps_the_other_stated_counts_as_readings():
    # the list adds up to the new applications (27), but the words name all of them (27 + 3)
    body = "本年度受理新申请27件,另有上年度转入3件。按申请人类型分,公民提出18件;企业和社会组织提出9件,占全部申请的30.0%。"
    assert not _audit(body).findings
    assert not _audit(body.replace("30.0%", "33.3%")).findings  # 9/27 = 33.3% is a reading too
    fs = _audit(body.replace("30.0%", "36.0%")).findings  # 9/27 = 33.3%, 9/30 = 30.0%
    assert [(f.code, f.severity) for f in fs] == [("GR201", "error")]


def test_a_sibling_part_of_the_list_is_never_a_whole():
    # 予以公开30件 and 部分公开6件 are items of the outcome list the later shares
    # belong to, never their base; with no base stated the shares are left
    # open (the table stage checks them against the table's totals)
    body = "办理结果方面,予以公开30件、部分公开6件,两项合计占办理总数的62.1%;本机关不掌握相关信息9件,占15.5%;没有现成信息需要另行制作4件,占6.9%。"
    a = _audit(body)
    assert not a.findings
    for s in a.report.claims.of("share"):
        assert not s.resolved and all(w.text not in ("30件", "6件", "30件+6件") for w in s.alt_wholes), s.part.text
    # the same holds when the siblings sit in an earlier sentence of the paragraph
    assert not _audit("予以公开30件,部分公开6件。本机关不掌握相关信息9件,占18.5%。").findings
    # a list of channels: earlier channels are no base of a later one
    assert not _audit("从提交方式看,当面提交36件,通过网站提交20件。通过信函提交8件,占16.5%。").findings
    # and the alternatives kept beside a stated total exclude them too
    a = _audit("本年度共办结申请58件。\n" + body.replace("占6.9%。", "占6.9%;其他处理9件,占15.5%。"))
    assert all(w.text not in ("30件", "30件+6件") for s in a.report.claims.of("share") for w in s.alt_wholes)


def test_a_base_stated_before_the_list_is_still_tried():
    # recall: a count of the applications processed before the outcome list
    # remains a whole (a wrong share of it warns)
    body = "本年度共办结申请58件。予以公开30件、部分公开6件,两项合计占62.1%;本机关不掌握相关信息9件,占18.5%;没有现成信息需要另行制作4件,占6.9%。"
    fs = [(f.code, f.severity) for f in _audit(body).findings]
    assert fs == [("GR201", "warning")]  # 9/58 = 15.5%
    assert not _audit(body.replace("18.5%", "15.5%")).findings
    # a total leading the same sentence is no sibling
    fs = _audit("本年度收到申请70件,当面申请40件,网络申请20件,占32.9%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")] and "70件" in fs[0].message
    # nor is a count of the applications themselves (no channel, outcome or applicant word)
    fs = _audit("全县政府信息公开申请40件,当面申请20件,占60.0%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")] and "40件" in fs[0].message


def test_an_inferred_outcome_share_is_left_to_the_table_when_it_has_the_cells():
    # one fault, one finding: with a readable applications table GR632 checks
    # the outcome share against the table's denominators (an error); GR201
    # leaves its inferred whole untestable instead of repeating it as a warning
    from test_rule_docs import parse_example, report_for

    row = "| (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |"
    text = "2021年,全县共办结申请119件,予以公开49件,占45.2%。"  # 49/119 = 41.2%
    a = gireport.audit(text=report_for(parse_example(text + "\n" + row)), select=["GR201", "GR632"])
    assert [(f.code, f.severity) for f in a.findings] == [("GR632", "error")]
    assert [v.reason for v in a.verdicts if v.code == "GR201" and v.status == "untestable"] == ["checked against the table (GR632)"]
    # a list of outcome shares whose whole is a total stated before it (context)
    text2 = "2021年,全县共办结申请119件。予以公开49件,占45.2%;部分公开9件,占7.6%。"
    a = gireport.audit(text=report_for(parse_example(text2 + "\n" + row)), select=["GR201", "GR632"])
    assert [(f.code, f.severity) for f in a.findings] == [("GR632", "error")]
    # recall: without the table the text's own count still gives the warning
    assert [(f.code, f.severity) for f in _audit(text).findings] == [("GR201", "warning")]
    assert [(f.code, f.severity) for f in _audit(text2).findings] == [("GR201", "warning")]
    # a share of a part of the organ is not checked against the table: GR201 keeps it
    text3 = "2021年,县本级共办结申请60件,予以公开30件,占45.0%。"
    a = gireport.audit(text=report_for(parse_example(text3 + "\n" + row)), select=["GR201", "GR632"])
    assert [(f.code, f.severity) for f in a.findings] == [("GR201", "warning")]


def test_share_of_a_sum_with_an_explicit_whole_takes_the_sum_as_its_part():
    # "两项合计占办结总数150件的48.0%": the part is 60 + 12, never the count word 两项
    for cue in ("两项合计占", "以上两类共计占", "二者合计占", "合计占", "上述两项共占"):
        body = f"全年办结申请150件,其中同意公开60件、同意部分公开12件,{cue}办结总数150件的48.0%。"
        a = _audit(body)
        assert not a.findings, cue
        (sh,) = [s for s in a.report.claims.of("share")]
        assert sh.part is not None and sh.part.value == 72 and sh.whole.text == "150件", cue
        fs = _audit(body.replace("48.0%", "40.0%")).findings
        assert [(f.code, f.severity) for f in fs] == [("GR201", "error")] and "48.0%" in fs[0].message, cue


def test_respectively_list_of_shares_maps_onto_the_listed_counts():
    # counts in the sentence before ("。"), or before the cue in its own
    # sentence; a count word (三类) must agree; a named whole may come between
    wrong = [
        "全年主动公开信息200条。规划类50条、财政类80条、人事类70条。三类信息分别占全部主动公开信息的25.0%、40.0%和45.0%。",
        "全年主动公开信息200条,其中规划类50条、财政类80条、人事类70条,分别占25.0%、40.0%、45.0%。",
        "本年共收到申请40件:网上申请22件,信函申请12件,当面申请6件。以上三种渠道分别占比55.0%、30.0%和25.0%。",
    ]
    for body in wrong:
        a = _audit(body)
        parts = [s.part.text for s in a.report.claims.of("share") if s.part is not None]
        assert len(parts) == 3, body
        assert "GR201" in [f.code for f in a.findings], body
        right = body.replace("45.0%", "35.0%").replace("和25.0%", "和15.0%")
        assert not _audit(right).findings, right
    # counts and percentages in different numbers, or a count word that disagrees: no parts
    for body in (
        "全年主动公开信息200条,其中规划类50条、财政类80条、人事类70条,两类信息分别占25.0%、40.0%和45.0%。",
        "全年主动公开信息200条,其中规划类50条、财政类80条、人事类70条,分别占25.0%和45.0%。",
    ):
        a = _audit(body)
        assert not [s for s in a.report.claims.of("share") if s.part is not None] and not a.findings, body


def test_named_categories_with_respectively_shares_sum_to_100():
    # named categories, no counts: closing with 其他 they cover the whole
    fs = _audit("全年办结申请300件。同意公开、部分公开、不予公开、无法提供和其他处理分别占45.0%、10.0%、8.0%、30.0%和17.0%。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR202", "warning")] and "110.0%" in fs[0].message
    assert not _audit("全年办结申请300件。同意公开、部分公开、不予公开、无法提供和其他处理分别占45.0%、10.0%、8.0%、20.0%和17.0%。").findings
    assert [f.code for f in _audit("全年办结申请300件。从办理结果看,同意公开、部分公开及其他情形分别占50.0%、20.0%和20.0%。").findings] == ["GR202"]
    # not closed: may not cover the whole (short of 100% passes), but cannot exceed it
    assert not _audit("全年收到申请300件。网上申请和信函申请分别占60.0%和30.0%。").findings
    assert [f.code for f in _audit("全年收到申请300件。网上申请和信函申请分别占60.0%和50.0%。").findings] == ["GR202"]
    # a whole named after 占 (each may be a share of its own whole): not summed
    assert not _audit("本局主动公开信息和依申请公开信息分别占全市的60.0%和50.0%。").findings


def test_whole_named_in_words_is_read_as_the_count_stated_for_it():
    # 全部答复 / 办结总数: the applications processed, or (every application is
    # answered) those received; an inferred reading: a warning, only when none fits
    for whole in ("全部答复", "答复总数", "办结总数", "全部办结申请"):
        fs = _audit(f"2031年共接收申请32件。同意公开与部分公开的共12件,占{whole}的40.0%。").findings
        assert [(f.code, f.severity) for f in fs] == [("GR201", "warning")] and "37.5%" in fs[0].message, whole
        assert not _audit(f"2031年共接收申请32件。同意公开与部分公开的共12件,占{whole}的37.5%。").findings, whole
    # processed (28) and received (32) both stated: either fits
    assert not _audit("2031年共接收申请32件,已办结28件。同意公开12件,占全部答复的37.5%。").findings
    assert not _audit("2031年共接收申请32件,已办结28件。同意公开12件,占全部答复的42.9%。").findings
    assert [f.code for f in _audit("2031年共接收申请32件,已办结28件。同意公开12件,占全部答复的40.0%。").findings] == ["GR201"]
    # stated in an earlier paragraph of the section
    assert [f.code for f in _audit("2031年共登记申请32件。\n同意公开12件,占全部申请的40.0%。").findings] == ["GR201"]
    # a noun no count is stated for: untestable
    assert not _audit("2031年共接收申请32件。同意公开12件,占全省同类申请的40.0%。").findings


def test_part_named_in_words_is_the_count_stated_for_it_earlier():
    body = "本年度主动发布政务信息2,750条。其中规章制度类550条、机构人事类410条、预算决算类300条。规章制度类信息占全部主动公开信息的比重为{}。"
    a = _audit(body.format("21.0%"))
    (sh,) = a.report.claims.of("share")
    assert sh.part is not None and sh.part.text == "550条" and sh.whole is not None and sh.whole.text == "2,750条"
    assert [f.code for f in a.findings] == ["GR201"] and "20.0%" in a.findings[0].message
    assert not _audit(body.format("20.0%")).findings
    # a named part in a list that is no breakdown: the named whole gives the reading
    b2 = "全年主动公开政府信息1,500条。公开规划信息240条,财政信息180条。财政信息占全部主动公开信息的{}。"
    assert [(f.code, f.severity) for f in _audit(b2.format("15.0%")).findings] == [("GR201", "warning")]
    assert not _audit(b2.format("12.0%")).findings
    # two different counts stated for the noun, or a total word as the part: no part
    assert not _audit("全年主动公开政府信息1,500条。其中财政信息180条。市级财政信息200条。财政信息占全部主动公开信息的15.0%。").findings
    assert not _audit("全年主动公开政府信息1,500条,其中财政信息180条。以上信息占全部政府信息的15.0%。").findings


def test_share_after_a_list_without_a_summing_word_may_be_of_the_list():
    # "60件、12件,占…48.0%": the share is of 12 or of the whole 、-list (72); fails only when neither fits
    for link in ("占办结总数150件的", "占比", "占全部办结申请的"):
        body = f"全年办结申请150件,其中同意公开60件、同意部分公开12件,{link}48.0%。"
        assert not _audit(body).findings, link
        assert not _audit(body.replace("48.0%", "8.0%")).findings, link
        assert [f.code for f in _audit(body.replace("48.0%", "40.0%")).findings] == ["GR201"], link
    # after a ";" or with a share of its own per item: no list reading
    assert [f.code for f in _audit("全年办结申请150件,其中同意公开60件;同意部分公开12件,占办结总数150件的48.0%。").findings] == ["GR201"]


def test_the_whole_after_zhan_is_no_part_of_the_qizhong_list():
    a = _audit("全年办结申请150件,其中同意公开60件、同意部分公开12件,两者共占150件的48.0%。", ("GR2", "GR3"))
    assert not a.findings
    (bd,) = a.report.claims.of("breakdown")
    assert [p.text for p in bd.parts] == ["60件", "12件"]


def test_guards_of_the_new_readings():
    # a generic noun (申请, 信息) is no named part
    assert not _audit("本年度共收到申请30件,其中网上申请20件。申请占全部申请的60.0%。").findings
    # totals (受理, 办结) before a 分别占 list are not its listed categories
    a = _audit("全年受理申请30件,办结28件。网上申请和当面申请分别占60.0%和40.0%。")
    assert not a.findings and not [s for s in a.report.claims.of("share") if s.part is not None]


_OLD_TABLE = """附：丙县丁局2016年政府信息公开情况统计表
统计指标 单位 统计数
三、依申请公开情况
（一）收到申请数 件 24
1.当面申请数 件 10
2.传真申请数 件 0
3.网络申请数 件 12
4.信函申请数 件 2
（二）申请办结数 件 24
1.按时办结数 件 24
2.延期办结数 件 0
（三）申请答复数 件 24
1.属于已主动公开范围数 件 4
2.同意公开答复数 件 6
3.同意部分公开答复数 件 3
4.不同意公开答复数 件 2
5.不属于本行政机关公开数 件 6
6.申请信息不存在数 件 3
"""


def _old_report(sentence: str) -> bytes:
    return (
        "丙县丁局2016年政府信息公开工作年度报告\n一、概述\n本年度我局政府信息公开工作稳步推进。\n"
        f"二、依申请公开政府信息情况\n{sentence}\n三、其他需要报告的事项\n无。\n" + _OLD_TABLE
    ).encode()


def test_whole_named_in_words_may_be_a_row_of_the_old_statistics_table():
    # no count of answers in the text: 全部答复 is the table's 申请答复数 (24); 9/24 = 37.5%
    for whole in ("全部答复", "全部申请"):
        a = gireport.audit(_old_report(f"同意公开与部分公开的共9件，占{whole}的40.0%。"), select=["GR2"])
        assert [(f.code, f.severity) for f in a.findings] == [("GR201", "warning")] and "37.5%" in a.findings[0].message, whole
        assert not gireport.audit(_old_report(f"同意公开与部分公开的共9件，占{whole}的37.5%。"), select=["GR2"]).findings, whole
    # another noun: not a table row
    assert not gireport.audit(_old_report("同意公开与部分公开的共9件，占全省同类申请的40.0%。"), select=["GR2"]).findings


def test_named_part_with_no_named_whole_tries_the_total_its_list_breaks_down():
    body = "本年度主动发布政务信息2,750条。其中规章制度类55条、机构人事类41条。规章制度类信息占比为{}。"
    assert [(f.code, f.severity) for f in _audit(body.format("2.6%")).findings] == [("GR201", "warning")]
    assert not _audit(body.format("2.0%")).findings


def test_a_count_word_before_zhan_without_a_summing_word_is_never_the_part():
    # "以上两项占", "这两类申请占比", "二者占比": the share is of the sum of the two listed counts
    for cue in ("以上两项占办结总数150件的", "上述两类申请占办结总数的", "这两项占比达", "二者占比", "两者所占比例为"):
        body = f"全年办结申请150件,其中同意公开60件、同意部分公开12件,{cue}48.0%。"
        a = _audit(body)
        assert not a.findings, cue
        (sh,) = a.report.claims.of("share")
        assert sh.part is not None and sh.part.value == 72, cue
        assert [f.code for f in _audit(body.replace("48.0%", "40.0%")).findings] == ["GR201"], cue


def test_respectively_after_the_share_word():
    # "所占比例分别为", "占比分别为": the same list of shares as 分别占
    body = "全年主动公开信息200条,其中规划类50条、财政类80条、人事类70条,三类信息{}25.0%、40.0%、{}。"
    for cue in ("所占比例分别为", "占比分别为", "比重分别是"):
        assert [f.code for f in _audit(body.format(cue, "45.0%")).findings] == ["GR201"], cue
        assert not _audit(body.format(cue, "35.0%")).findings, cue
    fs = _audit("全年办结申请300件。同意公开、部分公开、不予公开和其他处理的占比分别为45.0%、10.0%、8.0%和47.0%。").findings
    assert [f.code for f in fs] == ["GR202"]


def test_rates_listed_with_respectively_are_no_categories():
    assert not _audit("全年办结申请100件。公开比例和答复比例分别为60.0%和80.0%。").findings
    assert not _audit("全年办结申请100件。按时办结率和群众满意率分别为98.0%和95.0%。").findings


def test_named_whole_of_applications_includes_those_carried_over():
    # 12 of 32 received + 4 carried over = 33.3% (of 32 alone it would be 37.5%)
    for whole in ("已办结申请", "全部申请", "全部答复"):
        assert not _audit(f"2031年共接收申请32件,另有上年未办结的4件。同意公开12件,占{whole}的33.3%。").findings, whole
        assert [f.code for f in _audit(f"2031年共接收申请32件,另有上年未办结的4件。同意公开12件,占{whole}的40.0%。").findings] == ["GR201"], whole


def test_a_count_of_the_same_value_in_another_part_is_no_whole_of_a_list_of_shares():
    # 9 + 3 = 12, and the proactive part happens to state 12 查阅点; the
    # shares are of the 30 applications finished (24 new + 6 carried over)
    text = (
        "青禾县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n本县稳步推进政务公开。\n"
        "二、主动公开政府信息情况\n全县共设立政府信息公开查阅点12个。\n"
        "三、依申请公开情况\n全年新收申请24件,另有上年结转申请6件,均已办结。"
        "其中予以公开9件,占办结总数的30%;无法提供的3件,占10.0%。\n"
    )
    a = gireport.audit(text=text, limits=False)
    shares = [c for c in a.report.claims if c.type == "share"]
    assert all(s.whole is None or s.whole.text != "12个" for s in shares)
    assert not [f for f in a.findings if f.code in ("GR201", "GR202")]
    # the whole they name (办结) is read as new plus carried over
    assert [v.reading for v in a.verdicts if v.code == "GR201"] == ["24件+6件 (another plausible reading)"] * 2


def test_later_shares_of_a_list_take_the_whole_the_first_one_names():
    body = "全年办结150件。在办结的申请中,无法提供30件,占办结总数的20.0%;不予处理12件,占{pct}。"
    a = _audit(body.format(pct="8.0%"))
    assert not a.findings
    assert [v.status for v in a.verdicts if v.code == "GR201"] == ["pass", "pass"]
    [f] = _audit(body.format(pct="9.0%")).findings
    assert (f.reported, f.expected, f.severity) == ("9.0%", "8.0%", "warning")  # the whole is inferred


def test_a_count_of_another_thing_is_no_whole_of_a_list_of_shares():
    # one part of the report; 9 + 3 = 12 and 12个 查阅点 stand before, in another paragraph
    text = (
        "青禾县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n"
        "(一)主动公开。全县共设立政府信息公开查阅点12个。\n"
        "(二)依申请公开。全年新收申请24件,另有上年结转申请6件,均已办结。"
        "其中予以公开9件,占办结总数的30%;无法提供的3件,占10.0%。\n"
    )
    a = gireport.audit(text=text, limits=False)
    assert all(s.whole is None or s.whole.text != "12个" for s in a.report.claims if s.type == "share")
    assert not [f for f in a.findings if f.code in ("GR201", "GR202")]


def test_a_whole_named_as_a_category_is_the_count_stated_for_it():
    body = "主动公开的信息主要包括机构职能类120条、规划计划类400条、财政资金类80条等。规划计划类信息中有专项规划30件,占规划计划类信息的{pct}。"
    a = _audit(body.format(pct="7.5%"))
    assert not a.findings and [v.status for v in a.verdicts if v.code == "GR201"] == ["pass"]
    [f] = _audit(body.format(pct="8.5%")).findings  # 30 / 400 is 7.5%
    assert (f.reported, f.expected, f.severity) == ("8.5%", "7.5%", "warning")


def test_shares_in_jian_of_a_total_in_tiao_stated_before_are_its_parts():
    # 条 and 件 are used alike for the information published
    text = (
        "青禾县人民政府2013年政府信息公开工作年度报告\n一、概述\n本县推进公开。\n"
        "二、主动公开政府信息情况\n全年主动公开政府信息3,000条。\n"
        "从生成到公开不超过20个工作日的2,997件,比例99.9%,超过20个工作日的3件,比例0.1%。\n"
    )
    a = gireport.audit(text=text, limits=False)
    [bd] = [c for c in a.report.claims if c.type == "breakdown"]
    assert bd.total.text == "3,000条" and [p.text for p in bd.parts] == ["2,997件", "3件"]
    assert not [f for f in a.findings if f.code in ("GR201", "GR202", "GR301")]


def test_a_share_of_the_kind_of_answer_it_names_is_of_that_count():
    body = (
        "在全年办结的400件申请中,予以公开200件,占50.0%;无法提供100件,占25.0%,"
        "其中本机关不掌握相关政府信息80件,占无法提供件数的{pct};不予处理100件,占25.0%。"
    )
    a = _audit(body.format(pct="80.0%"), ("GR2", "GR3"))
    assert not a.findings, [f.message for f in a.findings]
    [f] = _audit(body.format(pct="82.0%"), ("GR2", "GR3")).findings  # 80 / 100
    assert (f.code, f.reported, f.expected) == ("GR201", "82.0%", "80.0%")
