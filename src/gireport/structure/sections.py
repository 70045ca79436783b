"""Canonical section kinds (a **contract**: JSON output and rules use them).

A top-level heading is classified by keyword sets over the title, checked in a
fixed priority order so that compound titles land where a reader would put
them ("因政府信息公开申请行政复议…" is review_litigation although it mentions
申请; "依申请收费及减免情况" is fees).  The number prefix is never used:
old reports reorder their parts freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re
from .. import lazyre

__all__ = ["KINDS", "classify", "Section"]

#: Every canonical kind, in the typical order of an old-template report.
KINDS = (
    "overview",
    "proactive",
    "response",
    "on_request",
    "consultation",
    "fees",
    "review_litigation",
    "staffing",
    "problems",
    "other",
    "plan",
    "statistics",
    "unknown",
)

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("problems", lazyre.compile(r"存在的?(?:主要)?问题|主要问题|问题(?:及|和|与)|不足(?:及|和|与)|改进(?:情况|措施)")),
    ("plan", lazyre.compile(r"工作(?:安排|计划|打算|思路|要点|设想)|重点工作|下一?步|明年|\d{4}年(?:度)?(?:主要|重点)?工作")),
    ("other", lazyre.compile(r"其他需要|需要报告|其他事项|需要说明|其他情况|说明事项|其他需报告|需报告的?事项|^其他$")),
    ("statistics", lazyre.compile(r"统计表|附表|附件|指标统计|统计数据|数据统计")),
    ("review_litigation", lazyre.compile(r"复议|诉讼|申诉")),
    ("fees", lazyre.compile(r"收费|减免")),
    ("on_request", lazyre.compile(r"依申请|申请公开|公开申请|处理.*申请|申请.*(?:处理|办理|答复)")),
    ("consultation", lazyre.compile(r"咨询")),
    ("proactive", lazyre.compile(r"主动公开|重点领域.*公开")),
    ("response", lazyre.compile(r"回应|解读")),
    ("staffing", lazyre.compile(r"机构|人员|经费|培训|费用支出")),
    ("overview", lazyre.compile(r"概述|概况|总体|基本(?:工作)?情况|主要工作|任务落实|工作情况$|开展情况")),
]


def classify(title: str) -> str:
    """The canonical kind of a top-level section title (``"unknown"`` when no
    keyword set matches)."""
    t = re.sub(r"\s+", "", title).replace("其它", "其他")
    for kind, pat in _RULES:
        if pat.search(t):
            return kind
    return "unknown"


@dataclass
class Section:
    """A heading and the text it governs: ``start`` is the heading's start,
    ``end`` the start of the next heading at the same or a higher level (or
    the end of the body).  ``kind`` is set for top-level sections."""

    title: str
    marker: str
    number: int | None
    level: int
    start: int
    end: int
    body_start: int
    kind: str = "unknown"
    page: int | None = None
    children: list[Section] = field(default_factory=list)
    #: True for a part the report has no heading for (see Outline.notes).
    implied: bool = False

    @property
    def heading(self) -> str:
        return f"{self.marker}{self.title}"

    def walk(self):  # type: ignore[no-untyped-def]
        """This section and every descendant, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()

    def to_dict(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "title": self.title,
            "number": self.number,
            "level": self.level,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "implied": self.implied,
            "children": [c.to_dict() for c in self.children],
        }

    def __repr__(self) -> str:
        return f"<Section {self.heading!r} kind={self.kind} level={self.level} [{self.start}:{self.end}] children={len(self.children)}>"
