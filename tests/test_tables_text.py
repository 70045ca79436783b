"""Standard tables flattened into text (gireport.tables.text).

Synthetic tests build glued digit streams from known tables; the real tests
read the crawler text of the 平潭综合实验区 reports (../shared, skipped when
absent), whose true values are known from the same reports' HTML pages, and
two PDF→Markdown conversions.
"""

from __future__ import annotations

import random
import re
import time
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gireport
from gireport.tables.model import (
    APP_COLUMNS,
    APP_ROWS_2019,
    APP_ROWS_2021,
    REVIEW_BLOCKS,
    REVIEW_FIELDS,
)
from gireport.tables.text import ambiguous_rows, split_stream, tables_from_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = SHARED / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")

HEAD = (
    "三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
)
REVIEW_HEAD = (
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
)
OUTCOMES_2021 = [k for k, _, _ in APP_ROWS_2021 if k not in ("new", "carry_in", "processed_total", "carry_out")]


# --------------------------------------------------------------------------
# helpers


def by_key(tables):
    return {t.kind: t for t in tables}


def row_values(t, row, cols=APP_COLUMNS):
    return [None if t.get(row, c) is None else t.get(row, c).text for c in cols]


def check_spans(text, t):
    for c in t.cells.values():
        assert text[c.start:c.end] == c.text, c
        assert c.state in ("number", "zero", "na"), c
        assert c.row_label and c.col_label


def app_text(table: dict[str, list], layout: str = "2021", sep: str = "") -> str:
    """An applications table flattened like the crawler text: each printed
    label (with its 一、 (一) 1. prefixes) glued to its values."""
    rows = APP_ROWS_2021 if layout == "2021" else APP_ROWS_2019
    out = [HEAD]
    for key, label, _ in rows:
        label = label.replace(" ", "")
        if key == "granted":
            label = "三、本年度办理结果" + label
        if key.startswith("other.") and key != "other.other":
            label += "、行政机关不再处理其政府信息公开申请"
        out.append(label + sep.join(str(v) for v in table[key]))
    return "".join(out)


def consistent_table(seed: int, hi: int = 40) -> dict[str, list[int]]:
    rnd = random.Random(seed)
    t: dict[str, list[int]] = {}
    for k in OUTCOMES_2021:
        v = [rnd.choice([0, 0, 0, rnd.randint(1, hi)]) for _ in range(6)]
        t[k] = v + [sum(v)]
    pt = [sum(t[k][c] for k in OUTCOMES_2021) for c in range(7)]
    co = [rnd.choice([0, rnd.randint(0, 3)]) for _ in range(6)]
    co.append(sum(co))
    t["processed_total"] = pt
    t["carry_out"] = co
    t["carry_in"] = [0] * 7
    t["new"] = [pt[c] + co[c] for c in range(7)]
    return t


# The 2021 pingtan applications table (the values of its HTML page).
PT2021 = {k: [0] * 7 for k in [k for k, _, _ in APP_ROWS_2021]}
PT2021.update(
    {
        "new": [64, 0, 0, 2, 0, 4, 70],
        "granted": [27, 0, 0, 2, 0, 1, 30],
        "partial": [5, 0, 0, 0, 0, 0, 5],
        "denied.internal_affairs": [1, 0, 0, 0, 0, 0, 1],
        "denied.enforcement_file": [6, 0, 0, 0, 0, 0, 6],
        "denied.admin_query": [1, 0, 0, 0, 0, 0, 1],
        "unable.not_held": [22, 0, 0, 0, 0, 3, 25],
        "other.other": [1, 0, 0, 0, 0, 0, 1],
        "processed_total": [63, 0, 0, 2, 0, 4, 69],
        "carry_out": [1, 0, 0, 0, 0, 0, 1],
    }
)


def apps_of(text, layout="2021"):
    return by_key(tables_from_text(text, [(0, len(text))], layout))["applications"]


# --------------------------------------------------------------------------
# the splitter


def test_split_stream_leading_zeros_and_hard_cuts():
    count = [lambda s: re.fullmatch(r"0|[1-9]\d*", s) is not None] * 3
    splits, capped = split_stream("000", count)
    assert [tuple("000"[i:j] for i, j in b) for b in splits] == [("0", "0", "0")] and not capped
    splits, _ = split_stream("693665", count)
    assert len(splits) == 10  # 6|9|3665 6|93|665 … 69|3|665 … 6936|6|5
    # a space is a hard boundary: "69 3665" cannot put 9 and 3 together
    splits, _ = split_stream("693665", count, forced=frozenset({2}))
    assert all(2 in {i for i, _ in b} for b in splits)


