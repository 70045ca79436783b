"""The Python API: gireport.audit on every kind of source, the Audit object
(findings, coverage, to_dict, to_frame), gireport.audit_frame over the
corpus, loader equivalence end to end, and the corpus's planted errors."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

import gireport
from gireport.audit import FINDING_COLUMNS, Audit, severity_rank
from conftest import CORPUS, SEED

FORMATS = (".txt", ".html", ".docx", ".pdf", ".md")
CORPUS_TXT = sorted(p for p in CORPUS.glob("*.txt") if p.stem.lower() != "readme")

REPORT = """\
青禾县人民政府2016年政府信息公开工作年度报告
本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、存在的主要问题及改进措施等七个部分组成,所列数据截止日期为
一、概述
2016年,县政府制定了《青禾县政府信息公开保密审查办法》、《青禾县政府信息依申请公开工作规程》、《青禾县政府信息发布协调制度》四项制度。
二、主动公开政府信息情况
全年主动公开政府信息1600条,其中规范性文件400条,占比例25%,工作动态800条,占比例52%,其他类信息400条,占比例25%。全年公开信息1600条,比去年增加150条,同比增长15%。
三、依申请公开政府信息情况
全年共受理政府信息公开申请58件,其中当面申请20件,网络申请30件,信函申请10件。
四、政府信息公开的收费及减免情况
全年未收取任何政府信息公开费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年未发生因政府信息公开申请行政复议和行政诉讼的情况。
六、存在的主要问题及改进措施
一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。
青禾县人民政府办公室
2017年3月20日
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("api") / "qinghe-2016.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def evidence_points_at_text(text: str, e) -> bool:
    """Text evidence is the exact snippet; a table cell's evidence holds
    "row label | column label | value" (design.md), the value being the
    cell's text, or (空) for a blank cell."""
    span = text[e.start : e.end]
    if e.text == span:
        return True
    if " | " in e.text:
        value = e.text.rsplit(" | ", 1)[1]
        return value == span or (value == "(空)" and not span.strip())
    return False


def _key(a: Audit):
    return [(f.code, f.reported, f.expected, f.fingerprint) for f in a.findings]


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------
def test_audit_path_bytes_and_str_agree(report_file):
    by_str_path = gireport.audit(str(report_file))
    by_path = gireport.audit(report_file)
    by_bytes = gireport.audit(report_file.read_bytes())
    by_named_bytes = gireport.audit(report_file.read_bytes(), name="named.txt")
    by_text = gireport.audit(text=REPORT)
    by_report = gireport.audit(gireport.parse(report_file))
    ref = _key(by_path)
    assert ref
    for a in (by_str_path, by_bytes, by_named_bytes, by_text, by_report):
        assert isinstance(a, Audit)
        assert _key(a) == ref
    assert by_path.path == str(report_file) and {f.file for f in by_path.findings} == {str(report_file)}
    assert by_bytes.path is None and {f.file for f in by_bytes.findings} == {None}
    assert by_named_bytes.path == "named.txt" and {f.file for f in by_named_bytes.findings} == {"named.txt"}
    assert by_text.path is None
    assert "<memory>" in repr(by_text) and "qinghe-2016.txt" in repr(by_path)


def test_audit_of_a_report_reuses_it(report_file):
    r = gireport.parse(report_file)
    assert gireport.audit(r).report is r


def test_audit_docx_bytes():
    p = CORPUS / "qinghe-county-2012.docx"
    if not p.is_file():
        pytest.skip("corpus docx missing")
    a = gireport.audit(p.read_bytes(), name="q.docx")
    assert a.report.document.source.format == "docx"
    assert {(f.code, f.reported) for f in a.findings} == {(f.code, f.reported) for f in gireport.audit(CORPUS / "qinghe-county-2012.txt").findings}


@pytest.mark.parametrize(
    "source, error",
    [
        ("/nonexistent/dir/report.txt", gireport.FileNotFound),
        (b"", gireport.EmptyFileError),
        (b"%PDF-1.4\n1 0 obj garbage", gireport.GireportError),
    ],
)
def test_audit_bad_sources_raise_gireport_errors(source, error):
    with pytest.raises(error):
        gireport.audit(source)


