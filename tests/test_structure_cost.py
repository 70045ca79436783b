"""The structure stage stays linear on a long report: finding run-in
headings does not rebuild, for every block, the set of every heading found
before it.  Work is counted (heading ends read), not timed."""

from __future__ import annotations

from typing import Any

import pytest

from gireport.load import load
from gireport.structure import headings as H

LONG = "本机关全年主动公开政府信息若干条，依申请公开工作平稳有序，各项制度运行良好，公开质量稳步提升。"


def _report(n: int) -> bytes:
    parts = ["某县人民政府2031年政府信息公开工作年度报告"]
    for i in range(n):
        parts.append(f"{'一二三四五六'[i % 6]}、第{i}部分")
        parts.append(LONG * 2)
    return "\n".join(parts).encode()


def _ends_read(monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[int, int]:
    reads = [0]

    class Counted(H.Heading):  # type: ignore[misc, valid-type]
        def __getattribute__(self, name: str) -> Any:
            if name == "end":
                reads[0] += 1
            return super().__getattribute__(name)

    monkeypatch.setattr(H, "Heading", Counted)
    found = H.find_headings(load(_report(n), name="r.txt"))
    return reads[0], len(found)


def test_run_in_headings_read_each_heading_end_a_bounded_number_of_times(monkeypatch):
    small, n_small = _ends_read(monkeypatch, 150)
    large, n_large = _ends_read(monkeypatch, 600)
    assert n_large >= 4 * n_small - 4 > 0
    # linear: four times the headings, about four times the reads (a set
    # rebuilt per block would read sixteen times as many)
    assert large <= 6 * small, (small, large)
