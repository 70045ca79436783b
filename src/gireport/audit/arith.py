"""Exact arithmetic for the rules: rationals (``fractions.Fraction`` built
from ``Decimal``) checked against the intervals printed figures stand for.
No float is ever used."""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

from ..numbers import Interval

__all__ = ["frac", "in_interval", "share_of", "parts_for_percent", "fmt_decimal", "fmt_percent", "iv_text", "rounding_modes", "interval_mode", "grade_ratio"]


def frac(d: Decimal | int) -> Fraction:
    return Fraction(d)


def in_interval(x: Fraction, iv: Interval) -> bool:
    """Exact membership of a rational (a Fraction or an int; a Decimal is
    converted exactly) in an interval with Decimal ends.

    Each end is compared as integers (x = n/d against an end a/b:
    n·b against a·d, both denominators positive), with no Fraction built."""
    if not isinstance(x, (Fraction, int)):
        x = Fraction(x)
    n, d = x.numerator, x.denominator
    lo = iv.lo
    if not lo.is_infinite():
        a, b = lo.as_integer_ratio()
        left, right = n * b, a * d
        if left < right or (left == right and not iv.lo_closed):
            return False
    hi = iv.hi
    if not hi.is_infinite():
        a, b = hi.as_integer_ratio()
        left, right = n * b, a * d
        if left > right or (left == right and not iv.hi_closed):
            return False
    return True


def share_of(part: Decimal | int, whole: Decimal | int, scale: int = 1) -> Fraction:
    """``part / whole * scale`` exactly (``whole`` not zero): a percentage's
    true value is ``share_of(part, whole, 100)``."""
    pn, pd = _integer_ratio(part)
    wn, wd = _integer_ratio(whole)
    return Fraction(pn * scale * wd, pd * wn)


def _integer_ratio(x: Decimal | int) -> tuple[int, int]:
    return (x, 1) if isinstance(x, int) else x.as_integer_ratio()


def parts_for_percent(iv: Interval, whole: Decimal, scale: int = 100) -> tuple[int, int] | None:
    """The integer parts k of ``whole`` whose share ``k / whole * scale`` falls
    in ``iv`` (the nearest consistent values a finding quotes), or None."""
    w = Fraction(whole)
    if w <= 0:
        return None
    lo = Fraction(iv.lo) * w / scale if not iv.lo.is_infinite() else Fraction(0)
    hi = Fraction(iv.hi) * w / scale if not iv.hi.is_infinite() else w
    kmin = max(0, math.ceil(lo))
    kmax = math.floor(hi)
    while kmin <= kmax and not in_interval(Fraction(kmin * scale) / w, iv):
        kmin += 1
    while kmax >= kmin and not in_interval(Fraction(kmax * scale) / w, iv):
        kmax -= 1
    return (kmin, kmax) if kmin <= kmax else None


_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "half_down": ROUND_HALF_DOWN, "truncate": ROUND_DOWN, "either": ROUND_HALF_UP}


def fmt_decimal(x: Fraction, decimals: int, rounding: str = "half_up") -> str:
    """A rational printed at ``decimals`` places under a rounding mode."""
    with localcontext() as ctx:
        ctx.prec = 50
        d = Decimal(x.numerator) / Decimal(x.denominator)
        q = Decimal(1).scaleb(-decimals)
        return str(d.quantize(q, rounding=_MODES.get(rounding, ROUND_HALF_UP)))


def fmt_percent(x: Fraction, decimals: int, rounding: str = "half_up") -> str:
    return fmt_decimal(x, decimals, rounding) + "%"


def iv_text(iv: Interval) -> str:
    return str(iv)


def rounding_modes(ctx: Any) -> tuple[str, ...]:
    """The numbers-package rounding modes a rule context accepts, the
    primary first (``("half_up", "truncate")`` under the ``convention``
    policy, ``(mode,)`` for a strict mode)."""
    modes = getattr(ctx, "rounding_modes", None)
    return tuple(modes) if modes else (ctx.rounding,)


def interval_mode(ctx: Any) -> str:
    """One numbers-package mode for interval checks that are not graded:
    the strict mode itself, or ``either`` (the hull of the conventions)."""
    modes = rounding_modes(ctx)
    return modes[0] if len(modes) == 1 else "either"


def grade_ratio(ratio: Fraction, printed: Any, modes: tuple[str, ...]) -> str:
    """How a printed figure (a percentage, per mille or rate, as a Number)
    stands to the exact ``ratio`` (on the printed figure's scale).

    * ``ok``: the primary mode explains it;
    * ``info``: only another accepted convention does (2 of 3 printed 66.6%);
    * ``warning``: one unit off in the last printed digit beyond every
      accepted convention (31.53% printed 31.6%) — only when more than one
      convention is accepted;
    * ``error``: anything else, and every miss under a strict mode.
    """
    if in_interval(ratio, printed.interval(modes[0])):
        return "ok"
    if len(modes) == 1:
        return "error"
    if any(in_interval(ratio, printed.interval(m)) for m in modes[1:]):
        return "info"
    unit = Decimal(1).scaleb(-printed.decimals)
    for m in modes:
        shown = Decimal(fmt_decimal(ratio, printed.decimals, m))
        if abs(shown - abs(printed.value)) <= unit:
            return "warning"
    return "error"
