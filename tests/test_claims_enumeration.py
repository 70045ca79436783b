"""Enumeration claims (claims/enumeration.py) and GR401.  Invented examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _audit(body: str):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=["GR401"])


def test_titles_without_separators_and_nested_titles_count_once_each():
    for body in (
        "出台《乙局网站内容巡查办法》《关于印发〈乙局政务新媒体运维指引〉的通知》《乙局公开目录编制规范》三个文件。",
        "出台《乙局网站内容巡查办法》、《关于印发《乙局政务新媒体运维指引》的通知》、《乙局公开目录编制规范》三个文件。",
    ):
        a = _audit(body)
        (en,) = a.report.claims.of("enumeration")
        assert len(en.items) == 3, en
        assert not a.findings


def test_count_differing_from_titles_is_found():
    f = _audit("出台《乙局网站内容巡查办法》《乙局公开目录编制规范》三个文件。").findings
    assert [x.code for x in f] == ["GR401"]


def test_count_with_an_adjective_before_the_noun_is_read():
    for body in (
        "印发了《乙局公文审核规定》《乙局档案借阅办法》《乙局值班制度》《乙局信息发布规程》五项重要文件。",
        "出台《乙局公文审核规定》、《乙局档案借阅办法》、《乙局值班制度》四部配套规范性文件。",
        "修订《乙局公文审核规定》《乙局档案借阅办法》三个相关的制度。",
    ):
        assert [x.code for x in _audit(body).findings] == ["GR401"], body
    for body in (
        "印发了《乙局公文审核规定》《乙局档案借阅办法》《乙局值班制度》《乙局信息发布规程》四项重要文件。",
        "印发了《乙局公文审核规定》《乙局档案借阅办法》《乙局值班制度》等五项重要文件。",
        "印发了《乙局公文审核规定》《乙局档案借阅办法》等重要文件。",
    ):
        assert not _audit(body).findings, body


def test_count_of_titled_regulations_and_plans_is_read():
    assert [x.code for x in _audit("转发了《乙局公文审核规定》《乙局档案借阅办法》《乙局值班细则》两部法规。").findings] == ["GR401"]
    assert not _audit("编制了《乙局五年发展规划》《乙局年度工作方案》两项规划方案。").findings


def test_quoted_slogan_count_against_its_bracketed_list():
    """A slogan counting its parts (“五个公开”) explained by a bracketed list
    right after it is an enumeration; a slogan with two numbers (“两局一中心”)
    or a bracket that is no list of items is not."""
    def gr4(t):
        a = gireport.audit(text="一、概述\n" + t + "\n", select=["GR4"])
        return [(f.code, f.reported, f.expected) for f in a.findings]

    assert gr4("我办围绕“五个公开”（决策公开、执行公开、管理公开、服务公开），推进各项工作。") == [("GR401", "五", "4")]
    assert gr4("我办围绕“五个公开”（决策公开、执行公开、管理公开、服务公开和结果公开），推进各项工作。") == []
    assert gr4("以“两局一中心”（即财政局、审计局和政务服务中心）为试点单位。") == []
    assert gr4("推行“三张清单”（详见附件），方便群众查询。") == []


def test_quoted_names_before_a_count_are_its_items():
    """“A”“B”“C”等N项活动 counts its quoted names like 《》 titles: more names
    than the count is a contradiction, fewer with 等 an abbreviated list."""
    def gr4(t):
        a = gireport.audit(text="一、概述\n" + t + "\n", select=["GR4"])
        return [(f.code, f.reported, f.expected) for f in a.findings]

    assert gr4("本年举办“档案开放日”“法规进社区”“读书沙龙”“青年志愿周”等三项主题活动。") == [("GR401", "三项", "4")]
    assert gr4("本年举办“档案开放日”“法规进社区”“读书沙龙”等三项主题活动。") == []
    assert gr4("本年举办“档案开放日”、“法规进社区”等五项主题活动。") == []


def test_a_plain_list_after_its_verb_is_counted():
    a = _audit("本年度健全了公开审核、政策解读、舆情回应三项机制。")
    (en,) = a.report.claims.of("enumeration")
    assert [i.text for i in en.items] == ["公开审核", "政策解读", "舆情回应"] and not a.findings
    [f] = _audit("本年度健全了公开审核、政策解读、舆情回应四项机制。").findings
    assert (f.reported, f.expected) == ("四项", "3")
    [f] = _audit("全年聚焦教育、医疗、养老、住房、就业六个重点领域。").findings
    assert (f.reported, f.expected) == ("六个", "5")


def test_a_plain_list_that_may_not_be_whole_is_not_counted():
    for body in (
        "本年度健全了公开审核、政策解读等四项机制。",  # 等: an open list
        "本年度健全了公开审核和保密审查、政策解读三项机制。",  # 和: one name or two?
        "本年度健全了公开审核、政策解读两项制度和舆情回应、网站巡查、档案管理三项机制。",  # a count inside
        "本年度公开审核、政策解读、舆情回应四项机制运行良好。",  # no verb introducing the list
    ):
        a = _audit(body)
        assert not a.findings, body


def test_quoted_names_before_a_count_are_listed_whatever_the_noun():
    body = "全年打造了“阳光议事厅”“开放日”“码上看”三个特色品牌。"
    a = _audit(body)
    (en,) = a.report.claims.of("enumeration")
    assert len(en.items) == 3 and not a.findings
    [f] = _audit(body.replace("三个", "四个")).findings
    assert (f.reported, f.expected) == ("四个", "3")


def test_the_declared_outline_in_quotes_is_read_once_as_parts():
    text = (
        "甲市乙局2031年政府信息公开工作年度报告\n本报告由“总体情况”、“主动公开情况”、“其他事项”三个部分组成。\n"
        "一、总体情况\n无。\n二、主动公开情况\n无。\n三、其他事项\n无。\n"
    )
    a = gireport.audit(text.encode(), select=["GR401", "GR101"])
    assert [e.style for e in a.report.claims.of("enumeration")] == ["parts"]
    assert not a.findings
