"""Tests for gireport.numbers: parsing, classification, intervals, scanning."""

from __future__ import annotations

import dataclasses
import itertools
import sys
import timeit
from decimal import Decimal
from pathlib import Path

import pytest

try:  # the package may not be installed: use the src layout directly
    import gireport.numbers  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from gireport.numbers import (
    INF,
    NEG_INF,
    Interval,
    Number,
    find_numbers,
    parse_cn,
    parse_cn_int,
    parse_number,
    register_idioms,
    rounding_interval,
)
from gireport.text import normalize

D = Decimal

# --------------------------------------------------------------------------
# parse_number: one row per form.
# (input, value, kind, decimals, scale, unit, approx, is_quantity, interval under half_up)
# --------------------------------------------------------------------------
CASES = [
    # Arabic figures, separators, signs, full-width digits
    ("7.2%", "7.2", "percent", 1, 1, "%", None, True, "[7.15, 7.25)"),
    ("3521条", "3521", "count", 0, 1, "条", None, True, "[3521, 3521]"),
    ("3,521条", "3521", "count", 0, 1, "条", None, True, "[3521, 3521]"),
    ("3，521条", "3521", "count", 0, 1, "条", None, True, "[3521, 3521]"),
    ("+1036", "1036", "number", 0, 1, None, None, True, "[1036, 1036]"),
    ("-3", "-3", "number", 0, 1, None, None, True, "[-3, -3]"),
    ("-5%", "-5", "percent", 0, 1, "%", None, True, "(-5.5, -4.5]"),
    ("0.1%", "0.1", "percent", 1, 1, "%", None, True, "[0.05, 0.15)"),
    ("81%", "81", "percent", 0, 1, "%", None, True, "[80.5, 81.5)"),
    ("65.4%", "65.4", "percent", 1, 1, "%", None, True, "[65.35, 65.45)"),
    ("35.0%", "35.0", "percent", 1, 1, "%", None, True, "[34.95, 35.05)"),
    ("１２３４件", "1234", "count", 0, 1, "件", None, True, "[1234, 1234]"),
    ("３５２１条", "3521", "count", 0, 1, "条", None, True, "[3521, 3521]"),
    ("７．２％", "7.2", "percent", 1, 1, "%", None, True, "[7.15, 7.25)"),
    # scales and mixed forms: precision is kept in the printed scale
    ("1.2万", "12000", "number", 1, 10**4, None, None, True, "[11500, 12500)"),
    ("12万", "120000", "number", 0, 10**4, None, None, True, "[115000, 125000)"),
    ("1.2亿", "120000000", "number", 1, 10**8, None, None, True, "[115000000, 125000000)"),
    ("1.2亿元", "120000000", "money", 1, 10**8, "元", None, True, "[115000000, 125000000)"),
    ("1.5万亿", "1500000000000", "number", 1, 10**12, None, None, True, "[1450000000000, 1550000000000)"),
    ("13万2", "132000", "number", 1, 10**4, None, None, True, "[131500, 132500)"),
    ("1亿2000万元", "120000000", "money", 0, 10**4, "元", None, True, "[119995000, 120005000)"),
    ("3千", "3000", "number", 0, 1000, None, None, True, "[2500, 3500)"),
    # 余 / 多
    ("3千余", "3000", "number", 0, 1000, None, "余", True, "(3000, 4000)"),
    ("5万多", "50000", "number", 0, 10**4, None, "多", True, "(50000, 60000)"),
    ("30余万", "300000", "number", 0, 10**4, None, "余", True, "(300000, 400000)"),
    ("30余万条", "300000", "count", 0, 10**4, "条", "余", True, "(300000, 400000)"),
    ("1万余册", "10000", "count", 0, 10**4, "册", "余", True, "(10000, 20000)"),
    ("50多人次", "50", "count", 0, 1, "人次", "多", True, "(50, 60)"),
    ("450余人次", "450", "count", 0, 1, "人次", "余", True, "(450, 460)"),
    ("9000余条", "9000", "count", 0, 1, "条", "余", True, "(9000, 10000)"),
    ("300余份", "300", "count", 0, 1, "份", "余", True, "(300, 400)"),
    ("1.5万余", "15000", "number", 1, 10**4, None, "余", True, "(15000, 16000)"),
    ("二十多万", "200000", "number", 0, 10**4, None, "多", True, "(200000, 300000)"),
    ("一百多", "100", "number", 0, 1, None, "多", True, "(100, 200)"),
    ("十余人", "10", "count", 0, 1, "人", "余", True, "(10, 20)"),
    ("一个多月", "1", "duration", 0, 1, "个月", "多", True, "(1, 2)"),
    ("三年多", "3", "duration", 0, 1, "年", "多", True, "(3, 4)"),
    # Chinese numerals (the failing cases of other tools included)
    ("一百九十万零三千九百七十一", "1903971", "number", 0, 1, None, None, True, "[1903971, 1903971]"),
    ("两百", "200", "number", 0, 1, None, None, True, "[200, 200]"),
    ("两例", "2", "count", 0, 1, "例", None, True, "[2, 2]"),
    ("两千两百", "2200", "number", 0, 1, None, None, True, "[2200, 2200]"),
    ("十三", "13", "number", 0, 1, None, None, True, "[13, 13]"),
    ("一百一十", "110", "number", 0, 1, None, None, True, "[110, 110]"),
    ("一百零五", "105", "number", 0, 1, None, None, True, "[105, 105]"),
    ("一千零一", "1001", "number", 0, 1, None, None, True, "[1001, 1001]"),
    ("一百二十万", "1200000", "number", 0, 10**4, None, None, True, "[1195000, 1205000)"),
    ("一万二", "12000", "number", 1, 10**4, None, None, True, "[11500, 12500)"),
    ("三千五", "3500", "number", 1, 1000, None, None, True, "[3450, 3550)"),
    ("一亿五", "150000000", "number", 1, 10**8, None, None, True, "[145000000, 155000000)"),
    ("二万三千亿零三", "2300000000003", "number", 0, 1, None, None, True, "[2300000000003, 2300000000003]"),
    ("廿一", "21", "number", 0, 1, None, None, True, "[21, 21]"),
    ("卅", "30", "number", 0, 1, None, None, True, "[30, 30]"),
    ("伍仟", "5000", "number", 0, 1, None, None, True, "[5000, 5000]"),
    ("伍仟元整", "5000", "money", 0, 1, "元", None, True, "[5000, 5000]"),
    ("壹佰贰拾叁元", "123", "money", 0, 1, "元", None, True, "[123, 123]"),
    ("陆万柒仟捌佰元", "67800", "money", 0, 1, "元", None, True, "[67800, 67800]"),
    ("七点二", "7.2", "number", 1, 1, None, None, True, "[7.15, 7.25)"),
    ("一点二亿", "120000000", "number", 1, 10**8, None, None, True, "[115000000, 125000000)"),
    ("零点五", "0.5", "number", 1, 1, None, None, True, "[0.45, 0.55)"),
    ("零元", "0", "money", 0, 1, "元", None, True, "[0, 0]"),
    # percents, permille, points, 成, fractions, multiples
    ("百分之七点二", "7.2", "percent", 1, 1, "%", None, True, "[7.15, 7.25)"),
    ("百分之百", "100", "percent", 0, 1, "%", None, True, "[99.5, 100.5)"),
    ("千分之五", "5", "permille", 0, 1, "‰", None, True, "[4.5, 5.5)"),
    ("5‰", "5", "permille", 0, 1, "‰", None, True, "[4.5, 5.5)"),
    ("七成", "70", "percent", 0, 10, "成", None, True, "[65, 75)"),
    ("9成", "90", "percent", 0, 10, "成", None, True, "[85, 95)"),
    ("3个百分点", "3", "points", 0, 1, "个百分点", None, True, "[2.5, 3.5)"),
    ("0.5个百分点", "0.5", "points", 1, 1, "个百分点", None, True, "[0.45, 0.55)"),
    ("三个百分点", "3", "points", 0, 1, "个百分点", None, True, "[2.5, 3.5)"),
    ("二分之一", "0.5", "fraction", 0, 1, "分之", None, True, "[0.5, 0.5]"),
    ("万分之三", "0.0003", "fraction", 0, 1, "分之", None, True, "[0.0003, 0.0003]"),
    ("翻一番", "2", "multiple", 0, 1, "番", None, True, "[2, 2]"),
    ("翻两番", "4", "multiple", 0, 1, "番", None, True, "[4, 4]"),
    ("2.5倍", "2.5", "multiple", 1, 1, "倍", None, True, "[2.45, 2.55)"),
    # vague numerals: ranges, never concatenations
    ("两三个", "2", "count", 0, 1, "个", "range", True, "[2, 3]"),
    ("三四十", "30", "number", 0, 1, None, "range", True, "[30, 40]"),
    ("十七八人", "17", "count", 0, 1, "人", "range", True, "[17, 18]"),
    ("一两百", "100", "number", 0, 1, None, "range", True, "[100, 200]"),
    ("七八千万", "70000000", "number", 0, 10**4, None, "range", True, "[70000000, 80000000]"),
    ("三五个", "3", "count", 0, 1, "个", "range", True, "[3, 5]"),
    ("十几", "10", "number", 0, 1, None, "几", True, "(10, 20)"),
    ("十几万", "100000", "number", 0, 10**4, None, "几", True, "(100000, 200000)"),
    ("二十几", "20", "number", 0, 1, None, "几", True, "(20, 30)"),
    ("几十", "10", "number", 0, 1, None, "几", True, "(10, 100)"),
    ("数百", "100", "number", 0, 1, None, "数", True, "(100, 1000)"),
    ("几个", "1", "count", 0, 1, "个", "几", True, "(1, 10)"),
    # hedge words
    ("约300人", "300", "count", 0, 1, "人", "约", True, "[285, 315]"),
    ("大约1.2万", "12000", "number", 1, 10**4, None, "大约", True, "[11400, 12600]"),
    ("300人左右", "300", "count", 0, 1, "人", "左右", True, "[285, 315]"),
    ("近300", "300", "number", 0, 1, None, "近", True, "[270, 300)"),
    ("将近三成", "30", "percent", 0, 10, "成", "将近", True, "[22.5, 35)"),
    ("不足5%", "5", "percent", 0, 1, "%", "不足", True, "[0, 5.5)"),
    ("不到100人", "100", "count", 0, 1, "人", "不到", True, "[0, 100)"),
    ("超过300人", "300", "count", 0, 1, "人", "超过", True, "(300, ∞)"),
    ("逾200件", "200", "count", 0, 1, "件", "逾", True, "(200, ∞)"),
    ("300人以上", "300", "count", 0, 1, "人", "以上", True, "[300, ∞)"),
    ("80%以上", "80", "percent", 0, 1, "%", "以上", True, "[79.5, ∞)"),
    ("不超过20个工作日", "20", "duration", 0, 1, "个工作日", "不超过", True, "[0, 20]"),
    ("20个工作日以内", "20", "duration", 0, 1, "个工作日", "以内", True, "[0, 20]"),
    ("3日内", "3", "duration", 0, 1, "日", "内", True, "[0, 3]"),
    ("至少3人", "3", "count", 0, 1, "人", "至少", True, "[3, ∞)"),
    ("近300余人", "300", "count", 0, 1, "人", "近+余", True, "[270, 400)"),
    # explicit ranges
    ("3-5个工作日", "3", "duration", 0, 1, "个工作日", None, True, "[3, 5]"),
    ("10%-20%", "10", "percent", 0, 1, "%", None, True, "[9.5, 20.5)"),
    ("5到10人", "5", "count", 0, 1, "人", None, True, "[5, 10]"),
    # non-quantities
    ("2013年", "2013", "year", 0, 1, "年", None, False, "[2013, 2013]"),
    ("2013年度", "2013", "year", 0, 1, "年", None, False, "[2013, 2013]"),
    ("二〇一三年", "2013", "year", 0, 1, "年", None, False, "[2013, 2013]"),
    ("二〇一三年一月二十日", "20130120", "date", 0, 1, None, None, False, "[20130120, 20130120]"),
    ("2013年12月31日", "20131231", "date", 0, 1, None, None, False, "[20131231, 20131231]"),
    ("2014-01-22", "20140122", "date", 0, 1, None, None, False, "[20140122, 20140122]"),
    ("12月31日", "1231", "date", 0, 1, None, None, False, "[1231, 1231]"),
    ("2011-2013年", "2011", "year", 0, 1, "年", None, False, "[2011, 2013]"),
    ("16:34", "1634", "time", 0, 1, None, None, False, "[1634, 1634]"),
    ("〔2019〕60号", "60", "docno", 0, 1, "号", None, False, "[60, 60]"),
    ("〔2021〕30号", "30", "docno", 0, 1, "号", None, False, "[30, 30]"),
    ("第五十条", "50", "article", 0, 1, "条", None, False, "[50, 50]"),
    ("第二十条第(九)项", "20", "article", 0, 1, "条", None, False, "[20, 20]"),
    ("第二十一条第三款", "21", "article", 0, 1, "条", None, False, "[21, 21]"),
    ("第一", "1", "ordinal", 0, 1, None, None, False, "[1, 1]"),
    ("一是", "1", "ordinal", 0, 1, "是", None, False, "[1, 1]"),
    ("一、", "1", "ordinal", 0, 1, "、", None, False, "[1, 1]"),
    ("(三)", "3", "ordinal", 0, 1, "()", None, False, "[3, 3]"),
    ("（三）", "3", "ordinal", 0, 1, "()", None, False, "[3, 3]"),
    ("(1)", "1", "ordinal", 0, 1, "()", None, False, "[1, 1]"),
    ("1、", "1", "ordinal", 0, 1, "、", None, False, "[1, 1]"),
    ("十九届", "19", "ordinal", 0, 1, "届", None, False, "[19, 19]"),
    ("0517-87222589", "51787222589", "phone", 0, 1, None, None, False, "[51787222589, 51787222589]"),
    ("13812345678", "13812345678", "phone", 0, 1, None, None, False, "[13812345678, 13812345678]"),
    ("GB/T 1234-2020", "1234", "id", 0, 1, None, None, False, "[1234, 1234]"),
    ("一楼", "1", "address", 0, 1, "楼", None, False, "[1, 1]"),
    ("14层", "14", "address", 0, 1, "层", None, False, "[14, 14]"),
]


