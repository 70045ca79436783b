"""Verdicts: every claim a rule looks at gets one (pass / fail / untestable,
with the reading that decided it and what was checked), and coverage is
counted from them.  The RuleContext API (ok / untestable / fail with spans,
reading, subject), Audit.verdicts, the join of a fail verdict with its
finding, and the rounding policy names an audit accepts."""

from __future__ import annotations

import json
import re

import pytest

import gireport
from gireport.audit import (
    FINDING_COLUMNS,
    CONVENTION,
    REGISTRY,
    ROUNDING_CONVENTIONS,
    ROUNDING_MODES,
    VERDICT_STATUSES,
    AuditConfig,
    Evidence,
    Verdict,
    coverage_from_verdicts,
    rule,
)

# An invented report: three counted statements, one of which does not add up.
TEXT = """\
松岭乡人民政府2020年政府信息公开工作年度报告
一、总体情况
全年受理申请12件,其中当面申请5件,网络申请7件。
全年发布信息30条,其中政策文件9条,工作动态20条。
办理答复约40件。
二、存在的主要问题及改进措施
一是公开深度不够;二是培训不足。
"""

SENTENCE = re.compile(r"[^。\n]*其中[^。\n]*。")
NUM = re.compile(r"(约)?(\d+)[件条]")


@pytest.fixture()
def sum_rule():
    """A user rule that checks "N…,其中a…,b…" sentences, and calls every
    hedged count untestable; it records its verdicts with spans, readings
    and subjects, plus anonymous ones (``n`` > 1 without spans)."""
    seen: dict = {}

    @rule(
        "GR951",
        name="test-verdict-sum",
        family="custom",
        severity="error",
        message="{subject}分项之和为{reported},不等于{expected}",
        message_en="the parts of {subject} add up to {reported}, not {expected}",
    )
    def check(report, ctx):
        """Parts of a 其中 sentence add up to its total (test rule).

        What it does:
            Adds the parts.
        """
        text = report.text
        for m in SENTENCE.finditer(text):
            nums = [(int(n.group(2)), n.start() + m.start(), n.end() + m.start()) for n in NUM.finditer(m.group(0))]
            total, parts = nums[0], nums[1:]
            s = sum(p[0] for p in parts)
            reading = f"total={total[0]} (first number of the sentence)"
            if s == total[0]:
                ctx.ok(spans=[(total[1], total[2])], reading=reading, subject="breakdown")
            else:
                seen["finding"] = ctx.fail(
                    [(total[1], total[2])] + [(p[1], p[2]) for p in parts],
                    reported=str(s),
                    expected=str(total[0]),
                    reading=[reading, "total=sum of every number after 其中"],
                    subject="breakdown",
                )
        for m in NUM.finditer(text):
            if m.group(1):
                ctx.untestable("approximate number", spans=(m.start(), m.end()), subject="hedged count")
        ctx.ok(2)  # two anonymous checks
        ctx.ok(0)  # nothing

    try:
        yield seen
    finally:
        REGISTRY.pop("GR951", None)


def _audit():
    return gireport.audit(text=TEXT, select=["GR951"])


def test_every_outcome_is_a_verdict(sum_rule):
    a = _audit()
    by = [(v.status, v.subject) for v in a.verdicts]
    assert by == [
        ("pass", "breakdown"),
        ("fail", "breakdown"),
        ("untestable", "hedged count"),
        ("pass", None),
        ("pass", None),
    ]
    assert all(isinstance(v, Verdict) and v.code == "GR951" and v.name == "test-verdict-sum" for v in a.verdicts)
    assert a.verdict_counts() == {"pass": 3, "fail": 1, "untestable": 1}


def test_verdict_evidence_reading_and_section(sum_rule):
    a = _audit()
    ok, fail, unt, anon, _ = a.verdicts
    assert [e.text for e in ok.evidence] == ["12件"]
    e = ok.evidence[0]
    assert a.report.text[e.start : e.end] == "12件" and isinstance(e, Evidence)
    assert ok.reading == "total=12 (first number of the sentence)"
    assert ok.section == a.report.outline.kind_at(e.start) and ok.section is not None
    assert ok.reason is None and ok.fingerprint is None and ok.severity is None
    assert unt.reason == "approximate number" and [x.text for x in unt.evidence] == ["约40件"]
    assert anon.evidence == () and anon.reading is None and anon.section is None and anon.start is None


