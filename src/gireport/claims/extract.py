"""Claim extraction: from numbers in paragraphs to typed claims.

The extractor works paragraph by paragraph (body text between headings; tables
are left to the table stage) and sentence by sentence inside a paragraph.  It
never guesses a denominator: a share's whole is taken, in this order, from

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

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

import bisect

import regex as re

from ..numbers import Number, find_numbers
from .model import Breakdown, Change, Claim, Enumeration, Item, Share, Zero
from .subject import subject_before

__all__ = ["extract_claims", "unit_family", "compatible_units"]

_FAMILIES = {
    "items": {"条", "件", "例", "项", "个", "份", "篇", "宗", "批", "批次", "则", "期", "部", "类", "卷", "册", "卷次", "余条", "余件"},
    "people": {"人", "人次", "名", "位", "户"},
    "times": {"次", "场", "轮", "遍"},
    "money": {"元", "万元", "亿元", "千元"},
}


def unit_family(unit: str | None) -> str | None:
    if not unit:
        return None
    for fam, units in _FAMILIES.items():
        if unit in units:
            return fam
    return unit


def compatible_units(a: str | None, b: str | None) -> bool:
    """Two counts are comparable when their measure words are of one family
    (条, 件 and 例 all count items) or one of them has none."""
    fa, fb = unit_family(a), unit_family(b)
    return fa is None or fb is None or fa == fb


def _is_count(n: Number) -> bool:
    return n.is_quantity and n.kind in ("count", "money", "range", "number", "duration")


def _is_percent(n: Number) -> bool:
    return n.is_quantity and n.kind in ("percent", "permille")


# Patterns used in loops, compiled once.
_P0 = re.compile(r"[,，、;；]")
_P1 = re.compile(r"[。,，;；:：]")
_P2 = re.compile(r"率[为达是]?[^,，;；。]{0,2}$")
_P3 = re.compile(r"其他|其余|剩余")
_P4 = re.compile(r"[;；。]")
_P5 = re.compile(r"[,，]?(?:包括|有|为|是)?[:：]")
_P6 = re.compile(r"总数|共计|合计|总计")
_P7 = re.compile(r"[;；]")
_P8 = re.compile(r"[,，;；()（）在中]")
_P9 = re.compile(r"[,，]?(?:包括|主要|如|例如)")
_P10 = re.compile(r"减少|下降|降低|回落|少|降幅")
_P11 = re.compile(r"(?:去年|上年|上一年)(?:同期)?(?:为|的|是)?")
_P12 = re.compile(r"^[^,，。;；:：()]{0,8}?(?=\()")
_P13 = re.compile(r"\(([^()]{2,200})\)")
_P14 = re.compile(r"^(?:[^,，。;；:：]{0,6})?(?:制度|机制|措施|方面|科室|专栏|事项|查阅点|场所|部门|单位|平台|渠道)")
_P15 = re.compile(r"》[等]?(?:共|这|计)?$")
_P16 = re.compile(r"^[^。;；]{0,14}?(?:[,，]?(?:分别是|分别为|即|包括)[:：]?|[:：])")
_P17 = re.compile(r"[。;；]")
_P18 = re.compile(r"(、|和|及|以及)")
_P19 = re.compile(r"[^,，;；。]+[,，;；。]?")
_P20 = re.compile(r"(?:无|零)(?:一例|任何|相关|收取)?(?:行政复议|行政诉讼|复议|诉讼|收费|信息处理费|费用|申请|投诉|举报)")
_P21 = re.compile(r"收费|费用|信息处理费")
_P22 = re.compile(r"举报|投诉")
_SENT_RE = re.compile(r"[^。!?！？]+[。!?！？]?")
_CHANGE_CUE_RE = re.compile(
    r"(?:由(?:去年|上年|上一年)(?:的|同期的)?)|(?:同比|环比|比去年|较去年|比上年|较上年|比上一年|较上一年|与去年相比|与上年相比|比\d{4}年|较\d{4}年|比前一年|较前一年)"
)
_CHANGE_WORD_RE = re.compile(r"(?P<dir>增加了?|增长了?|提高了?|上升了?|增多了?|多了|减少了?|下降了?|降低了?|回落了?|少了|增幅为?|降幅为?)")
_RATE_WORDS = re.compile(r"(?:率|增长|下降|提高|降低|增幅|降幅|上升|减少|同比|环比)[^,，;；。]{0,3}$")
_TOTAL_CUE_RE = re.compile(r"(?:总数|总量|共计|合计|总计|累计|一共|总共|共|全年|累计达|达到|达)[为是达了]?[^,，;；。]{0,3}$")
_QIZHONG_RE = re.compile(r"其中")
_SCOPE_RE = re.compile(r"(?:在|从)[^,，;；。]{0,24}?(?:全部|所有|总数|全年|以上|上述)[^,，;；。]{0,16}?(?:中|里|当中)|(?:全部|所有)[^,，;；。]{0,12}?(?:中|里)")
_SCOPE_NUM_RE = re.compile(r"在[^。;；,，]{0,30}?\d[\d,.]*[^。;；,，\d]{0,14}?中")
_REST_RE = re.compile(r"其余|其他|剩余")
_OF_WHOLE_RE = re.compile(r"^(?:中)?的(?:比例|比重)?(?:为|是)?$")
_PUNCT_ONLY_RE = re.compile(r"^[\s,，(（、]*$")
_ZHAN_RE = re.compile(r"(?:所?占|占到|占了|约占|占比为?|比例为?|比重为?|占比例为?)")
_COMPLETE_RE = re.compile(r"分别|其余|其他|剩余|另有|余下")
_NAME_ITEM_RE = re.compile(r"《[^《》]{1,60}》")
_MARKER_ITEM_RE = re.compile(r"(?:(?<![一二三四五六七八九十])(?P<cn>[一二三四五六七八九十]{1,2})是|\((?P<ar>\d{1,2})\)|(?P<circ>[①-⑳]))")
_COUNT_NOUN_RE = re.compile(
    r"^(?:项|个|条|种|类|部|大|方面|件|份|家|所|支|批|处|名)?(?:具体|主要|重点|基本|配套|工作|专项|相关)?"
    r"(?:制度|机制|措施|举措|方面|内容|文件|科室|专栏|事项|工作|任务|平台|渠道|途径|形式|方式|规定|办法|类别|问题|查阅点|场所|部门|单位|网站)"
)
_ZERO_RE = re.compile(
    r"(?P<cue>未(?:向[^,，。;；]{0,8})?发出|没有(?:向[^,，。;；]{0,8})?发出|没有发生|未发生|无|未收到|没有收到|未接到|没有接到|未出现|没有出现|未产生|没有产生|未收取|没有收取|不收取|暂不收费|不收费|免收|未有|零)"
    r"(?P<what>[^。;；]{0,40}?)"
    r"(?P<topic>行政复议|行政诉讼|复议|诉讼|收费|费用|信息处理费|申请|举报|投诉)?"
)


# "涉及的行政诉讼数为0件": nothing happened, said with a zero.
_ZERO_COUNT_RE = re.compile(r"(?P<t>行政复议|行政诉讼|复议|诉讼|申请)[^。,，;；\d]{0,6}?(?:数量?)?(?:为|是|共)0(?:件|起|次|宗)")


class _Nums(list):  # type: ignore[type-arg]
    """A paragraph's numbers in text order, with range look-ups by offset
    (bisect), so that claims in long paragraphs cost O(log n) each."""

    def __init__(self, nums: Sequence[Number]) -> None:
        super().__init__(nums)
        self.starts = [n.start for n in nums]

    def between(self, lo: int, hi: int) -> list[Number]:
        return self[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def first_from(self, lo: int) -> Number | None:
        i = bisect.bisect_left(self.starts, lo)
        return self[i] if i < len(self) else None


def _sentences(text: str, off: int) -> list[tuple[int, int]]:
    return [(off + m.start(), off + m.end()) for m in _SENT_RE.finditer(text) if m.group().strip()]


def _shift(nums: Sequence[Number], off: int) -> list[Number]:
    """The numbers with their spans moved by ``off`` (a paragraph's offset in
    the document).  Copies the frozen dataclass without re-validating it."""
    if not off:
        return list(nums)
    out = []
    for n in nums:
        m = object.__new__(Number)
        m.__dict__.update(n.__dict__)
        m.__dict__["start"] = n.start + off
        m.__dict__["end"] = n.end + off
        out.append(m)
    return out


class _Breakdowns(list):  # type: ignore[type-arg]
    """The breakdowns read so far; appending one indexes its parts."""

    def __init__(self, ctx: _Ctx) -> None:
        super().__init__()
        self._ctx = ctx

    def append(self, bd: Breakdown) -> None:  # type: ignore[override]
        super().append(bd)
        for p in bd.parts:
            self._ctx.part_of[id(p)] = bd


class _Ctx:
    """Numbers and totals seen so far in the document (totals feed the
    resolution of later shares)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.totals: list[tuple[Number, str]] = []  # (number, section)
        self.breakdowns: list[Breakdown] = _Breakdowns(self)
        #: id(part Number) → the latest breakdown listing it.
        self.part_of: dict[int, Breakdown] = {}


