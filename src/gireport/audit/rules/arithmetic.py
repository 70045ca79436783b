"""Arithmetic rules over text claims: shares, breakdowns, enumerations and
year-on-year changes (families ``shares`` GR2xx, ``breakdowns`` GR3xx,
``enumerations`` GR4xx, ``changes`` GR5xx)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ...numbers import Interval
from ..arith import fmt_decimal, fmt_percent, grade_ratio, interval_mode, parts_for_percent, rounding_modes
from ..registry import rule


def _span(n):  # type: ignore[no-untyped-def]
    return (n.start, n.end)


def _approx(*nums) -> bool:  # type: ignore[no-untyped-def]
    return any(n is not None and (n.approx is not None or not n.interval("half_up").is_exact and n.kind not in ("percent", "permille", "points")) for n in nums)


@rule(
    "GR201",
    name="share-mismatch",
    family="shares",
    severity="error",
    message="{part}占{whole}的比例应为{expected},报告写{reported};{need}",
    message_en="{part} of {whole} is {expected}, not {reported}; {need_en}",
    builtin=True,
)
def share_mismatch(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A percentage does not match its part and whole, beyond rounding.

    What it does:
        For every share claim whose part and whole are known ("…155条,所占比例
        7.2%" with the whole 3521 resolved from context), computes part/whole
        exactly and checks that it falls in the interval the printed
        percentage stands for ("7.2%" is [7.15%, 7.25%) under half-up
        rounding).  The message gives the true share and the range of parts
        that would be consistent with the printed percentage.

    Why it matters:
        A wrong share misstates the weight of a category of disclosed
        information; it usually comes from a miscounted part or a percentage
        copied from an older draft.

    Example:
        县本级主动公开政府信息总数3521条……涉及与公众密切相关重大事项的信息155条,所占比例7.2%
        (155/3521 is 4.4%; 7.2% would need 252–255 of 3521)

    Consistent example:
        涉及各类规划、计划和完成情况的信息207条,占比例5.9%   (207/3521 = 5.88%)

    Readings:
        A share keeps every plausible whole: an explicit one ("占全部3521条的"),
        the total of the breakdown that lists the part, a stated total its
        list of parts adds up to, a scope phrase ("在…425条政府信息中"), the
        sum of a list whose percentages reach 100%, and — for a list of bare
        shares ("…13件,占35.1%;…4件,占10.8%") — the totals stated before it
        in the paragraph and the section.  The share fails only when no
        reading fits, and the message names the readings tried.  A failure
        resting on a whole inferred from context (a scope phrase, the sum of
        a list, a total stated earlier) is at most a warning.

    Rounding:
        Under the ``convention`` policy half-up (四舍五入) and truncation (截尾)
        are both accepted printing conventions: a figure only truncation
        explains (2 of 3 printed 66.6%) is an info note, a figure one unit
        off in its last printed digit beyond both (31.53% printed 31.6%; 97 of
        3,521 printed 2.9%) a warning, and anything larger an error.  A
        strict mode (``--rounding half_up``, ``half_even``, ``truncate``)
        reports every figure outside that one rounding as an error.

    Known exceptions:
        A share whose whole the text leaves open (a single "占x%" with no
        whole named, or a whole named in words only) is untestable, never
        guessed; the table stage checks such shares against the statistics
        table.  Shares with an approximate part or whole ("约", "余", "多")
        are untestable.
    """
    for c in report.claims.of("share"):
        pct = c.percent
        if pct is None:
            continue
        if c.part is None:
            ctx.untestable("no part stated")
            continue
        if not c.resolved:
            ctx.untestable("whole not resolved")
            continue
        if _approx(c.part, pct, c.whole):
            ctx.untestable("approximate number")
            continue
        whole = c.whole_exact
        if whole is None or whole <= 0:
            ctx.untestable("zero whole")
            continue
        scale = 1000 if pct.kind == "permille" else 100
        ratio = Fraction(c.part.value) * scale / Fraction(whole)
        modes = rounding_modes(ctx)
        spans = [_span(c.part), _span(pct)]
        if c.whole is not None:
            spans.append(_span(c.whole))
        reading = f"whole {c.whole.text if c.whole is not None else whole} ({c.whole_source}: {c.whole_note})"
        grade = grade_ratio(ratio, pct, modes)
        alt = None if grade == "ok" else _fitting_alternative(c, pct, scale, modes)
        if grade == "ok" or alt is not None:
            ctx.ok(spans=spans, reading=reading if alt is None else f"whole {alt.text} (another plausible whole)")
            continue
        iv = pct.interval(modes[0])
        need = parts_for_percent(iv, whole, scale)
        unit = c.part.unit or ""
        whole_txt = c.whole.text if c.whole is not None else f"{whole}(各项之和)"
        if need is None:
            need_zh = f"{whole_txt}中没有整数个能得到{pct.text}"
            need_en = f"no whole number of {whole_txt} gives {pct.text}"
        else:
            a, b = need
            rng = f"{a}" if a == b else f"{a}–{b}"
            need_zh = f"{pct.text}需要{whole_txt}中的{rng}{unit}"
            need_en = f"{pct.text} would need {rng} of {whole_txt}"
        if c.whole_source not in _STATED_WHOLES:
            alts = "、".join(a.text for a in getattr(c, "alt_wholes", ()))
            need_zh += f"(总数{whole_txt}系由上下文推断" + (f",另试{alts}亦不符" if alts else "") + ")"
            need_en += f" (the whole {whole_txt} is inferred from context" + (f"; also tried {alts}" if alts else "") + ")"
        if grade == "info":
            need_zh += "(截尾可得此值)"
            need_en += " (truncation gives this figure)"
        sign = "‰" if scale == 1000 else "%"
        expected = fmt_decimal(ratio, pct.decimals, modes[0]) + sign
        ctx.fail(
            spans,
            reported=pct.text,
            expected=expected,
            part=c.part.text,
            whole=whole_txt,
            need=need_zh,
            need_en=need_en,
            whole_source=c.whole_source,
            severity=_graded_severity(grade, c.whole_source),
            reading=reading,
        )


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
    (a share fails only when no reading of it is consistent)."""
    for w in getattr(c, "alt_wholes", ()):
        if w.value > 0 and w.approx is None and grade_ratio(Fraction(c.part.value) * scale / Fraction(w.value), pct, modes) == "ok":
            return w
    return None


def _sum_interval(nums, rounding: str) -> Interval:  # type: ignore[no-untyped-def]
    acc = Interval.point(0)
    for n in nums:
        acc = acc.add(n.interval(rounding))
    return acc


@rule(
    "GR202",
    name="shares-sum",
    family="shares",
    severity="warning",
    message="同一分项的比例合计为{reported},在舍入范围{interval}内不等于100%",
    message_en="the shares of one breakdown sum to {reported}; within rounding ({interval}) that is not 100%",
    options={"tolerance": "0"},
    builtin=True,
)
def shares_sum(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The shares of a complete breakdown do not sum to 100% within the
    rounding of its parts.

    What it does:
        For a breakdown whose parts cover its total (the parts add up to the
        stated total, or the list ends with 其他/其余) and every part carries a
        percentage, adds the intervals the printed percentages stand for and
        checks that 100% lies in the sum.

    Why it matters:
        Shares of one whole must add up to the whole; a sum of 103% shows at
        least one wrong percentage even when each part's own check cannot
        tell which.

    Example:
        3%、5.9%、7.2%、1.6%、1.4%、2.9%、81% of 3521 items sum to 103.0%

    Consistent example:
        不超过20个工作日的3518件,比例99.9%,超过20个工作日的3件,比例0.1%

    Known exceptions:
        Independently rounded percentages may legitimately miss 100% by up to
        half a unit of the last digit per part; that slack is allowed.
        Partial breakdowns (其中 listing only some parts, a 主要类别 list whose
        shares are right but do not cover the whole) are not checked.  A list
        is complete when its parts add up to the total, when it ends with
        其他/其余, or when a classification heads it ("按办理结果分,",
        "从申请渠道看,"); under the ``convention`` rounding policy each share
        stands for the hull of its half-up and truncated intervals.

    Options:
        tolerance: percentage points of extra slack around 100% (default "0").
    """
    for bd in report.claims.of("breakdown"):
        shares = bd.shares
        if not bd.complete or len(shares) < 2 or any(s is None for s in shares):
            continue
        if any(s.approx is not None for s in shares):
            ctx.untestable("approximate percentage")
            continue
        total = _sum_interval(shares, interval_mode(ctx))
        tol = Decimal(str(ctx.options.get("tolerance", "0")))
        if total.contains(Decimal(100)) or (tol > 0 and total.overlaps(Interval.closed(100 - tol, 100 + tol))):
            ctx.ok()
            continue
        printed = sum((s.value for s in shares), Decimal(0))
        dec = max(s.decimals for s in shares)
        ctx.fail(
            [_span(s) for s in shares],
            reported=fmt_decimal(Fraction(printed), dec) + "%",
            expected="100%",
            interval=str(total),
        )


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
        共受理政府信息公开申请58件,其中当面申请20件,网络申请30件,信函申请10件 (60, not 58)

    Consistent example:
        县本级主动公开政府信息总数3521条。其中县政府信息网公开2304条,政府网站及各部门网站公开1217条

    Readings:
        The total is the count before 其中 in its sentence, or in the previous
        sentence when 其中 opens its own (a count that is itself a listed
        part, or that the parts exceed, is not taken from there); "办结的126件
        中," opens a list like 其中.  A list stops at its total, at a clause
        about what lies outside it ("另有…结转", "剩余…"), at another measure
        word or a new total.  The list is complete when it adds up, says so
        (分别, a closing 其他/其余), or carries shares reaching 100%; three or
        more parallel parts closing the sentence are read as complete too,
        but a shortfall against such an inferred reading is only a warning.

    Known exceptions:
        "其中" may introduce a subset ("其中规范性文件106条") — a single part or
        parts that do not claim to be complete are only checked not to
        exceed the total.  Parts may legitimately exceed it when they count
        per channel (网站, 微信, 电子屏 each carrying the same items, or a note
        like "不同渠道公开相同信息计1条"), when a part is followed by its own
        sub-parts (新收102件,自然人87件,…), restates a sub-category (无法提供9件,
        因本机关不掌握…无法提供7件), or when the list runs on past a prefix that
        makes the total into another classification; none of these is
        reported.  Approximate totals ("约3,800人次", "200余条") are no exact
        sums: untestable.  Tables converted between units with forced
        balancing (舍位平衡) may be off by one in the last digit: set the
        ``tolerance`` option.

    Options:
        tolerance: an absolute difference between the parts and the total
        that is accepted (default "0").
    """
    for bd in report.claims.of("breakdown"):
        if bd.total is None or not bd.parts:
            continue
        exact = all(n.approx is None for n in [bd.total, *bd.parts])
        parts_sum = sum((p.value for p in bd.parts), Decimal(0))
        tol = Decimal(str(ctx.options.get("tolerance", "0")))
        if exact:
            ok = abs(parts_sum - bd.total.value) <= tol
            exceeds = parts_sum > bd.total.value + tol
        else:
            s_iv = _sum_interval(bd.parts, interval_mode(ctx))
            t_iv = bd.total.interval(interval_mode(ctx))
            ok = s_iv.overlaps(t_iv)
            exceeds = not ok and s_iv.lo >= t_iv.hi
        if ok:
            ctx.ok(spans=[_span(bd.total)] + [_span(p) for p in bd.parts], reading=bd.cue)
            continue
        if bd.total.approx is not None:
            # "约3,800人次" / "200余条" with its parts: a rounded total, not an exact sum
            ctx.untestable("approximate total", spans=[_span(bd.total)], reading=bd.cue)
            continue
        if getattr(bd, "overlap", False):
            ctx.untestable("parts may overlap (counts per channel)")
            continue
        if not exceeds and not bd.complete:
            ctx.untestable("partial breakdown")
            continue
        unit = bd.total.unit or ""
        # A shortfall against a list only inferred to be complete rests on
        # an inferred reading: at most a warning.
        severity = "warning" if not exceeds and getattr(bd, "inferred", False) else None
        inferred = severity is not None
        ctx.fail(
            [_span(bd.total)] + [_span(p) for p in bd.parts],
            reported=f"{parts_sum}{unit}" if exact else f"{'+'.join(p.text for p in bd.parts)}",
            expected=bd.total.text,
            subject=bd.subject or "该项",
            total=bd.total.text,
            why="(所列分项按行文推断为完整列举)" if inferred else "",
            why_en=" (the list is read as complete from its form, which the text does not state)" if inferred else "",
            reading=bd.note or bd.cue,
            severity=severity,
        )


@rule(
    "GR401",
    name="enumeration-count",
    family="enumerations",
    severity="error",
    message="写明{reported},实际列出{expected}项:{items}",
    message_en="states {reported} but lists {expected}: {items}",
    builtin=True,
)
def enumeration_count(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A stated count differs from the number of items listed.

    What it does:
        Matches a count with a measure word ("八项具体制度", "两个科室",
        "三项措施") to the items listed with it — 《…》 titles joined by 、, an
        "分别是A、B" list, "一是…二是…" or "(1)…(2)…" markers, or a
        parenthetical list — and compares the numbers.

    Why it matters:
        A count that disagrees with its own list tells the reader that an
        item was dropped or added after the sentence was written.

    Example:
        制定了《A办法》、《B办法》、《C制度》等四项制度 (three titles)

    Consistent example:
        印发了《…依申请公开工作办法》…《…举报受理制度》八项具体制度 (eight titles)

    Known exceptions:
        "等N项" can mean the list is abbreviated; such counts larger than the
        list are reported only when the list is not closed by 等.
    """
    for en in report.claims.of("enumeration"):
        if en.count is None or not en.items or en.style == "parts":
            continue  # the declared outline is GR101's
        n = int(en.count.value)
        k = len(en.items)
        if n == k:
            ctx.ok()
            continue
        text = report.text
        if n > k and "等" in text[en.items[-1].end : en.count.start]:
            ctx.untestable("list abbreviated with 等")
            continue
        ctx.fail(
            [_span(en.count)] + [(i.start, i.end) for i in en.items],
            reported=en.count.text,
            expected=str(k),
            items="、".join(i.text for i in en.items)[:120],
        )


