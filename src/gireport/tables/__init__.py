"""Stage — tables: the standard tables of the 2019 and 2021 formats, mapped to
canonical keys, from real tables (``grid``) or from text where a web page or
a conversion flattened them (``text``).

``extract_tables(document, outline) -> list[StandardTable]`` reads the
Document (its tables and text) and the Outline (template); ``Report.tables``
calls it lazily.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from .grid import tables_from_grids
from .oldstats import IDENTITIES, Identity, children_of, old_stats_from_grids, old_stats_from_text
from .model import (
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
    cell_state,
)
from .. import lazyre

__all__ = [
    "extract_tables",
    "IDENTITIES",
    "Identity",
    "children_of",
    "StandardTable",
    "TableCell",
    "cell_state",
    "APP_COLUMNS",
    "APP_COLUMN_LABELS",
    "APP_ROWS_2019",
    "APP_ROWS_2021",
    "APP_OUTCOME_ROWS_2019",
    "APP_OUTCOME_ROWS_2021",
    "REVIEW_BLOCKS",
    "REVIEW_FIELDS",
]


_TABLE_LABELS_RE = lazyre.compile_std(r"本年新收|结转下年度|第二十条|本年制发件数|本年新制作数量|结果维持|尚未审结|处理决定数量")


def extract_tables(doc: Document, outline: Any) -> list[StandardTable]:
    """Standard tables of a report: real tables first, then tables flattened
    into the narrative text for the kinds not found as real tables."""
    template = getattr(getattr(outline, "template", None), "name", "old")
    if template == "old":
        return _old_tables(doc)
    found = _grid_tables(doc, template)
    kinds = {t.kind for t in found if not t.ambiguous}
    if not _needs_text_reader(doc, kinds):
        return found
    try:
        from .text import tables_from_text
    except ImportError:  # pragma: no cover - the text reader is optional
        return found
    return _add_text_tables(found, kinds, tables_from_text(doc.text, _text_regions(doc, kinds), template))


def _old_tables(doc: Document) -> list[StandardTable]:
    """The 统计表 of an old-template report: from its real tables, else from
    crawler text printing one row a line (only when the text says 统计)."""
    old = old_stats_from_grids(doc)
    if old is None and "统计" in doc.text:
        old = old_stats_from_text(doc.text)  # crawler text: one row a line
    return [old] if old is not None else []


def _grid_tables(doc: Document, template: str) -> list[StandardTable]:
    """The standard tables read from the report's real tables; Table 4 takes
    the report's format as its layout (it is the same in both formats)."""
    found = tables_from_grids(doc)
    for t in found:
        if t.kind == "review" and template in ("2019", "2021"):
            t.layout = template  # Table 4 is the same in both formats: the report's
    return found


def _needs_text_reader(doc: Document, kinds: set[str]) -> bool:
    """Whether the text is worth reading for tables: some standard table was
    not read unambiguously from a grid, and a standard-table label occurs
    somewhere in the text."""
    if {"proactive", "applications", "review"} <= kinds:
        return False
    return _TABLE_LABELS_RE.search(doc.text) is not None  # no label anywhere: nothing to look for


def _text_regions(doc: Document, kinds: set[str]) -> list[tuple[int, int]]:
    """The spans of text the text reader reads: every block but the real
    tables; in plain text still lacking Table 3 or 4, every block (a
    "table" block there is only lines of text whose blank cells were
    dropped; the text reader places them by the identities)."""
    if doc.source.format == "txt" and not {"applications", "review"} <= kinds:
        return [(b.start, b.end) for b in doc.blocks]
    return [(b.start, b.end) for b in doc.blocks if b.kind != "table"]


def _add_text_tables(found: list[StandardTable], kinds: set[str], text_tables: list[StandardTable]) -> list[StandardTable]:
    """The grid tables with the text readings added: a usable text reading
    of a kind not read unambiguously from a grid replaces the ambiguous grid
    reading, or completes it when each holds rows the other lacks
    (_merge_disjoint); an ambiguous text reading is kept only for a kind no
    table found so far has.  ``kinds`` (the kinds read unambiguously) grows as readings
    are added."""
    for t in text_tables:
        if t.kind not in kinds and not t.ambiguous:
            grid = next((g for g in found if g.kind == t.kind), None)
            merged = _merge_disjoint(grid, t) if grid is not None else None
            found = [g for g in found if g.kind != t.kind] + [merged or t]
            kinds.add(t.kind)
        elif not any(g.kind == t.kind for g in found):
            found.append(t)
    return found


#: The rows of the proactive table every report prints (2021 format; the
#: 2019 format has them too, with other columns).
_PROACTIVE_ROWS = ("regulations", "normative_docs", "licensing", "penalty", "coercion", "admin_fee")


def _merge_disjoint(grid: StandardTable, text: StandardTable) -> StandardTable | None:
    """A grid reading left ambiguous only because rows were missing (a
    conversion printed part of the table as a real table and the rest as
    lines of text), completed by the text reading of the same table: when
    the two hold disjoint rows of the same layout and together hold every
    row of the form, the text reading with the grid's cells added.  None
    otherwise (the text reading then stands alone)."""
    if not grid.ambiguous or grid.alternatives or grid.row_sum_failures or grid.blank_totals or grid.layout != text.layout:
        return None
    g_rows, t_rows = set(grid.rows()), set(text.rows())
    if not g_rows or g_rows & t_rows:
        return None
    merged = StandardTable(
        text.kind,
        text.layout,
        text.source,
        cells={**text.cells, **grid.cells},
        notes=list(text.notes) + [f"rows {', '.join(r for r in grid.rows())} read from the table grid, the others from the text"],
        extra_rows=list(text.extra_rows) + [r for r in grid.extra_rows if r not in text.extra_rows],
        row_sum_failures=dict(text.row_sum_failures),
        blank_totals=dict(text.blank_totals),
        ambiguous_rows={k: n for k, n in text.ambiguous_rows.items() if k not in g_rows},
        ambiguous_spans={k: v for k, v in text.ambiguous_spans.items() if k not in g_rows},
        ambiguous_capped={k for k in text.ambiguous_capped if k not in g_rows},
        start=text.start,
        end=text.end,
        page=text.page,
    )
    if merged.kind == "proactive":
        whole = all(r in g_rows | t_rows for r in _PROACTIVE_ROWS)
    else:
        whole = merged.complete
    return merged if whole else None
