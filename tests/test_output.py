"""Output formats and the command line (design.md contracts): linter text,
JSON, JSONL, CSV, SARIF 2.1.0, exit codes, ``-o``, ``rules``/``rule``,
unreadable files, and fingerprint stability."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

import gireport
from gireport import cli
from gireport.audit import FINDING_COLUMNS, get_rule, select_rules
from gireport.audit.registry import ruleset_version
from gireport.output import FORMATS, PROVENANCE_COLUMNS, render, render_sarif, summary_line
from conftest import CORPUS, SEED, SHARED

#: The Finding record's fields (design.md, "Finding record (contract)").
FINDING_FIELDS = ["file", "code", "name", "severity", "message", "message_en", "evidence", "reported", "expected", "section", "fingerprint"]
EVIDENCE_FIELDS = {"start", "end", "page", "text"}

# A report with an error (GR201, GR301), warnings (GR101, GR105, GR202) and a
# second, clean report.
BAD = """\
青禾县人民政府2016年政府信息公开工作年度报告
本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、存在的主要问题及改进措施等七个部分组成,所列数据截止日期为
一、概述
2016年,我县认真贯彻落实《条例》,不断完善政府信息公开制度,规范公开程序。
二、主动公开政府信息情况
全年主动公开政府信息1600条,其中规范性文件400条,占比例25%,工作动态800条,占比例52%,其他类信息400条,占比例25%。
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
BAD_CODES = {"GR101", "GR105", "GR201", "GR202", "GR301"}

GOOD = """\
青禾县人民政府2016年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》要求,特向社会公布本报告。本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。
一、概述
2016年,我县认真贯彻落实《条例》,不断完善政府信息公开制度,规范公开程序。
二、主动公开政府信息情况
全年主动公开政府信息1600条,其中规范性文件400条,占比例25%,工作动态800条,占比例50%,其他类信息400条,占比例25%。
三、依申请公开政府信息情况
全年共受理政府信息公开申请58件,其中当面申请20件,网络申请30件,信函申请8件。
四、政府信息公开的收费及减免情况
全年未收取任何政府信息公开费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年未发生因政府信息公开申请行政复议和行政诉讼的情况。
六、存在的主要问题及改进措施
一是信息更新不够及时;二是公开内容有待拓展。下一步将建立栏目巡查制度,按月更新。
青禾县人民政府办公室
2017年3月20日
"""

# Only warnings: a truncated statement.
WARN_ONLY = GOOD.replace(
    "本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。",
    "本报告由六个部分组成,所列数据截止日期为",
)

LINE_RE = re.compile(r"^(?P<file>.+?):(?P<page>\d+|-):(?P<line>\d+): (?P<code>[A-Z]{1,4}\d{3}) \[(?P<sev>error|warning|info)\] (?P<msg>.+)$")
SUMMARY_EN = re.compile(
    r"^(?P<files>\d+) files?(?: \((?P<bad>\d+) unreadable\))?: (?P<e>\d+) errors?, (?P<w>\d+) warnings?, (?P<i>\d+) info; "
    r"(?P<claims>\d+) claims, (?P<checked>\d+) checked, (?P<unt>\d+) untestable \(testable rate (?:\d+%|n/a)\)$"
)
#: The summary in Chinese, the command line's default language.
SUMMARY_ZH = re.compile(
    r"^(?P<files>\d+) 个文件(?:\(其中 (?P<bad>\d+) 个无法审核\))?:(?P<e>\d+) 个错误,(?P<w>\d+) 个警告,(?P<i>\d+) 个提示;"
    r"数字声明 (?P<claims>\d+) 个,已核验 (?P<checked>\d+) 个,无法核验 (?P<unt>\d+) 个\(可核验率 (?:\d+%|无)\)$"
)


class _Summary:
    """The summary line in either language (Chinese by default, English
    with --lang en)."""

    @staticmethod
    def match(line: str):  # type: ignore[no-untyped-def]
        return SUMMARY_ZH.match(line) or SUMMARY_EN.match(line)


SUMMARY_RE = _Summary()


