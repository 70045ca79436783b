"""Table rules (family ``tables``): the identities of the standard tables of
the 2019 and 2021 formats (GR601–GR623, GR651) and of the old statistics
table (GR641, GR642).  The narrative against the tables (GR631–GR635) is in
``tables_narrative.py``.

Every identity is exact arithmetic on the printed cells (counts carry no
rounding).  A table that could not be mapped unambiguously is untestable,
and so is every row of a flattened table left out because its glued digits
split several ways (``StandardTable.ambiguous_rows``): each rule that would
read it records one untestable verdict per row, with the number of candidate
splits; a blank or "/" cell is never silently read as a number in a total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import regex as re

from ...tables import (
    APP_COLUMN_LABELS,
    APP_COLUMNS,
    APP_OUTCOME_ROWS_2019,
    APP_OUTCOME_ROWS_2021,
    APP_ROWS_2019,
    APP_ROWS_2021,
    REVIEW_BLOCKS,
    REVIEW_FIELDS,
    StandardTable,
    TableCell,
)
from ...tables.model import REVIEW_BLOCK_LABELS, REVIEW_FIELD_LABELS
from ..finding import Evidence
from ..registry import rule
from ... import lazyre

if TYPE_CHECKING:  # pragma: no cover
    from ...report import Report
    from ...structure.metadata import Metadata
    from ...structure.template import TemplateInfo
    from ..engine import RuleContext


# Patterns used in loops, compiled once.
_RX0 = lazyre.compile(r"省(?:人民政府)?(?:办公厅)?$|^[^市县区]*省")
_RX1 = lazyre.compile(r"[市县区镇乡]")
_RX2 = lazyre.compile(r"[县区镇乡街道]")
_RX3 = lazyre.compile(r"上年|去年|同比|比|累计|历年")
_RX4 = lazyre.compile(r"行政复议(?:案件)?[^,，。;；\d]{0,6}$")
_RX5 = lazyre.compile(r"诉讼")
_RX6 = lazyre.compile(r"行政诉讼(?:案件)?[^,，。;；\d]{0,6}$")
_RX7 = lazyre.compile(r"纠错|纠正|败诉")


_ROW_LABELS = {k: label for k, label, _ in APP_ROWS_2021 + APP_ROWS_2019}


def _label(t: StandardTable, c: TableCell) -> tuple[str, str]:
    if t.kind == "applications":
        return _ROW_LABELS.get(c.row, c.row_label or c.row), APP_COLUMN_LABELS.get(c.col, c.col)
    if t.kind == "review":
        return REVIEW_BLOCK_LABELS.get(c.row, c.row), REVIEW_FIELD_LABELS.get(c.col, c.col)
    if t.kind == "proactive":  # as printed, else the standard labels (never a key)
        from ...tables.excerpt import column_label, row_label

        return row_label(c), column_label(c)
    return c.row_label or c.row, c.col_label or c.col


def _ev(t: StandardTable, c: TableCell) -> Evidence:
    r, col = _label(t, c)
    return Evidence(c.start, c.end, c.page, f"{r} | {col} | {c.text or '(空)'}")


def _app(report):  # type: ignore[no-untyped-def]
    """The applications table when it can be checked: mapped unambiguously
    and with at least one printed number (an unfilled form checks nothing)."""
    t = report.table("applications")
    if t is None or t.ambiguous or not any(c.numeric is not None for c in t.cells.values()):
        return None
    return t


def _val(t: StandardTable, row: str, col: str, *, blank_as_zero: bool) -> Decimal | None:
    """A cell's value.  With ``blank_as_zero`` a blank or "/" *part* reads as
    "none" (0): the format's reading of an empty count cell beside a filled
    total.  A blank *total* is never 0 — see :func:`_total`."""
    c = t.get(row, col)
    if c is None:
        return None
    if c.numeric is not None:
        return c.numeric
    if blank_as_zero and c.state in ("blank", "na"):
        return Decimal(0)
    return None


def _ambiguity(t: StandardTable) -> str:
    """The untestable reason of an ambiguous table, with the number of
    candidate splits its reader found (glued digit streams)."""
    import re as _re

    counts = [int(m.group(1)) for n in t.notes for m in [_re.search(r"(\d+)\+? (?:assignments|admissible splits|ways)", n)] if m]
    return f"ambiguous table: {max(counts)} candidate splits" if counts else "ambiguous table"


def _ambiguous_rows(ctx, t: StandardTable | None, rows: tuple[str, ...] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Record every printed row of ``t`` left out as ambiguous (a glued digit
    stream with several candidate splits, ``t.ambiguous_rows``) that the
    rule would read (``rows``; None: all) as untestable, one verdict per row
    with its number of candidate splits, subject "表二 行政规范性文件"."""
    if t is None:
        return
    table = {"proactive": "表二", "applications": "表三", "review": "表四"}.get(t.kind, t.kind)
    for row in t.ambiguous_rows:
        if rows is not None and row not in rows:
            continue
        a, b, label = t.ambiguous_spans.get(row, (t.start, t.start, ""))
        if t.kind == "applications":
            label = _ROW_LABELS.get(row, label or row)
        ctx.untestable(t.ambiguity_reason(row), spans=[(a, b)], subject=f"{table} {label or row}")


def _blank(c: TableCell | None) -> bool:
    return c is not None and c.state in ("blank", "na")


def _row_parts(t: StandardTable, row: str) -> Decimal | None:
    """The sum of a row's six applicant cells (blank parts are "none"), or
    None when a part is missing or not a number."""
    vals = [_val(t, row, c, blank_as_zero=True) for c in APP_COLUMNS[:-1]]
    if any(v is None for v in vals):
        return None
    return sum(vals, Decimal(0))  # type: ignore[arg-type]


def _col_parts(t: StandardTable, col: str) -> Decimal | None:
    """The sum of a column's outcome rows, each blank 总计 cell replaced by
    the sum of its row's parts; None when a row is missing."""
    out = Decimal(0)
    for r in _outcomes(t):
        v = _total(t, r, col)[0] if col == "total" else _val(t, r, col, blank_as_zero=True)
        if v is None:
            return None
        out += v
    return out


def _total(t: StandardTable, row: str, col: str = "total") -> tuple[Decimal | None, bool]:
    """(value, from_parts) of a total cell: the printed number, or — when the
    total is blank — the sum of its printed parts (blank is not zero).  A
    blank cell that is not a total reads as "none"."""
    c = t.get(row, col)
    if c is None:
        return None, False
    if c.numeric is not None:
        return c.numeric, False
    if c.state not in ("blank", "na"):
        return None, False
    if col == "total":
        return _row_parts(t, row), True
    if row == "processed_total":
        return _col_parts(t, col), True
    return Decimal(0), False


