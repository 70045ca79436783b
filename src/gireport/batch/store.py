"""The embedded result store: one SQLite file (WAL mode).

Tables (their columns are what :func:`gireport.load_results` returns, see
:mod:`gireport.batch.results`):

``documents``
    one row per audited content under one ruleset — unique on
    ``(sha256, ruleset)`` — with the path it was audited at, format,
    agency (as printed and normalised), year, template, status (``ok`` /
    ``failed`` / ``unsupported``), error type and message, finding counts
    and coverage totals, and (compressed) the facts the cross-year rules
    read and the verdicts (``Verdict.to_dict()`` records).
``findings``
    the Finding record of every finding (``scope`` ``file`` for a rule run
    on one report, ``corpus`` for the cross-year rules), with the line and
    context lines the text output prints.
``coverage``
    per document and rule: checked / failed / untestable.
``files``
    every path the runs met, as it is now: ``pkey`` (the path's bytes, with
    separators as NUL — lossless whatever the bytes, and the walk order),
    ``path`` (for display: undecodable bytes as U+FFFD), size, mtime, the
    content hash, ``kind`` (``report`` / ``unsupported`` / ``failed`` /
    ``gone``), the reason for the last three, and the runs that first and
    last saw it.  Which path of a content is its representative and which
    are duplicates is decided when reading (the smallest path).
``file_history``
    one row per change of a path (new, content changed, kind changed,
    gone): the store keeps the archive's history while the outputs show it
    as it is now.
``runs``
    one row per run: when, ruleset, counts.

Only the parent process writes, and only one run at a time: a run holds an
exclusive lock on the store file (``flock``) and a second run refuses with
:class:`~gireport.errors.StoreLocked`.  Each file's result is one
transaction, so a run killed at any moment leaves every file either wholly
recorded or not at all; a rerun skips contents already recorded under the
same ruleset.  Any SQLite failure (disk full, read-only) is raised as a
one-line :class:`~gireport.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError, StoreLocked
from ..audit.record import AuditRecord
from .walk import display_text, path_key

__all__ = ["Store", "SCHEMA_VERSION", "RECORD_FIELDS", "store_error", "held_lock_fds"]

#: descriptors holding a store lock in this process (closed by forked workers)
_HELD: set[int] = set()


def held_lock_fds() -> list[int]:
    return sorted(_HELD)

SCHEMA_VERSION = "2"

#: The documents columns an audit record is read back from (not the facts).
RECORD_FIELDS = ("id, path, sha256, size, status, format, agency, year, template, is_report, errors, warnings, infos, error_type, error_message,"
                 " coverage_json, verdicts, rounding, document")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT, finished TEXT, ruleset TEXT, argv TEXT,
    ok INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, workers INTEGER, seconds REAL, run_date TEXT
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
    coverage_json TEXT, facts BLOB, texts BLOB, verdicts BLOB, rounding TEXT, document TEXT,
    UNIQUE (sha256, ruleset)
);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT 'file',
    file TEXT, code TEXT, name TEXT, severity TEXT, message TEXT, message_en TEXT,
    evidence TEXT, reported TEXT, expected TEXT, section TEXT, fingerprint TEXT,
    line INTEGER, context TEXT, related TEXT, pos INTEGER, regions TEXT, shown TEXT
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
CREATE TABLE IF NOT EXISTS files (
    pkey BLOB PRIMARY KEY, path TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, sha256 TEXT,
    kind TEXT NOT NULL, error_type TEXT, error_message TEXT, first_run INTEGER, run_id INTEGER, seq INTEGER
);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE INDEX IF NOT EXISTS files_run ON files(run_id);
CREATE TABLE IF NOT EXISTS reviews (
    fingerprint TEXT PRIMARY KEY, mark TEXT NOT NULL, note TEXT, at TEXT
);
CREATE TABLE IF NOT EXISTS file_history (
    run_id INTEGER, pkey BLOB, path TEXT, sha256 TEXT, kind TEXT, error_type TEXT, at TEXT
);
"""
#: columns added to ``runs`` after the first schema
_RUN_COLUMNS = ("unsupported", "duplicate", "gone", "reused")
#: (table, column, type) added after the first schema
_ADDED_COLUMNS = (
    ("documents", "verdicts", "BLOB"), ("documents", "rounding", "TEXT"), ("documents", "document", "TEXT"),
    ("findings", "regions", "TEXT"), ("findings", "shown", "TEXT"), ("runs", "run_date", "TEXT"),
)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _reasons(d: dict[str, int] | None) -> str:
    return "; ".join(f"{k}={v}" for k, v in (d or {}).items())


