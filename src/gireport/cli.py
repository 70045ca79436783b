"""The ``gireport`` command line.

Exit codes (as ruff's): 0 no finding at or above ``--fail-on``; 1 findings
(a file met in a folder that could not be audited counts as an error); 2 the
run could not do what was asked — a named path missing or not auditable, a
folder without any report file, a store that cannot be written, an unknown
ruleset, a usage error — whatever ``--fail-on`` says.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import __version__
from .errors import GireportError
from .load import SUPPORTED_SUFFIXES
from .i18n import tr
from .output.safe import terminal_safe
from .text import display_width

_DESCRIPTION = """\
gireport reads Chinese government information disclosure annual reports
(政府信息公开工作年度报告) in txt, md, html, docx or pdf, finds their sections,
template and metadata, and audits their numbers for internal consistency.
"""

_PARSE_EPILOG = """\
examples:
  gireport parse report.pdf                 outline, metadata and template
  gireport parse corpus/                    every report in a folder (recursive)
  gireport parse report.html --json > r.json
  gireport parse report.txt --claims        also every numeric claim, with coverage
"""


_NOT_REPORTS = ("readme", "license", "licence", "changelog", "contributing")

#: Exit statuses (as ruff's).
EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


def _exists(p: str) -> bool:
    try:
        return os.path.lexists(p)
    except (ValueError, OSError):
        return False


def _shown(p: str) -> str:
    """A path as one printable line."""
    p = p.replace("\n", "\\n").replace("\r", "\\r")
    try:
        p.encode("utf-8")
    except UnicodeEncodeError:
        p = p.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return p


def _named_problems(paths: Sequence[str], walker, lang: str = "en") -> tuple[list[str], list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    """(named paths to walk, one error record per named path that is
    missing or a folder without any report file — such a folder is still
    walked, so that what it holds is recorded).  The errors are printed on
    standard error as they are found."""
    ok: list[str] = []
    errors: list[dict[str, str]] = []
    for p in paths:
        if not _exists(p):
            err = {"file": p, "status": "failed", "error": "FileNotFound", "message": tr("not_found", lang, path=_shown(p))}
        elif os.path.isdir(p) and next(iter(walker([p])), None) is None:
            ok.append(p)  # still walked: what it holds is recorded (unsupported files …)
            err = {"file": p, "status": "failed", "error": "NoReports", "message": tr("no_reports", lang, path=_shown(p), suffixes=", ".join(s[1:] for s in SUPPORTED_SUFFIXES))}
        else:
            ok.append(p)
            continue
        errors.append(err)
        print(f"{tr('error', lang)}: {err['message']}", file=sys.stderr)
    return ok, errors


def exit_status(findings: bool, failures: bool, fail_on: str) -> int:
    """2 when something asked for could not be done (whatever ``fail_on``),
    else 1 when a finding reaches ``fail_on``, else 0."""
    if failures:
        return EXIT_FAILURE
    if fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if findings else EXIT_OK


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files named directly, and report files found recursively in folders
    (by suffix; hidden files and folders, and README/LICENSE/CHANGELOG files,
    are skipped when walking a folder).  Kept for callers; the commands walk
    with :func:`gireport.batch.walk.iter_files`, which also recognises
    reports by content."""
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    stem = f.rsplit(".", 1)[0].lower()
                    if f.startswith(".") or stem in _NOT_REPORTS:
                        continue
                    if f.lower().endswith(SUPPORTED_SUFFIXES):
                        yield os.path.join(root, f)
        else:
            yield p


def _outline_lines(report) -> list[str]:  # type: ignore[no-untyped-def]
    md = report.metadata
    src = report.document.source
    t = report.template
    lines = []
    size = f"{len(report.text):,} chars" + (f", {src.pages} pages" if src.pages else "")
    lines.append(f"{src.path or '<input>'}  ({src.format}, {size})")
    if not md.is_report:
        lines.append(f"  NOT AN ANNUAL REPORT: {md.not_report_reason}")
    lines.append(f"  title     {md.title or '-'}")
    lines.append(f"  agency    {md.agency or '-'} ({md.issuer_kind})    year {md.year or '-'}")
    exp = f"; expected {t.expected} for {md.year}" if t.deviates else ""
    lines.append(f"  template  {t.name}{exp}  [signals: {', '.join(t.signals[:4])}]")
    if md.period_start or md.period_end:
        lines.append(f"  period    {md.period_start or '?'} – {md.period_end or '?'}")
    if md.signature_date or md.signature_agency:
        lines.append(f"  signed    {md.signature_agency or '-'} {md.signature_date or ''}".rstrip())
    if md.publication_date:
        lines.append(f"  published {md.publication_date}")
    if md.declared:
        d = md.declared
        names = "、".join(d.names) if d.names else "(names not listed)"
        lines.append(f"  declared  {d.count} parts: {names}")
    lines.append(f"  tables    {len(report.document.tables)}")
    lines.append("  outline")

    def walk(secs, depth):  # type: ignore[no-untyped-def]
        for s in secs:
            head = s.heading if not s.implied else "(no heading)"
            label = f"{'  ' * depth}{head}"
            kind = s.kind if depth == 0 else ""
            page = f"p{s.page}" if s.page else ""
            pad = " " * max(1, 46 - display_width(label))
            lines.append(f"    {label}{pad}{kind:<18} {page}".rstrip())
            walk(s.children, depth + 1)

    walk(report.sections, 0)
    for n in report.outline.notes:
        lines.append(f"  note      {n}")
    return lines