@pytest.mark.parametrize("src,value,kind,decimals,scale,unit,approx,is_q,interval", CASES, ids=[c[0] for c in CASES])
def test_parse_number_table(src, value, kind, decimals, scale, unit, approx, is_q, interval):
    n = parse_number(src)
    assert n.value == D(value)
    assert n.kind == kind
    assert n.decimals == decimals
    assert n.scale == scale
    assert n.unit == unit
    assert n.approx == approx
    assert n.is_quantity is is_q
    assert str(n.interval()) == interval
    assert isinstance(n.value, Decimal)


def test_table_is_large_enough():
    assert len(CASES) >= 80


def test_fraction_is_exact_rational():
    n = parse_number("三分之一")
    assert (n.kind, n.numerator, n.denominator) == ("fraction", 1, 3)
    iv = n.interval()
    # the enclosure contains 1/3 exactly: 3·lo <= 1 <= 3·hi
    assert iv.lo * 3 <= 1 <= iv.hi * 3
    assert iv.width < D("1e-35")
    n = parse_number("3分之2")
    assert (n.numerator, n.denominator) == (2, 3)


def test_text_and_spans_of_parse_number():
    n = parse_number("  约300人 ")
    assert (n.text, n.start, n.end) == ("约300人", 0, 5)
    n = parse_number("１２３４件")  # NFKC: spans refer to the normalised string
    assert n.text == "1234件"


