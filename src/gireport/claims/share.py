"""Share claims: a percentage of a whole ("…155条,所占比例7.2%").

The extractor never guesses a denominator: a share's whole is taken, in
this order, from

1. an explicit whole in the same sentence ("占全部3521条的7.2%");
2. a breakdown that already lists the part ("总数3521条。其中…2304条" makes
   3521 the whole of a later "2304条,所占比例65.4%");
3. a list of shares whose parts add up to a total the report states earlier
   ("parts-total"), or whose percentages add up to 100 within rounding so
   that the parts are the whole ("parts-sum");
4. a scope phrase earlier in the paragraph ("在县本级全部公开信息中") that
   points at the nearest stated total of the same kind of thing ("scope");

and otherwise the share stays unresolved, which the auditor counts as
untestable.
"""

from __future__ import annotations

from dataclasses import replace

import regex as re
from decimal import Decimal

from ..numbers import Number, find_numbers
from .common import (
    _OF_WHOLE_RE,
    _P2,
    _PUNCT_ONLY_RE,
    _RATE_WORDS,
    _SCOPE_NUM_RE,
    _SCOPE_RE,
    _ZHAN_RE,
    Para,
    _Ctx,
    _Nums,
    _is_count,
    _is_percent,
    compatible_units,
)
from .model import Share
from .subject import subject_before

__all__ = ["find_shares"]

_PART_LINK_RE = re.compile(r"^[\s,，、(（]*(?:分别|约|共|均|各|仅|只|合计|共计)?(?:所?占|占到|占了|约占|占比|比例|比重)")


def find_shares(para: Para) -> list[Share]:
    """The shares of a paragraph, their wholes resolved where the text allows."""
    ctx, text, section = para.ctx, para.text, para.section
    shares: list[Share] = []
    for n in para.qty:
        if not _is_percent(n) or id(n) in para.change_nums:
            continue
        s, e = para.sent_of(n.start)
        before = text[s : n.start]
        if _RATE_WORDS.search(before[-8:]) and not _ZHAN_RE.search(before[-8:]):
            # A rate (办结率, 增长) rather than a share of a stated whole.
            if _P2.search(before):
                shares.append(Share(s, e, subject_before(text, s, n.start), section, percent=n, whole_note="a rate with no part stated"))
            continue
        shares.append(_share_at(ctx, n, s, para.qty, section))
    # Whole resolution that needs the list of shares in the paragraph.
    _resolve_shares(ctx, shares, para.pstart, section, para.qty)
    return shares


def _share_at(ctx: _Ctx, pct: Number, sent_start: int, qty: _Nums, section: str) -> Share:
    text = ctx.text
    # The part: the nearest count before the percentage in this sentence,
    # not separated from it by another percentage.
    part = None
    explicit_whole = None
    before = qty.between(sent_start, pct.start)[-8:]
    for i in range(len(before) - 1, -1, -1):
        n = before[i]
        if _is_percent(n):
            break
        if not _is_count(n):
            continue
        link = text[n.end : pct.start]
        # "…286条,占全部主动公开信息1,583条的16.1%": the count right before
        # the percentage is the whole, the one before 占 the part.
        if explicit_whole is None and _OF_WHOLE_RE.match(link) and _ZHAN_RE.search(text[max(sent_start, n.start - 24) : n.start]):
            explicit_whole = n
            continue
        if explicit_whole is not None:
            link = text[n.end : explicit_whole.start]
        # The part is the count whose own clause goes on to 占: "…155条,所占
        # 比例7.2%".  A new subject before 占 ("…397条,县直部门公开量占…") or a
        # clause break (";公开率(…)为") names another part.
        if n.kind != "duration" and (_PART_LINK_RE.match(link) or _PUNCT_ONLY_RE.match(link)) and len(link) <= 30:
            part = n
        break
    if explicit_whole is not None and part is not None:
        return Share(
            part.start, pct.end, subject_before(text, sent_start, part.start), section,
            percent=pct, part=part, whole=explicit_whole, whole_source="explicit", whole_note=f"占{explicit_whole.text}的",
        )
    between = text[max(part.end if part else sent_start, pct.start - 80) : pct.start]
    share = Share(
        part.start if part else sent_start,
        pct.end,
        subject_before(text, sent_start, part.start) if part else None,
        section,
        percent=pct,
        part=part,
    )
    # 1. explicit whole: "占…<number>…的P" between the part and the percentage.
    zm = None
    for m in _ZHAN_RE.finditer(between):
        zm = m
    if zm is not None and part is not None:
        zstart = (part.end if part else sent_start) + zm.end()
        cands = [q for q in qty.between(zstart, pct.start) if _is_count(q)]
        if cands:
            share.whole, share.whole_source = cands[0], "explicit"
            share.whole_note = f"占{cands[0].text}"
            return share
    if part is None:
        share.whole_note = "no part stated"
        return share
    # 2. the part is itself a part of a breakdown read from "其中"
    bd = ctx.part_of.get(id(part))
    if bd is not None and bd.total is not None:
        share.whole, share.whole_source = bd.total, "breakdown"
        share.whole_note = f"{part.text} is a part of the total {bd.total.text}"
    return share


