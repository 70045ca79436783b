"""Enumeration claims: a stated count and the items listed with it
("《A》、《B》…八项制度", "两个科室,分别是A、B", "三项措施:一是…二是…",
"5个高频事项(A、B、…)"), and the preamble's declared outline."""

from __future__ import annotations

from dataclasses import replace

import regex as re

from ..numbers import Number, find_numbers
from .common import _COUNT_NOUN_RE, _MARKER_ITEM_RE, _NAME_ITEM_RE, _P12, _P13, _P14, _P15, _P16, _P17, _P18, Para, _Ctx
from .model import Enumeration, Item
from .. import lazyre

__all__ = ["find_enumerations", "declared_parts", "QUOTED_COUNT_RE"]


def find_enumerations(para: Para) -> list[Enumeration]:
    return _enumerations(para.ctx, para.ptext, para.pstart, para.section, para.qty) + _quoted_counts(para)


#: A quoted slogan that counts its parts with one number, explained by a
#: bracketed list right after it: “四个公开”(A、B、C、D).  A slogan with
#: two numbers (“四局三中心”: 4 + 3 items) is left alone.
QUOTED_COUNT_RE = lazyre.compile(
    r"[“\"](?P<n>[二三四五六七八九十两])(?:个|项|大|类|张|条|件)?[^”“\"\d一二三四五六七八九十两百千]{1,8}[”\"]\s*[(（](?:即|包括|分别是|分别为)?(?P<items>[^()（）]{3,200})[)）]"
)
_QUOTED_ITEM_SEP_RE = lazyre.compile(r"、|,|，|;|；|(?:以及|和|及|与)(?=[^、,，;；]{2,20}$)")


def _quoted_counts(para: Para) -> list[Enumeration]:
    """A slogan's count against the list explaining it (the slogan's own
    number is part of a name and is no quantity elsewhere)."""
    from ..numbers import parse_number

    text = para.text
    out: list[Enumeration] = []
    for m in QUOTED_COUNT_RE.finditer(text, para.pstart, para.pend):
        body = m.group("items")
        pieces = [x.strip() for x in _QUOTED_ITEM_SEP_RE.split(body)]
        if len(pieces) < 2 or any(not 2 <= len(x) <= 24 or re.search(r"\d", x) for x in pieces):
            continue  # no list of short items: an explanation, not an enumeration
        num = parse_number(m.group("n"))
        count = replace(num, start=m.start("n"), end=m.end("n"), text=m.group("n"))
        items: list[Item] = []
        pos = m.start("items")
        for x in pieces:
            i = text.find(x, pos, m.end("items"))
            items.append(Item(x, i, i + len(x)))
            pos = i + len(x)
        out.append(Enumeration(m.start(), m.end(), None, para.section, count=count, items=items, style="parenthetical"))
    return out


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



_ITEMS_BEFORE_RE = lazyre.compile(r"(?:在|于)(?P<items>[^,，。;；:：()、和及]{2,16}(?:、[^,，。;；:：()、和及]{2,16})+)的$")


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
        tail_start = n.end + (noun.end() if noun else 0)
        en = _bracketed(text, n, tail_start, pend, section)
        if en is None and n.value >= 2:
            named_noun = bool(noun or _P14.match(after))
            if named_noun or n.unit in _NAMING_UNITS:
                en = _listed_near(text, n, max(pstart, n.start - 600), tail_start, pend, section, named_noun, after)
        if en is not None:
            out.append(en)
    return out


def _listed_near(text: str, n: Number, lo: int, tail_start: int, pend: int, section: str, named_noun: bool, after: str) -> Enumeration | None:
    """The list a count of two or more states, read before or after it:
    every form when a listing noun follows the count (制度, 措施 …); else,
    with a measure word that names things, only titles or quoted names
    right before it ("“A”“B”“C”三个特色品牌"; the outline's "…七个部分" is
    GR101's)."""
    before = text[lo : n.start]
    if named_noun:
        return (
            _titles_before(before, n, section)
            or _quoted_before(before, n, section)
            or _list_before(before, n, section)
            or _list_after(text, n, tail_start, pend, section)
            or _plain_list_before(before, n, section)
        )
    if n.unit in _NAMING_UNITS and not after.startswith("部分"):
        return _titles_before(before, n, section) or _quoted_before(before, n, section)
    return None


#: The measure words of a count that names things (not 件, 条, 次 …).
_NAMING_UNITS = frozenset({"个", "项", "类", "种", "大", "部", "本", "家"})


def _bracketed(text: str, n: Number, tail_start: int, pend: int, section: str) -> Enumeration | None:
    """(a) a bracketed list right after the count, or after count + noun."""
    gap = _P12.match(text[tail_start : tail_start + 10])
    if gap is None:
        return None
    pm = _P13.match(text[tail_start + gap.end() : min(pend, tail_start + gap.end() + 210)])
    if not pm or re.search(r"\d", pm.group(1)):  # counted items make a breakdown, not a list
        return None
    items = _split_items(pm.group(1), tail_start + gap.end() + 1)
    if not items or (len(items) < 2 and n.value != 1):
        return None
    return Enumeration(n.start, tail_start + gap.end() + pm.end(), None, section, count=n, items=items, style="parenthetical")


_TITLE_SEPS = ("", "、", ",", "，", "和", "及", "以及")