def _claim_line(report, c) -> str:  # type: ignore[no-untyped-def]
    """One readable line per claim."""
    def t(n):  # type: ignore[no-untyped-def]
        return n.text if n is not None else "?"

    if c.type == "share":
        whole = c.whole.text if c.whole is not None else (f"{c.whole_value}(sum of parts)" if c.whole_value is not None else "unresolved")
        body = f"{t(c.part)} = {t(c.percent)} of {whole}  [{c.whole_source}]"
    elif c.type == "breakdown":
        body = f"{t(c.total)} = " + " + ".join(p.text for p in c.parts) + ("" if c.complete else "  [partial]")
    elif c.type == "enumeration":
        body = f"{t(c.count)}: {len(c.items)} listed ({c.style})"
    elif c.type == "change":
        bits = [f"{k} {t(getattr(c, k))}" for k in ("before", "after", "delta", "rate", "points") if getattr(c, k) is not None]
        body = f"{c.cue}: " + ", ".join(bits)
    else:
        body = f"{c.cue}: {', '.join(c.topics)}"
    page = report.document.page_at(c.start)
    where = f"p{page} " if page else ""
    subject = f"  «{c.subject}»" if getattr(c, "subject", None) else ""
    return f"    {where}{c.type:<11} {body}{subject}"


def _cmd_parse(args: argparse.Namespace) -> int:
    from .report import parse

    from pathlib import Path

    from .batch.walk import iter_files  # the one folder walker, as for audit

    named, missing = _named_problems(args.paths, iter_files)
    failed = len(missing)
    docs: list = []  # type: ignore[type-arg]
    if args.json:
        docs += [{"source": {"path": e["file"]}, "error": {"type": e["error"], "message": e["message"]}} for e in missing]
    for path in iter_files(named):
        try:
            report = parse(Path(path))
        except GireportError as e:
            failed += 1
            print(f"error: {e}", file=sys.stderr)
            if args.json:
                docs.append({"source": {"path": path}, "error": {"type": type(e).__name__, "message": str(e)}})
            continue
        if args.json:
            d = report.to_dict()
            if args.claims:
                d["claims"] = [c.to_dict() for c in report.claims]
                d["coverage"] = report.claims.coverage
            docs.append(d)
        else:
            print("\n".join(_outline_lines(report)))
            if args.claims:
                cov = report.claims.coverage
                by = ", ".join(f"{k} {v}" for k, v in cov["claims"].items())
                print(f"  claims    {by}; numbers {cov['numbers']} ({cov['quantities']} quantities), unresolved shares {cov['unresolved_shares']}")
                for c in report.claims:
                    print(_claim_line(report, c))
            print()
    if args.json:
        out = docs[0] if len(docs) == 1 and len(args.paths) == 1 and not os.path.isdir(args.paths[0]) else docs
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return EXIT_FAILURE if failed else EXIT_OK


_AUDIT_EPILOG = """\
examples:
  gireport audit corpus/                         every report in a folder, linter-style
  gireport audit report.pdf --lang en            messages in English
  gireport audit corpus/ --format sarif -o out.sarif
  gireport audit r.txt --select GR2,GR3          only shares and breakdowns
  gireport audit r.txt --ignore structure --rounding either
  gireport audit archive/ --db results.db        a large archive: isolated workers, a result
                                                 store; rerun to resume (done files are skipped)
  gireport audit archive/ --workers 8 --timeout 60 --memory-mb 1024
  gireport audit archive/ --dask tcp://scheduler:8786 --db results.db
  gireport export results.db --format parquet -o findings.parquet
  gireport audit archive/ --format xlsx -o findings.xlsx   an Excel workbook
  gireport baseline archive/ -o known.json        record today's findings as known,
  gireport audit archive/ --baseline known.json  then show only new ones
  gireport rules                                 list the rules
  gireport rule GR201                            one rule's documentation

Settings (select, ignore, rounding, fail-on, lang, baseline, rule options)
may live in gireport.toml or in [tool.gireport] of pyproject.toml, found
upwards from the first PATH (--config FILE names one, --no-config ignores
them); an option on the command line wins.  The language (zh, the default,
or en) of the messages, summaries and errors can also be set for a shell
with GIREPORT_LANG=en; --lang wins over it, and it wins over the file.

Every file is audited under a time and a memory limit (--timeout,
--memory-mb; --no-limits lifts them): a single file in a child process of
its own, so that no input can take the command down or run without end.
Folders (and several files) are audited by a pool of worker processes, each
file under the same limits; a file that crashes, hangs or exhausts
memory is reported as failed and the run goes on.  A progress bar is shown
on a terminal (not with --quiet), and a summary of the run ends on standard
error.  After all files, the cross-year rules (GR701-GR704) compare the
reports of the same agency in consecutive years, and the tables of
different agencies in the same year.

exit status (as ruff's):
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
     (a file in a folder that could not be read or audited counts as an
     error: its status and reason are in every output)
  2  the run could not do what was asked, whatever --fail-on says (also
     --fail-on never): a file or folder named on the command line missing,
     a named file that could not be read or audited (damaged, garbled,
     unsupported, over a limit), a folder with no report file in it, a
     result store that cannot be written or is locked, an unknown rule, a
     bad configuration or baseline file, or a usage error
"""


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out


