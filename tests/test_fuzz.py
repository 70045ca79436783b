"""Property tests (hypothesis): random and mutated report text through
gireport.parse and gireport.audit, random bytes through gireport.load.

Nothing but GireportError may escape, no input may take a second, and every
finding that comes out must still point at its evidence."""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import gireport
from gireport import Document, GireportError
from gireport.output import render
from conftest import CORPUS, SEED

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples every run: a strict xfail stays stable
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
#: Mutated reports are long: shrinking a failing one takes many seconds and
#: the deterministic reproductions below already give the minimal inputs.
NO_SHRINK = settings(SETTINGS, phases=[Phase.explicit, Phase.reuse, Phase.generate])
LIMIT = 1.0  # seconds per input, parse + audit


def _base_text() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    for name in ("qinghe-county-2012.txt", "tongxi-district-2017.txt"):
        p = CORPUS / name
        if p.is_file():
            return p.read_text(encoding="utf-8")
    txts = sorted(CORPUS.glob("*.txt"))
    if not txts:  # pragma: no cover
        pytest.skip("no seed and no corpus text to mutate", allow_module_level=True)
    return txts[0].read_text(encoding="utf-8")


BASE = _base_text()


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """The first audit pays for imports and regex compilation; time the rest."""
    gireport.audit(text=BASE)
    for sample in (b"plain text\n", "<html><body><p>年度报告</p></body></html>".encode()):
        try:
            gireport.load(sample)
        except GireportError:
            pass


#: Known crash found by these tests (minimal reproduction in
#: tests/test_rules.py::test_gr201_share_resolved_by_scope_phrase).  The
#: examples are derandomized, so the marker is stable until the bug is fixed;
#: `raises` keeps every other failure a failure.
SCOPE_CRASH = pytest.mark.xfail(
    strict=True,
    raises=TypeError,
    reason="claims/extract.py _resolve_shares compares t.start < scope.start (a bound method, missing ()): "
    "TypeError escapes gireport.audit for shares resolved by a scope phrase after an earlier total",
)


