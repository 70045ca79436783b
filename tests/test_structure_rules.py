"""Structure rules GR102, GR105, GR106 and GR108 on the phenomena of unseen
reports: values missing from their sentence, a stale year left from last
year's report, ordinal lists that skip a number, a required old-template part
never mentioned.  Every example is invented (岚溪县 and its offices)."""

from __future__ import annotations

import pytest

import gireport
from gireport.structure.cues import TRUNCATION_CUES, Flat, ordinal_gaps, stale_years, truncations
from gireport.testing import render

TITLE = "岚溪县市场监督管理局2022年政府信息公开工作年度报告"
PREAMBLE = (
    "本报告依据《中华人民共和国政府信息公开条例》编制,由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。"
    "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
)
PARTS = [
    ("总体情况", "2022年,我局围绕市场监管中心工作,持续推进政府信息公开。"),
    ("主动公开政府信息情况", "本年度依托门户网站主动公开政府信息一批,涵盖行政许可、行政处罚等事项。"),
    ("收到和处理政府信息公开申请情况", "全年新收政府信息公开申请9件,均在法定期限内答复,平均用时为8个工作日。"),
    ("政府信息公开行政复议、行政诉讼情况", "全年未发生政府信息公开行政复议、行政诉讼案件。"),
    ("存在的主要问题及改进情况", "一是公开目录维护滞后;二是图解产品数量偏少;三是申请登记台账不够完整。"),
    ("其他需要报告的事项", "本年度未收取信息处理费。"),
]
SIGNATURE = "岚溪县市场监督管理局\n2023年1月16日"
_CN = "一二三四五六七八九十"


def report(parts=None, *, preamble=PREAMBLE, title=TITLE, **replace) -> str:
    """A 2021-format report; ``replace`` maps a part number (1-6, as
    ``p3=...``) to a new body."""
    parts = list(parts or PARTS)
    lines = [title, preamble]
    for i, (head, body) in enumerate(parts):
        body = replace.get(f"p{i + 1}", body)
        lines += [f"{_CN[i]}、{head}", body]
    lines.append(SIGNATURE)
    return "\n".join(lines) + "\n"


def findings(text: str, code: str):
    return [f for f in gireport.audit(text=text).findings if f.code == code]


def test_baseline_is_clean_of_structure_findings():
    a = gireport.audit(text=report())
    assert [f for f in a.findings if f.code.startswith("GR1")] == []


# --------------------------------------------------------------------------
# Flattened text
# --------------------------------------------------------------------------
def test_flat_maps_back_to_document_offsets_across_line_breaks():
    doc = "甲乙\n答复周期平均为\n 个工作日。"
    f = Flat.of(doc, 0, len(doc))
    assert f.text == "甲乙答复周期平均为个工作日。"
    i = f.text.index("个工作日")
    s, e = f.span(i, i + 4)
    assert doc[s:e] == "个工作日"
    assert f.starts == {0, 2, 9}


def test_a_space_before_a_list_marker_is_a_boundary():
    # a run-in heading, a space, then the list (single-line crawler text)
    doc = "2、拓展公开载体 一是网站改版;三是公开栏更新。"
    assert gaps(doc) == [((1, 3), (2,))]


# --------------------------------------------------------------------------
# GR105: the catalogue of truncation cues, one by one
# --------------------------------------------------------------------------
CUE_CASES = {
    "measure-without-number": ("申请均按期答复,平均用时为个工作日,满意度较高。", "申请均按期答复,平均用时为6个工作日,满意度较高。"),
    "percent-without-number": ("网上申请占全部申请的%,较上年明显提高。", "网上申请占全部申请的62.5%,较上年明显提高。"),
    "date-without-year": ("表中各项数据的采集时段始于年1月1日。", "表中各项数据的采集时段始于2022年1月1日。"),
    "date-with-empty-part": ("表中各项数据的采集时段止于2022年12月日。", "表中各项数据的采集时段止于2022年12月31日。"),
    "outcome-without-count": ("办结的申请中,予以公开件,部分公开2件。", "办结的申请中,予以公开5件,部分公开2件。"),
    "period-without-value": ("本报告数据的统计时段为,由局办公室汇总各科室数据。", "本报告数据的统计时段为全年,由局办公室汇总各科室数据。"),
    "range-without-ends": ("数据的统计期间自至2022年12月31日止。", "数据的统计期间自2022年1月1日至2022年12月31日止。"),
    "count-without-number": ("围绕惠企政策,全年累计发布政策解读。", "围绕惠企政策,全年累计发布政策解读17篇。"),
    "noun-measure-without-number": ("全年公开食品经营许可信息条,公开抽检结果43条。", "全年公开食品经营许可信息318条,公开抽检结果43条。"),
}


