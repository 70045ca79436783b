"""The small steps that read a clause before a count as a restatement of the
applications table (GR631) and the narrative's Table 4 totals (GR632), on
hand-written inputs."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from gireport.audit.rules import tables_narrative as tn
from gireport.tables import StandardTable, TableCell, cell_state
from gireport.tables.model import APP_COLUMNS


def _app(rows: dict[str, tuple[str, ...]]) -> StandardTable:
    """A 2021 applications table with the given rows (a value per column)."""
    t = StandardTable("applications", "2021", "text")
    for row, values in rows.items():
        for col, v in zip(APP_COLUMNS, values):
            t.cells[(row, col)] = TableCell(row, col, v, *cell_state(v), 0, 1, None, row, col)
    return t


NEW = _app({"new": ("99", "12", "0", "1", "3", "2", "117")})


def test_words_before_and_after_qizhong():
    assert tn._words_before("通过网络收到申请", "收到申请") == "通过网络"
    assert tn._after_qizhong("其中予以公开") == "予以公开"
    assert tn._after_qizhong("予以公开") == "予以公开"


def test_applicant_named():
    assert tn._applicant_named("来自自然人的申请")[1] == "自然人申请"
    assert tn._applicant_named("法人或其他组织提出的申请")[2] == ("new:orgs", "new+carry_in:orgs")
    assert tn._applicant_named("全年共收到申请") is None


def test_checks_applicant_in_another_scope_records_nothing():
    tried: list[tuple[str, str]] = []
    assert tn._checks_applicant(NEW, tn._applicant_named("自然人申请"), "自然人申请", "通过网络自然人申请", tried) == []
    assert tried == []
    got = tn._checks_applicant(NEW, tn._applicant_named("自然人申请"), "自然人申请", "全年自然人申请", tried)
    assert got == [("自然人申请", "applications by natural persons", [("new:natural", Decimal(99), False)])]
    assert tried == [("自然人申请", "new:natural"), ("自然人申请", "new+carry_in:natural")]


def test_row_named_passes_over_a_listed_sub_row():
    assert tn._row_named("全年共收到申请")[:2] == ("applications received", "收到申请")
    assert tn._row_named("重复申请不予处理")[2] == ("not_processed.repeat",)
    # several reasons joined by 或: not the last reason's sub-row; the group's
    # own reading (not_processed.*) is a dotted reading too, so it is passed
    # over as well and nothing is read
    assert tn._row_named("信访或重复申请不予处理") is None
    # a dotted reading with no list before it: 其他处理 is "other*"
    assert tn._row_named("信访或重复申请其他处理")[2] == ("other*",)
    assert tn._row_named("召开新闻发布会") is None


def test_checks_named_row_keeps_unreadable_readings_in_tried():
    tried: list[tuple[str, str]] = []
    got = tn._checks_named_row(NEW, "全年共收到申请", "2021年全年共收到申请", tried)
    assert got == [("收到申请", "applications received", [("new", Decimal(117), False)])]
    assert tried == [("收到申请", "new"), ("收到申请", "new+carry_in")]  # no 上年结转 row: unreadable


def test_checks_named_row_qizhong():
    tried: list[tuple[str, str]] = []
    assert tn._checks_named_row(NEW, "其中收到申请", "通过网络其中收到申请", tried) == []  # narrowed first
    assert tn._checks_named_row(NEW, "其中收到申请", "全年其中收到申请", tried) == []  # 其中 + a total
    assert tn._checks_named_row(NEW, "同比收到申请", "同比收到申请", tried) == []
    assert tried == []


def test_checks_reason_soft_readings_need_untestable():
    rr = tn._ReasonReading("不予公开·其他", ("denied.*",), why="a part of the group")
    tried: list[tuple[str, str]] = []
    assert tn._checks_reason(NEW, rr, "因其他原因不予公开", False, "不予公开", "因其他原因不予公开", tried, None) == []
    assert tried == []
    why: list[tuple[str, str]] = []
    tn._checks_reason(NEW, rr, "因其他原因不予公开", False, "不予公开", "因其他原因不予公开", tried, why)
    assert why == [("不予公开·其他", "a part of the group")]
    assert tried == [("不予公开·其他", "denied.*")]


def test_reason_why():
    assert tn._reason_why(tn._ReasonReading("x", why="w"), True) == "w"
    assert tn._reason_why(tn._ReasonReading("x"), True) == "the clause naming the reason may be cut"
    assert tn._reason_why(tn._ReasonReading("x"), False) == ""


def test_reason_elsewhere():
    rr = tn._ReasonReading("不予公开·国家秘密", ("denied.state_secret",), lead="其中")
    assert tn._reason_elsewhere(rr, "其中因国家秘密不予公开", "其中因国家秘密不予公开", "通过网络收到申请其中因国家秘密不予公开")
    assert not tn._reason_elsewhere(rr, "其中因国家秘密不予公开", "其中因国家秘密不予公开", "全年收到申请其中因国家秘密不予公开")
    assert tn._reason_elsewhere(tn._ReasonReading("x", lead="同比"), "同比因国家秘密不予公开", "", "")


def _count(text: str, at: str, unit: str = "件", approx=None) -> SimpleNamespace:
    start = text.index(at)
    return SimpleNamespace(is_quantity=True, kind="count", approx=approx, unit=unit, start=start, value=Decimal(at))


def test_count_fact():
    text = "本年度被申请行政复议3件,行政诉讼2件,比上年行政复议多1件。"
    assert tn._count_fact(_count(text, "3"), text, None) == (("review",), "total", Decimal(3))
    assert tn._count_fact(_count(text, "2"), text, None) == (("lit_direct", "lit_after_review"), "total", Decimal(2))
    assert tn._count_fact(_count(text, "1"), text, None) is None  # 比上年: a comparison
    assert tn._count_fact(_count(text, "3", unit="人"), text, None) is None
    assert tn._count_fact(_count(text, "3", approx="约"), text, None) is None