# --------------------------------------------------------------------------
# Numerals in every form
# --------------------------------------------------------------------------
_DIG = "零一二三四五六七八九"
_CAP = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_FULL = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def _sec4(n: int) -> str:
    out, zero = "", False
    for unit, val in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // val % 10
        if d:
            if zero and out:
                out += "零"
            out += _DIG[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def cn(n: int) -> str:
    """Standard Chinese numeral for 0 <= n < 10**12 (一百九十万零三千九百七十一)."""
    if n == 0:
        return "零"
    parts = []
    for unit, val in (("亿", 10**8), ("万", 10**4), ("", 1)):
        s = n // val % 10**4
        if s:
            if parts and s < 1000:
                parts.append("零")
            parts.append(_sec4(s) + unit)
        elif parts and parts[-1] != "零":
            parts.append("零")
    out = "".join(parts).rstrip("零")
    return out[1:] if out.startswith("一十") else out


FIXED = [
    "一百九十万零三千九百七十一", "两", "两百", "两千三百", "伍仟", "壹万贰仟", "30余万", "7.2%", "百分之七点二", "三分之一",
    "近200条", "约1.2万", "十几", "三四十", "几十", "数百", "1/3", "15‰", "2.5个百分点", "1.5倍", "〇", "二〇一三年",
    "3,521", "1，860余", "七成", "1万余册", "50多人次", "不足5%", "超过20个工作日", "13万2", "0.1%", "100%", "-2", "+1",
    "3-5个", "10%-20%", "二十几", "99.9%", "1e5", "١٢٣", "Ⅲ", "①", "⑳", "㈤", "½",
]
UNITS = ["", "", "条", "件", "%", "万元", "人次", "个", "项", "例", "份", "次", "年", "月", "日", "倍", "‰"]
HEDGES = ["", "", "", "约", "近", "超过", "共", "达", "不足", "其中", "占", "比去年增加", "同比下降"]

numerals = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(0, 10**7).map(lambda n: str(n).translate(_FULL)),
    st.integers(0, 10**11).map(cn),
    st.integers(0, 10**8).map(lambda n: cn(n).replace("二百", "两百").replace("二千", "两千").replace("二万", "两万")),
    st.integers(1, 10**8).map(lambda n: cn(n).translate(_CAP)),
    st.integers(1, 999).map(lambda n: f"百分之{cn(n)}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9)).map(lambda t: f"{cn(t[0])}分之{cn(t[1])}"),
    st.integers(1, 99).map(lambda n: f"{n}余万"),
    st.sampled_from(FIXED),
)
numeral_phrase = st.tuples(st.sampled_from(HEDGES), numerals, st.sampled_from(UNITS)).map("".join)

STRUCTURE = [
    "\n一、", "\n二、主动公开政府信息情况\n", "\n(三)", "\n(四)公开的形式\n", "\n3、", "\n6、", "\n第三部分", "等七个部分组成",
    "其中", "占比例", "所占比例", "比去年增加", "同比增长", "分别是", "《长白县政府信息公开办法》、", "一是", "二是", "(1)", "①",
    "所列数据截止日期为", "本报告所列数据的统计期限自2013年1月1日起至2013年12月31日止。", "2014年1月10日", "合计", "总计",
    "|", "| 合计 | 4286 | 100% |", "\t", "\r\n", "\u3000", "\u200b", "\ufeff", "\x00", "«", "»", "\ufffd",
]


@st.composite
def mutated(draw) -> str:
    text = BASE
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["truncate", "shuffle", "digits", "numeral", "unicode", "structure", "delete", "duplicate", "swap"]))
        n = len(text)
        if op == "truncate" and n:
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, n))
            text = text[a:b] if draw(st.booleans()) else text[:a]
        elif op == "shuffle":
            lines = text.split("\n")
            draw(st.randoms(use_true_random=False)).shuffle(lines)
            text = "\n".join(lines)
        elif op == "digits":
            spots = [m.start() for m in re.finditer(r"\d", text)]
            if spots:
                chars = list(text)
                for _ in range(draw(st.integers(1, 8))):
                    i = draw(st.sampled_from(spots))
                    chars[i] = draw(st.sampled_from("0123456789０９一二两十百千万亿零〇"))
                text = "".join(chars)
        elif op == "numeral":
            for _ in range(draw(st.integers(1, 5))):
                i = draw(st.integers(0, len(text)))
                text = text[:i] + draw(numeral_phrase) + text[i:]
        elif op == "unicode":
            i = draw(st.integers(0, n))
            text = text[:i] + draw(st.text(max_size=40)) + text[i:]
        elif op == "structure":
            i = draw(st.integers(0, n))
            text = text[:i] + draw(st.sampled_from(STRUCTURE)) + text[i:]
        elif op == "delete" and n:
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, min(n, a + 200)))
            text = text[:a] + text[b:]
        elif op == "duplicate" and n:
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, min(n, a + 400)))
            i = draw(st.integers(0, n))
            text = text[:i] + text[a:b] + text[i:]
        elif op == "swap":
            nums = list(re.finditer(r"\d+(?:\.\d+)?%?", text))
            if len(nums) >= 2:
                x, y = sorted(draw(st.lists(st.sampled_from(nums), min_size=2, max_size=2, unique_by=lambda m: m.start())), key=lambda m: m.start())
                if x.end() <= y.start():
                    text = text[: x.start()] + y.group() + text[x.end() : y.start()] + x.group() + text[y.end() :]
    return text


# Random text drawn mostly from the characters reports are made of.
REPORT_CHARS = "".join(sorted(set(BASE))) + "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿零两〇%‰.,，、。;；:：()（）《》“”\n \t|"
report_like = st.text(alphabet=st.sampled_from(REPORT_CHARS), max_size=3000)
any_text = st.text(max_size=2000)


def _check(text: str) -> None:
    t0 = time.perf_counter()
    try:
        report = gireport.parse(text=text)
        a = gireport.audit(text=text)
    except GireportError:
        elapsed = time.perf_counter() - t0
        assert elapsed < LIMIT, f"{elapsed:.2f}s to fail on {len(text)} chars"
        return
    elapsed = time.perf_counter() - t0
    assert elapsed < LIMIT, f"parse + audit took {elapsed:.2f}s on {len(text)} chars"
    assert report.text == a.report.text
    doc_text = a.report.text
    starts = [f.start for f in a.findings]
    assert starts == sorted(starts)
    for f in a.findings:
        assert f.severity in ("error", "warning", "info")
        assert f.message and f.message_en
        for e in f.evidence:
            assert 0 <= e.start <= e.end <= len(doc_text)
            span = doc_text[e.start : e.end]
            if f.code.startswith("GR6") and " | " in e.text:  # a table cell: "row | column | value"
                value = e.text.rsplit(" | ", 1)[1]
                assert value == span or (value == "(空)" and not span.strip()), (e, span)
            else:
                assert span == e.text, (e, span)
    cov = a.coverage
    assert cov["checked"] >= cov["failed"] >= 0 and cov["untestable"] >= 0


