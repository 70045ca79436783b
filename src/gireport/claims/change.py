"""Change claims: year-on-year statements ("比上年增加150条,同比增长14.3%",
"由去年的1,246条增加到1,583条", "比重由上年的33.5%上升到39.8%").

A change keeps this year's value (``after``), last year's (``before``, None
when the text does not state the base), the absolute change (``delta``),
the rate and the points, and its direction.  Last year's value is read
between the cue and the verb ("较上年的45件增长20.0%", "比上年(9件)增加"), in
brackets after the figures ("(上年为1,200条)") or before the cue in its own
clause ("上年为60件,同比增长15.0%"); a carry-over (上年结转) or an earlier
change's base is never one.  The figures are those right after the verb: a
number in a later clause ("同比增长8%,其中予以公开30件") belongs to that
clause.  Figures of a change are never parts, totals or shares.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import regex as re

from ..numbers import Number
from .common import _CHANGE_CUE_RE, _CHANGE_WORD_RE, _P10, Para, _Ctx, _depth_signed as _depth, _Nums, _is_count, _is_percent, compatible_units
from .model import Change
from .subject import subject_before
from .. import lazyre

__all__ = ["find_changes"]


def find_changes(para: Para) -> list[Change]:
    """The changes of a paragraph; their figures go to ``para.change_nums``."""
    ctx, text, qty, section = para.ctx, para.text, para.qty, para.section
    out: list[Change] = []
    for s, e in para.sents:
        for cm in _CHANGE_CUE_RE.finditer(text, s, e):
            ch = _change_at(ctx, cm, s, e, qty, section, para.change_nums)
            if ch is None:
                continue
            figures = [n for n in (ch.delta, ch.rate, ch.points) if n is not None]
            if figures and all(id(n) in para.change_nums for n in figures):
                continue  # "比去年增加150条,同比增长14.3%": one change, two cues
            out.append(ch)
            para.change_nums.update(id(n) for n in ch.numbers if n is not ch.after)
    return out


_FROM_TO_RE = lazyre.compile(r"(?P<dir>增加|增长|提高|上升|减少|下降|降低)(?:到|至|为)")
#: A year dating the value after it: "2013年的", "2019年底的", "上年的".
_DATED_GAP_RE = lazyre.compile(r"\s*(?:\d{4}年(?:度|底|末)?)(?:的|为)?\s*")


def _from_and_to(text: str, cm: re.Match[str], e: int, qty: _Nums) -> tuple[Number, re.Match[str], Number] | None:
    """The two values of "由…增加到…": last year's right after 由 (a count or
    a percentage), the verb with 到/至/为 right after it, and this year's
    right after that, of the same kind; None when any is missing."""
    before = qty.first_from(cm.end())
    if before is None or before.start >= e or before.start - cm.end() > 4 or not (_is_count(before) or _is_percent(before)):
        return None
    wm = _FROM_TO_RE.match(text, before.end, min(e, before.end + 4)) or _FROM_TO_RE.search(text, before.end, min(e, before.end + 4))
    if wm is None:
        return None
    after = _dated_value(qty.first_from(wm.end()), qty)  # "…增加到2024年的301人次"
    if after is None or after.start >= e or _is_count(after) != _is_count(before):
        return None
    if after.start - wm.end() > 2 and not _dated_value_gap(text, wm.end(), after.start):
        return None
    return before, wm, after


def _dated_value(q: Number | None, qty: _Nums) -> Number | None:
    """``q``, or when it is a year the value it dates right after it
    ("2013年的1,218条", "2019年底3.6万人")."""
    if q is None or q.kind not in ("year", "date"):
        return q
    nxt = qty.first_from(q.end)
    return nxt if nxt is not None and nxt.start - q.end <= 3 else None


def _dated_value_gap(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a year dating the value that follows
    ("2013年的", "2019年底的")."""
    return _DATED_GAP_RE.fullmatch(text, a, b) is not None


