"""HTML views of reports, audits and findings — for notebooks
(``Report._repr_html_``, ``Audit._repr_html_``) and for the HTML report
(:mod:`gireport.output.html`).

Report text is untrusted: every interpolated string goes through
:func:`esc` (``html.escape`` with quotes).  The fragments carry no script and
load nothing; their classes start with ``gir-`` and the stylesheet
:data:`CSS` is scoped to ``.gir``.
"""

from __future__ import annotations

import html as _html
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .tables.excerpt import TABLE_NAMES, excerpt
from .text import context_segments, line_of, sentence_span

if TYPE_CHECKING:  # pragma: no cover
    from .audit.engine import Audit
    from .audit.finding import Evidence, Finding
    from .report import Report
    from .tables.model import StandardTable, TableCell

__all__ = [
    "CSS",
    "SEVERITY_COLORS",
    "TABLE_NAMES",
    "audit_html",
    "cell_index",
    "context_html",
    "counts_html",
    "coverage_html",
    "esc",
    "evidence_html",
    "finding_html",
    "grid_html",
    "segments_html",
    "shown_evidence_html",
    "marked_lines_html",
    "metadata_html",
    "outline_html",
    "report_html",
    "sentence_span",
    "table_excerpt_html",
    "untestable_html",
]

SEVERITY_COLORS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}


CSS = """
.gir{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;font-size:14px;line-height:1.55;color:#1f2328;max-width:1100px}
.gir h3,.gir h4{margin:.6em 0 .3em}
.gir .gir-head{font-weight:600;font-size:15px}
.gir .gir-muted{color:#656d76}
.gir .gir-kind{display:inline-block;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef2f7;color:#24527a;border-radius:3px;padding:0 5px;margin-left:6px}
.gir .gir-kind.unknown{background:#fdecea;color:#8a1c12}
.gir .gir-code{font:600 12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.gir .gir-sev{display:inline-block;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;color:#fff;border-radius:3px;padding:0 5px}
.gir .gir-sev.error{background:#c62828}.gir .gir-sev.warning{background:#b26a00}.gir .gir-sev.info{background:#1565c0}
.gir .gir-finding{border-left:4px solid #d0d7de;padding:6px 10px;margin:8px 0;background:#fafbfc}
.gir .gir-finding.error{border-left-color:#c62828}.gir .gir-finding.warning{border-left-color:#b26a00}.gir .gir-finding.info{border-left-color:#1565c0}
.gir .gir-msg{margin:2px 0}.gir .gir-msg-en{color:#656d76;font-size:13px}
.gir .gir-rx{font-size:13px;margin:2px 0}
.gir .gir-rx b{font-weight:600}
.gir .gir-ctx{margin:6px 0 2px;padding:4px 8px;background:#fff;border:1px solid #e5e7eb;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}
.gir .gir-ctx+.gir-ctx{margin-top:3px}
.gir mark{background:#ffe08a;color:inherit;border-radius:2px;padding:0 1px;box-shadow:0 0 0 1px #e0b400 inset}
.gir table.gir-t{border-collapse:collapse;font-size:13px;margin:4px 0}
.gir table.gir-t th,.gir table.gir-t td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top}
.gir table.gir-t th{background:#f3f4f6;font-weight:600}
.gir table.gir-t td.num{text-align:right;font-variant-numeric:tabular-nums}
.gir table.gir-t td.hit{background:#ffe08a;font-weight:700;box-shadow:0 0 0 2px #e0b400 inset}
.gir table.gir-t caption{text-align:left;font-size:12px;color:#656d76;padding-bottom:2px;white-space:nowrap}
.gir dl.gir-md{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:4px 0}
.gir dl.gir-md dt{color:#656d76}.gir dl.gir-md dd{margin:0}
.gir ol.gir-outline{margin:4px 0;padding-left:22px}
.gir ol.gir-outline ol{padding-left:18px}
.gir .gir-bar{display:inline-block;vertical-align:middle;width:120px;height:8px;background:#e5e7eb;border-radius:4px;overflow:hidden;margin:0 6px}
.gir .gir-bar>span{display:block;height:100%;background:#2e7d32}
.gir .gir-flag{color:#8a1c12;font-weight:600}
.gir details>summary{cursor:pointer}
"""


def esc(value: Any) -> str:
    """``html.escape`` (quotes too); None → empty string."""
    if value is None:
        return ""
    return _html.escape(str(value), quote=True)


