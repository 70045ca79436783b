"""Agency identity (gireport.structure.agency): a printed agency is read or
refused, keyed, and linked across years.  Invented names first; then the
real reports of ../shared (skipped when absent), whose agencies are printed
differently from year to year."""

from __future__ import annotations

import csv

import pytest

import gireport
from gireport.batch.crossyear import Corpus, DocFacts
from gireport.structure.agency import ABBREVIATIONS, agency_key, clean_agency, link_keys, split_places
from gireport.structure.metadata import _agency_from_title

from conftest import REAL, needs_shared


# --------------------------------------------------------------------------
# clean_agency: an organ's name, or None
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "printed,expected",
    [
        ("青禾县人民政府", "青禾县人民政府"),
        (" 青禾县 教育体育局 ", "青禾县教育体育局"),
        ("青禾县人民政府（本级）", "青禾县人民政府(本级)"),  # full-width → NFKC
        ("澄岭市人民政府办公室关于印发澄岭市", "澄岭市人民政府办公室"),  # a 通知's issuer comes before 关于
        ("澄岭市政务公开办公室", "澄岭市政务公开办公室"),  # 政务公开 inside an office's name
        ("和溪区人民政府", "和溪区人民政府"),  # a place that opens with a function character
        ("本岭市人民政府", "本岭市人民政府"),
        ("萃县人民政府", "萃县人民政府"),  # one character before 县
        ("青禾经济技术开发区管理委员会", "青禾经济技术开发区管理委员会"),
        ("澄岭师范学院", "澄岭师范学院"),
        ("自然资源部", "自然资源部"),  # a ministry: no place, opens with 自
        ("全国澄岭协会", "全国澄岭协会"),
    ],
)
def test_clean_agency_reads_names(printed, expected):
    assert clean_agency(printed) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        None,
        "",
        "关于",  # "关于2020年…的函": no issuer before 关于
        "关于印发澄岭市",
        "本县",
        "本市",
        "以上为本区",
        "特此报告",
        "进一步加强政府网站管理",  # a sentence, ends in a non-organ word
        "全面推进政务公开",
        "2021年澄岭市",  # a year is not part of a name
        "澄岭市人民",  # cut in the middle of 人民政府
        "澄岭市,青禾县",
        "澄岭市人民政府办公室印发的通知",
        "各乡镇人民政府",
        "澄岭市" * 15,  # far too long for a name
        "政府",  # "2022年政府信息公开…": an organ word, no name
        "市政府",
        "县人民政府",
        "人民政府办公室",
        "新区管委会",
    ],
)
def test_clean_agency_refuses_fragments(fragment):
    assert clean_agency(fragment) is None
    assert agency_key(fragment) is None


# --------------------------------------------------------------------------
# agency_key: one key for one organ however it is printed
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a,b",
    [
        ("青禾县人民政府", "青禾县"),
        ("青禾县人民政府", "青禾县政府"),
        ("青禾县人民政府(本级)", "青禾县人民政府"),
        ("青禾经济技术开发区管委会", "青禾经济技术开发区管理委员会"),
        ("澄岭市科委", "澄岭市科学技术委员会"),
        ("澄岭市发改委", "澄岭市发展和改革委员会"),
        ("澄岭市发展改革委", "澄岭市发展和改革委员会"),
        ("澄岭市人社局", "澄岭市人力资源和社会保障局"),
        ("澄岭市住建局", "澄岭市住房和城乡建设局"),
        ("澄岭市卫健委", "澄岭市卫生健康委员会"),
        ("澄岭市市场监管局", "澄岭市市场监督管理局"),
        ("澄岭市人民政府办公厅", "澄岭市人民政府办公室"),
        ("澄岭市政府办", "澄岭市人民政府办公室"),
        ("澄岭市政府办公室", "澄岭市人民政府办公室"),
        ("澄岭市人民政府外事办公室", "澄岭市外办"),
        ("澄岭市人民政府国有资产监督管理委员会", "澄岭市国资委"),
        ("青禾县　城关镇人民政府", "青禾县城关镇"),  # ideographic space
    ],
)
def test_same_organ_same_key(a, b):
    assert agency_key(a) == agency_key(b) is not None