def declared_parts(text: str, declared: object | None, section: str = "preamble") -> list[Enumeration]:
    """The preamble's "由A、B…等N个部分组成" as an enumeration claim."""
    if declared is None or not getattr(declared, "names", None) or getattr(declared, "count", None) is None:
        return []
    s, e = declared.start, declared.end  # type: ignore[attr-defined]
    nums = [n for n in find_numbers(text[s:e]) if n.is_quantity]
    if not nums:
        return []
    cnt = replace(nums[-1], start=nums[-1].start + s, end=nums[-1].end + s)
    items = []
    pos = s
    for name in declared.names:  # type: ignore[attr-defined]
        i = text.find(name, pos, e)
        if i < 0:
            i = pos
        items.append(Item(name, i, i + len(name)))
        pos = i + len(name)
    return [Enumeration(s, e, None, section, count=cnt, items=items, style="parts")]


def extract_claims(text: str, paragraphs: Sequence[object]) -> tuple[list[Claim], list[Number]]:
    """Claims of every paragraph, and every number found in them.

    ``paragraphs`` are :class:`~gireport.structure.Paragraph` objects (start,
    end, text, section)."""
    ctx = _Ctx(text)
    claims: list[Claim] = []
    found: list[Number] = []
    for p in paragraphs:
        ptext: str = p.text  # type: ignore[attr-defined]
        pstart: int = p.start  # type: ignore[attr-defined]
        section: str = p.section  # type: ignore[attr-defined]
        nums = narrative_numbers(text, ptext, pstart, _shift(find_numbers(ptext), pstart))
        found.extend(nums)
        if not any(n.is_quantity for n in nums) and not _ZERO_RE.search(ptext):
            continue
        claims.extend(_paragraph_claims(ctx, ptext, pstart, section, nums))
    return claims, found