def test_audit_bad_arguments(report_file):
    with pytest.raises(ValueError):
        gireport.audit(report_file, rounding="nearest")
    with pytest.raises(KeyError):
        gireport.audit(report_file, select=["XX1"])


# --------------------------------------------------------------------------
# The Audit object
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def audit(report_file):
    return gireport.audit(report_file)


def test_findings_of_the_synthetic_report(audit):
    assert {f.code for f in audit.findings} == {"GR101", "GR105", "GR201", "GR202", "GR301", "GR401", "GR501"}


def test_findings_sorted_by_position(audit):
    keys = [(f.start, f.code) for f in audit.findings]
    assert keys == sorted(keys)
    assert all(f.start == f.evidence[0].start for f in audit.findings)


def test_findings_sorted_by_position_in_corpus():
    for p in CORPUS_TXT:
        a = gireport.audit(p)
        starts = [f.start for f in a.findings]
        assert starts == sorted(starts), p.name


def test_counts_and_at_least(audit):
    c = audit.counts()
    assert set(c) == {"error", "warning", "info"}
    assert sum(c.values()) == len(audit.findings)
    assert len(audit.at_least("info")) == len(audit.findings)
    assert len(audit.at_least("warning")) == c["warning"] + c["error"]
    assert [f.severity for f in audit.at_least("error")] == ["error"] * c["error"]
    assert all(severity_rank(f.severity) >= severity_rank("warning") for f in audit.at_least("warning"))


def test_coverage_keys(audit):
    cov = audit.coverage
    assert {"numbers", "quantities", "claims", "checked", "untestable", "testable_rate", "rules"} <= set(cov)
    assert set(cov["claims"]) >= {"share", "breakdown", "enumeration", "change", "zero"}
    assert cov["claims"]["share"] >= 3 and cov["claims"]["breakdown"] >= 2
    assert cov["claims"]["enumeration"] >= 1 and cov["claims"]["change"] >= 1
    assert cov["quantities"] <= cov["numbers"]
    assert cov["checked"] == sum(r["checked"] for r in cov["rules"].values())
    assert cov["untestable"] == sum(r["untestable"] for r in cov["rules"].values())
    t = cov["checked"] + cov["untestable"]
    assert cov["testable_rate"] == round(cov["checked"] / t, 4)
    for code, r in cov["rules"].items():
        assert r["code"] == code
        assert {"checked", "failed", "untestable", "untestable_reasons"} <= set(r)
        assert sum(r["untestable_reasons"].values()) == r["untestable"]
    failed_codes = {f.code for f in audit.findings}
    assert failed_codes <= {c for c, r in cov["rules"].items() if r["failed"]}


def test_coverage_of_a_document_without_claims():
    a = gireport.audit(text="关于做好政务公开工作的通知\n各乡镇人民政府:\n请认真贯彻落实。\n")
    cov = a.coverage
    assert cov["claims"]["share"] == 0
    assert cov["untestable"] == 0
    assert cov["testable_rate"] in (None, 1.0)


def test_to_dict(audit, report_file):
    d = audit.to_dict()
    assert {"file", "findings", "coverage", "counts", "sha256", "format", "agency", "year", "template", "is_report", "rounding"} <= set(d)
    assert d["file"] == str(report_file)
    assert d["year"] == 2016 and d["agency"] == "青禾县人民政府" and d["format"] == "txt"
    assert d["rounding"] == "convention"
    assert [f["fingerprint"] for f in d["findings"]] == [f.fingerprint for f in audit.findings]
    assert all(list(f) == list(FINDING_COLUMNS) for f in d["findings"])
    assert d["verdicts"] == [v.to_dict() for v in audit.verdicts] and len(d["verdicts"]) >= len(d["findings"])
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


def test_to_frame(audit):
    pd = pytest.importorskip("pandas")
    df = audit.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(FINDING_COLUMNS)
    assert len(df) == len(audit.findings)
    assert list(df["code"]) == [f.code for f in audit.findings]
    assert list(df["fingerprint"]) == [f.fingerprint for f in audit.findings]


