"""Stage 5 — output: audits rendered as linter text, JSON, JSONL, CSV,
SARIF 2.1.0 or a self-contained HTML report (:mod:`gireport.output.html`).
Every format carries the same Finding record."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..audit import FINDING_COLUMNS, Audit, Finding, Rule, select_rules
from ..text import line_of
from .html import render_html, render_html_frames
from .provenance import PROVENANCE_COLUMNS, provenance
from .safe import spreadsheet_safe, terminal_safe

__all__ = [
    "FORMATS",
    "render",
    "render_text",
    "render_json",
    "render_jsonl",
    "render_csv",
    "render_sarif",
    "render_html",
    "render_html_frames",
    "summary_line",
    "path_lines",
    "context_lines",
    "CSV_COLUMNS",
    "PROVENANCE_COLUMNS",
    "provenance",
    "csv_row",
    "spreadsheet_safe",
    "terminal_safe",
]

FORMATS = ("text", "json", "jsonl", "csv", "sarif", "html")

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def context_lines(audit: Audit, f: Finding, width: int = 50, max_lines: int = 3) -> list[str]:
    """The text around a finding's evidence, line by line, the evidence
    marked «…» — what the text output prints under a finding (and what a
    batch worker keeps for it)."""
    if not f.evidence:
        return []
    text = audit.report.text
    by_line: dict[int, list[tuple[int, int]]] = {}
    for ev in f.evidence:
        ls = text.rfind("\n", 0, ev.start) + 1
        by_line.setdefault(ls, []).append((ev.start, ev.end))
    out = []
    for ls in sorted(by_line)[:max_lines]:
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        spans = sorted(set(by_line[ls]))
        lo = max(ls, spans[0][0] - width)
        hi = min(le, max(e for _, e in spans) + width)
        if hi - lo > 4 * width:  # evidence far apart on one long line
            hi = min(le, spans[0][1] + width)
        pieces, pos = [], lo
        for a, b in spans:
            if a < pos or b > hi:
                continue
            pieces.append(text[pos:a])
            pieces.append("«" + text[a:b] + "»")
            pos = b
        pieces.append(text[pos:hi])
        snippet = "".join(pieces).replace("\t", " ")
        out.append(("…" if lo > ls else "") + snippet + ("…" if hi < le else ""))
    return out


def summary_line(audits: Sequence[Audit], failed: int = 0) -> str:
    c: Counter[str] = Counter()
    checked = untestable = claims = 0
    for a in audits:
        c.update(f.severity for f in a.findings)
        cov = a.coverage
        checked += cov["checked"]
        untestable += cov["untestable"]
        claims += sum(cov["claims"].values())
    rate = f"{checked / (checked + untestable):.0%}" if checked + untestable else "n/a"
    files = f"{len(audits)} file{'s' if len(audits) != 1 else ''}" + (f" ({failed} unreadable)" if failed else "")
    return (
        f"{files}: {c['error']} error{'s' if c['error'] != 1 else ''}, {c['warning']} warning{'s' if c['warning'] != 1 else ''}, "
        f"{c['info']} info; {claims} claims, {checked} checked, {untestable} untestable (testable rate {rate})"
    )


def path_lines(paths: Sequence[dict[str, Any]]) -> list[str]:
    """One line per path that has no findings of its own to show: failed,
    unsupported, duplicate or gone, with the reason (control characters
    escaped)."""
    out = []
    for p in paths:
        st = p.get("status")
        if st in (None, "ok"):
            continue
        why = f" of {p['duplicate_of']}" if st == "duplicate" and p.get("duplicate_of") else (f": {p['message']}" if p.get("message") else "")
        out.append(terminal_safe(f"{p.get('file')}: {st}{why}"))
    return out


def _unaudited(errors: Sequence[dict[str, Any]], paths: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The files with no audit of their own: the errors, and the duplicate
    and gone paths of ``paths`` (each once)."""
    out = list(errors)
    seen = {e.get("file") for e in out}
    for p in paths:
        if p.get("status") in ("duplicate", "gone", "unsupported", "failed") and p.get("file") not in seen:
            msg = f"duplicate of {p['duplicate_of']}" if p.get("status") == "duplicate" else (p.get("message") or "")
            out.append({"file": p.get("file"), "status": p.get("status"), "error": p.get("error") or p.get("status"), "message": msg})
            seen.add(p.get("file"))
    return out


