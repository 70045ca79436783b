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
from xml.sax.saxutils import escape

__all__ = ["render_xlsx", "workbook", "XLSX_SHEETS"]

XLSX_SHEETS = ("findings", "documents", "verdicts", "run")

_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _col(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _cell(ref: str, v: Any) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)) and v == v:  # not NaN
        return f'<c r="{ref}"><v>{v}</v></c>'
    text = escape(str(v).translate(_ILLEGAL))
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


def render_xlsx(audits: Sequence[Any], *, paths: Sequence[dict[str, Any]] = (), errors: Sequence[dict[str, Any]] = ()) -> bytes:
    """The workbook of ``audits`` (and every path of the run with its
    status, ``paths``; the files that could not be audited, ``errors``)."""
    from ..frames import VERDICT_COLUMNS
    from . import CSV_COLUMNS
    from .provenance import provenance

    prov = provenance(audits)
    findings = [_raw_row(f.to_dict(), prov) for a in audits for f in a.findings]
    doc_cols = ("file", "status", "duplicate_of", "agency", "year", "template", "errors", "warnings", "info", "message")
    docs: list[list[Any]] = []
    by_path = {str(a.path): a for a in audits}
    listed = set()
    for p in paths or [{"file": str(a.path), "status": "ok"} for a in audits]:
        a = by_path.get(str(p.get("file")))
        c = {"error": 0, "warning": 0, "info": 0}
        for f in a.findings if a is not None else ():
            c[f.severity] += 1
        agency, year, template = _facts(a)
        docs.append([p.get("file"), p.get("status"), p.get("duplicate_of"), agency, year, template, c["error"], c["warning"], c["info"], p.get("message")])
        listed.add(str(p.get("file")))
    for e in errors:
        if str(e.get("file")) not in listed:
            docs.append([e.get("file"), e.get("status") or "failed", None, None, None, None, 0, 0, 0, e.get("message")])
    verdicts = []
    for a in audits:
        for v in getattr(a, "verdicts", ()):
            d = v.to_dict() if hasattr(v, "to_dict") else dict(v)
            d.setdefault("file", a.path)
            verdicts.append([d.get(k) if not isinstance(d.get(k), (list, dict)) else str(d.get(k)) for k in VERDICT_COLUMNS])
    sheets = {
        "findings": _sheet(CSV_COLUMNS, findings),
        "documents": _sheet(doc_cols, docs),
        "verdicts": _sheet(VERDICT_COLUMNS, verdicts),
        "run": _sheet(("key", "value"), [[k, v] for k, v in prov.items()]),
    }
    return _zip(_package(sheets))


def _facts(a: Any) -> tuple[Any, Any, Any]:
    """(agency, year, template) of an audit, or of one read back from a
    store (its stored row), or Nones."""
    if a is None:
        return None, None, None
    report = getattr(a, "report", None)
    if report is not None:
        md = report.metadata
        return md.agency, md.year, getattr(getattr(report, "template", None), "name", None)
    row = getattr(a, "row", None) or {}
    return row.get("agency"), row.get("year"), row.get("template")


def _raw_row(finding: dict[str, Any], prov: dict[str, str]) -> list[Any]:
    """A finding as a row of the CSV's columns, cells as they are (no
    apostrophes: inline strings are never formulas)."""
    from . import CSV_COLUMNS

    ev = finding.get("evidence") or []
    first = ev[0] if ev else {}
    flat = {"status": "ok", **prov, **finding}
    flat.update(evidence_page=first.get("page"), evidence_start=first.get("start"), evidence_end=first.get("end"),
                evidence_text=" / ".join(str(e.get("text", "")) for e in ev), evidence_count=len(ev))
    return [flat.get(c) for c in CSV_COLUMNS]


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
