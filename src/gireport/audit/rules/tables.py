"""Table rules (family ``tables``, GR6xx): the identities of the standard
tables of the 2019 and 2021 formats, and the narrative against the tables.

Every identity is exact arithmetic on the printed cells (counts carry no
rounding).  A table that could not be mapped unambiguously is untestable;
a blank or "/" cell is never silently read as a number in a total.
"""

from __future__ import annotations

from decimal import Decimal

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


# Patterns used in loops, compiled once.
_RX0 = re.compile(r"省(?:人民政府)?(?:办公厅)?$|^[^市县区]*省")
_RX1 = re.compile(r"[市县区镇乡]")
_RX2 = re.compile(r"[县区镇乡街道]")
_RX3 = re.compile(r"上年|去年|同比|比|累计|历年")
_RX4 = re.compile(r"行政复议(?:案件)?[^,，。;；\d]{0,6}$")
_RX5 = re.compile(r"诉讼")
_RX6 = re.compile(r"行政诉讼(?:案件)?[^,，。;；\d]{0,6}$")
_RX7 = re.compile(r"纠错|纠正|败诉")


_ROW_LABELS = {k: label for k, label, _ in APP_ROWS_2021 + APP_ROWS_2019}


def _label(t: StandardTable, c: TableCell) -> tuple[str, str]:
    if t.kind == "applications":
        return _ROW_LABELS.get(c.row, c.row_label or c.row), APP_COLUMN_LABELS.get(c.col, c.col)
    if t.kind == "review":
        return REVIEW_BLOCK_LABELS.get(c.row, c.row), REVIEW_FIELD_LABELS.get(c.col, c.col)
    return c.row_label or c.row, c.col_label or c.col


def _ev(t: StandardTable, c: TableCell) -> Evidence:
    r, col = _label(t, c)
    return Evidence(c.start, c.end, c.page, f"{r} | {col} | {c.text or '(空)'}")


def _app(report):  # type: ignore[no-untyped-def]
    t = report.table("applications")
    if t is None or t.ambiguous:
        return None
    return t


def _val(t: StandardTable, row: str, col: str, *, blank_as_zero: bool) -> Decimal | None:
    """A cell's value.  With ``blank_as_zero`` a blank or "/" reads as 0 (the
    format's reading of an empty count cell; GR605 reports blank totals)."""
    c = t.get(row, col)
    if c is None:
        return None
    if c.numeric is not None:
        return c.numeric
    if blank_as_zero and c.state in ("blank", "na"):
        return Decimal(0)
    return None


def _outcomes(t: StandardTable) -> tuple[str, ...]:
    return APP_OUTCOME_ROWS_2021 if t.layout == "2021" else APP_OUTCOME_ROWS_2019


