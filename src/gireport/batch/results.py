"""Reading a result store: :func:`load_results` (pandas frames) and the
audit views the command line renders its output from.

Columns are a contract: they are the tuples below, and new columns are only
ever appended.

``documents`` — one row per audited content (file) under one ruleset
=================== =========================================================
``path``            the path the content was first audited at
``sha256``          sha256 of the file's bytes
``ruleset``         ``<gireport version>+<rules hash>/<settings hash>``
``size``            bytes
``format``          ``txt`` | ``md`` | ``html`` | ``docx`` | ``pdf`` (None when unread)
``agency``          agency as printed in the report
``agency_key``      normalised agency, the cross-year grouping key
``year``            report year (Int64, <NA> when unknown)
``template``        ``old`` | ``2019`` | ``2021``
``is_report``       False for a readable document that is not an annual report
``status``          ``ok`` | ``failed``
``error_type``      for a failure: ``EmptyFileError``, ``CorruptFileError``,
                    ``Timeout``, ``MemoryLimit``, ``WorkerCrashed`` …
``error_message``   for a failure: the file and the problem
``errors``          findings of the single-report rules, by severity …
``warnings``        …
``infos``           …
``claims``          numeric claims found
``checked``         claims checked (each could have failed)
``untestable``      claims that could not be decided
``elapsed``         seconds spent auditing the file
``audited_at``      local time the result was written (ISO 8601)
=================== =========================================================

``findings`` — one row per finding: the Finding record, then
=================== =========================================================
``file`` … ``fingerprint``  the Finding record (``gireport.audit.FINDING_COLUMNS``;
                    ``evidence`` is a list of ``{start, end, page, text}``)
``scope``           ``file`` (a rule over one report) or ``corpus`` (a
                    cross-year rule, GR7xx)
``related``         for a corpus finding: the other report's path
``sha256``          the document's content hash (joins ``documents``)
``line``            line of the first evidence in the normalised text
=================== =========================================================

``coverage`` — one row per document and rule that looked at it
=================== =========================================================
``file``            the document's path
``code``            rule code
``name``            rule name
``family``          rule family
``checked``         claims checked
``failed``          of those, failed
``untestable``      claims not decidable
``untestable_reasons`` ``"reason=n; …"``
``scope``           ``file`` | ``corpus``
``sha256``          the document's content hash
=================== =========================================================
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..audit.engine import DEFAULT_ROUNDING
from ..audit.finding import FINDING_COLUMNS, Evidence, Finding, Verdict

__all__ = ["load_results", "Results", "DOCUMENT_COLUMNS", "STORE_FINDING_COLUMNS", "STORE_COVERAGE_COLUMNS", "StoredAudit", "stored_audits", "resolve_ruleset"]

DOCUMENT_COLUMNS = (
    "path", "sha256", "ruleset", "size", "format", "agency", "agency_key", "year", "template", "is_report",
    "status", "error_type", "error_message", "errors", "warnings", "infos", "claims", "checked", "untestable",
    "elapsed", "audited_at",
)
STORE_FINDING_COLUMNS = FINDING_COLUMNS + ("scope", "related", "sha256", "line")
STORE_COVERAGE_COLUMNS = ("file", "code", "name", "family", "checked", "failed", "untestable", "untestable_reasons", "scope", "sha256")


class Results(NamedTuple):
    documents: Any
    findings: Any
    coverage: Any


def _connect(db: str | os.PathLike[str]) -> sqlite3.Connection:
    path = os.fspath(db)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such result store")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        con.execute("SELECT 1 FROM documents LIMIT 1")
    except sqlite3.DatabaseError as e:
        con.close()
        raise ValueError(f"{path}: not a gireport result store ({e})") from e
    return con


def resolve_ruleset(con: sqlite3.Connection, ruleset: str | None) -> str | None:
    """``None`` → the ruleset of the latest run; ``"all"`` → every ruleset
    (returned as None: no filter)."""
    if ruleset == "all":
        return None
    if ruleset:
        return ruleset
    row = con.execute("SELECT ruleset FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def iter_rows(db: str | os.PathLike[str], table: str, ruleset: str | None = None) -> tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]:
    """(columns, rows) of ``documents``, ``findings`` or ``coverage``, rows
    streamed; JSON columns stay JSON text."""
    con = _connect(db)
    rs = resolve_ruleset(con, ruleset)
    where, args = ("WHERE d.ruleset = ?", (rs,)) if rs else ("", ())
    if table == "documents":
        cols = DOCUMENT_COLUMNS
        sql = f"SELECT {', '.join('d.' + c for c in cols)} FROM documents d {where} ORDER BY d.path"
    elif table == "findings":
        cols = STORE_FINDING_COLUMNS
        sel = ", ".join(f"f.{c}" for c in FINDING_COLUMNS) + ", f.scope, f.related, d.sha256, f.line"
        sql = f"SELECT {sel} FROM findings f JOIN documents d ON d.id = f.doc_id {where} ORDER BY d.path, f.pos"
    elif table == "coverage":
        cols = STORE_COVERAGE_COLUMNS
        sql = f"SELECT c.file, c.code, c.name, c.family, c.checked, c.failed, c.untestable, c.untestable_reasons, c.scope, d.sha256 FROM coverage c JOIN documents d ON d.id = c.doc_id {where} ORDER BY d.path, c.scope, c.code"
    else:
        raise ValueError(f"unknown table {table!r}: documents, findings or coverage")

    def gen() -> Iterator[tuple[Any, ...]]:
        try:
            yield from con.execute(sql, args)
        finally:
            con.close()

    return cols, gen()


def load_results(db: str | os.PathLike[str], *, ruleset: str | None = None) -> Results:
    """The store as three pandas DataFrames — ``documents``, ``findings``,
    ``coverage`` — with the columns documented in this module.  ``ruleset``:
    the ruleset of the latest run by default, ``"all"`` for every one."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover
        raise ImportError("load_results() needs pandas: pip install pandas") from e
    frames = []
    for table in ("documents", "findings", "coverage"):
        cols, rows = iter_rows(db, table, ruleset)
        df = pd.DataFrame(list(rows), columns=list(cols))
        if table == "documents":
            df["year"] = df["year"].astype("Int64")
            df["is_report"] = df["is_report"].map(lambda v: None if v is None or v != v else bool(v)).astype("boolean")
        if table == "findings":
            df["evidence"] = df["evidence"].map(lambda s: json.loads(s) if s else [])
            df["line"] = df["line"].astype("Int64")
        frames.append(df)
    return Results(*frames)


