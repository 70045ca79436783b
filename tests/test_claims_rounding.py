"""The rounding policy of the share and change rules (GR201, GR501).

Under ``convention`` half-up and truncation are both accepted printing
conventions: a figure only truncation explains is an info note, a figure one
unit off in its last printed digit a warning, a larger miss an error.  A
strict mode (``half_up``) keeps every miss an error.  Invented examples."""

from __future__ import annotations

import pytest

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _findings(body: str, rounding: str, select=("GR201",)):  # type: ignore[no-untyped-def]
    return gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=list(select), rounding=rounding).findings


def _severity(body: str, rounding: str) -> str | None:
    fs = _findings(body, rounding)
    assert len(fs) <= 1, fs
    return fs[0].severity if fs else None


# 2 of 3 = 66.67%: 66.7% half up, 66.6% truncated.
TRUNC = "全年办结申请3件,其中予以公开2件,占66.6%;部分公开1件,占33.3%。"
# 41 of 130 = 31.54%: 31.5% either way; 31.6% is one unit off.
ONE_OFF = "全年办结申请130件,其中予以公开41件,占31.6%;部分公开89件,占68.5%。"
# 41 of 130 printed 33.8%: far off.
FAR = "全年办结申请130件,其中予以公开41件,占33.8%;部分公开89件,占68.5%。"


@pytest.mark.parametrize(
    "body, graded, strict",
    [(TRUNC, "info", "error"), (ONE_OFF, "warning", "error"), (FAR, "error", "error")],
)
def test_graded_under_convention_strict_under_half_up(body: str, graded: str, strict: str) -> None:
    assert _severity(body, "convention") == graded
    assert _severity(body, "half_up") == strict


def test_consistent_share_passes_in_every_mode():
    body = "全年办结申请130件,其中予以公开41件,占31.5%;部分公开89件,占68.5%。"
    for mode in ("convention", "half_up", "either"):
        assert not _findings(body, mode, ("GR2", "GR3")), mode


def test_growth_rate_graded_too():
    # 64 vs 50: +28.0%; printed 28.1% is one unit off.
    fs = _findings("全年收到申请64件,较上年的50件增长28.1%。", "convention", ("GR501",))
    assert [f.severity for f in fs] == ["warning"]
    fs = _findings("全年收到申请64件,较上年的50件增长28.1%。", "half_up", ("GR501",))
    assert [f.severity for f in fs] == ["error"]
