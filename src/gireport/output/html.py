"""The HTML report: one self-contained file (styles, script and charts
inline; nothing is fetched) that opens in any browser.

* a summary — files, findings by severity and by rule, coverage;
* charts — findings by rule, by year and by agency, as inline SVG;
* a findings table that sorts (click a column heading) and filters (text,
  severity, rule, file) with a few lines of vanilla JavaScript;
* one section per report with each finding in its text context: the
  sentence with the evidence marked, or the table rows with the cells
  highlighted (from a batch store, where the text is not kept, the
  evidence snippets).

``render_html(audits)`` renders :class:`~gireport.Audit` objects;
``render_html_frames(documents, findings, coverage)`` renders the frames
of a batch store (``gireport.load_results``).

Report text is untrusted.  Every interpolated string is escaped with
``html.escape``; the table rows are rendered here, so the script never
parses data (it only hides, shows and reorders existing rows); and a
Content-Security-Policy allows no network access and no script but the
page's own (by hash), so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..audit.finding import SEVERITIES, Evidence, Finding
from ..audit.record import AuditRecord, Shown
from ..structure import agency_key, clean_agency, link_keys
from ..display import CSS, SEVERITY_COLORS, counts_html, coverage_html, esc, finding_html

__all__ = ["render_html", "render_html_pages", "render_html_frames", "records_from_frames", "PAGE_DOCS", "PAGE_BUDGET"]

#: The report's interface in Chinese (the default) or English.
_LANG: ContextVar[str] = ContextVar("gireport_html_lang", default="zh")
_ZH = {
    'Summary': '概览',
    'Charts': '图表',
    'Findings': '问题',
    'Reports': '报告',
    'Unreadable': '未能审查',
    'Files': '文件',
    'Findings and coverage by rule': '按规则统计的问题与核查情况',
    'Findings by rule': '按规则统计的问题',
    'Findings by report year': '按报告年度统计的问题',
    'Findings by agency': '按机关统计的问题',
    'Outline and metadata': '结构与元数据',
    'no findings': '未发现问题',
    'no rule found anything': '各规则均未发现问题',
    'not a report': '非年度报告',
    'files audited': '已审查文件',
    'unreadable': '未能审查',
    'files with findings': '有问题的文件',
    'findings': '问题',
    'errors': '错误',
    'warnings': '警告',
    'info': '提示',
    'claims': '数值陈述',
    'checked': '已核查',
    'untestable': '无法核查',
    'testable rate': '可核查比例',
    'rule': '规则',
    'name': '名称',
    'severity': '级别',
    'files': '文件数',
    'failed': '不一致',
    'file': '文件',
    'agency': '机关',
    'year': '年度',
    'template': '模板',
    'testable': '可核查',
    'section': '部分',
    'page': '页',
    'message': '说明',
    'evidence': '证据',
    'reported': '报告值',
    'expected': '应为',
    'filter by any text…': '按任意文字筛选…',
    'all severities': '全部级别',
    'all rules': '全部规则',
    'all files': '全部文件',
    'shown': '条显示',
    'of': '/',
    'agency unknown': '机关不详',
    'Files not audited on their own': '未单独审查的文件',
    'Findings shared by several files': '多个文件共有的问题',
    'group by': '分组',
    'line': '行',
    'ruleset': '规则集',
    'rounding': '舍入规则',
    'run_date': '审核日期',
    'file(s)': '个文件',
    'error': '错误',
    'warning': '警告',
    'more, by folder': '个,按文件夹',
    'passed': '通过',
    'per rule': '按规则',
    'why untestable': '无法核查的原因',
    'untestable claims': '无法核查的陈述',
    'subject': '核查对象',
    'reading': '读法',
    'folder': '文件夹',
    'Parts': '分册',
    'part': '分册',
    'format': '格式',
    'title': '标题',
    'period': '统计期间',
    'signed': '落款',
    'published': '发布日期',
    'declared parts': '声明的部分',
    'This run is split into parts so that every page stays small enough to open; each part holds the findings of its reports in context.':
        '本次审核文件较多,已分册输出,以便每个页面都能顺畅打开;各分册载有其报告的问题及上下文。',
    "Offsets and pages refer to gireport's normalised text (NFKC) of each file. Numbers are checked as the intervals their printed "
    "forms stand for; a claim that cannot be decided is counted untestable, never as a pass.":
        '偏移量和页码以 gireport 规范化(NFKC)后的文本为准。数字按其印刷形式所代表的区间核验;无法判定的陈述计为无法核查,绝不计为通过。',
}


def t(s: str) -> str:
    """An interface string in the report's language."""
    return _ZH.get(s, s) if _LANG.get() == "zh" else s


_SEV_ORDER = ("error", "warning", "info")
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}

_PAGE_CSS = """
html{background:#f6f8fa}
body{margin:0}
.gir.page{max-width:1240px;margin:0 auto;padding:16px 24px 48px;background:#fff;min-height:100vh;box-sizing:border-box}
.gir h1{font-size:22px;margin:4px 0 2px}
.gir h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
.gir nav a{margin-right:14px}
.gir a{color:#0b57d0;text-decoration:none}.gir a:hover{text-decoration:underline}
.gir .cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.gir .card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:96px;background:#fff}
.gir .card .n{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}
.gir .card .l{font-size:12px;color:#656d76}
.gir .card.error .n{color:#c62828}.gir .card.warning .n{color:#b26a00}.gir .card.info .n{color:#1565c0}
.gir .charts{display:flex;flex-wrap:wrap;gap:18px}
.gir .chart{border:1px solid #e5e7eb;border-radius:6px;padding:8px}
.gir .chart h3{font-size:14px;margin:0 0 4px}
.gir .controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.gir .controls input,.gir .controls select{font:inherit;padding:3px 6px;border:1px solid #d0d7de;border-radius:4px}
.gir .controls input{min-width:240px}
.gir .controls select{max-width:320px}
.gir table.findings{width:100%}
.gir table.findings th[data-sort]{cursor:pointer;user-select:none;white-space:nowrap}
.gir table.findings th[data-sort]::after{content:" \\2195";color:#aaa}
.gir table.findings th[aria-sort=ascending]::after{content:" \\2191";color:#1f2328}
.gir table.findings th[aria-sort=descending]::after{content:" \\2193";color:#1f2328}
.gir table.findings td{overflow-wrap:anywhere}
.gir table.findings td:first-child{max-width:180px}
.gir table.findings td.msg{min-width:280px}
.gir table.findings td.ev{color:#444;font-size:12px;max-width:260px}
.gir table.findings tr[hidden]{display:none}
.gir table.findings tbody tr:nth-child(even){background:#fafbfc}
.gir section.report{border:1px solid #d0d7de;border-radius:6px;margin:14px 0;padding:0 12px 8px}
.gir section.report>h3{margin:10px 0 4px;font-size:16px}
.gir .nowrap{white-space:nowrap}
.gir #files-table tr.grp th{background:#eef2f7;text-align:left}
.gir #files-table td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}
.gir #files-table td:nth-child(4){text-align:left}
.gir .errors li{margin:3px 0}
.gir footer{margin-top:32px;color:#656d76;font-size:12px}
@media print{html{background:#fff}.gir .controls{display:none}.gir.page{max-width:none}}
"""