@pytest.mark.parametrize("bad", ["", "abc", "统一", "3条和4条", "国办公开办函〔2019〕60号", "十十", "一万零五万", "3 4"])
def test_parse_number_rejects(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_parse_number_type_error():
    with pytest.raises(TypeError):
        parse_number(3521)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Known failures of other tools (anchors.md §4b) — all must pass here.
# --------------------------------------------------------------------------
def test_anchor_known_failures():
    assert parse_number("一百九十万零三千九百七十一").value == 1903971  # cn2an #80/#85
    assert parse_number("两百").value == 200  # cn2an strict mode
    n = parse_number("两三个")  # cn2an transform gives 23
    assert n.value != 23 and str(n.interval()) == "[2, 3]"
    assert str(parse_number("三四十").interval()) == "[30, 40]"  # never 34
    n = parse_number("伍仟元整")
    assert (n.value, n.kind, n.unit) == (5000, "money", "元")
    assert parse_number("３５２１").value == 3521  # JioNLP maps full-width 1 to 0
    n = parse_number("1.2亿")  # JioNLP / Recognizers erase the precision
    assert n.interval().lo == D("115000000") and n.interval().hi == D("125000000")
    assert n.decimals == 1 and n.scale == 10**8
    assert parse_number("13万2").value == 132000
    assert parse_number("一亿五").value == 150000000  # cn2an raises KeyError


# --------------------------------------------------------------------------
# Rounding modes
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "src,mode,expected",
    [
        ("7.2%", "half_up", "[7.15, 7.25)"),
        ("7.2%", "half_even", "[7.15, 7.25]"),
        ("7.2%", "half_down", "(7.15, 7.25]"),
        ("7.2%", "truncate", "[7.2, 7.3)"),
        ("7.2%", "either", "[7.15, 7.3)"),
        ("7.3%", "half_even", "(7.25, 7.35)"),
        ("-5%", "truncate", "(-6, -5]"),
        ("-5%", "half_down", "[-5.5, -4.5)"),
        ("0.0%", "half_up", "(-0.05, 0.05)"),
        ("0.0%", "truncate", "(-0.1, 0.1)"),
        ("1.2亿", "truncate", "[120000000, 130000000)"),
        ("七成", "truncate", "[70, 80)"),
        ("3521条", "truncate", "[3521, 3521]"),
    ],
)
def test_rounding_modes(src, mode, expected):
    assert str(parse_number(src).interval(mode)) == expected