def _apply_config(args: argparse.Namespace) -> None:
    """Fill the options the command line left unset from the configuration
    file (``gireport.config``), then from gireport's defaults."""
    from .audit import DEFAULT_ROUNDING
    from .config import find_config, load_config

    path = None if args.no_config else (args.config or find_config(args.paths[0]))
    cfg = load_config(path)
    if args.select is None and cfg.select:
        args.select = [",".join(cfg.select)]
    if args.ignore is None and cfg.ignore:
        args.ignore = [",".join(cfg.ignore)]
    args.rounding = args.rounding or cfg.rounding or DEFAULT_ROUNDING
    args.fail_on = args.fail_on or cfg.fail_on or "error"
    args.lang = _env_lang(args.lang, cfg.lang)
    args.options = cfg.options
    args.config_path = cfg.path
    if getattr(args, "baseline", None) is None:
        args.baseline = cfg.baseline


def _with_baseline(args: argparse.Namespace, audits: Iterable[Any]) -> Iterable[Any]:
    """The audits without the findings of ``--baseline`` (or the
    configuration's ``baseline``), a re-iterable view when ``audits`` is
    one (a store's records); what was hidden and what is stale goes to
    standard error."""
    if not getattr(args, "baseline", None):
        return audits
    from .baseline import Baselined, load_baseline

    view = Baselined(audits, load_baseline(args.baseline))
    hidden, stale = view.hidden, view.stale
    lang = args.lang
    print(tr("baseline_applied", lang, path=args.baseline, hidden=hidden, s_hidden="s" if hidden != 1 else "", stale=len(stale), ies="ies" if len(stale) != 1 else "y"), file=sys.stderr)
    for e in stale[:20]:
        print(tr("stale", lang, file=e.get("file"), code=e.get("code"), fingerprint=e.get("fingerprint")), file=sys.stderr)
    if len(stale) > 20:
        print(tr("and_more", lang, n=len(stale) - 20), file=sys.stderr)
    return view


def _cmd_review(args: argparse.Namespace) -> int:
    from .batch.store import Store
    from .errors import StoreError

    if not os.path.isfile(args.db):
        print(f"gireport review: {tr('no_store', _env_lang(None), path=args.db)}", file=sys.stderr)
        return 2
    if not args.list and not (args.confirm or args.dismiss or args.clear):
        print("gireport review: say --confirm, --dismiss, --clear or --list", file=sys.stderr)
        return 2
    try:
        with Store(args.db) as st:
            if args.list:
                for fp, (mark, note, at) in st.reviews().items():
                    print(f"{fp}\t{mark}\t{at}\t{terminal_safe(note or '')}")
                return 0
            unknown = [fp for fp in args.fingerprints if not st.has_finding(fp)]
            if unknown or not args.fingerprints:
                print(f"gireport review: {args.db}: no finding with fingerprint {', '.join(unknown) or '(none given)'}", file=sys.stderr)
                return 2
            mark = "confirmed" if args.confirm else "dismissed" if args.dismiss else None
            for fp in args.fingerprints:
                st.review(fp, mark, args.note)
    except StoreError as e:
        print(f"gireport review: {e}", file=sys.stderr)
        return 2
    print(f"{len(args.fingerprints)} finding{'s' if len(args.fingerprints) != 1 else ''} {mark or 'unmarked'}", file=sys.stderr)
    return 0


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _csv_rows(path: str, columns: tuple[str, str]) -> list[tuple[int, str, str]]:
    """(line, first, second) of every row of a two-column CSV (UTF-8, with
    or without a byte-order mark), both cells required."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        raise ValueError("is empty")
    if not set(columns) <= set(rows[0]):
        raise ValueError(f"needs the columns {columns[0]} and {columns[1]}")
    out = []
    for i, r in enumerate(rows, 2):
        a, b = (r.get(columns[0]) or "").strip(), (r.get(columns[1]) or "").strip()
        if not a or not b:
            raise ValueError(f"line {i}: needs {_a(columns[0])} and {_a(columns[1])}")
        out.append((i, a, b))
    return out


def _read_dates(path: str) -> dict[str, str]:
    """path → ISO date from a CSV with columns ``path`` and ``date``
    (YYYY-MM-DD); a relative path is relative to the CSV's folder."""
    import datetime as _dt

    here = os.path.dirname(os.path.abspath(path))
    out = {}
    for i, p, d in _csv_rows(path, ("path", "date")):
        try:
            out[os.path.normpath(os.path.join(here, p))] = _dt.date.fromisoformat(d[:10]).isoformat()
        except ValueError:
            raise ValueError(f"line {i}: {d!r} is not a date (YYYY-MM-DD)") from None
    return out


def _read_hierarchy(path: str) -> list[list[str]]:
    """[agency, parent] pairs from a CSV with columns ``agency`` and
    ``parent`` (one row per subordinate organ)."""
    return [[a, p] for _, a, p in _csv_rows(path, ("agency", "parent"))]


