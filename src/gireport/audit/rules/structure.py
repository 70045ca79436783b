"""Structure rules (family ``structure``, GR1xx): the declared outline,
required sections and their order, heading numbering, cut-off statements,
years, and documents that are not annual reports."""

from __future__ import annotations

import regex as re

from ...structure import classify
from ..registry import rule


# Patterns used in loops, compiled once.
_RX0 = re.compile(r"统计表|指标名称|计量单位")
_RX1 = re.compile(r"[。,，;；]")
_RX2 = re.compile(r"[^。;；!?！？]+(?=[。;；!?！？]|$)")
_RX3 = re.compile(r"现(?:予)?公布(?P<y>(?:19|20)\d{2})年度?")


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
        本报告由概述、主动公开政府信息情况、…等五个部分组成 (followed by six parts)

    Consistent example:
        本报告由“基本工作情况”、…、“2014年重点工作安排”等七个部分组成 (seven parts, same names)

    Known exceptions:
        An appended statistics table counted as a part may have no heading of
        its own; the rule still reports the mismatch, as a warning.
    """
    d = report.metadata.declared
    if d is None:
        return
    secs = report.sections
    span = [(d.start, d.end)]
    n_secs = len(secs)
    # An attached statistics table counts as the last part even without a
    # heading of its own.
    table_part = False
    if d.names and classify(d.names[-1]) == "statistics" and "statistics" not in [s.kind for s in secs] and secs:
        tail = report.text[secs[-1].start :]
        if report.document.tables or _RX0.search(tail):
            n_secs += 1
            table_part = True
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
            expected_en=f"it names only {len(d.names)}",
        )
        return
    if d.names:
        declared_kinds = [classify(n) for n in d.names]
        actual = [s.kind for s in secs] + (["statistics"] if table_part else [])
        missing = [n for n, k in zip(d.names, declared_kinds) if k != "unknown" and k not in actual]
        extra = [s.heading for s in secs if s.kind != "unknown" and s.kind not in declared_kinds and not s.implied]
        if missing or extra:
            ctx.fail(
                span,
                reported="、".join(d.names),
                expected=";".join(x for x in (("缺少" + "、".join(missing)) if missing else "", ("多出" + "、".join(extra)) if extra else "") if x),
                reported_en=f"the parts {', '.join(d.names)}",
                expected_en=(f"no section for {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "") + (f"undeclared {', '.join(extra)}" if extra else ""),
            )
            return
    ctx.ok()


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
        存在的主要问题): a missing one is reported as info, because many old
        reports covered fees and reviews in an attached statistics table.

    Why it matters:
        Art. 32 (2007) and Art. 50 (2019) fix what an annual report must
        contain; a missing part is a reportable omission.

    Example:
        A 2021 report whose headings run 一、总体情况 … 四、… 六、 with no 五

    Consistent example:
        一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项

    Known exceptions:
        Old reports that fold fees or reviews into another part, or state them
        in the statistics table (reported as info only).
    """
    if not report.is_report or not report.sections:
        return
    t = report.template.name
    kinds = set(report.section_kinds)
    if t == "old":
        required, sev = REQUIRED_OLD, "info"
    else:
        required, sev = REQUIRED_NEW, "warning"
    for k in required:
        if k in kinds:
            ctx.ok()
            continue
        ctx.fail(
            [(report.sections[0].start, report.sections[0].body_start)],
            severity=sev,
            reported=KIND_ZH.get(k, k),
            reported_en=k,
            template=t,
        )


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
        五、其他需要报告的事项 before 六、存在的主要问题及改进情况

    Consistent example:
        The six parts in the template's order.

    Known exceptions:
        Old-template reports reorder freely (not checked).
    """
    if report.template.name == "old":
        return
    order = [k for k in report.section_kinds if k in REQUIRED_NEW]
    expect = [k for k in REQUIRED_NEW if k in order]
    if order == expect:
        ctx.ok()
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
        (四)公开的形式 1、网上公开 2、公共查阅点 3、公开的及时性 6、财政预算、决算公开情况

    Consistent example:
        1、… 2、… 3、… 4、…

    Known exceptions:
        Headings the parser could not see (lost in PDF conversion) look like
        gaps; the outline notes say where a part was inferred.
    """

    def check(siblings, parent: str) -> None:  # type: ignore[no-untyped-def]
        printed = [s for s in siblings if not s.implied and s.number is not None]
        if len(printed) >= 2:
            nums = [s.number for s in printed]
            problems = []
            spans = []
            for a, b in zip(printed, printed[1:]):
                if b.number == a.number + 1:
                    continue
                if b.number == 1 and a.number > 1:
                    continue  # a new list restarts at 1 (checked by its own parent)
                problems.append((a, b))
                spans += [(a.start, a.body_start), (b.start, b.body_start)]
            if problems:
                a, b = problems[0]
                kind = "repeats" if b.number <= a.number else "skips"
                ctx.fail(
                    spans,
                    reported=("重复" if kind == "repeats" else "跳号") + f" {a.marker}→{b.marker}",
                    reported_en=f"{kind} {a.marker} → {b.marker}",
                    detail="、".join(str(n) for n in nums),
                    detail_en=", ".join(str(n) for n in nums),
                    expected=f"{a.number + 1}",
                    parent=parent,
                )
            else:
                ctx.ok()
        for s in siblings:
            check(s.children, s.heading or "(未标题部分)")

    check(report.sections, "正文")