def test_every_cue_has_a_case():
    assert {c.name for c in TRUNCATION_CUES} == set(CUE_CASES)


@pytest.mark.parametrize("name", sorted(CUE_CASES))
def test_cue_fires_on_its_construction_only(name):
    bad, good = CUE_CASES[name]
    got = [c.name for c, _ in truncations(Flat.of(bad, 0, len(bad)))]
    assert got == [name]
    assert list(truncations(Flat.of(good, 0, len(good)))) == []


@pytest.mark.parametrize(
    "text",
    [
        "为个人和企业申请提供便利。",  # 为 + 个人, not a measure word
        "这是件群众关心的事。",
        "统计期限为:2022年1月1日至2022年12月31日。",  # a colon, then the value
        "对违法行为,依法予以查处。",  # 行为, not a period
        "本年1月1日起施行。",
        "累计发布政策解读百余篇。",
        "累计开展培训两次。",
        "全年发布各项信息条目齐全,受理申请件件有回音。",
        "公开重大项目,发布政策文件,",
        "公共服务事项全部公开,",
        "同比增长12%,占全部申请的一半。",
        "全年累计公开政府信息情况详见附表。",
        "第一、二季度集中清理,第三、四季度常态更新。",
        "按年月日顺序归档。",
        "(金额单位为元)",
        "表中金额单位为万元,比例单位为%。",
        "申请办结件数逐年上升。",
        "2022年1月起施行。",
    ],
)
def test_cues_leave_ordinary_sentences_alone(text):
    assert list(truncations(Flat.of(text, 0, len(text)))) == []


@pytest.mark.parametrize("name", sorted(CUE_CASES))
def test_gr105_reports_each_cue_in_a_report(name):
    bad, good = CUE_CASES[name]
    fs = findings(report(p3=bad), "GR105")
    assert len(fs) == 1, fs
    f = fs[0]
    assert f.severity == "warning"
    assert f.evidence[0].text in bad and f.reported == f.evidence[0].text
    assert f.args.get("cue") == name
    assert findings(report(p3=good), "GR105") == []


def test_gr105_end_of_sentence_cutoff_is_reported_once():
    fs = findings(report(preamble=PREAMBLE.replace("自2022年1月1日起至2022年12月31日止", "自至")), "GR105")
    assert len(fs) == 1, fs


# --------------------------------------------------------------------------
# GR106: a stale year named as the report's own subject
# --------------------------------------------------------------------------
def test_stale_year_in_the_preamble():
    pre = "依照《条例》要求,特将岚溪县市场监督管理局2021年度政务公开工作开展情况汇报如下。" + PREAMBLE
    fs = findings(report(preamble=pre), "GR106")
    assert len(fs) == 1, fs
    f = fs[0]
    assert (f.reported, f.expected) == ("2021", "2022")
    assert f.evidence[0].text == "2021年度政务公开工作开展情况"
    assert f.severity == "warning" and "preamble" in f.message_en


@pytest.mark.parametrize(
    "sentence",
    [
        "现将本局2021年度政务公开工作主要情况公布如下。",
        "本报告是对岚溪县市场监督管理局2021年度政府信息公开工作的总结。",
        "我局2021年度工作情况现报告如下。",
    ],
)
def test_stale_year_in_other_preamble_wordings(sentence):
    fs = findings(report(preamble=sentence + PREAMBLE), "GR106")
    assert [f.reported for f in fs] == ["2021"], fs


