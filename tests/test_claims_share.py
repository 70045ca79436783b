"""Share claims (claims/share.py) and GR201.  Invented examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str, select=("GR2",)):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=list(select))


def test_part_named_by_a_new_subject_is_not_the_count_before():
    body = "全年主动公开信息2,000条。其中本级公开500条,部门公开1,300条,乡镇公开200条,部门公开量占总量的65.0%。"
    a = _audit(body, ("GR2", "GR3"))
    assert not a.findings
    shares = [s for s in a.report.claims.of("share") if s.percent is not None and s.percent.text == "65.0%"]
    assert shares and shares[0].part is None


def test_rate_defined_in_brackets_after_a_clause_break_has_no_part():
    body = "全年办结申请60件,其中予以公开20件,部分公开5件,不予公开35件;公开率(予以公开及部分公开占办结数的比例)为41.7%。"
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
    # 17 of 20 new applications is 85.0%; the nearest cued total (22) is not the base.
    body = "全年收到申请20件,另有上年结转2件,两项共计22件。申请人中,自然人17件,占85.0%;法人3件,占15.0%。"
    assert not _audit(body).findings


def test_wrong_share_of_an_inferred_whole_is_a_warning():
    body = "本年度共办结申请40件。予以公开20件,占50.0%;部分公开10件,占30.0%;不予公开6件,占15.0%。"
    fs = [f for f in _audit(body).findings if f.code == "GR201"]
    assert [f.severity for f in fs] == ["warning"]


def test_single_bare_share_is_left_to_the_table_stage():
    body = "本年度共办结申请40件。予以公开20件,占52.0%,主要涉及规划信息。"
    assert not _audit(body).findings


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