def test_unknown_rounding_mode():
    with pytest.raises(ValueError):
        parse_number("7.2%").interval("banker")


def test_rounding_interval_helper():
    assert str(rounding_interval(D("7.2"), D("0.1"))) == "[7.15, 7.25)"
    assert str(rounding_interval(D("12"), D("1"), "half_even")) == "[11.5, 12.5]"
    with pytest.raises(ValueError):
        rounding_interval(D(1), D(0))


# --------------------------------------------------------------------------
# Interval
# --------------------------------------------------------------------------
def test_interval_basics():
    iv = Interval(D("7.15"), D("7.25"), True, False)
    assert str(iv) == "[7.15, 7.25)"
    assert iv.contains(D("7.15")) and not iv.contains(D("7.25")) and "7.2" in iv
    assert not iv.is_exact and Interval.point(3).is_exact
    assert iv.width == D("0.1")
    assert Interval.parse("[7.15, 7.25)") == iv
    assert Interval.parse("(300, ∞)") == Interval(D(300), INF, False, False)
    with pytest.raises(ValueError):
        Interval(D(2), D(1))
    with pytest.raises(ValueError):
        Interval(D(1), D(1), True, False)  # empty
    with pytest.raises(TypeError):
        Interval(1.5, 2)  # type: ignore[arg-type]  # floats are refused


