"""Standard tables from real tables (HTML, DOCX, PDF, Markdown grids).

Rows are recognised by their labels after normalisation (spaces removed, 1. /
1． / 1、 alike), not by position; value columns by their header labels
(自然人 … 总计), falling back to the last seven cells of a row.  A table split
across pages continues into the next grid.  Nothing is recomputed: each
TableCell holds the printed cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..document import Document, Table
from .model import (
    APP_COLUMNS,
    APP_ROWS_2019,
    APP_ROWS_2021,
    REVIEW_BLOCKS,
    REVIEW_FIELDS,
    StandardTable,
    TableCell,
    cell_state,
)
from .. import lazyre

__all__ = ["tables_from_grids", "PROACTIVE_ROWS", "PROACTIVE_COLUMNS"]

_APP_ROW_PATTERNS = [(k, label, lazyre.compile_std(p)) for k, label, p in APP_ROWS_2021 + [r for r in APP_ROWS_2019 if r[0] == "other"]]
_APP_COL_PATTERNS = [
    ("natural", lazyre.compile_std(r"^自然人$")),
    ("business", lazyre.compile_std(r"^商业企业$")),
    ("research", lazyre.compile_std(r"^科研机构$")),
    ("nonprofit", lazyre.compile_std(r"^社会公益组织$")),
    ("legal", lazyre.compile_std(r"^法律服务机构$")),
    ("other_org", lazyre.compile_std(r"^其他$")),
    ("total", lazyre.compile_std(r"^总计$")),
]
_GROUP_LABEL_RE = lazyre.compile_std(r"^\(?[三四五六]\)?(?:不予公开|无法提供|不予处理|其他处理)$|小计$")

#: Proactive table rows and their label patterns.
PROACTIVE_ROWS = [
    ("regulations", lazyre.compile_std(r"^规章$")),
    ("normative_docs", lazyre.compile_std(r"^(?:行政)?规范性文件$")),
    ("licensing", lazyre.compile_std(r"^行政许可$")),
    ("other_services", lazyre.compile_std(r"^其他对外管理服务事项$")),
    ("penalty", lazyre.compile_std(r"^行政处罚$")),
    ("coercion", lazyre.compile_std(r"^行政强制$")),
    ("admin_fee", lazyre.compile_std(r"^行政事业性收费$")),
    ("procurement", lazyre.compile_std(r"^政府集中采购$")),
]
#: Proactive table header labels → column keys.
PROACTIVE_COLUMNS = [
    ("made", lazyre.compile_std(r"本年制发件数")),
    ("repealed", lazyre.compile_std(r"本年废止件数")),
    ("valid", lazyre.compile_std(r"现行有效件数")),
    ("new_made", lazyre.compile_std(r"本年新制作数量")),
    ("new_published", lazyre.compile_std(r"本年新公开数量")),
    ("total_published", lazyre.compile_std(r"对外公开总数量")),
    ("prev_items", lazyre.compile_std(r"上一年项目数量")),
    ("delta", lazyre.compile_std(r"本年增/?减")),
    ("amount_wan", lazyre.compile_std(r"本年收费金额")),
    ("decisions", lazyre.compile_std(r"处理决定数量")),
    ("projects", lazyre.compile_std(r"采购项目数量")),
    ("amount", lazyre.compile_std(r"采购总金额")),
]


_WS_RE = lazyre.compile_std(r"\s+")
_NUMBERED_RE = lazyre.compile_std(r"^\d[、．.]")


@lru_cache(maxsize=8192)
def _norm(s: str) -> str:
    s = _WS_RE.sub("", s)
    return s.replace("．", ".").replace("、", ".") if _NUMBERED_RE.match(s) else s


def _row_cells(t: Table, r: int) -> list[tuple[int, str]]:
    """(grid column, printed text) for every grid position of row r."""
    g = t.grid()
    return [(c, g[r][c]) for c in range(t.n_cols)]


def _is_valueish(text: str) -> bool:
    return cell_state(text)[0] in ("number", "zero", "blank", "na")


def _cell(t: Table, doc: Document, r: int, c: int | None, row: str, col: str, row_label: str, col_label: str) -> TableCell:
    if c is None:  # a blank cell the text dropped: placed at the row's end
        last = max((pc.end for pc in t.cells if pc.row == r), default=t.start)
        return TableCell(row, col, "", "blank", None, last, last, doc.page_at(last), row_label, col_label)
    pc = t.cell_at(r, c)
    text = pc.text if pc is not None else ""
    state, value = cell_state(text)
    start, end = (pc.start, pc.end) if pc is not None else (t.start, t.start)
    return TableCell(row, col, text, state, value, start, end, doc.page_at(start) if pc is not None else t.page, row_label, col_label)


def _label_pieces(g: list[list[str]], r: int, upto: int) -> list[str]:
    out: list[str] = []
    for c in range(upto):
        s = _norm(g[r][c])
        if s and (not out or out[-1] != s) and not _is_valueish(s):
            out.append(s)
    return out


_GROUPS = {
    "不予公开": [k for k, _, _ in APP_ROWS_2021 if k.startswith("denied.")],
    "无法提供": [k for k, _, _ in APP_ROWS_2021 if k.startswith("unable.")],
    "不予处理": [k for k, _, _ in APP_ROWS_2021 if k.startswith("not_processed.")],
    "其他处理": [k for k, _, _ in APP_ROWS_2021 if k.startswith("other.")],
}
_SUBNUM_RE = lazyre.compile_std(r"^\(?(\d)\)?[.、]?")


def _match_by_number(pieces: list[str]) -> tuple[str, str] | None:
    """A sub-row whose label text is damaged ("2.其他法律行政止公开" in a PDF)
    is still placed by its group and sub-item number."""
    m = _SUBNUM_RE.match(pieces[-1])
    if not m:
        return None
    for p in pieces[:-1]:
        for word, keys in _GROUPS.items():
            if word in p:
                n = int(m.group(1))
                if 1 <= n <= len(keys):
                    return keys[n - 1], pieces[-1]
    return None


_CORES = [(k, re.sub(r"^(?:[一二三四五六七]、|\([一二三四五六七]\)|\d[.、])", "", label.split(" ")[-1])) for k, label, _ in APP_ROWS_2021 + APP_ROWS_2019]


def _wrapped_pieces(t: Table, g: list[list[str]], r: int) -> list[str]:
    """The label of a value row printed without one, wrapped around it on the
    rows above and below (text copied out of a PDF: "2.其他法律行政法规禁止公"
    / "27 0 0 0 0 0 27" / "开"): the text of a label-only row above, joined
    with a short label-only row below."""
    def label_only(i: int) -> str:
        if not 0 <= i < t.n_rows or _printed_values(t, i):
            return ""
        return "".join(_norm(x) for x in dict.fromkeys(g[i]) if x.strip())

    head = label_only(r - 1)
    if not head:
        return []
    tail = label_only(r + 1)
    return [head + tail] if len(tail) <= 4 else [head]


def _match_by_prefix(pieces: list[str]) -> tuple[str, str] | None:
    """A label wrapped out of its row (a PDF text layer: "2.其他法律行政法规
    禁止公" here, "开" on the next line) is placed when it is the head of
    exactly one template label, five characters or more."""
    piece = re.sub(r"^(?:[一二三四五六七]、|\([一二三四五六七]\)|\d[.、])", "", pieces[-1])
    if len(piece) < 5:
        return None
    hits = {k for k, core in _CORES if core.startswith(piece) and core != piece}
    if len(hits) == 1:
        return hits.pop(), pieces[-1]
    return None


def _match_app_row(pieces: list[str]) -> tuple[str, str] | None:
    """The canonical key of an applications-table row from its label pieces
    (the most specific piece — the last — first)."""
    for piece in reversed(pieces):
        for key, label, pat in _APP_ROW_PATTERNS:
            if pat.search(piece):
                if key == "other.other" and not re.match(r"^\(?3\)?[.、]?其他$", piece):
                    continue
                if key == "processed_total" and not re.search(r"七|^总计$", piece):
                    continue
                return key, piece
    return None


def _header_columns(t: Table, g: list[list[str]]) -> dict[str, int] | None:
    """Grid columns of the seven applicant columns, read from the header rows
    (labels may sit on different rows: 自然人 and 总计 span two)."""
    found: dict[str, int] = {}
    for r in range(min(t.n_rows, 6)):
        for c in range(t.n_cols):
            s = _norm(g[r][c])
            for key, pat in _APP_COL_PATTERNS:
                if pat.match(s):
                    pc = t.cell_at(r, c)
                    col = pc.col if pc is not None else c
                    if key == "total":
                        found[key] = max(found.get(key, col), col)
                    elif key not in found:
                        found[key] = col
        if len(found) == 7:
            break
    order = [found.get(k, -1) for k in APP_COLUMNS]
    # The header must give seven distinct columns in the printed order; a
    # flattened text table whose header cells no longer line up with the
    # values falls back to the last seven values of each row.
    if len(found) == 7 and all(a < b for a, b in zip(order, order[1:])):
        return found
    return None


def _printed_values(t: Table, r: int) -> list[int]:
    """Grid columns of the printed value cells of row r (merged cells once)."""
    by_row: dict[int, list[int]] | None = t.__dict__.get("_values_by_row")
    if by_row is None:
        by_row = {}
        for c in t.cells:
            if c.text.strip() and _is_valueish(c.text):
                by_row.setdefault(c.row, []).append(c.col)
        for v in by_row.values():
            v.sort()
        t.__dict__["_values_by_row"] = by_row
    return by_row.get(r, [])


def _place_dropped_blanks(texts: list[str]) -> tuple[bool, ...] | None:
    """Where the blank cells of a row printed without them sit (text with
    its blanks dropped): the placements of the printed values among the seven
    columns for which the row identity holds (总计 = the six parts), or —
    when the six parts are all printed — a blank 总计.  None unless every
    admissible placement gives the same cells."""
    from itertools import combinations

    k = len(texts)
    if not 1 <= k < 7 or not all(cell_state(x)[0] in ("number", "zero", "na") for x in texts):
        return None
    vals = [cell_state(x)[1] or 0 for x in texts]
    readings: dict[tuple[object, ...], tuple[bool, ...]] = {}
    for pos in combinations(range(7), k):
        row: list[object] = [None] * 7
        for p_, v in zip(pos, vals):
            row[p_] = v
        if 6 not in pos:
            if k != 6:
                continue
        elif sum(v for v in row[:6] if v is not None) != row[6]:  # type: ignore[misc]
            continue
        key = tuple(v if v else 0 for v in row[:6]) + (row[6],)
        readings.setdefault(key, tuple(i in pos for i in range(7)))
    return next(iter(readings.values())) if len(readings) == 1 else None


_ValueCols = dict[str, "int | None"]


def _signature(doc: Document, t: Table, g: list[list[str]]) -> tuple[tuple[int, ...] | None, bool]:
    """Value columns of a grid without a header (a continuation page): those
    most rows use, a row with a blank cell still using them; else — columns
    blank in every row — the last seven grid columns when most rows hold
    only value-like cells there (``positional``)."""
    sigs: dict[tuple[int, ...], int] = {}
    for r in range(t.n_rows):
        vals = _printed_values(t, r)
        if len(vals) >= 7:
            sigs[tuple(vals[-7:])] = sigs.get(tuple(vals[-7:]), 0) + 1
    if sigs:
        return max(sigs, key=lambda k: sigs[k]), False
    if doc.source.format == "txt" or t.n_cols < 8:
        return None, False
    last7 = tuple(range(t.n_cols - 7, t.n_cols))
    fits = sum(1 for r in range(t.n_rows) if _printed_values(t, r) and all(_is_valueish(g[r][c]) for c in last7))
    return (last7, True) if fits >= max(2, t.n_rows // 2) else (None, False)


def _row_value_cols(doc: Document, t: Table, g: list[list[str]], r: int, signature: tuple[int, ...] | None, positional: bool) -> _ValueCols | None:
    """The grid column of each applicant column in row r of a grid without
    a header (None for a blank cell the plain text dropped)."""
    vals = _printed_values(t, r)
    if len(vals) >= 7:
        return dict(zip(APP_COLUMNS, vals[-7:]))
    if signature is None:
        return None
    if not vals:
        # a row of the form with every value cell blank (zeros left empty):
        # its values are blank in the columns the other rows use
        g = t.grid()
        if not all(not g[r][c].strip() for c in range(signature[0])) and all(_is_valueish(g[r][c]) for c in signature):
            return dict(zip(APP_COLUMNS, signature))
        return None
    txt = doc.source.format == "txt"
    if len(vals) >= (1 if positional else 4) and set(vals) <= set(signature) and (not txt or list(vals) == list(signature[: len(vals)])):
        # (in plain text only when the values start where the other rows'
        # do: the cells missing are the trailing ones)
        return dict(zip(APP_COLUMNS, signature))
    if txt:  # plain text: cells are not positioned, a blank one is simply missing
        placed = _place_dropped_blanks([g[r][c] for c in vals])
        if placed is None:
            return None
        it = iter(vals)
        return {k: (next(it) if filled else None) for k, filled in zip(APP_COLUMNS, placed)}
    return None


@dataclass(frozen=True)
class _BareRow:
    """A row of values whose label the source detached (a PDF converted to
    Markdown prints the labels as loose lines and the values as rows)."""

    t: Table
    r: int
    value_cols: _ValueCols
    #: what is left of a label no template row matches ("" for none)
    label: str = ""


def _add_app_row(st: StandardTable, doc: Document, t: Table, g: list[list[str]], r: int, value_cols: _ValueCols) -> str | _BareRow | None:
    """Map grid row r to its template row (or note why it is not).  Returns
    the template key it was mapped to, a :class:`_BareRow` for values
    without any label, or None.

    The steps: the row's seven values (:func:`_app_values`; fewer than six
    value-like ones is a header or label row), its label pieces
    (:func:`_app_label_pieces`), the template row they name
    (:func:`_template_row_of`; else :func:`_unmatched_app_row`), then its
    cells (:func:`_put_app_row`)."""
    values = _app_values(g, r, value_cols)
    if sum(1 for v in values if _is_valueish(v)) < 6:
        return None  # a header or label row
    pieces = _app_label_pieces(t, g, r, value_cols)
    if not pieces:
        return _BareRow(t, r, value_cols)
    if not any(v.strip() for v in values) and not _blank_form_row(t, g, r, pieces):
        return None  # a label with nothing printed beside it that is no row of the form
    m = _template_row_of(pieces)
    if m is None:
        return _unmatched_app_row(st, t, r, value_cols, pieces)
    return _put_app_row(st, doc, t, r, value_cols, *m)


def _app_values(g: list[list[str]], r: int, value_cols: _ValueCols) -> list[str]:
    """The printed text of row r in the seven applicant columns, in their
    order ("" for a blank cell the plain text dropped)."""
    return [g[r][c] if c is not None else "" for c in (value_cols[k] for k in APP_COLUMNS)]


def _app_label_pieces(t: Table, g: list[list[str]], r: int, value_cols: _ValueCols) -> list[str]:
    """The label of row r: the pieces printed before its first value
    column, else the label wrapped around the row (:func:`_wrapped_pieces`)."""
    first_val = min(v for v in value_cols.values() if v is not None)
    return _label_pieces(g, r, first_val) or _wrapped_pieces(t, g, r)


def _template_row_of(pieces: list[str]) -> tuple[str, str] | None:
    """The template row a label names, with the piece naming it: by its
    words (:func:`_match_app_row`), else by its group and sub-item number
    (:func:`_match_by_number`), else as the head of one template label
    (:func:`_match_by_prefix`)."""
    return _match_app_row(pieces) or _match_by_number(pieces) or _match_by_prefix(pieces)


def _unmatched_app_row(st: StandardTable, t: Table, r: int, value_cols: _ValueCols, pieces: list[str]) -> _BareRow | None:
    """A labelled row no template row matches: a subtotal (小计, a group
    heading) is noted and not counted (None); any other becomes a
    :class:`_BareRow` carrying its label, placed by order or noted as
    unrecognised."""
    label = "/".join(pieces)
    if any(_GROUP_LABEL_RE.search(p) for p in pieces[-1:]):
        st.extra_rows.append(label)
        st.notes.append(f"non-template row {label!r} (a subtotal) is not counted")
        return None
    return _BareRow(t, r, value_cols, label)


def _put_app_row(st: StandardTable, doc: Document, t: Table, r: int, value_cols: _ValueCols, key: str, piece: str) -> str | None:
    """The cells of row r as template row ``key`` (printed as ``piece``);
    a row already read is noted and kept as first read (None)."""
    if (key, "total") in st.cells:
        st.notes.append(f"row {piece!r} appears twice; the first is kept")
        return None
    for col in APP_COLUMNS:
        st.cells[(key, col)] = _cell(t, doc, r, value_cols[col], key, col, piece, col)
    st.end = t.end
    return key


def _blank_form_row(t: Table, g: list[list[str]], r: int, pieces: list[str]) -> bool:
    """A row with every value cell empty is a row of the form (its zeros
    left blank) when its label is a whole template label and the next row
    is not a row of values without a label (the label wrapped above them)."""
    if not pieces or _match_app_row(pieces) is None:
        return False
    if r + 1 < t.n_rows and _printed_values(t, r + 1):
        nxt = [x for x in g[r + 1] if x.strip() and not _is_valueish(x)]
        if not nxt:
            return False
    return True


def _template_rows(st: StandardTable) -> list[tuple[str, str, str]]:
    keys = {k for k, _ in st.cells}
    return APP_ROWS_2019 if "other" in keys and not any(k.startswith("other.") for k in keys) else APP_ROWS_2021


def _fill_bare_rows(st: StandardTable, doc: Document, seq: list[str | _BareRow]) -> None:
    """Place value rows whose labels were detached, by their order.

    ``seq`` holds the mapped rows (their keys) and the bare value rows in
    document order.  A run of bare rows between two mapped rows fills the
    template rows missing between them when there are exactly as many; the
    mapped rows must follow the template's order.  The placement is kept
    only when the completed table's identities (row sums, the outcome
    columns adding up to 总计, 新收 + 上年结转 = 总计 + 结转下年度) all hold
    wherever they can be checked: otherwise nothing is placed and the rows
    stay missing."""
    placed = _place_bare_rows(st, doc, seq)
    for e in seq:
        if isinstance(e, _BareRow) and e.label and e not in placed:
            st.notes.append(f"unrecognised row {e.label!r}")


def _place_bare_rows(st: StandardTable, doc: Document, seq: list[str | _BareRow]) -> list[_BareRow]:
    """The placement :func:`_fill_bare_rows` describes; returns the rows placed.

    The steps: the template rows each run of bare rows fills
    (:func:`_bare_row_fills`), the table completed with them
    (:func:`_with_fills`), then the identities decide whether it is kept."""
    if not any(isinstance(e, _BareRow) for e in seq):
        return []
    rows = _template_rows(st)
    fills = _bare_row_fills(st, rows, seq)
    if not fills:
        return []
    cells = _with_fills(st, doc, rows, fills)
    if not _identities_hold(cells, rows):
        st.notes.append(f"{len(fills)} value rows without labels were not placed: placed by their order, the table's identities would not hold")
        return []
    st.cells = cells
    st.notes.append(
        f"rows {', '.join(k for k, _ in fills)} read by their order between labelled rows "
        "(the source detached or damaged their labels); the table's identities hold"
    )
    return [b for _, b in fills]


def _bare_row_fills(st: StandardTable, rows: list[tuple[str, str, str]], seq: list[str | _BareRow]) -> list[tuple[str, _BareRow]]:
    """(template key, bare row) for each run of bare rows between two mapped
    rows that has exactly as many rows as the template rows missing between
    them (:func:`_missing_between`).  Nothing when the mapped rows do not
    follow the template's order: their positions then mean nothing."""
    order = {k: i for i, (k, _, _) in enumerate(rows)}
    fills: list[tuple[str, _BareRow]] = []
    prev: str | None = None
    pending: list[_BareRow] = []
    for e in seq:
        if isinstance(e, _BareRow):
            pending.append(e)
            continue
        if e not in order or (prev is not None and order[e] <= order[prev]):
            return []  # rows out of the template's order: positions mean nothing
        if pending and prev is not None:
            missing = _missing_between(st, rows, order[prev], order[e])
            if len(missing) == len(pending):
                fills.extend(zip(missing, pending))
        pending = []
        prev = e
    return fills