@pytest.fixture
def files(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    bad = d / "bad-2016.txt"
    good = d / "good-2016.txt"
    warn = d / "warn-2016.txt"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    warn.write_text(WARN_ONLY, encoding="utf-8")
    return {"dir": d, "bad": str(bad), "good": str(good), "warn": str(warn)}


def run(capsys, *argv):
    """Run the CLI in-process; return (exit code, stdout, stderr).  argparse
    usage errors (SystemExit) count as their exit code."""
    try:
        rc = cli.main([str(a) for a in argv])
    except SystemExit as e:
        rc = e.code
    out, err = capsys.readouterr()
    return rc, out, err


def test_fixture_reports_behave(files):
    assert {f.code for f in gireport.audit(files["bad"]).findings} == BAD_CODES
    assert gireport.audit(files["good"]).findings == []
    assert {f.severity for f in gireport.audit(files["warn"]).findings} == {"warning"}


# --------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------
def test_text_format(capsys, files):
    rc, out, err = run(capsys, "audit", files["bad"])
    assert rc == 1
    a = gireport.audit(files["bad"])
    lines = out.rstrip("\n").split("\n")
    heads = [ln for ln in lines if not ln.startswith("    | ")]
    assert SUMMARY_RE.match(heads[-1]), heads[-1]
    heads = heads[:-1]
    assert len(heads) == len(a.findings)
    text = a.report.text
    for ln, f in zip(heads, a.findings):
        m = LINE_RE.match(ln)
        assert m, ln
        assert m["file"] == files["bad"]
        assert m["code"] == f.code and m["sev"] == f.severity
        assert m["msg"] == f.message
        assert m["page"] == "-"  # a txt file has no pages
        assert int(m["line"]) == text.count("\n", 0, f.start) + 1
    # every finding is followed by context lines with the evidence marked «…»
    blocks = re.split(r"\n(?=\S)", out.rstrip("\n"))[:-1]
    assert len(blocks) == len(a.findings)
    for block, f in zip(blocks, a.findings):
        ctx = [ln[6:] for ln in block.split("\n")[1:]]
        assert ctx, block
        marked = re.findall(r"«([^»]*)»", "\n".join(ctx))
        assert marked and all(any(m == e.text for e in f.evidence) for m in marked), (marked, f.evidence)


def test_text_line_numbers_match_file_lines(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], "--select", "GR105,GR301")
    src = Path(files["bad"]).read_text(encoding="utf-8").split("\n")
    got = {m["code"]: int(m["line"]) for m in map(LINE_RE.match, out.split("\n")) if m}
    assert "所列数据截止日期为" in src[got["GR105"] - 1]
    assert "58件" in src[got["GR301"] - 1]


def test_text_summary_line(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], files["good"])
    m = SUMMARY_RE.match(out.rstrip("\n").split("\n")[-1])
    assert m and m["files"] == "2"
    audits = [gireport.audit(files["bad"]), gireport.audit(files["good"])]
    c = {"error": 0, "warning": 0, "info": 0}
    for a in audits:
        for k, v in a.counts().items():
            c[k] += v
    assert (int(m["e"]), int(m["w"]), int(m["i"])) == (c["error"], c["warning"], c["info"])
    assert int(m["checked"]) == sum(a.coverage["checked"] for a in audits)
    assert int(m["unt"]) == sum(a.coverage["untestable"] for a in audits)
    assert out.rstrip("\n").split("\n")[-1] == summary_line(audits, lang="zh")  # the command line speaks Chinese by default
    rc, out_en, _ = run(capsys, "audit", files["bad"], files["good"], "--lang", "en")
    assert out_en.rstrip("\n").split("\n")[-1] == summary_line(audits, lang="en") and SUMMARY_EN.match(summary_line(audits, lang="en"))


def test_text_clean_report_prints_only_the_summary(capsys, files):
    rc, out, _ = run(capsys, "audit", files["good"])
    assert rc == 0
    assert out.count("\n") == 1 and SUMMARY_RE.match(out.strip())


def test_text_lang_en(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], "--lang", "en")
    a = gireport.audit(files["bad"])
    msgs = [m["msg"] for m in map(LINE_RE.match, out.split("\n")) if m]
    assert msgs == [f.message_en for f in a.findings]
    rc, out_zh, _ = run(capsys, "audit", files["bad"], "--lang", "zh")
    assert [m["msg"] for m in map(LINE_RE.match, out_zh.split("\n")) if m] == [f.message for f in a.findings]


def test_text_pdf_has_page_numbers(capsys):
    pdf = CORPUS / "tongxi-district-2017.pdf"
    if not pdf.is_file():
        pytest.skip("corpus pdf missing")
    rc, out, _ = run(capsys, "audit", pdf)
    a = gireport.audit(pdf)
    ms = [m for m in map(LINE_RE.match, out.split("\n")) if m]
    assert ms and len(ms) == len(a.findings)
    for m, f in zip(ms, a.findings):
        assert m["page"].isdigit() and int(m["page"]) == f.page >= 1


# --------------------------------------------------------------------------
# JSON, JSONL, CSV
# --------------------------------------------------------------------------
def _check_record(d, path):
    assert list(d) == FINDING_FIELDS
    assert d["file"] == path
    assert d["severity"] in ("error", "warning", "info")
    assert d["name"] == get_rule(d["code"]).name
    assert isinstance(d["message"], str) and isinstance(d["message_en"], str)
    assert re.fullmatch(r"[0-9a-f]{16}", d["fingerprint"])
    assert d["evidence"]
    for e in d["evidence"]:
        assert set(e) == EVIDENCE_FIELDS
        assert isinstance(e["start"], int) and isinstance(e["end"], int) and e["start"] < e["end"]
        assert e["page"] is None or isinstance(e["page"], int)