def _n(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral() else str(d)


# --- shared arithmetic for localising a single bad cell ---------------------
def _row_failures(t: StandardTable) -> dict[str, Decimal]:
    """Rows whose 总计 differs from the sum of the six applicant columns:
    row → printed total minus computed sum."""
    out = {}
    for row in t.rows():
        tot = _val(t, row, "total", blank_as_zero=False)
        parts = [_val(t, row, c, blank_as_zero=True) for c in APP_COLUMNS[:-1]]
        if tot is None or any(p is None for p in parts):
            continue
        s = sum(parts, Decimal(0))  # type: ignore[arg-type]
        if s != tot:
            out[row] = tot - s
    return out


def _col_failures(t: StandardTable) -> dict[str, Decimal]:
    """Columns whose (七)总计 differs from the sum of the outcome rows:
    column → printed total minus computed sum."""
    out = {}
    for col in APP_COLUMNS:
        tot = _val(t, "processed_total", col, blank_as_zero=False)
        parts = [_val(t, r, col, blank_as_zero=True) for r in _outcomes(t)]
        if tot is None or any(p is None for p in parts):
            continue
        s = sum(parts, Decimal(0))  # type: ignore[arg-type]
        if s != tot:
            out[col] = tot - s
    return out


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
    message="收到和处理申请情况表“{column}”列:新收{new}+上年结转{carry_in}={reported},而办理结果总计{total}+结转下年度{carry_out}={expected}",
    message_en="applications table, column {column_en}: new {new} + carried in {carry_in} = {reported}, but processed {total} + carried out {carry_out} = {expected}",
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
        结转下年度继续办理 商业企业 2 where 21 + 1 = 21 + 1 needs 1

    Consistent example:
        自然人: 142 + 6 = 145 + 3

    Known exceptions:
        None: the identity is part of the official format.  A blank 总计 cell
        makes the column untestable (GR605 reports it).
    """
    t = _app(report)
    if t is None:
        if report.table("applications") is not None:
            ctx.untestable("ambiguous table")
        return
    for col in APP_COLUMNS:
        vals = {k: _val(t, k, col, blank_as_zero=True) for k in ("new", "carry_in", "processed_total", "carry_out")}
        if any(v is None for v in vals.values()):
            ctx.untestable("missing or blank cell")
            continue
        lhs = vals["new"] + vals["carry_in"]  # type: ignore[operator]
        rhs = vals["processed_total"] + vals["carry_out"]  # type: ignore[operator]
        if lhs == rhs:
            ctx.ok()
            continue
        cells = [t.get(k, col) for k in ("new", "carry_in", "processed_total", "carry_out")]
        ctx.fail(
            [_ev(t, c) for c in cells if c is not None],
            reported=_n(lhs),
            expected=_n(rhs),
            column=APP_COLUMN_LABELS[col],
            column_en=col,
            new=_n(vals["new"]),  # type: ignore[arg-type]
            carry_in=_n(vals["carry_in"]),  # type: ignore[arg-type]
            total=_n(vals["processed_total"]),  # type: ignore[arg-type]
            carry_out=_n(vals["carry_out"]),  # type: ignore[arg-type]
        )


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
        予以公开 总计 73 while the column totals add up to 71

    Consistent example:
        (七)总计 177 = 73 + 3 + … + 5

    Known exceptions:
        None in the official format.
    """
    t = _app(report)
    if t is None:
        return
    cp_zh, cp_en = _culprit_text(t)
    fails = _col_failures(t)
    for col in APP_COLUMNS:
        if col not in fails:
            if t.get("processed_total", col) is not None:
                ctx.ok()
            continue
        tot = t.get("processed_total", col)
        assert tot is not None and tot.numeric is not None
        ctx.fail(
            [_ev(t, tot)] + [_ev(t, c) for r in _outcomes(t) if (c := t.get(r, col)) is not None and c.numeric],
            reported=tot.text,
            expected=_n(tot.numeric - fails[col]),
            column=APP_COLUMN_LABELS[col],
            column_en=col,
            culprit=cp_zh,
            culprit_en=cp_en,
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
        予以公开: 60 + 8 + 0 + 1 + 2 + 0 = 71, 总计 printed 73

    Consistent example:
        本年新收: 142 + 21 + 0 + 2 + 6 + 3 = 174

    Known exceptions:
        None.  A blank 总计 cell is GR605's.
    """
    t = _app(report)
    if t is None:
        return
    cp_zh, cp_en = _culprit_text(t)
    fails = _row_failures(t)
    for row in t.rows():
        tot = t.get(row, "total")
        if tot is None or tot.numeric is None:
            continue
        if row not in fails:
            ctx.ok()
            continue
        ctx.fail(
            [_ev(t, tot)] + [_ev(t, c) for col in APP_COLUMNS[:-1] if (c := t.get(row, col)) is not None],
            reported=tot.text,
            expected=_n(tot.numeric - fails[row]),
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
        予以公开 自然人 “1O” (a letter O)

    Consistent example:
        0, 12, 1,024

    Known exceptions:
        None.
    """
    for t in report.tables:
        if t.kind not in ("applications", "review", "proactive") or t.ambiguous:
            continue
        for c in t.cells.values():
            if t.kind == "proactive" and c.col in ("delta", "amount", "amount_wan"):
                continue  # 本年增/减 is signed; amounts carry decimals and units
            bad = c.state == "text" or (c.value is not None and (c.value < 0 or c.value != c.value.to_integral()))
            if bad:
                r, col = _label(t, c)
                ctx.fail([_ev(t, c)], reported=c.text, row=r, column=col)
            elif c.state in ("number", "zero"):
                ctx.ok()


@rule(
    "GR605",
    name="blank-total",
    family="tables",
    severity="warning",
    message="收到和处理申请情况表有{reported}个空白的总计单元格",
    message_en="the applications table leaves {reported} 总计 cells blank",
    builtin=True,
)
def blank_total(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """总计 cells of the applications table are left blank.

    What it does:
        Counts blank or "/" cells in the 总计 column and the (七)总计 row.

    Why it matters:
        The format requires the totals; a blank total hides whether the
        table adds up (a real 2019 report left its whole 总计 column blank).

    Example:
        本年新收 … 总计 (空)

    Consistent example:
        Every 总计 cell filled, zeros included.

    Known exceptions:
        None.
    """
    t = _app(report)
    if t is None:
        return
    blanks = [c for c in t.cells.values() if (c.col == "total" or c.row == "processed_total") and c.state in ("blank", "na")]
    if blanks:
        ctx.fail([_ev(t, c) for c in blanks[:30]], reported=str(len(blanks)))
    else:
        ctx.ok()


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
        + 其他结果 + 尚未审结.

    Why it matters:
        Every case has exactly one of the four outcomes; a block whose total
        differs has a wrong number (the 2023 洪泽区 report prints a review total
        that disagrees with its parts).

    Example:
        行政复议: 3 + 1 + 1 + 0 = 5, 总计 printed 6

    Consistent example:
        行政复议: 3 + 1 + 1 + 1 = 6

    Known exceptions:
        None.
    """
    t = report.table("review")
    if t is None:
        return
    if t.ambiguous:
        ctx.untestable("ambiguous table")
        return
    for b in REVIEW_BLOCKS:
        cells = [t.get(b, f) for f in REVIEW_FIELDS]
        if any(c is None or c.numeric is None for c in cells):
            ctx.untestable("missing or blank cell")
            continue
        parts = sum((c.numeric for c in cells[:4]), Decimal(0))  # type: ignore[misc]
        tot = cells[4]
        if parts == tot.numeric:  # type: ignore[union-attr]
            ctx.ok()
            continue
        ctx.fail(
            [_ev(t, c) for c in cells],  # type: ignore[arg-type]
            reported=tot.text,  # type: ignore[union-attr]
            expected=_n(parts),
            block=REVIEW_BLOCK_LABELS[b],
            block_en=b,
        )


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
        行政规范性文件 本年制发件数 12, 现行有效件数 9

    Consistent example:
        行政规范性文件 9 / 4 / 63

    Known exceptions:
        Documents made and repealed within the same year, or made with a term
        that expired before year end.
    """
    t = report.table("proactive")
    if t is None or t.ambiguous:
        return
    pairs = (("made", "valid", "本年制发件数", "现行有效件数", "made", "valid"), ("new_published", "total_published", "本年新公开数量", "对外公开总数量", "newly published", "published total"))
    for row in ("regulations", "normative_docs"):
        for a, b, za, zb, ea, eb in pairs:
            ca, cb = t.get(row, a), t.get(row, b)
            if ca is None or cb is None or ca.numeric is None or cb.numeric is None:
                continue
            if ca.numeric <= cb.numeric:
                ctx.ok()
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
        行政事业性收费 12634700 (a county's fees in 元)

    Consistent example:
        行政事业性收费 1263.47

    Known exceptions:
        Organs that collect large statutory fees on behalf of others.

    Options:
        county, city, province: the limits in 万元 (defaults 100000, 1000000,
        10000000).
    """
    t = report.table("proactive")
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
        ctx.ok()


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
        A county government reporting 规章 本年制发件数 2

    Consistent example:
        规章 0 / 0 / 0, or "/" for a county organ

    Known exceptions:
        Rules made by a city government and reported by its own office.
    """
    t = report.table("proactive")
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
            ctx.ok()


# --- narrative against tables ----------------------------------------------
# Statements that restate a cell of the applications table: the pattern must
# end right before the number (only a noun or a cue word between).
_NARRATIVE_PATTERNS = [
    ("applications received", "收到申请", re.compile(r"(?:共|全年|本年度?|今年)?(?:收到|受理|接收|新收)(?:各类)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共计|共|合计)?$"), ("new", "new+carry_in")),
    ("applications processed", "办结", re.compile(r"(?:共|全年|依法依规|及时)?(?:办结|办理完毕|办理完成)(?:依申请公开|政府信息公开)?(?:申请)?(?:共计|共)?$"), ("processed_total",)),
    ("carried into next year", "结转下年度", re.compile(r"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:的)?$"), ("carry_out",)),
    ("carried over from last year", "上年结转", re.compile(r"上年(?:度)?结转(?:申请)?$"), ("carry_in",)),
    ("granted in full or in part", "予以公开及部分公开", re.compile(r"予以公开(?:及|和|、)部分公开$"), ("granted+partial",)),
    ("granted", "予以公开", re.compile(r"(?<![不及和、])予以公开(?:的)?(?:申请)?$"), ("granted",)),
    ("granted in part", "部分公开", re.compile(r"(?<![及和、])部分公开(?:的)?$"), ("partial",)),
    ("refused", "不予公开", re.compile(r"不予公开(?:的)?$"), ("denied.*",)),
    ("not provided (无法提供)", "无法提供", re.compile(r"无法提供(?:的)?$"), ("unable.*",)),
    ("not processed", "不予处理", re.compile(r"不予处理(?:的)?$"), ("not_processed.*",)),
    ("otherwise handled", "其他处理", re.compile(r"其他处理(?:的)?$"), ("other*",)),
]
#: Clauses about a part or another scope of the applications are not restatements.
_NOT_RESTATEMENT_RE = re.compile(r"其中|通过|网络|信函|当面|传真|邮寄|电子邮件|代表|涉及|自然人|企业|法人|同比|比去年|上年度?(?!结转)")


_READING_LABELS = {
    "new": "本年新收",
    "new+carry_in": "新收+上年结转",
    "processed_total": "办理结果总计",
    "carry_out": "结转下年度",
    "carry_in": "上年结转",
    "granted": "予以公开",
    "granted+partial": "予以公开+部分公开",
    "partial": "部分公开",
    "denied.*": "不予公开(合计)",
    "unable.*": "无法提供(合计)",
    "not_processed.*": "不予处理(合计)",
    "other*": "其他处理(合计)",
}


def _app_value(t: StandardTable, reading: str) -> Decimal | None:
    total = Decimal(0)
    for part in reading.split("+"):
        if part.endswith("*"):  # a group of rows: "denied.*", "other*"
            rows = APP_ROWS_2021 if t.layout == "2021" else APP_ROWS_2019
            keys = [k for k, _, _ in rows if k.startswith(part[:-1])]
            vals = [_val(t, k, "total", blank_as_zero=True) for k in keys]
            if not keys or any(v is None for v in vals):
                return None  # the group is not complete in the table
            total += sum(vals, Decimal(0))  # type: ignore[arg-type]
            continue
        v = _val(t, part, "total", blank_as_zero=False)
        if v is None:
            return None
        total += v
    return total


@rule(
    "GR631",
    name="narrative-table-mismatch",
    family="tables",
    severity="error",
    message="正文称{what}{reported},表格为{expected}",
    message_en="the text says {what_en} {reported}, but the table has {expected}",
    builtin=True,
)
def narrative_vs_table(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A number in the narrative that restates a table cell disagrees with it.

    What it does:
        Reads statements such as 收到申请X件, 办结Y件, 结转下年度Z件, 予以公开…件,
        行政复议N件, 行政诉讼N件 in the narrative and compares them with the
        applications and review tables.  收到 may mean 新收 or 新收 + 上年结转:
        the finding is raised only when neither reading matches, and the
        coverage records which reading was used.

    Why it matters:
        The narrative is what readers quote; a summary that disagrees with the
        report's own table misinforms them.

    Example:
        全年共收到政府信息公开申请80件 … 表格 本年新收 总计 70, 上年结转 0

    Consistent example:
        本年度全区共收到70件申请,及时依法依规办结69件,1件结转下年度继续办理

    Known exceptions:
        Reports whose narrative covers a different scope (a whole region)
        than the table (the organ itself).
    """
    text = report.text
    app = _app(report)
    review = report.table("review")
    review = review if review is not None and not review.ambiguous else None
    if app is None and review is None:
        return
    for n in report.claims.found:
        if not n.is_quantity or n.kind not in ("count", "number") or n.approx is not None:
            continue
        if n.unit not in (None, "件", "起", "宗", "个"):
            continue
        before = text[max(0, n.start - 24) : n.start]
        clause = re.split(r"[,，。;；:：]", before)[-1]
        if _RX3.search(clause) and "上年结转" not in clause:
            continue
        checks: list[tuple[str, str, list[tuple[str, Decimal]]]] = []
        if review is not None:
            if _RX4.search(clause) and not _RX5.search(clause):
                v = review.value("review", "total")
                if v is not None:
                    checks.append(("行政复议", "administrative reviews", [("行政复议总计", v)]))
            elif _RX6.search(clause):
                a, b = review.value("lit_direct", "total"), review.value("lit_after_review", "total")
                if a is not None and b is not None:
                    checks.append(("行政诉讼", "lawsuits", [("行政诉讼总计", a + b)]))
        if app is not None and not checks and not _NOT_RESTATEMENT_RE.search(clause):
            for what_en, what_zh, pat, readings in _NARRATIVE_PATTERNS:
                if pat.search(clause):
                    vals = [(r, _app_value(app, r)) for r in readings]
                    vals2 = [(r, v) for r, v in vals if v is not None]
                    if vals2:
                        checks.append((what_zh, what_en, vals2))
                    break
        for what_zh, what_en, vals in checks:
            if any(v == n.value for _, v in vals):
                ctx.ok()
                continue
            ctx.fail(
                [(n.start, n.end)],
                reported=n.text,
                expected=" 或 ".join(f"{_READING_LABELS.get(r, r)} {_n(v)}" for r, v in vals),
                what=what_zh,
                what_en=what_en,
            )


_APPLICATION_WORDS = re.compile(r"申请|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复")


@rule(
    "GR632",
    name="narrative-percent-vs-table",
    family="tables",
    severity="error",
    message="正文称{part}占{reported},按表格应为{expected}",
    message_en="the text gives {part} as {reported}; against the table it is {expected}",
    builtin=True,
)
def narrative_percent(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A percentage of applications in the narrative does not match the table.

    What it does:
        For a share about applications whose whole the sentence does not
        state ("予以公开42件,占51.85%"), checks the percentage against the
        table's denominators: 办理结果总计, 新收 + 上年结转 and 新收.  It is
        raised only when no denominator is consistent; the coverage records
        the one that was.

    Why it matters:
        Shares of outcomes are the figures most often quoted from these
        reports.

    Example:
        予以公开258件,占33.9% with 805 processed (32.0%) and 839 received (30.8%)

    Consistent example:
        予以公开42件,占51.85% with 81 processed

    Known exceptions:
        Shares of a sub-total the text defines itself are checked by GR201.
    """
    t = _app(report)
    if t is None:
        return
    from fractions import Fraction

    from ..arith import fmt_percent, in_interval

    dens = [(name, _app_value(t, reading)) for name, reading in (("办理结果总计", "processed_total"), ("新收+上年结转", "new+carry_in"), ("新收", "new"))]
    dens = [(n, v) for n, v in dens if v]
    if not dens:
        return
    text = report.text
    for sh in report.claims.of("share"):
        if sh.resolved or sh.part is None or sh.percent is None or sh.part.approx is not None:
            continue
        sent = text[sh.start - 40 if sh.start >= 40 else 0 : sh.end]
        if not _APPLICATION_WORDS.search(sent):
            continue
        iv = sh.percent.interval(ctx.rounding)
        ok = [n for n, v in dens if in_interval(Fraction(sh.part.value) * 100 / Fraction(v), iv)]
        if ok:
            ctx.ok()
            continue
        ctx.fail(
            [(sh.part.start, sh.part.end), (sh.percent.start, sh.percent.end)],
            reported=sh.percent.text,
            expected=" 或 ".join(f"{fmt_percent(Fraction(sh.part.value) * 100 / Fraction(v), sh.percent.decimals)}(÷{n} {_n(v)})" for n, v in dens),
            part=sh.part.text,
        )


_UPHELD_RE = re.compile(r"均(?:获|予|被)?维持|全部(?:获得?)?维持|零败诉|无败诉|未败诉|(?:均)?(?:未被|无被|没有被)(?:依法)?纠错|无(?:一例)?被纠错")
_CLOSED_RE = re.compile(r"均已审结|全部审结|均已结案|全部结案")


@rule(
    "GR633",
    name="qualitative-claim-vs-table",
    family="tables",
    severity="error",
    message="正文称“{reported}”,但复议诉讼情况表{expected}",
    message_en="the text says “{reported}”, but the review/litigation table shows {expected}",
    builtin=True,
)
def qualitative_vs_table(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A qualitative statement about reviews and lawsuits contradicts the table.

    What it does:
        均获维持 / 零败诉 / 无被纠错 with 结果纠正 > 0; 均已审结 with 尚未审结 > 0;
        未发生行政复议 (or 行政诉讼) with a non-zero total.

    Why it matters:
        These statements are read as the organ's record in court; saying all
        decisions were upheld while the table shows corrections misleads.

    Example:
        行政复议和行政诉讼案件均获维持 … 尚未审结 1

    Consistent example:
        均获维持, with 结果纠正 0 and 尚未审结 0 in every block

    Known exceptions:
        A statement limited to one block ("行政复议均获维持") is checked
        against that block only.
    """
    t = report.table("review")
    if t is None or t.ambiguous:
        return
    text = report.text

    def blocks_for(s: str) -> tuple[str, ...]:
        rv, lit = "复议" in s, "诉讼" in s
        if rv and not lit:
            return ("review",)
        if lit and not rv:
            return ("lit_direct", "lit_after_review")
        return REVIEW_BLOCKS

    def total(field: str, blocks: tuple[str, ...]) -> Decimal | None:
        vals = [t.value(b, field) for b in blocks]
        if any(v is None for v in vals):
            return None
        return sum(vals, Decimal(0))  # type: ignore[arg-type]

    for p in report.paragraphs:
        for m in _UPHELD_RE.finditer(p.text):
            sent = re.split(r"[。;；]", p.text[: m.start()])[-1] + m.group()
            bl = blocks_for(sent)
            corrected, pending = total("corrected", bl), total("pending", bl)
            if corrected is None:
                continue
            bad = corrected > 0 or (m.group().startswith("均") and "维持" in m.group() and pending is not None and pending > 0)
            if bad:
                what = f"结果纠正{_n(corrected)}" + (f"、尚未审结{_n(pending)}" if pending else "")
                ctx.fail([(p.start + m.start(), p.start + m.end())], reported=m.group(), expected=what)
            else:
                ctx.ok()
        for m in _CLOSED_RE.finditer(p.text):
            sent = re.split(r"[。;；]", p.text[: m.start()])[-1]
            pending = total("pending", blocks_for(sent + m.group()))
            if pending is None:
                continue
            if pending > 0:
                ctx.fail([(p.start + m.start(), p.start + m.end())], reported=m.group(), expected=f"尚未审结{_n(pending)}")
            else:
                ctx.ok()
    for z in report.claims.of("zero"):
        # "未发生…被行政复议纠错或行政诉讼败诉" denies corrections, not cases.
        field, word = ("corrected", "结果纠正") if _RX7.search(z.text) else ("total", "总计")
        for topic, bl in (("review", ("review",)), ("litigation", ("lit_direct", "lit_after_review"))):
            if topic not in z.topics:
                continue
            tot = total(field, bl)
            if tot is None:
                continue
            if tot > 0:
                ctx.fail([(z.start, z.end)], reported=z.text[:30], expected=f"{'行政复议' if topic == 'review' else '行政诉讼'}{word}{_n(tot)}")
            else:
                ctx.ok()
    del text


@rule(
    "GR634",
    name="fee-statement-vs-table",
    family="tables",
    severity="warning",
    message="正文称“{reported}”,但申请情况表“逾期未按收费通知要求缴纳费用”一行总计为{expected}",
    message_en="the text says “{reported}”, but the applications table counts {expected} applications dropped for unpaid fees",
    builtin=True,
)
def fee_statement(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The fee statement contradicts the table's fee row (2021 format).

    What it does:
        A statement that no fee was charged or no fee notice was issued
        ("未收取信息处理费") while the applications table counts applications
        closed because the applicant did not pay a fee (其他处理 2.).

    Why it matters:
        An application can only lapse for an unpaid fee after a fee notice was
        issued; the two statements cannot both be true.

    Example:
        本机关未发出收费通知 … 申请人逾期未按收费通知要求缴纳费用 总计 2

    Consistent example:
        未收取信息处理费, with 0 in the fee row

    Known exceptions:
        Notices issued last year for applications closed this year.
    """
    t = _app(report)
    if t is None:
        return
    v = t.value("other.fee_unpaid", "total")
    if v is None:
        return
    for z in report.claims.of("zero"):
        # "未收取信息处理费" is consistent with unpaid fees; only a statement
        # that no fee notice was issued contradicts the row.
        if "fees" not in z.topics or "通知" not in z.text:
            continue
        if v > 0:
            ctx.fail([(z.start, z.end)], reported=z.text[:30], expected=_n(v))
        else:
            ctx.ok()


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
        rows that could not be found.

    Why it matters:
        The 2021 format is mandatory from the 2021 reports on; an outdated or
        altered table cannot be compared with other organs' reports.

    Example:
        A 2023 report whose table has a single (六)其他处理 row (2019 layout)

    Consistent example:
        A 2023 report with 25 rows, (六)其他处理 split into three

    Known exceptions:
        Local formats that add subtotal rows (they are recognised and not
        counted).
    """
    tpl = report.template
    md = report.metadata
    if not md.is_report:
        return
    if tpl.deviates and tpl.name != "old" and tpl.expected != "old":
        span = md.title_span or (0, 0)
        ctx.fail(
            [span],
            reported=f"{md.year}年度报告使用了{tpl.name}年格式(应为{tpl.expected}年格式)",
            reported_en=f"a {md.year} report uses the {tpl.name} format (the {tpl.expected} format applies)",
        )
    t = report.table("applications")
    if t is None or t.ambiguous:
        return
    expected = tpl.expected or tpl.name
    if expected in ("2019", "2021") and t.layout != expected:
        first = next(iter(t.cells.values()))
        ctx.fail(
            [_ev(t, first)],
            reported=f"收到和处理申请情况表采用{t.layout}年格式的行(应为{expected}年格式)",
            reported_en=f"the applications table uses the {t.layout} layout (the {expected} format applies)",
        )
    rows = APP_ROWS_2021 if t.layout == "2021" else APP_ROWS_2019
    missing = [label for k, label, _ in rows if (k, "total") not in t.cells]
    if missing:
        ctx.fail(
            [(t.start, t.start)],
            severity="info",  # may also be damage from a PDF conversion
            reported=f"收到和处理申请情况表缺少{len(missing)}行:{'、'.join(missing[:5])}",
            reported_en=f"the applications table lacks {len(missing)} template rows: {', '.join(missing[:5])}",
        )
    else:
        ctx.ok()


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
        (一)收到申请数 47; 当面 21, 传真 2, 网络 19, 信函 3 (45)

    Consistent example:
        (二)申请办结数 47 = 按时办结 45 + 延期办结 2

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
            ctx.untestable("parent blank or too few parts")
            continue
        vals = [k.numeric if k.numeric is not None else (Decimal(0) if k.state in ("blank", "na") else None) for k in kids]
        if any(v is None for v in vals):
            ctx.untestable("a part is not a number")
            continue
        total = sum(vals, Decimal(0))  # type: ignore[arg-type]
        if total == parent.numeric:
            ctx.ok()
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
        主动公开政府信息数 9000 while the channels add up to 8587

    Consistent example:
        5862 between 5214 (the largest channel) and 8587 (their sum)

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
            ctx.untestable("blank cell")
            continue
        if idn.kind == "le":
            ok = parent.numeric <= vals[0]  # type: ignore[operator]
            detail = f"{parent.row_label} {parent.text} > {kids[0].row_label} {kids[0].text}"
        else:
            lo, hi = max(vals), sum(vals, Decimal(0))  # type: ignore[type-var,arg-type]
            ok = lo <= parent.numeric <= hi  # type: ignore[operator]
            detail = f"{parent.row_label} {parent.text}, channels {_n(lo)}–{_n(hi)}"  # type: ignore[arg-type]
        if ok:
            ctx.ok()
        else:
            ctx.fail([_old_ev(parent)] + [_old_ev(k) for k in kids], reported=parent.text, identity=f"{idn.code} {idn.name}", detail=detail)