# ---------------------------------------------------------------- context
def segments_html(blocks: Sequence[Sequence[Sequence[Any]]]) -> str:
    """Sentences as :func:`gireport.text.context_segments` gives them
    (``[piece, marked]`` segments), escaped, the marked pieces in
    ``<mark>``: one ``<div class="gir-ctx">`` per sentence (an empty marked
    piece, a blank cell, as a caret)."""
    out = []
    for segs in blocks:
        body = "".join(
            ('<mark title="here">\u2038</mark>' if not piece else f"<mark>{esc(piece)}</mark>") if marked else esc(piece)
            for piece, marked in segs
        )
        out.append(f'<div class="gir-ctx">{body}</div>')
    return "".join(out)


def context_html(text: str, spans: Sequence[tuple[int, int]], *, width: int = 40, full: int = 200, max_blocks: int = 8) -> str:
    """Each sentence holding one of ``spans``, escaped, the spans marked (see
    :func:`gireport.text.context_segments`)."""
    return segments_html(context_segments(text, spans, width=width, full=full, max_blocks=max_blocks))


# ------------------------------------------------------------------ tables
def cell_index(report: Report) -> dict[tuple[int, int], tuple[StandardTable, TableCell]]:
    """Standard table cells by their (start, end) span."""
    idx: dict[tuple[int, int], tuple[Any, Any]] = {}
    try:
        tables = report.tables
    except Exception:  # noqa: BLE001 - a display must not fail on a table reader bug
        return idx
    for t in tables:
        for c in t.cells.values():
            idx.setdefault((c.start, c.end), (t, c))
    return idx


def grid_html(grid: dict[str, Any]) -> str:
    """A labelled table excerpt (:func:`gireport.tables.excerpt.excerpt`) as
    an HTML table, the cells of the evidence highlighted."""
    out = ['<table class="gir-t gir-cells">']
    out.append(f'<caption>表 {esc(grid.get("name"))} <span class="gir-kind">{esc(grid.get("kind"))}</span> · {esc(grid.get("source"))} · {esc(grid.get("layout"))}</caption>')
    out.append("<tr><th></th>" + "".join(f"<th>{esc(h)}</th>" for h in grid.get("columns") or ()) + "</tr>")
    for label, cells in grid.get("rows") or ():
        tds = []
        for cell in cells:
            if cell is None:
                tds.append('<td class="gir-muted">·</td>')
                continue
            text, state, hit = cell
            cls = "num" + (" hit" if hit else "")
            tds.append(f'<td class="{cls}" title="{esc(state)}">{esc(text) if str(text).strip() else "&nbsp;"}</td>')
        out.append(f"<tr><th>{esc(label)}</th>{''.join(tds)}</tr>")
    out.append("</table>")
    if grid.get("more"):
        out.append(f'<div class="gir-muted">… {esc(grid["more"])} more rows</div>')
    return "".join(out)


def table_excerpt_html(table: Any, hits: Sequence[Any], *, max_rows: int = 40) -> str:
    """The rows of ``table`` holding the ``hits`` cells, hits highlighted."""
    return grid_html(excerpt(table, hits, max_rows=max_rows))


# ---------------------------------------------------------------- findings
def evidence_html(text: str | None, evidence: Sequence[Evidence], cells: dict[tuple[int, int], tuple[Any, Any]] | None = None) -> str:
    """The evidence of a finding in context: text spans as their sentences
    with the evidence marked, table cells as table excerpts with the cells
    highlighted.  Without the text (a batch store), the evidence snippets."""
    if not evidence:
        return ""
    if text is None:
        return '<div class="gir-ctx gir-snips">' + " · ".join(f"<mark>{esc(ev.text)}</mark>" for ev in evidence) + "</div>"
    cells = cells or {}
    by_table: dict[int, tuple[Any, list[Any]]] = {}
    spans: list[tuple[int, int]] = []
    for ev in evidence:
        hit = cells.get((ev.start, ev.end))
        if hit is not None:
            t, c = hit
            by_table.setdefault(id(t), (t, []))[1].append(c)
        else:
            spans.append((ev.start, ev.end))
    parts = []
    if spans:
        parts.append(context_html(text, spans))
    for t, cs in by_table.values():
        parts.append(table_excerpt_html(t, cs))
    return "".join(parts)


def shown_evidence_html(f: Finding, shown: Any) -> str:
    """The evidence of a finding as its audit record shows it
    (:class:`gireport.audit.Shown`): its sentences with the evidence marked
    and its table cells as labelled grids; else the context lines; else the
    evidence snippets."""
    parts = segments_html(shown.sentences) + "".join(grid_html(g) for g in shown.grids)
    if parts:
        return parts
    if shown.context:
        return marked_lines_html(shown.context)
    return evidence_html(None, f.evidence)