def test_interval_infinite_ends_are_open():
    iv = Interval(D(300), INF, True, True)
    assert iv.hi_closed is False and str(iv) == "[300, ∞)"
    assert iv.contains(D("1e30")) and not iv.is_bounded
    assert str(Interval(NEG_INF, D(0), True, True)) == "(-∞, 0]"


def test_interval_overlap_calc11_semantics():
    a = Interval(D(1), D(2), True, True)
    assert a.overlaps(Interval(D(2), D(3), True, True))  # touching closed ends
    assert not a.overlaps(Interval(D(2), D(3), False, True))  # touching, one end open
    assert not Interval(D(1), D(2), True, False).overlaps(Interval(D(2), D(3)))
    assert a.overlaps(Interval(D("1.5"), D("1.6")))
    assert not a.overlaps(Interval(D(3), D(4)))
    assert a.overlaps(Interval(D(0), INF, False, False))
    assert a.intersection(Interval(D(2), D(3))) == Interval.point(2)
    assert a.intersection(Interval(D(3), D(4))) is None
    # Calc 1.1 worked example: three items of 1.4 printed "1", total 4.2 printed "4"
    one = rounding_interval(D(1), D(1))
    total = rounding_interval(D(4), D(1))
    assert (one + one + one).overlaps(total)
    assert not (one + one).overlaps(total)


