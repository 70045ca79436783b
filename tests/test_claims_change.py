"""Change claims (claims/change.py): which numbers a year-on-year statement
relates, and GR501 on them.  Invented examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str, select=("GR5",)):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=list(select))


def _changes(body: str):  # type: ignore[no-untyped-def]
    return _audit(body).report.claims.of("change")


def test_base_between_cue_and_verb_is_last_year():
    (ch,) = _changes("本年度受理申请69件,较上年的60件增长15.0%。")
    assert ch.before.text == "60件" and ch.after.text == "69件" and ch.rate.text == "15.0%" and ch.delta is None
    assert not _audit("本年度受理申请69件,较上年的60件增长15.0%。").findings


def test_bracketed_base_before_verb():
    (ch,) = _changes("本年新收申请13件,比上年(8件)增加5件;此外结转上年申请1件。")
    assert ch.before.text == "8件" and ch.delta.text == "5件"
    assert not _audit("本年新收申请13件,比上年(8件)增加5件;此外结转上年申请1件。").findings


def test_bracketed_base_after_rate():
    (ch,) = _changes("全年公开信息1,320条,同比增长10.0%(上年为1,200条)。")
    assert ch.before.text == "1,200条" and ch.rate.text == "10.0%"


def test_number_in_a_later_clause_is_not_the_change():
    # "其中予以公开40件" is no delta of the 8% growth.
    (ch,) = _changes("受理申请81件,同比增长8%,其中予以公开40件。")
    assert ch.delta is None and ch.rate.text == "8%"
    assert not _audit("受理申请81件,同比增长8%,其中予以公开40件。").findings
    (ch,) = _changes("收到申请30件,较上年下降25%;办结申请28件。")
    assert ch.delta is None
    assert not _audit("收到申请30件,较上年下降25%;办结申请28件。").findings


def test_carry_over_in_brackets_is_not_last_year():
    body = "本年度共收到申请59件(含上年结转2件),其中当年新收申请57件,较上年的40件增长42.5%。"
    (ch,) = _changes(body)
    assert ch.before.text == "40件" and ch.after.text == "57件"
    assert not _audit(body, ("GR3", "GR5")).findings


def test_wrong_rate_still_found():
    f = _audit("本年度受理申请69件,较上年的60件增长25.0%。").findings
    assert [x.code for x in f] == ["GR501"] and f[0].expected == "15.0%"


def test_share_moving_between_years_is_a_change_not_a_share():
    body = "通过政务服务网提交的申请86件,其比重由上年的33.5%上升到39.8%,上升6.3个百分点。"
    a = _audit(body, ("GR2", "GR5"))
    assert not a.findings
    assert not [s for s in a.report.claims.of("share") if s.percent is not None and s.percent.text == "33.5%"]


def test_last_year_stated_before_the_cue_is_not_this_year():
    (ch,) = _changes("本年度受理申请69件,上年为60件,同比增长15.0%。")
    assert ch.before.text == "60件" and ch.after.text == "69件"
    assert not _audit("本年度受理申请69件,上年为60件,同比增长15.0%。").findings


def test_base_of_an_earlier_change_is_not_the_base_of_the_next():
    body = "本年度共受理申请69件,较上年的60件增长15.0%,其中网上申请46件,较上年增长27.8%。"
    changes = _changes(body)
    assert [c.before.text if c.before else None for c in changes] == ["60件", None]
    assert not _audit(body).findings


def test_changes_of_several_subjects_are_not_read():
    assert not _changes("全年办理人大建议20件、政协提案30件,较上年分别增加5件和6件。")


def test_base_stated_is_recorded():
    (ch,) = _changes("本年度受理申请69件,较上年增加9件,增长15.0%。")
    assert not ch.base_stated
    (ch,) = _changes("本年度受理申请69件,较上年的60件增长15.0%。")
    assert ch.base_stated


def test_change_after_a_qizhong_list_is_of_the_clauses_main_total():
    # the subject (9 suits) is the main total; the nearest count (2) is the
    # last item of its 其中 list.  13 - 9 = 4 fits: no finding.
    for sep in ("、", ",", "，"):
        body = f"本年度被提起行政诉讼9件,其中维持6件{sep}驳回1件{sep}尚未审结2件,与上年相比减少4件(上年为13件)。"
        (ch,) = _changes(body)
        assert ch.after.text == "9件" and [a.text for a in ch.alt_afters] == ["2件", "6件", "1件"], sep
        assert not _audit(body).findings, sep
    # no reading fits (13 - 9 = 4, 13 - 2 = 11): still an error
    fs = _audit("本年度被提起行政诉讼9件,其中维持6件、驳回1件、尚未审结2件,与上年相比减少6件(上年为13件)。").findings
    assert [(f.code, f.severity) for f in fs] == [("GR501", "error")]
    # a single 其中 item keeps the nearest count first; the main total is another reading
    assert not _audit("全年收到申请100件,其中网上申请60件,比上年增加10件(上年为50件)。").findings
    assert not _audit("全年收到申请100件,其中网上申请60件,比上年增加10件(上年为90件)。").findings
    assert [f.code for f in _audit("全年收到申请100件,其中网上申请60件,比上年增加10件(上年为70件)。").findings] == ["GR501"]


def test_rate_after_a_qizhong_list_tries_the_main_total_too():
    # 60 → 80 does not grow; 80 → 100 grows 25.0%
    assert not _audit("全年收到申请100件,其中网上申请60件,同比增长25.0%(上年为80件)。").findings
    assert [f.code for f in _audit("全年收到申请100件,其中网上申请60件,同比增长20.0%(上年为80件)。").findings] == ["GR501"]
    assert not _audit("本年度被申请行政复议8件,其中维持5件、纠正1件、尚未审结2件,同比下降27.3%(上年为11件)。").findings


def test_every_item_of_the_qizhong_list_is_a_reading_of_this_years_value():
    # the change names an item (网上申请) whose count is not the nearest one
    assert not _audit("全年收到申请100件,其中网上申请60件、当面申请40件,网上申请比上年增加10件(上年为50件)。").findings
    assert [f.code for f in _audit("全年收到申请100件,其中网上申请60件、当面申请40件,网上申请比上年增加15件(上年为50件)。").findings] == ["GR501"]


def test_a_second_change_compares_this_years_value_not_the_first_changes_figures():
    # against last year by 增加, against an earlier year by a rate: both
    # compare this year's 2,530; the 190 and the 2,340 are the first change's
    body = "全年公开信息2,530条,较上年的2,340条增加190条,比2028年的1,980条增长27.8%。"
    first, second = _changes(body)
    assert (first.after.text, first.before.text, first.delta.text) == ("2,530条", "2,340条", "190条")
    assert (second.after.text, second.before.text, second.rate.text) == ("2,530条", "1,980条", "27.8%")
    assert not _audit(body).findings  # 2,530 / 1,980 = +27.8%
    [f] = _audit(body.replace("27.8%", "31.0%")).findings
    assert (f.reported, f.expected) == ("31.0%", "27.8%")


def test_a_change_with_both_an_increase_and_a_rate_checks_both():
    base = "全年公开信息1,150条,较上年的1,000条增加150条,增长{rate}。"
    assert not _audit(base.format(rate="15.0%")).findings
    [f] = _audit(base.format(rate="13.0%")).findings  # the increase is right, the rate is not
    assert (f.reported, f.expected, f.evidence[-1].text) == ("13.0%", "15.0%", "13.0%")
    wrong_both = "全年公开信息1,150条,较上年的1,000条增加120条,增长13.0%。"
    assert sorted((f.reported, f.expected) for f in _audit(wrong_both).findings) == [("120条", "150条"), ("13.0%", "15.0%")]


def test_from_a_dated_value_to_another():
    # 由 + the year that dates last year's value (or an earlier year's)
    body = "全年公开信息由2029年的1,200条增加到1,500条,增长{rate}。"
    assert not _audit(body.format(rate="25.0%")).findings
    [f] = _audit(body.format(rate="20.0%")).findings
    assert (f.reported, f.expected) == ("20.0%", "25.0%")
    # the value it grew to may be dated too
    [ch] = _changes("培训覆盖人数由2029年的160人次增加到2031年的200人次,增长25.0%。")
    assert (ch.before.text, ch.after.text, ch.rate.text) == ("160人次", "200人次", "25.0%")
    assert not _changes("由2029年起,全县累计公开信息3,000条。")


def test_this_years_value_is_in_the_unit_of_last_years():
    body = "全年新收申请180件,连续两年增长,较2029年的150件增长{rate}。"
    (ch,) = _changes(body.format(rate="20.0%"))
    assert (ch.after.text, ch.before.text) == ("180件", "150件")
    assert not _audit(body.format(rate="20.0%")).findings
    [f] = _audit(body.format(rate="25.0%")).findings
    assert (f.reported, f.expected) == ("25.0%", "20.0%")


def test_level_with_last_year_is_a_change_of_zero():
    [f] = _audit("全年公开信息520条,同比持平(2030年为498条)。").findings
    assert (f.reported, f.expected) == ("持平", "22条")
    assert not _audit("全年公开信息520条,同比持平(2030年为520条)。").findings
    assert not _audit("全年新收申请30件,与上年持平(上年也为30件)。").findings
    assert not _changes("全年新收申请31件,与上年基本持平(上年为30件)。")  # 基本持平: approximately
    assert not _changes("全年新收申请31件,同比持平。")  # nothing to check it against
