"""Zero claims (claims/zero.py): explicit nothing-happened statements, read
clause by clause.  Invented examples."""

from __future__ import annotations

import gireport

HEAD = "甲市乙局2031年政府信息公开工作年度报告\n一、总体情况\n"


def _zeros(body: str):  # type: ignore[no-untyped-def]
    a = gireport.audit((HEAD + body + "\n二、其他\n无。").encode(), select=["GR5"])
    return a.report.claims.of("zero")


def test_review_and_litigation_denied_together():
    (z,) = _zeros("本年度未发生因政府信息公开申请提起行政复议或者行政诉讼的情况。")
    assert set(z.topics) == {"review", "litigation"}


def test_clause_by_clause():
    zs = _zeros("全年未收到政府信息公开申请,收到行政复议申请1件。")
    assert [z.topics for z in zs] == [("applications",)]


def test_zero_count_and_fees():
    assert [z.topics for z in _zeros("涉及的行政诉讼数为0件。")] == [("litigation",)]
    assert [z.topics for z in _zeros("全年未收取任何费用。")] == [("fees",)]


def test_no_zero_in_ordinary_sentences():
    assert not _zeros("全年主动公开信息120条,其中政策文件30条。")
