"""The findings as rows: CSV, JSON Lines and Parquet.

One row per finding, and one per path without a finding row (an audited
file with no finding, a failed, unsupported, duplicate, gone or pending
path: ``code`` empty, the reason in ``message``), so that every path of a
run is in the table.  Every row carries the run's provenance.

* CSV (:data:`CSV_COLUMNS`): UTF-8 with a byte-order mark, so that Excel in
  a Chinese locale opens it as UTF-8; the evidence spread over columns
  (page, start and end of the first span, every span's text joined by
  " / ", how many spans); a cell a spreadsheet would take for a formula
  starts with an apostrophe (:func:`~gireport.output.safe.spreadsheet_safe`).
* JSON Lines (:data:`JSONL_COLUMNS`): the Finding record, ``evidence`` a
  list, then the same extra columns.
* Parquet: the CSV's columns, values as they are (needs pyarrow).
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from ..audit import FINDING_COLUMNS
from ..audit.record import AuditRecord
from .provenance import PROVENANCE_COLUMNS
from .records import run_provenance
from .safe import spreadsheet_safe

__all__ = ["CSV_COLUMNS", "JSONL_COLUMNS", "EXTRA_COLUMNS", "finding_rows", "csv_row", "render_csv", "render_jsonl", "stream_csv", "stream_jsonl", "render_parquet", "write_csv", "write_parquet", "MissingDependency"]

#: Columns after the Finding record's: where the finding is (its line in the
#: normalised text; ``scope`` file or corpus, ``related`` the other report
#: of a cross-year finding), the document (agency, year, template, content
#: hash), the path's status, and a reviewer's mark (``gireport review``).
EXTRA_COLUMNS = ("line", "scope", "related", "agency", "year", "template", "sha256", "status", "duplicate_of", "review", "review_note")

_EVIDENCE_COLUMNS = ("evidence_page", "evidence_start", "evidence_end", "evidence_text", "evidence_count")
_BEFORE = tuple(c for c in FINDING_COLUMNS if c != "evidence")[:6]
_AFTER = tuple(c for c in FINDING_COLUMNS if c != "evidence")[6:]

#: Columns of the CSV (and Parquet) of findings.
CSV_COLUMNS = _BEFORE + _EVIDENCE_COLUMNS + _AFTER + EXTRA_COLUMNS + PROVENANCE_COLUMNS
#: Columns of the JSON Lines records.
JSONL_COLUMNS = FINDING_COLUMNS + EXTRA_COLUMNS + PROVENANCE_COLUMNS


class MissingDependency(ImportError):
    """An optional dependency (pyarrow) is not installed."""


def finding_rows(records: Iterable[AuditRecord], prov: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Every row: the findings of each audited record, then a row for each
    path without one (``code`` None), each with :data:`EXTRA_COLUMNS` and
    the provenance.  ``records`` is read once, one record at a time (a
    list, or a re-iterable such as a store's records): the rows of the
    paths without findings wait in a spool file (in memory up to
    :data:`SPOOL_BYTES`, then on disk) until the findings are written."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        later = 0
        for r in records:
            if r.status == "ok" and r.findings:
                doc = _doc_columns(r)
                for f, s in r.located():
                    yield {**f.to_dict(), "line": s.line or None, "scope": s.scope, "related": s.related, **doc, "review": s.review, "review_note": s.review_note, **prov}
                continue
            d = r.status_dict()
            pickle.dump({"file": r.file, "code": None, "message": d["message"] or (d["error"] if r.status != "ok" else None), **_doc_columns(r)}, spool, pickle.HIGHEST_PROTOCOL)
            later += 1
        spool.seek(0)
        for _ in range(later):
            yield {**pickle.load(spool), **prov}


#: How much of the rows of paths without findings :func:`finding_rows`
#: keeps in memory before its spool goes to a temporary file.
SPOOL_BYTES = 4 << 20


def _doc_columns(r: AuditRecord) -> dict[str, Any]:
    return {"agency": r.agency, "year": r.year, "template": r.template, "sha256": r.sha256, "status": r.status, "duplicate_of": r.duplicate_of}


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    ev = row.get("evidence") or []
    first = ev[0] if ev else {}
    return {**row, "evidence_page": first.get("page"), "evidence_start": first.get("start"), "evidence_end": first.get("end"),
            "evidence_text": " / ".join(str(e.get("text", "")) for e in ev) if ev else None, "evidence_count": len(ev) if row.get("code") else None}


def csv_row(row: dict[str, Any], *, safe: bool = True) -> list[Any]:
    """A row of :func:`finding_rows` as the CSV's cells (every text cell
    spreadsheet-safe unless ``safe`` is false)."""
    flat = _flat(row)
    vals = [flat.get(c) for c in CSV_COLUMNS]
    return [spreadsheet_safe("" if v is None else v) for v in vals] if safe else vals


def write_csv(columns: Sequence[str], rows: Any, out: Any) -> int:
    """``rows`` as CSV to the text stream ``out``: the byte-order mark, the
    header, every cell spreadsheet-safe; the number of rows."""
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for r in rows:
        w.writerow([spreadsheet_safe("" if v is None else v) for v in r])
        n += 1
    return n


def stream_csv(records: Iterable[AuditRecord], out: TextIO, *, run_date: str | None = None) -> None:
    """The findings of ``records`` as CSV, written to ``out`` row by row."""
    write_csv(CSV_COLUMNS, (csv_row(r, safe=False) for r in finding_rows(records, run_provenance(records, run_date))), out)


def stream_jsonl(records: Iterable[AuditRecord], out: TextIO, *, run_date: str | None = None) -> None:
    """The findings of ``records`` as JSON Lines, written to ``out`` line by line."""
    for row in finding_rows(records, run_provenance(records, run_date)):
        out.write(json.dumps({c: row.get(c) for c in JSONL_COLUMNS}, ensure_ascii=False) + "\n")


def render_csv(records: Iterable[AuditRecord], *, run_date: str | None = None) -> str:
    buf = io.StringIO()
    stream_csv(records, buf, run_date=run_date)
    return buf.getvalue()


def render_jsonl(records: Iterable[AuditRecord], *, run_date: str | None = None) -> str:
    buf = io.StringIO()
    stream_jsonl(records, buf, run_date=run_date)
    return buf.getvalue()


def write_parquet(columns: Sequence[str], rows: Any, out: Any) -> int:
    """``rows`` as a Parquet table to ``out`` (a path or a binary stream;
    needs pyarrow); the number of rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise MissingDependency("Parquet output needs pyarrow: pip install 'gireport[parquet]' (or pip install pyarrow)") from e
    data: dict[str, list[Any]] = {c: [] for c in columns}
    n = 0
    for r in rows:
        for c, v in zip(columns, r):
            data[c].append(v)
        n += 1
    pq.write_table(pa.table(data), out)
    return n


def render_parquet(records: Sequence[AuditRecord], *, run_date: str | None = None) -> bytes:
    """The CSV's columns as a Parquet table (needs pyarrow)."""
    buf = io.BytesIO()
    write_parquet(CSV_COLUMNS, (csv_row(r, safe=False) for r in finding_rows(records, run_provenance(records, run_date))), buf)
    return buf.getvalue()