def test_stale_year_in_a_heading():
    parts = [("2021年度政务公开工作总结", PARTS[0][1])] + PARTS[1:]
    fs = findings(report(parts), "GR106")
    assert len(fs) == 1, fs
    assert fs[0].evidence[0].text == "2021年度政务公开工作总结"
    assert "heading" in fs[0].message_en


@pytest.mark.parametrize(
    "sentence",
    [
        "与2021年度政务公开工作总结相比,本年申请量有所增加。",
        "对照《岚溪县2021年度政务公开绩效评估细则》,我局认真整改。",
        "针对2021年度政府信息公开工作年度报告中指出的问题,逐项整改。",
        "我局编制了2022年政府信息公开工作年度报告。",
        "现将本局落实2021年度政务公开工作要点的情况报告如下。",
        "按照县政府办公室关于做好2021年度政府信息公开工作年度报告编制的通知,编制本报告。",
        "现将2022年度工作情况公布如下,2021年结转申请已全部办结。",
    ],
)
def test_legitimate_mentions_of_last_year_are_not_stale(sentence):
    assert findings(report(preamble=sentence + PREAMBLE), "GR106") == []


def test_stale_year_opening_the_overview():
    fs = findings(report(p1="2021年,我局围绕市场监管中心工作,持续推进政府信息公开。"), "GR106")
    assert len(fs) == 1, fs
    assert fs[0].evidence[0].text == "2021年" and "overview" in fs[0].message_en
    assert findings(report(p1="2021年以来,我局围绕市场监管中心工作,持续推进政府信息公开。"), "GR106") == []
    assert findings(report(p1="2022年是机构改革后的第一年,我局持续推进政府信息公开。"), "GR106") == []


def test_last_years_problems_heading_is_not_stale():
    for h in ("(一)2021年政府信息公开工作存在问题的整改情况", "(一)2021年度工作中存在问题的改进情况", "七、2023年工作计划"):
        assert stale_years(Flat.of(h, 0, len(h)), 2022, heading=True) == []


# --------------------------------------------------------------------------
# GR108: ordinal gaps
# --------------------------------------------------------------------------
def gaps(s: str):
    return [(g.seen, g.missing) for g in ordinal_gaps(Flat.of(s, 0, len(s)))]


def test_ordinal_gap_in_one_paragraph():
    body = "具体有:一是公开目录维护滞后;二是图解产品数量偏少;四是申请登记台账不够完整。"
    fs = findings(report(p5=body), "GR108")
    assert len(fs) == 1, fs
    f = fs[0]
    assert f.severity == "warning"
    assert f.evidence[0].text.startswith("四是申请登记")
    assert (f.reported, f.expected) == ("一是、二是、四是", "三是")


def test_ordinal_gap_with_di_markers():
    assert gaps("第一,完善制度;第二,拓展渠道;第四,强化考核。") == [((1, 2, 4), (3,))]


@pytest.mark.parametrize(
    "body",
    [
        "一是公开目录维护滞后;二是图解产品数量偏少;三是申请登记台账不够完整。",
        # a list continued in the next paragraph
        "一是公开目录维护滞后;二是图解产品数量偏少。\n三是申请登记台账不够完整;四是培训频次不足。",
        # a second list restarts at 一是
        "一是甲;二是乙;三是丙。下一步:一是加强培训;二是规范文书。",
        # a list nested in the fifth item of another
        "四是规范收费。五是推进公开:一是公开标准;二是公开流程;三是公开结果。六是强化监督。",
        # the start of the run is not in the section: not judged
        "三是申请登记台账不够完整;五是培训频次不足。",
        # 统一是 is not a list marker
        "统一是前提;二是甲;四是乙。",
    ],
)
def test_ordinal_lists_that_are_fine(body):
    assert findings(report(p5=body), "GR108") == [], body


@pytest.mark.parametrize(
    "doc, fam",
    [
        ("主要做法:1.健全机制;2.规范流程;4.强化考核。", "ar"),
        ("主要做法:1、健全机制;2、规范流程;4、强化考核。", "ar"),
        ("主要做法:(1)健全机制;(2)规范流程;(4)强化考核。", "pa"),
    ],
)
def test_inline_arabic_lists_with_a_gap(doc, fam):
    f = Flat.of(doc, 0, len(doc))
    got = ordinal_gaps(f)
    assert [(g.family, g.seen, g.missing) for g in got] == [(fam, (1, 2, 4), (3,))]


