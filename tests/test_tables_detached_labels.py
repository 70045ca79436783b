"""Applications tables whose source detached row labels from their values.

A PDF converted to Markdown often prints some labels as loose lines and their
values as bare rows ``| 3 | 0 | … | 3 |`` in a table of their own.  Such rows
are placed by their order between the labelled rows — only when exactly as
many template rows are missing there and the completed table's identities
hold.  Invented reports (no real or evaluation text)."""

from __future__ import annotations

import gireport

COLS = 6
# template order, invented numbers (six applicant columns; 总计 is their sum)
ROWS = [
    ("一、本年新收政府信息公开申请数量", None),  # computed
    ("二、上年结转政府信息公开申请数量", [2, 0, 0, 0, 0, 0]),
    ("（一）予以公开", [17, 2, 0, 0, 1, 0]),
    ("（二）部分公开", [3, 0, 0, 0, 0, 0]),
    ("1.属于国家秘密", [0, 0, 0, 0, 0, 0]),
    ("2.其他法律行政法规禁止公开", [1, 0, 0, 0, 0, 0]),
    ("3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0]),
    ("4.保护第三方合法权益", [2, 0, 0, 0, 0, 0]),
    ("5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0]),
    ("6.属于四类过程性信息", [1, 1, 0, 0, 0, 0]),
    ("7.属于行政执法案卷", [0, 0, 0, 0, 0, 0]),
    ("8.属于行政查询事项", [0, 0, 0, 0, 0, 0]),
    ("1.本机关不掌握相关政府信息", [9, 1, 0, 0, 0, 0]),
    ("2.没有现成信息需要另行制作", [2, 0, 0, 0, 0, 0]),
    ("3.补正后申请内容仍不明确", [0, 0, 0, 0, 0, 0]),
    ("1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0]),
    ("2.重复申请", [3, 0, 0, 0, 0, 0]),
    ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0]),
    ("4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0]),
    ("5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0]),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [5, 0, 0, 0, 0, 0]),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0, 0, 0, 0, 0]),
    ("3.其他", [4, 1, 0, 0, 0, 0]),
    ("（七）总计", None),  # computed
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0]),
]
OUTCOMES = [v for _, v in ROWS[2:-2]]
DONE = [sum(c) for c in zip(*OUTCOMES)]
NEW = [d + o - i for d, o, i in zip(DONE, ROWS[-1][1], ROWS[1][1])]  # type: ignore[index]


def _values(label: str) -> list[int]:
    if label.startswith("一、"):
        return NEW
    if label.startswith("（七）"):
        return DONE
    return dict(ROWS)[label]  # type: ignore[return-value]


def _vals_md(v: list[int]) -> str:
    return " | ".join(str(x) for x in v + [sum(v)])


def report(detached: set[str] = frozenset(), *, damaged: dict[str, str] | None = None, change: dict[str, list[int]] | None = None) -> str:
    """A 2021-format report in Markdown; the rows named in ``detached`` are
    printed as a loose label line and a bare value row; ``damaged`` rows keep
    only the given fragment as their label; ``change`` overrides values."""
    damaged = damaged or {}
    change = change or {}
    lines = [
        "# 青禾区文化旅游局2022年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        "",
        "2022年,我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "",
        "二、主动公开政府信息情况",
        "",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        "| 规章 | 0 | 0 | 0 |",
        "| 规范性文件 | 2 | 0 | 9 |",
        "",
        "三、收到和处理政府信息公开申请情况",
        "",
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    in_table = True
    for label, _ in ROWS:
        v = change.get(label, _values(label))
        if label in detached:
            lines += ["", label, f"| {_vals_md(v)} |", "|" + "---|" * (COLS + 1)]
            in_table = False
            continue
        shown = damaged.get(label, label)
        if not in_table:
            lines += ["", f"| {shown} | {_vals_md(v)} |", "|" + "---|" * (COLS + 2)]
            in_table = True
        else:
            lines.append(f"| {shown} | {_vals_md(v)} |")
    lines += [
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        "本年度未发生政府信息公开行政复议、行政诉讼。",
        "",
        "五、存在的主要问题及改进情况",
        "",
        "信息公开的及时性有待提高。",
        "",
        "六、其他需要报告的事项",
        "",
        "本年度未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"


def _table(tmp_path, md: str):  # type: ignore[no-untyped-def]
    p = tmp_path / "r.md"
    p.write_text(md, encoding="utf-8")
    a = gireport.audit(p, select=["GR6"])
    return a, a.report.table("applications")


def test_intact_table_is_read_and_consistent(tmp_path):
    a, t = _table(tmp_path, report())
    assert not t.ambiguous and t.get("partial", "total").text == "3"
    assert not a.findings


def test_detached_rows_are_placed_by_their_order(tmp_path):
    detached = {"（二）部分公开", "2.其他法律行政法规禁止公开", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.其他"}
    a, t = _table(tmp_path, report(detached))
    assert not t.ambiguous
    assert [t.get("partial", c).text for c in ("natural", "total")] == ["3", "3"]
    assert t.get("denied.law_prohibited", "total").text == "1"
    assert [t.get("unable.not_held", c).text for c in ("natural", "business", "total")] == ["9", "1", "10"]
    assert t.get("unable.needs_creation", "total").text == "2"
    assert t.get("other.other", "total").text == "5"
    assert any("read by their order" in n for n in t.notes)
    assert not a.findings


def test_a_row_with_a_damaged_label_fills_its_gap(tmp_path):
    frag = "行政机关不再处理其政府信息公"
    a, t = _table(tmp_path, report({"（二）部分公开"}, damaged={"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": frag}))
    assert not t.ambiguous
    assert t.get("other.no_correction", "total").text == "5"
    assert not any("unrecognised" in n for n in t.notes)


def test_no_placement_when_the_identities_would_fail(tmp_path):
    # the bare row says 4 where 3 belongs: 总计 no longer adds up, so the
    # positions are not trusted and the row stays missing (never a guess)
    md = report({"（二）部分公开", "2.重复申请"}, change={"（二）部分公开": [4, 0, 0, 0, 0, 0]})
    _, t = _table(tmp_path, md)
    assert t.get("partial", "total") is None and t.get("not_processed.repeat", "total") is None
    assert t.ambiguous
    assert any("were not placed" in n for n in t.notes)


def test_no_placement_when_the_count_of_rows_does_not_fit_the_gap(tmp_path):
    # two bare rows where one template row is missing: nothing is placed there
    md = report({"（二）部分公开"}).replace("| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n", "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", 1)
    _, t = _table(tmp_path, md)
    assert t.get("partial", "total") is None
