"""The HTML report: self-contained (nothing fetched), everything escaped,
and — in headless Chromium when one is installed — hostile report text
executes nothing while the page's own script runs and the summary shows."""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gireport
from gireport import frames
from gireport.output import FORMATS, render, render_html, render_html_frames

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "changbai-2013.txt"
BASE = CORPUS / "songling-county-2023.txt"

# Payloads that, if they ever ran, would leave a trace in the DOM: a new
# document title and a data-xss attribute on <html>.  No ';' in them, so a
# sentence of the report keeps each one whole.
P_SCRIPT = '<script>document.title="XSS",document.documentElement.setAttribute("data-xss","script")</script>'
P_IMG = "<img src=x onerror=\"document.title='XSS',document.documentElement.setAttribute('data-xss','img')\">"
P_SVG = "<svg onload=\"document.documentElement.setAttribute('data-xss','svg')\"></svg>"
P_CLOSE = "</div></section></table></script><script>document.documentElement.setAttribute('data-xss','close')</script>"
PAYLOADS = (P_SCRIPT, P_IMG, P_SVG, P_CLOSE)
EVIL_NAME = "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','name')\">.txt"
EVIL_ERROR = {"file": "bad<script>x()</script>.pdf", "error": "CorruptFileError", "message": P_IMG}

needs_base = pytest.mark.skipif(not BASE.is_file(), reason="corpus/songling-county-2023.txt not present")


