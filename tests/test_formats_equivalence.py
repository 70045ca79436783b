"""The same report delivered as txt, md, html, docx and pdf parses the same:
same section kinds, same paragraph text, same metadata, same table grid."""

from __future__ import annotations

import pytest

import gireport
from gireport.testing import render

pytest.importorskip("reportlab")

SOURCE = """\
# 青禾县人民政府2016年政府信息公开工作
# 年度报告
本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、存在的主要问题及改进措施等六个部分组成。本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。
一、概述
2016年,我县认真贯彻落实《中华人民共和国政府信息公开条例》,围绕县委、县政府中心工作,不断完善政府信息公开制度,规范公开程序,拓展公开渠道,全县政府信息公开工作取得了新的进展,较好地保障了人民群众的知情权、参与权和监督权。
(一)组织领导
县政府成立了由常务副县长任组长的政府信息公开工作领导小组,办公室设在县政府办公室,配备专职工作人员2名、兼职工作人员36名,保障了全县政府信息公开工作的有序开展。
二、主动公开政府信息情况
全年共主动公开政府信息4286条,比去年增加312条。其中通过政府网站公开3960条,通过政府公报、广播电视等其他方式公开326条。
: 主动公开政府信息情况统计表
| 公开渠道 | 数量(条) | 占比 |
| 政府网站 | 3960 | 92.4% |
| 其他方式 | 326 | 7.6% |
| 合计 | 4286 | < |
三、依申请公开政府信息情况
全年共受理政府信息公开申请58件,其中当面申请20件,网络申请30件,信函申请8件,均已按期答复。
四、政府信息公开的收费及减免情况
全年未收取任何政府信息公开费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年未发生因政府信息公开申请行政复议和行政诉讼的情况。
六、存在的主要问题及改进措施
一是部分单位对政府信息公开工作重视不够,信息更新不够及时;二是公开内容的深度和广度有待进一步拓展。下一步,我县将进一步健全工作机制,加强督促检查,不断提高政府信息公开工作水平。
青禾县人民政府办公室
2017年3月20日
"""

FORMATS = ["txt", "md", "html", "docx", "pdf"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("variants")
    out = {}
    for fmt in FORMATS:
        p = d / f"qinghe-2016.{fmt}"
        render(SOURCE, fmt, path=str(p))
        out[fmt] = gireport.parse(p)
    return out


def _body(r):
    # Paragraph text outside tables, without the title lines.
    title = r.metadata.title_span
    return [p.text for p in r.paragraphs if not (title and title[0] <= p.start < title[1])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_sections(reports, fmt):
    assert reports[fmt].section_kinds == reports["txt"].section_kinds == [
        "overview",
        "proactive",
        "on_request",
        "fees",
        "review_litigation",
        "problems",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_paragraph_text(reports, fmt):
    assert _body(reports[fmt]) == _body(reports["txt"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_metadata(reports, fmt):
    md = reports[fmt].metadata
    assert md.title == "青禾县人民政府2016年政府信息公开工作年度报告"
    assert (md.agency, md.year, md.issuer_kind) == ("青禾县人民政府", 2016, "government")
    assert md.declared is not None and md.declared.count == 6 and len(md.declared.names) == 6
    assert md.period_start.isoformat() == "2016-01-01"
    assert reports[fmt].template.name == "old"


def test_markdown_table_has_the_same_cells_without_spans(reports):
    # Markdown pipe tables cannot merge cells: the merged cell is written once.
    (t,) = reports["md"].document.tables
    assert [row[:2] for row in t.grid()] == [["公开渠道", "数量(条)"], ["政府网站", "3960"], ["其他方式", "326"], ["合计", "4286"]]


def test_text_table_is_a_table(reports):
    # Plain text keeps the table as space-aligned columns, read back as a table.
    (t,) = reports["txt"].document.tables
    assert t.grid()[1] == ["政府网站", "3960", "92.4%"]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_same_table_grid(reports, fmt):
    tables = reports[fmt].document.tables
    assert len(tables) == 1
    assert tables[0].grid() == [
        ["公开渠道", "数量(条)", "占比"],
        ["政府网站", "3960", "92.4%"],
        ["其他方式", "326", "7.6%"],
        ["合计", "4286", "4286"],
    ]