def test_interval_arithmetic():
    a = Interval(D("7.15"), D("7.25"), True, False)
    b = Interval(D(1), D(2), False, True)
    assert str(a.add(b)) == "(8.15, 9.25)"
    assert str(a.sub(b)) == "[5.15, 6.25)"
    assert str(a.mul(100)) == "[715, 725)"
    assert str(a.mul(-1)) == "(-7.25, -7.15]"
    assert str(a.div(D("0.5"))) == "[14.3, 14.5)"
    third = Interval.point(1).div(3)
    assert third.lo * 3 <= 1 <= third.hi * 3 and third.lo < third.hi  # outward rounding
    assert a.hull(b) == Interval(D(1), D("7.25"), False, False)
    assert a.contains(Interval(D("7.2"), D("7.21")))
    with pytest.raises(ZeroDivisionError):
        a.div(0)
    assert a.mul(0).is_exact


# --------------------------------------------------------------------------
# Chinese numerals directly
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "s,v",
    [
        ("一百九十万零三千九百七十一", 1903971),
        ("十", 10),
        ("十万", 100000),
        ("一十万零三", 100003),
        ("一亿零五", 100000005),
        ("一万亿", 10**12),
        ("一万零一百", 10100),
        ("两千两百", 2200),
        ("贰拾", 20),
        ("拾", 10),
        ("捌佰", 800),
        ("一九九五", 1995),
        ("二〇二一", 2021),
        ("一百〇五", 105),
        ("卌", 40),
        ("一亿二千万三千", 120003000),
    ],
)
def test_parse_cn_int(s, v):
    assert parse_cn_int(s) == v


@pytest.mark.parametrize("s", ["两三", "十几", "二十多", "百百", "三十十", "一万二万", "万万", "abc", ""])
def test_parse_cn_int_rejects(s):
    with pytest.raises(ValueError):
        parse_cn_int(s)


def test_parse_cn_vague():
    r = parse_cn("七八千万")
    assert (r.value, r.value_hi, r.approx) == (70000000, 80000000, "range")
    assert parse_cn("二〇一三").digit_string


# --------------------------------------------------------------------------
# find_numbers on real report text (长白县 2013, 平潭 2013/2021 reports)
# --------------------------------------------------------------------------
SEED = normalize(
    "长白县人民政府2013年政府信息公开工作\n年度报告\n"
    "3、培训情况。定期开展政府信息公开业务培训。2013年把系统软件使用作为培训工作的重点，"
    "举办县本级政府信息公开培训班1次，一对一培训50多人次，有效提高了政府信息公开从业人员的素质。\n"
    "(二)公开的数量。截止2013年12月31日，县本级主动公开政府信息总数3521条。其中县政府信息网公开2304条，"
    "政府网站及各部门网站公开1217条。\n"
    "(三)公开的内容。在县本级全部公开信息中，涉及规范性文件106条，占比例3%，涉及与公众密切相关重大事项的信息155条，"
    "所占比例7.2%，其他类信息2852条，占比例81%。\n"
    "2、公共查阅点。县档案局共汇总各类电子信息计30余万条，其中9000余条为新增信息，"
    "县图书馆新增图书1万余册。接待公众查阅450余人次，借阅文件数75卷次。\n"
    "文件信息从生成到网上公开不超过20个工作日的3518件，比例99.9%，超过20个工作日的3件，比例0.1%。\n"
    "7、三公经费公开情况。全县所有县直部门“三公”经费情况已向机关内部公开。\n"
    "2013年全县政府信息公开申请3条，其中两例向教育局申请公开。一例向人力资源与社会保障局进行申请。\n"
    "一是政府信息工作人员业务水平还有待提高；二是公开的渠道比较单一。\n"
    "分别为：(1)行政审批信息公开。(2)财政预算决算公开。\n"
    "在政务大厅各窗口备有一次性告知单，实行一次性告知，一站式服务。几年来，县本级44个部门和8个乡镇先后印发了八项具体制度。"
)