def test_json_document(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], files["good"], "--format", "json")
    assert rc == 1
    doc = json.loads(out)
    assert {"files", "errors", "summary", "tool"} <= set(doc)
    assert doc["errors"] == []
    assert [f["file"] for f in doc["files"]] == [files["bad"], files["good"]]
    a = gireport.audit(files["bad"])
    fb = doc["files"][0]
    assert {"findings", "coverage", "counts", "sha256", "format", "agency", "year", "template", "rounding"} <= set(fb)
    assert [f["code"] for f in fb["findings"]] == [f.code for f in a.findings]
    for d in fb["findings"]:
        _check_record(d, files["bad"])
    text = a.report.text
    for d in fb["findings"]:
        for e in d["evidence"]:
            assert text[e["start"] : e["end"]] == e["text"]
    cov = fb["coverage"]
    assert {"numbers", "quantities", "claims", "checked", "untestable", "testable_rate", "rules"} <= set(cov)
    assert doc["files"][1]["findings"] == []
    assert fb["counts"] == a.counts()


@pytest.mark.parametrize("extra", [[], ["--workers", "1"], ["--workers", "2"]])
def test_json_carries_the_verdicts(capsys, files, extra):
    """Every file's JSON record has its verdicts, whether the audit ran in
    process or in batch workers through the result store."""
    rc, out, _ = run(capsys, "audit", files["bad"], files["good"], "--format", "json", *extra)
    doc = json.loads(out)
    for fd, path in zip(doc["files"], (files["bad"], files["good"])):
        a = gireport.audit(path)
        assert fd["verdicts"] == [v.to_dict() for v in a.verdicts]
        assert len(fd["verdicts"]) == fd["coverage"]["checked"] + fd["coverage"]["untestable"] > 0
        fails = [v["fingerprint"] for v in fd["verdicts"] if v["status"] == "fail"]
        assert len(fails) == fd["coverage"]["failed"]
        assert set(fails) <= {f["fingerprint"] for f in fd["findings"]}
    rc, out, _ = run(capsys, "audit", files["bad"], "--format", "json")
    assert json.loads(out)["files"][0]["verdicts"] == [v.to_dict() for v in gireport.audit(files["bad"]).verdicts]


def test_jsonl_records(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], files["good"], "--format", "jsonl")
    lines = out.splitlines()
    a = gireport.audit(files["bad"])
    recs = [json.loads(ln) for ln in lines]
    status_rows = [d for d in recs if d["code"] is None]
    assert [(d["file"], d["status"]) for d in status_rows] == [(files["good"], "ok")]  # a file without findings has its row
    recs = [d for d in recs if d["code"] is not None]
    assert len(recs) == len(a.findings)
    prov = {k: recs[0][k] for k in PROVENANCE_COLUMNS}
    assert prov["gireport_version"] == gireport.__version__ and prov["ruleset"] == ruleset_version() and prov["rounding"] == "convention"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", prov["run_date"])
    from gireport.output.tabular import EXTRA_COLUMNS, JSONL_COLUMNS

    assert all(tuple(d) == JSONL_COLUMNS for d in recs)
    for d in recs:
        assert d["agency"] == a.report.metadata.agency and d["year"] == a.report.metadata.year and d["status"] == "ok" and d["scope"] == "file"
        assert d["line"] == a.report.text.count("\n", 0, d["evidence"][0]["start"]) + 1
    recs = [{k: v for k, v in d.items() if k not in PROVENANCE_COLUMNS and k not in EXTRA_COLUMNS} for d in recs]
    for d in recs:
        _check_record(d, files["bad"])
    assert [d["fingerprint"] for d in recs] == [f.fingerprint for f in a.findings]
    assert recs == [f.to_dict() for f in a.findings]


def test_run_date_follows_source_date_epoch(monkeypatch):
    from gireport.output.provenance import provenance

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    assert provenance()["run_date"] == "2025-01-01"


def test_csv(capsys, files):
    from gireport.output import CSV_COLUMNS

    rc, out, _ = run(capsys, "audit", files["bad"], "--format", "csv")
    assert out.startswith("\ufeff")  # Excel in a Chinese locale reads it as UTF-8
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert tuple(rows[0]) == CSV_COLUMNS
    from gireport.output.tabular import EXTRA_COLUMNS

    assert set(CSV_COLUMNS) - {"evidence_page", "evidence_start", "evidence_end", "evidence_text", "evidence_count"} - set(EXTRA_COLUMNS) - set(PROVENANCE_COLUMNS) == set(FINDING_COLUMNS) - {"evidence"}
    a = gireport.audit(files["bad"])
    assert len(rows) - 1 == len(a.findings)
    for row, f in zip(rows[1:], a.findings):
        d = dict(zip(rows[0], row))
        assert d["code"] == f.code and d["fingerprint"] == f.fingerprint and d["message"] == f.message
        assert int(d["evidence_start"]) == f.evidence[0].start and int(d["evidence_end"]) == f.evidence[0].end
        assert d["evidence_text"] == " / ".join(e.text for e in f.evidence)
        assert int(d["evidence_count"]) == len(f.evidence)


