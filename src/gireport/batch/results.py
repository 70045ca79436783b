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
from dataclasses import replace
from typing import Any, NamedTuple

from ..audit.engine import DEFAULT_ROUNDING
from ..audit.finding import FINDING_COLUMNS
from ..audit.record import AuditRecord, Shown, finding_from_dict, verdict_from_dict
from .store import RECORD_FIELDS

__all__ = [
    "load_results", "Results", "DOCUMENT_COLUMNS", "STORE_FINDING_COLUMNS", "STORE_COVERAGE_COLUMNS", "STORE_CELL_COLUMNS", "stored_record",
    "resolve_ruleset", "PathRecord", "iter_paths", "StoredRecords", "status_counts", "PATH_STATUSES", "run_date_of", "store_documents", "DocumentFacts", "is_store",
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
# Audit records: what the outputs render, read back from the store
# --------------------------------------------------------------------------
def stored_record(con: sqlite3.Connection, doc: Any, path: str, *, scope: str | None = None, status: str | None = None,
                  duplicate_of: str | None = None) -> AuditRecord:
    """The :class:`~gireport.audit.AuditRecord` of a stored document (a row
    of :data:`~gireport.batch.store.RECORD_FIELDS`), shown under ``path``
    (every finding's ``file`` is that path); ``scope``: only the findings of
    that scope (``file``: those of the single-report rules)."""
    doc = dict(doc)
    where = "" if scope is None else " AND f.scope = ?"
    args: tuple[Any, ...] = (doc["id"],) if scope is None else (doc["id"], scope)
    fs, shown = [], []
    have = _columns(con, "findings")
    extra = ", ".join(f"f.{c}" if c in have else "NULL" for c in ("regions", "shown"))
    for row in con.execute(
        f"SELECT f.code, f.name, f.severity, f.message, f.message_en, f.evidence, f.reported, f.expected, f.section, f.line, f.context, {extra}, f.scope, f.related, {_review_sel(con)}"
        f" FROM findings f{_review_join(con)} WHERE f.doc_id = ?{where} ORDER BY f.scope DESC, f.pos", args
    ):
        code, name, sev, msg, msg_en, ev, rep, exp, sec, line, ctx, regions, extra, sc, related, mark, note = row
        fs.append(finding_from_dict({"code": code, "name": name, "severity": sev, "message": msg, "message_en": msg_en, "evidence": json.loads(ev or "[]"),
                                     "reported": rep, "expected": exp, "section": sec, "file": path}))
        more = json.loads(extra) if extra else {}
        shown.append(Shown(line=line or 0, context=json.loads(ctx or "[]"), sentences=more.get("sentences") or [], grids=more.get("grids") or [],
                           regions=json.loads(regions) if regions else [], scope=sc or "file", related=related, review=mark, review_note=note))
    blob = doc.get("verdicts")

    def verdicts() -> list[Any]:
        vs = [verdict_from_dict(v) for v in json.loads(zlib.decompress(blob).decode("utf-8"))] if blob else []
        return [replace(v, file=path) if v.file is not None and v.file != path else v for v in vs]

    return AuditRecord(
        file=path,
        status=status or doc["status"],
        error_type=doc.get("error_type"),
        error_message=doc.get("error_message"),
        sha256=doc.get("sha256"),
        size=doc.get("size"),
        format=doc.get("format"),
        agency=doc.get("agency"),
        year=doc.get("year"),
        template=doc.get("template"),
        is_report=None if doc.get("is_report") is None else bool(doc["is_report"]),
        rounding=doc.get("rounding") or DEFAULT_ROUNDING,
        coverage=json.loads(doc["coverage_json"]) if doc.get("coverage_json") else {},
        findings=fs,
        shown=shown,
        document=json.loads(doc["document"]) if doc.get("document") else {},
        duplicate_of=duplicate_of,
    ).defer_verdicts(verdicts)


#: A path of a run and its status: an :class:`~gireport.audit.AuditRecord`
#: (the name is kept from gireport 0.x).
PathRecord = AuditRecord

def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}


def _doc_sql(con: sqlite3.Connection) -> str:
    """The documents query of :data:`RECORD_FIELDS`, a column a store
    written before it was kept read as NULL (the store is opened read-only,
    so it is not migrated here)."""
    have = _columns(con, "documents")
    fields = [f.strip() for f in RECORD_FIELDS.split(",")]
    sel = ", ".join(f if f in have else f"NULL AS {f}" for f in fields)
    return f"SELECT {sel} FROM documents WHERE sha256 = ? AND ruleset = ?"