def _q(nums):
    return [n.text for n in nums if n.is_quantity]


def test_seed_quantities():
    nums = find_numbers(SEED)
    assert _q(nums) == [
        "1次", "50多人次", "3521条", "2304条", "1217条", "106条", "3%", "155条", "7.2%", "2852条", "81%",
        "30余万条", "9000余条", "1万余册", "450余人次", "75卷次", "不超过20个工作日", "3518件", "99.9%",
        "超过20个工作日", "3件", "0.1%", "3条", "两例", "一例", "44个", "8个", "八项",
    ]
    for n in nums:
        assert SEED[n.start : n.end] == n.text
    starts = [n.start for n in nums]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(nums))


def _one(text, needle):
    hits = [n for n in find_numbers(text) if n.text == needle]
    assert len(hits) == 1, (needle, [(n.text, n.kind) for n in find_numbers(text)])
    return hits[0]


def test_seed_sentence_date_and_counts():
    t = "截止2013年12月31日,县本级主动公开政府信息总数3521条。其中县政府信息网公开2304条"
    nums = find_numbers(t)
    assert [(n.text, n.kind, n.is_quantity) for n in nums] == [
        ("2013年12月31日", "date", False),
        ("3521条", "count", True),
        ("2304条", "count", True),
    ]
    assert nums[1].interval().is_exact and nums[1].value == 3521
    assert nums[1].unit == "条" and (nums[1].start, nums[1].end) == (t.index("3521"), t.index("3521") + 5)


def test_seed_percent():
    n = _one("所占比例7.2%", "7.2%")
    assert (n.value, n.kind, n.decimals, str(n.interval())) == (D("7.2"), "percent", 1, "[7.15, 7.25)")


def test_seed_one_to_one_training():
    nums = find_numbers("一对一培训50多人次")
    assert [n.text for n in nums] == ["50多人次"]
    assert str(nums[0].interval()) == "(50, 60)" and nums[0].approx == "多"


def test_seed_two_cases():
    n = _one("其中两例向教育局申请公开", "两例")
    assert (n.value, n.unit, n.kind) == (2, "例", "count")


@pytest.mark.parametrize(
    "text,needle,kind",
    [
        ("(1)行政审批信息公开", "(1)", "ordinal"),
        ("国办公开办函〔2019〕60号", "〔2019〕60号", "docno"),
        ("按照〔2021〕30号文件", "〔2021〕30号", "docno"),
        ("电话:0591-23165370", "0591-23165370", "phone"),
        ("联系电话0517-87222589", "0517-87222589", "phone"),
        ("传真:23158668", "23158668", "phone"),
        ("拨打12345热线", "12345", "phone"),
        ("12345政务服务便民热线", "12345", "phone"),
        ("邮编:350400", "350400", "postcode"),
        ("邮政编码:223100", "223100", "postcode"),
        ("依照《条例》第五十条", "第五十条", "article"),
        ("第二十条第(九)项", "第二十条第(九)项", "article"),
        ("地址:洪泽湖大道90号", "90号", "address"),
        ("一是加强组织领导", "一是", "ordinal"),
        ("。二是规范审核", "二是", "ordinal"),
        ("\n一、总体情况", "一、", "ordinal"),
        ("\n1、建立健全", "1、", "ordinal"),
        ("主要形式1.门户网站", "1.", "ordinal"),
        ("(三)公开的内容", "(三)", "ordinal"),
        ("坚持第一时间登记受理", "第一", "ordinal"),
        ("执行GB/T 1234-2020标准", "GB/T 1234-2020", "id"),
        ("文化发展规划(2021-2035)", "2021-2035", "year"),
        ("二〇三五年远景目标", "二〇三五年", "year"),
        ("发布时间:2014-01-22 16:34", "16:34", "time"),
        ("党的十九届四中全会", "十九届", "ordinal"),
        ("主楼14层", "14层", "address"),
    ],
)
def test_non_quantities(text, needle, kind):
    n = _one(normalize(text), needle)
    assert n.kind == kind and n.is_quantity is False