@pytest.mark.parametrize(
    "doc",
    [
        "受损楼栋分别为1、2、4号楼。",  # numbers, not items
        "网上申请同比增长2.5%;3.5万元用于平台建设。",
        "依据第二十条第(一)项、第(五)项公开。",
        "1.健全机制。\n2.规范流程。\n3.强化考核。",
        "(1)健全机制;(2)规范流程;(3)强化考核。",
    ],
)
def test_inline_arabic_numbers_that_are_not_gapped_lists(doc):
    assert gaps(doc) == []


def test_di_with_a_dunhao_is_not_a_list_marker():
    assert gaps("第一、二季度集中清理;第三、四季度常态更新。") == []


def test_ordinal_gap_across_lines_of_a_pdf_like_paragraph():
    doc = "一是公开目录维护\n滞后;二是图解产品\n数量偏少;四是申请\n登记台账不够完整。"
    assert gaps(doc) == [((1, 2, 4), (3,))]


def test_ordinal_list_after_a_page_footer_line():
    # "— 6 —" left between two lines by a PDF conversion does not hide 三是
    doc = "一是甲;二是乙。\n— 6 —\n三是丙;四是丁。"
    assert gaps(doc) == []


# --------------------------------------------------------------------------
# Every source format
# --------------------------------------------------------------------------
SOURCE = """\
# 岚溪县市场监督管理局2022年政府信息公开工作年度报告
依照《条例》要求,特将岚溪县市场监督管理局2021年度政务公开工作开展情况汇报如下。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。
一、总体情况
2022年,我局围绕市场监管中心工作,持续推进政府信息公开。
二、主动公开政府信息情况
本年度依托门户网站主动公开政府信息一批,涵盖行政许可、行政处罚等事项。
三、收到和处理政府信息公开申请情况
全年新收政府信息公开申请9件,均在法定期限内答复,答复周期平均为个工作日,申请人未提出异议。
四、政府信息公开行政复议、行政诉讼情况
全年未发生政府信息公开行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
存在的不足有:一是基层站所公开目录维护滞后,部分事项未及时归集;二是图表化解读产品偏少,短视频尚属空白;四是申请登记台账不够完整。
六、其他需要报告的事项
本年度未收取信息处理费。
岚溪县市场监督管理局
2023年1月16日
"""


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_structure_phenomena_in_every_format(fmt, tmp_path):
    if fmt in ("pdf", "docx"):
        pytest.importorskip("reportlab" if fmt == "pdf" else "docx")
    p = tmp_path / f"lanxi.{fmt}"
    render(SOURCE, fmt, path=str(p))
    a = gireport.audit(str(p))
    by = {}
    for f in a.findings:
        by.setdefault(f.code, []).append(f)
    squash = lambda s: "".join(s.split())  # noqa: E731
    assert [squash(f.evidence[0].text) for f in by.get("GR105", [])] == ["答复周期平均为个工作日"]
    assert [f.reported for f in by.get("GR106", [])] == ["2021"]
    assert len(by.get("GR108", [])) == 1 and squash(by["GR108"][0].evidence[0].text).startswith("四是申请登记")


# --------------------------------------------------------------------------
# GR104: a gap filled by a part whose heading was lost
# --------------------------------------------------------------------------
def test_gr104_gap_filled_by_a_part_without_heading_is_info():
    lines = [TITLE, PREAMBLE]
    for i, (head, body) in enumerate(PARTS[:4]):
        lines += [f"{_CN[i]}、{head}", body]
    # 五、's heading lost (as in a PDF conversion); its sub-sections remain.
    lines += ["(一)存在的主要问题", "公开目录维护滞后,图解产品数量偏少。", "(二)改进情况", "下一步将增加培训频次,完善申请登记台账。"]
    lines += ["六、其他需要报告的事项", "本年度未收取信息处理费。", SIGNATURE]
    a = gireport.audit(text="\n".join(lines) + "\n")
    assert any(s.implied and s.kind == "problems" for s in a.report.sections)
    fs = [f for f in a.findings if f.code == "GR104"]
    assert [f.severity for f in fs] == ["info"], fs


