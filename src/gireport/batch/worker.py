"""Auditing one file, in whatever process runs it.

:func:`audit_file` never raises: every outcome, including a crash of the
parser, becomes an :class:`~gireport.audit.AuditRecord`.  It is the
function the isolated pool's workers run (:func:`worker_main`) and the one an
external ``concurrent.futures.Executor`` (dask …) is given.

Besides findings and coverage the result carries, compressed, the *facts* the
cross-year rules need (see :mod:`gireport.batch.crossyear`): agency, year,
the standard tables' cells, the top-level sections with their spans, and the
text of the prose sections.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
from typing import Any

from ..audit.record import AuditRecord, pack, unpack
from .model import TaskConfig
from .walk import display_text

from ..limits import apply_memory_limit, die_with_parent  # noqa: F401 (apply_memory_limit is part of this module's API)

__all__ = ["audit_file", "file_sha256", "worker_main", "apply_memory_limit", "collect_facts", "pack", "unpack"]

#: Section kinds whose text is compared year on year (GR703).  In the 2019
#: and 2021 templates 二、三、四 are standard tables, so only the prose parts
#: (一 总体情况, 五 问题, 六 其他) are compared; the old template is prose
#: throughout except the attached statistics table.
_TABLE_KINDS_NEW = {"proactive", "on_request", "review_litigation", "statistics"}
_MAX_SECTION_CHARS = 40_000
#: Table rows whose cells keep evidence (line and context) for cross-year findings.
_EVIDENCE_ROWS = {"carry_in", "carry_out", "regulations", "normative_docs"}


def file_sha256(path: str, chunk: int = 1 << 20, *, timeout: float | None = None) -> tuple[str, int, int]:
    """(hex sha256, size, mtime_ns) of a regular file, read in chunks: a
    bounded read (never more than the size the file had when opened) that
    never opens anything but a regular file (:class:`OSError` for a FIFO, a
    device, a socket) and gives up with :class:`TimeoutError` after
    ``timeout`` seconds.  Memory stays at one chunk."""
    import stat as _stat

    deadline = time.monotonic() + timeout if timeout else None
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not _stat.S_ISREG(st.st_mode):
            raise OSError(f"not a regular file: {path!r}")
        h = hashlib.sha256()
        left = st.st_size
        while left > 0:
            b = os.read(fd, min(chunk, left))
            if not b:
                break
            h.update(b)
            left -= len(b)
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"hashing took longer than {timeout:g} s")
        return h.hexdigest(), st.st_size - left, st.st_mtime_ns
    finally:
        os.close(fd)


def _evidence_display(audit: Any, start: int, end: int) -> tuple[int, list[str]]:
    """(line, context lines) of a span, as the text output prints them."""
    from ..text import context_lines, line_of

    t = audit.report.text
    return line_of(t, start), context_lines(t, [(start, end)])


def _norm_cell_value(c: Any) -> str | None:
    v = c.numeric
    if v is None:
        return None
    return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)


def _without_tables(text: str, start: int, end: int, tables: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the tables in it (an old report's
    statistics table often sits inside its last section)."""
    parts, pos = [], start
    for a, b in tables:
        if b <= pos or a >= end:
            continue
        parts.append(text[pos:max(pos, a)])
        pos = max(pos, min(b, end))
    parts.append(text[pos:end])
    return "\n".join(parts)


