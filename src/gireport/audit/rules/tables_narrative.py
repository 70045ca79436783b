"""Table rules (family ``tables``, GR63x): the narrative against the
standard tables — numbers restated from a cell, percentages of the
applications, and qualitative statements (均获维持, 均已办结) that the tables
contradict.

A blank total is never read as 0: a restatement is compared with the sum of
the total's printed parts (and says so), or is untestable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import regex as re

from ...tables import APP_COLUMNS, APP_ROWS_2019, APP_ROWS_2021, REVIEW_BLOCKS, StandardTable
from ...tables.model import REVIEW_BLOCK_LABELS
from ...tables.text import PROACTIVE_COLUMN_LABELS
from ..registry import rule
from ._claims_common import sub_period
from .tables import _ROW_LABELS, _RX3, _RX4, _RX5, _RX6, _RX7, _app, _n, _total
from ... import lazyre

# --- narrative against tables ----------------------------------------------
# Statements that restate a cell of the applications table: the pattern must
# end right before the number (only a noun or a cue word between).
_NARRATIVE_PATTERNS = [
    ("applications received", "收到申请", lazyre.compile(r"(?:共|全年|本年度?|今年)?(?:收到|受理|接收|新收)(?:各类)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共计|共|合计)?$"), ("new", "new+carry_in")),
    ("applications processed", "办结", lazyre.compile(r"(?:共|全年|依法依规|及时)?(?:办结|办理完毕|办理完成)(?:依申请公开|政府信息公开)?(?:申请)?(?:共计|共)?$"), ("processed_total",)),
    ("carried into next year", "结转下年度", lazyre.compile(r"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:的)?$"), ("carry_out",)),
    ("carried over from last year", "上年结转", lazyre.compile(r"上年(?:度)?结转(?:申请)?$"), ("carry_in",)),
    ("granted in full or in part", "予以公开及部分公开", lazyre.compile(r"予以公开(?:及|和|、)部分公开$"), ("granted+partial",)),
    # a sub-row named by its reason, before the group it belongs to
    ("not held by this organ", "本机关不掌握相关政府信息", lazyre.compile(r"不掌握(?:相关)?(?:政府)?信息(?:的)?(?:而)?(?:无法提供)?(?:的)?(?:申请)?$"), ("unable.not_held",)),
    ("would need to be created", "没有现成信息需要另行制作", lazyre.compile(r"(?:另行制作|没有现成信息)(?:的)?(?:而)?(?:无法提供)?(?:的)?$"), ("unable.needs_creation",)),
    ("state secrets", "属于国家秘密", lazyre.compile(r"国家秘密(?:的)?(?:而)?(?:不予公开)?(?:的)?$"), ("denied.state_secret",)),
    ("third-party rights", "保护第三方合法权益", lazyre.compile(r"第三方合法权益(?:的)?(?:而)?(?:不予公开)?(?:的)?$"), ("denied.third_party",)),
    ("process information", "属于四类过程性信息", lazyre.compile(r"过程性信息(?:的)?(?:而)?(?:不予公开)?(?:的)?$"), ("denied.process_info",)),
    ("petitions and complaints", "信访举报投诉类申请", lazyre.compile(r"信访举报投诉类?(?:申请)?(?:的)?(?:而)?(?:不予处理)?(?:的)?$"), ("not_processed.petition",)),
    ("repeated applications", "重复申请", lazyre.compile(r"重复申请(?:的)?(?:而)?(?:不予处理)?(?:的)?$"), ("not_processed.repeat",)),
    ("granted", "予以公开", lazyre.compile(r"(?<![不及和、])予以公开(?:的)?(?:申请)?$"), ("granted",)),
    ("granted in part", "部分公开", lazyre.compile(r"(?<![及和、])部分公开(?:的)?$"), ("partial",)),
    ("refused", "不予公开", lazyre.compile(r"不予公开(?:的)?$"), ("denied.*",)),
    ("not provided (无法提供)", "无法提供", lazyre.compile(r"无法提供(?:的)?$"), ("unable.*",)),
    ("not processed", "不予处理", lazyre.compile(r"不予处理(?:的)?$"), ("not_processed.*",)),
    ("otherwise handled", "其他处理", lazyre.compile(r"其他处理(?:的)?$"), ("other*",)),
]
#: Applicant kinds restated from the 本年新收 row.
_APPLICANT_PATTERNS = [
    ("applications by natural persons", "自然人申请", lazyre.compile(r"(?:来自)?自然人(?:提出)?(?:的)?(?:申请)?(?:共)?$"), ("new:natural", "new+carry_in:natural")),
    ("applications by legal persons and other organisations", "法人或其他组织申请", lazyre.compile(r"(?:来自)?法人(?:或|和|及)其他组织(?:提出)?(?:的)?(?:申请)?(?:共)?$"), ("new:orgs", "new+carry_in:orgs")),
]
#: Table 2 (主动公开) restatements: (what, zh, pattern, row, columns by layout).
#: Several columns are readings of one statement (新制作并公开 is the made and
#: the newly published count); the statement fails only when none matches.
_MADE = r"(?:本年(?:度)?|全年|今年)?(?:新)?(?:制发|印发|出台|制定|制作)"
_PROACTIVE_PATTERNS = [
    ("normative documents made and published", "制作并公开规范性文件", lazyre.compile(_MADE + r"(?:了)?(?:并|和|及)(?:公开|发布|对外公开)(?:了)?(?:的)?(?:行政)?规范性文件(?:共计|共)?$"), "normative_docs", {"2021": ("made",), "2019": ("new_made", "new_published")}),
    ("normative documents made", "制发规范性文件", lazyre.compile(_MADE + r"(?:了)?(?:的)?(?:行政)?规范性文件(?:共计|共)?$"), "normative_docs", {"2021": ("made",), "2019": ("new_made",)}),
    ("normative documents newly published", "新公开规范性文件", lazyre.compile(r"(?:本年(?:度)?|全年|今年)?新(?:公开|发布)(?:了)?(?:的)?(?:行政)?规范性文件(?:共计|共)?$"), "normative_docs", {"2019": ("new_published",)}),
    ("normative documents published in total", "对外公开规范性文件总数", lazyre.compile(r"对外公开(?:的)?(?:行政)?规范性文件(?:总数|总量|数量)(?:为|共计|共|达)?$"), "normative_docs", {"2019": ("total_published",)}),
    ("licensing decisions", "行政许可决定", lazyre.compile(r"(?:作出|办理)?行政许可(?:处理)?决定(?:共)?$"), "licensing", {"2021": ("decisions",), "2019": ("decisions",)}),
    ("penalty decisions", "行政处罚决定", lazyre.compile(r"(?:作出|办理)?行政处罚(?:处理)?决定(?:共)?$"), "penalty", {"2021": ("decisions",), "2019": ("decisions",)}),
    ("coercion decisions", "行政强制决定", lazyre.compile(r"(?:作出|办理)?行政强制(?:处理)?决定(?:共)?$"), "coercion", {"2021": ("decisions",), "2019": ("decisions",)}),
]
#: Table 4 outcomes restated for one kind of case.
_REVIEW_FIELD_PATTERNS = [
    ("upheld", "结果维持", lazyre.compile(r"(?:结果)?(?:被|予以|获)?维持(?:原(?:行政行为|答复|决定))?(?:的)?$")),
    ("corrected", "结果纠正", lazyre.compile(r"(?:结果)?(?:被)?(?:纠正|纠错)(?:的)?$")),
    ("pending", "尚未审结", lazyre.compile(r"(?:尚未审结|尚在审理中?|正在审理中?)(?:的)?$")),
]
#: Clauses about a part or another scope of the applications are not restatements.
_NOT_RESTATEMENT_RE = lazyre.compile(r"其中|通过|网络|网上|信函|当面|传真|邮寄|电子邮件|代表|涉及|自然人|企业|法人|同比|比去年|上年度?(?!结转)")
#: A sentence that narrows the applications to a subset (channel, applicant,
#: subject) before its 其中: the parts are not the table's rows.
_SUBSET_RE = lazyre.compile(r"通过|网络|网上|信函|当面|传真|邮寄|电子邮件|代表|涉及|自然人|企业|法人|复议|诉讼|上年结转的|去年同期")
_APPLICANT_SCOPE_RE = lazyre.compile(r"通过|网络|网上|信函|当面|传真|邮寄|电子邮件|办结|答复|予以公开|复议|诉讼|涉及")
_ORG_COLUMNS = APP_COLUMNS[1:-1]
#: A sentence whose subject is a part of the organ (本级, its departments,
#: townships, subordinate units): its counts are not the table's totals.
_SUB_UNIT_RE = lazyre.compile(
    r"本级|(?:各|所属|下属|直属|二级|基层)\p{Han}{0,4}?(?:部门|单位|乡镇|街道|镇|乡|社区|村|机构|学校|医院|分局)"
    r"|(?:县|区|市|州|旗|省)直(?:各)?(?:部门|单位|机关)|(?<![本我全])乡镇|成员单位|(?:部门|单位)(?:和|及|、)"
)
#: The subject of a sentence that names an office or department (not a
#: prepositional phrase: 在局网站…, 通过…).
_ORGAN_SUBJECT_RE = lazyre.compile(
    r"^(?:\d{4}年度?|全年|本年度?|今年|其中|此外|另外|同时)?[,，、]?"
    r"(?P<org>(?![在通向从对经由于以按依据将把被为给跟与和])\p{Han}{1,14}?(?:办公室|办公厅|政府办|局|委员会|委|中心|分局|管理处))"
)
_SELF_ORGAN_RE = lazyre.compile(r"^(?:本|我)|网站|门户|平台|专栏|栏目")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _sub_unit(sent: str, agency: str | None) -> bool:
    """The sentence speaks of a part of the organ: 本级, 各部门, 乡镇,
    下属单位, or a named office that is not the reporting organ itself (an
    abbreviation of the organ's name — its characters in order — is the
    organ)."""
    if _SUB_UNIT_RE.search(sent):
        return True
    mo = _ORGAN_SUBJECT_RE.search(sent)
    if mo is None or not agency:
        return False
    org = mo.group("org")
    if _SELF_ORGAN_RE.search(org) or re.search(r"^(?:全年|本年|今年)|在|通过|经由", org):
        return False
    me = re.sub(r"\s+|人民", "", agency)
    return not _is_subsequence(re.sub(r"人民", "", org), me)


_READING_LABELS = {
    "new": "本年新收",
    "new+carry_in": "新收+上年结转",
    "processed_total": "办理结果总计",
    "carry_out": "结转下年度",
    "carry_in": "上年结转",
    "granted": "予以公开",
    "granted+partial": "予以公开+部分公开",
    "partial": "部分公开",
    "denied.*": "不予公开(合计)",
    "unable.*": "无法提供(合计)",
    "not_processed.*": "不予处理(合计)",
    "other*": "其他处理(合计)",
    "unable.not_held": "无法提供·本机关不掌握",
    "unable.needs_creation": "无法提供·需另行制作",
    "denied.state_secret": "不予公开·国家秘密",
    "denied.third_party": "不予公开·第三方合法权益",
    "denied.process_info": "不予公开·过程性信息",
    "not_processed.petition": "不予处理·信访举报投诉",
    "not_processed.repeat": "不予处理·重复申请",
    "new:natural": "本年新收·自然人",
    "new+carry_in:natural": "新收+上年结转·自然人",
    "new:orgs": "本年新收·法人或其他组织",
    "new+carry_in:orgs": "新收+上年结转·法人或其他组织",
}
_GROUP_ZH = {"denied": "不予公开", "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}
for _k, _label, _ in APP_ROWS_2021:  # every sub-row: "不予公开·属于行政查询事项"
    if "." in _k and _k not in _READING_LABELS:
        _READING_LABELS[_k] = _GROUP_ZH[_k.partition(".")[0]] + "·" + re.sub(r"^.*?\d[.、]", "", _label)


#: The groups of Table 3 whose rows are reasons, by the words that name the
#: group in the narrative (不再处理 is the wording of the 2021 其他处理 rows).
_REASON_GROUPS = (
    ("denied", "不予公开", lazyre.compile(r"不予(?:以)?公开")),
    ("unable", "无法提供", lazyre.compile(r"无法提供|不能提供")),
    ("not_processed", "不予处理", lazyre.compile(r"不予(?:以)?处理")),
    ("other", "其他处理", lazyre.compile(r"其他处理|其它处理|不再处理")),
)
#: Every sub-row of those groups (2019 and 2021 forms) by the distinctive core
#: words of its reason — the form's label and its usual paraphrases
#: (涉及第三方合法权益, 商业秘密, 个人隐私 for 4.保护第三方合法权益; 查询类事项
#: for 8.属于行政查询事项) — as (row key, core words read inside a reason
#: phrase that ends in the group's word, the label phrase that may end a
#: clause by itself: 本机关不掌握相关政府信息的N件 — a label that also names
#: other things, 执法案卷 (案卷评查) or 收费通知 (notices issued), only with
#: 属于 or the form's wording).
_SUBROW_WORDS = (
    ("denied.state_secret", r"国家秘密|国家机密|涉密", r"国家秘密|国家机密"),
    ("denied.law_prohibited", r"禁止公开|(?:法律|法规)\p{Han}{0,6}?禁止", r"(?:法律|法规)\p{Han}{0,6}?禁止公开"),
    ("denied.security_stability", r"三安全一稳定|危及|(?:国家|公共|经济)安全|社会稳定", r"三安全一稳定[”\"’']?"),
    ("denied.third_party", r"第三方|商业秘密|个人隐私|合法权益", r"第三方(?:的)?(?:合法)?权益"),
    ("denied.internal_affairs", r"内部事务|内部管理|人事管理|后勤管理|内部工作流程", r"内部事务(?:信息)?"),
    ("denied.process_info", r"过程性|讨论记录|过程稿|磋商信函|请示报告", r"过程性信息"),
    ("denied.enforcement_file", r"执法案卷|案卷", r"属于(?:行政)?执法案卷(?:信息)?"),
    ("denied.admin_query", r"查询(?:类|性)?事项|行政查询|查询类|(?:可|能|自行)\p{Han}{0,10}?查询", r"属于(?:行政)?查询(?:类)?事项"),
    ("unable.not_held", r"不掌握|未掌握|没有掌握|不存在|非本机关|不属于本(?:机关|单位|部门)", r"不掌握(?:相关)?(?:的)?(?:政府)?信息"),
    ("unable.needs_creation", r"另行制作|现成|重新制作|加工|汇总", r"另行制作|没有现成信息"),
    ("unable.unclear", r"不明确|补正后|不清楚", r"仍不明确"),
    ("not_processed.petition", r"信访|举报|投诉", r"信访举报投诉类?(?:申请)?"),
    ("not_processed.repeat", r"重复", r"重复申请"),
    ("not_processed.publication", r"出版物", r"公开出版物"),
    ("not_processed.mass_repeat", r"大量|反复", r"大量反复申请"),
    ("not_processed.reconfirm", r"确认或重新出具|重新出具|要求\p{Han}{0,6}?确认|确认已获取", r"确认或重新出具\p{Han}{0,8}|重新出具已获取信息"),
    ("other.no_correction", r"补正", r"逾期(?:不|未)补正"),
    ("other.fee_unpaid", r"缴纳|缴费|交纳|交费|收费|费用", r"未按收费通知(?:要求)?(?:缴纳|交纳)费用|逾期未(?:缴纳|交纳|缴|交)费(?:用)?"),
)
_SUBROW_CORE = {k: lazyre.compile(core) for k, core, _ in _SUBROW_WORDS}
_SUBROW_LABEL_END = {k: lazyre.compile(r"(?:" + label + r")$") for k, _, label in _SUBROW_WORDS}
#: Words between a count and the reason or group word it follows
#: ("…不予公开的共", "…无法提供的申请").
_REASON_TAIL_RE = lazyre.compile(r"(?:的)?(?:其)?(?:政府信息公开|依申请公开)?(?:申请)?(?:的)?(?:共计|合计|共|为|有)?$")
#: Words between the reason and the group word ("…而决定不予公开").
_REASON_LINK_RE = lazyre.compile(r"(?:的|而|故|均|依法|决定|被|予以|作出?|给予|按|为由|之由|的原因|原因)*$")
#: Words that introduce a reason: a reason phrase without a known sub-row
#: ("因其他法定事由不予公开") is a part of the group, never its total.
_REASON_MARKER_RE = lazyre.compile(r"因|由于|属于|系|涉及|鉴于|基于|根据|依据|按照|以(?=\p{Han}{2,}为由)")
#: Items of a listed reason ("A、B和C").
_REASON_SEP_RE = lazyre.compile(r"、|以及|(?<![涉危普])及(?!时)|和|与|或者?|/")
#: What is left of a reason item when its sub-row's words are taken out: the
#: markers and connecting words only — anything else is another reason.
_REASON_FILLER_RE = lazyre.compile(r"因为?|由于|属于|系|涉及|以|为由|的|其|申请人?|政府|相关|信息|内容|事项|公开|本机关|本单位|该|后|可能|会|要求|提供|需要?|等")
#: A list that is not exhaustive: 等 / 其他 at its end, or "其他(原因|情形)".
_REASON_OPEN_RE = lazyre.compile(r"等(?:原因|情形|情况|理由|事由)?(?:的)?$|其[他它](?!法律|行政法规)")


@dataclass
class _ReasonReading:
    """What a clause ending in a Table 3 reason restates: ``readings`` (the
    sub-rows, one reading, with the group as a second reading for a list of
    several); with ``why`` set the readings are only possible ones (a pass
    when the count fits one, else untestable, never a mismatch)."""

    what: str
    readings: tuple[str, ...] = ()
    why: str = ""
    lead: str = ""  # the words of the clause before the reason
    block: bool = False  # a row's label in a clause about something else: no restatement at all


def _rows_of(layout: str) -> set[str]:
    return {k for k, _, _ in (APP_ROWS_2021 if layout == "2021" else APP_ROWS_2019)}


def _reason_items(reason: str, group: str) -> tuple[list[str], bool]:
    """The sub-rows of ``group`` a reason names, in order, and whether every
    item of the reason named one (False when an item is another reason:
    其他法定事由, 敏感事项)."""
    keys = [k for k, _, _ in _SUBROW_WORDS if k.startswith(group + ".")]
    rows: list[str] = []
    complete = True
    for item in _REASON_SEP_RE.split(reason):
        got = [k for k in keys if _SUBROW_CORE[k].search(item)]
        if not got:
            rest = _REASON_FILLER_RE.sub("", item)
            if len(re.findall(r"\p{Han}", rest)) >= 2:
                complete = False
            continue
        rows += [k for k in got if k not in rows]
    return rows, complete


def _reason_reading(clause: str, layout: str) -> _ReasonReading | None:
    """A clause (the words before a count) that names Table 3 rows by their
    reason: "因属于行政查询事项不予公开的" → 不予公开 8.; "因A、B而无法提供的共"
    → the sum of the named sub-rows (or the group); "本机关不掌握相关政府信息的"
    → 无法提供 1.  None when the clause names no reason (a plain 不予公开 is
    read by the group patterns).  A reason that names no sub-row, or not
    only sub-rows (其他法定事由, …等), or a sub-row the form has not (其他处理
    in the 2019 form), gives a reading with ``why`` set: it passes when the
    count is one of its readings (the group, the named rows' sum), and is
    untestable otherwise (a part of the group), never a mismatch."""
    tail = _REASON_TAIL_RE.sub("", clause)
    gm = None
    for group, zh, rx in _REASON_GROUPS:
        for m in rx.finditer(tail):
            if m.end() == len(tail):
                gm = (group, zh, m)
    if gm is not None:
        group, zh, m = gm
        pre = _REASON_LINK_RE.sub("", tail[: m.start()])
        # the reason starts after the last count or 其中 of the clause
        cut = max((x.end() for x in re.finditer(r"\d+(?:\.\d+)?\s*(?:件|条|个)?|其中", pre)), default=0)
        lead, reason = pre[:cut], pre[cut:]
        mk = _REASON_MARKER_RE.search(reason)
        rows, complete = _reason_items(reason[mk.start() :] if mk else reason, group)
        if mk is not None:
            lead, reason = lead + reason[: mk.start()], reason[mk.start() :]
        if not rows:
            if mk is None:
                return None  # no reason: the group itself (全年依法不予公开)
            return _ReasonReading(zh, (_group_reading(group),), why=f"a reason that names no row of {zh}: a part of the group, or the whole", lead=lead)
        return _subrow_reading(zh, rows, complete and not _REASON_OPEN_RE.search(reason), group, layout, lead, "或" in reason)
    # no group word: the clause ends with a sub-row's own label
    for key, _, _ in _SUBROW_WORDS:
        m = _SUBROW_LABEL_END[key].search(tail)
        if m is None:
            continue
        group = key.partition(".")[0]
        zh = next(z for g, z, _ in _REASON_GROUPS if g == group)
        pre = tail[: m.start()]
        cut = max((x.end() for x in re.finditer(r"\d+(?:\.\d+)?\s*(?:件|条|个)?|其中", pre)), default=0)
        if _label_lead_is_activity(pre[cut:], group):
            return _ReasonReading("", lead=pre, block=True)  # 全年受理群众信访举报投诉28件: no Table 3 row
        rows, complete = _reason_items(pre[cut:], group) if _REASON_SEP_RE.search(pre[cut:]) else ([], True)
        rows = rows + [key] if key not in rows else rows
        # with no group word, 涉及 names a subject (其中涉及第三方合法权益的12件
        # may be applications received), not a reason: the whole lead is read
        return _subrow_reading(zh, rows, complete and not _REASON_OPEN_RE.search(pre[cut:]), group, layout, pre, "或" in pre[cut:])
    return None


#: Words a clause may put before a sub-row's own label and still restate the
#: row ("其中属于重复申请的", "申请人无正当理由逾期不补正的").
_LABEL_LEAD_FILLER_RE = lazyre.compile(
    r"全年|本年度?|今年|另有|另外|此外|还有|共计|共|有|对|均|都|依法|经审查|是|为|属|行政机关|无正当理由|三类|四类|保护|“|”|\s"
)


def _label_lead_is_activity(lead: str, group: str) -> bool:
    """Do the words before a sub-row's label (no group word after it) say
    more than the row's own wording — a verb and its subject, "全年受理群众"
    before 信访举报投诉 — so that the count is of something else?"""
    rest = lead
    for k, _, _ in _SUBROW_WORDS:
        if k.startswith(group + "."):
            rest = _SUBROW_CORE[k].sub("", rest)
    rest = _LABEL_LEAD_FILLER_RE.sub("", _REASON_FILLER_RE.sub("", _REASON_SEP_RE.sub("", rest)))
    return len(re.findall(r"\p{Han}", rest)) > 2


def _subrow_reading(zh: str, rows: list[str], exhaustive: bool, group: str, layout: str, lead: str, either: bool = False) -> _ReasonReading:
    """The reading of the sub-rows a reason names: one sub-row; the sum of
    several (or the group: a list may be loose) when joined by 和/、/及.  An
    open list (因A等原因: A, or the group, or a part of it), a list joined by
    或 (a loose "for such reasons") or a row the layout has not (其他处理's
    sub-rows in the 2019 form) is soft (``why`` set): the same readings, a
    pass when one fits, untestable otherwise."""
    what = "、".join(_READING_LABELS.get(r, r).partition("·")[2] or r for r in rows)
    what = f"{zh}·{what}"
    whole = _group_reading(group)
    if any(r not in _rows_of(layout) for r in rows):
        return _ReasonReading(what, (whole,), why=f"the {layout} form has no such sub-row of {zh}", lead=lead)
    reading = "+".join(rows)
    if not exhaustive:
        return _ReasonReading(what, (reading, whole), why=f"a reason list that is not exhaustive (等, 其他) within {zh}", lead=lead)
    if len(rows) > 1 and either:
        return _ReasonReading(what, (reading, whole), why=f"several reasons joined by 或 within {zh}", lead=lead)
    if len(rows) > 1:
        return _ReasonReading(what, (reading, whole), lead=lead)
    return _ReasonReading(what, (reading,), lead=lead)


def _group_reading(group: str) -> str:
    return "other*" if group == "other" else group + ".*"


def _reading_label(r: str) -> str:
    """The label of a reading of the applications table ("不予公开·属于国家秘密",
    a sum of rows joined by "+")."""
    if r in _READING_LABELS:
        return _READING_LABELS[r]
    return "+".join(_READING_LABELS.get(p, p) for p in r.split("+"))


def _cell_sum(t: StandardTable, row: str, cols: tuple[str, ...]) -> Decimal | None:
    out = Decimal(0)
    for col in cols:
        c = t.get(row, col)
        if c is None:
            return None
        if c.numeric is not None:
            out += c.numeric
        elif c.state not in ("blank", "na"):
            return None  # blank applicant cells are "none"
    return out


def _app_value(t: StandardTable, reading: str) -> tuple[Decimal | None, bool]:
    """(value, from_parts) of a reading of the applications table: row keys
    joined by "+", a group "denied.*", or "row:natural" / "row:orgs" for
    applicant columns.  A blank 总计 counts as the sum of its printed parts
    (``from_parts``), never as 0."""
    rows_part, _, cols = reading.partition(":")
    total = Decimal(0)
    from_parts = False
    for part in rows_part.split("+"):
        if cols:
            v = _cell_sum(t, part, ("natural",) if cols == "natural" else _ORG_COLUMNS)
            if v is None:
                return None, False
            total += v
            continue
        if part.endswith("*"):  # a group of rows: "denied.*", "other*"
            rows = APP_ROWS_2021 if t.layout == "2021" else APP_ROWS_2019
            keys = [k for k, _, _ in rows if k.startswith(part[:-1])]
            got = [_total(t, k) for k in keys]
            if not keys or any(v is None for v, _ in got):
                return None, False  # the group is not complete in the table
            total += sum((v for v, _ in got), Decimal(0))  # type: ignore[misc]
            from_parts = from_parts or any(fp for _, fp in got)
            continue
        v, fp = _total(t, part)
        if v is None:
            return None, False
        total += v
        from_parts = from_parts or fp
    return total, from_parts


def _sentence_before(text: str, start: int, span: int = 80) -> str:
    return re.split(r"[。;；!?！？\n]", text[max(0, start - span) : start])[-1]


def _review_blocks(sent: str) -> tuple[str, ...] | None:
    rv, lit = "复议" in sent, ("诉讼" in sent or "法院" in sent)
    if rv and not lit:
        return ("review",)
    if lit and not rv:
        return ("lit_direct", "lit_after_review")
    return None


_REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


def _review_sum(t: StandardTable, field: str, blocks: tuple[str, ...]) -> Decimal | None:
    """The sum of a Table 4 field over blocks; a blank part is none (0).  A
    blank or "/" total stands for the sum of its block's printed parts (a
    block with nothing printed has no case); None when a cell is missing."""
    out = Decimal(0)
    for b in blocks:
        c = t.get(b, field)
        if c is None:
            return None
        if c.numeric is not None:
            out += c.numeric
        elif c.state in ("blank", "na") and field != "total":
            continue
        elif c.state in ("blank", "na"):
            parts = [t.get(b, f) for f in _REVIEW_PARTS]
            if any(x is None or (x.numeric is None and x.state not in ("blank", "na")) for x in parts):
                return None
            out += sum((x.numeric for x in parts if x is not None and x.numeric is not None), Decimal(0))
        else:
            return None
    return out


def _checks_review(review: StandardTable, clause: str, sent: str) -> list[tuple[str, str, list[tuple[str, Decimal, bool]]]]:
    if _RX4.search(clause) and not _RX5.search(clause):
        v = review.value("review", "total")
        return [("行政复议", "administrative reviews", [("行政复议总计", v, False)])] if v is not None else []
    if _RX6.search(clause):
        a, b = review.value("lit_direct", "total"), review.value("lit_after_review", "total")
        return [("行政诉讼", "lawsuits", [("行政诉讼总计", a + b, False)])] if a is not None and b is not None else []
    blocks = _review_blocks(sent)
    if blocks is None:
        return []
    for field, zh, pat in _REVIEW_FIELD_PATTERNS:
        if pat.search(clause):
            v = _review_sum(review, field, blocks)
            name = ("行政复议" if blocks == ("review",) else "行政诉讼") + zh
            return [(name, f"{'review' if blocks == ('review',) else 'litigation'} {field}", [(name, v, False)])] if v is not None else []
    return []


def _checks_proactive(pro: StandardTable, clause: str) -> list[tuple[str, str, list[tuple[str, Decimal, bool]]]]:
    for what_en, what_zh, pat, row, cols in _PROACTIVE_PATTERNS:
        if pat.search(clause):
            vals = []
            for col in cols.get(pro.layout, ()):
                c = pro.get(row, col)
                if c is not None and c.numeric is not None:
                    vals.append((f"主动公开情况表 {c.row_label or row} {PROACTIVE_COLUMN_LABELS.get(c.col) or c.col_label or c.col}", c.numeric, False))
            return [(what_zh, what_en, vals)] if vals else []
    return []


def _ambiguous_proactive_row(pro: StandardTable, clause: str) -> tuple[str, str] | None:
    """(what, row key) when the clause restates a 主动公开 row that was left
    out as ambiguous (glued digits with several candidate splits)."""
    for _, what_zh, pat, row, cols in _PROACTIVE_PATTERNS:
        if pat.search(clause):
            if row in pro.ambiguous_rows and cols.get(pro.layout):
                return what_zh, row
            return None
    return None


def _reading_rows(t: StandardTable, reading: str) -> list[str]:
    """The row keys a reading of the applications table reads (see
    :func:`_app_value`)."""
    rows = APP_ROWS_2021 if t.layout == "2021" else APP_ROWS_2019
    out: list[str] = []
    for part in reading.partition(":")[0].split("+"):
        out += [k for k, _, _ in rows if k.startswith(part[:-1])] if part.endswith("*") else [part]
    return out


def _ambiguous_app_rows(app: StandardTable, clause: str, sent: str) -> tuple[str, list[str]] | None:
    """(what, row keys) when the clause restates rows of the applications
    table that were left out as ambiguous (glued digits with several
    candidate splits) and no reading of it can be read without them."""
    readings: list[tuple[str, str]] = []
    _checks_applications(app, clause, sent, readings)
    if not readings:
        return None
    what = readings[0][0]
    touched = [[r for r in _reading_rows(app, rd) if r in app.ambiguous_rows] for _, rd in readings]
    if not all(touched):
        return None  # a reading without ambiguous rows: not about them
    rows: list[str] = []
    for ts in touched:
        rows += [r for r in ts if r not in rows]
    return what, rows


def _long_clause(clause: str, sent: str) -> tuple[str, bool]:
    """The whole clause before a count within its sentence (the restatement
    clause is cut to a short window; a listed reason may be longer), and
    whether even that may be cut (it fills the sentence window)."""
    long = re.split(r"[,，:：()（）]", sent)[-1] if sent else clause
    if not (long.endswith(clause) or clause.endswith(long)):
        return clause, False
    return long, len(long) >= 79


_GROUP_EN = {"不予公开": "refused", "无法提供": "not provided (无法提供)", "不予处理": "not processed", "其他处理": "otherwise handled"}


#: A restatement of a table in a clause: (what, what_en, [(reading, value, from_parts)]).
_Check = tuple[str, str, list[tuple[str, Decimal, bool]]]
#: The restatement a clause ends with: (what_en, what_zh, the readings of the table it may restate).
_Named = tuple[str, str, tuple[str, ...]]


def _checks_applications(
    app: StandardTable, clause: str, sent: str, tried: list[tuple[str, str]] | None = None, untestable: list[tuple[str, str]] | None = None
) -> list[_Check]:
    """The restatements of the applications table in the clause, as (what,
    what_en, [(reading, value, from_parts)]); ``tried`` collects (what,
    reading) for every reading the clause matched, readable or not;
    ``untestable`` collects (what, why) for a clause that names Table 3
    rows by a reason whose readings are only possible ones (see
    :func:`_reason_reading`): the caller passes it when the count fits one
    and records it as untestable otherwise; without ``untestable`` such a
    clause gives nothing.

    The clause is read as the first of these it names, which alone decides
    (even when it gives nothing): an applicant kind
    (:func:`_checks_applicant`), Table 3 rows named by their reason
    (:func:`_checks_reason`), a row named by its own words
    (:func:`_checks_named_row`)."""
    applicant = _applicant_named(clause)
    if applicant is not None:
        return _checks_applicant(app, applicant, clause, sent, tried)
    long, cut = _long_clause(clause, sent)
    rr = _reason_reading(long, app.layout)
    if rr is not None:
        return _checks_reason(app, rr, long, cut, clause, sent, tried, untestable)
    return _checks_named_row(app, clause, sent, tried)


def _words_before(sent: str, clause: str) -> str:
    """The words of the sentence before the clause (the sentence ending with
    it): all but its last ``len(clause)`` characters."""
    return sent[: len(sent) - len(clause)]


def _after_qizhong(s: str) -> str:
    """The words after a leading 其中 (all of them when there is none)."""
    return s[2:] if s.startswith("其中") else s


def _restated(app: StandardTable, what_zh: str, what_en: str, readings: tuple[str, ...], tried: list[tuple[str, str]] | None) -> list[_Check]:
    """The check of one restatement: [(what, what_en, the readings the table
    can read, with their values)], empty when it can read none.  Every
    reading goes into ``tried``, readable or not."""
    if tried is not None:
        tried.extend((what_zh, r) for r in readings)
    vals = [(r, *_app_value(app, r)) for r in readings]
    vals2 = [(r, v, fp) for r, v, fp in vals if v is not None]
    return [(what_zh, what_en, vals2)] if vals2 else []  # type: ignore[list-item]


def _applicant_named(clause: str) -> _Named | None:
    """The applicant kind the clause ends with (自然人申请, 法人或其他组织
    申请: columns of the 本年新收 row); None for none."""
    for what_en, what_zh, pat, readings in _APPLICANT_PATTERNS:
        if pat.search(clause):
            return what_en, what_zh, readings
    return None


def _checks_applicant(app: StandardTable, named: _Named, clause: str, sent: str, tried: list[tuple[str, str]] | None) -> list[_Check]:
    """The check of an applicant kind; empty when the sentence narrows the
    applications before the clause (通过网络, 办结, 予以公开, 复议…): a count
    of another scope."""
    if _APPLICANT_SCOPE_RE.search(_words_before(sent, clause)):
        return []
    what_en, what_zh, readings = named
    return _restated(app, what_zh, what_en, readings, tried)


def _reason_elsewhere(rr: _ReasonReading, long: str, clause: str, sent: str) -> bool:
    """Does a clause naming a reason speak of something other than the
    table's rows: words before the reason that name a part or another scope
    (涉及, 网上, 同比…), or a 其中 in a sentence that narrows the
    applications before it?"""
    lead = rr.lead.strip()
    if _NOT_RESTATEMENT_RE.search(_after_qizhong(lead)):
        return True
    if not (lead.startswith("其中") or long.startswith("其中")):
        return False
    return bool(_SUBSET_RE.search(_words_before(sent, long if sent.endswith(long) else clause)))


def _reason_why(rr: _ReasonReading, cut: bool) -> str:
    """Why the readings of a reason are only possible ones: the reading's
    own why, or a clause that may be cut; empty when they are the rows."""
    return rr.why or ("the clause naming the reason may be cut" if cut else "")


def _checks_reason(
    app: StandardTable, rr: _ReasonReading, long: str, cut: bool, clause: str, sent: str, tried: list[tuple[str, str]] | None, untestable: list[tuple[str, str]] | None
) -> list[_Check]:
    """The check of Table 3 rows named by their reason; empty for a row's
    label in a clause about something else, a reason of another scope, and
    readings that are only possible ones unless ``untestable`` is given
    (then (what, why) goes into it)."""
    if rr.block or _reason_elsewhere(rr, long, clause, sent):
        return []
    why = _reason_why(rr, cut)
    if why:
        if untestable is None:
            return []
        untestable.append((rr.what, why))
    what_en = _GROUP_EN[rr.what.partition("·")[0]] + " for the stated reason"
    return _restated(app, rr.what, what_en, rr.readings, tried)


def _row_named(clause: str) -> _Named | None:
    """The row (or group, or total) of the applications table the clause
    ends with (收到申请, 办结, 结转下年度, 不予公开, 重复申请…); None for none.
    A sub-row after 或/和/及/、 ("A或B不予处理": several reasons, the group is
    meant) is passed over for the next pattern."""
    for what_en, what_zh, pat, readings in _NARRATIVE_PATTERNS:
        mo = pat.search(clause)
        if mo is None:
            continue
        if "." in readings[0] and re.search(r"[或和及、]", clause[: mo.start()]):
            continue
        return what_en, what_zh, readings
    return None


def _checks_named_row(app: StandardTable, clause: str, sent: str, tried: list[tuple[str, str]] | None) -> list[_Check]:
    """The check of a row the clause names by its own words; empty when the
    clause speaks of a part or another scope (通过网络, 自然人, 同比…, or
    其中 after a sentence that narrows the applications) or restates a
    total after 其中 (a part of something else)."""
    if _NOT_RESTATEMENT_RE.search(_after_qizhong(clause)):
        return []
    qizhong = clause.startswith("其中")
    if qizhong and _SUBSET_RE.search(_words_before(sent, clause)):
        return []
    named = _row_named(clause)
    if named is None:
        return []
    what_en, what_zh, readings = named
    if qizhong and readings[0] in ("new", "processed_total"):
        return []  # 其中 + a total: a part of something else
    return _restated(app, what_zh, what_en, readings, tried)


@rule(
    "GR631",
    name="narrative-table-mismatch",
    family="tables",
    severity="error",
    message="正文称{what}{reported},表格为{expected}",
    message_en="the text says {what_en} {reported}, but the table has {expected}",
    builtin=True,
)
def narrative_vs_table(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A number in the narrative that restates a table cell disagrees with it.

    What it does:
        Reads statements such as 收到申请X件, 办结Y件, 结转下年度Z件, 予以公开…件
        (also after 其中 when the sentence does not narrow the applications to
        a channel or a kind of applicant), a sub-row named by its reason
        (因本机关不掌握相关政府信息无法提供N件 is the sub-row, not the 无法提供
        group; every sub-row of 不予公开, 无法提供, 不予处理 and the 2021
        其他处理 is known by the core words of its reason and their usual
        paraphrases — 因涉及第三方合法权益不予公开 is row 4, 因属于查询类事项
        不予公开 row 8; reasons listed with 和/、/及 are summed, the group
        also accepted; a reason that names no sub-row — 因其他法定情形不予
        公开 — or an open list (…等, 其他原因, A或B) may be a part of the
        group: it passes when the count is the group (or the named rows'
        sum), or when with the sub-rows restated beside it in the paragraph
        it adds up to the group; otherwise it is untestable, never a
        mismatch), 自然人申请 / 法人或其他组织申请N件 (the 本年新收 row's columns),
        行政复议N件, 行政诉讼N件, 其中结果维持N件 (Table 4), and the 主动公开
        table's 制发(新制作, 印发)规范性文件N件 (本年制发件数 in 2021,
        本年新制作数量 in 2019; 新制作并公开 may also be 本年新公开数量),
        the count of normative documents published in total (对外公开总数量,
        2019) and 作出行政许可(处罚、强制)决定N件, and
        compares them with the tables.  (现行有效 and 废止 counts are left
        alone: a 规范性文件库 or a clean-up often has another scope.)
        A sentence about a part of the organ (本级, 各部门, 乡镇, 下属单位, or
        a named office that is not the reporting organ) is not a total: such
        counts of one measure close together are summed and pass when the
        sum matches; otherwise they are untestable, never a mismatch.  收到 may mean 新收 or 新收 + 上年结转:
        the finding is raised only when no reading matches, and the verdict
        records which reading was used.  A blank 总计 is compared as the sum
        of its printed parts (and the finding says so), never as 0.  A
        statement about a row of a flattened table that was left out because
        its glued digits split several ways is untestable (with the number
        of candidate splits), never compared.

    Why it matters:
        The narrative is what readers quote; a summary that disagrees with the
        report's own table misinforms them.

    Example:
        2021年,全县共收到政府信息公开申请127件,上年结转5件。
        | 一、本年新收政府信息公开申请数量 | 99 | 12 | 0 | 1 | 3 | 2 | 117 |
        → error, reported 127件 (the table: 本年新收 117, with 上年结转 122)

    Consistent example:
        2021年,全县共收到政府信息公开申请117件,上年结转5件。
        | 一、本年新收政府信息公开申请数量 | 99 | 12 | 0 | 1 | 3 | 2 | 117 |

    Known exceptions:
        A count of part of the year (上半年, 第一季度, 3月份, 1至6月) is no
        restatement of the year's figure, unless its own clause says 全年.
        Reports whose narrative covers a different scope (a whole region)
        than the table (the organ itself).

        县政府办公室本级收到申请97件 and 各县直部门和乡镇收到234件 are parts;
        their sum is compared with 本年新收.
    """
    t = _TablesForText.of(report)
    if t is None:
        return
    text = report.text
    agency = getattr(report.metadata, "agency", None)
    scoped: list[tuple[int, int, str, str, Decimal, list[tuple[str, Decimal, bool]]]] = []
    soft: list[_GroupPart] = []  # reasons that may be a part of a Table 3 group
    parts: list[_GroupPart] = []  # sub-rows restated and found right
    inside = _table_spans(report)
    for n in report.claims.found:
        clause = _restatement_clause(text, n, inside)
        if clause is None:
            continue
        sent = _sentence_before(text, n.start)
        if sub_period(sent, clause):
            continue  # a count of part of the year (上半年, 第一季度, 3月份): not the year's cell
        checks = t.checks_for(n, clause, sent, ctx, soft=soft)
        if checks is None:
            continue  # recorded as untestable against an ambiguous row, or a part of a group
        if checks and _sub_unit(sent, agency):
            # a part of the organ: summed with its sibling statements below
            for what_zh, _, vals in checks:
                scoped.append((n.start, n.end, what_zh, n.text, n.value, vals))
            continue
        for what_zh, what_en, vals in checks:
            _judge_restatement(ctx, n, what_zh, what_en, vals)
            part = _subrow_part(n, vals)
            if part is not None:
                parts.append(part)
    _scoped_counts(ctx, scoped, text)
    _group_split(ctx, soft, parts, text)


