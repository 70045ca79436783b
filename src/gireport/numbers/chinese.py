"""Chinese numerals → exact integers / Decimals.

Handles the standard reading (一百九十万零三千九百七十一 = 1903971), 零-gaps,
两 (两百 = 200), 廿 卅 卌, the financial capitals 壹贰叁肆伍陆柒捌玖拾佰仟萬億,
〇/○/零 digit strings (二〇一三 = 2013), 万亿 scales, abbreviated tails
(一万二 = 12000, 三千五 = 3500, 一亿五 = 150000000), decimals with 点
(七点二 = 7.2, 一点二亿 = 120000000) and the vague forms

* adjacent digits as a range: 两三 = [2, 3], 三四十 = [30, 40], 十七八 = [17, 18],
  一两百 = [100, 200] — never 23 / 34 (the cn2an failure);
* 几 / 数: 十几 = (10, 20), 二十几 = (20, 30), 几十 = (10, 100), 数百 = (100, 1000),
  几 = (1, 10);
* 多 / 余: 二十多万 = (200000, 300000), 一百多 = (100, 200).

Every function works on the numeral only (no units, no context).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .interval import EXACT

__all__ = [
    "CN_DIGIT_CHARS",
    "CN_NUMERAL_CHARS",
    "CN_UNIT_CHARS",
    "CnValue",
    "normalize_cn",
    "parse_cn",
    "parse_cn_int",
]

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "洞": None,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
del _DIGITS["洞"]
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_TENS = {"廿": "二十", "卄": "二十", "卅": "三十", "卌": "四十"}

CN_DIGIT_CHARS = "".join(_DIGITS)
CN_UNIT_CHARS = "".join(_SMALL) + "".join(_BIG) + "".join(_TENS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS

# canonical spelling: one character per meaning
_CANON = {}
for _c, _v in _DIGITS.items():
    _CANON[_c] = "零一二三四五六七八九"[_v]
_CANON["两"] = "两"
_CANON["兩"] = "两"
for _c, _v in _SMALL.items():
    _CANON[_c] = {10: "十", 100: "百", 1000: "千"}[_v]
for _c, _v in _BIG.items():
    _CANON[_c] = {10**4: "万", 10**8: "亿"}[_v]
_CANON_TABLE = str.maketrans(_CANON)

_D = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_S = {"十": 10, "百": 100, "千": 1000}
_B = {"万": 10**4, "亿": 10**8}

# adjacent-digit ranges: 一两 两三 三四 … 八九, and 三五 (three to five)
_RANGE_PAIRS = {("一", "二"), ("一", "两"), ("两", "三"), ("三", "五")} | {
    (a, b) for a, b in zip("二三四五六七八", "三四五六七八九")
}


def normalize_cn(s: str) -> str:
    """Canonical spelling: capitals → 一二三…十百千, 〇/○ → 零, 兩 → 两,
    萬/億 → 万/亿, 廿/卅/卌 → 二十/三十/四十."""
    s = s.translate(_CANON_TABLE)
    if any(c in s for c in _TENS):
        for k, v in _TENS.items():
            s = s.replace(k, v)
    return s


@dataclass(frozen=True, slots=True)
class _Int:
    """An integer read from a Chinese numeral, with the precision it was printed at."""

    value: int
    scale: int  # place value the printed precision is expressed in (1 = exact)
    decimals: int  # printed digits below ``scale`` (1 for an abbreviated tail)


def _small(s: str) -> _Int:
    """A numeral below 10**4 (no 万/亿)."""
    if not s:
        raise ValueError("empty numeral")
    val = 0
    pending: int | None = None
    last_unit = 10**4
    zero = False
    started = False
    for ch in s:
        d = _D.get(ch)
        if d is not None:
            if d == 0:
                if pending is not None:
                    raise ValueError(f"digit before 零 in {s!r}")
                zero = True
                continue
            if pending is not None:
                raise ValueError(f"two digits without a unit in {s!r}")
            pending = d
            started = True
            continue
        u = _S.get(ch)
        if u is None:
            raise ValueError(f"not a Chinese numeral character: {ch!r} in {s!r}")
        if u >= last_unit:
            raise ValueError(f"units out of order in {s!r}")
        if pending is None:
            # 十 alone is 一十 (十三, 一百十); 百/千 alone only at the very start (百余, 千余)
            if u == 10 or (val == 0 and not started):
                pending = 1
            else:
                raise ValueError(f"unit without digit in {s!r}")
        val += pending * u
        last_unit = u
        pending = None
        zero = False
        started = True
    if pending is not None:
        if zero or last_unit == 10 or last_unit == 10**4:
            val += pending
        else:  # abbreviated tail: 三千五 = 3500, 一百五 = 150
            return _Int(val + pending * (last_unit // 10), last_unit, 1)
    elif zero and val == 0 and not started:
        return _Int(0, 1, 0)
    return _Int(val, 1, 0)


_MAX = 10**40  # larger "numbers" (亿亿亿…) are rejected: no report prints them


def _int(s: str) -> _Int:
    """Recursive reading with 亿 then 万 sections."""
    r = _int_inner(s)
    if r.value >= _MAX:
        raise ValueError(f"numeral too large: {s!r}")
    return r


def _int_inner(s: str) -> _Int:
    for big, mult in (("亿", 10**8), ("万", 10**4)):
        i = s.rfind(big)
        if i < 0:
            continue
        left, right = s[:i], s[i + 1 :]
        if left == "" or left == "零":
            if left == "零":
                raise ValueError(f"零 before {big}")
            lv = _Int(1, 1, 0)
        else:
            if big == "万" and "万" in left:
                raise ValueError(f"two 万 sections in {s!r}")
            lv = _int(left)
        if lv.value == 0:
            raise ValueError(f"zero before {big} in {s!r}")
        if right == "":
            return _Int(lv.value * mult, lv.scale * mult, lv.decimals)
        if right[0] == "零":
            r = right.lstrip("零")
            if not r:
                raise ValueError(f"trailing 零 in {s!r}")
            rv = _int(r)
        elif len(right) == 1 and right in _D:
            # abbreviated tail: 一万二 = 12000, 一亿五 = 150000000
            return _Int(lv.value * mult + _D[right] * (mult // 10), mult, 1)
        else:
            rv = _int(right)
        if rv.value >= mult:
            raise ValueError(f"section overflow in {s!r}")
        if lv.decimals:
            raise ValueError(f"abbreviated numeral before {big} in {s!r}")
        return _Int(lv.value * mult + rv.value, rv.scale, rv.decimals)
    return _small(s)


def _is_digit_string(s: str) -> bool:
    return len(s) >= 2 and all(c in _D for c in s)


def parse_cn_int(s: str) -> int:
    """The integer a Chinese numeral stands for.

    >>> parse_cn_int("一百九十万零三千九百七十一")
    1903971
    >>> parse_cn_int("二〇一三")
    2013

    Raises ``ValueError`` for vague forms (两三, 十几, 二十多) and anything
    that is not a numeral.
    """
    r = parse_cn(s)
    if r.approx is not None:
        raise ValueError(f"vague numeral {s!r}")
    if r.decimals and r.scale == 1:
        raise ValueError(f"not an integer: {s!r}")
    v = r.value
    if v != v.to_integral_value():
        raise ValueError(f"not an integer: {s!r}")
    return int(v)


@dataclass(frozen=True, slots=True)
class CnValue:
    """Result of :func:`parse_cn`.

    ``value`` is the printed value (the lower end for vague forms), ``value_hi``
    the upper end of a vague form, ``scale``/``decimals`` the printed
    precision (``scale * 10**-decimals`` is the place value of the last
    printed digit), ``approx`` one of None, "range" (两三), "几", "数", "多",
    "余", and ``digit_string`` is True for 〇-style digit strings (二〇一三).
    """

    value: Decimal
    scale: int = 1
    decimals: int = 0
    approx: str | None = None
    value_hi: Decimal | None = None
    digit_string: bool = False


def _last_place(v: int) -> int:
    """Place value of the last non-zero digit: 30 → 10, 450 → 10, 3521 → 1."""
    if v == 0:
        return 1
    p = 1
    while v % 10 == 0:
        v //= 10
        p *= 10
    return p


def parse_cn(s: str) -> CnValue:
    """Parse a complete Chinese numeral, including vague forms."""
    if not s:
        raise ValueError("empty numeral")
    s = normalize_cn(s)
    for form in (_cn_leading_vague, _cn_trailing_hedge, _cn_ji_after_ten, _cn_decimal, _cn_range, _cn_digit_string):
        v = form(s)
        if v is not None:
            return v
    r = _int(s)
    return CnValue(Decimal(r.value), r.scale, r.decimals)


def _cn_leading_vague(s: str) -> CnValue | None:
    """几 / 数 as a leading digit: 几十 (10, 100), 数百万 (10**6, 10**7), 几 (1, 10)."""
    if s[0] not in "几数":
        return None
    rest = s[1:]
    if rest == "":
        if s == "几":
            return CnValue(Decimal(1), approx="几", value_hi=Decimal(10))
        raise ValueError(f"not a numeral: {s!r}")
    if rest[0] not in "十百千万亿":
        raise ValueError(f"{s[0]} must precede a unit in {s!r}")
    base = _int(rest)
    return CnValue(Decimal(base.value), base.scale, 0, s[0], Decimal(base.value * 10))


def _cn_trailing_hedge(s: str) -> CnValue | None:
    """Trailing 多 / 余 (before an optional 万/亿 tail): 二十多万, 一百多, 五万多."""
    for h in "多余":
        i = s.find(h)
        if i > 0:
            head, tail = s[:i], s[i + 1 :]
            if tail.strip("万亿") != "":
                raise ValueError(f"unexpected text after {h} in {s!r}")
            base = _int(head + tail) if tail else _int(head)
            if base.decimals:
                raise ValueError(f"{h} after an abbreviated numeral in {s!r}")
            u = _last_place(base.value)
            return CnValue(Decimal(base.value), base.scale, 0, h, Decimal(base.value + u))
    return None


def _cn_ji_after_ten(s: str) -> CnValue | None:
    """几 after 十: 十几 (10, 20), 二十几万 (200000, 300000)."""
    i = s.find("几")
    if i <= 0:
        return None
    head, tail = s[:i], s[i + 1 :]
    if not head.endswith("十") or tail.strip("万亿") != "":
        raise ValueError(f"unsupported use of 几 in {s!r}")
    mult = 1
    for c in tail:
        mult *= _B[c]
    base = _int(head)
    return CnValue(Decimal(base.value * mult), mult, 0, "几", Decimal((base.value + 10) * mult))


def _cn_decimal(s: str) -> CnValue | None:
    """Decimals: 七点二, 一点二亿, 零点五."""
    if "点" not in s:
        return None
    ip, _, fp = s.partition("点")
    j = 0
    while j < len(fp) and fp[j] in _D and fp[j] != "两":
        j += 1
    frac, tail = fp[:j], fp[j:]
    if not frac or tail.strip("万亿") != "":
        raise ValueError(f"bad decimal numeral {s!r}")
    if ip in ("", "零"):
        iv = 0
    else:
        b = _int(ip)
        if b.scale != 1 or b.decimals:
            raise ValueError(f"bad integer part in {s!r}")
        iv = b.value
    mult = 1
    for c in tail:
        mult *= _B[c]
    digits = "".join(str(_D[c]) for c in frac)
    if len(digits) > 40:
        raise ValueError("too many decimal digits")
    v = Decimal(f"{iv}.{digits}").scaleb(len(str(mult)) - 1, context=EXACT)
    return CnValue(v, mult, len(frac))


def _cn_range(s: str) -> CnValue | None:
    """Adjacent digits: 两三, 三四十, 十七八, 一两百, 七八千万."""
    for k in range(len(s) - 1):
        a, b = s[k], s[k + 1]
        if a in _D and b in _D and a != "零" and b != "零":
            if (a, b) in _RANGE_PAIRS and not (k + 2 < len(s) and s[k + 2] in _D):
                lo = _int(s[:k] + a + s[k + 2 :])
                hi = _int(s[:k] + b + s[k + 2 :])
                if lo.decimals or hi.decimals:
                    raise ValueError(f"bad range numeral {s!r}")
                return CnValue(Decimal(lo.value), lo.scale, 0, "range", Decimal(hi.value))
            break
    return None


def _cn_digit_string(s: str) -> CnValue | None:
    """〇-style digit strings: 二〇一三."""
    if not _is_digit_string(s):
        return None
    if "两" in s:
        raise ValueError(f"两 in a digit string {s!r}")
    return CnValue(Decimal(int("".join(str(_D[c]) for c in s))), 1, 0, None, None, True)
