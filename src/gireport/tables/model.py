"""The standard tables of the 2019 and 2021 formats (and the old template's
statistics table) with canonical keys (spec §4, §5.6).

Every cell keeps what was printed: its text, its state — a number, an
explicit zero, a blank, or not-applicable ("/", "—", "无") — its value, and its
evidence (span and page).  Nothing is ever recomputed into a cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Any
from .. import lazyre

__all__ = [
    "TableCell",
    "StandardTable",
    "APP_COLUMNS",
    "APP_COLUMN_LABELS",
    "APP_ROWS_2019",
    "APP_ROWS_2021",
    "APP_OUTCOME_ROWS_2019",
    "APP_OUTCOME_ROWS_2021",
    "REVIEW_BLOCKS",
    "REVIEW_FIELDS",
    "cell_state",
]

#: Applicant columns of the applications table, in printed order.
APP_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
APP_COLUMN_LABELS = {
    "natural": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "nonprofit": "社会公益组织",
    "legal": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

# (key, label as printed — used for messages, and a pattern that recognises the
# row from its normalised label text, matched against the label's suffix).
_ROWS_COMMON_HEAD = [
    ("new", "一、本年新收政府信息公开申请数量", r"本年新收"),
    ("carry_in", "二、上年结转政府信息公开申请数量", r"上年结转"),
    ("granted", "(一)予以公开", r"予以公开$|^\(?一\)?予以公开"),
    ("partial", "(二)部分公开", r"部分公开"),
    ("denied.state_secret", "(三)不予公开 1.属于国家秘密", r"国家秘密"),
    ("denied.law_prohibited", "2.其他法律行政法规禁止公开", r"法律行政法规禁止公开|禁止公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”", r"三安全一稳定|危及"),
    ("denied.third_party", "4.保护第三方合法权益", r"第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息", r"内部事务"),
    ("denied.process_info", "6.属于四类过程性信息", r"过程性信息"),
    ("denied.enforcement_file", "7.属于行政执法案卷", r"执法案卷"),
    ("denied.admin_query", "8.属于行政查询事项", r"行政查询"),
    ("unable.not_held", "(四)无法提供 1.本机关不掌握相关政府信息", r"不掌握"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作", r"另行制作|没有现成信息"),
    ("unable.unclear", "3.补正后申请内容仍不明确", r"仍不明确|补正后"),
    ("not_processed.petition", "(五)不予处理 1.信访举报投诉类申请", r"信访举报投诉"),
    ("not_processed.repeat", "2.重复申请", r"重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物", r"公开出版物"),
    ("not_processed.mass_repeat", "4.无正当理由大量反复申请", r"大量反复"),
    ("not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息", r"确认或重新出具|重新出具"),
]
_ROWS_OTHER_2019 = [("other", "(六)其他处理", r"其他处理")]
_ROWS_OTHER_2021 = [
    ("other.no_correction", "(六)其他处理 1.申请人无正当理由逾期不补正", r"逾期不补正"),
    ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用", r"缴纳费用|收费通知"),
    ("other.other", "3.其他", r"^\(?3\)?[.、]?其他$|^3其他$"),
]
_ROWS_TAIL = [
    ("processed_total", "(七)总计", r"总计$"),
    ("carry_out", "四、结转下年度继续办理", r"结转下年度"),
]
APP_ROWS_2019 = _ROWS_COMMON_HEAD + _ROWS_OTHER_2019 + _ROWS_TAIL
APP_ROWS_2021 = _ROWS_COMMON_HEAD + _ROWS_OTHER_2021 + _ROWS_TAIL
APP_OUTCOME_ROWS_2019 = tuple(k for k, _, _ in APP_ROWS_2019 if k not in ("new", "carry_in", "processed_total", "carry_out"))
APP_OUTCOME_ROWS_2021 = tuple(k for k, _, _ in APP_ROWS_2021 if k not in ("new", "carry_in", "processed_total", "carry_out"))

#: Review / litigation table: three blocks of five fields (15 numbers).
REVIEW_BLOCKS = ("review", "lit_direct", "lit_after_review")
REVIEW_BLOCK_LABELS = {"review": "行政复议", "lit_direct": "行政诉讼·未经复议直接起诉", "lit_after_review": "行政诉讼·复议后起诉"}
REVIEW_FIELDS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_FIELD_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}

_NA = {"/", "-", "—", "——", "———", "--", "无", "不适用", "N/A", "n/a", "NA", "\\", "－", "---"}
_NUM_RE = lazyre.compile_std(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")


_UNIT_SUFFIX_RE = lazyre.compile_std(r"(?:万元|元|件|条|项|个)$")


@lru_cache(maxsize=8192)
def cell_state(text: str) -> tuple[str, Decimal | None]:
    """(state, value) of a printed cell: ``number``, ``zero``, ``blank``,
    ``na`` (not applicable) or ``text`` (anything else).  Spaces, full-width
    spaces, no-break spaces and a literal ``&nbsp;`` left by a conversion
    are blank."""
    t = text.replace("&nbsp;", "").replace("&#160;", "").strip().replace(" ", "")
    t = _UNIT_SUFFIX_RE.sub("", t)
    if not t:
        return "blank", None
    if t in _NA:
        return "na", None
    if _NUM_RE.match(t):
        try:
            v = Decimal(t.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - guarded by the regex
            return "text", None
        return ("zero" if v == 0 else "number"), v
    return "text", None


@dataclass
class TableCell:
    """One cell of a standard table as printed."""

    row: str  # canonical row key
    col: str  # canonical column key
    text: str  # printed text
    state: str  # number | zero | blank | na | text
    value: Decimal | None
    start: int = 0
    end: int = 0
    page: int | None = None
    row_label: str = ""
    col_label: str = ""

    @property
    def numeric(self) -> Decimal | None:
        """The value for arithmetic: numbers and zeros; None otherwise."""
        return self.value if self.state in ("number", "zero") else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "col": self.col,
            "text": self.text,
            "state": self.state,
            "value": str(self.value) if self.value is not None else None,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "row_label": self.row_label,
            "col_label": self.col_label,
        }


@dataclass
class StandardTable:
    """A standard table mapped to canonical keys.

    ``kind`` is ``proactive`` (主动公开), ``applications`` (收到和处理申请),
    ``review`` (行政复议/行政诉讼) or ``old_stats`` (2014–2018 统计表);
    ``layout`` the template its labels follow; ``source`` ``grid`` (a real
    table) or ``text`` (flattened into text).  ``ambiguous`` is set when the
    numbers could not be assigned to cells uniquely — then no rule checks it.
    ``extra_rows`` lists rows that are not in the template (subtotals …).
    ``alternatives`` holds, for an ambiguous table whose printed values fit
    its identities in a few ways (blank cells dropped when it was
    flattened), every such reading as a full cell map; rules may check a
    statement against all of them (true or false in every reading)."""

    kind: str
    layout: str
    source: str
    cells: dict[tuple[str, str], TableCell] = field(default_factory=dict)
    ambiguous: bool = False
    notes: list[str] = field(default_factory=list)
    extra_rows: list[str] = field(default_factory=list)
    alternatives: list[dict[tuple[str, str], TableCell]] = field(default_factory=list)
    #: Rows of a flattened table whose blank cells were dropped and whose
    #: last value (the 总计) is not the sum of the values before it: the
    #: parts cannot be placed, so only (total cell, sum of the others) is kept.
    row_sum_failures: dict[str, tuple[TableCell, Decimal]] = field(default_factory=dict)
    #: Such rows whose last value is smaller than another (so no total): the
    #: parts printed beside a blank 总计, as (last printed cell, sum of all).
    blank_totals: dict[str, tuple[TableCell, Decimal]] = field(default_factory=dict)
    #: Rows printed but left out because their values (a glued digit stream)
    #: split into the row's cells in several admissible ways: row key → the
    #: number of candidate splits (a lower bound for a key in
    #: ``ambiguous_capped``, whose search stopped at its cap).  Every rule
    #: that reads such a row records it as untestable, never as a pass.
    ambiguous_rows: dict[str, int] = field(default_factory=dict)
    #: Evidence of those rows: row key → (start, end, printed label), the
    #: span of the printed values.
    ambiguous_spans: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    ambiguous_capped: set[str] = field(default_factory=set)
    start: int = 0
    end: int = 0
    page: int | None = None

    def add_ambiguous_row(self, row: str, n: int, start: int, end: int, label: str = "", *, capped: bool = False) -> None:
        """Record a printed row left out because its values split ``n`` ways."""
        self.ambiguous_rows[row] = n
        self.ambiguous_spans[row] = (start, end, label)
        if capped:
            self.ambiguous_capped.add(row)
        else:
            self.ambiguous_capped.discard(row)

    def ambiguity_reason(self, row: str) -> str:
        """The untestable reason of an ambiguous row, with its number of
        candidate splits ("ambiguous glued digits: 10 candidate splits")."""
        n = self.ambiguous_rows.get(row)
        if n is None:
            return "ambiguous row"
        if row in self.ambiguous_capped:
            if n < 2:
                return "ambiguous glued digits: too many candidate splits to search"
            return f"ambiguous glued digits: {n}+ candidate splits"
        return f"ambiguous glued digits: {n} candidate splits"

    def get(self, row: str, col: str) -> TableCell | None:
        return self.cells.get((row, col))

    def value(self, row: str, col: str) -> Decimal | None:
        c = self.cells.get((row, col))
        return c.numeric if c is not None else None

    def rows(self) -> list[str]:
        seen: list[str] = []
        for r, _ in self.cells:
            if r not in seen:
                seen.append(r)
        return seen

    @property
    def complete(self) -> bool:
        """Every template row and column is mapped."""
        if self.kind == "applications":
            rows = APP_ROWS_2021 if self.layout == "2021" else APP_ROWS_2019
            return all((k, c) in self.cells for k, _, _ in rows for c in APP_COLUMNS)
        if self.kind == "review":
            return all((b, f) in self.cells for b in REVIEW_BLOCKS for f in REVIEW_FIELDS)
        return bool(self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "layout": self.layout,
            "source": self.source,
            "ambiguous": self.ambiguous,
            "complete": self.complete,
            "notes": list(self.notes),
            "extra_rows": list(self.extra_rows),
            "ambiguous_rows": dict(self.ambiguous_rows),
            "ambiguous_capped": sorted(self.ambiguous_capped),
            "cells": [c.to_dict() for c in self.cells.values()],
        }

    def __repr__(self) -> str:
        flag = " AMBIGUOUS" if self.ambiguous else ""
        return f"<StandardTable {self.kind} layout={self.layout} source={self.source} cells={len(self.cells)}{flag}>"
