"""The embedded result store: one SQLite file (WAL mode).

Tables (their columns are what :func:`gireport.load_results` returns, see
:mod:`gireport.batch.results`):

``documents``
    one row per audited content under one ruleset — unique on
    ``(sha256, ruleset)`` — with the path it was first seen at, format,
    agency (as printed and normalised), year, template, status (``ok`` /
    ``failed``), error type and message, finding counts and coverage totals,
    and (compressed) the facts the cross-year rules read and the verdicts
    (``Verdict.to_dict()`` records).
``findings``
    the Finding record of every finding (``scope`` ``file`` for a rule run
    on one report, ``corpus`` for the cross-year rules), with the line and
    context lines the text output prints.
``coverage``
    per document and rule: checked / failed / untestable.
``paths``
    every path a run met, with size, mtime and content hash (a rerun does
    not re-hash unchanged files).
``runs``
    one row per run: when, ruleset, counts.

Only the parent process writes.  Each file's result is one transaction, so
a run killed at any moment leaves every file either wholly recorded or not
at all; a rerun skips contents already recorded under the same ruleset.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from typing import Any

from .model import AuditResult

__all__ = ["Store", "SCHEMA_VERSION"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT, finished TEXT, ruleset TEXT, argv TEXT,
    ok INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, workers INTEGER, seconds REAL
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL, ruleset TEXT NOT NULL,
    path TEXT NOT NULL, size INTEGER,
    format TEXT, agency TEXT, agency_key TEXT, year INTEGER, template TEXT, is_report INTEGER,
    status TEXT NOT NULL, error_type TEXT, error_message TEXT,
    errors INTEGER DEFAULT 0, warnings INTEGER DEFAULT 0, infos INTEGER DEFAULT 0,
    claims INTEGER, checked INTEGER, untestable INTEGER,
    elapsed REAL, run_id INTEGER, audited_at TEXT,
    coverage_json TEXT, facts BLOB, texts BLOB, verdicts BLOB,
    UNIQUE (sha256, ruleset)
);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT 'file',
    file TEXT, code TEXT, name TEXT, severity TEXT, message TEXT, message_en TEXT,
    evidence TEXT, reported TEXT, expected TEXT, section TEXT, fingerprint TEXT,
    line INTEGER, context TEXT, related TEXT, pos INTEGER
);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(doc_id);
CREATE TABLE IF NOT EXISTS coverage (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT 'file',
    file TEXT, code TEXT, name TEXT, family TEXT,
    checked INTEGER, failed INTEGER, untestable INTEGER, untestable_reasons TEXT
);
CREATE INDEX IF NOT EXISTS coverage_doc ON coverage(doc_id);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, run_id INTEGER, seq INTEGER
);
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _reasons(d: dict[str, int] | None) -> str:
    return "; ".join(f"{k}={v}" for k, v in (d or {}).items())


class Store:
    """A results store at ``path`` (created when missing)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(_SCHEMA)
        cols = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
        if "verdicts" not in cols:  # a store written before verdicts were kept
            self.db.execute("ALTER TABLE documents ADD COLUMN verdicts BLOB")
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        self._families: dict[str, str] = {}

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:  # pragma: no cover
            pass
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- runs ------------------------------------------------------------
    def begin_run(self, ruleset: str, argv: list[str] | None = None, workers: int | None = None) -> int:
        cur = self.db.execute("INSERT INTO runs (started, ruleset, argv, workers) VALUES (?, ?, ?, ?)", (_now(), ruleset, json.dumps(argv or [], ensure_ascii=False), workers))
        return int(cur.lastrowid)

    def end_run(self, run_id: int, ok: int, failed: int, skipped: int, seconds: float) -> None:
        self.db.execute("UPDATE runs SET finished=?, ok=?, failed=?, skipped=?, seconds=? WHERE id=?", (_now(), ok, failed, skipped, round(seconds, 3), run_id))

    def latest_ruleset(self) -> str | None:
        row = self.db.execute("SELECT ruleset FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    # --- lookups ---------------------------------------------------------
    def known_sha(self, path: str, size: int, mtime_ns: int) -> str | None:
        row = self.db.execute("SELECT sha256 FROM paths WHERE path=? AND size=? AND mtime_ns=?", (path, size, mtime_ns)).fetchone()
        return row[0] if row else None

    def find(self, sha256: str, ruleset: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        try:
            return self.db.execute("SELECT id, path, status, format, agency, year, template, is_report, errors, warnings, infos, error_type, error_message, coverage_json FROM documents WHERE sha256=? AND ruleset=?", (sha256, ruleset)).fetchone()
        finally:
            self.db.row_factory = None

    def forget(self, doc_id: int) -> None:
        with self._tx():
            self.db.execute("DELETE FROM documents WHERE id=?", (doc_id,))

    def note_path(self, path: str, size: int | None, mtime_ns: int | None, sha256: str | None, run_id: int | None, seq: int | None = None) -> None:
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?, ?, ?)", (path, size, mtime_ns, sha256, run_id, seq))

    # --- writing ---------------------------------------------------------
    def _tx(self) -> Any:
        store = self

        class _T:
            def __enter__(self) -> None:
                store.db.execute("BEGIN IMMEDIATE")

            def __exit__(self, et: Any, ev: Any, tb: Any) -> None:
                store.db.execute("COMMIT" if et is None else "ROLLBACK")

        return _T()

    def _family(self, code: str) -> str | None:
        if not self._families:
            from ..audit import select_rules

            self._families = {r.code: r.family for r in select_rules()}
        return self._families.get(code)

    def add_result(self, res: AuditResult, ruleset: str, *, mtime_ns: int | None = None, run_id: int | None = None, seq: int | None = None) -> int | None:
        """Record one file's result in one transaction; returns the document
        id (None when that content was already recorded)."""
        sha = res.sha256 or f"unread:{res.file}"
        cov = res.coverage or {}
        c = res.counts or {}
        from .crossyear import agency_key as _key

        agency_key = _key(res.agency) if res.status == "ok" else None
        with self._tx():
            cur = self.db.execute(
                "INSERT OR IGNORE INTO documents (sha256, ruleset, path, size, format, agency, agency_key, year, template, is_report, status, error_type, error_message,"
                " errors, warnings, infos, claims, checked, untestable, elapsed, run_id, audited_at, coverage_json, facts, texts, verdicts)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sha, ruleset, res.file, res.size, res.format, res.agency, agency_key, res.year, res.template,
                    None if res.is_report is None else int(res.is_report), res.status, res.error_type, res.error_message,
                    c.get("error", 0), c.get("warning", 0), c.get("info", 0),
                    sum((cov.get("claims") or {}).values()) if cov else None, cov.get("checked"), cov.get("untestable"),
                    res.elapsed, run_id, _now(), json.dumps(cov, ensure_ascii=False) if cov else None, res.facts, res.texts, res.verdicts,
                ),
            )
            doc_id = cur.lastrowid if cur.rowcount else None
            if doc_id is not None:
                rows = []
                for i, f in enumerate(res.findings):
                    line, ctx = res.display[i] if i < len(res.display) else (None, [])
                    rows.append(self._finding_row(doc_id, "file", f, line, ctx, None, i))
                self.db.executemany("INSERT INTO findings (doc_id, scope, file, code, name, severity, message, message_en, evidence, reported, expected, section, fingerprint, line, context, related, pos) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
                cov_rows = [
                    (doc_id, "file", res.file, code, r.get("name") or self._name(code), self._family(code), r.get("checked", 0), r.get("failed", 0), r.get("untestable", 0), _reasons(r.get("untestable_reasons")))
                    for code, r in (cov.get("rules") or {}).items()
                ]
                self.db.executemany("INSERT INTO coverage VALUES (?,?,?,?,?,?,?,?,?,?)", cov_rows)
            self.db.execute("INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?, ?, ?)", (res.file, res.size, mtime_ns if res.sha256 else None, sha, run_id, seq))
        return doc_id

    def _name(self, code: str) -> str | None:
        try:
            from ..audit import get_rule

            return get_rule(code).name
        except KeyError:
            return None

    @staticmethod
    def _finding_row(doc_id: int, scope: str, f: dict[str, Any], line: int | None, ctx: list[str], related: str | None, pos: int) -> tuple[Any, ...]:
        return (
            doc_id, scope, f.get("file"), f.get("code"), f.get("name"), f.get("severity"), f.get("message"), f.get("message_en"),
            json.dumps(f.get("evidence") or [], ensure_ascii=False), f.get("reported"), f.get("expected"), f.get("section"), f.get("fingerprint"),
            line, json.dumps(ctx or [], ensure_ascii=False), related, pos,
        )

    def replace_corpus_results(self, ruleset: str, findings: list[tuple[int, dict[str, Any], int | None, list[str], str | None]], coverage: list[tuple[Any, ...]]) -> None:
        """Replace every corpus-scope finding and coverage row of ``ruleset``
        (one transaction).  ``findings``: (doc_id, Finding dict, line,
        context, related path)."""
        with self._tx():
            ids = "SELECT id FROM documents WHERE ruleset=?"
            self.db.execute(f"DELETE FROM findings WHERE scope='corpus' AND doc_id IN ({ids})", (ruleset,))
            self.db.execute(f"DELETE FROM coverage WHERE scope='corpus' AND doc_id IN ({ids})", (ruleset,))
            rows = [self._finding_row(d, "corpus", f, line, ctx, rel, 10_000 + i) for i, (d, f, line, ctx, rel) in enumerate(findings)]
            self.db.executemany("INSERT INTO findings (doc_id, scope, file, code, name, severity, message, message_en, evidence, reported, expected, section, fingerprint, line, context, related, pos) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            self.db.executemany("INSERT INTO coverage VALUES (?,?,?,?,?,?,?,?,?,?)", coverage)

    # --- reading ---------------------------------------------------------
    def corpus_rows(self, ruleset: str) -> list[tuple[Any, ...]]:
        """(id, path, format, agency, agency_key, year, is_report) of every
        readable document of ``ruleset`` (facts are read one by one with
        :meth:`facts`)."""
        return self.db.execute(
            "SELECT id, path, format, agency, agency_key, year, is_report FROM documents WHERE ruleset=? AND status='ok' AND facts IS NOT NULL ORDER BY path", (ruleset,)
        ).fetchall()

    def facts(self, doc_id: int) -> bytes | None:
        row = self.db.execute("SELECT facts FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def texts(self, doc_id: int) -> bytes | None:
        row = self.db.execute("SELECT texts FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
