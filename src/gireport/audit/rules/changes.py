"""Change rules over text claims (family ``changes``, GR5xx): a
year-on-year change against the values it relates (GR501)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..arith import fmt_percent, grade_ratio, rounding_modes
from ..registry import rule
from ._claims_common import _approx, _graded_severity, _span


def _fitting_reading(ch, ctx):  # type: ignore[no-untyped-def]
    """The change read with the first of its other plausible values of this
    year (``alt_afters``) under which its stated figures fit, or the change
    itself: a change fails only when no reading fits."""
    if not getattr(ch, "alt_afters", None) or _fits(ch, ctx):
        return ch
    for a in ch.alt_afters:
        alt = replace(ch, after=a, alt_afters=[])
        if a.approx is None and _fits(alt, ctx):
            return alt
    return ch


def _fits(ch, ctx) -> bool:  # type: ignore[no-untyped-def]
    """Whether this year's value, last year's and the stated change (and
    rate) agree; False when they cannot be checked."""
    after, before, delta, rate = ch.after, ch.before, ch.delta, ch.rate
    if after is None or before is None or _approx(after, before, delta):
        return False
    real = after.value - before.value
    if delta is not None and real != ch.direction * delta.value:
        return False
    if rate is not None and rate.kind in ("percent", "permille"):
        if before.value <= 0 or rate.approx is not None:
            return False
        if (real > 0) != (ch.direction > 0) and real != 0:
            return False
        return grade_ratio(Fraction(abs(real)) * 100 / Fraction(before.value), rate, rounding_modes(ctx)) == "ok"
    return delta is not None


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
        全年主动公开政府信息1200条,比去年增加150条,同比增长25%。
        → error, reported 25%, expected 14% (150/1050 is 14.29%, printed to 25%'s precision)

    Consistent example:
        全年主动公开政府信息1200条,比去年增加150条,同比增长14.3%。

    Readings:
        Last year's value is read between the cue and the verb ("较上年的45件
        增长20.0%", "比上年(9件)增加4件"), in brackets after the figures ("同比
        增长8%(上年为120条)"), or stated before the cue in its own clause
        ("上年为60件,同比增长15.0%"); carry-overs (上年结转) are never a base.
        The change and rate are the figures right after the verb; a number
        in a later clause ("同比增长8%,其中予以公开30件") is not read as one.
        This year's value is the nearest count before the cue; after a 其中
        list ("复议8件,其中维持5件、纠正1件、尚未审结2件,减少3件") the clause's
        main total is another reading (the first one after two or more
        listed items), and the change fails only when no reading fits.
        同比持平 / 与上年持平 is a change of zero, checked when last year's
        value is stated ("同比持平(上年为412条)"); 基本持平 is approximate
        and not read.

    Rounding:
        As GR201: under ``convention`` a rate only truncation explains is an
        info note, one unit off in its last digit a warning.

    Known exceptions:
        Rates of approximate numbers, changes whose base is not stated in the
        sentence, changes of several subjects at once ("分别增加5件和6件")
        and changes in percentage points are untestable.
    """
    for claim in report.claims.of("change"):
        ch = _fitting_reading(claim, ctx)
        rate = ch.rate if ch.rate is not None and ch.rate.kind in ("percent", "permille") else None
        if _approx(ch.after, ch.before, ch.delta, rate):
            ctx.untestable("approximate number")
            continue
        delta_ok = _check_delta(ctx, ch) if ch.after is not None and ch.before is not None and ch.delta is not None else None
        if rate is None:
            if delta_ok is None:
                ctx.untestable("no rate to check")
            elif delta_ok:
                ctx.ok()
            continue
        basis = _rate_basis(ch)
        if basis is None:
            ctx.untestable("base not stated")
            continue
        if basis[0] <= 0:
            ctx.untestable("zero base")
            continue
        _check_rate(ctx, ch, rate, *basis)  # with a stated change too: both figures are checked


def _check_delta(ctx, ch) -> bool:  # type: ignore[no-untyped-def]
    """Whether the stated change is this year's value less last year's;
    reports it when not (recording nothing when it is: the caller does)."""
    real = ch.after.value - ch.before.value
    if real == ch.direction * ch.delta.value:
        return True
    ctx.fail(
        [_span(ch.before), _span(ch.after), _span(ch.delta)],
        reported=ch.delta.text,
        expected=f"{abs(real)}{ch.delta.unit or ''}",
        what="变化量",
        what_en="the change",
        basis=f"{ch.before.text}→{ch.after.text}",
        basis_en=f"{ch.before.text} → {ch.after.text}",
    )
    return False


def _rate_basis(ch):  # type: ignore[no-untyped-def]
    """(base, change, basis, basis in English, spans) a rate is checked
    against: last year's and this year's values when both are stated, else
    this year's value and the stated change; None when neither pair is."""
    d = ch.direction
    if ch.after is not None and ch.before is not None:
        return (ch.before.value, ch.after.value - ch.before.value, f"{ch.before.text}→{ch.after.text}",
                f"{ch.before.text}→{ch.after.text}", [_span(ch.before), _span(ch.after), _span(ch.rate)])
    if ch.after is not None and ch.delta is not None:
        return (ch.after.value - d * ch.delta.value, d * ch.delta.value, f"{ch.after.text}与{ch.delta.text}",
                f"{ch.after.text} and a change of {ch.delta.text}", [_span(ch.after), _span(ch.delta), _span(ch.rate)])
    return None


def _check_rate(ctx, ch, rate, base, change, basis: str, basis_en: str, spans) -> bool:  # type: ignore[no-untyped-def]
    """Grade the stated rate against change ÷ base: ok, or a finding whose
    severity follows the rounding grade (GR201's rule)."""
    real_rate = Fraction(abs(change)) * 100 / Fraction(base)
    if (change > 0) != (ch.direction > 0) and change != 0:
        real_rate = -real_rate
    modes = rounding_modes(ctx)
    grade = grade_ratio(abs(real_rate), rate, modes)
    if grade == "ok":
        ctx.ok(spans=spans, reading=basis_en)
        return True
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
    return False