def _tableish(text: str, s: int, e: int, nums: list[Number]) -> bool:
    """A run of text that is a table flattened into prose (web-scraped
    reports glue cells together): many numbers and almost no separators."""
    inside = [n for n in nums if s <= n.start < e]
    if len(inside) < 6:
        return False
    seps = len(_P0.findall(text[s:e]))
    bare = sum(1 for n in inside if not n.unit)
    return seps * 2 < len(inside) or bare * 2 > len(inside) and seps < len(inside)


_GLUED_NAME_RE = re.compile(r"[\u4e00-\u9fff]")
_QUOTED_RE = re.compile(r"[“\"][^”\"\d]{1,16}[”\"]")
# …but a number before a verb or a noun of measure is still a count ("229家…" has a unit; "539次" too).
_GLUED_UNIT_OK = re.compile(r"(?:余|多|万|亿|千|百)")


def narrative_numbers(text: str, ptext: str, pstart: int, nums: list[Number]) -> list[Number]:
    """The numbers of a paragraph that are not inside flattened tables."""
    if not _P1.search(ptext) and nums and all(not n.unit for n in nums if n.is_quantity):
        return []  # a table row left as a line of text ("行政许可97")
    keep: list[Number] = []
    for s, e in _sentences(ptext, pstart):
        inside = [n for n in nums if s <= n.start < e]
        if not _tableish(text, s, e, nums):
            keep.extend(inside)
    # Numbers inside a short quoted name or slogan (“一网、一站、一架、一栏”)
    # are part of the name.
    quoted = [(pstart + m.start(), pstart + m.end()) for m in _QUOTED_RE.finditer(ptext)]
    if quoted:
        keep = [n for n in keep if not any(a <= n.start and n.end <= b for a, b in quoted)]
    # A bare number glued to the name that follows it ("家园985后台",
    # "110宣传日") is part of a name, not a quantity.
    return [n for n in keep if not (n.kind == "number" and not n.unit and _GLUED_NAME_RE.match(text, n.end) and not _GLUED_UNIT_OK.match(text, n.end))]


