"""Plain-text (crawler text) Table 3 whose empty cells are printed as a
not-applicable mark ("/", "—", "-", "－", "\\") in every cell of a row: such a
row is a row of not-applicable cells mapped to its template row (never a
missing row), and the column identities are checked with those cells as
"none".  Also: a narrative sentence naming 本年新收 … 上年结转 before the table
is not taken for the table's first rows.  Invented report and numbers."""

from __future__ import annotations

import pytest

import gireport
from gireport.tables.model import APP_COLUMNS, APP_ROWS_2021
from gireport.tables.text import tables_from_text
from gireport.testing import render
from gireport.text import normalize

from conftest import CORPUS

# Printed labels of the 2021 Table 3, in order, as a crawler prints them
# (group labels on the first row of their group).
_LABELS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carry_in", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果 （一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开 1.属于国家秘密"),
    ("denied.law_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_info", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "7.属于行政执法案卷"),
    ("denied.admin_query", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed.repeat", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("processed_total", "（七）总计"),
    ("carry_out", "四、结转下年度继续办理"),
]
assert [k for k, _ in _LABELS] == [k for k, _, _ in APP_ROWS_2021]

# Invented values: only the 自然人 and 商业企业 columns hold applications; every
# zero is printed as the not-applicable mark (None here).
_VALUES: dict[str, list[int | None]] = {
    "new": [21, 4, None, None, None, None, 25],
    "granted": [9, 2, None, None, None, None, 11],
    "partial": [3, None, None, None, None, None, 3],
    "unable.not_held": [5, 1, None, None, None, None, 6],
    "unable.unclear": [2, None, None, None, None, None, 2],
    "not_processed.repeat": [1, None, None, None, None, None, 1],
    "other.no_correction": [1, None, None, None, None, None, 1],
    "processed_total": [21, 3, None, None, None, None, 24],
    "carry_out": [None, 1, None, None, None, None, 1],
}
_NUMBERED = set(_VALUES)


def _table_lines(na: str, values: dict[str, list[int | None]]) -> list[str]:
    out = []
    for key, label in _LABELS:
        v = values.get(key, [None] * 7)
        out.append(label + " " + " ".join(na if x is None else str(x) for x in v))
    return out


def _report(na: str, values: dict[str, list[int | None]] = _VALUES, narrative: str = "") -> str:
    """The corpus' consistent 2021 report rendered as crawler text (one space
    between cells), its Table 3 replaced by the invented one."""
    src = (CORPUS / "src" / "qinghe-county-2021.gir").read_text(encoding="utf-8")
    txt = render(src, "txt").decode("utf-8")
    lines = [" ".join(x.split()) for x in txt.splitlines()]
    i = next(n for n, x in enumerate(lines) if x.startswith("一、本年新收"))
    j = next(n for n, x in enumerate(lines) if x.startswith("四、结转下年度"))
    head = lines[:i]
    if narrative:
        k = next(n for n, x in enumerate(head) if x.startswith("三、收到和处理"))
        head = head[: k + 1] + [narrative] + head[k + 1 :]
    return "\n".join(head + _table_lines(na, values) + lines[j + 1 :]) + "\n"


def _audit(tmp_path, text: str, select=("GR60", "GR651")):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return gireport.audit(p, select=list(select))


# "—" and "——" lose the spaces beside them when the text is normalised
# ("3——————3"): the marks are cut at one width per row.
_SPELLINGS = ["/", "—", "——", "-", "---", "－", "\\", "无"]


@pytest.mark.parametrize("na", _SPELLINGS)
def test_all_na_rows_are_rows_of_na_cells(tmp_path, na):
    a = _audit(tmp_path, _report(na))
    t = a.report.table("applications")
    assert t is not None and t.source == "text" and not t.ambiguous, t and t.notes
    assert t.complete, t.notes
    for key, _ in _LABELS:
        for ci, col in enumerate(APP_COLUMNS):
            c = t.get(key, col)
            want = _VALUES.get(key, [None] * 7)[ci]
            if want is None:
                assert c.state == "na", (key, col, c)
            else:
                assert c.state == "number" and c.value == want, (key, col, c)
    assert not a.findings, [f.message for f in a.findings]  # no missing row, every identity holds


