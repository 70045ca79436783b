"""Structure of real published reports (../shared, skipped when absent).

Expectations were written by reading each file: the top-level headings that
are really there, the template its labels call for, and its year and agency.
"""

from __future__ import annotations

import pytest

import gireport

from conftest import REAL, needs_shared

NEW6 = ["overview", "proactive", "on_request", "review_litigation", "problems", "other"]
OLD_PINGTAN = ["overview", "proactive", "on_request", "problems"]  # + an unheaded 统计表

# file stem -> (year, agency, template, top-level kinds)
TXT = {
    "pingtan-county-2011": (2011, "平潭县人民政府", "old", OLD_PINGTAN),
    "pingtan-county-2012": (2012, "平潭县人民政府", "old", OLD_PINGTAN),
    "pingtan-county-2013": (2013, "平潭县人民政府", "old", OLD_PINGTAN),
    "pingtan-local-tax-2013": (
        2013,
        "平潭综合实验区地方税务局",
        "old",
        ["overview", "proactive", "on_request", "unknown", "review_litigation", "staffing"],
    ),
    "pingtan-zone-2011": (2011, "平潭综合实验区", "old", OLD_PINGTAN),
    "pingtan-zone-2012": (2012, "平潭综合实验区", "old", ["overview", "proactive", "proactive", "on_request", "problems"]),
    "pingtan-zone-2013": (2013, "平潭综合实验区", "old", OLD_PINGTAN),
    "pingtan-zone-2014": (
        2014,
        "平潭综合实验区管委会",
        "old",
        ["overview", "proactive", "on_request", "fees", "problems", "statistics"],
    ),
    "pingtan-zone-2015": (
        2015,
        "平潭综合实验区",
        "old",
        ["overview", "proactive", "on_request", "fees", "review_litigation", "problems", "statistics"],
    ),
    "pingtan-zone-2016": (
        2016,
        "平潭综合实验区",
        "old",
        ["overview", "proactive", "on_request", "fees", "review_litigation", "problems", "statistics"],
    ),
    "pingtan-zone-2017": (
        2017,
        "平潭综合实验区",
        "old",
        ["overview", "proactive", "on_request", "review_litigation", "problems", "statistics"],
    ),
    "pingtan-zone-2018": (
        2018,
        "平潭综合实验区",
        "old",
        ["overview", "proactive", "on_request", "review_litigation", "problems", "statistics"],
    ),
    "pingtan-zone-2019": (2019, "平潭综合实验区", "2019", NEW6),
    "pingtan-zone-2020": (2020, "平潭综合实验区", "2019", NEW6),
    "pingtan-zone-2021": (2021, "平潭综合实验区", "2021", NEW6),
    "pingtan-zone-2022": (2022, "平潭综合实验区", "2021", NEW6),
    "pingtan-zone-2023": (2023, "平潭综合实验区", "2021", NEW6),
    "pingtan-zone-2024": (2024, "平潭综合实验区", "2021", NEW6),
    "pingtan-zone-2025": (2025, "平潭综合实验区", "2021", NEW6),
}

pytestmark = needs_shared


@pytest.mark.parametrize("stem", sorted(TXT))
def test_crawler_text(stem):
    year, agency, template, kinds = TXT[stem]
    r = gireport.parse(REAL / "txt" / f"{stem}.txt")
    assert r.is_report
    assert r.metadata.year == year
    assert r.metadata.agency == agency
    assert r.template.name == template
    assert r.section_kinds == kinds


@pytest.mark.parametrize("stem", sorted(TXT))
def test_crawler_text_data_period(stem):
    r = gireport.parse(REAL / "txt" / f"{stem}.txt")
    year = TXT[stem][0]
    if stem == "pingtan-county-2013":
        # This report states no 统计期限 sentence.
        assert r.metadata.period_start is None
        return
    assert r.metadata.period_start is not None and r.metadata.period_start.isoformat() == f"{year}-01-01"
    assert r.metadata.period_end is not None and r.metadata.period_end.isoformat() == f"{year}-12-31"