def _paragraph_claims(ctx: _Ctx, ptext: str, pstart: int, section: str, nums: list[Number]) -> list[Claim]:
    text = ctx.text
    out: list[Claim] = []
    sents = [(s, e) for s, e in _sentences(ptext, pstart) if not _tableish(text, s, e, nums)]
    sent_starts = [s for s, _ in sents]

    def in_sents(n: Number) -> bool:
        i = bisect.bisect_right(sent_starts, n.start) - 1
        return i >= 0 and n.start < sents[i][1]

    qty = _Nums([n for n in nums if n.is_quantity and in_sents(n)])

    def sent_of(pos: int) -> tuple[int, int]:
        for s, e in sents:
            if s <= pos < e:
                return s, e
        return pstart, pstart + len(ptext)

    used_as_part: set[int] = set()
    # --- stated counts (candidate totals for later resolution) -------------
    cued = {id(n) for n in qty if _is_count(n) and _TOTAL_CUE_RE.search(text[max(pstart, n.start - 8) : n.start])}

    # --- changes ------------------------------------------------------------
    change_nums: set[int] = set()
    for s, e in sents:
        for cm in _CHANGE_CUE_RE.finditer(text, s, e):
            ch = _change_at(ctx, cm, s, e, qty, section)
            if ch is None:
                continue
            figures = [n for n in (ch.delta, ch.rate, ch.points) if n is not None]
            if figures and all(id(n) in change_nums for n in figures):
                continue  # "比去年增加150条,同比增长14.3%": one change, two cues
            out.append(ch)
            change_nums.update(id(n) for n in ch.numbers if n is not ch.after)

    # --- breakdowns ("其中") ----------------------------------------------
    for qm in _QIZHONG_RE.finditer(text, pstart, pstart + len(ptext)):
        bd = _breakdown_at(ctx, qm.start(), qm.end(), sents, qty, section, change_nums)
        if bd is not None:
            out.append(bd)
            ctx.breakdowns.append(bd)
    # --- shares -------------------------------------------------------------
    shares: list[Share] = []
    for n in qty:
        if not _is_percent(n) or id(n) in change_nums:
            continue
        s, e = sent_of(n.start)
        before = text[s : n.start]
        if _RATE_WORDS.search(before[-8:]) and not _ZHAN_RE.search(before[-8:]):
            # A rate (办结率, 增长) rather than a share of a stated whole.
            if _P2.search(before):
                shares.append(Share(s, e, subject_before(text, s, n.start), section, percent=n, whole_note="a rate with no part stated"))
            continue
        share = _share_at(ctx, n, s, qty, section)
        shares.append(share)
    # Whole resolution that needs the list of shares in the paragraph.
    _resolve_shares(ctx, shares, pstart, section, qty)
    out.extend(shares)
    for sh in shares:
        if sh.part is not None:
            used_as_part.add(id(sh.part))

    # A list of shares whose whole is a printed total is a breakdown too.
    groups: dict[int, list[Share]] = {}
    for sh in shares:
        if sh.part is not None and sh.whole is not None and sh.whole_source in ("parts-total", "scope"):
            groups.setdefault(id(sh.whole), []).append(sh)
    seen_bd = {(id(c.total), tuple(sorted(id(p) for p in c.parts))) for c in out if isinstance(c, Breakdown)}
    for grp in groups.values():
        if len(grp) >= 2:
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
            ctx.breakdowns.append(bd)

    # A count with its parts in brackets: "预决算公开197条(政府预决算32条、部门预决算165条)".
    for q in qty:
        if not _is_count(q) or q.approx is not None or text[q.end : q.end + 1] not in ("(", "（"):
            continue
        close = _closing(text, q.end + 1, min(len(text), q.end + 200))
        if close is None or re.match(r"[(（](?:含|包括|其中|约)", text[q.end : q.end + 3]):
            continue
        inner = [p for p in qty if q.end < p.start < close and _is_count(p) and compatible_units(p.unit, q.unit) and p.approx is None]
        if len(inner) >= 2 and sum((p.value for p in inner), Decimal(0)) == q.value:
            bd = Breakdown(q.start, close + 1, subject_before(text, pstart, q.start), section, total=q, parts=inner, shares=[None] * len(inner), complete=True, cue="parts in brackets")
            out.append(bd)
            ctx.breakdowns.append(bd)

    # A list of three or more counts in one sentence that adds up exactly to
    # a count stated earlier ("主要类别有:A 612条,B 223条,…其他1796条").
    in_bd = {id(p) for c in out if isinstance(c, Breakdown) for p in c.parts}
    for s, e in sents:
        run = [q for q in qty if s <= q.start < e and _is_count(q) and q.approx is None and id(q) not in in_bd and id(q) not in change_nums]
        # "共收到70件申请,办结69件,1件结转": a cued total with the parts after it.
        head = next((q for q in run if id(q) in cued), None)
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
        total = next((t for t, _ in reversed(ctx.totals) if t.value == total_v and t.start < s and compatible_units(t.unit, run[0].unit)), None)
        if total is not None:
            bd = Breakdown(s, e, subject_before(text, s, run[0].start), section, total=total, parts=run, shares=[None] * len(run), complete=True, cue="list adding up to " + total.text)
            out.append(bd)
            ctx.breakdowns.append(bd)

    # Shares without counts that end in 其余/其他 cover a whole: "同意公开的占
    # 52.4%,同意部分公开的占16.7%,其余答复占28.6%" must sum to 100%.
    for s_, e_ in sents:
        bare = [sh for sh in shares if sh.part is None and sh.percent is not None and s_ <= sh.percent.start < e_]
        if len(bare) >= 2 and _REST_RE.search(text[max(s_, bare[-1].percent.start - 12) : bare[-1].percent.start]):  # type: ignore[union-attr]
            bd = Breakdown(bare[0].start, bare[-1].end, None, section, total=None, parts=[], shares=[b.percent for b in bare], complete=True, cue="shares ending in 其余")
            out.append(bd)

    # --- enumerations ------------------------------------------------------
    out.extend(_enumerations(ctx, ptext, pstart, section, qty))

    # --- zero statements ----------------------------------------------------
    for s, e in sents:
        out.extend(_zeros(text, s, e, section))
    for n in qty:
        if _is_count(n):
            ctx.totals.append((n, section))
    out.sort(key=lambda c: (c.start, c.type))
    return out