_JS = """(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var q = document.getElementById("f-q"), sev = document.getElementById("f-sev"),
      code = document.getElementById("f-code"), doc = document.getElementById("f-doc"),
      shown = document.getElementById("f-shown");
  function apply() {
    var t = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!sev.value || r.getAttribute("data-sev") === sev.value) &&
               (!code.value || r.getAttribute("data-code") === code.value) &&
               (!doc.value || r.getAttribute("data-doc") === doc.value) &&
               (!t || r.textContent.toLowerCase().indexOf(t) !== -1);
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = String(n);
  }
  [q, sev, code, doc].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  var ths = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths, function (th, i) {
    if (!th.hasAttribute("data-sort")) { return; }
    th.tabIndex = 0;
    var numeric = th.getAttribute("data-sort") === "num";
    function key(r) {
      var c = r.cells[i];
      var v = c.hasAttribute("data-v") ? c.getAttribute("data-v") : c.textContent;
      if (!numeric) { return v; }
      return v === "" ? Infinity : Number(v);
    }
    function sortBy() {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(ths, function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), c;
        if (numeric) { c = x < y ? -1 : (x > y ? 1 : 0); } else { c = x.localeCompare(y, "zh"); }
        if (c === 0) { return Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i")); }
        return c * dir;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(); }
    });
  });
  apply();
  document.documentElement.setAttribute("data-js", "ready");
})();
(function () {
  "use strict";
  var sel = document.getElementById("g-by"), table = document.getElementById("files-table");
  if (!sel || !table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows).filter(function (r) { return !r.classList.contains("grp"); });
  function regroup() {
    var k = sel.value;
    Array.prototype.slice.call(tbody.querySelectorAll("tr.grp")).forEach(function (g) { tbody.removeChild(g); });
    var sorted = rows.slice().sort(function (a, b) {
      var x = a.getAttribute("data-" + k) || "\uffff", y = b.getAttribute("data-" + k) || "\uffff";
      return x === y ? 0 : (x < y ? -1 : 1);
    });
    var counts = {};
    sorted.forEach(function (r) { var v = r.getAttribute("data-" + k) || "?"; counts[v] = (counts[v] || 0) + 1; });
    var last = null;
    sorted.forEach(function (r) {
      var v = r.getAttribute("data-" + k) || "?";
      if (v !== last) {
        var g = document.createElement("tr"), th = document.createElement("th"), n = document.createElement("span");
        g.className = "grp"; th.colSpan = 9; th.textContent = v + " ";
        n.className = "gir-muted"; n.textContent = "(" + counts[v] + ")";
        th.appendChild(n); g.appendChild(th); tbody.appendChild(g); last = v;
      }
      tbody.appendChild(r);
    });
  }
  sel.addEventListener("change", regroup);
  if (sel.value !== "folder") { regroup(); }
  document.documentElement.setAttribute("data-group", "ready");
})();
"""

_JS_HASH = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_JS_HASH}'; base-uri 'none'; form-action 'none'"
)


# ------------------------------------------------------------------ model
@dataclass
class _Doc:
    """One audited file as the HTML report shows it: metadata, coverage, the
    counts of its findings, its section's body and where it is shown."""

    key: str
    file: str
    format: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    is_report: bool | None = None
    pages: int | None = None
    chars: int | None = None
    claims: int | None = None
    checked: int | None = None
    failed: int | None = None
    untestable: int | None = None
    counts: Counter[str] = field(default_factory=Counter)
    body: str = ""  # the per-report section's body (outline, coverage …)

    #: the file as shown: its path relative to the folder all the page's
    #: files share (set by :func:`_label_paths`), else its base name
    shown: str = ""
    #: its folder there (the files table groups by it)
    folder: str = ""
    #: the page its section is on, when the run is split (else "")
    page_href: str = ""

    @property
    def name(self) -> str:
        return self.shown or os.path.basename(self.file) or self.file

    @property
    def rate(self) -> float | None:
        if self.checked is None or self.untestable is None or self.checked + self.untestable == 0:
            return None
        return self.checked / (self.checked + self.untestable)


@dataclass
class _Find:
    """A finding placed in the HTML report: its document, anchor and the
    finding shown in context."""

    doc: _Doc
    finding: Finding
    anchor: str
    html: str  # the finding in context


@dataclass
class _RuleStat:
    """One rule across the run: severities of its findings, the files it
    fired in, and its checked, failed and untestable counts."""

    code: str
    name: str = ""
    severities: Counter[str] = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)
    checked: int = 0
    failed: int = 0
    untestable: int = 0
    have_coverage: bool = False


# --------------------------------------------------------------- helpers
def _clean(v: Any) -> Any:
    """NaN / pandas NA / NaT → None; numpy scalars → Python."""
    if v is None:
        return None
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            return v.item()
        except (ValueError, AttributeError):
            return v
    return v


def _int(v: Any) -> int | None:
    v = _clean(v)
    if v is None or v == "":
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _width(s: str) -> int:
    """Rough rendered width in px at 12px: CJK 12, others 7."""
    return sum(12 if ord(ch) > 0x2E80 else 7 for ch in s)


def _fit(s: str, px: int) -> str:
    if _width(s) <= px:
        return s
    out = ""
    for ch in s:
        if _width(out + ch + "…") > px:
            break
        out += ch
    return out + "…"


def _snippets(f: Finding, limit: int = 60) -> str:
    s = " · ".join(ev.text for ev in f.evidence)
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ------------------------------------------------------------------ charts
def _legend(x: int, y: int) -> str:
    out = []
    for s in _SEV_ORDER:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{SEVERITY_COLORS[s]}"/>')
        out.append(f'<text x="{x + 14}" y="{y}" font-size="11" fill="#444">{t(s)}</text>')
        x += 74
    return "".join(out)


def _hbar_chart(title: str, rows: Sequence[tuple[str, Counter[str], str]], *, label_px: int = 170, bar_px: int = 270, max_rows: int = 20) -> str:
    """Horizontal bars stacked by severity.  ``rows``: (label, counts,
    tooltip)."""
    rows = list(rows)
    more = len(rows) - max_rows
    rows = rows[:max_rows]
    bar_h, gap, top = 16, 6, 26
    height = top + max(1, len(rows)) * (bar_h + gap) + (18 if more > 0 else 4)
    width = label_px + bar_px + 50
    out = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" font-family="inherit">',
        _legend(label_px, 14),
    ]
    if not rows:
        out.append(f'<text x="{label_px}" y="{top + 12}" font-size="12" fill="#656d76">{t("no findings")}</text>')
    peak = max((sum(c.values()) for _, c, _ in rows), default=1) or 1
    for i, (label, counts, tip) in enumerate(rows):
        y = top + i * (bar_h + gap)
        out.append(f'<g><title>{esc(tip)}</title>')
        out.append(f'<text x="{label_px - 6}" y="{y + 12}" font-size="12" text-anchor="end" fill="#1f2328">{esc(_fit(label, label_px - 10))}</text>')
        x = float(label_px)
        for s in _SEV_ORDER:
            n = counts.get(s, 0)
            if not n:
                continue
            w = n / peak * bar_px
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{SEVERITY_COLORS[s]}"/>')
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + 12}" font-size="12" fill="#444">{sum(counts.values())}</text></g>')
    if more > 0:
        out.append(f'<text x="{label_px}" y="{height - 4}" font-size="11" fill="#656d76">… {more} more</text>')
    out.append("</svg>")
    return "".join(out)