def hostile_audit() -> gireport.Audit:
    """songling-county-2023 with payloads in sentences that carry findings
    (GR201, GR501, GR632, GR301), in a heading, and in the file name."""
    text = BASE.read_text(encoding="utf-8")
    for old, new in (
        ("县政府门户网站全年发布信息9,836条", f"县政府门户网站{P_SCRIPT}全年发布信息9,836条"),
        ("2023年，全县主动公开政府信息12,614条", f"2023年，全县{P_IMG}主动公开政府信息12,614条"),
        ("予以公开和部分公开共171件", f"予以公开和{P_SVG}部分公开共171件"),
        ("（四）平台建设方面", f"（四）平台建设{P_IMG}方面"),
        ("全年举办政务公开业务培训", f"{P_CLOSE}全年举办政务公开业务培训"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    a = gireport.audit(text.encode("utf-8"), name=EVIL_NAME)
    for p in PAYLOADS:
        assert p in a.report.text, p
    return a


@pytest.fixture(scope="module")
def corpus_audits() -> list[gireport.Audit]:
    paths = sorted(p for p in CORPUS.glob("*.*") if p.suffix in {".txt", ".md", ".html", ".docx", ".pdf"} and p.name != "README.md")
    if not paths:
        pytest.skip("corpus/ not present")
    audits = [gireport.audit(p) for p in paths]
    if SEED.is_file():
        audits.append(gireport.audit(SEED))
    return audits


# ------------------------------------------------------- self-contained
_EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|formaction|poster|data|srcset|xlink:href)\s*=\s*["']?\s*(?:https?:)?//)|@import|url\(\s*["']?\s*(?:https?:)?//|<link\b|<iframe\b|<object\b|<embed\b""", re.IGNORECASE)


def assert_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not _EXTERNAL.search(page), _EXTERNAL.search(page)
    assert re.findall(r"<script\b[^>]*>", page) == ["<script>"], "exactly one inline script, no src"
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp and "default-src 'none'" in html.unescape(csp.group(1))  # nothing may be fetched


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_no_active_markup(page: str) -> None:
    """Parsed as a browser would tokenise it: one script (ours), no element
    that loads or runs anything, no event-handler attribute, no javascript: URL."""
    p = _Tags()
    p.feed(page)
    names = [t for t, _ in p.tags]
    assert names.count("script") == 1
    assert not {"img", "iframe", "object", "embed", "link", "base", "form", "video", "audio", "image"} & set(names)
    for tag, attrs in p.tags:
        for k, v in attrs:
            assert not k.startswith("on"), (tag, k, v)
            assert not (v or "").strip().lower().startswith("javascript:"), (tag, k, v)
    assert len(re.findall(r"<script\b", page, re.IGNORECASE)) == 1


def test_html_is_registered() -> None:
    assert "html" in FORMATS
    for f in ("text", "json", "jsonl", "csv", "sarif"):
        assert f in FORMATS


def test_corpus_report_is_self_contained_with_summary_charts_table(corpus_audits: list[gireport.Audit]) -> None:
    errors = [{"file": "corpus/broken.pdf", "error": "CorruptFileError", "message": "corpus/broken.pdf: not a PDF"}]
    page = render(corpus_audits, "html", errors=errors, lang="en")
    assert page == render_html(corpus_audits, errors=errors, lang="en")
    assert_self_contained(page)
    for ident in ('id="summary"', 'id="charts"', 'id="findings"', 'id="reports"', 'id="unreadable"', 'id="findings-table"'):
        assert ident in page
    assert page.count("<svg ") == 3
    assert 'id="chart-rule"' in page and 'id="chart-year"' in page and 'id="chart-agency"' in page
    n = sum(len(a.findings) for a in corpus_audits)
    assert len(re.findall(r'<tr data-i="\d+" data-sev=', page)) == n
    assert page.count('<div class="gir-finding ') == n  # each finding in its report's section
    assert page.count('<section class="report" ') == len(corpus_audits)
    assert f'<div class="n">{len(corpus_audits)}</div><div class="l">files audited</div>' in page
    errs = sum(a.counts()["error"] for a in corpus_audits)
    assert f'<div class="n">{errs}</div><div class="l">errors</div>' in page
    for a in corpus_audits:
        for f in a.findings:
            assert html.escape(f.message) in page
    # every finding row links to its context, and the anchor exists
    for target in re.findall(r'<td class="gir-code nowrap"[^>]*><a href="#([^"]+)">', page):
        assert f'id="{target}"' in page
    assert "corpus/broken.pdf" in page


def test_empty_input_renders() -> None:
    page = render_html([], lang="en")
    assert_self_contained(page)
    assert 'id="summary"' in page and "no findings" in page


# -------------------------------------------------------------- escaping
@needs_base
def test_hostile_text_is_escaped_everywhere() -> None:
    a = hostile_audit()
    page = render_html([a], errors=[EVIL_ERROR], title="<b>title</b>")
    assert_self_contained(page)
    for p in PAYLOADS + (EVIL_NAME, "<b>title</b>", EVIL_ERROR["file"]):
        assert p not in page, p
    assert_no_active_markup(page)
    # the payloads are shown — as text — in the finding contexts and the outline
    assert html.escape(P_SCRIPT) in page  # GR201's sentence
    assert html.escape(P_IMG) in page  # GR501's sentence and the error message
    assert html.escape(P_SVG) in page  # GR632's sentence
    assert html.escape(P_CLOSE) in page  # GR301's sentence
    assert "&lt;title&gt;" not in page and "&lt;b&gt;title&lt;/b&gt;" in page


@needs_base
def test_hostile_frames_are_escaped() -> None:
    a = hostile_audit()
    docs = [{"file": a.path, "agency": P_IMG, "year": 2023, "template": "2021", "format": "txt", "claims": len(a.report.claims)},
            {"file": "broken.pdf", "error": "CorruptFileError", "message": P_SCRIPT}]
    findings = frames.findings_frame(a)
    # as a batch store would keep it: evidence as JSON text
    findings["evidence"] = findings["evidence"].map(lambda ev: json.dumps(ev, ensure_ascii=False))
    page = render_html_frames(docs, findings, frames.coverage_frame(a))
    assert_self_contained(page)
    for p in PAYLOADS + (EVIL_NAME,):
        assert p not in page
    assert_no_active_markup(page)
    assert html.escape(P_IMG) in page  # the agency, as text


# ------------------------------------------------------------ batch store
def test_render_html_frames_from_a_store(corpus_audits: list[gireport.Audit]) -> None:
    pd = pytest.importorskip("pandas")
    audits = corpus_audits[:6]
    documents = pd.DataFrame(
        [
            {
                "file": a.path,
                "sha256": a.report.document.source.sha256,
                "format": a.report.document.source.format,
                "agency": a.report.metadata.agency,
                "year": a.report.metadata.year,
                "template": a.report.template.name,
                "is_report": a.report.metadata.is_report,
                "claims": len(a.report.claims),
                "error": None,
                "message": None,
            }
            for a in audits
        ]
        + [{"file": "corpus/broken.pdf", "error": "CorruptFileError", "message": "not a PDF"}]
    )
    findings = frames.findings_frame(audits)
    coverage = frames.coverage_frame(audits)
    page = render_html_frames(documents, findings, coverage, lang="en")
    assert_self_contained(page)
    assert 'id="summary"' in page and page.count("<svg ") == 3
    assert len(re.findall(r'<tr data-i="\d+"', page)) == len(findings)
    assert page.count('<section class="report" ') == len(audits)
    assert "corpus/broken.pdf" in page and 'id="unreadable"' in page
    for a in audits:
        for f in a.findings:
            for ev in f.evidence:  # no text in a store: the snippets stand in
                assert f"<mark>{html.escape(ev.text)}</mark>" in page
    checked = sum(a.coverage["checked"] for a in audits)
    assert f'<div class="n">{checked}</div><div class="l">checked</div>' in page
    # lists of dicts work as well as frames
    page2 = render_html_frames(documents.to_dict("records"), findings.to_dict("records"), coverage.to_dict("records"))
    assert len(re.findall(r'<tr data-i="\d+"', page2)) == len(findings)


@needs_base
def test_render_html_of_a_record_is_the_page_of_its_audit() -> None:
    """The page is drawn from the audit record alone (what a batch worker
    sends and a store keeps): the same bytes as from the audit, every
    payload escaped, the evidence marked in its sentence."""
    a = hostile_audit()
    rec = a.record()
    page = render_html([rec], errors=[EVIL_ERROR])
    assert page == render_html([a], errors=[EVIL_ERROR])
    assert_self_contained(page)
    assert_no_active_markup(page)
    for p in PAYLOADS + (EVIL_NAME,):
        assert p not in page
    assert page.count('<div class="gir-finding ') == len(a.findings)
    f = next(f for f in a.findings if f.code == "GR201")
    assert f"<mark>{html.escape(f.evidence[0].text)}</mark>" in page
    assert "&lt;/script&gt;全年发布信息<mark>9,836条</mark>" in page
    assert f'<b>{a.coverage["checked"]}</b> 已核查' in page


def test_render_html_frames_from_a_real_batch_store(tmp_path: Path) -> None:
    """Integration with gireport.batch (skipped while it is not there)."""
    pytest.importorskip("pandas")
    batch = pytest.importorskip("gireport.batch")
    if not BASE.is_file():
        pytest.skip("corpus/ not present")
    db = tmp_path / "store.db"
    paths = [BASE, CORPUS / "qinghe-county-2012.txt", CORPUS / "example-city-notice-2022.txt"]
    with batch.audit_many([str(p) for p in paths], db=str(db), workers=1) as run:
        results = list(run)
    assert len(results) == len(paths)
    documents, findings, coverage = batch.load_results(str(db))
    page = render_html_frames(documents, findings, coverage)
    assert_self_contained(page)
    assert_no_active_markup(page)
    assert page.count('<section class="report" ') == len(paths)
    assert len(re.findall(r'<tr data-i="\d+"', page)) == len(findings)
    for ev_list in findings["evidence"]:
        for ev in ev_list:
            assert f"<mark>{html.escape(ev['text'])}</mark>" in page


# ------------------------------------------------------------- Chromium
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium or chromium-browser on PATH (apt-get install chromium); headless browser test skipped"
)


def run_chromium(page: Path, tmp_path: Path, *, screenshot: Path | None = None) -> str:
    """Load ``page`` in a fresh headless Chromium; return the DOM after load."""
    profile = tmp_path / f"profile-{page.stem}"
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--window-size=1280,2000",
        "--virtual-time-budget=3000",
        "--dump-dom",
    ]
    if screenshot is not None:
        cmd.append(f"--screenshot={screenshot}")
    cmd.append(page.resolve().as_uri())
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def dom_text(s: str) -> str:
    """How a serialised DOM writes a text node (quotes stay as they are)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    return w, h


def png_distinct_bytes(data: bytes) -> int:
    """Distinct byte values of the decompressed image data: a blank page
    has a handful, a rendered page with text and colour hundreds."""
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))


@needs_chromium
def test_control_payloads_do_execute_when_not_escaped(tmp_path: Path) -> None:
    """The detector works: the same payloads, unescaped, leave their trace."""
    control = tmp_path / "control.html"
    control.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>safe</title></head><body>{P_SCRIPT}{P_IMG}</body></html>', encoding="utf-8")
    dom = run_chromium(control, tmp_path)
    assert "data-xss=" in dom and "<title>XSS</title>" in dom


@needs_base
@needs_chromium
def test_hostile_report_executes_nothing_in_chromium(tmp_path: Path) -> None:
    a = hostile_audit()
    page = render_html([a], errors=[EVIL_ERROR], title="gireport hostile test")
    out = tmp_path / "report.html"
    out.write_text(page, encoding="utf-8")
    shot = tmp_path / "report.png"
    dom = run_chromium(out, tmp_path, screenshot=shot)

    # nothing from the report ran ...
    assert "data-xss" not in dom.split("<body", 1)[0], "a payload executed"
    assert not re.search(r"<html[^>]*data-xss", dom)
    assert "<title>gireport hostile test</title>" in dom and "<title>XSS</title>" not in dom
    assert "<img" not in dom.lower()
    # ... while the page's own scripts did (their CSP hash is right): the
    # findings filter and the files table's grouping
    assert re.search(r'<html[^>]*data-js="ready"', dom) and re.search(r'<html[^>]*data-group="ready"', dom)
    assert '<tr class="grp">' in dom
    # the summary is there, with the payloads shown as text
    assert 'id="summary"' in dom and "已审查文件" in dom
    assert dom_text(P_SCRIPT) in dom

    # escaping alone suffices: without the Content-Security-Policy nothing runs either
    bare = tmp_path / "report-no-csp.html"
    bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page), encoding="utf-8")
    dom2 = run_chromium(bare, tmp_path)
    assert "Content-Security-Policy" not in dom2
    assert not re.search(r"<html[^>]*data-xss", dom2) and "<title>XSS</title>" not in dom2
    assert re.search(r'<html[^>]*data-js="ready"', dom2)

    # the screenshot shows a rendered page (kept next to the test's tmp files)
    data = shot.read_bytes()
    assert png_size(data) == (1280, 2000)
    assert len(data) > 30_000 and png_distinct_bytes(data) > 100
    print(f"screenshot: {shot}")


@needs_chromium
def test_table_sorts_and_filters_in_chromium(tmp_path: Path, corpus_audits: list[gireport.Audit]) -> None:
    """Drive the page's script: filter by severity and text, sort by year."""
    page = render_html(corpus_audits)
    n = sum(len(a.findings) for a in corpus_audits)
    warnings = sum(a.counts()["warning"] for a in corpus_audits)
    driver = (
        "<script>window.addEventListener('load',function(){"
        "var s=document.getElementById('f-sev');s.value='warning';s.dispatchEvent(new Event('change'));"
        "document.querySelector('#findings-table th:nth-child(2)').click();"
        "document.querySelector('#findings-table th:nth-child(2)').click();"
        "document.body.setAttribute('data-shown',document.getElementById('f-shown').textContent);"
        "var ys=[].map.call(document.querySelectorAll('#findings-table tbody tr'),function(r){return r.cells[1].textContent});"
        "document.body.setAttribute('data-years',ys.join(','));"
        "});</script>"
    )
    test_page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>", driver + "</body>")
    f = tmp_path / "drive.html"
    f.write_text(test_page, encoding="utf-8")
    dom = run_chromium(f, tmp_path)
    shown = re.search(r'data-shown="(\d+)"', dom)
    assert shown and int(shown.group(1)) == warnings
    assert len(re.findall(r"<tr [^>]*hidden", dom)) == n - warnings
    years = [int(y) for y in re.search(r'data-years="([^"]*)"', dom).group(1).split(",") if y]
    assert years == sorted(years, reverse=True)  # clicked twice: descending


