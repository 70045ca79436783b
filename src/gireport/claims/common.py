"""Shared pieces of the claim extractors: unit families, the patterns the
extractors share, a paragraph's numbers with offset look-ups, and the
per-document context (totals and breakdowns read so far).

Design (one module per claim type, a small orchestrator in
:mod:`.extract`):

* :mod:`.change` — year-on-year statements;
* :mod:`.breakdown` — totals and their parts (其中 lists, bracketed parts,
  lists adding up to an earlier total, lists of shares);
* :mod:`.share` — percentages of a whole, with every plausible whole kept as
  a reading;
* :mod:`.enumeration` — stated counts and the items listed;
* :mod:`.zero` — explicit nothing-happened statements.

Every extractor works on a :class:`Para` (one paragraph's sentences and
quantities); all look-ups by offset go through :class:`Nums` (bisect), so a
paragraph costs O(n log n) in its numbers, never more.
"""

from __future__ import annotations

from functools import lru_cache

import bisect
from collections.abc import Sequence

import regex as re

from ..numbers import Number
from .model import Breakdown
from .. import lazyre

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
_P0 = lazyre.compile(r"[,，、;；]")
_P1 = lazyre.compile(r"[。,，;；:：]")
_P2 = lazyre.compile(r"率[为达是]?[^,，;；。]{0,2}$")
_P3 = lazyre.compile(r"其他|其余|剩余")
_P4 = lazyre.compile(r"[;；。]")
_P5 = lazyre.compile(r"[,，]?(?:包括|有|为|是)?[:：]")
_P6 = lazyre.compile(r"总数|共计|合计|总计")
_P7 = lazyre.compile(r"[;；]")
_P8 = lazyre.compile(r"[,，;；()（）在中]")
_P9 = lazyre.compile(r"[,，]?(?:包括|主要|如|例如)")
_P10 = lazyre.compile(r"减少|下降|降低|回落|少|降幅")
_P11 = lazyre.compile(r"(?:去年|上年|上一年)(?:同期)?(?:为|的|是)?")
_P12 = lazyre.compile(r"^[^,，。;；:：()]{0,8}?(?=\()")
_P13 = lazyre.compile(r"\(([^()]{2,200})\)")
_P14 = lazyre.compile(r"^(?:[^,，。;；:：]{0,6})?(?:制度|机制|措施|方面|科室|专栏|事项|查阅点|场所|部门|单位|平台|渠道)")
_P15 = lazyre.compile(r"》[等]?(?:共|这|计)?$")
_P16 = lazyre.compile(r"^[^。;；]{0,14}?(?:[,，]?(?:分别是|分别为|即|包括)[:：]?|[:：])")
_P17 = lazyre.compile(r"[。;；]")
_P18 = lazyre.compile(r"(、|和|及|以及)")
_P19 = lazyre.compile(r"[^,，;；。]+[,，;；。]?")
_P20 = lazyre.compile(r"(?:无|零)(?:一例|任何|相关|收取)?(?:行政复议|行政诉讼|复议|诉讼|收费|信息处理费|费用|申请|投诉|举报)")
_P21 = lazyre.compile(r"收费|费用|信息处理费")
_P22 = lazyre.compile(r"举报|投诉")
_SENT_RE = lazyre.compile(r"[^。!?！？]+[。!?！？]?")
#: The kinds of answer of the 2019 and 2021 forms' outcome rows (a pattern
#: to build on: claims name them as a list's total or as a share's whole).
ANSWER_KINDS = r"予以公开|(?<!予以)部分公开|不予公开|无法提供|不予处理|其他处理"
_CHANGE_CUE_RE = lazyre.compile(
    r"(?:由(?:去年|上年|上一年|\d{4}年(?:度|底|末)?)(?:的|同期的)?)|(?:同比|环比|比去年|较去年|比上年|较上年|比上一年|较上一年|与去年相比|与上年相比|与(?:去年|上年|上一年)(?:同期)?(?=持平)|比\d{4}年|较\d{4}年|比前一年|较前一年)"
)
_CHANGE_WORD_RE = lazyre.compile(r"(?P<dir>增加了?|增长了?|提高了?|上升了?|增多了?|多了|减少了?|下降了?|降低了?|回落了?|少了|增幅为?|降幅为?)")
_RATE_WORDS = lazyre.compile(r"(?:率|增长|下降|提高|降低|增幅|降幅|上升|减少|同比|环比)[^,，;；。]{0,3}$")
_TOTAL_CUE_RE = lazyre.compile(r"(?:总数|总量|共计|合计|总计|累计|一共|总共|共|全年|累计达|达到|达)[为是达了]?[^,，;；。]{0,3}$")
_QIZHONG_RE = lazyre.compile(r"其中")
_SCOPE_RE = lazyre.compile(r"(?:在|从)[^,，;；。]{0,24}?(?:全部|所有|总数|全年|以上|上述)[^,，;；。]{0,16}?(?:中|里|当中)|(?:全部|所有)[^,，;；。]{0,12}?(?:中|里)")
_SCOPE_NUM_RE = lazyre.compile(r"在[^。;；,，]{0,30}?\d[\d,.]*[^。;；,，\d]{0,14}?中")
_REST_RE = lazyre.compile(r"其余|其他|剩余")
_OF_WHOLE_RE = lazyre.compile(r"^(?:中)?的(?:比例|比重)?(?:为|是)?$")
_PUNCT_ONLY_RE = lazyre.compile(r"^[\s,，(（、]*$")
_ZHAN_RE = lazyre.compile(r"(?:所?占|占到|占了|约占|占比为?|比例为?|比重为?|占比例为?)")
_COMPLETE_RE = lazyre.compile(r"分别|其余|其他|剩余|另有|余下")
# A title, with titles nested in it ("《关于印发《X办法》的通知》").
_NAME_ITEM_RE = lazyre.compile(r"(?P<t>《(?:[^《》]|(?&t)){1,80}》)")
_MARKER_ITEM_RE = lazyre.compile(r"(?:(?<![一二三四五六七八九十])(?P<cn>[一二三四五六七八九十]{1,2})是|\((?P<ar>\d{1,2})\)|(?P<circ>[①-⑳]))")
_COUNT_NOUN_RE = lazyre.compile(
    r"^(?:项|个|条|种|类|部|大|方面|件|份|家|所|支|批|处|名|场)?(?:具体|主要|重点|重要|核心|关键|基本|配套|工作|专项|相关|规范性|政策性|指导性|主题|宣传){0,2}的?"
    r"(?:制度|机制|措施|举措|方面|内容|文件|科室|专栏|事项|工作|任务|平台|渠道|途径|形式|方式|规定|办法|类别|问题|查阅点|场所|部门|单位|网站|法规|规章|政策|方案|意见|细则|规划|清单|活动|领域)"
)
#: A classification that covers its whole: "按办理结果分,", "从申请渠道看,",
#: "按申请人类型划分:" at the head of the list.
_CLASSIFY_RE = lazyre.compile(r"(?:按照?|从|以)[^,，。;；:：]{1,10}?(?:分|看|来看|划分|分类|统计)[,，:：]")
#: what opens a list of counts in its sentence: 其中, a colon, 分别, "N件中,",
#: a classification ("从答复类型看,", "按办理结果分,").
_LIST_OPEN_RE = lazyre.compile(r"其中|[:：]|分别|中[,，]|(?:看|分|来看|划分|统计)[,，]")
#: measure words of a count of listed items ("两项合计", "以上三类"), never a part.
_COUNT_WORD_UNITS = ("项", "类", "种")
_COUNT_WORD_AFTER_RE = lazyre.compile(r"(?:的)?(?:数量|数|申请|信息)?(?:合计|共计|总计|累计|加起来|一共|总共|共)")
_COUNT_WORD_BEFORE_RE = lazyre.compile(r"(?:以上|上述|前述|这)$")


