"""Indicators (gireport.indicators): every definition computed on reports
whose values are known by construction, untestable values with their
reasons, the year-on-year change, the old statistics table, real reports
read by hand, the command line and the documentation."""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from pathlib import Path

import pytest

import gireport
from conftest import CORPUS, REAL, needs_shared
from gireport import cli
from gireport.indicators import DEFINITIONS, INDICATOR_COLUMNS, SMALL_SAMPLE, indicators, indicators_frame

APP_LABELS = [
    ("new", "一、本年新收政府信息公开申请数量"), ("carry_in", "二、上年结转政府信息公开申请数量"), ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "1.属于国家秘密"), ("denied.law_prohibited", "2.其他法律行政法规禁止公开"), ("denied.security_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"), ("denied.internal_affairs", "5.属于三类内部事务信息"), ("denied.process_info", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "7.属于行政执法案卷"), ("denied.admin_query", "8.属于行政查询事项"),
    ("unable.not_held", "1.本机关不掌握相关政府信息"), ("unable.needs_creation", "2.没有现成信息需要另行制作"), ("unable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "1.信访举报投诉类申请"), ("not_processed.repeat", "2.重复申请"), ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.mass_repeat", "4.无正当理由大量反复申请"), ("not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("other.other", "3.其他"),
    ("processed_total", "（七）总计"), ("carry_out", "四、结转下年度继续办理"),
]
GROUP = {"denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理", "other": "（六）其他处理"}
COLS = ("natural", "business", "research", "nonprofit", "legal", "other_org")

#: An invented county department's tables: each outcome by applicant column.
OUTCOMES = {
    "granted": (40, 6, 1, 0, 2, 1), "partial": (9, 2, 0, 0, 1, 0),
    "denied.state_secret": (0, 0, 0, 0, 0, 0), "denied.law_prohibited": (1, 0, 0, 0, 0, 0), "denied.security_stability": (0, 1, 0, 0, 0, 0),
    "denied.third_party": (3, 1, 0, 0, 0, 0), "denied.internal_affairs": (2, 0, 0, 0, 0, 0), "denied.process_info": (1, 0, 0, 0, 0, 0),
    "denied.enforcement_file": (2, 0, 0, 0, 1, 0), "denied.admin_query": (1, 0, 0, 0, 0, 0),
    "unable.not_held": (17, 2, 0, 1, 0, 0), "unable.needs_creation": (4, 0, 0, 0, 0, 0), "unable.unclear": (2, 0, 0, 0, 0, 0),
    "not_processed.petition": (5, 0, 0, 0, 0, 0), "not_processed.repeat": (3, 1, 0, 0, 0, 0), "not_processed.publication": (1, 0, 0, 0, 0, 0),
    "not_processed.mass_repeat": (0, 0, 0, 0, 0, 0), "not_processed.reconfirm": (1, 0, 0, 0, 0, 0),
    "other.no_correction": (6, 1, 0, 0, 0, 0), "other.fee_unpaid": (1, 0, 0, 0, 0, 0), "other.other": (2, 0, 0, 0, 0, 1),
}
CARRY_IN = (5, 1, 0, 0, 0, 0)
CARRY_OUT = (4, 2, 0, 0, 1, 0)
REVIEW = {"review": (6, 2, 1, 1, 10), "lit_direct": (2, 1, 0, 1, 4), "lit_after_review": (1, 0, 0, 0, 1)}
PROACTIVE = {"规章": (1, 0, 12), "行政规范性文件": (9, 3, 57)}
DECISIONS = {"行政许可": 2150, "行政处罚": 386, "行政强制": 12}
FEE = "35.20"


def _col(values: dict[str, tuple[int, ...]], i: int) -> int:
    return sum(v[i] for v in values.values())


def _tables(outcomes=OUTCOMES, carry_in=CARRY_IN, carry_out=CARRY_OUT, review=REVIEW) -> dict[str, tuple[int, ...]]:
    """Every row of the applications table, the new applications computed so
    that 新收 + 上年结转 = 总计 + 结转 in every column."""
    processed = tuple(_col(outcomes, i) for i in range(6))
    new = tuple(processed[i] + carry_out[i] - carry_in[i] for i in range(6))
    rows = {"new": new, "carry_in": carry_in, **outcomes, "processed_total": processed, "carry_out": carry_out}
    return {k: v + (sum(v),) for k, v in rows.items()}