#: Rule options read from a file a command-line option names:
#: (option attribute, its flag, reader, rule, option key).
_OPTION_FILES = (
    ("publication_dates", "--publication-dates", _read_dates, "GR110", "dates"),
    ("hierarchy", "--hierarchy", _read_hierarchy, "GR705", "hierarchy"),
)


def _configured(args: argparse.Namespace, command: str) -> tuple[list[str], list[str]] | None:
    """Apply the configuration file and check the rule selection: the
    selection (select, ignore), or None after reporting why the command
    cannot run (exit 2)."""
    from .audit import select_rules
    from .config import ConfigError

    try:
        _apply_config(args)
    except ConfigError as e:
        print(f"gireport {command}: configuration {e}", file=sys.stderr)
        return None
    for attr, flag, reader, code, key in _OPTION_FILES:
        if not getattr(args, attr, None):
            continue
        try:
            value = reader(getattr(args, attr))
        except (OSError, ValueError) as e:
            print(f"gireport {command}: {flag} {getattr(args, attr)}: {e}", file=sys.stderr)
            return None
        args.options = {**(args.options or {}), code: {**(args.options or {}).get(code, {}), key: value}}
    select, ignore = _split(args.select), _split(args.ignore)
    try:
        select_rules(select, ignore)
    except KeyError as e:
        print(f"gireport {command}: {e.args[0]}", file=sys.stderr)
        return None
    return select, ignore


def _cmd_baseline(args: argparse.Namespace) -> int:
    from .baseline import write_baseline
    from .batch.runner import audit_paths
    from .batch.walk import iter_files

    chosen = _configured(args, "baseline")
    if chosen is None:
        return 2
    named, missing = _named_problems(args.paths, iter_files)
    if missing:
        return 2  # (already reported on standard error)
    outcome = audit_paths(named, workers=args.workers, select=chosen[0], ignore=chosen[1], rounding=args.rounding, options=args.options or None)
    n = write_baseline(outcome.audits, args.output)
    files = len(outcome.audits)
    print(tr("baseline_written", args.lang, n=n, s_n="s" if n != 1 else "", files=files, s_files="s" if files != 1 else "", path=args.output), file=sys.stderr)
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from .errors import StoreError
    from .output import FORMATS

    chosen = _configured(args, "audit")
    if chosen is None:
        return 2
    if FORMATS[args.format].binary and not args.output:
        print(f"gireport audit: {tr(args.format + '_needs_file', args.lang)}", file=sys.stderr)
        return 2
    select, ignore = chosen
    if args.workers is not None and args.workers < 1:
        print(f"gireport audit: {tr('workers_min', args.lang)}", file=sys.stderr)
        return 2
    if _refuses_output("audit", args.output, args.lang):
        return 2
    single = len(args.paths) == 1 and not os.path.isdir(args.paths[0])
    from .baseline import BaselineError

    try:
        if args.db is None and args.dask is None and single:
            return _audit_in_process(args, select, ignore)
        return _audit_batch(args, select, ignore)
    except (StoreError, BaselineError) as e:
        print(f"gireport audit: {e}", file=sys.stderr)
        return 2


def _refuses_output(command: str, path: str | None, lang: str = "zh") -> bool:
    """Whether ``-o path`` cannot be written, said on standard error
    (checked before a run, so that no audit is lost to a typo in the output
    path)."""
    if not path:
        return False
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        why = tr("no_folder", lang, folder=folder)
    elif os.path.isdir(path):
        why = tr("is_folder", lang)
    elif not os.access(folder, os.W_OK):
        why = tr("read_only", lang)
    else:
        return False
    print(f"gireport {command}: {tr('cannot_write', lang, path=path, why=why)}", file=sys.stderr)
    return True


def _emit(args: argparse.Namespace, records: Iterable[Any], run_date: str | None = None) -> None:
    """Write the run's records in ``--format`` to ``-o`` or standard
    output (one writer for every path: :func:`gireport.output.write`); with
    ``-o`` and a format other than text, the summary goes to standard error."""
    from .output import Tallied, summary_line, write

    summed = bool(args.output) and args.format != "text"
    if summed:  # counted during the format's first full pass: the summary line needs no pass of its own
        records = Tallied(records)
    written = write(records, args.format, args.output, lang=args.lang, run_date=run_date)
    sys.stdout.flush()
    if summed:
        print(summary_line(records, lang=args.lang), file=sys.stderr)
        if len(written) > 1:
            print(tr("written", args.lang, path=f"{written[0]} (+{len(written) - 1})"), file=sys.stderr)


def _failing(records: Iterable[Any], fail_on: str) -> bool:
    from .audit import severity_rank

    return fail_on != "never" and any(severity_rank(f.severity) >= severity_rank(fail_on) for r in records for f in r.findings)


