"""The narrative against the old statistics table (GR636).

Old-template reports of 2014–2018 print the 政府信息公开情况统计表 and restate
its headline figures in their prose: the information published (主动公开政府
信息数), the applications received and by channel (收到申请数, 当面申请数 …),
the reviews and lawsuits (行政复议数量, 行政诉讼数量).  The restatements are a
small catalogue (:data:`RESTATEMENTS`): for each, the words that end right
before the number and the table row it restates."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..registry import rule
from ._claims_common import sub_period
from .tables_narrative import _sentence_before
from ... import lazyre


@dataclass(frozen=True)
class Restatement:
    """A narrative statement that restates one row of the statistics table."""

    what: str  # Chinese name, for the message
    what_en: str
    #: the words right before the number (anchored at the number)
    pattern: re.Pattern[str]
    #: the row keys of the old statistics table that print the figure (the
    #: 2014–2018 form's label first, then the labels of earlier local forms)
    rows: tuple[str, ...]
    units: tuple[str, ...]
    #: whether the statement is about applications (or reviews and lawsuits):
    #: then it must stand in the part on applications, reviews and lawsuits or
    #: name 信息公开 in its sentence (审批 windows also 受理申请)
    on_request: bool = True
    #: an answer of a kind (同意公开 …): its words are those the scope test
    #: otherwise reads as a subset, so the pattern must cover the whole
    #: clause (anchored at its start too) and the scope test is skipped
    outcome: bool = False


_LEAD = r"(?:全年|本年度?|今年|\d{4}年度?)?(?:[,，]?(?:我|本)(?:县|区|市|局|委|办|镇|乡|街道|厅|府)?)?(?:共|累计共?|总共)?"
_TAIL = r"(?:共计|共|总计|合计)?(?:为|达到?)?$"

def _answer(what: str, what_en: str, words: str, row: str) -> Restatement:
    """The restatement of one kind of answer ("同意公开20件"): its words must
    make the whole clause (see ``Restatement.outcome``)."""
    pattern = lazyre.compile(r"^" + _LEAD + words + r"(?:答复)?(?:的)?(?:申请)?" + _TAIL)
    return Restatement(what, what_en, pattern, (row,), ("件", "份", "条", "个"), outcome=True)


RESTATEMENTS: tuple[Restatement, ...] = (
    Restatement(
        "主动公开政府信息",
        "information published proactively",
        lazyre.compile(_LEAD + r"主动公开(?:各类)?(?:政府)?信息" + _TAIL),
        ("主动公开政府信息数", "主动公开信息数", "主动公开文件数"),
        ("条", "件"),
        on_request=False,
    ),
    Restatement(
        "收到申请",
        "applications received",
        lazyre.compile(_LEAD + r"(?:收到|受理|接收|接到)(?:各类)?(?:政府信息公开|依申请公开)?申请" + _TAIL),
        ("收到申请数", "受理依申请公开信息总数", "受理政府信息依申请公开总数"),
        ("件", "份", "条", "个"),
    ),
    Restatement("当面申请", "applications in person", lazyre.compile(r"当面(?:提出)?申请(?:的)?" + _TAIL), ("当面申请数",), ("件", "份", "条", "个")),
    Restatement("网络申请", "applications online", lazyre.compile(r"(?:网络|网上)(?:提出)?申请(?:的)?" + _TAIL), ("网络申请数", "网上申请数"), ("件", "份", "条", "个")),
    Restatement("信函申请", "applications by letter", lazyre.compile(r"信函(?:提出)?申请(?:的)?" + _TAIL), ("信函申请数",), ("件", "份", "条", "个")),
    Restatement("传真申请", "applications by fax", lazyre.compile(r"传真(?:提出)?申请(?:的)?" + _TAIL), ("传真申请数",), ("件", "份", "条", "个")),
    _answer("同意公开", "applications granted", r"(?:同意|予以)(?:全部)?公开", "同意公开答复数"),
    _answer("同意部分公开", "applications granted in part", r"(?:同意|予以)?部分公开", "同意部分公开答复数"),
    _answer("不同意公开", "applications refused", r"(?:不同意|不予)公开", "不同意公开答复数"),
    Restatement(
        "行政复议",
        "administrative reviews",
        lazyre.compile(r"(?:被申请|提起|收到|发生)?(?:政府信息公开)?行政复议(?:申请|案件)?" + _TAIL),
        ("行政复议数量", "行政复议数"),
        ("件", "起", "宗", "个"),
    ),
    Restatement(
        "行政诉讼",
        "lawsuits",
        lazyre.compile(r"(?:被提起|提起|发生)?(?:政府信息公开)?行政诉讼(?:案件)?" + _TAIL),
        ("行政诉讼数量", "行政诉讼数"),
        ("件", "起", "宗", "个"),
    ),
)

#: A clause about another time, a part of the organ or a subset is no
#: restatement of the year's table figure (read on the number's own clause,
#: so that a sentence may name the units that did the work earlier).
_OTHER_SCOPE_RE = lazyre.compile(
    r"上年|去年|同比|较|相比|比\d|历年|以来|累计至|截至|其中|本级|各(?:部门|单位|乡镇|街道)|部门|乡镇|街道|下属|所属|直属|县直|区直|市直"
    r"|网站|微博|微信|公报|政务公开栏|新闻发布|解读|回应|不予|同意|部分|涉及|办结|答复|维持|纠错|纠正|驳回|审结"
)


_REQUEST_PARTS = ("on_request", "review_litigation")


def _clause_before(text: str, start: int) -> str:
    """The clause a number ends: back to the last clause punctuation."""
    return re.split(r"[,，。;；:：、()（）\n]", text[max(0, start - 40) : start])[-1]


@rule(
    "GR636",
    name="narrative-vs-statistics-table",
    family="tables",
    severity="warning",
    message="正文称{what}{reported},统计表为{expected}",
    message_en="the text says {what_en} {reported}, but the statistics table has {expected}",
    builtin=True,
)
def narrative_vs_statistics_table(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A headline figure of the narrative disagrees with the old statistics table.

    What it does:
        In an old-template report (2014–2018) with a 政府信息公开情况统计表,
        compares the narrative's restatements of the table — information
        published proactively (主动公开政府信息N条), applications received
        (收到申请N件) and by channel (当面/网络/信函/传真申请N件), the
        answers of each kind (同意公开/同意部分公开/不同意公开N件), reviews
        (行政复议N件) and lawsuits (行政诉讼N件) — with the table's rows
        (主动公开政府信息数, 收到申请数, 当面申请数 …, 同意公开答复数 …,
        行政复议数量, 行政诉讼数量; or the labels of the earlier local forms,
        主动公开信息数, 受理依申请公开信息总数, 网上申请数, 行政复议数 …).

    Why it matters:
        The table and the prose are two printings of one year's figures; a
        difference means one of them is wrong (a digit transposed, last
        year's figure left in the text).

    Example:
        全年共主动公开政府信息5826条。
        | (一)主动公开政府信息数 | 条 | 5862 |
        → warning, reported 5826条, expected 5862

    Consistent example:
        全年共主动公开政府信息5862条。
        | (一)主动公开政府信息数 | 条 | 5862 |

    Known exceptions:
        A count of part of the year (上半年, 第一季度, 3月份, 1至6月) is no
        restatement of the year's figure, unless its own clause says 全年.
        Only clauses whose words end right on the number count, and
        applications only in the part on applications, reviews and lawsuits
        or in a sentence naming 信息公开 (an approval hall also 受理申请); a clause
        about last year (上年, 同比, 较…), a period (累计至, 截至), a part of
        the organ (本级, 各部门, 乡镇 …), a subset (其中, 网站, 涉及 …) or an
        outcome (同意, 不予, 办结) is no restatement, except a clause that is
        only the answer itself ("同意公开20件", "全年不予公开3件").  The scope of a
        restatement is inferred from its words, so a difference is a
        warning.  An approximate number (约, 余) or a blank or ambiguous row
        is not compared.
    """
    if report.template.name != "old":
        return
    t = report.table("old_stats")
    if t is None or t.ambiguous:
        return
    text = report.text
    tables = [(b.start, b.end) for b in report.document.blocks if b.kind == "table"]
    for n in report.claims.found:
        if not _prose_count(report, n, tables):
            continue
        r = _restatement(report, text, n)
        if r is not None:
            _compare_with_row(ctx, t, r, n)