def _missing_between(st: StandardTable, rows: list[tuple[str, str, str]], lo: int, hi: int) -> list[str]:
    """The template rows strictly between positions ``lo`` and ``hi`` that
    the table has not read."""
    return [k for k, _, _ in rows[lo + 1 : hi] if (k, "total") not in st.cells]


def _with_fills(st: StandardTable, doc: Document, rows: list[tuple[str, str, str]], fills: list[tuple[str, _BareRow]]) -> dict[tuple[str, str], TableCell]:
    """The table's cells with each bare row read as the template row it
    fills, labelled with that row's template label (``st`` is unchanged)."""
    labels = {k: label for k, label, _ in rows}
    cells = dict(st.cells)
    for key, b in fills:
        for col in APP_COLUMNS:
            cells[(key, col)] = _cell(b.t, doc, b.r, b.value_cols[col], key, col, labels[key], col)
    return cells


def _identities_hold(cells: dict[tuple[str, str], TableCell], rows: list[tuple[str, str, str]]) -> bool:
    """Whether the applications table's identities hold wherever all their
    cells are printed numbers; False when none could be checked."""
    def v(row: str, col: str) -> Decimal | None:
        c = cells.get((row, col))
        return c.value if c is not None and c.state in ("number", "zero") else None

    outcomes = [k for k, _, _ in rows if k not in ("new", "carry_in", "processed_total", "carry_out")]
    checked = 0
    for k, _, _ in rows:
        vals = [v(k, c) for c in APP_COLUMNS]
        if all(x is not None for x in vals):
            checked += 1
            if sum(vals[:6], Decimal(0)) != vals[6]:  # type: ignore[arg-type]
                return False
    for col in APP_COLUMNS:
        parts = [v(k, col) for k in outcomes]
        total = v("processed_total", col)
        if total is not None and all(x is not None for x in parts):
            checked += 1
            if sum(parts, Decimal(0)) != total:  # type: ignore[arg-type]
                return False
        flow = [v(k, col) for k in ("new", "carry_in", "processed_total", "carry_out")]
        if all(x is not None for x in flow):
            checked += 1
            if flow[0] + flow[1] != flow[2] + flow[3]:  # type: ignore[operator]
                return False
    return checked > 0


