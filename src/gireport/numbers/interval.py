"""Exact intervals over :class:`decimal.Decimal` and the rounding model.

An :class:`Interval` is the set of real values a printed figure may stand for.
Ends may be open or closed and may be infinite (``INF`` / ``NEG_INF``, i.e.
``Decimal("Infinity")``; an infinite end is always open).

Consistency between two figures is *overlap* of their intervals, which is the
XBRL Calculations 1.1 rule (and Arelle's ``ValidateXbrlCalcs``): a reported
total is consistent with the sum of its items iff the interval of the total
intersects the interval sum of the items.  Two intervals that only touch at a
point overlap only when both touching ends are closed.

Rounding modes (``ROUNDING_MODES``), for a value *v* printed with precision
unit *u* (= ``scale * 10**-decimals``), *v* > 0:

``half_up``   四舍五入, ties away from zero: ``[v - u/2, v + u/2)``
``half_down`` ties toward zero:           ``(v - u/2, v + u/2]``
``half_even`` banker's rounding: ``[v - u/2, v + u/2]`` when the last printed
              digit is even, ``(v - u/2, v + u/2)`` when it is odd (a tie
              rounds to the even neighbour)
``truncate``  截尾 (Calc 1.1 truncation): ``[v, v + u)``
``either``    the union (hull) of the four modes above, e.g. "7.2" → [7.15, 7.3)

Negative values are handled symmetrically (ties away from / toward zero, and
truncation toward zero: ``(v - u, v]``); for *v* = 0 the interval is open on
both sides, as in Calc 1.1.  No float is ever used.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "EXACT",
    "INF",
    "NEG_INF",
    "ROUNDING_MODES",
    "Interval",
    "rounding_interval",
    "to_decimal",
]

INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")
ROUNDING_MODES = ("half_up", "half_down", "half_even", "truncate", "either")

Numeric = Decimal | int | str

_ZERO = Decimal(0)
_TWO = Decimal(2)
#: The context all interval arithmetic runs in: 100 significant digits, far
#: more than any printed figure (the scanner refuses figures over 40 digits),
#: so sums, differences, halvings and scalings are exact.
EXACT = decimal.Context(
    prec=100, rounding=decimal.ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_add = EXACT.add
_sub = EXACT.subtract
_mul = EXACT.multiply
# Division of interval ends by a non-terminating divisor (e.g. 3) is rounded
# outward at this many significant digits, so the result still encloses the
# exact quotient.
_DIV_PREC = 40


def to_decimal(x: Numeric) -> Decimal:
    """Convert an int, str or Decimal to Decimal.  Floats are refused: the
    binary value of a float is not the number that was printed."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        raise TypeError("bool is not a number here")
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, str):
        try:
            return Decimal(x.strip())
        except decimal.InvalidOperation:
            raise ValueError(f"not a decimal number: {x!r}") from None
    raise TypeError(f"expected Decimal, int or str, not {type(x).__name__} (floats are not exact)")


def _fmt(d: Decimal) -> str:
    if d.is_infinite():
        return "∞" if d > 0 else "-∞"
    if d == 0:
        return "0"
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


