"""The indicator catalogue: every definition as a small named piece.

A :class:`Definition` names an indicator and one of its variants (the
literature does not agree on denominators, so each reading is a variant of
its own), its label, what kind of figure it is, and its numerator and
denominator as sums of cells (:class:`Term`).  docs/indicators.md documents
each one; tests/test_indicators.py computes each on a report whose values
are known by construction.

Row keys are the canonical keys of :mod:`gireport.tables.model`; a key ending
in ``*`` stands for every row it begins (``denied.*``: the eight reasons of
不予公开).  Old-template definitions match the old statistics table's row
labels with regular expressions.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Term", "Definition", "DEFINITIONS", "definitions_for"]

APP = "applications"
REV = "review"
PRO = "proactive"
OLD = "old_stats"
NEW_TEMPLATES = ("2019", "2021")


@dataclass(frozen=True)
class Term:
    """The sum of the cells of ``rows`` in column ``col`` of ``table``.
    ``regex``: ``rows`` are regular expressions on the row keys (the old
    statistics table), the first matching row counting — after the first row
    matching ``after`` when given."""

    table: str
    rows: tuple[str, ...]
    col: str = "total"
    regex: bool = False
    after: str | None = None


@dataclass(frozen=True)
class Definition:
    """One way to compute an indicator: its variant and label, kind (rate,
    count or amount), the terms of its numerator and denominator, the
    templates it applies to and the unit of its value."""

    indicator: str
    variant: str
    label: str
    kind: str  # rate | count | amount
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...] = ()
    templates: tuple[str, ...] = NEW_TEMPLATES
    unit: str = ""
    #: the denominator counts applications or cases (a rate on fewer than
    #: 30 is flagged as a small sample)
    per_application: bool = False


def _app(*rows: str, col: str = "total") -> Term:
    return Term(APP, rows, col)


PROCESSED = (_app("processed_total"),)
RECEIVED = (_app("new", "carry_in"),)
APPLICANTS = {"natural": "自然人", "business": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织", "legal": "法律服务机构", "other_org": "其他组织"}
DENIAL_REASONS = {
    "state_secret": "国家秘密", "law_prohibited": "法律行政法规禁止公开", "security_stability": "三安全一稳定", "third_party": "第三方合法权益",
    "internal_affairs": "三类内部事务信息", "process_info": "四类过程性信息", "enforcement_file": "行政执法案卷", "admin_query": "行政查询事项",
}
LITIGATION = ("lit_direct", "lit_after_review")


def _rate(ind: str, variant: str, label: str, num: tuple[Term, ...], den: tuple[Term, ...], **kw: object) -> Definition:
    return Definition(ind, variant, label, "rate", num, den, per_application=True, **kw)  # type: ignore[arg-type]


def _new_format() -> list[Definition]:
    d: list[Definition] = [
        Definition("new_applications", "count", "本年新收申请数", "count", (_app("new"),), unit="件"),
        Definition("carried_in", "count", "上年结转申请数", "count", (_app("carry_in"),), unit="件"),
        Definition("processed", "count", "办理结果总计", "count", PROCESSED, unit="件"),
    ]
    for col, name in APPLICANTS.items():
        d.append(_rate("applicant_share", col, f"申请人结构:{name}占新收", (_app("new", col=col),), (_app("new"),)))
    d += [
        _rate("disclosure_rate", "granted_partial/processed", "公开率:(予以公开+部分公开)/办理结果总计", (_app("granted", "partial"),), PROCESSED),
        _rate("disclosure_rate", "granted_partial/received", "公开率:(予以公开+部分公开)/(新收+上年结转)", (_app("granted", "partial"),), RECEIVED),
        _rate("disclosure_rate", "granted/processed", "公开率:予以公开/办理结果总计", (_app("granted"),), PROCESSED),
        _rate("denial_rate", "denied/processed", "不予公开率", (_app("denied.*"),), PROCESSED),
    ]
    for key, name in DENIAL_REASONS.items():
        d.append(_rate("denial_reason_mix", key, f"不予公开理由构成:{name}", (_app(f"denied.{key}"),), (_app("denied.*"),)))
    d += [
        _rate("unable_rate", "unable/processed", "无法提供率", (_app("unable.*"),), PROCESSED),
        _rate("not_held_share", "not_held/unable", "无法提供中“本机关不掌握”占比", (_app("unable.not_held"),), (_app("unable.*"),)),
        _rate("not_processed_rate", "not_processed/processed", "不予处理率", (_app("not_processed.*"),), PROCESSED),
        _rate("other_processing_rate", "other/processed", "其他处理率", (_app("other*"),), PROCESSED),
        _rate("other_processing_rate", "no_correction/processed", "其他处理率:逾期不补正", (_app("other.no_correction"),), PROCESSED, templates=("2021",)),
        _rate("other_processing_rate", "fee_unpaid/processed", "其他处理率:逾期未缴费", (_app("other.fee_unpaid"),), PROCESSED, templates=("2021",)),
        _rate("completion_rate", "processed/received", "办结率:办理结果总计/(新收+上年结转)", PROCESSED, RECEIVED),
        _rate("carry_over_rate", "carry_out/received", "结转率:结转下年度/(新收+上年结转)", (_app("carry_out"),), RECEIVED),
        _rate("review_rate", "review/processed", "复议率:行政复议总计/办理结果总计", (Term(REV, ("review",), "total"),), PROCESSED),
        _rate("litigation_rate", "litigation/processed", "诉讼率:行政诉讼总计/办理结果总计", (Term(REV, LITIGATION, "total"),), PROCESSED),
        _rate("review_correction_rate", "corrected/decided", "复议纠错率:结果纠正/已审结(总计−尚未审结)",
              (Term(REV, ("review",), "corrected"),), (Term(REV, ("review",), "total"), Term(REV, ("-review",), "pending"))),
        _rate("review_correction_rate", "corrected/total", "复议纠错率:结果纠正/总计", (Term(REV, ("review",), "corrected"),), (Term(REV, ("review",), "total"),)),
        _rate("litigation_loss_rate", "corrected/decided", "诉讼败诉率:结果纠正/已审结(总计−尚未审结)",
              (Term(REV, LITIGATION, "corrected"),), (Term(REV, LITIGATION, "total"), Term(REV, tuple("-" + b for b in LITIGATION), "pending"))),
        _rate("litigation_loss_rate", "corrected/total", "诉讼败诉率:结果纠正/总计", (Term(REV, LITIGATION, "corrected"),), (Term(REV, LITIGATION, "total"),)),
        _rate("correction_rate_combined", "corrected/total", "综合纠错率:(复议+诉讼)结果纠正/(复议+诉讼)总计",
              (Term(REV, ("review",) + LITIGATION, "corrected"),), (Term(REV, ("review",) + LITIGATION, "total"),)),
        _rate("dispute_rate", "review_litigation/new", "争议转化率:(复议+诉讼)总计/本年新收", (Term(REV, ("review",) + LITIGATION, "total"),), (_app("new"),)),
        _rate("pending_share", "review", "行政复议尚未审结占比", (Term(REV, ("review",), "pending"),), (Term(REV, ("review",), "total"),)),
        _rate("pending_share", "litigation", "行政诉讼尚未审结占比", (Term(REV, LITIGATION, "pending"),), (Term(REV, LITIGATION, "total"),)),
    ]
    for row, name in (("regulations", "规章"), ("normative_docs", "行政规范性文件")):
        d += [
            Definition(f"{row}_made", "count", f"{name}本年制发件数", "count", (Term(PRO, (row,), "made"),), templates=("2021",), unit="件"),
            Definition(f"{row}_repealed", "count", f"{name}本年废止件数", "count", (Term(PRO, (row,), "repealed"),), templates=("2021",), unit="件"),
            Definition(f"{row}_valid", "count", f"{name}现行有效件数", "count", (Term(PRO, (row,), "valid"),), templates=("2021",), unit="件"),
            Definition(f"{row}_net", "made-repealed", f"{name}净增(制发−废止)", "count",
                       (Term(PRO, (row,), "made"), Term(PRO, ("-" + row,), "repealed")), templates=("2021",), unit="件"),
            Definition(f"{row}_made", "new_made", f"{name}本年新制作数量", "count", (Term(PRO, (row,), "new_made"),), templates=("2019",), unit="件"),
            Definition(f"{row}_published", "new_published", f"{name}本年新公开数量", "count", (Term(PRO, (row,), "new_published"),), templates=("2019",), unit="件"),
            Definition(f"{row}_valid", "total_published", f"{name}对外公开总数量", "count", (Term(PRO, (row,), "total_published"),), templates=("2019",), unit="件"),
        ]
    for row, name in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制")):
        d.append(Definition(f"{row}_decisions", "count", f"{name}本年处理决定数量", "count", (Term(PRO, (row,), "decisions"),), unit="件"))
    d.append(Definition("fee_amount", "admin_fee", "行政事业性收费金额", "amount", (Term(PRO, ("admin_fee",), "amount_wan"),), templates=("2021",), unit="万元"))
    return d


def _old(rows: str, after: str | None = None) -> Term:
    return Term(OLD, (rows,), "value", regex=True, after=after)


_OLD_RECEIVED = (_old(r"^收到申请数$|^受理依申请公开信息总数$"),)
_OLD_REPLIED = (_old(r"^申请答复数$|^对申请的答复总数$"),)
_OLD_CHANNELS = {"in_person": ("当面", r"^当面申请"), "fax": ("传真", r"^传真申请"), "online": ("网络", r"^网络申请|^网上申请"),
                 "letter": ("信函", r"^信函申请"), "email": ("电子邮件", r"^电子邮件申请"), "other": ("其他方式", r"^其他(?:方式|形式)申请")}


def _old_format() -> list[Definition]:
    old = ("old",)
    d: list[Definition] = [Definition("new_applications", "count", "收到申请数", "count", _OLD_RECEIVED, templates=old, unit="件")]
    for key, (name, pat) in _OLD_CHANNELS.items():
        d.append(_rate("application_channel_share", key, f"申请方式:{name}占收到申请数", (_old(pat),), _OLD_RECEIVED, templates=old))
    d += [
        _rate("disclosure_rate", "granted/replied", "同意公开率:同意公开答复数/申请答复数", (_old(r"^同意公开答复"),), _OLD_REPLIED, templates=old),
        _rate("disclosure_rate", "granted_partial/replied", "公开率:(同意公开+同意部分公开)/申请答复数",
              (_old(r"^同意公开答复"), _old(r"^同意部分公开")), _OLD_REPLIED, templates=old),
        _rate("completion_rate", "completed/received", "办结率:申请办结数/收到申请数", (_old(r"^申请办结数$"),), _OLD_RECEIVED, templates=old),
        _rate("review_correction_rate", "corrected/total", "复议纠错率:被依法纠错数/行政复议数量",
              (_old(r"^被依法纠错", after=r"^行政复议数量$"),), (_old(r"^行政复议数量$"),), templates=old),
        _rate("litigation_loss_rate", "corrected/total", "诉讼败诉率:被依法纠错数/行政诉讼数量",
              (_old(r"^被依法纠错", after=r"^行政诉讼数量$"),), (_old(r"^行政诉讼数量$"),), templates=old),
        Definition("fee_amount", "charged", "依申请公开收取的费用", "amount", (_old(r"收取的费用|收费金额|^收取费用"),), templates=old),
        Definition("fee_waived", "waived", "减免的费用", "amount", (_old(r"减免"),), templates=old),
        Definition("staff", "total", "从事政府信息公开工作人员数", "count", (_old(r"^从事政府信息公开工作人员数$"),), templates=old, unit="人"),
        Definition("staff", "full_time", "专职人员数", "count", (_old(r"^专职人员"),), templates=old, unit="人"),
        Definition("staff", "part_time", "兼职人员数", "count", (_old(r"^兼职人员"),), templates=old, unit="人"),
    ]
    return d


#: Every definition, new-format first.
DEFINITIONS: tuple[Definition, ...] = tuple(_new_format() + _old_format())


def definitions_for(template: str | None) -> list[Definition]:
    """The definitions that apply to a report of ``template``."""
    return [d for d in DEFINITIONS if (template or "old") in d.templates]