def test_fail_verdict_joins_its_finding(sum_rule):
    a = _audit()
    (f,) = a.findings
    fail = next(v for v in a.verdicts if v.status == "fail")
    assert fail.fingerprint == f.fingerprint
    assert fail.severity == f.severity == "error"
    assert fail.evidence == tuple(f.evidence) and fail.section == f.section
    # every reading tried is kept on the verdict and in the finding's args …
    assert fail.reading == "total=30 (first number of the sentence); total=sum of every number after 其中"
    assert f.args["reading"] == fail.reading
    # … and subject fills the message template
    assert f.message_en == "the parts of breakdown add up to 29, not 30"
    # the Finding record keeps its contract
    assert list(f.to_dict()) == list(FINDING_COLUMNS)


def test_coverage_is_counted_from_verdicts(sum_rule):
    a = _audit()
    cov = a.coverage
    assert (cov["checked"], cov["failed"], cov["passed"], cov["untestable"]) == (4, 1, 3, 1)
    assert cov["rules"]["GR951"]["untestable_reasons"] == {"approximate number": 1}
    derived = coverage_from_verdicts(a.verdicts)
    assert [r.to_dict() for r in derived] == [r.to_dict() for r in a.rule_coverage]


def _corpus_and_seed():
    from conftest import CORPUS, SEED

    paths = sorted(p for p in CORPUS.glob("*.txt") if p.stem.lower() != "readme")
    return paths + ([SEED] if SEED.is_file() else [])


@pytest.mark.parametrize("path", _corpus_and_seed(), ids=lambda p: p.name)
def test_coverage_matches_verdicts_for_every_builtin_rule(path):
    a = gireport.audit(path)
    counts: dict = {}
    for v in a.verdicts:
        counts.setdefault(v.code, {"pass": 0, "fail": 0, "untestable": 0})[v.status] += 1
    for rc in a.rule_coverage:
        c = counts.get(rc.code, {"pass": 0, "fail": 0, "untestable": 0})
        assert (rc.checked, rc.failed, rc.untestable) == (c["pass"] + c["fail"], c["fail"], c["untestable"]), rc.code
    fps = {v.fingerprint for v in a.verdicts if v.status == "fail"}
    assert fps <= {f.fingerprint for f in a.findings}
    assert len([v for v in a.verdicts if v.status == "fail"]) == a.coverage["failed"]
    text = a.report.text
    for v in a.verdicts:
        for e in v.evidence:  # located verdicts point into the text (table evidence: "row | col | value")
            assert 0 <= e.start <= e.end <= len(text), v
            assert e.text == text[e.start : e.end] or " | " in e.text, v


def test_to_dict_carries_verdicts(sum_rule):
    a = _audit()
    d = a.to_dict()
    assert [v["status"] for v in d["verdicts"]] == [v.status for v in a.verdicts]
    v = d["verdicts"][1]
    assert v["fingerprint"] == d["findings"][0]["fingerprint"]
    assert v["evidence"][0] == {"start": a.findings[0].start, "end": a.findings[0].evidence[0].end, "page": None, "text": "30条"}
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


def test_counted_false_records_no_verdict():
    seen = {}

    @rule("GR952", name="test-verdict-uncounted", family="custom", severity="info", message="重复{reported}", message_en="again {reported}")
    def check(report, ctx):
        """Reports one claim twice (test rule)."""
        ctx.fail([(0, 3)], reported="a")
        seen["f"] = ctx.fail([(0, 3)], reported="b", counted=False)

    try:
        a = gireport.audit(text=TEXT, select=["GR952"])
    finally:
        REGISTRY.pop("GR952", None)
    assert len(a.findings) == 2
    assert [v.status for v in a.verdicts] == ["fail"]
    assert a.coverage["rules"]["GR952"] == {"code": "GR952", "checked": 1, "failed": 1, "untestable": 0, "untestable_reasons": {}}


def test_positional_calls_of_old_rules_still_work():
    @rule("GR953", name="test-verdict-legacy", family="custom", severity="info", message="x", message_en="x")
    def check(report, ctx):
        """Old-style calls (test rule)."""
        ctx.ok(3)
        ctx.untestable("no whole", 2)
        ctx.untestable("no part")

    try:
        a = gireport.audit(text=TEXT, select=["GR953"])
    finally:
        REGISTRY.pop("GR953", None)
    assert [v.status for v in a.verdicts] == ["pass"] * 3 + ["untestable"] * 3
    assert a.coverage["rules"]["GR953"]["untestable_reasons"] == {"no whole": 2, "no part": 1}