# --------------------------------------------------------------------------
# applications, synthetic


def test_glued_real_table_recovered_with_column_identities():
    text = app_text(PT2021)
    t = apps_of(text)
    assert not t.ambiguous and t.complete and t.source == "text" and t.layout == "2021"
    for k, v in PT2021.items():
        assert [t.value(k, c) for c in APP_COLUMNS] == [Decimal(x) for x in v], k
    check_spans(text, t)
    # "270020130" also splits as 2|7|0|0|20|1|30 under its own total; only the
    # column identities pick 27|0|0|2|0|1|30
    assert any("granted" in n and "I-1/I-2" in n for n in t.notes)
    assert t.get("new", "natural").row_label == "一、本年新收政府信息公开申请数量"
    assert t.get("new", "total").col_label == "总计"


@pytest.mark.parametrize("seed", range(12))
def test_random_consistent_tables(seed):
    table = consistent_table(seed)
    text = app_text(table)
    t = apps_of(text)
    if t.ambiguous:
        # allowed only when two different assignments satisfy every identity
        assert any("equally well" in n for n in t.notes)
        return
    for k, v in table.items():
        assert [t.value(k, c) for c in APP_COLUMNS] == [Decimal(x) for x in v], (seed, k)
    check_spans(text, t)


def test_spaced_and_2019_layout():
    table = {k: [0] * 7 for k, _, _ in APP_ROWS_2019}
    table.update({"new": [23, 0, 0, 0, 0, 0, 23], "granted": [7, 0, 0, 0, 0, 0, 7], "unable.not_held": [16, 0, 0, 0, 0, 0, 16]})
    table["processed_total"] = [23, 0, 0, 0, 0, 0, 23]
    text = app_text(table, "2019", sep=" ")
    t = apps_of(text, "2019")
    assert t.layout == "2019" and t.complete and not t.ambiguous
    assert row_values(t, "new") == ["23", "0", "0", "0", "0", "0", "23"]
    assert not any("glued" in n for n in t.notes)


def test_row_total_error_still_mapped_by_column_identities():
    bad = {k: list(v) for k, v in PT2021.items()}
    bad["new"][6] = 71  # printed 总计 off by one: "640020471"
    text = app_text(bad)
    t = apps_of(text)
    assert not t.ambiguous and t.complete
    assert row_values(t, "new") == ["64", "0", "0", "2", "0", "4", "71"]
    assert any(n.startswith("identity I-3[new]") and "every split" in n for n in t.notes)
    assert any(n.startswith("identity I-1[total] fails") for n in t.notes)
    # the other columns balance, so nothing else is reported
    assert not any(n.startswith("identity I-1[natural]") for n in t.notes)


def test_cell_error_with_consistent_row_is_reported_not_hidden():
    bad = {k: list(v) for k, v in PT2021.items()}
    bad["granted"] = [28, 0, 0, 2, 0, 1, 31]  # row adds up; the columns do not
    text = app_text(bad)
    t = apps_of(text)
    assert not t.ambiguous
    # "280020131" also reads 2|8|0|0|20|1|31 (adds up too) — rejected because
    # it breaks more column identities
    assert row_values(t, "granted") == ["28", "0", "0", "2", "0", "1", "31"]
    failing = {n.split()[1] for n in t.notes if n.startswith("identity I-2")}
    assert failing == {"I-2[natural]", "I-2[total]"}


def test_truly_ambiguous_stream():
    # granted and partial both print "110000011": 11|0|0|0|0|0|11 or
    # 1|10|0|0|0|0|11.  Either row can take either reading as long as the
    # other takes the other one — every identity holds both ways.
    table = {k: [0] * 7 for k, _, _ in APP_ROWS_2021}
    table["granted"] = [11, 0, 0, 0, 0, 0, 11]
    table["partial"] = [1, 10, 0, 0, 0, 0, 11]
    table["processed_total"] = [12, 10, 0, 0, 0, 0, 22]
    table["new"] = [12, 10, 0, 0, 0, 0, 22]
    text = app_text(table)
    t = apps_of(text)
    assert t.ambiguous
    assert set(ambiguous_rows(t)) == {"granted", "partial"}
    assert t.get("granted", "natural") is None and t.get("partial", "natural") is None
    # the rows that are the same in every reading are still there
    assert row_values(t, "new") == ["12", "10", "0", "0", "0", "0", "22"]