@dataclass(frozen=True, slots=True)
class Interval:
    """A real interval with exact Decimal ends.

    ``Interval(lo, hi, lo_closed=True, hi_closed=True)``; ``lo`` may be
    ``NEG_INF`` and ``hi`` may be ``INF`` (such ends are forced open).
    An empty interval cannot be constructed (``ValueError``).
    """

    lo: Decimal
    hi: Decimal
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self) -> None:
        lo = to_decimal(self.lo)
        hi = to_decimal(self.hi)
        if lo.is_nan() or hi.is_nan():
            raise ValueError("NaN is not an interval end")
        if lo == INF or hi == NEG_INF:
            raise ValueError("empty interval")
        lo_c = bool(self.lo_closed) and not lo.is_infinite()
        hi_c = bool(self.hi_closed) and not hi.is_infinite()
        if lo > hi or (lo == hi and not (lo_c and hi_c)):
            raise ValueError(f"empty interval: {lo}, {hi}")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        object.__setattr__(self, "lo_closed", lo_c)
        object.__setattr__(self, "hi_closed", hi_c)

    # ------------------------------------------------------------ builders
    @classmethod
    def point(cls, v: Numeric) -> Interval:
        """The degenerate interval [v, v]."""
        v = to_decimal(v)
        if cls is Interval and v.is_finite():
            return _checked(v, v, True, True)
        return cls(v, v, True, True)

    @classmethod
    def closed(cls, lo: Numeric, hi: Numeric) -> Interval:
        return cls(to_decimal(lo), to_decimal(hi), True, True)

    @classmethod
    def open(cls, lo: Numeric, hi: Numeric) -> Interval:
        return cls(to_decimal(lo), to_decimal(hi), False, False)

    @classmethod
    def parse(cls, s: str) -> Interval:
        """Inverse of ``str()``: ``Interval.parse("[7.15, 7.25)")``."""
        s = s.strip()
        if len(s) < 5 or s[0] not in "[(" or s[-1] not in "])" or "," not in s:
            raise ValueError(f"not an interval: {s!r}")
        a, b = s[1:-1].split(",", 1)

        def end(t: str) -> Decimal:
            t = t.strip().replace("∞", "Infinity").replace("inf", "Infinity")
            if t in ("Infinity", "+Infinity"):
                return INF
            return to_decimal(t)

        return cls(end(a), end(b), s[0] == "[", s[-1] == "]")

    # ------------------------------------------------------------ queries
    @property
    def is_exact(self) -> bool:
        """True for a single point [v, v]."""
        return self.lo == self.hi

    @property
    def is_bounded(self) -> bool:
        return not (self.lo.is_infinite() or self.hi.is_infinite())

    @property
    def width(self) -> Decimal:
        return _sub(self.hi, self.lo)

    @property
    def midpoint(self) -> Decimal:
        if not self.is_bounded:
            raise ValueError("unbounded interval has no midpoint")
        return EXACT.divide(_add(self.lo, self.hi), _TWO)

    def contains(self, x: Numeric | Interval) -> bool:
        """Membership of a number, or inclusion of a whole interval."""
        if isinstance(x, Interval):
            lo_ok = x.lo > self.lo or (x.lo == self.lo and (self.lo_closed or not x.lo_closed))
            hi_ok = x.hi < self.hi or (x.hi == self.hi and (self.hi_closed or not x.hi_closed))
            return lo_ok and hi_ok
        v = to_decimal(x)
        if v < self.lo or v > self.hi:
            return False
        if v == self.lo and not self.lo_closed:
            return False
        if v == self.hi and not self.hi_closed:
            return False
        return True

    __contains__ = contains

    def _max_lo(self, other: Interval) -> tuple[Decimal, bool]:
        if self.lo > other.lo:
            return self.lo, self.lo_closed
        if other.lo > self.lo:
            return other.lo, other.lo_closed
        return self.lo, self.lo_closed and other.lo_closed

    def _min_hi(self, other: Interval) -> tuple[Decimal, bool]:
        if self.hi < other.hi:
            return self.hi, self.hi_closed
        if other.hi < self.hi:
            return other.hi, other.hi_closed
        return self.hi, self.hi_closed and other.hi_closed

    def overlaps(self, other: Interval) -> bool:
        """True iff the two intervals share at least one point (Calc 1.1:
        the larger lower end must lie below the smaller upper end, or equal
        it with both of those ends closed)."""
        lo, lo_c = self._max_lo(other)
        hi, hi_c = self._min_hi(other)
        return lo < hi or (lo == hi and lo_c and hi_c)

    def intersection(self, other: Interval) -> Interval | None:
        """The common part, or ``None`` when the intervals are disjoint."""
        if not self.overlaps(other):
            return None
        lo, lo_c = self._max_lo(other)
        hi, hi_c = self._min_hi(other)
        return Interval(lo, hi, lo_c, hi_c)

    def hull(self, other: Interval) -> Interval:
        """The smallest interval containing both (their union when they
        overlap or touch)."""
        if self.lo < other.lo:
            lo, lo_c = self.lo, self.lo_closed
        elif other.lo < self.lo:
            lo, lo_c = other.lo, other.lo_closed
        else:
            lo, lo_c = self.lo, self.lo_closed or other.lo_closed
        if self.hi > other.hi:
            hi, hi_c = self.hi, self.hi_closed
        elif other.hi > self.hi:
            hi, hi_c = other.hi, other.hi_closed
        else:
            hi, hi_c = self.hi, self.hi_closed or other.hi_closed
        return Interval(lo, hi, lo_c, hi_c)

    # ------------------------------------------------------------ arithmetic
    def add(self, other: Interval | Numeric) -> Interval:
        """Interval sum: [a, b] + [c, d] = [a + c, b + d]; an end is closed
        only when both contributing ends are."""
        o = other if isinstance(other, Interval) else Interval.point(other)
        return Interval(_add(self.lo, o.lo), _add(self.hi, o.hi), self.lo_closed and o.lo_closed, self.hi_closed and o.hi_closed)

    def sub(self, other: Interval | Numeric) -> Interval:
        """Interval difference: [a, b] - [c, d] = [a - d, b - c]."""
        o = other if isinstance(other, Interval) else Interval.point(other)
        return Interval(_sub(self.lo, o.hi), _sub(self.hi, o.lo), self.lo_closed and o.hi_closed, self.hi_closed and o.lo_closed)

    def neg(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def mul(self, k: Numeric) -> Interval:
        """Multiply by an exact number (a weight or a scale).  Negative
        factors flip the interval; zero gives [0, 0]."""
        k = to_decimal(k)
        if k.is_infinite() or k.is_nan():
            raise ValueError("factor must be finite")
        if k == 0:
            return Interval.point(_ZERO)
        lo = _mul(self.lo, k)
        hi = _mul(self.hi, k)
        if k > 0:
            return Interval(lo, hi, self.lo_closed, self.hi_closed)
        return Interval(hi, lo, self.hi_closed, self.lo_closed)

    def div(self, k: Numeric) -> Interval:
        """Divide by an exact non-zero number.  When a quotient does not
        terminate (e.g. /3) each end is rounded *outward* at 40 significant
        digits, so the result still contains every exact quotient."""
        k = to_decimal(k)
        if k == 0:
            raise ZeroDivisionError("interval division by zero")
        if k.is_infinite() or k.is_nan():
            raise ValueError("divisor must be finite")

        def q(x: Decimal, rounding: str) -> Decimal:
            if x.is_infinite():
                return x if k > 0 else -x
            with decimal.localcontext() as ctx:
                ctx.prec = _DIV_PREC
                ctx.rounding = rounding
                return x / k

        if k > 0:
            return Interval(q(self.lo, decimal.ROUND_FLOOR), q(self.hi, decimal.ROUND_CEILING), self.lo_closed, self.hi_closed)
        return Interval(q(self.hi, decimal.ROUND_FLOOR), q(self.lo, decimal.ROUND_CEILING), self.hi_closed, self.lo_closed)

    __add__ = add
    __sub__ = sub
    __neg__ = neg

    def __mul__(self, k: Numeric) -> Interval:
        return self.mul(k)

    __rmul__ = __mul__

    def __truediv__(self, k: Numeric) -> Interval:
        return self.div(k)

    # ------------------------------------------------------------ display
    def __str__(self) -> str:
        return f"{'[' if self.lo_closed else '('}{_fmt(self.lo)}, {_fmt(self.hi)}{']' if self.hi_closed else ')'}"

    def __repr__(self) -> str:
        return f"Interval({self})"


_new = object.__new__
_set = object.__setattr__


def _checked(lo: Decimal, hi: Decimal, lo_closed: bool, hi_closed: bool) -> Interval:
    """An interval whose ends the caller has already checked: finite
    Decimals with ``lo < hi``, or ``lo == hi`` with both ends closed.  It
    skips :meth:`Interval.__post_init__`'s checks (about three times the
    cost of building the interval), for the intervals built once per
    printed number."""
    iv = _new(Interval)
    _set(iv, "lo", lo)
    _set(iv, "hi", hi)
    _set(iv, "lo_closed", lo_closed)
    _set(iv, "hi_closed", hi_closed)
    return iv


def _hull_all(ivs: list[Interval]) -> Interval:
    out = ivs[0]
    for iv in ivs[1:]:
        out = out.hull(iv)
    return out


def rounding_interval(value: Decimal, unit: Decimal, mode: str = "half_up", last_digit: int | None = None) -> Interval:
    """The interval of values that print as ``value`` when rounded to a
    multiple of ``unit`` (the place value of the last printed digit, e.g.
    0.1 for "7.2", 10**4 for "12万", 1000 for "1.2万").

    ``last_digit`` is the last printed digit (for ``half_even``); when it is
    not given it is derived from ``value / unit``.
    """
    if mode not in ROUNDING_MODES:
        raise ValueError(f"unknown rounding mode {mode!r}; expected one of {ROUNDING_MODES}")
    value = to_decimal(value)
    unit = to_decimal(unit)
    if unit <= 0:
        raise ValueError("rounding unit must be positive")
    if mode == "either":
        return _hull_all([rounding_interval(value, unit, m, last_digit) for m in ("half_up", "half_down", "half_even", "truncate")])
    half = EXACT.divide(unit, _TWO)
    lo, hi = _sub(value, half), _add(value, half)
    # finite ends with lo < value < hi need no second check
    make = _checked if lo.is_finite() and hi.is_finite() and lo < value < hi else Interval
    if value == 0:
        if mode == "truncate":
            return make(-unit, unit, False, False)
        if mode in ("half_even", "half_down"):
            return make(lo, hi, True, True)  # both ties round to 0
        return make(lo, hi, False, False)
    pos = value > 0
    if mode == "truncate":
        return make(value, _add(value, unit), True, False) if pos else make(_sub(value, unit), value, False, True)
    if mode == "half_up":  # ties away from zero
        return make(lo, hi, True, False) if pos else make(lo, hi, False, True)
    if mode == "half_down":  # ties toward zero
        return make(lo, hi, False, True) if pos else make(lo, hi, True, False)
    # half_even
    if last_digit is None:
        q = EXACT.divide(abs(value), unit).to_integral_value(context=EXACT)
        last_digit = int(EXACT.remainder(q, Decimal(10)))
    even = last_digit % 2 == 0
    return make(lo, hi, even, even)
