"""Which numbers of a paragraph are narrative (read for claims) and which
belong to a table flattened into a line of text (left out)."""

from __future__ import annotations

import gireport

HEAD = "青禾县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str):  # type: ignore[no-untyped-def]
    return gireport.audit(text=HEAD + body, limits=False)


def test_a_dense_sentence_of_counts_with_units_is_prose():
    # seven numbers and three commas, but every number has its unit: a
    # count, a change against last year and one against an earlier year
    a = _audit("全年办理建议提案412件,比上年的380件增长6.1%,比2020年的305件增长三成以上,其中重点提案58件。")
    changes = [c for c in a.report.claims if c.type == "change"]
    assert [(c.after.text, c.before.text, c.rate.text) for c in changes[:1]] == [("412件", "380件", "6.1%")]
    [f] = [f for f in a.findings if f.code == "GR501"]  # 412 / 380 is +8.4%, not 6.1%
    assert (f.reported, f.expected) == ("6.1%", "8.4%")


def test_a_dense_sentence_keeps_its_breakdown():
    # seven numbers, three separators
    a = _audit("全县26个部门和8个乡镇各明确一名联络员和一名审核员,全县共有信息公开工作人员61人,其中专职15人、兼职49人。")
    [f] = [f for f in a.findings if f.code == "GR301"]  # 15 + 49 = 64, not 61
    assert (f.reported, f.expected) == ("64人", "61人")


def test_a_table_row_flattened_into_text_is_still_left_out():
    # bare cells run together: no claim is read from them
    a = _audit("信息内容本年新制作数量本年新公开数量对外公开总数量规章002规范性文件5566140行政许可31431270;其他对外管理服务事项9988。")
    assert not [c for c in a.report.claims if c.type in ("share", "breakdown", "change")]