def marked_lines_html(lines: Sequence[str]) -> str:
    """Context lines as the text output prints them (evidence between « and
    »), escaped, the evidence marked."""
    out = []
    for ln in lines:
        body = re.sub(r"«(.*?)»", lambda m: f"<mark>{m.group(1)}</mark>", esc(ln))
        out.append(f'<div class="gir-ctx">{body}</div>')
    return "".join(out)


def finding_html(
    f: Finding,
    text: str | None = None,
    cells: dict[tuple[int, int], tuple[Any, Any]] | None = None,
    *,
    anchor: str | None = None,
    context_lines: Sequence[str] | None = None,
    line: int | None = None,
    shown: Any = None,
    t: Any = None,
) -> str:
    """One finding: code, severity, name, where, both messages, reported /
    expected, and its evidence in context (see :func:`evidence_html`).
    Without the text, ``context_lines`` (the text output's «…» lines, as a
    batch store keeps them) or else the evidence snippets."""
    tr_ = t or (lambda s: s)
    where = []
    if f.page is not None:
        where.append(f"p.{f.page}")
    if shown is not None:
        line = shown.line or None
    if text is not None and f.start is not None:
        where.append(f"{tr_('line')} {line_of(text, f.start)}")
    elif line:
        where.append(f"{tr_('line')} {line}")
    if f.section:
        where.append(f.section)
    rx = []
    if f.reported is not None:
        rx.append(f"{tr_('reported')} <b>{esc(f.reported)}</b>")
    if f.expected is not None:
        rx.append(f"{tr_('expected')} <b>{esc(f.expected)}</b>")
    sev = f.severity if f.severity in SEVERITY_COLORS else "info"
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return (
        f'<div class="gir-finding {sev}"{ident} data-code="{esc(f.code)}">'
        f'<div><span class="gir-code">{esc(f.code)}</span> <span class="gir-sev {sev}">{esc(tr_(f.severity))}</span> '
        f'<span class="gir-muted">{esc(f.name)}{" · " + esc(" · ".join(where)) if where else ""}</span></div>'
        f'<div class="gir-msg">{esc(f.message)}</div>'
        f'<div class="gir-msg-en">{esc(f.message_en)}</div>'
        + (f'<div class="gir-rx">{" · ".join(rx)}</div>' if rx else "")
        + (shown_evidence_html(f, shown) if shown is not None else marked_lines_html(context_lines) if text is None and context_lines else evidence_html(text, f.evidence, cells))
        + "</div>"
    )


# ----------------------------------------------------------------- outline
def _name(path: str | None) -> str:
    return os.path.basename(path) if path else "<memory>"


def metadata_html(report: Report) -> str:
    """A report's metadata as a definition list: the file, what it is
    (title, agency, year, template) and when it says it was."""
    rows = _identity_rows(report) + _dated_rows(report.metadata)
    return '<dl class="gir-md">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _identity_rows(report: Report) -> list[tuple[str, str]]:
    """The file, its format and size, why it is not a report (when it is
    not), title, agency, year and template."""
    md = report.metadata
    src = report.document.source
    rows: list[tuple[str, str]] = [("file", esc(src.path or "<memory>"))]
    size = f"{len(report.text):,} chars" + (f", {src.pages} pages" if src.pages else "")
    rows.append(("format", f"{esc(src.format)} ({esc(size)})"))
    if not md.is_report:
        rows.append(("not a report", f'<span class="gir-flag">{esc(md.not_report_reason)}</span>'))
    rows.append(("title", esc(md.title or "-")))
    rows.append(("agency", f"{esc(md.agency or '-')} <span class=\"gir-muted\">({esc(md.issuer_kind)})</span>"))
    rows.append(("year", esc(md.year if md.year is not None else "-")))
    rows.append(("template", _template_cell(report)))
    return rows


def _template_cell(report: Report) -> str:
    """The template the report was read with, flagged when its year calls
    for another, with the first signals that chose it."""
    t = report.template
    tmpl = esc(t.name)
    if t.deviates:
        tmpl += f' <span class="gir-flag">(expected {esc(t.expected)} for {esc(report.metadata.year)})</span>'
    if t.signals:
        tmpl += f' <span class="gir-muted">signals: {esc(", ".join(t.signals[:4]))}</span>'
    return tmpl