@pytest.mark.parametrize(
    "a,b",
    [
        ("澄岭市人民政府", "澄岭市人民政府办公室"),  # the government and its office
        ("澄岭市人民政府办公室", "澄岭市办公室"),
        ("澄岭市教科委", "澄岭市科委"),  # an abbreviation only as the whole department name
        ("澄岭市科学技术局", "澄岭市科学技术委员会"),
        ("青禾县", "澄岭市青禾县"),  # the key keeps its parent regions (linking decides)
        ("青禾县地方税务局", "青禾县"),
        ("澄岭市城市管理委员会", "澄岭市"),  # 管理委员会 of a department is not the government's
    ],
)
def test_different_keys(a, b):
    assert agency_key(a) != agency_key(b)


def test_key_forms():
    assert agency_key("澄岭市科委") == "澄岭市科学技术委员会"
    assert agency_key("青禾县人民政府") == "青禾县"
    assert agency_key("澄岭市人民政府办公厅") == "澄岭市政府办公室"
    # every abbreviation expands to a name that is its own key
    for short, full in ABBREVIATIONS.items():
        assert agency_key("澄岭市" + short) == agency_key("澄岭市" + full), short


def test_split_places():
    assert split_places("澄岭市青禾县教育局") == (("澄岭市", "青禾县"), "教育局")
    assert split_places("青禾经济技术开发区") == (("青禾经济技术开发区",), "")
    assert split_places("澄岭市住房和城乡建设局") == (("澄岭市",), "住房和城乡建设局")  # 城乡 is not a place
    assert split_places("澄岭市城市管理局") == (("澄岭市",), "城市管理局")
    assert split_places("澄岭市市场监督管理局") == (("澄岭市",), "市场监督管理局")
    assert split_places("科学技术委员会") == ((), "科学技术委员会")
    assert split_places("会岭县教育局") == (("会岭县",), "教育局")  # a place may open with 会
    assert split_places("澄岭市公安局青禾区分局") == (("澄岭市",), "公安局青禾区分局")


# --------------------------------------------------------------------------
# link_keys: a parent region dropped only when it stays unambiguous
# --------------------------------------------------------------------------
def test_link_keys_prefix_chain():
    keys = [agency_key(n) for n in ("青禾县人民政府", "澄岭市青禾县人民政府", "江南省澄岭市青禾县人民政府")]
    assert link_keys(keys) == {"青禾县": "江南省澄岭市青禾县", "澄岭市青禾县": "江南省澄岭市青禾县"}
    dept = [agency_key(n) for n in ("青禾县教育局", "澄岭市青禾县教育局")]
    assert link_keys(dept) == {"青禾县教育局": "澄岭市青禾县教育局"}


def test_link_keys_refuses_ambiguity():
    # two cities each have a 东城区: the bare one could be either
    keys = ["东城区", "澄岭市东城区", "蓝湾市东城区"]
    assert link_keys(keys) == {}
    # a bare department name is no organ in particular
    assert link_keys(["科学技术委员会", "澄岭市科学技术委员会"]) == {}
    # the city is not the district's organ, nor its department
    assert link_keys(["澄岭市", "澄岭市青禾县", "澄岭市教育局"]) == {}
    # both names report for one year: two organs (or copies we cannot tell apart)
    keys = {"青禾县": {2021, 2022}, "澄岭市青禾县": {2022, 2023}}
    assert link_keys(keys, keys) == {}
    keys = {"青禾县": {2021}, "澄岭市青禾县": {2022, 2023}}
    assert link_keys(keys, keys) == {"青禾县": "澄岭市青禾县"}


def _doc(i, path, agency, year, key=None):
    return DocFacts(i, path, "txt", {"agency": agency, "agency_key": key, "year": year, "tables": {}, "sections": []})