@dataclass
class _TablesForText:
    """The tables a narrative count may restate: each standard table when it
    was read unambiguously, and the raw applications or proactive table only
    to record claims about its ambiguous rows."""

    app: StandardTable | None
    app_raw: StandardTable | None
    review: StandardTable | None
    pro: StandardTable | None
    pro_raw: StandardTable | None

    @classmethod
    def of(cls, report) -> _TablesForText | None:  # type: ignore[no-untyped-def]
        app = _app(report)
        app_raw = report.table("applications")
        if app is not None or app_raw is None or not app_raw.ambiguous_rows:
            app_raw = None
        review = report.table("review")
        review = review if review is not None and not review.ambiguous else None
        pro_raw = report.table("proactive")
        pro = pro_raw if pro_raw is not None and not pro_raw.ambiguous else None
        if pro_raw is not None and not pro_raw.ambiguous_rows:
            pro_raw = None
        if app is None and review is None and pro is None and pro_raw is None and app_raw is None:
            return None
        return cls(app, app_raw, review, pro, pro_raw)

    def checks_for(self, n, clause: str, sent: str, ctx, soft: list[_GroupPart] | None = None) -> list[tuple[str, str, list[tuple[str, Decimal, bool]]]] | None:  # type: ignore[no-untyped-def]
        """What the count may restate, table by table (review, proactive,
        applications): (what, what_en, the cells' readings); None when it
        names an ambiguous row (an untestable verdict is recorded) or is a
        reason that may be a part of its group and fits none of its
        readings (added to ``soft`` when given, else untestable)."""
        checks: list[tuple[str, str, list[tuple[str, Decimal, bool]]]] = []
        if self.review is not None:
            checks = _checks_review(self.review, clause, sent)
        if self.pro_raw is not None and not checks:
            amb = _ambiguous_proactive_row(self.pro_raw, clause)
            if amb is not None:
                what_zh, row = amb
                a, b, label = self.pro_raw.ambiguous_spans.get(row, (n.start, n.end, ""))
                ctx.untestable(self.pro_raw.ambiguity_reason(row), spans=[(n.start, n.end), (a, b)], subject=f"{what_zh} vs 表二 {label or row}")
                return None
        if self.pro is not None and not checks:
            checks = _checks_proactive(self.pro, clause)
        if self.app is not None and not checks:
            why: list[tuple[str, str]] = []
            checks = _checks_applications(self.app, clause, sent, untestable=why)
            if why and not _fits_a_reading(n, checks):
                part = _soft_part(n, checks, why[0]) if soft is not None else None
                if part is not None:
                    soft.append(part)  # type: ignore[union-attr]
                else:
                    ctx.untestable(why[0][1], spans=[(n.start, n.end)], subject=f"{why[0][0]} vs 表三")
                return None
        if self.app_raw is not None and not checks:
            amb_rows = _ambiguous_app_rows(self.app_raw, clause, sent)
            if amb_rows:
                what_zh, rows = amb_rows
                for row in rows:
                    a, b, _ = self.app_raw.ambiguous_spans.get(row, (n.start, n.end, ""))
                    ctx.untestable(self.app_raw.ambiguity_reason(row), spans=[(n.start, n.end), (a, b)], subject=f"{what_zh} vs 表三 {_ROW_LABELS.get(row, row)}")
                return None
        return checks