def render_text(audits: Sequence[Audit], *, lang: str = "zh", failed: int = 0, context: bool = True, paths: Sequence[dict[str, Any]] = ()) -> str:
    """Linter-style text: ``file:page:line: CODE [severity] message`` and the
    context of the evidence; report text and file names are shown with their
    control characters escaped (:func:`terminal_safe`)."""
    lines: list[str] = []
    for a in audits:
        text = a.report.text
        name = terminal_safe(a.path or "<input>")
        for f in a.findings:
            page = f.page if f.page is not None else "-"
            line = line_of(text, f.start) if f.start is not None else 0
            msg = terminal_safe(f.message if lang == "zh" else f.message_en)
            lines.append(f"{name}:{page}:{line}: {f.code} [{f.severity}] {msg}")
            if context:
                for ctx_line in context_lines(a, f):
                    lines.append(f"    | {terminal_safe(ctx_line)}")
    lines.extend(path_lines(paths))
    lines.append(summary_line(audits, failed))
    return "\n".join(lines) + "\n"


def render_json(audits: Sequence[Audit], *, errors: Sequence[dict[str, Any]] = (), paths: Sequence[dict[str, Any]] = ()) -> str:
    doc = {
        "tool": {"name": "gireport", "version": __version__},
        "run": provenance(audits),
        "files": [a.to_dict() for a in audits],
        "errors": list(errors),
        "summary": summary_line(audits, len(errors)),
    }
    if paths:
        doc["paths"] = [dict(p) for p in paths]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(audits: Sequence[Audit], *, paths: Sequence[dict[str, Any]] = ()) -> str:
    """One finding per line (``Finding.to_dict()``) with the run's provenance
    (:data:`PROVENANCE_COLUMNS`) in every record."""
    prov = provenance(audits)
    out = [json.dumps({**f.to_dict(), **prov}, ensure_ascii=False) + "\n" for a in audits for f in a.findings]
    out += [json.dumps({**row, **prov}, ensure_ascii=False) + "\n" for row in _status_rows(audits, paths)]
    return "".join(out)


def _status_rows(audits: Sequence[Audit], paths: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A record for every path of ``paths`` that has no finding row: an ok
    file without findings, a failed, unsupported, duplicate or gone path
    (``code`` None, ``status``, ``duplicate_of``, the reason in ``message``)."""
    with_rows = {str(a.path) for a in audits if a.findings}
    rows = []
    for p in paths:
        if p.get("status") == "ok" and str(p.get("file")) in with_rows:
            continue
        rows.append({"file": p.get("file"), "code": None, "status": p.get("status"), "duplicate_of": p.get("duplicate_of"), "message": p.get("message") or p.get("error")})
    return rows


#: Columns of the CSV of findings: the Finding record with its evidence
#: spread over columns instead of a list (``evidence_page``, ``_start`` and
#: ``_end`` of the first span, ``evidence_text`` every span's text joined by
#: " / ", ``evidence_count`` how many spans there are).
CSV_COLUMNS = tuple(c for c in FINDING_COLUMNS if c != "evidence")[:6] + (
    "evidence_page",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "evidence_count",
) + tuple(c for c in FINDING_COLUMNS if c != "evidence")[6:] + ("status", "duplicate_of") + PROVENANCE_COLUMNS


def csv_row(finding: dict[str, Any], prov: dict[str, str] | None = None) -> list[object]:
    """One finding (``Finding.to_dict()``) as a CSV row of
    :data:`CSV_COLUMNS` (``prov``: the run's provenance), every text cell
    made spreadsheet-safe."""
    ev = finding.get("evidence") or []
    first = ev[0] if ev else {}
    flat = {"status": "ok", **(prov or {}), **finding}
    flat.update(
        evidence_page=first.get("page"),
        evidence_start=first.get("start"),
        evidence_end=first.get("end"),
        evidence_text=" / ".join(str(e.get("text", "")) for e in ev),
        evidence_count=len(ev),
    )
    return [spreadsheet_safe("" if flat.get(c) is None else flat[c]) for c in CSV_COLUMNS]


def render_csv(audits: Sequence[Audit], *, paths: Sequence[dict[str, Any]] = ()) -> str:
    """The findings as CSV: UTF-8 with a byte-order mark (so that Excel in a
    Chinese locale opens it as UTF-8), one row per finding, the columns of
    :data:`CSV_COLUMNS`."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    prov = provenance(audits)
    for a in audits:
        for f in a.findings:
            w.writerow(csv_row(f.to_dict(), prov))
    for row in _status_rows(audits, paths):
        w.writerow(csv_row(row, prov))
    return buf.getvalue()


def _sarif_rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary.split("\n")[0] if r.summary else r.name},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.render_doc()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"family": r.family, "tags": [r.family]},
    }


