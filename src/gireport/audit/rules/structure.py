"""Structure rules (family ``structure``, GR1xx): the declared outline,
required sections and their order, heading numbering, cut-off statements,
years, and documents that are not annual reports."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
import weakref

import regex as re

from ...structure import Paragraph, Section, classify
from ...structure.cues import Flat, ordinal_gaps, stale_opening, stale_years, truncations
from ..registry import rule
from ... import lazyre

_P_START = attrgetter("start")


# Patterns used in loops, compiled once.
_RX0 = lazyre.compile(r"统计表|指标名称|计量单位")
_RX1 = lazyre.compile(r"[。,，;；]")
_RX2 = lazyre.compile(r"[^。;；!?！？]+(?=[。;；!?！？]|$)")
_RX3 = lazyre.compile(r"现(?:予)?公布(?P<y>(?:19|20)\d{2})年度?")


_CN = dict(enumerate("零一二三四五六七八九十"))

REQUIRED_NEW = ("overview", "proactive", "on_request", "review_litigation", "problems", "other")
#: Art. 32 of the 2007 Regulations: the items an old-template report covers.
REQUIRED_OLD = ("proactive", "on_request", "fees", "review_litigation", "problems")
KIND_ZH = {
    "overview": "总体情况/概述",
    "proactive": "主动公开政府信息情况",
    "on_request": "依申请公开(收到和处理政府信息公开申请)情况",
    "consultation": "咨询处理情况",
    "fees": "收费及减免情况",
    "review_litigation": "行政复议、行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
    "plan": "工作计划",
    "staffing": "机构、人员和经费情况",
    "response": "回应解读情况",
    "statistics": "统计表",
}


def _cn(n: int | None) -> str:
    return _CN.get(n, str(n)) if n is not None else "?"


#: Streams per report, shared by the rules that read them (GR105, GR108);
#: weak keys, so a report's streams go with the report.
_STREAMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # type: ignore[type-arg]


def _streams(report) -> list[Flat]:  # type: ignore[no-untyped-def]
    """Computed once per report (see :func:`_build_streams`)."""
    try:
        return _STREAMS[report]  # type: ignore[no-any-return]
    except (KeyError, TypeError):
        pass
    streams = _build_streams(report)
    try:
        _STREAMS[report] = streams
    except TypeError:  # not weak-referenceable: no caching
        pass
    return streams


def _build_streams(report) -> list[Flat]:  # type: ignore[no-untyped-def]
    """The body text read section by section: consecutive paragraphs of the
    same innermost section joined into one flattened stream, so that a
    phrase broken over lines (PDF, Markdown) reads whole and a list may run
    on from one paragraph to the next but never across a heading."""
    outline = report.outline
    groups: list[tuple[object, list[tuple[int, int]]]] = []
    for p in report.paragraphs:
        sec = outline.section_at(p.start)
        if groups and groups[-1][0] is sec:
            groups[-1][1].append((p.start, p.end))
        else:
            groups.append((sec, [(p.start, p.end)]))
    return [Flat.join(report.text, spans) for _, spans in groups]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


@rule(
    "GR101",
    name="declared-outline-mismatch",
    family="structure",
    severity="warning",
    message="前言称{reported},实际{expected}",
    message_en="the preamble declares {reported_en}, but the report has {expected_en}",
    builtin=True,
)
def declared_outline(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The declared outline ("由…等七个部分组成") does not match the report's
    top-level sections, by count or by names.

    What it does:
        Compares the count the preamble declares with the number of names it
        lists and with the number of top-level sections, and checks that each
        declared name corresponds to a section of the same kind (and the
        other way round).

    Why it matters:
        A preamble that promises seven parts and delivers six is the most
        visible sign that a report was assembled from an older draft.

    Example:
        本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、存在的主要问题及改进措施、其他需要报告的事项等五个部分组成。
        一、概述
        二、主动公开政府信息情况
        三、依申请公开政府信息情况
        四、信息公开收费和减免情况
        五、存在的主要问题及改进措施
        六、其他需要报告的事项
        → warning, reported 五个部分, expected 6个部分

    Consistent example:
        本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、存在的主要问题及改进措施、其他需要报告的事项等六个部分组成。
        一、概述
        二、主动公开政府信息情况
        三、依申请公开政府信息情况
        四、信息公开收费和减免情况
        五、存在的主要问题及改进措施
        六、其他需要报告的事项
        → six parts declared, six headings of the same names

    Known exceptions:
        An appended statistics table counted as a part may have no heading of
        its own; the rule still reports the mismatch, as a warning.
    """
    d = report.metadata.declared
    if d is None:
        return
    secs = report.sections
    span = [(d.start, d.end)]
    n_secs, table_part = _parts_printed(report, d)
    if d.count is not None and d.count != n_secs:
        ctx.fail(
            span + [(s.start, s.body_start) for s in secs if not s.implied][:12],
            reported=f"{_cn(d.count)}个部分",
            expected=f"{n_secs}个部分",
            reported_en=f"{d.count} parts",
            expected_en=f"{n_secs} top-level sections",
        )
        return
    if d.names and d.count is not None and len(d.names) != d.count:
        ctx.fail(
            span,
            reported=f"{_cn(d.count)}个部分",
            expected=f"只列出{len(d.names)}个名称:{'、'.join(d.names)}",
            reported_en=f"{d.count} parts",
            expected_en=f"{len(d.names)} names listed for them",
        )
        return
    if d.names:
        missing, extra = _names_vs_sections(d.names, secs, table_part)
        if missing or extra:
            ctx.fail(span, reported="、".join(d.names), expected=_missing_extra_zh(missing, extra), reported_en=f"the parts {', '.join(d.names)}", expected_en=_missing_extra_en(missing, extra))
            return
    ctx.ok(spans=span, reading=f"{d.count}个部分 = {n_secs} sections" if d.count is not None else "declared names = sections", subject="declared outline")