def _audit_in_process(args: argparse.Namespace, select: list[str], ignore: list[str]) -> int:
    """One file named alone: audited here (its parsing in a child process
    under the limits), without a pool or a store."""
    from pathlib import Path

    from .api import audit
    from .audit import AuditRecord
    from .batch.walk import iter_files

    records: list[AuditRecord] = []
    named, errors = _named_problems(args.paths, iter_files, args.lang)
    records += [AuditRecord(file=e["file"], status="failed", error_type=e["error"], error_message=e["message"]) for e in errors]
    for path in iter_files(named):
        try:
            a = audit(Path(path), select=select, ignore=ignore, rounding=args.rounding, options=args.options or None,
                      timeout=args.timeout or 0, memory_mb=args.memory_mb or 0, limits=not args.no_limits)
            records.append(a.record())
        except GireportError as e:
            records.append(AuditRecord(file=path, status="failed", error_type=type(e).__name__, error_message=str(e)))
            print(f"{tr('error', args.lang)}: {e}", file=sys.stderr)
    records = _with_baseline(args, records)
    _emit(args, records)
    failures = any(r.status != "ok" for r in records)
    return exit_status(_failing(records, args.fail_on), failures, args.fail_on)


def _audit_batch(args: argparse.Namespace, select: list[str], ignore: list[str]) -> int:
    """Folders and several files: the one audit path for many files
    (:func:`gireport.batch.runner.audit_paths`: one walker, isolated workers
    under the limits, the store, the cross-year rules)."""
    from .audit import AuditRecord
    from .batch.progress import Progress
    from .batch.runner import audit_paths
    from .batch.walk import iter_files

    named, missing = _named_problems(args.paths, iter_files, args.lang)
    executor = None
    client = None
    workers = args.workers
    if args.dask is not None:
        try:
            from distributed import Client
        except ImportError:
            print("gireport audit: --dask needs dask.distributed: pip install 'gireport[dask]'", file=sys.stderr)
            return 2
        try:
            client = Client(args.dask, timeout="10s")
        except (OSError, TimeoutError) as e:
            print(f"gireport audit: cannot reach the dask scheduler at {args.dask}: {e}", file=sys.stderr)
            return 2
        executor = client.get_executor()
        workers = workers or max(1, sum(client.nthreads().values()))
    no_dirs = not any(os.path.isdir(p) for p in named)
    progress = Progress(len(named) if no_dirs else None, enabled=None if not args.quiet else False)
    limited = not args.no_limits
    try:
        outcome = audit_paths(
            named,
            in_memory=False,  # the records are read from the store as they are written out
            workers=workers,
            executor=executor,
            db=args.db,
            timeout=args.timeout if args.timeout and args.timeout > 0 and limited else None,
            memory_mb=args.memory_mb if args.memory_mb and args.memory_mb > 0 and limited else None,
            select=select,
            ignore=ignore,
            rounding=args.rounding,
            options=args.options or None,
            skip_existing=not args.no_skip,
            retry_failed=args.retry_failed,
            progress=progress,
            # test hook (tests/test_batch_resume.py): kill|hang|exit:SUBSTRING or sleep:SECONDS
            _fault=tuple(os.environ["GIREPORT_TEST_FAULT"].split(":", 1)) if os.environ.get("GIREPORT_TEST_FAULT") else None,  # type: ignore[arg-type]
            argv=list(sys.argv[1:]),
        )
    finally:
        if client is not None:
            client.close()
    with outcome:
        return _report_batch(args, named, missing, outcome)


class _Records:
    """Records made here followed by a run's, re-iterable (the run's are
    read from its store on each pass)."""

    def __init__(self, first: list[Any], rest: Iterable[Any]) -> None:
        self.first = first
        self.rest = rest

    def __iter__(self) -> Iterator[Any]:
        yield from self.first
        yield from self.rest


def _report_batch(args: argparse.Namespace, named: list[str], missing: list[dict[str, Any]], outcome: Any) -> int:
    """Write a finished batch run's records and return the exit status."""
    from .audit import AuditRecord

    records = _with_baseline(args, _Records(
        [AuditRecord(file=e["file"], status="failed", error_type=e["error"], error_message=e["message"]) for e in missing], outcome.paths))
    errors = outcome.errors
    for e in errors:
        print(f"{tr('error', args.lang) if e.get('status') != 'unsupported' else tr('status.unsupported', args.lang)}: {e['message']}", file=sys.stderr)
    _emit(args, records, outcome.run_date)
    sys.stderr.write(outcome.summary.text(args.lang))
    if args.db:
        print(tr("stored", args.lang, path=args.db), file=sys.stderr)
    # 2: a path named on the command line that could not be audited
    # (missing, failed, unsupported), a folder without any report file.  A
    # file met in a folder that fails counts as an error-level finding (its
    # status and reason are in every output); one that is unsupported is
    # recorded with its reason.
    named_set = {os.path.normpath(p) for p in named}
    could_not = bool(missing) or any(
        e.get("status") in ("failed", "pending", "unsupported") and os.path.normpath(str(e["file"])) in named_set for e in errors
    )
    folder_failures = any(e.get("status") in ("failed", "pending") for e in errors)
    bad = args.fail_on != "never" and (folder_failures or _failing(records, args.fail_on))
    return exit_status(bad, could_not, args.fail_on)