@pytest.mark.parametrize("na", _SPELLINGS)
def test_column_error_in_a_table_with_na_rows_is_found(tmp_path, na):
    bad = dict(_VALUES)
    bad["processed_total"] = [20, 3, None, None, None, None, 23]  # the row adds up; the columns do not
    a = _audit(tmp_path, _report(na, bad))
    codes = sorted({f.code for f in a.findings})
    assert "GR651" not in codes, [f.message for f in a.findings]
    gr602 = [f for f in a.findings if f.code == "GR602"]
    assert gr602, [f.message for f in a.findings]
    assert any(f.reported == "20" and f.expected == "21" for f in gr602), [(f.reported, f.expected) for f in gr602]


def test_narrative_naming_new_and_carried_over_is_not_the_table(tmp_path):
    """A sentence "…其中本年新收N件、上年结转M件" before the table (a row-like
    pair of labels with one value each) does not take the table's first rows."""
    values = dict(_VALUES)
    values["carry_in"] = [2, None, None, None, None, None, 2]
    values["new"] = [19, 4, None, None, None, None, 23]
    narrative = "全年共收到政府信息公开申请25件，其中本年新收23件、上年结转2件。予以公开11件，部分公开3件。"
    for na in ("0", "/"):
        vals = {k: [0 if (x is None and na == "0") else x for x in v] for k, v in values.items()}
        a = _audit(tmp_path, _report(na, vals, narrative))
        t = a.report.table("applications")
        assert t is not None and t.complete, t and t.notes
        assert [t.get("new", c).text for c in ("natural", "business", "total")] == ["19", "4", "23"]
        assert [t.get("granted", c).text for c in ("natural", "business", "total")] == ["9", "2", "11"]
        assert not a.findings, [f.message for f in a.findings]
    # blank cells dropped (only the 总计 column can be placed): the same anchor
    a = _audit(tmp_path, _report("", values, narrative))
    t = a.report.table("applications")
    assert t is not None and not t.ambiguous, t and t.notes
    assert [t.get(k, "total").text for k in ("new", "carry_in", "granted", "partial")] == ["23", "2", "11", "3"]
    table_at = a.report.text.index("一、本年新收政府信息公开申请数量")
    assert all(t.get(k, "total").start > table_at for k in ("new", "carry_in", "granted", "partial"))  # not the sentence's
    assert not a.findings, [f.message for f in a.findings]


_REVIEW_HEAD = (
    # a header flattened column group by column group
    "四、复议和诉讼情况\n行政复议\n结果维持 结果纠正 其他结果 尚未审结 总计\n行政诉讼\n未经复议直接起诉\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计\n复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计\n"
)


@pytest.mark.parametrize("na", ["—", "——", "/", "-", "无"])
def test_review_and_proactive_rows_of_marks(na):
    """Table 4 and Table 2 rows printing a mark for zero: one cell per mark,
    also when the marks are glued together."""
    vals = ["3", na, na, "2", "5", na, na, na, na, na, "1", na, na, na, "1"]
    text = normalize(_REVIEW_HEAD + " ".join(vals) + "\n五、存在的主要问题及改进情况\n")
    (rev,) = tables_from_text(text, [(0, len(text))], "2021")
    assert rev.kind == "review" and not rev.ambiguous
    assert [c.text for c in rev.cells.values()] == vals
    assert not any("glued digit" in n for n in rev.notes), rev.notes
    pro = normalize(
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数\n本年废止件数 现行有效件数\n"  # a header wrapped by the conversion
        f"规章 {na} {na} {na}\n行政规范性文件 4 {na} 17\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 {na}\n"
    )
    (t2,) = tables_from_text(pro, [(0, len(pro))], "2021")
    assert [t2.get("regulations", c).text for c in ("made", "repealed", "valid")] == [na] * 3
    assert [t2.get("normative_docs", c).text for c in ("made", "repealed", "valid")] == ["4", na, "17"]
    assert t2.get("licensing", "decisions").state == "na"


