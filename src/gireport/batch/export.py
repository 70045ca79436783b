"""``gireport export DB``: a result store written out as CSV, JSON Lines,
Parquet or SARIF.

* ``csv`` / ``jsonl`` / ``parquet`` write one table — ``findings``
  (default), ``documents`` or ``coverage`` — with the columns of
  :mod:`gireport.batch.results`; ``evidence`` is JSON text in CSV and
  Parquet, a list in JSON Lines.  CSV starts with a UTF-8 byte-order mark
  and its cells cannot be spreadsheet formulas (see
  :mod:`gireport.output.safe`).  Parquet needs pyarrow
  (``pip install gireport[parquet]``).
* ``xlsx`` writes a workbook with the ``findings``, ``documents``,
  ``coverage`` and ``cells`` tables as sheets and a ``run`` sheet (needs a
  file).
* ``sarif`` writes every finding as SARIF 2.1.0 (the same document
  ``gireport audit --format sarif`` prints), with every path that is not
  ``ok`` as a tool execution notification (failed: error, unsupported:
  warning, duplicate and gone: note).

Every export shows the archive as it is now, one row per path in the
``documents`` table (see :mod:`gireport.batch.results`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import IO, Any

from .results import _connect, iter_rows

__all__ = ["export", "EXPORT_FORMATS", "MissingDependency"]

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "sarif", "xlsx")


class MissingDependency(ImportError):
    """An optional dependency (pyarrow) is not installed."""


def _write_csv(cols: tuple[str, ...], rows: Any, out: IO[str]) -> int:
    """CSV for spreadsheets: a UTF-8 byte-order mark first (Chinese Excel
    reads the file as UTF-8), cells that would be formulas prefixed with an
    apostrophe (:func:`gireport.output.safe.spreadsheet_safe`)."""
    from ..output.safe import spreadsheet_safe

    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    n = 0
    for r in rows:
        w.writerow([spreadsheet_safe("" if v is None else v) for v in r])
        n += 1
    return n


def _write_jsonl(cols: tuple[str, ...], rows: Any, out: IO[str]) -> int:
    n = 0
    for r in rows:
        d = dict(zip(cols, r))
        if "evidence" in d and isinstance(d["evidence"], str):
            d["evidence"] = json.loads(d["evidence"])
        if "is_report" in d and d["is_report"] is not None:
            d["is_report"] = bool(d["is_report"])
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_parquet(cols: tuple[str, ...], rows: Any, path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise MissingDependency("Parquet export needs pyarrow: pip install 'gireport[parquet]' (or pip install pyarrow)") from e
    data: dict[str, list[Any]] = {c: [] for c in cols}
    n = 0
    writer = None
    try:
        for r in rows:
            for c, v in zip(cols, r):
                data[c].append(v)
            n += 1
            if n % 50_000 == 0:
                t = pa.table(data)
                writer = writer or pq.ParquetWriter(path, t.schema)
                writer.write_table(t.cast(writer.schema))
                data = {c: [] for c in cols}
        t = pa.table(data)
        if writer is None:
            pq.write_table(t, path)
        elif t.num_rows:
            writer.write_table(t.cast(writer.schema))
    finally:
        if writer is not None:
            writer.close()
    return n


def _sarif(db: str, ruleset: str | None) -> str:
    """Every path of the store as it is now: the findings of each content
    once (under its smallest path); failed and unsupported paths as error and
    warning notifications, duplicates as notes naming the path they share
    their result with."""
    from ..output import render_sarif
    from .results import iter_paths

    con = _connect(db)
    con.close()
    audits, notes = [], []
    level = {"failed": "error", "pending": "error", "unsupported": "warning", "duplicate": "note", "gone": "note"}
    for r in iter_paths(db, ruleset):
        if r.status == "ok" and r.audit is not None:
            r.audit.display = []
            audits.append(r.audit)
        elif r.status in level:
            notes.append((level[r.status], r))
    doc = json.loads(render_sarif(audits))
    run = doc["runs"][0]
    run["invocations"] = [
        {
            "executionSuccessful": not any(lv == "error" for lv, _ in notes),
            "toolExecutionNotifications": [
                {"level": lv, "message": {"text": r.message or r.error_type or r.status}, "descriptor": {"id": r.error_type or r.status},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]}
                for lv, r in notes
            ],
        }
    ]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _write_xlsx(db: str, ruleset: str | None, path: str) -> int:
    """The store as a workbook: its documents (every path with its status),
    findings, coverage and table cells, one sheet each, and the run's
    provenance; the number of finding rows."""
    from ..output.provenance import provenance
    from ..output.xlsx import workbook

    sheets = {}
    n = 0
    for table in ("findings", "documents", "coverage", "cells"):
        cols, rows = iter_rows(db, table, ruleset)
        data = [list(r) for r in rows]
        if table == "findings":
            n = len(data)
        sheets[table] = (cols, data)
    prov = provenance(rounding="")
    prov.pop("rounding")
    sheets["run"] = (("key", "value"), [[k, v] for k, v in prov.items()])
    with open(path, "wb") as fh:
        fh.write(workbook(sheets))
    return n


def export(db: str | os.PathLike[str], fmt: str, out: str | os.PathLike[str] | IO[str] | None = None, *, table: str = "findings", ruleset: str | None = None) -> int:
    """Write the store ``db`` as ``fmt`` to ``out`` (a path, a text stream,
    or None for a string returned via ``io.StringIO`` — parquet needs a
    path).  Returns the number of rows written (findings for SARIF)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    db = os.fspath(db)
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, os.PathLike)):
            raise ValueError("parquet export needs an output file (-o FILE)")
        cols, rows = iter_rows(db, table, ruleset)
        return _write_parquet(cols, rows, os.fspath(out))
    if fmt == "xlsx":
        if out is None or not isinstance(out, (str, os.PathLike)):
            raise ValueError("xlsx export needs an output file (-o FILE)")
        return _write_xlsx(db, ruleset, os.fspath(out))
    if fmt == "sarif":
        text = _sarif(db, ruleset)
        n = text.count('"ruleId"')
        if isinstance(out, (str, os.PathLike)):
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            (out or io.StringIO()).write(text)
        return n
    cols, rows = iter_rows(db, table, ruleset)
    writer = _write_csv if fmt == "csv" else _write_jsonl
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return writer(cols, rows, fh)
    return writer(cols, rows, out or io.StringIO())
