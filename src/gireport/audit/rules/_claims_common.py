"""Helpers shared by the arithmetic rules over text claims (shares,
breakdowns, enumerations, changes): spans, approximate numbers, interval
sums and the severity grading of rounding misses."""

from __future__ import annotations

import re
from dataclasses import replace

from ...numbers import Interval
from ..arith import grade_ratio, share_of
from ... import lazyre

__all__ = ["_span", "_approx", "_sum_interval", "_graded_severity", "_fitting_alternative", "_open_reading", "_STATED_WHOLES"]


def _span(n):  # type: ignore[no-untyped-def]
    return (n.start, n.end)


def _approx(*nums) -> bool:  # type: ignore[no-untyped-def]
    return any(n is not None and (n.approx is not None or n.kind not in ("percent", "permille", "points") and not _stands_exact(n)) for n in nums)


def _stands_exact(n) -> bool:  # type: ignore[no-untyped-def]
    """Whether a number with no hedge stands for its value alone.  A number
    that is neither rounded, a range nor a fraction (a count or amount
    printed in full, a year, an id …) does, and is answered without
    building its interval; any other number by its interval."""
    if n.value_hi is None and n.kind != "fraction" and not n.is_rounded:
        return True
    return n.interval("half_up").is_exact


#: Wholes read from the text's own words; any other whole is inferred.
_STATED_WHOLES = ("explicit", "breakdown", "parts-total")


def _graded_severity(grade: str, whole_source: str) -> str | None:
    """The severity of a rounding miss: ``info`` when only truncation explains
    the figure, ``warning`` when it is one unit off in its last digit, and for
    a larger miss the rule's own severity — at most a warning when the whole
    was inferred (a scope phrase, the sum of a list) rather than stated."""
    if grade in ("info", "warning"):
        return grade
    return None if whole_source in _STATED_WHOLES else "warning"


def _fitting_alternative(c, pct, scale, modes):  # type: ignore[no-untyped-def]
    """Another plausible whole of the share under which its percentage fits
    (a share fails only when no reading of it is consistent), or another
    plausible part (``alt_parts``: the sum of the list the part closes)
    under which it fits with one of its wholes."""
    for w in getattr(c, "alt_wholes", ()):
        if w.value > 0 and w.approx is None and grade_ratio(share_of(c.part.value, w.value, scale), pct, modes) == "ok":
            return w
    whole = c.whole_exact
    wholes = ([c.whole] if c.whole is not None else []) + list(getattr(c, "alt_wholes", ()))
    for p in getattr(c, "alt_parts", ()):
        for w in wholes:
            if w.value > 0 and w.approx is None and grade_ratio(share_of(p.value, w.value, scale), pct, modes) == "ok":
                return p
        if c.whole is None and whole is not None and whole > 0 and grade_ratio(share_of(p.value, whole, scale), pct, modes) == "ok":
            return p
    return None


def _open_reading(c):  # type: ignore[no-untyped-def]
    """A share left open by the text (a single "…18件,占比40.0%") whose
    candidate wholes were read from context (``alt_wholes``): a copy reading
    the first candidate as its whole, the others as alternatives — an
    inferred reading (at most a warning, failing only when none fits).  The
    claim itself stays unresolved, so the table stage still checks it."""
    first, *rest = c.alt_wholes
    return replace(c, whole=first, alt_wholes=list(rest), whole_source="context")


def _sum_interval(nums, rounding: str) -> Interval:  # type: ignore[no-untyped-def]
    acc = Interval.point(0)
    for n in nums:
        acc = acc.add(n.interval(rounding))
    return acc


#: A part of the year a count is about ("上半年…收到申请7件", "第一季度…",
#: "1至6月…", "3月份…"): it is no restatement of the year's total.
_SUB_PERIOD_RE = lazyre.compile_std(r"上半年|下半年|[第前]?[一二三四1-4][季个]度|前三季度|上旬|中旬|下旬|年中")
_MONTH = r"(?:1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])"
_MONTH_RANGE_RE = lazyre.compile_std(rf"(?<![0-9〇零一二三四五六七八九十])({_MONTH})月?(?:份)?\s*[至到\-—－~]\s*({_MONTH})月")
_ONE_MONTH_RE = lazyre.compile_std(rf"(?<![0-9〇零一二三四五六七八九十年])({_MONTH})月(?:份|以来)")
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _CN_MONTH.get(s, 0)


_WHOLE_YEAR_RE = lazyre.compile_std(r"全年|本年度|全年度|年度内|一年来|本年")


def sub_period(sentence: str, clause: str = "") -> bool:
    """Whether a sentence speaks of a part of the year (a half, a quarter,
    a month or months short of January to December), so that its counts
    are not the year's — unless the count's own ``clause`` names the whole
    year ("…下半年又收到21件,全年共收到36件")."""
    if clause and _WHOLE_YEAR_RE.search(clause):
        return False
    if _SUB_PERIOD_RE.search(sentence) or _ONE_MONTH_RE.search(sentence):
        return True
    return any((_month(m.group(1)), _month(m.group(2))) != (1, 12) for m in _MONTH_RANGE_RE.finditer(sentence))