def test_to_frame_empty():
    pytest.importorskip("pandas")
    df = gireport.audit(text="关于做好政务公开工作的通知\n请认真贯彻落实。\n", select=["GR2"]).to_frame()
    assert list(df.columns) == list(FINDING_COLUMNS) and len(df) == 0


# --------------------------------------------------------------------------
# audit_frame
# --------------------------------------------------------------------------
def test_audit_frame_over_corpus(tmp_path):
    pytest.importorskip("pandas")
    assert CORPUS_TXT, "corpus/*.txt missing"
    unreadable = tmp_path / "empty.txt"
    unreadable.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    paths = [*CORPUS_TXT, unreadable, missing]
    df = gireport.audit_frame(paths)
    assert list(df.columns) == [*FINDING_COLUMNS, "status", "duplicate_of"]
    expected = []
    for p in CORPUS_TXT:
        expected += [(str(p), f.code, f.fingerprint) for f in gireport.audit(p).findings]
    got = df[df["code"] != "GR000"][["file", "code", "fingerprint"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == expected
    bad = df[df["code"] == "GR000"]
    assert sorted(bad["file"]) == sorted([str(unreadable), str(missing)])
    assert set(bad["severity"]) == {"error"}
    assert all(isinstance(m, str) and m for m in bad["message"])
    assert any("empty" in m for m in bad["message"])


def test_audit_frame_walks_a_folder(tmp_path):
    pytest.importorskip("pandas")
    import shutil

    d = tmp_path / "archive" / "2021"
    d.mkdir(parents=True)
    for p in CORPUS_TXT[:2]:
        shutil.copy(p, d / p.name)
    shutil.copy(CORPUS_TXT[0], d / "copy.txt")
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    df = gireport.audit_frame(tmp_path / "archive")
    walked = {str(d / p.name) for p in CORPUS_TXT[:2]} | {str(d / "copy.txt"), str(d / "old.doc")}
    assert {str(d / "copy.txt"), str(d / "old.doc")} <= set(df["file"]) <= walked  # a clean report has no row
    assert df[df["file"] == str(d / "old.doc")]["status"].tolist() == ["unsupported"]
    assert df[df["file"] == str(d / "copy.txt")]["duplicate_of"].tolist() == [str(d / CORPUS_TXT[0].name)]


def test_audit_frame_passes_options():
    pytest.importorskip("pandas")
    df = gireport.audit_frame(CORPUS_TXT, select=["GR2"])
    assert set(df["code"]) <= {"GR201", "GR202"}
    assert len(df) == sum(len(gireport.audit(p, select=["GR2"]).findings) for p in CORPUS_TXT)


# --------------------------------------------------------------------------
# Loader equivalence end to end
# --------------------------------------------------------------------------
def _corpus_variants() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = defaultdict(list)
    for p in sorted(CORPUS.iterdir()):
        if p.suffix in FORMATS and p.stem.lower() != "readme":
            groups[p.stem].append(p)
    return {k: v for k, v in groups.items() if len(v) >= 2}


VARIANTS = _corpus_variants()


def test_corpus_has_multi_format_reports():
    assert len(VARIANTS) >= 8
    assert {p.suffix for ps in VARIANTS.values() for p in ps} == set(FORMATS)


@pytest.mark.parametrize("stem", sorted(VARIANTS))
def test_every_format_yields_the_same_findings(stem):
    got = {}
    for p in VARIANTS[stem]:
        a = gireport.audit(p)
        got[p.suffix] = sorted((f.code, f.reported) for f in a.findings)
        for f in a.findings:
            for e in f.evidence:
                assert evidence_points_at_text(a.report.text, e), (f, e)
            if p.suffix == ".pdf":
                assert all(isinstance(e.page, int) and e.page >= 1 for e in f.evidence)
    ref = got[".txt"] if ".txt" in got else next(iter(got.values()))
    for suffix, findings in got.items():
        assert findings == ref, f"{stem}{suffix} differs from the txt: {findings} vs {ref}"


# --------------------------------------------------------------------------
# The corpus's planted errors and tricky consistent claims
# (corpus/expected/<name>.json, written from each document's design)
# --------------------------------------------------------------------------
EXPECTED_DIR = CORPUS / "expected"


def _expectation_cases():
    cases = []
    for exp_file in sorted(EXPECTED_DIR.glob("*.json")):
        name = json.loads(exp_file.read_text(encoding="utf-8"))["report"]
        for p in sorted(CORPUS.glob(f"{name}.*")):
            if p.suffix in FORMATS:
                cases.append(p.name)
    return cases


_EXPECTATION_XFAIL: dict[str, str] = {}


def _matches(f, exp) -> bool:
    """bench/eval_findings.py's rule: same code, and the expectation's evidence
    string occurs in an evidence snippet, the message or the reported value."""
    if f.code != exp["code"]:
        return False
    ev = exp.get("evidence")
    return not ev or any(ev in h for h in [e.text for e in f.evidence] + [f.message, f.message_en, f.reported or ""])


@pytest.mark.parametrize(
    "filename",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_EXPECTATION_XFAIL[n])) if n in _EXPECTATION_XFAIL else n for n in _expectation_cases()],
)
def test_corpus_expected_findings(filename):
    path = CORPUS / filename
    exp = json.loads((EXPECTED_DIR / f"{path.stem}.json").read_text(encoding="utf-8"))
    a = gireport.audit(path)
    used: set[int] = set()
    misses = []
    for e in exp.get("findings", []):
        hit = next((i for i, f in enumerate(a.findings) if i not in used and _matches(f, e)), None)
        if hit is None:
            misses.append(e)
            continue
        used.add(hit)
        f = a.findings[hit]
        assert f.severity == e.get("severity", f.severity), (f, e)
        for ev in f.evidence:
            assert evidence_points_at_text(a.report.text, ev), (f, ev)
    extras = [f for i, f in enumerate(a.findings) if i not in used]
    assert not misses, f"{filename}: expected findings not found: {misses}"
    assert not extras, f"{filename}: unexpected findings: {[(f.code, f.severity, f.reported, f.message) for f in extras]}"
    # the tricky consistent claims are cited by no unexpected finding (checked
    # above), and each of them is really in the text
    for c in exp.get("consistent", []):
        if c.get("evidence"):
            assert c["evidence"] in a.report.text, f"{filename}: consistent claim {c['evidence']!r} not in the text"