def _finish_applications(st: StandardTable) -> StandardTable:
    """The layout from the rows found; a table missing several template rows
    is damaged and flagged ambiguous (no identity is checked on it)."""
    keys = {k for k, _ in st.cells}
    if any(k.startswith("other.") for k in keys):
        st.layout = "2021"
    elif "other" in keys:
        st.layout = "2019"
    rows = APP_ROWS_2021 if st.layout == "2021" else APP_ROWS_2019
    missing = [k for k, _, _ in rows if (k, "total") not in st.cells]
    if len(missing) >= 2:
        st.ambiguous = True
        st.notes.append(f"{len(missing)} template rows not found ({', '.join(missing[:4])}…): identities not checked")
    return st


def _applications(doc: Document, grids: Sequence[tuple[int, Table]]) -> StandardTable | None:
    st: StandardTable | None = None
    seq: list[str | _BareRow] = []
    for _, t in grids:
        g = t.grid()
        cols: _ValueCols | None = _header_columns(t, g)  # type: ignore[assignment]
        signature, positional = _signature(doc, t, g) if cols is None else (None, False)
        for r in range(t.n_rows):
            value_cols = cols if cols is not None else _row_value_cols(doc, t, g, r, signature, positional)
            if value_cols is None:
                continue
            if st is None:
                st = StandardTable("applications", "2021", "grid", start=t.start, page=t.page)
            got = _add_app_row(st, doc, t, g, r, value_cols)
            if got is not None:
                seq.append(got)
    if st is None or not st.cells and not st.notes:
        return None
    _fill_bare_rows(st, doc, seq)
    return _finish_applications(st)