def _resolve_shares(ctx: _Ctx, shares: list[Share], pstart: int, section: str, qty: list[Number]) -> None:
    text = ctx.text
    pending = [s for s in shares if not s.resolved and s.part is not None]
    if not pending:
        return
    # 3. lists of shares: group consecutive pending shares with compatible units.
    groups: list[list[Share]] = []
    for sh in pending:
        if groups and compatible_units(groups[-1][-1].part.unit, sh.part.unit) and _same_list(text, groups[-1][-1], sh):  # type: ignore[union-attr]
            groups[-1].append(sh)
        else:
            groups.append([sh])
    for grp in groups:
        # a scope phrase that states its own number ("在…主动公开的425条政府信息中")
        scope = None
        for m in _SCOPE_NUM_RE.finditer(text, pstart, grp[0].start):
            scope = m
        if scope is not None:
            inner = [n for n in find_numbers(scope.group()) if n.is_quantity and _is_count(n)]
            if inner and compatible_units(inner[-1].unit, grp[0].part.unit):  # type: ignore[union-attr]
                w = replace(inner[-1], start=inner[-1].start + scope.start(), end=inner[-1].end + scope.start())
                for g in grp:
                    g.whole, g.whole_source = w, "scope"
                    g.whole_note = f"scope {scope.group()!r} states the whole"
                continue
        parts_sum = sum((g.part.value for g in grp), Decimal(0))  # type: ignore[union-attr]
        exact = all(g.part.approx is None for g in grp)  # type: ignore[union-attr]
        if len(grp) >= 2 and exact:
            earlier = [t for t, _ in ctx.totals] + [q for q in qty if _is_count(q) and q.start < grp[0].start]
            total = next(
                (t for t in reversed(earlier) if t.value == parts_sum and t.start < grp[0].start and compatible_units(t.unit, grp[0].part.unit)),  # type: ignore[union-attr]
                None,
            )
            if total is not None:
                for g in grp:
                    g.whole, g.whole_source = total, "parts-total"
                    g.whole_note = f"the listed parts add up to the stated total {total.text}"
                continue
            pct_sum = sum((g.percent.value for g in grp if g.percent is not None), Decimal(0))
            max_dec = max((g.percent.decimals for g in grp if g.percent is not None), default=0)
            slack = Decimal(len(grp)) * Decimal(5) / (Decimal(10) ** (max_dec + 1))
            if abs(pct_sum - 100) <= slack:
                for g in grp:
                    g.whole_value, g.whole_source = parts_sum, "parts-sum"
                    g.whole_note = f"the listed parts cover the whole (percentages sum to {pct_sum}%): {parts_sum}"
                continue
        # a part restated from an earlier breakdown ("总数3521条。其中…2304条" and
        # later "…2304条,所占比例65.4%"); values under 100 coincide too easily.
        if len(grp) == 1:
            g = grp[0]
            hit = next(
                (bd for bd in reversed(ctx.breakdowns) if bd.total is not None and g.part.value >= 100  # type: ignore[union-attr]
                 and any(p.value == g.part.value and compatible_units(p.unit, g.part.unit) for p in bd.parts)),  # type: ignore[union-attr]
                None,
            )
            if hit is not None:
                g.whole, g.whole_source = hit.total, "breakdown"
                g.whole_note = f"{g.part.text} restates a part of the total {hit.total.text}"  # type: ignore[union-attr]
                continue
        # a scope phrase earlier in the paragraph pointing at a stated total
        scope = None
        for m in _SCOPE_RE.finditer(text, pstart, grp[0].start):
            scope = m
        if scope is not None:
            total = next(
                (t for t, sec in reversed(ctx.totals) if t.start < scope.start() and sec == section and compatible_units(t.unit, grp[0].part.unit) and t.value >= max(g.part.value for g in grp)),  # type: ignore[union-attr]
                None,
            )
            if total is not None:
                for g in grp:
                    g.whole, g.whole_source = total, "scope"
                    g.whole_note = f"scope {scope.group()!r} refers to the total {total.text}"
                continue
        for g in grp:
            g.whole_note = g.whole_note or "no whole stated or implied"


def _same_list(text: str, a: Share, b: Share) -> bool:
    """Two shares belong to one list when no sentence end separates them, or
    when the next sentence continues the enumeration (比例 … 比例)."""
    gap = text[a.end : b.start]
    return "。" not in gap or len(gap) < 40