def _outcomes(t: StandardTable) -> tuple[str, ...]:
    return APP_OUTCOME_ROWS_2021 if t.layout == "2021" else APP_OUTCOME_ROWS_2019


def _n(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral() else str(d)


_FROM_PARTS = ("(总计空白,按分项之和)", " (blank total: the sum of its parts)")


# --- shared arithmetic for localising a single bad cell ---------------------
def _row_failures(t: StandardTable) -> dict[str, Decimal]:
    """Rows whose printed 总计 differs from the sum of the six applicant
    columns: row → printed total minus computed sum (blank totals are
    GR605's and never fail here)."""
    out = {}
    for row in t.rows():
        c = t.get(row, "total")
        if c is None or c.numeric is None:
            continue
        s = _row_parts(t, row)
        if s is not None and s != c.numeric:
            out[row] = c.numeric - s
    return out


def _col_failures(t: StandardTable) -> dict[str, Decimal]:
    """Columns whose printed (七)总计 differs from the sum of the outcome
    rows: column → printed total minus computed sum.  In the 总计 column a
    blank row total counts as the sum of its parts."""
    out = {}
    for col in APP_COLUMNS:
        c = t.get("processed_total", col)
        if c is None or c.numeric is None:
            continue
        s = _col_parts(t, col)
        if s is not None and s != c.numeric:
            out[col] = c.numeric - s
    return out


def _col_uses_blank_totals(t: StandardTable, col: str) -> bool:
    return col == "total" and any(_blank(t.get(r, "total")) and _row_parts(t, r) for r in _outcomes(t))


def _culprit(t: StandardTable) -> tuple[str, str] | None:
    """I-5: one failing row and one failing applicant column with the same
    difference point at the cell where they cross."""
    rows, cols = _row_failures(t), _col_failures(t)
    if len(rows) != 1 or len(cols) != 1:
        return None
    (r, dr), (c, dc) = next(iter(rows.items())), next(iter(cols.items()))
    if r not in _outcomes(t):
        return None
    # A wrong applicant cell moves its row and its column the same way; a
    # wrong 总计 cell moves its row's check and the 总计 column's the opposite way.
    if (c != "total" and dr == dc) or (c == "total" and dr == -dc):
        return r, c
    return None


def _culprit_text(t: StandardTable) -> tuple[str, str]:
    cp = _culprit(t)
    if cp is None:
        return "", ""
    r, c = cp
    cell = t.get(r, c)
    printed = cell.text if cell is not None else "?"
    return (
        f";行与列的差额相同,最可能出错的是“{_ROW_LABELS.get(r, r)} / {APP_COLUMN_LABELS[c]}”单元格({printed})",
        f"; the row and the column differ by the same amount, so the likely culprit is the cell {_ROW_LABELS.get(r, r)} / {APP_COLUMN_LABELS[c]} ({printed})",
    )


@rule(
    "GR601",
    name="applications-balance",
    family="tables",
    severity="error",
    message="收到和处理申请情况表“{column}”列:新收{new}+上年结转{carry_in}={reported},而办理结果总计{total}+结转下年度{carry_out}={expected}{note}",
    message_en="applications table, column {column_en}: new {new} + carried in {carry_in} = {reported}, but processed {total} + carried out {carry_out} = {expected}{note_en}",
    builtin=True,
)
def applications_balance(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Per column, 新收 + 上年结转 ≠ (七)总计 + 结转下年度继续办理.

    What it does:
        Checks the identity the table prints in its own header — 第一项加第二项
        之和,等于第三项加第四项之和 — for every applicant column and the 总计
        column.

    Why it matters:
        Every application received or carried in is either handled this year
        or carried into the next; a column that does not balance has lost or
        invented applications.

    Example:
        | 四、结转下年度继续办理 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |
        → error, reported 13, expected 14 (商业企业: new 12 + carried in 1 = 13, processed 13 + carried out 1 = 14; the 总计 column too)

        When exactly two applicant columns fail by equal and opposite amounts
        while the 总计 column balances, one finding names both columns: one
        application was most likely counted in the wrong applicant column.
        A blank 总计 cell counts as the sum of its printed parts (the finding
        says so); a blank applicant cell is "none".

    Consistent example:
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        → 自然人: 99 + 4 = 100 + 3; 总计: 117 + 5 = 119 + 3

    Known exceptions:
        None: the identity is part of the official format.
    """
    t = _app(report)
    if t is None:
        _applications_untestable(report, ctx)
        return
    results = _balance_columns(t, ctx)
    diffs = {col: _balance_diff(vals) for col, (vals, _) in results.items()}
    pair = _offsetting(diffs)
    for col, read in results.items():
        _check_balance(t, ctx, col, read, diffs, pair)


#: The rows of identity I-1: 新收 + 上年结转 = (七)总计 + 结转下年度.
_I1_ROWS = ("new", "carry_in", "processed_total", "carry_out")

#: A column of I-1 read: the values of its four rows (a blank total as the
#: sum of its parts), and whether a blank total was read so.
_Balance = tuple[dict[str, Decimal], bool]

#: Two applicant columns off by equal and opposite amounts (see
#: :func:`_offsetting`), or None.
_Pair = tuple[str, str] | None


def _applications_untestable(report: Report, ctx: RuleContext) -> None:
    """Record why a printed applications table cannot be checked at all (an
    ambiguous table, or an unfilled form); nothing when there is none."""
    full = report.table("applications")
    if full is None:
        return
    reason = _ambiguity(full) if full.ambiguous else "the table prints no number (an unfilled form)"
    ctx.untestable(reason, subject="表三 I-1")


def _i1_subject(col: str) -> str:
    """The verdict subject of I-1 in a column: "表三 自然人列 I-1"."""
    return f"表三 {APP_COLUMN_LABELS[col]}列 I-1"


def _balance_column(t: StandardTable, col: str) -> _Balance | None:
    """A column's values of the four I-1 rows and whether a blank total was
    read as the sum of its parts; None when a cell is missing or not a
    number."""
    got = {k: _total(t, k, col) for k in _I1_ROWS}
    if any(v is None for v, _ in got.values()):
        return None
    vals = {k: v for k, (v, _) in got.items()}
    return vals, any(fp for _, fp in got.values())  # type: ignore[return-value]


def _balance_columns(t: StandardTable, ctx: RuleContext) -> dict[str, _Balance]:
    """The columns I-1 can be checked in, read (see :func:`_balance_column`),
    in table order; every other column is recorded as untestable."""
    results: dict[str, _Balance] = {}
    for col in APP_COLUMNS:
        read = _balance_column(t, col)
        if read is None:
            ctx.untestable("missing cell or a cell that is not a number", subject=_i1_subject(col))
            continue
        results[col] = read
    return results


def _balance_diff(vals: dict[str, Decimal]) -> Decimal:
    """新收 + 上年结转 − (七)总计 − 结转下年度 of a column: 0 when it
    balances."""
    return vals["new"] + vals["carry_in"] - vals["processed_total"] - vals["carry_out"]


def _balance_note(col: str, from_parts: bool, diffs: dict[str, Decimal], pair: _Pair) -> tuple[str, str]:
    """The (zh, en) note of an I-1 finding: a blank total read as the sum of
    its parts, and — for the first column of an offsetting pair — its
    partner, off by the opposite amount."""
    zh, en = _FROM_PARTS if from_parts else ("", "")
    if pair and col == pair[0]:
        other = pair[1]
        zh += (
            f";“{APP_COLUMN_LABELS[other]}”列差额相反({_n(diffs[other])}),总计列平衡:"
            f"很可能是一件申请被计入了错误的申请人列(“{APP_COLUMN_LABELS[col]}”与“{APP_COLUMN_LABELS[other]}”之间)"
        )
        en += (
            f"; column {other} is off by the opposite amount ({_n(diffs[other])}) while the 总计 column balances: "
            f"most likely an application counted in the wrong applicant column ({col} / {other})"
        )
    return zh, en


def _balance_cells(t: StandardTable, col: str, pair: _Pair) -> list[TableCell]:
    """The cells an I-1 finding shows: the column's four I-1 cells, then —
    for the first column of an offsetting pair — its partner's."""
    cols = (col, pair[1]) if pair and col == pair[0] else (col,)
    return [c for cc in cols for k in _I1_ROWS if (c := t.get(k, cc)) is not None]


def _check_balance(t: StandardTable, ctx: RuleContext, col: str, read: _Balance, diffs: dict[str, Decimal], pair: _Pair) -> None:
    """Record I-1 in a column read: ok when it balances, else a finding —
    none for the second column of an offsetting pair, which its partner's
    finding names."""
    vals, from_parts = read
    subject = _i1_subject(col)
    lhs = vals["new"] + vals["carry_in"]
    rhs = vals["processed_total"] + vals["carry_out"]
    if lhs == rhs:
        ctx.ok(subject=subject, reading="总计空白按分项之和" if from_parts else None)
        return
    if pair and col == pair[1]:
        return  # reported with its partner column
    zh, en = _balance_note(col, from_parts, diffs, pair)
    ctx.fail(
        [_ev(t, c) for c in _balance_cells(t, col, pair)],
        reported=_n(lhs),
        expected=_n(rhs),
        subject=subject,
        column=APP_COLUMN_LABELS[col],
        column_en=col,
        new=_n(vals["new"]),
        carry_in=_n(vals["carry_in"]),
        total=_n(vals["processed_total"]),
        carry_out=_n(vals["carry_out"]),
        note=zh,
        note_en=en,
    )


def _offsetting(diffs: dict[str, Decimal]) -> tuple[str, str] | None:
    """Two applicant columns off by equal and opposite amounts while the 总计
    column holds: one application counted in the wrong column."""
    bad = [c for c in APP_COLUMNS[:-1] if diffs.get(c)]
    if len(bad) != 2 or diffs.get("total", Decimal(1)) != 0:
        return None
    a, b = bad
    return (a, b) if diffs[a] == -diffs[b] else None


@rule(
    "GR602",
    name="applications-outcomes-sum",
    family="tables",
    severity="error",
    message="收到和处理申请情况表“{column}”列:(七)总计为{reported},(一)至(六)各项之和为{expected}{culprit}",
    message_en="applications table, column {column_en}: (七)总计 is {reported} but the outcome rows (一)–(六) add up to {expected}{culprit_en}",
    builtin=True,
)
def applications_outcomes(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Per column, (七)总计 ≠ the sum of the outcome rows (一)–(六).

    What it does:
        Adds 予以公开, 部分公开, the eight 不予公开 reasons, the three 无法提供,
        the five 不予处理 and 其他处理 (one row in 2019, three in 2021) and
        compares with (七)总计.  Subtotal rows that are not in the template are
        never counted.  When exactly one row fails its 总计 check (GR603) by
        the same amount, the message names the cell where they cross.

    Why it matters:
        The format counts each application in exactly one outcome row (the
        note on 部分公开 says so), so the outcome rows must add up to the total.

    Example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 51 |
        → error, reported 119, expected 121 (the 总计 column's outcome rows add up to 121)

    Consistent example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |
        → (七)总计 119 = 49 + 9 + … + 1

    Known exceptions:
        None in the official format.
    """
    t = _app(report)
    if t is None:
        return
    culprit = _culprit_text(t)
    fails = _col_failures(t)
    pair = _offsetting({c: fails.get(c, Decimal(0)) for c in APP_COLUMNS})
    for col in APP_COLUMNS:
        _check_outcomes(t, ctx, col, fails, culprit, pair)


def _i2_subject(col: str) -> str:
    """The verdict subject of I-2 in a column: "表三 自然人列 I-2"."""
    return f"表三 {APP_COLUMN_LABELS[col]}列 I-2"


def _outcomes_hold(t: StandardTable, ctx: RuleContext, col: str, tot: TableCell) -> None:
    """Record I-2 in a column whose (七)总计 is not off: ok when the total is
    printed and every outcome row reads, untestable when a row does not;
    nothing for a blank total (GR605's)."""
    if tot.numeric is None:
        return
    subject = _i2_subject(col)
    if _col_parts(t, col) is not None:
        ctx.ok(subject=subject, reading="总计空白按分项之和" if _col_uses_blank_totals(t, col) else None)
    else:
        ctx.untestable("an outcome row is missing or not a number", subject=subject)


def _outcomes_note(t: StandardTable, col: str, culprit: tuple[str, str], pair: _Pair) -> tuple[str, str]:
    """The (zh, en) note of an I-2 finding: blank row totals read as the sum
    of their parts, the likely culprit cell (see :func:`_culprit_text`), and
    — for the first column of an offsetting pair — its partner."""
    zh, en = culprit
    if _col_uses_blank_totals(t, col):
        zh, en = _FROM_PARTS[0] + zh, _FROM_PARTS[1] + en
    if pair and col == pair[0]:
        other = pair[1]
        zh += (
            f";“{APP_COLUMN_LABELS[other]}”列差额相反,总计列相符:"
            f"很可能是一件申请被计入了错误的申请人列(“{APP_COLUMN_LABELS[col]}”与“{APP_COLUMN_LABELS[other]}”之间)"
        )
        en += f"; column {other} is off by the opposite amount while the 总计 column holds: most likely an application counted in the wrong applicant column ({col} / {other})"
    return zh, en


def _outcomes_cells(t: StandardTable, col: str, tot: TableCell, pair: _Pair) -> list[TableCell]:
    """The cells an I-2 finding shows: the column's (七)总计, its non-zero
    outcome cells, and — for the first column of an offsetting pair — its
    partner's (七)总计."""
    cells = [tot] + [c for r in _outcomes(t) if (c := t.get(r, col)) is not None and c.numeric]
    if pair and col == pair[0]:
        ot = t.get("processed_total", pair[1])
        cells += [ot] if ot is not None else []
    return cells


def _check_outcomes(t: StandardTable, ctx: RuleContext, col: str, fails: dict[str, Decimal], culprit: tuple[str, str], pair: _Pair) -> None:
    """Record I-2 in a column (see :func:`_outcomes_hold` when it is not
    off); a column that is off gets a finding — none for the second column
    of an offsetting pair, which its partner's finding names.  Nothing for a
    column without a (七)总计 cell."""
    tot = t.get("processed_total", col)
    if tot is None:
        return
    if col not in fails:
        _outcomes_hold(t, ctx, col, tot)
        return
    if pair and col == pair[1]:
        return  # reported with its partner column
    assert tot.numeric is not None
    zh, en = _outcomes_note(t, col, culprit, pair)
    ctx.fail(
        [_ev(t, c) for c in _outcomes_cells(t, col, tot, pair)],
        reported=tot.text,
        expected=_n(tot.numeric - fails[col]),
        subject=_i2_subject(col),
        column=APP_COLUMN_LABELS[col],
        column_en=col,
        culprit=zh,
        culprit_en=en,
    )


@rule(
    "GR603",
    name="applications-row-sum",
    family="tables",
    severity="error",
    message="收到和处理申请情况表“{row}”行:总计为{reported},六类申请人之和为{expected}{culprit}",
    message_en="applications table, row {row}: 总计 is {reported} but the six applicant columns add up to {expected}{culprit_en}",
    builtin=True,
)
def applications_row_sum(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Per row, the 总计 column ≠ 自然人 + the five kinds of 法人或其他组织.

    What it does:
        For every row of the applications table adds the six applicant
        columns and compares with the printed 总计.

    Why it matters:
        The total column is the sum of the applicant columns by construction;
        a row that does not add up has a wrong cell.

    Example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 51 |
        → error, reported 51, expected 49 (40 + 6 + 0 + 1 + 1 + 1 = 49)

        A table flattened into text with its blank cells dropped prints a
        short row ("58 9 2 1 73"): when its last value is not the sum of the
        values before it, that is reported wherever the blanks sit.

    Consistent example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |

    Known exceptions:
        None.  A blank 总计 cell is GR605's.
    """
    _ambiguous_rows(ctx, report.table("applications"))
    t = _app(report)
    if t is None:
        return
    for row, (tot, others) in t.row_sum_failures.items():
        # a flattened row whose blank cells were dropped: its parts cannot be
        # placed, but wherever they sit they add up to the same sum
        ctx.fail(
            [_ev(t, tot)],
            reported=tot.text,
            expected=_n(others),
            subject=f"表三 {_ROW_LABELS.get(row, row)} I-3",
            row=_ROW_LABELS.get(row, row),
            culprit=";该行空白单元格在文本中被省略,按最后一个数为总计",
            culprit_en="; the row's blank cells were dropped from the text, its last value is read as the total",
        )
    cp_zh, cp_en = _culprit_text(t)
    fails = _row_failures(t)
    for row in t.rows():
        tot = t.get(row, "total")
        if tot is None or tot.numeric is None or row in t.row_sum_failures:
            continue  # a blank total is GR605's
        subject = f"表三 {_ROW_LABELS.get(row, row)} I-3"
        if row not in fails:
            if _row_parts(t, row) is not None:
                ctx.ok(subject=subject)
            else:
                ctx.untestable("an applicant cell is not a number", subject=subject)
            continue
        ctx.fail(
            [_ev(t, tot)] + [_ev(t, c) for col in APP_COLUMNS[:-1] if (c := t.get(row, col)) is not None],
            reported=tot.text,
            expected=_n(tot.numeric - fails[row]),
            subject=subject,
            row=_ROW_LABELS.get(row, row),
            culprit=cp_zh,
            culprit_en=cp_en,
        )


@rule(
    "GR604",
    name="table-cell-domain",
    family="tables",
    severity="error",
    message="“{row} / {column}”单元格应为非负整数,实为“{reported}”",
    message_en="cell {row} / {column} must be a non-negative integer, not “{reported}”",
    builtin=True,
)
def cell_domain(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A count cell of a standard table is not a non-negative integer (text,
    a negative number, a decimal).

    What it does:
        Checks every mapped count cell of the applications, review and
        主动公开 tables (not 本年增/减, which is signed, nor the amounts).
        Blanks and "/" are left to GR605.

    Why it matters:
        Applications and cases are counted; "2.5" or "-1" is a typing error.

    Example:
        | (一)予以公开 | 4O | 6 | 0 | 1 | 1 | 1 | 49 |
        → error, reported 4O (a letter O)

    Consistent example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |

    Known exceptions:
        None.
    """
    for t in report.tables:
        if t.kind not in ("applications", "review", "proactive"):
            continue
        _ambiguous_rows(ctx, t)
        if t.ambiguous:
            continue
        for c in t.cells.values():
            if t.kind == "proactive" and c.col in ("delta", "amount", "amount_wan"):
                continue  # 本年增/减 is signed; amounts carry decimals and units
            bad = c.state == "text" or (c.value is not None and (c.value < 0 or c.value != c.value.to_integral()))
            if bad:
                r, col = _label(t, c)
                ctx.fail([_ev(t, c)], reported=c.text, row=r, column=col)
            elif c.state in ("number", "zero"):
                ctx.ok(spans=[(c.start, c.end)], subject=f"{t.kind} {_label(t, c)[0]} {_label(t, c)[1]}")


@rule(
    "GR605",
    name="blank-total",
    family="tables",
    severity="warning",
    message="收到和处理申请情况表“{row} / {column}”总计单元格空白,而其分项之和为{expected}",
    message_en="applications table, {row} / {column_en}: the total cell is blank while its parts add up to {expected}",
    builtin=True,
)
def blank_total(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A total cell of the applications table is blank beside non-zero parts.

    What it does:
        For every blank (or "/", "—", "无") cell of the 总计 column, adds the
        row's six applicant cells; for every blank cell of the (七)总计 row,
        adds the column's outcome rows.  When a part is a printed number
        (zeros included: the row was filled in, only its total left out),
        the total cell is reported once, with the sum of its parts as the
        expected value.  When the parts are blank too, the blanks mean none.  The other rules compare against that sum
        (and say so), never against 0.

    Why it matters:
        The format requires the totals; a blank total beside filled parts
        hides whether the row adds up, and readers who quote the total get
        nothing or 0.

    Example:
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | (空) |
        → warning, expected 49 (the 总计 cell is blank; the other rules take it as 49, never 0)

        A row whose parts are all printed zeros and whose 总计 is blank is
        reported too (expected 0): the row was filled in, only its total left
        out.  In a table flattened into text with its blank cells dropped, a
        short row whose last value is smaller than another value ("2 1")
        cannot end with its total: its values are the parts of a blank 总计,
        reported once for that row.

    Consistent example:
        | 4.无正当理由大量反复申请 | (空) | (空) | (空) | (空) | (空) | (空) | (空) |
        → a blank total beside blank parts means none

    Known exceptions:
        None.
    """
    t = _app(report)
    if t is None:
        return
    _dropped_blank_totals(t, ctx)
    for c in list(t.cells.values()):
        if _is_blank_total(t, c):
            _check_blank_total(t, ctx, c)


def _dropped_blank_totals(t: StandardTable, ctx: RuleContext) -> None:
    """Report every flattened row whose blank cells were dropped and whose
    last value is smaller than another (``t.blank_totals``): the parts were
    printed, the 总计 left blank."""
    for row, (last, parts) in t.blank_totals.items():
        ctx.fail(
            [_ev(t, last)],
            reported="(空)",
            expected=_n(parts),
            subject=f"表三 {_ROW_LABELS.get(row, row)} 总计",
            row=_ROW_LABELS.get(row, row),
            column=APP_COLUMN_LABELS["total"],
            column_en="total",
        )


def _is_blank_total(t: StandardTable, c: TableCell) -> bool:
    """Is the cell a blank (or "/") total — of the 总计 column or of the
    (七)总计 row — outside the flattened rows reported as a whole (see
    :func:`_dropped_blank_totals`)?"""
    return (c.col == "total" or c.row == "processed_total") and _blank(c) and c.row not in t.blank_totals


def _total_parts(t: StandardTable, c: TableCell) -> tuple[list[TableCell], Decimal | None]:
    """The parts of a total cell — its row's six applicant cells (总计
    column), else its column's outcome rows ((七)总计 row) — as printed, and
    their sum (blank parts are none); None when a part is not a number."""
    if c.col == "total":
        return [p for col in APP_COLUMNS[:-1] if (p := t.get(c.row, col)) is not None], _row_parts(t, c.row)
    return [p for r in _outcomes(t) if (p := t.get(r, c.col)) is not None], _col_parts(t, c.col)


def _parts_blank_too(parts: list[TableCell], s: Decimal) -> bool:
    """Do the parts of a blank total mean none: adding up to 0 with no
    printed zero among them (the row was not filled in)?"""
    return s == 0 and not any(p.state == "zero" for p in parts)


def _shown_parts(parts: list[TableCell]) -> list[TableCell]:
    """The parts a blank-total finding shows: the non-zero ones, else the
    first printed zero."""
    return [p for p in parts if p.numeric] or [p for p in parts if p.state == "zero"][:1]


def _check_blank_total(t: StandardTable, ctx: RuleContext, c: TableCell) -> None:
    """Record a blank total: untestable when a part is not a number, ok when
    its parts are blank too (none), else a finding with the sum of its
    parts as the expected value."""
    subject = f"表三 {_ROW_LABELS.get(c.row, c.row)} {APP_COLUMN_LABELS.get(c.col, c.col)}"
    parts, s = _total_parts(t, c)
    if s is None:
        ctx.untestable("a part is not a number", subject=subject)
        return
    if _parts_blank_too(parts, s):
        ctx.ok(subject=subject, reading="空白即无")  # parts blank too: none
        return
    ctx.fail(
        [_ev(t, p) for p in _shown_parts(parts)] + [_ev(t, c)],
        reported="(空)",
        expected=_n(s),
        subject=subject,
        row=_ROW_LABELS.get(c.row, c.row),
        column=APP_COLUMN_LABELS.get(c.col, c.col),
        column_en=c.col,
    )


@rule(
    "GR611",
    name="review-block-sum",
    family="tables",
    severity="error",
    message="{block}:总计为{reported},结果维持+结果纠正+其他结果+尚未审结={expected}",
    message_en="{block_en}: 总计 is {reported} but upheld + corrected + other + pending = {expected}",
    builtin=True,
)
def review_block_sum(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A block of the review/litigation table does not add up.

    What it does:
        For 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 = 结果维持 + 结果纠正
        + 其他结果 + 尚未审结.  A blank, "/" or "—" part means none; a blank
        总计 beside non-zero parts is reported as a blank total.

    Why it matters:
        Every case has exactly one of the four outcomes; a block whose total
        differs has a wrong number (the 2023 洪泽区 report prints a review total
        that disagrees with its parts).

    Example:
        | 2 | 0 | 0 | 0 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |
        → error, reported 3, expected 2 (行政复议: 2 + 0 + 0 + 0 = 2, 总计 printed 3)

    Consistent example:
        | 2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |
        → 行政复议: 2 + 1 + 0 + 0 = 3

    Known exceptions:
        None.
    """
    t = report.table("review")
    if t is None:
        return
    if t.ambiguous:
        ctx.untestable(_ambiguity(t), subject="表四 I-8")
        return
    for b in REVIEW_BLOCKS:
        _check_review_block(t, ctx, b)


def _review_block_parts(cells: list[TableCell | None]) -> Decimal | None:
    """The sum of a Table 4 block's four parts (a blank part is none, see
    :func:`_review_part`); None when the block cannot be added up: a cell
    missing, or a part or the 总计 neither a number nor blank."""
    vals = [_review_part(c) for c in cells[:4]]
    tot = cells[4]
    if tot is None or any(v is None for v in vals) or not (tot.numeric is not None or _blank(tot)):
        return None
    return sum(vals, Decimal(0))  # type: ignore[arg-type]


def _blank_reading(cells: list[TableCell | None]) -> str | None:
    """The reading of a Table 4 block that adds up: "空白即无" when a cell of
    it is blank (read as none), else None."""
    return "空白即无" if any(_blank(c) for c in cells) else None


def _check_review_block(t: StandardTable, ctx: RuleContext, b: str) -> None:
    """Record I-8 in a block of Table 4: untestable when it cannot be added
    up, ok when 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (a blank 总计
    beside parts that are none included), else a finding."""
    subject = f"表四 {REVIEW_BLOCK_LABELS[b]} I-8"
    cells = [t.get(b, f) for f in REVIEW_FIELDS]
    parts = _review_block_parts(cells)
    tot = cells[4]
    if parts is None or tot is None:
        ctx.untestable("missing cell or a cell that is not a number", subject=subject)
        return
    if parts == (tot.numeric if tot.numeric is not None else 0):
        ctx.ok(subject=subject, reading=_blank_reading(cells))
        return
    ctx.fail(
        [_ev(t, c) for c in cells if c is not None],
        reported=tot.text or "(空)",
        expected=_n(parts),
        subject=subject,
        block=REVIEW_BLOCK_LABELS[b],
        block_en=b,
    )


def _review_part(c: TableCell | None) -> Decimal | None:
    """A part of a Table 4 block: its number; blank, "/" or "—" is none (0)."""
    if c is None:
        return None
    if c.numeric is not None:
        return c.numeric
    return Decimal(0) if _blank(c) else None


@rule(
    "GR621",
    name="proactive-made-exceeds-valid",
    family="tables",
    severity="warning",
    message="主动公开情况表“{row}”:{what}为{reported},大于{than}{expected}",
    message_en="proactive table, {row}: {what_en} {reported} exceeds {than_en} {expected}",
    builtin=True,
)
def proactive_made_valid(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Documents made this year exceed the documents in force (2021 format),
    or newly published exceed the published total (2019 format).

    What it does:
        Checks 本年制发件数 ≤ 现行有效件数 (2021) and 本年新公开数量 ≤
        对外公开总数量 (2019) for 规章 and (行政)规范性文件.

    Why it matters:
        What was made this year is normally still in force at year end; a
        larger number usually means the columns were swapped.

    Example:
        | 行政规范性文件 | 12 | 2 | 9 |
        → warning, reported 12, expected 9 (made 12, in force 9)

    Consistent example:
        | 行政规范性文件 | 7 | 2 | 51 |

    Known exceptions:
        Documents made and repealed within the same year, or made with a term
        that expired before year end.
    """
    t = report.table("proactive")
    _ambiguous_rows(ctx, t, ("regulations", "normative_docs"))
    if t is None or t.ambiguous:
        return
    pairs = (("made", "valid", "本年制发件数", "现行有效件数", "made", "valid"), ("new_published", "total_published", "本年新公开数量", "对外公开总数量", "newly published", "published total"))
    for row in ("regulations", "normative_docs"):
        for a, b, za, zb, ea, eb in pairs:
            ca, cb = t.get(row, a), t.get(row, b)
            if ca is None or cb is None or ca.numeric is None or cb.numeric is None:
                continue
            if ca.numeric <= cb.numeric:
                ctx.ok(spans=[(ca.start, ca.end)], subject=f"表二 {ca.row_label or row} {za}≤{zb}")
                continue
            ctx.fail([_ev(t, ca), _ev(t, cb)], reported=ca.text, expected=cb.text, row=ca.row_label or row, what=za, than=zb, what_en=ea, than_en=eb)


def _level(agency: str | None) -> str:
    a = agency or ""
    if _RX0.search(a) and not _RX1.search(a.split("省", 1)[-1]):
        return "province"
    if _RX2.search(a):
        return "county"
    if "市" in a:
        return "city"
    return "county"


@rule(
    "GR622",
    name="fee-magnitude",
    family="tables",
    severity="warning",
    message="行政事业性收费金额为{reported}万元,对{level}机关而言过大,可能误将元填作万元",
    message_en="行政事业性收费 is {reported} 万元, implausibly large for a {level_en}-level organ: possibly 元 entered as 万元",
    options={"county": "100000", "city": "1000000", "province": "10000000"},
    builtin=True,
)
def fee_magnitude(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The 行政事业性收费 amount (2021 format, in 万元) is implausibly large for
    the organ's level.

    What it does:
        Flags amounts above 10^5 万元 for county-level organs, 10^6 for cities
        and 10^7 for provinces (the level is read from the organ's name).

    Why it matters:
        The 2021 format counts this row in 万元; an amount copied in 元 is ten
        thousand times too large.

    Example:
        | 行政事业性收费 | 9051200 |
        → warning, reported 9051200 (a county's fees in 元, not 万元)

    Consistent example:
        | 行政事业性收费 | 905.12 |

    Known exceptions:
        Organs that collect large statutory fees on behalf of others.

    Options:
        county, city, province: the limits in 万元 (defaults 100000, 1000000,
        10000000).
    """
    t = report.table("proactive")
    if t is not None and t.layout == "2021":
        _ambiguous_rows(ctx, t, ("admin_fee",))
    if t is None or t.ambiguous:
        return
    c = t.get("admin_fee", "amount_wan")
    if c is None or c.numeric is None:
        return
    lv = _level(report.metadata.agency)
    limit = Decimal(str(ctx.options[lv]))
    if c.numeric > limit:
        ctx.fail([_ev(t, c)], reported=c.text, level={"county": "县级", "city": "市级", "province": "省级"}[lv], level_en=lv)
    else:
        ctx.ok(spans=[(c.start, c.end)], subject=f"表二 行政事业性收费 {lv}")


@rule(
    "GR623",
    name="rules-without-competence",
    family="tables",
    severity="info",
    message="{agency}无规章制定权,但主动公开情况表“规章”栏填报{reported}",
    message_en="{agency} has no power to make 规章, yet the proactive table reports {reported}",
    builtin=True,
)
def rules_competence(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """规章 reported by an organ without rule-making power.

    What it does:
        Only 国务院部门 and the governments of provinces and 设区的市 make
        规章 (立法法).  For county and township governments and for
        departments of local governments, non-zero 规章 made or repealed is
        reported.

    Why it matters:
        Such organs usually counted the rules of a superior government.

    Example:
        | 规章 | 2 | 0 | 2 |
        → info, reported 2 (a county government reports 规章)

    Consistent example:
        | 规章 | 0 | 0 | 0 |

    Known exceptions:
        Rules made by a city government and reported by its own office.
    """
    t = report.table("proactive")
    _ambiguous_rows(ctx, t, ("regulations",))
    if t is None or t.ambiguous:
        return
    md = report.metadata
    lv = _level(md.agency)
    competent = md.issuer_kind == "government" and lv in ("province", "city")
    for col in ("made", "repealed", "new_made"):
        c = t.get("regulations", col)
        if c is None or c.numeric is None:
            continue
        if c.numeric > 0 and not competent:
            ctx.fail([_ev(t, c)], reported=c.text, agency=md.agency or "该机关")
        else:
            ctx.ok(spans=[(c.start, c.end)], subject=f"表二 规章 {col}")


@rule(
    "GR651",
    name="template-deviation",
    family="tables",
    severity="warning",
    message="{reported}",
    message_en="{reported_en}",
    builtin=True,
)
def template_deviation(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The report or one of its tables does not follow the format its year
    calls for, or a standard table is incomplete.

    What it does:
        Compares the detected template with the one the report year calls
        for (≤2018 old, 2019–2020 the 2019 format, ≥2021 the 2021 format),
        the applications table's layout with the report's, and lists template
        rows that no row of the table carries (an unmapped row whose label is
        wrapped or damaged is rejoined by the table readers first); the
        finding names the nearest row found, where the gap is.

    Why it matters:
        The 2021 format is mandatory from the 2021 reports on; an outdated or
        altered table cannot be compared with other organs' reports.

    Example:
        2020年,本县扎实推进政务公开工作。
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        → warning (a 2020 report in the 2021 format, whose tables the 2019 format applies to)

    Consistent example:
        2021年,本县扎实推进政务公开工作。
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |

    Known exceptions:
        Local formats that add subtotal rows (they are recognised and not
        counted).
    """
    tpl = report.template
    md = report.metadata
    if not md.is_report:
        return
    _check_report_template(ctx, md, tpl)
    t = report.table("applications")
    if t is None or t.ambiguous:
        return
    _check_app_layout(ctx, t, tpl)
    _check_template_rows(ctx, t)


def _check_report_template(ctx: RuleContext, md: Metadata, tpl: TemplateInfo) -> None:
    """Report a report in another format than its year calls for (the 2019
    and 2021 formats only: the old template is not compared); the evidence
    is the title."""
    if tpl.deviates and tpl.name != "old" and tpl.expected != "old":
        span = md.title_span or (0, 0)
        ctx.fail(
            [span],
            reported=f"{md.year}年度报告使用了{tpl.name}年格式(应为{tpl.expected}年格式)",
            reported_en=f"a {md.year} report uses the {tpl.name} format (the {tpl.expected} format applies)",
        )


def _layout_cell(t: StandardTable) -> TableCell:
    """The cell that shows the applications table's layout: the 总计 of
    (六)其他处理 (one row in 2019, three in 2021), else the table's first
    cell."""
    return t.get("other", "total") or t.get("other.no_correction", "total") or next(iter(t.cells.values()))


def _check_app_layout(ctx: RuleContext, t: StandardTable, tpl: TemplateInfo) -> None:
    """Report an applications table laid out in another format than the
    report's year calls for (for want of a year, the report's own)."""
    expected = tpl.expected or tpl.name
    if expected in ("2019", "2021") and t.layout != expected:
        ctx.fail(
            [_ev(t, _layout_cell(t))],
            reported=f"收到和处理申请情况表采用{t.layout}年格式的行(应为{expected}年格式)",
            reported_en=f"the applications table uses the {t.layout} layout (the {expected} format applies)",
        )


#: The template rows of a layout: (key, label, label pattern), as in
#: APP_ROWS_2021.
_TemplateRows = list[tuple[str, str, str]]


def _template_rows(t: StandardTable) -> _TemplateRows:
    """The template rows of the applications table's layout (2021, else
    2019)."""
    return APP_ROWS_2021 if t.layout == "2021" else APP_ROWS_2019


def _missing_rows(t: StandardTable, rows: _TemplateRows) -> list[tuple[int, str]]:
    """The template rows no row of the table carries (no 总计 cell), as
    (index among ``rows``, label)."""
    return [(i, label) for i, (k, label, _) in enumerate(rows) if (k, "total") not in t.cells]


def _nearest_row(t: StandardTable, rows: _TemplateRows, i0: int) -> TableCell | None:
    """The 总计 cell of the row found nearest the gap at template row ``i0``:
    the last found before it, else the first found after; None when the
    table carries no template row."""
    near = next((t.get(k, "total") for k, _, _ in reversed(rows[:i0]) if (k, "total") in t.cells), None)
    return near or next((t.get(k, "total") for k, _, _ in rows[i0:] if (k, "total") in t.cells), None)


def _check_template_rows(ctx: RuleContext, t: StandardTable) -> None:
    """Record whether the applications table carries every template row of
    its layout: ok, else one info finding listing the missing rows (the
    first five) and the nearest row found, where the gap is."""
    rows = _template_rows(t)
    missing = _missing_rows(t, rows)
    if not missing:
        ctx.ok(subject="表三 模板行")
        return
    near = _nearest_row(t, rows, missing[0][0])
    near_label = _ROW_LABELS.get(near.row, near.row) if near is not None else "—"
    labels = [label for _, label in missing]
    ctx.fail(
        [_ev(t, near)] if near is not None else [(t.start, t.start)],
        severity="info",  # may also be damage from a PDF conversion
        subject="表三 模板行",
        reported=f"收到和处理申请情况表缺少{len(labels)}行:{'、'.join(labels[:5])}(最近的已识别行:{near_label})",
        reported_en=f"the applications table lacks {len(labels)} template rows: {', '.join(labels[:5])} (nearest row found: {near_label})",
    )


def _old_ev(c: TableCell) -> Evidence:
    return Evidence(c.start, c.end, c.page, f"{c.row_label} | {c.col_label or '统计数'} | {c.text or '(空)'}")


@rule(
    "GR641",
    name="statistics-table-sum",
    family="tables",
    severity="error",
    message="政府信息公开情况统计表:{identity},但{parent}为{reported},分项之和为{expected}",
    message_en="statistics table: {identity} fails — {parent} is {reported}, its parts add up to {expected}",
    builtin=True,
)
def old_stats_sum(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """An identity of the old statistics table (2014–2018) fails.

    What it does:
        In the 政府信息公开情况统计表 attached to old-template reports, checks
        收到申请数 = the sum of the application channels (O-1), 申请办结数 =
        按时 + 延期 (O-2), 申请答复数 = the eight kinds of answer (O-3),
        不同意公开答复数 = its six reasons (O-4), 行政复议数量 and 行政诉讼数量 =
        维持 + 纠错 + 其他 (O-5), and 工作人员数 = 专职 + 兼职 (O-6).

    Why it matters:
        The table's rows are defined as breakdowns of their parent row; a
        parent that differs from its parts is a data error.

    Example:
        | (一)收到申请数 | 件 | 38 |
        → error, reported 38, expected 36 (当面 12 + 传真 1 + 网络 20 + 信函 3)

    Consistent example:
        | (二)申请办结数 | 件 | 36 |
        → 36 = 按时办结 34 + 延期办结 2

    Known exceptions:
        Provincial variants list only some channels; a breakdown whose
        children are not all listed is compared only when its children are
        all present in the table.
    """
    t = report.table("old_stats")
    if t is None:
        return
    from ...tables import IDENTITIES, children_of

    for idn in IDENTITIES:
        if idn.kind != "sum":
            continue
        found = children_of(t, idn)
        if found is None:
            continue
        parent, kids = found
        if parent.numeric is None or len(kids) < 2:
            ctx.untestable("parent blank or too few parts", subject=f"统计表 {idn.code} {parent.row_label}")
            continue
        vals = [k.numeric if k.numeric is not None else (Decimal(0) if k.state in ("blank", "na") else None) for k in kids]
        if any(v is None for v in vals):
            ctx.untestable("a part is not a number", subject=f"统计表 {idn.code} {parent.row_label}")
            continue
        total = sum(vals, Decimal(0))  # type: ignore[arg-type]
        if total == parent.numeric:
            ctx.ok(spans=[(parent.start, parent.end)], subject=f"统计表 {idn.code} {parent.row_label}")
            continue
        ctx.fail([_old_ev(parent)] + [_old_ev(k) for k in kids], reported=parent.text, expected=_n(total), identity=f"{idn.code} {idn.name}", parent=parent.row_label)


@rule(
    "GR642",
    name="statistics-table-bounds",
    family="tables",
    severity="warning",
    message="政府信息公开情况统计表:{identity}不成立({detail})",
    message_en="statistics table: {identity} does not hold ({detail})",
    builtin=True,
)
def old_stats_bounds(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A soft relation of the old statistics table does not hold.

    What it does:
        O-7: the largest channel ≤ 主动公开政府信息数 ≤ the sum of the channels
        (one item published on several channels counts once), and
        主动公开规范性文件数 ≤ 制发规范性文件总数; O-8: 申请办结数 ≤ 收到申请数.

    Why it matters:
        These bounds follow from the definitions; a violation usually means a
        swapped or mistyped row.

    Example:
        | 其中:主动公开规范性文件数 | 条 | 45 |
        → warning, reported 45 (more than the 40 制发规范性文件总数)

        With channels of 60, 1200, 300, 200 and 100, a 主动公开政府信息数 of
        1900 (more than their sum, 1860) or 1100 (less than the largest,
        1200) is reported.  The channel rows are found past the 其中:主动公开
        规范性文件数 / 制发规范性文件总数 rows and the (二)通过不同渠道和方式…
        heading that the standard table prints between them and the total.

    Consistent example:
        | 其中:主动公开规范性文件数 | 条 | 38 |

    Known exceptions:
        O-8: applications left over from the previous year are closed this
        year but not received this year (the old table has no carry-over row).
    """
    t = report.table("old_stats")
    if t is None:
        return
    from ...tables import IDENTITIES, children_of

    for idn in IDENTITIES:
        if idn.kind == "sum":
            continue
        found = children_of(t, idn)
        if found is None:
            continue
        parent, kids = found
        vals = [k.numeric for k in kids]
        if parent.numeric is None or any(v is None for v in vals):
            ctx.untestable("blank cell", subject=f"统计表 {idn.code} {parent.row_label}")
            continue
        if idn.kind == "le":
            ok = parent.numeric <= vals[0]  # type: ignore[operator]
            detail = f"{parent.row_label} {parent.text} > {kids[0].row_label} {kids[0].text}"
        else:
            lo, hi = max(vals), sum(vals, Decimal(0))  # type: ignore[type-var,arg-type]
            ok = lo <= parent.numeric <= hi  # type: ignore[operator]
            detail = f"{parent.row_label} {parent.text}, channels {_n(lo)}–{_n(hi)}"  # type: ignore[arg-type]
        if ok:
            ctx.ok(spans=[(parent.start, parent.end)], subject=f"统计表 {idn.code} {parent.row_label}")
        else:
            ctx.fail([_old_ev(parent)] + [_old_ev(k) for k in kids], reported=parent.text, identity=f"{idn.code} {idn.name}", detail=detail)


#: Columns of 表二 whose figures may be negative (the 2019 format's 本年增/减).
_SIGNED_COLUMNS = {"delta"}


@rule(
    "GR624",
    name="proactive-negative",
    family="tables",
    severity="error",
    message="主动公开情况表“{row}”{col}为负数{reported}",
    message_en="proactive table, {row}: {col} is negative ({reported})",
    builtin=True,
)
def proactive_negative(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A count or a fee in the proactive-disclosure table (表二) is negative.

    What it does:
        Reads every number of 表二 — documents made, repealed and in force,
        decisions, the fee amount — and reports one below zero.  The 2019
        format's 本年增/减 column may be negative and is left alone.

    Why it matters:
        A number of documents or decisions, or a fee collected, cannot be
        negative: a minus sign there is a typing or conversion error, and
        every total built on the cell is wrong.

    Example:
        | 行政事业性收费 | -3.5 |
        → error, reported -3.5

    Consistent example:
        | 行政事业性收费 | 3.5 |

    Known exceptions:
        A refund printed as a negative amount; say so in the text.
    """
    t = report.table("proactive")
    if t is None or t.ambiguous:
        return
    for c in t.cells.values():
        if c.col in _SIGNED_COLUMNS or c.numeric is None:
            continue
        if c.numeric < 0:
            r, col = _label(t, c)
            ctx.fail([_ev(t, c)], reported=c.text, row=r, col=col, subject=f"表二 {r} {col}")
        else:
            ctx.ok(spans=[(c.start, c.end)], subject=f"表二 {c.row_label or c.row} ≥ 0")


@rule(
    "GR625",
    name="proactive-blank-cells",
    family="tables",
    severity="info",
    message="主动公开情况表有{reported}个空白或“/”单元格:{cells}",
    message_en="the proactive table has {reported} blank or “/” cell(s): {cells_en}",
    builtin=True,
)
def proactive_blank_cells(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Cells of the proactive-disclosure table (表二) are left blank or
    printed "/" (or "—", "无").

    What it does:
        Lists, in one finding per table, every cell of 表二 that holds no
        figure: empty, or a not-applicable mark.  Blank is not zero: the
        reader cannot tell "none" from "not reported", so such a cell is
        never read as 0 by the other rules either.

    Why it matters:
        The format asks for a figure in every cell; an explicit 0 says
        "none", a blank says nothing.  An information note, so that an
        oversight body can ask for the missing figures.

    Example:
        | 行政许可 |  |
        → info, reported 1

    Consistent example:
        | 行政许可 | 0 |
        → records no pass verdicts (a rule that finds absences)

    Known exceptions:
        A row the issuer has no competence for (a township and 规章) is
        often left blank on purpose; GR623 covers 规章 reported where there
        is no competence.
    """
    t = report.table("proactive")
    if t is None or t.ambiguous:
        return
    blank = [c for c in t.cells.values() if c.state in ("blank", "na")]
    if not blank:
        return
    names = ["/".join(_label(t, c)) for c in blank]
    ctx.fail([_ev(t, c) for c in blank], reported=str(len(blank)), cells="、".join(names), cells_en=", ".join(names), subject="表二 blank cells")
