"""The old template's statistics table (政府信息公开情况统计表, 2014–2018).

Two shapes occur: the national table of 国办发〔2014〕32号 (统计指标 | 单位 |
统计数, with 一、… (一)… 1.… 其中: rows) and provincial variants such as
Fujian's (指标名称 | 计量单位 | 2016年度 | 历年累计).  Each row becomes a
TableCell keyed by its normalised label; the value is the first value column
(the report year).  The identities O-1…O-8 of the spec (§5.6) are defined
here by label patterns: a parent row and the rows that break it down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Table
from .model import StandardTable, TableCell, cell_state
from .. import lazyre

__all__ = ["old_stats_from_grids", "IDENTITIES", "Identity", "children_of"]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


_MARK_RE = lazyre.compile_std(r"^(?:其中[:：]?)?(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[、.．])?")


def _key(label: str) -> str:
    """A row key: the label without its numbering and notes in brackets."""
    s = _MARK_RE.sub("", _norm(label), count=1)
    s = re.sub(r"\([^()]*\)$", "", s)
    return s


@dataclass(frozen=True)
class Identity:
    """``parent`` = the sum of ``children`` (strict), or the soft relation
    ``kind`` (le: left ≤ right; channels: max ≤ total ≤ sum)."""

    code: str
    name: str
    parent: str  # regex on the row key
    children: tuple[str, ...]  # regexes on the row keys that follow the parent
    skip: str = ""  # rows between children that belong to a nested breakdown
    kind: str = "sum"  # sum | channels | le


IDENTITIES = (
    Identity("O-1", "收到申请数 = 各申请方式之和", r"^收到申请数$|^受理依申请公开信息总数$",
             (r"当面", r"传真", r"网络申请|网上申请", r"信函", r"电子邮件", r"其他(?:方式|形式)申请")),
    Identity("O-2", "申请办结数 = 按时办结 + 延期办结", r"^申请办结数$", (r"按时办结", r"延期办结")),
    Identity("O-3", "申请答复数 = 各类答复之和", r"^申请答复数$|^对申请的答复总数$",
             (r"属于已主动公开", r"^同意公开答复", r"同意部分公开", r"不同意公开|^不予公开答复", r"其他类型答复",
              r"不属于本行政机关", r"申请信息不存在", r"告知作出更改", r"告知通过其他途径"),
             skip=r"^涉及|^危及|^不是《条例》|^法律法规规定的其他情形"),
    Identity("O-4", "不同意公开答复数 = 各项理由之和", r"^不同意公开答复数$",
             (r"涉及国家秘密", r"涉及商业秘密", r"涉及个人隐私", r"^危及", r"不是《条例》", r"法律法规规定的其他情形")),
    Identity("O-5", "行政复议数量 = 维持 + 纠错 + 其他", r"^行政复议数量$", (r"维持具体行政行为", r"被依法纠错", r"其他情形")),
    Identity("O-5", "行政诉讼数量 = 维持 + 纠错 + 其他", r"^行政诉讼数量$", (r"维持具体行政行为|驳回", r"被依法纠错", r"其他情形")),
    Identity("O-6", "从事政府信息公开工作人员数 = 专职 + 兼职", r"^从事政府信息公开工作人员数$", (r"专职人员", r"兼职人员")),
    Identity("O-7", "最大渠道数 ≤ 主动公开数 ≤ 各渠道之和", r"^主动公开政府信息数$|^主动公开文件数$",
             (r"政府公报公开", r"政府网站公开", r"政务微博", r"政务微信", r"其他方式公开"),
             # the standard table prints the 规范性文件 rows (其中: and 制发…总数)
             # and the (二)通过不同渠道和方式… heading between the total and
             # its channels
             skip=r"规范性文件|^通过不同渠道|^通过.*渠道.*(?:情况|如下)$", kind="channels"),
    Identity("O-7", "主动公开规范性文件数 ≤ 制发规范性文件总数", r"^主动公开规范性文件数$", (r"^制发规范性文件总数$",), kind="le"),
    Identity("O-8", "申请办结数 ≤ 收到申请数", r"^申请办结数$", (r"^收到申请数$",), kind="le"),
)


def children_of(t: StandardTable, idn: Identity) -> tuple[TableCell, list[TableCell]] | None:
    """The parent cell and its children in table order (None if absent)."""
    rows = [c for c in t.cells.values()]
    for i, c in enumerate(rows):
        if not re.search(idn.parent, c.row):
            continue
        if idn.kind == "le":
            other = next((d for d in rows if re.search(idn.children[0], d.row)), None)
            return (c, [other]) if other is not None else None
        kids: list[TableCell] = []
        for d in rows[i + 1 :]:
            if any(re.search(p, d.row) for p in idn.children):
                kids.append(d)
                continue
            if idn.skip and re.search(idn.skip, d.row):
                continue
            break
        return (c, kids) if kids else None
    return None


def _looks_like_stats(g: list[list[str]]) -> bool:
    """Rows of label | unit | number (a continuation page has no header)."""
    hits = 0
    for row in g:
        if len(row) >= 3 and row[0].strip() and re.fullmatch(r"条|件|次|篇|个|人|万元|元|人次|", _norm(row[1])) and cell_state(row[2])[0] in ("number", "zero", "blank"):
            hits += 1
    return hits >= max(2, len(g) // 2)


_OLD_ROWS_RE = lazyre.compile_std(r"收到申请数|受理依申请公开信息总数|申请办结数|主动公开政府信息数|主动公开文件数")
_NEW_TEMPLATE_RE = lazyre.compile_std(r"本年新收|本年制发件数")
_HEAD_LABELS = ("统计指标", "指标名称")


def old_stats_from_grids(doc: Document) -> StandardTable | None:
    """The old statistics table read from the document's grids: the first
    grid that opens it (:func:`_opens_old_stats`), then each following grid
    while it still looks like its rows (a table split across pages); every
    row a cell (:func:`_read_old_grid`).  None unless four rows or more are
    read."""
    st: StandardTable | None = None
    header = ""
    for t in doc.tables:
        g = t.grid()
        if st is None:
            if not _opens_old_stats(g):
                continue
            st = StandardTable("old_stats", "old", "grid", start=t.start, end=t.end, page=t.page)
        elif not _looks_like_stats(g):
            break  # the table ended
        header = _read_old_grid(st, doc, t, g, header)
        st.end = t.end
    return st if st is not None and len(st.cells) >= 4 else None


def _opens_old_stats(g: list[list[str]]) -> bool:
    """A grid that opens the old statistics table: it names one of its
    counts (收到申请数, 主动公开政府信息数…) and none of the column heads of
    the tables of the 2019 form (本年新收, 本年制发件数)."""
    flat = "".join(_norm(x) for row in g for x in row)
    return _OLD_ROWS_RE.search(flat) is not None and _NEW_TEMPLATE_RE.search(flat) is None


def _read_old_grid(st: StandardTable, doc: Document, t: Table, g: list[list[str]], header: str) -> str:
    """Read every row of one grid of the table into ``st``; a header row
    (统计指标 | 单位 | 统计数) gives the column label of the rows after it.
    Returns the column label in force after the grid."""
    for r in range(t.n_rows):
        row = g[r]
        label = _norm(row[0]) if row else ""
        if not label or label in _HEAD_LABELS:
            if label and len(row) > 2:
                header = _norm(row[2])
            continue
        value_col = _old_value_col(t, row)
        if value_col is not None:
            _add_old_cell(st, doc, t, r, value_col, label, header)
    return header


def _old_value_col(t: Table, row: list[str]) -> int | None:
    """The value column of a row: its first value-like cell after the label
    (a number, zero, a not-applicable mark), else the first blank one after
    the unit.  A value is looked for past a blank cell: a row indented
    deeper than the others (the reasons under 不同意公开答复数) may put its
    value one column further when the table is printed as aligned text."""
    blank = None
    for c in range(1, t.n_cols):
        state = cell_state(row[c])[0]
        if state in ("number", "zero", "na"):
            return c
        if c >= 2 and state == "blank" and blank is None:
            blank = c
    return blank


def _add_old_cell(st: StandardTable, doc: Document, t: Table, r: int, c: int, label: str, header: str) -> None:
    """The cell of row ``r`` read from grid column ``c``, keyed by the
    row's label (:func:`_key`); an indicator printed twice (被依法纠错数)
    gets a numbered key."""
    pc = t.cell_at(r, c)
    text = pc.text if pc is not None else ""
    state, value = cell_state(text)
    key = _key(label)
    if (key, "value") in st.cells:
        key = f"{key}#{len(st.cells)}"  # the same indicator twice (e.g. 被依法纠错数)
    start, end = (pc.start, pc.end) if pc is not None else (t.start, t.start)
    st.cells[(key, "value")] = TableCell(key, "value", text, state, value, start, end, doc.page_at(start), label, header)


_UNITS = r"(?P<unit>条|件|次|篇|个|人次|人|万元|元)"
_TEXT_ROW_RE = lazyre.compile_std(
    r"[ \t]*(?P<label>[^\n\t]*?[^\s\d])[ \t]*" + _UNITS + r"[ \t]*(?P<value>\d[\d,]*(?:\.\d+)?|/|\\|—{1,2}|-{1,3}|无)[ \t]*$"
    r"|[ \t]*(?P<label2>[^\n\t]*?[^\s\d])[ \t]+" + _UNITS.replace("unit", "unit2") + r"[ \t]*$"
)
_TEXT_START_RE = lazyre.compile_std(r"统计指标|收到申请数|受理依申请公开信息总数|主动公开政府信息数|主动公开文件数")


def old_stats_from_text(text: str, regions: list[tuple[int, int]] | None = None) -> StandardTable | None:
    """The old statistics table flattened into text, one row a line —
    "label unit value" (crawler text of the page, text copied out of a PDF):
    the same rows and keys as from a grid.  Lines without a unit (group
    headings such as 一、主动公开情况) are skipped; the table ends after a
    run of lines that are not rows."""
    m0 = _TEXT_START_RE.search(text)
    if m0 is None:
        return None
    st = StandardTable("old_stats", "old", "text", start=m0.start())
    header = "统计数"
    gap = 0
    pos = text.rfind("\n", 0, m0.start()) + 1
    for line_m in re.finditer(r"[^\n]*\n?", text[pos:]):
        line = line_m.group()
        if not line:
            break
        a = pos + line_m.start()
        mo = _TEXT_ROW_RE.match(text, a, a + len(line.rstrip("\n")))
        if mo is None or mo.end() != a + len(line.rstrip("\n")):
            gap += 1
            if gap > 3 and len(st.cells) >= 4:
                break
            if gap > 40:
                break
            continue
        gap = 0
        label = (mo.group("label") or mo.group("label2")).strip()
        key = _key(label)
        if not key:
            continue
        vs, ve = (mo.start("value"), mo.end("value")) if mo.group("value") else (mo.end("unit2"), mo.end("unit2"))
        vtext = text[vs:ve]
        state, value = cell_state(vtext)
        if (key, "value") in st.cells:
            key = f"{key}#{len(st.cells)}"
        st.cells[(key, "value")] = TableCell(key, "value", vtext, state, value, vs, ve, None, label, header)
        st.end = ve
    return st if len(st.cells) >= 4 else None