@dataclass
class _GroupPart:
    """A count stated for a part of a Table 3 group: a sub-row (or a list of
    sub-rows) restated and found right, or a reason that may be a part of the
    group (``why``: 因其他法定情形不予公开的N件) with the group's total."""

    start: int
    end: int
    group: str  # the group's reading: "denied.*", "other*"
    value: Decimal
    rows: tuple[str, ...] = ()
    what: str = ""
    why: str = ""
    whole: Decimal | None = None


def _whole_of(reading: str) -> str | None:
    """The group reading of a sub-row reading ("denied.admin_query" →
    "denied.*"), None for no sub-row."""
    head = reading.partition("+")[0]
    group, dot, _ = head.partition(".")
    if not dot or group not in _GROUP_ZH or head.endswith("*"):
        return None
    return _group_reading(group)


def _subrow_part(n, vals: list[tuple[str, Decimal, bool]]) -> _GroupPart | None:  # type: ignore[no-untyped-def]
    """The count as a part of its group when it restates sub-rows and fits
    them (the first reading)."""
    if not vals:
        return None
    r, v, _ = vals[0]
    whole = _whole_of(r)
    if whole is None or not _fits_a_reading(n, [("", "", [(r, v, False)])]):
        return None
    return _GroupPart(n.start, n.end, whole, n.value, tuple(r.split("+")))