def collect_facts(audit: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """(facts, section texts) of an audited report, for the corpus rules."""
    from .crossyear import agency_key, region_wide

    report = audit.report
    md = report.metadata
    text = report.text
    facts: dict[str, Any] = {
        "agency": md.agency,
        "agency_key": agency_key(md.agency),
        "year": md.year,
        "template": report.template.name,
        "issuer_kind": md.issuer_kind,
        "is_report": md.is_report,
        "tables": {},
        "sections": [],
        # the report speaks of its whole region (全县共收到…), for GR705
        "region_wide": bool(region_wide(text)),
    }
    try:
        tables = report.tables
    except Exception:  # a table reader failure must not lose the audit
        tables = []
    for t in tables:
        cells: dict[str, list[Any]] = {}
        for (row, col), c in t.cells.items():
            head = row.split(".")[0]
            entry: list[Any] = [c.text, c.state, _norm_cell_value(c)]
            if head in _EVIDENCE_ROWS:
                line, ctx = _evidence_display(audit, c.start, c.end)
                entry += [c.start, c.end, c.page, line, ctx, c.row_label, c.col_label]
            cells[f"{row}|{col}"] = entry
        first = min((c for c in t.cells.values() if c.end > c.start), key=lambda c: c.start, default=None)
        ev = None
        if first is not None:
            line, ctx = _evidence_display(audit, first.start, first.end)
            ev = [first.start, first.end, first.page, line, ctx]
        facts["tables"][t.kind] = {
            "ev": ev,
            "layout": t.layout,
            "source": t.source,
            "ambiguous": bool(t.ambiguous),
            "complete": bool(t.complete),
            "start": t.start,
            "cells": cells,
        }
    texts: dict[str, str] = {}
    new_template = report.template.name in ("2019", "2021")
    table_spans = [(b.start, b.end) for b in report.document.blocks if b.kind == "table"]
    for i, s in enumerate(report.sections):
        hs, he = s.start, s.body_start
        line, ctx = _evidence_display(audit, hs, he) if not s.implied else (0, [])
        facts["sections"].append(
            {"kind": s.kind, "heading": s.heading, "start": hs, "end": s.end, "body_start": he, "page": s.page, "line": line, "ctx": ctx, "implied": s.implied}
        )
        prose = s.kind not in ("statistics",) and not (new_template and s.kind in _TABLE_KINDS_NEW)
        if prose and not s.implied:
            texts[str(i)] = _without_tables(text, s.body_start, s.end, table_spans)[:_MAX_SECTION_CHARS]
    return facts, texts


#: Serialises PDF loading when an executor runs files in threads (dask
#: workers with several threads): PDFium, which reads the PDFs, is not
#: thread-safe.  Uncontended in the pool's single-threaded workers.
_PDF_LOCK = threading.Lock()


def audit_file(path: str, cfg: TaskConfig | None = None, sha256: str | None = None) -> AuditRecord:
    """Audit one file; never raises (a failure is a ``failed`` result, a
    content gireport does not read an ``unsupported`` one).

    The file is read here, in the process that runs under the limits, and
    only when it is a regular file (a FIFO or a device is never opened for
    reading); its bytes are hashed and handed to the loader, so the path is
    always a path, whatever characters it holds."""
    cfg = cfg or TaskConfig()
    t0 = time.perf_counter()
    res = AuditRecord(file=path, status="failed", sha256=sha256)
    try:
        from ..api import audit
        from ..audit.record import record_of
        from ..errors import GireportError, UnsupportedFormatError
        from ..load import load
        from .walk import content_kind, display_path, read_regular

        try:
            data = read_regular(path)
        except OSError as e:
            res.error_type = "FileNotFound" if isinstance(e, FileNotFoundError) else "LoadError"
            res.error_message = f"{display_path(path)}: cannot read file: {e.strerror or e}"
            return res
        res.size = len(data)
        head = data[:2048]
        res.sha256 = hashlib.sha256(data).hexdigest()
        name = display_path(path)  # findings and messages name the file printably (the result keeps the exact path)
        try:
            if b"%PDF-" in data[:1024]:  # PDFium is not thread-safe: one PDF load at a time per process
                with _PDF_LOCK:
                    doc = load(data, name=name)
            else:
                doc = load(data, name=name)
            del data
            a = audit(doc, select=list(cfg.select), ignore=list(cfg.ignore), rounding=cfg.rounding, options=cfg.options_dict())
        except UnsupportedFormatError as e:  # a legacy office file, an image, an archive under another name
            if content_kind(head) in ("legacy", "image", "archive"):
                res.status = "unsupported"
            res.error_type, res.error_message = type(e).__name__, str(e)
            return res
        except GireportError as e:
            res.error_type, res.error_message = type(e).__name__, str(e)
            return res
        rec = record_of(a, path=name, source_path=path)
        rec.file, rec.size, rec.sha256 = path, res.size, res.sha256  # the exact path (findings name it printably)
        if cfg.facts:
            from .store import record_rows

            facts, texts = collect_facts(a)
            rec.facts = pack(facts)
            rec.texts = pack(texts)
            rec.store_rows = record_rows(rec)  # so that the run's parent only executes the statements
        res = rec
        res.status = "ok"
        return res
    except MemoryError:
        res.status = "failed"
        res.error_type = "MemoryLimit"
        lim = f"{cfg.memory_mb} MB" if cfg.memory_mb else "available memory"
        res.error_message = f"{display_text(path)}: needs more memory than the limit ({lim})"
        return res
    except RecursionError:
        res.status = "failed"
        res.error_type = "RecursionError"
        res.error_message = f"{display_text(path)}: structure too deeply nested to analyse"
        return res
    except Exception as e:  # a bug in gireport on this input: record it, go on
        res.status = "failed"
        res.error_type = type(e).__name__
        res.error_message = f"{display_text(path)}: internal error: {type(e).__name__}: {e}"[:2000]
        return res
    finally:
        res.elapsed = round(time.perf_counter() - t0, 6)


def _fault(cfg: TaskConfig, path: str) -> None:
    if cfg.fault and cfg.fault[0] == "sleep":  # slow every file down (tests of interrupted runs)
        time.sleep(float(cfg.fault[1]))
        return
    if cfg.fault and cfg.fault[0] == "killonce":  # arg "SUBSTRING|MARKER": killed the first time only
        sub, marker = cfg.fault[1].split("|", 1)
        if sub in path and not os.path.exists(marker):
            open(marker, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return
    if cfg.fault and cfg.fault[1] in path:
        if cfg.fault[0] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif cfg.fault[0] == "hang":
            time.sleep(10**6)
        elif cfg.fault[0] == "exit":
            os._exit(3)


def worker_main(conn: Any, cfg: TaskConfig, close_fds: list[int] | None = None, parent_pid: int | None = None) -> None:
    """A pool worker: apply the memory limit, then audit the files sent
    over ``conn`` one at a time and send each result back.  Exits on ``None``,
    on a closed pipe, or after a failure that may have left the process in a
    bad state (out of memory, too deep a recursion)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    except ValueError:  # pragma: no cover - not the main thread
        pass
    if close_fds:  # forked: also let go of the parent's store locks (a stray worker must not hold a store)
        from .store import held_lock_fds

        close_fds = [*close_fds, *held_lock_fds()]
    for fd in close_fds or ():
        try:
            os.close(fd)
        except OSError:
            pass
    die_with_parent(parent_pid)
    apply_memory_limit(cfg.memory_mb)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        tid, path, sha = msg
        _fault(cfg, path)
        res = audit_file(path, cfg, sha256=sha)
        retire = res.error_type in ("MemoryLimit", "RecursionError", "MemoryError")
        try:
            conn.send((tid, res, retire))
        except (BrokenPipeError, OSError, MemoryError):
            break
        if retire:
            break
