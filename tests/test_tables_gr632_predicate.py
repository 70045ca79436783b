"""``checked_by_gr632(report, share)``: the public predicate other rules
(GR201) use to leave a share to GR632.  It runs GR632's own decision, so it
is True exactly for the shares GR632 passes or fails.  Invented reports (no
real or evaluation text)."""

from __future__ import annotations

import importlib

import pytest

import gireport
from gireport.testing import render

from test_tables_blanks import BASE, _swap

checked_by_gr632 = importlib.import_module("gireport.audit.rules.tables_narrative").checked_by_gr632

ANCHOR = "2021年，全县因政府信息公开工作"


def _audit(tmp_path, src, select=("GR632",)):
    p = tmp_path / "r.html"
    render(src, "html", path=str(p))
    return gireport.audit(p, select=list(select))


def _share(report, pct_text):
    got = [c for c in report.claims.of("share") if c.percent is not None and c.percent.text == pct_text]
    assert len(got) == 1, [c.percent.text for c in report.claims.of("share") if c.percent is not None]
    return got[0]


def _decided(audit):
    """Percent spans GR632 passed or failed."""
    return {(e.start, e.end) for v in audit.verdicts if v.code == "GR632" and v.status in ("pass", "fail") for e in v.evidence}


# the table: 予以公开 71, 办理结果总计 177, 新收 174, 上年结转 7
CASES = [
    ("予以公开的申请71件，占40.1%。", "40.1%", True),  # 71 / 177: GR632 passes it
    ("予以公开的申请71件，占47.3%。", "47.3%", True),  # fits no denominator: GR632 fails it
    ("县卫健局本级收到申请12件，占6.9%。", "6.9%", False),  # a part of the organ: untestable there
    ("全县新建便民服务点12个，占6.9%。", "6.9%", False),  # not about applications: not GR632's
    ("予以公开的申请71件，占办结申请177件的40.1%。", "40.1%", False),  # its whole is stated
    ("信函申请中通过邮政特快寄送的8件，占66.7%。", "66.7%", False),  # a sub-population's share: not of a table total
    ("法人申请当中，要求公开规划许可的5件，占45.5%。", "45.5%", False),  # the same with 当中 and a comma
    ("收到的申请中，予以公开的71件，占40.1%。", "40.1%", True),  # all the applications received: the table's own total
]


@pytest.mark.parametrize("sentence, pct, expected", CASES)
def test_checked_by_gr632(tmp_path, sentence, pct, expected):
    a = _audit(tmp_path, _swap(BASE, ANCHOR, sentence + ANCHOR))
    sh = _share(a.report, pct)
    assert checked_by_gr632(a.report, sh) is expected
    # the same decision GR632 took
    assert ((sh.percent.start, sh.percent.end) in _decided(a)) is expected


def test_no_table_no_check(tmp_path):
    src = _swap(BASE, ANCHOR, "予以公开的申请71件，占40.1%。" + ANCHOR)
    i = src.index("| 一、本年新收")
    j = src.index("\n", src.index("| 四、结转下年度"))
    a = _audit(tmp_path, src[:i] + src[j + 1 :])
    assert a.report.table("applications") is None or not a.report.table("applications").cells
    assert not checked_by_gr632(a.report, _share(a.report, "40.1%"))


def test_agrees_with_gr632_on_every_share(tmp_path):
    sentences = "".join(s for s, _, _ in CASES[:3]) + "予以公开71件、部分公开14件，两项合计占48.0%。"
    a = _audit(tmp_path, _swap(BASE, ANCHOR, sentences + ANCHOR))
    decided = _decided(a)
    shares = [c for c in a.report.claims.of("share") if c.percent is not None]
    assert len(shares) >= 4
    for c in shares:
        assert checked_by_gr632(a.report, c) == ((c.percent.start, c.percent.end) in decided), c.percent.text