def _soft_part(n, checks, why: tuple[str, str]) -> _GroupPart | None:  # type: ignore[no-untyped-def]
    """A reason that fits none of its readings, as a possible part of its
    group (its group total among the readings)."""
    for _, _, vals in checks:
        for r, v, _ in vals:
            if r.endswith("*"):
                rows = tuple(x for rr, _, _ in vals if not rr.endswith("*") for x in rr.split("+"))
                return _GroupPart(n.start, n.end, r, n.value, rows, why[0], why[1], v)
    return None


def _group_split(ctx, soft: list[_GroupPart], parts: list[_GroupPart], text: str) -> None:  # type: ignore[no-untyped-def]
    """A Table 3 group split over statements of one paragraph ("因属于三类
    内部事务信息不予公开的2件 … 因其他法定情形不予公开的9件"): a reason that
    may be a part of its group passes when it and the sub-rows restated
    beside it (distinct rows, each found right) add up to the group total;
    otherwise it is untestable — never a mismatch."""
    for s in soft:
        sib = [p for p in parts if p.group == s.group and "\n" not in text[min(p.start, s.start) : max(p.end, s.end)]]
        rows = [r for p in sib for r in p.rows]
        distinct = len(rows) == len(set(rows)) and not set(rows) & set(s.rows)
        subject = f"{s.what} vs 表三"
        if sib and distinct and s.whole is not None and s.value + sum((p.value for p in sib), Decimal(0)) == s.whole:
            spans = sorted([(s.start, s.end)] + [(p.start, p.end) for p in sib])
            ctx.ok(spans=spans, reading=" + ".join(text[a:b] for a, b in spans) + " = " + _reading_label(s.group), subject=subject)
        else:
            ctx.untestable(s.why, spans=[(s.start, s.end)], subject=subject)