# ---------------------------------------------------------------------------
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
        if n.kind != "duration" and (_ZHAN_RE.search(link) or _PUNCT_ONLY_RE.match(link)) and len(link) <= 30:
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


_NEW_TOTAL_RE = re.compile(r"总数|合计|总计")
_LEAD_CUT_RE = re.compile(r"[,，;；:：、。()]")


def _lead(text: str, n: Number) -> str:
    w = text[max(0, n.start - 20) : n.start]
    cuts = list(_LEAD_CUT_RE.finditer(w))
    return w[cuts[-1].end() :] if cuts else w


def _parallel(text: str, a: Number, b: Number) -> bool:
    """Two clauses phrased alike ("…减免税共计91件;…减免税共计7件")."""
    la, lb = _lead(text, a), _lead(text, b)
    grams = {la[i : i + 2] for i in range(len(la) - 1)}
    return sum(1 for i in range(len(lb) - 1) if lb[i : i + 2] in grams) >= 2


def _depth(text: str, a: int, b: int) -> int:
    """Bracket depth at ``b`` relative to ``a``."""
    seg = text[a:b]
    return max(0, seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）"))


def _share_after(text: str, qty: _Nums, n: Number) -> Number | None:
    nxt = qty.first_from(n.end)
    if nxt is not None and _is_percent(nxt) and nxt.start - n.end <= 12 and not _P4.search(text[n.end : nxt.start]):
        return nxt
    return None


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


def _is_count_near(text: str, n: Number, qs: int) -> bool:
    """The last count is right before 其中 (nothing but a noun between)."""
    return qs - n.end <= 6 and not _LEAD_CUT_RE.search(text[n.end : qs].rstrip(",，"))


def _closing(text: str, a: int, b: int) -> int | None:
    depth = 0
    for i in range(a, b):
        c = text[i]
        if c in "(（":
            depth += 1
        elif c in ")）":
            if depth == 0:
                return i
            depth -= 1
    return None


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


_ITEMS_BEFORE_RE = re.compile(r"(?:在|于)(?P<items>[^,，。;；:：()、和及]{2,16}(?:、[^,，。;；:：()、和及]{2,16})+)的$")


def _enumerations(ctx: _Ctx, ptext: str, pstart: int, section: str, qty: list[Number]) -> list[Enumeration]:
    """Stated counts with the items listed next to them.

    Forms read: titles before the count ("《A》、《B》…八项制度"); a 、-list
    before it ("设立在A、B的两处查阅点"); a bracketed list after the count and
    its noun ("5个高频事项(A、B、…)", "查阅点两个(A、B)"); and a list
    introduced after it ("两个科室,分别是A、B"; "三个方面…:一是…二是…")."""
    text = ctx.text
    out: list[Enumeration] = []
    pend = pstart + len(ptext)
    for n in qty:
        if n.kind != "count" or n.approx is not None or n.value > 30 or n.value < 1:
            continue
        after = text[n.end : n.end + 12]
        noun = _COUNT_NOUN_RE.match(after)
        # (a) a bracketed list right after the count, or after count + noun
        tail_start = n.end + (noun.end() if noun else 0)
        gap = _P12.match(text[tail_start : tail_start + 10])
        if gap is not None:
            pm = _P13.match(text[tail_start + gap.end() : min(pend, tail_start + gap.end() + 210)])
            if pm and not re.search(r"\d", pm.group(1)):  # counted items make a breakdown, not a list
                items = _split_items(pm.group(1), tail_start + gap.end() + 1)
                if items and (len(items) >= 2 or n.value == 1):
                    out.append(Enumeration(n.start, tail_start + gap.end() + pm.end(), None, section, count=n, items=items, style="parenthetical"))
                    continue
        if n.value < 2:
            continue
        if not noun and not _P14.match(after):
            continue
        before = text[max(pstart, n.start - 600) : n.start]
        # (b) titles just before the count: "《A》、《B》…八项制度"
        titles = list(_NAME_ITEM_RE.finditer(before))
        if titles and _P15.search(before):
            run = [titles[-1]]
            for t in reversed(titles[:-1]):
                if before[t.end() : run[0].start()] in ("、", ",", "，", "和", "及", "以及"):
                    run.insert(0, t)
                else:
                    break
            base = n.start - len(before)
            items = [Item(t.group(), base + t.start(), base + t.end()) for t in run]
            out.append(Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="titles"))
            continue
        # (c) a 、-list just before: "设立在县政务服务中心、县档案馆的两处信息公开查阅点"
        mb = _ITEMS_BEFORE_RE.search(before[-120:])
        if mb:
            base = n.start - len(before[-120:]) + mb.start("items")
            items = _split_items(mb.group("items"), base)
            if len(items) >= 2:
                out.append(Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="list"))
                continue
        # (d) a list introduced after the count: "两个科室,分别是A、B" / "三项措施:一是…"
        tail = text[tail_start : min(pend, tail_start + 800)]
        m_intro = _P16.match(tail)
        if not m_intro:
            continue
        body_start = tail_start + m_intro.end()
        body = text[body_start : min(pend, body_start + 800)]
        marks = list(_MARKER_ITEM_RE.finditer(body))
        if marks and marks[0].start() <= 2:
            items = []
            expect = 1
            for k, mk in enumerate(marks):
                num = mk.group("ar") or mk.group("cn") or mk.group("circ")
                from ..structure.headings import cn_to_int

                val = cn_to_int(num) if num and not mk.group("circ") else expect
                if val != expect:
                    break
                end = marks[k + 1].start() if k + 1 < len(marks) else body.find("。", mk.end()) if "。" in body[mk.end() :] else len(body)
                items.append(Item(body[mk.start() : end].rstrip("。;；,，"), body_start + mk.start(), body_start + end))
                expect += 1
            if len(items) >= 2:
                out.append(Enumeration(n.start, items[-1].end, None, section, count=n, items=items, style="markers"))
            continue
        sent_end = _P17.search(body)
        seg = body[: sent_end.start() if sent_end else len(body)]
        items = _split_items(seg, body_start)
        if len(items) >= 2:
            out.append(Enumeration(n.start, items[-1].end, None, section, count=n, items=items, style="list"))
    return out


