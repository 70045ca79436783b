"""The small steps of the applications-table identities (GR601 I-1, GR602
I-2, GR605 blank totals), the review-table blocks (GR611 I-8) and the
template check (GR651), on hand-written tables."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from gireport.audit.rules import tables as tr
from gireport.tables import StandardTable, TableCell, cell_state
from gireport.tables.model import APP_COLUMNS, APP_ROWS_2021, REVIEW_FIELDS


def _table(kind: str, rows: dict[str, tuple[str, ...]], cols: tuple[str, ...], layout: str = "2021") -> StandardTable:
    """A table with the given rows (a printed text per column; None: no cell)."""
    t = StandardTable(kind, layout, "text")
    for n, (row, values) in enumerate(rows.items()):
        for m, (col, v) in enumerate(zip(cols, values)):
            if v is not None:
                at = 100 * n + 10 * m
                t.cells[(row, col)] = TableCell(row, col, v, *cell_state(v), at, at + len(v), None, row, col)
    return t


def _app(rows: dict[str, tuple[str, ...]], layout: str = "2021") -> StandardTable:
    return _table("applications", rows, APP_COLUMNS, layout)


class _Ctx:
    """Records what a rule step reports."""

    def __init__(self) -> None:
        self.log: list[tuple] = []

    def ok(self, n: int = 1, **kw) -> None:
        self.log.append(("ok", kw.get("subject"), kw.get("reading")))

    def untestable(self, reason: str, n: int = 1, **kw) -> None:
        self.log.append(("untestable", kw.get("subject"), reason))

    def fail(self, spans, **kw) -> None:
        self.log.append(("fail", kw.get("subject"), kw))


# --- GR601: 新收 + 上年结转 = (七)总计 + 结转下年度 ---------------------------------
I1 = _app(
    {
        "new": ("5", "1", "0", "0", "0", "0", "6"),
        "carry_in": ("1", "", "", "", "", "", "1"),
        "processed_total": ("4", "1", "0", "0", "0", "0", ""),
        "carry_out": ("2", "0", "0", "0", "0", "x", "2"),
    }
)


def test_balance_column_reads_a_blank_total_as_its_parts():
    assert tr._balance_column(I1, "natural") == (
        {"new": Decimal(5), "carry_in": Decimal(1), "processed_total": Decimal(4), "carry_out": Decimal(2)},
        False,
    )
    vals, from_parts = tr._balance_column(I1, "business")
    assert vals["carry_in"] == 0 and not from_parts  # a blank part is none
    # the blank (七)总计 of the 总计 column is the sum of its row's parts
    assert tr._balance_column(I1, "total") == (
        {"new": Decimal(6), "carry_in": Decimal(1), "processed_total": Decimal(5), "carry_out": Decimal(2)},
        True,
    )
    assert tr._balance_column(I1, "other_org") is None  # "x" is not a number


def test_balance_columns_records_the_unreadable_ones():
    ctx = _Ctx()
    got = tr._balance_columns(I1, ctx)
    assert list(got) == [c for c in APP_COLUMNS if c != "other_org"]
    assert ctx.log == [("untestable", "表三 其他列 I-1", "missing cell or a cell that is not a number")]
    assert tr._balance_diff(got["natural"][0]) == 0
    assert tr._balance_diff(got["total"][0]) == 0


def test_balance_note_and_cells_name_the_partner_column():
    diffs = {"natural": Decimal(1), "business": Decimal(-1), "total": Decimal(0)}
    pair = tr._offsetting(diffs)
    assert pair == ("natural", "business")
    zh, en = tr._balance_note("natural", False, diffs, pair)
    assert zh.startswith(";“商业企业”列差额相反(-1)") and "(“自然人”与“商业企业”之间)" in zh
    assert en.startswith("; column business is off by the opposite amount (-1)")
    assert tr._balance_note("natural", True, diffs, None) == tr._FROM_PARTS
    assert tr._balance_note("business", False, diffs, pair) == ("", "")
    cells = tr._balance_cells(I1, "natural", pair)
    assert [(c.row, c.col) for c in cells] == [(k, col) for col in ("natural", "business") for k in tr._I1_ROWS]
    assert [c.col for c in tr._balance_cells(I1, "business", pair)] == ["business"] * 4


def test_check_balance_leaves_the_second_column_of_a_pair_to_its_partner():
    t = _app(
        {
            "new": ("5", "1", "0", "0", "0", "0", "6"),
            "carry_in": ("0", "0", "0", "0", "0", "0", "0"),
            "processed_total": ("6", "0", "0", "0", "0", "0", "6"),
            "carry_out": ("0", "0", "0", "0", "0", "0", "0"),
        }
    )
    ctx = _Ctx()
    read = tr._balance_columns(t, ctx)
    diffs = {c: tr._balance_diff(v) for c, (v, _) in read.items()}
    pair = tr._offsetting(diffs)
    for col in ("natural", "business", "total"):
        tr._check_balance(t, ctx, col, read[col], diffs, pair)
    assert [(e[0], e[1]) for e in ctx.log] == [("fail", "表三 自然人列 I-1"), ("ok", "表三 总计列 I-1")]
    kw = ctx.log[0][2]
    assert (kw["reported"], kw["expected"], kw["column_en"]) == ("5", "6", "natural")
    assert "商业企业" in kw["note"]


# --- GR602: (七)总计 = the outcome rows ---------------------------------------
def _outcomes_table(natural: str, business: str, total: str, granted_total: str = "") -> StandardTable:
    rows = {k: ("0",) * 6 + ("0",) for k in tr._outcomes(StandardTable("applications", "2021", "text"))}
    rows["granted"] = ("3", "1", "0", "0", "0", "0", granted_total)
    rows["processed_total"] = (natural, business, "0", "0", "0", "0", total)
    return _app(rows)


def test_outcomes_cells_and_note():
    t = _outcomes_table("4", "0", "5")  # 自然人 +1, 商业企业 −1: the 总计 column holds
    fails = tr._col_failures(t)
    assert fails == {"natural": Decimal(1), "business": Decimal(-1), "total": Decimal(1)}
    t = _outcomes_table("4", "0", "4")
    fails = tr._col_failures(t)
    assert fails == {"natural": Decimal(1), "business": Decimal(-1)}
    pair = tr._offsetting({c: fails.get(c, Decimal(0)) for c in APP_COLUMNS})
    assert pair == ("natural", "business")
    tot = t.get("processed_total", "natural")
    cells = tr._outcomes_cells(t, "natural", tot, pair)
    # its (七)总计, its non-zero outcome cells, its partner's (七)总计
    assert [(c.row, c.col) for c in cells] == [("processed_total", "natural"), ("granted", "natural"), ("processed_total", "business")]
    zh, en = tr._outcomes_note(t, "natural", ("", ""), pair)
    assert zh.startswith(";“商业企业”列差额相反,总计列相符") and "(“自然人”与“商业企业”之间)" in zh
    assert en.startswith("; column business is off by the opposite amount while the 总计 column holds")
    # in the 总计 column, 予以公开's blank 总计 counts as the sum of its parts; the culprit follows
    assert tr._outcomes_note(t, "total", ("C", "c"), None) == (tr._FROM_PARTS[0] + "C", tr._FROM_PARTS[1] + "c")
    assert tr._outcomes_note(t, "natural", ("C", "c"), None) == ("C", "c")
    ctx = _Ctx()
    for col in APP_COLUMNS:
        tr._check_outcomes(t, ctx, col, fails, ("", ""), pair)
    assert [(e[0], e[1]) for e in ctx.log][:1] == [("fail", "表三 自然人列 I-2")]
    assert ("fail", "表三 商业企业列 I-2") not in [(e[0], e[1]) for e in ctx.log]
    assert ("ok", "表三 总计列 I-2", "总计空白按分项之和") in ctx.log


def test_outcomes_hold():
    t = _outcomes_table("3", "1", "4", granted_total="4")
    ctx = _Ctx()
    tr._outcomes_hold(t, ctx, "natural", t.get("processed_total", "natural"))
    assert ctx.log == [("ok", "表三 自然人列 I-2", None)]
    t.cells[("granted", "natural")] = TableCell("granted", "natural", "x", *cell_state("x"))
    tr._outcomes_hold(t, ctx, "natural", t.get("processed_total", "natural"))
    assert ctx.log[-1] == ("untestable", "表三 自然人列 I-2", "an outcome row is missing or not a number")
    blank = TableCell("processed_total", "natural", "", *cell_state(""))
    tr._outcomes_hold(t, ctx, "natural", blank)  # a blank total is GR605's
    assert len(ctx.log) == 2


# --- GR605: blank totals ---------------------------------------------------------
def test_blank_total_steps():
    t = _app(
        {
            "granted": ("3", "0", "", "", "", "", ""),
            "partial": ("0", "0", "0", "0", "0", "0", "/"),
            "not_processed.repeat": ("", "", "", "", "", "", ""),
            "other.other": ("4O", "", "", "", "", "", ""),
            "processed_total": ("", "0", "0", "0", "0", "0", "3"),
        }
    )
    granted = t.get("granted", "total")
    assert tr._is_blank_total(t, granted)
    assert not tr._is_blank_total(t, t.get("granted", "natural"))
    assert tr._is_blank_total(t, t.get("processed_total", "natural"))
    parts, s = tr._total_parts(t, granted)
    assert [p.col for p in parts] == list(APP_COLUMNS[:-1]) and s == 3
    assert [p.text for p in tr._shown_parts(parts)] == ["3"]
    parts, s = tr._total_parts(t, t.get("partial", "total"))
    assert s == 0 and not tr._parts_blank_too(parts, s)  # printed zeros: filled in
    assert [p.col for p in tr._shown_parts(parts)] == ["natural"]  # the first zero
    parts, s = tr._total_parts(t, t.get("not_processed.repeat", "total"))
    assert s == 0 and tr._parts_blank_too(parts, s)
    assert tr._total_parts(t, t.get("other.other", "total"))[1] is None
    # the (七)总计 row's blank cell adds its column's outcome rows
    parts, s = tr._total_parts(t, t.get("processed_total", "natural"))
    assert s is None and [p.row for p in parts] == ["granted", "partial", "not_processed.repeat", "other.other"]  # rows missing
    ctx = _Ctx()
    for c in (granted, t.get("not_processed.repeat", "total"), t.get("other.other", "total")):
        tr._check_blank_total(t, ctx, c)
    assert [(e[0], e[1]) for e in ctx.log] == [
        ("fail", "表三 (一)予以公开 总计"),
        ("ok", "表三 2.重复申请 总计"),
        ("untestable", "表三 3.其他 总计"),
    ]
    assert ctx.log[0][2]["expected"] == "3" and ctx.log[1][2] == "空白即无"
    t.blank_totals["granted"] = (t.get("granted", "natural"), Decimal(3))
    assert not tr._is_blank_total(t, granted)  # reported as a whole row
    ctx = _Ctx()
    tr._dropped_blank_totals(t, ctx)
    assert ctx.log[0][1] == "表三 (一)予以公开 总计" and ctx.log[0][2]["expected"] == "3"


# --- GR611: a block of Table 4 -----------------------------------------------------
def test_review_block_steps():
    t = _table(
        "review",
        {
            "review": ("2", "", "/", "1", "3"),
            "lit_direct": ("1", "x", "0", "0", "1"),
            "lit_after_review": ("1", "0", "0", "0", None),
        },
        REVIEW_FIELDS,
    )
    cells = [t.get("review", f) for f in REVIEW_FIELDS]
    assert tr._review_block_parts(cells) == 3
    assert tr._blank_reading(cells) == "空白即无"
    assert tr._review_block_parts([t.get("lit_direct", f) for f in REVIEW_FIELDS]) is None  # "x"
    assert tr._review_block_parts([t.get("lit_after_review", f) for f in REVIEW_FIELDS]) is None  # no 总计
    assert tr._blank_reading([t.get("lit_after_review", f) for f in REVIEW_FIELDS]) is None
    ctx = _Ctx()
    for b in ("review", "lit_direct", "lit_after_review"):
        tr._check_review_block(t, ctx, b)
    assert ctx.log == [
        ("ok", "表四 行政复议 I-8", "空白即无"),
        ("untestable", "表四 行政诉讼·未经复议直接起诉 I-8", "missing cell or a cell that is not a number"),
        ("untestable", "表四 行政诉讼·复议后起诉 I-8", "missing cell or a cell that is not a number"),
    ]


# --- GR651: the template ------------------------------------------------------------
def test_template_steps():
    keys = [k for k, _, _ in APP_ROWS_2021]
    t = _app({k: ("0",) * 7 for k in keys if k not in ("not_processed.repeat", "not_processed.publication")})
    rows = tr._template_rows(t)
    assert rows is APP_ROWS_2021
    missing = tr._missing_rows(t, rows)
    assert [label for _, label in missing] == ["2.重复申请", "3.要求提供公开出版物"]
    near = tr._nearest_row(t, rows, missing[0][0])
    assert near.row == "not_processed.petition"  # the last row found before the gap
    t2 = _app({"carry_out": ("0",) * 7})
    assert tr._nearest_row(t2, rows, 0).row == "carry_out"  # else the first found after
    assert tr._nearest_row(_app({}), rows, 0) is None
    assert tr._layout_cell(t).row == "other.no_correction"
    assert tr._layout_cell(t2).row == "carry_out"  # no (六)其他处理: the first cell
    ctx = _Ctx()
    tr._check_template_rows(ctx, t)
    kw = ctx.log[0][2]
    assert kw["severity"] == "info" and kw["reported"] == "收到和处理申请情况表缺少2行:2.重复申请、3.要求提供公开出版物(最近的已识别行:(五)不予处理 1.信访举报投诉类申请)"
    tpl = SimpleNamespace(name="2021", expected="2019", deviates=True)
    md = SimpleNamespace(year=2020, title_span=None)
    ctx = _Ctx()
    tr._check_report_template(ctx, md, tpl)
    tr._check_app_layout(ctx, t, tpl)
    assert [e[2]["reported"] for e in ctx.log] == ["2020年度报告使用了2021年格式(应为2019年格式)", "收到和处理申请情况表采用2021年格式的行(应为2019年格式)"]
    ctx = _Ctx()
    tr._check_report_template(ctx, md, SimpleNamespace(name="old", expected="2019", deviates=True))
    tr._check_app_layout(ctx, t, SimpleNamespace(name="2021", expected=None, deviates=False))
    assert ctx.log == []
