"""The HTML report's reading of frames (``records_from_frames``) and its
per-report facts and outline: each step on small hand-made inputs (lists
of dicts, so no pandas is needed), beside the corpus-wide tests of
test_html_report.py."""

from __future__ import annotations

from typing import Any

from gireport.audit import AuditRecord
from gireport.output import render_html
from gireport.output.html import records_from_frames, render_html_frames


def _by_file(recs: list[AuditRecord]) -> dict[str, AuditRecord]:
    return {r.file: r for r in recs}


# ------------------------------------------------------------- documents
def test_documents_rows_become_records_with_their_status() -> None:
    docs = [
        {"file": "a.txt", "sha256": "s1", "format": "txt", "agency": "A", "year": "2023", "template": "2021", "is_report": 1,
         "claims": 5, "checked": 3, "pages": 2, "chars": 100},
        {"path": "b.pdf", "error": "CorruptFileError", "message": "bad bytes", "checked": 9},
        {"file": "c.txt", "status": "duplicate", "duplicate_of": "a.txt"},
        {"source": "d.txt", "error": "", "n_claims": 2},
        {"file": "e.txt", "error_type": "Timeout", "error_message": "slow"},
        {},
    ]
    recs = records_from_frames(docs, [])
    assert [r.file for r in recs] == ["a.txt", "b.pdf", "c.txt", "d.txt", "e.txt", "<input 6>"]
    a, b, c, d, e, last = recs
    assert (a.status, a.error_type, a.sha256, a.year, a.is_report) == ("ok", None, "s1", 2023, True)
    assert a.coverage == {"checked": 3, "claims": {"all": 5}}
    assert a.document == {"pages": 2, "chars": 100}
    # a failed row keeps its error and none of its facts
    assert (b.status, b.error_type, b.error_message) == ("failed", "CorruptFileError", "bad bytes")
    assert b.coverage == {} and b.document == {}
    assert (c.status, c.duplicate_of) == ("duplicate", "a.txt")
    assert (d.status, d.error_type, d.coverage) == ("ok", None, {"claims": {"all": 2}})
    assert (e.status, e.error_type, e.error_message) == ("failed", "Timeout", "slow")
    assert (last.status, last.coverage) == ("ok", {})


# -------------------------------------------------------------- coverage
def test_coverage_rows_per_rule_and_in_total() -> None:
    docs = [{"file": "a.txt", "checked": 100}, {"file": "b.txt"}, {"file": "x.pdf", "error": "CorruptFileError"}]
    cov = [
        {"file": "a.txt", "code": "GR201", "checked": 2, "failed": 1, "untestable": 0},
        {"file": "a.txt", "code": "GR201", "checked": 1, "failed": 0, "untestable": 4},
        {"file": "a.txt", "code": "GR301", "checked": 5, "failed": None, "untestable": 1},
        {"file": "b.txt", "code": None, "checked": 7, "failed": 0, "untestable": 0},
        {"file": "x.pdf", "code": "GR201", "checked": 1, "failed": 1, "untestable": 1},  # a failed file joins nothing
        {"file": "nowhere.txt", "code": "GR201", "checked": 1, "failed": 1, "untestable": 1},
    ]
    a, b, x = records_from_frames(docs, [], cov)
    # the documents row's count stands; the others are the rows' sums
    assert a.coverage == {
        "checked": 100,
        "rules": {"GR201": {"checked": 3, "failed": 1, "untestable": 4}, "GR301": {"checked": 5, "failed": 0, "untestable": 1}},
        "failed": 1,
        "untestable": 5,
    }
    # a row without a code counts in the totals only
    assert b.coverage == {"checked": 7, "failed": 0, "untestable": 0}
    assert x.coverage == {}


def test_coverage_rows_without_a_code_column_give_totals_only() -> None:
    cov = [{"file": "a.txt", "checked": 2, "failed": 1, "untestable": 3}, {"file": "a.txt", "checked": 1}]
    (a,) = records_from_frames([{"file": "a.txt"}], [], cov)
    assert a.coverage == {"checked": 3, "failed": 1, "untestable": 3}


