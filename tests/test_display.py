"""Notebook display and tidy data: short reprs, ``_repr_html_`` views, and
the frames of ``gireport.frames`` (documented columns, one row per claim /
cell / finding, values that round-trip)."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

import gireport
from gireport import frames
from gireport.audit import FINDING_COLUMNS
from gireport.claims import Breakdown, Change, Enumeration, Item, Share, Zero
from gireport.numbers import Number

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "changbai-2013.txt"

TXT = sorted(CORPUS.glob("*.txt"))
# one of each other format, for pages and table cells read from real grids
OTHER = [CORPUS / n for n in ("songling-county-2023.pdf", "example-city-resources-2022.docx", "example-city-ecology-2019.html", "songling-county-2023.md")]


@pytest.fixture(scope="module")
def audits() -> dict[str, gireport.Audit]:
    paths = TXT + [p for p in OTHER if p.exists()]
    if not paths:
        pytest.skip("corpus/ not present")
    return {p.name: gireport.audit(p) for p in paths}


def n(text: str, value: str, start: int = 0, unit: str | None = None, kind: str = "count") -> Number:
    return Number(text, start, start + len(text), Decimal(value), unit=unit, kind=kind)


# --------------------------------------------------------------- reprs
def test_share_repr_reads_like_the_claim() -> None:
    s = Share(0, 20, "信息", "proactive", percent=n("7.2%", "7.2", 5, "%", "percent"), part=n("155条", "155", 0, "条"),
              whole=n("3521条", "3521", 10, "条"), whole_source="parts-total")
    assert repr(s) == "<Share 155条 = 7.2% of 3521条 [parts-total]>"
    unresolved = Share(0, 9, percent=n("55.1%", "55.1", 4, "%", "percent"), part=n("171件", "171", 0, "件"))
    assert repr(unresolved) == "<Share 171件 = 55.1% of ? [unresolved]>"
    summed = Share(0, 9, percent=n("40%", "40", 4, "%", "percent"), part=n("2件", "2"), whole_value=Decimal(5), whole_source="parts-sum")
    assert repr(summed) == "<Share 2件 = 40% of 5(sum) [parts-sum]>"


def test_other_claim_reprs() -> None:
    b = Breakdown(0, 30, total=n("3521条", "3521"), parts=[n("2304条", "2304", 10), n("1217条", "1217", 20)], complete=True, cue="其中")
    assert repr(b) == "<Breakdown 3521条 = 2304条 + 1217条 [complete, 其中]>"
    long = Breakdown(0, 99, total=n("10", "10"), parts=[n(str(i), str(i), i) for i in range(1, 11)])
    assert repr(long).startswith("<Breakdown 10 = 1 + 2 + 3 + 4 + 5 + … (+5) [partial")
    e = Enumeration(0, 30, count=n("两个", "2", 0, "个"), items=[Item("县档案馆", 3, 7), Item("县政务服务中心", 8, 15)], style="parenthetical")
    assert repr(e) == "<Enumeration 两个: 2 listed (县档案馆、县政务服务中心) [parenthetical]>"
    c = Change(0, 30, after=n("318件", "318"), delta=n("46件", "46", 10), rate=n("16.9%", "16.9", 20, "%", "percent"), cue="比上年增加")
    assert repr(c) == "<Change 比上年增加 (+): after 318件, delta 46件, rate 16.9%>"
    z = Zero(0, 30, topics=("review", "litigation"), cue="没有发生", text="没有发生行政复议")
    assert repr(z) == "<Zero 没有发生: review, litigation>"
    assert repr(Item("县档案馆", 3, 7)) == "<Item '县档案馆' [3:7]>"


def test_to_dict_unchanged_by_the_reprs() -> None:
    s = Share(0, 20, "信息", "proactive", percent=n("7.2%", "7.2", 5, "%", "percent"), part=n("155条", "155"), whole=n("3521条", "3521", 10))
    assert list(s.to_dict()) == ["type", "start", "end", "subject", "section", "percent", "part", "whole", "whole_value", "whole_source", "whole_note"]
    assert s.to_dict()["part"] == {"text": "155条", "value": "155", "unit": None, "start": 0, "end": 4, "approx": None}


def test_every_corpus_repr_is_one_short_line(audits: dict[str, gireport.Audit]) -> None:
    for a in audits.values():
        objs = [a, a.report, a.report.claims, *a.report.claims, *a.findings]
        for o in objs:
            r = repr(o)
            assert "\n" not in r and r.startswith("<") and r.endswith(">"), r
            if not isinstance(o, gireport.Finding):  # a finding's repr is its message
                assert len(r) <= 160, r


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed/changbai-2013.txt not present")
def test_seed_share_repr() -> None:
    report = gireport.parse(SEED)
    assert "<Share 155条 = 7.2% of 3521条 [parts-total]>" in [repr(c) for c in report.claims]


# ---------------------------------------------------------- _repr_html_
def test_report_repr_html_shows_outline_kinds_template_metadata(audits: dict[str, gireport.Audit]) -> None:
    for name, a in audits.items():
        r = a.report
        h = r._repr_html_()
        assert h.startswith('<div class="gir">') and "<script" not in h.lower()
        for s in r.sections:
            assert html.escape(s.heading) in h, (name, s.heading)
            assert f'<span class="gir-kind {s.kind}">{s.kind}</span>' in h
        assert f"<dt>template</dt><dd>{r.template.name}" in h
        if r.metadata.agency:
            assert html.escape(r.metadata.agency) in h
        if r.metadata.year:
            assert f"<dt>year</dt><dd>{r.metadata.year}</dd>" in h


def test_audit_repr_html_shows_findings_with_evidence_in_context(audits: dict[str, gireport.Audit]) -> None:
    for name, a in audits.items():
        h = a._repr_html_()
        assert "<script" not in h.lower()
        assert "testable rate" in h and f"<b>{a.coverage['checked']}</b> checked" in h
        c = a.counts()
        for sev, word in (("error", "error"), ("warning", "warning"), ("info", "info")):
            assert re.search(rf'<span class="gir-sev {sev}">{c[sev]} {word}s?</span>', h), (name, sev)
        # one block per finding, in order, with code, severity and both messages
        blocks = re.findall(r'<div class="gir-finding (\w+)" data-code="([^"]+)">', h)
        assert blocks == [(f.severity, f.code) for f in a.findings], name
        for f in a.findings:
            assert html.escape(f.message) in h and html.escape(f.message_en) in h
            for ev in f.evidence:
                if ev.end > ev.start:
                    # the evidence is marked in its sentence, or its cell highlighted in the table
                    marked = f"<mark>{html.escape(a.report.text[ev.start:ev.end])}</mark>" in h
                    cell = re.search(r'<td class="num hit"[^>]*>' + re.escape(html.escape(a.report.text[ev.start:ev.end])) + "</td>", h)
                    assert marked or cell, (name, f.code, ev)


def test_table_finding_shows_the_cells_highlighted(audits: dict[str, gireport.Audit]) -> None:
    a = audits["songling-county-2023.txt"]
    f = next(f for f in a.findings if f.code == "GR601")
    from gireport.display import cell_index, finding_html

    h = finding_html(f, a.report.text, cell_index(a.report))
    assert '<table class="gir-t gir-cells">' in h and "收到和处理政府信息公开申请情况" in h
    hits = re.findall(r'<td class="num hit"[^>]*>([^<]*)</td>', h)
    assert hits == [ev.text.rsplit("|", 1)[1].strip() for ev in sorted(f.evidence, key=lambda e: e.start)]
    assert "法律服务机构" in h  # column labels, not keys


def test_hostile_report_text_is_escaped_in_notebooks() -> None:
    src = (CORPUS / "songling-county-2023.txt").read_text(encoding="utf-8")
    payload = '<script>alert("x")</script><img src=x onerror="alert(1)">'
    text = src.replace("县政府门户网站全年发布信息9,836条", "县政府门户网站" + payload + "全年发布信息9,836条")
    a = gireport.audit(text.encode("utf-8"), name="<b>evil</b>.txt")
    assert payload in a.report.text
    for h in (a._repr_html_(), a.report._repr_html_()):
        assert "<script" not in h and "<img" not in h and "<b>evil" not in h
    assert html.escape(payload) in a._repr_html_()  # shown, as text, in the GR201 context


# --------------------------------------------------------------- frames
def test_frames_have_the_documented_columns(audits: dict[str, gireport.Audit]) -> None:
    a = audits["songling-county-2023.txt"]
    assert list(a.to_frame().columns) == list(FINDING_COLUMNS) == list(frames.FINDING_COLUMNS)
    assert list(frames.findings_frame(a).columns) == [*FINDING_COLUMNS, "agency", "year", "template"] == list(frames.FINDINGS_FRAME_COLUMNS)
    assert list(a.report.claims_frame().columns) == list(frames.CLAIM_COLUMNS)
    assert list(a.report.tables_frame().columns) == list(frames.TABLE_COLUMNS)
    assert list(a.coverage_frame().columns) == list(frames.COVERAGE_COLUMNS)
    assert list(a.verdicts_frame().columns) == list(frames.VERDICT_COLUMNS)
    assert list(frames.verdicts_frame([a, a]).columns) == list(frames.VERDICT_COLUMNS)
    doc = frames.__doc__ or ""
    data_md = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for col in set(frames.CLAIM_COLUMNS + frames.TABLE_COLUMNS + frames.COVERAGE_COLUMNS + FINDING_COLUMNS + frames.VERDICT_COLUMNS):
        assert f"``{col}``" in doc or f"``{col}``/" in doc, f"{col} not documented in gireport.frames"
        assert f"`{col}`" in data_md, f"{col} not documented in docs/data.md"
    for role in frames.CLAIM_ROLES:
        assert role + "_value" in frames.CLAIM_COLUMNS


def test_empty_frames_keep_their_columns() -> None:
    a = gireport.audit("这不是一份年度报告。只有一句话。".encode(), name="x.txt")
    for df, cols in ((a.report.claims_frame(), frames.CLAIM_COLUMNS), (a.report.tables_frame(), frames.TABLE_COLUMNS), (a.to_frame(), FINDING_COLUMNS)):
        assert list(df.columns) == list(cols)


def _exact(v: float, d: Decimal) -> bool:
    return Decimal(repr(v)) == d or len(d.normalize().as_tuple().digits) > 15


def test_claims_frame_one_row_per_claim_values_round_trip(audits: dict[str, gireport.Audit]) -> None:
    for name, a in audits.items():
        r = a.report
        df = r.claims_frame()
        claims = list(r.claims)
        assert len(df) == len(claims), name
        assert df["claim"].tolist() == list(range(len(claims)))
        for row, c in zip(df.itertuples(index=False), claims):
            assert row.type == c.type and row.start == c.start and row.end == c.end
            assert row.text == r.text[c.start : c.end]
            assert row.section == c.section and row.file == r.path
            page = r.document.page_at(c.start)
            assert (pd.isna(row.page) and page is None) or row.page == page
            for role in frames.CLAIM_ROLES:
                num = getattr(c, role, None)
                text, value = getattr(row, role), getattr(row, role + "_value")
                if num is None or not hasattr(num, "text"):
                    if role != "whole":
                        assert text is None or pd.isna(text), (name, role)
                    continue
                assert text == num.text and _exact(value, num.value), (name, role, text, value)
                assert r.text[num.start : num.end] == num.text
            if c.type == "share":
                assert row.whole_source == c.whole_source
                if c.whole_exact is not None:
                    assert _exact(row.whole_value, c.whole_exact)
                else:
                    assert pd.isna(row.whole_value)
            if c.type == "breakdown":
                assert row.n_parts == len(c.parts) and bool(row.complete) == c.complete
                if c.parts:
                    assert row.parts.split(" + ") == [p.text for p in c.parts]
                    assert _exact(row.parts_value, sum((p.value for p in c.parts), Decimal(0)))
                else:
                    assert pd.isna(row.parts) and pd.isna(row.parts_value)
            if c.type == "enumeration":
                assert row.n_items == len(c.items)
                if c.items:
                    assert row.items.split(" | ") == [i.text for i in c.items]
            if c.type == "change":
                assert row.direction == c.direction
            if c.type == "zero":
                assert row.topics.split(",") == list(c.topics)
            assert row.approx == any(x.approx for x in c.numbers)


def test_tables_frame_one_row_per_cell_values_round_trip(audits: dict[str, gireport.Audit]) -> None:
    seen_tables = set()
    for name, a in audits.items():
        r = a.report
        df = r.tables_frame()
        cells = [(t, c) for t in r.tables for c in t.cells.values()]
        assert len(df) == len(cells), name
        for row, (t, c) in zip(df.itertuples(index=False), cells):
            seen_tables.add(t.kind)
            assert (row.table, row.row, row.col, row.text, row.state) == (t.kind, c.row, c.col, c.text, c.state)
            assert (row.source, row.layout, row.ambiguous) == (t.source, t.layout, t.ambiguous)
            assert (row.start, row.end, row.row_label, row.col_label) == (c.start, c.end, c.row_label, c.col_label)
            if c.numeric is None:
                assert pd.isna(row.value)
            else:
                assert Decimal(repr(row.value)) == c.numeric
        # long form pivots back to the table
        if cells:
            apps = df[df.table == "applications"]
            if len(apps):
                wide = apps.pivot(index="row", columns="col", values="value")
                t = r.table("applications")
                assert wide.loc["new", "total"] == float(t.value("new", "total"))
    assert {"proactive", "applications", "review", "old_stats"} <= seen_tables


def test_findings_and_coverage_frames(audits: dict[str, gireport.Audit]) -> None:
    all_audits = list(audits.values())
    df = frames.findings_frame(all_audits)
    assert len(df) == sum(len(a.findings) for a in all_audits)
    assert df["fingerprint"].tolist() == [f.fingerprint for a in all_audits for f in a.findings]
    for a in all_audits:
        one = a.to_frame()
        assert one.equals(frames.findings_frame(a)[list(FINDING_COLUMNS)])
        cov = a.coverage_frame()
        assert len(cov) == len(a.rule_coverage)
        assert cov["checked"].sum() == a.coverage["checked"] and cov["untestable"].sum() == a.coverage["untestable"]
        assert cov["failed"].sum() == a.coverage["failed"]
    # many reports: frames concatenate, the file column tells them apart
    cf = frames.claims_frame(all_audits)
    assert len(cf) == sum(len(a.report.claims) for a in all_audits)
    assert set(cf["file"]) == {a.path for a in all_audits if len(a.report.claims)}


def test_frame_dtypes_are_tidy(audits: dict[str, gireport.Audit]) -> None:
    a = audits["songling-county-2023.pdf"] if "songling-county-2023.pdf" in audits else audits["songling-county-2023.txt"]
    cf = a.report.claims_frame()
    for c in frames.CLAIM_COLUMNS:
        if c.endswith("_value"):
            assert cf[c].dtype == "float64", c
    assert str(cf["page"].dtype) == "Int64" and str(cf["n_parts"].dtype) == "Int64"
    assert cf["start"].dtype == "int64" and cf["approx"].dtype == bool
    tf = a.report.tables_frame()
    assert tf["value"].dtype == "float64" and str(tf["page"].dtype) == "Int64"
    if a.report.document.source.pages:
        assert tf["page"].notna().all() and cf["page"].notna().all()


def test_rows_need_no_pandas(audits: dict[str, gireport.Audit]) -> None:
    a = audits["songling-county-2023.txt"]
    rows = frames.claim_rows(a.report)
    assert rows and all(list(r) == list(frames.CLAIM_COLUMNS) for r in rows)
    assert all(list(r) == list(frames.TABLE_COLUMNS) for r in frames.table_rows(a))
    with pytest.raises(TypeError):
        frames.claim_rows(["not a report"])


def test_documents_frame_one_row_per_document(tmp_path):
    from gireport import frames

    p = tmp_path / "r.txt"
    p.write_text("青禾县档案局2019年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占80%。\n", encoding="utf-8")
    audits = [gireport.audit(p), gireport.audit(p, select=["GR1"])]
    df = frames.documents_frame(audits)
    assert list(df.columns) == list(frames.DOCUMENT_COLUMNS) and len(df) == 2
    row = df.iloc[0]
    assert row["file"] == str(p) and row["status"] == "ok" and row["year"] == 2019 and row["agency"] == "青禾县档案局"
    assert row["errors"] + row["warnings"] >= 1 and df.iloc[1]["errors"] == 0
    fdf = frames.findings_frame(audits[0])
    assert set(fdf["year"]) == {2019} and set(fdf["agency"]) == {"青禾县档案局"}