def _fits_a_reading(n, checks: list[tuple[str, str, list[tuple[str, Decimal, bool]]]]) -> bool:  # type: ignore[no-untyped-def]
    """Does the count fit one of the readings of the checks (within its
    rounding)?"""
    from ..arith import in_interval

    iv = n.interval("half_up")
    return any(in_interval(Fraction(v), iv) for _, _, vals in checks for _, v, _ in vals)


def _restatement_clause(text: str, n, inside: list[tuple[int, int]]) -> str | None:  # type: ignore[no-untyped-def]
    """The words before a count that may restate a table cell (an exact
    count of items, in the text proper), or None for a number that is not
    one: approximate, a unit other than items, a cell of a table flattened
    into the text, or last year's figure (上年结转 excepted)."""
    if not n.is_quantity or n.kind not in ("count", "number") or n.approx is not None:
        return None
    if any(a <= n.start < b for a, b in inside):
        return None  # a cell of a table flattened into the text, not a restatement
    if n.unit not in (None, "件", "起", "宗", "个"):
        return None
    before = text[max(0, n.start - 30) : n.start]
    clause = re.split(r"[,，。;；:：()（）]", before)[-1]
    if _RX3.search(clause) and "上年结转" not in clause:
        return None
    return clause


def _judge_restatement(ctx, n, what_zh: str, what_en: str, vals: list[tuple[str, Decimal, bool]]) -> None:  # type: ignore[no-untyped-def]
    """Pass when the count fits one of the cells it may restate (within its
    rounding), else fail naming every reading tried."""
    from fractions import Fraction

    from ..arith import in_interval

    iv = n.interval("half_up")
    subject = f"{what_zh} vs 表格"
    match = [(r, v, fp) for r, v, fp in vals if in_interval(Fraction(v), iv)]
    if match:
        r, _, fp = match[0]
        ctx.ok(spans=[(n.start, n.end)], reading=_reading_label(r) + ("(总计空白,按分项之和)" if fp else ""), subject=subject)
        return
    ctx.fail(
        [(n.start, n.end)],
        reported=n.text,
        expected=" 或 ".join(f"{_reading_label(r)} {_n(v)}" + ("(总计空白,按分项之和)" if fp else "") for r, v, fp in vals),
        reading=[_reading_label(r) for r, _, _ in vals],
        subject=subject,
        what=what_zh,
        what_en=what_en,
    )


def _table_spans(report) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Spans of the tables: table blocks and the standard tables read from
    flattened text (their rows are cells, not narrative)."""
    out = [(b.start, b.end) for b in report.document.blocks if b.kind == "table"]
    for t in report.tables:
        if t.source == "text" and t.end > t.start:
            out.append((t.start, t.end))
    return out


def _scoped_counts(ctx, scoped, text: str) -> None:  # type: ignore[no-untyped-def]
    """Counts of parts of the organ (本级 / 各部门和乡镇 …): a run of such
    statements of one measure close together is compared as a sum (a total
    split over sentences); a part alone, or a sum that matches nothing, is
    untestable — never a mismatch."""
    runs: list[list[tuple[int, int, str, str, Decimal, list[tuple[str, Decimal, bool]]]]] = []
    for item in sorted(scoped):
        run = next((r for r in runs if r[-1][2] == item[2] and item[0] - r[-1][1] <= 300 and not re.search(r"\n\s*\n", text[r[-1][1] : item[0]])), None)
        if run is not None:
            run.append(item)
        else:
            runs.append([item])
    for run in runs:
        what_zh = run[0][2]
        subject = f"{what_zh} vs 表格(部分单位)"
        spans = [(a, b) for a, b, *_ in run]
        total = sum((v for *_, v, _ in run), Decimal(0))
        vals = run[0][5]
        match = [(r, v) for r, v, _ in vals if v == total] if len(run) > 1 else []
        if match:
            ctx.ok(spans=spans, reading=" + ".join(t for *_, t, _, _ in run) + " = " + _READING_LABELS.get(match[0][0], match[0][0]), subject=subject)
        else:
            ctx.untestable("a count of a part of the organ (本级, its departments or townships) is not the table's total", subject=subject)


#: A share whose part and whole are both named in words, both cells of the
#: applications table: "<part label>占<whole noun>的N%".  The part label is
#: one of the row stems the restatements read (_APPLICANT_PATTERNS,
#: _NARRATIVE_PATTERNS: 自然人, 法人或其他组织, 予以公开, 部分公开, 不予公开,
#: 无法提供, 不予处理, …) followed by a generic noun tail (的申请, 件数);
#: the whole is a small noun class (新收 / 收到 / 受理 / 办结 / 答复 / 全部
#: + 申请 / 总数), read as the table's totals it may name.
_WORDED_WHOLE_RE = lazyre.compile(
    r"占(?:本年度?|全年|今年|全部|所有|全县|全市|全区)?(?P<verb>新收|收到|受理|接收|办结|办理|答复|处理)?(?:的)?"
    r"(?:政府信息公开|依申请公开)?(?P<noun>申请|总数|总量|件数|数量)?(?:总数|总量|件数|数量|数)?的?"
    r"(?:比例|比重|比率)?(?:为|是|达到?)?$"
)
_WORDED_WHOLE_READINGS = {
    "新收": ("new",),
    "收到": ("new", "new+carry_in"),
    "受理": ("new", "new+carry_in"),
    "接收": ("new", "new+carry_in"),
    "办结": ("processed_total", "new+carry_in"),
    "办理": ("processed_total", "new+carry_in"),
    "答复": ("processed_total", "new+carry_in"),
    "处理": ("processed_total", "new+carry_in"),
    # 全部申请 / 申请总数 with no verb: received, with or without those carried over, or processed
    "": ("new", "new+carry_in", "processed_total"),
}
#: The generic tail between a part label and 占 ("部分公开的申请", "自然人申请件数").
_PART_TAIL_RE = lazyre.compile(r"(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?(?:的)?(?:件数|数量|总数|数)?$")
#: Totals are no parts of a worded share.
_TOTAL_READINGS = {"new", "new+carry_in", "processed_total"}


def _worded_part(stem: str, layout: str = "2021") -> tuple[str, ...] | None:
    """The part readings of the words before 占, by the restatements'
    row stems (a sub-row named by its reason, see :func:`_reason_reading`);
    None when no stem ends them, the reason names no sub-row, or the words
    narrow the applications to a subset (通过网络提交的自然人申请)."""
    stem = _PART_TAIL_RE.sub("", stem)
    if not stem:
        return None
    rr = _reason_reading(stem, layout)
    if rr is not None:
        if rr.block or rr.why or _SUBSET_RE.search(rr.lead):
            return None
        return rr.readings
    for _en, _zh, pat, readings in _APPLICANT_PATTERNS + _NARRATIVE_PATTERNS:
        m = pat.search(stem)
        if m is None or set(readings) & _TOTAL_READINGS:
            continue
        if _SUBSET_RE.search(stem[: m.start()]):
            return None
        return tuple(readings)
    return None


def _worded_reading(clause: str, layout: str = "2021") -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(part readings, whole readings) of a clause ending right
    before its percentage, or None when it is no worded share of the table."""
    i = clause.rfind("占")
    if i <= 0:
        return None
    w = _WORDED_WHOLE_RE.match(clause, i)
    if w is None or not (w.group("verb") or w.group("noun") == "申请" or w.group("noun") == "总数"):
        return None
    part = _worded_part(clause[:i], layout)
    if part is None:
        return None
    return part, _WORDED_WHOLE_READINGS[w.group("verb") or ""]


def _worded_shares(report, ctx, t: StandardTable) -> None:  # type: ignore[no-untyped-def]
    from fractions import Fraction

    from ..arith import fmt_percent, in_interval

    text = report.text
    for sh in report.claims.of("share"):
        if sh.part is not None or sh.percent is None or sh.percent.approx is not None:
            continue
        clause = re.split(r"[,，。;；:：()（）]", text[max(0, sh.percent.start - 40) : sh.percent.start])[-1]
        got = _worded_reading(clause, t.layout)
        if got is None:
            continue
        part_rs, whole_rs = got
        if _sub_unit(_sentence_before(text, sh.percent.start), getattr(report.metadata, "agency", None)):
            ctx.untestable("a share within a part of the organ (本级, its departments or townships)", subject="占比(文字) vs 表三")
            continue
        # the applicant columns pair with the row they are read from (本年新收 or 新收+上年结转)
        pairs = []
        for pr in part_rs:
            row = pr.partition(":")[0] if ":" in pr else None
            for wr in whole_rs:
                if row is not None and row != wr:
                    continue
                pv, _ = _app_value(t, pr)
                wv, _ = _app_value(t, wr)
                if pv is not None and wv:
                    pairs.append((pr, pv, wr, wv))
        if not pairs:
            ctx.untestable("a table cell is missing or blank, or the whole is no row the part is counted in", subject="占比(文字) vs 表三")
            continue
        span = [(sh.percent.start, sh.percent.end)]

        def _fits(mode: str) -> list[tuple[str, Decimal, str, Decimal]]:
            return [q for q in pairs if in_interval(Fraction(str(q[1])) * 100 / Fraction(str(q[3])), sh.percent.interval(mode))]

        ok = _fits("half_up")
        if ok:
            pr, _, wr, _ = ok[0]
            ctx.ok(spans=span, reading=_reading_label(pr) + "÷" + _reading_label(wr), subject="占比(文字) vs 表三")
            continue
        expected = " 或 ".join(
            f"{fmt_percent(Fraction(str(pv)) * 100 / Fraction(str(wv)), sh.percent.decimals)}({_reading_label(pr)} {_n(pv)} ÷ {_reading_label(wr)} {_n(wv)})"
            for pr, pv, wr, wv in pairs
        )
        ctx.fail(
            span,
            reported=sh.percent.text,
            expected=expected,
            severity="info" if _fits("truncate") else None,
            reading=list(dict.fromkeys(_reading_label(wr) for *_, wr, _ in pairs)),
            subject="占比(文字) vs 表三",
            part=clause[-20:],
        )