def test_split_search_is_bounded():
    rnd = random.Random(7)
    stream = "".join(rnd.choice("123456789") for _ in range(60))
    text = app_text({k: [0] * 7 for k, _, _ in APP_ROWS_2021}).replace("申请数量0000000", "申请数量" + stream, 1)
    t0 = time.process_time()
    t = apps_of(text)
    assert time.process_time() - t0 < 2.0
    assert t.get("new", "natural") is None
    assert t.ambiguous or any("new" in n for n in t.notes)


def test_layout_from_labels_wins():
    text = app_text(PT2021)
    t = apps_of(text, layout="2019")
    assert t.layout == "2021"
    assert any("2021 format" in n for n in t.notes)


# --------------------------------------------------------------------------
# review and proactive, synthetic


def review_of(stream):
    text = REVIEW_HEAD + stream + "五、存在的主要问题及改进情况"
    ts = by_key(tables_from_text(text, [(0, len(text))], "2021"))
    return text, ts.get("review")


def review_values(t):
    return [t.get(b, f).text for b in REVIEW_BLOCKS for f in REVIEW_FIELDS]


def test_review_glued_unique():
    text, t = review_of("10203120001200000")  # 1 0 2 0 3 | 12 0 0 0 12 | 0 0 0 0 0
    assert t is not None and not t.ambiguous and t.complete
    assert review_values(t) == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]
    check_spans(text, t)


def test_review_block_error_mapped_with_note():
    _text, t = review_of("10204120001200000")  # 行政复议 总计 printed 4, not 3
    assert not t.ambiguous
    assert review_values(t)[:5] == ["1", "0", "2", "0", "4"]
    assert any(n.startswith("identity I-8[review] fails") for n in t.notes)


def test_review_ambiguous():
    # 1|10|0|0|11 and 11|0|0|0|11 print the same digits
    _, t = review_of("11000110000000000")
    assert t.ambiguous and not t.cells


