"""Small named catalogues of textual cues used by the structure rules
(GR105 truncated statements, GR106 stale years, GR108 ordinal gaps).

Every function here works on *flattened* text: whitespace removed, with a
map back to document offsets (:class:`Flat`), because PDF and Markdown
renderings break lines in the middle of a phrase ("答复周期平均为\\n个工作日").
Punctuation is matched in both its full-width and its NFKC (ASCII) form.

Each cue is a :class:`Cue` with a stable name, a pattern and a short reason,
so that a finding can say which construction it saw and a test can pin
each cue on its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import re as _re

import regex as re
from .. import lazyre

__all__ = [
    "Cue",
    "Flat",
    "TRUNCATION_CUES",
    "truncations",
    "OrdinalGap",
    "ordinal_gaps",
    "StaleYear",
    "stale_opening",
    "stale_years",
]

#: Clause punctuation, full-width and NFKC forms.
_P = ",，。;；:：、!！?？"
_NUM_CHARS = "0-9０-９一二三四五六七八九十百千万亿两零〇几数余多若"
_RUN = lazyre.compile(r"\S+")


@dataclass(frozen=True)
class Flat:
    """A stretch of document text with whitespace removed.  The text is a
    series of runs (maximal stretches of non-space characters of the
    document): ``runs[k]`` is the flat position where run ``k`` begins and
    ``offsets[k]`` its document offset, so flat position ``i`` of run ``k``
    is document offset ``offsets[k] + i - runs[k]``."""

    text: str
    runs: tuple[int, ...]
    offsets: tuple[int, ...]

    @property
    def starts(self) -> frozenset[int]:
        """Flat positions that begin a line of the document or follow a
        space (a run-in heading and its body are often separated by one)."""
        return frozenset(self.runs)

    def begins_run(self, i: int) -> bool:
        """Whether flat position ``i`` begins a line or follows a space."""
        k = bisect.bisect_right(self.runs, i) - 1
        return k >= 0 and self.runs[k] == i

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> Flat:
        return cls.join(doc_text, [(start, end)])

    @classmethod
    def join(cls, doc_text: str, spans: Iterable[tuple[int, int]]) -> Flat:
        """Several spans (lines of one paragraph or section) read as one."""
        chars: list[str] = []
        runs: list[int] = []
        offsets: list[int] = []
        n = 0
        for s, e in spans:
            for m in _RUN.finditer(doc_text, s, e):
                a = m.start()
                g = m.group()
                runs.append(n)
                offsets.append(a)
                chars.append(g)
                n += len(g)
        return cls("".join(chars), tuple(runs), tuple(offsets))

    def offset(self, i: int) -> int:
        """The document offset of flat character ``i``."""
        k = bisect.bisect_right(self.runs, i) - 1
        return self.offsets[k] + i - self.runs[k]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Document span of flat characters ``[i, j)`` (``j > i``)."""
        return self.offset(i), self.offset(j - 1) + 1

    def clause(self, i: int, j: int, limit: int = 24) -> tuple[int, int]:
        """The flat bounds of the clause around ``[i, j)``: out to the nearest
        clause punctuation, at most ``limit`` characters either side."""
        a = i
        while a > 0 and i - a < limit and self.text[a - 1] not in _P:
            a -= 1
        b = j
        while b < len(self.text) and b - j < limit and self.text[b] not in _P:
            b += 1
        return a, b


# --------------------------------------------------------------------------
# GR105: a value missing from its sentence
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    """A named construction that needs a value it does not have.  ``pattern``
    matches the place where the value should be."""

    name: str
    #: Where it matches, a value is missing: at the match's start, or at
    #: its (empty) group ``at`` when it has one.
    pattern: re.Pattern[str]
    why: str
    #: A cheaper pattern (the standard library's ``re``) that matches
    #: wherever ``pattern`` can: a text without it is not scanned.
    prefilter: _re.Pattern[str] | None = None


_VERB = r"(?:为|是|达到?|约|仅|均|需|用时|缩短(?:至|到|为)|控制在|平均|共计|合计|总计|累计|共有|共)"
_MEASURE_ALONE = r"(?:个(?:工作日|自然日|小时|月|百分点)|(?:件|条|次|篇|人次|亿元|万元|元|天)(?=[" + _P + r")）]|$)|[%％])"