def _dated_rows(md: Any) -> list[tuple[str, str]]:
    """The period covered, the signature, the publication date and the
    parts the report declares, those it has."""
    rows: list[tuple[str, str]] = []
    if md.period_start or md.period_end:
        rows.append(("period", f"{esc(md.period_start or '?')} – {esc(md.period_end or '?')}"))
    if md.signature_agency or md.signature_date:
        rows.append(("signed", f"{esc(md.signature_agency or '-')} {esc(md.signature_date or '')}"))
    if md.publication_date:
        rows.append(("published", esc(md.publication_date)))
    if md.declared:
        d = md.declared
        names = "、".join(d.names) if d.names else "(names not listed)"
        rows.append(("declared", f"{esc(d.count)} parts: {esc(names)}"))
    return rows


def _section_items(sections: Sequence[Any], page_of: Any, depth: int, max_depth: int) -> str:
    items = []
    for s in sections:
        kind = f' <span class="gir-kind {esc(s.kind)}">{esc(s.kind)}</span>' if s.level == 1 else ""
        page = s.page if s.page is not None else page_of(s.start)
        extra = f' <span class="gir-muted">p.{esc(page)}</span>' if page is not None else ""
        if s.implied:
            extra += ' <span class="gir-muted">(implied)</span>'
        sub = ""
        if s.children and depth < max_depth:
            sub = f'<ol class="gir-outline">{_section_items(s.children, page_of, depth + 1, max_depth)}</ol>'
        elif s.children:
            extra += f' <span class="gir-muted">+{len(s.children)} subsections</span>'
        items.append(f"<li>{esc(s.heading)}{kind}{extra}{sub}</li>")
    return "".join(items)


def outline_html(report: Report, *, max_depth: int = 2) -> str:
    """The section tree: headings with the top level's canonical kind."""
    secs = report.sections
    if not secs:
        return '<div class="gir-muted">no sections found</div>'
    body = f'<ol class="gir-outline">{_section_items(secs, report.document.page_at, 1, max_depth)}</ol>'
    notes = report.outline.notes + report.metadata.notes
    if notes:
        body += "".join(f'<div class="gir-muted">note: {esc(n)}</div>' for n in notes)
    return body


def claims_summary_html(report: Report) -> str:
    cov = report.claims.coverage
    bits = ", ".join(f"{esc(k)} {v}" for k, v in cov["claims"].items() if v) or "none"
    return (
        f'<div><b>{len(report.claims)}</b> claims ({bits}); {cov["numbers"]} numbers, {cov["quantities"]} quantities'
        + (f'; <span class="gir-flag">{cov["unresolved_shares"]} unresolved shares</span>' if cov["unresolved_shares"] else "")
        + "</div>"
    )


def tables_summary_html(report: Report) -> str:
    try:
        tables = report.tables
    except Exception:  # noqa: BLE001
        return ""
    if not tables:
        return ""
    amb = ' · <span class="gir-flag">ambiguous</span>'
    rows = "".join(
        f'<tr><td>{esc(TABLE_NAMES.get(t.kind, t.kind))} <span class="gir-kind">{esc(t.kind)}</span></td><td>{esc(t.layout)}</td>'
        f'<td>{esc(t.source)}</td><td class="num">{len(t.cells)}</td><td>{"complete" if t.complete else "partial"}'
        f"{amb if t.ambiguous else ''}</td></tr>"
        for t in tables
    )
    return f'<table class="gir-t"><tr><th>table</th><th>layout</th><th>source</th><th>cells</th><th></th></tr>{rows}</table>'


def coverage_html(audit: Any, t: Any = None) -> str:
    """Coverage at a glance: claims found, checked, failed, untestable, the
    testable rate as a bar, and per rule in a collapsed table.  ``audit``:
    an Audit or an audit record; ``t``: translates the labels (the HTML
    report's language)."""
    t = t or (lambda s: s)
    cov = audit.coverage
    rate = cov.get("testable_rate")
    pct = f"{rate:.0%}" if rate is not None else "n/a"
    width = f"{rate * 100:.0f}" if rate is not None else "0"
    claims = sum((cov.get("claims") or {}).values())
    checked, failed, untestable = cov.get("checked", 0), cov.get("failed", 0), cov.get("untestable", 0)
    head = (
        f'<div class="gir-cov"><b>{claims}</b> {t("claims")} · <b>{checked}</b> {t("checked")} · '
        f'<b>{cov.get("passed", checked - failed)}</b> {t("passed")} · '
        f'<b>{failed}</b> {t("failed")} · <b>{untestable}</b> {t("untestable")} · {t("testable rate")}'
        f'<span class="gir-bar" title="{pct}"><span style="width:{width}%"></span></span>{pct}</div>'
    )
    rules = [r for r in (cov.get("rules") or {}).values() if r.get("checked") or r.get("untestable")]
    if not rules:
        return head
    head += untestable_html(audit, t=t)
    rows = "".join(
        f"<tr><td class=\"gir-code\">{esc(r.get('code'))}</td><td class=\"num\">{r.get('checked', 0)}</td><td class=\"num\">{r.get('failed', 0)}</td>"
        f"<td class=\"num\">{r.get('untestable', 0)}</td><td>{esc('; '.join(f'{k} ({v})' for k, v in (r.get('untestable_reasons') or {}).items()))}</td></tr>"
        for r in rules
    )
    return head + (
        f'<details><summary>{t("per rule")}</summary><table class="gir-t"><tr><th>{t("rule")}</th><th>{t("checked")}</th><th>{t("failed")}</th>'
        f"<th>{t('untestable')}</th><th>{t('why untestable')}</th></tr>{rows}</table></details>"
    )