def test_every_corpus_report_has_expectations():
    if not EXPECTED_DIR.is_dir():
        pytest.skip("corpus/expected missing")
    names = {json.loads(p.read_text(encoding="utf-8"))["report"] for p in EXPECTED_DIR.glob("*.json")}
    assert {p.stem for p in CORPUS_TXT} <= names


def test_html_keeps_the_title_of_a_non_report():
    p = CORPUS / "example-city-notice-2022.html"
    if not p.is_file():
        pytest.skip("notice missing")
    title = "示例市人民政府办公室关于印发示例市2022年政务公开工作要点的通知"
    assert title in gireport.parse(CORPUS / "example-city-notice-2022.txt").text
    assert title in gireport.parse(p).text


def test_messages_carry_no_internal_keys():
    bad = []
    for p in CORPUS_TXT:
        for f in gireport.audit(p).findings:
            for s in (f.message, f.expected or ""):
                if re.search(r"\.\*|\b[a-z]+_[a-z_]+\b|\b(?:granted|denied)\b", s):
                    bad.append((p.name, f.code, s))
    assert not bad, bad


def test_not_a_report_is_flagged_in_corpus():
    p = CORPUS / "example-city-notice-2022.txt"
    if not p.is_file():
        pytest.skip("notice missing")
    a = gireport.audit(p)
    assert not a.report.is_report
    assert [f.code for f in a.findings] == ["GR107"]


def test_seed_audit_via_every_source_kind():
    if not SEED.is_file():
        pytest.skip("../shared/seed not present")
    ref = _key(gireport.audit(SEED))
    assert _key(gireport.audit(SEED.read_bytes())) == ref
    assert _key(gireport.audit(text=SEED.read_text(encoding="utf-8"))) == ref
