"""Template detection: ``old`` (2008–2018), ``2019`` (国办公开办函〔2019〕60号)
or ``2021`` (〔2021〕30号).  The decision keeps the signals that made it."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["TemplateInfo", "detect_template", "expected_template"]

SIGNALS_2021 = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "申请人无正当理由逾期不补正",
    "申请人逾期未按收费通知要求缴纳费用",
)
SIGNALS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
)
SIGNALS_NEW = (
    "收到和处理政府信息公开申请",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "结转下年度继续办理",
    "第二十条第(一)项",
    "属于三类内部事务信息",
    "属于四类过程性信息",
    "政府信息公开行政复议、行政诉讼情况",
)
SIGNALS_OLD = (
    "概述",
    "依申请公开政府信息情况",
    "依申请公开政府信息的情况",
    "收费及减免",
    "回应解读情况",
    "收到申请数",
    "同意公开答复数",
    "不同意公开答复数",
    "申请办结数",
)


@dataclass(frozen=True)
class TemplateInfo:
    """``name`` is ``old``, ``2019`` or ``2021``; ``signals`` the label
    strings (or section facts) that decided it; ``expected`` the template the
    report year calls for (None without a year)."""

    name: str
    signals: tuple[str, ...] = field(default_factory=tuple)
    expected: str | None = None

    @property
    def deviates(self) -> bool:
        """True when the detected template is not the one the year calls for."""
        return self.expected is not None and self.expected != self.name

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "signals": list(self.signals), "expected": self.expected, "deviates": self.deviates}


def expected_template(year: int | None) -> str | None:
    if year is None:
        return None
    return "old" if year <= 2018 else "2019" if year <= 2020 else "2021"


def detect_template(text: str, year: int | None, kinds: list[str]) -> TemplateInfo:
    """Decide the template from label signals first, then from the section
    layout, then from the report year."""
    expected = expected_template(year)
    s21 = tuple(s for s in SIGNALS_2021 if s in text)
    s19 = tuple(s for s in SIGNALS_2019 if s in text)
    snew = tuple(s for s in SIGNALS_NEW if s in text)
    if s21 and len(s21) >= len(s19):
        return TemplateInfo("2021", s21 + snew, expected)
    # 政府集中采购 and 第二十条第(九)项 also occur in old reports' prose and
    # statistics tables: they only confirm a 2019 table label.
    if any(x not in ("政府集中采购", "第二十条第(九)项") for x in s19):
        return TemplateInfo("2019", s19 + snew, expected)
    new_layout = _new_layout(text, kinds)
    if snew or new_layout:
        sig = snew + (("six-part layout with 收到和处理政府信息公开申请情况",) if new_layout else ())
        # The labels shared by both new formats cannot tell 2019 from 2021:
        # the year decides, defaulting to the later format.
        name = "2019" if year is not None and year <= 2020 else "2021"
        return TemplateInfo(name, sig + (f"report year {year}" if year else "no report year",), expected)
    return TemplateInfo("old", _old_signals(text, year, kinds), expected)


def _new_layout(text: str, kinds: list[str]) -> bool:
    """Whether the sections are laid out as in the new formats: an overview
    and a part on applications, no part on fees, and the new formats'
    wording of the applications or reviews part."""
    return "on_request" in kinds and "overview" in kinds and "fees" not in kinds and any(
        k in text for k in ("收到和处理政府信息公开申请", "政府信息公开行政复议、行政诉讼情况")
    )


def _old_signals(text: str, year: int | None, kinds: list[str]) -> tuple[str, ...]:
    """What shows a report is of the old template: its labels, a part on
    fees, else its year (2018 or earlier), else the absence of new labels."""
    sold = tuple(s for s in SIGNALS_OLD if s in text)
    if "fees" in kinds:
        sold += ("a section on 收费及减免",)
    if not sold:
        sold = (f"report year {year}",) if year is not None and year <= 2018 else ("no new-format labels or tables",)
    return sold
