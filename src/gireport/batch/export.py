"""``gireport export DB``: a result store written out in any output format.

The findings are read back as audit records (:func:`~gireport.batch.results.iter_paths`)
and rendered by the same renderer as ``gireport audit --format`` (one
registry, :data:`gireport.output.FORMATS`), with the date of the run that
wrote them: an export of a run gives the same bytes as that run's own output.

The other tables of the store — ``documents``, ``coverage`` and ``cells``
(every cell of the standard tables) — are written as CSV, JSON Lines or
Parquet with the columns of :mod:`gireport.batch.results` (``--table``).
CSV starts with a UTF-8 byte-order mark and its cells cannot be spreadsheet
formulas (see :mod:`gireport.output.safe`).  Parquet needs pyarrow
(``pip install gireport[parquet]``).

Every export shows the archive as it is now: every path, with its status.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

from ..output import FORMATS, MissingDependency, write, write_csv, write_parquet
from .results import StoredRecords, iter_rows, run_date_of

__all__ = ["export", "EXPORT_FORMATS", "TABLE_FORMATS", "MissingDependency", "store_records"]

#: Every output format (the registry of :mod:`gireport.output`).
EXPORT_FORMATS = tuple(FORMATS)
#: The formats that can also write the store's other tables (``--table``).
TABLE_FORMATS = ("csv", "jsonl", "parquet")


def store_records(db: str | os.PathLike[str], ruleset: str | None = None) -> StoredRecords:
    """Every path of the store as it is now, as audit records, read from the
    store one at a time each time they are iterated."""
    return StoredRecords(db, ruleset)


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


def export(db: str | os.PathLike[str], fmt: str, out: str | os.PathLike[str] | IO[str] | None = None, *, table: str = "findings", ruleset: str | None = None,
           lang: str = "zh") -> int:
    """Write the store ``db`` as ``fmt`` to ``out`` (a path, a text stream,
    or None for standard output; xlsx and parquet need a path).  ``table``:
    ``findings`` (the default: every format, through the output registry)
    or, for csv, jsonl and parquet, ``documents``, ``coverage`` or
    ``cells``.  Returns the number of findings (or table rows) written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    db = os.fspath(db)
    if table != "findings":
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"--table {table} is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
        cols, rows = iter_rows(db, table, ruleset)
        if fmt == "parquet":
            if not isinstance(out, (str, os.PathLike)):
                raise ValueError("parquet export needs an output file (-o FILE)")
            return write_parquet(cols, rows, os.fspath(out))
        writer = write_csv if fmt == "csv" else _write_jsonl
        if isinstance(out, (str, os.PathLike)):
            with open(out, "w", encoding="utf-8", newline="") as fh:
                return writer(cols, rows, fh)
        return writer(cols, rows, out if out is not None else __import__("sys").stdout)
    records = store_records(db, ruleset)  # read one at a time, as often as the format needs
    write(records, fmt, out, lang=lang, run_date=run_date_of(db, ruleset))
    return sum(len(r.findings) for r in records)
