"""Flattened tables whose zero cells were left blank (rows shortened in the
text), Table 2 restated in the 2019 wording, narrative counts scoped to a
sub-unit of the organ, and shares of a sum of listed counts.  Invented reports
(no real or evaluation text)."""

from __future__ import annotations

import gireport
from gireport.testing import render

from test_tables_blanks import BASE, _swap


def _zeros_blank(src: str) -> str:
    """Every 0 of Table 3 left blank, as many reports print it."""
    out = []
    for line in src.splitlines():
        cells = line.split("|")
        if len(cells) == 12 and cells[4].strip().isdigit():
            cells = [(" " if c.strip() == "0" else c) for c in cells]
        out.append("|".join(cells))
    return "\n".join(out) + "\n"


def _txt_audit(tmp_path, src, select, name="r.txt"):
    p = tmp_path / name
    p.write_text(render(src, "txt").decode("utf-8"), encoding="utf-8")
    return gireport.audit(p, select=select)


def _set_row(src: str, label: str, old: str, new: str) -> str:
    i = src.index(f"| {label}")
    j = src.index("\n", i)
    row = src[i:j]
    assert old in row, row
    return src[:i] + row.replace(old, new, 1) + src[j:]


# --- 1. zero cells blank in flattened text: the 总计 column is still checked ----------------
def test_flattened_blank_zeros_consistent_table_has_no_table_finding(tmp_path):
    a = _txt_audit(tmp_path, _zeros_blank(BASE), ["GR60"])
    t = a.report.table("applications")
    assert t is not None and not t.ambiguous
    assert t.get("carry_out", "total").text == "4"
    assert t.get("denied.state_secret", "total").state == "blank"  # a row printing nothing
    assert not a.findings, [f.message for f in a.findings]


def test_flattened_blank_zeros_balance_failure_in_total_column(tmp_path):
    # 结转下年度 "3 1 4" → "3 2 5": its row still adds up, the 总计 column no longer balances
    src = _set_row(_zeros_blank(BASE), "四、结转下年度继续办理", "| 3 | 1 |", "| 3 | 2 |")
    src = _set_row(src, "四、结转下年度继续办理", "| 4 |", "| 5 |")
    a = _txt_audit(tmp_path, src, ["GR601"])
    got = [(f.reported, f.expected) for f in a.findings if "总计" in f.message]
    assert got == [("181", "182")], [f.message for f in a.findings]
    t = a.report.table("applications")
    # the applicant column of the lone 2 is not guessed when the identities cannot place it
    assert t.get("carry_out", "total").text == "5" and t.get("carry_out", "business") is None


def test_flattened_row_that_does_not_add_up_leaves_the_table_untestable(tmp_path):
    # "3 1 5": the last value is not the sum of the others — no 总计 is guessed
    src = _set_row(_zeros_blank(BASE), "四、结转下年度继续办理", "| 4 |", "| 5 |")
    a = _txt_audit(tmp_path, src, ["GR601"])
    assert a.report.table("applications").get("carry_out", "total") is None
    assert not [f for f in a.findings if f.severity in ("warning", "error")], [f.message for f in a.findings]


def test_every_row_short_and_zero_rows_blank(tmp_path):
    # natural persons only, zeros blank: no row prints seven values, some print none
    from test_tables_blanks import _natural_only

    src = _zeros_blank(_natural_only(BASE))
    a = _txt_audit(tmp_path, src, ["GR60"])
    t = a.report.table("applications")
    assert t is not None and t.get("denied.state_secret", "total").state == "blank"
    assert not a.findings, [f.message for f in a.findings]
    src = _set_row(src, "四、结转下年度继续办理", "| 3 |", "| 4 |")
    src = _set_row(src, "四、结转下年度继续办理", "| 3 |", "| 4 |")
    a = _txt_audit(tmp_path, src, ["GR60"])
    assert [(f.code, f.reported, f.expected) for f in a.findings] == [("GR601", "148", "149")]