def test_letter_is_not_a_report():
    r = gireport.parse(REAL / "txt" / "pingtan-zone-2014-letter.txt")
    assert not r.is_report
    assert "关于2014年政府信息公开工作要点落实情况的函" in r.metadata.not_report_reason


def test_declared_outline_pingtan_2021():
    r = gireport.parse(REAL / "txt" / "pingtan-zone-2021.txt")
    d = r.metadata.declared
    assert d is not None and d.count == 6
    assert d.names == (
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "其他需要报告的事项",
    )


def test_declared_outline_old_five_parts():
    r = gireport.parse(REAL / "txt" / "pingtan-county-2011.txt")
    d = r.metadata.declared
    assert d is not None and d.count == 5
    assert d.names[0] == "概述" and d.names[-1] == "政府信息公开情况统计表"


def test_run_in_headings_glued_to_table_numbers():
    # In the 2022 crawler text "四、" follows the last digit of a flattened table
    # and the heading itself has a typo (行政法复议); it is still found.
    r = gireport.parse(REAL / "txt" / "pingtan-zone-2022.txt")
    sec = r.section("review_litigation")
    assert sec is not None and sec.title.startswith("政府信息公开行政法复议")


@pytest.mark.parametrize(
    "name,agency,kind",
    [("shanghai-office-2025", "上海市人民政府办公厅", "department"), ("shanghai-stc-2024", "上海市科委", "department")],
)
def test_markdown_reports_recover_six_parts(name, agency, kind):
    # Both were converted from PDF and lost their 五、 heading; the Shanghai
    # 科委 file also numbers the 总体情况 sub-topics 一…六 and restarts at 一.
    r = gireport.parse(REAL / "md" / f"{name}.md")
    assert r.metadata.agency == agency
    assert r.metadata.issuer_kind == kind
    assert r.template.name == "2021"
    assert r.section_kinds == NEW6
    implied = [s for s in r.sections if s.implied]
    assert [s.kind for s in implied] == ["problems"]
    assert r.outline.notes


def test_seed_report_structure(seed_path):
    r = gireport.parse(seed_path)
    md = r.metadata
    assert md.title == "长白县人民政府2013年政府信息公开工作年度报告"
    assert (md.agency, md.year, md.issuer_kind) == ("长白县人民政府", 2013, "government")
    assert r.template.name == "old"
    assert r.section_kinds == ["overview", "proactive", "on_request", "review_litigation", "fees", "problems", "plan"]
    assert md.declared is not None and md.declared.count == 7
    assert md.declared.names[-1] == "2014年重点工作安排"
    assert md.signature_agency == "长白县人民政府办公室"
    # Sub-headings, including the numbering gap 3、→6、 in 二(四).
    two = r.section("proactive")
    four = two.children[-1]
    assert four.heading == "(四)公开的形式"
    assert [c.number for c in four.children] == [1, 2, 3, 6, 7]


@pytest.mark.parametrize("stem", sorted(s for s in TXT))
def test_html_pages_parse_like_the_crawler_text(stem):
    # The same reports as real web pages: the site chrome is dropped and the
    # structure, template and year agree with the crawler text.
    year, agency, template, kinds = TXT[stem]
    r = gireport.parse(REAL / "html" / f"{stem}.html")
    assert (r.metadata.year, r.template.name, r.section_kinds) == (year, template, kinds)
    if stem == "pingtan-zone-2014":
        # The page body prints "平潭综合实验区 / 2014年度…报告"; only the meta
        # tag and the crawler's 标题 line say 管委会.
        agency = "平潭综合实验区"
    assert r.metadata.agency == agency


@pytest.mark.parametrize(
    "name,year,agency",
    [
        ("hongze-district-2023", 2023, "洪泽区人民政府"),
        ("hongze-district-2024", 2024, "淮安市洪泽区人民政府"),
        ("huaian-city-2024", 2024, "淮安市人民政府"),
    ],
)
def test_pdf_reports(name, year, agency):
    r = gireport.parse(REAL / "pdf" / f"{name}.pdf")
    assert (r.metadata.year, r.metadata.agency, r.metadata.issuer_kind) == (year, agency, "government")
    assert r.template.name == "2021"
    assert r.section_kinds == NEW6
    assert r.document.source.pages and r.sections[1].page is not None