TRUNCATION_CUES: tuple[Cue, ...] = (
    Cue(
        "measure-without-number",
        lazyre.compile(rf"(?={_MEASURE_ALONE})(?<={_VERB})(?<!单位为|单位是|单位均为)"),
        "a measure word (个工作日, 件, %) follows 为/达/约 directly: the number between them is missing",
        lazyre.compile_std(r"[为是达到约仅均需时至在计有共][个件条次篇人亿万元天%％]"),
    ),
    Cue(
        "percent-without-number",
        lazyre.compile(r"(?=[%％]|个百分点)(?<=(?:增长|下降|提高|上升|减少|增加|占(?:[^" + _P + _NUM_CHARS + r"]{0,16}的)?|同比|环比))"),
        "a change or a share (同比增长, 占…的) is followed straight by % with no number",
        lazyre.compile_std(r"[长降高升少加占的比](?:[%％]|个百分点)"),
    ),
    Cue(
        "date-without-year",
        lazyre.compile(r"(?:(?<=^)|(?<=[为自从至到于在截止" + _P + r"(（]))(?=年(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)"),
        "a date reads 年1月1日 with no year before 年",
        lazyre.compile_std(r"(?:^|[为自从至到于在截止,，。;；:：、!！?？(（])年"),
    ),
    Cue(
        "date-with-empty-part",
        lazyre.compile(
            r"(?:(?<=[为自从至到于在截止" + _P + r"(（])(?=年月日))"
            r"|(?<=\d{4}年)(?=月\d{1,2}日)"
            r"|(?<=\d{4}年\d{1,2}月)(?=日)"
        ),
        "a date with an empty month or day (2022年月1日, 2022年1月日) or no number at all (为年月日)",
        lazyre.compile_std(r"年月|月日"),
    ),
    Cue(
        "outcome-without-count",
        lazyre.compile(r"(?=件[,，。;；、])(?<=(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|受理|新收|结转))"),
        "an outcome or count of applications (予以公开, 办结) is followed straight by 件 with no number",
        lazyre.compile_std(r"[开供理结收转]件[,，。;；、]"),
    ),
    Cue(
        "period-without-value",
        lazyre.compile(
            r"(?=[,，。;；])(?<=(?:期限|期间|时段|时限|时间|日期|周期|区间|截止日期|截至日期|总数|总量|数量|金额|总额|费用|比例|比重|比率|[率额]|[件次人条个]数|申请数|答复数|办结数)"
            r"(?:为|是|达|共计|合计))"
        ),
        "a period, limit or total is introduced with 为 and followed straight by punctuation",
        lazyre.compile_std(r"[为是达计][,，。;；]"),
    ),
    Cue(
        "range-without-ends",
        lazyre.compile(r"(?=(?:起)?(?:至|到))(?<=(?:期限|期间|时段|时间|周期|区间)(?:为)?(?:自|从))"),
        "a period reads 自…至 with nothing between 自 and 至",
        lazyre.compile_std(r"[自从]起?[至到]"),
    ),
    Cue(
        "count-without-number",
        lazyre.compile(
            # read forwards from the cue word (cheaper than a long look-behind);
            # the missing value is at the group ``at``, before the full stop
            r"(?:累计|共计|总计)(?:发布|公开|收到|受理|办理|办结|答复|回应|开展|举办|召开|组织|培训|接待|处理|更新|制发|印发|编发|推送|解读)"
            r"[^" + _P + _NUM_CHARS + r"批]{0,20}(?<!情况|如下|附表|工作|机制|制度|体系|平台|渠道|方式|范围)(?P<at>)(?=[。;；])"
        ),
        "a cumulative count (累计发布…) ends its sentence without any number",
        lazyre.compile_std(r"[累共总]计"),
    ),
    Cue(
        "noun-measure-without-number",
        lazyre.compile(
            r"(?=[条件篇项个笔户][,，。;；、])(?<=(?:公开|发布|收到|受理|办理|办结|答复|制发|印发|报送|更新|推送|核准|审批|处理|发放|拨付|兑现)"
            r"[^" + _P + _NUM_CHARS + r"批]{0,20}(?:信息|资质|事项|数据|公告|动态|解读|项目|决定|证照|申请|贷款|补贴|资金|款项))"
        ),
        "a counted noun (公开…信息, 受理…申请, 发放…贷款) is followed straight by its measure word (条, 件, 笔) with no number",
        lazyre.compile_std(r"[息质项据告态读目定照请款贴金][条件篇项个笔户][,，。;；、]"),
    ),
)


def truncations(flat: Flat) -> Iterator[tuple[Cue, int]]:
    """Every (cue, flat position of the missing value) in ``flat``."""
    for cue in TRUNCATION_CUES:
        if cue.prefilter is not None and not cue.prefilter.search(flat.text):
            continue
        at = "at" in cue.pattern.groupindex
        for m in cue.pattern.finditer(flat.text):
            yield cue, m.start("at") if at else m.start()