def test_rows_join_by_sha256_before_the_file() -> None:
    docs = [{"file": "a.txt", "sha256": "s1"}, {"file": "b.txt", "sha256": "s2"}]
    cov = [{"file": None, "sha256": "s1", "code": "GR201", "checked": 4, "failed": 0, "untestable": 0}]
    finds = [
        {"file": "b.txt", "sha256": "s1", "code": "GR201", "severity": "error", "message": "m"},  # s1 wins over the file
        {"file": "b.txt", "sha256": "unknown", "code": "GR301", "severity": "info", "message": "m"},  # unknown hash: by file
    ]
    a, b = records_from_frames(docs, finds, cov)
    assert a.coverage["checked"] == 4 and a.coverage["rules"] == {"GR201": {"checked": 4, "failed": 0, "untestable": 0}}
    assert [f.code for f in a.findings] == ["GR201"] and [f.code for f in b.findings] == ["GR301"]


# -------------------------------------------------------------- findings
def test_findings_rows_become_findings_of_their_record() -> None:
    finds: list[dict[str, Any]] = [
        {"file": "a.txt", "code": "GR201", "name": None, "severity": "error", "message": "m1", "message_en": "e1",
         "evidence": '[{"start": 3, "end": 5, "page": 1, "text": "9,836条"}]', "reported": 9836, "expected": None,
         "section": "二", "line": 7},
        {"file": "a.txt", "code": "GR301", "name": "mine", "evidence": "not JSON"},
        {"file": "a.txt", "code": None},  # no code: no finding
    ]
    (a,) = records_from_frames([{"file": "a.txt"}], finds)
    f1, f2 = a.findings
    assert (f1.code, f1.severity, f1.message, f1.message_en, f1.reported, f1.expected, f1.section, f1.file) == (
        "GR201", "error", "m1", "e1", "9836", None, "二", "a.txt")
    assert f1.name  # the rule's own name when the row has none
    assert [(e.start, e.end, e.page, e.text) for e in f1.evidence] == [(3, 5, 1, "9,836条")]
    assert (f2.name, f2.severity, f2.message) == ("mine", "info", "")
    assert [(e.start, e.end, e.page, e.text) for e in f2.evidence] == [(0, 0, None, "not JSON")]
    assert [s.line for s in a.shown] == [7, 0]


def test_findings_rows_that_join_no_document() -> None:
    finds = [
        {"file": "gone.pdf", "code": "GR000", "message": "damaged"},  # audit_frame's unreadable file
        {"file": "new.txt", "code": "GR201", "severity": "error", "message": "m"},
        {"file": "new.txt", "code": "GR301", "severity": "warning", "message": "m"},  # joins the record just made
        {"file": "dup.txt", "code": None, "duplicate_of": "new.txt"},  # a record, no finding
        {"code": "GR202", "message": "no file"},
        {"file": "a.txt", "code": "GR000", "message": "joins, so it is a finding"},
    ]
    recs = records_from_frames([{"file": "a.txt"}], finds)
    assert [(r.file, r.status) for r in recs] == [
        ("a.txt", "ok"), ("gone.pdf", "failed"), ("new.txt", "ok"), ("dup.txt", "ok"), ("<unknown>", "ok")]
    by = _by_file(recs)
    assert (by["gone.pdf"].error_type, by["gone.pdf"].error_message, by["gone.pdf"].findings) == ("GR000", "damaged", [])
    assert [f.code for f in by["new.txt"].findings] == ["GR201", "GR301"]
    assert by["dup.txt"].findings == []
    assert [f.code for f in by["<unknown>"].findings] == ["GR202"]
    assert [f.code for f in by["a.txt"].findings] == ["GR000"]