def test_review_spaced():
    text, t = review_of(" 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 ")
    assert review_values(t) == ["0", "1", "1", "0", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
    check_spans(text, t)


PRO_2021 = (
    "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "行政规范性文件693665第二十条第(五)项信息内容本年处理决定数量行政许可2293第二十条第(六)项"
    "信息内容本年处理决定数量行政处罚1282行政强制42第二十条第(八)项信息内容本年收费金额(单位:万元)"
    "行政事业性收费24252.311082三、收到和处理政府信息公开申请情况"
)


def test_proactive_unique_rows_mapped_ambiguous_rows_left_out():
    ts = by_key(tables_from_text(PRO_2021, [(0, len(PRO_2021))], "2021"))
    t = ts["proactive"]
    assert not t.ambiguous and t.layout == "2021"
    assert [t.get("regulations", c).text for c in ("made", "repealed", "valid")] == ["0", "0", "0"]
    assert t.value("licensing", "decisions") == 2293
    assert t.value("admin_fee", "amount_wan") == Decimal("24252.311082")
    assert ambiguous_rows(t) == ["normative_docs"]
    assert t.get("normative_docs", "made") is None
    check_spans(PRO_2021, t)


def test_proactive_2019_signed_and_amount():
    text = (
        "第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量规章 0 0 7 规范性文件 77 77 166"
        "第二十条第(八)项信息内容上一年项目数量本年增/减行政事业性收费35-15"
        "第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购 395 73802895.90元"
    )
    t = by_key(tables_from_text(text, [(0, len(text))], "2019"))["proactive"]
    assert t.layout == "2019"
    assert [t.get("normative_docs", c).text for c in ("new_made", "new_published", "total_published")] == ["77", "77", "166"]
    assert t.value("admin_fee", "delta") == -15 and t.value("admin_fee", "prev_items") == 35
    assert t.get("procurement", "amount").text == "73802895.90元"
    assert t.value("procurement", "amount") == Decimal("73802895.90")
    check_spans(text, t)


def test_regions_mask_other_text():
    text = "第二十条第(五)项信息内容本年处理决定数量行政许可\n|97|\n行政处罚 5\n"
    a = text.index("|97|")
    regions = [(0, a - 1), (a + 5, len(text))]
    t = by_key(tables_from_text(text, regions, "2021"))["proactive"]
    assert t.get("licensing", "decisions") is None  # 97 sits outside the regions
    assert t.value("penalty", "decisions") == 5


# --------------------------------------------------------------------------
# real reports


def _real(name):
    r = gireport.parse(REAL / name)
    text = r.document.text
    regions = [(b.start, b.end) for b in r.document.blocks if b.kind != "table"]
    return text, regions, r.template.name


Z = [0] * 7
# year -> (new, carry_in, processed_total, carry_out), review (15), proactive
# {row: [cells]}, proactive rows left out as ambiguous.  Values as in the HTML
# pages of the same reports.
PINGTAN = {
    2019: (
        ([23, 0, 0, 0, 0, 0, 23], Z, [23, 0, 0, 0, 0, 0, 23], Z),
        [0] * 15,
        {"regulations": ["0", "0", "0"]},
        # 规范性文件 "898989" (true 89|89|89; also 8|9|8989, 898|9|89 …),
        # 行政许可 "3960181" (396|0|181; also 39|60|181 …), 其他对外管理服务事项
        # "100153" (10|0|153; also 100|1|53, 100|15|3, 1001|5|3), 行政处罚
        # "26480430", 行政强制 "126025", 行政事业性收费 "350" (35|0 or 3|50),
        # 政府集中采购 "13575394432.52元" (135|75394432.52元 or 1|…, 13|… …):
        # no identity links the cells of these rows.
        {"normative_docs", "licensing", "other_services", "penalty", "coercion", "admin_fee", "procurement"},
    ),
    2020: (
        ([20, 0, 0, 0, 0, 1, 21], Z, [20, 0, 0, 0, 0, 1, 21], Z),
        [0] * 15,
        {"regulations": ["0", "0", "7"], "admin_fee": ["35", "-15"]},
        # "7777166" (77|77|166), "396442278" (396|442|278), "107105"
        # (10|7|105), "2648-18538" (2648|-18|538, or 2648|-|18538 with a dash
        # for n/a), "1262629" (126|26|29), "39573802895.90元" (395|…)
        {"normative_docs", "licensing", "other_services", "penalty", "coercion", "procurement"},
    ),
    2021: (
        ([64, 0, 0, 2, 0, 4, 70], Z, [63, 0, 0, 2, 0, 4, 69], [1, 0, 0, 0, 0, 0, 1]),
        [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],
        {"regulations": ["0", "0", "0"], "licensing": ["2293"], "penalty": ["1282"], "coercion": ["42"], "admin_fee": ["24252.311082"]},
        {"normative_docs"},  # "693665": 69|3|665 — or 6|93|665, 693|6|65 … (10 splits)
    ),
    2022: (
        ([71, 3, 0, 0, 0, 0, 74], [1, 0, 0, 0, 0, 0, 1], [72, 3, 0, 0, 0, 0, 75], Z),
        [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
        {"regulations": ["0", "0", "0"], "licensing": ["10690"], "penalty": ["2113"], "coercion": ["0"], "admin_fee": ["9116.36"]},
        {"normative_docs"},  # "8855698": 88|55|698 (15 splits)
    ),
    2023: (
        ([80, 1, 0, 0, 0, 0, 81], Z, [80, 1, 0, 0, 0, 0, 81], Z),
        [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2],
        {"regulations": ["0", "0", "0"], "licensing": ["2629"], "penalty": ["1330"], "coercion": ["54"], "admin_fee": ["5949.088667"]},
        {"normative_docs"},  # "77132470": 77|132|470 (20+ splits)
    ),
    2024: (
        ([217, 1, 0, 0, 0, 0, 218], Z, [217, 1, 0, 0, 0, 0, 218], Z),
        [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19],
        {"regulations": ["0", "0", "0"], "licensing": ["4529"], "penalty": ["1100"], "coercion": ["65"], "admin_fee": ["18651.06"]},
        {"normative_docs"},  # "6233440": 62|33|440
    ),
    2025: (
        ([151, 3, 0, 0, 0, 0, 154], Z, [147, 1, 0, 0, 0, 0, 148], [4, 2, 0, 0, 0, 0, 6]),
        [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3],
        {"regulations": ["0", "0", "0"], "licensing": ["2418"], "penalty": ["644"], "coercion": ["64"], "admin_fee": ["4166.241619"]},
        {"normative_docs"},  # "5845546": 58|45|546
    ),
}


@needs_real
@pytest.mark.parametrize("year", sorted(PINGTAN))
def test_pingtan_crawler_text(year):
    text, regions, layout = _real(f"txt/pingtan-zone-{year}.txt")
    ts = tables_from_text(text, regions, layout)
    got = by_key(ts)
    assert set(got) == {"proactive", "applications", "review"}
    (new, carry_in, total, carry_out), review, pro, pro_amb = PINGTAN[year]
    exp_layout = "2019" if year <= 2020 else "2021"

    app = got["applications"]
    assert app.layout == exp_layout and app.source == "text"
    assert not app.ambiguous and app.complete
    for key, exp in (("new", new), ("carry_in", carry_in), ("processed_total", total), ("carry_out", carry_out)):
        assert row_values(app, key) == [str(x) for x in exp], (year, key)

    rev = got["review"]
    assert not rev.ambiguous and rev.complete
    assert review_values(rev) == [str(x) for x in review]

    p = got["proactive"]
    assert p.layout == exp_layout and not p.ambiguous
    assert {r: [c.text for (rr, _), c in p.cells.items() if rr == r] for r in p.rows()} == pro
    assert set(ambiguous_rows(p)) == pro_amb
    for t in ts:
        check_spans(text, t)


@needs_real
def test_pingtan_2020_printed_error_is_kept():
    # The 2020 report's outcome rows add up to 26 natural persons (6+6+4+3+3+4)
    # while (七)总计 prints 20: the table is mapped and the failure is named.
    text, regions, layout = _real("txt/pingtan-zone-2020.txt")
    app = by_key(tables_from_text(text, regions, layout))["applications"]
    assert not app.ambiguous
    assert row_values(app, "other") == ["4", "0", "0", "0", "0", "0", "4"]
    failing = {n.split()[1] for n in app.notes if n.startswith("identity ")}
    assert failing == {"I-2[natural]", "I-2[total]"}


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.stack: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag in ("td", "th") and self.stack:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
        elif tag in ("td", "th") and self.cell is not None and self.stack and self.stack[-1]:
            self.stack[-1][-1].append(re.sub(r"\s+", "", "".join(self.cell)))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


_PRO_HTML_ROWS = {
    "规章": "regulations",
    "规范性文件": "normative_docs",
    "行政规范性文件": "normative_docs",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费": "admin_fee",
    "政府集中采购": "procurement",
}


@needs_real
@pytest.mark.parametrize("year", sorted(PINGTAN))
def test_pingtan_every_mapped_cell_matches_the_html_page(year):
    """Every cell read from the crawler text equals the cell of the HTML
    page (parsed here independently, by row order)."""
    text, regions, layout = _real(f"txt/pingtan-zone-{year}.txt")
    got = by_key(tables_from_text(text, regions, layout))
    p = _Tables()
    p.feed((REAL / f"html/pingtan-zone-{year}.html").read_text(encoding="utf-8", errors="replace"))
    pro_html, app_html, rev_html = p.tables[:3]

    data = [r[-7:] for r in app_html if len(r) >= 8 and all(re.fullmatch(r"\d+", x) for x in r[-7:])]
    keys = [k for k, _, _ in (APP_ROWS_2021 if year >= 2021 else APP_ROWS_2019)]
    assert len(data) == len(keys)
    app = got["applications"]
    for k, vals in zip(keys, data):
        assert row_values(app, k) == vals, (year, k)

    assert review_values(got["review"]) == [r for r in rev_html if any(r)][-1][-15:]

    pro = got["proactive"]
    seen = 0
    for r in pro_html:
        key = _PRO_HTML_ROWS.get(r[0]) if r else None
        if key is None:
            continue
        cells = [c.text for (rk, _), c in pro.cells.items() if rk == key]
        if cells:
            assert cells == r[1:], (year, key)
            seen += 1
    assert seen == len(pro.rows())


@needs_real
@pytest.mark.parametrize(
    "name,expected",
    [
        ("shanghai-stc-2024.md", {"licensing": "97", "penalty": "0", "coercion": "0", "admin_fee": "0"}),
        ("shanghai-office-2025.md", {"licensing": "0", "penalty": "0", "coercion": "0", "admin_fee": "0"}),
    ],
)
def test_markdown_conversions(name, expected):
    text, regions, layout = _real(f"md/{name}")
    got = by_key(tables_from_text(text, regions, layout))
    # Table 3 and 4 sit in the pipe tables (not in the regions); only their
    # broken-up labels are in the text, so nothing is made up from them.
    assert set(got) == {"proactive"}
    p = got["proactive"]
    assert {r: p.cells[(r, next(c for rr, c in p.cells if rr == r))].text for r in p.rows()} == expected
    check_spans(text, p)


@needs_real
def test_whole_document_is_fast():
    for year in (2019, 2021, 2025):
        text, regions, layout = _real(f"txt/pingtan-zone-{year}.txt")
        best = min(_cpu(lambda t=text, r=regions, lay=layout: tables_from_text(t, r, lay)) for _ in range(5))
        assert best < 0.020, (year, best)


def _cpu(fn):
    t0 = time.process_time()
    fn()
    return time.process_time() - t0