def test_csv_header_without_findings(capsys, files):
    from gireport.output import CSV_COLUMNS

    rc, out, _ = run(capsys, "audit", files["good"], "--format", "csv")
    assert rc == 0
    lines = out.splitlines()
    assert lines[0] == "\ufeff" + ",".join(CSV_COLUMNS)
    row = dict(zip(CSV_COLUMNS, next(csv.reader([lines[1]]))))  # the file is listed, with no finding
    assert len(lines) == 2 and row["file"] == files["good"] and row["code"] == "" and row["status"] == "ok"


def test_csv_cells_cannot_be_formulas():
    from gireport.output import csv_row, CSV_COLUMNS

    row = dict(zip(CSV_COLUMNS, csv_row({"file": "=HYPERLINK(\"http://x\")", "code": "GR201", "message": "+1", "reported": "-2.5%", "expected": "@SUM(A1)",
                                          "evidence": [{"start": 0, "end": 3, "page": None, "text": "=1+1"}], "agency": "-x"})))
    assert row["file"].startswith("'=") and row["message"] == "'+1" and row["reported"] == "'-2.5%" and row["expected"] == "'@SUM(A1)"
    assert row["evidence_text"] == "'=1+1" and row["evidence_start"] == 0 and row["agency"] == "'-x"


def test_text_output_escapes_control_characters(tmp_path):
    from gireport.output import render_text, terminal_safe

    assert terminal_safe("a\x1b[31mred\x1b[0m\rb\u202ec") == "a\\x1b[31mred\\x1b[0m\\x0db\\u202ec"
    assert terminal_safe("行一\n\t行二") == "行一\n\t行二"
    p = tmp_path / "evil\x1b[2J.txt"
    p.write_text("一、概述\n全年共受理申请40件，其中予以公开30件，占80%。\n", encoding="utf-8")
    out = render_text([gireport.audit(p)])
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_render_unknown_format_raises(files):
    with pytest.raises(ValueError):
        render([gireport.audit(files["good"])], "yaml")
    assert set(FORMATS) == {"text", "json", "jsonl", "csv", "sarif", "html", "xlsx", "parquet"}