# --------------------------------------------------------------------------
# GR108: ordinal lists that skip a number (一是、二是、四是)
# --------------------------------------------------------------------------
_CN_ORD = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}
_ORD_RE = lazyre.compile(  # regex: re's compiler walks the CJK range code point by code point
    # the first-character test lets the scan skip most positions cheaply
    r"(?=[一二三四五六七八九十第1-9(（])"
    r"(?:(?P<shi>[一二三四五六七八九十])是"
    r"|第(?P<di>[一二三四五六七八九十])(?=[,，:：是])"
    r"|(?<![0-9.])(?P<ar>[1-9][0-9]?)[、.．](?=[\u4e00-\u9fff])"
    r"|[(（](?P<pa>[1-9][0-9]?)[)）](?=[\u4e00-\u9fff]))"
)
#: What may stand before a list marker: clause punctuation, brackets and
#: quotes, or the remains of a page footer ("— 6 —") between two lines.
_ORD_BEFORE = set(_P + "(（)）\"“”'‘’—–-0123456789")
#: Before an arabic item number in running text ("…;2.规范…") only the end of
#: a clause or sentence will do: "分别为1、2、4号" is not a list.
_AR_BEFORE = set(":：;；。!！?？")


@dataclass(frozen=True)
class OrdinalGap:
    """A gap in a run of clause-initial ordinals (一是…三是: 二是 missing)."""

    family: str  # "是" (一是…), "第" (第一…), "ar" (1.…/1、…) or "pa" ((1)…)
    seen: tuple[int, ...]  # the numbers of the run up to and including the one after the gap
    missing: tuple[int, ...]
    start: int  # flat position of the marker after the gap
    prev_start: int  # flat position of the marker before the gap


def ordinal_gaps(flat: Flat) -> list[OrdinalGap]:
    """Gaps in runs of clause-initial ordinals.

    A run starts at 一是 (or 第一).  A 一是 inside a run opens a nested run
    (五是推进…:一是…二是…;六是… is one list inside another); a number
    continues the innermost run that it follows on from.  A number is a gap
    only when it fits no open run and is larger than the next number of
    every one of them.  A repeated number is left alone and the run goes on;
    a step back (nested lists and quotations do that) closes the runs.  A run that does not start
    at one is never judged: its beginning lies outside what was read."""
    out: list[OrdinalGap] = []
    # Per family, the open runs, innermost last: (numbers, position of the
    # last marker, judged: does the run start at one?).
    stacks: dict[str, list[tuple[list[int], int, bool]]] = {"是": [], "第": [], "ar": [], "pa": []}
    for m in _ORD_RE.finditer(flat.text):
        got = _clause_ordinal(flat, m)
        if got is None:
            continue
        fam, n = got
        i = m.start()
        stack = stacks[fam]
        if n == 1:
            stack.append(([1], i, True))
            del stack[:-3]  # three levels of nesting at most
            continue
        if _continues_run(stack, n, i):
            continue
        if stack and stack[-1][2] and all(n > run[0][-1] + 1 for run in stack):
            seen, prev, _ = stack[-1]
            out.append(OrdinalGap(fam, tuple(seen + [n]), tuple(range(seen[-1] + 1, n)), i, prev))
        # A run whose start was not seen: followed, never judged.
        stack[:] = [([n], i, False)]
    return out


def _clause_ordinal(flat: Flat, m: re.Match[str]) -> tuple[str, int] | None:
    """(family, number) of an ordinal marker that opens a clause (after
    the end of a clause, sentence or line; an arabic one only after the end
    of a clause or sentence), or None."""
    i = m.start()
    fam = next(k for k in ("shi", "di", "ar", "pa") if m.group(k))
    before = _AR_BEFORE if fam == "ar" else _ORD_BEFORE
    if not (i == 0 or flat.text[i - 1] in before or flat.begins_run(i)):
        return None
    n = int(m.group(fam)) if fam in ("ar", "pa") else _CN_ORD[m.group(fam)]
    return {"shi": "是", "di": "第"}.get(fam, fam), n


def _continues_run(stack: list[tuple[list[int], int, bool]], n: int, i: int) -> bool:
    """Whether number ``n`` (at ``i``) continues an open run: the innermost
    run it follows on from, else one it repeats (not judged, the run goes
    on); the runs nested inside that one close."""
    level = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0][-1] + 1 == n), None)
    if level is None:
        level = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0][-1] == n), None)
    if level is None:
        return False
    del stack[level + 1 :]
    seen, _, judged = stack[level]
    if seen[-1] != n:
        seen.append(n)
    stack[level] = (seen, i, judged)
    return True