#: At most this many untestable verdicts are listed in the HTML views.
MAX_UNTESTABLE_LISTED = 200


def untestable_html(audit: Any, limit: int = MAX_UNTESTABLE_LISTED, t: Any = None) -> str:
    """The untestable verdicts a rule located (evidence or subject), in a
    collapsed table: rule, what was checked, why it could not be decided,
    the evidence text.  Empty when there is none."""
    t = t or (lambda s: s)
    vs = [v for v in getattr(audit, "verdicts", ()) if v.status == "untestable" and (v.evidence or v.subject)]
    if not vs:
        return ""
    rows = "".join(
        f"<tr><td class=\"gir-code\">{esc(v.code)}</td><td>{esc(v.subject or '')}</td><td>{esc(v.reason or '')}</td>"
        f"<td>{esc(v.reading or '')}</td><td>{esc(' … '.join(_clip(e.text) for e in v.evidence[:3]))}</td></tr>"
        for v in vs[:limit]
    )
    more = f'<div class="gir-muted">… {len(vs) - limit} more</div>' if len(vs) > limit else ""
    return (
        f"<details><summary>{t('untestable claims')} ({len(vs)})</summary><table class=\"gir-t\"><tr><th>{t('rule')}</th><th>{t('subject')}</th>"
        f"<th>{t('why untestable')}</th><th>{t('reading')}</th><th>{t('evidence')}</th></tr>{rows}</table>{more}</details>"
    )


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def counts_html(counts: Any, t: Any = None) -> str:
    """Severity badges: "2 errors", "1 warning", "0 info" (``t``: the
    labels in another language, e.g. "2 错误")."""
    out = []
    for sev, one, many in (("error", "error", "errors"), ("warning", "warning", "warnings"), ("info", "info", "info")):
        n = counts.get(sev, 0)
        label = t(sev) if t is not None else (one if n == 1 else many)
        out.append(f'<span class="gir-sev {sev}">{n} {label}</span>')
    return " ".join(out)


# --------------------------------------------------------------- notebooks
def _wrap(body: str) -> str:
    return f'<div class="gir"><style>{CSS}</style>{body}</div>'


def report_html(report: Report) -> str:
    """A Report for a notebook: metadata, template, outline with kinds,
    claims and tables found."""
    md = report.metadata
    title = f"{_name(report.path)} — {md.agency or '?'} {md.year or ''}".rstrip()
    flag = ' <span class="gir-flag">NOT A REPORT</span>' if not md.is_report else ""
    body = (
        f'<div class="gir-head">Report {esc(title)}{flag}</div>'
        + metadata_html(report)
        + f"<h4>Outline <span class=\"gir-muted\">({len(report.sections)} sections)</span></h4>"
        + outline_html(report)
        + claims_summary_html(report)
        + tables_summary_html(report)
    )
    return _wrap(body)


def audit_html(audit: Audit) -> str:
    """An Audit for a notebook: counts, coverage, every finding with its
    evidence in context, and the report's outline (collapsed)."""
    report = audit.report
    md = report.metadata
    c = audit.counts()
    head = (
        f'<div class="gir-head">Audit {esc(_name(audit.path))} — {esc(md.agency or "?")} {esc(md.year or "")} '
        f'<span class="gir-muted">template {esc(report.template.name)}</span></div>'
        f"<div>{counts_html(c)}</div>"
    )
    cells = cell_index(report)
    findings = "".join(finding_html(f, report.text, cells) for f in audit.findings) or '<div class="gir-muted">no findings</div>'
    body = (
        head
        + coverage_html(audit)
        + f"<h4>Findings <span class=\"gir-muted\">({len(audit.findings)})</span></h4>"
        + findings
        + "<details><summary>Report outline and metadata</summary>"
        + metadata_html(report)
        + outline_html(report)
        + "</details>"
    )
    return _wrap(body)