def test_gr104_plain_gap_stays_a_warning():
    parts = PARTS[:4] + PARTS[5:]
    lines = [TITLE, PREAMBLE]
    for i, (head, body) in enumerate(parts):
        n = i if i < 4 else i + 1
        lines += [f"{_CN[n]}、{head}", body]
    lines.append(SIGNATURE)
    fs = [f for f in gireport.audit(text="\n".join(lines) + "\n").findings if f.code == "GR104"]
    assert [f.severity for f in fs] == ["warning"], fs


# --------------------------------------------------------------------------
# Section kinds: wording variants of 其他需要报告的事项
# --------------------------------------------------------------------------
@pytest.mark.parametrize("title", ["其它需要报告的事项", "其他需报告的事项", "其它事项"])
def test_other_part_variants_are_not_missing(title):
    from gireport.structure import classify

    assert classify(title) == "other"
    parts = PARTS[:5] + [(title, "本年度未收取信息处理费。")]
    assert findings(report(parts), "GR102") == []


def test_gr102_old_looking_report_of_a_2019_year_is_info_only():
    text = (
        "岚溪县审计局2019年政府信息公开工作年度报告\n"
        "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、存在的主要问题及改进措施等四个部分组成。"
        "本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n"
        "一、概述\n2019年,我局认真贯彻落实《条例》。\n"
        "二、主动公开政府信息情况\n全年主动公开政府信息一批。\n"
        "三、依申请公开政府信息情况\n全年未收到政府信息公开申请。同意公开答复数为零。\n"
        "四、存在的主要问题及改进措施\n一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。\n"
        "岚溪县审计局\n2020年1月20日\n"
    )
    a = gireport.audit(text=text)
    fs = [f for f in a.findings if f.code == "GR102"]
    assert a.report.template.name == "old"
    assert fs and all(f.severity == "info" for f in fs), fs


# --------------------------------------------------------------------------
# GR106: data periods stated in other words
# --------------------------------------------------------------------------
ARCHIVE = "岚溪县档案局2021年政府信息公开工作年度报告\n{pre}\n一、总体情况\n2021年,我局认真落实《条例》。\n岚溪县档案局\n2022年1月10日\n"


@pytest.mark.parametrize(
    "pre, bad",
    [
        ("本报告所列数据截至2020年12月31日。", True),
        ("本报告所列数据截至2021年12月31日。", False),
        ("本报告的报告期为2020年1月1日至2020年12月31日。", True),
        ("本报告数据的时间范围为2021年1月1日至2021年12月31日。", False),
    ],
)
def test_gr106_period_in_other_words(pre, bad):
    a = gireport.audit(text=ARCHIVE.format(pre=pre), select=["GR106"])
    assert a.report.metadata.period_end is not None
    assert [f.reported for f in a.findings] == (["2020"] if bad else [])


def test_stale_year_in_an_attached_table_caption():
    old = (
        "岚溪县水利局2016年政府信息公开工作年度报告\n"
        "本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。\n"
        "一、概述\n2016年,我局认真贯彻落实《条例》。\n"
        "二、存在的主要问题及改进措施\n一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。\n"
        "附:{y}年政府信息公开情况统计表\n"
        "岚溪县水利局\n2017年2月20日\n"
    )
    fs = findings(old.format(y=2015), "GR106")
    assert [f.reported for f in fs] == ["2015"] and "heading" in fs[0].message_en
    assert findings(old.format(y=2016), "GR106") == []