_REVIEW_FIELD_RE = {
    "upheld": lazyre.compile_std(r"^(?:结果)?维持$"),
    "corrected": lazyre.compile_std(r"^(?:结果)?纠正$"),
    "other": lazyre.compile_std(r"^其他结果$"),
    "pending": lazyre.compile_std(r"^尚未审结$"),
    "total": lazyre.compile_std(r"^总计$|^合计$"),
}
#: Block labels, the most specific first ("复议后起诉" contains "复议").
_REVIEW_BLOCK_RE = [
    ("lit_direct", lazyre.compile_std(r"未经复议直接起诉")),
    ("lit_after_review", lazyre.compile_std(r"复议后起诉")),
    ("review", lazyre.compile_std(r"行政复议")),
]


def _review_field_columns(t: Table, g: list[list[str]]) -> tuple[list[int], int]:
    """Grid columns of the Table 4 fields in printed order, read from the
    header rows (labels may sit on different rows), and the last header row."""
    cols: list[tuple[int, str]] = []
    last = -1
    for c in range(t.n_cols):
        for r in range(min(t.n_rows, 5)):
            pc = t.cell_at(r, c)
            if pc is not None and (pc.row != r or pc.col != c):
                continue
            s = _norm(g[r][c])
            f = next((k for k, pat in _REVIEW_FIELD_RE.items() if pat.match(s)), None)
            if f is not None:
                cols.append((c, f))
                last = max(last, r)
                break
    fields = [f for _, f in cols]
    n = len(fields)
    if n in (5, 15) and fields == list(REVIEW_FIELDS) * (n // 5):
        return [c for c, _ in cols], last
    return [], -1


def _review_block_of(doc: Document, t: Table, g: list[list[str]]) -> str | None:
    """The block a one-block Table 4 grid belongs to: its own label, else the
    label closest before it in the text."""
    flat = "".join(_norm(x) for row in g for x in row)
    for key, pat in _REVIEW_BLOCK_RE:
        if pat.search(flat):
            return key
    before = doc.text[max(0, t.start - 120) : t.start]
    best, pos = None, -1
    for key, pat in _REVIEW_BLOCK_RE:
        for m in pat.finditer(before):
            if m.start() > pos and not (key == "review" and before[m.start():].startswith("行政复议后")):
                best, pos = key, m.start()
    return best


def _review_data_row(t: Table, g: list[list[str]], cols: list[int], last: int) -> int | None:
    """The data row under the labelled header: of the rows below it whose
    field cells are all value-like (blank, "/" and "—" included: they mean
    none), the lowest with a printed value (an empty spacer row after it is
    no data row); in an unfilled table, the lowest such row.  None when no
    row below the header qualifies."""
    rows = [r for r in range(t.n_rows - 1, last, -1) if all(_is_valueish(g[r][c]) for c in cols)]
    printed = [r for r in rows if any(g[r][c].strip() for c in cols)]
    return (printed or rows or [None])[0]


def _review_grid_blocks(doc: Document, t: Table, g: list[list[str]], cols: list[int]) -> Sequence[str]:
    """The blocks the labelled field columns hold: all three for fifteen
    columns; for five (a table printed one block at a time), the block its
    own or the nearest preceding label names ("?" when none does)."""
    if len(cols) == 15:
        return REVIEW_BLOCKS
    b = _review_block_of(doc, t, g)
    return (b,) if b is not None else ("?",)


def _review_table(doc: Document, t: Table, r: int, blocks: Sequence[str], cols: list[int]) -> StandardTable:
    """The Table 4 reading of grid row ``r``: the given columns mapped, in
    order, to the fields of each block."""
    st = StandardTable("review", "2021", "grid", start=t.start, end=t.end, page=t.page)
    keys = [(b, f) for b in blocks for f in REVIEW_FIELDS]
    for (b, f), c in zip(keys, cols):
        st.cells[(b, f)] = _cell(t, doc, r, c, b, f, b, f)
    return st


def _review_value_cols(t: Table, g: list[list[str]], r: int) -> list[int]:
    """The grid columns of row ``r`` holding a printed value-like cell, read
    from the grid text (``g``); a merged cell is read once, at its top-left
    position."""
    vals: list[int] = []
    for c in range(t.n_cols):
        pc = t.cell_at(r, c)
        if pc is not None and (pc.row != r or pc.col != c):
            continue  # a merged cell is read once
        if _is_valueish(g[r][c]) and g[r][c].strip():
            vals.append(c)
    return vals


def _review_by_count(doc: Document, t: Table, g: list[list[str]]) -> StandardTable | None:
    """Table 4 from a grid without usable field labels: the last row printing
    at least fifteen values, its last fifteen read as the three blocks in
    the format's order.  None when no row prints fifteen."""
    for r in range(t.n_rows - 1, -1, -1):
        vals = _review_value_cols(t, g, r)
        if len(vals) >= 15:
            return _review_table(doc, t, r, REVIEW_BLOCKS, vals[-15:])
    return None


def _review(doc: Document, t: Table) -> StandardTable | None:
    """Table 4 from a grid: the fifteen value columns (or five, for a table
    printed one block at a time) from the header labels, the data row below
    them — blank, "/" and "—" cells included (they mean none); else the last
    row with fifteen printed values."""
    g = t.grid()
    cols, last = _review_field_columns(t, g)
    r = _review_data_row(t, g, cols, last) if cols else None
    if r is not None:
        return _review_table(doc, t, r, _review_grid_blocks(doc, t, g, cols), cols)
    return _review_by_count(doc, t, g)


def _merge_review_blocks(parts: list[StandardTable]) -> StandardTable | None:
    """Table 4 printed as three small tables, one per block: one table when
    the three blocks are found (labelled, or unlabelled in printed order)."""
    if len(parts) < 3:
        return None
    labels = [next(iter(p.cells))[0] for p in parts[:3]]
    if sorted(labels) != sorted(REVIEW_BLOCKS):
        labels = list(REVIEW_BLOCKS)  # no distinct block labels: the format's order
    st = StandardTable("review", "2021", "grid", start=parts[0].start, end=parts[2].end, page=parts[0].page)
    for b, p in zip(labels, parts[:3]):
        for (_, f), c in p.cells.items():
            c.row = b
            st.cells[(b, f)] = c
    st.notes.append("Table 4 printed as three tables, one per block")
    return st


def _proactive_header(row: list[str]) -> dict[int, str]:
    """Grid column → proactive column key for a header row (empty if none)."""
    hdr: dict[int, str] = {}
    for c, s in enumerate(row):
        key = next((k for k, pat in PROACTIVE_COLUMNS if pat.search(s)), None)
        if key is not None:
            hdr[c] = key
    return hdr


def _proactive_check(st: StandardTable, doc: Document) -> StandardTable:
    if any(c in ("new_made", "prev_items", "projects") for _, c in st.cells):
        st.layout = "2019"
    expected = ("regulations", "normative_docs", "licensing", "penalty", "coercion", "admin_fee")
    missing = [r for r in expected if r not in {k for k, _ in st.cells}]
    if missing:
        st.notes.append(f"rows not found: {', '.join(missing)}")
        if len(missing) > len(expected) // 2 and doc.source.format == "md":
            # a PDF converted to Markdown lost most of the table: say so
            # rather than check a fragment
            st.ambiguous = True
    return st


def _proactive(doc: Document, grids: Sequence[tuple[int, Table]]) -> StandardTable | None:
    st: StandardTable | None = None
    for _, t in grids:
        g = t.grid()
        header: dict[int, str] = {}
        for r in range(t.n_rows):
            row = [_norm(x) for x in g[r]]
            hdr = _proactive_header(row)
            if hdr:
                header = hdr
                continue
            label = next((s for s in row if s and not _is_valueish(s)), "")
            rkey = next((k for k, pat in PROACTIVE_ROWS if pat.match(label)), None)
            if rkey is None or not header:
                continue
            if st is None:
                st = StandardTable("proactive", "2021", "grid", start=t.start, page=t.page)
            for c, ckey in header.items():
                if (rkey, ckey) not in st.cells:
                    st.cells[(rkey, ckey)] = _cell(t, doc, r, c, rkey, ckey, label, ckey)
            st.end = t.end
    return _proactive_check(st, doc) if st is not None else None


_APP_GRID_RE = lazyre.compile_std(r"本年新收|结转下年度|予以公开|不予处理|国家秘密")
_PRO_GRID_RE = lazyre.compile_std(r"规章|行政许可|行政处罚|行政事业性收费|第二十条")


def _grid_kind(t: Table, flat: str, after_app: bool, bare_ok: bool = False) -> str | None:
    """applications | proactive | None for one grid (a continuation page of
    the applications table has its rows but not its header; with
    ``bare_ok``, a grid of nothing but rows of seven values, right after
    the applications table began and before Table 4, is a piece of it whose
    labels the source printed elsewhere)."""
    if _APP_GRID_RE.search(flat):
        return "applications"
    if _PRO_GRID_RE.search(flat) and "复议" not in flat:
        return "proactive"
    if after_app and not re.search(r"复议|诉讼", flat) and any(_match_app_row([_norm(x)]) for row in t.grid() for x in row[:4]):
        return "applications"
    if after_app and bare_ok and _only_value_rows(t):
        return "applications"
    return None


def _only_value_rows(t: Table) -> bool:
    """Every row of the grid is seven printed values and nothing else."""
    g = t.grid()
    return t.n_rows > 0 and all(
        len(_printed_values(t, r)) == 7 and all(not x.strip() or _is_valueish(x) for x in g[r]) for r in range(t.n_rows)
    )


def _is_review_grid(doc: Document, t: Table, flat: str) -> bool:
    if re.search(r"复议|诉讼|结果维持|尚未审结", flat):
        return True
    before = doc.text[max(0, t.start - 400) : t.start]
    return bool(re.search(r"维持|纠正|审结", flat) and re.search(r"行政复议|行政诉讼", before))


def _review_from(doc: Document, grids: list[Table]) -> StandardTable | None:
    """Table 4: the first grid holding all three blocks, else three grids of
    one block each."""
    blocks: list[StandardTable] = []
    for t in grids:
        rv = _review(doc, t)
        if rv is not None and len(rv.cells) == 5:
            blocks.append(rv)
        elif rv is not None:
            return rv
    return _merge_review_blocks(blocks) if blocks else None


def tables_from_grids(doc: Document) -> list[StandardTable]:
    """The standard tables found in the document's real tables."""
    app_grids: list[tuple[int, Table]] = []
    pro_grids: list[tuple[int, Table]] = []
    review_grids: list[Table] = []
    for i, t in enumerate(doc.tables):
        flat = "".join(_norm(x) for row in t.grid() for x in row)
        kind = _grid_kind(t, flat, bool(app_grids), bare_ok=not review_grids)
        if kind == "applications":
            app_grids.append((i, t))
        elif kind == "proactive":
            pro_grids.append((i, t))
        if _is_review_grid(doc, t, flat):
            review_grids.append(t)
    out = [x for x in (_proactive(doc, pro_grids), _applications(doc, app_grids), _review_from(doc, review_grids)) if x is not None]
    return out