# --------------------------------------------------------------------------
# SARIF 2.1.0
# --------------------------------------------------------------------------
def test_sarif_structure(capsys, files):
    rc, out, _ = run(capsys, "audit", files["bad"], files["good"], "--format", "sarif")
    assert rc == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"] and "2.1.0" in sarif["$schema"]
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "gireport" and driver["version"] == gireport.__version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in select_rules()]
    for r in rules:
        rule = get_rule(r["id"])
        assert r["name"] == rule.name
        assert r["help"]["text"] == rule.render_doc()
        assert r["shortDescription"]["text"]
        assert r["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
    a = gireport.audit(files["bad"])
    results = run_["results"]
    assert len(results) == len(a.findings)
    for res, f in zip(results, a.findings):
        assert res["ruleId"] == f.code
        assert rules[res["ruleIndex"]]["id"] == f.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert f.message_en in res["message"]["text"] and f.message in res["message"]["text"]
        assert res["partialFingerprints"] == {"gireport/v1": f.fingerprint}
        (loc,) = res["locations"]
        pl = loc["physicalLocation"]
        art = pl["artifactLocation"]
        assert art["uri"] == Path(files["bad"]).resolve().as_uri() or (art.get("uriBaseId") == "%SRCROOT%" and not art["uri"].startswith("/"))
        reg = pl["region"]
        assert (loc["properties"]["textOffset"], loc["properties"]["textLength"]) == (f.evidence[0].start, f.evidence[0].end - f.evidence[0].start)
        assert reg["snippet"]["text"] == f.evidence[0].text and reg["startLine"] >= 1
        assert len(res.get("relatedLocations", [])) == len(f.evidence) - 1
    assert run_["properties"]["ruleset"] == driver["properties"]["ruleset"] == ruleset_version()
    assert run_["properties"]["rounding"] == "convention" and run_["columnKind"] == "unicodeCodePoints"


def test_sarif_lines_and_columns_are_in_the_original_file(tmp_path, monkeypatch):
    """A text report with full-width digits, runs of spaces and a hard-wrapped
    line: gireport's text differs from the file, the region points into the
    file (1-based line and column, end column one past the evidence)."""
    lines = [
        "青禾县统计局２０１７年政府信息公开工作年度报告",
        "",
        "一、概述",
        "　　全年共受理申请４０件，　其中予以公开３０件，占８０％；不予公开１０件，",
        "占２５％。",
    ]
    p = tmp_path / "sub" / "r.txt"
    p.parent.mkdir()
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    a = gireport.audit(p, select=["GR201"])
    (f,) = a.findings
    doc = json.loads(render_sarif([a]))
    (res,) = doc["runs"][0]["results"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "sub/r.txt", "uriBaseId": "%SRCROOT%"}
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    reg = loc["region"]
    text_line = lines[reg["startLine"] - 1]
    assert text_line[reg["startColumn"] - 1 : reg["endColumn"] - 1] == "３０件"
    related = [r["physicalLocation"]["region"] for r in res["relatedLocations"]]
    assert [(r["startLine"], lines[r["startLine"] - 1][r["startColumn"] - 1 : r["endColumn"] - 1]) for r in related] == [(4, "８０％"), (4, "４０件")]


def test_sarif_meets_code_scanning_upload_requirements(files):
    """What GitHub code scanning requires of an upload: every result has a
    rule of the run, a message, a fingerprint and a location whose artifact
    is a relative URI with a base id or an absolute file URI and whose
    region has a start line; and the documented size limits."""
    from urllib.parse import urlparse

    for doc in _sarif_docs(files):
        assert len(doc["runs"]) <= 20
        for run_ in doc["runs"]:
            ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
            assert len(run_["results"]) <= 25_000 and len(ids) <= 25_000
            assert all(len(r.get("properties", {}).get("tags", [])) <= 20 for r in run_["tool"]["driver"]["rules"])
            for res in run_["results"]:
                assert res["ruleId"] in ids and res["message"]["text"] and res["partialFingerprints"]
                assert 1 <= len(res["locations"]) <= 1000
                for loc in res["locations"] + res.get("relatedLocations", []):
                    pl = loc["physicalLocation"]
                    uri = pl["artifactLocation"]["uri"]
                    if "uriBaseId" in pl["artifactLocation"]:
                        assert pl["artifactLocation"]["uriBaseId"] in run_["originalUriBaseIds"] and not urlparse(uri).scheme
                    else:
                        assert urlparse(uri).scheme == "file"
                    assert pl["region"]["startLine"] >= 1


def _ref(name):
    return {"$ref": f"#/definitions/{name}"}


def _obj(props, required=None, any_of=None, extra=None):
    d = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        d["required"] = required
    if any_of:
        d["anyOf"] = [{"required": [r]} for r in any_of]
    d.update(extra or {})
    return d


def _loose(*names):
    return {n: {} for n in names}


_LEVEL = {"enum": ["none", "note", "warning", "error"], "type": "string"}
_INT_M1 = {"type": "integer", "minimum": -1}
#: An excerpt of the official SARIF 2.1.0 JSON schema (oasis-tcs/sarif-spec,
#: Schemata/sarif-schema-2.1.0.json): the definitions of every object gireport
#: writes, with each one's complete property list (additionalProperties is
#: false there), types, enums, minimums, required and anyOf.  Definitions that
#: gireport never writes are left unchecked ({}).
SARIF_EXCERPT = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    **_obj(
        {"$schema": {"type": "string"}, "version": {"enum": ["2.1.0"], "type": "string"}, "runs": {"type": ["array", "null"], "items": _ref("run")}, "inlineExternalProperties": {}, "properties": _ref("propertyBag")},
        required=["version", "runs"],
    ),
    "definitions": {
        "propertyBag": {"type": "object", "additionalProperties": True, "properties": {"tags": {"type": "array", "uniqueItems": True, "items": {"type": "string"}}}},
        "multiformatMessageString": _obj({"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": _ref("propertyBag")}, required=["text"]),
        "message": _obj(
            {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"}, "arguments": {"type": "array", "items": {"type": "string"}}, "properties": _ref("propertyBag")},
            any_of=["text", "id"],
        ),
        "run": _obj(
            {
                "tool": _ref("tool"),
                "results": {"type": "array", "items": _ref("result")},
                "language": {"type": "string", "pattern": "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"], "type": "string"},
                "properties": _ref("propertyBag"),
                **_loose(
                    "invocations", "conversion", "versionControlProvenance", "originalUriBaseIds", "artifacts", "logicalLocations", "graphs",
                    "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
                    "newlineSequences", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations",
                    "policies", "webRequests", "webResponses", "specialLocations",
                ),
            },
            required=["tool"],
        ),
        "tool": _obj({"driver": _ref("toolComponent"), "extensions": {"type": "array", "items": _ref("toolComponent")}, "properties": _ref("propertyBag")}, required=["driver"]),
        "toolComponent": _obj(
            {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "semanticVersion": {"type": "string"},
                "informationUri": {"type": "string"},
                "shortDescription": _ref("multiformatMessageString"),
                "fullDescription": _ref("multiformatMessageString"),
                "rules": {"type": "array", "uniqueItems": True, "items": _ref("reportingDescriptor")},
                "notifications": {"type": "array", "uniqueItems": True, "items": _ref("reportingDescriptor")},
                "taxa": {"type": "array", "uniqueItems": True, "items": _ref("reportingDescriptor")},
                "properties": _ref("propertyBag"),
                **_loose(
                    "guid", "organization", "product", "productSuite", "fullName", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
                    "globalMessageStrings", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
                    "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies",
                ),
            },
            required=["name"],
        ),
        "reportingDescriptor": _obj(
            {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": _ref("multiformatMessageString"),
                "fullDescription": _ref("multiformatMessageString"),
                "help": _ref("multiformatMessageString"),
                "helpUri": {"type": "string"},
                "defaultConfiguration": _ref("reportingConfiguration"),
                "messageStrings": {"type": "object", "additionalProperties": _ref("multiformatMessageString")},
                "properties": _ref("propertyBag"),
                **_loose("deprecatedIds", "guid", "deprecatedGuids", "deprecatedNames", "relationships"),
            },
            required=["id"],
        ),
        "reportingConfiguration": _obj(
            {"enabled": {"type": "boolean"}, "level": _LEVEL, "rank": {"type": "number", "minimum": -1, "maximum": 100}, "parameters": _ref("propertyBag"), "properties": _ref("propertyBag")}
        ),
        "result": _obj(
            {
                "ruleId": {"type": "string"},
                "ruleIndex": _INT_M1,
                "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"], "type": "string"},
                "level": _LEVEL,
                "message": _ref("message"),
                "locations": {"type": "array", "items": _ref("location")},
                "relatedLocations": {"type": "array", "uniqueItems": True, "items": _ref("location")},
                "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                "fingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                "occurrenceCount": {"type": "integer", "minimum": 1},
                "rank": {"type": "number", "minimum": -1, "maximum": 100},
                "baselineState": {"enum": ["new", "unchanged", "updated", "absent"], "type": "string"},
                "properties": _ref("propertyBag"),
                **_loose(
                    "rule", "analysisTarget", "guid", "correlationGuid", "stacks", "codeFlows", "graphs", "graphTraversals", "suppressions",
                    "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse",
                ),
            },
            required=["message"],
        ),
        "location": _obj(
            {"id": _INT_M1, "physicalLocation": _ref("physicalLocation"), "message": _ref("message"), "annotations": {"type": "array", "uniqueItems": True, "items": _ref("region")}, "properties": _ref("propertyBag"), **_loose("logicalLocations", "relationships")}
        ),
        "physicalLocation": _obj(
            {"address": {}, "artifactLocation": _ref("artifactLocation"), "region": _ref("region"), "contextRegion": _ref("region"), "properties": _ref("propertyBag")},
            any_of=["address", "artifactLocation"],
        ),
        "artifactLocation": _obj({"uri": {"type": "string"}, "uriBaseId": {"type": "string"}, "index": _INT_M1, "description": _ref("message"), "properties": _ref("propertyBag")}),
        "region": _obj(
            {
                "startLine": {"type": "integer", "minimum": 1},
                "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1},
                "endColumn": {"type": "integer", "minimum": 1},
                "charOffset": _INT_M1,
                "charLength": {"type": "integer", "minimum": 0},
                "byteOffset": _INT_M1,
                "byteLength": {"type": "integer", "minimum": 0},
                "snippet": _ref("artifactContent"),
                "message": _ref("message"),
                "sourceLanguage": {"type": "string"},
                "properties": _ref("propertyBag"),
            },
            any_of=["startLine", "charOffset", "byteOffset"],
        ),
        "artifactContent": _obj({"text": {"type": "string"}, "binary": {"type": "string"}, "rendered": _ref("multiformatMessageString"), "properties": _ref("propertyBag")}),
    },
}


