"""Audits as an Excel workbook (``--format xlsx``), written with the standard
library: four sheets, ``findings`` (the CSV's columns), ``documents`` (one
row per path with its status), ``verdicts`` and ``run`` (the provenance).

Every text cell is an inline string, so no cell is ever a formula whatever
the report text says; numbers are numbers.  The file is byte-identical for
the same audits (fixed zip timestamps, no volatile metadata).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

__all__ = ["render_xlsx", "workbook", "XLSX_SHEETS", "DOCUMENT_SHEET_COLUMNS"]

XLSX_SHEETS = ("findings", "documents", "verdicts", "run")

_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _col(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (what ``xml.sax.saxutils.escape``
    does, without importing it: it brings urllib and http.client along)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, v: Any) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)) and v == v:  # not NaN
        return f'<c r="{ref}"><v>{v}</v></c>'
    text = _escape(str(v).translate(_ILLEGAL))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    out.append('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>')
    for r, row in enumerate([list(header), *rows], 1):
        cells = "".join(_cell(f"{_col(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData>")
    if rows or header:
        out.append(f'<autoFilter ref="A1:{_col(max(len(header), 1) - 1)}{len(rows) + 1}"/>')
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


def workbook(sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Any]]]]) -> bytes:
    """A workbook of named sheets, each (header, rows) — the writer the
    store's export uses too."""
    return _zip(_package({name: _sheet(h, rows) for name, (h, rows) in sheets.items()}))


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


#: Columns of the ``documents`` sheet: one row per path of the run.
DOCUMENT_SHEET_COLUMNS = ("file", "status", "duplicate_of", "format", "agency", "year", "template", "is_report", "errors", "warnings", "info",
                          "claims", "checked", "untestable", "error_type", "message")


def render_xlsx(records: Sequence[Any], *, run_date: str | None = None) -> bytes:
    """The workbook of a run's records (see :mod:`gireport.audit.record`):
    findings (the CSV's columns), documents (every path with its status),
    verdicts and the run's provenance."""
    from ..audit import VERDICT_COLUMNS
    from .records import as_records, run_provenance
    from .tabular import CSV_COLUMNS, csv_row, finding_rows

    records = as_records(records)
    prov = run_provenance(records, run_date)
    findings = [csv_row(r, safe=False) for r in finding_rows(records, prov)]
    docs: list[list[Any]] = []
    for r in records:
        c = r.counts()
        cov = r.coverage or {}
        d = r.status_dict()
        claims = sum((cov.get("claims") or {}).values()) if cov else None
        docs.append([r.file, r.status, r.duplicate_of, r.format, r.agency, r.year, r.template, r.is_report, c["error"], c["warning"], c["info"],
                     claims, cov.get("checked"), cov.get("untestable"), d["error"], d["message"]])
    verdicts = []
    for r in records:
        for v in r.verdicts:
            row = v.row()
            verdicts.append([row.get(k) if not isinstance(row.get(k), (list, dict)) else str(row.get(k)) for k in VERDICT_COLUMNS])
    sheets = {
        "findings": _sheet(CSV_COLUMNS, findings),
        "documents": _sheet(DOCUMENT_SHEET_COLUMNS, docs),
        "verdicts": _sheet(VERDICT_COLUMNS, verdicts),
        "run": _sheet(("key", "value"), [[k, v] for k, v in prov.items()]),
    }
    return _zip(_package(sheets))


def _package(sheets: dict[str, bytes]) -> dict[str, bytes]:
    names = list(sheets)
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    ct += [f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(names) + 1)]
    ct.append("</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    wb += [f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)]
    wb.append("</sheets></workbook>")
    wbrels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    wbrels += [f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1)]
    wbrels.append("</Relationships>")
    parts = {"[Content_Types].xml": "".join(ct).encode(), "_rels/.rels": rels.encode(), "xl/workbook.xml": "".join(wb).encode(), "xl/_rels/workbook.xml.rels": "".join(wbrels).encode()}
    for i, n in enumerate(names, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheets[n]
    return parts