def _parts_printed(report, d) -> tuple[int, bool]:  # type: ignore[no-untyped-def]
    """The number of top-level parts the report prints, and whether an
    attached statistics table counts as the last of them (declared last,
    with no heading of its own, but a table or a table caption at the end)."""
    secs = report.sections
    if d.names and classify(d.names[-1]) == "statistics" and "statistics" not in [s.kind for s in secs] and secs:
        tail = report.text[secs[-1].start :]
        if report.document.tables or _RX0.search(tail):
            return len(secs) + 1, True
    return len(secs), False


def _names_vs_sections(names: Sequence[str], secs, table_part: bool) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Declared part names with no section of their kind, and headed
    sections of a kind no declared name has (unknown kinds are not judged)."""
    declared_kinds = [classify(n) for n in names]
    actual = [s.kind for s in secs] + (["statistics"] if table_part else [])
    missing = [n for n, k in zip(names, declared_kinds) if k != "unknown" and k not in actual]
    extra = [s.heading for s in secs if s.kind != "unknown" and s.kind not in declared_kinds and not s.implied]
    return missing, extra


def _missing_extra_zh(missing: list[str], extra: list[str]) -> str:
    return ";".join(x for x in (("缺少" + "、".join(missing)) if missing else "", ("多出" + "、".join(extra)) if extra else "") if x)


def _missing_extra_en(missing: list[str], extra: list[str]) -> str:
    return (f"no section for {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "") + (f"undeclared {', '.join(extra)}" if extra else "")


@rule(
    "GR102",
    name="missing-section",
    family="structure",
    severity="warning",
    message="缺少{template}模板要求的部分:{reported}",
    message_en="a part the {template} template requires is missing: {reported_en}",
    builtin=True,
)
def missing_section(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A section the detected template requires is missing.

    What it does:
        New-format reports (2019 and 2021 formats) must have all six fixed
        parts (总体情况 … 其他需要报告的事项): a missing one is a warning.
        Old-template reports are checked against the items of Art. 32 of the
        2007 Regulations (主动公开, 依申请公开, 收费及减免, 行政复议和行政诉讼,
        存在的主要问题).  There a missing part is a warning only when no
        sentence of the narrative speaks of its topic either (an old report
        may fold fees or reviews into another part: that is info).  A row of
        an attached statistics table does not count as the narrative.
        The evidence is the declared outline (or the first part) and the
        heading of the part that stands where the missing one belongs (the
        next required part that is present).

    Why it matters:
        Art. 32 (2007) and Art. 50 (2019) fix what an annual report must
        contain; a missing part is a reportable omission.

    Example:
        一、总体情况
        2021年,本县扎实推进政务公开工作。
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、其他需要报告的事项
        → warning, reported 存在的主要问题及改进情况 (a 2021 report without that part)

        An old report whose parts and sentences never mention 收费/减免
        (only a statistics-table row does) is reported the same way.

    Consistent example:
        一、总体情况
        2021年,本县扎实推进政务公开工作。
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项

    Known exceptions:
        Old reports that fold fees or reviews into another part ("全年未收取
        任何费用" in the 依申请 part) are reported as info only.  The
        preamble's outline (a sentence naming three or more of the parts,
        with or without a count) promises a part and does not count as
        covering its topic.
    """
    if not report.is_report or not report.sections:
        return
    t = report.template.name
    kinds = set(report.section_kinds)
    required = REQUIRED_OLD if t == "old" else REQUIRED_NEW
    secs = [s for s in report.sections if not s.implied] or report.sections
    for k in required:
        if k in kinds:
            sec = next(s for s in report.sections if s.kind == k)
            ctx.ok(spans=[(sec.start, max(sec.body_start, sec.start + 1))] if not sec.implied else None, subject=k)
            continue
        ctx.fail(
            _missing_part_evidence(report, secs, required[required.index(k) + 1 :]),
            severity=_missing_part_severity(report, t, k),
            reported=KIND_ZH.get(k, k),
            reported_en=k,
            template=t,
        )