class StoredRecords:
    """The records of one run of a store (:func:`iter_paths` of ``db``,
    ``ruleset``, ``run_id``), read from the store afresh each time they are
    iterated, one at a time: what the outputs read when an archive's
    results are too many to hold (``audit_paths(in_memory=False)``)."""

    def __init__(self, db: str | os.PathLike[str], ruleset: str | None = None, run_id: int | None = None) -> None:
        self.db = os.fspath(db)
        self.ruleset = ruleset
        self.run_id = run_id

    def __iter__(self) -> Iterator[AuditRecord]:
        return iter_paths(self.db, self.ruleset, self.run_id)

    def __repr__(self) -> str:
        return f"StoredRecords({self.db!r}, run {self.run_id})"


def iter_paths(db: str | os.PathLike[str], ruleset: str | None = None, run_id: int | None = None, rounding: str | None = None, *, audits: bool = True, gone: bool = False) -> Iterator[AuditRecord]:
    """Every path of run ``run_id`` (with ``gone``, also the paths that run
    found gone) — default: of the store as it is now, gone paths included —
    in walk order, each an :class:`~gireport.audit.AuditRecord` with its
    status: ``ok`` with its findings (with ``audits``; without, only the
    status), ``duplicate`` naming the path whose bytes and findings it
    shares (``duplicate_of``; no findings of its own), ``failed``,
    ``unsupported``, ``gone`` or ``pending`` with the reason.  ``ruleset``:
    that of the latest run by default."""
    con = _connect(db)
    con.row_factory = sqlite3.Row
    try:
        rs = resolve_ruleset(con, None if ruleset == "all" else ruleset) or ""
        doc_sql = _doc_sql(con)
        for _pkey, path, sha, size, kind, etype, emsg, rep in _path_view(con, run_id, gone):
            if kind != "report":
                yield AuditRecord(file=path, status=kind, error_type=etype, error_message=emsg, sha256=sha, size=size)
                continue
            row = con.execute(doc_sql, (sha, rs)).fetchone()
            if row is None:
                yield AuditRecord(file=path, status="pending", error_message=f"{path}: not audited yet (the run was interrupted)", sha256=sha, size=size)
                continue
            if rep is not None:
                yield AuditRecord(file=path, status="duplicate", error_message=f"{path}: the same bytes as {rep}", duplicate_of=rep, sha256=sha, size=size,
                                  format=row["format"], agency=row["agency"], year=row["year"], template=row["template"])
                continue
            if audits and row["status"] == "ok":
                r = stored_record(con, row, path)
            else:
                r = AuditRecord(file=path, status=row["status"], error_type=row["error_type"], error_message=row["error_message"], sha256=sha,
                                format=row["format"], agency=row["agency"], year=row["year"], template=row["template"])
            r.size = size
            yield r
    finally:
        con.close()


class DocumentFacts(NamedTuple):
    """A stored document as the indicators read it: its path, its facts
    (tables, agency, year, template) and the text of its prose sections."""

    file: str
    facts: dict[str, Any]
    texts: dict[str, str]


def store_documents(db: str | os.PathLike[str], ruleset: str | None = None) -> Iterator[DocumentFacts]:
    """Every audited document of the store as it is now (each content
    once, under its smallest path), with its facts and prose texts."""
    from ..audit.record import unpack

    paths = [(r.file, r.sha256) for r in iter_paths(db, ruleset, audits=False) if r.status == "ok"]
    con = _connect(db)
    try:
        rs = resolve_ruleset(con, None if ruleset == "all" else ruleset) or ""
        for path, sha in paths:
            row = con.execute("SELECT facts, texts FROM documents WHERE sha256 = ? AND ruleset = ?", (sha, rs)).fetchone()
            yield DocumentFacts(path, unpack(row[0]) if row and row[0] else {}, unpack(row[1]) if row and row[1] else {})
    finally:
        con.close()


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an SQLite file (a result store, by its header)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def run_date_of(db: str | os.PathLike[str], ruleset: str | None = None) -> str | None:
    """The date of the latest run (of ``ruleset``) that the store records,
    or None (a store written before run dates were kept)."""
    con = _connect(db)
    try:
        rs = resolve_ruleset(con, None if ruleset == "all" else ruleset)
        cols = {r[1] for r in con.execute("PRAGMA table_info(runs)")}
        if "run_date" not in cols:
            return None
        row = con.execute("SELECT run_date FROM runs WHERE (? IS NULL OR ruleset = ?) ORDER BY id DESC LIMIT 1", (rs, rs)).fetchone()
        return row[0] if row and row[0] else None
    finally:
        con.close()


def status_counts(db: str | os.PathLike[str], run_id: int | None = None, ruleset: str | None = None) -> dict[str, int]:
    """Paths by status (every key of :data:`PATH_STATUSES`, zeros included)
    — of run ``run_id``, or of the store as it is now."""
    out = {k: 0 for k in PATH_STATUSES}
    for r in iter_paths(db, ruleset, run_id, audits=False):
        out[r.status] = out.get(r.status, 0) + 1
    return out
