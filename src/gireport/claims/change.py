"""Change claims: year-on-year statements ("比上年增加150条,同比增长14.3%",
"由去年的1,246条增加到1,583条").

A change keeps this year's value (``after``), last year's (``before``) when
the sentence states it, the absolute change (``delta``), the rate and the
points, and its direction.
"""

from __future__ import annotations

import regex as re

from ..numbers import Number
from .common import _CHANGE_CUE_RE, _CHANGE_WORD_RE, _P10, _P11, Para, _Ctx, _Nums, _is_count, _is_percent, compatible_units
from .model import Change
from .subject import subject_before

__all__ = ["find_changes"]


def find_changes(para: Para) -> list[Change]:
    """The changes of a paragraph; their figures go to ``para.change_nums``."""
    ctx, text, qty, section = para.ctx, para.text, para.qty, para.section
    out: list[Change] = []
    for s, e in para.sents:
        for cm in _CHANGE_CUE_RE.finditer(text, s, e):
            ch = _change_at(ctx, cm, s, e, qty, section)
            if ch is None:
                continue
            figures = [n for n in (ch.delta, ch.rate, ch.points) if n is not None]
            if figures and all(id(n) in para.change_nums for n in figures):
                continue  # "比去年增加150条,同比增长14.3%": one change, two cues
            out.append(ch)
            para.change_nums.update(id(n) for n in ch.numbers if n is not ch.after)
    return out


_FROM_TO_RE = re.compile(r"(?P<dir>增加|增长|提高|上升|减少|下降|降低)(?:到|至|为)")


def _from_to(ctx: _Ctx, cm: re.Match[str], s: int, e: int, qty: list[Number], section: str) -> Change | None:
    """ "由去年的1,246条增加到1,583条,增加327条(,增长27.0%)" """
    text = ctx.text
    before = next((q for q in qty if cm.end() <= q.start < e and _is_count(q)), None)
    if before is None or before.start - cm.end() > 4:
        return None
    wm = _FROM_TO_RE.match(text, before.end, min(e, before.end + 4)) or _FROM_TO_RE.search(text, before.end, min(e, before.end + 4))
    if wm is None:
        return None
    after = next((q for q in qty if wm.end() <= q.start < e and _is_count(q)), None)
    if after is None or after.start - wm.end() > 2:
        return None
    rest = [q for q in qty if after.end < q.start < e]
    delta = next((q for q in rest if _is_count(q) and compatible_units(q.unit, after.unit)), None)
    rate = next((q for q in rest if _is_percent(q)), None)
    points = next((q for q in rest if q.kind == "points"), None)
    direction = -1 if wm.group("dir") in ("减少", "下降", "降低") else 1
    end = max(n.end for n in (after, delta, rate, points) if n is not None)
    return Change(before.start, end, subject_before(text, s, cm.start()), section, direction=direction, after=after, before=before, delta=delta, rate=rate, points=points, cue=cm.group() + wm.group())


def _change_at(ctx: _Ctx, cm: re.Match[str], s: int, e: int, qty: _Nums, section: str) -> Change | None:
    text = ctx.text
    if cm.group().startswith("由"):
        return _from_to(ctx, cm, s, e, qty, section)
    wm = _CHANGE_WORD_RE.search(text, cm.end(), min(e, cm.end() + 16))
    if wm is None:
        return None
    direction = -1 if _P10.match(wm.group("dir")) else 1
    window_end = min(e, wm.end() + 80)
    look = qty.between
    after_cue = look(wm.end(), window_end)[:4]
    delta = rate = points = None
    for q in after_cue[:2]:
        if q.kind == "points":
            points = points or q
        elif _is_percent(q):
            rate = rate or q
        elif _is_count(q):
            delta = delta or q
        elif q.kind == "multiple":
            rate = rate or q
    # A second change word in the same clause: "增加15条,增长12.5%"
    if delta is not None and rate is None:
        more = [q for q in look(delta.end + 1, window_end) if _is_percent(q) and q.start - delta.end < 16]
        if more:
            rate = more[0]
    if delta is None and rate is None and points is None:
        return None
    # The value this year: the nearest count before the cue in the sentence.
    lo = max(s, cm.start() - 80)
    after = None
    for q in reversed(look(lo, cm.start())):
        if _is_count(q):
            after = q
            break
    before = None
    bm = _P11.search(text[lo : cm.start()])
    if bm:
        cands = [q for q in look(lo + bm.end(), cm.start()) if _is_count(q)]
        if cands:
            before = cands[0]
            if after is before:
                after = None
    if delta is not None and after is not None and not compatible_units(delta.unit, after.unit):
        after = None
    return Change(
        after.start if after else cm.start(),
        max(n.end for n in (delta, rate, points) if n is not None),
        subject_before(text, s, after.start) if after else None,
        section,
        direction=direction,
        after=after,
        before=before,
        delta=delta,
        rate=rate,
        points=points,
        cue=cm.group() + wm.group("dir"),
    )