def _from_to(ctx: _Ctx, cm: re.Match[str], s: int, e: int, qty: _Nums, section: str) -> Change | None:
    """ "由去年的1,246条增加到1,583条,增加327条(,增长27.0%)"; also a share
    from one year to the next ("比重由上年的33.5%上升到39.8%")."""
    text = ctx.text
    found = _from_and_to(text, cm, e, qty)
    if found is None:
        return None
    before, wm, after = found
    rest = qty.between(after.end + 1, e)[:3]
    delta = next((q for q in rest if _is_count(q) and compatible_units(q.unit, after.unit)), None)
    rate = next((q for q in rest if _is_percent(q)), None)
    points = next((q for q in rest if q.kind == "points"), None)
    direction = -1 if wm.group("dir") in ("减少", "下降", "降低") else 1
    end = max(n.end for n in (after, delta, rate, points) if n is not None)
    return Change(before.start, end, subject_before(text, s, cm.start()), section, direction=direction, after=after, before=before, delta=delta, rate=rate, points=points, cue=cm.group() + wm.group())


_CLAUSE_BREAK_RE = lazyre.compile(r"[,，;；:：()（）]")
_BASE_AFTER_RE = lazyre.compile(r"\s*[(（]\s*(?:上年|去年|上一年|\d{4}年)(?:同期)?(?:为|是)?")
_FIGURE_GAP_RE = lazyre.compile(r"^(?:了|为|达|到|至|约|近)?$")
_BASE_GAP_RE = lazyre.compile(r"^(?:的|同期的|同期|[(（])?$")
_BEFORE_CUE_RE = lazyre.compile(r"(?<![较比与同])(?:去年|上年|上一年)(?!结转|度?结转)(?:同期)?(?:为|的|是)?")


def _figures(text: str, qty: _Nums, wm_end: int, e: int) -> tuple[Number | None, Number | None, Number | None]:
    """The delta, rate and points right after the change word: the first
    figure must follow it directly ("增加150条", "增长了14.3%"); a second one
    only after a second change word ("增加15条,增长12.5%").  A number further
    on belongs to another clause ("同比增长8%,其中予以公开30件")."""
    delta = rate = points = None
    first = qty.first_from(wm_end)
    if first is None or first.start >= e or not _FIGURE_GAP_RE.match(text[wm_end : first.start].strip()):
        return None, None, None
    if first.kind == "points":
        points = first
    elif _is_percent(first) or first.kind == "multiple":
        rate = first
    elif _is_count(first):
        delta = first
    else:
        return None, None, None
    nxt = qty.first_from(first.end)
    if nxt is not None and nxt.start < e and nxt.start - first.end <= 12 and _CHANGE_WORD_RE.search(text, first.end, nxt.start):
        if _is_percent(nxt) and rate is None:
            rate = nxt
        elif nxt.kind == "points" and points is None:
            points = nxt
    return delta, rate, points


def _base_between(text: str, qty: _Nums, cm_end: int, wm_start: int) -> Number | None:
    """Last year's value between the cue and the change word: "较上年的45件增长",
    "比上年(9件)增加", "比2026年的280件下降"."""
    inner = [q for q in qty.between(cm_end, wm_start) if _is_count(q) or _is_percent(q)]
    if len(inner) != 1:
        return None
    q = inner[0]
    if not _BASE_GAP_RE.match(text[cm_end : q.start].strip()):
        return None
    return q


def _base_after(text: str, qty: _Nums, pos: int, e: int) -> Number | None:
    """Last year's value in brackets after the figures: "同比增长8%(上年为120条)"."""
    m = _BASE_AFTER_RE.match(text, pos, min(e, pos + 16))
    if m is None:
        return None
    q = qty.first_from(m.end())
    if q is None or q.start >= e or q.start - m.end() > 2 or not (_is_count(q) or _is_percent(q)):
        return None
    return q


