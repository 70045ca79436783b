"""``Flat``: document text with whitespace removed, mapped back to offsets."""

from __future__ import annotations

from gireport.structure.cues import Flat, truncations


def test_flat_maps_positions_back_to_the_document() -> None:
    doc = "标题\n  全年共受理 申请\n12件。\n尾"
    f = Flat.join(doc, [(3, doc.index("尾"))])
    assert f.text == "全年共受理申请12件。"
    for i, ch in enumerate(f.text):
        assert doc[f.offset(i)] == ch
    a, b = f.span(f.text.index("申请"), f.text.index("件") + 1)
    assert doc[a:b] == "申请\n12件"
    assert f.starts == frozenset({0, 5, 7})
    assert f.begins_run(5) and not f.begins_run(6)


def test_truncation_found_across_a_line_break() -> None:
    doc = "全部申请均按期答复,平均用时为\n个工作日。"
    f = Flat.of(doc, 0, len(doc))
    found = [(cue.name, pos) for cue, pos in truncations(f)]
    assert found == [("measure-without-number", f.text.index("个工作日"))]
