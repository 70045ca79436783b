"""A labelled excerpt of a standard table: the rows holding some cells, with
the printed row and column labels and those cells marked.

:func:`excerpt` gives plain data (JSON-ready), so that an audit record can
carry a finding's table evidence as a grid without the report, and every
renderer (HTML report, notebook view) draws the same grid from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import APP_COLUMN_LABELS, APP_ROWS_2019, APP_ROWS_2021, REVIEW_BLOCK_LABELS, REVIEW_FIELD_LABELS

__all__ = ["TABLE_NAMES", "excerpt", "column_label", "row_label"]

#: Standard table kinds as a reader knows them.
TABLE_NAMES = {
    "proactive": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review": "政府信息公开行政复议、行政诉讼情况",
    "old_stats": "政府信息公开情况统计表",
}

_ROW_LABELS = {k: label for k, label, _ in APP_ROWS_2019 + APP_ROWS_2021}


def column_label(cell: Any) -> str:
    """The column of ``cell`` as printed, else its standard label."""
    lab = cell.col_label or cell.col
    if lab == cell.col:
        from .text import PROACTIVE_COLUMN_LABELS

        lab = APP_COLUMN_LABELS.get(lab) or REVIEW_FIELD_LABELS.get(lab) or PROACTIVE_COLUMN_LABELS.get(lab) or lab
    return str(lab)


def row_label(cell: Any) -> str:
    """The row of ``cell`` as printed, else its standard label."""
    lab = cell.row_label or cell.row
    if lab == cell.row:
        lab = REVIEW_BLOCK_LABELS.get(lab) or _ROW_LABELS.get(lab) or lab
    return str(lab)


def excerpt(table: Any, hits: Sequence[Any], *, max_rows: int = 40) -> dict[str, Any]:
    """The rows of ``table`` holding the ``hits`` cells, as a grid:
    ``{"kind", "name", "source", "layout", "columns": [label…],
    "rows": [[row label, [[text, state, hit]…]]…], "more": rows left out}``.
    A cell the row does not have is None.  With more than six rows only the
    columns holding a hit are kept."""
    hit_keys = {(c.row, c.col) for c in hits}
    hit_rows = {r for r, _ in hit_keys}
    rows = [r for r in table.rows() if r in hit_rows]
    cols = _excerpt_columns(table, hit_keys, hit_rows, len(rows) > 6)
    return {
        "kind": table.kind,
        "name": TABLE_NAMES.get(table.kind, table.kind),
        "source": table.source,
        "layout": table.layout,
        "columns": [_column_head(table, rows, c) for c in cols],
        "rows": [_excerpt_row(table, r, cols, hit_keys) for r in rows[:max_rows]],
        "more": max(0, len(rows) - max_rows),
    }


def _excerpt_columns(table: Any, hit_keys: set[tuple[str, str]], hit_rows: set[str], hit_cols_only: bool) -> list[str]:
    """The columns shown, in table order: every column of the rows shown, or
    — ``hit_cols_only``, for a long excerpt — only those holding a hit."""
    cols: list[str] = []
    for r, c in table.cells:
        if r in hit_rows and c not in cols:
            cols.append(c)
    if hit_cols_only:
        hit_cols = {c for _, c in hit_keys}
        cols = [c for c in cols if c in hit_cols]
    return cols


def _column_head(table: Any, rows: Sequence[str], col: str) -> str:
    """The label of a column shown, from its first cell in the rows shown
    (its key when none of them has it)."""
    cell = next((table.cells[(r, col)] for r in rows if (r, col) in table.cells), None)
    return column_label(cell) if cell is not None else col


def _excerpt_row(table: Any, row: str, cols: Sequence[str], hit_keys: set[tuple[str, str]]) -> list[Any]:
    """One row of the grid: ``[row label, [[text, state, hit] or None…]]``,
    the label read from the row's first cell among the columns shown."""
    first = next((table.cells[(row, c)] for c in cols if (row, c) in table.cells), None)
    cells: list[Any] = []
    for c in cols:
        cell = table.cells.get((row, c))
        cells.append(None if cell is None else [cell.text, cell.state, (row, c) in hit_keys])
    return [row_label(first) if first is not None else row, cells]
