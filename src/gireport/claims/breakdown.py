"""Breakdown claims: a total and its parts.

Forms read: "其中" lists after a total (in the sentence or the previous
one); a list of shares whose whole is a printed total; parts in brackets
after a count ("197条(政府预决算32条、部门预决算165条)"); a cued total
followed by its parts ("共收到70件申请,办结69件,1件结转"); a run of three or
more counts adding up exactly to an earlier total; and shares without
counts closed by 其余/其他 (they must cover 100%); a list opened by
具体为/分别是 right after a count; a list closed by its own 合计/共计 N.

``complete`` records whether the text marks the list as covering the total
(分别…, a closing 其他/其余, a share on every part, an exact sum); a partial
list is only checked not to exceed its total.  A list read as complete
from its shape alone (three or more parallel parts closing the sentence)
must cover nine tenths of its total: a few topic categories far short of
it ("信息412条,其中A 148条、B 97条、C 63条") are a selection, partial.  So
is a 其中 list after a 主要涉及…等 clause, and a list of shares when some of
its items carry none.  A list continues into the next sentence only when
that sentence states no base of its own ("本年新收的16件申请中,", "…,其中")
and, without shares, does not overshoot the total.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import regex as re

from ..numbers import Number
from .common import (
    ANSWER_KINDS,
    _CLASSIFY_RE,
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
    _depth,
    _is_count,
    _LEAD_CUT_RE,
    _lead,
    _parallel,
    _share_after,
    _sum_share_after,
    compatible_units,
    count_word,
    list_run,
)
from .model import Breakdown, Claim, Share
from .subject import subject_before
from .. import lazyre

__all__ = ["among_breakdowns", "qizhong_breakdowns", "share_list_breakdowns", "bracket_breakdowns", "sum_list_breakdowns", "bare_share_breakdowns"]


_CLASS_SHARE_RE = lazyre.compile(r"占(?:比)?(?:为)?$")


def _classified(para: Para, pos: int) -> bool:
    """The list at ``pos`` follows a classification phrase in its sentence."""
    i = para.sent_index(pos)
    if i is None:
        return False
    return _CLASSIFY_RE.search(para.text, para.sents[i][0], pos) is not None


def qizhong_breakdowns(para: Para) -> list[Breakdown]:
    """Every "其中" of the paragraph read as a total and its parts, and every
    list a 具体为/具体包括/分别是 opens right after a count of its sentence."""
    out: list[Breakdown] = []
    cues = [(m.start(), m.end()) for m in _QIZHONG_RE.finditer(para.text, para.pstart, para.pend)]
    cues += [(m.start(), m.end()) for m in _SPECIFIC_RE.finditer(para.text, para.pstart, para.pend) if _specifies_count(para, m.start())]
    for qs, qe in sorted(cues):
        bd = _breakdown_at(para, qs, qe)
        if bd is not None and not para.text.startswith("其中", qs):
            if not _lists_counts(para.text, qe, bd.parts):
                continue
            bd.cue = para.text[qs:qe].rstrip(":：")
        if bd is not None:
            out.append(bd)
            para.ctx.breakdowns.append(bd)
    return out


#: "…共发布信息412条,具体为:A…条、B…条": the list that follows is the
#: whole of the count (具体为 / 具体是 / 具体包括 / 具体如下 / 分别是).
_SPECIFIC_RE = lazyre.compile(r"具体(?:情况|内容|数据|类别)?(?:为|是|包括|有|如下|分为)[:：]?|分别[是为][:：]?|分为[:：]")
#: The cues that say the list is the whole (具体包括 / 具体有 read as a
#: complete list only from its shape, like a list after 其中).
_WHOLE_CUE_RE = lazyre.compile(r"具体(?:情况|内容|数据|类别)?(?:为|是|分为)|分别[是为]|分为[:：]")
#: Between the count and the cue: at most a short noun, then a comma or
#: colon, and perhaps what the list is by ("6,842条,按栏目分别为…").
_TO_SPECIFIC_RE = lazyre.compile(r"[^,，。;；:：、\d()（）]{0,10}[,，:：。]?\s*(?:(?:按照?|从)[^,，。;；:：、\d()（）]{1,8})?$")


def _lists_counts(text: str, qe: int, parts: list[Number]) -> bool:
    """After 具体为, two or more parts, the first right after the cue with
    only its label between ("分别是甲馆、乙馆,12个乡镇…" lists names, not
    the counts read)."""
    return len(parts) >= 2 and not re.search(r"[,，、;；。]", text[qe : parts[0].start])


def _specifies_count(para: Para, cue: int) -> bool:
    """The cue at ``cue`` follows a count of its sentence closely ("612条,具体
    为"), with no 其中 in between (that 其中 opens the list already)."""
    i = para.sent_index(cue)
    if i is None:
        return False
    s = para.sents[i][0]
    if i > 0 and not para.text[s:cue].strip(" \t,，"):
        s = para.sents[i - 1][0]  # "…发布信息412条。具体为:…"
    last = next((n for n in reversed(para.qty.between(s, cue)) if _is_count(n)), None)
    if last is None or id(last) in para.change_nums:
        return False
    return _TO_SPECIFIC_RE.fullmatch(para.text, last.end, cue) is not None


#: "N件中," / "N件申请中," / "N条政府信息中," / "N件无法提供的申请中," — a noun
#: phrase, never a state ("2件正在办理中,").
_AMONG_RE = lazyre.compile(r"(?:[^,，。;；:：\d()（）]{0,6}?(?:申请|信息|案件|事项|文件|请求|建议|提案))?当?中[,，:：]")


def among_breakdowns(para: Para) -> list[Breakdown]:
    """A total as the scope of what follows: "办结的83件中,属于…14件,同意公开
    的39件,…" (read like 其中; a single part is only checked not to exceed)."""
    text = para.text
    out: list[Breakdown] = []
    for q in para.qty:
        if not _is_count(q) or id(q) in para.change_nums:
            continue
        m = _AMONG_RE.match(text, q.end, min(para.pend, q.end + 12))
        if m is None or text.startswith("其中", m.end()):
            continue
        i = para.sent_index(q.start)
        if i is None:
            continue
        s, e = para.sents[i]
        parts, _ = _read_parts(para, m.end(), e, q)
        if not parts:
            continue
        bd = _make_breakdown(para, s, m.end(), e, q, parts)
        bd.cue = "N中"
        out.append(bd)
        para.ctx.breakdowns.append(bd)
    return out


def _shares_by_whole(shares: list[Share]) -> dict[int, list[Share]]:
    """The shares with a part whose whole is a printed total (the parts add
    up to it, a scope names it, or it is read from context), by that total."""
    groups: dict[int, list[Share]] = {}
    for sh in shares:
        if sh.part is not None and sh.whole is not None and sh.whole_source in ("parts-total", "scope", "context"):
            groups.setdefault(id(sh.whole), []).append(sh)
    return groups


def _shares_cover_list(para: Para, grp: list[Share], total: Number, classified: bool) -> bool:
    """Whether a list of shares can be read as a breakdown of its total: not
    when items of the list carry no share (and the shared parts alone do not
    add up to the total), nor when the whole is inferred and no
    classification says the list covers it."""
    run = list_run(para, [g.part for g in grp if g.part is not None])
    if run is not None and len(run[0]) > len(grp) and sum((g.part.value for g in grp if g.part is not None), Decimal(0)) != total.value:
        return False  # items of the list without a share: the shares are no exhaustive set (the whole list may add up on its own)
    if grp[0].whole_source == "context" and not classified:
        return False  # a list of shares of an inferred whole, not said to cover it
    return True


def _share_list_breakdown(para: Para, grp: list[Share], total: Number, classified: bool) -> Breakdown:
    """The breakdown a list of shares makes: complete when its parts add up
    to the total, the list ends in 其他, or a classification heads it."""
    text = para.text
    last_ctx = text[grp[-1].start : grp[-1].part.start] if grp[-1].part else ""
    ends_other = bool(_P3.search(last_ctx))
    return Breakdown(
        grp[0].start,
        grp[-1].end,
        subject_before(text, grp[0].start, grp[0].part.start) if grp[0].part else None,
        para.section,
        total=total,
        parts=[g.part for g in grp if g.part is not None],
        shares=[g.percent for g in grp],
        complete=grp[0].whole_source == "parts-total" or ends_other or classified,
        cue="shares" + (" ending in 其他" if ends_other else "") + (" of a classification" if classified else ""),
        inferred=grp[0].whole_source == "context",
        note=grp[0].whole_note,
    )


def share_list_breakdowns(para: Para, shares: list[Share], found: list[Claim]) -> list[Breakdown]:
    """A list of shares whose whole is a printed total is a breakdown too."""
    out: list[Breakdown] = []
    seen_bd = {(id(c.total), tuple(sorted(id(p) for p in c.parts))) for c in found if isinstance(c, Breakdown)}
    for grp in _shares_by_whole(shares).values():
        if len(grp) < 2:
            continue
        total = grp[0].whole
        assert total is not None
        if (id(total), tuple(sorted(id(g.part) for g in grp))) in seen_bd:
            continue  # the same total and parts already read from "其中"
        classified = _classified(para, grp[0].part.start if grp[0].part else grp[0].start)
        if not _shares_cover_list(para, grp, total, classified):
            continue
        bd = _share_list_breakdown(para, grp, total, classified)
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


def _total_then_parts(para: Para, s: int, e: int, run: list[Number]) -> Breakdown | None:
    """A cued total opening the sentence's counts, followed by two or more
    parts in its unit adding up to it ("共收到70件申请,办结69件,1件结转")."""
    head = next((q for q in run if id(q) in para.cued), None)
    if head is None or len(run) < 3 or run[0] is not head:
        return None
    rest = run[1:]
    if sum((q.value for q in rest), Decimal(0)) != head.value or not all(compatible_units(q.unit, head.unit) for q in rest):
        return None
    return Breakdown(s, e, subject_before(para.text, s, head.start), para.section, total=head, parts=rest, shares=[None] * len(rest), complete=True, cue="total followed by its parts")


def _list_adding_up(para: Para, s: int, e: int, run: list[Number]) -> Breakdown | None:
    """Three or more counts of the sentence in one unit adding up exactly
    to a count stated earlier ("主要类别有:A 612条,B 223条,…其他1796条")."""
    if len(run) < 3 or not all(compatible_units(q.unit, run[0].unit) for q in run):
        return None
    total_v = sum((q.value for q in run), Decimal(0))
    total = para.ctx.total_valued(total_v, s, run[0].unit)
    if total is None:
        return None
    return Breakdown(s, e, subject_before(para.text, s, run[0].start), para.section, total=total, parts=run, shares=[None] * len(run), complete=True, cue="list adding up to " + total.text)


#: "…、C 187条,合计1,047条": a total closing the list before it.
_TRAILING_TOTAL_RE = lazyre.compile(r"[,，、;；]\s*(?:以上|上述|[两二三四五六七八九十]项|各项)?(?:合计|共计|总计|总共|共)(?:为|是|达)?[:：]?$")
#: Where the list starts: after a colon, a classification, 其中 or 分别为.
_LIST_START_RE = lazyre.compile(r"[:：]|其中|分别为|分别是|具体为|(?:按照?|从|以)[^,，。;；:：]{1,10}?(?:分|看|来看|划分|分类|统计)[,，]?")


#: A sentence that is only the list's total: "…C 204条。合计1,047条。"
_OPENING_TOTAL_RE = lazyre.compile(r"\s*(?:以上|上述|[两二三四五六七八九十]项|各项)?(?:合计|共计|总计|总共|共)(?:为|是|达)?[:：]?")


def _list_then_total(para: Para, s: int, run: list[Number], prev: tuple[int, list[Number]] | None) -> Breakdown | None:
    """Two or more counts in one unit followed by their own 合计/共计/总计
    ("按栏目分,A 281条、B 96条、C 204条,合计581条", or the total in a sentence
    of its own right after the list): the trailing count is the list's
    total, and the list is the whole of it."""
    text = para.text
    if prev is not None and run and _OPENING_TOTAL_RE.fullmatch(text, s, run[0].start):
        ps, prun = prev
        return _closed_list(para, ps, prun + [run[0]], len(prun), s)
    for k, tot in enumerate(run[2:], 2):
        lead = text[max(s, tot.start - 8) : tot.start]
        if "共" not in lead and "计" not in lead:
            continue  # every trailing-total cue has one of them
        cue = _TRAILING_TOTAL_RE.search(text, max(s, tot.start - 8), tot.start)
        if cue is not None:
            return _closed_list(para, s, run, k, cue.start())
    return None


def _closed_list(para: Para, s: int, run: list[Number], k: int, cue_at: int) -> Breakdown | None:
    """``run[k]`` as the total of the counts before it: the list runs from
    the last colon, classification or 其中 before it (or from ``s``), and
    every number in that stretch is a part, in one unit, none larger than
    the total."""
    text, tot = para.text, run[k]
    if k < 2:
        return None
    lo = s
    for m in _LIST_START_RE.finditer(text, s, run[k - 1].start):
        lo = m.end()
    parts = [q for q in run[:k] if q.start >= lo and q.end <= cue_at and _depth(text, lo, q.start) == 0]
    if len(parts) < 2 or len(parts) != len([q for q in para.qty.between(lo, cue_at) if _depth(text, lo, q.start) == 0]):
        return None  # other numbers (shares, years, approximate counts) in the stretch: not a plain list
    if not all(compatible_units(q.unit, tot.unit) and q.unit == parts[0].unit and q.value <= tot.value for q in parts):
        return None  # (a part larger than the count: "办结18件,共2件逾期" counts something else)
    if any(_DISTRIBUTIVE_RE.search(text, max(lo, q.start - 8), q.start) for q in parts):
        return None  # "各处室各明确1名…,共5名": a count per unit, not a part of the total
    return Breakdown(parts[0].start, tot.end, subject_before(text, s, parts[0].start), para.section, total=tot, parts=parts, shares=[None] * len(parts), complete=True, cue="list followed by its total (合计)")


#: A count per unit ("各明确1名", "各乡镇1个"): 各 shortly before it, in its clause.
_DISTRIBUTIVE_RE = lazyre.compile(r"各[^\d,，。;；、:：]{0,4}$")


def sum_list_breakdowns(para: Para, found: list[Claim]) -> list[Breakdown]:
    """A list of three or more counts in one sentence that adds up exactly to
    a count stated earlier ("主要类别有:A 612条,B 223条,…其他1796条"), or a cued
    total followed by its parts ("共收到70件申请,办结69件,1件结转")."""
    out: list[Breakdown] = []
    in_bd = {id(p) for c in found if isinstance(c, Breakdown) for p in c.parts}
    prev: tuple[int, list[Number]] | None = None
    for s, e in para.sents:
        run = [q for q in para.in_sent(s, e) if _is_count(q) and q.approx is None and id(q) not in in_bd and id(q) not in para.change_nums]
        bd = _list_then_total(para, s, run, prev) or _total_then_parts(para, s, e, run)
        if bd is None:
            bd = _list_adding_up(para, s, e, run)
        if bd is not None:
            out.append(bd)
            para.ctx.breakdowns.append(bd)
        prev = (s, run) if bd is None else None
    return out


def classified_list_breakdowns(para: Para, found: list[Claim]) -> list[Breakdown]:
    """A classification of a count stated before it ("共受理申请186件…。按申请
    方式分,当面申请64件,网上申请87件,信函申请41件"): two or more counts in
    one unit right after the classification phrase, in a sentence of their
    own, cover the count they classify.  The candidate totals are the
    counts of the paragraph's earlier sentences that the list can belong to
    (and the sums of two stated side by side: 新收 + 上年结转); a list that
    adds up to one of them is that one's breakdown.  Otherwise the list is
    read against the nearest count cued as a total (共, 全年, 新收 …),
    when the parts exceed it or cover at least nine tenths of it: an
    inferred reading, so a contradiction is at most a warning."""
    out: list[Breakdown] = []
    in_bd = {id(p) for c in found if isinstance(c, Breakdown) for p in c.parts} | {id(c.total) for c in found if isinstance(c, Breakdown) and c.total is not None}
    for s, e in para.sents:
        got = _classified_run(para, s, e, in_bd)
        if got is None:
            continue
        run, subject = got
        bd = _classified_list(para, s, run, subject)
        if bd is not None:
            out.append(bd)
            para.ctx.breakdowns.append(bd)
    return out


def _classified_run(para: Para, s: int, e: int, in_bd: set[int]) -> tuple[list[Number], str] | None:
    """(the counts, the classification phrase) of a sentence opened by a
    classification ("按申请方式分,"), up to ; or the next classification:
    two or more exact counts in one unit, none already in a breakdown,
    nothing but words before the first, and no 其中; else None."""
    text = para.text
    m = _CLASSIFY_OPEN_RE.match(text, s)
    if m is None:
        return None
    stop = _CLAUSE_RUN_END_RE.search(text, m.end(), e)
    e = stop.start() if stop else e
    run = [q for q in para.in_sent(s, e) if _is_count(q) and id(q) not in para.change_nums]
    if len(run) < 2 or any(id(q) in in_bd or q.approx is not None or q.unit != run[0].unit for q in run):
        return None
    if _QIZHONG_RE.search(text, s, e) or _OTHER_NUMBER_RE.search(text, s, run[0].start):
        return None
    if _MAINLY_RE.search(text, m.end(), run[0].start) or _MORE_AFTER_RE.match(text, run[-1].end, e):
        return None  # "主要包括A…、B…,此外还有…": a selection, not the whole
    return run, m.group().strip(" ,，:：")


#: A list that names only the main items: "主要包括", "主要有", "主要涉及".
_MAINLY_RE = lazyre.compile(r"主要(?:包括|包含|有|涉及|是|为|集中在)")
#: A list that says there is more: "…等", ",此外还有…", ",另有…", "以及其他…".
_MORE_AFTER_RE = lazyre.compile(r"[^,，。;；]{0,6}?等|[,，;；]\s*(?:此外|另有|另外|还有|以及其他|及其他)")


#: a sentence opened by a classification: "按申请方式分,", "从申请渠道看,", "按申请人类型统计:"
_CLASSIFY_OPEN_RE = lazyre.compile(r"\s*(?:按照?|从)[^,，。;；:：\d]{1,10}?(?:分|看|来看|划分|分类|统计)[,，:：]")
_OTHER_NUMBER_RE = lazyre.compile(r"\d")
_CLAUSE_RUN_END_RE = lazyre.compile(r"[;；]|[,，](?:按照?|从)[^,，。;；:：\d]{1,10}?(?:分|看|来看|划分|分类|统计)[,，:：]")


def _classified_list(para: Para, s: int, run: list[Number], subject: str) -> Breakdown | None:
    from .share import _side_by_side_sums

    text = para.text
    parts_sum = sum((q.value for q in run), Decimal(0))
    before = [q for q in para.qty.between(para.pstart, s) if _is_count(q) and q.approx is None and compatible_units(q.unit, run[0].unit)]
    cands = before + _side_by_side_sums(text, [(q, False) for q in before], Decimal(0), frozenset())
    exact = next((c for c in reversed(cands) if c.value == parts_sum), None)
    if exact is not None:
        return Breakdown(run[0].start, run[-1].end, subject, para.section, total=exact, parts=run, shares=[None] * len(run), complete=True, total_inferred=True, cue="a classification of a count stated before it")
    heads = [q for q in before if (id(q) in para.cued or q is _first_count_of_sentence(para, q)) and not _opens_subset(para, q)]
    if not heads:
        return None
    total = heads[-1]
    if parts_sum < total.value and parts_sum * 10 < total.value * 9:
        return None  # far short: perhaps only the main categories
    tried = "、".join(c.text for c in cands if c is not total)
    return Breakdown(
        run[0].start, run[-1].end, subject, para.section, total=total, parts=run, shares=[None] * len(run),
        complete=True, inferred=True, total_inferred=True, cue="a classification of a count stated before it",
        note=f"the total read as {total.text}, stated before the classification" + (f" (also tried {tried})" if tried else ""),
    )


def _opens_subset(para: Para, q: Number) -> bool:
    """Whether ``q`` stands in a sentence opened by 其中 ("其中主动公开规范性
    文件23件"): a subset of what came before, no total of a later list."""
    i = para.sent_index(q.start)
    return i is not None and para.text.startswith("其中", para.sents[i][0])


def _first_count_of_sentence(para: Para, q: Number) -> Number | None:
    """The first count of the sentence holding ``q`` (the count a sentence
    is about: "全年共受理申请20件,…")."""
    i = para.sent_index(q.start)
    if i is None:
        return None
    s, e = para.sents[i]
    return next((x for x in para.in_sent(s, e) if _is_count(x)), None)


def bare_share_breakdowns(para: Para, shares: list[Share]) -> list[Breakdown]:
    """Shares without counts that end in 其余/其他 cover a whole: "同意公开的占
    52.4%,同意部分公开的占16.7%,其余答复占28.6%" must sum to 100%."""
    text = para.text
    out: list[Breakdown] = []
    by_sent: dict[int, list[Share]] = {}
    for sh in shares:
        if sh.part is None and sh.percent is not None:
            i = para.sent_index(sh.percent.start)
            if i is not None:
                by_sent.setdefault(i, []).append(sh)
    for i, bare in by_sent.items():
        s_ = para.sents[i][0]
        if len(bare) < 2:
            continue
        named = _named_respectively(para, s_, bare)
        if named is not None:
            out.append(named)
            continue
        if _REST_RE.search(text[max(s_, bare[-1].percent.start - 12) : bare[-1].percent.start]):  # type: ignore[union-attr]
            out.append(Breakdown(bare[0].start, bare[-1].end, None, para.section, total=None, parts=[], shares=[b.percent for b in bare], complete=True, cue="shares ending in 其余"))
        elif _classified(para, bare[0].percent.start) and all(_CLASS_SHARE_RE.search(text, max(s_, b.percent.start - 3), b.percent.start) for b in bare) and not _more_items_than_shares(para, s_, bare):  # type: ignore[union-attr]
            out.append(Breakdown(bare[0].start, bare[-1].end, None, para.section, total=None, parts=[], shares=[b.percent for b in bare], complete=True, cue="shares of a classification", inferred=True))
        elif _disjoint_kind(text, s_, bare) is not None and _over_100([b.percent for b in bare]):  # type: ignore[misc]
            out.append(Breakdown(bare[0].start, bare[-1].end, None, para.section, total=None, parts=[], shares=[b.percent for b in bare], complete=True, cue=f"shares of disjoint {_disjoint_kind(text, s_, bare)} categories, over 100%", inferred=True))
    return out


#: Categories of applications no application belongs to twice: how it was
#: submitted, who submitted it, how it was answered.
_DISJOINT_KINDS = (
    ("channel", lazyre.compile(r"^(?:网上|网络|在线|互联网|当面|现场|窗口|信函|邮寄|邮件|电子邮件|传真|电话)(?:提交|提出)?(?:的)?申请(?:的)?$")),
    ("applicant", lazyre.compile(r"^(?:自然人|公民|个人|法人|企业|其他组织|法人或其他组织|法人和其他组织|社会组织)(?:提出|提交)?(?:的)?(?:申请)?(?:的)?$")),
    ("outcome", lazyre.compile(r"^(?:予以公开|同意公开|部分公开|同意部分公开|不予公开|不同意公开|无法提供|不予处理|其他处理)(?:的)?(?:申请)?(?:的)?$")),
)
_ITEM_LEAD_RE = lazyre.compile(r"[^,，;；:：。、]*$")


def _disjoint_kind(text: str, s: int, bare: list[Share]) -> str | None:
    """The kind of disjoint categories every bare share names right before
    its 占 ("…网上申请占…,当面申请占…"), or None: their shares of one whole
    cannot sum to more than 100%, listed in full or not."""
    kinds = set()
    for b in bare:
        pct = b.percent
        assert pct is not None
        cue = _CLASS_SHARE_RE.search(text, max(s, pct.start - 3), pct.start)
        if cue is None:
            return None
        lead = _ITEM_LEAD_RE.search(text, s, cue.start()).group()  # type: ignore[union-attr]
        lead = re.sub(r"^(?:其中|其余|另外)", "", lead)
        kind = next((k for k, rx in _DISJOINT_KINDS if rx.match(lead)), None)
        if kind is None:
            return None
        kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else None


_RATE_NAME_RE = lazyre.compile(r"率|比例|比重|占|增长|下降|同比|环比")
_NAME_SEP_RE = lazyre.compile(r"、|和|及|与|以及")
_NAME_START_RE = lazyre.compile(r"[,，;；:：。]")
_NAME_LEAD_RE = lazyre.compile(r"^(?:其中|其余|另外|此外|而|按|从)?(?:办理结果|答复结果|答复类型|处理结果)?(?:中|来看|看)?[为是]?")


def _category_names(para: Para, s: int, cue: int) -> list[str] | None:
    """The category names of the clause before a 分别占 cue at ``cue``
    ("予以公开、部分公开和其他处理"), with a leading classification phrase
    dropped; None when a number is among them."""
    text = para.text
    lo = s
    for sm in _NAME_START_RE.finditer(text, s, cue):
        lo = sm.end()
    head = text[lo:cue]
    if any(ch.isdigit() for ch in head) or para.qty.between(lo, cue):
        return None
    head = _NAME_LEAD_RE.sub("", head, count=1)
    return [n.strip().removesuffix("的") for n in _NAME_SEP_RE.split(head)]


def _over_100(pcts: list[Number]) -> bool:
    """The printed shares sum to more than 100% beyond rounding."""
    printed = sum((p.value for p in pcts), Decimal(0))
    return printed > 100 + Decimal(len(pcts)) / (Decimal(10) ** max(p.decimals for p in pcts))


def _bare_respectively_cue(para: Para, s: int, bare: list[Share]) -> tuple[int, list[Number]] | None:
    """The 分别占 cue right before the first bare share, naming no whole, and
    its percentages (two or more, all among the bare shares): (where the
    cue starts, the percentages), or None."""
    from .share import RESPECTIVELY_RE, respectively_percents

    first = bare[0].percent
    assert first is not None
    m = None
    for m in RESPECTIVELY_RE.finditer(para.text, s, first.start + 1):
        pass
    if m is None or m.group("whole") or m.end() != first.start:
        return None
    pcts = respectively_percents(para, m)
    if len(pcts) < 2 or {id(p) for p in pcts} - {id(b.percent) for b in bare}:
        return None
    return m.start(), pcts


def _named_respectively(para: Para, s: int, bare: list[Share]) -> Breakdown | None:
    """Named categories with no counts and their shares after 分别占 ("予以公开、
    部分公开、不予公开和其他处理分别占48.0%、12.0%、25.0%和15.0%"), one share per
    name, no whole named after 占: the shares of disjoint categories of one
    whole.  They cover it when the list closes with 其他/其余 (complete); a
    list that is not closed still cannot exceed 100% (complete only then:
    the shares are checked against 100% only when their printed sum is over
    it beyond rounding)."""
    cue = _bare_respectively_cue(para, s, bare)
    if cue is None:
        return None
    cue_at, pcts = cue
    names = _category_names(para, s, cue_at)
    if names is None or len(names) != len(pcts) or any(not 2 <= len(n) <= 12 or _RATE_NAME_RE.search(n) for n in names):
        return None  # "公开比例和答复率分别为…": rates, not categories of one whole
    closed = bool(re.match(r"其他|其余|剩余|余下", names[-1]))
    if not closed and not _over_100(pcts):
        return None
    b0 = next(b for b in bare if b.percent is pcts[0])
    b1 = next(b for b in bare if b.percent is pcts[-1])
    return Breakdown(b0.start, b1.end, None, para.section, total=None, parts=[], shares=list(pcts), complete=True,
                     cue="named categories with shares (分别占)" + (" ending in 其他" if closed else ", over 100%"), inferred=not closed)


def _more_items_than_shares(para: Para, s: int, bare: list[Share]) -> bool:
    """The classification lists its categories with counts, and fewer of
    them carry a share ("网上、信函、当面分别为354件、59件、59件,网上申请占75%,
    信函申请占13%"): the shares are no exhaustive set."""
    last = bare[-1].percent
    assert last is not None
    counts = [q for q in para.in_sent(s, last.start) if _is_count(q) and id(q) not in para.change_nums and not count_word(para.text, q)]
    head = _CLASSIFY_RE.search(para.text, s, last.start)
    if head is not None:
        counts = [q for q in counts if q.start >= head.end()]
    return bool(counts) and len(counts) != len(bare)


_SEL_AFTER_RE = lazyre.compile(r"^[^,，;；。]{0,3}等")
_OUTSIDE_RE = lazyre.compile(r"另|剩余|此外|结转|还有|尚有")
_CHANNEL_RE = lazyre.compile(r"网站|网页|微博|微信|公众号|客户端|APP|App|app|电子屏|显示屏|公开栏|公示栏|宣传栏|报刊|报纸|公报|政报|广播|电视|新媒体|头条|抖音|短视频|平台|渠道|政务号")
_DEDUP_RE = lazyre.compile(r"不同渠道|多个渠道|多渠道|多种渠道|多种方式|多个平台|同一信息|相同信息|重复|分渠道|分别统计|[只仅](?:计|算|统计)[为作]?[一1](?:次|件|条|人次|个)|按[一1](?:次|件|条|人次|个)(?:计|统计)|计[为作][一1]次|的(?:计|算|统计)为?[一1](?:次|件|条|人次|个)|去重")
#: A note of de-duplication in the sentence after the list (stricter: a
#: bare 重复 there may be 重复申请).
_DEDUP_NOTE_RE = lazyre.compile(r"[只仅](?:计|算|统计)[为作]?[一1]|按[一1](?:次|件|条|人次|个)(?:计|统计)|不重复(?:计|统计)|去重")
_NEXT_SENT_RE = lazyre.compile(r"[。;；]?[^。;；\n]{0,60}")
#: Channels of consultation (a person may ask by phone and online, and
#: the total counts them once): "咨询…人次,其中电话…、网上…".
_CONSULT_CHANNEL_RE = lazyre.compile(r"电话|来电|热线|网上|网络|在线|留言|信箱|邮件|信函|现场|当面|窗口|来访|微信|短信")
_CONSULT_RE = lazyre.compile(r"咨询|接待|答疑|解答|来电|来访")
#: Verbs that open a clause about another activity ("开展访谈6次").
_ACTIVITY_RE = lazyre.compile(r"^(?:还|并|另|同时|全年)?(?:开展|举办|召开|组织|发布|接待|受理|收到|印发|制定|出台|编制|更新|回应|培训|发放|推送|录制|制作|参加|完成)")
_SENT_TAIL_RE = lazyre.compile(r"^\s*(?:[(（][^()（）]{0,40}[)）])?\s*[。!！]?\s*$")


def _breakdown_at(para: Para, qs: int, qe: int) -> Breakdown | None:
    """The total before a 其中 at [qs, qe) and the parts after it."""
    text = para.text
    cur = para.sent_index(qs)
    if cur is None:
        return None
    lo = _total_zone_start(para, cur, qs)
    if lo is None:
        return None
    end = _parts_zone_end(text, lo, qs, qe, para.sents[cur][1])
    cands = _total_candidates(para, lo, qs)
    if not cands:
        return None
    total = cands[-1]
    parts, with_shares = _read_parts(para, qe, end, total)
    if not parts:
        return None
    end = max(end, parts[-1].end) if parts else end
    parts, end = _continue_parts(para, cur, end, parts, total, with_shares)
    nearest = total
    cands = _addendum_candidates(para, cur, cands, parts)
    total = _reconcile_total(text, cands, total, parts, lo, para.sents[cur][0], qs)
    if total is None:
        return None
    if total is not nearest and _cuts_fit(text, lo, end, nearest, parts):
        total = nearest  # the list ran into another clause: "举办9次,其中出席4次,开展访谈6次"
    bd = _make_breakdown(para, lo, qe, end, total, parts)
    if total is not nearest and sum((p.value for p in parts), Decimal(0)) != total.value:
        # An earlier count of the sentence read as the total because the
        # parts exceed the nearest one: a shortfall rests on that guess.
        bd.inferred = True
        bd.note = "total read as an earlier count of the sentence (the parts exceed the count before 其中)"
    return bd


def _total_zone_start(para: Para, cur: int, qs: int) -> int | None:
    """Where the total may be: this sentence before 其中, or the previous
    sentence when 其中 opens its sentence ("…办结18件。其中…")."""
    sent_start = para.sents[cur][0]
    if any(_is_count(n) for n in para.qty.between(sent_start, qs)):
        return sent_start
    if cur == 0:
        return None
    prev = para.sents[cur - 1][0]
    if not para.text[sent_start:qs].strip(" \t,，;；:：、"):
        return prev
    # "申请主要集中在…方面,其中涉及…17件" after "…其中当面21件,…信函6件。":
    # 其中 in mid-sentence picks out of what its own clause names; the count
    # before is the total only when it is not itself a listed part.
    last = next((n for n in reversed(para.qty.between(prev, sent_start)) if _is_count(n)), None)
    if last is None or id(last) in para.ctx.part_of:
        return None
    return prev


def _parts_zone_end(text: str, lo: int, qs: int, qe: int, end: int) -> int:
    """To the end of the sentence, or to the closing bracket when 其中 is in
    brackets ("63件(其中本年新收61件,上年结转2件)"), or to a second 其中."""
    if _depth(text, lo, qs) > 0:
        close = _closing(text, qe, end)
        if close is not None:
            end = close
    nxt = text.find("其中", qe, end)
    return nxt if nxt >= 0 else end


#: How many numbers before a 其中 may hold its total.
MAX_TOTAL_CANDIDATES = 64


def _total_candidates(para: Para, lo: int, qs: int) -> list[Number]:
    """The counts before 其中, outside brackets deeper than 其中 itself and
    not figures of a change (last year's value is no total)."""
    text = para.text
    base_depth = _depth(text, lo, qs)
    # the last MAX_TOTAL_CANDIDATES numbers of the zone: a real sentence has
    # far fewer before its 其中; an endless one must not make every 其中 cost
    # the whole paragraph (quadratic work)
    return [n for n in para.qty.last_between(lo, qs, MAX_TOTAL_CANDIDATES) if _is_count(n) and id(n) not in para.change_nums and _depth(text, lo, n.start) <= base_depth]


_WHOLE_AFTER_ZHAN_RE = lazyre.compile(r"占[^,，;；。、:：\d]{0,12}$")


def _read_parts(para: Para, qe: int, end: int, total: Number) -> tuple[list[Number], bool]:
    """The parts listed after 其中 (from ``qe`` up to ``end``): the counts in
    the total's unit outside brackets, up to where the list ends (see
    :func:`_ends_parts`); and whether the first part carries a share."""
    text, qty = para.text, para.qty
    parts: list[Number] = []
    with_shares = False
    # "其中包括:A 13件;B 2件;…": a colon-introduced list may use ";".
    listed = bool(_P5.match(text[qe : qe + 4]))
    sub_from = None  # where an inner 其中 opened the sub-list of the last part
    for q in qty.between(qe, end):
        if not _is_count(q) or id(q) in para.change_nums or not compatible_units(q.unit, total.unit):
            continue
        if parts and sub_from is None and _QIZHONG_RE.search(text, parts[-1].end, q.start):
            sub_from = parts[-1].end
        if sub_from is not None:
            if not _P7.search(text, sub_from, q.start):
                continue  # "无法提供399件,其中…334件": a part of the last part
            sub_from = None
        if _depth(text, qe, q.start) > 0:
            continue  # a sub-breakdown in brackets: "197条(政府预决算32条、部门预决算165条)"
        if _compared_with(text, max(qe, q.start - 10), q.start):
            continue  # last year's value of a part: "发布604条,比上年的302条翻了一番"
        if parts and (_ends_parts(para, qe, q, parts, with_shares, listed) or _another_outcome(text, total, q)):
            break
        if not parts:
            with_shares = _share_after(text, qty, q) is not None
        parts.append(q)
    return parts, with_shares


def _compared_with(text: str, a: int, b: int) -> bool:
    """Whether the count at ``b`` is what text[a:b] compares with
    ("比上年的", "较2013年的"); the cheap test first (a 比/较/与 at all)."""
    w = text[a:b]
    return ("比" in w or "较" in w or "与" in w) and _CHANGE_BASE_BEFORE_RE.search(w) is not None


#: A count that opens a base of its own ("已审结的8件中被纠错2件"), not a
#: 中心/中央/中国 … after a count's noun.
_NEW_BASE_AFTER_RE = lazyre.compile(r"中(?![心央国级小学型医期间文华])")


#: A count compared with: "比上年的", "较2013年的", "与去年同期的".
_CHANGE_BASE_BEFORE_RE = lazyre.compile(r"(?:比|较|与)(?:去年|上年|上一年|前一年|\d{4}年)(?:同期)?的?$")


#: The kinds of answer of the 2019 and 2021 forms' outcome rows (and the
#: old form's): a list under one of them never runs into another.
_OUTCOME_KIND_RE = lazyre.compile(ANSWER_KINDS + r"|同意公开|不同意公开")


def _another_outcome(text: str, total: Number, q: Number) -> bool:
    """Whether ``q`` is a count of another kind of answer than the total
    of the list ("无法提供65件,其中本机关不掌握50件…;不予处理29件"): the
    lead-in words of each name a different kind."""
    mine = _OUTCOME_KIND_RE.search(_lead(text, total))
    if mine is None:
        return False
    theirs = _OUTCOME_KIND_RE.search(_lead(text, q))
    return theirs is not None and theirs.group() != mine.group()


def _ends_parts(para: Para, qe: int, q: Number, parts: list[Number], with_shares: bool, listed: bool) -> bool:
    """Whether the count ``q`` after the parts read so far ends the list: a
    new total, the whole of a share, another measure word, a ";" (unless
    the list is colon-introduced or the clauses run in parallel), or no
    share where the parts carry shares."""
    text, qty = para.text, para.qty
    if _NEW_TOTAL_RE.search(text[max(qe, q.start - 8) : q.start]):
        return True  # a new total: "…;对依申请公开的答复总数21条"
    if _WHOLE_AFTER_ZHAN_RE.search(text, max(qe, q.start - 14), q.start):
        return True  # the whole of a share: "…,两者共占办结总数150件的48.0%"
    if _NEW_BASE_AFTER_RE.match(text, q.end):
        return True  # a new base: "…;已审结的8件中被纠错2件"
    if q.unit and parts[0].unit and q.unit != parts[0].unit:
        return True  # another measure word: the clause counts something else
    if not with_shares and not listed and _P7.search(text[parts[-1].end : q.start]) and not _parallel(text, parts[0], q):
        return True  # ";" ends a list of parts without shares, unless the clauses run in parallel
    if with_shares and _share_after(text, qty, q) is None and not _sum_share_after(text, qty, q):
        return True  # the parts carry shares; a count without one is about something else
    return False


def _continue_parts(para: Para, cur: int, end: int, parts: list[Number], total: Number, with_shares: bool) -> tuple[list[Number], int]:
    """Following sentences that open with a part continue the list ("其中两例
    …。一例…"); with shares on every part the lead-in may be longer
    ("…3933条,占79%。各乡镇主动公开政府信息1037条,占21%。").  A list that
    already reaches its total is finished, and a sentence about what lies
    outside it ("另有1件…结转", "剩余2件…") is no part."""
    sents = para.sents
    j = cur + 1
    while j < len(sents) and end == sents[j - 1][1]:
        if sum((p.value for p in parts), Decimal(0)) >= total.value:
            break
        s, e = sents[j]
        more = _sentence_parts(para, s, e, parts, total, with_shares)
        if more is None:
            break
        parts.extend(more)
        end = e
        j += 1
    return parts, end


def _opens_with_part(para: Para, s: int, e: int, parts: list[Number], total: Number, with_shares: bool) -> tuple[Number, bool] | None:
    """The first count of the sentence [s, e), and whether a share follows
    it, when the sentence opens with a further part of the list: a count in
    the parts' measure word, after a short lead-in (longer when every part
    carries a share and so does this one) that says nothing of what lies
    outside the list, not the total restated and no new base with a list of
    its own."""
    text, qty = para.text, para.qty
    first = qty.first_from(s)
    if first is None or first.start >= e or not _is_count(first) or (first.unit and parts[-1].unit and first.unit != parts[-1].unit):
        return None
    lead = text[s : first.start]
    has_share = _share_after(text, qty, first) is not None
    if _P8.search(lead) or _OUTSIDE_RE.search(lead) or first.value == total.value:
        return None
    if _states_own_base(para, first, s, e):
        return None  # "本年新收的16件申请中,当面9件、…": a new total with its own list
    if not (len(lead.strip()) <= 8 or with_shares and has_share and len(lead) <= 16):
        return None
    return first, has_share


def _sentence_parts(para: Para, s: int, e: int, parts: list[Number], total: Number, with_shares: bool) -> list[Number] | None:
    """The parts a following sentence [s, e) adds to the list (its counts in
    the first one's measure word, outside brackets), or None when it does not
    continue it."""
    text, qty = para.text, para.qty
    opened = _opens_with_part(para, s, e, parts, total, with_shares)
    if opened is None:
        return None
    first, has_share = opened
    more = [q for q in qty.between(s, e) if _is_count(q) and (not q.unit or q.unit == first.unit) and _depth(text, s, q.start) == 0]
    if not (with_shares and has_share) and sum((p.value for p in parts + more), Decimal(0)) > total.value:
        return None  # read only from its shape, a next sentence that overshoots the total is another classification
    return more


def _states_own_base(para: Para, first: Number, s: int, e: int) -> bool:
    """The sentence states a base of its own: its first count opens a list
    ("16件申请中,", "16件中,"), is followed by 其中 or a colon, or is cued as a
    total ("共", "全年")."""
    text = para.text
    if id(first) in para.cued or _AMONG_RE.match(text, first.end, min(e, first.end + 12)):
        return True
    return bool(re.match(r"[^,，。;；\d]{0,12}?(?:[,，]\s*)?(?:其中|[:：])", text[first.end : e]))


def _reconcile_total(text: str, cands: list[Number], total: Number, parts: list[Number], lo: int, sent_start: int, qs: int) -> Number | None:
    """When the parts add up to another count before 其中, or to the sum of
    several ("收到申请8件,上年结转1件,均已办结。其中…"), that is the total.
    Several candidates and none adding up: which one the parts break down
    is unknown, and no claim is made (None)."""
    parts_sum = sum((p.value for p in parts), Decimal(0))
    if parts_sum == total.value or any(p.approx is not None for p in parts):
        return total
    single = next((c for c in reversed(cands) if c.value == parts_sum), None)
    if single is not None:
        return single  # "受理117件,办结171件…。其中…91件…7件…19件" (= 117)
    if len(cands) < 2:
        return total
    summed = _summed_candidates(cands, total, parts_sum)
    if summed is not None:
        return summed
    return _unreconciled_total(text, cands, total, parts_sum, lo, sent_start, qs)


def _summed_candidates(cands: list[Number], total: Number, parts_sum: Decimal) -> Number | None:
    """The last two to four candidates, when together (in units compatible
    with the total) they make the parts' sum: one Number standing for their
    sum ("8件+1件=9件"); else None."""
    for k in range(2, min(4, len(cands)) + 1):
        grp = cands[-k:]
        if sum((c.value for c in grp), Decimal(0)) == parts_sum and all(compatible_units(c.unit, total.unit) for c in grp):
            return replace(grp[0], text="+".join(c.text for c in grp) + f"={parts_sum}{grp[0].unit or ''}", value=parts_sum, end=grp[-1].end)
    return None


def _unreconciled_total(text: str, cands: list[Number], total: Number, parts_sum: Decimal, lo: int, sent_start: int, qs: int) -> Number | None:
    """The total of parts that match no candidate (nor a sum of them): in
    its own sentence, none when the last candidate is no count near the
    list, an earlier count that can hold them when only an addendum stands
    before 其中; from the previous sentence, none when the parts exceed it
    (it was most likely the wrong count); else the nearest total."""
    if lo == sent_start and not _is_count_near(text, cands[-1], qs):
        return None
    if lo == sent_start and parts_sum > total.value and _ADDENDUM_RE.search(_lead(text, total)):
        # only an addendum before 其中 (上年结转, 另有) hands the list to an
        # earlier count: 其中 after a main count ("办结28件,其中…") is its own
        wider = _wider_candidate(cands, total, parts_sum)
        if wider is not None:
            return wider
    if lo != sent_start and parts_sum > total.value:
        # A total read from the previous sentence that its parts exceed was
        # most likely the wrong count ("另有结转的2件…。…均已办结,其中…22件").
        return None
    return total


#: A count added to the main one: carried over from last year, or 另有.
_ADDENDUM_RE = lazyre.compile(r"结转|上年|上一年|往年|遗留|另有|另收到|此外")


def _addendum_candidates(para: Para, cur: int, cands: list[Number], parts: list[Number]) -> list[Number]:
    """The counts before 其中 in its sentence, with the previous sentence's
    last counts added when the only one is an addendum the parts exceed
    ("新收13件。上年结转4件,其中自然人申请9件": the 9 are of the 13)."""
    if len(cands) != 1 or cur == 0:
        return cands
    text = para.text
    if sum((p.value for p in parts), Decimal(0)) <= cands[0].value or not _ADDENDUM_RE.search(_lead(text, cands[0])):
        return cands
    ps, pe = para.sents[cur - 1]
    prev = [n for n in para.qty.between(ps, pe) if _is_count(n) and id(n) not in para.change_nums and compatible_units(n.unit, cands[0].unit)]
    return prev[-2:] + cands


def _cuts_fit(text: str, lo: int, end: int, total: Number, parts: list[Number]) -> bool:
    """Parts exceeding the count before 其中 still fit it once the list is
    cut where it runs into another clause or a nested breakdown (see
    :func:`_make_breakdown`), or when they may overlap."""
    if sum((p.value for p in parts), Decimal(0)) == total.value:
        return False
    if _overlapping(text, lo, end, parts):
        return True
    cut = _cut_subrows(text, _cut_nested(parts))
    cut = _cut_unrelated(text, total, _cut_at_total(total, cut))
    return len(cut) < len(parts) and sum((p.value for p in cut), Decimal(0)) <= total.value


def _wider_candidate(cands: list[Number], total: Number, parts_sum: Decimal) -> Number | None:
    """Parts exceeding the count right before 其中 may break down an earlier
    count of the sentence, or the sum of the last few ("新收13件,上年结转4件,
    其中自然人申请9件": 9 of the 13, or of the 17): the nearest such
    candidate that can hold them, or None when none can."""
    for c in reversed(cands[:-1]):
        if c.value >= parts_sum and compatible_units(c.unit, total.unit):
            return c
    for k in range(2, min(4, len(cands)) + 1):
        grp = cands[-k:]
        v = sum((c.value for c in grp), Decimal(0))
        if v >= parts_sum and all(compatible_units(c.unit, total.unit) for c in grp):
            return replace(grp[0], text="+".join(c.text for c in grp) + f"={v}{grp[0].unit or ''}", value=v, end=grp[-1].end)
    return None


def _overlapping(text: str, lo: int, end: int, parts: list[Number]) -> bool:
    """Counts per channel may overlap: the same item published on the
    website and on WeChat counts in both.  Read from a note saying so
    ("同一信息多平台发布只计一次") or from parts that are all channels."""
    if _DEDUP_RE.search(text, lo, end):
        return True
    note = _NEXT_SENT_RE.match(text, end)
    if note is not None and _DEDUP_NOTE_RE.search(note.group()):
        return True  # "…。同一信息在多个栏目发布的只计一次。"
    if all(_CHANNEL_RE.search(_lead(text, p)) for p in parts):
        return True
    return _consult_channels(text, lo, parts)


def _consult_channels(text: str, lo: int, parts: list[Number]) -> bool:
    """Parts that are channels of consultation ("电话咨询…、网上咨询…") of a
    count of consultations: one person may use several channels, so the
    parts may exceed the persons counted once in the total."""
    if not _CONSULT_RE.search(text, lo, parts[0].start):
        return False
    return all(_CONSULT_CHANNEL_RE.search(_lead(text, p)) for p in parts)


def _cut_nested(parts: list[Number]) -> list[Number]:
    """"其中新收64件,公民个人51件,企业8件,其他5件": a part followed by its own
    parts (51 + 8 + 5 = 64) is a nested breakdown; its sub-parts are not
    parts of the outer total."""
    for k in range(len(parts) - 2):
        acc = Decimal(0)
        for m in range(k + 1, len(parts)):
            acc += parts[m].value
            if acc == parts[k].value and m > k + 1:
                return parts[: k + 1] + parts[m + 1 :]
            if acc > parts[k].value:
                break
    return parts


def _cut_subrows(text: str, parts: list[Number]) -> list[Number]:
    """A part restating a sub-category of an earlier part ("无法提供9件,因本机关
    不掌握相关政府信息无法提供7件"): its label ends with the earlier part's
    label, with a qualification before it, and it is no larger."""
    leads = [_lead(text, p).strip() for p in parts]
    keep: list[Number] = []
    for k, p in enumerate(parts):
        sub = any(
            len(leads[j]) >= 2 and leads[k] != leads[j] and leads[k].endswith(leads[j]) and p.value <= parts[j].value
            for j in range(max(0, k - 8), k)
        )
        if not sub:
            keep.append(p)
    return keep or parts


def _cut_at_total(total: Number, parts: list[Number]) -> list[Number]:
    """Parts running on past their total after a prefix that adds up to it
    exactly ("行政复议5件,其中新增3件,备案2件,维持原决定4件"): what follows
    the prefix belongs to another classification."""
    acc = Decimal(0)
    for k, p in enumerate(parts):
        acc += p.value
        if acc == total.value and k + 1 < len(parts):
            return parts[: k + 1]
        if acc > total.value:
            break
    return parts


def _cut_unrelated(text: str, total: Number, parts: list[Number]) -> list[Number]:
    """Parts that exceed the total because the list ran into a clause about
    something else ("举办发布会9次,其中…出席4次,开展访谈6次"): keep the
    parts up to the first clause not phrased like the first part."""
    for k in range(1, len(parts)):
        if _ACTIVITY_RE.match(_lead(text, parts[k])) and not _parallel(text, parts[0], parts[k]) and sum((p.value for p in parts[:k]), Decimal(0)) <= total.value:
            return parts[:k]
    return parts


_CLOSING_RE = lazyre.compile(r"^(?:其他|其余|剩余|余下)")


def _closed(text: str, qe: int, parts: list[Number]) -> bool:
    """The text marks the list as whole: 分别 introduces it, or its last part
    is the rest (其他…, 其余…) — not a category that merely contains the word
    (法人或其他组织)."""
    if "分别" in text[qe : parts[0].start] or _whole_cue(text, qe, parts):
        return True
    return bool(_CLOSING_RE.match(_lead(text, parts[-1]).strip()))


def _whole_cue(text: str, qe: int, parts: list[Number]) -> bool:
    """具体为 / 分别是 opens the list and the list closes its sentence with a
    full stop (a list running on over lines, "具体为:A…;\nB…;", may hold
    more parts than the line read)."""
    return _WHOLE_CUE_RE.search(text, max(0, qe - 8), parts[0].start) is not None and re.match(r"[^。;；\n]{0,4}。", text[parts[-1].end :]) is not None


#: "主要涉及A、B等事项,其中…": the clause before 其中 names its topics as a
#: selection (主要…等), and the counts after it pick out of that selection.
_SEL_BEFORE_RE = lazyre.compile(r"(?:主要|包括|涉及|集中在|集中于)[^。;；]{0,60}?等[^,，。;；\d]{0,10}[,，]?\s*$")


def _selection_before(text: str, total_end: int, qs: int) -> bool:
    """Between the total and 其中 (``qs`` may be just after it), a 主要…等 /
    涉及…等 list of topics."""
    seg = text[total_end:qs]
    if seg.endswith("其中"):
        seg = seg[:-2]
    return len(seg) <= 120 and bool(_SEL_BEFORE_RE.search(seg))


def _share_sum_complete(shares: list[Number | None]) -> bool | None:
    """Shares on every part: True when they add up to 100% (or more) within
    the rounding of the parts, False when they fall short (a selection, as in "主要类别"
    lists whose shares are right but do not cover the whole), None without
    shares."""
    if not shares or any(s is None for s in shares):
        return None
    total = sum((s.value for s in shares if s is not None), Decimal(0))
    dec = max(s.decimals for s in shares if s is not None)
    slack = Decimal(len(shares)) * Decimal(5) / (Decimal(10) ** (dec + 1))
    return total >= 100 - slack  # (above 100%: covered, and over-counted)


def _completeness(text: str, qe: int, end: int, total: Number, parts: list[Number], shares: list[Number | None], parts_sum: Decimal) -> tuple[bool, bool]:
    """(complete, inferred): the list covers its total when the parts add up
    to it, the text says so (分别, a closing 其他/其余), or shares on every
    part reach 100%; a selection (包括, 主要, 如, 等) or shares falling short
    is partial.  Three or more parallel parts that close the sentence and
    cover at least nine tenths of the total read as the whole breakdown
    though nothing says so: complete, inferred."""
    if len(parts) >= 2 and parts_sum == total.value:
        return True, False
    # Markers of completeness count only inside the list itself.
    zone = text[qe : parts[-1].end + 2]
    after_last = text[parts[-1].end : parts[-1].end + 4]
    selection = bool(_P9.match(zone)) or bool(_SEL_AFTER_RE.match(after_last)) or total.approx is not None or _selection_before(text, total.end, qe)
    by_shares = _share_sum_complete(shares)
    if len(parts) < 2 or selection or by_shares is False:
        return False, False
    if _closed(text, qe, parts) or by_shares:
        return True, False
    if re.match(r"\s*[(（]含", text[total.end : total.end + 3]):
        return False, False  # "120件(含上年结转4件)": the parts may be of another base
    if len(parts) == 2 and _complementary(text, parts):
        return True, True
    # ...and they cover most of the total (a few notable categories of a
    # large total, "3,521条,其中政策文件106条,规划207条,人事56条", are a selection).
    inferred = (
        len(parts) >= 3
        and _list_closes(text[parts[-1].end : end], parts[-1].unit)
        and len({p.unit for p in parts}) == 1
        and parts_sum * 10 >= total.value * 9
    )
    return inferred, inferred


#: After a list, a clause about a rate of the whole ("…,按期办结率99.1%"):
#: no more items of the list.
_RATE_CLAUSE_RE = lazyre.compile(r"^\s*[,，;；]\s*[^,，;；。\d]{0,16}?(?:率|比例|比重)(?:为|达到?|是)?\s*\d[\d.]*\s*%")


def _list_closes(rest: str, unit: str | None) -> bool:
    """What follows the last part ends the list: the end of the sentence
    (a bracketed note allowed), or a clause about a rate of the whole
    followed by no count in the list's unit."""
    if _SENT_TAIL_RE.match(rest):
        return True
    if not _RATE_CLAUSE_RE.match(rest):
        return False
    return unit is None or not re.search(r"\d\s*" + re.escape(unit), rest)


#: Pairs of labels that split any whole in two (专职/兼职 staff, 男/女,
#: 自然人/法人或其他组织 applicants, 线上/线下; not 新收/结转: 结转下年度 is
#: outside the applications received).
_COMPLEMENTS = (("专职", "兼职"), ("男", "女"), ("自然人", "法人"), ("公民", "法人"), ("线上", "线下"), ("网上", "线下"), ("城镇", "农村"))


def _complementary(text: str, parts: list[Number]) -> bool:
    """Two parts whose labels are the two halves of a dichotomy."""
    a, b = _lead(text, parts[0]), _lead(text, parts[1])
    return any((x in a and y in b) or (y in a and x in b) for x, y in _COMPLEMENTS)


def _make_breakdown(para: Para, lo: int, qe: int, end: int, total: Number, parts: list[Number]) -> Breakdown:
    text, qty = para.text, para.qty
    parts_sum = sum((p.value for p in parts), Decimal(0))
    exact = all(p.approx is None for p in parts) and total.approx is None
    overlap = False
    if exact and parts_sum > total.value:
        overlap = _overlapping(text, lo, end, parts)
        if not overlap:
            parts = _cut_subrows(text, _cut_nested(parts))
            if not _closed(text, qe, parts):
                # (a list closed by 其他/其余 or introduced by 分别 is whole)
                parts = _cut_unrelated(text, total, _cut_at_total(total, parts))
            parts_sum = sum((p.value for p in parts), Decimal(0))
            # Exactly one part whose removal makes the total: most likely a
            # kind of another part listed beside it (解读类 inside 政务信息).
            overlap = parts_sum > total.value and len(parts) >= 3 and sum(1 for p in parts if parts_sum - p.value == total.value) == 1
    shares: list[Number | None] = [_share_after(text, qty, p) for p in parts]
    complete, inferred = _completeness(text, qe, end, total, parts, shares, parts_sum)
    note = "complete inferred from a closed list of parallel parts" if inferred else ""
    if overlap:
        note = "parts may overlap (channels, or one part counted inside another)"
    return Breakdown(
        total.start,
        end,
        subject_before(text, lo, total.start),
        para.section,
        total=total,
        parts=parts,
        shares=shares,
        complete=(complete or parts_sum > total.value) and not overlap,
        cue="其中",
        overlap=overlap,
        inferred=inferred,
        note=note,
    )


def _is_count_near(text: str, n: Number, qs: int) -> bool:
    """The last count is right before 其中 (nothing but a noun between)."""
    return qs - n.end <= 6 and not _LEAD_CUT_RE.search(text[n.end : qs].rstrip(",，"))