def count_word(text: str, q: Number) -> bool:
    """``q`` counts the items listed before it ("…,两项合计占", "以上三类"):
    a small count of 项/类/种 after 以上/上述 or before a summing word."""
    return (
        q.unit in _COUNT_WORD_UNITS
        and q.value <= 9
        and (bool(_COUNT_WORD_AFTER_RE.match(text, q.end)) or bool(_COUNT_WORD_BEFORE_RE.search(text, max(0, q.start - 2), q.start)))
    )


class _Nums(list):  # type: ignore[type-arg]
    """A paragraph's numbers in text order, with range look-ups by offset
    (bisect), so that claims in long paragraphs cost O(log n) each."""

    def __init__(self, nums: Sequence[Number]) -> None:
        super().__init__(nums)
        self.starts = [n.start for n in nums]

    def between(self, lo: int, hi: int) -> list[Number]:
        return self[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def last_between(self, lo: int, hi: int, k: int) -> list[Number]:
        """The last ``k`` numbers starting in [lo, hi), in text order."""
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return self[max(i, j - k) : j]

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
        #: counts cued as totals, with their section, in text order.
        self.cued: list[tuple[Number, str]] = []
        #: value → the counts stated with it so far (and their section), in text order.
        self.by_value: dict[object, list[tuple[Number, str]]] = {}

    def add_total(self, n: Number, section: str, cued: bool = False) -> None:
        self.totals.append((n, section))
        self.by_value.setdefault(n.value, []).append((n, section))
        if cued:
            self.cued.append((n, section))

    def cued_before(self, pos: int, section: str, unit: str | None) -> Number | None:
        """The latest count cued as a total ("共", "全年", "总数") stated
        before ``pos`` in this section, of a compatible unit."""
        for n, sec in reversed(self.cued):
            if sec != section:
                return None
            if n.start < pos and compatible_units(n.unit, unit):
                return n
        return None

    def total_valued(self, value: object, before: int, unit: str | None, section: str | None = None) -> Number | None:
        """The latest count stated before ``before`` with this value and a
        compatible unit (in ``section`` only, when one is given)."""
        for t, sec in reversed(self.by_value.get(value, ())):
            if t.start < before and compatible_units(t.unit, unit) and (section is None or sec == section):
                return t
        return None



def _tableish(text: str, s: int, e: int, nums: Sequence[Number]) -> bool:
    """A run of text that is a table flattened into prose (web-scraped
    reports glue cells together): many numbers and almost no separators.
    ``nums`` are the numbers of the paragraph (a :class:`_Nums` is searched
    by offset; a plain list is filtered)."""
    inside = nums.between(s, e) if isinstance(nums, _Nums) else [n for n in nums if s <= n.start < e]
    if len(inside) < 6:
        return False
    seps = len(_P0.findall(text, s, e))
    bare = sum(1 for n in inside if not n.unit)
    # Few separators alone is no table: prose packs a count, a change and
    # its base into one clause ("…318条,较上年的276条增长13.2%,比2022年的
    # 241条增长三成以上"), each with its unit.  A flattened row prints bare
    # cells ("规章007规范性文件7777166").
    return seps * 2 < len(inside) and bare * 3 >= len(inside) or bare * 2 > len(inside) and seps < len(inside)


_GLUED_NAME_RE = lazyre.compile(r"[\u4e00-\u9fff]")
_QUOTED_RE = lazyre.compile(r"[“\"][^”\"\d]{1,16}[”\"]")
# …but a number before a verb or a noun of measure is still a count ("229家…" has a unit; "539次" too).
_GLUED_UNIT_OK = lazyre.compile(r"(?:余|多|万|亿|千|百)")


def _in_quoted(n: Number, quoted: list[tuple[int, int]], qstarts: list[int]) -> bool:
    i = bisect.bisect_right(qstarts, n.start) - 1
    return i >= 0 and n.end <= quoted[i][1]


def narrative_numbers(text: str, ptext: str, pstart: int, nums: list[Number], sentences: list[tuple[int, int]] | None = None) -> list[Number]:
    """The numbers of a paragraph that are not inside flattened tables.
    Linear in the paragraph: numbers are looked up by offset (bisect).
    ``sentences``: the paragraph's sentence spans when already split."""
    if not nums:
        return []
    if not _P1.search(ptext) and nums and all(not n.unit for n in nums if n.is_quantity):
        return []  # a table row left as a line of text ("行政许可97")
    indexed = _Nums(nums)
    keep: list[Number] = []
    for s, e in sentences if sentences is not None else _sentences(ptext, pstart):
        if not _tableish(text, s, e, indexed):
            keep.extend(indexed.between(s, e))
    # Numbers inside a short quoted name or slogan (“一网、一站、一架、一栏”)
    # are part of the name.
    quoted = [(pstart + m.start(), pstart + m.end()) for m in _QUOTED_RE.finditer(ptext)]
    if quoted:
        qstarts = [a for a, _ in quoted]
        keep = [n for n in keep if not _in_quoted(n, quoted, qstarts)]
    # A bare number glued to the name that follows it ("家园985后台",
    # "110宣传日") is part of a name, not a quantity.
    return [n for n in keep if not (n.kind == "number" and not n.unit and _GLUED_NAME_RE.match(text, n.end) and not _GLUED_UNIT_OK.match(text, n.end))]


_NEW_TOTAL_RE = lazyre.compile(r"总数|合计|总计")
_LEAD_CUT_RE = lazyre.compile(r"[,，;；:：、。()]")


def _lead(text: str, n: Number) -> str:
    w = text[max(0, n.start - 20) : n.start]
    cuts = list(_LEAD_CUT_RE.finditer(w))
    return w[cuts[-1].end() :] if cuts else w


def _parallel(text: str, a: Number, b: Number) -> bool:
    """Two clauses phrased alike ("…减免税共计91件;…减免税共计7件")."""
    la, lb = _lead(text, a), _lead(text, b)
    grams = {la[i : i + 2] for i in range(len(la) - 1)}
    return sum(1 for i in range(len(lb) - 1) if lb[i : i + 2] in grams) >= 2


_BRACKET_DELTA = {"(": 1, "（": 1, ")": -1, "）": -1}
_BRACKET_RE = lazyre.compile(r"[()（）]")


@lru_cache(maxsize=16)
def _bracket_marks(text: str) -> tuple[list[int], list[int]]:
    """The positions of the brackets of ``text`` and, before each, the
    opening minus closing brackets so far (one more entry at the end): built
    once per paragraph, so that a depth is a binary search however long the
    sentence (a paragraph of thousands of 其中 lists stays linear)."""
    pos: list[int] = []
    cum = [0]
    for m in _BRACKET_RE.finditer(text):
        pos.append(m.start())
        cum.append(cum[-1] + _BRACKET_DELTA[m.group()])
    return pos, cum


def _depth_signed(text: str, a: int, b: int) -> int:
    """Opening minus closing brackets in text[a:b] (negative: a bracket
    opened before ``a`` closes inside)."""
    if b <= a:
        return 0
    pos, cum = _bracket_marks(text)
    if not pos:
        return 0
    return cum[bisect.bisect_left(pos, b)] - cum[bisect.bisect_left(pos, a)]


def _depth(text: str, a: int, b: int) -> int:
    """Bracket depth at ``b`` relative to ``a``."""
    return max(0, _depth_signed(text, a, b))


#: a percentage after these is a share of a sum ("…5件,合计占51.5%"), not of the count before.
_SUM_GAP_RE = lazyre.compile(r"合计|共计|总计|累计|加起来|一共|总共|共占|二者|两者")


def _sum_share_after(text: str, qty: _Nums, n: Number) -> bool:
    """A share of the sum of the list closing right after ``n`` ("…5件,合计占
    51.5%", "…5件,两项合计占…")."""
    nxt = qty.first_from(n.end)
    if nxt is not None and not _is_percent(nxt) and count_word(text, nxt) and nxt.start - n.end <= 6:
        nxt = qty.first_from(nxt.end)
    return nxt is not None and _is_percent(nxt) and nxt.start - n.end <= 16 and not _P4.search(text[n.end : nxt.start]) and bool(_SUM_GAP_RE.search(text, n.end, nxt.start))


def _share_after(text: str, qty: _Nums, n: Number) -> Number | None:
    nxt = qty.first_from(n.end)
    if nxt is not None and _is_percent(nxt) and nxt.start - n.end <= 12 and not _P4.search(text[n.end : nxt.start]) and not _SUM_GAP_RE.search(text, n.end, nxt.start):
        return nxt
    return None




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



class Para:
    """One paragraph as the extractors see it: its sentences (flattened
    tables left out), its quantities in those sentences, and the counts cued
    as totals ("共", "总数", "全年" right before)."""

    def __init__(self, ctx: _Ctx, ptext: str, pstart: int, section: str, nums: list[Number], sentences: list[tuple[int, int]] | None = None) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.ptext = ptext
        self.pstart = pstart
        self.pend = pstart + len(ptext)
        self.section = section
        text = ctx.text
        indexed = _Nums(nums)
        self.sents = [(s, e) for s, e in (sentences if sentences is not None else _sentences(ptext, pstart)) if not _tableish(text, s, e, indexed)]
        self.sent_starts = [s for s, _ in self.sents]
        self.qty = _Nums([n for n in nums if n.is_quantity and self.sent_index(n.start) is not None])
        self.cued = {id(n) for n in self.qty if _is_count(n) and _TOTAL_CUE_RE.search(text[max(pstart, n.start - 8) : n.start])}
        #: ids of numbers read as figures of a change (never parts or shares).
        self.change_nums: set[int] = set()

    def sent_index(self, pos: int) -> int | None:
        """The index of the sentence holding ``pos`` (bisect), or None."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return i if i >= 0 and pos < self.sents[i][1] else None

    def sent_of(self, pos: int) -> tuple[int, int]:
        i = self.sent_index(pos)
        return self.sents[i] if i is not None else (self.pstart, self.pend)

    def in_sent(self, s: int, e: int) -> list[Number]:
        """The quantities with a start in [s, e)."""
        return self.qty.between(s, e)


def list_run(para: Para, parts: list[Number]) -> tuple[list[Number], bool] | None:
    """The counts of the list ``parts`` sit in — in the sentence of the
    first part, from what opens the list (a classification "从答复类型看,",
    其中, a colon) or the sentence start, to the end of the last part's
    sentence — and whether a classification heads it (a classification
    covers its whole).  None when the parts are not all in it."""
    first, last = parts[0], parts[-1]
    i, j = para.sent_index(first.start), para.sent_index(last.start)
    if i is None or j is None:
        return None
    s, e = para.sents[i][0], para.sents[j][1]
    lo = s
    for m in _LIST_OPEN_RE.finditer(para.text, s, first.start):
        lo = m.end()
    classified = bool(_CLASSIFY_RE.search(para.text, s, first.start))
    run = [
        q for q in para.qty.between(lo, e)
        if _is_count(q) and id(q) not in para.change_nums and compatible_units(q.unit, first.unit) and not count_word(para.text, q)
        and _depth(para.text, lo, q.start) == 0 and not para.text.startswith("中", q.end)
    ]
    ids = {id(q) for q in run}
    if any(id(p) not in ids for p in parts) or any(q.approx is not None for q in run):
        return None
    return run, classified
