"""Stage 5 — output: a run's audit records rendered as linter text, JSON,
JSON Lines, CSV, Parquet, SARIF 2.1.0, an Excel workbook or a
self-contained HTML report.

Every renderer reads only :class:`~gireport.audit.AuditRecord` objects, one
per path (:func:`as_records` makes them from audits, error entries and a
batch run's paths), so that a single file audited here, a folder audited by
the worker pool and an export from the result store give the same bytes.
:data:`FORMATS` is the one registry of formats: ``gireport audit --format``
and ``gireport export --format`` both take their names from it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from .. import __version__
from ..audit.record import AuditRecord
from .html import render_html, render_html_frames
from .provenance import PROVENANCE_COLUMNS, provenance
from .records import UNREADABLE, Tallied, Tally, as_records, path_lines, run_provenance, summary_line
from .safe import spreadsheet_safe, terminal_safe
from .jsonstream import Lazy, dump
from .sarif import stream_sarif
from .tabular import CSV_COLUMNS, JSONL_COLUMNS, MissingDependency, csv_row, render_parquet, stream_csv, stream_jsonl, write_csv, write_parquet
from .xlsx import render_xlsx as _render_xlsx

__all__ = [
    "FORMATS",
    "Format",
    "get_format",
    "render",
    "write",
    "render_text",
    "render_json",
    "render_jsonl",
    "render_csv",
    "render_sarif",
    "render_html",
    "render_html_frames",
    "render_xlsx",
    "render_parquet",
    "as_records",
    "run_provenance",
    "summary_line",
    "path_lines",
    "Tallied",
    "CSV_COLUMNS",
    "JSONL_COLUMNS",
    "PROVENANCE_COLUMNS",
    "provenance",
    "csv_row",
    "write_csv",
    "write_parquet",
    "spreadsheet_safe",
    "terminal_safe",
    "MissingDependency",
]


# ------------------------------------------------------------------ text, json
def _stream_text(records: Iterable[AuditRecord], out: TextIO, *, lang: str = "zh", run_date: str | None = None, context: bool = True) -> None:
    """One pass: each audited file's lines as it comes, then the paths
    without findings of their own, then the summary."""
    tally = Tally()
    others: list[str] = []
    for r in records:
        tally.add(r)
        if r.status != "ok":
            others += path_lines((r,), lang=lang)
            continue
        name = terminal_safe(r.file or "<input>")
        for f, s in r.located():
            page = f.page if f.page is not None else "-"
            msg = terminal_safe(f.message if lang != "en" else f.message_en)
            lines = [f"{name}:{page}:{s.line}: {f.code} [{f.severity}] {msg}"]
            if context:
                lines += [f"    | {terminal_safe(c)}" for c in s.context]
            out.write("\n".join(lines) + "\n")
    for line in others:
        out.write(line + "\n")
    out.write(tally.summary(lang=lang) + "\n")


def _stream_json(records: Iterable[AuditRecord], out: TextIO, *, lang: str = "zh", run_date: str | None = None) -> None:
    tally = Tally.of(records)
    doc = {
        "tool": {"name": "gireport", "version": __version__},
        "run": tally.provenance(run_date),
        "files": Lazy(lambda: (r.to_dict() for r in records if r.status == "ok")),
        "errors": Lazy(lambda: (r.status_dict() for r in records if r.status in UNREADABLE)),
        "summary": tally.summary(lang="en"),
        "paths": Lazy(lambda: (r.status_dict() for r in records)),
    }
    dump(doc, out)
    out.write("\n")


def _text(records: Iterable[AuditRecord], *, lang: str = "zh", run_date: str | None = None, context: bool = True) -> str:
    buf = io.StringIO()
    _stream_text(records, buf, lang=lang, run_date=run_date, context=context)
    return buf.getvalue()


# -------------------------------------------------------------------- registry
@dataclass(frozen=True)
class Format:
    """An output format: its name, what it is for, whether it is bytes (then
    it needs a file), and how it is made — ``stream(records, out, lang=…,
    run_date=…)`` writing to a text stream piece by piece (text, JSON, JSON
    Lines, CSV, SARIF), or ``render(records, …)`` returning the whole
    output (HTML, xlsx, Parquet).

    ``records`` may be a list or any re-iterable (a result store's records,
    :class:`gireport.batch.results.StoredRecords`): a streamed format reads
    it a few times, one record at a time, so that writing an archive's
    results never holds them all."""

    name: str
    summary: str
    binary: bool
    _render: Callable[..., Any] | None = None
    _stream: Callable[..., None] | None = None

    @property
    def streams(self) -> bool:
        """Whether the format is written piece by piece."""
        return self._stream is not None

    def stream(self, records: Iterable[AuditRecord], out: TextIO, *, lang: str = "zh", run_date: str | None = None) -> None:
        if self._stream is None:
            out.write(self.render(records, lang=lang, run_date=run_date))  # type: ignore[arg-type]
            return
        self._stream(records, out, lang=lang, run_date=run_date)

    def render(self, records: Iterable[AuditRecord], *, lang: str = "zh", run_date: str | None = None) -> str | bytes:
        if self._render is not None:
            return self._render(records, lang=lang, run_date=run_date)  # type: ignore[no-any-return]
        buf = io.StringIO()
        self.stream(records, buf, lang=lang, run_date=run_date)
        return buf.getvalue()


def _no_lang(fn: Callable[..., Any]) -> Callable[..., Any]:
    return lambda records, *args, lang="zh", run_date=None: fn(records, *args, run_date=run_date)


#: The output formats, by name (one registry for ``audit`` and ``export``).
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "linter-style lines: file:page:line: CODE [severity] message, the evidence in context", False, _stream=_stream_text),
        Format("json", "one document: the run, every audited file with its findings, verdicts and coverage, every path", False, _stream=_stream_json),
        Format("jsonl", "one finding per line (and one line per path without findings), with provenance", False, _stream=_no_lang(stream_jsonl)),
        Format("csv", "the findings for spreadsheets: UTF-8 with BOM, evidence as columns, formula-safe", False, _stream=_no_lang(stream_csv)),
        Format("sarif", "SARIF 2.1.0 for code scanning (GitHub), located by line and column", False, _stream=_no_lang(stream_sarif)),
        Format("html", "a self-contained HTML report for reading in a browser", False, lambda records, *, lang="zh", run_date=None: render_html(records, lang=lang, run_date=run_date)),
        Format("xlsx", "an Excel workbook: findings, documents, verdicts, run (needs -o)", True, _no_lang(_render_xlsx)),
        Format("parquet", "the findings as a Parquet table (needs -o and pyarrow)", True, _no_lang(render_parquet)),
    )
}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; one of {', '.join(FORMATS)}") from None


def render(audits: Sequence[Any], fmt: str, *, lang: str = "zh", errors: Sequence[dict[str, Any]] = (), paths: Sequence[dict[str, Any]] = (), run_date: str | None = None) -> Any:
    """``audits`` (audits or records) in format ``fmt`` (a name of
    :data:`FORMATS`): text for the text formats, bytes for xlsx and
    parquet.  ``errors``: the files that could not be audited (``{file,
    status, error, message}``); ``paths``: every path of a run with its
    status, so that every output accounts for every path."""
    return get_format(fmt).render(as_records(audits, errors=errors, paths=paths), lang=lang, run_date=run_date)


def write(records: Iterable[AuditRecord], fmt: str, out: Any = None, *, lang: str = "zh", run_date: str | None = None) -> list[str]:
    """Write ``records`` as ``fmt``: to the file named ``out``, or to the
    text stream ``out`` (standard output when None; the bytes formats, xlsx
    and parquet, need a file).  The text formats but HTML are written piece
    by piece as they are made (:attr:`Format.streams`).  An HTML report of more
    than :data:`~gireport.output.html.PAGE_DOCS` reports written to a file
    is split into an index page and parts beside it
    (:func:`~gireport.output.html.render_html_pages`).  Returns the files
    written."""
    import os
    import sys

    f = get_format(fmt)
    named = isinstance(out, (str, os.PathLike))
    if f.binary and not named:
        raise ValueError(f"--format {fmt} writes a file: give -o FILE")
    if fmt == "html" and named:
        from .html import render_html_pages

        pages = render_html_pages(records, name=os.fspath(out), lang=lang, run_date=run_date)
        for name, page in pages.items():
            with open(name, "w", encoding="utf-8", newline="") as fh:
                fh.write(page)
        return list(pages)
    if not f.binary:
        if named:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                f.stream(records, fh, lang=lang, run_date=run_date)
            return [os.fspath(out)]
        f.stream(records, out or sys.stdout, lang=lang, run_date=run_date)
        return []
    data = f.render(records, lang=lang, run_date=run_date)
    with open(out, "wb") as fb:
        fb.write(data)  # type: ignore[arg-type]
    return [os.fspath(out)]


def _compat(fmt: str) -> Callable[..., Any]:
    def fn(audits: Sequence[Any], *, lang: str = "zh", errors: Sequence[dict[str, Any]] = (), paths: Sequence[dict[str, Any]] = (), run_date: str | None = None, **kw: Any) -> Any:
        recs = as_records(audits, errors=errors, paths=paths)
        if fmt == "text":
            return _text(recs, lang=lang, run_date=run_date, **kw)
        return get_format(fmt).render(recs, lang=lang, run_date=run_date)

    fn.__name__ = f"render_{fmt}"
    fn.__doc__ = f"``audits`` (audits or records) as {fmt}: {FORMATS[fmt].summary}."
    return fn


render_text = _compat("text")
render_json = _compat("json")
render_jsonl = _compat("jsonl")
render_csv = _compat("csv")
render_sarif = _compat("sarif")
render_xlsx = _compat("xlsx")
