"""Heading detection at every level.

Chinese reports number their headings with a small set of marker styles::

    第一部分   一、   (一)   1、 / 1.   (1)

(the text is NFKC-normalised, so full-width brackets are ASCII here).  A
heading is a marker at the start of a paragraph block or, in web-scraped text
that has lost its line breaks, a ``第一部分`` / ``一、`` / ``(一)`` marker run
into a line after a sentence end.  Levels are not fixed per style: the first
style met becomes level 1, a new style met under it becomes level 2, and so
on, as in a nested list.

Run-in titles are delimited by a sentence mark (``。`` ``:`` …), by a known
section title (for top-level headings in text without line breaks), or by a
typical title ending (情况, 方面, 事项 …).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..document import Document
from .sections import classify
from .. import lazyre


# Patterns used in loops, compiled once.
_RX0 = lazyre.compile(r"[^\n]+")


__all__ = ["Heading", "find_headings", "cn_to_int", "STYLES"]

_CN = "一二三四五六七八九十"
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT["两"] = 2


def cn_to_int(s: str) -> int | None:
    """Small Chinese numerals (up to 99) and Arabic digit strings."""
    if s.isdigit():
        return int(s)
    if not s:
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN_DIGIT.get(a, None) if a else 1
        ones = _CN_DIGIT.get(b, None) if b else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    return None


#: Marker styles, in a fixed id order (the level is decided per document).
STYLES = {
    "part": rf"第(?P<n>[{_CN}]{{1,3}})部分\s*[、.:]?",
    "cn": rf"(?P<n>[{_CN}]{{1,3}})\s*(?:、|\.(?!\d))",
    "pcn": rf"\((?P<n>[{_CN}]{{1,3}})\)\s*[、.]?",
    "ar": r"(?P<n>\d{1,2})\s*(?:、|\.(?!\d))",
    "par": r"\((?P<n>\d{1,2})\)\s*[、.]?",
}
_STYLE_RES = {k: lazyre.compile(v) for k, v in STYLES.items()}
_ANY_START = lazyre.compile("|".join(f"(?P<{k}>{v.replace('?P<n>', '')})" for k, v in STYLES.items()))

# Inline (run-in) headings: only the higher styles.  Whether a candidate is
# accepted depends on what precedes it (see ``find_headings``).
_INLINE_RE = lazyre.compile(
    rf"(?:(?P<part>第[{_CN}]{{1,3}}部分)|(?P<cn>[{_CN}]{{1,3}}(?:、|\.(?!\d)))|(?P<pcn>\([{_CN}]{{1,3}}\)))"
)
_BOUNDARY_CHARS = "。!?;！？；:： \n”\"』」)"

# Known top-level titles, used to delimit run-in titles (longest first).
_KNOWN_TITLES = sorted(
    [
        "概述", "总体情况", "基本情况", "基本工作情况", "工作概述", "主要工作概述", "概况",
        "政府信息公开工作总体情况", "政府信息公开总体工作情况", "主要任务落实情况",
        "主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况", "主动公开工作情况",
        "依申请公开政府信息情况", "依申请公开政府信息的情况", "依申请公开情况",
        "依申请公开政府信息和不予公开政府信息的情况", "政府信息依申请公开工作情况",
        "政府信息依申请公开办理情况", "收到和处理政府信息公开申请情况", "政府信息公开申请情况",
        "政府信息公开咨询处理情况", "咨询处理情况",
        "政府信息公开的收费及减免情况", "政府信息公开收费及减免情况", "收费及减免情况",
        "依申请收费及减免情况", "公开收费情况", "政府信息公开的收费情况", "收费情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况", "行政复议和行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况", "行政复议和诉讼情况", "复议、诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况", "复议、诉讼和申诉情况",
        "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况",
        "存在的主要问题及改进措施", "存在的主要问题和改进措施", "存在的主要问题",
        "存在问题及改进情况", "存在问题及工作打算", "存在的问题及改进措施",
        "其他需要报告的事项", "其他需要报告事项", "需要说明的事项", "政府信息公开情况统计表",
        "回应解读情况", "机构建设、保障经费和培训会议情况",
    ],
    key=len,
    reverse=True,
)
_KNOWN_RE = lazyre.compile("|".join(re.escape(t) for t in _KNOWN_TITLES))
_TITLE_END_RE = lazyre.compile(r"[。:;!?；：！？]")
_INLINE_STOP_RE = lazyre.compile(r"[。:;!?；：！？,，(]")
_YEAR_START_RE = lazyre.compile(r"(?:19|20)\d{2}年")
_TITLE_WORD_END_RE = lazyre.compile(r"(?:情况|方面|事项|措施|问题|建设|管理|保障|概述|统计表|安排|计划|打算|制度|机制)")

# Labels of standard-table rows that look like headings when a table has been
# flattened into text ("一、本年新收政府信息公开申请数量 …").
_TABLE_LABEL_RE = lazyre.compile(
    r"^(?:(?:不|无|其|予以|部分|不予|无法|其他)(?:\d|$)|本年新收|上年结转|本年度办理结果|结转下年度|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计"
    r"|属于国家秘密|其他法律行政法规|危及|保护第三方|属于三类|属于四类|属于行政执法|属于行政查询|本机关不掌握"
    r"|没有现成信息|补正后申请|信访举报|重复申请|要求提供公开出版物|无正当理由|要求行政机关确认|申请人无正当理由"
    r"|申请人逾期|其他$|主动公开政府信息数|收到申请数|申请办结数|申请答复数|行政复议数量|行政诉讼数量"
    r"|举报投诉数量|依申请公开信息收取的费用|机构建设和保障经费|政府信息公开会议和培训|通过不同渠道|回应公众关注"
    r"|当面申请|传真申请|网络申请|信函申请|按时办结|延期办结|属于已主动公开|同意公开|同意部分公开|不同意公开"
    r"|不属于本行政机关|申请信息不存在|告知作出更改|告知通过其他途径)"
)


@dataclass(frozen=True)
class Heading:
    """A numbered heading.  ``start``/``end`` span the marker and the title;
    ``title_start`` is where the title text begins."""

    style: str  # part | cn | pcn | ar | par | source (a source-marked heading without a number)
    number: int | None
    marker: str
    title: str
    start: int
    end: int
    title_start: int
    level: int = 0
    inline: bool = False
    page: int | None = None

    @property
    def label(self) -> str:
        return f"{self.marker}{self.title}"


def _title_end(text: str, i: int, limit: int, *, inline: bool, style: str) -> int:
    """End offset of a title starting at ``i`` in ``text`` (bounded by ``limit``)."""
    window = text[i : min(limit, i + 60)]
    if style in ("cn", "part"):
        m = _KNOWN_RE.match(window)
        if m:
            return i + m.end()
    m = _TITLE_END_RE.search(window)
    if inline:
        # A run-in title ends at the first sentence mark or comma, at a
        # sub-heading's bracket, or where the body starts with a year
        # ("…主要类别2011年,在…"); within that, at the furthest typical title
        # ending (情况, 方面 …) if there is one.
        stops = [len(window)]
        pm = _INLINE_STOP_RE.search(window)
        if pm:
            stops.append(pm.start())
        ym = _YEAR_START_RE.search(window, 2)
        if ym:
            stops.append(ym.start())
        stop = min(stops)
        best = None
        for w in _TITLE_WORD_END_RE.finditer(window, 0, min(stop, 30)):
            best = w
        if best is not None:
            return i + best.end()
        return i + min(stop, 30)
    if m and m.start() <= 45:
        # Keep the sentence mark out of the title; a run-in title ends there.
        return i + m.start()
    if not inline:
        if limit - i <= 45:
            return limit  # a short line: the whole line is the title
        # A numbered paragraph whose first sentence is long has no title of
        # its own: the marker is the heading, the sentence is body text.
        return i
    m = _TITLE_WORD_END_RE.search(window[:40])
    if m:
        return i + m.end()
    return i + min(len(window), 20)


def _past_mark(text: str, i: int) -> int:
    """Include the sentence mark that ends a run-in title in the heading span."""
    return i + 1 if i < len(text) and text[i] in "。:;：；" else i


def find_headings(doc: Document) -> list[Heading]:
    """Every numbered heading of the document, in text order, with levels."""
    text = doc.text
    found: list[Heading] = []
    ends: set[int] = set()  # where each heading found so far ends, kept as they are found
    for block in doc.blocks:
        if block.kind == "table":
            continue
        n = len(found)
        taken_until = _line_headings(text, block, found)
        ends.update(h.end for h in found[n:])
        if block.end - block.start > 60:
            _run_in_headings(text, block, taken_until, found, ends)
    found.sort(key=lambda h: h.start)
    return _assign_levels(_drop_inline_noise(found))


def _line_headings(text: str, block, found: list[Heading]) -> int:  # type: ignore[no-untyped-def]
    """Headings whose marker opens the block or a line inside it (and the
    block itself when the source marks it a heading); appended to
    ``found``.  Returns where the last one ends (run-in headings are looked
    for after it)."""
    bstart, bend = block.start, block.end
    taken_until = bstart
    for line_m in _RX0.finditer(text[bstart:bend]):
        ls = bstart + line_m.start()
        line = line_m.group()
        m = _ANY_START.match(line)
        if m and not line[m.end() : m.end() + 1] in ("", "是", "要", "来", "则"):
            style = m.lastgroup or ""
            sm = _STYLE_RES[style].match(line)
            assert sm is not None
            num = cn_to_int(sm.group("n"))
            ti = ls + sm.end()
            te = _title_end(text, ti, ls + len(line), inline=False, style=style)
            title = text[ti:te].strip()
            # An empty title is a numbered paragraph (marker only).
            if (title or te == ti and ti < ls + len(line)) and not _TABLE_LABEL_RE.match(title):
                found.append(Heading(style, num, sm.group().strip(), title, ls, _past_mark(text, te), ti, page=block.page))
                taken_until = te
        elif block.level and line_m.start() == 0:
            found.append(Heading("source", None, "", line.strip(), ls, ls + len(line), ls, page=block.page))
            taken_until = ls + len(line)
    return taken_until


def _run_in_headings(text: str, block, taken_until: int, found: list[Heading], ends: set[int]) -> None:  # type: ignore[no-untyped-def]
    """Run-in headings inside long lines (web-scraped text without line
    breaks), appended to ``found``; ``ends`` holds where every heading found
    so far ends (for a run-in one, its title's end too) and grows here.  A
    candidate counts when it follows a sentence end or another heading, or
    when its title is a known section title (text glued to a table's last
    number or an e-mail address)."""
    bstart, bend = block.start, block.end
    for m in _INLINE_RE.finditer(text[bstart:bend]):
        s = bstart + m.start()
        if s < taken_until or s == bstart or text[s - 1] == "\n":
            continue
        got = _run_in_heading(text, s, m.lastgroup or "", bend, ends, block.page)
        if got is not None:
            h, te = got
            found.append(h)
            ends.add(h.end)
            ends.add(te)


def _run_in_heading(text: str, s: int, style: str, bend: int, ends: set[int], page: int | None) -> tuple[Heading, int] | None:
    """The run-in heading whose marker starts at ``s`` and where its title
    ends, or None when the candidate is not one."""
    sm = _STYLE_RES[style].match(text, s)
    if sm is None:
        return None
    ti = sm.end()
    if ti < len(text) and text[ti] in "是要来则":
        return None
    te = _title_end(text, ti, bend, inline=True, style=style)
    title = text[ti:te].strip()
    if not title or _TABLE_LABEL_RE.match(title):
        return None
    at_boundary = text[s - 1] in _BOUNDARY_CHARS or s in ends
    known = style in ("cn", "part") and (
        _KNOWN_RE.match(text, ti, min(bend, ti + 60)) is not None
        or (_TITLE_WORD_END_RE.search(title[-4:]) is not None and classify(title) != "unknown")
    )
    if not (at_boundary or known):
        return None
    return Heading(style, cn_to_int(sm.group("n")), sm.group().strip(), title, s, _past_mark(text, te), ti, inline=True, page=page), te


def _drop_inline_noise(hs: list[Heading]) -> list[Heading]:
    """Run-in markers are accepted only when they continue a numbering that
    the document already uses (一、 after 一、's predecessor …) or start one at 1."""
    last: dict[str, int] = {}
    out: list[Heading] = []
    for h in hs:
        if h.style == "cn" and not h.inline and h.number is not None and last.get("cn") == h.number and classify(h.title) == "unknown":
            continue  # a repeated top-level number with a non-section title: residue of a flattened table
        if h.inline:
            prev = last.get(h.style)
            ok = (h.number == 1) or (prev is not None and h.number is not None and 0 < h.number - prev <= 2)
            if not ok:
                continue
        if h.number is not None:
            # A top-level restart resets the lower styles' counters.
            if h.style in ("cn", "part"):
                for k in ("pcn", "ar", "par"):
                    last.pop(k, None)
            elif h.style == "pcn":
                for k in ("ar", "par"):
                    last.pop(k, None)
            last[h.style] = h.number
        out.append(h)
    return out


def _assign_levels(hs: list[Heading]) -> list[Heading]:
    stack: list[str] = []
    out: list[Heading] = []
    for h in hs:
        style = h.style
        if style == "source":
            # An unnumbered heading marked by the source (a Markdown "##", an
            # HTML <h3>): before the first numbered heading it is the title
            # or a caption, not a section; after it, a child of the current one.
            if stack:
                out.append(_with_level(h, len(stack) + 1))
            continue
        if style in stack:
            del stack[stack.index(style) + 1 :]
        else:
            stack.append(style)
        out.append(_with_level(h, len(stack)))
    return out


def _with_level(h: Heading, level: int) -> Heading:
    from dataclasses import replace

    return replace(h, level=level)
