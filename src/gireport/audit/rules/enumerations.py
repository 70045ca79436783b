"""Enumeration rules over text claims (family ``enumerations``, GR4xx): a
stated count against the items listed (GR401)."""

from __future__ import annotations

from ..registry import rule
from ._claims_common import _span

@rule(
    "GR401",
    name="enumeration-count",
    family="enumerations",
    severity="error",
    message="写明{reported},实际列出{expected}项:{items}",
    message_en="states {reported} but lists {expected}: {items}",
    builtin=True,
)
def enumeration_count(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A stated count differs from the number of items listed.

    What it does:
        Matches a count with a measure word ("八项具体制度", "两个科室",
        "三项措施") to the items listed with it — 《…》 titles joined by 、, an
        "分别是A、B" list, "一是…二是…" or "(1)…(2)…" markers, a
        parenthetical list, or a plain 、-list right after the verb that
        introduces it ("健全了A、B、C三项机制", "聚焦A、B两个重点领域") — and
        compares the numbers.  A quoted slogan
        that counts its parts with one number ("“四个公开”") is matched to
        the bracketed list explaining it right after it; a slogan with two
        numbers ("“四局三中心”") is not.

    Why it matters:
        A count that disagrees with its own list tells the reader that an
        item was dropped or added after the sentence was written.

    Example:
        本年度制定了《依申请公开工作办法》《网站内容巡查办法》《信息发布协调制度》四项制度。
        → error, reported 四项, expected 3 (three titles)

    Consistent example:
        本年度制定了《依申请公开工作办法》、《网站内容巡查办法》、《信息发布协调制度》三项制度。

    Known exceptions:
        A count with adjectives before its noun ("五项重要文件", "三项具体
        措施") is read like a bare one.  "等N项" can mean the list is
        abbreviated; such counts larger than the list are reported only when
        the list is not closed by 等, and a list closed by 等 with no count of
        its own ("…等文件") stays an open list (nothing to compare).  A plain
        、-list is counted only when no item holds 和/及/与 (one name or two?),
        等, digits or a count of its own.
    """
    for en in report.claims.of("enumeration"):
        if en.count is None or not en.items or en.style == "parts":
            continue  # the declared outline is GR101's
        n = int(en.count.value)
        k = len(en.items)
        if n == k:
            ctx.ok()
            continue
        text = report.text
        if n > k and "等" in text[en.items[-1].end : en.count.start]:
            ctx.untestable("list abbreviated with 等")
            continue
        ctx.fail(
            [_span(en.count)] + [(i.start, i.end) for i in en.items],
            reported=en.count.text,
            expected=str(k),
            items="、".join(i.text for i in en.items)[:120],
        )