def _sarif_docs(files):
    audits = [gireport.audit(files["bad"]), gireport.audit(files["good"])]
    docs = [json.loads(render_sarif(audits)), json.loads(render_sarif([]))]
    if SEED.is_file():
        docs.append(json.loads(render_sarif([gireport.audit(SEED)])))
    return docs


def test_sarif_validates_against_official_schema_excerpt(files):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(SARIF_EXCERPT)
    for doc in _sarif_docs(files):
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _official_schema() -> Path | None:
    for p in (os.environ.get("GIREPORT_SARIF_SCHEMA"), SHARED / "spec" / "sarif-schema-2.1.0.json", Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"):
        if p and Path(p).is_file():
            return Path(p)
    return None


def test_sarif_validates_against_full_official_schema(files):
    """Runs when a copy of the SARIF 2.1.0 schema is at $GIREPORT_SARIF_SCHEMA,
    ../shared/spec/ or tests/data/ (nothing is downloaded).  One copy comes
    with the npm package @microsoft/sarif-multitool-linux
    (``package/sarif-2.1.0.json``, draft 2020-12); the schemastore copy is
    draft 4: the validator follows the schema's own ``$schema``."""
    jsonschema = pytest.importorskip("jsonschema")
    path = _official_schema()
    if path is None:
        pytest.skip("no local copy of the official SARIF 2.1.0 schema")
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)(schema)
    for doc in _sarif_docs(files):
        errors = list(validator.iter_errors(doc))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