def _prose_count(report, n, tables: list[tuple[int, int]]) -> bool:  # type: ignore[no-untyped-def]
    """Whether the number ``n`` is an exact count of the prose (not in the
    statistics part or a table), which a restatement may print."""
    if not n.is_quantity or n.approx is not None or n.kind not in ("count", "number"):
        return False
    return report.outline.kind_at(n.start) != "statistics" and not any(s <= n.start < e for s, e in tables)


def _restatement(report, text: str, n) -> Restatement | None:  # type: ignore[no-untyped-def]
    """The restatement the clause ending at ``n`` makes, or None: the first
    of :data:`RESTATEMENTS` whose words and unit fit decides, and it is no
    restatement when it speaks of another scope, a part (其中) or a part of
    the year, or of applications outside their part of the report without
    naming 信息公开."""
    clause = _clause_before(text, n.start)
    r = next((r for r in RESTATEMENTS if n.unit in r.units and r.pattern.search(clause)), None)
    if r is None:
        return None
    sentence = _sentence_before(text, n.start)
    if (not r.outcome and _OTHER_SCOPE_RE.search(clause)) or sentence.startswith("其中") or sub_period(sentence, clause):
        return None  # another scope, a part, or a part of the year
    if r.on_request and report.outline.kind_at(n.start) not in _REQUEST_PARTS and "信息公开" not in sentence:
        return None
    return r


def _compare_with_row(ctx, t, r: Restatement, n) -> None:  # type: ignore[no-untyped-def]
    """Compare the restated number ``n`` with its row of the statistics
    table ``t`` (the first of ``r.rows`` with a value): ok, a failure, or
    untestable when the row has no numeric value."""
    row = next((k for k in r.rows if t.get(k, "value") is not None), r.rows[0])
    cell = t.get(row, "value")
    span = (n.start, n.end)
    subject = f"统计表 {row}"
    if cell is None or cell.numeric is None:
        ctx.untestable("the statistics table has no value for this row", spans=[span], subject=subject)
        return
    cell_spans = [(cell.start, cell.end)] if cell.end > cell.start else []
    if cell.numeric == n.value:
        ctx.ok(spans=[span, *cell_spans], subject=subject)
        return
    ctx.fail([span, *cell_spans], reported=n.text, expected=cell.text, what=r.what, what_en=r.what_en, subject=subject)