#: A share of the sum of the counts listed before it: "…47件、…8件,两项合计占
#: 61.8%", "…,合计占", "二者共计占", "以上三类共占".  The count word (两项)
#: is no part.
_SUM_CUE_RE = lazyre.compile(
    r"(?:(?P<n>[两二三四五六七八九2-9])(?:项|类|者|种)|二者|两者|三者|以上|上述|前述|这些)?\p{Han}{0,2}?"
    r"(?:合计|共计|总计|累计|共|加起来|总共)(?:约)?(?:占|的?占比)"
)
_CN_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LIST_SEP_RE = lazyre.compile(r"^[^,，。;；:：()（）\d]{0,14}$")


def _summed_part(text: str, sh, numbers) -> tuple[Fraction, list[tuple[int, int]], bool] | None:  # type: ignore[no-untyped-def]
    """When the percentage is a share of the sum of the counts listed before
    it, (sum, their spans, definite): definite when a count word (两项)
    names how many, or the items are joined by 、/和/及 without a comma.
    None when the share is not of a sum."""
    pct = sh.percent
    lo = max(0, pct.start - 30)
    mo = None
    for m in _SUM_CUE_RE.finditer(text[lo : pct.start]):
        mo = m
    if mo is None or lo + mo.end() != pct.start and not re.fullmatch(r"[^,，。;；\d]{0,12}", text[lo + mo.end() : pct.start]):
        return None
    cue = lo + mo.start()
    counts = _counts_before_cue(text, sh, numbers, cue)
    if len(counts) < 2:
        return None
    want = mo.group("n")
    k = (_CN_DIGITS.get(want) or int(want)) if want else None
    run, joined = _listed_run(text, counts)
    if k is not None:
        if k > len(run):
            return None
        run = run[-k:]
        definite = True
    else:
        definite = joined and len(run) >= 2
    if len(run) < 2:
        return None
    total = sum((Fraction(str(n.value)) for n in run), Fraction(0))
    return total, [(n.start, n.end) for n in run], definite


def _counts_before_cue(text: str, sh, numbers, cue: int) -> list:  # type: ignore[no-untyped-def]
    """The exact counts of the sentence before the sum cue in the part's
    unit (for a share of 项, counts of 件/条/个), percentages left out."""
    sent_start = max(text.rfind(c, 0, cue) for c in "。;；!！?？\n") + 1
    counts = [n for n in numbers if sent_start <= n.start and n.end <= cue and n.unit == getattr(sh.part, "unit", None) != "项" and n.approx is None]
    if not counts and sh.part is not None and sh.part.unit == "项":
        counts = [n for n in numbers if sent_start <= n.start and n.end <= cue and n.unit in ("件", "条", "个") and n.approx is None]
    return [n for n in counts if text[n.end : n.end + 1] != "%"]


def _listed_run(text: str, counts: list) -> tuple[list, bool]:  # type: ignore[type-arg]
    """The run of listed counts right before the cue (only labels between
    them), and whether they are joined by 、/和/及 without a comma."""
    run = [counts[-1]]
    joined = True
    for n in reversed(counts[:-1]):
        between = text[n.end : run[0].start]
        if not _LIST_SEP_RE.match(between.lstrip("、和及与").rstrip()):
            if not re.match(r"^[,，][^,，。;；\d]{0,14}$", between):
                break
            joined = False
        run.insert(0, n)
    return run, joined


_APPLICATION_WORDS = lazyre.compile(r"申请|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复")


