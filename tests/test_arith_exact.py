"""The share rule's exact arithmetic takes short cuts (integers instead of
``Fraction`` objects, intervals built without re-checking their ends); each
short cut must give exactly what the plain computation gives."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gireport.audit.arith import in_interval, share_of
from gireport.audit.rules._claims_common import _stands_exact
from gireport.numbers import INF, NEG_INF, Interval, find_numbers, rounding_interval

SETTINGS = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

decimals = st.builds(lambda m, p: Decimal(m).scaleb(-p), st.integers(-10**7, 10**7), st.integers(0, 4))
positive = st.builds(lambda m, p: Decimal(m).scaleb(-p), st.integers(1, 10**7), st.integers(0, 4))
ends = st.one_of(decimals, st.just(INF), st.just(NEG_INF))


def _reference_in(x: Fraction, iv: Interval) -> bool:
    if not iv.lo.is_infinite():
        lo = Fraction(iv.lo)
        if x < lo or (x == lo and not iv.lo_closed):
            return False
    if not iv.hi.is_infinite():
        hi = Fraction(iv.hi)
        if x > hi or (x == hi and not iv.hi_closed):
            return False
    return True


@SETTINGS
@given(st.fractions(), decimals, ends, st.booleans(), st.booleans())
def test_in_interval_is_membership_of_the_rational(x, a, b, lo_closed, hi_closed):
    lo, hi = sorted((a, b))
    assume(lo != INF and hi != NEG_INF)
    if lo == hi:
        lo_closed = hi_closed = True
    iv = Interval(lo, hi, lo_closed, hi_closed)
    assert in_interval(x, iv) == _reference_in(x, iv)
    for end in (iv.lo, iv.hi):  # the ends themselves, where closedness decides
        if end.is_finite():
            assert in_interval(Fraction(end), iv) == _reference_in(Fraction(end), iv)


@SETTINGS
@given(decimals, st.one_of(positive, positive.map(lambda d: -d)), st.sampled_from([1, 100, 1000]))
def test_share_of_is_the_exact_quotient(part, whole, scale):
    assert share_of(part, whole, scale) == Fraction(part) * scale / Fraction(whole)
    assert share_of(whole, whole, scale) == scale
    if part == part.to_integral_value() and whole == whole.to_integral_value():
        assert share_of(int(part), int(whole), scale) == Fraction(int(part) * scale, int(whole))


def test_in_interval_takes_any_exact_number():
    iv = Interval(Decimal("1"), Decimal("2"), True, False)
    assert in_interval(Decimal("1.5"), iv) and in_interval(1, iv) and not in_interval(2, iv)
    assert in_interval(Fraction(3, 2), iv) and not in_interval(Decimal("2.0"), iv)


def _plain(fn, *args):
    """``fn(*args)`` with every interval built by the checking constructor
    (the short cut switched off): the plain computation."""
    import gireport.numbers.interval as iv_mod

    saved = iv_mod._checked
    iv_mod._checked = iv_mod.Interval
    try:
        return fn(*args)
    finally:
        iv_mod._checked = saved


def _same(a: Interval, b: Interval) -> bool:
    """Equal to the digit: ends with the same sign, digits and exponent."""
    return (a.lo.as_tuple(), a.hi.as_tuple(), a.lo_closed, a.hi_closed) == (b.lo.as_tuple(), b.hi.as_tuple(), b.lo_closed, b.hi_closed)


units = st.builds(lambda m, p: Decimal(m).scaleb(p), st.sampled_from([1, 2, 5, 25]), st.integers(-4, 4))


@SETTINGS
@given(st.one_of(decimals, st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("1.50"), Decimal("-7.250")])),
       units, st.sampled_from(["half_up", "half_down", "half_even", "truncate", "either"]))
def test_rounding_interval_is_the_checked_one_to_the_digit(value, unit, mode):
    iv = rounding_interval(value, unit, mode)
    assert _same(iv, _plain(rounding_interval, value, unit, mode))
    assert in_interval(Fraction(value), iv)  # a printed value stands for itself
    assert _same(Interval.point(value), Interval(value, value, True, True))


def test_point_keeps_refusing_what_is_no_point():
    for bad in (Decimal("NaN"), INF):
        try:
            Interval.point(bad)
        except ValueError:
            continue
        raise AssertionError(f"Interval.point({bad}) was accepted")


def test_stands_exact_agrees_with_the_interval():
    text = (
        "全年受理申请40件,约3万元,1.2万条,12.5%,3-5个,一百余件,两三个,三分之一,"
        "3年多,12月,0件,2,345人,三成,7.0亿元,近百条,二十几家,5‰,3个百分点,四分之二。"
    )
    nums = find_numbers(text)
    assert len(nums) > 15
    assert sum(n.kind == "fraction" for n in nums) == 2  # one exact (2/4), one not (1/3)
    for n in nums:
        if n.approx is None:
            assert _stands_exact(n) == n.interval("half_up").is_exact, n
