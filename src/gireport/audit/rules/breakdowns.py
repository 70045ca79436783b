"""Breakdown rules over text claims (family ``breakdowns``, GR3xx): the
parts of a total against the total (GR301)."""

from __future__ import annotations

from decimal import Decimal

from ..arith import interval_mode
from ..registry import rule
from ._claims_common import _span, _sum_interval

@rule(
    "GR301",
    name="breakdown-sum",
    family="breakdowns",
    severity="error",
    message="{subject}各分项之和为{reported},与总数{total}不符{why}",
    message_en="the parts of {subject} add up to {reported}, not the stated total {total}{why_en}",
    options={"tolerance": "0"},
    builtin=True,
)
def breakdown_sum(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The parts of a breakdown do not add up to the stated total.

    What it does:
        For a total followed by its parts ("总数3521条。其中…2304条,…1217条"),
        adds the parts and compares with the total.  Exact counts must match
        exactly; approximate numbers ("30余万", "50多") are compared as
        intervals and reported only when no values inside them reconcile the
        parts with the total.  Parts that exceed the total are always
        reported; parts that fall short are reported only when the text
        signals that they are complete (分别, 其他/其余, shares on every part).

    Why it matters:
        A breakdown that does not add up means a miscounted part or total; it
        is the most common arithmetic slip in these reports.

    Example:
        全年共受理政府信息公开申请58件,其中当面申请20件,网络申请30件,信函申请10件。
        → error, reported 60件, expected 58件 (the parts add up to 60, the total is 58)

    Consistent example:
        全年主动公开政府信息3521条。其中县政府门户网站公开2304条,各部门网站公开1217条。

    Readings:
        The total is the count before 其中 in its sentence, or in the previous
        sentence when 其中 opens its own (a count that is itself a listed
        part, or that the parts exceed, is not taken from there); "办结的83件
        中," opens a list like 其中.  After several counts of one sentence
        ("新收13件,上年结转4件,其中…"), each of them and the sums of the last
        few are candidate totals (and, when the only count before 其中 is
        an addendum such as 上年结转, the previous sentence's counts): parts
        exceeding the nearest (and still exceeding it once the list is
        cut where it runs into another clause) are read
        against an earlier one that can hold them, and a shortfall against
        such a guessed total is only a warning.  A list stops at its total, at a clause
        about what lies outside it ("另有…结转", "剩余…"), at another measure
        word or a new total, and never runs into a sentence stating its own
        base ("本年新收的16件申请中,…").  A list opened by 具体为 / 分别是 / 分别为 / 分为:
        right after a count (in its sentence or closing the previous one:
        "发布信息412条,具体为:A…条、B…条") breaks that count down
        like 其中.  A list followed by its own 合计/共计/总计/共 N ("按栏目分,
        A…条、B…条、C…条,合计580条", or "…C…条。合计580条。") is the whole of
        that N; it runs from the
        last colon, classification or 其中 before it, and is read only when
        every number in that stretch is a part.  The list is complete when it adds up, says so
        (分别/分别为, a 具体为/分别是 list closing its sentence with a full
        stop, a closing 其他/其余), or carries shares
        reaching 100% within rounding; a list marked complete that falls
        short of its total is an error.  Three or more parallel parts closing
        the sentence (or followed only by a rate of the whole, "…,按期办结率
        98.6%") are read as complete from their shape alone only when
        they cover at least nine tenths of the total, and a shortfall against
        such an inferred reading is only a warning.  A sentence opened by a
        classification ("按申请方式分,", "从申请渠道看,") whose counts follow
        classifies a count stated before it in the paragraph: the list is
        that count's breakdown when it adds up to one of the earlier counts
        (or to two stated side by side, 新收 + 上年结转); otherwise it is read
        against the nearest total (a count cued as one, or the first count of
        its sentence) when it exceeds it or covers nine tenths of it, and a
        contradiction is only a warning (the total is inferred).  The list
        ends at ; or at the next classification.

    Known exceptions:
        "其中" may introduce a subset ("其中规范性文件106条") — a single part or
        parts that do not claim to be complete are only checked not to
        exceed the total.  A few topic categories far short of their total
        ("信息520条,其中人事任免类148条、预算决算类97条、规划计划类63条")
        are a selection, partial, and not reported; so is a list after a
        主要涉及…等 clause ("主要涉及A、B等方面,其中…").  Parts may legitimately exceed it when they count
        per channel (网站, 微信, 电子屏 each carrying the same items, or a note
        like "同一信息多平台发布只计一次", also in the sentence after the list), when they count consultations per
        channel (电话咨询…、网上咨询…: one person may ask both ways), when a part is followed by its own
        sub-parts (新收64件,公民个人51件,…), restates a sub-category (无法提供11件,
        因本机关不掌握…无法提供9件), when exactly one part's removal makes the
        total (a kind counted inside another part: 解读类 within 政务信息), or
        when the list runs on past a prefix that makes the total into another
        classification; none of these is reported.  Approximate totals ("约3,800人次", "200余条") are no exact
        sums: untestable.  Tables converted between units with forced
        balancing (舍位平衡) may be off by one in the last digit: set the
        ``tolerance`` option.

    Options:
        tolerance: an absolute difference between the parts and the total
        that is accepted (default "0").
    """
    tol = Decimal(str(ctx.options.get("tolerance", "0")))
    mode = interval_mode(ctx)
    for bd in report.claims.of("breakdown"):
        if bd.total is None or not bd.parts:
            continue
        exact = all(n.approx is None for n in [bd.total, *bd.parts])
        parts_sum = sum((p.value for p in bd.parts), Decimal(0))
        ok, exceeds = _reconciles(bd, parts_sum, exact, tol, mode)
        if ok:
            ctx.ok(spans=[_span(bd.total)] + [_span(p) for p in bd.parts], reading=bd.cue)
            continue
        if bd.total.approx is not None:
            # "约3,800人次" / "200余条" with its parts: a rounded total, not an exact sum
            ctx.untestable("approximate total", spans=[_span(bd.total)], reading=bd.cue)
            continue
        why = _why_untestable(bd, exceeds)
        if why:
            ctx.untestable(why)
            continue
        _fail(ctx, bd, parts_sum, exact, exceeds)


def _reconciles(bd, parts_sum: Decimal, exact: bool, tol: Decimal, mode: str) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """(whether the parts reconcile with the total, whether they exceed
    it): exact counts within ``tol``, approximate ones as intervals that
    overlap (exceeding when the parts' least sum reaches the total's most)."""
    if exact:
        return abs(parts_sum - bd.total.value) <= tol, parts_sum > bd.total.value + tol
    s_iv = _sum_interval(bd.parts, mode)
    t_iv = bd.total.interval(mode)
    ok = s_iv.overlaps(t_iv)
    return ok, not ok and s_iv.lo >= t_iv.hi


def _why_untestable(bd, exceeds: bool) -> str | None:  # type: ignore[no-untyped-def]
    """Why a breakdown that does not reconcile is no finding (its parts may
    overlap, or fall short of a total they do not claim to cover), or None."""
    if getattr(bd, "overlap", False):
        return "parts may overlap (counts per channel)"
    if not exceeds and not bd.complete:
        return "partial breakdown"
    return None


def _fail(ctx, bd, parts_sum: Decimal, exact: bool, exceeds: bool) -> None:  # type: ignore[no-untyped-def]
    """Report a breakdown whose parts do not add up to its total.  A
    shortfall against a list only inferred to be complete, or any
    contradiction of a total read from the text before the list, rests on
    an inferred reading: at most a warning, saying which."""
    total_inferred = getattr(bd, "total_inferred", False)
    inferred = (not exceeds and getattr(bd, "inferred", False)) or total_inferred
    ctx.fail(
        [_span(bd.total)] + [_span(p) for p in bd.parts],
        reported=f"{parts_sum}{bd.total.unit or ''}" if exact else f"{'+'.join(p.text for p in bd.parts)}",
        expected=bd.total.text,
        subject=bd.subject or "该项",
        total=bd.total.text,
        why=_WHY[total_inferred][0] if inferred else "",
        why_en=_WHY[total_inferred][1] if inferred else "",
        reading=bd.note or bd.cue,
        severity="warning" if inferred else None,
    )


#: The note on an inferred reading, by whether the total (True) or the
#: list's completeness (False) was inferred: (Chinese, English).
_WHY = {
    True: ("(总数按前文所述推断)", " (the total is read from the text before the list)"),
    False: ("(所列分项按行文推断为完整列举)", " (the list is read as complete from its form, which the text does not state)"),
}