def test_export_html_from_a_batch_store(tmp_path):
    """gireport export DB --format html writes one self-contained page of the
    whole store."""
    import shutil

    from gireport.cli import main

    src = Path(__file__).resolve().parents[1] / "corpus"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("qinghe-county-2012.txt", "qinghe-county-2021.txt", "example-city-notice-2022.txt"):
        shutil.copy(src / name, folder / name)
    db = tmp_path / "r.sqlite"
    assert main(["audit", str(folder), "--db", str(db), "--workers", "1", "--quiet", "--fail-on", "never", "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")]) == 0
    out = tmp_path / "report.html"
    assert main(["export", str(db), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "qinghe-county-2021.txt" in page and "GR603" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_agency_chart_shows_one_organ_once():
    """The same organ printed with and without its city, across years, is one
    bar under its most printed name; a sentence fragment is no agency."""
    from gireport.output.html import _Doc, _organs

    docs = [
        _Doc(key="a", file="x/2022.txt", agency="青禾市松林区人民政府", year=2022),
        _Doc(key="b", file="x/2023.txt", agency="青禾市松林区人民政府", year=2023),
        _Doc(key="c", file="y/2024.txt", agency="松林区人民政府", year=2024),
        _Doc(key="d", file="z/2024.txt", agency="示例县教育局", year=2024),
        _Doc(key="e", file="z/n.txt", agency="关于", year=2024),
    ]
    shown = _organs(docs)
    assert shown["a"] == shown["b"] == shown["c"] == "青禾市松林区人民政府"
    assert shown["d"] == "示例县教育局"
    assert shown["e"] is None


def test_interface_is_chinese_by_default_and_english_on_request(corpus_audits: list[gireport.Audit]) -> None:
    """The page speaks the officials' language by default: headings, cards,
    column heads and the messages in Chinese; lang="en" switches all of
    them (the other language stays in each message's title)."""
    a = next(x for x in corpus_audits if x.findings)
    zh, en = render_html([a]), render_html([a], lang="en")
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    assert re.findall(r"<h2>([^<(]+)", zh)[:5] == ["概览", "图表", "问题", "文件", "报告"]
    assert re.findall(r"<h2>([^<(]+)", en)[:5] == ["Summary", "Charts", "Findings", "Files", "Reports"]
    f = a.findings[0]
    assert f'<td class="msg" title="{html.escape(f.message_en, quote=True)}">{html.escape(f.message, quote=True)}</td>' in zh
    assert f'<td class="msg" title="{html.escape(f.message, quote=True)}">{html.escape(f.message_en, quote=True)}</td>' in en
    assert ">报告值</th>" in zh and ">应为</th>" in zh and ">reported</th>" in en


def test_paths_relative_to_the_shared_folder_and_repeated_findings(tmp_path) -> None:
    """Files that share a base name in different folders are told apart by
    their path under the folder they share; a finding of copies of one
    report is listed once with the files that share it."""
    src = (CORPUS / "qinghe-county-2021.txt").read_text(encoding="utf-8")
    for d in ("省/甲", "省/乙"):
        (tmp_path / d).mkdir(parents=True)
        (tmp_path / d / "P020005.txt").write_text(src, encoding="utf-8")
    audits = [gireport.audit(tmp_path / d / "P020005.txt") for d in ("省/甲", "省/乙")]
    page = render_html(audits)
    assert ">甲/P020005.txt<" in page and ">乙/P020005.txt<" in page  # under the folder both share (省)
    rep = page[page.index('id="repeats"') :]
    rep = rep[: rep.index("</table>")]
    n = len(audits[0].findings)
    assert rep.count('<tr><td class="gir-code">') == n  # each shared finding once
    assert render_html(audits[:1]).count('id="repeats"') == 0