def _t(v: Any) -> Any:
    """A value SQLite can store: text with undecodable bytes shown as U+FFFD."""
    return display_text(v) if isinstance(v, str) else v


def store_error(path: str, e: BaseException) -> StoreError:
    """A one-line typed error for an SQLite or OS failure on the store."""
    msg = str(e)
    low = msg.lower()
    if isinstance(e, StoreError):
        return e
    if "locked" in low or "busy" in low:
        return StoreLocked(path, "the result store is locked by another process; wait for it to finish, or use another --db")
    if "not a database" in low or "malformed" in low:
        return StoreError(path, "not a gireport result store (or a damaged one); give another --db")
    if "unable to open" in low or getattr(e, "errno", None) in (2, 20, 21):
        return StoreError(path, "cannot open the result store (missing folder, a folder in its place, or no permission)")
    if "full" in low or getattr(e, "errno", None) == 28:
        why = "the disk is full"
    elif "readonly" in low or "read-only" in low or getattr(e, "errno", None) in (1, 13, 30):
        why = "the store or its folder is read-only"
    else:
        why = f"store error ({type(e).__name__}: {msg})"
    return StoreError(path, f"cannot write the result store: {why}; files already recorded are kept and the next run resumes")


_TEST_PRAGMA_ENV = "GIREPORT_TEST_STORE"  # test hook: "full:<pages>" or "readonly"


def _finding_values(scope: str, f: dict[str, Any], line: int | None, ctx: list[str], related: str | None, pos: int) -> tuple[Any, ...]:
    """A findings row after its ``doc_id``."""
    return (
        scope, _t(f.get("file")), f.get("code"), f.get("name"), f.get("severity"), _t(f.get("message")), _t(f.get("message_en")),
        _t(json.dumps(f.get("evidence") or [], ensure_ascii=False)), _t(f.get("reported")), _t(f.get("expected")), f.get("section"), f.get("fingerprint"),
        line, _t(json.dumps(ctx or [], ensure_ascii=False)), _t(related), pos,
    )


_RULES: dict[str, tuple[str | None, str | None]] = {}


def _rule_info(code: str) -> tuple[str | None, str | None]:
    """(name, family) of a rule code, from a table read once (again for a
    code registered since)."""
    info = _RULES.get(code)
    if info is None:
        from ..audit import select_rules

        _RULES.clear()
        _RULES.update({r.code: (r.name, r.family) for r in select_rules()})
        info = _RULES.get(code, (None, None))
    return info


def record_rows(res: AuditRecord) -> dict[str, Any]:
    """What :meth:`Store.add_result` writes for ``res`` that depends on the
    record alone: its agency key, coverage and document as JSON, and its
    findings and coverage rows (without the document id).  A batch worker
    computes them with the record (``AuditRecord.store_rows``), so that the
    run's parent, which every worker waits on, only executes statements."""
    from .crossyear import agency_key as _key

    cov = res.coverage or {}
    path = display_text(res.file)
    ok = res.status == "ok"
    findings = []
    for i, (f, sh) in enumerate(res.located()):
        findings.append(_finding_values("file", f.to_dict(), sh.line, sh.context, None, i) + (
            json.dumps(sh.regions) if sh.regions else None,
            _t(json.dumps({"sentences": sh.sentences, "grids": sh.grids}, ensure_ascii=False)) if (sh.sentences or sh.grids) else None,
        ))
    coverage = []
    for code, r in (cov.get("rules") or {}).items():
        name, family = _rule_info(code)
        coverage.append(("file", path, code, r.get("name") or name, family, r.get("checked", 0), r.get("failed", 0), r.get("untestable", 0), _reasons(r.get("untestable_reasons"))))
    return {
        "file": res.file,
        "agency_key": _t(_key(res.agency)) if ok else None,
        "coverage_json": json.dumps(cov, ensure_ascii=False) if cov else None,
        "document_json": _t(json.dumps(res.document, ensure_ascii=False)) if res.document else None,
        "findings": findings,
        "coverage": coverage,
    }