def _artifact(path: str | None) -> dict[str, Any]:
    """The artifact location of a report: relative to the current folder
    (``uriBaseId`` %SRCROOT%, what code scanning resolves against the
    checkout) when the file is under it, else an absolute file URI."""
    import os
    from pathlib import Path
    from urllib.parse import quote

    if not path:
        return {"uri": "input"}
    p = Path(path).resolve()
    try:
        rel = p.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": p.as_uri()}
    return {"uri": quote(rel.as_posix().replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _region(lines: Any, ev: Any, known: Any = None) -> dict[str, Any]:
    """The SARIF region of one evidence span: line and column in the
    original file for the formats with lines (see :mod:`.locate`; ``known``:
    the location a batch worker found), line 1 otherwise (a PDF's page is in
    the location's properties)."""
    reg: dict[str, Any] = {"startLine": 1, "snippet": {"text": ev.text}}
    loc = known if known else (lines.locate(ev.start, ev.end) if lines is not None else None)
    if loc is not None:
        reg.update(startLine=loc[0], startColumn=loc[1], endLine=loc[2], endColumn=loc[3])
    return reg


def _sarif_location(uri: dict[str, Any], lines: Any, ev: Any, i: int | None = None, known: Any = None) -> dict[str, Any]:
    props: dict[str, Any] = {"textOffset": ev.start, "textLength": ev.end - ev.start}
    if ev.page is not None:
        props["page"] = ev.page
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": dict(uri), "region": _region(lines, ev, known)}, "properties": props}
    if i is not None:
        loc = {"id": i, **loc}
    return loc


def _sarif_artifact(p: dict[str, Any]) -> dict[str, Any]:
    """A path of the run as a SARIF artifact, its status in the properties."""
    props = {k: p.get(k) for k in ("status", "duplicate_of", "error", "message") if p.get(k) is not None}
    return {"location": _artifact(str(p.get("file"))), "properties": props}


def render_sarif(audits: Sequence[Audit], *, paths: Sequence[dict[str, Any]] = ()) -> str:
    """SARIF 2.1.0 for code scanning: one result per finding, located by line
    and column in the original file (txt, md, html; line 1 with the page in
    the properties for pdf and docx), relative to the current folder
    (%SRCROOT%); the run records the ruleset version and rounding policy."""
    from ..audit.registry import ruleset_version
    from .locate import SourceLines

    rules = select_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for a in audits:
        uri = _artifact(a.path)
        report = getattr(a, "report", None)  # an audit read back from a store has no text: lines unknown
        src = report.document.source if report is not None else None
        lines = SourceLines.of(a.path, src.format, src.encoding, report.text) if a.findings and src is not None else None
        stored = getattr(a, "regions", None) or []  # an audit from a batch worker: located there
        for k, f in enumerate(a.findings):
            known = stored[k] if k < len(stored) and stored[k] else []
            res: dict[str, Any] = {
                "ruleId": f.code,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message_en} / {f.message}"},
                "locations": [_sarif_location(uri, lines, ev, known=known[0] if known else None) for ev in f.evidence[:1]] or [{"physicalLocation": {"artifactLocation": dict(uri), "region": {"startLine": 1}}}],
                "partialFingerprints": {"gireport/v1": f.fingerprint},
                "properties": {"reported": f.reported, "expected": f.expected, "section": f.section},
            }
            if f.code in index:
                res["ruleIndex"] = index[f.code]
            if len(f.evidence) > 1:
                res["relatedLocations"] = [_sarif_location(uri, lines, ev, i, known=known[i] if i < len(known) else None) for i, ev in enumerate(f.evidence[1:], 1)]
            results.append(res)
    ruleset = ruleset_version()
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gireport",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/gireport/",
                        "rules": [_sarif_rule(r) for r in rules],
                        "properties": {"ruleset": ruleset},
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": __import__("pathlib").Path.cwd().resolve().as_uri() + "/"}},
                **({"artifacts": [_sarif_artifact(p) for p in paths]} if paths else {}),
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    **provenance(audits),
                    "ruleset": ruleset,
                    "offsets": "region lines and columns are in the original file (text, Markdown, HTML); textOffset/textLength in a location's properties count characters of gireport's normalised text",
                    "coverage": {a.path or "input": {k: v for k, v in a.coverage.items() if k != "rules"} for a in audits},
                },
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render(audits: Sequence[Audit], fmt: str, *, lang: str = "zh", errors: Sequence[dict[str, Any]] = (), paths: Sequence[dict[str, Any]] = ()) -> str:
    """``audits`` in format ``fmt``.  ``errors``: the files that could not be
    audited (``{file, status, error, message}``); ``paths``: every path of a
    run with its status (``{file, status, error, message, duplicate_of}``,
    ok / failed / unsupported / duplicate / gone), so that every output
    accounts for every path."""
    if fmt == "text":
        return render_text(audits, lang=lang, failed=len(errors), paths=paths)
    if fmt == "json":
        return render_json(audits, errors=errors, paths=paths)
    if fmt == "jsonl":
        return render_jsonl(audits, paths=paths)
    if fmt == "csv":
        return render_csv(audits, paths=paths)
    if fmt == "sarif":
        return render_sarif(audits, paths=paths)
    if fmt == "html":
        return render_html(audits, errors=_unaudited(errors, paths), lang=lang)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