def _column_chart(title: str, cols: Sequence[tuple[str, Counter[str], str, str]], *, plot_h: int = 180) -> str:
    """Vertical columns stacked by severity.  ``cols``: (label, counts,
    sub-label, tooltip)."""
    col_w, gap, left, top = 34, 14, 34, 44
    width = max(300, left + len(cols) * (col_w + gap) + 10)
    height = top + plot_h + 40
    peak = max((sum(c.values()) for _, c, _, _ in cols), default=0)
    out = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" font-family="inherit">',
        _legend(left, 14),
        f'<line x1="{left - 4}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}" stroke="#999"/>',
    ]
    if not cols or peak == 0:
        out.append(f'<text x="{left}" y="{top + plot_h // 2}" font-size="12" fill="#656d76">{t("no findings")}</text>')
    for i, (label, counts, sub, tip) in enumerate(cols):
        x = left + i * (col_w + gap)
        y = float(top + plot_h)
        out.append(f"<g><title>{esc(tip)}</title>")
        for s in _SEV_ORDER:
            n = counts.get(s, 0)
            if not n or not peak:
                continue
            h = n / peak * plot_h
            y -= h
            out.append(f'<rect x="{x}" y="{y:.1f}" width="{col_w}" height="{h:.1f}" fill="{SEVERITY_COLORS[s]}"/>')
        total = sum(counts.values())
        out.append(f'<text x="{x + col_w / 2}" y="{y - 4:.1f}" font-size="11" text-anchor="middle" fill="#444">{total}</text>')
        out.append(f'<text x="{x + col_w / 2}" y="{top + plot_h + 15}" font-size="12" text-anchor="middle" fill="#1f2328">{esc(_fit(label, col_w + gap))}</text>')
        out.append(f'<text x="{x + col_w / 2}" y="{top + plot_h + 29}" font-size="10" text-anchor="middle" fill="#656d76">{esc(sub)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _organs(docs: Sequence[_Doc]) -> dict[str, str | None]:
    """Document key → the name its organ is shown under: documents whose
    agencies name one organ (one key, or keys linked across the years of the
    run, see :func:`gireport.structure.link_keys`) share one name, the one
    printed most often (the longest on a tie); an agency that cannot be read
    (a fragment from an older store) is None."""
    keys: dict[str, str | None] = {}
    years: dict[str, set[int]] = defaultdict(set)
    for d in docs:
        name = clean_agency(d.agency)
        k = agency_key(name)
        keys[d.key] = k
        if k and d.year is not None:
            years[k].add(d.year)
    links = link_keys([k for k in keys.values() if k], years)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        k = keys[d.key]
        if k:
            names[links.get(k, k)][clean_agency(d.agency) or ""] += 1
    shown = {g: max(c, key=lambda n: (c[n], len(n), n)) for g, c in names.items()}
    return {d.key: (shown[links.get(k, k)] if (k := keys[d.key]) else None) for d in docs}


def _charts(docs: Sequence[_Doc], finds: Sequence[_Find], rules: dict[str, _RuleStat]) -> str:
    by_rule = sorted(rules.values(), key=lambda r: (-sum(r.severities.values()), r.code))
    rule_rows = [
        (f"{r.code} {r.name}", r.severities, f"{r.code} {r.name}: " + ", ".join(f"{n} {s}" for s, n in r.severities.items() if n))
        for r in by_rule
        if sum(r.severities.values())
    ]
    years: dict[str, Counter[str]] = defaultdict(Counter)
    files_per_year: Counter[str] = Counter()
    for d in docs:
        files_per_year[str(d.year) if d.year is not None else "?"] += 1
    for f in finds:
        years[str(f.doc.year) if f.doc.year is not None else "?"][f.finding.severity] += 1
    year_keys = sorted(files_per_year, key=lambda y: (y == "?", y))
    year_cols = [
        (y, years.get(y, Counter()), f"{files_per_year[y]} {t('file(s)') if _LANG.get() == 'zh' else ('file' if files_per_year[y] == 1 else 'files')}",
         f"{y}: {sum(years.get(y, Counter()).values())} findings in {files_per_year[y]} files")
        for y in year_keys
    ]
    agencies: dict[str, Counter[str]] = defaultdict(Counter)
    organ = _organs(docs)
    for f in finds:
        agencies[organ.get(f.doc.key) or f"({t('agency unknown')})"][f.finding.severity] += 1
    agency_rows = [
        (a, c, f"{a}: " + ", ".join(f"{n} {s}" for s, n in c.items() if n))
        for a, c in sorted(agencies.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    return (
        '<div class="charts">'
        f'<div class="chart" id="chart-rule"><h3>{t("Findings by rule")}</h3>{_hbar_chart(t("Findings by rule"), rule_rows, label_px=220, max_rows=40)}</div>'
        f'<div class="chart" id="chart-year"><h3>{t("Findings by report year")}</h3>{_column_chart(t("Findings by report year"), year_cols)}</div>'
        f'<div class="chart" id="chart-agency"><h3>{t("Findings by agency")}</h3>{_hbar_chart(t("Findings by agency"), agency_rows, label_px=220)}</div>'
        "</div>"
    )


# ------------------------------------------------------------------- page
def _card(n: Any, label: str, cls: str = "") -> str:
    return f'<div class="card {cls}"><div class="n">{esc(n)}</div><div class="l">{esc(label)}</div></div>'


def _summary(docs: Sequence[_Doc], finds: Sequence[_Find], rules: dict[str, _RuleStat], errors: Sequence[dict[str, Any]]) -> str:
    sev = Counter(f.finding.severity for f in finds)
    claims = sum(d.claims or 0 for d in docs)
    checked = sum(d.checked or 0 for d in docs)
    untestable = sum(d.untestable or 0 for d in docs)
    rate = f"{checked / (checked + untestable):.0%}" if checked + untestable else "n/a"
    with_findings = len({f.doc.key for f in finds})
    cards = [
        _card(len(docs), t("files audited")),
        _card(len(errors), t("unreadable"), "error" if errors else ""),
        _card(with_findings, t("files with findings")),
        _card(len(finds), t("findings")),
        _card(sev["error"], t("errors"), "error"),
        _card(sev["warning"], t("warnings"), "warning"),
        _card(sev["info"], t("info"), "info"),
        _card(claims, t("claims")),
        _card(checked, t("checked")),
        _card(untestable, t("untestable")),
        _card(rate, t("testable rate")),
    ]
    rule_rows = []
    for r in sorted(rules.values(), key=lambda r: r.code):
        n = sum(r.severities.values())
        if not n and not r.checked and not r.untestable:
            continue
        sevs = " ".join(f'<span class="gir-sev {s}">{r.severities[s]} {t(s)}</span>' for s in _SEV_ORDER if r.severities[s])
        cov = (f'<td class="num">{r.checked}</td><td class="num">{r.failed}</td><td class="num">{r.untestable}</td>'
               if r.have_coverage else '<td class="num">–</td><td class="num">–</td><td class="num">–</td>')
        rule_rows.append(
            f'<tr><td class="gir-code">{esc(r.code)}</td><td>{esc(r.name)}</td><td class="num">{n}</td><td>{sevs}</td>'
            f'<td class="num">{len(r.files)}</td>{cov}</tr>'
        )
    rule_table = (
        '<table class="gir-t" id="rules-table"><thead><tr>' + "".join(f"<th>{t(h)}</th>" for h in ("rule", "name", "findings", "severity", "files", "checked", "failed", "untestable"))
        + "</tr></thead><tbody>"
        + "".join(rule_rows)
        + "</tbody></table>"
    )
    return (
        f'<section id="summary"><h2>{t("Summary")}</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f"<h3>{t('Findings and coverage by rule')}</h3>"
        + (rule_table if rule_rows else f'<div class="gir-muted">{t("no rule found anything")}</div>')
        + "</section>"
    )


def _files_table(docs: Sequence[_Doc], *, href: Any = None) -> str:
    """Every document, grouped (by folder by default; the select regroups
    by agency or year): path relative to the audited root, agency, year,
    template, counts, claims, testable rate."""
    href = href or (lambda d: f"#{d.key}")
    organ = _organs(docs)
    doc_rows = []
    last = None
    ordered = sorted(docs, key=lambda d: (d.folder, d.name))
    for d in ordered:
        if d.folder != last:
            n = sum(1 for x in ordered if x.folder == d.folder)
            doc_rows.append(f'<tr class="grp"><th colspan="9">{esc(d.folder or ".")} <span class="gir-muted">({n})</span></th></tr>')
            last = d.folder
        c = d.counts
        rate_d = f"{d.rate:.0%}" if d.rate is not None else "–"
        flag = f' <span class="gir-flag">{t("not a report")}</span>' if d.is_report is False else ""
        org = organ.get(d.key) or ""
        doc_rows.append(
            f'<tr data-folder="{esc(d.folder or ".")}" data-agency="{esc(org)}" data-year="{esc(d.year if d.year is not None else "")}">'
            f'<td><a href="{esc(href(d))}">{esc(d.name)}</a>{flag}</td><td>{esc(d.agency or "–")}</td><td>{esc(d.year or "–")}</td>'
            f'<td>{esc(d.template or "–")}</td><td>{c["error"]}</td><td>{c["warning"]}</td><td>{c["info"]}</td>'
            f'<td>{esc(d.claims if d.claims is not None else "–")}</td><td>{rate_d}</td></tr>'
        )
    group = (
        f'<div class="controls"><label>{t("group by")} <select id="g-by" aria-label="{t("group by")}">'
        + "".join(f'<option value="{k}">{t(k)}</option>' for k in ("folder", "agency", "year"))
        + "</select></label></div>"
    )
    return (
        f'<details open><summary>{t("Files")} ({len(docs)})</summary>{group}<table class="gir-t" id="files-table"><thead><tr>'
        + "".join(f"<th>{t(h)}</th>" for h in ("file", "agency", "year", "template", "errors", "warnings", "info", "claims", "testable"))
        + "</tr></thead><tbody>"
        + "".join(doc_rows)
        + "</tbody></table></details>"
    )


def _findings_table(docs: Sequence[_Doc], finds: Sequence[_Find], link: bool) -> str:
    codes = sorted({f.finding.code for f in finds})
    sev_opts = "".join(f'<option value="{s}">{t(s)}</option>' for s in _SEV_ORDER)
    code_opts = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
    doc_opts = "".join(f'<option value="{esc(d.key)}">{esc(d.name)}</option>' for d in docs if d.counts)
    controls = (
        '<div class="controls">'
        f'<input type="search" id="f-q" placeholder="{t("filter by any text…")}" aria-label="filter findings by text">'
        f'<select id="f-sev" aria-label="severity"><option value="">{t("all severities")}</option>{sev_opts}</select>'
        f'<select id="f-code" aria-label="rule"><option value="">{t("all rules")}</option>{code_opts}</select>'
        f'<select id="f-doc" aria-label="file"><option value="">{t("all files")}</option>{doc_opts}</select>'
        f'<span class="gir-muted"><span id="f-shown">{len(finds)}</span> {t("of")} {len(finds)} {t("shown")}</span>'
        "</div>"
    )
    rows = []
    for i, x in enumerate(finds):
        f, d = x.finding, x.doc
        sev = f.severity if f.severity in SEVERITY_COLORS else "info"
        code = f'<a href="#{esc(x.anchor)}">{esc(f.code)}</a>' if link else esc(f.code)
        page = f.page if f.page is not None else ""
        rows.append(
            f'<tr data-i="{i}" data-sev="{esc(f.severity)}" data-code="{esc(f.code)}" data-doc="{esc(d.key)}">'
            f'<td title="{esc(d.file)}">{esc(d.name)}</td>'
            f'<td class="num" data-v="{esc(d.year if d.year is not None else "")}">{esc(d.year if d.year is not None else "")}</td>'
            f"<td>{esc(d.agency or '')}</td>"
            f'<td class="gir-code nowrap" title="{esc(f.name)}">{code}</td>'
            f'<td data-v="{_SEV_RANK.get(f.severity, 0)}"><span class="gir-sev {sev}">{esc(t(f.severity))}</span></td>'
            f"<td>{esc(f.section or '')}</td>"
            f'<td class="num" data-v="{esc(page)}">{esc(page)}</td>'
            f'<td class="msg" title="{esc(f.message_en if _LANG.get() == "zh" else f.message)}">{esc(f.message if _LANG.get() == "zh" else f.message_en)}</td>'
            f'<td class="num">{esc(f.reported or "")}</td><td class="num">{esc(f.expected or "")}</td>'
            f'<td class="ev">{esc(_snippets(f))}</td>'
            "</tr>"
        )
    cols = (("file", "text"), ("year", "num"), ("agency", "text"), ("rule", "text"), ("severity", "num"), ("section", "text"),
            ("page", "num"), ("message", "text"), ("reported", "text"), ("expected", "text"), ("evidence", "text"))
    head = "<thead><tr>" + "".join(f'<th data-sort="{k}">{t(h)}</th>' for h, k in cols) + "</tr></thead>"
    return (
        f'<section id="findings"><h2>{t("Findings")}</h2>'
        + controls
        + f'<table class="gir-t findings" id="findings-table">{head}<tbody>{"".join(rows)}</tbody></table>'
        + ("" if finds else f'<div class="gir-muted">{t("no findings")}</div>')
        + "</section>"
    )


def _report_sections(docs: Sequence[_Doc], finds: Sequence[_Find]) -> str:
    by_doc: dict[str, list[_Find]] = defaultdict(list)
    for f in finds:
        by_doc[f.doc.key].append(f)
    out = [f'<section id="reports"><h2>{t("Reports")}</h2>']
    for d in docs:
        fs = by_doc.get(d.key, [])
        c = d.counts
        meta = " · ".join(esc(x) for x in (d.agency, d.year, d.template and f"{t('template')} {d.template}", d.format) if x)
        out.append(
            f'<section class="report" id="{esc(d.key)}"><h3>{esc(d.name)} <span class="gir-muted">{meta}</span></h3>'
            f'<div>{counts_html(c, t)} <span class="gir-muted">{esc(d.file)}</span></div>'
            + d.body
            + ("".join(f.html for f in fs) if fs else f'<div class="gir-muted">{t("no findings")}</div>')
            + "</section>"
        )
    out.append("</section>")
    return "".join(out)


def _errors_section(errors: Sequence[dict[str, Any]]) -> str:
    if not errors:
        return ""
    items = "".join(
        f'<li><b>{esc(e.get("file"))}</b> <span class="gir-code">{esc(e.get("status") or "failed")}</span> '
        f'<span class="gir-code">{esc(e.get("error") or e.get("type") or "")}</span> {esc(e.get("message") or "")}</li>'
        for e in errors
    )
    return f'<section id="unreadable"><h2>{t("Files not audited on their own")} ({len(errors)})</h2><ul class="errors">{items}</ul></section>'


def _label_paths(docs: Sequence[_Doc]) -> None:
    """Show each file by its path relative to the folder all of them share —
    the audited root (P020005.html exists in many folders: its base name
    alone says little) — and group it under its folder there."""
    real = [d for d in docs if d.file and not d.file.startswith("<")]
    if len(real) == 1:
        d = real[0]
        d.shown, d.folder = d.file, os.path.dirname(d.file)
        return
    if not real:
        return
    try:
        root = os.path.commonpath([os.path.abspath(d.file) for d in real])
    except ValueError:  # different drives
        return
    if os.path.isfile(root):
        root = os.path.dirname(root)
    for d in real:
        d.shown = os.path.relpath(os.path.abspath(d.file), root)
        d.folder = os.path.dirname(d.shown)


#: How many of the files sharing a finding are linked one by one (the rest
#: are counted by folder), so that copies of one report in thousands of
#: folders do not make the page grow with the square of the archive.
REPEAT_FILES = 50


def _repeats_section(finds: Sequence[_Find]) -> str:
    """Findings that recur with the same fingerprint (rule and evidence) in
    several files — copies of one report, or a sentence reused year after
    year — listed once with the files that share them."""
    groups: dict[str, list[_Find]] = defaultdict(list)
    for x in finds:
        groups[x.finding.fingerprint].append(x)
    rep = sorted(((fp, xs) for fp, xs in groups.items() if len({x.doc.key for x in xs}) > 1), key=lambda g: (-len(g[1]), g[1][0].finding.code))
    if not rep:
        return ""
    rows = []
    for _, xs in rep:
        f = xs[0].finding
        msg = f.message if _LANG.get() == "zh" else f.message_en
        files = "".join(f'<li><a href="{esc(x.doc.page_href)}#{esc(x.anchor)}">{esc(x.doc.name)}</a></li>' for x in xs[:REPEAT_FILES])
        if len(xs) > REPEAT_FILES:
            folders = Counter(x.doc.folder or "." for x in xs)
            files += f'<li class="gir-muted">… {len(xs) - REPEAT_FILES} {t("more, by folder")}: ' + "、".join(f"{esc(k)} ({n})" for k, n in sorted(folders.items())) + "</li>"
        rows.append(
            f'<tr><td class="gir-code">{esc(f.code)}</td><td><span class="gir-sev {esc(f.severity)}">{esc(t(f.severity))}</span></td>'
            f'<td class="msg">{esc(msg)}</td><td class="num">{len(xs)}</td><td><details><summary>{len(xs)}</summary><ul>{files}</ul></details></td></tr>'
        )
    head = "".join(f"<th>{t(h)}</th>" for h in ("rule", "severity", "message", "findings", "files"))
    return (
        f'<section id="repeats"><h2>{t("Findings shared by several files")}</h2>'
        f'<table class="gir-t" id="repeats-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="' + ("zh-CN" if _LANG.get() == "zh" else "en") + '"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="gireport">'
        f"<title>{esc(title)}</title><style>{CSS}{_PAGE_CSS}</style></head>"
    )


def _header(title: str, prov: dict[str, str], nav: Sequence[tuple[str, str]], extra: str = "") -> str:
    links = "".join(f'<a href="{esc(href)}">{esc(label)}</a>' for href, label in nav)
    return (
        f"<header><h1>{esc(title)}</h1>"
        f'<div class="gir-muted" id="provenance">gireport {esc(__version__)}'
        + "".join(f" · {esc(t(k))} {esc(v)}" for k, v in prov.items() if k != "gireport_version")
        + f"</div>{extra}<nav>{links}</nav></header>"
    )


def _footer() -> str:
    return f"<footer>{t(_FOOTER)}</footer>"


_FOOTER = ("Offsets and pages refer to gireport's normalised text (NFKC) of each file. Numbers are checked as the intervals their printed "
           "forms stand for; a claim that cannot be decided is counted untestable, never as a pass.")


def _page(title: str, docs: Sequence[_Doc], finds: Sequence[_Find], rules: dict[str, _RuleStat], errors: Sequence[dict[str, Any]], *, prov: dict[str, str]) -> str:
    """The whole run on one page."""
    nav = [(f"#{a}", t(h)) for a, h in (("summary", "Summary"), ("charts", "Charts"), ("findings", "Findings"), ("files", "Files"), ("reports", "Reports"))]
    if errors:
        nav.append(("#unreadable", t("Unreadable")))
    body = (
        _header(title, prov, nav)
        + _summary(docs, finds, rules, errors)
        + f'<section id="charts"><h2>{t("Charts")}</h2>{_charts(docs, finds, rules)}</section>'
        + _findings_table(docs, finds, link=True)
        + _repeats_section(finds)
        + f'<section id="files"><h2>{t("Files")}</h2>{_files_table(docs)}</section>'
        + _report_sections(docs, finds)
        + _errors_section(errors)
        + _footer()
    )
    return _head(title) + f'<body><div class="gir page">{body}</div><script>{_JS}</script></body></html>\n'


def _index_page(title: str, docs: Sequence[_Doc], finds: Sequence[_Find], rules: dict[str, _RuleStat], errors: Sequence[dict[str, Any]], *,
                prov: dict[str, str], parts: Sequence[tuple[str, Sequence[_Doc]]]) -> str:
    """The first page of a run split into parts: the summary, charts,
    findings shared by several files, every file (linked to its part) and
    the paths not audited; the findings themselves are on the parts."""
    nav = [(f"#{a}", t(h)) for a, h in (("summary", "Summary"), ("charts", "Charts"), ("repeats", "Findings shared by several files"), ("files", "Files"))]
    if errors:
        nav.append(("#unreadable", t("Unreadable")))
    part_list = "".join(
        f'<li><a href="{esc(name)}">{t("part")} {i}</a> <span class="gir-muted">{esc(ds[0].name)} … {esc(ds[-1].name)} ({len(ds)})</span></li>'
        for i, (name, ds) in enumerate(parts, 1)
    )
    body = (
        _header(title, prov, nav)
        + _summary(docs, finds, rules, errors)
        + f'<section id="parts"><h2>{t("Parts")} ({len(parts)})</h2><div class="gir-muted">{t(_SPLIT_NOTE)}</div><ol>{part_list}</ol></section>'
        + f'<section id="charts"><h2>{t("Charts")}</h2>{_charts(docs, finds, rules)}</section>'
        + _repeats_section(finds)
        + f'<section id="files"><h2>{t("Files")}</h2>{_files_table(docs, href=lambda d: f"{d.page_href}#{d.key}")}</section>'
        + _errors_section(errors)
        + _footer()
    )
    return _head(title) + f'<body><div class="gir page">{body}</div><script>{_JS}</script></body></html>\n'


_SPLIT_NOTE = "This run is split into parts so that every page stays small enough to open; each part holds the findings of its reports in context."


def _part_page(title: str, i: int, n: int, index: str, docs: Sequence[_Doc], finds: Sequence[_Find], *, prov: dict[str, str]) -> str:
    keys = {d.key for d in docs}
    mine = [f for f in finds if f.doc.key in keys]
    nav = [(index, t("Summary")), ("#findings", t("Findings")), ("#reports", t("Reports"))]
    head = f"{title} · {t('part')} {i} / {n}"
    body = _header(head, prov, nav) + _findings_table(docs, mine, link=True) + _report_sections(docs, mine) + _footer()
    return _head(head) + f'<body><div class="gir page">{body}</div><script>{_JS}</script></body></html>\n'


def _rule_names() -> dict[str, str]:
    try:
        from ..audit import select_rules

        return {r.code: r.name for r in select_rules()}
    except Exception:  # noqa: BLE001 - names are decoration
        return {}


def _count(rules: dict[str, _RuleStat], f: Finding, d: _Doc) -> None:
    st = rules.setdefault(f.code, _RuleStat(f.code, f.name))
    st.name = st.name or f.name
    st.severities[f.severity] += 1
    st.files.add(d.key)


def _coverage_line(d: _Doc) -> str:
    if d.claims is None and d.checked is None:
        return ""
    rate = f"{d.rate:.0%}" if d.rate is not None else "n/a"

    def v(x: int | None) -> str:
        return esc(x if x is not None else "?")

    return (
        f'<div class="gir-cov"><b>{v(d.claims)}</b> {t("claims")} · <b>{v(d.checked)}</b> {t("checked")} · '
        f'<b>{v(d.failed)}</b> {t("failed")} · <b>{v(d.untestable)}</b> {t("untestable")} · {t("testable rate")} {rate}</div>'
    )


def _template_cell(doc: dict[str, Any], d: _Doc) -> str:
    """The template a report was read with, flagged when another was
    expected, with the signals that chose it."""
    tmpl = esc(d.template)
    if doc.get("expected_template"):
        tmpl += f' <span class="gir-flag">expected {esc(doc["expected_template"])}</span>'
    if doc.get("signals"):
        tmpl += f' <span class="gir-muted">[{esc(", ".join(doc["signals"]))}]</span>'
    return tmpl


def _identity_rows(doc: dict[str, Any], d: _Doc) -> list[tuple[str, str]]:
    """What a report is: its format and size, why it is not a report (when
    it is not), title, agency, year and template."""
    rows: list[tuple[str, str]] = []
    size = f"{doc.get('chars') or 0:,} chars" + (f", {doc['pages']} pages" if doc.get("pages") else "")
    rows.append(("format", f"{esc(d.format)} ({esc(size)})"))
    if doc.get("not_report_reason"):
        rows.append(("not a report", f'<span class="gir-flag">{esc(doc["not_report_reason"])}</span>'))
    rows.append(("title", esc(doc.get("title") or "-")))
    rows.append(("agency", f"{esc(d.agency or '-')} <span class=\"gir-muted\">({esc(doc.get('issuer_kind'))})</span>"))
    rows.append(("year", esc(d.year if d.year is not None else "-")))
    rows.append(("template", _template_cell(doc, d)))
    return rows


def _dated_rows(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """When a report says it was: the period it covers, its signature and
    its publication date, those it has."""
    rows: list[tuple[str, str]] = []
    if doc.get("period"):
        rows.append(("period", esc(f"{doc['period'][0] or '?'} – {doc['period'][1] or '?'}")))
    if doc.get("signed"):
        rows.append(("signed", esc(" ".join(x for x in doc["signed"] if x))))
    if doc.get("published"):
        rows.append(("published", esc(doc["published"])))
    return rows


def _declared_rows(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """The parts a report declares it has (their count and names), when it
    declares them."""
    if not doc.get("declared"):
        return []
    names = "、".join(doc["declared"].get("names") or []) or "(names not listed)"
    return [("declared parts", esc(f"{doc['declared'].get('count')}: {names}"))]


def _metadata_html(rows: Sequence[tuple[str, str]]) -> str:
    """The metadata rows as a definition list, each label translated."""
    return '<dl class="gir-md">' + "".join(f"<dt>{esc(t(k))}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _outline_item(depth: Any, heading: Any, kind: Any, page: Any) -> str:
    """One heading of the outline: indented by its depth, its kind (flagged
    when unknown) and its page when known."""
    cls = "gir-kind unknown" if kind == "unknown" else "gir-kind"
    where = f' <span class="gir-muted">p.{esc(page)}</span>' if page else ""
    return f'<li style="margin-left:{18 * int(depth)}px">{esc(heading or "(no heading)")} <span class="{cls}">{esc(kind)}</span>{where}</li>'


def _outline_html(outline: Any) -> str:
    """A report's outline as a list of its headings; "" when it has none."""
    items = [_outline_item(depth, heading, kind, page) for depth, heading, kind, page in outline or ()]
    return f'<ul class="gir-outline" style="list-style:none;padding-left:4px">{"".join(items)}</ul>' if items else ""


def _document_html(doc: dict[str, Any], d: _Doc) -> str:
    """A report's facts and outline, as its record keeps them."""
    if not doc:
        return ""
    md = _metadata_html(_identity_rows(doc, d) + _dated_rows(doc) + _declared_rows(doc))
    outline = _outline_html(doc.get("outline"))
    return f"<details><summary>{t('Outline and metadata')}</summary>{md}{outline}</details>"


def _model(records: Sequence[AuditRecord]) -> tuple[list[_Doc], list[_Find], dict[str, _RuleStat], list[dict[str, Any]]]:
    """The page's documents, findings, rule statistics and unaudited paths,
    from the run's records."""
    names = _rule_names()
    docs: list[_Doc] = []
    finds: list[_Find] = []
    rules: dict[str, _RuleStat] = {}
    errors: list[dict[str, Any]] = []
    for i, r in enumerate(records, 1):
        if r.status != "ok":
            errors.append(r.status_dict())
            continue
        cov = r.coverage or {}
        claims = cov.get("claims")
        d = _Doc(
            key=f"r{i}", file=r.file or f"<input {i}>", format=r.format, agency=r.agency, year=_int(r.year), template=r.template,
            is_report=r.is_report, pages=_int((r.document or {}).get("pages")), chars=_int((r.document or {}).get("chars")),
            claims=sum(claims.values()) if isinstance(claims, dict) else _int(claims),
            checked=_int(cov.get("checked")), failed=_int(cov.get("failed")), untestable=_int(cov.get("untestable")),
            counts=Counter(r.counts()),
        )
        d.body = (coverage_html(r, t) if isinstance(cov.get("claims"), dict) and "rules" in cov else _coverage_line(d)) + _document_html(r.document, d)
        for code, rc in (cov.get("rules") or {}).items():
            st = rules.setdefault(code, _RuleStat(code, names.get(code, "")))
            st.checked += _int(rc.get("checked")) or 0
            st.failed += _int(rc.get("failed")) or 0
            st.untestable += _int(rc.get("untestable")) or 0
            st.have_coverage = True
        docs.append(d)
        for j, (f, shown) in enumerate(r.located(), 1):
            anchor = f"{d.key}-f{j}"
            finds.append(_Find(d, f, anchor, finding_html(f, anchor=anchor, shown=shown, t=t)))
            _count(rules, f, d)
    _label_paths(docs)
    return docs, finds, rules, errors


# ------------------------------------------------------------ public API
#: How many reports one page of the HTML report holds at most: a run with
#: more is split into an index page and parts (:func:`render_html_pages`).
PAGE_DOCS = 300
#: The size budget every page is tested against (bytes), at 20,000 reports.
PAGE_BUDGET = 8_000_000


def _title(docs: Sequence[_Doc]) -> str:
    many = f"{len(docs)} {t('file(s)')}" if _LANG.get() == "zh" else f"{len(docs)} files"
    return "gireport" + (f" · {docs[0].name}" if len(docs) == 1 else f" · {many}")


def render_html(records: Sequence[Any], *, title: str | None = None, errors: Sequence[dict[str, Any]] = (), lang: str = "zh", run_date: str | None = None) -> str:
    """The whole run on one self-contained page, its interface in ``lang``
    (``zh``, the default, or ``en``).  ``records``: audit records (or
    audits); ``errors``: paths that could not be audited, as ``{file,
    status, error, message}`` entries.  :func:`render_html_pages` splits a
    large run into pages."""
    from .records import as_records, run_provenance

    recs = as_records(records, errors=errors)
    token = _LANG.set(lang)
    try:
        docs, finds, rules, errs = _model(recs)
        return _page(title or _title(docs), docs, finds, rules, errs, prov=run_provenance(recs, run_date))
    finally:
        _LANG.reset(token)


def render_html_pages(records: Sequence[Any], *, name: str = "report.html", lang: str = "zh", run_date: str | None = None,
                      per_page: int | None = None, title: str | None = None) -> dict[str, str]:
    """The run as pages, file name → page: one page (``name``) when it has
    at most ``per_page`` (default :data:`PAGE_DOCS`) reports; else an index page (``name``: summary,
    charts, shared findings, every file linked to its part) and parts
    (``<stem>-001.html`` …) of ``per_page`` reports each, their findings in
    context.  Every page is self-contained."""
    from .records import as_records, run_provenance

    recs = as_records(records)
    per_page = per_page or PAGE_DOCS
    token = _LANG.set(lang)
    try:
        docs, finds, rules, errs = _model(recs)
        prov = run_provenance(recs, run_date)
        head = title or _title(docs)
        if len(docs) <= per_page:
            return {name: _page(head, docs, finds, rules, errs, prov=prov)}
        stem = name[:-5] if name.endswith(".html") else name
        base = os.path.basename(stem)
        ordered = sorted(docs, key=lambda d: (d.folder, d.name))
        parts = [(f"{base}-{k + 1:03d}.html", ordered[i : i + per_page]) for k, i in enumerate(range(0, len(ordered), per_page))]
        for pname, ds in parts:
            for d in ds:
                d.page_href = pname
        out = {name: _index_page(head, docs, finds, rules, errs, prov=prov, parts=parts)}
        for k, (pname, ds) in enumerate(parts, 1):
            for d in ds:
                d.page_href = ""
            out[os.path.join(os.path.dirname(name), pname)] = _part_page(head, k, len(parts), os.path.basename(name), ds, finds, prov=prov)
        return out
    finally:
        _LANG.reset(token)


def render_html_frames(documents: Any, findings: Any, coverage: Any = None, *, title: str | None = None, lang: str = "zh") -> str:
    """The HTML page of frames shaped like ``gireport.load_results(db)``
    (pandas DataFrames or lists of dicts): each row becomes an audit record
    (see :func:`records_from_frames`) and the page is :func:`render_html`'s."""
    return render_html(records_from_frames(documents, findings, coverage), title=title, lang=lang)


def _rows(frame: Any) -> list[dict[str, Any]]:
    """The rows of a frame, or of a list of dicts (``frame.to_dict("records")``
    leaves NaN where a value is missing), with missing values as None."""
    if frame is None:
        return []
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else frame
    return [{k: _clean(v) for k, v in row.items()} for row in rows]


def _first(row: dict[str, Any], *names: str) -> Any:
    for n in names:
        if n in row and row[n] is not None:
            return row[n]
    return None


def _evidence(v: Any) -> list[Evidence]:
    if v is None:
        return []
    if isinstance(v, str):
        try:
            v = json.loads(v)
        except ValueError:
            return [Evidence(0, 0, None, v)]
    out = []
    for e in v if isinstance(v, (list, tuple)) else [v]:
        if isinstance(e, Evidence):
            out.append(e)
        elif isinstance(e, dict):
            out.append(Evidence(_int(e.get("start")) or 0, _int(e.get("end")) or 0, _int(e.get("page")), str(e.get("text") or "")))
    return out


#: The coverage counts a documents or coverage row may carry.
_COVERAGE_COUNTS = ("checked", "failed", "untestable")


def _document_status(row: dict[str, Any]) -> tuple[str, Any]:
    """A documents row's status — its ``status`` column, else failed when
    it names an error and ok when not — and the error it names."""
    err = _first(row, "error", "error_type")
    status = _first(row, "status") or ("failed" if err not in (None, "", False) else "ok")
    return str(status), err


def _document_facts(r: AuditRecord, row: dict[str, Any]) -> None:
    """Set an audited record's facts from its documents row: hash, format,
    agency, year, template, whether it is a report, its coverage counts
    (claims in all) and its pages and characters."""
    r.sha256, r.format, r.agency, r.year, r.template = _first(row, "sha256"), _first(row, "format"), _first(row, "agency"), _int(_first(row, "year")), _first(row, "template")
    r.is_report = bool(_first(row, "is_report")) if _first(row, "is_report") is not None else None
    claims = _int(_first(row, "claims", "n_claims"))
    r.coverage = {k: _int(_first(row, k)) for k in _COVERAGE_COUNTS if _first(row, k) is not None}
    if claims is not None:
        r.coverage["claims"] = {"all": claims}
    r.document = {k: _int(_first(row, k)) for k in ("pages", "chars") if _first(row, k) is not None}


def _document_record(i: int, row: dict[str, Any]) -> AuditRecord:
    """The record of the ``i``-th documents row (1-based): its path, status
    and error, and its facts when it was audited."""
    file = str(_first(row, "file", "path", "source") or f"<input {i}>")
    status, err = _document_status(row)
    r = AuditRecord(file=file, status=status, error_type=None if err in (None, "") else str(err),
                    error_message=_first(row, "message", "error_message"), duplicate_of=_first(row, "duplicate_of"))
    if r.status == "ok":
        _document_facts(r, row)
    return r


@dataclass
class _FrameRecords:
    """The records built from frames, in order, and the audited ones by
    path and by hash: what a coverage or findings row joins to."""

    recs: list[AuditRecord] = field(default_factory=list)
    by_file: dict[str, AuditRecord] = field(default_factory=dict)
    by_sha: dict[str, AuditRecord] = field(default_factory=dict)

    def add_document(self, r: AuditRecord) -> None:
        """Keep a documents row's record; an audited one is joined by its
        path and its hash (the first record of each wins)."""
        if r.status == "ok":
            self.by_file.setdefault(r.file, r)
            if r.sha256:
                self.by_sha.setdefault(str(r.sha256), r)
        self.recs.append(r)

    def of(self, row: dict[str, Any]) -> AuditRecord | None:
        """The record a row joins: by ``sha256`` when the row has a known
        one, else by ``file`` (or ``path``)."""
        sha = _first(row, "sha256")
        if sha is not None and str(sha) in self.by_sha:
            return self.by_sha[str(sha)]
        return self.by_file.get(str(_first(row, "file", "path") or ""))


def _add_counts(into: dict[str, int], row: dict[str, Any]) -> None:
    """Add a coverage row's checked, failed and untestable counts to ``into``."""
    for k in _COVERAGE_COUNTS:
        into[k] += _int(row.get(k)) or 0


def _add_coverage_row(r: AuditRecord, row: dict[str, Any], *, per_rule: bool) -> None:
    """Add one coverage row to its record: to its rule's counts (when the
    rows are per rule and this one names its rule) and to the record's
    running sums."""
    if per_rule and row.get("code"):
        rules = r.coverage.setdefault("rules", {})
        _add_counts(rules.setdefault(str(row["code"]), dict.fromkeys(_COVERAGE_COUNTS, 0)), row)
    _add_counts(r.coverage.setdefault("_sums", dict.fromkeys(_COVERAGE_COUNTS, 0)), row)


def _settle_sums(recs: Sequence[AuditRecord]) -> None:
    """Turn each record's running coverage sums into its counts, where its
    documents row gave none."""
    for r in recs:
        sums = r.coverage.pop("_sums", None) if r.coverage else None
        if sums:
            for k, v in sums.items():
                r.coverage.setdefault(k, v)


def _add_coverage(joined: _FrameRecords, coverage: Any) -> None:
    """Add the coverage rows to the records they join (per rule when the
    rows have a ``code`` column); rows that join none are dropped."""
    cov_rows = _rows(coverage)
    per_rule = any("code" in r for r in cov_rows)
    for row in cov_rows:
        r = joined.of(row)
        if r is not None:
            _add_coverage_row(r, row, per_rule=per_rule)
    _settle_sums(joined.recs)


def _frame_finding(row: dict[str, Any], file: str, names: dict[str, str]) -> Finding:
    """The finding of a findings row (its rule's name from ``names`` when
    the row has none; ``evidence`` a list or its JSON text)."""
    return Finding(
        code=str(row.get("code") or "?"), name=str(row.get("name") or names.get(str(row.get("code")), "")),
        severity=str(row.get("severity") or "info"), message=str(row.get("message") or ""), message_en=str(row.get("message_en") or ""),
        evidence=_evidence(row.get("evidence")), reported=None if row.get("reported") is None else str(row["reported"]),
        expected=None if row.get("expected") is None else str(row["expected"]), section=row.get("section"), file=file,
    )


def _unjoined_record(joined: _FrameRecords, row: dict[str, Any], file: str) -> AuditRecord | None:
    """For a findings row that joins no record: a failed record when it is
    an unreadable file in audit_frame's convention (code GR000) — None
    then, the row is spent — else a new record for its ``file``, which the
    later rows of that file join."""
    if row.get("code") == "GR000":
        joined.recs.append(AuditRecord(file=file, status="failed", error_type="GR000", error_message=str(row.get("message") or "")))
        return None
    r = AuditRecord(file=file or "<unknown>")
    joined.recs.append(r)
    joined.by_file[file] = r
    return r


def _add_findings(joined: _FrameRecords, findings: Any) -> None:
    """Add each findings row to the record it joins (made when it joins
    none), with the line it is shown at; a row without a code adds none."""
    names = _rule_names()
    for row in _rows(findings):
        file = str(_first(row, "file") or "")
        r = joined.of(row)
        if r is None:
            r = _unjoined_record(joined, row, file)
        if r is None or not row.get("code"):
            continue
        r.findings.append(_frame_finding(row, file, names))
        r.shown.append(Shown(line=_int(row.get("line")) or 0))


def records_from_frames(documents: Any, findings: Any, coverage: Any = None) -> list[AuditRecord]:
    """Audit records from frames shaped like ``gireport.load_results(db)``.

    ``documents``: one row per file — ``path`` (or ``file``) and, when
    present, ``sha256``, ``agency``, ``year``, ``template``, ``format``,
    ``is_report``, ``claims``, ``checked``, ``failed``, ``untestable``,
    ``status``, ``error_type``/``error_message``, ``duplicate_of``.
    ``findings``: the Finding record's columns (``evidence`` a list of dicts
    or its JSON text), joined to ``documents`` by ``sha256`` when both have
    it, else by ``file``; ``line`` when present.  ``coverage``: rows with
    ``file`` (or ``sha256``) and ``checked`` / ``failed`` / ``untestable``,
    per rule when a ``code`` column is present."""
    joined = _FrameRecords()
    for i, row in enumerate(_rows(documents), 1):
        joined.add_document(_document_record(i, row))
    _add_coverage(joined, coverage)
    _add_findings(joined, findings)
    return joined.recs