# --------------------------------------------------------------------------
# Audit views: what the output renderers need, read back from the store
# --------------------------------------------------------------------------
def _finding(d: dict[str, Any]) -> Finding:
    return Finding(
        code=d["code"],
        name=d["name"],
        severity=d["severity"],
        message=d["message"],
        message_en=d["message_en"],
        evidence=[Evidence(e["start"], e["end"], e.get("page"), e.get("text", "")) for e in d["evidence"]],
        reported=d["reported"],
        expected=d["expected"],
        section=d["section"],
        file=d["file"],
    )


def _verdict(d: dict[str, Any]) -> Verdict:
    """A Verdict from its ``to_dict()`` record."""
    return Verdict(
        code=d["code"],
        name=d["name"],
        status=d["status"],
        reason=d.get("reason"),
        reading=d.get("reading"),
        subject=d.get("subject"),
        evidence=tuple(Evidence(e["start"], e["end"], e.get("page"), e.get("text", "")) for e in d.get("evidence") or ()),
        section=d.get("section"),
        fingerprint=d.get("fingerprint"),
        severity=d.get("severity"),
        file=d.get("file"),
    )


class StoredAudit:
    """An audit read back from the store: ``path``, ``findings`` (Finding
    objects), ``verdicts`` (Verdict objects; empty for a result stored
    before verdicts were kept), ``coverage``, ``counts()``, ``to_dict()`` — enough for the
    JSON, JSONL, CSV and SARIF renderers, and ``display`` (line, context
    lines) per finding for the text output."""

    def __init__(self, row: dict[str, Any], findings: list[Finding], display: list[tuple[int, list[str]]], rounding: str = DEFAULT_ROUNDING) -> None:
        self.row = row
        self.path = row["path"]
        self.findings = findings
        self.display = display
        self.coverage = json.loads(row["coverage_json"]) if row.get("coverage_json") else {"claims": {}, "checked": 0, "untestable": 0}
        self.rounding = rounding
        blob = row.get("verdicts")
        self.verdicts = [_verdict(v) for v in json.loads(zlib.decompress(blob).decode("utf-8"))] if blob else []

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        r = self.row
        return {
            "file": self.path,
            "sha256": r["sha256"],
            "format": r["format"],
            "agency": r["agency"],
            "year": r["year"],
            "template": r["template"],
            "is_report": None if r["is_report"] is None else bool(r["is_report"]),
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts(),
            "coverage": self.coverage,
            "rounding": self.rounding,
            "verdicts": [v.to_dict() for v in self.verdicts],
        }


def stored_audits(db: str | os.PathLike[str], ruleset: str, run_id: int, rounding: str = DEFAULT_ROUNDING) -> Iterator[tuple[str, StoredAudit | dict[str, Any]]]:
    """The documents of one run in walk order: ``("ok", StoredAudit)`` or
    ``("failed", {file, error, message})``.  A path whose content was
    recorded under another path appears once, under the first."""
    con = sqlite3.connect(os.fspath(db), timeout=30)
    con.row_factory = sqlite3.Row
    try:
        docs = con.execute(
            "SELECT d.id, d.path, d.sha256, d.format, d.agency, d.year, d.template, d.is_report, d.status, d.error_type, d.error_message, d.coverage_json, d.verdicts, MIN(p.seq) AS seq FROM paths p JOIN documents d ON d.sha256 = p.sha256 AND d.ruleset = ? WHERE p.run_id = ? GROUP BY d.id ORDER BY seq, d.path",
            (ruleset, run_id),
        ).fetchall()
        for d in docs:
            row = dict(d)
            if row["status"] != "ok":
                yield "failed", {"file": row["path"], "error": row["error_type"], "message": row["error_message"]}
                continue
            fs, disp = [], []
            for f in con.execute("SELECT * FROM findings WHERE doc_id = ? ORDER BY scope DESC, pos", (row["id"],)):
                fd = dict(f)
                fd["evidence"] = json.loads(fd["evidence"] or "[]")
                fs.append(_finding(fd))
                disp.append((fd["line"] or 0, json.loads(fd["context"] or "[]")))
            yield "ok", StoredAudit(row, fs, disp, rounding)
    finally:
        con.close()
