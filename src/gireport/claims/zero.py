"""Zero claims: explicit nothing-happened statements ("没有发生…行政复议",
"未收取任何费用", "行政诉讼数为0件")."""

from __future__ import annotations

import re as _re

import regex as re

from .common import _P19, _P20, _P21, _P22, Para
from .model import Zero
from .. import lazyre

__all__ = ["find_zeros", "ZERO_RE"]

ZERO_RE = lazyre.compile(
    r"(?P<cue>未(?:向[^,，。;；]{0,8})?发出|没有(?:向[^,，。;；]{0,8})?发出|没有发生|未发生|无|未收到|没有收到|未接到|没有接到|未出现|没有出现|未产生|没有产生|未收取|没有收取|不收取|暂不收费|不收费|免收|未有|零)"
    r"(?P<what>[^。;；]{0,40}?)"
    r"(?P<topic>行政复议|行政诉讼|复议|诉讼|收费|费用|信息处理费|申请|举报|投诉)?"
)


# "涉及的行政诉讼数为0件": nothing happened, said with a zero.
_ZERO_COUNT_RE = lazyre.compile(r"(?P<t>行政复议|行政诉讼|复议|诉讼|申请)[^。,，;；\d]{0,6}?(?:数量?)?(?:为|是|共)0(?:件|起|次|宗)")



def find_zeros(para: Para) -> list[Zero]:
    out: list[Zero] = []
    text = para.text
    for s, e in para.sents:
        if _ANY_CUE.search(text, s, e):
            out.extend(_zeros(text, s, e, para.section))
    return out


#: A character every cue of ZERO_RE or _ZERO_COUNT_RE contains (a sentence
#: without one states no zero).
_ANY_CUE = lazyre.compile_std("[未没无不暂免零0]")


def _zeros(text: str, s: int, e: int, section: str) -> list[Zero]:
    """Nothing-happened statements, clause by clause ("未收到…申请，收到1份…
    行政复议申请" denies applications only)."""
    out: list[Zero] = []
    for cl in _P19.finditer(text[s:e]):
        cs, ce = s + cl.start(), s + cl.end()
        clause = cl.group()
        m = ZERO_RE.search(clause)
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