@NO_SHRINK
@given(mutated())
def test_mutated_report_text(text):
    _check(text)


@SETTINGS
@given(report_like)
def test_random_report_like_text(text):
    _check(text)


@SETTINGS
@given(st.lists(numeral_phrase, min_size=1, max_size=60), st.lists(st.sampled_from(STRUCTURE + ["。", ",", "、", "条", "占"]), max_size=60), st.randoms(use_true_random=False))
def test_numeral_soup(nums, glue, rnd):
    pieces = nums + glue
    rnd.shuffle(pieces)
    text = "青禾县人民政府2016年政府信息公开工作年度报告\n" + "".join(pieces) + "\n"
    _check(text)


@settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_arbitrary_unicode(text):
    _check(text)


@settings(NO_SHRINK, max_examples=40)
@given(mutated())
def test_outputs_render_for_mutated_reports(text):
    try:
        a = gireport.audit(text=text)
    except GireportError:
        return
    for fmt in ("text", "json", "jsonl", "csv", "sarif"):
        out = render([a], fmt)
        assert isinstance(out, str)
        assert out.endswith("\n") or (fmt == "jsonl" and out == "" and not a.findings)
        if fmt in ("json", "sarif"):
            json.loads(out)
        if fmt == "jsonl":
            for line in out.splitlines():
                json.loads(line)


# --------------------------------------------------------------------------
# Random bytes through gireport.load
# --------------------------------------------------------------------------
MAGIC = [
    b"", b"%PDF-1.4\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", b"PK\x03\x04", b"PK\x05\x06",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<html><body>", b"<!DOCTYPE html>", b"<?xml version='1.0'?>", b"# ",
    b"{\\rtf1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x1f\x8b",
]
ENCODED = [
    BASE[:400].encode("utf-8"), BASE[:400].encode("gb18030"), BASE[:400].encode("utf-16"), BASE[:200].encode("big5", errors="ignore"),
]


def _check_load(data: bytes) -> None:
    t0 = time.perf_counter()
    try:
        doc = gireport.load(data)
    except GireportError:
        pass
    else:
        assert isinstance(doc, Document)
        assert isinstance(doc.text, str)
    elapsed = time.perf_counter() - t0
    assert elapsed < LIMIT, f"load took {elapsed:.2f}s on {len(data)} bytes"


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_load(data):
    _check_load(data)


@SETTINGS
@given(st.sampled_from(MAGIC), st.sampled_from([b""] + ENCODED), st.binary(max_size=2000), st.integers(0, 4000))
def test_magic_prefixed_bytes_load(magic, body, noise, cut):
    data = (magic + body + noise)[: max(cut, 1)]
    _check_load(data)


@SETTINGS
@given(st.sampled_from(ENCODED), st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=20))
def test_corrupted_encoded_text_load(data, flips):
    b = bytearray(data)
    for i, v in flips:
        if b:
            b[i % len(b)] = v
    _check_load(bytes(b))


# --------------------------------------------------------------------------
# Deterministic reproductions of what the properties above found
# --------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["a" * 300, "0" * 27 + "\x80" * 60 + "İı" * 40])
def test_long_one_line_str_raises_gireport_error(source):
    for fn in (gireport.load, gireport.parse, gireport.audit):
        with pytest.raises(GireportError):
            fn(source)


@pytest.mark.parametrize("unit, n", [("占比例7.2%,", 3000), ("比去年增加150条,同比增长15%,", 1500)])
def test_dense_claims_stay_under_a_second(unit, n):
    text = "青禾县人民政府2016年政府信息公开工作年度报告\n" + unit * n + "\n"
    t0 = time.perf_counter()
    gireport.audit(text=text)
    assert time.perf_counter() - t0 < LIMIT
