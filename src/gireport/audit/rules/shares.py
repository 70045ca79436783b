"""Share rules over text claims (family ``shares``, GR2xx): a percentage
against its part and whole (GR201) and the shares of one breakdown against
100% (GR202)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from ...numbers import Interval, Number
from ..arith import fmt_decimal, grade_ratio, interval_mode, parts_for_percent, rounding_modes, share_of
from ..registry import rule
from ._claims_common import _STATED_WHOLES, _approx, _fitting_alternative, _graded_severity, _open_reading, _span, _sum_interval
from .tables_narrative import checked_by_gr632

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
        全年主动公开政府信息3521条,其中涉及与公众密切相关重大事项的信息155条,所占比例7.2%。
        → error, reported 7.2%, expected 4.4% (7.2% of 3521 would need 252–255 items)

    Consistent example:
        全年主动公开政府信息3521条,其中涉及各类规划、计划和完成情况的信息207条,占比5.9%。
        → 207/3521 = 5.88%

    Readings:
        A share keeps every plausible whole: an explicit one ("占全部3521条的"),
        the total of the breakdown that lists the part, a stated total its
        list of parts adds up to, a scope phrase ("在…425条政府信息中"), the
        sum of a list whose percentages reach 100%, and — for a list of bare
        shares ("…16件,占42.1%;…5件,占13.2%") — the totals stated before it
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
        A single share with no whole named ("…的申请18件,占比40.0%") tries
        the counts stated before it in the paragraph (and the latest total of
        the section) as inferred wholes: a warning at most, and only when
        none fits; the table stage still checks it against the statistics
        table.  An outcome share (予以公开…, 不予公开…) needs a stated count
        of the applications processed (办结, 答复) among them; a share scoped
        to a sub-population ("网上申请中,…") only a count stated for that
        group.  A share of a sum ("…部分公开5件,合计占", "两项合计占") takes
        the sum of the listed counts as its part, never the count word (两项);
        a sum whose listed counts cannot be read is untestable.  A whole
        named in words ("占全部答复的", "占办结总数的", "占全部申请的", "占全部
        主动公开信息的") is read as the counts stated for that noun earlier
        in the paragraph or section (答复/办结: those processed, and those
        received) or the old statistics table's rows (申请答复数, 申请办结数,
        收到申请数), an inferred reading; any other noun ("占全市同类申请的")
        leaves the share untestable.  A part named in words ("规划类信息占…")
        is the one count stated for that noun earlier in the paragraph.  A sibling part —
        another item of the list the share belongs to ("予以公开30件、部分公开
        6件,…;本机关不掌握相关信息9件,占15.5%": 30 and 6 for the 9), or an
        earlier count of the same kind (an outcome, a channel, an applicant
        type) — is never a whole; with no candidate left the share is
        untestable.  When the
        report's applications table states its denominators, a share about
        applications whose whole is only inferred is left to GR632 (recorded
        here as untestable, "checked against the table (GR632)"), so that one
        fault gives one finding; without a readable table it is checked
        here.  Shares with an approximate part or whole ("约", "余", "多")
        are untestable.
    """
    for c in report.claims.of("share"):
        if c.percent is None:
            continue
        c = _checkable_reading(report, c, ctx)
        if c is not None:
            _judge_share(ctx, c)


def _checkable_reading(report, c, ctx):  # type: ignore[no-untyped-def]
    """The share with the readings it is checked under (wholes from the old
    statistics table, candidate wholes from context as an inferred
    reading), or None after recording why it cannot be checked here: no
    part, the table decides it (GR632), no whole, an approximate number or
    a zero whole."""
    pct = c.percent
    if c.part is None:
        ctx.untestable("no part stated", spans=[_span(pct)], reading=c.whole_note or None)
        return None
    inferred = (not c.resolved and bool(getattr(c, "alt_wholes", None))) or (c.resolved and c.whole_source == "context")
    if inferred and _checked_by_table(report, c, ctx):
        # the table's denominators decide this share (GR632): an inferred
        # whole from the text would only repeat that check as a warning
        ctx.untestable("checked against the table (GR632)", spans=[_span(c.part), _span(pct)], reading=c.whole_note or None)
        return None
    table_wholes = _table_wholes(report, c)
    if table_wholes:
        # a whole named in words (占全部答复的) printed in the old statistics table
        c = replace(c, alt_wholes=[*getattr(c, "alt_wholes", ()), *table_wholes])
    if not c.resolved and getattr(c, "alt_wholes", None):
        c = _open_reading(c)  # candidate wholes from context only: an inferred reading
    if not c.resolved:
        ctx.untestable("whole not resolved", spans=[_span(c.part), _span(pct)], reading=c.whole_note or None)
        return None
    if _approx(c.part, pct, c.whole):
        ctx.untestable("approximate number", spans=[_span(c.part), _span(pct)])
        return None
    if c.whole_exact is None or c.whole_exact <= 0:
        ctx.untestable("zero whole", spans=[_span(c.part), _span(pct)])
        return None
    return c