def _split_items(seg: str, base: int) -> list[Item]:
    titles = list(_NAME_ITEM_RE.finditer(seg))
    if len(titles) >= 2:
        return [Item(t.group(), base + t.start(), base + t.end()) for t in titles]
    items = []
    pos = 0
    for part in _P18.split(seg):
        if part in ("、", "和", "及", "以及"):
            pos += len(part)
            continue
        st = part.strip(" ,，")
        if st:
            lead = part.find(st)
            items.append(Item(st, base + pos + lead, base + pos + lead + len(st)))
        pos += len(part)
    if len(items) > 12 or any(len(i.text) > 40 for i in items):
        return []
    return items


def _zeros(text: str, s: int, e: int, section: str) -> list[Zero]:
    """Nothing-happened statements, clause by clause ("未收到…申请，收到1份…
    行政复议申请" denies applications only)."""
    out: list[Zero] = []
    for cl in _P19.finditer(text[s:e]):
        cs, ce = s + cl.start(), s + cl.end()
        clause = cl.group()
        m = _ZERO_RE.search(clause)
        if m is None:
            zm = _ZERO_COUNT_RE.search(clause)
            if zm is not None:
                topic = {"行政复议": "review", "复议": "review", "行政诉讼": "litigation", "诉讼": "litigation"}.get(zm.group("t"), "applications")
                out.append(Zero(cs, ce, None, section, topics=(topic,), cue=zm.group(), text=clause.strip(" ,，;；。")))
            continue
        cue = m.group("cue")
        if cue in ("无", "零") and not _P20.search(clause):
            continue
        rest = clause[m.start() :]
        topics: list[str] = []
        if "复议" in rest:
            topics.append("review")
        if "诉讼" in rest:
            topics.append("litigation")
        if _P21.search(rest) and not topics:
            topics.append("fees")
        if not topics and "申请" in rest:
            topics.append("applications")
        if not topics and _P22.search(rest):
            topics.append("complaints")
        if topics:
            out.append(Zero(cs, ce, None, section, topics=tuple(topics), cue=cue, text=clause.strip(" ,，;；。")))
    return out