def test_gr102_fee_part_named_only_in_the_declared_outline_is_a_warning():
    # The preamble promises a 收费 part; the body has none and never speaks of fees.
    text = (
        "蓼岸县民政局2012年政府信息公开工作年度报告\n"
        "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、"
        "因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题及改进措施等六个部分组成。"
        "本报告所列数据的统计期限自2012年1月1日起至2012年12月31日止。\n"
        "一、概述\n2012年,我局认真贯彻落实《条例》。\n"
        "二、主动公开政府信息情况\n全年主动公开政府信息215条。\n"
        "三、依申请公开政府信息情况\n全年受理政府信息公开申请6件,均已按时答复。\n"
        "四、因政府信息公开申请行政复议和提起行政诉讼的情况\n本年度未发生行政复议和行政诉讼。\n"
        "五、存在的主要问题及改进措施\n一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。\n"
        "蓼岸县民政局\n2013年3月20日\n"
    )
    fs = [f for f in gireport.audit(text=text).findings if f.code == "GR102"]
    assert [(f.reported, f.severity) for f in fs] == [("收费及减免情况", "warning")], fs
    # Said in a sentence of the body, the topic is covered (folded into another part): info.
    folded = text.replace("均已按时答复。", "均已按时答复,未收取任何费用。")
    fs = [f for f in gireport.audit(text=folded).findings if f.code == "GR102"]
    assert [f.severity for f in fs] == ["info"], fs


def test_gr102_outline_without_a_count_does_not_cover_the_fee_topic():
    text = (
        "蓼岸县民政局2012年政府信息公开工作年度报告\n"
        "本局编制了2012年度政府信息公开工作年度报告,内容包括概述,主动公开政府信息情况,依申请公开政府信息情况,"
        "政府信息公开收费及减免情况,因政府信息公开申请行政复议、提起行政诉讼情况,存在的主要问题和改进措施。"
        "文中数字均按2012年全年口径统计。\n"
        "一、概述\n2012年,我局认真贯彻落实《条例》。\n"
        "二、主动公开政府信息情况\n全年主动公开政府信息215条。\n"
        "三、依申请公开政府信息情况\n全年受理政府信息公开申请6件,均已按时答复。\n"
        "四、因政府信息公开申请行政复议和提起行政诉讼的情况\n本年度未发生行政复议和行政诉讼。\n"
        "五、存在的主要问题及改进措施\n一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。\n"
        "蓼岸县民政局\n2013年3月20日\n"
    )
    fs = [f for f in gireport.audit(text=text).findings if f.code == "GR102"]
    assert [(f.reported, f.severity) for f in fs] == [("收费及减免情况", "warning")], fs


# --- GR105: a lead-in that ends with a colon ---------------------------------------
_COLON_DOC = """青禾县水务局2016年政府信息公开工作年度报告
一、概述
2016年，我局认真落实条例要求。
二、存在的主要问题及改进措施
对照公众期待，我局的工作还存在一些不足，主要是：
{after}
三、其他需要报告的事项
根据要求，本年度数据统计期限为：
四、附表
无。
"""


@pytest.mark.parametrize(
    "after",
    ["（一）公开内容不够全面。\n（二）解读形式较为单一。", "1.公开内容不够全面；\n2.解读形式较为单一。", "一是公开内容不够全面，二是解读形式较为单一。"],
)
def test_gr105_colon_before_a_list_is_a_lead_in(after):
    """"主要是：" followed by a list on the next lines announces the list; a
    colon with nothing after it before the next heading is still a blank."""
    a = gireport.audit(text=_COLON_DOC.format(after=after), select=["GR105"])
    assert [f.reported for f in a.findings] == ["本年度数据统计期限为"]
    assert [e.text for e in a.findings[0].evidence] == ["本年度数据统计期限为"]


# --- GR101: a count declared as "全文分N部分：names" ---------------------------------
def _declared_doc(count: str) -> str:
    return (
        "示例市档案馆2019年政府信息公开工作年度报告\n"
        f"本报告全文分{count}部分：总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，"
        "存在的主要问题及改进情况，其他需要报告的事项。\n"
        "一、总体情况\n2019年，我馆稳步推进政务公开。\n"
        "二、主动公开政府信息情况\n全年主动公开信息60条。\n"
        "三、收到和处理政府信息公开申请情况\n全年未收到申请。\n"
        "四、存在的主要问题及改进情况\n公开形式较为单一。\n"
        "五、其他需要报告的事项\n无。\n"
    )