def _this_year(
    text: str, qty: _Nums, s: int, cue_start: int, points: Number | None, stated: Number | None = None, used: frozenset[int] | set[int] = frozenset(),
    base: Number | None = None,
) -> Number | None:
    """This year's value: the nearest count (or, for a change in points, the
    nearest percentage) before the cue in the sentence, outside brackets,
    other than last year's value ``stated`` there and the figures and base
    of an earlier change (``used``: "4,286条,较2010年的3,950条增加336条,比
    2009年的3,262条增长31.4%" compares the 4,286, not the 336), and any in
    another kind of unit than last year's value ``base``."""
    lo = max(s, cue_start - 80)
    for q in reversed(qty.between(lo, cue_start)):
        if q is stated or id(q) in used:
            continue
        if base is not None and q.unit and base.unit and not compatible_units(q.unit, base.unit):
            continue  # "连续两年增长,较2021年的151件增长…": the 两年 is no value of the 151件
        if _depth(text, q.end, cue_start) < 0:
            continue  # inside a bracket that closes before the cue
        if points is not None:
            if _is_percent(q):
                return q
            continue
        if _is_count(q):
            return q
    return None


_QIZHONG_RE = lazyre.compile(r"其中")


def _main_total(text: str, qty: _Nums, s: int, near: Number) -> tuple[Number | None, list[Number]]:
    """When this year's value read (``near``) is an item of a 其中 list in
    its sentence ("…8件,其中维持5件、纠正1件、尚未审结2件,…"), the count right
    before 其中 (the clause's main total) and the listed counts; (None, [])
    otherwise."""
    lo = max(s, near.start - 80)
    m = None
    for m in _QIZHONG_RE.finditer(text, lo, near.start):
        pass
    if m is None or any(ch in text[m.end() : near.start] for ch in ";；。"):
        return None, []
    items = [q for q in qty.between(m.end(), near.end) if _is_count(q)]
    main = [q for q in qty.between(lo, m.start()) if _is_count(q)]
    if not main or not compatible_units(main[-1].unit, near.unit) or not items:
        return None, []
    total = main[-1]
    if not _CLAUSE_BREAK_RE.fullmatch(text[total.end : m.start()].strip() or ","):
        return None, []  # "…8件,其中": the total closes the clause that 其中 opens on
    if total.approx is None and all(q.approx is None for q in items) and sum(q.value for q in items) > total.value:
        return None, []  # the items exceed it: not their total
    return total, items


def _last_year(text: str, qty: _Nums, cm: re.Match[str], wm: re.Match[str], last: int, e: int) -> Number | None:
    """Last year's value between the cue and the verb ("较上年的45件增长") or
    in brackets after the figures ("(上年为1,200条)")."""
    return _base_between(text, qty, cm.end(), wm.start()) or _base_after(text, qty, last, e)


def _stated_before(text: str, qty: _Nums, s: int, cue_start: int) -> Number | None:
    """Last year's value stated before the cue in its own clause ("上年为60件,
    同比增长15.0%"; "去年公开信息1000条,今年…,比去年增加…")."""
    found = None
    for bm in _BEFORE_CUE_RE.finditer(text, max(s, cue_start - 80), cue_start):
        q = qty.first_from(bm.end())
        if q is not None and q.start < cue_start and _is_count(q) and not _CLAUSE_BREAK_RE.search(text, bm.end(), q.start):
            found = q
    return found


def _change_word(text: str, cm: re.Match[str], e: int) -> re.Match[str] | None:
    """The change verb within a few characters after the cue ("较上年增加"),
    or None; a change of several subjects ("较上年分别增加5件和6件") is none."""
    wm = _CHANGE_WORD_RE.search(text, cm.end(), min(e, cm.end() + 16))
    if wm is None or "分别" in text[cm.end() : wm.start()]:
        return None
    return wm


def _base_of_change(text: str, qty: _Nums, cm: re.Match[str], wm: re.Match[str], last: int, e: int, stated: Number | None, points: Number | None) -> Number | None:
    """Last year's value: stated after the cue, else before it; a
    percentage is no base of a count change."""
    before = _last_year(text, qty, cm, wm, last, e) or stated
    if before is not None and points is None and not _is_count(before):
        return None  # a percentage base for a count change
    return before