# --------------------------------------------------------------------------
# Exit codes and options
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "which, extra, code",
    [
        ("bad", [], 1),
        ("bad", ["--fail-on", "never"], 0),
        ("bad", ["--fail-on", "error"], 1),
        ("good", [], 0),
        ("good", ["--fail-on", "info"], 0),
        ("warn", [], 0),  # default --fail-on error
        ("warn", ["--fail-on", "warning"], 1),
        ("warn", ["--fail-on", "info"], 1),
        ("bad", ["--select", "GR105"], 0),  # only a warning left
        ("bad", ["--ignore", "GR201,GR301"], 0),
        ("bad", ["--select", "GR2", "--rounding", "either"], 1),
    ],
)
def test_exit_codes(capsys, files, which, extra, code):
    rc, out, err = run(capsys, "audit", files[which], *extra)
    assert rc == code, (out, err)


@pytest.mark.parametrize(
    "extra",
    [
        ["--select", "GR999"],
        ["--ignore", "no-such-rule"],
        ["--select", "GR201,bogus"],
        ["--rounding", "banker"],
        ["--format", "xml"],
        ["--fail-on", "fatal"],
        ["--lang", "fr"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(capsys, files, extra):
    rc, out, err = run(capsys, "audit", files["bad"], *extra)
    assert rc == 2
    assert err.strip()
    assert "GR201" not in out  # nothing was audited


def test_no_command_exits_2(capsys):
    rc, out, err = run(capsys)
    assert rc == 2


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "sarif"])
def test_output_file(capsys, files, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    rc, out, err = run(capsys, "audit", files["bad"], "--format", fmt, "-o", target)
    assert rc == 1
    assert out == ""
    written = target.read_text(encoding="utf-8")
    assert written == render([gireport.audit(files["bad"])], fmt)
    if fmt != "text":
        assert SUMMARY_RE.match(err.strip().splitlines()[-1])


def test_output_file_long_option(capsys, files, tmp_path):
    target = tmp_path / "o.json"
    rc, out, _ = run(capsys, "audit", files["good"], "--format", "json", "--output", target)
    assert rc == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["file"] == files["good"]


def test_contract_format_html(capsys, files):
    rc, out, err = run(capsys, "audit", files["bad"], "--format", "html")
    assert rc == 1, err
    assert "<html" in out.lower()


def test_contract_workers(capsys, files):
    rc, out, err = run(capsys, "audit", files["bad"], files["good"], "--workers", "2")
    assert rc == 1, err


def test_folder_is_searched(capsys, files):
    rc, out, _ = run(capsys, "audit", files["dir"], "--format", "json")
    doc = json.loads(out)
    assert sorted(f["file"] for f in doc["files"]) == sorted([files["bad"], files["good"], files["warn"]])


# --------------------------------------------------------------------------
# rules / rule
# --------------------------------------------------------------------------
def test_rules_lists_every_rule(capsys):
    rc, out, _ = run(capsys, "rules")
    assert rc == 0
    lines = out.strip().splitlines()
    rules = select_rules()
    assert len(lines) == len(rules)
    for ln, r in zip(lines, rules):
        assert ln.split()[:4] == [r.code, r.name, r.family, r.severity]
    for code in ("GR101", "GR102", "GR103", "GR104", "GR105", "GR106", "GR107", "GR201", "GR202", "GR301", "GR401", "GR501"):
        assert any(ln.startswith(code + " ") for ln in lines)


def test_rules_json_and_select(capsys):
    rc, out, _ = run(capsys, "rules", "--json")
    assert rc == 0
    data = json.loads(out)
    assert [d["code"] for d in data] == [r.code for r in select_rules()]
    assert {"code", "name", "family", "severity", "summary", "doc", "options"} <= set(data[0])
    rc, out, _ = run(capsys, "rules", "--select", "shares")
    assert [ln.split()[0] for ln in out.strip().splitlines()] == ["GR201", "GR202"]


@pytest.mark.parametrize("key", ["GR201", "gr201", "share-mismatch"])
def test_rule_prints_doc(capsys, key):
    rc, out, _ = run(capsys, "rule", key)
    assert rc == 0
    assert out == get_rule("GR201").render_doc()
    assert out.startswith("GR201 (share-mismatch)")
    for sec in ("## What it does", "## Why it matters", "## Example", "## Consistent example", "## Known exceptions"):
        assert sec in out
    assert "message (zh):" in out and "message (en):" in out


def test_rule_unknown_exits_2(capsys):
    rc, out, err = run(capsys, "rule", "GR999")
    assert rc == 2 and out == "" and "GR999" in err


# --------------------------------------------------------------------------
# Unreadable files do not stop the run
# --------------------------------------------------------------------------
@pytest.fixture
def mixed(files):
    d = files["dir"]
    (d / "empty-2016.txt").write_bytes(b"")
    (d / "broken-2016.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (d / "zz-garbage.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return files


def test_unreadable_files_text(capsys, mixed):
    rc, out, err = run(capsys, "audit", mixed["dir"])
    assert rc == 1
    for name in ("empty-2016.txt", "broken-2016.pdf", "zz-garbage.docx"):
        assert any(name in ln and ln.startswith(("error:", "错误:")) for ln in err.splitlines()), err
    assert "Traceback" not in err
    assert mixed["bad"] in out  # the readable files were still audited
    m = SUMMARY_RE.match(out.strip().splitlines()[-1])
    assert m and m["files"] == "3" and m["bad"] == "3"


def test_unreadable_files_json(capsys, mixed):
    rc, out, err = run(capsys, "audit", mixed["dir"], "--format", "json")
    assert rc == 1
    doc = json.loads(out)
    assert sorted(f["file"] for f in doc["files"]) == sorted([mixed["bad"], mixed["good"], mixed["warn"]])
    errs = {Path(e["file"]).name: e for e in doc["errors"]}
    assert set(errs) == {"empty-2016.txt", "broken-2016.pdf", "zz-garbage.docx"}
    assert errs["empty-2016.txt"]["error"] == "EmptyFileError"
    for e in errs.values():
        assert set(e) >= {"file", "error", "message"}
        assert e["message"]
        assert e["error"] in gireport.__all__


def test_unreadable_file_alone_exits_2(capsys, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    rc, out, err = run(capsys, "audit", p)
    assert rc == 2 and "empty.txt" in err
    rc, out, err = run(capsys, "audit", tmp_path / "missing.txt")
    assert rc == 2 and "missing.txt" in err


# --------------------------------------------------------------------------
# Fingerprints
# --------------------------------------------------------------------------
def _fps(a):
    return sorted((f.code, f.fingerprint) for f in a.findings)


def test_fingerprint_stable_across_moves_and_runs(tmp_path, files):
    moved = tmp_path / "elsewhere" / "deeper" / "renamed report.txt"
    moved.parent.mkdir(parents=True)
    shutil.copy(files["bad"], moved)
    a1 = gireport.audit(files["bad"])
    a2 = gireport.audit(files["bad"])
    a3 = gireport.audit(moved)
    a4 = gireport.audit(Path(files["bad"]).read_bytes())
    assert a1.findings and _fps(a1) == _fps(a2) == _fps(a3) == _fps(a4)
    assert {f.file for f in a3.findings} == {str(moved)}
    assert {f.file for f in a1.findings} == {files["bad"]}


def test_fingerprint_stable_for_seed(tmp_path):
    if not SEED.is_file():
        pytest.skip("../shared/seed not present")
    moved = tmp_path / "x.txt"
    shutil.copy(SEED, moved)
    assert _fps(gireport.audit(SEED)) == _fps(gireport.audit(moved))


def test_fingerprint_ignores_whitespace_in_evidence():
    """Evidence re-wrapped (the same text out of a PDF) keeps its fingerprint;
    offsets, pages, messages and the file do not enter it."""
    from gireport.audit import Evidence, Finding

    a = Finding("GR201", "share-mismatch", "error", "m", "m", [Evidence(10, 14, None, "155条"), Evidence(20, 24, None, "7.2%")], file="a.txt")
    b = Finding("GR201", "share-mismatch", "warning", "x", "y", [Evidence(99, 105, 3, "155 条\n"), Evidence(200, 204, 3, "7.2%")], file="b/c.pdf")
    c = Finding("GR202", "shares-sum", "error", "m", "m", list(a.evidence))
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint


def test_fingerprint_changes_with_evidence():
    a = gireport.audit(text=BAD)
    b = gireport.audit(text=BAD.replace("信函申请10件", "信函申请12件"))
    fa = {f.code: f.fingerprint for f in a.findings}
    fb = {f.code: f.fingerprint for f in b.findings}
    assert fa["GR301"] != fb["GR301"]
    assert fa["GR201"] == fb["GR201"]


def test_every_format_carries_the_provenance(files, monkeypatch):
    """Version, ruleset, rounding policy and run date: JSON in its run
    object, SARIF in the run's properties, HTML in the header, CSV and JSONL
    in every row."""
    from gireport.output import provenance

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    a = gireport.audit(files["bad"])
    prov = provenance([a])
    assert prov == {"gireport_version": gireport.__version__, "ruleset": ruleset_version(), "rounding": "convention", "run_date": "2025-01-01"}
    assert json.loads(render([a], "json"))["run"] == prov
    assert {k: json.loads(render_sarif([a]))["runs"][0]["properties"][k] for k in prov} == prov
    html = render([a], "html")
    assert all(v in html for v in prov.values())
    rows = list(csv.DictReader(io.StringIO(render([a], "csv")[1:])))
    assert rows and all({k: r[k] for k in prov} == prov for r in rows)
    assert all({k: json.loads(ln)[k] for k in prov} == prov for ln in render([a], "jsonl").splitlines())


def test_every_path_given_is_accounted_for():
    """A path listed as ok whose audit is not given is still in the output
    (pending, with the reason), never dropped."""
    from gireport.output import as_records

    recs = as_records([], paths=[{"file": "a.txt", "status": "ok"}, {"file": "b.txt", "status": "failed", "message": "b.txt: damaged"}])
    assert [(r.file, r.status) for r in recs] == [("a.txt", "pending"), ("b.txt", "failed")]