def _known_rulesets(db: str) -> set[str] | None:
    """The ruleset versions a result store holds results of (None when the
    store cannot be read here; the export then reports the problem)."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        known: set[str] = set()
        for table in ("runs", "documents"):
            try:
                known |= {r[0] for r in con.execute(f"SELECT DISTINCT ruleset FROM {table}") if r[0]}  # noqa: S608 - fixed names
            except sqlite3.Error:
                continue
        return known
    finally:
        con.close()


def _env_lang(given: str | None, configured: str | None = None) -> str:
    """``--lang``, else ``GIREPORT_LANG``, else the configuration's, else
    Chinese."""
    env = os.environ.get("GIREPORT_LANG", "").strip()
    return given or (env if env in ("zh", "en") else None) or configured or "zh"


def _cmd_export(args: argparse.Namespace) -> int:
    from .batch.export import MissingDependency, export

    args.lang = _env_lang(args.lang)
    if _refuses_output("export", args.output, args.lang):
        return 2
    if not os.path.exists(args.db):
        print(f"gireport export: {tr('no_store', args.lang, path=args.db)}", file=sys.stderr)
        return 2
    if args.ruleset and args.ruleset != "all":
        known = _known_rulesets(args.db)
        if known is not None and args.ruleset not in known:
            have = ", ".join(sorted(known)) or "none"
            print(f"gireport export: {args.db}: no results of ruleset {args.ruleset!r} (the store has: {have}; 'all' for every one)", file=sys.stderr)
            return 2
    try:
        n = export(args.db, args.format, args.output, table=args.table, ruleset=args.ruleset, lang=args.lang)
    except MissingDependency as e:
        print(f"gireport export: {e}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"gireport export: {e}", file=sys.stderr)
        return 2
    if args.output:
        tabular = args.format in ("csv", "jsonl", "parquet")
        print(tr("rows_written", args.lang, n=n, path=args.output) if tabular else tr("written", args.lang, path=args.output), file=sys.stderr)
    return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    """Indicators of reports (audited by the pool under the limits) or of a
    result store, as CSV, xlsx or Parquet."""
    from .indicators import INDICATOR_COLUMNS

    lang = _env_lang(args.lang)
    if _refuses_output("indicators", args.output, lang):
        return 2
    fmt = _indicators_format(args, lang)
    if fmt is None:
        return 2
    got = _indicator_rows(args, lang)
    if got is None:
        return 2
    rows, failed = got
    table = [[i.row()[c] for c in INDICATOR_COLUMNS] for i in rows]
    if not _write_indicators(fmt, INDICATOR_COLUMNS, table, args.output):
        return 2
    if args.output:
        print(tr("rows_written", lang, n=len(table), path=args.output), file=sys.stderr)
    return EXIT_FAILURE if failed else EXIT_OK


def _indicators_format(args: argparse.Namespace, lang: str) -> str | None:
    """The output format: --format, else the output file's suffix, else
    CSV; None (with the reason on stderr) for an unknown format or a
    binary one without an output file."""
    fmt = args.format or (os.path.splitext(args.output)[1].lstrip(".").lower() if args.output else "csv")
    if fmt not in ("csv", "xlsx", "parquet"):
        print(f"gireport indicators: unknown format {fmt!r}: csv, xlsx or parquet", file=sys.stderr)
        return None
    if fmt != "csv" and not args.output:
        print(f"gireport indicators: {tr(fmt + '_needs_file', lang)}", file=sys.stderr)
        return None
    return fmt


def _indicator_rows(args: argparse.Namespace, lang: str) -> tuple[list[Any], bool] | None:
    """(the indicator rows, whether the run failed) of a result store named
    alone, or of the named reports audited now (failed: a named path is
    missing, or no report could be read; each unreadable one is said on
    stderr); None when nothing named exists."""
    from .api import indicator_rows
    from .batch.results import is_store
    from .batch.walk import iter_files

    if len(args.paths) == 1 and os.path.isfile(args.paths[0]) and is_store(args.paths[0]):
        return indicator_rows(args.paths[0]), False
    from .batch.runner import audit_many

    named, missing = _named_problems(args.paths, iter_files, lang)
    if not named:
        return None
    ok = 0
    with audit_many(named, workers=args.workers, crossyear=False) as run:
        for r in run:
            ok += r.status == "ok"
            if r.status in ("failed", "unsupported"):
                print(f"{tr('error', lang)}: {r.error_message}", file=sys.stderr)
        rows = indicator_rows(run.db)
    return rows, bool(missing) or not ok


def _write_indicators(fmt: str, columns: Sequence[str], table: list[list[Any]], output: str | None) -> bool:
    """Write the indicators table as ``fmt`` to ``output`` (CSV: or to
    stdout); False (with the reason on stderr) when Parquet support is
    missing."""
    if fmt == "csv":
        from .output import write_csv

        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                write_csv(columns, table, fh)
        else:
            write_csv(columns, table, sys.stdout)
    elif fmt == "xlsx":
        from .output.xlsx import workbook

        with open(output, "wb") as fb:  # type: ignore[arg-type]
            fb.write(workbook({"indicators": (columns, table)}))
    else:
        from .output import MissingDependency, write_parquet

        try:
            write_parquet(columns, table, output)
        except MissingDependency as e:
            print(f"gireport indicators: {e}", file=sys.stderr)
            return False
    return True


def _cmd_rules(args: argparse.Namespace) -> int:
    from .audit import select_rules

    rules = select_rules(_split(args.select) or None)
    if args.json:
        json.dump([r.to_dict() for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rules:
        print(f"{r.code}  {r.name:<28} {r.family:<13} {r.severity:<8} {r.summary.splitlines()[0] if r.summary else ''}")
    return 0


def _cmd_rule(args: argparse.Namespace) -> int:
    from .audit import get_rule

    try:
        r = get_rule(args.code)
    except KeyError as e:
        print(f"gireport rule: {e.args[0]}", file=sys.stderr)
        return 2
    sys.stdout.write(r.render_doc())
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="gireport",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--version", action="version", version=f"gireport {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "parse",
        help="show a report's outline, section kinds, template and metadata",
        description="Show each report's outline (numbered headings with their canonical kinds), "
        "its template (old / 2019 / 2021, with the signals that decided it) and metadata "
        "(agency, year, issuer kind, data period, signature, declared parts).",
        epilog=_PARSE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    p.add_argument("--json", action="store_true", help="print JSON instead of the readable outline")
    p.add_argument("--claims", action="store_true", help="also list the numeric claims (shares, breakdowns, enumerations, changes, zero statements) and coverage")
    p.set_defaults(func=_cmd_parse)

    a = sub.add_parser(
        "audit",
        help="audit reports for internal consistency and print findings like a linter",
        description="Parse each report, extract its numeric claims and run the rules over them. "
        "Each finding names its rule code, severity, the reported and the recomputed value, and "
        "points at its evidence (file:page:line, the sentence with the evidence marked «…»).",
        epilog=_AUDIT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    from .output import FORMATS

    a.add_argument("--format", choices=tuple(FORMATS), default="text", metavar="FORMAT",
                   help="output format (default: text): " + "; ".join(f"{f.name}: {f.summary}" for f in FORMATS.values()))
    a.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of standard output")
    a.add_argument("--select", action="append", metavar="CODES", help="run only these rules: codes, prefixes (GR2), names or families, comma-separated")
    a.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules (same forms as --select)")
    from .audit import DEFAULT_ROUNDING, ROUNDING_MODES

    a.add_argument(
        "--rounding",
        choices=ROUNDING_MODES,
        default=None,
        help=(
            "how printed figures were rounded: convention (四舍五入 or 截尾 accepted; a figure only truncation explains is an info note, "
            "one unit off in its last digit a warning, more an error), half_up (strict 四舍五入, any difference an error), "
            f"half_even, half_down, truncate (截尾) or either (any of the four) (default: {DEFAULT_ROUNDING})"
        ),
    )
    a.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages, of the summaries and errors on standard error, and of the HTML report's interface (default: zh)")
    a.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default=None,
        help="exit with status 1 when a finding at or above this severity exists (default: error)",
    )
    cfg = a.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="read settings from FILE (gireport.toml, or a pyproject.toml with [tool.gireport]) instead of the one found upwards from the first PATH")
    cfg.add_argument("--no-config", action="store_true", help="ignore configuration files")
    cfg.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE (written by gireport baseline) and list the recorded ones no longer found")
    cfg.add_argument("--hierarchy", metavar="CSV", help="subordinate organs for GR705 (columns agency, parent): a region-wide report is compared with the sum of its subordinates' reports of the same year")
    cfg.add_argument("--publication-dates", metavar="CSV", help="publication dates for GR110 (columns path, date as YYYY-MM-DD); a report without one is checked against its own date line")
    from .limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    lim = a.add_argument_group("limits (every file, a single one too)")
    lim.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help=f"time limit per file (default: {DEFAULT_TIMEOUT:g}; 0: none)")
    lim.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                     help=f"memory limit per file: the address space its process may add while auditing it (default: {DEFAULT_MEMORY_MB}; 0: none)")
    lim.add_argument("--no-limits", action="store_true", help="no time or memory limit (a file is then audited in this process when run alone)")
    b = a.add_argument_group("batch runs (folders, several files)")
    b.add_argument("--workers", type=int, metavar="N", help="worker processes (default: every core)")
    b.add_argument("--db", metavar="FILE", help="keep results in this SQLite store; a rerun skips files already in it (same content and ruleset)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.add_argument("--dask", metavar="ADDRESS", help="run the files on a dask cluster (the scheduler's address); needs gireport[dask]")
    b.add_argument("--no-skip", action="store_true", help="audit every file again, even when the store has it")
    b.add_argument("--retry-failed", action="store_true", help="audit again files whose stored result is a failure")
    a.set_defaults(func=_cmd_audit)

    rv = sub.add_parser(
        "review",
        help="mark findings in a result store confirmed or dismissed, with a note",
        description="Mark the finding with FINGERPRINT (a finding's fingerprint column) in the result store DB as "
        "confirmed or dismissed, with a note saying why, or clear its mark; --list prints every mark.  Marks are kept "
        "by fingerprint: reruns of the archive keep them, and exports show them (review, review_note columns).  "
        "Exit status 2 when the store or the fingerprint is unknown.",
    )
    rv.add_argument("db", metavar="DB", help="the result store (SQLite) written by gireport audit --db")
    rv.add_argument("fingerprints", nargs="*", metavar="FINGERPRINT", help="the findings to mark")
    mk = rv.add_mutually_exclusive_group()
    mk.add_argument("--confirm", action="store_true", help="mark them confirmed (a real fault)")
    mk.add_argument("--dismiss", action="store_true", help="mark them dismissed (not a fault)")
    mk.add_argument("--clear", action="store_true", help="remove their marks")
    mk.add_argument("--list", action="store_true", help="print every mark: fingerprint, mark, date, note")
    rv.add_argument("--note", metavar="TEXT", help="why (kept with the mark)")
    rv.set_defaults(func=_cmd_review)

    bl = sub.add_parser(
        "baseline",
        help="record the current findings as known, for audit --baseline",
        description="Audit the paths and write the fingerprints of every finding to FILE.  A later "
        "`gireport audit PATH… --baseline FILE` hides those findings and lists the recorded ones it no longer "
        "finds (fixed, or the report changed).  Exit status 2 when a named path is missing.",
    )
    bl.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    bl.add_argument("-o", "--output", metavar="FILE", required=True, help="the baseline file to write (JSON)")
    bl.add_argument("--select", action="append", metavar="CODES", help="as for audit")
    bl.add_argument("--ignore", action="append", metavar="CODES", help="as for audit")
    bl.add_argument("--rounding", choices=ROUNDING_MODES, default=None, help="as for audit")
    bl.add_argument("--workers", type=int, metavar="N", help="worker processes (default: every core)")
    bl.add_argument("--config", metavar="FILE", help="as for audit")
    bl.add_argument("--no-config", action="store_true", help="as for audit")
    bl.add_argument("--lang", choices=("zh", "en"), default=None, help="as for audit")
    bl.set_defaults(func=_cmd_baseline, fail_on=None, baseline=None)

    x = sub.add_parser(
        "export",
        help="write a result store out in any output format (as gireport audit --format), or its tables",
        description="Write the findings of a result store made by `gireport audit --db FILE` in any output format — the "
        "same renderer as `gireport audit --format`, so an export of a run gives the same bytes as the run's own output — "
        "or, with --table and csv, jsonl or parquet, its documents, coverage or table cells.  Parquet needs pyarrow "
        "(gireport[parquet]); xlsx and parquet need -o.  Exit status 2 when the store is missing or unreadable, or "
        "--ruleset names a ruleset it has no results of.",
        epilog="examples:\n  gireport export results.db --format html -o report.html\n  gireport export results.db --format xlsx -o findings.xlsx\n"
        "  gireport export results.db --format csv --table cells -o cells.csv   every cell of the standard tables\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    x.add_argument("db", metavar="DB", help="the result store (SQLite) written by gireport audit --db")
    x.add_argument("--format", choices=tuple(FORMATS), required=True, metavar="FORMAT", help="output format: " + ", ".join(FORMATS) + " (xlsx and parquet need -o)")
    x.add_argument("-o", "--output", metavar="FILE", help="write to FILE (required for xlsx and parquet; default: standard output)")
    x.add_argument("--table", choices=("findings", "documents", "coverage", "cells"), default="findings",
                   help="which table for csv, jsonl and parquet (default: findings; cells: every cell of the standard tables as read)")
    x.add_argument("--ruleset", metavar="VERSION", help="results of this ruleset version ('all' for every one; default: the latest run's)")
    x.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the text output, of the HTML report's interface and of the messages (default: zh, or GIREPORT_LANG)")
    x.set_defaults(func=_cmd_export)

    ind = sub.add_parser(
        "indicators",
        help="compute the indicators researchers use (公开率, 复议纠错率 …) from the reports' tables",
        description="Compute every indicator of docs/indicators.md — 新收 and its change on last year, 申请人结构, 公开率 in "
        "three variants, 不予公开率 and its reasons, 无法提供率, 不予处理率, 其他处理率, 办结率, 结转率, 复议率, 诉讼率, 复议纠错率, "
        "诉讼败诉率, the 规章 and 规范性文件 stock and flow, 行政许可/处罚/强制 counts, fee amount; for old-template reports, "
        "those the old statistics table states — from the printed cells, one row per report × indicator × variant, "
        "each value an exact fraction with the cells it used, or untestable with the reason.  PATH is report files or "
        "folders (audited by isolated workers under the limits) or a result store written by gireport audit --db.",
        epilog="examples:\n  gireport indicators corpus/ -o indicators.csv\n  gireport indicators results.db -o indicators.xlsx\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ind.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders, or one result store")
    ind.add_argument("-o", "--output", metavar="FILE", help="write to FILE (.csv, .xlsx or .parquet; default: CSV on standard output)")
    ind.add_argument("--format", choices=("csv", "xlsx", "parquet"), help="the output format (default: from the file's suffix, else csv)")
    ind.add_argument("--workers", type=int, metavar="N", help="worker processes (default: every core)")
    ind.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages (default: zh, or GIREPORT_LANG)")
    ind.set_defaults(func=_cmd_indicators)

    r = sub.add_parser("rules", help="list the rules", description="List every rule: code, name, family, default severity, summary.")
    r.add_argument("--select", action="append", metavar="CODES", help="only these codes, prefixes, names or families")
    r.add_argument("--json", action="store_true", help="print JSON")
    r.set_defaults(func=_cmd_rules)

    d = sub.add_parser("rule", help="print one rule's documentation", description="Print a rule's documentation: what it does, why, examples, known exceptions.")
    d.add_argument("code", metavar="CODE", help="a rule code (GR201) or name (share-mismatch)")
    d.set_defaults(func=_cmd_rule)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `gireport parse … | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