class _Transaction:
    """One ``BEGIN IMMEDIATE`` … ``COMMIT`` on a store (``ROLLBACK`` when
    the block raises); an SQLite error becomes the store's typed error."""

    __slots__ = ("store",)

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        store = self.store
        try:
            store.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise store_error(store.path, e) from None

    def __exit__(self, et: Any, ev: Any, tb: Any) -> None:
        store = self.store
        try:
            store.db.execute("COMMIT" if et is None else "ROLLBACK")
        except sqlite3.Error as e:
            if et is None:
                try:
                    store.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                raise store_error(store.path, e) from None
        if et is not None and issubclass(et, sqlite3.Error):
            raise store_error(store.path, ev) from None


class Store:
    """A results store at ``path`` (created when missing).  ``lock``: hold
    an exclusive lock on it until :meth:`close` (a second writer gets
    :class:`~gireport.errors.StoreLocked`)."""

    def __init__(self, path: str | os.PathLike[str], *, lock: bool = True) -> None:
        self.path = os.fspath(path)
        self._lockfd: int | None = None
        self.db: sqlite3.Connection | None = None
        try:
            if lock:
                self._lock()
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
            # columns added since the first schema (a store written before them gets them, empty)
            for table, col, kind in _ADDED_COLUMNS:
                if col not in {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {col} {kind}")
            rcols = {r[1] for r in self.db.execute("PRAGMA table_info(runs)")}
            for c in _RUN_COLUMNS:
                if c not in rcols:
                    self.db.execute(f"ALTER TABLE runs ADD COLUMN {c} INTEGER DEFAULT 0")
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            self.db.execute("UPDATE meta SET value=? WHERE key='schema_version' AND value < ?", (SCHEMA_VERSION, SCHEMA_VERSION))
            self._test_hook()
        except (sqlite3.Error, OSError) as e:
            self._release()
            raise store_error(self.path, e) from None
        except BaseException:
            self._release()
            raise

    def _lock(self) -> None:
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            try:
                fd = os.open(self.path, os.O_RDONLY)  # a read-only store: found out at the first write
            except OSError:
                raise e from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreLocked(self.path, "the result store is in use by another gireport run; wait for it to finish, or use another --db") from None
        self._lockfd = fd
        _HELD.add(fd)

    def _test_hook(self) -> None:
        hook = os.environ.get(_TEST_PRAGMA_ENV)
        if not hook:
            return
        assert self.db is not None
        if hook.startswith("full:"):
            pages = self.db.execute("PRAGMA page_count").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count={pages + int(hook[5:])}")
        elif hook == "readonly":
            self.db.execute("PRAGMA query_only=ON")

    def _release(self) -> None:
        # the lock goes last: closing another descriptor of the file would
        # drop SQLite's own locks, so it is held until the connection is closed
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:  # pragma: no cover
                pass
            self.db = None
        if self._lockfd is not None:
            _HELD.discard(self._lockfd)
            try:
                os.close(self._lockfd)
            except OSError:  # pragma: no cover
                pass
            self._lockfd = None

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:  # pragma: no cover
                pass
        self._release()

    def __del__(self) -> None:  # a store dropped without close() lets go of its lock
        try:
            self._release()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """SQLite and OS failures as :class:`~gireport.errors.StoreError`."""
        try:
            yield
        except (sqlite3.Error, OSError) as e:
            raise store_error(self.path, e) from None

    # --- runs ------------------------------------------------------------
    def begin_run(self, ruleset: str, argv: list[str] | None = None, workers: int | None = None) -> int:
        from ..output.provenance import run_date

        with self.guard():
            cur = self.db.execute("INSERT INTO runs (started, ruleset, argv, workers, run_date) VALUES (?, ?, ?, ?, ?)",
                                  (_now(), ruleset, json.dumps([_t(a) for a in argv or []], ensure_ascii=False), workers, run_date()))
        return int(cur.lastrowid)

    def end_run(self, run_id: int, ok: int, failed: int, skipped: int, seconds: float, **counts: int) -> None:
        sets = "".join(f", {c}=?" for c in _RUN_COLUMNS if c in counts)
        vals = [counts[c] for c in _RUN_COLUMNS if c in counts]
        with self.guard():
            self.db.execute(f"UPDATE runs SET finished=?, ok=?, failed=?, skipped=?, seconds=?{sets} WHERE id=?", (_now(), ok, failed, skipped, round(seconds, 3), *vals, run_id))

    def latest_ruleset(self) -> str | None:
        row = self.db.execute("SELECT ruleset FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    # --- lookups ---------------------------------------------------------
    def find(self, sha256: str, ruleset: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        try:
            with self.guard():
                return self.db.execute(f"SELECT {RECORD_FIELDS} FROM documents WHERE sha256=? AND ruleset=?", (sha256, ruleset)).fetchone()
        finally:
            self.db.row_factory = None

    def forget(self, doc_id: int) -> None:
        with self._tx():
            self.db.execute("DELETE FROM documents WHERE id=?", (doc_id,))

    # --- paths -----------------------------------------------------------
    def see(self, path: str, kind: str, run_id: int, *, sha256: str | None = None, size: int | None = None, mtime_ns: int | None = None,
            error_type: str | None = None, error_message: str | None = None, seq: int | None = None) -> None:
        """Record that this run met ``path`` as it is now (one transaction);
        a change of content or kind is appended to ``file_history``."""
        key = path_key(path)
        with self._tx():
            old = self.db.execute("SELECT sha256, kind, error_type FROM files WHERE pkey=?", (key,)).fetchone()
            if old is None or tuple(old) != (sha256, kind, error_type):
                self.db.execute("INSERT INTO file_history VALUES (?,?,?,?,?,?,?)", (run_id, key, _t(path), sha256, kind, error_type, _now()))
            self.db.execute(
                "INSERT INTO files (pkey, path, size, mtime_ns, sha256, kind, error_type, error_message, first_run, run_id, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(pkey) DO UPDATE SET path=excluded.path, size=excluded.size, mtime_ns=excluded.mtime_ns, sha256=excluded.sha256, kind=excluded.kind,"
                " error_type=excluded.error_type, error_message=excluded.error_message, run_id=excluded.run_id, seq=excluded.seq",
                (key, _t(path), size, mtime_ns, sha256, kind, error_type, _t(error_message), run_id, run_id, seq),
            )

    def mark_gone(self, folders: list[str], run_id: int) -> int:
        """Paths under the walked ``folders`` that this run did not meet are
        ``gone`` (kept, with their history).  Returns how many."""
        n = 0
        with self._tx():
            for folder in folders:
                prefix = path_key(folder.rstrip("/") or "/").rstrip(b"\x00") + b"\x00"
                rows = self.db.execute(
                    "SELECT pkey, path, sha256 FROM files WHERE substr(pkey, 1, ?) = ? AND run_id != ? AND kind != 'gone'", (len(prefix), prefix, run_id)
                ).fetchall()
                for key, path, sha in rows:
                    self.db.execute("UPDATE files SET kind='gone', error_type='Gone', error_message=?, run_id=? WHERE pkey=?", (f"{path}: no longer in the archive (deleted or renamed)", run_id, key))
                    self.db.execute("INSERT INTO file_history VALUES (?,?,?,?,?,?,?)", (run_id, key, path, sha, "gone", "Gone", _now()))
                    n += 1
        return n

    # --- writing ---------------------------------------------------------
    def _tx(self) -> _Transaction:
        return _Transaction(self)

    def add_result(self, res: AuditRecord, ruleset: str, *, mtime_ns: int | None = None, run_id: int | None = None, seq: int | None = None) -> int | None:
        """Record one audited content in one transaction (and the path it
        was audited at, when that content differs from what the walk saw);
        returns the document id (None when that content was already
        recorded)."""
        sha = res.sha256 or f"unread:{display_text(res.file)}"
        cov = res.coverage or {}
        c = res.counts()
        rows = res.store_rows if res.store_rows is not None and res.store_rows.get("file") == res.file else record_rows(res)
        res.store_rows = None  # written now; the record goes on without them
        path = display_text(res.file)
        verdicts = res.packed_verdicts() if res.status == "ok" else None
        with self._tx():
            cur = self.db.execute(
                "INSERT OR IGNORE INTO documents (sha256, ruleset, path, size, format, agency, agency_key, year, template, is_report, status, error_type, error_message,"
                " errors, warnings, infos, claims, checked, untestable, elapsed, run_id, audited_at, coverage_json, facts, texts, verdicts, rounding, document)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sha, ruleset, path, res.size, res.format, _t(res.agency), rows["agency_key"], res.year, res.template,
                    None if res.is_report is None else int(res.is_report), res.status, res.error_type, _t(res.error_message),
                    c["error"], c["warning"], c["info"],
                    sum((cov.get("claims") or {}).values()) if cov else None, cov.get("checked"), cov.get("untestable"),
                    res.elapsed, run_id, _now(), rows["coverage_json"], res.facts, res.texts, verdicts,
                    res.rounding, rows["document_json"],
                ),
            )
            doc_id = cur.lastrowid if cur.rowcount else None
            if doc_id is not None:
                self.db.executemany("INSERT INTO findings (doc_id, scope, file, code, name, severity, message, message_en, evidence, reported, expected, section, fingerprint, line, context, related, pos, regions, shown)"
                                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [(doc_id, *r) for r in rows["findings"]])
                self.db.executemany("INSERT INTO coverage VALUES (?,?,?,?,?,?,?,?,?,?)", [(doc_id, *r) for r in rows["coverage"]])
            if res.sha256:  # the content read may differ from the one hashed (edited meanwhile)
                self.db.execute("UPDATE files SET sha256=? WHERE pkey=? AND kind='report' AND sha256 IS NOT ?", (res.sha256, path_key(res.file), res.sha256))
        return doc_id

    @staticmethod
    def _finding_row(doc_id: int, scope: str, f: dict[str, Any], line: int | None, ctx: list[str], related: str | None, pos: int) -> tuple[Any, ...]:
        return (doc_id, *_finding_values(scope, f, line, ctx, related, pos))

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
            self.db.executemany("INSERT INTO coverage VALUES (?,?,?,?,?,?,?,?,?,?)", [tuple(_t(v) for v in r) for r in coverage])

    # --- reading ---------------------------------------------------------
    def corpus_rows(self, ruleset: str) -> list[tuple[Any, ...]]:
        """(id, path, format, agency, agency_key, year, is_report) of every
        readable document of ``ruleset`` that is in the archive as it is
        now — once per content, under its representative (smallest) path;
        an edited file's old content and a deleted file's are left out.
        Facts are read one by one with :meth:`facts`."""
        with self.guard():
            rows = self.db.execute(
                "SELECT d.id, f.path, d.format, d.agency, d.agency_key, d.year, d.is_report, MIN(f.pkey) AS k FROM documents d"
                " JOIN files f ON f.sha256 = d.sha256 AND f.kind = 'report'"
                " WHERE d.ruleset=? AND d.status='ok' AND d.facts IS NOT NULL GROUP BY d.id ORDER BY k",
                (ruleset,),
            ).fetchall()
        return [tuple(r[:7]) for r in rows]

    def facts(self, doc_id: int) -> bytes | None:
        row = self.db.execute("SELECT facts FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def texts(self, doc_id: int) -> bytes | None:
        row = self.db.execute("SELECT texts FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    #: The marks a reviewer can give a finding.
    REVIEW_MARKS = ("confirmed", "dismissed")

    def review(self, fingerprint: str, mark: str | None, note: str | None = None) -> None:
        """Mark the finding(s) with ``fingerprint`` confirmed or dismissed
        (``note``: why), or clear the mark (``mark`` None).  Kept by
        fingerprint, so reruns and later runs keep it."""
        assert self.db is not None
        with self.guard():
            if mark is None:
                self.db.execute("DELETE FROM reviews WHERE fingerprint = ?", (fingerprint,))
            else:
                if mark not in self.REVIEW_MARKS:
                    raise ValueError(f"mark must be one of {', '.join(self.REVIEW_MARKS)}")
                self.db.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?)", (fingerprint, mark, _t(note), _now()))

    def reviews(self) -> dict[str, tuple[str, str | None, str]]:
        """fingerprint → (mark, note, when)."""
        assert self.db is not None
        return {r[0]: (r[1], r[2], r[3]) for r in self.db.execute("SELECT fingerprint, mark, note, at FROM reviews ORDER BY fingerprint")}

    def has_finding(self, fingerprint: str) -> bool:
        assert self.db is not None
        return self.db.execute("SELECT 1 FROM findings WHERE fingerprint = ? LIMIT 1", (fingerprint,)).fetchone() is not None

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
