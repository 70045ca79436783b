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
@given(decimals, positive.filter(lambda d: d != 0), st.sampled_from([1, 100, 1000]))
def test_share_of_is_the_exact_quotient(part, whole, scale):
    assert share_of(part, whole, scale) == Fraction(part) * scale / Fraction(whole)
    assert share_of(whole, whole, scale) == scale


@SETTINGS
@given(decimals, st.integers(0, 4), st.sampled_from(["half_up", "half_down", "half_even", "truncate", "either"]))
def test_rounding_interval_is_a_checked_interval(value, places, mode):
    unit = Decimal(1).scaleb(-places)
    iv = rounding_interval(value, unit, mode)
    # the same ends through the checking constructor: valid, nothing normalised away
    assert iv == Interval(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed)
    assert in_interval(Fraction(value), iv)  # a printed value stands for itself
    assert Interval.point(value) == Interval(value, value, True, True)


def test_point_keeps_refusing_what_is_no_point():
    for bad in (Decimal("NaN"), INF):
        try:
            Interval.point(bad)
        except ValueError:
            continue
        raise AssertionError(f"Interval.point({bad}) was accepted")


def test_stands_exact_agrees_with_the_interval():
    text = (
        "全年受理申请40件,约3万元,1.2万条,12.5%,3-5个,一百余件,两三个,1/3,"
        "3年多,12月,0件,2,345人,三成,7.0亿元,近百条,二十几家,5‰,3个百分点。"
    )
    nums = find_numbers(text)
    assert len(nums) > 15
    for n in nums:
        if n.approx is None:
            assert _stands_exact(n) == n.interval("half_up").is_exact, n