def test_corpus_links_abbreviations_and_prefixes():
    c = Corpus([
        _doc(1, "a/stc-2022.txt", "澄岭市科学技术委员会", 2022),
        _doc(2, "a/stc-2023.txt", "澄岭市科委", 2023),
        _doc(3, "a/off-2022.txt", "澄岭市人民政府办公厅", 2022),
        _doc(4, "a/off-2023.txt", "澄岭市政府办公室", 2023),
        _doc(5, "a/qh-2022.txt", "青禾县人民政府", 2022),
        _doc(6, "a/qh-2023.txt", "澄岭市青禾县人民政府", 2023),
        _doc(7, "a/city-2022.txt", "澄岭市人民政府", 2022),
        _doc(8, "a/letter-2023.txt", "关于", 2023),
    ])
    pairs = {(p.name, q.name) for p, q in c.pairs()}
    assert pairs == {("stc-2022.txt", "stc-2023.txt"), ("off-2022.txt", "off-2023.txt"), ("qh-2022.txt", "qh-2023.txt")}
    assert "letter-2023.txt" not in {d.name for d in c.docs}  # an unreadable agency joins no group


def test_corpus_recomputes_a_stored_key():
    # A store written by an older version holds its own keys; the printed
    # agency is read again.
    c = Corpus([_doc(1, "a/x-2022.txt", "澄岭市科委", 2022, key="澄岭市科委"), _doc(2, "a/x-2023.txt", "澄岭市科学技术委员会", 2023, key="澄岭市科学技术委员会")])
    assert [(p.name, q.name) for p, q in c.pairs()] == [("x-2022.txt", "x-2023.txt")]
    garbage = Corpus([_doc(1, "a/y-2022.txt", "关于", 2022, key="关于"), _doc(2, "a/y-2023.txt", "关于", 2023, key="关于")])
    assert list(garbage.pairs()) == []


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title,agency",
    [
        ("澄岭市人民政府办公室关于印发澄岭市2021年政务公开工作要点的通知", "澄岭市人民政府办公室"),
        ("关于2020年政务公开工作任务完成情况的函", None),
        ("2022年澄岭市人民政府信息公开工作年度报告", "澄岭市人民政府"),  # 人民|政府信息公开
        ("2022年澄岭市科委政府信息公开工作年度报告", "澄岭市科委"),
        ("青禾县人民政府2022年政府信息公开工作年度报告", "青禾县人民政府"),
    ],
)
def test_agency_from_title(title, agency):
    assert _agency_from_title(title) == agency


NOTICE = """澄岭市人民政府办公室关于印发澄岭市2021年政务公开工作要点的通知

各县(区)人民政府,市政府各部门:
现将《澄岭市2021年政务公开工作要点》印发给你们,请认真贯彻落实。

澄岭市人民政府办公室
2021年3月5日
"""

LETTER = """关于2020年政务公开工作任务完成情况的函

市政务公开办:
根据要求,现将我单位2020年政务公开工作任务完成情况报告如下。
一、总体情况
全年主动公开信息215条。
特此函告。

2021年1月20日
"""


UNTITLED = """2022年政府信息公开工作年度报告

一、总体情况
全年主动公开政府信息318条。

澄 岭 市 青 禾 县 人 民 政 府
2023年1月16日
"""


def test_agency_from_the_signature_when_the_title_has_none():
    md = gireport.parse(UNTITLED.encode("utf-8"), name="untitled.txt").metadata
    assert md.signature_agency == "澄岭市青禾县人民政府"  # read without its letter spacing
    assert md.agency == "澄岭市青禾县人民政府" and md.agency_key == "澄岭市青禾县"