def test_inline_page_number_is_still_masked_but_not_inside_a_row_of_dashes():
    """"— 7 —" left between two paragraphs by a conversion is a page number;
    "—1——" inside a row of dashes is a value between marks."""
    lines = _table_lines("—", _VALUES)
    k = next(i for i, x in enumerate(lines) if x.startswith("四、结转下年度"))
    assert lines[k].endswith("— 1 — — — — 1")
    text = normalize("\n".join(lines[:5] + ["— 7 —"] + lines[5:]) + "\n")
    apps = {t.kind: t for t in tables_from_text(text, [(0, len(text))], "2021")}["applications"]
    assert apps.complete and not apps.ambiguous, apps.notes
    assert [apps.get("carry_out", c).text for c in APP_COLUMNS] == ["—", "1", "—", "—", "—", "—", "1"]
    assert "7" not in [c.text for c in apps.cells.values()]


@pytest.mark.parametrize("na", ["/", "—", "——", "－", "---", "\\"])
def test_old_statistics_rows_printing_a_mark(tmp_path, na):
    """The old statistics table in crawler text: a row whose value is a
    not-applicable mark is a row with an "na" cell, and the identity on its
    parent reads it as none."""
    lines = [
        "云岭县林业局2017年政府信息公开工作年度报告",
        "一、概述",
        "本局依照《条例》做好政府信息公开工作。",
        "附表:云岭县林业局2017年政府信息公开情况统计表",
        "统计指标 单位 统计数",
        "一、主动公开情况",
        "(一)主动公开政府信息数 条 318",
        "(二)依申请公开情况",
        "(一)收到申请数 件 13",
        "1.当面申请数 件 5",
        f"2.网络申请数 件 {na}",
        "3.信函申请数 件 7",
        "(二)申请办结数 件 13",
        "1.按时办结数 件 13",
        f"2.延期办结数 件 {na}",
    ]
    p = tmp_path / "s.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = gireport.parse(p)
    t = r.table("old_stats")
    assert t is not None and t.source == "text"
    states = {c.row_label: c.state for c in t.cells.values()}
    assert states.get("2.网络申请数") == "na" and states.get("2.延期办结数") == "na", states
    a = gireport.audit(r, select=["GR641"])
    assert [(f.reported, f.expected) for f in a.findings] == [("13", "12")]  # 5 + none + 7


@pytest.mark.parametrize(
    "line",
    [
        "本年度本机关无行政复议、行政诉讼案件。",
        "无",
        "无。",
    ],
)
def test_wu_of_a_sentence_is_no_value(line):
    """The 无 of a word or a sentence after a table header is no row of
    values: no Table 4 is read from it."""
    text = normalize(_REVIEW_HEAD + line + "\n五、存在的主要问题及改进情况\n一是无专职人员。\n")
    assert not [t for t in tables_from_text(text, [(0, len(text))], "2021") if t.kind == "review" and t.cells]


def test_wu_after_a_label_in_a_sentence_is_no_value(tmp_path):
    """"上年结转无" inside a sentence is no row: the table's own rows are read."""
    values = dict(_VALUES)
    narrative = "本年度新收申请较上年有所增加，上年结转无，各项申请均在法定期限内答复。"
    a = _audit(tmp_path, _report("无", values, narrative))
    t = a.report.table("applications")
    assert t is not None and t.complete and not t.ambiguous, t and t.notes
    table_at = a.report.text.index("二、上年结转政府信息公开申请数量")
    assert all(t.get("carry_in", c).start >= table_at for c in APP_COLUMNS)
    assert not a.findings, [f.message for f in a.findings]