def _titles_before(before: str, n: Number, section: str) -> Enumeration | None:
    """(b) titles just before the count: "《A》、《B》…八项制度", titles nested
    ("《关于印发〈A〉的通知》") or run together without separators."""
    titles = list(_NAME_ITEM_RE.finditer(before))
    if not titles or not _P15.search(before):
        return None
    run = [titles[-1]]
    for t in reversed(titles[:-1]):
        if before[t.end() : run[0].start()].strip() not in _TITLE_SEPS:
            break
        run.insert(0, t)
    base = n.start - len(before)
    items = [Item(t.group(), base + t.start(), base + t.end()) for t in run]
    return Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="titles")


_QUOTED_ITEM_RE = lazyre.compile(r"[“\"][^“”\"\n]{1,30}[”\"]")
_QUOTED_END_RE = lazyre.compile(r"[”\"][等]?(?:共|这|计)?$")


def _quoted_before(before: str, n: Number, section: str) -> Enumeration | None:
    """(b') quoted names just before the count, as titles are: "“A”“B”“C”等三项
    活动" (run together or joined by 、)."""
    tail = before[-3:]
    if "”" not in tail and '"' not in tail or not _QUOTED_END_RE.search(before, max(0, len(before) - 3)):
        return None  # (the cheap test first: a closing quote in the last three characters)
    names = list(_QUOTED_ITEM_RE.finditer(before))
    if len(names) < 2:
        return None
    run = [names[-1]]
    for t in reversed(names[:-1]):
        if before[t.end() : run[0].start()].strip() not in _TITLE_SEPS:
            break
        run.insert(0, t)
    if len(run) < 2:
        return None
    base = n.start - len(before)
    items = [Item(t.group(), base + t.start(), base + t.end()) for t in run]
    return Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="quoted names")


def _list_before(before: str, n: Number, section: str) -> Enumeration | None:
    """(c) a 、-list just before: "设立在县政务服务中心、县档案馆的两处信息公开查阅点"."""
    mb = _ITEMS_BEFORE_RE.search(before[-120:])
    if not mb:
        return None
    base = n.start - len(before[-120:]) + mb.start("items")
    items = _split_items(mb.group("items"), base)
    if len(items) < 2:
        return None
    return Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="list")


#: (c') a plain 、-list right after a verb that introduces what it names,
#: ending at the count: "健全了A、B、C四项制度", "聚焦A、B、C、D五个重点领域".
#: Items hold no clause punctuation, no 和/及/与 (a name or a joint?), no
#: 等 (an open list), no digits and no count of their own.
_PLAIN_LIST_BEFORE_RE = lazyre.compile(
    r"(?:(?:健全|建立|完善|制定|出台|印发|修订|落实|聚焦|围绕|突出|包括|涵盖|通过|依托|开设|设立|开通)了?|了)"
    r"(?P<items>[^,，。;；:：()（）、和及与等\d“”\"《》]{1,16}(?:、[^,，。;；:：()（）、和及与等\d“”\"《》]{1,16})+)$"
)
_ITEM_COUNT_RE = lazyre.compile(r"[一二三四五六七八九十两][项个类种条大]")


def _plain_list_before(before: str, n: Number, section: str) -> Enumeration | None:
    """(c') a plain 、-list introduced by a verb, right before the count."""
    tail = before[-120:]
    mb = _PLAIN_LIST_BEFORE_RE.search(tail)
    if not mb:
        return None
    pieces = mb.group("items").split("、")
    if any(_ITEM_COUNT_RE.search(p) for p in pieces):
        return None  # "A、B两项制度和C、D…": another count inside the list
    base = n.start - len(tail) + mb.start("items")
    items = []
    pos = 0
    for p in pieces:
        items.append(Item(p, base + pos, base + pos + len(p)))
        pos += len(p) + 1
    return Enumeration(items[0].start, n.end, None, section, count=n, items=items, style="list")


def _list_after(text: str, n: Number, tail_start: int, pend: int, section: str) -> Enumeration | None:
    """(d) a list introduced after the count: "两个科室,分别是A、B" / "三项措施:一是…"."""
    tail = text[tail_start : min(pend, tail_start + 800)]
    m_intro = _P16.match(tail)
    if not m_intro:
        return None
    body_start = tail_start + m_intro.end()
    body = text[body_start : min(pend, body_start + 800)]
    marks = list(_MARKER_ITEM_RE.finditer(body))
    if marks and marks[0].start() <= 2:
        items = _marked_items(body, body_start, marks)
        style = "markers"
    else:
        sent_end = _P17.search(body)
        items = _split_items(body[: sent_end.start() if sent_end else len(body)], body_start)
        style = "list"
    if len(items) < 2:
        return None
    return Enumeration(n.start, items[-1].end, None, section, count=n, items=items, style=style)


def _marked_items(body: str, body_start: int, marks: list[re.Match[str]]) -> list[Item]:
    """Items opened by 一是/二是…, (1)(2)… or ①②…, while the numbering runs on."""
    from ..structure.headings import cn_to_int

    items = []
    expect = 1
    for k, mk in enumerate(marks):
        num = mk.group("ar") or mk.group("cn") or mk.group("circ")
        val = cn_to_int(num) if num and not mk.group("circ") else expect
        if val != expect:
            break
        end = marks[k + 1].start() if k + 1 < len(marks) else body.find("。", mk.end()) if "。" in body[mk.end() :] else len(body)
        items.append(Item(body[mk.start() : end].rstrip("。;；,，"), body_start + mk.start(), body_start + end))
        expect += 1
    return items


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

