"""Reading a result store: :func:`load_results` (pandas frames) and the
audit views the command line renders its output from.

Columns are a contract: they are the tuples below, and new columns are only
ever appended.

``documents`` — one row per path of the archive (as it is now) and ruleset
=================== =========================================================
``path``            the path (bytes that are not UTF-8 shown as U+FFFD; the
                    store keeps the exact bytes)
``sha256``          sha256 of the file's bytes
``ruleset``         ``<gireport version>+<rules hash>/<settings hash>``
``size``            bytes
``format``          ``txt`` | ``md`` | ``html`` | ``docx`` | ``pdf`` (None when unread)
``agency``          agency as printed in the report
``agency_key``      normalised agency, the cross-year grouping key
``year``            report year (Int64, <NA> when unknown)
``template``        ``old`` | ``2019`` | ``2021``
``is_report``       False for a readable document that is not an annual report
``status``          ``ok`` | ``failed`` | ``unsupported`` | ``duplicate`` |
                    ``gone`` (a path of an earlier run no longer there) |
                    ``pending`` (walked by a run that was interrupted
                    before auditing it)
``error_type``      for a failure: ``EmptyFileError``, ``CorruptFileError``,
                    ``Timeout``, ``MemoryLimit``, ``WorkerCrashed`` …; for
                    unsupported: ``LegacyFormat``, ``Image``, ``Archive``,
                    ``NotRegularFile``, ``BrokenLink`` …
``error_message``   for a failure or unsupported path: the file and the
                    problem
``errors``          findings of the single-report rules, by severity …
``warnings``        …
``infos``           …
``claims``          numeric claims found
``checked``         claims checked (each could have failed)
``untestable``      claims that could not be decided
``elapsed``         seconds spent auditing the file
``audited_at``      local time the result was written (ISO 8601)
``duplicate_of``    for a duplicate: the path with the same bytes whose
                    result it shares (the smallest such path); the other
                    columns are that path's
=================== =========================================================

A content's findings and coverage rows appear once, under its
representative path (a duplicate shares them, it does not repeat them);
an edited file's old content and a deleted file's are kept in the store
(``file_history``) but are not in these tables.

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

__all__ = [
    "load_results", "Results", "DOCUMENT_COLUMNS", "STORE_FINDING_COLUMNS", "STORE_COVERAGE_COLUMNS", "STORE_CELL_COLUMNS", "StoredAudit", "stored_audits",
    "resolve_ruleset", "PathRecord", "iter_paths", "status_counts", "PATH_STATUSES",
]

DOCUMENT_COLUMNS = (
    "path", "sha256", "ruleset", "size", "format", "agency", "agency_key", "year", "template", "is_report",
    "status", "error_type", "error_message", "errors", "warnings", "infos", "claims", "checked", "untestable",
    "elapsed", "audited_at", "duplicate_of",
)
#: Every status a path can have, in the order summaries list them.
PATH_STATUSES = ("ok", "failed", "unsupported", "duplicate", "gone", "pending")
STORE_FINDING_COLUMNS = FINDING_COLUMNS + ("scope", "related", "sha256", "line", "review", "review_note")
STORE_COVERAGE_COLUMNS = ("file", "code", "name", "family", "checked", "failed", "untestable", "untestable_reasons", "scope", "sha256")
#: Columns of the ``cells`` table: every cell of the standard tables as
#: read (the columns of ``gireport.frames.TABLE_COLUMNS`` a store keeps).
STORE_CELL_COLUMNS = ("file", "table", "row", "col", "text", "value", "state", "source", "layout", "ambiguous", "sha256")


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


_DOC_FIELDS = DOCUMENT_COLUMNS[4:20]  # format … elapsed: the content's, shared by its duplicates


def _rulesets(con: sqlite3.Connection, ruleset: str | None) -> list[str]:
    rs = resolve_ruleset(con, ruleset)
    if rs:
        return [rs]
    return [r[0] for r in con.execute("SELECT DISTINCT ruleset FROM documents ORDER BY ruleset")]


def _path_view(con: sqlite3.Connection, run_id: int | None = None, gone: bool = True) -> list[tuple[Any, ...]]:
    """(pkey, path, sha256, size, kind, error_type, error_message, rep path
    or None) of every path — of run ``run_id`` (with ``gone``, also the
    paths it found gone), or of the store as it is now (gone paths
    included) — in walk order.  A path whose content a smaller path of the
    same view has is a duplicate of it."""
    if not _has_files(con):  # a store written before paths were kept: its contents, under their paths
        rows = con.execute("SELECT CAST(path AS BLOB), path, sha256, size, 'report', NULL, NULL FROM documents GROUP BY sha256 ORDER BY path").fetchall()
    elif run_id is None:
        rows = con.execute("SELECT pkey, path, sha256, size, kind, error_type, error_message FROM files ORDER BY pkey").fetchall()
    else:
        skip = "" if gone else " AND kind != 'gone'"
        rows = con.execute(f"SELECT pkey, path, sha256, size, kind, error_type, error_message FROM files WHERE run_id = ?{skip} ORDER BY pkey", (run_id,)).fetchall()
    reps: dict[str, str] = {}
    out = []
    for r in rows:
        rep = None
        if r[4] == "report" and r[2]:
            rep = reps.setdefault(r[2], r[1])
            if rep is r[1]:
                rep = None
        out.append((*r, rep))
    return out


def _has_files(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='files'").fetchone() is not None


def _doc_rows(con: sqlite3.Connection, ruleset: str) -> Iterator[tuple[Any, ...]]:
    """The documents table: one row per path (see the module docstring)."""
    cols = ", ".join(_DOC_FIELDS)
    docs: dict[str, tuple[Any, ...]] = {}
    for r in con.execute(f"SELECT sha256, {cols}, audited_at FROM documents WHERE ruleset = ?", (ruleset,)):
        docs[r[0]] = r[1:]
    blank = (None,) * len(_DOC_FIELDS)
    for pkey, path, sha, size, kind, etype, emsg, rep in _path_view(con):
        if kind != "report":
            yield (path, sha, ruleset, size, *blank[:6], kind, etype, emsg, *blank[9:], None, None)
            continue
        d = docs.get(sha)
        if d is None:
            yield (path, sha, ruleset, size, *blank[:6], "pending", None, f"{path}: not audited yet (the run was interrupted)", *blank[9:], None, None)
            continue
        vals = list(d[:-1])
        status_i = _DOC_FIELDS.index("status")
        if rep is not None:
            vals[status_i] = "duplicate"
        yield (path, sha, ruleset, size, *vals, d[-1], rep)


def _rep_docs(con: sqlite3.Connection, ruleset: str) -> Iterator[tuple[int, str]]:
    """(document id, representative path) of every content of the archive
    as it is now, in walk order."""
    ids = {r[0]: r[1] for r in con.execute("SELECT sha256, id FROM documents WHERE ruleset = ?", (ruleset,))}
    for _pkey, path, sha, _size, kind, _e, _m, rep in _path_view(con):
        if kind == "report" and rep is None and sha in ids:
            yield ids[sha], path


def iter_rows(db: str | os.PathLike[str], table: str, ruleset: str | None = None) -> tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]:
    """(columns, rows) of ``documents``, ``findings``, ``coverage`` or
    ``cells`` (every cell of the standard tables as read), rows streamed in
    walk order; JSON columns stay JSON text."""
    if table not in ("documents", "findings", "coverage", "cells"):
        raise ValueError(f"unknown table {table!r}: documents, findings, coverage or cells")
    con = _connect(db)
    if table == "cells":
        return STORE_CELL_COLUMNS, _cell_rows(con, ruleset)
    if not _has_files(con):  # a store written before paths were kept: one row per content
        return _legacy_rows(con, table, ruleset)
    rulesets = _rulesets(con, ruleset)
    fsel = ", ".join(f"f.{c}" for c in FINDING_COLUMNS[1:]) + ", f.scope, f.related, d.sha256, f.line, " + _review_sel(con)

    def gen() -> Iterator[tuple[Any, ...]]:
        try:
            for rs in rulesets:
                if table == "documents":
                    yield from _doc_rows(con, rs)
                    continue
                for doc_id, path in list(_rep_docs(con, rs)):
                    if table == "findings":
                        for r in con.execute(f"SELECT {fsel} FROM findings f JOIN documents d ON d.id = f.doc_id{_review_join(con)} WHERE f.doc_id = ? ORDER BY f.pos", (doc_id,)):
                            yield (path, *r)
                    else:
                        for r in con.execute(
                            "SELECT c.code, c.name, c.family, c.checked, c.failed, c.untestable, c.untestable_reasons, c.scope, d.sha256 FROM coverage c JOIN documents d ON d.id = c.doc_id"
                            " WHERE c.doc_id = ? ORDER BY c.scope, c.code", (doc_id,)
                        ):
                            yield (path, *r)
        finally:
            con.close()

    cols = {"documents": DOCUMENT_COLUMNS, "findings": STORE_FINDING_COLUMNS, "coverage": STORE_COVERAGE_COLUMNS}[table]
    return cols, gen()


def _cell_rows(con: sqlite3.Connection, ruleset: str | None) -> Iterator[tuple[Any, ...]]:
    """Every cell of the standard tables of the archive's contents (from
    the facts each document keeps for the cross-year rules)."""
    from .worker import unpack

    try:
        if not _has_files(con):
            rs = resolve_ruleset(con, ruleset)
            docs = [(r[0], r[1]) for r in con.execute("SELECT id, path FROM documents WHERE ruleset = ? ORDER BY path", (rs,))] if rs else []
        else:
            docs = [d for rs in _rulesets(con, ruleset) for d in _rep_docs(con, rs)]
        for doc_id, path in docs:
            row = con.execute("SELECT facts, sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            facts = unpack(row[0]) if row and row[0] else None
            for kind, t in sorted(((facts or {}).get("tables") or {}).items()):
                for key, cell in sorted(t.get("cells", {}).items()):
                    r_, c_ = key.split("|", 1)
                    yield (path, kind, r_, c_, cell[0], cell[2], cell[1], t.get("source"), t.get("layout"), bool(t.get("ambiguous")), row[1])
    finally:
        con.close()


def _has_reviews(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'").fetchone() is not None


def _review_sel(con: sqlite3.Connection) -> str:
    """The review mark and note of a finding (``gireport review``), NULL in
    a store written before reviews were kept."""
    return "rv.mark, rv.note" if _has_reviews(con) else "NULL, NULL"


def _review_join(con: sqlite3.Connection) -> str:
    return " LEFT JOIN reviews rv ON rv.fingerprint = f.fingerprint" if _has_reviews(con) else ""


def _legacy_rows(con: sqlite3.Connection, table: str, ruleset: str | None) -> tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]:
    rs = resolve_ruleset(con, ruleset)
    where, args = ("WHERE d.ruleset = ?", (rs,)) if rs else ("", ())
    if table == "documents":
        cols = DOCUMENT_COLUMNS
        sql = f"SELECT {', '.join('d.' + c for c in cols[:-1])}, NULL FROM documents d {where} ORDER BY d.path"
    elif table == "findings":
        cols = STORE_FINDING_COLUMNS
        sel = ", ".join(f"f.{c}" for c in FINDING_COLUMNS) + ", f.scope, f.related, d.sha256, f.line, " + _review_sel(con)
        sql = f"SELECT {sel} FROM findings f JOIN documents d ON d.id = f.doc_id{_review_join(con)} {where} ORDER BY d.path, f.pos"
    else:
        cols = STORE_COVERAGE_COLUMNS
        sql = f"SELECT c.file, c.code, c.name, c.family, c.checked, c.failed, c.untestable, c.untestable_reasons, c.scope, d.sha256 FROM coverage c JOIN documents d ON d.id = c.doc_id {where} ORDER BY d.path, c.scope, c.code"

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
        #: per finding, per evidence span: its line and column in the
        #: original file ([start line, start column, end line, end column]), or None
        self.regions: list[Any] = []
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


def _stored_audit(con: sqlite3.Connection, doc: dict[str, Any], path: str, rounding: str) -> StoredAudit:
    """The audit of a stored document, shown under ``path`` (its
    representative path: every finding's ``file`` is that path)."""
    fs, disp, regions = [], [], []
    for f in con.execute("SELECT * FROM findings WHERE doc_id = ? ORDER BY scope DESC, pos", (doc["id"],)):
        fd = dict(f)
        fd["evidence"] = json.loads(fd["evidence"] or "[]")
        fd["file"] = path
        fs.append(_finding(fd))
        disp.append((fd["line"] or 0, json.loads(fd["context"] or "[]")))
        regions.append(json.loads(fd["regions"]) if fd.get("regions") else None)
    sa = StoredAudit({**doc, "path": path}, fs, disp, rounding)
    sa.regions = regions
    return sa


_DOC_SQL = "SELECT id, path, sha256, format, agency, year, template, is_report, status, error_type, error_message, coverage_json, verdicts FROM documents WHERE sha256 = ? AND ruleset = ?"


class PathRecord:
    """One path of a run (or of the store as it is now) and its status.

    ``path`` is printable (bytes that are not UTF-8 as U+FFFD); ``status``
    one of :data:`PATH_STATUSES`; ``error_type`` / ``message`` say why a path
    failed, is unsupported, gone or pending; ``duplicate_of`` names the path
    whose bytes (and result) a duplicate shares; ``audit`` is the
    :class:`StoredAudit` of an ``ok`` path — for a duplicate, its
    representative's (findings under the representative's path) — and
    None otherwise."""

    __slots__ = ("path", "status", "error_type", "message", "duplicate_of", "sha256", "size", "audit")

    def __init__(self, path: str, status: str, error_type: str | None = None, message: str | None = None, duplicate_of: str | None = None,
                 sha256: str | None = None, size: int | None = None, audit: StoredAudit | None = None) -> None:
        self.path, self.status, self.error_type, self.message = path, status, error_type, message
        self.duplicate_of, self.sha256, self.size, self.audit = duplicate_of, sha256, size, audit

    def to_dict(self) -> dict[str, Any]:
        """``{file, status, error, message, duplicate_of, sha256}`` — the
        shape of an error entry in the JSON output, with the status."""
        return {"file": self.path, "status": self.status, "error": self.error_type, "message": self.message, "duplicate_of": self.duplicate_of, "sha256": self.sha256}

    def __repr__(self) -> str:
        extra = f" of {self.duplicate_of}" if self.duplicate_of else (f" {self.error_type}" if self.error_type else "")
        return f"<PathRecord {self.path} {self.status}{extra}>"


def iter_paths(db: str | os.PathLike[str], ruleset: str | None = None, run_id: int | None = None, rounding: str = DEFAULT_ROUNDING, *, audits: bool = True, gone: bool = False) -> Iterator[PathRecord]:
    """Every path of run ``run_id`` (with ``gone``, also the paths that run
    found gone) — default: of the store as it is now, gone paths included —
    in walk order, each with its status; with ``audits``, ``ok`` and
    ``duplicate`` records carry the (shared) :class:`StoredAudit`.
    ``ruleset``: that of the latest run by default."""
    con = _connect(db)
    con.row_factory = sqlite3.Row
    try:
        rs = resolve_ruleset(con, None if ruleset == "all" else ruleset) or ""
        shared: dict[str, StoredAudit | None] = {}
        for _pkey, path, sha, size, kind, etype, emsg, rep in _path_view(con, run_id, gone):
            if kind != "report":
                yield PathRecord(path, kind, etype, emsg, sha256=sha, size=size)
                continue
            row = con.execute(_DOC_SQL, (sha, rs)).fetchone()
            if row is None:
                yield PathRecord(path, "pending", None, f"{path}: not audited yet (the run was interrupted)", sha256=sha, size=size)
                continue
            doc = dict(row)
            a = None
            if audits and doc["status"] == "ok":
                if rep is None or sha not in shared:
                    a = _stored_audit(con, doc, rep or path, rounding)
                    shared[sha] = a if rep is None else None
                else:
                    a = shared.get(sha) or _stored_audit(con, doc, rep, rounding)
            if rep is not None:
                yield PathRecord(path, "duplicate", None, f"{path}: the same bytes as {rep}", duplicate_of=rep, sha256=sha, size=size, audit=a)
            else:
                yield PathRecord(path, doc["status"], doc["error_type"], doc["error_message"], sha256=sha, size=size, audit=a)
    finally:
        con.close()


def status_counts(db: str | os.PathLike[str], run_id: int | None = None, ruleset: str | None = None) -> dict[str, int]:
    """Paths by status (every key of :data:`PATH_STATUSES`, zeros included)
    — of run ``run_id``, or of the store as it is now."""
    out = {k: 0 for k in PATH_STATUSES}
    for r in iter_paths(db, ruleset, run_id, audits=False):
        out[r.status] = out.get(r.status, 0) + 1
    return out


def stored_audits(db: str | os.PathLike[str], ruleset: str, run_id: int, rounding: str = DEFAULT_ROUNDING) -> Iterator[tuple[str, StoredAudit | dict[str, Any]]]:
    """The audited contents of one run in walk order: ``("ok",
    StoredAudit)`` or ``("failed", {file, error, message})``, each content
    once, under its smallest path.  Paths that are unsupported or
    duplicates are not in it: :func:`iter_paths` gives every path."""
    for r in iter_paths(db, ruleset, run_id, rounding):
        if r.status == "ok" and r.audit is not None:
            yield "ok", r.audit
        elif r.status in ("failed", "pending") or (r.status == "unsupported" and r.sha256):
            yield "failed", {"file": r.path, "error": r.error_type, "message": r.message}