@pytest.mark.parametrize(
    "text",
    [
        "统一由市政务信息化办公室",
        "进一步丰富信息量",
        "一些单位",
        "一般情况下",
        "实行一次性告知,一站式服务",
        "推进一体化建设",
        "一对一辅导",
        "唯一渠道",
        "一起研究",
        "重要举措之一",
        "万一发生",
        "千万不要",
        "十分重要",
        "三公经费",
        "“三公”经费",
        "五险一金",
        "十四五规划",
        "十四五期间",
        "落实中央八项规定",
        "“三个一”工作机制",
        "三位一体",
        "几年来",
        "(单位:万元)",
        "一条龙服务",
        "一把手负责",
        "最多跑一次",
        "一件事一次办",
        "零距离服务",
        "老百姓",
        "千方百计",
    ],
)
def test_idioms_are_not_quantities(text):
    assert [n.text for n in find_numbers(normalize(text)) if n.is_quantity] == []


def test_context_rule_for_bare_chinese_numerals():
    # no unit and no trigger: dropped; trigger + punctuation: kept
    assert _q(find_numbers("一二三四")) == []
    n = _one("本年度收到申请数为三。", "三")
    assert n.value == 3 and n.is_quantity
    assert _q(find_numbers("共计二十万")) == ["二十万"]


def test_urls_and_emails_are_skipped():
    t = "访问http://www.gov.cn/2019/123.html或发邮件至24336240@163.com,共3条"
    assert [n.text for n in find_numbers(t)] == ["3条"]


def test_signs_and_growth():
    nums = find_numbers("增长-5%,同比+1036件,下降3.5个百分点")
    assert [(n.text, n.value, n.kind) for n in nums] == [
        ("-5%", D(-5), "percent"),
        ("+1036件", D(1036), "count"),
        ("3.5个百分点", D("3.5"), "points"),
    ]


def test_hedge_blockers():
    # 节约 is "save", 最近 is "recent": not hedges
    assert _one("节约3万元", "3万元").approx is None
    assert _one("最近3年", "3年").approx is None
    assert _one("覆盖近300个村", "近300个").approx == "近"


def test_percent_in_document_title_is_quantity():
    nums = find_numbers("《关于2019年90%以上事项网上可办的通知》")
    assert [(n.text, n.kind, n.is_quantity) for n in nums] == [("2019年", "year", False), ("90%以上", "percent", True)]


def test_multiples_and_fractions_in_text():
    t = "收入翻了一番,占三分之一,有七成以上,增长2.5倍,千分之三"
    assert [(n.text, n.kind) for n in find_numbers(t)] == [
        ("翻了一番", "multiple"), ("三分之一", "fraction"), ("七成以上", "percent"),
        ("2.5倍", "multiple"), ("千分之三", "permille"),
    ]


def test_quantities_only_flag():
    t = "截止2013年12月31日,共3521条"
    assert [n.text for n in find_numbers(t, quantities_only=True)] == ["3521条"]


def test_register_idioms():
    t = "实施七星计划"
    # 七星 has no unit: dropped already; an idiom with a unit needs registering
    t2 = "推行三张清单制度"
    assert _q(find_numbers(t)) == []
    assert _q(find_numbers(t2)) == ["三张"]
    register_idioms("三张清单")
    assert _q(find_numbers(t2)) == []


def test_number_is_frozen_and_hashable():
    n = parse_number("7.2%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.value = D(1)  # type: ignore[misc]
    assert n == Number("7.2%", 0, 4, D("7.2"), 1, 1, "%", "percent", None, True)
    assert hash(n) == hash(Number("7.2%", 0, 4, D("7.2"), 1, 1, "%", "percent", None, True))
    assert n.precision == D("0.1") and n.mantissa == D("7.2")
    assert parse_number("1.2万元").display_unit == "万元"
    assert parse_number("1.2万元").mantissa == D("1.2")


def test_find_numbers_speed():
    """10,000 characters of report text in well under 5 ms (measured ~2 ms on
    the development machine); the bound here is loose to avoid flaky CI but
    catches quadratic behaviour."""
    text = (SEED * 10)[:10000]
    find_numbers(text)
    best = min(timeit.repeat(lambda: find_numbers(text), number=5, repeat=5)) / 5
    assert best < 0.05, f"{best * 1000:.1f} ms per 10k chars"