@rule(
    "GR501",
    name="change-mismatch",
    family="changes",
    severity="error",
    message="{what}:按{basis}计算应为{expected},报告写{reported}",
    message_en="{what_en}: from {basis_en} it is {expected}, not {reported}",
    builtin=True,
)
def change_mismatch(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A year-on-year change does not match the values it relates.

    What it does:
        For change claims with enough numbers — this year's value and the
        change ("1200条,比去年增加150条,同比增长12.5%"), or last year's and this
        year's values — recomputes last year's value, the absolute change and
        the growth rate exactly, and checks the stated ones within rounding.

    Why it matters:
        Growth rates are quoted in summaries and press releases; a wrong one
        misleads more readers than any other number.

    Example:
        全年公开信息1200条,比去年增加150条,同比增长15% (150/1050 is 14.3%)

    Consistent example:
        全年公开信息1200条,比去年增加150条,同比增长14.3%

    Readings:
        Last year's value is read between the cue and the verb ("较上年的38件
        增长34.2%", "较上年(5件)增加2件"), in brackets after the figures ("同比
        增长8%(上年为120条)"), or stated before the cue in its own clause
        ("上年为50件,同比增长28.0%"); carry-overs (上年结转) are never a base.
        The change and rate are the figures right after the verb; a number
        in a later clause ("同比增长8%,其中予以公开30件") is not read as one.

    Rounding:
        As GR201: under ``convention`` a rate only truncation explains is an
        info note, one unit off in its last digit a warning.

    Known exceptions:
        Rates of approximate numbers, changes whose base is not stated in the
        sentence, changes of several subjects at once ("分别增加5件和6件")
        and changes in percentage points are untestable.
    """
    for ch in report.claims.of("change"):
        after, before, delta, rate = ch.after, ch.before, ch.delta, ch.rate
        if rate is not None and rate.kind not in ("percent", "permille"):
            rate = None
        if _approx(after, before, delta, rate):
            ctx.untestable("approximate number")
            continue
        d = ch.direction
        if after is not None and before is not None and delta is not None:
            real = after.value - before.value
            if real == d * delta.value:
                ctx.ok()
            else:
                ctx.fail(
                    [_span(before), _span(after), _span(delta)],
                    reported=delta.text,
                    expected=f"{abs(real)}{delta.unit or ''}",
                    what="变化量",
                    what_en="the change",
                    basis=f"{before.text}→{after.text}",
                    basis_en=f"{before.text} → {after.text}",
                )
            continue
        if rate is None:
            ctx.untestable("no rate to check")
            continue
        if after is not None and delta is not None:
            base = after.value - d * delta.value
            change = d * delta.value
            basis = f"{after.text}与{delta.text}"
            basis_en = f"{after.text} and a change of {delta.text}"
            spans = [_span(after), _span(delta), _span(rate)]
        elif after is not None and before is not None:
            base = before.value
            change = after.value - before.value
            basis = f"{before.text}→{after.text}"
            basis_en = basis
            spans = [_span(before), _span(after), _span(rate)]
        else:
            ctx.untestable("base not stated")
            continue
        if base <= 0:
            ctx.untestable("zero base")
            continue
        real_rate = Fraction(abs(change)) * 100 / Fraction(base)
        if (change > 0) != (d > 0) and change != 0:
            real_rate = -real_rate
        modes = rounding_modes(ctx)
        grade = grade_ratio(abs(real_rate), rate, modes)
        if grade == "ok":
            ctx.ok(spans=spans, reading=basis_en)
            continue
        ctx.fail(
            spans,
            severity=_graded_severity(grade, "explicit"),
            reading=basis_en,
            reported=rate.text,
            expected=fmt_percent(abs(real_rate), rate.decimals, modes[0]),
            what="增减幅度",
            what_en="the growth rate",
            basis=basis,
            basis_en=basis_en,
        )