def report_md(year: int = 2023, agency: str = "青禾县自然资源局", *, rows: dict[str, tuple[int, ...]] | None = None, review=REVIEW,
              blank: tuple[str, str] | None = None) -> str:
    """A 2021-format report in Markdown with the tables above (``blank``:
    (row, column) printed empty)."""
    rows = rows or _tables()
    lines = [f"# {agency}{year}年政府信息公开工作年度报告", "", "## 一、总体情况", "", f"{year}年，本局依法做好政府信息公开工作。", "",
             "## 二、主动公开政府信息情况", "", "| 第二十条第（一）项 |  |  |  |", "|---|---|---|---|", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"]
    lines += [f"| {k} | {a} | {b} | {c} |" for k, (a, b, c) in PROACTIVE.items()]
    lines += ["| 第二十条第（五）项 |  |  |  |", "| 信息内容 | 本年处理决定数量 |  |  |", f"| 行政许可 | {DECISIONS['行政许可']} |  |  |",
              "| 第二十条第（六）项 |  |  |  |", "| 信息内容 | 本年处理决定数量 |  |  |", f"| 行政处罚 | {DECISIONS['行政处罚']} |  |  |",
              f"| 行政强制 | {DECISIONS['行政强制']} |  |  |", "| 第二十条第（八）项 |  |  |  |", "| 信息内容 | 本年收费金额（单位：万元） |  |  |",
              f"| 行政事业性收费 | {FEE} |  |  |", "", "## 三、依申请公开办理情况", "",
              "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |  |  |  |  |  |  |",
              "|---|---|---|---|---|---|---|---|---|---|", "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |",
              "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |"]
    seen: set[str] = set()
    for key, label in APP_LABELS:
        vals = [str(v) for v in rows[key]]
        if blank and blank[0] == key:
            vals[(*COLS, "total").index(blank[1])] = ""
        group = key.split(".")[0]
        if key in ("new", "carry_in", "carry_out"):
            lines.append(f"| {label} |  |  | " + " | ".join(vals) + " |")
        elif "." in key:
            head = GROUP[group] if group not in seen else ""
            seen.add(group)
            lines.append(f"| {'三、本年度办理结果' if key == 'granted' else ''} | {head} | {label} | " + " | ".join(vals) + " |")
        else:
            lines.append(f"| {'三、本年度办理结果' if key == 'granted' else ''} | {label} |  | " + " | ".join(vals) + " |")
    rv = [str(v) for b in ("review", "lit_direct", "lit_after_review") for v in review[b]]
    lines += ["", "## 四、行政复议和行政诉讼情况", "",
              "| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
              "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |",
              "|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
              "| " + " | ".join(rv) + " |", "", "## 五、存在的主要问题及改进情况", "", "一是公开深度不够；二是解读形式单一。", "",
              "## 六、其他需要报告的事项", "", "本年度未收取信息处理费。", ""]
    return "\n".join(lines)


def _write(tmp_path: Path, text: str, name: str = "r.md") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _by(inds) -> dict[tuple[str, str], gireport.indicators.Indicator]:  # type: ignore[name-defined]
    return {(i.indicator, i.variant): i for i in inds}


def expected_values(rows: dict[str, tuple[int, ...]], review=REVIEW) -> dict[tuple[str, str], Fraction]:
    """Every new-format indicator, from the table rows as constructed."""
    t = {k: v[6] for k, v in rows.items()}
    F = Fraction
    denied = sum(v for k, v in t.items() if k.startswith("denied."))
    unable = sum(v for k, v in t.items() if k.startswith("unable."))
    notp = sum(v for k, v in t.items() if k.startswith("not_processed."))
    other = sum(v for k, v in t.items() if k.startswith("other."))
    received = t["new"] + t["carry_in"]
    pro = t["processed_total"]
    lit = [review["lit_direct"], review["lit_after_review"]]
    lit_total = sum(b[4] for b in lit)
    exp = {
        ("new_applications", "count"): F(t["new"]), ("carried_in", "count"): F(t["carry_in"]), ("processed", "count"): F(pro),
        ("disclosure_rate", "granted_partial/processed"): F(t["granted"] + t["partial"], pro),
        ("disclosure_rate", "granted_partial/received"): F(t["granted"] + t["partial"], received),
        ("disclosure_rate", "granted/processed"): F(t["granted"], pro),
        ("denial_rate", "denied/processed"): F(denied, pro), ("unable_rate", "unable/processed"): F(unable, pro),
        ("not_held_share", "not_held/unable"): F(t["unable.not_held"], unable), ("not_processed_rate", "not_processed/processed"): F(notp, pro),
        ("other_processing_rate", "other/processed"): F(other, pro), ("other_processing_rate", "no_correction/processed"): F(t["other.no_correction"], pro),
        ("other_processing_rate", "fee_unpaid/processed"): F(t["other.fee_unpaid"], pro),
        ("completion_rate", "processed/received"): F(pro, received), ("carry_over_rate", "carry_out/received"): F(t["carry_out"], received),
        ("review_rate", "review/processed"): F(review["review"][4], pro), ("litigation_rate", "litigation/processed"): F(lit_total, pro),
        ("review_correction_rate", "corrected/decided"): F(review["review"][1], review["review"][4] - review["review"][3]),
        ("review_correction_rate", "corrected/total"): F(review["review"][1], review["review"][4]),
        ("litigation_loss_rate", "corrected/decided"): F(sum(b[1] for b in lit), lit_total - sum(b[3] for b in lit)),
        ("litigation_loss_rate", "corrected/total"): F(sum(b[1] for b in lit), lit_total),
        ("correction_rate_combined", "corrected/total"): F(review["review"][1] + sum(b[1] for b in lit), review["review"][4] + lit_total),
        ("dispute_rate", "review_litigation/new"): F(review["review"][4] + lit_total, t["new"]),
        ("pending_share", "review"): F(review["review"][3], review["review"][4]), ("pending_share", "litigation"): F(sum(b[3] for b in lit), lit_total),
        ("regulations_made", "count"): F(1), ("regulations_repealed", "count"): F(0), ("regulations_valid", "count"): F(12), ("regulations_net", "made-repealed"): F(1),
        ("normative_docs_made", "count"): F(9), ("normative_docs_repealed", "count"): F(3), ("normative_docs_valid", "count"): F(57),
        ("normative_docs_net", "made-repealed"): F(6),
        ("licensing_decisions", "count"): F(2150), ("penalty_decisions", "count"): F(386), ("coercion_decisions", "count"): F(12),
        ("fee_amount", "admin_fee"): F("35.20"),
    }
    for i, col in enumerate(COLS):
        exp[("applicant_share", col)] = F(rows["new"][i], t["new"])
    for key in ("state_secret", "law_prohibited", "security_stability", "third_party", "internal_affairs", "process_info", "enforcement_file", "admin_query"):
        exp[("denial_reason_mix", key)] = F(t[f"denied.{key}"], denied)
    return exp


# ---------------------------------------------------------------- by construction
def test_every_new_format_indicator_on_a_report_built_to_known_values(tmp_path):
    inds = _by(indicators(_write(tmp_path, report_md())))
    exp = expected_values(_tables())
    assert set(inds) == set(exp), set(inds) ^ set(exp)
    for key, value in exp.items():
        ind = inds[key]
        assert ind.untestable is None, (key, ind.untestable)
        assert ind.value == value, (key, ind.value, value)
        assert ind.value_float == float(value)
        assert ind.cells and all(re.fullmatch(r"[a-z_]+/[\w.]+/\w+=[^;]*", c) for c in ind.cells), ind.cells
    # the cells named are the printed cells: 公开率 reads 予以公开, 部分公开 and the 总计 of the outcomes
    t = _tables()
    assert inds[("disclosure_rate", "granted_partial/processed")].cells == [
        f"applications/granted/total={t['granted'][6]}", f"applications/partial/total={t['partial'][6]}", f"applications/processed_total/total={t['processed_total'][6]}"]


def test_every_definition_is_in_the_catalogue_once_and_documented():
    keys = [(d.indicator, d.variant, d.templates) for d in DEFINITIONS]
    assert len(keys) == len(set(keys))
    doc = (Path(__file__).parents[1] / "docs" / "indicators.md").read_text(encoding="utf-8")
    for d in DEFINITIONS:
        assert f"`{d.indicator}`" in doc, d.indicator
        assert f"`{d.variant}`" in doc, (d.indicator, d.variant)
    assert "`new_applications_change`" in doc


def test_a_blank_cell_is_untestable_never_zero(tmp_path):
    inds = _by(indicators(_write(tmp_path, report_md(blank=("partial", "total")))))
    d = inds[("disclosure_rate", "granted_partial/processed")]
    assert d.value is None and d.value_float is None and "blank" in d.untestable and "blank is not zero" in d.untestable
    assert inds[("disclosure_rate", "granted/processed")].value is not None  # the other variant does not need the blank cell


def test_a_denominator_of_zero_is_untestable(tmp_path):
    review = {"review": (0, 0, 0, 0, 0), "lit_direct": (0, 0, 0, 0, 0), "lit_after_review": (0, 0, 0, 0, 0)}
    inds = _by(indicators(_write(tmp_path, report_md(review=review))))
    for key in (("review_correction_rate", "corrected/decided"), ("review_correction_rate", "corrected/total"), ("litigation_loss_rate", "corrected/total")):
        assert inds[key].value is None and inds[key].untestable == "the denominator is 0", key
    assert inds[("review_rate", "review/processed")].value == 0  # 0 of the applications is a value


def test_small_samples_are_flagged(tmp_path):
    inds = _by(indicators(_write(tmp_path, report_md())))
    assert inds[("review_correction_rate", "corrected/total")].small_sample  # 10 cases
    assert not inds[("disclosure_rate", "granted_partial/processed")].small_sample  # 123 applications
    assert inds[("denial_reason_mix", "third_party")].small_sample  # 12 denials
    assert all(not i.small_sample for i in inds.values() if i.kind != "rate")
    assert SMALL_SAMPLE == 30


def test_the_change_of_new_applications_on_last_year(tmp_path):
    a = _write(tmp_path, report_md(2022), "a-2022.md")
    rows = _tables(carry_out=(10, 2, 0, 0, 1, 0))  # more new applications in 2023
    b = _write(tmp_path, report_md(2023, rows=rows), "a-2023.md")
    c = _write(tmp_path, report_md(2023, agency="青禾县教育局"), "b-2023.md")
    df = indicators_frame([a, b, c])
    assert list(df.columns) == list(INDICATOR_COLUMNS)
    ch = df[df.indicator == "new_applications_change"].set_index("file")
    new22, new23 = _tables()["new"][6], rows["new"][6]
    assert ch.loc[str(b), "value"] == str(Fraction(new23 - new22, new22)) and ch.loc[str(b), "numerator"] == str(new23 - new22)
    assert ch.loc[str(a), "untestable"] == "last year's report of this organ is not in the run"
    assert ch.loc[str(c), "untestable"] == "last year's report of this organ is not in the run"  # another organ's 2022 does not count


def test_old_statistics_table_indicators():
    inds = _by(indicators(CORPUS / "songling-county-2015.txt"))
    assert inds[("new_applications", "count")].value == 47
    assert inds[("application_channel_share", "in_person")].value == Fraction(21, 47)
    assert inds[("application_channel_share", "online")].value == Fraction(19, 47)
    assert inds[("disclosure_rate", "granted/replied")].value == Fraction(22, 47)
    assert inds[("disclosure_rate", "granted_partial/replied")].value == Fraction(27, 47)
    assert inds[("review_correction_rate", "corrected/total")].value == Fraction(1, 2)
    assert inds[("litigation_loss_rate", "corrected/total")].value == 0  # the second 被依法纠错 row, after 行政诉讼数量
    assert inds[("staff", "full_time")].value == 12 and inds[("staff", "part_time")].value == 74
    assert "no row" in inds[("application_channel_share", "email")].untestable
    assert all(i.source == "table" and i.template == "old" for i in inds.values())


def test_an_old_report_without_its_table_reads_what_its_narrative_states(tmp_path):
    """Figures stated in so many words, each with the phrase that states it;
    what the text does not state stays untestable."""
    channels = {"当面申请": 14, "网上申请": 25, "信函申请": 6}
    received = sum(channels.values())
    text = "\n".join([
        "青禾县档案局2015年政府信息公开工作年度报告",
        "本局2015年度的公开数据均按自然年汇总。",
        "一、概述", "本局有从事政府信息公开工作的人员11人,其中专职3人、兼职8人。",
        "二、主动公开政府信息情况", "全年主动公开政府信息320条。",
        "三、依申请公开政府信息情况",
        f"全年共受理政府信息公开申请{received}件,其中" + "、".join(f"{k}{v}件" for k, v in channels.items()) + f"。同意公开29件,已答复{received}件。",
        "四、收费和减免", "本年度未收取任何费用。",
        "五、复议和诉讼", "无。",
        "六、存在的主要问题及改进措施", "一是更新不够及时;二是解读偏少。下一步将加强培训。",
    ])
    inds = _by(indicators(_write(tmp_path, text, "old.txt")))
    assert inds[("new_applications", "count")].value == received and inds[("new_applications", "count")].source == "text"
    assert inds[("new_applications", "count")].cells == [f"text=共受理政府信息公开申请{received}件"]
    assert inds[("application_channel_share", "in_person")].value == Fraction(14, received)
    assert inds[("application_channel_share", "online")].value == Fraction(25, received)
    assert inds[("application_channel_share", "letter")].value == Fraction(6, received)
    assert inds[("disclosure_rate", "granted/replied")].value == Fraction(29, received)
    assert inds[("fee_amount", "charged")].value == 0 and inds[("fee_amount", "charged")].cells == ["text=未收取任何费用"]
    assert (inds[("staff", "total")].value, inds[("staff", "full_time")].value, inds[("staff", "part_time")].value) == (11, 3, 8)
    fax = inds[("application_channel_share", "fax")]
    assert fax.value is None and fax.untestable == "no old_stats table" and fax.source == "table"  # not stated: not guessed
    assert inds[("fee_waived", "waived")].value is None


def test_the_table_wins_over_the_narrative():
    inds = indicators(CORPUS / "songling-county-2015.txt")
    assert _by(inds)[("new_applications", "count")].source == "table"


# ---------------------------------------------------------------- real reports
@needs_shared
def test_real_2021_format_reports_read_by_hand():
    """Values read off the printed tables by hand."""
    sh = _by(indicators(REAL / "md" / "shanghai-office-2025.md"))
    assert sh[("new_applications", "count")].value == 1295 and sh[("processed", "count")].value == 1191
    assert sh[("disclosure_rate", "granted_partial/processed")].value == Fraction(206 + 2, 1191)
    assert sh[("disclosure_rate", "granted_partial/received")].value == Fraction(208, 1295 + 189)
    assert sh[("unable_rate", "unable/processed")].value == Fraction(513 + 48 + 3, 1191)
    assert sh[("not_held_share", "not_held/unable")].value == Fraction(513, 564)
    assert sh[("denial_rate", "denied/processed")].value == Fraction(4 + 1 + 9 + 1 + 5, 1191)
    assert sh[("other_processing_rate", "other/processed")].value == Fraction(43 + 276, 1191)
    assert sh[("review_correction_rate", "corrected/decided")].value == 0 and sh[("review_correction_rate", "corrected/decided")].denominator == 50
    assert sh[("pending_share", "review")].value == Fraction(5, 55) and sh[("pending_share", "litigation")].value == Fraction(6 + 7, 12 + 22)
    assert sh[("completion_rate", "processed/received")].value == Fraction(1191, 1484)
    # its 规范性文件 row is split over lines by the conversion: not read, so untestable, not guessed
    assert sh[("normative_docs_made", "count")].untestable
    for fmt in ("txt", "html"):
        pt = _by(indicators(REAL / fmt / f"pingtan-zone-2021.{fmt}"))
        assert pt[("new_applications", "count")].value == 70 and pt[("processed", "count")].value == 69
        assert pt[("disclosure_rate", "granted_partial/processed")].value == Fraction(27 + 3 + 5, 69)  # 予以公开 30, 部分公开 5
        assert pt[("disclosure_rate", "granted/processed")].value == Fraction(30, 69)
        assert pt[("denial_rate", "denied/processed")].value == Fraction(1 + 6 + 1, 69)
        assert pt[("not_held_share", "not_held/unable")].value == 1
        assert pt[("review_correction_rate", "corrected/total")].value == 0 and pt[("review_correction_rate", "corrected/total")].denominator == 3
        assert pt[("licensing_decisions", "count")].value == 2293


@needs_shared
def test_the_pingtan_series_has_a_value_every_new_format_year():
    files = sorted((REAL / "html").glob("pingtan-zone-20*.html"))
    df = indicators_frame(files)
    rate = df[(df.indicator == "disclosure_rate") & (df.variant == "granted_partial/processed")]
    new_years = rate[rate.template != "old"]
    assert sorted(new_years.year) == list(range(2019, 2026)) and new_years.untestable.isna().all()
    assert rate[rate.template == "old"].empty  # the old template has its own variants


# ---------------------------------------------------------------- command line
def test_cli_indicators_of_a_folder_and_of_a_store(tmp_path, capsys):
    d = tmp_path / "reports"
    d.mkdir()
    _write(d, report_md(2022), "a-2022.md")
    _write(d, report_md(2023), "a-2023.md")
    assert cli.main(["indicators", str(d), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert tuple(rows[0]) == INDICATOR_COLUMNS
    by = {(Path(r["file"]).name, r["indicator"], r["variant"]): r for r in rows}
    rate = str(expected_values(_tables())[("disclosure_rate", "granted_partial/processed")])
    assert by[("a-2023.md", "disclosure_rate", "granted_partial/processed")]["value"] == rate
    assert by[("a-2023.md", "new_applications_change", "on_last_year")]["value"] == "0"
    db = tmp_path / "s.db"
    cli.main(["audit", str(d), "--db", str(db), "-q", "--workers", "1"])
    capsys.readouterr()
    out_x = tmp_path / "i.xlsx"
    assert cli.main(["indicators", str(db), "-o", str(out_x)]) == 0
    import zipfile

    sheet = zipfile.ZipFile(out_x).read("xl/worksheets/sheet1.xml").decode()
    assert rate in sheet and "disclosure_rate" in sheet
    assert cli.main(["indicators", str(db), "--format", "xlsx"]) == 2  # a workbook needs -o


def test_cli_indicators_formats_and_missing_paths(tmp_path, capsys):
    d = tmp_path / "reports"
    d.mkdir()
    _write(d, report_md(2023), "a-2023.md")
    assert cli.main(["indicators", str(d), "-o", str(tmp_path / "i.tsv")]) == 2  # the format from the suffix
    assert "unknown format 'tsv'" in capsys.readouterr().err
    assert cli.main(["indicators", str(tmp_path / "nowhere")]) == 2  # nothing named exists
    capsys.readouterr()
    out = tmp_path / "i.csv"
    # a named path missing: the rows of the others are written, the run fails
    assert cli.main(["indicators", str(d), str(tmp_path / "gone.md"), "-o", str(out), "--workers", "1"]) == 2
    assert "gone.md" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and {Path(r["file"]).name for r in rows} == {"a-2023.md"}


def test_indicators_frame_of_a_result_store_equals_that_of_the_files(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    _write(d, report_md(2022), "a-2022.md")
    _write(d, report_md(2023), "a-2023.md")
    db = tmp_path / "s.db"
    with gireport.audit_many([d], workers=1, db=db) as run:
        list(run)
    stored = gireport.indicators_frame(str(db)).drop(columns=["file"])
    direct = gireport.indicators_frame(sorted(d.glob("*.md"))).drop(columns=["file"])
    assert stored.equals(direct)
    assert (stored.indicator == "new_applications_change").sum() == 2


def test_narrative_amounts_are_read_in_yuan(tmp_path):
    base = ["青禾县档案局2015年政府信息公开工作年度报告", "本局2015年度的公开数据均按自然年汇总。", "一、概述", "全年共受理政府信息公开申请12件。"]
    for phrase, want in (("收取检索复制费用1.2万元", 12000), ("收取复制费用300元", 300)):
        p = _write(tmp_path, "\n".join([*base, phrase + "。"]), "fee.txt")
        fee = _by(indicators(p))[("fee_amount", "charged")]
        assert fee.value == want and fee.unit == "元" and fee.source == "text", (phrase, fee)


def test_a_store_written_before_the_record_columns_is_still_read(tmp_path):
    """A result store of an earlier version (no rounding, document or shown
    columns) is read, not refused: its paths, findings and indicators."""
    import sqlite3

    from gireport.batch import iter_paths

    d = tmp_path / "reports"
    d.mkdir()
    _write(d, report_md(2023), "a.md")
    db = tmp_path / "s.db"
    with gireport.audit_many([d], workers=1, db=db) as run:
        list(run)
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE documents DROP COLUMN rounding")
    con.execute("ALTER TABLE documents DROP COLUMN document")
    con.execute("ALTER TABLE findings DROP COLUMN shown")
    con.commit()
    con.close()
    (rec,) = [r for r in iter_paths(db) if r.status == "ok"]
    assert rec.findings and rec.document == {} and all(s.grids == [] and s.sentences == [] for s in rec.shown)
    assert not gireport.indicators_frame(str(db)).empty
