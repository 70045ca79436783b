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
from .html import render_html, render_html_frames
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
    "CSV_COLUMNS",
    "csv_row",
    "spreadsheet_safe",
    "terminal_safe",
]

FORMATS = ("text", "json", "jsonl", "csv", "sarif", "html")

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _context(audit: Audit, f: Finding, width: int = 50, max_lines: int = 3) -> list[str]:
    """The text around the evidence, line by line, evidence marked «…»."""
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


def render_text(audits: Sequence[Audit], *, lang: str = "zh", failed: int = 0, context: bool = True) -> str:
    """Linter-style text: ``file:page:line: CODE [severity] message`` and the
    context of the evidence; report text and file names are shown with their
    control characters escaped (:func:`terminal_safe`)."""
    lines: list[str] = []
    for a in audits:
        text = a.report.text
        name = terminal_safe(a.path or "<input>")
        for f in a.findings:
            page = f.page if f.page is not None else "-"
            line = _line_of(text, f.start) if f.start is not None else 0
            msg = terminal_safe(f.message if lang == "zh" else f.message_en)
            lines.append(f"{name}:{page}:{line}: {f.code} [{f.severity}] {msg}")
            if context:
                for ctx_line in _context(a, f):
                    lines.append(f"    | {terminal_safe(ctx_line)}")
    lines.append(summary_line(audits, failed))
    return "\n".join(lines) + "\n"


def render_json(audits: Sequence[Audit], *, errors: Sequence[dict[str, Any]] = ()) -> str:
    doc = {
        "tool": {"name": "gireport", "version": __version__},
        "files": [a.to_dict() for a in audits],
        "errors": list(errors),
        "summary": summary_line(audits, len(errors)),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(audits: Sequence[Audit]) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for a in audits for f in a.findings)


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
) + tuple(c for c in FINDING_COLUMNS if c != "evidence")[6:]


def csv_row(finding: dict[str, Any]) -> list[object]:
    """One finding (``Finding.to_dict()``) as a CSV row of
    :data:`CSV_COLUMNS`, every text cell made spreadsheet-safe."""
    ev = finding.get("evidence") or []
    first = ev[0] if ev else {}
    flat = dict(finding)
    flat.update(
        evidence_page=first.get("page"),
        evidence_start=first.get("start"),
        evidence_end=first.get("end"),
        evidence_text=" / ".join(str(e.get("text", "")) for e in ev),
        evidence_count=len(ev),
    )
    return [spreadsheet_safe("" if flat.get(c) is None else flat[c]) for c in CSV_COLUMNS]


def render_csv(audits: Sequence[Audit]) -> str:
    """The findings as CSV: UTF-8 with a byte-order mark (so that Excel in a
    Chinese locale opens it as UTF-8), one row per finding, the columns of
    :data:`CSV_COLUMNS`."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for a in audits:
        for f in a.findings:
            w.writerow(csv_row(f.to_dict()))
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


def render_sarif(audits: Sequence[Audit]) -> str:
    rules = select_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for a in audits:
        uri = a.path or "input"
        for f in a.findings:
            locs = []
            for ev in f.evidence[:1]:
                locs.append(
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {"charOffset": ev.start, "charLength": ev.end - ev.start, "snippet": {"text": ev.text}},
                        }
                    }
                )
            res: dict[str, Any] = {
                "ruleId": f.code,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message_en} / {f.message}"},
                "locations": locs,
                "partialFingerprints": {"gireport/v1": f.fingerprint},
                "properties": {"reported": f.reported, "expected": f.expected, "section": f.section},
            }
            if f.code in index:
                res["ruleIndex"] = index[f.code]
            if len(f.evidence) > 1:
                res["relatedLocations"] = [
                    {
                        "id": i,
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {"charOffset": ev.start, "charLength": ev.end - ev.start, "snippet": {"text": ev.text}},
                        },
                    }
                    for i, ev in enumerate(f.evidence[1:], 1)
                ]
            results.append(res)
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
                    }
                },
                "results": results,
                "properties": {
                    "offsets": "charOffset/charLength count characters of gireport's normalised text (NFKC), not bytes of the file",
                    "coverage": {a.path or "input": {k: v for k, v in a.coverage.items() if k != "rules"} for a in audits},
                },
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render(audits: Sequence[Audit], fmt: str, *, lang: str = "zh", errors: Sequence[dict[str, Any]] = ()) -> str:
    if fmt == "text":
        return render_text(audits, lang=lang, failed=len(errors))
    if fmt == "json":
        return render_json(audits, errors=errors)
    if fmt == "jsonl":
        return render_jsonl(audits)
    if fmt == "csv":
        return render_csv(audits)
    if fmt == "sarif":
        return render_sarif(audits)
    if fmt == "html":
        return render_html(audits, errors=errors)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
