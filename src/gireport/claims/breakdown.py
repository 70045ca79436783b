"""Breakdown claims: a total and its parts.

Forms read: "其中" lists after a total (in the sentence or the previous
one); a list of shares whose whole is a printed total; parts in brackets
after a count ("197条(政府预决算32条、部门预决算165条)"); a cued total
followed by its parts ("共收到70件申请,办结69件,1件结转"); a run of three or
more counts adding up exactly to an earlier total; and shares without
counts closed by 其余/其他 (they must cover 100%).

``complete`` records whether the text marks the list as covering the total
(分别…, a closing 其他/其余, a share on every part, an exact sum); a partial
list is only checked not to exceed its total.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import regex as re

from ..numbers import Number
from .common import (
    _COMPLETE_RE,
    _NEW_TOTAL_RE,
    _P3,
    _P5,
    _P7,
    _P8,
    _P9,
    _QIZHONG_RE,
    _REST_RE,
    Para,
    _closing,
    _Ctx,
    _depth,
    _is_count,
    _is_count_near,
    _Nums,
    _parallel,
    _share_after,
    compatible_units,
)
from .model import Breakdown, Claim, Share
from .subject import subject_before

__all__ = ["qizhong_breakdowns", "share_list_breakdowns", "bracket_breakdowns", "sum_list_breakdowns", "bare_share_breakdowns"]


def qizhong_breakdowns(para: Para) -> list[Breakdown]:
    """Every "其中" of the paragraph read as a total and its parts."""
    out: list[Breakdown] = []
    for qm in _QIZHONG_RE.finditer(para.text, para.pstart, para.pend):
        bd = _breakdown_at(para.ctx, qm.start(), qm.end(), para.sents, para.qty, para.section, para.change_nums)
        if bd is not None:
            out.append(bd)
            para.ctx.breakdowns.append(bd)
    return out


def share_list_breakdowns(para: Para, shares: list[Share], found: list[Claim]) -> list[Breakdown]:
    """A list of shares whose whole is a printed total is a breakdown too."""
    text, section = para.text, para.section
    out: list[Breakdown] = []
    groups: dict[int, list[Share]] = {}
    for sh in shares:
        if sh.part is not None and sh.whole is not None and sh.whole_source in ("parts-total", "scope"):
            groups.setdefault(id(sh.whole), []).append(sh)
    seen_bd = {(id(c.total), tuple(sorted(id(p) for p in c.parts))) for c in found if isinstance(c, Breakdown)}
    for grp in groups.values():
        if len(grp) < 2:
            continue
        total = grp[0].whole
        assert total is not None
        if (id(total), tuple(sorted(id(g.part) for g in grp))) in seen_bd:
            continue  # the same total and parts already read from "其中"
        last_ctx = text[grp[-1].start : grp[-1].part.start] if grp[-1].part else ""
        bd = Breakdown(
            grp[0].start,
            grp[-1].end,
            subject_before(text, grp[0].start, grp[0].part.start) if grp[0].part else None,
            section,
            total=total,
            parts=[g.part for g in grp if g.part is not None],
            shares=[g.percent for g in grp],
            complete=grp[0].whole_source == "parts-total" or bool(_P3.search(last_ctx)),
            cue="shares" + (" ending in 其他" if _P3.search(last_ctx) else ""),
        )
        out.append(bd)
        para.ctx.breakdowns.append(bd)
    return out


def bracket_breakdowns(para: Para) -> list[Breakdown]:
    """A count with its parts in brackets: "预决算公开197条(政府预决算32条、部门预决算165条)"."""
    text, qty = para.text, para.qty
    out: list[Breakdown] = []
    for q in qty:
        if not _is_count(q) or q.approx is not None or text[q.end : q.end + 1] not in ("(", "（"):
            continue
        close = _closing(text, q.end + 1, min(len(text), q.end + 200))
        if close is None or re.match(r"[(（](?:含|包括|其中|约)", text[q.end : q.end + 3]):
            continue
        inner = [p for p in qty.between(q.end + 1, close) if _is_count(p) and compatible_units(p.unit, q.unit) and p.approx is None]
        if len(inner) >= 2 and sum((p.value for p in inner), Decimal(0)) == q.value:
            bd = Breakdown(q.start, close + 1, subject_before(text, para.pstart, q.start), para.section, total=q, parts=inner, shares=[None] * len(inner), complete=True, cue="parts in brackets")
            out.append(bd)
            para.ctx.breakdowns.append(bd)
    return out


def sum_list_breakdowns(para: Para, found: list[Claim]) -> list[Breakdown]:
    """A list of three or more counts in one sentence that adds up exactly to
    a count stated earlier ("主要类别有:A 612条,B 223条,…其他1796条"), or a cued
    total followed by its parts ("共收到70件申请,办结69件,1件结转")."""
    ctx, text, section = para.ctx, para.text, para.section
    out: list[Breakdown] = []
    in_bd = {id(p) for c in found if isinstance(c, Breakdown) for p in c.parts}
    for s, e in para.sents:
        run = [q for q in para.in_sent(s, e) if _is_count(q) and q.approx is None and id(q) not in in_bd and id(q) not in para.change_nums]
        head = next((q for q in run if id(q) in para.cued), None)
        if head is not None and len(run) >= 3 and run[0] is head:
            rest = run[1:]
            if sum((q.value for q in rest), Decimal(0)) == head.value and all(compatible_units(q.unit, head.unit) for q in rest):
                bd = Breakdown(s, e, subject_before(text, s, head.start), section, total=head, parts=rest, shares=[None] * len(rest), complete=True, cue="total followed by its parts")
                out.append(bd)
                ctx.breakdowns.append(bd)
                continue
        if len(run) < 3 or not all(compatible_units(q.unit, run[0].unit) for q in run):
            continue
        total_v = sum((q.value for q in run), Decimal(0))
        total = ctx.total_valued(total_v, s, run[0].unit)
        if total is not None:
            bd = Breakdown(s, e, subject_before(text, s, run[0].start), section, total=total, parts=run, shares=[None] * len(run), complete=True, cue="list adding up to " + total.text)
            out.append(bd)
            ctx.breakdowns.append(bd)
    return out


def bare_share_breakdowns(para: Para, shares: list[Share]) -> list[Breakdown]:
    """Shares without counts that end in 其余/其他 cover a whole: "同意公开的占
    52.4%,同意部分公开的占16.7%,其余答复占28.6%" must sum to 100%."""
    text = para.text
    out: list[Breakdown] = []
    for s_, e_ in para.sents:
        bare = [sh for sh in shares if sh.part is None and sh.percent is not None and s_ <= sh.percent.start < e_]
        if len(bare) >= 2 and _REST_RE.search(text[max(s_, bare[-1].percent.start - 12) : bare[-1].percent.start]):  # type: ignore[union-attr]
            out.append(Breakdown(bare[0].start, bare[-1].end, None, para.section, total=None, parts=[], shares=[b.percent for b in bare], complete=True, cue="shares ending in 其余"))
    return out