_CUTOFF_RE = re.compile(
    r"(?:截止日期|截至日期|截止时间|统计期限|统计时间|数据截止|截止|截至|共计|合计|数为|期限为|日期为|为|是|达|自|至)[::]?$"
)


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
    """A statement stops before its value ("所列数据截止日期为" and nothing).

    What it does:
        Finds paragraphs and sentences that end on a word that must be
        followed by a value (截止日期为, 共计, 为, 达 …) with no value after it.

    Why it matters:
        A blank left in a template and never filled in; the value the reader
        needs (often the data period) is missing.

    Example:
        ……等七个部分组成,所列数据截止日期为

    Consistent example:
        所列数据统计期限自2013年1月1日起至2013年12月31日止。

    Known exceptions:
        None known: a sentence does not end on 为 in Chinese.
    """
    text = report.text
    for p in report.paragraphs:
        if not _RX1.search(p.text):
            continue  # a label line left from a flattened table, not a statement
        for m in _RX2.finditer(p.text):
            seg = m.group().rstrip(" ,，")
            end_pos = p.start + m.start() + len(seg)
            after = text[end_pos : end_pos + 1]
            if _CUTOFF_RE.search(seg) and len(seg) >= 4 and (after in ("", "\n") or after in "。;；"):
                tail = re.split(r"[,，:：、]", seg)[-1][-24:]
                ctx.fail([(end_pos - len(tail), end_pos)], reported=tail)


_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


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
        signature date to fall after the end of the report year.

    Why it matters:
        A wrong year usually means last year's report was reused and not
        fully updated.

    Example:
        2013年政府信息公开工作年度报告 … 本报告所列数据的统计期限自2012年1月1日起至2012年12月31日止

    Consistent example:
        The title, the period and the signature (2014年1月10日) agree.

    Known exceptions:
        A plain reference to an earlier year ("与2012年相比") is not a
        mismatch and is not checked.
    """
    md = report.metadata
    year = md.year
    if year is None or md.title is None:
        return
    tyear = _YEAR_RE.search(md.title)
    title_year = int(tyear.group(1)) if tyear else None
    if md.period_start and md.period_span:
        for d in (md.period_start, md.period_end):
            if d is not None and d.year != (title_year or year):
                ctx.fail([md.period_span], reported=str(d.year), expected=str(title_year or year), shown=f"{d.year}年", year=title_year or year, what="统计期限", what_en="the data period", hint="", hint_en="")
                break
        else:
            ctx.ok()
    if md.signature_date and md.signature_span:
        if md.signature_date.year <= year:
            ctx.fail([md.signature_span], reported=md.signature_date.isoformat(), expected=f"{year + 1}-01-01", shown=md.signature_date.isoformat(), year=year, what="落款日期", what_en="the signature date", hint=f"(应在{year + 1}年或以后)", hint_en=f" (it should be in {year + 1} or later)")
        else:
            ctx.ok()
    m = _RX3.search(report.text[:3000])
    if m and int(m.group("y")) != year:
        ctx.fail([(m.start(), m.end())], reported=m.group("y"), expected=str(year), shown=f"{m.group('y')}年", year=year, what="前言所称年度", what_en="the year named in the preamble", hint="", hint_en="")


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

    Consistent example:
        平潭综合实验区2021年度政府信息公开工作年度报告

    Known exceptions:
        A report whose title was lost in conversion and whose headings are
        non-standard may be flagged; the reason says why.
    """
    if report.is_report:
        return
    span = report.metadata.title_span or (0, min(len(report.text), 40))
    ctx.fail([span], reported=report.metadata.not_report_reason or "")
