"""The :class:`Number` record and the interval a printed figure stands for.

Hedge intervals (``Number.interval``), with *R* the rounding interval of the
printed value *v* (a point for exact counts) and *u* the place value of its
last non-zero printed digit:

=====================================  =========================================
hedge (``approx``)                      interval
=====================================  =========================================
余 多 有余 出头 (30余万, 50多人次)        (v, v + u) — 30余万 → (300000, 400000),
                                        450余 → (450, 460), 1万余 → (10000, 20000)
几 数 (十几, 几十, 数百)                  十几 → (10, 20), 二十几 → (20, 30),
                                        几十 → (10, 100), 数百 → (100, 1000), 几 → (1, 10)
range (两三个, 三四十, 七八千万)          [lo, hi] closed: 两三个 → [2, 3], 三四十 → [30, 40]
explicit range A-B / A至B (no hedge;    [R(A).lo, R(B).hi]: 3-5个 → [3, 5],
``value_hi`` set)                        10%-20% → [9.5, 20.5)
约 大约 左右 上下 前后 (about)            hull(R, [0.95·v, 1.05·v]) — a ±5 % band,
                                        never narrower than the rounding interval
近 将近 接近 (nearly)                    [0.9·R.lo, R.hi) — from 10 % below up to,
                                        excluding, the value: 近300 → [270, 300)
不足 不到 少于 低于 (below)               [0, R.hi) — 不足5% → [0, 5.5) under half_up
不超过 最多 以下 以内 内 (at most)        [0, R.hi] (R.hi's own closedness)
超过 逾 高于 开外 (above)                 (R.lo, +∞)
以上 不少于 至少 (at least)               [R.lo, +∞)
=====================================  =========================================

Lower bounds of 0 become -∞ when the value itself is negative.  When a number
carries several hedges (近300余人), the inner one (余/多/几/range) builds the
base interval and the outer ones transform it, in reading order.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

from .interval import EXACT, INF, NEG_INF, Interval, rounding_interval
from .lexicon import POST_HEDGES, PREFIX_HEDGES

__all__ = ["KINDS", "QUANTITY_KINDS", "SCALE_NAMES", "Number", "hedge_rule"]

#: kinds whose numbers are quantities (``is_quantity`` True)
QUANTITY_KINDS = frozenset(
    {"count", "number", "money", "percent", "permille", "points", "fraction", "multiple", "duration"}
)
#: every kind the scanner emits
KINDS = QUANTITY_KINDS | {
    "year", "date", "time", "ordinal", "docno", "article", "phone", "postcode", "id", "address",
}

#: printed scale → its Chinese name
SCALE_NAMES = {10: "十", 100: "百", 1000: "千", 10**4: "万", 10**5: "十万", 10**6: "百万", 10**7: "千万",
               10**8: "亿", 10**9: "十亿", 10**10: "百亿", 10**11: "千亿", 10**12: "万亿"}

_RATIO_KINDS = frozenset({"percent", "permille", "points", "multiple"})
_INNER = {"余": "more", "多": "more", "有余": "more", "出头": "more", "几": "vague", "数": "vague", "range": "range"}
_ZERO = Decimal(0)
_P95 = Decimal("0.95")
_P105 = Decimal("1.05")
_P90 = Decimal("0.9")
_mul = EXACT.multiply


def hedge_rule(word: str) -> str:
    """The interval rule a hedge word stands for: more, vague, range, about,
    nearly, below, at_most, above, at_least."""
    r = _INNER.get(word) or PREFIX_HEDGES.get(word) or POST_HEDGES.get(word)
    if r is None:
        raise KeyError(f"unknown hedge {word!r}")
    return r


@dataclass(frozen=True)
class Number:
    """One numeric expression found in a text.

    ``text`` is the exact substring ``input[start:end]``; it includes a hedge
    written before the number (约, 近, 超过 …), the unit and hedges after it.
    ``value`` is the printed value in base units ("1.2万" → 12000, "7.2%" →
    7.2 (percents are stored as percents), "七成" → 70); for a vague or range
    expression it is the lower end and ``value_hi`` the upper end.
    ``decimals`` counts printed decimal places in the printed ``scale``
    ("1.2万": decimals 1, scale 10**4; "13万2": 13.2万, decimals 1), so the
    place value of the last printed digit is ``scale * 10**-decimals``.
    ``approx`` holds the hedge word(s) ("余", "约", "超过", "range" …; several
    are joined with "+", outer ones last).  For dates ``value`` is the integer
    YYYYMMDD with 0 for missing parts (2013年12月 → 20131200, 12月31日 → 1231);
    for a fraction ``value`` is numerator/denominator to 28 significant digits
    and ``numerator``/``denominator`` are exact.
    """

    text: str
    start: int
    end: int
    value: Decimal
    decimals: int = 0
    scale: int = 1
    unit: str | None = None
    kind: str = "number"
    approx: str | None = None
    is_quantity: bool = True
    value_hi: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None

    # ------------------------------------------------------------ derived
    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def precision(self) -> Decimal:
        """Place value of the last printed digit (``scale * 10**-decimals``)."""
        return Decimal(self.scale).scaleb(-self.decimals, context=EXACT)

    @property
    def mantissa(self) -> Decimal:
        """The value in its printed scale ("1.2万" → 1.2)."""
        return EXACT.divide(self.value, Decimal(self.scale)) if self.scale != 1 else self.value

    @property
    def display_unit(self) -> str | None:
        """Scale and unit as printed together, e.g. "万元" for "1.2万元"."""
        if self.kind in _RATIO_KINDS or self.kind == "fraction" or self.unit == "成":
            return self.unit
        name = SCALE_NAMES.get(self.scale, "") if self.scale > 1 else ""
        return (name + (self.unit or "")) or None

    @property
    def hedges(self) -> tuple[str, ...]:
        return tuple(self.approx.split("+")) if self.approx else ()

    @property
    def is_rounded(self) -> bool:
        """Whether the printed value stands for a rounding interval: ratios
        (%, ‰, 个百分点, 倍, 成) always; other quantities when printed with
        decimals or in a scale (万, 亿, 千 …); plain integer counts, money in
        元 and non-quantities are exact."""
        if not self.is_quantity or self.kind == "fraction" or self.unit == "番":
            return False
        if self.kind in _RATIO_KINDS or self.unit == "成":
            return True
        return self.decimals > 0 or self.scale > 1

    def rounding_interval(self, rounding: str = "half_up", value: Decimal | None = None) -> Interval:
        """The interval of the printed value alone (hedges ignored)."""
        v = self.value if value is None else value
        if not self.is_rounded:
            return Interval.point(v)
        return rounding_interval(v, self.precision, rounding)

    def _fraction_interval(self) -> Interval:
        n, d = Decimal(self.numerator), Decimal(self.denominator)  # type: ignore[arg-type]
        ctx = EXACT.copy()
        ctx.traps[decimal.Inexact] = True
        try:
            return Interval.point(ctx.divide(n, d))
        except decimal.Inexact:
            return Interval.point(n).div(d)

    def interval(self, rounding: str = "half_up") -> Interval:
        """The interval the printed expression stands for (see the module
        docstring for the hedge rules).  ``rounding`` is one of half_up
        (四舍五入, default), half_down, half_even, truncate, either."""
        if not self.is_quantity:
            if self.value_hi is not None:
                return Interval(self.value, self.value_hi)
            return Interval.point(self.value)
        if self.kind == "fraction" and self.numerator is not None and self.denominator:
            base = self._fraction_interval()
            hedges = self.hedges
        else:
            hedges = self.hedges
            inner = [h for h in hedges if h in _INNER]
            if inner and self.value_hi is not None:
                if _INNER[inner[0]] == "range":  # 两三个, 三四十: the two readings, closed
                    base = Interval(self.value, self.value_hi, True, True)
                else:  # 余 多 几 数: strictly between
                    base = Interval(self.value, self.value_hi, False, False)
            elif self.value_hi is not None:  # explicit range 3-5个, 10%-20%: ends widened by rounding
                lo = self.rounding_interval(rounding, self.value)
                hi = self.rounding_interval(rounding, self.value_hi)
                base = Interval(lo.lo, hi.hi, lo.lo_closed, hi.hi_closed)
            else:
                base = self.rounding_interval(rounding)
        for h in hedges:
            if h in _INNER:
                continue
            base = _apply(hedge_rule(h), base, self.value)
        return base


_new = object.__new__


def _fast_number(
    text: str, start: int, end: int, value: Decimal, decimals: int, scale: int, unit: str | None, kind: str,
    approx: str | None, is_quantity: bool, value_hi: Decimal | None, numerator: int | None, denominator: int | None,
) -> Number:
    """Build a Number without the frozen-dataclass ``__init__`` overhead
    (the scanner creates hundreds per page); same result as ``Number(...)``."""
    o = _new(Number)
    o.__dict__.update(
        text=text, start=start, end=end, value=value, decimals=decimals, scale=scale, unit=unit, kind=kind,
        approx=approx, is_quantity=is_quantity, value_hi=value_hi, numerator=numerator, denominator=denominator,
    )
    return o


def _apply(rule: str, b: Interval, v: Decimal) -> Interval:
    floor = _ZERO if v >= 0 and b.lo >= 0 else NEG_INF
    if rule == "about":
        band = Interval(_mul(v, _P95), _mul(v, _P105)) if v >= 0 else Interval(_mul(v, _P105), _mul(v, _P95))
        return b.hull(band)
    if rule == "nearly":
        lo = _mul(b.lo, _P90) if b.lo >= 0 else EXACT.divide(b.lo, _P90)
        return Interval(lo, b.hi, True, False) if lo < b.hi else b
    if rule == "below":
        return Interval(min(floor, b.hi), b.hi, True, False) if floor < b.hi else Interval(NEG_INF, b.hi, False, False)
    if rule == "at_most":
        return Interval(min(floor, b.hi), b.hi, True, b.hi_closed)
    if rule == "above":
        return Interval(b.lo, INF, False, False)
    if rule == "at_least":
        return Interval(b.lo, INF, b.lo_closed, False)
    if rule in ("more", "vague", "range"):
        return b
    raise ValueError(f"unknown hedge rule {rule!r}")