def _missing_part_severity(report, template: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    """A warning; info for an old report that folds the topic into another
    part (an old report may do that), or an old-looking report of a year
    the 2007 Regulations no longer govern."""
    if template == "old" and (_topic_in_narrative(report, kind) or (report.metadata.year or 0) >= 2019):
        return "info"
    return "warning"


def _missing_part_evidence(report, secs: list[Section], later: tuple[str, ...]) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The spans a missing part is shown at: the outline the report
    declares (or its first part) first, so that the finding sorts with the
    report's outline; then the part that stands where the missing one
    belongs, the first present part of the ``later`` kinds (the last part
    when none is), unless that is the first part and nothing is declared."""
    at = next((s for s in secs if s.kind in later), secs[-1])
    d = report.metadata.declared
    first = (d.start, d.end) if d is not None and d.end > d.start else (secs[0].start, secs[0].body_start)
    return [first] + ([(at.start, at.body_start)] if at is not secs[0] or d is not None else [])


#: Words that show an old report covers a required topic somewhere in its
#: narrative even without a part of its own.
_TOPIC_RE = {
    "fees": lazyre.compile(r"(?<!行政事业性|价格和|价格)收费(?!信息|项目|标准|目录|清单|公示)|收取[^。;；]{0,10}费|费用|减免(?!税)|免费"),
    "review_litigation": lazyre.compile(r"复议|诉讼"),
    "on_request": lazyre.compile(r"申请"),
    "proactive": lazyre.compile(r"主动公开"),
    "problems": lazyre.compile(r"问题|不足|差距|薄弱"),
}
_TOPIC_CONTEXT = {"fees": lazyre.compile(r"信息公开|申请|提供")}


def _topic_in_narrative(report, kind: str) -> bool:  # type: ignore[no-untyped-def]
    """Does some sentence of the narrative (not a flattened table row, not the
    statistics part) speak of ``kind``?"""
    pat = _TOPIC_RE.get(kind)
    if pat is None:
        return True
    ctx_pat = _TOPIC_CONTEXT.get(kind)
    # The declared outline ("由…收费及减免情况…等六个部分组成") promises the
    # part; it does not cover the topic.
    d = report.metadata.declared
    outline = (d.start, d.end) if d is not None and d.end > d.start else None
    for p in report.paragraphs:
        if p.section == "statistics" or not _RX1.search(p.text):
            continue
        for m in _SENTENCE_RE.finditer(p.text):
            if outline and _overlaps((p.start + m.start(), p.start + m.end()), [outline]):
                continue
            sent = m.group()
            if pat.search(sent) and (ctx_pat is None or ctx_pat.search(sent)) and not _lists_parts(sent):
                return True
    return False


def _lists_parts(sentence: str) -> bool:
    """A sentence naming three or more of the required topics is an outline
    of the report ("内容包括概述,主动公开…,收费及减免情况,…"), whether or not it
    states a count: it promises the parts, it does not cover them."""
    return sum(1 for pat in _TOPIC_RE.values() if pat.search(sentence)) >= 3


_SENTENCE_RE = lazyre.compile(r"[^。;；]+")


@rule(
    "GR103",
    name="section-order",
    family="structure",
    severity="info",
    message="部分顺序与{template}模板不同:{order_zh}",
    message_en="sections are out of the {template} template's order: {reported}",
    builtin=True,
)
def section_order(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Sections appear out of the template's order.

    What it does:
        For new-format reports, checks that the six fixed parts appear in the
        order 总体情况, 主动公开, 申请, 复议诉讼, 问题, 其他.

    Why it matters:
        The 2019 and 2021 formats fix the order; a different order makes
        reports harder to compare and often signals an edited template.

    Example:
        一、总体情况
        2021年,本县扎实推进政务公开工作。
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、其他需要报告的事项
        六、存在的主要问题及改进情况
        → info (其他需要报告的事项 before 存在的主要问题及改进情况)

    Consistent example:
        一、总体情况
        2021年,本县扎实推进政务公开工作。
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项

    Known exceptions:
        Old-template reports reorder freely (not checked).
    """
    if report.template.name == "old":
        return
    order = [k for k in report.section_kinds if k in REQUIRED_NEW]
    expect = [k for k in REQUIRED_NEW if k in order]
    if order == expect:
        ctx.ok(spans=[(s.start, s.body_start) for s in report.sections if s.kind in REQUIRED_NEW and not s.implied] or None, reading=" → ".join(order), subject="section order")
        return
    secs = [s for s in report.sections if s.kind in REQUIRED_NEW and not s.implied]
    ctx.fail(
        [(s.start, s.body_start) for s in secs],
        reported=" → ".join(order),
        order_zh=" → ".join(KIND_ZH.get(k, k) for k in order),
        template=report.template.name,
    )


@rule(
    "GR104",
    name="numbering-gap",
    family="structure",
    severity="warning",
    message="{parent}下的编号{reported}:{detail}",
    message_en="numbering under {parent} {reported_en}: {detail_en}",
    builtin=True,
)
def numbering_gap(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """Heading numbers skip or repeat at some level (1、2、3、6、).

    What it does:
        Walks every group of sibling headings (top level, each section's
        children, and so on) and checks that their numbers run 1, 2, 3 …
        without gaps or repeats.

    Why it matters:
        A gap means a part was deleted (or never written) after numbering; a
        repeat means parts were merged from different drafts.

    Example:
        (一)公开的数量
        全年主动公开政府信息一批。
        (二)公开的形式
        1、网上公开
        2、公共查阅点
        3、新闻发布会
        5、政务新媒体
        → warning, expected 4 (3、 is followed by 5、)

    Consistent example:
        (一)公开的数量
        全年主动公开政府信息一批。
        (二)公开的形式
        1、网上公开
        2、公共查阅点
        3、新闻发布会
        4、政务新媒体

    Known exceptions:
        Headings the parser could not see (lost in PDF conversion) look like
        gaps.  When the structure stage found the missing part's content
        (its sub-sections, read as an implied part: see the outline notes)
        and that fills the gap exactly, the finding is only info.
    """

    def check(siblings, parent: str) -> None:  # type: ignore[no-untyped-def]
        printed = [s for s in siblings if not s.implied and s.number is not None]
        if len(printed) >= 2:
            nums = [s.number for s in printed]
            problems = []
            spans = []
            filled = 0
            for a, b in zip(printed, printed[1:]):
                if b.number == a.number + 1:
                    continue
                if b.number == 1 and a.number > 1:
                    continue  # a new list restarts at 1 (checked by its own parent)
                problems.append((a, b))
                spans += [(a.start, a.body_start), (b.start, b.body_start)]
                # A gap exactly filled by parts whose content is there but
                # whose heading was not seen (lost in conversion, Outline.notes).
                between = [s for s in siblings if s.implied and a.start < s.start < b.start]
                if b.number > a.number and between and len(between) == b.number - a.number - 1:
                    filled += 1
            if problems:
                a, b = problems[0]
                kind = "repeats" if b.number <= a.number else "skips"
                ctx.fail(
                    spans,
                    severity="info" if filled == len(problems) else None,
                    reported=("重复" if kind == "repeats" else "跳号") + f" {a.marker}→{b.marker}",
                    reported_en=f"{kind} {a.marker} → {b.marker}",
                    detail="、".join(str(n) for n in nums),
                    detail_en=", ".join(str(n) for n in nums),
                    expected=f"{a.number + 1}",
                    parent=parent,
                )
            else:
                ctx.ok(spans=[(s.start, s.body_start) for s in printed], reading="、".join(str(n) for n in nums), subject=parent)
        for s in siblings:
            check(s.children, s.heading or "(未标题部分)")

    check(report.sections, "正文")


_CUTOFF_RE = lazyre.compile(
    r"(?:截止日期|截至日期|截止时间|统计期限|统计时间|数据截止|截止|截至|共计|合计|数为|期限为|日期为|为|是|达|自|至)[::]?$"
)


#: the last character of every _CUTOFF_RE ending (a cheap test first)
_CUTOFF_LAST = frozenset("期间限止至计为是达自")


@rule(
    "GR105",
    name="truncated-statement",
    family="structure",
    severity="warning",
    message="语句在给出数值前中断:“{reported}”",
    message_en="a statement is cut off before its value: “{reported}”",
    builtin=True,
)
def truncated_statement(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A statement lacks the value it announces ("所列数据截止日期为" and
    nothing; "答复周期平均为个工作日"; "采集时段始于年1月1日").

    What it does:
        Finds sentences that end on a word that must be followed by a value
        (截止日期为, 共计, 为, 达 …) with nothing after it, and, anywhere in
        a sentence, the constructions of a small named catalogue
        (``gireport.structure.cues.TRUNCATION_CUES``) where a number is
        missing: a measure word straight after 为/达/约 (为个工作日, 达%),
        a change or share straight before % (同比增长%), a date with an
        empty year, month or day (为年1月1日, 2022年12月日), an outcome
        straight before 件 (予以公开件), a counted noun straight before its
        measure word (公开…信息条), a period or total followed
        straight by punctuation (统计时段为,…), a period 自…至 with nothing
        in between, a cumulative count (累计发布…) that ends its sentence
        without any number.  Text is read with line breaks removed, so a
        phrase broken over lines (PDF) is seen whole.

    Why it matters:
        A blank left in a template and never filled in; the value the reader
        needs (often the data period or the handling time) is missing.

    Example:
        全部申请均按期答复,平均用时为个工作日。
        → warning, reported 平均用时为个工作日

        A preamble that ends "……等六个部分组成,所列数据截止日期为" is
        reported the same way.

    Consistent example:
        全部申请均按期答复,平均用时为6个工作日;为个人申请提供便利。
        → this rule records no pass verdicts: it finds blanks, and a
        sentence with its value is no claim it checks

    Known exceptions:
        Only constructions that cannot stand without a number are cues; a
        sentence that merely has no number (加强政策解读) is never flagged.
    """
    text = report.text
    done: list[tuple[int, int]] = []
    paragraphs = report.paragraphs
    for i, p in enumerate(paragraphs):
        if not _RX1.search(p.text):
            continue  # a label line left from a flattened table, not a statement
        for m in _RX2.finditer(p.text):
            seg = m.group().rstrip(" ,，")
            end_pos = p.start + m.start() + len(seg)
            after = text[end_pos : end_pos + 1]
            if len(seg) >= 4 and seg.rstrip(":：")[-1:] in _CUTOFF_LAST and _CUTOFF_RE.search(seg[-8:]) and (after in ("", "\n") or after in "。;；"):
                if seg.endswith((":", "：")) and _value_follows(report, paragraphs, i, end_pos):
                    continue  # a lead-in ("主要是:") to what the next lines say
                body = seg.rstrip(":：")
                tail = re.split(r"[,，:：、]", body)[-1][-24:]
                end_body = end_pos - (len(seg) - len(body))
                span = (end_body - len(tail), end_body)
                done.append(span)
                ctx.fail([span], reported=tail)
    for flat in _streams(report):
        for cue, pos in truncations(flat):
            a, b = flat.clause(pos, pos)
            if b <= a:
                continue
            span = flat.span(a, b)
            if _overlaps(span, done):
                continue
            done.append(span)
            ctx.fail([span], reported=flat.text[a:b], cue=cue.name)


def _value_follows(report, paragraphs, i: int, end_pos: int) -> bool:  # type: ignore[no-untyped-def]
    """After a statement that ends with a colon, text follows before the next
    heading: on the next lines of its paragraph, or in the next paragraph of
    the same section (a list or the value on a line of its own)."""
    p = paragraphs[i]
    if p.text[end_pos - p.start :].strip(" \n:："):
        return True
    if _LIST_MARKER_RE.match(report.text, end_pos):
        return True  # a list of sub-items, each under its own marker
    if i + 1 >= len(paragraphs):
        return False
    outline = report.outline
    return outline.section_at(paragraphs[i + 1].start) is outline.section_at(p.start)


#: The marker of a sub-item opening the next line: (一), 1., (1), 一是, 第一, ①.
_LIST_MARKER_RE = lazyre.compile(r"[:：]?\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]是|第[一二三四五六七八九十][,，、是]|[①-⑳])")


_YEAR_RE = lazyre.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CAPTION_RE = lazyre.compile(r"(?:^|(?<=[。;；]))(?:附(?:件|表)?\d?[::]?)?[^。;；,,]{4,40}?(?:统计表|情况表)(?=$|[。;；\s])")


@rule(
    "GR106",
    name="year-mismatch",
    family="structure",
    severity="warning",
    message="{what}为{shown},与报告年度{year}年不符{hint}",
    message_en="{what_en} is {shown}, which does not fit the report year {year}{hint_en}",
    builtin=True,
)
def year_mismatch(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A year in the title, the data period, the signature or a statement
    about this year's work disagrees with the report year.

    What it does:
        Compares the report year (from the title) with the data period's
        years, the year of the preamble's "现公布X年度…报告", and requires the
        signature date to fall after the end of the report year.  It also
        finds a stale earlier year named as the report's own subject: a
        heading "2020年度政务公开工作总结" in a 2021 report, or a
        preamble that presents it ("特将2020年度政务公开工作开展情况汇报如
        下", "编写了2020年度信息公开工作报告"), or an overview that
        opens on it ("2020年,我局…" in a 2021 report), or the caption of an
        attached table names it ("附:…2020年政府信息公开情况统计表").

    Why it matters:
        A wrong year usually means last year's report was reused and not
        fully updated.

    Example:
        青禾县人民政府2015年政府信息公开工作年度报告
        本报告所列数据的统计期限自2014年1月1日起至2014年12月31日止。
        一、概述
        二、主动公开政府信息情况
        三、依申请公开政府信息情况
        四、信息公开收费和减免情况
        五、涉及信息公开的行政复议和行政诉讼情况
        六、存在的主要问题及改进措施
        青禾县人民政府办公室
        2016年3月10日
        → warning, reported 2014, expected 2015 (the data period is last year's)

    Consistent example:
        青禾县人民政府2015年政府信息公开工作年度报告
        本报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。
        一、概述
        二、主动公开政府信息情况
        三、依申请公开政府信息情况
        四、信息公开收费和减免情况
        五、涉及信息公开的行政复议和行政诉讼情况
        六、存在的主要问题及改进措施
        青禾县人民政府办公室
        2016年3月10日

    Known exceptions:
        A plain reference to an earlier year is not a mismatch: comparisons
        (与2012年相比, 较上年), carry-overs (2012年结转), titles of documents
        (《…2012年度政务公开绩效评估细则》) and last year's problems
        (针对2012年度报告中指出的问题) are not flagged.
    """
    md = report.metadata
    year = md.year
    if year is None or md.title is None:
        return
    tyear = _YEAR_RE.search(md.title)
    title_year = int(tyear.group(1)) if tyear else None
    _check_period(md, title_year or year, ctx)
    _check_signature(md, year, ctx)
    flagged: list[tuple[int, int]] = []
    m = _RX3.search(report.text[:3000])
    if m and int(m.group("y")) != year:
        flagged.append((m.start(), m.end()))
        ctx.fail([(m.start(), m.end())], reported=m.group("y"), expected=str(year), shown=f"{m.group('y')}年", year=year, what="前言所称年度", what_en="the year named in the preamble", hint="", hint_en="")
    for flat, is_heading in _year_places(report):
        _check_stale_years(flat, is_heading, year, flagged, ctx)


def _check_period(md, year: int, ctx) -> None:  # type: ignore[no-untyped-def]
    """GR106 on the data period (统计期限): both ends in the report year."""
    if not ((md.period_start or md.period_end) and md.period_span):
        return
    for d in (md.period_start, md.period_end):
        if d is not None and d.year != year:
            ctx.fail([md.period_span], reported=str(d.year), expected=str(year), shown=f"{d.year}年", year=year, what="统计期限", what_en="the data period", hint="", hint_en="")
            return
    ctx.ok(spans=[md.period_span], reading=f"{md.period_start.year if md.period_start else '?'}–{md.period_end.year if md.period_end else '?'} = {year}", subject="data period")


def _check_signature(md, year: int, ctx) -> None:  # type: ignore[no-untyped-def]
    """GR106 on the signature date: a report on a year is signed after it."""
    if not (md.signature_date and md.signature_span):
        return
    if md.signature_date.year <= year:
        ctx.fail([md.signature_span], reported=md.signature_date.isoformat(), expected=f"{year + 1}-01-01", shown=md.signature_date.isoformat(), year=year, what="落款日期", what_en="the signature date", hint=f"(应在{year + 1}年或以后)", hint_en=f" (it should be in {year + 1} or later)")
    else:
        ctx.ok(spans=[md.signature_span], reading=f"{md.signature_date.isoformat()} after {year}", subject="signature date")


def _year_places(report) -> list[tuple[Flat, bool | None]]:  # type: ignore[no-untyped-def]
    """Where a stale year is looked for: the preamble (False), headings and
    the captions of attached tables (True), and the overview's opening
    paragraph (None).  The title itself defines the year and is not read."""
    title_span = report.metadata.title_span or (0, 0)
    secs = [s for s in report.sections if not s.implied]
    places: list[tuple[Flat, bool | None]] = [(_preamble(report, secs, title_span), False)]
    places += [(f, True) for f in _headings(report, secs, title_span)]
    places += [(f, True) for f in _table_captions(report, title_span)]
    overview = next((s for s in secs if s.kind == "overview"), None)
    first = next((p for p in report.paragraphs if overview and overview.body_start <= p.start < overview.end), None)
    if first:
        places.append((Flat.of(report.text, first.start, first.end), None))
    return places


def _preamble(report, secs: list[Section], title_span: tuple[int, int]) -> Flat:  # type: ignore[no-untyped-def]
    """The text between the title and the first section; a preamble is a
    paragraph or two, so without headings no more than 1,500 characters."""
    pre_end = secs[0].start if secs else min(len(report.text), 3000)
    pre_start = title_span[1] if title_span[1] <= pre_end else 0
    return Flat.of(report.text, pre_start, min(pre_end, pre_start + 1500))


def _headings(report, secs: list[Section], title_span: tuple[int, int]) -> list[Flat]:  # type: ignore[no-untyped-def]
    """Every heading of every section but implied ones and one that holds
    the title."""
    return [
        Flat.of(report.text, sec.start, sec.body_start)
        for top in secs
        for sec in top.walk()
        if not sec.implied and not (sec.start < title_span[1] and title_span[0] < sec.body_start)
    ]


def _table_captions(report, title_span: tuple[int, int]) -> list[Flat]:  # type: ignore[no-untyped-def]
    """The captions of attached tables ("附:…2013年政府信息公开情况统计表"),
    read like headings, after the title."""
    out: list[Flat] = []
    for p in report.paragraphs:
        if p.start < title_span[1] or ("统计表" not in p.text and "情况表" not in p.text) or not _CAPTION_RE.search(p.text):
            continue
        pf = Flat.of(report.text, p.start, p.end)
        for cm in _CAPTION_RE.finditer(pf.text):
            out.append(Flat.of(report.text, *pf.span(cm.start(), cm.end())))
    return out


_WHERE = {True: ("标题", "a heading"), False: ("前言", "the preamble"), None: ("概述开头", "the opening of the overview")}


def _check_stale_years(flat: Flat, is_heading: bool | None, year: int, flagged: list[tuple[int, int]], ctx) -> None:  # type: ignore[no-untyped-def]
    """GR106 on one place: last year's report year left in it."""
    if not flat.text:
        return
    if is_heading is None:  # the overview's opening sentence
        op = stale_opening(flat, year)
        found = [op] if op else []
    else:
        found = stale_years(flat, year, heading=is_heading)
    for st in found:
        span = flat.span(st.start, st.end)
        if _overlaps(span, flagged):
            continue
        flagged.append(span)
        where = _WHERE[is_heading]
        ctx.fail(
            [span],
            reported=str(st.year),
            expected=str(year),
            shown=f"{st.year}年",
            year=year,
            what=f"{where[0]}所称工作年度",
            what_en=f"the year of the work named in {where[1]}",
            hint="(疑为沿用上年报告)",
            hint_en=" (apparently left from an earlier report)",
        )
    if is_heading and not found and _YEAR_RE.search(flat.text):
        ctx.ok(spans=[flat.span(0, len(flat.text))], subject="heading year")


@rule(
    "GR107",
    name="not-a-report",
    family="structure",
    severity="info",
    message="不像政府信息公开工作年度报告:{reported}",
    message_en="this does not look like an annual report: {reported}",
    builtin=True,
)
def not_a_report(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The document does not look like an annual report at all.

    What it does:
        Reports the structure stage's verdict: no annual-report title and too
        few of the standard sections.

    Why it matters:
        Archives mix annual reports with notices, letters and work plans; an
        auditor wants them set aside, not audited as reports.

    Example:
        关于2014年政府信息公开工作要点落实情况的函
        各乡镇人民政府,县政府各部门:
        现将有关事项函告如下,请认真落实。
        青禾县人民政府办公室
        2014年5月6日
        → info (a letter, not an annual report)

    Consistent example:
        青禾县人民政府2014年政府信息公开工作年度报告
        本报告所列数据的统计期限自2014年1月1日起至2014年12月31日止。
        一、概述
        二、主动公开政府信息情况
        三、依申请公开政府信息情况
        青禾县人民政府办公室
        2015年3月10日
        → this rule records no pass verdicts: a report is simply not flagged

    Known exceptions:
        A report whose title was lost in conversion and whose headings are
        non-standard may be flagged; the reason says why.
    """
    if report.is_report:
        return
    span = report.metadata.title_span or (0, min(len(report.text), 40))
    ctx.fail([span], reported=report.metadata.not_report_reason or "")


@rule(
    "GR108",
    name="ordinal-gap",
    family="structure",
    severity="warning",
    message="列举序号跳号:{reported},缺少{expected}",
    message_en="an enumerated list skips a number: {reported_en}, {expected_en} is missing",
    builtin=True,
)
def ordinal_gap(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """An enumeration in running text skips a number (一是…二是…四是…,
    第一…第二…第四…, 1.…2.…4.… or (1)…(2)…(4)…).

    What it does:
        Reads each section's text (its paragraphs joined, line breaks
        removed) and follows runs of clause-initial ordinals: a run starts
        at 一是 (第一, 1., (1)), goes on 二是, 三是 …, and may continue from
        one paragraph to the next within the section.  An arabic item
        number counts only at the start of a line or after the end of a
        clause (:;。), and only before a word ("分别为1、2、4号" is no list).  A number larger than the
        next one is a gap; the evidence is the item after the gap.

    Why it matters:
        A missing item means a point was deleted (or never written) after
        the list was numbered; the reader cannot tell what the third point
        was.

    Example:
        主要问题:一是目录维护滞后;二是图解产品偏少;四是登记台账不完整。
        → warning, expected 三是

    Consistent example:
        主要问题:一是目录维护滞后;二是图解产品偏少;三是登记台账不完整。下一步:一是加强培训;二是完善制度。
        → a new list restarts at 一是

    Known exceptions:
        A run that does not begin at 一是 within the section is not judged,
        and a repeated or smaller number (a nested list, a quotation) is left
        alone.
    """
    for flat in _streams(report):
        runs = 0
        for g in ordinal_gaps(flat):
            end = g.start + 2
            while end < len(flat.text) and end - g.start < 20 and flat.text[end] not in ";；。":
                end += 1
            mk = {
                "是": lambda n: f"{_cn(n)}是",
                "第": lambda n: f"第{_cn(n)}",
                "ar": lambda n: f"{n}.",
                "pa": lambda n: f"({n})",
            }[g.family]
            ctx.fail(
                [flat.span(g.start, end)],
                reported="、".join(mk(n) for n in g.seen),
                expected="、".join(mk(n) for n in g.missing),
                reported_en=" ".join(mk(n) for n in g.seen),
                expected_en=" ".join(mk(n) for n in g.missing),
            )
            runs += 1
        if not runs and "二是" in flat.text and "一是" in flat.text:
            ctx.ok(spans=[flat.span(flat.text.index("一是"), flat.text.index("一是") + 2)], subject="ordinal list")


#: A 存在的主要问题及改进情况 part that says no more than this many
#: statements (sentences and ；-separated items) is thin.
THIN_STATEMENTS = 2
_STATEMENT_END_RE = lazyre.compile(r"[。！？!?；;]+")
_NOTHING_RE = lazyre.compile(r"^(?:暂?无|没有|无此项|本年度无)[。.]?$")


def _statements(text: str) -> list[str]:
    """The statements of a text: its sentences and ；-separated items that
    say something (a few characters of words, not a bare heading)."""
    return [s for s in (p.strip() for p in _STATEMENT_END_RE.split(text)) if len(re.sub(r"\W", "", s)) >= 4]


def _paragraphs_in(paragraphs: Sequence[Paragraph], start: int, end: int) -> Sequence[Paragraph]:
    """The paragraphs that start in [start, end) (paragraphs are in text
    order): a binary search, not a scan per section."""
    return paragraphs[bisect_left(paragraphs, start, key=_P_START) : bisect_left(paragraphs, end, key=_P_START)]


@rule(
    "GR109",
    name="problems-section-thin",
    family="structure",
    severity="warning",
    message="“存在的主要问题及改进情况”{reported}",
    message_en="the part on problems and improvements {reported_en}",
    builtin=True,
)
def problems_section_thin(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The part on problems and improvements (五、存在的主要问题及改进情况)
    is empty, says only "无", or says no more than a sentence or two.

    What it does:
        Takes the body of the part the outline classifies as ``problems``
        (its paragraphs, sub-headings left out) and counts its statements:
        sentences, and items separated by ；.  No text, a bare "无"/"暂无",
        or at most two statements is a finding.  A report without the part
        is GR102's (missing section), not this rule's.

    Why it matters:
        The Regulations ask each report to state its main problems and how
        they were addressed.  An empty or one-line part says nothing an
        oversight body can follow up, year after year; it is the part most
        often left thin.

    Example:
        五、存在的主要问题及改进情况
        无。
        → warning, reported 只写了“无”

    Consistent example:
        五、存在的主要问题及改进情况
        一是部分栏目更新不及时；二是政策解读形式单一；三是依申请公开答复说理不够充分。下一步，我们将加强栏目巡查，丰富解读形式，规范答复文书。

    Known exceptions:
        A part whose problems are given as a table, or only as an
        attachment, reads as thin.
    """
    for sec in report.sections:
        if sec.kind != "problems":
            continue
        paras = [p for p in _paragraphs_in(report.paragraphs, sec.body_start, sec.end) if p.section != "preamble"]
        heads = [(c.start, c.body_start) for c in sec.children]
        body = [p for p in paras if not any(a <= p.start < b for a, b in heads)]
        text = "".join(p.text for p in body).strip()
        span = (sec.start, sec.body_start) if not body else (body[0].start, body[-1].end)
        stmts = _statements(text)
        if not text:
            ctx.fail([span], reported="没有内容", reported_en="is empty", subject="problems section")
        elif _NOTHING_RE.match(re.sub(r"\s", "", text)):
            ctx.fail([span], reported="只写了“无”", reported_en="only says “无”", subject="problems section")
        elif len(stmts) <= THIN_STATEMENTS:
            ctx.fail([span], reported=f"只有{len(stmts)}句话", reported_en=f"says only {len(stmts)} sentence{'s' if len(stmts) != 1 else ''}",
                     expected=f"多于{THIN_STATEMENTS}句", subject="problems section")
        else:
            ctx.ok(spans=[span], subject="problems section")


#: Publication deadlines (month-day of the year after the report's) by
#: issuer kind, under the 2019 Regulations (条例 第四十九条: a department's
#: report by 1月31日, a government's own by 3月31日); ``old``: every report
#: for a year before 2019 (the 2007 Regulations: 3月31日).
DEADLINES = {"department": "01-31", "government": "03-31", "township": "03-31", "other": "03-31", "old": "03-31"}


def _publication_date(report, ctx):  # type: ignore[no-untyped-def]
    """(date, source): from the options' ``dates`` (a CSV the user gave,
    path → ISO date), else the report's own date line or page metadata."""
    import datetime as _dt
    import os

    dates = ctx.options.get("dates") or {}
    if dates and report.path:
        key = os.path.normcase(os.path.abspath(report.path))
        for p, d in dates.items():
            if os.path.normcase(os.path.abspath(p)) == key:
                try:
                    return _dt.date.fromisoformat(str(d)[:10]), "the publication dates file"
                except ValueError:
                    return None, f"unreadable date {d!r} in the publication dates file"
    pub = report.metadata.publication_date
    return (pub, "the report") if pub else (None, "no publication date known")


@rule(
    "GR110",
    name="publication-deadline",
    family="structure",
    severity="warning",
    message="{year}年度报告于{reported}公开,晚于{kind}的公开期限{expected}",
    message_en="the {year} report was published on {reported}, after the deadline for {kind_en} ({expected})",
    options={"deadlines": DEADLINES, "dates": {}},
    builtin=True,
)
def publication_deadline(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The report was published after its legal deadline.

    What it does:
        Compares the publication date — from a CSV of publication dates the
        user supplies in a batch (``gireport audit --publication-dates
        FILE``, columns path and date), else the report's own publication
        line (发布日期/发布时间, or the page's metadata) — with the deadline
        for its issuer: a department's report by 1月31日 of the next year, a
        government's own report (and a township's) by 3月31日 (条例 第四十九条);
        a report for a year before 2019 by 3月31日.  The deadlines are the
        rule's ``deadlines`` option (issuer kind → month-day).  Without a
        publication date the report is untestable, never on time.

    Why it matters:
        The Regulations set the deadline so that the public can read last
        year's report in the first quarter; a late report is a finding of
        the oversight body's own checklist.

    Example:
        本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
        发布日期:2022-05-10
        → warning, reported 2022-05-10, expected 2022-03-31 (a government's report)

    Consistent example:
        本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
        发布日期:2022-03-25

    Known exceptions:
        A page's date may be that of a later re-posting, not of the first
        publication; give the dates file then.
    """
    import datetime as _dt

    md = report.metadata
    if not md.is_report:
        return  # not an annual report (GR107): no deadline applies
    if md.year is None:
        ctx.untestable("report year unknown", subject="publication deadline")
        return
    pub, source = _publication_date(report, ctx)
    if pub is None:
        ctx.untestable(source, subject="publication deadline")
        return
    deadlines = {**DEADLINES, **(ctx.options.get("deadlines") or {})}
    kind = "old" if md.year < 2019 else _issuer_of_report(md)
    month, day = (int(x) for x in str(deadlines.get(kind, deadlines["other"])).split("-"))
    due = _dt.date(md.year + 1, month, day)
    span = _date_span(report, pub)
    if pub <= due:
        ctx.ok(spans=[span], subject="publication deadline", reading=f"published {pub.isoformat()} ({source}), due {due.isoformat()}")
        return
    names = {"department": ("部门", "a department"), "government": ("政府", "a government"), "township": ("乡镇", "a township"), "other": ("报告", "a report"),
             "old": ("2019年以前年度报告", "a report for a year before 2019")}
    zh, en = names.get(kind, names["other"])
    ctx.fail([span], reported=pub.isoformat(), expected=due.isoformat(), year=md.year, kind=zh, kind_en=en,
             reading=f"publication date from {source}", subject="publication deadline")


_GOV_TITLE_RE = lazyre.compile(r"(?:人民政府|(?<!部门)政府|管委会|管理委员会)\s*(?:\d{4}|[〇一二三四五六七八九零○]{4})\s*年")


def _issuer_of_report(md):  # type: ignore[no-untyped-def]
    """Whose report it is: a title naming a government (青禾县人民政府2021年…)
    makes it the government's own report, even when its office signs it."""
    if md.title and _GOV_TITLE_RE.search(md.title) and md.issuer_kind != "township":
        return "government"
    return md.issuer_kind


def _date_span(report, pub):  # type: ignore[no-untyped-def]
    """Where the publication date is printed (the title when it is not)."""
    text = report.text
    for form in (pub.isoformat(), f"{pub.year}年{pub.month}月{pub.day}日", f"{pub.year}-{pub.month}-{pub.day}", f"{pub.year}/{pub.month:02d}/{pub.day:02d}"):
        i = text.find(form)
        if i >= 0:
            return (i, i + len(form))
    return (0, min(len(text), 30))