@pytest.mark.parametrize("n", [-1, 1.5, True])
def test_bad_n_is_refused(n):
    @rule("GR954", name="test-verdict-bad-n", family="custom", severity="info", message="x", message_en="x")
    def check(report, ctx):
        """Passes a bad n (test rule)."""
        ctx.ok(n)

    try:
        with pytest.raises(ValueError, match="GR954"):
            gireport.audit(text=TEXT, select=["GR954"])
    finally:
        REGISTRY.pop("GR954", None)


def test_verdict_status_is_checked():
    assert VERDICT_STATUSES == ("pass", "fail", "untestable")
    with pytest.raises(ValueError):
        Verdict("GR1", "x", "ok")


def test_rounding_policies():
    assert CONVENTION == "convention" and CONVENTION in ROUNDING_MODES and "half_up" in ROUNDING_MODES
    assert ROUNDING_CONVENTIONS["convention"] == ("half_up", "truncate")
    assert ROUNDING_CONVENTIONS["half_up"] == ("half_up",)
    assert AuditConfig(rounding="convention").rounding == "convention"
    with pytest.raises(ValueError, match="rounding"):
        AuditConfig(rounding="nearest")


def test_notebook_and_html_report_show_verdicts(sum_rule):
    from gireport.output import render_html

    a = _audit()
    for h in (a._repr_html_(), render_html([a], lang="en")):
        assert "<b>3</b> passed" in h and "<b>1</b> failed" in h
        assert "untestable claims (1)" in h
        assert "approximate number" in h and "约40件" in h and "hedged count" in h


def test_verdicts_frame(sum_rule):
    pd = pytest.importorskip("pandas")
    from gireport import frames

    a = _audit()
    df = a.verdicts_frame()
    assert list(df.columns) == list(frames.VERDICT_COLUMNS)
    assert list(df["status"]) == [v.status for v in a.verdicts]
    assert df["start"].dtype == "Int64" and pd.isna(df["start"].iloc[3])
    fail = df[df.status == "fail"].merge(a.to_frame(), on="fingerprint", suffixes=("", "_finding"))
    assert len(fail) == 1 and fail["code_finding"].iloc[0] == "GR951"
    assert len(frames.verdicts_frame([a, a])) == 2 * len(a.verdicts)
    assert frames.verdict_rows(a)[0]["reading"] == "total=12 (first number of the sentence)"


def test_a_store_written_before_verdicts_gains_the_column(tmp_path):
    import sqlite3

    from gireport.batch.store import Store

    db = tmp_path / "old.db"
    Store(db).db.close()
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE documents DROP COLUMN verdicts")  # as an older version wrote it
    con.commit()
    con.close()
    s = Store(db)
    assert "verdicts" in {r[1] for r in s.db.execute("PRAGMA table_info(documents)")}
    s.db.close()


def test_batch_results_carry_verdicts(tmp_path):
    p = tmp_path / "songling-2020.txt"
    p.write_text(TEXT, encoding="utf-8")
    a = gireport.audit(p)
    with gireport.audit_many([p], workers=1) as run:
        (r,) = list(run)
    assert [v.to_dict() for v in r.verdicts] == [v.to_dict() for v in a.verdicts]
    assert r.to_dict()["verdicts"] == [v.to_dict() for v in a.verdicts]


def test_spans_take_pairs_evidence_and_a_single_pair():
    @rule("GR955", name="test-verdict-spans", family="custom", severity="info", message="x", message_en="x")
    def check(report, ctx):
        """Passes spans in every accepted form (test rule)."""
        i = report.text.index("12件")
        ctx.ok(spans=(i, i + 3))
        ctx.ok(spans=[(i, i + 3), (i + 4, i + 5)], reading=["a", "b"])
        ctx.untestable("x", 2, spans=[Evidence(0, 2, None, "松岭")])

    try:
        a = gireport.audit(text=TEXT, select=["GR955"])
    finally:
        REGISTRY.pop("GR955", None)
    one, two, u1, u2 = a.verdicts
    assert [e.text for e in one.evidence] == ["12件"] and one.file is None
    assert len(two.evidence) == 2 and two.reading == "a; b"
    assert u1 == u2 and u1.evidence == (Evidence(0, 2, None, "松岭"),)