# ---------------------------------------------------- facts and outline
def _section(page: str) -> str:
    i = page.index("<details>")
    return page[i : page.index("</details>", i) + len("</details>")]


def test_a_reports_facts_and_outline() -> None:
    doc = {
        "title": "T<1>", "issuer_kind": "department", "not_report_reason": "a notice", "pages": 3, "chars": 12345,
        "expected_template": "2019", "signals": ["s1", "s2"], "period": ["2023-01-01", None], "signed": ["Office", None, "2024-03-01"],
        "published": "2024-03-02", "declared": {"count": 6, "names": []},
        "outline": [[0, "一、总体情况", "overview", None], [1, None, "unknown", 2]],
    }
    r = AuditRecord(file="x.txt", format="txt", agency="A<", year=2023, template="2021", document=doc)
    assert _section(render_html([r], lang="en")) == (
        '<details><summary>Outline and metadata</summary><dl class="gir-md">'
        "<dt>format</dt><dd>txt (12,345 chars, 3 pages)</dd>"
        '<dt>not a report</dt><dd><span class="gir-flag">a notice</span></dd>'
        "<dt>title</dt><dd>T&lt;1&gt;</dd>"
        '<dt>agency</dt><dd>A&lt; <span class="gir-muted">(department)</span></dd>'
        "<dt>year</dt><dd>2023</dd>"
        '<dt>template</dt><dd>2021 <span class="gir-flag">expected 2019</span> <span class="gir-muted">[s1, s2]</span></dd>'
        "<dt>period</dt><dd>2023-01-01 – ?</dd>"
        "<dt>signed</dt><dd>Office 2024-03-01</dd>"
        "<dt>published</dt><dd>2024-03-02</dd>"
        "<dt>declared parts</dt><dd>6: (names not listed)</dd></dl>"
        '<ul class="gir-outline" style="list-style:none;padding-left:4px">'
        '<li style="margin-left:0px">一、总体情况 <span class="gir-kind">overview</span></li>'
        '<li style="margin-left:18px">(no heading) <span class="gir-kind unknown">unknown</span> <span class="gir-muted">p.2</span></li>'
        "</ul></details>"
    )


def test_a_report_with_few_facts() -> None:
    r = AuditRecord(file="x.txt", format="docx", document={"title": None, "declared": {"count": 2, "names": ["甲", "乙"]}})
    assert _section(render_html([r])) == (
        '<details><summary>结构与元数据</summary><dl class="gir-md">'
        "<dt>格式</dt><dd>docx (0 chars)</dd>"
        "<dt>标题</dt><dd>-</dd>"
        '<dt>机关</dt><dd>- <span class="gir-muted">()</span></dd>'
        "<dt>年度</dt><dd>-</dd>"
        "<dt>模板</dt><dd></dd>"
        "<dt>声明的部分</dt><dd>2: 甲、乙</dd></dl></details>"
    )
    # no facts kept: no section of them
    assert "<details>" not in render_html([AuditRecord(file="y.txt", format="txt")])


# ------------------------------------------------------- missing values
def test_missing_values_in_lists_of_dicts_read_as_none() -> None:
    # frame.to_dict("records") leaves NaN where a column has no value (an
    # unreadable file has no agency): read as missing, as from a frame
    nan = float("nan")
    docs = [
        {"file": "a.txt", "agency": "青禾县人民政府", "year": 2023, "template": "2021"},
        {"file": "b.pdf", "agency": nan, "year": nan, "template": nan, "error": "CorruptFileError", "message": "bad bytes"},
        {"file": "c.txt", "agency": nan, "year": 2023, "template": "2021", "error": nan},  # audited, no agency found
    ]
    a, b, c = records_from_frames(docs, [])
    assert (b.agency, b.year, b.template, b.status) == (None, None, None, "failed")
    assert (c.agency, c.status) == (None, "ok")
    html = render_html_frames(docs, [])
    assert "青禾县人民政府" in html and ">nan<" not in html.lower()