def _breakdown_at(
    ctx: _Ctx, qs: int, qe: int, sents: list[tuple[int, int]], qty: _Nums, section: str, change_nums: set[int]
) -> Breakdown | None:
    text = ctx.text
    cur = next((i for i, (s, e) in enumerate(sents) if s <= qs < e), None)
    if cur is None:
        return None
    sent_start = sents[cur][0]
    # The total is in this sentence before 其中, else in the previous one.
    lo = sent_start
    if cur > 0 and not any(sent_start <= n.start < qs and _is_count(n) for n in qty):
        lo = sents[cur - 1][0]
    # The zone of the parts: to the end of the sentence, or to the closing
    # bracket when 其中 itself is in brackets ("63件(其中本年新收61件,上年结转2件)").
    end = sents[cur][1]
    if _depth(text, lo, qs) > 0:
        close = _closing(text, qe, end)
        if close is not None:
            end = close
    nxt = text.find("其中", qe, end)
    if nxt >= 0:
        end = nxt  # a second 其中 starts another breakdown
    # Candidate totals: the counts before 其中 (in this sentence, or the
    # previous one when 其中 opens the sentence), outside brackets.
    base_depth = _depth(text, lo, qs)
    cands = [
        n for n in qty
        if lo <= n.start < qs and _is_count(n) and id(n) not in change_nums and _depth(text, lo, n.start) <= base_depth
    ]
    if not cands:
        return None
    total = cands[-1]
    parts: list[Number] = []
    with_shares = False
    # "其中包括:A 13件;B 2件;…": a colon-introduced list may use ";".
    listed = bool(_P5.match(text[qe : qe + 4]))
    for q in qty:
        if not (qe <= q.start < end) or not _is_count(q) or id(q) in change_nums or not compatible_units(q.unit, total.unit):
            continue
        if _depth(text, qe, q.start) > 0:
            continue  # a sub-breakdown in brackets: "197条(政府预决算32条、部门预决算165条)"
        if parts and _NEW_TOTAL_RE.search(text[max(qe, q.start - 8) : q.start]):
            break  # a new total: "…;对依申请公开的答复总数21条"
        if parts and q.unit and parts[0].unit and q.unit != parts[0].unit:
            break  # another measure word: the clause counts something else
        if parts and not with_shares and not listed and _P7.search(text[parts[-1].end : q.start]) and not _parallel(text, parts[0], q):
            break  # ";" ends a list of parts without shares, unless the clauses run in parallel
        if parts and with_shares and _share_after(text, qty, q) is None:
            break  # the parts carry shares; a count without one is about something else
        if not parts:
            with_shares = _share_after(text, qty, q) is not None
        parts.append(q)
    # Following sentences that open with a part continue the list ("其中两例
    # …。一例…"); with shares on every part the lead-in may be longer
    # ("…3933条,占79%。各乡镇主动公开政府信息1037条,占21%。").
    j = cur + 1
    while j < len(sents) and parts and end == sents[j - 1][1]:
        s, e = sents[j]
        first = next((q for q in qty if s <= q.start < e), None)
        if first is None or not _is_count(first) or (first.unit and parts[-1].unit and first.unit != parts[-1].unit):
            break
        lead = text[s : first.start]
        has_share = _share_after(text, qty, first) is not None
        if _P8.search(lead) or first.value == total.value:
            break
        if not (len(lead.strip()) <= 8 or with_shares and has_share and len(lead) <= 16):
            break
        parts.extend(q for q in qty if s <= q.start < e and _is_count(q) and (not q.unit or q.unit == first.unit) and _depth(text, s, q.start) == 0)
        end = e
        j += 1
    if not parts:
        return None
    shares: list[Number | None] = [_share_after(text, qty, p) for p in parts]
    parts_sum = sum((p.value for p in parts), Decimal(0))
    # When the parts add up to the sum of several counts before 其中 ("收到
    # 申请8件,上年结转1件,均已办结。其中…"), those counts together are the total.
    single = next((c for c in reversed(cands) if c.value == parts_sum), None) if parts_sum != total.value else None
    if single is not None and all(p.approx is None for p in parts):
        total = single  # "受理117件,办结171件…。其中…91件…7件…19件" (= 117)
    elif len(cands) >= 2 and parts_sum != total.value and all(p.approx is None for p in parts):
        for k in range(2, min(4, len(cands)) + 1):
            grp = cands[-k:]
            if sum((c.value for c in grp), Decimal(0)) == parts_sum and all(compatible_units(c.unit, total.unit) for c in grp):
                total = replace(
                    grp[0],
                    text="+".join(c.text for c in grp) + f"={parts_sum}{grp[0].unit or ''}",
                    value=parts_sum,
                    end=grp[-1].end,
                )
                break
        else:
            if len(cands) >= 2 and lo == sent_start and not _is_count_near(text, cands[-1], qs):
                # Several counts could be the total and none adds up: which
                # one the parts break down is unknown, so no claim is made.
                return None
    zone = text[qe:end]
    # Two or more parts after 其中 read as the full breakdown, unless the text
    # marks the list as a selection (包括, 主要, 如, 等).
    after_last = text[parts[-1].end : parts[-1].end + 4]
    selection = bool(_P9.match(zone)) or "等" in after_last
    # Complete only when the text says so: 分别/其他/其余, a share on every
    # part, or an exact sum.  "其中A 2篇,B 18篇" may list overlapping subsets.
    complete = len(parts) >= 2 and not selection and (
        bool(_COMPLETE_RE.search(zone)) or all(s is not None for s in shares) or parts_sum == total.value
    )
    return Breakdown(
        total.start,
        end,
        subject_before(text, lo, total.start),
        section,
        total=total,
        parts=parts,
        shares=shares,
        complete=complete or parts_sum > total.value,
        cue="其中",
    )

