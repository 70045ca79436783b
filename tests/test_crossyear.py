"""Rules across reports (GR701–GR704): synthetic two-year pairs built from
the corpus sources, and the real 平潭 series from ../shared (skipped when
absent)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import gireport
from gireport import cli
from gireport.audit import get_rule, select_rules
from gireport.batch.crossyear import Corpus, DocFacts, agency_key, similarity
from gireport.testing import render

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "corpus" / "src" / "qinghe-county-2021.gir"
REAL = ROOT.parent / "shared" / "corpus-real"

CARRY_IN = "| 二、上年结转政府信息公开申请数量 | < | < | 6 | 1 | 0 | 0 | 0 | 0 | 7 |"
NORMATIVE = "| 行政规范性文件 | 9 | 4 | 63 |"
NEW_OVERVIEW = (
    "2022年，青禾县以数字政府建设为抓手，推进政务公开与政务服务深度融合，上线“一网通查”公开平台，"
    "将乡镇和部门的公开事项统一编目，群众通过手机即可查询惠民补贴、项目审批和执法结果。"
    "县政府办公室牵头梳理基层公开标准目录，在二十六个领域细化公开事项和时限要求，并组织第三方开展抽查。"
)
NEW_PROBLEMS = (
    "（一）存在的主要问题\n一是“一网通查”平台与部门业务系统的数据接口尚未全部打通，部分事项仍需人工录入；"
    "二是部分村（社区）公开栏更新不及时，线上线下信息不同步；三是回应关切的时效性有待提高。\n"
    "（二）改进情况\n一是年内完成十二个业务系统的数据对接，实现公开信息自动推送；二是建立村务公开月度巡查制度；"
    "三是完善舆情监测和回应机制，重要舆情二十四小时内回应。"
)
NEW_OTHER = (
    "（一）收取信息处理费情况。2022年未发出收费通知，未收取信息处理费。"
    "（二）落实年度政务公开工作要点情况。县政府办公室将工作要点分解为四十二项具体任务，逐项明确责任单位和完成时限，年底前全部完成。"
)


def base_source() -> str:
    return SRC.read_text(encoding="utf-8")


def next_year(src: str, *, carry_in: tuple[int, ...] = (3, 2, 0, 0, 0, 0, 5), valid: int = 68, rewrite: bool = False) -> str:
    """The 2022 report of the same county, derived from the 2021 source."""
    s = src.replace("2022年", "2023年").replace("%published: 2022", "%published: 2023").replace("2021年", "2022年")
    s = s.replace(CARRY_IN, "| 二、上年结转政府信息公开申请数量 | < | < | " + " | ".join(map(str, carry_in)) + " |")
    s = s.replace(NORMATIVE, f"| 行政规范性文件 | 9 | 4 | {valid} |")
    if rewrite:
        s = _replace_section(s, "一、总体情况", "二、主动公开政府信息情况", NEW_OVERVIEW)
        s = _replace_section(s, "五、存在的主要问题及改进情况", "六、其他需要报告的事项", NEW_PROBLEMS)
        s = _replace_section(s, "六、其他需要报告的事项", "青禾县人民政府办公室", NEW_OTHER)
    return s


def _replace_section(s: str, head: str, next_head: str, body: str) -> str:
    a = s.index(head + "\n") + len(head) + 1
    b = s.index("\n" + next_head, a) + 1
    return s[:a] + body + "\n" + s[b:]


def write(d: Path, name: str, src: str, fmt: str = "txt") -> Path:
    p = d / f"{name}.{fmt}"
    render(src, fmt, p)
    return p


def audit_folder(d: Path, **kw):
    with gireport.audit_many([d], workers=2, **kw) as run:
        results = {Path(r.file).name: r for r in run}
        corpus = [f for f in run.corpus_findings]
    return results, corpus


def only(findings, code, name=None):
    return [f for f in findings if f["code"] == code and (name is None or Path(f["file"]).name == name)]


# --------------------------------------------------------------------------
# Registry and single reports
# --------------------------------------------------------------------------
def test_cross_year_rules_are_registered_and_documented(capsys):
    rules = {r.code: r for r in select_rules(["cross-year"])}
    assert sorted(rules) == ["GR701", "GR702", "GR703", "GR704", "GR705"]
    for r in rules.values():
        assert r.builtin and r.family == "cross-year"
        for sec in ("What it does", "Why it matters", "Example", "Consistent example", "Known exceptions"):
            assert sec in r.doc, (r.code, sec)
    assert rules["GR701"].severity == rules["GR702"].severity == rules["GR703"].severity == "warning"
    assert rules["GR704"].severity == "info"
    assert get_rule("text-repeated").code == "GR703"
    cli.main(["rules", "--select", "cross-year"])
    assert [ln.split()[0] for ln in capsys.readouterr().out.splitlines()] == ["GR701", "GR702", "GR703", "GR704", "GR705"]


def test_single_report_audit_is_unaffected(tmp_path):
    p = write(tmp_path, "qinghe-2021", base_source())
    a = gireport.audit(p)
    assert not [f for f in a.findings if f.code.startswith("GR7")]
    assert "GR701" not in a.coverage["rules"]
    a2 = gireport.audit(p, select=["cross-year"])
    assert a2.findings == []


def test_agency_key():
    assert agency_key("平潭综合实验区管委会") == agency_key("平潭综合实验区") == "平潭综合实验区"
    assert agency_key("平潭县人民政府") == "平潭县"
    assert agency_key("  示例市 生态环境局 ") == "示例市生态环境局"
    assert agency_key("青禾县人民政府(本级)") == "青禾县"
    assert agency_key("平潭综合实验区地方税务局") != agency_key("平潭综合实验区")
    assert agency_key(None) is None and agency_key("") is None


def test_agency_merge_and_format_preference():
    def doc(i, path, fmt, agency, year):
        return DocFacts(i, path, fmt, {"agency": agency, "agency_key": agency_key(agency), "year": year, "tables": {}, "sections": []})

    c = Corpus([
        doc(1, "a/hz-2023.pdf", "pdf", "洪泽区人民政府", 2023),
        doc(2, "a/hz-2024.pdf", "pdf", "淮安市洪泽区人民政府", 2024),
        doc(3, "a/pt-2022.txt", "txt", "平潭综合实验区", 2022),
        doc(4, "a/pt-2022.html", "html", "平潭综合实验区", 2022),
        doc(5, "a/pt-2021.txt", "txt", "平潭综合实验区管委会", 2021),
        doc(6, "a/gl-2022.txt", "txt", "鼓楼区人民政府", 2022),
        doc(7, "a/gl-2023.txt", "txt", "福州市鼓楼区人民政府", 2023),
        doc(8, "a/gl2-2023.txt", "txt", "南京市鼓楼区人民政府", 2023),
    ])
    pairs = {(p.path, c_.path) for p, c_ in c.pairs()}
    assert ("a/hz-2023.pdf", "a/hz-2024.pdf") in pairs  # 洪泽区 joins 淮安市洪泽区
    assert ("a/pt-2021.txt", "a/pt-2022.html") in pairs  # html preferred; 管委会 is the zone
    assert not any("gl" in p for p, _ in pairs)  # 鼓楼区 is ambiguous: two cities have one


def test_similarity():
    a = "一是信息公开工作机制还不够健全;二是公开内容不够全面。"
    assert similarity(a, a) == 1.0
    assert similarity(a.replace("一是", "1是"), a) < 1.0
    assert similarity("2021年共收到申请12件", "2022年共收到申请15件") == 1.0  # numbers do not count
    assert similarity(a, NEW_PROBLEMS) < 0.2


# --------------------------------------------------------------------------
# Synthetic pairs
# --------------------------------------------------------------------------
def test_carry_over_mismatch(tmp_path):
    write(tmp_path, "qinghe-2021", base_source())
    write(tmp_path, "qinghe-2022", next_year(base_source(), carry_in=(3, 1, 0, 0, 0, 0, 4), rewrite=True))
    results, corpus = audit_folder(tmp_path)
    fs = only(corpus, "GR701")
    assert {(f["reported"], f["expected"]) for f in fs} == {("1", "2"), ("4", "5")}
    for f in fs:
        assert Path(f["file"]).name == "qinghe-2022.txt" and f["severity"] == "warning"
        assert "qinghe-2021.txt" in f["message"] and f["related"].endswith("qinghe-2021.txt")
        ev = f["evidence"][0]
        assert ev["text"].startswith("二、上年结转政府信息公开申请数量 | ")
        assert ev["text"].endswith("| " + f["reported"])
    assert {f["evidence"][0]["text"].split(" | ")[1] for f in fs} == {"商业企业", "总计"}
    # the evidence points at the carry-in cell in the 2022 text
    text = gireport.parse(tmp_path / "qinghe-2022.txt").text
    for f in fs:
        ev = f["evidence"][0]
        assert text[ev["start"] : ev["end"]] == f["reported"]
    assert not only(corpus, "GR702") and not only(corpus, "GR703")


def test_consistent_pair_has_no_cross_year_findings(tmp_path):
    write(tmp_path, "qinghe-2021", base_source())
    write(tmp_path, "qinghe-2022", next_year(base_source(), rewrite=True))
    db = tmp_path / "r.db"
    _, corpus = audit_folder(tmp_path, db=db)
    assert corpus == []
    cov = gireport.load_results(db).coverage
    cy = cov[(cov.scope == "corpus") & cov.file.str.endswith("qinghe-2022.txt")].set_index("code")
    assert cy.loc["GR701", "checked"] == 7 and cy.loc["GR702", "checked"] == 2 and cy.loc["GR703", "checked"] >= 2
    assert (cy.failed == 0).all()


@pytest.mark.parametrize("valid, severity", [(70, "warning"), (60, "info")])
def test_stock_flow(tmp_path, valid, severity):
    write(tmp_path, "qinghe-2021", base_source())
    write(tmp_path, "qinghe-2022", next_year(base_source(), valid=valid, rewrite=True))
    _, corpus = audit_folder(tmp_path)
    (f,) = only(corpus, "GR702")
    assert f["severity"] == severity
    assert (f["reported"], f["expected"]) == (str(valid), "68")
    assert "63" in f["message"] and "行政规范性文件" in f["message"]
    assert f["evidence"][0]["text"] == f"行政规范性文件 | 现行有效件数 | {valid}"


def test_text_repeated(tmp_path):
    write(tmp_path, "qinghe-2021", base_source())
    write(tmp_path, "qinghe-2022", next_year(base_source()))  # only the year changed
    _, corpus = audit_folder(tmp_path)
    fs = {f["section"]: f for f in only(corpus, "GR703")}
    assert set(fs) == {"overview", "problems", "other"}
    p = fs["problems"]
    assert p["severity"] == "warning" and p["reported"] == "100%"
    assert "五、存在的主要问题及改进情况" in p["message"] and "qinghe-2021.txt" in p["message"]
    assert p["evidence"][0]["text"] == "五、存在的主要问题及改进情况"


def test_text_repeated_partially(tmp_path):
    """Half the problems section rewritten: under the threshold, no finding;
    a lower threshold through options finds it with its figure."""
    src = base_source()
    half = next_year(src)
    a = half.index("（二）改进情况\n")
    b = half.index("\n六、其他需要报告的事项")
    half = half[:a] + "（二）改进情况\n" + NEW_PROBLEMS.split("（二）改进情况\n")[1] + half[b:]
    write(tmp_path, "qinghe-2021", src)
    write(tmp_path, "qinghe-2022", half)
    _, corpus = audit_folder(tmp_path)
    assert "problems" not in {f["section"] for f in only(corpus, "GR703")}
    _, corpus = audit_folder(tmp_path, options={"GR703": {"threshold": 0.3}})
    (p,) = [f for f in only(corpus, "GR703") if f["section"] == "problems"]
    pct = int(p["reported"].rstrip("%"))
    assert 30 <= pct < 80


def test_identical_tables_across_agencies(tmp_path):
    src = base_source()
    write(tmp_path, "qinghe-2021", src)
    write(tmp_path, "songling-2021", src.replace("青禾县", "松岭县").replace("qinghe", "songling"))
    write(tmp_path, "other-2021", src.replace("青禾县", "枫林区").replace("| 行政许可 | 2846 |", "| 行政许可 | 2847 |").replace("| 3 | 1 | 0 | 1 | 6 |", "| 3 | 1 | 0 | 1 | 5 |").replace(CARRY_IN, "| 二、上年结转政府信息公开申请数量 | < | < | 6 | 1 | 0 | 0 | 0 | 1 | 8 |"))
    _, corpus = audit_folder(tmp_path)
    fs = only(corpus, "GR704")
    by_file = {}
    for f in fs:
        by_file.setdefault(Path(f["file"]).name, set()).add(f["section"])
    assert by_file == {"qinghe-2021.txt": {"on_request", "review_litigation", "proactive"}, "songling-2021.txt": {"on_request", "review_litigation", "proactive"}}
    f = next(f for f in fs if f["file"].endswith("qinghe-2021.txt") and f["section"] == "on_request")
    assert f["severity"] == "info" and "松岭县" in f["message"] and "收到和处理政府信息公开申请情况表" in f["message"]


def test_same_report_in_two_formats_counts_once(tmp_path):
    write(tmp_path, "qinghe-2021", base_source(), "txt")
    write(tmp_path, "qinghe-2021", base_source(), "html")
    nxt = next_year(base_source(), carry_in=(3, 1, 0, 0, 0, 0, 4), rewrite=True)
    write(tmp_path, "qinghe-2022", nxt, "txt")
    write(tmp_path, "qinghe-2022", nxt, "html")
    _, corpus = audit_folder(tmp_path)
    assert {Path(f["file"]).name for f in corpus} == {"qinghe-2022.html"}  # html preferred, txt not doubled
    assert len(only(corpus, "GR701")) == 2
    assert not only(corpus, "GR704")  # the two formats of one report are not two agencies


def test_not_checked_for_2019(tmp_path):
    """The 2019 report is not compared with the old-format 2018 one."""
    s2021 = base_source()
    s2020 = s2021.replace("2021年", "2020年").replace("%published: 2022", "%published: 2021")
    s2019 = s2021.replace("2021年", "2019年").replace("%published: 2022", "%published: 2020")
    s2018 = s2019.replace("2019年", "2018年")
    for y, s in ((2018, s2018), (2019, s2019)):
        write(tmp_path, f"qinghe-{y}", s)
    db = tmp_path / "r.db"
    _, corpus = audit_folder(tmp_path, db=db, select=["GR701"])
    assert corpus == []
    cov = gireport.load_results(db).coverage
    row = cov[(cov.code == "GR701") & cov.file.str.endswith("qinghe-2019.txt")].iloc[0]
    assert row.untestable == 1 and "2018" in row.untestable_reasons
    del s2020


def test_cross_year_in_the_command_line(tmp_path, capsys):
    write(tmp_path, "qinghe-2021", base_source())
    write(tmp_path, "qinghe-2022", next_year(base_source(), carry_in=(3, 1, 0, 0, 0, 0, 4), valid=70, rewrite=True))
    outs = []
    for workers in ("1", "2"):  # in process and in the pool: the same lines
        cli.main(["audit", str(tmp_path), "--workers", workers, "-q", "--select", "cross-year"])
        out, err = capsys.readouterr()
        outs.append(out)
        assert "GR701 carry-over-mismatch" in err and "GR702 stock-flow-mismatch" in err
    assert outs[0] == outs[1]
    lines = [ln for ln in outs[0].splitlines() if re.search(r": GR70\d ", ln)]
    assert len(lines) == 3 and all("qinghe-2022.txt:" in ln for ln in lines)
    assert any("| " in ln and "«" in ln for ln in outs[0].splitlines())  # context with the cell marked


# --------------------------------------------------------------------------
# The real 平潭 series
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pingtan(tmp_path_factory):
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real not present")
    d = tmp_path_factory.mktemp("pingtan")
    for sub in ("html", "txt"):
        (d / sub).mkdir()
        for p in sorted((REAL / sub).glob("pingtan-*")):
            shutil.copy(p, d / sub / p.name)
    db = d / "r.db"
    with gireport.audit_many([d / "html", d / "txt"], workers=2, db=db) as run:
        results = {f"{Path(r.file).parent.name}/{Path(r.file).name}": r for r in run}
        corpus = [{**f, "name": f"{Path(f['file']).parent.name}/{Path(f['file']).name}"} for f in run.corpus_findings]
    return results, corpus, db


def test_pingtan_series_findings(pingtan):
    results, corpus, db = pingtan
    assert all(r.status == "ok" for r in results.values())
    assert all(f["name"].startswith("html/") for f in corpus)  # html preferred over the txt twins
    assert not only(corpus, "GR701")  # carry-over is continuous 2019–2025
    got = {(f["code"], f["name"], f.get("section"), f["reported"], f["expected"], f["severity"]) for f in corpus if f["code"] == "GR702"}
    assert got == {
        ("GR702", "html/pingtan-zone-2023.html", "proactive", "470", "643", "info"),  # 698 + 77 − 132
        ("GR702", "html/pingtan-zone-2024.html", "proactive", "440", "499", "info"),  # 470 + 62 − 33
        ("GR702", "html/pingtan-zone-2025.html", "proactive", "546", "453", "warning"),  # 440 + 58 − 45
    }
    rep = {(f["name"], f["section"]): f for f in only(corpus, "GR703")}
    problems = rep[("html/pingtan-zone-2013.html", "problems")]  # the classic case
    assert int(problems["reported"].rstrip("%")) >= 95
    assert "pingtan-zone-2012.html" in problems["message"]
    assert int(rep[("html/pingtan-zone-2013.html", "overview")]["reported"].rstrip("%")) == 100
    assert set(rep) == {
        ("html/pingtan-county-2012.html", "overview"),
        ("html/pingtan-county-2012.html", "proactive"),
        ("html/pingtan-county-2012.html", "problems"),  # 2011's problems, word for word
        ("html/pingtan-county-2013.html", "overview"),
        ("html/pingtan-county-2013.html", "proactive"),
        ("html/pingtan-county-2013.html", "problems"),
        ("html/pingtan-zone-2012.html", "overview"),
        ("html/pingtan-zone-2013.html", "overview"),
        ("html/pingtan-zone-2013.html", "problems"),
        ("html/pingtan-zone-2015.html", "proactive"),  # the 2014 template with new figures
    }
    assert "3个与上年相同" in rep[("html/pingtan-zone-2015.html", "proactive")]["message"]
    assert not any(n.endswith(("2019.html", "2020.html", "2021.html", "2022.html", "2023.html", "2024.html", "2025.html")) for n, _ in rep)
    ident = {f["name"] for f in only(corpus, "GR704")}
    assert ident == {"html/pingtan-county-2011.html", "html/pingtan-zone-2011.html"}


def test_pingtan_series_groups_the_zone(pingtan):
    _, _, db = pingtan
    res = gireport.load_results(db)
    docs = res.documents
    zone = docs[docs.agency_key == "平潭综合实验区"]
    assert set(zone.year.dropna()) == set(range(2011, 2026))  # 管委会 (2014) joins the zone
    cov = res.coverage[(res.coverage.scope == "corpus") & (res.coverage.code == "GR703")]
    assert cov.file.str.endswith("pingtan-zone-2014.html").any()  # 2013→2014 was compared
    assert not cov.file.str.contains("/txt/").any()


# --------------------------------------------------------------------------
# The real 洪泽区 pair: printed without its city in 2023, with it in 2024
# --------------------------------------------------------------------------
def test_real_district_linked_across_its_city_prefix(tmp_path):
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real not present")
    for stem in ("hongze-district-2023", "hongze-district-2024", "huaian-city-2024"):
        shutil.copy(REAL / "pdf" / f"{stem}.pdf", tmp_path / f"{stem}.pdf")
    db = tmp_path / "r.db"
    with gireport.audit_many([tmp_path], workers=1, db=db, select=["cross-year"]) as run:
        results = {Path(r.file).name: r for r in run}
        list(run.corpus_findings)
    assert results["hongze-district-2023.pdf"].agency == "洪泽区人民政府"
    assert results["hongze-district-2024.pdf"].agency == "淮安市洪泽区人民政府"
    cov = gireport.load_results(db).coverage
    cov = cov[(cov.scope == "corpus") & (cov.code == "GR701")]
    compared = {Path(f).name for f in cov.file}
    # 2024 was compared with 2023 (one organ); the city's own 2024 report has no 2023 to meet
    assert compared == {"hongze-district-2024.pdf"}