def test_mark_total_beside_parts_is_a_blank_total_not_zero(tmp_path):
    """A row printing "/" as its 总计 beside non-zero parts: the total is
    blank (GR605, the other identities take it as the sum of its parts),
    never 0 — the reader's own identity check agrees (no note that the
    总计 column fails)."""
    values = dict(_VALUES)
    values["unable.not_held"] = [5, 1, None, None, None, None, None]
    a = _audit(tmp_path, _report("/", values))
    t = a.report.table("applications")
    assert t.get("unable.not_held", "total").state == "na"
    assert not any("I-2[total]" in n or "I-1[total]" in n or "I-3" in n for n in t.notes), t.notes
    assert [f.code for f in a.findings] == ["GR605"], [f.message for f in a.findings]
    assert a.findings[0].expected == "6"


def _random_table(seed: int) -> dict[str, list[int]]:
    """A consistent invented table, many of its cells zero."""
    import random

    rnd = random.Random(seed)
    keys = [k for k, _ in _LABELS]
    outs = [k for k in keys if k not in ("new", "carry_in", "processed_total", "carry_out")]
    v = {k: ([0] * 6 if rnd.random() < 0.5 else [rnd.choice([0, 0, 0, rnd.randint(1, 30)]) for _ in range(6)]) for k in outs}
    v["processed_total"] = [sum(v[k][c] for k in outs) for c in range(6)]
    v["carry_out"] = [rnd.choice([0, 0, rnd.randint(0, 3)]) for _ in range(6)]
    v["carry_in"] = [min(rnd.choice([0, 0, rnd.randint(0, 3)]), v["processed_total"][c]) for c in range(6)]
    v["new"] = [v["processed_total"][c] + v["carry_out"][c] - v["carry_in"][c] for c in range(6)]
    return {k: v[k] + [sum(v[k])] for k in keys}


@pytest.mark.parametrize("na", ["/", "—", "——", "-", "无"])
@pytest.mark.parametrize("glued", [False, True])
def test_random_tables_with_marks_are_read_exactly_or_not_at_all(na, glued):
    """Zeros printed as a mark, cells separated by one space (or by nothing
    at all): every cell is read with its value, or the table is left
    ambiguous/incomplete — never a wrong reading."""
    sep = "" if glued else " "
    for seed in range(12):
        full = _random_table(seed)
        lines = [label + " " + sep.join(na if x == 0 else str(x) for x in full[key]) for key, label in _LABELS]
        text = normalize("三、依申请公开办理情况\n" + "\n".join(lines) + "\n四、复议和诉讼情况\n")
        t = {x.kind: x for x in tables_from_text(text, [(0, len(text))], "2021")}.get("applications")
        if glued and (t is None or t.ambiguous or not t.complete):
            continue
        assert t is not None and t.complete and not t.ambiguous, (seed, t and t.notes)
        for key, _ in _LABELS:
            for ci, col in enumerate(APP_COLUMNS):
                c = t.get(key, col)
                assert (c.value or 0) == full[key][ci] and (c.state == "na") == (full[key][ci] == 0), (seed, key, col, c)


def test_value_between_two_dashes_after_a_label_is_no_page_number():
    """"数量—1—2——3" (a dash row glued to its label) keeps its 1: only a
    "—1—" at a line end or before text is a page number."""
    values = dict(_VALUES)
    values["carry_in"] = [None, 1, None, 2, None, None, 3]
    values["granted"] = [9, 2, None, 2, None, None, 13]
    values["processed_total"] = [21, 3, None, 2, None, None, 26]
    values["new"] = [21, 3, None, None, None, None, 24]
    text = normalize("\n".join(_table_lines("—", values)) + "\n")
    assert "数量—1—2——3" in text
    t = {x.kind: x for x in tables_from_text(text, [(0, len(text))], "2021")}["applications"]
    assert [t.get("carry_in", c).text for c in APP_COLUMNS] == ["—", "1", "—", "2", "—", "—", "3"]
    assert t.complete and not t.ambiguous and not t.notes, t.notes  # every identity holds