@rule(
    "GR632",
    name="narrative-percent-vs-table",
    family="tables",
    severity="error",
    message="正文称{part}占{reported},按表格应为{expected}",
    message_en="the text gives {part} as {reported}; against the table it is {expected}",
    builtin=True,
)
def narrative_percent(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A percentage of applications in the narrative does not match the table.

    What it does:
        For a share about applications whose whole the sentence does not
        state ("予以公开42件,占51.85%"), checks the percentage against the
        table's denominators: 办理结果总计, 新收 + 上年结转 and 新收.  It is
        raised only when no denominator is consistent; the coverage records
        the one that was.

    Why it matters:
        Shares of outcomes are the figures most often quoted from these
        reports.

    Example:
        2021年,全县予以公开49件,占45.2%。
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |
        → error, reported 45.2% (49 is 41.2% of 119 processed, 40.2% of 122, 41.9% of 117 received)

    Consistent example:
        2021年,全县予以公开49件,占41.2%。
        | (一)予以公开 | 40 | 6 | 0 | 1 | 1 | 1 | 49 |
        → 49 of 119 processed

        A share that names its part and whole in words only ("法人或其他组织
        提出的申请占收到申请的15%", "部分公开的申请占办结总数的8%") takes both from
        the table: the part is a row stem the restatements read (an applicant
        kind of the 本年新收 row, an outcome row or group), the whole a noun
        of a small class (新收 / 收到 / 受理 → 本年新收, 新收 + 上年结转;
        办结 / 答复 → 办理结果总计, 新收 + 上年结转).  A part narrowed to a
        subset (通过网络提交的…) is not read.
        A share that only truncation explains is a note (info).

        A share of the sum of the counts listed before it ("予以公开71件、
        部分公开14件,两项合计占48.0%", "…,合计占", "三项共计占") takes that
        sum as its part; the count word (两项) is never the part.  The sum is
        definite when the count word says how many items, or the items are
        joined by 、/和/及; a comma-separated list that fits no denominator,
        neither as a sum nor as its last count, is untestable.

    Known exceptions:
        Shares of a sub-total the text defines itself are checked by GR201.
    """
    t = _app(report)
    if t is None:
        return
    _worded_shares(report, ctx, t)
    dens = _gr632_denominators(t)
    if not dens:
        return
    modes = _gr632_modes(ctx.rounding_modes)
    numbers = [n for n in report.claims.found if n.is_quantity]
    for sh in report.claims.of("share"):
        v = _gr632_verdict(report, sh, dens, modes, numbers)
        if v is None:
            continue
        if v.status == "untestable":
            ctx.untestable(v.reason, subject=_GR632_SUBJECT)
        elif v.status == "pass":
            ctx.ok(spans=v.spans, reading=v.reading, subject=_GR632_SUBJECT)
        else:
            ctx.fail(
                v.spans,
                reported=sh.percent.text,
                expected=v.expected,
                severity=v.severity,
                reading=v.readings,
                subject=_GR632_SUBJECT,
                part=v.part,
            )


_GR632_SUBJECT = "申请占比 vs 表三"


@dataclass
class _Gr632Verdict:
    """What GR632 concludes about one share (see :func:`_gr632_verdict`)."""

    status: str  # pass | fail | untestable
    reason: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    reading: str | None = None
    expected: str = ""
    severity: str | None = None
    readings: list[str] = field(default_factory=list)
    part: str = ""


def _gr632_denominators(t: StandardTable) -> list[tuple[str, Decimal]]:
    """The applications table's denominators GR632 tries, the non-zero ones:
    办理结果总计, 新收 + 上年结转, 新收."""
    dens = [(name, _app_value(t, reading)[0]) for name, reading in (("办理结果总计", "processed_total"), ("新收+上年结转", "new+carry_in"), ("新收", "new"))]
    return [(n, v) for n, v in dens if v]  # type: ignore[misc]


def _gr632_modes(modes) -> list[str]:  # type: ignore[no-untyped-def]
    out = [m for m in (modes or ()) if m in ("half_up", "half_even", "half_down", "truncate")] or ["half_up"]
    if "truncate" not in out:
        out.append("truncate")  # a truncated share is at most a note
    return out


#: "网上申请中", "自然人申请当中", "在依申请公开的件中": the applications of one
#: kind named as the population a count and its share are taken from.
_SUB_POPULATION_RE = lazyre.compile(r"(?P<lead>[^,，。;；:：\d]{0,8})(?:申请|件)(?:的)?(?:当中|之中|中)(?!心|止|请)")
#: leads that make the population all the applications (the table's own total)
_WHOLE_POPULATION_RE = lazyre.compile(r"收到|全部|所有|全年|本年|今年|新收|受理|办结|办理|答复|上述|以上|这些|各类|共")


def _sub_population(text: str, part_start: int) -> bool:
    """Is the count at ``part_start`` counted within a sub-population of the
    applications named before it in its clause run ("信函申请中通过邮政寄送
    的8件", "法人申请当中,…5件")?  Its share is then of that sub-population,
    not of a table total.  A population that is all the applications
    (收到的申请中, 全部申请中) is not a sub-population."""
    lo = max(text.rfind("。", 0, part_start), text.rfind(";", 0, part_start), text.rfind("；", 0, part_start), part_start - 60, -1) + 1
    for m in _SUB_POPULATION_RE.finditer(text, lo, part_start):
        if not _WHOLE_POPULATION_RE.search(m.group("lead")) and m.group("lead").strip():
            return True
    return False


def _gr632_verdict(report, sh, dens, modes: list[str], numbers) -> _Gr632Verdict | None:  # type: ignore[no-untyped-def]
    """GR632's conclusion about one share against the table's denominators
    ``dens``: None when the share is not GR632's (its whole is stated, it
    has no part or percentage, an approximate part, or it does not speak of
    applications), else a pass, a fail or an untestable verdict."""
    from ..arith import in_interval

    text = report.text
    scope = _gr632_scope(report, sh)
    if scope is not True:
        return scope  # None (not GR632's) or untestable
    spans = [(sh.part.start, sh.part.end), (sh.percent.start, sh.percent.end)]
    part = Fraction(str(sh.part.value))
    summed = _summed_part(text, sh, numbers)
    definite = True
    if summed is not None:
        part, part_spans, definite = summed
        spans = part_spans + [(sh.percent.start, sh.percent.end)]
    elif sh.part.unit == "项" or _SUM_CUE_RE.search(text[sh.part.end : sh.percent.start]):
        return _Gr632Verdict("untestable", "a share of a sum of listed counts that could not be read")
    fits = {mode: [n for n, v in dens if in_interval(part * 100 / Fraction(str(v)), sh.percent.interval(mode))] for mode in modes}
    primary = modes[0]
    if not definite and not fits[primary] and sh.part.unit != "项":
        # the list may be shorter than read: the count the share follows
        own = Fraction(str(sh.part.value))
        alone = [n for n, v in dens if in_interval(own * 100 / Fraction(str(v)), sh.percent.interval(primary))]
        if alone:
            return _Gr632Verdict("pass", spans=[(sh.part.start, sh.part.end), (sh.percent.start, sh.percent.end)], reading=f"÷{alone[0]}")
    if fits[primary]:
        return _Gr632Verdict("pass", spans=spans, reading=("合计 " if summed else "") + f"÷{fits[primary][0]}")
    if not definite:
        return _Gr632Verdict("untestable", "a share of a sum whose listed counts are not certain")
    trunc = [n for m, ns in fits.items() if m == "truncate" for n in ns]
    return _gr632_fail(text, sh, dens, part, spans, trunc, summed is not None)


def _gr632_fail(text: str, sh, dens, part: Fraction, spans: list[tuple[int, int]], trunc: list[str], summed: bool) -> _Gr632Verdict:  # type: ignore[no-untyped-def]
    """A share no table denominator explains: the percentages each would
    give; a note only when truncation explains it."""
    from ..arith import fmt_percent

    expected = " 或 ".join(f"{fmt_percent(part * 100 / Fraction(str(v)), sh.percent.decimals)}(÷{n} {_n(v)})" for n, v in dens)
    return _Gr632Verdict(
        "fail",
        spans=spans,
        expected=expected + (f";截尾可得(÷{trunc[0]})" if trunc else ""),
        severity="info" if trunc else None,  # truncation only: at most a note
        readings=[f"÷{n}" for n, _ in dens],
        part="+".join(text[a:b] for a, b in spans[:-1]) if summed else sh.part.text,
    )


def _gr632_scope(report, sh) -> _Gr632Verdict | bool | None:  # type: ignore[no-untyped-def]
    """Whether a share is GR632's to check: True; None when it is not (its
    whole is stated, it has no part or percentage, an approximate part, or
    it does not speak of applications); an untestable verdict when its whole
    is a part of the organ or a sub-population of the applications."""
    text = report.text
    # a whole the sentence does not state (none, or one guessed from the
    # context by the claims reader) leaves the table's denominators open
    if (sh.resolved and getattr(sh, "whole_source", "") != "context") or sh.part is None or sh.percent is None or sh.part.approx is not None:
        return None
    sent = text[sh.start - 40 if sh.start >= 40 else 0 : sh.end]
    if not _APPLICATION_WORDS.search(sent):
        return None
    if _sub_unit(_sentence_before(text, sh.part.start), getattr(report.metadata, "agency", None)):
        return _Gr632Verdict("untestable", "a share within a part of the organ (本级, its departments or townships)")
    if _sub_population(text, sh.part.start):
        return _Gr632Verdict("untestable", "a share within a sub-population of the applications (网上申请中, 自然人申请中)")
    return True


def checked_by_gr632(report, share, rounding_modes=None) -> bool:  # type: ignore[no-untyped-def]
    """Would GR632 (narrative-percent-vs-table) decide this share against
    the applications table?

    True when the report's applications table is readable and states a
    denominator (办理结果总计, 新收 + 上年结转 or 新收) and GR632 reaches a
    pass or a fail on the share: its whole is not stated (or only guessed
    from the context), it speaks of applications, is not scoped to a part of
    the organ, and its part — one count, or a sum of listed counts — can be
    read.  False for every share GR632 skips or leaves untestable.  It runs
    GR632's own decision (:func:`_gr632_verdict`), so the two cannot drift;
    ``rounding_modes`` are the audit's (``ctx.rounding_modes``; default
    half-up), which decide whether an uncertain sum fits.

    Another rule checking the same share (GR201) defers to GR632 when this
    is True, so that one fault gives one finding."""
    t = _app(report)
    if t is None:
        return False
    dens = _gr632_denominators(t)
    if not dens:
        return False
    numbers = [n for n in report.claims.found if n.is_quantity]
    v = _gr632_verdict(report, share, dens, _gr632_modes(rounding_modes), numbers)
    return v is not None and v.status in ("pass", "fail")


_UPHELD_RE = lazyre.compile(
    r"均(?:获|予|被|为)?维持|全部(?:获得?|为)?维持|零败诉|无败诉|未败诉|(?:均)?(?:未被|无被|没有被)(?:依法)?纠错|无(?:一例)?被纠错"
    r"|未(?:发生|出现)(?:过)?(?:被)?(?:依法)?(?:纠错|纠正|败诉)|均(?:被)?(?:判决|裁定)?驳回(?:了)?(?:原告)?(?:的)?(?:全部)?诉讼请求"
)
_CLOSED_RE = lazyre.compile(r"均已审结|全部审结|均已结案|全部结案|均已办结|全部办结|均已办理完毕")
#: 办结 closes cases only in a sentence about them (复议, 诉讼, 案件); about
#: applications it is GR635's.
_CASE_WORDS_RE = lazyre.compile(r"复议|诉讼|案件")


@rule(
    "GR633",
    name="qualitative-claim-vs-table",
    family="tables",
    severity="error",
    message="正文称“{reported}”,但复议诉讼情况表{expected}",
    message_en="the text says “{reported}”, but the review/litigation table shows {expected}",
    builtin=True,
)
def qualitative_vs_table(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """A qualitative statement about reviews and lawsuits contradicts the table.

    What it does:
        均获维持 / 零败诉 / 无被纠错 / 未发生被纠错 / 法院均判决驳回诉讼请求 with
        结果纠正 > 0; 均获维持 and 均驳回 also with 尚未审结 > 0; 均已审结 with
        尚未审结 > 0 or 其他结果 > 0 (every case upheld, none ended
        otherwise); 均已审结 with 尚未审结 > 0; 未发生行政复议 (or 行政诉讼)
        with a non-zero total.  A blank, "/" or "—" cell in a block means
        none.

        A Table 4 flattened into text with its blank cells dropped ("1 1 2")
        fits its block identities in several ways; the readings that agree
        with the narrative's own totals (被申请行政复议N件, 未发生行政诉讼) are
        kept, and a statement is reported only when it is false in every
        one of them (true in every one: a pass; otherwise untestable).

    Why it matters:
        These statements are read as the organ's record in court; saying all
        decisions were upheld while the table shows corrections misleads.

    Example:
        2021年,本县行政复议案件均获维持。
        | 1 | 1 | 0 | 0 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |
        → error, reported 均获维持, expected 结果纠正1

    Consistent example:
        2021年,本县行政复议案件均获维持。
        | 2 | 0 | 0 | 0 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |

    Known exceptions:
        A statement limited to one block ("行政复议均获维持") is checked
        against that block only.
    """
    t = report.table("review")
    if t is None:
        return
    views = [t]
    if t.ambiguous:
        if not t.alternatives:
            return
        views = _narrative_views(report, t)
    rv = _ReviewViews(views, ctx)
    for p in report.paragraphs:
        for m in _UPHELD_RE.finditer(p.text):
            _judge_upheld(rv, p, m)
        for m in _CLOSED_RE.finditer(p.text):
            _judge_closed(rv, p, m)
    if t.ambiguous:
        _zero_claims_vs_readings(report, ctx, t)
        return
    for z in report.claims.of("zero"):
        _judge_zero(ctx, t, z)


def _blocks_for(s: str) -> tuple[str, ...]:
    """The Table 4 blocks a sentence speaks of: 复议, 诉讼 (法院) or both."""
    rv, lit = "复议" in s, ("诉讼" in s or "法院" in s)
    if rv and not lit:
        return ("review",)
    if lit and not rv:
        return ("lit_direct", "lit_after_review")
    return REVIEW_BLOCKS


@dataclass
class _ReviewViews:
    """Table 4 as one reading, or the readings of a flattened table that fit
    what the narrative states; a claim fails only when it fails in every
    reading."""

    views: list[StandardTable]
    ctx: object

    @property
    def how(self) -> str:
        return f"(展平表格的{len(self.views)}种读法均如此)" if len(self.views) > 1 else ""

    def totals(self, field_: str, blocks: tuple[str, ...]) -> list[Decimal] | None:
        """The field summed over the blocks, per reading; None when a cell
        is missing or no reading fits (then recorded as untestable)."""
        if not self.views:
            self.ctx.untestable("the flattened review table fits its identities several ways and the narrative does not decide", subject="表四")  # type: ignore[attr-defined]
            return None
        got = [_review_sum(v, field_, blocks) for v in self.views]
        return None if any(g is None for g in got) else got  # type: ignore[return-value]

    def judge(self, span, bads: list[bool], reported: str, expected: str, subject: str) -> None:  # type: ignore[no-untyped-def]
        ctx = self.ctx
        if all(bads):
            ctx.fail(span, reported=reported, expected=expected + self.how, subject=subject)  # type: ignore[attr-defined]
        elif not any(bads):
            ctx.ok(spans=span, subject=subject)  # type: ignore[attr-defined]
        else:
            ctx.untestable("the readings of the flattened review table disagree", subject=subject)  # type: ignore[attr-defined]


def _judge_upheld(rv: _ReviewViews, p, m) -> None:  # type: ignore[no-untyped-def]
    """均予维持 / 未被纠错 / 均驳回: no 结果纠正 (and with 均, no 其他结果 or
    尚未审结 either) in the blocks the sentence speaks of."""
    sent = re.split(r"[。;；]", p.text[: m.start()])[-1] + m.group()
    bl = ("lit_direct", "lit_after_review") if "驳回" in m.group() else _blocks_for(sent)
    corrected = rv.totals("corrected", bl)
    if corrected is None:
        return
    pending, other = rv.totals("pending", bl), rv.totals("other", bl)
    g = m.group()
    all_kept = g.startswith("均") and ("维持" in g or "驳回" in g)
    n = len(rv.views)
    bads = [
        corrected[i] > 0
        or (all_kept and pending is not None and pending[i] > 0)
        or (all_kept and other is not None and other[i] > 0)  # 均获维持: every case upheld, none ended otherwise
        for i in range(n)
    ]
    span = [(p.start + m.start(), p.start + m.end())]
    subject = "表四 " + "、".join(REVIEW_BLOCK_LABELS[b] for b in bl) + " 结果纠正" + ("/其他结果/尚未审结" if all_kept else "")
    rv.judge(span, bads, g, _upheld_expected(corrected, other, pending, all_kept), subject)


def _upheld_expected(corrected: list[Decimal], other: list[Decimal] | None, pending: list[Decimal] | None, all_kept: bool) -> str:
    """What Table 4 shows against 均予维持: the cells of the one reading, or
    the least sum over the readings of a flattened table."""
    if len(corrected) > 1:  # the cells differ between readings: their least sum
        least = min(corrected[i] + ((other[i] if other else 0) + (pending[i] if pending else 0) if all_kept else 0) for i in range(len(corrected)))
        return ("结果维持以外的案件至少" if all_kept else "结果纠正至少") + _n(Decimal(least))
    what = f"结果纠正{_n(corrected[0])}"
    if all_kept and other is not None and other[0]:
        what += f"、其他结果{_n(other[0])}"
    if all_kept and pending is not None and pending[0]:
        what += f"、尚未审结{_n(pending[0])}"
    return what


def _judge_closed(rv: _ReviewViews, p, m) -> None:  # type: ignore[no-untyped-def]
    """均已审结 / 已全部审结 (均已办结 in a sentence about 复议 or 诉讼
    cases): no case 尚未审结."""
    sent = re.split(r"[。;；]", p.text[: m.start()])[-1]
    if "办" in m.group() and not _CASE_WORDS_RE.search(sent):
        return  # applications finished: not a claim about Table 4
    pend = rv.totals("pending", _blocks_for(sent + m.group()))
    if pend is None:
        return
    span = [(p.start + m.start(), p.start + m.end())]
    rv.judge(span, [x > 0 for x in pend], m.group(), f"尚未审结{_n(pend[0]) if len(rv.views) == 1 else '至少' + _n(min(pend))}", "表四 尚未审结")


def _judge_zero(ctx, t: StandardTable, z) -> None:  # type: ignore[no-untyped-def]
    """A zero statement (未发生行政复议) against the block's total, or its
    结果纠正 for "未…被纠错" ("未发生…被行政复议纠错或行政诉讼败诉" denies
    corrections, not cases)."""
    field_, word = ("corrected", "结果纠正") if _RX7.search(z.text) else ("total", "总计")
    for topic, bl in (("review", ("review",)), ("litigation", ("lit_direct", "lit_after_review"))):
        if topic not in z.topics:
            continue
        tot = _review_sum(t, field_, bl)
        if tot is None:
            continue
        name = "行政复议" if topic == "review" else "行政诉讼"
        subject = f"表四 {name}{word}"
        if tot > 0:
            ctx.fail([(z.start, z.end)], reported=z.text[:30], expected=f"{name}{word}{_n(tot)}", subject=subject)
        else:
            ctx.ok(spans=[(z.start, z.end)], subject=subject)


def _zero_claims_vs_readings(report, ctx, t: StandardTable) -> None:  # type: ignore[no-untyped-def]
    """A zero statement (未发生行政复议和行政诉讼) against a flattened review
    table's readings that agree with the narrative's counts: reported when
    every reading has a case (a 未发生…和… statement covers both kinds at
    once), a pass when none has, untestable otherwise."""
    views = _narrative_views(report, t, zeros=False, all_if_none=True)
    for z in report.claims.of("zero"):
        field, word = ("corrected", "结果纠正") if _RX7.search(z.text) else ("total", "总计")
        blocks: tuple[str, ...] = ()
        names = []
        for topic, bl, name in (("review", ("review",), "行政复议"), ("litigation", ("lit_direct", "lit_after_review"), "行政诉讼")):
            if topic in z.topics:
                blocks += bl
                names.append(name)
        if not blocks:
            continue
        subject = f"表四 {'和'.join(names)}{word}"
        if not views:
            ctx.untestable("the flattened review table fits its identities several ways and the narrative does not decide", subject=subject)
            continue
        got = [_alt_sum(v.cells, blocks, field) for v in views]
        span = [(z.start, z.end)]
        if all(g > 0 for g in got):
            how = f"至少{_n(min(got))}(展平表格的{len(views)}种读法均如此)" if len(views) > 1 else _n(got[0])
            ctx.fail(span, reported=z.text[:30], expected=f"{'和'.join(names)}{word}{how}", subject=subject)
        elif all(g == 0 for g in got):
            ctx.ok(spans=span, subject=subject)
        else:
            ctx.untestable("the readings of the flattened review table disagree", subject=subject)


def _alt_sum(alt, bl: tuple[str, ...], field: str) -> Decimal:  # type: ignore[no-untyped-def]
    """A field summed over blocks in one reading: its blank cells are none."""
    return sum((c.numeric or Decimal(0) for b in bl if (c := alt.get((b, field))) is not None), Decimal(0))


#: What the narrative states of Table 4: (blocks, field, the sum over them).
_Fact = tuple[tuple[str, ...], str, Decimal]


def _narrative_views(report, t: StandardTable, *, zeros: bool = True, all_if_none: bool = False) -> list[StandardTable]:  # type: ignore[no-untyped-def]
    """The readings of a flattened review table (blank cells dropped) that
    agree with what the narrative states about its totals: no review / no
    lawsuit (a zero statement, unless ``zeros`` is False), 被申请行政复议N件,
    行政诉讼N件.  Empty when the narrative states nothing (every reading
    with ``all_if_none``) or nothing fits."""
    facts = (_zero_facts(report) if zeros else []) + _count_facts(report)
    if not facts and not all_if_none:
        return []
    return [
        StandardTable("review", t.layout, t.source, cells=alt)
        for alt in t.alternatives
        if all(_alt_sum(alt, bl, f) == val for bl, f, val in facts)
    ]


def _zero_facts(report) -> list[_Fact]:  # type: ignore[no-untyped-def]
    """What the zero statements state of Table 4: a 0 for each kind of case
    a statement denies (review, both lawsuit blocks), in 结果纠正 when it
    denies corrections (未…被纠错), else in 总计."""
    facts: list[_Fact] = []
    for z in report.claims.of("zero"):
        field = "corrected" if _RX7.search(z.text) else "total"
        for topic, bl in (("review", ("review",)), ("litigation", ("lit_direct", "lit_after_review"))):
            if topic in z.topics:
                facts.append((bl, field, Decimal(0)))
    return facts


def _count_facts(report) -> list[_Fact]:  # type: ignore[no-untyped-def]
    """What the narrative's counts of cases state of Table 4's totals, in
    the order of the counts (see :func:`_count_fact`)."""
    text = report.text
    agency = getattr(report.metadata, "agency", None)
    facts: list[_Fact] = []
    for n in report.claims.found:
        fact = _count_fact(n, text, agency)
        if fact is not None:
            facts.append(fact)
    return facts


def _is_case_count(n) -> bool:  # type: ignore[no-untyped-def]
    """Is the number an exact count of cases (件, 起, 宗)?"""
    return n.is_quantity and n.kind in ("count", "number") and n.approx is None and n.unit in ("件", "起", "宗")


def _count_fact(n, text: str, agency: str | None) -> _Fact | None:  # type: ignore[no-untyped-def]
    """The Table 4 total a count of cases restates: 被申请行政复议N件 (the
    review block), 行政诉讼N件 (both lawsuit blocks); None for anything
    else, a comparison or running total (上年, 同比, 累计) and a part of the
    organ."""
    if not _is_case_count(n):
        return None
    clause = re.split(r"[,，。;；:：()（）\n]", text[max(0, n.start - 30) : n.start])[-1]
    if _RX3.search(clause) or _sub_unit(_sentence_before(text, n.start), agency):
        return None
    if _RX4.search(clause) and not _RX5.search(clause):
        return (("review",), "total", n.value)
    if _RX6.search(clause):
        return (("lit_direct", "lit_after_review"), "total", n.value)
    return None


@rule(
    "GR634",
    name="fee-statement-vs-table",
    family="tables",
    severity="warning",
    message="正文称“{reported}”,但申请情况表“逾期未按收费通知要求缴纳费用”一行总计为{expected}",
    message_en="the text says “{reported}”, but the applications table counts {expected} applications dropped for unpaid fees",
    builtin=True,
)
def fee_statement(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The fee statement contradicts the table's fee row (2021 format).

    What it does:
        A statement that no fee was charged or no fee notice was issued
        ("未收取信息处理费") while the applications table counts applications
        closed because the applicant did not pay a fee (其他处理 2.).

    Why it matters:
        An application can only lapse for an unpaid fee after a fee notice was
        issued; the two statements cannot both be true.

    Example:
        2021年,本机关未发出收费通知,未收取信息处理费。
        | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
        → warning, expected 2

    Consistent example:
        2021年,本机关未发出收费通知,未收取信息处理费。
        | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

    Known exceptions:
        Notices issued last year for applications closed this year.
    """
    t = _app(report)
    if t is None:
        raw = report.table("applications")
        if raw is not None and "other.fee_unpaid" in raw.ambiguous_rows:
            a, b, _ = raw.ambiguous_spans.get("other.fee_unpaid", (raw.start, raw.start, ""))
            for z in report.claims.of("zero"):
                if "fees" in z.topics and "通知" in z.text:
                    ctx.untestable(raw.ambiguity_reason("other.fee_unpaid"), spans=[(z.start, z.end), (a, b)], subject="表三 逾期未缴费")
        return
    v = t.value("other.fee_unpaid", "total")
    if v is None:
        return
    for z in report.claims.of("zero"):
        # "未收取信息处理费" is consistent with unpaid fees; only a statement
        # that no fee notice was issued contradicts the row.
        if "fees" not in z.topics or "通知" not in z.text:
            continue
        if v > 0:
            ctx.fail([(z.start, z.end)], reported=z.text[:30], expected=_n(v), subject="表三 逾期未缴费")
        else:
            ctx.ok(spans=[(z.start, z.end)], subject="表三 逾期未缴费")




_ALL_CLOSED_RE = lazyre.compile(
    r"(?:(?<![平人])均|(?<![占在从于对])全部|都)(?:已|已经)?(?:按期|按时|依法|如期|在法定期限内)?(?:办结|办理完毕|答复完毕|予以答复|作出答复|答复)"
    r"(?![率的量数总件申中])"
)
#: (全部办结 as a noun — 占全部办结量的47%, 在全部办结申请中, 全部办结数 — is
#: no claim that everything was finished: a 全部 after 占/在/从/于/对, or an
#: 办结 before 率/的/量/数/总/件/申请/中, names the applications closed.)
_RATE_100_RE = lazyre.compile(r"(?<![按如]期|按时|及时)(?:办结|答复)率(?:达到?|为|是)?(?:了)?100(?:\.0+)?%")
#: (The 均 of 平均 / 人均 — 平均用时为6个工作日 — is no quantifier.)
#: A sentence that limits "all" to a subset or already excepts the carried-over ones.
_CLOSED_SCOPE_RE = lazyre.compile(r"结转|其余|其他|除|以外|之外|网上|信函|当面|复议|诉讼|投诉|建议|提案|议案|来信|咨询|留言|热线|12345")


@rule(
    "GR635",
    name="all-closed-vs-carry-out",
    family="tables",
    severity="warning",
    message="正文称“{reported}”,但申请情况表结转下年度继续办理为{expected}",
    message_en="the text says “{reported}”, but the applications table carries {expected} applications into next year",
    builtin=True,
)
def all_closed(report, ctx) -> None:  # type: ignore[no-untyped-def]
    """The narrative says every application was closed (均已办结, 均已按期答复,
    办结率100%) while the applications table carries some into next year.

    What it does:
        Finds 均已(按期)办结 / 全部办结 / 均已答复 and 办结率(答复率)100% in
        a sentence about the applications, and compares with 四、结转下年度
        继续办理 总计 (a blank total counts as the sum of its parts).  A
        sentence that excepts some applications (除…外, 其余, 结转) or speaks
        of another kind of case (复议, 诉讼, 投诉, 建议提案, 热线) is not
        checked; neither are on-time rates (按期办结率), which the table does
        not count, nor an average (平均用时为…个工作日: the 均 of 平均
        is no "all"), nor 全部办结 as a noun (占全部办结量的47%, 在全部办结
        申请中, 全部办结数: the applications closed, not a claim that all
        were).

    Why it matters:
        An application carried into next year is not closed; "all closed"
        overstates the organ's record and hides the backlog.

    Example:
        2021年收到的申请都已按时办理完毕。
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        → warning, reported 都已按时办理完毕, expected 3

    Consistent example:
        2021年收到的申请都已按时办理完毕。
        | 一、本年新收政府信息公开申请数量 | 96 | 12 | 0 | 1 | 3 | 2 | 114 |
        | 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        → nothing carried over; "除3件转入下一年度外,其余都已按时办理完毕" is not flagged either

    Known exceptions:
        A statement about the applications answered (not received) this year.
    """
    t = _app(report)
    if t is None:
        return
    carry, from_parts = _total(t, "carry_out")
    if carry is None:
        return
    for p in report.paragraphs:
        for rx in (_ALL_CLOSED_RE, _RATE_100_RE):
            for m in rx.finditer(p.text):
                sent = re.split(r"[。;；!！?？]", p.text[: m.start()])[-1]
                if not re.search(r"申请|依申请", sent + m.group()) or _CLOSED_SCOPE_RE.search(sent):
                    continue
                span = [(p.start + m.start(), p.start + m.end())]
                if carry > 0:
                    ctx.fail(span, reported=m.group(), expected=_n(carry) + ("(总计空白,按分项之和)" if from_parts else ""), subject="表三 结转下年度 总计")
                else:
                    ctx.ok(spans=span, subject="表三 结转下年度 总计")
