"""The small steps that read an applications row out of flattened text, map
grid rows to template rows, read the old statistics table and build a
table excerpt, on hand-written inputs."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from gireport.tables import StandardTable, TableCell, cell_state
from gireport.tables import excerpt as ex
from gireport.tables import grid
from gireport.tables import oldstats
from gireport.tables import text as tt


def _row(values: str) -> tuple[tt._Row, str]:
    """An applications row 本年新收 printed as ``values`` after its label."""
    text = "新收" + values
    r = tt._Row("new", 0, 2, label="新收")
    r.stream = tt._stream(text, 2, len(text))
    return r, text


def _table() -> StandardTable:
    return StandardTable("applications", "2021", "text")


# ---------------------------------------------------------------- text rows


def test_short_row_tokens():
    assert tt._short_row_tokens(_row("3 5 2")[0].stream) == [(0, 1), (1, 2), (2, 3)]
    assert tt._short_row_tokens(_row("2 / 3")[0].stream) == [(0, 1), (1, 2), (2, 3)]
    assert tt._short_row_tokens(_row("7")[0].stream) is None  # one value
    assert tt._short_row_tokens(_row("1 2 3 4 5 6 21")[0].stream) is None  # seven values
    assert tt._short_row_tokens(_row("123456 1")[0].stream) is None  # a piece longer than five characters


def test_short_row_last_value_smaller_than_a_part_is_a_blank_total():
    r, text = _row("9 1 2")
    st = _table()
    assert tt._one_row(r, text, st, True, True) == ([], False, False)
    cell, total = st.blank_totals["new"]
    assert (cell.text, total) == ("2", Decimal(12))
    assert not st.row_sum_failures
    assert "left out" in st.notes[-1]


def test_short_row_last_value_not_the_sum_is_a_row_sum_failure():
    r, text = _row("1 2 5")
    st = _table()
    assert tt._one_row(r, text, st, True, True) == ([], False, False)
    cell, parts = st.row_sum_failures["new"]
    assert (cell.text, parts) == ("5", Decimal(3))
    assert not st.blank_totals


def test_short_row_with_a_mark_keeps_no_total():
    r, text = _row("2 / 3")
    st = _table()
    assert tt._one_row(r, text, st, True, True) == ([], False, False)
    assert not st.blank_totals and not st.row_sum_failures
    assert st.notes == ["row new: '2 / 3' prints fewer than seven cells and its last value is not the sum of the others "
                        "(a printed inconsistency, or a blank 总计); left out"]


def test_i3_failure_notes():
    r, text = _row("1 2 3 4 5 6 /")
    st = _table()
    splits, glued, unresolved = tt._one_row(r, text, st, True)
    assert len(splits) == 1 and not glued and not unresolved
    assert st.notes == ["row new: its 总计 is not applicable beside its parts (a blank total, the sum of its parts)"]
    r, text = _row("1 2 3 4 5 6 7")
    assert "fails (a printed inconsistency)" in tt._i3_failure_note(r, r.stream, "1 2 3 4 5 6 7", [tuple((i, i + 1) for i in range(7))])


def test_left_out_capped_flags_the_row():
    r, _ = _row("1 2 3")
    st = _table()
    tt._left_out_capped(st, r, r.stream, 0, "too many")
    assert st.notes == ["too many"]
    assert st.ambiguous_rows == {"new": 0} and "new" in st.ambiguous_capped
    assert st.ambiguous_spans["new"] == (2, 7, "新收")


# ---------------------------------------------------------------- grid rows


def test_template_row_of():
    assert grid._template_row_of(["（二）部分公开"]) == ("partial", "（二）部分公开")
    # a damaged sub-row label is placed by its group and number
    assert grid._template_row_of(["（三）不予公开", "2.其他法律行政止公开"]) == ("denied.law_prohibited", "2.其他法律行政止公开")
    assert grid._template_row_of(["某种未知的行"]) is None


def test_unmatched_row_subtotal_is_noted_other_becomes_bare():
    st = _table()
    t = SimpleNamespace()
    assert grid._unmatched_app_row(st, t, 3, {}, ["（三）不予公开小计"]) is None  # type: ignore[arg-type]
    assert st.extra_rows == ["（三）不予公开小计"] and "a subtotal" in st.notes[0]
    bare = grid._unmatched_app_row(st, t, 4, {}, ["某种", "未知的行"])  # type: ignore[arg-type]
    assert isinstance(bare, grid._BareRow) and bare.label == "某种/未知的行" and bare.r == 4


def _cells(st: StandardTable, row: str) -> None:
    for col in ("natural", "total"):
        st.cells[(row, col)] = TableCell(row, col, "1", *cell_state("1"), 0, 1, None, row, col)


def test_bare_row_fills_between_mapped_rows():
    st = _table()
    rows = grid.APP_ROWS_2021
    for k in ("new", "carry_in", "granted"):
        _cells(st, k)
    a, b = grid._BareRow(None, 1, {}), grid._BareRow(None, 2, {})  # type: ignore[arg-type]
    assert grid._missing_between(st, rows, 0, 2) == []  # carry_in is read
    assert grid._missing_between(st, rows, 1, 5) == ["partial", "denied.state_secret"]
    # one bare row where one template row (partial) is missing
    assert grid._bare_row_fills(st, rows, ["new", "granted", a, "denied.state_secret"]) == [("partial", a)]
    # two bare rows for one missing row: nothing there
    assert grid._bare_row_fills(st, rows, ["granted", a, b, "denied.state_secret"]) == []
    # two bare rows for two missing rows
    assert grid._bare_row_fills(st, rows, ["granted", a, b, "denied.law_prohibited"]) == [("partial", a), ("denied.state_secret", b)]
    # mapped rows out of the template's order: nothing at all
    assert grid._bare_row_fills(st, rows, ["granted", a, "denied.state_secret", "new"]) == []
    # a key that is no template row: nothing at all
    assert grid._bare_row_fills(st, rows, ["granted", a, "denied.state_secret", "other"]) == []


# ---------------------------------------------------------------- old statistics


def test_opens_old_stats():
    assert oldstats._opens_old_stats([["统计指标", "单位", "统计数"], ["（一）收到申请数", "件", "3"]])
    assert not oldstats._opens_old_stats([["信息内容", "本年新收"], ["收到申请数", "件", "3"]])  # the 2019 template
    assert not oldstats._opens_old_stats([["规章", "条", "1"]])


def test_old_value_col():
    t = SimpleNamespace(n_cols=4)
    assert oldstats._old_value_col(t, ["主动公开政府信息数", "条", "12", "300"]) == 2  # type: ignore[arg-type]
    assert oldstats._old_value_col(t, ["申请办结数", "件", "", "9"]) == 3  # type: ignore[arg-type]  # a value past a blank (8fc939a)
    assert oldstats._old_value_col(t, ["申请办结数", "件", "", ""]) == 2  # type: ignore[arg-type]  # else the blank after the unit
    assert oldstats._old_value_col(t, ["按时办结数", "", "说明", "5"]) == 3  # type: ignore[arg-type]  # a blank unit cell is no value
    assert oldstats._old_value_col(t, ["延期办结数", "—", "说明", "5"]) == 1  # type: ignore[arg-type]  # a mark is one
    assert oldstats._old_value_col(t, ["备注", "见", "下文", "说明"]) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- excerpts


def _app3() -> StandardTable:
    """Three rows of an applications table, three columns each, all zero."""
    t = StandardTable("applications", "2021", "grid")
    for row in ("new", "carry_in", "granted"):
        for col in ("natural", "business", "total"):
            t.cells[(row, col)] = TableCell(row, col, "0", *cell_state("0"), 0, 1, None, "", "")
    return t


def test_excerpt_columns_and_rows():
    t = _app3()
    hit_keys = {("carry_in", "business")}
    assert ex._excerpt_columns(t, hit_keys, {"carry_in"}, False) == ["natural", "business", "total"]
    assert ex._excerpt_columns(t, hit_keys, {"carry_in"}, True) == ["business"]
    assert ex._excerpt_row(t, "carry_in", ["natural", "business", "other"], hit_keys) == [
        ex.row_label(t.cells[("carry_in", "natural")]),
        [["0", "zero", False], ["0", "zero", True], None],
    ]
    got = ex.excerpt(t, [t.cells[("carry_in", "business")]])
    assert [r[0] for r in got["rows"]] == [ex.row_label(t.cells[("carry_in", "natural")])] and got["more"] == 0