def _changed_total(text: str, qty: _Nums, s: int, after: Number | None, delta: Number | None, points: Number | None) -> tuple[Number | None, list[Number]]:
    """This year's value and its other readings: a value in another unit
    than the change is none; after a list of items ("被申请复议8件,其中维持
    5件、纠正1件、尚未审结2件,与上年相比减少3件") the change is of the
    clause's main total, any item of the list staying a reading."""
    if delta is not None and after is not None and not compatible_units(delta.unit, after.unit):
        after = None
    if after is None or points is not None:
        return after, []
    main, items = _main_total(text, qty, s, after)
    if main is None or not (delta is None or compatible_units(delta.unit, main.unit)):
        return after, []
    listed = [q for q in items if q is not after]
    return (main, [after, *listed]) if len(items) >= 2 else (after, [main, *listed])


#: "同比持平", "与上年持平": no change at all (基本持平, 大致持平 … are approximate).
_LEVEL_RE = lazyre.compile(r"(?<!基本|大致|大体|略有|基本上)持平")


def _level_at(ctx: _Ctx, cm: re.Match[str], s: int, e: int, qty: _Nums, section: str, used: frozenset[int] | set[int]) -> Change | None:
    """"…427条,同比持平(2019年为412条)": a change of zero, read like "增加0条"
    when last year's value is stated (in brackets after it, or before the
    cue in its own clause); None otherwise (nothing to check)."""
    text = ctx.text
    lm = _LEVEL_RE.match(text, cm.end(), min(e, cm.end() + 3))
    if lm is None:
        return None
    stated = _stated_before(text, qty, s, cm.start())
    before = _base_after(text, qty, lm.end(), e) or stated
    if before is None or not _is_count(before):
        return None
    after = _this_year(text, qty, s, cm.start(), None, stated, used, before)
    if after is None:
        return None
    zero = replace(before, text=lm.group(), start=lm.start(), end=lm.end(), value=Decimal(0), decimals=0, approx=None, value_hi=None)
    return Change(
        after.start, max(lm.end(), before.end), subject_before(text, s, after.start), section,
        direction=1, after=after, before=before, delta=zero, cue=cm.group() + lm.group(),
    )


def _change_at(ctx: _Ctx, cm: re.Match[str], s: int, e: int, qty: _Nums, section: str, used: frozenset[int] | set[int] = frozenset()) -> Change | None:
    """The change a cue ("比上年", "同比") at ``cm`` states in the sentence
    [s, e): the verb, the figures after it, this year's and last year's
    values; None when no verb or no figure follows.  ``used``: the ids of
    the figures and bases of the changes read before it."""
    text = ctx.text
    if cm.group().startswith("由"):
        return _from_to(ctx, cm, s, e, qty, section)
    wm = _change_word(text, cm, e)
    if wm is None:
        return _level_at(ctx, cm, s, e, qty, section, used)
    direction = -1 if _P10.match(wm.group("dir")) else 1
    delta, rate, points = _figures(text, qty, wm.end(), e)
    if delta is None and rate is None and points is None:
        return None
    last = max(n.end for n in (delta, rate, points) if n is not None)
    stated = _stated_before(text, qty, s, cm.start())
    before = _base_of_change(text, qty, cm, wm, last, e, stated, points)
    after = _this_year(text, qty, s, cm.start(), points, stated, used, before)
    after, alts = _changed_total(text, qty, s, after, delta, points)
    return Change(
        after.start if after else cm.start(),
        max(last, before.end if before is not None else last),
        subject_before(text, s, after.start) if after else None,
        section,
        direction=direction,
        after=after,
        before=before,
        delta=delta,
        rate=rate,
        points=points,
        cue=cm.group() + wm.group("dir"),
        alt_afters=alts,
    )
