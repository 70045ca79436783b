"""Numbers in Chinese government report text, with their printed precision.

>>> from gireport.numbers import parse_number, find_numbers
>>> n = parse_number("7.2%")
>>> (n.value, n.kind, n.decimals, str(n.interval()))
(Decimal('7.2'), 'percent', 1, '[7.15, 7.25)')
>>> str(parse_number("30余万").interval())
'(300000, 400000)'
>>> [(x.text, x.kind, x.is_quantity) for x in find_numbers("截止2013年12月31日,共公开3521条")]
[('2013年12月31日', 'date', False), ('3521条', 'count', True)]

Modules: :mod:`.interval` (exact intervals, rounding modes, Calc 1.1 overlap),
:mod:`.chinese` (Chinese numerals), :mod:`.model` (:class:`Number`, hedge
rules), :mod:`.scan` (:func:`find_numbers`, :func:`parse_number`, context
rules), :mod:`.lexicon` (units, hedges, idioms).  Only ``decimal.Decimal`` is
used for values; never float.
"""

from __future__ import annotations

from .chinese import CnValue, parse_cn, parse_cn_int
from .interval import INF, NEG_INF, ROUNDING_MODES, Interval, rounding_interval
from .model import KINDS, QUANTITY_KINDS, Number, hedge_rule
from .scan import find_numbers, parse_number, register_idioms

__all__ = [
    "INF",
    "KINDS",
    "NEG_INF",
    "QUANTITY_KINDS",
    "ROUNDING_MODES",
    "CnValue",
    "Interval",
    "Number",
    "find_numbers",
    "hedge_rule",
    "parse_cn",
    "parse_cn_int",
    "parse_number",
    "register_idioms",
    "rounding_interval",
]