def test_metadata_agency_and_key():
    md = gireport.parse(NOTICE.encode("utf-8"), name="notice.txt").metadata
    assert md.agency == "澄岭市人民政府办公室"
    assert md.agency_key == "澄岭市政府办公室"
    assert md.to_dict()["agency_key"] == "澄岭市政府办公室"
    md = gireport.parse(LETTER.encode("utf-8"), name="letter.txt").metadata
    assert md.agency is None and md.agency_key is None
    assert md.to_dict()["agency"] is None


# --------------------------------------------------------------------------
# Real reports (../shared/corpus-real)
# --------------------------------------------------------------------------
def _manifest() -> list[dict[str, str]]:
    with open(REAL / "MANIFEST.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@needs_shared
def test_real_agencies_are_names_or_none():
    # Every agency read from a real file is a name; the 2014 letter of the
    # zone ("关于2014年…的函") has none, not "关于".
    for row in _manifest():
        if row["format"] not in ("txt", "md", "pdf"):
            continue
        md = gireport.parse(REAL / row["file"]).metadata
        if row["file"].endswith("letter.txt"):
            assert md.agency is None and md.agency_key is None
            continue
        assert md.agency is not None and clean_agency(md.agency) == md.agency, row["file"]
        assert md.agency_key is not None, row["file"]


@needs_shared
def test_real_district_with_and_without_its_city():
    # 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one organ; the
    # city's own government (淮安市人民政府, 2024) is not it.
    docs = []
    for i, stem in enumerate(("hongze-district-2023", "hongze-district-2024", "huaian-city-2024")):
        md = gireport.parse(REAL / "pdf" / f"{stem}.pdf").metadata
        docs.append(DocFacts(i, f"pdf/{stem}.pdf", "pdf", agency=md.agency, agency_key=md.agency_key, year=md.year, is_report=md.is_report))
    assert docs[0].agency == "洪泽区人民政府" and docs[1].agency == "淮安市洪泽区人民政府"
    assert agency_key(docs[0].agency) != agency_key(docs[1].agency)  # the key alone keeps the prefix
    c = Corpus(docs)
    assert [(p.name, q.name) for p, q in c.pairs()] == [("hongze-district-2023.pdf", "hongze-district-2024.pdf")]
    assert docs[0].key == docs[1].key == agency_key("淮安市洪泽区人民政府")
    assert docs[2].key == "淮安市"


@needs_shared
def test_real_abbreviated_commission_and_office():
    # The science commission titles its report 上海市科委; the manifest (and
    # the organ's full name) say 上海市科学技术委员会.  The general office
    # prints 办公厅; 办公室 is the same organ's key.
    rows = {r["file"]: r for r in _manifest()}
    stc = gireport.parse(REAL / "md" / "shanghai-stc-2024.md").metadata
    assert stc.agency == "上海市科委"
    assert stc.agency_key == agency_key(rows["md/shanghai-stc-2024.md"]["agency"]) == "上海市科学技术委员会"
    off = gireport.parse(REAL / "md" / "shanghai-office-2025.md").metadata
    assert off.agency_key == agency_key(rows["md/shanghai-office-2025.md"]["agency"]) == agency_key("上海市政府办公室")
    assert off.agency_key != stc.agency_key != agency_key("上海市人民政府")


@needs_shared
def test_real_zone_and_its_committee_are_one_organ():
    # The zone reports as 平潭综合实验区 and, in 2014, as 平潭综合实验区管委会;
    # its tax bureau is another organ.
    keys = {r["file"]: agency_key(r["agency"]) for r in _manifest() if r["agency"] != "n/a"}
    assert keys["txt/pingtan-zone-2014.txt"] == keys["txt/pingtan-zone-2013.txt"] == "平潭综合实验区"
    assert keys["txt/pingtan-local-tax-2013.txt"] != keys["txt/pingtan-zone-2013.txt"]
    assert keys["txt/pingtan-county-2013.txt"] != keys["txt/pingtan-zone-2013.txt"]
    md = gireport.parse(REAL / "txt" / "pingtan-zone-2014.txt").metadata
    assert md.agency == "平潭综合实验区管委会" and md.agency_key == "平潭综合实验区"