# --------------------------------------------------------------------------
# GR106: the previous year named as the report year
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class StaleYear:
    """An earlier year printed where the report speaks of its own year
    (left over from last year's report): which cue found it, the year
    and its span."""

    name: str
    year: int
    start: int  # flat span of the year and the words that make it the report's own
    end: int


_NOT_OWN_WORDS = r"(?:问题|整改|改进|落实|审议|通报|考核|评估|评议|督查|要点|部署|通知|计划|方案|意见|办法|规定)"
_NOT_OWN = r"(?![^" + _P + r"]{0,12}" + _NOT_OWN_WORDS + ")"
#: A heading on a year's work: "2026年度政务公开工作总结", "2026年工作概述".
_HEAD_SUBJECT = lazyre.compile(
    r"(?P<y>(?:19|20)\d{2})年度?(?:的)?(?:(?:政府信息公开|政务公开|信息公开)(?:工作)?|工作)"
    r"[^" + _P + r"]{0,8}?(?:情况|概述|概况|总结|报告)" + _NOT_OWN
)
#: In a preamble, a year's work as what the sentence presents.
_PRE_SUBJECT = lazyre.compile(
    r"(?P<y>(?:19|20)\d{2})年度?(?:的)?(?:(?:政府信息公开|政务公开|信息公开)(?:工作)?|工作)"
    r"(?:[^" + _P + r"]{0,8}?(?:情况|报告))?" + _NOT_OWN
)
#: Words of the clause that make a year a reference to the past, not the report's own.
_PAST = lazyre.compile(r"与|较|比|同比|相比|上年|上一年|去年|往年|以来|结转|截至|延续|对照|沿用|针对|此前|历年|连续|分别")
#: Verbs with which a preamble introduces the report's own subject.
_INTRO = lazyre.compile(r"现将|现公布|现予公布|现予以公布|特此|特向社会|向社会公布|予以公布|编制了?|编写了?|形成了?|本报告(?:是|为|就|对)")


def _inside_title(text: str, pos: int) -> bool:
    """Is ``pos`` inside 《…》 (a document's title)?"""
    o = text.rfind("《", 0, pos)
    return o >= 0 and text.rfind("》", o, pos) < 0


_OPENING = lazyre.compile(r"^(?P<y>(?:19|20)\d{2})年度?(?:[,，]|是)")


def stale_opening(flat: Flat, year: int) -> StaleYear | None:
    """The overview of an annual report opens on the report year ("2022年,
    我局…"); an earlier year there ("2021年,我局…" in a 2022 report) was
    left from last year's report.  "2021年以来" is not an opening year."""
    m = _OPENING.match(flat.text)
    if m and int(m.group("y")) < year:
        return StaleYear("overview-opening", int(m.group("y")), m.start(), m.end() - 1)
    return None


def stale_years(flat: Flat, year: int, *, heading: bool) -> list[StaleYear]:
    """Mentions of an earlier year as the report's own subject: in a heading
    ("2026年度政务公开工作总结" in a 2027 report) or, in the preamble, as
    the object of 现将/现公布/编制 ("特将本局2026年度政务公开工作开展情况汇
    报如下").  Comparisons (与2026年相比, 较上年), carry-overs, book titles
    (《…2026年…》) and clauses about last year's problems are not stale."""
    out: list[StaleYear] = []
    t = flat.text
    for m in (_HEAD_SUBJECT if heading else _PRE_SUBJECT).finditer(t):
        y = int(m.group("y"))
        if y >= year or _inside_title(t, m.start()) or re.search(_NOT_OWN_WORDS, m.group()):
            continue
        a, b = flat.clause(m.start(), m.end(), limit=40)
        if _PAST.search(t[a : m.start()]) or _PAST.search(t[m.end() : b]):
            continue
        if heading:
            out.append(StaleYear("heading", y, m.start(), m.end()))
            continue
        # Preamble: the year must be what the sentence presents.
        s = max(t.rfind(c, 0, m.start()) for c in "。;；") + 1
        e = min([k for k in (t.find(c, m.end()) for c in "。;；") if k >= 0] or [len(t)])
        if _INTRO.search(t[s : m.start()]) or re.search(r"(?:报告|公布|汇报)如下", t[m.end() : e]):
            out.append(StaleYear("preamble", y, m.start(), m.end()))
    return out
