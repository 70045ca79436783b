"""Claim extraction is linear in the paragraph: a 28 KB paragraph of 800
其中 sentences (synthetic) is audited quickly, and four times the text costs
about four times the time, not sixteen (quadratic) or sixty-four (cubic)."""

from __future__ import annotations

import time

import gireport
from gireport.claims.extract import extract_claims

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _para(n: int) -> str:
    return "".join(f"第{i}批公开信息{100 + i}条,其中网站发布{60 + i}条,占{(60 + i) * 100 // (100 + i)}%,微信发布40条。" for i in range(n))


class _P:
    def __init__(self, text: str) -> None:
        self.text, self.start, self.end, self.section = text, 0, len(text), "proactive"


def _time(n: int) -> float:
    p = _para(n)
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        claims, _found = extract_claims(p, [_P(p)])
        best = min(best, time.perf_counter() - t)
    assert sum(1 for c in claims if c.type == "breakdown") >= n
    return best


def test_long_paragraph_of_breakdowns_audits_fast():
    body = _para(800)
    assert len(body) > 28_000
    t = time.perf_counter()
    a = gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=["GR2", "GR3", "GR4", "GR5"])
    elapsed = time.perf_counter() - t
    assert len(a.report.claims.of("breakdown")) >= 800
    assert elapsed < 5, elapsed  # ~90 s before extraction was made linear


def test_extraction_scales_linearly():
    _time(20)  # warm up (dictionaries, regex caches)
    small, large = _time(300), _time(1200)
    assert large < 10 * small + 0.05, (small, large)


def test_named_parts_and_wholes_stay_linear():
    # a part or whole named in words looks back a bounded way: a dense
    # paragraph of them does not cost quadratic time
    def run(n: int) -> float:
        body = "".join(f"规划类{50 + i % 7}条,规划类信息占全部主动公开信息的{i % 9}.2%,予以公开{i % 5 + 1}件,占全部答复的3{i % 10}.0%," for i in range(n))
        p = body + "。"
        t = time.perf_counter()
        extract_claims(p, [_P(p)])
        return time.perf_counter() - t

    small, big = run(300), run(1200)
    assert big < 8 * max(small, 0.01)


def test_one_endless_sentence_of_lists_costs_linear_work(monkeypatch):
    """A paragraph of 其中 lists run together with ";" is one sentence: each
    其中 may only look back over a bounded number of earlier numbers for its
    total, and bracket depths are looked up, not recounted (the numbers
    looked at are counted, not the time)."""
    import importlib

    breakdown = importlib.import_module("gireport.claims.breakdown")
    seen = {"n": 0}
    real = breakdown._depth

    def counting(text, a, b):  # type: ignore[no-untyped-def]
        seen["n"] += 1
        return real(text, a, b)

    monkeypatch.setattr(breakdown, "_depth", counting)
    unit = "全年共受理申请40件,其中予以公开30件,占75%,部分公开5件,占12.5%;"
    work = {}
    for n in (100, 1000):
        seen["n"] = 0
        p = "".join(unit for _ in range(n))
        claims, _found = extract_claims(p, [_P(p)])
        assert sum(1 for c in claims if c.type == "breakdown") >= n
        work[n] = seen["n"]
    assert work[1000] <= 12 * work[100], work


def test_bracket_depth_lookups_agree_with_counting():
    """The depth looked up from a paragraph's bracket marks is the count of
    opening minus closing brackets in the slice (random texts, seeded)."""
    import random

    from gireport.claims.common import _depth, _depth_signed

    rng = random.Random(7)
    for _ in range(2000):
        t = "".join(rng.choice("甲乙(（)）1,") for _ in range(rng.randint(0, 40)))
        a, b = rng.randint(0, len(t)), rng.randint(0, len(t))
        seg = t[a:b]
        want = seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")
        assert _depth_signed(t, a, b) == want and _depth(t, a, b) == max(0, want), (t, a, b)
