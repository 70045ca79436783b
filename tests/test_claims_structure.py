"""The claims and numbers stages stay a catalogue of small named steps: no
function above the project's complexity ceiling; and a few of those steps
pinned on their own with invented text."""

from __future__ import annotations

from pathlib import Path

import pytest

from gireport.claims.share import _listed_run, _sum_cue
from gireport.numbers import find_numbers

SRC = Path(__file__).resolve().parents[1] / "src" / "gireport"
CEILING = 25


def test_no_function_in_claims_or_numbers_above_the_complexity_ceiling() -> None:
    radon = pytest.importorskip("radon.complexity")
    over = []
    paths = [p for pkg in ("claims", "numbers") for p in sorted((SRC / pkg).glob("*.py"))]
    assert len(paths) >= 10
    for path in paths:
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            for b in [block, *getattr(block, "methods", [])]:
                if b.complexity > CEILING:
                    over.append(f"{path.parent.name}/{path.name}:{b.name} {b.complexity}")
    assert over == []


def _counts(text: str):
    return [n for n in find_numbers(text) if n.is_quantity and n.unit in ("件", "条")]


def test_sum_cue_reads_how_many_items_are_summed() -> None:
    text = "准予公开41件,部分准予公开7件,两项合计占62.5%。"
    nums = find_numbers(text)
    pct = next(n for n in nums if n.unit == "%")
    two = next(n for n in nums if n.text.startswith("两"))
    k, at = _sum_cue(text, two, pct, 0)
    assert (k, at) == (2, two.start)
    # from the last listed count the link ",两项合计占" says as much
    last = _counts(text)[-1]
    assert _sum_cue(text, last, pct, 0) == (2, last.end)
    # a share of one count is no share of a sum
    text = "准予公开41件,部分准予公开7件,占14.6%。"
    pct = next(n for n in find_numbers(text) if n.unit == "%")
    assert _sum_cue(text, _counts(text)[-1], pct, 0) is None


def test_listed_run_knows_where_the_list_opens() -> None:
    # a list opened by 其中: every listed count, the opening seen
    text = "本年办结申请90件,其中准予公开41件,部分准予公开7件"
    run, opened = _listed_run(text, _counts(text), 0)
    assert [q.text for q in run] == ["41件", "7件"] and opened
    # the run starts the sentence with a total: where the list opens is unknown
    text = "全年办结申请90件,准予公开41件,部分准予公开7件"
    run, opened = _listed_run(text, _counts(text), 0)
    assert [q.text for q in run] == ["90件", "41件", "7件"] and not opened


def test_claims_is_a_sequence():
    """``report.claims`` indexes and slices like a list (researchers write
    ``report.claims[:3]``)."""
    import gireport

    r = gireport.parse(text="一、概述\n全年共受理申请40件，其中予以公开30件，占75%；不予公开10件，占25%。\n")
    claims = r.claims
    assert len(claims) >= 2
    assert claims[0] is list(claims)[0]
    assert claims[:2] == list(claims)[:2] and isinstance(claims[:2], list)
    assert claims[-1] in claims
    assert [c.type for c in claims.of("share")] == ["share", "share"]