def _judge_share(ctx, c) -> None:  # type: ignore[no-untyped-def]
    """Pass when the printed percentage fits the part of the whole (or of
    another plausible whole) under the rounding policy, else fail with what
    it would need."""
    pct, whole = c.percent, c.whole_exact
    scale = 1000 if pct.kind == "permille" else 100
    ratio = share_of(c.part.value, whole, scale)
    modes = rounding_modes(ctx)
    spans = [_span(c.part), _span(pct)]
    if c.whole is not None:
        spans.append(_span(c.whole))
    reading = f"whole {c.whole.text if c.whole is not None else whole} ({c.whole_source}: {c.whole_note})"
    grade = grade_ratio(ratio, pct, modes)
    alt = None if grade == "ok" else _fitting_alternative(c, pct, scale, modes)
    if grade == "ok" or alt is not None:
        ctx.ok(spans=spans, reading=reading if alt is None else f"{alt.text} (another plausible reading)")
        return
    whole_txt = c.whole.text if c.whole is not None else f"{whole}(各项之和)"
    need_zh, need_en = _need(c, pct, whole, whole_txt, scale, modes[0], grade)
    sign = "‰" if scale == 1000 else "%"
    ctx.fail(
        spans,
        reported=pct.text,
        expected=fmt_decimal(ratio, pct.decimals, modes[0]) + sign,
        part=c.part.text,
        whole=whole_txt,
        need=need_zh,
        need_en=need_en,
        whole_source=c.whole_source,
        severity=_graded_severity(grade, c.whole_source),
        reading=reading,
    )


#: rows of the old statistics table a whole named in words may stand for
_OLD_ROWS = {
    "processed": ("申请答复数", "对申请的答复总数", "申请办结数", "收到申请数", "受理依申请公开信息总数"),
    "received": ("收到申请数", "受理依申请公开信息总数"),
}


def _table_wholes(report, c) -> list[Number]:  # type: ignore[no-untyped-def]
    """The counts of the old statistics table (申请答复数, 收到申请数…) that a
    whole named in words ("占全部答复的", "占全部申请的") stands for, as
    numbers read from the table; [] without such a whole or table."""
    named = getattr(c, "whole_named", "")
    if not named or c.part is None or c.whole_source not in ("unresolved", "context"):
        return []
    from ...claims.share import named_whole_kind

    rows = _OLD_ROWS.get(named_whole_kind(named) or "")
    t = report.table("old_stats") if rows is not None else None
    if t is None or t.ambiguous:
        return []
    out: list[Number] = []
    for name in rows:  # type: ignore[union-attr]
        for (row, _col), cell in t.cells.items():
            v = cell.numeric
            if row == name and v is not None and v > 0 and not any(o.value == v for o in out):
                out.append(Number(text=f"{cell.text}({row})", start=cell.start, end=cell.end, value=v, unit=c.part.unit))
    return out


def _checked_by_table(report, c, ctx) -> bool:  # type: ignore[no-untyped-def]
    """Whether the table stage (GR632, narrative-percent-vs-table) decides
    this share against the applications table — GR632's own predicate
    (:func:`.tables_narrative.checked_by_gr632`), so a share it would leave
    untestable is still checked here and the two rules cannot drift."""
    return checked_by_gr632(report, c, ctx.rounding_modes)


def _need(c, pct, whole, whole_txt: str, scale: int, mode: str, grade: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """What the printed percentage would need (the consistent parts of the
    whole), and how the whole was read when the text does not state it."""
    need = parts_for_percent(pct.interval(mode), whole, scale)
    if need is None:
        zh = f"{whole_txt}中没有整数个能得到{pct.text}"
        en = f"no whole number of {whole_txt} gives {pct.text}"
    else:
        a, b = need
        rng = f"{a}" if a == b else f"{a}–{b}"
        zh = f"{pct.text}需要{whole_txt}中的{rng}{c.part.unit or ''}"
        en = f"{pct.text} would need {rng} of {whole_txt}"
    if c.whole_source == "rate":
        zh += "(办结率按办结数占受理数计算)"
        en += " (a completion rate, read as finished of received)"
    elif c.whole_source not in _STATED_WHOLES:
        alts = "、".join(a.text for a in getattr(c, "alt_wholes", ()))
        zh += f"(总数{whole_txt}系由上下文推断" + (f",另试{alts}亦不符" if alts else "") + ")"
        en += f" (the whole {whole_txt} is inferred from context" + (f"; also tried {alts}" if alts else "") + ")"
    if grade == "info":
        zh += "(截尾可得此值)"
        en += " (truncation gives this figure)"
    return zh, en


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
        全年共办结申请140件,其中予以公开91件,占65%;部分公开28件,占20%;不予公开21件,占18%。
        → warning, reported 103%, expected 100% (the parts add up to the total)

    Consistent example:
        全年共办结申请140件,其中予以公开91件,占65%;部分公开28件,占20%;不予公开21件,占15%。

    Known exceptions:
        Independently rounded percentages may legitimately miss 100% by up to
        half a unit of the last digit per part; that slack is allowed.
        Partial breakdowns (其中 listing only some parts, a 主要类别 list whose
        shares are right but do not cover the whole) are not checked; nor
        are shares on only some of the listed categories ("同意公开44件,占
        55.0%;同意部分公开9件;…"), which are no exhaustive set and are not
        summed.  A list
        is complete when its parts add up to the total, when it ends with
        其他/其余, or when a classification heads it ("按办理结果分,",
        "从申请渠道看,"); under the ``convention`` rounding policy each share
        stands for the hull of its half-up and truncated intervals.  Named
        categories with no counts and their shares after 分别占 ("予以公开、
        部分公开和其他处理分别占…") are complete when the list closes with
        其他/其余; not closed, they are checked only when their printed sum
        exceeds 100% (disjoint categories cannot); with a whole named after
        占 ("分别占全市的…") they are not summed.  Shares of disjoint categories of applications
        (how they were submitted, who submitted them, how they were
        answered: "其中网上申请占…,当面申请占…") are likewise checked only when
        their printed sum exceeds 100%.  A 分别占 list after as many
        listed counts ("规划类50条、财政类80条,分别占…") maps one to one onto
        them (GR201 checks each share).

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