def test_gr101_reads_a_count_with_names_after_a_colon():
    from gireport.structure.metadata import _find_declared

    t = _declared_doc("六")
    d = _find_declared(t, len(t))
    assert d is not None and d.count == 6 and d.names[2] == "收到和处理政府信息公开申请情况" and len(d.names) == 5
    assert [f.reported for f in gireport.audit(text=t, select=["GR101"]).findings] == ["六个部分"]
    assert gireport.audit(text=_declared_doc("五"), select=["GR101"]).findings == []


def test_gr101_a_name_joined_by_ji_to_a_year_plan_is_one_part():
    """"存在的问题及2020年工作打算" can be one part or two: the reading that
    gives the declared count is taken."""
    from gireport.structure.metadata import _find_declared

    t = "本报告包括总体情况、主动公开情况、依申请公开情况、收费及减免情况、复议诉讼情况、存在的问题及2020年工作打算六个方面。"
    d = _find_declared(t, len(t))
    assert d is not None and d.count == 6 and d.names[-1] == "存在的问题及2020年工作打算"
    t2 = "本报告由概述、主动公开情况、依申请公开情况、存在的问题及改进措施和2020年工作计划等五个部分组成。"
    d2 = _find_declared(t2, len(t2))
    assert d2 is not None and d2.names[-2:] == ("存在的问题及改进措施", "2020年工作计划")


def test_gr105_a_disbursement_without_its_count():
    """发放…贷款笔: a counted noun of a fund's work straight before its
    measure word, the number between them missing."""
    def gr105(t):
        return [f.reported for f in gireport.audit(text="一、概述\n" + t + "\n", select=["GR105"]).findings]

    assert gr105("本年度累计向职工发放个人住房贷款笔，金额8.6亿元。") != []
    assert gr105("本年度累计向职工发放个人住房贷款2,315笔，金额8.6亿元。") == []


# --- the old statistics table printed as lines of text ----------------------------
def _stats_as_text(after: str = "") -> str:
    return (
        "示例县民政局2016年政府信息公开工作年度报告\n"
        "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开情况统计表四个部分组成。\n"
        "一、概述\n2016年,我局稳步推进政务公开。\n"
        "二、主动公开政府信息情况\n全年主动公开信息310条。\n"
        "三、依申请公开政府信息情况\n全年收到申请12件。\n"
        "四、政府信息公开情况统计表\n"
        "一、主动公开情况\n"
        "(一)主动公开政府信息数          条      310\n"
        "二、回应解读情况\n"
        "(一)回应公众关注热点或重大舆情数          次      6\n"
        "三、依申请公开情况\n"
        "(一)收到申请数          件      12\n" + after
    )


def test_the_rows_of_a_statistics_table_printed_as_text_are_no_parts():
    a = gireport.audit(text=_stats_as_text())
    assert [s.heading for s in a.report.sections] == ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、政府信息公开情况统计表"]
    assert [c.heading for c in a.report.sections[-1].children] == ["一、主动公开情况", "二、回应解读情况", "三、依申请公开情况"]
    assert not [f for f in a.findings if f.code == "GR101"]  # 四个部分, as declared
    assert a.report.outline.kind_at(a.report.text.index("回应公众关注")) == "statistics"


def test_a_part_numbered_on_after_the_statistics_table_stays_a_part():
    a = gireport.audit(text=_stats_as_text("五、其他需要报告的事项\n无。\n"))
    assert [s.heading for s in a.report.sections][-2:] == ["四、政府信息公开情况统计表", "五、其他需要报告的事项"]


def test_gr101_names_listed_with_commas_keep_a_dun_comma_of_their_own():
    t = (
        "示例县民政局2016年政府信息公开工作年度报告\n"
        "全文分为概述,依申请公开政府信息情况,因政府信息公开申请行政复议、提起行政诉讼的情况,"
        "机构建设、保障经费和培训会议情况,其他需要报告的事项五个部分。\n"
        "一、概述\n2016年,我局稳步推进政务公开。\n二、依申请公开政府信息情况\n全年收到申请3件。\n"
        "三、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n四、机构建设、保障经费和培训会议情况\n无。\n"
        "五、其他需要报告的事项\n无。\n"
    )
    a = gireport.audit(text=t, select=["GR101"])
    assert len(a.report.metadata.declared.names) == 5
    assert not a.findings, [f.message for f in a.findings]
