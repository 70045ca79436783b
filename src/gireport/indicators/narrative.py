"""Old-template figures the narrative states, for the indicators an old
report's statistics table would give when it has none (or leaves a row out).

Each figure is a small named pattern over the report's prose: the number
it reads and the phrase that states it (``text=共受理政府信息公开申请19件``),
so a value can be checked by hand.  Only figures stated in so many words are read — 共受理政府信息公开申请
19件, 其中当面申请8件, 专职2人 — never inferred; a statement of none
(未收取任何费用) is a 0 only where it says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from .catalogue import Definition, definitions_for
from .model import SMALL_SAMPLE, Indicator
from .. import lazyre

__all__ = ["FIGURES", "narrative_figures", "narrative_indicators"]

_N = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_AMOUNT = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"

#: figure name → patterns (the first match counts).  A pattern with a
#: ``zero`` group states none.
FIGURES: dict[str, tuple[str, ...]] = {
    "received": (rf"(?:共|累计|全年)?(?:收到|受理|接收)(?:各类)?(?:政府)?信息公开申请(?:共|总计)?{_N}(?:件|条|份|次)",
                 rf"(?:收到|受理)(?:依申请公开|政府信息公开申请)(?:数|总数)?(?:为)?{_N}(?:件|条)"),
    "in_person": (rf"当面(?:提出)?申请(?:的)?{_N}件",),
    "fax": (rf"(?:传真|通过传真)申请(?:的)?{_N}件",),
    "online": (rf"(?:网络|网上|互联网|通过网络)申请(?:的)?{_N}件",),
    "letter": (rf"(?:信函|来信|邮寄)申请(?:的)?{_N}件",),
    "email": (rf"电子邮件申请(?:的)?{_N}件",),
    "other": (rf"其他(?:方式|形式)申请(?:的)?{_N}件",),
    "granted": (rf"(?:同意公开|予以公开)(?:的)?{_N}件",),
    "replied": (rf"(?:已|均已|共)?(?:答复|办结)(?:申请)?{_N}件",),
    "completed": (rf"(?:已|均已|共)?办结(?:申请)?{_N}件",),
    "charged": (rf"收取(?:各类|检索|复制|邮寄|信息公开)?[^。;,，]{{0,10}}?费用?(?:共计|共|合计)?{_AMOUNT}(?P<wan>万?)元", r"(?P<zero>未收取(?:任何)?(?:费用|信息公开(?:相关)?费用)|没有收取(?:任何)?费用|不收取任何费用|无收费)"),
    "waived": (rf"减免(?:费用|收费)?(?:共计|共)?{_AMOUNT}(?P<wan>万?)元", r"(?P<zero>(?:没有|无|未)减免(?:费用)?)"),
    "staff": (rf"(?:从事|负责)政府信息公开工作(?:的)?(?:人员|工作人员)(?:共)?{_N}人", rf"政府信息公开工作人员(?:共)?{_N}人"),
    "full_time": (rf"专职(?:工作)?(?:人员)?{_N}(?:人|名)",),
    "part_time": (rf"兼职(?:工作)?(?:人员)?{_N}(?:人|名)",),
}
_COMPILED = {k: tuple(lazyre.compile_std(p) for p in ps) for k, ps in FIGURES.items()}

#: Old-template definitions → the figures that stand for their terms.
_TERMS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("new_applications", "count"): (("received",), ()),
    ("application_channel_share", "in_person"): (("in_person",), ("received",)),
    ("application_channel_share", "fax"): (("fax",), ("received",)),
    ("application_channel_share", "online"): (("online",), ("received",)),
    ("application_channel_share", "letter"): (("letter",), ("received",)),
    ("application_channel_share", "email"): (("email",), ("received",)),
    ("application_channel_share", "other"): (("other",), ("received",)),
    ("disclosure_rate", "granted/replied"): (("granted",), ("replied",)),
    ("completion_rate", "completed/received"): (("completed",), ("received",)),
    ("fee_amount", "charged"): (("charged",), ()),
    ("fee_waived", "waived"): (("waived",), ()),
    ("staff", "total"): (("staff",), ()),
    ("staff", "full_time"): (("full_time",), ()),
    ("staff", "part_time"): (("part_time",), ()),
}


def narrative_figures(text: str) -> dict[str, tuple[Decimal, str]]:
    """figure → (value, reference ``text=the phrase that states it``) of
    every figure the text states."""
    out: dict[str, tuple[Decimal, str]] = {}
    for name, pats in _COMPILED.items():
        for pat in pats:
            m = pat.search(text)
            if m is None:
                continue
            if "zero" in pat.groupindex and m.group("zero"):
                out[name] = (Decimal(0), f"text={m.group(0)}")
            else:
                value = Decimal(m.group("n").replace(",", ""))
                if "wan" in pat.groupindex and m.group("wan"):
                    value *= 10000  # amounts in 元: 1.2万元 is 12000
                out[name] = (value, f"text={m.group(0)}")
            break
    return out


def narrative_indicators(text: str, template: str | None) -> list[Indicator]:
    """The old-template indicators the text states (only those it states)."""
    if (template or "old") != "old":
        return []
    figs = narrative_figures(text)
    out = []
    for d in definitions_for("old"):
        terms = _TERMS.get((d.indicator, d.variant))
        if terms is None:
            continue
        ind = _one(d, terms, figs)
        if ind is not None:
            out.append(ind)
    return out


def _one(d: Definition, terms: tuple[tuple[str, ...], tuple[str, ...]], figs: dict[str, tuple[Decimal, str]]) -> Indicator | None:
    num, den = terms
    if not all(f in figs for f in num + den):
        return None
    unit = "元" if d.kind == "amount" else d.unit  # narrative amounts are read in 元
    ind = Indicator(d.indicator, d.variant, d.label, d.kind, unit=unit, source="text")
    ind.numerator = sum((figs[f][0] for f in num), Decimal(0))
    ind.cells = [figs[f][1] for f in num + den]
    if d.kind != "rate":
        ind.value = Fraction(ind.numerator)
        return ind
    ind.denominator = sum((figs[f][0] for f in den), Decimal(0))
    if ind.denominator == 0:
        ind.untestable = "the denominator is 0"
        return ind
    ind.value = Fraction(ind.numerator) / Fraction(ind.denominator)
    ind.small_sample = ind.denominator < SMALL_SAMPLE
    return ind


def merge(table: Iterable[Indicator], text: Iterable[Indicator]) -> list[Indicator]:
    """The table's indicators; for a report without the statistics table,
    each replaced by the text's value of the same indicator and variant
    where the text states it.  A report with the table is read from the
    table alone: a phrase can name a channel loosely (信函等其他方式申请5件),
    and figures from two sources would not add up to one another."""
    by = {(i.indicator, i.variant): i for i in text}
    return [by[(i.indicator, i.variant)] if i.untestable == "no old_stats table" and (i.indicator, i.variant) in by else i for i in table]
